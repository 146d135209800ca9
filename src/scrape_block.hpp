#pragma once

// One block of a scrape read through its own syntax (Markdown, a lynx or w3m dump): what the
// text tokenizer needs beyond the plain text of a line.

#include <cstdint>
#include <string>
#include <vector>

#include "clipdown/document.hpp"

namespace clipdown::detail {

/// One block of a scrape: its kind and inline content.
struct ScrapeBlock {
  BlockKind kind = BlockKind::paragraph;  ///< paragraph, heading, list_item, quote or code
  int level = 0;                          ///< heading level, list or quote depth
  bool ordered = false;                   ///< an ordered list's item
  int number = 0;                         ///< its number
  std::string info;                       ///< a code block's language
  std::vector<Span> spans;                ///< the inline content (code: one text span)
  std::string text;                       ///< the plain text, on one line
  std::uint32_t line = 0;                 ///< 1-based input line it starts on (0: not known)
};

}  // namespace clipdown::detail
