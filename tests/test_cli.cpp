// The command line, through the real binary: exit statuses, error lines, stdin, -o FILE.
// Batch behaviour (-o DIR, --jobs, summaries) is in test_batch.cpp.

#include <algorithm>
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
#include "support/cli_run.hpp"

namespace fs = std::filesystem;

namespace {

using clipdown::test::Scratch;
using clipdown::test::slurp;
using Run = clipdown::test::CliRun;

Run run_clipdown(const std::string& args, const fs::path& dir) {
  return clipdown::test::run_clipdown(args, dir);
}

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
  s.write("binary.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  s.write("bad-utf8.txt", "Caf\xe9 au lait is a drink.\n\nIt is served \xff\xfe hot.\n");
  // Several inputs and -o: one file per input in the folder "out".
  const Run run = run_clipdown("empty.txt good.html binary.bin bad-utf8.txt -o out", s.dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("clipdown: empty.txt: empty input\n") != std::string::npos);
  CHECK(run.err.find("clipdown: binary.bin: ") != std::string::npos);
  CHECK(run.err.find("clipdown: 2 converted, 0 skipped, 2 failed in ") != std::string::npos);
  const std::string out = slurp(s.dir / "out" / "a-title.md");
  CHECK(out.find("title: A title") != std::string::npos);
  CHECK(out.find("The second paragraph") != std::string::npos);
  // Invalid UTF-8 in text is repaired with a warning, not passed through.
  const auto files = clipdown::test::tree(s.dir / "out");
  REQUIRE(files.size() == 2);
  const bool repaired = std::any_of(files.begin(), files.end(), [](const auto& file) {
    return file.second.find("served \xef\xbf\xbd") != std::string::npos;
  });
  CHECK(repaired);
  CHECK(run.err.find("bad-utf8.txt: warning:") != std::string::npos);
}

TEST_CASE("several inputs without -o are written one after another on stdout", "[cli]") {
  Scratch s;
  s.write("a.html", clipdown::test::article_page("First page", "apples"));
  s.write("b.html", clipdown::test::article_page("Second page", "bananas"));
  s.write("empty.txt", "");
  const Run both = run_clipdown("a.html empty.txt b.html", s.dir);
  CHECK(both.status == 1);
  // A blank line keeps the documents apart: the next "---" never underlines the last line.
  CHECK(both.out == run_clipdown("a.html", s.dir).out + "\n" + run_clipdown("b.html", s.dir).out);
  CHECK(both.err.find("clipdown: empty.txt: empty input\n") != std::string::npos);
  CHECK(both.err.find("clipdown: 2 converted, 0 skipped, 1 failed in ") != std::string::npos);
}

TEST_CASE("a folder without -o is a usage error that names the fix", "[cli]") {
  Scratch s;
  s.write("folder/a.html", kArticle);
  s.write("page.html", kArticle);
  const Run run = run_clipdown("folder page.html", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err.find("clipdown: folder: is a directory; use -o DIR to convert a folder\n") !=
        std::string::npos);
  // The other input is still converted.
  CHECK(run.out == run_clipdown("page.html", s.dir).out);
}

TEST_CASE("a missing file among others exits 2 and the rest are converted", "[cli]") {
  Scratch s;
  s.write("page.html", kArticle);
  const Run run = run_clipdown("page.html missing.html -o out", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err.find("clipdown: missing.html: no such file\n") != std::string::npos);
  CHECK(fs::exists(s.dir / "out" / "a-title.md"));
}

TEST_CASE("a bad --jobs or --name is a usage error", "[cli]") {
  Scratch s;
  s.write("page.html", kArticle);
  CHECK(run_clipdown("--jobs 0 page.html", s.dir).status == 2);
  CHECK(run_clipdown("--jobs x page.html", s.dir).status == 2);
  const Run bad_name = run_clipdown("--name '{nope}' page.html -o out/", s.dir);
  CHECK(bad_name.status == 2);
  CHECK(bad_name.err.find("unknown field '{nope}'") != std::string::npos);
}

TEST_CASE("an -o path that is a file cannot take several inputs", "[cli]") {
  Scratch s;
  s.write("a.html", kArticle);
  s.write("b.html", kArticle);
  s.write("taken.md", "keep me");
  const Run run = run_clipdown("a.html b.html -o taken.md", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err.find("taken.md: not a directory") != std::string::npos);
  CHECK(slurp(s.dir / "taken.md") == "keep me");
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

TEST_CASE("the --from flag names a text scrape's syntax as well as the input kind", "[cli]") {
  const auto parse = [](std::vector<const char*> args) {
    args.insert(args.begin(), "clipdown");
    return clipdown::cli::parse_command_line(static_cast<int>(args.size()), args.data());
  };
  using clipdown::InputKind;
  using clipdown::TextSyntax;
  const auto lynx = parse({"--from", "lynx", "page.txt"});
  CHECK(lynx.options.decode.kind == InputKind::text);
  CHECK(lynx.options.tokenize.text_syntax == TextSyntax::lynx);
  const auto markdown = parse({"--from", "Markdown", "page.txt"});
  CHECK(markdown.options.tokenize.text_syntax == TextSyntax::markdown);
  CHECK(parse({"--from", "plain", "a"}).options.tokenize.text_syntax == TextSyntax::plain);
  CHECK(parse({"--from", "w3m", "a"}).options.tokenize.text_syntax == TextSyntax::w3m);
  const auto html = parse({"--from", "html", "a"});
  CHECK(html.options.decode.kind == InputKind::html);
  CHECK(html.options.tokenize.text_syntax == TextSyntax::automatic);
  CHECK(parse({"a"}).options.decode.kind == InputKind::automatic);

  Scratch s;
  const Run bad = run_clipdown("--from lynks page.txt", s.dir);
  CHECK(bad.status == 2);
  CHECK(bad.err.find("lynx") != std::string::npos);  // the accepted values are listed
}

TEST_CASE("the --from plain flag keeps a scrape's Markdown-looking text as text", "[cli]") {
  Scratch s;
  std::ofstream(s.dir / "note.txt")
      << "# Notes from the council meeting\n\nThe council met on *Tuesday* and [approved](x) "
         "the budget after a long debate about the cost of public transport.\n";
  const Run plain = run_clipdown("--from plain note.txt", s.dir);
  CHECK(plain.out.find("\\*Tuesday\\*") != std::string::npos);
  const Run markdown = run_clipdown("--from markdown note.txt", s.dir);
  CHECK(markdown.out.find("*Tuesday*") != std::string::npos);
  CHECK(markdown.out.find("\\*") == std::string::npos);
}

TEST_CASE("several inputs to a path ending in .md are refused, never made a folder", "[cli]") {
  Scratch s;
  s.write("a.html", kArticle);
  s.write("b.html", kArticle);
  const Run run = run_clipdown("a.html b.html -o two.md", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err.find("clipdown: two.md: several inputs cannot go to one file; use -o DIR/") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(s.dir / "two.md"));
  // A trailing slash says folder.
  CHECK(run_clipdown("a.html b.html -o two.md/", s.dir).status == 0);
  CHECK(fs::is_directory(s.dir / "two.md"));
}

TEST_CASE("an output file path has its folders created", "[cli]") {
  Scratch s;
  s.write("a.html", kArticle);
  const Run run = run_clipdown("a.html -o notes/2024/a.md", s.dir);
  CHECK(run.status == 0);
  CHECK(slurp(s.dir / "notes/2024/a.md") == run_clipdown("a.html", s.dir).out);
}

TEST_CASE("a web address as input says that clipdown does not fetch, and how to", "[cli]") {
  Scratch s;
  const Run run = run_clipdown("https://example.com/a", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err ==
        "clipdown: https://example.com/a: no such file (clipdown does not fetch pages; save it "
        "first, e.g. curl -sL 'https://example.com/a' | clipdown --url 'https://example.com/a')\n");
}

TEST_CASE("flags that make no sense with the others are usage errors", "[cli]") {
  Scratch s;
  s.write("a.html", kArticle);
  struct Case {
    const char* args;
    const char* error;
  };
  const std::array<Case, 2> cases = {{
      // input paths with --jsonl were ignored while stdin was read
      {"--jsonl a.html", "clipdown: --jsonl reads records from stdin, not from inputs"},
      // a --url without a scheme resolved links as paths under it
      {"--url example.com/a a.html",
       "clipdown: --url example.com/a: not an absolute address (write https://example.com/a)\n"},
  }};
  for (const Case& c : cases) {
    INFO(c.args);
    const Run run = run_clipdown(c.args, s.dir);
    CHECK(run.status == 2);
    CHECK(run.err.starts_with(c.error));
    CHECK(run.out.empty());
  }
}

TEST_CASE("a --name or --force without -o DIR is named as ignored", "[cli]") {
  Scratch s;
  s.write("a.html", kArticle);
  const Run run = run_clipdown("--name {stem} --force a.html", s.dir);
  CHECK(run.status == 0);
  CHECK(run.err.find("clipdown: warning: --name applies only with -o DIR; ignored\n") !=
        std::string::npos);
  CHECK(run.err.find("clipdown: warning: --force applies only with -o DIR; ignored\n") !=
        std::string::npos);
  CHECK(run.out == run_clipdown("a.html", s.dir).out);
}

TEST_CASE("a mistyped option is named with the closest one", "[cli]") {
  Scratch s;
  const Run run = run_clipdown("--fromm html", s.dir);
  CHECK(run.status == 2);
  CHECK(run.err.starts_with("clipdown: "));
  CHECK(run.err.find("(did you mean --from?)") != std::string::npos);
}

TEST_CASE("inputs without article text are counted apart and give exit status 3", "[cli]") {
  Scratch s;
  s.write("a.html", kArticle);
  s.write("menu.html", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>");
  const Run batch = run_clipdown("a.html menu.html -o out/", s.dir);
  CHECK(batch.status == 3);
  CHECK(batch.err.find("clipdown: 2 converted (1 without article text: menu.html), 0 skipped, "
                       "0 failed in ") != std::string::npos);
  CHECK(run_clipdown("menu.html", s.dir).status == 3);
  CHECK(run_clipdown("a.html", s.dir).status == 0);
}

TEST_CASE("a rerun names the first few skipped inputs and counts the rest", "[cli]") {
  Scratch s;
  std::string inputs;
  for (int i = 0; i < 8; ++i) {
    const std::string name = "p" + std::to_string(i) + ".html";
    s.write(name, clipdown::test::article_page("Page " + std::to_string(i), "apples"));
    inputs += name + " ";
  }
  REQUIRE(run_clipdown(inputs + "-o out/ --name {stem}", s.dir).status == 0);
  const Run rerun = run_clipdown(inputs + "-o out/ --name {stem}", s.dir);
  CHECK(rerun.status == 0);
  std::size_t named = 0;
  for (std::size_t at = rerun.err.find(": skipped: "); at != std::string::npos;
       at = rerun.err.find(": skipped: ", at + 1)) {
    ++named;
  }
  CHECK(named == 5);
  CHECK(rerun.err.find("clipdown: more inputs skipped as their outputs exist") !=
        std::string::npos);
  CHECK(rerun.err.find("clipdown: 0 converted, 8 skipped, 0 failed in ") != std::string::npos);
  CHECK(run_clipdown(inputs + "-o out/ --name {stem} -v", s.dir).err.find("p7.html: skipped") !=
        std::string::npos);
}

TEST_CASE("print writes only the fields asked for, one line each, for shell scripts", "[cli]") {
  Scratch s;
  s.write("a.html", clipdown::test::article_page("First page", "apples"));
  s.write("b.html", clipdown::test::article_page("Second page", "bananas"));
  const Run run = run_clipdown("--print title --print TYPE --print author a.html b.html", s.dir);
  CHECK(run.status == 0);
  // one line per field and input, an unknown value an empty line; no blank line between inputs
  CHECK(run.out == "First page\narticle\n\nSecond page\narticle\n\n");
  CHECK(run_clipdown("--print colour a.html", s.dir).status == 2);
  const Run to_file = run_clipdown("--print title a.html -o out.txt", s.dir);
  CHECK(to_file.status == 2);
  CHECK(to_file.err.find("--print writes its lines to standard output") != std::string::npos);
}

TEST_CASE("links into a saved page's _files folder stay local and work from the output", "[cli]") {
  // A browser's "Save page complete": "My Page.html" and "My Page_files/" beside it. The page
  // names its address, so other relative links resolve against it; links into the folder are
  // files and must lead to it from wherever the Markdown is written.
  Scratch s;
  s.write("saved/My Page.html",
          "<html><head><title>Saved page</title><link rel=\"canonical\" "
          "href=\"https://example.org/posts/saved-page\"></head><body><article><h1>Saved "
          "page</h1><p>The first paragraph of the article says something useful, at length, "
          "with commas and words.</p><img src=\"./My%20Page_files/photo.jpg\" alt=\"A photo\">"
          "<p>See <a href=\"My Page_files/notes.pdf\">the notes</a> and <a "
          "href=\"other.html\">another page</a>.</p></article></body></html>");
  s.write("saved/My Page_files/photo.jpg", "jpeg");
  const Run to_stdout = run_clipdown("'saved/My Page.html'", s.dir);
  CHECK(to_stdout.out.find("![A photo](saved/My%20Page_files/photo.jpg)") != std::string::npos);
  CHECK(to_stdout.out.find("[the notes](saved/My%20Page_files/notes.pdf)") != std::string::npos);
  CHECK(to_stdout.out.find("[another page](https://example.org/posts/other.html)") !=
        std::string::npos);
  // -o DIR with a template that adds a folder: two levels up, then into saved/
  REQUIRE(run_clipdown("'saved/My Page.html' -o notes/ --name {year}/{slug}", s.dir).status == 0);
  const std::string filed = slurp(s.dir / "notes/undated/saved-page.md");
  CHECK(filed.find("![A photo](../../saved/My%20Page_files/photo.jpg)") != std::string::npos);
  CHECK(fs::exists(s.dir / "notes/undated" / "../../saved/My Page_files/photo.jpg"));
  // without the folder, the same link resolves against the page's address as before
  fs::remove_all(s.dir / "saved/My Page_files");
  CHECK(run_clipdown("'saved/My Page.html'", s.dir)
            .out.find("![A photo](https://example.org/posts/My%20Page_files/photo.jpg)") !=
        std::string::npos);
}
