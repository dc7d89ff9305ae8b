// The CSR builder (core/csr.hpp): hand cases, and a stable sort as the
// oracle on seeded random entries.

#include "core/csr.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

using namespace maillage;

using Ids = std::vector<std::uint32_t>;

TEST_CASE("csr: group_by_row keeps the entry order within a row, leaves kInvalid out") {
    const Ids row_of{2, 0, kInvalid, 2, 0, 3};
    const csr::IdRows rows = csr::group_by_row(row_of, 5);
    CHECK(rows.first == Ids{0, 2, 2, 4, 5, 5});
    CHECK(rows.id == Ids{1, 4, 0, 3, 5});
    CHECK(csr::row_offsets(row_of, 5) == rows.first);

    const csr::IdRows empty = csr::group_by_row(Ids{}, 3);
    CHECK(empty.first == Ids{0, 0, 0, 0});
    CHECK(empty.id.empty());
    CHECK(csr::group_by_row(Ids{kInvalid}, 0).first == Ids{0});
}

TEST_CASE("csr: transpose and row_of_entries on a hand example") {
    // Row 0 -> {1, 2}, row 1 -> {}, row 2 -> {0, 2, 2}.
    const Ids first{0, 2, 2, 5}, column{1, 2, 0, 2, 2};
    const csr::IdRows t = csr::transpose(first, column, 4);
    CHECK(t.first == Ids{0, 1, 2, 5, 5});
    CHECK(t.id == Ids{2, 0, 0, 2, 2});
    CHECK(csr::row_of_entries(first) == Ids{0, 0, 2, 2, 2});
    CHECK(csr::row_of_entries(Ids{0}).empty());
}

TEST_CASE("csr: the same rows as a stable sort, on random entries") {
    std::mt19937 rng(20240519);
    auto below = [&rng](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
    for (int round = 0; round < 200; ++round) {
        const std::uint32_t row_count = below(12), entries = below(60);
        Ids row_of(entries);
        for (auto& r : row_of) r = row_count == 0 || below(7) == 0 ? kInvalid : below(row_count);

        // Oracle: entry indices stably sorted by row, kInvalid dropped.
        Ids order(entries);
        std::iota(order.begin(), order.end(), 0u);
        order.erase(std::remove_if(order.begin(), order.end(),
                                   [&](std::uint32_t e) { return row_of[e] == kInvalid; }),
                    order.end());
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return row_of[a] < row_of[b]; });
        const csr::IdRows rows = csr::group_by_row(row_of, row_count);
        REQUIRE(rows.first.size() == row_count + 1);
        CHECK(rows.id == order);
        for (std::uint32_t r = 0; r < row_count; ++r)
            for (std::uint32_t s = rows.first[r]; s < rows.first[r + 1]; ++s)
                CHECK(row_of[rows.id[s]] == r);

        // Transpose of the rows just built (columns = entry ids), and back:
        // transposing twice gives the rows again, sorted within each row.
        const csr::IdRows t = csr::transpose(rows.first, rows.id, entries);
        const Ids entry_rows = csr::row_of_entries(rows.first);
        for (std::uint32_t e = 0; e < entries; ++e) {
            const bool kept = row_of[e] != kInvalid;
            REQUIRE(t.first[e + 1] - t.first[e] == (kept ? 1u : 0u));
            if (kept) CHECK(t.id[t.first[e]] == row_of[e]);
        }
        for (std::size_t s = 0; s < rows.id.size(); ++s) CHECK(entry_rows[s] == row_of[rows.id[s]]);
        const csr::IdRows back = csr::transpose(t.first, t.id, row_count);
        CHECK(back.first == rows.first);
        CHECK(back.id == rows.id); // rows.id is ascending within each row already
    }
}
