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
  std::string location;  ///< the page's address an MHTML file names (Content-Location), or ""
  std::vector<Diagnostic> diagnostics;
};

/// Unpacks gzip and MHTML (the text/html part, its transfer encoding undone), picks the charset
/// (BOM, <meta charset>/http-equiv, detection, windows-1252 fallback), converts to UTF-8 replacing
/// invalid sequences with U+FFFD (with a warning), normalises line ends and sniffs HTML vs text.
/// Throws Error(Errc::decode) for empty input, binary data (gzip data is refused as soon as its
/// first inflated bytes show it), a corrupt gzip stream or an unknown forced charset, and
/// Error(Errc::too_large) for input or inflated data over options.max_bytes.
Decoded decode(std::string_view bytes, const DecodeOptions& options);

/// True when `bytes` start as gzip data does.
bool is_gzip(std::string_view bytes);

/// The first (at most) `max_bytes` that the gzip data `bytes` inflates to: fewer when it ends
/// sooner or turns out corrupt. Cheap (stops at `max_bytes`); for a look at a gzip'd input
/// before deciding to read it all.
std::string inflate_prefix(std::string_view bytes, std::size_t max_bytes);

/// Bytes of an input (and of inflated gzip data) that binary_reason() needs to judge it.
inline constexpr std::size_t kBinarySniffBytes = std::size_t{64} << 10U;

/// Why decode() will refuse an input whose first bytes are `prefix` (at least its first
/// kBinarySniffBytes, or all of it) as binary data, or "" when it may be a page. gzip data is
/// judged once inflated. Lets a reader stop early on /dev/zero or an image.
std::string binary_reason(std::string_view prefix, const DecodeOptions& options);

/// "256 MiB", "1.5 GiB", "300 KiB", "12 bytes": a byte count for messages.
std::string format_size(std::size_t bytes);

/// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

/// Replaces invalid UTF-8 sequences with U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& text);

}  // namespace clipdown
