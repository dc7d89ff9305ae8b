// Places on junction nodes and at equal distance from several road pieces:
// linked through every nearest piece and, on a node, through the node itself
// (issue 21, item 1). Hand-made graphs where any single piece gives a wrong
// time, and a brute-force reference on real extracts (Monaco, Porto).
#include "helpers.hpp"

#include "network/dijkstra.hpp"
#include "network/osm_graph.hpp"
#include "network/snap.hpp"
#include "network/travel_model.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace maillage;
using namespace maillage::network;

namespace {

Place at(double x, double y, std::string id = "p") {
    Place p;
    p.xy = geo::Point(x, y);
    p.id = std::move(id);
    return p;
}

RoadTravelModel model_of(WaySet w) {
    BuildReport r;
    RoadGraph g = build_road_graph(std::move(w), r, false);
    RoadModelOptions o;
    o.max_snap_m = 1e9;
    return RoadTravelModel(std::move(g), o);
}

TimeDs to_ds(double seconds) {
    const double ds = std::round(seconds * 10.0);
    return ds >= double(kMaxArcTime_ds) ? kMaxArcTime_ds : static_cast<TimeDs>(std::max(0.0, ds));
}

/// The road-model rule for ONE road piece, written out independently: the
/// nodes a resident on the piece drives to (departures) or from which a site
/// on it is reached (arrivals), through the piece's arcs only.
struct PieceLinks {
    const RoadGraph& g;
    std::vector<std::pair<NodeId, TimeDs>> departures(const Snap& s, TimeDs access) const {
        std::vector<std::pair<NodeId, TimeDs>> out;
        if (ArcId f = g.shape_forward_arc[s.shape]; f != kInvalid)
            out.emplace_back(g.head[f], access + to_ds(g.time_ds[f] / 10.0 * (1 - s.fraction)));
        if (ArcId b = g.shape_backward_arc[s.shape]; b != kInvalid)
            out.emplace_back(g.head[b], access + to_ds(g.time_ds[b] / 10.0 * s.fraction));
        return out;
    }
    std::vector<std::pair<NodeId, TimeDs>> arrivals(const Snap& s, TimeDs access) const {
        std::vector<std::pair<NodeId, TimeDs>> out;
        if (ArcId f = g.shape_forward_arc[s.shape]; f != kInvalid)
            out.emplace_back(g.arc_tail(f), access + to_ds(g.time_ds[f] / 10.0 * s.fraction));
        if (ArcId b = g.shape_backward_arc[s.shape]; b != kInvalid)
            out.emplace_back(g.arc_tail(b), access + to_ds(g.time_ds[b] / 10.0 * (1 - s.fraction)));
        return out;
    }
    TimeDs direct(const Snap& from, const Snap& to, TimeDs access) const {
        if (from.shape != to.shape) return kInfTime_ds;
        TimeDs best = kInfTime_ds;
        if (ArcId f = g.shape_forward_arc[from.shape]; f != kInvalid && from.fraction <= to.fraction)
            best = std::min(best, to_ds(g.time_ds[f] / 10.0 * (to.fraction - from.fraction)));
        if (ArcId b = g.shape_backward_arc[from.shape]; b != kInvalid && from.fraction >= to.fraction)
            best = std::min(best, to_ds(g.time_ds[b] / 10.0 * (from.fraction - to.fraction)));
        return best == kInfTime_ds ? best : best + access;
    }
};

/// Every shape with a segment at the smallest distance from p, by a scan of
/// all segments (no index).
std::vector<std::uint32_t> brute_nearest_shapes(const RoadGraph& g, const geo::Point& p) {
    std::vector<std::pair<double, std::uint32_t>> d;
    for (std::uint32_t s = 0; s < g.shape_count(); ++s)
        for (auto k = g.shape_first[s]; k + 1 < g.shape_first[s + 1]; ++k) {
            const double ax = g.shape_x[k], ay = g.shape_y[k];
            const double dx = g.shape_x[k + 1] - ax, dy = g.shape_y[k + 1] - ay;
            const double len2 = dx * dx + dy * dy;
            const double t = std::clamp(len2 > 0 ? ((p.x() - ax) * dx + (p.y() - ay) * dy) / len2 : 0, 0.0, 1.0);
            const double px = t == 1.0 ? g.shape_x[k + 1] : ax + t * dx;
            const double py = t == 1.0 ? g.shape_y[k + 1] : ay + t * dy;
            d.emplace_back(std::hypot(p.x() - px, p.y() - py), s);
        }
    double best = std::numeric_limits<double>::infinity();
    for (auto& e : d) best = std::min(best, e.first);
    std::vector<std::uint32_t> out;
    for (auto& e : d)
        if (e.first <= best + Snapper::kTieDistance_m) out.push_back(e.second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Reference nearest-site times (deciseconds): for every site, one plain
/// backward search from the arrivals of all its nearest pieces; a demand
/// point takes the best over all its nearest pieces' departures and the
/// same-piece drives. `only_first` uses just the piece snap() returns (the
/// behaviour before the fix), to show that the workload exercises it.
std::vector<TimeDs> reference_times(const RoadGraph& g, const Snapper& snapper, const std::vector<Place>& sites,
                                    const std::vector<Place>& demand, bool only_first,
                                    std::vector<std::uint32_t>* nearest_site = nullptr) {
    const double offroad_ms = RoadModelOptions{}.offroad_speed_kmh / 3.6;
    auto pieces = [&](const Place& p) {
        return only_first ? std::vector<Snap>{snapper.snap(p.xy)} : snapper.snap_all(p.xy);
    };
    const PieceLinks pl{g};
    std::vector<TimeDs> best(demand.size(), kInfTime_ds);
    if (nearest_site) nearest_site->assign(demand.size(), kInvalid);
    std::vector<std::vector<Snap>> demand_pieces;
    for (const Place& d : demand) demand_pieces.push_back(pieces(d));
    Dijkstra dj(backward_view(g));
    for (std::uint32_t s = 0; s < sites.size(); ++s) {
        const auto sp = pieces(sites[s]);
        const TimeDs s_access = to_ds(sp.front().distance_m / offroad_ms);
        dj.reset();
        for (const Snap& p : sp)
            for (auto [node, cost] : pl.arrivals(p, s_access)) dj.add_source(node, cost);
        dj.run();
        for (std::size_t d = 0; d < demand.size(); ++d) {
            const auto& dp = demand_pieces[d];
            const TimeDs d_access = to_ds(dp.front().distance_m / offroad_ms);
            TimeDs t = kInfTime_ds;
            for (const Snap& p : dp) {
                for (auto [node, cost] : pl.departures(p, d_access))
                    if (dj.time_ds(node) < kInfTime_ds) t = std::min<TimeDs>(t, dj.time_ds(node) + cost);
                for (const Snap& q : sp) t = std::min(t, pl.direct(p, q, d_access + s_access));
            }
            if (t < best[d]) {
                best[d] = t;
                if (nearest_site) (*nearest_site)[d] = s;
            }
        }
    }
    return best;
}

std::uint32_t ds_to_s(TimeDs t) { return t >= kInfTime_ds ? kUnreachable : (t + 5) / 10; }

/// Places on a real graph: a third exactly on junction nodes, a third on
/// shape points, a third within 40 m of a node.
std::vector<Place> places_on(const RoadGraph& g, std::mt19937& rng, std::size_t n, const char* prefix) {
    std::vector<Place> out;
    std::uniform_int_distribution<NodeId> node(0, g.node_count() - 1);
    std::uniform_int_distribution<std::size_t> point(0, g.shape_x.size() - 1);
    std::uniform_real_distribution<double> jitter(-40, 40);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = prefix + std::to_string(i);
        if (i % 3 == 0) {
            const NodeId u = node(rng);
            out.push_back(at(g.x[u], g.y[u], id));
        } else if (i % 3 == 1) {
            const std::size_t k = point(rng);
            out.push_back(at(g.shape_x[k], g.shape_y[k], id));
        } else {
            const NodeId u = node(rng);
            out.push_back(at(g.x[u] + jitter(rng), g.y[u] + jitter(rng), id));
        }
    }
    return out;
}

void check_against_reference(const std::string& file, std::size_t site_count, std::size_t demand_count) {
    BuiltGraph b = build_graph_from_osm(file, default_car_profile());
    const RoadGraph g = b.graph;
    const Snapper snapper(g);
    std::mt19937 rng(21);
    const auto sites = places_on(g, rng, site_count, "s");
    const auto demand = places_on(g, rng, demand_count, "d");

    // snap_all finds exactly the shapes a full scan finds at the smallest distance.
    std::size_t several = 0;
    for (const auto* list : {&sites, &demand})
        for (const Place& p : *list) {
            const auto all = snapper.snap_all(p.xy);
            std::vector<std::uint32_t> shapes;
            for (const Snap& s : all) shapes.push_back(s.shape);
            shapes.erase(std::unique(shapes.begin(), shapes.end()), shapes.end());
            CHECK(shapes == brute_nearest_shapes(g, p.xy));
            several += all.size() > 1;
        }
    CHECK(several > 0);

    const RoadTravelModel model(b.graph);
    const NearestSites ns = model.nearest(sites, demand);
    std::vector<std::uint32_t> ref_site;
    const auto ref = reference_times(g, snapper, sites, demand, false, &ref_site);
    const auto before_fix = reference_times(g, snapper, sites, demand, true);
    std::size_t reachable = 0, fixed = 0;
    for (std::size_t d = 0; d < demand.size(); ++d) {
        CAPTURE(d);
        CHECK(ns.time_s[d] == ds_to_s(ref[d]));
        if (ref[d] < kInfTime_ds) ++reachable;
        if (ds_to_s(before_fix[d]) != ds_to_s(ref[d])) ++fixed;
    }
    // The workload must exercise the defect: some places got a wrong time
    // through one piece only.
    CHECK(fixed > 0);
    CHECK(reachable * 10 >= demand.size() * 9);
    MESSAGE(file << ": " << several << " places on several pieces; " << fixed << " of " << demand.size()
                 << " demand times differ from the first-piece-only rule");

    // Coverage sets within 10 min agree with the reference per site.
    const std::uint32_t cutoff_s = 600;
    const CoverageSets cov = model.coverage(sites, demand, cutoff_s);
    for (std::uint32_t s = 0; s < sites.size(); ++s) {
        const auto one = reference_times(g, snapper, {sites[s]}, demand, false);
        std::vector<DemandId> expect;
        for (DemandId d = 0; d < demand.size(); ++d)
            if (ds_to_s(one[d]) <= cutoff_s) expect.push_back(d);
        const std::vector<DemandId> got(cov.demand.begin() + cov.first[s], cov.demand.begin() + cov.first[s + 1]);
        CAPTURE(s);
        CHECK(got == expect);
    }
}

} // namespace

TEST_CASE("a resident on a junction node leaves through every road meeting there") {
    // X=(0,0) -> A=(1000,0) and X -> B=(0,1000), both one-way away from X;
    // B -> A -> C=(0,-1000) -> X and C -> D=(-1000,0) -> X close the loops.
    // Whichever piece a single snap would return for a place on X, one of
    // the two sites A, B is then only reached the long way round.
    // 36 km/h = 10 m/s.
    WaySet w;
    w.x = {0, 1000, 0, 0, -1000};
    w.y = {0, 0, 1000, -1000, 0};
    w.add_way({0, 1}, 36, WaySet::kForward);
    w.add_way({0, 2}, 36, WaySet::kForward);
    w.add_way({2, 1}, 36, WaySet::kForward);
    w.add_way({1, 3}, 36, WaySet::kForward);
    w.add_way({3, 0}, 36, WaySet::kForward);
    w.add_way({3, 4}, 36, WaySet::kForward);
    w.add_way({4, 0}, 36, WaySet::kForward);
    const auto model = model_of(w);
    for (auto [sx, sy] : {std::pair{1000.0, 0.0}, std::pair{0.0, 1000.0}}) {
        CAPTURE(sx);
        const NearestSites ns = model.nearest({at(sx, sy, "site")}, {at(0, 0, "on-node")});
        CHECK(ns.time_s[0] == 100);
        const CoverageSets cov = model.coverage({at(sx, sy, "site")}, {at(0, 0, "on-node")}, 100);
        CHECK(cov.demand == std::vector<DemandId>{0});
    }
    // A site on X is reached through every road entering X: from halfway
    // along C -> X and along D -> X alike (a single piece C -> X or D -> X
    // would make the other one drive round).
    const NearestSites back =
        model.nearest({at(0, 0, "site-on-node")}, {at(0, -500, "on-C-X"), at(-500, 0, "on-D-X")});
    CHECK(back.time_s == std::vector<std::uint32_t>{50, 50});
}

TEST_CASE("a place halfway between two carriageways joins both") {
    // Eastbound y=+10 and westbound y=-10, joined at both ends; a place at
    // y=0 is 10 m from each. Sites at both ends: each is reached straight
    // only through the carriageway going its way.
    WaySet w;
    w.x = {0, 1000, 1000, 0};
    w.y = {10, 10, -10, -10};
    w.add_way({0, 1}, 36, WaySet::kForward);
    w.add_way({2, 3}, 36, WaySet::kForward);
    w.add_way({1, 2}, 36, WaySet::kForward | WaySet::kBackward);
    w.add_way({3, 0}, 36, WaySet::kForward | WaySet::kBackward);
    const auto model = model_of(w);
    BuildReport r;
    const RoadGraph g = build_road_graph(w, r, false);
    const Snapper snapper(g);
    CHECK(snapper.snap_all(geo::Point(500, 0)).size() == 2);
    CHECK(snapper.snap_all(geo::Point(500, 1)).size() == 1);
    // 10 m off-road at 15 km/h = 2.4 s; 500 m at 10 m/s; connector 10 m = 1 s.
    for (double sx : {1000.0, 0.0}) {
        CAPTURE(sx);
        const NearestSites ns = model.nearest({at(sx, 0, "end")}, {at(500, 0, "between")});
        CHECK(ns.time_s[0] == 53); // 2.4 + 50 + 1 = 53.4 s
    }
}

TEST_CASE("Monaco: every place's time equals the best over all its nearest pieces") {
    MAILLAGE_REQUIRE_ROADS(dir);
    check_against_reference((*dir / "monaco.osm.pbf").string(), 20, 300);
}

TEST_CASE("Porto: every place's time equals the best over all its nearest pieces") {
    MAILLAGE_REQUIRE_ROADS(dir);
    check_against_reference((*dir / "porto_portugal.osm.pbf").string(), 12, 240);
}
