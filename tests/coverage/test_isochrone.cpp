#include "core/error.hpp"
#include "coverage/isochrone.hpp"
#include "geo/polygon_ops.hpp"
#include "io/export_fixture.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/length.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <doctest/doctest.h>

#include <numbers>

namespace bg = boost::geometry;
using namespace maillage;

namespace {

// A box well inside the territory's bounding box.
bool inside_box(const geo::MultiPolygon& mp, const geo::Box& box) {
    geo::Box env;
    bg::envelope(mp, env);
    return env.min_corner().x() >= box.min_corner().x() - 1e-6 && env.min_corner().y() >= box.min_corner().y() - 1e-6 &&
           env.max_corner().x() <= box.max_corner().x() + 1e-6 && env.max_corner().y() <= box.max_corner().y() + 1e-6;
}

} // namespace

TEST_CASE("crow-fly radius: speed x time / circuity") {
    CHECK(coverage::crow_fly_radius_m(60, 1800, 1.0) == doctest::Approx(30000));
    CHECK(coverage::crow_fly_radius_m(60, 1800, 1.25) == doctest::Approx(24000));
    CHECK_THROWS_AS(coverage::crow_fly_radius_m(0, 1800, 1.3), GeometryError);
    CHECK_THROWS_AS(coverage::crow_fly_radius_m(60, 1800, 0.8), GeometryError);
}

TEST_CASE("crow-fly isochrone: circle area when unclipped, clipped to the territory, contains its site") {
    const geo::MultiPolygon big{test::rect(0, 0, 100000, 100000)};
    const geo::Point site(50000, 50000);
    const double r = 10000;
    const auto iso = coverage::crow_fly_isochrone(site, r, big, 256);
    const double area = bg::area(iso);
    CHECK(area == doctest::Approx(std::numbers::pi * r * r).epsilon(0.001));
    CHECK(bg::within(site, iso));

    // Near the edge: clipped, inside the territory's box, still holding the site.
    const geo::MultiPolygon small{test::rect(0, 0, 30000, 20000)};
    const geo::Point edge(5000, 5000);
    const auto clipped = coverage::crow_fly_isochrone(edge, r, small, 128);
    // Two sides cut at half the radius: about 62 % of the disc is left.
    CHECK(bg::area(clipped) < 0.68 * std::numbers::pi * r * r);
    CHECK(bg::area(clipped) > 0.58 * std::numbers::pi * r * r);
    CHECK(bg::within(edge, clipped));
    CHECK(inside_box(clipped, geo::Box({0, 0}, {30000, 20000})));
}

TEST_CASE("cut_line keeps the reachable fraction of an arc") {
    const geo::LineString l{{0, 0}, {100, 0}, {100, 300}};
    const auto half = coverage::cut_line(l, 0.5);
    REQUIRE(half.size() == 3);
    CHECK(half.back().x() == doctest::Approx(100));
    CHECK(half.back().y() == doctest::Approx(100));
    CHECK(bg::length(half) == doctest::Approx(200));
    const auto tenth = coverage::cut_line(l, 0.1);
    REQUIRE(tenth.size() == 2);
    CHECK(tenth.back().x() == doctest::Approx(40));
    CHECK(coverage::cut_line(l, 0).size() == 1);
    CHECK(coverage::cut_line(l, 1.5).size() == 3);
}

TEST_CASE("isochrone from arcs: buffered roads, holes where roads do not reach, clipped") {
    // A 10 km square loop of roads from the site at (0, 0), plus a spur
    // reached halfway; the territory cuts the west side.
    geo::MultiLineString arcs{{{0, 0}, {10000, 0}}, {{10000, 0}, {10000, 10000}},
                              {{10000, 10000}, {0, 10000}}, {{0, 10000}, {0, 0}}};
    arcs.push_back(coverage::cut_line(geo::LineString{{10000, 5000}, {20000, 5000}}, 0.5));
    const geo::MultiPolygon territory{test::rect(-100, -5000, 30000, 15000)};
    coverage::ArcIsochroneOptions opt;
    opt.buffer_m = 300;
    const auto iso = coverage::isochrone_from_arcs(arcs, territory, opt);
    REQUIRE(iso.size() == 1);
    CHECK(iso.front().inners().size() == 1); // the middle of the loop is not reached
    CHECK(bg::within(geo::Point(100, 100), iso));
    CHECK_FALSE(bg::within(geo::Point(5000, 5000), iso));
    CHECK(bg::within(geo::Point(14900, 5000), iso));
    CHECK_FALSE(bg::within(geo::Point(15400, 5000), iso));
    CHECK(inside_box(iso, geo::Box({-100, -5000}, {30000, 15000})));
    // Four 10 km x 600 m bands, a 5 km x 600 m spur, minus the 200 m cut on the west.
    const double area = bg::area(iso);
    CHECK(area > 0.95 * (4 * 10000 * 600 + 5000 * 600 - 10600 * 200));
    CHECK(area < 1.05 * (4 * 10000 * 600 + 5000 * 600));

    opt.min_hole_m2 = 100e6; // fill holes under 100 km²
    const auto filled = coverage::isochrone_from_arcs(arcs, territory, opt);
    CHECK(filled.front().inners().empty());
    CHECK(bg::within(geo::Point(5000, 5000), filled));

    CHECK(coverage::isochrone_from_arcs({}, territory, opt).empty());
    opt.buffer_m = 0;
    CHECK_THROWS_AS(coverage::isochrone_from_arcs(arcs, territory, opt), GeometryError);
}

TEST_CASE("covered and uncovered areas partition the territory") {
    const auto fx = test::make_export_fixture();
    const auto& iso = fx.layer("isochrones_30");
    std::vector<geo::MultiPolygon> parts;
    for (const auto& f : iso.features) parts.push_back(f.polygons);
    const auto covered = coverage::covered_area(parts);
    const auto uncovered = coverage::uncovered_area(fx.territory, covered);
    const double territory_area = bg::area(fx.territory);
    CHECK(bg::area(covered) > 0);
    CHECK(bg::area(uncovered) > 0);
    CHECK(bg::area(covered) + bg::area(uncovered) == doctest::Approx(territory_area).epsilon(1e-6));
    CHECK(geo::intersection_area(covered, uncovered) == doctest::Approx(0).epsilon(1e-6));
    // Every site's isochrone holds the site.
    const auto& sites = fx.layer("sites");
    for (std::size_t i = 0; i < sites.features.size(); ++i) CHECK(bg::within(sites.features[i].point, iso.features[i].polygons));
    CHECK(coverage::uncovered_area(fx.territory, {}).size() == fx.territory.size());
}

TEST_CASE("uncovered area: slivers and pieces below 1 m2 are dropped, an area fully covered gives nothing") {
    const geo::MultiPolygon territory{test::rect(0, 0, 1000, 1000)};
    // Covered up to 1e-7 m short of the top edge: a 1e-4 m2 sliver.
    CHECK(coverage::uncovered_area(territory, {test::rect(0, 0, 1000, 1000 - 1e-7)}).empty());
    // 5 m2 but 5 mm wide along the right edge: a sliver by its width.
    CHECK(coverage::uncovered_area(territory, {test::rect(0, 0, 1000 - 0.005, 1000)}).empty());
    // A 0.5 m2 gap between two covered halves (0.5 m x 1 m, at the top).
    const auto halves = coverage::covered_area({geo::MultiPolygon{test::rect(0, 0, 1000, 999)},
                                                geo::MultiPolygon{test::rect(0, 998, 500, 1000)},
                                                geo::MultiPolygon{test::rect(500.5, 998, 1000, 1000)}});
    CHECK(coverage::uncovered_area(territory, halves).empty());
    // A real 10 m x 10 m corner left out stays, with its area.
    const auto corner = coverage::covered_area(
        {geo::MultiPolygon{test::rect(0, 0, 1000, 990)}, geo::MultiPolygon{test::rect(0, 980, 990, 1000)}});
    const auto left = coverage::uncovered_area(territory, corner);
    REQUIRE(left.size() == 1);
    CHECK(bg::area(left) == doctest::Approx(100));
}

TEST_CASE("simplify: fewer vertices, nearly the same area") {
    const geo::MultiPolygon disc{geo::circle(geo::Point(0, 0), 10000, 512)};
    const auto light = geo::simplify(disc, 50);
    REQUIRE(light.size() == 1);
    CHECK(light.front().outer().size() < disc.front().outer().size() / 2);
    CHECK(bg::area(light) == doctest::Approx(bg::area(disc)).epsilon(0.01));
    CHECK(geo::simplify(disc, 0).front().outer().size() == disc.front().outer().size());
}

TEST_CASE("isochrone from arcs: simplified road shapes give nearly the same area") {
    // A wiggly 10 km road: 2,001 vertices, 5 m from a straight line.
    geo::LineString road;
    for (int i = 0; i <= 2000; ++i) road.emplace_back(i * 5.0, (i % 2) ? 5.0 : 0.0);
    const geo::MultiPolygon territory{test::rect(-1000, -1000, 11000, 1000)};
    coverage::ArcIsochroneOptions exact;
    exact.simplify_m = 0;
    coverage::ArcIsochroneOptions light; // default: 25 m
    const auto a = coverage::isochrone_from_arcs({road}, territory, exact);
    const auto b = coverage::isochrone_from_arcs({road}, territory, light);
    CHECK(bg::area(b) == doctest::Approx(bg::area(a)).epsilon(0.01));
    CHECK(bg::area(a) == doctest::Approx(10000 * 605 + std::numbers::pi * 300 * 300).epsilon(0.01));
    std::size_t va = 0, vb = 0;
    for (const auto& p : a) va += p.outer().size();
    for (const auto& p : b) vb += p.outer().size();
    CHECK(vb < va);
}
