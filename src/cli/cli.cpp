#include "cli/cli.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/batch.hpp"
#include "cli/budget.hpp"
#include "clipdown/convert.hpp"

namespace clipdown::cli {

namespace {

constexpr const char* kExamples = R"(Examples:
  clipdown page.html                        Markdown on stdout
  curl -s https://example.com/a | clipdown --url https://example.com/a
  clipdown scrape.txt -o article.md         write a file (atomically)
  clipdown saved/ -o notes/                 a folder of pages, one .md per page
  clipdown @list.txt -o out/ --jobs 4       the paths listed in list.txt, 4 at a time
  clipdown saved/ -o content/posts --preset hugo      front matter and names for Hugo
  clipdown saved/ -o site --preset jekyll --meta layout=post
  parallel --pipe -k -N 1000 clipdown --jsonl < pages.jsonl > articles.jsonl
  clipdown crawl.warc.gz -o pages/ --name '{url_host}/{url_path}'   each HTML page of a WARC
  clipdown --explain page.html              why blocks were kept or dropped
Exit status: 0 all converted; 1 an input failed (the others converted); 2 usage error or a
missing input (the others converted); 3 converted, but an input gave no article text;
70 internal error; 130/143 interrupted.
See 'man clipdown' for every field of --name and each preset.
)";

}  // namespace

namespace {

// Smallest --memory-budget accepted: what converting the smallest page takes.
constexpr std::size_t kMinMemoryBudget = std::size_t{16} << 20U;
// Largest --jobs accepted (more threads than this only cost memory).
constexpr unsigned kMaxJobs = 1024;
// A mistyped option is suggested the closest one within this many edits.
constexpr std::size_t kMaxSuggestionDistance = 3;
// --from values: input kinds, and the syntaxes a text scrape may be written in.
const std::vector<std::string> kFromKinds = {"auto", "html", "text", "markdown",
                                             "lynx", "w3m",  "plain"};

/// --no-extract, --favor, --explain, --dump-blocks.
void add_extraction_flags(CLI::App& app, CliOptions& cli, bool& keep_all) {
  app.add_flag("--no-extract", keep_all, "Keep every content block (no main-content pick)")
      ->group("Extraction");
  static const std::map<std::string, Favor> kFavor = {
      {"balance", Favor::balance}, {"precision", Favor::precision}, {"recall", Favor::recall}};
  app.add_option("--favor", cli.options.extract.favor,
                 "When unsure, lose chrome (precision) or lose nothing (recall); default balance")
      ->transform(CLI::CheckedTransformer(kFavor, CLI::ignore_case))
      ->option_text("precision|recall")
      ->group("Extraction");
  app.add_flag("--explain", cli.options.extract.explain,
               "Print on stderr why blocks were kept or dropped")
      ->group("Extraction");
  app.add_flag("--dump-blocks", cli.dump_blocks, "Print the extracted blocks, not Markdown")
      ->group("Extraction");
}

/// Declares every flag, bound to `cli`.
std::unique_ptr<CLI::App> make_app(CliOptions& cli, bool& keep_all) {
  auto app_ptr = std::make_unique<CLI::App>(
      "clipdown: turns saved web pages into clean Markdown articles with front matter", "clipdown");
  CLI::App& app = *app_ptr;
  app.footer(kExamples);
  app.set_version_flag("--version", std::string(version()));

  app.add_option("inputs", cli.inputs,
                 "Saved pages (HTML, MHTML, text, .gz), WARC archives, folders, @lists; '-' or "
                 "none: stdin");
  app.add_option("-o,--output", cli.output,
                 "Write to FILE, or one file per input into DIR (a path ending in '/', an "
                 "existing folder, or several inputs)")
      ->type_name("PATH");

  app.add_option("--name", cli.name_template,
                 "File name template for -o DIR (default {slug}): {slug} {stem} {date} {year} "
                 "{month} {day} {hash} {title} {url_host} {url_path} {warc_record_id}; '/' "
                 "makes folders")
      ->type_name("TEMPLATE")
      ->group("Batch");
  app.add_flag("--force", cli.force, "Replace files that already exist in -o DIR")->group("Batch");
  app.add_option("-j,--jobs", cli.jobs, "Convert N inputs at a time (default: all cores)")
      ->type_name("N")
      ->check(CLI::Range(1U, kMaxJobs))
      ->group("Batch");
  app.add_option("--memory-budget", cli.memory_budget,
                 "Memory all inputs in flight may take together: an input waits until its "
                 "estimated need fits, and one needing more is refused. K, M, G suffixes "
                 "(default: half the machine's memory)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(kMinMemoryBudget, std::numeric_limits<std::size_t>::max()))
      ->type_name("SIZE")
      ->group("Batch");
  app.add_option("--include", cli.include,
                 "In folders, take only files matching GLOB (default: *.html *.htm *.xhtml "
                 "*.shtml *.mhtml *.mht *.txt *.warc, and .gz)")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->group("Batch");
  app.add_option("--exclude", cli.exclude, "In folders, skip files and folders matching GLOB")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->group("Batch");

  add_output_flags(app, cli);

  app.add_option("--from", cli.from,
                 "Input kind: auto, html, text; or a text scrape's syntax: markdown, lynx, w3m, "
                 "plain")
      ->check(CLI::IsMember(kFromKinds, CLI::ignore_case))
      ->option_text("auto|html|text|markdown|lynx|w3m|plain")
      ->group("Input");
  app.add_option("--charset", cli.options.decode.charset,
                 "Read input in this charset instead of detecting it")
      ->type_name("NAME")
      ->group("Input");
  app.add_option("--max-input-size", cli.options.decode.max_bytes,
                 "Refuse inputs (and gzip data once inflated) larger than SIZE: K, M, G suffixes "
                 "(powers of 1024; default 256M, at most 2G)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::size_t{1}, kMaxInputBytesLimit))
      ->type_name("SIZE")
      ->group("Input");
  app.add_option("--url", cli.options.tokenize.base_url,
                 "The page's address: base for relative links and the 'url' key")
      ->type_name("URL")
      ->group("Input");

  add_extraction_flags(app, cli, keep_all);

  app.add_flag("-v,--verbose", cli.verbose,
               "Name each file as it is written; notes as well as warnings on stderr");
  app.add_flag("-q,--quiet", cli.quiet, "Print only errors: no warnings, progress or summary");

  return app_ptr;
}

/// --from: the input kind, and for text the syntax it is written in.
void finish_from(CliOptions& cli) {
  std::string from = cli.from;
  for (char& c : from) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto& kind = cli.options.decode.kind;
  auto& syntax = cli.options.tokenize.text_syntax;
  if (from == "html") {
    kind = InputKind::html;
  } else if (from == "text") {
    kind = InputKind::text;
  } else if (from == "markdown" || from == "lynx" || from == "w3m" || from == "plain") {
    kind = InputKind::text;
    syntax = from == "markdown" ? TextSyntax::markdown
             : from == "lynx"   ? TextSyntax::lynx
             : from == "w3m"    ? TextSyntax::w3m
                                : TextSyntax::plain;
  }
}

void finish(CliOptions& cli, bool keep_all) {
  finish_from(cli);
  cli.options.extract.main_content = !keep_all;
  finish_output_options(cli);
  if (cli.options.extract.explain) cli.verbose = true;
  if (cli.inputs.empty()) cli.inputs.emplace_back("-");
}

/// Edit distance between two short option names (at most a few dozen characters).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// The option closest to a mistyped one ("--fromm" -> "--from"), or "" when none is close.
std::string closest_option(const CLI::App& app, std::string_view typed) {
  const std::string_view name = typed.substr(0, typed.find('='));
  std::string best;
  std::size_t best_distance = kMaxSuggestionDistance + 1;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& long_name : option->get_lnames()) {
      const std::string candidate = "--" + long_name;
      const std::size_t d = edit_distance(name, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
  }
  return best;
}

/// A usage error, as one line naming clipdown (and the closest option to a mistyped one).
void print_usage_error(const CLI::App& app, const CLI::ParseError& e) {
  std::string message = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    for (const std::string& extra : app.remaining()) {
      if (!extra.starts_with("-")) continue;
      const std::string suggestion = closest_option(app, extra);
      if (!suggestion.empty()) message += fmt::format(" (did you mean {}?)", suggestion);
      break;
    }
  }
  fmt::print(stderr, "clipdown: {}\nclipdown: see clipdown --help\n", message);
}

/// Flags that say nothing in the mode chosen: a usage error when they would mislead, a warning
/// when they are merely ignored.
std::optional<std::string> check_combinations(const CliOptions& cli) {
  if (!cli.print.empty() && ((!cli.output.empty() && cli.output != "-") || cli.jsonl)) {
    return "--print writes its lines to standard output, not to -o or --jsonl records";
  }
  if (cli.jsonl && !cli.inputs.empty() &&
      !std::all_of(cli.inputs.begin(), cli.inputs.end(), is_archive_name)) {
    return "--jsonl reads records from stdin, not from inputs: clipdown --jsonl < FILE (its "
           "inputs may only be WARC archives: clipdown crawl.warc.gz --jsonl)";
  }
  if (cli.jsonl && !cli.inputs.empty() && !cli.output.empty() && cli.output != "-") {
    return "--jsonl writes its records to standard output: clipdown crawl.warc.gz --jsonl > FILE";
  }
  // "example.com/a" has no scheme: links would resolve as paths under it. (A scheme other than
  // http: or https: is warned of and ignored by the convert stage.)
  const std::string& url = cli.options.tokenize.base_url;
  const std::size_t colon = url.find(':');
  const bool scheme =
      colon != std::string::npos && colon > 0 &&
      std::isalpha(static_cast<unsigned char>(url[0])) != 0 &&
      std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
      });
  if (!url.empty() && !scheme) {
    return fmt::format("--url {}: not an absolute address (write https://{})", url, url);
  }
  return std::nullopt;
}

/// Warnings for flags ignored in the output mode chosen.
void warn_ignored(const CLI::App& app, const CliOptions& cli) {
  if (cli.jsonl || cli.quiet || output_mode(cli) == OutputMode::directory) return;
  for (const char* flag : {"--name", "--force"}) {
    if (app.count(flag) > 0) {
      fmt::print(stderr, "clipdown: warning: {} applies only with -o DIR; ignored\n", flag);
    }
  }
}

}  // namespace

CliOptions parse_command_line(int argc, const char* const* argv) {
  CliOptions cli;
  bool keep_all = false;
  auto app = make_app(cli, keep_all);
  app->parse(argc, argv);
  finish(cli, keep_all);
  return cli;
}

ExitCode run(int argc, const char* const* argv) {
  CliOptions cli;
  bool keep_all = false;
  auto app = make_app(cli, keep_all);
  try {
    app->parse(argc, argv);
    if (const auto error = check_combinations(cli)) {
      fmt::print(stderr, "clipdown: {}\n", *error);
      return ExitCode::usage;
    }
    finish(cli, keep_all);
  } catch (const CLI::CallForHelp& e) {
    return app->exit(e) == 0 ? ExitCode::ok : ExitCode::usage;
  } catch (const CLI::CallForAllHelp& e) {
    return app->exit(e) == 0 ? ExitCode::ok : ExitCode::usage;
  } catch (const CLI::CallForVersion& e) {
    return app->exit(e) == 0 ? ExitCode::ok : ExitCode::usage;
  } catch (const CLI::ParseError& e) {
    print_usage_error(*app, e);
    return ExitCode::usage;
  }
  warn_ignored(*app, cli);
  return_large_blocks_on_free();
  // --jsonl reads records from stdin, unless its inputs are WARC archives (check_combinations).
  if (cli.jsonl && std::none_of(cli.inputs.begin(), cli.inputs.end(), is_archive_name)) {
    return run_jsonl(cli);
  }
  return convert_inputs(cli);
}

}  // namespace clipdown::cli
