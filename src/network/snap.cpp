#include "network/snap.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillage::network {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

/// Box of segment k (shape points k and k+1), computed from the graph on
/// demand: the tree stores 4-byte segment ids, not 40-byte (box, id) pairs.
struct SegmentBox {
    using result_type = geo::Box;
    const double* x;
    const double* y;
    geo::Box operator()(std::uint32_t k) const {
        return {geo::Point(std::min(x[k], x[k + 1]), std::min(y[k], y[k + 1])),
                geo::Point(std::max(x[k], x[k + 1]), std::max(y[k], y[k + 1]))};
    }
};

} // namespace

struct Snapper::Impl {
    using Tree = bgi::rtree<std::uint32_t, bgi::dynamic_rstar, SegmentBox>;
    Tree tree;
    explicit Impl(Tree t) : tree(std::move(t)) {}
};

Snapper::Snapper(const RoadGraph& graph) : m_graph(graph) {
    // Segment k joins shape points k and k+1 of one shape: every point but
    // the last of each shape starts one.
    std::vector<std::uint32_t> segments;
    segments.reserve(graph.shape_x.size() - std::min<std::size_t>(graph.shape_x.size(), graph.shape_count()));
    for (std::uint32_t s = 0; s < graph.shape_count(); ++s)
        for (auto k = graph.shape_first[s]; k + 1 < graph.shape_first[s + 1]; ++k) segments.push_back(k);
    // The range constructor packs the tree in one go (sort-tile packing):
    // no node splits, nodes filled, faster queries than inserting one by one.
    m_impl = std::make_unique<Impl>(Impl::Tree(segments.begin(), segments.end(), bgi::dynamic_rstar(16),
                                               SegmentBox{graph.shape_x.data(), graph.shape_y.data()}));
}

Snapper::~Snapper() = default;

Snap Snapper::snap(const geo::Point& p) const {
    Snap best;
    best.distance_m = std::numeric_limits<double>::infinity();
    const auto& g = m_graph;
    std::uint32_t best_k = kInvalid;
    double best_t = 0;
    auto consider = [&](std::uint32_t k) {
        const double ax = g.shape_x[k], ay = g.shape_y[k];
        const double dx = g.shape_x[k + 1] - ax, dy = g.shape_y[k + 1] - ay;
        const double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((p.x() - ax) * dx + (p.y() - ay) * dy) / len2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double px = ax + t * dx, py = ay + t * dy;
        const double d = std::hypot(p.x() - px, p.y() - py);
        if (d < best.distance_m || (d == best.distance_m && k < best_k)) {
            best.distance_m = d;
            best.point = geo::Point(px, py);
            best_k = k;
            best_t = t;
        }
    };
    // A few nearest boxes give an upper bound d on the segment distance;
    // every segment within d has its box inside the square p +- d, so one
    // window query then finds the exact nearest segment. (A nearest query
    // for all boxes would visit the whole tree.)
    m_impl->tree.query(bgi::nearest(p, 8),
                       boost::make_function_output_iterator([&](std::uint32_t k) { consider(k); }));
    if (best_k == kInvalid) return best;
    const double d = best.distance_m;
    const geo::Box window(geo::Point(p.x() - d, p.y() - d), geo::Point(p.x() + d, p.y() + d));
    m_impl->tree.query(bgi::intersects(window),
                       boost::make_function_output_iterator([&](std::uint32_t k) { consider(k); }));
    if (best_k == kInvalid) return best;
    // Shape of the segment, and the planar distance along it, walked from the
    // shape's first point (summed in the same order as a precomputed table
    // would be, without keeping 12 bytes per shape point for it).
    const auto s = static_cast<std::uint32_t>(
        std::upper_bound(g.shape_first.begin(), g.shape_first.end(), best_k) - g.shape_first.begin() - 1);
    const std::uint32_t first = g.shape_first[s], last = g.shape_first[s + 1] - 1;
    double along = 0, along_k = 0, along_next = 0;
    for (std::uint32_t k = first; k <= last; ++k) {
        if (k > first) along += std::hypot(g.shape_x[k] - g.shape_x[k - 1], g.shape_y[k] - g.shape_y[k - 1]);
        if (k == best_k) along_k = along;
        if (k == best_k + 1) along_next = along;
    }
    const double total = along;
    const double seg = along_next - along_k;
    best.shape = s;
    best.fraction = total > 0 ? std::clamp((along_k + best_t * seg) / total, 0.0, 1.0) : 0.0;
    return best;
}

} // namespace maillage::network
