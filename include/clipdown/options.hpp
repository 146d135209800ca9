#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace clipdown {

/// What the input is; `automatic` sniffs it from the content.
enum class InputKind : std::uint8_t { automatic, html, text };

/// Default for DecodeOptions::max_bytes (--max-input-size): 256 MiB.
inline constexpr std::size_t kDefaultMaxInputBytes = std::size_t{256} << 20U;
/// The largest DecodeOptions::max_bytes accepted (DESIGN: inputs over 2 GiB are refused).
inline constexpr std::size_t kMaxInputBytesLimit = std::size_t{2} << 30U;

/// Options of the decode stage.
struct DecodeOptions {
  InputKind kind = InputKind::automatic;  ///< force HTML or text instead of sniffing
  std::string charset;                    ///< force a charset (e.g. "windows-1252"); empty: detect
  /// The charset the page's HTTP response declared (a WARC record's Content-Type): outranks
  /// <meta> declarations and detection, as in a browser, but not a byte order mark.
  std::string transport_charset;
  std::string name;  ///< file name, for extension hints ("page.txt")
  /// Inputs, and gzip data once inflated, larger than this are refused (at most
  /// kMaxInputBytesLimit).
  std::size_t max_bytes = kDefaultMaxInputBytes;
};

/// Options of the tokenizers.
/// The syntax a text scrape is read in (--from markdown|lynx|w3m|plain).
enum class TextSyntax : std::uint8_t {
  automatic,  ///< recognised from the text: Markdown, a lynx or w3m dump, else plain
  plain,      ///< lines of plain text (a browser's select-all/copy, innerText)
  markdown,   ///< Markdown (html2text, Jina Reader, Firecrawl)
  lynx,       ///< `lynx -dump`, with or without its link list
  w3m,        ///< `w3m -dump`
};

struct TokenizeOptions {
  std::string base_url;  ///< base for relative links (overrides <base href> and og:url)
  TextSyntax text_syntax = TextSyntax::automatic;  ///< how a text scrape is written
  /// A browser's "Save page complete" folder beside the page ("Page_files"): relative links
  /// into it are local files, never resolved against the page's address; they are written
  /// with `asset_path` (the folder as seen from the output, e.g. "../saved/Page_files") in
  /// place of the folder name. Empty: none.
  std::string asset_folder;
  std::string asset_path;
};

/// Options of the normalizer.
struct NormalizeOptions {
  bool dedupe_captions = true;  ///< collapse a photo caption repeated right after itself
};

/// Options of the extraction stage.
/// What extraction gives up when unsure (--favor).
enum class Favor : std::uint8_t {
  balance,    ///< the default, tuned for F1
  precision,  ///< lose a little text rather than keep chrome: no captions, no short fragments
  recall,     ///< keep a little chrome rather than lose text: all prose outside boilerplate too
};

struct ExtractOptions {
  bool main_content = true;  ///< pick the article container; false keeps every body block
  bool explain = false;      ///< record every decision as a note diagnostic
  Favor favor = Favor::balance;
};

/// Front-matter syntax.
enum class FrontMatter : std::uint8_t { yaml, toml, json, none };

/// A Metadata field that a front-matter key writes.
enum class MetaField : std::uint8_t {
  title,
  author,
  date,
  updated,
  source,
  url,
  description,
  image,
  lang,
  tags
};

/// How a front-matter key writes its field.
enum class FieldShape : std::uint8_t {
  scalar,     ///< one value; several values (authors) become a list
  list,       ///< always a list, even of one value
  wikilinks,  ///< always a list, each value written as an Obsidian link "[[value]]"
  day,        ///< a date cut to YYYY-MM-DD (for fields typed "date", not "date-time")
  joined,     ///< always one string: several values joined ("A, B and C")
};

/// One key of a front-matter dialect: which field it writes, under which name, in which shape.
struct FrontMatterKey {
  MetaField field = MetaField::title;
  std::string key;                        ///< the key as written
  FieldShape shape = FieldShape::scalar;  ///< how the value is written
  std::string table;                      ///< "": top level; else the table it is nested in
  bool required = false;                  ///< written as "" when the field is unknown
};

/// A key with a fixed value (Jekyll's `layout: post`, Obsidian's `tags: [clippings]`). A
/// value of exactly `true`/`false` or a decimal integer is written typed, like `extra_meta`.
struct FrontMatterConstant {
  std::string key;                  ///< the key as written
  std::vector<std::string> values;  ///< its value (several: a list)
  bool list = false;                ///< a list even with one value
  std::string table;                ///< "": top level; else the table it is nested in
};

/// The key names and shapes a site generator expects (see the presets in src/cli/presets.cpp).
/// The default value writes DESIGN's standard keys.
struct FrontMatterDialect {
  std::vector<FrontMatterKey> keys;            ///< in order; empty: the standard keys
  std::vector<FrontMatterConstant> constants;  ///< written after `keys`, before extra keys
  /// When not empty, the only keys allowed at the top level: extra keys not listed here go
  /// into `extra_table` (Zola rejects unknown top-level keys).
  std::vector<std::string> top_level;
  std::string extra_table;  ///< where disallowed extra keys go (e.g. "extra")
};

/// Template syntax a site generator reads in a Markdown body, which the writer makes inert.
enum class BodyTemplates : std::uint8_t {
  none,  ///< nothing (plain CommonMark readers; Jekyll and Eleventy are told in front matter)
  hugo,  ///< Hugo shortcodes: {{< x >}}, {{% x %}}
  zola,  ///< Zola shortcodes: {{ f(k=v) }}, {% f() %}...{% end %}
};

/// Options of the Markdown writer.
struct MarkdownOptions {
  FrontMatter front_matter = FrontMatter::yaml;
  bool title_heading = false;  ///< start the body with "# Title"
  bool captions = true;        ///< keep caption blocks
  bool links = true;           ///< keep link targets (false: link text only)
  bool images = true;          ///< keep images
  int wrap = 0;                ///< wrap paragraphs at this column (0: never)
  /// Extra front-matter keys, written after the dialect's keys. A key equal to one of the
  /// dialect's keys (or constants) replaces its value in place; an empty value removes it. A
  /// value of exactly `true`/`false` or a decimal integer is written as a boolean or number.
  std::vector<std::pair<std::string, std::string>> extra_meta;
  FrontMatterDialect dialect;  ///< key names and shapes (default: DESIGN's standard keys)
  /// Template syntax of the target generator: text in the body that looks like it stays text.
  BodyTemplates templates = BodyTemplates::none;
  /// Write the front-matter block (its delimiters) even when no key is known: a generator may
  /// refuse a page without one (Zola). Set by a preset or an explicit --front-matter.
  bool always_front_matter = false;
};

/// Options of the whole pipeline.
struct Options {
  DecodeOptions decode;
  TokenizeOptions tokenize;
  NormalizeOptions normalize;
  ExtractOptions extract;
  MarkdownOptions markdown;
};

}  // namespace clipdown
