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
//    into chunks) join it.
// 4. Inside the selection, blocks are pruned: non-body roles, boilerplate sub-containers, chrome
//    phrases ("Continue reading", "Advertisement"), share bars, calls to action, photo credits,
//    link lists, the headline with its kicker and the byline/date lines around the lead,
//    related/comment sections after their opening heading, repeated captions, and headings left
//    introducing nothing.
// 5. When the selection is implausibly small next to the page's prose, a recall-oriented pass
//    keeps every prose block outside boilerplate containers instead.
// Everything is linear in blocks + containers + text (ancestor walks have a fixed bound).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fmt/core.h>

#include "extract_internal.hpp"
#include "extract_rules.hpp"

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
// How much of a boilerplate container's prose counts against its ancestors.
constexpr double kNegativeSubtreeFactor = 1.0;
// The winner climbs at most this many levels to a content-hinted ancestor...
constexpr std::size_t kClimbDepth = 3;
// ...that holds at least this much more prose...
constexpr double kClimbMinGain = 1.1;
// ...with at most this much boilerplate evidence per prose character.
constexpr double kClimbMaxBoilerplate = 0.15;
// Containers with the winner's tag and hints join it when their lowest common ancestor is at
// most this many levels above either.
constexpr std::size_t kPeerDepth = 8;
// A peer joins only with at most this much boilerplate evidence per prose character.
constexpr double kPeerMaxBoilerplate = 0.25;
// A sibling joins the winner when its net evidence reaches this share of the winner's...
constexpr double kSiblingMinShare = 0.2;
// ...and at least this many characters.
constexpr double kSiblingMinChars = 100;
// A prose block directly in the winner's parent joins it when at least this long.
constexpr double kSiblingParagraphChars = 80;
// A boilerplate sub-container inside the selection is pruned only while its prose is below this
// share of the selection's prose (a wrongly hinted wrapper of the article itself stays).
constexpr double kMaxPrunedShare = 0.3;
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

std::string quote(std::string_view text) {
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
    for (const auto stem : rules::kNegativeStems) {
      if (!embed && token.find(stem) != std::string_view::npos) negative = true;
    }
    for (const auto stem : rules::kStrongPositiveStems) {
      if (token.find(stem) != std::string_view::npos) strong = true;
    }
    for_each_word(token, [&](std::string_view word) {
      if (contains(rules::kNegativeWords, word)) negative = true;
      if (contains(rules::kPositiveWords, word)) positive = true;
    });
  }
  if (negative) return Hint::negative;
  if (strong) return Hint::strong;
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

bool is_credit(const Block& block, const BlockInfo& info) {
  if (block.kind == BlockKind::caption || info.text.size() > kMaxCreditChars) return false;
  const std::string_view folded = info.folded;
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
    for (const auto prefix : rules::kBylinePrefixes) {
      if (info.folded.starts_with(prefix)) return true;
    }
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

}  // namespace

// NOLINTNEXTLINE(readability-function-cognitive-complexity): six phases share node tables
std::vector<Block> select_html_content(Page& page, const Metadata& meta,
                                       const ExtractOptions& options,
                                       std::vector<Diagnostic>& diagnostics) {
  Explainer explain(options.explain, diagnostics);
  auto& blocks = page.blocks;
  auto& containers = page.containers;
  if (containers.empty()) containers.push_back(Container{});
  const std::size_t n = containers.size();
  const auto container_of = [n](const Block& block) {
    return block.container < n ? block.container : 0U;
  };

  // 1. Containers' hints; blocks' measures, summed into their own container.
  std::vector<Node> nodes(n);
  for (std::size_t i = 0; i < n; ++i) nodes[i].hint = classify(containers[i]);
  std::vector<BlockInfo> infos;
  infos.reserve(blocks.size());
  double page_prose = 0;
  for (const auto& block : blocks) {
    infos.push_back(measure(block));
    const BlockInfo& info = infos.back();
    Node& node = nodes[container_of(block)];
    node.positive += info.positive;
    node.negative += info.negative;
    if (info.prose) node.prose += info.positive;
    if (block.kind == BlockKind::image || block.kind == BlockKind::caption) {
      ++node.media;
    } else if (info.chars > 0) {
      ++node.other;
    }
    page_prose += info.prose ? info.positive : 0;
  }

  // 2. Bottom-up sums (children have larger indices than their parents). First all prose, so
  // that a boilerplate hint on a wrapper of most of the page's prose is ignored ("page
  // has-sidebar"); then the evidence, with boilerplate subtrees counting against their parents.
  const auto parent_of = [&](std::size_t i) {
    return i == 0 ? 0 : (containers[i].parent < i ? containers[i].parent : 0);
  };
  for (std::size_t i = n; i-- > 1;) {
    Node& up = nodes[parent_of(i)];
    up.prose += nodes[i].prose;
    up.media += nodes[i].media;
    up.other += nodes[i].other;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (nodes[i].hint == Hint::negative && nodes[i].prose > kMaxBoilerplateShare * page_prose) {
      nodes[i].hint = Hint::none;
    }
  }
  for (std::size_t i = n; i-- > 1;) {
    const Node& node = nodes[i];
    Node& up = nodes[parent_of(i)];
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
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const BlockInfo& info = infos[b];
    if (info.positive == 0 && info.negative == 0) continue;
    std::size_t c = container_of(blocks[b]);
    bool boilerplate = false;
    for (std::size_t d = 0; d < kScoreDepth; ++d) {
      boilerplate = boilerplate || nodes[c].hint == Hint::negative;
      const double decay = kScoreDecay.at(d);
      nodes[c].local +=
          decay * (boilerplate ? -info.positive * kNegativeSubtreeFactor - info.negative
                               : info.positive - info.negative);
      if (c == 0) break;
      c = parent_of(c);
    }
  }
  // Scores, top-down so that a container inside boilerplate is scored as boilerplate.
  for (std::size_t i = 0; i < n; ++i) {
    Node& node = nodes[i];
    node.boilerplate_above =
        node.hint == Hint::negative || (i != 0 && nodes[parent_of(i)].boilerplate_above);
    const double net = node.local;
    const double factor =
        node.boilerplate_above ? kNegativeHintFactor : hint_factor(node.hint, containers[i]);
    node.score = net > 0 ? net * factor : net;
  }

  // 3. The winner: best score; on a tie the later (deeper) container.
  std::size_t winner = 0;
  for (std::size_t i = n; i-- > 0;) {
    if (nodes[i].score > nodes[winner].score) winner = i;
  }
  const std::size_t best = winner;

  // Climb to a content-hinted ancestor that holds clearly more prose with little boilerplate
  // (an article split into several columns or chunks under one "article-body").
  {
    std::size_t at = winner;
    for (std::size_t d = 0; d < kClimbDepth && at != 0; ++d) {
      at = parent_of(at);
      const Node& up = nodes[at];
      if (up.boilerplate_above) break;
      const bool content = up.hint == Hint::positive || up.hint == Hint::strong ||
                           contains(rules::kPositiveTags, containers[at].tag);
      if (content && up.positive >= kClimbMinGain * nodes[winner].positive &&
          up.negative <= kClimbMaxBoilerplate * up.positive) {
        winner = at;
      }
    }
  }
  explain.note(fmt::format("winner: {}", describe(containers, nodes, winner)));
  if (winner != best)
    explain.note(fmt::format("  climbed from {}", describe(containers, nodes, best)));
  nodes[winner].selected = true;
  std::vector<bool> root(n, false);
  root[winner] = true;
  double selection_prose = nodes[winner].prose;

  // Siblings with strong prose of their own join the winner.
  bool parent_paragraphs = false;
  if (winner != 0) {
    const std::size_t parent = parent_of(winner);
    const double need = std::max(kSiblingMinChars, kSiblingMinShare * nodes[winner].positive);
    for (std::size_t i = parent + 1; i < n; ++i) {
      if (i == winner || parent_of(i) != parent || nodes[i].boilerplate_above) continue;
      if (nodes[i].positive - nodes[i].negative >= need) {
        root[i] = true;
        explain.note(fmt::format("sibling joins: {}", describe(containers, nodes, i)));
      } else if (nodes[i].media > 0 && nodes[i].other == 0) {
        root[i] = true;  // the lead figure next to the article body
        explain.note(fmt::format("figure sibling joins: {}", describe(containers, nodes, i)));
      }
    }
    parent_paragraphs = !nodes[parent].boilerplate_above;
  }

  // Peers: containers with the winner's exact tag and hints a few levels away (the same
  // template used for each chunk of a long article).
  if (winner != 0 && !containers[winner].hints.empty()) {
    std::vector<std::uint8_t> near(n, 0);  // distance + 1 above the winner, 0: not near
    for (std::size_t at = winner, d = 1; d <= kPeerDepth && at != 0; ++d) {
      at = parent_of(at);
      near[at] = static_cast<std::uint8_t>(d);
    }
    for (std::size_t i = 1; i < n; ++i) {
      if (root[i] || nodes[i].boilerplate_above || containers[i].tag != containers[winner].tag ||
          containers[i].hints != containers[winner].hints || nodes[i].positive <= 0 ||
          nodes[i].negative > kPeerMaxBoilerplate * nodes[i].positive) {
        continue;
      }
      bool joined = false;
      for (std::size_t at = i, d = 0; d < kPeerDepth && at != 0 && !joined; ++d) {
        at = parent_of(at);
        joined = near[at] != 0 && at != 0;
      }
      if (joined) {
        root[i] = true;
        explain.note(fmt::format("peer joins: {}", describe(containers, nodes, i)));
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (root[i] && i != winner) {
      nodes[i].selected = true;
      selection_prose += nodes[i].prose;
    }
  }

  // Selection and pruning flags, top-down.
  for (std::size_t i = 0; i < n; ++i) {
    Node& node = nodes[i];
    const std::size_t parent = parent_of(i);
    const Node* up = i == 0 ? nullptr : &nodes[parent];
    if (!root[i] && up != nullptr) {
      node.selected = up->selected;
      node.pruned = up->pruned || (node.selected && node.hint == Hint::negative &&
                                   node.prose < kMaxPrunedShare * selection_prose);
    }
  }

  if (explain.enabled()) {
    // Runner-up: the best container that is neither an ancestor nor a descendant of the winner.
    std::vector<bool> ancestor(n, false);
    for (std::size_t i = winner; i != 0;) {
      i = parent_of(i);
      ancestor[i] = true;
    }
    std::vector<bool> below(n, false);
    below[winner] = true;
    std::size_t runner = n;
    for (std::size_t i = 0; i < n; ++i) {
      if (i != winner && i != 0) below[i] = below[parent_of(i)];
      if (ancestor[i] || below[i]) continue;
      if (runner == n || nodes[i].score > nodes[runner].score) runner = i;
    }
    if (runner < n) explain.note(fmt::format("runner-up: {}", describe(containers, nodes, runner)));
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    const std::size_t shown = std::min(n, kExplainCandidates);
    std::partial_sort(
        order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
        [&](std::size_t a, std::size_t b) { return nodes[a].score > nodes[b].score; });
    for (std::size_t k = 0; k < shown; ++k) {
      explain.note(fmt::format("candidate {}: {} in c{}", k + 1,
                               describe(containers, nodes, order[k]), parent_of(order[k])));
    }
  }

  // 4. Block decisions.
  Context ctx;
  ctx.title = title_key(meta.title);
  for (const auto& author : meta.authors) ctx.authors.push_back(fold(author));
  if (meta.date.size() >= 4) ctx.year = meta.date.substr(0, 4);

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
    empty_section
  };
  std::vector<Why> why(blocks.size(), Why::kept);
  // Link-dense blocks go when nearly all link or next to another link-dense block (a list of
  // links); a single list item with a link in running text stays.
  const auto link_dense = [&](std::size_t b) {
    return b < blocks.size() && infos[b].chars > 0 &&
           infos[b].links > kMaxKeptLinkDensity * infos[b].chars &&
           blocks[b].kind != BlockKind::table && blocks[b].kind != BlockKind::image;
  };
  std::size_t first_lead = blocks.size();
  std::size_t last_lead = blocks.size();
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const Block& block = blocks[b];
    const BlockInfo& info = infos[b];
    const std::size_t c = container_of(block);
    const Node& node = nodes[c];
    const bool in_parent = parent_paragraphs && c == parent_of(winner) && info.prose &&
                           info.chars >= kSiblingParagraphChars;
    if (!node.selected && !in_parent) {
      why[b] = Why::outside;
    } else if (block.role != BlockRole::body) {
      why[b] = Why::role;
    } else if (block.kind == BlockKind::caption && !kKeepCaptions) {
      why[b] = Why::caption;
    } else if (node.pruned) {
      why[b] = Why::boilerplate;
    } else if (is_chrome_line(info) || is_share_bar(info) || is_slide_counter(info) ||
               is_call_to_action(info)) {
      why[b] = Why::chrome;
    } else if (is_credit(block, info)) {
      why[b] = Why::credit;
    } else if (link_dense(b) && (infos[b].links >= kAllLinkDensity * infos[b].chars ||
                                 (b > 0 && link_dense(b - 1)) || link_dense(b + 1))) {
      why[b] = Why::links;
    }
    if (why[b] == Why::kept && info.prose && info.chars >= kLeadProseChars) {
      if (first_lead == blocks.size()) first_lead = b;
      last_lead = b;
    }
  }

  // Headline, kicker, byline and date lines before the first lead paragraph.
  std::size_t headline = blocks.size();
  for (std::size_t b = 0; b < first_lead && b < blocks.size(); ++b) {
    const bool title_role = why[b] == Why::role && blocks[b].role == BlockRole::title;
    if ((why[b] != Why::kept && !title_role) || blocks[b].kind != BlockKind::heading) continue;
    if (title_role || titles_match(title_key(infos[b].text), ctx.title) || blocks[b].level == 1) {
      headline = b;
      if (why[b] == Why::kept) why[b] = Why::headline;
      break;
    }
  }
  for (std::size_t b = 0; b < first_lead && b < blocks.size(); ++b) {
    if (why[b] != Why::kept) continue;
    if (b < headline && headline < blocks.size() && !infos[b].prose) {
      why[b] = Why::kicker;
    } else if (is_byline(infos[b], ctx)) {
      why[b] = Why::byline;
    } else if (is_dateline(infos[b], ctx)) {
      why[b] = Why::dateline;
    }
  }
  // Byline and date lines after the last lead paragraph.
  for (std::size_t b = last_lead == blocks.size() ? blocks.size() : last_lead + 1;
       b < blocks.size(); ++b) {
    if (why[b] != Why::kept) continue;
    if (is_byline(infos[b], ctx)) {
      why[b] = Why::byline;
    } else if (is_dateline(infos[b], ctx)) {
      why[b] = Why::dateline;
    }
  }

  // Sections that are chrome: a heading (or short line) such as "Related stories" or "You may
  // also like" drops what follows up to the next heading of its level, unless the article's
  // own container resumes with prose.
  {
    bool dropping = false;
    int section_level = 0;
    std::size_t body_container = n;  // container of the last kept lead paragraph
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const Block& block = blocks[b];
      const BlockInfo& info = infos[b];
      const bool heading = block.kind == BlockKind::heading;
      if (why[b] == Why::chrome && (heading || info.folded.size() <= kMaxSectionLineChars) &&
          is_section_start(info)) {
        dropping = true;  // "Related stories" already dropped as a chrome line opens a section
        section_level = heading ? block.level : 7;
        continue;
      }
      if (why[b] != Why::kept) continue;
      const bool lead = info.prose && info.chars >= kLeadProseChars;
      if (dropping) {
        const bool resumes = (heading && block.level <= section_level && !is_section_start(info)) ||
                             (lead && container_of(block) == body_container);
        if (!resumes) {
          why[b] = Why::section;
          continue;
        }
        dropping = false;
      }
      if ((heading || info.folded.size() <= kMaxSectionLineChars) && is_section_start(info)) {
        dropping = true;
        section_level = heading ? block.level : 7;
        why[b] = Why::section;
        continue;
      }
      if (lead) body_container = container_of(block);
    }
  }

  // 5. Fallback: an implausibly small selection gives way to every prose block outside
  // boilerplate containers.
  double kept_prose = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (why[b] == Why::kept && infos[b].prose) kept_prose += infos[b].positive;
  }
  if (page_prose >= kMinPageProseChars && kept_prose < kMinBodyShare * page_prose) {
    explain.note(fmt::format(
        "fallback: selection holds {:.0f} of {:.0f} prose characters; keeping all prose",
        kept_prose, page_prose));
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const Block& block = blocks[b];
      const bool keep = block.role == BlockRole::body && infos[b].prose &&
                        !nodes[container_of(block)].boilerplate_above && !is_chrome_line(infos[b]);
      if (keep) {
        why[b] = Why::kept;
      } else if (why[b] == Why::kept) {
        why[b] = Why::outside;
      }
    }
  }

  // Repeated text: a block repeating a caption, or the block kept just before it (gallery
  // captions shown twice). Repeats further apart are content (interview questions, recipes).
  {
    std::unordered_set<std::string_view> captions;
    std::string_view previous;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      if (blocks[b].kind == BlockKind::caption && infos[b].chars > 0) {
        captions.insert(infos[b].text);
      }
      if (why[b] != Why::kept || infos[b].chars < kMinDuplicateChars) continue;
      if (infos[b].text == previous ||
          (blocks[b].kind != BlockKind::caption && captions.contains(infos[b].text))) {
        why[b] = Why::duplicate;
      }
      previous = infos[b].text;
    }
  }

  // Headings left introducing nothing: a heading stays only when kept content follows it
  // before the next heading of the same or a higher level.
  {
    std::array<bool, 8> content{};
    for (std::size_t b = blocks.size(); b-- > 0;) {
      if (why[b] != Why::kept) continue;
      if (blocks[b].kind != BlockKind::heading) {
        content.fill(true);
        continue;
      }
      const auto level = static_cast<std::size_t>(std::clamp(blocks[b].level, 1, 7));
      if (!content.at(level)) why[b] = Why::empty_section;
      std::fill(content.begin() + static_cast<std::ptrdiff_t>(level), content.end(), false);
    }
  }

  // 6. Output, with the reasons when explaining.
  std::vector<Block> out;
  std::size_t outside = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (why[b] == Why::kept) {
      out.push_back(std::move(blocks[b]));
      continue;
    }
    if (!explain.enabled()) continue;
    std::string_view rule;
    switch (why[b]) {
      case Why::kept:
        break;
      case Why::outside:
        ++outside;
        continue;
      case Why::role:
        rule = to_string(blocks[b].role);
        break;
      case Why::boilerplate:
        rule = "boilerplate container";
        break;
      case Why::chrome:
        rule = "chrome phrase";
        break;
      case Why::links:
        rule = "link-dense";
        break;
      case Why::headline:
        rule = "headline";
        break;
      case Why::kicker:
        rule = "before headline";
        break;
      case Why::byline:
        rule = "byline";
        break;
      case Why::dateline:
        rule = "dateline";
        break;
      case Why::caption:
        rule = "caption";
        break;
      case Why::credit:
        rule = "photo credit";
        break;
      case Why::duplicate:
        rule = "repeated text";
        break;
      case Why::section:
        rule = "chrome section";
        break;
      case Why::empty_section:
        rule = "heading of a pruned section";
        break;
    }
    explain.note(fmt::format("dropped block {} ({} in c{}) by rule {}: \"{}\"", b,
                             clipdown::to_string(blocks[b].kind), blocks[b].container, rule,
                             quote(infos[b].text)));
  }
  explain.note(fmt::format("kept {} of {} blocks; {} outside the selection", out.size(),
                           blocks.size(), outside));
  return out;
}

}  // namespace clipdown::detail
