// --jsonl: the streaming interface for GNU parallel --pipe, Hadoop Streaming and Spark's
// RDD.pipe. One JSON record in per line, one record out per line, in input order. Each line is
// converted on its own, so any split of the input gives the same concatenated output.

#include "cli/jsonl.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/io.hpp"
#include "clipdown/convert.hpp"
#include "clipdown/decode.hpp"
#include "clipdown/error.hpp"
#include "clipdown/markdown.hpp"
#include "url.hpp"

namespace clipdown::cli {

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// Lines read ahead per worker thread: enough to keep every worker busy while the oldest line
// is still converting, small enough that memory stays bounded by a few pages per thread.
constexpr std::size_t kLinesPerWorker = 4;
// The input keys that carry the page, in the order they are looked for.
constexpr std::string_view kHtmlKey = "html";
constexpr std::string_view kTextKey = "text";
constexpr std::string_view kPathKey = "path";
// nlohmann's messages start with "[json.exception.parse_error.101] ": the tag is dropped.
constexpr std::string_view kJsonExceptionTag = "[json.exception.";
// Deepest nesting of arrays and objects accepted in a record. Records are flat ({"id", "url",
// "html"}); a deep value is refused while parsing, because copying or destroying a parsed tree
// recurses once per level and 100 000 levels overflow a thread's stack.
constexpr int kMaxRecordDepth = 100;

/// Reads lines from a FILE* as they arrive (a streaming producer gets records back before it
/// closes the pipe); the '\n' (and a '\r' before it) is dropped. A line longer than the limit
/// is skipped to its end without being kept, so one huge line cannot exhaust memory.
class LineReader {
 public:
  LineReader(std::FILE* in, std::size_t max_bytes) : in_(in), max_bytes_(max_bytes) {}

  /// The next line into `line`; false at the end of the input. `too_long`: the line was over
  /// the limit (and `line` is empty).
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    int c = 0;
    bool any = false;
    // getc_unlocked: one thread reads, and stdio's buffer refills with what a pipe holds.
    while ((c = getc_unlocked(in_)) != EOF) {
      any = true;
      if (c == '\n') break;
      if (too_long) continue;
      if (line.size() >= max_bytes_) {
        too_long = true;
        line = std::string();
        continue;
      }
      line.push_back(static_cast<char>(c));
    }
    if (!any) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  std::FILE* in_;
  std::size_t max_bytes_;
};

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::string dump(const Json& record) {
  return record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json string_or_null(const std::string& value) {
  return value.empty() ? Json(nullptr) : Json(value);
}

/// The record for an input that could not be converted: the keys of a converted one, unknown.
Json error_record(const Json* id, const std::string& url, const std::string& reason) {
  Json record;
  if (id != nullptr) record["id"] = *id;
  record["url"] = string_or_null(url);
  record["title"] = nullptr;
  record["author"] = Json::array();
  for (const char* key : {"date", "updated", "source", "description", "image", "lang"}) {
    record[key] = nullptr;
  }
  record["tags"] = Json::array();
  record["type"] = nullptr;
  record["markdown"] = nullptr;
  record["error"] = reason;
  return record;
}

std::string json_error_reason(const std::exception& e) {
  std::string_view what = e.what();
  if (what.starts_with(kJsonExceptionTag)) {
    const std::size_t end = what.find("] ");
    if (end != std::string_view::npos) what.remove_prefix(end + 2);
  }
  return "invalid JSON: " + std::string(what);
}

/// Reads the page a record carries into `bytes` and sets its decode options; returns the reason
/// when there is none to convert ("" on success). A {"path"} record reads a local file only
/// under --jsonl-paths DIR (after resolving symlinks), and only a regular file: records may
/// come from anywhere, and the file's text goes into the output stream.
std::string load_page(const Json& input, const CliOptions& cli, Options& options,
                      std::string& bytes) {
  if (input.contains(kHtmlKey) || input.contains(kTextKey)) {
    const bool html = input.contains(kHtmlKey);
    const Json& value = input[html ? kHtmlKey : kTextKey];
    if (!value.is_string()) return html ? R"("html" is not a string)" : R"("text" is not a string)";
    bytes = value.get<std::string>();
    options.decode.kind = html ? InputKind::html : InputKind::text;
    return {};
  }
  if (!input.contains(kPathKey)) return R"(the record has no "html", "text" or "path")";
  if (!input[kPathKey].is_string()) return R"("path" is not a string)";
  const std::string path = input[kPathKey].get<std::string>();
  if (path.empty() || path == "-") return R"("path" must name a file)";  // stdin: the records
  if (cli.jsonl_paths.empty()) {
    return R"("path" records are off: --jsonl-paths DIR reads files under DIR)";
  }
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) return fmt::format("{}: {}", path, ec.message());
  if (!is_inside(real, cli.jsonl_paths)) {
    return fmt::format("{}: not under --jsonl-paths {}", path, cli.jsonl_paths);
  }
  try {
    bytes = read_input(real.string(), options.decode);
  } catch (const Error& e) {
    return path + ": " + e.what();
  }
  options.decode.name = path;
  return {};
}

/// Parses one record line into `input`, refusing nesting deeper than kMaxRecordDepth while it
/// parses: the parser is iterative, and a value past the limit is discarded, never built (the
/// shallow rest, such as the record's "id", is kept). Returns the reason when the line is not a
/// record ("" on success).
std::string parse_record(std::string_view line, Json& input) {
  bool too_deep = false;
  const Json::parser_callback_t limit_depth = [&too_deep](int depth, Json::parse_event_t event,
                                                          Json& /*parsed*/) {
    const bool opens =
        event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start;
    if (!opens || depth < kMaxRecordDepth) return true;
    too_deep = true;
    return false;
  };
  try {
    input = Json::parse(line, limit_depth);
  } catch (const Json::parse_error& e) {
    return json_error_reason(e);
  } catch (const Json::out_of_range& e) {
    return json_error_reason(e);  // a number too large for a double: 1E400
  }
  if (too_deep) {
    return fmt::format("the record nests arrays or objects deeper than {} levels", kMaxRecordDepth);
  }
  if (!input.is_object()) return "the record is not a JSON object";
  return {};
}

/// The record for one parsed input object; the page's warnings are added to `warnings`.
Json convert_record(const Json& input, const CliOptions& cli, MemoryBudget& budget,
                    std::uint64_t order, bool& failed, std::vector<std::string>& warnings) {
  const Json* id = input.contains("id") ? &input["id"] : nullptr;
  static const Json kNull;
  const Json& url_value = input.contains("url") ? input["url"] : kNull;
  if (!url_value.is_string() && !url_value.is_null()) {
    failed = true;
    return error_record(id, {}, R"("url" is not a string)");
  }
  const std::string url = url_value.is_string() ? url_value.get<std::string>() : std::string();
  Options options = cli.options;
  options.tokenize.base_url = url;
  std::string bytes;
  const std::string missing = load_page(input, cli, options, bytes);
  if (!missing.empty()) {
    failed = true;
    return error_record(id, url, missing);
  }
  try {
    const MemoryEstimate estimate = estimate_memory(bytes);
    MemoryBudget::Lease lease = budget.lease(estimate, order);  // outlives the result
    const Result result = convert_within(bytes, options, estimate, budget, lease);
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::warning) warnings.push_back(d.message);
    }
    Json record;
    if (id != nullptr) record["id"] = *id;
    if (input.contains(kPathKey)) record[kPathKey] = input[kPathKey];  // echoed, as the id is
    // The page's address: an http(s) one only (convert() ignores any other as a base).
    record.update(page_record(result, options.markdown, url));
    record["error"] = nullptr;
    return record;
  } catch (const Error& e) {
    failed = true;
    return error_record(id, url, e.what());
  } catch (const std::bad_alloc&) {  // this record only: the stream goes on
    failed = true;
    return error_record(id, url, "out of memory");
  }
}

/// Lines in flight between the reader and the workers. Whichever worker finishes the oldest
/// line in flight writes it (and every finished line after it) at once, so a record goes out
/// as soon as it and those before it are done, even while the reader waits for more input.
class Pipeline {
 public:
  Pipeline(const CliOptions& cli, std::FILE* out, std::FILE* err)
      : cli_(cli), budget_(cli.memory_budget), out_(out), err_(err) {}

  /// Converts every line of `in` with `workers` threads; writes records in input order.
  void run(std::FILE* in, unsigned workers) {
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (unsigned i = 0; i < workers; ++i) threads.emplace_back([this] { work(); });
    const std::size_t window = static_cast<std::size_t>(workers) * kLinesPerWorker;
    LineReader reader(in, cli_.options.decode.max_bytes);
    std::string line;
    bool too_long = false;
    std::uint64_t line_number = 0;
    while (reader.next(line, too_long)) {
      ++line_number;
      if (!too_long && is_blank_line(line)) continue;
      {
        std::unique_lock lock(mutex_);
        written_.wait(lock, [&] { return next_seq_ - next_write_ < window; });
        tasks_.push_back({next_seq_++, line_number, std::move(line), too_long});
      }
      work_ready_.notify_one();
    }
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    work_ready_.notify_all();
    for (auto& thread : threads) thread.join();
  }

  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] bool internal() const { return internal_; }

 private:
  /// Writes the finished records that are next in input order. The write lock keeps the order:
  /// a record is taken from `done_` and written while it is held.
  void write_ready() {
    const std::lock_guard write_lock(write_mutex_);
    while (true) {
      Done done;
      {
        const std::lock_guard lock(mutex_);
        auto node = done_.extract(next_write_);
        if (node.empty()) break;
        done = std::move(node.mapped());
      }
      if (!cli_.quiet) {
        for (const std::string& warning : done.record.warnings) {
          fmt::print(err_, "clipdown: <stdin>:{}: warning: {}\n", done.line_number, warning);
        }
      }
      if (done.record.failed) {
        fmt::print(err_, "clipdown: <stdin>:{}: error: {}\n", done.line_number, done.record.error);
      }
      // Each record is flushed as it completes: a consumer gets it at once, and whatever
      // happens later in the stream cannot take back the records already written.
      const std::string& record = done.record.text;
      std::fwrite(record.data(), 1, record.size(), out_);
      std::fflush(out_);
      {
        const std::lock_guard lock(mutex_);
        ++next_write_;
      }
      written_.notify_all();
    }
  }

  void work() {
    while (true) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [this] { return !tasks_.empty() || closed_; });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      Done done{.line_number = task.line_number};
      bool internal = false;
      try {
        done.record =
            task.too_long ? too_long_record() : jsonl_record(task.line, cli_, budget_, task.seq);
      } catch (const std::exception& e) {  // a bug: reported, the other records still written
        internal = true;
        done.record.failed = true;
        done.record.error = std::string("internal error: ") + e.what();
        done.record.text = dump(error_record(nullptr, {}, done.record.error));
      }
      task.line = std::string();  // the input line is no longer needed while waiting
      {
        std::lock_guard lock(mutex_);
        failed_ = failed_ || done.record.failed;
        internal_ = internal_ || internal;
        done_.emplace(task.seq, std::move(done));
      }
      write_ready();
    }
  }

  /// One non-blank input line.
  struct Task {
    std::uint64_t seq = 0;          // its place among the records
    std::uint64_t line_number = 0;  // its line in the input, for warnings
    std::string line;
    bool too_long = false;  // the line was over the limit and not kept
  };

  [[nodiscard]] JsonlRecord too_long_record() const {
    std::string reason = fmt::format("the record is larger than {} (see --max-input-size)",
                                     format_size(cli_.options.decode.max_bytes));
    JsonlRecord record{.text = dump(error_record(nullptr, {}, reason)), .failed = true};
    record.error = std::move(reason);
    return record;
  }
  /// One converted line, waiting for its turn to be written.
  struct Done {
    std::uint64_t line_number = 0;
    JsonlRecord record;
  };

  const CliOptions& cli_;
  MemoryBudget budget_;  // shared by the workers
  std::FILE* out_;
  std::FILE* err_;
  std::mutex mutex_;        // the queues and counters below
  std::mutex write_mutex_;  // the output stream, and the order records go out in
  std::condition_variable work_ready_;
  std::condition_variable written_;
  std::deque<Task> tasks_;
  std::map<std::uint64_t, Done> done_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t next_write_ = 0;
  bool closed_ = false;
  bool failed_ = false;
  bool internal_ = false;
};

}  // namespace

JsonlRecord jsonl_record(std::string_view line, const CliOptions& cli, MemoryBudget& budget,
                         std::uint64_t order) {
  JsonlRecord out;
  if (is_blank_line(line)) return out;
  // JSON must be UTF-8: one bad byte would make the parser refuse the whole record (and lose
  // its id), so the line is repaired first, as a file's bytes are.
  std::string repaired;
  if (!is_valid_utf8(line)) {
    repaired = line;
    const std::size_t replaced = repair_utf8(repaired);
    out.warnings.push_back(
        fmt::format("replaced {} invalid UTF-8 sequences with U+FFFD", replaced));
    line = repaired;
  }
  Json input;
  const std::string refused = parse_record(line, input);
  if (!refused.empty()) {
    out.failed = true;
    out.error = refused;
    const Json* id = input.is_object() && input.contains("id") ? &input["id"] : nullptr;
    out.text = dump(error_record(id, {}, refused));
    return out;
  }
  const Json record = convert_record(input, cli, budget, order, out.failed, out.warnings);
  if (out.failed) out.error = record["error"].get<std::string>();
  out.text = dump(record);
  return out;
}

ExitCode run_jsonl(std::FILE* in, std::FILE* out, std::FILE* err, const CliOptions& cli) {
  unsigned workers = cli.jobs != 0 ? cli.jobs : std::thread::hardware_concurrency();
  workers = std::max(workers, 1U);
  Pipeline pipeline(cli, out, err);
  pipeline.run(in, workers);
  std::fflush(out);
  if (pipeline.internal()) return ExitCode::internal;
  return pipeline.failed() ? ExitCode::failed : ExitCode::ok;
}

ExitCode run_jsonl(const CliOptions& cli) {
  return run_jsonl(stdin, stdout, stderr, cli);
}

}  // namespace clipdown::cli
