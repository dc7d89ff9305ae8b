#pragma once
// Shared by the libFuzzer targets: a private temporary directory for the
// readers that take a path, and the one rule of every target: only
// maillage::Error may escape a reader. Anything else (std::out_of_range,
// std::regex_error, a crash, a sanitizer report, a hang) is a bug.

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace maillage::fuzz {

/// A directory of this process under the system temp dir, removed at exit.
inline const std::filesystem::path& work_dir() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() /
                 ("maillage-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(work_dir(), ec);
        });
        return d;
    }();
    return dir;
}

/// Writes the input to work_dir()/name and returns the path.
inline std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const auto path = (work_dir() / name).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();
    if (size && std::fwrite(data, 1, size, f) != size) std::abort();
    std::fclose(f);
    return path;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Runs `fn`; a maillage::Error is an expected answer to bad input, any
/// other exception escapes and libFuzzer reports it as a crash.
template <class Fn>
void expect_only_maillage_errors(Fn&& fn) {
    try {
        fn();
    } catch (const maillage::Error&) {
    }
}

} // namespace maillage::fuzz
