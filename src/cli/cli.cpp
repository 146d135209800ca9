#include "cli/cli.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/io.hpp"
#include "clipdown/convert.hpp"
#include "clipdown/error.hpp"

namespace clipdown::cli {

namespace {

constexpr const char* kExamples = R"(Examples:
  clipdown page.html                    Markdown on stdout
  curl -s https://example.com/a | clipdown --url https://example.com/a
  clipdown scrape.txt -o article.md     write a file (atomically)
  clipdown --dump-blocks page.html      show the blocks the extractor kept
)";

void print_diagnostics(const std::string& name, const std::vector<Diagnostic>& diagnostics,
                       const CliOptions& cli) {
  if (cli.quiet) return;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::warning) {
      fmt::print(stderr, "clipdown: {}: warning: {}\n", name, d.message);
    } else if (cli.verbose) {
      fmt::print(stderr, "clipdown: {}: {}: {}\n", name, d.stage, d.message);
    }
  }
}

}  // namespace

namespace {

/// Declares every flag, bound to `cli`.
std::unique_ptr<CLI::App> make_app(CliOptions& cli, bool& keep_all) {
  auto app_ptr = std::make_unique<CLI::App>(
      "clipdown: turns saved web pages into clean Markdown articles with front matter", "clipdown");
  CLI::App& app = *app_ptr;
  app.footer(kExamples);
  app.set_version_flag("--version", std::string(version()));

  app.add_option("inputs", cli.inputs, "Saved pages (HTML, text scrape, .gz); '-' or none: stdin");
  app.add_option("-o,--output", cli.output, "Write to FILE instead of stdout");

  add_output_flags(app, cli);

  static const std::map<std::string, InputKind> kKinds = {
      {"auto", InputKind::automatic}, {"html", InputKind::html}, {"text", InputKind::text}};
  app.add_option("--from", cli.options.decode.kind, "Input kind: auto, html, text")
      ->transform(CLI::CheckedTransformer(kKinds, CLI::ignore_case))
      ->group("Input");
  app.add_option("--charset", cli.options.decode.charset,
                 "Read input in this charset instead of detecting it")
      ->group("Input");
  app.add_option("--url", cli.options.tokenize.base_url,
                 "The page's address: base for relative links and the 'url' key")
      ->group("Input");

  app.add_flag("--no-extract", keep_all, "Keep every content block (no main-content pick)")
      ->group("Extraction");
  app.add_flag("--explain", cli.options.extract.explain,
               "Print on stderr why blocks were kept or dropped")
      ->group("Extraction");
  app.add_flag("--dump-blocks", cli.dump_blocks, "Print the extracted blocks, not Markdown")
      ->group("Extraction");

  app.add_flag("-v,--verbose", cli.verbose, "Print notes as well as warnings on stderr");
  app.add_flag("-q,--quiet", cli.quiet, "Print no warnings, only errors");

  return app_ptr;
}

void finish(CliOptions& cli, bool keep_all) {
  cli.options.extract.main_content = !keep_all;
  finish_output_options(cli);
  if (cli.options.extract.explain) cli.verbose = true;
  if (cli.inputs.empty()) cli.inputs.emplace_back("-");
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
  } catch (const CLI::ParseError& e) {
    return app->exit(e) == 0 ? ExitCode::ok : ExitCode::usage;
  }
  finish(cli, keep_all);

  std::string combined;
  bool failed = false;
  bool missing = false;
  for (const auto& input : cli.inputs) {
    const std::string name = input == "-" ? std::string("<stdin>") : input;
    std::error_code ec;
    if (input != "-" && !std::filesystem::exists(input, ec)) {
      fmt::print(stderr, "clipdown: {}: no such file\n", name);
      missing = true;
      continue;
    }
    try {
      std::string bytes = read_input(input);
      Options options = cli.options;
      if (input != "-") options.decode.name = input;
      Result result = convert(bytes, options);
      print_diagnostics(name, result.diagnostics, cli);
      if (cli.dump_blocks) {
        combined += dump_blocks(result.document.blocks);
      } else {
        combined += render_output(result, cli);
      }
    } catch (const Error& e) {
      fmt::print(stderr, "clipdown: {}: {}\n", name, e.what());
      failed = true;
    }
  }

  try {
    if (cli.output.empty() || cli.output == "-") {
      std::fwrite(combined.data(), 1, combined.size(), stdout);
      std::fflush(stdout);
    } else if (!(failed && combined.empty())) {
      write_file_atomically(cli.output, combined);
    }
  } catch (const Error& e) {
    fmt::print(stderr, "clipdown: {}\n", e.what());
    return ExitCode::failed;
  }
  // A path that does not exist is a usage error (as in pandoc and curl); the rest still converted.
  if (missing) return ExitCode::usage;
  return failed ? ExitCode::failed : ExitCode::ok;
}

}  // namespace clipdown::cli
