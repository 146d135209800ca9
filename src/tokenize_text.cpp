// Line classifier for plain-text scrapes (select-all/copy, innerText, stored scraper text).
//
// 1. Every line is looked at alone: chrome (the table in text_rules.hpp), credit, byline,
//    dateline, list item, caption (ends with a photo credit), else paragraph.
// 2. Section markers ("READ MORE", "Related", "Most read") turn the headline lines under them
//    into chrome, up to an NBSP-only separator line, a prose line or kMaxSectionLines lines.
// 3. A line repeated right after itself once (blank lines between allowed) is a photo caption;
//    the normalizer keeps one of the two. Three or more alike in a row are content.
//    A contents box (short lines that come again below as section headings) is chrome; a
//    name-shaped line of the page's common words is no name; runs of code lines are code.
// 4. The densest run of prose lines anchors the article; the title is the last headline-like
//    line above that anchor, and names/"By" lines between title and anchor are bylines.
// 5. Short lines between prose lines inside the article are level-2 headings.
// One block per non-blank line; the normalizer rejoins hard-wrapped lines. Linear in the input.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/core.h>

#include "clipdown/tokenize.hpp"
#include "dump_input.hpp"
#include "markdown_input.hpp"
#include "text_rules.hpp"

namespace clipdown {

namespace {

namespace tx = detail::text;

// Lines under a section marker that can be chrome headlines at most (a long run is content).
constexpr std::size_t kMaxSectionLines = 15;
// How many non-blank lines above the article anchor the title search looks at; further up, only
// a headline over its byline/dateline is a candidate, however far (a thread of short posts, a
// long table of contents or a box of product cards between the header and the densest run).
constexpr std::size_t kTitleWindow = 30;
// How many non-blank lines above the title still count as the header (bylines, datelines).
constexpr std::size_t kHeaderLinesAboveTitle = 3;
// Blank lines allowed between a caption and its repetition.
constexpr std::size_t kMaxCaptionGap = 3;
// A run of short lines is a contents box when at least this many of its entries come again below.
constexpr std::size_t kMinContentsEntries = 3;
// ... and at least this share of its entries (the rest: lines of a box that is no contents box).
constexpr std::size_t kContentsShareNum = 2;
constexpr std::size_t kContentsShareDen = 3;
// Source code: a line reads as code up to this length; a run is code with this many such lines,
// and takes in at most kMaxCodeGap other lines in a row between them, of kMaxCodeGapWords words
// at most ("return n", "js").
constexpr std::size_t kMaxCodeLineChars = 200;
constexpr std::size_t kMinCodeSignals = 2;
constexpr std::size_t kMaxCodeGap = 2;
constexpr std::size_t kMaxCodeGapWords = 4;
// Slashed dates: a first number over kMonthsOfYear (and at most kDaysOfMonth) is a day.
constexpr int kMonthsOfYear = 12;
constexpr int kDaysOfMonth = 31;
// A name-shaped line of this many capitalised words is a phrase when half of them are common.
constexpr std::size_t kLongNameWords = 4;
// Words shorter than this do not count for the page's common words ("Jon", "Lee").
constexpr std::size_t kMinCommonWordChars = 3;
// A bare name at most this many non-blank lines under the title is its byline (further down,
// only beside a byline or dateline).
constexpr std::size_t kNameLinesUnderTitle = 3;
constexpr std::size_t kMetaNeighbours = 2;
// A bare name marks the header for the title search when a byline or dateline is at most this
// many non-blank lines away ("Breaking News Emails / Get alerts / SUBSCRIBE / Nov. 20, 2019").
constexpr std::size_t kNameMetaReach = 4;
// A title-like line at most this many non-blank lines above a byline/dateline is the title.
constexpr std::size_t kLinesAboveMeta = 3;
// Minimum words of a title in space-separated scripts.
constexpr std::size_t kMinTitleWords = 3;
// A line of prose weighing at least this much anchors the article.
constexpr double kAnchorWeight = 1.5;
// A run under a section marker that ends at prose gives back the article header at its tail:
// a byline or dateline among its last this many lines marks one.
constexpr std::size_t kMaxHeaderTail = 6;
// A run under a section marker cut at kMaxSectionLines does the same when prose follows within
// this many lines (a table of contents between the header and the article).
constexpr std::size_t kMaxLinesToProse = 10;
// Title scoring (tuned together on the text benchmark: retune as a set):
// share of the title's words found in the lead, times this;
constexpr double kOverlapWeight = 3.0;
// a title-like line right above the byline/dateline cluster;
constexpr double kHeaderBonus = 2.5;
// the first of two title-like lines in a header (the headline comes before the standfirst);
constexpr double kFirstOfPairBonus = 0.6;
// each non-blank line between the candidate and the article;
constexpr double kDistanceCost = 0.08;
// a line ending with a period reads as a standfirst, not a headline;
constexpr double kPeriodCost = 1.0;
// a candidate with article prose between it and the anchor (the densest run starts mid-article);
constexpr double kAboveProseBonus = 1.0;
// a line of more than kLongTitleWords words reads as a standfirst;
constexpr double kLongTitleCost = 1.0;
constexpr std::size_t kLongTitleWords = 25;
// a candidate above a section marker ("Most popular") belongs to the page header at best;
constexpr double kAcrossSectionCost = 1.5;
// a title-like line shown twice in a row;
constexpr double kShownTwiceBonus = 1.0;
// a heading by the scrape's own syntax (Markdown "#", lynx's left margin), a level-1 one more.
constexpr double kHeadingBonus = 1.0;
constexpr double kTopHeadingBonus = 2.0;
// The lead (for the title's word overlap): this many prose lines from the article anchor.
constexpr std::size_t kLeadLines = 4;
// Words shorter than this (in code points) do not count for the overlap ("the", "and").
constexpr std::size_t kMinOverlapWordChars = 4;
// A fallback title (the article's first line) is cut at a word boundary to this length.
constexpr std::size_t kMaxFallbackTitleChars = 90;
// A fallback title ends at a sentence end found after at least this many characters.
constexpr std::size_t kMinFallbackSentenceChars = 20;
// Site-name votes: a copyright line counts this much, a chrome mention ("About X") one, a
// logo-like line at the top or a whole line repeating a candidate one; the winner needs
// kMinSiteVotes.
constexpr int kCopyrightVotes = 2;
constexpr int kMinSiteVotes = 2;
// Lines at the top of the page where the logo text sits.
constexpr std::size_t kLogoLines = 10;
// Dateline segments separated by these are read one by one ("Updated ...;Posted ...").
constexpr auto kDatelineSeparators =
    std::to_array<std::string_view>({";", " | ", "|", " \xe2\x80\xa2 "});

constexpr std::string_view kPilcrow = "\xc2\xb6";
// The reason step 3 gives a line repeated right after itself (shown_twice() reads it back).
constexpr std::string_view kShownTwiceReason = "line repeated right after itself";

struct Line {
  std::string_view text;     // trimmed
  std::string header;        // a short line's text with glued header parts apart ("ByJane Doe")
  std::uint32_t number = 0;  // 1-based line of the input (0: not known)
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
  bool listed = false;        // made chrome as a headline under a section marker
  BlockRole prior_role = BlockRole::body;  // the role before that
  std::string prior_reason;
  std::string source;         // from a "Source(s): ..." line
  int heading = 0;            // heading level the scrape's syntax gives the line (Markdown, lynx)
  bool common_words = false;  // name-shaped, but every word is written in lower case elsewhere
  bool contents = false;      // an entry or the label of a contents box
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
    line.number = static_cast<std::uint32_t>(lines.size() + 1);
    line.offset = static_cast<std::uint32_t>(start);
    line.length = static_cast<std::uint32_t>(raw.size());
    line.text = tx::trim(raw);
    // a heading's permalink mark ("Quickstart¶", Sphinx and others) is no word of it
    if (line.text.size() > kPilcrow.size() && line.text.ends_with(kPilcrow)) {
      line.text = tx::trim(line.text.substr(0, line.text.size() - kPilcrow.size()));
    }
    line.blank = line.text.empty();
    line.separator = tx::is_separator(raw);
    lines.push_back(std::move(line));
    if (end == utf8.size()) break;
    start = end + 1;
  }
  return lines;
}

// Words of two-word interface labels that pass for names ("Email Me", "Order Reprints").
constexpr auto kUiWords = std::to_array<std::string_view>(
    {"email",     "me",       "give",      "feedback", "order",   "reprints", "previous", "next",
     "post",      "image",    "copyright", "share",    "print",   "comments", "read",     "more",
     "view",      "follow",   "contact",   "about",    "sign",    "log",      "menu",     "related",
     "top",       "back",     "home",      "page",     "posts",   "login",    "logout",   "search",
     "subscribe", "register", "account",   "quote",    "caption", "download"});

bool is_ui_phrase(std::string_view text) {
  const std::string folded = tx::fold(text);
  std::size_t start = 0;
  while (start < folded.size()) {
    auto end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    const std::string_view word = std::string_view(folded).substr(start, end - start);
    if (std::find(kUiWords.begin(), kUiWords.end(), word) != kUiWords.end()) return true;
    start = end + 1;
  }
  return false;
}

/// The text the header rules read: a short line with glued parts put apart (unglue_header()).
std::string_view header_text(const Line& line) {
  return line.header.empty() ? line.text : std::string_view(line.header);
}

/// Whether `text` holds `lower` (lower-case ASCII) in any case: a cheap test before folding a
/// line, which decodes it.
bool holds_ascii(std::string_view text, std::string_view lower) {
  const auto* const it =
      std::search(text.begin(), text.end(), lower.begin(), lower.end(), [](char a, char b) {
        return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
      });
  return it != text.end();
}

// Words of a stamp that names the publication ("Published August 13, 2025", "Posted on ...").
constexpr auto kPublishedWords = std::to_array<std::string_view>(
    {"published", "posted", "publié", "veröffentlicht", "publicado", "pubblicato"});

/// Whether a dateline states the publication (and no update or modification).
bool says_published(std::string_view text) {
  const std::string folded = tx::fold(text);
  if (folded.find("updated") != std::string::npos || folded.find("modified") != std::string::npos) {
    return false;
  }
  return std::any_of(kPublishedWords.begin(), kPublishedWords.end(),
                     [&](std::string_view w) { return folded.find(w) != std::string::npos; });
}

// Where a publication stamp that leads a long line ends ("Posted on December 20, 2025 by Jean-Luc
// Aufranc (CNXSoft) - 5 Comments on ...").
constexpr auto kStampEnds =
    std::to_array<std::string_view>({" by ", " \xc2\xb7 ", " | ", " - ", " in "});

/// Whether `text` opens with a publication stamp ("Published: Mar 8, 2024 · Modified: ...") that
/// reads as a date line up to where the line goes on with its author, counts or categories.
bool stamp_leads(std::string_view text) {
  const char first = text.empty() ? ' ' : static_cast<char>(text.front() | 0x20);
  if (first != 'p' && first != 'v') return false;  // the publication words' initials
  const std::string folded = tx::fold(text);
  if (std::none_of(kPublishedWords.begin(), kPublishedWords.end(),
                   [&](std::string_view w) { return folded.starts_with(w); })) {
    return false;
  }
  std::size_t cut = text.size();
  for (const auto end : kStampEnds) cut = std::min(cut, text.find(end));
  return cut < text.size() && tx::is_date_line(text.substr(0, cut));
}

// Step 1: each line alone.
void classify_alone(Line& line) {
  if (tx::char_count(line.text) <= tx::kMaxMetaLineChars) {
    std::string unglued = tx::unglue_header(line.text);
    if (unglued.size() != line.text.size()) line.header = std::move(unglued);
  }
  const auto [chrome, pattern] = tx::classify_chrome(line.text);
  // "by Jason Rostar | SEO | 8 min Read" has a trail's shape but names the author
  const bool byline_trail =
      pattern == "breadcrumb" && !tx::byline_author(header_text(line)).empty();
  if (chrome != tx::Chrome::none && !byline_trail) {
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
  line.author = tx::byline_author(header_text(line));
  if (!line.author.empty()) {
    line.role = BlockRole::byline;
    line.reason = "\"By\" line";
    return;
  }
  line.author = tx::credit_author(header_text(line));
  if (is_ui_phrase(std::string_view(line.author).substr(0, line.author.find(", ")))) {
    line.author.clear();  // "Image Copyright @BigMachine" is an embed's label
  }
  if (!line.author.empty()) {
    line.role = BlockRole::byline;
    line.reason = "names with a role or handle";
    return;
  }
  if (tx::is_date_line(header_text(line)) || stamp_leads(header_text(line))) {
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
  if (tx::has_photo_credit(line.text) || tx::ends_with_credit(line.text)) {
    line.kind = BlockKind::caption;
    line.reason = "ends with a photo credit";
  }
}

bool is_wrap_candidate(const Line& line) {
  return !line.blank && line.role == BlockRole::body && line.kind == BlockKind::paragraph;
}

// Labels a site sets on a line of their own above the date they introduce ("Last Updated:"
// over "February 1, 2026"), compared folded and without a trailing colon.
constexpr auto kDateLabels = std::to_array<std::string_view>(
    {"updated", "last updated", "updated on", "modified", "last modified", "published",
     "published on", "first published", "posted", "posted on", "date", "published date",
     "date published", "publish date"});

// A label line is at most this long ("geschrieben von:", "last modified:").
constexpr std::size_t kMaxLabelBytes = 24;
// The reason of a name under a "Written by" label.
constexpr std::string_view kNameUnderLabel = "name under a byline label";

/// The folded text of a label line without its trailing colon ("Written By:" -> "written by").
std::string label_text(std::string_view text) {
  // plain ASCII with single spaces (most short lines) folds by lower-casing alone
  const bool plain = std::all_of(text.begin(), text.end(),
                                 [](char c) {
                                   return static_cast<unsigned char>(c) < 0x80U &&
                                          static_cast<unsigned char>(c) >= 0x20U;
                                 }) &&
                     text.find("  ") == std::string_view::npos;
  std::string folded;
  if (plain) {
    folded.assign(text);
    for (char& c : folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    folded = tx::fold(text);
  }
  while (!folded.empty() && (folded.back() == ':' || folded.back() == ' ')) folded.pop_back();
  return folded;
}

/// Whether every name before the first comma of `names` ("A B", "A B and C D", "A B & C D",
/// "A B, senior editor") is shaped like a person's name.
bool names_only(std::string_view names, bool first_names_too) {
  std::string list(names.substr(0, names.find(", ")));
  for (const std::string_view sep : {" and ", " & "}) {
    for (auto at = list.find(sep); at != std::string::npos; at = list.find(sep, at + 1)) {
      list.replace(at, sep.size(), "\n");
    }
  }
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find('\n', start);
    if (end == std::string::npos) end = list.size();
    const std::string_view name = std::string_view(list).substr(start, end - start);
    // a first name or a handle alone ("Lauren") is a name too
    const bool one_word =
        first_names_too && tx::word_count(name) == 1 && name.front() >= 'A' && name.front() <= 'Z';
    if (!one_word && !tx::is_name_line(name)) return false;
    start = end + 1;
  }
  return true;
}

// Step 1b: a byline or date label alone on its line ("Written by" over "Jane Doe", "Updated"
// over "October 17, 2025", as innerText writes a label and its value in two elements) gives
// the next line its meaning; the label itself is no text of the article.
void mark_split_labels(std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& label = lines[i];
    if (label.blank || label.role != BlockRole::body || label.text.size() > kMaxLabelBytes) {
      continue;
    }
    std::size_t j = i + 1;
    while (j < lines.size() && lines[j].blank) ++j;
    if (j == lines.size()) break;
    Line& value = lines[j];
    const std::string folded = label_text(label.text);
    if (folded.empty()) continue;
    if (value.role == BlockRole::dateline &&
        std::find(kDateLabels.begin(), kDateLabels.end(), folded) != kDateLabels.end()) {
      value.header = fmt::format("{} {}", label.text, header_text(value));
    } else if (meta::byline_prefix_of(folded, false).size() == folded.size() &&
               (value.role == BlockRole::body || value.role == BlockRole::byline ||
                value.role == BlockRole::dateline)) {
      std::string author = tx::byline_author(fmt::format("{} {}", folded, header_text(value)));
      // "Matt Eland on Dec. 13, 2025"
      if (const auto on = author.find(" on ");
          on != std::string::npos && tx::is_date_line(std::string_view(author).substr(on))) {
        author.resize(on);
      }
      if (author.empty() || is_ui_phrase(author) || !names_only(author, true)) continue;
      value.role = BlockRole::byline;
      value.kind = BlockKind::paragraph;
      value.author = std::move(author);
      value.reason = kNameUnderLabel;
    } else {
      continue;
    }
    label.role = BlockRole::chrome;
    label.chrome = tx::Chrome::line;
    label.reason = "label of the line below";
  }
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

// A run under a section marker that ends at the article's first prose may have swallowed the
// article's header (title, byline, date): a byline or dateline near its end gives the lines
// from kLinesAboveMeta lines above it back.
void restore_header(std::vector<Line>& lines, std::size_t from, std::size_t to) {
  std::size_t seen = 0;
  std::size_t first_meta = to;
  for (std::size_t k = to; k-- > from && seen < kMaxHeaderTail;) {
    if (lines[k].blank || lines[k].chrome != tx::Chrome::none) continue;
    ++seen;
    if (lines[k].prior_role == BlockRole::byline || lines[k].prior_role == BlockRole::dateline) {
      first_meta = k;
    }
  }
  if (first_meta == to) return;
  std::size_t start = first_meta;
  for (std::size_t above = 0; start > from && above < kLinesAboveMeta;) {
    --start;
    if (!lines[start].blank) ++above;
  }
  for (std::size_t k = start; k < to; ++k) {
    Line& line = lines[k];
    if (!line.listed) continue;
    line.role = line.prior_role;
    line.reason = std::move(line.prior_reason);
    line.listed = false;
  }
}

/// Whether a prose line comes within kMaxLinesToProse non-blank lines from `from`, before any
/// section or footer marker.
bool prose_soon(const std::vector<Line>& lines, std::size_t from) {
  for (std::size_t next = from, seen = 0; next < lines.size() && seen < kMaxLinesToProse; ++next) {
    const Line& line = lines[next];
    if (line.blank) continue;
    ++seen;
    if (line.chrome == tx::Chrome::section || line.chrome == tx::Chrome::footer) return false;
    if (is_prose_line(line)) return true;
  }
  return false;
}

/// Whether the nearest non-blank line above line `i` is a trail of three or more parts whose last
/// part is `text`.
bool trail_ends_with(const std::vector<Line>& lines, std::size_t i, std::string_view text) {
  std::size_t k = i;
  while (k > 0 && lines[k - 1].blank) --k;
  if (k == 0) return false;
  const std::string_view above = lines[k - 1].text;
  for (const std::string_view sep : {" > ", " \xc2\xbb ", " \xe2\x80\xba ", " / "}) {
    std::size_t parts = 1;
    for (std::size_t at = above.find(sep); at != std::string_view::npos;
         at = above.find(sep, at + 1)) {
      ++parts;
    }
    if (parts >= 3 && above.size() > text.size() + sep.size() && above.ends_with(text) &&
        above.substr(0, above.size() - text.size()).ends_with(sep)) {
      return true;
    }
  }
  return false;
}

// Step 2: headline lines under section markers.
void mark_sections(std::vector<Line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].chrome != tx::Chrome::section) continue;
    std::size_t taken = 0;
    std::size_t j = i + 1;
    bool at_prose = false;
    for (; j < lines.size() && taken < kMaxSectionLines; ++j) {
      Line& line = lines[j];
      if (line.separator) break;
      if (line.blank) continue;
      if (line.chrome != tx::Chrome::none) {
        if (line.chrome == tx::Chrome::line) continue;
        break;  // another marker: let the outer loop take it
      }
      if (is_prose_line(line)) {
        at_prose = true;
        break;
      }
      // the line a trail above it ends with is the page's own title ("miod > software > The
      // scariest boot loader code" over "The scariest boot loader code"): the run ends there
      if (taken > 0 && trail_ends_with(lines, j, line.text)) break;
      line.prior_role = line.role;
      line.prior_reason = std::move(line.reason);
      line.listed = true;
      line.role = BlockRole::chrome;
      line.reason = "headline under a section marker";
      ++taken;
    }
    // a run cut at its length limit: the article may start a few lines further on (a menu's
    // marker that swallowed the headline, its byline and a table of contents)
    if (!at_prose && taken == kMaxSectionLines) at_prose = prose_soon(lines, j);
    if (!at_prose && j < lines.size() && lines[j].separator) {
      // an NBSP line ends the run: the article may start right after it
      std::size_t next = j;
      while (next < lines.size() && (lines[next].blank || lines[next].chrome == tx::Chrome::line)) {
        ++next;
      }
      at_prose = next < lines.size() && is_prose_line(lines[next]);
    }
    if (at_prose) restore_header(lines, i + 1, j);
    i = j - 1;
  }
}

// Step 3: a line repeated right after itself once is a photo caption; a run of three or more
// alike is written on purpose (a refrain, a poem's lines) and left alone.
void mark_repeated_captions(std::vector<Line>& lines) {
  std::vector<std::size_t> run;  // non-blank lines alike, at most kMaxCaptionGap blanks apart
  auto end_run = [&] {
    if (run.size() == 2) {
      for (const std::size_t k : run) {
        lines[k].kind = BlockKind::caption;
        lines[k].reason = kShownTwiceReason;
      }
    }
    run.clear();
  };
  std::size_t gap = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank) {
      ++gap;
      continue;
    }
    const bool candidate = lines[i].role == BlockRole::body &&
                           lines[i].kind != BlockKind::list_item &&
                           tx::char_count(lines[i].text) >= tx::kMinCaptionChars;
    if (!run.empty() && (gap > kMaxCaptionGap || lines[run.front()].text != lines[i].text)) {
      end_run();
    }
    if (candidate) run.push_back(i);
    gap = 0;
  }
  end_run();
}

/// Whether `c` is part of a word: an ASCII letter or a byte of a multi-byte UTF-8 letter.
bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80U;
}

/// The page's words written in lower case: whole tokens between spaces (sentence punctuation
/// around them aside) of at least kMinCommonWordChars letters, ASCII lower case or accented.
/// Parts of an address or a handle ("jane_roe@example.com") are no words.
std::unordered_set<std::string_view> lower_case_words(const std::vector<Line>& lines) {
  constexpr std::string_view kAround = ",.;:!?()\"'";
  std::unordered_set<std::string_view> words;
  for (const auto& line : lines) {
    const std::string_view t = line.text;
    std::size_t i = 0;
    while (i < t.size()) {
      const std::size_t space = std::min(t.find(' ', i), t.size());
      std::string_view token = t.substr(i, space - i);
      i = space + 1;
      while (!token.empty() && kAround.find(token.front()) != std::string_view::npos) {
        token.remove_prefix(1);
      }
      while (!token.empty() && kAround.find(token.back()) != std::string_view::npos) {
        token.remove_suffix(1);
      }
      if (token.size() < kMinCommonWordChars || token.front() < 'a' || token.front() > 'z') {
        continue;
      }
      const bool lower = std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80U;
      });
      if (lower) words.insert(token);
    }
  }
  return words;
}

// Step 3c: a name-shaped line whose every capitalised word the page also writes in lower case
// is a phrase ("Set Goals", "Learning Center"), not a person's name: it may head, not sign.
void mark_common_words(std::vector<Line>& lines) {
  const auto lower = lower_case_words(lines);
  for (auto& line : lines) {
    if (line.blank || line.role != BlockRole::body || !tx::is_name_line(line.text)) continue;
    std::size_t capitalised = 0;
    std::size_t common = 0;
    std::size_t i = 0;
    while (i < line.text.size()) {
      if (!word_byte(line.text[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < line.text.size() && word_byte(line.text[j])) ++j;
      if (line.text[i] >= 'A' && line.text[i] <= 'Z' && j - i >= kMinCommonWordChars) {
        ++capitalised;
        std::string word(line.text.substr(i, j - i));
        for (auto& c : word) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (lower.contains(word)) ++common;
      }
      i = j;
    }
    // four capitalised words are rarely a name: half of them common makes a phrase ("Keep Your
    // Teeth Healthy")
    line.common_words =
        capitalised > 0 &&
        (common == capitalised || (capitalised >= kLongNameWords && common * 2 >= capitalised));
  }
}

// At most this many words name what an assignment sets ("name: str", "self.items[0]").
constexpr std::size_t kMaxAssignedWords = 2;

/// Whether `t` assigns to a name: an identifier, a member, an item or an annotated name before
/// " = " ("x = 1", "self.count = 0", "age: int = Field(default=20)").
bool is_assignment(std::string_view t) {
  const auto eq = t.find(" = ");
  if (eq == std::string_view::npos || eq == 0) return false;
  const std::string_view lhs = t.substr(0, eq);
  const char first = lhs.front();
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) {
    return false;
  }
  const bool name_chars = std::all_of(lhs.begin(), lhs.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '[' || c == ']' || c == ':' || c == ' ' || c == '\'' || c == '"';
  });
  // "name: str" has its colon right after the name; prose has none ("The value = 3")
  const auto space = lhs.find(' ');
  const bool annotated = space != std::string_view::npos && space > 0 && lhs[space - 1] == ':';
  return name_chars && tx::word_count(lhs) <= kMaxAssignedWords &&
         (space == std::string_view::npos || annotated);
}

/// Whether a line reads as source code by its punctuation: it closes a statement or a block
/// ("x = f(y);", "}", "def f():"), opens a comment or a prompt ("// note", ">>> f()"), is
/// markup ("<td>{name}</td>"), or calls or assigns ("print(message.body)", "a => b").
bool is_code_signal(std::string_view t) {
  if (t.empty() || tx::char_count(t) > kMaxCodeLineChars) return false;
  constexpr auto kEnds = std::to_array<std::string_view>(
      {"{", "}", ";", "};", ");", "})", "],", "),", "(", "[", "=", "\\"});
  constexpr auto kStarts = std::to_array<std::string_view>(
      {"//",      "/*",      "*/",     ">>> ", "$ ",      "#include",  "#!/",
       "def ",    "import ", "const ", "let ", "var ",    "function ", "return ",
       "return;", "} ",      ") ",     "fn ",  "#define", "@"});
  constexpr auto kInside =
      std::to_array<std::string_view>({" => ", " -> ", "::", " == ", " != ", " += ", " -= ", " && ",
                                       " || ", " = new ", "</", "/>", "={", "=\"", "\":"});
  const bool sentence = tx::ends_sentence(t) && t.find(' ') != std::string_view::npos &&
                        !t.ends_with(");") && !t.ends_with("};");
  // a sentence, or a long line of words introducing an example ("Here is how:")
  if (sentence || (t.ends_with(":") && tx::word_count(t) > kMaxCodeGapWords)) return false;
  for (const auto end : kEnds) {
    if (t.ends_with(end)) return true;
  }
  // a block header of Python and the like ("def f(x):", "else:"); prose ending with a colon
  // introduces what follows
  constexpr auto kBlockWords = std::to_array<std::string_view>(
      {"def", "class", "if", "elif", "else", "for", "while", "try", "except", "with", "async"});
  if (t.ends_with(":")) {
    const std::string_view first = t.substr(0, std::min(t.find_first_of(" (:"), t.size()));
    if (std::ranges::find(kBlockWords, first) != kBlockWords.end()) return true;
  }
  // a Python import ("from typing import Annotated") and an assignment to a name
  // ("int_list = [1, 2]", "name: str = 'John Doe'")
  if (t.starts_with("from ") && t.find(" import ") != std::string_view::npos) return true;
  if (is_assignment(t)) return true;
  for (const auto start : kStarts) {
    if (t.starts_with(start)) {
      // "@name" alone is a handle, "@app.route(...)" a decorator
      return start != "@" || t.find('(') != std::string_view::npos;
    }
  }
  for (const auto inside : kInside) {
    if (t.find(inside) != std::string_view::npos) return true;
  }
  // a call without a space before its parenthesis: "print(message.body)", "obj.run(x)"
  const auto open = t.find('(');
  return open != std::string_view::npos && open > 0 && t.back() == ')' && t[open - 1] != ' ' &&
         t.find(' ') > open;
}

// Step 3d: source code flattened to lines (a browser's text of a <pre>): runs of lines that
// read as code, with at least kMinCodeSignals of them, take in the short lines between them
// ("return n", "else:") and become one code block each. Code weighs nothing either way: the
// article runs across its examples, and no headline or byline is read from them.
void mark_code(std::vector<Line>& lines) {
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].blank || lines[i].role != BlockRole::body || !is_code_signal(lines[i].text)) {
      ++i;
      continue;
    }
    std::size_t signals = 0;
    std::size_t last = i;  // the last code line of the run
    std::size_t gap = 0;   // lines since it that are not code signals
    for (std::size_t j = i; j < lines.size(); ++j) {
      if (lines[j].blank) continue;
      if (lines[j].role == BlockRole::body && is_code_signal(lines[j].text)) {
        ++signals;
        last = j;
        gap = 0;
        continue;
      }
      if (lines[j].role != BlockRole::body || is_prose_line(lines[j]) ||
          tx::word_count(lines[j].text) > kMaxCodeGapWords || ++gap > kMaxCodeGap) {
        break;
      }
    }
    if (signals >= kMinCodeSignals) {
      for (std::size_t k = i; k <= last; ++k) {
        if (lines[k].blank) continue;
        lines[k].kind = BlockKind::code;
        lines[k].reason = "source code";
      }
    }
    i = last + 1;
  }
}

double line_weight(const Line& line) {
  if (line.blank || line.kind == BlockKind::code) return 0.0;
  if (const auto weight = tx::chrome_weight(line.chrome)) return *weight;
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

// Labels of a page's contents box: headline-shaped, never the headline.
constexpr auto kBoxLabels = std::to_array<std::string_view>(
    {"table of contents", "table of content", "contents", "on this page", "in this article"});
/// Whether `text` labels a contents box ("Table of Contents").
bool is_box_label(std::string_view text) {
  return std::ranges::find(kBoxLabels, tx::fold(text)) != kBoxLabels.end();
}

// Words of a breadcrumb trail's first step at most ("Home", "Blog", "News & Events").
constexpr std::size_t kMaxTrailStepWords = 3;

bool has_letter(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (tx::is_letter(tx::next_code_point(text, pos))) return true;
  }
  return false;
}

/// What a contents entry and the heading it points to share: the folded text without a list
/// marker ("1. Determine your goals" and "Determine your goals"); empty for lines that cannot be
/// an entry (blank, prose, long, a byline or dateline).
std::string contents_key(const Line& line) {
  if (line.blank || line.role == BlockRole::byline || line.role == BlockRole::dateline) return {};
  std::string_view text = line.text;
  if (line.kind == BlockKind::list_item) text = tx::trim(text.substr(line.marker.length));
  if (!has_letter(text) || tx::char_count(text) > tx::kMaxHeadingChars || tx::is_prose(text)) {
    return {};
  }
  return tx::fold(text);
}

/// A candidate contents box: its entries and, for those found again below, the lines they
/// point to.
struct ContentsBox {
  std::vector<std::size_t> entries;   // the run's entry lines
  std::vector<std::size_t> found;     // the entries found again below, in order
  std::vector<std::size_t> headings;  // where each found entry comes again
  std::size_t apart = 0;  // found entries with prose between their heading and the one before

  /// Whether this is a contents box: enough entries found, most of them, with text between the
  /// headings (a box repeated as a box, such as a menu shown twice or the same pros and cons on
  /// every product card, has none).
  [[nodiscard]] bool holds() const {
    return found.size() >= kMinContentsEntries &&
           found.size() * kContentsShareDen >= entries.size() * kContentsShareNum &&
           apart * 2 >= found.size() - 1;
  }
};

/// The lines of every contents key, in page order, and the prose lines above each line.
struct ContentsIndex {
  std::vector<std::string> keys;
  std::unordered_map<std::string_view, std::vector<std::size_t>> at;
  std::vector<std::size_t> prose_before;

  explicit ContentsIndex(const std::vector<Line>& lines)
      : keys(lines.size()), prose_before(lines.size() + 1, 0) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      keys[i] = contents_key(lines[i]);
      prose_before[i + 1] = prose_before[i] + (is_prose_line(lines[i]) ? 1 : 0);
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!keys[i].empty()) at[keys[i]].push_back(i);
    }
  }

  /// The entries of the run starting at `i` (blank lines and box labels between allowed), up to
  /// the first entry seen before in it; `end` is where the run stopped.
  std::vector<std::size_t> run_at(const std::vector<Line>& lines, std::size_t i,
                                  std::size_t& end) const {
    std::unordered_set<std::string_view> seen;
    std::vector<std::size_t> run;
    for (end = i; end < lines.size() && (lines[end].blank || !keys[end].empty()); ++end) {
      if (lines[end].blank || is_box_label(lines[end].text)) continue;
      if (!seen.insert(keys[end]).second) break;
      run.push_back(end);
    }
    return run;
  }

  /// The run's entries found again below it, each after the one before.
  ContentsBox match(std::vector<std::size_t> run) const {
    ContentsBox box;
    std::size_t after = run.back();
    for (const std::size_t k : run) {
      const auto& where = at.at(keys[k]);
      const auto next = std::upper_bound(where.begin(), where.end(), after);
      if (next == where.end()) continue;
      if (!box.found.empty() && prose_before[*next] > prose_before[after + 1]) ++box.apart;
      after = *next;
      box.found.push_back(k);
      box.headings.push_back(*next);
    }
    box.entries = std::move(run);
    return box;
  }
};

/// Marks a contents box that starts at line `from`: its entries and its label are chrome, the
/// lines its entries point to headings (a section's, never a byline).
void mark_box(std::vector<Line>& lines, std::size_t from, const ContentsBox& box) {
  const auto drop = [&lines](std::size_t k, const char* reason) {
    lines[k].role = BlockRole::chrome;
    lines[k].contents = true;
    lines[k].reason = reason;
  };
  for (std::size_t k = box.found.front(); k <= box.found.back(); ++k) {
    if (!lines[k].blank) drop(k, "contents entry (its heading follows below)");
  }
  for (std::size_t k = from; k < box.found.front(); ++k) {
    if (!lines[k].blank && is_box_label(lines[k].text)) drop(k, "contents label");
  }
  for (const std::size_t k : box.headings) {
    if (lines[k].role == BlockRole::body && lines[k].kind == BlockKind::paragraph) {
      lines[k].kind = BlockKind::heading;
      lines[k].reason = "heading a contents entry points to";
    }
  }
}

// Step 3b: a contents box (a table of contents, a menu) is a run of short lines whose entries
// come again further down, in the same order, as lines of their own (the headings they point
// to). The run ends where an entry comes again (the article after the box); its entries are
// chrome when at least kMinContentsEntries of them, and most, are found below with text between
// them, and the box's label too.
void mark_contents(std::vector<Line>& lines) {
  const ContentsIndex index(lines);
  std::size_t i = 0;
  while (i < lines.size()) {
    if (index.keys[i].empty()) {
      ++i;
      continue;
    }
    std::size_t end = i;
    auto run = index.run_at(lines, i, end);
    if (!run.empty()) {
      if (const ContentsBox box = index.match(std::move(run)); box.holds()) {
        mark_box(lines, i, box);
      }
    }
    i = std::max(end, i + 1);
  }
}

/// Whether `text` is a breadcrumb trail ending at the page itself: "Home » Title", "Blog >
/// Guides > Title", "Home /Title" (a short first step, then a trail separator).
bool is_trail(std::string_view text) {
  constexpr auto kTrailSeparators =
      std::to_array<std::string_view>({" \xc2\xbb ", " \xe2\x80\xba ", " > ", " /"});
  return std::ranges::any_of(kTrailSeparators, [&](std::string_view sep) {
    const auto at = text.find(sep);
    // a slash also parts a title's words ("Movers / Moving Companies"): a one-word step only
    const std::size_t max_words = sep == " /" ? 1 : kMaxTrailStepWords;
    return at != std::string_view::npos && at > 0 &&
           tx::word_count(text.substr(0, at)) <= max_words;
  });
}

/// Whether a line reads as a person's name: name-shaped ("Jane Roe") and not made of the page's
/// common words ("Key Takeaways", "Human Resources": the page writes "key" and "resources" in
/// lower case too).
bool is_bare_name(const Line& line) {
  return !line.common_words && tx::is_name_line(line.text);
}

/// Whether step 3 found the line repeated right after itself: a caption, or the headline shown
/// twice.
bool shown_twice(const Line& line) {
  return line.kind == BlockKind::caption && line.reason == kShownTwiceReason;
}

bool is_title_like(const Line& line) {
  if (line.blank || line.role != BlockRole::body || line.wrapped) return false;
  const bool repeated = shown_twice(line);
  if (line.kind != BlockKind::paragraph && !repeated) return false;
  if (repeated && tx::ends_with_stop(line.text)) return false;  // a photo caption, shown twice
  const std::size_t chars = tx::char_count(line.text);
  if (chars < tx::kMinTitleChars || chars > tx::kMaxTitleChars) return false;
  if (tx::ends_with_stop(line.text) && !line.text.ends_with(".")) return false;
  if (is_bare_name(line)) return false;
  if (line.text.find("://") != std::string_view::npos) return false;
  if (line.text.find("{{") != std::string_view::npos) return false;  // a template's placeholder
  if (line.text.starts_with("(") && line.text.ends_with(")")) return false;  // "(Photo / AP)"
  if (is_trail(line.text)) return false;
  if (is_box_label(line.text)) return false;
  if (tx::has_photo_credit(line.text) || tx::ends_with_credit(line.text)) return false;
  // a row of figures ("Palm Bay 18 22 13 17 — 70") is a table, not a headline
  std::size_t numbers = 0;
  for (std::size_t at = 0; at < line.text.size(); ++at) {
    const char c = line.text[at];
    if (c >= '0' && c <= '9' && (at == 0 || line.text[at - 1] == ' ')) ++numbers;
  }
  if (numbers * 2 > tx::word_count(line.text)) return false;
  const std::string folded = tx::fold(line.text);
  const std::string_view bare = tx::strip_marker_tail(folded);
  for (const auto ending : tx::kCaptionEndings) {
    if (bare.ends_with(ending)) return false;
  }
  if (bare.ends_with("images") || bare.ends_with("/ ap") || bare.ends_with("| ap")) return false;
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

// Lowercased words (ASCII letters folded) of at least kMinOverlapWordChars code points, and
// pairs of code points of scripts written without spaces, for the title/lead overlap.
std::vector<std::string> overlap_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  std::size_t chars = 0;
  char32_t prev_wide = 0;
  std::size_t pos = 0;
  auto flush = [&] {
    if (chars >= kMinOverlapWordChars) words.push_back(word);
    word.clear();
    chars = 0;
  };
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = tx::next_code_point(text, pos);
    if (tx::is_wide_script(cp)) {
      flush();
      if (prev_wide != 0) {
        std::string pair;
        std::size_t back = start;
        while (back > 0 && (static_cast<unsigned char>(text[back - 1]) & 0xC0U) == 0x80U) --back;
        if (back > 0) --back;
        pair.append(text.substr(back, pos - back));
        words.push_back(std::move(pair));
      }
      prev_wide = cp;
      continue;
    }
    prev_wide = 0;
    if (tx::is_letter(cp) || (cp >= '0' && cp <= '9')) {
      if (cp >= 'A' && cp <= 'Z') {
        word += static_cast<char>(cp - 'A' + 'a');
      } else {
        word.append(text.substr(start, pos - start));
      }
      ++chars;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// Share of the candidate's overlap words found in the lead.
double lead_overlap(std::string_view candidate, const std::unordered_set<std::string>& lead) {
  const auto words = overlap_words(candidate);
  if (words.empty()) return 0.0;
  std::size_t hits = 0;
  for (const auto& w : words) hits += lead.count(w);
  return static_cast<double>(hits) / static_cast<double>(words.size());
}

/// Whether a line of one of `roles` is among the `reach` nearest non-blank lines above or below
/// line `i`.
bool beside_role(const std::vector<Line>& lines, std::size_t i,
                 std::initializer_list<BlockRole> roles, std::size_t reach) {
  const auto wanted = [&](const Line& line) {
    return std::find(roles.begin(), roles.end(), line.role) != roles.end();
  };
  for (std::size_t k = i, seen = 0; k-- > 0 && seen < reach;) {
    if (lines[k].blank) continue;
    if (wanted(lines[k])) return true;
    ++seen;
  }
  for (std::size_t k = i + 1, seen = 0; k < lines.size() && seen < reach; ++k) {
    if (lines[k].blank) continue;
    if (wanted(lines[k])) return true;
    ++seen;
  }
  return false;
}

/// Whether a byline or a dateline is among the kMetaNeighbours nearest non-blank lines above or
/// below line `i` ("Molly Wood / Ideas / 11.14.2019 09:00 AM").
bool beside_meta(const std::vector<Line>& lines, std::size_t i,
                 std::size_t reach = kMetaNeighbours) {
  return beside_role(lines, i, {BlockRole::byline, BlockRole::dateline}, reach);
}

/// Whether line `i` is a byline or dateline, or a bare name beside one (a name alone among
/// short lines is as likely a menu item: "Commercial Water Jetting").
bool is_meta_line(const std::vector<Line>& lines, std::size_t i) {
  const Line& line = lines[i];
  return line.role == BlockRole::byline || line.role == BlockRole::dateline ||
         (line.role == BlockRole::body && line.kind == BlockKind::paragraph && is_bare_name(line) &&
          !is_ui_phrase(line.text) && beside_meta(lines, i, kNameMetaReach));
}

// Lines that do not separate a headline from its byline: captions, credits, handles, chrome.
bool is_header_filler(const Line& line) {
  return line.role == BlockRole::chrome || line.role == BlockRole::credit ||
         (line.kind == BlockKind::caption && !is_title_like(line)) || line.text.starts_with("@") ||
         tx::char_count(line.text) < tx::kMinTitleChars || is_box_label(line.text);
}

struct Header {
  std::size_t title = 0;   // index, lines.size() when none
  std::size_t begin = 0;   // first line of the header window
  std::size_t anchor = 0;  // first article line
};

/// The first article line: the first weighty body line of the densest prose run; lines.size()
/// when the page has no prose run.
std::size_t find_anchor(const std::vector<Line>& lines) {
  std::vector<double> weights(lines.size());
  std::vector<bool> footer(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    weights[i] = line_weight(lines[i]);
    footer[i] = lines[i].chrome == tx::Chrome::footer;
  }
  tx::discount_after_footer(weights, footer);
  const auto [first, last] = tx::densest_run(weights);
  if (first > last) return lines.size();
  for (std::size_t i = first; i <= last; ++i) {
    if (weights[i] >= kAnchorWeight && lines[i].role == BlockRole::body) return i;
  }
  return first;
}

/// The overlap words of the lead (the first kLeadLines prose lines from the anchor), which a
/// good title shares.
std::unordered_set<std::string> lead_words(const std::vector<Line>& lines, std::size_t anchor) {
  std::unordered_set<std::string> lead;
  for (std::size_t i = anchor, taken = 0; i < lines.size() && taken < kLeadLines; ++i) {
    if (lines[i].blank || lines[i].role != BlockRole::body || !is_prose_line(lines[i])) continue;
    for (auto& w : overlap_words(lines[i].text)) lead.insert(std::move(w));
    ++taken;
  }
  return lead;
}

/// Whether `line` is a dateline or a "By" line (not a bare name or a photo credit).
bool states_author_or_date(const Line& line) {
  return line.role == BlockRole::dateline ||
         (line.role == BlockRole::byline && !tx::byline_author(header_text(line)).empty());
}

/// Whether a header line counts against the title window (share bars and contents boxes do
/// not).
bool uses_title_window(const Line& line) {
  return line.chrome != tx::Chrome::line && !line.contents;
}

/// A title candidate's score: word overlap with the lead, right above the byline/dateline
/// cluster (`in_header`), first of a headline/standfirst pair, near the article (`seen` lines
/// away), not across a section marker, a heading by the scrape's syntax.
double title_score(const Line& line, const std::unordered_set<std::string>& lead, std::size_t seen,
                   bool in_header, bool first_of_pair, bool across_section) {
  double score = kOverlapWeight * lead_overlap(line.text, lead) -
                 kDistanceCost * static_cast<double>(std::min(seen, kTitleWindow));
  if (in_header) score += kHeaderBonus;
  if (first_of_pair) score += kFirstOfPairBonus;
  if (line.text.ends_with(".")) score -= kPeriodCost;
  if (tx::word_count(line.text) > kLongTitleWords) score -= kLongTitleCost;
  if (across_section) score -= kAcrossSectionCost;
  // a headline shown twice in a row (a hidden copy for screen readers, a headline over its
  // image's alt text)
  if (shown_twice(line)) score += kShownTwiceBonus;
  if (line.heading == 1) {
    score += kTopHeadingBonus;
  } else if (line.heading > 1) {
    score += kHeadingBonus;
  }
  return score;
}

/// The best-scoring title-like line above the anchor, lines.size() when there is none.
std::size_t pick_title(const std::vector<Line>& lines, std::size_t anchor,
                       const std::unordered_set<std::string>& lead) {
  // Score the title-like lines above the anchor: word overlap with the lead, right above the
  // byline/dateline cluster, first of a headline/standfirst pair, near the article.
  std::size_t title = lines.size();
  std::size_t seen = 0;
  std::size_t since_meta = kLinesAboveMeta + 1;    // header lines since the last byline/date
  std::size_t since_stated = kLinesAboveMeta + 1;  // ... since the last dateline or "By" line
  bool across_section = false;
  double best = 0.0;
  std::size_t below = lines.size();  // the candidate title-like line right below, if adjacent
  bool below_in_header = false;
  // article prose between the line and the anchor (the line right above the anchor is a
  // standfirst: the header's; a headline written as a sentence is none)
  bool prose_below = false;
  bool prose_line = false;  // the last non-blank line handled was such prose
  bool nearest = true;      // the line is the first non-blank one above the anchor
  for (std::size_t i = anchor; i-- > 0;) {
    const Line& line = lines[i];
    if (line.blank) continue;
    prose_below = prose_below || prose_line;
    prose_line = !nearest && line.role == BlockRole::body && line.chrome == tx::Chrome::none &&
                 is_prose_line(line) && !is_title_like(line);
    nearest = false;
    if (uses_title_window(line)) ++seen;
    if (line.chrome == tx::Chrome::section) across_section = true;
    if (is_meta_line(lines, i)) {
      since_meta = 0;
      if (states_author_or_date(line)) since_stated = 0;
      below = lines.size();
      continue;
    }
    if (is_header_filler(line)) continue;
    ++since_meta;
    ++since_stated;
    // a trail glued to the headline under it ("Home Gear Reviews Best Home Gym Setup") is no
    // headline of its own
    const bool glued_trail = below < lines.size() && line.text.size() > lines[below].text.size() &&
                             line.text.ends_with(lines[below].text);
    if (!is_title_like(line) || glued_trail) {
      below = lines.size();
      continue;
    }
    const bool in_header = since_meta <= kLinesAboveMeta;
    // a sentence is a headline only right above the byline ("... Earnings. Why You Shouldn't
    // Worry."); elsewhere it is the article's own first lines
    if (line.text.ends_with(".") && !in_header) {
      below = lines.size();
      continue;
    }
    // beyond the title window only a headline over its dateline or "By" line is a candidate
    // (a long table of contents between the header and the article; a bare name or a photo
    // credit says too little that far up)
    if (seen > kTitleWindow && since_stated > kLinesAboveMeta) {
      below = lines.size();
      continue;
    }
    double score =
        title_score(line, lead, seen, in_header,
                    in_header && below_in_header && below < lines.size(), across_section);
    // the densest run may start mid-article: a headline over the article's first prose beats the
    // subheading right above the run
    if (prose_below) score += kAboveProseBonus;
    if (title == lines.size() || score > best) {
      title = i;
      best = score;
    }
    below = i;
    below_in_header = in_header;
  }
  return title;
}

/// `text` without a reply's subject prefix ("Re: Which backup tool?" -> "Which backup tool?").
std::string_view without_reply_prefix(std::string_view text) {
  for (const std::string_view prefix : {"Re: ", "RE: ", "re: "}) {
    if (text.starts_with(prefix) && text.size() > prefix.size()) return text.substr(prefix.size());
  }
  return text;
}

/// A thread's posts repeat its title as their subject ("Re: Which backup tool?"): every such
/// line after the title is the post's header, not its text.
void mark_reply_subjects(std::vector<Line>& lines, std::size_t title) {
  const std::string_view subject = without_reply_prefix(lines[title].text);
  for (std::size_t i = title + 1; i < lines.size(); ++i) {
    Line& line = lines[i];
    if (line.blank || line.role != BlockRole::body || line.text == subject ||
        without_reply_prefix(line.text) != subject) {
      continue;
    }
    line.role = BlockRole::title;
    line.kind = BlockKind::paragraph;
    line.reason = "reply subject repeating the title";
  }
}

/// Marks the title line, its repetitions and the names (bylines) between it and the anchor.
void mark_title_and_names(std::vector<Line>& lines, std::size_t title, std::size_t anchor) {
  lines[title].role = BlockRole::title;
  lines[title].kind = BlockKind::paragraph;
  lines[title].reason = "headline above the article";
  std::size_t below = 0;  // non-blank lines under the title so far
  // a headline found past the title window (over its dateline or "By" line) names its author
  // there: bare names under it are not taken
  std::size_t span = 0;
  for (std::size_t i = title + 1; i < anchor; ++i) {
    if (!lines[i].blank) ++span;
  }
  const bool far = span > kTitleWindow;
  for (std::size_t i = title + 1; i < anchor; ++i) {
    Line& line = lines[i];
    if (!line.blank && line.role != BlockRole::chrome) ++below;
    if (line.text == lines[title].text) {
      line.role = BlockRole::title;
      line.kind = BlockKind::paragraph;
      line.reason = "headline repeated";
      continue;
    }
    if (line.blank || line.role != BlockRole::body || line.kind != BlockKind::paragraph) {
      continue;
    }
    // a name right under the headline, or beside a dateline, is the byline; further down, a
    // short capitalised line is a subheading ("Key Insights", "Free Trial")
    const bool in_byline_place = !far && (below <= kNameLinesUnderTitle || beside_meta(lines, i));
    if (in_byline_place && is_bare_name(line) && !is_ui_phrase(line.text) &&
        !is_box_label(line.text)) {
      line.role = BlockRole::byline;
      line.reason = "name under the headline";
    } else if (auto credit = tx::credit_author(line.text, true);
               !credit.empty() && !is_ui_phrase(credit.substr(0, credit.find(", ")))) {
      line.role = BlockRole::byline;
      line.author = std::move(credit);
      line.reason = "name and outlet under the headline";
    }
  }
}

/// Where the header starts: kHeaderLinesAboveTitle non-blank lines above the title.
std::size_t header_begin(const std::vector<Line>& lines, std::size_t title) {
  std::size_t begin = title;
  for (std::size_t above = 0; begin > 0 && above < kHeaderLinesAboveTitle;) {
    --begin;
    if (!lines[begin].blank) ++above;
  }
  return begin;
}

// Stamps of forum software that date a thread's start ("Start date Jul 9, 2022", "asked Mar 28,
// 2014 at 11:38", "Discussion in 'Help' started by pelex, May 26, 2025."), compared folded.
constexpr auto kThreadStartPrefixes = std::to_array<std::string_view>({"start date", "asked "});
constexpr std::string_view kStartedBy = " started by ";
constexpr std::string_view kThreadStarter = "thread starter ";

/// A line's text without its list marker (a dump's "* Thread starter felixen").
std::string_view unmarked(const Line& line) {
  const auto marker = tx::list_marker(line.text);
  return marker.found ? tx::trim(line.text.substr(marker.length)) : line.text;
}

// A thread starter's name is a user name of at most this many words.
constexpr std::size_t kMaxStarterWords = 3;

/// What forum software says of where a thread starts, read in one pass over the page.
struct ThreadStamps {
  std::size_t mark = SIZE_MAX;  ///< the first line that marks the start (its title is above)
  std::string_view starter;     ///< who started it ("Thread starter felixen")
  std::string_view start;       ///< its first dated start stamp ("Start date Jul 9, 2022")
  bool relative = false;        ///< a start stamp given only relative to the save day
};

/// The starter named by a stamp line: "Thread starter felixen", "... started by pelex, May 26,
/// 2025.", the user card under "asked Feb 4, 2014 at 13:02" (past its picture's label,
/// "jldugger's user avatar"); empty when the line names none.
std::string_view starter_of(const std::vector<Line>& lines, std::size_t i, std::string_view text,
                            const std::string& folded) {
  std::string_view name;
  if (folded.starts_with(kThreadStarter)) {
    name = tx::trim(text.substr(kThreadStarter.size()));
  } else if (const auto by = folded.find(kStartedBy); by != std::string::npos) {
    name = text.substr(by + kStartedBy.size());
    name = tx::trim(name.substr(0, name.find(", ")));
  } else if (folded.starts_with("asked ") && tx::is_date_line(text)) {
    for (std::size_t j = i + 1; j < lines.size() && name.empty(); ++j) {
      if (!lines[j].blank && !tx::fold(lines[j].text).ends_with(" avatar")) {
        name = unmarked(lines[j]);
      }
    }
  }
  const bool user_name = !name.empty() && tx::word_count(name) <= kMaxStarterWords &&
                         tx::char_count(name) <= tx::kMaxMarkerChars && has_letter(name);
  return user_name ? name : std::string_view{};
}

/// The date part of a start stamp line ("Start date Jul 9, 2022", "asked ...", the date after
/// the starter's name in "... started by pelex, May 26, 2025."), without closing periods; empty
/// when the line holds none.
std::string_view start_stamp_of(std::string_view text, const std::string& folded) {
  std::string_view stamp;
  if (std::any_of(kThreadStartPrefixes.begin(), kThreadStartPrefixes.end(),
                  [&](std::string_view p) { return folded.starts_with(p); })) {
    stamp = text;
  } else if (const auto by = folded.find(kStartedBy); by != std::string::npos) {
    const auto comma = text.find(", ", by + kStartedBy.size());
    if (comma != std::string_view::npos) stamp = text.substr(comma + 2);
  }
  while (!stamp.empty() && stamp.back() == '.') stamp.remove_suffix(1);
  return stamp;
}

/// The page's thread stamps: the first start mark, the first starter named, the first dated
/// start (a thread is dated by its start and credited to its starter, not to the post nearest
/// the densest prose).
ThreadStamps read_thread_stamps(const std::vector<Line>& lines) {
  ThreadStamps stamps;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank || !(holds_ascii(line.text, "start") || holds_ascii(line.text, "asked"))) {
      continue;
    }
    const std::string_view text = unmarked(line);
    const std::string folded = tx::fold(text);
    if (stamps.mark == SIZE_MAX &&
        (folded.starts_with(kThreadStarter) || folded.starts_with(kThreadStartPrefixes[0]) ||
         folded.find(kStartedBy) != std::string::npos)) {
      stamps.mark = i;
    }
    if (tx::char_count(line.text) > tx::kMaxMetaLineChars * 2) continue;
    if (stamps.starter.empty()) stamps.starter = starter_of(lines, i, text, folded);
    if (stamps.start.empty()) {
      const std::string_view stamp = start_stamp_of(text, folded);
      if (!stamp.empty() && tx::is_date_line(stamp)) {
        if (tx::find_year(stamp) != std::string_view::npos) {
          stamps.start = stamp;
        } else {
          stamps.relative = true;
        }
      }
    }
  }
  return stamps;
}

/// The thread's title: the title-like line right above its first start mark (before the
/// article anchor); lines.size() when there is none.
std::size_t thread_title(const std::vector<Line>& lines, const ThreadStamps& stamps,
                         std::size_t anchor) {
  if (stamps.mark >= anchor) return lines.size();
  for (std::size_t k = stamps.mark, seen = 0; k-- > 0 && seen <= kLinesAboveMeta;) {
    if (lines[k].blank) continue;
    if (is_title_like(lines[k])) return k;
    ++seen;
  }
  return lines.size();
}

// Step 4: the article anchor, the title above it, names between them.
Header find_header(std::vector<Line>& lines, const ThreadStamps& stamps) {
  Header header{lines.size(), 0, lines.size()};
  header.anchor = find_anchor(lines);
  if (header.anchor == lines.size()) return header;
  header.title = thread_title(lines, stamps, header.anchor);
  if (header.title == lines.size()) {
    header.title = pick_title(lines, header.anchor, lead_words(lines, header.anchor));
  }
  if (header.title < lines.size()) {
    mark_title_and_names(lines, header.title, header.anchor);
    mark_reply_subjects(lines, header.title);
    header.begin = header_begin(lines, header.title);
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

// A title when no line looks like a headline: the article's first line (else the first line of
// body text), cut at its first sentence end or at a word boundary near kMaxFallbackTitleChars.
std::string fallback_title(const std::vector<Line>& lines, const Header& header) {
  std::string_view text;
  for (std::size_t pass = 0; pass < 2 && text.empty(); ++pass) {
    for (std::size_t i = pass == 0 ? header.anchor : 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      if (!line.blank && line.role == BlockRole::body && line.kind != BlockKind::caption &&
          has_letter(line.text)) {
        text = line.text;
        break;
      }
    }
  }
  const auto marker = tx::list_marker(text);
  if (marker.found) text = tx::trim(text.substr(marker.length));
  std::size_t chars = 0;
  std::size_t last_space = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = tx::next_code_point(text, pos);
    ++chars;
    const bool sentence_end = std::find(tx::kSentenceEnds.begin(), tx::kSentenceEnds.end(), cp) !=
                              tx::kSentenceEnds.end();
    if (sentence_end && chars >= kMinFallbackSentenceChars &&
        (pos == text.size() || text[pos] == ' ')) {
      return std::string(tx::trim(text.substr(0, cp == '.' ? start : pos)));
    }
    if (tx::is_space(cp)) last_space = start;
    if (chars > kMaxFallbackTitleChars) {
      std::string_view cut = text.substr(0, last_space > 0 ? last_space : start);
      while (!cut.empty() && (cut.back() == ',' || cut.back() == ';' || cut.back() == ':' ||
                              cut.back() == '-' || cut.back() == ' ')) {
        cut.remove_suffix(1);
      }
      return std::string(tx::trim(cut));
    }
  }
  return std::string(text);
}

// The site's name, by vote: copyright lines, chrome lines naming it ("About X", "X homepage"),
// then logo-like lines at the top and whole lines repeating a candidate.
std::string site_name(const std::vector<Line>& lines) {
  struct Vote {
    int votes = 0;
    std::string spelling;
    bool copyright = false;
  };
  std::map<std::string, Vote> votes;
  auto add = [&](const std::string& name, int n, bool copyright) {
    const std::string key = meta::site_key(name);
    if (key.empty()) return;
    Vote& v = votes[key];
    v.votes += n;
    // the copyright line's spelling wins; else the first spelling not in capitals
    if ((copyright && !v.copyright) || v.spelling.empty() ||
        (!v.copyright && tx::is_all_caps(v.spelling) && !tx::is_all_caps(name))) {
      v.spelling = name;
    }
    v.copyright = v.copyright || copyright;
  };
  for (const auto& line : lines) {
    if (line.blank) continue;
    const std::string owner = tx::copyright_owner(line.text);
    if (!owner.empty()) {
      add(owner, kCopyrightVotes, true);
      continue;
    }
    const std::string mention = tx::site_mention(line.text);
    if (!mention.empty()) add(mention, 1, false);
  }
  if (votes.empty()) return {};
  std::size_t top = 0;
  for (const auto& line : lines) {
    if (line.blank || tx::char_count(line.text) > tx::kMaxMarkerChars) continue;
    const bool logo = top++ < kLogoLines;
    const auto it = votes.find(meta::site_key(line.text));
    if (it != votes.end() && (logo || tx::fold(line.text) == tx::fold(it->second.spelling))) {
      ++it->second.votes;
    }
  }
  const Vote* best = nullptr;
  for (const auto& [key, vote] : votes) {
    if (best == nullptr || vote.votes > best->votes) best = &vote;
  }
  return best != nullptr && best->votes >= kMinSiteVotes ? best->spelling : std::string{};
}

// The date segments of a header line: the whole line, or its parts when it holds several
// stamps ("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM"). Only parts holding a digit.
void push_dates(std::string_view text, Page& page) {
  std::vector<std::string_view> parts{text};
  for (const auto sep : kDatelineSeparators) {
    std::vector<std::string_view> split;
    for (const auto part : parts) {
      std::size_t start = 0;
      while (true) {
        const auto at = part.find(sep, start);
        split.push_back(
            tx::trim(part.substr(start, at == std::string_view::npos ? at : at - start)));
        if (at == std::string_view::npos) break;
        start = at + sep.size();
      }
    }
    parts = std::move(split);
  }
  for (const auto part : parts) {
    if (std::any_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      page.hints.push_back({"text:dateline", std::string(part)});
    }
  }
}

// At most this many full dates of the page are passed on (for year-less datelines).
constexpr std::size_t kMaxPageDates = 32;

// Day names that open a dateline ("Monday November 18, 2019"): never a credit.
constexpr auto kWeekdays = std::to_array<std::string_view>(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
     "wed", "thu", "fri", "sat", "sun", "today", "yesterday"});
// At most this many capitalised words before the date of a dateline name a credit.
constexpr std::size_t kMaxDatelineCreditWords = 4;
// "By" lines this many non-blank lines into the article still credit it (a byline under the
// lead photo's caption).
constexpr std::size_t kBylineReach = 3;

// The credit inside a dateline: "... 7:45 am PST by Joe Rossignol" -> "Joe Rossignol",
// "Reuters November 18, 2019 11:03 PM" -> "Reuters"; else empty.
std::string dateline_credit(std::string_view text) {
  // a name before the separator of a dateline's parts ("David Hartshorne•Updated on Jul 4",
  // "SILVERBACK STRATEGIES | OCTOBER 15, 2025")
  for (const std::string_view cut : tx::kBylineCuts) {
    const auto at = text.find(cut);
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view head = tx::trim(text.substr(0, at));
    if (tx::is_person_name(head)) return std::string(head);
  }
  const std::string folded = tx::fold(text);
  if (folded.size() != text.size()) return {};
  const auto by = folded.find(" by ");
  if (by != std::string::npos) return std::string(tx::trim(text.substr(by + 4)));
  std::size_t start = 0;
  std::size_t words = 0;
  std::size_t end_of_names = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    const std::string low = tx::fold(word);
    std::string_view key = low;
    while (!key.empty() && (key.back() == ',' || key.back() == '.' || key.back() == ':')) {
      key.remove_suffix(1);
    }
    const bool stamp =
        std::find(tx::kDateWords.begin(), tx::kDateWords.end(), key) != tx::kDateWords.end();
    const bool dated =
        stamp || std::find(tx::kMonths.begin(), tx::kMonths.end(), key) != tx::kMonths.end() ||
        (!word.empty() && word.front() >= '0' && word.front() <= '9');
    // one word before "updated" labels the date ("Last updated", "First published")
    if (stamp && words == 1) return {};
    if (dated) break;
    if (std::find(kWeekdays.begin(), kWeekdays.end(), key) != kWeekdays.end()) return {};
    if (word.empty() || !(word.front() >= 'A' && word.front() <= 'Z')) return {};
    if (word.back() == ':') return {};  // a label ("Joined: 4. Jul 2012", "Join Date:")
    ++words;
    end_of_names = end;
    start = end + 1;
  }
  if (words == 0 || words > kMaxDatelineCreditWords || start >= text.size()) return {};
  return std::string(tx::trim(text.substr(0, end_of_names)));
}

/// One past the last header line: the article anchor, or the end of the page.
std::size_t header_end(const std::vector<Line>& lines, const Header& header) {
  return std::min(header.anchor, lines.size());
}

/// The title hint: the header's title line, else a title cut from the article's first line.
void emit_title_hint(const std::vector<Line>& lines, const Header& header, Page& page) {
  if (header.title < lines.size()) {
    page.hints.push_back(
        {"text:title", std::string(without_reply_prefix(lines[header.title].text))});
  } else {
    std::string title = fallback_title(lines, header);
    if (!title.empty()) page.hints.push_back({"text:title", std::move(title)});
  }
}

/// Every "By ..." author in the header; false when there is none.
bool push_header_authors(const std::vector<Line>& lines, const Header& header, Page& page) {
  bool have_byline = false;
  const std::size_t end = header_end(lines, header);
  for (std::size_t i = header.begin; i < end; ++i) {
    if (lines[i].role == BlockRole::byline && !lines[i].author.empty()) {
      page.hints.push_back({"text:byline", tx::unglue_byline(lines[i].author)});
      have_byline = true;
    }
  }
  return have_byline;
}

/// The first "By" line within kBylineReach lines into the article (under the lead photo's
/// caption); false when there is none.
bool push_author_in_article(const std::vector<Line>& lines, const Header& header, Page& page) {
  for (std::size_t i = header_end(lines, header), seen = 0; i < lines.size() && seen < kBylineReach;
       ++i) {
    if (lines[i].blank) continue;
    ++seen;
    if (lines[i].role == BlockRole::byline && !tx::byline_author(header_text(lines[i])).empty()) {
      page.hints.push_back({"text:byline", tx::unglue_byline(lines[i].author)});
      return true;
    }
  }
  return false;
}

/// The first credit inside a header dateline ("... by Joe Rossignol"); false when none.
bool push_dateline_credit(const std::vector<Line>& lines, const Header& header, Page& page) {
  const std::size_t end = header_end(lines, header);
  std::unordered_set<std::string_view> lower;
  bool have_lower = false;
  for (std::size_t i = header.begin; i < end; ++i) {
    if (lines[i].role != BlockRole::dateline) continue;
    std::string credit = dateline_credit(header_text(lines[i]));
    // one word the page also writes in lower case is a stamp's verb or a preposition
    // ("Commented Mar 28, 2014", "On 3/5/2024"), not a user's name
    if (tx::word_count(credit) == 1) {
      if (!have_lower) {
        lower = lower_case_words(lines);
        have_lower = true;
      }
      const std::string folded = tx::fold(credit);
      if (folded.size() < kMinCommonWordChars || lower.contains(folded)) continue;
    }
    if (!credit.empty()) {
      page.hints.push_back({"text:byline", std::move(credit)});
      return true;
    }
  }
  return false;
}

/// The header's byline lines as written (bare names), each run of repeats once.
void push_header_names(const std::vector<Line>& lines, const Header& header, Page& page) {
  const std::size_t end = header_end(lines, header);
  std::string last;
  for (std::size_t i = header.begin; i < end; ++i) {
    if (lines[i].role == BlockRole::byline && lines[i].text != last) {
      last = std::string(lines[i].text);
      page.hints.push_back({"text:byline", last});
    }
  }
}

/// The nearest byline above the header that states a person ("By Jane Doe", a name under a
/// "Written by" label) beside a dateline: the real header when the densest prose lies below a
/// box of cards (a menu's "By Company Size" has no date beside it).
void push_byline_above(const std::vector<Line>& lines, const Header& header, Page& page) {
  for (std::size_t i = header.begin; i-- > 0;) {
    const Line& line = lines[i];
    if (line.role != BlockRole::byline || line.author.empty() || !names_only(line.author, false) ||
        !beside_role(lines, i, {BlockRole::dateline}, kMetaNeighbours)) {
      continue;
    }
    if (states_author_or_date(line) || line.reason == kNameUnderLabel) {
      page.hints.push_back({"text:byline", tx::unglue_byline(line.author)});
      return;
    }
  }
}

/// The byline hints from the first of these that gives any: 1. "By" lines of the header (they
/// name the author explicitly), 2. a "By" line just inside the article, 3. a credit in a
/// header dateline, 4. bare names under the headline, 5. a stated byline above the header.
void emit_byline_hints(const std::vector<Line>& lines, const Header& header,
                       const ThreadStamps& stamps, Page& page) {
  if (!stamps.starter.empty()) {
    page.hints.push_back({"text:byline", std::string(stamps.starter)});
    // people there post under user names ("Pippin06", "jldugger")
    page.hints.push_back({"page:thread", "yes"});
    return;
  }
  if (push_header_authors(lines, header, page)) return;
  if (push_author_in_article(lines, header, page)) return;
  if (push_dateline_credit(lines, header, page)) return;
  const std::size_t before = page.hints.size();
  push_header_names(lines, header, page);
  if (page.hints.size() == before) push_byline_above(lines, header, page);
}

/// The dates (and the first outlet) of the header's datelines and bylines; else the first
/// dateline just inside the article.
void emit_date_hints(const std::vector<Line>& lines, const Header& header,
                     const ThreadStamps& stamps, Page& page) {
  if (!stamps.start.empty()) {
    page.hints.push_back({"text:dateline", std::string(stamps.start)});
    return;
  }
  // a start given only relative to the day the page was saved ("Start date Yesterday at 4:25
  // AM") leaves the thread undated: the other dates near its title are posts' and posters'
  if (stamps.relative) return;
  const std::size_t end = header_end(lines, header);
  // Datelines of the header, and bylines holding a date ("By Tess Bonn - 11/19/19 06:56 AM").
  // (a dateline with several stamps, "November 19, 2019 | 4:20am | Updated ...", passes for a
  // breadcrumb trail)
  bool have_outlet = false;
  for (std::size_t i = header.begin; i < end; ++i) {
    const Line& line = lines[i];
    if (line.role == BlockRole::dateline || line.role == BlockRole::byline ||
        (line.chrome == tx::Chrome::line && !line.blank && tx::is_date_line(line.text))) {
      push_dates(header_text(line), page);
      std::string outlet = tx::credit_outlet(header_text(line));
      if (!outlet.empty() && !have_outlet) {
        page.hints.push_back({"text:outlet", std::move(outlet)});
        have_outlet = true;
      }
    }
  }
  const bool have_date = std::any_of(page.hints.begin(), page.hints.end(),
                                     [](const MetaHint& h) { return h.key == "text:dateline"; });
  for (std::size_t i = end, seen = 0; !have_date && i < lines.size() && seen < kBylineReach; ++i) {
    // the byline the dateline goes with, and a headline shown again over them, take no reach
    if (lines[i].blank || lines[i].role == BlockRole::byline || lines[i].role == BlockRole::title) {
      continue;
    }
    ++seen;
    if (lines[i].role == BlockRole::dateline) {
      push_dates(header_text(lines[i]), page);
      return;
    }
  }
  if (have_date) return;
  // Else the nearest dateline above the header: the densest prose run (the anchor) may lie
  // below a box of product cards or teasers that follows the real header.
  for (std::size_t i = header.begin; i-- > 0;) {
    if (lines[i].role == BlockRole::dateline ||
        (lines[i].role == BlockRole::byline && tx::is_date_line(header_text(lines[i])))) {
      push_dates(header_text(lines[i]), page);
      return;
    }
  }
  // Else the first stamp below the header that states the publication ("Published August 13,
  // 2025" closing the article; a bare date down there is as likely a comment's).
  for (std::size_t i = end; i < lines.size(); ++i) {
    if (lines[i].role == BlockRole::dateline && says_published(header_text(lines[i]))) {
      push_dates(header_text(lines[i]), page);
      return;
    }
  }
}

/// The first "Source(s): ..." line naming a source (not a date).
void emit_source_hint(const std::vector<Line>& lines, Page& page) {
  for (const auto& line : lines) {
    if (!line.source.empty() && std::none_of(line.source.begin(), line.source.end(),
                                             [](char c) { return c >= '0' && c <= '9'; })) {
      page.hints.push_back({"text:source", line.source});
      break;
    }
  }
}

/// Dates written in full anywhere on the page: a year-less dateline takes the year of one
/// naming the same day.
void emit_page_dates(const std::vector<Line>& lines, Page& page) {
  std::size_t page_dates = 0;
  for (const auto& line : lines) {
    if (line.blank || page_dates >= kMaxPageDates) continue;
    std::string_view text = line.text;
    while (!text.empty() && (text.front() == '-' || text.front() == '*' || text.front() == ' ')) {
      text.remove_prefix(1);
    }
    if (tx::is_date_line(text) && tx::find_year(text) != std::string_view::npos) {
      page.hints.push_back({"text:pagedate", std::string(text)});
      ++page_dates;
    }
  }
}

/// The year of the page's first copyright line.
void emit_copyright_year(const std::vector<Line>& lines, Page& page) {
  for (const auto& line : lines) {
    const int year = line.blank ? 0 : tx::copyright_year(line.text);
    if (year != 0) {
      page.hints.push_back({"text:year", std::to_string(year)});
      break;
    }
  }
}

/// The order of the page's slashed dates where some date shows it: "day-first" when one reads
/// "28/11/2025" and none "11/28/2025", "month-first" the other way round; empty when no date
/// says, or dates say both. An ambiguous date of the page ("01/12/2025") reads the same way.
std::string slashed_date_order(const std::vector<Line>& lines) {
  std::size_t day_first = 0;
  std::size_t month_first = 0;
  const auto number_at = [](std::string_view t, std::size_t& i) {
    int n = 0;
    std::size_t digits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9' && digits < 5; ++i, ++digits) {
      n = n * 10 + (t[i] - '0');
    }
    return digits == 0 || digits > 2 ? -1 : n;
  };
  for (const auto& line : lines) {
    const std::string_view t = line.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] < '0' || t[i] > '9' || (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9')) continue;
      std::size_t j = i;
      const int a = number_at(t, j);
      if (j >= t.size() || t[j] != '/') continue;
      ++j;
      const int b = number_at(t, j);
      if (j + 4 > t.size() || t[j] != '/' || a < 1 || b < 1) continue;
      if (a > kMonthsOfYear && a <= kDaysOfMonth && b <= kMonthsOfYear) ++day_first;
      if (b > kMonthsOfYear && b <= kDaysOfMonth && a <= kMonthsOfYear) ++month_first;
    }
  }
  if (day_first > 0 && month_first == 0) return "day-first";
  if (month_first > 0 && day_first == 0) return "month-first";
  return {};
}

/// Passes on what the lines say about the page as text:* hints, in precedence order.
void emit_hints(const std::vector<Line>& lines, const Header& header, const ThreadStamps& stamps,
                Page& page) {
  emit_title_hint(lines, header, page);
  emit_byline_hints(lines, header, stamps, page);
  emit_date_hints(lines, header, stamps, page);
  emit_source_hint(lines, page);
  emit_page_dates(lines, page);
  emit_copyright_year(lines, page);
  std::string site = site_name(lines);
  if (!site.empty()) page.hints.push_back({"text:site", std::move(site)});
  std::string order = slashed_date_order(lines);
  if (!order.empty()) page.hints.push_back({"text:slashed-dates", std::move(order)});
  if (header.anchor < lines.size()) {
    std::string agency = tx::wire_agency(lines[header.anchor].text);
    if (!agency.empty()) page.hints.push_back({"text:agency", std::move(agency)});
  }
}

}  // namespace

/// A scrape read through its syntax (Markdown, a lynx or w3m dump) as plain text, one block per
/// line with blank lines between, and where each block's line starts (its offset in that text)
/// with the block.
struct StructuredText {
  std::string text;
  std::unordered_map<std::uint32_t, const detail::ScrapeBlock*> at;
  std::vector<detail::ScrapeBlock> blocks;
};

StructuredText structured_text(std::vector<detail::ScrapeBlock> blocks) {
  StructuredText out;
  out.blocks = std::move(blocks);
  for (const auto& block : out.blocks) {
    out.at.emplace(static_cast<std::uint32_t>(out.text.size()), &block);
    if (block.kind == BlockKind::list_item) out.text += block.ordered ? "1. " : "* ";
    std::string line = block.text;
    for (char& c : line) {
      if (c == '\n') c = ' ';  // a code block is one line here; its block keeps its lines
    }
    out.text += line;
    out.text += "\n\n";
  }
  return out;
}

/// The block a scrape's block reads as: its kind and inline content, with the role and kind the
/// text rules gave (a paragraph may be a caption, a dateline, chrome).
void apply_structure(const detail::ScrapeBlock& md, Block& block) {
  block.spans = md.spans;
  switch (md.kind) {
    case BlockKind::heading:
      if (block.role == BlockRole::body) block.kind = BlockKind::heading;
      block.level = md.level;
      break;
    case BlockKind::list_item:
      block.kind = BlockKind::list_item;
      block.level = md.level;
      block.ordered = md.ordered;
      block.number = md.number;
      break;
    case BlockKind::quote:
      block.kind = BlockKind::quote;
      block.level = md.level;
      break;
    case BlockKind::code:
      block.kind = BlockKind::code;
      block.info = md.info;
      break;
    default:
      break;
  }
}

/// One block per non-blank line (a run of code lines is one block), read through the scrape's
/// syntax where it has one.
void emit_blocks(std::vector<Line>& lines, const StructuredText& structured, Page& page) {
  std::uint32_t list_id = 0;
  bool in_list = false;
  std::size_t chrome = 0;
  bool in_code = false;    // the last block is code lines, open for the next one
  std::size_t blanks = 0;  // blank lines since the last non-blank one
  for (auto& line : lines) {
    if (line.blank) {
      ++blanks;
      continue;
    }
    if (line.kind == BlockKind::code && in_code) {
      // one code block for the run, its blank lines kept
      Block& code = page.blocks.back();
      code.spans.back().text += std::string(blanks + 1, '\n');
      code.spans.back().text += line.text;
      code.source.length = line.offset + line.length - code.source.offset;
      blanks = 0;
      continue;
    }
    blanks = 0;
    in_code = line.kind == BlockKind::code;
    Block block;
    block.kind = line.kind;
    block.role = line.role;
    block.source = {line.offset, line.length, line.number};
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
    if (const auto md = structured.at.find(line.offset);
        md != structured.at.end() && block.kind != BlockKind::code) {
      apply_structure(*md->second, block);
    }
    page.blocks.push_back(std::move(block));
  }
  if (chrome > 0) {
    page.diagnostics.push_back(
        {Severity::note, "tokenize", fmt::format("classified {} lines as chrome", chrome)});
  }
}

Page tokenize_text(std::string_view utf8, const TokenizeOptions& options) {
  Page page;
  page.base_url = options.base_url;
  // Markdown scrapes and browser dumps are read through their syntax: the rules below see
  // clean text, one block per line.
  StructuredText structured;
  bool markdown = false;  // Markdown marks its own code blocks
  const TextSyntax syntax = options.text_syntax;
  detail::Dump dump;
  if (syntax == TextSyntax::lynx || syntax == TextSyntax::w3m || syntax == TextSyntax::automatic) {
    dump = detail::read_dump(utf8, syntax == TextSyntax::lynx  ? detail::DumpKind::lynx
                                   : syntax == TextSyntax::w3m ? detail::DumpKind::w3m
                                                               : detail::DumpKind::none);
  }
  if (dump.kind != detail::DumpKind::none) {
    const bool lynx = dump.kind == detail::DumpKind::lynx;
    structured = structured_text(std::move(dump.blocks));
    page.diagnostics.push_back(
        {Severity::note, "tokenize",
         fmt::format("read as a {} dump (wrapped lines joined, link markers and placeholders "
                     "removed)",
                     lynx ? "lynx" : "w3m")});
  } else if (syntax == TextSyntax::markdown ||
             (syntax == TextSyntax::automatic && detail::looks_like_markdown(utf8))) {
    markdown = true;
    structured = structured_text(detail::markdown_lines(utf8));
    page.diagnostics.push_back(
        {Severity::note, "tokenize", "read as Markdown (links, headings and emphasis as such)"});
  }
  if (!structured.blocks.empty()) utf8 = structured.text;
  std::vector<Line> lines = split_lines(utf8);
  for (auto& line : lines) {
    if (line.blank) continue;
    classify_alone(line);
    if (const auto md = structured.at.find(line.offset); md != structured.at.end()) {
      line.number = md->second->line;
      if (md->second->kind == BlockKind::heading) line.heading = md->second->level;
    } else if (!structured.blocks.empty()) {
      line.number = 0;
    }
  }
  mark_split_labels(lines);
  mark_wraps(lines);
  mark_sections(lines);
  mark_repeated_captions(lines);
  mark_contents(lines);
  mark_common_words(lines);
  if (!markdown) mark_code(lines);
  const ThreadStamps stamps = read_thread_stamps(lines);
  const Header header = find_header(lines, stamps);
  mark_headings(lines, header.title < lines.size() ? header.title + 1 : 0);
  emit_hints(lines, header, stamps, page);

  emit_blocks(lines, structured, page);
  return page;
}

}  // namespace clipdown
