#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "clipdown/extract.hpp"
#include "metadata_internal.hpp"

using clipdown::Metadata;
using clipdown::MetaHint;
using clipdown::resolve_metadata;

namespace {

std::string date_of(const std::string& text, bool month_first = true) {
  const auto d = clipdown::meta::parse_date(text, month_first);
  return d ? d->iso() : std::string("none");
}

std::string names_of(const std::string& byline, const std::vector<std::string>& outlets = {}) {
  std::string out;
  for (const auto& c : clipdown::meta::clean_credits(byline, outlets)) {
    if (!out.empty()) out += "; ";
    out += c.name;
    if (c.agency) out += " (agency)";
  }
  return out;
}

}  // namespace

TEST_CASE("parse_date reads the formats news pages write", "[metadata]") {
  const auto [text, want] = GENERATE(table<std::string, std::string>({
      {"2019-11-19", "2019-11-19"},
      {"2019-11-19T11:00:09.000Z", "2019-11-19"},
      {"2019-11-18T18:30:00-05:00", "2019-11-18"},
      {"2019-11-18 20:58:00", "2019-11-18"},
      {"Tue, 19 Nov 2019 08:03:00 GMT", "2019-11-19"},
      {"Nov. 19, 2019 8:03 am ET", "2019-11-19"},
      {"19 November 2019", "2019-11-19"},
      {"November 19, 2019", "2019-11-19"},
      {"Monday November 18, 2019 7:45 am PST by Joe Rossignol", "2019-11-18"},
      {"- Nov. 18th 2019 12:12 pm PT", "2019-11-18"},
      {"Published Wed, Nov 20 20194:29 AM EST", "2019-11-20"},
      {"Nov.November 18, 2019", "2019-11-18"},
      {"2019/11/19", "2019-11-19"},
      {"19.11.2019", "2019-11-19"},
      {"21:17 18.11.2019", "2019-11-18"},
      {"11.14.2019 09:00 AM", "2019-11-14"},
      {"27/09/2018", "2018-09-27"},
      {"11/19/19 06:56 AM EST", "2019-11-19"},
      {"1574150580", "2019-11-19"},
      {"1574150580000", "2019-11-19"},
      {"publiziert am 25. September 2018", "2018-09-25"},
      {"sexta-feira, 22 de outubro de 2010", "2010-10-22"},
      {"02 Ago 2017", "2017-08-02"},
      {"13 janvier 2020", "2020-01-13"},
      {"3. März 2021", "2021-03-03"},
      {"24 сентября 2018", "2018-09-24"},
      {"기사입력 :[ 2018-08-25 15:24 ]", "2018-08-25"},
      {"Tue Nov 19 2019 03:05:46 GMT+0000 (Coordinated Universal Time)", "2019-11-19"},
      {"0001-01-01T00:00:00Z", "none"},
      {"2019-02-30", "none"},
      {"2 days ago", "none"},
      {"Monday 5:30PM", "none"},
      {"", "none"},
  }));
  CAPTURE(text);
  CHECK(date_of(text) == want);
}

TEST_CASE("parse_date refuses numbers too long to be date fields", "[metadata]") {
  // Found by fuzz_text: "2024/02/1999999999" overflowed an int while reading the day.
  CHECK(date_of("2024/02/19999999999") == "none");
  CHECK(date_of("2024-02-12345678901234567890") == "none");
  CHECK(date_of("12345678901/02/03") == "none");
  CHECK(date_of("2024/02/19") == "2024-02-19");
}

TEST_CASE("parse_date reads ambiguous slashed dates by the page's convention", "[metadata]") {
  CHECK(date_of("05/10/2018", true) == "2018-05-10");
  CHECK(date_of("05/10/2018", false) == "2018-10-05");
  CHECK(date_of("19.11.2019", true) == "2019-11-19");
}

TEST_CASE("parse_date keeps the UTC flag and the hour for day adjustments", "[metadata]") {
  const auto z = clipdown::meta::parse_date("2019-11-20T04:31:00Z");
  REQUIRE(z);
  CHECK(z->utc);
  CHECK(z->hour == 4);
  const auto offset = clipdown::meta::parse_date("2019-11-19T22:31:00-06:00");
  REQUIRE(offset);
  CHECK_FALSE(offset->utc);
  const auto pm = clipdown::meta::parse_date("Nov 19, 2019, 10:31 pm CST");
  REQUIRE(pm);
  CHECK(pm->hour == 22);
}

TEST_CASE("clean_credits turns bylines into names", "[metadata]") {
  const auto [byline, want] = GENERATE(table<std::string, std::string>({
      {"By Tess Bonn", "Tess Bonn"},
      // a job title glued after the name (separate elements read as one text)
      {"Meghan Neville Content Marketing Coordinator", "Meghan Neville"},
      {"Justin C. Meserole Trial Attorney", "Justin C. Meserole"},
      {"Rasmus Barslund Founder & Lead Reviewer", "Rasmus Barslund"},
      {"Mateusz HabernyFounder", "Mateusz Haberny"},
      {"Written By: Catherine Boeckmann Executive Digital Editor and Master Gardener",
       "Catherine Boeckmann"},
      // a title alone credits no one
      {"Print Managing Editor", ""},
      {"Lead Reviewer", ""},
      {"By Priya Natarajan, Local Democracy Reporter", "Priya Natarajan"},
      // a one-word label before the name; UI words and weekdays are no names
      {"Published in Sérgio Schüler", "Sérgio Schüler"},
      {"Insights from Liza Burke Marketing Director May 14, 2025", "Liza Burke"},
      {"Introducing the Venteur Growth Collective", ""},
      {"Sat, 20 Dec, 2025 - 06:36", ""},
      {"Full Bio", ""},
      {"Post by Stickybit » 11. Sep 2024, 18:36", "Stickybit"},
      {"BY: Ilana Muhlstein, MS, RDN", "Ilana Muhlstein"},
      {"Written by Rachael Link, MS, RD on November 14, 2019", "Rachael Link"},
      {"Posted by Michael David Smith on November 19, 2019", "Michael David Smith"},
      {"By Tess Bonn - 11/19/19 06:56 AM EST", "Tess Bonn"},
      {"By Bill Hoppe | Special to the Pioneer Press", "Bill Hoppe"},
      {"Tom Krisher, AP Auto Writer", "Tom Krisher"},
      {"By Jill Disis, CNN Business", "Jill Disis"},
      {"Analysis by Chris Cillizza, CNN Editor-at-large", "Chris Cillizza"},
      {"Tom Gillespie, News reporter", "Tom Gillespie"},
      {"VICTOR TANGERMANN, FUTURISM", "Victor Tangermann"},
      {"By Troy L. Smith, Cleveland.com", "Troy L. Smith"},
      {"By Mike Wuerthele and Malcolm Owen", "Mike Wuerthele; Malcolm Owen"},
      {"By Matthew Digby, Minh Do on Monday, November 18th, 2019", "Matthew Digby; Minh Do"},
      {"By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER, Associated Press",
       "Lisa Mascaro; Mary Clare Jalonick; Eric Tucker; Associated Press (agency)"},
      {"Lisa Kaczke and Trevor J. Mitchell, Sioux Falls Argus Leader",
       "Lisa Kaczke; Trevor J. Mitchell"},
      {"Meg Kinnard and Errin Haines, Associated Press",
       "Meg Kinnard; Errin Haines; Associated Press (agency)"},
      {"Von Moritz Bachmann publiziert am 25. September 2018", "Moritz Bachmann"},
      {"Posted on Maret 30, 2015 by Admin", ""},
      {"Jane Doe for The Times", "Jane Doe"},
      {"by Tom Rogan | November 18, 2019 12:26 PM", "Tom Rogan"},
      {"Joseph Tsidulko November 19, 2019, 07:47", "Joseph Tsidulko"},
      {"Reuters, Washington", "Reuters (agency)"},
      {"By REUTERS", "Reuters (agency)"},
      {"The Associated Press", "Associated Press (agency)"},
      {"Tom Davies, Associated Press", "Tom Davies; Associated Press (agency)"},
      {"By Eric Song, IGN Staff", "Eric Song"},
      {"By Staff Reports", ""},
      {"JERUSALEM POST STAFF", ""},
      {"Editorial board", ""},
      {"Detroit News wire services", ""},
      {"jdadmin", ""},
      {"kei_eno", ""},
      {"AS", ""},
      {"by Regan", "Regan"},
      {"JANIE HAR", "Janie Har"},
      {"Jane Doe (jane@example.com)", "Jane Doe"},
      {"Jane Doe @janedoe", "Jane Doe"},
      {"https://www.facebook.com/janedoe", ""},
      {"Ludwig van Beethoven", "Ludwig van Beethoven"},
      {"Текст: Венера Ерофеева\u00b724 сентября 2018", "Венера Ерофеева"},
      {"Publicado por: Clarissa Borba", "Clarissa Borba"},
      {"Jane Doe; John Roe", "Jane Doe; John Roe"},
      {"Jane Doe & John Roe", "Jane Doe; John Roe"},
      {"| BY: Beachbody", "Beachbody"},
      {"Practical Horseman Editorial Staff", ""},
      {"Follow the author of this article Telegraph Sport", ""},
      {"rmb8090 Siamo un memorabilia del meglio", ""},
      {"By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019",
       "Mike Wuerthele; Malcolm Owen"},
      {"By Tariq Malik , Mike Wall 2019-11-18T22:05:36Z Spaceflight", "Tariq Malik; Mike Wall"},
      {"PMJS - Coordenadoria de TI", ""},
      {"вера", ""},
  }));
  CAPTURE(byline);
  CHECK(names_of(byline) == want);
}

TEST_CASE("clean_credits keeps user names only in a thread", "[metadata]") {
  using clipdown::meta::clean_credits;
  CHECK(clean_credits("amondale").empty());
  CHECK(clean_credits("noah_b").empty());
  REQUIRE(clean_credits("amondale", {}, true).size() == 1);
  CHECK(clean_credits("amondale", {}, true).front().name == "amondale");
  CHECK(clean_credits("Post by galitsyn » 11. Sep 2024, 18:36", {}, true).front().name ==
        "galitsyn");
  CHECK(clean_credits("Jane Roe", {}, true).front().name == "Jane Roe");
  CHECK(clean_credits("admin", {}, true).empty());
}

TEST_CASE("resolve_metadata credits a thread's poster by user name", "[metadata]") {
  const Metadata thread = resolve_metadata({
      {"jsonld", R"({"@type":"DiscussionForumPosting","headline":"Docker volumes",
                    "author":{"@type":"Person","name":"amondale"}})"},
  });
  CHECK(thread.authors == std::vector<std::string>{"amondale"});
  // an article's CMS handle is still no name
  const Metadata article = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","headline":"Budget",
                    "author":{"@type":"Person","name":"kei_eno"}})"},
  });
  CHECK(article.authors.empty());
}

TEST_CASE("clean_credits drops the outlet's own name", "[metadata]") {
  CHECK(names_of("Al Jazeera", {"Al Jazeera"}).empty());
  CHECK(names_of("Sky", {"Sky News"}).empty());
  CHECK(names_of("BY: Beachbody", {"The Beachbody Blog"}).empty());
  CHECK(names_of("Chris Davies", {"SlashGear"}) == "Chris Davies");
}

TEST_CASE("clean_credits marks news agencies", "[metadata]") {
  const auto credits = clipdown::meta::clean_credits("PTI, Washington");
  REQUIRE(credits.size() == 1);
  CHECK(credits[0].agency);
  CHECK(credits[0].name == "PTI");
}

TEST_CASE("read_jsonld reads an Article with author objects and a publisher", "[metadata]") {
  const auto ldj = clipdown::meta::read_jsonld({R"({"@context":"https://schema.org",
      "@type":"NewsArticle","headline":"Big &amp; news","datePublished":"2019-11-19T11:00:00Z",
      "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
      "publisher":{"@type":"Organization","name":"The Daily"},"image":{"@type":"ImageObject",
      "url":"https://x.test/a.jpg"},"keywords":"a, b","inLanguage":"en-US"})"});
  CHECK(ldj.headline == "Big & news");
  CHECK(ldj.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
  CHECK(ldj.date_published == "2019-11-19T11:00:00Z");
  CHECK(ldj.publisher == "The Daily");
  CHECK(ldj.image == "https://x.test/a.jpg");
  CHECK(ldj.keywords == std::vector<std::string>{"a", "b"});
  CHECK(ldj.in_language == "en-US");
}

TEST_CASE("read_jsonld follows @graph and @id references", "[metadata]") {
  const auto ldj = clipdown::meta::read_jsonld({R"({"@context":"https://schema.org","@graph":[
      {"@type":"Organization","@id":"#org","name":"Example News"},
      {"@type":"WebSite","@id":"#site","name":"Example"},
      {"@type":"WebPage","@id":"#page","name":"Headline - Example"},
      {"@type":["Article","NewsArticle"],"headline":"Headline","author":{"@id":"#p1"},
       "publisher":{"@id":"#org"},"datePublished":"2018-09-15"},
      {"@type":"Person","@id":"#p1","name":"Jane Doe"}]})"});
  CHECK(ldj.headline == "Headline");
  CHECK(ldj.page_name == "Headline - Example");
  CHECK(ldj.authors == std::vector<std::string>{"Jane Doe"});
  CHECK(ldj.publisher == "Example News");
  CHECK(ldj.organization == "Example News");
  CHECK(ldj.date_published == "2018-09-15");
}

TEST_CASE("read_jsonld takes an author string and an array of top-level objects", "[metadata]") {
  const auto ldj = clipdown::meta::read_jsonld(
      {R"([{"@type":"BreadcrumbList"},{"@type":"BlogPosting","author":"Jane Doe","name":"Post"}])"});
  CHECK(ldj.authors == std::vector<std::string>{"Jane Doe"});
  CHECK(ldj.headline == "Post");
}

TEST_CASE("read_jsonld reads a QAPage's question as the article, not an FAQ's", "[metadata]") {
  const auto qa = clipdown::meta::read_jsonld({R"({"@context":"http://schema.org",
      "@type":"QAPage","name":"Update broke it","mainEntity":{"@type":"Question",
      "name":"Update broke it","datePublished":"2024-09-05T23:15:57Z","answerCount":1,
      "author":{"@type":"Person","name":"DaleJack"},
      "suggestedAnswer":[{"@type":"Answer","author":{"@type":"Person","name":"Other"}}]}})"});
  CHECK(qa.authors == std::vector<std::string>{"DaleJack"});
  CHECK(qa.date_published == "2024-09-05T23:15:57Z");
  CHECK(qa.headline == "Update broke it");
  const auto faq = clipdown::meta::read_jsonld({R"({"@type":"FAQPage","mainEntity":[
      {"@type":"Question","name":"Why?","author":{"@type":"Person","name":"Someone"}}]})"});
  CHECK(faq.authors.empty());
}

TEST_CASE("read_jsonld prefers a specific article type to a generic CreativeWork", "[metadata]") {
  const auto ldj = clipdown::meta::read_jsonld(
      {R"({"@type":"Dataset","license":{"@type":"CreativeWork","name":"CC BY"}})",
       R"({"@type":"NewsArticle","headline":"Top 10","datePublished":"2023-08-29"})"});
  CHECK(ldj.headline == "Top 10");
  CHECK(ldj.date_published == "2023-08-29");
  CHECK(resolve_metadata({{"meta:published-date", "2021-02-16"}}).date == "2021-02-16");
}

TEST_CASE("read_jsonld repairs common breakage", "[metadata]") {
  const auto ldj =
      clipdown::meta::read_jsonld({"<!--//<![CDATA[\n{\"@type\":\"NewsArticle\",\n"
                                   "\"headline\":\"Line\nbreak\",\"author\":[\"A B\","
                                   "],}\n//]]>-->",
                                   R"({"@type":"Organization","name":"X"} {"a":1})"});
  CHECK(ldj.headline == "Line break");
  CHECK(ldj.authors == std::vector<std::string>{"A B"});
  CHECK(ldj.organization == "X");
}

TEST_CASE("read_jsonld ignores JSON that cannot be repaired", "[metadata]") {
  const auto ldj = clipdown::meta::read_jsonld(
      {R"({"@type":"NewsArticle","headline":)", "}}}", "not json at all", ""});
  CHECK(ldj.headline.empty());
  CHECK(ldj.authors.empty());
}

TEST_CASE("resolve_metadata resolves the seed's text hints", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"text:title",
       "'Significant differences' remain with Russia, says NATO chief Jens "
       "Stoltenberg"},
      {"text:byline", "Ross Cullen"},
      {"text:source", "Reuters"},
  });
  CHECK(m.title ==
        "'Significant differences' remain with Russia, says NATO chief Jens Stoltenberg");
  CHECK(m.title_from == "text:title");
  CHECK(m.authors == std::vector<std::string>{"Ross Cullen"});
  CHECK(m.source == "Reuters");
  CHECK(m.date.empty());
}

TEST_CASE("resolve_metadata ranks JSON-LD above OpenGraph above <title>", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "Title tag | Site"},
      {"meta:og:title", "OG title"},
      {"jsonld", R"({"@type":"NewsArticle","headline":"LD headline","author":"Jane Doe",
                    "datePublished":"2019-11-18T18:30:00-05:00","publisher":{"name":"Site"}})"},
      {"meta:author", "John Roe"},
      {"meta:article:published_time", "2019-11-17"},
      {"meta:og:site_name", "Site Name"},
  });
  CHECK(m.title == "LD headline");
  CHECK(m.title_from == "jsonld:headline");
  CHECK(m.authors == std::vector<std::string>{"Jane Doe"});
  CHECK(m.author_from == "jsonld:author");
  CHECK(m.date == "2019-11-18");
  CHECK(m.date_from == "jsonld:datepublished");
  CHECK(m.source == "Site Name");
  CHECK(m.source_from == "meta:og:site_name");
}

TEST_CASE("resolve_metadata spells the source the way the brand writes it", "[metadata]") {
  const Metadata hill = resolve_metadata({
      {"meta:og:site_name", "TheHill"},
      {"jsonld", R"({"@type":"NewsArticle","publisher":{"name":"The Hill"}})"},
  });
  CHECK(hill.source == "The Hill");
  const Metadata wsj = resolve_metadata({
      {"meta:og:site_name", "WSJ"},
      {"jsonld", R"({"@type":"NewsArticle","publisher":{"name":"Wall Street Journal"}})"},
  });
  CHECK(wsj.source == "Wall Street Journal");
  const Metadata section = resolve_metadata({
      {"html:title", "Oil drifts - Reuters"},
      {"meta:og:title", "Oil drifts"},
      {"meta:og:site_name", "U.S."},
      {"meta:twitter:site", "@Reuters"},
  });
  CHECK(section.source == "Reuters");
}

TEST_CASE("resolve_metadata strips a short unknown site suffix from <title>", "[metadata]") {
  const Metadata m =
      resolve_metadata({{"html:title", "About bugs \u2013 Vortex Cannon Entertainment"}});
  CHECK(m.title == "About bugs");
  CHECK(m.source == "Vortex Cannon Entertainment");
}

TEST_CASE("resolve_metadata takes the local day from a zone-less witness", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","datePublished":"2019-11-19T04:58:00Z"})"},
      {"meta:sailthru.date", "2019-11-18 20:58:46"},
  });
  CHECK(m.date == "2019-11-18");
}

TEST_CASE("resolve_metadata keeps the metadata date when the page shows the same day",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:datepublished", "2019-11-19T13:03:00.000Z"},
      {"html:dateline", "November 20, 2019"},
      {"time:text", "Nov. 19, 2019 8:03 am ET"},
  });
  CHECK(m.date == "2019-11-19");
}

TEST_CASE("resolve_metadata prefers a visible byline that other metadata confirms", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:author", "Kevin Rebong"},
      {"meta:sailthru.author", "By David Jeans"},
      {"html:byline", "By David Jeans"},
  });
  CHECK(m.authors == std::vector<std::string>{"David Jeans"});
}

TEST_CASE("resolve_metadata reads a fuller nested repeat of the visible byline", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:byline", "By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER Associated Press"},
      {"html:byline", "By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER"},
  });
  CHECK(m.authors ==
        std::vector<std::string>{"Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"});
}

TEST_CASE("resolve_metadata prefers the visible h1 when a metadata title agrees", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "Republicans Are Following Trump to Nowhere - The New York Times"},
      {"html:h1", "Republicans Are Following Trump to Nowhere"},
      {"meta:og:title", "Opinion | Republicans Are Following Trump to Nowhere"},
  });
  CHECK(m.title == "Republicans Are Following Trump to Nowhere");
  CHECK(m.title_from == "html:h1");
  CHECK(m.source == "The New York Times");
  CHECK(m.source_from == "title:affix");
}

TEST_CASE("resolve_metadata drops a label that leads the h1 in an element of its own",
          "[metadata]") {
  // a forum's prefix label, also in <title> as a segment of its own
  const Metadata labelled = resolve_metadata({
      {"html:title", "Tips - ProxMox or Debian for Windows virtualization? | Metal Workers"},
      {"html:h1", "Tips\u00a0ProxMox or Debian for Windows virtualization?"},
      {"html:h1-part", "Tips"},
  });
  CHECK(labelled.title == "ProxMox or Debian for Windows virtualization?");
  CHECK(labelled.title_from == "html:h1");
  // the headline in an element of its own after a bare label, <title> without the label
  const Metadata thread = resolve_metadata({
      {"html:title", "What do you look for in a web host? | Web Hosting Talk"},
      {"html:h1", "Thread: What do you look for in a web host?"},
      {"html:h1-part", "What do you look for in a web host?"},
  });
  CHECK(thread.title == "What do you look for in a web host?");
  // a kicker in the headline's own text stays; so does a name joined by a separator
  CHECK(resolve_metadata({
                             {"html:title", "Roundup: Viera defeats Rockledge to stay unbeaten"},
                             {"html:h1", "Roundup: Viera defeats Rockledge to stay unbeaten"},
                         })
            .title == "Roundup: Viera defeats Rockledge to stay unbeaten");
  CHECK(resolve_metadata({
                             {"html:title", "json \u2014 JSON encoder and decoder \u2014 Python"},
                             {"html:h1", "json \u2014 JSON encoder and decoder"},
                             {"html:h1-part", "json"},
                         })
            .title == "json \u2014 JSON encoder and decoder");
  // no metadata title agrees with the rest: the h1 as printed
  CHECK(resolve_metadata({
                             {"html:title", "Some other story entirely | Example"},
                             {"html:h1", "Blog: Ten ways to plan a garden"},
                             {"html:h1-part", "Blog:"},
                         })
            .title == "Blog: Ten ways to plan a garden");
}

TEST_CASE("resolve_metadata takes the shorter of two agreeing h1s, the other with an affix",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "Tips from a first-time visitor - Japan Forum - Travel Site"},
      {"html:h1", "Tips from a first-time visitor - Japan Forum"},
      {"html:h1", "Tips from a first-time visitor"},
  });
  CHECK(m.title == "Tips from a first-time visitor");
}

TEST_CASE("resolve_metadata skips a logo h1 and strips the site from <title>", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "Headline of the day | Example News"},
      {"html:h1", "Example News"},
      {"meta:og:site_name", "Example News"},
  });
  CHECK(m.title == "Headline of the day");
  CHECK(m.source == "Example News");
}

TEST_CASE("resolve_metadata matches a short h1 heading a title of page, section and site",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "IAM overview  |  Identity and Access Management (IAM)  |  Google Cloud"},
      {"html:h1", "IAM overview"},
  });
  CHECK(m.title == "IAM overview");
  CHECK(m.title_from == "html:h1");
  // a colon inside the headline is no segment: the short h1 is a section's name
  CHECK(resolve_metadata({
                             {"html:title", "Index Funds: How to Invest | Vanguard"},
                             {"html:h1", "Index funds"},
                         })
            .title == "Index Funds: How to Invest");
}

TEST_CASE("resolve_metadata matches a headline-sized h1 before a long site name", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title",
       "The Benefits of AI for Patients | Harvard Medical School Professional, "
       "Corporate, and Continuing Education"},
      {"html:h1", "The Benefits of AI for Patients"},
  });
  CHECK(m.title == "The Benefits of AI for Patients");
  CHECK(m.title_from == "html:h1");
}

TEST_CASE("resolve_metadata reads an h1 that <title> ends with as the site's name", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "Defining Shared Behavior with Traits - The Rust Programming Language"},
      {"html:h1", "The Rust Programming Language"},
  });
  CHECK(m.title == "Defining Shared Behavior with Traits");
}

TEST_CASE("resolve_metadata strips a short site after a bar from an OpenGraph title",
          "[metadata]") {
  CHECK(resolve_metadata({{"meta:og:title", "Index Funds: How to Invest | Vanguard"}}).title ==
        "Index Funds: How to Invest");
  // a dash in an OpenGraph title is the headline's own
  CHECK(resolve_metadata({{"meta:og:title", "Pixel-Perfect UI Pipelines - Part 1"}}).title ==
        "Pixel-Perfect UI Pipelines - Part 1");
}

TEST_CASE("resolve_metadata cuts a known site's exact name from the end of the h1 only",
          "[metadata]") {
  const Metadata suffix = resolve_metadata({
      {"html:title", "Critics' Choice: Best UK Art Exhibitions 2025 \u2013 Artlyst"},
      {"html:h1", "Critics' Choice: Best UK Art Exhibitions 2025 \u2013 Artlyst"},
      {"meta:og:site_name", "Artlyst"},
  });
  CHECK(suffix.title == "Critics' Choice: Best UK Art Exhibitions 2025");
  const Metadata prefix = resolve_metadata({
      {"html:title", "9to5Mac Gift Guide: What do you buy for the person who has everything?"},
      {"html:h1", "9to5Mac Gift Guide: What do you buy for the person who has everything?"},
      {"meta:og:site_name", "9to5Mac"},
  });
  CHECK(prefix.title == "9to5Mac Gift Guide: What do you buy for the person who has everything?");
}

TEST_CASE("resolve_metadata tidies what pages print around a headline", "[metadata]") {
  const auto title = [](std::string h1) { return resolve_metadata({{"html:h1", h1}}).title; };
  CHECK(title("Dec 18 2025 Preparing a transition in Debusine") ==
        "Preparing a transition in Debusine");
  CHECK(title("Stanford Grads Find Their Degrees No Longer Guarantee Jobs (latimes.com) 87") ==
        "Stanford Grads Find Their Degrees No Longer Guarantee Jobs");
  CHECK(title("Top Home Gym Must Haves For Every Budget \u22c6") ==
        "Top Home Gym Must Haves For Every Budget");
  // versions, section numbers and parentheses that are the headline's own stay
  CHECK(title("2024.4.4 -> 2024.5.0 issue: stuck on starting") ==
        "2024.4.4 -> 2024.5.0 issue: stuck on starting");
  CHECK(title("5. Data Structures and Their Uses") == "5. Data Structures and Their Uses");
  CHECK(title("A Treatise on the Effects of Coffee (1792)") ==
        "A Treatise on the Effects of Coffee (1792)");
}

TEST_CASE("resolve_metadata strips a site prefix from the title", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "The Space Review: Seeking a bigger role for a big rocket"},
      {"meta:application-name", "The Space Review"},
  });
  CHECK(m.title == "Seeking a bigger role for a big rocket");
}

TEST_CASE("resolve_metadata reads the author from Twitter's label and data pair", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:twitter:label1", "Written by"},
      {"meta:twitter:data1", "Chase Bernath"},
      {"meta:twitter:label2", "Est. reading time"},
      {"meta:twitter:data2", "9 minutes"},
  });
  CHECK(m.authors == std::vector<std::string>{"Chase Bernath"});
  CHECK(resolve_metadata(
            {{"meta:twitter:label1", "Est. reading time"}, {"meta:twitter:data1", "9 minutes"}})
            .authors.empty());
}

TEST_CASE("resolve_metadata prefers a person over the outlet credited as author", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","author":{"@type":"Organization","name":"AppleInsider"},
                    "publisher":{"@type":"Organization","name":"AppleInsider"}})"},
      {"html:byline", "By Mike Wuerthele and Malcolm Owen"},
  });
  CHECK(m.authors == std::vector<std::string>{"Mike Wuerthele", "Malcolm Owen"});
  CHECK(m.author_from == "html:byline");
}

TEST_CASE("resolve_metadata credits the person a personal site is named after", "[metadata]") {
  SECTION("the site's name in the metadata author, read as a person's") {
    const Metadata m = resolve_metadata({
        {"meta:og:site_name", "Jane Roe"},
        {"meta:author", "Jane Roe"},
    });
    CHECK(m.authors == std::vector<std::string>{"Jane Roe"});
    CHECK(m.author_from == "meta:author");
  }
  SECTION("but not when JSON-LD types it as an organisation") {
    const Metadata m = resolve_metadata({
        {"jsonld", R"({"@type":"NewsArticle","author":{"@type":"Organization","name":"Al Rahma"},
                      "publisher":{"@type":"Organization","name":"Al Rahma"}})"},
        {"meta:og:site_name", "Al Rahma"},
    });
    CHECK(m.authors.empty());
  }
  SECTION("nor when the name does not read as a person's") {
    const Metadata m = resolve_metadata({
        {"meta:og:site_name", "GADGETWEEKLY"},
        {"meta:author", "GADGETWEEKLY"},
    });
    CHECK(m.authors.empty());
  }
  SECTION("and a byline naming someone else comes first") {
    const Metadata m = resolve_metadata({
        {"meta:og:site_name", "Jane Roe"},
        {"meta:author", "Jane Roe"},
        {"html:byline", "By Sam Lee"},
    });
    CHECK(m.authors == std::vector<std::string>{"Sam Lee"});
  }
  SECTION("a site name that holds the person's name counts too") {
    const Metadata nick = resolve_metadata({
        {"meta:og:site_name", "Jane Roe (jroe)"},
        {"meta:twitter:author", "Jane Roe"},
    });
    CHECK(nick.authors == std::vector<std::string>{"Jane Roe"});
    const Metadata blog = resolve_metadata({
        {"meta:og:site_name", "Jane Roe's Tech Blog"},
        {"meta:author", "Jane Roe"},
    });
    CHECK(blog.authors == std::vector<std::string>{"Jane Roe"});
  }
  SECTION("but never a company's name") {
    const Metadata m = resolve_metadata({
        {"meta:og:site_name", "Claight Corporation (Market Research)"},
        {"meta:author", "Claight Corporation"},
    });
    CHECK(m.authors.empty());
  }
}

TEST_CASE("resolve_metadata reads a byline in the title's affix as a credit, not a site",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:title", "Process Knowledge, Part IV - by Jane Roe"},
      {"html:h1", "Process Knowledge, Part IV"},
      {"meta:author", "Jane Roe"},
  });
  CHECK(m.title == "Process Knowledge, Part IV");
  CHECK(m.authors == std::vector<std::string>{"Jane Roe"});
  CHECK(m.source.empty());
}

TEST_CASE("resolve_metadata takes a linked author archive as the byline", "[metadata]") {
  SECTION("when nothing else names the author") {
    const Metadata m = resolve_metadata({{"href:author", "Jane Roe"}, {"href:author", "Sam Lee"}});
    CHECK(m.authors == std::vector<std::string>{"Jane Roe"});
    CHECK(m.author_from == "href:author");
  }
  SECTION("after a byline element") {
    const Metadata m =
        resolve_metadata({{"href:author", "Jane Roe"}, {"html:byline", "By Sam Lee"}});
    CHECK(m.authors == std::vector<std::string>{"Sam Lee"});
  }
}

TEST_CASE("resolve_metadata keeps the last modification day apart from the date", "[metadata]") {
  SECTION("JSON-LD dateModified, later than datePublished") {
    const Metadata m = resolve_metadata({
        {"jsonld", R"({"@type":"BlogPosting","datePublished":"2024-04-02T09:00:00+02:00",
                      "dateModified":"2024-04-10T18:30:00+02:00"})"},
    });
    CHECK(m.date == "2024-04-02");
    CHECK(m.updated == "2024-04-10");
    CHECK(m.updated_from == "jsonld:datemodified");
  }
  SECTION("a modification on the publication day is no update") {
    const Metadata m = resolve_metadata({
        {"meta:article:published_time", "2024-04-02T09:00:00Z"},
        {"meta:article:modified_time", "2024-04-02T17:00:00Z"},
    });
    CHECK(m.date == "2024-04-02");
    CHECK(m.updated.empty());
  }
  SECTION("a visible 'Updated' line") {
    const Metadata m = resolve_metadata({
        {"html:dateline", "Published March 3, 2025"},
        {"html:dateline", "Updated March 5, 2025"},
    });
    CHECK(m.date == "2025-03-03");
    CHECK(m.updated == "2025-03-05");
  }
  SECTION("never in the publication date's place") {
    const Metadata m = resolve_metadata({{"meta:article:modified_time", "2024-04-10"}});
    CHECK(m.date.empty());
    CHECK(m.updated == "2024-04-10");
  }
}

TEST_CASE("resolve_metadata takes a short visible date only when nothing else dates the page",
          "[metadata]") {
  SECTION("the first that parses, publication before modification") {
    const Metadata m = resolve_metadata({
        {"html:shortdate", "Updated: 23.10.2025"},
        {"html:shortdate", "Published Oct 20, 2025"},
    });
    CHECK(m.date == "2025-10-20");
    CHECK(m.updated == "2025-10-23");
  }
  SECTION("after every other source") {
    const Metadata m = resolve_metadata({
        {"html:shortdate", "Oct 20, 2025"},
        {"html:dateline", "Posted March 3, 2025"},
    });
    CHECK(m.date == "2025-03-03");
  }
  SECTION("never a witness that moves a UTC metadata time to another day") {
    const Metadata m = resolve_metadata({
        {"meta:article:published_time", "2019-11-19T09:08:00Z"},
        {"html:shortdate", "November 18, 2019"},
    });
    CHECK(m.date == "2019-11-19");
  }
}

TEST_CASE("resolve_metadata keeps an agency when it is the only credit", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:og:site_name", "VentureBeat"},
      {"meta:author", "Reuters"},
  });
  CHECK(m.authors == std::vector<std::string>{"Reuters"});
  CHECK(m.source == "VentureBeat");
}

TEST_CASE("resolve_metadata extends a metadata author list from the visible byline", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","author":{"@type":"Person","name":"Tariq Malik"}})"},
      {"html:byline", "By Tariq Malik, Mike Wall"},
  });
  CHECK(m.authors == std::vector<std::string>{"Tariq Malik", "Mike Wall"});
}

TEST_CASE("resolve_metadata dedupes authors case-insensitively", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:author", "JANE DOE"},
      {"meta:author", "Jane Doe"},
  });
  CHECK(m.authors == std::vector<std::string>{"Jane Doe"});
}

TEST_CASE("resolve_metadata credits a byline agency as source when nothing else names one",
          "[metadata]") {
  const Metadata m = resolve_metadata({{"text:byline", "Jane Doe, Reuters"}});
  CHECK(m.authors == std::vector<std::string>{"Jane Doe"});
  CHECK(m.source == "Reuters");
  CHECK(m.source_from == "byline:agency");
}

TEST_CASE("resolve_metadata takes the local day from the page when metadata is UTC", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:article:published_time", "2019-11-20T04:31:00Z"},
      {"html:dateline", "Nov 19, 2019, 10:31 pm CST"},
  });
  CHECK(m.date == "2019-11-19");
  CHECK(m.date_from == "html:dateline");
}

TEST_CASE("resolve_metadata moves a metadata time only to a day some time zone gives it",
          "[metadata]") {
  // 09:30 UTC is the 18th from UTC-09:30 to UTC+14:00: a visible "December 19" is the stamp of
  // something else on the page (a related story), not this article's local day.
  const Metadata early = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","datePublished":"2025-12-18T09:30:00+00:00"})"},
      {"time:text", "December 19, 2025"},
  });
  CHECK(early.date == "2025-12-18");
  CHECK(early.date_from == "jsonld:datepublished");
  // 20:30 UTC is already the 19th east of UTC+03:30: the visible day wins.
  const Metadata late = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","datePublished":"2025-12-18T20:30:00+00:00"})"},
      {"time:text", "December 19, 2025"},
  });
  CHECK(late.date == "2025-12-19");
  // An offset counts too: 04:30-05:00 is 09:30 UTC, the 19th nowhere...
  const Metadata offset = resolve_metadata({
      {"meta:article:published_time", "2025-12-18T04:30:00-05:00"},
      {"time:text", "December 19, 2025"},
  });
  CHECK(offset.date == "2025-12-18");
  // ...and though it is the 17th from UTC-10:00 west, the site's own offset names its day.
  const Metadata west = resolve_metadata({
      {"meta:article:published_time", "2025-12-18T04:30:00-05:00"},
      {"time:text", "December 17, 2025"},
  });
  CHECK(west.date == "2025-12-18");
}

TEST_CASE("resolve_metadata keeps the day of a time given with the site's own offset",
          "[metadata]") {
  // 21:50-05:00 is the 15th in UTC, the day a page rendered on a UTC server shows.
  const Metadata forum = resolve_metadata({
      {"meta:datepublished", "2024-01-14T21:50:50-05:00"},
      {"html:dateline", "Jan 15, 2024"},
  });
  CHECK(forum.date == "2024-01-14");
  CHECK(forum.date_from == "meta:datepublished");
  // One instant written with two offsets agrees with itself: still the site's day.
  const Metadata agreeing = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","datePublished":"2025-12-18T11:02:10-05:00"})"},
      {"meta:article:published_time", "2025-12-18T16:02:10+00:00"},
      {"html:dateline", "Friday, December 19, 2025"},
  });
  CHECK(agreeing.date == "2025-12-18");
}

TEST_CASE("resolve_metadata trusts the visible day when the page's offsets contradict each other",
          "[metadata]") {
  // One clock time written with -06:00 and +00:00: one of them is wrong, so neither names the
  // local day, and the visible date does.
  const Metadata m = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","datePublished":"2019-11-20T04:31:13-06:00"})"},
      {"meta:article:published_time", "2019-11-20T04:31:13+00:00"},
      {"time:text", "November 19, 2019"},
  });
  CHECK(m.date == "2019-11-19");
  CHECK(m.date_from == "time:text");
}

TEST_CASE("resolve_metadata reads a site's own prefixed publication-date meta name", "[metadata]") {
  CHECK(resolve_metadata({{"meta:w-published-date", "2025-05-27T06:03:43.274Z"}}).date ==
        "2025-05-27");
  CHECK(resolve_metadata({{"meta:cms.publish_date", "2024-02-03"}}).date == "2024-02-03");
  // a name that merely ends in the same letters is no such name
  CHECK(resolve_metadata({{"meta:unpublished-date", "2024-02-03"}}).date.empty());
}

TEST_CASE("resolve_metadata takes the latest modification day the page gives", "[metadata]") {
  // dateModified left at the first save; the page says it was updated since.
  const Metadata stale = resolve_metadata({
      {"jsonld", R"({"@type":"Article","datePublished":"2025-06-17","dateModified":"2025-06-17"})"},
      {"html:shortdate", "Updated Dec 18, 2025 · 12 min read"},
  });
  CHECK(stale.date == "2025-06-17");
  CHECK(stale.updated == "2025-12-18");
  CHECK(stale.updated_from == "html:shortdate");
  // A later metadata time beats an earlier visible line.
  const Metadata later = resolve_metadata({
      {"meta:article:published_time", "2025-01-02T10:00:00Z"},
      {"meta:article:modified_time", "2025-03-04T10:00:00Z"},
      {"html:dateline", "Updated February 1, 2025"},
  });
  CHECK(later.updated == "2025-03-04");
  CHECK(resolve_metadata({{"meta:updated", "2024-05-06"}, {"meta:date", "2024-01-01"}}).updated ==
        "2024-05-06");
}

TEST_CASE("resolve_metadata never takes a page's visible 'Updated' day as its date", "[metadata]") {
  const Metadata page = resolve_metadata({{"html:dateline", "Updated January 08, 2026"}});
  CHECK(page.date.empty());
  CHECK(page.updated == "2026-01-08");
  // nor does a text scrape: a bare "Updated" day is the revision note of an older page
  const Metadata scrape = resolve_metadata({{"text:dateline", "Last updated: January 08, 2026"}});
  CHECK(scrape.date.empty());
  CHECK(scrape.updated == "2026-01-08");
  // except an update stamp with a clock time when the scrape shows no other date: a news
  // story's timeline, written on its day (also a 24-hour time without a colon)
  for (const char* stamp : {"Updated 1:39 am EST, Wednesday, November 20, 2019",
                            "Updated 0339 GMT (1139 HKT) November 20, 2019"}) {
    CAPTURE(stamp);
    CHECK(resolve_metadata({{"text:dateline", stamp}}).date == "2019-11-20");
  }
  // ... and never beside a dated line
  CHECK(resolve_metadata({{"text:dateline", "Updated 1:39 am EST, November 20, 2019"},
                          {"text:dateline", "Published November 2, 2019"}})
            .date == "2019-11-02");
}

TEST_CASE("resolve_metadata ignores modified dates and insane years", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z",
                    "dateModified":"2019-11-21"})"},
      {"html:dateline", "Updated Nov 21, 2019"},
      {"time:text", "Published 7:07 PM EST Nov 19, 2019"},
  });
  CHECK(m.date == "2019-11-19");
}

TEST_CASE("resolve_metadata fills url, description, image, lang and tags", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"html:lang", "en_us"},
      {"link:canonical", "https://example.test/a"},
      {"meta:og:url", "https://example.test/b"},
      {"meta:description", "Plain description"},
      {"meta:og:description", "OG description &amp; more"},
      {"meta:og:image", "https://example.test/a.jpg"},
      {"meta:keywords", "Alpha, beta, alpha, , Gamma"},
  });
  CHECK(m.url == "https://example.test/a");
  CHECK(m.description == "OG description & more");
  CHECK(m.image == "https://example.test/a.jpg");
  CHECK(m.lang == "en-US");
  CHECK(m.tags == std::vector<std::string>{"Alpha", "beta", "Gamma"});
}

TEST_CASE("resolve_metadata cleans a site name used as source", "[metadata]") {
  CHECK(resolve_metadata({{"meta:og:site_name", "LinkNaija | Nigeria's popular news platform"}})
            .source == "LinkNaija");
  CHECK(resolve_metadata({{"meta:og:site_name", "https://www.example.test"},
                          {"jsonld", R"({"@type":"Article","publisher":"News Nation"})"}})
            .source == "News Nation");
  CHECK(resolve_metadata({{"meta:twitter:site", "@verge"}}).source == "verge");
}

TEST_CASE("resolve_metadata caps tags", "[metadata]") {
  std::vector<MetaHint> hints;
  for (int i = 0; i < 30; ++i) hints.push_back({"meta:article:tag", "tag" + std::to_string(i)});
  CHECK(resolve_metadata(hints).tags.size() == 10);
}

TEST_CASE("resolve_metadata takes a text scrape's site name as source", "[metadata]") {
  const Metadata m = resolve_metadata({{"text:title", "City approves budget"},
                                       {"text:site", "The Daily Courier"},
                                       {"text:agency", "Reuters"}});
  CHECK(m.source == "The Daily Courier");
  CHECK(m.source_from == "text:site");
}

TEST_CASE("resolve_metadata keeps a text scrape's Source(s) line first", "[metadata]") {
  const Metadata m = resolve_metadata({{"text:source", "Reuters"}, {"text:site", "CGTN"}});
  CHECK(m.source == "Reuters");
}

TEST_CASE("url_date reads a day from the URL path, never from the host or a bare year",
          "[metadata]") {
  using clipdown::meta::url_date;
  REQUIRE(url_date("https://example.test/2019/11/18/some-story/"));
  CHECK(url_date("https://example.test/2019/11/18/some-story/")->iso() == "2019-11-18");
  CHECK(url_date("https://example.test/news/2019/nov/18/slug")->iso() == "2019-11-18");
  CHECK_FALSE(url_date("https://example.test/2019/11/18"));  // no slug: an archive page
  CHECK_FALSE(url_date("https://example.test/2019/story-11-18"));
  CHECK_FALSE(url_date("https://example.test/a?d=/2019/11/18/x"));
}

TEST_CASE("resolve_metadata dates a text scrape by a day its headline carries", "[metadata]") {
  const Metadata m = resolve_metadata({{"text:title", "Lemmy Development Update 2024-10-04"}});
  CHECK(m.date == "2024-10-04");
  CHECK(m.date_from == "text:title");
  // a dateline comes first; a headline's bare year dates nothing
  CHECK(resolve_metadata({{"text:title", "Lemmy Development Update 2024-10-04"},
                          {"text:dateline", "October 6, 2024"}})
            .date == "2024-10-06");
  CHECK(resolve_metadata({{"text:title", "The Best Albums of 2024"}}).date.empty());
}

TEST_CASE("resolve_metadata falls back to the day in the page's URL", "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:og:url", "https://example.test/statements/2019/nov/18/someone/what-it-costs/"},
  });
  CHECK(m.date == "2019-11-18");
  CHECK(m.date_from == "url:path");
}

TEST_CASE("resolve_metadata keeps a published time with its own offset against a created time",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:datecreated", "2018-09-25T20:52:55+03:00"},
      {"meta:datepublished", "2018-09-24T16:45:00+03:00"},
  });
  CHECK(m.date == "2018-09-24");
}

TEST_CASE("resolve_metadata moves a UTC time into the zone another time of the page names",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:og:updated_time", "2019-11-18T22:15:39-05:00"},
      {"meta:article:published", "Tue Nov 19 2019 03:05:46 GMT+0000"},
  });
  CHECK(m.date == "2019-11-18");
}

TEST_CASE("resolve_metadata reads the published part of a visible 'date - Updated date'",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:date", "2019-11-19T01:48:03.835Z"},
      {"html:dateline", "November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM"},
  });
  CHECK(m.date == "2019-11-18");
}

TEST_CASE("resolve_metadata trusts a visible UTC date over a zone-less metadata time",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"meta:datepublished", "2019-11-19 19:31:39"},
      {"time:text", "November 18, 2019 -- 19:14 GMT (19:14 GMT)"},
  });
  CHECK(m.date == "2019-11-18");
}

TEST_CASE("resolve_metadata reads a date written in a byline", "[metadata]") {
  const Metadata m = resolve_metadata({{"html:byline", "JANE DOE, SOME OUTLET 18 NOV 2019"}});
  CHECK(m.date == "2019-11-18");
}

TEST_CASE("resolve_metadata dates a year-less dateline by the page's dates, else its copyright",
          "[metadata]") {
  const Metadata same_day = resolve_metadata({
      {"text:dateline", "November 20"},
      {"text:year", "2018"},
      {"text:pagedate", "November 20, 2019, 10:54 am"},
  });
  CHECK(same_day.date == "2019-11-20");
  const Metadata copyright = resolve_metadata({
      {"text:dateline", "Updated Nov 19, 9:41 AM"},
      {"text:dateline", "Posted Nov 18, 8:19 PM"},
      {"text:year", "2019"},
  });
  CHECK(copyright.date == "2019-11-18");
  const Metadata full = resolve_metadata({
      {"text:dateline", "13 Aug"},
      {"text:dateline", "August 13, 2018"},
      {"text:year", "2019"},
  });
  CHECK(full.date == "2018-08-13");
}

TEST_CASE("clean_credits ends the names at a date written in the byline", "[metadata]") {
  std::vector<std::string> names;
  for (const auto& c :
       clipdown::meta::clean_credits("By Jane Doe 2019-11-18T20:51:19Z Science & Astronomy")) {
    names.push_back(c.name);
  }
  CHECK(names == std::vector<std::string>{"Jane Doe"});
}

TEST_CASE("resolve_metadata takes every author of a byline when author links list them apart",
          "[metadata]") {
  const Metadata m = resolve_metadata({
      {"jsonld", R"({"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Doe"}})"},
      {"html:byline", "By Jane Doe , John Roe 2019-11-18T22:05:36Z Spaceflight"},
      {"rel:author", "Jane Doe"},
      {"rel:author", "John Roe"},
  });
  CHECK(m.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
}

TEST_CASE("resolve_metadata takes the day the page shows when the metadata date is the last save",
          "[metadata]") {
  // a template binds datePublished and dateModified to the last save; the byline shows the day
  const Metadata bound = resolve_metadata({
      {"jsonld:datepublished", "Jun 24, 2025"},
      {"jsonld:datemodified", "Jun 24, 2025"},
      {"html:dateline", "August 25, 2024"},
      {"html:dateline", "August 25, 2024"},
  });
  CHECK(bound.date == "2024-08-25");
  CHECK(bound.date_from == "html:dateline");
  CHECK(bound.updated == "2025-06-24");
  // a publication field rewritten on every edit, the <time> in the header earlier
  CHECK(resolve_metadata({{"meta:dc.date", "2024-07-05T14:20:08Z"},
                          {"meta:og:updated_time", "2024-07-05T14:20:08-04:00"},
                          {"time:text", "March 1, 2024"}})
            .date == "2024-03-01");
  // a publication before the last save is the publication, whatever older days the page shows
  CHECK(resolve_metadata({{"jsonld:datepublished", "2025-05-19"},
                          {"jsonld:datemodified", "2025-11-20"},
                          {"html:dateline", "March 3, 2024"}})
            .date == "2025-05-19");
  // several days under one key are related stories' days, no witness
  CHECK(resolve_metadata({{"jsonld:datepublished", "2019-11-20T13:42:06+08:00"},
                          {"jsonld:datemodified", "2019-11-20T13:42:06+08:00"},
                          {"html:shortdate", "November 16, 2016"},
                          {"html:shortdate", "December 18, 2015"}})
            .date == "2019-11-20");
}

TEST_CASE("resolve_metadata reads slashed dates in the order the page's own dates show",
          "[metadata]") {
  // no language: month first by default, day first when the page's dates say so
  CHECK(resolve_metadata({{"text:dateline", "01/12/2025 at 6:49 pm"}}).date == "2025-01-12");
  CHECK(resolve_metadata(
            {{"text:dateline", "01/12/2025 at 6:49 pm"}, {"text:slashed-dates", "day-first"}})
            .date == "2025-12-01");
  // and month first on a page in a language that writes the day first, when its dates say so
  CHECK(resolve_metadata({{"html:lang", "fr"},
                          {"text:dateline", "01/12/2025"},
                          {"text:slashed-dates", "month-first"}})
            .date == "2025-01-12");
  // an English page whose URL dates it reads "03/10/2023" the URL's way; a URL that agrees with
  // neither reading says nothing
  CHECK(resolve_metadata({{"html:lang", "en"},
                          {"html:dateline", "03/10/2023"},
                          {"link:canonical", "https://example.test/blog/2023/october/03/wine/"}})
            .date == "2023-10-03");
  CHECK(resolve_metadata({{"html:lang", "en"},
                          {"html:dateline", "03/10/2023"},
                          {"link:canonical", "https://example.test/blog/2023/05/17/wine/"}})
            .date == "2023-03-10");
}
