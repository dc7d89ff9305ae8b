// Export on the real Ille-et-Vilaine data: cantons and sites to GeoJSON and
// GeoPackage, crow-fly isochrones of the open sites, covered and uncovered
// areas.

#include "coverage/isochrone.hpp"
#include "geo/geopackage_writer.hpp"
#include "geo/polygon_ops.hpp"
#include "io/geojson_writer.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "io/web_assets.hpp"
#include "io/web_map.hpp"
#include "support.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <doctest/doctest.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <unistd.h>

namespace bg = boost::geometry;
namespace fs = std::filesystem;
using namespace maillage;

TEST_CASE("real: cantons, sites and crow-fly isochrones of Ille-et-Vilaine export and read back") {
    MAILLAGE_REQUIRE_REAL_DATA();
    LoadReport report;
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    const Territory t = load_territory(scenario, report);
    REQUIRE(t.cantons.size() == 27);

    geo::OutputLayer cantons;
    cantons.name = "cantons";
    cantons.kind = geo::LayerGeometry::polygon;
    cantons.fields = {{"code", geo::FieldType::string, "", "", "", false}, {"name", geo::FieldType::string, "", "", "", false}};
    std::vector<const geo::MultiPolygon*> parts;
    for (const auto& c : t.cantons) {
        geo::OutputFeature f;
        f.polygons = c.area;
        f.values = {geo::FieldValue(c.code), geo::FieldValue(c.name)};
        cantons.features.push_back(std::move(f));
        parts.push_back(&c.area);
    }
    const geo::MultiPolygon territory = geo::union_all(parts);
    geo::Box box;
    bg::envelope(territory, box);

    geo::OutputLayer iso;
    iso.name = "isochrones_30";
    iso.kind = geo::LayerGeometry::polygon;
    iso.fields = {{"site_id", geo::FieldType::string, "", "", "", false}};
    const double r = coverage::crow_fly_radius_m(60, 30 * 60.0, 1.3);
    std::vector<geo::MultiPolygon> isochrones;
    std::size_t inside = 0;
    for (const auto& s : t.sites) {
        if (!bg::within(s.xy, territory)) continue; // a site on the border may sit just outside
        ++inside;
        auto poly = coverage::crow_fly_isochrone(s.xy, r, territory, 64);
        CHECK(bg::within(s.xy, poly));
        geo::Box env;
        bg::envelope(poly, env);
        CHECK(env.min_corner().x() >= box.min_corner().x() - 1e-3);
        CHECK(env.max_corner().y() <= box.max_corner().y() + 1e-3);
        geo::OutputFeature f;
        f.polygons = poly;
        f.values = {geo::FieldValue(s.id)};
        iso.features.push_back(std::move(f));
        isochrones.push_back(std::move(poly));
    }
    REQUIRE(inside > 10);
    const auto covered = coverage::covered_area(isochrones);
    const auto uncovered = coverage::uncovered_area(territory, covered);
    CHECK(bg::area(covered) + bg::area(uncovered) == doctest::Approx(bg::area(territory)).epsilon(1e-4));
    CHECK(bg::area(covered) > 0.5 * bg::area(territory)); // 30 min at 46 km/h crow-fly covers most of it

    const fs::path dir = fs::temp_directory_path() / ("maillage-real-export-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    io::write_geojson((dir / "cantons.geojson").string(), cantons, t.crs);
    io::write_geojson((dir / "isochrones_30.geojson").string(), iso, t.crs);
    geo::GeoPackageOptions gpkg_options;
    gpkg_options.working_crs = t.crs;
    geo::write_geopackage((dir / "export.gpkg").string(), {&cantons, &iso}, gpkg_options);
    for (const char* name : {"cantons.geojson", "isochrones_30.geojson"}) {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir / name).string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        OGRLayer* l = ds->GetLayer(0);
        CHECK(l->GetFeatureCount() == (std::string(name) == "cantons.geojson" ? 27 : static_cast<GIntBig>(inside)));
        OGREnvelope env;
        REQUIRE(l->GetExtent(&env) == OGRERR_NONE);
        // Ille-et-Vilaine: lon -2.3..-1.0, lat 47.6..48.8.
        CHECK(env.MinX > -2.4);
        CHECK(env.MaxX < -0.9);
        CHECK(env.MinY > 47.5);
        CHECK(env.MaxY < 48.8);
        for (auto& f : *l) {
            const auto* g = f->GetGeometryRef();
            REQUIRE(g);
            std::vector<const OGRPolygon*> polys;
            if (wkbFlatten(g->getGeometryType()) == wkbPolygon) polys.push_back(g->toPolygon());
            else
                for (const auto* p : *g->toMultiPolygon()) polys.push_back(p);
            for (const auto* p : polys) {
                CHECK_FALSE(p->getExteriorRing()->isClockwise());
                for (int h = 0; h < p->getNumInteriorRings(); ++h) CHECK(p->getInteriorRing(h)->isClockwise());
            }
        }
    }
    // A map of it, beside the build, to look at (the browser test runs on the fixture).
    if (io::embedded_file("leaflet/leaflet.js")) {
        geo::OutputLayer shares = cantons;
        shares.name = "cantons_30";
        shares.title_fr = "Cantons";
        shares.title_en = "Cantons";
        shares.fields.push_back({"area_share", geo::FieldType::real, "Part de la surface à moins de 30 min",
                                 "Share of the area within 30 min", "", true});
        for (std::size_t i = 0; i < shares.features.size(); ++i) {
            const auto& area = t.cantons[i].area;
            shares.features[i].values.push_back(geo::FieldValue(geo::intersection_area(area, covered) / bg::area(area)));
        }
        geo::OutputLayer sites;
        sites.name = "sites";
        sites.title_fr = "France Services";
        sites.title_en = "France Services sites";
        sites.kind = geo::LayerGeometry::point;
        sites.fields = {{"name", geo::FieldType::string, "Nom", "Name", "", false},
                        {"format", geo::FieldType::string, "Format", "Format", "", false}};
        for (const auto& s : t.sites) {
            geo::OutputFeature f;
            f.point = s.xy;
            f.values = {geo::FieldValue(s.name), geo::FieldValue(std::string(to_string(s.format)))};
            sites.features.push_back(std::move(f));
        }
        geo::OutputLayer unc;
        unc.name = "uncovered_30";
        unc.title_fr = "Zones non couvertes";
        unc.title_en = "Uncovered areas";
        unc.kind = geo::LayerGeometry::polygon;
        geo::OutputFeature uf;
        uf.polygons = uncovered;
        unc.features.push_back(uf);
        io::WebMap map;
        map.title_fr = "Ille-et-Vilaine : France Services à 30 min (vol d'oiseau)";
        map.title_en = "Ille-et-Vilaine: France Services within 30 min (crow-fly)";
        map.notes_fr = {"Modèle de déplacement : vol d'oiseau, 60 km/h, détour 1,3 ; part de la surface, pas des habitants"};
        map.notes_en = {"Travel model: crow-fly, 60 km/h, circuity 1.3; share of the area, not of residents"};
        map.working_crs = t.crs;
        io::WebMapLayer lc;
        lc.layer = &shares;
        lc.style.kind = io::MapStyleKind::choropleth;
        lc.style.field = "area_share";
        lc.style.classes = io::share_classes();
        lc.style.fill_opacity = 0.6;
        lc.label_field = "name";
        lc.simplify_m = 50;
        io::WebMapLayer lu;
        lu.layer = &unc;
        lu.style.color = "#444444";
        lu.simplify_m = 50;
        io::WebMapLayer ls;
        ls.layer = &sites;
        ls.style.kind = io::MapStyleKind::categories;
        ls.style.field = "format";
        ls.style.categories = io::site_format_categories();
        ls.label_field = "name";
        map.layers = {lc, lu, ls};
        const fs::path out = fs::path(MAILLAGE_BINARY).parent_path() / "test-output";
        fs::create_directories(out);
        io::write_web_map((out / "real-map.html").string(), map);
        CHECK(fs::file_size(out / "real-map.html") > 100000);
    }

    GDALDatasetUniquePtr gpkg(GDALDataset::Open((dir / "export.gpkg").string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(gpkg);
    CHECK(gpkg->GetLayerByName("cantons")->GetFeatureCount() == 27);
    gpkg.reset();
    fs::remove_all(dir);
}
