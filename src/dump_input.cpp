#include "dump_input.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text_rules.hpp"

namespace clipdown::detail {

namespace {

namespace tx = text;

// dump_kind() looks at this many non-blank lines at most.
constexpr std::size_t kSampleLines = 3000;
// lynx indents paragraphs by three columns and lists by five or more: a lynx dump has at least
// this share of its lines at three columns or more ...
constexpr double kLynxIndentedShare = 0.5;
// ... and this share at exactly three (a page that is mostly lists and tables has fewer) ...
constexpr double kLynxParagraphShare = 0.2;
// ... or, mostly lists and tables, this share at three columns or more and a few at three.
constexpr double kLynxListShare = 0.85;
constexpr double kLynxListParagraphShare = 0.05;
// lynx's link markers ("[12]") that, with a numbered "References" list and this share of
// indented lines, make a lynx dump (a page's own footnotes have no indentation).
constexpr std::size_t kMinLinkMarkers = 3;
constexpr double kLynxReferencesIndentedShare = 0.25;
// w3m wraps at 80 columns: at most this share of lines is wider ...
constexpr double kW3mWideShare = 0.01;
constexpr std::size_t kW3mWidth = 80;
// ... and at least this many list items carry its bullets.
constexpr std::size_t kMinW3mBullets = 3;
// A line whose next word would have ended past this column was wrapped by the browser (lynx
// fills lines to column 74, w3m to 79); a shorter line ended on purpose (a <br>).
constexpr std::size_t kLynxWrapColumn = 74;
constexpr std::size_t kW3mWrapColumn = 79;
// ... and may break a line this many columns early: then the next line goes on in lower case.
constexpr std::size_t kWrapSlack = 12;
// A run of this many spaces inside two lines in a row lays out table columns: not joined.
constexpr std::string_view kColumnGap = "   ";
// lynx indents the first list level by five columns and each deeper level by five more.
constexpr std::size_t kLynxListIndent = 5;
constexpr std::size_t kLynxLevelStep = 5;
// w3m indents the first list level by two columns and each deeper level by four more.
constexpr std::size_t kW3mListIndent = 2;
constexpr std::size_t kW3mLevelStep = 4;
// Bullets of list items: lynx's by depth, w3m's by depth.
constexpr auto kLynxBullets = std::to_array<std::string_view>({"*", "+", "o", "#", "@", "-"});
constexpr auto kW3mBullets =
    std::to_array<std::string_view>({"\xe2\x80\xa2", "\xe2\x96\xa1", "\xe2\x97\xa6", "\xe2\x97\x8b",
                                     "\xe2\x96\xaa", "\xe2\x96\xa0"});  // • □ ◦ ○ ▪ ■
// Words a browser shows in brackets for an image or a control, not text of the page.
constexpr auto kPlaceholderWords = std::to_array<std::string_view>(
    {"img",    "image", "inline", "link",   "svg",   "gif",   "png",
     "jpg",    "jpeg",  "webp",   "https",  "http",  "x",     "button",
     "iframe", "embed", "object", "usemap", "ismap", "audio", "video"});
// Image file endings shown as placeholders ("[logo.png]").
constexpr auto kImageEndings = std::to_array<std::string_view>(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".avif", ".bmp", "svg%3e"});
// A run of this many underscores standing alone is a text field.
constexpr std::size_t kMinFieldChars = 4;
// Controls lynx writes in parentheses.
constexpr auto kParenControls = std::to_array<std::string_view>({"(BUTTON)", "( )", "(*)"});

struct RawLine {
  std::uint32_t number = 0;  // 1-based
  std::size_t indent = 0;    // columns of leading white space
  std::string_view text;     // without the indentation and trailing white space
};

std::vector<RawLine> raw_lines(std::string_view utf8) {
  std::vector<RawLine> lines;
  std::size_t start = 0;
  while (start <= utf8.size()) {
    auto end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view raw = utf8.substr(start, end - start);
    RawLine line;
    line.number = static_cast<std::uint32_t>(lines.size() + 1);
    std::size_t i = 0;
    for (; i < raw.size() && (raw[i] == ' ' || raw[i] == '\t'); ++i) {
      line.indent = raw[i] == '\t' ? (line.indent / 8 + 1) * 8 : line.indent + 1;
    }
    line.text = tx::trim(raw.substr(i));
    lines.push_back(line);
    if (end == utf8.size()) break;
    start = end + 1;
  }
  return lines;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Whether `line` opens lynx's numbered link list: "1. https://..." (or file:, mailto: ...).
bool is_reference_entry(std::string_view line) {
  const auto dot = line.find(". ");
  return dot != std::string_view::npos && is_digits(line.substr(0, dot)) &&
         line.find(':', dot) != std::string_view::npos;
}

/// Where lynx's "References" list starts (everything from there is the link list), or
/// lines.size() when the dump has none.
std::size_t references_start(const std::vector<RawLine>& lines) {
  for (std::size_t i = lines.size(); i-- > 0;) {
    if (lines[i].indent != 0 || lines[i].text != "References") continue;
    std::size_t next = i + 1;
    while (next < lines.size() && lines[next].text.empty()) ++next;
    if (next == lines.size()) return lines.size();
    const std::string_view first = lines[next].text;
    if (first == "Visible links:" || first == "Hidden links:" || is_reference_entry(first)) {
      return i;
    }
    return lines.size();
  }
  return lines.size();
}

/// How many lynx link markers ("[12]") `text` holds.
std::size_t link_markers(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t open = text.find('['); open != std::string_view::npos;
       open = text.find('[', open + 1)) {
    const auto close = text.find(']', open);
    if (close != std::string_view::npos && is_digits(text.substr(open + 1, close - open - 1))) {
      ++count;
    }
  }
  return count;
}

/// The bullet `text` starts with (and the space after it), from `bullets`; 0 when none.
std::size_t bullet_length(std::string_view text, const auto& bullets) {
  for (const auto bullet : bullets) {
    if (text.size() > bullet.size() + 1 && text.starts_with(bullet) && text[bullet.size()] == ' ') {
      return bullet.size() + 1;
    }
  }
  return 0;
}

/// The number of an ordered item's "12. " at the start of `text`, its length in `length`; -1
/// when there is none.
int item_number(std::string_view text, std::size_t& length) {
  std::size_t digits = 0;
  int number = 0;
  constexpr std::size_t kMaxDigits = 3;
  while (digits < text.size() && digits < kMaxDigits && text[digits] >= '0' &&
         text[digits] <= '9') {
    number = number * 10 + (text[digits] - '0');
    ++digits;
  }
  if (digits == 0 || digits + 2 > text.size() || text[digits] != '.' || text[digits + 1] != ' ') {
    return -1;
  }
  length = digits + 2;
  return number;
}

/// Whether a bracketed `inside` is a browser placeholder: an empty field or box, an image
/// file's name, a control's label.
bool is_placeholder(std::string_view inside) {
  if (std::all_of(inside.begin(), inside.end(), [](char c) { return c == ' ' || c == '_'; })) {
    return true;  // "[ ]", "[____]", "[]"
  }
  const std::string folded = tx::fold(inside);
  if (std::find(kPlaceholderWords.begin(), kPlaceholderWords.end(), folded) !=
      kPlaceholderWords.end()) {
    return true;
  }
  if (folded.starts_with("button") || folded.starts_with("ins:") || folded.starts_with("del:")) {
    return true;
  }
  return folded.find(' ') == std::string::npos &&
         std::any_of(kImageEndings.begin(), kImageEndings.end(),
                     [&](std::string_view ending) { return folded.ends_with(ending); });
}

/// The length of the browser mark at text[i] (a link marker when `markers`, a placeholder, a
/// control, a text field), 0 when there is none there; text it stands for goes to `out`
/// ("[INS: text :INS]" keeps its text, "[DEL: text :DEL]" goes).
std::size_t mark_length(std::string_view text, std::size_t i, bool markers, std::string& out) {
  const std::string_view rest = text.substr(i);
  if (rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return 0;
    const std::string_view inside = rest.substr(1, close - 1);
    constexpr std::string_view kInsOpen = "INS: ";
    constexpr std::string_view kInsClose = " :INS";
    if (inside.starts_with(kInsOpen) && inside.ends_with(kInsClose) &&
        inside.size() >= kInsOpen.size() + kInsClose.size()) {
      out.append(
          inside.substr(kInsOpen.size(), inside.size() - kInsOpen.size() - kInsClose.size()));
      return close + 1;
    }
    return (markers && is_digits(inside)) || is_placeholder(inside) ? close + 1 : 0;
  }
  if (rest.front() == '(') {
    const auto* control = std::find_if(kParenControls.begin(), kParenControls.end(),
                                       [&](std::string_view c) { return rest.starts_with(c); });
    return control != kParenControls.end() ? control->size() : 0;
  }
  if (rest.front() == '_' && (i == 0 || text[i - 1] == ' ')) {
    const std::size_t end = std::min(rest.find_first_not_of('_'), rest.size());
    return end >= kMinFieldChars && (end == rest.size() || rest[end] == ' ') ? end : 0;
  }
  return 0;
}

/// `text` without the browser's marks (mark_length()), white space collapsed.
std::string clean(std::string_view text, bool markers) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t mark = mark_length(text, i, markers, out); mark > 0) {
      i += mark;
      continue;
    }
    const bool space = text[i] == ' ' || text[i] == '\t';
    if (!space || (!out.empty() && out.back() != ' ')) out += space ? ' ' : text[i];
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// Whether the line break after `line` was the browser's wrap at `column`: the next line's first
/// word would not have fitted.
bool wrapped(const RawLine& line, const RawLine& next, std::size_t column) {
  if (line.text.find(kColumnGap) != std::string_view::npos &&
      next.text.find(kColumnGap) != std::string_view::npos) {
    return false;  // table columns
  }
  const std::size_t word = tx::char_count(next.text.substr(0, next.text.find(' ')));
  const std::size_t end = line.indent + tx::char_count(line.text);
  if (end + 1 + word > column) return true;
  // the browsers sometimes break a little early: a long line going on in lower case continues
  return end + kWrapSlack > column && tx::measure(next.text).starts_lower;
}

/// Whether the whole line is a browser artefact: an iframe's address, a rule of underscores
/// (or a text field), lynx's list of the page's <link> elements.
bool is_artifact(std::string_view text) {
  return text.starts_with("IFRAME:") ||
         std::all_of(text.begin(), text.end(), [](char c) { return c == '_' || c == ' '; });
}

struct Reader {
  DumpKind kind;
  bool markers;
  std::vector<ScrapeBlock> blocks;
  std::string text;             // the block being built
  ScrapeBlock block;            // its kind and level
  std::size_t text_column = 0;  // where a list item's text starts (its continuation lines)
  const RawLine* last = nullptr;

  void flush() {
    if (last != nullptr) {
      std::string cleaned = clean(text, markers);
      if (!cleaned.empty()) {
        block.spans = {Span{.text = cleaned}};
        block.text = std::move(cleaned);
        blocks.push_back(std::move(block));
      }
    }
    block = {};
    text.clear();
    last = nullptr;
  }

  void start(const RawLine& line, std::string_view body) {
    flush();
    text = body;
    last = &line;
    block.line = line.number;
  }

  void append(const RawLine& line) {
    text += ' ';
    text += line.text;
    last = &line;
  }

  /// The list depth of a bullet at `indent`.
  [[nodiscard]] int depth(std::size_t indent) const {
    const std::size_t first = kind == DumpKind::lynx ? kLynxListIndent : kW3mListIndent;
    const std::size_t step = kind == DumpKind::lynx ? kLynxLevelStep : kW3mLevelStep;
    return 1 + static_cast<int>(indent > first ? (indent - first + step / 2) / step : 0);
  }

  /// A list item starting on `line`; false when the line is not one.
  bool item(const RawLine& line) {
    std::size_t length = 0;
    int number = -1;
    if (kind == DumpKind::lynx) {
      // lynx's first level sits at five columns: at three a "*" or "1." is the paragraph's own
      if (line.indent < kLynxListIndent - 1) return false;
      length = bullet_length(line.text, kLynxBullets);
    } else {
      length = bullet_length(line.text, kW3mBullets);
    }
    if (length == 0 && line.indent > 0) number = item_number(line.text, length);
    if (length == 0) return false;
    start(line, line.text.substr(length));
    block.kind = BlockKind::list_item;
    block.level = depth(line.indent);
    block.ordered = number >= 0;
    block.number = std::max(number, 0);
    text_column = line.indent + tx::char_count(line.text.substr(0, length));
    return true;
  }

  void read(const RawLine& line) {
    if (line.text.empty()) {
      flush();
      return;
    }
    if (item(line)) return;
    if (last != nullptr && block.kind == BlockKind::list_item && line.indent >= text_column) {
      append(line);  // the item's own text, wrapped or broken
      return;
    }
    if (last != nullptr && block.kind != BlockKind::list_item && line.indent == last->indent &&
        wrapped(*last, line, kind == DumpKind::lynx ? kLynxWrapColumn : kW3mWrapColumn)) {
      append(line);
      return;
    }
    start(line, line.text);
    // lynx lays out headings at the left margin, everything else indented
    if (kind == DumpKind::lynx && line.indent == 0) {
      block.kind = BlockKind::heading;
      block.level = 2;
    }
  }
};

/// The browser that laid out `lines` (its References list starting at `refs`).
DumpKind kind_of(const std::vector<RawLine>& lines, std::size_t refs) {
  std::size_t lines_seen = 0;
  std::size_t at_three = 0;
  std::size_t indented = 0;
  std::size_t wide = 0;
  std::size_t bullets = 0;
  std::size_t markers = 0;
  for (std::size_t i = 0; i < refs && lines_seen < kSampleLines; ++i) {
    const RawLine& line = lines[i];
    if (line.text.empty()) continue;
    ++lines_seen;
    if (line.indent == 3) ++at_three;
    if (line.indent >= 3) ++indented;
    if (line.indent + tx::char_count(line.text) > kW3mWidth) ++wide;
    if (line.indent >= kW3mListIndent && bullet_length(line.text, kW3mBullets) > 0) ++bullets;
    markers += link_markers(line.text);
  }
  if (lines_seen == 0) return DumpKind::none;
  const auto share = [&](std::size_t n) {
    return static_cast<double>(n) / static_cast<double>(lines_seen);
  };
  if ((refs < lines.size() && markers >= kMinLinkMarkers &&
       share(indented) >= kLynxReferencesIndentedShare) ||
      (share(indented) >= kLynxIndentedShare && share(at_three) >= kLynxParagraphShare) ||
      (share(indented) >= kLynxListShare && share(at_three) >= kLynxListParagraphShare)) {
    return DumpKind::lynx;
  }
  if (share(wide) <= kW3mWideShare && bullets >= kMinW3mBullets) return DumpKind::w3m;
  return DumpKind::none;
}

/// The blocks of `lines`, a dump of `kind` (its References list starting at `refs`).
std::vector<ScrapeBlock> blocks_of(const std::vector<RawLine>& lines, std::size_t refs,
                                   DumpKind kind) {
  if (kind != DumpKind::lynx) refs = lines.size();
  Reader reader{.kind = kind, .markers = refs < lines.size()};
  std::size_t i = 0;
  // lynx opens with the page's <link> elements on a line starting with "#"
  while (i < refs && lines[i].text.empty()) ++i;
  if (kind == DumpKind::lynx && i < refs && lines[i].text.starts_with("#")) {
    while (i < refs && !lines[i].text.empty()) ++i;
  }
  for (; i < refs; ++i) {
    if (is_artifact(lines[i].text) && !lines[i].text.empty()) {
      reader.flush();
      continue;
    }
    reader.read(lines[i]);
  }
  reader.flush();
  return std::move(reader.blocks);
}

}  // namespace

DumpKind dump_kind(std::string_view utf8) {
  const auto lines = raw_lines(utf8);
  return kind_of(lines, references_start(lines));
}

std::vector<ScrapeBlock> dump_lines(std::string_view utf8, DumpKind kind) {
  const auto lines = raw_lines(utf8);
  return blocks_of(lines, references_start(lines), kind);
}

Dump read_dump(std::string_view utf8, DumpKind kind) {
  const auto lines = raw_lines(utf8);
  const std::size_t refs = references_start(lines);
  Dump dump{.kind = kind == DumpKind::none ? kind_of(lines, refs) : kind};
  if (dump.kind != DumpKind::none) dump.blocks = blocks_of(lines, refs, dump.kind);
  return dump;
}

}  // namespace clipdown::detail
