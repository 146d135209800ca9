#include "clipdown/markdown.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shortcodes.hpp"

// The Markdown writer: the only place that knows Markdown syntax and escaping. Output is
// CommonMark plus GFM tables. Text is escaped only where CommonMark would otherwise read it
// as markup; every rule below names the construct it defuses.

namespace clipdown {

namespace {

// Section headings start here: the front matter (or "# Title") carries the h1.
constexpr int kTopSectionLevel = 2;
// ATX headings stop at h6.
constexpr int kMaxHeadingLevel = 6;
// A thematic break; always preceded by a blank line, so it never reads as a setext underline.
constexpr std::string_view kRule = "---";
// The shortest code fence; longer when the code holds a backtick run this long.
constexpr std::size_t kMinFence = 3;
// CommonMark ordered-list numbers have at most nine digits.
constexpr int kMaxListNumber = 999'999'999;
// Deeper list and quote nesting is written at this depth: the indentation of every line grows
// with depth, so unbounded nesting (tag soup) would make the output quadratic in the input.
constexpr int kMaxNesting = 10;
// Wrapping never narrows text below this many columns, however deep the quote or list prefix.
constexpr int kMinWrapWidth = 20;
// Bullets alternate between adjacent lists so that CommonMark never merges them.
constexpr std::array<char, 2> kBullets = {'-', '*'};
// Ordered-list delimiters alternate the same way ("1." then "1)").
constexpr std::array<char, 2> kOrderedDelimiters = {'.', ')'};
// ATX heading markers are runs of at most six '#'.
constexpr std::size_t kMaxAtxRun = 6;
// A thematic break needs at least three marker characters.
constexpr std::size_t kMinThematicRun = 3;
// A tilde run this long at a line start opens a fenced code block.
constexpr std::size_t kMinTildeFence = 3;
// Ordered-list markers have at most nine digits.
constexpr std::size_t kMaxListDigits = 9;
// Longest entity name CommonMark recognises ("&CounterClockwiseContourIntegral;").
constexpr std::size_t kMaxEntityName = 32;
// Numeric character references: up to 7 decimal or 6 hexadecimal digits.
constexpr std::size_t kMaxDecimalDigits = 7;
constexpr std::size_t kMaxHexDigits = 6;
// White space beyond ASCII, as CommonMark's emphasis flanking rules see it.
constexpr std::array<char32_t, 6> kUnicodeSpaces = {0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, 0x2007};
// Unicode punctuation ranges (general category P*) that matter for emphasis flanking.
constexpr std::array<std::pair<char32_t, char32_t>, 40> kUnicodePunctuation = {{
    {0x00A1, 0x00A1}, {0x00A7, 0x00A7}, {0x00AB, 0x00AB}, {0x00B6, 0x00B7}, {0x00BB, 0x00BB},
    {0x00BF, 0x00BF}, {0x037E, 0x037E}, {0x0387, 0x0387}, {0x055A, 0x055F}, {0x0589, 0x058A},
    {0x05BE, 0x05BE}, {0x05C0, 0x05C0}, {0x05C3, 0x05C3}, {0x05F3, 0x05F4}, {0x0609, 0x060D},
    {0x061B, 0x061F}, {0x066A, 0x066D}, {0x06D4, 0x06D4}, {0x0964, 0x0965}, {0x0970, 0x0970},
    {0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051}, {0x2053, 0x205E}, {0x207D, 0x207E},
    {0x208D, 0x208E}, {0x2308, 0x230B}, {0x2329, 0x232A}, {0x2768, 0x2775}, {0x27E6, 0x27EF},
    {0x2983, 0x2998}, {0x2E00, 0x2E4F}, {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F},
    {0xFE10, 0xFE19}, {0xFE30, 0xFE52}, {0xFE54, 0xFE6B}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF65},
}};

// ---------------------------------------------------------------------------------------------
// Characters

struct CodePoint {
  char32_t value = 0;
  std::size_t size = 1;
};

CodePoint decode_at(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  const std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return {0xFFFD, 1};
  auto value = static_cast<char32_t>(b0 & (0x3FU >> (n - 1)));
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0U) != 0x80U) return {0xFFFD, 1};
    value = (value << 6U) | (b & 0x3FU);
  }
  return {value, n};
}

/// The code point ending just before byte `i` (0 when `i` is 0).
char32_t code_point_before(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  std::size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) {
    --start;
  }
  return decode_at(s, start).value;
}

char32_t first_code_point(std::string_view s) {
  return s.empty() ? 0 : decode_at(s, 0).value;
}

bool is_ascii_punct(char32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

/// White space for flanking; 0 stands for a line boundary, which counts as white space.
bool is_space(char32_t c) {
  if (c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    return true;
  }
  if (c >= 0x2000 && c <= 0x200A) return true;
  return std::find(kUnicodeSpaces.begin(), kUnicodeSpaces.end(), c) != kUnicodeSpaces.end();
}

bool is_punct(char32_t c) {
  if (c < 0x80) return is_ascii_punct(c);
  return std::any_of(kUnicodePunctuation.begin(), kUnicodePunctuation.end(),
                     [c](const auto& range) { return c >= range.first && c <= range.second; });
}

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
bool is_hex_digit(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

/// Display columns of UTF-8 text (one per code point).
std::size_t columns(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

void trim_trailing_blanks(std::string& s) {
  while (!s.empty() && is_blank(s.back())) s.pop_back();
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

/// True when `s[i]` ('&') starts something CommonMark decodes as a character reference.
bool entity_like_at(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const std::size_t start = j;
    while (j < s.size() && (hex ? is_hex_digit(s[j]) : is_ascii_digit(s[j]))) ++j;
    const std::size_t digits = j - start;
    return digits > 0 && digits <= (hex ? kMaxHexDigits : kMaxDecimalDigits) && j < s.size() &&
           s[j] == ';';
  }
  if (j >= s.size() || !is_ascii_alpha(s[j])) return false;
  const std::size_t start = j;
  while (j < s.size() && is_ascii_alnum(s[j])) ++j;
  return j - start <= kMaxEntityName && j < s.size() && s[j] == ';';
}

// ---------------------------------------------------------------------------------------------
// Escaping

struct Flanking {
  bool left = false;
  bool right = false;
};

Flanking flanking(char32_t before, char32_t after) {
  Flanking f;
  f.left = !is_space(after) && (!is_punct(after) || is_space(before) || is_punct(before));
  f.right = !is_space(before) && (!is_punct(before) || is_space(after) || is_punct(after));
  return f;
}

/// True when a delimiter run of `c` between `before` and `after` could open or close emphasis
/// (or GFM strikethrough for '~').
bool run_is_active(char c, char32_t before, char32_t after) {
  const Flanking f = flanking(before, after);
  if (c == '_') {
    const bool can_open = f.left && (!f.right || is_punct(before));
    const bool can_close = f.right && (!f.left || is_punct(after));
    return can_open || can_close;
  }
  return f.left || f.right;
}

/// Where the block-structure escape at a line start goes: `count` characters from `pos`.
struct LineStartEscape {
  std::size_t pos = std::string_view::npos;
  std::size_t count = 0;
  /// True when byte `j` is to be escaped.
  [[nodiscard]] bool covers(std::size_t j) const {
    return pos != std::string_view::npos && j >= pos && j < pos + count;
  }
};

/// A line examined for block markers: text[begin, end) and what follows it on the same line.
struct LineView {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool more = false;       ///< another span follows on the same line
  char32_t after_end = 0;  ///< its first character

  /// True when position `j` holds a blank or the line ends there.
  [[nodiscard]] bool blank_at(std::size_t j) const {
    const char32_t c = j < end ? static_cast<unsigned char>(text[j]) : (more ? after_end : 0);
    return c == 0 || c == ' ' || c == '\t';
  }
  /// True when the whole line holds only `c` and blanks, at least `min` times `c`.
  [[nodiscard]] bool only(char c, std::size_t min) const {
    if (more) return false;
    std::size_t count = 0;
    for (std::size_t j = begin; j < end; ++j) {
      if (text[j] == c) {
        ++count;
      } else if (!is_blank(text[j])) {
        return false;
      }
    }
    return count >= min;
  }
  /// The length of the run of `c` starting at `from`.
  [[nodiscard]] std::size_t run(std::size_t from, char c) const {
    std::size_t j = from;
    while (j < end && text[j] == c) ++j;
    return j - from;
  }
};

/// A GFM table delimiter row ("--- | :---:"): under a line with pipes it would make a table.
bool is_delimiter_row(const LineView& line) {
  if (line.more) return false;
  const std::string_view rest = line.text.substr(line.begin, line.end - line.begin);
  return rest.find_first_not_of("|-: \t") == std::string_view::npos &&
         rest.find('-') != std::string_view::npos && rest.find('|') != std::string_view::npos;
}

/// Escapes for ATX headings, block quotes, bullets, thematic breaks, setext underlines and
/// tilde fences (backtick fences are escaped everywhere).
LineStartEscape marker_escape(const LineView& line) {
  const std::size_t i = line.begin;
  const char c = line.text[i];
  const LineStartEscape first{i, 1};
  switch (c) {
    case '#': {
      const std::size_t run = line.run(i, '#');
      return run <= kMaxAtxRun && line.blank_at(i + run) ? first : LineStartEscape{};
    }
    case '>':
      return first;
    case '-':
    case '+':
    case '*': {
      const bool list = line.blank_at(i + 1);
      const bool thematic = c != '+' && line.only(c, kMinThematicRun);
      const bool setext = c == '-' && line.only(c, 1);
      return list || thematic || setext ? first : LineStartEscape{};
    }
    case '_':
      return line.only(c, kMinThematicRun) ? first : LineStartEscape{};
    case '=':
      return line.only(c, 1) ? first : LineStartEscape{};
    case '~': {
      const std::size_t run = line.run(i, '~');
      return run >= kMinTildeFence ? LineStartEscape{i, run} : LineStartEscape{};
    }
    default:
      return {};
  }
}

/// Escapes the '.' or ')' of an ordered-list marker ("2019. A year").
LineStartEscape ordered_escape(const LineView& line) {
  const std::size_t i = line.begin;
  std::size_t j = i;
  while (j < line.end && is_ascii_digit(line.text[j])) ++j;
  const bool marker = j > i && j - i <= kMaxListDigits && j < line.end &&
                      (line.text[j] == '.' || line.text[j] == ')') && line.blank_at(j + 1);
  return marker ? LineStartEscape{j, 1} : LineStartEscape{};
}

/// The escape that keeps the first non-blank character of a line from starting a block.
LineStartEscape line_start_escape(const LineView& line) {
  if (is_delimiter_row(line)) return {line.begin, 1};
  const LineStartEscape marker = marker_escape(line);
  return marker.pos != std::string_view::npos ? marker : ordered_escape(line);
}

/// True when the text holds two or more tilde runs that could pair up as GFM strikethrough.
bool has_strikethrough_pair(std::string_view text, char32_t prev, char32_t next) {
  int active = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '~') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] == '~') ++j;
    const char32_t before = i == 0 ? prev : code_point_before(text, i);
    const char32_t after = j < text.size() ? decode_at(text, j).value : next;
    if (run_is_active('~', before, after)) ++active;
    i = j;
  }
  return active >= 2;
}

/// True when the character at `text[i]` (not '*', '_' or '~') must be escaped where it stands;
/// `next` is the character after the text.
bool needs_escape(std::string_view text, std::size_t i, char32_t next) {
  const std::size_t n = text.size();
  switch (text[i]) {
    case '\\': {
      // A backslash escapes a following ASCII punctuation character and, at a line end,
      // makes a hard break: double it there (and at the text's end, where a span follows).
      std::size_t j = i + 1;
      while (j < n && is_blank(text[j])) ++j;
      return j == n || text[j] == '\n' ||
             (j == i + 1 && is_ascii_punct(static_cast<unsigned char>(text[j])));
    }
    case '`':
    case '[':
    case ']':
      return true;
    case '<': {
      // Raw HTML and autolinks: '<' followed by a letter, '/', '!' or '?'.
      const char32_t after = i + 1 < n ? static_cast<unsigned char>(text[i + 1]) : next;
      return after == '/' || after == '!' || after == '?' ||
             (after < 0x80 && is_ascii_alpha(static_cast<char>(after)));
    }
    case '&':
      return entity_like_at(text, i);
    case '!':
      return i + 1 == n && next == '[';  // "!" before a link would make an image
    default:
      return false;
  }
}

/// Appends the delimiter run of '*', '_' or '~' starting at `text[i]`, escaped when it could
/// open or close emphasis (or strikethrough); returns the index after the run.
std::size_t append_run(std::string& out, std::string_view text, std::size_t i, char32_t prev,
                       char32_t next, bool strike, const LineStartEscape& forced) {
  const char c = text[i];
  std::size_t j = i;
  while (j < text.size() && text[j] == c) ++j;
  const char32_t before = i == 0 ? prev : code_point_before(text, i);
  const char32_t after = j < text.size() ? decode_at(text, j).value : next;
  const bool active = (c != '~' || strike) && run_is_active(c, before, after);
  for (std::size_t k = i; k < j; ++k) {
    if (active || forced.covers(k)) out += '\\';
    out += c;
  }
  return j;
}

/// Skips the blanks at the start of the line at `text[i]` and decides its block-marker escape;
/// returns the index of its first non-blank character.
std::size_t start_line(std::string_view text, std::size_t i, char32_t next,
                       LineStartEscape& forced) {
  while (i < text.size() && is_blank(text[i])) ++i;
  if (i == text.size()) return i;
  const std::size_t newline = text.find('\n', i);
  const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
  forced = line_start_escape({text, i, end, end == text.size() && next != 0, next});
  return i;
}

/// Escapes `text` for CommonMark inline content. `prev`/`next` are the characters just outside
/// the text on its line (0: a line boundary). With `line_start`, the text begins a line: its
/// leading blanks are dropped and block markers are escaped (also after every newline).
/// `tildes_elsewhere`: tilde runs outside this text could pair with ours as strikethrough.
std::string escape_text(std::string_view text, char32_t prev, char32_t next, bool line_start,
                        bool tildes_elsewhere = false) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 2);
  const bool strike = tildes_elsewhere || has_strikethrough_pair(text, prev, next);
  const std::size_t n = text.size();
  bool at_line_start = line_start;
  LineStartEscape forced;
  std::size_t i = 0;
  while (i < n) {
    const char c = text[i];
    if (at_line_start) {
      at_line_start = false;
      i = start_line(text, i, next, forced);
    } else if (c == '\n') {
      trim_trailing_blanks(out);
      out += '\n';
      ++i;
      at_line_start = true;
    } else if (c == '*' || c == '_' || c == '~') {
      i = append_run(out, text, i, prev, next, strike, forced);
    } else {
      if (forced.covers(i) || needs_escape(text, i, next)) out += '\\';
      out += c == '\t' || c == '\r' ? ' ' : c;
      ++i;
    }
  }
  if (next == 0) trim_trailing_blanks(out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inline content

/// A link destination: bare when CommonMark allows it, else in <...>.
std::string link_destination(std::string_view url) {
  const bool pointy = url.find_first_of(" ()<>") != std::string_view::npos;
  std::string out;
  out.reserve(url.size() + 2);
  if (pointy) out += '<';
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (c < 0x20 || c == 0x7F || (pointy && (c == '<' || c == '>'))) {
      constexpr std::string_view kHex = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4U];
      out += kHex[c & 0xFU];
      continue;
    }
    const bool escaped_backslash =
        c == '\\' &&
        (i + 1 == url.size() || is_ascii_punct(static_cast<unsigned char>(url[i + 1])));
    if (escaped_backslash || (c == '&' && entity_like_at(url, i))) out += '\\';
    out += static_cast<char>(c);
  }
  if (pointy) out += '>';
  return out;
}

/// A code span around `code` with a fence longer than any backtick run inside.
std::string code_span(std::string_view code) {
  std::size_t longest = 0;
  for (std::size_t i = 0; i < code.size();) {
    if (code[i] != '`') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < code.size() && code[j] == '`') ++j;
    longest = std::max(longest, j - i);
    i = j;
  }
  const std::string fence(longest + 1, '`');
  const bool pad =
      code.front() == '`' || code.back() == '`' || (code.front() == ' ' && code.back() == ' ');
  std::string out = fence;
  if (pad) out += ' ';
  out += code;
  if (pad) out += ' ';
  out += fence;
  return out;
}

/// One piece of a line under construction.
struct Piece {
  enum class Kind : std::uint8_t { text, markup, line_break };
  Kind kind = Kind::text;
  std::string raw;         ///< text: the raw text; markup: the plain fallback text
  std::string body;        ///< markup: the rendered body (without emphasis markers)
  std::string marker;      ///< "*", "**", "***" or ""
  bool text_body = false;  ///< the body is escaped text (may wrap, may merge with a neighbour)
};

/// A rendered line and the places where it may be wrapped.
struct Line {
  std::string text;
  /// (end of the kept text, start of the next line) at each run of spaces.
  std::vector<std::pair<std::size_t, std::size_t>> breaks;
};

/// How inline content is rendered.
struct InlineMode {
  bool caption = false;          ///< emphasis is implied: inner emphasis is written as text
  bool single_line = false;      ///< headings and table cells: breaks become spaces
  bool first_line_start = true;  ///< the first line starts a Markdown line (block markers matter)
  char32_t outer = 0;            ///< the character written around the content (captions: '*'), or 0
};

/// Collapses runs of blanks and turns newlines into spaces (paragraph text is one flow).
std::string flow_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (blank) {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void push_text(std::vector<Piece>& pieces, std::string text) {
  if (text.empty()) return;
  if (!pieces.empty() && pieces.back().kind == Piece::Kind::text) {
    pieces.back().raw += text;
    return;
  }
  Piece piece;
  piece.raw = std::move(text);
  pieces.push_back(std::move(piece));
}

/// Escaped link text or image alt text. A leading '^' is escaped too: cmark-gfm reads "[^"
/// as a footnote reference and would turn an image into a link.
std::string bracket_text(std::string_view text, bool tildes) {
  std::string out = escape_text(text, '[', ']', false, tildes);
  if (!out.empty() && out.front() == '^') out.insert(0, "\\");
  return out;
}

/// True when the spans hold two or more tilde runs: GFM could pair them as strikethrough
/// across spans, so every tilde run that could open or close is escaped.
bool tildes_may_pair(const std::vector<Span>& spans) {
  int runs = 0;
  for (const auto& span : spans) {
    if (span.kind == SpanKind::code) continue;
    for (std::size_t i = 0; i < span.text.size(); ++i) {
      if (span.text[i] == '~' && (i == 0 || span.text[i - 1] != '~')) ++runs;
    }
  }
  return runs >= 2;
}

/// A flowed span text split into its leading blanks, its content and its trailing blanks.
struct Edges {
  std::string_view lead;
  std::string_view core;
  std::string_view trail;
};

Edges split_edges(std::string_view flowed) {
  // A no-break space at the edge of link or emphasis text counts as a blank too: markdownlint
  // (MD039) and readers see "[word ](url)" either way.
  constexpr std::string_view kNoBreakSpace = "\xc2\xa0";  // U+00A0
  std::string_view core = flowed;
  for (bool trimmed = true; trimmed;) {
    const std::size_t before = core.size();
    core = trim_blanks(core);
    if (core.substr(0, kNoBreakSpace.size()) == kNoBreakSpace)
      core.remove_prefix(kNoBreakSpace.size());
    if (core.size() >= kNoBreakSpace.size() &&
        core.substr(core.size() - kNoBreakSpace.size()) == kNoBreakSpace) {
      core.remove_suffix(kNoBreakSpace.size());
    }
    trimmed = core.size() != before;
  }
  if (core.empty()) return {flowed, {}, {}};
  const auto lead = static_cast<std::size_t>(core.data() - flowed.data());
  return {flowed.substr(0, lead), core, flowed.substr(lead + core.size())};
}

/// Appends a markup piece; emphasis without markers becomes text, and emphasis right after
/// emphasis of the same kind merges with it (*a**b* would not parse: write *ab*).
void push_piece(std::vector<Piece>& pieces, Piece piece) {
  if (piece.text_body && piece.marker.empty()) {
    push_text(pieces, std::move(piece.raw));
  } else if (piece.text_body && !pieces.empty() && pieces.back().text_body &&
             pieces.back().marker == piece.marker) {
    pieces.back().raw += piece.raw;
  } else {
    pieces.push_back(std::move(piece));
  }
}

/// The markup piece of a non-text span with content `core`.
Piece span_piece(const Span& span, std::string_view core, const MarkdownOptions& options,
                 InlineMode mode, bool tildes) {
  const bool emphasis = !mode.caption && (span.kind == SpanKind::emphasis || span.emphasis);
  const bool strong = !mode.caption && (span.kind == SpanKind::strong || span.strong);
  Piece piece{.kind = Piece::Kind::markup, .raw = std::string(core)};
  piece.marker = strong && emphasis ? "***" : strong ? "**" : emphasis ? "*" : "";
  if (span.kind == SpanKind::code) {
    piece.body = code_span(core);
  } else if (span.kind == SpanKind::link && options.links && !span.url.empty()) {
    // A link whose text is its URL is written out in full too, never as an <autolink>: tools
    // that strip HTML tags from Markdown take <https://...> for a tag and lose the address.
    piece.body = "[" + bracket_text(core, tildes) + "](" + link_destination(span.url) + ")";
  } else {
    piece.text_body = true;  // escaped once the pieces are merged
  }
  return piece;
}

/// True when a span is written without markup (plain text, or a link written as its text).
bool is_plain(const Span& span, const MarkdownOptions& options, InlineMode mode) {
  const bool emphasis = !mode.caption && (span.kind == SpanKind::emphasis || span.emphasis);
  const bool strong = !mode.caption && (span.kind == SpanKind::strong || span.strong);
  const bool link = span.kind == SpanKind::link && options.links && !span.url.empty();
  return !emphasis && !strong && !link && span.kind != SpanKind::code;
}

void add_span(std::vector<Piece>& pieces, const Span& span, const MarkdownOptions& options,
              InlineMode mode, bool tildes) {
  if (span.kind == SpanKind::line_break) {
    if (mode.single_line) {
      push_text(pieces, " ");
    } else {
      pieces.push_back(Piece{.kind = Piece::Kind::line_break});
    }
    return;
  }
  if (span.kind == SpanKind::image && (!options.images || span.url.empty())) return;
  const std::string flowed = flow_text(span.text);
  if (span.kind != SpanKind::image && is_plain(span, options, mode)) {
    push_text(pieces, flowed);
    return;
  }
  const Edges edges = split_edges(flowed);
  if (edges.core.empty() && span.kind != SpanKind::image) {
    push_text(pieces, flowed);  // empty links and emphasis are dropped
    return;
  }
  push_text(pieces, std::string(edges.lead));
  if (span.kind == SpanKind::image) {
    pieces.push_back(Piece{
        .kind = Piece::Kind::markup,
        .raw = std::string(edges.core),
        .body = "![" + bracket_text(edges.core, tildes) + "](" + link_destination(span.url) + ")"});
  } else {
    push_piece(pieces, span_piece(span, edges.core, options, mode, tildes));
  }
  push_text(pieces, std::string(edges.trail));
}

/// Turns spans into pieces: whitespace moved outside markup, empty markup dropped, adjacent
/// text merged, adjacent emphasis of the same kind merged.
std::vector<Piece> make_pieces(const std::vector<Span>& spans, const MarkdownOptions& options,
                               InlineMode mode) {
  std::vector<Piece> pieces;
  pieces.reserve(spans.size());
  const bool tildes = tildes_may_pair(spans);
  for (const auto& span : spans) add_span(pieces, span, options, mode, tildes);
  for (auto& piece : pieces) {
    if (piece.text_body) piece.body = escape_text(piece.raw, '*', '*', false, tildes);
  }
  return pieces;
}

/// The first character a piece will write (for the flanking checks of its neighbour).
char32_t piece_first(const Piece& piece) {
  switch (piece.kind) {
    case Piece::Kind::text:
      return first_code_point(piece.raw);
    case Piece::Kind::markup:
      return piece.marker.empty() ? first_code_point(piece.body) : char32_t{'*'};
    case Piece::Kind::line_break:
      return '\\';  // the backslash of the hard break
  }
  return 0;
}

void record_breaks(Line& line, std::size_t offset, std::string_view written) {
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (written[i] != ' ' || (i > 0 && written[i - 1] == ' ')) continue;
    std::size_t j = i;
    while (j < written.size() && written[j] == ' ') ++j;
    if (i == 0 || j == written.size()) continue;  // a space at a piece edge: not inside text
    line.breaks.emplace_back(offset + i, offset + j);
  }
}

void end_line(std::vector<Line>& lines) {
  Line& line = lines.back();
  trim_trailing_blanks(line.text);
  while (!line.breaks.empty() && line.breaks.back().second >= line.text.size()) {
    line.breaks.pop_back();
  }
}

char32_t last_code_point(std::string_view s) {
  return code_point_before(s, s.size());
}

std::string_view trim_leading_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

/// Decides which emphasis markers are written: a marker pair is kept when both delimiter runs
/// would parse (CommonMark's flanking rules, with the neighbours they will really have) and it
/// does not touch the closing marker of the piece before.
std::vector<bool> keep_markers(const std::vector<Piece>& pieces, char32_t outer) {
  std::vector<bool> keep(pieces.size(), false);
  char32_t prev = outer;
  bool at_line_start = true;
  bool after_closer = false;
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    const Piece& piece = pieces[p];
    if (piece.kind == Piece::Kind::line_break) {
      prev = 0;
      at_line_start = true;
      after_closer = false;
      continue;
    }
    if (piece.kind == Piece::Kind::text) {
      const std::string_view written =
          at_line_start ? trim_leading_blanks(piece.raw) : std::string_view(piece.raw);
      if (!written.empty()) {
        prev = last_code_point(written);
        at_line_start = false;
        after_closer = false;
      }
      continue;
    }
    at_line_start = false;
    if (piece.marker.empty()) {
      prev = last_code_point(piece.body);
      after_closer = false;
      continue;
    }
    char32_t next = outer;
    if (p + 1 < pieces.size()) {
      const Piece& following = pieces[p + 1];
      // A marked piece right after a kept one loses its markers: its text follows ours.
      next = following.kind == Piece::Kind::markup && !following.marker.empty()
                 ? first_code_point(following.raw)
                 : piece_first(following);
    }
    keep[p] = !after_closer && flanking(prev, first_code_point(piece.body)).left &&
              flanking(last_code_point(piece.body), next).right;
    after_closer = keep[p];
    prev = keep[p] ? char32_t{'*'} : last_code_point(piece.raw);
  }
  return keep;
}

/// Appends escaped text to a line, recording its spaces as break points.
void append_text(Line& line, std::string_view raw, char32_t prev, char32_t next, bool line_start,
                 bool tildes) {
  if (line.text.empty()) raw = trim_leading_blanks(raw);
  const std::string escaped = escape_text(raw, prev, next, line_start, tildes);
  const std::size_t offset = line.text.size();
  line.text += escaped;
  // Spaces at the edges of a text piece are break points too (between it and its neighbours).
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] != ' ' || (i > 0 && escaped[i - 1] == ' ')) continue;
    std::size_t j = i;
    while (j < escaped.size() && escaped[j] == ' ') ++j;
    if (offset + i > 0) line.breaks.emplace_back(offset + i, offset + j);
  }
}

/// Drops empty trailing lines: a break at the very end means nothing (and a final backslash
/// would be literal).
void drop_trailing_breaks(std::vector<Line>& lines) {
  end_line(lines);
  while (lines.size() > 1 && lines.back().text.empty()) {
    lines.pop_back();
    Line& last = lines.back();
    if (!last.text.empty() && last.text.back() == '\\') last.text.pop_back();
    end_line(lines);
  }
  if (lines.size() == 1 && lines.front().text.empty()) lines.clear();
}

/// Ends the current line with a hard break (a backslash); leading or repeated breaks mean
/// nothing and are dropped.
void break_line(std::vector<Line>& lines) {
  end_line(lines);
  if (lines.back().text.empty()) return;
  lines.back().text += '\\';
  lines.emplace_back();
}

/// Renders spans into lines (split at hard breaks, each but the last ending in a backslash).
std::vector<Line> render_inline(const std::vector<Span>& spans, const MarkdownOptions& options,
                                InlineMode mode) {
  const std::vector<Piece> pieces = make_pieces(spans, options, mode);
  const std::vector<bool> keep = keep_markers(pieces, mode.outer);
  const bool tildes = tildes_may_pair(spans);
  // The first character piece `p` writes.
  const auto first_written = [&](std::size_t p) -> char32_t {
    if (p >= pieces.size()) return mode.outer;
    const Piece& piece = pieces[p];
    if (piece.kind == Piece::Kind::markup && !piece.marker.empty() && !keep[p]) {
      return first_code_point(piece.raw);
    }
    return piece_first(piece);
  };
  std::vector<Line> lines(1);
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    const Piece& piece = pieces[p];
    Line& line = lines.back();
    if (piece.kind == Piece::Kind::line_break) {
      break_line(lines);
      continue;
    }
    const char32_t next = first_written(p + 1);
    const char32_t prev = !line.text.empty()  ? last_code_point(line.text)
                          : lines.size() == 1 ? mode.outer
                                              : 0;
    const bool line_start = line.text.empty() && (lines.size() > 1 || mode.first_line_start);
    if (piece.kind == Piece::Kind::markup && keep[p]) {
      line.text += piece.marker;
      if (piece.text_body) record_breaks(line, line.text.size(), piece.body);
      line.text += piece.body;
      line.text += piece.marker;
      continue;
    }
    if (piece.kind == Piece::Kind::markup && piece.marker.empty()) {
      line.text += piece.body;
      continue;
    }
    // Text, or emphasis whose markers would not parse here (written as text).
    append_text(line, piece.raw, prev, next, line_start, tildes);
  }
  drop_trailing_breaks(lines);
  return lines;
}

/// True when a line starting at `s[i]` could be read as a block marker (wrapping must not
/// create such a line).
bool starts_block(std::string_view s, std::size_t i) {
  const char c = s[i];
  constexpr std::string_view kMarkers = "#>=|<-+~`_";
  if (kMarkers.find(c) != std::string_view::npos) return true;
  // "*emphasis*" may start a line; "* item", "***" and "**x" (conservatively) may not.
  if (c == '*') return i + 1 >= s.size() || is_blank(s[i + 1]) || s[i + 1] == '*';
  if (!is_ascii_digit(c)) return false;
  std::size_t j = i;
  while (j < s.size() && is_ascii_digit(s[j])) ++j;
  return j < s.size() && (s[j] == '.' || s[j] == ')');
}

/// Wraps one line at `width` columns (greedy), breaking only at recorded break points.
std::vector<std::string> wrap_line(const Line& line, int width) {
  std::vector<std::string> out;
  if (width <= 0 || columns(line.text) <= static_cast<std::size_t>(width)) {
    out.push_back(line.text);
    return out;
  }
  const auto limit = static_cast<std::size_t>(width);
  const std::string_view text = line.text;
  std::size_t start = 0;
  std::size_t used = 0;      // columns from `start` up to `measured`
  std::size_t measured = 0;  // byte offset `used` is counted to
  std::pair<std::size_t, std::size_t> best{std::string_view::npos, 0};
  const auto width_to = [&](std::size_t end) {
    used += columns(text.substr(measured, end - measured));
    measured = end;
    return used;
  };
  const auto cut = [&](std::pair<std::size_t, std::size_t> at) {
    out.emplace_back(text.substr(start, at.first - start));
    start = at.second;
    measured = start;
    used = 0;
    best = {std::string_view::npos, 0};
  };
  for (const auto& brk : line.breaks) {
    if (brk.first <= start) continue;
    const bool allowed =
        text[brk.first - 1] != '\\' && brk.second < text.size() && !starts_block(text, brk.second);
    if (!allowed) continue;
    if (width_to(brk.first) <= limit) {
      best = brk;
      continue;
    }
    if (best.first != std::string_view::npos) {
      const std::size_t measured_before = measured;
      cut(best);
      width_to(measured_before);
      if (used <= limit) {
        best = brk;
        continue;
      }
    }
    cut(brk);  // a single word longer than the width
  }
  if (best.first != std::string_view::npos && width_to(text.size()) > limit) cut(best);
  out.emplace_back(text.substr(start));
  return out;
}

/// Renders spans as lines of at most `width` columns (0: unlimited).
std::vector<std::string> render_lines(const std::vector<Span>& spans,
                                      const MarkdownOptions& options, InlineMode mode, int width) {
  std::vector<std::string> out;
  for (const Line& line : render_inline(spans, options, mode)) {
    for (auto& part : wrap_line(line, width)) out.push_back(std::move(part));
  }
  return out;
}

int wrap_width(const MarkdownOptions& options, std::size_t prefix) {
  if (options.wrap <= 0) return 0;
  return std::max(kMinWrapWidth, options.wrap - static_cast<int>(prefix));
}

/// Heading text: one line, with a closing '#' run escaped so it is not stripped.
std::string heading_text(const std::vector<Span>& spans, const MarkdownOptions& options) {
  const auto lines =
      render_inline(spans, options, {.single_line = true, .first_line_start = false});
  if (lines.empty()) return {};
  std::string text = lines.front().text;
  std::size_t run = text.size();
  while (run > 0 && text[run - 1] == '#') --run;
  if (run < text.size() && (run == 0 || text[run - 1] == ' ')) text.insert(run, "\\");
  return text;
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// One list being written: the open lists from the outermost to the current one.
struct OpenList {
  int level = 0;
  std::uint32_t id = 0;
  bool ordered = false;
  std::size_t indent = 0;        ///< columns before the marker
  std::size_t marker_width = 0;  ///< width of the current item's marker ("- " = 2)
  std::size_t style = 0;         ///< index into kBullets / kOrderedDelimiters
  int next_number = 1;
};

/// A rendered block and how it joins the one before it.
struct Chunk {
  BlockKind kind = BlockKind::paragraph;
  std::string separator;  ///< written before the text when a chunk precedes it
  std::string text;       ///< without a final newline
};

std::string join_lines(const std::vector<std::string>& lines, std::string_view first_prefix,
                       std::string_view prefix) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    std::string line = std::string(i == 0 ? first_prefix : prefix) + lines[i];
    trim_trailing_blanks(line);
    out += line;
  }
  return out;
}

std::string quote_prefix(int level) {
  std::string out;
  for (int i = 0; i < level; ++i) out += "> ";
  return out;
}

std::string render_code(const Block& block) {
  std::string code;
  for (const auto& span : block.spans) code += span.text;
  // No trailing white space anywhere, not even in code; no leading or trailing blank lines.
  std::string cleaned;
  cleaned.reserve(code.size());
  for (const char c : code) {
    if (c == '\n') trim_trailing_blanks(cleaned);
    if (c != '\r') cleaned += c;
  }
  trim_trailing_blanks(cleaned);
  while (!cleaned.empty() && cleaned.back() == '\n') {
    cleaned.pop_back();
    trim_trailing_blanks(cleaned);
  }
  std::size_t first = 0;
  while (first < cleaned.size() && cleaned[first] == '\n') ++first;
  cleaned.erase(0, first);
  if (trim_blanks(cleaned).empty()) return {};
  std::size_t longest = 0;
  for (std::size_t i = 0; i < cleaned.size();) {
    if (cleaned[i] != '`') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < cleaned.size() && cleaned[j] == '`') ++j;
    longest = std::max(longest, j - i);
    i = j;
  }
  const std::string fence(std::max(kMinFence, longest + 1), '`');
  std::string info;
  for (const char c : trim_blanks(block.info)) {
    if (is_blank(c) || c == '\n') break;
    if (c != '`') info += c;
  }
  return fence + info + "\n" + cleaned + "\n" + fence;
}

std::string table_cell(const Cell& cell, const MarkdownOptions& options) {
  const auto lines = render_inline(cell, options, {.single_line = true, .first_line_start = false});
  if (lines.empty()) return {};
  std::string out;
  for (const char c : lines.front().text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string render_table(const Block& block, const MarkdownOptions& options) {
  std::size_t columns_count = 0;
  for (const auto& row : block.rows) columns_count = std::max(columns_count, row.size());
  if (columns_count == 0) return {};
  const auto write_row = [&](const Row& row) {
    std::string line = "|";
    for (std::size_t c = 0; c < columns_count; ++c) {
      const std::string cell = c < row.size() ? table_cell(row[c], options) : std::string();
      line += cell.empty() ? " |" : " " + cell + " |";
    }
    return line;
  };
  // GFM needs exactly one header row: the first row is it, further header rows become body.
  std::string out = write_row(block.rows.front());
  out += "\n|";
  for (std::size_t c = 0; c < columns_count; ++c) out += " --- |";
  for (std::size_t r = 1; r < block.rows.size(); ++r) {
    if (block.rows[r].empty()) continue;
    out += '\n';
    out += write_row(block.rows[r]);
  }
  return out;
}

/// The writer's state across blocks.
class BodyWriter {
 public:
  BodyWriter(const MarkdownOptions& options, int heading_shift)
      : options_(options), heading_shift_(heading_shift) {}

  void add(const Block& block) {
    switch (block.kind) {
      case BlockKind::paragraph:
        paragraph(block);
        break;
      case BlockKind::heading:
        heading(block);
        break;
      case BlockKind::list_item:
        list_item(block);
        break;
      case BlockKind::quote:
        quote(block);
        break;
      case BlockKind::code:
        push(block.kind, "\n\n", render_code(block));
        break;
      case BlockKind::table:
        push(block.kind, "\n\n", render_table(block, options_));
        break;
      case BlockKind::image:
        if (options_.images) paragraph(block);
        break;
      case BlockKind::caption:
        if (options_.captions) caption(block);
        break;
      case BlockKind::rule:
        if (!chunks_.empty() && chunks_.back().kind != BlockKind::rule) {
          push(block.kind, "\n\n", std::string(kRule));
        }
        break;
    }
  }

  std::string finish() {
    while (!chunks_.empty() && chunks_.back().kind == BlockKind::rule) chunks_.pop_back();
    std::string out;
    for (std::size_t i = 0; i < chunks_.size(); ++i) {
      if (i > 0) out += chunks_[i].separator;
      out += chunks_[i].text;
    }
    if (!out.empty()) out += '\n';
    return out;
  }

 private:
  void push(BlockKind kind, std::string separator, std::string text) {
    if (text.empty()) return;
    if (kind != BlockKind::list_item) lists_.clear();
    chunks_.push_back(
        Chunk{.kind = kind, .separator = std::move(separator), .text = std::move(text)});
  }

  void paragraph(const Block& block) {
    const auto lines = render_lines(block.spans, options_, {}, wrap_width(options_, 0));
    push(block.kind == BlockKind::image ? BlockKind::paragraph : block.kind, "\n\n",
         join_lines(lines, "", ""));
  }

  void caption(const Block& block) {
    auto lines = render_lines(block.spans, options_,
                              {.caption = true, .first_line_start = false, .outer = '*'},
                              wrap_width(options_, 1));
    if (lines.empty()) return;
    lines.front().insert(0, "*");
    lines.back() += '*';
    push(block.kind, "\n\n", join_lines(lines, "", ""));
  }

  void heading(const Block& block) {
    const std::string text = heading_text(block.spans, options_);
    if (text.empty()) return;
    const int level = std::clamp(std::clamp(block.level, 1, kMaxHeadingLevel) + heading_shift_, 1,
                                 kMaxHeadingLevel);
    push(block.kind, "\n\n", std::string(static_cast<std::size_t>(level), '#') + " " + text);
  }

  void quote(const Block& block) {
    const int level = std::clamp(block.level, 1, kMaxNesting);
    const std::string prefix = quote_prefix(level);
    const auto lines = render_lines(block.spans, options_, {}, wrap_width(options_, prefix.size()));
    if (lines.empty()) return;
    std::string separator = "\n\n";
    if (!chunks_.empty() && chunks_.back().kind == BlockKind::quote) {
      // One quote, several paragraphs: a ">" line keeps them together.
      std::string between = quote_prefix(std::min(level, last_quote_level_));
      trim_trailing_blanks(between);
      separator = "\n" + between + "\n";
    }
    last_quote_level_ = level;
    push(block.kind, separator, join_lines(lines, prefix, prefix));
  }

  void list_item(const Block& block) {
    const int level = std::clamp(block.level, 1, kMaxNesting);
    const bool continues = !chunks_.empty() && chunks_.back().kind == BlockKind::list_item;
    if (!continues) lists_.clear();
    OpenList closed{.level = -1};
    while (!lists_.empty() && lists_.back().level > level) {
      closed = lists_.back();
      lists_.pop_back();
    }
    std::string separator = "\n";
    if (!lists_.empty() && lists_.back().level == level &&
        (lists_.back().id != block.list || lists_.back().ordered != block.ordered)) {
      // A different list right after this one: switch the marker so they do not merge.
      const OpenList previous = lists_.back();
      lists_.pop_back();
      OpenList next = open_list(block, level);
      if (previous.ordered == block.ordered) next.style = 1 - previous.style;
      if (lists_.empty()) separator = "\n\n";
      lists_.push_back(next);
    } else if (lists_.empty() || lists_.back().level < level) {
      OpenList next = open_list(block, level);
      // A list at the indent of one just closed (deeper) would continue it: switch markers.
      if (closed.level >= 0 && closed.indent == next.indent && closed.ordered == next.ordered) {
        next.style = 1 - closed.style;
      }
      lists_.push_back(next);
    }
    if (!continues) separator = "\n\n";
    OpenList& list = lists_.back();
    std::string marker;
    if (list.ordered) {
      marker = std::to_string(list.next_number) + kOrderedDelimiters.at(list.style) + " ";
      if (list.next_number < kMaxListNumber) ++list.next_number;
    } else {
      marker = std::string(1, kBullets.at(list.style)) + " ";
    }
    list.marker_width = marker.size();
    const std::string indent(list.indent, ' ');
    const std::string continuation(list.indent + list.marker_width, ' ');
    const auto lines =
        render_lines(block.spans, options_, {}, wrap_width(options_, continuation.size()));
    if (lines.empty()) {
      // An empty item writes nothing; its number is not used.
      if (list.ordered && list.next_number > 1) --list.next_number;
      return;
    }
    chunks_.push_back(Chunk{.kind = BlockKind::list_item,
                            .separator = std::move(separator),
                            .text = join_lines(lines, indent + marker, continuation)});
  }

  [[nodiscard]] OpenList open_list(const Block& block, int level) const {
    OpenList list;
    list.level = level;
    list.id = block.list;
    list.ordered = block.ordered;
    list.next_number = std::clamp(block.number > 0 ? block.number : 1, 0, kMaxListNumber);
    if (!lists_.empty() && lists_.back().level < level) {
      list.indent = lists_.back().indent + lists_.back().marker_width;
      // A nested list interrupts its parent's paragraph, which only "1." may do.
      list.next_number = 1;
    }
    return list;
  }

  const MarkdownOptions& options_;
  int heading_shift_ = 0;
  int last_quote_level_ = 0;
  std::vector<OpenList> lists_;
  std::vector<Chunk> chunks_;
};

}  // namespace

std::string escape_markdown(std::string_view text, bool line_start) {
  return escape_text(text, 0, 0, line_start);
}

namespace {

std::string write_body_blocks(const std::vector<Block>& blocks, const MarkdownOptions& options) {
  int smallest = kMaxHeadingLevel + 1;
  for (const auto& block : blocks) {
    if (block.kind == BlockKind::heading) {
      smallest = std::min(smallest, std::clamp(block.level, 1, kMaxHeadingLevel));
    }
  }
  const int shift = smallest < kTopSectionLevel ? kTopSectionLevel - smallest : 0;
  BodyWriter writer(options, shift);
  for (const auto& block : blocks) writer.add(block);
  return writer.finish();
}

}  // namespace

std::string write_body(const std::vector<Block>& blocks, const MarkdownOptions& options) {
  return make_inert(write_body_blocks(blocks, options), options.templates);
}

std::string write_markdown(const Document& document, const MarkdownOptions& options) {
  std::string body;
  if (options.title_heading && !document.meta.title.empty()) {
    const std::string title = heading_text({Span{.text = document.meta.title}}, options);
    if (!title.empty()) body = "# " + title + "\n";
  }
  const std::string blocks = write_body_blocks(document.blocks, options);
  if (!body.empty() && !blocks.empty()) body += '\n';
  body += blocks;
  body = make_inert(std::move(body), options.templates);
  std::string out = write_front_matter(document.meta, options);
  if (!out.empty() && !body.empty()) out += '\n';
  out += body;
  return out;
}

}  // namespace clipdown
