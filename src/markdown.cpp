#include "clipdown/markdown.hpp"

namespace clipdown {

// STUB: replaced by the real writer.
std::string write_body(const std::vector<Block>& blocks, const MarkdownOptions& /*options*/) {
  std::string out;
  for (const auto& block : blocks) {
    if (!out.empty()) out += '\n';
    out += plain_text(block.spans);
    out += '\n';
  }
  return out;
}

std::string write_front_matter(const Metadata& meta, const MarkdownOptions& /*options*/) {
  return "---\ntitle: " + json_string(meta.title) + "\n---\n\n";
}

std::string write_markdown(const Document& document, const MarkdownOptions& options) {
  return write_front_matter(document.meta, options) + write_body(document.blocks, options);
}

std::string escape_markdown(std::string_view text, bool /*line_start*/) { return std::string(text); }
std::string yaml_scalar(std::string_view value) { return json_string(value); }
std::string json_string(std::string_view value) { return "\"" + std::string(value) + "\""; }

}  // namespace clipdown
