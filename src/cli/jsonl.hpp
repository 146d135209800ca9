#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/budget.hpp"
#include "cli/cli.hpp"

namespace clipdown::cli {

/// What one --jsonl input line gave.
struct JsonlRecord {
  std::string text;                   ///< a compact JSON object and '\n'; "" for a blank line
  bool failed = false;                ///< the record carries an error
  std::string error;                  ///< that error, for stderr
  std::vector<std::string> warnings;  ///< repairs made to the line, the page's warnings
};

/// The --jsonl output record for one input line. A line with invalid UTF-8 is repaired
/// (U+FFFD) with a warning, as files are, instead of being refused. The page waits for its
/// share of `budget` before it is converted; `order` is the record's place in the stream.
JsonlRecord jsonl_record(std::string_view line, const CliOptions& cli, MemoryBudget& budget,
                         std::uint64_t order);

/// The --jsonl mode over any streams: reads records from `in`, writes one record per non-blank
/// input line to `out`, in input order, converting with cli.jobs threads; errors and warnings
/// go to `err` ("clipdown: <stdin>:LINE: error: ...", warnings unless cli.quiet).
ExitCode run_jsonl(std::FILE* in, std::FILE* out, std::FILE* err, const CliOptions& cli);

}  // namespace clipdown::cli
