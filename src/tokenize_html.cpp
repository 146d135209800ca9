// The HTML tokenizer: libxml2 parses, one iterative walk turns the tree into blocks, a container
// summary and metadata hints, and the tree is freed before returning.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "clipdown/tokenize.hpp"
#include "extract_internal.hpp"
#include "libxml/doc.hpp"
#include "metadata_internal.hpp"
#include "text_rules.hpp"
#include "url.hpp"

namespace clipdown {

namespace {

// ---------------------------------------------------------------------------------------------
// Heuristics (named data). Class/id tokens are compared case-insensitively.
// ---------------------------------------------------------------------------------------------

// Class/id tokens of share bars, social buttons, sign-up and cookie boxes. A token hits when it
// equals an entry, starts with it followed by '-'/'_' ("share-tools") or ends with '-'/'_' and
// it ("post-share"); "shareable-quote" is not hit. Their subtrees are dropped, hints still read.
constexpr std::array<std::string_view, 12> kWidgetTokens = {
    "share",         "sharing",        "sharebar",
    "social",        "sharedaddy",     "addtoany",
    "share-buttons", "social-share",   "newsletter-signup",
    "cookie-banner", "cookie-consent", "cookie-notice"};

// Words that make a widget-like token an embedded post the article quotes ("social-media-embed"
// holds a tweet), not a share bar.
constexpr std::array<std::string_view, 1> kEmbedWords = {"embed"};

// The body of a hover card or tooltip ("rollover-people-block", "popover-body", "tooltip-inner")
// is hidden until the pointer rests on its link: a class token holding one of kPopupWords and
// ending in '-'/'_' plus one of kPopupParts is dropped as hidden. The trigger itself stays.
constexpr std::array<std::string_view, 4> kPopupWords = {"tooltip", "popover", "rollover",
                                                         "hovercard"};
constexpr std::array<std::string_view, 7> kPopupParts = {"block", "content", "body", "inner",
                                                         "card",  "box",     "panel"};

// Class/id tokens (whole tokens only) of reader-comment sections. Dropped, and no byline/date
// hints are read inside them (commenters are not authors).
constexpr std::array<std::string_view, 10> kCommentTokens = {
    "comments",           "comment-list",    "commentlist",   "comments-area",
    "comments-section",   "comment-respond", "disqus_thread", "comments-wrapper",
    "comments-container", "respond"};

// ARIA roles of page chrome, dropped anywhere.
constexpr std::array<std::string_view, 7> kChromeRoles = {
    "navigation", "complementary", "search", "dialog", "alertdialog", "menubar", "toolbar"};

// ARIA roles of page-level chrome, dropped only outside <article>/<main> (like <header>).
constexpr std::array<std::string_view, 2> kPageChromeRoles = {"banner", "contentinfo"};

// Roles that mark the main content: such an element is never dropped by class, role or hidden
// rules (saved pages may carry aria-hidden on the page behind a modal), and keeps its headers.
constexpr std::array<std::string_view, 2> kMainRoles = {"main", "article"};

// Class/id fragments of author elements ("byline", "article-author", "writer-name").
constexpr std::array<std::string_view, 4> kBylineWords = {"byline", "author", "writer",
                                                          "contributor"};

// Class/id fragments of publication-date elements ("post-date", "published", "dateline").
constexpr std::array<std::string_view, 5> kDatelineWords = {"date", "published", "timestamp",
                                                            "dateline", "posted"};

// Tokens containing "date" that do not mark a publication date.
constexpr std::array<std::string_view, 5> kNotDateWords = {"update", "validate", "candidate",
                                                           "mandate", "accommodate"};

// Short visible texts read as possible dates (html:shortdate): the first this many, of this many
// bytes, each after the text just before it when that is at most this long ("Updated:").
constexpr std::size_t kMaxShortDates = 6;
constexpr std::size_t kMinShortDateChars = 6;
constexpr std::size_t kMaxShortDateChars = 40;
constexpr std::size_t kMaxShortDateLabelChars = 24;
// A slashed date is read only when one of its day and month is over 12 and neither over 31, its
// year written in full and no earlier than this.
constexpr int kMonthsInYear = 12;
constexpr int kMaxDayOfMonth = 31;
constexpr int kMinSlashedYear = 1990;

// Visible bylines (html:visiblebyline): the first this many short texts that start with a byline
// prefix ("Written by Jane Roe", "By" then "Jane Roe" in the next element), of at most this many
// words.
constexpr std::size_t kMaxVisibleBylines = 3;
constexpr std::size_t kMaxVisibleBylineWords = 8;

// Fragments of image src values that are lazy-loading placeholders, not the picture.
constexpr std::array<std::string_view, 10> kPlaceholderSrc = {
    "placeholder", "blank.",  "spacer.", "pixel.", "transparent.",
    "lazy",        "loading", "1x1",     "grey.",  "gray."};

// Attributes that lazy-loading scripts read the real image address from, in order.
constexpr std::array<std::string_view, 4> kLazySrcAttributes = {"data-src", "data-original",
                                                                "data-lazy-src", "data-url"};

// Class prefixes naming a code block's language, most specific first.
constexpr std::array<std::string_view, 4> kLanguagePrefixes = {"highlight-source-", "language-",
                                                               "lang-", "highlight-"};

// Link schemes that are not destinations: such links become plain text.
constexpr std::array<std::string_view, 3> kDeadLinkSchemes = {"javascript", "vbscript", "data"};

// Longest short visible text accepted as an html:byline / html:dateline / time:text hint.
constexpr std::size_t kMaxBylineChars = 200;
// Longest itemprop / rel:author / html:h1 text accepted as a hint (longer: skipped, not cut).
constexpr std::size_t kMaxItempropChars = 300;
// Longest <title> text accepted.
constexpr std::size_t kMaxTitleChars = 1000;
// A table cell with more non-space text than this makes the table a layout table.
constexpr std::size_t kMaxDataCellChars = 400;

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

enum class Tag : std::uint8_t {
  other,
  a,
  address,
  article,
  aside,
  audio,
  b,
  base,
  blockquote,
  body,
  br,
  button,
  canvas,
  caption,
  center,
  cite,
  code,
  col,
  colgroup,
  datalist,
  dd,
  details,
  dialog,
  dir,
  div,
  dl,
  dt,
  em,
  embed,
  fieldset,
  figcaption,
  figure,
  footer,
  form,
  frameset,
  h1,
  h2,
  h3,
  h4,
  h5,
  h6,
  head,
  header,
  hgroup,
  hr,
  html,
  i,
  iframe,
  img,
  input,
  kbd,
  label,
  legend,
  li,
  link,
  main,
  map,
  math,
  menu,
  meta,
  nav,
  noscript,
  object,
  ol,
  optgroup,
  option,
  p,
  picture,
  pre,
  samp,
  script,
  section,
  select,
  source,
  strong,
  style,
  summary,
  svg,
  table,
  tbody,
  td,
  template_element,
  textarea,
  tfoot,
  th,
  thead,
  time,
  title,
  tr,
  tt,
  ul,
  video,
};

// Tag flags.
constexpr std::uint8_t kBlock = 1;      // block-level: a boundary between paragraphs
constexpr std::uint8_t kContainer = 2;  // recorded in Page::containers
constexpr std::uint8_t kSkip = 4;       // never content: dropped with its subtree
constexpr std::uint8_t kControl = 8;    // a form control: dropped with its subtree
constexpr std::uint8_t kLayout = 16;    // inside a table, makes it a layout table

struct TagInfo {
  std::string_view name;
  Tag tag;
  std::uint8_t flags;
};

// Every tag the tokenizer knows, sorted by name (binary search). Unknown tags are inline.
constexpr std::array kTags = {
    TagInfo{"a", Tag::a, 0},
    TagInfo{"address", Tag::address, kBlock},
    TagInfo{"article", Tag::article, kBlock | kContainer | kLayout},
    TagInfo{"aside", Tag::aside, kBlock | kContainer | kLayout},
    TagInfo{"audio", Tag::audio, kSkip},
    TagInfo{"b", Tag::b, 0},
    TagInfo{"base", Tag::base, 0},
    TagInfo{"blockquote", Tag::blockquote, kBlock | kLayout},
    TagInfo{"body", Tag::body, kBlock | kContainer},
    TagInfo{"br", Tag::br, 0},
    TagInfo{"button", Tag::button, kControl},
    TagInfo{"canvas", Tag::canvas, kSkip},
    TagInfo{"caption", Tag::caption, kBlock},
    TagInfo{"center", Tag::center, kBlock | kContainer},
    TagInfo{"cite", Tag::cite, 0},
    TagInfo{"code", Tag::code, 0},
    TagInfo{"col", Tag::col, 0},
    TagInfo{"colgroup", Tag::colgroup, 0},
    TagInfo{"datalist", Tag::datalist, kControl},
    TagInfo{"dd", Tag::dd, kBlock},
    TagInfo{"details", Tag::details, kBlock | kContainer},
    TagInfo{"dialog", Tag::dialog, kBlock},
    TagInfo{"dir", Tag::dir, kBlock | kLayout},
    TagInfo{"div", Tag::div, kBlock | kContainer},
    TagInfo{"dl", Tag::dl, kBlock | kLayout},
    TagInfo{"dt", Tag::dt, kBlock},
    TagInfo{"em", Tag::em, 0},
    TagInfo{"embed", Tag::embed, kSkip},
    TagInfo{"fieldset", Tag::fieldset, kBlock | kContainer},
    TagInfo{"figcaption", Tag::figcaption, kBlock},
    TagInfo{"figure", Tag::figure, kBlock | kContainer | kLayout},
    TagInfo{"footer", Tag::footer, kBlock | kContainer | kLayout},
    TagInfo{"form", Tag::form, kBlock | kContainer | kLayout},
    TagInfo{"frameset", Tag::frameset, kSkip},
    TagInfo{"h1", Tag::h1, kBlock | kLayout},
    TagInfo{"h2", Tag::h2, kBlock | kLayout},
    TagInfo{"h3", Tag::h3, kBlock | kLayout},
    TagInfo{"h4", Tag::h4, kBlock | kLayout},
    TagInfo{"h5", Tag::h5, kBlock | kLayout},
    TagInfo{"h6", Tag::h6, kBlock | kLayout},
    TagInfo{"head", Tag::head, 0},
    TagInfo{"header", Tag::header, kBlock | kContainer | kLayout},
    TagInfo{"hgroup", Tag::hgroup, kBlock},
    TagInfo{"hr", Tag::hr, kBlock},
    TagInfo{"html", Tag::html, 0},
    TagInfo{"i", Tag::i, 0},
    TagInfo{"iframe", Tag::iframe, kSkip},
    TagInfo{"img", Tag::img, 0},
    TagInfo{"input", Tag::input, kControl},
    TagInfo{"kbd", Tag::kbd, 0},
    TagInfo{"label", Tag::label, kControl},
    TagInfo{"legend", Tag::legend, kBlock},
    TagInfo{"li", Tag::li, kBlock},
    TagInfo{"link", Tag::link, 0},
    TagInfo{"main", Tag::main, kBlock | kContainer | kLayout},
    TagInfo{"map", Tag::map, kSkip},
    TagInfo{"math", Tag::math, kSkip},
    TagInfo{"menu", Tag::menu, kBlock | kLayout},
    TagInfo{"meta", Tag::meta, 0},
    TagInfo{"nav", Tag::nav, kBlock | kContainer | kLayout},
    TagInfo{"noscript", Tag::noscript, kSkip},
    TagInfo{"object", Tag::object, kSkip},
    TagInfo{"ol", Tag::ol, kBlock | kLayout},
    TagInfo{"optgroup", Tag::optgroup, kControl},
    TagInfo{"option", Tag::option, kControl},
    TagInfo{"p", Tag::p, kBlock | kLayout},
    TagInfo{"picture", Tag::picture, 0},
    TagInfo{"pre", Tag::pre, kBlock | kLayout},
    TagInfo{"samp", Tag::samp, 0},
    TagInfo{"script", Tag::script, kSkip},
    TagInfo{"section", Tag::section, kBlock | kContainer | kLayout},
    TagInfo{"select", Tag::select, kControl},
    TagInfo{"source", Tag::source, 0},
    TagInfo{"strong", Tag::strong, 0},
    TagInfo{"style", Tag::style, kSkip},
    TagInfo{"summary", Tag::summary, kBlock},
    TagInfo{"svg", Tag::svg, kSkip},
    TagInfo{"table", Tag::table, kBlock | kContainer | kLayout},
    TagInfo{"tbody", Tag::tbody, kBlock},
    TagInfo{"td", Tag::td, kBlock | kContainer},
    TagInfo{"template", Tag::template_element, kSkip},
    TagInfo{"textarea", Tag::textarea, kControl},
    TagInfo{"tfoot", Tag::tfoot, kBlock},
    TagInfo{"th", Tag::th, kBlock | kContainer},
    TagInfo{"thead", Tag::thead, kBlock},
    TagInfo{"time", Tag::time, 0},
    TagInfo{"title", Tag::title, 0},
    TagInfo{"tr", Tag::tr, kBlock},
    TagInfo{"tt", Tag::tt, 0},
    TagInfo{"ul", Tag::ul, kBlock | kLayout},
    TagInfo{"video", Tag::video, kSkip},
};
static_assert(std::is_sorted(kTags.begin(), kTags.end(),
                             [](const TagInfo& x, const TagInfo& y) { return x.name < y.name; }));

constexpr TagInfo kUnknownTag{"", Tag::other, 0};

const TagInfo& tag_info(std::string_view name) {
  const auto* it =
      std::lower_bound(kTags.begin(), kTags.end(), name,
                       [](const TagInfo& t, std::string_view n) { return t.name < n; });
  return it != kTags.end() && it->name == name ? *it : kUnknownTag;
}

int heading_level(Tag tag) {
  switch (tag) {
    case Tag::h1:
      return 1;
    case Tag::h2:
      return 2;
    case Tag::h3:
      return 3;
    case Tag::h4:
      return 4;
    case Tag::h5:
      return 5;
    case Tag::h6:
      return 6;
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Small string helpers (ASCII case folding; page text is UTF-8 and passes through untouched)
// ---------------------------------------------------------------------------------------------

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Characters of `text` that are not white space.
std::size_t visible_chars(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_space(c); }));
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view s) {
  std::string out{s};
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != b[i]) return false;
  }
  return true;
}

/// Case-insensitive search of a lowercase `needle` in `hay`.
bool icontains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Calls `f(token)` for each white-space separated token of `s`.
template <typename F>
void for_each_token(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) f(s.substr(start, i - start));
  }
}

/// White space runs become one space; leading and trailing white space goes.
std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

bool is_sep(char c) {
  return c == '-' || c == '_';
}

/// Whether a class/id token names a widget entry (whole token, or prefix/suffix at '-'/'_').
bool widget_token(std::string_view token) {
  if (std::ranges::any_of(kEmbedWords,
                          [token](std::string_view word) { return icontains(token, word); })) {
    return false;
  }
  return std::ranges::any_of(kWidgetTokens, [token](std::string_view entry) {
    if (token.size() < entry.size()) return false;
    if (token.size() == entry.size()) return iequals(token, entry);
    if (is_sep(token[entry.size()]) && iequals(token.substr(0, entry.size()), entry)) return true;
    const std::size_t tail = token.size() - entry.size();
    return is_sep(token[tail - 1]) && iequals(token.substr(tail), entry);
  });
}

/// Whether a class token names the hidden body of a hover card or tooltip.
bool popup_token(std::string_view token) {
  if (std::none_of(kPopupWords.begin(), kPopupWords.end(),
                   [token](std::string_view w) { return icontains(token, w); })) {
    return false;
  }
  return std::any_of(kPopupParts.begin(), kPopupParts.end(), [token](std::string_view part) {
    return token.size() > part.size() + 1 && is_sep(token[token.size() - part.size() - 1]) &&
           iequals(token.substr(token.size() - part.size()), part);
  });
}

bool comment_token(std::string_view token) {
  return std::any_of(kCommentTokens.begin(), kCommentTokens.end(),
                     [token](std::string_view e) { return iequals(token, e); });
}

bool byline_token(std::string_view token) {
  return std::any_of(kBylineWords.begin(), kBylineWords.end(),
                     [token](std::string_view w) { return icontains(token, w); });
}

bool dateline_token(std::string_view token) {
  const auto has = [token](std::string_view w) { return icontains(token, w); };
  return std::any_of(kDatelineWords.begin(), kDatelineWords.end(), has) &&
         std::none_of(kNotDateWords.begin(), kNotDateWords.end(), has);
}

// What one class or id token says about its element, as bits of token_says().
constexpr std::uint8_t kSaysWidget = 1;    // widget_token or comment_token
constexpr std::uint8_t kSaysPopup = 2;     // popup_token
constexpr std::uint8_t kSaysByline = 4;    // byline_token
constexpr std::uint8_t kSaysDateline = 8;  // dateline_token

std::uint8_t token_says(std::string_view token) {
  std::uint8_t says = 0;
  if (widget_token(token) || comment_token(token)) says |= kSaysWidget;
  if (popup_token(token)) says |= kSaysPopup;
  if (byline_token(token)) says |= kSaysByline;
  if (dateline_token(token)) says |= kSaysDateline;
  return says;
}

template <std::size_t N>
bool in_table(const std::array<std::string_view, N>& table, std::string_view value) {
  return std::any_of(table.begin(), table.end(),
                     [value](std::string_view e) { return iequals(value, e); });
}

/// The first candidate URL of a srcset ("a.jpg 1x, b.jpg 2x" -> "a.jpg").
std::string_view first_srcset_candidate(std::string_view srcset) {
  srcset = trim(srcset);
  std::size_t end = 0;
  while (end < srcset.size() && !is_space(srcset[end])) ++end;
  std::string_view url = srcset.substr(0, end);
  if (!url.empty() && url.back() == ',') url.remove_suffix(1);
  return url;
}

bool is_placeholder_src(std::string_view src) {
  src = trim(src);
  if (src.empty() || src.starts_with("data:")) return true;
  return std::any_of(kPlaceholderSrc.begin(), kPlaceholderSrc.end(),
                     [src](std::string_view p) { return icontains(src, p); });
}

/// The language named by a code element's classes ("language-cpp" -> "cpp"); empty if none.
std::string code_language(std::string_view classes) {
  std::string out;
  for_each_token(classes, [&out](std::string_view t) {
    for (const std::string_view prefix : kLanguagePrefixes) {
      if (out.empty() && t.size() > prefix.size() && iequals(t.substr(0, prefix.size()), prefix)) {
        out = lowercase(t.substr(prefix.size()));
      }
    }
  });
  return out;
}

int parse_int(std::string_view s, int fallback) {
  s = trim(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() < '0' || s.front() > '9') return fallback;
  int value = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') break;
    if (value > 100'000'000) return fallback;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

/// Whether an inline style hides the element ("display: none", "visibility:hidden").
bool style_hides(std::string_view style) {
  if (style.empty()) return false;
  std::string squeezed;
  squeezed.reserve(style.size());
  for (const char c : style) {
    if (!is_space(c)) squeezed += lower(c);
  }
  return squeezed.find("display:none") != std::string::npos ||
         squeezed.find("visibility:hidden") != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// Attributes of one element, read in one pass
// ---------------------------------------------------------------------------------------------

struct Attrs {
  std::string_view cls, id, role, itemprop, itemtype, style, aria_hidden, href, src, alt, datetime,
      content, name, property, rel, type, lang, start, value, srcset, data_srcset, width, height;
  std::array<std::string_view, kLazySrcAttributes.size()> lazy{};
  bool hidden = false;
  [[nodiscard]] bool any_class_or_id() const { return !cls.empty() || !id.empty(); }
};

Attrs read_attrs(const xmlNode* node) {
  Attrs a;
  for (const xmlAttr* p = node->properties; p != nullptr; p = p->next) {
    const std::string_view name = libxml::view(p->name);
    const std::string_view v =
        p->children != nullptr ? libxml::view(p->children->content) : std::string_view{};
    if (name == "class")
      a.cls = v;
    else if (name == "id")
      a.id = v;
    else if (name == "role")
      a.role = v;
    else if (name == "itemprop")
      a.itemprop = v;
    else if (name == "itemtype")
      a.itemtype = v;
    else if (name == "style")
      a.style = v;
    else if (name == "aria-hidden")
      a.aria_hidden = v;
    else if (name == "href")
      a.href = v;
    else if (name == "src")
      a.src = v;
    else if (name == "alt")
      a.alt = v;
    else if (name == "datetime")
      a.datetime = v;
    else if (name == "content")
      a.content = v;
    else if (name == "name")
      a.name = v;
    else if (name == "property")
      a.property = v;
    else if (name == "rel")
      a.rel = v;
    else if (name == "type")
      a.type = v;
    else if (name == "lang")
      a.lang = v;
    else if (name == "start")
      a.start = v;
    else if (name == "value")
      a.value = v;
    else if (name == "srcset")
      a.srcset = v;
    else if (name == "data-srcset")
      a.data_srcset = v;
    else if (name == "width")
      a.width = v;
    else if (name == "height")
      a.height = v;
    else if (name == "hidden")
      a.hidden = true;
    else {
      for (std::size_t i = 0; i < kLazySrcAttributes.size(); ++i) {
        if (name == kLazySrcAttributes.at(i)) a.lazy.at(i) = v;
      }
    }
  }
  return a;
}

/// Container hints: class tokens, id, role, itemprop tokens, itemtype tails; lowercased.
std::string container_hints(const Attrs& a) {
  std::string out;
  const auto add = [&out](std::string_view token) {
    if (token.empty()) return;
    if (!out.empty()) out += ' ';
    for (const char c : token) out += lower(c);
  };
  for_each_token(a.cls, add);
  add(trim(a.id));
  for_each_token(a.role, add);
  for_each_token(a.itemprop, add);
  for_each_token(a.itemtype, [&add](std::string_view type) {
    while (!type.empty() && (type.back() == '/' || type.back() == '#')) type.remove_suffix(1);
    const std::size_t cut = type.find_last_of("/#");
    add(cut == std::string_view::npos ? type : type.substr(cut + 1));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inline content builder: spans with browser-like white-space collapsing
// ---------------------------------------------------------------------------------------------

bool same_style(const Span& a, const Span& b) {
  return a.kind == b.kind && a.kind != SpanKind::image && a.kind != SpanKind::line_break &&
         a.url == b.url && a.emphasis == b.emphasis && a.strong == b.strong;
}

class InlineBuilder {
 public:
  /// Appends text in the style of `proto`, collapsing white space.
  void text(std::string_view s, const Span& proto) {
    std::size_t i = 0;
    while (i < s.size()) {
      if (is_space(s[i])) {
        soft_break();
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && !is_space(s[j])) ++j;
      word(s.substr(i, j - i), proto);
      i = j;
    }
  }
  /// A hard line break (ignored at the start of a block).
  void line_break() {
    pending_space_ = false;
    if (!spans_.empty()) spans_.push_back(Span{.kind = SpanKind::line_break});
  }
  /// An inline image.
  void image(std::string url, std::string alt) {
    if (pending_space_) place_space(Span{.kind = SpanKind::image});
    pending_space_ = false;
    spans_.push_back(Span{.kind = SpanKind::image, .text = std::move(alt), .url = std::move(url)});
  }
  /// White space (or a soft boundary): one space if more content follows.
  void soft_break() {
    if (!spans_.empty() && spans_.back().kind != SpanKind::line_break) pending_space_ = true;
  }
  [[nodiscard]] bool empty() const { return spans_.empty(); }
  /// The spans so far (trailing line breaks dropped); the builder is empty afterwards.
  std::vector<Span> take() {
    pending_space_ = false;
    while (!spans_.empty() && spans_.back().kind == SpanKind::line_break) spans_.pop_back();
    std::vector<Span> out;
    out.swap(spans_);
    return out;
  }

 private:
  void word(std::string_view w, const Span& proto) {
    if (pending_space_) place_space(proto);
    pending_space_ = false;
    if (!spans_.empty() && same_style(spans_.back(), proto)) {
      spans_.back().text.append(w);
      return;
    }
    Span span = proto;
    span.text.assign(w);
    spans_.push_back(std::move(span));
  }
  /// Puts a pending space where Markdown wants it: inside a run of one style, else in plain text.
  void place_space(const Span& next) {
    Span& last = spans_.back();
    if (same_style(last, next) || last.kind == SpanKind::text) {
      last.text += ' ';
    } else {
      spans_.push_back(Span{.text = " "});
    }
  }

  std::vector<Span> spans_;
  bool pending_space_ = false;
};

bool only_images(const std::vector<Span>& spans) {
  bool image = false;
  for (const Span& s : spans) {
    if (s.kind == SpanKind::image) {
      image = true;
    } else if (s.kind != SpanKind::line_break && !trim(s.text).empty()) {
      return false;
    }
  }
  return image;
}

// ---------------------------------------------------------------------------------------------
// Layout-table detection: one scan of an outermost table's subtree classifies it and every
// table inside it (each node is scanned once, so the whole tokenizer stays linear).
// ---------------------------------------------------------------------------------------------

class TableScan {
 public:
  explicit TableScan(std::unordered_map<const xmlNode*, bool>& data_tables)
      : data_tables_(data_tables) {}

  bool enter(xmlNode* node) {
    if (node->type == XML_TEXT_NODE) {
      if (!stack_.empty()) {
        stack_.back().cell_chars += visible_chars(libxml::view(node->content));
        if (stack_.back().cell_chars > kMaxDataCellChars) stack_.back().layout = true;
      }
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    const TagInfo& info = tag_info(libxml::view(node->name));
    if ((info.flags & (kSkip | kControl)) != 0) return false;
    if (info.tag == Tag::table) {
      if (!stack_.empty()) stack_.back().layout = true;
      const std::string_view role = libxml::attribute(node, "role");
      stack_.push_back(
          Scan{.node = node, .layout = iequals(role, "presentation") || iequals(role, "none")});
      return true;
    }
    if (stack_.empty()) return true;
    Scan& top = stack_.back();
    if (info.tag == Tag::tr) {
      ++top.rows;
      top.cells = 0;
    } else if (info.tag == Tag::td || info.tag == Tag::th) {
      top.max_cells = std::max(top.max_cells, ++top.cells);
      top.cell_chars = 0;
    } else if ((info.flags & kLayout) != 0) {
      top.layout = true;
    }
    return true;
  }

  void exit(xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE || stack_.empty() || stack_.back().node != node) return;
    const Scan& s = stack_.back();
    data_tables_[node] = !s.layout && s.rows >= 2 && s.max_cells >= 2;
    stack_.pop_back();
  }

 private:
  struct Scan {
    const xmlNode* node = nullptr;
    bool layout = false;
    int rows = 0;
    int cells = 0;
    int max_cells = 0;
    std::size_t cell_chars = 0;
  };
  std::unordered_map<const xmlNode*, bool>& data_tables_;
  std::vector<Scan> stack_;
};

// ---------------------------------------------------------------------------------------------
// The tokenizer proper
// ---------------------------------------------------------------------------------------------

/// Why a subtree was dropped, for the one summary diagnostic.
enum class Drop : std::uint8_t { never_content, control, chrome_tag, hidden, chrome_role, widget };
constexpr std::array<std::string_view, 6> kDropNames = {
    "script/style/embed", "form control",        "nav/aside/header/footer", "hidden",
    "chrome role",        "share/comment widget"};

/// What a block-level element opened, deciding the kind of the blocks flushed inside it.
enum class Ctx : std::uint8_t {
  paragraph,
  heading,
  list_item,
  quote,
  caption,
  table,
  cell,
  table_caption
};

struct BlockCtx {
  Ctx kind = Ctx::paragraph;
  BlockKind out = BlockKind::paragraph;  ///< kind of the blocks it flushes
  int level = 0;
  bool ordered = false;
  int number = 0;
  std::uint32_t list = 0;
  bool broken = false;  ///< content was flushed early by a block child
};

struct ListState {
  bool ordered = false;
  int next = 1;
  std::uint32_t id = 0;
};

struct TableBuild {
  std::vector<Row> rows;
  std::vector<bool> header_row;  ///< every cell so far is a <th>
  int thead_rows = 0;
  int in_thead = 0;
  std::vector<Span> caption;
};

/// What entering an element changed, undone on exit.
struct Frame {
  Tag tag = Tag::other;
  bool suppress = false;
  bool no_hints = false;
  bool container = false;
  bool boundary = false;
  bool soft = false;
  bool ctx = false;
  bool em = false;
  bool term = false;  ///< a <dt>: a definition's term
  bool strong = false;
  bool code = false;
  bool link = false;
  bool permalink = false;
  bool person = false;
  bool rescued = false;
  bool header = false;
  bool list = false;
  bool pre = false;
  bool quote = false;
  bool article = false;
  bool picture = false;
  bool data_table = false;
  bool thead = false;
  std::uint8_t captures = 0;
};

/// A hint whose value is the visible text of an element, filled in on exit.
struct Capture {
  std::size_t hint = 0;
  std::size_t start = 0;
  std::size_t max_chars = 0;
  BlockRole role = BlockRole::body;  ///< role given to the element's blocks when accepted
  std::size_t first_block = 0;
  /// The suppression depth the element is read at: text deeper inside the outermost capture is
  /// hidden or dropped, none of the element's own.
  int suppress = 0;
};

/// What a tokenizer pass reads that a first pass drops.
struct Reading {
  bool noscript = false;
  std::unordered_set<const xmlNode*> regions;
  /// The page shows no text of its own beside the regions: a comment widget read after all is
  /// read whole, its comments (dropped as widgets again one by one) included.
  bool whole_threads = false;
};

class Tokenizer {
 public:
  /// With `read.noscript`, <noscript> content (markup: the parser runs with scripting off) is
  /// read as the page's content instead of being dropped; so are the `read.regions`, subtrees
  /// that a first pass dropped as chrome or hidden.
  Tokenizer(Page& page, const Reading& read) : page_(page), read_(read) {
    page_.containers.push_back(Container{});
    container_stack_.push_back(0);
  }

  bool enter(xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      on_text(libxml::view(node->content));
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    frames_.emplace_back();
    return enter_element(node, frames_.back());
  }

  void exit(xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return;
    exit_element(node, frames_.back());
    frames_.pop_back();
  }

  void finish(const TokenizeOptions& options);

  /// The <noscript> elements dropped so far (none when they were read).
  [[nodiscard]] const std::vector<xmlNode*>& noscripts() const { return noscripts_; }
  /// The outermost subtrees dropped as chrome or hidden (not scripts or form controls), with
  /// the reason.
  [[nodiscard]] const std::vector<std::pair<xmlNode*, Drop>>& dropped_regions() const {
    return dropped_regions_;
  }

 private:
  bool enter_element(xmlNode* node, Frame& f);
  bool enter_table_part(Tag tag, Frame& f);
  bool enter_inline(Tag tag, const Attrs& a, Frame& f);
  void exit_element(xmlNode* node, Frame& f);
  void finish_pre();
  void close_block(const Frame& f);
  void finish_table();
  bool drop_reason(const TagInfo& info, const Attrs& a, Drop& reason) const;
  void collect_hints(xmlNode* node, const TagInfo& info, const Attrs& a, Frame& f);
  void collect_body_hints(const TagInfo& info, const Attrs& a, Frame& f);
  void enter_content(xmlNode* node, const TagInfo& info, const Attrs& a, Frame& f);
  void enter_pre_content(Tag tag, const Attrs& a);
  bool is_data_table(xmlNode* node);
  void open_container(const TagInfo& info, const Attrs& a, Frame& f);
  void enter_block(Tag tag, const Attrs& a, bool data_table, Frame& f);
  void open_paragraph(Frame& f);
  void open_list_item(const Attrs& a, Frame& f);
  void on_text(std::string_view s);
  void emit_text(std::string_view s, const Span& proto);
  void end_permalink();
  bool read_after_all(xmlNode* node, Drop reason, Frame& f);
  void note_landmarks(const TagInfo& info, const Attrs& a, Frame& f);
  [[nodiscard]] std::string itemprop_key(std::string_view prop) const;
  void note_short_date(std::string_view s);
  void note_visible_byline(std::string_view s);
  void drop_late_bylines();
  void on_image(const Attrs& a);
  void flush();
  void emit(Block block);
  void push_ctx(BlockCtx ctx, Frame& f) {
    ctx_.push_back(ctx);
    f.ctx = true;
  }
  [[nodiscard]] bool absorbs(Tag tag) const;
  void begin_capture(std::string key, std::size_t max_chars, BlockRole role, Frame& f);
  void end_capture();
  void add_hint(std::string key, std::string_view value) {
    const std::string_view v = trim(value);
    if (!v.empty()) page_.hints.push_back(MetaHint{std::move(key), std::string{v}});
  }
  [[nodiscard]] Span style() const;
  /// token_says(token), worked out once per distinct token of the page: a template repeats a
  /// few hundred class tokens on thousands of elements. Keys view the tree's attribute text,
  /// which outlives the tokenizer.
  std::uint8_t says(std::string_view token) const {
    const auto [at, added] = token_says_.try_emplace(token, 0);
    if (added) at->second = token_says(token);
    return at->second;
  }
  /// The bits of token_says over the class tokens and the id.
  std::uint8_t says_any(const Attrs& a) const {
    std::uint8_t bits = 0;
    for_each_token(a.cls, [&](std::string_view t) { bits |= says(t); });
    const std::string_view id = trim(a.id);
    if (!id.empty()) bits |= static_cast<std::uint8_t>(says(id) & ~kSaysPopup);
    return bits;
  }
  [[nodiscard]] bool in_data_table_structure() const {
    return !ctx_.empty() && ctx_.back().kind == Ctx::table;
  }

  Page& page_;
  const Reading& read_;
  std::vector<xmlNode*> noscripts_;
  std::vector<std::pair<xmlNode*, Drop>> dropped_regions_;
  std::vector<Frame> frames_;
  std::vector<BlockCtx> ctx_;
  std::vector<std::uint32_t> container_stack_;
  std::vector<ListState> lists_;
  std::vector<std::string> links_;
  std::vector<TableBuild> tables_;
  std::vector<Capture> captures_;
  std::unordered_map<const xmlNode*, bool> data_tables_;
  mutable std::unordered_map<std::string_view, std::uint8_t> token_says_;
  InlineBuilder inline_;
  std::string capture_text_;
  std::string pre_text_;
  std::string pre_info_;
  std::string picture_src_;
  bool picture_img_ = false;
  int suppress_ = 0;
  int no_hints_ = 0;
  std::size_t short_dates_ = 0;
  std::size_t visible_bylines_ = 0;
  std::size_t visible_chars_ = 0;  ///< bytes of visible text so far
  /// html:visiblebyline hints and how much visible text came before each
  std::vector<std::pair<std::size_t, std::size_t>> visible_byline_at_;
  std::string byline_label_;  ///< a bare "By" or "Written by" waiting for the name after it
  /// the last short text, copied: texts held back (a heading's permalink words)
  /// are emitted from buffers that are gone by the next text
  std::string previous_short_;
  int em_ = 0;
  int term_ = 0;               ///< inside a <dt>
  std::vector<Drop> rescued_;  ///< why each enclosing region read after all was dropped
  int person_ = 0;  ///< inside an itemprop=author item: its itemprop=name is the author's name
  bool permalink_ = false;  ///< inside a heading's link to itself: text waits in permalink_text_
  std::vector<std::pair<std::string, Span>> permalink_text_;
  std::size_t permalink_capture_start_ = 0;  ///< capture_text_'s size where the permalink began
  int strong_ = 0;
  int code_ = 0;
  int pre_ = 0;
  int quote_depth_ = 0;
  int article_ = 0;
  int in_header_ = 0;
  std::uint32_t next_list_id_ = 1;
  bool title_marked_ = false;
  std::array<int, kDropNames.size()> drops_{};
  std::string base_href_;
  std::string og_url_;
  std::string canonical_;
};

/// The text of a permalink ("¶", "#", "§", "🔗", "↩"): no letter or digit, only punctuation,
/// symbols and pictographs; not a footnote's marker ("*", "†", "‡").
bool is_permalink_mark(std::string_view s) {
  const std::string_view t = trim(s);
  if (t == "*" || t == "\u2020" || t == "\u2021") return false;
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = detail::text::next_code_point(s, pos);
    const bool ascii_word =
        (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    const bool symbol = cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || cp >= 0x1F000;
    if (ascii_word || !symbol) return false;
  }
  return true;
}

Span Tokenizer::style() const {
  Span s;
  if (!links_.empty() && !links_.back().empty()) {
    s.kind = SpanKind::link;
    s.url = links_.back();
    s.emphasis = em_ > 0;
    s.strong = strong_ > 0;
  } else if (code_ > 0) {
    s.kind = SpanKind::code;
    s.emphasis = em_ > 0;
    s.strong = strong_ > 0;
  } else if (strong_ > 0) {
    s.kind = SpanKind::strong;
  } else if (em_ > 0) {
    s.kind = SpanKind::emphasis;
  }
  return s;
}

void Tokenizer::on_text(std::string_view s) {
  // Captures (a <time>'s text, the h1) see text as it comes, a permalink's too: a capture may
  // end inside the link. Text the page hides or drops inside the element is none of its own (a
  // bookmark widget's hidden tooltip inside an h1).
  if (!captures_.empty() && suppress_ <= captures_.front().suppress) capture_text_.append(s);
  if (permalink_) {
    permalink_text_.emplace_back(s, style());
    return;
  }
  emit_text(s, style());
}

/// A heading's link to itself ends: a bare mark ("¶", "#") is dropped, words are kept as text.
void Tokenizer::end_permalink() {
  permalink_ = false;
  std::string all;
  for (const auto& [text, proto] : permalink_text_) all += text;
  if (!is_permalink_mark(all)) {
    for (const auto& [text, proto] : permalink_text_) emit_text(text, proto);
  } else if (!captures_.empty() && capture_text_.size() >= permalink_capture_start_) {
    capture_text_.resize(permalink_capture_start_);  // "Guide¶" is captured as "Guide"
  }
  permalink_text_.clear();
}

void Tokenizer::emit_text(std::string_view s, const Span& proto) {
  // a page header dropped as chrome still dates the page ("<header><h1>..</h1><p>Dec 26, 2025")
  if (no_hints_ == 0 && short_dates_ < kMaxShortDates && (suppress_ == 0 || in_header_ > 0)) {
    note_short_date(s);
  }
  if (suppress_ > 0) return;
  if (no_hints_ == 0 && visible_bylines_ < kMaxVisibleBylines) note_visible_byline(s);
  if (pre_ > 0) {
    pre_text_.append(s);
    return;
  }
  inline_.text(s, proto);
}

/// Whether `t` holds a slashed date "D/M/YYYY" or "M/D/YYYY" whose order no reader can doubt:
/// one of its first two numbers is over 12 ("15/12/2025", "10/31/2024").
bool unambiguous_slashed_date(std::string_view t) {
  const auto number_at = [t](std::size_t& i) {
    int n = 0;
    std::size_t digits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9' && digits < 5; ++i, ++digits) {
      n = n * 10 + (t[i] - '0');
    }
    return digits == 0 ? -1 : n;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9' || (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9')) continue;
    std::size_t j = i;
    const int a = number_at(j);
    if (j >= t.size() || t[j] != '/') continue;
    ++j;
    const int b = number_at(j);
    if (j >= t.size() || t[j] != '/') continue;
    ++j;
    const std::size_t year_start = j;
    const int year = number_at(j);
    if (j - year_start != 4 || year < kMinSlashedYear) continue;
    if (a >= 1 && b >= 1 && a <= kMaxDayOfMonth && b <= kMaxDayOfMonth &&
        (a > kMonthsInYear) != (b > kMonthsInYear)) {
      return true;
    }
  }
  return false;
}

// A short visible text holding a year ("Oct 20, 2025", "23.07.2025") may be the page's date where
// no element names it: the first few go to metadata as html:shortdate, each after the short text
// just before it ("Updated:", "Published"), which says what the date is.
void Tokenizer::note_short_date(std::string_view s) {
  const std::string_view t = trim(s);
  if (t.empty()) return;
  const bool year = [t] {
    for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
      const bool digits = std::all_of(t.begin() + static_cast<std::ptrdiff_t>(i),
                                      t.begin() + static_cast<std::ptrdiff_t>(i + 4),
                                      [](char c) { return c >= '0' && c <= '9'; });
      const bool alone = (i == 0 || t[i - 1] < '0' || t[i - 1] > '9') &&
                         (i + 4 == t.size() || t[i + 4] < '0' || t[i + 4] > '9');
      if (digits && alone && (t.substr(i, 2) == "19" || t.substr(i, 2) == "20")) return true;
    }
    return false;
  }();
  // Slashed dates are left out where ambiguous: "05/10/2018" is May or October by the reader's
  // country, "15/12/2025" is December everywhere.
  if (year && t.size() >= kMinShortDateChars && t.size() <= kMaxShortDateChars &&
      (t.find('/') == std::string_view::npos || unambiguous_slashed_date(t))) {
    add_hint("html:shortdate",
             previous_short_.empty() ? std::string(t) : fmt::format("{} {}", previous_short_, t));
    ++short_dates_;
  }
  previous_short_.assign(t.size() <= kMaxShortDateLabelChars ? t : std::string_view());
}

// A short visible text that starts with a byline prefix credits the page's author where no
// element's class names a byline: "Written by Jane Roe", or "By" alone with the name in the next
// text ("By <a>Jane Roe</a>"). Prefixes inside a sentence and long texts are not bylines.
void Tokenizer::note_visible_byline(std::string_view s) {
  const std::string_view t = trim(s);
  visible_chars_ += t.size();
  if (t.empty()) return;
  const std::size_t words = meta::word_count(t);
  const auto credit = [this](std::string_view value) {
    visible_byline_at_.emplace_back(page_.hints.size(), visible_chars_);
    add_hint("html:visiblebyline", value);
    ++visible_bylines_;
  };
  if (!byline_label_.empty()) {
    bool letters = false;
    for (std::size_t pos = 0; pos < t.size() && !letters;) {
      letters = detail::text::is_letter(detail::text::next_code_point(t, pos));
    }
    if (!letters) return;  // an icon or a separator between "By" and the name
    if (words <= kMaxVisibleBylineWords) credit(fmt::format("{} {}", byline_label_, t));
    byline_label_.clear();
    return;
  }
  const std::string_view prefix = meta::byline_prefix_of(t, false);
  if (prefix.empty() || words > kMaxVisibleBylineWords) return;
  if (trim(t.substr(prefix.size())).find_first_not_of(':') == std::string_view::npos) {
    byline_label_ = t;  // the name follows in the next text
    return;
  }
  credit(std::string(t));
}

/// Visible bylines in the second half of the page's text are credits in footers ("Theme by X")
/// and under related stories, not the page's byline.
void Tokenizer::drop_late_bylines() {
  for (const auto& [hint, at] : visible_byline_at_) {
    if (hint < page_.hints.size() && 2 * at > visible_chars_) page_.hints[hint].key.clear();
  }
}

bool Tokenizer::absorbs(Tag tag) const {
  if (ctx_.empty()) return false;
  switch (ctx_.back().kind) {
    case Ctx::cell:
    case Ctx::table_caption:
    case Ctx::caption:
      return true;
    case Ctx::list_item:
      // A list item keeps its paragraphs and headings; nested lists and big blocks split it.
      return tag != Tag::li && tag != Tag::ul && tag != Tag::ol && tag != Tag::dl &&
             tag != Tag::menu && tag != Tag::dir && tag != Tag::pre && tag != Tag::blockquote &&
             tag != Tag::table && tag != Tag::hr && tag != Tag::figure;
    case Ctx::heading:
      // A heading keeps wrapper divs; paragraph-level blocks end it (unclosed headings).
      return tag == Tag::div || tag == Tag::center || tag == Tag::hgroup || tag == Tag::br ||
             tag == Tag::address || tag == Tag::other;
    case Ctx::paragraph:
    case Ctx::quote:
    case Ctx::table:
      return false;
  }
  return false;
}

bool Tokenizer::drop_reason(const TagInfo& info, const Attrs& a, Drop& reason) const {
  if ((info.flags & kSkip) != 0) {
    reason = Drop::never_content;
    return true;
  }
  if ((info.flags & kControl) != 0) {
    reason = Drop::control;
    return true;
  }
  const bool top = info.tag == Tag::html || info.tag == Tag::body || info.tag == Tag::main ||
                   info.tag == Tag::article;
  bool main_role = false;
  for_each_token(a.role, [&main_role](std::string_view r) {
    if (in_table(kMainRoles, r)) main_role = true;
  });
  const bool protected_element = top || main_role;
  if (info.tag == Tag::nav || info.tag == Tag::aside || info.tag == Tag::dialog ||
      ((info.tag == Tag::header || info.tag == Tag::footer) && article_ == 0)) {
    reason = Drop::chrome_tag;
    return true;
  }
  const std::uint8_t token_bits = a.any_class_or_id() ? says_any(a) : 0;
  // Only a class token names a hover card's body (says_any leaves the id's popup bit out).
  const bool popup = (token_bits & kSaysPopup) != 0;
  // An inactive tab (role="tabpanel") is hidden until the reader picks it: the code sample in
  // another language, the other install method. It is the page's text like the active one.
  bool tab_panel = false;
  for_each_token(a.role,
                 [&tab_panel](std::string_view r) { tab_panel = tab_panel || r == "tabpanel"; });
  if (!protected_element && !tab_panel &&
      (a.hidden || iequals(trim(a.aria_hidden), "true") || style_hides(a.style) || popup)) {
    reason = Drop::hidden;
    return true;
  }
  bool chrome_role = false;
  for_each_token(a.role, [&](std::string_view r) {
    if (in_table(kChromeRoles, r) || (article_ == 0 && in_table(kPageChromeRoles, r))) {
      chrome_role = true;
    }
  });
  if (chrome_role && !protected_element) {
    reason = Drop::chrome_role;
    return true;
  }
  if (!protected_element && (token_bits & kSaysWidget) != 0) {
    reason = Drop::widget;
    return true;
  }
  return false;
}

void Tokenizer::begin_capture(std::string key, std::size_t max_chars, BlockRole role, Frame& f) {
  page_.hints.push_back(MetaHint{std::move(key), {}});
  captures_.push_back(Capture{.hint = page_.hints.size() - 1,
                              .start = capture_text_.size(),
                              .max_chars = max_chars,
                              .role = role,
                              .first_block = page_.blocks.size(),
                              .suppress = suppress_});
  ++f.captures;
}

void Tokenizer::end_capture() {
  const Capture c = captures_.back();
  captures_.pop_back();
  MetaHint& hint = page_.hints[c.hint];
  const std::string_view raw = std::string_view{capture_text_}.substr(c.start);
  std::string value;
  // Raw text far longer than the cap cannot collapse under it: skip the copy.
  if (raw.size() <= c.max_chars * 8) value = collapse(raw);
  if (value.empty() || value.size() > c.max_chars) {
    hint.key.clear();  // removed in finish()
  } else {
    hint.value = std::move(value);
    if (c.role != BlockRole::body) {
      for (std::size_t i = c.first_block; i < page_.blocks.size(); ++i) {
        Block& b = page_.blocks[i];
        if (b.role != BlockRole::body) continue;
        b.role = c.role;
        b.reason =
            c.role == BlockRole::byline ? "class/id marks a byline" : "class/id marks a dateline";
      }
    }
  }
  if (captures_.empty()) capture_text_.clear();
}

/// The hint key of an itemprop: "itemprop:author"; a name inside an author's Person item is
/// "itemprop:author.name".
std::string Tokenizer::itemprop_key(std::string_view prop) const {
  if (person_ > 0 && iequals(prop, "name")) return "itemprop:author.name";
  return "itemprop:" + lowercase(prop);
}

void Tokenizer::collect_hints(xmlNode* node, const TagInfo& info, const Attrs& a, Frame& f) {
  if (!a.itemtype.empty() && no_hints_ == 0) add_hint("itemtype", trim(a.itemtype));
  switch (info.tag) {
    case Tag::html:
      add_hint("html:lang", a.lang);
      return;
    case Tag::meta: {
      if (a.content.empty()) return;
      for (const std::string_view n : {a.name, a.property, a.itemprop}) {
        const std::string_view key = trim(n);
        if (!key.empty()) add_hint("meta:" + lowercase(key), a.content);
      }
      if (person_ > 0 && no_hints_ == 0 && iequals(trim(a.itemprop), "name")) {
        add_hint(itemprop_key("name"), a.content);
      }
      if (og_url_.empty() && iequals(trim(a.property), "og:url")) og_url_ = trim(a.content);
      return;
    }
    case Tag::base:
      if (base_href_.empty() && !trim(a.href).empty()) {
        base_href_ = trim(a.href);
        add_hint("base:href", base_href_);
      }
      return;
    case Tag::link: {
      bool canonical = false;
      for_each_token(a.rel, [&canonical](std::string_view r) {
        if (iequals(r, "canonical")) canonical = true;
      });
      if (canonical && !trim(a.href).empty()) {
        if (canonical_.empty()) canonical_ = trim(a.href);
        add_hint("link:canonical", a.href);
      }
      if (!a.itemprop.empty() && no_hints_ == 0) {
        for_each_token(a.itemprop, [&](std::string_view p) {
          add_hint("itemprop:" + lowercase(p), !a.content.empty() ? a.content : a.href);
        });
      }
      return;
    }
    case Tag::script: {
      if (!icontains(a.type, "ld+json")) return;
      std::string json;
      for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        json.append(libxml::view(c->content));
      }
      add_hint("jsonld", json);
      return;
    }
    case Tag::title:
      begin_capture("html:title", kMaxTitleChars, BlockRole::body, f);
      return;
    default:
      break;
  }
  collect_body_hints(info, a, f);
}

/// Whether a link goes to an author's archive page: a path segment "author" or "authors" then
/// a slug ("/author/jane-roe/", "/authors/jroe"), as blog and news CMSs link bylines.
bool author_archive(std::string_view href) {
  const std::string path = lowercase(href.substr(0, href.find_first_of("?#")));
  for (const std::string_view segment : {"/author/", "/authors/"}) {
    for (std::size_t at = path.find(segment); at != std::string::npos;
         at = path.find(segment, at + 1)) {
      std::string_view slug = std::string_view(path).substr(at + segment.size());
      while (!slug.empty() && slug.back() == '/') slug.remove_suffix(1);
      if (!slug.empty() && slug.find('/') == std::string_view::npos) return true;
    }
  }
  return false;
}

void Tokenizer::collect_body_hints(const TagInfo& info, const Attrs& a, Frame& f) {
  if ((info.flags & (kSkip | kControl)) != 0 || no_hints_ > 0) return;
  if (info.tag == Tag::h1) {
    begin_capture("html:h1", kMaxItempropChars, BlockRole::body, f);
  } else if (!f.suppress && frames_.size() >= 2 && frames_[frames_.size() - 2].tag == Tag::h1) {
    // an element right inside an h1: a label ("Thread:", "News") or the headline beside one
    begin_capture("html:h1-part", kMaxItempropChars, BlockRole::body, f);
  }
  if (info.tag == Tag::time) {
    add_hint("time:datetime", a.datetime);
    begin_capture("time:text", kMaxBylineChars, BlockRole::body, f);
  }
  if (info.tag == Tag::a) {
    bool author = false;
    for_each_token(a.rel, [&author](std::string_view r) {
      if (iequals(r, "author")) author = true;
    });
    if (author) {
      begin_capture("rel:author", kMaxItempropChars, BlockRole::body, f);
    } else if (author_archive(a.href)) {
      begin_capture("href:author", kMaxItempropChars, BlockRole::body, f);
    }
  }
  if (!a.itemprop.empty()) {
    for_each_token(a.itemprop, [&](std::string_view p) {
      std::string key = itemprop_key(p);
      if (!trim(a.content).empty()) {
        add_hint(std::move(key), a.content);
      } else if (!trim(a.datetime).empty()) {
        add_hint(std::move(key), a.datetime);
      } else if (info.tag == Tag::img) {
        add_hint(std::move(key), a.src);
      } else {
        begin_capture(std::move(key), kMaxItempropChars, BlockRole::body, f);
      }
    });
    // A Person item as author: its own itemprop=name is the name without badges or avatars.
    for_each_token(a.itemprop, [&](std::string_view p) {
      if (!f.person && !a.itemtype.empty() && (iequals(p, "author") || iequals(p, "creator"))) {
        f.person = true;
        ++person_;
      }
    });
  }
  if (a.any_class_or_id()) {
    const std::uint8_t bits = says_any(a);
    const bool byline = (bits & kSaysByline) != 0;
    const bool dateline = (bits & kSaysDateline) != 0;
    if (byline) begin_capture("html:byline", kMaxBylineChars, BlockRole::byline, f);
    if (dateline) begin_capture("html:dateline", kMaxBylineChars, BlockRole::dateline, f);
  }
}

void Tokenizer::on_image(const Attrs& a) {
  std::string_view url = trim(a.src);
  if (is_placeholder_src(url)) {
    std::string_view lazy;
    for (const std::string_view candidate : a.lazy) {
      if (!trim(candidate).empty()) {
        lazy = trim(candidate);
        break;
      }
    }
    if (lazy.empty()) lazy = first_srcset_candidate(a.data_srcset);
    if (lazy.empty()) lazy = first_srcset_candidate(a.srcset);
    if (lazy.empty() && !picture_src_.empty()) lazy = picture_src_;
    if (!lazy.empty()) url = lazy;
  }
  picture_img_ = true;
  if (url.empty() || url.starts_with("data:")) return;
  // Tracking pixels and spacers.
  const std::string_view w = trim(a.width);
  const std::string_view h = trim(a.height);
  if (w == "0" || h == "0" || (w == "1" && h == "1")) return;
  inline_.image(std::string{url}, collapse(a.alt));
}

void Tokenizer::emit(Block block) {
  block.container = container_stack_.back();
  if (block.kind == BlockKind::heading && block.level == 1 && !title_marked_) {
    title_marked_ = true;
    block.role = BlockRole::title;
    block.reason = "first h1";
  }
  page_.blocks.push_back(std::move(block));
}

void Tokenizer::flush() {
  if (inline_.empty()) return;
  std::vector<Span> spans = inline_.take();
  if (spans.empty()) return;
  Block block;
  if (!ctx_.empty()) {
    BlockCtx& ctx = ctx_.back();
    switch (ctx.kind) {
      case Ctx::table:  // stray text between table rows
      case Ctx::cell:   // never reached: cells and captions absorb every boundary
      case Ctx::table_caption:
        return;
      case Ctx::heading:
        if (ctx.broken) {
          block.kind = quote_depth_ > 0 ? BlockKind::quote : BlockKind::paragraph;
          block.level = quote_depth_;
        } else {
          block.kind = BlockKind::heading;
          block.level = ctx.level;
        }
        break;
      case Ctx::list_item:
        block.kind = BlockKind::list_item;
        block.level = ctx.level;
        block.ordered = ctx.ordered;
        block.number = ctx.number;
        block.list = ctx.list;
        break;
      case Ctx::paragraph:
      case Ctx::quote:
      case Ctx::caption:
        block.kind = ctx.out;
        block.level = ctx.level;
        break;
    }
    ctx.broken = true;
  } else {
    block.kind = BlockKind::paragraph;
  }
  if (block.kind != BlockKind::list_item && only_images(spans)) {
    for (Span& s : spans) {
      if (s.kind == SpanKind::image) emit(Block{.kind = BlockKind::image, .spans = {std::move(s)}});
    }
    return;
  }
  block.spans = std::move(spans);
  emit(std::move(block));
}

// <noscript> when its content is read: a block container like <div>.
constexpr TagInfo kNoscriptContent{"noscript", Tag::noscript, kBlock};

/// A region the first pass dropped that the second pass reads (read_.regions), or a comment
/// inside a comment thread that is the page; any other is recorded for the first pass's choice.
bool Tokenizer::read_after_all(xmlNode* node, Drop reason, Frame& f) {
  if (read_.regions.contains(node)) {
    f.rescued = true;
    rescued_.push_back(reason);
    return true;
  }
  if (read_.whole_threads && !rescued_.empty() && rescued_.back() == Drop::widget &&
      reason == Drop::widget) {
    return true;
  }
  dropped_regions_.emplace_back(node, reason);
  return false;
}

/// <article>, <main> or role=main (the article's own <header>/<footer> stay), and <header>
/// (whose short dates still date the page).
void Tokenizer::note_landmarks(const TagInfo& info, const Attrs& a, Frame& f) {
  bool main_role = false;
  for_each_token(a.role, [&main_role](std::string_view r) {
    main_role = main_role || in_table(kMainRoles, r);
  });
  if (info.tag == Tag::article || info.tag == Tag::main || main_role) {
    ++article_;
    f.article = true;
  }
  if (info.tag == Tag::header) {
    ++in_header_;
    f.header = true;
  }
}

bool Tokenizer::enter_element(xmlNode* node, Frame& f) {
  const TagInfo& found = tag_info(libxml::view(node->name));
  const bool noscript = found.tag == Tag::noscript;
  if (noscript && !read_.noscript) noscripts_.push_back(node);
  const TagInfo& info = noscript && read_.noscript ? kNoscriptContent : found;
  f.tag = info.tag;
  const Attrs a = read_attrs(node);
  const bool active = suppress_ == 0 && pre_ == 0;

  // 1. Block boundary (before anything is dropped, so text on both sides stays apart).
  if (active && (info.flags & kBlock) != 0) {
    const bool table_part = info.tag == Tag::tr || info.tag == Tag::td || info.tag == Tag::th ||
                            info.tag == Tag::thead || info.tag == Tag::tbody ||
                            info.tag == Tag::tfoot || info.tag == Tag::caption;
    if (in_data_table_structure() && table_part) {
      // handled in enter_content
    } else if (absorbs(info.tag)) {
      inline_.soft_break();
      f.soft = true;
    } else {
      flush();
      f.boundary = true;
    }
  }
  if (!captures_.empty() && (info.flags & kBlock) != 0) capture_text_ += ' ';

  // 2. Dropped subtrees: skipped ones are not descended, chrome is read for hints only.
  Drop reason{};
  bool dropped = drop_reason(info, a, reason);
  // Dialogs and other chrome roles are overlays, never the page: only subtrees dropped by tag,
  // class or hidden flags may be read after all.
  if (dropped && suppress_ == 0 && reason != Drop::chrome_role && info.tag != Tag::dialog &&
      (info.flags & (kSkip | kControl)) == 0) {
    dropped = !read_after_all(node, reason, f);
  }
  if (dropped && suppress_ == 0) ++drops_.at(static_cast<std::size_t>(reason));
  if (dropped && (info.flags & (kSkip | kControl)) != 0) {
    if (info.tag == Tag::script) collect_hints(node, info, a, f);
    return false;
  }
  note_landmarks(info, a, f);
  if (dropped || info.tag == Tag::head) {
    ++suppress_;
    f.suppress = true;
    if (reason == Drop::widget) {
      bool comments = comment_token(trim(a.id));
      for_each_token(a.cls,
                     [&comments](std::string_view t) { comments = comments || comment_token(t); });
      if (comments) {
        ++no_hints_;
        f.no_hints = true;
      }
    }
  }

  // 3. Content (only outside dropped regions), then hints (everywhere).
  if (suppress_ == 0) enter_content(node, info, a, f);
  collect_hints(node, info, a, f);
  return true;
}

/// Table structure inside a data table (rows, cells, caption); false for anything else.
bool Tokenizer::enter_table_part(Tag tag, Frame& f) {
  TableBuild& table = tables_.back();
  switch (tag) {
    case Tag::thead:
      ++table.in_thead;
      f.thead = true;
      return true;
    case Tag::tr:
      table.rows.emplace_back();
      table.header_row.push_back(true);
      if (table.in_thead > 0) ++table.thead_rows;
      return true;
    case Tag::td:
    case Tag::th:
      (void)inline_.take();
      if (table.rows.empty()) {
        table.rows.emplace_back();
        table.header_row.push_back(true);
      }
      push_ctx(BlockCtx{.kind = Ctx::cell}, f);
      return true;
    case Tag::caption:
      (void)inline_.take();
      push_ctx(BlockCtx{.kind = Ctx::table_caption}, f);
      return true;
    default:
      return false;
  }
}

/// Inline formatting, links, breaks and images; false for other tags.
bool Tokenizer::enter_inline(Tag tag, const Attrs& a, Frame& f) {
  switch (tag) {
    case Tag::em:
    case Tag::i:
    case Tag::cite:
      ++em_;
      f.em = true;
      return true;
    case Tag::strong:
    case Tag::b:
      ++strong_;
      f.strong = true;
      return true;
    case Tag::code:
    case Tag::kbd:
    case Tag::samp:
    case Tag::tt:
      ++code_;
      f.code = true;
      return true;
    case Tag::a: {
      std::string_view href = trim(a.href);
      if (!href.empty() && in_table(kDeadLinkSchemes, url_scheme(href))) href = {};
      if (href.starts_with('#')) {
        // A link within the page whose text is a bare mark ("¶" after a heading or a Sphinx
        // signature, "↩" back to a footnote) goes; a heading's or a defined term's link to
        // itself keeps its words as plain text.
        if ((!ctx_.empty() && ctx_.back().kind == Ctx::heading) || term_ > 0) href = {};
        permalink_ = true;
        permalink_text_.clear();
        permalink_capture_start_ = capture_text_.size();
        f.permalink = true;
      }
      links_.emplace_back(href);
      f.link = true;
      return true;
    }
    case Tag::br:
      inline_.line_break();
      if (!captures_.empty()) capture_text_ += ' ';
      return true;
    case Tag::img:
      on_image(a);
      return true;
    case Tag::picture:
      picture_src_.clear();
      picture_img_ = false;
      f.picture = true;
      return true;
    case Tag::source:
      if (picture_src_.empty()) {
        std::string_view src = first_srcset_candidate(a.srcset);
        if (src.empty()) src = first_srcset_candidate(a.data_srcset);
        picture_src_ = src;
      }
      return true;
    default:
      return false;
  }
}

/// Inside <pre> only line breaks and the code language matter: the text is kept verbatim.
void Tokenizer::enter_pre_content(Tag tag, const Attrs& a) {
  if (tag == Tag::br) pre_text_ += '\n';
  if (tag == Tag::code && pre_info_.empty()) pre_info_ = code_language(a.cls);
}

/// Whether a <table> holds data (not layout), scanning its subtree once and caching the answer.
bool Tokenizer::is_data_table(xmlNode* node) {
  if (!data_tables_.contains(node)) {
    TableScan scan{data_tables_};
    libxml::walk(node, scan);
  }
  return data_tables_[node];
}

/// Records a container element in the page's flat DOM summary, for extraction to score.
void Tokenizer::open_container(const TagInfo& info, const Attrs& a, Frame& f) {
  page_.containers.push_back(Container{.parent = container_stack_.back(),
                                       .tag = std::string{info.name},
                                       .hints = container_hints(a)});
  container_stack_.push_back(static_cast<std::uint32_t>(page_.containers.size() - 1));
  f.container = true;
}

/// What an element starts: pre text, a table part, a container, inline formatting or a block.
void Tokenizer::enter_content(xmlNode* node, const TagInfo& info, const Attrs& a, Frame& f) {
  const Tag tag = info.tag;
  if (pre_ > 0) {
    enter_pre_content(tag, a);
    return;
  }
  if (in_data_table_structure() && enter_table_part(tag, f)) return;
  const bool block_start = f.boundary;  // a real (not absorbed) block boundary
  const bool data_table = tag == Tag::table && block_start && is_data_table(node);
  if ((info.flags & kContainer) != 0 && !data_table) open_container(info, a, f);
  if (enter_inline(tag, a, f)) return;
  if (!block_start) return;  // absorbed block elements add nothing but a space
  enter_block(tag, a, data_table, f);
}

/// Opens the block a block-level tag starts: paragraph, heading, list, quote, code, rule, table.
void Tokenizer::enter_block(Tag tag, const Attrs& a, bool data_table, Frame& f) {
  switch (tag) {
    case Tag::dt:
      ++term_;
      f.term = true;
      [[fallthrough]];
    case Tag::p:
    case Tag::dd:
    case Tag::address:
    case Tag::summary:
    case Tag::legend:
      open_paragraph(f);
      return;
    case Tag::h1:
    case Tag::h2:
    case Tag::h3:
    case Tag::h4:
    case Tag::h5:
    case Tag::h6:
      push_ctx(
          BlockCtx{.kind = Ctx::heading, .out = BlockKind::heading, .level = heading_level(tag)},
          f);
      return;
    case Tag::ul:
    case Tag::ol:
    case Tag::menu:
    case Tag::dir:
      lists_.push_back(ListState{.ordered = tag == Tag::ol,
                                 .next = tag == Tag::ol ? parse_int(a.start, 1) : 1,
                                 .id = next_list_id_++});
      f.list = true;
      return;
    case Tag::li:
      open_list_item(a, f);
      return;
    case Tag::blockquote:
      ++quote_depth_;
      f.quote = true;
      push_ctx(BlockCtx{.kind = Ctx::quote, .out = BlockKind::quote, .level = quote_depth_}, f);
      return;
    case Tag::figcaption:
      push_ctx(BlockCtx{.kind = Ctx::caption, .out = BlockKind::caption}, f);
      return;
    case Tag::pre: {
      ++pre_;
      f.pre = true;
      pre_text_.clear();
      pre_info_ = code_language(a.cls);
      return;
    }
    case Tag::hr:
      emit(Block{.kind = BlockKind::rule});
      return;
    case Tag::table: {
      if (data_table) {
        tables_.emplace_back();
        f.data_table = true;
        push_ctx(BlockCtx{.kind = Ctx::table}, f);
      }
      return;
    }
    default:
      return;
  }
}

/// A paragraph-like block; inside a blockquote it becomes a quote line at the quote's depth.
void Tokenizer::open_paragraph(Frame& f) {
  const bool in_quote = !ctx_.empty() && ctx_.back().kind == Ctx::quote;
  push_ctx(BlockCtx{.kind = Ctx::paragraph,
                    .out = in_quote ? BlockKind::quote : BlockKind::paragraph,
                    .level = in_quote ? quote_depth_ : 0},
           f);
}

/// A list item, numbered from its list (or its value attribute); a stray <li> opens a list.
void Tokenizer::open_list_item(const Attrs& a, Frame& f) {
  if (lists_.empty()) {
    lists_.push_back(ListState{.id = next_list_id_++});
    f.list = true;
  }
  ListState& list = lists_.back();
  BlockCtx ctx{.kind = Ctx::list_item,
               .out = BlockKind::list_item,
               .level = static_cast<int>(lists_.size()),
               .ordered = list.ordered,
               .list = list.id};
  if (list.ordered) {
    ctx.number = parse_int(a.value, list.next);
    list.next = ctx.number + 1;
  }
  push_ctx(ctx, f);
}

void Tokenizer::finish_pre() {
  --pre_;
  std::string_view text = pre_text_;
  if (text.starts_with('\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  if (!trim(text).empty()) {
    emit(Block{
        .kind = BlockKind::code, .info = pre_info_, .spans = {Span{.text = std::string{text}}}});
  }
  pre_text_.clear();
}

void Tokenizer::close_block(const Frame& f) {
  if (f.ctx) {
    BlockCtx& ctx = ctx_.back();
    if (ctx.kind == Ctx::cell) {
      TableBuild& table = tables_.back();
      table.rows.back().push_back(inline_.take());
      if (f.tag != Tag::th) table.header_row.back() = false;
    } else if (ctx.kind == Ctx::table_caption) {
      tables_.back().caption = inline_.take();
    } else if (ctx.kind == Ctx::table) {
      (void)inline_.take();
    } else {
      flush();
    }
    ctx_.pop_back();
  } else if (f.boundary) {
    flush();
  } else if (f.soft) {
    inline_.soft_break();
  }
}

void Tokenizer::finish_table() {
  TableBuild table = std::move(tables_.back());
  tables_.pop_back();
  Block block{.kind = BlockKind::table};
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].empty()) continue;
    if (block.rows.empty() && table.thead_rows == 0 && table.header_row[i]) block.header_rows = 1;
    block.rows.push_back(std::move(table.rows[i]));
  }
  if (table.thead_rows > 0)
    block.header_rows = std::min<int>(table.thead_rows, static_cast<int>(block.rows.size()));
  if (!block.rows.empty()) emit(std::move(block));
  if (!table.caption.empty())
    emit(Block{.kind = BlockKind::caption, .spans = std::move(table.caption)});
}

void Tokenizer::exit_element(xmlNode* /*node*/, Frame& f) {
  // Undo in reverse order of enter_element.
  while (f.captures > 0) {
    if (f.boundary) flush();  // the element's own blocks get the capture's role
    end_capture();
    --f.captures;
  }
  if (!captures_.empty() && f.tag != Tag::other) capture_text_ += ' ';
  if (f.pre) finish_pre();
  close_block(f);
  if (f.data_table) finish_table();
  if (f.thead) --tables_.back().in_thead;
  if (f.picture) {
    if (!picture_img_ && !picture_src_.empty()) inline_.image(picture_src_, {});
    picture_src_.clear();
  }
  if (f.link) links_.pop_back();
  if (f.permalink) end_permalink();
  if (f.rescued) rescued_.pop_back();
  if (f.person) --person_;
  if (f.code) --code_;
  if (f.strong) --strong_;
  if (f.em) --em_;
  if (f.term) --term_;
  if (f.list) lists_.pop_back();
  if (f.quote) --quote_depth_;
  if (f.container) container_stack_.pop_back();
  if (f.article) --article_;
  if (f.header) --in_header_;
  if (f.no_hints) --no_hints_;
  if (f.suppress) --suppress_;
}

/// A relative link into the page's "Save page complete" folder ("Page_files/a.jpg",
/// "./Page%20Title_files/a.jpg"), rewritten to the folder as the output sees it; "" for any
/// other link.
std::string local_asset(std::string_view url, const TokenizeOptions& options) {
  if (options.asset_folder.empty() || has_scheme(url) || url.starts_with('/')) return {};
  while (url.starts_with("./")) url.remove_prefix(2);
  const std::size_t slash = url.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string_view folder = url.substr(0, slash);
  if (folder != options.asset_folder && percent_decode(folder) != options.asset_folder) return {};
  return options.asset_path + std::string(url.substr(slash));
}

/// The base for relative links: 1. the caller's, 2. <base href> (made absolute with og:url or
/// the canonical link when it is relative), 3. og:url, 4. the canonical link; empty if none.
std::string effective_base(const std::string& given, const std::string& base_href,
                           const std::string& og_url, const std::string& canonical) {
  // Only http(s) bases count: <base href="javascript:...//"> would turn every relative link
  // into script.
  if (is_http_url(given)) return given;
  if (!base_href.empty()) {
    if (has_scheme(base_href)) {
      if (is_http_url(base_href)) return base_href;
    } else if (is_http_url(og_url)) {
      return resolve_url(og_url, base_href);
    } else if (is_http_url(canonical)) {
      return resolve_url(canonical, base_href);
    }
  }
  if (is_http_url(og_url)) return og_url;
  if (is_http_url(canonical)) return canonical;
  return {};
}

void Tokenizer::finish(const TokenizeOptions& options) {
  flush();
  drop_late_bylines();
  // Captures left open (never: every element exits) would leave empty keys; drop them all.
  std::erase_if(page_.hints, [](const MetaHint& h) { return h.key.empty(); });

  const std::string base = effective_base(options.base_url, base_href_, og_url_, canonical_);
  page_.base_url = base;
  // Every link and image target, once resolved, goes through the one allow-list: a link that
  // fails it becomes its text, an image is dropped.
  const auto fix = [&base, &options](std::vector<Span>& spans) {
    for (Span& s : spans) {
      if (s.url.empty()) continue;
      const std::string local = local_asset(s.url, options);
      s.url = local.empty() ? allowed_url(base, s.url) : local;
    }
    std::erase_if(spans, [](const Span& s) { return s.kind == SpanKind::image && s.url.empty(); });
  };
  for (Block& b : page_.blocks) {
    fix(b.spans);
    for (Row& row : b.rows) {
      for (Cell& cell : row) fix(cell);
    }
  }
  std::erase_if(page_.blocks,
                [](const Block& b) { return b.kind == BlockKind::image && b.spans.empty(); });
  if (!base.empty()) {
    for (MetaHint& h : page_.hints) {
      if (h.key == "link:canonical" && !has_scheme(h.value)) h.value = resolve_url(base, h.value);
    }
  }

  int total = 0;
  std::string detail;
  for (std::size_t i = 0; i < drops_.size(); ++i) {
    if (drops_.at(i) == 0) continue;
    total += drops_.at(i);
    if (!detail.empty()) detail += ", ";
    detail += fmt::format("{} {}", kDropNames.at(i), drops_.at(i));
  }
  if (total > 0) {
    page_.diagnostics.push_back(
        Diagnostic{.stage = "tokenize",
                   .message = fmt::format("dropped {} non-content elements ({})", total, detail)});
  }
}

}  // namespace

namespace {

enum class Links : std::uint8_t { counted, skipped };

// Visible characters (not white space) of the text under `roots`, scripts and styles aside.
std::size_t text_chars(const std::vector<xmlNode*>& roots, Links links) {
  struct Counter {
    Links links = Links::counted;
    std::size_t chars = 0;
    bool enter(xmlNode* node) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        chars += visible_chars(libxml::view(node->content));
        return false;
      }
      if (node->type != XML_ELEMENT_NODE) return false;
      const Tag tag = tag_info(libxml::view(node->name)).tag;
      if (tag == Tag::a && links == Links::skipped) return false;
      return tag != Tag::script && tag != Tag::style && tag != Tag::template_element;
    }
    void exit(xmlNode* /*node*/) {}
  } counter{links};
  for (xmlNode* root : roots) {
    for (xmlNode* child = root->children; child != nullptr; child = child->next) {
      libxml::walk(child, counter);
    }
  }
  return counter.chars;
}

std::size_t text_chars(const Page& page, Links links) {
  std::size_t chars = 0;
  const auto add = [&chars, links](const std::vector<Span>& spans) {
    for (const Span& span : spans) {
      if (span.kind != SpanKind::link || links == Links::counted) {
        chars += visible_chars(span.text);
      }
    }
  };
  for (const Block& block : page.blocks) {
    add(block.spans);
    for (const Row& row : block.rows) {
      for (const Cell& cell : row) add(cell);
    }
  }
  return chars;
}

// Pages that serve their text to crawlers only inside <noscript> (forums that render posts
// with JavaScript): at least this much text there, and this many times the text outside.
constexpr std::size_t kMinNoscriptChars = 200;
constexpr std::size_t kNoscriptDominance = 2;
// A subtree dropped as chrome or hidden is read after all when its unlinked text is at least
// this long and this many times the unlinked text of the whole visible page: the page's scripts
// reveal it (streamed server rendering parks the page in a hidden <div>), or an unclosed
// <aside> or <nav> holds the rest of the page.
constexpr std::size_t kMinRegionChars = 200;
constexpr std::size_t kRegionDominance = 2;
// A hidden region whose longest text's first this many bytes are on the visible page is a copy.
constexpr std::size_t kCopySampleChars = 60;

// White space collapsed to single spaces, trimmed.
std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The page's visible text, white space collapsed: to tell a hidden copy of it from new text.
std::string visible_text(const Page& page) {
  std::string all;
  for (const Block& block : page.blocks) {
    for (const Span& span : block.spans) all += span.text;
    all += ' ';
  }
  return collapse_space(all);
}

// Whether the longest text of `region` (a sample of its words) is already on the visible page:
// a hidden print or mobile copy of the article, not text that scripts would reveal.
bool copies_visible(xmlNode* region, const std::string& visible) {
  struct Longest {
    std::string_view text;
    bool enter(xmlNode* node) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        const std::string_view t = libxml::view(node->content);
        if (t.size() > text.size()) text = t;
        return false;
      }
      return node->type == XML_ELEMENT_NODE;
    }
    void exit(xmlNode* /*node*/) {}
  } longest;
  for (xmlNode* child = region->children; child != nullptr; child = child->next) {
    libxml::walk(child, longest);
  }
  std::string sample = collapse_space(longest.text);
  if (sample.size() < kCopySampleChars) return false;
  sample.resize(kCopySampleChars);
  while (!sample.empty() && (static_cast<unsigned char>(sample.back()) & 0xC0U) == 0x80U) {
    sample.pop_back();  // whole code points only
  }
  if (!sample.empty() && static_cast<unsigned char>(sample.back()) >= 0xC0U) sample.pop_back();
  return visible.find(sample) != std::string::npos;
}

struct FirstPass {
  std::vector<xmlNode*> noscripts;
  std::vector<std::pair<xmlNode*, Drop>> regions;
};

Page tokenize_tree(xmlDoc* doc, const TokenizeOptions& options, const Reading& read,
                   FirstPass* found) {
  Page page;
  page.base_url = options.base_url;
  Tokenizer tokenizer{page, read};
  for (xmlNode* node = doc->children; node != nullptr; node = node->next) {
    libxml::walk(node, tokenizer);
  }
  tokenizer.finish(options);
  if (found != nullptr) {
    found->noscripts = tokenizer.noscripts();
    found->regions = tokenizer.dropped_regions();
  }
  return page;
}

/// Which dropped regions the second pass reads (tokenize_html): a region holding most of the
/// page's text, hidden sections of a streamed render together, and a declared thread's replies.
void choose_regions(const Page& page, const FirstPass& found, Reading& read,
                    std::vector<Diagnostic>& notes) {
  const std::size_t shown = text_chars(page, Links::skipped);
  // Hidden regions count together: streamed rendering parks each section of the page in a
  // hidden <div> of its own until scripts swap them in.
  std::vector<std::size_t> chars(found.regions.size());
  std::size_t hidden = 0;
  for (std::size_t i = 0; i < found.regions.size(); ++i) {
    chars[i] = text_chars({found.regions[i].first}, Links::skipped);
    if (found.regions[i].second == Drop::hidden) hidden += chars[i];
  }
  bool all_hidden = hidden >= kMinRegionChars && hidden > kRegionDominance * shown;
  if (all_hidden) {
    const std::string visible = visible_text(page);
    for (std::size_t i = 0; i < found.regions.size(); ++i) {
      if (found.regions[i].second != Drop::hidden || chars[i] == 0) continue;
      if (copies_visible(found.regions[i].first, visible)) {
        hidden -= chars[i];
        chars[i] = 0;
      }
    }
    all_hidden = hidden >= kMinRegionChars && hidden > kRegionDominance * shown;
  }
  // A page that declares itself a discussion thread holds its replies in what reads as a
  // comment widget: they are the page.
  const bool thread = detail::declares_thread(page.hints);
  for (std::size_t i = 0; i < found.regions.size(); ++i) {
    const auto& [region, reason] = found.regions[i];
    const bool alone = chars[i] >= kMinRegionChars && chars[i] > kRegionDominance * shown;
    const bool replies = thread && reason == Drop::widget && chars[i] > 0;
    if (replies) read.whole_threads = true;
    if (!alone && !replies && !(all_hidden && reason == Drop::hidden && chars[i] > 0)) continue;
    read.regions.insert(region);
    read.whole_threads = read.whole_threads || (reason == Drop::widget && shown < kMinRegionChars);
    notes.push_back(Diagnostic{
        .stage = "tokenize",
        .message = fmt::format("read a <{}> dropped as {} after all: it holds {} characters "
                               "of unlinked text, the rest of the page {}",
                               libxml::view(region->name),
                               kDropNames.at(static_cast<std::size_t>(reason)), chars[i], shown)});
  }
}

}  // namespace

Page tokenize_html(std::string_view utf8, const TokenizeOptions& options) {
  // The tree lives only until the blocks are out: built in an arena and dropped with it, after
  // `doc` (declared later, destroyed first).
  const libxml::TreeArena arena;
  const libxml::DocPtr doc = libxml::parse_html(utf8);
  if (!doc) {
    Page page;
    page.base_url = options.base_url;
    return page;
  }
  FirstPass found;
  Page page = tokenize_tree(doc.get(), options, Reading{}, &found);
  // A second pass runs only on the rare page whose <noscript> or dropped chrome holds most of
  // its text.
  Reading read;
  std::vector<Diagnostic> notes;
  if (!found.noscripts.empty()) {
    const std::size_t hidden = text_chars(found.noscripts, Links::counted);
    const std::size_t shown = text_chars(page, Links::counted);
    if (hidden >= kMinNoscriptChars && hidden > kNoscriptDominance * shown) {
      read.noscript = true;
      notes.push_back(Diagnostic{
          .stage = "tokenize",
          .message = fmt::format("read <noscript> content: it holds {} characters of text, the "
                                 "rest of the page {}",
                                 hidden, shown)});
    }
  }
  if (!found.regions.empty()) choose_regions(page, found, read, notes);
  if (!read.noscript && read.regions.empty()) return page;
  Page second = tokenize_tree(doc.get(), options, read, nullptr);
  // Metadata evidence stays the first pass's, which reads dropped chrome for hints too: a crawler
  // view or a comment thread credits each post's author, and which of them is the page's is
  // not yet told apart (so bylines there would guess).
  second.hints = std::move(page.hints);
  for (auto& note : notes) second.diagnostics.push_back(std::move(note));
  return second;
}

}  // namespace clipdown
