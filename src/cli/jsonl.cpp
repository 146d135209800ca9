#include "cli/cli.hpp"

namespace clipdown::cli {

// STUB until --jsonl lands.
ExitCode run_jsonl(const CliOptions& /*cli*/) {
  return ExitCode::usage;
}

}  // namespace clipdown::cli
