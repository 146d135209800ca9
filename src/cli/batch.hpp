#pragma once

// Batch conversion: expanding inputs (files, directories, @lists, stdin), converting them on
// worker threads, writing results in input order (stdout, -o FILE or -o DIR), the summary and
// the exit status.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.hpp"
#include "cli/naming.hpp"
#include "cli/progress.hpp"
#include "clipdown/document.hpp"
#include "warc.hpp"

namespace clipdown::cli {

/// Where converted inputs go.
/// One thing to convert: a file (or stdin), or one page record of a WARC archive.
struct Item {
  std::string path;
  std::optional<warc::RecordRef> record;
};

enum class OutputMode : std::uint8_t {
  stdout_stream,  ///< one after another on stdout (no -o, or -o -)
  file,           ///< -o FILE: one input, one file
  directory,      ///< -o DIR: one file per input, named by --name
};

/// The output mode the command line asks for: -o DIR when its path ends with '/', is a
/// directory, or there are several inputs, a directory input or an @list; else -o FILE.
OutputMode output_mode(const CliOptions& cli);

/// Whether an input's name says it is a WARC archive (.warc, .warc.gz).
bool is_archive_name(std::string_view path);

/// The inputs as items: a WARC archive (by name) gives one item per HTML page record, found by
/// reading it once (its warnings printed unless --quiet); other files one each. An archive that
/// cannot be read adds its message to `failures`.
std::vector<Item> expand_archives(const std::vector<std::string>& files, const CliOptions& cli,
                                  std::vector<std::string>& failures);

/// An input that cannot be converted before reading it.
struct InputProblem {
  std::string path;    ///< as given (or as found in a list)
  std::string reason;  ///< "no such file", ...
  bool usage = false;  ///< a usage error (exit status 2) rather than a failure (1)
};

/// The files a batch converts, in order, and the problems found on the way.
struct InputList {
  std::vector<std::string> files;  ///< paths to read; "-" is stdin
  std::vector<InputProblem> problems;
  std::vector<std::string> empty_dirs;  ///< directories holding no page
};

/// Globs choosing the files of a directory walk.
struct WalkFilters {
  std::vector<std::string> include;  ///< extra globs (the default page extensions always count)
  std::vector<std::string> exclude;  ///< globs that win over everything
  std::string skip_folder;           ///< a folder never walked (-o DIR, when inside an input)
};

/// Whether a directory walk takes the file at `relative` (to the walked directory,
/// '/'-separated): a default page extension (.html .htm .xhtml .shtml .txt, each also .gz) or
/// an --include glob, matched against the relative path and against the base name; and no
/// --exclude glob.
bool walk_takes(std::string_view relative, const WalkFilters& filters);

/// Expands command-line inputs: files as they are, "-" (stdin), directories walked recursively
/// (byte-wise sorted; only regular files, or symlinks to them; hidden entries and directory
/// symlinks skipped) when `allow_directories`,
/// "@list" files (one path per line, blank lines and '#' lines skipped; "@-" reads `stdin_list`).
InputList expand_inputs(const std::vector<std::string>& args, const WalkFilters& filters,
                        bool allow_directories, std::istream& stdin_list);

/// One input after conversion, before it is written.
struct Converted {
  bool ok = false;
  std::string error;                    ///< why it failed, when !ok
  std::vector<Diagnostic> diagnostics;  ///< from the pipeline
  std::string output;                   ///< the bytes to write
  NameFields fields;                    ///< for --name
  bool empty = false;                   ///< converted, but no article text was found
};

/// What happened to one input.
enum class Outcome : std::uint8_t {
  converted,
  skipped,
  failed,
  pending,  ///< handed to a background write, counted when it finishes
};

/// Counts and time of a batch.
struct BatchSummary {
  std::size_t converted = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::vector<std::string> empty;  ///< inputs converted without article text, in input order
  double seconds = 0;
  int signal = 0;  ///< SIGINT/SIGTERM that stopped the batch; 0 if none
};

/// The summary line: "clipdown: 181 converted, 0 skipped, 0 failed in 2.3 s\n".
std::string summary_line(const BatchSummary& summary);

/// Converts inputs [0, count) with `convert` on `jobs` threads (the caller's own thread when
/// jobs is 1) and hands each result to `deliver` on the calling thread in input order, keeping
/// at most a few results per thread in memory. Stops early on SIGINT or SIGTERM (recorded in
/// the summary). `convert` must be thread-safe and catch clipdown::Error itself.
BatchSummary run_batch(std::size_t count, unsigned jobs,
                       const std::function<Converted(std::size_t)>& convert,
                       const std::function<Outcome(std::size_t, Converted&)>& deliver,
                       Progress& progress);

/// Runs a parsed command line (everything but --jsonl): expands inputs, converts, writes,
/// reports, and returns the exit status.
ExitCode convert_inputs(const CliOptions& cli);

}  // namespace clipdown::cli
