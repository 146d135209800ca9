#pragma once

// Tag names the HTML5 tree builder knows, interned as an enum. Pure C++ (no libxml2): the
// tokenizer and the tree builder share it.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace clipdown::libxml::html5 {

/// A known tag name (lowercase, as the tokenizer gives them); `unknown` for all others. The
/// order is the order of kTagNames in html5_tags.cpp.
enum class Tag : std::uint8_t {
  unknown,
  a,
  address,
  annotation_xml,
  applet,
  area,
  article,
  aside,
  b,
  base,
  basefont,
  bgsound,
  big,
  blockquote,
  body,
  br,
  button,
  caption,
  center,
  code,
  col,
  colgroup,
  dd,
  desc,
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
  font,
  footer,
  foreignobject,
  form,
  frame,
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
  image,
  img,
  input,
  keygen,
  li,
  link,
  listing,
  main,
  malignmark,
  marquee,
  math,
  menu,
  meta,
  mglyph,
  mi,
  mn,
  mo,
  ms,
  mtext,
  nav,
  nobr,
  noembed,
  noframes,
  noscript,
  object,
  ol,
  optgroup,
  option,
  p,
  param,
  plaintext,
  pre,
  rb,
  rp,
  rt,
  rtc,
  ruby,
  s,
  script,
  search,
  section,
  select,
  small,
  source,
  span,
  strike,
  strong,
  style,
  sub,
  summary,
  sup,
  svg,
  table,
  tbody,
  td,
  template_element,
  textarea,
  tfoot,
  th,
  thead,
  title,
  tr,
  track,
  tt,
  u,
  ul,
  var,
  wbr,
  xmp,
};

/// Number of Tag values, `unknown` included.
constexpr std::size_t kTagCount = static_cast<std::size_t>(Tag::xmp) + 1;

/// The tag for a lowercase name; Tag::unknown when the name is not in the table.
Tag lookup_tag(std::string_view lowercase_name) noexcept;

/// The lowercase name of a known tag ("" for unknown).
std::string_view tag_name(Tag tag) noexcept;

/// The element's index in per-tag tables.
constexpr std::size_t index(Tag tag) noexcept {
  return static_cast<std::size_t>(tag);
}

}  // namespace clipdown::libxml::html5
