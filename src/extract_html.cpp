#include "extract_internal.hpp"

namespace clipdown::detail {

// STUB: replaced by main-content scoring.
std::vector<Block> select_html_content(Page& page, const Metadata& /*meta*/,
                                       const ExtractOptions& /*options*/,
                                       std::vector<Diagnostic>& /*diagnostics*/) {
  std::vector<Block> out;
  for (auto& block : page.blocks) {
    if (block.role == BlockRole::body) out.push_back(std::move(block));
  }
  return out;
}

}  // namespace clipdown::detail
