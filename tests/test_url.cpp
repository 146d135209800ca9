#include <string>

#include <catch2/catch.hpp>

#include "url.hpp"

using clipdown::resolve_url;

TEST_CASE("resolve_url follows the RFC 3986 normal examples", "[url]") {
  const std::string base = "http://a/b/c/d;p?q";
  const auto [ref, expected] = GENERATE(table<std::string, std::string>({
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  }));
  CAPTURE(ref);
  CHECK(resolve_url(base, ref) == expected);
}

TEST_CASE("resolve_url follows the RFC 3986 abnormal examples", "[url]") {
  const std::string base = "http://a/b/c/d;p?q";
  const auto [ref, expected] = GENERATE(table<std::string, std::string>({
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  }));
  CAPTURE(ref);
  CHECK(resolve_url(base, ref) == expected);
}

TEST_CASE("resolve_url handles a host-only base and cleans the reference", "[url]") {
  CHECK(resolve_url("https://example.com", "a/b.html") == "https://example.com/a/b.html");
  CHECK(resolve_url("https://example.com", "?page=2") == "https://example.com?page=2");
  CHECK(resolve_url("https://example.com/x/", "  /img/a.png\n") == "https://example.com/img/a.png");
  CHECK(resolve_url("https://example.com/x/", "/img/\ta.png") == "https://example.com/img/a.png");
  CHECK(resolve_url("https://example.com/x/", "//cdn.example.net/a.png") ==
        "https://cdn.example.net/a.png");
  CHECK(resolve_url("https://example.com/x/", "mailto:a@b.c") == "mailto:a@b.c");
}

TEST_CASE("resolve_url leaves the reference alone without an absolute base", "[url]") {
  CHECK(resolve_url("", "../a.html") == "../a.html");
  CHECK(resolve_url("/relative/base", "a.html") == "a.html");
}

TEST_CASE("is_absolute_url and url_scheme recognise schemes", "[url]") {
  CHECK(clipdown::is_absolute_url("https://example.com/a"));
  CHECK_FALSE(clipdown::is_absolute_url("/a/b"));
  CHECK_FALSE(clipdown::is_absolute_url("mailto:x@y.z"));
  CHECK(clipdown::url_scheme("JavaScript:void(0)") == "javascript");
  CHECK(clipdown::url_scheme("a/b:c") == "");
  CHECK(clipdown::has_scheme("data:image/png;base64,xx"));
}
