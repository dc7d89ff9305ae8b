#include "io/atomic_file.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

namespace maillage {

namespace fs = std::filesystem;

namespace {

// The PID at the end of `name` after `prefix` ("." + NAME + ".tmp." + PID),
// or -1 if `name` is not such a temporary.
long pid_suffix(const std::string& name, const std::string& prefix) {
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return -1;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 10 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return std::stol(digits);
}

// Removes the entries of `dir` named PREFIX + PID whose process is gone.
void remove_dead_temporaries(const fs::path& dir, const std::string& prefix) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const long pid = pid_suffix(it->path().filename().string(), prefix);
        if (pid > 0 && pid != ::getpid() && !process_alive(pid)) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

// Limits of the file system holding `dir` (or its nearest existing parent).
long name_max(const fs::path& dir) {
    fs::path p = dir;
    std::error_code ec;
    while (!p.empty() && !fs::exists(p, ec) && p != p.parent_path()) p = p.parent_path();
    const long n = ::pathconf(p.empty() ? "." : p.c_str(), _PC_NAME_MAX);
    return n > 0 ? n : 255;
}

// SQLite (under GDAL's GeoPackage driver) opens no path longer than this
// (MAX_PATHNAME of its unix VFS, 512 bytes with the terminating NUL); the
// journal adds "-journal" to the database's path.
constexpr std::size_t kMaxSqlitePath = 511;

bool replaceable(const std::string& name, const std::function<bool(const std::string&)>& previous_output) {
    if (previous_output(name)) return true;
    // Temporaries of the writers (".cantons.geojson.tmp.PID",
    // ".maillage.tmp.PID.gpkg", SQLite's "-journal"), left by a killed run.
    return name.size() > 1 && name[0] == '.' && (name.find(".tmp.") != std::string::npos ||
                                                  name.find("-journal") != std::string::npos);
}

} // namespace

bool process_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH); }

void write_file_atomically(const std::string& path, const std::string& content) {
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw OutputError(path + ": output directory " + dir.string() + " does not exist");
    if (fs::is_directory(target, ec)) throw OutputError(path + ": is a directory, expected a file name");
    const std::string prefix = "." + target.filename().string() + ".tmp.";
    remove_dead_temporaries(dir, prefix);
    const std::string tmp = (dir / (prefix + std::to_string(::getpid()))).string();
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw OutputError(path + ": cannot write in " + dir.string() + " (" + std::strerror(errno) + ")");
    const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) {
        const int err = errno;
        std::remove(tmp.c_str());
        throw OutputError(path + ": write failed (" + std::strerror(err) + ")");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(tmp.c_str());
        throw OutputError(path + ": cannot rename temporary file (" + std::strerror(err) + ")");
    }
}

StagedDirectory::StagedDirectory(const std::string& target, const std::vector<std::string>& file_names,
                                 const std::function<bool(const std::string&)>& previous_output) {
    std::error_code ec;
    fs::path t = fs::absolute(target, ec).lexically_normal();
    if (ec) throw OutputError(target + ": cannot resolve the output folder (" + ec.message() + ")");
    if (t.filename().empty() && t.has_parent_path() && t != t.root_path()) t = t.parent_path();
    const std::string name = t.filename().string();
    if (name.empty() || name == "." || name == "..")
        throw OutputError(target + ": not a folder maillage export can replace (give a folder name, e.g. out/35)");
    const fs::path parent = t.parent_path();
    m_target = t.string();
    const std::string pid = std::to_string(::getpid());

    // Path limits, before anything is created: the staging folder's name and
    // the longest temporary each writer makes inside it.
    const long max_name = name_max(parent);
    const std::string staging_name = "." + name + ".staging." + pid;
    const auto too_long = [&](const std::string& what, std::size_t length, std::size_t limit,
                              const std::string& who) {
        return OutputError(target + ": path too long: " + what + " would be " + std::to_string(length) +
                           " bytes, more than the " + std::to_string(limit) + " " + who +
                           " allows (nothing was written; choose a shorter output folder)");
    };
    if (static_cast<long>(staging_name.size()) > max_name)
        throw too_long("the staging folder's name " + quote(staging_name), staging_name.size(),
                       static_cast<std::size_t>(max_name), "the file system");
    const std::string staging = (parent / staging_name).string();
    for (const auto& file : file_names) {
        const std::string temp = "." + file + ".tmp.4294967295.gpkg-journal"; // the longest a writer makes
        if (static_cast<long>(temp.size()) > max_name)
            throw too_long("the name of a temporary of " + file, temp.size(), static_cast<std::size_t>(max_name),
                           "the file system");
        const std::size_t full = staging.size() + 1 + temp.size();
        if (full >= PATH_MAX) throw too_long("the path of " + file, full, PATH_MAX - 1, "the system");
        if (file.size() > 5 && file.compare(file.size() - 5, 5, ".gpkg") == 0 && full > kMaxSqlitePath)
            throw too_long("the path of " + file + " (with SQLite's journal)", full, kMaxSqlitePath, "SQLite");
    }

    // The target: absent, empty, or a previous export, never a folder of
    // other files (the swap replaces it whole).
    const auto st = fs::symlink_status(t, ec);
    if (fs::exists(st)) {
        if (!fs::is_directory(st))
            throw OutputError(target + ": exists and is not a folder (export writes a folder of files)");
        fs::directory_iterator it(t, ec), end;
        if (ec) throw OutputError(target + ": cannot list the output folder (" + ec.message() + ")");
        for (; !ec && it != end; it.increment(ec)) {
            const std::string entry = it->path().filename().string();
            if (!it->is_regular_file(ec) || !replaceable(entry, previous_output))
                throw OutputError(target + ": holds " + quote(entry) +
                                  ", which maillage export does not write; an export replaces the whole folder, "
                                  "so it writes only into a new folder, an empty one or a previous export "
                                  "(choose another output folder)");
        }
    }

    fs::create_directories(parent, ec);
    if (ec) throw OutputError(target + ": cannot create " + parent.string() + " (" + ec.message() + ")");

    // One export at a time per target: the lock file stays (removing it would
    // let a third process lock a file the second one no longer sees).
    const std::string lock_path = (parent / ("." + name + ".lock")).string();
    m_lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_lock_fd < 0)
        throw OutputError(target + ": cannot write in " + parent.string() + " (" + std::strerror(errno) + ")");
    if (::flock(m_lock_fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char buf[32] = {};
        const auto n = ::pread(m_lock_fd, buf, sizeof buf - 1, 0);
        std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
        ::close(m_lock_fd);
        m_lock_fd = -1;
        if (err == EWOULDBLOCK)
            throw OutputError(target + ": another maillage export" +
                              (holder.empty() ? std::string() : " (process " + holder + ")") +
                              " is writing this folder; run again when it has finished (lock " + lock_path + ")");
        throw OutputError(target + ": cannot lock " + lock_path + " (" + std::strerror(err) + ")");
    }
    if (::ftruncate(m_lock_fd, 0) == 0) {
        const std::string text = pid + "\n";
        if (::pwrite(m_lock_fd, text.data(), text.size(), 0) < 0) {
            // The PID is only for the message of a second export.
        }
    }

    // Staging and old folders of exports that were killed.
    remove_dead_temporaries(parent, "." + name + ".staging.");
    remove_dead_temporaries(parent, "." + name + ".old.");

    m_staging = staging;
    fs::remove_all(m_staging, ec);
    if (!fs::create_directory(m_staging, ec) || ec) {
        const std::string why = ec ? ec.message() : "exists";
        ::close(m_lock_fd);
        m_lock_fd = -1;
        throw OutputError(target + ": cannot create the staging folder " + m_staging + " (" + why + ")");
    }
}

StagedDirectory::~StagedDirectory() {
    if (!m_committed && !m_staging.empty()) {
        std::error_code ec;
        fs::remove_all(m_staging, ec);
    }
    if (m_lock_fd >= 0) ::close(m_lock_fd); // releases the lock
}

std::string StagedDirectory::path(const std::string& name) const { return (fs::path(m_staging) / name).string(); }

void StagedDirectory::commit() {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(m_target, ec))) {
        if (std::rename(m_staging.c_str(), m_target.c_str()) != 0)
            throw OutputError(m_target + ": cannot move the staging folder in place (" + std::strerror(errno) + ")");
        m_committed = true;
        return;
    }
    // One atomic step: a reader sees the old export or the new one, never a
    // mix. The staging name then holds the old export, removed below.
    if (::renameat2(AT_FDCWD, m_staging.c_str(), AT_FDCWD, m_target.c_str(), RENAME_EXCHANGE) == 0) {
        m_committed = true;
        fs::remove_all(m_staging, ec);
        return;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        throw OutputError(m_target + ": cannot swap in the new export (" + std::strerror(errno) + ")");
    // File systems without RENAME_EXCHANGE: two renames; between them the
    // target is briefly absent, never mixed.
    const std::string old = (fs::path(m_target).parent_path() /
                             ("." + fs::path(m_target).filename().string() + ".old." + std::to_string(::getpid())))
                                .string();
    if (std::rename(m_target.c_str(), old.c_str()) != 0)
        throw OutputError(m_target + ": cannot move the previous export aside (" + std::strerror(errno) + ")");
    if (std::rename(m_staging.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        std::rename(old.c_str(), m_target.c_str());
        throw OutputError(m_target + ": cannot move the staging folder in place (" + std::strerror(err) + ")");
    }
    m_committed = true;
    fs::remove_all(old, ec);
}

} // namespace maillage
