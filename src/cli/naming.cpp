#include "cli/naming.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <vector>

#include <fmt/core.h>

namespace clipdown::cli {

namespace {

/// A run of code points that fold to the same ASCII letters in a slug.
struct Fold {
  char32_t first;
  char32_t last;
  std::string_view ascii;
};

// Latin letters with accents, ligatures and special forms -> lowercase ASCII, sorted by code
// point (Latin-1, Latin Extended-A, the Romanian/Vietnamese/pinyin parts of Extended-B and
// Extended Additional, the fi/fl ligatures). Anything not here and not ASCII is dropped.
constexpr std::array kFolds = std::to_array<Fold>({
    {0x00C0, 0x00C5, "a"},   {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"},
    {0x00C8, 0x00CB, "e"},   {0x00CC, 0x00CF, "i"},  {0x00D0, 0x00D0, "d"},
    {0x00D1, 0x00D1, "n"},   {0x00D2, 0x00D6, "o"},  {0x00D8, 0x00D8, "o"},
    {0x00D9, 0x00DC, "u"},   {0x00DD, 0x00DD, "y"},  {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"},  {0x00E0, 0x00E5, "a"},  {0x00E6, 0x00E6, "ae"},
    {0x00E7, 0x00E7, "c"},   {0x00E8, 0x00EB, "e"},  {0x00EC, 0x00EF, "i"},
    {0x00F0, 0x00F0, "d"},   {0x00F1, 0x00F1, "n"},  {0x00F2, 0x00F6, "o"},
    {0x00F8, 0x00F8, "o"},   {0x00F9, 0x00FC, "u"},  {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"},  {0x00FF, 0x00FF, "y"},  {0x0100, 0x0105, "a"},
    {0x0106, 0x010D, "c"},   {0x010E, 0x0111, "d"},  {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"},   {0x0124, 0x0127, "h"},  {0x0128, 0x0131, "i"},
    {0x0132, 0x0133, "ij"},  {0x0134, 0x0135, "j"},  {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"},   {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"},
    {0x0152, 0x0153, "oe"},  {0x0154, 0x0159, "r"},  {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"},   {0x0168, 0x0173, "u"},  {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},   {0x0179, 0x017E, "z"},  {0x017F, 0x017F, "s"},
    {0x0180, 0x0180, "b"},   {0x0192, 0x0192, "f"},  {0x01A0, 0x01A1, "o"},
    {0x01AF, 0x01B0, "u"},   {0x01CD, 0x01CE, "a"},  {0x01CF, 0x01D0, "i"},
    {0x01D1, 0x01D2, "o"},   {0x01D3, 0x01DC, "u"},  {0x0218, 0x0219, "s"},
    {0x021A, 0x021B, "t"},   {0x1E9E, 0x1E9E, "ss"}, {0x1EA0, 0x1EB7, "a"},
    {0x1EB8, 0x1EC7, "e"},   {0x1EC8, 0x1ECB, "i"},  {0x1ECC, 0x1EE3, "o"},
    {0x1EE4, 0x1EF1, "u"},   {0x1EF2, 0x1EF9, "y"},  {0xFB00, 0xFB00, "ff"},
    {0xFB01, 0xFB01, "fi"},  {0xFB02, 0xFB02, "fl"}, {0xFB03, 0xFB03, "ffi"},
    {0xFB04, 0xFB04, "ffl"}, {0xFB05, 0xFB06, "st"},
});

/// Inclusive code point range.
struct Range {
  char32_t first;
  char32_t last;
};

// Characters that vanish from slugs without splitting a word: apostrophes ("don't" -> "dont"),
// combining accents of decomposed text, soft hyphens and the invisible format characters below.
constexpr std::array kSlugSilent = std::to_array<Range>({
    {0x0027, 0x0027},
    {0x00AD, 0x00AD},
    {0x02BC, 0x02BC},
    {0x0300, 0x036F},
    {0x200B, 0x200F},
    {0x2019, 0x2019},
    {0x202A, 0x202E},
    {0x2060, 0x206F},
    {0xFEFF, 0xFEFF},
});

// Invisible characters removed from file names: soft hyphen, Arabic letter mark, Mongolian vowel
// separator, zero-width and bidi marks/embeddings/overrides/isolates (U+200F, U+202E spoof the
// displayed name), word joiners, BOM, interlinear annotation marks, non-characters.
constexpr std::array kInvisible = std::to_array<Range>({
    {0x00AD, 0x00AD},
    {0x061C, 0x061C},
    {0x180E, 0x180E},
    {0x200B, 0x200F},
    {0x202A, 0x202E},
    {0x2060, 0x206F},
    {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFB},
    {0xFFFE, 0xFFFF},
});

// Characters read as white space in file names (collapsed to one ASCII space): line breaks, NBSP,
// the typographic spaces, line/paragraph separators, ideographic space.
constexpr std::array kSpaces = std::to_array<Range>({
    {0x0009, 0x000D},
    {0x00A0, 0x00A0},
    {0x2000, 0x200A},
    {0x2028, 0x2029},
    {0x202F, 0x202F},
    {0x205F, 0x205F},
    {0x3000, 0x3000},
});

// Characters Windows refuses in file names (and '/' '\' that would make folders): become '-'.
constexpr std::string_view kForbidden = "<>:\"/\\|?*";

// Windows device names, reserved with any extension ("con.md" too): get a '_' suffix.
constexpr std::array<std::string_view, 24> kDeviceNames = {
    "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3",   "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",   "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$", "CONOUT$",
};

// Extensions that input_stem() removes (after a ".gz"), compared case-insensitively.
constexpr std::array<std::string_view, 13> kPageExtensions = {
    ".html", ".htm", ".xhtml", ".shtml", ".txt",  ".text", ".mhtml",
    ".mht",  ".xml", ".php",   ".asp",   ".aspx", ".jsp",
};

// The fields a --name template may use.
constexpr std::array<std::string_view, 11> kTemplateFields = {
    "slug", "stem",  "date",     "year",     "month",          "day",
    "hash", "title", "url_host", "url_path", "warc_record_id",
};
// {url_host} of a page whose address is unknown.
constexpr std::string_view kNoHost = "no-host";
// {url_path} of a site's root.
constexpr std::string_view kIndex = "index";
// Stands for '/' in a field value that makes folders ({url_path}) until the name is split.
constexpr char kFolderMark = '\x1f';

// Value of {date}, {year}, {month} and {day} for a page without a date.
constexpr std::string_view kUndated = "undated";
// Last resort for an empty name.
constexpr std::string_view kUntitled = "untitled";
// Input stem of stdin.
constexpr std::string_view kStdinStem = "stdin";
// Hex digits of {hash}.
constexpr std::size_t kHashDigits = 10;

constexpr char32_t kInvalid = 0xFFFFFFFF;

/// Decodes the code point at `pos` (kInvalid and length 1 for a bad sequence).
char32_t next_code_point(std::string_view s, std::size_t pos, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  length = 1;
  if (b0 < 0x80) return b0;
  std::size_t n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0U) == 0xC0U) {
    n = 2;
    cp = b0 & 0x1FU;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    n = 3;
    cp = b0 & 0x0FU;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    n = 4;
    cp = b0 & 0x07U;
  } else {
    return kInvalid;
  }
  if (pos + n > s.size()) return kInvalid;
  for (std::size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0U) != 0x80U) return kInvalid;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum.at(n) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
  length = n;
  return cp;
}

template <std::size_t N>
bool in_ranges(const std::array<Range, N>& ranges, char32_t cp) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

/// The ASCII a code point folds to in a slug; nullptr when it has none.
const std::string_view* fold(char32_t cp) {
  const auto* it = std::upper_bound(kFolds.begin(), kFolds.end(), cp,
                                    [](char32_t c, const Fold& f) { return c < f.first; });
  if (it == kFolds.begin()) return nullptr;
  --it;
  return cp <= it->last ? &it->ascii : nullptr;
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool ends_with_nocase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && lowercase(s.substr(s.size() - suffix.size())) == suffix;
}

/// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void cut_utf8(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U) --cut;
  s.resize(cut);
}

void strip_trailing_dots_and_spaces(std::string& s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
}

/// Adds '_' after a Windows device name ("CON" -> "CON_", "nul.md" -> "nul_.md").
void avoid_device_name(std::string& s) {
  std::size_t base_end = s.find('.');
  if (base_end == std::string::npos) base_end = s.size();
  std::size_t trimmed = base_end;
  while (trimmed > 0 && s[trimmed - 1] == ' ') --trimmed;
  std::string base = s.substr(0, trimmed);
  std::transform(base.begin(), base.end(), base.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  if (std::find(kDeviceNames.begin(), kDeviceNames.end(), base) != kDeviceNames.end()) {
    s.insert(trimmed, "_");
  }
}

/// Whether `date` starts with YYYY-MM-DD.
bool has_day(std::string_view date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return false;
  constexpr std::array<std::size_t, 8> kDigits = {0, 1, 2, 3, 5, 6, 8, 9};
  return std::all_of(kDigits.begin(), kDigits.end(),
                     [date](std::size_t i) { return date[i] >= '0' && date[i] <= '9'; });
}

/// The host of an http(s) URL, lower case, without port or credentials ("" when none).
std::string_view host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  if (!rest.starts_with('[')) rest = rest.substr(0, rest.find(':'));
  return rest;
}

/// {url_host}: the page's host ("no-host" when its address is unknown).
std::string url_host(std::string_view url) {
  const std::string host = lowercase(host_of(url));
  return host.empty() ? std::string(kNoHost) : host;
}

/// {url_path}: the URL's path without the leading '/', query or fragment, and without the
/// extension of its last segment; its '/' make folders. The site's root is "index"; a page
/// without an address takes its input's stem.
std::string url_path(std::string_view url, std::string_view stem) {
  if (host_of(url).empty()) return std::string(stem);
  std::string_view path = url.substr(url.find("://") + 3);
  const std::size_t slash = path.find_first_of("/?#");
  path = slash == std::string_view::npos || path[slash] != '/' ? std::string_view{}
                                                               : path.substr(slash + 1);
  path = path.substr(0, path.find_first_of("?#"));
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t last = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot != std::string_view::npos && (last == std::string_view::npos || dot > last + 1)) {
    path = path.substr(0, dot);
  }
  if (path.empty()) return std::string(kIndex);
  std::string out(path);
  std::replace(out.begin(), out.end(), '/', kFolderMark);
  return out;
}

/// The value of one template field.
std::string field_value(std::string_view name, const NameFields& fields) {
  if (name == "slug") {
    std::string slug = slugify(fields.title);
    if (slug.empty()) slug = slugify(fields.stem);
    return slug.empty() ? std::string(kUntitled) : slug;
  }
  if (name == "title") return fields.title.empty() ? fields.stem : fields.title;
  if (name == "stem") return fields.stem;
  if (name == "hash") return fields.hash;
  if (name == "url_host") return url_host(fields.url);
  if (name == "url_path") return url_path(fields.url, fields.stem);
  if (name == "warc_record_id") return record_id_tail(fields.warc_record_id, fields.stem);
  const bool dated = has_day(fields.date);
  if (name == "date") return dated ? fields.date.substr(0, 10) : std::string(kUndated);
  if (name == "year") return dated ? fields.date.substr(0, 4) : std::string(kUndated);
  if (name == "month") return dated ? fields.date.substr(5, 2) : std::string(kUndated);
  if (name == "day") return dated ? fields.date.substr(8, 2) : std::string(kUndated);
  return {};
}

/// Replaces every {field} of one template piece (the template is validated beforehand).
std::string expand(std::string_view piece, const NameFields& fields) {
  std::string out;
  std::size_t pos = 0;
  while (pos < piece.size()) {
    const std::size_t open = piece.find('{', pos);
    const std::size_t close = open == std::string_view::npos ? open : piece.find('}', open);
    if (close == std::string_view::npos) {
      out.append(piece.substr(pos));
      break;
    }
    out.append(piece.substr(pos, open - pos));
    out.append(field_value(piece.substr(open + 1, close - open - 1), fields));
    pos = close + 1;
  }
  return out;
}

}  // namespace

std::string record_id_tail(std::string_view id, std::string_view stem) {
  if (id.empty()) return std::string(stem);
  const std::size_t colon = id.rfind(':');
  return std::string(colon == std::string_view::npos ? id : id.substr(colon + 1));
}

bool is_dated(const NameFields& fields) {
  return has_day(fields.date);
}

std::string slugify(std::string_view title, std::size_t max_bytes) {
  std::string slug;
  bool pending_dash = false;
  auto emit = [&](std::string_view ascii) {
    if (pending_dash && !slug.empty()) slug.push_back('-');
    pending_dash = false;
    slug.append(ascii);
  };
  std::size_t pos = 0;
  while (pos < title.size()) {
    std::size_t length = 1;
    const char32_t cp = next_code_point(title, pos, length);
    pos += length;
    if (cp < 0x80 && ascii_alnum(static_cast<char>(cp))) {
      emit(std::string(1, ascii_lower(static_cast<char>(cp))));
    } else if (in_ranges(kSlugSilent, cp)) {
      continue;
    } else if (const std::string_view* ascii = fold(cp); ascii != nullptr) {
      emit(*ascii);
    } else {
      pending_dash = true;
    }
  }
  if (slug.size() > max_bytes) {
    // Cut at the last '-' that keeps whole words, unless the first word alone is too long.
    const bool cut_at_boundary = slug[max_bytes] == '-';
    slug.resize(max_bytes);
    if (!cut_at_boundary) {
      const std::size_t dash = slug.rfind('-');
      if (dash != std::string::npos) slug.resize(dash);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug;
}

std::string input_stem(std::string_view path) {
  if (path == "-") return std::string(kStdinStem);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (ends_with_nocase(name, ".gz")) name.remove_suffix(3);
  for (const std::string_view ext : kPageExtensions) {
    if (name.size() > ext.size() && ends_with_nocase(name, ext)) {
      name.remove_suffix(ext.size());
      break;
    }
  }
  return std::string(name);
}

std::uint64_t fnv1a64(std::string_view bytes) {
  constexpr std::uint64_t kOffsetBasis = 14695981039346656037ULL;
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t hash = kOffsetBasis;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kPrime;
  }
  return hash;
}

std::string input_hash(std::string_view bytes) {
  return fmt::format("{:016x}", fnv1a64(bytes)).substr(0, kHashDigits);
}

std::string sanitize_component(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 1;
    const char32_t cp = next_code_point(text, pos, length);
    const std::string_view bytes = text.substr(pos, length);
    pos += length;
    if (cp == kInvalid) {
      out.push_back('_');
    } else if (in_ranges(kSpaces, cp) || cp == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || in_ranges(kInvisible, cp)) {
      continue;
    } else if (cp < 0x80 && kForbidden.find(static_cast<char>(cp)) != std::string_view::npos) {
      out.push_back('-');
    } else {
      out.append(bytes);
    }
  }
  // No hidden files, no "." or "..", nothing a shell reads as an option; Windows drops trailing
  // dots and spaces, so two names could collide there.
  const std::size_t first = out.find_first_not_of(".- ");
  out.erase(0, first == std::string::npos ? out.size() : first);
  strip_trailing_dots_and_spaces(out);
  cut_utf8(out, max_bytes);
  strip_trailing_dots_and_spaces(out);
  if (out.empty()) out = kUntitled;
  avoid_device_name(out);
  return out;
}

std::string template_error(std::string_view name_template) {
  if (name_template.empty()) return "the name template is empty";
  // A "." or ".." folder would point outside -o DIR or nowhere; render_name() would only
  // rewrite it ("untitled"), which hides the mistake.
  for (std::size_t start = 0; start <= name_template.size();) {
    const std::size_t slash = std::min(name_template.find('/', start), name_template.size());
    const std::string_view piece = name_template.substr(start, slash - start);
    if (piece == "." || piece == "..") {
      return fmt::format("'{}' in '{}': names stay inside -o DIR", piece, name_template);
    }
    start = slash + 1;
  }
  std::size_t pos = 0;
  while ((pos = name_template.find('{', pos)) != std::string_view::npos) {
    const std::size_t close = name_template.find('}', pos);
    if (close == std::string_view::npos) return fmt::format("unclosed '{{' in '{}'", name_template);
    const std::string_view field = name_template.substr(pos + 1, close - pos - 1);
    if (std::find(kTemplateFields.begin(), kTemplateFields.end(), field) == kTemplateFields.end()) {
      return fmt::format(
          "unknown field '{{{}}}' (use {{slug}} {{stem}} {{date}} {{year}} {{month}} {{day}} "
          "{{hash}} {{title}})",
          field);
    }
    pos = close + 1;
  }
  return {};
}

namespace {

/// An expanded piece split where a field made folders ("", "." and ".." parts of a field's path
/// left out); a piece without such a field is one part, whatever it is.
std::vector<std::string_view> folder_parts(std::string_view expanded) {
  if (expanded.find(kFolderMark) == std::string_view::npos) return {expanded};
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= expanded.size()) {
    const std::size_t mark = std::min(expanded.find(kFolderMark, start), expanded.size());
    const std::string_view part = expanded.substr(start, mark - start);
    if (!part.empty() && part != "." && part != "..") parts.push_back(part);
    start = mark + 1;
  }
  return parts;
}

}  // namespace

std::string render_name(std::string_view name_template, const NameFields& fields,
                        std::string_view extension) {
  if (!extension.empty() && ends_with_nocase(name_template, lowercase(extension))) {
    name_template.remove_suffix(extension.size());
  }
  std::string path;
  std::string_view last;
  std::size_t pos = 0;
  // Every piece but the last is a folder; empty pieces ("a//b", a leading '/') are skipped.
  while (true) {
    const std::size_t slash = name_template.find('/', pos);
    const std::string_view piece = name_template.substr(pos, slash - pos);
    if (slash == std::string_view::npos) {
      last = piece;
      break;
    }
    if (!piece.empty()) {
      const std::string folders = expand(piece, fields);
      for (const std::string_view folder : folder_parts(folders)) {
        path += sanitize_component(folder);
        path += '/';
      }
    }
    pos = slash + 1;
  }
  // A field that makes folders ({url_path}) may put some into the last piece too.
  const std::string expanded = expand(last, fields);
  std::vector<std::string_view> parts = folder_parts(expanded);
  const std::string_view file = parts.empty() ? std::string_view{} : parts.back();
  if (!parts.empty()) parts.pop_back();
  for (const std::string_view folder : parts) {
    path += sanitize_component(folder);
    path += '/';
  }
  std::string name =
      sanitize_component(file, kMaxComponentBytes - std::min(extension.size(), std::size_t{16}));
  name += extension;
  avoid_device_name(name);
  return path + name;
}

bool stays_inside(std::string_view relative) {
  if (relative.empty()) return false;
  const std::filesystem::path path{std::string(relative)};
  if (path.is_absolute() || path.has_root_name() || path.has_root_directory()) return false;
  const std::filesystem::path normal = path.lexically_normal();
  if (normal.empty() || normal == ".") return false;
  return *normal.begin() != "..";
}

std::string NameRegistry::claim(const std::string& relative, std::string_view extension) {
  if (taken_.insert(lowercase(relative)).second) return relative;
  std::string_view base = relative;
  std::string_view ext;
  if (!extension.empty() && ends_with_nocase(relative, lowercase(extension))) {
    base.remove_suffix(extension.size());
    ext = std::string_view(relative).substr(base.size());
  }
  for (std::size_t n = 2;; ++n) {
    std::string candidate = fmt::format("{}-{}{}", base, n, ext);
    if (taken_.insert(lowercase(candidate)).second) return candidate;
  }
}

}  // namespace clipdown::cli
