#pragma once

// The only place (with tokenize_html.cpp) that knows libxml2: RAII owners, the parse call, a
// string_view adapter and an iterative tree walk.

#include <climits>
#include <memory>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "libxml/arena.hpp"

namespace clipdown::libxml {

/// Frees a document tree (nothing to do for one in the current TreeArena: it goes with it).
struct DocDeleter {
  void operator()(xmlDoc* p) const noexcept {
    if (!TreeArena::current_owns(p)) xmlFreeDoc(p);
  }
};
/// Frees a string libxml2 allocated (xmlFree is a macro: no &xmlFree).
struct CharDeleter {
  void operator()(xmlChar* p) const noexcept { xmlFree(p); }
};
/// Owns a parsed document.
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;
/// Owns a string returned by xmlGetProp, xmlNodeGetContent, ...
using CharPtr = std::unique_ptr<xmlChar, CharDeleter>;

/// Parse flags: recover from any markup, stay silent and offline, trust the caller's UTF-8, and
/// lift the nesting cap that would silently drop deep content.
constexpr int kParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

/// A libxml2 string as a view (empty for null). With xml() below, the project's only casts
/// between char and xmlChar (unsigned char), which libxml2's API forces on its callers.
inline std::string_view view(const xmlChar* s) noexcept {
  if (s == nullptr) return {};
  return std::string_view{reinterpret_cast<const char*>(s)};  // NOLINT(*-reinterpret-cast)
}

/// A NUL-terminated char string as libxml2 takes it.
inline const xmlChar* xml(const char* s) noexcept {
  return reinterpret_cast<const xmlChar*>(s);  // NOLINT(*-reinterpret-cast)
}

/// Runs xmlInitParser() once per process (thread-safe through a function-local static).
inline void init() {
  static const bool kInitialised = [] {
    TreeArena::install();
    xmlInitParser();
    return true;
  }();
  (void)kInitialised;
}

/// Builds the tree a browser builds from HTML (the WHATWG parsing algorithm, scripting off) in
/// html5_tree.cpp: elements lowercase as libxml2's HTML parser names them, svg/math elements in
/// their namespaces, a DTD node for the DOCTYPE, `<template>` contents as the template's
/// children. Never null.
DocPtr html5_parse(std::string_view utf8);

/// The HTML fragment parsing algorithm: parses `utf8` as the content of a `context` element
/// ("td", "svg path", "math mi"; plain names are HTML). The fragment is the children of the
/// document's root element. Never null.
DocPtr html5_parse_fragment(std::string_view utf8, std::string_view context);

/// Parses HTML that is already valid UTF-8 into the tree a browser builds (html5_parse). Null
/// for empty input or input over INT_MAX bytes, as libxml2's parser would give.
inline DocPtr parse_html(std::string_view utf8) {
  init();
  if (utf8.empty() || utf8.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  return html5_parse(utf8);
}

/// libxml2's own HTML 4 parser (htmlReadMemory), kept as the speed floor of the benchmark.
inline DocPtr parse_html_libxml2(std::string_view utf8) {
  init();
  if (utf8.empty() || utf8.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  return DocPtr{
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", kParseOptions)};
}

/// The value of attribute `name` (lowercase) of an element, as a view into the tree; empty when
/// absent. The HTML parser stores each attribute value as one text child.
inline std::string_view attribute(const xmlNode* node, std::string_view name) noexcept {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (view(a->name) == name) {
      return a->children != nullptr ? view(a->children->content) : std::string_view{};
    }
  }
  return {};
}

/// Walks the subtree at `root` in document order without recursion. `visitor.enter(node)`
/// returns whether to descend into the node's children; `visitor.exit(node)` is called for
/// every entered node, after its children.
template <typename Visitor>
void walk(xmlNode* root, Visitor& visitor) {
  if (root == nullptr) return;
  xmlNode* node = root;
  while (true) {
    if (visitor.enter(node) && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (true) {
      visitor.exit(node);
      if (node == root) return;
      if (node->next != nullptr) {
        node = node->next;
        break;
      }
      node = node->parent;
    }
  }
}

}  // namespace clipdown::libxml
