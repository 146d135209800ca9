// Markdown-ish text scrapes (html2text and the like): recognised, read through their syntax, and
// converted without escaping it (issue 12: "\[text\](url)", "\#", "\*\*" came out literally).

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/convert.hpp"
#include "markdown_input.hpp"

using clipdown::BlockKind;
using clipdown::SpanKind;
using clipdown::detail::looks_like_markdown;
using clipdown::detail::markdown_lines;

namespace {

/// An html2text-style scrape: a menu of links, an ATX headline, hard-wrapped paragraphs with
/// links (one wrapped inside its URL), emphasis, a list, a code block and a footer.
const std::string kScrape =
    "  * [Home](https://example.com/)\n"
    "  * [News](https://example.com/news/)\n"
    "  * [About](https://example.com/about/ \"About\n"
    "us\")\n"
    "\n"
    "# The river towns rebuild after the flood\n"
    "\n"
    "By Maria Lopez\n"
    "\n"
    "The water came up overnight and stayed for a week. Shops along the main street\n"
    "lost their stock, and the council's [recovery fund](https://example.com/recovery-\n"
    "fund/) opened a month later. **Most owners** say they will stay, and _some_ have\n"
    "already reopened with help from volunteers who came from three counties away.\n"
    "\n"
    "Rebuilding is slow because insurers dispute what the flood- damage policies\n"
    "cover. The council wants answers before the next rainy season begins in earnest.\n"
    "\n"
    "    sandbags: 400\n"
    "    pumps: 12\n"
    "\n"
    "  * Clear the drains before October.\n"
    "  * Raise the sockets above the flood line.\n"
    "\n"
    "![A shop front under water](https://example.com/photo.jpg)\n"
    "\n"
    "Copyright 2025 Example News\n";

}  // namespace

TEST_CASE("Markdown scrapes are told apart from plain text and lynx dumps", "[markdown_input]") {
  CHECK(looks_like_markdown(kScrape));
  // Plain prose quoting one link, and a lynx dump's reference markers, are not Markdown.
  CHECK_FALSE(looks_like_markdown("A page that mentions [a link](https://x.com) once.\n\nMore."));
  std::string lynx;
  for (int i = 1; i <= 20; ++i) {
    lynx += "   by [" + std::to_string(i) + "]user ([" + std::to_string(i + 40) + "]( 1234 )\n";
  }
  CHECK_FALSE(looks_like_markdown(lynx));
}

TEST_CASE("markdown_lines gives one block per Markdown block, with its inline structure",
          "[markdown_input]") {
  const auto lines = markdown_lines(kScrape);
  std::vector<std::string> texts;
  for (const auto& line : lines) texts.push_back(line.text);
  REQUIRE(texts.size() == 11);
  CHECK(texts[0] == "Home");
  CHECK(lines[0].kind == BlockKind::list_item);
  CHECK(texts[2] == "About");  // a link whose title was wrapped
  CHECK(lines[2].spans.at(0).url == "https://example.com/about/");
  CHECK(lines[3].kind == BlockKind::heading);
  CHECK(lines[3].level == 1);
  CHECK(texts[3] == "The river towns rebuild after the flood");
  CHECK(texts[4] == "By Maria Lopez");
  // Hard-wrapped lines joined; the URL wrapped inside its destination joined too.
  CHECK(texts[5].starts_with("The water came up overnight and stayed for a week. Shops along"));
  const auto& spans = lines[5].spans;
  const auto link = std::find_if(spans.begin(), spans.end(),
                                 [](const auto& s) { return s.kind == SpanKind::link; });
  REQUIRE(link != spans.end());
  CHECK(link->text == "recovery fund");
  CHECK(link->url == "https://example.com/recovery-fund/");
  CHECK(std::any_of(spans.begin(), spans.end(), [](const auto& s) {
    return s.kind == SpanKind::strong && s.text == "Most owners";
  }));
  CHECK(texts[6].find("flood- damage") != std::string::npos);  // the writer's own space stays
  CHECK(lines[7].kind == BlockKind::code);
  CHECK(lines[7].spans.at(0).text == "sandbags: 400\npumps: 12");
  CHECK(lines[8].kind == BlockKind::list_item);
  CHECK(texts[10] == "Copyright 2025 Example News");  // the image alone is left out
}

TEST_CASE("markdown_lines splits a paragraph at lines that were not wrapped", "[markdown_input]") {
  // A byline block in a dump: short lines the next word would have fitted on.
  const auto lines = markdown_lines("Maria Lopez\nMarch 3, 2025\n5 min read\n");
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].text == "March 3, 2025");
  // Wrapped at a hyphen: one word again.
  const auto wrapped = markdown_lines(
      "A paragraph that html2text wrapped at seventy-eight columns, right after a well-\n"
      "known hyphen in the middle of a compound word.\n");
  REQUIRE(wrapped.size() == 1);
  CHECK(wrapped[0].text.find("well-known") != std::string::npos);
}

TEST_CASE("markdown_lines reads a line starting with '<' as text, not an HTML block",
          "[markdown_input]") {
  // "<![CDATA[" would make every following line one raw HTML block.
  const auto lines = markdown_lines("<![CDATA[ <div id=\"top\">\n\nThe first paragraph.\n");
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].text == "The first paragraph.");
}

TEST_CASE("an html2text scrape converts without escaping its own syntax", "[markdown_input]") {
  clipdown::Options options;
  options.decode.kind = clipdown::InputKind::text;
  const clipdown::Result result = clipdown::convert(kScrape, options);
  const std::string& md = result.markdown;
  CAPTURE(md);
  CHECK(result.document.meta.title == "The river towns rebuild after the flood");
  CHECK(md.find("[recovery fund](https://example.com/recovery-fund/)") != std::string::npos);
  CHECK(md.find("**Most owners**") != std::string::npos);
  CHECK(md.find("\\[") == std::string::npos);
  CHECK(md.find("\\*") == std::string::npos);
  CHECK(md.find("\\#") == std::string::npos);
}

TEST_CASE("markdown_lines joins a URL wrapped over several lines, indented or not",
          "[markdown_input]") {
  const auto lines = markdown_lines(
      "By analysing sales data, [Walmart can adjust its inventory\n"
      "levels](https://tech.example.com/content/walmart-global-\n"
      "tech/en_us/blog/post/a-machine-learning-platform-like-no-\n"
      "other.html), ensuring product availability.\n"
      "\n"
      "  * [Item one](https://example.com/a-very-long-\n"
      "    path/) and more\n");
  REQUIRE(lines.size() == 2);
  const auto link = std::find_if(lines[0].spans.begin(), lines[0].spans.end(),
                                 [](const auto& s) { return s.kind == SpanKind::link; });
  REQUIRE(link != lines[0].spans.end());
  CHECK(link->url ==
        "https://tech.example.com/content/walmart-global-tech/en_us/blog/post/"
        "a-machine-learning-platform-like-no-other.html");
  CHECK(lines[1].spans.at(0).url == "https://example.com/a-very-long-path/");
  // An unclosed "](" in prose joins a few lines at most: the later ones stay apart.
  std::string prose = "Odd text that goes on and on for more than fifty bytes ](here\n";
  for (int i = 0; i < 20; ++i) {
    prose +=
        "a-long-line-without-any-spaces-in-it-that-goes-on-for-a-while-" + std::to_string(i) + "\n";
  }
  const auto odd = markdown_lines(prose);
  REQUIRE(odd.size() == 1);
  CHECK(odd[0].text.find("a-while-18 a-long") != std::string::npos);
}

TEST_CASE("markdown_lines joins a heading the writer wrapped at its width", "[markdown_input]") {
  const auto blocks = markdown_lines(
      "# Top Nutrition Trends for Fall 2025: What Fitness Experts Are Eating (and\n"
      "How Scratch Makes It Easy)\n"
      "\n"
      "## A short heading\n"
      "Text right under a short heading stays a paragraph of its own.\n"
      "\n"
      "# A heading that is long enough to have been wrapped by the writer if\n"
      "* a list item is never part of it\n");
  REQUIRE(blocks.size() >= 5);
  CHECK(blocks[0].kind == BlockKind::heading);
  CHECK(blocks[0].text ==
        "Top Nutrition Trends for Fall 2025: What Fitness Experts Are Eating (and How Scratch "
        "Makes It Easy)");
  CHECK(blocks[1].text == "A short heading");
  CHECK(blocks[2].kind == BlockKind::paragraph);
  CHECK(blocks[3].kind == BlockKind::heading);
  CHECK(blocks[4].kind == BlockKind::list_item);
}
