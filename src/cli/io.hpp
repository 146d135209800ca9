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

/// What write_file_atomically() does when `path` already exists.
enum class Existing : std::uint8_t {
  replace,  ///< replace it (atomically)
  keep,     ///< keep it and write nothing
};

/// Writes `contents` to `path` atomically: a hidden temporary ".NAME.tmp-XXXXXX" in the same
/// folder (never ending in the output extension), fsync, then a rename (with `keep`, a rename
/// that refuses to replace, so a file created meanwhile is not clobbered either). Returns false
/// when `keep` found the file already there. Throws Error(Errc::output); never leaves the
/// temporary file behind on an error.
bool write_file_atomically(const std::string& path, std::string_view contents, Existing existing);

}  // namespace clipdown::cli
