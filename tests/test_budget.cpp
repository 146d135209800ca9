// The memory budget shared by every conversion in flight (issue 11 item 5): estimates, the
// first-come-first-served lease, and gzip data that inflates past what it states.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <zlib.h>

#include "cli/budget.hpp"
#include "clipdown/error.hpp"

using clipdown::Errc;
using clipdown::Error;
using clipdown::cli::estimate_memory;
using clipdown::cli::MemoryBudget;
using clipdown::cli::MemoryEstimate;
using clipdown::cli::with_decoded;

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20U;

/// `text` as one gzip member.
std::string gzip(const std::string& text) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));  // NOLINT
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());  // NOLINT
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string paragraphs(std::size_t count, std::size_t words) {
  std::string page = "<html><body>";
  for (std::size_t i = 0; i < count; ++i) {
    page += "<p>";
    for (std::size_t w = 0; w < words; ++w) page += "word ";
    page += "</p>\n";
  }
  return page + "</body></html>";
}

MemoryEstimate of_size(std::size_t peak) {
  return {.raw = 0, .decoded = 0, .peak = peak};
}

}  // namespace

TEST_CASE("the estimate grows with bytes and faster with elements and text lines", "[budget]") {
  // Over 1 MiB: looked into.
  const std::string prose = paragraphs(4000, 60);
  const std::string tiny = paragraphs(90000, 1);  // about the same size, 22 times the elements
  REQUIRE(tiny.size() < prose.size());
  const MemoryEstimate p = estimate_memory(prose);
  const MemoryEstimate t = estimate_memory(tiny);
  CHECK(p.raw == prose.size());
  CHECK(p.decoded == prose.size());
  CHECK(t.peak > p.peak);
  // Per decoded byte beyond the fixed part: 8 for any byte, far more for an element.
  CHECK(p.peak - (8 * kMiB) - p.raw >= 8 * p.decoded);
  CHECK(t.peak - (8 * kMiB) - t.raw >= 30 * t.decoded);
  // Text: its lines are its blocks.
  std::string lines;
  for (int i = 0; i < 60000; ++i) lines += "a short line of text\n";
  const MemoryEstimate l = estimate_memory(lines);
  CHECK(l.peak - (8 * kMiB) - l.raw >= 20 * l.decoded);
  // A small input is not looked into: the worst is assumed (one element per 8 bytes).
  const std::string small = paragraphs(100, 60);
  const MemoryEstimate s = estimate_memory(small);
  CHECK(s.peak - (8 * kMiB) - s.raw == 8 * s.decoded + 320 * (s.decoded / 8));
}

TEST_CASE("gzip data is estimated by what it inflates to", "[budget]") {
  const std::string page = paragraphs(20000, 40);  // ~4 MB, beyond the sample
  const std::string packed = gzip(page);
  const MemoryEstimate plain = estimate_memory(page);
  const MemoryEstimate gz = estimate_memory(packed);
  CHECK(gz.raw == packed.size());
  CHECK(gz.decoded == page.size());  // the trailer's size, beyond the sampled MiB
  CHECK(gz.peak >= plain.peak - page.size());
  // A small member is inflated whole: its size is exact whatever the trailer says.
  std::string lying = gzip("<p>small</p>");
  lying[lying.size() - 1] = '\x7f';
  CHECK(estimate_memory(lying).decoded == 12);
  // Re-estimated for a larger size at the same cost per byte.
  const MemoryEstimate grown = with_decoded(gz, gz.decoded * 4);
  CHECK(grown.decoded == gz.decoded * 4);
  CHECK(grown.peak > 3 * (gz.peak - gz.raw - 8 * kMiB));
}

TEST_CASE("a lease waits until its estimate fits and no earlier input waits", "[budget]") {
  MemoryBudget budget(100 * kMiB);
  MemoryBudget::Lease big = budget.lease(of_size(50 * kMiB), 0);
  std::atomic<int> served{0};
  std::atomic<int> large_at{0};
  std::atomic<int> early_at{0};
  std::atomic<int> late_at{0};
  // Input 5 needs more than is free: it waits for `big`.
  std::thread large([&] {
    const MemoryBudget::Lease lease = budget.lease(of_size(60 * kMiB), 5);
    large_at = ++served;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // Input 7 would fit now, but input 5 waits before it.
  std::thread late([&] {
    const MemoryBudget::Lease lease = budget.lease(of_size(45 * kMiB), 7);
    late_at = ++served;
  });
  // Input 3 comes before both and fits: it goes at once.
  std::thread early([&] {
    const MemoryBudget::Lease lease = budget.lease(of_size(5 * kMiB), 3);
    early_at = ++served;
  });
  early.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(early_at == 1);
  CHECK(served == 1);
  // Once `big` is back, input 5 goes; input 7 fits only once input 5 is done.
  big.release();
  large.join();
  late.join();
  CHECK(large_at == 2);
  CHECK(late_at == 3);
}

TEST_CASE("an input estimated beyond the whole budget is refused, naming both", "[budget]") {
  MemoryBudget budget(64 * kMiB);
  try {
    (void)budget.lease(of_size(65 * kMiB), 0);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::too_large);
    CHECK(std::string(e.what()) ==
          "would take about 65 MiB of memory to convert, more than the memory budget of 64 MiB "
          "(see --memory-budget)");
  }
  // Leases given back (destroyed, moved from) free their memory.
  {
    MemoryBudget::Lease a = budget.lease(of_size(40 * kMiB), 0);
    MemoryBudget::Lease b = std::move(a);
    CHECK(b.bytes() == 40 * kMiB);
  }
  const MemoryBudget::Lease all = budget.lease(of_size(64 * kMiB), 0);
  CHECK(all.bytes() == 64 * kMiB);
}

TEST_CASE("the default budget is half the machine's memory or less", "[budget]") {
  const std::size_t budget = clipdown::cli::default_memory_budget();
  CHECK(budget >= 64 * kMiB);
  CHECK(MemoryBudget(0).total() == budget);
}

TEST_CASE("gzip data inflating past its stated size is converted under a larger lease",
          "[budget]") {
  // Two members: the trailer states the small last one only; the first inflates to ~4 MB.
  const std::string page = paragraphs(20000, 40);
  const std::string packed = gzip(page.substr(0, page.size() - 14)) +
                             gzip("<p>The last member's words.</p></body></html>");
  MemoryBudget budget(std::size_t{1} << 30U);
  const MemoryEstimate estimate = estimate_memory(packed);
  CHECK(estimate.decoded < page.size());
  clipdown::Options options;
  options.extract.main_content = false;
  MemoryBudget::Lease lease = budget.lease(estimate, 0);
  const clipdown::Result result =
      clipdown::cli::convert_within(packed, options, estimate, budget, lease);
  CHECK(lease.bytes() > estimate.peak);  // taken again, larger
  lease.release();
  CHECK(result.markdown.find("The last member's words.") != std::string::npos);
  // Every lease was given back.
  CHECK(budget.lease(of_size(budget.total()), 0).bytes() == budget.total());
  // Past --max-input-size, the usual refusal.
  options.decode.max_bytes = 2 * kMiB;
  lease = budget.lease(estimate, 0);
  CHECK_THROWS_WITH(clipdown::cli::convert_within(packed, options, estimate, budget, lease),
                    "gzip data inflates to more than 2 MiB");
}
