#include "coverage/network_isochrone.hpp"

#include "core/error.hpp"
#include "network/dijkstra.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <exception>
#include <stdexcept>
#include <optional>
#include <thread>
#include <string>

namespace maillage {

namespace {

using network::TimeDs;

// A shape's points with their cumulative length along it, and the point at
// any fraction of that length.
struct ShapeLine {
    geo::LineString points;
    std::vector<double> cum{0}; ///< length from the first point, per point
    double total() const { return cum.back(); }

    ShapeLine(const network::RoadGraph& g, std::uint32_t s) {
        for (auto i = g.shape_first[s]; i < g.shape_first[s + 1]; ++i) points.emplace_back(g.shape_x[i], g.shape_y[i]);
        for (std::size_t i = 1; i < points.size(); ++i)
            cum.push_back(cum.back() + std::hypot(points[i].x() - points[i - 1].x(), points[i].y() - points[i - 1].y()));
    }

    // Needs two points or more.
    geo::Point at(double f) const {
        const double d = std::clamp(f, 0.0, 1.0) * total();
        std::size_t i = 1;
        while (i + 1 < points.size() && cum[i] < d) ++i;
        const double seg = cum[i] - cum[i - 1];
        const double t = seg > 0 ? (d - cum[i - 1]) / seg : 0;
        return geo::Point(points[i - 1].x() + t * (points[i].x() - points[i - 1].x()),
                          points[i - 1].y() + t * (points[i].y() - points[i - 1].y()));
    }
};

// Part of shape `s` between fractions [from, to] (0 = first point).
geo::LineString piece(const network::RoadGraph& g, std::uint32_t s, double from, double to) {
    ShapeLine full(g, s);
    if (from <= 0 && to >= 1) return std::move(full.points);
    const double total = full.total();
    if (total <= 0 || full.points.size() < 2) return std::move(full.points);
    geo::LineString out;
    out.push_back(full.at(from));
    for (std::size_t i = 1; i + 1 < full.points.size(); ++i)
        if (full.cum[i] > from * total && full.cum[i] < to * total) out.push_back(full.points[i]);
    out.push_back(full.at(to));
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
    start_left_ds.resize(from_start.size(), 0);
    end_left_ds.resize(from_start.size(), 0);
    for (std::size_t s = 0; s < other.from_start.size(); ++s) {
        from_start[s] = std::max(from_start[s], other.from_start[s]);
        from_end[s] = std::max(from_end[s], other.from_end[s]);
    }
    // On one shape and one way the time left falls at the same rate for
    // every site: the larger time at the node is the larger everywhere.
    for (std::size_t s = 0; s < other.start_left_ds.size(); ++s) {
        start_left_ds[s] = std::max(start_left_ds[s], other.start_left_ds[s]);
        end_left_ds[s] = std::max(end_left_ds[s], other.end_left_ds[s]);
    }
    inside.insert(inside.end(), other.inside.begin(), other.inside.end());
}

std::vector<ReachedRoads> reached_roads(const network::RoadGraph& g, const network::Snapper& snapper,
                                        const geo::Point& site, const std::vector<std::uint32_t>& cutoffs_s,
                                        double offroad_speed_kmh, double max_snap_m) {
    std::vector<ReachedRoads> out(cutoffs_s.size());
    for (auto& reached : out) {
        reached.from_start.assign(g.shape_count(), 0);
        reached.from_end.assign(g.shape_count(), 0);
        reached.start_left_ds.assign(g.shape_count(), 0);
        reached.end_left_ds.assign(g.shape_count(), 0);
    }
    if (cutoffs_s.empty()) return out;
    // Every nearest piece: a site on a junction node is reached through all
    // the roads meeting there, not only through the piece found first.
    const auto snaps = snapper.snap_all(site);
    if (snaps.empty() || snaps.front().distance_m > max_snap_m) return out;
    const double leg_s = snaps.front().distance_m / (offroad_speed_kmh / 3.6);
    const double leg_ds = leg_s * 10.0;
    const double max_cutoff_ds = *std::max_element(cutoffs_s.begin(), cutoffs_s.end()) * 10.0;
    if (leg_ds > max_cutoff_ds) return out;

    // One search up to the largest cutoff serves every cutoff: a node is
    // reached within a cutoff when its time is at most that cutoff, and the
    // time of such a node does not depend on how far the search went on.
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
    search.run(static_cast<TimeDs>(max_cutoff_ds));

    for (std::size_t c = 0; c < cutoffs_s.size(); ++c) {
        const double cutoff_ds = cutoffs_s[c] * 10.0;
        if (leg_ds > cutoff_ds) continue;
        ReachedRoads& reached = out[c];
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
            if (hi > lo) reached.inside.push_back({s, lo, hi, f, cutoff_ds - leg_ds});
        }
        // A node beyond this cutoff (reached within a larger one) gives 0,
        // as an unreached one.
        for (std::uint32_t shape = 0; shape < g.shape_count(); ++shape) {
            if (std::find(own.begin(), own.end(), shape) != own.end()) continue;
            if (auto a = g.shape_forward_arc[shape]; a != kInvalid) {
                const TimeDs d = search.time_ds(g.head[a]);
                if (d != network::kInfTime_ds && g.time_ds[a] > 0 && d < cutoff_ds) {
                    reached.from_end[shape] = std::min((cutoff_ds - d) / g.time_ds[a], 1.0);
                    reached.end_left_ds[shape] = cutoff_ds - d;
                }
            }
            if (auto b = g.shape_backward_arc[shape]; b != kInvalid) {
                const TimeDs d = search.time_ds(g.head[b]);
                if (d != network::kInfTime_ds && g.time_ds[b] > 0 && d < cutoff_ds) {
                    reached.from_start[shape] = std::min((cutoff_ds - d) / g.time_ds[b], 1.0);
                    reached.start_left_ds[shape] = cutoff_ds - d;
                }
            }
        }
    }
    return out;
}

ReachedRoads reached_roads(const network::RoadGraph& g, const network::Snapper& snapper, const geo::Point& site,
                           std::uint32_t cutoff_s, double offroad_speed_kmh, double max_snap_m) {
    return std::move(reached_roads(g, snapper, site, std::vector<std::uint32_t>{cutoff_s}, offroad_speed_kmh, max_snap_m)
                         .front());
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
                          const geo::LineBufferOptions& o) {
    NearShapes out;
    out.lines.resize(g.shape_count());
    for (std::uint32_t s = 0; s < g.shape_count(); ++s) out.lines[s] = piece(g, s, 0, 1);
    out.near = geo::lines_within(out.lines, territory, o.distance + std::max(0.0, o.simplify_tolerance));
    for (std::uint32_t s = 0; s < g.shape_count(); ++s)
        if (!out.near[s]) out.lines[s].clear();
    return out;
}

// Access legs widen the area beyond the fixed buffer.
bool growing(const coverage::ArcIsochroneOptions& o) { return o.access_speed_ms > 0 && o.access_max_m > o.buffer_m; }

// The cache buffers at the widest radius: buffer_m, or access_max_m with
// access legs (then discs of every radius get the same bound on the chord
// error, see below).
geo::LineBufferOptions buffer_options(const coverage::ArcIsochroneOptions& o) {
    if (!(o.buffer_m > 0))
        throw GeometryError("isochrone buffer must be positive, got " + std::to_string(o.buffer_m) + " m");
    if (!(o.access_speed_ms >= 0) || !std::isfinite(o.access_speed_ms) || !std::isfinite(o.access_max_m))
        throw GeometryError("isochrone access legs: speed must be >= 0 m/s and the limit finite, got " +
                            std::to_string(o.access_speed_ms) + " m/s, " + std::to_string(o.access_max_m) + " m");
    geo::LineBufferOptions b;
    b.distance = o.buffer_m;
    b.quadrant_segments = o.quadrant_segments;
    b.simplify_tolerance = o.simplify_m;
    if (growing(o)) {
        // Discs stray from their circles by no more than the simplification
        // moves the cached roads (nor than the buffer_m disc does).
        b.max_chord_error = std::max(
            o.simplify_m, o.buffer_m * (1 - std::cos(std::numbers::pi / (4 * std::max(1, o.quadrant_segments)))));
        b.distance = o.access_max_m;
        b.quadrant_segments = geo::quadrant_segments_for(o.access_max_m, b.max_chord_error, o.quadrant_segments);
    }
    return b;
}

// The shape's points between fractions f0 <= f1 with their fractions.
void points_between(const network::RoadGraph& g, std::uint32_t s, double f0, double f1, geo::LineString& pts,
                    std::vector<double>& fr) {
    const ShapeLine full(g, s);
    const double total = full.total();
    pts.clear();
    fr.clear();
    if (full.points.size() < 2 || total <= 0) {
        if (!full.points.empty()) pts.push_back(full.points.front()), fr.push_back(f0);
        return;
    }
    pts.push_back(full.at(f0));
    fr.push_back(f0);
    for (std::size_t i = 1; i + 1 < full.points.size(); ++i)
        if (full.cum[i] > f0 * total && full.cum[i] < f1 * total) pts.push_back(full.points[i]), fr.push_back(full.cum[i] / total);
    if (f1 > f0) pts.push_back(full.at(f1)), fr.push_back(f1);
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
    : m_graph(graph), m_territory(territory), m_options(options), m_growing(growing(options)), m_buffers({}, buffers) {
    // buffer_options has checked the options before any shape is read.
    auto shapes = near_territory(graph, territory, buffers);
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
    if (m_growing) {
        if (reached.start_left_ds.size() != n || reached.end_left_ds.size() != n)
            throw GeometryError("road isochrone: reached roads without the time left per shape");
        std::vector<geo::TaperedLine> tapered;
        tapered_pieces(reached, whole, tapered);
        auto u = m_buffers.union_of(whole, {}, tapered);
        return coverage::finish_isochrone(std::move(u), m_territory, m_options);
    }
    for (std::uint32_t s = 0; s < n; ++s) whole[s] = m_near[s] && reached.whole(s) ? 1 : 0;
    // Roads whose buffer stays outside the territory add nothing once
    // clipped: left out of the union.
    auto buffered = m_buffers.union_of(whole, pieces_of(m_graph, reached, false, &m_near));
    return coverage::finish_isochrone(std::move(buffered), m_territory, m_options);
}

void RoadIsochrones::tapered_pieces(const ReachedRoads& r, std::vector<std::uint8_t>& whole,
                                    std::vector<geo::TaperedLine>& out) const {
    const auto& g = m_graph;
    const auto& o = m_options;
    const double m_per_ds = o.access_speed_ms / 10;
    const double cap_ds = o.access_max_m / m_per_ds;   // from here on, r = access_max_m
    const double floor_ds = o.buffer_m / m_per_ds;     // below this, r = buffer_m
    const auto radius = [&](double left_ds) { return std::clamp(left_ds * m_per_ds, o.buffer_m, o.access_max_m); };
    geo::LineString pts;
    std::vector<double> fr;
    // Piece [f0, f1] of shape s with l0, l1 deciseconds left at its ends:
    // the shape's points in between, plus a point wherever the radius stops
    // following the time (floor_ds, cap_ds), so that it is linear between
    // any two points.
    const auto add = [&](std::uint32_t s, double f0, double f1, double l0, double l1) {
        points_between(g, s, f0, f1, pts, fr);
        if (pts.empty()) return;
        geo::TaperedLine t;
        const auto left = [&](double f) { return f1 > f0 ? l0 + (f - f0) / (f1 - f0) * (l1 - l0) : std::max(l0, l1); };
        for (std::size_t i = 0; i < pts.size(); ++i) {
            if (i > 0) {
                const double a = left(fr[i - 1]), b = left(fr[i]);
                // Crossings of the two thresholds, in the order met.
                double cross[2];
                int nc = 0;
                for (double th : {floor_ds, cap_ds})
                    if ((a - th) * (b - th) < 0) cross[nc++] = (th - a) / (b - a);
                if (nc == 2 && cross[0] > cross[1]) std::swap(cross[0], cross[1]);
                for (int k = 0; k < nc; ++k) {
                    const auto& p = pts[i - 1];
                    const auto& q = pts[i];
                    t.line.emplace_back(p.x() + cross[k] * (q.x() - p.x()), p.y() + cross[k] * (q.y() - p.y()));
                    t.radius.push_back(radius(a + cross[k] * (b - a)));
                }
            }
            t.line.push_back(pts[i]);
            t.radius.push_back(radius(left(fr[i])));
        }
        out.push_back(std::move(t));
    };
    for (std::uint32_t s = 0; s < g.shape_count(); ++s) {
        if (!m_near[s]) continue;
        const ArcId fa = g.shape_forward_arc[s], ba = g.shape_backward_arc[s];
        const double ta = fa != kInvalid ? g.time_ds[fa] : 0, tb = ba != kInvalid ? g.time_ds[ba] : 0;
        const double ls = r.start_left_ds[s], le = r.end_left_ds[s];
        // Driving to the start node: [0, s1] reached, ls - f tb left at f;
        // to the end node: [e0, 1], le - (1 - f) ta left.
        const bool from_start = ls > 0 && tb > 0, from_end = le > 0 && ta > 0;
        double s1 = from_start ? std::min(1.0, ls / tb) : 0, e0 = from_end ? std::max(0.0, 1 - le / ta) : 1;
        if (from_start && from_end && s1 >= e0) {
            // Overlap: each way only where it leaves more time (its disc
            // holds the other's).
            const double split = std::clamp((ls - le + ta) / (ta + tb), e0, s1);
            s1 = e0 = split;
        }
        const double start_min = ls - s1 * tb, end_min = le - (1 - e0) * ta;
        const bool covered = (from_start && s1 >= 1) || (from_end && e0 <= 0) || (from_start && from_end && s1 >= e0);
        if (covered && (!from_start || start_min >= cap_ds) && (!from_end || end_min >= cap_ds)) {
            whole[s] = 1; // access_max_m all along: the cached buffer
            continue;
        }
        if (from_start) add(s, 0, s1, ls, start_min);
        if (from_end) add(s, e0, 1, end_min, le);
    }
    for (const auto& in : r.inside) {
        if (!m_near[in.shape] || whole[in.shape]) continue;
        const ArcId fa = g.shape_forward_arc[in.shape], ba = g.shape_backward_arc[in.shape];
        const double ta = fa != kInvalid ? g.time_ds[fa] : 0, tb = ba != kInvalid ? g.time_ds[ba] : 0;
        // Before the site one drives along the shape, after it against it.
        if (in.from < in.at) add(in.shape, in.from, in.at, in.left_ds - (in.at - in.from) * ta, in.left_ds);
        if (in.at < in.to) add(in.shape, in.at, in.to, in.left_ds, in.left_ds - (in.to - in.at) * tb);
    }
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
            for (std::size_t s = t; s < ns; s += threads) {
                // One snap and one search per site, for every cutoff.
                auto all = reached_roads(g, snapper, sites[s], cutoffs_s, offroad_speed_kmh, max_snap_m);
                for (std::size_t c = 0; c < nc; ++c) {
                    auto& reached = all[c];
                    if (reached.empty()) continue;
                    out.areas[c][s] = iso.area(reached);
                    // Inside pieces apart (merged in site order), fractions now.
                    inside[c][s] = std::move(reached.inside);
                    reached.inside.clear();
                    merged[t][c].merge(reached);
                }
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
        any.start_left_ds.assign(g.shape_count(), 0);
        any.end_left_ds.assign(g.shape_count(), 0);
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
            auto o = options;
            if (ro.access_circuity > 1) {
                // Legs stand for local streets the network lacks: a reached
                // road serves as far as a leg goes in the time left.
                o.access_speed_ms = ro.offroad_speed_kmh / 3.6 / ro.access_circuity;
                o.access_max_m = ro.max_snap_m;
            }
            out = site_isochrones(road.graph(), road.snapper(), sites, cutoffs_s,
                                  ro.offroad_speed_kmh / ro.access_circuity, ro.max_snap_m, territory, o);
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
