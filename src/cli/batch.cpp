#include "cli/batch.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <mutex>
#include <new>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>

#include <fmt/core.h>
#include <fnmatch.h>
#include <unistd.h>

#include "cli/budget.hpp"
#include "cli/io.hpp"
#include "clipdown/convert.hpp"
#include "clipdown/error.hpp"
#include "url.hpp"
#include "warc.hpp"

namespace clipdown::cli {

namespace fs = std::filesystem;

namespace {

// File names a directory walk takes without --include (compared case-insensitively; each also
// with ".gz").
constexpr std::array<std::string_view, 8> kPageExtensions = {".html",  ".htm", ".xhtml", ".shtml",
                                                             ".mhtml", ".mht", ".txt",   ".warc"};
// Inputs with these endings (and ".gz") are WARC archives: each HTML page record converts.
constexpr std::array<std::string_view, 2> kArchiveExtensions = {".warc", ".warc.gz"};
// Output paths with these endings name one file: several inputs never make a folder of them.
constexpr std::array<std::string_view, 7> kOutputFileExtensions = {
    ".md", ".markdown", ".txt", ".json", ".jsonl", ".html", ".yaml"};
// A batch names this many inputs skipped because their output exists, and counts the rest.
constexpr std::size_t kNamedSkips = 5;
// The summary names this many inputs that gave no article text, and counts the rest.
constexpr std::size_t kNamedEmptyInputs = 5;
// Results kept per worker thread between conversion and writing: enough to keep every thread
// busy while one slow page holds up the writer, small enough to bound memory.
constexpr std::size_t kWindowPerJob = 4;
// Files being written (temp file, fsync, rename) in the background at once, and their bytes:
// outputs waiting for a slow disk are not counted in --memory-budget, so they are bounded here.
constexpr std::size_t kMaxWritesInFlight = 16;
// Threads that run those writes: enough to keep several fsyncs waiting on the disk at once.
constexpr std::size_t kWriteThreads = 4;
constexpr std::size_t kMaxWriteBytesInFlight = std::size_t{32} << 20U;
// How often the writer wakes while waiting, to notice a signal and redraw the progress line.
constexpr std::chrono::milliseconds kPollInterval{100};
// A tiny page converted once before the threads start, so every one-time library
// initialisation (libxml2's parser) has run on one thread.
constexpr std::string_view kWarmUpPage = "<html><head><title>x</title></head><body><p>x</p></html>";
// Exit statuses after a signal: 128 + its number, as shells report it.
constexpr int kSignalExitBase = 128;

// The signal that asked the batch to stop (0: none). The one piece of global state: a signal
// handler can reach nothing else. Lock-free, so async-signal-safe.
std::atomic<int> g_stop_signal{0};  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signal) {
  g_stop_signal.store(signal);
}

/// Catches SIGINT and SIGTERM for its lifetime (a second one kills as usual).
class StopSignals {
 public:
  StopSignals() {
    g_stop_signal.store(0);
    struct sigaction action {};
    action.sa_handler = on_stop_signal;  // NOLINT(*-union-access): the POSIX API
    sigemptyset(&action.sa_mask);
    action.sa_flags = static_cast<int>(SA_RESETHAND | SA_RESTART);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
    // A signal ignored by whoever started us (nohup, a background job of a script) stays so.
    if (old_int_.sa_handler == SIG_IGN) ::sigaction(SIGINT, &old_int_, nullptr);
    if (old_term_.sa_handler == SIG_IGN) ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  StopSignals(StopSignals&&) = delete;
  StopSignals& operator=(StopSignals&&) = delete;
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  /// The signal received, or 0.
  [[nodiscard]] static int received() { return g_stop_signal.load(); }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

bool ends_with_nocase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const std::string_view tail = s.substr(s.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
  });
}

bool is_page_name(std::string_view name) {
  if (ends_with_nocase(name, ".gz")) name.remove_suffix(3);
  return std::any_of(kPageExtensions.begin(), kPageExtensions.end(),
                     [name](std::string_view ext) { return ends_with_nocase(name, ext); });
}

bool glob_matches(const std::string& glob, std::string_view relative) {
  const std::string path(relative);
  const std::size_t slash = path.rfind('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return ::fnmatch(glob.c_str(), path.c_str(), 0) == 0 ||
         ::fnmatch(glob.c_str(), base.c_str(), 0) == 0;
}

bool excluded(std::string_view relative, const WalkFilters& filters) {
  return std::any_of(filters.exclude.begin(), filters.exclude.end(),
                     [relative](const std::string& g) { return glob_matches(g, relative); });
}

/// Reads one folder of a walk (`relative_dir` under `dir`): files taken go to `found`,
/// subfolders to `pending`; returns an error message or "".
std::string read_folder(const std::string& dir, const std::string& relative_dir,
                        const WalkFilters& filters, std::vector<std::string>& found,
                        std::vector<std::string>& pending) {
  const fs::path folder = relative_dir.empty() ? fs::path(dir) : fs::path(dir) / relative_dir;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;  // hidden files, temp files, .git
    std::string relative = relative_dir;
    if (!relative.empty()) relative += '/';
    relative += name;
    std::error_code type_ec;
    const fs::file_status link_status = it->symlink_status(type_ec);
    if (fs::is_directory(link_status)) {
      const bool output =
          !filters.skip_folder.empty() && fs::equivalent(it->path(), filters.skip_folder, type_ec);
      if (!output && !excluded(relative, filters)) pending.push_back(std::move(relative));
      continue;
    }
    // Only regular files: a FIFO would hang the batch, a device never ends. Symlinks count for
    // what they point to, but a link to a folder is not followed.
    const bool regular = fs::is_symlink(link_status) ? fs::is_regular_file(it->status(type_ec))
                                                     : fs::is_regular_file(link_status);
    if (regular && walk_takes(relative, filters)) found.push_back(std::move(relative));
  }
  return ec ? fmt::format("cannot read folder: {}", ec.message()) : std::string();
}

/// Walks `dir` without recursion and without following directory symlinks (so links cannot
/// loop); appends the files taken, sorted byte-wise by their path under `dir`.
void walk_directory(const std::string& dir, const WalkFilters& filters, InputList& inputs) {
  std::vector<std::string> found;
  std::vector<std::string> pending{""};  // folders to read, relative to dir
  while (!pending.empty()) {
    const std::string relative_dir = std::move(pending.back());
    pending.pop_back();
    const std::string error = read_folder(dir, relative_dir, filters, found, pending);
    if (!error.empty()) {
      const std::string folder =
          relative_dir.empty() ? dir : (fs::path(dir) / relative_dir).string();
      inputs.problems.push_back({folder, error, false});
    }
  }
  std::sort(found.begin(), found.end());
  if (found.empty()) inputs.empty_dirs.push_back(dir);
  const std::string prefix = !dir.empty() && dir.back() == '/' ? dir : dir + "/";
  for (const std::string& relative : found) inputs.files.push_back(prefix + relative);
}

/// Whether a missing input is a web address rather than a file name.
bool looks_like_url(std::string_view path) {
  return path.starts_with("http://") || path.starts_with("https://") ||
         path.starts_with("ftp://") || path.starts_with("www.");
}

/// What to do with a web address: clipdown converts saved pages and never fetches.
std::string url_advice(const std::string& url) {
  const std::string full = url.starts_with("www.") ? "https://" + url : url;
  return fmt::format(
      "no such file (clipdown does not fetch pages; save it first, e.g. curl -sL '{}' | clipdown "
      "--url '{}')",
      full, full);
}

/// Adds one path (from the command line or a list).
void add_path(const std::string& path, const WalkFilters& filters, bool allow_directories,
              bool& stdin_taken, InputList& inputs) {
  if (path == "-") {
    if (stdin_taken) {
      inputs.problems.push_back({"-", "stdin can be read only once", true});
      return;
    }
    stdin_taken = true;
    inputs.files.push_back(path);
    return;
  }
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    inputs.problems.push_back(
        {path, looks_like_url(path) ? url_advice(path) : "no such file", true});
  } else if (fs::is_directory(status)) {
    if (allow_directories) {
      walk_directory(path, filters, inputs);
    } else {
      inputs.problems.push_back({path, "is a directory; use -o DIR to convert a folder", true});
    }
  } else {
    inputs.files.push_back(path);
  }
}

/// The lines of an @list that name paths.
std::vector<std::string> list_paths(std::istream& in) {
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    paths.push_back(line);
  }
  return paths;
}

std::string display_name(const std::string& path) {
  return path == "-" ? std::string("<stdin>") : path;
}

/// How messages name a WARC record: the archive and the record's offset in it.
std::string display_name(const Item& item) {
  if (!item.record) return display_name(item.path);
  return item.record->skip == 0
             ? fmt::format("{}@{}", item.path, item.record->offset)
             : fmt::format("{}@{}+{}", item.path, item.record->offset, item.record->skip);
}

/// Reads the page a WARC record holds and points the options at it: its address is the base for
/// links (unless --url says otherwise), its HTTP charset outranks the page's <meta> (unless
/// --charset says otherwise), its body is HTML.
std::string read_record(const Item& item, Options& options, NameFields& fields) {
  const std::size_t max_bytes = options.decode.max_bytes;
  const warc::Page page = warc::page_of(warc::read(item.path, *item.record, max_bytes), max_bytes);
  if (options.tokenize.base_url.empty() && is_http_url(page.url)) {
    options.tokenize.base_url = page.url;
  }
  options.decode.transport_charset = page.charset;
  options.decode.name.clear();  // the archive's name says nothing of the page
  if (options.decode.kind == InputKind::automatic) options.decode.kind = InputKind::html;
  fields.warc_record_id = page.record_id;
  fields.stem = record_id_tail(page.record_id, fields.stem);
  return page.body;
}

void print_diagnostics(Progress& progress, const std::string& name,
                       const std::vector<Diagnostic>& diagnostics, const CliOptions& cli) {
  if (cli.quiet) return;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::warning) {
      progress.print(fmt::format("clipdown: {}: warning: {}\n", name, d.message));
    } else if (cli.verbose) {
      progress.print(fmt::format("clipdown: {}: {}: {}\n", name, d.stage, d.message));
    }
  }
}

/// Converts one input; only bugs escape.
/// `order`: its place among the inputs, for the memory budget's queue.
/// Where the outputs of a run are written, for links into "Save page complete" folders: the
/// folder itself (the working folder for stdout), and how many folders a --name template adds.
struct OutputPlace {
  fs::path folder;
  std::size_t depth = 0;
};

OutputPlace output_place(const CliOptions& cli, OutputMode mode) {
  std::error_code ec;
  OutputPlace place;
  switch (mode) {
    case OutputMode::stdout_stream:
      place.folder = fs::current_path(ec);
      break;
    case OutputMode::file:
      place.folder = fs::absolute(cli.output, ec).parent_path();
      break;
    case OutputMode::directory:
      place.folder = fs::absolute(cli.output, ec);
      // "{year}/{slug}" writes one folder down; the fields themselves never hold a '/'
      place.depth = static_cast<std::size_t>(std::ranges::count(
          cli.name_template.empty() ? std::string(kDefaultNameTemplate) : cli.name_template, '/'));
      break;
  }
  return place;
}

/// A browser's "Save page complete" folder beside `path` ("Page_files" for "Page.html"), and
/// the path to it from where the output goes; nothing when there is none.
void find_asset_folder(const std::string& path, const OutputPlace& place,
                       TokenizeOptions& options) {
  if (path == "-" || place.folder.empty()) return;
  const fs::path input(path);
  std::string stem = input.filename().string();
  if (ends_with_nocase(stem, ".gz")) stem.resize(stem.size() - 3);
  const std::size_t dot = stem.rfind('.');
  if (dot != std::string::npos && dot > 0) stem.resize(dot);
  const fs::path folder = input.parent_path() / (stem + "_files");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return;
  const fs::path relative = fs::relative(fs::absolute(folder, ec), place.folder, ec);
  if (ec || relative.empty()) return;
  std::string up;
  for (std::size_t i = 0; i < place.depth; ++i) up += "../";
  options.asset_folder = stem + "_files";
  options.asset_path = path_to_url(up + relative.generic_string());
}

Converted convert_one(const Item& item, const CliOptions& cli, MemoryBudget& budget,
                      std::uint64_t order, const OutputPlace& place) {
  const std::string& path = item.path;
  Converted converted;
  converted.fields.stem = input_stem(path);
  try {
    Options options = cli.options;
    if (path != "-") options.decode.name = path;
    if (!item.record) find_asset_folder(path, place, options.tokenize);
    // A file waits for its share of memory before it is read; stdin and a WARC record, read
    // first, after.
    MemoryEstimate estimate;
    MemoryBudget::Lease lease;
    std::string bytes;
    if (item.record) {
      bytes = read_record(item, options, converted.fields);
      estimate = estimate_memory(bytes);
      lease = budget.lease(estimate, order);
    } else if (path == "-") {
      bytes = read_input(path, options.decode);
      estimate = estimate_memory(bytes);
      lease = budget.lease(estimate, order);
    } else {
      estimate = estimate_file_memory(path);
      lease = budget.lease(estimate, order);
      bytes = read_input(path, options.decode);
    }
    // Hashing reads every byte once more: only for a name that asks for it.
    if (cli.name_template.find("{hash}") != std::string::npos ||
        cli.name_template_undated.find("{hash}") != std::string::npos) {
      converted.fields.hash = input_hash(bytes);
    }
    // The lease outlives everything the conversion allocated (destroyed in reverse order).
    Result result = convert_within(bytes, options, estimate, budget, lease);
    if (cli.jsonl) {  // JSON Lines out of WARC archives: the record's id with the page's fields
      nlohmann::ordered_json record = page_record(result, cli.options.markdown);
      record["warc_record_id"] = converted.fields.warc_record_id.empty()
                                     ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(converted.fields.warc_record_id);
      converted.output =
          record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else {
      converted.output =
          cli.dump_blocks ? dump_blocks(result.document.blocks) : render_output(result, cli);
    }
    converted.diagnostics = std::move(result.diagnostics);
    converted.empty = result.document.blocks.empty();
    converted.fields.title = std::move(result.document.meta.title);
    converted.fields.date = std::move(result.document.meta.date);
    converted.fields.url = result.document.meta.url;
    converted.ok = true;
  } catch (const Error& e) {
    converted.error = e.what();
  } catch (const std::bad_alloc&) {  // this input only: the others still get their memory
    converted = Converted{};
    converted.error = "out of memory";
  }
  return converted;
}

/// `path` with its symlinks resolved (as far as it exists).
fs::path real_path(const std::string& path) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  return ec ? fs::path(path) : real;
}

/// A few long-lived threads that run queued tasks in submission order (std::async per task
/// starts a thread, with a fresh stack, for every file). Threads start as work arrives.
template <typename R>
class TaskThreads {
 public:
  explicit TaskThreads(std::size_t count) : count_(count) {}
  TaskThreads(const TaskThreads&) = delete;
  TaskThreads& operator=(const TaskThreads&) = delete;
  TaskThreads(TaskThreads&&) = delete;
  TaskThreads& operator=(TaskThreads&&) = delete;
  ~TaskThreads() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

  std::future<R> submit(std::packaged_task<R()> task) {
    std::future<R> result = task.get_future();
    {
      const std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
      if (idle_ == 0 && threads_.size() < count_) threads_.emplace_back([this] { run(); });
    }
    ready_.notify_one();
    return result;
  }

 private:
  void run() {
    for (;;) {
      std::packaged_task<R()> task;
      {
        std::unique_lock lock(mutex_);
        ++idle_;
        ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        --idle_;
        if (queue_.empty()) return;  // stopping, nothing left
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();  // an exception lands in the task's future
    }
  }

  std::size_t count_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<R()>> queue_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stop_ = false;
};

/// Writes results into -o DIR: names in input order, collisions suffixed, existing files kept
/// unless --force. The writes themselves (fsync is slow) run in the background, a bounded number
/// at a time; their messages and counts are reported in input order.
class DirectoryWriter {
 public:
  explicit DirectoryWriter(const CliOptions& cli)
      : cli_(cli),
        name_template_(cli.name_template.empty() ? std::string(kDefaultNameTemplate)
                                                 : cli.name_template),
        real_output_(real_path(cli.output)),
        started_(fs::file_time_type::clock::now()) {}
  DirectoryWriter(const DirectoryWriter&) = delete;
  DirectoryWriter& operator=(const DirectoryWriter&) = delete;
  DirectoryWriter(DirectoryWriter&&) = delete;
  DirectoryWriter& operator=(DirectoryWriter&&) = delete;
  ~DirectoryWriter() {
    for (auto& write : in_flight_) {
      if (write.valid()) write.wait();
    }
  }

  /// Names the result and starts writing it; reports writes that have finished.
  void write(const std::string& name, Converted& converted, Progress& progress,
             BatchSummary& summary) {
    const std::string& name_template =
        !cli_.name_template_undated.empty() && !is_dated(converted.fields)
            ? cli_.name_template_undated
            : name_template_;
    const std::string relative =
        names_.claim(render_name(name_template, converted.fields, cli_.extension), cli_.extension);
    WriteDone done{name, (fs::path(cli_.output) / relative).string()};
    std::string outside;
    if (!stays_inside(relative)) {  // cannot happen after sanitising: a last line of defence
      done.error = fmt::format("unsafe output name '{}'", relative);
      in_flight_.push_back(ready(std::move(done)));
    } else if (outside = leaves_output(done.target); !outside.empty()) {
      done.error = outside;
      in_flight_.push_back(ready(std::move(done)));
    } else if (!cli_.force && ::access(done.target.c_str(), F_OK) == 0) {
      done.state = WriteDone::State::skipped;
      in_flight_.push_back(ready(std::move(done)));
    } else {
      const Existing existing = cli_.force ? Existing::replace : Existing::keep;
      clean_folder(fs::path(done.target).parent_path().string(), progress);
      bytes_in_flight_ += converted.output.size();
      done.bytes = converted.output.size();
      in_flight_.push_back(writers_.submit(std::packaged_task<WriteDone()>(
          [this, existing, job = std::move(done), bytes = std::move(converted.output)]() mutable {
            try {
              std::error_code ec;
              const fs::path parent = fs::path(job.target).parent_path();
              if (!parent.empty()) fs::create_directories(parent, ec);
              // Checked again once the folders exist: one may have been swapped for a link.
              job.error = leaves_output(job.target);
              if (!job.error.empty()) return std::move(job);
              job.state = write_file_atomically(job.target, bytes, existing)
                              ? WriteDone::State::written
                              : WriteDone::State::skipped;
            } catch (const Error& e) {
              job.error = e.what();
            }
            return std::move(job);
          })));
    }
    while (!in_flight_.empty() &&
           (in_flight_.size() > kMaxWritesInFlight ||
            (bytes_in_flight_ > kMaxWriteBytesInFlight && in_flight_.size() > 1) ||
            in_flight_.front().wait_for(std::chrono::seconds(0)) != std::future_status::timeout)) {
      report_front(progress, summary);
    }
  }

  /// Waits for every write and reports it.
  void finish(Progress& progress, BatchSummary& summary) {
    while (!in_flight_.empty()) report_front(progress, summary);
  }

 private:
  /// Why writing `target` would leave -o DIR ("" when it stays inside): a folder on its way
  /// that is a symlink to somewhere else. Checked on the real paths, symlinks resolved.
  [[nodiscard]] std::string leaves_output(const std::string& target) const {
    std::error_code ec;
    const fs::path parent = fs::weakly_canonical(fs::path(target).parent_path(), ec);
    if (!ec && is_inside(parent, real_output_)) return {};
    return fmt::format("refusing to write '{}': its folder leads outside {} (a symlink)", target,
                       cli_.output);
  }

  /// Removes the temporary files a killed run left in `folder`, the first time it is written to.
  void clean_folder(const std::string& folder, Progress& progress) {
    if (!cleaned_.insert(folder).second) return;
    const std::size_t removed = remove_stale_temp_files(folder, started_);
    if (removed > 0 && cli_.verbose) {
      progress.print(fmt::format("clipdown: {}: removed {} stale temporary file{}\n", folder,
                                 removed, removed == 1 ? "" : "s"));
    }
  }

  struct WriteDone {
    enum class State : std::uint8_t { failed, written, skipped };
    std::string name;
    std::string target;
    State state = State::failed;
    std::string error;
    std::size_t bytes = 0;  // of the output written
  };

  static std::future<WriteDone> ready(WriteDone done) {
    std::promise<WriteDone> promise;
    promise.set_value(std::move(done));
    return promise.get_future();
  }

  void report_front(Progress& progress, BatchSummary& summary) {
    const WriteDone done = in_flight_.front().get();
    in_flight_.pop_front();
    bytes_in_flight_ -= done.bytes;
    switch (done.state) {
      case WriteDone::State::written:
        ++summary.converted;
        if (cli_.verbose)
          progress.print(fmt::format("clipdown: {} -> {}\n", done.name, done.target));
        break;
      case WriteDone::State::skipped:
        ++summary.skipped;
        // a rerun over a finished batch names the first few, then says once that it goes on
        if (!cli_.quiet && (cli_.verbose || summary.skipped <= kNamedSkips)) {
          progress.print(fmt::format("clipdown: {}: skipped: {} exists (use --force)\n", done.name,
                                     done.target));
        } else if (!cli_.quiet && summary.skipped == kNamedSkips + 1) {
          progress.print(
              "clipdown: more inputs skipped as their outputs exist; the summary counts them "
              "(--verbose names each)\n");
        }
        break;
      case WriteDone::State::failed:
        ++summary.failed;
        progress.print(fmt::format("clipdown: {}: {}\n", done.name, done.error));
        break;
    }
  }

  const CliOptions& cli_;
  std::string name_template_;
  fs::path real_output_;                     // -o DIR, symlinks resolved
  fs::file_time_type started_;               // temporary files older than this are stale
  std::unordered_set<std::string> cleaned_;  // folders already rid of stale temporary files
  NameRegistry names_;
  std::deque<std::future<WriteDone>> in_flight_;
  std::size_t bytes_in_flight_ = 0;  // of the outputs in in_flight_
  // Last: its threads stop (the destructor has waited for every write) before the rest goes.
  TaskThreads<WriteDone> writers_{kWriteThreads};
};

/// Worker threads of run_batch(); joined on destruction, also when an exception unwinds.
class Workers {
 public:
  Workers(std::size_t count, std::size_t window, const std::function<Converted(std::size_t)>& fn)
      : count_(count), window_(window), convert_(fn), slots_(window) {}
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  Workers(Workers&&) = delete;
  Workers& operator=(Workers&&) = delete;
  ~Workers() { stop(); }

  void start(unsigned jobs) {
    for (unsigned i = 0; i < jobs; ++i) threads_.emplace_back([this] { work(); });
  }

  /// Waits for result `index` (nullopt when a signal arrives first); redraws the progress line
  /// while waiting.
  std::optional<Converted> take(std::size_t index, Progress& progress) {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[index % window_];
    while (!slot.ready) {
      if (StopSignals::received() != 0) return std::nullopt;
      done_.wait_for(lock, kPollInterval);
      progress.update(index);
    }
    if (slot.bug) std::rethrow_exception(slot.bug);
    Converted converted = std::move(slot.converted);
    slot = Slot{};
    delivered_ = index + 1;
    lock.unlock();
    work_.notify_all();
    return converted;
  }

  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_.notify_all();
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

 private:
  struct Slot {
    bool ready = false;
    Converted converted;
    std::exception_ptr bug;
  };

  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      work_.wait(lock,
                 [this] { return stopping_ || next_ >= count_ || next_ < delivered_ + window_; });
      if (stopping_ || next_ >= count_) return;
      const std::size_t index = next_++;
      lock.unlock();
      Slot slot;
      try {
        slot.converted = convert_(index);
      } catch (...) {
        slot.bug = std::current_exception();
      }
      slot.ready = true;
      lock.lock();
      slots_[index % window_] = std::move(slot);
      done_.notify_one();
    }
  }

  std::size_t count_;
  std::size_t window_;
  const std::function<Converted(std::size_t)>& convert_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable done_;
  std::vector<Slot> slots_;
  std::size_t next_ = 0;
  std::size_t delivered_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

void count(BatchSummary& summary, Outcome outcome) {
  switch (outcome) {
    case Outcome::converted:
      ++summary.converted;
      break;
    case Outcome::skipped:
      ++summary.skipped;
      break;
    case Outcome::failed:
      ++summary.failed;
      break;
    case Outcome::pending:
      break;
  }
}

/// Usage errors of -o DIR found before anything is read: the path is a file, a bad --name.
/// Whether a path names a file by its extension (".md", ".txt", ".json", ...), not a folder.
bool names_output_file(std::string_view path) {
  return std::ranges::any_of(kOutputFileExtensions,
                             [path](std::string_view ext) { return ends_with_nocase(path, ext); });
}

std::optional<ExitCode> check_output_folder(const CliOptions& cli) {
  std::error_code ec;
  if (fs::exists(cli.output, ec) && !fs::is_directory(cli.output, ec)) {
    fmt::print(stderr, "clipdown: {}: not a directory (several inputs need -o DIR)\n", cli.output);
    return ExitCode::usage;
  }
  // "-o two.md" with several inputs names a file: never make a folder of that name.
  if (cli.output.back() != '/' && !fs::exists(cli.output, ec) && names_output_file(cli.output)) {
    fmt::print(stderr,
               "clipdown: {}: several inputs cannot go to one file; use -o DIR/ for one file "
               "per input\n",
               cli.output);
    return ExitCode::usage;
  }
  const std::array<std::string, 2> templates = {
      cli.name_template.empty() ? std::string(kDefaultNameTemplate) : cli.name_template,
      cli.name_template_undated};
  for (const std::string& name_template : templates) {
    const std::string error = template_error(name_template);
    if (!name_template.empty() && !error.empty()) {
      fmt::print(stderr, "clipdown: --name: {}\n", error);
      return ExitCode::usage;
    }
  }
  return std::nullopt;
}

/// Prints the problems of input expansion; returns whether one is a usage error.
bool report_problems(const InputList& inputs, const CliOptions& cli) {
  bool usage_problem = false;
  for (const InputProblem& problem : inputs.problems) {
    fmt::print(stderr, "clipdown: {}: {}\n", problem.path, problem.reason);
    usage_problem = usage_problem || problem.usage;
  }
  if (!cli.quiet) {
    for (const std::string& dir : inputs.empty_dirs) {
      fmt::print(stderr, "clipdown: {}: warning: no pages found (see --include)\n", dir);
    }
  }
  return usage_problem;
}

/// Where converted inputs go, in input order: stdout, -o FILE or -o DIR.
class Sink {
 public:
  Sink(const CliOptions& cli, OutputMode mode, Progress& progress)
      : cli_(cli), mode_(mode), progress_(progress), directory_(cli) {}

  /// Reports one input's diagnostics and writes (or starts writing) its output.
  Outcome deliver(const std::string& name, Converted& converted) {
    print_diagnostics(progress_, name, converted.diagnostics, cli_);
    if (!converted.ok) {
      progress_.print(fmt::format("clipdown: {}: {}\n", name, converted.error));
      return Outcome::failed;
    }
    if (converted.empty) empty_.push_back(name);
    switch (mode_) {
      case OutputMode::stdout_stream:
        // Documents one after another are kept apart by a blank line: the next front matter's
        // "---" never underlines the last line as a heading, and pandoc reads each metadata
        // block.
        if (streamed_ > 0 && cli_.print.empty() && !cli_.jsonl) std::fputc('\n', stdout);
        std::fwrite(converted.output.data(), 1, converted.output.size(), stdout);
        std::fflush(stdout);
        ++streamed_;
        return Outcome::converted;
      case OutputMode::file:
        try {
          write_file_atomically(cli_.output, converted.output);
        } catch (const Error& e) {
          progress_.print(fmt::format("clipdown: {}\n", e.what()));
          return Outcome::failed;
        }
        if (cli_.verbose) progress_.print(fmt::format("clipdown: {} -> {}\n", name, cli_.output));
        return Outcome::converted;
      case OutputMode::directory:
        directory_.write(name, converted, progress_, pending_);
        return Outcome::pending;
    }
    return Outcome::failed;
  }

  /// Waits for background writes and adds their counts to `summary`.
  void finish(BatchSummary& summary) {
    directory_.finish(progress_, pending_);
    summary.converted += pending_.converted;
    summary.skipped += pending_.skipped;
    summary.failed += pending_.failed;
    summary.empty = std::move(empty_);
  }

 private:
  const CliOptions& cli_;
  OutputMode mode_;
  Progress& progress_;
  DirectoryWriter directory_;
  BatchSummary pending_;            // the counts of background writes
  std::size_t streamed_ = 0;        // documents written to stdout so far
  std::vector<std::string> empty_;  // inputs converted without article text
};

}  // namespace

bool walk_takes(std::string_view relative, const WalkFilters& filters) {
  if (excluded(relative, filters)) return false;
  // --include narrows the walk to what it names, as grep --include and rg -g do; without it a
  // walk takes the usual page extensions.
  if (!filters.include.empty()) {
    return std::any_of(filters.include.begin(), filters.include.end(),
                       [relative](const std::string& g) { return glob_matches(g, relative); });
  }
  const std::size_t slash = relative.rfind('/');
  return is_page_name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
}

InputList expand_inputs(const std::vector<std::string>& args, const WalkFilters& filters,
                        bool allow_directories, std::istream& stdin_list) {
  InputList inputs;
  bool stdin_taken = false;
  for (const std::string& arg : args) {
    if (arg.size() < 2 || arg.front() != '@') {
      add_path(arg, filters, allow_directories, stdin_taken, inputs);
      continue;
    }
    const std::string list = arg.substr(1);
    std::vector<std::string> paths;
    if (list == "-") {
      if (stdin_taken) {
        inputs.problems.push_back({arg, "stdin can be read only once", true});
        continue;
      }
      stdin_taken = true;
      paths = list_paths(stdin_list);
    } else {
      std::error_code ec;
      std::ifstream in(list, std::ios::binary);
      if (!in || fs::is_directory(list, ec)) {
        inputs.problems.push_back({list, "cannot read the list of inputs", true});
        continue;
      }
      paths = list_paths(in);
    }
    for (const std::string& path : paths) {
      add_path(path, filters, allow_directories, stdin_taken, inputs);
    }
  }
  return inputs;
}

OutputMode output_mode(const CliOptions& cli) {
  if (cli.output.empty() || cli.output == "-") return OutputMode::stdout_stream;
  std::error_code ec;
  if (cli.output.back() == '/' || fs::is_directory(cli.output, ec) || cli.inputs.size() > 1) {
    return OutputMode::directory;
  }
  for (const std::string& input : cli.inputs) {
    if ((input.size() > 1 && input.front() == '@') || fs::is_directory(input, ec) ||
        is_archive_name(input)) {
      return OutputMode::directory;
    }
  }
  return OutputMode::file;
}

bool is_archive_name(std::string_view path) {
  return std::any_of(kArchiveExtensions.begin(), kArchiveExtensions.end(),
                     [path](std::string_view ext) { return ends_with_nocase(path, ext); });
}

std::vector<Item> expand_archives(const std::vector<std::string>& files, const CliOptions& cli,
                                  std::vector<std::string>& failures) {
  std::vector<Item> items;
  items.reserve(files.size());
  for (const std::string& path : files) {
    if (path == "-" || !is_archive_name(path)) {
      items.push_back(Item{path, std::nullopt});
      continue;
    }
    try {
      const warc::Scan scan = warc::scan(path);
      if (!cli.quiet) {
        for (const std::string& warning : scan.warnings) {
          fmt::print(stderr, "clipdown: {}: warning: {}\n", path, warning);
        }
        if (scan.one_stream) {
          fmt::print(stderr,
                     "clipdown: {}: warning: several records share a gzip member: each is read "
                     "by inflating its member from the start (slow); a WARC with a gzip member "
                     "per record reads fast\n",
                     path);
        }
        if (scan.pages.empty()) {
          fmt::print(stderr, "clipdown: {}: warning: no HTML page among its {} record{}\n", path,
                     scan.records, scan.records == 1 ? "" : "s");
        } else if (cli.verbose) {
          fmt::print(stderr, "clipdown: {}: {} HTML page{} among {} records\n", path,
                     scan.pages.size(), scan.pages.size() == 1 ? "" : "s", scan.records);
        }
      }
      for (const warc::RecordRef& ref : scan.pages) items.push_back(Item{path, ref});
    } catch (const Error& e) {
      failures.push_back(fmt::format("clipdown: {}: {}\n", path, e.what()));
    }
  }
  return items;
}

std::string summary_line(const BatchSummary& summary) {
  std::string empty;
  if (!summary.empty.empty()) {
    // "(2 without article text: a.html, b.html)": the first few named, the rest counted
    std::string names;
    for (std::size_t i = 0; i < summary.empty.size() && i < kNamedEmptyInputs; ++i) {
      names += (i == 0 ? "" : ", ") + summary.empty[i];
    }
    if (summary.empty.size() > kNamedEmptyInputs) names += ", ...";
    empty = fmt::format(" ({} without article text: {})", summary.empty.size(), names);
  }
  return fmt::format("clipdown: {}{} converted{}, {} skipped, {} failed in {:.1f} s\n",
                     summary.signal != 0 ? "interrupted: " : "", summary.converted, empty,
                     summary.skipped, summary.failed, summary.seconds);
}

BatchSummary run_batch(std::size_t count_of_inputs, unsigned jobs,
                       const std::function<Converted(std::size_t)>& convert,
                       const std::function<Outcome(std::size_t, Converted&)>& deliver,
                       Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  const StopSignals signals;
  BatchSummary summary;
  jobs = static_cast<unsigned>(std::min<std::size_t>(std::max(jobs, 1U), count_of_inputs));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < count_of_inputs && StopSignals::received() == 0; ++i) {
      Converted converted = convert(i);
      count(summary, deliver(i, converted));
      progress.update(i + 1);
    }
  } else {
    try {
      (void)clipdown::convert(kWarmUpPage, Options{});
    } catch (const Error&) {  // only the initialisation matters
    }
    Workers workers(count_of_inputs, std::size_t{jobs} * kWindowPerJob, convert);
    workers.start(jobs);
    for (std::size_t i = 0; i < count_of_inputs; ++i) {
      std::optional<Converted> converted = workers.take(i, progress);
      if (!converted) break;
      count(summary, deliver(i, *converted));
      progress.update(i + 1);
      if (StopSignals::received() != 0) break;
    }
  }
  progress.clear();
  summary.signal = StopSignals::received();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

ExitCode convert_inputs(const CliOptions& cli) {
  const OutputMode mode = output_mode(cli);
  if (mode == OutputMode::directory) {
    if (const std::optional<ExitCode> refused = check_output_folder(cli)) return *refused;
  }
  const WalkFilters filters{cli.include, cli.exclude,
                            mode == OutputMode::directory ? cli.output : std::string()};
  const InputList inputs =
      expand_inputs(cli.inputs, filters, mode == OutputMode::directory, std::cin);
  const bool usage_problem = report_problems(inputs, cli);
  // -o DIR is made with its parents, as is the folder of -o FILE ("-o notes/2024/a.md")
  const fs::path folder = mode == OutputMode::directory ? fs::path(cli.output)
                          : mode == OutputMode::file    ? fs::path(cli.output).parent_path()
                                                        : fs::path();
  if (!folder.empty()) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
      fmt::print(stderr, "clipdown: {}: cannot create folder: {}\n", folder.string(), ec.message());
      return ExitCode::failed;
    }
  }

  std::vector<std::string> archive_failures;
  const std::vector<Item> files = expand_archives(inputs.files, cli, archive_failures);
  for (const std::string& failure : archive_failures) fmt::print(stderr, "{}", failure);
  if (mode == OutputMode::file && files.size() > 1) {
    fmt::print(stderr,
               "clipdown: {} pages in the archive go to one file '{}': use -o DIR/ for a file "
               "each\n",
               files.size(), cli.output);
    return ExitCode::usage;
  }
  const OutputPlace place = output_place(cli, mode);
  const bool batch = mode == OutputMode::directory || files.size() + inputs.problems.size() > 1;
  Progress progress(files.size(),
                    batch && !cli.quiet && ::isatty(STDERR_FILENO) == 1 && files.size() > 1);
  Sink sink(cli, mode, progress);
  const unsigned jobs =
      cli.jobs != 0 ? cli.jobs : std::max(1U, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  MemoryBudget budget(cli.memory_budget);
  BatchSummary summary = run_batch(
      files.size(), jobs,
      [&](std::size_t i) { return convert_one(files[i], cli, budget, i, place); },
      [&](std::size_t i, Converted& converted) {
        return sink.deliver(display_name(files[i]), converted);
      },
      progress);
  sink.finish(summary);
  progress.clear();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.failed += inputs.problems.size() + archive_failures.size();
  if (batch && !cli.quiet) fmt::print(stderr, "{}", summary_line(summary));
  if (summary.signal != 0) return static_cast<ExitCode>(kSignalExitBase + summary.signal);
  if (usage_problem) return ExitCode::usage;
  if (summary.failed > 0) return ExitCode::failed;
  return summary.empty.empty() ? ExitCode::ok : ExitCode::empty;
}

}  // namespace clipdown::cli
