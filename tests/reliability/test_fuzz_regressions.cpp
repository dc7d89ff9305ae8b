// Regression tests for bugs found while fuzzing the readers (fuzz/) or while
// writing the fuzz targets. One case per bug, smallest input that showed it.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "geo/vector_layer.hpp"
#include "network/graph_file.hpp"
#include "network/line_graph.hpp"
#include "network/osm_graph.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace maillage;
using maillage::test::TempDir;
using maillage::test::write_text;

TEST_CASE("fuzz regression: a geometry collection whose first part is not a point") {
    // The WGS84 position of a point feature was read by casting a collection
    // to a multipoint and its first part to a point: a LINESTRING read as a POINT gave a
    // garbage lon/lat (undefined behaviour). Now the first point is used, for
    // both the projected point and lon/lat.
    TempDir dir;
    const auto path = dir.file("wkt.csv");
    write_text(path,
               "WKT,id\n"
               "\"POINT (-1.6 48.1)\",plain\n"
               "\"GEOMETRYCOLLECTION (LINESTRING (5 45,6 46),POINT (-1.6 48.1))\",line-first\n"
               "\"GEOMETRYCOLLECTION (POINT (-1.6 48.1),POINT (-1.5 48.2))\",two-points\n"
               // Found by fuzz_csv (tests/fuzz/corpus/fuzz_csv/crash-collection-cast-to-multipoint.csv):
               // the collection cast to a multipoint, UBSan "downcast of address ... which
               // does not point to an object of type OGRMultiPoint".
               "\"GEOMETRYCOLLECTION (POINT (-1.6 48.1))\",only-point\n");
    geo::LayerSpec spec;
    spec.path = path;
    spec.source_crs = "EPSG:4326";
    geo::ReadOptions options;
    options.fields = {"id"};
    const auto layer = geo::read_layer(spec, options);
    REQUIRE(layer.features.size() == 4);
    const auto& plain = layer.features[0];
    REQUIRE(plain.kind == geo::GeometryKind::point);
    for (const auto& f : layer.features) {
        CAPTURE(*f.values[0]);
        REQUIRE(f.kind == geo::GeometryKind::point);
        REQUIRE(f.lonlat);
        CHECK(f.lonlat->lon == doctest::Approx(-1.6));
        CHECK(f.lonlat->lat == doctest::Approx(48.1));
        CHECK(f.point.x() == doctest::Approx(plain.point.x()));
        CHECK(f.point.y() == doctest::Approx(plain.point.y()));
    }
}

TEST_CASE("fuzz regression: a graph file whose shape offsets wrap around 2^32 is refused") {
    // validate() checked shape_first[s] + 2 <= shape_first[s + 1] in 32 bits:
    // an offset of 0xFFFFFFFF wrapped to 1 and passed, leaving offsets that
    // decrease and point far outside shape_x (read later when snapping).
    auto graph = network::build_graph_from_osm(maillage::test::source_path("tests/data/osm/tiny_town.osm"),
                                               network::default_car_profile())
                     .graph;
    REQUIRE(graph.shape_count() >= 2);
    graph.shape_first[1] = 0xFFFFFFFFu;
    TempDir dir;
    const auto path = dir.file("wrapped.graph");
    network::save_graph(graph, path); // a valid checksum over the bad offsets
    const auto msg = maillage::test::message_of<InputError>([&] { network::load_graph(path); });
    CHECK_STARTS_WITH(msg, path + ": inconsistent graph (shape with fewer than 2 points)");
}

TEST_CASE("fuzz regression: line-layer mappings never give a car road an unusable speed") {
    // Found by fuzz_line_mapping (tests/fuzz/corpus/fuzz_line_mapping/
    // crash-class-speed-zero.txt): a class speed of 0 made a car road of speed
    // 0. Seen while fixing it (and added to the corpus): a speed factor of
    // 1e300 overflows the float speed (undefined behaviour) and a speed field
    // of 1e-300 km/h gives 0 too. Class speeds and speed field values must now
    // be in [1, 300] km/h and the factor in [0.01, 10].
    using namespace maillage::network;
    const CarProfile profile = default_car_profile();
    LineLayerMapping m;
    m.kind = LineLayerMapping::Kind::class_table;
    m.class_field = "NATURE";
    m.class_speed_kmh = {{"Route locale", 36}, {"Rond-point", 0}};
    auto message = [](const LineLayerMapping& bad) -> std::string {
        try {
            (void)line_layer_fields(bad);
        } catch (const UsageError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK(message(m).find("class \"Rond-point\": speed 0 km/h is not in [1, 300]") != std::string::npos);
    m.class_speed_kmh = {{"Route locale", 36}};
    m.speed_factor = 1e300;
    CHECK(message(m).find("speed factor 1e+300 is not in [0.01, 10]") != std::string::npos);
    m.speed_factor = std::nan("");
    CHECK(message(m).find("speed factor nan") != std::string::npos);
    m.speed_factor = 0.8;
    const auto fields = line_layer_fields(m);
    const auto route = classify_line_feature(m, profile, fields, {"Route locale"});
    CHECK(route.car);
    CHECK(route.speed_kmh == doctest::Approx(28.8));

    LineLayerMapping speed;
    speed.kind = LineLayerMapping::Kind::speed_field;
    speed.speed_field = "VIT_MOY_VL";
    const auto speed_fields = line_layer_fields(speed);
    for (const char* bad : {"1e-300", "0.5", "0", "300.5", "nan", "inf", ""}) {
        CAPTURE(bad);
        const auto c = classify_line_feature(speed, profile, speed_fields, {bad});
        CHECK_FALSE(c.car);
        CHECK(c.skipped.find("VIT_MOY_VL") != std::string::npos);
        CHECK(c.skipped.find("expected km/h from 1 to 300") != std::string::npos);
    }
    for (const char* good : {"1", "50", "300"}) {
        CAPTURE(good);
        const auto c = classify_line_feature(speed, profile, speed_fields, {good});
        CHECK(c.car);
        CHECK(std::isfinite(c.speed_kmh));
        CHECK(c.speed_kmh >= 1);
    }
}

TEST_CASE("fuzz regression: a PBF blob header without a type is refused before libosmium reads it") {
    // libosmium passed the missing type to strncmp as a null pointer (UBSan,
    // fuzz_osm_pbf) and took an empty one for the expected type.
    TempDir dir;
    const auto no_type = dir.file("no-type.osm.pbf");
    // 4-byte size, then a BlobHeader with only datasize = 1 (field 3), then 1 byte.
    write_text(no_type, std::string("\0\0\0\x02\x18\x01\x00", 7));
    const auto msg = maillage::test::message_of<InputError>(
        [&] { network::build_graph_from_osm(no_type, network::default_car_profile()); });
    CHECK_STARTS_WITH(msg, no_type + ": byte 0: PBF blob header without a type");

    const auto empty_type = dir.file("empty-type.osm.pbf");
    // BlobHeader with type "" (field 1, length 0) and datasize = 1.
    write_text(empty_type, std::string("\0\0\0\x04\x0a\x00\x18\x01\x00", 9));
    CHECK_STARTS_WITH(maillage::test::message_of<InputError>([&] {
                          network::build_graph_from_osm(empty_type, network::default_car_profile());
                      }),
                      empty_type + ": byte 0: PBF blob header without a type");
}
