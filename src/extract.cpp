#include "clipdown/extract.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract_internal.hpp"
#include "metadata_internal.hpp"

namespace clipdown {

namespace {

/// A description this long is a sentence about the page, not a counter ("12 comments").
constexpr std::size_t kMinDescriptionWords = 8;

/// One resolved field and the hint key it came from, for --explain.
struct Field {
  std::string_view name;
  const std::string* value;
  const std::string* from;
};

/// --explain: where each resolved field came from ("date: 2024-03-01 (from jsonld)").
void explain_metadata(const Metadata& meta, std::vector<Diagnostic>& diagnostics) {
  std::string authors;
  for (const auto& author : meta.authors) authors += (authors.empty() ? "" : "; ") + author;
  const auto fields = std::to_array<Field>({
      {"title", &meta.title, &meta.title_from},
      {"author", &authors, &meta.author_from},
      {"date", &meta.date, &meta.date_from},
      {"updated", &meta.updated, &meta.updated_from},
      {"source", &meta.source, &meta.source_from},
  });
  for (const auto& field : fields) {
    if (field.value->empty()) continue;
    std::string message = std::string(field.name) + ": " + *field.value;
    if (!field.from->empty()) message += " (from " + *field.from + ")";
    diagnostics.push_back(
        Diagnostic{.severity = Severity::note, .stage = "metadata", .message = std::move(message)});
  }
}

}  // namespace

Document extract(Page page, const ExtractOptions& options) {
  Document doc;
  doc.meta = resolve_metadata(page.hints);
  if (options.explain) explain_metadata(doc.meta, doc.diagnostics);
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
    // Every post of a thread names its author; the thread's author is the first post's.
    if (doc.type == PageType::forum && doc.meta.authors.size() > 1) doc.meta.authors.resize(1);
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
  if (doc.blocks.empty() && meta::word_count(doc.meta.description) >= kMinDescriptionWords) {
    // A page that holds no text of its own (a script-rendered shell saved before it ran) still
    // says what it is in its description: better that than an empty article.
    doc.blocks.push_back(
        Block{.kind = BlockKind::paragraph,
              .spans = {Span{.kind = SpanKind::text, .text = doc.meta.description}}});
    doc.diagnostics.push_back(
        Diagnostic{.severity = Severity::warning,
                   .stage = "extract",
                   .message = "no article text found; the body is the page's description"});
  } else if (doc.blocks.empty()) {
    doc.diagnostics.push_back(Diagnostic{
        .severity = Severity::warning, .stage = "extract", .message = "no article text found"});
  }
  return doc;
}

}  // namespace clipdown
