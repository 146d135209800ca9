// --jsonl: one record out per record in, in order, whatever the job count or the input split.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/jsonl.hpp"

using clipdown::cli::CliOptions;
using clipdown::cli::ExitCode;
using Json = nlohmann::ordered_json;

namespace {

struct Output {
  ExitCode status = ExitCode::ok;
  std::string text;  ///< stdout
  std::string err;   ///< stderr
};

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

/// Runs the --jsonl loop in-process over `input`.
Output run(const std::string& input, unsigned jobs, CliOptions cli = {}) {
  cli.jobs = jobs;
  const FilePtr in(std::tmpfile());
  const FilePtr out(std::tmpfile());
  const FilePtr err(std::tmpfile());
  REQUIRE(in);
  REQUIRE(out);
  REQUIRE(err);
  std::fwrite(input.data(), 1, input.size(), in.get());
  std::rewind(in.get());
  Output result;
  result.status = clipdown::cli::run_jsonl(in.get(), out.get(), err.get(), cli);
  const auto read_all = [](std::FILE* f) {
    std::rewind(f);
    std::string text;
    std::vector<char> buffer(1 << 16);
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) text.append(buffer.data(), n);
    return text;
  };
  result.text = read_all(out.get());
  result.err = read_all(err.get());
  return result;
}

std::vector<Json> records(const std::string& text) {
  std::vector<Json> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out.push_back(Json::parse(line));
  return out;
}

std::string article(int n) {
  return "<html><head><title>Article " + std::to_string(n) +
         "</title><meta name=\"author\" content=\"Jane Roe\"></head><body><article><h1>Article " +
         std::to_string(n) + "</h1><p>Paragraph one of article " + std::to_string(n) +
         " has enough words to be kept as the body of the page, clearly.</p><p>Paragraph two "
         "adds more words, with a <a href=\"/rel\">relative link</a> in it.</p></article></body>"
         "</html>";
}

/// A mixed input: good records, invalid lines, blank lines, error records.
std::string mixed_input(int count) {
  std::string input;
  for (int i = 0; i < count; ++i) {
    Json record;
    record["id"] = i;
    switch (i % 5) {
      case 0:
        record["url"] = "https://example.com/a/" + std::to_string(i);
        record["html"] = article(i);
        input += record.dump() + "\n";
        break;
      case 1:
        record["text"] = "Article " + std::to_string(i) +
                         "\n\nA text scrape paragraph that is long enough to be the body.\n";
        input += record.dump() + "\n";
        break;
      case 2:
        input += "{not json\n";
        break;
      case 3:
        input += "\n";
        break;
      default:
        record["url"] = "https://example.com/none";
        input += record.dump() + "\r\n";
        break;
    }
  }
  return input;
}

}  // namespace

TEST_CASE("jsonl writes one record per input line, in order, with ids", "[jsonl]") {
  Json a;
  a["id"] = "first";
  a["url"] = "https://example.com/news/1";
  a["html"] = article(1);
  Json b;
  b["id"] = 2;
  b["text"] = "Article 2\n\nBy Jane Doe\n\nThe body of a text scrape that is long enough to keep.";
  const Output out = run(a.dump() + "\n\n" + b.dump(), 2);
  CHECK(out.status == ExitCode::ok);
  const auto list = records(out.text);
  REQUIRE(list.size() == 2);
  std::vector<std::string> keys;
  for (const auto& item : list[0].items()) keys.push_back(item.key());
  // the keys of --format json, between the id and the error
  CHECK(keys == std::vector<std::string>{"id", "url", "title", "author", "date", "updated",
                                         "source", "description", "image", "lang", "tags", "type",
                                         "markdown", "error"});
  CHECK(list[0]["id"] == "first");
  CHECK(list[0]["type"] == "article");
  CHECK(list[0]["url"] == "https://example.com/news/1");
  CHECK(list[0]["title"] == "Article 1");
  CHECK(list[0]["author"] == Json::array({"Jane Roe"}));
  CHECK(list[0]["error"].is_null());
  // The base URL resolves relative links; the markdown is the body (metadata is in the record).
  const std::string markdown = list[0]["markdown"];
  CHECK(markdown.find("(https://example.com/rel)") != std::string::npos);
  CHECK(markdown.find("---") == std::string::npos);
  CHECK(list[1]["id"] == 2);
  CHECK(list[1]["author"] == Json::array({"Jane Doe"}));
  CHECK(list[1]["error"].is_null());
}

TEST_CASE("jsonl turns bad lines into error records and goes on", "[jsonl]") {
  const std::string input =
      "{oops\n"
      "[1, 2]\n"
      "{\"id\": 7, \"url\": \"https://e.com/x\"}\n"
      "{\"id\": 8, \"html\": 42}\n"
      "{\"id\": 9, \"url\": 5, \"html\": \"<p>x</p>\"}\n"
      "{\"id\": 10, \"path\": \"/nonexistent/page.html\"}\n"
      "{\"id\": 11, \"path\": \"-\"}\n"
      "{\"id\": 12, \"text\": \"Fine\\n\\nA paragraph that is long enough to be an article "
      "body.\"}\n";
  const Output out = run(input, 3);
  CHECK(out.status == ExitCode::failed);
  const auto list = records(out.text);
  REQUIRE(list.size() == 8);
  CHECK(std::string(list[0]["error"]).starts_with("invalid JSON: "));
  CHECK_FALSE(list[0].contains("id"));
  CHECK(list[0]["markdown"].is_null());
  CHECK(list[0]["author"] == Json::array());
  CHECK(list[1]["error"] == "the record is not a JSON object");
  CHECK(list[2]["id"] == 7);
  CHECK(list[2]["url"] == "https://e.com/x");
  CHECK(std::string(list[2]["error"]).find("no \"html\", \"text\" or \"path\"") !=
        std::string::npos);
  CHECK(list[3]["error"] == "\"html\" is not a string");
  CHECK(list[4]["error"] == "\"url\" is not a string");
  CHECK(std::string(list[5]["error"]).find("--jsonl-paths DIR") != std::string::npos);
  CHECK(list[6]["error"] == "\"path\" must name a file");
  CHECK(list[7]["error"].is_null());
  CHECK(list[7]["id"] == 12);
  // every error is named on stderr with its input line
  CHECK(out.err.find("clipdown: <stdin>:1: error: invalid JSON: ") != std::string::npos);
  CHECK(out.err.find("clipdown: <stdin>:7: error: \"path\" must name a file\n") !=
        std::string::npos);
}

TEST_CASE("jsonl refuses a number too large for a double as bad input, not an internal error",
          "[jsonl]") {
  // Found by fuzz_jsonl: nlohmann-json throws out_of_range (not parse_error) for 1E400.
  const std::string input =
      "1E400\n"
      "{\"id\": 2, \"x\": 1E400, \"html\": \"<p>x</p>\"}\n"
      "{\"id\": 3, \"html\": \"<p>Fine.</p>\"}\n";
  const Output out = run(input, 1);
  CHECK(out.status == ExitCode::failed);
  const auto list = records(out.text);
  REQUIRE(list.size() == 3);
  CHECK(list[0]["error"] == "invalid JSON: number overflow parsing '1E400'");
  CHECK(list[1]["error"] == "invalid JSON: number overflow parsing '1E400'");
  CHECK(list[2]["markdown"] == "Fine.\n");
}

TEST_CASE("jsonl refuses a deeply nested record and keeps the stream going", "[jsonl]") {
  // Issue 11 item 1: 100 000 nested arrays crashed the whole stream (a recursive copy on a
  // worker thread) and lost the records before it.
  constexpr int kDepth = 100000;
  const std::string deep_array = std::string(kDepth, '[') + std::string(kDepth, ']');
  std::string deep_object;
  for (int i = 0; i < kDepth; ++i) deep_object += "{\"a\":";
  deep_object += "1" + std::string(kDepth, '}');
  const std::string input =
      "{\"id\": 1, \"html\": \"<p>First.</p>\"}\n"
      "{\"id\": 2, \"x\": " +
      deep_array +
      ", \"html\": \"<p>x</p>\"}\n"
      "{\"id\": 3, \"y\": " +
      deep_object + "}\n" + deep_array +
      "\n"
      "{\"id\": 5, \"html\": \"<p>Last.</p>\"}\n";
  for (const unsigned jobs : {1U, 2U}) {
    const Output out = run(input, jobs);
    CHECK(out.status == ExitCode::failed);
    const auto list = records(out.text);
    REQUIRE(list.size() == 5);
    CHECK(list[0]["error"].is_null());
    CHECK(list[0]["markdown"] == "First.\n");
    CHECK(list[1]["id"] == 2);
    CHECK(list[1]["error"] == "the record nests arrays or objects deeper than 100 levels");
    CHECK(list[2]["id"] == 3);
    CHECK(list[2]["error"] == "the record nests arrays or objects deeper than 100 levels");
    CHECK_FALSE(list[3].contains("id"));
    CHECK(std::string(list[3]["error"]).find("deeper than 100 levels") != std::string::npos);
    CHECK(list[4]["markdown"] == "Last.\n");
  }
  // Nesting up to the limit is fine.
  const std::string ok =
      "{\"id\": " + std::string(99, '[') + std::string(99, ']') + ", \"html\": \"<p>Fine.</p>\"}\n";
  const auto list = records(run(ok, 1).text);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["error"].is_null());
}

TEST_CASE("jsonl reads pages from paths only under --jsonl-paths", "[jsonl]") {
  // Issue 11 item 8: {"path": ...} read any local file (/proc/self/environ, ~/.ssh/...) into
  // the output stream; now only regular files under an explicit --jsonl-paths DIR.
  namespace fs = std::filesystem;
  const fs::path base =
      fs::canonical(fs::temp_directory_path()) / ("clipdown-jsonl-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "pages");
  std::ofstream(base / "pages" / "a.html", std::ios::binary) << article(3);
  std::ofstream(base / "secret.html", std::ios::binary) << article(4);
  fs::create_symlink(base / "secret.html", base / "pages" / "link.html");
  const auto record = [](const fs::path& path) {
    Json in;
    in["path"] = path.string();
    return in.dump() + "\n";
  };
  const std::string input = record(base / "pages" / "a.html") + record(base / "secret.html") +
                            record(base / "pages" / "link.html") +
                            record(base / "pages" / ".." / "secret.html") +
                            record(base / "pages" / "missing.html") + record(base / "pages");
  const Output off = run(input, 1);
  const auto refused = records(off.text);
  REQUIRE(refused.size() == 6);
  for (const auto& r : refused) {
    CHECK(std::string(r["error"]).find("\"path\" records are off") != std::string::npos);
    CHECK(r["markdown"].is_null());
  }
  CliOptions cli;
  cli.jsonl_paths = (base / "pages").string();
  const Output on = run(input, 2, cli);
  fs::remove_all(base);
  CHECK(on.status == ExitCode::failed);
  const auto list = records(on.text);
  REQUIRE(list.size() == 6);
  CHECK(list[0]["title"] == "Article 3");
  CHECK(list[0]["error"].is_null());
  CHECK(list[0]["path"] == (base / "pages" / "a.html").string());  // echoed, like an id
  for (const std::size_t outside : {1U, 2U, 3U}) {
    CAPTURE(outside);
    CHECK(std::string(list[outside]["error"]).find("not under --jsonl-paths") != std::string::npos);
    CHECK(list[outside]["title"].is_null());
  }
  CHECK(list[4]["error"].is_string());
  CHECK(std::string(list[5]["error"]).find("is a directory") != std::string::npos);
  CHECK(on.text.find("Article 4") == std::string::npos);
}

TEST_CASE("jsonl output is byte-identical whatever the job count", "[jsonl]") {
  const std::string input = mixed_input(60);
  const Output one = run(input, 1);
  CHECK(one.status == ExitCode::failed);
  CHECK(records(one.text).size() == 48);  // 12 blank lines skipped
  for (const unsigned jobs : {2U, 3U, 8U}) {
    CAPTURE(jobs);
    const Output many = run(input, jobs);
    CHECK(many.status == one.status);
    CHECK(many.text == one.text);
  }
}

TEST_CASE("jsonl gives the same records for any split of the input", "[jsonl]") {
  const std::string input = mixed_input(45);
  const std::string whole = run(input, 2).text;
  for (const std::size_t lines_per_chunk : {std::size_t{1}, std::size_t{7}, std::size_t{20}}) {
    CAPTURE(lines_per_chunk);
    std::string joined;
    std::istringstream stream(input);
    std::string line;
    std::string chunk;
    std::size_t in_chunk = 0;
    while (std::getline(stream, line)) {
      chunk += line + "\n";
      if (++in_chunk == lines_per_chunk) {
        joined += run(chunk, 2).text;
        chunk.clear();
        in_chunk = 0;
      }
    }
    if (!chunk.empty()) joined += run(chunk, 2).text;
    CHECK(joined == whole);
  }
}

TEST_CASE("jsonl writes valid UTF-8 JSON for any page bytes", "[jsonl]") {
  Json in;
  in["html"] = "<p>caf\xc3\xa9 \xe2\x80\xa8 and a paragraph long enough to keep as the body.</p>";
  const Output out = run(in.dump() + "\n" + "{\"html\": \"\xff\xfe\"}\n", 2);
  const auto list = records(out.text);  // parses: valid JSON, valid UTF-8
  REQUIRE(list.size() == 2);
  CHECK(std::string(list[0]["markdown"]).find("caf\xc3\xa9") != std::string::npos);
  CHECK(out.text.find("caf\xc3\xa9") != std::string::npos);  // not \u-escaped
  CHECK(list[1]["error"].is_null());                         // repaired to U+FFFD, as a file is
  CHECK(run("", 2).text.empty());
  CHECK(run("", 2).status == ExitCode::ok);
}

TEST_CASE("jsonl repairs invalid UTF-8 in a record with a warning and keeps its id", "[jsonl]") {
  // Issue 11 item 12: one bad byte made the whole line invalid JSON, id lost; files are
  // repaired with a warning instead.
  const std::string input =
      "{\"id\": \"a\xff\", \"url\": \"https://e.com/\xc3\", \"html\": \"<p>Caf\xe9 and "
      "\xed\xa0\x80 a paragraph long enough to be the body of the article.</p>\"}\n"
      "\n"
      "{\"id\": 2, \"html\": \"<p>Clean.</p>\"}\n";
  const Output out = run(input, 2);
  CHECK(out.status == ExitCode::ok);
  const auto list = records(out.text);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["id"] == "a\xef\xbf\xbd");
  CHECK(list[0]["error"].is_null());
  CHECK(std::string(list[0]["markdown"]).find("Caf\xef\xbf\xbd and") != std::string::npos);
  CHECK(list[1]["id"] == 2);
  CHECK(out.err.find("clipdown: <stdin>:1: warning: replaced ") != std::string::npos);
  CHECK(out.err.find("invalid UTF-8") != std::string::npos);
  CHECK(out.err.find("<stdin>:3") == std::string::npos);
  CliOptions quiet;
  quiet.quiet = true;
  CHECK(run(input, 1, quiet).err.empty());
}

TEST_CASE("jsonl through GNU parallel --pipe gives the same records as a direct run", "[jsonl]") {
  if (std::system("command -v parallel >/dev/null 2>&1") != 0) {  // NOLINT(cert-env33-c)
    WARN("GNU parallel is not installed: skipped");
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("clipdown-jsonl-parallel-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string input = mixed_input(100);
  std::ofstream(dir / "in.jsonl", std::ios::binary) << input;
  const std::string bin = CLIPDOWN_BINARY;
  const std::string d = dir.string();
  const std::string direct = "'" + bin + "' --jsonl < '" + d + "/in.jsonl' > '" + d + "/direct'";
  const std::string piped = "parallel --will-cite --pipe -N 20 -k '" + bin + "' --jsonl < '" + d +
                            "/in.jsonl' > '" + d + "/piped'";
  std::system(direct.c_str());  // NOLINT(cert-env33-c): exit 1 expected (error records)
  std::system(piped.c_str());   // NOLINT(cert-env33-c)
  const auto slurp = [](const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  };
  const std::string a = slurp(dir / "direct");
  const std::string b = slurp(dir / "piped");
  std::filesystem::remove_all(dir);
  CHECK(records(a).size() == 80);
  CHECK(a == b);
}
