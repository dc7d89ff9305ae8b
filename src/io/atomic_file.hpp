#pragma once
/// Writing outputs so that a failed run never leaves a half-written file:
/// content goes to a temporary name in the same directory, then is renamed.

#include <string>

namespace maillage {

/// Writes `content` to `path` atomically. Throws OutputError naming the path
/// (directory missing or not writable, disk full...).
void write_file_atomically(const std::string& path, const std::string& content);

} // namespace maillage
