// Snapping, nearest sites and coverage sets on hand-built graphs; crow-fly.
#include "helpers.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"
#include "network/dijkstra.hpp"
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

std::string label(const char* prefix, int i) {
    std::string s(prefix);
    s += std::to_string(i);
    return s;
}

/// A query with faster_than keeps exactly the pairs of `all` strictly
/// faster; max_pairs stores that many, counts the rest, and says so.
void check_query_filters(const TravelModel& model, const std::vector<Place>& sites, const std::vector<Place>& demand,
                         const CoverageSets& all, std::uint32_t cutoff_s, std::mt19937& rng) {
    std::vector<std::uint32_t> faster(demand.size());
    for (auto& f : faster) f = rng() % 4 == 0 ? 0 : rng() % 5 == 0 ? kUnreachable : std::uint32_t(rng() % 400);
    CoverageQuery q;
    q.cutoff_s = cutoff_s;
    q.faster_than = &faster;
    const CoverageSets kept = model.coverage(sites, demand, q);
    CHECK(kept.complete);
    std::size_t expected_pairs = 0;
    for (std::uint32_t s = 0; s < sites.size(); ++s) {
        std::vector<std::pair<DemandId, std::uint32_t>> expected, got;
        for (auto e = all.first[s]; e < all.first[s + 1]; ++e)
            if (all.time_s[e] < faster[all.demand[e]]) expected.emplace_back(all.demand[e], all.time_s[e]);
        for (auto e = kept.first[s]; e < kept.first[s + 1]; ++e) got.emplace_back(kept.demand[e], kept.time_s[e]);
        CHECK(got == expected);
        expected_pairs += expected.size();
    }
    CHECK(kept.pairs_found == expected_pairs);
    REQUIRE(expected_pairs > 10);
    q.max_pairs = expected_pairs / 2;
    const CoverageSets cut = model.coverage(sites, demand, q);
    CHECK(!cut.complete);
    CHECK(cut.pairs_found == expected_pairs);
    CHECK(cut.demand.size() == expected_pairs / 2);
    q.max_pairs = expected_pairs;
    CHECK(model.coverage(sites, demand, q).complete);
    std::vector<std::uint32_t> short_list(demand.size() + 1, 0);
    q.faster_than = &short_list;
    CHECK_THROWS_AS(model.coverage(sites, demand, q), std::invalid_argument);
}


/// 0 --- 1 --- 2      two-way x axis, 10 m/s (36 km/h), 500 m pieces
///       |     |      1-3 two-way; 2 -> 4 -> 3 one-way
///       3 <-- 4
RoadGraph hand_graph() {
    WaySet w;
    for (auto [x, y] : std::vector<std::pair<double, double>>{
             {0, 0}, {500, 0}, {1000, 0}, {500, 500}, {1000, 500}})
        w.x.push_back(x), w.y.push_back(y);
    const auto both = WaySet::kForward | WaySet::kBackward;
    w.add_way({0, 1, 2}, 36, both);
    w.add_way({1, 3}, 36, both);
    w.add_way({2, 4, 3}, 36, WaySet::kForward);
    BuildReport r;
    RoadGraph g = build_road_graph(w, r);
    g.source = "hand";
    g.profile = "test";
    return g;
}

} // namespace

TEST_CASE("snapping finds the nearest segment, not the nearest node") {
    const RoadGraph g = hand_graph();
    const Snapper snapper(g);
    const Snap s = snapper.snap(geo::Point(250, 30));
    REQUIRE(s.shape != kInvalid);
    CHECK(s.distance_m == doctest::Approx(30));
    CHECK(s.point.x() == doctest::Approx(250));
    CHECK(s.point.y() == doctest::Approx(0));
    // On the bent one-way 2 -> 4 -> 3 (1000 m long), 3/4 of the way along.
    const Snap t = snapper.snap(geo::Point(740, 520));
    CHECK(t.distance_m == doctest::Approx(20));
    CHECK(t.fraction == doctest::Approx(0.76));
    CHECK(g.shape_forward_arc[t.shape] != kInvalid);
    CHECK(g.shape_backward_arc[t.shape] == kInvalid);
}

TEST_CASE("packed snapping index returns the segment a brute-force scan finds") {
    // Random shapes (2 to 6 points, some zero-length segments, every tenth a
    // copy of the one before) and random points, some far outside the shapes' extent.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> coord(0, 5000), step(-80, 80), unit(0, 1);
    RoadGraph g;
    g.shape_first.assign(1, 0);
    for (int s = 0; s < 800; ++s) {
        if (s % 10 == 9) { // a copy of the previous shape: equal distances, lowest segment wins
            const auto b = g.shape_first[g.shape_first.size() - 2], e = g.shape_first.back();
            for (auto k = b; k < e; ++k) g.shape_x.push_back(g.shape_x[k]), g.shape_y.push_back(g.shape_y[k]);
            g.shape_first.push_back(static_cast<std::uint32_t>(g.shape_x.size()));
            continue;
        }
        double x = coord(rng), y = coord(rng);
        const int points = 2 + int(unit(rng) * 5);
        for (int i = 0; i < points; ++i) {
            g.shape_x.push_back(x), g.shape_y.push_back(y);
            if (unit(rng) > 0.1) x += step(rng), y += step(rng); // else a zero-length segment
        }
        g.shape_first.push_back(static_cast<std::uint32_t>(g.shape_x.size()));
    }
    g.shape_forward_arc.assign(g.shape_first.size() - 1, 0);
    g.shape_backward_arc.assign(g.shape_first.size() - 1, kInvalid);
    const Snapper snapper(g);

    std::uniform_real_distribution<double> anywhere(-2000, 7000);
    for (int q = 0; q < 3000; ++q) {
        const geo::Point p(anywhere(rng), anywhere(rng));
        // Brute force: every segment, same tie-break (lowest segment index).
        double best_d = std::numeric_limits<double>::infinity(), best_t = 0;
        std::uint32_t best_k = kInvalid, best_s = kInvalid;
        for (std::uint32_t s = 0; s + 1 < g.shape_first.size(); ++s) {
            for (auto k = g.shape_first[s]; k + 1 < g.shape_first[s + 1]; ++k) {
                const double ax = g.shape_x[k], ay = g.shape_y[k];
                const double dx = g.shape_x[k + 1] - ax, dy = g.shape_y[k + 1] - ay;
                const double len2 = dx * dx + dy * dy;
                const double t = std::clamp(len2 > 0 ? ((p.x() - ax) * dx + (p.y() - ay) * dy) / len2 : 0, 0.0, 1.0);
                const double d = std::hypot(p.x() - (ax + t * dx), p.y() - (ay + t * dy));
                if (d < best_d) best_d = d, best_k = k, best_s = s, best_t = t;
            }
        }
        double along = 0, along_k = 0, along_next = 0;
        for (auto k = g.shape_first[best_s]; k < g.shape_first[best_s + 1]; ++k) {
            if (k > g.shape_first[best_s])
                along += std::hypot(g.shape_x[k] - g.shape_x[k - 1], g.shape_y[k] - g.shape_y[k - 1]);
            if (k == best_k) along_k = along;
            if (k == best_k + 1) along_next = along;
        }
        const double fraction =
            along > 0 ? std::clamp((along_k + best_t * (along_next - along_k)) / along, 0.0, 1.0) : 0.0;

        const Snap got = snapper.snap(p);
        INFO("query ", q, " at ", p.x(), " ", p.y());
        REQUIRE(got.shape == best_s);
        CHECK(got.distance_m == best_d);
        CHECK(got.fraction == fraction);
    }
}

TEST_CASE("road model: the access circuity lengthens the access leg, and is checked") {
    RoadModelOptions options;
    options.offroad_speed_kmh = 30;
    options.max_snap_m = 1000;
    options.access_circuity = 1.3;
    const RoadTravelModel model(hand_graph(), options);
    CHECK(model.describe().find("access legs: distance x 1.3 at 30 km/h") != std::string::npos);
    // 300 m off the road at x = 1000 (the site itself): 300 x 1.3 / (30 / 3.6) = 46.8 s.
    const NearestSites ns = model.nearest({at(1000, 0, "site")}, {at(1000, -300, "d")});
    CHECK(ns.time_s[0] == 47);
    // Circuity 1 (the default): 36 s.
    options.access_circuity = 1;
    const RoadTravelModel plain(hand_graph(), options);
    CHECK(plain.nearest({at(1000, 0, "site")}, {at(1000, -300, "d")}).time_s[0] == 36);
    options.access_circuity = 0.9;
    CHECK_THROWS_AS(RoadTravelModel(hand_graph(), options), UsageError);
}

TEST_CASE("snapping on a graph without shapes finds nothing") {
    const RoadGraph g;
    const Snapper snapper(g);
    CHECK(snapper.snap(geo::Point(0, 0)).shape == kInvalid);
}

TEST_CASE("road model: nearest site times, one-way respected, same-road trips, far points") {
    RoadModelOptions options;
    options.offroad_speed_kmh = 15;
    options.max_snap_m = 200;
    const RoadTravelModel model(hand_graph(), options);
    CHECK(model.describe().find("road network test from hand (4 nodes") == 0);

    const std::vector<Place> sites = {at(1000, 0, "site-east")};
    const std::vector<Place> demand = {
        at(250, 30, "a"),    // 30 m off-road (7.2 s) + 25 s to node 1 + 50 s to the site
        at(1000, 250, "b"),  // on the one-way 2 -> 4: must go round 4 -> 3 -> 1 -> 2
        at(5000, 5000, "far"),
        at(1000, 0, "here"), // on the site
    };
    SnapReport report;
    const NearestSites ns = model.nearest(sites, demand, &report);
    CHECK(ns.site[0] == 0);
    CHECK(ns.time_s[0] == 82);
    CHECK(ns.time_s[1] == 25 + 50 + 50 + 50);
    CHECK(ns.site[2] == kInvalid);
    CHECK(ns.time_s[2] == kUnreachable);
    CHECK(ns.time_s[3] == 0);
    CHECK(report.places == 5);
    REQUIRE(report.too_far.size() == 1);
    CHECK(report.too_far[0].id == "far");
    CHECK_FALSE(report.too_far[0].is_site);
    CHECK(report.too_far[0].distance_m > 4000);

    // Same road piece: the site at x=600, the resident at x=900 drives 30 s
    // back along the road (two-way), not round through a node.
    const NearestSites same = model.nearest({at(600, 0, "s")}, {at(900, 0, "d")});
    CHECK(same.time_s[0] == 30);
    // Two sites: each resident gets the quicker one.
    // (1000, 400) lies 600 m from the end of the one-way 2 -> 4 -> 3 (vertex 4
    // is a shape point): 60 s to node 3, 50 s to node 1, then 40 s west or
    // 50 s east.
    const NearestSites two = model.nearest({at(100, 0, "west"), at(1000, 0, "east")},
                                           {at(50, 0), at(800, 0), at(1000, 400)});
    CHECK(two.site == std::vector<SiteId>{0, 1, 0});
    CHECK(two.time_s == std::vector<std::uint32_t>{5, 20, 60 + 50 + 40});

    // A site too far from a road is reported and reaches nobody.
    SnapReport r2;
    const NearestSites none = model.nearest({at(-3000, 0, "lost-site")}, {at(100, 0)}, &r2);
    CHECK(none.time_s[0] == kUnreachable);
    REQUIRE(r2.too_far.size() == 1);
    CHECK(r2.too_far[0].is_site);
    CHECK(r2.too_far[0].id == "lost-site");
}

TEST_CASE("road model: equal times go to the site listed first, whatever the order") {
    const RoadTravelModel model(hand_graph(), RoadModelOptions{});
    // (500, 250) on the road 1-3: 25 s to node 1, then 50 s west to node 0
    // or 50 s east to node 2. The search meets both sites at node 1 in the
    // same time; the smaller site index wins, in both listings.
    const Place d = at(500, 250, "d");
    const NearestSites we = model.nearest({at(0, 0, "west"), at(1000, 0, "east")}, {d});
    const NearestSites ew = model.nearest({at(1000, 0, "east"), at(0, 0, "west")}, {d});
    CHECK(we.time_s[0] == 75);
    CHECK(ew.time_s[0] == 75);
    CHECK(we.site[0] == 0);
    CHECK(ew.site[0] == 0);
    // A quicker third site listed last still wins.
    const NearestSites three =
        model.nearest({at(1000, 0, "east"), at(0, 0, "west"), at(500, 100, "near")}, {d});
    CHECK(three.site[0] == 2);
}

TEST_CASE("road model: coverage sets agree with nearest and with their cutoff") {
    // A random 12 x 12 grid of 200 m streets, some one-way, speeds 20..90 km/h.
    std::mt19937 rng(42);
    WaySet w;
    const int k = 12;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) w.x.push_back(200.0 * i), w.y.push_back(200.0 * j);
    auto id = [&](int i, int j) { return static_cast<std::uint32_t>(i * k + j); };
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            for (auto [di, dj] : {std::pair{1, 0}, std::pair{0, 1}}) {
                if (i + di >= k || j + dj >= k || rng() % 10 == 0) continue;
                const std::uint8_t dir = rng() % 4 == 0 ? WaySet::kForward
                                       : rng() % 6 == 0 ? WaySet::kBackward
                                                        : WaySet::kForward | WaySet::kBackward;
                w.add_way({id(i, j), id(i + di, j + dj)}, float(20 + rng() % 70), dir);
            }
        }
    BuildReport r;
    const RoadTravelModel model(build_road_graph(w, r));
    std::uniform_real_distribution<double> coord(-100, 2300);
    std::vector<Place> sites, demand;
    for (int i = 0; i < 6; ++i) sites.push_back(at(coord(rng), coord(rng), label("s", i)));
    for (int i = 0; i < 300; ++i) demand.push_back(at(coord(rng), coord(rng), label("d", i)));

    const NearestSites ns = model.nearest(sites, demand);
    const CoverageSets all = model.coverage(sites, demand, 1000000);
    REQUIRE(all.row_count() == sites.size());
    std::vector<std::uint32_t> best(demand.size(), kUnreachable);
    for (std::uint32_t s = 0; s < sites.size(); ++s)
        for (auto e = all.first[s]; e < all.first[s + 1]; ++e) {
            if (e > all.first[s]) CHECK(all.demand[e - 1] < all.demand[e]); // sorted
            best[all.demand[e]] = std::min(best[all.demand[e]], all.time_s[e]);
        }
    std::size_t reachable = 0;
    for (std::size_t d = 0; d < demand.size(); ++d) {
        CAPTURE(d);
        CHECK(best[d] == ns.time_s[d]);
        reachable += ns.time_s[d] != kUnreachable;
    }
    CHECK(reachable > 250);

    // A cutoff keeps exactly the entries within it.
    const std::uint32_t cutoff = 120;
    const CoverageSets cut = model.coverage(sites, demand, cutoff);
    for (std::uint32_t s = 0; s < sites.size(); ++s) {
        std::vector<std::pair<DemandId, std::uint32_t>> expected, got;
        for (auto e = all.first[s]; e < all.first[s + 1]; ++e)
            if (all.time_s[e] <= cutoff) expected.emplace_back(all.demand[e], all.time_s[e]);
        for (auto e = cut.first[s]; e < cut.first[s + 1]; ++e) got.emplace_back(cut.demand[e], cut.time_s[e]);
        CHECK(got == expected);
    }

    check_query_filters(model, sites, demand, all, 1000000, rng);

    // Transpose: demand -> sources, same entries.
    const CoverageSets t = transpose(cut, demand.size());
    CHECK(t.row_count() == demand.size());
    CHECK(t.demand.size() == cut.demand.size());
    for (DemandId d = 0; d < demand.size(); ++d)
        for (auto e = t.first[d]; e < t.first[d + 1]; ++e) {
            const auto s = t.demand[e];
            bool found = false;
            for (auto f = cut.first[s]; f < cut.first[s + 1]; ++f)
                found |= cut.demand[f] == d && cut.time_s[f] == t.time_s[e];
            CHECK(found);
        }
}


TEST_CASE("crow-fly model: nearest and coverage equal timing every pair") {
    // The chord test that skips most haversines must change nothing: random
    // places over a region the size of a few departements, and a few at
    // the same point, at antipodes and across the date line.
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> lon(-3.0, 0.5), lat(47.0, 49.0);
    auto place = [](double lo, double la, std::string id) {
        Place p;
        p.lonlat = geo::LonLat{lo, la};
        p.id = std::move(id);
        return p;
    };
    std::vector<Place> sites, demand;
    for (int i = 0; i < 40; ++i) sites.push_back(place(lon(rng), lat(rng), label("s", i)));
    for (int i = 0; i < 3000; ++i) demand.push_back(place(lon(rng), lat(rng), label("d", i)));
    demand.push_back(place(sites[3].lonlat.lon, sites[3].lonlat.lat, "same"));
    demand.push_back(place(179.9, 0.1, "east"));
    sites.push_back(place(-179.9, -0.1, "west"));
    demand.push_back(place(sites[0].lonlat.lon + 180, -sites[0].lonlat.lat, "antipode"));
    for (const double speed : {50.0, 7.0}) {
        CAPTURE(speed);
        CrowFlyOptions o;
        o.speed_kmh = speed;
        o.circuity = 1.3;
        const CrowFlyModel model(o);
        const NearestSites ns = model.nearest(sites, demand);
        for (std::size_t d = 0; d < demand.size(); ++d) {
            std::uint32_t best = kUnreachable;
            SiteId at = kInvalid;
            for (SiteId s = 0; s < sites.size(); ++s) {
                const auto t = model.time_s(demand[d].lonlat, sites[s].lonlat);
                if (t < best) best = t, at = s;
            }
            CAPTURE(d);
            CHECK(ns.time_s[d] == best);
            CHECK(ns.site[d] == at);
        }
        for (const std::uint32_t cutoff : {0u, 600u, 3600u, 4000000000u}) {
            CAPTURE(cutoff);
            const CoverageSets cov = model.coverage(sites, demand, cutoff);
            REQUIRE(cov.row_count() == sites.size());
            for (std::uint32_t s = 0; s < sites.size(); ++s) {
                std::vector<std::pair<DemandId, std::uint32_t>> expected, got;
                for (DemandId d = 0; d < demand.size(); ++d)
                    if (const auto t = model.time_s(demand[d].lonlat, sites[s].lonlat); t <= cutoff)
                        expected.emplace_back(d, t);
                for (auto e = cov.first[s]; e < cov.first[s + 1]; ++e) got.emplace_back(cov.demand[e], cov.time_s[e]);
                CAPTURE(s);
                CAPTURE(got.size());
                CAPTURE(expected.size());
                for (std::size_t k = 0; k < std::min(got.size(), expected.size()); ++k)
                    if (got[k] != expected[k]) {
                        CAPTURE(got[k].first);
                        CAPTURE(expected[k].first);
                        CAPTURE(expected[k].second);
                        CHECK(false);
                        break;
                    }
                CHECK(got == expected);
            }
            if (cutoff == 4000000000u) check_query_filters(model, sites, demand, cov, cutoff, rng);
        }
    }
}

TEST_CASE("road model refuses an empty graph and bad options") {
    CHECK_THROWS_AS(RoadTravelModel(RoadGraph{}), InputError);
    RoadModelOptions bad;
    bad.offroad_speed_kmh = 0;
    CHECK_THROWS_AS(RoadTravelModel(hand_graph(), bad), UsageError);
}

TEST_CASE("crow-fly model") {
    const geo::LonLat paris{2.3522, 48.8566}, rennes{-1.6778, 48.1173};
    CHECK(geo::great_circle_m(paris, rennes) == doctest::Approx(308000).epsilon(0.01));
    const CrowFlyModel model;
    CHECK(model.describe() == "crow-fly: great-circle x 1.30 at 50 km/h");
    CHECK(model.time_s(paris, rennes) ==
          doctest::Approx(geo::great_circle_m(paris, rennes) * 1.3 / (50 / 3.6)).epsilon(0.001));
    CHECK_THROWS_AS(CrowFlyModel({0.9, 50}), UsageError);
    CHECK_THROWS_AS(CrowFlyModel({1.3, 0}), UsageError);

    // Coverage against brute force, around Rennes.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(-2.2, -1.2), lat(47.7, 48.5);
    auto place = [&](std::string id) {
        Place p;
        p.lonlat = {lon(rng), lat(rng)};
        p.id = std::move(id);
        return p;
    };
    std::vector<Place> sources, demand;
    for (int i = 0; i < 8; ++i) sources.push_back(place("s"));
    for (int i = 0; i < 400; ++i) demand.push_back(place("d"));
    const std::uint32_t cutoff = 1800;
    const CoverageSets sets = model.coverage(sources, demand, cutoff);
    const NearestSites ns = model.nearest(sources, demand);
    std::size_t entries = 0;
    for (std::uint32_t s = 0; s < sources.size(); ++s) {
        std::vector<DemandId> expected;
        for (DemandId d = 0; d < demand.size(); ++d)
            if (model.time_s(demand[d].lonlat, sources[s].lonlat) <= cutoff) expected.push_back(d);
        std::vector<DemandId> got(sets.demand.begin() + sets.first[s], sets.demand.begin() + sets.first[s + 1]);
        CHECK(got == expected);
        entries += got.size();
    }
    CHECK(entries > 20);
    for (DemandId d = 0; d < demand.size(); ++d) {
        std::uint32_t best = kUnreachable;
        for (const auto& s : sources) best = std::min(best, model.time_s(demand[d].lonlat, s.lonlat));
        CHECK(ns.time_s[d] == best);
    }
}

TEST_CASE("CoordinateTransform: lon/lat to Lambert-93 and back, unknown CRS") {
    const geo::CoordinateTransform t("EPSG:4326", "EPSG:2154");
    // Rennes town hall, about (351,900; 6,789,400) in Lambert-93.
    const geo::Point p = t.forward(-1.6794, 48.1113);
    CHECK(p.x() == doctest::Approx(351900).epsilon(0.002));
    CHECK(p.y() == doctest::Approx(6789400).epsilon(0.0005));
    const geo::Point back = t.inverse(p.x(), p.y());
    CHECK(back.x() == doctest::Approx(-1.6794));
    CHECK(back.y() == doctest::Approx(48.1113));
    std::vector<double> xs{-1.6794, 2.3522}, ys{48.1113, 48.8566};
    CHECK(t.forward_many(xs, ys) == 0);
    CHECK(xs[0] == doctest::Approx(p.x()));
    CHECK_THROWS_AS(geo::CoordinateTransform("EPSG:4326", "EPSG:999999"), InputError);
}

TEST_CASE("travel models on empty inputs") {
    const RoadTravelModel road(hand_graph());
    const CrowFlyModel crow;
    for (const TravelModel* model : {static_cast<const TravelModel*>(&road),
                                     static_cast<const TravelModel*>(&crow)}) {
        CAPTURE(model->describe());
        const NearestSites none = model->nearest({}, {at(10, 0)});
        CHECK(none.site == std::vector<SiteId>{kInvalid});
        CHECK(none.time_s == std::vector<std::uint32_t>{kUnreachable});
        CHECK(model->nearest({at(10, 0)}, {}).site.empty());
        const CoverageSets empty = model->coverage({}, {at(10, 0)}, 600);
        CHECK(empty.row_count() == 0);
        CHECK(empty.first == std::vector<std::uint32_t>{0});
        const CoverageSets no_demand = model->coverage({at(10, 0), at(20, 0)}, {}, 600);
        CHECK(no_demand.row_count() == 2);
        CHECK(no_demand.demand.empty());
        CHECK(transpose(no_demand, 0).row_count() == 0);
    }
    // A source too far from any road keeps its (empty) row: rows stay aligned.
    SnapReport report;
    const CoverageSets sets = road.coverage({at(0, 0), at(9000, 9000, "far")}, {at(100, 0)}, 600, &report);
    REQUIRE(sets.row_count() == 2);
    CHECK(sets.first[1] - sets.first[0] == 1);
    CHECK(sets.first[2] - sets.first[1] == 0);
    REQUIRE(report.too_far.size() == 1);
    CHECK(report.too_far[0].id == "far");
    CHECK(report.too_far[0].is_site);
    // Cutoff 0: only places at the site itself.
    const CoverageSets zero = road.coverage({at(500, 0)}, {at(500, 0), at(510, 0)}, 0);
    CHECK(zero.demand == std::vector<DemandId>{0});
}

TEST_CASE("road model nearest times equal an oracle graph with every place inserted as a node") {
    // The oracle splits each road at the (brute-force) projection of every
    // place and adds the off-road leg as a road at 15 km/h; plain Dijkstra on
    // that graph gives exact times to compare with the model's snapping.
    std::mt19937 rng(99);
    const int k = 9;
    const double spacing = 200;
    WaySet roads;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) roads.x.push_back(spacing * i), roads.y.push_back(spacing * j);
    struct Segment {
        std::uint32_t a, b;
        float speed;
        std::uint8_t dir;
    };
    std::vector<Segment> segments;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j)
            for (auto [di, dj] : {std::pair{1, 0}, std::pair{0, 1}}) {
                if (i + di >= k || j + dj >= k || rng() % 8 == 0) continue;
                const std::uint8_t dir = rng() % 3 == 0 ? WaySet::kForward
                                                        : WaySet::kForward | WaySet::kBackward;
                segments.push_back({static_cast<std::uint32_t>(i * k + j),
                                    static_cast<std::uint32_t>((i + di) * k + j + dj),
                                    float(20 + rng() % 60), dir});
            }
    for (const Segment& s : segments) roads.add_way({s.a, s.b}, s.speed, s.dir);

    std::uniform_real_distribution<double> coord(-150, spacing * (k - 1) + 150);
    std::vector<Place> sites, demand;
    for (int i = 0; i < 4; ++i) sites.push_back(at(coord(rng), coord(rng), label("s", i)));
    for (int i = 0; i < 120; ++i) demand.push_back(at(coord(rng), coord(rng), label("d", i)));

    // Oracle graph.
    WaySet oracle = roads;
    oracle.way_first.assign(1, 0);
    oracle.way_vertex.clear();
    oracle.way_speed_kmh.clear();
    oracle.way_direction.clear();
    std::vector<std::vector<std::pair<double, std::uint32_t>>> cuts(segments.size());
    std::vector<std::uint32_t> place_vertex;
    auto insert = [&](const Place& p) {
        std::size_t best = 0;
        double best_d = 1e300, best_t = 0;
        for (std::size_t s = 0; s < segments.size(); ++s) {
            const double ax = roads.x[segments[s].a], ay = roads.y[segments[s].a];
            const double dx = roads.x[segments[s].b] - ax, dy = roads.y[segments[s].b] - ay;
            const double t = std::clamp(((p.xy.x() - ax) * dx + (p.xy.y() - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
            const double d = std::hypot(p.xy.x() - ax - t * dx, p.xy.y() - ay - t * dy);
            if (d < best_d) best_d = d, best = s, best_t = t;
        }
        const double ax = roads.x[segments[best].a], ay = roads.y[segments[best].a];
        const double dx = roads.x[segments[best].b] - ax, dy = roads.y[segments[best].b] - ay;
        // A projection on an end of the segment is the junction itself: the
        // leg joins that vertex (and so every road meeting there).
        std::uint32_t proj = best_t == 0.0 ? segments[best].a : segments[best].b;
        if (best_t > 0.0 && best_t < 1.0) {
            proj = static_cast<std::uint32_t>(oracle.x.size());
            oracle.x.push_back(ax + best_t * dx), oracle.y.push_back(ay + best_t * dy);
            cuts[best].emplace_back(best_t, proj);
        }
        const auto here = static_cast<std::uint32_t>(oracle.x.size());
        oracle.x.push_back(p.xy.x()), oracle.y.push_back(p.xy.y());
        oracle.add_way({here, proj}, 15, WaySet::kForward | WaySet::kBackward);
        place_vertex.push_back(here);
    };
    for (const Place& p : sites) insert(p);
    for (const Place& p : demand) insert(p);
    for (std::size_t s = 0; s < segments.size(); ++s) {
        std::sort(cuts[s].begin(), cuts[s].end());
        std::vector<std::uint32_t> chain{segments[s].a};
        for (auto& c : cuts[s]) chain.push_back(c.second);
        chain.push_back(segments[s].b);
        for (std::size_t i = 0; i + 1 < chain.size(); ++i)
            oracle.add_way({chain[i], chain[i + 1]}, segments[s].speed, segments[s].dir);
    }
    BuildReport ro;
    const RoadGraph og = build_road_graph(oracle, ro, false);
    auto node_at = [&](std::uint32_t vertex) {
        for (NodeId u = 0; u < og.node_count(); ++u)
            if (og.x[u] == oracle.x[vertex] && og.y[u] == oracle.y[vertex]) return u;
        return kInvalid;
    };
    Dijkstra dj(backward_view(og));
    for (std::uint32_t s = 0; s < sites.size(); ++s) dj.add_source(node_at(place_vertex[s]), 0, s);
    dj.run();

    BuildReport rm;
    RoadModelOptions options;
    options.max_snap_m = 1e9;
    const RoadTravelModel model(build_road_graph(roads, rm, false), options);
    const NearestSites ns = model.nearest(sites, demand);
    std::size_t reachable = 0, unreachable = 0;
    for (std::size_t d = 0; d < demand.size(); ++d) {
        CAPTURE(d);
        const TimeDs t = dj.time_ds(node_at(place_vertex[sites.size() + d]));
        if (t == kInfTime_ds) {
            ++unreachable;
            CHECK(ns.time_s[d] == kUnreachable);
            continue;
        }
        ++reachable;
        REQUIRE(ns.time_s[d] != kUnreachable);
        // Rounding to deciseconds per piece differs between the two graphs.
        CHECK(std::abs(double(ns.time_s[d]) - t / 10.0) <= 1.5);
    }
    CHECK(reachable > 60);
    MESSAGE(reachable << " demand points reach a site, " << unreachable << " cannot");
}
