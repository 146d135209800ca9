#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown {

/// The decoded input: valid UTF-8 with LF line ends and no BOM.
struct Decoded {
  std::string utf8;
  InputKind kind = InputKind::text;  ///< html or text, never automatic
  std::string charset;               ///< the charset the bytes were read as ("UTF-8", ...)
  std::vector<Diagnostic> diagnostics;
};

/// Unpacks gzip, picks the charset (BOM, <meta charset>/http-equiv, detection, windows-1252
/// fallback), converts to UTF-8 replacing invalid sequences with U+FFFD (with a warning),
/// normalises line ends and sniffs HTML vs text. Throws Error(Errc::decode) for empty input,
/// binary data, a corrupt gzip stream or an unknown forced charset.
Decoded decode(std::string_view bytes, const DecodeOptions& options);

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

/// Replaces invalid UTF-8 sequences with U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& text);

}  // namespace clipdown
