#include "clipdown/extract.hpp"

namespace clipdown {

// STUB: replaced by the ranked metadata resolver.
Metadata resolve_metadata(const std::vector<MetaHint>& hints) {
  Metadata meta;
  for (const auto& hint : hints) {
    if ((hint.key == "text:title" || hint.key == "html:title") && meta.title.empty()) {
      meta.title = hint.value;
    }
  }
  return meta;
}

}  // namespace clipdown
