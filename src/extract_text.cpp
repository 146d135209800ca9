// Main-content extraction for text scrapes (no container tree).
//
// 1. Every block gets a weight (text_rules.hpp): prose gains by its length, short lines, lines
//    without a sentence end and chrome cost, section markers ("Related") are barriers and
//    footer markers (comments, site index) nearly walls; headings and captions are neutral.
// 2. The article is the densest run (maximum-sum range, Kadane): the menus, cookie banners,
//    related lists and footers around it fall outside.
// 3. The run starts after the title, and after the byline/dateline lines at its head; it then
//    takes back the photo captions right above its first paragraph.
// 4. Inside the run only body blocks stay: title, byline, dateline, credit and chrome go.
// When no block weighs positive (a short note), every body block is kept.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>

#include "extract_internal.hpp"
#include "text_rules.hpp"

namespace clipdown::detail {

namespace {

namespace tx = text;

// Header lines (byline, dateline) among the run's first this many blocks are skipped with it
// (only those: a thread repeats a name and a date over every post, and a reach that grew with
// each one skipped the first posts).
constexpr std::size_t kHeaderReach = 6;
// A page with this many post heads (a date line right before text) before its footer is
// a thread (or a live blog): its region spans every post.
constexpr std::size_t kMinThreadPosts = 3;
// Of those, this many start at or above the end of the densest run.
constexpr std::ptrdiff_t kMinPostsUpToRun = 2;
// A post's text starts at most this many blocks after its head.
constexpr std::size_t kPostHeadReach = 2;
// A line of a poster's card ("Full Member") has at most this many words.
constexpr std::size_t kMaxCardWords = 3;
// A line between a thread's posts ("Reply Quote") has at most this many words.
constexpr std::size_t kMaxSeparatorWords = 6;
// Of the gaps between such lines, at least kProseGapsPer in kProseGapsOf hold prose ...
constexpr std::size_t kProseGapsPer = 4;
constexpr std::size_t kProseGapsOf = 5;
// ... and at most this many lines per gap on average are not prose.
constexpr std::size_t kMaxPostLines = 24;
// A thread told by such lines holds at least 1/this of its prose outside the densest run.
constexpr std::size_t kMaxRunShare = 5;
// A post's number ("#12") is at most this long.
constexpr std::size_t kMaxPostNumberChars = 7;
// A run that is a thread's first post ends at most this many blocks above the next post's head
// (the poster's card between them).
constexpr std::size_t kRunToPostReach = 12;
// A run holding less than this share of the body text around it is a fragment of the page.
constexpr double kMinRunShare = 0.3;
// ... widened to the text around it when that adds this many paragraphs, or any when the run
// holds less than kSliverShare of it.
constexpr std::size_t kMinAddedProse = 3;
constexpr double kSliverShare = 0.1;
// After the run, prose is taken back across at most this many short or chrome lines (a short
// article's last paragraph weighs too little to pay for a label or an ad line before it).
constexpr std::size_t kMaxBridgeLines = 2;

double block_weight(const Block& block, const std::string& text, tx::Chrome chrome) {
  if (const auto weight = tx::chrome_weight(chrome)) return *weight;
  switch (block.role) {
    case BlockRole::chrome:
      return tx::kListedWeight;
    case BlockRole::byline:
    case BlockRole::dateline:
      return tx::kAuthorDateWeight;
    case BlockRole::title:
    case BlockRole::credit:
      return tx::kMetaWeight;
    case BlockRole::body:
      break;
  }
  switch (block.kind) {
    case BlockKind::heading:
    case BlockKind::caption:
    case BlockKind::image:
    case BlockKind::rule:
      return tx::kInlineWeight;
    case BlockKind::table:
      return 0.0;
    case BlockKind::code:
      // an example of several lines does not break an article (preformatted prose still
      // counts); a lone preformatted line ("16") weighs as a line
      if (text.find('\n') == std::string::npos) return tx::text_weight(text);
      return std::max(0.0, tx::text_weight(text));
    case BlockKind::list_item:
      return std::max(tx::kListItemFloor, tx::text_weight(text));
    case BlockKind::paragraph:
    case BlockKind::quote:
      break;
  }
  return tx::text_weight(text);
}

bool is_header(const Block& block) {
  return block.role == BlockRole::title || block.role == BlockRole::byline ||
         block.role == BlockRole::dateline;
}

/// The article region: [first, last], and inside it the densest run proper [run_first,
/// run_last] (captions taken back above it, prose bridged after it).
struct Region {
  std::size_t first = 1;
  std::size_t last = 0;
  std::size_t run_first = 1;
  std::size_t run_last = 0;
  std::size_t posts = 0;  // post heads of a thread, when the region spans one
  bool cards = false;     // ... its posts under posters' cards ("#12", "Member", "Quote")
  bool widened = false;   // the run was a fragment: the region is the stretch around it

  [[nodiscard]] bool empty() const { return first > last; }

  /// Whether block `i` lies in the region (every block does when there is no prose run).
  [[nodiscard]] bool contains(std::size_t i) const { return empty() || (i >= first && i <= last); }

  /// The rule that puts block `i` inside or outside the region (for --explain).
  [[nodiscard]] std::string_view rule(std::size_t i) const {
    if (empty()) return "no prose run: every body block";
    return i < first       ? "before the article region"
           : i > last      ? "after the article region"
           : i < run_first ? "caption above the article"
           : i > run_last  ? "continues the article"
                           : "article region";
  }
};

/// --explain: one note per block, where it comes from in the input, whether it stays and by
/// which rule: its role's (title, byline, chrome ... with the tokenizer's reason) when it has
/// one, else where it lies against the article region.
void explain_blocks(const std::vector<Block>& blocks, const Region& region,
                    std::vector<Diagnostic>& diagnostics) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    const bool body = block.role == BlockRole::body;
    const bool kept = body && region.contains(i);
    std::string rule = body ? std::string(region.rule(i)) : std::string(to_string(block.role));
    if (!body && !block.reason.empty()) rule += " (" + block.reason + ")";
    const std::string where = block.source.line > 0 ? fmt::format("line {}", block.source.line)
                                                    : fmt::format("block {}", i);
    diagnostics.push_back(
        {Severity::note, "extract",
         fmt::format("{}: {} {} by rule {}: \"{}\"", where, kept ? "kept" : "dropped",
                     to_string(block.kind), rule, explain_quote(plain_text(block.spans)))});
  }
}

/// A thread's posts: each opens with its date line (a dateline block, often holding the author's
/// name) right before its text; they span heads.front() to `last`, the last text of the last
/// post.
struct Thread {
  std::vector<std::size_t> heads;  // where each post starts
  std::size_t last = 0;
  std::size_t numbered = 0;  // heads followed by the post's number ("#12")
};

/// Whether `text` holds an ASCII letter or any non-ASCII byte: enough for a post's text under a
/// numbered head (a bullet "•" alone counts, which keeps a thread whose first text is one).
bool has_letters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80U;
  });
}

/// Whether `text` is a post's number in its thread: "#12".
bool is_post_number(std::string_view text) {
  text = tx::trim(text);
  return text.size() >= 2 && text.size() <= kMaxPostNumberChars && text.front() == '#' &&
         std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Whether a post head ends with the post's number ("Need2KnowLion 2 years ago#1").
bool ends_with_post_number(std::string_view text) {
  text = tx::trim(text);
  const auto hash = text.rfind('#');
  return hash != std::string_view::npos && hash > 0 && is_post_number(text.substr(hash));
}

/// What the region rules read of each block, once: its text, weight and chrome class.
struct Scan {
  std::vector<std::string> texts;
  std::vector<double> weights;
  std::vector<bool> footer;   // a footer marker (comments, site index)
  std::vector<bool> section;  // a section marker ("Related")
  std::vector<bool> ad;       // an ad slot's label ("Advertisement")
  std::vector<bool> weighty;  // a body block of positive weight: prose the region counts
};

/// The posts of a thread (or a live blog's entries) before the page's footer or a section marker
/// after them: post heads, each followed within kPostHeadReach blocks by prose (a post cut short
/// by its code still counts).
Thread find_thread(const std::vector<Block>& blocks, const Scan& scan) {
  const auto& weights = scan.weights;
  const auto& footer = scan.footer;
  Thread thread;
  std::size_t claimed = 0;  // one past the text of the last post found
  for (std::size_t i = 0; i < blocks.size() && !footer[i]; ++i) {
    if (scan.section[i] && !thread.heads.empty()) break;  // "Related topics", "More from ..."
    const BlockRole role = blocks[i].role;
    if (scan.weighty[i] && !thread.heads.empty()) thread.last = i;
    // a post carries its date (a name alone, no); dates in a row (a head and a dated caption,
    // a list of dated sources) head one text at most
    // ... or its number alone ("#12", a thread that shows no dates: its text must be prose, a
    // numbered list of products is no thread)
    const std::string& head = scan.texts[i];
    const bool number = is_post_number(head);
    if ((role != BlockRole::dateline && !number) || i < claimed) continue;
    // the post's text: prose, or any words under a dated and numbered head ("#2" then "NIH -
    // 7/18"); an ad line or two between the head and the text do not count
    bool numbered = number || ends_with_post_number(head);
    std::size_t reach = i + kPostHeadReach;
    for (std::size_t j = i + 1; j < blocks.size() && j <= reach && !footer[j]; ++j) {
      const std::string& text = scan.texts[j];
      if (blocks[j].role == BlockRole::chrome && reach < i + 2 * kPostHeadReach) ++reach;
      if (blocks[j].role == BlockRole::dateline) {
        // dates in a row head one text, which may follow the last of them ("June 14, 2024" /
        // "Author stats" / "June 14, 2024" / text)
        claimed = j + 1;
        reach = std::max(reach, j + kPostHeadReach);
      }
      if (is_post_number(text)) {
        numbered = true;
        continue;
      }
      if (blocks[j].role == BlockRole::body &&
          (weights[j] > 0.0 || tx::is_prose(text) || (numbered && !number && has_letters(text)))) {
        thread.heads.push_back(i);
        if (numbered) ++thread.numbered;
        thread.last = std::max(thread.last, j);
        claimed = j + 1;
        break;
      }
    }
  }
  return thread;
}

/// Key of a line that may separate a thread's posts: folded, its figures dropped ("1 Reply
/// Last reply Reply Quote 0" and "... Quote 2" are one line).
std::string separator_key(std::string_view text) {
  std::string key = tx::fold(text);
  std::erase_if(key, [](char c) { return c >= '0' && c <= '9'; });
  return key;
}

/// Whether block `i` may be a line between posts: short, no prose, not a page header line, no ad
/// slot.
bool may_separate(const std::vector<Block>& blocks, const Scan& scan, std::size_t i) {
  const BlockRole role = blocks[i].role;
  return role != BlockRole::title && role != BlockRole::dateline && scan.weights[i] <= 0.0 &&
         !scan.ad[i] && has_letters(scan.texts[i]) &&
         tx::word_count(tx::trim(scan.texts[i])) <= kMaxSeparatorWords;
}

/// What the search for a thread's separating lines counts over the page: prose, section markers
/// and footer markers before each block (prefix counts), and the first footer marker under the
/// densest run's start. A footer marker repeated over the posts ("1 Reply") is a post's line, no
/// footer.
struct PageMarks {
  std::vector<std::size_t> prose;
  std::vector<std::size_t> sections;
  std::vector<std::size_t> footers;
  std::size_t footer_at = 0;

  /// Whether any block strictly between `a` and `b` is marked in `before`.
  static bool between(const std::vector<std::size_t>& before, std::size_t a, std::size_t b) {
    return before[b] != before[a + 1];
  }
};

PageMarks mark_page(const std::vector<Block>& blocks, const Scan& scan, std::size_t run_first) {
  const auto& footer = scan.footer;
  const auto& section = scan.section;
  std::vector<std::string> footer_keys(blocks.size());  // sized once: the views below stay valid
  std::unordered_map<std::string_view, std::size_t> footer_count;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!footer[i]) continue;
    footer_keys[i] = separator_key(scan.texts[i]);
    ++footer_count[footer_keys[i]];
  }
  PageMarks marks;
  marks.prose.assign(blocks.size() + 1, 0);
  marks.sections.assign(blocks.size() + 1, 0);
  marks.footers.assign(blocks.size() + 1, 0);
  marks.footer_at = blocks.size();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const bool prose = scan.weighty[i];
    const bool is_footer = footer[i] && footer_count[footer_keys[i]] <= kMinThreadPosts;
    marks.prose[i + 1] = marks.prose[i] + (prose ? 1 : 0);
    marks.sections[i + 1] = marks.sections[i] + (section[i] ? 1 : 0);
    marks.footers[i + 1] = marks.footers[i] + (is_footer ? 1 : 0);
    if (i >= run_first && marks.footer_at == blocks.size() && is_footer) marks.footer_at = i;
  }
  return marks;
}

/// A run of one line's occurrences, at[first] to at[last], and the gaps between them that hold
/// prose (the posts).
struct SeparatorRun {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t posts = 0;
};

/// The run of the occurrences `at` of one line that separates the most posts, when one qualifies:
/// more than kMinThreadPosts posts, most gaps holding prose, few other lines per gap. A run starts
/// above the footer (the comments under an article are no thread) and ends at a section marker,
/// or at a footer marker before it separates kMinThreadPosts posts (a marker among the posts, "2
/// Replies", does not end a thread).
std::optional<SeparatorRun> best_run(const std::vector<std::size_t>& at, const PageMarks& marks) {
  std::optional<SeparatorRun> best;
  SeparatorRun run;
  for (std::size_t k = 0; k < at.size() && at[run.first] < marks.footer_at; ++k) {
    const bool ends =
        k + 1 == at.size() || PageMarks::between(marks.sections, at[k], at[k + 1]) ||
        (run.posts < kMinThreadPosts && PageMarks::between(marks.footers, at[k], at[k + 1]));
    if (!ends) {
      if (PageMarks::between(marks.prose, at[k], at[k + 1])) ++run.posts;
      continue;
    }
    run.last = k;
    const std::size_t gaps = k - run.first;
    // a post is its text and a card's few lines: a line repeated over long stretches of other
    // lines (a docs page's "Learn more", a menu entry) separates no posts
    const std::size_t others =
        at[k] - at[run.first] - (marks.prose[at[k]] - marks.prose[at[run.first]]);
    const bool compact = others <= kMaxPostLines * gaps;
    const bool most_hold_prose = run.posts * kProseGapsOf >= gaps * kProseGapsPer;
    if (run.posts > kMinThreadPosts && most_hold_prose && compact &&
        (!best || run.posts > best->posts)) {
      best = run;
    }
    run = SeparatorRun{.first = k + 1};
  }
  return best;
}

/// The posts of a thread that shows no dates (or none the scrape kept): the same short line
/// comes again between every two posts ("Quote", "last edited by", "permalink embed save report
/// reply" lines), with prose between most of its occurrences. Of every such line, the run of
/// occurrences separating the most posts wins (the first on the page of equals); `heads` are its
/// occurrences, `last` the last prose under the last one.
Thread find_separated_thread(const std::vector<Block>& blocks, const Scan& scan,
                             std::size_t run_first) {
  std::unordered_map<std::string, std::vector<std::size_t>> lines;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (may_separate(blocks, scan, i)) lines[separator_key(scan.texts[i])].push_back(i);
  }
  const PageMarks marks = mark_page(blocks, scan, run_first);
  Thread best;
  std::size_t best_posts = 0;
  for (const auto& [key, at] : lines) {
    if (at.size() <= kMinThreadPosts) continue;
    const auto run = best_run(at, marks);
    if (!run || run->posts < best_posts ||
        (run->posts == best_posts && at[run->first] > best.heads.front())) {
      continue;
    }
    best.heads.assign(at.begin() + static_cast<std::ptrdiff_t>(run->first),
                      at.begin() + static_cast<std::ptrdiff_t>(run->last) + 1);
    best_posts = run->posts;
  }
  if (best.heads.empty()) return best;
  // the last prose between the occurrences, or under the last one (a line over each post)
  const std::size_t tail = best.heads.back();
  for (std::size_t i = best.heads.front(); i < blocks.size() && i <= tail + kPostHeadReach; ++i) {
    if (scan.weighty[i]) best.last = i;
  }
  return best;
}

/// Widens the region `r` to a thread told by a line between its posts, when the run lies among
/// them; false when there is none.
bool extend_to_separated_thread(const std::vector<Block>& blocks, const Scan& scan, Region& r) {
  const Thread thread = find_separated_thread(blocks, scan, r.first);
  // the run lies among the posts (a list under an article is no thread of it), and the posts
  // around it add a fair share of prose to it (a line repeated over an article's sections or
  // over a menu beside it adds a line or two)
  if (thread.heads.empty() || thread.heads.front() > r.first || thread.last < r.first) return false;
  std::size_t inside = 0;
  std::size_t outside = 0;
  for (std::size_t i = thread.heads.front(); i <= std::max(thread.last, r.last); ++i) {
    if (scan.weighty[i]) ++(i >= r.first && i <= r.last ? inside : outside);
  }
  if (outside == 0 || outside * kMaxRunShare < inside) return false;
  r.first = std::min(r.first, thread.heads.front());
  r.last = std::max(r.last, thread.last);
  r.posts = thread.heads.size();
  r.cards = true;
  return true;
}

/// Widens the region `r` to a thread's posts when the page is one and the run lies among them
/// (the densest run of a thread is one long post, the others are as much the page); false when
/// it is not a thread.
bool extend_to_dated_thread(const Thread& thread, Region& r) {
  const std::size_t first = thread.heads.front();
  if (thread.numbered >= kMinThreadPosts) {
    // posts numbered "#1", "#2", ... are a thread's: the run is one of them, or the first post
    // (its head unseen) right above the next post's head; a run below the last post is the
    // page's end (a consent notice), not its content
    if (first > r.last + kRunToPostReach) return false;
    if (r.first > thread.last) {
      r.first = first;
      r.last = thread.last;
    }
  } else {
    if (r.first > thread.last) return false;
    // the run lies among the posts, the first post at or above it (an article's comments or a
    // list of related stories below it are not the page) ...
    if (first > r.first) return false;
    // ... and not only the first post: an article whose own dateline heads it, then a list of
    // dated teasers, is no thread
    const auto up_to_run = std::count_if(thread.heads.begin(), thread.heads.end(),
                                         [&](std::size_t head) { return head <= r.last; });
    if (up_to_run < kMinPostsUpToRun) return false;
  }
  r.first = std::min(r.first, first);
  r.last = std::max(r.last, thread.last);
  r.posts = thread.heads.size();
  r.cards = r.cards || thread.numbered >= kMinThreadPosts;
  return true;
}

/// Widens the region `r` to a thread's posts, told by their dates and by a line between them
/// (the line may reach posts whose dates the scrape lost); false when the page is no thread.
bool extend_to_thread(const std::vector<Block>& blocks, const Scan& scan, Region& r) {
  const Thread dated = find_thread(blocks, scan);
  const bool by_dates = dated.heads.size() >= kMinThreadPosts && dated.last > dated.heads.front() &&
                        extend_to_dated_thread(dated, r);
  return extend_to_separated_thread(blocks, scan, r) || by_dates;
}

/// Recall pass: a run holding under kMinRunShare of the body text between the headline (or the
/// run, when no headline stands above it) and the footer under it is a fragment of the page (a
/// course page of short lines, an article broken by a box of code or a table): the region
/// becomes that whole stretch, when the stretch adds paragraphs (kMinAddedProse of them, or any
/// when the run is a sliver of it) and is no list of teasers (no more header lines, a teaser's
/// byline and dateline, than paragraphs). True when it widened.
bool widen_fragment(const std::vector<Block>& blocks, const Scan& scan, Region& r) {
  std::size_t start = r.first;
  for (std::size_t i = 0; i < r.first; ++i) {
    if (blocks[i].role == BlockRole::title) {
      start = i + 1;
      break;
    }
  }
  std::size_t stop = r.last + 1;
  while (stop < blocks.size() && !scan.footer[stop]) ++stop;
  std::size_t total = 0;
  std::size_t inside = 0;
  std::size_t prose = 0;    // paragraphs outside the run
  std::size_t headers = 0;  // header lines outside the run
  for (std::size_t i = start; i < stop; ++i) {
    const bool in_run = i >= r.first && i <= r.last;
    if (!in_run && is_header(blocks[i])) ++headers;
    if (blocks[i].role != BlockRole::body) continue;
    const std::string& text = scan.texts[i];
    total += text.size();
    if (in_run) {
      inside += text.size();
    } else if (tx::is_prose(text)) {
      ++prose;
    }
  }
  const auto share =
      static_cast<double>(inside) / static_cast<double>(std::max<std::size_t>(total, 1));
  const bool adds = prose >= kMinAddedProse || (prose > 0 && share < kSliverShare);
  if (share >= kMinRunShare || !adds || headers > prose) return false;
  r.first = std::min(r.first, start);
  r.last = stop - 1;
  return true;
}

/// The densest run of weighty blocks, bridged over short gaps after it, started after the
/// header lines at its head, with the captions above its first paragraph.
Region find_region(const std::vector<Block>& blocks) {
  Scan scan;
  const std::size_t n = blocks.size();
  scan.texts.resize(n);
  scan.weights.resize(n);
  scan.footer.resize(n);
  scan.section.resize(n);
  scan.ad.resize(n);
  std::vector<bool> barrier(n);
  for (std::size_t i = 0; i < n; ++i) {
    scan.texts[i] = plain_text(blocks[i].spans);
    const auto [chrome, pattern] = tx::classify_chrome(scan.texts[i]);
    scan.weights[i] = block_weight(blocks[i], scan.texts[i], chrome);
    scan.footer[i] = chrome == tx::Chrome::footer;
    scan.section[i] = chrome == tx::Chrome::section;
    scan.ad[i] = tx::is_ad_label(pattern);
    barrier[i] = scan.footer[i] || scan.section[i] ||
                 (blocks[i].role != BlockRole::body && blocks[i].role != BlockRole::chrome);
  }
  tx::discount_after_footer(scan.weights, scan.footer);
  scan.weighty.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    scan.weighty[i] = blocks[i].role == BlockRole::body && scan.weights[i] > 0.0;
  }
  const auto& footer = scan.footer;
  Region r;
  std::tie(r.first, r.last) = tx::densest_run(scan.weights);
  if (r.empty()) return r;
  const bool thread = extend_to_thread(blocks, scan, r);
  r.run_last = r.last;
  // Bridge short gaps after the run: prose and list items continuing the article's list.
  std::size_t gap = 0;
  for (std::size_t j = r.last + 1; j < blocks.size() && !barrier[j] && !footer[j]; ++j) {
    const bool list_goes_on = blocks[j].kind == BlockKind::list_item &&
                              blocks[r.last].kind == BlockKind::list_item && j == r.last + 1;
    if (scan.weighty[j] || list_goes_on) {
      r.last = j;
      gap = 0;
    } else if (++gap > kMaxBridgeLines) {
      break;
    }
  }
  // Start after the title and the byline/dateline lines at the head of the run (a thread's
  // region starts at its first post: its heads go by their role, a title line inside is a
  // post's own line).
  const std::size_t head = r.first;
  for (std::size_t i = head; i <= r.last && i < head + kHeaderReach && !thread; ++i) {
    if (is_header(blocks[i])) r.first = i + 1;
  }
  for (std::size_t i = r.first; i <= r.last && !thread; ++i) {
    if (blocks[i].role == BlockRole::title) {
      r.first = i + 1;
      break;
    }
  }
  r.run_first = r.first;
  r.widened = !thread && widen_fragment(blocks, scan, r);
  // Take back the captions (and their credit lines) right above the first paragraph.
  while (r.first > 0 && r.first <= r.last && blocks[r.first - 1].role != BlockRole::chrome &&
         (blocks[r.first - 1].kind == BlockKind::caption ||
          blocks[r.first - 1].role == BlockRole::credit) &&
         !is_header(blocks[r.first - 1])) {
    --r.first;
  }
  return r;
}

/// Whether `text` is a bare figure ("14,796", "7K", "0"): a poster's post count or score.
bool is_figure(std::string_view text) {
  text = tx::trim(text);
  if (text.empty() || text.front() < '0' || text.front() > '9') return false;
  if (text.back() == 'K' || text.back() == 'M' || text.back() == 'k') text.remove_suffix(1);
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.'; });
}

/// In a thread of numbered posts or posts told by a line between them, the lines of the posters'
/// cards ("Member", "Joined", "Messages", "Quote") come again over the posts: short lines repeated
/// at least kMinThreadPosts times in the region, bare figures (post counts, scores) and post
/// numbers ("#2") are chrome.
void mark_post_cards(std::vector<Block>& blocks, const Region& r) {
  if (!r.cards || r.empty()) return;
  std::vector<std::string> texts(r.last - r.first + 1);  // the body blocks' texts
  std::unordered_map<std::string_view, std::size_t> count;
  for (std::size_t i = r.first; i <= r.last; ++i) {
    if (blocks[i].role != BlockRole::body) continue;
    texts[i - r.first] = plain_text(blocks[i].spans);
    ++count[texts[i - r.first]];
  }
  for (std::size_t i = r.first; i <= r.last; ++i) {
    Block& block = blocks[i];
    if (block.role != BlockRole::body) continue;
    const std::string& text = texts[i - r.first];
    const bool repeated = tx::word_count(text) <= kMaxCardWords && count[text] >= kMinThreadPosts;
    if (repeated || is_figure(text) || is_post_number(text)) {
      block.role = BlockRole::chrome;
      block.reason = repeated ? "a poster's card line, on every post" : "a post's figure";
    }
  }
}

std::string thread_note(const Region& region) {
  if (region.widened) {
    return " (recall pass: the densest run was a fragment, the region is the text around it)";
  }
  return region.posts > 0 ? fmt::format(" (a thread of {} posts)", region.posts) : std::string();
}

}  // namespace

std::vector<Block> select_text_content(Page& page, const Metadata& /*meta*/,
                                       const ExtractOptions& options,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<Block>& blocks = page.blocks;
  const Region region = find_region(blocks);
  mark_post_cards(blocks, region);
  if (options.explain) {
    diagnostics.push_back({Severity::note, "extract",
                           region.empty()
                               ? std::string("no prose run: kept every body block")
                               : fmt::format("article region: blocks {}-{} of {}{}", region.first,
                                             region.last, blocks.size(), thread_note(region))});
    explain_blocks(blocks, region, diagnostics);
  }
  std::vector<Block> out;
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (region.contains(i) && blocks[i].role == BlockRole::body) {
      out.push_back(std::move(blocks[i]));
    } else {
      ++dropped;
    }
  }
  if (options.explain && !region.empty()) {
    diagnostics.push_back(
        {Severity::note, "extract", fmt::format("dropped {} blocks outside the article", dropped)});
  }
  return out;
}

}  // namespace clipdown::detail
