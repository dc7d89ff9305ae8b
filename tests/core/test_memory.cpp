#include "core/memory.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace maillage;

TEST_CASE("memory sizes: parsed in binary units, refused when not understood") {
    CHECK(parse_bytes("4G") == std::optional<std::size_t>(4ull << 30));
    CHECK(parse_bytes("512M") == std::optional<std::size_t>(512ull << 20));
    CHECK(parse_bytes("1.5GiB") == std::optional<std::size_t>(3ull << 29));
    CHECK(parse_bytes("2000000000") == std::optional<std::size_t>(2000000000ull));
    CHECK(parse_bytes("64k") == std::optional<std::size_t>(64ull << 10));
    CHECK(parse_bytes("1TB") == std::optional<std::size_t>(1ull << 40));
    for (const char* bad : {"", "G", "0", "-1G", "4X", "4 G", "1e3", "abc", "4GG"}) {
        CAPTURE(bad);
        CHECK(!parse_bytes(bad));
    }
    CHECK(format_bytes(512) == "512 B");
    CHECK(format_bytes(1536) == "1.50 KiB");
    CHECK(format_bytes(35.5 * 1024 * 1024) == "35.5 MiB");
    CHECK(format_bytes(700.0 * 1024 * 1024) == "700 MiB");
    CHECK(format_bytes(1.25 * 1024 * 1024 * 1024) == "1.25 GiB");
}

TEST_CASE("memory: the process's resident size grows with what it touches") {
    const auto before = resident_bytes();
    REQUIRE(before);
    std::vector<char> block(64 << 20, 1);
    const auto after = resident_bytes();
    REQUIRE(after);
    CHECK(*after >= *before + (48u << 20));
    CHECK(block[12345] == 1);
    const auto avail = available_bytes();
    REQUIRE(avail);
    CHECK(*avail > 0);
}
