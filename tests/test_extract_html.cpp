#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "clipdown/extract.hpp"
#include "extract_internal.hpp"
#include "support/factories.hpp"

using namespace clipdown;
using clipdown::test::heading;
using clipdown::test::para;
using clipdown::test::with_role;

namespace {

/// Builds a Page by hand: containers with parents and hints, blocks placed in them.
class PageBuilder {
 public:
  PageBuilder() { page_.containers.push_back(Container{}); }

  /// Adds a container under `parent` and returns its index.
  std::uint32_t box(std::uint32_t parent, std::string tag, std::string hints = {}) {
    page_.containers.push_back(
        Container{.parent = parent, .tag = std::move(tag), .hints = std::move(hints)});
    return static_cast<std::uint32_t>(page_.containers.size() - 1);
  }

  /// Adds a block inside container `in`.
  PageBuilder& add(std::uint32_t in, Block block) {
    block.container = in;
    page_.blocks.push_back(std::move(block));
    return *this;
  }

  [[nodiscard]] Page page() const { return page_; }

 private:
  Page page_;
};

/// A list item that is one link.
Block link_item(std::string text) {
  return Block{.kind = BlockKind::list_item,
               .level = 1,
               .spans = {Span{.kind = SpanKind::link, .text = std::move(text), .url = "/x"}}};
}

/// A prose paragraph of about 200 characters, numbered so paragraphs differ.
std::string prose(int n) {
  return "Paragraph " + std::to_string(n) +
         " of the story, in which the council voted to approve the new budget, and residents, "
         "who had waited for months, said they were relieved that the plan would finally "
         "move ahead this year.";
}

std::vector<std::string> texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  out.reserve(blocks.size());
  for (const auto& block : blocks) out.push_back(plain_text(block.spans));
  return out;
}

bool has(const std::vector<Block>& blocks, const std::string& text) {
  const auto all = texts(blocks);
  return std::find(all.begin(), all.end(), text) != all.end();
}

std::vector<Block> select(const Page& page, const Metadata& meta = {},
                          PageType type = PageType::article) {
  Page copy = page;
  std::vector<Diagnostic> diagnostics;
  return detail::select_html_content(copy, meta, ExtractOptions{}, diagnostics, type);
}

}  // namespace

TEST_CASE("extraction picks the article over a navigation-like link list", "[extract_html]") {
  PageBuilder b;
  const auto menu = b.box(0, "div", "top-links");
  const auto article = b.box(0, "div", "story");
  for (int i = 0; i < 12; ++i) b.add(menu, link_item("Section number " + std::to_string(i)));
  for (int i = 0; i < 4; ++i) b.add(article, para(prose(i)));
  const auto out = select(b.page());
  REQUIRE(out.size() == 4);
  CHECK(texts(out).front() == prose(0));
  CHECK(
      std::all_of(out.begin(), out.end(), [&](const Block& x) { return x.container == article; }));
}

TEST_CASE("extraction gathers a sibling that holds more of the article", "[extract_html]") {
  PageBuilder b;
  const auto wrap = b.box(0, "div", "page");
  const auto menu = b.box(wrap, "ul", "");
  const auto part1 = b.box(wrap, "div", "article-body");
  const auto part2 = b.box(wrap, "div", "");
  const auto links = b.box(wrap, "div", "");
  for (int i = 0; i < 10; ++i) b.add(menu, link_item("Menu entry " + std::to_string(i)));
  for (int i = 0; i < 5; ++i) b.add(part1, para(prose(i)));
  for (int i = 5; i < 7; ++i) b.add(part2, para(prose(i)));
  for (int i = 0; i < 10; ++i) b.add(links, link_item("Other story " + std::to_string(i)));
  const auto out = select(b.page());
  CHECK(out.size() == 7);
  CHECK(has(out, prose(6)));
  CHECK_FALSE(has(out, "Menu entry 1"));
  CHECK_FALSE(has(out, "Other story 1"));
}

TEST_CASE("extraction joins the short sibling sections of a winning section", "[extract_html]") {
  PageBuilder b;
  const auto wrap = b.box(0, "div", "body");
  const auto first = b.box(wrap, "section", "");
  const auto second = b.box(wrap, "section", "");
  const auto links = b.box(wrap, "section", "");
  for (int i = 0; i < 6; ++i) b.add(first, para(prose(i)));
  b.add(second, heading(2, "Limits"));
  b.add(second, para("The tool reads saved pages only; it never fetches anything itself."));
  b.add(links, para("See also:"));
  for (int i = 0; i < 8; ++i) b.add(links, link_item("Related page " + std::to_string(i)));
  const auto out = select(b.page());
  CHECK(has(out, prose(5)));
  CHECK(has(out, "The tool reads saved pages only; it never fetches anything itself."));
  CHECK_FALSE(has(out, "Related page 1"));
}

TEST_CASE("on a documentation page a section's id from its heading says nothing of chrome",
          "[extract_html]") {
  // Sphinx: <section id="more-on-lists"><h2>5.1. More on Lists</h2>; "more" marks chrome
  PageBuilder b;
  const auto chapter = b.box(0, "section", "data-structures");
  const auto lists = b.box(chapter, "section", "more-on-lists");
  b.add(lists, heading(2, "5.1. More on Lists"));
  b.add(lists, para(prose(7)));
  const auto dicts = b.box(chapter, "section", "dictionaries");
  b.add(dicts, heading(2, "5.5. Dictionaries"));
  for (int i = 0; i < 6; ++i) b.add(dicts, para(prose(i)));
  const auto more = b.box(0, "div", "more-stories");
  b.add(more, heading(2, "Other pages"));
  b.add(more, para(prose(8)));

  const auto docs = select(b.page(), {}, PageType::documentation);
  CHECK(has(docs, prose(7)));
  CHECK(has(docs, prose(5)));
  CHECK_FALSE(has(docs, prose(8)));
  CHECK_FALSE(has(select(b.page()), prose(7)));
  // another chrome word beside the anchor still marks the container
  PageBuilder c;
  const auto side = c.box(0, "section", "sidebar more-on-lists");
  c.add(side, heading(2, "More on Lists"));
  c.add(side, para(prose(7)));
  const auto main_part = c.box(0, "section", "dictionaries");
  for (int i = 0; i < 6; ++i) c.add(main_part, para(prose(i)));
  CHECK_FALSE(has(select(c.page(), {}, PageType::documentation), prose(7)));
}

TEST_CASE("extraction prunes a related-links list inside the article", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "article", "");
  const auto body = b.box(article, "div", "");
  const auto related = b.box(body, "div", "related-stories");
  b.add(body, para(prose(1))).add(body, para(prose(2)));
  b.add(related, heading(3, "More on this"));
  b.add(related, link_item("A related story about the council"));
  b.add(related, link_item("Another related story about the budget"));
  // An unhinted list of links inside the body is link-dense and goes too.
  b.add(body, link_item("Unhinted link to yet another story"));
  b.add(body, para(prose(3)));
  const auto out = select(b.page());
  CHECK(texts(out) == std::vector<std::string>{prose(1), prose(2), prose(3)});
}

TEST_CASE("extraction drops the headline and the byline and date lines", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "article", "");
  b.add(article, para("Politics"));
  b.add(article, heading(1, "Council Approves the New Budget"));
  b.add(article, para("By Jane Doe"));
  b.add(article, para("Nov. 19, 2019 10:32 AM ET"));
  b.add(article, para(prose(1))).add(article, para(prose(2)));
  b.add(article, heading(2, "What comes next"));
  b.add(article, para(prose(3)));
  Metadata meta;
  meta.title = "Council approves the new budget";
  meta.authors = {"Jane Doe"};
  meta.date = "2019-11-19";
  const auto out = select(b.page(), meta);
  CHECK(texts(out) == std::vector<std::string>{prose(1), prose(2), "What comes next", prose(3)});
}

TEST_CASE("extraction drops chrome phrases such as Continue reading", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "div", "entry-content");
  b.add(article, para(prose(1)));
  b.add(article, para("Continue reading the main story"));
  b.add(article, para("ADVERTISEMENT"));
  b.add(article, para(prose(2)));
  b.add(article, para("Read more: Why the council waited so long"));
  b.add(article, para("Share this article"));
  const auto out = select(b.page());
  CHECK(texts(out) == std::vector<std::string>{prose(1), prose(2)});
}

TEST_CASE("extraction falls back to all prose when the winner is implausibly short",
          "[extract_html]") {
  PageBuilder b;
  // The article is scattered over many unhinted containers, each with one paragraph, under
  // parents full of links; a strongly hinted box with one short paragraph looks best locally.
  const auto body = b.box(0, "div", "article-body");
  b.add(body, para("A short teaser of the story, nothing more than a line."));
  for (int i = 0; i < 5; ++i) {
    const auto group = b.box(0, "div", "");
    const auto inner = b.box(group, "div", "");
    b.add(inner, para(prose(i)));
    for (int k = 0; k < 8; ++k) b.add(group, link_item("Link number " + std::to_string(k)));
  }
  const auto out = select(b.page());
  for (int i = 0; i < 5; ++i) CHECK(has(out, prose(i)));
  CHECK_FALSE(has(out, "Link number 3"));
}

TEST_CASE("extraction never empties a page whose class names all sound like chrome",
          "[extract_html]") {
  // A page builder's template: every paragraph sits in its own "*-widget-*" wrapper, so every
  // container is boilerplate by its class, and a call-to-action box is the only clean one.
  PageBuilder b;
  const auto cta = b.box(0, "div", "cta-description");
  b.add(cta, para("Call our office today to book a free consultation with the team."));
  const auto page = b.box(0, "div", "page-content");
  const auto column = b.box(page, "div", "builder-column");
  b.add(b.box(column, "div", "builder-widget-heading"), heading(2, "What the council decided"));
  for (int i = 0; i < 6; ++i) {
    b.add(b.box(column, "div", "builder-widget-text-editor"), para(prose(i)));
  }
  const auto footer = b.box(0, "div", "footer-widget");
  for (int k = 0; k < 4; ++k) {
    b.add(b.box(footer, "div", "footer-widget-item"),
          para("Footer column " + std::to_string(k) + " with an address and opening hours."));
  }
  std::vector<Diagnostic> diagnostics;
  Page copy = b.page();
  ExtractOptions options;
  options.explain = true;
  const auto out = detail::select_html_content(copy, {}, options, diagnostics);
  // Scored without class hints, the column wins: its heading and paragraphs, in order, and
  // neither the call to action nor the footer.
  std::vector<std::string> want{"What the council decided"};
  for (int i = 0; i < 6; ++i) want.push_back(prose(i));
  CHECK(texts(out) == want);
  const bool explained = std::any_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
    return d.message.find("a selection scored without class hints") != std::string::npos;
  });
  CHECK(explained);
}

TEST_CASE("a class naming the article body outweighs the page builder's namespace around it",
          "[extract_html]") {
  // A page builder calls every wrapper a widget: the article sits in
  // "builder-widget builder-widget-theme-post-content" > "builder-widget-container", and
  // teasers under it are "post-excerpt" boxes. The body is the article, not a teaser; a
  // related box inside the body ("post-content-related": named after the body) stays out.
  PageBuilder b;
  const auto widget = b.box(0, "div", "builder-widget builder-widget-theme-post-content");
  const auto inner = b.box(widget, "div", "builder-widget-container");
  for (int i = 0; i < 5; ++i) b.add(inner, para(prose(i)));
  const auto related = b.box(inner, "div", "post-content-related");
  b.add(related, para("Related: the council's budget of last year, and what changed since then "
                      "for the suburbs and their residents."));
  const auto grid = b.box(0, "div", "builder-posts");
  for (int k = 0; k < 8; ++k) {
    const auto card = b.box(grid, "article", "builder-post");
    b.add(b.box(card, "div", "post-excerpt"),
          para("Teaser " + std::to_string(k) +
               ": navigating the disability benefits system can be overwhelming, and the "
               "application process is long, with strict deadlines and high denial rates, so"));
  }
  std::vector<Diagnostic> diagnostics;
  Page copy = b.page();
  ExtractOptions options;
  options.explain = true;
  const auto out = detail::select_html_content(copy, {}, options, diagnostics);
  std::vector<std::string> want;
  for (int i = 0; i < 5; ++i) want.push_back(prose(i));
  CHECK(texts(out) == want);
  // ... chosen by its class, first time: no recall pass had to find it
  for (const auto& d : diagnostics) INFO(d.message);
  CHECK(std::any_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
    return d.message.starts_with("winner:") &&
           d.message.find("builder-widget-container") != std::string::npos;
  }));
}

TEST_CASE("extraction keeps every post of a thread whose posts are each classed as comments",
          "[extract_html]") {
  // No one container holds the posts: each is a "comment" box of its own beside user cards
  // full of links, and the only clean container is a short notice.
  PageBuilder b;
  const auto notice = b.box(0, "div", "notice");
  b.add(notice, para("Please read the community guidelines before you post a reply."));
  const auto thread = b.box(0, "div", "thread");
  for (int i = 0; i < 5; ++i) {
    const auto post = b.box(thread, "div", "comment-post");
    const auto card = b.box(post, "div", "user-card");
    for (int k = 0; k < 3; ++k) b.add(card, link_item("user link " + std::to_string(k)));
    b.add(b.box(post, "div", "comment-body"), para(prose(i)));
  }
  const auto out = select(b.page());
  for (int i = 0; i < 5; ++i) CHECK(has(out, prose(i)));
  CHECK_FALSE(has(out, "user link 1"));
}

TEST_CASE("extraction climbs to the box that holds every section of the article",
          "[extract_html]") {
  // Each section sits in its own box with its own class (no shared template, no content hint);
  // the wrapper of all of them holds several times the best section's prose, cleanly.
  PageBuilder b;
  const auto layout = b.box(0, "div", "layout");
  const auto wrapper = b.box(layout, "div", "wrap");
  for (int i = 0; i < 4; ++i) {
    const auto section = b.box(wrapper, "div", "section-" + std::to_string(i));
    b.add(section, heading(2, "Section " + std::to_string(i)));
    const auto text = b.box(section, "div", "text-" + std::to_string(i));
    b.add(text, para(prose(2 * i)));
    if (i == 2) b.add(text, para(prose(2 * i + 1)));  // the best-scoring box
  }
  const auto rail = b.box(layout, "div", "rail-links");
  for (int k = 0; k < 10; ++k) b.add(rail, link_item("Most read story " + std::to_string(k)));
  const auto out = select(b.page());
  for (int i = 0; i < 4; ++i) {
    CHECK(has(out, "Section " + std::to_string(i)));
    CHECK(has(out, prose(2 * i)));
  }
  CHECK_FALSE(has(out, "Most read story 3"));
}

TEST_CASE("extraction keeps the replies of a thread held in a comments container",
          "[extract_html]") {
  // The opening post stands alone; its replies, in boxes of the same template, sit inside a
  // container classed as comments.
  PageBuilder b;
  const auto thread = b.box(0, "div", "thread");
  const std::string opening = prose(0) + " " + prose(1) + " " + prose(6);
  b.add(b.box(thread, "div", "post-text"), para(opening));
  const auto replies = b.box(thread, "div", "comments-list");
  for (int i = 2; i < 5; ++i) b.add(b.box(replies, "div", "post-text"), para(prose(i)));
  const auto rail = b.box(0, "div", "rail");
  for (int k = 0; k < 6; ++k) b.add(rail, link_item("Other thread " + std::to_string(k)));
  const auto out = select(b.page());
  CHECK(has(out, opening));
  for (int i = 2; i < 5; ++i) CHECK(has(out, prose(i)));
  CHECK_FALSE(has(out, "Other thread 2"));
}

TEST_CASE("on a forum page the posts of a thread join however deep they sit", "[extract_html]") {
  // Each post body sits ten levels below the thread list (forum software nests deeply); the
  // opening post is the longest. As an article, the replies are too far away to be peers.
  PageBuilder b;
  const auto list = b.box(0, "div", "thread");
  const auto post_body = [&b, list] {
    std::uint32_t at = list;
    for (int d = 0; d < 10; ++d) at = b.box(at, "div", "level" + std::to_string(d));
    return b.box(at, "div", "post-text");
  };
  const std::string opening = prose(0) + " " + prose(1) + " " + prose(6);
  b.add(post_body(), para(opening));
  for (int i = 2; i < 5; ++i) b.add(post_body(), para(prose(i)));
  const auto rail = b.box(0, "div", "rail");
  for (int k = 0; k < 6; ++k) b.add(rail, link_item("Other thread " + std::to_string(k)));

  const auto thread = select(b.page(), {}, PageType::forum);
  CHECK(has(thread, opening));
  for (int i = 2; i < 5; ++i) CHECK(has(thread, prose(i)));
  CHECK_FALSE(has(thread, "Other thread 2"));

  const auto article = select(b.page());
  CHECK(has(article, opening));
  CHECK_FALSE(has(article, prose(3)));
}

TEST_CASE("on a forum page posts of one template join though their classes differ a little",
          "[extract_html]") {
  // numbered ids, and an opening post with a class fewer than the replies
  PageBuilder b;
  const auto list = b.box(0, "div", "thread");
  const std::string opening = prose(0) + " " + prose(1) + " " + prose(6);
  b.add(b.box(b.box(list, "div", "post"), "div", "narrow post_message_37601655"), para(opening));
  b.add(b.box(b.box(list, "div", "post"), "div", "narrow text post_message_37601702"),
        para(prose(2)));
  b.add(b.box(b.box(list, "div", "post"), "div", "narrow text post_message_37601999"),
        para(prose(3)));
  const auto rail = b.box(0, "div", "rail");
  b.add(b.box(rail, "div", "promo box"), para(prose(4)));
  for (int k = 0; k < 6; ++k) b.add(rail, link_item("Other thread " + std::to_string(k)));

  const auto thread = select(b.page(), {}, PageType::forum);
  CHECK(has(thread, opening));
  CHECK(has(thread, prose(2)));
  CHECK(has(thread, prose(3)));
  CHECK_FALSE(has(thread, prose(4)));
  const auto article = select(b.page());
  CHECK_FALSE(has(article, prose(3)));
}

TEST_CASE("on a forum page the posts win over a longer box of another template", "[extract_html]") {
  // A summary box above the thread holds more prose than any one post; the posts, one
  // template repeated, hold more together. Each post is its author line and its text.
  PageBuilder b;
  const auto summary = b.box(b.box(0, "details", "summary-details"), "div", "summary-body");
  const std::string digest = prose(10) + " " + prose(11) + " " + prose(12);
  b.add(summary, para(digest));
  const auto list = b.box(0, "div", "messages");
  for (int i = 0; i < 5; ++i) {
    const auto post = b.box(list, "div", "message-main js-post" + std::to_string(i));
    b.add(post, para("poster" + std::to_string(i)));
    b.add(b.box(post, "div", "bbwrapper"), para(prose(i) + " " + prose(i + 20)));
  }
  const auto thread = select(b.page(), {}, PageType::forum);
  for (int i = 0; i < 5; ++i) CHECK(has(thread, prose(i) + " " + prose(i + 20)));
  CHECK_FALSE(has(thread, digest));
  // As an article, the page's one long box stays the winner.
  CHECK(has(select(b.page()), digest));
}

TEST_CASE("on a forum page a post made mostly of links joins the thread", "[extract_html]") {
  // The opening post lists related threads as links beside a line of its own; peers that
  // link-heavy never join, posts of the thread's template do.
  PageBuilder b;
  const auto list = b.box(0, "div", "thread");
  const auto opening = b.box(b.box(list, "div", "post"), "div", "post-text");
  b.add(opening, para("The official thread to discuss the election campaign, with links."));
  for (int k = 0; k < 6; ++k) {
    b.add(opening, link_item("Campaign and manifesto thread of party " + std::to_string(k)));
  }
  for (int i = 1; i < 5; ++i) {
    b.add(b.box(b.box(list, "div", "post"), "div", "post-text"), para(prose(i)));
  }
  const auto thread = select(b.page(), {}, PageType::forum);
  CHECK(has(thread, "The official thread to discuss the election campaign, with links."));
  for (int i = 1; i < 5; ++i) CHECK(has(thread, prose(i)));
}

TEST_CASE("on a forum page replies in a box classed as boilerplate stay", "[extract_html]") {
  // The winner holds the whole thread, and the replies sit in a container whose class says
  // "reply": the posts' template outweighs the class.
  PageBuilder b;
  const auto body = b.box(0, "div", "page-body");
  const auto post = [&b](std::uint32_t in, int i) {
    const auto box = b.box(in, "div", "message-main");
    b.add(box, para("poster" + std::to_string(i)));
    b.add(b.box(box, "div", "message-content"), para(prose(i)));
  };
  post(body, 0);
  const auto replies = b.box(body, "div", "js-replyContainer");
  for (int i = 1; i < 4; ++i) post(replies, i);
  const auto thread = select(b.page(), {}, PageType::forum);
  for (int i = 0; i < 4; ++i) CHECK(has(thread, prose(i)));
}

TEST_CASE("the text above a long comment thread wins over it", "[extract_html]") {
  // A short question, then a comments wrapper holding most of the page's prose (its boilerplate
  // class overruled for holding so much): the question is the article, the comments are not.
  PageBuilder b;
  const auto main = b.box(0, "div", "main");
  const std::string question = prose(0) + " " + prose(1);
  b.add(b.box(main, "div", "question-body"), para(question));
  const auto comments = b.box(main, "div", "comments-wrapper");
  for (int i = 2; i < 12; ++i) b.add(b.box(comments, "div", "entry"), para(prose(i)));
  const auto article = select(b.page());
  CHECK(has(article, question));
  CHECK_FALSE(has(article, prose(5)));
  // On a forum page the thread is the page: the replies join the question.
  const auto thread = select(b.page(), {}, PageType::forum);
  CHECK(has(thread, question));
  CHECK(has(thread, prose(5)));
}

TEST_CASE("on a forum page the author panel and the buttons of each post go", "[extract_html]") {
  PageBuilder b;
  const auto list = b.box(0, "div", "thread");
  for (int i = 0; i < 3; ++i) {
    const auto post = b.box(list, "div", "post");
    b.add(post, para("Offline"));
    b.add(post, para("Posts: 1,234"));
    b.add(post, para(prose(i)));
    b.add(post, para("Thanks!"));
    b.add(post, Block{.kind = BlockKind::list_item, .level = 1, .spans = {Span{.text = "Quote"}}});
  }
  const auto thread = select(b.page(), {}, PageType::forum);
  CHECK(has(thread, prose(2)));
  CHECK(has(thread, "Thanks!"));
  CHECK_FALSE(has(thread, "Offline"));
  CHECK_FALSE(has(thread, "Posts: 1,234"));
  CHECK_FALSE(has(thread, "Quote"));
  CHECK(has(select(b.page()), "Offline"));  // an article's own words stay
}

TEST_CASE("on a forum page text repeated from an earlier post is dropped", "[extract_html]") {
  // A reply quotes the opening post in full and every post ends with its author's signature.
  // In an article, the same repeats further apart are content (an interview's recurring
  // question) and stay.
  PageBuilder b;
  const auto list = b.box(0, "div", "thread");
  const std::string signature = "Sent from my phone, please excuse typos and brevity";
  const auto post = [&](const std::vector<Block>& blocks) {
    const auto box = b.box(list, "div", "post-text");
    for (const auto& block : blocks) b.add(box, block);
    b.add(box, para(signature));
  };
  post({para(prose(0)), para(prose(1))});
  Block quoted = para(prose(0));
  quoted.kind = BlockKind::quote;
  quoted.level = 1;
  post({quoted, para(prose(2))});
  post({para(prose(3))});

  const auto thread = texts(select(b.page(), {}, PageType::forum));
  CHECK(std::count(thread.begin(), thread.end(), prose(0)) == 1);
  CHECK(std::count(thread.begin(), thread.end(), signature) == 1);
  CHECK(std::find(thread.begin(), thread.end(), prose(3)) != thread.end());

  const auto article = texts(select(b.page()));
  CHECK(std::count(article.begin(), article.end(), prose(0)) == 2);
}

TEST_CASE("a block shown twice in a row is dropped with a note; a run of three or more stays",
          "[extract_html]") {
  // Issue 11 item 13: 50 identical paragraphs became one, silently. A refrain or a line a poem
  // repeats is written on purpose; a teaser or caption shown twice is chrome.
  PageBuilder b;
  const auto article = b.box(0, "div", "article-body");
  const std::string line = "All work and no play makes Jack a dull boy.";
  const std::string twice = "A teaser line that the layout shows two times over.";
  b.add(article, para(prose(1)));
  for (int i = 0; i < 50; ++i) b.add(article, para(line));
  b.add(article, para(prose(2)));
  b.add(article, para(twice));
  b.add(article, para(twice));
  b.add(article, para(prose(3)));
  Page page = b.page();
  std::vector<Diagnostic> diagnostics;
  const auto out =
      texts(detail::select_html_content(page, {}, ExtractOptions{.explain = true}, diagnostics));
  CHECK(std::count(out.begin(), out.end(), line) == 50);
  CHECK(std::count(out.begin(), out.end(), twice) == 1);
  CHECK(std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    return d.message.find("by rule repeated text: \"" + twice + "\"") != std::string::npos;
  }));
}

TEST_CASE("extraction explains the winner, the runner-up and dropped blocks", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "div", "article-body");
  const auto aside = b.box(0, "div", "sidebar");
  for (int i = 0; i < 3; ++i) b.add(article, para(prose(i)));
  b.add(article, para("Advertisement"));
  b.add(aside, para(prose(9)));
  Page page = b.page();
  std::vector<Diagnostic> diagnostics;
  const auto out =
      detail::select_html_content(page, {}, ExtractOptions{.explain = true}, diagnostics);
  CHECK(out.size() == 3);
  const auto mentions = [&](const std::string& what) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
      return d.stage == "extract" && d.severity == Severity::note &&
             d.message.find(what) != std::string::npos;
    });
  };
  CHECK(mentions("winner: c1 <div> \"article-body\""));
  CHECK(mentions("runner-up: c2"));
  CHECK(mentions("by rule chrome phrase: \"Advertisement\""));
}

TEST_CASE("extraction is silent without explain", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "div", "");
  b.add(article, para(prose(1)));
  Page page = b.page();
  std::vector<Diagnostic> diagnostics;
  const auto out = detail::select_html_content(page, {}, ExtractOptions{}, diagnostics);
  CHECK(out.size() == 1);
  CHECK(diagnostics.empty());
}

TEST_CASE("extraction keeps an empty page empty", "[extract_html]") {
  Page page;
  std::vector<Diagnostic> diagnostics;
  CHECK(detail::select_html_content(page, {}, ExtractOptions{}, diagnostics).empty());
}

TEST_CASE("a link post whose selection keeps nothing keeps its headline and its link",
          "[extract_html]") {
  PageBuilder b;
  const auto nav = b.box(0, "nav");
  const auto post = b.box(0, "div", "post");
  const auto head = b.box(post, "div", "post-title");
  const auto media = b.box(post, "div", "post-media");
  b.add(nav, link_item("Home"));
  b.add(head, with_role(heading(1, "Regulator says satellite rules will change next year"),
                        BlockRole::title));
  b.add(media, Block{.spans = {Span{.kind = SpanKind::link,
                                    .text = "example.com",
                                    .url = "https://example.com/story"}}});
  Page page = b.page();
  std::vector<Diagnostic> diagnostics;
  const auto out = detail::select_html_content(
      page, Metadata{.title = "Regulator says satellite rules will change next year"},
      ExtractOptions{.explain = true}, diagnostics);
  REQUIRE(out.size() == 2);
  CHECK(out[0].kind == BlockKind::heading);
  CHECK(plain_text(out[1].spans) == "example.com");
  CHECK_FALSE(has(out, "Home"));
  CHECK(std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.message.find("beside the headline") != std::string::npos;
  }));
}

TEST_CASE("a page with prose never takes the headline fallback", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "article");
  b.add(article, with_role(heading(1, "Council approves the budget"), BlockRole::title));
  b.add(article, para(prose(1)));
  const auto out = select(b.page());
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == BlockKind::paragraph);
}

TEST_CASE("extraction gathers article chunks that share the winner's class", "[extract_html]") {
  PageBuilder b;
  const auto body = b.box(0, "section", "");
  const auto menu = b.box(0, "div", "");
  for (int i = 0; i < 3; ++i) {
    const auto column = b.box(body, "div", "");
    const auto chunk = b.box(column, "div", "css-53u6y8");
    for (int k = 0; k < 3 - i; ++k) b.add(chunk, para(prose(i * 10 + k)));
    const auto ad = b.box(body, "div", "");
    b.add(ad, link_item("Sponsored link " + std::to_string(i)));
  }
  for (int i = 0; i < 8; ++i) b.add(menu, link_item("Menu entry " + std::to_string(i)));
  const auto out = select(b.page());
  CHECK(texts(out) ==
        std::vector<std::string>{prose(0), prose(1), prose(2), prose(10), prose(11), prose(20)});
}

TEST_CASE("extraction drops a related section up to the next heading", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "article", "");
  const auto body = b.box(article, "div", "");
  const auto box = b.box(article, "div", "");
  b.add(body, para(prose(1))).add(body, para(prose(2)));
  b.add(box, heading(3, "You may also like"));
  b.add(box, para(prose(7)));
  b.add(box, para(prose(8)));
  b.add(body, para(prose(3)));  // the article resumes in its own container
  const auto out = select(b.page());
  CHECK(texts(out) == std::vector<std::string>{prose(1), prose(2), prose(3)});
}

TEST_CASE("extraction drops share bars, slide counters and calls to action", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "div", "article-body");
  b.add(article, para(prose(1)));
  b.add(article, para("Facebook Twitter Google+ Whatsapp"));
  b.add(article, para("Image 3 of 8"));
  b.add(article, para("There's plenty more where that came from. Sign up for our daily email."));
  b.add(article, para(prose(2)));
  b.add(article, para("Was this page useful?"));
  b.add(article, para("Tempo de leitura: 1 minuto"));
  b.add(article, para("5 min read"));
  b.add(article, para("Iklan"));
  b.add(article, para("Reading time is what this paragraph is about, in a sentence."));
  b.add(article, para("Updated at 1:23 p.m."));
  b.add(article, para("Like this story? Share it with a friend!"));
  b.add(article, para("Courtesy Google"));
  b.add(article, Block{.kind = BlockKind::quote,
                       .level = 1,
                       .spans = {Span{.kind = SpanKind::text, .text = "Click to expand..."}}});
  b.add(article, clipdown::test::caption("Courtesy of NASA/JPL-Caltech"));
  b.add(article, para("Courtesy OBC, I believe, is given to most cruisers by their agent."));
  b.add(article, para("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod."));
  b.add(article, para("A sentence that quotes lorem ipsum as the printers' filler stays."));
  b.add(article, para("Loading prices for your region\xe2\x80\xa6"));
  b.add(article, para("Loading..."));
  b.add(article, para("Loading the van took the whole morning."));
  const auto out = select(b.page());
  CHECK(texts(out) == std::vector<std::string>{
                          prose(1), prose(2),
                          "Reading time is what this paragraph is about, in a sentence.",
                          "Courtesy OBC, I believe, is given to most cruisers by their agent.",
                          "A sentence that quotes lorem ipsum as the printers' filler stays.",
                          "Loading the van took the whole morning."});
}

TEST_CASE("extraction keeps the lead figure and a sentence that starts with By", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "article", "");
  const auto figure = b.box(article, "figure", "");
  const auto body = b.box(article, "div", "article-body");
  b.add(figure, Block{.kind = BlockKind::image,
                      .spans = {Span{.kind = SpanKind::image, .text = "", .url = "a.jpg"}}});
  b.add(figure, clipdown::test::caption("The ferry at dusk."));
  b.add(body, para(prose(1))).add(body, para(prose(2)));
  b.add(body, para("By the time we cross the border it is past midnight, and all is quiet."));
  const auto out = select(b.page());
  REQUIRE(out.size() == 5);
  CHECK(out[0].kind == BlockKind::image);
  CHECK(plain_text(out[1].spans) == "The ferry at dusk.");
  CHECK(has(out, "By the time we cross the border it is past midnight, and all is quiet."));
}

TEST_CASE("extraction keeps a tweet embedded in the article", "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "div", "article-body");
  const auto embed = b.box(article, "div", "social-media-embed");
  const auto tweet = b.box(embed, "blockquote", "twitter-tweet");
  const auto share = b.box(article, "div", "social-share");
  for (int i = 0; i < 3; ++i) b.add(article, para(prose(i)));
  b.add(tweet, Block{.kind = BlockKind::quote,
                     .level = 1,
                     .spans = {Span{.text = "The whole town turned out for the vote tonight."}}});
  b.add(share, para("Share this story with a friend who lives in the city and cares about it."));
  for (int i = 3; i < 5; ++i) b.add(article, para(prose(i)));
  const auto out = select(b.page());
  CHECK(has(out, "The whole town turned out for the vote tonight."));
  CHECK_FALSE(has(out, "Share this story with a friend who lives in the city and cares about it."));
}

TEST_CASE("favor recall adds prose outside the selection; favor precision drops captions",
          "[extract_html]") {
  PageBuilder b;
  const auto article = b.box(0, "article");
  for (int i = 0; i < 8; ++i) b.add(article, para(prose(i)));
  b.add(article, clipdown::test::caption("The council chamber."));
  b.add(article, para("Share this"));
  // prose beside the article, too little to join it: left out unless recall is favored
  b.add(b.box(b.box(0, "div", "lower"), "div", "panel"), para(prose(9)));
  const auto run = [&b](Favor favor) {
    Page copy = b.page();
    std::vector<Diagnostic> diagnostics;
    return detail::select_html_content(copy, {}, ExtractOptions{.favor = favor}, diagnostics);
  };
  const auto balance = run(Favor::balance);
  CHECK(has(balance, "The council chamber."));
  CHECK_FALSE(has(balance, prose(9)));
  const auto recall = run(Favor::recall);
  CHECK(has(recall, prose(9)));
  CHECK(has(recall, prose(2)));
  const auto precision = run(Favor::precision);
  CHECK_FALSE(has(precision, "The council chamber."));
  CHECK(has(precision, prose(2)));
}
