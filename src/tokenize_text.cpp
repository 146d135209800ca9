// Line classifier for plain-text scrapes (select-all/copy, innerText, stored scraper text).
//
// 1. Every line is looked at alone: chrome (the table in text_rules.hpp), credit, byline,
//    dateline, list item, caption (ends with a photo credit), else paragraph.
// 2. Section markers ("READ MORE", "Related", "Most read") turn the headline lines under them
//    into chrome, up to an NBSP-only separator line, a prose line or kMaxSectionLines lines.
// 3. A line repeated right after itself (blank lines between allowed) is a photo caption; the
//    normalizer keeps one of the two.
// 4. The densest run of prose lines anchors the article; the title is the last headline-like
//    line above that anchor, and names/"By" lines between title and anchor are bylines.
// 5. Short lines between prose lines inside the article are level-2 headings.
// One block per non-blank line; the normalizer rejoins hard-wrapped lines. Linear in the input.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "clipdown/tokenize.hpp"
#include "text_rules.hpp"

namespace clipdown {

namespace {

namespace tx = detail::text;

// Lines under a section marker that can be chrome headlines at most (a long run is content).
constexpr std::size_t kMaxSectionLines = 15;
// How many non-blank lines above the article anchor the title search looks at.
constexpr std::size_t kTitleWindow = 30;
// How many non-blank lines above the title still count as the header (bylines, datelines).
constexpr std::size_t kHeaderLinesAboveTitle = 3;
// Blank lines allowed between a caption and its repetition.
constexpr std::size_t kMaxCaptionGap = 3;
// A title-like line at most this many non-blank lines above a byline/dateline is the title.
constexpr std::size_t kLinesAboveMeta = 3;
// Minimum words of a title in space-separated scripts.
constexpr std::size_t kMinTitleWords = 3;
// A line of prose weighing at least this much anchors the article.
constexpr double kAnchorWeight = 1.5;

struct Line {
  std::string_view text;  // trimmed
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  bool blank = true;
  bool separator = false;
  BlockKind kind = BlockKind::paragraph;
  BlockRole role = BlockRole::body;
  tx::Chrome chrome = tx::Chrome::none;
  tx::ListMarker marker;
  std::string reason;
  bool wrapped = false;       // part of a hard-wrapped paragraph (normalize joins it)
  double chain_weight = 0.0;  // weight of the whole wrapped paragraph, on its first line
  std::string author;         // from a "By ..." line
  std::string source;         // from a "Source(s): ..." line
};

std::vector<Line> split_lines(std::string_view utf8) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start <= utf8.size()) {
    auto end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view raw = utf8.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    Line line;
    line.offset = static_cast<std::uint32_t>(start);
    line.length = static_cast<std::uint32_t>(raw.size());
    line.text = tx::trim(raw);
    line.blank = line.text.empty();
    line.separator = tx::is_separator(raw);
    lines.push_back(std::move(line));
    if (end == utf8.size()) break;
    start = end + 1;
  }
  return lines;
}

// Step 1: each line alone.
void classify_alone(Line& line) {
  const auto [chrome, pattern] = tx::classify_chrome(line.text);
  if (chrome != tx::Chrome::none) {
    line.role = BlockRole::chrome;
    line.chrome = chrome;
    line.reason = fmt::format("chrome pattern \"{}\"", pattern);
    return;
  }
  line.source = tx::source_of(line.text);
  if (tx::is_credit_line(line.text)) {
    line.role = BlockRole::credit;
    line.reason = "credit line";
    return;
  }
  line.author = tx::byline_author(line.text);
  if (!line.author.empty()) {
    line.role = BlockRole::byline;
    line.reason = "\"By\" line";
    return;
  }
  if (tx::is_date_line(line.text)) {
    line.role = BlockRole::dateline;
    line.reason = "date line";
    return;
  }
  line.marker = tx::list_marker(line.text);
  if (line.marker.found && line.marker.length < line.text.size()) {
    line.kind = BlockKind::list_item;
    return;
  }
  line.marker = {};
  if (tx::has_photo_credit(line.text)) {
    line.kind = BlockKind::caption;
    line.reason = "ends with a photo credit";
  }
}

bool is_wrap_candidate(const Line& line) {
  return !line.blank && line.role == BlockRole::body && line.kind == BlockKind::paragraph;
}

// Step 1b: hard-wrapped paragraphs (the normalizer's rule), so that their lines count as one
// paragraph of prose and none of them passes for a title or a heading.
void mark_wraps(std::vector<Line>& lines) {
  std::size_t i = 0;
  while (i < lines.size()) {
    std::size_t end = i + 1;
    if (is_wrap_candidate(lines[i])) {
      while (end < lines.size() && is_wrap_candidate(lines[end])) ++end;
    }
    if (end - i >= 2) {
      std::vector<tx::WrapLine> measured;
      for (std::size_t k = i; k < end; ++k) measured.push_back(tx::measure(lines[k].text));
      const auto wraps = tx::wrapped_breaks(measured);
      std::size_t head = i;
      std::string joined(lines[i].text);
      for (std::size_t k = i; k < end; ++k) {
        if (k + 1 < end && wraps[k - i]) {
          lines[k].wrapped = lines[k + 1].wrapped = true;
          joined += ' ';
          joined += lines[k + 1].text;
          continue;
        }
        if (lines[head].wrapped) lines[head].chain_weight = tx::text_weight(joined);
        head = k + 1;
        if (head < end) joined = std::string(lines[head].text);
      }
    }
    i = end;
  }
}

bool is_prose_line(const Line& line) {
  return line.wrapped || tx::is_prose(line.text);
}

// Step 2: headline lines under section markers.
void mark_sections(std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].chrome != tx::Chrome::section) continue;
    std::size_t taken = 0;
    std::size_t j = i + 1;
    for (; j < lines.size() && taken < kMaxSectionLines; ++j) {
      Line& line = lines[j];
      if (line.separator) break;
      if (line.blank) continue;
      if (line.chrome != tx::Chrome::none) {
        if (line.chrome == tx::Chrome::line) continue;
        break;  // another marker: let the outer loop take it
      }
      if (is_prose_line(line)) break;
      line.role = BlockRole::chrome;
      line.reason = "headline under a section marker";
      ++taken;
    }
    i = j - 1;
  }
}

// Step 3: a line repeated right after itself is a photo caption.
void mark_repeated_captions(std::vector<Line>& lines) {
  std::size_t prev = lines.size();  // index of the previous non-blank line
  std::size_t gap = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank) {
      ++gap;
      continue;
    }
    if (prev < lines.size() && gap <= kMaxCaptionGap && lines[prev].text == lines[i].text &&
        lines[i].role == BlockRole::body && lines[i].kind != BlockKind::list_item &&
        tx::char_count(lines[i].text) >= tx::kMinCaptionChars) {
      for (const std::size_t k : {prev, i}) {
        lines[k].kind = BlockKind::caption;
        lines[k].reason = "line repeated right after itself";
      }
    }
    prev = i;
    gap = 0;
  }
}

double line_weight(const Line& line) {
  if (line.blank) return 0.0;
  switch (line.chrome) {
    case tx::Chrome::section:
      return tx::kSectionWeight;
    case tx::Chrome::footer:
      return tx::kFooterWeight;
    case tx::Chrome::line:
      return tx::kChromeWeight;
    case tx::Chrome::none:
      break;
  }
  if (line.role == BlockRole::chrome) return tx::kListedWeight;
  if (line.role == BlockRole::byline || line.role == BlockRole::dateline) {
    return tx::kAuthorDateWeight;
  }
  if (line.role != BlockRole::body) return tx::kMetaWeight;
  if (line.kind == BlockKind::caption) return tx::kInlineWeight;
  if (line.wrapped) return line.chain_weight;
  if (line.kind == BlockKind::list_item) {
    return std::max(tx::kListItemFloor, tx::text_weight(line.text));
  }
  return tx::text_weight(line.text);
}

bool is_title_like(const Line& line) {
  if (line.blank || line.role != BlockRole::body || line.kind != BlockKind::paragraph ||
      line.wrapped) {
    return false;
  }
  const std::size_t chars = tx::char_count(line.text);
  if (chars < tx::kMinTitleChars || chars > tx::kMaxTitleChars) return false;
  if (tx::ends_with_stop(line.text) || tx::is_name_line(line.text)) return false;
  if (line.text.find("://") != std::string_view::npos) return false;
  bool wide = false;
  bool letters = false;
  std::size_t pos = 0;
  while (pos < line.text.size()) {
    const char32_t cp = tx::next_code_point(line.text, pos);
    wide = wide || tx::is_wide_script(cp);
    letters = letters || tx::is_letter(cp);
  }
  return letters && (wide || tx::word_count(line.text) >= kMinTitleWords);
}

struct Header {
  std::size_t title = 0;   // index, lines.size() when none
  std::size_t begin = 0;   // first line of the header window
  std::size_t anchor = 0;  // first article line
};

// Step 4: the article anchor, the title above it, names between them.
Header find_header(std::vector<Line>& lines) {
  Header header{lines.size(), 0, lines.size()};
  std::vector<double> weights(lines.size());
  std::vector<bool> footer(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    weights[i] = line_weight(lines[i]);
    footer[i] = lines[i].chrome == tx::Chrome::footer;
  }
  tx::discount_after_footer(weights, footer);
  const auto [first, last] = tx::densest_run(weights);
  if (first > last) return header;
  header.anchor = first;
  for (std::size_t i = first; i <= last; ++i) {
    if (weights[i] >= kAnchorWeight && lines[i].role == BlockRole::body) {
      header.anchor = i;
      break;
    }
  }
  // 1. the title-like line right above the byline/dateline cluster nearest the anchor;
  // 2. else the first title-like line above the anchor.
  std::size_t seen = 0;
  std::size_t first_title = lines.size();
  std::size_t since_meta = kLinesAboveMeta + 1;  // non-blank lines since the last byline/date
  for (std::size_t i = header.anchor; i-- > 0 && seen < kTitleWindow;) {
    if (lines[i].blank) continue;
    ++seen;
    if (lines[i].chrome == tx::Chrome::section) break;
    if (lines[i].role == BlockRole::byline || lines[i].role == BlockRole::dateline) {
      since_meta = 0;
      continue;
    }
    ++since_meta;
    if (!is_title_like(lines[i])) continue;
    if (since_meta <= kLinesAboveMeta) {
      header.title = i;
      break;
    }
    if (first_title == lines.size()) first_title = i;
  }
  if (header.title == lines.size()) header.title = first_title;
  if (header.title < lines.size()) {
    lines[header.title].role = BlockRole::title;
    lines[header.title].reason = "headline above the article";
    for (std::size_t i = header.title + 1; i < header.anchor; ++i) {
      Line& line = lines[i];
      if (!line.blank && line.role == BlockRole::body && line.kind == BlockKind::paragraph &&
          tx::is_name_line(line.text)) {
        line.role = BlockRole::byline;
        line.reason = "name under the headline";
      }
    }
    header.begin = header.title;
    for (std::size_t above = 0; header.begin > 0 && above < kHeaderLinesAboveTitle;) {
      --header.begin;
      if (!lines[header.begin].blank) ++above;
    }
  } else {
    header.begin = header.anchor > kTitleWindow ? header.anchor - kTitleWindow : 0;
  }
  return header;
}

bool is_text_line(const Line& line) {
  return line.role == BlockRole::body &&
         (line.kind == BlockKind::caption || line.kind == BlockKind::list_item ||
          (line.kind == BlockKind::paragraph && is_prose_line(line)));
}

bool has_letter(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (tx::is_letter(tx::next_code_point(text, pos))) return true;
  }
  return false;
}

// Step 5: short lines between text lines (prose, captions, list items) are headings; chrome
// lines in between (a related block, an ad label) do not count.
void mark_headings(std::vector<Line>& lines, std::size_t from) {
  std::size_t prev = lines.size();
  for (std::size_t i = from; i < lines.size(); ++i) {
    Line& line = lines[i];
    if (line.blank) continue;
    const bool candidate = line.role == BlockRole::body && line.kind == BlockKind::paragraph &&
                           !line.wrapped && tx::char_count(line.text) < tx::kMaxHeadingChars &&
                           !tx::ends_with_stop(line.text) && !tx::is_prose(line.text) &&
                           has_letter(line.text) && !tx::measure(line.text).starts_lower;
    if (candidate && prev < lines.size() && is_text_line(lines[prev])) {
      std::size_t next = i + 1;
      while (next < lines.size() && lines[next].blank) ++next;
      const bool before_text =
          next < lines.size() && lines[next].role == BlockRole::body &&
          (lines[next].kind == BlockKind::list_item ||
           (lines[next].kind == BlockKind::paragraph && is_prose_line(lines[next])));
      if (before_text) {
        line.kind = BlockKind::heading;
        line.reason = "short line between paragraphs";
      }
    }
    if (line.role != BlockRole::chrome) prev = i;
  }
}

void emit_hints(const std::vector<Line>& lines, const Header& header, Page& page) {
  if (header.title < lines.size()) {
    page.hints.push_back({"text:title", std::string(lines[header.title].text)});
  }
  const std::size_t end = std::min(header.anchor, lines.size());
  // "By" lines first: they name the author explicitly; bare names under the headline next.
  bool have_byline = false;
  for (std::size_t i = header.begin; i < end; ++i) {
    if (lines[i].role == BlockRole::byline && !lines[i].author.empty()) {
      page.hints.push_back({"text:byline", lines[i].author});
      have_byline = true;
    }
  }
  if (!have_byline) {
    std::string last;
    for (std::size_t i = header.begin; i < end; ++i) {
      if (lines[i].role == BlockRole::byline && lines[i].text != last) {
        last = std::string(lines[i].text);
        page.hints.push_back({"text:byline", last});
      }
    }
  }
  for (std::size_t i = header.begin; i < end; ++i) {
    if (lines[i].role == BlockRole::dateline) {
      page.hints.push_back({"text:dateline", std::string(lines[i].text)});
      break;
    }
  }
  for (const auto& line : lines) {
    if (!line.source.empty()) {
      page.hints.push_back({"text:source", line.source});
      return;
    }
  }
  if (header.anchor < lines.size()) {
    std::string agency = tx::wire_agency(lines[header.anchor].text);
    if (!agency.empty()) page.hints.push_back({"text:source", std::move(agency)});
  }
}

}  // namespace

Page tokenize_text(std::string_view utf8, const TokenizeOptions& options) {
  Page page;
  page.base_url = options.base_url;
  std::vector<Line> lines = split_lines(utf8);
  for (auto& line : lines) {
    if (!line.blank) classify_alone(line);
  }
  mark_wraps(lines);
  mark_sections(lines);
  mark_repeated_captions(lines);
  const Header header = find_header(lines);
  mark_headings(lines, header.title < lines.size() ? header.title + 1 : 0);
  emit_hints(lines, header, page);

  std::uint32_t list_id = 0;
  bool in_list = false;
  std::size_t chrome = 0;
  for (auto& line : lines) {
    if (line.blank) continue;
    Block block;
    block.kind = line.kind;
    block.role = line.role;
    block.source = {line.offset, line.length};
    block.reason = std::move(line.reason);
    std::string_view text = line.text;
    if (line.kind == BlockKind::list_item) {
      if (!in_list) ++list_id;
      block.level = 1;
      block.list = list_id;
      block.ordered = line.marker.ordered;
      block.number = line.marker.number;
      text = tx::trim(text.substr(line.marker.length));
    } else if (line.kind == BlockKind::heading) {
      block.level = 2;
    }
    in_list = line.kind == BlockKind::list_item;
    if (line.role == BlockRole::chrome) ++chrome;
    block.spans.push_back(Span{.text = std::string(text)});
    page.blocks.push_back(std::move(block));
  }
  if (chrome > 0) {
    page.diagnostics.push_back(
        {Severity::note, "tokenize", fmt::format("classified {} lines as chrome", chrome)});
  }
  return page;
}

}  // namespace clipdown
