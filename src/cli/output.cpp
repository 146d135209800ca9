// The output-shape flags (--format, --front-matter, --preset, ...) and what one converted input
// is written as.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/presets.hpp"
#include "clipdown/markdown.hpp"
#include "url.hpp"

namespace clipdown::cli {

namespace {

// --front-matter values.
const std::map<std::string, FrontMatter>& front_matter_names() {
  static const std::map<std::string, FrontMatter> kNames = {{"yaml", FrontMatter::yaml},
                                                            {"toml", FrontMatter::toml},
                                                            {"json", FrontMatter::json},
                                                            {"none", FrontMatter::none}};
  return kNames;
}

// --format values.
const std::map<std::string, OutputFormat>& format_names() {
  static const std::map<std::string, OutputFormat> kNames = {{"markdown", OutputFormat::markdown},
                                                             {"md", OutputFormat::markdown},
                                                             {"text", OutputFormat::text},
                                                             {"txt", OutputFormat::text},
                                                             {"json", OutputFormat::json}};
  return kNames;
}

// The file extension of each --format under -o DIR.
std::string_view extension_of(OutputFormat format) {
  switch (format) {
    case OutputFormat::markdown:
      return ".md";
    case OutputFormat::text:
      return ".txt";
    case OutputFormat::json:
      return ".json";
  }
  return ".md";
}

// Pretty-printed --format json files are indented by this many spaces (jsonl is compact).
constexpr int kJsonIndent = 2;

/// A --meta KEY=VALUE split at the first '='; an empty key when malformed.
std::pair<std::string, std::string> split_meta(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) return {};
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

/// True for a front-matter key that needs no quoting anywhere: [A-Za-z0-9_-]+.
bool is_safe_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

/// The reason a --meta argument is refused, or "" when it is fine.
std::string meta_error(const std::string& text) {
  if (text.find('=') == std::string::npos) {
    return "needs KEY=VALUE, got '" + text + "'";
  }
  const auto [key, value] = split_meta(text);
  if (!is_safe_key(key)) {
    return "key '" + key + "' must be made of letters, digits, '_' and '-'";
  }
  return {};
}

/// Several authors or tags on one line.
std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

/// One --print field: its name and how to read it from a result.
struct PrintField {
  std::string_view name;
  std::string (*value)(const Result&);
};

/// The --print fields, in the order --help lists them.
constexpr std::array<PrintField, 11> kPrintFields = {{
    {"title", [](const Result& r) { return r.document.meta.title; }},
    {"author", [](const Result& r) { return joined(r.document.meta.authors); }},
    {"date", [](const Result& r) { return r.document.meta.date; }},
    {"updated", [](const Result& r) { return r.document.meta.updated; }},
    {"source", [](const Result& r) { return r.document.meta.source; }},
    {"url", [](const Result& r) { return r.document.meta.url; }},
    {"type", [](const Result& r) { return std::string(to_string(r.document.type)); }},
    {"description", [](const Result& r) { return r.document.meta.description; }},
    {"image", [](const Result& r) { return r.document.meta.image; }},
    {"lang", [](const Result& r) { return r.document.meta.lang; }},
    {"tags", [](const Result& r) { return joined(r.document.meta.tags); }},
}};

/// The names --print accepts.
const std::vector<std::string>& print_fields() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    names.reserve(kPrintFields.size());
    for (const PrintField& field : kPrintFields) names.emplace_back(field.name);
    return names;
  }();
  return kNames;
}

/// One --print field's value on one line: several authors or tags joined by ", ", line breaks
/// folded to spaces; an unknown value is an empty line, so lines stay in their places.
std::string print_value(const Result& result, std::string_view name) {
  std::string value;
  for (const PrintField& field : kPrintFields) {
    if (field.name == name) value = field.value(result);
  }
  std::replace(value.begin(), value.end(), '\n', ' ');
  std::replace(value.begin(), value.end(), '\r', ' ');
  return value;
}

/// A JSON string, or null when empty (unknown).
nlohmann::ordered_json string_or_null(const std::string& value) {
  return value.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

/// --authors: one shape for the author key across a batch (a preset's Obsidian links stay).
void apply_author_shape(CliOptions& cli) {
  if (cli.authors.empty()) return;
  std::string shape = cli.authors;
  std::transform(shape.begin(), shape.end(), shape.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  FrontMatterDialect& dialect = cli.options.markdown.dialect;
  if (dialect.keys.empty()) dialect.keys = standard_front_matter_keys();
  for (FrontMatterKey& key : dialect.keys) {
    if (key.field == MetaField::author && key.shape != FieldShape::wikilinks) {
      key.shape = shape == "list" ? FieldShape::list : FieldShape::joined;
    }
  }
}

}  // namespace

void add_output_flags(CLI::App& app, CliOptions& cli) {
  constexpr const char* kGroup = "Output";
  app.add_option("--format", cli.format,
                 "Write markdown (default), text (no markup) or json (metadata + body)")
      ->transform(CLI::CheckedTransformer(format_names(), CLI::ignore_case))
      ->option_text("FORMAT")
      ->group(kGroup);
  app.add_option_function<std::string>(
         "--front-matter",
         [&cli](const std::string& value) {
           std::string lower = value;
           std::transform(lower.begin(), lower.end(), lower.begin(),
                          [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
           cli.options.markdown.front_matter = front_matter_names().at(lower);
           cli.front_matter_given = true;
         },
         "Front matter syntax: yaml (default), toml (+++), json, none")
      ->check(CLI::IsMember({"yaml", "toml", "json", "none"}, CLI::ignore_case))
      ->option_text("SYNTAX")
      ->group(kGroup);
  std::vector<std::string> preset_names;
  for (const auto& preset : presets()) preset_names.push_back(preset.name);
  app.add_option("--preset", cli.preset,
                 "Front matter and file names for hugo, jekyll, zola, eleventy, astro, obsidian")
      ->check(CLI::IsMember(preset_names, CLI::ignore_case))
      ->option_text("NAME")
      ->group(kGroup);
  app.add_flag("--title-heading", cli.options.markdown.title_heading,
               "Start the body with '# Title'")
      ->group(kGroup);
  static const std::map<std::string, bool> kKeepDrop = {{"keep", true}, {"drop", false}};
  static const std::map<std::string, bool> kKeepText = {{"keep", true}, {"text", false}};
  app.add_option("--captions", cli.options.markdown.captions,
                 "Photo captions: keep (default) or drop")
      ->transform(CLI::CheckedTransformer(kKeepDrop, CLI::ignore_case))
      ->option_text("keep|drop")
      ->group(kGroup);
  app.add_option("--links", cli.options.markdown.links,
                 "Links: keep (default) or text (link text only)")
      ->transform(CLI::CheckedTransformer(kKeepText, CLI::ignore_case))
      ->option_text("keep|text")
      ->group(kGroup);
  app.add_option("--images", cli.options.markdown.images, "Images: keep (default) or drop")
      ->transform(CLI::CheckedTransformer(kKeepDrop, CLI::ignore_case))
      ->option_text("keep|drop")
      ->group(kGroup);
  app.add_option("--wrap", cli.options.markdown.wrap,
                 "Wrap paragraphs at N columns (0, the default: never)")
      ->check(CLI::NonNegativeNumber)
      ->option_text("N")
      ->group(kGroup);
  app.add_option("--meta", cli.meta,
                 "Extra front matter key, repeatable (draft=true: typed; KEY=: removed)")
      ->check(
          CLI::Validator([](std::string& text) { return meta_error(text); }, "KEY=VALUE", "meta"))
      ->allow_extra_args(false)
      ->option_text("KEY=VALUE")
      ->group(kGroup);
  app.add_option("--authors", cli.authors,
                 "The author key: list (always a list) or string (several joined: \"A, B and "
                 "C\"); default: a preset's choice, else a string for one and a list for several")
      ->check(CLI::IsMember({"list", "string"}, CLI::ignore_case))
      ->option_text("list|string")
      ->group(kGroup);
  app.add_option("--print", cli.print,
                 "Write only FIELD, one line per field, repeatable: title author date updated "
                 "source url type description image lang tags (for shell scripts)")
      ->check(CLI::IsMember(print_fields(), CLI::ignore_case))
      ->allow_extra_args(false)
      ->option_text("FIELD")
      ->group(kGroup);
  app.add_flag("--jsonl", cli.jsonl,
               "JSON Lines in on stdin ({url, html|text|path, id}), records out on stdout; with "
               "WARC archives as inputs, a record per page of theirs")
      ->group(kGroup);
  app.add_option("--jsonl-paths", cli.jsonl_paths,
                 "Let --jsonl {path} records read regular files under DIR (default: refused)")
      ->check(CLI::ExistingDirectory)
      ->type_name("DIR")
      ->group(kGroup);
}

void finish_output_options(CliOptions& cli) {
  MarkdownOptions& markdown = cli.options.markdown;
  if (!cli.preset.empty()) {
    std::string name = cli.preset;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const Preset* preset = find_preset(name);
    if (preset == nullptr) throw CLI::ValidationError("--preset", "unknown preset '" + name + "'");
    cli.preset = name;
    if (!cli.front_matter_given) markdown.front_matter = preset->front_matter;
    markdown.dialect = preset->dialect;
    markdown.templates = preset->templates;
    if (cli.name_template.empty()) {
      cli.name_template = preset->name_template;
      cli.name_template_undated = preset->name_template_undated;
    }
  }
  apply_author_shape(cli);
  // Asked for by name (a preset's syntax, or --front-matter): written even with no known key.
  markdown.always_front_matter = !cli.preset.empty() || cli.front_matter_given;
  cli.extension = std::string(extension_of(cli.format));
  if (!cli.jsonl_paths.empty()) {
    std::error_code ec;
    const std::filesystem::path real = std::filesystem::canonical(cli.jsonl_paths, ec);
    if (ec) throw CLI::ValidationError("--jsonl-paths", cli.jsonl_paths + ": " + ec.message());
    cli.jsonl_paths = real.string();
  }
  for (std::string& field : cli.print) {
    std::transform(field.begin(), field.end(), field.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  markdown.extra_meta.clear();
  for (const auto& text : cli.meta) {
    const std::string error = meta_error(text);
    if (!error.empty()) throw CLI::ValidationError("--meta", error);
    markdown.extra_meta.push_back(split_meta(text));
  }
}

nlohmann::ordered_json page_record(const Result& result, const MarkdownOptions& markdown,
                                   const std::string& url) {
  const Metadata& meta = result.document.meta;
  MarkdownOptions body_options = markdown;
  body_options.front_matter = FrontMatter::none;
  nlohmann::ordered_json object;
  object["url"] = string_or_null(!meta.url.empty() ? meta.url : is_http_url(url) ? url : "");
  object["title"] = string_or_null(meta.title);
  object["author"] = meta.authors;
  object["date"] = string_or_null(meta.date);
  object["updated"] = string_or_null(meta.updated);
  object["source"] = string_or_null(meta.source);
  object["description"] = string_or_null(meta.description);
  object["image"] = string_or_null(meta.image);
  object["lang"] = string_or_null(meta.lang);
  object["tags"] = meta.tags;
  object["type"] = to_string(result.document.type);
  object["markdown"] = write_markdown(result.document, body_options);
  return object;
}

std::string render_output(const Result& result, const CliOptions& cli) {
  if (!cli.print.empty()) {
    std::string out;
    for (const auto& field : cli.print) out += print_value(result, field) + '\n';
    return out;
  }
  switch (cli.format) {
    case OutputFormat::markdown:
      return result.markdown;
    case OutputFormat::text:
      return write_text(result.document, cli.options.markdown);
    case OutputFormat::json:
      return page_record(result, cli.options.markdown)
                 .dump(kJsonIndent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
             "\n";
  }
  return result.markdown;
}

}  // namespace clipdown::cli
