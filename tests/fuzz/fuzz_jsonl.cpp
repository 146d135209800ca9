// libFuzzer target over one --jsonl input line (clang, -DCLIPDOWN_FUZZ=ON): whatever the line
// holds (broken JSON, deep nesting, invalid UTF-8, {"path"} records, huge numbers), the output
// is exactly one JSON object on one line, which a real JSON parser reads back. Seed with a few
// records, e.g. tests/fuzz/jsonl-seeds/:
//   build-fuzz/fuzz_jsonl -max_total_time=1800 corpus-jsonl/ tests/fuzz/jsonl-seeds/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/jsonl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);  // NOLINT
  const clipdown::cli::CliOptions cli;           // {"path"} records are refused, as by default
  static clipdown::cli::MemoryBudget budget(0);  // the default: half the machine's memory
  const clipdown::cli::JsonlRecord record = clipdown::cli::jsonl_record(line, cli, budget, 0);
  if (record.text.empty()) return 0;  // a blank line gives no record
  const std::string_view text = record.text;
  // one line, ending in '\n', holding one JSON object
  if (text.back() != '\n' || text.find('\n') != text.size() - 1) std::abort();
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("markdown")) std::abort();
  return 0;
}
