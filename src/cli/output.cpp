#include <map>

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace clipdown::cli {

// STUB until the output-shape work lands: the flags that existed before.
void add_output_flags(CLI::App& app, CliOptions& cli) {
  static const std::map<std::string, FrontMatter> kFrontMatter = {{"yaml", FrontMatter::yaml},
                                                                  {"toml", FrontMatter::toml},
                                                                  {"json", FrontMatter::json},
                                                                  {"none", FrontMatter::none}};
  app.add_option("--front-matter", cli.options.markdown.front_matter,
                 "Front matter syntax: yaml, toml, json, none")
      ->transform(CLI::CheckedTransformer(kFrontMatter, CLI::ignore_case))
      ->group("Output");
  app.add_flag("--title-heading", cli.options.markdown.title_heading,
               "Start the body with '# Title'")
      ->group("Output");
}

void finish_output_options(CliOptions& /*cli*/) {}

std::string render_output(const Result& result, const CliOptions& /*cli*/) {
  return result.markdown;
}

}  // namespace clipdown::cli
