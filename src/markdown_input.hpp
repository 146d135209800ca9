#pragma once

// Markdown-ish text scrapes (html2text, Jina Reader, Firecrawl and the like store pages as
// Markdown): recognised, and read into one line per block with its inline structure, so that the
// text tokenizer classifies clean text and the output keeps the page's links and emphasis
// instead of escaping the scrape's own syntax ("\[text\](url)", "\#", "\*\*").

#include <string>
#include <string_view>
#include <vector>

#include "scrape_block.hpp"

namespace clipdown::detail {

/// Whether `utf8` is written in Markdown: enough inline links or images, ATX headings and
/// emphasis markers, for its length, that a plain-text reading would keep them as literal text.
bool looks_like_markdown(std::string_view utf8);

/// The blocks of the Markdown `utf8` (CommonMark with GitHub tables), in order: hard-wrapped
/// paragraphs on one line, images and raw HTML left out, table rows as lines of cells.
std::vector<ScrapeBlock> markdown_lines(std::string_view utf8);

}  // namespace clipdown::detail
