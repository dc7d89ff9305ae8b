// maillage export on the tiny territory: every GeoJSON reads back with GDAL
// with the expected counts and fields, coordinates are lon/lat in bounds with
// counter-clockwise outer rings, two runs give the same bytes, and a failed
// run leaves nothing behind.

#include "support.hpp"
#include "support/fixtures.hpp"

#include <doctest/doctest.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sys/wait.h>

using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;

namespace {

int run_export(const std::string& scenario, const std::string& out, const std::string& extra = "--no-map") {
    const std::string cmd = maillage::test::shell_quote(MAILLAGE_BINARY) + " -q export " + maillage::test::shell_quote(scenario) + " --out " +
                            maillage::test::shell_quote(out) + " " + extra + " >/dev/null 2>&1 </dev/null";
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

struct LayerInfo {
    long long features = 0;
    std::vector<std::string> fields;
    bool in_bounds = true;
    bool ccw_outer = true;
};

// Signed area of a ring (positive = counter-clockwise in lon/lat).
double signed_area(const OGRLinearRing& r) {
    double a = 0;
    for (int i = 0; i + 1 < r.getNumPoints(); ++i) a += r.getX(i) * r.getY(i + 1) - r.getX(i + 1) * r.getY(i);
    return a / 2;
}

void check_polygon(const OGRPolygon& p, LayerInfo& info) {
    if (p.IsEmpty()) return;
    if (signed_area(*p.getExteriorRing()) <= 0) info.ccw_outer = false;
}

LayerInfo read_geojson(const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE_MESSAGE(ds, path);
    OGRLayer* layer = ds->GetLayer(0);
    LayerInfo info;
    info.features = layer->GetFeatureCount();
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
        info.fields.push_back(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    for (auto& f : *layer) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g) continue;
        OGREnvelope env;
        g->getEnvelope(&env);
        if (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90) info.in_bounds = false;
        if (wkbFlatten(g->getGeometryType()) == wkbPolygon) check_polygon(*g->toPolygon(), info);
        if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
            for (const auto* p : *g->toMultiPolygon()) check_polygon(*p, info);
    }
    return info;
}

bool has_field(const LayerInfo& info, const std::string& name) {
    return std::find(info.fields.begin(), info.fields.end(), name) != info.fields.end();
}

} // namespace

TEST_CASE("cli: export writes every layer, readable by GDAL, in lon/lat, counter-clockwise") {
    TempDir dir;
    const auto out = dir.file("out");
    REQUIRE(run_export(tiny("tiny.toml"), out) == 0);
    const std::map<std::string, long long> expected{
        {"cantons", 2}, {"communes", 3}, {"sites", 1}, {"bus_routes", 0}, {"accessibility", 3}};
    for (const auto& [name, count] : expected) {
        const auto info = read_geojson(out + "/" + name + ".geojson");
        CHECK_MESSAGE(info.features == count, name);
        CHECK_MESSAGE(info.in_bounds, name);
        CHECK_MESSAGE(info.ccw_outer, name);
    }
    const auto cantons = read_geojson(out + "/cantons.geojson");
    for (const auto* f : {"code", "name", "population", "share_20", "share_30", "share_45", "mean_min", "has_site"})
        CHECK_MESSAGE(has_field(cantons, f), f);
    const auto communes = read_geojson(out + "/communes.geojson");
    for (const auto* f : {"nearest_site", "time_min", "category_30", "hours_week"}) CHECK_MESSAGE(has_field(communes, f), f);
    const auto access = read_geojson(out + "/accessibility.geojson");
    for (const auto* f : {"id", "population", "time_min", "site_id", "fixed_time_min", "category_20", "hours_week"})
        CHECK_MESSAGE(has_field(access, f), f);
    for (const auto* th : {"20", "30", "45"}) {
        const auto iso = read_geojson(out + "/isochrones_" + std::string(th) + ".geojson");
        CHECK(iso.features == 1); // one open site in the tiny territory
        CHECK(iso.ccw_outer);
        read_geojson(out + "/uncovered_" + std::string(th) + ".geojson");
    }
    // The GeoPackage holds the same layers.
    GDALDatasetUniquePtr gpkg(GDALDataset::Open((out + "/maillage.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(gpkg);
    CHECK(gpkg->GetLayerCount() == 12);
    CHECK(gpkg->GetLayerByName("cantons")->GetFeatureCount() == 2);
    const auto report = read_text(out + "/report.md");
    CHECK(report.find("Travel model: crow-fly") != std::string::npos);
    // No leftover temporary file.
    for (const auto& e : std::filesystem::directory_iterator(out))
        CHECK_MESSAGE(e.path().filename().string().find(".tmp") == std::string::npos, e.path());
}

TEST_CASE("cli: export is byte-for-byte reproducible") {
    TempDir dir;
    REQUIRE(run_export(tiny("tiny.toml"), dir.file("a")) == 0);
    REQUIRE(run_export(tiny("tiny.toml"), dir.file("b")) == 0);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.file("a"))) {
        ++files;
        const auto other = dir.file("b") + "/" + e.path().filename().string();
        CHECK_MESSAGE(read_text(e.path().string()) == read_text(other), e.path().filename());
    }
    CHECK(files == 20); // 15 + accessibility.geojson and accessibility.csv + the notes of the 3 CSV files
}

TEST_CASE("cli: export into a path that is a file fails with exit 1 and writes nothing") {
    TempDir dir;
    maillage::test::write_text(dir.file("taken"), "x");
    CHECK(run_export(tiny("tiny.toml"), dir.file("taken")) == 1);
    CHECK(read_text(dir.file("taken")) == "x");
    // A bad scenario stops before anything is written.
    CHECK(run_export(tiny("does-not-exist.toml"), dir.file("out")) == 1);
    CHECK_FALSE(std::filesystem::exists(dir.file("out")));
}

TEST_CASE("real: export crow-fly, 2021 and 2024: a threshold that covers every resident writes an empty uncovered layer") {
    MAILLAGE_REQUIRE_REAL_DATA();
    // Issue 18, defect 4: uncovered_45 (2021) and uncovered_30/45 (2024)
    // held only zero-area slivers where the report says 100 % are covered.
    const std::string scenario = (maillage::test::source_dir() / "data" / "ille-et-vilaine.toml").string();
    TempDir dir;
    GDALAllRegister();
    for (const auto& [as_of, layers] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"2021-07-01", {"uncovered_45"}}, {"2024-07-01", {"uncovered_30", "uncovered_45"}}}) {
        const std::string out = dir.file("out-" + as_of);
        REQUIRE(run_export(scenario, out, "--no-map --as-of " + as_of) == 0);
        GDALDatasetUniquePtr gpkg(
            GDALDataset::Open((out + "/maillage.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(gpkg);
        for (const auto& name : layers) {
            CAPTURE(as_of);
            CAPTURE(name);
            CHECK(read_geojson(out + "/" + name + ".geojson").features == 0);
            OGRLayer* l = gpkg->GetLayerByName(name.c_str());
            REQUIRE(l);
            CHECK(l->GetFeatureCount() == 0);
        }
        // The 20-minute areas are real and stay.
        CHECK(read_geojson(out + "/uncovered_20.geojson").features == 1);
    }
}
