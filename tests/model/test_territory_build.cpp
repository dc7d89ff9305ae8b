// Territory geometry (model/territory_build): commune areas dissolved from
// their parts, area shares of communes in the canton polygons.

#include "model/territory_build.hpp"

#include <boost/geometry.hpp>
#include <doctest/doctest.h>

using namespace maillage;
namespace bg = boost::geometry;

namespace {

geo::MultiPolygon rect(double x0, double y0, double x1, double y1) {
    geo::MultiPolygon mp;
    bg::read_wkt("MULTIPOLYGON(((" + std::to_string(x0) + " " + std::to_string(y0) + "," + std::to_string(x0) + " " +
                     std::to_string(y1) + "," + std::to_string(x1) + " " + std::to_string(y1) + "," +
                     std::to_string(x1) + " " + std::to_string(y0) + "," + std::to_string(x0) + " " +
                     std::to_string(y0) + ")))",
                 mp);
    bg::correct(mp);
    return mp;
}

std::vector<Canton> two_cantons() {
    std::vector<Canton> cantons(2);
    set_area(cantons[0], rect(0, 0, 10, 10));
    set_area(cantons[1], rect(10, 0, 20, 10));
    return cantons;
}

Commune commune(double x0, double x1) {
    Commune c;
    std::vector<geo::MultiPolygon> parts;
    parts.push_back(rect(x0, 0, x1, 10));
    set_area(c, std::move(parts));
    return c;
}

} // namespace

TEST_CASE("territory build: a commune's area is the union of its parts, with envelope, area and centroid") {
    Commune c;
    std::vector<geo::MultiPolygon> parts;
    parts.push_back(rect(0, 0, 10, 10));
    parts.push_back(rect(10, 0, 30, 10));
    set_area(c, std::move(parts));
    CHECK(c.area_m2 == doctest::Approx(300));
    CHECK(c.centroid.x() == doctest::Approx(15));
    CHECK(c.centroid.y() == doctest::Approx(5));
    CHECK(c.bbox.max_corner().x() == doctest::Approx(30));
}

TEST_CASE("territory build: a split commune is shared by area, slivers under kMinCantonShare are dropped") {
    const auto cantons = two_cantons();
    Commune split = commune(5, 19); // 50 in canton 0, 90 in canton 1
    place_by_polygons(split, cantons);
    CHECK(split.canton_source == "polygons");
    REQUIRE(split.cantons == std::vector<CantonId>{0, 1});
    CHECK(split.canton_share[0] == doctest::Approx(50.0 / 140));
    CHECK(split.canton_share[1] == doctest::Approx(90.0 / 140));

    Commune sliver = commune(1, 10.1); // 90 in canton 0, 1 in canton 1 (1.1 %)
    place_by_polygons(sliver, cantons);
    CHECK(sliver.cantons == std::vector<CantonId>{0});
    CHECK(sliver.canton_share == std::vector<double>{1.0});

    Commune away = commune(50, 60);
    place_by_polygons(away, cantons);
    CHECK(away.cantons.empty());
    CHECK(area_in_canton(away, cantons[0]) == 0);
    CHECK(largest_overlap(away, cantons).canton == kInvalid);
}

TEST_CASE("territory build: the canton a table gives, checked against the polygons") {
    const auto cantons = two_cantons();
    Commune c = commune(5, 19);
    place_in_canton(c, 0);
    CHECK(c.cantons == std::vector<CantonId>{0});
    CHECK(c.canton_share == std::vector<double>{1.0});
    CHECK(c.canton_source == "table");
    CHECK(area_in_canton(c, cantons[0]) == doctest::Approx(50));
    const auto most = largest_overlap(c, cantons);
    CHECK(most.canton == 1);
    CHECK(most.area == doctest::Approx(90));
}

TEST_CASE("split communes shared by the cantons' official populations (issue 18, defect 9)") {
    // Canton 0: commune A (100) whole + 70 % of S's area; canton 1: B (50) +
    // 30 % of S. Official populations 300 and 150: rests 200 and 100.
    Territory t;
    t.cantons = two_cantons();
    t.communes = {commune(0, 3), commune(17, 20), commune(3, 17)};
    t.communes[0].population = 100;
    place_in_canton(t.communes[0], 0);
    t.communes[1].population = 50;
    place_in_canton(t.communes[1], 1);
    t.communes[2].population = 300;
    place_by_polygons(t.communes[2], t.cantons);
    REQUIRE(t.communes[2].canton_share.size() == 2);
    CHECK(t.communes[2].canton_share[0] == doctest::Approx(0.5)); // by area: 7 of 14 on each side
    // Without official populations nothing changes and S is returned.
    CHECK(share_split_by_official(t) == std::vector<CommuneId>{2});
    CHECK(t.communes[2].share_rule == ShareRule::area);
    t.cantons[0].official_population = 300;
    t.cantons[1].official_population = 150;
    CHECK(share_split_by_official(t).empty());
    CHECK(t.communes[2].share_rule == ShareRule::official);
    CHECK(t.communes[2].canton_share[0] == doctest::Approx(2.0 / 3));
    CHECK(t.communes[2].canton_share[1] == doctest::Approx(1.0 / 3));
    // A canton holding parts of two split communes cannot tell them apart.
    Territory u = t;
    u.communes.push_back(commune(8, 12));
    u.communes.back().population = 10;
    place_by_polygons(u.communes.back(), u.cantons);
    const auto kept = share_split_by_official(u);
    CHECK(kept == std::vector<CommuneId>{2, 3});
}

TEST_CASE("split communes shared by the demand points located in their cantons (issue 18, defect 9)") {
    Territory t;
    t.cantons = two_cantons();
    t.communes = {commune(0, 20)};
    t.communes[0].population = 1000;
    place_by_polygons(t.communes[0], t.cantons);
    // 900 residents located in canton 1, 100 in canton 0, 50 not located.
    const std::size_t changed =
        share_split_by_points(t, {0, 0, 0, 0}, {1, 0, 1, kInvalid}, {400, 100, 500, 50});
    CHECK(changed == 1);
    CHECK(t.communes[0].share_rule == ShareRule::demand);
    CHECK(t.communes[0].canton_share[0] == doctest::Approx(0.1));
    CHECK(t.communes[0].canton_share[1] == doctest::Approx(0.9));
    // Commune demand (nothing located) changes nothing.
    Territory u;
    u.cantons = two_cantons();
    u.communes = {commune(0, 20)};
    place_by_polygons(u.communes[0], u.cantons);
    CHECK(share_split_by_points(u, {0}, {kInvalid}, {1000}) == 0);
    CHECK(u.communes[0].share_rule == ShareRule::area);
}
