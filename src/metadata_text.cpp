// Text helpers of the metadata resolver: entity decoding, white space, comparison keys.

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "metadata_internal.hpp"

namespace clipdown::meta {
namespace {

// Named entities that survive into metadata values (double-escaped og:title, JSON-LD text).
constexpr auto kNamedEntities = std::to_array<std::pair<std::string_view, char32_t>>({
    {"amp", U'&'},         {"lt", U'<'},          {"gt", U'>'},          {"quot", U'"'},
    {"apos", U'\''},       {"nbsp", U' '},        {"rsquo", U'\u2019'},  {"lsquo", U'\u2018'},
    {"rdquo", U'\u201d'},  {"ldquo", U'\u201c'},  {"ndash", U'\u2013'},  {"mdash", U'\u2014'},
    {"hellip", U'\u2026'}, {"eacute", U'\u00e9'}, {"egrave", U'\u00e8'}, {"aacute", U'\u00e1'},
    {"agrave", U'\u00e0'}, {"iacute", U'\u00ed'}, {"oacute", U'\u00f3'}, {"uacute", U'\u00fa'},
    {"ntilde", U'\u00f1'}, {"ccedil", U'\u00e7'}, {"auml", U'\u00e4'},   {"ouml", U'\u00f6'},
    {"uuml", U'\u00fc'},   {"szlig", U'\u00df'},  {"atilde", U'\u00e3'}, {"otilde", U'\u00f5'},
    {"ecirc", U'\u00ea'},  {"acirc", U'\u00e2'},  {"ocirc", U'\u00f4'},  {"copy", U'\u00a9'},
    {"reg", U'\u00ae'},    {"trade", U'\u2122'},  {"middot", U'\u00b7'}, {"bull", U'\u2022'},
    {"laquo", U'\u00ab'},  {"raquo", U'\u00bb'},  {"euro", U'\u20ac'},   {"pound", U'\u00a3'},
});

// The longest entity name looked for after '&'.
constexpr std::size_t kMaxEntityName = 10;

void append_utf8(std::string& out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Decodes the entity starting at text[i] == '&' into out; returns the bytes consumed (0: none).
std::size_t decode_entity(std::string_view text, std::size_t i, std::string& out) {
  const std::size_t semi = text.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i - 1 > kMaxEntityName || semi == i + 1) return 0;
  const std::string_view name = text.substr(i + 1, semi - i - 1);
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    char32_t cp = 0;
    for (const char c : digits) {
      if (hex ? !is_hex(c) : !is_digit(c)) return 0;
      const char32_t v = is_digit(c)  ? static_cast<char32_t>(c - '0')
                         : (c >= 'a') ? static_cast<char32_t>(c - 'a' + 10)
                                      : static_cast<char32_t>(c - 'A' + 10);
      cp = cp * (hex ? 16U : 10U) + v;
      if (cp > 0x10FFFF) return 0;
    }
    append_utf8(out, cp);
    return semi - i + 1;
  }
  for (const auto& [entity, cp] : kNamedEntities) {
    if (entity == name) {
      append_utf8(out, cp);
      return semi - i + 1;
    }
  }
  return 0;
}

// Length of a white-space character at text[i]: ASCII space/control, NBSP, other Unicode spaces.
std::size_t space_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c <= 0x20) return 1;
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < text.size()) {
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    const auto c2 = static_cast<unsigned char>(text[i + 2]);
    // U+2000..U+200B spaces, U+202F narrow NBSP, U+205F medium space
    if (c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF)) return 3;
    if (c1 == 0x81 && c2 == 0x9F) return 3;
  }
  if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      static_cast<unsigned char>(text[i + 2]) == 0x80) {
    return 3;  // U+3000 ideographic space
  }
  return 0;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  // Two rounds at most: "&amp;rsquo;" is a double-escaped entity.
  std::string_view pass = text;
  std::string first;
  for (int round = 0; round < 2; ++round) {
    decoded.clear();
    bool changed = false;
    for (std::size_t i = 0; i < pass.size(); ++i) {
      if (pass[i] == '&') {
        const std::size_t used = decode_entity(pass, i, decoded);
        if (used > 0) {
          i += used - 1;
          changed = true;
          continue;
        }
      }
      decoded += pass[i];
    }
    if (!changed || decoded.find('&') == std::string::npos) break;
    first = decoded;
    pass = first;
  }
  std::string out;
  out.reserve(decoded.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < decoded.size();) {
    const std::size_t n = space_length(decoded, i);
    if (n > 0) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += decoded[i];
    ++i;
  }
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string loose_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || is_digit(c) || u >= 0x80) {
      // bytes >= 0x80 keep letters of other scripts; typographic punctuation (U+2000..U+206F)
      // goes below
      out += c;
    }
  }
  // drop the UTF-8 bytes of general punctuation U+2010..U+205F (quotes, dashes, ellipsis)
  std::string kept;
  kept.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xE2 && i + 2 < out.size() &&
        (static_cast<unsigned char>(out[i + 1]) == 0x80 ||
         static_cast<unsigned char>(out[i + 1]) == 0x81)) {
      i += 2;
      continue;
    }
    kept += out[i];
  }
  return kept;
}

// Domain endings dropped when comparing a site name with a title affix ("MacRumors.com").
constexpr auto kDomainEndings = std::to_array<std::string_view>({
    "com",
    "net",
    "org",
    "couk",
    "co",
    "in",
    "ca",
    "info",
});

// Company-form words that end an organisation's name (folded).
constexpr auto kCompanyForms = std::to_array<std::string_view>(
    {"inc",  "inc.", "llc",     "llc.", "ltd",   "ltd.",  "limited",     "pty",
     "pvt",  "gmbh", "company", "co.",  "corp",  "corp.", "corporation", "plc",
     "s.a.", "ag",   "l.p.",    "lp",   "media", "group"});

bool is_company_form(std::string_view word) {
  return std::ranges::find(kCompanyForms, word) != kCompanyForms.end();
}

bool is_domain_ending(std::string_view ending) {
  return std::ranges::find(kDomainEndings, ending) != kDomainEndings.end();
}

// A loose key without a leading "the" and a trailing domain ending, for site-name comparison.
std::string site_key(std::string_view name) {
  std::string_view n = name;
  // "The Hill", "TheHill"
  if (n.size() > 4 && lower_ascii(n.substr(0, 3)) == "the" &&
      (n[3] == ' ' || (n[3] >= 'A' && n[3] <= 'Z'))) {
    n.remove_prefix(n[3] == ' ' ? 4 : 3);
  }
  if (!n.empty() && n.front() == '@') n.remove_prefix(1);
  if (n.size() > 4 && lower_ascii(n.substr(0, 4)) == "www.") n.remove_prefix(4);
  std::string key = loose_key(n);
  const std::size_t dot = n.rfind('.');
  if (dot != std::string_view::npos && n.find(' ') == std::string_view::npos) {
    const std::string ending = loose_key(n.substr(dot + 1));
    if (is_domain_ending(ending) && key.size() > ending.size()) {
      key.resize(key.size() - ending.size());
    }
  }
  return key;
}

std::size_t word_count(std::string_view text) {
  std::size_t count = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++count;
    in_word = !space;
  }
  return count;
}

}  // namespace clipdown::meta
