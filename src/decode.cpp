#include "clipdown/decode.hpp"

#include "clipdown/error.hpp"

namespace clipdown {

// STUB: replaced by the real decoder.
Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  if (bytes.empty()) throw Error(Errc::decode, "empty input");
  Decoded out;
  out.utf8 = std::string(bytes);
  out.charset = "UTF-8";
  out.kind = options.kind == InputKind::html ? InputKind::html : InputKind::text;
  if (options.kind == InputKind::automatic && bytes.find("<html") != std::string_view::npos) {
    out.kind = InputKind::html;
  }
  return out;
}

bool is_valid_utf8(std::string_view /*text*/) { return true; }
std::size_t repair_utf8(std::string& /*text*/) { return 0; }

}  // namespace clipdown
