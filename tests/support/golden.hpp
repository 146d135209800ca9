#pragma once

// Helpers shared by the golden-sample and spec-example tests: finding samples, reading their
// flags through the real CLI parser, and parsing tests/spec/*.md.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "clipdown/options.hpp"

namespace clipdown::test {

/// One golden sample: samples/<name>.{txt,html,html.gz} with its expected samples/<name>.md.
struct Sample {
  std::string name;                ///< the slug ("cgtn-nato-captions")
  std::filesystem::path input;     ///< the page
  std::filesystem::path expected;  ///< <name>.md (may not exist yet)
  std::filesystem::path args;      ///< <name>.args (may not exist)
};

/// The samples in `dir`, sorted by name; inputs without a .md are included (the update mode
/// writes their .md). A missing directory gives none.
std::vector<Sample> find_samples(const std::filesystem::path& dir);

/// Reads a whole file as bytes; throws std::runtime_error when it cannot.
std::string read_file(const std::filesystem::path& path);

/// Writes a whole file; throws std::runtime_error when it cannot.
void write_file(const std::filesystem::path& path, std::string_view bytes);

/// Splits a flags text into arguments at white space; '...' and "..." quote, '#' starts a
/// comment line.
std::vector<std::string> split_args(std::string_view text);

/// The pipeline options the real command line (cli::parse_command_line) gives for `args`.
Options options_from_args(const std::vector<std::string>& args);

/// One example of a tests/spec/*.md file.
struct SpecExample {
  std::string file;               ///< "escaping.md"
  int number = 0;                 ///< 1-based within the file
  int line = 0;                   ///< line of the opening fence
  std::string input;              ///< the page, each line ending in '\n'
  std::string expected;           ///< the expected Markdown, each line ending in '\n'
  std::vector<std::string> args;  ///< CLI flags
  /// "escaping.md example 3 (line 41)"
  [[nodiscard]] std::string label() const;
};

/// Parses the examples of one spec file. An example opens with 32 backticks + " example",
/// holds the input, a "." line, the expected Markdown, optionally another "." line and CLI
/// flags, and closes with 32 backticks. "→" in input and expected stands for a tab.
std::vector<SpecExample> parse_spec(std::string_view text, const std::string& file);

}  // namespace clipdown::test
