// The HTML5 tree builder: the insertion modes of the WHATWG parsing algorithm (scripting off),
// writing libxml2's tree directly through its tree API, so the rest of clipdown keeps walking
// xmlDoc/xmlNode. Why this route: libxml2 stays the one document model, no second tree is built
// and copied, and nodes get names from the document's dictionary as libxml2's own parser does.
//
// Mapping onto libxml2: HTML elements have no namespace and lowercase names; svg and math
// elements carry an xmlNs (kept in doc->oldNs, freed with the document); `<template>` contents
// are the template element's children; the DOCTYPE is a DTD node; text is written once per run
// (gathered in pending_text_), never appended byte by byte.
//
// No recursion anywhere: a mode that must "reprocess the token" returns true to dispatch(),
// which loops; "process the token using the rules for" another mode is a plain call, and those
// calls form no cycle (foreign content -> a mode -> in head / in body / in table).

#include "libxml/html5_tree.hpp"

#include <algorithm>
#include <cstring>

namespace clipdown::libxml::html5 {

enum class TreeBuilder::Mode : std::uint8_t {
  initial,
  before_html,
  before_head,
  in_head,
  in_head_noscript,
  after_head,
  in_body,
  text,
  in_table,
  in_table_text,
  in_caption,
  in_column_group,
  in_table_body,
  in_row,
  in_cell,
  in_template,
  after_body,
  in_frameset,
  after_frameset,
  after_after_body,
  after_after_frameset
};

struct TreeBuilder::Element {
  xmlNode* node = nullptr;  // null for the fragment's context element
  const xmlChar* name = nullptr;
  Tag tag = Tag::unknown;
  Ns ns = Ns::html;
  bool open = false;              // on the stack of open elements
  bool html_integration = false;  // an HTML integration point (svg desc, annotation-xml, ...)
};

struct TreeBuilder::Formatting {
  std::uint32_t element = kNone;  // kNone: a marker
  std::vector<Attribute> attributes;
  std::size_t signature = 0;  // attributes_signature(attributes): equal sets, equal signatures
};

namespace {

using M = TreeBuilder::Mode;

constexpr std::string_view kSvgNs = "http://www.w3.org/2000/svg";
constexpr std::string_view kMathNs = "http://www.w3.org/1998/Math/MathML";
constexpr std::string_view kXlinkNs = "http://www.w3.org/1999/xlink";
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kXmlnsNs = "http://www.w3.org/2000/xmlns/";

// Index of each namespace in TreeBuilder::namespaces_.
constexpr std::size_t kNsSvg = 1;
constexpr std::size_t kNsMath = 2;
constexpr std::size_t kNsXlink = 3;
constexpr std::size_t kNsXml = 4;
constexpr std::size_t kNsXmlns = 5;

constexpr std::array<std::string_view, 6> kNsUris = {"",       kSvgNs, kMathNs,
                                                     kXlinkNs, kXmlNs, kXmlnsNs};

constexpr bool is_ws(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}

std::size_t leading_ws(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && is_ws(s[i])) ++i;
  return i;
}

bool all_ws(std::string_view s) noexcept {
  return leading_ws(s) == s.size();
}

bool equals_ci(std::string_view a, std::string_view lower) noexcept {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool starts_ci(std::string_view a, std::string_view lower) noexcept {
  return a.size() >= lower.size() && equals_ci(a.substr(0, lower.size()), lower);
}

template <std::size_t N>
constexpr std::array<bool, kTagCount> tag_set(const std::array<Tag, N>& tags) {
  std::array<bool, kTagCount> set{};
  for (const Tag t : tags) set.at(index(t)) = true;
  return set;
}

bool in_set(const std::array<bool, kTagCount>& set, Tag tag) noexcept {
  return set[index(tag)];  // NOLINT(*-constant-array-index)
}

// HTML elements in the "special" category.
constexpr auto kSpecial = tag_set(std::array{Tag::address,
                                             Tag::applet,
                                             Tag::area,
                                             Tag::article,
                                             Tag::aside,
                                             Tag::base,
                                             Tag::basefont,
                                             Tag::bgsound,
                                             Tag::blockquote,
                                             Tag::body,
                                             Tag::br,
                                             Tag::button,
                                             Tag::caption,
                                             Tag::center,
                                             Tag::col,
                                             Tag::colgroup,
                                             Tag::dd,
                                             Tag::details,
                                             Tag::dir,
                                             Tag::div,
                                             Tag::dl,
                                             Tag::dt,
                                             Tag::embed,
                                             Tag::fieldset,
                                             Tag::figcaption,
                                             Tag::figure,
                                             Tag::footer,
                                             Tag::form,
                                             Tag::frame,
                                             Tag::frameset,
                                             Tag::h1,
                                             Tag::h2,
                                             Tag::h3,
                                             Tag::h4,
                                             Tag::h5,
                                             Tag::h6,
                                             Tag::head,
                                             Tag::header,
                                             Tag::hgroup,
                                             Tag::hr,
                                             Tag::html,
                                             Tag::iframe,
                                             Tag::img,
                                             Tag::input,
                                             Tag::keygen,
                                             Tag::li,
                                             Tag::link,
                                             Tag::listing,
                                             Tag::main,
                                             Tag::marquee,
                                             Tag::menu,
                                             Tag::meta,
                                             Tag::nav,
                                             Tag::noembed,
                                             Tag::noframes,
                                             Tag::noscript,
                                             Tag::object,
                                             Tag::ol,
                                             Tag::p,
                                             Tag::param,
                                             Tag::plaintext,
                                             Tag::pre,
                                             Tag::script,
                                             Tag::search,
                                             Tag::section,
                                             Tag::select,
                                             Tag::source,
                                             Tag::style,
                                             Tag::summary,
                                             Tag::table,
                                             Tag::tbody,
                                             Tag::td,
                                             Tag::template_element,
                                             Tag::textarea,
                                             Tag::tfoot,
                                             Tag::th,
                                             Tag::thead,
                                             Tag::title,
                                             Tag::tr,
                                             Tag::track,
                                             Tag::ul,
                                             Tag::wbr,
                                             Tag::xmp});

// Elements whose end tag "generate implied end tags" supplies.
constexpr auto kImpliedEnd =
    tag_set(std::array{Tag::dd, Tag::dt, Tag::li, Tag::optgroup, Tag::option, Tag::p, Tag::rb,
                       Tag::rp, Tag::rt, Tag::rtc});
constexpr auto kImpliedEndThorough =
    tag_set(std::array{Tag::caption, Tag::colgroup, Tag::dd, Tag::dt, Tag::li, Tag::optgroup,
                       Tag::option, Tag::p, Tag::rb, Tag::rp, Tag::rt, Tag::rtc, Tag::tbody,
                       Tag::td, Tag::tfoot, Tag::th, Tag::thead, Tag::tr});

// HTML elements that bound the default scope (the foreign ones are tested separately).
constexpr auto kScopeBoundary =
    tag_set(std::array{Tag::applet, Tag::caption, Tag::html, Tag::table, Tag::td, Tag::th,
                       Tag::marquee, Tag::object, Tag::template_element});

// In-body start tags that close a <p> and open a block.
constexpr auto kBlockStart =
    tag_set(std::array{Tag::address,  Tag::article,    Tag::aside,   Tag::blockquote, Tag::center,
                       Tag::details,  Tag::dialog,     Tag::dir,     Tag::div,        Tag::dl,
                       Tag::fieldset, Tag::figcaption, Tag::figure,  Tag::footer,     Tag::header,
                       Tag::hgroup,   Tag::main,       Tag::menu,    Tag::nav,        Tag::ol,
                       Tag::p,        Tag::search,     Tag::section, Tag::summary,    Tag::ul});

// In-body end tags that close the element when it is in scope.
constexpr auto kBlockEnd = tag_set(std::array{
    Tag::address,    Tag::article, Tag::aside,   Tag::blockquote, Tag::button, Tag::center,
    Tag::details,    Tag::dialog,  Tag::dir,     Tag::div,        Tag::dl,     Tag::fieldset,
    Tag::figcaption, Tag::figure,  Tag::footer,  Tag::header,     Tag::hgroup, Tag::listing,
    Tag::main,       Tag::menu,    Tag::nav,     Tag::ol,         Tag::pre,    Tag::search,
    Tag::section,    Tag::select,  Tag::summary, Tag::ul});

constexpr auto kFormatting =
    tag_set(std::array{Tag::a, Tag::b, Tag::big, Tag::code, Tag::em, Tag::font, Tag::i, Tag::nobr,
                       Tag::s, Tag::small, Tag::strike, Tag::strong, Tag::tt, Tag::u});

constexpr auto kHeadings =
    tag_set(std::array{Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6});

// Start tags that break out of svg/math content back into HTML.
constexpr auto kBreakout = tag_set(std::array{
    Tag::b,      Tag::big,    Tag::blockquote, Tag::body,    Tag::br,    Tag::center, Tag::code,
    Tag::dd,     Tag::div,    Tag::dl,         Tag::dt,      Tag::em,    Tag::embed,  Tag::h1,
    Tag::h2,     Tag::h3,     Tag::h4,         Tag::h5,      Tag::h6,    Tag::head,   Tag::hr,
    Tag::i,      Tag::img,    Tag::li,         Tag::listing, Tag::menu,  Tag::meta,   Tag::nobr,
    Tag::ol,     Tag::p,      Tag::pre,        Tag::ruby,    Tag::s,     Tag::small,  Tag::span,
    Tag::strike, Tag::strong, Tag::sub,        Tag::sup,     Tag::table, Tag::tt,     Tag::u,
    Tag::ul,     Tag::var});

// Table-ish tags that in-cell, in-caption and in-table-body modes treat alike.
constexpr auto kTableSections =
    tag_set(std::array{Tag::caption, Tag::col, Tag::colgroup, Tag::tbody, Tag::td, Tag::tfoot,
                       Tag::th, Tag::thead, Tag::tr});

struct NamePair {
  std::string_view from;
  std::string_view to;
};

// SVG element names that are not all lowercase.
constexpr std::array<NamePair, 37> kSvgTagNames = {{{"altglyph", "altGlyph"},
                                                    {"altglyphdef", "altGlyphDef"},
                                                    {"altglyphitem", "altGlyphItem"},
                                                    {"animatecolor", "animateColor"},
                                                    {"animatemotion", "animateMotion"},
                                                    {"animatetransform", "animateTransform"},
                                                    {"clippath", "clipPath"},
                                                    {"feblend", "feBlend"},
                                                    {"fecolormatrix", "feColorMatrix"},
                                                    {"fecomponenttransfer", "feComponentTransfer"},
                                                    {"fecomposite", "feComposite"},
                                                    {"feconvolvematrix", "feConvolveMatrix"},
                                                    {"fediffuselighting", "feDiffuseLighting"},
                                                    {"fedisplacementmap", "feDisplacementMap"},
                                                    {"fedistantlight", "feDistantLight"},
                                                    {"fedropshadow", "feDropShadow"},
                                                    {"feflood", "feFlood"},
                                                    {"fefunca", "feFuncA"},
                                                    {"fefuncb", "feFuncB"},
                                                    {"fefuncg", "feFuncG"},
                                                    {"fefuncr", "feFuncR"},
                                                    {"fegaussianblur", "feGaussianBlur"},
                                                    {"feimage", "feImage"},
                                                    {"femerge", "feMerge"},
                                                    {"femergenode", "feMergeNode"},
                                                    {"femorphology", "feMorphology"},
                                                    {"feoffset", "feOffset"},
                                                    {"fepointlight", "fePointLight"},
                                                    {"fespecularlighting", "feSpecularLighting"},
                                                    {"fespotlight", "feSpotLight"},
                                                    {"fetile", "feTile"},
                                                    {"feturbulence", "feTurbulence"},
                                                    {"foreignobject", "foreignObject"},
                                                    {"glyphref", "glyphRef"},
                                                    {"lineargradient", "linearGradient"},
                                                    {"radialgradient", "radialGradient"},
                                                    {"textpath", "textPath"}}};

// SVG attribute names that are not all lowercase.
constexpr std::array<NamePair, 58> kSvgAttributeNames = {
    {{"attributename", "attributeName"},
     {"attributetype", "attributeType"},
     {"basefrequency", "baseFrequency"},
     {"baseprofile", "baseProfile"},
     {"calcmode", "calcMode"},
     {"clippathunits", "clipPathUnits"},
     {"diffuseconstant", "diffuseConstant"},
     {"edgemode", "edgeMode"},
     {"filterunits", "filterUnits"},
     {"glyphref", "glyphRef"},
     {"gradienttransform", "gradientTransform"},
     {"gradientunits", "gradientUnits"},
     {"kernelmatrix", "kernelMatrix"},
     {"kernelunitlength", "kernelUnitLength"},
     {"keypoints", "keyPoints"},
     {"keysplines", "keySplines"},
     {"keytimes", "keyTimes"},
     {"lengthadjust", "lengthAdjust"},
     {"limitingconeangle", "limitingConeAngle"},
     {"markerheight", "markerHeight"},
     {"markerunits", "markerUnits"},
     {"markerwidth", "markerWidth"},
     {"maskcontentunits", "maskContentUnits"},
     {"maskunits", "maskUnits"},
     {"numoctaves", "numOctaves"},
     {"pathlength", "pathLength"},
     {"patterncontentunits", "patternContentUnits"},
     {"patterntransform", "patternTransform"},
     {"patternunits", "patternUnits"},
     {"pointsatx", "pointsAtX"},
     {"pointsaty", "pointsAtY"},
     {"pointsatz", "pointsAtZ"},
     {"preservealpha", "preserveAlpha"},
     {"preserveaspectratio", "preserveAspectRatio"},
     {"primitiveunits", "primitiveUnits"},
     {"refx", "refX"},
     {"refy", "refY"},
     {"repeatcount", "repeatCount"},
     {"repeatdur", "repeatDur"},
     {"requiredextensions", "requiredExtensions"},
     {"requiredfeatures", "requiredFeatures"},
     {"specularconstant", "specularConstant"},
     {"specularexponent", "specularExponent"},
     {"spreadmethod", "spreadMethod"},
     {"startoffset", "startOffset"},
     {"stddeviation", "stdDeviation"},
     {"stitchtiles", "stitchTiles"},
     {"surfacescale", "surfaceScale"},
     {"systemlanguage", "systemLanguage"},
     {"tablevalues", "tableValues"},
     {"targetx", "targetX"},
     {"targety", "targetY"},
     {"textlength", "textLength"},
     {"viewbox", "viewBox"},
     {"viewtarget", "viewTarget"},
     {"xchannelselector", "xChannelSelector"},
     {"ychannelselector", "yChannelSelector"},
     {"zoomandpan", "zoomAndPan"}}};

template <std::size_t N>
std::string_view adjusted(const std::array<NamePair, N>& table, std::string_view name) {
  for (const NamePair& p : table) {
    if (p.from == name) return p.to;
  }
  return name;
}

// Public identifiers (lowercase prefixes) whose DOCTYPE puts the document in quirks mode.
constexpr std::array<std::string_view, 55> kQuirkyPublicPrefixes = {
    "+//silmaril//dtd html pro v0r11 19970101//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//",
    "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//",
    "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//",
    "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//",
    "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//",
    "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//",
    "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//",
    "-//w3c//dtd html 3.2 final//",
    "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//",
    "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//",
    "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//"};

bool quirky_doctype(const Token& t) {
  if (t.force_quirks || t.name != "html") return true;
  const std::string_view pub = t.public_id;
  if (t.has_public_id &&
      (equals_ci(pub, "-//w3o//dtd w3 html strict 3.0//en//") ||
       equals_ci(pub, "-/w3c/dtd html 4.0 transitional/en") || equals_ci(pub, "html"))) {
    return true;
  }
  if (t.has_system_id &&
      equals_ci(t.system_id, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd")) {
    return true;
  }
  if (!t.has_public_id) return false;
  if (std::any_of(kQuirkyPublicPrefixes.begin(), kQuirkyPublicPrefixes.end(),
                  [pub](std::string_view p) { return starts_ci(pub, p); })) {
    return true;
  }
  return !t.has_system_id && (starts_ci(pub, "-//w3c//dtd html 4.01 frameset//") ||
                              starts_ci(pub, "-//w3c//dtd html 4.01 transitional//"));
}

const Attribute* find_attribute(const std::vector<Attribute>& attributes, std::string_view name) {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// A hash of an attribute set that ignores order, so that the Noah's Ark clause compares most
// entries by one number.
std::size_t attributes_signature(const std::vector<Attribute>& attributes) {
  std::size_t sum = attributes.size();
  const std::hash<std::string> hash;
  for (const Attribute& a : attributes) sum += hash(a.name) * 31 + hash(a.value);
  return sum;
}

bool same_attributes(const std::vector<Attribute>& a, const std::vector<Attribute>& b) {
  if (a.size() != b.size()) return false;
  if (a.size() > kLinearAttributes) {  // names are unique within each list: compare sorted
    std::vector<const Attribute*> x;
    std::vector<const Attribute*> y;
    x.reserve(a.size());
    y.reserve(b.size());
    for (const Attribute& attribute : a) x.push_back(&attribute);
    for (const Attribute& attribute : b) y.push_back(&attribute);
    const auto by_name = [](const Attribute* l, const Attribute* r) { return l->name < r->name; };
    std::sort(x.begin(), x.end(), by_name);
    std::sort(y.begin(), y.end(), by_name);
    return std::equal(x.begin(), x.end(), y.begin(), [](const Attribute* l, const Attribute* r) {
      return l->name == r->name && l->value == r->value;
    });
  }
  return std::all_of(a.begin(), a.end(), [&b](const Attribute& x) {
    const Attribute* y = find_attribute(b, x.name);
    return y != nullptr && y->value == x.value;
  });
}

// Links `node` (unlinked) as the last child of `parent` without libxml2's text merging.
void link_last(xmlNode* parent, xmlNode* node) {
  node->parent = parent;
  node->prev = parent->last;
  node->next = nullptr;
  if (parent->last != nullptr) {
    parent->last->next = node;
  } else {
    parent->children = node;
  }
  parent->last = node;
}

// Links `node` (unlinked) before `ref`, a child of `parent`.
void link_before(xmlNode* parent, xmlNode* ref, xmlNode* node) {
  node->parent = parent;
  node->next = ref;
  node->prev = ref->prev;
  if (ref->prev != nullptr) {
    ref->prev->next = node;
  } else {
    parent->children = node;
  }
  ref->prev = node;
}

// The Noah's Ark clause compares at most this many entries after the last marker: past it,
// thousands of distinct formatting elements would make every push a long scan. Browsers'
// results differ only for pages with more than this many unclosed formatting elements.
constexpr std::size_t kNoahsArkScan = 256;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------------------------

TreeBuilder::TreeBuilder(Tokenizer& tokenizer) : TreeBuilder(tokenizer, false) {}

TreeBuilder::TreeBuilder(Tokenizer& tokenizer, bool fragment)
    : tokenizer_(tokenizer),
      doc_(htmlNewDocNoDtD(nullptr, nullptr)),
      mode_(Mode::initial),
      original_mode_(Mode::initial),
      // NOLINTNEXTLINE(*-reinterpret-cast): an xmlDoc starts like an xmlNode, as libxml2 uses it
      root_parent_(reinterpret_cast<xmlNode*>(doc_.get())),
      fragment_(fragment) {
  doc_->dict = xmlDictCreate();
  elements_.reserve(64);
  stack_.reserve(64);
}

TreeBuilder::TreeBuilder(Tokenizer& tokenizer, std::string_view context)
    : TreeBuilder(tokenizer, true) {
  Ns ns = Ns::html;
  if (context.substr(0, 4) == "svg ") {
    ns = Ns::svg;
    context.remove_prefix(4);
  } else if (context.substr(0, 5) == "math ") {
    ns = Ns::math;
    context.remove_prefix(5);
  }
  std::string lower(context);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  Element ctx;
  ctx.tag = lookup_tag(lower);
  ctx.ns = ns;
  ctx.name = intern(ctx.tag, context);
  ctx.html_integration = ns == Ns::svg && (ctx.tag == Tag::foreignobject || ctx.tag == Tag::desc ||
                                           ctx.tag == Tag::title);
  context_ = static_cast<std::uint32_t>(elements_.size());
  elements_.push_back(ctx);
  // The root html element, on the stack; the fragment is its children.
  xmlNode* html = xmlNewDocNodeEatName(
      doc_.get(), nullptr,
      const_cast<xmlChar*>(intern(Tag::html, "html")),  // NOLINT(*-const-cast): dictionary name
      nullptr);
  link_last(root_parent_, html);
  Element root;
  root.node = html;
  root.name = html->name;
  root.tag = Tag::html;
  elements_.push_back(root);
  push(static_cast<std::uint32_t>(elements_.size() - 1));
  if (ns == Ns::html) {
    switch (ctx.tag) {
      case Tag::title:
      case Tag::textarea:
        tokenizer_.set_text_mode(TextMode::rcdata, "");
        break;
      case Tag::style:
      case Tag::xmp:
      case Tag::iframe:
      case Tag::noembed:
      case Tag::noframes:
        tokenizer_.set_text_mode(TextMode::rawtext, "");
        break;
      case Tag::script:
        tokenizer_.set_text_mode(TextMode::script_data, "");
        break;
      case Tag::plaintext:
        tokenizer_.set_text_mode(TextMode::plaintext, "");
        break;
      default:
        break;
    }
    if (ctx.tag == Tag::template_element) template_modes_.push_back(Mode::in_template);
  }
  reset_insertion_mode();
}

const xmlChar* TreeBuilder::intern(Tag tag, std::string_view name) {
  if (tag != Tag::unknown && name == tag_name(tag)) {
    const xmlChar*& slot = names_.at(index(tag));
    if (slot == nullptr)
      slot = xmlDictLookup(doc_->dict, xml(name.data()), static_cast<int>(name.size()));
    return slot;
  }
  return xmlDictLookup(doc_->dict, xml(name.data()), static_cast<int>(name.size()));
}

xmlNs* TreeBuilder::ns_for(Ns ns) {
  const std::size_t i = ns == Ns::svg ? kNsSvg : kNsMath;
  if (ns == Ns::html) return nullptr;
  xmlNs*& slot = namespaces_.at(i);
  if (slot == nullptr) {
    slot = xmlNewNs(nullptr, xml(kNsUris.at(i).data()), nullptr);
    slot->next = doc_->oldNs;  // the document frees its oldNs list
    doc_->oldNs = slot;
  }
  return slot;
}

DocPtr TreeBuilder::build() {
  Token token;
  do {
    tokenizer_.set_cdata_allowed(!stack_.empty() && adjusted_current().ns != Ns::html);
    tokenizer_.next(token);
    process(token);
  } while (token.kind != TokenKind::eof);
  flush_text();
  for (xmlNode* node : detached_) xmlFreeNode(node);
  detached_.clear();
  return std::move(doc_);
}

// ---------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------

void TreeBuilder::process(Token& token) {
  if (token.kind != TokenKind::characters) {
    skip_newline_ = false;
    dispatch(token);
    return;
  }
  std::string_view text = token.text;
  if (skip_newline_) {
    skip_newline_ = false;
    if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  }
  // NUL runs go through the modes on their own: most drop them, foreign content replaces them.
  while (!text.empty()) {
    std::size_t n = 0;
    if (text.front() == '\0') {
      while (n < text.size() && text[n] == '\0') ++n;
    } else {
      const std::size_t nul = text.find('\0');
      n = nul == std::string_view::npos ? text.size() : nul;
    }
    token.text = text.substr(0, n);
    text.remove_prefix(n);
    dispatch(token);
  }
}

void TreeBuilder::dispatch(Token& token) {
  bool again = true;
  while (again) {
    again = use_html_rules(token) ? run_mode(mode_, token) : foreign_content(token);
  }
}

const TreeBuilder::Element& TreeBuilder::adjusted_current() const {
  if (fragment_ && stack_.size() == 1) return elements_[context_];
  return elements_[current()];
}

bool TreeBuilder::use_html_rules(const Token& token) const {
  if (stack_.empty() || token.kind == TokenKind::eof) return true;
  const Element& e = adjusted_current();
  if (e.ns == Ns::html) return true;
  const bool start = token.kind == TokenKind::start_tag;
  const bool chars = token.kind == TokenKind::characters;
  if (e.ns == Ns::math && (e.tag == Tag::mi || e.tag == Tag::mo || e.tag == Tag::mn ||
                           e.tag == Tag::ms || e.tag == Tag::mtext)) {
    if (chars) return true;
    if (start && token.tag != Tag::mglyph && token.tag != Tag::malignmark) return true;
  }
  if (e.ns == Ns::math && e.tag == Tag::annotation_xml && start && token.tag == Tag::svg) {
    return true;
  }
  return e.html_integration && (start || chars);
}

bool TreeBuilder::run_mode(Mode mode, Token& token) {
  switch (mode) {
    case M::initial:
      return initial(token);
    case M::before_html:
      return before_html(token);
    case M::before_head:
      return before_head(token);
    case M::in_head:
      return in_head(token);
    case M::in_head_noscript:
      return in_head_noscript(token);
    case M::after_head:
      return after_head(token);
    case M::in_body:
      return in_body(token);
    case M::text:
      return text(token);
    case M::in_table:
      return in_table(token);
    case M::in_table_text:
      return in_table_text(token);
    case M::in_caption:
      return in_caption(token);
    case M::in_column_group:
      return in_column_group(token);
    case M::in_table_body:
      return in_table_body(token);
    case M::in_row:
      return in_row(token);
    case M::in_cell:
      return in_cell(token);
    case M::in_template:
      return in_template(token);
    case M::after_body:
      return after_body(token);
    case M::in_frameset:
      return in_frameset(token);
    case M::after_frameset:
      return after_frameset(token);
    case M::after_after_body:
      return after_after_body(token);
    case M::after_after_frameset:
      return after_after_frameset(token);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The stack of open elements
// ---------------------------------------------------------------------------------------------

bool TreeBuilder::is(std::uint32_t e, Tag tag) const {
  const Element& el = elements_[e];
  return el.ns == Ns::html && el.tag == tag;
}

bool TreeBuilder::is_special(const Element& e) {
  switch (e.ns) {
    case Ns::html:
      return in_set(kSpecial, e.tag);
    case Ns::math:
      return e.tag == Tag::mi || e.tag == Tag::mo || e.tag == Tag::mn || e.tag == Tag::ms ||
             e.tag == Tag::mtext || e.tag == Tag::annotation_xml;
    case Ns::svg:
      return e.tag == Tag::foreignobject || e.tag == Tag::desc || e.tag == Tag::title;
  }
  return false;
}

bool TreeBuilder::open(Tag tag) const {
  return open_counts_.at(index(tag)) != 0;
}

bool TreeBuilder::in_scope(Tag tag, Scope scope) const {
  if (!open(tag)) return false;  // the common answer, without walking a deep stack
  for (std::size_t k = stack_.size(); k-- > 0;) {  // innermost first
    const std::uint32_t i = stack_[k];
    const Element& e = elements_[i];
    if (e.ns == Ns::html && e.tag == tag) return true;
    if (e.ns == Ns::html) {
      if (scope == Scope::table) {
        if (e.tag == Tag::html || e.tag == Tag::table || e.tag == Tag::template_element)
          return false;
        continue;
      }
      if (in_set(kScopeBoundary, e.tag)) return false;
      if (scope == Scope::list_item && (e.tag == Tag::ol || e.tag == Tag::ul)) return false;
      if (scope == Scope::button && e.tag == Tag::button) return false;
    } else if (scope != Scope::table && is_special(e)) {
      return false;  // mi mo mn ms mtext annotation-xml, foreignObject desc title
    }
  }
  return false;
}

bool TreeBuilder::element_in_scope(std::uint32_t element) const {
  if (!elements_[element].open) return false;
  for (std::size_t k = stack_.size(); k-- > 0;) {  // innermost first
    const std::uint32_t i = stack_[k];
    if (i == element) return true;
    const Element& e = elements_[i];
    if (e.ns == Ns::html ? in_set(kScopeBoundary, e.tag) : is_special(e)) return false;
  }
  return false;
}

bool TreeBuilder::heading_in_scope() const {
  if (!open(Tag::h1) && !open(Tag::h2) && !open(Tag::h3) && !open(Tag::h4) && !open(Tag::h5) &&
      !open(Tag::h6)) {
    return false;
  }
  for (std::size_t k = stack_.size(); k-- > 0;) {  // innermost first
    const std::uint32_t i = stack_[k];
    const Element& e = elements_[i];
    if (e.ns == Ns::html && in_set(kHeadings, e.tag)) return true;
    if (e.ns == Ns::html ? in_set(kScopeBoundary, e.tag) : is_special(e)) return false;
  }
  return false;
}

void TreeBuilder::count_open(const Element& e, bool opened) {
  if (e.ns != Ns::html) return;
  std::uint32_t& count = open_counts_.at(index(e.tag));
  count = opened ? count + 1 : count - 1;
  if (e.tag == Tag::unknown) {
    std::uint32_t& named = open_unknown_[view(e.name)];
    named = opened ? named + 1 : named - 1;
  }
}

bool TreeBuilder::open_unknown(std::string_view name) const {
  const auto it = open_unknown_.find(name);
  return it != open_unknown_.end() && it->second != 0;
}

void TreeBuilder::push(std::uint32_t element) {
  Element& e = elements_[element];
  e.open = true;
  count_open(e, true);
  stack_.push_back(element);
}

void TreeBuilder::pop() {
  Element& e = elements_[stack_.back()];
  e.open = false;
  count_open(e, false);
  stack_.pop_back();
}

void TreeBuilder::pop_until(Tag tag) {
  if (!open(tag)) return;
  while (!stack_.empty()) {
    const bool done = is(current(), tag);
    pop();
    if (done) return;
  }
}

void TreeBuilder::pop_until_element(std::uint32_t element) {
  if (!elements_[element].open) return;
  while (!stack_.empty()) {
    const bool done = current() == element;
    pop();
    if (done) return;
  }
}

void TreeBuilder::remove_from_stack(std::uint32_t element) {
  Element& e = elements_[element];
  if (!e.open) return;
  const auto it = std::find(stack_.rbegin(), stack_.rend(), element);
  stack_.erase(std::next(it).base());
  e.open = false;
  count_open(e, false);
}

void TreeBuilder::generate_implied_end_tags(Tag except) {
  while (!stack_.empty()) {
    const Element& e = elements_[current()];
    if (e.ns != Ns::html || !in_set(kImpliedEnd, e.tag) || e.tag == except) return;
    pop();
  }
}

void TreeBuilder::generate_all_implied_end_tags() {
  while (!stack_.empty()) {
    const Element& e = elements_[current()];
    if (e.ns != Ns::html || !in_set(kImpliedEndThorough, e.tag)) return;
    pop();
  }
}

void TreeBuilder::close_p_if_in_button_scope() {
  if (!in_scope(Tag::p, Scope::button)) return;
  generate_implied_end_tags(Tag::p);
  pop_until(Tag::p);
}

void TreeBuilder::clear_to_context(std::initializer_list<Tag> tags) {
  while (stack_.size() > 1) {
    const Element& e = elements_[current()];
    if (e.ns == Ns::html && std::find(tags.begin(), tags.end(), e.tag) != tags.end()) return;
    pop();
  }
}

void TreeBuilder::reset_insertion_mode() {
  for (std::size_t i = stack_.size(); i-- > 0;) {
    const bool last = i == 0;
    const Element& e = last && fragment_ ? elements_[context_] : elements_[stack_[i]];
    if (e.ns != Ns::html) continue;
    switch (e.tag) {
      case Tag::td:
      case Tag::th:
        if (last) break;
        mode_ = M::in_cell;
        return;
      case Tag::tr:
        mode_ = M::in_row;
        return;
      case Tag::tbody:
      case Tag::thead:
      case Tag::tfoot:
        mode_ = M::in_table_body;
        return;
      case Tag::caption:
        mode_ = M::in_caption;
        return;
      case Tag::colgroup:
        mode_ = M::in_column_group;
        return;
      case Tag::table:
        mode_ = M::in_table;
        return;
      case Tag::template_element:
        mode_ = template_modes_.empty() ? M::in_body : template_modes_.back();
        return;
      case Tag::head:
        if (last) break;
        mode_ = M::in_head;
        return;
      case Tag::body:
        mode_ = M::in_body;
        return;
      case Tag::frameset:
        mode_ = M::in_frameset;
        return;
      case Tag::html:
        mode_ = head_ == kNone ? M::before_head : M::after_head;
        return;
      default:
        break;
    }
  }
  mode_ = M::in_body;
}

void TreeBuilder::close_cell() {
  generate_implied_end_tags();
  while (!stack_.empty()) {
    const bool done = is(current(), Tag::td) || is(current(), Tag::th);
    pop();
    if (done) break;
  }
  clear_formatting_to_marker();
  mode_ = M::in_row;
}

// ---------------------------------------------------------------------------------------------
// Active formatting elements
// ---------------------------------------------------------------------------------------------

void TreeBuilder::push_formatting(std::uint32_t element, const Token& token) {
  // Noah's Ark: at most three entries with the same tag, namespace and attributes.
  std::size_t same = 0;
  std::size_t earliest = kNone;
  std::size_t scanned = 0;
  const Element& e = elements_[element];
  const std::size_t signature = attributes_signature(token.attributes);
  for (std::size_t i = formatting_.size(); i-- > 0 && scanned < kNoahsArkScan; ++scanned) {
    const Formatting& f = formatting_[i];
    if (f.element == kNone) break;
    const Element& other = elements_[f.element];
    if (other.tag != e.tag || other.name != e.name || other.ns != e.ns) continue;
    if (f.signature != signature || !same_attributes(f.attributes, token.attributes)) continue;
    ++same;
    earliest = i;
  }
  if (same >= 3) formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(earliest));
  formatting_.push_back(Formatting{element, token.attributes, signature});
}

void TreeBuilder::push_marker() {
  formatting_.push_back(Formatting{});
}

void TreeBuilder::reconstruct_formatting() {
  if (formatting_.empty()) return;
  const Formatting& last = formatting_.back();
  if (last.element == kNone || elements_[last.element].open) return;
  std::size_t i = formatting_.size() - 1;
  while (i > 0) {
    const Formatting& f = formatting_[i - 1];
    if (f.element == kNone || elements_[f.element].open) break;
    --i;
  }
  for (; i < formatting_.size(); ++i) {
    const Element& old = elements_[formatting_[i].element];
    const std::uint32_t fresh =
        create_element(old.tag, view(old.name), Ns::html, formatting_[i].attributes);
    insert_at(appropriate_place(), elements_[fresh].node);
    push(fresh);
    formatting_[i].element = fresh;
  }
}

void TreeBuilder::clear_formatting_to_marker() {
  while (!formatting_.empty()) {
    const bool marker = formatting_.back().element == kNone;
    formatting_.pop_back();
    if (marker) return;
  }
}

std::size_t TreeBuilder::formatting_index(std::uint32_t element) const {
  for (std::size_t i = formatting_.size(); i-- > 0;) {
    if (formatting_[i].element == element) return i;
  }
  return kNone;
}

void TreeBuilder::remove_formatting(std::uint32_t element) {
  const std::size_t i = formatting_index(element);
  if (i != kNone) formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(i));
}

// The adoption agency algorithm. Returns true when the token must instead be handled as "any
// other end tag".
bool TreeBuilder::adoption_agency(const Token& token) {
  const std::uint32_t cur = current();
  if (is(cur, token.tag) && formatting_index(cur) == kNone) {
    pop();
    return false;
  }
  for (int outer = 0; outer < 8; ++outer) {
    // The formatting element: the last entry for this tag after the last marker.
    std::uint32_t fe = kNone;
    for (std::size_t i = formatting_.size(); i-- > 0;) {
      const std::uint32_t el = formatting_[i].element;
      if (el == kNone) break;
      if (is(el, token.tag)) {
        fe = el;
        break;
      }
    }
    if (fe == kNone) return true;
    if (!elements_[fe].open) {
      remove_formatting(fe);
      return false;
    }
    if (!element_in_scope(fe)) return false;
    if (!adoption_step(token)) return false;
  }
  return false;
}

// One pass of the outer loop, from "let furthest block be..." on (spec steps 4.7-4.19), for the
// formatting element found by adoption_agency(). Returns false when the algorithm ends.
bool TreeBuilder::adoption_step(const Token& token) {
  std::uint32_t fe = kNone;
  for (std::size_t i = formatting_.size(); i-- > 0;) {
    const std::uint32_t el = formatting_[i].element;
    if (el != kNone && is(el, token.tag)) {
      fe = el;
      break;
    }
  }
  std::size_t fe_pos = stack_.size();
  while (fe_pos-- > 0 && stack_[fe_pos] != fe) {
  }
  // Step 4.7: the furthest block, the topmost special element below the formatting element.
  std::size_t fb_pos = kNone;
  for (std::size_t i = fe_pos + 1; i < stack_.size(); ++i) {
    if (is_special(elements_[stack_[i]])) {
      fb_pos = i;
      break;
    }
  }
  // Step 4.8: no furthest block: pop up to the formatting element and forget it.
  if (fb_pos == kNone) {
    while (current() != fe) pop();
    pop();
    remove_formatting(fe);
    return false;
  }
  flush_text();
  const std::uint32_t furthest = stack_[fb_pos];
  const std::uint32_t common = stack_[fe_pos - 1];  // step 4.9: the common ancestor
  std::size_t bookmark = formatting_index(fe);      // step 4.10
  const std::uint32_t last = adoption_inner_loop(fe, fb_pos, bookmark);
  // Step 4.14: insert the last node at the common ancestor.
  xmlUnlinkNode(elements_[last].node);
  insert_at(appropriate_place(elements_[common].node), elements_[last].node);
  adoption_replace_formatting(fe, furthest, bookmark);
  return true;
}

/// Steps 4.11-4.13 of the adoption agency: the inner loop from the furthest block up to the
/// formatting element; returns the last node and moves the bookmark.
std::uint32_t TreeBuilder::adoption_inner_loop(std::uint32_t fe, std::size_t fb_pos,
                                               std::size_t& bookmark) {
  const std::uint32_t furthest = stack_[fb_pos];
  std::uint32_t last = furthest;
  std::size_t node_pos = fb_pos;
  for (int inner = 1;; ++inner) {
    --node_pos;
    std::uint32_t node = stack_[node_pos];
    if (node == fe) break;
    std::size_t node_entry = formatting_index(node);
    if (inner > 3 && node_entry != kNone) {
      formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(node_entry));
      if (node_entry < bookmark) --bookmark;
      node_entry = kNone;
    }
    if (node_entry == kNone) {
      Element& gone = elements_[node];
      gone.open = false;
      count_open(gone, false);
      stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(node_pos));
      continue;
    }
    const Element old = elements_[node];
    const std::uint32_t fresh =
        create_element(old.tag, view(old.name), Ns::html, formatting_[node_entry].attributes);
    formatting_[node_entry].element = fresh;
    elements_[node].open = false;
    elements_[fresh].open = true;
    stack_[node_pos] = fresh;
    node = fresh;
    if (last == furthest) bookmark = node_entry + 1;
    xmlUnlinkNode(elements_[last].node);
    link_last(elements_[node].node, elements_[last].node);
    last = node;
  }
  return last;
}

/// Steps 4.15-4.19 of the adoption agency: a new formatting element takes the furthest block's
/// children and the old one's places in the list (at the bookmark) and on the stack.
void TreeBuilder::adoption_replace_formatting(std::uint32_t fe, std::uint32_t furthest,
                                              std::size_t bookmark) {
  const std::size_t fe_entry = formatting_index(fe);
  const Element fe_el = elements_[fe];
  const std::uint32_t fresh =
      create_element(fe_el.tag, view(fe_el.name), Ns::html, formatting_[fe_entry].attributes);
  xmlNode* fresh_node = elements_[fresh].node;
  xmlNode* fb_node = elements_[furthest].node;
  fresh_node->children = fb_node->children;
  fresh_node->last = fb_node->last;
  for (xmlNode* c = fb_node->children; c != nullptr; c = c->next) c->parent = fresh_node;
  fb_node->children = fb_node->last = nullptr;
  xmlNode* const parent = fb_node;
  link_last(parent, fresh_node);
  Formatting entry{fresh, formatting_[fe_entry].attributes, formatting_[fe_entry].signature};
  formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(fe_entry));
  if (fe_entry < bookmark) --bookmark;
  bookmark = std::min(bookmark, formatting_.size());
  formatting_.insert(formatting_.begin() + static_cast<std::ptrdiff_t>(bookmark), std::move(entry));
  remove_from_stack(fe);
  const auto fb_it = std::find(stack_.begin(), stack_.end(), furthest);
  stack_.insert(fb_it + 1, fresh);
  elements_[fresh].open = true;
  count_open(elements_[fresh], true);
}

void TreeBuilder::any_other_end_tag(const Token& token) {
  // Nothing to close: without these early answers, every stray end tag walks a deep stack.
  if (token.tag != Tag::unknown ? !open(token.tag) : !open_unknown(token.name)) return;
  for (std::size_t i = stack_.size(); i-- > 0;) {
    const std::uint32_t node = stack_[i];
    const Element& e = elements_[node];
    if (e.ns == Ns::html && e.tag == token.tag &&
        (token.tag != Tag::unknown || view(e.name) == token.name)) {
      generate_implied_end_tags(token.tag == Tag::unknown ? Tag::html : token.tag);
      pop_until_element(node);
      return;
    }
    if (is_special(e)) return;
  }
}

// ---------------------------------------------------------------------------------------------
// The tree
// ---------------------------------------------------------------------------------------------

TreeBuilder::Location TreeBuilder::appropriate_place(const xmlNode* target) const {
  const xmlNode* t = target != nullptr ? target : elements_[current()].node;
  if (foster_parenting_ && t->ns == nullptr) {
    const std::string_view n = view(t->name);
    if (n == "table" || n == "tbody" || n == "tfoot" || n == "thead" || n == "tr") {
      return foster_place();
    }
  }
  return Location{const_cast<xmlNode*>(t), nullptr};  // NOLINT(*-const-cast): the tree is ours
}

TreeBuilder::Location TreeBuilder::foster_place() const {
  std::size_t table = kNone;
  std::size_t tmpl = kNone;
  for (std::size_t i = stack_.size(); i-- > 0;) {
    if (table == kNone && is(stack_[i], Tag::table)) table = i;
    if (tmpl == kNone && is(stack_[i], Tag::template_element)) tmpl = i;
    if (table != kNone && (tmpl != kNone || !open(Tag::template_element))) break;
  }
  if (tmpl != kNone && (table == kNone || tmpl > table)) {
    return Location{elements_[stack_[tmpl]].node, nullptr};
  }
  if (table == kNone) return Location{elements_[stack_[0]].node, nullptr};
  xmlNode* t = elements_[stack_[table]].node;
  if (t->parent != nullptr) return Location{t->parent, t};
  return Location{elements_[stack_[table - 1]].node, nullptr};
}

void TreeBuilder::insert_at(const Location& at, xmlNode* node) {
  flush_text();
  if (at.before != nullptr) {
    link_before(at.parent, at.before, node);
  } else {
    link_last(at.parent, node);
  }
}

namespace {

// A new attribute of `node`, linked after `last` (null: the first). xmlNewNsProp on the node would
// walk the whole attribute list for each one (quadratic on an element with 100 000 attributes)
// and register "id" values in the document's ID table, which nothing reads.
xmlAttr* append_attribute(xmlNode* node, xmlAttr* last, xmlNs* ns, const char* name,
                          const char* value) {
  xmlAttr* attribute = xmlNewNsProp(nullptr, ns, xml(name), xml(value));
  attribute->parent = node;
  attribute->doc = node->doc;
  for (xmlNode* child = attribute->children; child != nullptr; child = child->next) {
    child->doc = node->doc;
  }
  if (last == nullptr) {
    node->properties = attribute;
  } else {
    last->next = attribute;
    attribute->prev = last;
  }
  return attribute;
}

}  // namespace

void TreeBuilder::set_attributes(xmlNode* node, Ns ns, const std::vector<Attribute>& attributes) {
  xmlAttr* last = nullptr;  // a new node: no attributes yet
  for (const Attribute& a : attributes) {
    std::string_view name = a.name;
    xmlNs* attr_ns = nullptr;
    if (ns == Ns::svg) name = adjusted(kSvgAttributeNames, name);
    if (ns == Ns::math && name == "definitionurl") name = "definitionURL";
    if (ns != Ns::html) {
      std::size_t which = 0;
      if (name.substr(0, 6) == "xlink:") {
        const std::string_view local = name.substr(6);
        if (local == "actuate" || local == "arcrole" || local == "href" || local == "role" ||
            local == "show" || local == "title" || local == "type") {
          which = kNsXlink;
          name = local;
        }
      } else if (name == "xml:lang" || name == "xml:space") {
        which = kNsXml;
        name = name.substr(4);
      } else if (name == "xmlns" || name == "xmlns:xlink") {
        which = kNsXmlns;
        name = name == "xmlns" ? "xmlns" : "xlink";
      }
      if (which != 0) {
        xmlNs*& slot = namespaces_.at(which);
        if (slot == nullptr) {
          slot = xmlNewNs(nullptr, xml(kNsUris.at(which).data()), nullptr);
          slot->next = doc_->oldNs;
          doc_->oldNs = slot;
        }
        attr_ns = slot;
      }
    }
    const std::string name_z(name);
    last = append_attribute(node, last, attr_ns, name_z.c_str(), a.value.c_str());
  }
}

std::uint32_t TreeBuilder::create_element(Tag tag, std::string_view name, Ns ns,
                                          const std::vector<Attribute>& attributes) {
  const xmlChar* interned = intern(ns == Ns::html ? tag : Tag::unknown, name);
  // The name comes from the document's dictionary: the node does not own it.
  xmlNode* node = xmlNewDocNodeEatName(doc_.get(), ns_for(ns),
                                       const_cast<xmlChar*>(interned),  // NOLINT(*-const-cast)
                                       nullptr);
  set_attributes(node, ns, attributes);
  Element e;
  e.node = node;
  e.name = interned;
  e.tag = tag;
  e.ns = ns;
  if (ns == Ns::svg) {
    e.html_integration = tag == Tag::foreignobject || tag == Tag::desc || tag == Tag::title;
  } else if (ns == Ns::math && tag == Tag::annotation_xml) {
    const Attribute* enc = find_attribute(attributes, "encoding");
    e.html_integration = enc != nullptr && (equals_ci(enc->value, "text/html") ||
                                            equals_ci(enc->value, "application/xhtml+xml"));
  }
  elements_.push_back(e);
  return static_cast<std::uint32_t>(elements_.size() - 1);
}

std::uint32_t TreeBuilder::create_element(const Token& token, Ns ns) {
  std::string_view name = token.name;
  if (ns == Ns::svg) name = adjusted(kSvgTagNames, name);
  return create_element(token.tag, name, ns, token.attributes);
}

std::uint32_t TreeBuilder::insert_element(const Token& token, Ns ns) {
  const Location at = appropriate_place();
  const std::uint32_t e = create_element(token, ns);
  insert_at(at, elements_[e].node);
  push(e);
  return e;
}

std::uint32_t TreeBuilder::insert_implied(Tag tag) {
  const Location at = appropriate_place();
  const std::uint32_t e = create_element(tag, tag_name(tag), Ns::html, no_attributes_);
  insert_at(at, elements_[e].node);
  push(e);
  return e;
}

void TreeBuilder::insert_foreign(Token& token, Ns ns) {
  insert_element(token, ns);
  if (token.self_closing) pop();
}

void TreeBuilder::insert_text(std::string_view text) {
  if (text.empty()) return;
  const Location at = appropriate_place();
  if (at.parent == root_parent_) return;  // the Document takes no text
  if (!pending_text_.empty() &&
      (at.parent != pending_at_.parent || at.before != pending_at_.before)) {
    flush_text();
  }
  pending_at_ = at;
  pending_text_.append(text);
}

void TreeBuilder::flush_text() {
  if (pending_text_.empty()) return;
  const Location at = pending_at_;
  xmlNode* prev = at.before != nullptr ? at.before->prev : at.parent->last;
  const int length = static_cast<int>(pending_text_.size());
  if (prev != nullptr && prev->type == XML_TEXT_NODE) {
    xmlNodeAddContentLen(prev, xml(pending_text_.c_str()), length);
  } else {
    xmlNode* node = xmlNewDocTextLen(doc_.get(), xml(pending_text_.c_str()), length);
    if (at.before != nullptr) {
      link_before(at.parent, at.before, node);
    } else {
      link_last(at.parent, node);
    }
  }
  pending_text_.clear();
}

void TreeBuilder::insert_comment(std::string_view data, xmlNode* parent) {
  const std::string z(data);
  xmlNode* node = xmlNewDocComment(doc_.get(), xml(z.c_str()));
  insert_at(parent != nullptr ? Location{parent, nullptr} : appropriate_place(), node);
}

void TreeBuilder::insert_doctype(const Token& token) {
  flush_text();
  const std::string name = token.has_name ? token.name : std::string{};
  xmlDtd* dtd = xmlCreateIntSubset(doc_.get(), xml(name.c_str()),
                                   token.has_public_id ? xml(token.public_id.c_str()) : nullptr,
                                   token.has_system_id ? xml(token.system_id.c_str()) : nullptr);
  if (dtd == nullptr) return;
  // libxml2 links the DTD first among the document's children; it belongs after any comments.
  auto* node = reinterpret_cast<xmlNode*>(dtd);  // NOLINT(*-reinterpret-cast): a DTD is a node
  if (root_parent_->last != node) {
    root_parent_->children = node->next;
    node->next->prev = nullptr;
    node->next = nullptr;
    node->prev = root_parent_->last;
    root_parent_->last->next = node;
    root_parent_->last = node;
  }
}

// Another <html> or <body> start tag: its attributes that the element lacks are added. The
// names already there are kept in a set, so 100 000 repeated tags stay linear.
void TreeBuilder::add_missing_attributes(std::uint32_t element, const Token& token) {
  if (token.attributes.empty()) return;
  xmlNode* node = elements_[element].node;
  auto [it, fresh] = attribute_index_.try_emplace(element);
  AttributeIndex& index = it->second;
  if (fresh) {
    for (xmlAttr* a = node->properties; a != nullptr; a = a->next) {
      index.names.emplace(view(a->name));
      index.last = a;
    }
  }
  for (const Attribute& a : token.attributes) {
    if (index.names.insert(a.name).second) {
      index.last = append_attribute(node, index.last, nullptr, a.name.c_str(), a.value.c_str());
    }
  }
}

void TreeBuilder::raw_text_element(Token& token, TextMode mode) {
  insert_element(token);
  tokenizer_.set_text_mode(mode, token.name);
  original_mode_ = mode_;
  mode_ = M::text;
}

// ---------------------------------------------------------------------------------------------
// Foreign content
// ---------------------------------------------------------------------------------------------

bool TreeBuilder::foreign_content(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
      if (token.text.front() == '\0') {
        for (std::size_t i = 0; i < token.text.size(); ++i) insert_text("\xEF\xBF\xBD");
        return false;
      }
      if (!all_ws(token.text)) frameset_ok_ = false;
      insert_text(token.text);
      return false;
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag: {
      const bool font_breakout =
          token.tag == Tag::font && (find_attribute(token.attributes, "color") != nullptr ||
                                     find_attribute(token.attributes, "face") != nullptr ||
                                     find_attribute(token.attributes, "size") != nullptr);
      if (in_set(kBreakout, token.tag) || font_breakout) {
        while (!stack_.empty()) {
          const Element& e = elements_[current()];
          if (e.ns == Ns::html || e.html_integration ||
              (e.ns == Ns::math && (e.tag == Tag::mi || e.tag == Tag::mo || e.tag == Tag::mn ||
                                    e.tag == Tag::ms || e.tag == Tag::mtext))) {
            break;
          }
          pop();
        }
        return run_mode(mode_, token);
      }
      insert_foreign(token, adjusted_current().ns);
      return false;
    }
    case TokenKind::end_tag:
      return foreign_end_tag(token);
    case TokenKind::eof:
      return false;
  }
  return false;
}

bool TreeBuilder::foreign_end_tag(Token& token) {
  if (token.tag == Tag::br || token.tag == Tag::p) {
    while (!stack_.empty()) {
      const Element& e = elements_[current()];
      if (e.ns == Ns::html || e.html_integration ||
          (e.ns == Ns::math && (e.tag == Tag::mi || e.tag == Tag::mo || e.tag == Tag::mn ||
                                e.tag == Tag::ms || e.tag == Tag::mtext))) {
        break;
      }
      pop();
    }
    return run_mode(mode_, token);
  }
  for (std::size_t i = stack_.size(); i-- > 0;) {
    const std::uint32_t node = stack_[i];
    const Element& e = elements_[node];
    if (i != stack_.size() - 1 && e.ns == Ns::html) return run_mode(mode_, token);
    if (i == 0) return false;
    if (equals_ci(view(e.name), token.name)) {
      pop_until_element(node);
      return false;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Insertion modes before <body>
// ---------------------------------------------------------------------------------------------

bool TreeBuilder::initial(Token& token) {
  if (token.kind == TokenKind::characters && all_ws(token.text)) return false;
  if (token.kind == TokenKind::comment) {
    insert_comment(token.text, root_parent_);
    return false;
  }
  if (token.kind == TokenKind::doctype) {
    insert_doctype(token);
    quirks_ = quirky_doctype(token);
    mode_ = M::before_html;
    return false;
  }
  if (token.kind == TokenKind::characters) token.text.remove_prefix(leading_ws(token.text));
  quirks_ = true;
  mode_ = M::before_html;
  return true;
}

bool TreeBuilder::before_html(Token& token) {
  switch (token.kind) {
    case TokenKind::doctype:
      return false;
    case TokenKind::comment:
      insert_comment(token.text, root_parent_);
      return false;
    case TokenKind::characters:
      token.text.remove_prefix(leading_ws(token.text));
      if (token.text.empty()) return false;
      break;
    case TokenKind::start_tag:
      if (token.tag == Tag::html) {
        const std::uint32_t e = create_element(token, Ns::html);
        insert_at(Location{root_parent_, nullptr}, elements_[e].node);
        push(e);
        mode_ = M::before_head;
        return false;
      }
      break;
    case TokenKind::end_tag:
      if (token.tag != Tag::head && token.tag != Tag::body && token.tag != Tag::html &&
          token.tag != Tag::br) {
        return false;
      }
      break;
    case TokenKind::eof:
      break;
  }
  const std::uint32_t e = create_element(Tag::html, "html", Ns::html, no_attributes_);
  insert_at(Location{root_parent_, nullptr}, elements_[e].node);
  push(e);
  mode_ = M::before_head;
  return true;
}

bool TreeBuilder::before_head(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
      token.text.remove_prefix(leading_ws(token.text));
      if (token.text.empty()) return false;
      break;
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      if (token.tag == Tag::html) {
        html_start_tag(token);
        return false;
      }
      if (token.tag == Tag::head) {
        head_ = insert_element(token);
        mode_ = M::in_head;
        return false;
      }
      break;
    case TokenKind::end_tag:
      if (token.tag != Tag::head && token.tag != Tag::body && token.tag != Tag::html &&
          token.tag != Tag::br) {
        return false;
      }
      break;
    case TokenKind::eof:
      break;
  }
  head_ = insert_implied(Tag::head);
  mode_ = M::in_head;
  return true;
}

bool TreeBuilder::in_head(Token& token) {
  switch (token.kind) {
    case TokenKind::characters: {
      const std::size_t ws = leading_ws(token.text);
      insert_text(token.text.substr(0, ws));
      token.text.remove_prefix(ws);
      if (token.text.empty()) return false;
      break;
    }
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      if (token.tag == Tag::head) return false;
      if (in_head_start_tag(token)) return false;
      break;
    case TokenKind::end_tag:
      if (token.tag == Tag::head) {
        pop();
        mode_ = M::after_head;
        return false;
      }
      if (token.tag == Tag::template_element) {
        if (!open(Tag::template_element)) return false;
        generate_all_implied_end_tags();
        pop_until(Tag::template_element);
        clear_formatting_to_marker();
        if (!template_modes_.empty()) template_modes_.pop_back();
        reset_insertion_mode();
        return false;
      }
      if (token.tag != Tag::body && token.tag != Tag::html && token.tag != Tag::br) return false;
      break;
    case TokenKind::eof:
      break;
  }
  pop();
  mode_ = M::after_head;
  return true;
}

// The in-head start tags; false when the tag is not one of them.
bool TreeBuilder::in_head_start_tag(Token& token) {
  switch (token.tag) {
    case Tag::html:
      html_start_tag(token);
      return true;
    case Tag::base:
    case Tag::basefont:
    case Tag::bgsound:
    case Tag::link:
    case Tag::meta:
      insert_element(token);
      pop();
      return true;
    case Tag::title:
      raw_text_element(token, TextMode::rcdata);
      return true;
    case Tag::noframes:
    case Tag::style:
      raw_text_element(token, TextMode::rawtext);
      return true;
    case Tag::noscript:  // scripting is off
      insert_element(token);
      mode_ = M::in_head_noscript;
      return true;
    case Tag::script:
      raw_text_element(token, TextMode::script_data);
      return true;
    case Tag::template_element:
      insert_element(token);
      push_marker();
      frameset_ok_ = false;
      mode_ = M::in_template;
      template_modes_.push_back(M::in_template);
      return true;
    default:
      return false;
  }
}

bool TreeBuilder::in_head_noscript(Token& token) {
  switch (token.kind) {
    case TokenKind::doctype:
      return false;
    case TokenKind::characters:
      if (leading_ws(token.text) > 0) {
        const std::size_t ws = leading_ws(token.text);
        insert_text(token.text.substr(0, ws));
        token.text.remove_prefix(ws);
        return !token.text.empty();
      }
      break;
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::start_tag:
      switch (token.tag) {
        case Tag::html:
          html_start_tag(token);
          return false;
        case Tag::basefont:
        case Tag::bgsound:
        case Tag::link:
        case Tag::meta:
        case Tag::noframes:
        case Tag::style:
          return in_head(token);
        case Tag::head:
        case Tag::noscript:
          return false;
        default:
          break;
      }
      break;
    case TokenKind::end_tag:
      if (token.tag == Tag::noscript) {
        pop();
        mode_ = M::in_head;
        return false;
      }
      if (token.tag != Tag::br) return false;
      break;
    case TokenKind::eof:
      break;
  }
  pop();
  mode_ = M::in_head;
  return true;
}

bool TreeBuilder::after_head(Token& token) {
  switch (token.kind) {
    case TokenKind::characters: {
      const std::size_t ws = leading_ws(token.text);
      insert_text(token.text.substr(0, ws));
      token.text.remove_prefix(ws);
      if (token.text.empty()) return false;
      break;
    }
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      switch (token.tag) {
        case Tag::html:
          html_start_tag(token);
          return false;
        case Tag::body:
          insert_element(token);
          frameset_ok_ = false;
          mode_ = M::in_body;
          return false;
        case Tag::frameset:
          insert_element(token);
          mode_ = M::in_frameset;
          return false;
        case Tag::base:
        case Tag::basefont:
        case Tag::bgsound:
        case Tag::link:
        case Tag::meta:
        case Tag::noframes:
        case Tag::script:
        case Tag::style:
        case Tag::template_element:
        case Tag::title: {
          push(head_);
          const bool again = in_head(token);
          remove_from_stack(head_);
          return again;
        }
        case Tag::head:
          return false;
        default:
          break;
      }
      break;
    case TokenKind::end_tag:
      if (token.tag == Tag::template_element) return in_head(token);
      if (token.tag != Tag::body && token.tag != Tag::html && token.tag != Tag::br) return false;
      break;
    case TokenKind::eof:
      break;
  }
  insert_implied(Tag::body);
  mode_ = M::in_body;
  return true;
}

// ---------------------------------------------------------------------------------------------
// In body
// ---------------------------------------------------------------------------------------------

bool TreeBuilder::in_body(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
      return in_body_characters(token);
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      return in_body_start_tag(token);
    case TokenKind::end_tag:
      return in_body_end_tag(token);
    case TokenKind::eof:
      return template_eof();
  }
  return false;
}

void TreeBuilder::html_start_tag(const Token& token) {
  if (!open(Tag::template_element)) add_missing_attributes(stack_[0], token);
}

// End of file with templates open: close them (the in-template EOF rule); true to reprocess.
bool TreeBuilder::template_eof() {
  if (template_modes_.empty() || !open(Tag::template_element)) return false;
  pop_until(Tag::template_element);
  clear_formatting_to_marker();
  template_modes_.pop_back();
  reset_insertion_mode();
  return true;
}

bool TreeBuilder::in_body_characters(Token& token) {
  if (token.text.front() == '\0') return false;
  reconstruct_formatting();
  insert_text(token.text);
  if (frameset_ok_ && !all_ws(token.text)) frameset_ok_ = false;
  return false;
}

bool TreeBuilder::in_body_start_tag(Token& token) {
  const Tag tag = token.tag;
  if (in_set(kBlockStart, tag)) {
    close_p_if_in_button_scope();
    insert_element(token);
    return false;
  }
  if (in_set(kHeadings, tag)) {
    close_p_if_in_button_scope();
    if (!stack_.empty() && elements_[current()].ns == Ns::html &&
        in_set(kHeadings, elements_[current()].tag)) {
      pop();
    }
    insert_element(token);
    return false;
  }
  if (in_set(kFormatting, tag)) return in_body_start_inline(token);
  switch (tag) {
    case Tag::html:
      html_start_tag(token);
      return false;
    case Tag::base:
    case Tag::basefont:
    case Tag::bgsound:
    case Tag::link:
    case Tag::meta:
    case Tag::noframes:
    case Tag::script:
    case Tag::style:
    case Tag::template_element:
    case Tag::title:
      return in_head(token);
    case Tag::body:
      if (stack_.size() < 2 || !is(stack_[1], Tag::body) || open(Tag::template_element))
        return false;
      frameset_ok_ = false;
      add_missing_attributes(stack_[1], token);
      return false;
    case Tag::frameset:
      if (stack_.size() < 2 || !is(stack_[1], Tag::body) || !frameset_ok_) return false;
      flush_text();
      // Unlinked, not freed: formatting entries may still name its descendants.
      xmlUnlinkNode(elements_[stack_[1]].node);
      detached_.push_back(elements_[stack_[1]].node);
      while (stack_.size() > 1) pop();
      insert_element(token);
      mode_ = M::in_frameset;
      return false;
    default:
      return in_body_start_block(token);
  }
}

bool TreeBuilder::in_body_start_block(Token& token) {
  switch (token.tag) {
    case Tag::pre:
    case Tag::listing:
      close_p_if_in_button_scope();
      insert_element(token);
      skip_newline_ = true;
      frameset_ok_ = false;
      return false;
    case Tag::form:
      if (form_ != kNone && !open(Tag::template_element)) return false;
      close_p_if_in_button_scope();
      {
        const std::uint32_t e = insert_element(token);
        if (!open(Tag::template_element)) form_ = e;
      }
      return false;
    case Tag::li:
    case Tag::dd:
    case Tag::dt:
      return in_body_start_list_item(token);
    case Tag::plaintext:
      close_p_if_in_button_scope();
      insert_element(token);
      tokenizer_.set_text_mode(TextMode::plaintext, "plaintext");
      return false;
    case Tag::button:
      if (in_scope(Tag::button, Scope::normal)) {
        generate_implied_end_tags();
        pop_until(Tag::button);
      }
      reconstruct_formatting();
      insert_element(token);
      frameset_ok_ = false;
      return false;
    case Tag::applet:
    case Tag::marquee:
    case Tag::object:
      reconstruct_formatting();
      insert_element(token);
      push_marker();
      frameset_ok_ = false;
      return false;
    case Tag::table:
      if (!quirks_) close_p_if_in_button_scope();
      insert_element(token);
      frameset_ok_ = false;
      mode_ = M::in_table;
      return false;
    default:
      return in_body_start_form_controls(token);
  }
}

bool TreeBuilder::in_body_start_list_item(Token& token) {
  const Tag tag = token.tag;
  frameset_ok_ = false;
  for (std::size_t i = stack_.size(); i-- > 0;) {
    const Element& e = elements_[stack_[i]];
    const bool match = e.ns == Ns::html &&
                       (tag == Tag::li ? e.tag == Tag::li : (e.tag == Tag::dd || e.tag == Tag::dt));
    if (match) {
      const Tag found = e.tag;
      generate_implied_end_tags(found);
      pop_until(found);
      break;
    }
    if (is_special(e) &&
        !(e.ns == Ns::html && (e.tag == Tag::address || e.tag == Tag::div || e.tag == Tag::p))) {
      break;
    }
  }
  close_p_if_in_button_scope();
  insert_element(token);
  return false;
}

bool TreeBuilder::in_body_start_inline(Token& token) {
  if (token.tag == Tag::a) {
    for (std::size_t i = formatting_.size(); i-- > 0;) {
      const std::uint32_t el = formatting_[i].element;
      if (el == kNone) break;
      if (is(el, Tag::a)) {
        if (adoption_agency(token)) any_other_end_tag(token);
        remove_formatting(el);
        remove_from_stack(el);
        break;
      }
    }
  }
  reconstruct_formatting();
  if (token.tag == Tag::nobr && in_scope(Tag::nobr, Scope::normal)) {
    if (adoption_agency(token)) any_other_end_tag(token);
    reconstruct_formatting();
  }
  const std::uint32_t e = insert_element(token);
  push_formatting(e, token);
  return false;
}

bool TreeBuilder::in_body_start_form_controls(Token& token) {
  switch (token.tag) {
    case Tag::area:
    case Tag::br:
    case Tag::embed:
    case Tag::img:
    case Tag::keygen:
    case Tag::wbr:
      reconstruct_formatting();
      insert_element(token);
      pop();
      frameset_ok_ = false;
      return false;
    case Tag::input: {
      if (fragment_ && is(context_, Tag::select)) return false;
      if (in_scope(Tag::select, Scope::normal)) pop_until(Tag::select);
      reconstruct_formatting();
      insert_element(token);
      pop();
      const Attribute* type = find_attribute(token.attributes, "type");
      if (type == nullptr || !equals_ci(type->value, "hidden")) frameset_ok_ = false;
      return false;
    }
    case Tag::param:
    case Tag::source:
    case Tag::track:
      insert_element(token);
      pop();
      return false;
    case Tag::hr:
      close_p_if_in_button_scope();
      if (in_scope(Tag::select, Scope::normal)) generate_implied_end_tags();
      insert_element(token);
      pop();
      frameset_ok_ = false;
      return false;
    case Tag::select:
      if (fragment_ && is(context_, Tag::select)) return false;
      if (in_scope(Tag::select, Scope::normal)) {
        pop_until(Tag::select);
        return false;
      }
      reconstruct_formatting();
      insert_element(token);
      frameset_ok_ = false;
      return false;
    case Tag::option:
    case Tag::optgroup:
      if (in_scope(Tag::select, Scope::normal)) {
        generate_implied_end_tags(token.tag == Tag::option ? Tag::optgroup : Tag::unknown);
      } else if (current_is(Tag::option)) {
        pop();
      }
      reconstruct_formatting();
      insert_element(token);
      return false;
    default:
      return in_body_start_raw(token);
  }
}

bool TreeBuilder::in_body_start_raw(Token& token) {
  switch (token.tag) {
    case Tag::image:
      token.tag = Tag::img;
      token.name = "img";
      return true;
    case Tag::textarea:
      insert_element(token);
      skip_newline_ = true;
      tokenizer_.set_text_mode(TextMode::rcdata, "textarea");
      original_mode_ = mode_;
      frameset_ok_ = false;
      mode_ = M::text;
      return false;
    case Tag::xmp:
      close_p_if_in_button_scope();
      reconstruct_formatting();
      frameset_ok_ = false;
      raw_text_element(token, TextMode::rawtext);
      return false;
    case Tag::iframe:
      frameset_ok_ = false;
      raw_text_element(token, TextMode::rawtext);
      return false;
    case Tag::noembed:
      raw_text_element(token, TextMode::rawtext);
      return false;
    default:
      return in_body_start_rare(token);
  }
}

bool TreeBuilder::in_body_start_rare(Token& token) {
  switch (token.tag) {
    case Tag::rb:
    case Tag::rtc:
    case Tag::rp:
    case Tag::rt:
      if (in_scope(Tag::ruby, Scope::normal)) {
        generate_implied_end_tags(token.tag == Tag::rp || token.tag == Tag::rt ? Tag::rtc
                                                                               : Tag::unknown);
      }
      insert_element(token);
      return false;
    case Tag::math:
    case Tag::svg:
      reconstruct_formatting();
      insert_foreign(token, token.tag == Tag::math ? Ns::math : Ns::svg);
      return false;
    case Tag::caption:
    case Tag::col:
    case Tag::colgroup:
    case Tag::frame:
    case Tag::head:
    case Tag::tbody:
    case Tag::td:
    case Tag::tfoot:
    case Tag::th:
    case Tag::thead:
    case Tag::tr:
      return false;
    default:
      reconstruct_formatting();
      insert_element(token);
      return false;
  }
}

bool TreeBuilder::in_body_end_tag(Token& token) {
  const Tag tag = token.tag;
  if (in_set(kBlockEnd, tag)) {
    if (!in_scope(tag, Scope::normal)) return false;
    generate_implied_end_tags();
    pop_until(tag);
    return false;
  }
  if (in_set(kFormatting, tag)) {
    if (adoption_agency(token)) any_other_end_tag(token);
    return false;
  }
  if (in_set(kHeadings, tag)) {
    if (!heading_in_scope()) return false;
    generate_implied_end_tags();
    while (!stack_.empty()) {
      const Element& e = elements_[current()];
      const bool done = e.ns == Ns::html && in_set(kHeadings, e.tag);
      pop();
      if (done) break;
    }
    return false;
  }
  return in_body_end_block(token);
}

bool TreeBuilder::in_body_end_block(Token& token) {
  const Tag tag = token.tag;
  switch (tag) {
    case Tag::template_element:
      return in_head(token);
    case Tag::body:
      if (!in_scope(Tag::body, Scope::normal)) return false;
      mode_ = M::after_body;
      return false;
    case Tag::html:
      if (!in_scope(Tag::body, Scope::normal)) return false;
      mode_ = M::after_body;
      return true;
    case Tag::form:
      if (!open(Tag::template_element)) {
        const std::uint32_t node = form_;
        form_ = kNone;
        if (node == kNone || !element_in_scope(node)) return false;
        generate_implied_end_tags();
        remove_from_stack(node);
        return false;
      }
      if (!in_scope(Tag::form, Scope::normal)) return false;
      generate_implied_end_tags();
      pop_until(Tag::form);
      return false;
    case Tag::p:
      if (!in_scope(Tag::p, Scope::button)) insert_implied(Tag::p);
      generate_implied_end_tags(Tag::p);
      pop_until(Tag::p);
      return false;
    case Tag::li:
    case Tag::dd:
    case Tag::dt:
      if (!in_scope(tag, tag == Tag::li ? Scope::list_item : Scope::normal)) return false;
      generate_implied_end_tags(tag);
      pop_until(tag);
      return false;
    case Tag::applet:
    case Tag::marquee:
    case Tag::object:
      if (!in_scope(tag, Scope::normal)) return false;
      generate_implied_end_tags();
      pop_until(tag);
      clear_formatting_to_marker();
      return false;
    case Tag::br:
      token.kind = TokenKind::start_tag;
      token.attributes.clear();
      return in_body_start_form_controls(token);
    default:
      any_other_end_tag(token);
      return false;
  }
}

bool TreeBuilder::text(Token& token) {
  if (token.kind == TokenKind::characters) {
    insert_text(token.text);
    return false;
  }
  if (token.kind == TokenKind::eof) {
    pop();
    mode_ = original_mode_;
    return true;
  }
  if (token.kind == TokenKind::end_tag) {
    pop();
    mode_ = original_mode_;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

bool TreeBuilder::in_table(Token& token) {
  switch (token.kind) {
    case TokenKind::characters: {
      const std::uint32_t cur = current();
      if (is(cur, Tag::table) || is(cur, Tag::tbody) || is(cur, Tag::template_element) ||
          is(cur, Tag::tfoot) || is(cur, Tag::thead) || is(cur, Tag::tr)) {
        table_text_.clear();
        original_mode_ = mode_;
        mode_ = M::in_table_text;
        return true;
      }
      return in_table_anything_else(token);
    }
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      return in_table_start_tag(token);
    case TokenKind::end_tag:
      switch (token.tag) {
        case Tag::table:
          if (!in_scope(Tag::table, Scope::table)) return false;
          pop_until(Tag::table);
          reset_insertion_mode();
          return false;
        case Tag::body:
        case Tag::caption:
        case Tag::col:
        case Tag::colgroup:
        case Tag::html:
        case Tag::tbody:
        case Tag::td:
        case Tag::tfoot:
        case Tag::th:
        case Tag::thead:
        case Tag::tr:
          return false;
        case Tag::template_element:
          return in_head(token);
        default:
          return in_table_anything_else(token);
      }
    case TokenKind::eof:
      return in_body(token);
  }
  return false;
}

bool TreeBuilder::in_table_start_tag(Token& token) {
  switch (token.tag) {
    case Tag::caption:
      clear_to_context({Tag::table, Tag::template_element, Tag::html});
      push_marker();
      insert_element(token);
      mode_ = M::in_caption;
      return false;
    case Tag::colgroup:
      clear_to_context({Tag::table, Tag::template_element, Tag::html});
      insert_element(token);
      mode_ = M::in_column_group;
      return false;
    case Tag::col:
      clear_to_context({Tag::table, Tag::template_element, Tag::html});
      insert_implied(Tag::colgroup);
      mode_ = M::in_column_group;
      return true;
    case Tag::tbody:
    case Tag::tfoot:
    case Tag::thead:
      clear_to_context({Tag::table, Tag::template_element, Tag::html});
      insert_element(token);
      mode_ = M::in_table_body;
      return false;
    case Tag::td:
    case Tag::th:
    case Tag::tr:
      clear_to_context({Tag::table, Tag::template_element, Tag::html});
      insert_implied(Tag::tbody);
      mode_ = M::in_table_body;
      return true;
    case Tag::table:
      if (!in_scope(Tag::table, Scope::table)) return false;
      pop_until(Tag::table);
      reset_insertion_mode();
      return true;
    case Tag::style:
    case Tag::script:
    case Tag::template_element:
      return in_head(token);
    case Tag::input: {
      const Attribute* type = find_attribute(token.attributes, "type");
      if (type == nullptr || !equals_ci(type->value, "hidden")) {
        return in_table_anything_else(token);
      }
      insert_element(token);
      pop();
      return false;
    }
    case Tag::form:
      if (open(Tag::template_element) || form_ != kNone) return false;
      form_ = insert_element(token);
      pop();
      return false;
    default:
      return in_table_anything_else(token);
  }
}

bool TreeBuilder::in_table_anything_else(Token& token) {
  foster_parenting_ = true;
  const bool again = in_body(token);
  foster_parenting_ = false;
  return again;
}

bool TreeBuilder::in_table_text(Token& token) {
  if (token.kind == TokenKind::characters) {
    if (token.text.front() != '\0') table_text_.append(token.text);
    return false;
  }
  if (!all_ws(table_text_)) {
    foster_parenting_ = true;
    reconstruct_formatting();
    insert_text(table_text_);
    foster_parenting_ = false;
    frameset_ok_ = false;
  } else {
    insert_text(table_text_);
  }
  table_text_.clear();
  mode_ = original_mode_;
  return true;
}

bool TreeBuilder::in_caption(Token& token) {
  const bool end_caption = token.kind == TokenKind::end_tag && token.tag == Tag::caption;
  const bool closes = (token.kind == TokenKind::start_tag && in_set(kTableSections, token.tag)) ||
                      (token.kind == TokenKind::end_tag && token.tag == Tag::table);
  if (end_caption || closes) {
    if (!in_scope(Tag::caption, Scope::table)) return false;
    generate_implied_end_tags();
    pop_until(Tag::caption);
    clear_formatting_to_marker();
    mode_ = M::in_table;
    return closes;
  }
  if (token.kind == TokenKind::end_tag &&
      (token.tag == Tag::body || token.tag == Tag::col || token.tag == Tag::colgroup ||
       token.tag == Tag::html || token.tag == Tag::tbody || token.tag == Tag::td ||
       token.tag == Tag::tfoot || token.tag == Tag::th || token.tag == Tag::thead ||
       token.tag == Tag::tr)) {
    return false;
  }
  return in_body(token);
}

bool TreeBuilder::in_column_group(Token& token) {
  switch (token.kind) {
    case TokenKind::characters: {
      const std::size_t ws = leading_ws(token.text);
      insert_text(token.text.substr(0, ws));
      token.text.remove_prefix(ws);
      if (token.text.empty()) return false;
      break;
    }
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      if (token.tag == Tag::html) return in_body(token);
      if (token.tag == Tag::col) {
        insert_element(token);
        pop();
        return false;
      }
      if (token.tag == Tag::template_element) return in_head(token);
      break;
    case TokenKind::end_tag:
      if (token.tag == Tag::colgroup) {
        if (!current_is(Tag::colgroup)) return false;
        pop();
        mode_ = M::in_table;
        return false;
      }
      if (token.tag == Tag::col) return false;
      if (token.tag == Tag::template_element) return in_head(token);
      break;
    case TokenKind::eof:
      return in_body(token);
  }
  if (!current_is(Tag::colgroup)) return false;
  pop();
  mode_ = M::in_table;
  return true;
}

bool TreeBuilder::in_table_body(Token& token) {
  const bool start = token.kind == TokenKind::start_tag;
  const bool end = token.kind == TokenKind::end_tag;
  const Tag tag = token.tag;
  if (start && tag == Tag::tr) {
    clear_to_context({Tag::tbody, Tag::tfoot, Tag::thead, Tag::template_element, Tag::html});
    insert_element(token);
    mode_ = M::in_row;
    return false;
  }
  if (start && (tag == Tag::th || tag == Tag::td)) {
    clear_to_context({Tag::tbody, Tag::tfoot, Tag::thead, Tag::template_element, Tag::html});
    insert_implied(Tag::tr);
    mode_ = M::in_row;
    return true;
  }
  if (end && (tag == Tag::tbody || tag == Tag::tfoot || tag == Tag::thead)) {
    if (!in_scope(tag, Scope::table)) return false;
    clear_to_context({Tag::tbody, Tag::tfoot, Tag::thead, Tag::template_element, Tag::html});
    pop();
    mode_ = M::in_table;
    return false;
  }
  if ((start && (tag == Tag::caption || tag == Tag::col || tag == Tag::colgroup ||
                 tag == Tag::tbody || tag == Tag::tfoot || tag == Tag::thead)) ||
      (end && tag == Tag::table)) {
    if (!in_scope(Tag::tbody, Scope::table) && !in_scope(Tag::thead, Scope::table) &&
        !in_scope(Tag::tfoot, Scope::table)) {
      return false;
    }
    clear_to_context({Tag::tbody, Tag::tfoot, Tag::thead, Tag::template_element, Tag::html});
    pop();
    mode_ = M::in_table;
    return true;
  }
  if (end && (tag == Tag::body || tag == Tag::caption || tag == Tag::col || tag == Tag::colgroup ||
              tag == Tag::html || tag == Tag::td || tag == Tag::th || tag == Tag::tr)) {
    return false;
  }
  return in_table(token);
}

bool TreeBuilder::in_row(Token& token) {
  const bool start = token.kind == TokenKind::start_tag;
  const bool end = token.kind == TokenKind::end_tag;
  const Tag tag = token.tag;
  if (start && (tag == Tag::th || tag == Tag::td)) {
    clear_to_context({Tag::tr, Tag::template_element, Tag::html});
    insert_element(token);
    mode_ = M::in_cell;
    push_marker();
    return false;
  }
  const bool closes_row =
      (start && (tag == Tag::caption || tag == Tag::col || tag == Tag::colgroup ||
                 tag == Tag::tbody || tag == Tag::tfoot || tag == Tag::thead || tag == Tag::tr)) ||
      (end && (tag == Tag::tr || tag == Tag::table));
  const bool section_end = end && (tag == Tag::tbody || tag == Tag::tfoot || tag == Tag::thead);
  if (closes_row || section_end) {
    if (section_end && !in_scope(tag, Scope::table)) return false;
    if (!in_scope(Tag::tr, Scope::table)) return false;
    clear_to_context({Tag::tr, Tag::template_element, Tag::html});
    pop();
    mode_ = M::in_table_body;
    return !(end && tag == Tag::tr);
  }
  if (end && (tag == Tag::body || tag == Tag::caption || tag == Tag::col || tag == Tag::colgroup ||
              tag == Tag::html || tag == Tag::td || tag == Tag::th)) {
    return false;
  }
  return in_table(token);
}

bool TreeBuilder::in_cell(Token& token) {
  const bool start = token.kind == TokenKind::start_tag;
  const bool end = token.kind == TokenKind::end_tag;
  const Tag tag = token.tag;
  if (end && (tag == Tag::td || tag == Tag::th)) {
    if (!in_scope(tag, Scope::table)) return false;
    generate_implied_end_tags();
    pop_until(tag);
    clear_formatting_to_marker();
    mode_ = M::in_row;
    return false;
  }
  if (start && in_set(kTableSections, tag)) {
    if (!in_scope(Tag::td, Scope::table) && !in_scope(Tag::th, Scope::table)) return false;
    close_cell();
    return true;
  }
  if (end && (tag == Tag::body || tag == Tag::caption || tag == Tag::col || tag == Tag::colgroup ||
              tag == Tag::html)) {
    return false;
  }
  if (end && (tag == Tag::table || tag == Tag::tbody || tag == Tag::tfoot || tag == Tag::thead ||
              tag == Tag::tr)) {
    if (!in_scope(tag, Scope::table)) return false;
    close_cell();
    return true;
  }
  return in_body(token);
}

// ---------------------------------------------------------------------------------------------
// Template, after body, frameset
// ---------------------------------------------------------------------------------------------

bool TreeBuilder::in_template(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
    case TokenKind::comment:
    case TokenKind::doctype:
      return in_body(token);
    case TokenKind::start_tag: {
      M next = M::in_body;
      switch (token.tag) {
        case Tag::base:
        case Tag::basefont:
        case Tag::bgsound:
        case Tag::link:
        case Tag::meta:
        case Tag::noframes:
        case Tag::script:
        case Tag::style:
        case Tag::template_element:
        case Tag::title:
          return in_head(token);
        case Tag::caption:
        case Tag::colgroup:
        case Tag::tbody:
        case Tag::tfoot:
        case Tag::thead:
          next = M::in_table;
          break;
        case Tag::col:
          next = M::in_column_group;
          break;
        case Tag::tr:
          next = M::in_table_body;
          break;
        case Tag::td:
        case Tag::th:
          next = M::in_row;
          break;
        default:
          break;
      }
      if (!template_modes_.empty()) template_modes_.pop_back();
      template_modes_.push_back(next);
      mode_ = next;
      return true;
    }
    case TokenKind::end_tag:
      if (token.tag == Tag::template_element) return in_head(token);
      return false;
    case TokenKind::eof:
      return template_eof();
  }
  return false;
}

bool TreeBuilder::after_body(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
      if (all_ws(token.text)) return in_body(token);
      break;
    case TokenKind::comment:
      insert_comment(token.text, elements_[stack_[0]].node);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      if (token.tag == Tag::html) return in_body(token);
      break;
    case TokenKind::end_tag:
      if (token.tag == Tag::html) {
        if (!fragment_) mode_ = M::after_after_body;
        return false;
      }
      break;
    case TokenKind::eof:
      return false;
  }
  mode_ = M::in_body;
  return true;
}

// Keeps only the white space of a character token (frameset modes ignore the rest).
namespace {
std::string only_ws(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (is_ws(c)) out.push_back(c);
  }
  return out;
}
}  // namespace

bool TreeBuilder::in_frameset(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
      insert_text(only_ws(token.text));
      return false;
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      switch (token.tag) {
        case Tag::html:
          return in_body(token);
        case Tag::frameset:
          insert_element(token);
          return false;
        case Tag::frame:
          insert_element(token);
          pop();
          return false;
        case Tag::noframes:
          return in_head(token);
        default:
          return false;
      }
    case TokenKind::end_tag:
      if (token.tag == Tag::frameset) {
        if (stack_.size() == 1) return false;
        pop();
        if (!fragment_ && !current_is(Tag::frameset)) mode_ = M::after_frameset;
      }
      return false;
    case TokenKind::eof:
      return false;
  }
  return false;
}

bool TreeBuilder::after_frameset(Token& token) {
  switch (token.kind) {
    case TokenKind::characters:
      insert_text(only_ws(token.text));
      return false;
    case TokenKind::comment:
      insert_comment(token.text);
      return false;
    case TokenKind::doctype:
      return false;
    case TokenKind::start_tag:
      if (token.tag == Tag::html) return in_body(token);
      if (token.tag == Tag::noframes) return in_head(token);
      return false;
    case TokenKind::end_tag:
      if (token.tag == Tag::html) mode_ = M::after_after_frameset;
      return false;
    case TokenKind::eof:
      return false;
  }
  return false;
}

bool TreeBuilder::after_after_body(Token& token) {
  switch (token.kind) {
    case TokenKind::comment:
      insert_comment(token.text, root_parent_);
      return false;
    case TokenKind::doctype:
      return in_body(token);
    case TokenKind::characters:
      if (all_ws(token.text)) return in_body(token);
      break;
    case TokenKind::start_tag:
      if (token.tag == Tag::html) return in_body(token);
      break;
    case TokenKind::end_tag:
      break;
    case TokenKind::eof:
      return false;
  }
  mode_ = M::in_body;
  return true;
}

bool TreeBuilder::after_after_frameset(Token& token) {
  switch (token.kind) {
    case TokenKind::comment:
      insert_comment(token.text, root_parent_);
      return false;
    case TokenKind::doctype:
      return in_body(token);
    case TokenKind::characters: {
      const std::string ws = only_ws(token.text);
      if (!ws.empty()) {
        Token t;
        t.kind = TokenKind::characters;
        t.text = ws;
        return in_body(t);
      }
      return false;
    }
    case TokenKind::start_tag:
      if (token.tag == Tag::html) return in_body(token);
      if (token.tag == Tag::noframes) return in_head(token);
      return false;
    case TokenKind::end_tag:
    case TokenKind::eof:
      return false;
  }
  return false;
}

}  // namespace clipdown::libxml::html5

namespace clipdown::libxml {

DocPtr html5_parse(std::string_view utf8) {
  init();
  html5::Tokenizer tokenizer(utf8);
  html5::TreeBuilder builder(tokenizer);
  return builder.build();
}

DocPtr html5_parse_fragment(std::string_view utf8, std::string_view context) {
  init();
  html5::Tokenizer tokenizer(utf8);
  html5::TreeBuilder builder(tokenizer, context);
  return builder.build();
}

}  // namespace clipdown::libxml
