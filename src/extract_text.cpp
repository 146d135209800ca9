// Main-content extraction for text scrapes (no container tree).
//
// 1. Every block gets a weight (text_rules.hpp): prose gains by its length, short lines, lines
//    without a sentence end and chrome cost, section markers ("Related") are barriers and
//    footer markers (comments, site index) nearly walls; headings and captions are neutral.
// 2. The article is the densest run (maximum-sum range, Kadane): the menus, cookie banners,
//    related lists and footers around it fall outside.
// 3. The run starts after the title, and after the byline/dateline lines at its head; it then
//    takes back the photo captions right above its first paragraph.
// 4. Inside the run only body blocks stay: title, byline, dateline, credit and chrome go.
// When no block weighs positive (a short note), every body block is kept.

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "extract_internal.hpp"
#include "text_rules.hpp"

namespace clipdown::detail {

namespace {

namespace tx = text;

// Header lines (byline, dateline) this close to the start of the run are skipped with it.
constexpr std::size_t kHeaderReach = 6;
// After the run, prose is taken back across at most this many short or chrome lines (a short
// article's last paragraph weighs too little to pay for a label or an ad line before it).
constexpr std::size_t kMaxBridgeLines = 2;

double block_weight(const Block& block, tx::Chrome chrome) {
  const std::string text = plain_text(block.spans);
  if (const auto weight = tx::chrome_weight(chrome)) return *weight;
  switch (block.role) {
    case BlockRole::chrome:
      return tx::kListedWeight;
    case BlockRole::byline:
    case BlockRole::dateline:
      return tx::kAuthorDateWeight;
    case BlockRole::title:
    case BlockRole::credit:
      return tx::kMetaWeight;
    case BlockRole::body:
      break;
  }
  switch (block.kind) {
    case BlockKind::heading:
    case BlockKind::caption:
    case BlockKind::image:
    case BlockKind::rule:
      return tx::kInlineWeight;
    case BlockKind::table:
      return 0.0;
    case BlockKind::list_item:
      return std::max(tx::kListItemFloor, tx::text_weight(text));
    case BlockKind::paragraph:
    case BlockKind::quote:
    case BlockKind::code:
      break;
  }
  return tx::text_weight(text);
}

bool is_header(const Block& block) {
  return block.role == BlockRole::title || block.role == BlockRole::byline ||
         block.role == BlockRole::dateline;
}

}  // namespace

std::vector<Block> select_text_content(Page& page, const Metadata& /*meta*/,
                                       const ExtractOptions& options,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<Block>& blocks = page.blocks;
  std::vector<double> weights(blocks.size());
  std::vector<bool> footer(blocks.size());
  std::vector<bool> barrier(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto chrome = tx::classify_chrome(plain_text(blocks[i].spans)).first;
    weights[i] = block_weight(blocks[i], chrome);
    footer[i] = chrome == tx::Chrome::footer;
    barrier[i] = chrome == tx::Chrome::footer || chrome == tx::Chrome::section ||
                 (blocks[i].role != BlockRole::body && blocks[i].role != BlockRole::chrome);
  }
  tx::discount_after_footer(weights, footer);
  auto [first, last] = tx::densest_run(weights);
  std::vector<Block> out;
  if (first > last) {
    for (auto& block : blocks) {
      if (block.role == BlockRole::body) out.push_back(std::move(block));
    }
    if (options.explain) {
      diagnostics.push_back({Severity::note, "extract", "no prose run: kept every body block"});
    }
    return out;
  }
  // Bridge short gaps after the run: prose and list items continuing the article's list.
  std::size_t gap = 0;
  for (std::size_t j = last + 1; j < blocks.size() && !barrier[j] && !footer[j]; ++j) {
    const bool list_goes_on = blocks[j].kind == BlockKind::list_item &&
                              blocks[last].kind == BlockKind::list_item && j == last + 1;
    if ((weights[j] > 0.0 && blocks[j].role == BlockRole::body) || list_goes_on) {
      last = j;
      gap = 0;
    } else if (++gap > kMaxBridgeLines) {
      break;
    }
  }
  // Start after the title and the byline/dateline lines at the head of the run.
  for (std::size_t i = first; i <= last && i < first + kHeaderReach; ++i) {
    if (is_header(blocks[i])) first = i + 1;
  }
  for (std::size_t i = first; i <= last; ++i) {
    if (blocks[i].role == BlockRole::title) {
      first = i + 1;
      break;
    }
  }
  // Take back the captions (and their credit lines) right above the first paragraph.
  while (first > 0 && first <= last && blocks[first - 1].role != BlockRole::chrome &&
         (blocks[first - 1].kind == BlockKind::caption ||
          blocks[first - 1].role == BlockRole::credit) &&
         !is_header(blocks[first - 1])) {
    --first;
  }
  if (options.explain) {
    diagnostics.push_back(
        {Severity::note, "extract",
         fmt::format("article region: blocks {}-{} of {}", first, last, blocks.size())});
  }
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i >= first && i <= last && blocks[i].role == BlockRole::body) {
      out.push_back(std::move(blocks[i]));
    } else {
      ++dropped;
    }
  }
  if (options.explain) {
    diagnostics.push_back(
        {Severity::note, "extract", fmt::format("dropped {} blocks outside the article", dropped)});
  }
  return out;
}

}  // namespace clipdown::detail
