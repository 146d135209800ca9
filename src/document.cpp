#include "clipdown/document.hpp"

#include <fmt/core.h>

namespace clipdown {

std::string_view to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::paragraph:
      return "paragraph";
    case BlockKind::heading:
      return "heading";
    case BlockKind::list_item:
      return "list_item";
    case BlockKind::quote:
      return "quote";
    case BlockKind::code:
      return "code";
    case BlockKind::table:
      return "table";
    case BlockKind::image:
      return "image";
    case BlockKind::caption:
      return "caption";
    case BlockKind::rule:
      return "rule";
  }
  return "?";
}

std::string_view to_string(BlockRole role) {
  switch (role) {
    case BlockRole::body:
      return "body";
    case BlockRole::title:
      return "title";
    case BlockRole::byline:
      return "byline";
    case BlockRole::dateline:
      return "dateline";
    case BlockRole::credit:
      return "credit";
    case BlockRole::chrome:
      return "chrome";
  }
  return "?";
}

std::string_view to_string(SpanKind kind) {
  switch (kind) {
    case SpanKind::text:
      return "text";
    case SpanKind::emphasis:
      return "emphasis";
    case SpanKind::strong:
      return "strong";
    case SpanKind::code:
      return "code";
    case SpanKind::link:
      return "link";
    case SpanKind::image:
      return "image";
    case SpanKind::line_break:
      return "line_break";
  }
  return "?";
}

std::string_view to_string(PageType type) {
  switch (type) {
    case PageType::article:
      return "article";
    case PageType::forum:
      return "forum";
    case PageType::documentation:
      return "documentation";
    case PageType::listing:
      return "listing";
  }
  return "?";
}

std::string plain_text(const std::vector<Span>& spans) {
  std::string out;
  for (const auto& span : spans) {
    if (span.kind == SpanKind::line_break) {
      out += '\n';
    } else if (span.kind != SpanKind::image) {
      out += span.text;
    }
  }
  return out;
}

std::string dump_blocks(const std::vector<Block>& blocks) {
  std::string out;
  for (const auto& block : blocks) {
    out += fmt::format("{}", to_string(block.kind));
    if (block.level != 0) out += fmt::format(" L{}", block.level);
    if (block.role != BlockRole::body) out += fmt::format(" ({})", to_string(block.role));
    if (block.container != 0) out += fmt::format(" [c{}]", block.container);
    if (block.kind == BlockKind::table) {
      out += fmt::format(" {} rows", block.rows.size());
    }
    out += ' ';
    for (const auto& span : block.spans) {
      switch (span.kind) {
        case SpanKind::text:
          out += span.text;
          break;
        case SpanKind::emphasis:
          out += fmt::format("<em>{}</em>", span.text);
          break;
        case SpanKind::strong:
          out += fmt::format("<strong>{}</strong>", span.text);
          break;
        case SpanKind::code:
          out += fmt::format("<code>{}</code>", span.text);
          break;
        case SpanKind::link:
          out += fmt::format("<a {}>{}</a>", span.url, span.text);
          break;
        case SpanKind::image:
          out += fmt::format("<img {} \"{}\">", span.url, span.text);
          break;
        case SpanKind::line_break:
          out += "<br>";
          break;
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace clipdown
