// read_layer: reprojection, axis order, fields, CSV lon/lat columns, CRS
// checks, polygon repair; crs_problem.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "geo/vector_layer.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace maillage;
using maillage::test::message_of;
using maillage::test::tiny;

namespace {

geo::VectorLayer read(const std::string& path, std::vector<std::string> fields, const std::string& source_crs = "",
                      bool repair = true) {
    geo::LayerSpec spec;
    spec.path = path;
    spec.source_crs = source_crs;
    geo::ReadOptions ro;
    ro.fields = std::move(fields);
    ro.repair = repair;
    return geo::read_layer(spec, ro);
}

} // namespace

// Reference figures from `gdaltransform -s_srs EPSG:2154 -t_srs EPSG:4326`:
// (358000, 6790000) <-> (-1.59877397, 48.12071342).
TEST_CASE("read_layer: lon/lat columns of a CSV are reprojected to Lambert-93, x = longitude") {
    geo::LayerSpec spec;
    spec.path = tiny("sites.csv");
    spec.x_field = "longitude";
    spec.y_field = "latitude";
    geo::ReadOptions ro;
    ro.fields = {"id_fs", "insee_com"};
    const auto layer = geo::read_layer(spec, ro);
    CHECK(layer.driver == "CSV");
    CHECK(layer.source_crs == "EPSG:4326");
    REQUIRE(layer.features.size() == 2);
    const auto& f = layer.features[0];
    CHECK(f.values[0] == "FS1");
    CHECK(f.values[1] == "35002");
    REQUIRE(f.kind == geo::GeometryKind::point);
    CHECK(std::abs(f.point.x() - 358000) < 0.5);
    CHECK(std::abs(f.point.y() - 6790000) < 0.5);
    REQUIRE(f.lonlat);
    CHECK(f.lonlat->lon == doctest::Approx(-1.598774));
    CHECK(f.lonlat->lat == doctest::Approx(48.120713));
    CHECK(layer.where(layer.features[1]) == tiny("sites.csv") + ": line 3");
}

TEST_CASE("read_layer: a GeoJSON point in WGS84 lands where PROJ says") {
    test::TempDir dir;
    const auto path = dir.file("p.geojson");
    test::write_wkt_layer(path, "GeoJSON", "EPSG:4326", {"id"}, {{{"a"}, "POINT (-1.59877397433511 48.120713423702)"}});
    const auto layer = read(path, {"id"});
    REQUIRE(layer.features.size() == 1);
    CHECK(std::abs(layer.features[0].point.x() - 358000) < 0.01);
    CHECK(std::abs(layer.features[0].point.y() - 6790000) < 0.01);
    CHECK(layer.where(layer.features[0]) == path + ": feature 0");
}

TEST_CASE("read_layer: polygons in the working CRS are read as they are, null values stay null") {
    test::TempDir dir;
    const auto path = dir.file("c.geojson");
    test::write_wkt_layer(path, "GeoJSON", "EPSG:2154", {"code", "nom"},
                          {{{"1", "A"}, "POLYGON ((0 0,10 0,10 10,0 10,0 0))"},
                           {{"2", ""}, "MULTIPOLYGON (((20 0,30 0,30 10,20 10,20 0)),((40 0,50 0,50 10,40 10,40 0)))"}});
    const auto layer = read(path, {"code", "nom"});
    REQUIRE(layer.features.size() == 2);
    CHECK(layer.stats.repaired == 0);
    CHECK(layer.features[0].kind == geo::GeometryKind::polygon);
    CHECK(layer.features[0].polygons.size() == 1);
    CHECK(layer.features[1].polygons.size() == 2);
    CHECK(layer.features[1].values[1] == std::string());
    CHECK(layer.features[0].polygons[0].outer().front().x() == doctest::Approx(0));
}

TEST_CASE("read_layer: an invalid polygon is repaired and counted, or refused with repair off") {
    const auto path = test::bad("communes-bowtie.geojson");
    const auto layer = read(path, {"code"});
    CHECK(layer.stats.repaired == 1);
    CHECK(layer.features[2].polygons.size() == 2); // two triangles
    const auto msg = message_of<InputError>([&] { read(path, {"code"}, "", /*repair=*/false); });
    CHECK_STARTS_WITH(msg, path + ": feature 2: invalid polygon (Self-intersection");
}

TEST_CASE("read_layer: layer name, fields and CRS errors name the source") {
    const auto path = tiny("cantons.geojson");
    SUBCASE("no such layer") {
        geo::LayerSpec spec;
        spec.path = path;
        spec.layer = "nope";
        const auto msg = message_of<InputError>([&] { geo::read_layer(spec, {}); });
        CHECK(msg == path + ": no layer \"nope\" (layers: cantons)");
    }
    SUBCASE("no such field") {
        const auto msg = message_of<InputError>([&] { read(path, {"code", "libelle"}); });
        CHECK(msg == path + ": field \"libelle\" not found (fields: code, nom)");
    }
    SUBCASE("unknown source CRS") {
        const auto msg = message_of<InputError>([&] { read(path, {"code"}, "EPSG:999999"); });
        CHECK_STARTS_WITH(msg, path + ": unknown source CRS \"EPSG:999999\"");
    }
    SUBCASE("lon/lat outside their bounds") {
        test::TempDir dir;
        const auto csv = dir.file("s.csv");
        test::write_text(csv, "id,lon,lat\na,-1.6,48.1\nb,48.1,-100\n");
        geo::LayerSpec spec;
        spec.path = csv;
        spec.x_field = "lon";
        spec.y_field = "lat";
        const auto msg = message_of<InputError>([&] { geo::read_layer(spec, {}); });
        CHECK(msg == csv + ": line 3: coordinates (48.1, -100) are outside longitude/latitude bounds");
    }
}

TEST_CASE("read_layer: a GeoPackage layer written without SRS has no CRS") {
    test::TempDir dir;
    const auto path = dir.file("c.gpkg");
    test::write_wkt_layer(path, "GPKG", "", {"code"}, {{{"1"}, "POLYGON ((0 0,10 0,10 10,0 10,0 0))"}});
    const auto msg = message_of<InputError>([&] { read(path, {"code"}); });
    CHECK_STARTS_WITH(msg, path + ": layer \"c\" has no CRS");
    const auto layer = read(path, {"code"}, "EPSG:2154");
    CHECK(layer.features.size() == 1);
    CHECK(layer.source_crs == "EPSG:2154");
}

TEST_CASE("crs_problem") {
    CHECK(geo::crs_problem("EPSG:2154", true).empty());
    CHECK(geo::crs_problem("EPSG:4326", false).empty());
    CHECK_CONTAINS(geo::crs_problem("EPSG:4326", true), "must be a projected CRS");
    CHECK_CONTAINS(geo::crs_problem("EPSG:999999", false), "is not a known CRS");
    CHECK_CONTAINS(geo::crs_problem("", false), "is not a known CRS");
}

TEST_CASE("read_layer: CSV line numbers follow the file, not OGR's record count") {
    test::TempDir dir;
    const auto csv = dir.file("rows.csv");
    // Line 2-4: one record whose quoted field holds escaped quotes and two
    // line breaks; line 5 blank; line 6 a record; CRLF line ends throughout.
    test::write_text(csv, "id,note\r\n"
                          "a,\"He said \"\"hi\r\n"
                          "\"\" and\r\n"
                          "left\"\r\n"
                          "\r\n"
                          "b,plain\r\n"
                          "c,last without a line end");
    const auto layer = read(csv, {"id", "note"});
    REQUIRE(layer.features.size() == 3);
    REQUIRE(layer.features[0].values[1]);
    CHECK_STARTS_WITH(*layer.features[0].values[1], "He said \"hi");
    CHECK_CONTAINS(*layer.features[0].values[1], "left");
    CHECK(layer.where(layer.features[0]) == csv + ": line 2");
    CHECK(layer.where(layer.features[1]) == csv + ": line 6");
    CHECK(layer.where(layer.features[2]) == csv + ": line 7");
}
