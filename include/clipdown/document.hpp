#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clipdown {

/// Kinds of inline content.
enum class SpanKind : std::uint8_t {
  text,        ///< plain text
  emphasis,    ///< *text*
  strong,      ///< **text**
  code,        ///< `text`
  link,        ///< [text](url)
  image,       ///< ![text](url): text is the alt text
  line_break,  ///< hard line break inside a block
};

/// One run of inline content. Nesting is flattened: a strong link is a link span with `strong`.
struct Span {
  SpanKind kind = SpanKind::text;
  std::string text;       ///< plain UTF-8; only the Markdown writer escapes
  std::string url;        ///< link target or image source
  bool emphasis = false;  ///< also emphasised (for link/code spans inside <em>)
  bool strong = false;    ///< also strong (for link/code spans inside <strong>)
  friend bool operator==(const Span&, const Span&) = default;
};

/// Kinds of block.
enum class BlockKind : std::uint8_t {
  paragraph,
  heading,    ///< level 1-6
  list_item,  ///< level = nesting depth (1 = top), `ordered`, `number`, `list` id
  quote,      ///< block quote paragraph; level = quote depth
  code,       ///< preformatted text in spans[0].text; `info` = language
  table,      ///< `cells`; the first `header_rows` rows are the header
  image,      ///< a standalone image: one image span
  caption,    ///< figure caption / photo caption, written emphasised
  rule,       ///< thematic break
};

/// What the tokenizer believes a block is, before extraction judges it. Text scrapes use all of
/// them; HTML uses `body`, `title` (the h1 headline) and `byline`/`dateline` from markup.
enum class BlockRole : std::uint8_t {
  body,      ///< candidate article content
  title,     ///< the headline (kept out of the body, feeds metadata)
  byline,    ///< "By A and B", an author line
  dateline,  ///< a publication date line
  credit,    ///< "Source(s): Reuters", photo credit lines
  chrome,    ///< navigation, share bars, "READ MORE" blocks, footers
};

/// Byte range in the decoded UTF-8 input, for diagnostics.
struct SourceSpan {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t line = 0;  ///< 1-based input line it starts on (text input; 0: not known)
  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

/// One table cell: inline content.
using Cell = std::vector<Span>;
/// One table row.
using Row = std::vector<Cell>;

/// One block of the page, with its inline content.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  BlockRole role = BlockRole::body;
  int level = 0;                ///< heading level 1-6, list depth, or quote depth
  bool ordered = false;         ///< list item of an ordered list
  int number = 0;               ///< ordinal of an ordered list item (first item's start)
  std::uint32_t list = 0;       ///< id of the list an item belongs to (adjacent lists differ)
  std::string info;             ///< code block language
  std::vector<Span> spans;      ///< inline content (code blocks: one text span)
  std::vector<Row> rows;        ///< table rows
  int header_rows = 0;          ///< how many leading rows are header rows
  std::uint32_t container = 0;  ///< innermost HTML container in Page::containers (0: none)
  SourceSpan source{};          ///< byte range in the decoded input, for diagnostics
  std::string reason;           ///< why a tokenizer gave it a non-body role (for --explain)
  friend bool operator==(const Block&, const Block&) = default;
};

/// What extraction needs of the HTML tree, kept after the tree is freed. Index 0 is the root
/// (the document itself); every other container's parent has a smaller index.
struct Container {
  std::uint32_t parent = 0;
  std::string tag;    ///< "article", "div", "aside", ...
  std::string hints;  ///< class/id/role/itemprop tokens, lowercased, space separated
  friend bool operator==(const Container&, const Container&) = default;
};

/// A piece of metadata evidence; `key` names where it came from. The keys tokenizers emit:
///   HTML  "html:title" (<title>), "html:h1" (each <h1> text), "html:lang" (<html lang>),
///         "meta:NAME" for every <meta name|property|itemprop=NAME content=...> with NAME
///           lowercased ("meta:og:title", "meta:article:published_time", "meta:author",
///           "meta:twitter:title", "meta:parsely-author", "meta:dc.creator", ...),
///         "jsonld" (the raw text of each <script type="application/ld+json">),
///         "itemtype" (each microdata itemtype attribute, e.g. "https://schema.org/QAPage"),
///         "itemprop:NAME" (microdata outside <meta>: content/datetime attribute or the text),
///         "time:datetime" (each <time datetime>), "time:text" (its visible text),
///         "rel:author" (text of <a rel=author>), "html:byline" (short visible text of an
///         element whose class/id says byline/author), "html:dateline" (short visible text of
///         an element whose class/id says date/published/timestamp),
///         "link:canonical", "base:href"
///   text  "text:title", "text:byline", "text:dateline", "text:source" (from "Source(s): X"),
///         "text:agency" (from a "(Reuters) -" wire dateline), "text:site" (the site name
///         voted from copyright lines, logo text and "About X"-style chrome)
struct MetaHint {
  std::string key;
  std::string value;
  friend bool operator==(const MetaHint&, const MetaHint&) = default;
};

/// How serious a diagnostic is. Neither stops a conversion.
enum class Severity : std::uint8_t { note, warning };

/// Something a stage noticed: a repaired byte sequence, a dropped block. Never a failure.
struct Diagnostic {
  Severity severity = Severity::note;
  std::string stage;    ///< "decode", "tokenize", "normalize", "extract", "write"
  std::string message;  ///< one line, no trailing period
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// Tokenizer output: what the page says, before any judgement.
struct Page {
  std::vector<Block> blocks;
  std::vector<Container> containers;    ///< a flat summary of the DOM (empty for text input)
  std::vector<MetaHint> hints;          ///< metadata evidence in document order
  std::vector<Diagnostic> diagnostics;  ///< notes and warnings, never failures
  std::string base_url;                 ///< base for relative links, when known
};

/// Resolved metadata. Empty means unknown. `*_from` names the winning hint key.
struct Metadata {
  std::string title;
  std::vector<std::string> authors;
  std::string date;     ///< publication: YYYY-MM-DD or RFC 3339 with offset
  std::string updated;  ///< last modification, later than `date`; same forms
  std::string source;
  std::string url;
  std::string description;
  std::string image;
  std::string lang;
  std::vector<std::string> tags;
  std::string title_from;
  std::string author_from;
  std::string date_from;
  std::string updated_from;
  std::string source_from;
  friend bool operator==(const Metadata&, const Metadata&) = default;
};

/// What kind of page the article comes from, decided before extraction from structural
/// evidence (schema.org types, repeated posts, teasers, code without a byline).
enum class PageType : std::uint8_t {
  article,        ///< one text: news story, blog post, essay (and the fallback)
  forum,          ///< a thread: a question or opening post and its replies
  documentation,  ///< reference or manual pages: code, no byline or date
  listing,        ///< a list of teasers linking to other pages (index, search, tag page)
};

/// Extraction output: the article.
struct Document {
  PageType type = PageType::article;
  std::string type_evidence;  ///< the evidence that decided `type`, for --explain
  Metadata meta;
  std::vector<Block> blocks;
  std::vector<Diagnostic> diagnostics;
};

/// Names of enumerators, for dumps and diagnostics.
std::string_view to_string(BlockKind kind);
/// Names of enumerators, for dumps and diagnostics.
std::string_view to_string(BlockRole role);
/// Names of enumerators, for dumps and diagnostics.
std::string_view to_string(SpanKind kind);
/// Names of enumerators, for dumps, diagnostics and the JSON "type" field.
std::string_view to_string(PageType type);

/// One line per block ("paragraph[c3] text…"), for tests and `--dump-blocks`.
std::string dump_blocks(const std::vector<Block>& blocks);

/// The plain text of a run of spans (no markup), for scoring and comparisons.
std::string plain_text(const std::vector<Span>& spans);

}  // namespace clipdown
