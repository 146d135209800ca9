#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace clipdown::cli {

/// Inputs larger than this are refused (DESIGN: input over 2 GiB).
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{2} << 30U;

/// Reads a whole file ("-": stdin). Throws Error(Errc::io) naming the reason: a directory,
/// unreadable, too large.
std::string read_input(const std::string& path);

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a partial file. Throws Error(Errc::output).
void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace clipdown::cli
