// The output-shape flags: each flag's effect, --preset defaults against explicit flags,
// --meta typing and refusals, --format text and json.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "cli/cli.hpp"
#include "clipdown/convert.hpp"
#include "clipdown/markdown.hpp"

using clipdown::FrontMatter;
using clipdown::Metadata;
using clipdown::cli::CliOptions;
using clipdown::cli::OutputFormat;

namespace {

CliOptions parse(std::vector<std::string> args) {
  args.insert(args.begin(), "clipdown");
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  return clipdown::cli::parse_command_line(static_cast<int>(argv.size()), argv.data());
}

const std::string kPage =
    "<html lang=\"en\"><head><title>A title: here</title>"
    "<meta name=\"author\" content=\"Jane Doe\">"
    "<meta property=\"article:published_time\" content=\"2022-01-12\">"
    "<meta name=\"description\" content=\"What it says\"></head><body><article>"
    "<h1>A title: here</h1>"
    "<p>The first paragraph of the article says something <a href=\"https://x.org/\">useful</a>, "
    "at length, with commas, and goes on for a while so that it wraps.</p>"
    "<figure><img src=\"https://x.org/a.jpg\" alt=\"A photo\">"
    "<figcaption>The photo caption.</figcaption></figure>"
    "<p>The second paragraph goes on with more words, because articles have words.</p>"
    "</article></body></html>";

clipdown::Result convert_page(const CliOptions& cli) {
  return clipdown::convert(kPage, cli.options);
}

}  // namespace

TEST_CASE("output flags have their defaults", "[output]") {
  const CliOptions cli = parse({});
  CHECK(cli.format == OutputFormat::markdown);
  CHECK(cli.extension == ".md");
  CHECK(cli.options.markdown.front_matter == FrontMatter::yaml);
  CHECK(cli.options.markdown.captions);
  CHECK(cli.options.markdown.links);
  CHECK(cli.options.markdown.images);
  CHECK(cli.options.markdown.wrap == 0);
  CHECK_FALSE(cli.options.markdown.title_heading);
  CHECK(cli.options.markdown.extra_meta.empty());
  CHECK(cli.options.markdown.dialect.keys.empty());
  CHECK(cli.name_template.empty());
  CHECK_FALSE(cli.jsonl);
}

TEST_CASE("each output flag sets its option", "[output]") {
  const CliOptions cli =
      parse({"--front-matter", "TOML", "--title-heading", "--captions", "drop", "--links", "text",
             "--images", "drop", "--wrap", "72", "--jsonl", "--format", "json"});
  CHECK(cli.options.markdown.front_matter == FrontMatter::toml);
  CHECK(cli.options.markdown.title_heading);
  CHECK_FALSE(cli.options.markdown.captions);
  CHECK_FALSE(cli.options.markdown.links);
  CHECK_FALSE(cli.options.markdown.images);
  CHECK(cli.options.markdown.wrap == 72);
  CHECK(cli.jsonl);
  CHECK(cli.format == OutputFormat::json);
  CHECK(cli.extension == ".json");
  CHECK(parse({"--format", "text"}).extension == ".txt");
  CHECK(
      parse({"--captions", "keep", "--links", "keep", "--images", "keep"}).options.markdown.links);
}

TEST_CASE("bad output flag values are usage errors", "[output]") {
  CHECK_THROWS_AS(parse({"--format", "html"}), CLI::ParseError);
  CHECK_THROWS_AS(parse({"--front-matter", "xml"}), CLI::ParseError);
  CHECK_THROWS_AS(parse({"--captions", "maybe"}), CLI::ParseError);
  CHECK_THROWS_AS(parse({"--links", "drop"}), CLI::ParseError);
  CHECK_THROWS_AS(parse({"--wrap", "-1"}), CLI::ParseError);
  CHECK_THROWS_AS(parse({"--preset", "wordpress"}), CLI::ParseError);
}

TEST_CASE("a preset sets front matter, keys and naming; explicit flags win", "[output]") {
  const CliOptions zola = parse({"--preset", "zola"});
  CHECK(zola.preset == "zola");
  CHECK(zola.options.markdown.front_matter == FrontMatter::toml);
  CHECK_FALSE(zola.options.markdown.dialect.keys.empty());
  CHECK(zola.name_template == "{slug}");
  const CliOptions explicit_yaml = parse({"--front-matter", "yaml", "--preset", "Zola"});
  CHECK(explicit_yaml.options.markdown.front_matter == FrontMatter::yaml);
  CHECK(explicit_yaml.preset == "zola");
  const CliOptions jekyll = parse({"--preset", "jekyll"});
  CHECK(jekyll.name_template == "_posts/{date}-{slug}");
  CHECK(jekyll.name_template_undated == "_drafts/{slug}");
  const CliOptions named = parse({"--preset", "jekyll", "--name", "{stem}"});
  CHECK(named.name_template == "{stem}");
  CHECK(named.name_template_undated.empty());
}

TEST_CASE("option --meta adds typed keys, repeats, and replaces preset constants", "[output]") {
  const CliOptions cli = parse({"--meta", "draft=true", "--meta", "weight=3", "--meta",
                                "layout=page", "--meta", "note=a=b", "--preset", "jekyll"});
  CHECK(cli.options.markdown.extra_meta ==
        std::vector<std::pair<std::string, std::string>>{
            {"draft", "true"}, {"weight", "3"}, {"layout", "page"}, {"note", "a=b"}});
  clipdown::Metadata meta;
  meta.title = "T";
  const std::string out = clipdown::write_front_matter(meta, cli.options.markdown);
  const YAML::Node node = YAML::Load(out.substr(4, out.size() - 8));
  CHECK(node["draft"].as<bool>());
  CHECK(node["weight"].as<int>() == 3);
  CHECK(node["layout"].as<std::string>() == "page");
  CHECK(node["note"].as<std::string>() == "a=b");
  CHECK(out.find("layout: post") == std::string::npos);
}

TEST_CASE("option --meta refuses keys that are not safe identifiers", "[output]") {
  for (const auto* bad : {"novalue", "=x", "bad key=1", "a:b=1", "../x=1", "k\xc3\xa9=1"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse({"--meta", bad}), CLI::ParseError);
  }
  CHECK_NOTHROW(parse({"--meta", "A_b-9=", "--meta", "x=y z"}));
  // A --meta takes one argument: the next one is an input again.
  const CliOptions cli = parse({"--meta", "a=1", "page.html"});
  CHECK(cli.inputs == std::vector<std::string>{"page.html"});
  CliOptions direct;
  direct.meta = {"bad key=1"};
  CHECK_THROWS_AS(clipdown::cli::finish_output_options(direct), CLI::ValidationError);
}

TEST_CASE("option --format markdown writes the pipeline's Markdown", "[output]") {
  const CliOptions cli = parse({"--title-heading"});
  const auto result = convert_page(cli);
  const std::string out = clipdown::cli::render_output(result, cli);
  CHECK(out == result.markdown);
  CHECK(out.find("\n# A title: here\n") != std::string::npos);
}

TEST_CASE("option --captions, --links, --images and --wrap shape the body", "[output]") {
  const auto render = [](std::vector<std::string> args) {
    const CliOptions cli = parse(std::move(args));
    return clipdown::cli::render_output(convert_page(cli), cli);
  };
  const std::string plain = render({});
  CHECK(plain.find("[useful](https://x.org/)") != std::string::npos);
  CHECK(plain.find("![A photo](https://x.org/a.jpg)") != std::string::npos);
  CHECK(plain.find("*The photo caption.*") != std::string::npos);
  CHECK(render({"--links", "text"}).find("something useful, at") != std::string::npos);
  CHECK(render({"--images", "drop"}).find("![") == std::string::npos);
  CHECK(render({"--captions", "drop"}).find("photo caption") == std::string::npos);
  const std::string wrapped = render({"--wrap", "40", "--front-matter", "none"});
  for (std::size_t start = 0; start < wrapped.size();) {
    const std::size_t end = wrapped.find('\n', start);
    const std::string line = wrapped.substr(start, end - start);
    CAPTURE(line);
    if (line.find("](") == std::string::npos) CHECK(line.size() <= 40);
    start = end + 1;
  }
}

TEST_CASE("option --format text writes the title and paragraphs with no markup", "[output]") {
  const CliOptions cli = parse({"--format", "text"});
  const std::string out = clipdown::cli::render_output(convert_page(cli), cli);
  // under the title, who wrote it and when (and the site, when the page names one)
  CHECK(out ==
        "A title: here\n\n"
        "By Jane Doe \u00b7 2022-01-12\n\n"
        "The first paragraph of the article says something useful, at length, with commas, and "
        "goes on for a while so that it wraps.\n\n"
        "The photo caption.\n\n"
        "The second paragraph goes on with more words, because articles have words.\n");
  const CliOptions wrapped = parse({"--format", "text", "--wrap", "30", "--captions", "drop"});
  const std::string short_lines = clipdown::cli::render_output(convert_page(wrapped), wrapped);
  CHECK(short_lines.find("caption") == std::string::npos);
  CHECK(short_lines.find("\nThe first paragraph of the\narticle says something") !=
        std::string::npos);
}

TEST_CASE("option --format json writes one object with the metadata and the body", "[output]") {
  const CliOptions cli = parse({"--format", "json", "--url", "https://x.org/a"});
  const std::string out = clipdown::cli::render_output(convert_page(cli), cli);
  REQUIRE(out.ends_with("}\n"));
  const auto doc = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (const auto& item : doc.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"url", "title", "author", "date", "updated", "source",
                                         "description", "image", "lang", "tags", "type",
                                         "markdown"});
  CHECK(doc["title"] == "A title: here");
  CHECK(doc["type"] == "article");
  CHECK(doc["author"] == nlohmann::json::array({"Jane Doe"}));
  CHECK(doc["date"] == "2022-01-12");
  CHECK(doc["description"] == "What it says");
  CHECK(doc["tags"].is_array());
  CHECK(doc["source"].is_null());
  const std::string markdown = doc["markdown"];
  CHECK(markdown.starts_with("The first paragraph"));  // the body: the metadata is in the object
}

TEST_CASE("option --authors gives the author key one shape whatever the count", "[output]") {
  Metadata one;
  one.title = "T";
  one.authors = {"Jane Doe"};
  Metadata two = one;
  two.authors = {"Jane Doe", "John Roe"};
  const auto front = [](const Metadata& meta, std::vector<std::string> args) {
    const CliOptions cli = parse(std::move(args));
    return clipdown::write_front_matter(meta, cli.options.markdown);
  };
  // by default, a string for one and a list for several (DESIGN's contract)
  CHECK(front(one, {}) == "---\ntitle: T\nauthor: Jane Doe\n---\n");
  CHECK(front(two, {}) == "---\ntitle: T\nauthor:\n  - Jane Doe\n  - John Roe\n---\n");
  CHECK(front(one, {"--authors", "list"}) == "---\ntitle: T\nauthor:\n  - Jane Doe\n---\n");
  CHECK(front(two, {"--authors", "string"}) ==
        "---\ntitle: T\nauthor: Jane Doe and John Roe\n---\n");
  // a preset's choice, and --authors over it; Obsidian's links stay links
  CHECK(front(two, {"--preset", "hugo"}).find("\nauthor: Jane Doe and John Roe\n") !=
        std::string::npos);
  CHECK(front(one, {"--preset", "hugo", "--authors", "list"}).find("\nauthor:\n  - Jane Doe\n") !=
        std::string::npos);
  CHECK(front(one, {"--preset", "obsidian", "--authors", "string"})
            .find("\nauthor:\n  - \"[[Jane Doe]]\"\n") != std::string::npos);
}
