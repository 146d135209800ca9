// libFuzzer target over the text-scrape path (clang, -DCLIPDOWN_FUZZ=ON): every input is read
// as a plain-text scrape, whatever it looks like, and converted (tokenize_text, the line rules,
// the text extractor, the writer). Seed the corpus from samples/*.txt:
//   build-fuzz/fuzz_text -max_total_time=1800 corpus-text/ samples/
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clipdown/convert.hpp"
#include "clipdown/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);  // NOLINT
  clipdown::Options options;
  options.decode.kind = clipdown::InputKind::text;
  try {
    (void)clipdown::convert(bytes, options);
  } catch (const clipdown::Error&) {
    // Clean refusals (empty, binary) are fine; anything else is a finding.
  }
  return 0;
}
