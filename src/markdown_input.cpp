#include "markdown_input.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace clipdown::detail {

namespace {

// looks_like_markdown(): at least this many inline links or images ("](")...
constexpr std::size_t kMinMarkdownLinks = 3;
// ... and this much evidence in all (a link, an escape or a pair of "**" count 1, a heading 2) ...
constexpr std::size_t kMinMarkdownEvidence = 8;
// ... and one piece of evidence per this many lines at least.
constexpr std::size_t kMaxLinesPerEvidence = 30;
// The width text scrapes wrap at (html2text 78 columns, lynx and w3m 80): a paragraph line
// that the next word would have fitted on ended on purpose.
constexpr std::size_t kWrapWidth = 78;
// ... and that was short: a wrapped line this long is taken as wrapped whatever follows (a
// writer that wraps at a narrower width, or counts columns, not bytes).
constexpr std::size_t kMinShortLineBytes = 50;
// A link wrapped over more source lines than this is not one (an unclosed '](' in prose).
constexpr std::size_t kMaxJoinedLines = 6;
// Lines indented this much are code in CommonMark, whatever they start with.
constexpr std::size_t kCodeIndent = 4;
// An ATX heading counts this much more than a link: it starts a line, which prose rarely does.
constexpr std::size_t kHeadingWeight = 2;

/// The characters html2text and other Markdown writers escape with a backslash.
bool escaped_char(char c) {
  return c == '[' || c == ']' || c == '*' || c == '#' || c == '_' || c == '`';
}

/// Whether `line` is an ATX heading: one to six '#', a space, then text.
bool atx_heading(std::string_view line) {
  std::size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  constexpr std::size_t kMaxLevel = 6;
  return hashes >= 1 && hashes <= kMaxLevel && hashes + 1 < line.size() && line[hashes] == ' ' &&
         line[hashes + 1] != ' ';
}

/// Whether the "](" at `close` in `line` ends a Markdown link's text: not a lynx reference
/// marker ("[75]( 127135 )": digits in the brackets), not followed by a space.
bool inline_link_at(std::string_view line, std::size_t close) {
  if (close + 2 >= line.size() || line[close + 2] == ' ') return false;
  std::size_t open = close;
  while (open > 0 && line[open - 1] >= '0' && line[open - 1] <= '9') --open;
  return !(open < close && open > 0 && line[open - 1] == '[');
}

std::string_view trim_trailing(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return trim_trailing(s);
}

/// Whether the line break between `line` and `next` was made by wrapping at a width: `line` is
/// long, or the first word of `next` would not have fitted on it.
bool wrapped(std::string_view line, std::string_view next) {
  const std::string_view text = trim_spaces(line);
  if (text.size() >= kMinShortLineBytes) return true;
  const std::string_view rest = trim_spaces(next);
  const std::size_t word = std::min(rest.find(' '), rest.size());
  return trim_trailing(line).size() + 1 + word > kWrapWidth;
}

/// How `line` ends, for joining it to the next: inside a link destination ("](" with no ")" and
/// no space after it: html2text wraps long URLs, "[text](https://example.com/long-" / "path/)"),
/// inside a link title ("](url "Go" / "to the profile")"), or neither.
enum class LinkEnd : std::uint8_t { none, destination, title };

LinkEnd link_end(std::string_view line) {
  const std::size_t open = line.rfind("](");
  if (open == std::string_view::npos || open + 2 >= line.size() ||
      line.find(')', open + 2) != std::string_view::npos) {
    return LinkEnd::none;
  }
  const std::size_t space = line.find(' ', open + 2);
  if (space == std::string_view::npos) return LinkEnd::destination;
  const std::size_t quote = line.find_first_of("\"'", space);
  return quote != std::string_view::npos ? LinkEnd::title : LinkEnd::none;
}

/// The line of `utf8` starting at `start`.
std::string_view next_line(std::string_view utf8, std::size_t start) {
  if (start >= utf8.size()) return {};
  const std::size_t end = utf8.find('\n', start);
  return utf8.substr(start, end == std::string_view::npos ? end : end - start);
}

/// Whether `next` continues the ATX heading `line` that a writer wrapped at its width (html2text
/// wraps headings like paragraphs): `next` is text, not a block of its own.
bool heading_goes_on(std::string_view line, std::string_view next) {
  const std::string_view heading = trim_spaces(line);
  const std::string_view rest = trim_spaces(next);
  if (!atx_heading(heading) || rest.empty() || next.starts_with("    ")) return false;
  constexpr std::string_view kBlockStarts = "#*-+>|`!=";
  if (kBlockStarts.find(rest.front()) != std::string_view::npos) return false;
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits > 0 && digits < rest.size() && (rest[digits] == '.' || rest[digits] == ')')) {
    return false;  // an ordered list item
  }
  return wrapped(line, next);
}

/// `utf8` made ready for the CommonMark parser: a backslash before a '<' that starts a line (a
/// scrape holds no HTML of its own, and a stray "<![CDATA[" or "<div" there would make the rest
/// of it one raw HTML block), and link destinations and headings wrapped over two lines joined
/// again.
std::string prepare(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 64);
  std::size_t start = 0;
  std::size_t out_line = 0;  // where the current line of `out` starts
  std::size_t joined = 0;    // source lines in it so far
  bool continued = false;    // the line goes on a link of the one before (indent dropped)
  while (start < utf8.size()) {
    std::size_t end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view line = utf8.substr(start, end - start);
    if (continued) line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
    const std::size_t first = line.find_first_not_of(' ');
    if (!continued && first < kCodeIndent && line[first] == '<') {  // (npos is not)
      out.append(line.substr(0, first));
      out += '\\';
      out.append(line.substr(first));
    } else {
      out.append(line);
    }
    start = end + 1;
    if (start > utf8.size()) break;
    // The line as joined so far: a URL may be wrapped over several lines.
    const LinkEnd link = ++joined < kMaxJoinedLines
                             ? link_end(std::string_view(out).substr(out_line))
                             : LinkEnd::none;
    continued = link != LinkEnd::none;
    if (link == LinkEnd::none && joined < kMaxJoinedLines &&
        heading_goes_on(std::string_view(out).substr(out_line), next_line(utf8, start))) {
      out += ' ';  // a heading the writer wrapped at its width ("# Top ... (and\nHow ...)")
      continued = true;
    } else if (link == LinkEnd::none) {
      out += '\n';
      out_line = out.size();
      joined = 0;
    } else if (link == LinkEnd::title ||
               (start < utf8.size() && (utf8[start] == '"' || utf8[start] == '\''))) {
      out += ' ';  // a title goes on, or starts after the destination: (url "Title")
    }
  }
  return out;
}

struct NodeFree {
  void operator()(cmark_node* node) const noexcept { cmark_node_free(node); }
};
struct ParserFree {
  void operator()(cmark_parser* parser) const noexcept { cmark_parser_free(parser); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const noexcept { cmark_iter_free(iter); }
};

/// Walks the document, one ScrapeBlock per leaf block.
class Reader {
 public:
  explicit Reader(std::string_view source) {
    std::size_t start = 0;
    while (start <= source.size()) {
      std::size_t end = source.find('\n', start);
      if (end == std::string_view::npos) end = source.size();
      source_.push_back(source.substr(start, end - start));
      start = end + 1;
    }
  }

  std::vector<ScrapeBlock> read(cmark_node* document) {
    const std::unique_ptr<cmark_iter, IterFree> iter{cmark_iter_new(document)};
    for (cmark_event_type event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter.get())) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (event == CMARK_EVENT_ENTER) {
        enter(node);
      } else {
        leave(node);
      }
    }
    return std::move(lines_);
  }

 private:
  void enter(cmark_node* node) {
    const std::string_view type = cmark_node_get_type_string(node);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_LIST:
        ++list_depth_;
        return;
      case CMARK_NODE_BLOCK_QUOTE:
        ++quote_depth_;
        return;
      case CMARK_NODE_PARAGRAPH:
        if (in_table_) return;
        paragraph_line_ =
            static_cast<std::size_t>(std::max(cmark_node_get_start_line(node), 1)) - 1;
        breaks_ = 0;
        start(paragraph_kind(node));
        return;
      case CMARK_NODE_HEADING:
        start(BlockKind::heading);
        current_->level = cmark_node_get_heading_level(node);
        return;
      case CMARK_NODE_CODE_BLOCK: {
        ScrapeBlock& code = start(BlockKind::code);
        const char* info = cmark_node_get_fence_info(node);
        code.info = info != nullptr ? info : "";
        std::string literal = cmark_node_get_literal(node);
        while (!literal.empty() && literal.back() == '\n') literal.pop_back();
        code.text = literal;
        code.spans.push_back(Span{.text = std::move(literal)});
        current_ = nullptr;
        return;
      }
      case CMARK_NODE_TEXT:
        add_text(cmark_node_get_literal(node));
        return;
      case CMARK_NODE_SOFTBREAK:
        soft_break();
        return;
      case CMARK_NODE_LINEBREAK:
        add_text(" ");
        return;
      case CMARK_NODE_CODE:
        add_span(Span{.kind = SpanKind::code, .text = cmark_node_get_literal(node)});
        return;
      case CMARK_NODE_EMPH:
        ++emphasis_;
        return;
      case CMARK_NODE_STRONG:
        ++strong_;
        return;
      case CMARK_NODE_LINK:
        link_url_ = cmark_node_get_url(node);
        in_link_ = true;
        return;
      case CMARK_NODE_IMAGE:
        ++skip_;  // images are left out: a text scrape's pictures are not the page's
        return;
      default:
        break;
    }
    if (type == "table_row") {
      start(BlockKind::paragraph);
      in_table_ = true;
      first_cell_ = true;
    } else if (type == "table_cell") {
      if (!first_cell_) add_text(" | ");
      first_cell_ = false;
    }
  }

  void leave(cmark_node* node) {
    const std::string_view type = cmark_node_get_type_string(node);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_LIST:
        --list_depth_;
        return;
      case CMARK_NODE_BLOCK_QUOTE:
        --quote_depth_;
        return;
      case CMARK_NODE_PARAGRAPH:
        if (!in_table_) finish();
        return;
      case CMARK_NODE_HEADING:
        finish();
        return;
      case CMARK_NODE_EMPH:
        --emphasis_;
        return;
      case CMARK_NODE_STRONG:
        --strong_;
        return;
      case CMARK_NODE_LINK:
        in_link_ = false;
        return;
      case CMARK_NODE_IMAGE:
        --skip_;
        return;
      default:
        break;
    }
    if (type == "table_row") {
      in_table_ = false;
      finish();
    }
  }

  BlockKind paragraph_kind(cmark_node* paragraph) {
    cmark_node* parent = cmark_node_parent(paragraph);
    if (parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
        cmark_node_first_child(parent) == paragraph) {
      cmark_node* list = cmark_node_parent(parent);
      item_ordered_ = list != nullptr && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
      item_number_ = list != nullptr ? cmark_node_get_list_start(list) : 0;
      for (cmark_node* before = cmark_node_previous(parent); before != nullptr;
           before = cmark_node_previous(before)) {
        ++item_number_;
      }
      return BlockKind::list_item;
    }
    return quote_depth_ > 0 ? BlockKind::quote : BlockKind::paragraph;
  }

  ScrapeBlock& start(BlockKind kind) {
    ScrapeBlock& line = lines_.emplace_back();
    line.kind = kind;
    if (kind == BlockKind::list_item) {
      line.level = list_depth_;
      line.ordered = item_ordered_;
      line.number = item_number_;
    } else if (kind == BlockKind::quote) {
      line.level = quote_depth_;
    }
    current_ = &line;
    return line;
  }

  void finish() {
    if (current_ != nullptr && current_->text.find_first_not_of(' ') == std::string::npos) {
      lines_.pop_back();  // an image alone, or nothing
    }
    current_ = nullptr;
  }

  /// A line end inside a paragraph. A paragraph hard-wrapped at a width has every line but its
  /// last near that width; a shorter line ended where its writer meant it to (the lines of a
  /// byline block, a menu, an address in a dump): the block is split there, so the text rules
  /// see those lines as lines.
  void soft_break() {
    const std::size_t source_line = paragraph_line_ + breaks_++;  // the line the break ends
    if (current_ == nullptr || skip_ > 0) return;
    if (!in_table_ && source_line + 1 < source_.size() &&
        !wrapped(source_[source_line], source_[source_line + 1])) {
      const ScrapeBlock& before = *current_;
      const BlockKind kind =
          before.kind == BlockKind::list_item ? BlockKind::paragraph : before.kind;
      const int level = before.kind == BlockKind::quote ? before.level : 0;
      finish();
      start(kind).level = level;
      return;
    }
    if (!hyphen_ends_word()) add_text(" ");  // "protein-" / "forward" is one word again
  }

  /// Whether the block so far ends with a letter and a hyphen.
  [[nodiscard]] bool hyphen_ends_word() const {
    if (current_ == nullptr) return false;
    const std::string& text = current_->text;
    const std::size_t n = text.size();
    return n >= 2 && text[n - 1] == '-' && text[n - 2] != ' ' && text[n - 2] != '-';
  }

  void add_text(std::string_view text) {
    if (in_link_) {
      add_span(Span{.kind = SpanKind::link, .text = std::string(text), .url = link_url_});
    } else {
      add_span(Span{.text = std::string(text)});
    }
  }

  void add_span(Span span) {
    if (current_ == nullptr || skip_ > 0 || span.text.empty()) return;
    span.emphasis = emphasis_ > 0;
    span.strong = strong_ > 0;
    if (span.kind == SpanKind::text && span.emphasis) span.kind = SpanKind::emphasis;
    if (span.kind == SpanKind::text && span.strong) span.kind = SpanKind::strong;
    current_->text += span.text;
    std::vector<Span>& spans = current_->spans;
    // Runs of the same kind (a link's text in pieces) become one span.
    if (!spans.empty() && spans.back().kind == span.kind && spans.back().url == span.url &&
        spans.back().emphasis == span.emphasis && spans.back().strong == span.strong) {
      spans.back().text += span.text;
    } else {
      spans.push_back(std::move(span));
    }
  }

  std::vector<ScrapeBlock> lines_;
  std::vector<std::string_view> source_;  // the input's lines
  ScrapeBlock* current_ = nullptr;        // the block inline content goes to; null between blocks
  std::size_t paragraph_line_ = 0;        // the paragraph's first line (0-based) in source_
  std::size_t breaks_ = 0;                // soft breaks met in the paragraph so far
  int list_depth_ = 0;
  int quote_depth_ = 0;
  bool item_ordered_ = false;
  int item_number_ = 0;
  int emphasis_ = 0;
  int strong_ = 0;
  int skip_ = 0;
  bool in_link_ = false;
  std::string link_url_;
  bool in_table_ = false;
  bool first_cell_ = false;
};

}  // namespace

bool looks_like_markdown(std::string_view utf8) {
  std::size_t links = 0;
  std::size_t evidence = 0;
  std::size_t lines = 0;
  std::size_t stars = 0;
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    const std::string_view line = utf8.substr(start, end - start);
    ++lines;
    if (atx_heading(line)) evidence += kHeadingWeight;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] == ']' && line[i + 1] == '(' && inline_link_at(line, i)) {
        ++links;
      } else if (line[i] == '\\' && escaped_char(line[i + 1])) {
        ++evidence;
      } else if (line[i] == '*' && line[i + 1] == '*') {
        ++stars;
        ++i;
      }
    }
    start = end + 1;
  }
  evidence += links + stars / 2;
  return links >= kMinMarkdownLinks && evidence >= kMinMarkdownEvidence &&
         evidence * kMaxLinesPerEvidence >= lines;
}

std::vector<ScrapeBlock> markdown_lines(std::string_view utf8) {
  static std::once_flag registered;  // cmark's own registration is not thread-safe
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const std::unique_ptr<cmark_parser, ParserFree> parser{cmark_parser_new(CMARK_OPT_DEFAULT)};
  if (cmark_syntax_extension* table = cmark_find_syntax_extension("table")) {
    cmark_parser_attach_syntax_extension(parser.get(), table);
  }
  const std::string text = prepare(utf8);
  cmark_parser_feed(parser.get(), text.data(), text.size());
  const std::unique_ptr<cmark_node, NodeFree> document{cmark_parser_finish(parser.get())};
  if (!document) return {};
  return Reader(text).read(document.get());
}

}  // namespace clipdown::detail
