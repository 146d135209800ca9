#include "clipdown/extract.hpp"

#include "extract_internal.hpp"

namespace clipdown {

Document extract(Page page, const ExtractOptions& options) {
  Document doc;
  doc.meta = resolve_metadata(page.hints);
  if (!options.main_content) {
    for (auto& block : page.blocks) {
      if (block.role == BlockRole::body) doc.blocks.push_back(std::move(block));
    }
    return doc;
  }
  if (!page.containers.empty()) {
    detail::PageVerdict verdict = detail::decide_page_type(page, doc.meta);
    doc.type = verdict.type;
    doc.type_evidence = std::move(verdict.evidence);
    if (options.explain) {
      doc.diagnostics.push_back(Diagnostic{
          .severity = Severity::note,
          .stage = "extract",
          .message = "type: " + std::string(to_string(doc.type)) + " (" + doc.type_evidence + ")"});
    }
  }
  doc.blocks =
      page.containers.empty()
          ? detail::select_text_content(page, doc.meta, options, doc.diagnostics)
          : detail::select_html_content(page, doc.meta, options, doc.diagnostics, doc.type);
  if (doc.blocks.empty()) {
    doc.diagnostics.push_back(Diagnostic{
        .severity = Severity::warning, .stage = "extract", .message = "no article text found"});
  }
  return doc;
}

}  // namespace clipdown
