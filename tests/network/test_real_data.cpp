// Real OSM extracts from ../shared/data/raw/roads (skipped when absent).
#include "helpers.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"
#include "network/dijkstra.hpp"
#include "network/graph_file.hpp"
#include "network/osm_graph.hpp"
#include "network/travel_model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <iterator>

using namespace maillage;
using namespace maillage::network;

namespace {

NodeId nearest_node(const RoadGraph& g, geo::LonLat p) {
    NodeId best = kInvalid;
    double best_d = 1e300;
    for (NodeId u = 0; u < g.node_count(); ++u) {
        const double d = geo::great_circle_m({g.lon[u], g.lat[u]}, p);
        if (d < best_d) best_d = d, best = u;
    }
    return best;
}

TimeDs route_ds(const RoadGraph& g, NodeId from, NodeId to) {
    Dijkstra dj(forward_view(g));
    dj.add_source(from, 0);
    dj.run();
    return dj.time_ds(to);
}

double speed_kmh(const RoadGraph& g, ArcId a) {
    return g.time_ds[a] ? g.length_m[a] / (g.time_ds[a] / 10.0) * 3.6 : 0;
}

Place place_at(const geo::CoordinateTransform& t, double lon, double lat, std::string id) {
    Place p;
    p.lonlat = {lon, lat};
    p.xy = t.forward(lon, lat);
    p.id = std::move(id);
    return p;
}

} // namespace

TEST_CASE("real extracts: node and arc counts, largest component share") {
    MAILLAGE_REQUIRE_ROADS(dir);
    struct Expect {
        const char* file;
        std::uint64_t min_nodes, max_nodes;
        double min_share;
        double min_km, max_km;
    };
    // Ranges from the SOURCES.md figures (osmnx simplification of Monaco
    // gives 1,881 nodes; car-way km from osmium export).
    for (const Expect& e : {Expect{"monaco.osm.pbf", 1500, 2300, 0.85, 200, 400},
                            Expect{"saint_barthelemy.osm.pbf", 700, 1200, 0.95, 90, 160},
                            Expect{"andorra.osm.pbf", 1100, 1700, 0.95, 330, 480},
                            Expect{"andorra-latest.osm.pbf", 2200, 3300, 0.95, 420, 600}}) {
        const std::string name = e.file;
        CAPTURE(name);
        const auto path = (*dir / e.file).string();
        const BuiltGraph b = build_graph_from_osm(path, default_car_profile());
        const auto& r = b.report;
        MESSAGE(name << ": " << r.ways_kept << " car ways of " << r.ways_read << ", "
                       << r.nodes << " nodes, " << r.arcs << " arcs, " << r.length_km
                       << " km, largest component " << 100 * r.kept_share() << " %");
        CHECK(r.nodes >= e.min_nodes);
        CHECK(r.nodes <= e.max_nodes);
        CHECK(r.arcs >= r.nodes);        // strongly connected: at least one arc out of each node
        CHECK(r.arcs <= 3 * r.nodes);
        CHECK(r.kept_share() >= e.min_share);
        CHECK(r.length_km >= e.min_km);
        CHECK(r.length_km <= e.max_km);
        CHECK(r.missing_vertices == 0);
        CHECK_NOTHROW(b.graph.validate());
        // Nodes within the extract's bounding box (lon/lat kept beside Lambert-93).
        for (NodeId u = 0; u < b.graph.node_count(); u += 97) {
            CHECK(std::isfinite(b.graph.x[u]));
            CHECK(std::abs(b.graph.lat[u]) < 90);
        }
    }
}

TEST_CASE("Monaco: the A8 is driven at motorway speed") {
    MAILLAGE_REQUIRE_ROADS(dir);
    const auto path = (*dir / "monaco.osm.pbf").string();
    // In this extract both A8 carriageways run from one border to the other
    // with no way back inside the extract, so the largest strongly connected
    // component cannot hold them: look at the whole network.
    GraphBuildOptions all;
    all.keep_largest_component = false;
    const RoadGraph g = build_graph_from_osm(path, default_car_profile(), {}, all).graph;
    // maxspeed=110 on the A8, driven at 0.85 x 110 = 93.5 km/h.
    double a8_m = 0;
    for (ArcId a = 0; a < g.arc_count(); ++a)
        if (std::abs(speed_kmh(g, a) - 93.5) < 1.0 && g.length_m[a] > 50) a8_m += g.length_m[a];
    CHECK(a8_m > 10000);
    // Eastbound: from the western edge near Èze to the north-eastern edge
    // above Roquebrune, about 8.5 km as the crow flies.
    const geo::LonLat west{7.34906, 43.74413}, east{7.44945, 43.76976};
    const NodeId from = nearest_node(g, west), to = nearest_node(g, east);
    const double crow_m = geo::great_circle_m(west, east);
    const TimeDs t = route_ds(g, from, to);
    REQUIRE(t < kInfTime_ds);
    const double crow_speed = crow_m / (t / 10.0) * 3.6;
    MESSAGE("A8 eastbound: " << t / 10.0 << " s for " << crow_m << " m as the crow flies ("
                             << crow_speed << " km/h crow-fly)");
    // Motorway: faster than 60 km/h even measured as the crow flies, and no
    // faster than the driving speed.
    CHECK(crow_speed > 60);
    CHECK(crow_speed < 93.6);
    // Westbound exists too and is the other carriageway, not the same arcs.
    CHECK(route_ds(g, nearest_node(g, {7.44933, 43.76979}), nearest_node(g, {7.34907, 43.74423})) <
          kInfTime_ds);

    // The default build drops them and says so.
    const BuiltGraph strong = build_graph_from_osm(path, default_car_profile());
    CHECK(strong.report.dropped_nodes > 0);
    CHECK(strong.report.dropped_arcs > 0);
}

TEST_CASE("Monaco: one-way streets are respected") {
    MAILLAGE_REQUIRE_ROADS(dir);
    const RoadGraph g =
        build_graph_from_osm((*dir / "monaco.osm.pbf").string(), default_car_profile()).graph;
    // One-way arcs: no arc back along the same shape.
    std::size_t one_way = 0, detour = 0;
    Dijkstra dj(forward_view(g));
    for (ArcId a = 0; a < g.arc_count(); ++a) {
        const auto s = g.arc_shape[a];
        if (g.shape_forward_arc[s] != kInvalid && g.shape_backward_arc[s] != kInvalid) continue;
        if (g.length_m[a] < 100) continue;
        ++one_way;
        const NodeId u = g.arc_tail(a), v = g.head[a];
        if (u == v) continue;
        dj.reset();
        dj.add_source(v, 0);
        dj.run();
        // Going back from v to u cannot use the arc: it is not a free reversal.
        if (dj.time_ds(u) > g.time_ds[a]) ++detour;
    }
    MESSAGE(one_way << " one-way arcs of 100 m or more, " << detour << " need a longer way back");
    CHECK(one_way > 50);
    CHECK(detour >= one_way * 8 / 10);
}

TEST_CASE("Monaco: graph file round trip and travel model on real data") {
    MAILLAGE_REQUIRE_ROADS(dir);
    const auto path = (*dir / "monaco.osm.pbf").string();
    BuiltGraph b = build_graph_from_osm(path, default_car_profile());
    maillage::test::TempDir tmp;
    const auto file = tmp.file("monaco.graph");
    save_graph(b.graph, file);
    const RoadGraph loaded = load_graph(file);
    CHECK(loaded.node_count() == b.graph.node_count());
    CHECK(loaded.time_ds == b.graph.time_ds);

    const RoadTravelModel model(std::move(b.graph));
    CHECK(model.describe().find("road network car-fr from monaco.osm.pbf (") == 0);
    const geo::CoordinateTransform t("EPSG:4326", "EPSG:2154");
    // Sites: Monaco town hall area and Beausoleil; demand on a lon/lat grid,
    // plus a point 10 km out at sea.
    const std::vector<Place> sites = {place_at(t, 7.4230, 43.7310, "monaco-ville"),
                                      place_at(t, 7.4250, 43.7440, "beausoleil")};
    std::vector<Place> demand;
    for (double lon = 7.40; lon <= 7.44; lon += 0.005)
        for (double lat = 43.725; lat <= 43.750; lat += 0.005)
            demand.push_back(place_at(t, lon, lat, "grid"));
    demand.push_back(place_at(t, 7.45, 43.64, "at-sea"));
    SnapReport report;
    const NearestSites ns = model.nearest(sites, demand, &report);
    REQUIRE(report.too_far.size() == 1);
    CHECK(report.too_far[0].id == "at-sea");
    CHECK(report.too_far[0].distance_m > 5000);
    CHECK(ns.time_s.back() == kUnreachable);
    std::size_t reached = 0;
    for (std::size_t d = 0; d + 1 < demand.size(); ++d) {
        if (ns.time_s[d] == kUnreachable) continue;
        ++reached;
        CHECK(ns.time_s[d] < 20 * 60); // Monaco is small
    }
    CHECK(reached >= (demand.size() - 1) * 9 / 10);
    const CoverageSets cov = model.coverage(sites, demand, 24 * 3600);
    std::vector<std::uint32_t> best(demand.size(), kUnreachable);
    for (std::uint32_t s = 0; s < sites.size(); ++s)
        for (auto e = cov.first[s]; e < cov.first[s + 1]; ++e)
            best[cov.demand[e]] = std::min(best[cov.demand[e]], cov.time_s[e]);
    CHECK(best == ns.time_s);
}

TEST_CASE("truncated PBF is an InputError naming the file") {
    MAILLAGE_REQUIRE_ROADS(dir);
    std::ifstream in(*dir / "monaco.osm.pbf", std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    REQUIRE(bytes.size() > 100000);
    maillage::test::TempDir tmp;
    for (std::size_t cut : {bytes.size() / 2, bytes.size() - 100, std::size_t(30)}) {
        const auto path = tmp.file("cut-" + std::to_string(cut) + ".osm.pbf");
        std::ofstream(path, std::ios::binary) << bytes.substr(0, cut);
        CAPTURE(cut);
        try {
            build_graph_from_osm(path, default_car_profile());
            FAIL("expected an InputError");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find(path) != std::string::npos);
        }
    }
}
