#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace clipdown {

/// What the input is; `automatic` sniffs it from the content.
enum class InputKind : std::uint8_t { automatic, html, text };

/// Options of the decode stage.
struct DecodeOptions {
  InputKind kind = InputKind::automatic;  ///< force HTML or text instead of sniffing
  std::string charset;                    ///< force a charset (e.g. "windows-1252"); empty: detect
  std::string name;                       ///< file name, for extension hints ("page.txt")
};

/// Options of the tokenizers.
struct TokenizeOptions {
  std::string base_url;  ///< base for relative links (overrides <base href> and og:url)
};

/// Options of the normalizer.
struct NormalizeOptions {
  bool dedupe_captions = true;  ///< collapse a photo caption repeated right after itself
};

/// Options of the extraction stage.
struct ExtractOptions {
  bool main_content = true;  ///< pick the article container; false keeps every body block
  bool explain = false;      ///< record every decision as a note diagnostic
};

/// Front-matter syntax.
enum class FrontMatter : std::uint8_t { yaml, toml, json, none };

/// Options of the Markdown writer.
struct MarkdownOptions {
  FrontMatter front_matter = FrontMatter::yaml;
  bool title_heading = false;  ///< start the body with "# Title"
  bool captions = true;        ///< keep caption blocks
  bool links = true;           ///< keep link targets (false: link text only)
  bool images = true;          ///< keep images
  int wrap = 0;                ///< wrap paragraphs at this column (0: never)
  std::vector<std::pair<std::string, std::string>> extra_meta;  ///< appended front-matter keys
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
