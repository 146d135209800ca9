#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/convert.hpp"
#include "support/golden.hpp"

namespace fs = std::filesystem;
using namespace clipdown::test;  // NOLINT(google-build-using-namespace)

namespace {

std::vector<fs::path> spec_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(CLIPDOWN_SPEC_DIR, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Runs one example through convert(): HTML when the input starts with '<', else text,
/// unless its flags say --from.
std::string run(const SpecExample& example) {
  clipdown::Options options = options_from_args(example.args);
  if (options.decode.kind == clipdown::InputKind::automatic) {
    const std::size_t first = example.input.find_first_not_of(" \t\n");
    const bool html = first != std::string::npos && example.input[first] == '<';
    options.decode.kind = html ? clipdown::InputKind::html : clipdown::InputKind::text;
  }
  return clipdown::convert(example.input, options).markdown;
}

}  // namespace

TEST_CASE("spec examples give their expected Markdown", "[spec]") {
  const auto files = spec_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    const auto examples = parse_spec(read_file(file), file.filename().string());
    CHECK_FALSE(examples.empty());
    for (const auto& example : examples) {
      DYNAMIC_SECTION(example.label()) {
        INFO(example.label() << "\ninput:\n" << example.input);
        CHECK(run(example) == example.expected);
      }
    }
  }
}

TEST_CASE("spec files parse into numbered examples with their lines and flags", "[spec]") {
  const std::string fence(32, '`');
  const std::string text =
      "# Topic\n\nProse.\n\n" + fence + " example\n<p>a\u2192b</p>\n.\nab\n" + fence +
      "\n\nMore prose.\n\n" + fence +
      " example\ntext\n.\n---\ntitle: x\n---\n.\n--front-matter toml --no-extract\n" + fence + "\n";
  const auto examples = parse_spec(text, "topic.md");
  REQUIRE(examples.size() == 2);
  CHECK(examples[0].label() == "topic.md example 1 (line 5)");
  CHECK(examples[0].input == "<p>a\tb</p>\n");
  CHECK(examples[0].expected == "ab\n");
  CHECK(examples[0].args.empty());
  CHECK(examples[1].label() == "topic.md example 2 (line 13)");
  CHECK(examples[1].expected == "---\ntitle: x\n---\n");
  CHECK(examples[1].args == std::vector<std::string>{"--front-matter", "toml", "--no-extract"});
}
