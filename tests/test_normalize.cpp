#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/normalize.hpp"
#include "clipdown/tokenize.hpp"
#include "support/factories.hpp"

using clipdown::Block;
using clipdown::BlockKind;
using clipdown::Page;
using clipdown::Span;
using clipdown::SpanKind;
using clipdown::test::caption;
using clipdown::test::para;

namespace {

std::vector<Block> normalize(std::vector<Block> blocks, bool dedupe = true) {
  Page page;
  page.blocks = std::move(blocks);
  return clipdown::normalize(std::move(page), {.dedupe_captions = dedupe}).blocks;
}

// A paragraph block at a source range, as the text tokenizer makes them.
Block line(std::string text, std::uint32_t offset) {
  Block block = para(std::move(text));
  block.source = {offset, static_cast<std::uint32_t>(block.spans[0].text.size())};
  return block;
}

// Text tokenized and normalized, as plain text per block.
std::vector<std::string> texts(const std::string& input) {
  const Page page = clipdown::normalize(clipdown::tokenize_text(input, {}), {});
  std::vector<std::string> out;
  for (const auto& block : page.blocks) out.push_back(clipdown::plain_text(block.spans));
  return out;
}

}  // namespace

TEST_CASE("normalize keeps the first of two identical captions", "[normalize]") {
  const auto out =
      normalize({caption("Fomin. /Reuters"), caption("Fomin. /Reuters"), para("NATO")});
  CHECK(out == std::vector<Block>{caption("Fomin. /Reuters"), para("NATO")});
}

TEST_CASE("normalize keeps repeated captions when deduplication is off", "[normalize]") {
  const auto out = normalize({caption("Fomin. /Reuters"), caption("Fomin. /Reuters")}, false);
  CHECK(out.size() == 2);
}

TEST_CASE("normalize drops a caption equal to the image's alt text", "[normalize]") {
  const Block image{.kind = BlockKind::image,
                    .spans = {Span{.kind = SpanKind::image, .text = "A dog", .url = "d.jpg"}}};
  const auto out = normalize({image, caption("A  dog")});
  CHECK(out == std::vector<Block>{image});
}

TEST_CASE("normalize collapses 50 000 repeated captions in linear time", "[normalize]") {
  std::vector<Block> blocks;
  for (int i = 0; i < 50000; ++i) blocks.push_back(caption("Same caption. /AP"));
  blocks.push_back(para("end"));
  const auto out = normalize(std::move(blocks));
  CHECK(out == std::vector<Block>{caption("Same caption. /AP"), para("end")});
}

TEST_CASE("normalize collapses white space and trims blocks", "[normalize]") {
  const auto out = normalize({para("  Hello \t  world\xc2\xa0 \xc2\xa0"), para("a\xc2\xa0"
                                                                               "b")});
  CHECK(out == std::vector<Block>{para("Hello world"), para("a\xc2\xa0"
                                                            "b")});
}

TEST_CASE("normalize collapses white space across spans", "[normalize]") {
  Block block{.spans = {Span{.text = "Hello "}, Span{.kind = SpanKind::emphasis, .text = " big"},
                        Span{.text = " world "}}};
  const auto out = normalize({block});
  REQUIRE(out.size() == 1);
  CHECK(out[0].spans[1].text == "big");
  CHECK(out[0].spans[2].text == " world");
}

TEST_CASE("normalize drops NBSP-only blocks", "[normalize]") {
  CHECK(normalize({para("\xc2\xa0"), para(" "), para("x")}) == std::vector<Block>{para("x")});
}

TEST_CASE("normalize never touches code blocks", "[normalize]") {
  const Block code{.kind = BlockKind::code, .spans = {Span{.text = "  int  x;\n\n"}}};
  CHECK(normalize({code}) == std::vector<Block>{code});
}

TEST_CASE("normalize joins hard-wrapped lines of a text scrape", "[normalize]") {
  const auto out = texts(
      "The committee met on Tuesday to discuss the plan for the new\n"
      "bridge across the river, which has been delayed for three years\n"
      "because of a dispute about its cost and the route of the road.\n"
      "\n"
      "Short paragraph.\n");
  CHECK(out == std::vector<std::string>{
                   "The committee met on Tuesday to discuss the plan for the new bridge across "
                   "the river, which has been delayed for three years because of a dispute about "
                   "its cost and the route of the road.",
                   "Short paragraph."});
}

TEST_CASE("normalize de-hyphenates a word split at a wrap", "[normalize]") {
  const auto out = texts(
      "The committee met on Tuesday to discuss the plan for these exam-\n"
      "ples of bridges across the river, which has been delayed for years\n"
      "because of a dispute about its cost.\n");
  REQUIRE(out.size() == 1);
  CHECK(out[0].find("these examples of bridges") != std::string::npos);
}

TEST_CASE("normalize keeps a hyphen that is not at a wrap", "[normalize]") {
  CHECK(texts("A well-\nknown fact.\n") == std::vector<std::string>{"A well-", "known fact."});
}

TEST_CASE("normalize does not join consecutive menu or headline lines", "[normalize]") {
  const auto out = texts(
      "Arizona Development Bans Residents From Bringing Cars\n"
      "Epstein's Jail Guards Charged With Conspiracy, Records Falsification\n"
      "Former U.K. Consulate Worker Says Chinese Secret Police Tortured Him\n");
  CHECK(out.size() == 3);
}

TEST_CASE("normalize joins wrapped line breaks inside a paragraph", "[normalize]") {
  Block block{
      .spans = {Span{.text = "The committee met on Tuesday to discuss the plan for the new"},
                Span{.kind = SpanKind::line_break},
                Span{.text = "bridge across the river, which has been delayed for years"},
                Span{.kind = SpanKind::line_break}, Span{.text = "because of cost."}}};
  const auto out = normalize({block});
  REQUIRE(out.size() == 1);
  CHECK(out[0].spans.size() == 1);
  CHECK(clipdown::plain_text(out[0].spans) ==
        "The committee met on Tuesday to discuss the plan for the new bridge across the river, "
        "which has been delayed for years because of cost.");
}

TEST_CASE("normalize keeps deliberate line breaks", "[normalize]") {
  Block block{.spans = {Span{.text = "Roses are red,"}, Span{.kind = SpanKind::line_break},
                        Span{.text = "violets are blue."}}};
  const auto out = normalize({block});
  REQUIRE(out.size() == 1);
  CHECK(out[0].spans.size() == 3);
}

TEST_CASE("normalize merges a list item continued on the next line", "[normalize]") {
  CHECK(texts("- the first item is long and\n  continues here\n- second\n") ==
        std::vector<std::string>{"the first item is long and continues here", "second"});
}

TEST_CASE(
    "normalize leaves paragraphs from separate source lines apart when they are not "
    "adjacent",
    "[normalize]") {
  const auto out = normalize({line("one line without an end", 0), line("another one", 100)});
  CHECK(out.size() == 2);
}
