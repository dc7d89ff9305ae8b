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
