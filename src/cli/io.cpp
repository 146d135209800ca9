#include "cli/io.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clipdown/error.hpp"

namespace clipdown::cli {

namespace fs = std::filesystem;

namespace {

/// Closes a file descriptor on scope exit.
struct Fd {
  int fd = -1;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  explicit Fd(int value) : fd(value) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string read_fd(int fd, const std::string& name) {
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(Errc::io, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > kMaxInputBytes) {
      throw Error(Errc::io, fmt::format("{} is larger than 2 GiB", name));
    }
  }
  return data;
}

}  // namespace

std::string read_input(const std::string& path) {
  if (path == "-") return read_fd(STDIN_FILENO, "stdin");
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error(Errc::io, "is a directory");
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    throw Error(Errc::io, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  return read_fd(file.fd, "input");
}

void write_file_atomically(const std::string& path, std::string_view contents) {
  const fs::path target{path};
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string temp = (dir / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    throw Error(Errc::output, fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  Fd guard{fd};
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::unlink(temp.c_str());
      throw Error(Errc::output, fmt::format("cannot write '{}': {}", path, std::strerror(saved)));
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; published files get the usual 0644 (less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, static_cast<mode_t>(0666U & ~mask));
  if (::fsync(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error(Errc::output, fmt::format("cannot write '{}': {}", path, std::strerror(saved)));
  }
}

}  // namespace clipdown::cli
