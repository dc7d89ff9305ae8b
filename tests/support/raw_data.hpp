#pragma once
/// Where the real-data tests find ../shared/data/raw: $MAILLAGE_DATA if set
/// (the raw directory itself, or a directory holding raw/), else the
/// shared folder next to the source tree. Empty path if absent: the test
/// then reports itself skipped, with the reason.

#include <cstdlib>
#include <filesystem>

namespace maillage::test {

inline std::filesystem::path raw_data_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("MAILLAGE_DATA"); env && *env) {
        const fs::path p(env);
        if (fs::is_directory(p / "raw" / "france-services")) return p / "raw";
        if (fs::is_directory(p / "france-services")) return p;
        return {};
    }
    const auto p = fs::path(MAILLAGE_SOURCE_DIR) / ".." / "shared" / "data" / "raw";
    return fs::is_directory(p / "france-services") ? p : fs::path{};
}

} // namespace maillage::test
