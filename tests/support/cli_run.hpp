#pragma once

// Running the real clipdown binary (CLIPDOWN_BINARY) from tests, in scratch folders.

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace clipdown::test {

/// What one run of the binary gave.
struct CliRun {
  int status = -1;  ///< exit status; -1 when killed by a signal
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// The whole contents of a file ("" when missing).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs the clipdown binary with `args` (a shell-quoted string) in `dir`; stdout and stderr go
/// to files (never a terminal). `memory_kb`: an address-space limit (ulimit -v), 0 for none.
inline CliRun run_clipdown(const std::string& args, const std::filesystem::path& dir,
                           long memory_kb = 0) {
  const std::filesystem::path out = dir / "stdout.txt";
  const std::filesystem::path err = dir / "stderr.txt";
  const std::string limit = memory_kb > 0 ? "ulimit -v " + std::to_string(memory_kb) + " && " : "";
  const std::string command = limit + "cd '" + dir.string() + "' && '" CLIPDOWN_BINARY "' " + args +
                              " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());  // NOLINT(cert-env33-c): test driver
  CliRun run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

/// What one measured run of the binary gave.
struct MeasuredRun {
  int status = -1;         ///< exit status; -1 when killed by a signal
  double seconds = 0;      ///< wall time
  double cpu_seconds = 0;  ///< user + system time of the process
  long max_rss_kb = 0;     ///< peak resident set size of the process (wait4's ru_maxrss)
  std::string err;         ///< stderr
};

/// Runs the binary with `args` (no shell), stdin from `stdin_path`, stdout discarded, and
/// measures its wall time and peak memory.
inline MeasuredRun run_measured(const std::vector<std::string>& args,
                                const std::filesystem::path& stdin_path,
                                const std::filesystem::path& dir) {
  const std::filesystem::path err = dir / "measured-stderr.txt";
  std::vector<std::string> argv_strings{CLIPDOWN_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  MeasuredRun run;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
    int raw = 0;
    rusage usage{};
    ::wait4(pid, &raw, 0, &usage);
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.max_rss_kb = usage.ru_maxrss;
    const auto secs = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    run.cpu_seconds = secs(usage.ru_utime) + secs(usage.ru_stime);
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  posix_spawn_file_actions_destroy(&actions);
  run.err = slurp(err);
  return run;
}

/// The binary running with pipes on its stdin and stdout, for streaming tests.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    std::signal(SIGPIPE, SIG_IGN);  // a child that exits early must not kill the tests
    int in[2] = {-1, -1};
    int out[2] = {-1, -1};
    if (::pipe(in) != 0 || ::pipe(out) != 0) return;
    std::vector<std::string> argv_strings{CLIPDOWN_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    to_child_ = in[1];
    from_child_ = out[0];
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    close_input();
    if (from_child_ >= 0) ::close(from_child_);
    if (pid_ > 0) wait();
  }
  /// Writes `text` to the child's stdin.
  void write(const std::string& text) const {
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(to_child_, text.data() + done, text.size() - done);
      if (n <= 0) return;
      done += static_cast<std::size_t>(n);
    }
  }
  /// Closes the child's stdin (end of input).
  void close_input() {
    if (to_child_ >= 0) ::close(to_child_);
    to_child_ = -1;
  }
  /// The next line of the child's stdout (without '\n'), or "" when none came in `seconds`.
  std::string read_line(int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (buffer_.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return {};
      pollfd fd{from_child_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) return {};
      char chunk[4096];
      const ssize_t n = ::read(from_child_, chunk, sizeof chunk);
      if (n <= 0) return {};
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    const std::size_t end = buffer_.find('\n');
    std::string line = buffer_.substr(0, end);
    buffer_.erase(0, end + 1);
    return line;
  }
  /// Waits for the child to exit; its exit status (-1 when killed by a signal).
  int wait() {
    int raw = 0;
    ::waitpid(pid_, &raw, 0);
    pid_ = -1;
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }

 private:
  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string buffer_;
};

/// A fresh scratch folder per test case, removed afterwards.
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("clipdown-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  /// Writes `contents` to `name` (folders created as needed).
  void write(const std::string& name, const std::string& contents) const {
    std::filesystem::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << contents;
  }
};

/// Every regular file under `root` (hidden ones too): relative path -> contents.
inline std::map<std::string, std::string> tree(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (entry.is_regular_file()) {
      files[std::filesystem::relative(entry.path(), root).generic_string()] = slurp(entry.path());
    }
  }
  return files;
}

/// A small article page with `title` (inserted as is: escape it yourself) and a body that
/// mentions `marker`.
inline std::string article_page(const std::string& title, const std::string& marker,
                                const std::string& head_extra = "") {
  return "<html><head><title>" + title + "</title>" + head_extra + "</head><body><article><h1>" +
         title + "</h1><p>The first paragraph of the article says something useful about " +
         marker +
         ", at length, with commas.</p><p>The second paragraph goes on with more words about " +
         marker + ", because articles have words.</p></article></body></html>";
}

}  // namespace clipdown::test
