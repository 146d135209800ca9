// libFuzzer target over the HTML5 tokenizer and tree builder alone (clang, -DCLIPDOWN_FUZZ=ON):
// each input is parsed as a document and, in a context element picked by its first byte, as a
// fragment, and both trees are serialised (which walks every node and attribute the builder
// linked). Seed the corpus from samples/ and the html5lib-tests data:
//   build-fuzz/fuzz_html5 -max_total_time=1800 corpus/ samples/
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "libxml/html5_dump.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);  // NOLINT
  // Fragment contexts that switch the tree builder's insertion mode or the tokenizer's state.
  constexpr std::array<std::string_view, 12> kContexts = {
      "body",     "div",   "td",       "tr",      "table",   "select",
      "template", "title", "textarea", "svg svg", "math mi", "html"};
  (void)clipdown::libxml::html5lib_tree(bytes, false, "");
  const std::string_view context = kContexts[size == 0 ? 0 : data[0] % kContexts.size()];
  (void)clipdown::libxml::html5lib_tree(bytes, true, context);
  return 0;
}
