// The page type, decided before extraction from structural evidence only (never a site's words
// or class names):
//   1. schema.org types the page declares (JSON-LD "@type", microdata itemtype): a
//      DiscussionForumPosting or QAPage is a thread, an APIReference documentation, a
//      CollectionPage or SearchResultsPage a listing;
//   2. repetition: disjoint containers of one template (tag and class tokens) that hold most of
//      the page's prose — posts, each with text of its own (a thread), or many short linked
//      teasers (a listing);
//   3. code without a byline: a page with a real share of code blocks that credits no author
//      and no publication date (documentation).
// Linear in blocks + containers (the ancestor walks have a fixed bound).

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>

#include "extract_internal.hpp"
#include "text_rules.hpp"

namespace clipdown::detail {

namespace {

// A block with at least this many non-space characters, at most kMaxProseLinkShare linked, is
// prose (the extractor's own measure, simplified).
constexpr double kMinProseChars = 30;
constexpr double kMaxProseLinkShare = 0.35;
// Containers of one template count as repeats only when none sits this close below another.
constexpr std::size_t kNestingDepth = 16;
// A post has at least one line shorter than this beside its prose (author, date, actions).
constexpr double kMaxMetaChars = 80;
// A thread: at least this many posts with prose...
constexpr std::size_t kMinPosts = 3;
// ...that together hold this share of the page's prose...
constexpr double kMinPostsShare = 0.5;
// ...with no one post holding more than this share of them (an article and two comments).
constexpr double kMaxLeadPostShare = 0.6;
// A listing: at least this many linked teasers...
constexpr std::size_t kMinTeasers = 6;
// ...that are most of their template's repeats, hold this share of the page's characters, have
// this share linked (a headline link and a summary, not paragraphs that cite a source)...
constexpr double kMinTeasersShare = 0.6;
constexpr double kMinTeasersLinkShare = 0.15;
// ...and this little prose each on average. A teaser has text of its own beside its links (a
// related-links list of bare headlines on an article page is not a listing).
constexpr double kMaxTeaserLinkShare = 0.9;
constexpr double kMaxTeaserProse = 250;
// Documentation: this share of the page's characters in code blocks, on a page that credits no
// author and no date (a manual page is maintained, not published; a tutorial post with code has
// a byline or a date).
constexpr double kMinCodeShare = 0.05;

// schema.org types and the page type each declares.
struct SchemaType {
  std::string_view name;  // lowercase
  PageType type;
};
constexpr auto kSchemaTypes = std::to_array<SchemaType>({
    {"discussionforumposting", PageType::forum},
    {"qapage", PageType::forum},
    {"apireference", PageType::documentation},
    {"collectionpage", PageType::listing},
    {"searchresultspage", PageType::listing},
});

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Non-space code points of `s` (ASCII white space; a rare NBSP counts as a character).
double count_chars(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0U) != 0x80U && !text::is_space(byte)) ++n;
  }
  return static_cast<double>(n);
}

/// Whether a short line names a time: a digit beside a year, a month name, "ago" or a clock
/// time ("Mar 3, 2024", "3 years ago", "10:42").
bool names_time(std::string_view line) {
  const std::string folded = text::fold(line);
  if (folded.find_first_of("0123456789") == std::string::npos) return false;
  for (std::size_t i = 0; i + 4 <= folded.size(); ++i) {
    if ((folded[i] == '1' && folded[i + 1] == '9') || (folded[i] == '2' && folded[i + 1] == '0')) {
      if (is_digit(folded[i + 2]) && is_digit(folded[i + 3])) return true;
    }
  }
  if (folded.find(" ago") != std::string::npos || folded.find(':') != std::string::npos) {
    return true;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    // Words are runs of letters; bytes of multi-byte characters count as letters ("février").
    if (i < folded.size() && ((folded[i] >= 'a' && folded[i] <= 'z') ||
                              (static_cast<unsigned char>(folded[i]) & 0x80U) != 0)) {
      continue;
    }
    const std::string_view word(folded.data() + start, i - start);
    if (std::find(text::kMonths.begin(), text::kMonths.end(), word) != text::kMonths.end()) {
      return true;
    }
    start = i + 1;
  }
  return false;
}

const SchemaType* schema_type(std::string_view name) {
  const std::string folded = text::fold(name);
  for (const auto& known : kSchemaTypes) {
    if (known.name == folded) return &known;
  }
  return nullptr;
}

/// The first type among space-separated schema.org type names or URLs ("https://schema.org/QAPage
/// http://schema.org/WebPage") that names a page type.
const SchemaType* schema_type_in(std::string_view types) {
  while (!types.empty()) {
    const std::size_t space = types.find(' ');
    std::string_view type = types.substr(0, space);
    while (!type.empty() && (type.back() == '/' || type.back() == '#')) type.remove_suffix(1);
    if (const std::size_t cut = type.find_last_of("/#"); cut != std::string_view::npos) {
      type.remove_prefix(cut + 1);
    }
    if (const SchemaType* known = schema_type(type)) return known;
    if (space == std::string_view::npos) break;
    types.remove_prefix(space + 1);
  }
  return nullptr;
}

/// The first "@type" value of a JSON-LD text (a string or an array of strings) that names a
/// page type. A scan, not a parse: a type is a quoted string right after the key.
const SchemaType* schema_type_in_jsonld(std::string_view json) {
  constexpr std::string_view kKey = "\"@type\"";
  for (std::size_t at = json.find(kKey); at != std::string_view::npos;
       at = json.find(kKey, at + 1)) {
    std::size_t i = at + kKey.size();
    while (i < json.size() &&
           (text::is_space(static_cast<unsigned char>(json[i])) || json[i] == ':'))
      ++i;
    const bool array = i < json.size() && json[i] == '[';
    const std::size_t end = array ? json.find(']', i) : json.find_first_of(",}", i);
    const std::string_view value = json.substr(i, end == std::string_view::npos ? 0 : end - i);
    for (std::size_t q = value.find('"'); q != std::string_view::npos;) {
      const std::size_t close = value.find('"', q + 1);
      if (close == std::string_view::npos) break;
      if (const SchemaType* type = schema_type_in(value.substr(q + 1, close - q - 1))) {
        return type;
      }
      q = value.find('"', close + 1);
    }
  }
  return nullptr;
}

/// The first declared schema.org type that names a page type: JSON-LD "@type" values, then
/// microdata itemtypes (from "itemtype" hints, then from container hints, which hold itemtype
/// tails among class tokens and also cover markup read in a second pass, such as a <noscript>
/// crawler view, whose hints are not collected again).
/// The first declared type in the hints alone: JSON-LD "@type" values, then microdata
/// itemtypes.
const SchemaType* declared_in_hints(const std::vector<MetaHint>& hints) {
  for (const auto& hint : hints) {
    if (hint.key != "jsonld") continue;
    if (const SchemaType* type = schema_type_in_jsonld(hint.value)) return type;
  }
  for (const auto& hint : hints) {
    if (hint.key != "itemtype") continue;
    if (const SchemaType* type = schema_type_in(hint.value)) return type;
  }
  return nullptr;
}

const SchemaType* declared_type(const Page& page) {
  if (const SchemaType* type = declared_in_hints(page.hints)) return type;
  for (const auto& container : page.containers) {
    if (const SchemaType* type = schema_type_in(container.hints)) return type;
  }
  return nullptr;
}

/// What each container's subtree holds.
struct Measure {
  double chars = 0;      ///< non-space characters of body blocks
  double prose = 0;      ///< characters of prose blocks
  double links = 0;      ///< linked characters
  std::size_t meta = 0;  ///< short lines beside the prose: a post's author, date, actions
};

/// One template's disjoint repeats.
struct Repeats {
  std::size_t count = 0;    ///< containers with any text
  std::size_t posts = 0;    ///< containers with prose
  std::size_t teasers = 0;  ///< containers with text and a link, little prose
  double chars = 0;         ///< their characters
  double prose = 0;         ///< their prose
  double links = 0;         ///< their linked characters
  double post_prose = 0;    ///< the posts' prose
  double lead = 0;          ///< the largest post's prose
};

bool same_template(const Container& a, const Container& b) {
  return a.tag == b.tag && a.hints == b.hints;
}

/// Each template's repeats, counting a container only when no container of its template sits
/// a few levels above it (a grid's nested "row" wrappers count once).
std::unordered_map<std::string, Repeats> repeated_templates(const Page& page,
                                                            const std::vector<Measure>& measures) {
  const auto& containers = page.containers;
  std::unordered_map<std::string, Repeats> out;
  for (std::size_t i = 1; i < containers.size(); ++i) {
    const Container& c = containers[i];
    if (c.hints.empty() || c.tag == "body" || c.tag == "html" || measures[i].chars == 0) continue;
    bool nested = false;
    for (std::size_t at = i, d = 0; d < kNestingDepth && at != 0 && !nested; ++d) {
      at = containers[at].parent < at ? containers[at].parent : 0;
      nested = at != 0 && same_template(containers[at], c);
    }
    if (nested) continue;
    Repeats& r = out[c.tag + ' ' + c.hints];
    const Measure& m = measures[i];
    ++r.count;
    r.chars += m.chars;
    r.prose += m.prose;
    r.links += m.links;
    if (m.prose >= kMinProseChars && m.meta > 0) {
      ++r.posts;
      r.post_prose += m.prose;
      r.lead = std::max(r.lead, m.prose);
    }
    if (m.links > 0 && m.links <= kMaxTeaserLinkShare * m.chars && m.prose < kMaxTeaserProse) {
      ++r.teasers;
    }
  }
  return out;
}

/// Each container's measure, its subtree's included (index 0: the whole page), and the
/// characters of code blocks.
std::vector<Measure> measure_containers(const Page& page, double& code) {
  const auto& containers = page.containers;
  std::vector<Measure> measures(std::max<std::size_t>(containers.size(), 1));
  for (const auto& block : page.blocks) {
    if (block.role != BlockRole::body) continue;
    double chars = 0;
    double links = 0;
    const auto add = [&](const std::vector<Span>& spans) {
      for (const auto& span : spans) {
        const double n = count_chars(span.text);
        chars += n;
        if (span.kind == SpanKind::link) links += n;
      }
    };
    add(block.spans);
    for (const auto& row : block.rows) {
      for (const auto& cell : row) add(cell);
    }
    if (block.kind == BlockKind::code) code += chars;
    Measure& m = measures[block.container < measures.size() ? block.container : 0];
    m.chars += chars;
    m.links += links;
    if (chars >= kMinProseChars && links <= kMaxProseLinkShare * chars) {
      m.prose += chars;
    } else if (chars > 0 && chars < kMaxMetaChars && block.kind != BlockKind::heading &&
               block.kind != BlockKind::caption && names_time(plain_text(block.spans))) {
      ++m.meta;
    }
  }
  for (std::size_t i = measures.size(); i-- > 1;) {
    const std::size_t up =
        i < containers.size() && containers[i].parent < i ? containers[i].parent : 0;
    measures[up].chars += measures[i].chars;
    measures[up].prose += measures[i].prose;
    measures[up].links += measures[i].links;
    measures[up].meta += measures[i].meta;
  }
  return measures;
}

/// Whether a template's repeats are the posts of a thread.
bool is_thread(const Repeats& r, const Measure& page) {
  return r.posts >= kMinPosts && r.post_prose >= kMinPostsShare * page.prose &&
         r.lead <= kMaxLeadPostShare * r.post_prose;
}

/// Whether a template's repeats are the teasers of a listing.
bool is_listing(const Repeats& r, const Measure& page) {
  return r.teasers >= kMinTeasers && 2 * r.teasers >= r.count &&
         r.links >= kMinTeasersLinkShare * r.chars && r.chars >= kMinTeasersShare * page.chars &&
         r.prose <= kMaxTeaserProse * static_cast<double>(r.count);
}

}  // namespace

bool declares_thread(const std::vector<MetaHint>& hints) {
  const SchemaType* type = declared_in_hints(hints);
  return type != nullptr && type->type == PageType::forum;
}

PageVerdict decide_page_type(const Page& page, const Metadata& meta) {
  const SchemaType* declared = declared_type(page);
  if (declared != nullptr) {
    return {declared->type, fmt::format("schema.org type {}", declared->name)};
  }
  double code = 0;
  const std::vector<Measure> measures = measure_containers(page, code);
  const Measure& page_measure = measures[0];
  const auto templates = repeated_templates(page, measures);
  const Repeats* thread = nullptr;
  const Repeats* listing = nullptr;
  for (const auto& [sig, r] : templates) {
    if (is_thread(r, page_measure) && (thread == nullptr || r.post_prose > thread->post_prose)) {
      thread = &r;
    }
    if (is_listing(r, page_measure) && (listing == nullptr || r.chars > listing->chars)) {
      listing = &r;
    }
  }
  const double code_share = page_measure.chars > 0 ? code / page_measure.chars : 0;
  // A manual's entries repeat one template too (a method, its text and example): code on a
  // page that credits nobody and no date says documentation before repetition says thread.
  if (code_share >= kMinCodeShare && meta.authors.empty() && meta.date.empty()) {
    return {PageType::documentation,
            fmt::format("{:.0f}% of the text is code, no author or date", 100 * code_share)};
  }
  if (thread != nullptr) {
    return {PageType::forum,
            fmt::format("{} posts of one template hold {:.0f}% of the prose", thread->posts,
                        100 * thread->post_prose / page_measure.prose)};
  }
  if (listing != nullptr) {
    return {PageType::listing,
            fmt::format("{} linked teasers of one template hold {:.0f}% of the text",
                        listing->teasers, 100 * listing->chars / page_measure.chars)};
  }
  return {PageType::article, "no thread, listing or documentation evidence"};
}

}  // namespace clipdown::detail
