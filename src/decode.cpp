#include "clipdown/decode.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <zlib.h>

#include "charset.hpp"
#include "clipdown/error.hpp"
#include "mhtml.hpp"

namespace clipdown {

namespace {

// ---------------------------------------------------------------------------------------------
// Heuristics and limits

// Nested gzip layers unpacked (a .gz of a page served with Content-Encoding: gzip).
constexpr int kMaxGzipLayers = 2;
// Bytes examined for binary data, UTF-16 without a BOM, and the HTML-or-text sniff.
constexpr std::size_t kSniffBytes = 4096;
// Binary when more than 1 byte in this many of the sample is a control byte other than
// white space and ESC (ISO-2022-JP); stray NULs in a page stay below it.
constexpr std::size_t kBinaryControlOneIn = 20;
// Samples shorter than this count as this long in that ratio, so a short text with one stray
// control byte is not called binary.
constexpr std::size_t kBinaryMinSample = 256;
// UTF-16 without a BOM: at least this percentage of one byte parity is NUL (ASCII markup) ...
constexpr std::size_t kUtf16NulPercent = 40;
// ... and at most this percentage of the other.
constexpr std::size_t kUtf16OtherNulPercent = 5;
// Bytes with a few invalid sequences still read as UTF-8 (repaired) when they hold at least
// this many well-formed multibyte sequences per invalid one; legacy 8-bit text almost never does.
constexpr std::size_t kMostlyUtf8Ratio = 8;
// Tag-like openings counted by the HTML sniff (after '<', matched case-insensitively and
// followed by white space, '>' or '/'). "a" counts only as "<a href".
constexpr std::array<std::string_view, 34> kSniffTags = {
    "p",      "div", "br",   "span", "li",      "ul",      "ol",     "table",  "tr",
    "td",     "img", "meta", "link", "script",  "style",   "title",  "h1",     "h2",
    "h3",     "h4",  "h5",   "h6",   "section", "article", "header", "footer", "nav",
    "strong", "em",  "b",    "i",    "form",    "iframe",  "hr"};
// Tags (plus closing tags "</x") in the first kSniffBytes that make an input HTML without any
// other hint; a text scrape quoting "<p>" once stays text.
constexpr std::size_t kHtmlMinTags = 4;
// With a .html-like file name, this many tags suffice.
constexpr std::size_t kHtmlMinTagsWithHint = 1;
// Openings that make an input an HTML document outright (after white space and comments).
constexpr std::array<std::string_view, 4> kDocumentStarts = {"<!doctype html", "<html", "<head",
                                                             "<body"};
// File-name extensions (after a trailing ".gz") hinting HTML or text.
constexpr std::array<std::string_view, 5> kHtmlExtensions = {".html", ".htm", ".xhtml", ".xht",
                                                             ".shtml"};
constexpr std::array<std::string_view, 3> kTextExtensions = {".txt", ".text", ".md"};

// Signatures of binary formats people feed a converter by mistake, named in the error.
struct Magic {
  std::string_view bytes;
  std::string_view name;
};
constexpr std::array<Magic, 11> kMagics = {{
    {"\x89PNG\r\n\x1a\n", "PNG image"},
    {"%PDF-", "PDF document"},
    {"PK\x03\x04", "ZIP archive"},
    {"PK\x05\x06", "ZIP archive"},
    {"\x7f"
     "ELF",
     "ELF executable"},
    {"GIF87a", "GIF image"},
    {"GIF89a", "GIF image"},
    {"\xff\xd8\xff", "JPEG image"},
    {"7z\xbc\xaf\x27\x1c", "7-Zip archive"},
    {"\xfd"
     "7zXZ",
     "XZ archive"},
    {"BZh", "bzip2 archive"},
}};

// Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
struct Bom {
  std::string_view bytes;
  std::string_view charset;
};
constexpr std::array<Bom, 5> kBoms = {{
    {std::string_view("\xff\xfe\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xfe\xff", 4), "UTF-32BE"},
    {"\xef\xbb\xbf", "UTF-8"},
    {"\xff\xfe", "UTF-16LE"},
    {"\xfe\xff", "UTF-16BE"},
}};

constexpr std::string_view kStage = "decode";

// ---------------------------------------------------------------------------------------------
// Helpers

void note(std::vector<Diagnostic>& diagnostics, std::string message) {
  diagnostics.push_back({Severity::note, std::string(kStage), std::move(message)});
}

void warn(std::vector<Diagnostic>& diagnostics, std::string message) {
  diagnostics.push_back({Severity::warning, std::string(kStage), std::move(message)});
}

constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         starts_with_ci(text.substr(text.size() - suffix.size()), suffix);
}

// ---------------------------------------------------------------------------------------------
// gzip

/// Ends a zlib inflate stream.
struct InflateEnd {
  void operator()(z_stream* stream) const noexcept { inflateEnd(stream); }
};

/// Where an inflate run stands.
struct Inflation {
  std::string out;
  std::size_t produced = 0;
  std::size_t consumed = 0;
  std::size_t limit = 0;    // more output than this is refused
  std::size_t reserve = 0;  // the size the output grows to at once after the sniff
};

Error inflates_too_much(std::size_t limit) {
  return {Errc::too_large, fmt::format("gzip data inflates to more than {}", format_size(limit))};
}

/// One inflate() call over the rest of the input, growing the output first when it is full:
/// never past one byte over the limit, which is enough to know the limit is passed.
int inflate_step(z_stream& stream, std::string_view bytes, Inflation& state) {
  constexpr std::size_t kMaxChunk = std::size_t{1} << 30U;  // z_stream counts in uInt
  if (state.produced == state.out.size()) {
    if (state.out.size() > state.limit) throw inflates_too_much(state.limit);
    const std::size_t grown = std::max(state.out.size() * 2, state.reserve);
    state.out.resize(std::min(grown, state.limit + 1));
  }
  const std::size_t in_chunk = std::min(bytes.size() - state.consumed, kMaxChunk);
  const std::size_t out_chunk = std::min(state.out.size() - state.produced, kMaxChunk);
  // zlib takes a non-const input pointer it never writes through.
  stream.next_in = const_cast<Bytef*>(  // NOLINT(cppcoreguidelines-pro-type-const-cast)
      reinterpret_cast<const Bytef*>(   // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
          bytes.data() + state.consumed));
  stream.avail_in = static_cast<uInt>(in_chunk);
  stream.next_out =
      reinterpret_cast<Bytef*>(  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
          state.out.data() + state.produced);
  stream.avail_out = static_cast<uInt>(out_chunk);
  const int rc = inflate(&stream, Z_NO_FLUSH);
  state.consumed += in_chunk - stream.avail_in;
  state.produced += out_chunk - stream.avail_out;
  if (state.produced > state.limit) throw inflates_too_much(state.limit);
  return rc;
}

std::string binary_reason(std::string_view prefix, const DecodeOptions& options, bool gzip_ok);

/// Inflates every gzip member of `bytes` (concatenated members are one file, as gzip -d
/// treats them). Best effort on a truncated or corrupt tail. The first kBinarySniffBytes of
/// output are judged before inflating more: a bomb of zeros stops there. `inner_gzip`: the
/// output may be gzip data again (decode() unpacks one more layer).
std::string gunzip(std::string_view bytes, const DecodeOptions& options, bool inner_gzip,
                   std::vector<Diagnostic>& diagnostics) {
  z_stream stream{};
  // 16 + MAX_WBITS: the gzip wrapper only.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    throw Error(Errc::decode, "cannot initialise zlib");
  }
  const std::unique_ptr<z_stream, InflateEnd> owner{&stream};
  Inflation state;
  state.limit = options.max_bytes;
  state.reserve = std::min(bytes.size() * 4, state.limit + 1);
  state.out.resize(std::min(kBinarySniffBytes, state.limit + 1));
  bool sniffed = false;
  for (;;) {
    const int rc = inflate_step(stream, bytes, state);
    if (!sniffed && state.produced >= kBinarySniffBytes) {
      sniffed = true;
      const std::string reason =
          binary_reason(std::string_view(state.out).substr(0, state.produced), options, inner_gzip);
      if (!reason.empty()) throw Error(Errc::decode, reason);
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && stream.avail_out == 0)) continue;
    if (rc != Z_STREAM_END) {
      // Z_BUF_ERROR with the input used up: truncated; anything else: corrupt.
      if (state.produced == 0) throw Error(Errc::decode, "corrupt gzip data");
      warn(diagnostics, "truncated gzip data");
      break;
    }
    const std::string_view rest = bytes.substr(state.consumed);
    if (is_gzip(rest)) {
      inflateReset(&stream);  // the next member
      continue;
    }
    if (rest.find_first_not_of('\0') != std::string_view::npos) {
      warn(diagnostics, fmt::format("ignored {} bytes after the gzip data", rest.size()));
    }
    break;
  }
  state.out.resize(state.produced);
  return std::move(state.out);
}

// ---------------------------------------------------------------------------------------------
// Binary data and UTF-16 without a BOM

std::optional<std::string_view> known_binary_format(std::string_view bytes) {
  for (const Magic& magic : kMagics) {
    if (bytes.starts_with(magic.bytes)) return magic.name;
  }
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return "WebP image";
  }
  return std::nullopt;
}

bool looks_binary(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  std::size_t controls = 0;
  for (const char c : sample) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1b) {
      ++controls;
    }
  }
  return controls * kBinaryControlOneIn > std::max(sample.size(), kBinaryMinSample);
}

/// UTF-16 without a BOM: ASCII characters leave NULs in every other byte.
const charset::Encoding* sniff_utf16(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kSniffBytes & ~std::size_t{1});
  const std::size_t pairs = sample.size() / 2;
  if (pairs < 2) return nullptr;
  std::size_t even = 0;
  std::size_t odd = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    if (sample[i] == '\0') ++even;
    if (sample[i + 1] == '\0') ++odd;
  }
  const auto many = [&](std::size_t n) { return n * 100 >= pairs * kUtf16NulPercent; };
  const auto few = [&](std::size_t n) { return n * 100 <= pairs * kUtf16OtherNulPercent; };
  if (many(odd) && few(even)) return charset::find_encoding("utf-16le");
  if (many(even) && few(odd)) return charset::find_encoding("utf-16be");
  return nullptr;
}

/// binary_reason(); `gzip_ok`: gzip data is not judged (it is inflated and judged then).
std::string binary_reason(std::string_view prefix, const DecodeOptions& options, bool gzip_ok) {
  if (gzip_ok && is_gzip(prefix)) return {};
  if (const auto format = known_binary_format(prefix)) {
    return fmt::format("binary data ({}), not a web page or text", *format);
  }
  // The same order as choose_charset(): a forced charset, a BOM or UTF-16's NUL pattern come
  // before the control-byte count.
  if (!options.charset.empty()) return {};
  for (const Bom& bom : kBoms) {
    if (prefix.starts_with(bom.bytes)) return {};
  }
  if (sniff_utf16(prefix) != nullptr) return {};
  if (looks_binary(prefix)) return "binary data, not a web page or text";
  return {};
}

// ---------------------------------------------------------------------------------------------
// Charset choice

struct Choice {
  const charset::Encoding* encoding = nullptr;
  std::string reason;  // "from <meta charset>"
};

/// Valid UTF-8, or UTF-8 with a few damaged sequences among many good ones.
bool reads_as_utf8(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return true;
  const charset::Utf8Stats stats = charset::utf8_stats(bytes);
  return stats.multibyte >= stats.invalid * kMostlyUtf8Ratio;
}

/// Steps 4-7 of the cascade, for bytes with no usable declaration.
Choice detect_charset(std::string_view bytes) {
  // 4. Valid (or mostly valid) UTF-8.
  if (is_valid_utf8(bytes)) return {&charset::utf8_encoding(), "(valid UTF-8)"};
  if (reads_as_utf8(bytes)) return {&charset::utf8_encoding(), "(mostly valid UTF-8)"};
  // 5. uchardet's confident guess; windows-1252 only when the bytes read like Western text.
  const charset::Encoding* guess = charset::detect(bytes);
  const bool western = charset::plausible_windows1252(bytes);
  if (guess != nullptr && guess->name != charset::utf8_encoding().name &&
      (guess->name != charset::windows1252_encoding().name || western)) {
    return {guess, "detected by uchardet"};
  }
  // 6. windows-1252, when plausible.
  if (western) {
    return {&charset::windows1252_encoding(), "(fallback: not UTF-8, no declaration)"};
  }
  // 7. Damaged UTF-8: bad sequences become U+FFFD.
  return {&charset::utf8_encoding(), "(invalid UTF-8, not a legacy charset either)"};
}

/// The cascade: 1. forced; 2. BOM; 3. the HTTP charset; 4. UTF-16 NUL pattern; then (after the
/// binary check) 5. declaration (<meta>, XML); then detect_charset() (valid UTF-8, uchardet,
/// windows-1252, damaged UTF-8).
Choice choose_charset(std::string_view bytes, const DecodeOptions& options,
                      std::vector<Diagnostic>& diagnostics) {
  if (!options.charset.empty()) {
    const charset::Encoding* forced = charset::find_encoding(options.charset);
    if (forced == nullptr) {
      throw Error(Errc::decode, fmt::format("unknown charset '{}'", options.charset));
    }
    return {forced, "(forced)"};
  }
  for (const Bom& bom : kBoms) {
    if (bytes.starts_with(bom.bytes)) {
      return {charset::find_encoding(bom.charset), "from the byte order mark"};
    }
  }
  if (!options.transport_charset.empty()) {
    if (const charset::Encoding* declared = charset::find_encoding(options.transport_charset)) {
      return {declared, "from the HTTP Content-Type"};
    }
    warn(diagnostics, fmt::format("unknown charset '{}' in the HTTP Content-Type, ignored",
                                  options.transport_charset));
  }
  if (const charset::Encoding* utf16 = sniff_utf16(bytes)) {
    return {utf16, "from the NUL byte pattern"};
  }
  if (looks_binary(bytes)) throw Error(Errc::decode, "binary data, not a web page or text");
  if (options.kind != InputKind::text) {
    if (const auto declaration = charset::find_declaration(bytes)) {
      const charset::Encoding* declared = charset::find_encoding(declaration->label);
      if (declared == nullptr) {
        warn(diagnostics, fmt::format("unknown charset '{}' in {}, detecting instead",
                                      declaration->label, declaration->source));
      } else if (declared->unit != 1 || declared->name == charset::utf8_encoding().name) {
        // WHATWG: a UTF-16 declaration found by an ASCII scan means UTF-8.
        if (reads_as_utf8(bytes))
          return {&charset::utf8_encoding(), fmt::format("from {}", declaration->source)};
        warn(diagnostics,
             fmt::format("{} declares UTF-8 but the bytes are not UTF-8, detecting instead",
                         declaration->source));
      } else {
        return {declared, fmt::format("from {}", declaration->source)};
      }
    }
  }
  return detect_charset(bytes);
}

// ---------------------------------------------------------------------------------------------
// Clean-up after conversion

/// Strips a leading BOM, turns CRLF and lone CR into LF and drops NULs, in one pass.
void normalise(std::string& text, std::vector<Diagnostic>& diagnostics) {
  if (text.starts_with("\xef\xbb\xbf")) text.erase(0, 3);
  // Two memchr scans; find_first_of would test every byte against the set.
  const std::size_t first = std::min(text.find('\r'), text.find('\0'));
  if (first == std::string::npos) return;
  std::size_t nuls = 0;
  std::size_t out = first;
  const std::size_t size = text.size();
  for (std::size_t i = first; i < size; ++i) {
    const char c = text[i];
    if (c == '\r') {
      text[out++] = '\n';
      if (i + 1 < size && text[i + 1] == '\n') ++i;
    } else if (c == '\0') {
      ++nuls;
    } else {
      text[out++] = c;
    }
  }
  text.resize(out);
  if (nuls > 0) warn(diagnostics, fmt::format("removed {} NUL bytes", nuls));
}

bool only_space(std::string_view text) {
  return std::all_of(text.begin(), text.end(), is_space);
}

// ---------------------------------------------------------------------------------------------
// HTML or text

/// Skips white space, comments and processing instructions (<?xml ...?>) at the start.
std::size_t skip_prologue(std::string_view text) {
  std::size_t pos = 0;
  for (;;) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    const std::string_view rest = text.substr(pos);
    std::size_t close = std::string_view::npos;
    if (rest.starts_with("<!--")) {
      close = rest.find("-->", 4);
      if (close != std::string_view::npos) close += 3;
    } else if (rest.starts_with("<?")) {
      close = rest.find("?>", 2);
      if (close != std::string_view::npos) close += 2;
    }
    if (close == std::string_view::npos) return pos;
    pos += close;
  }
}

bool is_name_end(std::string_view text, std::size_t pos) {
  return pos >= text.size() || is_space(text[pos]) || text[pos] == '>' || text[pos] == '/';
}

/// Starts like an HTML document: <!doctype html>, <html>, <head>, <body>.
bool starts_like_document(std::string_view text) {
  const std::string_view rest = text.substr(skip_prologue(text));
  return std::any_of(kDocumentStarts.begin(), kDocumentStarts.end(), [&](std::string_view start) {
    return starts_with_ci(rest, start) && is_name_end(rest, start.size());
  });
}

/// Whether `rest` (just after a '<') starts a closing tag, "a href" or a kSniffTags tag.
bool is_sniff_tag(std::string_view rest) {
  if (rest.size() >= 2 && rest[0] == '/') {
    return (rest[1] >= 'a' && rest[1] <= 'z') || (rest[1] >= 'A' && rest[1] <= 'Z');
  }
  if (starts_with_ci(rest, "a ")) return rest.substr(2, 32).find("href") != std::string_view::npos;
  return std::any_of(kSniffTags.begin(), kSniffTags.end(), [&](std::string_view tag) {
    return starts_with_ci(rest, tag) && is_name_end(rest, tag.size());
  });
}

/// Counts tag-like openings in the sniff window.
std::size_t count_tags(std::string_view text) {
  const std::string_view sample = text.substr(0, kSniffBytes);
  std::size_t count = 0;
  std::size_t pos = 0;
  while ((pos = sample.find('<', pos)) != std::string_view::npos) {
    ++pos;
    if (is_sniff_tag(sample.substr(pos))) ++count;
  }
  return count;
}

enum class NameHint : std::uint8_t { none, html, text };

NameHint name_hint(std::string_view name) {
  if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
  const auto ends = [&](std::string_view suffix) { return ends_with_ci(name, suffix); };
  if (std::any_of(kHtmlExtensions.begin(), kHtmlExtensions.end(), ends)) return NameHint::html;
  if (std::any_of(kTextExtensions.begin(), kTextExtensions.end(), ends)) return NameHint::text;
  return NameHint::none;
}

InputKind sniff_kind(std::string_view text, const DecodeOptions& options) {
  if (options.kind != InputKind::automatic) return options.kind;
  if (starts_like_document(text)) return InputKind::html;
  const NameHint hint = name_hint(options.name);
  if (hint == NameHint::text) return InputKind::text;
  const std::size_t tags = count_tags(text);
  const std::size_t needed = hint == NameHint::html ? kHtmlMinTagsWithHint : kHtmlMinTags;
  return tags >= needed ? InputKind::html : InputKind::text;
}

}  // namespace

std::string binary_reason(std::string_view prefix, const DecodeOptions& options) {
  return binary_reason(prefix, options, true);
}

std::string format_size(std::size_t bytes) {
  constexpr std::array<std::string_view, 3> kUnits = {"GiB", "MiB", "KiB"};
  for (std::size_t i = 0; i < kUnits.size(); ++i) {
    const std::size_t unit = std::size_t{1} << (10U * static_cast<unsigned>(kUnits.size() - i));
    if (bytes < unit) continue;
    if (bytes % unit == 0) return fmt::format("{} {}", bytes / unit, kUnits.at(i));
    return fmt::format("{:.1f} {}", static_cast<double>(bytes) / static_cast<double>(unit),
                       kUnits.at(i));
  }
  return fmt::format("{} bytes", bytes);
}

bool is_gzip(std::string_view bytes) {
  return bytes.starts_with("\x1f\x8b");
}

std::string inflate_prefix(std::string_view bytes, std::size_t max_bytes) {
  z_stream stream{};
  if (max_bytes == 0 || inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return {};
  const std::unique_ptr<z_stream, InflateEnd> owner{&stream};
  Inflation state;
  state.limit = max_bytes;
  state.reserve = max_bytes;
  try {
    for (;;) {
      const int rc = inflate_step(stream, bytes, state);
      if (rc == Z_STREAM_END && is_gzip(bytes.substr(state.consumed))) {
        inflateReset(&stream);  // the next member
        continue;
      }
      if (rc != Z_OK && !(rc == Z_BUF_ERROR && stream.avail_out == 0)) break;
    }
  } catch (const Error&) {  // past max_bytes: the prefix is complete
    state.produced = std::min(state.produced, max_bytes);
  }
  state.out.resize(std::min(state.produced, max_bytes));
  return std::move(state.out);
}

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  if (bytes.size() > options.max_bytes) {
    throw Error(Errc::too_large,
                fmt::format("input is larger than {}", format_size(options.max_bytes)));
  }
  Decoded out;
  std::string inflated;
  for (int layer = 0; layer < kMaxGzipLayers && is_gzip(bytes); ++layer) {
    inflated = gunzip(bytes, options, layer + 1 < kMaxGzipLayers, out.diagnostics);
    bytes = inflated;
  }
  if (bytes.empty()) throw Error(Errc::decode, "empty input");
  if (const auto format = known_binary_format(bytes)) {
    throw Error(Errc::decode, fmt::format("binary data ({}), not a web page or text", *format));
  }
  // MHTML ("Save as single file"): the page is the HTML part, read in the part's charset.
  std::string unpacked;
  DecodeOptions part_options;
  const DecodeOptions* chosen = &options;
  if (mhtml::is_mhtml(bytes)) {
    mhtml::Page page = mhtml::read(bytes);
    note(out.diagnostics, fmt::format("MHTML: read its text/html part{}{}",
                                      page.encoding.empty() ? "" : " (" + page.encoding + ")",
                                      page.location.empty() ? "" : " of " + page.location));
    part_options = options;
    if (part_options.charset.empty() && charset::find_encoding(page.charset) != nullptr) {
      part_options.charset = page.charset;
    }
    if (part_options.kind == InputKind::automatic) part_options.kind = InputKind::html;
    chosen = &part_options;
    out.location = std::move(page.location);
    unpacked = std::move(page.html);
    bytes = unpacked;
    if (bytes.empty()) throw Error(Errc::decode, "empty input (an empty MHTML part)");
  }

  std::vector<Diagnostic> warnings;
  Choice choice = choose_charset(bytes, *chosen, warnings);
  if (chosen != &options && options.charset.empty() && !chosen->charset.empty()) {
    choice.reason = "from the MHTML part's Content-Type";
  }
  std::optional<charset::Conversion> converted = charset::to_utf8(bytes, *choice.encoding);
  if (!converted) {
    warn(warnings,
         fmt::format("cannot convert from {}, reading windows-1252", choice.encoding->name));
    choice = {&charset::windows1252_encoding(), "(fallback: no converter)"};
    converted = charset::to_utf8(bytes, *choice.encoding);
  }
  // Release the inflated copy before the clean-up pass.
  inflated = std::string();
  out.utf8 = std::move(converted->utf8);
  out.charset = std::string(choice.encoding->name);
  note(out.diagnostics, fmt::format("charset {} {}", out.charset, choice.reason));
  out.diagnostics.insert(out.diagnostics.end(), warnings.begin(), warnings.end());
  if (converted->replaced > 0) {
    warn(out.diagnostics,
         fmt::format("replaced {} invalid byte sequences with U+FFFD", converted->replaced));
  }
  normalise(out.utf8, out.diagnostics);
  if (const std::size_t twice = charset::repair_double_encoding(out.utf8); twice > 0) {
    warn(out.diagnostics, fmt::format("repaired {} characters encoded twice (UTF-8 read as "
                                      "windows-1252 and saved as UTF-8 again)",
                                      twice));
  }
  if (only_space(out.utf8)) throw Error(Errc::decode, "empty input");
  out.kind = sniff_kind(out.utf8, *chosen);
  return out;
}

}  // namespace clipdown
