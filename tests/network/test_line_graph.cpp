// Graphs from OGR line layers: field mappings, splitting only at shared
// vertices, the Rennes OSM street file.
#include "helpers.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"
#include "network/line_graph.hpp"
#include "network/travel_model.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace maillage;
using namespace maillage::network;

namespace {

LineLayerMapping bdtopo_classes() {
    LineLayerMapping m;
    m.kind = LineLayerMapping::Kind::class_table;
    m.class_field = "NATURE";
    m.class_speed_kmh = {{"Route principale", 80}, {"Route locale", 36}};
    m.oneway_field = "SENS";
    return m;
}

bool has_node_near(const RoadGraph& g, double lon, double lat) {
    for (NodeId u = 0; u < g.node_count(); ++u)
        if (std::abs(g.lon[u] - lon) < 1e-7 && std::abs(g.lat[u] - lat) < 1e-7) return true;
    return false;
}

} // namespace

TEST_CASE("line layer with a class table: split only at shared vertices, one-way values") {
    geo::LayerSpec spec;
    spec.path = maillage::test::fixture("lines/bdtopo_like.geojson");
    const BuiltGraph b = build_graph_from_lines(spec, bdtopo_classes(), default_car_profile());
    const auto& r = b.report;
    const auto& g = b.graph;
    CHECK(r.ways_read == 7);  // the point feature is not a line
    CHECK(r.ways_kept == 6);  // "Chemin" is not in the class table
    // Nodes before the component filter: W, J, E, S, N and the two dead ends
    // west of S and N. The line S -> N crosses W-E at (-1.665, 48.11) without
    // a shared vertex (a bridge): no node there.
    CHECK(r.nodes_before_scc == 7);
    CHECK_FALSE(has_node_near(g, -1.665, 48.11));
    CHECK(has_node_near(g, -1.67, 48.11));
    // J -> E is "Sens inverse" (drivable E -> J only): E cannot be reached
    // and is dropped with its arc.
    CHECK(g.node_count() == 6);
    CHECK(r.dropped_nodes == 1);
    CHECK(r.dropped_arcs == 1);
    CHECK_FALSE(has_node_near(g, -1.66, 48.11));
    CHECK(g.source == "bdtopo_like.geojson");
    // Speeds straight from the table: S-J is 1,112 m at 36 km/h = 111 s.
    bool found = false;
    for (ArcId a = 0; a < g.arc_count(); ++a)
        if (std::abs(g.length_m[a] - 1112) < 2) {
            found = true;
            CHECK(g.time_ds[a] == doctest::Approx(1112.0).epsilon(0.003));
        }
    CHECK(found);
}

TEST_CASE("line layer with a speed field: bad values skipped and counted") {
    geo::LayerSpec spec;
    spec.path = maillage::test::fixture("lines/bdtopo_like.geojson");
    LineLayerMapping m;
    m.kind = LineLayerMapping::Kind::speed_field;
    m.speed_field = "VITESSE";
    const BuiltGraph b = build_graph_from_lines(spec, m, default_car_profile());
    CHECK(b.report.ways_kept == 6); // every line with a usable speed, "Chemin" included
    CHECK(b.report.skipped_features == 1);
    REQUIRE(b.report.skipped_examples.size() == 1);
    CHECK(b.report.skipped_examples[0].find("bdtopo_like.geojson") != std::string::npos);
    CHECK(b.report.skipped_examples[0].find("VITESSE") != std::string::npos);
    // Without SENS every road is two-way: nothing is dropped.
    CHECK(b.report.dropped_nodes == 0);
}

TEST_CASE("line layer errors name the source") {
    geo::LayerSpec spec;
    spec.path = maillage::test::fixture("lines/bdtopo_like.geojson");
    LineLayerMapping m = bdtopo_classes();
    m.class_field = "NO_SUCH_FIELD";
    CHECK_THROWS_AS(build_graph_from_lines(spec, m, default_car_profile()), InputError);
    m = bdtopo_classes();
    m.class_speed_kmh = {{"Autoroute", 130}}; // nothing drivable
    try {
        build_graph_from_lines(spec, m, default_car_profile());
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("bdtopo_like.geojson") != std::string::npos);
        CHECK(std::string(e.what()).find("no drivable road") != std::string::npos);
    }
    LineLayerMapping bad;
    bad.kind = LineLayerMapping::Kind::speed_field;
    CHECK_THROWS_AS(build_graph_from_lines(spec, bad, default_car_profile()), UsageError);
}

TEST_CASE("Rennes 2013 OSM streets (GeoJSON with OSM tags)") {
    MAILLAGE_REQUIRE_ROADS(dir);
    geo::LayerSpec spec;
    spec.path = (*dir / "rennes_2013_osm_streets.geojson").string();
    LineLayerMapping m; // OSM tags
    m.tag_fields = {"highway", "oneway", "maxspeed", "junction", "access", "motor_vehicle",
                    "motorcar", "area", "service", "construction"};
    const BuiltGraph b = build_graph_from_lines(spec, m, default_car_profile());
    const auto& r = b.report;
    MESSAGE("Rennes: " << r.ways_kept << " car lines of " << r.ways_read << ", " << r.nodes
                       << " nodes, " << r.arcs << " arcs, " << r.length_km << " km, largest component "
                       << 100 * r.kept_share() << " %, " << r.invalid_maxspeed << " invalid maxspeed");
    CHECK(r.ways_read == 3065);
    // SOURCES.md: 2,777 car-drivable lines, about 503 km.
    CHECK(r.ways_kept >= 2500);
    CHECK(r.ways_kept <= 2800);
    // The file is clipped near the commune: the ring road (one-way
    // carriageways, cut on the east side) and one-way streets at the edges
    // cannot return into the town and fall out of the largest strongly
    // connected component (about 80 % of nodes and 380 km of 500 are kept).
    CHECK(r.length_km > 340);
    CHECK(r.length_km < 520);
    CHECK(r.nodes > 1500);
    CHECK(r.nodes < 3800);
    CHECK(r.kept_share() > 0.75);

    // The rocade (N136, trunk) makes crossing town quicker than the centre;
    // at least everything reaches the town hall within 20 minutes.
    const RoadTravelModel model(b.graph);
    const geo::CoordinateTransform t("EPSG:4326", "EPSG:2154");
    Place hall;
    hall.lonlat = {-1.6794, 48.1113};
    hall.xy = t.forward(hall.lonlat.lon, hall.lonlat.lat);
    hall.id = "mairie";
    std::vector<Place> demand;
    for (double lon = -1.72; lon <= -1.63; lon += 0.01)
        for (double lat = 48.09; lat <= 48.14; lat += 0.01) {
            Place p;
            p.lonlat = {lon, lat};
            p.xy = t.forward(lon, lat);
            p.id = "grid";
            demand.push_back(p);
        }
    SnapReport report;
    const NearestSites ns = model.nearest({hall}, demand, &report);
    std::size_t reached = 0;
    for (auto s : ns.time_s)
        if (s != kUnreachable) {
            ++reached;
            CHECK(s < 20 * 60);
        }
    CHECK(reached + report.too_far.size() == demand.size());
    CHECK(reached >= demand.size() * 9 / 10);
}
