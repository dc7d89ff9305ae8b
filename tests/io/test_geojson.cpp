#include "core/error.hpp"
#include "core/json.hpp"
#include "io/export_fixture.hpp"
#include "io/geojson_writer.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace maillage;

namespace {

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("maillage-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every number of the text: at most 6 decimals, never "-0".
void check_numbers(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '.' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) {
            std::size_t n = 0;
            while (i + 1 + n < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1 + n]))) ++n;
            CHECK(n <= 6);
            CHECK(text[i + n] != '0'); // trailing zeros trimmed
        }
    }
    CHECK(text.find("-0,") == std::string::npos);
    CHECK(text.find("-0]") == std::string::npos);
}

} // namespace

TEST_CASE("format_degrees: 6 decimals at most, trailing zeros trimmed, no -0") {
    CHECK(io::format_degrees(2.5) == "2.5");
    CHECK(io::format_degrees(48.1173) == "48.1173");
    CHECK(io::format_degrees(-1.6777777777) == "-1.677778");
    CHECK(io::format_degrees(-0.0000001) == "0");
    CHECK(io::format_degrees(-0.0) == "0");
    CHECK(io::format_degrees(0.000001) == "0.000001");
    CHECK(io::format_degrees(-0.000001) == "-0.000001");
    CHECK(io::format_degrees(180) == "180");
    CHECK(io::format_degrees(-179.9999999) == "-180");
    CHECK_THROWS_AS(io::format_degrees(std::nan("")), GeometryError);
}

TEST_CASE("format_real and json_string") {
    CHECK(format_real(0.1) == "0.1");
    CHECK(format_real(-0.0) == "0");
    CHECK(format_real(12) == "12");
    CHECK(format_real(std::nan("")) == "null");
    CHECK(json_string("a\"b\\c\n\x01é") == "\"a\\\"b\\\\c\\n\\u0001é\"");
}

TEST_CASE("GeoJSON: RFC 7946 text, read back by GDAL with counts, properties and winding") {
    GDALAllRegister(); // the writer itself needs no GDAL driver
    const auto fx = test::make_export_fixture();
    const auto dir = fresh_dir("geojson");
    for (const auto& layer : fx.layers) {
        CAPTURE(layer.name);
        const fs::path path = dir / (layer.name + ".geojson");
        io::write_geojson(path.string(), layer, "EPSG:2154");
        const std::string text = slurp(path);
        CHECK(text.find("\"crs\"") == std::string::npos);
        CHECK(text.rfind("{\"type\":\"FeatureCollection\",\"name\":\"" + layer.name + "\"", 0) == 0);
        check_numbers(text);

        GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        REQUIRE(ds->GetLayerCount() == 1);
        OGRLayer* l = ds->GetLayer(0);
        CHECK(l->GetFeatureCount() == static_cast<GIntBig>(layer.features.size()));
        OGRFeatureDefn* def = l->GetLayerDefn();
        REQUIRE(def->GetFieldCount() == static_cast<int>(layer.fields.size()));
        for (int k = 0; k < def->GetFieldCount(); ++k) CHECK(layer.fields[static_cast<std::size_t>(k)].name == def->GetFieldDefn(k)->GetNameRef());

        l->ResetReading();
        std::size_t i = 0;
        for (auto& feat : *l) {
            REQUIRE(i < layer.features.size());
            const auto& expected = layer.features[i];
            for (std::size_t k = 0; k < layer.fields.size(); ++k) {
                const int idx = static_cast<int>(k);
                const auto& v = expected.values[k];
                if (std::holds_alternative<std::monostate>(v)) CHECK(feat->IsFieldNull(idx));
                else if (auto* s = std::get_if<std::string>(&v)) CHECK(*s == feat->GetFieldAsString(idx));
                else if (auto* n = std::get_if<std::int64_t>(&v)) CHECK(*n == feat->GetFieldAsInteger64(idx));
                else if (auto* d = std::get_if<double>(&v)) CHECK(*d == doctest::Approx(feat->GetFieldAsDouble(idx)));
                else if (auto* b = std::get_if<bool>(&v)) CHECK((*b ? 1 : 0) == feat->GetFieldAsInteger(idx));
            }
            const OGRGeometry* g = feat->GetGeometryRef();
            REQUIRE(g);
            OGREnvelope env;
            g->getEnvelope(&env);
            // Around Rennes: lon -2..-1, lat 47.8..48.4.
            CHECK(env.MinX > -2.2);
            CHECK(env.MaxX < -1.0);
            CHECK(env.MinY > 47.8);
            CHECK(env.MaxY < 48.4);
            const auto type = wkbFlatten(g->getGeometryType());
            if (type == wkbPolygon || type == wkbMultiPolygon) {
                std::vector<const OGRPolygon*> polys;
                if (type == wkbPolygon) polys.push_back(g->toPolygon());
                else
                    for (const auto* p : *g->toMultiPolygon()) polys.push_back(p);
                for (const auto* p : polys) {
                    CHECK_FALSE(p->getExteriorRing()->isClockwise()); // counter-clockwise outer
                    for (int h = 0; h < p->getNumInteriorRings(); ++h) CHECK(p->getInteriorRing(h)->isClockwise());
                }
            }
            ++i;
        }
        CHECK(i == layer.features.size());
    }
    // The canton with a lake keeps its hole.
    const std::string cantons = slurp(dir / "cantons.geojson");
    CHECK(cantons.find("]],[[") != std::string::npos);
    CHECK(cantons.find("\"name\":\"Bruz \\\"Sud\\\"\"") != std::string::npos);
    CHECK(cantons.find("\"share_30\":null") != std::string::npos);
    CHECK(cantons.find("\"has_site\":true") != std::string::npos);
    // Properties in field order.
    CHECK(cantons.find("\"properties\":{\"code\":\"3510\",\"name\":\"Rennes-1\",\"population\":20000,\"share_30\":0.97,\"has_site\":true}") !=
          std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("GeoJSON: two runs give identical bytes, no temporary file left") {
    const auto fx = test::make_export_fixture();
    const auto dir = fresh_dir("geojson-det");
    for (const auto& layer : fx.layers) {
        io::write_geojson((dir / "a.geojson").string(), layer, "EPSG:2154");
        io::write_geojson((dir / "b.geojson").string(), layer, "EPSG:2154");
        CHECK(slurp(dir / "a.geojson") == slurp(dir / "b.geojson"));
    }
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    CHECK(files == 2);
    fs::remove_all(dir);
}

TEST_CASE("GeoJSON: bad layers and bad places are errors naming what is wrong") {
    auto fx = test::make_export_fixture();
    auto layer = fx.layer("cantons");
    SUBCASE("wrong type") {
        layer.features[2].values[3] = geo::FieldValue(std::string("45%"));
        const auto ct = geo::CoordinateTransform::to_wgs84("EPSG:2154");
        CHECK_THROWS_WITH_AS(io::to_geojson(layer, ct), "layer cantons: feature 2: field share_30: expected real, got string",
                             OutputError);
    }
    SUBCASE("missing value") {
        layer.features[0].values.pop_back();
        const auto ct = geo::CoordinateTransform::to_wgs84("EPSG:2154");
        CHECK_THROWS_WITH_AS(io::to_geojson(layer, ct), "layer cantons: feature 0: 4 values for 5 fields", OutputError);
    }
    SUBCASE("bad names") {
        auto bad = layer;
        bad.name = "my cantons";
        CHECK_THROWS_WITH_AS(geo::validate(bad), "layer my cantons: name must be letters, digits, '_' or '-'", OutputError);
        bad = layer;
        bad.fields[1].name = "3name";
        CHECK_THROWS_AS(geo::validate(bad), OutputError);
        bad = layer;
        bad.fields[1].name = "code";
        CHECK_THROWS_WITH_AS(geo::validate(bad), "layer cantons: field \"code\" appears twice", OutputError);
    }
    SUBCASE("missing directory") {
        const std::string path = (fs::temp_directory_path() / "maillage-no-such-dir" / "x.geojson").string();
        CHECK_THROWS_AS(io::write_geojson(path, layer, "EPSG:2154"), OutputError);
        CHECK_FALSE(fs::exists(path));
    }
    SUBCASE("unknown CRS") {
        CHECK_THROWS_AS(io::write_geojson("/tmp/x.geojson", layer, "EPSG:999999"), GeometryError);
    }
    SUBCASE("coordinates outside lon/lat bounds") {
        geo::OutputLayer pts;
        pts.name = "pts";
        pts.kind = geo::LayerGeometry::point;
        geo::OutputFeature f;
        f.point = geo::Point(200, 10); // a longitude past 180
        pts.features.push_back(f);
        const geo::CoordinateTransform identity("EPSG:4326", "EPSG:4326");
        CHECK_THROWS_WITH_AS(io::to_geojson(pts, identity),
                             doctest::Contains("layer pts: feature 0: coordinate outside WGS84 bounds"), GeometryError);
    }
}

TEST_CASE("CoordinateTransform: Lambert-93 to WGS84 with x = longitude") {
    const auto ct = geo::CoordinateTransform::to_wgs84("EPSG:2154");
    // Rennes town hall, about 351900 E, 6789300 N.
    const auto p = ct.forward(geo::Point(351900, 6789300));
    CHECK(p.x() == doctest::Approx(-1.68).epsilon(0.01));
    CHECK(p.y() == doctest::Approx(48.11).epsilon(0.01));
    const geo::CoordinateTransform back("EPSG:4326", "EPSG:2154");
    const auto q = back.forward(p);
    CHECK(q.x() == doctest::Approx(351900).epsilon(1e-6));
    CHECK(q.y() == doctest::Approx(6789300).epsilon(1e-6));
    CHECK_THROWS_AS(geo::CoordinateTransform("EPSG:2154", "not a crs"), InputError);
    CHECK_THROWS_AS(geo::CoordinateTransform::to_wgs84("not a crs"), GeometryError);
}
