// MHTML reading: headers, the multipart split and the two transfer encodings browsers use.
// Hand-written rather than GMime (Debian's MIME library): that pulls in GLib for what is one
// boundary scan and two decoders, and clipdown needs only the page's HTML part.

#include "mhtml.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clipdown/error.hpp"
#include "url.hpp"

namespace clipdown::mhtml {

namespace {

// The message headers of an MHTML file are looked for in its first this many bytes.
constexpr std::size_t kMaxHeaderBytes = std::size_t{16} << 10U;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// One line of `text` from `at` (without its LF or CRLF); `at` moves past it.
std::string_view next_line(std::string_view text, std::size_t& at) {
  const std::size_t end = text.find('\n', at);
  std::string_view line = text.substr(at, end == std::string_view::npos ? end : end - at);
  at = end == std::string_view::npos ? text.size() : end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

/// Headers of a message or part: unfolded, name lower case.
struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;

  [[nodiscard]] std::string_view get(std::string_view name) const {
    for (const auto& [key, value] : fields) {
      if (key == name) return value;
    }
    return {};
  }
};

/// Reads headers from `at` up to the blank line that ends them; `at` moves past it. Returns
/// nullopt when no blank line comes within `limit` bytes.
std::optional<Headers> read_headers(std::string_view text, std::size_t& at, std::size_t limit) {
  Headers headers;
  while (at < text.size() && at < limit) {
    const std::string_view line = next_line(text, at);
    if (line.empty()) return headers;
    if ((line.front() == ' ' || line.front() == '\t') && !headers.fields.empty()) {
      headers.fields.back().second += ' ';
      headers.fields.back().second += trim(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;  // not a header: skipped
    headers.fields.emplace_back(lowered(trim(line.substr(0, colon))),
                                std::string(trim(line.substr(colon + 1))));
  }
  return std::nullopt;
}

/// A parameter of a Content-Type value ("boundary", "charset"), quotes removed.
std::string parameter(std::string_view value, std::string_view name) {
  std::size_t at = value.find(';');
  while (at != std::string_view::npos) {
    std::string_view rest = trim(value.substr(at + 1));
    const std::size_t equals = rest.find('=');
    const std::size_t next = rest.find(';');
    if (equals != std::string_view::npos && (next == std::string_view::npos || equals < next) &&
        lowered(trim(rest.substr(0, equals))) == name) {
      std::string_view v = trim(rest.substr(equals + 1));
      if (!v.empty() && v.front() == '"') {
        v.remove_prefix(1);
        v = v.substr(0, v.find('"'));
      } else {
        v = trim(v.substr(0, v.find(';')));
      }
      return std::string(v);
    }
    const std::size_t skip = value.find(';', at + 1);
    at = skip;
  }
  return {};
}

/// The media type of a Content-Type value, lower case ("text/html").
std::string media_type(std::string_view value) {
  return lowered(trim(value.substr(0, value.find(';'))));
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

/// The next delimiter line ("--boundary" at a line start) at or after `from`, or npos.
std::size_t delimiter_at(std::string_view text, std::size_t from, std::string_view delimiter) {
  for (std::size_t at = from;; ++at) {
    at = text.find(delimiter, at);
    if (at == std::string_view::npos || at == 0 || text[at - 1] == '\n') return at;
  }
}

/// Where a part's body starting at `from` ends: before the line end that precedes the next
/// delimiter line, or at the end of the text.
std::size_t part_end(std::string_view text, std::size_t from, std::string_view delimiter) {
  std::size_t end = delimiter_at(text, from, delimiter);
  if (end == std::string_view::npos) return text.size();
  if (end > from && text[end - 1] == '\n') --end;
  if (end > from && text[end - 1] == '\r') --end;
  return end;
}

}  // namespace

bool is_mhtml(std::string_view bytes) {
  std::size_t at = 0;
  const auto headers = read_headers(bytes, at, kMaxHeaderBytes);
  if (!headers) return false;
  const std::string_view type = headers->get("content-type");
  return media_type(type) == "multipart/related" && !parameter(type, "boundary").empty();
}

Page read(std::string_view bytes) {
  std::size_t at = 0;
  const auto headers = read_headers(bytes, at, kMaxHeaderBytes);
  const std::string boundary =
      headers ? parameter(headers->get("content-type"), "boundary") : std::string();
  if (boundary.empty()) throw Error(Errc::decode, "MHTML without a multipart boundary");
  const std::string delimiter = "--" + boundary;
  // Each delimiter line opens a part; "--boundary--" closes the message.
  for (std::size_t line_at = delimiter_at(bytes, at, delimiter);
       line_at != std::string_view::npos;) {
    std::size_t body_at = line_at;
    const std::string_view delimiter_line = next_line(bytes, body_at);
    if (delimiter_line.substr(delimiter.size()).starts_with("--")) break;
    const auto part = read_headers(bytes, body_at, bytes.size());
    if (!part) break;
    const std::size_t end = part_end(bytes, body_at, delimiter);
    line_at = delimiter_at(bytes, end, delimiter);
    const std::string_view type = part->get("content-type");
    if (media_type(type) != "text/html") continue;
    Page page;
    page.charset = parameter(type, "charset");
    page.location = std::string(trim(part->get("content-location")));
    page.encoding = media_type(part->get("content-transfer-encoding"));
    const std::string_view body = bytes.substr(body_at, end - body_at);
    if (page.encoding == "quoted-printable") {
      page.html = decode_quoted_printable(body);
    } else if (page.encoding == "base64") {
      page.html = decode_base64(body);
    } else {
      page.html = std::string(body);  // 7bit, 8bit, binary
    }
    return page;
  }
  throw Error(Errc::decode, "MHTML without an HTML part");
}

std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '=') {
      out += c;
      continue;
    }
    // a soft line break: '=' then optional trailing white space, then CRLF or LF
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < text.size() &&
        (text[j] == '\n' || (text[j] == '\r' && j + 1 < text.size() && text[j + 1] == '\n'))) {
      i = text[j] == '\r' ? j + 1 : j;
      continue;
    }
    if (j == text.size()) break;  // '=' ending the text: a soft break without its line end
    const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
    if (low < 0) {
      out += c;  // malformed: kept as written
      continue;
    }
    out += static_cast<char>((high << 4) | low);
    i += 2;
  }
  return out;
}

std::string decode_base64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    const int value = base64_value(c);
    if (value < 0) break;  // '=' padding or garbage ends the data
    bits = (bits << 6U) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> static_cast<unsigned>(count)) & 0xFFU);
    }
  }
  return out;
}

}  // namespace clipdown::mhtml
