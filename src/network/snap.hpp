#pragma once
/// Snapping points to the nearest road segment with a Boost.Geometry R-tree.

#include "geo/types.hpp"
#include "network/road_graph.hpp"

#include <memory>
#include <vector>

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
    /// Nearest segment to `p`: O(log P) expected. Of several segments at the
    /// same distance, the one listed first in the graph.
    Snap snap(const geo::Point& p) const;
    /// Every road piece at the smallest distance from `p` (distances equal
    /// within kTieDistance_m), once per (shape, fraction), sorted by shape
    /// then fraction. Several when `p` lies on a junction node (every piece
    /// meeting there, each at its end: fraction exactly 0 or 1) or at equal
    /// distance from parallel pieces (two carriageways). Empty if the graph
    /// has no shape. O(log P + pieces) expected.
    std::vector<Snap> snap_all(const geo::Point& p) const;

    /// Two distances closer than this (metres) are the same distance.
    static constexpr double kTieDistance_m = 1e-6;

  private:
    /// Calls visit(hit) for every segment whose box lies within the nearest
    /// segment's distance + slack_m of p (a superset of the nearest ones).
    template <class Visit>
    void visit_nearest(const geo::Point& p, double slack_m, Visit&& visit) const;

    struct Impl;
    const RoadGraph& m_graph;
    std::unique_ptr<Impl> m_impl;
};

} // namespace maillage::network
