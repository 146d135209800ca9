#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdlib.h>  // mkdtemp
#include <yaml-cpp/yaml.h>

#include "clipdown/convert.hpp"
#include "clipdown/markdown.hpp"
#include "mhtml.hpp"
#include "support/commonmark.hpp"
#include "support/golden.hpp"

namespace fs = std::filesystem;
using clipdown::FrontMatter;
using clipdown::MarkdownOptions;
using clipdown::Metadata;
using namespace clipdown::test;  // NOLINT(google-build-using-namespace)

namespace {

/// Front matter and body of a written page.
struct Split {
  std::string front_matter;  ///< without its delimiters
  std::string body;
};

Split split_output(const std::string& markdown, FrontMatter format) {
  std::string_view open;
  std::string_view close;
  switch (format) {
    case FrontMatter::yaml:
      open = "---\n";
      close = "\n---\n";
      break;
    case FrontMatter::toml:
      open = "+++\n";
      close = "\n+++\n";
      break;
    case FrontMatter::json:
      open = "{\n";
      close = "\n}\n";
      break;
    case FrontMatter::none:
      return {{}, markdown};
  }
  if (!markdown.starts_with(open)) return {{}, markdown};
  const std::size_t end = markdown.find(close, open.size() - 1);
  if (end == std::string::npos) return {{}, markdown};
  Split split;
  split.front_matter = format == FrontMatter::json
                           ? markdown.substr(0, end + close.size())
                           : markdown.substr(open.size(), end + 1 - open.size());
  split.body = markdown.substr(end + close.size());
  if (split.body.starts_with('\n')) split.body.erase(0, 1);
  return split;
}

/// "key: value" / "key: [a | b]" lines, for comparing front matter with Metadata.
std::string entry(std::string_view key, const std::vector<std::string>& values, bool list) {
  std::string out(key);
  out += list ? ": [" : ": ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += " | ";
    out += values[i];
  }
  out += list ? "]\n" : "\n";
  return out;
}

std::string expected_entries(const Metadata& meta, const MarkdownOptions& options) {
  std::string out;
  std::vector<std::string> keys;
  const auto scalar = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    out += entry(key, {value}, false);
    keys.emplace_back(key);
  };
  std::vector<std::string> authors;
  for (const auto& a : meta.authors) {
    if (!a.empty()) authors.push_back(a);
  }
  std::vector<std::string> tags;
  for (const auto& t : meta.tags) {
    if (!t.empty()) tags.push_back(t);
  }
  scalar("title", meta.title);
  if (authors.size() == 1) scalar("author", authors.front());
  if (authors.size() > 1) out += entry("author", authors, true);
  scalar("date", meta.date);
  scalar("updated", meta.updated);
  scalar("source", meta.source);
  scalar("url", meta.url);
  scalar("description", meta.description);
  scalar("image", meta.image);
  scalar("lang", meta.lang);
  if (!tags.empty()) out += entry("tags", tags, true);
  keys.insert(keys.end(), {"author", "tags"});
  for (const auto& [key, value] : options.extra_meta) {
    if (key.empty() || value.empty()) continue;
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    scalar(key, value);
  }
  return out;
}

std::string yaml_entries(const std::string& text) {
  std::string out;
  const YAML::Node root = YAML::Load(text);
  for (const auto& item : root) {
    const auto key = item.first.as<std::string>();
    if (item.second.IsSequence()) {
      std::vector<std::string> values;
      for (const auto& v : item.second) values.push_back(v.as<std::string>());
      out += entry(key, values, true);
    } else {
      out += entry(key, {item.second.as<std::string>()}, false);
    }
  }
  return out;
}

std::string json_entries(const std::string& text) {
  std::string out;
  const auto root = nlohmann::ordered_json::parse(text);
  for (const auto& item : root.items()) {
    if (item.value().is_array()) {
      out += entry(item.key(), item.value().get<std::vector<std::string>>(), true);
    } else {
      out += entry(item.key(), {item.value().get<std::string>()}, false);
    }
  }
  return out;
}

/// Checks a written page against its Document: the front matter parses back to the metadata
/// and cmark-gfm reads the body back as the blocks' text.
void check_output(const clipdown::Result& result, const MarkdownOptions& options) {
  const Split split = split_output(result.markdown, options.front_matter);
  const std::string expected = expected_entries(result.document.meta, options);
  switch (options.front_matter) {
    case FrontMatter::yaml:
      CHECK(yaml_entries(split.front_matter) == expected);
      break;
    case FrontMatter::json:
      CHECK(json_entries(split.front_matter) == expected);
      break;
    case FrontMatter::toml:
      CHECK(split.front_matter.empty() == expected.empty());
      break;
    case FrontMatter::none:
      CHECK(split.front_matter.empty());
      break;
  }
  CHECK(commonmark_text(split.body) ==
        document_text(result.document.blocks, options, result.document.meta.title));
}

void check_sample(const Sample& sample, bool update) {
  std::vector<std::string> args;
  if (fs::exists(sample.args)) args = split_args(read_file(sample.args));
  clipdown::Options options = options_from_args(args);
  options.decode.name = sample.input.string();
  const clipdown::Result result = clipdown::convert(read_file(sample.input), options);
  if (update) {
    if (!fs::exists(sample.expected) || read_file(sample.expected) != result.markdown) {
      write_file(sample.expected, result.markdown);
      WARN("rewrote " << sample.expected.string());
    }
  } else {
    REQUIRE(fs::exists(sample.expected));
    CHECK(result.markdown == read_file(sample.expected));
  }
  check_output(result, options.markdown);
}

bool update_mode() {
  const char* value = std::getenv("CLIPDOWN_UPDATE_GOLDEN");  // NOLINT(concurrency-mt-unsafe)
  return value != nullptr && std::string_view(value) == "1";
}

/// A scratch directory removed at the end of the scope.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string name = (fs::temp_directory_path() / "clipdown-golden-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("cannot create " + name);
    path = name;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("golden samples", "[golden]") {
  const auto samples = find_samples(CLIPDOWN_SAMPLES_DIR);
  if (samples.empty()) SUCCEED("no samples yet");
  const bool update = update_mode();
  for (const auto& sample : samples) {
    DYNAMIC_SECTION(sample.name) {
      check_sample(sample, update);
    }
  }
}

TEST_CASE("the golden harness finds samples, reads their flags and can rewrite them", "[golden]") {
  const TempDir dir;
  write_file(dir.path / "site-feature.txt",
             "A headline for the test\n\nBy Jo Doe\n\nThe first paragraph of the article, "
             "long enough to be kept by every extractor that looks at it.\n");
  write_file(dir.path / "site-feature.args",
             "# a comment\n--front-matter json\n--url 'https://x.org/a b'\n");
  write_file(dir.path / "notes.md", "not a sample\n");
  const auto samples = find_samples(dir.path);
  REQUIRE(samples.size() == 1);
  CHECK(samples.front().name == "site-feature");
  CHECK(split_args(read_file(samples.front().args)) ==
        std::vector<std::string>{"--front-matter", "json", "--url", "https://x.org/a b"});
  const auto options = options_from_args(split_args(read_file(samples.front().args)));
  CHECK(options.markdown.front_matter == FrontMatter::json);
  CHECK(options.tokenize.base_url == "https://x.org/a b");
  check_sample(samples.front(), true);  // writes the missing .md
  REQUIRE(fs::exists(samples.front().expected));
  check_sample(samples.front(), false);
}

TEST_CASE("golden output checks catch a body that does not read back", "[golden]") {
  clipdown::Result result;
  result.document.meta.title = "T";
  result.document.blocks = {clipdown::Block{.spans = {clipdown::Span{.text = "*a*"}}}};
  result.markdown = "---\ntitle: T\n---\n\n\\*a\\*\n";
  check_output(result, {});
  CHECK(commonmark_text(split_output("---\ntitle: T\n---\n\n*a*\n", FrontMatter::yaml).body) ==
        "a");
  CHECK(yaml_entries("title: \"no\"\nauthor:\n  - A\n  - B\n") == "title: no\nauthor: [A | B]\n");
}

TEST_CASE("an MHTML sample converts as its HTML part saved alone with its address",
          "[golden][mhtml]") {
  const std::string mhtml =
      read_file(fs::path(CLIPDOWN_SAMPLES_DIR) / "harbour-mhtml-quoted-printable.mhtml");
  const clipdown::mhtml::Page part = clipdown::mhtml::read(mhtml);
  REQUIRE(part.location == "https://harbour.example.org/stories/2024/lighthouse-keeper/");
  clipdown::Options alone;
  alone.tokenize.base_url = part.location;
  CHECK(clipdown::convert(mhtml, clipdown::Options{}).markdown ==
        clipdown::convert(part.html, alone).markdown);
}
