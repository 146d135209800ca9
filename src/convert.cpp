#include "clipdown/convert.hpp"

#include "clipdown/decode.hpp"
#include "clipdown/extract.hpp"
#include "clipdown/markdown.hpp"
#include "clipdown/normalize.hpp"
#include "clipdown/tokenize.hpp"
#include "url.hpp"

namespace clipdown {

namespace {

void append(std::vector<Diagnostic>& to, std::vector<Diagnostic>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  from.clear();
}

}  // namespace

Result convert(std::string_view bytes, const Options& options) {
  Result result;
  Decoded decoded = decode(bytes, options.decode);
  result.kind = decoded.kind;
  append(result.diagnostics, decoded.diagnostics);

  // An MHTML file names the page's address: the base for its links unless --url says otherwise.
  const bool located = options.tokenize.base_url.empty() && is_http_url(decoded.location);
  TokenizeOptions located_options;
  if (located) {
    located_options = options.tokenize;
    located_options.base_url = decoded.location;
  }
  const TokenizeOptions& tokenize_options = located ? located_options : options.tokenize;
  Page page = decoded.kind == InputKind::html ? tokenize_html(decoded.utf8, tokenize_options)
                                              : tokenize_text(decoded.utf8, tokenize_options);
  append(result.diagnostics, page.diagnostics);
  page = normalize(std::move(page), options.normalize);
  append(result.diagnostics, page.diagnostics);
  result.document = extract(std::move(page), options.extract);
  append(result.diagnostics, result.document.diagnostics);
  // An address given by the user outranks whatever the page claims about itself; only an
  // http(s) one is an address (a javascript: "URL" is neither a base nor a `url` key).
  if (is_http_url(options.tokenize.base_url)) {
    result.document.meta.url = options.tokenize.base_url;
  } else if (located && result.document.meta.url.empty()) {
    result.document.meta.url = decoded.location;
  } else if (!options.tokenize.base_url.empty()) {
    result.diagnostics.push_back(
        {Severity::warning, "convert", "ignored the page address: not an http: or https: URL"});
  }
  result.markdown = write_markdown(result.document, options.markdown);
  return result;
}

std::string_view version() {
  return CLIPDOWN_VERSION;
}

}  // namespace clipdown
