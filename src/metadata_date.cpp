// Date parsing for the metadata resolver: hand-written scanners, no regex.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "metadata_internal.hpp"

namespace clipdown::meta {
namespace {

// Sane publication years: older dates are misparsed numbers, later ones placeholders.
constexpr int kMinYear = 1995;
constexpr int kMaxYear = 2035;
// Unix timestamps in seconds have 10 digits, in milliseconds 13.
constexpr std::size_t kUnixSecondsDigits = 10;
constexpr std::size_t kUnixMillisDigits = 13;
// A compact date YYYYMMDD has 8 digits.
constexpr std::size_t kCompactDateDigits = 8;
constexpr long kSecondsPerDay = 86400;
constexpr int kSecondsPerHour = 3600;
constexpr int kHoursPerDay = 24;
constexpr int kMinutesPerHour = 60;
// Two-digit years are 20YY.
constexpr int kTwoDigitYearBase = 2000;

// Month names and abbreviations (lowercase, without a trailing dot) in English, French, German,
// Spanish, Portuguese, Italian, Indonesian and Russian (genitive); value = month number.
constexpr auto kMonthNames = std::to_array<std::pair<std::string_view, int>>({
    {"january", 1},    {"jan", 1},        {"february", 2},  {"feb", 2},       {"march", 3},
    {"mar", 3},        {"april", 4},      {"apr", 4},       {"may", 5},       {"june", 6},
    {"jun", 6},        {"july", 7},       {"jul", 7},       {"august", 8},    {"aug", 8},
    {"september", 9},  {"sep", 9},        {"sept", 9},      {"october", 10},  {"oct", 10},
    {"november", 11},  {"nov", 11},       {"december", 12}, {"dec", 12},      {"janvier", 1},
    {"janv", 1},       {"février", 2},    {"fevrier", 2},   {"févr", 2},      {"mars", 3},
    {"avril", 4},      {"avr", 4},        {"mai", 5},       {"juin", 6},      {"juillet", 7},
    {"juil", 7},       {"août", 8},       {"aout", 8},      {"septembre", 9}, {"octobre", 10},
    {"novembre", 11},  {"décembre", 12},  {"decembre", 12}, {"déc", 12},      {"januar", 1},
    {"jänner", 1},     {"februar", 2},    {"märz", 3},      {"maerz", 3},     {"juni", 6},
    {"juli", 7},       {"oktober", 10},   {"okt", 10},      {"dezember", 12}, {"dez", 12},
    {"enero", 1},      {"ene", 1},        {"febrero", 2},   {"marzo", 3},     {"abril", 4},
    {"abr", 4},        {"mayo", 5},       {"junio", 6},     {"julio", 7},     {"agosto", 8},
    {"ago", 8},        {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},  {"noviembre", 11},
    {"diciembre", 12}, {"dic", 12},       {"janeiro", 1},   {"fevereiro", 2}, {"fev", 2},
    {"março", 3},      {"marco", 3},      {"maio", 5},      {"junho", 6},     {"julho", 7},
    {"setembro", 9},   {"set", 9},        {"outubro", 10},  {"out", 10},      {"novembro", 11},
    {"dezembro", 12},  {"gennaio", 1},    {"gen", 1},       {"febbraio", 2},  {"aprile", 4},
    {"maggio", 5},     {"mag", 5},        {"giugno", 6},    {"giu", 6},       {"luglio", 7},
    {"lug", 7},        {"settembre", 9},  {"ottobre", 10},  {"ott", 10},      {"dicembre", 12},
    {"maret", 3},      {"mei", 5},        {"agustus", 8},   {"desember", 12}, {"января", 1},
    {"февраля", 2},    {"марта", 3},      {"апреля", 4},    {"мая", 5},       {"июня", 6},
    {"июля", 7},       {"августа", 8},    {"сентября", 9},  {"октября", 10},  {"ноября", 11},
    {"декабря", 12},
});

// Words that mark the time as UTC.
constexpr std::array<std::string_view, 4> kUtcWords = {"gmt", "utc", "z", "ut"};

enum class TokKind : std::uint8_t { number, word, sep };

struct Token {
  TokKind kind = TokKind::sep;
  std::string_view text;
  std::size_t pos = 0;
  bool space_before = false;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    TokKind kind = TokKind::sep;
    if (is_digit(c)) {
      kind = TokKind::number;
      while (j < text.size() && is_digit(text[j])) ++j;
    } else if (is_alpha(c)) {
      kind = TokKind::word;
      while (j < text.size() && is_alpha(text[j])) ++j;
    }
    out.push_back({kind, text.substr(i, j - i), i, space});
    space = false;
    i = j;
  }
  return out;
}

// What to_int() gives for a run of more than nine digits: larger than any date field, and a
// century can still be added to it without overflow.
constexpr int kTooManyDigits = 999'999'999;

int to_int(std::string_view digits) {
  if (digits.size() > 9) return kTooManyDigits;
  int v = 0;
  for (const char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays.at(static_cast<std::size_t>(m - 1));
}

bool sane(const ParsedDate& d) {
  return d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's civil_from_days.
ParsedDate civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  ParsedDate out;
  out.year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  out.month = static_cast<int>(m);
  out.day = static_cast<int>(d);
  return out;
}

int month_of(std::string_view word) {
  std::string lower = lower_ascii(word);
  for (const auto& [name, month] : kMonthNames) {
    if (name == lower) return month;
  }
  return 0;
}

bool is_utc_word(std::string_view word) {
  const std::string lower = lower_ascii(word);
  return std::ranges::find(kUtcWords, lower) != kUtcWords.end();
}

// ISO 8601 at text[pos]: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|+HH:MM|+HHMM|-HH].
// NOLINTNEXTLINE(readability-function-cognitive-complexity): scanner: a branch per ISO part
std::optional<ParsedDate> parse_iso_at(std::string_view text, std::size_t pos) {
  auto digits = [&](std::size_t at, std::size_t max) {
    std::size_t n = 0;
    while (at + n < text.size() && n < max && is_digit(text[at + n])) ++n;
    return n;
  };
  std::size_t i = pos;
  if (digits(i, 5) != 4) return std::nullopt;
  ParsedDate d;
  d.year = to_int(text.substr(i, 4));
  i += 4;
  if (i >= text.size() || (text[i] != '-' && text[i] != '/' && text[i] != '.')) return std::nullopt;
  const char sep = text[i++];
  std::size_t n = digits(i, 3);
  if (n < 1 || n > 2) return std::nullopt;
  d.month = to_int(text.substr(i, n));
  i += n;
  if (i >= text.size() || text[i] != sep) return std::nullopt;
  ++i;
  n = digits(i, 3);
  if (n < 1 || n > 2) return std::nullopt;
  d.day = to_int(text.substr(i, n));
  i += n;
  if (!sane(d)) return std::nullopt;
  // optional time
  if (i + 3 < text.size() && (text[i] == 'T' || text[i] == ' ') && digits(i + 1, 3) == 2 &&
      text[i + 3] == ':') {
    d.hour = to_int(text.substr(i + 1, 2));
    if (digits(i + 4, 3) == 2) d.minute = to_int(text.substr(i + 4, 2));
    i += 4;
    while (i < text.size() && (is_digit(text[i]) || text[i] == ':' || text[i] == '.')) ++i;
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
      d.utc = true;
    } else if (i + 2 < text.size() && (text[i] == '+' || text[i] == '-') && digits(i + 1, 3) == 2) {
      std::size_t k = i + 3;
      if (k < text.size() && text[k] == ':') ++k;
      const int hours = to_int(text.substr(i + 1, 2));
      const int minutes = digits(k, 3) == 2 ? to_int(text.substr(k, 2)) : 0;
      d.utc = hours == 0 && minutes == 0;
      d.local = !d.utc;
      d.offset = (text[i] == '-' ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  return d;
}

// A numeric token with up to `max_digits` digits, read as a day of month ("19", "19th").
std::optional<int> day_at(const std::vector<Token>& toks, std::size_t i) {
  if (i >= toks.size() || toks[i].kind != TokKind::number || toks[i].text.size() > 2) {
    return std::nullopt;
  }
  const int v = to_int(toks[i].text);
  if (v < 1 || v > 31) return std::nullopt;
  return v;
}

// Filler words between the parts of a written date ("22 de outubro de 2010", "the 5th of May").
bool is_filler(const Token& t) {
  if (t.kind == TokKind::sep)
    return t.text == "," || t.text == "." || t.text == "-" || t.text == "/";
  if (t.kind != TokKind::word) return false;
  const std::string w = lower_ascii(t.text);
  return w == "de" || w == "of" || w == "del" || w == "st" || w == "nd" || w == "rd" || w == "th" ||
         w == "er" || w == "the";
}

// A year token: 4 digits, or 5-6 digits glued to a time ("20194:29" -> 2019).
std::optional<int> year_at(const std::vector<Token>& toks, std::size_t i) {
  if (i >= toks.size() || toks[i].kind != TokKind::number) return std::nullopt;
  if (toks[i].text.size() < 4 || toks[i].text.size() > 6) return std::nullopt;
  const int y = to_int(toks[i].text.substr(0, 4));
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  return y;
}

// Hour and UTC flag from the tokens, wherever a time appears.
void read_time(const std::vector<Token>& toks, ParsedDate& d) {
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind == TokKind::word && is_utc_word(toks[i].text)) d.utc = true;
    if (d.hour < 0 && toks[i].kind == TokKind::number && toks[i].text.size() <= 2 &&
        i + 2 < toks.size() && toks[i + 1].text == ":" && toks[i + 2].kind == TokKind::number) {
      int h = to_int(toks[i].text);
      std::size_t k = i + 3;
      while (k < toks.size() && (toks[k].text == ":" || toks[k].kind == TokKind::number)) ++k;
      if (k < toks.size() && toks[k].kind == TokKind::word) {
        const std::string w = lower_ascii(toks[k].text);
        if ((w == "pm" || w == "p") && h < 12) h += 12;
        if ((w == "am" || w == "a") && h == 12) h = 0;
      }
      d.hour = h;
    }
    // a 24-hour time written without a colon before its zone ("Updated 0339 GMT")
    if (d.hour < 0 && toks[i].kind == TokKind::number && toks[i].text.size() == 4 &&
        i + 1 < toks.size() && toks[i + 1].kind == TokKind::word && is_utc_word(toks[i + 1].text)) {
      const int h = to_int(toks[i].text.substr(0, 2));
      if (h < kHoursPerDay && to_int(toks[i].text.substr(2)) < kMinutesPerHour) d.hour = h;
    }
  }
}

// Month written as a word: "Nov. 19, 2019", "19 November 2019", "22 de outubro de 2010".
std::optional<ParsedDate> parse_month_word(const std::vector<Token>& toks, int default_year) {
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind != TokKind::word) continue;
    const int month = month_of(toks[i].text);
    if (month == 0) continue;
    ParsedDate d;
    d.month = month;
    // day before the month: "19 November", "25. September", "22 de outubro"
    std::size_t j = i;
    while (j > 0 && is_filler(toks[j - 1]) && i - j < 3) --j;
    std::optional<int> day;
    std::size_t after = i + 1;
    if (j > 0) day = day_at(toks, j - 1);
    // day after the month: "November 19", "Nov. 18th", "Nov.November 18"
    std::size_t k = i + 1;
    while (k < toks.size() &&
           (is_filler(toks[k]) || (toks[k].kind == TokKind::word && month_of(toks[k].text) != 0))) {
      ++k;
    }
    if (!day) {
      day = day_at(toks, k);
      if (day) after = k + 1;
    }
    if (!day) continue;
    // year after: skip fillers, suffixes and a glued time
    std::size_t y = after;
    while (y < toks.size() && is_filler(toks[y])) ++y;
    std::optional<int> year = year_at(toks, y);
    if (!year && i + 1 < toks.size()) year = year_at(toks, k);
    if (!year && j >= 2) year = year_at(toks, j - 2);  // "2019, 19 Nov" is rare; cheap to try
    if (!year && default_year != 0) year = default_year;
    if (!year) continue;
    d.year = *year;
    d.day = *day;
    if (sane(d)) return d;
  }
  return std::nullopt;
}

// All-numeric dates: "19.11.2019", "11/19/2019", "11/20/19", "2019/11/19".
std::optional<ParsedDate> parse_numeric(const std::vector<Token>& toks, bool month_first) {
  for (std::size_t i = 0; i + 4 < toks.size(); ++i) {
    const Token& a = toks[i];
    const Token& s1 = toks[i + 1];
    const Token& b = toks[i + 2];
    const Token& s2 = toks[i + 3];
    const Token& c = toks[i + 4];
    if (a.kind != TokKind::number || b.kind != TokKind::number || c.kind != TokKind::number ||
        s1.kind != TokKind::sep || s1.text != s2.text || s1.space_before || b.space_before ||
        s2.space_before || c.space_before) {
      continue;
    }
    if (s1.text != "/" && s1.text != "." && s1.text != "-") continue;
    if (i > 0 && toks[i - 1].kind == TokKind::sep && !a.space_before &&
        (toks[i - 1].text == ":" || toks[i - 1].text == ".")) {
      continue;  // part of a time or a longer number
    }
    ParsedDate d;
    if (a.text.size() == 4) {
      d.year = to_int(a.text);
      d.month = to_int(b.text);
      d.day = to_int(c.text);
    } else if (a.text.size() <= 2 && b.text.size() <= 2 &&
               (c.text.size() == 4 || c.text.size() == 2)) {
      d.year = c.text.size() == 4 ? to_int(c.text) : kTwoDigitYearBase + to_int(c.text);
      const int x = to_int(a.text);
      const int y = to_int(b.text);
      // dots are day-first in Europe, except when that cannot be ("11.14.2019")
      bool mf = s1.text == "/" ? month_first : false;
      if (x > 12) mf = false;
      if (y > 12) mf = true;
      d.month = mf ? x : y;
      d.day = mf ? y : x;
    } else {
      continue;
    }
    if (sane(d)) return d;
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string ParsedDate::iso() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

long ParsedDate::days() const {
  // Howard Hinnant's days_from_civil.
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = month > 2 ? month - 3 : month + 9;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<ParsedDate> parse_date(std::string_view text, bool month_first, int default_year) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // unix timestamp
  bool all_digits = true;
  for (const char c : text) all_digits = all_digits && is_digit(c);
  if (all_digits && (text.size() == kUnixSecondsDigits || text.size() == kUnixMillisDigits)) {
    long seconds = 0;
    for (std::size_t i = 0; i < kUnixSecondsDigits; ++i) seconds = seconds * 10 + (text[i] - '0');
    ParsedDate d = civil_from_days(seconds / kSecondsPerDay);
    d.hour = static_cast<int>((seconds % kSecondsPerDay) / kSecondsPerHour);
    d.utc = true;
    if (sane(d)) return d;
    return std::nullopt;
  }
  if (all_digits && text.size() == kCompactDateDigits) {
    ParsedDate d;
    d.year = to_int(text.substr(0, 4));
    d.month = to_int(text.substr(4, 2));
    d.day = to_int(text.substr(6, 2));
    if (sane(d)) return d;
    return std::nullopt;
  }
  const std::vector<Token> toks = tokenize(text);
  // ISO 8601 wherever a 4-digit year starts "YYYY-M-D"
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind == TokKind::number && toks[i].text.size() == 4 &&
        (i == 0 || toks[i - 1].kind != TokKind::number)) {
      if (auto d = parse_iso_at(text, toks[i].pos)) {
        if (d->hour < 0) read_time(toks, *d);
        return d;
      }
    }
  }
  std::optional<ParsedDate> d = parse_month_word(toks, default_year);
  if (!d) d = parse_numeric(toks, month_first);
  if (d) read_time(toks, *d);
  return d;
}

ParsedDate shifted(const ParsedDate& utc, int offset) {
  constexpr int kMinutesPerDay = 24 * 60;
  int minutes = std::max(utc.hour, 0) * 60 + utc.minute + offset;
  long day = utc.days();
  while (minutes < 0) {
    minutes += kMinutesPerDay;
    --day;
  }
  while (minutes >= kMinutesPerDay) {
    minutes -= kMinutesPerDay;
    ++day;
  }
  ParsedDate out = civil_from_days(day);
  out.hour = minutes / 60;
  out.minute = minutes % 60;
  out.local = offset != 0;
  out.utc = offset == 0;
  out.offset = offset;
  return out;
}

std::optional<ParsedDate> url_date(std::string_view url) {
  // the path only: skip "scheme://host"
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return std::nullopt;
  const std::size_t end = url.find_first_of("?#", start);
  const std::string_view path =
      url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  // the segments, split at '/'
  std::vector<std::string_view> segs;
  for (std::size_t i = 0; i < path.size();) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) segs.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  auto number = [](std::string_view s, std::size_t min, std::size_t max) {
    if (s.size() < min || s.size() > max) return -1;
    for (const char c : s) {
      if (!is_digit(c)) return -1;
    }
    return to_int(s);
  };
  // "/2019/11/18/", "/2019/nov/18/"; the day segment must be followed by another one
  for (std::size_t i = 0; i + 3 < segs.size(); ++i) {
    ParsedDate d;
    d.year = number(segs[i], 4, 4);
    if (d.year < 0) continue;
    d.month = number(segs[i + 1], 2, 2);
    if (d.month < 0) d.month = month_of(segs[i + 1]);
    d.day = number(segs[i + 2], 2, 2);
    if (sane(d)) return d;
  }
  return std::nullopt;
}

}  // namespace clipdown::meta
