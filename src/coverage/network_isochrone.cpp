#include "coverage/network_isochrone.hpp"

#include "network/dijkstra.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {

namespace {

using network::TimeDs;

// Part of shape `s` between fractions [from, to] (0 = first point).
geo::LineString piece(const network::RoadGraph& g, std::uint32_t s, double from, double to) {
    geo::LineString full;
    for (auto i = g.shape_first[s]; i < g.shape_first[s + 1]; ++i) full.emplace_back(g.shape_x[i], g.shape_y[i]);
    if (from <= 0 && to >= 1) return full;
    std::vector<double> cum{0};
    for (std::size_t i = 1; i < full.size(); ++i)
        cum.push_back(cum.back() + std::hypot(full[i].x() - full[i - 1].x(), full[i].y() - full[i - 1].y()));
    const double total = cum.back();
    auto at = [&](double f) {
        const double d = std::clamp(f, 0.0, 1.0) * total;
        std::size_t i = 1;
        while (i + 1 < full.size() && cum[i] < d) ++i;
        const double seg = cum[i] - cum[i - 1];
        const double t = seg > 0 ? (d - cum[i - 1]) / seg : 0;
        return geo::Point(full[i - 1].x() + t * (full[i].x() - full[i - 1].x()),
                          full[i - 1].y() + t * (full[i].y() - full[i - 1].y()));
    };
    geo::LineString out;
    if (total <= 0 || full.size() < 2) return full;
    out.push_back(at(from));
    for (std::size_t i = 1; i + 1 < full.size(); ++i)
        if (cum[i] > from * total && cum[i] < to * total) out.push_back(full[i]);
    out.push_back(at(to));
    return out;
}

} // namespace

geo::MultiLineString reachable_road_pieces(const network::RoadGraph& g, const network::Snapper& snapper,
                                           const geo::Point& site, std::uint32_t cutoff_s, double offroad_speed_kmh,
                                           double max_snap_m) {
    geo::MultiLineString out;
    // Every nearest piece: a site on a junction node is reached through all
    // the roads meeting there, not only through the piece found first.
    const auto snaps = snapper.snap_all(site);
    if (snaps.empty() || snaps.front().distance_m > max_snap_m) return out;
    const double leg_s = snaps.front().distance_m / (offroad_speed_kmh / 3.6);
    const double cutoff_ds = cutoff_s * 10.0;
    const double leg_ds = leg_s * 10.0;
    if (leg_ds > cutoff_ds) return out;

    network::Dijkstra search(network::backward_view(g));
    search.reset();
    for (const network::Snap& snap : snaps) {
        const auto s = snap.shape;
        const double f = snap.fraction;
        // A car on the forward arc (shape start -> end) reaches the site after
        // the first f of it; on the backward arc, after the last (1 - f).
        const ArcId a = g.shape_forward_arc[s], b = g.shape_backward_arc[s];
        if (a != kInvalid)
            search.add_source(g.arc_tail(a), static_cast<TimeDs>(std::llround(leg_ds + f * g.time_ds[a])));
        if (b != kInvalid)
            search.add_source(g.arc_tail(b), static_cast<TimeDs>(std::llround(leg_ds + (1 - f) * g.time_ds[b])));
        // On an end node of the piece: reached from that node directly.
        if (f == 0.0 || f == 1.0) {
            const NodeId start = a != kInvalid ? g.arc_tail(a) : g.head[b];
            const NodeId end = a != kInvalid ? g.head[a] : g.arc_tail(b);
            search.add_source(f == 0.0 ? start : end, static_cast<TimeDs>(std::llround(leg_ds)));
        }
    }
    const auto limit = static_cast<TimeDs>(cutoff_ds);
    search.run(limit);

    // The site's own road pieces, as far as the time allows on each side.
    // A site on a node is not inside a piece: every piece meeting there is
    // drawn by the loop below from the node times.
    std::vector<std::uint32_t> own;
    for (const network::Snap& snap : snaps) {
        const auto s = snap.shape;
        const double f = snap.fraction;
        if (f == 0.0 || f == 1.0) continue;
        own.push_back(s);
        double lo = f, hi = f;
        if (auto a = g.shape_forward_arc[s]; a != kInvalid && g.time_ds[a] > 0)
            lo = std::max(0.0, f - (cutoff_ds - leg_ds) / g.time_ds[a]);
        if (auto b = g.shape_backward_arc[s]; b != kInvalid && g.time_ds[b] > 0)
            hi = std::min(1.0, f + (cutoff_ds - leg_ds) / g.time_ds[b]);
        if (hi > lo) out.push_back(piece(g, s, lo, hi));
    }
    for (std::uint32_t shape = 0; shape < g.shape_count(); ++shape) {
        if (std::find(own.begin(), own.end(), shape) != own.end()) continue;
        double start_part = 0; // [0, start_part] reachable (driving against the shape to its start)
        double end_part = 0;   // [1 - end_part, 1] reachable (driving along the shape to its end)
        if (auto a = g.shape_forward_arc[shape]; a != kInvalid) {
            const TimeDs d = search.time_ds(g.head[a]);
            if (d != network::kInfTime_ds && g.time_ds[a] > 0)
                end_part = std::clamp((cutoff_ds - d) / g.time_ds[a], 0.0, 1.0);
        }
        if (auto b = g.shape_backward_arc[shape]; b != kInvalid) {
            const TimeDs d = search.time_ds(g.head[b]);
            if (d != network::kInfTime_ds && g.time_ds[b] > 0)
                start_part = std::clamp((cutoff_ds - d) / g.time_ds[b], 0.0, 1.0);
        }
        if (start_part + end_part >= 1) {
            out.push_back(piece(g, shape, 0, 1));
        } else {
            if (start_part > 0) out.push_back(piece(g, shape, 0, start_part));
            if (end_part > 0) out.push_back(piece(g, shape, 1 - end_part, 1));
        }
    }
    return out;
}

} // namespace maillage
