#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "clipdown/markdown.hpp"

using clipdown::FrontMatter;
using clipdown::MarkdownOptions;
using clipdown::Metadata;
using clipdown::write_front_matter;
using clipdown::yaml_scalar;

namespace {

// Strings a plain YAML scalar would misread, and strings that are safe plain.
const std::vector<std::string> kHostile = {
    "",
    " ",
    "plain",
    " leading",
    "trailing ",
    "\tTab",
    "a\tb",
    "- dash",
    "-dash",
    "--",
    "---",
    "--- x",
    "...",
    "... x",
    "? q",
    "?q",
    ": colon",
    "a: b",
    "a:b",
    "ends:",
    "a #b",
    "a#b",
    "#hash",
    "C#",
    ",comma",
    "[list]",
    "]",
    "{map}",
    "}",
    "&anchor",
    "*alias",
    "!tag",
    "!!str x",
    "|literal",
    ">folded",
    "'single'",
    "'Significant differences' remain",
    "\"double\"",
    "%directive",
    "@at",
    "`tick",
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "on",
    "Off",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "y",
    "N",
    "<<",
    "=",
    "0",
    "123",
    "-1",
    "+1",
    "1.0",
    ".5",
    "1e3",
    "1E-3",
    "0x1F",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "1:20",
    "190:20:30",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    "2022-01-12",
    "2022-01-12T10:00:00Z",
    "2022-1-2 10:00",
    "2019. A year",
    "100 days",
    "3D",
    "line\nbreak",
    "cr\rhere",
    "bell\x07",
    "nul\x01",
    "del\x7f",
    "nel\u0085",
    "c1\u0090",
    "ls\u2028ps\u2029",
    "bom\ufeff",
    "\ufeffbom",
    "nonchar\uffff",
    "back\\slash",
    "C:\\path",
    "quote\"inside",
    "nbsp\u00a0",
    "\u00a0nbsp",
    "caf\u00e9 \u65e5\u672c \U0001F600",
    "https://example.com/a?b=1#frag",
    "Jane O'Neil",
    "Reuters/AP",
    "a, b",
    "a [b] {c}",
    "key: value # comment",
    "x\ny: z",
    "multi\n\nparagraph",
    "  ",
    "\\",
    "\"",
    "'",
};

}  // namespace

TEST_CASE("yaml_scalar quotes exactly when a plain scalar would be misread", "[front_matter]") {
  const auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"plain title", "plain title"},
      {"Ross Cullen", "Ross Cullen"},
      {"'Significant differences' remain", "\"'Significant differences' remain\""},
      {"", "\"\""},
      {" padded", "\" padded\""},
      {"padded ", "\"padded \""},
      {"- dash", "\"- dash\""},
      {"NATO: a", "\"NATO: a\""},
      {"a:b", "a:b"},
      {"ends:", "\"ends:\""},
      {"a #b", "\"a #b\""},
      {"C#", "C#"},
      {"#1", "\"#1\""},
      {"---", "\"---\""},
      {"...", "\"...\""},
      {"no", "\"no\""},
      {"Yes", "\"Yes\""},
      {"OFF", "\"OFF\""},
      {"null", "\"null\""},
      {"~", "\"~\""},
      {"y", "\"y\""},
      {"123", "\"123\""},
      {"1.0", "\"1.0\""},
      {"1e3", "\"1e3\""},
      {"0x1F", "\"0x1F\""},
      {"1_000", "\"1_000\""},
      {"1:20", "\"1:20\""},
      {".inf", "\".inf\""},
      {".NaN", "\".NaN\""},
      {"2022-01-12", "\"2022-01-12\""},
      {"2022-01-12 10:00", "\"2022-01-12 10:00\""},
      {"100 days", "100 days"},
      {"2019. A year", "2019. A year"},
      {"a\tb", "\"a\\tb\""},
      {"a\nb", "\"a\\nb\""},
      {"bell\x07", "\"bell\\u0007\""},
      {"nel\u0085", "\"nel\\u0085\""},
      {"ls\u2028", "\"ls\\u2028\""},
      {"bom\ufeff", "\"bom\\uFEFF\""},
      {"caf\u00e9 \u65e5\u672c", "caf\u00e9 \u65e5\u672c"},
      {"https://example.com/a?b=1#frag", "https://example.com/a?b=1#frag"},
      {"[x]", "\"[x]\""},
      {"@user", "\"@user\""},
      {"`code`", "\"`code`\""},
      {"%", "\"%\""},
      {"say \"hi\"", "say \"hi\""},
  }));
  CAPTURE(input);
  CHECK(yaml_scalar(input) == expected);
}

TEST_CASE("every scalar round-trips through a real YAML parser", "[front_matter]") {
  for (const auto& value : kHostile) {
    CAPTURE(value);
    const std::string scalar = yaml_scalar(value);
    const YAML::Node map = YAML::Load("k: " + scalar + "\n");
    REQUIRE(map.IsMap());
    CHECK(map["k"].as<std::string>() == value);
    const YAML::Node list = YAML::Load("k:\n  - " + scalar + "\n");
    REQUIRE(list["k"].IsSequence());
    CHECK(list["k"][0].as<std::string>() == value);
    const YAML::Node key = YAML::Load(scalar + ": v\n");
    if (!value.empty()) CHECK(key.begin()->first.as<std::string>() == value);
  }
}

TEST_CASE("json_string round-trips through a real JSON parser", "[front_matter]") {
  for (const auto& value : kHostile) {
    CAPTURE(value);
    CHECK(nlohmann::json::parse(clipdown::json_string(value)).get<std::string>() == value);
  }
  CHECK(clipdown::json_string("a\xff") == "\"a\xEF\xBF\xBD\"");
  CHECK(clipdown::json_string("\u00e9\"\\\n") == "\"\u00e9\\\"\\\\\\n\"");
}

TEST_CASE("YAML front matter lists the known keys in order and skips empty ones",
          "[front_matter]") {
  Metadata meta;
  meta.title = "'Significant differences' remain";
  meta.authors = {"Ross Cullen"};
  meta.date = "2022-01-12";
  meta.source = "Reuters";
  meta.url = "https://example.com/a";
  meta.lang = "en";
  meta.tags = {"nato", "no"};
  CHECK(write_front_matter(meta, {}) ==
        "---\n"
        "title: \"'Significant differences' remain\"\n"
        "author: Ross Cullen\n"
        "date: 2022-01-12\n"
        "source: Reuters\n"
        "url: https://example.com/a\n"
        "lang: en\n"
        "tags:\n"
        "  - nato\n"
        "  - \"no\"\n"
        "---\n");
}

TEST_CASE("several authors are a YAML list", "[front_matter]") {
  Metadata meta;
  meta.authors = {"A. One", "", "- Two"};
  CHECK(write_front_matter(meta, {}) == "---\nauthor:\n  - A. One\n  - \"- Two\"\n---\n");
}

TEST_CASE("dates are bare when valid and quoted otherwise", "[front_matter]") {
  Metadata meta;
  meta.date = "2022-01-12T10:30:00+01:00";
  CHECK(write_front_matter(meta, {}) == "---\ndate: 2022-01-12T10:30:00+01:00\n---\n");
  meta.date = "2022-01-12T10:30:00.25Z";
  CHECK(write_front_matter(meta, {}) == "---\ndate: 2022-01-12T10:30:00.25Z\n---\n");
  meta.date = "January 12";
  CHECK(write_front_matter(meta, {}) == "---\ndate: January 12\n---\n");
  meta.date = "2022-13-01";
  CHECK(write_front_matter(meta, {}) == "---\ndate: \"2022-13-01\"\n---\n");
}

TEST_CASE("extra keys follow the known ones, and a known key is replaced in place",
          "[front_matter]") {
  Metadata meta;
  meta.title = "T";
  meta.lang = "en";
  MarkdownOptions options;
  options.extra_meta = {{"draft", "true"}, {"title", "again"}, {"weird key: x", "v"},
                        {"e", ""},         {"lang", ""},       {"description", "D"}};
  const std::string out = write_front_matter(meta, options);
  CHECK(out == "---\ntitle: again\ndescription: D\ndraft: true\n\"weird key: x\": v\n---\n");
  const YAML::Node node = YAML::Load(out.substr(4));
  CHECK(node["weird key: x"].as<std::string>() == "v");
  CHECK(node["draft"].as<bool>());
}

TEST_CASE("extra values true, false and integers are typed; everything else is a string",
          "[front_matter]") {
  Metadata meta;
  meta.title = "T";
  MarkdownOptions options;
  options.extra_meta = {{"a", "true"},       {"b", "false"}, {"c", "42"},
                        {"d", "-7"},         {"e", "007"},   {"f", "1.5"},
                        {"g", "True"},       {"h", "yes"},   {"i", "12345678901234567890"},
                        {"j", "2022-01-12"}, {"k", "x: y"}};
  const std::string yaml = write_front_matter(meta, options);
  CHECK(yaml ==
        "---\ntitle: T\na: true\nb: false\nc: 42\nd: -7\ne: \"007\"\nf: \"1.5\"\ng: \"True\"\n"
        "h: \"yes\"\ni: \"12345678901234567890\"\nj: \"2022-01-12\"\nk: \"x: y\"\n---\n");
  const YAML::Node node = YAML::Load(yaml.substr(4, yaml.size() - 8));
  CHECK(node["a"].as<bool>() == true);
  CHECK(node["b"].as<bool>() == false);
  CHECK(node["c"].as<int>() == 42);
  CHECK(node["e"].as<std::string>() == "007");
  options.front_matter = FrontMatter::toml;
  const std::string toml = write_front_matter(meta, options);
  CHECK(toml.find("\na = true\nb = false\nc = 42\nd = -7\ne = \"007\"\n") != std::string::npos);
  options.front_matter = FrontMatter::json;
  const auto json = nlohmann::json::parse(write_front_matter(meta, options));
  CHECK(json["a"] == true);
  CHECK(json["c"] == 42);
  CHECK(json["e"] == "007");
  CHECK(json["j"] == "2022-01-12");
}

TEST_CASE("no metadata and FrontMatter::none write nothing", "[front_matter]") {
  CHECK(write_front_matter(Metadata{}, {}).empty());
  Metadata meta;
  meta.title = "T";
  CHECK(write_front_matter(meta, {.front_matter = FrontMatter::none}).empty());
}

TEST_CASE("TOML front matter uses basic strings, arrays and bare dates", "[front_matter]") {
  Metadata meta;
  meta.title = "Say \"hi\"\n";
  meta.authors = {"A", "B"};
  meta.date = "2022-01-12";
  meta.tags = {"x"};
  MarkdownOptions options{.front_matter = FrontMatter::toml};
  options.extra_meta = {{"my key", "v"}, {"ok_key-1", "w"}};
  CHECK(write_front_matter(meta, options) ==
        "+++\n"
        "title = \"Say \\\"hi\\\"\\n\"\n"
        "author = [\"A\", \"B\"]\n"
        "date = 2022-01-12\n"
        "tags = [\"x\"]\n"
        "\"my key\" = \"v\"\n"
        "ok_key-1 = \"w\"\n"
        "+++\n");
}

TEST_CASE("JSON front matter is one object with the keys in order", "[front_matter]") {
  Metadata meta;
  meta.title = "T \u2028";
  meta.authors = {"A"};
  meta.date = "2022-01-12";
  meta.tags = {"x", "y"};
  const std::string out = write_front_matter(meta, {.front_matter = FrontMatter::json});
  CHECK(out ==
        "{\n  \"title\": \"T \\u2028\",\n  \"author\": \"A\",\n  \"date\": \"2022-01-12\",\n"
        "  \"tags\": [\"x\", \"y\"]\n}\n");
  const auto parsed = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (const auto& item : parsed.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"title", "author", "date", "tags"});
  CHECK(parsed["title"] == meta.title);
}

TEST_CASE("a whole YAML front matter of hostile values parses back", "[front_matter]") {
  for (const auto& value : kHostile) {
    CAPTURE(value);
    Metadata meta;
    meta.title = value;
    meta.authors = {value, value + "2"};
    meta.date = value;
    meta.description = value;
    const std::string out = write_front_matter(meta, {});
    const YAML::Node node = YAML::Load(out.substr(4, out.size() - 8));
    if (!value.empty()) {
      CHECK(node["title"].as<std::string>() == value);
      CHECK(node["date"].as<std::string>() == value);
      CHECK(node["author"][0].as<std::string>() == value);
    }
    const YAML::Node author = node["author"];
    CHECK((author.IsSequence() ? author[1] : author).as<std::string>() == value + "2");
  }
}

namespace {

clipdown::FrontMatterDialect nested_dialect() {
  using clipdown::FieldShape;
  using clipdown::MetaField;
  return {.keys = {{.field = MetaField::title, .key = "name", .required = true},
                   {.field = MetaField::description, .key = "summary", .required = true},
                   {.field = MetaField::author, .key = "by", .shape = FieldShape::wikilinks},
                   {.field = MetaField::date, .key = "day", .shape = FieldShape::day},
                   {.field = MetaField::tags, .key = "tags", .table = "taxonomies"},
                   {.field = MetaField::url, .key = "url", .table = "extra"},
                   {.field = MetaField::lang, .key = "lang", .table = "extra"}},
          .constants = {{.key = "layout", .values = {"post"}},
                        {.key = "labels", .values = {"clippings"}, .list = true}},
          .top_level = {"name", "summary", "by", "day", "draft", "taxonomies", "extra"},
          .extra_table = "extra"};
}

Metadata nested_meta() {
  Metadata meta;
  meta.title = "T: x";
  meta.authors = {"Jane [Doe] | #1"};
  meta.date = "2022-01-12T10:30:00+01:00";
  meta.url = "https://example.com/a";
  meta.tags = {"a b", "no"};
  return meta;
}

}  // namespace

TEST_CASE("a dialect renames keys, nests tables and adds constants in YAML", "[front_matter]") {
  MarkdownOptions options{.dialect = nested_dialect()};
  options.extra_meta = {{"draft", "true"}, {"layout", "page"}, {"weight", "3"}};
  const std::string out = write_front_matter(nested_meta(), options);
  CHECK(out ==
        "---\n"
        "name: \"T: x\"\n"
        "summary: \"\"\n"
        "by:\n"
        "  - \"[[Jane Doe 1]]\"\n"
        "day: 2022-01-12\n"
        "layout: page\n"
        "labels:\n"
        "  - clippings\n"
        "draft: true\n"
        "taxonomies:\n"
        "  tags:\n"
        "    - a b\n"
        "    - \"no\"\n"
        "extra:\n"
        "  url: https://example.com/a\n"
        "  weight: 3\n"
        "---\n");
  const YAML::Node node = YAML::Load(out.substr(4, out.size() - 8));
  CHECK(node["taxonomies"]["tags"][1].as<std::string>() == "no");
  CHECK(node["extra"]["weight"].as<int>() == 3);
  CHECK(node["by"][0].as<std::string>() == "[[Jane Doe 1]]");
}

TEST_CASE("a dialect's tables come after the top-level keys in TOML and JSON", "[front_matter]") {
  MarkdownOptions options{.front_matter = FrontMatter::toml, .dialect = nested_dialect()};
  options.extra_meta = {{"draft", "false"}, {"extra", "clash"}};
  CHECK(write_front_matter(nested_meta(), options) ==
        "+++\n"
        "name = \"T: x\"\n"
        "summary = \"\"\n"
        "by = [\"[[Jane Doe 1]]\"]\n"
        "day = 2022-01-12\n"
        "layout = \"post\"\n"
        "labels = [\"clippings\"]\n"
        "draft = false\n"
        "\n[taxonomies]\n"
        "tags = [\"a b\", \"no\"]\n"
        "\n[extra]\n"
        "url = \"https://example.com/a\"\n"
        "+++\n");
  options.front_matter = FrontMatter::json;
  const std::string json = write_front_matter(nested_meta(), options);
  const auto parsed = nlohmann::ordered_json::parse(json);
  CHECK(parsed["taxonomies"]["tags"] == nlohmann::json::array({"a b", "no"}));
  CHECK(parsed["extra"]["url"] == "https://example.com/a");
  CHECK(parsed["draft"] == false);
  CHECK(parsed["day"] == "2022-01-12");
}
