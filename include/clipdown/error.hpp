#pragma once

#include <stdexcept>
#include <string>

namespace clipdown {

/// What kind of failure stopped a conversion.
enum class Errc {
  io,      ///< the input could not be read or the output not written
  decode,  ///< the bytes are not a page (binary, unknown charset, empty)
  /// the input, or gzip data once inflated, is larger than DecodeOptions::max_bytes
  too_large,
  parse,   ///< the page could not be parsed at all
  output,  ///< the result could not be written
};

/// Thrown only when no result can be produced; messy input yields diagnostics instead.
class Error : public std::runtime_error {
 public:
  /// Creates an error; `message` is one line naming the reason.
  Error(Errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// The failure category.
  [[nodiscard]] Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

}  // namespace clipdown
