#pragma once

// The html5lib-tests tree format ("| <html>" lines) of a parsed document, for the conformance
// test. No libxml2 types: tests include this header.

#include <string>
#include <string_view>

namespace clipdown::libxml {

/// Parses `html` with the HTML5 parser and serialises the tree as html5lib-tests'
/// tree-construction "#document" section: one line per node, "| " plus two spaces per level,
/// attributes sorted by name, template contents under "content". With `fragment`, parses in
/// the context element `context` ("td", "svg path") and serialises the fragment's nodes.
std::string html5lib_tree(std::string_view html, bool fragment, std::string_view context);

}  // namespace clipdown::libxml
