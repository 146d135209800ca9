#pragma once

// Running the real clipdown binary (CLIPDOWN_BINARY) from tests, in scratch folders.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

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
/// to files (never a terminal).
inline CliRun run_clipdown(const std::string& args, const std::filesystem::path& dir) {
  const std::filesystem::path out = dir / "stdout.txt";
  const std::filesystem::path err = dir / "stderr.txt";
  const std::string command = "cd '" + dir.string() + "' && '" CLIPDOWN_BINARY "' " + args + " >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());  // NOLINT(cert-env33-c): test driver
  CliRun run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

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
