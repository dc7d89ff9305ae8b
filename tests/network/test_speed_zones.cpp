// Slower speeds inside built-up zones (network/speed_zones.hpp) and the
// [built_up] section of line-layer profiles.
#include "helpers.hpp"

#include "core/error.hpp"
#include "io/export_fixture.hpp"
#include "network/line_profile.hpp"
#include "network/speed_zones.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace maillage;
using namespace maillage::network;

namespace {

// Two-way road (0,0) -> (2000,0) at 72 km/h (20 m/s: 100 s) and a one-way
// road (0,1000) -> (2000,1000) at 108 km/h (30 m/s: 66.7 s).
RoadGraph two_roads() {
    WaySet w;
    w.x = {0, 2000, 0, 2000};
    w.y = {0, 0, 1000, 1000};
    w.add_way({0, 1}, 72, WaySet::kForward | WaySet::kBackward);
    w.add_way({2, 3}, 108, WaySet::kForward);
    BuildReport r;
    return build_road_graph(std::move(w), r, false);
}

TimeDs time_between(const RoadGraph& g, double x0, double y0) {
    for (std::uint32_t a = 0; a < g.arc_count(); ++a)
        if (g.x[g.arc_tail(a)] == x0 && g.y[g.arc_tail(a)] == y0) return g.time_ds[a];
    return 0;
}

} // namespace

TEST_CASE("speed zones: the part of a road inside a zone runs at the cap, both directions, faster roads spared") {
    RoadGraph g = two_roads();
    REQUIRE(time_between(g, 0, 0) == 1000);
    REQUIRE(time_between(g, 2000, 0) == 1000);
    REQUIRE(time_between(g, 0, 1000) == 667);
    // A zone over x in [500, 1500] and both roads: half of each road inside.
    const std::vector<SpeedZone> zones{{geo::MultiPolygon{test::rect(500, -100, 1500, 1100)}, 36}};
    SpeedZoneScope scope;
    scope.only_below_kmh = 100; // the 108 km/h road bypasses towns
    const auto rep = cap_speeds_in_zones(g, zones, scope);
    // 1000 m at 20 m/s (50 s) + 1000 m at 10 m/s (100 s) = 150 s.
    CHECK(time_between(g, 0, 0) == 1500);
    CHECK(time_between(g, 2000, 0) == 1500);
    CHECK(time_between(g, 0, 1000) == 667);
    CHECK(rep.arcs_slowed == 2);
    CHECK(rep.seconds_added == doctest::Approx(100));
    // The incoming-arc copy follows.
    for (std::size_t i = 0; i < g.in_arc.size(); ++i) CHECK(g.in_time_ds[i] == g.time_ds[g.in_arc[i]]);

    // Without the speed limit of the scope, the fast road is slowed too: 1000 m
    // at 30 m/s + 1000 m at 10 m/s = 133.3 s (133.4 from the rounded 66.7 s).
    RoadGraph h = two_roads();
    cap_speeds_in_zones(h, zones, SpeedZoneScope{});
    CHECK(time_between(h, 0, 1000) == 1334);
    // A cap above the road's speed changes nothing; another layer is left alone.
    RoadGraph k = two_roads();
    CHECK(cap_speeds_in_zones(k, {{zones[0].area, 200}}, SpeedZoneScope{}).arcs_slowed == 0);
    SpeedZoneScope other;
    other.layer = 1;
    CHECK(cap_speeds_in_zones(k, zones, other).arcs_slowed == 0);
    CHECK(time_between(k, 0, 0) == 1000);
    CHECK_THROWS_AS(cap_speeds_in_zones(k, {{zones[0].area, 0}}, SpeedZoneScope{}), GeometryError);
}

TEST_CASE("line profile [built_up]: caps sorted densest first, bad values named with the line") {
    const std::string head = "name = \"t\"\nkind = \"class_table\"\nclass_field = \"c\"\n[class_speed_kmh]\nD = 68\n";
    const auto p = parse_line_profile(
        head + "[built_up]\nonly_below_kmh = 75\ncaps = [ { min_density = 250, max_kmh = 55 }, "
               "{ min_density = 1000, max_kmh = 40 } ]\n",
        "t.toml");
    REQUIRE(p.built_up.size() == 2);
    CHECK(p.built_up[0].min_density == 1000);
    CHECK(p.built_up[0].max_kmh == 40);
    CHECK(p.built_up[1].min_density == 250);
    CHECK(p.built_up_below_kmh == 75);
    CHECK(parse_line_profile(head, "t.toml").built_up.empty());
    auto message = [&](const std::string& tail) {
        try {
            parse_line_profile(head + tail, "t.toml");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("[built_up]\ncaps = [ { min_density = 250 } ]\n").find("t.toml: line 7: each of built_up.caps must be") !=
          std::string::npos);
    CHECK(message("[built_up]\ncaps = [ { min_density = 250, max_kmh = 0 } ]\n").find("built_up.caps.max_kmh must be") !=
          std::string::npos);
    CHECK(message("[built_up]\nspeed = 3\n").find("unknown key built_up.speed") != std::string::npos);
}
