#include "core/error.hpp"
#include "geo/geopackage_writer.hpp"
#include "io/export_fixture.hpp"

#include <doctest/doctest.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace maillage;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("GeoPackage: all layers in one file, working CRS, typed fields, same bytes twice") {
    const auto fx = test::make_export_fixture();
    const fs::path dir = fs::temp_directory_path() / ("maillage-gpkg-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path a = dir / "export.gpkg";
    const fs::path b = dir / "again.gpkg";
    geo::write_geopackage(a.string(), fx.pointers());
    geo::write_geopackage(b.string(), fx.pointers());
    CHECK(slurp(a) == slurp(b));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    CHECK(files == 2); // no temporary or journal left

    GDALDatasetUniquePtr ds(GDALDataset::Open(a.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    CHECK(ds->GetLayerCount() == static_cast<int>(fx.layers.size()));
    for (const auto& layer : fx.layers) {
        CAPTURE(layer.name);
        OGRLayer* l = ds->GetLayerByName(layer.name.c_str());
        REQUIRE(l);
        CHECK(l->GetFeatureCount() == static_cast<GIntBig>(layer.features.size()));
        const OGRSpatialReference* srs = l->GetSpatialRef();
        REQUIRE(srs);
        CHECK(std::string(srs->GetAuthorityCode(nullptr)) == "2154");
        OGRFeatureDefn* def = l->GetLayerDefn();
        REQUIRE(def->GetFieldCount() == static_cast<int>(layer.fields.size()));
        for (std::size_t k = 0; k < layer.fields.size(); ++k) {
            const auto* fd = def->GetFieldDefn(static_cast<int>(k));
            CHECK(layer.fields[k].name == fd->GetNameRef());
            switch (layer.fields[k].type) {
            case geo::FieldType::string: CHECK(fd->GetType() == OFTString); break;
            case geo::FieldType::integer: CHECK(fd->GetType() == OFTInteger64); break;
            case geo::FieldType::real: CHECK(fd->GetType() == OFTReal); break;
            case geo::FieldType::boolean:
                CHECK(fd->GetType() == OFTInteger);
                CHECK(fd->GetSubType() == OFSTBoolean);
                break;
            }
        }
    }
    // Values and geometry stay in Lambert-93.
    OGRLayer* cantons = ds->GetLayerByName("cantons");
    OGRFeatureUniquePtr f(cantons->GetFeature(2));
    REQUIRE(f);
    CHECK(std::string(f->GetFieldAsString("name")) == "Bruz \"Sud\"");
    CHECK(f->GetFieldAsDouble("share_30") == doctest::Approx(0.82));
    OGREnvelope env;
    f->GetGeometryRef()->getEnvelope(&env);
    CHECK(env.MinX == doctest::Approx(350000));
    CHECK(env.MaxY == doctest::Approx(6795000));
    CHECK(f->GetGeometryRef()->toMultiPolygon()->getGeometryRef(0)->getNumInteriorRings() == 1);
    OGRFeatureUniquePtr last(cantons->GetFeature(4));
    REQUIRE(last);
    CHECK(last->IsFieldNull(last->GetFieldIndex("share_30")));
    ds.reset();
    fs::remove_all(dir);
}

TEST_CASE("GeoPackage: duplicate layers and missing directories are errors, nothing left behind") {
    const auto fx = test::make_export_fixture();
    const auto* cantons = &fx.layer("cantons");
    const fs::path dir = fs::temp_directory_path() / ("maillage-gpkg-err-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    CHECK_THROWS_AS(geo::write_geopackage((dir / "x.gpkg").string(), {cantons, cantons}), OutputError);
    CHECK(fs::is_empty(dir));
    CHECK_THROWS_AS(geo::write_geopackage((dir / "missing" / "x.gpkg").string(), {cantons}), OutputError);
    fs::remove_all(dir);
}
