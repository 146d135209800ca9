#pragma once

// Text-mode browser dumps (`lynx -dump`, `w3m -dump`): recognised by their layout and read into
// blocks, so that the text tokenizer sees paragraphs, list items and headings instead of lines
// hard-wrapped at 80 columns, and none of the browser's own marks: lynx's `[12]` link markers
// and its closing "References" list, form controls (`[ ]`, `(BUTTON)`, `[____]`), image
// placeholders (`[logo.png]`, `[svg]`).

#include <cstdint>
#include <string_view>
#include <vector>

#include "scrape_block.hpp"

namespace clipdown::detail {

/// Which browser laid the text out.
enum class DumpKind : std::uint8_t { none, lynx, w3m };

/// The browser whose dump `utf8` is, by its layout: lynx indents paragraphs by three columns
/// and lists by five (and may end with a numbered "References" list); w3m wraps at 80 columns
/// and marks list items with "•" and nested ones with "□" or "◦". DumpKind::none for other text.
DumpKind dump_kind(std::string_view utf8);

/// The blocks of the dump `utf8`, in order: wrapped lines joined, list items with their depth,
/// lynx's unindented lines as headings (level 2: lynx does not tell the levels apart), the
/// browser's marks and placeholders removed.
std::vector<ScrapeBlock> dump_lines(std::string_view utf8, DumpKind kind);

/// A dump's kind and blocks.
struct Dump {
  DumpKind kind = DumpKind::none;
  std::vector<ScrapeBlock> blocks;  ///< empty when `kind` is none
};

/// dump_kind() and dump_lines() with the input split into lines once: `utf8` read as a dump of
/// `kind`, or of the kind it is recognised as when `kind` is DumpKind::none.
Dump read_dump(std::string_view utf8, DumpKind kind);

}  // namespace clipdown::detail
