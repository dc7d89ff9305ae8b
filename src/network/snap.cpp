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

namespace {

/// Projection of p on segment k (shape points k, k+1): clamped parameter t
/// and distance.
struct SegmentHit {
    std::uint32_t k = kInvalid;
    double t = 0;
    double distance_m = std::numeric_limits<double>::infinity();
    geo::Point point;
};

SegmentHit project(const RoadGraph& g, std::uint32_t k, const geo::Point& p) {
    const double ax = g.shape_x[k], ay = g.shape_y[k];
    const double dx = g.shape_x[k + 1] - ax, dy = g.shape_y[k + 1] - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x() - ax) * dx + (p.y() - ay) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    // At t = 0 or 1 the projection is the shape point itself (bit for bit),
    // so every segment ending at a node gives the same distance.
    const double px = t == 1.0 ? g.shape_x[k + 1] : ax + t * dx;
    const double py = t == 1.0 ? g.shape_y[k + 1] : ay + t * dy;
    return {k, t, std::hypot(p.x() - px, p.y() - py), geo::Point(px, py)};
}

/// Shape holding segment k.
std::uint32_t shape_of(const RoadGraph& g, std::uint32_t k) {
    return static_cast<std::uint32_t>(
        std::upper_bound(g.shape_first.begin(), g.shape_first.end(), k) - g.shape_first.begin() - 1);
}

/// The snap of a segment hit: its shape and the fraction of the shape's
/// planar length before the projection, walked from the shape's first point
/// (summed in the same order as a precomputed table would be, without
/// keeping 12 bytes per shape point for it). Exactly 0 or 1 at the ends.
Snap to_snap(const RoadGraph& g, const SegmentHit& h) {
    const std::uint32_t s = shape_of(g, h.k);
    const std::uint32_t first = g.shape_first[s], last = g.shape_first[s + 1] - 1;
    Snap out;
    out.shape = s;
    out.distance_m = h.distance_m;
    out.point = h.point;
    if (h.k == first && h.t == 0.0) return out;
    if (h.k + 1 == last && h.t == 1.0) {
        out.fraction = 1.0;
        return out;
    }
    double along = 0, along_k = 0, along_next = 0;
    for (std::uint32_t k = first; k <= last; ++k) {
        if (k > first) along += std::hypot(g.shape_x[k] - g.shape_x[k - 1], g.shape_y[k] - g.shape_y[k - 1]);
        if (k == h.k) along_k = along;
        if (k == h.k + 1) along_next = along;
    }
    const double total = along;
    const double seg = along_next - along_k;
    out.fraction = total > 0 ? std::clamp((along_k + h.t * seg) / total, 0.0, 1.0) : 0.0;
    return out;
}

} // namespace

template <class Visit>
void Snapper::visit_nearest(const geo::Point& p, double slack_m, Visit&& visit) const {
    // A few nearest boxes give an upper bound d on the segment distance;
    // every segment within d has its box inside the square p +- d, so one
    // window query then finds the exact nearest segment. (A nearest query
    // for all boxes would visit the whole tree.)
    double bound = std::numeric_limits<double>::infinity();
    m_impl->tree.query(bgi::nearest(p, 8), boost::make_function_output_iterator([&](std::uint32_t k) {
                           bound = std::min(bound, project(m_graph, k, p).distance_m);
                       }));
    if (!(bound < std::numeric_limits<double>::infinity())) return;
    const double d = bound + slack_m;
    const geo::Box window(geo::Point(p.x() - d, p.y() - d), geo::Point(p.x() + d, p.y() + d));
    m_impl->tree.query(bgi::intersects(window), boost::make_function_output_iterator([&](std::uint32_t k) {
                           visit(project(m_graph, k, p));
                       }));
}

Snap Snapper::snap(const geo::Point& p) const {
    SegmentHit best;
    visit_nearest(p, 0.0, [&](const SegmentHit& h) {
        if (h.distance_m < best.distance_m || (h.distance_m == best.distance_m && h.k < best.k)) best = h;
    });
    if (best.k == kInvalid) {
        Snap none;
        none.distance_m = std::numeric_limits<double>::infinity();
        return none;
    }
    return to_snap(m_graph, best);
}

std::vector<Snap> Snapper::snap_all(const geo::Point& p) const {
    std::vector<SegmentHit> hits;
    double best = std::numeric_limits<double>::infinity();
    visit_nearest(p, kTieDistance_m, [&](const SegmentHit& h) {
        if (h.distance_m > best + kTieDistance_m) return;
        best = std::min(best, h.distance_m);
        hits.push_back(h);
    });
    std::vector<Snap> out;
    for (const SegmentHit& h : hits)
        if (h.distance_m <= best + kTieDistance_m) out.push_back(to_snap(m_graph, h));
    std::sort(out.begin(), out.end(), [](const Snap& a, const Snap& b) {
        return a.shape != b.shape ? a.shape < b.shape : a.fraction < b.fraction;
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Snap& a, const Snap& b) { return a.shape == b.shape && a.fraction == b.fraction; }),
              out.end());
    return out;
}

} // namespace maillage::network
