#pragma once

// Named heuristic tables of the HTML main-content extractor (extract_html.cpp). Data only:
// the code that reads them lives in extract_html.cpp. Every entry is lowercase ASCII.

#include <array>
#include <string_view>

namespace clipdown::detail::rules {

// Class/id/role/itemprop tokens that name the article body outright (matched as a substring
// of one token, so "article-body", "article__body" and "articlebody" all count).
constexpr auto kStrongPositiveStems = std::to_array<std::string_view>(
    {"articlebody",   "article-body",    "article__body",    "article_body", "articletext",
     "article-text",  "article-content", "article__content", "storybody",    "story-body",
     "story-content", "story__body",     "postbody",         "post-body",    "post-content",
     "entry-content", "entry__content",  "body-text",        "bodytext",     "article-main",
     "content-body",  "rich-text"});

// Words of a token (split at '-', '_', ':', '.', digits) that suggest content.
constexpr auto kPositiveWords =
    std::to_array<std::string_view>({"article", "body", "content", "entry", "story", "post", "text",
                                     "main", "blog", "hentry", "prose", "articles"});

// Substrings of a token that mark boilerplate wherever they occur (long enough to be safe).
constexpr auto kNegativeStems = std::to_array<std::string_view>(
    {"comment",   "related",   "newsletter", "sidebar",    "widget",   "outbrain",  "taboola",
     "sponsor",   "promo",     "advert",     "breadcrumb", "subscri",  "recommend", "popular",
     "trending",  "social",    "share",      "sharing",    "signup",   "sign-up",   "byline",
     "dateline",  "timestamp", "disclaimer", "copyright",  "newsfeed", "read-more", "readmore",
     "more-from", "moreon",    "most-read",  "author-bio", "endcard"});

// Substrings of a token naming an embedded post the article quotes ("social-media-embed" holds a
// tweet): the token is not boilerplate by a negative stem.
constexpr auto kEmbedStems = std::to_array<std::string_view>({"embed"});

// Whole words of a token (split like kPositiveWords) that mark boilerplate.
constexpr auto kNegativeWords = std::to_array<std::string_view>(
    {"ad",       "ads",        "adv",     "nav",       "navbar",        "navigation",
     "menu",     "footer",     "foot",    "tags",      "tag",           "pagination",
     "pager",    "bio",        "author",  "authors",   "meta",          "more",
     "teaser",   "teasers",    "rail",    "modal",     "popup",         "cookie",
     "banner",   "masthead",   "toolbar", "tools",     "print",         "credit",
     "credits",  "date",       "contact", "aside",     "complementary", "contentinfo",
     "skip",     "login",      "signin",  "recirc",    "promos",        "caption",
     "captions", "figcaption", "gallery", "slideshow", "carousel",      "lightbox",
     "topics"});

// Tags that are boilerplate wherever they sit (the tokenizer drops page-level ones).
constexpr auto kNegativeTags =
    std::to_array<std::string_view>({"aside", "nav", "footer", "form", "menu"});

// Tags that suggest the article itself.
constexpr auto kPositiveTags = std::to_array<std::string_view>({"article", "main"});

// Whole blocks that are page chrome (compared trimmed, case-folded, white space collapsed,
// trailing punctuation and arrows removed).
constexpr auto kChromeLines = std::to_array<std::string_view>(
    {"advertisement", "advertisements", "ad", "sponsored", "sponsored content",
     "skip advertisement", "story continues below advertisement",
     "article continues below advertisement", "continue reading below", "continue reading",
     "continue reading the main story", "read more", "read full article", "read the full story",
     "read the full article", "read this next", "show more", "see more", "load more", "more",
     "related", "related articles", "related stories", "related content", "related coverage",
     "related links", "related topics", "more stories", "more on this story", "more from",
     "recommended", "recommended for you", "you may also like", "you might also like",
     "most popular", "most read", "trending", "top stories", "share", "share this",
     "share this article", "share this story", "share on facebook", "share on twitter",
     "share via email", "tweet", "email", "print", "facebook", "twitter", "whatsapp", "linkedin",
     "pinterest", "reddit", "copy link", "link copied", "comments", "view comments",
     "leave a comment", "sign up", "subscribe", "subscribe now", "log in", "sign in", "tags",
     "topics", "image", "photo", "video", "close", "caption", "back to gallery", "advert",
     "this slideshow requires javascript", "don't miss", "most viewed", "read next", "up next",
     "what to read next", "editor's picks", "more to explore", "newsletter", "print this article",
     "share article", "share story", "share this page", "follow us", "listen to this article",
     "enlarge this image", "toggle caption", "hide caption", "zoom", "loading",
     "was this page useful", "was this page helpful", "was this article helpful",
     "is this page useful", "did you find this article helpful",
     // ad slot labels in other languages
     "anzeige", "werbung", "publicidad", "publicidade", "publicité", "pubblicità", "advertentie",
     "reklama", "reklame", "iklan", "реклама", "sharing is caring", "click to expand",
     "click to shrink"});

// A forum post's author panel and buttons, as whole lines (forum pages only): the poster's
// status and rank, and the post's actions.
constexpr auto kPostChromeLines = std::to_array<std::string_view>({
    "offline",     "online",        "member",
    "new member",  "junior member", "senior member",
    "full member", "active member", "well-known member",
    "moderator",   "administrator", "quote",
    "reply",       "thanks",        "like",
    "report",      "permalink",     "original post",
    "op",
});
// Labels of a forum poster's counters ("Posts: 1,234", "Registered: 2013-06-10"): with a
// number, a short line starting with one is the author panel (forum pages only).
constexpr auto kPosterStatLabels = std::to_array<std::string_view>({
    "posts:",
    "registered:",
    "joined:",
    "messages:",
    "reaction score:",
    "points:",
    "reputation:",
    "threads:",
    "likes:",
    "solutions:",
});

// Labels of a "reading time" line ("Reading time: 3 minutes", "Tempo de leitura: 1 minuto"):
// with a number, a short block starting with one is chrome.
constexpr auto kReadingTimeLabels = std::to_array<std::string_view>({
    "reading time",
    "read time",
    "estimated reading time",
    "tempo de leitura",
    "tiempo de lectura",
    "tiempo estimado de lectura",
    "temps de lecture",
    "lesezeit",
    "leestijd",
    "tempo di lettura",
    "czas czytania",
    "время чтения",
});
// Labels of an update or publication stamp line ("Updated at 1:23 p.m.", "Published: 3 May"):
// with a number, a short block starting with one is a dateline, not text.
constexpr auto kStampLabels = std::to_array<std::string_view>({
    "updated",
    "last updated",
    "published",
    "posted",
    "first published",
    "aktualisiert",
    "actualizado",
    "atualizado",
    "mis à jour",
});
// Endings of a reading-time line after its number ("5 min read", "12 minute read").
constexpr auto kReadingTimeEndings = std::to_array<std::string_view>({
    "min read",
    "mins read",
    "minute read",
    "minutes read",
    "min. read",
});

// Openings of short blocks that are page chrome (same comparison as kChromeLines; only blocks
// shorter than kMaxChromePrefixChars are tested).
constexpr auto kChromePrefixes = std::to_array<std::string_view>({"like this story",
                                                                  "read more:",
                                                                  "read more about",
                                                                  "read more from",
                                                                  "read more at",
                                                                  "read more on",
                                                                  "related:",
                                                                  "related story:",
                                                                  "related article:",
                                                                  "related coverage:",
                                                                  "related stories:",
                                                                  "more:",
                                                                  "more from",
                                                                  "more on",
                                                                  "see also:",
                                                                  "also read:",
                                                                  "also see:",
                                                                  "read also:",
                                                                  "read:",
                                                                  "watch:",
                                                                  "listen:",
                                                                  "recommended:",
                                                                  "continue reading",
                                                                  "sign up for",
                                                                  "sign up to",
                                                                  "subscribe to",
                                                                  "subscribe for",
                                                                  "follow us on",
                                                                  "follow us:",
                                                                  "click here to",
                                                                  "click here for",
                                                                  "get the latest",
                                                                  "get our",
                                                                  "download the",
                                                                  "don't miss:",
                                                                  "do not miss:",
                                                                  "this article is part of",
                                                                  "we want to hear",
                                                                  "copyright ",
                                                                  "\xc2\xa9",  // ©
                                                                  "all rights reserved",
                                                                  "tags:",
                                                                  "topics:",
                                                                  "filed under",
                                                                  "share this",
                                                                  "image copyright",
                                                                  "image caption",
                                                                  "image:",
                                                                  "photo:",
                                                                  "photograph:",
                                                                  "picture:",
                                                                  "credit:",
                                                                  "photo credit",
                                                                  "pictured:",
                                                                  "this slideshow",
                                                                  "click to enlarge"});

// Credit markers: a short block with one of these in its last kCreditTailChars characters is a
// photo caption or credit ("... protests (Image: GETTY)", "...rabbitCredit: Getty").
constexpr auto kCreditMarkers = std::to_array<std::string_view>(
    {"(image:", "(photo:", "(picture:", "credit:", "(ap photo", "(reuters", "(afp", "(getty",
     "getty images", "shutterstock", "photo by ", "image by ", "(photograph:", "(pictured",
     "photo courtesy", "image courtesy", "courtesy photo"});

// Words of a block made only of share/follow buttons ("Facebook Twitter Google+ Whatsapp").
constexpr auto kShareWords = std::to_array<std::string_view>(
    {"facebook", "twitter", "google", "whatsapp", "linkedin", "pinterest", "reddit", "email", "e",
     "mail", "print", "share", "tumblr", "telegram", "messenger", "copy", "link", "vk", "flipboard",
     "pocket", "sms", "instagram", "youtube", "tweet", "comment", "comments", "on", "via", "this",
     "article", "story", "x", "the", "and", "or", "us", "follow",
     // German, French, Spanish, Italian, Portuguese
     "artikel", "drucken", "empfehlen", "teilen", "senden", "imprimer", "partager", "envoyer",
     "compartir", "imprimir", "enviar", "condividi", "stampa", "partilhar"});

// Openings of a heading or short line that starts a related-content or comments section; what
// follows it, up to the next heading of its level, is dropped.
constexpr auto kSectionStarts = std::to_array<std::string_view>(
    {"related", "more great", "more stories", "more from", "more news", "more on this",
     "more articles", "you may also", "you might also", "you may like", "you might like",
     "recommended", "most popular", "most read", "most viewed", "read next", "what to read next",
     "trending", "top stories", "latest news", "comments", "join the conversation", "leave a reply",
     "leave a comment", "about the author", "editor's picks",
     // Portuguese, Spanish, French, German, Italian, Russian equivalents.
     "voc\xc3\xaa pode gostar", "veja tamb\xc3\xa9m", "leia tamb\xc3\xa9m", "lea tambi\xc3\xa9n",
     "te puede interesar", "lire aussi", "\xc3\xa0 lire aussi", "sur le m\xc3\xaame sujet",
     "das k\xc3\xb6nnte sie auch interessieren", "mehr zum thema", "weitere artikel",
     "potrebbe interessarti", "articoli correlati", "leggi anche",
     "\xd1\x87\xd0\xb8\xd1\x82\xd0\xb0\xd0\xb9\xd1\x82\xd0\xb5 "
     "\xd1\x82\xd0\xb0\xd0\xba\xd0\xb6\xd0\xb5",                  // читайте также
     "\xd0\xbf\xd0\xbe\xd1\x85\xd0\xbe\xd0\xb6\xd0\xb8\xd0\xb5",  // похожие
     "coment\xc3\xa1rios", "comentarios", "commentaires", "kommentare"});

// Phrases that make a short block a call to action rather than article text (found anywhere
// in blocks up to kMaxCallToActionChars).
constexpr auto kCallsToAction =
    std::to_array<std::string_view>({"sign up for",         "sign up to",
                                     "subscribe to our",    "subscribe to the",
                                     "follow us on",        "follow him on",
                                     "follow her on",       "follow them on",
                                     "follow us:",          "click here to",
                                     "click here for",      "have a tip",
                                     "can be reached at",   "may be reached at",
                                     "all rights reserved", "is committed to publishing",
                                     "we'd like to hear",   "download our app",
                                     "download the app",    "get our newsletter",
                                     "newsletter sign",     "this content is imported from"});

// Words that mark a date line (with the year of the article's date).
constexpr auto kDateWords = std::to_array<std::string_view>(
    {"jan",  "feb", "mar", "apr", "may",       "jun",     "jul",    "aug", "sep",
     "sept", "oct", "nov", "dec", "published", "updated", "posted", "am",  "pm",
     "gmt",  "utc", "est", "edt", "pst",       "pdt",     "bst",    "cet", "ist"});

}  // namespace clipdown::detail::rules
