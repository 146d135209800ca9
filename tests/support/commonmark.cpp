#include "support/commonmark.hpp"

#include <memory>
#include <string>

#include <cmark-gfm.h>
#include <cmark-gfm/cmark-gfm-extension_api.h>

extern "C" {
// Declared by cmark-gfm-core-extensions.h, which Debian does not ship.
void cmark_gfm_core_extensions_ensure_registered(void);  // NOLINT(readability-identifier-naming)
}

namespace clipdown::test {

namespace {

struct ParserDeleter {
  void operator()(cmark_parser* p) const noexcept { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const noexcept { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const noexcept { cmark_iter_free(i); }
};

std::unique_ptr<cmark_node, NodeDeleter> parse(std::string_view markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  std::unique_ptr<cmark_parser, ParserDeleter> parser{cmark_parser_new(CMARK_OPT_DEFAULT)};
  for (const char* name : {"table", "strikethrough"}) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    if (extension != nullptr) cmark_parser_attach_syntax_extension(parser.get(), extension);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  return std::unique_ptr<cmark_node, NodeDeleter>{cmark_parser_finish(parser.get())};
}

bool is_block(cmark_node* node) {
  return (static_cast<unsigned>(cmark_node_get_type(node)) & CMARK_NODE_TYPE_MASK) ==
         CMARK_NODE_TYPE_BLOCK;
}

}  // namespace

std::string normalize_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string commonmark_text(std::string_view markdown) {
  auto root = parse(markdown);
  std::unique_ptr<cmark_iter, IterDeleter> iter{cmark_iter_new(root.get())};
  std::string out;
  cmark_event_type event = CMARK_EVENT_NONE;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK ||
          type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK) {
        const char* literal = cmark_node_get_literal(node);
        if (literal != nullptr) out += literal;
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        out += ' ';
      }
      if (is_block(node)) out += ' ';
    } else if (event == CMARK_EVENT_EXIT && is_block(node)) {
      out += ' ';
    }
    // Table cells are extension blocks: they are blocks by the mask above, so they get spaces.
  }
  return normalize_space(out);
}

std::string commonmark_tree(std::string_view markdown) {
  auto root = parse(markdown);
  std::unique_ptr<cmark_iter, IterDeleter> iter{cmark_iter_new(root.get())};
  std::string out;
  int depth = 0;
  cmark_event_type event = CMARK_EVENT_NONE;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (node == root.get()) continue;
    const bool leaf = cmark_node_first_child(node) == nullptr;
    if (event == CMARK_EVENT_ENTER) {
      out += std::string(static_cast<std::size_t>(depth) * 2, ' ');
      out += cmark_node_get_type_string(node);
      out += '\n';
      if (!leaf) ++depth;
    } else if (event == CMARK_EVENT_EXIT && !leaf) {
      --depth;
    }
  }
  return out;
}

std::string document_text(const std::vector<Block>& blocks, const MarkdownOptions& options,
                          std::string_view title) {
  std::string out;
  if (options.title_heading) {
    out += title;
    out += ' ';
  }
  const auto spans_text = [&](const std::vector<Span>& spans) {
    std::string text;
    for (const auto& span : spans) {
      if (span.kind == SpanKind::line_break) {
        text += ' ';
      } else if (span.kind == SpanKind::image) {
        if (options.images && !span.url.empty()) text += span.text;
      } else {
        text += span.text;
      }
    }
    return text;
  };
  for (const auto& block : blocks) {
    switch (block.kind) {
      case BlockKind::caption:
        if (!options.captions) continue;
        break;
      case BlockKind::image:
        if (!options.images) continue;
        break;
      case BlockKind::table:
        for (const auto& row : block.rows) {
          for (const auto& cell : row) out += ' ' + spans_text(cell) + ' ';
        }
        continue;
      case BlockKind::rule:
        continue;
      case BlockKind::paragraph:
      case BlockKind::heading:
      case BlockKind::list_item:
      case BlockKind::quote:
      case BlockKind::code:
        break;
    }
    out += ' ' + spans_text(block.spans) + ' ';
  }
  return normalize_space(out);
}

}  // namespace clipdown::test
