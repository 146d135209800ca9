#pragma once

// Line rules of the plain-text path, shared by tokenize_text.cpp (classification),
// normalize.cpp (white space, sentence ends, wrap width) and extract_text.cpp (article region).
//
// Everything here is a hand-written scanner over UTF-8: no std::regex, no recursion, each
// function linear in the length of the line it looks at. Lines are compared trimmed and
// case-folded (ASCII letters only; other scripts are compared as they are).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metadata_internal.hpp"

namespace clipdown::detail::text {

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers

/// Decodes the code point at `pos` (advancing `pos`); invalid bytes decode as themselves.
inline char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  std::size_t len = 1;
  char32_t cp = lead;
  if (lead >= 0xF0) {
    len = 4;
    cp = lead & 0x07U;
  } else if (lead >= 0xE0) {
    len = 3;
    cp = lead & 0x0FU;
  } else if (lead >= 0xC0) {
    len = 2;
    cp = lead & 0x1FU;
  }
  if (len == 1 || pos + len > s.size()) {
    ++pos;
    return lead;
  }
  for (std::size_t i = 1; i < len; ++i) {
    cp = (cp << 6U) | (static_cast<unsigned char>(s[pos + i]) & 0x3FU);
  }
  pos += len;
  return cp;
}

/// Number of code points (what a reader calls characters) in `s`.
inline std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

/// White space in scrapes: ASCII space/tab/CR/LF/FF/VT, NBSP and the Unicode space separators,
/// zero-width space and BOM.
inline bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/// `s` without leading and trailing white space (Unicode spaces included).
inline std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t next = begin;
    if (!is_space(next_code_point(s, next))) break;
    begin = next;
  }
  std::size_t end = s.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) --start;
    std::size_t probe = start;
    if (!is_space(next_code_point(s, probe))) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

/// True when `s` holds only white space (or nothing).
inline bool is_blank(std::string_view s) {
  return trim(s).empty();
}

/// True when a line holds only white space but is not empty (an NBSP-only line): scrapes use
/// these as separators between page sections, stronger than an empty line.
inline bool is_separator(std::string_view s) {
  return !s.empty() && is_blank(s);
}

/// Trimmed, case-folded (ASCII and Latin-1 letters) copy with every run of white space as one ASCII
/// space.
inline std::string fold(std::string_view s) {
  s = trim(s);
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  bool in_space = false;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(s, pos);
    if (is_space(cp)) {
      in_space = true;
      continue;
    }
    if (in_space) out += ' ';
    in_space = false;
    if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
    } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {  // Latin-1 capitals: "À" -> "à"
      const char32_t lower = cp + 0x20;
      out += static_cast<char>(0xC0U | (lower >> 6U));
      out += static_cast<char>(0x80U | (lower & 0x3FU));
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  return out;
}

/// Number of space-separated words in a folded or trimmed line.
inline std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

/// True for ASCII letters and every non-ASCII code point that is not white space or
/// punctuation we know (a rough "letter" test good enough for scripts we do not case-fold).
inline bool is_letter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp < 0xC0) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  return !is_space(cp);
}

/// True for code points of scripts written without spaces between words (CJK, kana, hangul
/// syllables count as such for length purposes: their words are short).
inline bool is_wide_script(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3040 && cp <= 0x30FF) ||
         (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

/// Last code point of `s` (0 when empty).
inline char32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) --start;
  return next_code_point(s, start);
}

/// First code point of `s` (0 when empty).
inline char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t pos = 0;
  return next_code_point(s, pos);
}

// ---------------------------------------------------------------------------------------------
// Sentences

// Closing quotes and brackets that may follow a sentence's final punctuation.
constexpr std::array<char32_t, 9> kClosers = {'"',    '\'', ')',    ']',   0x201D,
                                              0x2019, 0xBB, 0x300D, 0x300F};
// Punctuation that ends a sentence, in the scripts of the benchmark and beyond.
constexpr std::array<char32_t, 9> kSentenceEnds = {'.',    '!',    '?',    0x2026, 0x3002,
                                                   0xFF01, 0xFF1F, 0x061F, 0x0964};

/// The trimmed text without trailing closing quotes/brackets.
inline std::string_view strip_closers(std::string_view s) {
  s = trim(s);
  while (!s.empty()) {
    const char32_t cp = last_code_point(s);
    if (std::find(kClosers.begin(), kClosers.end(), cp) == kClosers.end()) break;
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) --start;
    s = trim(s.substr(0, start));
  }
  return s;
}

/// True when the line ends a sentence (".", "!", "?", "…", "。", optionally followed by closing
/// quotes or brackets).
inline bool ends_sentence(std::string_view s) {
  const char32_t cp = last_code_point(strip_closers(s));
  return std::find(kSentenceEnds.begin(), kSentenceEnds.end(), cp) != kSentenceEnds.end();
}

/// True when the line ends with punctuation a heading never ends with (sentence ends other than
/// "?" and "!", colon, comma, semicolon).
inline bool ends_with_stop(std::string_view s) {
  const char32_t cp = last_code_point(strip_closers(s));
  return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == 0x3002 || cp == 0x2026;
}

// ---------------------------------------------------------------------------------------------
// Lengths (code points). Tuned together on the text benchmark: retune as a set.

// A line this long is prose whatever its punctuation.
constexpr std::size_t kLongLineChars = 120;
// A line ending a sentence at least this long is prose.
constexpr std::size_t kProseLineChars = 60;
// Headings are shorter than this.
constexpr std::size_t kMaxHeadingChars = 80;
// Titles are at least this long (shorter lines are labels, kickers, names).
constexpr std::size_t kMinTitleChars = 12;
// Titles are at most this long.
constexpr std::size_t kMaxTitleChars = 250;
// Prefix and "contains" chrome patterns only apply to lines at most this long: a paragraph
// that happens to start with "Share" or mention cookies is not chrome.
constexpr std::size_t kMaxChromeLineChars = 140;
// Prefix and "contains" chrome patterns only apply to lines of at most this many words.
constexpr std::size_t kMaxChromeLineWords = 20;
// Section markers ("Related", "More stories") are at most this long.
constexpr std::size_t kMaxMarkerChars = 48;
// Bylines and datelines are at most this long.
constexpr std::size_t kMaxMetaLineChars = 100;
// A photo caption is at least this long (a repeated short line is a name or a label).
constexpr std::size_t kMinCaptionChars = 30;

/// True when a line reads as prose: long, or a sentence of reasonable length.
inline bool is_prose(std::string_view line) {
  const std::size_t n = char_count(trim(line));
  return n >= kLongLineChars || (n >= kProseLineChars && ends_sentence(line));
}

// ---------------------------------------------------------------------------------------------
// Chrome table

/// How a chrome pattern is compared with a folded line.
enum class Match : std::uint8_t {
  whole,     ///< the whole line (trailing ":" ">" "»" "|" ignored)
  prefix,    ///< the line starts with it (line at most kMaxChromeLineChars)
  suffix,    ///< the line ends with it (line at most kMaxMarkerChars)
  contains,  ///< anywhere in the line (line at most kMaxChromeLineChars)
};

/// What a chrome line does.
enum class Chrome : std::uint8_t {
  none,     ///< not chrome
  line,     ///< this line only
  section,  ///< starts a block ("READ MORE", "Related"): the headline lines under it are chrome
  footer,   ///< the page footer or comments start: nothing after it is article
};

/// One entry of the chrome table.
struct ChromePattern {
  std::string_view text;  ///< folded (lowercase ASCII, single spaces)
  Match match;
  Chrome kind;
};

// Page chrome of text scrapes, compared with the trimmed, folded line. One entry per line of
// the table, grouped by what it removes.
constexpr auto kChromePatterns = std::to_array<ChromePattern>({
    // -- app download links
    {"download", Match::whole, Chrome::line},        // the seed's app banner
    {"download the ", Match::prefix, Chrome::line},  // "Download the CGTN app"
    {"download our ", Match::prefix, Chrome::line},  // "Download our app"
    {"get the app", Match::prefix, Chrome::line},    // app banners
    {"open in app", Match::whole, Chrome::line},     // app banners
    {"app store", Match::whole, Chrome::line},       // store badges
    {"google play", Match::whole, Chrome::line},     // store badges
    // -- related / recommended blocks: the headlines under them go too
    {"read more", Match::whole, Chrome::section},                  // the seed's related block
    {"read next", Match::whole, Chrome::section},                  // related block
    {"also read", Match::whole, Chrome::section},                  // related block
    {"see also", Match::whole, Chrome::section},                   // related block
    {"à lire aussi", Match::prefix, Chrome::section},              // French related block
    {"lire aussi", Match::prefix, Chrome::section},                // French related block
    {"voir aussi", Match::prefix, Chrome::section},                // French related block
    {"dans la même rubrique", Match::prefix, Chrome::section},     // French related block
    {"sur le même sujet", Match::prefix, Chrome::section},         // French related block
    {"lesen sie auch", Match::prefix, Chrome::section},            // German related block
    {"mehr zum thema", Match::prefix, Chrome::section},            // German related block
    {"te puede interesar", Match::prefix, Chrome::section},        // Spanish related block
    {"leggi anche", Match::prefix, Chrome::section},               // Italian related block
    {"related", Match::prefix, Chrome::section},                   // "Related", "Related stories"
    {"most read", Match::prefix, Chrome::section},                 // popularity lists
    {"most popular", Match::prefix, Chrome::section},              // popularity lists
    {"most viewed", Match::prefix, Chrome::section},               // popularity lists
    {"most shared", Match::prefix, Chrome::section},               // popularity lists
    {"popular", Match::whole, Chrome::section},                    // popularity lists
    {"recommended", Match::prefix, Chrome::section},               // "Recommended for you"
    {"more from ", Match::prefix, Chrome::section},                // "More from Sport"
    {"more in ", Match::prefix, Chrome::section},                  // "More in Science"
    {"more on ", Match::prefix, Chrome::section},                  // "More on this story"
    {"more like this", Match::whole, Chrome::section},             // related block
    {"more ", Match::prefix, Chrome::section},                     // "More Washington Examiner"
    {"trending", Match::prefix, Chrome::section},                  // "Trending now"
    {"you may also like", Match::prefix, Chrome::section},         // related block
    {"you might also like", Match::prefix, Chrome::section},       // related block
    {"you may be interested in", Match::prefix, Chrome::section},  // related block
    {"top stories", Match::whole, Chrome::section},                // news lists
    {"latest news", Match::whole, Chrome::section},                // news lists
    {"editor's picks", Match::whole, Chrome::section},             // news lists
    {"don't miss", Match::whole, Chrome::section},                 // news lists
    {"next up", Match::prefix, Chrome::section},                   // "Next Up In Science"
    {"up next", Match::whole, Chrome::section},                    // news lists
    {" stories", Match::suffix, Chrome::section},                  // "More Great WIRED Stories"
    {" videos", Match::suffix, Chrome::section},                   // "Most Popular Videos"
    {" articles", Match::suffix, Chrome::section},                 // "Most Popular Articles"
    {" headlines", Match::suffix, Chrome::section},                // "Today's headlines"
    // -- comments and site footers: the article is over
    {"comments", Match::whole, Chrome::footer},                // comments section
    {"view comments", Match::prefix, Chrome::footer},          // comments section
    {"show comments", Match::prefix, Chrome::footer},          // comments section
    {"leave a comment", Match::prefix, Chrome::footer},        // comments section
    {"leave a reply", Match::prefix, Chrome::footer},          // comments section
    {"add a comment", Match::prefix, Chrome::footer},          // comments section
    {"post a comment", Match::prefix, Chrome::footer},         // comments section
    {"join the conversation", Match::prefix, Chrome::footer},  // comments section
    {"comments powered by", Match::contains, Chrome::footer},  // "blog comments powered by Disqus"
    {"site index", Match::whole, Chrome::footer},              // site map footer
    {"site information navigation", Match::whole, Chrome::footer},  // site map footer
    // -- search
    {"search trends", Match::whole, Chrome::line},  // the seed's footer
    {"search", Match::whole, Chrome::line},         // search box label
    // -- share / follow / subscribe
    {"share", Match::whole, Chrome::line},                       // share button
    {"share this", Match::prefix, Chrome::line},                 // "Share this story"
    {"share on ", Match::prefix, Chrome::line},                  // "Share on Facebook"
    {"share via", Match::prefix, Chrome::line},                  // share menu
    {"share all sharing options", Match::prefix, Chrome::line},  // share menu
    {"show more sharing options", Match::prefix, Chrome::line},  // share menu
    {"share close", Match::prefix, Chrome::line},                // share menu
    {"tweet", Match::whole, Chrome::line},                       // share button
    {"email", Match::whole, Chrome::line},                       // share button
    {"e-mail", Match::whole, Chrome::line},                      // share button
    {"print", Match::whole, Chrome::line},                       // share button
    {"facebook", Match::whole, Chrome::line},                    // share button
    {"twitter", Match::whole, Chrome::line},                     // share button
    {"linkedin", Match::whole, Chrome::line},                    // share button
    {"whatsapp", Match::whole, Chrome::line},                    // share button
    {"pinterest", Match::whole, Chrome::line},                   // share button
    {"reddit", Match::whole, Chrome::line},                      // share button
    {"flipboard", Match::whole, Chrome::line},                   // share button
    {"pocket", Match::whole, Chrome::line},                      // share button
    {"copy link", Match::prefix, Chrome::line},                  // share button
    {"save", Match::whole, Chrome::line},                        // bookmark button
    {"save for later", Match::whole, Chrome::line},              // bookmark button
    {"pin", Match::whole, Chrome::line},                         // Pinterest button
    {"follow", Match::whole, Chrome::line},                      // follow button
    {"follow us", Match::prefix, Chrome::line},                  // "Follow us on Twitter"
    {"subscribe", Match::whole, Chrome::line},                   // subscribe button
    {"subscribe ", Match::prefix, Chrome::line},                 // "Subscribe now", "Subscribe to"
    {"already a subscriber", Match::prefix, Chrome::line},       // paywall
    {"support independent journalism", Match::prefix, Chrome::line},  // donation box
    // -- cookie banners and newsletter boxes
    {"we use cookies", Match::prefix, Chrome::line},             // cookie banner
    {"we use your sign-up", Match::prefix, Chrome::line},        // newsletter fine print
    {"this site uses cookies", Match::prefix, Chrome::line},     // cookie banner
    {"this website uses cookies", Match::prefix, Chrome::line},  // cookie banner
    {"by continuing to use", Match::prefix, Chrome::line},       // cookie banner
    {"accept cookies", Match::prefix, Chrome::line},             // cookie banner
    {"accept all", Match::prefix, Chrome::line},                 // cookie banner
    {"cookie policy", Match::prefix, Chrome::line},              // cookie banner
    {"cookie settings", Match::prefix, Chrome::line},            // cookie banner
    {"privacy policy", Match::prefix, Chrome::line},             // footer link
    {"terms of use", Match::prefix, Chrome::line},               // footer link
    {"terms of service", Match::prefix, Chrome::line},           // footer link
    {"newsletter", Match::contains, Chrome::line},               // "Get our daily newsletter"
    {"sign up for", Match::prefix, Chrome::line},                // newsletter box
    {"enter your email", Match::prefix, Chrome::line},           // newsletter box
    {"you are receiving this", Match::prefix, Chrome::line},     // newsletter footer
    {"purchase licensing rights", Match::whole, Chrome::line},   // wire reprint link
    // -- copyright footers
    {"\xc2\xa9", Match::contains, Chrome::line},             // "© 2021 CGTN"
    {"\xe2\x93\x92", Match::contains, Chrome::line},         // "Copyright ⓒ" (circled c)
    {"copyright", Match::prefix, Chrome::line},              // "Copyright 2019 ..."
    {"all rights reserved", Match::contains, Chrome::line},  // copyright footer
    // -- advertising
    {"advertisement", Match::prefix, Chrome::line},            // ad slot label
    {"advertising", Match::whole, Chrome::line},               // ad slot label
    {"ad", Match::whole, Chrome::line},                        // ad slot label
    {"sponsored", Match::whole, Chrome::line},                 // ad slot label
    {"sponsored content", Match::whole, Chrome::line},         // ad slot label
    {"continue reading", Match::prefix, Chrome::line},         // "Continue reading the main story"
    {"story continues below", Match::prefix, Chrome::line},    // ad slot label
    {"article continues below", Match::prefix, Chrome::line},  // ad slot label
    // -- skip links, sign-in lines, navigation words
    {"skip to ", Match::prefix, Chrome::line},           // "Skip to content"
    {"jump to ", Match::prefix, Chrome::line},           // "Jump to navigation"
    {"sign in", Match::prefix, Chrome::line},            // "Sign in", "Sign in to comment"
    {"sign up", Match::whole, Chrome::line},             // account link
    {"sign out", Match::whole, Chrome::line},            // account link
    {"log in", Match::prefix, Chrome::line},             // "Log in", "Log in to reply"
    {"login", Match::whole, Chrome::line},               // account link
    {"log out", Match::whole, Chrome::line},             // account link
    {"register", Match::whole, Chrome::line},            // account link
    {"my account", Match::whole, Chrome::line},          // account link
    {"create an account", Match::prefix, Chrome::line},  // account link
    {"home", Match::whole, Chrome::line},                // navigation
    {"menu", Match::whole, Chrome::line},                // navigation
    {"close", Match::whole, Chrome::line},               // dialog button
    {"back to top", Match::prefix, Chrome::line},        // footer link
    {"tags", Match::whole, Chrome::line},                // topic list label
    {"tags:", Match::prefix, Chrome::line},              // "Tags: Alibaba"
    {"topics:", Match::prefix, Chrome::line},            // topic list
    {"filed under", Match::prefix, Chrome::line},        // topic list
    {"image 1 of", Match::prefix, Chrome::line},         // gallery controls
    {"back to gallery", Match::whole, Chrome::line},     // gallery controls
    {"caption", Match::whole, Chrome::line},             // gallery controls
    {"show more", Match::whole, Chrome::line},           // expander button
    {"load more", Match::whole, Chrome::line},           // expander button
    {"click here", Match::prefix, Chrome::line},         // call to action
    {"did you make this", Match::prefix, Chrome::line},  // recipe call to action
    {"rate this", Match::prefix, Chrome::line},          // "Rate this recipe"
    {"click to ", Match::prefix, Chrome::line},          // "Click to share on Twitter"
    {"permalink", Match::prefix, Chrome::line},          // comment/post tools
    {"comments", Match::suffix, Chrome::footer},         // "34 Comments", "Read All Comments"
});

/// The trailing characters ignored by whole-line matches ("Related:", "Read more »").
inline std::string_view strip_marker_tail(std::string_view folded) {
  while (!folded.empty()) {
    const char c = folded.back();
    if (c == ':' || c == '>' || c == '|' || c == ' ' || c == '-' || c == ']' || c == ')') {
      folded.remove_suffix(1);
    } else if (folded.size() >= 2 && folded.substr(folded.size() - 2) == "\xc2\xbb") {  // »
      folded.remove_suffix(2);
    } else if (folded.size() >= 3 && (folded.substr(folded.size() - 3) == "\xe2\x80\xba" ||   // ›
                                      folded.substr(folded.size() - 3) == "\xe2\x80\xa6")) {  // …
      folded.remove_suffix(3);
    } else {
      break;
    }
  }
  return folded;
}

/// True when a folded line is a breadcrumb trail: at least two separators (">", "»", "›", "/",
/// "|") between short segments, e.g. "Home > News > World".
inline bool is_breadcrumb(std::string_view folded) {
  if (folded.size() > kMaxChromeLineChars || folded.find("://") != std::string_view::npos) {
    return false;
  }
  constexpr std::array<std::string_view, 5> kSeparators = {" > ", " \xc2\xbb ", " \xe2\x80\xba ",
                                                           " / ", " | "};
  for (const auto sep : kSeparators) {
    std::size_t count = 0;
    std::size_t longest = 0;
    std::size_t start = 0;
    while (true) {
      const auto hit = folded.find(sep, start);
      const auto end = hit == std::string_view::npos ? folded.size() : hit;
      longest = std::max(longest, word_count(folded.substr(start, end - start)));
      if (hit == std::string_view::npos) break;
      ++count;
      start = hit + sep.size();
    }
    if (count >= 2 && longest <= 4) return true;
  }
  return false;
}

// Words of cookie-consent banners; a line about cookies with enough of them is a banner.
constexpr std::array<std::string_view, 9> kCookieWords = {
    "consent",    "your browser", "this website", "this site", "our site",
    "experience", "opt-out",      "privacy",      "accept"};
// How many cookie words a long line needs (a short one needs one).
constexpr std::size_t kCookieWordsInLongLine = 2;

/// True when a folded line is a cookie-consent notice (any length).
inline bool is_cookie_notice(std::string_view folded) {
  if (folded.find("cookie") == std::string_view::npos) return false;
  std::size_t hits = 0;
  for (const auto word : kCookieWords) {
    if (folded.find(word) != std::string_view::npos) ++hits;
  }
  return hits >= (char_count(folded) <= kMaxChromeLineChars ? 1 : kCookieWordsInLongLine);
}

// Words that follow a count at the head of a comments section: "34 responses to ...".
constexpr std::array<std::string_view, 7> kCommentCounts = {
    " responses", " response", " comments", " comment", " thoughts on", " replies", " reply"};

/// True when a folded line opens a comments section ("34 responses to “Title”") or names a
/// commenter ("joetoronto says:").
inline bool is_comment_header(std::string_view folded) {
  std::size_t digits = 0;
  while (digits < folded.size() && folded[digits] >= '0' && folded[digits] <= '9') ++digits;
  if (digits > 0 && char_count(folded) <= kMaxChromeLineChars) {
    const std::string_view rest = folded.substr(digits);
    for (const auto word : kCommentCounts) {
      if (rest.starts_with(word)) return true;
    }
  }
  return false;
}

/// True when a folded line is a commenter's name line ("joetoronto says:").
inline bool is_commenter_line(std::string_view folded) {
  return word_count(folded) <= 5 &&
         (folded.ends_with(" says:") || folded.ends_with(" said:") || folded.ends_with(" wrote:"));
}

// Prefixes of boilerplate that is chrome however long the line (banners and fine print run long).
constexpr std::array<std::string_view, 5> kLongChromePrefixes = {
    "we use cookies", "this website uses cookies", "this site uses cookies", "we use your sign-up",
    "by continuing to use"};

/// Whether `pattern` (classify_chrome's reason) labels an ad slot: the slots stand between one
/// article's paragraphs, never between a thread's posts.
inline bool is_ad_label(std::string_view pattern) {
  return pattern == "advertisement" || pattern == "advertising" || pattern == "ad" ||
         pattern == "sponsored" || pattern == "sponsored content";
}

/// Whether a marker-like line (folded) links back to a list of the site's pages ("back to all
/// articles", "view all stories", "← all articles") rather than heading a list below it.
inline bool is_back_link(std::string_view folded) {
  if (folded.starts_with("back to ") || folded.starts_with("\xe2\x86\x90") ||
      folded.starts_with("< ") || folded.starts_with("all ")) {
    return true;
  }
  return folded.find(" all ") != std::string_view::npos;
}

/// What the chrome table says of a line, and why (the matching pattern, empty when none).
inline std::pair<Chrome, std::string_view> classify_chrome(std::string_view line) {
  const std::string folded = fold(line);
  if (folded.empty()) return {Chrome::none, {}};
  std::string_view whole = strip_marker_tail(folded);
  while (!whole.empty() && (whole.front() == '[' || whole.front() == '(' || whole.front() == ' ')) {
    whole.remove_prefix(1);
  }
  const std::size_t chars = char_count(folded);
  const bool short_line = chars <= kMaxChromeLineChars && word_count(folded) <= kMaxChromeLineWords;
  // Section markers are short labels, never sentences ("More on that later." is prose).
  const bool marker_like =
      chars <= kMaxMarkerChars && word_count(whole) <= 5 && !ends_sentence(folded);
  for (const auto& pattern : kChromePatterns) {
    bool hit = false;
    switch (pattern.match) {
      case Match::whole:
        hit = whole == pattern.text;
        break;
      case Match::prefix:
        hit = short_line && whole.starts_with(pattern.text) &&
              (pattern.kind == Chrome::line || marker_like);
        break;
      case Match::suffix:
        hit = marker_like && whole.ends_with(pattern.text);
        break;
      case Match::contains:
        hit = short_line && folded.find(pattern.text) != std::string::npos;
        break;
    }
    if (hit && pattern.kind == Chrome::section && is_back_link(whole)) {
      return {Chrome::line, "back-link"};  // "← All Articles": a way back, heading nothing
    }
    if (hit) return {pattern.kind, pattern.text};
  }
  for (const auto prefix : kLongChromePrefixes) {
    if (folded.starts_with(prefix)) return {Chrome::line, prefix};
  }
  if (is_breadcrumb(folded)) return {Chrome::line, "breadcrumb"};
  if (is_cookie_notice(folded)) return {Chrome::line, "cookie notice"};
  if (is_comment_header(whole)) return {Chrome::footer, "comment count"};
  if (is_commenter_line(folded)) return {Chrome::line, "commenter name"};
  return {Chrome::none, {}};
}

// ---------------------------------------------------------------------------------------------
// Bylines, datelines, credits, captions, list markers

// Where a byline's name ends: the separators of a byline's parts ("By Jane Roe | Staff", "Jane
// Roe · Editor", "Jane Roe ⋅ Founder", "Jane Roe•Updated on ...").
constexpr auto kBylineCuts = std::to_array<std::string_view>(
    {" | ", " \xc2\xb7 ", "\xc2\xb7", " - ", "\xe2\x8b\x85", "\xe2\x80\xa2"});

/// The author part of a byline line ("By Ross Cullen | Reuters" -> "Ross Cullen"), or empty
/// when the line is not a "By ..." line.
inline std::string byline_author(std::string_view line) {
  const std::string_view t = trim(line);
  if (char_count(t) > kMaxMetaLineChars) return {};
  const std::string folded = fold(t);
  // the metadata stage's prefixes, without the two-letter ones of other languages
  const std::string_view prefix = meta::byline_prefix_of(folded, false);
  if (prefix.empty()) return {};
  // Skip as many words of the line as the prefix has (the folded copy collapsed spaces).
  std::string_view rest = t;
  for (std::size_t words = word_count(prefix); words > 0 && !rest.empty(); --words) {
    std::size_t pos = 0;
    std::size_t space = std::string_view::npos;
    while (pos < rest.size()) {  // the first white space, NBSP included ("By\u00a0Eric Song")
      const std::size_t at = pos;
      if (is_space(next_code_point(rest, pos))) {
        space = at;
        break;
      }
    }
    rest = space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
  }
  for (const std::string_view cut : kBylineCuts) {
    const auto at = rest.find(cut);
    if (at != std::string_view::npos) rest = trim(rest.substr(0, at));
  }
  if (rest.empty() || ends_sentence(rest) || word_count(rest) > 12) return {};
  return std::string(rest);
}

/// How strictly name_shape() reads a name.
struct NameShape {
  bool and_particle = false;  ///< "and" may sit inside ("Ross and Cullen" as one line)
  bool cyrillic = false;      ///< Cyrillic capitals start a word too
};

/// True when `s` is shaped like a person's name: 2-4 words, each capitalised or a name particle,
/// no digits, no punctuation other than "." "-" "'". The one check behind is_name_line() and
/// is_person_name().
inline bool name_shape(std::string_view s, NameShape shape) {
  const std::string_view t = trim(s);
  if (t.empty() || t.size() > 40) return false;
  std::size_t words = 0;
  std::size_t start = 0;
  while (start < t.size()) {
    auto end = t.find(' ', start);
    if (end == std::string_view::npos) end = t.size();
    const std::string_view word = t.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    ++words;
    const bool particle = meta::is_name_particle(word) || (shape.and_particle && word == "and");
    const char32_t first = first_code_point(word);
    const bool upper = (first >= 'A' && first <= 'Z') || (first >= 0xC0 && first <= 0xDE) ||
                       (shape.cyrillic && first >= 0x410 && first <= 0x42F);
    if (!particle && !upper) return false;
    for (const char c : word) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
                      c == '\'' || static_cast<unsigned char>(c) >= 0x80;
      if (!ok) return false;
    }
  }
  return words >= 2 && words <= 4;
}

/// True when a line looks like a bare person's name ("Ross Cullen"): 2-4 words, each
/// capitalised or a name particle, no digits, no punctuation other than "." "-" "'".
inline bool is_name_line(std::string_view line) {
  return name_shape(line, {.and_particle = true, .cyrillic = false});
}

// Month names and abbreviations (folded) that mark a dateline: English, French, German,
// Spanish, Italian, Portuguese.
constexpr auto kMonths = std::to_array<std::string_view>(
    {"january",  "february",  "march",      "april",    "may",       "june",      "july",
     "august",   "september", "october",    "november", "december",  "jan",       "feb",
     "mar",      "apr",       "jun",        "jul",      "aug",       "sep",       "sept",
     "oct",      "nov",       "dec",        "janvier",  "février",   "mars",      "avril",
     "mai",      "juin",      "juillet",    "août",     "septembre", "octobre",   "novembre",
     "décembre", "januar",    "februar",    "märz",     "juni",      "juli",      "oktober",
     "dezember", "enero",     "febrero",    "marzo",    "abril",     "mayo",      "junio",
     "julio",    "agosto",    "septiembre", "octubre",  "noviembre", "diciembre", "gennaio",
     "febbraio", "aprile",    "maggio",     "giugno",   "luglio",    "settembre", "ottobre",
     "dicembre", "janeiro",   "fevereiro",  "março",    "maio",      "junho",     "julho",
     "setembro", "outubro",   "novembro",   "dezembro"});
// Words of date lines other than month names (published/updated stamps, clock times).
constexpr auto kDateWords = std::to_array<std::string_view>(
    {"updated", "published", "posted", "ago", "am", "pm", "gmt", "utc", "publié", "mis",
     "veröffentlicht", "aktualisiert", "publicado", "actualizado", "pubblicato"});
// Relative times without digits ("Updated an hour ago") are date lines up to this many words.
constexpr std::size_t kMaxRelativeDateWords = 6;

// A day's number this close to a year (in bytes) makes a date with it ("Maret 30, 2015",
// "02 Ago 2017").
constexpr std::size_t kDayNearYear = 8;

/// Where the next year ("1987", "2025": four digits starting 19 or 20, no digit beside them)
/// starts in `s` at or after `from`; npos when there is none.
inline std::size_t find_year(std::string_view s, std::size_t from = 0) {
  const auto digit = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '9'; };
  for (std::size_t i = from; i + 4 <= s.size(); ++i) {
    if ((i > 0 && digit(i - 1)) || (i + 4 < s.size() && digit(i + 4)) || !digit(i) ||
        !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) {
      continue;
    }
    if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) return i;
  }
  return std::string_view::npos;
}

/// Whether `folded` holds a year (a run of exactly four digits starting 19 or 20) with no other
/// number within kDayNearYear bytes of it: a year that names no day.
inline bool has_lone_year(std::string_view folded) {
  for (std::size_t i = find_year(folded); i != std::string_view::npos;
       i = find_year(folded, i + 4)) {
    bool day = false;
    for (std::size_t k = i > kDayNearYear ? i - kDayNearYear : 0;
         k < std::min(folded.size(), i + 4 + kDayNearYear) && !day; ++k) {
      day = (k < i || k >= i + 4) && folded[k] >= '0' && folded[k] <= '9';
    }
    if (!day) return true;
  }
  return false;
}

/// Whether a day's number starts at `i` of `s`: one or two digits standing alone, no clock time
/// ("30", "3rd"; not "2024", not "3:22").
inline bool day_number_at(std::string_view s, std::size_t i) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) || s[i - 1] == ':'))) return false;
  std::size_t end = i;
  int value = 0;
  for (; end < s.size() && digit(s[end]) && end - i <= 2; ++end)
    value = value * 10 + (s[end] - '0');
  return end - i <= 2 && value >= 1 && value <= 31 && (end == s.size() || s[end] != ':');
}

/// Whether a numeric date starts at `i` of `s`: d{1,4} [-/.] d{1,2} [-/.] d{1,4}, no part zero
/// ("2019-11-20", "20.11.2019"; not the versions "7.1.0" and "2024.5.0").
inline bool numeric_date_at(std::string_view s, std::size_t i) {
  const auto digit = [&s](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  const auto nonzero = [&](std::size_t from) {
    for (std::size_t q = from; digit(q); ++q) {
      if (s[q] != '0') return true;
    }
    return false;
  };
  std::size_t j = i;
  while (digit(j)) ++j;
  if (j == i || j - i > 4 || j + 1 >= s.size() || (s[j] != '-' && s[j] != '/' && s[j] != '.')) {
    return false;
  }
  const char sep = s[j];
  const std::size_t month = j + 1;
  std::size_t k = month;
  while (digit(k)) ++k;
  return k > month && k - month <= 2 && k + 1 < s.size() && s[k] == sep && digit(k + 1) &&
         nonzero(i) && nonzero(month) && nonzero(k + 1);
}

/// Whether `folded` ends with a digit (closing brackets aside): a date that closes the line.
inline bool closes_with_number(std::string_view folded) {
  while (!folded.empty() &&
         (folded.back() == ')' || folded.back() == ']' || folded.back() == ' ')) {
    folded.remove_suffix(1);
  }
  return !folded.empty() && folded.back() >= '0' && folded.back() <= '9';
}

/// Capitalised words of `line` that are neither months nor dateline words ("Project",
/// "Discovery" in "Project Discovery July 2024"): a headline's words. A label before a colon
/// ("Join Date: Aug 2008") is a field's, not a headline's.
inline std::size_t headline_words(std::string_view line) {
  if (const std::size_t colon = line.rfind(':'); colon != std::string_view::npos) {
    line.remove_prefix(colon + 1);
  }
  std::size_t n = 0;
  for (std::size_t at = 0; at < line.size();) {
    while (at < line.size() && !(line[at] >= 'A' && line[at] <= 'Z') &&
           !(line[at] >= 'a' && line[at] <= 'z')) {
      ++at;
    }
    std::size_t end = at;
    while (end < line.size() &&
           ((line[end] >= 'A' && line[end] <= 'Z') || (line[end] >= 'a' && line[end] <= 'z'))) {
      ++end;
    }
    if (end == at) break;
    const bool capital = line[at] <= 'Z' && (at == 0 || line[at - 1] == ' ');
    const std::string word = fold(line.substr(at, end - at));
    if (capital && std::find(kMonths.begin(), kMonths.end(), word) == kMonths.end() &&
        std::find(kDateWords.begin(), kDateWords.end(), word) == kDateWords.end()) {
      ++n;
    }
    at = end;
  }
  return n;
}

/// True when a line is a date line: short, holds a digit, and a month name, a dateline word or a
/// numeric date ("2019-11-20", "11/20/2019", "20.11.2019").
// NOLINTNEXTLINE(readability-function-cognitive-complexity): one scan, a case per date form
inline bool is_date_line(std::string_view line) {
  const std::string folded = fold(line);
  if (folded.empty() || char_count(folded) > kMaxMetaLineChars || ends_sentence(folded)) {
    if (!(folded.ends_with(" a.m.") || folded.ends_with(" p.m.") || folded.ends_with(" et.") ||
          folded.ends_with(" pm.") || folded.ends_with(" am."))) {
      return false;
    }
  }
  if (folded.empty()) return false;
  std::size_t digits = 0;
  std::size_t letters = 0;
  bool numeric_date = false;
  bool day = false;  // a number of one or two digits that is no clock time ("30", "3rd")
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (c >= '0' && c <= '9') {
      day = day || day_number_at(folded, i);
      ++digits;
      numeric_date = numeric_date || numeric_date_at(folded, i);
    } else if (c >= 'a' && c <= 'z') {
      ++letters;
    }
  }
  if (digits == 0) {
    return word_count(folded) <= kMaxRelativeDateWords &&
           (folded.ends_with(" ago") || folded.starts_with("updated ") ||
            folded.starts_with("published "));
  }
  // a numeric date closing a headline is the headline's ("Lemmy Development Update 2024-10-04";
  // not "Carlos Nadalim 27/09/2018 Comente! Música", a byline with categories)
  if (numeric_date) {
    return word_count(folded) <= 10 && !(closes_with_number(folded) && headline_words(line) >= 3);
  }
  // Word-level scan for month names / dateline words.
  std::size_t start = 0;
  std::size_t words = 0;
  bool dated = false;
  bool month = false;
  while (start < folded.size()) {
    std::size_t end = start;
    while (end < folded.size() && ((folded[end] >= 'a' && folded[end] <= 'z') ||
                                   static_cast<unsigned char>(folded[end]) >= 0x80)) {
      ++end;
    }
    if (end > start) {
      ++words;
      const std::string_view word = std::string_view(folded).substr(start, end - start);
      if (std::find(kMonths.begin(), kMonths.end(), word) != kMonths.end()) {
        dated = true;
        month = true;
      } else if (std::find(kDateWords.begin(), kDateWords.end(), word) != kDateWords.end()) {
        dated = true;
      }
      start = end;
    } else {
      ++start;
    }
  }
  // a lone year beside "updated" says no day ("Top 25 Publishing Companies (Updated 2025)" is
  // a headline)
  if (!month && has_lone_year(folded) && folded.find(':') == std::string::npos &&
      !folded.ends_with(" ago")) {
    return false;
  }
  // a month and a year with no day, among capitalised words of its own, is a headline ("Project
  // Discovery July 2024", "Best Albums of July 2024"; not "Member since July 2024")
  if (month && !day && headline_words(line) >= 2) return false;
  return dated && words <= 12 && letters <= 70;
}

// Prefixes of credit lines (folded): photo credits and sources.
constexpr std::array<std::string_view, 12> kCreditPrefixes = {
    "photo:",        "photograph:",       "photos:",  "image:",
    "image credit:", "photo credit",      "credit:",  "credit...",
    "credits:",      "main image credit", "picture:", "illustration:"};

// Prefixes of source lines (folded); the rest of the line is the source.
constexpr std::array<std::string_view, 4> kSourcePrefixes = {
    "source(s):", "sources:", "source:", "quelle:"};

/// The source named by a "Source(s): Reuters" line, or empty.
inline std::string source_of(std::string_view line) {
  const std::string_view t = trim(line);
  if (char_count(t) > kMaxMetaLineChars) return {};
  const std::string folded = fold(t);
  for (const auto prefix : kSourcePrefixes) {
    if (folded.starts_with(prefix) && folded.size() == t.size()) {
      return std::string(trim(t.substr(prefix.size())));
    }
    if (folded.starts_with(prefix)) {
      const auto colon = t.find(':');
      if (colon != std::string_view::npos) return std::string(trim(t.substr(colon + 1)));
    }
  }
  return {};
}

/// True when a line is a photo credit ("Photo: Jane Doe/AP", "Doug Mills/The New York Times",
/// "Credit...") or a source line.
inline bool is_credit_line(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || char_count(t) > kMaxMetaLineChars) return false;
  const std::string folded = fold(t);
  for (const auto prefix : kCreditPrefixes) {
    if (folded.starts_with(prefix)) return true;
  }
  if (!source_of(t).empty()) return true;
  // "Name/Agency": a short line of capitalised words around a slash, no sentence.
  if (char_count(t) <= 60 && !ends_with_stop(t) && t.find("://") == std::string_view::npos) {
    const auto slash = t.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < t.size() &&
        t[slash - 1] != ' ' && t[slash + 1] >= 'A' && t[slash + 1] <= 'Z') {
      const char32_t first = first_code_point(t);
      if (first >= 'A' && first <= 'Z') return true;
    }
  }
  return false;
}

// Folded endings that make a line a photo caption: the credit an agency puts after it.
constexpr std::array<std::string_view, 10> kCaptionEndings = {
    "/reuters", "/ap",           "/afp",    "/epa",  "getty images",
    "/getty",   "/shutterstock", "/xinhua", "/pool", "/file photo"};
// Folded fragments that make a line a photo caption wherever they occur.
constexpr std::array<std::string_view, 8> kCaptionMarkers = {
    "/reuters/",     "(photo:",    "(ap photo", "(photo by",
    "(photo credit", "(afp photo", "(getty",    "(image:"};
// Folded openings of a closing parenthesis that credits a picture: such a line is never a
// headline, though it may be prose quoting its source.
constexpr std::array<std::string_view, 3> kCreditParens = {"(source:", "(credit:", "(courtesy"};

// A closing "(A/B)" credit is at most this long.
constexpr std::size_t kMaxSlashCreditChars = 60;

/// True when a line ends with (or holds) a photo credit: "... Stoltenberg. /Reuters/Olivier",
/// "... (AP Photo/Jane Doe)", "... Getty Images".
inline bool has_photo_credit(std::string_view line) {
  const std::string folded = fold(line);
  if (char_count(folded) < kMinCaptionChars) return false;
  const std::string_view bare = strip_marker_tail(folded);
  if (std::ranges::any_of(kCaptionEndings,
                          [bare](std::string_view ending) { return bare.ends_with(ending); })) {
    return true;
  }
  return std::ranges::any_of(kCaptionMarkers, [&folded](std::string_view marker) {
    return folded.find(marker) != std::string::npos;
  });
}

/// True when a line ends with a parenthesised credit: "... (credit: NASA/Jude Guidry)",
/// "... (Source: NASA)", "... (NASA/JPL/Space Science Institute)". Such a line is a caption,
/// never a headline.
inline bool ends_with_credit(std::string_view line) {
  const std::string folded = fold(line);
  const std::string_view bare = trim(folded);
  if (!bare.ends_with(")")) return false;
  const auto open = bare.rfind('(');
  if (open == std::string_view::npos) return false;
  for (const auto p : kCreditParens) {
    if (bare.substr(open).starts_with(p)) return true;
  }
  // sources named with slashes
  const std::string_view inner = bare.substr(open + 1, bare.size() - open - 2);
  return inner.find('/') != std::string_view::npos && inner.find("://") == std::string_view::npos &&
         inner.find("and/or") == std::string_view::npos && inner.size() <= kMaxSlashCreditChars;
}

// ---------------------------------------------------------------------------------------------
// Credit lines without "By": "Tom Krisher, AP Auto Writer", "Catherine Shu @catherineshu"

// Words after a name that make the line a credit (folded, compared word by word).
constexpr auto kCreditRoleWords = std::to_array<std::string_view>(
    {"writer",       "reporter", "editor", "correspondent", "columnist", "contributor",
     "contributing", "staff",    "bureau", "producer",      "analyst",   "journalist",
     "photographer", "critic",   "wire",   "wires",         "press",     "news",
     "reuters",      "ap",       "afp",    "bloomberg",     "pti",       "ians",
     "dpa",          "upi",      "efe",    "ansa",          "xinhua",    "editor-at-large"});
// Separators between the names of a credit line and what follows them (role, outlet, handle).
constexpr auto kCreditSeparators = std::to_array<std::string_view>(
    {", ", " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " / ", " \xc2\xb7 ", "\xc2\xb7", "@"});
// A credit line has at most this many words.
constexpr std::size_t kMaxCreditWords = 12;
// What follows the names of a credit line has at most this many words.
constexpr std::size_t kMaxCreditTailWords = 7;

/// True when `s` holds at least two letters and no lowercase ASCII letter ("USA TODAY").
inline bool is_all_caps(std::string_view s) {
  std::size_t upper = 0;
  for (const char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2;
}

/// True when `s` is one person's name: 2-4 words, each capitalised (Latin or Cyrillic) or a
/// name particle other than "and", letters and ". - '" only.
inline bool is_person_name(std::string_view s) {
  return name_shape(s, {.and_particle = false, .cyrillic = true});
}

/// True when `head` lists people: names joined by " and " / " & ".
inline bool is_name_list(std::string_view head) {
  std::size_t start = 0;
  std::size_t names = 0;
  while (start <= head.size()) {
    std::size_t end = head.size();
    std::size_t skip = 0;
    for (const std::string_view joiner : {std::string_view(" and "), std::string_view(" & ")}) {
      const auto at = head.find(joiner, start);
      if (at != std::string_view::npos && at < end) {
        end = at;
        skip = joiner.size();
      }
    }
    if (!is_person_name(head.substr(start, end - start))) return false;
    ++names;
    if (end == head.size()) break;
    start = end + skip;
  }
  return names > 0;
}

/// True when the part after a credit's names is a role, an agency, an outlet in capitals or a
/// handle ("AP Auto Writer", "Associated Press", "USA TODAY", "@catherineshu / 2 days").
inline bool is_credit_tail(std::string_view tail) {
  tail = trim(tail);
  if (tail.empty() || word_count(tail) > kMaxCreditTailWords || ends_sentence(tail)) return false;
  if (tail.front() == '@' || is_all_caps(tail)) return true;
  const std::string folded = fold(tail);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = start;
    while (end < folded.size() && folded[end] != ' ' && folded[end] != ',' && folded[end] != '-') {
      ++end;
    }
    const std::string_view word = std::string_view(folded).substr(start, end - start);
    if (std::find(kCreditRoleWords.begin(), kCreditRoleWords.end(), word) !=
        kCreditRoleWords.end()) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

/// The line itself when it credits people without a "By": names, then a role, agency, outlet
/// or handle ("Tom Krisher, AP Auto Writer", "Meg Kinnard and Errin Haines, Associated Press",
/// "Kevin Johnson and Kevin McCoy USA TODAY", "Catherine Shu @catherineshu / 2 days"); else
/// empty.
inline std::string credit_author(std::string_view line, bool relaxed = false) {
  const std::string_view t = trim(line);
  if (t.empty() || char_count(t) > kMaxMetaLineChars || word_count(t) > kMaxCreditWords) return {};
  std::size_t cut = std::string_view::npos;
  std::size_t skip = 0;
  for (const auto sep : kCreditSeparators) {
    const auto at = t.find(sep);
    if (at != std::string_view::npos && at > 0 && at < cut) {
      cut = at;
      skip = sep == "@" ? 0 : sep.size();
    }
  }
  if (cut == std::string_view::npos) {
    // "Kevin Johnson and Kevin McCoy USA TODAY": the names end at the first word in capitals
    std::size_t start = 0;
    while (start < t.size()) {
      auto end = t.find(' ', start);
      if (end == std::string_view::npos) end = t.size();
      if (start > 0 && is_all_caps(t.substr(start, end - start))) {
        cut = start - 1;
        skip = 1;
        break;
      }
      start = end + 1;
    }
    if (cut == std::string_view::npos || !is_all_caps(t.substr(cut + skip))) return {};
    // a line in capitals throughout is a headline or a label ("BUILDING A TRANSPARENT
    // KEYSERVER"), no names before an outlet
    if (is_all_caps(t.substr(0, cut))) return {};
  }
  const std::string_view head = trim(t.substr(0, cut));
  const std::string_view tail = trim(t.substr(cut + skip));
  if (!is_name_list(head)) return {};
  // right under a headline, any short capitalised tail will do ("Charlie Wood, Business Insider")
  const bool capitalised_tail =
      relaxed && !tail.empty() && word_count(tail) <= 4 && !ends_sentence(tail) &&
      ((tail.front() >= 'A' && tail.front() <= 'Z') || tail.front() == '@');
  if (!capitalised_tail && !is_credit_tail(tail)) return {};
  return std::string(head).append(", ").append(tail);
}

// Stamp words found glued to the end of a capitalised name ("MILLERPUBLISHED").
constexpr auto kGluedStampWords =
    std::to_array<std::string_view>({"published", "updated", "posted"});

// Dots between a header line's parts, glued to both ("Faith Katunga•Oct 20, 2025").
constexpr auto kGluedDots = std::to_array<std::string_view>({"\xe2\x80\xa2", "\xc2\xb7"});

/// The length of a dot of kGluedDots glued between two parts at `i`, 0 when there is none.
inline std::size_t glued_dot_at(std::string_view text, std::size_t i) {
  for (const std::string_view dot : kGluedDots) {
    if (i > 0 && text[i - 1] != ' ' && text.substr(i).starts_with(dot) &&
        i + dot.size() < text.size() && text[i + dot.size()] != ' ') {
      return dot.size();
    }
  }
  return 0;
}

/// `text` with a space put back where a browser's innerText glued a header's parts together:
/// after a glued "By" ("ByNina Pineda"), before a glued month or date word ("Korin
/// MillerPublished Sep 5", "UpdatedJanuary 25, 2026") and around a glued dot ("Faith
/// Katunga•Oct 20, 2025"); `text` itself when nothing is glued.
inline std::string unglue_header(std::string_view text) {
  if (char_count(text) > kMaxMetaLineChars) return std::string(text);
  std::string out;
  out.reserve(text.size() + 4);
  std::size_t word_start = 0;  // in `text`
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') word_start = i + 1;
    if (const std::size_t dot = glued_dot_at(text, i); dot > 0) {
      out += ' ';
      out.append(text.substr(i, dot));
      out += ' ';
      i += dot - 1;
      word_start = i + 1;
      continue;
    }
    const char prev = i > 0 ? text[i - 1] : ' ';
    const bool junction =
        c >= 'A' && c <= 'Z' && ((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'));
    if (c >= 'A' && c <= 'Z' && i > word_start && (prev >= 'A' && prev <= 'Z')) {
      // all capitals: "BY KORIN MILLERPUBLISHED: JAN 29" (a stamp word glued at the end)
      std::size_t end = i;
      while (end < text.size() && text[end] >= 'A' && text[end] <= 'Z') ++end;
      const std::string tail = fold(text.substr(i, end - i));
      if ((end == text.size() || text[end] == ':' || text[end] == ' ') &&
          std::find(kGluedStampWords.begin(), kGluedStampWords.end(), tail) !=
              kGluedStampWords.end()) {
        out += ' ';
        word_start = i;
      }
    }
    if (junction) {
      const std::string_view left = text.substr(word_start, i - word_start);
      std::size_t end = i + 1;
      while (end < text.size() && text[end] >= 'a' && text[end] <= 'z') ++end;
      const std::string right = fold(text.substr(i, end - i));
      const bool date_word =
          std::find(kMonths.begin(), kMonths.end(), right) != kMonths.end() ||
          std::find(kDateWords.begin(), kDateWords.end(), right) != kDateWords.end();
      if (left == "By" || date_word) {
        out += ' ';
        word_start = i;
      }
    }
    out += c;
  }
  return out;
}

// A glued junction inside a byline word needs at least this many lowercase letters before it
// ("HiltzikBusiness" splits, "McCoy" and "DeArdo" do not).
constexpr std::size_t kMinGluedLower = 4;

/// A byline with words glued by innerText split at a comma ("Michael HiltzikBusiness Columnist"
/// -> "Michael Hiltzik, Business Columnist"), and handles glued to a name set apart
/// ("Chaim Gartenberg@cgartenberg" -> "Chaim Gartenberg @cgartenberg").
inline std::string unglue_byline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t lower_run = 0;
  bool split = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '@' && i > 0 && text[i - 1] != ' ') {
      out += ' ';
    } else if (!split && c >= 'A' && c <= 'Z' && lower_run >= kMinGluedLower) {
      out += ", ";
      split = true;  // one junction: the rest is an affiliation
    }
    lower_run = (c >= 'a' && c <= 'z') ? lower_run + 1 : 0;
    out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Site names: a text scrape has no og:site_name, but its chrome names the site.

// Marks of a copyright line (folded).
constexpr auto kCopyrightMarks =
    std::to_array<std::string_view>({"\xc2\xa9", "copyright", "(c)", "\xe2\x93\x92"});
// Ends of the owner's name in a copyright line (folded).
constexpr auto kCopyrightEnds = std::to_array<std::string_view>(
    {". ", " | ", "|", " \xc2\xb7 ", "\xc2\xb7", ",", " - ", " \xe2\x80\x93 ", "(", ";", " / ",
     "all rights", "alle rechte", "todos los derechos", "tous droits", "tutti i diritti"});
// Copyright lines are at most this long (a longer line is prose mentioning copyright).
constexpr std::size_t kMaxCopyrightLineChars = 200;
// A site name has at most this many words.
constexpr std::size_t kMaxSiteWords = 5;

/// True when `name` could be a site's name: 1-5 words, starts with a letter or digit, holds a
/// letter, no sentence end.
inline bool is_site_name(std::string_view name) {
  name = trim(name);
  if (name.empty() || char_count(name) > 48 || word_count(name) > kMaxSiteWords) return false;
  if (ends_sentence(name) && !name.ends_with(".")) return false;
  const char32_t first = first_code_point(name);
  if (!is_letter(first) && !(first >= '0' && first <= '9')) return false;
  if (first >= 'a' && first <= 'z' && name.find('.') == std::string_view::npos) return false;
  std::size_t pos = 0;
  while (pos < name.size()) {
    if (is_letter(next_code_point(name, pos))) return true;
  }
  return false;
}

/// The latest year a copyright line names ("© 2005\u20132019 The Site" -> 2019), or 0: the
/// year a scrape was taken, for datelines that leave it out ("Posted Nov 18, 8:19 PM").
inline int copyright_year(std::string_view line) {
  constexpr int kMinYear = 1995;
  constexpr int kMaxYear = 2035;
  const std::string_view t = trim(line);
  if (char_count(t) > kMaxCopyrightLineChars) return 0;
  const std::string folded = fold(t);
  std::size_t at = std::string::npos;
  for (const auto mark : kCopyrightMarks) {
    const auto hit = folded.find(mark);
    if (hit != std::string::npos && hit < at) at = hit;
  }
  if (at == std::string::npos) return 0;
  int best = 0;
  for (std::size_t i = at; i < folded.size();) {
    if (folded[i] < '0' || folded[i] > '9') {
      ++i;
      continue;
    }
    std::size_t j = i;
    int v = 0;
    while (j < folded.size() && folded[j] >= '0' && folded[j] <= '9') {
      if (j - i < 4) v = v * 10 + (folded[j] - '0');  // a year has four digits: no overflow
      ++j;
    }
    if (j - i == 4 && v >= kMinYear && v <= kMaxYear && v > best) best = v;
    i = j;
  }
  return best;
}

/// The owner named by a copyright line ("© 2019 The Washington Post. All rights reserved" ->
/// "The Washington Post", "Copyright © 2019, Los Angeles Times | Terms" -> "Los Angeles
/// Times"), or empty.
// NOLINTNEXTLINE(readability-function-cognitive-complexity): the owner's markers, in order
inline std::string copyright_owner(std::string_view line) {
  const std::string_view t = trim(line);
  if (char_count(t) > kMaxCopyrightLineChars) return {};
  const std::string folded = fold(t);
  if (folded.size() != t.size()) return {};  // keep offsets of the folded copy valid for `t`
  std::size_t at = std::string::npos;
  for (const auto mark : kCopyrightMarks) {
    const auto hit = folded.find(mark);
    if (hit != std::string::npos && hit < at) at = hit;
  }
  if (at == std::string::npos) return {};
  // A photo credit ("© Jane Doe") names no year and reserves no rights.
  bool year = false;
  for (std::size_t i = 0; i + 4 <= folded.size(); ++i) {
    year = year || ((folded.compare(i, 2, "19") == 0 || folded.compare(i, 2, "20") == 0) &&
                    folded[i + 2] >= '0' && folded[i + 2] <= '9' && folded[i + 3] >= '0' &&
                    folded[i + 3] <= '9');
  }
  if (!year && folded.find("rights") == std::string::npos &&
      folded.find("copyright") == std::string::npos) {
    return {};
  }
  // Skip the marks, years, year ranges and "by" after the first mark.
  std::size_t pos = at;
  while (pos < folded.size()) {
    const std::string_view rest = std::string_view(folded).substr(pos);
    bool skipped = false;
    for (const auto mark : kCopyrightMarks) {
      if (rest.starts_with(mark)) {
        pos += mark.size();
        skipped = true;
      }
    }
    if (rest.starts_with("by ")) {
      pos += 3;
      skipped = true;
    }
    const char c = folded[pos < folded.size() ? pos : 0];
    if (!skipped && pos < folded.size() &&
        ((c >= '0' && c <= '9') || c == ' ' || c == '-' || c == ',' || c == '.' || c == ':')) {
      ++pos;
      skipped = true;
    }
    if (!skipped && rest.starts_with("\xe2\x80\x93")) {  // "2005–2019"
      pos += 3;
      skipped = true;
    }
    if (!skipped) break;
  }
  std::size_t end = folded.size();
  for (const auto stop : kCopyrightEnds) {
    const auto hit = folded.find(stop, pos);
    if (hit != std::string::npos && hit < end) end = hit;
  }
  std::string_view name = trim(t.substr(pos, end - pos));
  // Drop a trailing period and company forms ("The New York Times Company", "CityAM. Limited").
  bool dropped = true;
  while (dropped && !name.empty()) {
    dropped = false;
    while (!name.empty() && (name.back() == '.' || name.back() == ' ' || name.back() == ',')) {
      name.remove_suffix(1);
    }
    const auto space = name.rfind(' ');
    if (space == std::string_view::npos) break;
    const std::string last = fold(name.substr(space + 1));
    const bool number = std::all_of(last.begin(), last.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == '-';
    });  // "Inexhibit 2019"
    if (number || last == "&" || last == "and" || meta::is_company_form(last)) {
      name = trim(name.substr(0, space));
      dropped = true;
    }
  }
  if (!is_site_name(name) || classify_chrome(name).first != Chrome::none) return {};
  return std::string(name);
}

// Separators before an outlet closing a byline or dateline ("... / 10:07 AM / CBS News").
constexpr auto kOutletSeparators = std::to_array<std::string_view>({" / ", " | "});
// The word before an outlet at the end of a byline ("Jane Doe, NJ Advance Media for NJ.com").
constexpr std::string_view kOutletFor = " for ";
// An outlet closing a credit line has at most this many words.
constexpr std::size_t kMaxOutletWords = 4;

/// The outlet a byline or dateline names last: "November 19, 2019 / 10:07 AM / CBS News" ->
/// "CBS News" (after a date), "Jane Doe | NJ Advance Media for NJ.com" -> "NJ.com"; else empty.
/// Every word of it starts with a capital or a digit.
inline std::string credit_outlet(std::string_view line) {
  const std::string_view t = trim(line);
  if (char_count(t) > kMaxMetaLineChars) return {};
  std::string_view name;
  std::size_t cut = std::string_view::npos;
  for (const auto sep : kOutletSeparators) {
    const auto at = t.rfind(sep);
    if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) {
      cut = at;
      name = t.substr(at + sep.size());
    }
  }
  // after a separator: only when a date or time comes before it
  if (cut != std::string_view::npos &&
      std::none_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(cut),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    name = {};
  }
  const auto for_at = t.rfind(kOutletFor);
  if (for_at != std::string_view::npos && (cut == std::string_view::npos || for_at > cut)) {
    name = t.substr(for_at + kOutletFor.size());
  }
  name = trim(name);
  if (name.empty() || word_count(name) > kMaxOutletWords || !is_site_name(name)) return {};
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return (c >= '0' && c <= '9') || c == ':'; })) {
    return {};  // a time, or a labelled field ("Topic: Hardware")
  }
  // every word capitalised ("CBS News", "NJ.com", "USA TODAY")
  for (std::size_t i = 0; i < name.size(); ++i) {
    if ((i == 0 || name[i - 1] == ' ') && !(name[i] >= 'A' && name[i] <= 'Z')) return {};
  }
  if (classify_chrome(name).first != Chrome::none) return {};
  return std::string(name);
}

// Chrome lines that name the site, as prefix + name ("Subscribe to The Paradigm", "About
// SFGATE", "Support The Guardian") or name + suffix ("Vox homepage", "Dawgs By Nature main
// menu"), compared folded.
constexpr auto kSitePrefixes = std::to_array<std::string_view>(
    {"follow ", "about ", "subscribe to ", "support ", "back to ", "search ", "advertise with ",
     "advertise on ", "contact ", "welcome to ", "work at ", "careers at ", "why you can trust ",
     "talk to ", "download the ", "watch ", "continue to ", "working at "});
constexpr auto kSiteSuffixes = std::to_array<std::string_view>(
    {" homepage", " main menu", " online", " newsletters", " newsletter", " home", " store",
     " shop", " navigation", " app"});

/// The site name a chrome line mentions by one of the templates above, or empty.
inline std::string site_mention(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty() || char_count(t) > kMaxMarkerChars) return {};
  while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.remove_suffix(1);
  const std::string folded = fold(t);
  if (folded.size() != t.size()) return {};
  std::size_t begin = 0;
  std::size_t end = t.size();
  for (const auto suffix : kSiteSuffixes) {
    if (folded.ends_with(suffix) && folded.size() > suffix.size()) {
      end = folded.size() - suffix.size();
      break;
    }
  }
  for (const auto prefix : kSitePrefixes) {
    if (folded.starts_with(prefix) && prefix.size() < end) {
      begin = prefix.size();
      break;
    }
  }
  if (begin == 0 && end == t.size()) return {};
  const std::string_view name = trim(t.substr(begin, end - begin));
  if (!is_site_name(name) || name.find("://") != std::string_view::npos) return {};
  const std::string name_folded = fold(name);
  for (const std::string_view generic :
       {"us",    "our",    "the",  "more",    "all",     "our team", "news",
        "home",  "search", "page", "top",     "gallery", "comments", "me",
        "email", "e-mail", "site", "website", "app",     "story"}) {
    if (name_folded == generic) return {};
  }
  // the name must not itself open with a template word ("Back To" from "Back To Home")
  for (const auto prefix : kSitePrefixes) {
    if ((name_folded + " ").starts_with(prefix)) return {};
  }
  if (classify_chrome(name).first != Chrome::none) return {};
  for (const std::string_view lead : {"our ", "your ", "all ", "more ", "this ", "a "}) {
    if (name_folded.starts_with(lead)) return {};
  }
  return std::string(name);
}

// A wire dateline's "(Agency) -" sits within this many bytes of the paragraph start.
constexpr std::size_t kMaxWireDatelineBytes = 80;

/// The agency of a wire dateline opening a paragraph ("LONDON, March 3 (Reuters) - ..." ->
/// "Reuters"): a capitalised name of at most three words in parentheses followed by a dash.
inline std::string wire_agency(std::string_view paragraph) {
  const std::string_view head =
      paragraph.substr(0, std::min(paragraph.size(), kMaxWireDatelineBytes));
  const auto open = head.find('(');
  if (open == std::string_view::npos) return {};
  const auto close = head.find(')', open);
  if (close == std::string_view::npos || close == open + 1) return {};
  const std::string_view name = head.substr(open + 1, close - open - 1);
  std::string_view after = paragraph.substr(close + 1);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  const bool dash = after.starts_with("-") || after.starts_with("\xe2\x80\x94") ||  // —
                    after.starts_with("\xe2\x80\x93");                              // –
  if (!dash || word_count(name) > 3 || !(name[0] >= 'A' && name[0] <= 'Z')) return {};
  if (std::any_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  return std::string(name);
}

/// A list marker at the start of a line: "- ", "* ", "• ", "1. ", "1) ".
struct ListMarker {
  bool found = false;
  bool ordered = false;
  int number = 0;
  std::size_t length = 0;  ///< bytes of the marker and the space after it
};

/// The list marker that starts a trimmed line, if any.
inline ListMarker list_marker(std::string_view t) {
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ') {
    return {.found = true, .length = 2};
  }
  if (t.starts_with("\xe2\x80\xa2")) {  // •
    std::size_t len = 3;
    while (len < t.size() && t[len] == ' ') ++len;
    return {.found = len > 3 || t.size() > 3, .length = len};
  }
  std::size_t i = 0;
  int number = 0;
  while (i < t.size() && i < 3 && t[i] >= '0' && t[i] <= '9') {
    number = number * 10 + (t[i] - '0');
    ++i;
  }
  if (i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ') {
    return {.found = true, .ordered = true, .number = number, .length = i + 2};
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Hard wraps (the rule normalize applies; the tokenizer reads it to see paragraphs)

// Hard-wrapped text is wrapped at least this wide (narrower runs are lists, menus, verse).
constexpr std::size_t kMinWrapWidth = 40;
// Hard-wrapped text is wrapped at most this wide (longer lines are unwrapped paragraphs).
constexpr std::size_t kMaxWrapWidth = 120;
// A wrapped line is at most this many characters shorter than the wrap width, except the last.
constexpr std::size_t kWrapSlack = 15;

/// What the hard-wrap rule needs of one line.
struct WrapLine {
  std::size_t chars = 0;
  std::size_t first_word = 0;  // characters of the first word
  bool starts_lower = false;
  bool ends_sentence = false;
};

/// Measures one line for the hard-wrap rule.
inline WrapLine measure(std::string_view text) {
  WrapLine line;
  line.chars = char_count(text);
  const auto space = text.find(' ');
  line.first_word = char_count(text.substr(0, space));
  const char32_t first = first_code_point(text);
  line.starts_lower = (first >= 'a' && first <= 'z') || (first >= 0xDF && first <= 0xFF) ||
                      (first >= 0x430 && first <= 0x44F);
  line.ends_sentence = ends_sentence(text);
  return line;
}

// Which of the breaks between `lines` are hard wraps (result[i]: between line i and i+1).
// A break is a wrap when the run looks fixed-width (several lines close to the widest) and the
// next line's first word would not have fitted on the line before; a sentence end followed by
// a capital stays a break. At least one break must continue lowercase: evidence of wrapping.
inline std::vector<bool> wrapped_breaks(const std::vector<WrapLine>& lines) {
  std::vector<bool> wraps(lines.empty() ? 0 : lines.size() - 1, false);
  if (lines.size() < 2) return wraps;
  std::size_t width = 0;
  for (const auto& line : lines) width = std::max(width, line.chars);
  if (width < kMinWrapWidth || width > kMaxWrapWidth) return wraps;
  std::size_t full = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].chars + kWrapSlack >= width) ++full;
  }
  if (full * 2 < lines.size() - 1) return wraps;
  bool evidence = false;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const bool no_room = lines[i].chars + 1 + lines[i + 1].first_word > width;
    const bool sentence_break = lines[i].ends_sentence && !lines[i + 1].starts_lower;
    wraps[i] = no_room && !sentence_break;
    evidence = evidence || (wraps[i] && lines[i + 1].starts_lower);
  }
  if (!evidence) std::fill(wraps.begin(), wraps.end(), false);
  return wraps;
}

// ---------------------------------------------------------------------------------------------
// Article region: a weight per line or block, and the densest run.

// Weights of the article-region search. Tuned together on the text benchmark.
// Characters of prose that count as one unit of evidence.
constexpr double kCharsPerPoint = 30.0;
// Prose shorter than this costs rather than gains.
constexpr double kBreakEvenChars = 45.0;
// Most one line can weigh (a huge line must not carry a page of menus with it).
constexpr double kMaxLineWeight = 25.0;
// Cost of a line that does not end a sentence (headlines, menu entries).
constexpr double kNoSentencePenalty = 1.5;
// Cost of a very short line (menu entry, label).
constexpr double kShortLineWeight = -1.0;
// Cost of a chrome line.
constexpr double kChromeWeight = -2.0;
// Cost of a section marker ("Related"): a barrier the article crosses only with prose after it.
constexpr double kSectionWeight = -4.0;
// Cost of a headline listed under a section marker (the marker already paid for the block).
constexpr double kListedWeight = -0.5;
// Cost of a footer marker (comments, site index): nearly a hard stop.
constexpr double kFooterWeight = -40.0;
// Cost of a heading or caption inside the article (neutral-ish, so they are kept inside).
constexpr double kInlineWeight = -0.3;
// Least weight of a list item (bullets are content: menus in scrapes carry none).
constexpr double kListItemFloor = -0.2;
// Cost of title and credit lines.
constexpr double kMetaWeight = -1.0;
// Cost of byline and dateline lines: inside a run of prose they mark a list of teasers (each
// with its author and date), never the article, whose own header sits above it.
constexpr double kAuthorDateWeight = -4.0;

/// The weight of a chrome line in the article-region search, or nullopt for Chrome::none
/// (the line is then weighed as prose, heading, list item...).
inline std::optional<double> chrome_weight(Chrome chrome) {
  switch (chrome) {
    case Chrome::section:
      return kSectionWeight;
    case Chrome::footer:
      return kFooterWeight;
    case Chrome::line:
      return kChromeWeight;
    case Chrome::none:
      break;
  }
  return std::nullopt;
}

/// True when a line is a teaser cut short ("... Active Noise Cancellat..."): listings, not prose.
inline bool is_truncated(std::string_view t) {
  return t.ends_with("...") || t.ends_with("\xe2\x80\xa6");  // "…"
}

// A glued headline is at least this many words before the junction.
constexpr std::size_t kMinGluedWords = 4;

/// True when a line is a Title Case headline glued to its teaser by innerText
/// ("Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left ..."):
/// a lowercase-to-uppercase junction after at least kMinGluedWords mostly capitalised words.
inline bool is_glued_headline(std::string_view t) {
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    const char a = t[i];
    const char b = t[i + 1];
    if (!(a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z')) continue;
    const char before = t[i - 1];
    if (!((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z'))) continue;
    // The head up to the junction: its words, and how many start uppercase.
    const std::string_view head = t.substr(0, i + 1);
    std::size_t words = 0;
    std::size_t capitals = 0;
    bool in_word = false;
    for (const char c : head) {
      const bool space = c == ' ';
      if (!space && !in_word) {
        ++words;
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '\'' ||
            static_cast<unsigned char>(c) >= 0x80) {
          ++capitals;
        }
      }
      in_word = !space;
    }
    return words >= kMinGluedWords && capitals * 4 >= words * 3;
  }
  return false;
}

// A text this long with this many sentence ends inside it is prose, whatever it ends with.
constexpr double kMinOpenProseChars = 300.0;
constexpr std::size_t kMinInnerSentenceEnds = 3;

/// How many sentence ends (a lower-case word, then '.', '!' or '?', a space and a capital)
/// `text` holds before its end; counts up to kMinInnerSentenceEnds. A menu's numbers ("1. Home
/// 2. News") are not sentences.
inline std::size_t inner_sentence_ends(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 1; i + 2 < text.size() && count < kMinInnerSentenceEnds; ++i) {
    const char c = text[i];
    const char before = text[i - 1];
    const char next = text[i + 2];
    if ((c == '.' || c == '!' || c == '?') && text[i + 1] == ' ' && before >= 'a' &&
        before <= 'z' && next >= 'A' && next <= 'Z') {
      ++count;
    }
  }
  return count;
}

/// Weight of a prose-ish line of text for the region search.
inline double text_weight(std::string_view text) {
  const std::string_view t = trim(text);
  const auto chars = static_cast<double>(char_count(t));
  if (chars < 20.0) return kShortLineWeight;
  double weight = std::min(kMaxLineWeight, (chars - kBreakEvenChars) / kCharsPerPoint);
  // A whole line in parentheses ("(Reporting by ...; Editing by ...)") is a closed note.
  const bool parenthesised = t.starts_with("(") && t.ends_with(")");
  // A long paragraph of several sentences is prose however it ends (a browser dump may cut
  // one where a line ended early; a quote may end with its speaker's name).
  const bool open_end =
      !ends_sentence(t) && last_code_point(strip_closers(t)) != ':' && !parenthesised &&
      (chars < kMinOpenProseChars || inner_sentence_ends(t) < kMinInnerSentenceEnds);
  if (open_end || is_truncated(t) || is_glued_headline(t)) {
    weight = std::min(weight, 1.0) - kNoSentencePenalty;
  }
  return weight;
}

// Prose seen before a footer marker that makes it the article's end (a comment count at the
// top of the page, before any prose, is not one).
constexpr double kMinProseBeforeFooter = 5.0;
// What prose after the article's footer is still worth (comments are prose too).
constexpr double kAfterFooterFactor = 0.25;

/// Discounts the positive weights after the first footer marker that ends a run of prose (the
/// running maximum-sum total is at least kMinProseBeforeFooter there).
inline void discount_after_footer(std::vector<double>& weights, const std::vector<bool>& footer) {
  double running = 0.0;
  bool after = false;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (footer[i] && running >= kMinProseBeforeFooter) after = true;
    if (after && weights[i] > 0.0) weights[i] *= kAfterFooterFactor;
    running = std::max(0.0, running + weights[i]);
  }
}

/// The densest run: the [first, last] index range of maximum total weight (Kadane), or
/// {1, 0} (empty) when nothing weighs positive.
inline std::pair<std::size_t, std::size_t> densest_run(const std::vector<double>& weights) {
  double best = 0.0;
  std::pair<std::size_t, std::size_t> range{1, 0};
  double sum = 0.0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (sum <= 0.0) {
      sum = 0.0;
      start = i;
    }
    sum += weights[i];
    if (sum > best) {
      best = sum;
      range = {start, i};
    }
  }
  return range;
}

}  // namespace clipdown::detail::text
