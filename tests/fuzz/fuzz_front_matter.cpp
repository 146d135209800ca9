// libFuzzer target over the front-matter writer (clang, -DCLIPDOWN_FUZZ=ON): the input is split
// at 0x1F bytes into title, two authors, date, description, source and a tag; its first byte
// picks YAML or JSON. The block written must parse back with a real parser (yaml-cpp,
// nlohmann-json) and give each value back exactly, whenever the value is valid UTF-8 (the
// writer repairs the rest). No seeds needed:
//   build-fuzz/fuzz_front_matter -max_total_time=1800 corpus-fm/
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "clipdown/decode.hpp"
#include "clipdown/markdown.hpp"

namespace {

constexpr char kSeparator = '\x1f';
constexpr std::size_t kFields = 7;

/// Whether `value` is one a reader gets back verbatim: non-empty, valid UTF-8, no NUL.
bool verbatim(const std::string& value) {
  return !value.empty() && clipdown::is_valid_utf8(value) && value.find('\0') == std::string::npos;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool json = (data[0] & 1U) != 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);  // NOLINT
  std::array<std::string, kFields> field;
  std::size_t at = 0;
  for (std::size_t i = 0; i < kFields && at <= rest.size(); ++i) {
    const std::size_t end = std::min(rest.find(kSeparator, at), rest.size());
    field.at(i) = std::string(rest.substr(at, end - at));
    at = end + 1;
  }
  clipdown::Metadata meta;
  meta.title = field[0];
  for (const std::size_t i : {1U, 2U}) {
    if (!field.at(i).empty()) meta.authors.push_back(field.at(i));
  }
  meta.date = field[3];
  meta.description = field[4];
  meta.source = field[5];
  if (!field[6].empty()) meta.tags.push_back(field[6]);
  clipdown::MarkdownOptions options;
  options.front_matter = json ? clipdown::FrontMatter::json : clipdown::FrontMatter::yaml;
  const std::string out = clipdown::write_front_matter(meta, options);
  if (out.empty()) return 0;  // nothing known: no block
  std::string title;
  std::string source;
  if (json) {
    const auto parsed = nlohmann::json::parse(out, nullptr, false);
    check(!parsed.is_discarded() && parsed.is_object());
    if (parsed.contains("title")) title = parsed["title"].get<std::string>();
    if (parsed.contains("source")) source = parsed["source"].get<std::string>();
  } else {
    check(out.starts_with("---\n") && out.ends_with("---\n"));
    const YAML::Node node = YAML::Load(out.substr(4, out.size() - 8));  // throws: a finding
    check(node.IsMap());
    if (node["title"]) title = node["title"].as<std::string>();
    if (node["source"]) source = node["source"].as<std::string>();
  }
  if (verbatim(meta.title)) check(title == meta.title);
  if (verbatim(meta.source)) check(source == meta.source);
  return 0;
}
