#include "cli/io.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <string>
#include <utility>

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clipdown/decode.hpp"
#include "clipdown/error.hpp"

namespace clipdown::cli {

namespace fs = std::filesystem;

namespace {

// Longest part of the target's name kept in a temporary file's name (NAME_MAX is 255 bytes).
constexpr std::size_t kMaxTempNameBytes = 200;

/// Closes a file descriptor on scope exit.
struct Fd {
  int fd = -1;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&&) = delete;
  Fd& operator=(Fd&&) = delete;
  explicit Fd(int value) : fd(value) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error too_large(std::size_t limit) {
  return {Errc::too_large,
          fmt::format("larger than {} (see --max-input-size)", format_size(limit))};
}

/// Reads `fd` to its end: at most options.max_bytes (the size is checked before appending), and
/// no further than the first kBinarySniffBytes when they show binary data.
std::string read_fd(int fd, const DecodeOptions& options, std::size_t expected) {
  std::string data;
  data.reserve(std::min(expected, options.max_bytes) + 1);
  std::array<char, std::size_t{1} << 16U> buffer{};
  bool sniffed = false;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {  // a non-blocking stdin with nothing yet: wait for it
        pollfd ready{.fd = fd, .events = POLLIN, .revents = 0};
        ::poll(&ready, 1, -1);
        continue;
      }
      throw Error(Errc::io, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    if (static_cast<std::size_t>(n) > options.max_bytes - data.size()) {
      throw too_large(options.max_bytes);
    }
    data.append(buffer.data(), static_cast<std::size_t>(n));
    if (!sniffed && data.size() >= kBinarySniffBytes) {
      sniffed = true;
      const std::string reason = binary_reason(data, options);
      if (!reason.empty()) throw Error(Errc::decode, reason);
    }
  }
  return data;
}

// What write_file_atomically() puts between ".NAME" and mkstemp's six characters.
constexpr std::string_view kTempMarker = ".tmp-";
// mkstemp's random suffix: six of [A-Za-z0-9].
constexpr std::size_t kTempSuffixChars = 6;

/// Whether `name` is one of write_file_atomically()'s temporary names: ".NAME.tmp-XXXXXX".
bool is_temp_name(std::string_view name) {
  if (name.size() < 2 + kTempMarker.size() + kTempSuffixChars || name.front() != '.') return false;
  const std::string_view suffix = name.substr(name.size() - kTempSuffixChars);
  const bool random = std::all_of(suffix.begin(), suffix.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
  return random && name.substr(name.size() - kTempSuffixChars - kTempMarker.size(),
                               kTempMarker.size()) == kTempMarker;
}

/// Removes a temporary file on scope exit unless released.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  TempFile(TempFile&&) = delete;
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

/// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void cut_utf8(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U) --cut;
  s.resize(cut);
}

/// Renames `temp` to `path` unless `path` exists (false then). Throws Error(Errc::output).
bool publish_without_replacing(const std::string& temp, const std::string& path) {
  // 1. renameat2(RENAME_NOREPLACE): atomic, Linux 3.15+ on most file systems.
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
    return true;
  }
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    throw Error(Errc::output, fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  // 2. link + unlink: atomic too, where hard links exist.
  if (::link(temp.c_str(), path.c_str()) == 0) {
    ::unlink(temp.c_str());
    return true;
  }
  if (errno == EEXIST) return false;
  // 3. check, then rename: a small race, on file systems offering neither.
  if (::access(path.c_str(), F_OK) == 0) return false;
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    throw Error(Errc::output, fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  return true;
}

}  // namespace

bool is_inside(const fs::path& path, const fs::path& dir) {
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
    if (d->empty() && std::next(d) == dir.end()) break;  // "dir/" ends in an empty element
    if (p == path.end() || *p != *d) return false;
  }
  return true;
}

std::string read_input(const std::string& path, const DecodeOptions& options) {
  if (path == "-") return read_fd(STDIN_FILENO, options, 0);
  // O_NONBLOCK: opening a FIFO with no writer would wait for one for ever.
  Fd file{::open(path.c_str(),  // NOLINT(*-vararg): POSIX open
                 O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0) {
    if (errno == EISDIR) throw Error(Errc::io, "is a directory");
    throw Error(Errc::io, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    throw Error(Errc::io, fmt::format("cannot read: {}", std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) throw Error(Errc::io, "is a directory");
  if (!S_ISREG(info.st_mode)) {
    throw Error(Errc::io, fmt::format("not a regular file ({}); to read it, pipe it to stdin: "
                                      "clipdown - < FILE",
                                      S_ISFIFO(info.st_mode)   ? "a FIFO"
                                      : S_ISCHR(info.st_mode)  ? "a character device"
                                      : S_ISBLK(info.st_mode)  ? "a block device"
                                      : S_ISSOCK(info.st_mode) ? "a socket"
                                                               : "a special file"));
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > options.max_bytes) throw too_large(options.max_bytes);
  return read_fd(file.fd, options, static_cast<std::size_t>(size));
}

std::size_t remove_stale_temp_files(const std::string& dir, fs::file_time_type before) {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code entry_ec;
    if (!is_temp_name(name) || !it->is_regular_file(entry_ec) || it->is_symlink(entry_ec)) {
      continue;
    }
    if (fs::last_write_time(it->path(), entry_ec) >= before || entry_ec) continue;
    const std::string path = it->path().string();
    Fd file{::open(path.c_str(),  // NOLINT(*-vararg): POSIX open
                   O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)};
    // A live writer holds the lock (write_file_atomically); a killed one no longer does.
    if (file.fd < 0 || ::flock(file.fd, LOCK_EX | LOCK_NB) != 0) continue;
    if (::unlink(path.c_str()) == 0) ++removed;
  }
  return removed;
}

void write_file_atomically(const std::string& path, std::string_view contents) {
  write_file_atomically(path, contents, Existing::replace);
}

bool write_file_atomically(const std::string& path, std::string_view contents, Existing existing) {
  const fs::path target{path};
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  auto fail = [&path](int error) {
    return Error(Errc::output, fmt::format("cannot write '{}': {}", path, std::strerror(error)));
  };
  if (existing == Existing::keep && ::access(path.c_str(), F_OK) == 0) return false;
  std::string name = target.filename().string();
  cut_utf8(name, kMaxTempNameBytes);
  std::string temp = (dir / fmt::format(".{}{}XXXXXX", name, kTempMarker)).string();
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) throw fail(errno);
  Fd guard{fd};
  TempFile owner{temp};
  // Held while the file is ours: remove_stale_temp_files() leaves a locked file alone.
  ::flock(fd, LOCK_EX);
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw fail(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; published files get the usual 0644 (less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, static_cast<mode_t>(0666U & ~mask));
  if (::fsync(fd) != 0) throw fail(errno);
  if (existing == Existing::replace) {
    if (::rename(temp.c_str(), path.c_str()) != 0) throw fail(errno);
    owner.release();
    return true;
  }
  if (!publish_without_replacing(temp, path)) return false;
  owner.release();
  return true;
}

}  // namespace clipdown::cli
