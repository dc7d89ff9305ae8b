#pragma once
/// Writing outputs so that a failed run never leaves a half-written file:
/// content goes to a temporary name in the same directory, then is renamed.
/// A folder of outputs (maillage export) is written whole into a staging
/// folder beside it and swapped in at the end (StagedDirectory).

#include <functional>
#include <string>
#include <vector>

namespace maillage {

/// Writes `content` to `path` atomically. Throws OutputError naming the path
/// (directory missing or not writable, disk full...). Temporaries of this
/// path left by processes that no longer run (".NAME.tmp.PID") are removed.
void write_file_atomically(const std::string& path, const std::string& content);

/// True if a process with this id runs (kill(pid, 0) does not say ESRCH).
bool process_alive(long pid);

/// A folder replaced as a whole. Construction, before anything is written:
/// checks that every file (and the temporaries the writers make) fits the
/// path limits (NAME_MAX, PATH_MAX, SQLite's 512 bytes for a .gpkg), that the
/// target is absent, empty or a previous output (only regular files for
/// which `previous_output(name)` is true, and the writers' hidden
/// temporaries ".NAME.tmp.*", "*-journal"), then takes an exclusive lock (flock on ".NAME.lock" beside
/// the target; a second export fails at once), removes the staging folders
/// of dead processes, and creates ".NAME.staging.PID" beside the target.
/// Files are written into the staging folder (path()); commit() swaps it in
/// with one renameat2(RENAME_EXCHANGE) (or two renames where the file system
/// lacks it) and removes the previous export. Without commit(), the
/// destructor removes the staging folder: the target keeps the previous
/// export, untouched. A killed process leaves its staging folder, removed
/// by the next export into that target. Throws OutputError naming the path.
class StagedDirectory {
  public:
    StagedDirectory(const std::string& target, const std::vector<std::string>& file_names,
                    const std::function<bool(const std::string&)>& previous_output);
    ~StagedDirectory();
    StagedDirectory(const StagedDirectory&) = delete;
    StagedDirectory& operator=(const StagedDirectory&) = delete;

    /// Where to write the file `name` now (inside the staging folder).
    std::string path(const std::string& name) const;
    /// The target folder (absolute, normalised).
    const std::string& target() const { return m_target; }
    /// Swaps the staging folder in place of the target.
    void commit();

  private:
    std::string m_target;
    std::string m_staging;
    int m_lock_fd = -1;
    bool m_committed = false;
};

} // namespace maillage
