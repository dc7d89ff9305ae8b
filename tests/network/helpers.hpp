#pragma once
// Shared helpers for the network tests: real-data location, temp dirs,
// graphs from arc lists.

#include "network/road_graph.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

namespace maillage::test {

/// Directory of the real road extracts, or nullopt if absent (tests skip).
inline std::optional<std::filesystem::path> roads_dir() {
    namespace fs = std::filesystem;
    // $MAILLAGE_DATA is the raw directory itself or a directory holding raw/.
    if (const char* env = std::getenv("MAILLAGE_DATA"); env && *env) {
        for (const fs::path& dir : {fs::path(env) / "roads", fs::path(env) / "raw" / "roads"})
            if (fs::is_directory(dir)) return dir;
        return std::nullopt;
    }
    const auto dir = fs::path(MAILLAGE_SOURCE_DIR) / ".." / "shared" / "data" / "raw" / "roads";
    if (fs::is_directory(dir)) return dir;
    return std::nullopt;
}

/// Fixture file in tests/data.
inline std::string fixture(const std::string& name) {
    return (std::filesystem::path(MAILLAGE_SOURCE_DIR) / "tests" / "data" / name).string();
}

/// A fresh temporary directory removed at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("maillage-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

} // namespace maillage::test

/// Skips the rest of a test case with a reason when real data is absent.
#define MAILLAGE_REQUIRE_ROADS(dir)                                                           \
    const auto dir = maillage::test::roads_dir();                                             \
    if (!dir) {                                                                               \
        std::printf("[maillage-skip] real road extracts not found (../shared/data/raw/roads " \
                    "or $MAILLAGE_DATA/roads)\n");                                          \
        return;                                                                               \
    }
