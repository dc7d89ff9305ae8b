// Graph file: round trip and every kind of bad file.
#include "helpers.hpp"

#include "core/error.hpp"
#include "network/graph_file.hpp"
#include "network/open_network.hpp"
#include "network/osm_graph.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace maillage;
using namespace maillage::network;

namespace {

RoadGraph small_graph() {
    return build_graph_from_osm(maillage::test::fixture("osm/tiny_town.osm"), default_car_profile())
        .graph;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

void check_load_error(const std::string& path, const std::string& needle) {
    try {
        load_graph(path);
        FAIL("expected InputError for " << path);
    } catch (const InputError& e) {
        const std::string msg = e.what();
        CHECK(msg.find(path) != std::string::npos);
        CHECK_MESSAGE(msg.find(needle) != std::string::npos, msg);
    }
}

} // namespace

TEST_CASE("graph file round trip keeps every array") {
    const RoadGraph g = small_graph();
    maillage::test::TempDir tmp;
    const auto path = tmp.file("town.graph");
    save_graph(g, path);
    CHECK(is_graph_file(path));
    // Written atomically: no temporary left behind.
    CHECK(std::distance(std::filesystem::directory_iterator(tmp.path),
                        std::filesystem::directory_iterator()) == 1);
    const RoadGraph h = load_graph(path);
    CHECK(h.source == g.source);
    CHECK(h.profile == g.profile);
    CHECK(h.crs == g.crs);
    CHECK(h.x == g.x);
    CHECK(h.lat == g.lat);
    CHECK(h.first_out == g.first_out);
    CHECK(h.head == g.head);
    CHECK(h.time_ds == g.time_ds);
    CHECK(h.length_m == g.length_m);
    CHECK(h.arc_shape == g.arc_shape);
    CHECK(h.arc_reversed == g.arc_reversed);
    CHECK(h.first_in == g.first_in);
    CHECK(h.tail == g.tail);
    CHECK(h.in_time_ds == g.in_time_ds);
    CHECK(h.in_arc == g.in_arc);
    CHECK(h.shape_first == g.shape_first);
    CHECK(h.shape_x == g.shape_x);
    CHECK(h.shape_y == g.shape_y);
    CHECK(h.shape_forward_arc == g.shape_forward_arc);
    CHECK(h.shape_backward_arc == g.shape_backward_arc);
}

TEST_CASE("bad graph files give an InputError naming the file, never a crash") {
    maillage::test::TempDir tmp;
    const auto good = tmp.file("good.graph");
    save_graph(small_graph(), good);
    const std::string bytes = read_bytes(good);
    REQUIRE(bytes.size() > 100);

    check_load_error(tmp.file("missing.graph"), "not found");

    const auto other = tmp.file("other.graph");
    write_bytes(other, "PK\x03\x04 this is a zip, not a graph");
    check_load_error(other, "not a maillage graph file");

    const auto empty = tmp.file("empty.graph");
    write_bytes(empty, "");
    check_load_error(empty, "not a maillage graph file");

    std::string v2 = bytes;
    v2[8] = 2; // version field follows the 8-byte magic
    const auto newer = tmp.file("v2.graph");
    write_bytes(newer, v2);
    check_load_error(newer, "version 2");

    // Truncated at many places: header, arrays, checksum.
    for (std::size_t cut : {std::size_t(10), std::size_t(40), bytes.size() / 2, bytes.size() - 3}) {
        const auto path = tmp.file("cut" + std::to_string(cut) + ".graph");
        write_bytes(path, bytes.substr(0, cut));
        CAPTURE(cut);
        check_load_error(path, "truncated");
    }

    // One flipped byte in the arrays: the checksum catches it.
    std::string flipped = bytes;
    flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x10);
    const auto corrupt = tmp.file("flipped.graph");
    write_bytes(corrupt, flipped);
    check_load_error(corrupt, "checksum");

    // A flipped byte in the counts must not make it allocate or read wildly.
    std::string counts = bytes;
    counts[16 + 3] = static_cast<char>(0x7f); // node count high byte
    const auto huge = tmp.file("counts.graph");
    write_bytes(huge, counts);
    CHECK_THROWS_AS(load_graph(huge), InputError);

    // Trailing garbage.
    const auto longer = tmp.file("longer.graph");
    write_bytes(longer, bytes + "xx");
    CHECK_THROWS_AS(load_graph(longer), InputError);
}

TEST_CASE("save_graph into a missing directory is an OutputError") {
    maillage::test::TempDir tmp;
    CHECK_THROWS_AS(save_graph(small_graph(), tmp.file("no/such/dir/g.graph")), OutputError);
}

TEST_CASE("open_network recognises graph files, OSM files and line layers") {
    maillage::test::TempDir tmp;
    const auto osm = maillage::test::fixture("osm/tiny_town.osm");
    const BuiltGraph built = open_network(osm, default_car_profile());
    CHECK(built.graph.node_count() == 5);
    const auto file = tmp.file("town.bin"); // any extension: the magic decides
    save_graph(built.graph, file);
    const BuiltGraph loaded = open_network(file, default_car_profile());
    CHECK(loaded.graph.head == built.graph.head);
    CHECK(loaded.report.nodes == 5);
    GraphBuildOptions other_crs;
    other_crs.crs = "EPSG:3857";
    CHECK_THROWS_AS(open_network(file, default_car_profile(), {}, {}, {}, other_crs), InputError);
    LineLayerMapping m;
    m.kind = LineLayerMapping::Kind::speed_field;
    m.speed_field = "VITESSE";
    const BuiltGraph lines =
        open_network(maillage::test::fixture("lines/bdtopo_like.geojson"), default_car_profile(), m);
    CHECK(lines.graph.node_count() > 0);
    CHECK(is_osm_path("x.osm.pbf"));
    CHECK(is_osm_path("x.osm"));
    CHECK_FALSE(is_osm_path("x.geojson"));
}
