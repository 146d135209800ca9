// Tag name interning for the HTML5 parser: a table of names and an open-addressing hash built at
// compile time, so a lookup is one hash and usually one comparison.

#include "libxml/html5_tags.hpp"

#include <array>

namespace clipdown::libxml::html5 {

namespace {

// Names in Tag order, after `unknown`.
constexpr std::array<std::string_view, kTagCount - 1> kTagNames = {"a",
                                                                   "address",
                                                                   "annotation-xml",
                                                                   "applet",
                                                                   "area",
                                                                   "article",
                                                                   "aside",
                                                                   "b",
                                                                   "base",
                                                                   "basefont",
                                                                   "bgsound",
                                                                   "big",
                                                                   "blockquote",
                                                                   "body",
                                                                   "br",
                                                                   "button",
                                                                   "caption",
                                                                   "center",
                                                                   "code",
                                                                   "col",
                                                                   "colgroup",
                                                                   "dd",
                                                                   "desc",
                                                                   "details",
                                                                   "dialog",
                                                                   "dir",
                                                                   "div",
                                                                   "dl",
                                                                   "dt",
                                                                   "em",
                                                                   "embed",
                                                                   "fieldset",
                                                                   "figcaption",
                                                                   "figure",
                                                                   "font",
                                                                   "footer",
                                                                   "foreignobject",
                                                                   "form",
                                                                   "frame",
                                                                   "frameset",
                                                                   "h1",
                                                                   "h2",
                                                                   "h3",
                                                                   "h4",
                                                                   "h5",
                                                                   "h6",
                                                                   "head",
                                                                   "header",
                                                                   "hgroup",
                                                                   "hr",
                                                                   "html",
                                                                   "i",
                                                                   "iframe",
                                                                   "image",
                                                                   "img",
                                                                   "input",
                                                                   "keygen",
                                                                   "li",
                                                                   "link",
                                                                   "listing",
                                                                   "main",
                                                                   "malignmark",
                                                                   "marquee",
                                                                   "math",
                                                                   "menu",
                                                                   "meta",
                                                                   "mglyph",
                                                                   "mi",
                                                                   "mn",
                                                                   "mo",
                                                                   "ms",
                                                                   "mtext",
                                                                   "nav",
                                                                   "nobr",
                                                                   "noembed",
                                                                   "noframes",
                                                                   "noscript",
                                                                   "object",
                                                                   "ol",
                                                                   "optgroup",
                                                                   "option",
                                                                   "p",
                                                                   "param",
                                                                   "plaintext",
                                                                   "pre",
                                                                   "rb",
                                                                   "rp",
                                                                   "rt",
                                                                   "rtc",
                                                                   "ruby",
                                                                   "s",
                                                                   "script",
                                                                   "search",
                                                                   "section",
                                                                   "select",
                                                                   "small",
                                                                   "source",
                                                                   "span",
                                                                   "strike",
                                                                   "strong",
                                                                   "style",
                                                                   "sub",
                                                                   "summary",
                                                                   "sup",
                                                                   "svg",
                                                                   "table",
                                                                   "tbody",
                                                                   "td",
                                                                   "template",
                                                                   "textarea",
                                                                   "tfoot",
                                                                   "th",
                                                                   "thead",
                                                                   "title",
                                                                   "tr",
                                                                   "track",
                                                                   "tt",
                                                                   "u",
                                                                   "ul",
                                                                   "var",
                                                                   "wbr",
                                                                   "xmp"};

constexpr std::uint32_t hash(std::string_view s) noexcept {
  std::uint32_t h = 2166136261U;  // FNV-1a
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619U;
  }
  return h;
}

// Power of two, over four times the number of names: probes stay short.
constexpr std::size_t kSlots = 512;

struct Table {
  std::array<std::uint8_t, kSlots> slots{};  // 0: empty, else Tag value
};

constexpr Table build_table() {
  Table table;
  for (std::size_t i = 0; i < kTagNames.size(); ++i) {
    std::size_t slot = hash(kTagNames.at(i)) & (kSlots - 1);
    while (table.slots.at(slot) != 0) slot = (slot + 1) & (kSlots - 1);
    table.slots.at(slot) = static_cast<std::uint8_t>(i + 1);
  }
  return table;
}

constexpr Table kTable = build_table();

}  // namespace

Tag lookup_tag(std::string_view lowercase_name) noexcept {
  std::size_t slot = hash(lowercase_name) & (kSlots - 1);
  while (true) {
    const std::uint8_t value = kTable.slots[slot];  // NOLINT(*-constant-array-index)
    if (value == 0) return Tag::unknown;
    if (kTagNames[value - 1U] == lowercase_name) {  // NOLINT(*-constant-array-index)
      return static_cast<Tag>(value);
    }
    slot = (slot + 1) & (kSlots - 1);
  }
}

std::string_view tag_name(Tag tag) noexcept {
  const std::size_t i = index(tag);
  if (i == 0 || i >= kTagCount) return {};
  return kTagNames[i - 1];  // NOLINT(*-constant-array-index)
}

}  // namespace clipdown::libxml::html5
