// The normalizer: the same rules for HTML pages and text scrapes.
//
// 1. White space: every run of white space inside a span becomes one space (a lone NBSP stays),
//    blocks lose leading/trailing white space, empty text spans and empty blocks (NBSP-only
//    lines) go. Code blocks are never touched.
// 2. Hard wraps: lines of a fixed wrap width are joined back into paragraphs, both line breaks
//    inside a paragraph and paragraphs made of consecutive source lines (text scrapes emit one
//    block per line). "exam-" + "ple" is de-hyphenated only at such a wrap.
// 3. A list item continued on the next source line is merged with it.
// 4. With dedupe_captions, a caption whose text was already seen (as a caption or an image's
//    alt text) is dropped: one hash set, linear in the page.

#include "clipdown/normalize.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "text_rules.hpp"

namespace clipdown {

namespace {

namespace tx = detail::text;
using tx::measure;
using tx::WrapLine;
using tx::wrapped_breaks;

constexpr std::string_view kNbsp = "\xc2\xa0";

bool carries_text(const Span& span) {
  return span.kind != SpanKind::line_break && span.kind != SpanKind::image;
}

// Collapses white-space runs of one span; `at_space` says whether the text before it ended
// with white space (or a block/line start), so runs across span boundaries collapse too.
std::string collapse(std::string_view text, bool& at_space) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = tx::next_code_point(text, pos);
    if (!tx::is_space(cp)) {
      out.append(text.substr(start, pos - start));
      at_space = false;
      continue;
    }
    std::size_t end = pos;
    std::size_t count = 1;
    while (end < text.size()) {
      std::size_t probe = end;
      if (!tx::is_space(tx::next_code_point(text, probe))) break;
      end = probe;
      ++count;
    }
    if (!at_space) out += (count == 1 && cp == 0xA0) ? kNbsp : std::string_view(" ");
    at_space = true;
    pos = end;
  }
  return out;
}

// Removes trailing white space (space or NBSP) of a span's text.
void trim_back(std::string& text) {
  while (!text.empty()) {
    if (text.back() == ' ') {
      text.pop_back();
    } else if (text.ends_with(kNbsp)) {
      text.resize(text.size() - kNbsp.size());
    } else {
      break;
    }
  }
}

// Removes trailing white space at the end of `spans`, dropping spans it empties.
void trim_tail(std::vector<Span>& spans) {
  while (!spans.empty() && carries_text(spans.back()) && spans.back().kind != SpanKind::code) {
    trim_back(spans.back().text);
    if (!spans.back().text.empty()) break;
    spans.pop_back();
  }
}

void clean_spans(std::vector<Span>& spans) {
  bool at_space = true;
  for (auto& span : spans) {
    if (span.kind == SpanKind::line_break) {
      at_space = true;
      continue;
    }
    if (span.kind == SpanKind::code) {
      at_space = false;
      continue;
    }
    bool image_space = true;
    span.text = collapse(span.text, span.kind == SpanKind::image ? image_space : at_space);
    if (span.kind == SpanKind::image) {
      trim_back(span.text);
      at_space = false;
    }
  }
  // Drop empty spans, trailing white space before each line break and at the end, and line
  // breaks at either end or repeated.
  std::vector<Span> kept;
  kept.reserve(spans.size());
  for (auto& span : spans) {
    if (carries_text(span) && span.text.empty()) continue;
    if (span.kind == SpanKind::line_break) {
      trim_tail(kept);
      if (kept.empty() || kept.back().kind == SpanKind::line_break) continue;
    }
    kept.push_back(std::move(span));
  }
  trim_tail(kept);
  while (!kept.empty() && kept.back().kind == SpanKind::line_break) kept.pop_back();
  spans = std::move(kept);
}

bool is_plain(const Span& span) {
  return span.kind == SpanKind::text && !span.emphasis && !span.strong && span.url.empty();
}

// Merges neighbouring plain text spans.
void merge_text_spans(std::vector<Span>& spans) {
  std::vector<Span> out;
  out.reserve(spans.size());
  for (auto& span : spans) {
    if (!out.empty() && is_plain(out.back()) && is_plain(span)) {
      out.back().text += span.text;
    } else {
      out.push_back(std::move(span));
    }
  }
  spans = std::move(out);
}

bool has_content(const Block& block) {
  switch (block.kind) {
    case BlockKind::code:
    case BlockKind::table:
    case BlockKind::image:
    case BlockKind::rule:
      return true;
    case BlockKind::paragraph:
    case BlockKind::heading:
    case BlockKind::list_item:
    case BlockKind::quote:
    case BlockKind::caption:
      break;
  }
  return std::any_of(block.spans.begin(), block.spans.end(), [](const Span& span) {
    return span.kind == SpanKind::image || (carries_text(span) && !span.text.empty());
  });
}

// --- hard wraps ---------------------------------------------------------------------------

// Appends `next` to `spans` across a wrap: a space, or nothing after a de-hyphenated word.
void join_wrapped(std::vector<Span>& spans, std::vector<Span> next, bool next_starts_lower) {
  if (!spans.empty() && carries_text(spans.back()) && spans.back().kind != SpanKind::code) {
    std::string& text = spans.back().text;
    const bool hyphen = next_starts_lower && text.size() >= 2 && text.back() == '-' &&
                        ((text[text.size() - 2] >= 'a' && text[text.size() - 2] <= 'z') ||
                         static_cast<unsigned char>(text[text.size() - 2]) >= 0x80);
    if (hyphen) {
      text.pop_back();
    } else {
      text += ' ';
    }
  } else {
    spans.push_back(Span{.text = " "});
  }
  for (auto& span : next) spans.push_back(std::move(span));
  merge_text_spans(spans);
}

// Line breaks inside one paragraph.
void unwrap_breaks(Block& block) {
  if (block.kind != BlockKind::paragraph) return;
  if (std::none_of(block.spans.begin(), block.spans.end(),
                   [](const Span& s) { return s.kind == SpanKind::line_break; })) {
    return;
  }
  std::vector<std::vector<Span>> segments(1);
  for (auto& span : block.spans) {
    if (span.kind == SpanKind::line_break) {
      segments.emplace_back();
    } else {
      segments.back().push_back(std::move(span));
    }
  }
  std::vector<WrapLine> lines;
  lines.reserve(segments.size());
  for (const auto& segment : segments) lines.push_back(measure(plain_text(segment)));
  const auto wraps = wrapped_breaks(lines);
  block.spans = std::move(segments[0]);
  for (std::size_t i = 1; i < segments.size(); ++i) {
    if (wraps[i - 1]) {
      join_wrapped(block.spans, std::move(segments[i]), lines[i].starts_lower);
    } else {
      block.spans.push_back(Span{.kind = SpanKind::line_break});
      for (auto& span : segments[i]) block.spans.push_back(std::move(span));
    }
  }
}

// The next block starts on the source line right after this one ends.
bool next_line(const Block& a, const Block& b) {
  return a.source.length > 0 && b.source.length > 0 && a.container == b.container &&
         static_cast<std::uint64_t>(a.source.offset) + a.source.length + 1 == b.source.offset;
}

bool joinable_paragraph(const Block& block) {
  return block.kind == BlockKind::paragraph && block.role == BlockRole::body;
}

// Paragraph blocks made of consecutive source lines of a fixed wrap width.
std::vector<Block> unwrap_lines(std::vector<Block> blocks) {
  std::vector<Block> out;
  out.reserve(blocks.size());
  std::size_t i = 0;
  while (i < blocks.size()) {
    std::size_t end = i + 1;
    if (joinable_paragraph(blocks[i])) {
      while (end < blocks.size() && joinable_paragraph(blocks[end]) &&
             next_line(blocks[end - 1], blocks[end])) {
        ++end;
      }
    }
    if (end - i < 2) {
      out.push_back(std::move(blocks[i]));
      i = end;
      continue;
    }
    std::vector<WrapLine> lines;
    for (std::size_t k = i; k < end; ++k) lines.push_back(measure(plain_text(blocks[k].spans)));
    const auto wraps = wrapped_breaks(lines);
    out.push_back(std::move(blocks[i]));
    for (std::size_t k = i + 1; k < end; ++k) {
      if (wraps[k - i - 1]) {
        Block& into = out.back();
        const SourceSpan next_source = blocks[k].source;
        join_wrapped(into.spans, std::move(blocks[k].spans), lines[k - i].starts_lower);
        into.source.length = next_source.offset + next_source.length - into.source.offset;
      } else {
        out.push_back(std::move(blocks[k]));
      }
    }
    i = end;
  }
  return out;
}

// A list item continued on the next source line by a paragraph starting lowercase.
std::vector<Block> merge_list_items(std::vector<Block> blocks) {
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (auto& block : blocks) {
    if (!out.empty() && out.back().kind == BlockKind::list_item && joinable_paragraph(block) &&
        out.back().role == BlockRole::body && next_line(out.back(), block) &&
        measure(plain_text(block.spans)).starts_lower) {
      Block& item = out.back();
      const SourceSpan next_source = block.source;
      join_wrapped(item.spans, std::move(block.spans), true);
      item.source.length = next_source.offset + next_source.length - item.source.offset;
      continue;
    }
    out.push_back(std::move(block));
  }
  return out;
}

// --- captions -------------------------------------------------------------------------------

std::vector<Block> dedupe_captions(std::vector<Block> blocks, std::size_t& dropped) {
  std::unordered_set<std::string> seen;
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (auto& block : blocks) {
    if (block.kind == BlockKind::image) {
      for (const auto& span : block.spans) {
        if (span.kind == SpanKind::image && !span.text.empty()) seen.insert(tx::fold(span.text));
      }
    } else if (block.kind == BlockKind::caption) {
      std::string key = tx::fold(plain_text(block.spans));
      if (!key.empty() && !seen.insert(std::move(key)).second) {
        ++dropped;
        continue;
      }
    }
    out.push_back(std::move(block));
  }
  return out;
}

}  // namespace

Page normalize(Page page, const NormalizeOptions& options) {
  std::vector<Block> blocks;
  blocks.reserve(page.blocks.size());
  std::size_t empty = 0;
  for (auto& block : page.blocks) {
    if (block.kind != BlockKind::code) {
      clean_spans(block.spans);
      for (auto& row : block.rows) {
        for (auto& cell : row) clean_spans(cell);
      }
      unwrap_breaks(block);
    }
    if (!has_content(block)) {
      ++empty;
      continue;
    }
    blocks.push_back(std::move(block));
  }
  const std::size_t before = blocks.size();
  blocks = unwrap_lines(std::move(blocks));
  blocks = merge_list_items(std::move(blocks));
  const std::size_t joined = before - blocks.size();
  std::size_t captions = 0;
  if (options.dedupe_captions) blocks = dedupe_captions(std::move(blocks), captions);
  page.blocks = std::move(blocks);
  if (empty > 0) {
    page.diagnostics.push_back(
        {Severity::note, "normalize", fmt::format("dropped {} empty blocks", empty)});
  }
  if (joined > 0) {
    page.diagnostics.push_back(
        {Severity::note, "normalize", fmt::format("joined {} hard-wrapped lines", joined)});
  }
  if (captions > 0) {
    page.diagnostics.push_back(
        {Severity::note, "normalize", fmt::format("dropped {} repeated captions", captions)});
  }
  return page;
}

}  // namespace clipdown
