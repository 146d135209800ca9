#include "charset.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <iconv.h>
#include <uchardet/uchardet.h>

#include "clipdown/decode.hpp"

namespace clipdown::charset {

namespace {

// ---------------------------------------------------------------------------------------------
// Heuristics and tables

// Bytes of the page scanned for <meta charset> (WHATWG says 1024; real heads are longer).
constexpr std::size_t kDeclarationScanBytes = std::size_t{16} * 1024;
// Bytes handed to uchardet: enough for a confident guess, bounded for speed.
constexpr std::size_t kDetectBytes = std::size_t{256} * 1024;
// uchardet's guess counts only when the sample has at least this many non-ASCII bytes; below,
// the guess is noise and windows-1252 is the safer reading.
constexpr std::size_t kMinDetectNonAscii = 8;
// A single-byte guess counts only when the bytes it reads differently from windows-1252 (as
// printable characters) make up at least 1 in this many of the sample's non-ASCII bytes...
constexpr std::size_t kMinDistinguishingOneIn = 4;
// ... and it reads at most 1 in this many non-ASCII bytes as C1 controls or nothing (an
// ISO-8859-x guess over windows-1252 dashes and quotes).
constexpr std::size_t kMaxImplausibleOneIn = 20;
// A multibyte guess counts only when the sample converts with at most 1 in this many
// non-ASCII bytes replaced (plus one for a character cut at the sample's end).
constexpr std::size_t kMaxReplacedOneIn = 100;
// windows-1252 stands in for undeclared non-UTF-8 bytes only when at most 1 in this many of
// their non-ASCII bytes read implausibly (see Western); else they read as damaged UTF-8.
constexpr std::size_t kMaxImplausibleWesternOneIn = 4;
// U+FFFD REPLACEMENT CHARACTER in UTF-8.
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Index into kEncodings.
enum class Enc : std::uint8_t {
  utf8,
  ibm866,
  iso8859_2,
  iso8859_3,
  iso8859_4,
  iso8859_5,
  iso8859_6,
  iso8859_7,
  iso8859_8,
  iso8859_8_i,
  iso8859_10,
  iso8859_13,
  iso8859_14,
  iso8859_15,
  iso8859_16,
  koi8_r,
  koi8_u,
  macintosh,
  windows874,
  windows1250,
  windows1251,
  windows1252,
  windows1253,
  windows1254,
  windows1255,
  windows1256,
  windows1257,
  windows1258,
  x_mac_cyrillic,
  gbk,
  gb18030,
  big5,
  euc_jp,
  iso2022_jp,
  shift_jis,
  euc_kr,
  utf16be,
  utf16le,
  utf32be,
  utf32le,
  replacement,  // WHATWG's refusal: never read
};

// WHATWG canonical names and the glibc iconv converter that implements each. GBK reads as
// gb18030 (its superset, as WHATWG's decoder does); Shift_JIS as CP932 and EUC-KR as CP949,
// the Microsoft supersets WHATWG specifies; Big5 with the HKSCS extensions.
constexpr std::array<Encoding, 41> kEncodings = {{
    {"UTF-8", "UTF-8", 1, false},
    {"IBM866", "IBM866", 1, true},
    {"ISO-8859-2", "ISO-8859-2", 1, true},
    {"ISO-8859-3", "ISO-8859-3", 1, true},
    {"ISO-8859-4", "ISO-8859-4", 1, true},
    {"ISO-8859-5", "ISO-8859-5", 1, true},
    {"ISO-8859-6", "ISO-8859-6", 1, true},
    {"ISO-8859-7", "ISO-8859-7", 1, true},
    {"ISO-8859-8", "ISO-8859-8", 1, true},
    {"ISO-8859-8-I", "ISO-8859-8", 1, true},
    {"ISO-8859-10", "ISO-8859-10", 1, true},
    {"ISO-8859-13", "ISO-8859-13", 1, true},
    {"ISO-8859-14", "ISO-8859-14", 1, true},
    {"ISO-8859-15", "ISO-8859-15", 1, true},
    {"ISO-8859-16", "ISO-8859-16", 1, true},
    {"KOI8-R", "KOI8-R", 1, true},
    {"KOI8-U", "KOI8-U", 1, true},
    {"macintosh", "MACINTOSH", 1, true},
    {"windows-874", "CP874", 1, true},
    {"windows-1250", "CP1250", 1, true},
    {"windows-1251", "CP1251", 1, true},
    {"windows-1252", "CP1252", 1, true},
    {"windows-1253", "CP1253", 1, true},
    {"windows-1254", "CP1254", 1, true},
    {"windows-1255", "CP1255", 1, true},
    {"windows-1256", "CP1256", 1, true},
    {"windows-1257", "CP1257", 1, true},
    {"windows-1258", "CP1258", 1, true},
    {"x-mac-cyrillic", "MAC-CYRILLIC", 1, true},
    {"GBK", "GB18030", 1, false},
    {"gb18030", "GB18030", 1, false},
    {"Big5", "BIG5-HKSCS", 1, false},
    {"EUC-JP", "EUC-JP", 1, false},
    {"ISO-2022-JP", "ISO-2022-JP", 1, false},
    {"Shift_JIS", "CP932", 1, false},
    {"EUC-KR", "CP949", 1, false},
    {"UTF-16BE", "UTF-16BE", 2, false},
    {"UTF-16LE", "UTF-16LE", 2, false},
    {"UTF-32BE", "UTF-32BE", 4, false},
    {"UTF-32LE", "UTF-32LE", 4, false},
    {"replacement", "", 1, false},
}};

struct Label {
  std::string_view label;
  Enc encoding;
};

// The WHATWG Encoding Standard's label table (lowercase), then a few extra names that
// detectors (uchardet) and old pages use, marked below.
constexpr std::array kLabels = std::to_array<Label>({
    {"unicode-1-1-utf-8", Enc::utf8},
    {"unicode11utf8", Enc::utf8},
    {"unicode20utf8", Enc::utf8},
    {"utf-8", Enc::utf8},
    {"utf8", Enc::utf8},
    {"x-unicode20utf8", Enc::utf8},
    {"866", Enc::ibm866},
    {"cp866", Enc::ibm866},
    {"csibm866", Enc::ibm866},
    {"ibm866", Enc::ibm866},
    {"csisolatin2", Enc::iso8859_2},
    {"iso-8859-2", Enc::iso8859_2},
    {"iso-ir-101", Enc::iso8859_2},
    {"iso8859-2", Enc::iso8859_2},
    {"iso88592", Enc::iso8859_2},
    {"iso_8859-2", Enc::iso8859_2},
    {"iso_8859-2:1987", Enc::iso8859_2},
    {"l2", Enc::iso8859_2},
    {"latin2", Enc::iso8859_2},
    {"csisolatin3", Enc::iso8859_3},
    {"iso-8859-3", Enc::iso8859_3},
    {"iso-ir-109", Enc::iso8859_3},
    {"iso8859-3", Enc::iso8859_3},
    {"iso88593", Enc::iso8859_3},
    {"iso_8859-3", Enc::iso8859_3},
    {"iso_8859-3:1988", Enc::iso8859_3},
    {"l3", Enc::iso8859_3},
    {"latin3", Enc::iso8859_3},
    {"csisolatin4", Enc::iso8859_4},
    {"iso-8859-4", Enc::iso8859_4},
    {"iso-ir-110", Enc::iso8859_4},
    {"iso8859-4", Enc::iso8859_4},
    {"iso88594", Enc::iso8859_4},
    {"iso_8859-4", Enc::iso8859_4},
    {"iso_8859-4:1988", Enc::iso8859_4},
    {"l4", Enc::iso8859_4},
    {"latin4", Enc::iso8859_4},
    {"csisolatincyrillic", Enc::iso8859_5},
    {"cyrillic", Enc::iso8859_5},
    {"iso-8859-5", Enc::iso8859_5},
    {"iso-ir-144", Enc::iso8859_5},
    {"iso8859-5", Enc::iso8859_5},
    {"iso88595", Enc::iso8859_5},
    {"iso_8859-5", Enc::iso8859_5},
    {"iso_8859-5:1988", Enc::iso8859_5},
    {"arabic", Enc::iso8859_6},
    {"asmo-708", Enc::iso8859_6},
    {"csiso88596e", Enc::iso8859_6},
    {"csiso88596i", Enc::iso8859_6},
    {"csisolatinarabic", Enc::iso8859_6},
    {"ecma-114", Enc::iso8859_6},
    {"iso-8859-6", Enc::iso8859_6},
    {"iso-8859-6-e", Enc::iso8859_6},
    {"iso-8859-6-i", Enc::iso8859_6},
    {"iso-ir-127", Enc::iso8859_6},
    {"iso8859-6", Enc::iso8859_6},
    {"iso88596", Enc::iso8859_6},
    {"iso_8859-6", Enc::iso8859_6},
    {"iso_8859-6:1987", Enc::iso8859_6},
    {"csisolatingreek", Enc::iso8859_7},
    {"ecma-118", Enc::iso8859_7},
    {"elot_928", Enc::iso8859_7},
    {"greek", Enc::iso8859_7},
    {"greek8", Enc::iso8859_7},
    {"iso-8859-7", Enc::iso8859_7},
    {"iso-ir-126", Enc::iso8859_7},
    {"iso8859-7", Enc::iso8859_7},
    {"iso88597", Enc::iso8859_7},
    {"iso_8859-7", Enc::iso8859_7},
    {"iso_8859-7:1987", Enc::iso8859_7},
    {"sun_eu_greek", Enc::iso8859_7},
    {"csiso88598e", Enc::iso8859_8},
    {"csisolatinhebrew", Enc::iso8859_8},
    {"hebrew", Enc::iso8859_8},
    {"iso-8859-8", Enc::iso8859_8},
    {"iso-8859-8-e", Enc::iso8859_8},
    {"iso-ir-138", Enc::iso8859_8},
    {"iso8859-8", Enc::iso8859_8},
    {"iso88598", Enc::iso8859_8},
    {"iso_8859-8", Enc::iso8859_8},
    {"iso_8859-8:1988", Enc::iso8859_8},
    {"visual", Enc::iso8859_8},
    {"csiso88598i", Enc::iso8859_8_i},
    {"iso-8859-8-i", Enc::iso8859_8_i},
    {"logical", Enc::iso8859_8_i},
    {"csisolatin6", Enc::iso8859_10},
    {"iso-8859-10", Enc::iso8859_10},
    {"iso-ir-157", Enc::iso8859_10},
    {"iso8859-10", Enc::iso8859_10},
    {"iso885910", Enc::iso8859_10},
    {"l6", Enc::iso8859_10},
    {"latin6", Enc::iso8859_10},
    {"iso-8859-13", Enc::iso8859_13},
    {"iso8859-13", Enc::iso8859_13},
    {"iso885913", Enc::iso8859_13},
    {"iso-8859-14", Enc::iso8859_14},
    {"iso8859-14", Enc::iso8859_14},
    {"iso885914", Enc::iso8859_14},
    {"csisolatin9", Enc::iso8859_15},
    {"iso-8859-15", Enc::iso8859_15},
    {"iso8859-15", Enc::iso8859_15},
    {"iso885915", Enc::iso8859_15},
    {"iso_8859-15", Enc::iso8859_15},
    {"l9", Enc::iso8859_15},
    {"iso-8859-16", Enc::iso8859_16},
    {"cskoi8r", Enc::koi8_r},
    {"koi", Enc::koi8_r},
    {"koi8", Enc::koi8_r},
    {"koi8-r", Enc::koi8_r},
    {"koi8_r", Enc::koi8_r},
    {"koi8-ru", Enc::koi8_u},
    {"koi8-u", Enc::koi8_u},
    {"csmacintosh", Enc::macintosh},
    {"mac", Enc::macintosh},
    {"macintosh", Enc::macintosh},
    {"x-mac-roman", Enc::macintosh},
    {"dos-874", Enc::windows874},
    {"iso-8859-11", Enc::windows874},
    {"iso8859-11", Enc::windows874},
    {"iso885911", Enc::windows874},
    {"tis-620", Enc::windows874},
    {"windows-874", Enc::windows874},
    {"cp1250", Enc::windows1250},
    {"windows-1250", Enc::windows1250},
    {"x-cp1250", Enc::windows1250},
    {"cp1251", Enc::windows1251},
    {"windows-1251", Enc::windows1251},
    {"x-cp1251", Enc::windows1251},
    {"ansi_x3.4-1968", Enc::windows1252},
    {"ascii", Enc::windows1252},
    {"cp1252", Enc::windows1252},
    {"cp819", Enc::windows1252},
    {"csisolatin1", Enc::windows1252},
    {"ibm819", Enc::windows1252},
    {"iso-8859-1", Enc::windows1252},
    {"iso-ir-100", Enc::windows1252},
    {"iso8859-1", Enc::windows1252},
    {"iso88591", Enc::windows1252},
    {"iso_8859-1", Enc::windows1252},
    {"iso_8859-1:1987", Enc::windows1252},
    {"l1", Enc::windows1252},
    {"latin1", Enc::windows1252},
    {"us-ascii", Enc::windows1252},
    {"windows-1252", Enc::windows1252},
    {"x-cp1252", Enc::windows1252},
    {"x-user-defined", Enc::windows1252},  // WHATWG: a <meta> naming it means windows-1252
    {"cp1253", Enc::windows1253},
    {"windows-1253", Enc::windows1253},
    {"x-cp1253", Enc::windows1253},
    {"cp1254", Enc::windows1254},
    {"csisolatin5", Enc::windows1254},
    {"iso-8859-9", Enc::windows1254},
    {"iso-ir-148", Enc::windows1254},
    {"iso8859-9", Enc::windows1254},
    {"iso88599", Enc::windows1254},
    {"iso_8859-9", Enc::windows1254},
    {"iso_8859-9:1989", Enc::windows1254},
    {"l5", Enc::windows1254},
    {"latin5", Enc::windows1254},
    {"windows-1254", Enc::windows1254},
    {"x-cp1254", Enc::windows1254},
    {"cp1255", Enc::windows1255},
    {"windows-1255", Enc::windows1255},
    {"x-cp1255", Enc::windows1255},
    {"cp1256", Enc::windows1256},
    {"windows-1256", Enc::windows1256},
    {"x-cp1256", Enc::windows1256},
    {"cp1257", Enc::windows1257},
    {"windows-1257", Enc::windows1257},
    {"x-cp1257", Enc::windows1257},
    {"cp1258", Enc::windows1258},
    {"windows-1258", Enc::windows1258},
    {"x-cp1258", Enc::windows1258},
    {"x-mac-cyrillic", Enc::x_mac_cyrillic},
    {"x-mac-ukrainian", Enc::x_mac_cyrillic},
    {"chinese", Enc::gbk},
    {"csgb2312", Enc::gbk},
    {"csiso58gb231280", Enc::gbk},
    {"gb2312", Enc::gbk},
    {"gb_2312", Enc::gbk},
    {"gb_2312-80", Enc::gbk},
    {"gbk", Enc::gbk},
    {"iso-ir-58", Enc::gbk},
    {"x-gbk", Enc::gbk},
    {"gb18030", Enc::gb18030},
    {"big5", Enc::big5},
    {"big5-hkscs", Enc::big5},
    {"cn-big5", Enc::big5},
    {"csbig5", Enc::big5},
    {"x-x-big5", Enc::big5},
    {"cseucpkdfmtjapanese", Enc::euc_jp},
    {"euc-jp", Enc::euc_jp},
    {"x-euc-jp", Enc::euc_jp},
    {"csiso2022jp", Enc::iso2022_jp},
    {"iso-2022-jp", Enc::iso2022_jp},
    {"csshiftjis", Enc::shift_jis},
    {"ms932", Enc::shift_jis},
    {"ms_kanji", Enc::shift_jis},
    {"shift-jis", Enc::shift_jis},
    {"shift_jis", Enc::shift_jis},
    {"sjis", Enc::shift_jis},
    {"windows-31j", Enc::shift_jis},
    {"x-sjis", Enc::shift_jis},
    {"cseuckr", Enc::euc_kr},
    {"csksc56011987", Enc::euc_kr},
    {"euc-kr", Enc::euc_kr},
    {"iso-ir-149", Enc::euc_kr},
    {"korean", Enc::euc_kr},
    {"ks_c_5601-1987", Enc::euc_kr},
    {"ks_c_5601-1989", Enc::euc_kr},
    {"ksc5601", Enc::euc_kr},
    {"ksc_5601", Enc::euc_kr},
    {"windows-949", Enc::euc_kr},
    {"csiso2022kr", Enc::replacement},
    {"hz-gb-2312", Enc::replacement},
    {"iso-2022-cn", Enc::replacement},
    {"iso-2022-cn-ext", Enc::replacement},
    {"iso-2022-kr", Enc::replacement},
    {"replacement", Enc::replacement},
    {"unicodefffe", Enc::utf16be},
    {"utf-16be", Enc::utf16be},
    {"csunicode", Enc::utf16le},
    {"iso-10646-ucs-2", Enc::utf16le},
    {"ucs-2", Enc::utf16le},
    {"unicode", Enc::utf16le},
    {"unicodefeff", Enc::utf16le},
    {"utf-16", Enc::utf16le},
    {"utf-16le", Enc::utf16le},
    // Not WHATWG labels: names uchardet returns and Microsoft code-page names seen on old pages.
    {"mac-cyrillic", Enc::x_mac_cyrillic},
    {"cp932", Enc::shift_jis},
    {"cp949", Enc::euc_kr},
    {"uhc", Enc::euc_kr},
    {"euc-cn", Enc::gbk},
    {"cp874", Enc::windows874},
    // UTF-32 is reached through its BOM or a forced charset only.
    {"utf-32be", Enc::utf32be},
    {"utf-32le", Enc::utf32le},
    {"utf-32", Enc::utf32le},
});

// windows-1252 bytes 0x80-0x9F; 0xA0-0xFF equal their code points. The five unassigned bytes
// map to the C1 controls, as WHATWG's index does.
constexpr std::array<std::uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// How the high half of windows-1252 reads in Western text, to tell legacy bytes from damaged
// UTF-8: punctuation and symbols (quotes, dashes, NBSP, ©, «») are plausible anywhere; letters
// only next to an ASCII letter ("café") or alone between ASCII non-letters ("à"); the rest
// (unassigned bytes, ˆ, ˜) never.
enum class Western : std::uint8_t { punctuation, letter, never };

constexpr std::array<Western, 128> make_western_table() {
  std::array<Western, 128> table{};
  table.fill(Western::punctuation);
  for (const unsigned b : {0x81U, 0x8DU, 0x8FU, 0x90U, 0x9DU, 0x88U, 0x98U}) {
    table.at(b - 0x80) = Western::never;
  }
  for (const unsigned b : {0x83U, 0x8AU, 0x8CU, 0x8EU, 0x9AU, 0x9CU, 0x9EU, 0x9FU}) {
    table.at(b - 0x80) = Western::letter;
  }
  for (unsigned b = 0xC0; b <= 0xFF; ++b) {
    if (b != 0xD7 && b != 0xF7) table.at(b - 0x80) = Western::letter;  // not × and ÷
  }
  return table;
}

constexpr std::array<Western, 128> kWestern = make_western_table();

// ---------------------------------------------------------------------------------------------
// UTF-8 validation (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF)

// A lead byte's sequence length and the range allowed for the second byte. Length 0: never a
// lead byte (continuation bytes, C0, C1, F5-FF).
struct Lead {
  std::uint8_t length = 0;
  std::uint8_t lo = 0;
  std::uint8_t hi = 0;
};

constexpr std::array<Lead, 256> make_lead_table() {
  std::array<Lead, 256> table{};
  for (unsigned b = 0xC2; b <= 0xDF; ++b) table.at(b) = {2, 0x80, 0xBF};
  for (unsigned b = 0xE0; b <= 0xEF; ++b) table.at(b) = {3, 0x80, 0xBF};
  table.at(0xE0) = {3, 0xA0, 0xBF};  // no overlongs
  table.at(0xED) = {3, 0x80, 0x9F};  // no surrogates
  for (unsigned b = 0xF0; b <= 0xF4; ++b) table.at(b) = {4, 0x80, 0xBF};
  table.at(0xF0) = {4, 0x90, 0xBF};  // no overlongs
  table.at(0xF4) = {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return table;
}

constexpr std::array<Lead, 256> kLeads = make_lead_table();

using Byte = unsigned char;

// The only casts between char and unsigned char pointers.
const Byte* bytes_of(std::string_view text) {
  return reinterpret_cast<const Byte*>(text.data());  // NOLINT(*-pro-type-reinterpret-cast)
}
std::string_view chars_of(const Byte* begin, const Byte* end) {
  return {reinterpret_cast<const char*>(begin),  // NOLINT(*-pro-type-reinterpret-cast)
          static_cast<std::size_t>(end - begin)};
}

/// Skips ASCII bytes, 16 at a time while it can.
const Byte* skip_ascii(const Byte* p, const Byte* end) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  while (end - p >= 16) {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    if (((a | b) & kHighBits) != 0) break;
    p += 16;
  }
  while (p < end && *p < 0x80) ++p;
  return p;
}

/// At a non-ASCII byte: the length of the well-formed sequence there (> 0), or minus the length
/// of the maximal subpart of an ill-formed one (< 0), which becomes one U+FFFD.
std::ptrdiff_t sequence_at(const Byte* p, const Byte* end) {
  const Lead lead = kLeads.at(*p);
  if (lead.length == 0) return -1;
  const std::ptrdiff_t avail = end - p;
  if (avail < 2 || p[1] < lead.lo || p[1] > lead.hi) return -1;
  for (std::ptrdiff_t i = 2; i < lead.length; ++i) {
    if (i >= avail || (p[i] & 0xC0U) != 0x80U) return -i;
  }
  return lead.length;
}

/// Offset of the first invalid sequence, or npos.
std::size_t first_invalid(std::string_view text) {
  const Byte* const begin = bytes_of(text);
  const Byte* const end = begin + text.size();
  const Byte* p = begin;
  for (;;) {
    p = skip_ascii(p, end);
    if (p == end) return std::string_view::npos;
    const std::ptrdiff_t n = sequence_at(p, end);
    if (n < 0) return static_cast<std::size_t>(p - begin);
    p += n;
  }
}

/// Appends code point `cp` (< 0x10000) as UTF-8.
char* put_utf8(char* out, std::uint32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0U | (cp >> 6U));
    *out++ = static_cast<char>(0x80U | (cp & 0x3FU));
  } else {
    *out++ = static_cast<char>(0xE0U | (cp >> 12U));
    *out++ = static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    *out++ = static_cast<char>(0x80U | (cp & 0x3FU));
  }
  return out;
}

Conversion windows1252_to_utf8(std::string_view bytes) {
  Conversion result;
  result.utf8.resize(bytes.size() * 3);
  char* out = result.utf8.data();
  const Byte* p = bytes_of(bytes);
  const Byte* const end = p + bytes.size();
  while (p < end) {
    const Byte* const run = skip_ascii(p, end);
    std::memcpy(out, p, static_cast<std::size_t>(run - p));
    out += run - p;
    p = run;
    if (p == end) break;
    const std::uint32_t cp = *p < 0xA0 ? kWindows1252High.at(*p - 0x80U) : *p;
    out = put_utf8(out, cp);
    ++p;
  }
  result.utf8.resize(static_cast<std::size_t>(out - result.utf8.data()));
  return result;
}

/// Closes an iconv descriptor.
struct IconvCloser {
  void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvPtr = std::unique_ptr<void, IconvCloser>;

/// An iconv descriptor from `encoding` to UTF-8; null when glibc lacks the converter.
IconvPtr open_to_utf8(const Encoding& encoding) {
  const std::string from(encoding.iconv_name);
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  // iconv's documented failure value is (iconv_t)-1. Read through memcpy, not std::bit_cast:
  // clang-tidy 14's static analyzer crashes on a bit_cast pointer in a comparison.
  static_assert(sizeof(iconv_t) == sizeof(std::intptr_t));
  std::intptr_t bits = 0;
  std::memcpy(&bits, &cd, sizeof bits);
  if (bits == -1) return nullptr;
  return IconvPtr{cd};
}

std::optional<Conversion> iconv_to_utf8(std::string_view bytes, const Encoding& encoding) {
  const IconvPtr owner = open_to_utf8(encoding);
  if (!owner) return std::nullopt;
  auto* const cd = static_cast<iconv_t>(owner.get());

  Conversion result;
  std::string& out = result.utf8;
  out.resize(bytes.size() + bytes.size() / 2 + 64);
  std::size_t written = 0;
  char* in = const_cast<char*>(bytes.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  std::size_t in_left = bytes.size();
  const auto ensure = [&](std::size_t need) {
    if (out.size() - written < need) out.resize(std::max(out.size() * 2, written + need));
  };
  bool input_done = false;
  for (;;) {
    char* dst = out.data() + written;
    std::size_t dst_left = out.size() - written;
    // Once the input is done, a null input flushes a stateful encoding's shift state.
    const std::size_t rc = input_done ? iconv(cd, nullptr, nullptr, &dst, &dst_left)
                                      : iconv(cd, &in, &in_left, &dst, &dst_left);
    const int error = errno;
    written = static_cast<std::size_t>(dst - out.data());
    if (rc != static_cast<std::size_t>(-1)) {
      if (input_done) break;
      input_done = true;
      continue;
    }
    if (error == E2BIG) {
      ensure(out.size() - written + 64);
      continue;
    }
    if (input_done) break;
    // EILSEQ: an invalid sequence, skipped one code unit at a time; EINVAL: an incomplete
    // sequence at the end.
    ensure(kReplacement.size());
    std::memcpy(out.data() + written, kReplacement.data(), kReplacement.size());
    written += kReplacement.size();
    ++result.replaced;
    const std::size_t skip =
        error == EILSEQ ? std::min<std::size_t>(encoding.unit, in_left) : in_left;
    in += skip;
    in_left -= skip;
  }
  out.resize(written);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Declaration scanner

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_ci(std::string_view text, std::size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size() || pos > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[pos + i]) != prefix[i]) return false;
  }
  return true;
}

std::size_t find_ci(std::string_view text, std::size_t pos, std::string_view needle) {
  while (pos < text.size()) {
    if (starts_with_ci(text, pos, needle)) return pos;
    ++pos;
  }
  return std::string_view::npos;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

struct Attribute {
  std::string name;  // lowercased
  std::string_view value;
};

/// WHATWG "get an attribute" at `pos` inside a tag. Returns false at the tag's '>' or the end;
/// always advances `pos`.
bool next_attribute(std::string_view text, std::size_t& pos, Attribute& attribute) {
  while (pos < text.size() && (is_space(text[pos]) || text[pos] == '/')) ++pos;
  if (pos >= text.size() || text[pos] == '>') return false;
  const std::size_t name_start = pos;
  ++pos;  // the first character belongs to the name even if it is '='
  while (pos < text.size() && !is_space(text[pos]) && text[pos] != '=' && text[pos] != '/' &&
         text[pos] != '>') {
    ++pos;
  }
  attribute.name = to_lower(text.substr(name_start, pos - name_start));
  attribute.value = {};
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos >= text.size() || text[pos] != '=') return true;
  ++pos;
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos >= text.size()) return true;
  const char quote = text[pos];
  if (quote == '"' || quote == '\'') {
    const std::size_t close = text.find(quote, pos + 1);
    const std::size_t stop = close == std::string_view::npos ? text.size() : close;
    attribute.value = text.substr(pos + 1, stop - pos - 1);
    pos = stop == text.size() ? stop : stop + 1;
    return true;
  }
  const std::size_t value_start = pos;
  while (pos < text.size() && !is_space(text[pos]) && text[pos] != '>') ++pos;
  attribute.value = text.substr(value_start, pos - value_start);
  return true;
}

/// WHATWG "extract a character encoding from a meta element" from a content attribute.
std::optional<std::string_view> charset_from_content(std::string_view content) {
  std::size_t pos = 0;
  for (;;) {
    pos = find_ci(content, pos, "charset");
    if (pos == std::string_view::npos) return std::nullopt;
    pos += 7;
    while (pos < content.size() && is_space(content[pos])) ++pos;
    if (pos >= content.size() || content[pos] != '=') continue;
    ++pos;
    while (pos < content.size() && is_space(content[pos])) ++pos;
    if (pos >= content.size()) return std::nullopt;
    const char quote = content[pos];
    if (quote == '"' || quote == '\'') {
      const std::size_t close = content.find(quote, pos + 1);
      if (close == std::string_view::npos) return std::nullopt;
      return content.substr(pos + 1, close - pos - 1);
    }
    std::size_t stop = pos;
    while (stop < content.size() && !is_space(content[stop]) && content[stop] != ';') ++stop;
    return content.substr(pos, stop - pos);
  }
}

/// The charset a <meta> tag starting at `pos` (just after "<meta") declares; moves past it.
std::optional<Declaration> scan_meta(std::string_view text, std::size_t& pos) {
  Attribute attribute;
  std::optional<std::string_view> charset;
  std::optional<std::string_view> content;
  bool pragma = false;
  while (next_attribute(text, pos, attribute)) {
    if (attribute.name == "charset" && !charset) {
      charset = attribute.value;
    } else if (attribute.name == "content" && !content) {
      content = attribute.value;
    } else if (attribute.name == "http-equiv") {
      pragma = pragma || to_lower(trim(attribute.value)) == "content-type";
    }
  }
  if (charset && !trim(*charset).empty()) {
    return Declaration{std::string(trim(*charset)), "<meta charset>"};
  }
  if (pragma && content) {
    if (const auto label = charset_from_content(*content); label && !trim(*label).empty()) {
      return Declaration{std::string(trim(*label)), "<meta http-equiv>"};
    }
  }
  return std::nullopt;
}

std::optional<Declaration> scan_xml_declaration(std::string_view text) {
  if (!text.starts_with("<?xml")) return std::nullopt;
  const std::size_t close = text.find("?>");
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view decl = text.substr(0, close);
  std::size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return std::nullopt;
  pos += 8;
  while (pos < decl.size() && is_space(decl[pos])) ++pos;
  if (pos >= decl.size() || decl[pos] != '=') return std::nullopt;
  ++pos;
  while (pos < decl.size() && is_space(decl[pos])) ++pos;
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) return std::nullopt;
  const std::size_t end = decl.find(decl[pos], pos + 1);
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view label = trim(decl.substr(pos + 1, end - pos - 1));
  if (label.empty()) return std::nullopt;
  return Declaration{std::string(label), "the XML declaration"};
}

constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Skips a tag's name and attributes from `pos` (after '<'), so quoted values hide their '<'
/// and '>'; returns the position of its '>' or the end.
std::size_t skip_tag(std::string_view text, std::size_t pos) {
  while (pos < text.size() && !is_space(text[pos]) && text[pos] != '>') ++pos;
  Attribute ignored;
  while (next_attribute(text, pos, ignored)) {
  }
  return pos;
}

/// The code points of bytes 0x80-0xFF in a single-byte encoding; -1 where it has none.
std::array<std::int32_t, 128> high_half(const Encoding& encoding) {
  std::array<std::int32_t, 128> table{};
  table.fill(-1);
  if (encoding.name == "windows-1252") {
    for (std::size_t i = 0; i < table.size(); ++i) {
      table.at(i) = i < 0x20 ? kWindows1252High.at(i) : static_cast<std::int32_t>(0x80 + i);
    }
    return table;
  }
  const IconvPtr owner = open_to_utf8(encoding);
  if (!owner) return table;
  auto* const cd = static_cast<iconv_t>(owner.get());
  for (std::size_t i = 0; i < table.size(); ++i) {
    std::array<char, 1> in{static_cast<char>(0x80 + i)};
    std::array<char, 8> out{};
    char* src = in.data();
    std::size_t src_left = 1;
    char* dst = out.data();
    std::size_t dst_left = out.size();
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) continue;
    // CP1255 and CP1258 hold a base letter back for combining marks until a flush.
    if (iconv(cd, nullptr, nullptr, &dst, &dst_left) == static_cast<std::size_t>(-1)) continue;
    const std::size_t length = out.size() - dst_left;
    const Byte* u = bytes_of(std::string_view(out.data(), length));
    if (length == 2) {
      table.at(i) = static_cast<std::int32_t>(((u[0] & 0x1FU) << 6U) | (u[1] & 0x3FU));
    } else if (length == 3) {
      table.at(i) = static_cast<std::int32_t>(((u[0] & 0x0FU) << 12U) | ((u[1] & 0x3FU) << 6U) |
                                              (u[2] & 0x3FU));
    }
  }
  return table;
}

/// Whether a single-byte guess reads `sample` plausibly and differently enough from
/// windows-1252 to be worth more than the default (see kMinDistinguishingOneIn).
bool plausible_single_byte(std::string_view sample, std::size_t non_ascii, const Encoding& guess) {
  const std::array<std::int32_t, 128> mine = high_half(guess);
  const std::array<std::int32_t, 128> western = high_half(windows1252_encoding());
  std::array<std::size_t, 128> counts{};
  for (const char c : sample) {
    if ((c & 0x80) != 0) ++counts.at(static_cast<Byte>(c) - 0x80U);
  }
  std::size_t distinguishing = 0;
  std::size_t implausible = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (mine.at(i) < 0xA0) {
      implausible += counts.at(i);
    } else if (mine.at(i) != western.at(i)) {
      distinguishing += counts.at(i);
    }
  }
  return implausible * kMaxImplausibleOneIn <= non_ascii && distinguishing >= kMinDetectNonAscii &&
         distinguishing * kMinDistinguishingOneIn >= non_ascii;
}

}  // namespace

const Encoding* find_encoding(std::string_view label) {
  const std::string key = to_lower(trim(label));
  for (const Label& entry : kLabels) {
    if (entry.label == key) {
      if (entry.encoding == Enc::replacement) return nullptr;
      return &kEncodings.at(static_cast<std::size_t>(entry.encoding));
    }
  }
  return nullptr;
}

const Encoding& utf8_encoding() {
  return kEncodings.at(static_cast<std::size_t>(Enc::utf8));
}

const Encoding& windows1252_encoding() {
  return kEncodings.at(static_cast<std::size_t>(Enc::windows1252));
}

std::optional<Declaration> find_declaration(std::string_view bytes) {
  const std::string_view text = bytes.substr(0, kDeclarationScanBytes);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t lt = text.find('<', pos);
    if (lt == std::string_view::npos) break;
    if (text.substr(lt).starts_with("<!--")) {
      const std::size_t close = text.find("-->", lt + 4);
      if (close == std::string_view::npos) break;
      pos = close + 3;
    } else if (starts_with_ci(text, lt, "<meta") && lt + 5 < text.size() &&
               (is_space(text[lt + 5]) || text[lt + 5] == '/')) {
      pos = lt + 5;
      if (auto declaration = scan_meta(text, pos)) return declaration;
    } else if (lt + 1 < text.size() &&
               (is_alpha(text[lt + 1]) ||
                (text[lt + 1] == '/' && lt + 2 < text.size() && is_alpha(text[lt + 2])))) {
      pos = skip_tag(text, lt + 1);
    } else if (text.substr(lt).starts_with("<!") || text.substr(lt).starts_with("<?")) {
      const std::size_t close = text.find('>', lt);
      if (close == std::string_view::npos) break;
      pos = close + 1;
    } else {
      pos = lt + 1;
    }
  }
  return scan_xml_declaration(text);
}

bool plausible_windows1252(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kDetectBytes);
  const auto ascii_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t non_ascii = 0;
  std::size_t implausible = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const auto b = static_cast<Byte>(sample[i]);
    if (b < 0x80) continue;
    ++non_ascii;
    const Western kind = kWestern.at(b - 0x80U);
    if (kind == Western::punctuation) continue;
    if (kind == Western::never) {
      ++implausible;
      continue;
    }
    const char before = i > 0 ? sample[i - 1] : ' ';
    const char after = i + 1 < sample.size() ? sample[i + 1] : ' ';
    const bool in_word = ascii_letter(before) || ascii_letter(after);
    const bool alone = (before & 0x80) == 0 && (after & 0x80) == 0;
    if (!in_word && !alone) ++implausible;
  }
  return implausible * kMaxImplausibleWesternOneIn <= non_ascii;
}

const Encoding* detect(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kDetectBytes);
  const auto non_ascii = static_cast<std::size_t>(
      std::count_if(sample.begin(), sample.end(), [](char c) { return (c & 0x80) != 0; }));
  if (non_ascii < kMinDetectNonAscii) return nullptr;
  const std::unique_ptr<uchardet, void (*)(uchardet_t)> detector{uchardet_new(), uchardet_delete};
  if (!detector) return nullptr;
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return nullptr;
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  if (name == nullptr || *name == '\0') return nullptr;
  const Encoding* guess = find_encoding(name);
  if (guess == nullptr || guess->name == windows1252_encoding().name) return guess;
  if (guess->single_byte) return plausible_single_byte(sample, non_ascii, *guess) ? guess : nullptr;
  const std::optional<Conversion> converted = to_utf8(sample, *guess);
  if (!converted || converted->replaced > 1 + non_ascii / kMaxReplacedOneIn) return nullptr;
  return guess;
}

std::optional<Conversion> to_utf8(std::string_view bytes, const Encoding& encoding) {
  if (encoding.name == utf8_encoding().name) {
    Conversion result;
    result.utf8.assign(bytes);
    result.replaced = repair_utf8(result.utf8);
    return result;
  }
  if (encoding.name == windows1252_encoding().name) return windows1252_to_utf8(bytes);
  return iconv_to_utf8(bytes, encoding);
}

Utf8Stats utf8_stats(std::string_view text) {
  Utf8Stats stats;
  const Byte* p = bytes_of(text);
  const Byte* const end = p + text.size();
  for (;;) {
    p = skip_ascii(p, end);
    if (p == end) return stats;
    const std::ptrdiff_t n = sequence_at(p, end);
    if (n > 0) {
      ++stats.multibyte;
      p += n;
    } else {
      ++stats.invalid;
      p -= n;
    }
  }
}

namespace {

/// The byte that windows-1252 (or Latin-1, for the C1 controls) reads as `cp`; -1 for none.
int windows1252_byte(std::uint32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  for (std::size_t i = 0; i < kWindows1252High.size(); ++i) {
    if (kWindows1252High.at(i) == cp) return static_cast<int>(0x80 + i);
  }
  return -1;
}

/// Decodes the well-formed UTF-8 sequence at `p` (`n` bytes, 1-4).
std::uint32_t code_point(const Byte* p, std::ptrdiff_t n) {
  if (n == 1) return *p;
  std::uint32_t cp = *p & (0x7FU >> static_cast<unsigned>(n));
  for (std::ptrdiff_t i = 1; i < n; ++i) cp = (cp << 6U) | (p[i] & 0x3FU);
  return cp;
}

/// A double-encoded character found at some position.
struct Reencoded {
  std::size_t length = 0;  // bytes of text it spans; 0: none there
  std::array<Byte, 4> bytes{};
  std::size_t size = 0;  // bytes of the character once decoded
  bool certain = false;  // a C1 control or windows-1252 punctuation among its continuations
};

/// The double-encoded character at `p` (a non-ASCII byte of valid UTF-8), if any.
Reencoded reencoded_at(const Byte* p, const Byte* end) {
  Reencoded r;
  std::ptrdiff_t n = sequence_at(p, end);
  if (n < 0) return {};
  const std::uint32_t lead = code_point(p, n);
  const Lead shape = lead <= 0xFF ? kLeads.at(lead) : Lead{};
  if (shape.length == 0) return {};
  r.bytes.at(0) = static_cast<Byte>(lead);
  const Byte* q = p + n;
  for (std::size_t i = 1; i < shape.length; ++i) {
    if (q == end || *q < 0x80) return {};
    n = sequence_at(q, end);
    if (n < 0) return {};
    const std::uint32_t cp = code_point(q, n);
    const int byte = windows1252_byte(cp);
    if (byte < 0x80 || byte > 0xBF) return {};
    r.certain = r.certain || cp < 0xA0 || cp > 0xFF;
    r.bytes.at(i) = static_cast<Byte>(byte);
    q += n;
  }
  if (sequence_at(r.bytes.data(), r.bytes.data() + shape.length) != shape.length) return {};
  r.size = shape.length;
  r.length = static_cast<std::size_t>(q - p);
  return r;
}

}  // namespace

std::size_t repair_double_encoding(std::string& text) {
  const Byte* const begin = bytes_of(text);
  const Byte* const end = begin + text.size();
  std::size_t certain = 0;
  for (const Byte* p = skip_ascii(begin, end); p < end && certain < kMinDoubleEncoded;
       p = skip_ascii(p, end)) {
    const Reencoded r = reencoded_at(p, end);
    if (r.certain) ++certain;
    p += r.length > 0 ? static_cast<std::ptrdiff_t>(r.length) : std::abs(sequence_at(p, end));
  }
  if (certain < kMinDoubleEncoded) return 0;
  std::string out;
  out.reserve(text.size());
  std::size_t repaired = 0;
  const Byte* p = begin;
  while (p < end) {
    const Byte* const run = skip_ascii(p, end);
    out.append(chars_of(p, run));
    p = run;
    if (p == end) break;
    const Reencoded r = reencoded_at(p, end);
    if (r.length > 0) {
      out.append(chars_of(r.bytes.data(), r.bytes.data() + r.size));
      p += r.length;
      ++repaired;
    } else {
      const std::ptrdiff_t n = std::abs(sequence_at(p, end));
      out.append(chars_of(p, p + n));
      p += n;
    }
  }
  text = std::move(out);
  return repaired;
}

}  // namespace clipdown::charset

namespace clipdown {

bool is_valid_utf8(std::string_view text) {
  return charset::first_invalid(text) == std::string_view::npos;
}

std::size_t repair_utf8(std::string& text) {
  using charset::Byte;
  const std::size_t first = charset::first_invalid(text);
  if (first == std::string_view::npos) return 0;
  std::string out;
  out.reserve(text.size() + text.size() / 4 + 16);
  out.append(text, 0, first);
  const Byte* p = charset::bytes_of(text) + first;
  const Byte* const end = charset::bytes_of(text) + text.size();
  std::size_t replaced = 0;
  while (p < end) {
    const Byte* const run = p;
    std::ptrdiff_t n = 0;
    for (;;) {
      p = charset::skip_ascii(p, end);
      if (p == end) break;
      n = charset::sequence_at(p, end);
      if (n < 0) break;
      p += n;
    }
    out.append(charset::chars_of(run, p));
    if (p == end) break;
    out.append(charset::kReplacement);
    ++replaced;
    p -= n;
  }
  text = std::move(out);
  return replaced;
}

}  // namespace clipdown
