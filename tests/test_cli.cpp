// The command line, through the real binary: exit statuses, error lines, stdin, -o FILE.

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs the clipdown binary with `args` (a shell-quoted string) in a scratch folder.
Run run_clipdown(const std::string& args, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt";
  const fs::path err = dir / "stderr.txt";
  const std::string command = "cd '" + dir.string() + "' && '" CLIPDOWN_BINARY "' " + args + " >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());  // NOLINT(cert-env33-c): test driver
  Run run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

/// A fresh scratch folder per test case.
struct Scratch {
  fs::path dir;
  Scratch() {
    dir = fs::temp_directory_path() /
          ("clipdown-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& contents) const {
    std::ofstream(dir / name, std::ios::binary) << contents;
  }
  static int& counter() {
    static int value = 0;
    return value;
  }
};

const std::string kArticle =
    "<html><head><title>A title</title></head><body><article><h1>A title</h1>"
    "<p>The first paragraph of the article says something useful, at length, with commas.</p>"
    "<p>The second paragraph goes on with more words, because articles have words.</p>"
    "</article></body></html>";

}  // namespace

TEST_CASE("the help flag prints usage and exits 0", "[cli]") {
  Scratch s;
  const Run run = run_clipdown("--help", s.dir);
  CHECK(run.status == 0);
  CHECK(run.out.find("Usage") != std::string::npos);
  CHECK(run.out.find("--front-matter") != std::string::npos);
}

TEST_CASE("the version flag prints the project version", "[cli]") {
  Scratch s;
  const Run run = run_clipdown("--version", s.dir);
  CHECK(run.status == 0);
  CHECK(run.out == std::string(CLIPDOWN_VERSION) + "\n");
}

TEST_CASE("a bad flag is a usage error with exit status 2", "[cli]") {
  Scratch s;
  const Run run = run_clipdown("--no-such-flag", s.dir);
  CHECK(run.status == 2);
  CHECK_FALSE(run.err.empty());
}

TEST_CASE("a missing file is named on stderr with exit status 2", "[cli]") {
  Scratch s;
  const Run run = run_clipdown("missing.html", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err == "clipdown: missing.html: no such file\n");
  CHECK(run.out.empty());
}

TEST_CASE("bad inputs get one line each and the good ones are still converted", "[cli]") {
  Scratch s;
  s.write("good.html", kArticle);
  s.write("empty.txt", "");
  s.write("binary.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 24));
  s.write("bad-utf8.txt", "Caf\xe9 au lait is a drink.\n\nIt is served \xff\xfe hot.\n");
  fs::create_directories(s.dir / "folder");
  const Run run =
      run_clipdown("empty.txt good.html folder binary.bin bad-utf8.txt -o out.md", s.dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("clipdown: empty.txt: empty input\n") != std::string::npos);
  CHECK(run.err.find("clipdown: folder: is a directory\n") != std::string::npos);
  CHECK(run.err.find("clipdown: binary.bin: ") != std::string::npos);
  const std::string out = slurp(s.dir / "out.md");
  CHECK(out.find("title: A title") != std::string::npos);
  CHECK(out.find("The second paragraph") != std::string::npos);
  // Invalid UTF-8 in text is repaired with a warning, not passed through.
  CHECK(out.find("served \xef\xbf\xbd") != std::string::npos);
  CHECK(run.err.find("bad-utf8.txt: warning:") != std::string::npos);
}

TEST_CASE("stdin is read when no file or '-' is given", "[cli]") {
  Scratch s;
  s.write("page.html", kArticle);
  const Run piped = run_clipdown("< page.html", s.dir);
  const Run dash = run_clipdown("- < page.html", s.dir);
  const Run named = run_clipdown("page.html", s.dir);
  CHECK(piped.status == 0);
  CHECK(piped.out == named.out);
  CHECK(dash.out == named.out);
}

TEST_CASE("an output file gets the whole output and stdout nothing", "[cli]") {
  Scratch s;
  s.write("page.html", kArticle);
  const Run run = run_clipdown("page.html -o result.md", s.dir);
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(slurp(s.dir / "result.md") == run_clipdown("page.html", s.dir).out);
}

TEST_CASE("parse_command_line maps flags onto pipeline options", "[cli]") {
  const std::array<const char*, 7> argv = {"clipdown", "--front-matter",        "toml",
                                           "--url",    "https://example.com/a", "--no-extract",
                                           "x.html"};
  const auto cli = clipdown::cli::parse_command_line(static_cast<int>(argv.size()), argv.data());
  CHECK(cli.options.markdown.front_matter == clipdown::FrontMatter::toml);
  CHECK(cli.options.tokenize.base_url == "https://example.com/a");
  CHECK_FALSE(cli.options.extract.main_content);
  CHECK(cli.inputs == std::vector<std::string>{"x.html"});
}
