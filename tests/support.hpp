#pragma once
// Helpers shared by the tests: where the real data and fixtures are, and how
// a test reports itself as skipped (CTest shows it as "Skipped" through the
// SKIP_REGULAR_EXPRESSION set in CMakeLists.txt).

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace maillage::test {

/// ../shared/data/raw beside the project, or $MAILLAGE_DATA if set.
inline std::filesystem::path real_data_dir() {
    if (const char* env = std::getenv("MAILLAGE_DATA"); env && *env) return env;
    return std::filesystem::path(MAILLAGE_SOURCE_DIR) / ".." / "shared" / "data" / "raw";
}

inline bool real_data_available() {
    return std::filesystem::exists(real_data_dir() / "SOURCES.md");
}

inline std::filesystem::path source_dir() { return MAILLAGE_SOURCE_DIR; }

} // namespace maillage::test

/// Returns from the current test case, reported as skipped, when the real
/// data folder is absent.
#define MAILLAGE_REQUIRE_REAL_DATA()                                                                \
    do {                                                                                           \
        if (!::maillage::test::real_data_available()) {                                            \
            std::printf("[maillage-skip] real data not found at %s (set MAILLAGE_DATA)\n",         \
                        ::maillage::test::real_data_dir().string().c_str());                      \
            return;                                                                                \
        }                                                                                          \
    } while (0)
