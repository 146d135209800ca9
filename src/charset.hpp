#pragma once

// Internal to the decode stage: charset labels, declarations, detection and conversion to UTF-8.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clipdown::charset {

/// A character encoding clipdown can read.
struct Encoding {
  std::string_view name;        ///< canonical WHATWG name ("windows-1252", "Shift_JIS", ...)
  std::string_view iconv_name;  ///< the name glibc's iconv knows it by
  std::uint8_t unit = 1;        ///< code unit size in bytes (2 for UTF-16, 4 for UTF-32)
  bool single_byte = false;     ///< one byte per character (ISO-8859-x, windows-125x, KOI8, ...)
};

/// The encoding a label names, by the WHATWG Encoding Standard's label table (trimmed,
/// case-insensitive), plus a few names detectors and old pages use. nullptr when unknown or
/// when the label names the WHATWG "replacement" encoding (ISO-2022-KR, HZ-GB-2312, ...).
const Encoding* find_encoding(std::string_view label);

/// UTF-8.
const Encoding& utf8_encoding();
/// windows-1252, the fallback for undeclared legacy bytes.
const Encoding& windows1252_encoding();

/// A charset the bytes declare, and where.
struct Declaration {
  std::string label;        ///< as written ("ISO-8859-1")
  std::string_view source;  ///< "<meta charset>", "<meta http-equiv>", "the XML declaration"
};

/// Finds `<meta charset>`, `<meta http-equiv=Content-Type content="...charset=...">` (a
/// WHATWG-style prescan of `bytes`, comments skipped) or else the XML declaration's encoding.
std::optional<Declaration> find_declaration(std::string_view bytes);

/// Guesses the charset of bytes that are not UTF-8 with uchardet; nullptr when it has no
/// confident answer: too few non-ASCII bytes, a single-byte guess that reads the bytes no
/// differently from windows-1252 or as control characters, a multibyte guess the bytes do not
/// follow.
const Encoding* detect(std::string_view bytes);

/// Whether non-UTF-8 `bytes` read plausibly as Western windows-1252 text (accented letters
/// inside words, typographic punctuation) rather than as damaged UTF-8.
bool plausible_windows1252(std::string_view bytes);

/// The result of a conversion to UTF-8.
struct Conversion {
  std::string utf8;
  std::size_t replaced = 0;  ///< invalid sequences turned into U+FFFD
};

/// Converts `bytes` read as `encoding` to UTF-8, replacing invalid sequences with U+FFFD.
/// UTF-8 is validated and repaired, windows-1252 decoded by table, the rest through iconv.
/// Returns nullopt only when iconv cannot open the conversion.
std::optional<Conversion> to_utf8(std::string_view bytes, const Encoding& encoding);

/// Counts of a UTF-8 scan, to tell mostly-UTF-8 bytes with a few bad ones from legacy bytes.
struct Utf8Stats {
  std::size_t multibyte = 0;  ///< well-formed sequences of 2-4 bytes
  std::size_t invalid = 0;    ///< maximal invalid subparts
};

/// Scans `text` as UTF-8.
Utf8Stats utf8_stats(std::string_view text);

/// Undoes double encoding ("itâ\u0080\u0099s", "itâ€™s" for "it’s"): UTF-8 that was read as
/// windows-1252 or Latin-1 and encoded as UTF-8 again. Acts only when `text` (valid UTF-8) holds
/// at least kMinDoubleEncoded sequences that no real text has (a Latin-1 lead letter followed by
/// C1 controls or windows-1252 punctuation that together spell a UTF-8 character); then every
/// such sequence is decoded once more. Returns the number of characters repaired.
std::size_t repair_double_encoding(std::string& text);

/// How many unmistakable double-encoded sequences make a text double-encoded.
inline constexpr std::size_t kMinDoubleEncoded = 3;

}  // namespace clipdown::charset
