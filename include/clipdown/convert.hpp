#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown {

/// The result of converting one page.
struct Result {
  Document document;                    ///< metadata and article blocks
  std::string markdown;                 ///< the written output (front matter + body)
  std::vector<Diagnostic> diagnostics;  ///< from every stage, in pipeline order
  InputKind kind = InputKind::text;     ///< what the input was read as
};

/// Runs the whole pipeline on raw bytes: decode, tokenize, normalize, extract, write.
/// Throws clipdown::Error only when no result can be produced.
Result convert(std::string_view bytes, const Options& options);

/// The library version ("0.1.0").
std::string_view version();

}  // namespace clipdown
