#pragma once
/// Compressed sparse rows (CSR) built by a stable counting sort: the one
/// count / prefix-sum / scatter used wherever entries are grouped by a row
/// key (arcs by tail or head, coverage pairs by demand, candidates by item
/// or group). In the manner of RoutingKit's `invert_vector`,
/// `invert_inverse_vector` and `compute_stable_sort_permutation_using_key`
/// (doc/SupportFunctions.md), on plain vectors.
///
/// Row r of compressed rows holds the slots first[r] .. first[r + 1] - 1;
/// `first` has one entry per row plus one, first[0] == 0.

#include "core/ids.hpp"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace maillage::csr {

/// Compressed rows of 32-bit ids: row r holds id[first[r] .. first[r + 1]).
struct IdRows {
    std::vector<std::uint32_t> first;
    std::vector<std::uint32_t> id;
};

/// Row offsets (size row_count + 1) for entries whose rows are `row_of`:
/// the count of each row, then the prefix sum. Entries whose row is
/// kInvalid are not counted. Precondition: every other row < row_count.
/// O(entries + rows).
inline std::vector<std::uint32_t> row_offsets(std::span<const std::uint32_t> row_of,
                                              std::size_t row_count) {
    std::vector<std::uint32_t> first(row_count + 1, 0);
    for (std::uint32_t r : row_of) {
        if (r < row_count)
            ++first[r + 1];
        else
            assert(r == kInvalid);
    }
    for (std::size_t r = 0; r < row_count; ++r) first[r + 1] += first[r];
    return first;
}

/// Groups the entries 0 .. row_of.size() - 1 into `row_count` rows by their
/// row: `id` holds entry indices, ascending within each row (a stable
/// counting sort; `id` is the sorting permutation). Entries whose row is
/// kInvalid are left out. Precondition: every other row < row_count and
/// fewer than 2^32 - 1 entries. O(entries + rows).
inline IdRows group_by_row(std::span<const std::uint32_t> row_of, std::size_t row_count) {
    assert(row_of.size() < kInvalid);
    IdRows rows;
    rows.first = row_offsets(row_of, row_count);
    rows.id.resize(rows.first[row_count]);
    std::vector<std::uint32_t> next(rows.first.begin(), rows.first.end() - 1);
    const auto entries = static_cast<std::uint32_t>(row_of.size());
    for (std::uint32_t e = 0; e < entries; ++e)
        if (row_of[e] < row_count) rows.id[next[row_of[e]]++] = e;
    return rows;
}

/// The transpose of compressed rows (`first`, `column`), each column id
/// < column_count: for each column, the rows that hold it, ascending (a
/// row holding a column twice appears twice). O(entries + rows + columns).
inline IdRows transpose(std::span<const std::uint32_t> first,
                        std::span<const std::uint32_t> column, std::size_t column_count) {
    assert(!first.empty() && first.back() == column.size());
    IdRows t;
    t.first = row_offsets(column, column_count);
    t.id.resize(t.first[column_count]);
    std::vector<std::uint32_t> next(t.first.begin(), t.first.end() - 1);
    const auto rows = static_cast<std::uint32_t>(first.size() - 1);
    for (std::uint32_t r = 0; r < rows; ++r)
        for (std::uint32_t e = first[r]; e < first[r + 1]; ++e) {
            assert(column[e] < column_count);
            t.id[next[column[e]]++] = r;
        }
    return t;
}

/// The row of each entry of compressed rows (size first.back()): the
/// inverse of row_offsets for entries sorted by row. O(entries + rows).
inline std::vector<std::uint32_t> row_of_entries(std::span<const std::uint32_t> first) {
    assert(!first.empty());
    std::vector<std::uint32_t> row_of(first.back());
    const auto rows = static_cast<std::uint32_t>(first.size() - 1);
    for (std::uint32_t r = 0; r < rows; ++r)
        for (std::uint32_t e = first[r]; e < first[r + 1]; ++e) row_of[e] = r;
    return row_of;
}

} // namespace maillage::csr
