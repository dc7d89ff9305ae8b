#pragma once
/// Reading a small text input (scenario, schedule, profile) whole, and the
/// checks every input path goes through before anything opens it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace maillage {

/// What an input path may be besides a regular file.
enum class InputKind {
    file,         ///< a regular file only (scenario, schedule, profile, CSV, GeoJSON...)
    file_or_directory, ///< also a directory (OGR datasets such as a FileGDB or a shapefile folder)
};

/// Checks that `path` names something maillage may open as a `kind` ("scenario
/// file"), following symbolic links, before anything opens it: never a FIFO,
/// a device or a socket (they block or never end). Throws InputError naming
/// the path and the cause: empty path, not found, a symlink loop, permission
/// denied, a directory (`hint` is appended: "expected a scenario file
/// (.toml)"), a special file. Returns the size in bytes (0 for a directory).
std::uint64_t check_input_path(const std::string& path, std::string_view kind, InputKind allowed = InputKind::file,
                               std::string_view hint = {});

/// The bytes of the regular file at `path`, at most `max_bytes`: after
/// check_input_path, the file is opened without blocking, checked again on
/// the open descriptor, and read up to `max_bytes` + 1 bytes, so that memory
/// stays bounded whatever the file turns into meanwhile. Throws InputError
/// "PATH: KIND larger than MAX bytes, the most maillage reads (WHY_SMALL)" beyond it, and
/// the errors of check_input_path.
std::string read_text_file(const std::string& path, std::string_view kind, std::size_t max_bytes,
                           std::string_view why_small = {});

} // namespace maillage
