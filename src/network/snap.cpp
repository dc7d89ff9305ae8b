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

struct Snapper::Impl {
    using Value = std::pair<geo::Box, std::uint32_t>; // segment box, index of its first point
    bgi::rtree<Value, bgi::rstar<16>> tree;
    std::vector<std::uint32_t> point_shape;           // shape of each shape point
    std::vector<double> along;                        // planar distance from the shape start
};

Snapper::Snapper(const RoadGraph& graph) : m_graph(graph), m_impl(std::make_unique<Impl>()) {
    std::vector<Impl::Value> values;
    values.reserve(graph.shape_x.size());
    m_impl->point_shape.resize(graph.shape_x.size());
    m_impl->along.resize(graph.shape_x.size());
    for (std::uint32_t s = 0; s < graph.shape_count(); ++s) {
        double d = 0;
        for (auto k = graph.shape_first[s]; k < graph.shape_first[s + 1]; ++k) {
            m_impl->point_shape[k] = s;
            if (k > graph.shape_first[s])
                d += std::hypot(graph.shape_x[k] - graph.shape_x[k - 1],
                                graph.shape_y[k] - graph.shape_y[k - 1]);
            m_impl->along[k] = d;
            if (k + 1 < graph.shape_first[s + 1]) {
                geo::Box box(geo::Point(std::min(graph.shape_x[k], graph.shape_x[k + 1]),
                                        std::min(graph.shape_y[k], graph.shape_y[k + 1])),
                             geo::Point(std::max(graph.shape_x[k], graph.shape_x[k + 1]),
                                        std::max(graph.shape_y[k], graph.shape_y[k + 1])));
                values.emplace_back(box, k);
            }
        }
    }
    m_impl->tree = bgi::rtree<Impl::Value, bgi::rstar<16>>(values.begin(), values.end());
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
                       boost::make_function_output_iterator([&](const Impl::Value& v) { consider(v.second); }));
    if (best_k == kInvalid) return best;
    const double d = best.distance_m;
    const geo::Box window(geo::Point(p.x() - d, p.y() - d), geo::Point(p.x() + d, p.y() + d));
    m_impl->tree.query(bgi::intersects(window),
                       boost::make_function_output_iterator([&](const Impl::Value& v) { consider(v.second); }));
    if (best_k == kInvalid) return best;
    const std::uint32_t s = m_impl->point_shape[best_k];
    const double total = m_impl->along[g.shape_first[s + 1] - 1];
    const double seg = m_impl->along[best_k + 1] - m_impl->along[best_k];
    best.shape = s;
    best.fraction = total > 0 ? std::clamp((m_impl->along[best_k] + best_t * seg) / total, 0.0, 1.0) : 0.0;
    return best;
}

} // namespace maillage::network
