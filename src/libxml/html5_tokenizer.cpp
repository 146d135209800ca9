// The HTML5 tokenizer. Text runs are found with a byte-class table and handed out as views into
// the input (copied only when a character reference or NUL changes them); tags, comments and
// DOCTYPEs are read in one call each by small state functions, since the whole input is in
// memory. Every state of the WHATWG tokenizer maps onto one of these functions; the comment
// less-than-sign states only report parse errors, so they fold into the comment state.

#include "libxml/html5_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "libxml/html5_entities.hpp"

namespace clipdown::libxml::html5 {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

constexpr bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr bool is_alnum(char c) noexcept {
  return is_alpha(c) || is_digit(c);
}
constexpr bool is_hex(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Bytes that end a run of plain text in the data state.
constexpr std::array<bool, 256> kDataStop = [] {
  std::array<bool, 256> t{};
  t['<'] = t['&'] = t['\0'] = true;
  return t;
}();

constexpr bool stops(const std::array<bool, 256>& table, char c) noexcept {
  return table[static_cast<unsigned char>(c)];  // NOLINT(*-constant-array-index)
}

// Code points 0x80-0x9F that numeric references map to windows-1252's characters.
constexpr std::array<std::uint32_t, 32> kC1Replacements = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

std::uint32_t numeric_reference_value(std::uint32_t value) noexcept {
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
  if (value >= 0x80 && value <= 0x9F) return kC1Replacements.at(value - 0x80);
  return value;
}

bool starts_with_ci(std::string_view text, std::string_view lower_word) noexcept {
  if (text.size() < lower_word.size()) return false;
  for (std::size_t i = 0; i < lower_word.size(); ++i) {
    if (lower(text[i]) != lower_word[i]) return false;
  }
  return true;
}

void append_replacing_nul(std::string& out, std::string_view text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\0') continue;
    out.append(text.substr(start, i - start));
    out.append(kReplacement);
    start = i + 1;
  }
  out.append(text.substr(start));
}

}  // namespace

// Only the content models survive between tokens; every other state lives inside one call.
enum class Tokenizer::State : std::uint8_t { data, rcdata, rawtext, script_data, plaintext };

// States inside a tag.
enum class Tokenizer::Step : std::uint8_t {
  name,
  before_attribute_name,
  attribute_name,
  after_attribute_name,
  before_attribute_value,
  value_double_quoted,
  value_single_quoted,
  value_unquoted,
  after_value_quoted,
  self_closing,
  emit,
  eof
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Tokenizer::Tokenizer(std::string_view input)
    : input_(input), state_(State::data) {  // NOLINT(*-default-member-init)
  if (input.find('\r') != std::string_view::npos) {
    normalised_.reserve(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
      if (input[i] != '\r') {
        normalised_.push_back(input[i]);
        continue;
      }
      normalised_.push_back('\n');
      if (i + 1 < input.size() && input[i + 1] == '\n') ++i;
    }
    input_ = normalised_;
  }
}

void Tokenizer::set_text_mode(TextMode mode, std::string_view end_tag_name) {
  switch (mode) {
    case TextMode::data:
      state_ = State::data;
      break;
    case TextMode::rcdata:
      state_ = State::rcdata;
      break;
    case TextMode::rawtext:
      state_ = State::rawtext;
      break;
    case TextMode::script_data:
      state_ = State::script_data;
      break;
    case TextMode::plaintext:
      state_ = State::plaintext;
      break;
  }
  end_tag_name_.assign(end_tag_name);
}

void Tokenizer::next(Token& token) {
  while (true) {
    if (eof_ || at_end()) {
      emit_eof(token);
      return;
    }
    bool emitted = false;
    switch (state_) {
      case State::data:
        emitted = data(token);
        break;
      case State::rcdata:
        emitted = rcdata_or_rawtext(token, true);
        break;
      case State::rawtext:
        emitted = rcdata_or_rawtext(token, false);
        break;
      case State::script_data:
        emitted = script_data(token);
        break;
      case State::plaintext:
        emitted = plaintext(token);
        break;
    }
    if (emitted) return;
  }
}

bool Tokenizer::emit_text(Token& token, std::size_t start, std::size_t end) {
  token.kind = TokenKind::characters;
  token.text = input_.substr(start, end - start);
  return true;
}

bool Tokenizer::emit_buffer(Token& token) {
  token.kind = TokenKind::characters;
  token.text = buffer_;
  return true;
}

bool Tokenizer::emit_eof(Token& token) {
  eof_ = true;
  token.kind = TokenKind::eof;
  token.text = {};
  return true;
}

bool Tokenizer::emit_comment(Token& token) {
  token.kind = TokenKind::comment;
  token.text = comment_;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

bool Tokenizer::data(Token& token) {
  const char first = peek();
  if (first == '\0') {  // NUL runs go out alone: the tree builder drops or replaces them
    const std::size_t start = pos_;
    while (!at_end() && peek() == '\0') ++pos_;
    return emit_text(token, start, pos_);
  }
  if (first == '<') {
    const char next = pos_ + 1 < input_.size() ? input_[pos_ + 1] : ' ';
    if (is_alpha(next) || next == '/' || next == '!' || next == '?') return tag_open(token);
  }
  std::size_t start = pos_;
  bool buffered = false;
  ++pos_;  // the first byte is text ('<' not opening a tag, or '&' handled below)
  if (first == '&') {
    buffer_.clear();
    buffered = true;
    append_character_reference(buffer_, false);
    start = pos_;
  }
  while (!at_end()) {
    const char c = peek();
    if (!stops(kDataStop, c)) {
      ++pos_;
      continue;
    }
    if (c == '<') {
      const char next = pos_ + 1 < input_.size() ? input_[pos_ + 1] : ' ';
      if (is_alpha(next) || next == '/' || next == '!' || next == '?') break;
      ++pos_;
      continue;
    }
    if (c == '\0') break;
    if (!buffered) buffer_.clear();
    buffered = true;
    buffer_.append(input_.substr(start, pos_ - start));
    ++pos_;
    append_character_reference(buffer_, false);
    start = pos_;
  }
  if (!buffered) return emit_text(token, start, pos_);
  buffer_.append(input_.substr(start, pos_ - start));
  return emit_buffer(token);
}

bool Tokenizer::appropriate_end_tag_at(std::size_t pos, std::size_t& name_end) const {
  const std::size_t n = end_tag_name_.size();
  if (n == 0) return false;  // fragment parsing: no start tag, so no end tag is appropriate
  if (pos + 2 + n >= input_.size() || input_[pos + 1] != '/') return false;
  if (!starts_with_ci(input_.substr(pos + 2, n), end_tag_name_)) return false;
  const char after = input_[pos + 2 + n];
  if (!is_space(after) && after != '/' && after != '>') return false;
  name_end = pos + 2 + n;
  return true;
}

bool Tokenizer::rcdata_or_rawtext(Token& token, bool references) {
  const std::size_t start = pos_;
  std::size_t name_end = 0;
  bool special = false;  // a reference or NUL: the text goes through buffer_
  while (!at_end()) {
    const char c = peek();
    if (c == '<' && appropriate_end_tag_at(pos_, name_end)) break;
    if ((c == '&' && references) || c == '\0') special = true;
    ++pos_;
  }
  if (pos_ > start) {
    if (!special) return emit_text(token, start, pos_);
    // Decode again from the start: a reference never reaches the end tag ('<' ends it).
    const std::size_t end = pos_;
    buffer_.clear();
    pos_ = start;
    while (pos_ < end) {
      const char c = input_[pos_++];
      if (c == '\0') {
        buffer_.append(kReplacement);
      } else if (c == '&' && references) {
        append_character_reference(buffer_, false);
      } else {
        buffer_.push_back(c);
      }
    }
    return emit_buffer(token);
  }
  if (at_end()) return emit_eof(token);
  return read_end_tag(token, name_end);
}

bool Tokenizer::plaintext(Token& token) {
  const std::size_t start = pos_;
  pos_ = input_.size();
  const std::string_view text = input_.substr(start);
  if (text.find('\0') == std::string_view::npos) return emit_text(token, start, pos_);
  buffer_.clear();
  append_replacing_nul(buffer_, text);
  return emit_buffer(token);
}

// Script data and its escaped and double-escaped states: the text goes out as it is (NUL
// replaced); the states only decide where the appropriate end tag is recognised.
enum class Tokenizer::ScriptState : std::uint8_t {
  normal,
  escape_start,
  escape_start_dash,
  escaped,
  escaped_dash,
  escaped_dash_dash,
  double_escaped,
  double_escaped_dash,
  double_escaped_dash_dash
};

namespace {

constexpr bool ends_name(char c) noexcept {
  return is_space(c) || c == '/' || c == '>';
}

// End of the run of ASCII letters at `from`.
std::size_t alpha_run(std::string_view input, std::size_t from) noexcept {
  while (from < input.size() && is_alpha(input[from])) ++from;
  return from;
}

}  // namespace

// One step in script data: returns true at the appropriate end tag (p is then at its '<').
bool Tokenizer::script_step(std::size_t& p, ScriptState& s, std::size_t& name_end) const {
  using S = ScriptState;
  const std::size_t size = input_.size();
  const char c = input_[p];
  switch (s) {
    case S::normal:
      if (c == '<' && appropriate_end_tag_at(p, name_end)) return true;
      if (c == '<' && p + 1 < size && input_[p + 1] == '!') {
        p += 2;
        s = S::escape_start;
      } else {
        ++p;
      }
      return false;
    case S::escape_start:
    case S::escape_start_dash:
      if (c == '-') {
        ++p;
        s = s == S::escape_start ? S::escape_start_dash : S::escaped_dash_dash;
      } else {
        s = S::normal;
      }
      return false;
    case S::escaped:
    case S::escaped_dash:
    case S::escaped_dash_dash:
      return script_escaped_step(p, s, name_end);
    case S::double_escaped:
    case S::double_escaped_dash:
    case S::double_escaped_dash_dash:
      script_double_escaped_step(p, s);
      return false;
  }
  return false;
}

bool Tokenizer::script_escaped_step(std::size_t& p, ScriptState& s, std::size_t& name_end) const {
  using S = ScriptState;
  const std::size_t size = input_.size();
  const char c = input_[p];
  if (c == '-') {
    ++p;
    s = s == S::escaped ? S::escaped_dash : S::escaped_dash_dash;
    return false;
  }
  if (c == '>' && s == S::escaped_dash_dash) {
    ++p;
    s = S::normal;
    return false;
  }
  s = S::escaped;
  if (c != '<') {
    ++p;
    return false;
  }
  if (appropriate_end_tag_at(p, name_end)) return true;
  if (p + 1 < size && input_[p + 1] == '/') {
    p += 2;
  } else if (p + 1 < size && is_alpha(input_[p + 1])) {  // script data double escape start
    const std::size_t e = alpha_run(input_, p + 1);
    if (e < size && ends_name(input_[e])) {
      if (e - p - 1 == 6 && starts_with_ci(input_.substr(p + 1, 6), "script")) {
        s = S::double_escaped;
      }
      p = e + 1;
    } else {
      p = e;
    }
  } else {
    ++p;
  }
  return false;
}

void Tokenizer::script_double_escaped_step(std::size_t& p, ScriptState& s) const {
  using S = ScriptState;
  const std::size_t size = input_.size();
  const char c = input_[p];
  if (c == '-') {
    ++p;
    s = s == S::double_escaped ? S::double_escaped_dash : S::double_escaped_dash_dash;
    return;
  }
  if (c == '>' && s == S::double_escaped_dash_dash) {
    ++p;
    s = S::normal;
    return;
  }
  ++p;
  s = S::double_escaped;
  if (c != '<' || p >= size || input_[p] != '/') return;
  ++p;  // script data double escape end
  const std::size_t e = alpha_run(input_, p);
  if (e < size && ends_name(input_[e])) {
    if (e - p == 6 && starts_with_ci(input_.substr(p, 6), "script")) s = S::escaped;
    p = e + 1;
  } else {
    p = e;
  }
}

bool Tokenizer::script_data(Token& token) {
  const std::size_t start = pos_;
  std::size_t name_end = 0;
  ScriptState s = ScriptState::normal;
  bool found = false;
  while (pos_ < input_.size() && !found) found = script_step(pos_, s, name_end);
  if (pos_ > start) {
    const std::string_view text = input_.substr(start, pos_ - start);
    if (text.find('\0') == std::string_view::npos) return emit_text(token, start, pos_);
    buffer_.clear();
    append_replacing_nul(buffer_, text);
    return emit_buffer(token);
  }
  if (at_end()) return emit_eof(token);
  return read_end_tag(token, name_end);
}

// The appropriate end tag of RCDATA, RAWTEXT or script data starts at pos_; its name ends at
// name_end. The rest of it reads as any tag does.
bool Tokenizer::read_end_tag(Token& token, std::size_t name_end) {
  token.kind = TokenKind::end_tag;
  token.name = end_tag_name_;
  token.attributes.clear();
  token.self_closing = false;
  pos_ = name_end;
  state_ = State::data;
  return read_tag(token, Step::name);
}

// ---------------------------------------------------------------------------------------------
// Character references
// ---------------------------------------------------------------------------------------------

// pos_ is just after '&'. Appends the referenced characters, or '&' alone when there is no
// reference (what follows is then read as ordinary text, which is what the ambiguous-ampersand
// state and the "flush code points" steps amount to).
void Tokenizer::append_character_reference(std::string& out, bool in_attribute) {
  if (at_end()) {
    out.push_back('&');
    return;
  }
  const char c = peek();
  if (c == '#') {
    std::size_t p = pos_ + 1;
    const bool hex = p < input_.size() && (input_[p] == 'x' || input_[p] == 'X');
    if (hex) ++p;
    const std::size_t digits = p;
    std::uint32_t value = 0;
    while (p < input_.size() && (hex ? is_hex(input_[p]) : is_digit(input_[p]))) {
      const char d = input_[p++];
      const std::uint32_t digit = is_digit(d) ? static_cast<std::uint32_t>(d - '0')
                                              : static_cast<std::uint32_t>(lower(d) - 'a' + 10);
      value = std::min<std::uint32_t>(value * (hex ? 16U : 10U) + digit, 0x110000U);
    }
    if (p == digits) {
      out.push_back('&');
      return;
    }
    if (p < input_.size() && input_[p] == ';') ++p;
    pos_ = p;
    append_utf8(out, numeric_reference_value(value));
    return;
  }
  if (!is_alnum(c)) {
    out.push_back('&');
    return;
  }
  const Entity* entity = match_entity(input_.substr(pos_));
  if (entity == nullptr) {
    out.push_back('&');
    return;
  }
  const std::size_t length = entity->length;
  const bool semicolon = kEntityNames[entity->offset + length - 1] == ';';
  if (in_attribute && !semicolon && pos_ + length < input_.size()) {
    const char after = input_[pos_ + length];
    if (after == '=' || is_alnum(after)) {
      out.push_back('&');  // historical: "&amp=1" in a URL stays as written
      return;
    }
  }
  pos_ += length;
  append_utf8(out, entity->first);
  if (entity->second != 0) append_utf8(out, entity->second);
}

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

// pos_ is at '<', followed by a letter, '/', '!' or '?'.
bool Tokenizer::tag_open(Token& token) {
  ++pos_;
  const char c = peek();
  if (c == '!') {
    ++pos_;
    return markup_declaration_open(token);
  }
  if (c == '?') {
    comment_.clear();
    return bogus_comment(token);
  }
  if (c == '/') {
    ++pos_;
    if (at_end()) return emit_text(token, pos_ - 2, pos_);
    const char n = peek();
    if (n == '>') {
      ++pos_;
      return false;
    }
    if (!is_alpha(n)) {
      comment_.clear();
      return bogus_comment(token);
    }
    token.kind = TokenKind::end_tag;
  } else {
    token.kind = TokenKind::start_tag;
  }
  token.name.clear();
  token.attributes.clear();
  token.self_closing = false;
  return read_tag(token, Step::name);
}

bool Tokenizer::read_tag(Token& token, Step step) {
  drop_attribute_ = false;
  attribute_names_.clear();
  while (true) {
    switch (step) {
      case Step::name:
        step = tag_name(token);
        break;
      case Step::before_attribute_name:
        step = before_attribute_name(token);
        break;
      case Step::attribute_name:
        step = attribute_name(token);
        break;
      case Step::after_attribute_name:
        step = after_attribute_name(token);
        break;
      case Step::before_attribute_value:
        step = before_attribute_value();
        break;
      case Step::value_double_quoted:
        step = attribute_value_quoted(token, '"');
        break;
      case Step::value_single_quoted:
        step = attribute_value_quoted(token, '\'');
        break;
      case Step::value_unquoted:
        step = attribute_value_unquoted(token);
        break;
      case Step::after_value_quoted:
        step = after_attribute_value_quoted();
        break;
      case Step::self_closing:
        step = self_closing_start_tag(token);
        break;
      case Step::emit:
        if (drop_attribute_) token.attributes.pop_back();
        drop_attribute_ = false;
        token.tag = lookup_tag(token.name);
        return true;
      case Step::eof:
        return emit_eof(token);
    }
  }
}

Tokenizer::Step Tokenizer::tag_name(Token& token) {
  const std::size_t start = pos_;
  while (!at_end()) {
    const char c = peek();
    if (is_space(c) || c == '/' || c == '>' || c == '\0' || (c >= 'A' && c <= 'Z')) break;
    ++pos_;
  }
  token.name.append(input_.substr(start, pos_ - start));
  if (at_end()) return Step::eof;
  const char c = input_[pos_++];
  if (is_space(c)) return Step::before_attribute_name;
  if (c == '/') return Step::self_closing;
  if (c == '>') return Step::emit;
  if (c == '\0') {
    token.name.append(kReplacement);
  } else {
    token.name.push_back(lower(c));
  }
  return Step::name;
}

void Tokenizer::start_attribute(Token& token) {
  if (drop_attribute_) {
    token.attributes.pop_back();
    drop_attribute_ = false;
  }
  token.attributes.emplace_back();
}

// The attribute name is complete: a repeated name is dropped with its value.
// Tags with more attributes than kLinearAttributes check names in a set (100 000 attributes on
// one tag must not take 10^10 comparisons).
void Tokenizer::finish_attribute_name(Token& token) {
  const std::string& name = token.attributes.back().name;
  const auto last = token.attributes.end() - 1;
  if (token.attributes.size() <= kLinearAttributes) {
    drop_attribute_ = std::any_of(token.attributes.begin(), last,
                                  [&name](const Attribute& a) { return a.name == name; });
    return;
  }
  if (attribute_names_.empty()) {
    for (auto it = token.attributes.begin(); it != last; ++it) attribute_names_.insert(it->name);
  }
  drop_attribute_ = !attribute_names_.insert(name).second;
}

Tokenizer::Step Tokenizer::before_attribute_name(Token& token) {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) return Step::eof;
  const char c = peek();
  if (c == '/' || c == '>') return Step::after_attribute_name;
  start_attribute(token);
  if (c == '=') {
    token.attributes.back().name.push_back('=');
    ++pos_;
  }
  return Step::attribute_name;
}

Tokenizer::Step Tokenizer::attribute_name(Token& token) {
  std::string& name = token.attributes.back().name;
  while (!at_end()) {
    const char c = peek();
    if (is_space(c) || c == '/' || c == '>') break;
    ++pos_;
    if (c == '=') {
      finish_attribute_name(token);
      return Step::before_attribute_value;
    }
    if (c == '\0') {
      name.append(kReplacement);
    } else {
      name.push_back(lower(c));
    }
  }
  finish_attribute_name(token);
  return Step::after_attribute_name;
}

Tokenizer::Step Tokenizer::after_attribute_name(Token& token) {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) return Step::eof;
  const char c = peek();
  ++pos_;
  if (c == '/') return Step::self_closing;
  if (c == '=') return Step::before_attribute_value;
  if (c == '>') return Step::emit;
  --pos_;
  start_attribute(token);
  return Step::attribute_name;
}

Tokenizer::Step Tokenizer::before_attribute_value() {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) return Step::value_unquoted;
  const char c = peek();
  if (c == '"') {
    ++pos_;
    return Step::value_double_quoted;
  }
  if (c == '\'') {
    ++pos_;
    return Step::value_single_quoted;
  }
  if (c == '>') {
    ++pos_;
    return Step::emit;
  }
  return Step::value_unquoted;
}

Tokenizer::Step Tokenizer::attribute_value_quoted(Token& token, char quote) {
  std::string& value = token.attributes.back().value;
  while (!at_end()) {
    const std::size_t start = pos_;
    while (!at_end() && peek() != quote && peek() != '&' && peek() != '\0') ++pos_;
    value.append(input_.substr(start, pos_ - start));
    if (at_end()) break;
    const char c = input_[pos_++];
    if (c == quote) return Step::after_value_quoted;
    if (c == '&') {
      append_character_reference(value, true);
    } else {
      value.append(kReplacement);
    }
  }
  return Step::eof;
}

Tokenizer::Step Tokenizer::attribute_value_unquoted(Token& token) {
  std::string& value = token.attributes.back().value;
  while (!at_end()) {
    const char c = input_[pos_++];
    if (is_space(c)) return Step::before_attribute_name;
    if (c == '>') return Step::emit;
    if (c == '&') {
      append_character_reference(value, true);
    } else if (c == '\0') {
      value.append(kReplacement);
    } else {
      value.push_back(c);
    }
  }
  return Step::eof;
}

Tokenizer::Step Tokenizer::after_attribute_value_quoted() {
  if (at_end()) return Step::eof;
  const char c = peek();
  if (is_space(c)) {
    ++pos_;
    return Step::before_attribute_name;
  }
  if (c == '/') {
    ++pos_;
    return Step::self_closing;
  }
  if (c == '>') {
    ++pos_;
    return Step::emit;
  }
  return Step::before_attribute_name;
}

Tokenizer::Step Tokenizer::self_closing_start_tag(Token& token) {
  if (at_end()) return Step::eof;
  if (peek() == '>') {
    ++pos_;
    token.self_closing = true;
    return Step::emit;
  }
  return Step::before_attribute_name;
}

// ---------------------------------------------------------------------------------------------
// Comments, DOCTYPE, CDATA
// ---------------------------------------------------------------------------------------------

bool Tokenizer::bogus_comment(Token& token) {
  while (!at_end()) {
    const char c = input_[pos_++];
    if (c == '>') break;
    if (c == '\0') {
      comment_.append(kReplacement);
    } else {
      comment_.push_back(c);
    }
  }
  return emit_comment(token);
}

bool Tokenizer::markup_declaration_open(Token& token) {
  const std::string_view rest = input_.substr(pos_);
  if (rest.substr(0, 2) == "--") {
    pos_ += 2;
    return comment(token);
  }
  if (starts_with_ci(rest, "doctype")) {
    pos_ += 7;
    return doctype(token);
  }
  comment_.clear();
  if (rest.substr(0, 7) == "[CDATA[") {
    pos_ += 7;
    if (cdata_allowed_) return cdata_section(token);
    comment_ = "[CDATA[";
  }
  return bogus_comment(token);
}

enum class Tokenizer::CommentStep : std::uint8_t { body, end, emit };

// From "<!--": the comment start and comment start dash states, then body and end in turn.
bool Tokenizer::comment(Token& token) {
  comment_.clear();
  CommentStep step = CommentStep::body;
  if (!at_end() && peek() == '-') {
    ++pos_;
    if (!at_end() && peek() == '-') {
      ++pos_;
      step = CommentStep::end;
    } else if (!at_end() && peek() == '>') {
      ++pos_;
      step = CommentStep::emit;
    } else if (at_end()) {
      step = CommentStep::emit;
    } else {
      comment_.push_back('-');
    }
  } else if (!at_end() && peek() == '>') {
    ++pos_;
    step = CommentStep::emit;
  }
  while (step != CommentStep::emit)
    step = step == CommentStep::body ? comment_body() : comment_end();
  return emit_comment(token);
}

// The comment state (its less-than-sign states only report errors) and comment end dash.
Tokenizer::CommentStep Tokenizer::comment_body() {
  while (!at_end()) {
    const std::size_t start = pos_;
    while (!at_end() && peek() != '-' && peek() != '\0') ++pos_;
    comment_.append(input_.substr(start, pos_ - start));
    if (at_end()) break;
    if (input_[pos_++] == '\0') {
      comment_.append(kReplacement);
      continue;
    }
    if (at_end()) break;  // comment end dash at EOF
    if (peek() == '-') {
      ++pos_;
      return CommentStep::end;
    }
    comment_.push_back('-');
  }
  return CommentStep::emit;
}

// The comment end and comment end bang states, after "--".
Tokenizer::CommentStep Tokenizer::comment_end() {
  while (!at_end()) {
    const char c = input_[pos_++];
    if (c == '>') return CommentStep::emit;
    if (c == '-') {
      comment_.push_back('-');
      continue;
    }
    if (c != '!') {
      --pos_;
      comment_.append("--");
      return CommentStep::body;
    }
    // Comment end bang.
    if (at_end()) break;
    if (peek() == '>') {
      ++pos_;
      return CommentStep::emit;
    }
    comment_.append("--!");
    if (peek() != '-') return CommentStep::body;
    ++pos_;  // comment end dash
    if (at_end()) break;
    if (peek() != '-') {
      comment_.push_back('-');
      return CommentStep::body;
    }
    ++pos_;
  }
  return CommentStep::emit;
}

bool Tokenizer::emit_doctype(Token& token) {
  token.kind = TokenKind::doctype;
  return true;
}

// From "<!DOCTYPE": the DOCTYPE, before/after DOCTYPE name and DOCTYPE name states.
bool Tokenizer::doctype(Token& token) {
  token.name.clear();
  token.public_id.clear();
  token.system_id.clear();
  token.has_name = token.has_public_id = token.has_system_id = false;
  token.force_quirks = false;
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end() || peek() == '>') {
    if (!at_end()) ++pos_;
    token.force_quirks = true;
    return emit_doctype(token);
  }
  token.has_name = true;
  while (!at_end() && !is_space(peek()) && peek() != '>') {
    const char c = input_[pos_++];
    if (c == '\0') {
      token.name.append(kReplacement);
    } else {
      token.name.push_back(lower(c));
    }
  }
  return doctype_after_name(token);
}

bool Tokenizer::doctype_after_name(Token& token) {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) {
    token.force_quirks = true;
    return emit_doctype(token);
  }
  if (peek() == '>') {
    ++pos_;
    return emit_doctype(token);
  }
  const std::string_view rest = input_.substr(pos_);
  if (starts_with_ci(rest, "public")) {
    pos_ += 6;
    return doctype_identifier(token, true);
  }
  if (starts_with_ci(rest, "system")) {
    pos_ += 6;
    return doctype_identifier(token, false);
  }
  token.force_quirks = true;
  return bogus_doctype(token);
}

// A quoted DOCTYPE identifier at pos_ (at the quote). False when the DOCTYPE ended inside it.
bool Tokenizer::read_quoted_identifier(Token& token, std::string& id) {
  const char quote = input_[pos_++];
  while (!at_end() && peek() != quote) {
    const char c = input_[pos_++];
    if (c == '>') {
      token.force_quirks = true;
      return false;
    }
    if (c == '\0') {
      id.append(kReplacement);
    } else {
      id.push_back(c);
    }
  }
  if (at_end()) {
    token.force_quirks = true;
    return false;
  }
  ++pos_;
  return true;
}

// After the PUBLIC or SYSTEM keyword: white space, then a quoted identifier.
bool Tokenizer::doctype_identifier(Token& token, bool is_public) {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) {
    token.force_quirks = true;
    return emit_doctype(token);
  }
  const char quote = peek();
  if (quote != '"' && quote != '\'') {
    token.force_quirks = true;
    if (quote == '>') {
      ++pos_;
      return emit_doctype(token);
    }
    return bogus_doctype(token);
  }
  (is_public ? token.has_public_id : token.has_system_id) = true;
  if (!read_quoted_identifier(token, is_public ? token.public_id : token.system_id)) {
    return emit_doctype(token);
  }
  return is_public ? doctype_between_identifiers(token) : doctype_after_system_identifier(token);
}

// After the public identifier: white space, then '>' or a quoted system identifier.
bool Tokenizer::doctype_between_identifiers(Token& token) {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) {
    token.force_quirks = true;
    return emit_doctype(token);
  }
  const char c = peek();
  if (c == '>') {
    ++pos_;
    return emit_doctype(token);
  }
  if (c != '"' && c != '\'') {
    token.force_quirks = true;
    return bogus_doctype(token);
  }
  token.has_system_id = true;
  if (!read_quoted_identifier(token, token.system_id)) return emit_doctype(token);
  return doctype_after_system_identifier(token);
}

bool Tokenizer::doctype_after_system_identifier(Token& token) {
  while (!at_end() && is_space(peek())) ++pos_;
  if (at_end()) {
    token.force_quirks = true;
    return emit_doctype(token);
  }
  if (peek() == '>') {
    ++pos_;
    return emit_doctype(token);
  }
  return bogus_doctype(token);  // not quirks
}

bool Tokenizer::bogus_doctype(Token& token) {
  const std::size_t end = input_.find('>', pos_);
  pos_ = end == std::string_view::npos ? input_.size() : end + 1;
  return emit_doctype(token);
}

bool Tokenizer::cdata_section(Token& token) {
  const std::size_t start = pos_;
  const std::size_t end = input_.find("]]>", pos_);
  if (end == std::string_view::npos) {
    pos_ = input_.size();
    return start < pos_ ? emit_text(token, start, pos_) : emit_eof(token);
  }
  pos_ = end + 3;
  if (end == start) return false;
  return emit_text(token, start, end);
}

}  // namespace clipdown::libxml::html5
