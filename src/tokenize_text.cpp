#include "clipdown/tokenize.hpp"

namespace clipdown {

// STUB: replaced by the line classifier.
Page tokenize_text(std::string_view utf8, const TokenizeOptions& /*options*/) {
  Page page;
  std::size_t start = 0;
  while (start < utf8.size()) {
    auto end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    auto line = utf8.substr(start, end - start);
    if (!line.empty()) page.blocks.push_back(Block{.spans = {Span{.text = std::string(line)}}});
    start = end + 1;
  }
  return page;
}

}  // namespace clipdown
