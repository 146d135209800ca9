#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown::test {

/// Options that read the input as HTML whatever it looks like.
inline Options html_options() {
  Options options;
  options.decode.kind = InputKind::html;
  return options;
}

/// A body paragraph of plain text.
inline Block para(std::string text) {
  return Block{.kind = BlockKind::paragraph, .spans = {Span{.text = std::move(text)}}};
}
/// A caption block.
inline Block caption(std::string text) {
  return Block{.kind = BlockKind::caption, .spans = {Span{.text = std::move(text)}}};
}
/// A heading block.
inline Block heading(int level, std::string text) {
  return Block{
      .kind = BlockKind::heading, .level = level, .spans = {Span{.text = std::move(text)}}};
}
/// A block with a role other than body.
inline Block with_role(Block block, BlockRole role) {
  block.role = role;
  return block;
}

/// The user's seed scrape from ../shared, or nullopt when the shared folder is absent.
inline std::optional<std::string> read_seed() {
  std::ifstream in(std::string(CLIPDOWN_SHARED_DIR) + "/seed/000_6c0b3531cbbbb861.txt",
                   std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace clipdown::test

namespace Catch {
template <>
struct StringMaker<clipdown::Block> {
  static std::string convert(const clipdown::Block& block) {
    return clipdown::dump_blocks({block});
  }
};
template <>
struct StringMaker<std::vector<clipdown::Block>> {
  static std::string convert(const std::vector<clipdown::Block>& blocks) {
    return "\n" + clipdown::dump_blocks(blocks);
  }
};
}  // namespace Catch
