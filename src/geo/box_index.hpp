#pragma once
/// An R-tree (Boost.Geometry, packed) over boxes, for point location among
/// polygons: list the few polygons whose envelope holds a point, then test
/// only those exactly.

#include "geo/types.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace maillage::geo {

class BoxIndex {
public:
    /// Indexes boxes[i] under id i. O(n log n).
    explicit BoxIndex(const std::vector<Box>& boxes);
    ~BoxIndex();
    BoxIndex(BoxIndex&&) noexcept;
    BoxIndex& operator=(BoxIndex&&) noexcept;

    /// Replaces `out` by the ids of the boxes covering `p` (boundary
    /// included, as bg::covered_by), in increasing order. O(log n + hits).
    void covering(const Point& p, std::vector<std::uint32_t>& out) const;

    /// Number of boxes indexed.
    std::size_t size() const;

private:
    struct Tree;
    std::unique_ptr<Tree> m_tree;
};

} // namespace maillage::geo
