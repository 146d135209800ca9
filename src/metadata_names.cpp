// Byline cleaning for the metadata resolver: from "By JANE DOE and John Roe, Reuters" to names.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metadata_internal.hpp"

namespace clipdown::meta {
namespace {

// News agencies: loose key of a spelling -> the name written in front matter.
constexpr auto kAgencies = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"reuters", "Reuters"},
    {"thomsonreuters", "Reuters"},
    {"ap", "AP"},
    {"associatedpress", "Associated Press"},
    {"theassociatedpress", "Associated Press"},
    {"afp", "AFP"},
    {"agencefrancepresse", "AFP"},
    {"bloomberg", "Bloomberg"},
    {"dpa", "dpa"},
    {"pa", "PA"},
    {"pamedia", "PA Media"},
    {"upi", "UPI"},
    {"xinhua", "Xinhua"},
    {"ani", "ANI"},
    {"pti", "PTI"},
    {"ians", "IANS"},
    {"efe", "EFE"},
    {"ansa", "ANSA"},
    {"kyodo", "Kyodo"},
    {"yonhap", "Yonhap"},
    {"tass", "TASS"},
    {"aap", "AAP"},
    {"cp", "CP"},
    {"thecanadianpress", "The Canadian Press"},
    {"canadianpress", "The Canadian Press"},
    {"presstrustofindia", "PTI"},
    {"anadoluagency", "Anadolu Agency"},
    {"europapress", "Europa Press"},
    {"apa", "APA"},
    {"sda", "SDA"},
    {"belga", "Belga"},
    {"anp", "ANP"},
    {"ntb", "NTB"},
    {"tt", "TT"},
    {"ritzau", "Ritzau"},
    {"kna", "KNA"},
    {"epd", "epd"},
    {"sid", "SID"},
});

// Phrases that introduce a byline, compared lowercased at its start (longest first).
constexpr auto kBylinePrefixes = std::to_array<std::string_view>({
    "publicado por:",
    "publicado por",
    "geschrieben von",
    "written by",
    "posted by",
    "analysis by",
    "opinion by",
    "reporting by",
    "reported by",
    "story by",
    "words by",
    "text by",
    "authors:",
    "author:",
    "autor:",
    "auteur:",
    "autore:",
    "texto:",
    "text:",
    "текст:",
    "Текст:",
    "автор:",
    "Автор:",
    "by:",
    "by",
    "von",
    "por",
    "par",
    "di",
    "door",
    "av",
    "de",
});

// Words that make a credit a desk or a role rather than a person (compared lowercased).
constexpr auto kDeskWords = std::to_array<std::string_view>({
    "staff",         "editorial",     "editor",       "editors",
    "desk",          "bureau",        "team",         "wire",
    "wires",         "services",      "reports",      "newsroom",
    "admin",         "administrator", "webmaster",    "redaktion",
    "redacción",     "redação",       "rédaction",    "redazione",
    "board",         "writer",        "writers",      "reporter",
    "correspondent", "contributor",   "contributors", "columnist",
    "sport",         "sports",        "news",         "media",
    "press",         "online",        "digital",      "magazine",
    "blog",          "official",      "guest",        "anonymous",
    "unknown",       "moderator",     "sources",      "by",
    "follow",        "share",         "author",       "authors",
    "bio",
});

// Lowercase words that may follow a name in a byline ("Jane Doe for The Times"): the name ends
// there. Any other lowercase word after a name makes the credit a sentence, not a name.
constexpr auto kNameEndWords = std::to_array<std::string_view>({
    "for", "with", "in", "at", "from", "via", "on",      "updated", "published", "posted",     "am",
    "le",  "el",   "il", "em", "le",   "the", "special", "photos",  "photo",     "additional",
});

// Job-title words that end a title glued after a name ("Jane Roe Content Marketing Coordinator",
// "Jane Roe Senior Editor"): the name is the words before the title.
constexpr auto kRoleWords = std::to_array<std::string_view>({
    "coordinator", "director",      "manager",     "executive",  "founder",      "co-founder",
    "cofounder",   "ceo",           "cto",         "cfo",        "coo",          "president",
    "consultant",  "reviewer",      "specialist",  "strategist", "analyst",      "engineer",
    "developer",   "designer",      "researcher",  "scientist",  "professor",    "attorney",
    "lawyer",      "officer",       "chef",        "dietitian",  "nutritionist", "therapist",
    "physician",   "instructor",    "teacher",     "coach",      "trainer",      "owner",
    "partner",     "associate",     "assistant",   "intern",     "producer",     "photographer",
    "journalist",  "winemaker",     "gardener",    "astrologer", "editor",       "writer",
    "reporter",    "correspondent", "contributor", "columnist",  "head",         "lead",
});

// Words that open a job title ("Managing Editor", "Your Native Teacher"): a credit whose first
// words hold one is a title, not a name followed by one.
constexpr auto kTitleOpeners = std::to_array<std::string_view>({
    "senior",     "junior",    "managing", "executive",    "chief",     "lead",      "head",
    "former",     "print",     "digital",  "content",      "your",      "our",       "master",
    "expert",     "staff",     "deputy",   "contributing", "guest",     "associate", "assistant",
    "founding",   "general",   "creative", "technical",    "principal", "certified", "licensed",
    "registered", "marketing", "research", "product",      "the",       "vice",      "co",
});

// Prepositions that end a one-word label before a name ("Published in", "Insights from").
constexpr auto kLabelEnds = std::to_array<std::string_view>({"in", "from"});

// Weekday names that follow a name when a date is glued to it ("Jeff Foust Monday").
constexpr auto kWeekdays = std::to_array<std::string_view>({
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
});

// Lowercase words allowed inside a name ("Ludwig van Beethoven", "Maria da Silva").
constexpr auto kNameParticles = std::to_array<std::string_view>({
    "van", "von", "der", "den", "de",    "da", "das", "do",  "dos", "du", "del", "della",
    "di",  "la",  "le",  "bin", "binti", "al", "el",  "ter", "ten", "y",  "e",
});

// Words that join names in a list ("A and B", "A & B", "A und B").
constexpr auto kNameJoiners = std::to_array<std::string_view>({
    "and",
    "&",
    "und",
    "et",
    "y",
    "e",
    "og",
    "och",
    "en",
    "и",
});

// Degrees and post-nominals that follow a name after a comma ("Rachael Link, MS, RD").
constexpr auto kPostNominals = std::to_array<std::string_view>({
    "ms",  "md",  "rd", "rdn", "phd", "mph", "mba", "rn",   "dds",  "do", "ma",   "ba",
    "bsc", "msc", "jr", "sr",  "ii",  "iii", "cpt", "cscs", "lcsw", "np", "pa-c", "facs",
});

// A user name in a thread has at least this many characters.
constexpr std::size_t kMinHandleChars = 2;
// A name longer than this many words is a sentence, not a credit.
constexpr std::size_t kMaxNameWords = 5;
// Loose keys shorter than this never match an outlet by containment.
constexpr std::size_t kMinOutletKey = 3;

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view word) {
  return std::ranges::find(set, word) != set.end();
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s, std::string_view chars = " ") {
  while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (const auto w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

bool has_digit(std::string_view s) {
  return std::ranges::any_of(s, [](char c) { return is_digit(c); });
}

bool all_caps(std::string_view s) {
  bool letter = false;
  for (const char c : s) {
    if (is_lower(c)) return false;
    letter = letter || is_upper(c);
  }
  return letter;
}

// The first of several separators that cut a byline ("A | Special to X", "A - 11/19/19").
std::string_view cut_at_separators(std::string_view s) {
  constexpr auto kCuts = std::to_array<std::string_view>({
      "|",           " - ",        " \u2013 ", " \u2014 ", "\u00b7", "\u2022", " / ",
      "\u00bb",      "\u00ab",     "\n",       "(",        "[",      " on ",   " at ",
      " publiziert", " published", " updated", " update",  " am ",   " le ",   " el ",
  });
  std::size_t cut = s.size();
  const std::string lower = lower_ascii(s);
  for (const auto c : kCuts) {
    const std::size_t at = lower.find(c);
    if (at != std::string::npos && at > 0 && at < cut) cut = at;
  }
  // a word starting with a year (a date) ends the credits: what follows is a section or a
  // teaser ("By A 2019-11-18T20:51Z Science & Astronomy")
  for (std::size_t i = 1; i + 4 < cut; ++i) {
    if (s[i - 1] == ' ' && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
        is_digit(s[i + 3])) {
      cut = i;
      break;
    }
  }
  return s.substr(0, cut);
}

}  // namespace

bool is_name_particle(std::string_view word) {
  return in(kNameParticles, word);
}

std::string_view byline_prefix_of(std::string_view text, bool short_too) {
  const std::string lower = lower_ascii(text.substr(0, std::min<std::size_t>(text.size(), 32)));
  for (const auto p : kBylinePrefixes) {
    if (!short_too && p.size() == 2 && p != "by") continue;
    if (lower.size() >= p.size() && lower.compare(0, p.size(), p) == 0 &&
        (lower.size() == p.size() || p.back() == ':' || lower[p.size()] == ' ' ||
         lower[p.size()] == ':')) {
      return text.substr(0, p.size());
    }
  }
  return {};
}

namespace {

// Strips a leading "By", "Written by", "von" ...; a "by" later in the text ("Posted on May 3,
// 2015 by Admin") starts the byline there.
std::string_view strip_prefix(std::string_view s) {
  for (int round = 0; round < 2; ++round) {
    s = trim(s, " :-|");
    const std::string lower = lower_ascii(s);
    bool stripped = false;
    for (const auto p : kBylinePrefixes) {
      if (lower.size() > p.size() && lower.compare(0, p.size(), p) == 0 &&
          (p.back() == ':' || lower[p.size()] == ' ' || lower[p.size()] == ':')) {
        s.remove_prefix(p.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) {
      const std::size_t by = lower.find(" by ");
      if (by != std::string::npos) {
        s.remove_prefix(by + 4);
        stripped = true;
      }
    }
    if (!stripped) break;
  }
  return trim(s, " :-");
}

std::string title_case(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    if (is_upper(c) && !start) c = static_cast<char>(c - 'A' + 'a');
    start = !(is_upper(c) || is_lower(c) || static_cast<unsigned char>(c) >= 0x80 || c == '\'');
  }
  // "Mc" and "O'" prefixes keep their capital: McDONALD -> Mcdonald is the best we can do
  return out;
}

// Whether a word starts with a lowercase letter (ASCII, Latin-1 or Cyrillic).
bool starts_lower(std::string_view w) {
  if (w.empty()) return false;
  if (is_lower(w.front())) return true;
  if (w.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(w[0]);
  const auto b1 = static_cast<unsigned char>(w[1]);
  if (b0 == 0xC3) return b1 >= 0x9F && b1 <= 0xBF;                  // ß..ÿ
  if (b0 == 0xD0) return b1 >= 0xB0 && b1 <= 0xBF;                  // а..п
  if (b0 == 0xD1) return (b1 >= 0x80 && b1 <= 0x8F) || b1 == 0x91;  // р..я, ё
  return false;
}

/// Whether `word` is an initial ("C.", "J") or a lowercase name particle: a name's middle.
bool is_middle(std::string_view word) {
  const std::string lower = lower_ascii(trim(word, "."));
  return lower.size() == 1 || in(kNameParticles, lower);
}

/// What cut_glued_title() found.
enum class GluedTitle : std::uint8_t { none, cut, only_title };

/// Drops a job title glued after a name: from the first role word after two name words (three
/// when the second is an initial or particle: "Justin C. Meserole Trial Attorney"), the title
/// runs back to the name's end. A role word glued to the surname ("HabernyFounder") is cut off.
/// A credit that is a title alone ("Lead Reviewer", "Print Managing Editor") is only_title.
GluedTitle cut_glued_title(std::vector<std::string_view>& words) {
  if (words.size() < 2) return GluedTitle::none;
  const std::size_t name_words = words.size() >= 4 && is_middle(words[1]) ? 3 : 2;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view w = words[i];
    for (std::size_t k = 1; k < w.size(); ++k) {
      if (is_lower(w[k - 1]) && is_upper(w[k]) && in(kRoleWords, lower_ascii(w.substr(k)))) {
        words[i] = w.substr(0, k);
        words.resize(i + 1);
        return GluedTitle::cut;
      }
    }
    if (!in(kRoleWords, lower_ascii(trim(w, ".,")))) continue;
    if (i < name_words) return GluedTitle::only_title;
    for (std::size_t n = 0; n < name_words; ++n) {
      if (in(kTitleOpeners, lower_ascii(trim(words[n], ".,")))) return GluedTitle::only_title;
    }
    words.resize(name_words);
    return GluedTitle::cut;
  }
  return GluedTitle::none;
}

// Trims one name: stops at a word with digits, a weekday, a month followed by a number, or a
// lowercase word that may end a name; drops e-mails, @handles and URLs and a job title glued
// after the name (`title` says what cut_glued_title() found). A name running into any other
// lowercase word is a sentence, and a job title alone is no name: empty.
std::string trim_name(std::string_view raw, GluedTitle* title = nullptr) {
  const auto words = split_words(trim(raw, " .,:;|"));
  std::vector<std::string_view> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    if (w.find('@') != std::string_view::npos || w.find("://") != std::string_view::npos ||
        w.rfind("www.", 0) == 0) {
      continue;
    }
    if (has_digit(w)) break;
    const std::string lower = lower_ascii(trim(w, ".,"));
    if (in(kWeekdays, lower)) {
      if (kept.empty()) return {};  // "Sat, 20 Dec 2025"
      break;
    }
    if (starts_lower(w) && !in(kNameParticles, lower)) {
      if (kept.empty() && in(kNameJoiners, lower)) continue;  // leading "and"
      if (kept.size() == 1) {
        // one capitalised word and a preposition label what follows ("Published in Jane
        // Roe", "Insights from Jane Roe"): the name starts after it, if anywhere
        if (in(kLabelEnds, lower)) {
          kept.clear();
          continue;
        }
        if (in(kNameEndWords, lower)) return {};  // "Introducing the ..."
      }
      if (in(kNameEndWords, lower)) break;
      return {};
    }
    if (i + 1 < words.size() && has_digit(words[i + 1]) &&
        parse_date(std::string(w).append(" 1 2000"))) {
      break;  // "Joseph Tsidulko November 19, 2019"
    }
    kept.push_back(w);
  }
  while (!kept.empty() && is_lower(kept.back().front()) &&
         in(kNameParticles, lower_ascii(kept.back()))) {
    kept.pop_back();
  }
  const GluedTitle glued = cut_glued_title(kept);
  if (title != nullptr) *title = glued;
  if (glued == GluedTitle::only_title) return {};
  return std::string(trim(join(kept), " .,:;'\""));
}

// Whether a comma-separated part after a name is another name (not a role, outlet or degree).
bool looks_like_person(std::string_view part, bool whole_caps) {
  GluedTitle title = GluedTitle::none;
  const std::string trimmed = trim_name(part, &title);
  if (title != GluedTitle::none) return false;  // "Local Democracy Reporter" is a role
  const auto words = split_words(trimmed);
  if (words.size() < 2 || words.size() > kMaxNameWords) return false;
  if (is_company_form(lower_ascii(trim(words.back(), ",")))) return false;  // "Claight Corporation"
  return std::ranges::all_of(words, [whole_caps](std::string_view w) {
    if (has_digit(w)) return false;
    const std::string lower = lower_ascii(trim(w, ".,"));
    if (in(kDeskWords, lower) || agency_name(w)) return false;
    if (starts_lower(w) && !in(kNameParticles, lower)) return false;
    // an acronym inside a mixed-case credit is an outlet ("CNN Business")
    return whole_caps || w.size() < 2 || !all_caps(w) || w.find('.') != std::string_view::npos;
  });
}

// Whether a single cleaned name is a credit worth keeping (not a desk, handle or the outlet).
bool acceptable(const std::string& name, const std::vector<std::string>& outlets, bool handles) {
  if (name.empty()) return false;
  const auto words = split_words(name);
  if (words.size() > kMaxNameWords) return false;
  for (const auto w : words) {
    if (in(kDeskWords, lower_ascii(trim(w, ".,:")))) return false;
  }
  if (words.size() == 1 && handles) {
    const std::string_view w = words.front();
    if (w.size() < kMinHandleChars || w.find("://") != std::string_view::npos) return false;
  } else if (words.size() == 1) {
    const std::string_view w = words.front();
    if (w.find('_') != std::string_view::npos || has_digit(w)) return false;
    if (starts_lower(w)) return false;  // CMS handle "kei_eno", "admin"
    if (all_caps(w)) return false;      // initials or a station account: "AS", "KWCHCIK"
  }
  return std::ranges::none_of(
      outlets, [&name](const std::string& outlet) { return same_outlet(name, outlet); });
}

// Splits a comma part on "and"/"&" into names.
std::vector<std::string_view> split_joined(std::string_view part) {
  std::vector<std::string_view> out;
  const auto words = split_words(part);
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    if (end > start) {
      const char* b = words[start].data();
      const char* e = words[end - 1].data() + words[end - 1].size();
      out.emplace_back(b, static_cast<std::size_t>(e - b));
    }
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (in(kNameJoiners, lower_ascii(words[i]))) {
      flush(i);
      start = i + 1;
    }
  }
  flush(words.size());
  return out;
}

}  // namespace

bool reads_as_person(std::string_view part) {
  return looks_like_person(part, false);
}

std::optional<std::string> agency_name(std::string_view name) {
  std::string key = loose_key(name);
  for (const auto& [spelling, canonical] : kAgencies) {
    if (spelling == key) return std::string(canonical);
  }
  return std::nullopt;
}

bool same_outlet(std::string_view name, std::string_view outlet) {
  const std::string a = loose_key(name);
  const std::string b = loose_key(outlet);
  if (a.empty() || b.empty()) return false;
  return a == b || (a.size() >= kMinOutletKey && b.find(a) != std::string::npos) ||
         (b.size() >= kMinOutletKey && a.find(b) != std::string::npos);
}

// NOLINTNEXTLINE(readability-function-cognitive-complexity): one pass over a byline's parts
std::vector<Credit> clean_credits(std::string_view byline, const std::vector<std::string>& outlets,
                                  bool handles) {
  std::vector<Credit> out;
  const std::string text = clean_text(byline);
  if (text.empty() || text.find("://") != std::string::npos || text.rfind("www.", 0) == 0 ||
      text.front() == '/') {
    return out;
  }
  std::string_view s = strip_prefix(text);
  s = cut_at_separators(s);
  s = strip_prefix(s);

  // comma/semicolon parts: the first holds names; later ones are names only when they look so
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ',' || s[i] == ';') {
      const std::string_view p = trim(s.substr(start, i - start));
      if (!p.empty()) parts.push_back(p);
      start = i + 1;
    }
  }
  const bool whole_caps = !parts.empty() && all_caps(parts.front());
  bool after_joined_list = false;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::string_view part = parts[k];
    const auto names = split_joined(part);
    if (k > 0) {
      const std::string lower = lower_ascii(trim(part, ". "));
      if (in(kPostNominals, lower)) continue;
      // after "A and B," or a role, the rest is an affiliation: an agency there is credited
      bool all_people = !after_joined_list && !names.empty();
      for (const auto n : names) all_people = all_people && looks_like_person(n, whole_caps);
      if (!all_people) {
        if (auto agency = agency_name(part)) out.push_back({std::move(*agency), true});
        break;
      }
    }
    after_joined_list = after_joined_list || names.size() > 1;
    for (const auto n : names) {
      GluedTitle title = GluedTitle::none;
      const bool one_word = n.find(' ') == std::string_view::npos;
      std::string name =
          handles && one_word ? std::string(trim(n, " .,:;|'\"")) : trim_name(n, &title);
      if (title == GluedTitle::cut && acceptable(name, outlets, handles)) {
        out.push_back({std::move(name), false});
        return out;  // the title runs on: "Jane Roe Founder & Lead Reviewer"
      }
      if (name.empty()) continue;
      if (auto agency = agency_name(name)) {
        out.push_back({std::move(*agency), true});
        continue;
      }
      if (!acceptable(name, outlets, handles)) continue;
      if (all_caps(name)) name = title_case(name);
      out.push_back({std::move(name), false});
    }
  }
  return out;
}

}  // namespace clipdown::meta
