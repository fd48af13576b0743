// Durable copy, rename and text writes for checkpoints and batch bookkeeping (see durable_file.hpp).
#include "durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "marrow/output.hpp"

namespace marrow::durable {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw OutputError(path + ": " + what + ": " + std::strerror(errno));
}

void fsync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) fail(path, "cannot open to sync");
  // Some file systems refuse fsync on a folder; the rename is still atomic there.
  if (::fsync(fd) != 0 && !directory) {
    ::close(fd);
    fail(path, "cannot sync to disk");
  }
  ::close(fd);
}

std::string folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

void copy_file(const std::string& from, const std::string& to) {
  const int in = ::open(from.c_str(), O_RDONLY);
  if (in < 0) fail(from, "cannot open to copy");
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) {
    ::close(in);
    fail(to, "cannot create");
  }
  static thread_local char buf[1 << 20];
  for (;;) {
    const ssize_t n = ::read(in, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(in);
      ::close(out);
      fail(from, "cannot read");
    }
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out, buf + done, std::size_t(n - done));
      if (w < 0) {
        if (errno == EINTR) continue;
        ::close(in);
        ::close(out);
        fail(to, "cannot write (disk full?)");
      }
      done += w;
    }
  }
  ::close(in);
  if (::fsync(out) != 0) {
    ::close(out);
    fail(to, "cannot sync to disk");
  }
  if (::close(out) != 0) fail(to, "cannot close");
}

void commit(const std::string& tmp, const std::string& path) {
  fsync_path(tmp, false);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail(path, "cannot rename " + tmp + " into place");
  fsync_path(folder_of(path), true);
}

void write_text(const std::string& path, const std::string& text) {
  char host[256] = "host";
  ::gethostname(host, sizeof host - 1);
  host[sizeof host - 1] = '\0';
  const std::string tmp = path + "." + host + "." + std::to_string(::getpid()) + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) fail(tmp, "cannot create");
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t w = ::write(fd, text.data() + done, text.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      fail(tmp, "cannot write (disk full?)");
    }
    done += std::size_t(w);
  }
  if (::close(fd) != 0) fail(tmp, "cannot close");
  commit(tmp, path);
}

void remove(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec) throw OutputError(path + ": cannot remove: " + ec.message());
}

}  // namespace marrow::durable
