// Graph building: folding shape points, splitting at shared vertices, the
// component filter, the profile and OSM tags, bad OSM input.
#include "helpers.hpp"

#include "core/error.hpp"
#include "network/osm_graph.hpp"
#include "network/profile.hpp"
#include "network/road_graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace maillage;
using namespace maillage::network;

namespace {

WaySet planar(std::vector<std::pair<double, double>> pts) {
    WaySet w;
    for (auto [x, y] : pts) w.x.push_back(x), w.y.push_back(y);
    return w;
}

} // namespace

TEST_CASE("shape points fold into arcs; ways split only at shared vertices") {
    // Way A: 0-1-2-3 (straight, 300 m), way B: 4-1-5 crosses A at vertex 1.
    // Way C: 6-7 crosses A geometrically between 2 and 3 without a shared
    // vertex (a bridge): no junction there.
    WaySet w = planar({{0, 0}, {100, 0}, {200, 0}, {300, 0}, {100, -100}, {100, 100},
                       {250, -50}, {250, 50}});
    const auto both = WaySet::kForward | WaySet::kBackward;
    w.add_way({0, 1, 2, 3}, 36, both); // 36 km/h = 10 m/s
    w.add_way({4, 1, 5}, 36, both);
    w.add_way({6, 7}, 36, both);
    BuildReport r;
    const RoadGraph g = build_road_graph(w, r);
    // Nodes before the filter: 0,1,3 (A), 4,5 (B), 6,7 (C): vertex 2 folded.
    CHECK(r.nodes_before_scc == 7);
    CHECK(r.arcs_before_scc == 2 * 5);
    CHECK(r.components == 2); // the bridge is not connected
    CHECK(g.node_count() == 5);
    CHECK(g.arc_count() == 8);
    CHECK(r.dropped_nodes == 2);
    CHECK(r.dropped_arcs == 2);
    CHECK(r.length_km == doctest::Approx((300 + 200) / 1000.0)); // two-way roads count once
    // The arc 1 -> 3 is 200 m long with 3 shape points, 20 s.
    bool found = false;
    for (ArcId a = 0; a < g.arc_count(); ++a) {
        if (g.length_m[a] == doctest::Approx(200.0)) {
            found = true;
            CHECK(g.time_ds[a] == 200);
            const auto s = g.arc_shape[a];
            CHECK(g.shape_first[s + 1] - g.shape_first[s] == 3);
        }
    }
    CHECK(found);
    CHECK_NOTHROW(g.validate());
    // Transpose: every arc appears once, entering its head.
    for (NodeId v = 0; v < g.node_count(); ++v)
        for (ArcId k = g.first_in[v]; k < g.first_in[v + 1]; ++k) {
            CHECK(g.head[g.in_arc[k]] == v);
            CHECK(g.arc_tail(g.in_arc[k]) == g.tail[k]);
        }
}

TEST_CASE("one-way ways and the largest strongly connected component") {
    // A two-way square 0-1-2-3 (closed way, so vertex 0 ends it) with a
    // two-way street 1-5 and a one-way spur 1 -> 4 (dead end: dropped). Vertex
    // 0 is a way end but no junction: it is folded into the ring at node 1.
    WaySet w = planar({{0, 0}, {100, 0}, {100, 100}, {0, 100}, {200, 0}, {100, -100}});
    const auto both = WaySet::kForward | WaySet::kBackward;
    w.add_way({0, 1, 2, 3, 0}, 50, both);
    w.add_way({1, 4}, 50, WaySet::kForward);
    w.add_way({1, 5}, 50, both);
    BuildReport r;
    const RoadGraph g = build_road_graph(w, r);
    CHECK(r.nodes_before_scc == 3); // 1 (junction), 4 and 5 (dead ends)
    CHECK(g.node_count() == 2);
    CHECK(g.arc_count() == 4);      // the ring both ways (loops at 1), 1-5 both ways
    CHECK(r.dropped_nodes == 1);
    CHECK(r.dropped_arcs == 1);
    CHECK(r.kept_share() == doctest::Approx(2.0 / 3.0));
    // A one-way ring of three ways stays strongly connected and folds into one
    // loop arc at its junction with a two-way street.
    WaySet ring = planar({{0, 0}, {100, 0}, {100, 100}, {-100, 0}});
    ring.add_way({0, 1}, 36, WaySet::kForward);
    ring.add_way({1, 2}, 36, WaySet::kForward);
    ring.add_way({2, 0}, 36, WaySet::kForward);
    ring.add_way({0, 3}, 36, both);
    BuildReport rr;
    const RoadGraph rg = build_road_graph(ring, rr);
    CHECK(rg.node_count() == 2);
    REQUIRE(rg.arc_count() == 3);
    float longest = 0;
    for (ArcId a = 0; a < rg.arc_count(); ++a) longest = std::max(longest, rg.length_m[a]);
    CHECK(longest == doctest::Approx(200 + 100 * std::sqrt(2.0)));
    // Pieces with different directions are not merged: where a two-way street
    // continues as a one-way street (0 and 1) the node stays; vertex 2 joins
    // two one-way pieces of the same direction and is folded.
    WaySet mixed = planar({{0, 0}, {100, 0}, {200, 0}});
    mixed.add_way({0, 1}, 36, both);
    mixed.add_way({1, 2}, 36, WaySet::kForward);
    mixed.add_way({2, 0}, 36, WaySet::kForward);
    BuildReport rm;
    const RoadGraph mg = build_road_graph(mixed, rm);
    CHECK(mg.node_count() == 2);
    CHECK(mg.arc_count() == 3);
}

TEST_CASE("an empty way set gives an empty graph, not a crash") {
    WaySet w;
    BuildReport r;
    const RoadGraph g = build_road_graph(w, r);
    CHECK(g.node_count() == 0);
    CHECK(g.arc_count() == 0);
    CHECK(g.first_out.size() == 1);
}

TEST_CASE("maxspeed parsing") {
    const CarProfile p = default_car_profile();
    CHECK(parse_maxspeed("50", p) == doctest::Approx(50));
    CHECK(parse_maxspeed(" 70 km/h", p) == doctest::Approx(70));
    CHECK(parse_maxspeed("30 mph", p) == doctest::Approx(48.28032));
    CHECK(parse_maxspeed("FR:urban", p) == doctest::Approx(50));
    CHECK(parse_maxspeed("FR:rural", p) == doctest::Approx(80));
    CHECK(parse_maxspeed("FR:motorway", p) == doctest::Approx(130));
    CHECK_FALSE(parse_maxspeed("none", p));
    CHECK_FALSE(parse_maxspeed("walk", p));
    CHECK_FALSE(parse_maxspeed("50;30", p));
    CHECK_FALSE(parse_maxspeed("50 km", p));
    CHECK_FALSE(parse_maxspeed("0", p));
    CHECK_FALSE(parse_maxspeed("900", p));
    CHECK_FALSE(parse_maxspeed("", p));
    CHECK_FALSE(parse_maxspeed("FR:nowhere", p));
}

TEST_CASE("classify_way applies class, access, oneway and maxspeed") {
    const CarProfile p = default_car_profile();
    const auto both = WaySet::kForward | WaySet::kBackward;
    WayTags t;
    t.highway = "primary";
    auto c = classify_way(t, p);
    CHECK(c.car);
    CHECK(c.direction == both);
    CHECK(c.speed_kmh == doctest::Approx(80 * 0.85));
    t.maxspeed = "FR:urban";
    CHECK(classify_way(t, p).speed_kmh == doctest::Approx(50 * 0.85));
    t.maxspeed = "bogus";
    c = classify_way(t, p);
    CHECK(c.invalid_maxspeed);
    CHECK(c.speed_kmh == doctest::Approx(80 * 0.85));
    t.maxspeed = {};
    t.oneway = "yes";
    CHECK(classify_way(t, p).direction == WaySet::kForward);
    t.oneway = "-1";
    CHECK(classify_way(t, p).direction == WaySet::kBackward);
    t.oneway = "reversible";
    CHECK_FALSE(classify_way(t, p).car);
    CHECK(classify_way(t, p).closed);
    t.oneway = {};
    t.junction = "roundabout";
    CHECK(classify_way(t, p).direction == WaySet::kForward);
    t.junction = {};
    t.access = "private";
    CHECK_FALSE(classify_way(t, p).car);
    t.motor_vehicle = "yes"; // more specific than access
    CHECK(classify_way(t, p).car);
    t = {};
    t.highway = "motorway";
    CHECK(classify_way(t, p).direction == WaySet::kForward);
    t.oneway = "no";
    CHECK(classify_way(t, p).direction == both);
    t = {};
    t.highway = "footway";
    CHECK_FALSE(classify_way(t, p).car);
    t.highway = "residential";
    t.area = "yes";
    CHECK_FALSE(classify_way(t, p).car);
    t.area = {};
    t.construction = "yes";
    CHECK_FALSE(classify_way(t, p).car);
    t = {};
    t.highway = "service";
    t.service = "emergency_access";
    CHECK_FALSE(classify_way(t, p).car);
}

TEST_CASE("[maxspeed] use = false: class speeds only, tagged values neither read nor counted") {
    const CarProfile p = parse_profile("[maxspeed]\nuse = false\n", "classes-only.toml");
    CHECK_FALSE(p.use_maxspeed);
    CHECK(default_car_profile().use_maxspeed);
    WayTags t;
    t.highway = "primary";
    t.maxspeed = "30";
    CHECK(classify_way(t, default_car_profile()).speed_kmh == doctest::Approx(30 * 0.85));
    auto c = classify_way(t, p);
    CHECK(c.speed_kmh == doctest::Approx(80 * 0.85));
    t.maxspeed = "bogus";
    c = classify_way(t, p);
    CHECK_FALSE(c.invalid_maxspeed);
    CHECK(c.speed_kmh == doctest::Approx(80 * 0.85));
    // The shipped class-speeds-only profile is car-fr with the tag ignored.
    const CarProfile f = load_profile(std::string(MAILLAGE_SOURCE_DIR) + "/data/profiles/car-fr-classes-only.toml");
    CHECK_FALSE(f.use_maxspeed);
    CHECK(f.class_speed_kmh == default_car_profile().class_speed_kmh);
    CHECK(f.speed_factor == default_car_profile().speed_factor);
    CHECK_THROWS_WITH_AS(parse_profile("[maxspeed]\nuse = \"no\"\n", "bad.toml"),
                         doctest::Contains("maxspeed.use must be true or false"), InputError);
}

TEST_CASE("data/profiles/car-fr.toml equals the built-in profile") {
    const auto path = std::string(MAILLAGE_SOURCE_DIR) + "/data/profiles/car-fr.toml";
    const CarProfile f = load_profile(path);
    const CarProfile d = default_car_profile();
    CHECK(f.name == d.name);
    CHECK(f.speed_factor == d.speed_factor);
    CHECK(f.class_speed_kmh == d.class_speed_kmh);
    CHECK(f.maxspeed_zone_kmh == d.maxspeed_zone_kmh);
    CHECK(f.maxspeed_min_kmh == d.maxspeed_min_kmh);
    CHECK(f.maxspeed_max_kmh == d.maxspeed_max_kmh);
    CHECK(f.blocked_access == d.blocked_access);
    CHECK(f.excluded_service == d.excluded_service);
    CHECK(f.implied_oneway == d.implied_oneway);
}

TEST_CASE("bad profile files name the file and line") {
    maillage::test::TempDir tmp;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(tmp.file(name)) << text;
        return tmp.file(name);
    };
    auto check_error = [](const std::string& path, const std::string& needle) {
        try {
            load_profile(path);
            FAIL("expected InputError for " << path);
        } catch (const InputError& e) {
            const std::string msg = e.what();
            CHECK(msg.find(path) != std::string::npos);
            CHECK(msg.find(needle) != std::string::npos);
        }
    };
    check_error(write("syntax.toml", "name = \"x\"\n[speed_kmh\n"), "line 2");
    check_error(write("speed.toml", "name = \"x\"\n[speed_kmh]\nprimary = -3\n"), "line 3");
    check_error(write("unknown.toml", "nmae = \"x\"\n"), "unknown key");
    check_error(tmp.file("missing.toml"), "not found");
    const auto ok = write("ok.toml", "name = \"slow\"\nspeed_factor = 1.0\n[speed_kmh]\nprimary = 30\n");
    const CarProfile p = load_profile(ok);
    CHECK(p.name == "slow");
    CHECK(p.class_speed_kmh.size() == 1); // the table replaces the defaults
}

TEST_CASE("OSM builder on a hand-made town") {
    const auto path = maillage::test::fixture("osm/tiny_town.osm");
    const auto built = build_graph_from_osm(path, default_car_profile());
    const auto& r = built.report;
    const auto& g = built.graph;
    CHECK(r.ways_read == 7);
    CHECK(r.ways_kept == 5);    // 100..104; 105 closed, 106 footway
    CHECK(r.ways_closed == 1);
    CHECK(r.invalid_maxspeed == 1);
    REQUIRE(r.invalid_maxspeed_examples.size() == 1);
    CHECK(r.invalid_maxspeed_examples[0] == "fast");
    // 11 is a shape point; 4 joins two two-way pieces only (3-11-4, 4-8) but
    // the speed changes there (42.5 -> 17 km/h): it stays a node.
    CHECK(r.nodes_before_scc == 8); // 1,2,3,4,5,6,7,8
    CHECK(g.node_count() == 5);     // 1,2,3,4,8: 5 is a sink, 6-7 isolated
    CHECK(g.arc_count() == 8);
    CHECK(r.dropped_nodes == 3);
    CHECK(g.source == "tiny_town.osm");
    const std::string text = describe(r);
    CHECK(text.find("5 car ways of 7 read, 1 closed") == 0);
    CHECK(text.find("kept the largest: 5 nodes (62.5 %), 8 arcs") != std::string::npos);
    CHECK(text.find("1 invalid maxspeed values ignored (class speed used), e.g. \"fast\"") != std::string::npos);
    CHECK(g.profile == "car-fr");
    // Nodes carry both Lambert-93 and lon/lat.
    for (NodeId u = 0; u < g.node_count(); ++u) {
        CHECK(g.lon[u] == doctest::Approx(-1.678).epsilon(0.002));
        CHECK(g.x[u] == doctest::Approx(352000).epsilon(0.01)); // Rennes, Lambert-93 x
        CHECK(g.y[u] == doctest::Approx(6789000).epsilon(0.01));
    }
    // Arc 1 -> 2: 0.001 deg of longitude at 48.11 N = 74.3 m at 50 x 0.85 km/h.
    bool found = false;
    for (ArcId a = 0; a < g.arc_count(); ++a) {
        if (std::abs(g.length_m[a] - 74.3) < 0.5) {
            found = true;
            CHECK(g.time_ds[a] == doctest::Approx(74.3 / (42.5 / 3.6) * 10).epsilon(0.02));
        }
    }
    CHECK(found);
}

TEST_CASE("OSM input without car roads, empty, missing or not OSM is an InputError naming the file") {
    auto check_error = [](const std::string& path, const std::string& needle) {
        try {
            build_graph_from_osm(path, default_car_profile());
            FAIL("expected InputError for " << path);
        } catch (const InputError& e) {
            const std::string msg = e.what();
            CHECK(msg.find(path) != std::string::npos);
            CHECK(msg.find(needle) != std::string::npos);
        }
    };
    check_error(maillage::test::fixture("osm/no_car_roads.osm"), "no drivable road");
    check_error(maillage::test::fixture("osm/empty.osm"), "no drivable road");
    check_error(maillage::test::fixture("osm/does_not_exist.osm.pbf"), "not found");
    maillage::test::TempDir tmp;
    const auto garbage = tmp.file("garbage.osm.pbf");
    std::ofstream(garbage) << "this is not a protocol buffer at all, just text\n";
    check_error(garbage, "cannot read OSM data");
}
