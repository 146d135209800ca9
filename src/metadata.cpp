// Metadata resolution: one ranked rule per field over the hints the tokenizers collected.

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "clipdown/extract.hpp"
#include "extract_internal.hpp"
#include "metadata_internal.hpp"

namespace clipdown {
namespace {

using meta::clean_text;
using meta::loose_key;
using meta::lower_ascii;

// Title sources, highest first ("jsonld:*" keys are synthesised from the JSON-LD blocks).
constexpr auto kTitleKeys = std::to_array<std::string_view>({
    "jsonld:headline",
    "meta:og:title",
    "meta:twitter:title",
    "meta:title",
    "meta:parsely-title",
    "meta:sailthru.title",
    "meta:dc.title",
    "meta:headline",
    "itemprop:headline",
    "jsonld:page",
    "html:title",
    "text:title",
});
// Author sources, highest first: the first giving a person wins.
constexpr auto kAuthorKeys = std::to_array<std::string_view>({
    "jsonld:author",
    "meta:author",
    "meta:article:author",
    "meta:parsely-author",
    "meta:sailthru.author",
    "meta:byl",
    "meta:dc.creator",
    "meta:twitter:author",
    "itemprop:author.name",
    "itemprop:author",
    "title:byline",
    "rel:author",
    "html:byline",
    "href:author",
    "text:byline",
    "html:visiblebyline",
});
// Author sources that are visible on the page: only their first useful value counts (later
// ones are related stories), and a longer visible list extends a metadata list.
constexpr auto kVisibleAuthorKeys = std::to_array<std::string_view>({
    "rel:author",
    "html:byline",
    "href:author",
    "text:byline",
    "html:visiblebyline",
});
// Published-date sources, highest first (never a modified date).
constexpr auto kDateKeys = std::to_array<std::string_view>({
    "jsonld:datepublished",
    "meta:article:published_time",
    "meta:article:published",
    "meta:article.published",
    "meta:og:published_time",
    "meta:published_time",
    "meta:datepublished",
    "meta:date",
    "meta:pubdate",
    "meta:og:pubdate",
    "meta:pub_date",
    "meta:publish-date",
    "meta:published-date",
    "meta:publication_date",
    "meta:publishdate",
    "meta:published_at",
    "meta:published",
    "meta:parsely-pub-date",
    "meta:sailthru.date",
    "meta:dc.date.issued",
    "meta:dcterms.date",
    "meta:dc.date",
    "meta:article_date_original",
    "meta:pdate",
    "itemprop:datepublished",
    "time:datetime",
    "meta:datecreated",
    "itemprop:datecreated",
    "meta:dcterms.created",
    "time:text",
    "html:dateline",
    "text:dateline",
    "html:byline",
    "text:byline",
    "html:shortdate",
});
// Visible dates: they say the local day when metadata gives only a UTC time.
constexpr auto kVisibleDateKeys = std::to_array<std::string_view>({
    "time:text",
    "html:dateline",
    "text:dateline",
    "html:byline",
    "text:byline",
    "html:shortdate",
});
// Modification times: never a publication date, but their offset names the site's zone.
constexpr auto kModifiedDateKeys = std::to_array<std::string_view>({
    "jsonld:datemodified",
    "meta:article:modified_time",
    "meta:og:updated_time",
    "meta:datemodified",
    "itemprop:datemodified",
    "meta:dcterms.modified",
    "meta:last-modified",
    "meta:updated",
});
// Short visible texts that hold a year (tokenize_html): the weakest date evidence.
constexpr std::string_view kShortDateKey = "html:shortdate";
// The year of the page's copyright line (text scrapes).
constexpr std::string_view kPageYearKey = "text:year";
// Dates written in full anywhere on the page (text scrapes).
constexpr std::string_view kPageDatesKey = "text:pagedate";
// The pseudo key set when the page's schema.org markup declares a discussion thread: people
// there post under user names.
constexpr std::string_view kThreadKey = "page:thread";
// The pseudo key naming a date read from the page's URL path.
constexpr std::string_view kUrlDateKey = "url:path";
// Words that make a visible date a modification date.
constexpr auto kModifiedWords = std::to_array<std::string_view>({
    "updated",
    "update",
    "modified",
    "aktualisiert",
    "actualizado",
    "atualizado",
    "mis à jour",
});
// Source sources, highest first ("title:affix" is the site part of <title>). JSON-LD publishers
// are often the syndicating agency or the parent company, so og:site_name ranks first.
constexpr auto kSourceKeys = std::to_array<std::string_view>({
    "meta:og:site_name",
    "jsonld:publisher",
    "meta:application-name",
    "jsonld:organization",
    "title:affix",
    "meta:twitter:site",
    "text:outlet",
    "text:source",
    "text:site",
    "byline:agency",
    "text:agency",
});
// Values that name the site: stripped from titles, dropped from authors.
constexpr auto kSiteNameKeys = std::to_array<std::string_view>({
    "jsonld:publisher",
    "meta:og:site_name",
    "meta:application-name",
    "jsonld:organization",
    "meta:twitter:site",
});
constexpr auto kUrlKeys = std::to_array<std::string_view>({
    "link:canonical",
    "meta:og:url",
    "jsonld:url",
});
constexpr auto kDescriptionKeys = std::to_array<std::string_view>({
    "jsonld:description",
    "meta:og:description",
    "meta:description",
    "meta:twitter:description",
});
constexpr auto kImageKeys = std::to_array<std::string_view>({
    "meta:og:image",
    "meta:og:image:url",
    "meta:og:image:secure_url",
    "meta:twitter:image",
    "meta:twitter:image:src",
    "jsonld:image",
});
constexpr auto kLangKeys = std::to_array<std::string_view>({
    "html:lang",
    "jsonld:inlanguage",
    "meta:og:locale",
    "meta:language",
    "meta:content-language",
});
constexpr auto kTagKeys = std::to_array<std::string_view>({
    "jsonld:keywords",
    "meta:keywords",
    "meta:news_keywords",
    "meta:article:tag",
    "meta:parsely-tags",
});
// Separators between a headline and the site name in titles ("Headline | Site").
constexpr auto kTitleSeparators = std::to_array<std::string_view>({
    " | ",
    " - ",
    " \u2013 ",
    " \u2014 ",
    " :: ",
    " \u00b7 ",
    " \u2022 ",
    " \u00bb ",
    " \u00ab ",
    ": ",
    " / ",
});
// Separators before a site name at the end of <title> ("Headline - Site").
constexpr auto kSiteSuffixSeparators = std::to_array<std::string_view>({
    " | ",
    " - ",
    " \u2013 ",
    " \u2014 ",
});
// The separator before a site name at the end of OpenGraph and other metadata titles, which
// name the site less often than <title> does.
constexpr auto kSiteBarSeparators = std::to_array<std::string_view>({" | "});
// A <title> suffix naming an unknown site has at most this many words.
constexpr std::size_t kMaxUnknownSiteWords = 3;
// Separators between a brand and its tagline in a site name.
constexpr auto kTaglineSeparators = std::to_array<std::string_view>({
    " | ",
    " - ",
    " \u2013 ",
    " \u2014 ",
    " : ",
    " :: ",
});
// An h1 that agrees with no metadata title is the headline only when at least this long.
constexpr std::size_t kMinLoneH1Words = 4;
// A label leading an h1 ("Thread:", "News", "Tips/Techniques") has at most this many words.
constexpr std::size_t kMaxH1LabelWords = 3;
// A title affix longer than this many words is part of the headline, not a site name.
constexpr std::size_t kMaxAffixWords = 4;
// Site names longer than this are taglines or descriptions.
constexpr std::size_t kMaxSourceWords = 6;
// How many values after a visible byline are checked for a fuller repeat of it.
constexpr std::size_t kMaxBylineRepeats = 4;
// At most this many tags.
constexpr std::size_t kMaxTags = 10;

using HintMap = std::unordered_map<std::string, std::vector<std::string>>;

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view word) {
  return std::ranges::find(set, word) != set.end();
}

const std::vector<std::string>& values(const HintMap& hints, std::string_view key) {
  static const std::vector<std::string> kNone;
  const auto it = hints.find(std::string(key));
  return it == hints.end() ? kNone : it->second;
}

void add(HintMap& hints, std::string key, std::string value) {
  if (!value.empty()) hints[std::move(key)].push_back(std::move(value));
}

// Folds the JSON-LD blocks into synthetic "jsonld:*" hints.
void add_jsonld(const std::vector<MetaHint>& raw, HintMap& hints) {
  std::vector<std::string_view> scripts;
  for (const auto& h : raw) {
    if (h.key == "jsonld") scripts.push_back(h.value);
  }
  if (scripts.empty()) return;
  meta::JsonLd ld = meta::read_jsonld(scripts);
  add(hints, "jsonld:headline", std::move(ld.headline));
  add(hints, "jsonld:page", std::move(ld.page_name));
  for (auto& a : ld.authors) add(hints, "jsonld:author", std::move(a));
  for (auto& a : ld.organisation_authors) {
    add(hints, "jsonld:author-organisation", std::move(a));
  }
  add(hints, "jsonld:datepublished", std::move(ld.date_published));
  add(hints, "jsonld:datemodified", std::move(ld.date_modified));
  add(hints, "jsonld:publisher", std::move(ld.publisher));
  add(hints, "jsonld:organization", std::move(ld.organization));
  add(hints, "jsonld:description", std::move(ld.description));
  add(hints, "jsonld:image", std::move(ld.image));
  add(hints, "jsonld:inlanguage", std::move(ld.in_language));
  add(hints, "jsonld:url", std::move(ld.url));
  for (auto& k : ld.keywords) add(hints, "jsonld:keywords", std::move(k));
}

// Twitter's label/data pairs ("twitter:label1" = "Written by", "twitter:data1" = "Jane Roe"), as
// SEO plugins write them: a byline label makes its data the author ("meta:twitter:author").
void add_labelled_data(HintMap& hints) {
  for (char n = '1'; n <= '4'; ++n) {
    const auto& labels = values(hints, std::string("meta:twitter:label") + n);
    const auto& data = values(hints, std::string("meta:twitter:data") + n);
    if (labels.empty() || data.empty()) continue;
    const std::string label = clean_text(labels.front());
    if (!label.empty() && meta::byline_prefix_of(label, false).size() == label.size()) {
      add(hints, "meta:twitter:author", data.front());
    }
  }
}

// Splits at every title separator: (left, right) pairs.
std::vector<std::pair<std::string_view, std::string_view>> title_splits(std::string_view title) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto sep : kTitleSeparators) {
    for (std::size_t at = title.find(sep); at != std::string_view::npos;
         at = title.find(sep, at + 1)) {
      if (at == 0 || at + sep.size() >= title.size()) continue;
      out.emplace_back(title.substr(0, at), title.substr(at + sep.size()));
    }
  }
  return out;
}

bool matches_site(std::string_view part, const std::vector<std::string>& sites) {
  const std::string p = meta::site_key(part);
  if (p.empty()) return false;
  return std::ranges::any_of(sites, [&p](const std::string& s) {
    const std::string k = meta::site_key(s);
    return !k.empty() && (p == k || (p.size() >= 3 && k.find(p) != std::string::npos) ||
                          (k.size() >= 3 && p.find(k) != std::string::npos));
  });
}

// Removes a " | Site" suffix or "Site: " prefix naming the site.
std::string strip_site(const std::string& title, const std::vector<std::string>& sites) {
  // suffixes first (the last separator), then prefixes (the first)
  const auto splits = title_splits(title);
  const std::pair<std::string_view, std::string_view>* best = nullptr;
  for (const auto& s : splits) {
    if (meta::word_count(s.second) <= kMaxAffixWords && matches_site(s.second, sites) &&
        (best == nullptr || s.first.size() > best->first.size())) {
      best = &s;
    }
  }
  if (best != nullptr) return std::string(best->first);
  for (const auto& s : splits) {
    if (meta::word_count(s.first) <= kMaxAffixWords && matches_site(s.first, sites) &&
        (best == nullptr || s.second.size() > best->second.size())) {
      best = &s;
    }
  }
  return best != nullptr ? std::string(best->second) : title;
}

// Whether two or more segments follow the first `at` bytes of `title`, after site separators
// ("Headline | Section | Site"; not "Headline: Subtitle | Site").
bool site_segments_follow(std::string_view title, std::size_t at) {
  const std::string_view rest = title.substr(at);
  const auto starts = [rest](std::string_view sep) { return rest.starts_with(sep); };
  const auto holds = [rest](std::string_view sep) {
    return rest.find(sep, 1) != std::string_view::npos;
  };
  return std::ranges::any_of(kSiteSuffixSeparators, starts) &&
         std::ranges::any_of(kSiteSuffixSeparators, holds);
}

// Whether the visible h1 is `candidate`, or `candidate` is the h1 plus a site or section affix.
bool h1_agrees(const std::string& h1, const std::string& candidate) {
  const std::string h = loose_key(h1);
  if (h.empty()) return false;
  if (h == loose_key(candidate)) return true;
  return std::ranges::any_of(
      title_splits(candidate),
      [&h, &candidate, long_h1 = meta::word_count(h1) >= kMinLoneH1Words](const auto& split) {
        const auto& [left, right] = split;
        // "Headline | Site" (a logo h1, a word or three, never matches a long right-hand side),
        // "Headline | Section | Site"
        if (loose_key(left) == h &&
            (left.size() > right.size() || meta::word_count(right) <= kMaxAffixWords || long_h1 ||
             site_segments_follow(candidate, left.size()))) {
          return true;
        }
        // "Section | Headline"
        return right.size() > left.size() && loose_key(right) == h;
      });
}

// "Headline - Site" from <title> when no site name is known: a short last segment after one of
// `separators` is the site.
template <std::size_t N>
std::string strip_unknown_site(const std::string& title,
                               const std::array<std::string_view, N>& separators) {
  std::size_t cut = std::string::npos;
  std::size_t sep_size = 0;
  for (const auto sep : separators) {
    const std::size_t at = title.rfind(sep);
    if (at != std::string::npos && at > 0 && (cut == std::string::npos || at > cut)) {
      cut = at;
      sep_size = sep.size();
    }
  }
  if (cut == std::string::npos) return title;
  const std::string_view site = std::string_view(title).substr(cut + sep_size);
  const std::string_view head = std::string_view(title).substr(0, cut);
  if (meta::word_count(site) > kMaxUnknownSiteWords || meta::word_count(head) < 2) {
    return title;
  }
  return std::string(head);
}

struct Picked {
  std::string value;
  std::string from;
};

// Whether `text` starts with ASCII punctuation or general punctuation (U+2000..U+206F: dashes,
// quotes), not a word.
bool starts_with_punctuation(std::string_view text) {
  if (text.empty()) return true;
  const auto first = static_cast<unsigned char>(text.front());
  return (first < 0x80 && std::isalnum(first) == 0) || text.starts_with("\xE2\x80") ||
         text.starts_with("\xE2\x81");
}

// The headline of an h1 that a short label leads, the two apart in the markup ("Thread:
// <span>Headline</span>", "<span>News</span> Headline", one of them a `parts` element), when a
// metadata title agrees with the headline alone or after the same label ("News - Headline |
// Site"); empty when none does. A kicker written into the headline's own text stays, and so does
// a name the h1 joins to the rest with a separator ("<code>json</code> — JSON encoder").
std::string unlabelled_h1(const std::string& h1, const std::vector<std::string>& parts,
                          const std::vector<Picked>& candidates) {
  const auto is_part = [&parts](const std::string& key) {
    return std::ranges::any_of(parts, [&key](const std::string& p) { return loose_key(p) == key; });
  };
  for (std::size_t at = h1.find(' '), n = 1; at != std::string::npos && n <= kMaxH1LabelWords;
       at = h1.find(' ', at + 1), ++n) {
    const std::string_view prefix = std::string_view(h1).substr(0, at);
    std::string headline = h1.substr(at + 1);
    if (meta::word_count(headline) < kMinLoneH1Words) break;
    const std::string label = loose_key(prefix);
    const std::size_t last_word = prefix.rfind(' ');
    if (label.empty() || starts_with_punctuation(headline) ||
        loose_key(prefix.substr(last_word == std::string_view::npos ? 0 : last_word + 1)).empty() ||
        (!is_part(label) && !is_part(loose_key(headline)))) {
      continue;
    }
    for (const auto& c : candidates) {
      if (h1_agrees(headline, c.value)) return headline;
      for (const auto& [left, right] : title_splits(c.value)) {
        if (loose_key(left) == label && h1_agrees(headline, std::string(right))) return headline;
      }
    }
  }
  return {};
}

// An h1 that <title> ends with after a longer headline names the site or the book ("Traits -
// The Rust Programming Language" under an h1 "The Rust Programming Language").
bool h1_names_site(const HintMap& hints, const std::string& h1) {
  const std::string h = loose_key(h1);
  if (h.empty() || meta::word_count(h1) > kMaxAffixWords) return false;
  return std::ranges::any_of(values(hints, "html:title"), [&h](const std::string& title) {
    return std::ranges::any_of(title_splits(title), [&h](const auto& split) {
      return split.first.size() > split.second.size() && loose_key(split.second) == h;
    });
  });
}

// Removes a " - Site" suffix from a visible h1 when it is exactly a known site's name: an h1 is
// the headline as printed, so a prefix stays and a near match ("9to5Mac Gift Guide") stays.
std::string strip_site_suffix(const std::string& h1, const std::vector<std::string>& sites) {
  for (const auto& [left, right] : title_splits(h1)) {
    const std::string key = meta::site_key(right);
    if (meta::word_count(right) <= kMaxAffixWords && !key.empty() &&
        std::ranges::any_of(
            sites, [&key](const std::string& site) { return meta::site_key(site) == key; })) {
      return std::string(left);
    }
  }
  return h1;
}

// A title without what pages print around a headline: a leading date ("Dec 18 2025 Preparing
// a transition"), a link aggregator's trailing "(example.com) 87", and trailing ornaments
// ("... Level ⋆"). Section numbers stay: "5. Data Structures" is the chapter's title.
std::string tidy_title(std::string title) {
  const auto words = [](std::string_view s) { return meta::word_count(s); };
  // leading date: the shortest run of two to four words that parses as a full date
  std::size_t cut = 0;
  for (std::size_t at = title.find(' '), n = 1; at != std::string::npos && n <= 4 && cut == 0;
       at = title.find(' ', at + 1), ++n) {
    // a written date names its month: "2024.4.4 -> 2024.5.0 issue" starts with a version
    const std::string_view head = std::string_view(title).substr(0, at);
    if (n == 1 || head.back() < '0' || head.back() > '9' || std::ranges::none_of(head, [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        })) {
      continue;  // and ends with its day or year
    }
    const auto d = meta::parse_date(head, true, 0);
    if (d && d->year > 0 && d->day > 0) cut = at + 1;
  }
  if (cut > 0 && words(std::string_view(title).substr(cut)) >= 2) title.erase(0, cut);
  // "(example.com) 87"
  const std::size_t open = title.rfind(" (");
  if (open != std::string::npos) {
    const std::size_t close = title.find(')', open);
    const std::string_view inside = std::string_view(title).substr(open + 2, close - open - 2);
    std::string_view after =
        close == std::string::npos ? std::string_view() : std::string_view(title).substr(close + 1);
    while (!after.empty() &&
           (after.front() == ' ' || (after.front() >= '0' && after.front() <= '9')))
      after.remove_prefix(1);
    if (close != std::string::npos && after.empty() && inside.find('.') != std::string_view::npos &&
        inside.find(' ') == std::string_view::npos &&
        words(std::string_view(title).substr(0, open)) >= 2) {
      title.resize(open);
    }
  }
  // trailing ornaments: stars, bullets, bars
  for (const std::string_view mark : {"\u22c6", "\u2605", "\u2606", "\u2022", "|", "\u00bb"}) {
    while (title.size() > mark.size() + 1 && title.ends_with(mark) &&
           title[title.size() - mark.size() - 1] == ' ') {
      title.resize(title.size() - mark.size() - 1);
    }
  }
  return title;
}

// The h1 that a metadata title agrees with (a logo h1 naming the site aside); of two, the one
// the other extends with an affix ("Headline - Forum" over "Headline"). Null when none does.
const std::string* agreed_h1(const std::vector<std::string>& h1s,
                             const std::vector<Picked>& candidates,
                             const std::vector<std::string>& sites) {
  const auto agrees = [&sites, &candidates](const std::string& h1) {
    if (matches_site(h1, sites) && meta::word_count(h1) <= kMaxAffixWords) return false;
    return std::ranges::any_of(candidates,
                               [&h1](const Picked& c) { return h1_agrees(h1, c.value); });
  };
  for (const auto& h1 : h1s) {
    if (!agrees(h1)) continue;
    for (const auto& shorter : h1s) {
      if (shorter.size() < h1.size() && h1_agrees(shorter, h1) && agrees(shorter)) return &shorter;
    }
    return &h1;
  }
  return nullptr;
}

Picked resolve_title(const HintMap& hints, std::vector<std::string> sites) {
  std::vector<Picked> candidates;
  for (const auto key : kTitleKeys) {
    for (const auto& v : values(hints, key)) candidates.push_back({v, std::string(key)});
  }
  const auto& h1s = values(hints, "html:h1");
  for (const auto& h1 : h1s) {
    if (h1_names_site(hints, h1)) sites.push_back(h1);
  }
  // 1. an h1 led by a label in an element of its own, when a metadata title agrees with the
  //    rest
  for (const auto& h1 : h1s) {
    if (std::string headline = unlabelled_h1(h1, values(hints, "html:h1-part"), candidates);
        !headline.empty()) {
      return {strip_site_suffix(headline, sites), "html:h1"};
    }
  }
  // 2. an h1 that a metadata title agrees with
  if (const std::string* h1 = agreed_h1(h1s, candidates, sites)) {
    return {strip_site_suffix(*h1, sites), "html:h1"};
  }
  // 3. a headline-sized h1 when no metadata agrees
  for (const auto& h1 : h1s) {
    if (meta::word_count(h1) >= kMinLoneH1Words && !matches_site(h1, sites)) {
      bool contradicted = false;
      for (const auto& c : candidates) {
        // a metadata title that contains the h1 as a part is another story's: skip the h1
        contradicted = contradicted || loose_key(c.value).find(loose_key(h1)) != std::string::npos;
      }
      if (!contradicted) return {strip_site_suffix(h1, sites), "html:h1"};
    }
  }
  // 4. the highest-ranked metadata title, site affix removed
  for (const auto& c : candidates) {
    std::string t = strip_site(c.value, sites);
    // <title> ends with the site name more often than not; other titles only after a bar
    if (t == c.value && c.from == "html:title") t = strip_unknown_site(t, kSiteSuffixSeparators);
    if (t == c.value && c.from != "html:title") t = strip_unknown_site(t, kSiteBarSeparators);
    if (!t.empty()) return {std::move(t), c.from};
  }
  return {};
}

// The site part of <title> (or og:title) once the headline is known: "Headline - Site" -> Site,
// "Headline | Section | Site" -> Site, "Site: Headline" -> Site.
// NOLINTNEXTLINE(readability-function-cognitive-complexity): suffix and prefix cases, one scan
std::string title_affix(const HintMap& hints, const std::string& title) {
  if (title.empty()) return {};
  for (const auto key : {std::string_view("html:title"), std::string_view("meta:og:title")}) {
    for (const auto& v : values(hints, key)) {
      const std::size_t at = v.find(title);
      if (at == std::string::npos) continue;
      std::string_view rest = std::string_view(v).substr(at + title.size());
      bool suffix = true;
      if (rest.find_first_not_of(' ') == std::string_view::npos) {
        rest = std::string_view(v).substr(0, at);
        suffix = false;
      }
      // the outermost segment: after the last separator of a suffix, before the first of a prefix
      std::string_view best;
      std::size_t best_at = suffix ? 0 : rest.size();
      for (const auto sep : kTitleSeparators) {
        const std::size_t p = suffix ? rest.rfind(sep) : rest.find(sep);
        if (p == std::string_view::npos) continue;
        if (suffix ? p + sep.size() > best_at || best.empty() : p < best_at) {
          best_at = suffix ? p + sep.size() : p;
          best = suffix ? rest.substr(p + sep.size()) : rest.substr(0, p);
        }
      }
      std::string affix = clean_text(best);
      if (!affix.empty() && meta::word_count(affix) <= kMaxAffixWords) return affix;
    }
  }
  return {};
}

// A site name cleaned for front matter: no URL, no tagline, no leading '@' unless `handle`.
std::string clean_source(std::string_view raw, bool handle) {
  std::string s = clean_text(raw);
  if (s.find("://") != std::string::npos) return {};
  for (const auto sep : kTaglineSeparators) {
    const std::size_t at = s.find(sep);
    if (at != std::string::npos && at > 0) s.resize(at);
  }
  if (!s.empty() && s.front() == '@') {
    if (!handle) return {};
    s.erase(0, 1);
  }
  if (meta::word_count(s) > kMaxSourceWords) return {};
  return s;
}

// The initials of a multi-word name ("Wall Street Journal" -> "wsj").
std::string initials(std::string_view name) {
  std::string out;
  bool start = true;
  for (const char c : name) {
    if (c == ' ') {
      start = true;
    } else if (start) {
      out += lower_ascii(std::string_view(&c, 1));
      start = false;
    }
  }
  return out.size() >= 2 ? out : std::string{};
}

// Whether two site names are one brand spelt two ways ("TheHill" / "The Hill", "WSJ" / "Wall
// Street Journal", "livescience.com" / "Live Science").
bool same_brand(const std::string& a, const std::string& b) {
  const std::string ka = meta::site_key(a);
  const std::string kb = meta::site_key(b);
  if (ka.empty() || kb.empty()) return false;
  return ka == kb || ka == meta::site_key(initials(b)) || kb == meta::site_key(initials(a));
}

bool has_domain_ending(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  return dot != std::string::npos && name.find(' ') == std::string::npos &&
         meta::is_domain_ending(loose_key(name.substr(dot + 1)));
}

Picked resolve_source(const HintMap& hints) {
  std::vector<Picked> candidates;
  for (const auto key : kSourceKeys) {
    const bool handle = key == "meta:twitter:site";
    for (const auto& v : values(hints, key)) {
      std::string s = clean_source(v, handle);
      if (!s.empty()) candidates.push_back({std::move(s), std::string(key)});
    }
  }
  if (candidates.empty()) return {};
  Picked best = candidates.front();
  // a site name no other source agrees with loses to two that agree with each other (og:site_name
  // "U.S." vs <title> "- Reuters" and twitter "@Reuters")
  auto agreeing = [&](const Picked& p) {
    std::size_t n = 0;
    for (const auto& c : candidates) {
      if (c.from != p.from && same_brand(c.value, p.value)) ++n;
    }
    return n;
  };
  // (a "Source(s): X" line in a text scrape names the source outright)
  if (agreeing(best) == 0 && best.from != "text:source") {
    for (const auto& c : candidates) {
      if (c.from != "byline:agency" && agreeing(c) >= 1) {
        best = c;
        break;
      }
    }
  }
  // the same brand spelt with more words, or without a bare domain ending, reads better
  for (const auto& c : candidates) {
    if (c.from == "meta:twitter:site" || !same_brand(c.value, best.value)) continue;
    const bool more_words = meta::word_count(c.value) > meta::word_count(best.value);
    if (more_words && !has_domain_ending(c.value)) best.value = c.value;
  }
  // og:site_name is the site's own display name; other sources yield to <title>'s spelling
  // ("MacRumors.com" / "MacRumors", "Barrons" / "Barron's")
  if (best.from != "meta:og:site_name") {
    for (const auto& c : candidates) {
      if (c.from == "title:affix" && !has_domain_ending(c.value) &&
          same_brand(c.value, best.value)) {
        best.value = c.value;
      }
    }
  }
  return best;
}

struct AuthorPick {
  std::vector<meta::Credit> credits;
  std::string from;
};

// The credits of one key. Metadata keys contribute every value; a visible key its first useful
// value, or a nested repeat of it that names more people ("By A" then "By A and B, Agency").
std::vector<meta::Credit> credits_for(const HintMap& hints, std::string_view key,
                                      const std::vector<std::string>& sites) {
  std::vector<meta::Credit> out;
  const bool visible = in(kVisibleAuthorKeys, key);
  std::string first_person;
  std::size_t looked = 0;
  const bool handles = !values(hints, kThreadKey).empty();
  for (const auto& v : values(hints, key)) {
    auto credits = meta::clean_credits(v, sites, handles);
    if (!visible) {
      out.insert(out.end(), credits.begin(), credits.end());
      continue;
    }
    if (out.empty()) {
      out = std::move(credits);
      if (!out.empty()) first_person = loose_key(out.front().name);
      continue;
    }
    if (++looked > kMaxBylineRepeats) break;
    bool repeats = false;
    for (const auto& c : credits) repeats = repeats || loose_key(c.name) == first_person;
    if (repeats && credits.size() > out.size()) out = std::move(credits);
  }
  return out;
}

bool has_person(const std::vector<meta::Credit>& credits) {
  return std::ranges::any_of(credits, [](const meta::Credit& c) { return !c.agency; });
}

std::vector<std::string> dedupe_names(const std::vector<meta::Credit>& credits, bool people_only) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& c : credits) {
    if (people_only && c.agency) continue;
    if (seen.insert(loose_key(c.name)).second) out.push_back(c.name);
  }
  return out;
}

// Authors and, separately, the first agency credited in any byline.
// NOLINTNEXTLINE(readability-function-cognitive-complexity): visible vs metadata byline rules
std::pair<Picked, std::vector<std::string>> resolve_authors(const HintMap& hints,
                                                            const std::vector<std::string>& sites,
                                                            std::string& agency) {
  AuthorPick people;
  AuthorPick agencies;
  for (const auto key : kAuthorKeys) {
    auto credits = credits_for(hints, key, sites);
    for (const auto& c : credits) {
      if (c.agency && agency.empty()) agency = c.name;
    }
    if (people.credits.empty() && has_person(credits)) people = {credits, std::string(key)};
    if (agencies.credits.empty() && !credits.empty()) agencies = {credits, std::string(key)};
  }
  if (people.credits.empty()) {
    // A site named after its author (a personal blog): metadata crediting the site's own name,
    // when that name reads as a person's and JSON-LD does not type it as an organisation, is
    // the author. Any byline or metadata naming someone else comes first.
    if (agencies.credits.empty()) {
      std::unordered_set<std::string> organisations;
      for (const auto& v : values(hints, "jsonld:author-organisation")) {
        organisations.insert(loose_key(v));
      }
      for (const auto key : kAuthorKeys) {
        if (in(kVisibleAuthorKeys, key)) continue;
        std::vector<meta::Credit> named;
        for (const auto& v : values(hints, key)) {
          for (auto& c : meta::clean_credits(v)) {
            const std::string k = loose_key(c.name);
            // the site's name, or a name it holds ("Jane Roe (jroe)", "Jane Roe's blog")
            const bool site = std::ranges::any_of(
                sites, [&c](const std::string& s) { return meta::same_outlet(c.name, s); });
            if (!c.agency && site && !organisations.contains(k) && meta::reads_as_person(c.name)) {
              named.push_back(std::move(c));
            }
          }
        }
        if (!named.empty()) return {{{}, std::string(key)}, dedupe_names(named, true)};
      }
    }
    return {{{}, agencies.from}, dedupe_names(agencies.credits, false)};
  }
  std::vector<std::string> names = dedupe_names(people.credits, true);
  // The visible byline beats metadata when it lists more people than the metadata (which often
  // keeps only the first), or other people that some other metadata confirms (an uploader in
  // the metadata author).
  if (!in(kVisibleAuthorKeys, people.from)) {
    for (const auto key : kVisibleAuthorKeys) {
      const auto visible = dedupe_names(credits_for(hints, key, sites), true);
      if (visible.empty()) continue;
      std::unordered_set<std::string> shown;
      for (const auto& v : visible) shown.insert(loose_key(v));
      std::size_t common = 0;
      for (const auto& n : names) common += shown.count(loose_key(n));
      if (common == names.size() && visible.size() > names.size()) {
        return {{{}, std::string(key)}, visible};
      }
      // the same names (one link per author): a later visible byline may list them all
      if (common == names.size() && visible.size() == names.size()) continue;
      if (common == 0) {
        for (const auto other : kAuthorKeys) {
          if (other == people.from || in(kVisibleAuthorKeys, other)) continue;
          for (const auto& n : dedupe_names(credits_for(hints, other, sites), true)) {
            if (shown.contains(loose_key(n))) return {{{}, std::string(key)}, visible};
          }
        }
      }
      break;
    }
  }
  return {{{}, people.from}, names};
}

// Where a modification word starts in `text` (npos: none, or the text also says published).
std::size_t modified_at(const std::string& text) {
  const std::string lower = lower_ascii(text);
  std::size_t at = std::string::npos;
  for (const auto w : kModifiedWords) {
    const std::size_t p = lower.find(w);
    if (p < at) at = p;
  }
  if (at == std::string::npos) return at;
  // "Published X | Updated Y" names the publication first
  const std::size_t published = std::min(lower.find("published"), lower.find("posted"));
  return published < at ? std::string::npos : at;
}

// The publication part of a visible date text: what comes before its modification word
// ("Nov 18, 2019 - Updated Nov 19" -> "Nov 18, 2019"); nullopt when the text opens with one.
std::optional<std::string_view> publication_part(const std::string& text) {
  const std::size_t at = modified_at(text);
  if (at == 0) return std::nullopt;
  return std::string_view(text).substr(0, at);
}

// The date a visible "Updated Nov 19, 2019" stamps, read from its modification word on;
// nullopt when `text` has none or names no date there.
std::optional<meta::ParsedDate> update_stamp(const std::string& text, bool month_first,
                                             int default_year) {
  const std::size_t at = modified_at(text);
  if (at == std::string::npos) return std::nullopt;
  return meta::parse_date(std::string_view(text).substr(at), month_first, default_year);
}

// The first date of `key` that parses, skipping modification dates: a visible
// "Nov 18, 2019 - Updated Nov 19" keeps the date before the modification word. Dates
// with a year come first; a year-less one takes the year of a `page_dates` entry naming the same
// day, else `default_year`.
std::optional<meta::ParsedDate> date_of(const HintMap& hints, std::string_view key,
                                        bool month_first, int default_year,
                                        const std::vector<meta::ParsedDate>& page_dates = {}) {
  const bool visible = in(kVisibleDateKeys, key);
  for (int pass = 0; pass < (default_year != 0 ? 2 : 1); ++pass) {
    const int year = pass == 0 ? 0 : default_year;
    for (const auto& v : values(hints, key)) {
      const auto text = visible ? publication_part(v) : std::string_view(v);
      if (!text) continue;
      auto d = meta::parse_date(*text, month_first, year);
      if (!d) continue;
      if (pass == 1) {
        for (const auto& p : page_dates) {
          if (p.month == d->month && p.day == d->day) {
            d->year = p.year;
            break;
          }
        }
      }
      return d;
    }
  }
  return std::nullopt;
}

// The day written in the page's own URL path, if any.
std::optional<meta::ParsedDate> url_path_date(const HintMap& hints) {
  for (const auto key : kUrlKeys) {
    for (const auto& v : values(hints, key)) {
      if (auto d = meta::url_date(v)) return d;
    }
  }
  return std::nullopt;
}

// The order of the page's ambiguous numeric dates when its URL dates it: "03/10/2023" on a page
// at "/2023/october/03/slug" reads day first. Nothing when no date of the page reads two ways
// of which exactly one is the URL's day.
std::optional<bool> url_date_order(const HintMap& hints) {
  const auto in_url = url_path_date(hints);
  if (!in_url || in_url->day == 0) return std::nullopt;
  const long day = in_url->days();
  for (const auto key : kDateKeys) {
    for (const auto& v : values(hints, key)) {
      const auto month_first = meta::parse_date(v, true, 0);
      const auto day_first = meta::parse_date(v, false, 0);
      if (!month_first || !day_first || month_first->days() == day_first->days()) continue;
      if (month_first->days() == day) return true;
      if (day_first->days() == day) return false;
    }
  }
  return std::nullopt;
}

// Time zones in use span UTC-12:00 to UTC+14:00.
constexpr int kMinZoneMinutes = -12 * 60;
constexpr int kMaxZoneMinutes = 14 * 60;

/// Whether the instant `t` (a time with a zone: UTC or an offset) falls on `day` (days since
/// 1970-01-01) in some time zone. 09:30 UTC is the 18th everywhere from UTC-09:30 on, never the
/// 19th: a visible "December 19" beside it dates something else (a related story's stamp).
bool day_in_some_zone(const meta::ParsedDate& t, long day) {
  if (t.hour < 0 || (!t.utc && !t.local)) return true;  // no instant: any day is possible
  const meta::ParsedDate utc = t.local ? meta::shifted(t, -t.offset) : t;
  return meta::shifted(utc, kMinZoneMinutes).days() <= day &&
         day <= meta::shifted(utc, kMaxZoneMinutes).days();
}

/// Whether two metadata publication times give one clock time with different offsets
/// ("04:31-06:00" and "04:31+00:00"): the site writes its offsets carelessly, so none says which
/// local day it means.
bool offsets_disagree(const HintMap& hints, bool month_first) {
  std::vector<meta::ParsedDate> times;
  for (const auto key : kDateKeys) {
    if (in(kVisibleDateKeys, key)) continue;
    for (const auto& v : values(hints, key)) {
      const auto d = meta::parse_date(v, month_first, 0);
      if (!d || d->hour < 0 || (!d->utc && !d->local)) continue;
      for (const auto& t : times) {
        const int offset = d->local ? d->offset : 0;
        const int other = t.local ? t.offset : 0;
        if (t.days() == d->days() && t.hour == d->hour && t.minute == d->minute &&
            offset != other) {
          return true;
        }
      }
      times.push_back(*d);
    }
  }
  return false;
}

// A page's "Updated March 3" is its last modification, never its publication: it becomes
// `updated`. Except in a text scrape that shows no other date, where a stamp with a clock time
// ("Updated 1:39 am EST, November 20, 2019") is the timeline of a news story, written on its
// day; a bare "Last updated: Dec 17, 2025" is the revision note of an older guide.
std::optional<meta::ParsedDate> timed_update_stamp(const HintMap& hints, bool month_first,
                                                   int page_year) {
  for (const auto& v : values(hints, "text:dateline")) {
    const auto d = update_stamp(v, month_first, page_year);
    if (d && d->hour >= 0) return d;
  }
  return std::nullopt;
}

/// Whether every date under the visible `key` is `day` (modification stamps aside): the one day
/// the page shows there, not a list of related stories' days.
bool lone_visible_date(const HintMap& hints, std::string_view key, const meta::ParsedDate& day,
                       bool month_first) {
  return std::ranges::all_of(values(hints, key), [&](const std::string& v) {
    const auto text = publication_part(v);
    if (!text) return true;
    const auto d = meta::parse_date(*text, month_first, 0);
    return !d || d->days() == day.days();
  });
}

/// The day a text scrape's headline carries ("Lemmy Development Update 2024-10-04").
std::optional<meta::ParsedDate> headline_date(const HintMap& hints, bool month_first) {
  for (const auto& v : values(hints, "text:title")) {
    const auto d = meta::parse_date(v, month_first, 0);
    if (d && d->day > 0) return d;
  }
  return std::nullopt;
}

/// The page's copyright year (a text scrape's footer), 0 when unknown.
int copyright_year(const HintMap& hints) {
  int year = 0;
  for (const auto& v : values(hints, kPageYearKey)) {
    if (v.size() == 4 && std::ranges::all_of(v, [](char c) { return c >= '0' && c <= '9'; })) {
      year = std::stoi(v);
    }
  }
  return year;
}

struct KeyedDate {
  meta::ParsedDate date;
  std::string_view key;
};

/// The latest metadata modification time of the page and its key (the first key of equals).
std::optional<KeyedDate> last_metadata_save(const HintMap& hints, bool month_first) {
  std::optional<KeyedDate> last;
  for (const auto key : kModifiedDateKeys) {
    const auto d = date_of(hints, key, month_first, 0);
    if (d && (!last || d->days() > last->date.days())) last = KeyedDate{*d, key};
  }
  return last;
}

/// The page's first visible date when the metadata publication date `published` is the page's
/// last save: on or after the latest modification day (a template binds both fields to the last
/// save, or a CMS rewrites the publication field on every edit) while the page shows an earlier
/// day. Nothing otherwise.
std::optional<KeyedDate> shown_before_last_save(const HintMap& hints,
                                                const meta::ParsedDate& published, bool month_first,
                                                int page_year,
                                                const std::vector<meta::ParsedDate>& page_dates) {
  const auto saved = last_metadata_save(hints, month_first);
  if (!saved || published.days() < saved->date.days()) return std::nullopt;
  const long last_save = saved->date.days();
  for (const auto key : kVisibleDateKeys) {
    const auto d = date_of(hints, key, month_first, page_year, page_dates);
    if (!d) continue;
    if (!lone_visible_date(hints, key, *d, month_first)) return std::nullopt;
    if (d->days() < last_save) return KeyedDate{*d, key};
    return std::nullopt;  // the page shows its last save too
  }
  return std::nullopt;
}

// NOLINTNEXTLINE(readability-function-cognitive-complexity): the numbered day-choice cascade
Picked resolve_date(const HintMap& hints, bool month_first) {
  // a visible date without a year ("Posted Nov 18, 8:19 PM") is of the page's copyright year
  const int page_year = copyright_year(hints);
  std::vector<meta::ParsedDate> page_dates;
  for (const auto& v : values(hints, kPageDatesKey)) {
    if (auto d = meta::parse_date(v, month_first, 0)) page_dates.push_back(*d);
  }
  std::optional<meta::ParsedDate> best;
  std::string from;
  for (const auto key : kDateKeys) {
    best = in(kVisibleDateKeys, key) ? date_of(hints, key, month_first, page_year, page_dates)
                                     : date_of(hints, key, month_first, 0);
    if (best) {
      from = key;
      break;
    }
  }
  // a metadata publication date that is the last save gives way to the day the page shows
  if (best && !in(kVisibleDateKeys, from)) {
    if (auto shown = shown_before_last_save(hints, *best, month_first, page_year, page_dates)) {
      best = shown->date;
      from = shown->key;
    }
  }
  if (!best) {
    best = timed_update_stamp(hints, month_first, page_year);
    if (best) from = "text:dateline";
  }
  if (!best) {
    best = headline_date(hints, month_first);
    if (best) from = "text:title";
  }
  if (!best) {
    // last resort: the day in the page's URL path ("/2019/nov/18/slug")
    if (const auto in_url = url_path_date(hints)) return {in_url->iso(), std::string(kUrlDateKey)};
    return {};
  }
  if (best->hour < 0 || in(kVisibleDateKeys, from)) return {best->iso(), from};
  // A timed metadata date may fall on the next or previous local day. Which day the page means,
  // highest first:
  // 1. a visible date within a day, unless the time carries the site's own offset and no other
  //    metadata time contradicts it (a visible date then is often the UTC day the page was
  //    rendered in, or the site header's "today");
  // 2. for a UTC time: the time moved by the offset another metadata time of the page carries;
  // 3. for a UTC time: a zone-less metadata time within a day.
  for (const auto key : kVisibleDateKeys) {
    if (key == kShortDateKey) continue;  // any short date on the page: no witness
    const auto d = date_of(hints, key, month_first, best->year);
    if (!d || (d->utc && best->utc)) continue;  // UTC says nothing of a UTC time's local day
    const long diff = d->days() - best->days();
    if (diff == 0) return {best->iso(), from};
    if ((diff == 1 || diff == -1) && day_in_some_zone(*best, d->days()) &&
        (!best->local || offsets_disagree(hints, month_first))) {
      return {d->iso(), std::string(key)};
    }
  }
  if (!best->utc) return {best->iso(), from};
  for (const auto keys : {std::span<const std::string_view>(kDateKeys),
                          std::span<const std::string_view>(kModifiedDateKeys)}) {
    for (const auto key : keys) {
      for (const auto& v : values(hints, key)) {
        const auto d = meta::parse_date(v, month_first, 0);
        if (d && d->local && d->hour >= 0) {
          return {meta::shifted(*best, d->offset).iso(), from};
        }
      }
    }
  }
  for (const auto key : kDateKeys) {
    if (in(kVisibleDateKeys, key) || key == from) continue;
    const auto d = date_of(hints, key, month_first, best->year);
    if (!d || d->utc || d->hour < 0) continue;  // a bare metadata date is no witness
    const long diff = d->days() - best->days();
    if (diff == 0) break;
    if (diff == 1 || diff == -1) return {d->iso(), std::string(key)};
  }
  return {best->iso(), from};
}

// The last modification day: the latest of the metadata modification times and a visible
// "Updated March 3, 2025" line (a CMS often leaves dateModified at the first save while the page
// says it was updated since). Kept only when later than the publication day (a page never
// updated carries the same day), never in its place.
Picked resolve_updated(const HintMap& hints, bool month_first, const std::string& published) {
  std::optional<meta::ParsedDate> best;
  std::string from;
  const auto consider = [&](const meta::ParsedDate& d, std::string_view key) {
    if (!best || d.days() > best->days()) {
      best = d;
      from = key;
    }
  };
  if (const auto saved = last_metadata_save(hints, month_first)) consider(saved->date, saved->key);
  for (const auto key : kVisibleDateKeys) {
    for (const auto& v : values(hints, key)) {
      if (const auto d = update_stamp(v, month_first, 0)) {
        consider(*d, key);
        break;
      }
    }
  }
  if (!best) return {};
  std::string day = best->iso();
  if (!published.empty() && day <= published.substr(0, day.size())) return {};
  return {std::move(day), std::move(from)};
}

std::string first_of(const HintMap& hints, std::span<const std::string_view> keys,
                     bool (*accept)(const std::string&)) {
  for (const auto key : keys) {
    for (const auto& v : values(hints, key)) {
      std::string s = clean_text(v);
      if (!s.empty() && accept(s)) return s;
    }
  }
  return {};
}

bool any_text(const std::string& /*value*/) {
  return true;
}

bool absolute_url(const std::string& value) {
  return value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0;
}

// "en_US" -> "en-US", "EN" -> "en"; anything not shaped like a language tag -> empty.
std::string normalize_lang(std::string_view raw) {
  std::string out;
  bool region = false;
  for (const char c : raw) {
    if (c == '_' || c == '-') {
      if (out.empty() || region) break;
      out += '-';
      region = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      const bool upper = c >= 'A' && c <= 'Z';
      if (region && !upper)
        out += static_cast<char>(c - 'a' + 'A');
      else if (!region && upper)
        out += static_cast<char>(c - 'A' + 'a');
      else
        out += c;
    } else {
      break;
    }
  }
  if (!out.empty() && out.back() == '-') out.pop_back();
  const std::size_t dash = out.find('-');
  const std::size_t primary = dash == std::string::npos ? out.size() : dash;
  if (primary < 2 || primary > 3) return {};
  return out;
}

std::vector<std::string> resolve_tags(const HintMap& hints) {
  for (const auto key : kTagKeys) {
    std::vector<std::string> tags;
    std::unordered_set<std::string> seen;
    for (const auto& v : values(hints, key)) {
      std::string_view s = v;
      std::size_t start = 0;
      while (start <= s.size() && tags.size() < kMaxTags) {
        std::size_t end = s.find_first_of(",;", start);
        if (end == std::string_view::npos) end = s.size();
        std::string tag = clean_text(s.substr(start, end - start));
        if (!tag.empty() && seen.insert(lower_ascii(tag)).second) tags.push_back(std::move(tag));
        start = end + 1;
      }
    }
    if (!tags.empty()) return tags;
  }
  return {};
}

/// Whether `key` is a <meta> name no table lists whose last part names the publication date, after
/// a site's own prefix ("meta:w-published-date", "meta:cms.publish_date").
bool publication_meta_name(std::string_view key) {
  constexpr std::string_view kMetaPrefix = "meta:";
  if (!key.starts_with(kMetaPrefix)) return false;
  static constexpr auto kSuffixes = std::to_array<std::string_view>(
      {"published-date", "published_date", "publish-date", "publish_date", "publication-date",
       "publication_date", "published-time", "published_time", "date-published", "date_published",
       "datepublished"});
  const std::string_view name = key.substr(kMetaPrefix.size());
  if (in(kDateKeys, key)) return false;
  return std::any_of(kSuffixes.begin(), kSuffixes.end(), [name](std::string_view suffix) {
    if (name.size() <= suffix.size() || !name.ends_with(suffix)) return false;
    const char separator = name[name.size() - suffix.size() - 1];
    return separator == '-' || separator == '_' || separator == ':' || separator == '.';
  });
}

/// The hints by key (lowercased; a multi-name itemprop split into one hint per name), with the
/// JSON-LD fields, labelled data and the pseudo keys the resolvers read.
HintMap map_hints(const std::vector<MetaHint>& hints) {
  HintMap by_key;
  for (const auto& h : hints) {
    if (h.key == "jsonld") continue;
    std::string value = clean_text(h.value);
    const std::string key = lower_ascii(h.key);
    const std::size_t colon = key.find(':');
    if (key.find(' ') != std::string::npos && colon != std::string::npos) {
      // itemprop="datePublished dateCreated": one hint per name
      std::size_t start = colon + 1;
      while (start < key.size()) {
        std::size_t end = key.find(' ', start);
        if (end == std::string::npos) end = key.size();
        if (end > start)
          add(by_key, key.substr(0, colon + 1) + key.substr(start, end - start), value);
        start = end + 1;
      }
      continue;
    }
    if (publication_meta_name(key)) add(by_key, "meta:published-date", value);
    add(by_key, key, std::move(value));
  }
  add_jsonld(hints, by_key);
  add_labelled_data(by_key);

  if (detail::declares_thread(hints)) add(by_key, std::string(kThreadKey), "yes");
  return by_key;
}

}  // namespace

Metadata resolve_metadata(const std::vector<MetaHint>& hints) {
  HintMap by_key = map_hints(hints);
  std::vector<std::string> sites;
  for (const auto key : kSiteNameKeys) {
    for (const auto& v : values(by_key, key)) {
      std::string s = clean_source(v, true);
      if (!s.empty()) sites.push_back(std::move(s));
    }
  }

  Metadata meta;
  Picked title = resolve_title(by_key, sites);
  meta.title = tidy_title(std::move(title.value));
  meta.title_from = std::move(title.from);

  const std::string affix = title_affix(by_key, meta.title);
  if (!meta::byline_prefix_of(affix, false).empty()) {
    add(by_key, "title:byline", affix);  // "Title - by Jane Roe" credits the author
  } else {
    add(by_key, "title:affix", affix);
    if (!affix.empty()) sites.push_back(affix);
  }

  std::string agency;
  auto [author_from, authors] = resolve_authors(by_key, sites, agency);
  meta.authors = std::move(authors);
  if (!meta.authors.empty()) meta.author_from = std::move(author_from.from);
  add(by_key, "byline:agency", agency);

  Picked source = resolve_source(by_key);
  meta.source = std::move(source.value);
  meta.source_from = std::move(source.from);

  meta.url = first_of(by_key, kUrlKeys, absolute_url);
  meta.description = first_of(by_key, kDescriptionKeys, any_text);
  meta.image = first_of(by_key, kImageKeys, absolute_url);
  for (const auto key : kLangKeys) {
    for (const auto& v : values(by_key, key)) {
      meta.lang = normalize_lang(v);
      if (!meta.lang.empty()) break;
    }
    if (!meta.lang.empty()) break;
  }
  meta.tags = resolve_tags(by_key);

  // slashed dates read month first only on American English pages (or when the language is
  // unknown)
  const std::string lang = lower_ascii(meta.lang);
  bool month_first = lang.empty() || lang == "en" || lang == "en-us";
  // ... unless the page's own dates show their order ("28/11/2025" beside "01/12/2025")
  for (const auto& order : values(by_key, "text:slashed-dates")) month_first = order != "day-first";
  // ... or its URL dates it
  if (const auto order = url_date_order(by_key)) month_first = *order;
  Picked date = resolve_date(by_key, month_first);
  meta.date = std::move(date.value);
  meta.date_from = std::move(date.from);
  Picked updated = resolve_updated(by_key, month_first, meta.date);
  meta.updated = std::move(updated.value);
  meta.updated_from = std::move(updated.from);
  return meta;
}

}  // namespace clipdown
