#include "shortcodes.hpp"

#include <array>
#include <cstddef>

namespace clipdown {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

// Hugo (its page lexer): a shortcode opens with exactly "{{<" or "{{%" and closes with ">}}" or
// "%}}"; "{{<" directly followed by "/*" is an escaped one whose text, between the comment
// markers, is rendered as written.
constexpr std::string_view kHugoOpen = "{{";
constexpr std::string_view kHugoCommentOpen = "/*";
constexpr std::string_view kHugoCommentClose = "*/";

// Zola (components/markdown/src/content.pest): white space between the tokens of a shortcode.
constexpr std::string_view kZolaSpace = " \t\r\n";
// Quotes of Zola string literals: anything up to the same quote, newlines included.
constexpr std::array<char, 3> kZolaQuotes = {'"', '\'', '`'};
// Zola's booleans; "True"/"False" too, which some releases accept: escaping a call Zola would
// have left alone only shows the comment markers, missing one it runs would run it.
constexpr std::array<std::string_view, 4> kZolaBooleans = {"true", "false", "True", "False"};

/// The first `needle` at or after a position, remembering the last answer: the scans below ask
/// with growing positions, so a needle that never comes costs one search, not one per ask.
class NextFinder {
 public:
  NextFinder(std::string_view text, std::string_view needle) : text_(text), needle_(needle) {}
  std::size_t find(std::size_t from) {
    if (asked_ != kNone && asked_ <= from && (found_ == kNone || found_ >= from)) return found_;
    asked_ = from;
    found_ = text_.find(needle_, from);
    return found_;
  }

 private:
  std::string_view text_;
  std::string_view needle_;
  std::size_t asked_ = kNone;
  std::size_t found_ = kNone;
};

// ---------------------------------------------------------------------------------------------
// Hugo

std::string hugo_inert(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  NextFinder markup_close(s, ">}}");
  NextFinder plain_close(s, "%}}");
  std::size_t done = 0;
  std::size_t pos = 0;
  while ((pos = s.find(kHugoOpen, pos)) != kNone) {
    const std::size_t body = pos + kHugoOpen.size();
    if (body >= s.size() || (s[body] != '<' && s[body] != '%')) {
      ++pos;  // "{{{<": the shortcode may start at the next brace
      continue;
    }
    const char kind = s[body];
    const std::size_t inner = body + 1;
    const std::size_t close = kind == '<' ? markup_close.find(inner) : plain_close.find(inner);
    out.append(s.substr(done, pos + 1 - done));
    if (close == kNone) {
      out += '\\';  // "{\{<": never a shortcode, and CommonMark text shows "{{<"
      done = pos = pos + 1;
      continue;
    }
    // "{{<" X ">}}" -> "{{</*" X "*/>}}": X holds no ">}}", so the first "*/>}}" Hugo finds
    // after the opening comment marker is ours, and it renders "{{<" X ">}}" exactly.
    out += '{';
    out += kind;
    out += kHugoCommentOpen;
    out.append(s.substr(inner, close - inner));
    out += kHugoCommentClose;
    out += kind == '<' ? ">}}" : "%}}";
    done = pos = close + 3;
  }
  out.append(s.substr(done));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Zola: a matcher for the grammar of its shortcode calls, iterative (arrays nest).

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

class ZolaMatcher {
 public:
  explicit ZolaMatcher(std::string_view s)
      : s_(s),
        quotes_{NextFinder(s, "\""), NextFinder(s, "'"), NextFinder(s, "`")},
        body_end_(s, "{%") {}

  [[nodiscard]] std::size_t space(std::size_t i) const {
    while (i < s_.size() && kZolaSpace.find(s_[i]) != kNone) ++i;
    return i;
  }

  /// `token` at `i` (after white space); the index after it, or kNone.
  [[nodiscard]] std::size_t token(std::size_t i, std::string_view token) const {
    if (i == kNone) return kNone;
    i = space(i);
    return s_.substr(i).starts_with(token) ? i + token.size() : kNone;
  }

  /// An identifier at `i` (after white space).
  [[nodiscard]] std::size_t ident(std::size_t i) const {
    if (i == kNone) return kNone;
    i = space(i);
    if (i >= s_.size() || !is_alpha(s_[i])) return kNone;
    while (i < s_.size() && (is_alpha(s_[i]) || is_digit(s_[i]))) ++i;
    return i;
  }

  /// A number: -? (0 | [1-9][0-9]*) (. [0-9]+)?  (Zola's float, else its int).
  [[nodiscard]] std::size_t number(std::size_t i) const {
    if (i < s_.size() && s_[i] == '-') ++i;
    if (i >= s_.size() || !is_digit(s_[i])) return kNone;
    if (s_[i] == '0') {
      ++i;
    } else {
      while (i < s_.size() && is_digit(s_[i])) ++i;
    }
    if (i + 1 < s_.size() && s_[i] == '.' && is_digit(s_[i + 1])) {
      ++i;
      while (i < s_.size() && is_digit(s_[i])) ++i;
    }
    return i;
  }

  /// A boolean, string or number at `i` (no white space skipped).
  std::size_t scalar(std::size_t i) {
    if (i >= s_.size()) return kNone;
    for (std::size_t q = 0; q < kZolaQuotes.size(); ++q) {
      if (s_[i] != kZolaQuotes.at(q)) continue;
      const std::size_t end = quotes_.at(q).find(i + 1);
      return end == kNone ? kNone : end + 1;
    }
    for (const std::string_view word : kZolaBooleans) {
      if (s_.substr(i).starts_with(word)) return i + word.size();
    }
    return number(i);
  }

  /// A literal (a scalar or an array of literals, "[a, b,]") at `i`, after white space.
  std::size_t literal(std::size_t i) {
    int depth = 0;
    bool value_done = false;  // just after a value (else: a value or "]" may come)
    while (i != kNone) {
      i = space(i);
      if (i >= s_.size()) return kNone;
      if (value_done) {
        if (depth == 0) return i;
        if (s_[i] == ',') {
          value_done = false;
        } else if (s_[i] == ']') {
          --depth;
        } else {
          return kNone;
        }
        ++i;
      } else if (s_[i] == '[') {
        ++depth;
        ++i;
      } else if (s_[i] == ']' && depth > 0) {
        --depth;
        ++i;
        value_done = true;
      } else {
        i = scalar(i);
        value_done = true;
      }
    }
    return kNone;
  }

  /// A call, `name(k=v, ...)`, at `i` after white space; the index after ")".
  std::size_t call(std::size_t i) {
    i = token(ident(i), "(");
    bool first = true;
    while (i != kNone) {
      const std::size_t closed = token(i, ")");
      if (closed != kNone) return closed;
      // kwargs*: keyword arguments separated by "," (or by white space between two runs).
      if (!first) {
        const std::size_t comma = token(i, ",");
        if (comma != kNone) i = comma;
      }
      i = literal(token(ident(i), "="));
      first = false;
    }
    return kNone;
  }

  /// `open` call `close` at `i`: the index after it, or kNone.
  std::size_t tag(std::size_t i, std::string_view open, std::string_view close) {
    if (!s_.substr(i).starts_with(open)) return kNone;
    return token(call(i + open.size()), close);
  }

  /// `open` end `close` at `i`.
  [[nodiscard]] std::size_t end_tag(std::size_t i, std::string_view open,
                                    std::string_view close) const {
    if (!s_.substr(i).starts_with(open)) return kNone;
    return token(token(i + open.size(), "end"), close);
  }

  /// The first "{% end %}" at or after `from`: its start, or kNone (remembered like
  /// NextFinder's answers).
  std::size_t body_end(std::size_t from) {
    if (end_asked_ != kNone && end_asked_ <= from && (end_found_ == kNone || end_found_ >= from)) {
      return end_found_;
    }
    end_asked_ = from;
    end_found_ = kNone;
    for (std::size_t at = body_end_.find(from); at != kNone; at = body_end_.find(at + 1)) {
      if (end_tag(at, "{%", "%}") != kNone) {
        end_found_ = at;
        break;
      }
    }
    return end_found_;
  }

  /// The first "{%/* end */%}" at or after `from` and before `to`.
  [[nodiscard]] std::size_t ignored_end(std::size_t from, std::size_t to) const {
    for (std::size_t at = s_.find("{%/*", from); at != kNone && at < to;
         at = s_.find("{%/*", at + 1)) {
      if (end_tag(at, "{%/*", "*/%}") != kNone) return at;
    }
    return kNone;
  }

 private:
  std::string_view s_;
  std::array<NextFinder, 3> quotes_;
  NextFinder body_end_;
  std::size_t end_asked_ = kNone;
  std::size_t end_found_ = kNone;
};

std::string zola_inert(std::string_view s) {
  ZolaMatcher match(s);
  std::string out;
  out.reserve(s.size());
  std::size_t done = 0;
  const auto copy_to = [&](std::size_t to) {
    out.append(s.substr(done, to - done));
    done = to;
  };
  std::size_t pos = 0;
  while ((pos = s.find('{', pos)) != kNone) {
    const std::string_view rest = s.substr(pos);
    if (!rest.starts_with("{{") && !rest.starts_with("{%")) {
      ++pos;
      continue;
    }
    // In the order of Zola's `content` rule. Text already in the escaped form would lose its
    // comment markers: a backslash between the braces keeps it text, and what it holds is
    // scanned on, since it is no longer skipped as a whole.
    if (match.tag(pos, "{{/*", "*/}}") != kNone || match.tag(pos, "{%/*", "*/%}") != kNone) {
      copy_to(pos + 1);
      out += '\\';
      pos += 2;
      continue;
    }
    if (const std::size_t end = match.tag(pos, "{{", "}}"); end != kNone) {
      copy_to(pos);
      out += "{{/*";
      out.append(s.substr(pos + 2, end - 2 - (pos + 2)));
      out += "*/}}";
      done = pos = end;
      continue;
    }
    if (const std::size_t start_end = match.tag(pos, "{%", "%}"); start_end != kNone) {
      const std::size_t close = match.body_end(start_end);
      // A body of at least one character, up to the first "{% end %}"; not when it holds
      // the escaped end, which would end the escaped body early.
      if (close != kNone && close > start_end && match.ignored_end(start_end, close) == kNone) {
        const std::size_t end = match.end_tag(close, "{%", "%}");
        copy_to(pos);
        out += "{%/*";
        out.append(s.substr(pos + 2, start_end - 2 - (pos + 2)));
        out += "*/%}";
        out.append(s.substr(start_end, close - start_end));
        out += "{%/*";
        out.append(s.substr(close + 2, end - 2 - (close + 2)));
        out += "*/%}";
        done = pos = end;
        continue;
      }
    }
    ++pos;
  }
  copy_to(s.size());
  return out;
}

}  // namespace

std::string make_inert(std::string markdown, BodyTemplates templates) {
  switch (templates) {
    case BodyTemplates::none:
      return markdown;
    case BodyTemplates::hugo:
      return markdown.find("{{") == std::string::npos ? markdown : hugo_inert(markdown);
    case BodyTemplates::zola:
      return markdown.find('{') == std::string::npos ? markdown : zola_inert(markdown);
  }
  return markdown;
}

}  // namespace clipdown
