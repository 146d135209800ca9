#include "mime.hpp"

namespace clipdown::mime {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

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

}  // namespace clipdown::mime
