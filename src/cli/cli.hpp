#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clipdown/convert.hpp"
#include "clipdown/options.hpp"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace, not ours
class App;
}  // namespace CLI

namespace clipdown::cli {

/// Process exit statuses (DESIGN: 0 / 1 / 2 / 70).
/// Exit statuses (README "Errors and exit status", man page EXIT STATUS).
enum class ExitCode : int { ok = 0, failed = 1, usage = 2, empty = 3, internal = 70 };

/// What one converted input is written as (--format).
enum class OutputFormat : std::uint8_t {
  markdown,  ///< front matter + Markdown body
  text,      ///< the article as plain text (no front matter, no markup)
  json,      ///< one JSON object: metadata + markdown
};

/// Everything the command line says.
struct CliOptions {
  // Inputs and outputs (batch.cpp / cli.cpp).
  std::vector<std::string> inputs;   ///< paths, directories, @lists; "-" is stdin
  std::vector<std::string> include;  ///< --include globs for files found in directories
  std::vector<std::string> exclude;  ///< --exclude globs
  std::string output;                ///< -o FILE or DIR; empty: stdout
  std::string from;                  ///< --from as given; finish() sets the input kind/syntax
  std::string name_template;         ///< --name; empty: the preset's, else "{slug}"
  bool force = false;                ///< overwrite existing output files
  unsigned jobs = 0;                 ///< --jobs; 0: all cores
  std::size_t memory_budget = 0;     ///< --memory-budget (bytes); 0: default_memory_budget()
  bool dump_blocks = false;          ///< print the extracted blocks instead of Markdown
  bool verbose = false;              ///< name each file; diagnostics on stderr
  bool quiet = false;                ///< no progress, warnings or summary; errors only
  // Output shape (output.cpp / jsonl.cpp).
  OutputFormat format = OutputFormat::markdown;
  bool jsonl = false;  ///< JSON Lines records in on stdin, records out on stdout
  /// --jsonl-paths DIR, resolved: {"path"} records may read regular files under it; empty:
  /// {"path"} records are refused.
  std::string jsonl_paths;
  std::string preset;             ///< --preset hugo|jekyll|zola|eleventy|astro|obsidian
  std::string extension = ".md";  ///< file extension for -o DIR (from --format)
  /// --name template for inputs whose date is unknown (the preset's, e.g. Jekyll's
  /// "_drafts/{slug}"); empty: `name_template` for every input.
  std::string name_template_undated;
  std::vector<std::string> meta;    ///< --meta KEY=VALUE as given (output.cpp parses them)
  bool front_matter_given = false;  ///< --front-matter was given: it wins over --preset
  /// --print FIELD, repeatable: only these fields are written, one line each, in this order.
  std::vector<std::string> print;
  /// --authors list|string as given ("" : the preset's or DESIGN's shape).
  std::string authors;
  Options options;  ///< pipeline options
};

/// Parses argv; throws CLI::ParseError (incl. CLI::CallForHelp) on --help or bad usage.
CliOptions parse_command_line(int argc, const char* const* argv);

/// Runs the command line: converts every input, reports errors per input.
ExitCode run(int argc, const char* const* argv);

// --- output.cpp -------------------------------------------------------------------------------

/// Declares the output-shape flags (--format, --front-matter, --preset, --title-heading,
/// --captions, --links, --images, --wrap, --meta, --jsonl), bound to `cli`.
void add_output_flags(CLI::App& app, CliOptions& cli);

/// Applies --preset and the other output flags after parsing (preset defaults first, explicit
/// flags win). Throws CLI::ValidationError for an unknown preset or a bad --meta.
void finish_output_options(CliOptions& cli);

/// The bytes written for one converted input, per --format.
std::string render_output(const Result& result, const CliOptions& cli);

/// The page's fields as --format json and --jsonl records write them, in this order: url,
/// title, author (a list), date, updated, source, description, image, lang, tags, type,
/// markdown (the body without front matter); unknown values are null. `url` is used when the
/// page names no address of its own (an http(s) one only).
nlohmann::ordered_json page_record(const Result& result, const MarkdownOptions& markdown,
                                   const std::string& url = {});

// --- jsonl.cpp --------------------------------------------------------------------------------

/// The --jsonl streaming mode: reads JSON Lines records ({"url", "html"} or {"path"}) from
/// stdin and writes one JSON record per input ({url, title, author, date, source, markdown,
/// error}) to stdout, in input order.
ExitCode run_jsonl(const CliOptions& cli);

}  // namespace clipdown::cli
