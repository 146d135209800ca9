#include "cli/budget.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <limits>
#include <string>

#include <fcntl.h>
#include <fmt/core.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clipdown/decode.hpp"
#include "clipdown/error.hpp"

namespace clipdown::cli {

namespace {

// Bytes of an input looked at to estimate it (inflated, for gzip data).
constexpr std::size_t kSampleBytes = std::size_t{1} << 20U;
// gzip inside gzip is looked into this many times (decode() unpacks as many layers).
constexpr int kMaxGzipLayers = 3;
// The estimate's terms (see MemoryEstimate): what a conversion takes whatever the page, then per
// decoded byte, per element and per text line. Fitted above every page measured: the benchmark
// pages take 3-12 bytes per byte (the model says 8-13), a million tiny paragraphs 34 (model 38),
// 200 000 nested elements 33 (66), a large table 50 (72), 800 000 short text lines 23 (24).
constexpr std::size_t kBaseBytes = std::size_t{8} << 20U;
constexpr std::size_t kBytesPerByte = 8;
constexpr std::size_t kBytesPerElement = 320;
constexpr std::size_t kBytesPerTextLine = 500;
// A sample with fewer '<' than this share of its lines is text: its lines make the blocks.
constexpr std::size_t kTextLinesPerTag = 4;
// Without a sample (small gzip data), one element per this many bytes is assumed: more than any
// page measured but the pathological ones.
constexpr std::size_t kBytesPerElementUnseen = 8;
// Blocks this large are mapped on their own, and so unmapped when freed.
constexpr std::size_t kMmapThresholdBytes = std::size_t{4} << 20U;
// A lease this large is given back only once the freed memory is returned to the system.
constexpr std::size_t kTrimAfterBytes = std::size_t{64} << 20U;
// Inputs up to this size (stated, for gzip data) are estimated without being looked into.
constexpr std::size_t kSmallInput = std::size_t{1} << 20U;

/// a + b, or the largest size_t when that overflows.
std::size_t add(std::size_t a, std::size_t b) {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

/// a × b, or the largest size_t when that overflows.
std::size_t multiply(std::size_t a, std::size_t b) {
  return b != 0 && a > std::numeric_limits<std::size_t>::max() / b
             ? std::numeric_limits<std::size_t>::max()
             : a * b;
}

/// The decoded bytes `raw` starts with: gzip layers inflated (at most kSampleBytes of each).
std::string unpack_sample(std::string_view raw) {
  std::string sample(raw.substr(0, kSampleBytes));
  for (int layer = 0; layer < kMaxGzipLayers && is_gzip(sample); ++layer) {
    sample = inflate_prefix(sample, kSampleBytes);
  }
  return sample;
}

/// The size gzip data says it inflates to: its last member's ISIZE (the size modulo 2^32).
std::size_t stated_size(const std::array<unsigned char, 4>& tail) {
  return std::size_t{tail[0]} | (std::size_t{tail[1]} << 8U) | (std::size_t{tail[2]} << 16U) |
         (std::size_t{tail[3]} << 24U);
}

/// The decoded size of gzip data of `raw` bytes whose sample (empty: not looked into) inflated
/// to `sample` and whose trailer states `stated`: the sample itself when it holds everything.
std::size_t gzip_decoded_size(std::size_t raw, const std::string& sample, std::size_t stated) {
  if (sample.empty()) return stated;
  if (raw <= kSampleBytes && sample.size() < kSampleBytes) return sample.size();
  return std::max({stated, sample.size(), raw});  // compressed pages are smaller than inflated
}

/// Whether an input is worth looking into: not when it is small (gzip data that states a
/// small size and is not larger itself), whose estimate assumes the worst of it instead.
bool worth_a_look(std::size_t raw, bool gzip, std::size_t stated) {
  return gzip ? stated > kSmallInput || raw > stated : raw > kSmallInput;
}

/// Reads the 4-byte little-endian number at the end of `fd` (a file of `size` bytes).
std::size_t read_stated_size(int fd, std::size_t size) {
  std::array<unsigned char, 4> tail{};
  if (size < tail.size() + 2) return 0;
  const auto offset = static_cast<off_t>(size - tail.size());
  if (::pread(fd, tail.data(), tail.size(), offset) != static_cast<ssize_t>(tail.size())) return 0;
  return stated_size(tail);
}

/// The positive number in the file `path` (a cgroup limit), or 0 ("max", absent, unreadable).
std::size_t read_limit(const char* path) {
  std::ifstream in(path);
  std::uint64_t value = 0;
  if (!(in >> value)) return 0;
  return static_cast<std::size_t>(value);
}

}  // namespace

MemoryEstimate estimate_memory(std::size_t raw, std::size_t decoded, std::string_view sample) {
  const std::size_t tags = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '<'));
  const std::size_t lines =
      static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n'));
  std::size_t per_sample = tags * kBytesPerElement;  // memory the sample's structure takes
  if (tags * kTextLinesPerTag < lines) per_sample += lines * kBytesPerTextLine;
  MemoryEstimate estimate{.raw = raw, .decoded = decoded, .peak = 0};
  // The structure of the whole input, extrapolated from the sample's.
  const std::size_t structure =
      sample.empty() ? multiply(decoded / kBytesPerElementUnseen, kBytesPerElement)
                     : static_cast<std::size_t>(static_cast<long double>(per_sample) *
                                                static_cast<long double>(decoded) /
                                                static_cast<long double>(sample.size()));
  estimate.peak = add(add(kBaseBytes, raw), add(multiply(decoded, kBytesPerByte), structure));
  return estimate;
}

MemoryEstimate with_decoded(const MemoryEstimate& estimate, std::size_t decoded) {
  MemoryEstimate grown = estimate;
  grown.decoded = decoded;
  const std::size_t fixed = add(kBaseBytes, estimate.raw);
  const std::size_t variable = estimate.peak - std::min(estimate.peak, fixed);
  const long double per_byte =
      estimate.decoded == 0
          ? static_cast<long double>(kBytesPerByte)
          : static_cast<long double>(variable) / static_cast<long double>(estimate.decoded);
  const long double cost = per_byte * static_cast<long double>(decoded);
  grown.peak = cost >= static_cast<long double>(std::numeric_limits<std::size_t>::max())
                   ? std::numeric_limits<std::size_t>::max()
                   : add(fixed, static_cast<std::size_t>(cost));
  return grown;
}

MemoryEstimate estimate_memory(std::string_view bytes) {
  const bool gzip = is_gzip(bytes);
  std::size_t stated = 0;
  if (gzip && bytes.size() >= 6) {
    std::array<unsigned char, 4> tail{};
    std::copy(bytes.end() - static_cast<std::ptrdiff_t>(tail.size()), bytes.end(), tail.begin());
    stated = stated_size(tail);
  }
  if (!worth_a_look(bytes.size(), gzip, stated)) {
    return estimate_memory(bytes.size(), gzip ? stated : bytes.size(), {});
  }
  const std::string sample = unpack_sample(bytes);
  const std::size_t decoded = gzip ? gzip_decoded_size(bytes.size(), sample, stated) : bytes.size();
  return estimate_memory(bytes.size(), decoded, sample);
}

MemoryEstimate estimate_file_memory(const std::string& path) {
  const int fd = ::open(path.c_str(),  // NOLINT(*-vararg): POSIX open
                        O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return {};
  struct stat info {};
  std::array<char, 2> magic{};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) ||
      ::pread(fd, magic.data(), magic.size(), 0) != static_cast<ssize_t>(magic.size())) {
    ::close(fd);
    return {};
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  const bool gzip = is_gzip(std::string_view(magic.data(), magic.size()));
  const std::size_t stated = gzip ? read_stated_size(fd, size) : 0;
  std::string head;
  if (worth_a_look(size, gzip, stated)) {
    head.resize(std::min(size, kSampleBytes));
    const ssize_t n = ::pread(fd, head.data(), head.size(), 0);
    head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  ::close(fd);
  if (head.empty()) return estimate_memory(size, gzip ? stated : size, {});
  const std::string sample = unpack_sample(head);
  return estimate_memory(size, gzip ? gzip_decoded_size(size, sample, stated) : size, sample);
}

std::size_t default_memory_budget() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  std::size_t memory = pages > 0 && page_size > 0 ? multiply(static_cast<std::size_t>(pages),
                                                             static_cast<std::size_t>(page_size))
                                                  : std::size_t{4} << 30U;
  for (const char* limit : {"/sys/fs/cgroup/memory.max",                       // cgroup v2
                            "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {  // cgroup v1
    const std::size_t bytes = read_limit(limit);
    if (bytes > 0) memory = std::min(memory, bytes);
  }
  return memory / 2;
}

void return_large_blocks_on_free() {
  // A fixed threshold: glibc's own rises after each large free, up to 32 MiB.
  ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThresholdBytes));
}

MemoryBudget::Lease& MemoryBudget::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    budget_ = other.budget_;
    bytes_ = other.bytes_;
    other.budget_ = nullptr;
  }
  return *this;
}

void MemoryBudget::Lease::release() {
  if (budget_ == nullptr) return;
  // Memory a thread frees stays in its malloc arena, counted in the process's RSS, until it is
  // trimmed: without this, 16 workers each keep the peak of the largest page they converted.
  if (bytes_ >= kTrimAfterBytes) ::malloc_trim(0);
  budget_->give_back(bytes_);
  budget_ = nullptr;
}

MemoryBudget::Lease MemoryBudget::lease(const MemoryEstimate& estimate, std::uint64_t order) {
  if (estimate.peak > total_) {
    throw Error(Errc::too_large,
                fmt::format("would take about {} of memory to convert, more than the memory "
                            "budget of {} (see --memory-budget)",
                            format_size(estimate.peak), format_size(total_)));
  }
  std::unique_lock lock(mutex_);
  const auto place = waiting_.insert(order);
  changed_.wait(lock, [&] { return waiting_.begin() == place && free_ >= estimate.peak; });
  waiting_.erase(place);
  free_ -= estimate.peak;
  lock.unlock();
  changed_.notify_all();  // the next input may fit too
  return {this, estimate.peak, order};
}

Result convert_within(std::string_view bytes, const Options& options, MemoryEstimate estimate,
                      MemoryBudget& budget, MemoryBudget::Lease& lease) {
  if (!is_gzip(bytes)) return convert(bytes, options);
  const std::size_t max_bytes = options.decode.max_bytes;
  Options bounded = options;
  for (;;) {
    bounded.decode.max_bytes = std::min(max_bytes, std::max(estimate.decoded, kBinarySniffBytes));
    try {
      return convert(bytes, bounded);
    } catch (const Error& e) {
      if (e.code() != Errc::too_large || bounded.decode.max_bytes >= max_bytes) throw;
    }
    estimate = with_decoded(estimate, std::min(max_bytes, multiply(bounded.decode.max_bytes, 4)));
    const std::uint64_t order = lease.order();
    lease.release();  // before waiting: a waiting input holds nothing
    lease = budget.lease(estimate, order);
  }
}

void MemoryBudget::give_back(std::size_t bytes) {
  {
    const std::lock_guard lock(mutex_);
    free_ += bytes;
  }
  changed_.notify_all();
}

}  // namespace clipdown::cli
