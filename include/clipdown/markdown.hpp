#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown {

/// Writes the document as Markdown: front matter (per options) followed by the body.
std::string write_markdown(const Document& document, const MarkdownOptions& options);

/// Writes the article body only (no front matter), CommonMark/GFM, with `options.templates`
/// syntax made inert.
std::string write_body(const std::vector<Block>& blocks, const MarkdownOptions& options);

/// DESIGN's standard front-matter keys, in order: the dialect used when a dialect lists none.
const std::vector<FrontMatterKey>& standard_front_matter_keys();

/// Names as one phrase: "A", "A and B", "A, B and C".
std::string join_names(const std::vector<std::string>& names);

/// Writes the front matter block (with its delimiters and a trailing newline), or "" for none.
std::string write_front_matter(const Metadata& meta, const MarkdownOptions& options);

/// Writes the article as plain text (--format text): the title, then each block's text with no
/// markup, blocks separated by blank lines (list items by a line break, table cells by a tab).
/// Images are left out; captions follow `options.captions`; `options.wrap` wraps paragraphs.
std::string write_text(const Document& document, const MarkdownOptions& options);

/// Escapes text so CommonMark renders it literally, escaping only where needed.
/// `line_start` is true when the text begins a line (block markers matter there).
std::string escape_markdown(std::string_view text, bool line_start);

/// Quotes a scalar for YAML only when a plain scalar would be misread; returns it as written.
std::string yaml_scalar(std::string_view value);

/// A JSON string literal (also valid YAML and TOML basic strings for printable text).
std::string json_string(std::string_view value);

}  // namespace clipdown
