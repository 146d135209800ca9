#pragma once

// The two halves of the extract stage, each in its own file:
//   extract_html.cpp  main content of HTML pages (container scoring + block pruning)
//   extract_text.cpp  main content of text scrapes (line roles + article region)
//   metadata.cpp      resolve_metadata() (declared in clipdown/extract.hpp)
// extract.cpp only dispatches between them.

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown::detail {

/// `text` shortened for an --explain note (at most a line's worth, cut at a character).
std::string explain_quote(std::string_view text);

/// A page type and the evidence that decided it.
struct PageVerdict {
  PageType type = PageType::article;
  std::string evidence;
};

/// Decides the page type of an HTML page (Page::containers non-empty) from structural evidence
/// and the resolved metadata (extract_type.cpp). Reads the page only.
PageVerdict decide_page_type(const Page& page, const Metadata& meta);

/// Whether the page's schema.org markup (JSON-LD or microdata hints) declares a discussion
/// thread: DiscussionForumPosting or QAPage. Reads `hints` only, so the tokenizer can ask.
bool declares_thread(const std::vector<MetaHint>& hints);

/// Picks the article blocks of an HTML page (Page::containers non-empty). `meta` is already
/// resolved (e.g. to drop the headline block). Decisions go to `diagnostics` when
/// options.explain is set. `type` steers the rules (a forum's posts join from anywhere).
std::vector<Block> select_html_content(Page& page, const Metadata& meta,
                                       const ExtractOptions& options,
                                       std::vector<Diagnostic>& diagnostics,
                                       PageType type = PageType::article);

/// Picks the article blocks of a text scrape (no containers): drops title/byline/chrome roles
/// and the menus, related lists and footers around the article.
std::vector<Block> select_text_content(Page& page, const Metadata& meta,
                                       const ExtractOptions& options,
                                       std::vector<Diagnostic>& diagnostics);

}  // namespace clipdown::detail
