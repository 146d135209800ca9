// clipdown_bench: where the time and memory go, in one process and one run, next to the floor
// of reading the bytes and building a libxml2 tree. A program that prints figures, never a
// timed test (machines here are shared and noisy: compare ratios from one run).
//
//   cmake --preset bench && cmake --build --preset bench
//   build-bench/clipdown_bench                       # ../shared/bench/*/html, 3 rounds
//   build-bench/clipdown_bench --rounds 5 DIR...     # other page sets
//   build-bench/clipdown_bench --shapes              # pathological shapes and big pages
//   build-bench/clipdown_bench --scratch /data/tmp   # the binary's outputs there (default: tmpfs)
//
// Three tables:
//  1. per stage, in process (CPU time of this thread): the floor (read the file, gunzip,
//     htmlReadMemory, free), then read+decode, the HTML5 tree, tokenize (tree included),
//     normalize, extract (metadata included), metadata alone, write, and the whole convert();
//  2. the clipdown binary as a user runs it (`clipdown DIR -o OUT --jobs N`, N = 1 and 2), each
//     round right after a pass of the floor: the median round's ratio of the child's CPU time
//     (threads and kernel included) to the floor's, its peak RSS and the kernel's share;
//  Stages and the binary's pages/s are the best of the rounds (the machine's other load
//  only ever adds time).
//  3. --shapes: generated pages (flat prose of 1, 10, 100 MB; 1M nested elements; 1.4M tiny
//     paragraphs; a 100k-link paragraph; a 1000x1000 table), each converted by the binary:
//     CPU seconds per MB against the flat page of the same size, and peak RSS per input byte.

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlmemory.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "clipdown/convert.hpp"
#include "clipdown/decode.hpp"
#include "clipdown/extract.hpp"
#include "clipdown/markdown.hpp"
#include "clipdown/normalize.hpp"
#include "clipdown/tokenize.hpp"
#include "libxml/arena.hpp"
#include "libxml/doc.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// CPU seconds this thread has used.
double cpu_now() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Inflates a gzip stream (the floor's own reader; clipdown's is inside decode()).
std::string gunzip(const std::string& bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
      static_cast<unsigned char>(bytes[1]) != 0x8b) {
    return bytes;
  }
  z_stream zs{};
  inflateInit2(&zs, 16 + MAX_WBITS);
  std::string out;
  std::string chunk(1 << 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));  // NOLINT
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());  // NOLINT
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - zs.avail_out);
  }
  inflateEnd(&zs);
  return out;
}

/// strdup as xmlMemSetup takes it.
char* xmlStrdupPlain(const char* s) {
  return strdup(s);  // NOLINT(*-owning-memory)
}

/// One stage's CPU time: summed over the pages of a round, the best round kept (the one the
/// machine's other load disturbed least).
struct Stage {
  const char* name;
  double seconds = 0;                                     ///< this round so far
  double best = std::numeric_limits<double>::infinity();  ///< the best whole round
  void end_round() {
    best = std::min(best, seconds);
    seconds = 0;
  }
};

struct PageSet {
  fs::path dir;
  std::vector<fs::path> files;
  std::size_t bytes = 0;  ///< decoded (inflated) bytes, the size a parser sees
};

PageSet load_set(const fs::path& dir) {
  PageSet set{dir, {}, 0};
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) set.files.push_back(entry.path());
  }
  std::sort(set.files.begin(), set.files.end());
  for (const auto& file : set.files) set.bytes += gunzip(slurp(file)).size();
  return set;
}

void print_row(const Stage& stage, double pages, double mb, double floor) {
  fmt::print("  {:<34} {:>9.1f} {:>8.1f} {:>8.2f}\n", stage.name, pages / stage.best,
             mb / stage.best, stage.best / floor);
}

/// The floor for one page: read the file, gunzip, htmlReadMemory, free; CPU seconds. libxml2 as
/// shipped: the C library's allocator, not clipdown's arena hooks (safe to switch here: no
/// arena lives, and each side frees what it allocated).
double floor_one(const fs::path& file) {
  xmlMemSetup(std::free, std::malloc, std::realloc, xmlStrdupPlain);
  const double start = cpu_now();
  {
    const std::string utf8 = gunzip(slurp(file));
    htmlDocPtr doc = htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                                    clipdown::libxml::kParseOptions);
    xmlFreeDoc(doc);
  }
  const double seconds = cpu_now() - start;
  clipdown::libxml::TreeArena::install();
  return seconds;
}

/// Table 1: every stage of the library over the pages, CPU time of this thread.
void run_stages(const PageSet& set, int rounds) {
  std::vector<Stage> stages = {
      {"floor: read+gunzip+htmlReadMemory"}, {"read + decode"}, {"html5 tree (in tokenize)"},
      {"tokenize (tree included)"},          {"normalize"},     {"extract (metadata incl.)"},
      {"metadata alone (in extract)"},       {"write"},         {"whole: read + convert()"}};
  std::size_t sink = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& file : set.files) {
      stages[0].seconds += floor_one(file);
      double start = cpu_now();
      auto decoded = clipdown::decode(slurp(file), {});
      stages[1].seconds += cpu_now() - start;
      start = cpu_now();
      sink += clipdown::libxml::html5_parse(decoded.utf8) != nullptr ? 1U : 0U;
      stages[2].seconds += cpu_now() - start;
      start = cpu_now();
      auto page = clipdown::tokenize_html(decoded.utf8, {});
      stages[3].seconds += cpu_now() - start;
      start = cpu_now();
      page = clipdown::normalize(std::move(page), {});
      stages[4].seconds += cpu_now() - start;
      const auto hints = page.hints;
      start = cpu_now();
      sink += clipdown::resolve_metadata(hints).title.size();
      stages[6].seconds += cpu_now() - start;
      start = cpu_now();
      auto document = clipdown::extract(std::move(page), {});
      stages[5].seconds += cpu_now() - start;
      start = cpu_now();
      sink += clipdown::write_markdown(document, {}).size();
      stages[7].seconds += cpu_now() - start;

      start = cpu_now();
      sink += clipdown::convert(slurp(file), {}).markdown.size();
      stages[8].seconds += cpu_now() - start;
    }
    for (auto& stage : stages) stage.end_round();
  }
  const double mb = static_cast<double>(set.bytes) / 1e6;
  const auto n = static_cast<double>(set.files.size());
  fmt::print("\n{}: {} pages, {:.1f} MB decoded, best of {} rounds{}\n", set.dir.string(),
             set.files.size(), mb, rounds, sink == 0 ? " (no output!)" : "");
  fmt::print("  {:<34} {:>9} {:>8} {:>8}\n", "stage (CPU time, one thread)", "pages/s", "MB/s",
             "x floor");
  for (const auto& stage : stages) print_row(stage, n, mb, stages[0].best);
}

struct ChildRun {
  double cpu = 0;     ///< user + system seconds
  double system = 0;  ///< of which in the kernel
  long max_rss = 0;   ///< KiB
  int status = -1;
};

/// Runs a command, returns its CPU time and peak RSS (wait4's rusage of that child alone).
ChildRun run_child(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));  // NOLINT
  args.push_back(nullptr);
  ChildRun run;
  std::fflush(stdout);  // or the child's copy of the buffer prints the tables twice
  const pid_t pid = fork();
  if (pid == 0) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
    execv(args[0], args.data());
    _exit(127);
  }
  rusage usage{};
  int status = 0;
  if (pid < 0 || wait4(pid, &status, 0, &usage) < 0) return run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.system = static_cast<double>(usage.ru_stime.tv_sec) +
               static_cast<double>(usage.ru_stime.tv_usec) * 1e-6;
  run.cpu = static_cast<double>(usage.ru_utime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec) * 1e-6 + run.system;
  run.max_rss = usage.ru_maxrss;
  return run;
}

/// One pass of the floor over the pages; CPU seconds.
double floor_pass(const PageSet& set) {
  double seconds = 0;
  for (const auto& file : set.files) seconds += floor_one(file);
  return seconds;
}

/// Table 2: the binary over the whole folder, as a user runs it, each round right after a pass
/// of the floor (the machine's load drifts: a ratio is taken within a round, and the median
/// round's is printed). Outputs go to a new folder each time, removed when the program ends:
/// ext4 scans longer for free inodes right after many files were deleted, which would bill the
/// next run for the last one's clean-up.
void run_binary(const PageSet& set, const std::string& binary, const fs::path& scratch,
                int rounds) {
  fmt::print("  {:<34} {:>9} {:>8} {:>8} {:>9} {:>7}\n", "clipdown DIR -o OUT (child CPU)",
             "pages/s", "MB/s", "x floor", "peak RSS", "kernel");
  const double mb = static_cast<double>(set.bytes) / 1e6;
  const auto n = static_cast<double>(set.files.size());
  struct Runs {
    std::vector<double> ratios;
    ChildRun best;  // the least CPU, the most memory
  };
  std::array<Runs, 2> runs;
  for (int round = 0; round < rounds; ++round) {
    const double floor_seconds = floor_pass(set);
    for (std::size_t j = 0; j < runs.size(); ++j) {
      const std::string jobs = std::to_string(j + 1);
      const fs::path out =
          scratch /
          fmt::format("{}-jobs{}-{}", set.dir.parent_path().filename().string(), jobs, round);
      const ChildRun one =
          run_child({binary, set.dir.string(), "-o", out.string(), "--jobs", jobs, "--quiet"});
      Runs& r = runs.at(j);
      r.ratios.push_back(one.cpu / floor_seconds);
      const long rss = std::max(r.best.max_rss, one.max_rss);
      if (round == 0 || one.cpu < r.best.cpu || one.status != 0) r.best = one;
      r.best.max_rss = rss;
    }
  }
  for (std::size_t j = 0; j < runs.size(); ++j) {
    Runs& r = runs.at(j);
    std::sort(r.ratios.begin(), r.ratios.end());
    fmt::print("  {:<34} {:>9.1f} {:>8.1f} {:>8.2f} {:>6} MB {:>6.0f}%{}\n",
               fmt::format("--jobs {}", j + 1), n / r.best.cpu, mb / r.best.cpu,
               r.ratios[r.ratios.size() / 2], r.best.max_rss / 1024,
               100 * r.best.system / r.best.cpu,
               r.best.status == 0 ? "" : fmt::format(" (exit {})", r.best.status));
  }
}

std::string paragraph(std::size_t i) {
  return fmt::format(
      "<p>Paragraph {} of the flat page carries ordinary prose, the kind of sentence an article "
      "is made of, with <a href=\"/link/{}\">one link</a> and <em>some emphasis</em> in it.</p>\n",
      i, i);
}

/// Writes a page of about `bytes` bytes: a head, then `body(i)` repeated.
void write_page(const fs::path& path, std::size_t bytes,
                const std::function<std::string(std::size_t)>& body, const std::string& open,
                const std::string& close) {
  std::ofstream out(path, std::ios::binary);
  out << "<!doctype html><html><head><title>Shape</title></head><body><article>"
      << "<h1>Shape</h1>" << open;
  std::size_t written = 0;
  for (std::size_t i = 0; written < bytes; ++i) {
    const std::string piece = body(i);
    out << piece;
    written += piece.size();
  }
  out << close << "</article></body></html>\n";
}

struct Shape {
  std::string name;
  fs::path path;
  double flat_cpu_per_mb = 0;  ///< the flat page of the same size, for the ratio
};

/// Table 3: generated pages through the binary, one process each.
void run_shapes(const std::string& binary) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("clipdown-shapes-{}", getpid());
  fs::create_directories(dir);
  auto flat = [](std::size_t i) { return paragraph(i); };
  const std::size_t mb = 1000 * 1000;
  std::vector<std::pair<std::string, std::size_t>> flats = {
      {"flat 1 MB", mb}, {"flat 10 MB", 10 * mb}, {"flat 100 MB", 100 * mb}};
  fmt::print("\nshapes (one process each)          {:>8} {:>9} {:>9} {:>10} {:>9}\n", "MB", "CPU s",
             "s/MB", "x flat/MB", "RSS/input");
  std::vector<double> flat_per_mb;
  auto report = [&](const std::string& name, const fs::path& path, double reference) {
    const double size = static_cast<double>(fs::file_size(path)) / 1e6;
    const ChildRun run = run_child({binary, path.string(), "--quiet"});
    const double per_mb = run.cpu / size;
    fmt::print("  {:<32} {:>8.1f} {:>9.2f} {:>9.3f} {:>10.2f} {:>7.1f}x{}\n", name, size, run.cpu,
               per_mb, reference > 0 ? per_mb / reference : 1.0,
               static_cast<double>(run.max_rss) * 1024 / (size * 1e6),
               run.status == 0 ? "" : fmt::format(" (exit {})", run.status));
    return per_mb;
  };
  for (const auto& [name, bytes] : flats) {
    const fs::path path = dir / (name + ".html");
    write_page(path, bytes, flat, "", "");
    flat_per_mb.push_back(report(name, path, 0));
    fs::remove(path);
  }
  const double reference = flat_per_mb[1];  // the 10 MB flat page
  const std::size_t deep = 1000 * 1000;
  write_page(
      dir / "nested.html", 1, [](std::size_t) { return std::string("x"); },
      [&] {
        std::string s;
        for (std::size_t i = 0; i < deep; ++i) s += "<div>";
        return s;
      }(),
      "");
  report("1M nested <div>", dir / "nested.html", reference);
  write_page(
      dir / "tiny.html", 1400 * 1000 * 7, [](std::size_t) { return std::string("<p>a</p>"); }, "",
      "");
  report("1.4M tiny <p>", dir / "tiny.html", reference);
  write_page(
      dir / "links.html", 1,
      [](std::size_t) {
        std::string s = "<p>";
        for (int i = 0; i < 100000; ++i) s += fmt::format("<a href=\"/l/{}\">word {}</a> ", i, i);
        return s + "</p>";
      },
      "", "");
  report("100k links in one <p>", dir / "links.html", reference);
  write_page(
      dir / "table.html", 1,
      [](std::size_t) {
        std::string s = "<table>";
        for (int r = 0; r < 1000; ++r) {
          s += "<tr>";
          for (int c = 0; c < 1000; ++c) s += "<td>c</td>";
          s += "</tr>";
        }
        return s + "</table>";
      },
      "", "");
  report("1000x1000 table", dir / "table.html", reference);
  fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  bool shapes = false;
  std::string binary;
  fs::path scratch_root;
  std::vector<fs::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--binary" && i + 1 < argc) {
      binary = argv[++i];
    } else if (arg == "--scratch" && i + 1 < argc) {
      scratch_root = argv[++i];
    } else if (arg == "--shapes") {
      shapes = true;
    } else if (arg == "-h" || arg == "--help" || arg.starts_with("-")) {
      fmt::print(stderr,
                 "usage: clipdown_bench [--rounds N] [--binary PATH] [--scratch DIR] [--shapes] "
                 "[DIR...]\n");
      return 2;
    } else {
      dirs.emplace_back(arg);
    }
  }
  if (binary.empty()) binary = (fs::path(argv[0]).parent_path() / "clipdown").string();
  if (dirs.empty()) {
    for (const char* set : {"scrapinghub", "wcxb-dev"}) {
      dirs.push_back(fs::path(CLIPDOWN_BENCH_DIR) / set / "html");
    }
  }
  clipdown::libxml::init();
  // Outputs go to memory (tmpfs) unless --scratch says otherwise: what a disk's file system
  // spends creating inodes (on ext4, from a few % to a third of the CPU, depending on how many
  // files were deleted there lately) is the file system's, not clipdown's.
  if (scratch_root.empty()) {
    scratch_root = fs::is_directory("/dev/shm") && access("/dev/shm", W_OK) == 0
                       ? fs::path("/dev/shm")
                       : fs::temp_directory_path();
  }
  const fs::path scratch = scratch_root / fmt::format("clipdown-bench-{}", getpid());
  fmt::print("outputs of the binary under {}\n", scratch.string());
  if (!fs::exists(binary)) fmt::print(stderr, "clipdown_bench: no binary at {}\n", binary);
  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir)) {
      fmt::print(stderr, "clipdown_bench: skipped {}: not a folder\n", dir.string());
      continue;
    }
    const PageSet set = load_set(dir);
    run_stages(set, rounds);
    if (fs::exists(binary)) run_binary(set, binary, scratch, rounds);
  }
  fs::remove_all(scratch);
  if (shapes && fs::exists(binary)) run_shapes(binary);
  return 0;
}
