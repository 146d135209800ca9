#pragma once

// Markdown-ish text scrapes (html2text, Jina Reader, Firecrawl and the like store pages as
// Markdown): recognised, and read into one line per block with its inline structure, so that the
// text tokenizer classifies clean text and the output keeps the page's links and emphasis
// instead of escaping the scrape's own syntax ("\[text\](url)", "\#", "\*\*").

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/document.hpp"

namespace clipdown::detail {

/// One block of a Markdown scrape.
struct MarkdownLine {
  BlockKind kind = BlockKind::paragraph;  ///< paragraph, heading, list_item, quote or code
  int level = 0;                          ///< heading level, list or quote depth
  bool ordered = false;                   ///< an ordered list's item
  int number = 0;                         ///< its number
  std::string info;                       ///< a code block's language
  std::vector<Span> spans;                ///< the inline content (code: one text span)
  std::string text;                       ///< the plain text, on one line
};

/// Whether `utf8` is written in Markdown: enough inline links or images, ATX headings and
/// emphasis markers, for its length, that a plain-text reading would keep them as literal text.
bool looks_like_markdown(std::string_view utf8);

/// The blocks of the Markdown `utf8` (CommonMark with GitHub tables), in order: hard-wrapped
/// paragraphs on one line, images and raw HTML left out, table rows as lines of cells.
std::vector<MarkdownLine> markdown_lines(std::string_view utf8);

}  // namespace clipdown::detail
