#pragma once

#include <string>
#include <vector>

#include "clipdown/options.hpp"

namespace clipdown::cli {

/// Process exit statuses (DESIGN: 0 / 1 / 2 / 70).
enum class ExitCode : int { ok = 0, failed = 1, usage = 2, internal = 70 };

/// Everything the command line says.
struct CliOptions {
  std::vector<std::string> inputs;  ///< paths; "-" is stdin
  std::string output;               ///< -o FILE; empty: stdout
  bool dump_blocks = false;         ///< print the extracted blocks instead of Markdown
  bool verbose = false;             ///< diagnostics on stderr
  bool quiet = false;               ///< no warnings on stderr
  Options options;                  ///< pipeline options
};

/// Parses argv; throws CLI::ParseError (incl. CLI::CallForHelp) on --help or bad usage.
CliOptions parse_command_line(int argc, const char* const* argv);

/// Runs the command line: converts every input, reports errors per input.
ExitCode run(int argc, const char* const* argv);

}  // namespace clipdown::cli
