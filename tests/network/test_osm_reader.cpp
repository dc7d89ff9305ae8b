// The OSM reader (two passes, 32-bit way refs) against a plain one-pass
// reference built from std::map: same report counts, same graph, array by array.
#include "helpers.hpp"

#include "geo/transform.hpp"
#include "network/osm_graph.hpp"
#include "network/profile.hpp"
#include "network/road_graph.hpp"

#include <doctest/doctest.h>

#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <set>

using namespace maillage;
using namespace maillage::network;

namespace {

/// Reads everything at once into maps, then makes the WaySet the obvious way.
BuiltGraph reference_build(const std::string& path) {
    const CarProfile profile = default_car_profile();
    std::map<osmium::object_id_type, osmium::Location> location;
    struct CarWay {
        std::vector<osmium::object_id_type> refs;
        float speed_kmh;
        std::uint8_t direction;
    };
    std::vector<CarWay> car;
    BuildReport report;
    osmium::io::Reader reader{path};
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const auto& item : buffer) {
            if (item.type() == osmium::item_type::node) {
                const auto& node = static_cast<const osmium::Node&>(item);
                if (node.location().valid()) location[node.id()] = node.location();
            } else if (item.type() == osmium::item_type::way) {
                const auto& way = static_cast<const osmium::Way&>(item);
                ++report.ways_read;
                auto tag = [&](const char* k) {
                    const char* v = way.tags()[k];
                    return v ? std::string_view(v) : std::string_view();
                };
                WayTags t{tag("highway"), tag("oneway"), tag("junction"), tag("maxspeed"), tag("access"),
                          tag("vehicle"), tag("motor_vehicle"), tag("motorcar"), tag("area"),
                          tag("service"), tag("construction")};
                if (t.highway.empty()) continue;
                const WayClass c = classify_way(t, profile);
                if (!c.car) continue;
                ++report.ways_kept;
                CarWay w{{}, c.speed_kmh, c.direction};
                for (const auto& nr : way.nodes()) w.refs.push_back(nr.ref());
                car.push_back(std::move(w));
            }
        }
    }
    reader.close();

    // Vertices: distinct refs of car ways in id order (located or not).
    std::set<osmium::object_id_type> ids;
    for (const auto& w : car) ids.insert(w.refs.begin(), w.refs.end());
    std::map<osmium::object_id_type, std::uint32_t> index;
    WaySet ws;
    for (auto id : ids) {
        index[id] = static_cast<std::uint32_t>(ws.lon.size());
        const auto it = location.find(id);
        ws.lon.push_back(it == location.end() ? 0.0 : it->second.lon());
        ws.lat.push_back(it == location.end() ? 0.0 : it->second.lat());
    }
    for (const auto& w : car) {
        std::vector<std::uint32_t> run;
        for (auto id : w.refs) {
            if (!location.count(id)) {
                ++report.missing_vertices;
                if (run.size() >= 2) ws.add_way(run, w.speed_kmh, w.direction);
                run.clear();
                continue;
            }
            run.push_back(index[id]);
        }
        if (run.size() >= 2) ws.add_way(run, w.speed_kmh, w.direction);
    }
    ws.x = ws.lon, ws.y = ws.lat;
    geo::CoordinateTransform("EPSG:4326", "EPSG:2154").forward_many(ws.x, ws.y);
    BuiltGraph out;
    out.report = report;
    out.graph = build_road_graph(std::move(ws), out.report, true);
    return out;
}

template <class T> bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

void check_same(const std::string& path) {
    INFO(path);
    const BuiltGraph got = build_graph_from_osm(path, default_car_profile());
    const BuiltGraph ref = reference_build(path);
    CHECK(got.report.ways_read == ref.report.ways_read);
    CHECK(got.report.ways_kept == ref.report.ways_kept);
    CHECK(got.report.missing_vertices == ref.report.missing_vertices);
    CHECK(got.report.vertices == ref.report.vertices);
    CHECK(got.report.nodes_before_scc == ref.report.nodes_before_scc);
    CHECK(got.report.arcs_before_scc == ref.report.arcs_before_scc);
    const RoadGraph& a = got.graph;
    const RoadGraph& b = ref.graph;
    REQUIRE(a.node_count() == b.node_count());
    REQUIRE(a.arc_count() == b.arc_count());
    CHECK(same_bits(a.x, b.x));
    CHECK(same_bits(a.y, b.y));
    CHECK(same_bits(a.lon, b.lon));
    CHECK(same_bits(a.lat, b.lat));
    CHECK(a.first_out == b.first_out);
    CHECK(a.head == b.head);
    CHECK(a.time_ds == b.time_ds);
    CHECK(same_bits(a.length_m, b.length_m));
    CHECK(a.arc_shape == b.arc_shape);
    CHECK(a.arc_reversed == b.arc_reversed);
    CHECK(a.first_in == b.first_in);
    CHECK(a.tail == b.tail);
    CHECK(a.in_time_ds == b.in_time_ds);
    CHECK(a.in_arc == b.in_arc);
    CHECK(a.shape_first == b.shape_first);
    CHECK(same_bits(a.shape_x, b.shape_x));
    CHECK(same_bits(a.shape_y, b.shape_y));
    CHECK(a.shape_forward_arc == b.shape_forward_arc);
    CHECK(a.shape_backward_arc == b.shape_backward_arc);
}

} // namespace

TEST_CASE("OSM reader keeps exactly the nodes and arcs of a plain one-pass reference") {
    check_same(maillage::test::fixture("osm/tiny_town.osm"));
    check_same(maillage::test::fixture("osm/clipped_town.osm"));
    const BuiltGraph clipped = build_graph_from_osm(maillage::test::fixture("osm/clipped_town.osm"),
                                                    default_car_profile());
    CHECK(clipped.report.ways_kept == 3);
    CHECK(clipped.report.missing_vertices == 1);
    CHECK(clipped.graph.node_count() > 0);
}

TEST_CASE("OSM reader matches the reference on a real extract") {
    MAILLAGE_REQUIRE_ROADS(dir);
    const auto path = (*dir / "porto_portugal.osm.pbf").string();
    if (!std::filesystem::exists(path)) return;
    check_same(path);
}
