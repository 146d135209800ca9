#include "support/golden.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "cli/cli.hpp"

namespace clipdown::test {

namespace {

// The fence that opens and closes a spec example.
const std::string kSpecFence(32, '`');
// Input suffixes of golden samples, tried in this order.
constexpr std::string_view kSampleSuffixes[] = {".html.gz", ".html", ".mhtml", ".txt"};

std::string replace_tabs(std::string text) {
  constexpr std::string_view kArrow = "\u2192";
  for (std::size_t at = text.find(kArrow); at != std::string::npos; at = text.find(kArrow, at)) {
    text.replace(at, kArrow.size(), "\t");
  }
  return text;
}

}  // namespace

std::vector<Sample> find_samples(const std::filesystem::path& dir) {
  std::vector<Sample> samples;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return samples;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string file = entry.path().filename().string();
    for (const std::string_view suffix : kSampleSuffixes) {
      if (file.size() <= suffix.size() || !file.ends_with(suffix)) continue;
      Sample sample;
      sample.name = file.substr(0, file.size() - suffix.size());
      sample.input = entry.path();
      sample.expected = dir / (sample.name + ".md");
      sample.args = dir / (sample.name + ".args");
      samples.push_back(std::move(sample));
      break;
    }
  }
  std::sort(samples.begin(), samples.end(),
            [](const Sample& a, const Sample& b) { return a.name < b.name; });
  return samples;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<std::string> split_args(std::string_view text) {
  std::vector<std::string> args;
  std::string current;
  bool in_arg = false;
  char quote = 0;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        current += c;
      }
      continue;
    }
    if (line_start && c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_arg) args.push_back(std::move(current));
      current.clear();
      in_arg = false;
      line_start = c == '\n' || (line_start && c != '\n');
      continue;
    }
    line_start = false;
    in_arg = true;
    if (c == '\'' || c == '"') {
      quote = c;
    } else {
      current += c;
    }
  }
  if (in_arg) args.push_back(std::move(current));
  return args;
}

Options options_from_args(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"clipdown"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  return cli::parse_command_line(static_cast<int>(argv.size()), argv.data()).options;
}

std::string SpecExample::label() const {
  return file + " example " + std::to_string(number) + " (line " + std::to_string(line) + ")";
}

std::vector<SpecExample> parse_spec(std::string_view text, const std::string& file) {
  std::vector<SpecExample> examples;
  const std::string open = kSpecFence + " example";
  std::istringstream in{std::string(text)};
  std::string line;
  int line_number = 0;
  int part = -1;  // -1 outside, 0 input, 1 expected, 2 flags
  SpecExample current;
  std::string flags;
  while (std::getline(in, line)) {
    ++line_number;
    if (part < 0) {
      if (line == open) {
        current = SpecExample{};
        current.file = file;
        current.number = static_cast<int>(examples.size()) + 1;
        current.line = line_number;
        flags.clear();
        part = 0;
      }
      continue;
    }
    if (line == kSpecFence) {
      current.input = replace_tabs(std::move(current.input));
      current.expected = replace_tabs(std::move(current.expected));
      current.args = split_args(flags);
      examples.push_back(std::move(current));
      part = -1;
      continue;
    }
    if (line == "." && part < 2) {
      ++part;
      continue;
    }
    std::string& target = part == 0 ? current.input : part == 1 ? current.expected : flags;
    target += line;
    target += '\n';
  }
  return examples;
}

}  // namespace clipdown::test
