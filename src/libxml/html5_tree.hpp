#pragma once

// The HTML5 tree builder (WHATWG "Tree construction") over libxml2's document model. Internal to
// src/libxml/: html5_tree.cpp implements libxml::html5_parse() and html5_parse_fragment()
// (declared in doc.hpp) with it.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "libxml/doc.hpp"
#include "libxml/html5_tokenizer.hpp"

namespace clipdown::libxml::html5 {

/// The namespace of an element (HTML, SVG or MathML; attributes may be in xlink/xml/xmlns).
enum class Ns : std::uint8_t { html, svg, math };

/// Builds one document (or fragment) from the tokens of one Tokenizer.
///
/// Bounded work on hostile input: the per-tag counts of open elements answer most scope
/// questions without walking the stack; Noah's Ark and the adoption agency's loop limits bound
/// the list of active formatting elements; text is gathered and written to a node once.
class TreeBuilder {
 public:
  /// A builder for a whole document.
  explicit TreeBuilder(Tokenizer& tokenizer);
  /// A builder for a fragment parsed in the context of `context` ("td", "svg path", "math mi").
  TreeBuilder(Tokenizer& tokenizer, std::string_view context);

  /// Runs the tokenizer to the end and returns the document.
  DocPtr build();

  enum class Mode : std::uint8_t;

 private:
  TreeBuilder(Tokenizer& tokenizer, bool fragment);

  struct Element;
  struct Formatting;
  struct Location {
    xmlNode* parent = nullptr;
    xmlNode* before = nullptr;  ///< insert before this child; null: append
  };
  enum class Scope : std::uint8_t { normal, list_item, button, table };

  // Dispatch
  void process(Token& token);
  void dispatch(Token& token);
  [[nodiscard]] bool use_html_rules(const Token& token) const;
  bool run_mode(Mode mode, Token& token);
  bool foreign_content(Token& token);
  bool foreign_end_tag(Token& token);
  // Insertion modes: each returns true when the token must be reprocessed.
  bool initial(Token& token);
  bool before_html(Token& token);
  bool before_head(Token& token);
  bool in_head(Token& token);
  bool in_head_start_tag(Token& token);
  bool in_head_noscript(Token& token);
  bool after_head(Token& token);
  bool in_body(Token& token);
  bool in_body_characters(Token& token);
  void html_start_tag(const Token& token);
  bool template_eof();
  bool in_body_start_tag(Token& token);
  bool in_body_start_block(Token& token);
  bool in_body_start_list_item(Token& token);
  bool in_body_start_inline(Token& token);
  bool in_body_start_form_controls(Token& token);
  bool in_body_start_raw(Token& token);
  bool in_body_start_rare(Token& token);
  bool in_body_end_tag(Token& token);
  bool in_body_end_block(Token& token);
  bool text(Token& token);
  bool in_table(Token& token);
  bool in_table_start_tag(Token& token);
  bool in_table_anything_else(Token& token);
  bool in_table_text(Token& token);
  bool in_caption(Token& token);
  bool in_column_group(Token& token);
  bool in_table_body(Token& token);
  bool in_row(Token& token);
  bool in_cell(Token& token);
  bool in_template(Token& token);
  bool after_body(Token& token);
  bool in_frameset(Token& token);
  bool after_frameset(Token& token);
  bool after_after_body(Token& token);
  bool after_after_frameset(Token& token);

  // The stack of open elements
  [[nodiscard]] std::uint32_t current() const { return stack_.back(); }
  [[nodiscard]] const Element& adjusted_current() const;
  [[nodiscard]] bool is(std::uint32_t e, Tag tag) const;
  [[nodiscard]] bool current_is(Tag tag) const { return !stack_.empty() && is(current(), tag); }
  [[nodiscard]] static bool is_special(const Element& e);
  [[nodiscard]] bool open(Tag tag) const;
  [[nodiscard]] bool in_scope(Tag tag, Scope scope) const;
  [[nodiscard]] bool element_in_scope(std::uint32_t element) const;
  [[nodiscard]] bool heading_in_scope() const;
  void push(std::uint32_t element);
  void pop();
  void pop_until(Tag tag);
  void pop_until_element(std::uint32_t element);
  void remove_from_stack(std::uint32_t element);
  void generate_implied_end_tags(Tag except = Tag::unknown);
  void generate_all_implied_end_tags();
  void close_p_if_in_button_scope();
  void clear_to_context(std::initializer_list<Tag> tags);
  void reset_insertion_mode();
  void close_cell();

  // Active formatting elements
  void push_formatting(std::uint32_t element, const Token& token);
  void push_marker();
  void reconstruct_formatting();
  void clear_formatting_to_marker();
  [[nodiscard]] std::size_t formatting_index(std::uint32_t element) const;
  void remove_formatting(std::uint32_t element);
  bool adoption_agency(const Token& token);
  bool adoption_step(const Token& token);
  std::uint32_t adoption_inner_loop(std::uint32_t fe, std::size_t fb_pos, std::size_t& bookmark);
  void adoption_replace_formatting(std::uint32_t fe, std::uint32_t furthest, std::size_t bookmark);
  void any_other_end_tag(const Token& token);

  // The tree
  [[nodiscard]] Location appropriate_place(const xmlNode* target = nullptr) const;
  [[nodiscard]] Location foster_place() const;
  std::uint32_t create_element(const Token& token, Ns ns);
  std::uint32_t create_element(Tag tag, std::string_view name, Ns ns,
                               const std::vector<Attribute>& attributes);
  std::uint32_t insert_element(const Token& token, Ns ns = Ns::html);
  std::uint32_t insert_implied(Tag tag);
  void insert_foreign(Token& token, Ns ns);
  void insert_text(std::string_view text);
  void insert_comment(std::string_view data, xmlNode* parent = nullptr);
  void insert_doctype(const Token& token);
  void raw_text_element(Token& token, TextMode mode);
  void flush_text();
  void count_open(const Element& e, bool opened);
  [[nodiscard]] bool open_unknown(std::string_view name) const;
  void insert_at(const Location& at, xmlNode* node);
  void add_missing_attributes(std::uint32_t element, const Token& token);
  const xmlChar* intern(Tag tag, std::string_view name);
  xmlNs* ns_for(Ns ns);
  void set_attributes(xmlNode* node, Ns ns, const std::vector<Attribute>& attributes);

  Tokenizer& tokenizer_;
  DocPtr doc_;
  std::vector<Element> elements_;     // every element created, by index
  std::vector<std::uint32_t> stack_;  // the stack of open elements
  std::vector<Formatting> formatting_;
  std::vector<Mode> template_modes_;
  std::array<std::uint32_t, kTagCount> open_counts_{};  // HTML elements open, per tag
  // The attribute names of <html> and <body>, once another start tag adds to them
  struct AttributeIndex {
    std::unordered_set<std::string> names;
    xmlAttr* last = nullptr;
  };
  std::unordered_map<std::uint32_t, AttributeIndex> attribute_index_;
  // HTML elements of unknown tags open, per (interned) name
  std::unordered_map<std::string_view, std::uint32_t> open_unknown_;
  std::array<const xmlChar*, kTagCount> names_{};  // interned tag names
  std::array<xmlNs*, 6> namespaces_{};
  Mode mode_;
  Mode original_mode_;
  std::uint32_t head_ = kNone;
  std::uint32_t form_ = kNone;
  std::uint32_t context_ = kNone;   // fragment parsing: the context element (not in the tree)
  xmlNode* root_parent_ = nullptr;  // the document node, as an xmlNode
  std::string pending_text_;        // text not yet written to the tree
  Location pending_at_;
  std::string table_text_;  // the "pending table character tokens"
  std::vector<Attribute> no_attributes_;
  std::vector<xmlNode*> detached_;  // nodes taken out of the tree, freed after the build
  bool quirks_ = false;
  bool frameset_ok_ = true;
  bool foster_parenting_ = false;
  bool skip_newline_ = false;
  bool fragment_ = false;

  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
};

}  // namespace clipdown::libxml::html5
