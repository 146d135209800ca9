// Batch conversion: input expansion, ordered parallel scheduling, -o DIR naming and writing,
// summaries and exit statuses (the last through the real binary).

#include <chrono>
#include <csignal>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/batch.hpp"
#include "cli/progress.hpp"
#include "support/cli_run.hpp"

namespace fs = std::filesystem;
using clipdown::cli::Converted;
using clipdown::cli::expand_inputs;
using clipdown::cli::InputList;
using clipdown::cli::Outcome;
using clipdown::cli::WalkFilters;
using clipdown::test::article_page;
using clipdown::test::CliRun;
using clipdown::test::run_clipdown;
using clipdown::test::Scratch;
using clipdown::test::slurp;
using clipdown::test::tree;

namespace {

/// Paths relative to `root` ('/'-separated) of the files in `inputs`.
std::vector<std::string> relative_files(const InputList& inputs, const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& file : inputs.files)
    files.push_back(fs::path(file).lexically_relative(root).generic_string());
  return files;
}

/// A folder of pages for walking: default extensions, hidden files, a subfolder, a symlink loop.
void make_walk_tree(const Scratch& s) {
  for (const char* name :
       {"pages/b.html", "pages/a.htm", "pages/c.txt.gz", "pages/d.md", "pages/e.xhtml",
        "pages/Z.HTML", "pages/.hidden.html", "pages/f.shtml", "pages/notes.txt", "pages/image.png",
        "pages/sub/g.html", "pages/sub/deeper/h.html", "pages/.git/i.html", "pages/a.html"}) {
    s.write(name, "x");
  }
  fs::create_directory_symlink("..", s.dir / "pages" / "sub" / "loop");
  fs::create_symlink("b.html", s.dir / "pages" / "link.html");
}

}  // namespace

TEST_CASE("a folder is walked in byte order, default page extensions only", "[batch]") {
  Scratch s;
  make_walk_tree(s);
  std::istringstream no_stdin;
  const InputList inputs = expand_inputs({(s.dir / "pages").string()}, {}, true, no_stdin);
  CHECK(inputs.problems.empty());
  // Hidden entries are skipped and the directory symlink (a loop) is not followed; the file
  // symlink counts.
  CHECK(relative_files(inputs, s.dir / "pages") ==
        std::vector<std::string>{"Z.HTML", "a.htm", "a.html", "b.html", "c.txt.gz", "e.xhtml",
                                 "f.shtml", "link.html", "notes.txt", "sub/deeper/h.html",
                                 "sub/g.html"});
}

TEST_CASE("include globs narrow the walk and exclude globs win", "[batch]") {
  Scratch s;
  make_walk_tree(s);
  std::istringstream no_stdin;
  // Like grep --include and rg -g: with --include only matching files are taken.
  const WalkFilters filters{{"*.md", "a.*", "sub/deeper/*"}, {"*.htm", "Z.*"}};
  const InputList inputs = expand_inputs({(s.dir / "pages").string()}, filters, true, no_stdin);
  CHECK(relative_files(inputs, s.dir / "pages") ==
        std::vector<std::string>{"a.html", "d.md", "sub/deeper/h.html"});
  const auto [relative, taken] = GENERATE(table<std::string, bool>({
      {"page.html", true},
      {"PAGE.HTM.GZ", true},
      {"dir/page.txt", true},
      {"page.md", false},
      {"page.html.bak", false},
      {"drafts/x.html", true},
  }));
  INFO(relative);
  CHECK(clipdown::cli::walk_takes(relative, {}) == taken);
  CHECK(clipdown::cli::walk_takes(relative, {{"*.md"}, {}}) == (relative == "page.md"));
  CHECK_FALSE(clipdown::cli::walk_takes(relative, {{}, {"*"}}));
}

TEST_CASE("an @list names inputs one per line, skipping blanks and comments", "[batch]") {
  Scratch s;
  s.write("a.html", "x");
  s.write("b.txt", "x");
  s.write("dir/c.html", "x");
  s.write("list.txt", "# pages\r\na.html\r\n\r\n   \n" + (s.dir / "dir").string() +
                          "\n  # indented comment\nmissing.html\nb.txt\n");
  std::istringstream stdin_list("b.txt\na.html\n");
  const fs::path cwd = fs::current_path();
  fs::current_path(s.dir);
  const InputList inputs = expand_inputs({"@list.txt", "@-"}, {}, true, stdin_list);
  fs::current_path(cwd);
  CHECK(inputs.files == std::vector<std::string>{"a.html", (s.dir / "dir" / "c.html").string(),
                                                 "b.txt", "b.txt", "a.html"});
  REQUIRE(inputs.problems.size() == 1);
  CHECK(inputs.problems[0].path == "missing.html");
  CHECK(inputs.problems[0].reason == "no such file");
  CHECK(inputs.problems[0].usage);
}

TEST_CASE("inputs that cannot be expanded are problems", "[batch]") {
  Scratch s;
  s.write("dir/a.html", "x");
  std::istringstream no_stdin;
  const std::string dir = (s.dir / "dir").string();
  const InputList refused = expand_inputs({dir, "-", "-", "@nolist.txt"}, {}, false, no_stdin);
  CHECK(refused.files == std::vector<std::string>{"-"});
  REQUIRE(refused.problems.size() == 3);
  CHECK(refused.problems[0].reason == "is a directory; use -o DIR to convert a folder");
  CHECK(refused.problems[1].reason == "stdin can be read only once");
  CHECK(refused.problems[2].reason == "cannot read the list of inputs");
  s.write("empty/notes.md", "x");
  const InputList empty = expand_inputs({(s.dir / "empty").string()}, {}, true, no_stdin);
  CHECK(empty.files.empty());
  CHECK(empty.empty_dirs.size() == 1);
}

TEST_CASE("run_batch delivers results in input order whatever the finishing order", "[batch]") {
  constexpr std::size_t kCount = 200;
  for (const unsigned jobs : {1U, 2U, 7U}) {
    std::vector<std::size_t> order;
    clipdown::cli::Progress progress(kCount, false);
    const auto summary = clipdown::cli::run_batch(
        kCount, jobs,
        [](std::size_t i) {
          // Early inputs are slow, so later ones finish first.
          if (i % 17 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(3));
          Converted c;
          c.ok = i % 10 != 3;
          c.output = std::to_string(i);
          return c;
        },
        [&order](std::size_t i, Converted& c) {
          CHECK(c.output == std::to_string(i));
          order.push_back(i);
          return c.ok ? Outcome::converted : Outcome::failed;
        },
        progress);
    INFO("jobs " << jobs);
    REQUIRE(order.size() == kCount);
    for (std::size_t i = 0; i < kCount; ++i) CHECK(order[i] == i);
    CHECK(summary.converted == 180);
    CHECK(summary.failed == 20);
    CHECK(summary.signal == 0);
  }
}

TEST_CASE("the summary and progress lines read as documented", "[batch]") {
  clipdown::cli::BatchSummary summary;
  summary.converted = 181;
  summary.seconds = 2.34;
  CHECK(clipdown::cli::summary_line(summary) ==
        "clipdown: 181 converted, 0 skipped, 0 failed in 2.3 s\n");
  summary.signal = SIGINT;
  CHECK(clipdown::cli::summary_line(summary) ==
        "clipdown: interrupted: 181 converted, 0 skipped, 0 failed in 2.3 s\n");
  CHECK(clipdown::cli::progress_text(90, 181, 2.0) == "  90/181  45.0 pages/s  ETA 2s");
  CHECK(clipdown::cli::progress_text(10, 1000, 1.0) == "  10/1000  10.0 pages/s  ETA 1m39s");
  CHECK(clipdown::cli::progress_text(0, 10, 0.0) == "  0/10  0.0 pages/s");
}

// ---- through the binary --------------------------------------------------------------------

namespace {

/// Writes `count` pages "pages/page-NN.html"; pages 3, 5 and 8 share a title.
void make_pages(const Scratch& s, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string title =
        i == 3 || i == 5 || i == 8 ? "Same title" : fmt::format("Page number {}", i);
    s.write(fmt::format("pages/page-{:02}.html", i),
            article_page(title, fmt::format("topic {}", i),
                         fmt::format("<meta property=\"article:published_time\" "
                                     "content=\"2023-0{}-1{}T08:00:00Z\">",
                                     1 + i % 9, i % 10)));
  }
}

/// True once a finished .md file exists in `dir`; tolerates files that vanish mid-listing (the
/// batch renames its temp files while this polls).
bool has_markdown_file(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".md" && it->path().filename().string().front() != '.') {
      return true;
    }
  }
  return false;
}

bool has_temp_files(const fs::path& root) {
  for (const auto& [name, contents] : tree(root)) {
    if (name.find(".tmp-") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a folder converts into -o DIR, one file per page named by slug", "[batch]") {
  Scratch s;
  make_pages(s, 10);
  const CliRun run = run_clipdown("pages -o out", s.dir);
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err.find("clipdown: 10 converted, 0 skipped, 0 failed in ") == 0);
  const auto files = tree(s.dir / "out");
  CHECK(files.size() == 10);
  // Collisions are suffixed in input order: page-03, page-05, page-08 share a title.
  CHECK(files.count("same-title.md") == 1);
  CHECK(files.count("same-title-2.md") == 1);
  CHECK(files.count("same-title-3.md") == 1);
  CHECK(files.at("same-title.md") == run_clipdown("pages/page-03.html", s.dir).out);
  CHECK(files.at("same-title-2.md") == run_clipdown("pages/page-05.html", s.dir).out);
  CHECK(files.at("page-number-0.md") == run_clipdown("pages/page-00.html", s.dir).out);
  CHECK_FALSE(has_temp_files(s.dir / "out"));
}

TEST_CASE("a second run keeps existing files and says so; --force replaces them", "[batch]") {
  Scratch s;
  make_pages(s, 6);
  REQUIRE(run_clipdown("pages -o out/", s.dir).status == 0);
  const auto first = tree(s.dir / "out");
  s.write("out/page-number-0.md", "edited by hand\n");
  const CliRun again = run_clipdown("pages -o out/", s.dir);
  CHECK(again.status == 0);
  CHECK(again.err.find("clipdown: 0 converted, 6 skipped, 0 failed in ") != std::string::npos);
  CHECK(again.err.find("clipdown: pages/page-00.html: skipped: out/page-number-0.md exists "
                       "(use --force)\n") != std::string::npos);
  CHECK(slurp(s.dir / "out/page-number-0.md") == "edited by hand\n");
  const CliRun forced = run_clipdown("pages -o out/ --force", s.dir);
  CHECK(forced.status == 0);
  CHECK(forced.err.find("clipdown: 6 converted, 0 skipped, 0 failed in ") != std::string::npos);
  CHECK(tree(s.dir / "out") == first);
}

TEST_CASE("option --jobs 1 and --jobs 2 give byte-identical output", "[batch]") {
  Scratch s;
  make_pages(s, 30);
  s.write("pages/page-15.html", "");  // a failure in the middle
  const CliRun one = run_clipdown("pages -o one --jobs 1", s.dir);
  const CliRun two = run_clipdown("pages -o two --jobs 2", s.dir);
  const CliRun many = run_clipdown("pages -o many --jobs 8", s.dir);
  CHECK(one.status == 1);
  CHECK(two.status == 1);
  const auto files = tree(s.dir / "one");
  CHECK(files.size() == 29);
  CHECK(tree(s.dir / "two") == files);
  CHECK(tree(s.dir / "many") == files);
  // stdout and stderr are identical too (bar the timing).
  auto strip_time = [](std::string err) { return err.substr(0, err.rfind(" in ")); };
  CHECK(strip_time(one.err) == strip_time(two.err));
  const CliRun out_one = run_clipdown("pages/*.html --jobs 1", s.dir);
  const CliRun out_two = run_clipdown("pages/*.html --jobs 2", s.dir);
  CHECK(out_one.out == out_two.out);
  CHECK(out_one.out.size() > 29 * 100);
}

TEST_CASE("a failing input in the middle of a batch does not stop the rest", "[batch]") {
  Scratch s;
  make_pages(s, 5);
  s.write("pages/page-02.html", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const CliRun run = run_clipdown("pages -o out --jobs 2", s.dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("clipdown: pages/page-02.html: ") != std::string::npos);
  CHECK(run.err.find("clipdown: 4 converted, 0 skipped, 1 failed in ") != std::string::npos);
  CHECK(tree(s.dir / "out").size() == 4);
}

TEST_CASE("option --name templates make subfolders and use every field", "[batch]") {
  Scratch s;
  make_pages(s, 3);
  s.write("undated.html", article_page("No date here", "nothing"));
  const CliRun run =
      run_clipdown("pages undated.html -o site --name '_posts/{date}-{slug}' --verbose", s.dir);
  CHECK(run.status == 0);
  const auto files = tree(s.dir / "site");
  CHECK(files.count("_posts/2023-01-10-page-number-0.md") == 1);
  CHECK(files.count("_posts/2023-02-11-page-number-1.md") == 1);
  CHECK(files.count("_posts/undated-no-date-here.md") == 1);
  CHECK(run.err.find("clipdown: undated.html -> site/_posts/undated-no-date-here.md\n") !=
        std::string::npos);
  const CliRun stems = run_clipdown("pages -o stems --name '{stem}-{hash}.md'", s.dir);
  CHECK(stems.status == 0);
  const auto stem_files = tree(s.dir / "stems");
  REQUIRE(stem_files.size() == 3);
  CHECK(stem_files.begin()->first.rfind("page-00-", 0) == 0);
  CHECK(stem_files.begin()->first.size() == std::string("page-00-0123456789.md").size());
}

TEST_CASE("hostile titles give safe unique files inside -o DIR", "[batch]") {
  Scratch s;
  const std::vector<std::string> titles = {
      "../../etc/passwd",
      "/etc/passwd",
      "CON",
      "nul",
      std::string(300, 'L'),
      "Emoji \xf0\x9f\x8e\x89\xf0\x9f\x94\xa5",
      "\xf0\x9f\x8e\x89",
      "abc\u202Etxt.exe",
      "\u200Fright to left",
      "first line&#10;second line",
      "..",
      ".bashrc",
      "C:\\Windows\\win.ini",
  };
  for (std::size_t i = 0; i < titles.size(); ++i) {
    s.write(fmt::format("in/p{:02}.html", i), article_page(titles[i], "hostility"));
  }
  for (const char* name_template : {"{slug}", "{title}"}) {
    const std::string out = std::string("out-") + (name_template[1] == 's' ? "slug" : "title");
    const CliRun run = run_clipdown(fmt::format("in -o {} --name '{}'", out, name_template), s.dir);
    CHECK(run.status == 0);
    const auto files = tree(s.dir / out);
    CHECK(files.size() == titles.size());
    std::set<std::string> lowered;
    for (const auto& [name, contents] : files) {
      INFO(name);
      CHECK(name.find("..") == std::string::npos);
      CHECK(name.find_first_of("\\:*?\"<>|\n\r") == std::string::npos);
      CHECK(name.find("\u202E") == std::string::npos);
      CHECK(name.find("\u200F") == std::string::npos);
      CHECK(name.front() != '.');
      CHECK(name.size() <= 210);
      std::string key = name;
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      CHECK(lowered.insert(key).second);
    }
    CHECK_FALSE(fs::exists(s.dir / "etc"));
    CHECK(files.count(name_template[1] == 's' ? "con_.md" : "CON_.md") == 1);
  }
}

TEST_CASE("option --quiet hides the summary and warnings; stderr never gets a progress line",
          "[batch]") {
  Scratch s;
  make_pages(s, 4);
  s.write("pages/empty.txt", "");
  const CliRun quiet = run_clipdown("pages -o out --quiet", s.dir);
  CHECK(quiet.status == 1);
  CHECK(quiet.err == "clipdown: pages/empty.txt: empty input\n");
  const CliRun again = run_clipdown("pages -o out", s.dir);
  CHECK(again.err.find('\r') == std::string::npos);
  CHECK(again.err.find("pages/s") == std::string::npos);
}

TEST_CASE("an @list and stdin lists feed a batch", "[batch]") {
  Scratch s;
  make_pages(s, 3);
  s.write("list.txt", "# three pages\npages/page-02.html\n\npages/page-00.html\n");
  const CliRun listed = run_clipdown("@list.txt -o out", s.dir);
  CHECK(listed.status == 0);
  CHECK(tree(s.dir / "out").size() == 2);
  const CliRun piped = run_clipdown("@- -o piped < list.txt", s.dir);
  CHECK(piped.status == 0);
  CHECK(tree(s.dir / "piped") == tree(s.dir / "out"));
  const CliRun from_stdin = run_clipdown("-o one/ < pages/page-01.html", s.dir);
  CHECK(from_stdin.status == 0);
  CHECK(tree(s.dir / "one").count("page-number-1.md") == 1);
}

TEST_CASE("SIGTERM stops a batch cleanly: summary, status 143, no partial files", "[batch]") {
  Scratch s;
  make_pages(s, 400);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string out = (s.dir / "out").string();
    const std::string pages = (s.dir / "pages").string();
    const std::string err = (s.dir / "stderr.txt").string();
    std::freopen(err.c_str(), "w", stderr);  // NOLINT(cert-err33-c): child of a test
    ::execl(CLIPDOWN_BINARY, "clipdown", pages.c_str(), "-o", out.c_str(), "--jobs", "1",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait for the first file, then stop the batch.
  for (int i = 0; i < 400 && !has_markdown_file(s.dir / "out"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ::kill(pid, SIGTERM);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 143);
  const std::string err = slurp(s.dir / "stderr.txt");
  CHECK(err.find("clipdown: interrupted: ") != std::string::npos);
  const auto files = tree(s.dir / "out");
  CHECK_FALSE(files.empty());
  CHECK(files.size() < 400);
  CHECK_FALSE(has_temp_files(s.dir / "out"));
  for (const auto& [name, contents] : files) {
    INFO(name);
    CHECK(contents.find("because articles have words.\n") != std::string::npos);
  }
}

TEST_CASE("an output folder inside the input folder is not converted again", "[batch]") {
  Scratch s;
  make_pages(s, 3);
  REQUIRE(run_clipdown("pages -o pages/out --include '*.html' --include '*.md'", s.dir).status ==
          0);
  const CliRun again =
      run_clipdown("pages -o pages/out --include '*.html' --include '*.md'", s.dir);
  CHECK(again.status == 0);
  CHECK(again.err.find("clipdown: 0 converted, 3 skipped, 0 failed in ") != std::string::npos);
  CHECK(tree(s.dir / "pages" / "out").size() == 3);
}
