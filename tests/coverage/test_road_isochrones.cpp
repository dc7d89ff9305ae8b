// Isochrones on a road network with cached buffers (geo::LineBufferUnion,
// RoadIsochrones): the same area as buffering every reached piece and
// merging them (isochrone_from_arcs), whatever the order of the queries.
#include "../network/helpers.hpp"
#include "support.hpp"

#include "app/run.hpp"
#include "core/error.hpp"
#include "coverage/isochrone.hpp"
#include "coverage/network_isochrone.hpp"
#include "geo/line_buffers.hpp"
#include "geo/polygon_ops.hpp"
#include "io/export_fixture.hpp"
#include "network/osm_graph.hpp"
#include "network/snap.hpp"
#include "network/travel_model.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/distance.hpp>
#include <boost/geometry/strategies/strategies.hpp>
#include <boost/geometry/io/wkt/write.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <utility>

namespace bg = boost::geometry;
using namespace maillage;

namespace {

double area(const geo::MultiPolygon& mp) { return bg::area(mp); }

// Area of the symmetric difference over the area of `a`.
double relative_difference(const geo::MultiPolygon& a, const geo::MultiPolygon& b) {
    const double both = area(geo::difference(a, b)) + area(geo::difference(b, a));
    return both / std::max(area(a), 1.0);
}

std::string exact_text(const geo::MultiPolygon& mp) {
    std::ostringstream s;
    s.precision(17);
    s << bg::wkt(mp);
    return s.str();
}

// Random short roads over a 20 km square, some long ones across it.
std::vector<geo::LineString> random_roads(std::mt19937& rng, std::size_t n) {
    std::uniform_real_distribution<double> xy(0, 20000), step(-600, 600);
    std::vector<geo::LineString> out;
    for (std::size_t i = 0; i < n; ++i) {
        geo::LineString l;
        geo::Point p(xy(rng), xy(rng));
        l.push_back(p);
        const std::size_t points = i % 10 == 0 ? 12 : 3;
        for (std::size_t k = 1; k < points; ++k) {
            p = geo::Point(p.x() + step(rng), p.y() + step(rng));
            l.push_back(p);
        }
        out.push_back(l);
    }
    out.push_back(geo::LineString{geo::Point(100, 100)}); // one point: a disc
    out.push_back(geo::LineString{});                     // empty: nothing
    return out;
}

} // namespace

TEST_CASE("line buffer union: same area as buffering the chosen lines, any query order, cells reused") {
    std::mt19937 rng(7);
    const auto lines = random_roads(rng, 600);
    geo::LineBufferOptions o;
    o.distance = 300;
    o.quadrant_segments = 4;
    o.simplify_tolerance = 25;
    o.cell_size = 1000;
    geo::LineBufferUnion first(lines, o), second(lines, o);
    CHECK(first.size() == lines.size());

    // Queries: everything, nothing but extras, and random subsets of growing density.
    std::vector<std::vector<std::uint8_t>> queries;
    queries.emplace_back(lines.size(), 1);
    for (double density : {0.1, 0.5, 0.9, 0.99}) {
        std::bernoulli_distribution take(density);
        std::vector<std::uint8_t> q(lines.size());
        for (auto& f : q) f = take(rng) ? 1 : 0;
        queries.push_back(q);
    }
    const geo::MultiLineString extra{geo::LineString{geo::Point(25000, 25000), geo::Point(26000, 25000)}};

    std::vector<std::string> forward, backward(queries.size());
    for (const auto& q : queries) {
        geo::MultiLineString chosen = extra;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (q[i] && !lines[i].empty()) chosen.push_back(lines[i]);
        const auto reference = geo::buffer_union(chosen, o.distance, o.quadrant_segments, o.simplify_tolerance);
        const auto cached = first.union_of(q, extra);
        CHECK(relative_difference(reference, cached) < 1e-6);
        forward.push_back(exact_text(cached));
    }
    CHECK(first.cached_cells() > 0);
    // The same queries in the reverse order on a fresh object: the same bytes.
    for (std::size_t k = queries.size(); k-- > 0;) backward[k] = exact_text(second.union_of(queries[k], extra));
    CHECK(forward == backward);
    // Asked again: the same bytes from the cache.
    CHECK(exact_text(first.union_of(queries[2], extra)) == forward[2]);

    CHECK(first.union_of(std::vector<std::uint8_t>(lines.size(), 0), {}).empty());
    CHECK_THROWS_AS(first.union_of(std::vector<std::uint8_t>(3, 1), {}), GeometryError);
    o.distance = 0;
    CHECK_THROWS_AS(geo::LineBufferUnion(lines, o), GeometryError);
}

TEST_CASE("lines within a distance of an area: crossing, near, far, empty") {
    const geo::MultiPolygon area{test::rect(0, 0, 1000, 1000)};
    const std::vector<geo::LineString> lines{
        {geo::Point(-500, 500), geo::Point(1500, 500)},   // crosses, both ends outside the area
        {geo::Point(1200, 0), geo::Point(1200, 1000)},    // 200 m east
        {geo::Point(1400, 0), geo::Point(1400, 1000)},    // 400 m east
        {geo::Point(-3000, -3000), geo::Point(3000, -2000)}, // envelopes overlap, line far
        {},
    };
    CHECK(geo::lines_within(lines, area, 300) == std::vector<std::uint8_t>{1, 1, 0, 0, 0});
    CHECK(geo::lines_within(lines, {}, 300) == std::vector<std::uint8_t>{0, 0, 0, 0, 0});
}

TEST_CASE("reached roads: one search for several cutoffs equals one search per cutoff (Monaco)") {
    MAILLAGE_REQUIRE_ROADS(dir);
    auto built = network::build_graph_from_osm((*dir / "monaco.osm.pbf").string(), network::default_car_profile());
    const network::RoadGraph& g = built.graph;
    const network::Snapper snapper(g);
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> px(-300, 300);
    const std::vector<std::uint32_t> cutoffs{120, 30, 60, 0, 240};
    for (int k = 0; k < 12; ++k) {
        const NodeId n = static_cast<NodeId>(k * 97 % g.node_count());
        const geo::Point site(g.x[n] + px(rng), g.y[n] + px(rng));
        // A slow leg: at 3 km/h the leg alone exceeds the small cutoffs.
        for (double speed : {15.0, 3.0}) {
            const auto all = reached_roads(g, snapper, site, cutoffs, speed, 500);
            REQUIRE(all.size() == cutoffs.size());
            for (std::size_t c = 0; c < cutoffs.size(); ++c) {
                const auto one = reached_roads(g, snapper, site, cutoffs[c], speed, 500);
                CAPTURE(k);
                CAPTURE(cutoffs[c]);
                CHECK(all[c].from_start == one.from_start);
                CHECK(all[c].from_end == one.from_end);
                CHECK(all[c].start_left_ds == one.start_left_ds);
                CHECK(all[c].end_left_ds == one.end_left_ds);
                REQUIRE(all[c].inside.size() == one.inside.size());
                for (std::size_t i = 0; i < one.inside.size(); ++i) {
                    CHECK(all[c].inside[i].shape == one.inside[i].shape);
                    CHECK(all[c].inside[i].from == one.inside[i].from);
                    CHECK(all[c].inside[i].to == one.inside[i].to);
                    CHECK(all[c].inside[i].left_ds == one.inside[i].left_ds);
                }
            }
        }
    }
}

TEST_CASE("road isochrones: Monaco, cached areas equal buffering the reached pieces, clipped") {
    MAILLAGE_REQUIRE_ROADS(dir);
    auto built = network::build_graph_from_osm((*dir / "monaco.osm.pbf").string(), network::default_car_profile());
    const network::RoadGraph& g = built.graph;
    const network::Snapper snapper(g);
    double x0 = g.x[0], x1 = g.x[0], y0 = g.y[0], y1 = g.y[0];
    for (std::size_t i = 0; i < g.x.size(); ++i) {
        x0 = std::min(x0, g.x[i]);
        x1 = std::max(x1, g.x[i]);
        y0 = std::min(y0, g.y[i]);
        y1 = std::max(y1, g.y[i]);
    }
    // The western half only: roads of the eastern half are left out of the unions.
    const geo::MultiPolygon territory{test::rect(x0, y0, (x0 + x1) / 2, y1)};
    coverage::ArcIsochroneOptions ao;
    ao.buffer_m = 100;
    RoadIsochrones cached(g, territory, ao);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> px(x0, x1), py(y0, y1);
    ReachedRoads any;
    std::vector<geo::MultiPolygon> areas;
    for (int k = 0; k < 8; ++k) {
        const geo::Point site(px(rng), py(rng));
        const std::uint32_t cutoff = 30 + 30 * (k % 4);
        const auto reached = reached_roads(g, snapper, site, cutoff, 15, 500);
        const auto pieces = reached_pieces(g, reached);
        std::ostringstream a, b;
        a.precision(17);
        b.precision(17);
        a << bg::wkt(pieces);
        b << bg::wkt(reachable_road_pieces(g, snapper, site, cutoff, 15, 500));
        CHECK(a.str() == b.str());
        const auto reference = coverage::isochrone_from_arcs(pieces, territory, ao);
        const auto area_cached = cached.area(reached);
        CAPTURE(k);
        CHECK(relative_difference(reference, area_cached) < 1e-6);
        if (!reached.empty()) {
            any.merge(reached);
            areas.push_back(area_cached);
        }
    }
    REQUIRE(!areas.empty());
    // The area reached from any site is the union of the sites' areas.
    CHECK(relative_difference(coverage::covered_area(areas), cached.area(any)) < 1e-6);
}

TEST_CASE("site isochrones: the same bytes on one thread and on three, covered area = union of the areas") {
    MAILLAGE_REQUIRE_ROADS(dir);
    auto built = network::build_graph_from_osm((*dir / "monaco.osm.pbf").string(), network::default_car_profile());
    const network::RoadGraph& g = built.graph;
    const network::Snapper snapper(g);
    double x0 = *std::min_element(g.x.begin(), g.x.end()), x1 = *std::max_element(g.x.begin(), g.x.end());
    double y0 = *std::min_element(g.y.begin(), g.y.end()), y1 = *std::max_element(g.y.begin(), g.y.end());
    const geo::MultiPolygon territory{test::rect(x0, y0, x1, y1)};
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> px(x0, x1), py(y0, y1);
    std::vector<geo::Point> sites;
    for (int k = 0; k < 7; ++k) sites.emplace_back(px(rng), py(rng));
    sites.emplace_back(x1 + 50000, y1 + 50000); // beyond the snap limit: nothing reached
    coverage::ArcIsochroneOptions ao;
    ao.buffer_m = 100;
    const std::vector<std::uint32_t> cutoffs{40, 90};
    const auto one = site_isochrones(g, snapper, sites, cutoffs, 15, 500, territory, ao, 1);
    const auto three = site_isochrones(g, snapper, sites, cutoffs, 15, 500, territory, ao, 3);
    REQUIRE(one.areas.size() == 2);
    for (std::size_t c = 0; c < cutoffs.size(); ++c) {
        CHECK(one.areas[c].back().empty());
        std::vector<geo::MultiPolygon> nonempty;
        for (std::size_t s = 0; s < sites.size(); ++s) {
            CHECK(exact_text(one.areas[c][s]) == exact_text(three.areas[c][s]));
            if (!one.areas[c][s].empty()) nonempty.push_back(one.areas[c][s]);
        }
        CHECK(exact_text(one.covered[c]) == exact_text(three.covered[c]));
        REQUIRE(!nonempty.empty());
        CHECK(relative_difference(coverage::covered_area(nonempty), one.covered[c]) < 1e-6);
    }
}

TEST_CASE("tapered lines: the union of the discs along the line, exact where the radius is linear") {
    // A bent line whose radius grows, stays, then shrinks; and a lone point.
    geo::TaperedLine t;
    t.line = {geo::Point(0, 0), geo::Point(3000, 0), geo::Point(4000, 1500), geo::Point(4000, 4000)};
    t.radius = {100, 1000, 1000, 300};
    const geo::TaperedLine dot{{geo::Point(-3000, 3000)}, {700}};
    geo::LineBufferOptions o;
    o.distance = 1000;
    o.quadrant_segments = 4;
    o.max_chord_error = 0.5;
    geo::LineBufferUnion none({}, o);
    const auto got = none.union_of({}, {}, {t, dot});
    // Reference: discs every 5 m along the line, each a fine polygon.
    std::vector<geo::MultiPolygon> discs{{geo::circle(dot.line[0], 700, 720)}};
    for (std::size_t i = 0; i + 1 < t.line.size(); ++i) {
        const auto& p = t.line[i];
        const auto& q = t.line[i + 1];
        const double len = std::hypot(q.x() - p.x(), q.y() - p.y());
        for (double d = 0; d <= len; d += 5) {
            const double f = d / len;
            const geo::Point c(p.x() + f * (q.x() - p.x()), p.y() + f * (q.y() - p.y()));
            discs.push_back({geo::circle(c, t.radius[i] + f * (t.radius[i + 1] - t.radius[i]), 720)});
        }
    }
    const auto reference = coverage::covered_area(discs);
    CHECK(relative_difference(reference, got) < 2e-3);
    CHECK(geo::quadrant_segments_for(300, 0, 4) == 4);
    CHECK(geo::quadrant_segments_for(5000, 25, 4) == 8);
    CHECK(geo::quadrant_segments_for(10, 25, 4) == 4);
    // Many overlapping lines: the parts found inside others are left out,
    // the area stays the union of every line's area, the same whatever the
    // cached lines taken (their discs also prune).
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> xy(0, 8000), rr(300, 3000);
    std::vector<geo::TaperedLine> many;
    std::vector<geo::MultiPolygon> each;
    for (int k = 0; k < 120; ++k) {
        geo::TaperedLine m;
        for (int i = 0; i < 3; ++i) m.line.emplace_back(xy(rng), xy(rng)), m.radius.push_back(rr(rng));
        each.push_back(none.union_of({}, {}, {m}));
        many.push_back(std::move(m));
    }
    const auto merged = none.union_of({}, {}, many);
    CHECK(relative_difference(coverage::covered_area(each), merged) < 1e-9);
    const std::vector<geo::LineString> cached_lines{{geo::Point(4000, 4000), geo::Point(4500, 4200)}};
    geo::LineBufferUnion with_cache(cached_lines, o);
    auto with_line = each;
    with_line.push_back(with_cache.union_of({1}, {}));
    CHECK(relative_difference(coverage::covered_area(with_line), with_cache.union_of({1}, {}, many)) < 1e-9);

    geo::TaperedLine bad = t;
    bad.radius.pop_back();
    CHECK_THROWS_AS(none.union_of({}, {}, {bad}), GeometryError);
    bad = t;
    bad.radius[1] = 0;
    CHECK_THROWS_AS(none.union_of({}, {}, {bad}), GeometryError);
}

namespace {

// A hand-made network with no local streets: a fast road west-east, a slower
// bent road north-south crossing it, and a one-way loop.
network::RoadGraph hand_made_roads() {
    network::WaySet w;
    const std::vector<std::pair<double, double>> pts{
        {0, 10000},     {15000, 10000}, {30000, 10000}, // 0-2: west-east
        {15000, 0},     {16000, 5000},  {15000, 20000}, // 3-5: south-north, bent at 4, through 1
        {25000, 18000},                                 // 6: the loop's far point
    };
    for (auto [x, y] : pts) w.x.push_back(x), w.y.push_back(y);
    const auto both = network::WaySet::kForward | network::WaySet::kBackward;
    w.add_way({0, 1, 2}, 80, both);
    w.add_way({3, 4, 1, 5}, 50, both);
    w.add_way({1, 6, 2}, 30, network::WaySet::kForward);
    network::BuildReport r;
    return network::build_road_graph(w, r);
}

// Every demand point the model puts within the cutoff of a site lies in the
// site's isochrone, up to the polygon's rounding and the time rounding.
void check_model_points_inside(const network::RoadTravelModel& model, const std::vector<network::Place>& sites,
                               const std::vector<network::Place>& demand, const SiteIsochrones& iso,
                               const std::vector<std::uint32_t>& cutoffs_s, double tolerance_m,
                               std::size_t* far_from_road = nullptr) {
    std::vector<geo::Point> roads;
    for (std::size_t c = 0; c < cutoffs_s.size(); ++c) {
        const auto sets = model.coverage(sites, demand, cutoffs_s[c]);
        for (std::size_t s = 0; s < sites.size(); ++s)
            for (auto k = sets.first[s]; k < sets.first[s + 1]; ++k) {
                const auto& p = demand[sets.demand[k]];
                const double off = bg::distance(p.xy, iso.areas[c][s]);
                CAPTURE(p.id);
                CAPTURE(sites[s].id);
                CAPTURE(cutoffs_s[c]);
                CAPTURE(sets.time_s[k]);
                CHECK(off <= tolerance_m);
                if (far_from_road && model.snapper().snap(p.xy).distance_m > 400) ++*far_from_road;
            }
        const auto nearest = model.nearest(sites, demand);
        for (std::size_t d = 0; d < demand.size(); ++d)
            if (nearest.time_s[d] <= cutoffs_s[c]) {
                CAPTURE(demand[d].id);
                CHECK(bg::distance(demand[d].xy, iso.covered[c]) <= tolerance_m);
            }
    }
}

} // namespace

TEST_CASE("road isochrones with access legs: every point the model puts within the time is inside") {
    network::RoadModelOptions mo;
    mo.offroad_speed_kmh = 30;
    mo.access_circuity = 1.3;
    mo.max_snap_m = 5000;
    const network::RoadTravelModel model(hand_made_roads(), mo);
    const geo::MultiPolygon territory{test::rect(-5000, -5000, 35000, 25000)};
    std::vector<network::Place> sites, demand;
    // Off the fast road, on the bent road, and on the one-way loop.
    for (auto [x, y] : {std::pair{8000.0, 10800.0}, std::pair{15700.0, 3000.0}, std::pair{20000.0, 14000.0}})
        sites.push_back({geo::Point(x, y), {}, "site " + std::to_string(sites.size())});
    for (double x = -3000; x <= 33000; x += 400)
        for (double y = -3000; y <= 23000; y += 400)
            demand.push_back({geo::Point(x, y), {}, std::to_string(x) + " " + std::to_string(y)});
    const std::vector<std::uint32_t> cutoffs{300, 600, 900};
    std::vector<geo::Point> points;
    for (const auto& s : sites) points.push_back(s.xy);
    const auto iso = model_isochrones(model, points, cutoffs, territory);
    // Rounding: chords at most 25 m inside the circles (the simplification
    // tolerance), and reported times rounded to the second (at most 0.5 s of
    // a leg at 30 / 1.3 km/h: 3.3 m).
    std::size_t far = 0;
    check_model_points_inside(model, sites, demand, iso, cutoffs, 25 + 3.5, &far);
    CHECK(far > 100); // the test is not empty: many such points lie far beyond the old 300 m

    // The width grows with the time left, up to the snap limit: nothing
    // farther than 5 km (plus the simplification of cached roads) from a road.
    const auto roads_5km = geo::buffer_union(reached_pieces(model.graph(), reached_roads(model.graph(), model.snapper(), points[0], 900, 30 / 1.3, 5000)), 5030, 16, 0);
    CHECK(area(geo::difference(iso.areas[2][0], roads_5km)) < 1e-6 * area(iso.areas[2][0]));

    // The same bytes on one thread and on two.
    coverage::ArcIsochroneOptions ao;
    ao.access_speed_ms = 30 / 3.6 / 1.3;
    ao.access_max_m = 5000;
    const auto one = site_isochrones(model.graph(), model.snapper(), points, cutoffs, 30 / 1.3, 5000, territory, ao, 1);
    const auto two = site_isochrones(model.graph(), model.snapper(), points, cutoffs, 30 / 1.3, 5000, territory, ao, 2);
    for (std::size_t c = 0; c < cutoffs.size(); ++c) {
        CHECK(exact_text(one.covered[c]) == exact_text(two.covered[c]));
        CHECK(exact_text(one.covered[c]) == exact_text(iso.covered[c]));
        for (std::size_t s = 0; s < sites.size(); ++s) CHECK(exact_text(one.areas[c][s]) == exact_text(two.areas[c][s]));
    }
}

TEST_CASE("road isochrones: a network with its local streets (access circuity 1) keeps the fixed width") {
    network::RoadModelOptions mo;
    mo.offroad_speed_kmh = 15;
    mo.max_snap_m = 2000;
    const network::RoadTravelModel model(hand_made_roads(), mo);
    const geo::MultiPolygon territory{test::rect(-5000, -5000, 35000, 25000)};
    const std::vector<geo::Point> points{geo::Point(8000, 10100)};
    const std::vector<std::uint32_t> cutoffs{600};
    const auto iso = model_isochrones(model, points, cutoffs, territory);
    const auto fixed = site_isochrones(model.graph(), model.snapper(), points, cutoffs, 15, 2000, territory, {}, 1);
    CHECK(exact_text(iso.areas[0][0]) == exact_text(fixed.areas[0][0]));
    CHECK(exact_text(iso.covered[0]) == exact_text(fixed.covered[0]));
}

TEST_CASE("real: road isochrones of 35 hold every town hall the model puts within 30 minutes") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto roads = test::real_data_dir() / "roads";
    if (!std::filesystem::exists(roads / "travelmapping-dep35-margin40km.gpkg") ||
        !std::filesystem::exists(roads / "rennes_2013_osm_streets.geojson")) {
        std::printf("[maillage-skip] road files of 35 not found\n");
        return;
    }
    const auto run = app::prepare_run(
        load_scenario((test::source_dir() / "data" / "ille-et-vilaine-roads.toml").string()), LoadOptions{});
    const auto* model = dynamic_cast<const network::RoadTravelModel*>(run.travel.model.get());
    REQUIRE(model);
    REQUIRE(model->options().access_circuity > 1);
    const auto sit = app::evaluate_at(run, Date{2021, 7, 1}, "2021");
    std::vector<network::Place> sites, demand;
    std::vector<geo::Point> points;
    for (const auto& p : sit.services.points) {
        sites.push_back({p.xy, p.lonlat, p.id});
        points.push_back(p.xy);
    }
    std::vector<const geo::MultiPolygon*> parts;
    for (const auto& c : run.territory.cantons) parts.push_back(&c.area);
    const geo::MultiPolygon territory = geo::union_all(parts);
    // Town halls outside the cantons' polygons (boundaries of other
    // vintages) cannot lie in an area clipped to them: left out.
    std::size_t outside = 0;
    for (const auto& d : run.demand.points) {
        if (bg::distance(d.xy, territory) > 0) {
            ++outside;
            continue;
        }
        demand.push_back({d.xy, d.lonlat, d.id});
    }
    CHECK(outside <= 3);
    const std::vector<std::uint32_t> cutoffs{1800};
    const auto iso = model_isochrones(*model, points, cutoffs, territory);
    const double leg_ms = model->options().offroad_speed_kmh / 3.6 / model->options().access_circuity;
    std::size_t far = 0;
    check_model_points_inside(*model, sites, demand, iso, cutoffs, 25 + 0.5 * leg_ms + 0.1, &far);
    CHECK(far > 0);
}
