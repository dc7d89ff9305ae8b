#include "core/file.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace maillage {

namespace {

const char* special_kind(mode_t mode) {
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

[[noreturn]] void fail_errno(const std::string& path, std::string_view kind, int err) {
    const std::string k(kind);
    switch (err) {
    case ENOENT:
        throw InputError(path + ": " + k + " not found");
    case ENOTDIR:
        throw InputError(path + ": " + k + " not found (a part of the path is not a directory)");
    case ELOOP:
        throw InputError(path + ": too many levels of symbolic links (a symbolic link loop?), cannot open the " + k);
    case EACCES:
    case EPERM:
        throw InputError(path + ": permission denied, cannot open the " + k);
    case ENAMETOOLONG:
        throw InputError(path + ": path too long, cannot open the " + k);
    default:
        throw InputError(path + ": cannot open the " + k + " (" + std::strerror(err) + ")");
    }
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

} // namespace

std::uint64_t check_input_path(const std::string& path, std::string_view kind, InputKind allowed,
                               std::string_view hint) {
    const std::string k(kind);
    if (path.empty()) throw InputError("empty path for the " + k + " (expected a file name)");
    if (path.find('\0') != std::string::npos) throw InputError(path + ": path holds a NUL byte");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) fail_errno(path, kind, errno);
    if (S_ISREG(st.st_mode)) {
        if (::access(path.c_str(), R_OK) != 0 && errno == EACCES) fail_errno(path, kind, EACCES);
        return static_cast<std::uint64_t>(st.st_size);
    }
    if (S_ISDIR(st.st_mode)) {
        if (allowed == InputKind::file_or_directory) return 0;
        throw InputError(path + ": is a directory, " + (hint.empty() ? "expected a " + k : std::string(hint)));
    }
    throw InputError(path + ": is " + special_kind(st.st_mode) + ", expected a " + k +
                     " (maillage reads only regular files)");
}

std::string read_text_file(const std::string& path, std::string_view kind, std::size_t max_bytes,
                           std::string_view why_small) {
    check_input_path(path, kind);
    const std::string k(kind);
    // O_NONBLOCK: a FIFO put in the file's place since the check must not
    // block the open; fstat below refuses it.
    Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0) fail_errno(path, kind, errno);
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) fail_errno(path, kind, errno);
    if (!S_ISREG(st.st_mode))
        throw InputError(path + ": is " + special_kind(st.st_mode) + ", expected a " + k +
                         " (maillage reads only regular files)");
    const auto too_large = [&] {
        return InputError(path + ": " + k + " larger than " + std::to_string(max_bytes) +
                          " bytes, the most maillage reads" +
                          (why_small.empty() ? std::string() : " (" + std::string(why_small) + ")"));
    };
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) throw too_large();
    // The size may change while reading: read at most max_bytes + 1 bytes.
    std::string text;
    text.resize(std::min<std::uint64_t>(static_cast<std::uint64_t>(st.st_size), max_bytes) + 1);
    std::size_t used = 0;
    for (;;) {
        if (used == text.size()) {
            if (used > max_bytes) throw too_large();
            text.resize(std::min<std::size_t>(max_bytes + 1, used * 2 + 4096));
        }
        const ssize_t n = ::read(f.fd, text.data() + used, text.size() - used);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(path + ": cannot read the " + k + " (" + std::strerror(errno) + ")");
        }
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
        if (used > max_bytes) throw too_large();
    }
    text.resize(used);
    return text;
}

} // namespace maillage
