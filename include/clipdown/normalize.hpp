#pragma once

#include "clipdown/document.hpp"
#include "clipdown/options.hpp"

namespace clipdown {

/// Rebuilds paragraphs split by the layout (hard wraps, NBSP, stray white space), collapses
/// duplicated captions and merges split list items.
Page normalize(Page page, const NormalizeOptions& options);

}  // namespace clipdown
