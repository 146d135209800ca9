// The plain-text writer (--format text): the article with no markup at all, for readers,
// search indexes and language tools. The title comes first, then one paragraph per block,
// separated by blank lines; consecutive list items stay on consecutive lines.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clipdown/markdown.hpp"

namespace clipdown {

namespace {

// Table cells are separated by a tab, so columns survive for `cut -f` without any markup.
constexpr char kCellSeparator = '\t';

/// Display columns of UTF-8 text (one per code point).
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

/// Collapses blanks, keeps line breaks, and trims every line.
std::string flow(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && out.back() != '\n') out += '\n';
      pending_space = false;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty() && out.back() != '\n';
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

/// Greedy wrap of one line at `width` columns, breaking only at spaces (0: never).
void wrap_into(std::string& out, std::string_view line, int width) {
  if (width <= 0 || columns(line) <= static_cast<std::size_t>(width)) {
    out += line;
    return;
  }
  const auto limit = static_cast<std::size_t>(width);
  std::size_t used = 0;
  std::size_t start = 0;
  bool first = true;
  while (start < line.size()) {
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view word = line.substr(start, end - start);
    const std::size_t w = columns(word);
    if (!first && used + 1 + w > limit) {
      out += '\n';
      used = 0;
    } else if (!first) {
      out += ' ';
      ++used;
    }
    out += word;
    used += w;
    first = false;
    start = end + 1;
  }
}

/// Appends text, wrapping each of its lines.
void append_wrapped(std::string& out, std::string_view text, int width) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (start > 0) out += '\n';
    wrap_into(out, text.substr(start, end - start), width);
    start = end + 1;
  }
}

std::string code_text(const Block& block) {
  std::string code;
  for (const auto& span : block.spans) code += span.text;
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    if (c != '\r') out += c;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  std::size_t first = 0;
  while (first < out.size() && out[first] == '\n') ++first;
  return out.substr(first);
}

std::string table_text(const Block& block) {
  std::string out;
  for (const auto& row : block.rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += kCellSeparator;
      std::string cell = flow(plain_text(row[c]));
      for (auto& ch : cell) {
        if (ch == '\n') ch = ' ';
      }
      line += cell;
    }
    if (line.find_first_not_of(kCellSeparator) == std::string::npos) continue;
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

/// The line under the title: "By Jane Roe and John Doe · 2024-03-01 · Harbour Notes", with
/// the parts the page gives.
std::string credit_line(const Metadata& meta) {
  std::string out;
  const auto part = [&out](const std::string& text) {
    if (text.empty()) return;
    if (!out.empty()) out += " \u00b7 ";
    out += text;
  };
  const std::string authors = join_names(meta.authors);
  part(authors.empty() ? authors : "By " + authors);
  part(meta.date);
  part(meta.source);
  return out;
}

}  // namespace

std::string write_text(const Document& document, const MarkdownOptions& options) {
  std::string out;
  bool last_was_item = false;
  const auto add = [&out, &last_was_item, &options](const std::string& text, bool item, bool wrap) {
    if (text.empty()) return;
    if (!out.empty()) out += item && last_was_item ? "\n" : "\n\n";
    if (wrap) {
      append_wrapped(out, text, options.wrap);
    } else {
      out += text;
    }
    last_was_item = item;
  };
  add(flow(document.meta.title), false, true);
  add(credit_line(document.meta), false, true);
  for (const auto& block : document.blocks) {
    switch (block.kind) {
      case BlockKind::paragraph:
      case BlockKind::heading:
      case BlockKind::quote:
        add(flow(plain_text(block.spans)), false, true);
        break;
      case BlockKind::list_item:
        add(flow(plain_text(block.spans)), true, true);
        break;
      case BlockKind::caption:
        if (options.captions) add(flow(plain_text(block.spans)), false, true);
        break;
      case BlockKind::code:
        add(code_text(block), false, false);
        break;
      case BlockKind::table:
        add(table_text(block), false, false);
        break;
      case BlockKind::image:
      case BlockKind::rule:
        break;
    }
  }
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace clipdown
