#include "io/atomic_file.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace maillage {

void write_file_atomically(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw OutputError(path + ": output directory " + dir.string() + " does not exist");
    if (fs::is_directory(target, ec)) throw OutputError(path + ": is a directory, expected a file name");
    const std::string tmp = (dir / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()))).string();
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw OutputError(path + ": cannot write in " + dir.string() + " (" + std::strerror(errno) + ")");
    const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) {
        std::remove(tmp.c_str());
        throw OutputError(path + ": write failed (" + std::strerror(errno) + ")");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(tmp.c_str());
        throw OutputError(path + ": cannot rename temporary file (" + std::strerror(err) + ")");
    }
}

} // namespace maillage
