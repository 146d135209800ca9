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
#include "mime.hpp"
#include "url.hpp"

namespace clipdown::mhtml {

using mime::media_type;
using mime::next_line;
using mime::parameter;
using mime::read_headers;
using mime::trim;

namespace {

// The message headers of an MHTML file are looked for in its first this many bytes.
constexpr std::size_t kMaxHeaderBytes = std::size_t{16} << 10U;

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
