#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "cli/cli.hpp"

namespace clipdown::cli {

/// One --jsonl output record (a compact JSON object and a newline) for one input line, or ""
/// for a blank line. `failed` is set when the record carries an error.
std::string jsonl_record(std::string_view line, const CliOptions& cli, bool& failed);

/// The --jsonl mode over any streams: reads records from `in`, writes one record per non-blank
/// input line to `out`, in input order, converting with cli.jobs threads.
ExitCode run_jsonl(std::FILE* in, std::FILE* out, const CliOptions& cli);

}  // namespace clipdown::cli
