// The HTML5 tree builder on the shapes that lost whole articles under libxml2's HTML 4 parser
// (issue 9): body content after head content, end tags of sections while a <div> is still open,
// and <p> closed by HTML5 block elements. Each shape is checked on the tree (html5lib's format)
// and, where it lost text, through the whole converter.

#include <array>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "clipdown/convert.hpp"
#include "libxml/html5_dump.hpp"
#include "support/factories.hpp"

namespace {

constexpr std::string_view kProse =
    "Para one is long enough to be real prose for the extractor, with a second clause.";

std::string tree(std::string_view html) {
  return clipdown::libxml::html5lib_tree(html, false, "");
}

}  // namespace

TEST_CASE("html5 tree: HTML5 elements after <title> open the body", "[html5]") {
  const std::string html = "<title>T</title><article><p>" + std::string(kProse) + "</p></article>";
  CHECK(tree(html) ==
        "| <html>\n"
        "|   <head>\n"
        "|     <title>\n"
        "|       \"T\"\n"
        "|   <body>\n"
        "|     <article>\n"
        "|       <p>\n"
        "|         \"" +
            std::string(kProse) + "\"\n");
  for (const std::string_view element : {"article", "section", "main", "header", "nav", "aside",
                                         "footer", "figure", "details", "dialog", "hgroup"}) {
    CAPTURE(element);
    const std::string shape = "<meta charset=utf-8><title>T</title><" + std::string(element) +
                              ">x</" + std::string(element) + ">";
    CHECK(tree(shape).find("|   <body>\n|     <" + std::string(element) + ">\n") !=
          std::string::npos);
  }
}

TEST_CASE("html5 tree: a fragment after <title> converts to its article", "[html5]") {
  const std::string html = "<title>T</title><article><p>" + std::string(kProse) + "</p></article>";
  const auto result = clipdown::convert(html, clipdown::test::html_options());
  CHECK(result.markdown.find(kProse) != std::string::npos);
}

TEST_CASE("html5 tree: section end tags close an open <div>", "[html5]") {
  for (const std::string_view element :
       {"header", "nav", "article", "section", "main", "aside", "footer"}) {
    CAPTURE(element);
    const std::string e(element);
    const std::string html =
        "<!DOCTYPE html><body><" + e + "><div>menu</" + e + "><p>after</p></body>";
    CHECK(tree(html) ==
          "| <!DOCTYPE html>\n"
          "| <html>\n"
          "|   <head>\n"
          "|   <body>\n"
          "|     <" +
              e +
              ">\n"
              "|       <div>\n"
              "|         \"menu\"\n"
              "|     <p>\n"
              "|       \"after\"\n");
  }
}

TEST_CASE("html5 tree: an article after a header with an unclosed div converts", "[html5]") {
  const std::string html =
      "<!DOCTYPE html><html><head><title>T</title></head><body>"
      "<header><div class=logo><a href=/>Site</a></header>"
      "<nav><div><a href=/a>A</a> <a href=/b>B</a></nav>"
      "<article><h1>Headline</h1><p>" +
      std::string(kProse) + "</p><p>" + std::string(kProse) + "</p></article></body></html>";
  const auto result = clipdown::convert(html, clipdown::test::html_options());
  CHECK(result.markdown.find(kProse) != std::string::npos);
}

TEST_CASE("html5 tree: <p> is closed by every HTML5 block element", "[html5]") {
  constexpr std::array kBlocks = {
      "address", "article", "aside",    "blockquote", "center", "details", "dialog",  "dir",
      "div",     "dl",      "fieldset", "figcaption", "figure", "footer",  "header",  "hgroup",
      "main",    "menu",    "nav",      "ol",         "p",      "search",  "section", "summary",
      "ul",      "h1",      "h2",       "h3",         "h4",     "h5",      "h6",      "pre",
      "listing", "form",    "table",    "hr",         "xmp"};
  for (const std::string_view element : kBlocks) {
    CAPTURE(element);
    const std::string e(element);
    // <!DOCTYPE html>: no-quirks mode, where <table> closes a <p> too.
    const std::string dump = tree("<!DOCTYPE html><p>text<" + e + ">");
    CHECK(dump.find("|     <p>\n|       \"text\"\n|     <" + e + ">\n") != std::string::npos);
  }
}

TEST_CASE("html5 tree: a paragraph before a figure keeps the figure out of it", "[html5]") {
  const std::string html = "<!DOCTYPE html><title>T</title><p>" + std::string(kProse) +
                           "<figure><img src=a.jpg alt=x><figcaption>Cap</figcaption></figure>"
                           "<p>Second paragraph.</p>";
  const std::string dump = tree(html);
  CHECK(dump.find("|     <figure>\n") != std::string::npos);  // a child of <body>
  CHECK(dump.find("|     <p>\n|       \"Second paragraph.\"\n") != std::string::npos);
}

// Through the converter, not the tree dump: a dump of a tree 1M levels deep is quadratic in size.
TEST_CASE("html5 tree: 1 000 000 nested elements and unclosed formatting tags finish",
          "[html5][pathological]") {
  constexpr int kCount = 1'000'000;
  const std::string prose(kProse);
  std::string html = "<!DOCTYPE html><body>";
  SECTION("nested divs keep the text at the bottom") {
    for (int i = 0; i < kCount; ++i) html += "<div>";
    html += "<p>" + prose + "</p>";
  }
  SECTION("unclosed <b> tags") {
    for (int i = 0; i < kCount; ++i) html += "<b>";
    html += "<p>" + prose + "</p>";
  }
  SECTION("misnested formatting, repeated") {
    for (int i = 0; i < kCount / 10; ++i) html += "<a><b><i>x</a>y</b>";
    html += "<p>" + prose + "</p>";
  }
  SECTION("100 000 attributes on one tag") {
    html += "<div";
    for (int i = 0; i < kCount / 10; ++i) html += " a" + std::to_string(i) + "=1";
    html += "><p>" + prose + "</p></div>";
  }
  SECTION("stray unknown end tags under 100 000 open elements") {
    for (int i = 0; i < kCount / 10; ++i) html += "<span>";
    html += "<p>" + prose + "</p>";
    for (int i = 0; i < kCount / 10; ++i) html += "</foo>";
  }
  SECTION("repeated <body> tags, each with a new attribute") {
    for (int i = 0; i < kCount / 10; ++i) html += "<body a" + std::to_string(i) + "=1>";
    html += "<p>" + prose + "</p>";
  }
  SECTION("unclosed table cells and rows") {
    html += "<table>";
    for (int i = 0; i < kCount / 10; ++i) html += "<tr><td>cell";
    html += "<td>" + prose + "</table>";
  }
  const auto result = clipdown::convert(html, clipdown::test::html_options());
  CHECK(result.markdown.find(prose) != std::string::npos);
}
