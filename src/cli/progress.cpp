#include "cli/progress.hpp"

#include <cmath>

#include <fmt/core.h>

namespace clipdown::cli {

namespace {

// Least time between two redraws (about 10 per second).
constexpr std::chrono::milliseconds kRedrawInterval{100};
// Erases from the cursor to the end of the line (the line is only drawn on terminals).
constexpr std::string_view kEraseLine = "\r\033[K";

}  // namespace

std::string progress_text(std::size_t done, std::size_t total, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  std::string text = fmt::format("  {}/{}  {:.1f} pages/s", done, total, rate);
  if (rate > 0 && done < total) {
    const long eta = std::lround(static_cast<double>(total - done) / rate);
    if (eta >= 60) {
      text += fmt::format("  ETA {}m{:02}s", eta / 60, eta % 60);
    } else {
      text += fmt::format("  ETA {}s", eta);
    }
  }
  return text;
}

Progress::Progress(std::size_t total, bool enabled, std::FILE* stream)
    : total_(total), enabled_(enabled), stream_(stream) {}

Progress::~Progress() {
  clear();
}

void Progress::update(std::size_t done) {
  done_ = done;
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  if (shown_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  fmt::print(stream_, "{}{}", kEraseLine, progress_text(done_, total_, seconds));
  std::fflush(stream_);
  shown_ = true;
}

void Progress::print(const std::string& line) {
  clear();
  std::fputs(line.c_str(), stream_);
  std::fflush(stream_);
}

void Progress::clear() {
  if (!shown_) return;
  std::fputs(kEraseLine.data(), stream_);
  std::fflush(stream_);
  shown_ = false;
}

}  // namespace clipdown::cli
