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

TEST_CASE("allowed_url keeps http, https, mailto and relative targets, after resolving", "[url]") {
  // Issue 11 item 4: the scheme filter ran before resolution, and images were not filtered.
  const auto [base, ref, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"https://e.com/a/", "b", "https://e.com/a/b"},
      {"https://e.com/a/", "mailto:x@e.com", "mailto:x@e.com"},
      {"https://e.com/a/", "HTTP://x.org/", "HTTP://x.org/"},
      {"", "rel/page", "rel/page"},
      {"", "//cdn.e.com/i.png", "//cdn.e.com/i.png"},
      {"", "#top", "#top"},
      {"https://e.com/", "javascript:alert(1)", ""},
      {"https://e.com/", " JavaScript:alert(1)", ""},
      {"https://e.com/", "java\tscript:alert(1)", ""},
      {"https://e.com/", "vbscript:x", ""},
      {"https://e.com/", "data:text/html,x", ""},
      {"https://e.com/", "DATA:image/png;base64,x", ""},
      {"https://e.com/", "file:///etc/passwd", ""},
      {"https://e.com/", "ftp://e.com/x", ""},
      // A base that is not http(s) is ignored: relative links stay relative.
      {"javascript:alert(3)//", "rel/page", "rel/page"},
      {"javascript://e.com/%0aalert(3)", "rel/page", "rel/page"},
      {"file:///home/me/", "rel/page", "rel/page"},
  }));
  CAPTURE(base, ref);
  CHECK(clipdown::allowed_url(base, ref) == expected);
}

TEST_CASE("is_http_url accepts only absolute http and https URLs with a host", "[url]") {
  CHECK(clipdown::is_http_url("https://e.com/x"));
  CHECK(clipdown::is_http_url("HTTP://e.com"));
  CHECK_FALSE(clipdown::is_http_url("javascript://e.com/%0aalert(1)"));
  CHECK_FALSE(clipdown::is_http_url("https:/x"));
  CHECK_FALSE(clipdown::is_http_url("/x"));
  CHECK_FALSE(clipdown::is_http_url(""));
}
