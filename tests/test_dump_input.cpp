// Text-mode browser dumps (lynx -dump, w3m -dump): recognised by their layout and read into
// blocks without the browser's own marks (issue 12: lynx "[12]" markers came out as "\[12\]",
// the "References" list and "[svg]" placeholders were kept, wrapped lines stayed apart).

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/convert.hpp"
#include "dump_input.hpp"

using clipdown::BlockKind;
using clipdown::detail::dump_kind;
using clipdown::detail::dump_lines;
using clipdown::detail::DumpKind;
using clipdown::detail::ScrapeBlock;

namespace {

/// A `lynx -dump` (with its link list) of a small article page: the <link> line, a menu, the
/// headline at the left margin, wrapped paragraphs, a nested list, form controls, the list of
/// references.
const std::string kLynx =
    "   #[1]Example News \xc2\xbb Feed [2]Example News \xc2\xbb Comments Feed\n"
    "\n"
    "   [3]Skip to content\n"
    "\n"
    "     * [4]Home\n"
    "     * Sections (BUTTON)\n"
    "          + [5]Local\n"
    "          + [6]World\n"
    "\n"
    "   [7][logo.png] Search: ____________________\n"
    "\n"
    "The river towns rebuild after the flood that closed the main street for a\n"
    "week\n"
    "\n"
    "   By [8]Maria Lopez\n"
    "\n"
    "   The water came up overnight and stayed for a week. Shops along the main\n"
    "   street lost their stock, and the council's [9]recovery fund opened a month\n"
    "   later. Most owners say they will stay.\n"
    "   Rebuilding is slow.\n"
    "\n"
    "     * Insurers dispute what the flood-damage policies cover, and the council\n"
    "       wants answers before the next rainy season.\n"
    "     * Volunteers came from three counties away.\n"
    "\n"
    "   [ ] Remember me [X] Subscribe\n"
    "\n"
    "References\n"
    "\n"
    "   Visible links:\n"
    "   1. https://example.com/feed/\n"
    "   2. https://example.com/comments/feed/\n"
    "   3. file:///tmp/page.html#content\n"
    "   4. https://example.com/\n"
    "   5. https://example.com/local/\n"
    "   6. https://example.com/world/\n"
    "   7. https://example.com/\n"
    "   8. https://example.com/author/maria/\n"
    "   9. https://example.com/recovery-fund/\n"
    "\n"
    "   Hidden links:\n"
    "  10. https://example.com/hidden/\n";

/// The same page as `w3m -dump` lays it out: no indentation, "•" and "□" bullets, 80 columns.
const std::string kW3m =
    "Skip to content\n"
    "\n"
    "  • Home\n"
    "  • Sections\n"
    "      □ Local\n"
    "      □ World\n"
    "\n"
    "[logo] Search: [                    ] [Search]\n"
    "\n"
    "The river towns rebuild after the flood\n"
    "\n"
    "By Maria Lopez\n"
    "\n"
    "The water came up overnight and stayed for a week. Shops along the main street\n"
    "lost their stock, and the council's recovery fund opened a month later. Most\n"
    "owners say they will stay.\n"
    "Rebuilding is slow.\n"
    "\n"
    "  • Insurers dispute what the flood-damage policies cover, and the council wants\n"
    "    answers before the next rainy season.\n"
    "  • Volunteers came from three counties away. [svg]\n";

std::vector<std::string> texts(const std::vector<ScrapeBlock>& blocks) {
  std::vector<std::string> out;
  for (const auto& block : blocks) out.push_back(block.text);
  return out;
}

const ScrapeBlock* find(const std::vector<ScrapeBlock>& blocks, const std::string& start) {
  for (const auto& block : blocks) {
    if (block.text.starts_with(start)) return &block;
  }
  return nullptr;
}

/// The block starting with `start`, which must be there.
const ScrapeBlock& get(const std::vector<ScrapeBlock>& blocks, const std::string& start) {
  const ScrapeBlock* block = find(blocks, start);
  INFO(start);
  REQUIRE(block != nullptr);
  return *block;
}

}  // namespace

TEST_CASE("dump_kind tells lynx and w3m dumps from other text", "[dump_input]") {
  CHECK(dump_kind(kLynx) == DumpKind::lynx);
  CHECK(dump_kind(kW3m) == DumpKind::w3m);
  CHECK(dump_kind("") == DumpKind::none);
  CHECK(dump_kind("Home\nNews\n\nA headline\n\nSome prose that goes on for a while.\n") ==
        DumpKind::none);
  // an article's own numbered references are not lynx's link list
  CHECK(dump_kind("Study finds [1] more [2] evidence [3].\n\nReferences\n\n"
                  "1. Smith, J. https://doi.org/10.1/x\n2. Doe, A. https://doi.org/10.1/y\n") ==
        DumpKind::none);
  // a few bullets in text that is not wrapped at 80 columns are not w3m's
  CHECK(dump_kind("  \xe2\x80\xa2 one\n  \xe2\x80\xa2 two\n  \xe2\x80\xa2 three\n" +
                  std::string(120, 'x') + "\n") == DumpKind::none);
}

TEST_CASE("dump_lines reads a lynx dump without its marks", "[dump_input]") {
  const auto blocks = dump_lines(kLynx, DumpKind::lynx);
  const auto all = texts(blocks);
  for (const auto& text : all) {
    INFO(text);
    CHECK(text.find('[') == std::string::npos);  // no "[12]", "[logo.png]", "[ ]", "[X]"
    CHECK(text.find("(BUTTON)") == std::string::npos);
    CHECK(text.find("____") == std::string::npos);
    CHECK(text.find("https://") == std::string::npos);  // the References list is gone
    CHECK(text.find("Feed") == std::string::npos);      // so is lynx's list of <link>s
  }
  // the headline at the left margin, its two lines joined
  const auto* headline = find(blocks, "The river towns");
  REQUIRE(headline != nullptr);
  CHECK(headline->kind == BlockKind::heading);
  CHECK(headline->text ==
        "The river towns rebuild after the flood that closed the main street for a week");
  CHECK(headline->line == 12);
  // a wrapped paragraph is one block; a line ended early (a <br>) starts another
  CHECK(get(blocks, "The water came up").text ==
        "The water came up overnight and stayed for a week. Shops along the main street lost "
        "their stock, and the council's recovery fund opened a month later. Most owners say "
        "they will stay.");
  CHECK(get(blocks, "Rebuilding is slow.").kind == BlockKind::paragraph);
  CHECK(get(blocks, "By Maria Lopez").kind == BlockKind::paragraph);
  // list items with their depth, wrapped items joined
  const auto* local = find(blocks, "Local");
  REQUIRE(local != nullptr);
  CHECK(local->kind == BlockKind::list_item);
  CHECK(local->level == 2);
  const auto* insurers = find(blocks, "Insurers dispute");
  REQUIRE(insurers != nullptr);
  CHECK(insurers->kind == BlockKind::list_item);
  CHECK(insurers->level == 1);
  CHECK(insurers->text.ends_with("before the next rainy season."));
  CHECK(get(blocks, "Remember me Subscribe").kind == BlockKind::paragraph);
}

TEST_CASE("dump_lines reads a w3m dump without its marks", "[dump_input]") {
  const auto blocks = dump_lines(kW3m, DumpKind::w3m);
  CHECK(get(blocks, "World").kind == BlockKind::list_item);
  CHECK(get(blocks, "World").level == 2);
  CHECK(get(blocks, "Home").level == 1);
  CHECK(get(blocks, "The water came up").text.ends_with("Most owners say they will stay."));
  CHECK(get(blocks, "Rebuilding is slow.").kind == BlockKind::paragraph);
  CHECK(get(blocks, "Insurers dispute").text.ends_with("before the next rainy season."));
  CHECK(get(blocks, "Volunteers came").text == "Volunteers came from three counties away.");
  // a field goes; a button's label and an image's name stay (w3m drops the file ending)
  CHECK(get(blocks, "[logo] Search:").text == "[logo] Search: [Search]");
  // w3m does not mark headings: that is left to the text rules
  CHECK(get(blocks, "The river towns").kind == BlockKind::paragraph);
}

TEST_CASE("a lynx dump converts to clean Markdown with its headline as the title", "[dump_input]") {
  clipdown::Options options;
  options.decode.kind = clipdown::InputKind::text;
  const auto result = clipdown::convert(kLynx, options);
  INFO(result.markdown);
  CHECK(result.markdown.find("title: The river towns rebuild after the flood that closed the "
                             "main street for a week") != std::string::npos);
  CHECK(result.markdown.find("author: Maria Lopez") != std::string::npos);
  CHECK(result.markdown.find("\\[") == std::string::npos);
  CHECK(result.markdown.find("References") == std::string::npos);
  CHECK(result.markdown.find("- Insurers dispute what the flood-damage policies cover, and the "
                             "council wants answers before the next rainy season.") !=
        std::string::npos);
}

TEST_CASE("read_dump recognises and reads a dump in one go", "[dump_input]") {
  const auto lynx = clipdown::detail::read_dump(kLynx, DumpKind::none);
  CHECK(lynx.kind == DumpKind::lynx);
  CHECK(texts(lynx.blocks) == texts(dump_lines(kLynx, DumpKind::lynx)));
  // a forced kind is read as such; plain text is no dump and gives no blocks
  CHECK(clipdown::detail::read_dump(kW3m, DumpKind::w3m).kind == DumpKind::w3m);
  const auto plain = clipdown::detail::read_dump("Just a line of text.\n", DumpKind::none);
  CHECK(plain.kind == DumpKind::none);
  CHECK(plain.blocks.empty());
}
