#pragma once

// A region allocator for libxml2 trees. A page's tree is built, walked and dropped as a whole:
// taking its nodes, attributes and strings from a few large chunks instead of the heap saves a
// malloc per node while it is built, a free per node when it goes (xmlFreeDoc walks the whole
// tree) and malloc's per-block overhead in between.

#include <cstddef>
#include <memory>
#include <vector>

namespace clipdown::libxml {

/// While a TreeArena is alive, every libxml2 allocation on its thread comes from it, and
/// freeing that memory is a no-op: all of it goes at once when the arena dies. Nothing libxml2
/// allocates in its lifetime may outlive it: a document parsed under an arena is dropped (its
/// DocPtr destroyed) before the arena, which the deleter then skips. Arenas nest (the innermost
/// is used); other threads and memory from before the arena are unaffected.
class TreeArena {
 public:
  TreeArena();
  ~TreeArena();
  TreeArena(const TreeArena&) = delete;
  TreeArena& operator=(const TreeArena&) = delete;
  TreeArena(TreeArena&&) = delete;
  TreeArena& operator=(TreeArena&&) = delete;

  /// Bytes taken from the system for this arena so far.
  [[nodiscard]] std::size_t reserved() const { return reserved_; }

  /// Whether `p` points into this thread's innermost arena.
  static bool current_owns(const void* p);

  /// Makes libxml2 allocate through the arenas (once per process, before its first use).
  static void install();

 private:
  struct Chunk {
    std::unique_ptr<std::byte[]> bytes;  // NOLINT(*-avoid-c-arrays): raw storage
    std::size_t size = 0;
  };
  friend struct ArenaAccess;

  void* allocate(std::size_t n);
  void* reallocate(void* p, std::size_t n);
  [[nodiscard]] bool owns(const void* p) const;
  /// The size a block of an arena was allocated with.
  static std::size_t size_of(const void* p);
  void grow(std::size_t at_least);

  std::vector<Chunk> chunks_;
  std::byte* top_ = nullptr;  // next free byte of the last chunk
  std::byte* end_ = nullptr;  // end of the last chunk
  std::size_t reserved_ = 0;
  TreeArena* outer_ = nullptr;
};

}  // namespace clipdown::libxml
