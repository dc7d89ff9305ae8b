#pragma once
// A small export built in code, in Lambert-93 around Rennes: four cantons
// (one with a lake-shaped hole, one without figures), four sites of the four
// formats, ranked candidates, crow-fly isochrones at 30 and 45 min, the
// uncovered area and two roads.

#include "coverage/isochrone.hpp"
#include "geo/output_layer.hpp"
#include "io/web_map.hpp"

#include <boost/geometry/algorithms/correct.hpp>

#include <string>
#include <vector>

namespace maillage::test {

inline geo::Polygon rect(double x0, double y0, double x1, double y1) {
    geo::Polygon p;
    p.outer() = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}};
    boost::geometry::correct(p);
    return p;
}

struct ExportFixture {
    std::vector<geo::OutputLayer> layers; // cantons, sites, candidates, isochrones_30, uncovered_30, isochrones_45,
                                          // cantons_without_site, territory, accessibility, roads
    geo::MultiPolygon territory;

    const geo::OutputLayer& layer(const std::string& name) const {
        for (const auto& l : layers)
            if (l.name == name) return l;
        throw std::runtime_error("no layer " + name);
    }
    std::vector<const geo::OutputLayer*> pointers() const {
        std::vector<const geo::OutputLayer*> out;
        for (const auto& l : layers) out.push_back(&l);
        return out;
    }
};

inline ExportFixture make_export_fixture() {
    using geo::FieldType;
    using geo::FieldValue;
    ExportFixture fx;
    const double x0 = 340000, y0 = 6775000;

    fx.territory = {rect(x0, y0, x0 + 40000, y0 + 20000)};

    geo::OutputLayer cantons;
    cantons.name = "cantons";
    cantons.title_fr = "Cantons";
    cantons.title_en = "Cantons";
    cantons.kind = geo::LayerGeometry::polygon;
    cantons.fields = {{"code", FieldType::string, "Code", "Code", "", false},
                      {"name", FieldType::string, "Nom", "Name", "", false},
                      {"population", FieldType::integer, "Population", "Population", "hab.", false},
                      {"share_30", FieldType::real, "Part à moins de 30 min", "Share within 30 min", "", true},
                      {"has_site", FieldType::boolean, "A un site", "Has a site", "", false}};
    const char* names[] = {"Rennes-1", "Bruz \"Sud\"", "Liffré", "Janzé"};
    const double shares[] = {0.97, 0.82, 0.45, -1};
    for (int i = 0; i < 4; ++i) {
        geo::OutputFeature f;
        geo::Polygon p = rect(x0 + 10000 * i, y0, x0 + 10000 * (i + 1), y0 + 20000);
        if (i == 1) { // a lake: a hole (Boost holes are counter-clockwise)
            geo::Polygon::ring_type hole = {{x0 + 14000, y0 + 8000}, {x0 + 16000, y0 + 8000}, {x0 + 16000, y0 + 10000},
                                            {x0 + 14000, y0 + 10000}, {x0 + 14000, y0 + 8000}};
            p.inners().push_back(hole);
            boost::geometry::correct(p);
        }
        f.polygons = {p};
        f.values = {FieldValue(std::string("35") + std::to_string(10 + i)), FieldValue(std::string(names[i])),
                    FieldValue(std::int64_t{20000 + 1000 * i}),
                    shares[i] < 0 ? FieldValue(std::monostate{}) : FieldValue(shares[i]), FieldValue(i != 3)};
        cantons.features.push_back(std::move(f));
    }

    geo::OutputLayer sites;
    sites.name = "sites";
    sites.title_fr = "France Services";
    sites.title_en = "France Services sites";
    sites.kind = geo::LayerGeometry::point;
    sites.fields = {{"id", FieldType::string, "Identifiant", "Id", "", false},
                    {"name", FieldType::string, "Nom", "Name", "", false},
                    {"format", FieldType::string, "Format", "Format", "", false},
                    {"weekly_hours", FieldType::real, "Heures par semaine", "Weekly hours", "h", false}};
    const char* formats[] = {"fixed", "multi-site", "bus", "itinerant"};
    std::vector<geo::Point> site_points;
    for (int i = 0; i < 4; ++i) {
        geo::OutputFeature f;
        f.point = geo::Point(x0 + 5000 + 10000 * i, y0 + 6000 + 3000 * i);
        site_points.push_back(f.point);
        f.values = {FieldValue("FS" + std::to_string(i + 1)), FieldValue("Site " + std::to_string(i + 1)),
                    FieldValue(std::string(formats[i])), FieldValue(24.5 + i)};
        sites.features.push_back(std::move(f));
    }

    geo::OutputLayer candidates;
    candidates.name = "candidates";
    candidates.title_fr = "Candidats classés";
    candidates.title_en = "Ranked candidates";
    candidates.kind = geo::LayerGeometry::point;
    candidates.fields = {{"commune", FieldType::string, "Commune", "Commune", "", false},
                         {"canton_code", FieldType::string, "Canton", "Canton", "", false},
                         {"rank", FieldType::integer, "Rang", "Rank", "", false},
                         {"gain", FieldType::integer, "Habitants gagnés", "Residents gained", "", false}};
    const int canton_of[] = {2, 2, 2, 3, 3};
    for (int i = 0; i < 5; ++i) {
        geo::OutputFeature f;
        f.point = geo::Point(x0 + 10000 * canton_of[i] + 2000 + 1500 * i, y0 + 15000);
        f.values = {FieldValue("Commune " + std::to_string(i + 1)), FieldValue("35" + std::to_string(10 + canton_of[i])),
                    FieldValue(std::int64_t{i % 3 + 1}), FieldValue(std::int64_t{5000 - 700 * i})};
        candidates.features.push_back(std::move(f));
    }

    fx.layers.push_back(std::move(cantons));
    fx.layers.push_back(std::move(sites));
    fx.layers.push_back(std::move(candidates));

    for (const int minutes : {30, 45}) {
        geo::OutputLayer iso;
        iso.name = "isochrones_" + std::to_string(minutes);
        iso.title_fr = "Isochrones";
        iso.title_en = "Isochrones";
        iso.kind = geo::LayerGeometry::polygon;
        iso.fields = {{"site_id", FieldType::string, "Site", "Site", "", false},
                      {"minutes", FieldType::integer, "Temps", "Time", "min", false}};
        // A slow crow-fly model so that the circles stay inside the fixture.
        const double r = coverage::crow_fly_radius_m(12, minutes * 60.0, 1.3);
        std::vector<geo::MultiPolygon> all;
        for (std::size_t i = 0; i < site_points.size(); ++i) {
            geo::OutputFeature f;
            f.polygons = coverage::crow_fly_isochrone(site_points[i], r, fx.territory, 64);
            all.push_back(f.polygons);
            f.values = {FieldValue("FS" + std::to_string(i + 1)), FieldValue(std::int64_t{minutes})};
            iso.features.push_back(std::move(f));
        }
        if (minutes == 30) {
            geo::OutputLayer unc;
            unc.name = "uncovered_30";
            unc.title_fr = "Zones non couvertes";
            unc.title_en = "Uncovered areas";
            unc.kind = geo::LayerGeometry::polygon;
            unc.fields = {{"minutes", FieldType::integer, "Seuil", "Threshold", "min", false}};
            geo::OutputFeature f;
            f.polygons = coverage::uncovered_area(fx.territory, coverage::covered_area(all));
            f.values = {FieldValue(std::int64_t{30})};
            unc.features.push_back(std::move(f));
            fx.layers.push_back(std::move(iso));
            fx.layers.push_back(std::move(unc));
        } else {
            fx.layers.push_back(std::move(iso));
        }
    }

    // The canton without a site (Janzé), and the territory's outline.
    geo::OutputLayer without;
    without.name = "cantons_without_site";
    without.title_fr = "Cantons sans France services";
    without.title_en = "Cantons without a France Services";
    without.kind = geo::LayerGeometry::polygon;
    without.fields = {{"name", FieldType::string, "Nom", "Name", "", false}};
    for (const auto& f : fx.layers[0].features) {
        if (std::get<bool>(f.values[4])) continue;
        geo::OutputFeature g;
        g.polygons = f.polygons;
        g.values = {f.values[1]};
        without.features.push_back(std::move(g));
    }
    fx.layers.push_back(std::move(without));
    geo::OutputLayer outline;
    outline.name = "territory";
    outline.title_fr = "Limite du territoire";
    outline.title_en = "Territory boundary";
    outline.kind = geo::LayerGeometry::polygon;
    outline.fields = {{"name", FieldType::string, "Nom", "Name", "", false}};
    geo::OutputFeature whole;
    whole.polygons = fx.territory;
    whole.values = {FieldValue(std::string("Fixture"))};
    outline.features.push_back(std::move(whole));
    fx.layers.push_back(std::move(outline));

    // Demand points with their time to the nearest site: on and around the
    // class bounds of minute_classes() (≤ 10, 10–20, 20–30, 30–45, > 45),
    // one unreachable.
    geo::OutputLayer access;
    access.name = "accessibility";
    access.title_fr = "Accessibilité par point de demande";
    access.title_en = "Accessibility per demand point";
    access.kind = geo::LayerGeometry::point;
    access.fields = {{"id", FieldType::string, "Identifiant", "Id", "", false},
                     {"time_min", FieldType::real, "Temps", "Time", "min", false}};
    const double times[] = {5, 10, 10.1, 20, 25, 30, 44, 46, -1};
    for (int i = 0; i < 9; ++i) {
        geo::OutputFeature f;
        f.point = geo::Point(x0 + 2000 + 4000 * i, y0 + 18000);
        f.values = {FieldValue("P" + std::to_string(i + 1)),
                    times[i] < 0 ? FieldValue(std::monostate{}) : FieldValue(times[i])};
        access.features.push_back(std::move(f));
    }
    fx.layers.push_back(std::move(access));

    geo::OutputLayer roads;
    roads.name = "roads";
    roads.title_fr = "Routes";
    roads.title_en = "Roads";
    roads.kind = geo::LayerGeometry::line;
    roads.fields = {{"ref", FieldType::string, "Route", "Road", "", false}};
    geo::OutputFeature a;
    a.lines = {{{x0 + 1000, y0 + 1000}, {x0 + 20000, y0 + 12000}, {x0 + 39000, y0 + 19000}}};
    a.values = {FieldValue(std::string("N 137"))};
    geo::OutputFeature b;
    b.lines = {{{x0 + 1000, y0 + 19000}, {x0 + 12000, y0 + 15000}}, {{x0 + 25000, y0 + 2000}, {x0 + 30000, y0 + 4000}}};
    b.values = {FieldValue(std::monostate{})};
    roads.features = {a, b};
    fx.layers.push_back(std::move(roads));
    return fx;
}

/// The web map of the fixture: choropleth cantons with the candidate ranking,
/// sites by format, isochrones per threshold.
inline io::WebMap make_fixture_map(const ExportFixture& fx, bool osm = true) {
    io::WebMap map;
    map.title_fr = "Maillage France Services – test";
    map.title_en = "France Services coverage – test";
    map.notes_fr = {"Modèle de déplacement : vol d'oiseau, 12 km/h, détour 1,3", "Horaires du bus : hypothèse pour illustration"};
    map.notes_en = {"Travel model: crow-fly, 12 km/h, circuity 1.3", "Bus schedule: hypothesis for illustration"};
    map.osm_background = osm;
    io::WebMapLayer cantons;
    cantons.layer = &fx.layer("cantons");
    cantons.style.kind = io::MapStyleKind::choropleth;
    cantons.style.field = "share_30";
    cantons.style.classes = io::share_classes();
    cantons.style.fill_opacity = 0.6;
    cantons.style.legend_fr = "Part des habitants à moins de 30 min";
    cantons.style.legend_en = "Share of residents within 30 min";
    cantons.label_field = "name";
    cantons.label_min_zoom = 9;
    cantons.tables.push_back({"candidates", "code", "canton_code", "rank", {"rank", "commune", "gain"},
                              "Classement des candidats", "Candidate ranking", 10});
    io::WebMapLayer uncovered;
    uncovered.layer = &fx.layer("uncovered_30");
    uncovered.style.color = "#555555";
    uncovered.style.fill_opacity = 0.3;
    uncovered.visible = false;
    uncovered.threshold_min = 30;
    uncovered.group = "uncovered";
    io::WebMapLayer iso30;
    iso30.layer = &fx.layer("isochrones_30");
    iso30.style.color = "#2166ac";
    iso30.style.fill_opacity = 0.15;
    iso30.threshold_min = 30;
    iso30.group = "isochrones";
    io::WebMapLayer iso45 = iso30;
    iso45.layer = &fx.layer("isochrones_45");
    iso45.threshold_min = 45;
    io::WebMapLayer roads;
    roads.layer = &fx.layer("roads");
    roads.style.color = "#8c510a";
    roads.label_field = "ref";
    io::WebMapLayer candidates;
    candidates.layer = &fx.layer("candidates");
    candidates.style.color = "#000000";
    candidates.visible = false;
    candidates.label_field = "commune";
    io::WebMapLayer sites;
    sites.layer = &fx.layer("sites");
    sites.style.kind = io::MapStyleKind::categories;
    sites.style.field = "format";
    sites.style.categories = io::site_format_categories();
    sites.style.legend_fr = "Format des sites";
    sites.style.legend_en = "Site format";
    sites.label_field = "name";
    io::WebMapLayer without;
    without.layer = &fx.layer("cantons_without_site");
    without.style.hatch = true;
    without.style.color = "#3b0a45";
    without.style.weight = 3;
    without.style.legend_fr = "Canton sans France services";
    without.style.legend_en = "Canton without a France Services";
    without.interactive = false;
    io::WebMapLayer outline;
    outline.layer = &fx.layer("territory");
    outline.style.color = "#000000";
    outline.style.fill_opacity = 0;
    outline.style.weight = 2.5;
    outline.style.legend_fr = "Limite du territoire";
    outline.style.legend_en = "Territory boundary";
    outline.interactive = false;
    io::WebMapLayer access;
    access.layer = &fx.layer("accessibility");
    access.style.kind = io::MapStyleKind::choropleth;
    access.style.field = "time_min";
    access.style.classes = io::minute_classes();
    access.style.upper_inclusive = true;
    access.style.point_radius_px = 5;
    access.style.fill_opacity = 0.9;
    access.style.legend_fr = "Temps jusqu'à la France services la plus proche";
    access.style.legend_en = "Time to the nearest France Services";
    access.label_field = "id";
    map.sources_fr = {"cantons : cantons-fixture.geojson"};
    map.sources_en = {"cantons: cantons-fixture.geojson"};
    map.layers = {cantons, without, outline, uncovered, iso30, iso45, access, roads, candidates, sites};
    return map;
}

} // namespace maillage::test
