#pragma once

// The HTML5 tokenizer (WHATWG "Tokenization"): every state of the specification, over UTF-8
// held in memory. Pure C++ (no libxml2). The tree builder pulls one token at a time and switches
// the tokenizer's state for RCDATA, RAWTEXT, script data and PLAINTEXT elements.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "libxml/html5_tags.hpp"

namespace clipdown::libxml::html5 {

/// What a token is.
enum class TokenKind : std::uint8_t { doctype, start_tag, end_tag, comment, characters, eof };

/// One attribute of a tag token; the name is lowercase.
struct Attribute {
  std::string name;
  std::string value;
};

/// Attribute lists longer than this are checked through a set or by sorting, not by a linear
/// search per attribute (100 000 attributes on one tag must stay linear).
constexpr std::size_t kLinearAttributes = 16;

/// The token the tokenizer produced last. Views point into the input or the tokenizer's buffers
/// and stay valid until the next call of Tokenizer::next().
struct Token {
  TokenKind kind = TokenKind::eof;
  Tag tag = Tag::unknown;             ///< for start and end tags
  std::string name;                   ///< tag name (lowercase) or DOCTYPE name
  std::vector<Attribute> attributes;  ///< in source order, duplicates dropped
  bool self_closing = false;
  std::string_view text;  ///< character data or comment data
  std::string public_id;  ///< DOCTYPE
  std::string system_id;  ///< DOCTYPE
  bool has_name = false;  ///< DOCTYPE: a name was given (missing is not empty)
  bool has_public_id = false;
  bool has_system_id = false;
  bool force_quirks = false;
};

/// Content models the tree builder switches the tokenizer to.
enum class TextMode : std::uint8_t { data, rcdata, rawtext, script_data, plaintext };

/// Turns a document into tokens.
class Tokenizer {
 public:
  /// `input` must outlive the tokenizer. Carriage returns are normalised to line feeds first.
  explicit Tokenizer(std::string_view input);

  /// Fills `token` with the next token; TokenKind::eof at the end (and forever after).
  void next(Token& token);

  /// Switches the content model (after a start tag of title, textarea, style, script, ...).
  /// `end_tag_name` is the tag whose end tag closes the text ("appropriate end tag").
  void set_text_mode(TextMode mode, std::string_view end_tag_name);

  /// Whether `<![CDATA[` opens a CDATA section: the adjusted current node is not HTML.
  void set_cdata_allowed(bool allowed) noexcept { cdata_allowed_ = allowed; }

 private:
  enum class State : std::uint8_t;
  enum class Step : std::uint8_t;
  enum class ScriptState : std::uint8_t;

  bool data(Token& token);
  bool rcdata_or_rawtext(Token& token, bool references);
  bool script_data(Token& token);
  bool script_step(std::size_t& p, ScriptState& s, std::size_t& name_end) const;
  bool script_escaped_step(std::size_t& p, ScriptState& s, std::size_t& name_end) const;
  void script_double_escaped_step(std::size_t& p, ScriptState& s) const;
  bool plaintext(Token& token);
  bool tag_open(Token& token);
  bool read_tag(Token& token, Step step);
  bool read_end_tag(Token& token, std::size_t name_end);
  Step tag_name(Token& token);
  Step before_attribute_name(Token& token);
  Step attribute_name(Token& token);
  Step after_attribute_name(Token& token);
  Step before_attribute_value();
  Step attribute_value_quoted(Token& token, char quote);
  Step attribute_value_unquoted(Token& token);
  Step after_attribute_value_quoted();
  Step self_closing_start_tag(Token& token);
  void start_attribute(Token& token);
  void finish_attribute_name(Token& token);
  bool bogus_comment(Token& token);
  bool markup_declaration_open(Token& token);
  bool comment(Token& token);
  bool doctype(Token& token);
  bool doctype_after_name(Token& token);
  bool doctype_identifier(Token& token, bool is_public);
  bool read_quoted_identifier(Token& token, std::string& id);
  enum class CommentStep : std::uint8_t;
  CommentStep comment_body();
  CommentStep comment_end();
  bool doctype_between_identifiers(Token& token);
  bool doctype_after_system_identifier(Token& token);
  bool bogus_doctype(Token& token);
  bool cdata_section(Token& token);
  bool emit_text(Token& token, std::size_t start, std::size_t end);
  bool emit_buffer(Token& token);
  bool emit_comment(Token& token);
  static bool emit_doctype(Token& token);
  bool emit_eof(Token& token);
  bool appropriate_end_tag_at(std::size_t pos, std::size_t& name_end) const;
  void append_character_reference(std::string& out, bool in_attribute);

  [[nodiscard]] bool at_end() const noexcept { return pos_ >= input_.size(); }
  [[nodiscard]] char peek() const noexcept { return input_[pos_]; }

  std::string normalised_;  // the input with CR and CRLF turned into LF, when it had CRs
  std::string_view input_;
  std::size_t pos_ = 0;
  State state_{};
  std::string buffer_;           // text that is not a plain slice of the input
  std::string comment_;          // comment data being built
  std::string end_tag_name_;     // the appropriate end tag for RCDATA/RAWTEXT/script data
  bool drop_attribute_ = false;  // the attribute being built repeats an earlier name
  std::unordered_set<std::string> attribute_names_;  // of a tag with many attributes
  bool cdata_allowed_ = false;
  bool eof_ = false;
};

/// Appends the UTF-8 encoding of `cp` (a Unicode scalar value) to `out`.
void append_utf8(std::string& out, std::uint32_t cp);

/// ASCII whitespace as the tokenizer defines it: tab, LF, FF, CR, space.
constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}

}  // namespace clipdown::libxml::html5
