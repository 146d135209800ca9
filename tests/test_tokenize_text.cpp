#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/tokenize.hpp"
#include "support/factories.hpp"
#include "text_rules.hpp"

using clipdown::Block;
using clipdown::BlockKind;
using clipdown::BlockRole;
using clipdown::MetaHint;
using clipdown::Page;

namespace {

Page tokenize(const std::string& text) {
  return clipdown::tokenize_text(text, {});
}

// The block whose plain text is `text` (fails the test when there is none).
const Block& find_block(const Page& page, const std::string& text) {
  for (const auto& block : page.blocks) {
    if (clipdown::plain_text(block.spans) == text) return block;
  }
  FAIL("no block \"" << text << "\" in\n" << clipdown::dump_blocks(page.blocks));
  return page.blocks.front();
}

std::string hint(const Page& page, const std::string& key) {
  for (const auto& h : page.hints) {
    if (h.key == key) return h.value;
  }
  return {};
}

// A short article with the given lines around it: enough prose to anchor the article.
std::string article(const std::string& before, const std::string& after) {
  return before +
         "\n\nThe council approved the new budget on Tuesday after a long debate about the cost "
         "of public transport in the city.\n\nThe mayor said the plan would be reviewed next year "
         "and that fares would not rise before the spring of next year.\n\nOpposition members "
         "voted against the proposal, saying it did too little for the suburbs and their "
         "residents.\n\n" +
         after;
}

BlockRole role_of(const std::string& line) {
  const Page page = tokenize(article(line, ""));
  return find_block(page, line).role;
}

}  // namespace

TEST_CASE("tokenize_text emits one block per non-blank line with its source range",
          "[tokenize_text]") {
  const Page page = tokenize("First line of text.\n\n  Second line.  \n");
  REQUIRE(page.blocks.size() == 2);
  CHECK(page.blocks[0].source.offset == 0);
  CHECK(page.blocks[0].source.length == 19);
  CHECK(clipdown::plain_text(page.blocks[1].spans) == "Second line.");
  CHECK(page.blocks[1].source.offset == 21);
  CHECK(page.containers.empty());
}

TEST_CASE("the copyright year reader takes four-digit years and survives long numbers",
          "[tokenize_text]") {
  using clipdown::detail::text::copyright_year;
  CHECK(copyright_year("\xc2\xa9 2019 The Valley Courier") == 2019);
  CHECK(copyright_year("Copyright 2009-2021 Example Ltd") == 2021);
  // found by fuzz_text: a long run of digits overflowed an int (undefined behaviour)
  CHECK(copyright_year("\xc2\xa9 66666666666666666666 Example") == 0);
  CHECK(copyright_year("\xc2\xa9 12019 Example") == 0);
}

TEST_CASE("tokenize_text gives an empty page for empty input", "[tokenize_text]") {
  CHECK(tokenize("").blocks.empty());
  CHECK(tokenize("\n\n   \n\xc2\xa0\n").blocks.empty());
}

TEST_CASE("tokenize_text marks each kind of chrome line", "[tokenize_text]") {
  const auto line = GENERATE(as<std::string>{},
                             "Download",                                           // app link
                             "Download the News app",                              // app link
                             "Search Trends",                                      // search
                             "Share this story",                                   // share
                             "Follow us on Twitter",                               // follow
                             "Subscribe",                                          // subscribe
                             "We use cookies to improve your experience",          // cookie banner
                             "Sign up for our daily newsletter",                   // newsletter
                             "Home > News > World",                                // breadcrumb
                             "\xc2\xa9 2021 CGTN",                                 // copyright
                             "Copyright 2019 Acme. All rights reserved.",          // copyright
                             "Advertisement",                                      // ad
                             "Skip to content",                                    // skip link
                             "Sign in",                                            // sign-in
                             "Click to share on Facebook (Opens in new window)");  // share
  CAPTURE(line);
  CHECK(role_of(line) == BlockRole::chrome);
}

TEST_CASE("tokenize_text reads a link back to the site's list as no section marker",
          "[tokenize_text]") {
  using clipdown::detail::text::Chrome;
  using clipdown::detail::text::classify_chrome;
  CHECK(classify_chrome("\u2190 All Articles").first == Chrome::line);
  CHECK(classify_chrome("Back to all articles").first == Chrome::line);
  CHECK(classify_chrome("View All Stories").first == Chrome::line);
  CHECK(classify_chrome("More Articles").first == Chrome::section);
  CHECK(classify_chrome("Related Stories").first == Chrome::section);
  // the headline under the back-link is the title, not a related headline
  const Page page =
      tokenize(article("\u2190 All Articles\nA Beginner's Guide to Starting Music Lessons", ""));
  CHECK(hint(page, "text:title") == "A Beginner's Guide to Starting Music Lessons");
}

TEST_CASE("tokenize_text does not take prose that starts like chrome for chrome",
          "[tokenize_text]") {
  const std::string line =
      "Share prices fell sharply on Monday after the company warned that profits would be lower "
      "than expected this year, and analysts cut their forecasts.";
  CHECK(role_of(line) == BlockRole::body);
}

TEST_CASE("tokenize_text drops a related block with the headlines under it", "[tokenize_text]") {
  const Page page = tokenize(
      article("",
              "READ MORE\n\nWhat is the state of play with COVID-19?\xc2\xa0\n\nUK Navy ship and "
              "Russian submarine collide\n\n\xc2\xa0\n\nThe budget will be published in full on "
              "Friday, officials said after the meeting ended.\n"));
  CHECK(find_block(page, "READ MORE").role == BlockRole::chrome);
  CHECK(find_block(page, "What is the state of play with COVID-19?").role == BlockRole::chrome);
  CHECK(find_block(page, "UK Navy ship and Russian submarine collide").role == BlockRole::chrome);
  CHECK(find_block(page,
                   "The budget will be published in full on Friday, officials said after the "
                   "meeting ended.")
            .role == BlockRole::body);
}

TEST_CASE("tokenize_text ends a related block at the line a trail above it ends with",
          "[tokenize_text]") {
  // a marker-like site label at the top of the page, the trail to this page, its title
  const Page page = tokenize(
      article("OpenBSD stories\nmiod > software > OpenBSD > stories > The scariest boot loader "
              "code\nThe scariest boot loader code",
              ""));
  CHECK(hint(page, "text:title") == "The scariest boot loader code");
}

TEST_CASE("tokenize_text ends a related block at the first prose line", "[tokenize_text]") {
  const Page page = tokenize(
      "Related\nShort headline here\nThe budget will be published in full on Friday, officials "
      "said after the meeting ended.\n");
  CHECK(find_block(page, "Short headline here").role == BlockRole::chrome);
  CHECK(find_block(page,
                   "The budget will be published in full on Friday, officials said after the "
                   "meeting ended.")
            .role == BlockRole::body);
}

TEST_CASE("tokenize_text marks a line repeated right after itself as a caption",
          "[tokenize_text]") {
  const std::string caption = "The mayor speaks to reporters outside the city hall on Tuesday.";
  const Page page = tokenize(article(caption + "\n\n" + caption, ""));
  int captions = 0;
  for (const auto& block : page.blocks) {
    if (block.kind == BlockKind::caption) ++captions;
  }
  CHECK(captions == 2);
}

TEST_CASE("tokenize_text leaves three or more alike lines in a row as content", "[tokenize_text]") {
  // Issue 11 item 13: a refrain written five times is not a caption shown twice.
  const std::string line = "All work and no play makes Jack a dull boy.";
  const Page page = tokenize(article(line + "\n\n" + line + "\n\n" + line + "\n" + line, ""));
  int captions = 0;
  int alike = 0;
  for (const auto& block : page.blocks) {
    if (block.kind == BlockKind::caption) ++captions;
    if (!block.spans.empty() && block.spans.front().text == line) ++alike;
  }
  CHECK(captions == 0);
  CHECK(alike == 4);
}

TEST_CASE("tokenize_text marks a line ending with a photo credit as a caption", "[tokenize_text]") {
  const auto line =
      GENERATE(as<std::string>{}, "Troops gather near the border in recent months. /AP",
               "NATO chief Jens Stoltenberg speaks. /Reuters/Olivier Hoslet/Pool",
               "A protester waves a flag in the square (Photo: Jane Doe)",
               "Smoke rises over the city on Monday. Getty Images");
  CAPTURE(line);
  const Page page = tokenize(article(line, ""));
  CHECK(find_block(page, line).kind == BlockKind::caption);
}

TEST_CASE("tokenize_text marks credit and source lines and hints the source", "[tokenize_text]") {
  const Page page = tokenize(article("Photo: Jane Doe/AP", "Source(s): Reuters\n"));
  CHECK(find_block(page, "Photo: Jane Doe/AP").role == BlockRole::credit);
  CHECK(find_block(page, "Source(s): Reuters").role == BlockRole::credit);
  CHECK(hint(page, "text:source") == "Reuters");
  CHECK(hint(tokenize(article("", "Source: AP\n")), "text:source") == "AP");
}

TEST_CASE("tokenize_text finds title, byline and dateline above the article", "[tokenize_text]") {
  const Page page = tokenize(
      article("Menu\nHome\nCity approves budget after long debate\nBy Jane Doe | Staff writer\n"
              "November 19, 2019 8:03 am ET",
              ""));
  CHECK(find_block(page, "City approves budget after long debate").role == BlockRole::title);
  CHECK(find_block(page, "By Jane Doe | Staff writer").role == BlockRole::byline);
  CHECK(find_block(page, "November 19, 2019 8:03 am ET").role == BlockRole::dateline);
  CHECK(hint(page, "text:title") == "City approves budget after long debate");
  CHECK(hint(page, "text:byline") == "Jane Doe");
  CHECK(hint(page, "text:dateline") == "November 19, 2019 8:03 am ET");
}

TEST_CASE("tokenize_text takes the dateline above a box of cards when the header has none",
          "[tokenize_text]") {
  // the densest prose lies below a box of product cards, far from the real header, whose
  // headline is found over its byline however far up; without one, the byline and the
  // dateline beside it still count
  std::string cards;
  for (int i = 0; i < 160; ++i)
    cards += "Product " + std::to_string(i) + "\n4." + std::to_string(i % 10) + "\n";
  const Page page = tokenize(
      article("Menu\nThe best budget movers of the year\nBy Jane Doe\nDec 18, 2025\n14 min read\n" +
                  cards + "Our top picks",
              ""));
  CHECK(hint(page, "text:title") == "The best budget movers of the year");
  CHECK(hint(page, "text:dateline") == "Dec 18, 2025");
  CHECK(hint(page, "text:byline") == "Jane Doe");
  const Page untitled = tokenize(
      article("Menu\nBy Jane Doe\nDec 18, 2025\n14 min read\n" + cards + "Our top picks", ""));
  CHECK(hint(untitled, "text:dateline") == "Dec 18, 2025");
  CHECK(hint(untitled, "text:byline") == "Jane Doe");
  // a menu's "By Company Size" has no date beside it: no byline
  const Page menu = tokenize(article(
      "Solutions\nBy Company Size\nBy Industry Type\nPricing\n" + cards + "Our top picks", ""));
  CHECK(hint(menu, "text:byline").empty());
}

TEST_CASE("tokenize_text takes a publication stamp below the article when the header has none",
          "[tokenize_text]") {
  CHECK(hint(tokenize(article("City approves budget after long debate",
                              "Published August 13, 2025\nJuly 14, 2015 at 3:53 pm\n")),
             "text:dateline") == "Published August 13, 2025");
  // an update stamp or a bare date down there says nothing of the publication
  CHECK(hint(tokenize(article("City approves budget after long debate",
                              "Updated August 13, 2025\nJuly 14, 2015 at 3:53 pm\n")),
             "text:dateline")
            .empty());
}

TEST_CASE("tokenize_text dates a thread by its start", "[tokenize_text]") {
  // the later post beside the densest prose does not date the thread
  const std::string later = "Sam Reply\nJul 13, 2022\n";
  CHECK(
      hint(tokenize(article("Which backup tool do you use?\nStart date Jul 9, 2022\n" + later, "")),
           "text:dateline") == "Start date Jul 9, 2022");
  CHECK(hint(tokenize(article(
                 "Which backup tool do you use?\nasked Mar 28, 2014 at 11:38\n" + later, "")),
             "text:dateline") == "asked Mar 28, 2014 at 11:38");
  CHECK(hint(tokenize(article(
                 "Discussion in 'Hosting Advice' started by pelex, May 26, 2025.\n" + later, "")),
             "text:dateline") == "May 26, 2025");
}

TEST_CASE("tokenize_text reads a thread's reply subjects as its title repeated",
          "[tokenize_text]") {
  // each post repeats the thread's title after "Re: "; the title is picked from one of them
  const std::string post =
      "I have tried several tools for my backups at home and none of them was simple enough "
      "for the whole family to use every week without my help.\n\n";
  const Page page = tokenize("Board index\nRe: Which backup tool do you use at home?\n\n" + post +
                             "Re: Which backup tool do you use at home?\n\n" + post +
                             "Re: Which backup tool do you use at home?\n\n" + post);
  CHECK(hint(page, "text:title") == "Which backup tool do you use at home?");
  std::size_t subjects = 0;
  for (const auto& block : page.blocks) {
    if (clipdown::plain_text(block.spans) == "Re: Which backup tool do you use at home?") {
      CHECK(block.role == BlockRole::title);
      ++subjects;
    }
  }
  CHECK(subjects == 3);
}

TEST_CASE("tokenize_text titles a thread by the line over its start", "[tokenize_text]") {
  // the densest prose is a later reply under a headline-like line that shares its words; the
  // thread's own title is four lines above its start date
  const std::string thread =
      "Forums\nWhich backup tool do you use at home?\nThread starter felixen\nWikiPost "
      "WikiPost\nReplies twelve\nViews many\nStart date Jul 9, 2022\n\nI am looking for a "
      "backup tool.\n\nSam Reply\nJul 13, 2022\nCouncil approves the budget for public "
      "transport\n";
  const Page page = tokenize(article(thread, ""));
  CHECK(hint(page, "text:title") == "Which backup tool do you use at home?");
  // a start the page gives only relative to the day it was saved leaves the thread undated
  const Page relative =
      tokenize(article("Which backup tool do you use at home?\nThread starter felixen\nStart date "
                       "Yesterday at 4:25 AM\nJoined\nNov 4, 2011\n",
                       ""));
  CHECK(hint(relative, "text:dateline").empty());
}

TEST_CASE("tokenize_text credits a thread to its starter", "[tokenize_text]") {
  const std::string later = "Sam Reply\nJul 13, 2022\n";
  CHECK(hint(tokenize(article(
                 "Which backup tool?\nThread starter Pippin06\nStart date Jul 9, 2022\n" + later,
                 "")),
             "text:byline") == "Pippin06");
  CHECK(hint(tokenize(
                 article("Which backup tool?\nasked Feb 4, 2014 at 13:02\njldugger\n" + later, "")),
             "text:byline") == "jldugger");
  const Page started = tokenize(
      article("Discussion in 'Hosting Advice' started by pelex, May 26, 2025.\n" + later, ""));
  CHECK(hint(started, "text:byline") == "pelex");
  // user names count as names there
  CHECK(hint(started, "page:thread") == "yes");
  // a dump's list markers, and the label of the user's picture, are no part of it
  const Page dump = tokenize(article(
      "Which backup tool?\n  * Thread starter felixen\n  * Start date Jul 9, 2022\n" + later, ""));
  CHECK(hint(dump, "text:byline") == "felixen");
  CHECK(hint(dump, "text:dateline") == "Start date Jul 9, 2022");
  CHECK(
      hint(tokenize(article(
               "Which backup tool?\nasked May 2, 2009 at 0:01\njldugger's user avatar\njldugger\n" +
                   later,
               "")),
           "text:byline") == "jldugger");
}

TEST_CASE("tokenize_text reads a stamp that leads a long line as a dateline", "[tokenize_text]") {
  const std::string stamp =
      "Posted on December 20, 2025 by Jean-Luc Aufranc (CNXSoft) - 5 Comments on Do you need a "
      "new board for your home automation projects this year";
  const Page page = tokenize(article("City approves budget after long debate\n" + stamp, ""));
  CHECK(find_block(page, stamp).role == BlockRole::dateline);
  CHECK(hint(page, "text:dateline") == stamp);
}

TEST_CASE("tokenize_text reads a byline or date label on its own line with the line below",
          "[tokenize_text]") {
  const Page page = tokenize(article(
      "City approves budget after long debate\nWritten By:\nJane Doe\nLast updated\nOctober 17, "
      "2025",
      ""));
  CHECK(find_block(page, "Jane Doe").role == BlockRole::byline);
  CHECK(find_block(page, "Written By:").role == BlockRole::chrome);
  CHECK(hint(page, "text:byline") == "Jane Doe");
  // the date keeps its label: an update, never the publication
  CHECK(hint(page, "text:dateline") == "Last updated October 17, 2025");
  // two authors and their roles; a label over no name is left alone
  const Page two = tokenize(article(
      "City approves budget after long debate\nBy\nMoses Kim and Kate Shokurova, staff", ""));
  CHECK(hint(two, "text:byline") == "Moses Kim and Kate Shokurova, staff");
  const Page none = tokenize(
      article("City approves budget after long debate\nBy\nWedding Planning Ideas 2025", ""));
  CHECK(hint(none, "text:byline").empty());
}

TEST_CASE("tokenize_text takes a bare name under the title as the byline", "[tokenize_text]") {
  const Page page = tokenize(article("City approves budget after long debate\nRoss Cullen", ""));
  CHECK(find_block(page, "Ross Cullen").role == BlockRole::byline);
  CHECK(hint(page, "text:byline") == "Ross Cullen");
}

TEST_CASE("tokenize_text marks short lines between paragraphs as headings", "[tokenize_text]") {
  const Page page = tokenize(article("",
                                     "Troops at borders\n\nWestern leaders have been warning "
                                     "Russia against any invasion for weeks, officials "
                                     "said.\n"));
  const Block& heading = find_block(page, "Troops at borders");
  CHECK(heading.kind == BlockKind::heading);
  CHECK(heading.level == 2);
}

TEST_CASE("tokenize_text does not make a short line between menu lines a heading",
          "[tokenize_text]") {
  const Page page = tokenize(article("News\nSports\nWeather", ""));
  CHECK(find_block(page, "Sports").kind == BlockKind::paragraph);
}

TEST_CASE("tokenize_text reads list markers", "[tokenize_text]") {
  const Page page =
      tokenize("- apples\n* pears\n\xe2\x80\xa2 plums\n\nintro\n\n1. first\n2) second\n");
  const Block& apples = find_block(page, "apples");
  CHECK(apples.kind == BlockKind::list_item);
  CHECK_FALSE(apples.ordered);
  CHECK(find_block(page, "pears").list == apples.list);
  CHECK(find_block(page, "plums").kind == BlockKind::list_item);
  const Block& first = find_block(page, "first");
  CHECK(first.ordered);
  CHECK(first.number == 1);
  CHECK(first.list != apples.list);
  CHECK(find_block(page, "second").number == 2);
}

TEST_CASE("tokenize_text classifies the seed scrape", "[tokenize_text]") {
  const auto seed = clipdown::test::read_seed();
  if (!seed) {
    WARN("seed missing: skipped");
    return;
  }
  const Page page = tokenize(*seed);
  CHECK(hint(page, "text:title") ==
        "'Significant differences' remain with Russia, says NATO chief Jens Stoltenberg");
  CHECK(hint(page, "text:byline") == "Ross Cullen");
  CHECK(hint(page, "text:source") == "Reuters");
  CHECK(find_block(page, "Download").role == BlockRole::chrome);
  CHECK(find_block(page, "READ MORE").role == BlockRole::chrome);
  CHECK(find_block(page, "Search Trends").role == BlockRole::chrome);
  CHECK(find_block(page, "Source(s): Reuters").role == BlockRole::credit);
  CHECK(find_block(page, "Troops at borders").kind == BlockKind::heading);
  CHECK(find_block(page, "Is this about invasion?").kind == BlockKind::heading);
  CHECK(find_block(page,
                   "Russia has amassed nearly 100,000 troops along its border with Ukraine in "
                   "recent months. /AP")
            .kind == BlockKind::caption);
}

namespace {

// Every hint of one key, in order.
std::vector<std::string> hints(const Page& page, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& h : page.hints) {
    if (h.key == key) out.push_back(h.value);
  }
  return out;
}

}  // namespace

TEST_CASE("tokenize_text reads names with a role or handle as a byline", "[tokenize_text]") {
  CHECK(role_of("Tom Krisher, AP Auto Writer") == BlockRole::byline);
  CHECK(role_of("Meg Kinnard and Errin Haines, Associated Press") == BlockRole::byline);
  CHECK(role_of("Kevin Johnson and Kevin McCoy USA TODAY") == BlockRole::byline);
  CHECK(role_of("Catherine Shu @catherineshu / 2 days") == BlockRole::byline);
  // a Title Case headline with a comma is no credit
  CHECK(role_of("Home Depot, Lowe's Report Strong Earnings") != BlockRole::byline);
  CHECK(role_of("Image Copyright @SomeLabel") != BlockRole::byline);
  // a headline in capitals throughout names nobody before an outlet
  CHECK(role_of("BUILDING A TRANSPARENT KEYSERVER") != BlockRole::byline);
}

TEST_CASE("tokenize_text prefers the headline above the byline to its standfirst",
          "[tokenize_text]") {
  const Page page = tokenize(article(
      "Visit our partner site\nCouncil approves the new city budget\nThe vote ends a long debate "
      "about transport costs in the suburbs.\nBy Jane Doe\nPublished Nov 18, 2019 at 4:07 PM",
      ""));
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
  CHECK(hint(page, "text:byline") == "Jane Doe");
}

TEST_CASE("tokenize_text gives back a header swallowed by a section marker", "[tokenize_text]") {
  const Page page =
      tokenize(article("TRENDING:\nBudget\nTransport\nCouncil approves the new city budget\n"
                       "By Tess Bonn - 11/19/19 06:56 AM EST",
                       ""));
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
  CHECK(hint(page, "text:byline") == "Tess Bonn");
  CHECK(hints(page, "text:dateline").size() == 1);
}

TEST_CASE("tokenize_text splits a dateline holding several stamps", "[tokenize_text]") {
  const Page page = tokenize(article(
      "Council approves the new city budget\nUpdated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", ""));
  CHECK(hints(page, "text:dateline") ==
        std::vector<std::string>{"Updated Nov 19, 9:41 AM", "Posted Nov 18, 8:19 PM"});
}

TEST_CASE("tokenize_text takes the credit inside a dateline", "[tokenize_text]") {
  const Page page = tokenize(
      article("Council approves the new city budget\nMonday November 18, 2019 7:45 am PST by "
              "Joe Rossignol",
              ""));
  CHECK(hint(page, "text:byline") == "Joe Rossignol");
  // a label before the date, and a stamp's verb the page writes in lower case, name nobody
  CHECK(hint(tokenize(article("Council approves the new city budget\nJoined: 4. Jul 2012", "")),
             "text:byline")
            .empty());
  CHECK(hint(tokenize(article("Council approves the new city budget\nCommented Mar 28, 2014",
                              "Nobody has commented on this yet.")),
             "text:byline")
            .empty());
}

TEST_CASE("tokenize_text reads a headline with a lone year as no dateline", "[tokenize_text]") {
  CHECK_FALSE(clipdown::detail::text::is_date_line("Top 25 Publishing Companies (Updated 2025)"));
  CHECK(clipdown::detail::text::is_date_line("Published March 2025"));
  CHECK(clipdown::detail::text::is_date_line("Updated 14:05"));
  // a day beside the year, in a month the scan does not know
  CHECK(clipdown::detail::text::is_date_line("Posted on Maret 30, 2015 by Admin"));
  const Page page = tokenize(article("Top 25 Publishing Companies in the USA (Updated 2025)", ""));
  CHECK(find_block(page, "Top 25 Publishing Companies in the USA (Updated 2025)").role ==
        BlockRole::title);
}

TEST_CASE("tokenize_text reads a headline with a month and a year but no day as no dateline",
          "[tokenize_text]") {
  using clipdown::detail::text::is_date_line;
  CHECK_FALSE(is_date_line("Project Discovery July 2024"));
  CHECK_FALSE(is_date_line("The Best Albums of December 2025"));
  CHECK(is_date_line("July 2024"));
  CHECK(is_date_line("Last updated July 2024"));
  CHECK(is_date_line("Member since July 2024 \u00b7 120 posts"));
  CHECK(is_date_line("Join Date: Aug 2008"));
  CHECK(is_date_line("Laubrani (Laubrani) July 30, 2024, 3:22pm 1"));
  CHECK(is_date_line("July 3rd, 2024 at 10:42"));
  const Page page = tokenize(article("Project Discovery July 2024", ""));
  CHECK(find_block(page, "Project Discovery July 2024").role == BlockRole::title);
  // a number past 31 is no day ("45 Deals"); a version is no date; a numeric date closing a
  // headline is the headline's, one inside a byline with categories is a date line
  CHECK_FALSE(is_date_line("Cybersecurity M&A Roundup: 45 Deals Announced in October 2025"));
  CHECK_FALSE(is_date_line("Discuss the VirtualBox 7.1.0 release here"));
  CHECK_FALSE(is_date_line("Lemmy Development Update 2024-10-04"));
  CHECK_FALSE(is_date_line("Metasploit Wrap-Up Notes 12/19/2025"));
  CHECK(is_date_line("Carlos Nadalim 27/09/2018 Comente! Alfabetiza\u00e7\u00e3o, M\u00fasica"));
  CHECK(is_date_line("Jane Doe 2024-10-04"));
  CHECK(is_date_line("Posted 2024.4.4"));
}

TEST_CASE("tokenize_text always gives a title, the article's first line at worst",
          "[tokenize_text]") {
  const Page page = tokenize(
      "the council approved the new budget on tuesday after a long debate about the cost of "
      "public transport in the city and its suburbs, which grew quickly\n");
  const std::string title = hint(page, "text:title");
  CHECK(!title.empty());
  CHECK(title.size() <= 100);
  CHECK(title.back() != ' ');
  CHECK(hint(tokenize("One short line.\n"), "text:title") == "One short line.");
}

TEST_CASE("tokenize_text names the site from its copyright line and chrome", "[tokenize_text]") {
  const Page page =
      tokenize(article("The Daily Courier\nAbout The Daily Courier\nCity news",
                       "\u00a9 2019 The Daily Courier Company. All rights reserved."));
  CHECK(hint(page, "text:site") == "The Daily Courier");
  // a photo credit's "©" names no site
  CHECK(hint(tokenize(article("", "\u00a9 Aaron Schwartz")), "text:site").empty());
}

TEST_CASE("tokenize_text passes on the copyright year and the full dates of the page",
          "[tokenize_text]") {
  const Page page = tokenize(article("City budget passes\nPosted Nov 18, 8:19 PM",
                                     "- November 20, 2019, 10:54 am\n"
                                     "\u00a9 2005\u20132019 Example Media. All rights reserved."));
  CHECK(hint(page, "text:year") == "2019");
  CHECK(hint(page, "text:pagedate") == "November 20, 2019, 10:54 am");
}

TEST_CASE("tokenize_text reads the outlet that closes a dateline", "[tokenize_text]") {
  const Page page = tokenize(
      article("City budget passes\nUpdated on: November 19, 2019 / 10:07 AM / CBS News", ""));
  CHECK(hint(page, "text:outlet") == "CBS News");
  const Page none =
      tokenize(article("City budget passes\nNovember 19, 2019 | Topic: Hardware", ""));
  CHECK(hint(none, "text:outlet").empty());
}

TEST_CASE("tokenize_text reads a line closing with a picture credit as a caption, not a title",
          "[tokenize_text]") {
  const Page page = tokenize(article(
      "The new stage at the assembly plant after the installation of its four engines. (credit: "
      "NASA/Jane Doe)\nSeeking a bigger role for a big rocket\nby Jane Doe\nMonday, November 18, "
      "2019",
      ""));
  CHECK(hint(page, "text:title") == "Seeking a bigger role for a big rocket");
  CHECK(
      find_block(page,
                 "The new stage at the assembly plant after the installation of its four engines. "
                 "(credit: NASA/Jane Doe)")
          .kind == BlockKind::caption);
}

TEST_CASE("tokenize_text never takes a breadcrumb trail for the title", "[tokenize_text]") {
  const Page page = tokenize(article(
      "Home \xc2\xbb Council approves the new city budget\nCouncil approves the new city budget\n"
      "By Jane Doe",
      ""));
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
}

TEST_CASE("tokenize_text gives back a header swallowed by a menu's section marker",
          "[tokenize_text]") {
  // "Customer Stories" reads as a related-stories marker; the menu, headline, byline, date and
  // table of contents under it run past the marker's length limit before the article starts
  const Page page = tokenize(article(
      "Solutions\nCustomer Stories\nPricing\nPartners\nAbout\nBook a Demo\nGet a Report\n"
      "Main > Blog\nBUSINESS\nCouncil approves the new city budget\nJane Doe\n"
      "August 25, 2025\n15 min\nTable of Contents\nToggle Table of Contents\nKey takeaways\n"
      "What the budget funds\nWhat it leaves out\nHow the vote went\nWhat comes next\nFAQs",
      ""));
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
  CHECK(hint(page, "text:byline") == "Jane Doe");
  CHECK(hint(page, "text:dateline") == "August 25, 2025");
}

TEST_CASE("tokenize_text prefers a scrape's level-1 heading for the title", "[tokenize_text]") {
  // html2text writes the page's <h1> as "# ...": stronger evidence than a subheading that
  // happens to sit closer to the first paragraph
  const std::string page_text =
      "# Council approves the new city budget\n\n"
      "* [Home](https://example.com/)\n* [News](https://example.com/news/)\n"
      "* [Sport](https://example.com/sport/)\n\n"
      "## What the budget funds for transport\n\n"
      "The council approved the new budget on Tuesday after a long debate about the cost of "
      "[public transport](https://example.com/t) in the city.\n\n"
      "The mayor said the **plan** would be reviewed next year and that fares would not rise "
      "before the spring of next year.\n";
  const Page page = tokenize(page_text);
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
}

TEST_CASE("unglue_header parts what innerText glued in a header line", "[tokenize_text]") {
  using clipdown::detail::text::unglue_header;
  CHECK(unglue_header("ByNina Pineda") == "By Nina Pineda");
  CHECK(unglue_header("Korin MillerPublished Sep 5, 2025") == "Korin Miller Published Sep 5, 2025");
  CHECK(unglue_header("ByKathryn GiuffridaMar 5, 2025 | 6 comments") ==
        "By Kathryn Giuffrida Mar 5, 2025 | 6 comments");
  CHECK(unglue_header("Updated onFebruary 16, 2026") == "Updated on February 16, 2026");
  CHECK(unglue_header("BY KORIN MILLERPUBLISHED: JAN 29, 2025") ==
        "BY KORIN MILLER PUBLISHED: JAN 29, 2025");
  // names and words with inner capitals stay whole
  CHECK(unglue_header("Ronald McDonald on JavaScript and the iPhone") ==
        "Ronald McDonald on JavaScript and the iPhone");
  CHECK(unglue_header("Bye Byron") == "Bye Byron");
  // a bullet or middle dot glued to both parts
  CHECK(unglue_header("Faith Katunga\u2022Oct 20, 2025") == "Faith Katunga \u2022 Oct 20, 2025");
  CHECK(unglue_header("Jane Roe\u00b75 min read") == "Jane Roe \u00b7 5 min read");
  CHECK(unglue_header("Jane Roe \u2022 Oct 20, 2025") == "Jane Roe \u2022 Oct 20, 2025");
  CHECK(unglue_header("\u2022 Oct 20, 2025") == "\u2022 Oct 20, 2025");
}

TEST_CASE("tokenize_text reads a name and a date glued by a bullet", "[tokenize_text]") {
  const Page page = tokenize(
      article("Council approves the new city budget\nFaith Katunga\u2022Oct 20, 2025", ""));
  CHECK(hint(page, "text:byline") == "Faith Katunga");
  CHECK(hint(page, "text:dateline").find("Oct 20, 2025") != std::string::npos);
}

TEST_CASE("tokenize_text reads a glued \"By\" line as a byline", "[tokenize_text]") {
  const Page page =
      tokenize(article("Council approves the new city budget\nByNina Pineda\nUpdatedJanuary 25, "
                       "2026",
                       ""));
  CHECK(hint(page, "text:byline") == "Nina Pineda");
  CHECK(hint(page, "text:dateline") == "Updated January 25, 2026");
}

TEST_CASE("tokenize_text takes a name-like subheading far under the title for no byline",
          "[tokenize_text]") {
  const Page page = tokenize(article(
      "Council approves the new city budget\nNovember 18, 2019\nWhat the plan means for you\n"
      "A look at the numbers behind the vote\nHow we got here\nWhere it goes next\n"
      "Scalability Issues",
      ""));
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
  CHECK(hints(page, "text:byline").empty());
}

TEST_CASE("tokenize_text reads a \"by\" line shaped like a trail as the byline",
          "[tokenize_text]") {
  const Page page = tokenize(article(
      "11 ways to cut the council's transport costs\nby Jason Rostar | SEO | 8 min Read", ""));
  CHECK(hint(page, "text:title") == "11 ways to cut the council's transport costs");
  CHECK(hint(page, "text:byline") == "Jason Rostar");
}

TEST_CASE("tokenize_text finds a headline over its dateline past a long table of contents",
          "[tokenize_text]") {
  std::string contents;
  for (int i = 1; i <= 40; ++i) {
    contents += std::to_string(i) + ". Step number " + std::to_string(i) + " of the plan\n";
  }
  const Page page =
      tokenize(article("Council approves the new city budget\nBy Jane Doe\n"
                       "November 18, 2019\n\nContents\n" +
                           contents,
                       ""));
  CHECK(hint(page, "text:title") == "Council approves the new city budget");
  CHECK(hint(page, "text:byline") == "Jane Doe");
  CHECK(hint(page, "text:dateline") == "November 18, 2019");
}

TEST_CASE("tokenize_text drops a contents box whose entries head the sections below",
          "[tokenize_text]") {
  const Page page = tokenize(
      "Nine money tips for working adults\n\nTable of Contents\nSet Goals\nMake a Plan for "
      "Saving\nProtect Against Risk\n\nSet Goals\n\nYour money moves need to be linked to your "
      "goals, or they will not add up to much over the years.\n\nMake a Plan for Saving\n\nA "
      "budget lets you know whether your income exceeds your expenses every month.\n\n3. Protect "
      "against risk\n\nInsurance and an estate plan protect your family when things go wrong.\n");
  for (const auto* entry : {"Table of Contents", "Set Goals", "Make a Plan for Saving"}) {
    const Block* first = nullptr;
    for (const auto& block : page.blocks) {
      if (clipdown::plain_text(block.spans) == entry) {
        first = &block;
        break;
      }
    }
    REQUIRE(first != nullptr);
    CHECK(first->role == BlockRole::chrome);
  }
  CHECK(find_block(page, "Protect Against Risk").role == BlockRole::chrome);
  // the sections' own headings stay, as headings; the headline is no contents entry
  CHECK(page.blocks[5].kind == BlockKind::heading);
  CHECK(clipdown::plain_text(page.blocks[5].spans) == "Set Goals");
  CHECK(hint(page, "text:title") == "Nine money tips for working adults");
  CHECK(hints(page, "text:byline").empty());
}

TEST_CASE("tokenize_text keeps boxes repeated as boxes: the same lines on every card",
          "[tokenize_text]") {
  std::string cards;
  for (const auto* mover : {"Colonial Van Lines", "Safeway Moving", "American Van Lines"}) {
    cards += std::string(mover) +
             "\nPros\nEfficient service\nCareful handling\nCons\nDelayed arrival\n\n"
             "The company moves homes across the state and answers the phone all day long.\n\n";
  }
  const Page page = tokenize("Best movers in the state this year\n\n" + cards);
  for (const auto& block : page.blocks) CHECK(block.role != BlockRole::chrome);
}

TEST_CASE("tokenize_text takes a name-shaped line of the page's common words for no name",
          "[tokenize_text]") {
  // "Learning Center" is shaped like a name, but the page writes "learning" and "center"
  const Page page = tokenize(
      article("A guide to the new learning tools\nLearning Center",
              "The learning center is open to everyone, and the center staff answer questions.\n"));
  CHECK(hint(page, "text:title") == "A guide to the new learning tools");
  CHECK(hints(page, "text:byline").empty());
  // a real name stays a byline even when the page writes one of its words in lower case
  const Page named = tokenize(
      article("A guide to the new learning tools\nRose Martin",
              "A rose by any other name, she wrote, and mailed it to rose_martin@example.com.\n"));
  CHECK(hint(named, "text:byline") == "Rose Martin");
  // four capitalised words, half of them common, make a headline
  const Page headline =
      tokenize(article("Keep Your Teeth Healthy", "Brush your teeth twice a day, dentists say.\n"));
  CHECK(hint(headline, "text:title") == "Keep Your Teeth Healthy");
}

TEST_CASE("tokenize_text drops a heading's permalink mark and template placeholders",
          "[tokenize_text]") {
  const Page page = tokenize(article("{{ navItem.title }}\nQuickstart guide for new users\xc2\xb6",
                                     "Install the package first, then run the setup command.\n"));
  CHECK(hint(page, "text:title") == "Quickstart guide for new users");
}

TEST_CASE("tokenize_text reads lines of source code as one code block", "[tokenize_text]") {
  const Page page = tokenize(article(
      "",
      "Here's some code that uses the new call:\n\njs\nfunction done(result) {\n"
      "console.log(result);\n}\n\nrun(settings, done);\n\nThe call returns at once, and the "
      "callback runs when the file is ready to be played back.\n"));
  const Block& code =
      find_block(page, "function done(result) {\nconsole.log(result);\n}\n\nrun(settings, done);");
  CHECK(code.kind == BlockKind::code);
  CHECK(find_block(page, "Here's some code that uses the new call:").kind == BlockKind::paragraph);
  // one line that merely looks like code, or prose naming a function(), is no code block
  const Page prose = tokenize(article("", "Call setup() first; then run(x);\n"));
  CHECK(find_block(prose, "Call setup() first; then run(x);").kind != BlockKind::code);
}

TEST_CASE("tokenize_text reads Python imports and assignments as code", "[tokenize_text]") {
  const Page page = tokenize(
      article("",
              "from pydantic import BaseModel, Field\n\nclass User(BaseModel):\nname: str = "
              "'John'\nage: int = Field(default=20)\n\nuser_list = [1, 2]\n"));
  CHECK(find_block(page,
                   "from pydantic import BaseModel, Field\n\nclass User(BaseModel):\nname: "
                   "str = 'John'\nage: int = Field(default=20)\n\nuser_list = [1, 2]")
            .kind == BlockKind::code);
  // prose with an equals sign is no assignment
  const Page prose = tokenize(article("", "The total value = the sum of all parts\n"));
  CHECK(find_block(prose, "The total value = the sum of all parts").kind != BlockKind::code);
}

TEST_CASE("tokenize_text tells the order of the page's slashed dates where one shows it",
          "[tokenize_text]") {
  CHECK(hint(tokenize(article("Posted 28/11/2025 at 7:07 pm", "Last post: 01/12/2025\n")),
             "text:slashed-dates") == "day-first");
  CHECK(hint(tokenize(article("Posted 11/28/2025", "")), "text:slashed-dates") == "month-first");
  // nothing shows the order, or dates disagree
  CHECK(hint(tokenize(article("Posted 01/12/2025", "")), "text:slashed-dates").empty());
  CHECK(hint(tokenize(article("Posted 11/28/2025", "Edited 28/11/2025\n")), "text:slashed-dates")
            .empty());
}

TEST_CASE("tokenize_text takes a menu item shaped like a name for no header evidence",
          "[tokenize_text]") {
  // "Commercial Water Jetting" is name-shaped, but no byline or date is near it: the line above
  // it is a menu item, not a headline over its byline
  const Page page = tokenize(
      article("Drain cleaning for restaurants\nCommercial Water Jetting\nSewer Cleaning\nAbout\n"
              "Reviews\nBlog\nContact\nComparing six types of plumbing pipes",
              ""));
  CHECK(hint(page, "text:title") == "Comparing six types of plumbing pipes");
}

TEST_CASE("tokenize_text prefers the headline to a trail glued to it", "[tokenize_text]") {
  const Page page = tokenize(
      article("Home Gear Reviews Best Minimalist Home Gym Setup on a Budget\nBest Minimalist Home "
              "Gym Setup on a Budget\nBy Hardtail Canada August 12, 2021",
              ""));
  CHECK(hint(page, "text:title") == "Best Minimalist Home Gym Setup on a Budget");
}

TEST_CASE("tokenize_text prefers a headline shown twice to the line under it", "[tokenize_text]") {
  const Page page =
      tokenize(article("Menu\nHow we keep pests out of the garden\nHow we keep pests out of the "
                       "garden\nNatural garden pest control for beginners",
                       ""));
  CHECK(hint(page, "text:title") == "How we keep pests out of the garden");
}

TEST_CASE("tokenize_text reads the credit before a dateline's separator, not its label",
          "[tokenize_text]") {
  // "Last updated" labels the date; the name under the headline is the byline
  const Page labelled = tokenize(
      article("How to build an app in ten steps\nTuhin Bhatt\nLast updated on June 19, 2025", ""));
  CHECK(hint(labelled, "text:byline") == "Tuhin Bhatt");
  // a name glued to its date by a bullet
  const Page glued = tokenize(
      article("How to build an app in ten steps\nDavid Hartshorne\xe2\x80\xa2Updated on Jul 4, "
              "2024 \xe2\x80\xa2"
              "28 min read",
              ""));
  CHECK(hint(glued, "text:byline") == "David Hartshorne");
  // an interface label is no name
  const Page login =
      tokenize(article("How to build an app in ten steps\nMember Login\nJune 19, 2025", ""));
  CHECK(hints(login, "text:byline").empty());
}

TEST_CASE("tokenize_text finds a thread's title over its first post far above the longest post",
          "[tokenize_text]") {
  // many short posts between the title and the densest run, far below it
  std::string posts;
  for (int i = 1; i <= 40; ++i) {
    posts += "user" + std::to_string(i) + "\nMember\nJul 18, 2024\n#" + std::to_string(i) +
             "\nNIH - 7/" + std::to_string(i) + "\n";
  }
  const Page page = tokenize(
      "Forums\nOfficial 2024-2025 Infectious Disease Application Thread\nThread starter "
      "boobaloobie\nStart date Jul 18, 2024\n" +
      posts + article("", ""));
  CHECK(hint(page, "text:title") == "Official 2024-2025 Infectious Disease Application Thread");
}

TEST_CASE("tokenize_text dates an article by the dateline beside its byline just inside it",
          "[tokenize_text]") {
  // headline, a long standfirst (the article's first prose), the headline again, the byline
  // and the date: the byline and the headline's copy take none of the reach
  const Page page = tokenize(article(
      "AI Coding Agents Tested in a Minesweeper Challenge\n"
      "Four coding agents were asked to rebuild the classic game in Python, and the test showed "
      "polished results from some of them and bugs, slow code and missing rules from the "
      "others, which says much about where such tools stand at the end of the year and about "
      "what developers can expect from them in the next one.\n"
      "AI Coding Agents Tested in a Minesweeper Challenge\nWritten by Maya Perez\n"
      "Friday, December 19, 2025\nWhat the agents built",
      ""));
  CHECK(hint(page, "text:byline") == "Maya Perez");
  CHECK(hint(page, "text:dateline") == "Friday, December 19, 2025");
}

TEST_CASE("find_year finds four-digit years standing alone", "[tokenize_text]") {
  using clipdown::detail::text::find_year;
  using clipdown::detail::text::has_lone_year;
  CHECK(find_year("Posted March 3, 2025") == 16);
  CHECK(find_year("1987 and 2025", 1) == 9);
  CHECK(find_year("call 120250 or 2999") == std::string_view::npos);
  CHECK(find_year("") == std::string_view::npos);
  // a lone year has no day beside it: a headline's "(Updated 2025)", not "Maret 30, 2015"
  CHECK(has_lone_year("top 25 picks (updated 2025)"));
  CHECK_FALSE(has_lone_year("maret 30, 2015"));
  CHECK_FALSE(has_lone_year("02 ago 2017"));
}

TEST_CASE("tokenize_text prefers the headline over the article's intro to a subheading far below",
          "[tokenize_text]") {
  // the densest prose run starts under a subheading far down a buyer's guide (a box of product
  // cards, under a "Most popular" marker, between the intro and the rest); the headline sits
  // over the byline and the intro
  std::string cards = "Most popular\n";
  for (int i = 0; i < 160; ++i)
    cards += "Moving Company " + std::to_string(i) + "\n4." + std::to_string(i % 10) + "\n";
  const std::string intro =
      "I have helped thousands of people move over the last decade, and no two moves in New "
      "York are ever exactly alike. Let me walk you through what I learned about the movers in "
      "the city, what they charge and which of them I would hire again for my own family.\n";
  const std::string body =
      "\n\nOur team analyzed 133 New York movers and listed the top movers based on customer "
      "satisfaction, reviews and cost.\n\nEvery mover on the list holds a licence for "
      "interstate moves and answered our questions about hidden fees, deposits and "
      "insurance.\n\nWe also asked customers how their moves went, and we weighed late "
      "arrivals and damaged furniture most of all.\n\nPrices were gathered from quotes for a "
      "two-bedroom apartment in the spring of this year.\n";
  const Page page = tokenize(
      "Menu\n10 Best Moving Companies in New York (2025 Reviews)\nBy Ryan Carrigan\n"
      "Last Updated: Dec 17, 2025\n" +
      intro + cards + "How we chose the best moving companies in New York" + body);
  CHECK(hint(page, "text:title") == "10 Best Moving Companies in New York (2025 Reviews)");
}
