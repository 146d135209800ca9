#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/extract.hpp"
#include "clipdown/normalize.hpp"
#include "clipdown/tokenize.hpp"
#include "support/factories.hpp"

using clipdown::Block;
using clipdown::BlockKind;
using clipdown::BlockRole;
using clipdown::Document;
using clipdown::Page;
using clipdown::test::caption;
using clipdown::test::heading;
using clipdown::test::para;
using clipdown::test::with_role;

namespace {

// Text through tokenize, normalize and extract.
Document run(const std::string& text, clipdown::ExtractOptions options = {}) {
  return clipdown::extract(clipdown::normalize(clipdown::tokenize_text(text, {}), {}), options);
}

std::vector<std::string> texts(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& block : doc.blocks) out.push_back(clipdown::plain_text(block.spans));
  return out;
}

Document extract_blocks(std::vector<Block> blocks) {
  Page page;
  page.blocks = std::move(blocks);
  return clipdown::extract(std::move(page), {});
}

const std::string kP1 =
    "The council approved the new budget on Tuesday after a long debate about the cost of "
    "public transport in the city.";
const std::string kP2 =
    "The mayor said the plan would be reviewed next year and that fares would not rise before "
    "the spring of next year.";
const std::string kP3 =
    "Opposition members voted against the proposal, saying it did too little for the suburbs "
    "and their residents.";

}  // namespace

TEST_CASE("extract_text drops title, byline, dateline, credit and chrome blocks",
          "[extract_text]") {
  const auto doc = extract_blocks({with_role(para("Budget passes"), BlockRole::title),
                                   with_role(para("By Jane Doe"), BlockRole::byline),
                                   with_role(para("Nov 19, 2019"), BlockRole::dateline), para(kP1),
                                   with_role(para("Share"), BlockRole::chrome), para(kP2),
                                   with_role(para("Source: AP"), BlockRole::credit)});
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2});
}

TEST_CASE("extract_text keeps the article and drops the menus around it", "[extract_text]") {
  const auto doc = run("Home\nNews\nSport\nWeather\nCity approves budget after long debate\n\n" +
                       kP1 + "\n\n" + kP2 + "\n\n" + kP3 + "\n\nAbout us\nContact\nJobs\nTerms\n");
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2, kP3});
}

TEST_CASE("extract_text keeps headings and captions inside the article", "[extract_text]") {
  const auto doc = extract_blocks({para(kP1), caption("The mayor in the city hall. /AP"),
                                   heading(2, "Fares frozen"), para(kP2), para(kP3)});
  CHECK(doc.blocks.size() == 5);
}

TEST_CASE("extract_text stops at a comments section even when it holds more prose",
          "[extract_text]") {
  std::string text = "Budget passes after a long debate\n\n" + kP1 + "\n\n" + kP2 + "\n\n" + kP3 +
                     "\n\n12 responses to \"Budget passes\"\n";
  for (int i = 0; i < 6; ++i) {
    text += "reader" + std::to_string(i) + " says:\n" + kP2 + " I agree with every word.\n";
  }
  const auto doc = run(text);
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2, kP3});
}

TEST_CASE("extract_text crosses a related block inside the article", "[extract_text]") {
  const auto doc = run(kP1 + "\n\n" + kP2 + "\n\n" + kP3 +
                       "\n\nREAD MORE\n\nFirst related headline\n\nSecond related headline\n\n"
                       "\xc2\xa0\n\n" +
                       kP1 + " Again.\n\n" + kP2 + " Again.\n");
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2, kP3, kP1 + " Again.", kP2 + " Again."});
}

TEST_CASE("extract_text drops a cookie banner however long", "[extract_text]") {
  const std::string banner =
      "This website uses cookies to improve your experience while you navigate through the "
      "website. Out of these cookies, the cookies that are categorized as necessary are stored "
      "on your browser as they are essential for the working of basic functionalities of the "
      "website. We also use third-party cookies that help us analyze how you use this website.";
  const auto doc = run(banner + "\n\nBudget passes after a long debate\n\n" + kP1 + "\n\n" + kP2);
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2});
}

TEST_CASE("extract_text keeps every body block of a short note", "[extract_text]") {
  const auto doc = run("Hello world\n\nSee you soon\n");
  CHECK(texts(doc) == std::vector<std::string>{"Hello world", "See you soon"});
}

TEST_CASE("extract_text explains its region when asked", "[extract_text]") {
  const auto doc = run(kP1 + "\n\n" + kP2, {.explain = true});
  CHECK_FALSE(doc.diagnostics.empty());
}

TEST_CASE("extract_text gives the seed's article body", "[extract_text]") {
  const auto seed = clipdown::test::read_seed();
  if (!seed) {
    WARN("seed missing: skipped");
    return;
  }
  const auto doc = run(*seed);
  REQUIRE(doc.blocks.size() == 19);
  CHECK(doc.blocks[0].kind == BlockKind::caption);
  CHECK(clipdown::plain_text(doc.blocks[0].spans).starts_with("Russian Deputy Defense Minister"));
  CHECK(clipdown::plain_text(doc.blocks[1].spans).starts_with("NATO has warned the threat"));
  CHECK(clipdown::plain_text(doc.blocks[3].spans).starts_with("He added there was"));
  CHECK(clipdown::plain_text(doc.blocks[4].spans).starts_with("Russian Deputy Foreign Minister"));
  CHECK(doc.blocks[8].kind == BlockKind::caption);
  for (const auto& [index, text] : {std::pair<std::size_t, std::string>{9, "Troops at borders"},
                                    {13, "Is this about invasion?"}}) {
    CHECK(doc.blocks[index].kind == BlockKind::heading);
    CHECK(doc.blocks[index].level == 2);
    CHECK(clipdown::plain_text(doc.blocks[index].spans) == text);
  }
  CHECK(clipdown::plain_text(doc.blocks[18].spans).starts_with("NATO and Ukraine also held"));
  for (const auto& block : doc.blocks) {
    CHECK(block.role == BlockRole::body);
    CHECK(block.kind != BlockKind::list_item);
  }
}

TEST_CASE("extract_text explains every block with its input line and rule", "[extract_text]") {
  const auto doc = run("Home\nNews\n\nCouncil approves the new city budget\nBy Jane Doe\n\n" + kP1 +
                           "\n\n" + kP2 + "\n\n" + kP3 + "\n\nShare this article\n",
                       {.explain = true});
  std::vector<std::string> notes;
  for (const auto& d : doc.diagnostics) notes.push_back(d.message);
  auto has = [&](const std::string& prefix) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const std::string& note) { return note.starts_with(prefix); });
  };
  INFO(Catch::Detail::stringify(notes));
  CHECK(has("line 1: dropped paragraph by rule chrome (chrome pattern \"home\"): \"Home\""));
  CHECK(has("line 2: dropped paragraph by rule before the article region: \"News\""));
  CHECK(
      has("line 4: dropped paragraph by rule title (headline above the article): "
          "\"Council approves the new city budget\""));
  CHECK(has("line 5: dropped paragraph by rule byline"));
  CHECK(has("line 7: kept paragraph by rule article region: \"The council approved"));
  CHECK(has("line 13: dropped paragraph by rule chrome"));
}

TEST_CASE("extract_text keeps a long paragraph that does not end with a full stop",
          "[extract_text]") {
  // a quote closed by its speaker's name, or a paragraph a browser dump cut short, is prose
  const std::string quote =
      "One of my favorite podcasts is Acquired. The two hosts do a terrific job researching the "
      "subject matter. They explain how founders take unique paths to getting started. I get "
      "inspired when I hear the background of tech company founders. Hearing these stories helps "
      "me understand just how grueling starting a company is \xe2\x80\x93 Aleksandr Remniov, lead "
      "engineer";
  const auto doc = run("Home\nNews\n\n" + kP1 + "\n\n" + quote + "\n\n" + kP2 + "\n");
  CHECK(texts(doc) == std::vector<std::string>{kP1, quote, kP2});
}

TEST_CASE("extract_text keeps every post of a thread, not only the longest", "[extract_text]") {
  const std::string long_post =
      "I have the same problem since the last update. The build passes but the deploy stage "
      "fails with no message at all. I cleared the cache, pinned the node version and tried "
      "again twice. Nothing in the log says what went wrong. Has anyone found out what causes "
      "it? It started on Monday and every deploy since then has failed the same way.";
  const std::string text =
      "Support Forums\nDeploy failed for unknown reason\n\n"
      "tinterweb April 26, 2024, 6:28am 1\n\n"
      "All of a sudden the deployment of my site has stopped working.\n\n"
      "nathanmartin April 26, 2024, 7:23am 2\n\n"
      "Can you share the full build log? The excerpt is not enough.\n\n"
      "tinterweb April 26, 2024, 12:09pm 3\n\n" +
      long_post +
      "\n\n"
      "nathanmartin April 26, 2024, 12:42pm 4\n\n"
      "That is only the end of the log. Please post all of it.\n\n"
      "Related topics\n";
  const auto doc = run(text, {.explain = true});
  const auto kept = texts(doc);
  INFO(Catch::Detail::stringify(kept));
  CHECK(kept == std::vector<std::string>{
                    "All of a sudden the deployment of my site has stopped working.",
                    "Can you share the full build log? The excerpt is not enough.", long_post,
                    "That is only the end of the log. Please post all of it."});
  CHECK(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of 4 posts") != std::string::npos;
  }));
}

TEST_CASE("extract_text does not take two dated sections for a thread", "[extract_text]") {
  // two dated lines are not a thread
  const auto doc =
      run("Home\n\nMarch 3, 2025\n\n" + kP1 + "\n\n" + kP2 + "\n\nMarch 4, 2025\n\n" + kP3 + "\n",
          {.explain = true});
  CHECK(std::none_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of") != std::string::npos;
  }));
  CHECK(texts(doc).front() == kP1);
}

TEST_CASE("extract_text keeps a thread of numbered posts, short ones too, without the cards",
          "[extract_text]") {
  const std::string first_post =
      "I heard that the first hospital has already sent out interview invitations, so I figured "
      "we should get this thread started. Best of luck to you all, and post your news here!";
  std::string text = "Forums\nInfectious Disease Application Thread\n\n";
  const std::vector<std::pair<std::string, std::string>> posts = {
      {"boobaloobie", first_post},
      {"pnomes", "NIH - 7/18"},
      {"celia17", "That's amazing! Congrats!"},
      {"fieldterrain", "Emory 7/19, good luck everyone"},
      {"drsmith", "Still waiting on Duke"}};
  for (std::size_t i = 0; i < posts.size(); ++i) {
    text += posts[i].first + "\nFull Member\nJoined\nJun 29, 2016\nMessages\n1" +
            std::to_string(i) + "\nJul " + std::to_string(18 + i) + ", 2024\n#" +
            std::to_string(i + 1) + "\n" + posts[i].second + "\n\n";
  }
  text += "You must log in or register to reply here.\n";
  const auto doc = run(text, {.explain = true});
  const auto kept = texts(doc);
  INFO(Catch::Detail::stringify(kept));
  // every post's text, short ones too; the cards' lines, figures and post numbers go
  for (const auto& [name, post] : posts) {
    CHECK(std::find(kept.begin(), kept.end(), post) != kept.end());
  }
  for (const auto* card : {"Full Member", "Joined", "Messages", "11", "#2"}) {
    CHECK(std::find(kept.begin(), kept.end(), card) == kept.end());
  }
  CHECK(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of 5 posts") != std::string::npos;
  }));
}

TEST_CASE("extract_text takes a numbered product list for no thread", "[extract_text]") {
  std::string text = "The best toothbrushes\n\n" + kP1 + "\n\n" + kP2 + "\n\n" + kP3 + "\n\n";
  for (int i = 1; i <= 5; ++i) {
    text += "#" + std::to_string(i) + "\nCompare: [ ]\nBrush model " + std::to_string(i) + "\n";
  }
  const auto doc = run(text, {.explain = true});
  CHECK(std::none_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of") != std::string::npos;
  }));
  CHECK(texts(doc).front() == kP1);
}

TEST_CASE("extract_text keeps a thread whose posts show no dates, told by the line between them",
          "[extract_text]") {
  const std::string long_post =
      "Of course routes saved as KML or GPX files are not shown in the list of favourites on "
      "your phone. You have to load them in the route planner on the device first, then save "
      "them as a favourite there. After that they appear on every device signed in to the same "
      "account, including the tablet and the desktop browser you used before.";
  const std::vector<std::string> posts = {
      "How do I show a saved route on my tablet? It only appears on the laptop, where I drew it "
      "last week, and the app on the tablet shows an empty list.",
      "Do you use the same account on every device, or a second one on the tablet? The list "
      "only syncs between devices signed in to one account.",
      long_post,
      "Thanks, that worked. The route shows on the tablet now, and the two I drew on the phone "
      "show on the laptop as well.",
      "Glad it helped. I will mark the topic as solved, so that others with the same question "
      "find the answer quickly."};
  std::string text = "Community\nShowing saved routes on a tablet\n\n";
  for (std::size_t i = 0; i < posts.size(); ++i) {
    text += (i % 2 == 0 ? "luiz\n" : "idefix Moderator\n") + std::string("last edited by\n\n") +
            posts[i] + "\n\n1 Reply Last reply Reply Quote " + std::to_string(i) + "\n\n";
  }
  text += "Related topics\nRoute planner exports\n";
  const auto doc = run(text, {.explain = true});
  const auto kept = texts(doc);
  INFO(Catch::Detail::stringify(kept));
  for (const auto& post : posts) CHECK(std::find(kept.begin(), kept.end(), post) != kept.end());
  for (const auto* line :
       {"last edited by", "1 Reply Last reply Reply Quote 3", "Route planner exports"}) {
    CHECK(std::find(kept.begin(), kept.end(), line) == kept.end());
  }
  CHECK(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of 5 posts") != std::string::npos;
  }));
}

TEST_CASE("extract_text takes the later of two dates in a row for a post's head",
          "[extract_text]") {
  // "June 14, 2024" / "Author stats" / "June 14, 2024" / text: one post, headed by both dates
  const std::string long_post =
      "I doubt that the forum is closing, considering the first game still sells well. I only "
      "ask that we get a month's notice, because too many good things here are not backed up "
      "anywhere else, from mission reports to the guides that helped so many of us start.";
  const std::vector<std::string> posts = {
      "A thread to thank the moderators and members for a great forum.", long_post,
      "You are the best! If the forum goes down I will be very sad.",
      "This forum taught me a lot, and I am fond of the time I spent here."};
  std::string text = "Forums\nIf the forum comes to an end\n\n";
  for (const auto& post : posts) {
    text += "member\nJune 14, 2024\n\nAuthor stats\nJune 14, 2024\n\n" + post + "\n\nQuote\n\n";
  }
  text += "Related topics\n";
  const auto doc = run(text, {.explain = true});
  const auto kept = texts(doc);
  INFO(Catch::Detail::stringify(kept));
  for (const auto& post : posts) CHECK(std::find(kept.begin(), kept.end(), post) != kept.end());
}

TEST_CASE("extract_text takes no comments under an article for a thread", "[extract_text]") {
  std::string text = "News\nBudget passes\n\nMarch 3, 2025\n\n" + kP1 + "\n\n" + kP2 + "\n\n" +
                     kP3 + "\n\n4 Comments\n\n";
  for (int i = 0; i < 4; ++i) {
    text += "reader" + std::to_string(i) +
            "\n\nI think the council should have spent more on the buses in my part of town.\n\n"
            "Reply\n\n";
  }
  const auto doc = run(text, {.explain = true});
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2, kP3});
  CHECK(std::none_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of") != std::string::npos;
  }));
}

TEST_CASE("extract_text takes no line repeated over an article's sections for a thread",
          "[extract_text]") {
  // "Advertisement" between the sections of one article adds no posts to it
  std::string text = "News\nBudget passes\n\n";
  for (int i = 0; i < 5; ++i) {
    text += kP1 + "\n\n" + kP2 + "\n\nAdvertisement\n\n" + kP3 + "\n\n";
  }
  const auto doc = run(text, {.explain = true});
  CHECK(std::none_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("a thread of") != std::string::npos;
  }));
  CHECK(texts(doc).size() == 15);
}

TEST_CASE("extract_text widens a run that is a fragment of a page of short lines",
          "[extract_text]") {
  // a course page: one paragraph, then its staff, schedule and readings as short lines and a
  // few paragraphs between them; the densest run is the paragraph, the page is all of it
  std::string text = "Courses\n\nAlgorithms for Data Science\n\n" + kP1 + "\n\n" + kP2 + "\n\n";
  for (int week = 1; week <= 12; ++week) {
    text += "Week " + std::to_string(week) + ": tensors, sums of squares and mixtures\n";
    text += "Reading: lecture notes, chapter " + std::to_string(week) + "\n\n";
    if (week % 3 == 0) {
      text += "In week " + std::to_string(week) +
              " we also go over the problem set, due the Monday after, in the lecture.\n\n";
    }
  }
  const auto doc = run(text, {.explain = true});
  const auto kept = texts(doc);
  INFO(Catch::Detail::stringify(kept));
  CHECK(kept.front() == kP1);
  CHECK(std::find(kept.begin(), kept.end(), "Week 7: tensors, sums of squares and mixtures") !=
        kept.end());
  CHECK(kept.size() > 20);
  CHECK(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.find("recall pass") != std::string::npos;
  }));
}

TEST_CASE("extract_text keeps a short story apart from the dated teasers under it",
          "[extract_text]") {
  // a news brief of two paragraphs, then a list of teasers, each with its byline, time and
  // summary
  std::string text = "News\n\nBudget passes\n\nBy Jane Doe\nNovember 20, 2019 10:43\n\n" + kP1 +
                     "\n\n" + kP2 + "\n\n";
  for (int i = 0; i < 12; ++i) {
    text += "Council members meet again over the bus lanes, item " + std::to_string(i) +
            "\nBy Staff\n11/20/2019 0" + std::to_string(i % 10) +
            ":14 PM\nThe council will vote again next week on the plan for bus lanes in the "
            "suburbs.\n\n";
  }
  const auto doc = run(text, {.explain = true});
  CHECK(texts(doc) == std::vector<std::string>{kP1, kP2});
}
