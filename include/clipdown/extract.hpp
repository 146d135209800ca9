#pragma once

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown {

/// Decides which blocks are the article (main-content scoring over the container summary and
/// chrome patterns) and resolves the metadata hints into one Metadata by a ranked rule.
Document extract(Page page, const ExtractOptions& options);

/// Resolves metadata hints alone (the metadata half of extract()).
Metadata resolve_metadata(const std::vector<MetaHint>& hints);

}  // namespace clipdown
