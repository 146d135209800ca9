// --preset: each generator's front matter parses back with the keys and shapes it reads.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include "cli/cli.hpp"
#include "cli/presets.hpp"
#include "clipdown/markdown.hpp"

using clipdown::FrontMatter;
using clipdown::MarkdownOptions;
using clipdown::Metadata;
using clipdown::cli::find_preset;

namespace {

Metadata full_meta() {
  Metadata meta;
  meta.title = "NATO: 'talks' go on";
  meta.authors = {"Jane Doe", "John Roe"};
  meta.date = "2022-01-12T10:30:00+01:00";
  meta.updated = "2022-01-14";
  meta.source = "Reuters";
  meta.url = "https://example.com/news/a?b=1";
  meta.description = "yes";
  meta.image = "https://example.com/a.jpg";
  meta.lang = "en";
  meta.tags = {"world news", "no"};
  return meta;
}

MarkdownOptions preset_options(const std::string& name) {
  const auto* preset = find_preset(name);
  REQUIRE(preset != nullptr);
  MarkdownOptions options;
  options.front_matter = preset->front_matter;
  options.dialect = preset->dialect;
  return options;
}

/// The YAML between the --- delimiters, parsed.
YAML::Node parse_yaml(const std::string& front_matter) {
  REQUIRE(front_matter.starts_with("---\n"));
  REQUIRE(front_matter.ends_with("\n---\n"));
  return YAML::Load(front_matter.substr(4, front_matter.size() - 8));
}

std::vector<std::string> keys_of(const YAML::Node& node) {
  std::vector<std::string> keys;
  for (const auto& item : node) keys.push_back(item.first.as<std::string>());
  return keys;
}

/// The TOML between the +++ delimiters, parsed by Python's tomllib (a real TOML 1.0 parser)
/// into JSON; dates become strings. Empty JSON when python3 is missing.
nlohmann::json parse_toml(const std::string& front_matter) {
  REQUIRE(front_matter.starts_with("+++\n"));
  REQUIRE(front_matter.ends_with("\n+++\n"));
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("clipdown-toml-" + std::to_string(::getpid()) + ".toml");
  const auto out = dir / ("clipdown-toml-" + std::to_string(::getpid()) + ".json");
  std::ofstream(in, std::ios::binary) << front_matter.substr(4, front_matter.size() - 8);
  const std::string command =
      "python3 -c 'import tomllib,json,sys; "
      "print(json.dumps(tomllib.load(open(sys.argv[1],\"rb\")), default=str))' '" +
      in.string() + "' > '" + out.string() + "' 2>&1";
  const int status = std::system(command.c_str());  // NOLINT(cert-env33-c): test driver
  std::ifstream file(out);
  std::stringstream text;
  text << file.rdbuf();
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  INFO(text.str());
  REQUIRE(status == 0);
  return nlohmann::json::parse(text.str());
}

}  // namespace

TEST_CASE("every preset is found by name and unknown names are not", "[presets]") {
  for (const auto* name : {"hugo", "jekyll", "zola", "eleventy", "astro", "obsidian"}) {
    CAPTURE(name);
    CHECK(find_preset(name) != nullptr);
  }
  CHECK(find_preset("wordpress") == nullptr);
  CHECK(find_preset("") == nullptr);
}

TEST_CASE("hugo front matter never writes url (Hugo's permalink key)", "[presets]") {
  const std::string out = write_front_matter(full_meta(), preset_options("hugo"));
  const YAML::Node node = parse_yaml(out);
  CHECK(keys_of(node) == std::vector<std::string>{"title", "date", "lastmod", "author",
                                                  "description", "tags", "source", "source_url",
                                                  "images"});
  CHECK(node["lastmod"].as<std::string>() == "2022-01-14");  // .Lastmod
  CHECK_FALSE(node["url"]);
  CHECK(node["title"].as<std::string>() == "NATO: 'talks' go on");
  CHECK(node["date"].as<std::string>() == "2022-01-12T10:30:00+01:00");
  // one string however many authors: a theme printing .Params.author shows it as written
  CHECK(node["author"].as<std::string>() == "Jane Doe and John Roe");
  CHECK(node["description"].as<std::string>() == "yes");
  CHECK(node["tags"][1].as<std::string>() == "no");
  CHECK(node["source_url"].as<std::string>() == "https://example.com/news/a?b=1");
  CHECK(node["images"][0].as<std::string>() == "https://example.com/a.jpg");
}

TEST_CASE("jekyll front matter has layout post and the keys jekyll-seo-tag reads", "[presets]") {
  const YAML::Node node = parse_yaml(write_front_matter(full_meta(), preset_options("jekyll")));
  CHECK(node["layout"].as<std::string>() == "post");
  CHECK(node["title"].as<std::string>() == "NATO: 'talks' go on");
  CHECK(node["author"].as<std::string>() == "Jane Doe and John Roe");  // page.author as text
  CHECK(node["image"].as<std::string>() == "https://example.com/a.jpg");
  CHECK(node["lang"].as<std::string>() == "en");
  CHECK(node["source_url"].as<std::string>() == "https://example.com/news/a?b=1");
  CHECK(node["last_modified_at"].as<std::string>() == "2022-01-14");  // jekyll-seo-tag, sitemap
  CHECK_FALSE(node["url"]);
  const auto* preset = find_preset("jekyll");
  CHECK(preset->name_template == "_posts/{date}-{slug}");
  CHECK(preset->name_template_undated == "_drafts/{slug}");
}

TEST_CASE("jekyll front matter turns Liquid off for the body with a boolean false", "[presets]") {
  // Jekyll tests `data["render_with_liquid"] == false`: the string "false" would not do.
  const std::string out = write_front_matter(full_meta(), preset_options("jekyll"));
  CHECK(out.find("\nrender_with_liquid: false\n") != std::string::npos);
  const YAML::Node node = parse_yaml(out);
  REQUIRE(node["render_with_liquid"]);
  CHECK(node["render_with_liquid"].Tag() == "?");  // a plain scalar: YAML's boolean
  CHECK_FALSE(node["render_with_liquid"].as<bool>());

  // --meta can turn Liquid back on (in place) or drop the key.
  MarkdownOptions options = preset_options("jekyll");
  options.extra_meta = {{"render_with_liquid", "true"}};
  const YAML::Node on = parse_yaml(write_front_matter(full_meta(), options));
  CHECK(on["render_with_liquid"].as<bool>());
  CHECK(keys_of(on) == keys_of(node));
  options.extra_meta = {{"render_with_liquid", ""}};
  CHECK_FALSE(parse_yaml(write_front_matter(full_meta(), options))["render_with_liquid"]);
}

TEST_CASE("zola front matter is TOML with only Zola's top-level keys", "[presets]") {
  MarkdownOptions options = preset_options("zola");
  CHECK(options.front_matter == FrontMatter::toml);
  options.extra_meta = {{"draft", "true"}, {"layout", "post"}, {"weight", "5"}};
  const std::string out = write_front_matter(full_meta(), options);
  INFO(out);
  const nlohmann::json doc = parse_toml(out);
  const std::vector<std::string> allowed = {
      "title", "description", "date",    "updated",         "weight",   "draft",      "slug",
      "path",  "aliases",     "authors", "in_search_index", "template", "taxonomies", "extra"};
  for (const auto& item : doc.items()) {
    CAPTURE(item.key());
    CHECK(std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end());
  }
  CHECK(doc["title"] == "NATO: 'talks' go on");
  CHECK(doc["authors"] == nlohmann::json::array({"Jane Doe", "John Roe"}));
  CHECK(doc["date"] == "2022-01-12 10:30:00+01:00");  // a TOML offset date-time, not a string
  CHECK(doc["updated"] == "2022-01-14");              // a TOML local date
  CHECK(doc["draft"] == true);
  CHECK(doc["weight"] == 5);
  CHECK(doc["taxonomies"]["tags"] == nlohmann::json::array({"world news", "no"}));
  CHECK(doc["extra"]["source"] == "Reuters");
  CHECK(doc["extra"]["url"] == "https://example.com/news/a?b=1");
  CHECK(doc["extra"]["image"] == "https://example.com/a.jpg");
  CHECK(doc["extra"]["lang"] == "en");
  CHECK(doc["extra"]["layout"] == "post");
}

TEST_CASE("zola authors is a list even for one author", "[presets]") {
  Metadata meta;
  meta.title = "T";
  meta.authors = {"Jane Doe"};
  meta.date = "2022-01-12";
  const std::string out = write_front_matter(meta, preset_options("zola"));
  CHECK(out == "+++\ntitle = \"T\"\ndate = 2022-01-12\nauthors = [\"Jane Doe\"]\n+++\n");
  CHECK(parse_toml(out)["date"] == "2022-01-12");
}

TEST_CASE("eleventy front matter keeps the standard keys and turns Liquid off", "[presets]") {
  const YAML::Node node = parse_yaml(write_front_matter(full_meta(), preset_options("eleventy")));
  CHECK(keys_of(node) == std::vector<std::string>{"title", "date", "updated", "author",
                                                  "description", "tags", "source", "url", "image",
                                                  "lang", "templateEngineOverride"});
  CHECK(node["tags"].IsSequence());
  // Issue 11 item 3: Eleventy runs .md bodies through Liquid unless told otherwise.
  CHECK(node["templateEngineOverride"].as<std::string>() == "md");
}

TEST_CASE("hugo and zola presets make their shortcode syntax inert in the body", "[presets]") {
  // Issue 11 item 3: a page quoting {{< param "secret" >}} published the site's parameter.
  CHECK(find_preset("hugo")->templates == clipdown::BodyTemplates::hugo);
  CHECK(find_preset("zola")->templates == clipdown::BodyTemplates::zola);
  for (const char* name : {"jekyll", "eleventy", "astro", "obsidian"}) {
    CAPTURE(name);
    CHECK(find_preset(name)->templates == clipdown::BodyTemplates::none);
  }
}

TEST_CASE("a front-matter block is written even with no known key when asked for", "[presets]") {
  // Issue 11 item 9: Zola rejects a page without front matter.
  MarkdownOptions options = preset_options("zola");
  const Metadata none;
  CHECK(write_front_matter(none, options).empty());
  options.always_front_matter = true;
  CHECK(write_front_matter(none, options) == "+++\n+++\n");
  options.front_matter = clipdown::FrontMatter::yaml;
  options.dialect = {};
  CHECK(write_front_matter(none, options) == "---\n---\n");
  options.front_matter = clipdown::FrontMatter::json;
  CHECK(write_front_matter(none, options) == "{\n}\n");
  options.front_matter = clipdown::FrontMatter::none;
  CHECK(write_front_matter(none, options).empty());
}

TEST_CASE("astro front matter fits the blog starter schema", "[presets]") {
  const YAML::Node node = parse_yaml(write_front_matter(full_meta(), preset_options("astro")));
  CHECK(node["title"].as<std::string>() == "NATO: 'talks' go on");
  CHECK(node["description"].as<std::string>() == "yes");
  CHECK(node["pubDate"].as<std::string>() == "2022-01-12T10:30:00+01:00");
  CHECK(node["heroImage"].as<std::string>() == "https://example.com/a.jpg");
  CHECK(node["updatedDate"].as<std::string>() == "2022-01-14");
  CHECK_FALSE(node["date"]);
  CHECK_FALSE(node["image"]);
  // The starter requires a description: an unknown one is written empty.
  Metadata meta;
  meta.title = "T";
  const YAML::Node bare = parse_yaml(write_front_matter(meta, preset_options("astro")));
  CHECK(bare["description"].as<std::string>().empty());
}

TEST_CASE("obsidian front matter follows the Web Clipper's default template", "[presets]") {
  const std::string out = write_front_matter(full_meta(), preset_options("obsidian"));
  CHECK(out ==
        "---\n"
        "title: \"NATO: 'talks' go on\"\n"
        "source: https://example.com/news/a?b=1\n"
        "author:\n"
        "  - \"[[Jane Doe]]\"\n"
        "  - \"[[John Roe]]\"\n"
        "published: 2022-01-12\n"
        "description: \"yes\"\n"
        "tags:\n"
        "  - clippings\n"
        "---\n");
  const YAML::Node node = parse_yaml(out);
  CHECK(node["author"][0].as<std::string>() == "[[Jane Doe]]");
  CHECK(node["published"].as<std::string>() == "2022-01-12");
  CHECK(node["tags"][0].as<std::string>() == "clippings");
}

TEST_CASE("every preset's front matter parses in every syntax with hostile values", "[presets]") {
  Metadata meta = full_meta();
  meta.title = "- \"quoted\" # not a comment\nsecond line";
  meta.authors = {"[[x]]", "a: b"};
  meta.description = "";
  for (const auto& preset : clipdown::cli::presets()) {
    CAPTURE(preset.name);
    MarkdownOptions options;
    options.dialect = preset.dialect;
    options.extra_meta = {{"draft", "true"}, {"weight", "10"}, {"note", "x: y"}};
    options.front_matter = FrontMatter::yaml;
    const YAML::Node yaml = parse_yaml(write_front_matter(meta, options));
    CHECK(yaml["title"].as<std::string>() == meta.title);
    options.front_matter = FrontMatter::json;
    const auto json = nlohmann::json::parse(write_front_matter(meta, options));
    CHECK(json["title"] == meta.title);
    options.front_matter = FrontMatter::toml;
    const auto toml = parse_toml(write_front_matter(meta, options));
    CHECK(toml["title"] == meta.title);
  }
}
