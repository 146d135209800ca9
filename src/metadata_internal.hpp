#pragma once

// Pieces of the metadata resolver (src/metadata*.cpp), exposed for unit tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clipdown::meta {

/// Decodes leftover HTML entities (&amp;, &#8217;, &rsquo; ...), collapses white space (NBSP
/// included) to single spaces and trims.
std::string clean_text(std::string_view text);

/// ASCII-lowercased copy.
std::string lower_ascii(std::string_view text);

/// A comparison key: lowercase ASCII letters and digits plus every non-ASCII byte, nothing else
/// ("The Hill" -> "thehill", "Barron's" -> "barrons").
std::string loose_key(std::string_view text);

/// Whether `word` (lowercase) may sit lowercase inside a person's name ("van", "da", "bin").
bool is_name_particle(std::string_view word);

/// Whether `word` (folded: lowercase) is a company form that ends an organisation's name ("inc",
/// "llc", "gmbh", "corporation", "group").
bool is_company_form(std::string_view word);

/// Whether `ending` (a loose key: "com", "couk") is a domain ending site names carry
/// ("MacRumors.com").
bool is_domain_ending(std::string_view ending);

/// loose_key() of a site name without a leading "The"/"@"/"www." and a trailing domain ending,
/// to compare spellings of one site ("The Hill" ~ "TheHill.com" ~ "@thehill").
std::string site_key(std::string_view name);

/// The number of space-separated words.
std::size_t word_count(std::string_view text);

/// A calendar date found in free text, with what is known of its time.
struct ParsedDate {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = -1;       ///< hour of day when a time was given, else -1
  bool utc = false;    ///< the time was given in UTC (Z, +00:00, GMT, UTC, unix timestamp)
  bool local = false;  ///< the time came with a non-UTC offset: the date is the local day
  int minute = 0;      ///< minute of the hour when an ISO time was given
  int offset = 0;      ///< the ISO time's offset from UTC in minutes (when `local`)
  /// YYYY-MM-DD.
  [[nodiscard]] std::string iso() const;
  /// Days since 1970-01-01.
  [[nodiscard]] long days() const;
};

/// Parses a date out of metadata or a visible dateline: ISO 8601, RFC 2822, "Nov. 19, 2019 8:03
/// am ET", "19 November 2019", "2019/11/19", "19.11.2019", "11/19/19", unix timestamps, month
/// names in English, French, German, Spanish, Portuguese, Italian and Russian. Ambiguous
/// slashed dates (05/10/2018) read month first when `month_first`. Dates outside the sane range
/// (1995..2035, valid day and month) give nothing. A written date without a year ("Posted Nov
/// 18, 8:19 PM") takes `default_year` when it is not 0.
std::optional<ParsedDate> parse_date(std::string_view text, bool month_first = true,
                                     int default_year = 0);

/// `utc` (a UTC time) moved by `offset` minutes: the day, hour and minute in that zone.
ParsedDate shifted(const ParsedDate& utc, int offset);

/// The publication day written in a URL's path as "/YYYY/MM/DD/" or "/YYYY/mon/DD/" (then a
/// further segment: the article's slug), or nothing.
std::optional<ParsedDate> url_date(std::string_view url);

/// One name credited in a byline.
struct Credit {
  std::string name;
  bool agency = false;  ///< a news agency (Reuters, AP, ...), not a person
};

/// Cleans one byline or author value into the names it credits: strips "By"/"Written by"/"von"
/// prefixes, dates and times, job titles and outlets after a comma, e-mails, handles and URLs;
/// splits "A, B and C" lists; drops desk credits ("Staff", "Editorial board") and CMS handles;
/// title-cases ALL-CAPS names. `outlets` name the site: a credit equal to one is dropped. With
/// `handles` (a discussion thread, where people post under user names) a one-word handle such
/// as "amondale" or "noah_b" is a name too.
std::vector<Credit> clean_credits(std::string_view byline,
                                  const std::vector<std::string>& outlets = {},
                                  bool handles = false);

/// The byline prefix `text` starts with ("Written by", "By:", "von"), compared lowercased and
/// followed by the end of `text`, a space or a colon; empty when there is none. Two-letter
/// prefixes of other languages ("de", "di", "av") count only when `short_too`.
std::string_view byline_prefix_of(std::string_view text, bool short_too = true);

/// Whether `part` reads as a person's name: two to a few capitalised words (particles aside),
/// no digits, desk words, agencies or acronyms.
bool reads_as_person(std::string_view part);

/// Whether `name` is the outlet `outlet` itself, loosely ("Sky" ~ "Sky News", "AppleInsider").
bool same_outlet(std::string_view name, std::string_view outlet);

/// The canonical name of a news agency when `name` is one ("REUTERS" -> "Reuters").
std::optional<std::string> agency_name(std::string_view name);

/// What JSON-LD blocks say about the article.
struct JsonLd {
  std::string headline;                           ///< headline (or name) of the article node
  std::string page_name;                          ///< name/headline of a WebPage node (weaker)
  std::vector<std::string> authors;               ///< author names of the article node
  std::vector<std::string> organisation_authors;  ///< those typed as organisations only
  std::string date_published;  ///< datePublished of the article node (or the page's)
  std::string date_modified;   ///< dateModified of the article node (or the page's)
  std::string publisher;       ///< publisher.name of the article node
  std::string organization;    ///< name of a standalone Organization / WebSite node
  std::string description;
  std::string image;
  std::string in_language;
  std::string url;
  std::vector<std::string> keywords;
};

/// Reads the raw texts of <script type="application/ld+json"> blocks. Broken JSON (HTML
/// comments, CDATA wrappers, trailing commas, control characters, several objects) is repaired
/// cheaply; what still does not parse is ignored.
JsonLd read_jsonld(const std::vector<std::string_view>& scripts);

}  // namespace clipdown::meta
