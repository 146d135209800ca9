// The front-matter emitter: the only place that knows YAML, TOML and JSON quoting.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clipdown/markdown.hpp"

namespace clipdown {

namespace {

// A plain YAML scalar may not start with one of these indicator characters.
constexpr std::string_view kYamlIndicators = "-?:,[]{}#&*!|>'\"%@`";
// Plain scalars YAML 1.1 or 1.2 resolves to a boolean, null, infinity, NaN or a merge/value key
// (compared case-insensitively, so "YES", "Null" and "oFF" are covered too).
constexpr std::array<std::string_view, 16> kYamlReserved = {
    "y", "n",    "yes", "no", "on",   "off",   "true",  "false",
    "~", "null", "<<",  "=",  ".inf", "+.inf", "-.inf", ".nan"};
// The characters of YAML 1.1 numbers: decimal, hex (0x), octal (0o, 0), binary (0b), floats with
// exponents, "_" digit separators and sexagesimal "1:20". A scalar made only of these that
// starts like a number is quoted (over-quoting "3D" is harmless; under-quoting "1e3" is not).
constexpr std::string_view kNumberChars = "0123456789abcdefABCDEFxXoO._:+-";
// Implicit YAML keys are limited to 1024 characters; longer extra keys are dropped.
constexpr std::size_t kMaxYamlKey = 1024;
// Front-matter keys in DESIGN's order (extra keys follow and may not repeat them).
constexpr std::array<std::string_view, 9> kKeys = {"title",       "author", "date", "source", "url",
                                                   "description", "image",  "lang", "tags"};

struct CodePoint {
  char32_t value = 0;
  std::size_t size = 1;
  bool valid = true;
};

CodePoint decode_at(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1, true};
  const std::size_t n = b0 >= 0xF8 ? 0 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return {0xFFFD, 1, false};
  auto value = static_cast<char32_t>(b0 & (0x3FU >> (n - 1)));
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0U) != 0x80U) return {0xFFFD, 1, false};
    value = (value << 6U) | (b & 0x3FU);
  }
  const bool overlong = (n == 3 && value < 0x800) || (n == 4 && value < 0x10000);
  if (overlong || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return {0xFFFD, 1, false};
  }
  return {value, n, true};
}

/// Characters a quoted scalar must write as an escape: C0 and C1 controls, DEL, the Unicode
/// line/paragraph separators and NEL (YAML line breaks), the BOM and the non-characters
/// U+FFFE/U+FFFF (not printable in YAML).
bool must_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// True when a plain scalar would be read as a number (int, float, hex, octal, sexagesimal).
bool looks_numeric(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  const bool starts = is_digit(s.front()) || (s.front() == '.' && s.size() > 1 && is_digit(s[1]));
  return starts && s.find_first_not_of(kNumberChars) == std::string_view::npos;
}

/// True when a plain scalar would be read as a timestamp ("2022-01-12", "2022-1-2 10:00").
bool looks_like_timestamp(std::string_view s) {
  return s.size() >= 5 && std::all_of(s.begin(), s.begin() + 4, is_digit) && s[4] == '-';
}

bool needs_yaml_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t') return true;
  if (kYamlIndicators.find(s.front()) != std::string_view::npos) return true;
  if (s.starts_with("...")) return true;  // "---" starts with an indicator already
  if (s.back() == ':') return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return true;
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_at(s, i);
    if (!cp.valid || must_escape(cp.value)) return true;
    i += cp.size;
  }
  if (std::any_of(kYamlReserved.begin(), kYamlReserved.end(),
                  [s](std::string_view word) { return equals_ignore_case(s, word); })) {
    return true;
  }
  return looks_numeric(s) || looks_like_timestamp(s);
}

bool digits(std::string_view s, std::size_t from, std::size_t count) {
  if (from + count > s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from),
                     s.begin() + static_cast<std::ptrdiff_t>(from + count), is_digit);
}

int number_at(std::string_view s, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

/// True when `s` is "YYYY-MM-DD" or an RFC 3339 date-time with an offset
/// ("2022-01-12T10:30:00Z", "2022-01-12T10:30:00.5+01:00"): written bare in YAML and TOML.
bool is_bare_date(std::string_view s) {
  constexpr int kMonths = 12;
  constexpr int kDays = 31;
  constexpr int kHours = 23;
  constexpr int kMinutes = 59;
  constexpr int kSeconds = 60;  // leap second
  if (!digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
      !digits(s, 8, 2)) {
    return false;
  }
  const int month = number_at(s, 5, 2);
  const int day = number_at(s, 8, 2);
  if (month < 1 || month > kMonths || day < 1 || day > kDays) return false;
  if (s.size() == 10) return true;
  if (s.size() < 20 || s[10] != 'T' || !digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2) ||
      s[16] != ':' || !digits(s, 17, 2)) {
    return false;
  }
  if (number_at(s, 11, 2) > kHours || number_at(s, 14, 2) > kMinutes ||
      number_at(s, 17, 2) > kSeconds) {
    return false;
  }
  std::size_t i = 19;
  if (s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    return s.size() == i + 6 && digits(s, i + 1, 2) && s[i + 3] == ':' && digits(s, i + 4, 2) &&
           number_at(s, i + 1, 2) <= kHours && number_at(s, i + 4, 2) <= kMinutes;
  }
  return false;
}

/// One front-matter entry: a scalar or a list of scalars.
struct Entry {
  std::string key;
  std::vector<std::string> values;
  bool list = false;  ///< written as a list even with one value
  bool date = false;  ///< a date field: bare when is_bare_date()
};

std::vector<std::string> non_empty(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

std::vector<Entry> entries(const Metadata& meta, const MarkdownOptions& options) {
  std::vector<Entry> out;
  const auto scalar = [&out](std::string_view key, const std::string& value, bool date = false) {
    if (!value.empty())
      out.push_back(Entry{.key = std::string(key), .values = {value}, .date = date});
  };
  scalar("title", meta.title);
  const auto authors = non_empty(meta.authors);
  if (!authors.empty()) out.push_back(Entry{.key = "author", .values = authors});
  scalar("date", meta.date, true);
  scalar("source", meta.source);
  scalar("url", meta.url);
  scalar("description", meta.description);
  scalar("image", meta.image);
  scalar("lang", meta.lang);
  const auto tags = non_empty(meta.tags);
  if (!tags.empty()) out.push_back(Entry{.key = "tags", .values = tags, .list = true});
  for (const auto& extra : options.extra_meta) {
    const std::string& key = extra.first;
    const std::string& value = extra.second;
    if (key.empty() || value.empty() || key.size() > kMaxYamlKey) continue;
    const bool taken =
        std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end() ||
        std::any_of(out.begin(), out.end(), [&key](const Entry& e) { return e.key == key; });
    if (!taken) out.push_back(Entry{.key = key, .values = {value}});
  }
  return out;
}

bool is_bare_toml_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-';
  });
}

std::string write_yaml(const std::vector<Entry>& list) {
  std::string out = "---\n";
  for (const auto& entry : list) {
    out += yaml_scalar(entry.key);
    out += ':';
    if (entry.list || entry.values.size() > 1) {
      out += '\n';
      for (const auto& value : entry.values) out += "  - " + yaml_scalar(value) + "\n";
      continue;
    }
    const std::string& value = entry.values.front();
    out += ' ';
    out += entry.date && is_bare_date(value) ? value : yaml_scalar(value);
    out += '\n';
  }
  out += "---\n";
  return out;
}

std::string write_toml(const std::vector<Entry>& list) {
  std::string out = "+++\n";
  for (const auto& entry : list) {
    out += is_bare_toml_key(entry.key) ? entry.key : json_string(entry.key);
    out += " = ";
    if (entry.list || entry.values.size() > 1) {
      out += '[';
      for (std::size_t i = 0; i < entry.values.size(); ++i) {
        if (i > 0) out += ", ";
        out += json_string(entry.values[i]);
      }
      out += "]\n";
      continue;
    }
    const std::string& value = entry.values.front();
    out += entry.date && is_bare_date(value) ? value : json_string(value);
    out += '\n';
  }
  out += "+++\n";
  return out;
}

std::string write_json(const std::vector<Entry>& list) {
  std::string out = "{\n";
  for (std::size_t e = 0; e < list.size(); ++e) {
    const Entry& entry = list[e];
    out += "  " + json_string(entry.key) + ": ";
    if (entry.list || entry.values.size() > 1) {
      out += '[';
      for (std::size_t i = 0; i < entry.values.size(); ++i) {
        if (i > 0) out += ", ";
        out += json_string(entry.values[i]);
      }
      out += ']';
    } else {
      out += json_string(entry.values.front());
    }
    out += e + 1 < list.size() ? ",\n" : "\n";
  }
  out += "}\n";
  return out;
}

}  // namespace

std::string json_string(std::string_view value) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < value.size();) {
    const CodePoint cp = decode_at(value, i);
    const char32_t c = cp.value;
    if (!cp.valid) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (must_escape(c)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(c >> static_cast<unsigned>(shift)) & 0xFU];
    } else {
      out.append(value.substr(i, cp.size));
    }
    i += cp.size;
  }
  out += '"';
  return out;
}

std::string yaml_scalar(std::string_view value) {
  return needs_yaml_quotes(value) ? json_string(value) : std::string(value);
}

std::string write_front_matter(const Metadata& meta, const MarkdownOptions& options) {
  if (options.front_matter == FrontMatter::none) return {};
  const auto list = entries(meta, options);
  if (list.empty()) return {};
  switch (options.front_matter) {
    case FrontMatter::yaml:
      return write_yaml(list);
    case FrontMatter::toml:
      return write_toml(list);
    case FrontMatter::json:
      return write_json(list);
    case FrontMatter::none:
      break;
  }
  return {};
}

}  // namespace clipdown
