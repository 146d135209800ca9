// File names for -o DIR: slugs, sanitising, templates, collisions and containment.

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/naming.hpp"

using clipdown::cli::input_hash;
using clipdown::cli::input_stem;
using clipdown::cli::NameFields;
using clipdown::cli::NameRegistry;
using clipdown::cli::render_name;
using clipdown::cli::sanitize_component;
using clipdown::cli::slugify;
using clipdown::cli::stays_inside;
using clipdown::cli::template_error;

namespace {

/// Whether `s` is well-formed UTF-8.
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (b < 0x80) {
      n = 1;
    } else if ((b & 0xE0U) == 0xC0U) {
      n = 2;
    } else if ((b & 0xF0U) == 0xE0U) {
      n = 3;
    } else if ((b & 0xF8U) == 0xF0U) {
      n = 4;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) return false;
    }
    i += n;
  }
  return true;
}

/// The '/'-separated components of a relative name.
std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

/// Checks that one component is safe on Linux, macOS and Windows.
void check_safe_component(const std::string& c) {
  INFO("component: " << c);
  CHECK_FALSE(c.empty());
  CHECK(c.size() <= 220);
  CHECK(valid_utf8(c));
  CHECK(c.front() != '.');
  CHECK(c.front() != '-');
  CHECK(c.back() != '.');
  CHECK(c.back() != ' ');
  CHECK(c.find_first_of("<>:\"/\\|?*") == std::string::npos);
  CHECK(std::none_of(c.begin(), c.end(),
                     [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; }));
  // Bidi overrides and marks (U+200E/F, U+202A-E) never survive.
  for (const char* mark : {"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"}) {
    CHECK(c.find(mark) == std::string::npos);
  }
  std::string base = c.substr(0, c.find('.'));
  std::transform(base.begin(), base.end(), base.begin(),
                 [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch; });
  for (const char* device : {"CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9"}) {
    CHECK(base != device);
  }
}

}  // namespace

TEST_CASE("slugify folds Latin letters to ASCII and drops other scripts", "[naming]") {
  const auto [title, slug] = GENERATE(table<std::string, std::string>({
      {"Hello, World!", "hello-world"},
      {"Café déjà vu", "cafe-deja-vu"},
      {"Straße in München", "strasse-in-munchen"},
      {"Ærø and Ødegård", "aero-and-odegard"},
      {"Łódź, Kraków", "lodz-krakow"},
      {"Œuvre complète", "oeuvre-complete"},
      {"Tiếng Việt có dấu", "tieng-viet-co-dau"},
      {"Şişli’de ţară", "sislide-tara"},
      {"Don't stop — won’t stop", "dont-stop-wont-stop"},
      {"COVID-19: what we know", "covid-19-what-we-know"},
      {"  --Trim me--  ", "trim-me"},
      {"e\xcc\x81te\xcc\x81 (decomposed)", "ete-decomposed"},
      {"Ελληνικά and English", "and-english"},
      {"Привет, мир", ""},
      {"日本語のタイトル", ""},
      {"🎉 Party time 🎉", "party-time"},
      {"../../etc/passwd", "etc-passwd"},
      {"office ﬁle", "office-file"},
      {"A\u200Fb\u202Ec", "abc"},
      {"line\nbreak\r\nhere", "line-break-here"},
  }));
  INFO(title);
  CHECK(slugify(title) == slug);
}

TEST_CASE("slugify caps a long title at a word boundary", "[naming]") {
  std::string title;
  for (int i = 0; i < 60; ++i) title += "word ";
  const std::string slug = slugify(title);
  CHECK(slug.size() <= clipdown::cli::kMaxSlugBytes);
  CHECK(slug.size() > 70);
  CHECK(slug.back() != '-');
  CHECK(slug.substr(slug.size() - 4) == "word");
  // One word longer than the cap is cut hard.
  CHECK(slugify(std::string(300, 'x')) == std::string(80, 'x'));
}

TEST_CASE("sanitize_component makes one path component safe everywhere", "[naming]") {
  const auto [text, safe] = GENERATE(table<std::string, std::string>({
      {"plain name", "plain name"},
      {"../../etc/passwd", "etc-passwd"},
      {"..", "untitled"},
      {".", "untitled"},
      {"", "untitled"},
      {"\x01\x02\x7f", "untitled"},
      {".bashrc", "bashrc"},
      {"-rf", "rf"},
      {"CON", "CON_"},
      {"con", "con_"},
      {"nul.txt", "nul_.txt"},
      {"COM1", "COM1_"},
      {"LPT9.tar.gz", "LPT9_.tar.gz"},
      {"CONSOLE", "CONSOLE"},
      {"a\nb\tc\r\nd", "a b c d"},
      {"evil\u202Etxt.md", "eviltxt.md"},
      {"\u200Fhello\u200E", "hello"},
      {"what?<>:\"|*", "what-------"},
      {"back\\slash/and/slash", "back-slash-and-slash"},
      {"trailing dots. . .", "trailing dots"},
      {"  spaced   out  ", "spaced out"},
      {"🎉 party", "🎉 party"},
      {"bad \xff byte", "bad _ byte"},
      {"zero\u200Bwidth\uFEFF", "zerowidth"},
  }));
  INFO(text);
  CHECK(sanitize_component(text) == safe);
}

TEST_CASE("sanitize_component caps a component at a UTF-8 boundary", "[naming]") {
  std::string text;
  for (int i = 0; i < 150; ++i) text += "\xc3\xa9\xe2\x82\xac";  // "é€": 2 + 3 bytes
  const std::string safe = sanitize_component(text);
  CHECK(safe.size() <= clipdown::cli::kMaxComponentBytes);
  CHECK(safe.size() >= clipdown::cli::kMaxComponentBytes - 3);
  CHECK(valid_utf8(safe));
}

TEST_CASE("render_name fills template fields", "[naming]") {
  const NameFields fields{"Hello World", "2024-03-05T10:00:00+01:00", "page-7", "0123456789"};
  const auto [name_template, name] = GENERATE(table<std::string, std::string>({
      {"{slug}", "hello-world.md"},
      {"{slug}.md", "hello-world.md"},
      {"_posts/{date}-{slug}", "_posts/2024-03-05-hello-world.md"},
      {"{year}/{month}/{day}/{slug}", "2024/03/05/hello-world.md"},
      {"{stem}", "page-7.md"},
      {"{hash}", "0123456789.md"},
      {"{title}", "Hello World.md"},
      {"{stem}-{hash}", "page-7-0123456789.md"},
      {"/abs//{slug}", "abs/hello-world.md"},
      {"../{slug}", "untitled/hello-world.md"},
      {"notes/{title}", "notes/Hello World.md"},
  }));
  INFO(name_template);
  CHECK(render_name(name_template, fields, ".md") == name);
}

TEST_CASE("render_name falls back when the title or the date is unknown", "[naming]") {
  CHECK(render_name("{date}-{slug}", {"Hello", "", "p", "h"}, ".md") == "undated-hello.md");
  CHECK(render_name("{year}/{slug}", {"Hello", "May 2020", "p", "h"}, ".md") == "undated/hello.md");
  CHECK(render_name("{slug}", {"Привет", "", "page-7", "h"}, ".md") == "page-7.md");
  CHECK(render_name("{slug}", {"", "", "", "h"}, ".md") == "untitled.md");
  CHECK(render_name("{title}", {"", "", "saved page", "h"}, ".md") == "saved page.md");
  CHECK(render_name("{slug}", {"CON", "", "p", "h"}, ".md") == "con_.md");
  CHECK(render_name("{title}", {"NUL", "", "p", "h"}, ".txt") == "NUL_.txt");
  CHECK(clipdown::cli::is_dated({"", "2024-01-02", "", ""}));
  CHECK_FALSE(clipdown::cli::is_dated({"", "2024", "", ""}));
}

TEST_CASE("a field's slash never makes a folder", "[naming]") {
  const NameFields fields{"../../etc/passwd", "", "x", "h"};
  CHECK(render_name("{title}", fields, ".md") == "etc-passwd.md");
  CHECK(render_name("{slug}", fields, ".md") == "etc-passwd.md");
}

TEST_CASE("hostile titles give safe unique names inside the folder", "[naming]") {
  std::string long_title;
  for (int i = 0; i < 30; ++i) long_title += "Overlong title ";
  const std::vector<std::string> titles = {
      "../../etc/passwd",
      "/etc/passwd",
      "..",
      "CON",
      "con",
      "NUL.txt",
      "COM1",
      long_title,
      std::string(300, 'a'),
      "\xf0\x9f\x8e\x89\xf0\x9f\x94\xa5\xf0\x9f\x92\xa9",  // emoji only
      "Emoji \xf0\x9f\x8e\x89 title",
      "abc\u202Etxt.exe",
      "\u200Fright to left\u200F",
      "first line\nsecond line\r\nthird",
      "tab\there",
      ".hidden",
      "C:\\Windows\\System32",
      "a<b>c:d\"e|f?g*h",
      "trailing dot.",
      "",
      "\x01\x1b[31mred",
  };
  for (const char* name_template : {"{slug}", "{title}", "{date}/{title}", "x/{slug}-{title}"}) {
    NameRegistry registry;
    std::set<std::string> seen;
    for (const std::string& title : titles) {
      const std::string name = registry.claim(
          render_name(name_template, NameFields{title, "", "stem", "0123456789"}, ".md"), ".md");
      INFO("template " << name_template << ", title '" << title << "' -> '" << name << "'");
      CHECK(stays_inside(name));
      CHECK(name.size() >= 3);
      CHECK(name.substr(name.size() - 3) == ".md");
      for (const std::string& c : components(name)) check_safe_component(c);
      std::string key = name;
      std::transform(key.begin(), key.end(), key.begin(), [](char ch) {
        return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch;
      });
      CHECK(seen.insert(key).second);
    }
  }
}

TEST_CASE("the registry suffixes collisions in the order names are claimed", "[naming]") {
  NameRegistry registry;
  CHECK(registry.claim("a.md", ".md") == "a.md");
  CHECK(registry.claim("a.md", ".md") == "a-2.md");
  CHECK(registry.claim("A.md", ".md") == "A-3.md");
  CHECK(registry.claim("a-2.md", ".md") == "a-2-2.md");
  CHECK(registry.claim("sub/a.md", ".md") == "sub/a.md");
  CHECK(registry.claim("sub/a.md", ".md") == "sub/a-2.md");
  CHECK(registry.claim("noext", ".md") == "noext");
  CHECK(registry.claim("noext", ".md") == "noext-2");
}

TEST_CASE("stays_inside rejects names that leave the folder", "[naming]") {
  const auto [name, inside] = GENERATE(table<std::string, bool>({
      {"a.md", true},
      {"sub/a.md", true},
      {"a/../b.md", true},
      {"../a.md", false},
      {"a/../../b.md", false},
      {"/etc/passwd", false},
      {"", false},
      {".", false},
      {"a/..", false},
  }));
  INFO(name);
  CHECK(stays_inside(name) == inside);
}

TEST_CASE("template_error names unknown and unclosed fields", "[naming]") {
  CHECK(template_error("{slug}").empty());
  CHECK(template_error("_posts/{date}-{slug}").empty());
  CHECK(template_error("{year}{month}{day}{hash}{title}{stem}").empty());
  CHECK(template_error("{nope}").find("unknown field '{nope}'") != std::string::npos);
  CHECK(template_error("{slug").find("unclosed") != std::string::npos);
  CHECK_FALSE(template_error("").empty());
  // Issue 11 item 14: '../{title}' was silently rewritten to untitled/...
  for (const char* bad : {"../{title}", "a/../{slug}", "./{slug}", "{slug}/..", ".."}) {
    CAPTURE(bad);
    CHECK(template_error(bad).find("names stay inside -o DIR") != std::string::npos);
  }
  CHECK(template_error("..{slug}").empty());
  CHECK(template_error("a.b/{slug}").empty());
}

TEST_CASE("input_stem drops folders, .gz and the page extension", "[naming]") {
  CHECK(input_stem("dir/page.html.gz") == "page");
  CHECK(input_stem("a.HTM") == "a");
  CHECK(input_stem("notes.txt") == "notes");
  CHECK(input_stem("archive.tar.gz") == "archive.tar");
  CHECK(input_stem("noext") == "noext");
  CHECK(input_stem(".html") == ".html");
  CHECK(input_stem("-") == "stdin");
}

TEST_CASE("input_hash is FNV-1a and stable", "[naming]") {
  CHECK(input_hash("") == "cbf29ce484");
  CHECK(input_hash("a") == "af63dc4c86");
  CHECK(input_hash("page") == input_hash("page"));
  CHECK(input_hash("page") != input_hash("Page"));
}

TEST_CASE("render_name: {url_host}/{url_path} mirror the page's address", "[naming]") {
  NameFields fields{"Title", "2024-05-06", "page", "h"};
  const auto name = [&fields](const std::string& url) {
    fields.url = url;
    return render_name("{url_host}/{url_path}", fields, ".md");
  };
  CHECK(name("https://News.Example.com/2024/05/story.html?x=1#top") ==
        "news.example.com/2024/05/story.md");
  CHECK(name("http://user@127.0.0.1:8080/a/b/") == "127.0.0.1/a/b.md");
  CHECK(name("https://example.com") == "example.com/index.md");
  CHECK(name("https://example.com/") == "example.com/index.md");
  CHECK(name("https://example.com/v1.2/notes") == "example.com/v1.2/notes.md");
  // ".." segments never climb out; an unknown address falls back to the input's stem
  CHECK(name("https://example.com/a/../../b") == "example.com/a/b.md");
  CHECK(name("") == "no-host/page.md");
  CHECK(render_name("{url_path}-{slug}", fields, ".md") == "page-title.md");
}

TEST_CASE("render_name: {warc_record_id} is the record id's last part", "[naming]") {
  NameFields fields{"Title", "", "stem", "h"};
  fields.warc_record_id = "urn:uuid:6f1c3a5e-0000-4000-8000-0123456789ab";
  CHECK(render_name("{warc_record_id}", fields, ".md") ==
        "6f1c3a5e-0000-4000-8000-0123456789ab.md");
  fields.warc_record_id.clear();
  CHECK(render_name("{warc_record_id}", fields, ".md") == "stem.md");
  CHECK(template_error("{url_host}/{url_path}/{warc_record_id}").empty());
}
