// The front-matter emitter: the only place that knows YAML, TOML and JSON quoting.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
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
// Typed values (--meta draft=true, weight=10): integers longer than this stay strings, so every
// value fits the 64-bit integers of TOML and JSON readers.
constexpr std::size_t kMaxIntegerDigits = 18;
// Characters that would end or split an Obsidian [[link]] (alias '|', heading '#', block '^').
constexpr std::string_view kWikilinkUnsafe = "[]|#^";
// "YYYY-MM-DD": the length of a date cut from a date-time (FieldShape::day).
constexpr std::size_t kDayLength = 10;

/// DESIGN's standard front-matter keys, in order (the default dialect).
const std::vector<FrontMatterKey>& standard_keys() {
  static const std::vector<FrontMatterKey> kKeys = {
      {.field = MetaField::title, .key = "title"},
      {.field = MetaField::author, .key = "author"},  // a string; a list when several
      {.field = MetaField::date, .key = "date"},
      {.field = MetaField::updated, .key = "updated"},
      {.field = MetaField::source, .key = "source"},
      {.field = MetaField::url, .key = "url"},
      {.field = MetaField::description, .key = "description"},
      {.field = MetaField::image, .key = "image"},
      {.field = MetaField::lang, .key = "lang"},
      {.field = MetaField::tags, .key = "tags", .shape = FieldShape::list},
  };
  return kKeys;
}

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

/// One front-matter entry: a scalar or a list of scalars, at the top level or in a table.
struct Entry {
  std::string key;
  std::string table;  ///< "": top level
  std::vector<std::string> values;
  bool list = false;      ///< written as a list even with one value
  bool date = false;      ///< a date field: bare when is_bare_date()
  bool typed = false;     ///< `true`, `false` and integers are written bare (booleans, numbers)
  bool required = false;  ///< written as "" when it has no value
};

/// True when a typed value is a boolean or an integer that every format reads as such: `true`,
/// `false`, or decimal digits (optional '-', no leading zero, at most kMaxIntegerDigits).
bool is_typed_literal(std::string_view s) {
  if (s == "true" || s == "false") return true;
  std::string_view digits_part = s;
  if (!digits_part.empty() && digits_part.front() == '-') digits_part.remove_prefix(1);
  if (digits_part.empty() || digits_part.size() > kMaxIntegerDigits) return false;
  if (digits_part.size() > 1 && digits_part.front() == '0') return false;
  return std::all_of(digits_part.begin(), digits_part.end(), is_digit);
}

std::vector<std::string> non_empty(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

/// An Obsidian link to `name`: the characters that would end or split the link are dropped.
std::string wikilink(std::string_view name) {
  std::string out = "[[";
  for (const char c : name) {
    if (kWikilinkUnsafe.find(c) != std::string_view::npos) continue;
    if (c == ' ' && (out.back() == ' ' || out.back() == '[')) continue;  // no doubled spaces
    out += c;
  }
  if (out.back() == ' ') out.pop_back();
  out += "]]";
  return out;
}

/// The values of one Metadata field (empty strings dropped).
std::vector<std::string> field_values(const Metadata& meta, MetaField field) {
  switch (field) {
    case MetaField::title:
      return non_empty({meta.title});
    case MetaField::author:
      return non_empty(meta.authors);
    case MetaField::date:
      return non_empty({meta.date});
    case MetaField::updated:
      return non_empty({meta.updated});
    case MetaField::source:
      return non_empty({meta.source});
    case MetaField::url:
      return non_empty({meta.url});
    case MetaField::description:
      return non_empty({meta.description});
    case MetaField::image:
      return non_empty({meta.image});
    case MetaField::lang:
      return non_empty({meta.lang});
    case MetaField::tags:
      return non_empty(meta.tags);
  }
  return {};
}

/// The entry a dialect key writes (with no values when the field is unknown).
Entry key_entry(const Metadata& meta, const FrontMatterKey& key) {
  Entry entry{.key = key.key,
              .table = key.table,
              .values = field_values(meta, key.field),
              .list = key.field == MetaField::tags,
              .date = key.field == MetaField::date || key.field == MetaField::updated,
              .required = key.required};
  switch (key.shape) {
    case FieldShape::scalar:
      break;
    case FieldShape::list:
      entry.list = true;
      break;
    case FieldShape::wikilinks:
      entry.list = true;
      for (auto& value : entry.values) value = wikilink(value);
      break;
    case FieldShape::day:
      for (auto& value : entry.values) {
        if (value.size() > kDayLength && is_bare_date(value)) value.resize(kDayLength);
      }
      break;
    case FieldShape::joined:
      entry.list = false;
      if (entry.values.size() > 1) entry.values = {join_names(entry.values)};
      break;
  }
  return entry;
}

/// Applies one extra key: replaces the value of an entry with the same key, else appends it
/// (into the dialect's extra table when the top level does not allow it).
void apply_extra(std::vector<Entry>& out, const std::string& key, const std::string& value,
                 const FrontMatterDialect& dialect) {
  if (key.empty() || key.size() > kMaxYamlKey) return;
  const auto same =
      std::find_if(out.begin(), out.end(), [&key](const Entry& e) { return e.key == key; });
  if (same != out.end()) {
    same->values.clear();
    if (!value.empty()) same->values.push_back(value);
    same->list = false;
    same->typed = true;
    same->required = false;
    return;
  }
  // A key named like a table would write that table twice (invalid TOML, lossy YAML).
  const bool table_name =
      std::any_of(out.begin(), out.end(), [&key](const Entry& e) { return e.table == key; });
  if (value.empty() || table_name) return;
  const bool allowed =
      dialect.top_level.empty() ||
      std::find(dialect.top_level.begin(), dialect.top_level.end(), key) != dialect.top_level.end();
  out.push_back(Entry{.key = key,
                      .table = allowed ? std::string() : dialect.extra_table,
                      .values = {value},
                      .typed = true});
}

std::vector<Entry> entries(const Metadata& meta, const MarkdownOptions& options) {
  const FrontMatterDialect& dialect = options.dialect;
  const std::vector<FrontMatterKey>& keys = dialect.keys.empty() ? standard_keys() : dialect.keys;
  std::vector<Entry> out;
  out.reserve(keys.size() + dialect.constants.size() + options.extra_meta.size());
  for (const auto& key : keys) out.push_back(key_entry(meta, key));
  for (const auto& constant : dialect.constants) {
    out.push_back(Entry{.key = constant.key,
                        .table = constant.table,
                        .values = constant.values,
                        .list = constant.list,
                        .typed = true});
  }
  for (const auto& [key, value] : options.extra_meta) apply_extra(out, key, value, dialect);
  std::vector<Entry> kept;
  kept.reserve(out.size());
  for (auto& entry : out) {
    if (entry.values.empty() && entry.required) entry.values.emplace_back();
    if (!entry.values.empty()) kept.push_back(std::move(entry));
  }
  return kept;
}

/// The entries grouped for writing: the top-level ones first, then each table (in order of
/// first appearance) with its entries. TOML needs this order; YAML and JSON follow it too.
struct Group {
  std::string table;
  std::vector<const Entry*> members;
};

std::vector<Group> groups(const std::vector<Entry>& list) {
  std::vector<Group> out(1);
  for (const auto& entry : list) {
    auto group = std::find_if(out.begin(), out.end(),
                              [&entry](const Group& g) { return g.table == entry.table; });
    if (group == out.end()) {
      out.push_back(Group{.table = entry.table});
      group = std::prev(out.end());
    }
    group->members.push_back(&entry);
  }
  return out;
}

bool is_bare_toml_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-';
  });
}

bool written_bare(const Entry& entry, std::string_view value) {
  return (entry.typed && is_typed_literal(value)) || (entry.date && is_bare_date(value));
}

bool is_list(const Entry& entry) {
  return entry.list || entry.values.size() > 1;
}

void write_yaml_entry(std::string& out, const Entry& entry, std::string_view indent) {
  out += indent;
  out += yaml_scalar(entry.key);
  out += ':';
  const auto value_text = [&entry](const std::string& value) {
    return written_bare(entry, value) ? value : yaml_scalar(value);
  };
  if (is_list(entry)) {
    out += '\n';
    for (const auto& value : entry.values) {
      out += indent;
      out += "  - " + value_text(value) + "\n";
    }
    return;
  }
  out += ' ' + value_text(entry.values.front()) + '\n';
}

std::string write_yaml(const std::vector<Entry>& list) {
  std::string out = "---\n";
  for (const auto& group : groups(list)) {
    std::string_view indent;
    if (!group.table.empty()) {
      out += yaml_scalar(group.table) + ":\n";
      indent = "  ";
    }
    for (const Entry* entry : group.members) write_yaml_entry(out, *entry, indent);
  }
  out += "---\n";
  return out;
}

std::string toml_key(std::string_view key) {
  return is_bare_toml_key(key) ? std::string(key) : json_string(key);
}

std::string write_toml(const std::vector<Entry>& list) {
  std::string out = "+++\n";
  for (const auto& group : groups(list)) {
    if (!group.table.empty()) out += "\n[" + toml_key(group.table) + "]\n";
    for (const Entry* entry : group.members) {
      const auto value_text = [entry](const std::string& value) {
        return written_bare(*entry, value) ? value : json_string(value);
      };
      out += toml_key(entry->key) + " = ";
      if (is_list(*entry)) {
        out += '[';
        for (std::size_t i = 0; i < entry->values.size(); ++i) {
          if (i > 0) out += ", ";
          out += value_text(entry->values[i]);
        }
        out += "]\n";
        continue;
      }
      out += value_text(entry->values.front()) + '\n';
    }
  }
  out += "+++\n";
  return out;
}

std::string json_value(const Entry& entry) {
  const auto value_text = [&entry](const std::string& value) {
    return entry.typed && is_typed_literal(value) ? value : json_string(value);
  };
  if (!is_list(entry)) return value_text(entry.values.front());
  std::string out = "[";
  for (std::size_t i = 0; i < entry.values.size(); ++i) {
    if (i > 0) out += ", ";
    out += value_text(entry.values[i]);
  }
  out += ']';
  return out;
}

std::string write_json(const std::vector<Entry>& list) {
  const auto all = groups(list);
  std::vector<std::string> members;  // the top-level members, each without its separator
  for (const auto& group : all) {
    if (group.table.empty()) {
      for (const Entry* entry : group.members) {
        members.push_back("  " + json_string(entry->key) + ": " + json_value(*entry));
      }
      continue;
    }
    std::string table = "  " + json_string(group.table) + ": {\n";
    for (std::size_t i = 0; i < group.members.size(); ++i) {
      const Entry& entry = *group.members[i];
      table += "    " + json_string(entry.key) + ": " + json_value(entry);
      table += i + 1 < group.members.size() ? ",\n" : "\n";
    }
    table += "  }";
    members.push_back(std::move(table));
  }
  std::string out = "{\n";
  for (std::size_t i = 0; i < members.size(); ++i) {
    out += members[i];
    out += i + 1 < members.size() ? ",\n" : "\n";
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

const std::vector<FrontMatterKey>& standard_front_matter_keys() {
  return standard_keys();
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string write_front_matter(const Metadata& meta, const MarkdownOptions& options) {
  if (options.front_matter == FrontMatter::none) return {};
  const auto list = entries(meta, options);
  if (list.empty() && !options.always_front_matter) return {};
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
