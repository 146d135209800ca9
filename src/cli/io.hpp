#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "clipdown/options.hpp"

namespace clipdown::cli {

/// Whether `path` is `dir` or lies under it, component by component (both already resolved:
/// fs::canonical or fs::weakly_canonical).
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& dir);

/// Reads a whole input ("-": stdin) of at most options.max_bytes. A named input must be a
/// regular file: it is opened non-blocking (a FIFO never hangs the open) and checked with
/// fstat before anything is read. Reading stops as soon as the first bytes show binary data
/// (decode's binary_reason(): /dev/zero on stdin). Throws Error(Errc::io) naming the reason (a
/// directory, not a regular file, unreadable, too large) or Error(Errc::decode) for binary data.
std::string read_input(const std::string& path, const DecodeOptions& options);

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a partial file. Throws Error(Errc::output).
void write_file_atomically(const std::string& path, std::string_view contents);

/// Removes the temporary files write_file_atomically() left in `dir` (not in its subfolders)
/// when its process was killed: only names of its exact pattern ".NAME.tmp-XXXXXX", only
/// regular files last written before `before` (the start of this run), and only when no live
/// writer holds them (writers lock their temporary file). Returns how many were removed.
std::size_t remove_stale_temp_files(const std::string& dir, std::filesystem::file_time_type before);

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
