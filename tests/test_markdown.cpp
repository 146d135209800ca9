#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/markdown.hpp"
#include "support/commonmark.hpp"
#include "support/factories.hpp"
#include "support/markdown_factories.hpp"

using clipdown::Block;
using clipdown::BlockKind;
using clipdown::MarkdownOptions;
using clipdown::Span;
using clipdown::SpanKind;
using clipdown::write_body;
using namespace clipdown::test;  // NOLINT(google-build-using-namespace)

namespace {

// Strings that mean something to CommonMark or GFM, for the round-trip tests.
const std::vector<std::string> kHostile = {
    "*",
    "**",
    "***",
    "_",
    "__",
    "`",
    "``",
    "\\",
    "[",
    "]",
    "![x](y)",
    "[x](y)",
    "[a]: /url",
    "<",
    "<b>",
    "</p>",
    "<!-- c -->",
    "<?php ?>",
    "<![CDATA[x]]>",
    "<http://a.b>",
    "&",
    "&amp;",
    "&#169;",
    "&#x41;",
    "AT&T",
    "#",
    "# ",
    "## two",
    "####### seven",
    "1.",
    "1. one",
    "2019. A year",
    "1) x",
    "-",
    "- x",
    "+ x",
    "* x",
    "=",
    "===",
    "---",
    "- - -",
    "* * *",
    "___",
    "|",
    "a | b",
    "~",
    "~~a~~",
    "~a~",
    "~~~",
    "```",
    "    code",
    "\tx",
    "***bold italic***",
    "_a_b_",
    "a__b__c",
    "*a *b* c*",
    "(*)",
    "*)",
    "e.g. *",
    "x ~ y",
    "~/path",
    "x~~y~~z",
    "100%",
    "^",
    "{}",
    "a\nb",
    "line\n# two",
    "line\n- two",
    "line\n===",
    "line\n---",
    "line\n    four",
    "snake_case_name",
    "_leading",
    "trailing_",
    "\u00ab_x_\u00bb",
    "\u201c*quoted*\u201d",
    "a*b*c",
    "5 * 3",
    "a\\*b",
    "C:\\Users\\me",
    "ends\\",
    "x \\",
    "trailing   ",
    "  leading",
    "caf\u00e9 *na\u00efve*",
    "\u65e5\u672c*\u8a9e*",
    "\u2014*\u2014",
    "emoji \U0001F600*",
    "**",
    "a **b",
    "foo*",
    "*foo",
    "_foo",
    "foo_",
    "[[x]]",
    "[x]",
    "]",
    "!",
    "wow![x](y)",
    "\\[x\\]",
    "`a`",
    "``a``",
    "<a@b.c>",
    "> q",
    ">",
    "1",
    "1.5",
    "www.example.com",
    "https://example.com/a_b_c",
    "@user",
    "#tag",
    "a\u00a0*b*\u00a0c",
    "*\u00a0a*",
    "x*\u3001*y",
    "\u3001_x_\u3001",
    "-1",
    "+",
    "  - x",
    "10)",
    "a | b\n--- | ---",
    "| a |\n|---|",
    "h|h\n-|-",
};

/// Checks that cmark-gfm reads `blocks`' Markdown back as their text.
void check_round_trip(const std::vector<Block>& blocks, const MarkdownOptions& options = {}) {
  const std::string markdown = write_body(blocks, options);
  INFO("markdown:\n" << markdown);
  CHECK(commonmark_text(markdown) == document_text(blocks, options));
}

/// The node types at the top of the parsed document.
std::vector<std::string> top_level(const std::string& markdown) {
  std::vector<std::string> out;
  const std::string tree = commonmark_tree(markdown);
  std::size_t start = 0;
  while (start < tree.size()) {
    const std::size_t end = tree.find('\n', start);
    const std::string line = tree.substr(start, end - start);
    if (!line.empty() && line.front() != ' ') out.push_back(line);
    start = end == std::string::npos ? tree.size() : end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("escape_markdown escapes only what CommonMark would read as markup", "[markdown]") {
  const auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"plain text", "plain text"},
      {"*urgent*", "\\*urgent\\*"},
      {"**bold**", "\\*\\*bold\\*\\*"},
      {"5 * 3 = 15", "5 * 3 = 15"},
      {"a*b", "a\\*b"},
      {"_call back_", "\\_call back\\_"},
      {"snake_case_name", "snake_case_name"},
      {"budget_2024_final.xlsx", "budget_2024_final.xlsx"},
      {"<script>", "\\<script>"},
      {"a < b > c", "a < b > c"},
      {"</div>", "\\</div>"},
      {"<!-- x -->", "\\<!-- x -->"},
      {"<http://x.com>", "\\<http://x.com>"},
      {"2019. A year", "2019\\. A year"},
      {"1) first", "1\\) first"},
      {"2019 was", "2019 was"},
      {"3.14 is pi", "3.14 is pi"},
      {"# not a heading", "\\# not a heading"},
      {"#hashtag", "#hashtag"},
      {"####### seven", "####### seven"},
      {"> not a quote", "\\> not a quote"},
      {"- not a list", "\\- not a list"},
      {"+ plus", "\\+ plus"},
      {"* star", "\\* star"},
      {"-5 degrees", "-5 degrees"},
      {"---", "\\---"},
      {"--", "\\--"},
      {"***", "\\***"},
      {"___", "\\___"},
      {"===", "\\==="},
      {"~~~", "\\~\\~\\~"},
      {"```", "\\`\\`\\`"},
      {"[x](y)", "\\[x\\](y)"},
      {"[see attached]", "\\[see attached\\]"},
      {"use `code`", "use \\`code\\`"},
      {"&amp;", "\\&amp;"},
      {"AT&T", "AT&T"},
      {"&#169;", "\\&#169;"},
      {"&#x1F600;", "\\&#x1F600;"},
      {"a | b", "a | b"},
      {"trailing   ", "trailing"},
      {"    indented", "indented"},
      {"\t# tab heading", "\\# tab heading"},
      {"C:\\Users\\me", "C:\\Users\\me"},
      {"a\\*b", "a\\\\\\*b"},
      {"ends with \\", "ends with \\\\"},
      {"~~strike~~", "\\~\\~strike\\~\\~"},
      {"about ~5 km", "about ~5 km"},
      {"line\n# two", "line\n\\# two"},
      {"1. first\n2. second", "1\\. first\n2\\. second"},
      {"wow!", "wow!"},
      {"Q&A at 10 < 20", "Q&A at 10 < 20"},
      {"mid-line # and > and - are fine", "mid-line # and > and - are fine"},
      {"a | b\n--- | ---", "a | b\n\\--- | ---"},
      {"| a |\n|---|", "| a |\n\\|---|"},
      {"a\n:-- | --:", "a\n\\:-- | --:"},
  }));
  CAPTURE(input);
  CHECK(clipdown::escape_markdown(input, true) == expected);
}

TEST_CASE("escape_markdown leaves block markers alone inside a line", "[markdown]") {
  CHECK(clipdown::escape_markdown("# x", false) == "# x");
  CHECK(clipdown::escape_markdown("2019. A year", false) == "2019. A year");
  CHECK(clipdown::escape_markdown("  - x", false) == "  - x");
}

TEST_CASE("every hostile string reads back as itself in every block kind", "[markdown]") {
  for (const auto& s : kHostile) {
    CAPTURE(s);
    check_round_trip({para(s)});
    check_round_trip({item(1, s)});
    check_round_trip({item(1, "x", 1, true, 1), item(2, s, 2, true, 1)});
    check_round_trip({heading(2, s)});
    check_round_trip({caption(s)});
    check_round_trip({quote(s), quote(s, 2)});
    check_round_trip({table({{s, "h"}, {"c", s}})});
    check_round_trip({paragraph({text("x"), em(s), text("y")})});
    check_round_trip({paragraph({text("x "), strong(s), text(" y")})});
    check_round_trip({paragraph({text(s), em(s), strong(s), text(s)})});
    check_round_trip({paragraph({text(s), hyperlink(s, "https://e.com/" + s), text(s)})});
    check_round_trip({paragraph({text(s), code(s), text(s)})});
    check_round_trip({paragraph({text(s), img(s, "a b(" + s + ").png"), text(s)})});
    check_round_trip({paragraph({text(s), br(), text(s), br(), em(s)})});
    check_round_trip({paragraph({text("word " + s + " word " + s + " more words here")})},
                     MarkdownOptions{.wrap = 12});
  }
}

TEST_CASE("hostile paragraphs stay one paragraph", "[markdown]") {
  for (const auto& s : kHostile) {
    CAPTURE(s);
    const std::string markdown = write_body({para(s), para("end")}, {});
    INFO(markdown);
    const auto top = top_level(markdown);
    if (clipdown::test::normalize_space(s).empty()) continue;
    CHECK(top == std::vector<std::string>{"paragraph", "paragraph"});
  }
}

TEST_CASE("an h1 in the body becomes ## and the other headings follow", "[markdown]") {
  CHECK(write_body({heading(1, "Title"), para("x"), heading(2, "Sub")}, {}) ==
        "## Title\n\nx\n\n### Sub\n");
  CHECK(write_body({heading(2, "A"), heading(3, "B")}, {}) == "## A\n\n### B\n");
  CHECK(write_body({heading(3, "A")}, {}) == "### A\n");
  CHECK(write_body({heading(1, "a"), heading(6, "b")}, {}) == "## a\n\n###### b\n");
}

TEST_CASE("a heading ending in # keeps it", "[markdown]") {
  CHECK(write_body({heading(2, "C #")}, {}) == "## C \\#\n");
  CHECK(write_body({heading(2, "#")}, {}) == "## \\#\n");
  CHECK(write_body({heading(2, "C#")}, {}) == "## C#\n");
}

TEST_CASE("list items of one list form a tight nested list", "[markdown]") {
  CHECK(write_body({item(1, "a"), item(1, "b"), item(2, "c", 2), item(1, "d")}, {}) ==
        "- a\n- b\n  - c\n- d\n");
  CHECK(write_body({item(1, "a", 1, true, 1), item(2, "b", 2), item(1, "c", 1, true, 2)}, {}) ==
        "1. a\n   - b\n2. c\n");
  CHECK(write_body({item(1, "a", 1, true, 3), item(1, "b", 1, true, 4)}, {}) == "3. a\n4. b\n");
}

TEST_CASE("nested items indent by the parent marker's width", "[markdown]") {
  std::vector<Block> blocks;
  for (int i = 1; i <= 10; ++i) blocks.push_back(item(1, "x", 1, true, i));
  blocks.push_back(item(2, "child", 2));
  const std::string md = write_body(blocks, {});
  CHECK(md.ends_with("9. x\n10. x\n    - child\n"));
}

TEST_CASE("adjacent different lists switch markers and do not merge", "[markdown]") {
  CHECK(write_body({item(1, "a", 1), item(1, "b", 2)}, {}) == "- a\n\n* b\n");
  CHECK(write_body({item(1, "a", 1, true, 1), item(1, "b", 2, true, 1)}, {}) == "1. a\n\n1) b\n");
  CHECK(write_body({item(1, "a", 1), item(2, "b", 2), item(2, "c", 3)}, {}) ==
        "- a\n  - b\n  * c\n");
  const std::string md = write_body({item(1, "a", 1), item(1, "b", 2)}, {});
  CHECK(top_level(md) == std::vector<std::string>{"list", "list"});
}

TEST_CASE("a nested ordered list starts at 1 so it can interrupt its parent", "[markdown]") {
  const std::string md = write_body({item(1, "a"), item(2, "b", 2, true, 5)}, {});
  CHECK(md == "- a\n  1. b\n");
  CHECK(commonmark_tree(md).find("list\n      item") != std::string::npos);
}

TEST_CASE("lists after other blocks are separated by a blank line", "[markdown]") {
  CHECK(write_body({para("p"), item(1, "a"), para("q")}, {}) == "p\n\n- a\n\nq\n");
}

TEST_CASE("consecutive quote blocks form one quote", "[markdown]") {
  CHECK(write_body({quote("a"), quote("b")}, {}) == "> a\n>\n> b\n");
  CHECK(write_body({quote("a"), quote("b", 2)}, {}) == "> a\n>\n> > b\n");
  CHECK(write_body({quote("a"), para("p")}, {}) == "> a\n\np\n");
  CHECK(top_level(write_body({quote("a"), quote("b")}, {})) ==
        std::vector<std::string>{"block_quote"});
}

TEST_CASE("code blocks are fenced with enough backticks", "[markdown]") {
  CHECK(write_body({code_block("x = 1\n", "python")}, {}) == "```python\nx = 1\n```\n");
  CHECK(write_body({code_block("a ``` b")}, {}) == "````\na ``` b\n````\n");
  CHECK(write_body({code_block("  indented  \n\n  kept\n\n")}, {}) ==
        "```\n  indented\n\n  kept\n```\n");
  CHECK(write_body({code_block("\n\n")}, {}).empty());
}

TEST_CASE("tables are GFM pipe tables", "[markdown]") {
  CHECK(write_body({table({{"a", "b"}, {"1", "2|3"}})}, {}) ==
        "| a | b |\n| --- | --- |\n| 1 | 2\\|3 |\n");
  CHECK(write_body({table({{"a"}, {"1", "2"}})}, {}) == "| a | |\n| --- | --- |\n| 1 | 2 |\n");
  Block with_break = table({{"h"}});
  with_break.rows.push_back({{text("a"), br(), text("b")}});
  CHECK(write_body({with_break}, {}) == "| h |\n| --- |\n| a b |\n");
  CHECK(top_level(write_body({table({{"a", "b"}, {"1", "2"}})}, {})) ==
        std::vector<std::string>{"table"});
}

TEST_CASE("images are written with their alt text and a safe destination", "[markdown]") {
  CHECK(write_body({image("A cat", "https://x.org/cat.png")}, {}) ==
        "![A cat](https://x.org/cat.png)\n");
  CHECK(write_body({image("x", "a b.png")}, {}) == "![x](<a b.png>)\n");
  CHECK(write_body({image("x", "w/(1).png")}, {}) == "![x](<w/(1).png>)\n");
  CHECK(write_body({image("x", "")}, {}).empty());
  CHECK(write_body({image("x", "a.png")}, {.images = false}).empty());
}

TEST_CASE("captions are emphasised", "[markdown]") {
  CHECK(write_body({caption("Photo: AP")}, {}) == "*Photo: AP*\n");
  CHECK(write_body({caption("*star* and _under_")}, {}) == "*\\*star\\* and \\_under\\_*\n");
  CHECK(write_body({caption("x")}, {.captions = false}).empty());
  Block styled = block(BlockKind::caption, {text("By "), em("Jo"), text(" ")});
  CHECK(write_body({styled}, {}) == "*By Jo*\n");
}

TEST_CASE("rules are separated by blank lines and never lead, trail or repeat", "[markdown]") {
  CHECK(write_body({para("a"), rule(), para("b")}, {}) == "a\n\n---\n\nb\n");
  CHECK(write_body({rule(), para("a"), rule(), rule(), para("b"), rule()}, {}) ==
        "a\n\n---\n\nb\n");
}

TEST_CASE("inline spans are written with their markers", "[markdown]") {
  CHECK(write_body({paragraph({text("a "), em("b"), text(" "), strong("c"), text(" "), code("d"),
                               text(" "), hyperlink("e", "https://e.com")})},
                   {}) == "a *b* **c** `d` [e](https://e.com)\n");
  // A link whose text is its URL keeps the bracket form: HTML-stripping tools would take an
  // <autolink> for a tag.
  CHECK(write_body({paragraph({hyperlink("https://e.com", "https://e.com")})}, {}) ==
        "[https://e.com](https://e.com)\n");
  CHECK(write_body({paragraph({code("a`b")})}, {}) == "``a`b``\n");
  CHECK(write_body({paragraph({code("`a")})}, {}) == "`` `a ``\n");
  Span emphasised_link = hyperlink("x", "u");
  emphasised_link.emphasis = true;
  CHECK(write_body({paragraph({text("a "), emphasised_link})}, {}) == "a *[x](u)*\n");
}

TEST_CASE("spaces at the edges of a span move outside its markers", "[markdown]") {
  CHECK(write_body({paragraph({text("a"), strong(" b "), text("c")})}, {}) == "a **b** c\n");
  CHECK(write_body({paragraph({text("a"), em(" "), text("c")})}, {}) == "a c\n");
}

TEST_CASE("empty spans are dropped and adjacent emphasis merges", "[markdown]") {
  CHECK(write_body({paragraph({text("a "), hyperlink("", "u"), text("b")})}, {}) == "a b\n");
  CHECK(write_body({paragraph({em("a"), em("b")})}, {}) == "*ab*\n");
  CHECK(write_body({paragraph({em("a"), strong("b")})}, {}) == "*a*b\n");
}

TEST_CASE("emphasis that would not parse is written as text", "[markdown]") {
  CHECK(write_body({paragraph({text("foo"), em("(bar)"), text("baz")})}, {}) == "foo(bar)baz\n");
}

TEST_CASE("line breaks are backslash breaks and never lead or trail", "[markdown]") {
  CHECK(write_body({paragraph({text("a"), br(), text("b")})}, {}) == "a\\\nb\n");
  CHECK(write_body({paragraph({br(), text("a "), br(), br()})}, {}) == "a\n");
  CHECK(write_body({paragraph({text("a"), br(), text("# b")})}, {}) == "a\\\n\\# b\n");
  CHECK(write_body({block(BlockKind::list_item, {text("a"), br(), text("b")}, 1)}, {}) ==
        "- a\\\n  b\n");
  CHECK(write_body({block(BlockKind::quote, {text("a"), br(), text("b")}, 1)}, {}) ==
        "> a\\\n> b\n");
}

TEST_CASE("options drop links, images and captions", "[markdown]") {
  const Block p =
      paragraph({text("see "), hyperlink("here", "https://x"), text(" "), img("i", "i.png")});
  CHECK(write_body({p}, {.links = false}) == "see here ![i](i.png)\n");
  CHECK(write_body({p}, {.images = false}) == "see [here](https://x)\n");
}

TEST_CASE("write_markdown puts the front matter, a blank line, then the body", "[markdown]") {
  clipdown::Document doc;
  doc.meta.title = "T: x";
  doc.blocks = {para("body")};
  CHECK(clipdown::write_markdown(doc, {}) == "---\ntitle: \"T: x\"\n---\n\nbody\n");
  CHECK(clipdown::write_markdown(doc, {.front_matter = clipdown::FrontMatter::none}) == "body\n");
  CHECK(clipdown::write_markdown(doc, {.front_matter = clipdown::FrontMatter::none,
                                       .title_heading = true}) == "# T: x\n\nbody\n");
  doc.blocks.clear();
  CHECK(clipdown::write_markdown(doc, {}) == "---\ntitle: \"T: x\"\n---\n");
}

TEST_CASE("wrapping keeps lines short, links whole and block markers off line starts",
          "[markdown]") {
  const MarkdownOptions options{.wrap = 20};
  const std::string md =
      write_body({paragraph({text("one two three four five six seven eight nine ten "),
                             hyperlink("a long link text", "https://example.com"),
                             text(" and - dash 1. one")})},
                 options);
  INFO(md);
  std::size_t start = 0;
  while (start < md.size()) {
    const std::size_t end = md.find('\n', start);
    const std::string line = md.substr(start, end - start);
    if (line.find('[') == std::string::npos) CHECK(line.size() <= 20);
    CHECK_FALSE(line.starts_with("- "));
    CHECK_FALSE(line.starts_with("1. "));
    start = end + 1;
  }
  CHECK(md.find("[a long link text](https://example.com)") != std::string::npos);
  CHECK(top_level(md) == std::vector<std::string>{"paragraph"});
  check_round_trip({para("word - word # word > word 1. word")}, {.wrap = 5});
}

TEST_CASE("the writer is deterministic", "[markdown]") {
  std::vector<Block> blocks;
  for (const auto& s : kHostile) {
    blocks.push_back(para(s));
    blocks.push_back(item(1, s));
  }
  CHECK(write_body(blocks, {}) == write_body(blocks, {}));
  check_round_trip(blocks);
}

TEST_CASE("deep list and quote nesting is capped so output stays linear", "[markdown]") {
  std::vector<Block> blocks;
  for (int level = 1; level <= 5000; ++level) blocks.push_back(item(level, "x", 1));
  for (int level = 1; level <= 5000; ++level) blocks.push_back(quote("q", level));
  const std::string md = write_body(blocks, {});
  CHECK(md.size() < 400'000);
  CHECK(md.find(std::string(18, ' ') + "- x\n") != std::string::npos);
  CHECK(md.find(std::string(20, ' ') + "- x") == std::string::npos);
}

TEST_CASE("a hard break never turns a paragraph into a table or a heading", "[markdown]") {
  for (const std::string second : {"--- | ---", "|---|---|", ":-:|", "===", "---", "- - -"}) {
    CAPTURE(second);
    const std::vector<Block> blocks = {paragraph({text("a | b"), br(), text(second)})};
    const std::string md = write_body(blocks, {});
    INFO(md);
    CHECK(top_level(md) == std::vector<std::string>{"paragraph"});
    check_round_trip(blocks);
  }
}

TEST_CASE("write_text writes the title and every block with no markup", "[markdown]") {
  clipdown::Document doc;
  doc.meta.title = "A *title*";
  doc.blocks = {
      block(BlockKind::heading, {text("Section")}, 2),
      paragraph({text("Some "), em("emphasis"), text(" and a "), hyperlink("link", "https://x"),
                 text(" "), img("alt", "i.png")}),
      item(1, "one"),
      item(1, "two"),
      quote("quoted  text"),
      block(BlockKind::caption, {text("A caption")}),
      code_block("  int x;  \n\n", "cpp"),
      table({{"h1", "h2"}, {"a", "b"}}),
      block(BlockKind::image, {img("pic", "p.png")}),
      block(BlockKind::rule, {}),
      paragraph({text("line"), br(), text("break")}),
  };
  CHECK(clipdown::write_text(doc, {}) ==
        "A *title*\n\nSection\n\nSome emphasis and a link\n\none\ntwo\n\nquoted text\n\n"
        "A caption\n\n  int x;\n\nh1\th2\na\tb\n\nline\nbreak\n");
  const std::string no_captions = clipdown::write_text(doc, {.captions = false});
  CHECK(no_captions.find("caption") == std::string::npos);
  doc.blocks = {para("one two three four five six seven eight nine ten eleven twelve")};
  CHECK(clipdown::write_text(doc, {.wrap = 20}) ==
        "A *title*\n\none two three four\nfive six seven eight\nnine ten eleven\ntwelve\n");
  CHECK(clipdown::write_text(clipdown::Document{}, {}).empty());
}

TEST_CASE("no-break spaces at the edges of link text move outside the brackets", "[markdown]") {
  using clipdown::Span;
  using clipdown::SpanKind;
  const clipdown::Block block{
      .spans = {
          Span{.text = "Buy "},
          Span{.kind = SpanKind::link, .text = "the laptop for\xc2\xa0", .url = "https://e.x/a"},
          Span{.kind = SpanKind::link, .text = "\xc2\xa0(was $9)", .url = "https://e.x/b"}}};
  CHECK(clipdown::write_body({block}, {}) ==
        "Buy [the laptop for](https://e.x/a)\xc2\xa0\xc2\xa0[(was $9)](https://e.x/b)\n");
}
