// Merged networks: several line layers joined where their vertices coincide
// or lie within a tolerance, the layer of each arc kept; times on the merged
// graph against a plain Dijkstra on the merged lines built independently.
#include "helpers.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"
#include "network/dijkstra.hpp"
#include "network/line_graph.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <queue>
#include <random>

using namespace maillage;
using namespace maillage::network;

namespace {

// Near Rennes in Lambert-93, so that the layers are real places.
constexpr double kX0 = 350000, kY0 = 6790000;

struct Line {
    std::vector<std::pair<double, double>> points; // metres from (kX0, kY0)
    std::string cls = "road";
};

/// Writes lines as a GeoJSON layer in EPSG:2154 with a "cls" field.
std::string write_layer(const test::TempDir& dir, const std::string& name, const std::vector<Line>& lines) {
    const std::string path = dir.file(name + ".geojson");
    std::ofstream out(path);
    out.precision(17);
    out << "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
           "\"urn:ogc:def:crs:EPSG::2154\"}},\"features\":[";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out << (i ? "," : "") << "{\"type\":\"Feature\",\"properties\":{\"cls\":\"" << lines[i].cls
            << "\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
        for (std::size_t k = 0; k < lines[i].points.size(); ++k)
            out << (k ? "," : "") << "[" << kX0 + lines[i].points[k].first << "," << kY0 + lines[i].points[k].second
                << "]";
        out << "]}}";
    }
    out << "]}";
    return path;
}

NetworkLayer layer_at(const std::string& path, double kmh) {
    NetworkLayer l;
    l.layer.path = path;
    l.mapping.kind = LineLayerMapping::Kind::class_table;
    l.mapping.class_field = "cls";
    l.mapping.class_speed_kmh = {{"road", kmh}};
    return l;
}

NodeId node_at(const RoadGraph& g, double dx, double dy) {
    for (NodeId u = 0; u < g.node_count(); ++u)
        if (std::abs(g.x[u] - (kX0 + dx)) < 1e-6 && std::abs(g.y[u] - (kY0 + dy)) < 1e-6) return u;
    return kInvalid;
}

GraphBuildOptions all_components() {
    GraphBuildOptions o;
    o.keep_largest_component = false;
    return o;
}

} // namespace

TEST_CASE("merged layers: a shared vertex joins them, each arc keeps its layer") {
    test::TempDir dir;
    const auto a = write_layer(dir, "a", {{{{0, 0}, {1000, 0}}}});
    const auto b = write_layer(dir, "b", {{{{1000, 0}, {1000, 1000}}}});
    const BuiltGraph built = build_graph_from_layers({layer_at(a, 50), layer_at(b, 30)});
    const auto& r = built.report;
    const auto& g = built.graph;
    CHECK(r.joined);
    CHECK(r.joins_identical == 1);
    CHECK(r.joins_within_tolerance == 0);
    CHECK(r.near_misses == 0);
    CHECK(g.node_count() == 3);
    CHECK(r.dropped_nodes == 0);
    REQUIRE(g.layer_names.size() == 2);
    CHECK(g.layer_names[0] == "a.geojson");
    CHECK(g.source == "a.geojson + b.geojson");
    REQUIRE(g.arc_layer.size() == g.arc_count());
    REQUIRE(r.layers.size() == 2);
    CHECK(r.layers[0].arcs == 2);
    CHECK(r.layers[1].arcs == 2);
    // The 50 km/h arcs are layer 0, the 30 km/h arcs layer 1 (1 km: 72 s, 120 s).
    for (ArcId k = 0; k < g.arc_count(); ++k)
        CHECK(g.time_ds[k] == doctest::Approx(g.arc_layer[k] == 0 ? 720 : 1200).epsilon(0.003));
    CHECK(describe(r).find("1 at identical points") != std::string::npos);
    g.validate();
}

TEST_CASE("merged layers: a near miss inside the tolerance is joined, outside it is reported") {
    test::TempDir dir;
    const auto a = write_layer(dir, "a", {{{{0, 0}, {1000, 0}}}});
    SUBCASE("3 m: joined, at the earlier layer's vertex") {
        const auto b = write_layer(dir, "b", {{{{1003, 0}, {1003, 1000}}}});
        const BuiltGraph built = build_graph_from_layers({layer_at(a, 50), layer_at(b, 50)});
        CHECK(built.report.joins_within_tolerance == 1);
        CHECK(built.report.joins_identical == 0);
        CHECK(built.report.max_join_m == doctest::Approx(3));
        CHECK(built.report.near_misses == 0);
        CHECK(built.graph.node_count() == 3);
        CHECK(node_at(built.graph, 1000, 0) != kInvalid);
        CHECK(node_at(built.graph, 1003, 0) == kInvalid);
    }
    SUBCASE("12 m: not joined, one near miss, the other layer is a second component") {
        const auto b = write_layer(dir, "b", {{{{1012, 0}, {1012, 1000}}}});
        const BuiltGraph kept = build_graph_from_layers({layer_at(a, 50), layer_at(b, 50)}, {}, {}, all_components());
        CHECK(kept.report.joins_within_tolerance == 0);
        CHECK(kept.report.near_misses == 1);
        REQUIRE(kept.report.near_miss_examples.size() == 1);
        CHECK(kept.report.near_miss_examples[0].find("b.geojson") != std::string::npos);
        CHECK(kept.report.near_miss_examples[0].find("12.0 m") != std::string::npos);
        CHECK(kept.report.components == 2);
        CHECK(kept.graph.node_count() == 4);
        // A wider tolerance joins it.
        JoinOptions wide;
        wide.tolerance_m = 15;
        const BuiltGraph joined = build_graph_from_layers({layer_at(a, 50), layer_at(b, 50)}, wide);
        CHECK(joined.report.joins_within_tolerance == 1);
        CHECK(joined.report.components == 1);
    }
    SUBCASE("40 m: beyond the near-miss distance, nothing reported") {
        const auto b = write_layer(dir, "b", {{{{1040, 0}, {1040, 1000}}}});
        const BuiltGraph built = build_graph_from_layers({layer_at(a, 50), layer_at(b, 50)}, {}, {}, all_components());
        CHECK(built.report.near_misses == 0);
        CHECK(built.report.components == 2);
    }
}

TEST_CASE("merged layers: a segment in both layers gives parallel arcs, the faster one wins") {
    test::TempDir dir;
    const auto a = write_layer(dir, "a", {{{{0, 0}, {1000, 0}}}, {{{1000, 0}, {2000, 0}}}});
    const auto b = write_layer(dir, "b", {{{{0, 0}, {1000, 0}}}});
    const BuiltGraph built = build_graph_from_layers({layer_at(a, 30), layer_at(b, 90)});
    const auto& g = built.graph;
    CHECK(built.report.joins_identical == 2);
    CHECK(g.node_count() == 3);
    CHECK(g.arc_count() == 6);
    Dijkstra search(forward_view(g));
    search.add_source(node_at(g, 0, 0), 0);
    search.run();
    // 1 km at 90 km/h (40 s) then 1 km at 30 km/h (120 s).
    CHECK(search.time_ds(node_at(g, 1000, 0)) == doctest::Approx(400).epsilon(0.003));
    CHECK(search.time_ds(node_at(g, 2000, 0)) == doctest::Approx(1600).epsilon(0.003));
}

TEST_CASE("merged layers: bad options are usage errors") {
    test::TempDir dir;
    const auto a = write_layer(dir, "a", {{{{0, 0}, {1000, 0}}}});
    JoinOptions bad;
    bad.tolerance_m = 10;
    bad.near_miss_m = 5;
    CHECK_THROWS_AS(build_graph_from_layers({layer_at(a, 50)}, bad), UsageError);
    CHECK_THROWS_AS(build_graph_from_layers({}), UsageError);
    auto stretched = layer_at(a, 50);
    stretched.length_factor = 4;
    CHECK_THROWS_AS(build_graph_from_layers({stretched}), UsageError);
}

TEST_CASE("merged layers: a length factor scales lengths and times of its layer only") {
    test::TempDir dir;
    const auto a = write_layer(dir, "a", {{{{0, 0}, {1000, 0}}}});
    const auto b = write_layer(dir, "b", {{{{1000, 0}, {2000, 0}}}});
    auto la = layer_at(a, 36);
    la.length_factor = 1.1;
    const BuiltGraph built = build_graph_from_layers({la, layer_at(b, 36)});
    const auto& g = built.graph;
    for (ArcId k = 0; k < g.arc_count(); ++k) {
        const double f = g.arc_layer[k] == 0 ? 1.1 : 1.0;
        CHECK(g.length_m[k] == doctest::Approx(1000 * f).epsilon(0.003));
        CHECK(g.time_ds[k] == doctest::Approx(1000 * f).epsilon(0.003)); // 36 km/h = 10 m/s
    }
}

TEST_CASE("merged layers: times equal a plain Dijkstra on the merged lines (random layers)") {
    // Three layers of random polylines over a 200 m lattice; each layer's
    // vertices are moved off the lattice by 0 (shared), 3 m (joined) or 9 m
    // (not joined) at random. The reference joins them itself (a vertex of a
    // later layer goes to the nearest vertex of the earlier layers within
    // 5 m), builds arcs from geodesic lengths and runs a textbook Dijkstra.
    std::mt19937 rng(20);
    const geo::CoordinateTransform to_lonlat("EPSG:2154", "EPSG:4326");
    for (int round = 0; round < 8; ++round) {
        test::TempDir dir;
        std::vector<NetworkLayer> layers;
        // Reference: vertices (x, y) and undirected edges with speeds.
        std::vector<std::pair<double, double>> vx;
        struct Edge { std::uint32_t a, b; double kmh; };
        std::vector<Edge> edges;
        std::size_t earlier_end = 0; // vertices of earlier layers: [0, earlier_end)
        for (int li = 0; li < 3; ++li) {
            const double kmh = 30 + 20 * li;
            std::map<std::pair<int, int>, std::pair<double, double>> offset; // lattice point -> this layer's position
            std::vector<Line> lines;
            for (int k = 0; k < 6; ++k) {
                Line line;
                int i = int(rng() % 8), j = int(rng() % 8);
                for (int step = 0; step < 5; ++step) {
                    auto [it, fresh] = offset.try_emplace({i, j});
                    if (fresh) {
                        const int kind = int(rng() % 3);
                        const double d = kind == 0 ? 0 : kind == 1 ? 3 : 9;
                        it->second = {i * 200.0 + d, j * 200.0};
                    }
                    line.points.push_back(it->second);
                    if (rng() % 2) i = std::min(7, i + 1); else j = std::min(7, j + 1);
                    if (line.points.size() >= 2 && line.points.back() == line.points[line.points.size() - 2])
                        line.points.pop_back();
                }
                if (line.points.size() >= 2) lines.push_back(line);
            }
            layers.push_back(layer_at(write_layer(dir, "l" + std::to_string(li), lines), kmh));
            // Reference vertices of this layer.
            std::map<std::pair<double, double>, std::uint32_t> id_here;
            auto vertex = [&](std::pair<double, double> p) {
                if (auto it = id_here.find(p); it != id_here.end()) return it->second;
                std::uint32_t best = kInvalid;
                double best_d = 5;
                for (std::uint32_t v = 0; v < earlier_end; ++v) {
                    const double d = std::hypot(vx[v].first - p.first, vx[v].second - p.second);
                    if (d < best_d || (d == best_d && best == kInvalid)) best_d = d, best = v;
                }
                if (best == kInvalid) {
                    best = static_cast<std::uint32_t>(vx.size());
                    vx.push_back(p);
                }
                id_here[p] = best;
                return best;
            };
            for (const Line& line : lines)
                for (std::size_t k = 1; k < line.points.size(); ++k)
                    edges.push_back({vertex(line.points[k - 1]), vertex(line.points[k]), kmh});
            earlier_end = vx.size();
        }
        const BuiltGraph built = build_graph_from_layers(layers, {}, {}, all_components());
        const RoadGraph& g = built.graph;

        std::vector<double> lon(vx.size()), lat(vx.size());
        for (std::size_t v = 0; v < vx.size(); ++v) lon[v] = kX0 + vx[v].first, lat[v] = kY0 + vx[v].second;
        REQUIRE(to_lonlat.forward_many(lon, lat) == 0);
        std::vector<std::vector<std::pair<std::uint32_t, double>>> adj(vx.size());
        for (const Edge& e : edges) {
            if (e.a == e.b) continue;
            const double t = geo::great_circle_m({lon[e.a], lat[e.a]}, {lon[e.b], lat[e.b]}) / (e.kmh / 3.6);
            adj[e.a].push_back({e.b, t});
            adj[e.b].push_back({e.a, t});
        }
        Dijkstra search(forward_view(g));
        for (std::uint32_t src = 0; src < vx.size(); src += 3) {
            const NodeId s = node_at(g, vx[src].first, vx[src].second);
            if (s == kInvalid) continue; // a pass-through vertex, folded into an arc
            std::vector<double> dist(vx.size(), 1e300);
            using Item = std::pair<double, std::uint32_t>;
            std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
            dist[src] = 0;
            queue.push({0, src});
            while (!queue.empty()) {
                const auto [d, v] = queue.top();
                queue.pop();
                if (d > dist[v]) continue;
                for (const auto& [w, t] : adj[v])
                    if (d + t < dist[w]) dist[w] = d + t, queue.push({d + t, w});
            }
            search.reset();
            search.add_source(s, 0);
            search.run();
            for (std::uint32_t v = 0; v < vx.size(); ++v) {
                const NodeId u = node_at(g, vx[v].first, vx[v].second);
                if (u == kInvalid) continue;
                if (dist[v] >= 1e300) {
                    CHECK(search.time_ds(u) == kInfTime_ds);
                } else {
                    // Arc times are rounded to 0.1 s: at most 0.05 s per arc.
                    REQUIRE(search.time_ds(u) != kInfTime_ds);
                    CHECK(std::abs(search.time_ds(u) / 10.0 - dist[v]) <= 0.05 * 40 + 1e-6);
                }
            }
        }
    }
}
