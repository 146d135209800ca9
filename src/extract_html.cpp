// Main-content extraction for HTML pages.
//
// 1. One pass over blocks measures each block (characters, link characters) and gives it a
//    weight: prose (long enough, few links) counts its unlinked characters as positive
//    evidence; link text and short fragments count as negative evidence.
// 2. One pass over containers in reverse index order (children have larger indices) sums the
//    evidence bottom-up. A container whose class/id/role says boilerplate ("related",
//    "comments", "share", ...) passes its prose up as negative evidence, so its ancestors lose
//    rather than gain by holding it; a boilerplate hint on a wrapper of most of the page's
//    prose is ignored.
// 3. Each block's net weight also goes, decayed with distance, to its container and up to four
//    ancestors (Readability.js-style, bounded depth): the winner is the container with the best
//    such local score times its hint factor, i.e. the region that holds the paragraphs
//    themselves rather than the page wrapper that also holds teaser lists. The winner then
//    climbs to a content-hinted ancestor holding clearly more, clean prose; siblings with
//    strong prose, lead figures, and "peers" (same tag and classes nearby: an article split
//    into chunks) join it. Two structural corrections come first: a boilerplate-classed box
//    holding most of the page's prose (a long comment thread) yields to the text above it (the
//    post it comments on); on a forum page, the post template whose repeats hold the most
//    prose is the thread, and a winner of another template (a summary box) yields to it.
// 4. Inside the selection, blocks are pruned: non-body roles, boilerplate sub-containers, chrome
//    phrases ("Continue reading", "Advertisement"), share bars, calls to action, photo credits,
//    link lists, the headline with its kicker and the byline/date lines around the lead,
//    related/comment sections after their opening heading, repeated captions, and headings left
//    introducing nothing.
// 5. When the selection is implausibly small next to the page's prose, a recall pass that holds
//    more replaces it: every prose block outside boilerplate containers, else a selection scored
//    without class hints (templates that class every wrapper "*-widget-*"), else all prose.
// Phases 1-3 are a pure scoring pass (score_containers), phase 4 a sequence of named rules over
// blocks (decide_blocks); --explain names the rule that dropped each block.
// Everything is linear in blocks + containers + text (ancestor walks have a fixed bound).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fmt/core.h>

#include "extract_internal.hpp"
#include "extract_rules.hpp"
#include "metadata_internal.hpp"
#include "text_rules.hpp"

namespace clipdown::detail {

namespace {

// --- Thresholds, tuned together on the scrapinghub benchmark: retune as a set. ---

// A block shorter than this (non-space characters) is never prose.
constexpr double kMinProseChars = 30;
// Prose has at most this share of its characters inside links.
constexpr double kMaxProseLinkDensity = 0.35;
// A block with at least this many characters outside links is prose (a list item with a linked
// headline and a summary)...
constexpr double kMinLinkedProseChars = 60;
// ...as long as no more than this share of it is linked.
constexpr double kMaxLinkedProseDensity = 0.7;
// Weight of one link character as negative evidence, against one prose character.
constexpr double kLinkPenalty = 1.0;
// Negative evidence of one short non-prose block (in characters), e.g. a menu entry.
constexpr double kShortBlockPenalty = 12.0;
// Short blocks ending a sentence are neutral rather than negative ("He declined.").
constexpr double kMinSentenceChars = 8;
// How many containers (the block's own and its ancestors) receive a block's evidence...
constexpr std::size_t kScoreDepth = 5;
// ...and with which weight, by distance (Readability.js: 1, 1/2, then 1/(3 d)).
constexpr std::array<double, kScoreDepth> kScoreDecay = {1.0, 0.5, 1.0 / 6, 1.0 / 9, 1.0 / 12};
// Score factor of a container whose hints name the article body ("article-body").
constexpr double kStrongHintBoost = 1.35;
// Score factor of a container whose hints suggest content ("content", "post").
constexpr double kPositiveHintBoost = 1.12;
// Score factor of <article>/<main>.
constexpr double kPositiveTagBoost = 1.1;
// Score factor of a container whose hints or tag (or an ancestor's) say boilerplate.
constexpr double kNegativeHintFactor = 0.25;
// A boilerplate hint is ignored on a container holding more than this share of the page's prose.
constexpr double kMaxBoilerplateShare = 0.6;
// A boilerplate-classed wrapper of at least this share of the prose of a container named the
// article body is the body.
constexpr double kBodyWrapperShare = 0.9;
// How much of a boilerplate container's prose counts against its ancestors.
constexpr double kNegativeSubtreeFactor = 1.0;
// The winner climbs at most this many levels to a content-hinted ancestor...
constexpr std::size_t kClimbDepth = 3;
// ...that holds at least this much more prose...
constexpr double kClimbMinGain = 1.1;
// ...with at most this much boilerplate evidence per prose character.
constexpr double kClimbMaxBoilerplate = 0.15;
// Any ancestor below <body>, up to this many levels, takes the winner's place when it holds at
// least this many times its prose (an article whose sections each sit in their own box)...
constexpr std::size_t kOpenClimbDepth = 8;
constexpr double kOpenClimbMinGain = 2.0;
// ...with at most this much boilerplate evidence per prose character.
constexpr double kOpenClimbMaxBoilerplate = 0.2;
// Containers with the winner's tag and hints join it when their lowest common ancestor is at
// most this many levels above either.
constexpr std::size_t kPeerDepth = 8;
// A winner whose tag and hints repeat on this many containers with prose opens a thread: its
// peers join even from inside a replies container classed as comments.
constexpr std::size_t kMinThreadPosts = 3;
// On a forum page, the posts' template wins over a winner of another template when its repeats
// hold this many times the winner's prose (the winner's own repeats included).
constexpr double kThreadOverWinner = 2.0;
// An opening post or article above a comment thread has at least this much prose.
constexpr double kMinOpeningProse = 200;
// A peer joins only with at most this much boilerplate evidence per prose character.
constexpr double kPeerMaxBoilerplate = 0.25;
// A sibling joins the winner when its net evidence reaches this share of the winner's...
constexpr double kSiblingMinShare = 0.2;
// ...and at least this many characters.
constexpr double kSiblingMinChars = 100;
// A "Courtesy ..." credit line is at most this long.
constexpr std::size_t kMaxCourtesyChars = 50;
// A one-line chrome label (a reading time "Tempo de leitura: 1 minuto", a poster's "Posts:
// 1,234") is at most this long.
constexpr std::size_t kMaxLabelLineChars = 40;
// A prose block directly in the winner's parent joins it when at least this long.
constexpr double kSiblingParagraphChars = 80;
// A boilerplate sub-container inside the selection is pruned only while its prose is below this
// share of the selection's prose (a wrongly hinted wrapper of the article itself stays).
constexpr double kMaxPrunedShare = 0.3;
// ...and never when it holds this share of the prose of the selected container it is in.
constexpr double kTextBoxShare = 0.5;
// Blocks inside the selection with a larger share of link text are dropped.
constexpr double kMaxKeptLinkDensity = 0.6;
// ...at once when at least this share is linked, else only next to another link-dense block.
constexpr double kAllLinkDensity = 0.9;
// Only blocks shorter than this (characters of folded text) are tested against chrome prefixes.
constexpr std::size_t kMaxChromePrefixChars = 140;
// Blocks shorter than this (bytes) are tested for photo-credit markers...
constexpr std::size_t kMaxCreditChars = 300;
// ...in their last this many bytes.
constexpr std::size_t kCreditTailChars = 60;
// A kept block repeating a caption or the block before it is dropped when at least this long.
constexpr double kMinDuplicateChars = 20;
// Caption blocks are kept in the article (the golden samples keep them; the benchmark's ground
// truth leaves them out: false scores about +0.004 F1 there).
constexpr bool kKeepCaptions = true;
// Section openers ("Related stories") are at most this long (folded bytes).
constexpr std::size_t kMaxSectionLineChars = 60;
// Calls to action ("Sign up for our newsletter") are looked for in blocks up to this long.
constexpr std::size_t kMaxCallToActionChars = 220;
// Byline blocks are shorter than this.
constexpr std::size_t kMaxBylineChars = 120;
// "By ..." lines longer than this are sentences ("By the time we crossed..."), not bylines.
constexpr std::size_t kMaxBylinePrefixChars = 60;
// Date lines are shorter than this.
constexpr std::size_t kMaxDatelineChars = 90;
// A prose block at least this long opens (or closes) the article; byline/date lines are looked
// for before the first and after the last such block.
constexpr double kLeadProseChars = 100;
// A title and a heading that are prefixes of each other match when the shorter has this many
// characters (titles often carry " | Site" suffixes).
constexpr std::size_t kMinTitlePrefixChars = 20;
// Fallback: the selection is implausible when it holds less than this share of the page's
// prose...
constexpr double kMinBodyShare = 0.2;
// ...and the page has at least this much prose.
constexpr double kMinPageProseChars = 500;
// A page whose selection is empty keeps the blocks beside its headline, looking this many
// containers up from the headline's own.
constexpr int kMaxHeadlineClimb = 3;
// A selection scored without class hints stands in for it when it holds this share of the
// page's prose; below that it is one post of a thread, and all prose is kept instead.
constexpr double kMinUnhintedShare = 0.6;
// How many best-scoring containers an explain run lists.
constexpr std::size_t kExplainCandidates = 6;
// Longest block text quoted in an explain note.
constexpr std::size_t kExplainQuoteChars = 60;

// --- Text helpers ---

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Non-space code points of `text`.
double count_chars(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xC0U) != 0x80U && !is_space(c)) ++n;
  }
  return static_cast<double>(n);
}

/// Lowercase ASCII, NBSP as space, white space collapsed and trimmed, and trailing punctuation
/// and arrows removed: the form chrome tables are written in.
std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\xc2' && i + 1 < text.size() && text[i + 1] == '\xa0') {
      c = ' ';
      ++i;
    } else if (c == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\x98' || text[i + 2] == '\x99')) {
      c = '\'';  // curly apostrophes
      i += 2;
    }
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += ascii_lower(c);
  }
  // Trailing decorations: ASCII punctuation, "»", "›", "→", "…", "▶", "▸".
  constexpr std::array<std::string_view, 7> kTrailing = {
      "\xc2\xbb",     "\xe2\x80\xba", "\xe2\x86\x92", "\xe2\x80\xa6",
      "\xe2\x96\xb6", "\xe2\x96\xb8", "\xef\xbc\x9a"};
  bool changed = true;
  while (changed && !out.empty()) {
    changed = false;
    const char last = out.back();
    if (last == ' ' || last == ':' || last == '.' || last == '>' || last == '|' || last == '-' ||
        last == '!' || last == ',' || last == '?') {
      out.pop_back();
      changed = true;
      continue;
    }
    for (const auto tail : kTrailing) {
      if (out.size() >= tail.size() && std::string_view(out).ends_with(tail)) {
        out.resize(out.size() - tail.size());
        changed = true;
        break;
      }
    }
  }
  return out;
}

/// Letters and digits only (non-ASCII kept), lowercase, single spaces: for title comparison.
std::string title_key(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (is_alnum(c) || u >= 0x80U) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += ascii_lower(c);
    } else {
      pending_space = true;
    }
  }
  return out;
}

/// Calls `fn(word)` for each run of ASCII letters in `token`.
template <typename Fn>
void for_each_word(std::string_view token, Fn fn) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    const bool letter = i < token.size() && token[i] >= 'a' && token[i] <= 'z';
    if (!letter) {
      if (i > start) fn(token.substr(start, i - start));
      start = i + 1;
    }
  }
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& table, std::string_view value) {
  return std::find(table.begin(), table.end(), value) != table.end();
}

/// The whole text of a block, tables included.
std::string block_text(const Block& block) {
  if (block.kind != BlockKind::table) return plain_text(block.spans);
  std::string out;
  for (const auto& row : block.rows) {
    for (const auto& cell : row) {
      out += plain_text(cell);
      out += ' ';
    }
  }
  return out;
}

double link_chars(const Block& block) {
  double n = 0;
  const auto add = [&n](const std::vector<Span>& spans) {
    for (const auto& span : spans) {
      if (span.kind == SpanKind::link) n += count_chars(span.text);
    }
  };
  add(block.spans);
  for (const auto& row : block.rows) {
    for (const auto& cell : row) add(cell);
  }
  return n;
}

}  // namespace

std::string explain_quote(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  for (; i < text.size() && out.size() < kExplainQuoteChars; ++i) {
    out += text[i] == '\n' ? ' ' : text[i];
  }
  // Do not cut a UTF-8 sequence in half.
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) {
    out += text[i++];
  }
  if (i < text.size()) out += "\xe2\x80\xa6";
  return out;
}

namespace {

// --- Hints ---

enum class Hint : std::uint8_t { none, positive, strong, negative };

/// Classifies a container by its class/id/role/itemprop tokens and tag. Boilerplate wins over
/// content ("post-footer" is a footer).
Hint classify(const Container& container) {
  // <html>/<body> classes describe the page template ("single-post"), not a region.
  if (container.tag == "body" || container.tag == "html") return Hint::none;
  if (contains(rules::kNegativeTags, container.tag)) return Hint::negative;
  bool positive = false;
  bool strong = false;
  bool negative = false;
  bool wrapper_negative = false;  // a boilerplate stem in a token that names no article body
  std::string_view hints = container.hints;
  while (!hints.empty()) {
    const std::size_t space = hints.find(' ');
    const std::string_view token = hints.substr(0, space);
    hints = space == std::string_view::npos ? std::string_view{} : hints.substr(space + 1);
    if (token.empty()) continue;
    bool embed = false;
    for (const auto stem : rules::kEmbedStems) {
      if (token.find(stem) != std::string_view::npos) embed = true;
    }
    // a token naming the article body is read head-last, like an English compound: a
    // boilerplate stem before the name is the CMS's namespace ("elementor-widget-theme-post-
    // content" holds the post), after it names a part ("post-content-related")
    std::size_t strong_at = std::string_view::npos;
    for (const auto stem : rules::kStrongPositiveStems) {
      strong_at = std::min(strong_at, token.find(stem));
    }
    strong = strong || strong_at != std::string_view::npos;
    for (const auto stem : rules::kNegativeStems) {
      const std::size_t at = token.find(stem);
      if (embed || at == std::string_view::npos) continue;
      if (strong_at == std::string_view::npos) {
        wrapper_negative = true;
      } else if (at > strong_at) {
        negative = true;
      }
    }
    for_each_word(token, [&](std::string_view word) {
      if (contains(rules::kNegativeWords, word)) negative = true;
      if (contains(rules::kPositiveWords, word)) positive = true;
    });
  }
  // a token naming the article body outright outweighs a boilerplate stem in another token (a
  // CMS names every wrapper "elementor-widget"), never a boilerplate word ("post-content
  // footer") or a stem in the same token ("post-content-related")
  if (negative) return Hint::negative;
  if (strong) return Hint::strong;
  if (wrapper_negative) return Hint::negative;
  if (positive) return Hint::positive;
  return Hint::none;
}

double hint_factor(Hint hint, const Container& container) {
  double factor = contains(rules::kPositiveTags, container.tag) ? kPositiveTagBoost : 1.0;
  switch (hint) {
    case Hint::none:
      break;
    case Hint::positive:
      factor *= kPositiveHintBoost;
      break;
    case Hint::strong:
      factor *= kStrongHintBoost;
      break;
    case Hint::negative:
      factor = kNegativeHintFactor;
      break;
  }
  return factor;
}

std::string_view to_string(Hint hint) {
  switch (hint) {
    case Hint::none:
      return "none";
    case Hint::positive:
      return "positive";
    case Hint::strong:
      return "strong";
    case Hint::negative:
      return "boilerplate";
  }
  return "?";
}

// --- Per-block and per-container measures ---

struct BlockInfo {
  std::string text;     ///< plain text
  std::string folded;   ///< fold(text), only for short blocks (chrome tests)
  double chars = 0;     ///< non-space characters
  double links = 0;     ///< non-space characters inside links
  bool prose = false;   ///< long enough with few links
  double positive = 0;  ///< prose evidence
  double negative = 0;  ///< boilerplate evidence
};

struct Node {
  Hint hint = Hint::none;
  double positive = 0;      ///< prose evidence in the subtree, boilerplate subtrees excluded
  double negative = 0;      ///< boilerplate evidence in the subtree
  double prose = 0;         ///< all prose characters in the subtree, whatever the hints
  double local = 0;         ///< net evidence of nearby blocks, decayed with distance
  double score = 0;         ///< local evidence times the hint factor when positive
  std::uint32_t media = 0;  ///< image and caption blocks in the subtree
  std::uint32_t other = 0;  ///< other non-empty blocks in the subtree
  bool selected = false;
  bool pruned = false;
  bool boilerplate_above = false;  ///< this container or an ancestor is boilerplate
  bool overruled = false;          ///< a boilerplate hint ignored: the container holds most prose
};

BlockInfo measure(const Block& block) {
  BlockInfo info;
  info.text = block_text(block);
  info.chars = count_chars(info.text);
  info.links = link_chars(block);
  if (info.text.size() <= kMaxChromePrefixChars * 2) info.folded = fold(info.text);
  if (block.role != BlockRole::body) return info;
  const double density = info.chars > 0 ? info.links / info.chars : 0;
  switch (block.kind) {
    case BlockKind::paragraph:
    case BlockKind::list_item:
    case BlockKind::quote:
    case BlockKind::code:
    case BlockKind::table:
      if ((info.chars >= kMinProseChars && density <= kMaxProseLinkDensity) ||
          (info.chars - info.links >= kMinLinkedProseChars && density <= kMaxLinkedProseDensity)) {
        info.prose = true;
        info.positive = info.chars - info.links;
        info.negative = info.links * kLinkPenalty;
      } else {
        const std::size_t end = info.text.find_last_not_of(" \n\t\r");
        const char last = end == std::string::npos ? ' ' : info.text[end];
        const bool sentence = info.links == 0 && info.chars >= kMinSentenceChars &&
                              (last == '.' || last == '?' || last == '!' || last == '"');
        info.negative = info.links * kLinkPenalty + (sentence ? 0 : kShortBlockPenalty);
      }
      break;
    case BlockKind::heading:
      info.negative = info.links * kLinkPenalty;
      break;
    case BlockKind::image:
    case BlockKind::caption:
    case BlockKind::rule:
      break;
  }
  return info;
}

bool is_chrome_line(const BlockInfo& info) {
  if (info.folded.empty()) return false;
  if (contains(rules::kChromeLines, info.folded)) return true;
  if (info.folded.size() > kMaxChromePrefixChars) return false;
  return std::any_of(rules::kChromePrefixes.begin(), rules::kChromePrefixes.end(),
                     [&](std::string_view p) { return info.folded.starts_with(p); });
}

/// Template filler a page never meant to show ("Lorem ipsum dolor sit amet, ..."), and what a
/// script shows until its content arrives ("Loading…", "Loading prices for your region...").
bool is_placeholder(const BlockInfo& info) {
  if (info.folded.starts_with("lorem ipsum")) return true;
  const std::string_view text = info.text;
  return info.folded.starts_with("loading") && info.folded.size() <= kMaxChromePrefixChars &&
         (text.ends_with("\xe2\x80\xa6") || text.ends_with("..."));
}

/// "Reading time: 3 minutes", "5 min read", "Updated at 1:23 p.m.": a short line with a number
/// that starts with a reading-time or stamp label or ends with a reading-time unit.
bool is_reading_time(const BlockInfo& info) {
  const std::string_view f = info.folded;
  if (f.empty() || f.size() > kMaxLabelLineChars ||
      f.find_first_of("0123456789") == std::string_view::npos) {
    return false;
  }
  const auto starts = [f](std::string_view l) {
    return f.starts_with(l) && (f.size() == l.size() || f[l.size()] == ' ' || f[l.size()] == ':');
  };
  return std::ranges::any_of(rules::kReadingTimeLabels, starts) ||
         std::ranges::any_of(rules::kStampLabels, starts) ||
         std::ranges::any_of(rules::kReadingTimeEndings,
                             [f](std::string_view e) { return f.ends_with(e); });
}

/// On a forum page: a line of a post's author panel or button row ("Offline", "Posts: 1,234",
/// "Quote", "Thanks"), or an unrendered client-side template ("{{ errors[0].message }}").
bool is_post_chrome(const BlockInfo& info) {
  const std::string_view f = info.folded;
  if (f.empty() || f.size() > kMaxLabelLineChars) return false;
  // a poster's "Thanks!" is a sentence, a "Thanks" button is not
  const std::size_t end = info.text.find_last_not_of(" \n\t");
  const char last = end == std::string::npos ? ' ' : info.text[end];
  if (contains(rules::kPostChromeLines, f) && last != '!' && last != '.' && last != '?') {
    return true;
  }
  if (f.starts_with("{{") && info.text.find("}}") != std::string::npos) return true;
  return f.find_first_of("0123456789") != std::string_view::npos &&
         std::ranges::any_of(rules::kPosterStatLabels,
                             [f](std::string_view l) { return f.starts_with(l); });
}

bool is_credit(const Block& block, const BlockInfo& info) {
  const std::string_view folded = info.folded;
  // "Courtesy Google", "Courtesy of NASA/JPL": a credit is a name, not a sentence; a caption
  // that says only this credits the picture and describes nothing
  if (folded.starts_with("courtesy ") && folded.size() <= kMaxCourtesyChars) return true;
  if (block.kind == BlockKind::caption || info.text.size() > kMaxCreditChars) return false;
  const std::string_view tail =
      folded.size() > kCreditTailChars ? folded.substr(folded.size() - kCreditTailChars) : folded;
  return std::any_of(rules::kCreditMarkers.begin(), rules::kCreditMarkers.end(),
                     [&](std::string_view m) { return tail.find(m) != std::string_view::npos; });
}

/// A block made only of share/follow button labels ("Facebook Twitter Google+ Whatsapp").
bool is_share_bar(const BlockInfo& info) {
  if (info.folded.empty() || info.folded.size() > kMaxChromePrefixChars) return false;
  std::size_t words = 0;
  bool others = false;
  for (const char c : info.folded) {
    if (static_cast<unsigned char>(c) >= 0x80U || (c >= '0' && c <= '9')) return false;
  }
  for_each_word(info.folded, [&](std::string_view word) {
    ++words;
    others = others || !contains(rules::kShareWords, word);
  });
  return words > 0 && !others;
}

/// The opening line of a related/comments section ("Related stories", "You may also like").
bool is_section_start(const BlockInfo& info) {
  if (info.folded.empty() || info.folded.size() > kMaxSectionLineChars) return false;
  return std::any_of(rules::kSectionStarts.begin(), rules::kSectionStarts.end(),
                     [&](std::string_view p) { return info.folded.starts_with(p); });
}

/// A short block that asks the reader to do something ("Sign up for...", "Follow her on").
bool is_call_to_action(const BlockInfo& info) {
  if (info.folded.empty() || info.folded.size() > kMaxCallToActionChars) return false;
  return std::any_of(rules::kCallsToAction.begin(), rules::kCallsToAction.end(),
                     [&](std::string_view p) { return info.folded.find(p) != std::string::npos; });
}

/// "Image 3 of 8", "Photo 1 of 5", "Slide 2 of 10".
bool is_slide_counter(const BlockInfo& info) {
  std::string_view f = info.folded;
  for (const std::string_view word : {"image ", "photo ", "slide ", "picture "}) {
    if (!f.starts_with(word)) continue;
    f.remove_prefix(word.size());
    std::size_t i = 0;
    while (i < f.size() && f[i] >= '0' && f[i] <= '9') ++i;
    if (i == 0 || !f.substr(i).starts_with(" of ")) return false;
    f.remove_prefix(i + 4);
    i = 0;
    while (i < f.size() && f[i] >= '0' && f[i] <= '9') ++i;
    return i > 0 && i == f.size();
  }
  return false;
}

bool titles_match(const std::string& heading_key, const std::string& title) {
  if (heading_key.empty() || title.empty()) return false;
  if (heading_key == title) return true;
  const std::size_t shorter = std::min(heading_key.size(), title.size());
  if (shorter < kMinTitlePrefixChars) return false;
  return heading_key.starts_with(title) || title.starts_with(heading_key);
}

/// Words of `folded` (split at non-letters) include one of `table`.
template <std::size_t N>
bool has_word(std::string_view folded, const std::array<std::string_view, N>& table) {
  bool found = false;
  for_each_word(folded, [&](std::string_view word) { found = found || contains(table, word); });
  return found;
}

struct Context {
  std::string title;                 ///< title_key(meta.title)
  std::vector<std::string> authors;  ///< folded author names
  std::string year;                  ///< year of meta.date
};

bool is_byline(const BlockInfo& info, const Context& ctx) {
  if (info.folded.empty() || info.folded.size() > kMaxBylineChars) return false;
  if (info.folded.size() <= kMaxBylinePrefixChars) {
    if (!meta::byline_prefix_of(info.folded, false).empty()) return true;
  }
  return std::any_of(ctx.authors.begin(), ctx.authors.end(), [&](const std::string& author) {
    return author.size() >= 4 && info.folded.find(author) != std::string::npos;
  });
}

bool is_dateline(const BlockInfo& info, const Context& ctx) {
  if (info.folded.empty() || info.folded.size() > kMaxDatelineChars) return false;
  bool has_year = false;
  if (!ctx.year.empty()) {
    has_year = info.folded.find(ctx.year) != std::string::npos;
  } else {
    for (std::size_t i = 0; i + 4 <= info.folded.size(); ++i) {
      const std::string_view s(info.folded.data() + i, 4);
      if ((s.starts_with("19") || s.starts_with("20")) && s[2] >= '0' && s[2] <= '9' &&
          s[3] >= '0' && s[3] <= '9') {
        has_year = true;
        break;
      }
    }
  }
  if (!has_year) return false;
  return has_word(info.folded, rules::kDateWords) || info.folded.find('/') != std::string::npos ||
         info.folded.find(':') != std::string::npos;
}

class Explainer {
 public:
  Explainer(bool enabled, std::vector<Diagnostic>& out) : enabled_(enabled), out_(out) {}
  [[nodiscard]] bool enabled() const { return enabled_; }
  [[nodiscard]] std::vector<Diagnostic>& out() const { return out_; }
  void note(std::string message) {
    if (enabled_) out_.push_back({Severity::note, "extract", std::move(message)});
  }

 private:
  bool enabled_;
  std::vector<Diagnostic>& out_;
};

std::string describe(const std::vector<Container>& containers, const std::vector<Node>& nodes,
                     std::size_t i) {
  const Node& node = nodes[i];
  return fmt::format(
      "c{} <{}> \"{}\" score {:.0f} (local {:.0f}, prose {:.0f}, boilerplate {:.0f}, hint {})", i,
      containers[i].tag.empty() ? "root" : containers[i].tag, containers[i].hints, node.score,
      node.local, node.positive, node.negative, to_string(node.hint));
}

// --- Scoring: a pure pass over the page ---

/// Whether class/id tokens steer the scoring. A recall pass ignores them when they leave too
/// little of the page (CMS templates whose every paragraph sits in a "*-widget-*" wrapper);
/// tags still count there.
enum class Hints : std::uint8_t { trusted, ignored };

/// The page as the phases read it: blocks, their measures and the container tree.
struct Tree {
  const std::vector<Block>& blocks;
  const std::vector<Container>& containers;
  const std::vector<BlockInfo>& infos;
  double page_prose = 0;
  PageType type = PageType::article;

  [[nodiscard]] std::size_t size() const { return containers.size(); }
  [[nodiscard]] std::size_t container_of(const Block& block) const {
    return block.container < containers.size() ? block.container : 0U;
  }
  [[nodiscard]] std::size_t parent_of(std::size_t i) const {
    return i == 0 ? 0 : (containers[i].parent < i ? containers[i].parent : 0);
  }
};

/// The outcome of scoring: every container's evidence and flags, and the article's root.
struct Selection {
  std::vector<Node> nodes;
  std::size_t best = 0;            ///< the best-scoring container
  std::size_t winner = 0;          ///< `best`, or the content-hinted ancestor it climbed to
  bool parent_paragraphs = false;  ///< prose directly in the winner's parent may join
  bool opened = false;             ///< an opening text won over the comment thread below it
  double set_aside = 0;            ///< prose of that thread, left out on purpose
};

Hint classify(const Container& container, Hints hints) {
  if (hints == Hints::trusted) return classify(container);
  return contains(rules::kNegativeTags, container.tag) ? Hint::negative : Hint::none;
}

/// `hints` without the tokens that are the anchor of `heading` ("more-on-lists" for "5.1. More
/// on Lists"): tokens of two or more words, every one of them a word of the heading.
std::string without_heading_anchors(std::string_view hints, const std::string& heading) {
  std::vector<std::string_view> said;
  const std::string lower = fold(heading);
  for_each_word(lower, [&said](std::string_view w) { said.push_back(w); });
  std::string out;
  std::size_t start = 0;
  while (start < hints.size()) {
    std::size_t end = hints.find(' ', start);
    if (end == std::string_view::npos) end = hints.size();
    const std::string_view token = hints.substr(start, end - start);
    std::size_t words = 0;
    bool all = true;
    for_each_word(token, [&](std::string_view w) {
      ++words;
      all = all && std::ranges::find(said, w) != said.end();
    });
    if (!(all && words >= 2)) {
      if (!out.empty()) out += ' ';
      out += token;
    }
    start = end + 1;
  }
  return out;
}

/// On a documentation page a section's id is the slug of its heading ("more-on-lists"), not a
/// class that says what the section is: the container is classified again without it.
void trust_heading_anchors(const Tree& t, std::vector<Node>& nodes) {
  if (t.type != PageType::documentation) return;
  std::vector<bool> seen(t.size(), false);
  for (const Block& block : t.blocks) {
    const std::size_t c = t.container_of(block);
    if (seen[c]) continue;
    seen[c] = true;
    if (nodes[c].hint != Hint::negative || block.kind != BlockKind::heading) continue;
    const Container& box = t.containers[c];
    std::string rest = without_heading_anchors(box.hints, plain_text(block.spans));
    if (rest.size() == box.hints.size()) continue;
    nodes[c].hint =
        classify(Container{.parent = box.parent, .tag = box.tag, .hints = std::move(rest)});
  }
}

/// Boilerplate hints that the prose overrules: on a container holding most of the page's prose
/// ("page has-sidebar"), and on a wrapper of (nearly) all the prose of a container named the
/// article body.
void settle_hints(const Tree& t, std::vector<Node>& nodes) {
  for (auto& node : nodes) {
    if (node.hint == Hint::negative && node.prose > kMaxBoilerplateShare * t.page_prose) {
      node.hint = Hint::none;
      node.overruled = true;
    }
  }
  // A wrapper of (nearly) all the prose of a container named the article body is that body,
  // whatever its class says ("post-content" > "widget-container"): top-down, so a chain of
  // such wrappers passes the name on.
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    Node& node = nodes[i];
    const Node& up = nodes[t.parent_of(i)];
    if (node.hint == Hint::negative && up.hint == Hint::strong && node.prose > 0 &&
        node.prose >= kBodyWrapperShare * up.prose &&
        !contains(rules::kNegativeTags, t.containers[i].tag)) {
      node.hint = Hint::strong;
    }
  }
}

/// Phases 1–2: hints, evidence summed bottom-up, local scores and hint factors.
std::vector<Node> sum_evidence(const Tree& t, Hints hints) {
  const std::size_t n = t.size();
  std::vector<Node> nodes(n);
  for (std::size_t i = 0; i < n; ++i) nodes[i].hint = classify(t.containers[i], hints);
  trust_heading_anchors(t, nodes);
  for (std::size_t b = 0; b < t.blocks.size(); ++b) {
    const BlockInfo& info = t.infos[b];
    Node& node = nodes[t.container_of(t.blocks[b])];
    node.positive += info.positive;
    node.negative += info.negative;
    if (info.prose) node.prose += info.positive;
    const BlockKind kind = t.blocks[b].kind;
    if (kind == BlockKind::image || kind == BlockKind::caption) {
      ++node.media;
    } else if (info.chars > 0) {
      ++node.other;
    }
  }
  // Bottom-up sums (children have larger indices than their parents). First all prose, so
  // that a boilerplate hint on a wrapper of most of the page's prose is ignored ("page
  // has-sidebar"); then the evidence, with boilerplate subtrees counting against their parents.
  for (std::size_t i = n; i-- > 1;) {
    Node& up = nodes[t.parent_of(i)];
    up.prose += nodes[i].prose;
    up.media += nodes[i].media;
    up.other += nodes[i].other;
  }
  settle_hints(t, nodes);
  for (std::size_t i = n; i-- > 1;) {
    const Node& node = nodes[i];
    Node& up = nodes[t.parent_of(i)];
    if (node.hint == Hint::negative) {
      up.negative += node.negative + node.positive * kNegativeSubtreeFactor;
    } else {
      up.positive += node.positive;
      up.negative += node.negative;
    }
  }
  // Local evidence: each block's weight goes to its container and, decayed, to a few
  // ancestors (as Readability.js does), so that the region holding the paragraphs themselves
  // beats the page wrapper that also holds teaser lists. Past a boilerplate container a
  // block's prose counts against the ancestors. Bounded depth keeps this linear.
  for (std::size_t b = 0; b < t.blocks.size(); ++b) {
    const BlockInfo& info = t.infos[b];
    if (info.positive == 0 && info.negative == 0) continue;
    std::size_t c = t.container_of(t.blocks[b]);
    bool boilerplate = false;
    for (std::size_t d = 0; d < kScoreDepth; ++d) {
      boilerplate = boilerplate || nodes[c].hint == Hint::negative;
      const double decay = kScoreDecay.at(d);
      nodes[c].local +=
          decay * (boilerplate ? -info.positive * kNegativeSubtreeFactor - info.negative
                               : info.positive - info.negative);
      if (c == 0) break;
      c = t.parent_of(c);
    }
  }
  // Scores, top-down so that a container inside boilerplate is scored as boilerplate.
  for (std::size_t i = 0; i < n; ++i) {
    Node& node = nodes[i];
    node.boilerplate_above =
        node.hint == Hint::negative || (i != 0 && nodes[t.parent_of(i)].boilerplate_above);
    const double factor =
        node.boilerplate_above ? kNegativeHintFactor : hint_factor(node.hint, t.containers[i]);
    node.score = node.local > 0 ? node.local * factor : node.local;
  }
  return nodes;
}

/// Phase 3: the best score (on a tie the later, deeper container), then a climb to a
/// content-hinted ancestor that holds clearly more prose with little boilerplate (an article
/// split into several columns or chunks under one "article-body"), or to any ancestor that
/// holds several times its prose, as cleanly.
void choose_winner(const Tree& t, Selection& s) {
  const auto& nodes = s.nodes;
  for (std::size_t i = t.size(); i-- > 0;) {
    if (nodes[i].score > nodes[s.best].score) s.best = i;
  }
  s.winner = s.best;
  std::size_t at = s.best;
  for (std::size_t d = 0; d < kOpenClimbDepth && at != 0; ++d) {
    at = t.parent_of(at);
    const Node& up = nodes[at];
    if (up.boilerplate_above) break;
    const bool content = up.hint == Hint::positive || up.hint == Hint::strong ||
                         contains(rules::kPositiveTags, t.containers[at].tag);
    const bool hinted = content && d < kClimbDepth &&
                        up.positive >= kClimbMinGain * nodes[s.winner].positive &&
                        up.negative <= kClimbMaxBoilerplate * up.positive;
    const bool open = at != 0 && t.containers[at].tag != "body" && t.containers[at].tag != "html" &&
                      up.positive >= kOpenClimbMinGain * nodes[s.winner].positive &&
                      up.negative <= kOpenClimbMaxBoilerplate * up.positive;
    if (hinted || open) s.winner = at;
  }
}

/// The sorted class and id tokens of `hints` with every digit removed: the template that
/// numbered posts share ("post_message_37601655" and "post_message_37601702").
std::vector<std::string> template_tokens(std::string_view hints) {
  std::vector<std::string> out;
  std::string token;
  for (std::size_t i = 0; i <= hints.size(); ++i) {
    const char c = i < hints.size() ? hints[i] : ' ';
    if (c == ' ') {
      if (!token.empty()) out.push_back(std::move(token));
      token.clear();
    } else if (c < '0' || c > '9') {
      token += c;
    }
  }
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The ancestors of `from` up to kPeerDepth levels, marked with their distance (0: not one).
std::vector<std::uint8_t> ancestors_near(const Tree& t, std::size_t from) {
  std::vector<std::uint8_t> near(t.size(), 0);
  for (std::size_t at = from, d = 1; d <= kPeerDepth && at != 0; ++d) {
    at = t.parent_of(at);
    near[at] = static_cast<std::uint8_t>(d);
  }
  return near;
}

/// Whether container `i` and the one `near` was made for meet below the page root within
/// kPeerDepth levels of each: they sit close in the tree.
bool meets_near(const Tree& t, std::size_t i, const std::vector<std::uint8_t>& near) {
  for (std::size_t at = i, d = 0; d < kPeerDepth && at != 0; ++d) {
    at = t.parent_of(at);
    if (at != 0 && near[at] != 0) return true;
  }
  return false;
}

/// A best container classed as boilerplate that holds most of the page's prose (a long comment
/// thread under a short post), with a real text before it, near it in the tree: that text is
/// the opening post or the article the comments are under. It wins, in place of the best or of
/// the ancestor the best climbed to; on a forum page the thread joins it.
void prefer_opening_text(const Tree& t, Selection& s, std::vector<bool>& root, Explainer& explain) {
  const auto& nodes = s.nodes;
  if (s.best == 0 || !nodes[s.best].overruled) return;
  const std::vector<std::uint8_t> near = ancestors_near(t, s.best);
  std::size_t opening = 0;
  for (std::size_t i = 1; i < s.best; ++i) {
    if (near[i] != 0 || nodes[i].boilerplate_above || nodes[i].prose < kMinOpeningProse ||
        (opening != 0 && nodes[i].score <= nodes[opening].score)) {
      continue;
    }
    if (nodes[i].score > 0 && meets_near(t, i, near)) opening = i;
  }
  if (opening == 0) return;
  explain.note(fmt::format("opening text wins over a boilerplate-classed winner: {}",
                           describe(t.containers, nodes, opening)));
  if (t.type == PageType::forum) root[s.best] = root[opening] = true;
  s.set_aside = t.type == PageType::forum ? 0 : nodes[s.best].prose;
  s.winner = opening;
  s.opened = true;
}

/// Containers of one post template (tag and digit-free class tokens), none nested in another.
struct PostGroup {
  std::vector<std::size_t> posts;
  double prose = 0;
  double inside = 0;  ///< prose of the posts inside the winner
  std::size_t best = 0;
};

/// Each container's post template key: empty for containers without hints or prose.
std::vector<std::string> template_keys(const Tree& t, const std::vector<Node>& nodes) {
  std::vector<std::string> keys(t.size());
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t.containers[i].hints.empty() || nodes[i].prose <= 0) continue;
    keys[i] = t.containers[i].tag;
    for (const auto& token : template_tokens(t.containers[i].hints)) keys[i] += ' ' + token;
  }
  return keys;
}

/// The posts of each template, outside boilerplate-classed containers of their own.
std::map<std::string, PostGroup> post_groups(const Tree& t, const Selection& s,
                                             const std::vector<std::string>& keys) {
  const auto& nodes = s.nodes;
  std::vector<bool> in_winner(t.size(), false);
  in_winner[s.winner] = true;
  std::map<std::string, PostGroup> groups;  // ordered: ties go the same way every run
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (i > s.winner && in_winner[t.parent_of(i)]) in_winner[i] = true;
    if (keys[i].empty() || nodes[i].hint == Hint::negative) continue;
    bool nested = false;
    for (std::size_t at = i, d = 0; d < kPeerDepth && at != 0 && !nested; ++d) {
      at = t.parent_of(at);
      nested = keys[at] == keys[i];
    }
    if (nested) continue;
    PostGroup& g = groups[keys[i]];
    g.posts.push_back(i);
    g.prose += nodes[i].prose;
    if (in_winner[i]) g.inside += nodes[i].prose;
    if (g.best == 0 || nodes[i].score > nodes[g.best].score) g.best = i;
  }
  return groups;
}

/// On a forum page, the thread's posts: the template whose posts hold the most prose. When
/// the winner holds them, every one is kept, also those in a replies box classed as
/// boilerplate. When they hold more prose than the winner and lie outside it (the winner is a
/// summary box, a sidebar, one long signature), the post around the winner or the best post
/// wins instead and every post joins it.
void prefer_thread_posts(const Tree& t, Selection& s, std::vector<bool>& root, Explainer& explain) {
  if (t.type != PageType::forum || s.winner == 0) return;
  const auto& nodes = s.nodes;
  const std::vector<std::string> keys = template_keys(t, nodes);
  const std::map<std::string, PostGroup> groups = post_groups(t, s, keys);
  auto thread = groups.end();
  for (auto g = groups.begin(); g != groups.end(); ++g) {
    if (g->second.posts.size() >= kMinThreadPosts &&
        (thread == groups.end() || g->second.prose > thread->second.prose)) {
      thread = g;
    }
  }
  if (thread == groups.end()) return;
  const PostGroup& posts = thread->second;
  // The winner's own repeats (a question and its answers in one text box template) are the
  // thread when they hold enough of the posts' prose: every one joins, link-heavy or not
  // (peers that link-heavy do not).
  const auto own = groups.find(keys[s.winner]);
  if (own != groups.end() && own->second.posts.size() >= kMinThreadPosts &&
      kThreadOverWinner * own->second.prose >= posts.prose) {
    for (const std::size_t i : own->second.posts) root[i] = true;
    return;
  }
  if (2 * posts.inside >= posts.prose) {
    for (const std::size_t i : posts.posts) root[i] = root[i] || nodes[i].boilerplate_above;
    return;
  }
  const double own_prose =
      std::max(nodes[s.winner].prose, own == groups.end() ? 0.0 : own->second.prose);
  if (posts.prose <= kThreadOverWinner * own_prose) return;
  std::size_t post = posts.best;
  for (std::size_t at = s.winner, d = 0; d < kPeerDepth && at != 0; ++d) {
    at = t.parent_of(at);
    if (keys[at] == thread->first) post = at;
  }
  explain.note(fmt::format("thread posts win ({} posts, prose {:.0f}): {}", posts.posts.size(),
                           posts.prose, describe(t.containers, nodes, post)));
  s.winner = post;
  for (const std::size_t i : posts.posts) root[i] = true;
}

/// Siblings with strong prose of their own and the lead figure next to the winner. A winning
/// `<section>` is one part of a page split into sections (documentation does this per heading),
/// so every sibling section that is mostly prose joins it, however short.
void join_siblings(const Tree& t, Selection& s, std::vector<bool>& root, Explainer& explain) {
  if (s.winner == 0) return;
  const auto& nodes = s.nodes;
  const std::size_t parent = t.parent_of(s.winner);
  const double need = std::max(kSiblingMinChars, kSiblingMinShare * nodes[s.winner].positive);
  for (std::size_t i = parent + 1; i < t.size(); ++i) {
    if (i == s.winner || t.parent_of(i) != parent || nodes[i].boilerplate_above ||
        (s.opened && nodes[i].overruled)) {
      continue;
    }
    const bool section = t.containers[i].tag == "section" &&
                         t.containers[s.winner].tag == "section" && nodes[i].positive > 0 &&
                         nodes[i].negative <= kPeerMaxBoilerplate * nodes[i].positive;
    if (nodes[i].positive - nodes[i].negative >= need || section) {
      root[i] = true;
      explain.note(fmt::format("sibling joins: {}", describe(t.containers, nodes, i)));
    } else if (nodes[i].media > 0 && nodes[i].other == 0) {
      root[i] = true;
      explain.note(fmt::format("figure sibling joins: {}", describe(t.containers, nodes, i)));
    }
  }
  s.parent_paragraphs = !nodes[parent].boilerplate_above;
}

/// Containers with the winner's exact tag and hints a few levels away (the same template used
/// for each chunk of a long article); on a forum page, the thread's posts from anywhere.
void join_peers(const Tree& t, const Selection& s, std::vector<bool>& root, Explainer& explain) {
  const std::size_t winner = s.winner;
  if (winner == 0 || t.containers[winner].hints.empty()) return;
  const auto& nodes = s.nodes;
  const std::vector<std::uint8_t> near = ancestors_near(t, winner);
  // A thread: the winner (the opening post, outside boilerplate) repeats its signature at least
  // this often, and the repeats may sit in a replies container classed as comments.
  std::size_t repeats = 0;
  for (std::size_t i = 1; i < t.size(); ++i) {
    repeats += static_cast<std::size_t>(t.containers[i].tag == t.containers[winner].tag &&
                                        t.containers[i].hints == t.containers[winner].hints &&
                                        nodes[i].prose > 0);
  }
  const bool forum = t.type == PageType::forum;
  const bool thread = forum || (!nodes[winner].boilerplate_above && repeats >= kMinThreadPosts);
  // On a forum page, posts are one template though their numbers ("post_message_37601655") and
  // a class or two ("narrow" / "narrow text", "field-name-body" / "field-name-comment-body")
  // differ: sharing at least half of their digit-free tokens is the same template.
  const std::vector<std::string> signature =
      forum ? template_tokens(t.containers[winner].hints) : std::vector<std::string>();
  const auto same_template = [&](std::size_t i) {
    if (!forum) return t.containers[i].hints == t.containers[winner].hints;
    const std::vector<std::string> tokens = template_tokens(t.containers[i].hints);
    std::vector<std::string> shared;
    std::ranges::set_intersection(tokens, signature, std::back_inserter(shared));
    const std::size_t all = tokens.size() + signature.size() - shared.size();
    return !shared.empty() && 2 * shared.size() >= all;
  };
  for (std::size_t i = 1; i < t.size(); ++i) {
    const bool blocked = nodes[i].boilerplate_above && !(thread && nodes[i].hint != Hint::negative);
    if (root[i] || blocked || t.containers[i].tag != t.containers[winner].tag ||
        !same_template(i) || nodes[i].positive <= 0 ||
        nodes[i].negative > kPeerMaxBoilerplate * nodes[i].positive) {
      continue;
    }
    // a thread's posts join from anywhere on the page
    if (forum || meets_near(t, i, near)) {
      root[i] = true;
      explain.note(fmt::format("peer joins: {}", describe(t.containers, nodes, i)));
    }
  }
}

/// The runner-up and the best-scoring containers, for --explain.
void explain_candidates(const Tree& t, const Selection& s, Explainer& explain) {
  if (!explain.enabled()) return;
  const std::size_t n = t.size();
  const auto& nodes = s.nodes;
  // Runner-up: the best container that is neither an ancestor nor a descendant of the winner.
  std::vector<bool> ancestor(n, false);
  for (std::size_t i = s.winner; i != 0;) {
    i = t.parent_of(i);
    ancestor[i] = true;
  }
  std::vector<bool> below(n, false);
  below[s.winner] = true;
  std::size_t runner = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (i != s.winner && i != 0) below[i] = below[t.parent_of(i)];
    if (ancestor[i] || below[i]) continue;
    if (runner == n || nodes[i].score > nodes[runner].score) runner = i;
  }
  if (runner < n) {
    explain.note(fmt::format("runner-up: {}", describe(t.containers, nodes, runner)));
  }
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  const std::size_t shown = std::min(n, kExplainCandidates);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](std::size_t a, std::size_t b) { return nodes[a].score > nodes[b].score; });
  for (std::size_t k = 0; k < shown; ++k) {
    explain.note(fmt::format("candidate {}: {} in c{}", k + 1,
                             describe(t.containers, nodes, order[k]), t.parent_of(order[k])));
  }
}

/// Scores every container and selects the article's: the winner, the siblings and peers that
/// join it, and the boilerplate sub-containers pruned inside them. Reads the page only.
Selection score_containers(const Tree& t, Hints hints, Explainer& explain) {
  Selection s;
  s.nodes = sum_evidence(t, hints);
  choose_winner(t, s);
  auto& nodes = s.nodes;
  explain.note(fmt::format("winner: {}", describe(t.containers, nodes, s.winner)));
  if (s.winner != s.best) {
    explain.note(fmt::format("  climbed from {}", describe(t.containers, nodes, s.best)));
  }

  std::vector<bool> root(t.size(), false);
  prefer_opening_text(t, s, root, explain);
  prefer_thread_posts(t, s, root, explain);
  root[s.winner] = true;
  join_siblings(t, s, root, explain);
  join_peers(t, s, root, explain);
  double selection_prose = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (root[i]) {
      nodes[i].selected = true;
      selection_prose += nodes[i].prose;
    }
  }
  // Selection and pruning flags, top-down. The box holding most of a joined container's prose
  // is its text, whatever its class says (a thread's posts are "commentText").
  std::vector<std::size_t> top(t.size(), 0);  // the selected container each one is in
  for (std::size_t i = 1; i < t.size(); ++i) {
    Node& node = nodes[i];
    if (root[i]) {
      top[i] = i;
      continue;
    }
    const std::size_t parent = t.parent_of(i);
    top[i] = top[parent];
    const Node& up = nodes[parent];
    node.selected = up.selected;
    const bool text_box = top[i] != 0 && node.prose >= kTextBoxShare * nodes[top[i]].prose;
    node.pruned = up.pruned || (node.selected && node.hint == Hint::negative && !text_box &&
                                node.prose < kMaxPrunedShare * selection_prose);
  }
  explain_candidates(t, s, explain);
  return s;
}

// --- Block decisions ---

/// Why a block is kept or dropped; every drop names its rule in --explain.
enum class Why : std::uint8_t {
  kept,
  outside,
  role,
  boilerplate,
  chrome,
  links,
  headline,
  kicker,
  byline,
  dateline,
  caption,
  credit,
  duplicate,
  section,
  empty_section,
  precision,  ///< --favor precision: a caption or a short fragment
};

std::string_view rule_name(Why why, const Block& block) {
  switch (why) {
    case Why::kept:
    case Why::outside:
      return {};
    case Why::role:
      return to_string(block.role);
    case Why::boilerplate:
      return "boilerplate container";
    case Why::chrome:
      return "chrome phrase";
    case Why::links:
      return "link-dense";
    case Why::headline:
      return "headline";
    case Why::kicker:
      return "before headline";
    case Why::byline:
      return "byline";
    case Why::dateline:
      return "dateline";
    case Why::caption:
      return "caption";
    case Why::credit:
      return "photo credit";
    case Why::duplicate:
      return "repeated text";
    case Why::section:
      return "chrome section";
    case Why::empty_section:
      return "heading of a pruned section";
    case Why::precision:
      return "favor precision";
  }
  return "?";
}

/// The article's lead paragraphs: the first and last kept prose block long enough to open or
/// close it (blocks.size() when none).
struct Leads {
  std::size_t first = 0;
  std::size_t last = 0;
};

/// Per-block rules inside the selection: roles, pruned containers, chrome lines, credits and
/// link lists.
std::vector<Why> block_rules(const Tree& t, const Selection& s, Leads& leads) {
  const auto& blocks = t.blocks;
  const auto& infos = t.infos;
  std::vector<Why> why(blocks.size(), Why::kept);
  // Link-dense blocks go when nearly all link or next to another link-dense block (a list of
  // links); a single list item with a link in running text stays.
  const auto link_dense = [&](std::size_t b) {
    return b < blocks.size() && infos[b].chars > 0 &&
           infos[b].links > kMaxKeptLinkDensity * infos[b].chars &&
           blocks[b].kind != BlockKind::table && blocks[b].kind != BlockKind::image;
  };
  leads = {blocks.size(), blocks.size()};
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const Block& block = blocks[b];
    const BlockInfo& info = infos[b];
    const std::size_t c = t.container_of(block);
    const Node& node = s.nodes[c];
    const bool in_parent = s.parent_paragraphs && c == t.parent_of(s.winner) && info.prose &&
                           info.chars >= kSiblingParagraphChars;
    if (!node.selected && !in_parent) {
      why[b] = Why::outside;
    } else if (block.role != BlockRole::body) {
      why[b] = Why::role;
    } else if (block.kind == BlockKind::caption && !kKeepCaptions) {
      why[b] = Why::caption;
    } else if (node.pruned) {
      why[b] = Why::boilerplate;
    } else if (is_chrome_line(info) || is_placeholder(info) || is_share_bar(info) ||
               is_slide_counter(info) || is_call_to_action(info) || is_reading_time(info) ||
               (t.type == PageType::forum && is_post_chrome(info))) {
      why[b] = Why::chrome;
    } else if (is_credit(block, info)) {
      why[b] = Why::credit;
    } else if (link_dense(b) && (infos[b].links >= kAllLinkDensity * infos[b].chars ||
                                 (b > 0 && link_dense(b - 1)) || link_dense(b + 1))) {
      why[b] = Why::links;
    }
    if (why[b] == Why::kept && info.prose && info.chars >= kLeadProseChars) {
      if (leads.first == blocks.size()) leads.first = b;
      leads.last = b;
    }
  }
  return why;
}

/// The headline, kicker, byline and date lines before the first lead paragraph, and byline and
/// date lines after the last.
void mark_article_head(const Tree& t, const Context& ctx, const Leads& leads,
                       std::vector<Why>& why) {
  const auto& blocks = t.blocks;
  const auto& infos = t.infos;
  std::size_t headline = blocks.size();
  for (std::size_t b = 0; b < leads.first && b < blocks.size(); ++b) {
    const bool title_role = why[b] == Why::role && blocks[b].role == BlockRole::title;
    if ((why[b] != Why::kept && !title_role) || blocks[b].kind != BlockKind::heading) continue;
    if (title_role || titles_match(title_key(infos[b].text), ctx.title) || blocks[b].level == 1) {
      headline = b;
      if (why[b] == Why::kept) why[b] = Why::headline;
      break;
    }
  }
  for (std::size_t b = 0; b < leads.first && b < blocks.size(); ++b) {
    if (why[b] != Why::kept) continue;
    if (b < headline && headline < blocks.size() && !infos[b].prose) {
      why[b] = Why::kicker;
    } else if (is_byline(infos[b], ctx)) {
      why[b] = Why::byline;
    } else if (is_dateline(infos[b], ctx)) {
      why[b] = Why::dateline;
    }
  }
  const std::size_t after = leads.last == blocks.size() ? blocks.size() : leads.last + 1;
  for (std::size_t b = after; b < blocks.size(); ++b) {
    if (why[b] != Why::kept) continue;
    if (is_byline(infos[b], ctx)) {
      why[b] = Why::byline;
    } else if (is_dateline(infos[b], ctx)) {
      why[b] = Why::dateline;
    }
  }
}

/// Sections that are chrome: a heading (or short line) such as "Related stories" or "You may
/// also like" drops what follows up to the next heading of its level, unless the article's own
/// container resumes with prose.
void drop_chrome_sections(const Tree& t, std::vector<Why>& why) {
  bool dropping = false;
  int section_level = 0;
  std::size_t body_container = t.size();  // container of the last kept lead paragraph
  for (std::size_t b = 0; b < t.blocks.size(); ++b) {
    const Block& block = t.blocks[b];
    const BlockInfo& info = t.infos[b];
    const bool heading = block.kind == BlockKind::heading;
    const bool opener =
        (heading || info.folded.size() <= kMaxSectionLineChars) && is_section_start(info);
    if (why[b] == Why::chrome && opener) {
      dropping = true;  // "Related stories" already dropped as a chrome line opens a section
      section_level = heading ? block.level : 7;
      continue;
    }
    if (why[b] != Why::kept) continue;
    const bool lead = info.prose && info.chars >= kLeadProseChars;
    if (dropping) {
      const bool resumes = (heading && block.level <= section_level && !is_section_start(info)) ||
                           (lead && t.container_of(block) == body_container);
      if (!resumes) {
        why[b] = Why::section;
        continue;
      }
      dropping = false;
    }
    if (opener) {
      dropping = true;
      section_level = heading ? block.level : 7;
      why[b] = Why::section;
      continue;
    }
    if (lead) body_container = t.container_of(block);
  }
}

/// Phase 4: every block's fate under a selection.
std::vector<Why> decide_blocks(const Tree& t, const Selection& s, const Context& ctx) {
  Leads leads;
  std::vector<Why> why = block_rules(t, s, leads);
  mark_article_head(t, ctx, leads, why);
  drop_chrome_sections(t, why);
  return why;
}

double kept_prose(const Tree& t, const std::vector<Why>& why) {
  double prose = 0;
  for (std::size_t b = 0; b < t.blocks.size(); ++b) {
    if (why[b] == Why::kept && t.infos[b].prose) prose += t.infos[b].positive;
  }
  return prose;
}

/// Phase 5: an implausibly small selection gives way to a recall pass that holds more: every
/// prose block outside boilerplate containers; when class hints leave too little of that, a
/// fresh selection scored without them if it holds most of the page's prose (a CMS template
/// that wraps each paragraph in a "*-widget-*"), else every prose block (a thread whose posts
/// are each classed as a comment: no one container holds them).
void recall_fallback(const Tree& t, const Selection& selection, const Context& ctx,
                     Explainer& explain, std::vector<Why>& why) {
  const double kept = kept_prose(t, why);
  const double page_prose = t.page_prose - selection.set_aside;
  if (page_prose < kMinPageProseChars || kept >= kMinBodyShare * page_prose) return;
  const auto all_prose = [&t](const std::vector<Node>* hinted) {
    std::vector<Why> recall(t.blocks.size(), Why::outside);
    for (std::size_t b = 0; b < t.blocks.size(); ++b) {
      const Block& block = t.blocks[b];
      const bool boilerplate =
          hinted != nullptr && (*hinted)[t.container_of(block)].boilerplate_above;
      if (block.role == BlockRole::body && t.infos[b].prose && !boilerplate &&
          !is_chrome_line(t.infos[b])) {
        recall[b] = Why::kept;
      }
    }
    return recall;
  };
  std::vector<Why> recall = all_prose(&selection.nodes);
  std::string_view pass = "all prose outside boilerplate containers";
  if (kept_prose(t, recall) < kMinBodyShare * t.page_prose) {
    Explainer quiet(false, explain.out());
    std::vector<Why> blind = decide_blocks(t, score_containers(t, Hints::ignored, quiet), ctx);
    if (kept_prose(t, blind) >= kMinUnhintedShare * t.page_prose) {
      recall = std::move(blind);
      pass = "a selection scored without class hints";
    } else {
      recall = all_prose(nullptr);
      pass = "all prose, class hints ignored";
    }
  }
  const double recalled = kept_prose(t, recall);
  if (recalled <= kept) return;
  explain.note(
      fmt::format("fallback: selection holds {:.0f} of {:.0f} prose characters; keeping "
                  "{} ({:.0f})",
                  kept, t.page_prose, pass, recalled));
  why = std::move(recall);
}

/// Phase 5c (--favor): precision drops what is least surely the article's (captions, and short
/// fragments that are no sentence, heading, list item, code or table); recall adds every prose
/// block outside boilerplate containers that the selection left out.
void apply_favor(const Tree& t, const Selection& s, Favor favor, Explainer& explain,
                 std::vector<Why>& why) {
  std::size_t changed = 0;
  for (std::size_t b = 0; b < t.blocks.size(); ++b) {
    const Block& block = t.blocks[b];
    const BlockInfo& info = t.infos[b];
    if (favor == Favor::recall && why[b] == Why::outside && block.role == BlockRole::body &&
        info.prose && !s.nodes[t.container_of(block)].boilerplate_above && !is_chrome_line(info)) {
      why[b] = Why::kept;
      ++changed;
    }
    if (favor == Favor::precision && why[b] == Why::kept) {
      const bool fragment = block.kind == BlockKind::paragraph && !info.prose &&
                            info.chars < kMinProseChars && !text::ends_sentence(info.text);
      if (block.kind == BlockKind::caption || fragment) {
        why[b] = Why::precision;
        ++changed;
      }
    }
  }
  if (favor != Favor::balance) {
    explain.note(fmt::format("favor {}: {} {} blocks",
                             favor == Favor::recall ? "recall" : "precision",
                             favor == Favor::recall ? "kept" : "dropped", changed));
  }
}

/// Phase 5b: a page whose selection keeps nothing at all (a link post: a headline, a picture
/// and the link it shares) keeps its headline and what stands beside it: the body blocks of the
/// nearest container around the headline that holds any, climbing a few levels at most.
void headline_fallback(const Tree& t, Explainer& explain, std::vector<Why>& why) {
  if (std::find(why.begin(), why.end(), Why::kept) != why.end()) return;
  const auto headline = std::find_if(t.blocks.begin(), t.blocks.end(), [](const Block& block) {
    return block.role == BlockRole::title;
  });
  if (headline == t.blocks.end()) return;
  const auto keepable = [&t](std::size_t b) {
    return t.blocks[b].role == BlockRole::body && !is_chrome_line(t.infos[b]) &&
           (t.infos[b].chars > 0 || t.blocks[b].kind == BlockKind::image);
  };
  std::size_t around = t.container_of(*headline);
  for (int level = 0; level <= kMaxHeadlineClimb && around != 0; ++level) {
    std::vector<bool> inside(t.size(), false);
    inside[around] = true;
    for (std::size_t c = around + 1; c < t.size(); ++c) inside[c] = inside[t.parent_of(c)];
    std::vector<std::size_t> beside;
    for (std::size_t b = 0; b < t.blocks.size(); ++b) {
      if (inside[t.container_of(t.blocks[b])] && keepable(b)) beside.push_back(b);
    }
    if (!beside.empty()) {
      // The headline is the post here: kept as the body's heading, the Markdown reads whole.
      why[static_cast<std::size_t>(headline - t.blocks.begin())] = Why::kept;
      for (const std::size_t b : beside) why[b] = Why::kept;
      explain.note(
          fmt::format("fallback: nothing selected; keeping the {} blocks beside the "
                      "headline in c{}",
                      beside.size(), around));
      return;
    }
    around = t.parent_of(around);
  }
}

/// Repeated text: a block repeating a caption, or repeating the block kept just before it once
/// (a gallery caption or a teaser shown twice). A run of three or more alike is written on
/// purpose (a refrain, lines of a poem, a child's punishment) and kept whole; repeats further
/// apart are content (interview questions, recipes), except in a thread, where they are quotes
/// of earlier posts and signatures.
void drop_repeats(const Tree& t, std::vector<Why>& why) {
  std::unordered_set<std::string_view> captions;
  std::unordered_set<std::string_view> kept;  // in a thread only
  const bool thread = t.type == PageType::forum;
  std::vector<std::size_t> run;  // kept blocks alike, in a row
  auto end_run = [&] {
    if (run.size() == 2) why[run[1]] = Why::duplicate;
    run.clear();
  };
  for (std::size_t b = 0; b < t.blocks.size(); ++b) {
    const BlockInfo& info = t.infos[b];
    if (t.blocks[b].kind == BlockKind::caption && info.chars > 0) captions.insert(info.text);
    if (why[b] != Why::kept || info.chars < kMinDuplicateChars) continue;
    if (!run.empty() && t.infos[run.front()].text != info.text) end_run();
    run.push_back(b);
    if ((t.blocks[b].kind != BlockKind::caption && captions.contains(info.text)) ||
        (thread && !kept.insert(info.text).second)) {
      why[b] = Why::duplicate;
    }
  }
  end_run();
}

/// Headings left introducing nothing: a heading stays only when kept content follows it before
/// the next heading of the same or a higher level.
void drop_empty_headings(const Tree& t, std::vector<Why>& why) {
  std::array<bool, 8> content{};
  for (std::size_t b = t.blocks.size(); b-- > 0;) {
    if (why[b] != Why::kept) continue;
    if (t.blocks[b].kind != BlockKind::heading) {
      content.fill(true);
      continue;
    }
    const auto level = static_cast<std::size_t>(std::clamp(t.blocks[b].level, 1, 7));
    if (!content.at(level)) why[b] = Why::empty_section;
    std::fill(content.begin() + static_cast<std::ptrdiff_t>(level), content.end(), false);
  }
}

}  // namespace

std::vector<Block> select_html_content(Page& page, const Metadata& meta,
                                       const ExtractOptions& options,
                                       std::vector<Diagnostic>& diagnostics, PageType type) {
  Explainer explain(options.explain, diagnostics);
  auto& blocks = page.blocks;
  if (page.containers.empty()) page.containers.push_back(Container{});

  std::vector<BlockInfo> infos;
  infos.reserve(blocks.size());
  double page_prose = 0;
  for (const auto& block : blocks) {
    infos.push_back(measure(block));
    if (infos.back().prose) page_prose += infos.back().positive;
  }
  const Tree tree{blocks, page.containers, infos, page_prose, type};

  Context ctx;
  ctx.title = title_key(meta.title);
  for (const auto& author : meta.authors) ctx.authors.push_back(fold(author));
  if (meta.date.size() >= 4) ctx.year = meta.date.substr(0, 4);

  const Selection selection = score_containers(tree, Hints::trusted, explain);
  std::vector<Why> why = decide_blocks(tree, selection, ctx);
  recall_fallback(tree, selection, ctx, explain, why);
  apply_favor(tree, selection, options.favor, explain, why);
  headline_fallback(tree, explain, why);
  drop_repeats(tree, why);
  drop_empty_headings(tree, why);

  // Phase 6: output, with the reasons when explaining. The kept blocks move to the front of
  // the page's own vector: no second array of blocks (a page of a million paragraphs).
  std::size_t kept = 0;
  std::size_t outside = 0;
  const std::size_t total = blocks.size();
  for (std::size_t b = 0; b < total; ++b) {
    if (why[b] == Why::kept) {
      if (kept != b) blocks[kept] = std::move(blocks[b]);
      ++kept;
    } else if (why[b] == Why::outside) {
      ++outside;
    } else {
      explain.note(fmt::format("dropped block {} ({} in c{}) by rule {}: \"{}\"", b,
                               clipdown::to_string(blocks[b].kind), blocks[b].container,
                               rule_name(why[b], blocks[b]), explain_quote(infos[b].text)));
    }
  }
  explain.note(fmt::format("kept {} of {} blocks; {} outside the selection", kept, total, outside));
  blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(kept), blocks.end());
  return std::move(blocks);
}

}  // namespace clipdown::detail
