#pragma once

// Renders Markdown with a real CommonMark implementation (cmark-gfm, tables and strikethrough
// enabled) so tests can prove that the writer's escaping reads back as the text it meant.

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown::test {

/// The text cmark-gfm sees in `markdown`: text, code and code-block literals, image alt text,
/// with white space between blocks and at breaks, normalised by normalize_space().
std::string commonmark_text(std::string_view markdown);

/// The node types cmark-gfm parses `markdown` into, one per line, indented by depth
/// ("paragraph\n  text\n  emph\n    text\n"), for structure assertions.
std::string commonmark_tree(std::string_view markdown);

/// The text the writer should put on the page for `blocks` under `options` (captions, images
/// and the title heading as the options say), normalised by normalize_space().
std::string document_text(const std::vector<Block>& blocks, const MarkdownOptions& options,
                          std::string_view title = {});

/// Collapses every run of ASCII white space to one space and trims the ends.
std::string normalize_space(std::string_view text);

}  // namespace clipdown::test
