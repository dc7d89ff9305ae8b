#pragma once
/// Snapping points to the nearest road segment with a Boost.Geometry R-tree.

#include "geo/types.hpp"
#include "network/road_graph.hpp"

#include <memory>

namespace maillage::network {

/// Where a point lands on the network.
struct Snap {
    std::uint32_t shape = kInvalid; ///< shape (road piece) hit, kInvalid if the graph is empty
    double fraction = 0;            ///< position along the shape, 0 = first point, 1 = last
    double distance_m = 0;          ///< from the point to the projection (working CRS)
    geo::Point point;               ///< the projection
};

/// Nearest-segment queries over the shapes of a graph. Immutable after
/// construction; queries are thread-safe.
class Snapper {
  public:
    /// Indexes every shape segment in a packed R-tree built in one go. The
    /// tree holds 4-byte segment ids and computes their boxes from the
    /// graph's shape points (about 10 bytes per segment with the tree nodes,
    /// plus 24 bytes per segment while packing). The graph must outlive it.
    explicit Snapper(const RoadGraph& graph);
    ~Snapper();
    /// Nearest segment to `p`: O(log P) expected.
    Snap snap(const geo::Point& p) const;

  private:
    struct Impl;
    const RoadGraph& m_graph;
    std::unique_ptr<Impl> m_impl;
};

} // namespace maillage::network
