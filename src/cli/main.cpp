#include <exception>

#include <fmt/core.h>

#include "cli/cli.hpp"

int main(int argc, char** argv) try {
  return static_cast<int>(clipdown::cli::run(argc, argv));
} catch (const std::exception& e) {  // only bugs get here: run() handles clipdown::Error per input
  fmt::print(stderr, "clipdown: internal error: {}\n", e.what());
  return static_cast<int>(clipdown::cli::ExitCode::internal);
}
