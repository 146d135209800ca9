#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "clipdown/convert.hpp"

namespace clipdown::cli {

/// The memory converting one input is expected to take at its peak, from its size and a look at
/// its first bytes. Measured on the benchmark pages and on pathological shapes (a million tiny
/// paragraphs, 200 000 nested elements, a 300 × 300 table, 800 000 short text lines): the peak
/// grows with the bytes and, much faster, with the elements ('<') and, in text, the lines.
struct MemoryEstimate {
  std::size_t raw = 0;      ///< bytes as stored
  std::size_t decoded = 0;  ///< bytes once inflated (what gzip data states; else `raw`)
  std::size_t peak = 0;     ///< expected peak memory of the conversion
};

/// Estimates an input of `raw` bytes that inflates to `decoded` bytes and whose decoded bytes
/// begin with `sample` (the first MiB or so; all of a small input).
MemoryEstimate estimate_memory(std::size_t raw, std::size_t decoded, std::string_view sample);

/// `estimate` for an input found to inflate to `decoded` bytes: its cost per byte kept.
MemoryEstimate with_decoded(const MemoryEstimate& estimate, std::size_t decoded);

/// Estimates an input held in memory (stdin, a JSONL record): gzip data is looked into.
MemoryEstimate estimate_memory(std::string_view bytes);

/// Estimates the file `path` from its size and first bytes, without reading it all; an input
/// that cannot be opened (read_input() reports why) gets an estimate of nothing.
MemoryEstimate estimate_file_memory(const std::string& path);

/// The default --memory-budget: half the memory of the machine, or of the control group the
/// process runs in when that is smaller.
std::size_t default_memory_budget();

/// Makes malloc give large blocks (inputs, inflated data, outputs) back to the system when they
/// are freed, instead of keeping them in the freeing thread's arena, where they would count
/// against the process without being in any lease. Called once, before any thread starts.
void return_large_blocks_on_free();

/// One memory budget shared by every conversion in flight, batch workers and JSONL workers
/// alike: an input starts only once its estimated peak fits beside those running. Of the inputs
/// waiting, the first in input order goes first: a large input is not overtaken for ever by
/// small ones, and results come out in about the order they are written in (a result finished
/// early waits, holding its output, for those before it). Waiting happens before an input holds
/// anything, so inputs never wait on each other in a circle.
class MemoryBudget {
 public:
  /// A budget of `total` bytes; 0: default_memory_budget().
  explicit MemoryBudget(std::size_t total)
      : total_(total != 0 ? total : default_memory_budget()), free_(total_) {}

  /// Memory held by one conversion; given back when destroyed.
  class Lease {
   public:
    Lease() = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept
        : budget_(other.budget_), bytes_(other.bytes_), order_(other.order_) {
      other.budget_ = nullptr;
    }
    Lease& operator=(Lease&& other) noexcept;
    ~Lease() { release(); }
    void release();
    [[nodiscard]] std::size_t bytes() const { return bytes_; }
    /// The place in input order it was asked for with.
    [[nodiscard]] std::uint64_t order() const { return order_; }

   private:
    friend class MemoryBudget;
    Lease(MemoryBudget* budget, std::size_t bytes, std::uint64_t order)
        : budget_(budget), bytes_(bytes), order_(order) {}
    MemoryBudget* budget_ = nullptr;
    std::size_t bytes_ = 0;
    std::uint64_t order_ = 0;
  };

  /// Waits until `estimate.peak` bytes are free and no input before `order` (its place in input
  /// order) is waiting, then holds them. Throws Error(Errc::too_large) naming both figures when
  /// the estimate is larger than the whole budget.
  Lease lease(const MemoryEstimate& estimate, std::uint64_t order);

  [[nodiscard]] std::size_t total() const { return total_; }

 private:
  void give_back(std::size_t bytes);

  std::size_t total_;
  std::size_t free_;
  std::multiset<std::uint64_t> waiting_;  // the orders of the inputs waiting in lease()
  std::mutex mutex_;
  std::condition_variable changed_;
};

/// Converts `bytes` (estimated by `estimate`) holding `lease`, which was taken for it (before the
/// bytes were read, for a file); the caller gives it back once the result is freed too. gzip
/// data may inflate no further than the estimate assumed: when it does (a false size in its
/// trailer, more members or layers than the trailer tells), the lease is given back and the
/// conversion tried again under one four times as large, up to options.decode.max_bytes.
/// Throws what convert() and MemoryBudget::lease() throw.
Result convert_within(std::string_view bytes, const Options& options, MemoryEstimate estimate,
                      MemoryBudget& budget, MemoryBudget::Lease& lease);

}  // namespace clipdown::cli
