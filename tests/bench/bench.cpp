// clipdown_bench: throughput per pipeline stage over a folder of pages, next to a bare libxml2
// parse of the same bytes (the floor). Release builds only:
//   cmake --preset bench && cmake --build --preset bench
//   build-bench/clipdown_bench ../shared/bench/scrapinghub/html [rounds]
// Figures are pages/s and MB/s of decoded input; compare ratios from one run, never absolute
// numbers across machines.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <libxml/HTMLparser.h>
#include <zlib.h>

#include "clipdown/decode.hpp"
#include "clipdown/extract.hpp"
#include "clipdown/markdown.hpp"
#include "clipdown/normalize.hpp"
#include "clipdown/tokenize.hpp"
#include "libxml/doc.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Stage {
  const char* name;
  double seconds = 0;
};

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: clipdown_bench DIR [rounds]\n");
    return 2;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<std::string> pages;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) pages.push_back(slurp(path));
  if (pages.empty()) {
    fmt::print(stderr, "clipdown_bench: no pages in {}\n", argv[1]);
    return 1;
  }

  // Decode once up front so every later stage sees the same UTF-8 as in the pipeline.
  std::vector<std::string> utf8;
  std::size_t bytes = 0;
  for (const auto& page : pages) {
    utf8.push_back(clipdown::decode(page, {}).utf8);
    bytes += utf8.back().size();
  }

  std::vector<Stage> stages = {{"libxml2 bare parse (floor)"},
                               {"html5 parse (tree builder)"},
                               {"decode"},
                               {"tokenize_html"},
                               {"normalize"},
                               {"extract"},
                               {"write"},
                               {"whole pipeline"}};
  std::size_t sink = 0;
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      auto start = Clock::now();
      htmlDocPtr doc =
          htmlReadMemory(utf8[i].data(), static_cast<int>(utf8[i].size()), nullptr, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
      xmlFreeDoc(doc);
      stages[0].seconds += since(start);

      // The same bytes through clipdown's HTML5 tokenizer and tree builder (read + parse +
      // free, as above): the parse that tokenize_html below includes.
      start = Clock::now();
      sink += clipdown::libxml::html5_parse(utf8[i]) != nullptr ? 1 : 0;
      stages[1].seconds += since(start);

      const auto total = Clock::now();
      start = Clock::now();
      auto decoded = clipdown::decode(pages[i], {});
      stages[2].seconds += since(start);
      start = Clock::now();
      auto page = clipdown::tokenize_html(decoded.utf8, {});
      stages[3].seconds += since(start);
      start = Clock::now();
      page = clipdown::normalize(std::move(page), {});
      stages[4].seconds += since(start);
      start = Clock::now();
      auto document = clipdown::extract(std::move(page), {});
      stages[5].seconds += since(start);
      start = Clock::now();
      sink += clipdown::write_markdown(document, {}).size();
      stages[6].seconds += since(start);
      stages[7].seconds += since(total);
    }
  }

  const double mb = static_cast<double>(bytes) / 1e6 * rounds;
  const double n = static_cast<double>(pages.size()) * rounds;
  fmt::print("{} pages, {:.1f} MB decoded, {} rounds\n", pages.size(), mb / rounds, rounds);
  fmt::print("{:<28} {:>10} {:>10} {:>9}\n", "stage", "pages/s", "MB/s", "x floor");
  for (const auto& stage : stages) {
    fmt::print("{:<28} {:>10.1f} {:>10.1f} {:>9.2f}\n", stage.name, n / stage.seconds,
               mb / stage.seconds, stage.seconds / stages[0].seconds);
  }
  return sink == 0 ? 1 : 0;
}
