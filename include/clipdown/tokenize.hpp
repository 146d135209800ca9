#pragma once

#include <string_view>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown {

/// Parses HTML (valid UTF-8) into blocks, a container summary and metadata hints. Markup that
/// is never content (script, style, nav, forms, hidden elements, share widgets) is dropped here.
Page tokenize_html(std::string_view utf8, const TokenizeOptions& options);

/// Classifies the lines of a plain-text scrape (title, byline, dateline, caption, heading,
/// paragraph, list item, credit, chrome) into blocks and metadata hints.
Page tokenize_text(std::string_view utf8, const TokenizeOptions& options);

}  // namespace clipdown
