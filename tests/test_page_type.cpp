// The page type (extract_type.cpp): decided from schema.org types, repeated posts, teasers and
// code without a byline; pages are tokenized from HTML so that the evidence is the real one.

#include <algorithm>
#include <array>
#include <string>

#include <catch2/catch.hpp>

#include "clipdown/extract.hpp"
#include "clipdown/tokenize.hpp"
#include "extract_internal.hpp"

using namespace clipdown;

namespace {

detail::PageVerdict verdict_of(const std::string& html) {
  const Page page = tokenize_html(html, TokenizeOptions{});
  return detail::decide_page_type(page, resolve_metadata(page.hints));
}

PageType type_of(const std::string& html) {
  return verdict_of(html).type;
}

std::string paragraph(int n) {
  return "<p>Paragraph " + std::to_string(n) +
         " of the text says something long enough to count as prose on its own, with a clause "
         "or two more.</p>";
}

/// A post of a thread: an author, a date line and a paragraph of its own.
std::string post(int n) {
  return R"(<div class="post"><div class="meta"><span>user)" + std::to_string(n) +
         "</span></div><div class=\"when\">Mar " + std::to_string(n + 1) +
         ", 2024</div><div class=\"body\"><p>Reply " + std::to_string(n) +
         " answers the question with enough words to be a paragraph of its own, and a few "
         "more.</p></div></div>";
}

/// A teaser card: a linked headline and a one-line summary.
std::string teaser(int n) {
  return R"(<div class="card"><h3><a href="/story-)" + std::to_string(n) + "\">Story " +
         std::to_string(n) + " headline</a></h3><div>A one-line summary of story " +
         std::to_string(n) + " that says a little.</div></div>";
}

std::string article_page(const std::string& inner) {
  return "<html><head><title>T</title></head><body><main>" + inner + "</main></body></html>";
}

}  // namespace

TEST_CASE("page type: an article with paragraphs in wrappers of one class stays an article",
          "[page_type]") {
  std::string inner = "<article><h1>Title</h1>";
  for (int i = 0; i < 8; ++i) inner += "<div class=\"para\">" + paragraph(i) + "</div>";
  inner += "</article>";
  const auto verdict = verdict_of(article_page(inner));
  CHECK(verdict.type == PageType::article);
  CHECK(verdict.evidence == "no thread, listing or documentation evidence");
}

TEST_CASE("page type: a declared schema.org type wins", "[page_type]") {
  const std::string body = paragraph(1) + paragraph(2);
  SECTION("JSON-LD DiscussionForumPosting in an @type array") {
    const auto verdict = verdict_of(
        "<html><head><script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
        "\"@type\": [\"WebPage\", \"DiscussionForumPosting\"], \"headline\": \"Q\"}</script>"
        "</head><body>" +
        body + "</body></html>");
    CHECK(verdict.type == PageType::forum);
    CHECK(verdict.evidence == "schema.org type discussionforumposting");
  }
  SECTION("microdata QAPage on the html element") {
    CHECK(type_of("<html itemscope itemtype=\"https://schema.org/QAPage\"><body>" + body +
                  "</body></html>") == PageType::forum);
  }
  SECTION("microdata APIReference, CollectionPage") {
    CHECK(type_of("<html><body><div itemscope itemtype=\"http://schema.org/APIReference\">" + body +
                  "</div></body></html>") == PageType::documentation);
    CHECK(type_of("<html><body itemscope itemtype=\"https://schema.org/CollectionPage\">" + body +
                  "</body></html>") == PageType::listing);
  }
  SECTION("types that name no page type are ignored") {
    CHECK(type_of("<html><body><div itemscope itemtype=\"https://schema.org/Person\">" + body +
                  "</div></body></html>") == PageType::article);
  }
  SECTION("a class named like a schema type is not a declaration") {
    CHECK(type_of("<html><body><div class=\"discussionforumposting-teaser\">" + body +
                  "</div></body></html>") == PageType::article);
  }
}

TEST_CASE("page type: posts of one template, each with a date, make a thread", "[page_type]") {
  std::string inner;
  for (int i = 0; i < 4; ++i) inner += post(i);
  const auto verdict = verdict_of(article_page(inner));
  CHECK(verdict.type == PageType::forum);
  CHECK(verdict.evidence == "4 posts of one template hold 100% of the prose");

  SECTION("two replies under an article are comments, not a thread") {
    std::string page = "<article>";
    for (int i = 0; i < 6; ++i) page += paragraph(i);
    page += "</article>" + post(1) + post(2);
    CHECK(type_of(article_page(page)) == PageType::article);
  }
  SECTION("an article that holds most of the prose beside three short posts stays an article") {
    std::string page = "<article>";
    for (int i = 0; i < 20; ++i) page += paragraph(i);
    page += "</article>" + post(1) + post(2) + post(3);
    CHECK(type_of(article_page(page)) == PageType::article);
  }
  SECTION("repeated blocks without a date line are not posts") {
    std::string page;
    for (int i = 0; i < 5; ++i) page += "<div class=\"post\">" + paragraph(i) + "</div>";
    CHECK(type_of(article_page(page)) == PageType::article);
  }
}

TEST_CASE("a thread's author is its first post's, not every poster's", "[page_type]") {
  const std::array<std::string, 4> names = {"Ann Lee", "Bo Diaz", "Cy Young", "Di Moss"};
  std::string inner;
  for (std::size_t i = 0; i < names.size(); ++i) {
    inner +=
        "<div itemprop=author itemscope itemtype='https://schema.org/Person'><span "
        "itemprop=name>" +
        names.at(i) + "</span></div>" + post(static_cast<int>(i));
  }
  const Document doc = extract(tokenize_html(article_page(inner), TokenizeOptions{}), {});
  CHECK(doc.type == PageType::forum);
  CHECK(doc.meta.authors == std::vector<std::string>{"Ann Lee"});
}

TEST_CASE("a page without text of its own gets its description as the body", "[page_type]") {
  const std::string shell =
      "<html><head><title>Where should I start?</title><meta name=description content='I have "
      "nothing smart in my apartment yet, so I want to start: what is the best solution?'>"
      "</head><body><section id=main></section></body></html>";
  const Document doc = extract(tokenize_html(shell, TokenizeOptions{}), {});
  REQUIRE(doc.blocks.size() == 1);
  CHECK(plain_text(doc.blocks[0].spans).starts_with("I have nothing smart"));
  CHECK(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const Diagnostic& d) {
    return d.message == "no article text found; the body is the page's description";
  }));
  const Document counter = extract(
      tokenize_html("<head><meta name=description content='12 comments'></head><body></body>",
                    TokenizeOptions{}),
      {});
  CHECK(counter.blocks.empty());
}

TEST_CASE("page type: a grid of linked teasers is a listing", "[page_type]") {
  std::string grid;
  for (int i = 0; i < 8; ++i) grid += teaser(i);
  const auto verdict = verdict_of(article_page(grid));
  CHECK(verdict.type == PageType::listing);
  CHECK(verdict.evidence.starts_with("8 linked teasers of one template hold"));

  SECTION("a teaser grid under a long article leaves it an article") {
    std::string page = "<article>";
    for (int i = 0; i < 12; ++i) page += paragraph(i);
    CHECK(type_of(article_page(page + "</article>" + grid)) == PageType::article);
  }
  SECTION("a list of bare headline links is not a grid of teasers") {
    std::string links;
    for (int i = 0; i < 8; ++i) {
      links += R"(<div class="item"><a href="/s)" + std::to_string(i) + "\">Headline number " +
               std::to_string(i) + " of the list</a></div>";
    }
    CHECK(type_of(article_page(links)) == PageType::article);
  }
}

TEST_CASE("page type: code on a page without author or date is documentation", "[page_type]") {
  const std::string code =
      "<pre><code>int main() {\n  return run(parse(argv), options, stdout);\n}\n"
      "void run(Args args, Options options, FILE* out);\n</code></pre>";
  const std::string inner = "<h1>run()</h1>" + paragraph(1) + code + paragraph(2);
  const auto verdict = verdict_of(article_page(inner));
  CHECK(verdict.type == PageType::documentation);
  CHECK(verdict.evidence.ends_with("of the text is code, no author or date"));

  SECTION("a tutorial post with a byline and code is an article") {
    const std::string head =
        "<html><head><title>T</title><meta name=\"author\" content=\"Jane Roe\">"
        "<meta property=\"article:published_time\" content=\"2024-03-01\"></head><body><main>";
    CHECK(type_of(head + inner + "</main></body></html>") == PageType::article);
  }
  SECTION("a manual's entries of one template, each with code, are no thread") {
    // every entry has a time-like line ("Since 1.48.0: 10:42") beside its prose, as posts do
    std::string entries;
    for (int i = 0; i < 5; ++i) {
      entries += "<div class=\"method\"><div class=\"since\">since 1.4" + std::to_string(i) +
                 ".0 (10:4" + std::to_string(i) + ")</div>" + paragraph(i) + code + "</div>";
    }
    CHECK(type_of(article_page("<h1>Result</h1>" + entries)) == PageType::documentation);
  }
  SECTION("a page without code is not documentation") {
    CHECK(type_of(article_page("<h1>run()</h1>" + paragraph(1) + paragraph(2))) ==
          PageType::article);
  }
}
