// Hostile inputs through the whole pipeline: each must finish (ctest TIMEOUT) without a crash,
// and give a best-effort result or a clean clipdown::Error.

#include <string>

#include <catch2/catch.hpp>

#include "clipdown/convert.hpp"
#include "clipdown/error.hpp"
#include "support/factories.hpp"

TEST_CASE("100 000 nested divs keep the text at the bottom", "[pathological]") {
  constexpr int kDepth = 100'000;
  std::string html = "<html><body>";
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html +=
      "<p>Deep inside the page there is one paragraph of text, and it survives the nesting.</p>";
  for (int i = 0; i < kDepth; ++i) html += "</div>";
  html += "</body></html>";
  const auto result = clipdown::convert(html, clipdown::test::html_options());
  CHECK(result.markdown.find("Deep inside the page") != std::string::npos);
}

TEST_CASE("a 20 MB line of text converts", "[pathological]") {
  std::string text = "A long title line\n\n";
  const std::string sentence = "This sentence repeats, again and again, without a line break. ";
  while (text.size() < 20'000'000) text += sentence;
  text += "\n";
  const auto result = clipdown::convert(text, {});
  CHECK(result.markdown.size() > 10'000'000);
}

TEST_CASE("50 000 repeated captions collapse without a quadratic pass", "[pathological]") {
  std::string text = "Title of the page\n\n";
  for (int i = 0; i < 50'000; ++i) {
    text += "A photo of the harbour at dawn. /Reuters\n\n";
    text += "Paragraph number " + std::to_string(i) +
            " says something about the harbour, at length.\n\n";
  }
  const auto result = clipdown::convert(text, {});
  CHECK(result.markdown.find("Paragraph number 49999") != std::string::npos);
}

TEST_CASE("50 000 figures with captions in HTML convert", "[pathological]") {
  std::string html = "<html><body><article>";
  for (int i = 0; i < 50'000; ++i) {
    html += "<figure><img src='a.jpg' alt='x'><figcaption>Caption</figcaption></figure>";
    html += "<p>Paragraph " + std::to_string(i) + " of the article, with words, and commas.</p>";
  }
  html += "</article></body></html>";
  const auto result = clipdown::convert(html, clipdown::test::html_options());
  CHECK(result.markdown.find("Paragraph 49999") != std::string::npos);
}

TEST_CASE("invalid UTF-8 everywhere is repaired", "[pathological]") {
  std::string text = "Title\n\n";
  for (int i = 0; i < 10'000; ++i) text += "ab\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc ";
  text += "\n";
  const auto result = clipdown::convert(text, {});
  CHECK(result.markdown.find("\xef\xbf\xbd") != std::string::npos);
}

TEST_CASE("empty input is a clean decode error", "[pathological]") {
  CHECK_THROWS_AS(clipdown::convert("", {}), clipdown::Error);
}

TEST_CASE("unclosed markup soup converts", "[pathological]") {
  std::string html;
  for (int i = 0; i < 20'000; ++i) html += "<table><tr><td><ul><li><b><i><a href='x'>text ";
  auto options = clipdown::test::html_options();
  options.extract.main_content = false;  // the soup is all links: extraction rightly drops it
  const auto result = clipdown::convert(html, options);
  CHECK(result.markdown.find("text") != std::string::npos);
}
