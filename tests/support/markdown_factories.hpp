#pragma once

// Span and block factories for the Markdown writer's tests.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clipdown/document.hpp"

namespace clipdown::test {

/// A plain text span.
inline Span text(std::string s) {
  return Span{.text = std::move(s)};
}
/// An emphasis span.
inline Span em(std::string s) {
  return Span{.kind = SpanKind::emphasis, .text = std::move(s)};
}
/// A strong span.
inline Span strong(std::string s) {
  return Span{.kind = SpanKind::strong, .text = std::move(s)};
}
/// An inline code span.
inline Span code(std::string s) {
  return Span{.kind = SpanKind::code, .text = std::move(s)};
}
/// A link span.
inline Span hyperlink(std::string s, std::string url) {
  return Span{.kind = SpanKind::link, .text = std::move(s), .url = std::move(url)};
}
/// An inline image span.
inline Span img(std::string alt, std::string url) {
  return Span{.kind = SpanKind::image, .text = std::move(alt), .url = std::move(url)};
}
/// A hard line break.
inline Span br() {
  return Span{.kind = SpanKind::line_break};
}

/// A block of `kind` holding `spans`.
inline Block block(BlockKind kind, std::vector<Span> spans, int level = 0) {
  return Block{.kind = kind, .level = level, .spans = std::move(spans)};
}
/// A paragraph of spans.
inline Block paragraph(std::vector<Span> spans) {
  return block(BlockKind::paragraph, std::move(spans));
}
/// A list item of list `list` at nesting `level`.
inline Block item(int level, std::string s, std::uint32_t list = 1, bool ordered = false,
                  int number = 0) {
  return Block{.kind = BlockKind::list_item,
               .level = level,
               .ordered = ordered,
               .number = number,
               .list = list,
               .spans = {Span{.text = std::move(s)}}};
}
/// A block quote paragraph at `level`.
inline Block quote(std::string s, int level = 1) {
  return block(BlockKind::quote, {Span{.text = std::move(s)}}, level);
}
/// A code block.
inline Block code_block(std::string s, std::string info = {}) {
  return Block{
      .kind = BlockKind::code, .info = std::move(info), .spans = {Span{.text = std::move(s)}}};
}
/// A table of plain-text cells; the first row is the header.
inline Block table(const std::vector<std::vector<std::string>>& rows) {
  Block b{.kind = BlockKind::table, .header_rows = 1};
  for (const auto& row : rows) {
    Row out;
    for (const auto& cell : row) out.push_back(Cell{Span{.text = cell}});
    b.rows.push_back(std::move(out));
  }
  return b;
}
/// A standalone image.
inline Block image(std::string alt, std::string url) {
  return block(BlockKind::image, {img(std::move(alt), std::move(url))});
}
/// A thematic break.
inline Block rule() {
  return Block{.kind = BlockKind::rule};
}

}  // namespace clipdown::test
