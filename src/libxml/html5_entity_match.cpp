// Longest-prefix search in the sorted table of named character references: the candidate range
// narrows by one character at a time (binary search), remembering the last whole name seen.

#include <algorithm>

#include "libxml/html5_entities.hpp"

namespace clipdown::libxml::html5 {

namespace {

std::string_view name_of(const Entity& e) noexcept {
  return kEntityNames.substr(e.offset, e.length);
}

}  // namespace

const Entity* match_entity(std::string_view text) noexcept {
  const Entity* lo = kEntities.data();
  const Entity* hi = kEntities.data() + kEntities.size();
  const Entity* best = nullptr;
  for (std::size_t k = 0; lo < hi; ++k) {
    // Names in [lo, hi) all start with text[0, k); one of exactly k characters sorts first.
    if (lo->length == k) {
      best = lo;
      ++lo;
    }
    if (k >= text.size() || lo >= hi) break;
    const char c = text[k];
    lo = std::lower_bound(lo, hi, c, [k](const Entity& e, char v) { return name_of(e)[k] < v; });
    hi = std::upper_bound(lo, hi, c, [k](char v, const Entity& e) { return v < name_of(e)[k]; });
  }
  return best;
}

}  // namespace clipdown::libxml::html5
