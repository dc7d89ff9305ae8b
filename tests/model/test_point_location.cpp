// Territory::commune_at / canton_at (envelope R-tree + exact test) against a
// linear scan of every polygon in order, the rule they replaced: seeded random
// points, polygon vertices and edge midpoints (shared borders: the lowest
// index wins), on the tiny territory and on the real communes.

#include "../support/fixtures.hpp"
#include "support.hpp"

#include "io/scenario.hpp"
#include "io/territory_loader.hpp"

#include <boost/geometry.hpp>
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace maillage;
namespace bg = boost::geometry;

namespace {

template <class Area>
std::uint32_t linear_scan(const std::vector<Area>& areas, const geo::Point& p) {
    for (std::uint32_t i = 0; i < areas.size(); ++i)
        if (bg::covered_by(p, areas[i].bbox) && bg::covered_by(p, areas[i].area)) return i;
    return kInvalid;
}

// Random points over the territory's envelope (with a margin outside), then
// every polygon vertex and edge midpoint of the first `border_areas` areas.
template <class Area>
std::vector<geo::Point> probe_points(const std::vector<Area>& areas, std::size_t random_count,
                                     std::size_t border_areas, unsigned seed) {
    geo::Box all;
    bg::assign_inverse(all);
    for (const auto& a : areas) bg::expand(all, a.bbox);
    const double dx = all.max_corner().x() - all.min_corner().x();
    const double dy = all.max_corner().y() - all.min_corner().y();
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> ux(all.min_corner().x() - 0.05 * dx, all.max_corner().x() + 0.05 * dx);
    std::uniform_real_distribution<double> uy(all.min_corner().y() - 0.05 * dy, all.max_corner().y() + 0.05 * dy);
    std::vector<geo::Point> points;
    for (std::size_t i = 0; i < random_count; ++i) points.emplace_back(ux(rng), uy(rng));
    for (std::size_t k = 0; k < areas.size() && k < border_areas; ++k)
        for (const auto& poly : areas[k].area) {
            const auto& ring = poly.outer();
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                points.push_back(ring[i]);
                points.emplace_back((ring[i].x() + ring[i + 1].x()) / 2, (ring[i].y() + ring[i + 1].y()) / 2);
            }
        }
    return points;
}

// Every probe point: the indexed lookup equals the scan, and so does the
// lookup on a copy of the territory (which builds its own index). Returns how many probes fell in some area.
template <class Area, class Lookup, class CopyLookup>
std::size_t check_areas(const std::vector<Area>& areas, Lookup lookup, CopyLookup copy_lookup,
                        std::size_t random_count, std::size_t border_areas, unsigned seed) {
    std::size_t found = 0;
    for (const auto& p : probe_points(areas, random_count, border_areas, seed)) {
        const auto expected = linear_scan(areas, p);
        const auto got = lookup(p);
        if (got != expected) {
            CAPTURE(p.x());
            CAPTURE(p.y());
            REQUIRE(got == expected);
        }
        CHECK(copy_lookup(p) == got);
        found += got != kInvalid;
    }
    return found;
}

void check_same_as_scan(const Territory& t, std::size_t random_count, std::size_t border_areas) {
    const Territory copy = t;
    const auto communes_found = check_areas(
        t.communes, [&](const geo::Point& p) { return t.commune_at(p); },
        [&](const geo::Point& p) { return copy.commune_at(p); }, random_count, border_areas, 20240601);
    const auto cantons_found = check_areas(
        t.cantons, [&](const geo::Point& p) { return t.canton_at(p); },
        [&](const geo::Point& p) { return copy.canton_at(p); }, random_count, border_areas, 20240602);
    // The probes hit the polygons as well as the gaps around them.
    CHECK(communes_found > 0);
    CHECK(cantons_found > 0);
}

geo::MultiPolygon square(double x0, double y0, double size) {
    geo::MultiPolygon mp;
    mp.resize(1);
    bg::read_wkt("POLYGON((" + std::to_string(x0) + " " + std::to_string(y0) + "," + std::to_string(x0) + " " +
                     std::to_string(y0 + size) + "," + std::to_string(x0 + size) + " " +
                     std::to_string(y0 + size) + "," + std::to_string(x0 + size) + " " + std::to_string(y0) +
                     "," + std::to_string(x0) + " " + std::to_string(y0) + "))",
                 mp[0]);
    return mp;
}

Commune commune(const std::string& code, geo::MultiPolygon area) {
    Commune c;
    c.code = code;
    c.area = std::move(area);
    bg::envelope(c.area, c.bbox);
    return c;
}

} // namespace

TEST_CASE("point location: a point on a shared border goes to the lowest index, as the scan did") {
    Territory t;
    t.communes.push_back(commune("B", square(10, 0, 10))); // index 0, east
    t.communes.push_back(commune("A", square(0, 0, 10)));  // index 1, west
    CHECK(t.commune_at(geo::Point(10, 5)) == 0);           // on the shared edge
    CHECK(t.commune_at(geo::Point(10, 0)) == 0);           // shared corner
    CHECK(t.commune_at(geo::Point(5, 5)) == 1);
    CHECK(t.commune_at(geo::Point(0, 0)) == 1);            // own corner, boundary included
    CHECK(t.commune_at(geo::Point(25, 5)) == kInvalid);
    CHECK(t.commune_at(geo::Point(-1e-9, 5)) == kInvalid);
    CHECK(t.canton_at(geo::Point(5, 5)) == kInvalid); // no cantons at all

    // A copy shares the index; adding a commune makes it stale (ignored).
    Territory copy = t;
    copy.communes.push_back(commune("C", square(20, 0, 10)));
    CHECK(copy.commune_at(geo::Point(25, 5)) == 2);
    CHECK(t.commune_at(geo::Point(25, 5)) == kInvalid);
    // Editing polygons in place needs build_index().
    copy.communes[2] = commune("C", square(30, 0, 10));
    copy.build_index();
    CHECK(copy.commune_at(geo::Point(25, 5)) == kInvalid);
    CHECK(copy.commune_at(geo::Point(35, 5)) == 2);
}

TEST_CASE("point location: indexed lookup equals the linear scan on the tiny territory") {
    const auto scenario = load_scenario(maillage::test::tiny("tiny.toml"));
    LoadReport report;
    const Territory t = load_territory(scenario, report);
    REQUIRE(t.communes.size() > 1);
    check_same_as_scan(t, 20000, t.communes.size());
}

TEST_CASE("real: indexed lookup equals the linear scan on the Ille-et-Vilaine communes and cantons") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    LoadReport report;
    const Territory t = load_territory(scenario, report);
    REQUIRE(t.communes.size() == 333);
    // Every vertex of 40 communes (shared borders with their neighbours) and
    // 20,000 random points.
    check_same_as_scan(t, 20000, 40);
}
