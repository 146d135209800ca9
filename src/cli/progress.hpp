#pragma once

// The live progress line of a batch on stderr ("  90/181  45.2 pages/s  ETA 2s"), drawn only
// when stderr is a terminal.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace clipdown::cli {

/// The text of a progress line (no '\r'): done/total, pages per second, time left.
std::string progress_text(std::size_t done, std::size_t total, double seconds);

/// Draws and erases the progress line; every other stderr line goes through print() so the
/// progress line never mixes with it.
class Progress {
 public:
  /// A progress line for `total` inputs on `stream`, drawn only when `enabled`.
  Progress(std::size_t total, bool enabled, std::FILE* stream = stderr);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  Progress(Progress&&) = delete;
  Progress& operator=(Progress&&) = delete;
  /// Erases the line if it is shown.
  ~Progress();

  /// Records `done` inputs finished; redraws at most ~10 times per second.
  void update(std::size_t done);
  /// Prints one message line (with its '\n') on the stream, above the progress line.
  void print(const std::string& line);
  /// Erases the line (the next update() draws it again).
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_;
  bool shown_ = false;
  std::FILE* stream_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace clipdown::cli
