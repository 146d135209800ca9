#include "warc.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "clipdown/decode.hpp"
#include "clipdown/error.hpp"
#include "mime.hpp"

namespace clipdown::warc {

namespace {

constexpr std::size_t kBufferBytes = std::size_t{64} << 10U;
// A header line or an HTTP head longer than this is not one: the record is malformed.
constexpr std::size_t kMaxHeaderBytes = std::size_t{64} << 10U;
// Lines read past a malformed record while looking for the next "WARC/" line.
constexpr std::size_t kMaxResyncLines = std::size_t{1} << 20U;
constexpr int kHttpOk = 200;

bool is_html_type(std::string_view type) {
  return type == "text/html" || type == "application/xhtml+xml";
}

/// A file read forwards through a buffer, inflating gzip members as they come (a new member
/// starts a new inflate), with the offsets a RecordRef needs.
class Stream {
 public:
  explicit Stream(const std::string& path)
      // O_NONBLOCK: opening a FIFO with no writer would wait for ever (it is refused below)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)) {  // NOLINT(*-vararg)
    if (fd_ < 0) throw Error(Errc::io, fmt::format("cannot open: {}", std::strerror(errno)));
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
      ::close(fd_);
      throw Error(Errc::io, "not a regular file");
    }
    in_.resize(kBufferBytes);
    out_.resize(kBufferBytes);
    fill_input();
    gzip_ = is_gzip(std::string_view(in_.data(), in_end_));
    if (gzip_) start_member();
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  Stream(Stream&&) = delete;
  Stream& operator=(Stream&&) = delete;
  ~Stream() {
    if (inflating_) inflateEnd(&zs_);
    ::close(fd_);
  }

  /// Where the next byte comes from, as a RecordRef.
  [[nodiscard]] RecordRef here() const {
    const std::uint64_t unread_input = in_end_ - in_pos_;
    const std::uint64_t unread_output = out_end_ - out_pos_;
    if (!gzip_) return {file_offset_ - unread_input - unread_output, 0};
    // At the end of a member, the next byte is the next member's first.
    if (member_done_ && unread_output == 0) return {file_offset_ - unread_input, 0};
    return {member_start_, produced_in_member_ - unread_output};
  }

  /// Moves to `at` (a member start, or a byte offset of a plain file), then skips `at.skip`.
  void seek(RecordRef at) {
    if (::lseek(fd_, static_cast<off_t>(at.offset), SEEK_SET) < 0) {
      throw Error(Errc::decode, fmt::format("no record at offset {}", at.offset));
    }
    file_offset_ = at.offset;
    in_pos_ = in_end_ = out_pos_ = out_end_ = 0;
    eof_ = false;
    fill_input();
    if (gzip_) start_member();
    skip(at.skip);
  }

  /// Up to `n` bytes; fewer only at the end of the file (or of readable gzip data).
  std::size_t read(char* to, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
      if (out_pos_ == out_end_ && !refill()) break;
      const std::size_t take = std::min(n - done, out_end_ - out_pos_);
      std::memcpy(to + done, out_.data() + out_pos_, take);
      out_pos_ += take;
      done += take;
    }
    return done;
  }

  /// Skips `n` bytes; false when the file ends first.
  bool skip(std::uint64_t n) {
    while (n > 0) {
      if (out_pos_ == out_end_ && !refill()) return false;
      const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(n, out_end_ - out_pos_));
      out_pos_ += take;
      n -= take;
    }
    return true;
  }

  /// One line without its LF (and CR), at most its first `max` bytes; nullopt at the end of
  /// the file.
  std::optional<std::string> line(std::size_t max) {
    std::string text;
    for (;;) {
      if (out_pos_ == out_end_ && !refill()) {
        if (text.empty()) return std::nullopt;
        break;
      }
      const char* start = out_.data() + out_pos_;
      const auto* nl = static_cast<const char*>(std::memchr(start, '\n', out_end_ - out_pos_));
      const std::size_t take =
          nl != nullptr ? static_cast<std::size_t>(nl - start) : out_end_ - out_pos_;
      text.append(start, std::min(take, max - std::min(max, text.size())));
      out_pos_ += take;
      if (nl != nullptr) {
        ++out_pos_;
        break;
      }
    }
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
  }

  /// Whether the gzip data was corrupt (reading stopped there).
  [[nodiscard]] bool corrupt() const { return corrupt_; }

 private:
  void fill_input() {
    if (in_pos_ < in_end_) return;
    in_pos_ = in_end_ = 0;
    if (eof_) return;
    ssize_t n = 0;
    do {
      n = ::read(fd_, in_.data(), in_.size());
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      eof_ = true;
      return;
    }
    in_end_ = static_cast<std::size_t>(n);
    file_offset_ += static_cast<std::uint64_t>(n);
  }

  void start_member() {
    if (inflating_) inflateEnd(&zs_);
    zs_ = z_stream{};
    inflating_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
    member_start_ = file_offset_ - (in_end_ - in_pos_);
    produced_in_member_ = 0;
    member_done_ = false;
  }

  /// More bytes into out_; false at the end.
  bool refill() {
    out_pos_ = out_end_ = 0;
    if (!gzip_) {
      fill_input();
      if (in_pos_ == in_end_) return false;
      const std::size_t take = in_end_ - in_pos_;
      std::memcpy(out_.data(), in_.data() + in_pos_, take);
      in_pos_ = in_end_;
      out_end_ = take;
      return true;
    }
    while (out_end_ == 0) {
      if (member_done_) {
        fill_input();
        if (in_pos_ == in_end_) return false;  // the last member ended the file
        start_member();
      }
      if (!inflating_ || corrupt_) return false;
      fill_input();
      if (in_pos_ == in_end_) return false;                          // cut short inside a member
      zs_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);  // NOLINT(*-reinterpret-cast)
      zs_.avail_in = static_cast<uInt>(in_end_ - in_pos_);
      zs_.next_out = reinterpret_cast<Bytef*>(out_.data());  // NOLINT(*-reinterpret-cast)
      zs_.avail_out = static_cast<uInt>(out_.size());
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      in_pos_ = in_end_ - zs_.avail_in;
      out_end_ = out_.size() - zs_.avail_out;
      produced_in_member_ += out_end_;
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        corrupt_ = true;
        return out_end_ > 0;
      }
    }
    return true;
  }

  int fd_;
  bool gzip_ = false;
  bool eof_ = false;
  bool corrupt_ = false;
  bool inflating_ = false;
  bool member_done_ = false;
  z_stream zs_{};
  std::string in_;
  std::string out_;
  std::size_t in_pos_ = 0;
  std::size_t in_end_ = 0;
  std::size_t out_pos_ = 0;
  std::size_t out_end_ = 0;
  std::uint64_t file_offset_ = 0;  // bytes read from the file so far
  std::uint64_t member_start_ = 0;
  std::uint64_t produced_in_member_ = 0;
};

/// A record's header block, read up to the blank line that ends it.
struct Head {
  RecordRef at;
  mime::Headers fields;
  std::uint64_t length = 0;
};

enum class HeadResult : std::uint8_t { ok, end, malformed, truncated };

/// Reads the next record's header block (skipping blank lines before it).
HeadResult read_head(Stream& in, Head& head) {
  std::optional<std::string> line;
  do {
    head.at = in.here();
    line = in.line(kMaxHeaderBytes);
    if (!line) return HeadResult::end;
  } while (line->empty());
  if (!line->starts_with("WARC/")) return HeadResult::malformed;
  std::string text;
  for (;;) {
    line = in.line(kMaxHeaderBytes);
    if (!line) return HeadResult::truncated;  // the archive ends inside the header block
    text += *line;
    text += '\n';
    if (line->empty()) break;
    if (text.size() > kMaxHeaderBytes) return HeadResult::malformed;
  }
  std::size_t at = 0;
  auto fields = mime::read_headers(text, at, text.size());
  if (!fields) return HeadResult::malformed;
  head.fields = std::move(*fields);
  const std::string_view length = head.fields.get("content-length");
  if (length.empty() ||
      !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      length.size() > 18) {
    return HeadResult::malformed;
  }
  head.length = std::stoull(std::string(length));
  return HeadResult::ok;
}

/// The HTTP head of a response block: the status line and headers, up to the blank line.
struct HttpHead {
  int status = 0;
  mime::Headers headers;
  std::size_t body_start = 0;  // offset of the body in the block
};

std::optional<HttpHead> http_head(std::string_view block) {
  std::size_t at = 0;
  const std::string_view status_line = mime::trim(mime::next_line(block, at));
  if (!status_line.starts_with("HTTP/")) return std::nullopt;
  const std::size_t space = status_line.find(' ');
  if (space == std::string_view::npos || status_line.size() < space + 4) return std::nullopt;
  HttpHead out;
  for (char c : status_line.substr(space + 1, 3)) {
    if (c < '0' || c > '9') return std::nullopt;
    out.status = out.status * 10 + (c - '0');
  }
  auto headers = mime::read_headers(block, at, kMaxHeaderBytes);
  if (!headers) return std::nullopt;
  out.headers = std::move(*headers);
  out.body_start = at;
  return out;
}

/// Whether a record whose head is `head` and whose content starts with `prefix` holds a page.
bool holds_page(const Head& head, std::string_view prefix) {
  const std::string type = mime::lowered(head.fields.get("warc-type"));
  if (type == "resource") return is_html_type(mime::media_type(head.fields.get("content-type")));
  if (type != "response") return false;
  const auto http = http_head(prefix);
  return http && http->status == kHttpOk &&
         is_html_type(mime::media_type(http->headers.get("content-type")));
}

/// Inflates zlib or raw deflate data (Content-Encoding: deflate is either in the wild).
/// Throws Error(Errc::too_large) past `max_bytes`, as decode() does for gzip data.
std::optional<std::string> inflate_deflate(std::string_view data, std::size_t max_bytes) {
  for (const int bits : {MAX_WBITS, -MAX_WBITS}) {
    z_stream zs{};
    if (inflateInit2(&zs, bits) != Z_OK) return std::nullopt;
    std::string out;
    std::array<char, kBufferBytes> chunk{};
    zs.next_in = const_cast<Bytef*>(  // NOLINT(*-const-cast): zlib never writes through it
        reinterpret_cast<const Bytef*>(data.data()));  // NOLINT(*-reinterpret-cast)
    zs.avail_in = static_cast<uInt>(data.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
      zs.next_out = reinterpret_cast<Bytef*>(chunk.data());  // NOLINT(*-reinterpret-cast)
      zs.avail_out = static_cast<uInt>(chunk.size());
      rc = inflate(&zs, Z_NO_FLUSH);
      out.append(chunk.data(), chunk.size() - zs.avail_out);
      if (out.size() > max_bytes) {
        inflateEnd(&zs);
        throw Error(Errc::too_large, fmt::format("deflate content inflates to more than {}",
                                                 format_size(max_bytes)));
      }
      if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
    }
    inflateEnd(&zs);
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out.empty())) return out;
  }
  return std::nullopt;
}

}  // namespace

bool is_warc(std::string_view first_bytes) {
  if (is_gzip(first_bytes)) return inflate_prefix(first_bytes, 8).starts_with("WARC/1.");
  return first_bytes.starts_with("WARC/1.");
}

Scan scan(const std::string& path) {
  Stream in(path);
  Scan out;
  Head head;
  std::size_t resync = 0;
  for (;;) {
    const HeadResult result = read_head(in, head);
    if (result == HeadResult::end) break;
    if (result == HeadResult::truncated) {
      out.warnings.push_back(fmt::format(
          "truncated record at offset {}: the archive ends inside its header", head.at.offset));
      break;
    }
    if (result == HeadResult::malformed) {
      if (resync == 0) {
        out.warnings.push_back(
            fmt::format("malformed record at offset {}: skipped to the next one", head.at.offset));
      }
      if (++resync > kMaxResyncLines) {
        out.warnings.push_back(
            fmt::format("no record in the {} lines after offset {}: the rest "
                        "of the archive is not read",
                        kMaxResyncLines, head.at.offset));
        break;
      }
      continue;  // read_head reads on line by line until a "WARC/" line
    }
    resync = 0;
    ++out.records;
    if (head.at.skip != 0) out.one_stream = true;
    // Enough of the content to see the HTTP status and headers.
    std::string prefix(
        static_cast<std::size_t>(std::min<std::uint64_t>(head.length, kMaxHeaderBytes)), '\0');
    const std::size_t got = in.read(prefix.data(), prefix.size());
    prefix.resize(got);
    if (got < head.length && (got < kMaxHeaderBytes || !in.skip(head.length - got))) {
      out.warnings.push_back(
          fmt::format("truncated record at offset {} ({}): the archive ends inside it",
                      head.at.offset, head.fields.get("warc-target-uri")));
      break;
    }
    if (holds_page(head, prefix)) out.pages.push_back(head.at);
  }
  if (in.corrupt())
    out.warnings.emplace_back("corrupt gzip data: the rest of the archive is unreadable");
  return out;
}

Record read(const std::string& path, RecordRef at, std::size_t max_bytes) {
  Stream in(path);
  in.seek(at);
  Head head;
  if (read_head(in, head) != HeadResult::ok) {
    throw Error(Errc::decode, fmt::format("no WARC record at offset {}", at.offset));
  }
  if (head.length > max_bytes) {
    throw Error(Errc::too_large, fmt::format("WARC record at offset {} is larger than {}",
                                             at.offset, format_size(max_bytes)));
  }
  Record record;
  record.at = at;
  record.type = head.fields.get("warc-type");
  record.target_uri = head.fields.get("warc-target-uri");
  // WARC/1.0 wrote the URI in angle brackets; 1.1 does not.
  if (record.target_uri.size() >= 2 && record.target_uri.front() == '<' &&
      record.target_uri.back() == '>') {
    record.target_uri = record.target_uri.substr(1, record.target_uri.size() - 2);
  }
  std::string_view id = head.fields.get("warc-record-id");
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  record.record_id = id;
  record.content_type = head.fields.get("content-type");
  record.block.resize(static_cast<std::size_t>(head.length));
  if (in.read(record.block.data(), record.block.size()) < record.block.size()) {
    throw Error(Errc::decode, fmt::format("WARC record at offset {} is truncated", at.offset));
  }
  return record;
}

std::string dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) break;
    std::string_view size_line = mime::trim(body.substr(pos, eol - pos));
    size_line = size_line.substr(0, size_line.find(';'));  // chunk extensions
    std::size_t size = 0;
    bool digits = !size_line.empty() && size_line.size() <= 15;
    for (const char c : size_line) {
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) digits = false;
      size = size * 16 + static_cast<std::size_t>(std::max(d, 0));
    }
    if (!digits || size == 0) break;
    pos = eol + 1;
    out.append(body.substr(pos, std::min(size, body.size() - pos)));
    pos += size;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

Page page_of(Record record, std::size_t max_bytes) {
  Page page;
  page.url = record.target_uri;
  page.record_id = record.record_id;
  const std::string type = mime::lowered(record.type);
  if (type == "resource") {
    const std::string media = mime::media_type(record.content_type);
    if (!is_html_type(media)) {
      throw Error(Errc::decode, fmt::format("a {} resource, not a page", media));
    }
    page.charset = mime::parameter(record.content_type, "charset");
    page.body = std::move(record.block);
    return page;
  }
  if (type != "response") {
    throw Error(Errc::decode, fmt::format("a {} record, not a response", record.type));
  }
  const auto http = http_head(record.block);
  if (!http) throw Error(Errc::decode, "no HTTP response in the record");
  if (http->status != kHttpOk)
    throw Error(Errc::decode, fmt::format("HTTP status {}", http->status));
  const std::string_view content_type = http->headers.get("content-type");
  const std::string media = mime::media_type(content_type);
  if (!is_html_type(media)) {
    throw Error(Errc::decode, fmt::format("Content-Type {}, not a page", media));
  }
  page.charset = mime::parameter(content_type, "charset");
  const std::string encoding = mime::media_type(http->headers.get("content-encoding"));
  const bool deflate = encoding == "deflate";
  if (!deflate && !encoding.empty() && encoding != "identity" && encoding != "gzip" &&
      encoding != "x-gzip") {
    throw Error(Errc::decode, fmt::format("content encoding '{}' is not supported", encoding));
  }
  // The body in place of the record's content, never a second copy of a large page.
  std::string body = std::move(record.block);
  body.erase(0, http->body_start);
  if (mime::lowered(http->headers.get("transfer-encoding")).find("chunked") != std::string::npos) {
    body = dechunk(body);
  }
  if (deflate) {
    auto inflated = inflate_deflate(body, max_bytes);
    if (!inflated) throw Error(Errc::decode, "corrupt deflate content encoding");
    body = std::move(*inflated);
  }
  page.body = std::move(body);  // gzip: decode() unpacks it by its magic bytes, as for files
  return page;
}

}  // namespace clipdown::warc
