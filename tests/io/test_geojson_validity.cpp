// Polygons stay valid as written: the GeoJSON writer snaps lon/lat to the
// 1e-6 degree grid with GEOS before writing (issue 16, item 2), the
// GeoPackage writer refuses an invalid polygon, and every polygon layer of
// the real Ille-et-Vilaine export reads back valid, feature by feature.

#include "core/error.hpp"
#include "geo/geopackage_writer.hpp"
#include "geo/polygon_ops.hpp"
#include "geo/transform.hpp"
#include "io/geojson_writer.hpp"
#include "support.hpp"
#include "support/fixtures.hpp"

#include <doctest/doctest.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <fstream>
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

geo::Polygon::ring_type ring_from_ogr(const OGRLinearRing& r) {
    geo::Polygon::ring_type out;
    for (int i = 0; i < r.getNumPoints(); ++i) out.emplace_back(r.getX(i), r.getY(i));
    return out;
}

geo::MultiPolygon from_ogr(const OGRGeometry& g) {
    geo::MultiPolygon out;
    auto add = [&](const OGRPolygon& p) {
        if (p.IsEmpty()) return;
        geo::Polygon q;
        q.outer() = ring_from_ogr(*p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRings(); ++i) q.inners().push_back(ring_from_ogr(*p.getInteriorRing(i)));
        out.push_back(std::move(q));
    };
    if (wkbFlatten(g.getGeometryType()) == wkbPolygon) add(*g.toPolygon());
    else if (wkbFlatten(g.getGeometryType()) == wkbMultiPolygon)
        for (const auto* p : *g.toMultiPolygon()) add(*p);
    return out;
}

/// Every feature's geometry of every polygon layer of a dataset, read with
/// OGR; the first invalid one is reported as "file: layer: feature: reason".
struct ReadBack {
    std::size_t polygon_layers = 0;
    std::size_t features = 0;
    std::string first_invalid;
    std::vector<geo::MultiPolygon> geometries; // of the last layer read
};

void check_dataset(const std::string& path, ReadBack& rb) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE_MESSAGE(ds, path);
    auto polygonal = [](OGRwkbGeometryType t) { return wkbFlatten(t) == wkbPolygon || wkbFlatten(t) == wkbMultiPolygon; };
    for (auto* layer : ds->GetLayers()) {
        // A GeoJSON layer mixing Polygon and MultiPolygon reads as "unknown":
        // its features tell.
        bool is_polygon_layer = polygonal(layer->GetGeomType());
        for (auto& f : *layer)
            if (f->GetGeometryRef() && polygonal(f->GetGeometryRef()->getGeometryType())) is_polygon_layer = true;
        if (!is_polygon_layer) continue;
        layer->ResetReading();
        ++rb.polygon_layers;
        rb.geometries.clear();
        long long index = 0;
        for (auto& f : *layer) {
            ++rb.features;
            const OGRGeometry* g = f->GetGeometryRef();
            geo::MultiPolygon mp = g ? from_ogr(*g) : geo::MultiPolygon{};
            std::string reason;
            if (!mp.empty() && !geo::is_valid(mp, &reason) && rb.first_invalid.empty())
                rb.first_invalid = path + ": layer " + layer->GetName() + ": feature " + std::to_string(index) + ": " + reason;
            rb.geometries.push_back(std::move(mp));
            ++index;
        }
    }
}

geo::OutputLayer polygon_layer(const std::string& name, std::vector<geo::MultiPolygon> geometries) {
    geo::OutputLayer l;
    l.name = name;
    l.kind = geo::LayerGeometry::polygon;
    l.fields = {{"id", geo::FieldType::integer, "", "", "", false}};
    std::int64_t id = 0;
    for (auto& g : geometries) {
        geo::OutputFeature f;
        f.polygons = std::move(g);
        f.values = {geo::FieldValue(id++)};
        l.features.push_back(std::move(f));
    }
    return l;
}

// Lon/lat near Saint-Malo, in micro-degrees from an origin on the grid.
constexpr double kLon0 = -1.8032, kLat0 = 48.6075;
geo::Point micro(double dx, double dy) { return {kLon0 + dx * 1e-6, kLat0 + dy * 1e-6}; }

/// A square (100 x 100 micro-degrees) with a notch cut from its top whose
/// tip passes 0.02 micro-degrees (2 mm) above the slanting bottom edge:
/// valid as it is, but rounded to 1e-6 degrees the tip (y 0.47 -> 0) falls
/// below the rounded edge (y 0.3 -> 0, 0.6 -> 1: 0.5 at the tip's x), so the
/// two edges cross. Returned in Lambert-93, the working CRS.
geo::Polygon notched_square_l93(const geo::CoordinateTransform& ct) {
    const geo::Point lonlat[] = {micro(0, 0.3),  micro(100, 0.6),  micro(100, 100), micro(60, 100),
                                 micro(50, 0.47), micro(40, 100), micro(0, 100), micro(0, 0.3)};
    geo::Polygon p;
    for (const auto& q : lonlat) p.outer().push_back(ct.inverse(q.x(), q.y()));
    return p;
}

bool on_grid(double v) { return std::abs(v * 1e6 - std::round(v * 1e6)) < 1e-6; }

} // namespace

TEST_CASE("geojson: a polygon valid in Lambert-93 that self-intersects once rounded is snapped and written valid") {
    const auto ct = geo::CoordinateTransform::to_wgs84("EPSG:2154");
    const geo::Polygon p = notched_square_l93(ct);
    std::string reason;
    REQUIRE(geo::is_valid({p}, &reason));

    // The old way, rounding each reprojected coordinate, gives an invalid polygon.
    geo::Polygon rounded;
    for (const auto& q : p.outer()) {
        const auto ll = ct.forward(q);
        rounded.outer().emplace_back(std::round(ll.x() * 1e6) / 1e6, std::round(ll.y() * 1e6) / 1e6);
    }
    CHECK_FALSE(geo::is_valid({rounded}, &reason));
    CHECK(reason.find("Self-intersection") != std::string::npos);

    const auto dir = fresh_dir("geojson-validity");
    const auto path = (dir / "notched.geojson").string();
    const auto layer = polygon_layer("notched", {{p}});
    const auto stats = io::write_geojson(path, layer, "EPSG:2154");
    CHECK(stats.polygons_collapsed == 0);
    CHECK(stats.features_emptied == 0);

    ReadBack rb;
    check_dataset(path, rb);
    CHECK_MESSAGE(rb.first_invalid.empty(), rb.first_invalid);
    REQUIRE(rb.geometries.size() == 1);
    const auto& written = rb.geometries.front();
    REQUIRE_FALSE(written.empty());
    // What is written is the snapped geometry exactly: every coordinate on
    // the grid, and the same as GEOS's snapped polygon.
    geo::MultiPolygon lonlat{geo::Polygon{}};
    for (const auto& q : p.outer()) lonlat.front().outer().push_back(ct.forward(q));
    const auto snapped = geo::reduce_precision(lonlat, 1e-6);
    CHECK(snapped.invalid_reason.empty());
    REQUIRE(snapped.polygons.size() == written.size());
    for (std::size_t k = 0; k < written.size(); ++k) {
        const auto& a = written[k].outer();
        const auto& b = snapped.polygons[k].outer();
        REQUIRE(a.size() == b.size());
        for (const auto& q : a) CHECK((on_grid(q.x()) && on_grid(q.y())));
        for (const auto& q : b) CHECK((on_grid(q.x()) && on_grid(q.y())));
        // Written counter-clockwise (RFC 7946), Boost's rings are clockwise.
        // Compared in micro-degrees: GDAL's JSON reader may miss the nearest
        // double by one bit.
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(std::llround(a[i].x() * 1e6) == std::llround(b[b.size() - 1 - i].x() * 1e6));
            CHECK(std::llround(a[i].y() * 1e6) == std::llround(b[b.size() - 1 - i].y() * 1e6));
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("geojson: a polygon narrower than 1e-6 degrees is dropped and counted, an emptied feature keeps its properties") {
    const auto ct = geo::CoordinateTransform::to_wgs84("EPSG:2154");
    auto l93 = [&](std::initializer_list<geo::Point> pts) {
        geo::Polygon p;
        for (const auto& q : pts) p.outer().push_back(ct.inverse(q.x(), q.y()));
        return p;
    };
    // 0.3 micro-degrees wide: collapses on the grid.
    const geo::Polygon sliver = l93({micro(0, 0.1), micro(50, 0.1), micro(50, 0.4), micro(0, 0.4), micro(0, 0.1)});
    const geo::Polygon square = l93({micro(200, 0), micro(300, 0), micro(300, 100), micro(200, 100), micro(200, 0)});
    const auto layer = polygon_layer("slivers", {{sliver, square}, {sliver}});
    io::GeoJsonStats stats;
    const std::string text = io::to_geojson(layer, ct, &stats);
    CHECK(stats.polygons_collapsed == 2);
    CHECK(stats.features_emptied == 1);
    CHECK(text.find("{\"type\":\"Feature\",\"properties\":{\"id\":1},\"geometry\":null}") != std::string::npos);
    CHECK(text.find("\"properties\":{\"id\":0},\"geometry\":{\"type\":\"Polygon\"") != std::string::npos);
}

TEST_CASE("geopackage: an invalid polygon is refused, naming the layer, the feature and GEOS's reason") {
    geo::Polygon bowtie;
    const double x0 = 350000, y0 = 6780000;
    bowtie.outer() = {{x0, y0}, {x0 + 100, y0 + 100}, {x0 + 100, y0}, {x0, y0 + 100}, {x0, y0}};
    geo::Polygon square;
    square.outer() = {{x0, y0}, {x0, y0 + 10}, {x0 + 10, y0 + 10}, {x0 + 10, y0}, {x0, y0}};
    const auto layer = polygon_layer("zones", {{square}, {bowtie}});
    const auto dir = fresh_dir("gpkg-validity");
    const auto path = (dir / "out.gpkg").string();
    const auto msg = test::message_of<GeometryError>([&] { geo::write_geopackage(path, {&layer}); });
    CHECK(msg.find("layer zones") != std::string::npos);
    CHECK(msg.find("feature 1") != std::string::npos);
    CHECK(msg.find("Self-intersection[") != std::string::npos);
    CHECK_FALSE(fs::exists(path));
    fs::remove_all(dir);
}

TEST_CASE("real: every polygon layer of the crow-fly export of Ille-et-Vilaine reads back valid, three dates") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto dir = fresh_dir("export-validity");
    for (const std::string date : {"2021-07-01", "2022-12-31", "2024-08-01"}) {
        CAPTURE(date);
        const auto out = dir / date;
        const auto r = test::run_cli_in(MAILLAGE_SOURCE_DIR, {"-q", "export", "data/ille-et-vilaine.toml", "--as-of",
                                                              date, "--out", out.string(), "--no-map"});
        CAPTURE(r.err);
        REQUIRE(r.exit_code == 0);
        ReadBack geojson;
        for (const auto& e : fs::directory_iterator(out))
            if (e.path().extension() == ".geojson") check_dataset(e.path().string(), geojson);
        CHECK(geojson.polygon_layers >= 5); // cantons, communes, isochrones, non-empty uncovered areas
        CHECK(geojson.features > 300);
        CHECK_MESSAGE(geojson.first_invalid.empty(), geojson.first_invalid);
        ReadBack gpkg;
        check_dataset((out / "maillage.gpkg").string(), gpkg);
        CHECK(gpkg.polygon_layers == 8); // GeoJSON cannot tell an empty layer's type
        CHECK_MESSAGE(gpkg.first_invalid.empty(), gpkg.first_invalid);
    }
    fs::remove_all(dir);
}
