#include "libxml/arena.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>

#include <libxml/xmlmemory.h>

#include "libxml/doc.hpp"

namespace clipdown::libxml {

namespace {

// Every block starts 16-byte aligned (as malloc's) after an 8-byte header holding its size,
// which reallocation needs.
constexpr std::size_t kAlign = 16;
constexpr std::size_t kHeader = sizeof(std::size_t);
// Chunks start small (most pages are a few hundred KB of tree) and double up to a cap, so a
// 100 MB page takes a few hundred chunks, not thousands.
constexpr std::size_t kFirstChunk = std::size_t{64} << 10U;
constexpr std::size_t kLargestChunk = std::size_t{8} << 20U;

thread_local TreeArena* current = nullptr;  // NOLINT(*-avoid-non-const-global-variables)

std::size_t align_up(std::size_t n) {
  return (n + kAlign - 1) & ~(kAlign - 1);
}

}  // namespace

/// The allocation functions libxml2 calls (xmlMemSetup), with access to the arena's inside.
struct ArenaAccess {
  static void* malloc_fn(std::size_t n) {
    return current != nullptr ? current->allocate(n) : std::malloc(n);  // NOLINT(*-no-malloc)
  }
  /// The arena of this thread (innermost first) that `p` points into, or null.
  static TreeArena* owner(const void* p) {
    for (TreeArena* arena = current; arena != nullptr; arena = arena->outer_) {
      if (arena->owns(p)) return arena;
    }
    return nullptr;
  }
  static void* realloc_fn(void* p, std::size_t n) {
    if (current == nullptr) return std::realloc(p, n);  // NOLINT(*-no-malloc,*-owning-memory)
    if (p == nullptr || owner(p) == current) return current->reallocate(p, n);
    if (owner(p) == nullptr) return std::realloc(p, n);  // NOLINT(*-no-malloc,*-owning-memory)
    void* moved = current->allocate(n);  // an outer arena's block: copied into the inner one
    if (moved != nullptr) std::memcpy(moved, p, std::min(TreeArena::size_of(p), n));
    return moved;
  }
  static void free_fn(void* p) {
    if (p == nullptr || owner(p) != nullptr) return;
    std::free(p);  // NOLINT(*-no-malloc,*-owning-memory)
  }
  static char* strdup_fn(const char* s) {
    const std::size_t n = std::strlen(s) + 1;
    auto* copy = static_cast<char*>(malloc_fn(n));
    if (copy != nullptr) std::memcpy(copy, s, n);
    return copy;
  }
};

TreeArena::TreeArena() : outer_(current) {
  init();  // libxml2's own globals must not land in an arena
  current = this;
}

TreeArena::~TreeArena() {
  current = outer_;
}

std::size_t TreeArena::size_of(const void* p) {
  std::size_t size = 0;
  std::memcpy(&size, static_cast<const std::byte*>(p) - kHeader, kHeader);
  return size;
}

bool TreeArena::current_owns(const void* p) {
  return current != nullptr && current->owns(p);
}

void TreeArena::install() {
  xmlMemSetup(ArenaAccess::free_fn, ArenaAccess::malloc_fn, ArenaAccess::realloc_fn,
              ArenaAccess::strdup_fn);
}

bool TreeArena::owns(const void* p) const {
  const auto* b = static_cast<const std::byte*>(p);
  // The newest chunk first: what is freed or grown is mostly what was just allocated.
  for (std::size_t i = chunks_.size(); i-- > 0;) {
    const std::byte* start = chunks_[i].bytes.get();
    if (std::less_equal<>()(start, b) && std::less<>()(b, start + chunks_[i].size)) return true;
  }
  return false;
}

void TreeArena::grow(std::size_t at_least) {
  std::size_t size =
      chunks_.empty() ? kFirstChunk : std::min(chunks_.back().size * 2, kLargestChunk);
  size = std::max(size, at_least);
  Chunk chunk{std::unique_ptr<std::byte[]>(new (std::nothrow) std::byte[size]), size};  // NOLINT
  if (!chunk.bytes) return;
  top_ = chunk.bytes.get();
  end_ = top_ + size;
  reserved_ += size;
  chunks_.push_back(std::move(chunk));
}

void* TreeArena::allocate(std::size_t n) {
  const std::size_t need = align_up(kHeader + n) + kAlign;
  if (top_ == nullptr || static_cast<std::size_t>(end_ - top_) < need) {
    grow(need);
    if (top_ == nullptr || static_cast<std::size_t>(end_ - top_) < need) return nullptr;
  }
  // The block: 16-byte aligned, its size in the 8 bytes before it.
  const auto address = reinterpret_cast<std::uintptr_t>(top_ + kHeader);  // NOLINT
  std::byte* block = top_ + kHeader + (align_up(address) - address);
  std::memcpy(block - kHeader, &n, kHeader);
  top_ = block + n;
  return block;
}

void* TreeArena::reallocate(void* p, std::size_t n) {
  if (p == nullptr) return allocate(n);
  auto* block = static_cast<std::byte*>(p);
  const std::size_t old = size_of(p);
  // The last block grows in place when the chunk has room.
  if (block + old == top_ && static_cast<std::size_t>(end_ - block) >= n) {
    std::memcpy(block - kHeader, &n, kHeader);
    top_ = block + n;
    return p;
  }
  void* moved = allocate(n);
  if (moved != nullptr) std::memcpy(moved, p, std::min(old, n));
  return moved;
}

}  // namespace clipdown::libxml
