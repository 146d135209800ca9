#include <catch2/catch.hpp>

#include "clipdown/document.hpp"
#include "support/factories.hpp"

using clipdown::test::para;

TEST_CASE("dump_blocks prints one line per block", "[document]") {
  CHECK(clipdown::dump_blocks({para("a"), clipdown::test::heading(2, "b")}) ==
        "paragraph a\nheading L2 b\n");
}

TEST_CASE("plain_text joins spans and turns breaks into newlines", "[document]") {
  using clipdown::Span;
  using clipdown::SpanKind;
  CHECK(clipdown::plain_text({Span{.text = "a"}, Span{.kind = SpanKind::line_break},
                              Span{.kind = SpanKind::link, .text = "b", .url = "u"}}) == "a\nb");
}
