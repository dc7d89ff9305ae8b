#include "coverage/network_isochrone.hpp"

#include "core/error.hpp"
#include "network/dijkstra.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <optional>
#include <thread>
#include <string>

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

bool ReachedRoads::empty() const {
    if (!inside.empty()) return false;
    for (std::size_t s = 0; s < from_start.size(); ++s)
        if (from_start[s] > 0 || from_end[s] > 0) return false;
    return true;
}

void ReachedRoads::merge(const ReachedRoads& other) {
    if (from_start.size() < other.from_start.size()) {
        from_start.resize(other.from_start.size(), 0);
        from_end.resize(other.from_end.size(), 0);
    }
    for (std::size_t s = 0; s < other.from_start.size(); ++s) {
        from_start[s] = std::max(from_start[s], other.from_start[s]);
        from_end[s] = std::max(from_end[s], other.from_end[s]);
    }
    inside.insert(inside.end(), other.inside.begin(), other.inside.end());
}

ReachedRoads reached_roads(const network::RoadGraph& g, const network::Snapper& snapper, const geo::Point& site,
                           std::uint32_t cutoff_s, double offroad_speed_kmh, double max_snap_m) {
    ReachedRoads reached;
    reached.from_start.assign(g.shape_count(), 0);
    reached.from_end.assign(g.shape_count(), 0);
    // Every nearest piece: a site on a junction node is reached through all
    // the roads meeting there, not only through the piece found first.
    const auto snaps = snapper.snap_all(site);
    if (snaps.empty() || snaps.front().distance_m > max_snap_m) return reached;
    const double leg_s = snaps.front().distance_m / (offroad_speed_kmh / 3.6);
    const double cutoff_ds = cutoff_s * 10.0;
    const double leg_ds = leg_s * 10.0;
    if (leg_ds > cutoff_ds) return reached;

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
        if (hi > lo) reached.inside.push_back({s, lo, hi});
    }
    for (std::uint32_t shape = 0; shape < g.shape_count(); ++shape) {
        if (std::find(own.begin(), own.end(), shape) != own.end()) continue;
        if (auto a = g.shape_forward_arc[shape]; a != kInvalid) {
            const TimeDs d = search.time_ds(g.head[a]);
            if (d != network::kInfTime_ds && g.time_ds[a] > 0)
                reached.from_end[shape] = std::clamp((cutoff_ds - d) / g.time_ds[a], 0.0, 1.0);
        }
        if (auto b = g.shape_backward_arc[shape]; b != kInvalid) {
            const TimeDs d = search.time_ds(g.head[b]);
            if (d != network::kInfTime_ds && g.time_ds[b] > 0)
                reached.from_start[shape] = std::clamp((cutoff_ds - d) / g.time_ds[b], 0.0, 1.0);
        }
    }
    return reached;
}

namespace {

// Pieces of the shapes not reached whole (or every piece when `whole_too`),
// in shape order, after the inside pieces of shapes not reached whole.
// Only shapes with a nonzero flag in `keep`, when given.
geo::MultiLineString pieces_of(const network::RoadGraph& g, const ReachedRoads& r, bool whole_too,
                               const std::vector<std::uint8_t>* keep = nullptr) {
    geo::MultiLineString out;
    for (const auto& in : r.inside)
        if (!r.whole(in.shape) && (!keep || (*keep)[in.shape])) out.push_back(piece(g, in.shape, in.from, in.to));
    for (std::uint32_t s = 0; s < r.from_start.size(); ++s) {
        if (keep && !(*keep)[s]) continue;
        if (r.whole(s)) {
            if (whole_too) out.push_back(piece(g, s, 0, 1));
            continue;
        }
        if (r.from_start[s] > 0) out.push_back(piece(g, s, 0, r.from_start[s]));
        if (r.from_end[s] > 0) out.push_back(piece(g, s, 1 - r.from_end[s], 1));
    }
    return out;
}

// Every shape as a line, and which of them may reach the territory (within
// the buffer distance plus the simplification, which may move a line by that
// much); the others are emptied: they add nothing once clipped.
struct NearShapes {
    std::vector<std::uint8_t> near;
    std::vector<geo::LineString> lines;
};

NearShapes near_territory(const network::RoadGraph& g, const geo::MultiPolygon& territory,
                          const coverage::ArcIsochroneOptions& o) {
    NearShapes out;
    out.lines.resize(g.shape_count());
    for (std::uint32_t s = 0; s < g.shape_count(); ++s) out.lines[s] = piece(g, s, 0, 1);
    out.near = geo::lines_within(out.lines, territory, o.buffer_m + std::max(0.0, o.simplify_m));
    for (std::uint32_t s = 0; s < g.shape_count(); ++s)
        if (!out.near[s]) out.lines[s].clear();
    return out;
}

geo::LineBufferOptions buffer_options(const coverage::ArcIsochroneOptions& o) {
    if (!(o.buffer_m > 0))
        throw GeometryError("isochrone buffer must be positive, got " + std::to_string(o.buffer_m) + " m");
    geo::LineBufferOptions b;
    b.distance = o.buffer_m;
    b.quadrant_segments = o.quadrant_segments;
    b.simplify_tolerance = o.simplify_m;
    return b;
}

} // namespace

geo::MultiLineString reached_pieces(const network::RoadGraph& g, const ReachedRoads& reached) {
    return pieces_of(g, reached, true);
}

geo::MultiLineString reachable_road_pieces(const network::RoadGraph& g, const network::Snapper& snapper,
                                           const geo::Point& site, std::uint32_t cutoff_s, double offroad_speed_kmh,
                                           double max_snap_m) {
    return reached_pieces(g, reached_roads(g, snapper, site, cutoff_s, offroad_speed_kmh, max_snap_m));
}

RoadIsochrones::RoadIsochrones(const network::RoadGraph& graph, const geo::MultiPolygon& territory,
                               const coverage::ArcIsochroneOptions& options)
    : RoadIsochrones(graph, territory, options, buffer_options(options)) {}

RoadIsochrones::RoadIsochrones(const network::RoadGraph& graph, const geo::MultiPolygon& territory,
                               const coverage::ArcIsochroneOptions& options, const geo::LineBufferOptions& buffers)
    : m_graph(graph), m_territory(territory), m_options(options), m_buffers({}, buffers) {
    // buffer_options has checked the options before any shape is read.
    auto shapes = near_territory(graph, territory, options);
    m_near = std::move(shapes.near);
    m_buffers = geo::LineBufferUnion(std::move(shapes.lines), buffers);
}

geo::MultiPolygon RoadIsochrones::area(const ReachedRoads& reached) {
    const auto n = m_graph.shape_count();
    if (reached.from_start.size() != n || reached.from_end.size() != n)
        throw GeometryError("road isochrone: reached roads of another graph (" +
                            std::to_string(reached.from_start.size()) + " shapes, graph has " + std::to_string(n) +
                            ")");
    std::vector<std::uint8_t> whole(n, 0);
    for (std::uint32_t s = 0; s < n; ++s) whole[s] = m_near[s] && reached.whole(s) ? 1 : 0;
    // Roads whose buffer stays outside the territory add nothing once
    // clipped: left out of the union.
    auto buffered = m_buffers.union_of(whole, pieces_of(m_graph, reached, false, &m_near));
    return coverage::finish_isochrone(std::move(buffered), m_territory, m_options);
}

SiteIsochrones site_isochrones(const network::RoadGraph& g, const network::Snapper& snapper,
                               const std::vector<geo::Point>& sites, const std::vector<std::uint32_t>& cutoffs_s,
                               double offroad_speed_kmh, double max_snap_m, const geo::MultiPolygon& territory,
                               const coverage::ArcIsochroneOptions& options, unsigned threads) {
    if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, sites.size())));
    const std::size_t nc = cutoffs_s.size(), ns = sites.size();
    SiteIsochrones out;
    out.areas.assign(nc, std::vector<geo::MultiPolygon>(ns));
    // Per cutoff and site: the inside pieces (merged in site order below);
    // per thread and cutoff: the largest reached fractions (order-free).
    std::vector<std::vector<std::vector<ReachedRoads::Inside>>> inside(nc, std::vector<std::vector<ReachedRoads::Inside>>(ns));
    std::vector<std::vector<ReachedRoads>> merged(threads, std::vector<ReachedRoads>(nc));
    std::vector<std::exception_ptr> errors(threads);
    // The calling thread is worker 0 and keeps its cache for the covered
    // areas (GEOS geometries belong to the thread that made them).
    RoadIsochrones main_iso(g, territory, options);
    auto work = [&](unsigned t) {
        try {
            std::optional<RoadIsochrones> own;
            if (t != 0) own.emplace(g, territory, options);
            RoadIsochrones& iso = t == 0 ? main_iso : *own;
            for (std::size_t s = t; s < ns; s += threads)
                for (std::size_t c = 0; c < nc; ++c) {
                    auto reached = reached_roads(g, snapper, sites[s], cutoffs_s[c], offroad_speed_kmh, max_snap_m);
                    if (reached.empty()) continue;
                    out.areas[c][s] = iso.area(reached);
                    // Inside pieces apart (merged in site order), fractions now.
                    inside[c][s] = std::move(reached.inside);
                    reached.inside.clear();
                    merged[t][c].merge(reached);
                }
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    {
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
        work(0);
        for (auto& th : pool) th.join();
    }
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    RoadIsochrones& iso = main_iso;
    for (std::size_t c = 0; c < nc; ++c) {
        ReachedRoads any;
        any.from_start.assign(g.shape_count(), 0);
        any.from_end.assign(g.shape_count(), 0);
        for (unsigned t = 0; t < threads; ++t) any.merge(merged[t][c]);
        for (std::size_t s = 0; s < ns; ++s) any.inside.insert(any.inside.end(), inside[c][s].begin(), inside[c][s].end());
        out.covered.push_back(any.empty() ? geo::MultiPolygon{} : iso.area(any));
    }
    return out;
}

SiteIsochrones model_isochrones(const network::TravelModel& model, const std::vector<geo::Point>& sites,
                                const std::vector<std::uint32_t>& cutoffs_s, const geo::MultiPolygon& territory,
                                const coverage::ArcIsochroneOptions& options, int crow_fly_segments) {
    struct Visitor final : network::TravelModelVisitor {
        const std::vector<geo::Point>& sites;
        const std::vector<std::uint32_t>& cutoffs_s;
        const geo::MultiPolygon& territory;
        const coverage::ArcIsochroneOptions& options;
        int segments;
        SiteIsochrones out;

        Visitor(const std::vector<geo::Point>& s, const std::vector<std::uint32_t>& c, const geo::MultiPolygon& t,
                const coverage::ArcIsochroneOptions& o, int n)
            : sites(s), cutoffs_s(c), territory(t), options(o), segments(n) {}

        void visit(const network::RoadTravelModel& road) override {
            // The access leg's circuity slows it like a lower speed.
            const auto& ro = road.options();
            out = site_isochrones(road.graph(), road.snapper(), sites, cutoffs_s,
                                  ro.offroad_speed_kmh / ro.access_circuity, ro.max_snap_m, territory, options);
        }
        void visit(const network::CrowFlyModel& crow) override {
            const auto& co = crow.options();
            for (const auto cutoff : cutoffs_s) {
                const double r = coverage::crow_fly_radius_m(co.speed_kmh, static_cast<double>(cutoff), co.circuity);
                std::vector<geo::MultiPolygon> areas, reached;
                for (const auto& p : sites) {
                    areas.push_back(coverage::crow_fly_isochrone(p, r, territory, segments));
                    if (!areas.back().empty()) reached.push_back(areas.back());
                }
                out.covered.push_back(coverage::covered_area(reached));
                out.areas.push_back(std::move(areas));
            }
        }
        void visit_other(const network::TravelModel& m) override {
            throw std::invalid_argument("no isochrone for the travel model " + m.describe());
        }
    } visitor(sites, cutoffs_s, territory, options, crow_fly_segments);
    model.accept(visitor);
    return std::move(visitor.out);
}

} // namespace maillage
