#pragma once

// Header blocks in the style of RFC 5322 / MIME ("Name: value" lines up to a blank line), as
// MHTML parts, WARC records and HTTP responses write them, and Content-Type values.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clipdown::mime {

/// ASCII lower case.
std::string lowered(std::string_view s);

/// `s` without leading and trailing spaces, tabs (and a trailing CR).
std::string_view trim(std::string_view s);

/// One line of `text` from `at` (without its LF or CRLF); `at` moves past it.
std::string_view next_line(std::string_view text, std::size_t& at);

/// Headers of a message, part or record: unfolded, names lower case, in order.
struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;

  /// The value of the first header named `name` (lower case), or "".
  [[nodiscard]] std::string_view get(std::string_view name) const {
    for (const auto& [key, value] : fields) {
      if (key == name) return value;
    }
    return {};
  }
};

/// Reads headers from `at` up to the blank line that ends them; `at` moves past it. Lines
/// without a colon are skipped. Returns nullopt when no blank line comes before `limit` (an
/// offset in `text`) or the end of `text`.
std::optional<Headers> read_headers(std::string_view text, std::size_t& at, std::size_t limit);

/// A parameter of a Content-Type value ("boundary", "charset"), quotes removed; "" if absent.
std::string parameter(std::string_view value, std::string_view name);

/// The media type of a Content-Type value, lower case ("text/html; charset=x" -> "text/html").
std::string media_type(std::string_view value);

}  // namespace clipdown::mime
