// libFuzzer target over the whole pipeline (clang, -DCLIPDOWN_FUZZ=ON). Seed the corpus from
// samples/: ./fuzz_convert -max_total_time=600 corpus/ ../samples/
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clipdown/convert.hpp"
#include "clipdown/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);  // NOLINT
  try {
    (void)clipdown::convert(bytes, {});
  } catch (const clipdown::Error&) {
    // Clean refusals (empty, binary, corrupt gzip) are fine; anything else is a finding.
  }
  return 0;
}
