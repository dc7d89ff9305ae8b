#include "app/export.hpp"

#include "app/accessibility.hpp"
#include "app/layer_fields.hpp"
#include "app/plan.hpp"
#include "core/error.hpp"
#include "coverage/candidates.hpp"
#include "coverage/canton_rule.hpp"
#include "coverage/isochrone.hpp"
#include "coverage/network_isochrone.hpp"
#include "geo/geopackage_writer.hpp"
#include "geo/output_layer.hpp"
#include "geo/polygon_ops.hpp"
#include "io/atomic_file.hpp"
#include "io/geojson_writer.hpp"
#include "io/web_map.hpp"
#include "network/snap.hpp"
#include "optimize/select.hpp"
#include "report/coverage_report.hpp"
#include "report/layer_table.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>

namespace maillage::app {

namespace {

using geo::FieldDef;
using geo::FieldType;
using geo::FieldValue;
using geo::OutputFeature;
using geo::OutputLayer;

std::string share_name(std::uint32_t t) { return "share_" + std::to_string(t); }

// The input files of the map's printed header, by file name only.
void map_sources(const Scenario& sc, io::WebMap& map) {
    const auto name = [](const std::string& path) { return std::filesystem::path(path).filename().string(); };
    const auto add = [&](const std::string& fr, const std::string& en, const std::string& path) {
        if (path.empty()) return;
        map.sources_fr.push_back(fr + " : " + name(path));
        map.sources_en.push_back(en + ": " + name(path));
    };
    add("cantons", "cantons", sc.cantons.layer.path);
    add("communes", "communes", sc.communes.layer.path);
    if (sc.population) add("population", "population", sc.population->layer.path);
    add("sites", "sites", sc.sites.layer.path);
    if (sc.demand.layer) add("demande", "demand", sc.demand.layer->path);
    if (sc.demand.town_halls) add("mairies", "town halls", sc.demand.town_halls->path);
    add("réseau routier", "road network", sc.travel.network);
    for (const auto& l : sc.travel.network_layers) add("réseau routier", "road network", l.path);
}

// The travel model in a few words, for a legend.
std::string model_words(const Scenario& sc, bool fr) {
    if (sc.travel.model == "network") return fr ? "réseau routier" : "road network";
    return fr ? "vol d'oiseau" : "crow-fly";
}

} // namespace

ExportResult export_all(const Run& run, const Situation& sit, const ExportOptions& opt, const Logger& log) {
    namespace fs = std::filesystem;
    ExportResult result;
    const auto& t = run.territory;
    const auto& e = sit.evaluation;
    const auto& thresholds = e.params.thresholds_min;
    const std::string crs = run.scenario.crs;

    // Every file, known before anything is computed: the staged folder checks
    // path limits, the target and the lock first.
    std::vector<std::string> names = {"cantons.geojson", "communes.geojson", "sites.geojson", "bus_routes.geojson",
                                      "candidates.geojson", "accessibility.geojson"};
    for (auto th : thresholds) names.push_back("isochrones_" + std::to_string(th) + ".geojson");
    for (auto th : thresholds) names.push_back("uncovered_" + std::to_string(th) + ".geojson");
    names.insert(names.end(), {"maillage.gpkg", "report.md", "report-cantons.csv", "report-communes.csv",
                               "accessibility.csv", "report-cantons.txt", "report-communes.txt", "accessibility.txt"});
    if (opt.web_map) names.push_back("map.html");
    // What a previous export may hold (whatever its thresholds and --no-map).
    const auto previous_export = [](const std::string& name) {
        static const std::regex layer("^(cantons|communes|sites|bus_routes|candidates|accessibility|"
                                      "(isochrones|uncovered)_[0-9]+)\\.geojson$");
        return std::regex_match(name, layer) || name == "maillage.gpkg" || name == "report.md" ||
               name == "report-cantons.csv" || name == "report-communes.csv" || name == "accessibility.csv" ||
               name == "report-cantons.txt" || name == "report-communes.txt" || name == "accessibility.txt" ||
               name == "map.html";
    };
    StagedDirectory staged(opt.out_dir, names, previous_export);
    const auto final_path = [&](const std::string& name) { return (fs::path(opt.out_dir) / name).string(); };

    // --- cantons ------------------------------------------------------------
    OutputLayer cantons;
    cantons.name = "cantons";
    cantons.title_fr = "Cantons";
    cantons.title_en = "Cantons";
    cantons.kind = geo::LayerGeometry::polygon;
    cantons.fields = {field("code", FieldType::string, "Code", "Code"),
                      field("name", FieldType::string, "Canton", "Canton"),
                      field("population", FieldType::integer, "Population", "Population")};
    for (auto th : thresholds)
        cantons.fields.push_back(field(share_name(th), FieldType::real, "Part à moins de " + std::to_string(th) + " min",
                                       "Share within " + std::to_string(th) + " min", "", true));
    cantons.fields.insert(cantons.fields.end(),
                          {field("mean_min", FieldType::real, "Temps moyen", "Mean time", "min"),
                           field("median_min", FieldType::real, "Temps médian", "Median time", "min"),
                           field("p90_min", FieldType::real, "9e décile", "90th percentile", "min"),
                           field("sites", FieldType::integer, "Sites ouverts", "Open sites"),
                           field("has_site", FieldType::boolean, "A un site", "Has a site"),
                           field("meets_24h", FieldType::real, "Part atteignant 24 h/semaine", "Share reaching 24 h a week", "", true)});
    for (CantonId k = 0; k < t.cantons.size(); ++k) {
        const auto& m = e.by_canton.groups[k];
        const auto& sv = e.service_by_canton.groups[k];
        OutputFeature f;
        f.polygons = t.cantons[k].area;
        f.values = {t.cantons[k].code, t.cantons[k].name, static_cast<std::int64_t>(std::llround(m.population))};
        for (const auto& th : m.thresholds)
            f.values.push_back(m.population > 0 ? FieldValue(th.within / m.population) : FieldValue(std::monostate{}));
        f.values.push_back(minutes_or_null(m.mean_time_s));
        f.values.push_back(minutes_or_null(m.median_time_s));
        f.values.push_back(minutes_or_null(m.p90_time_s));
        f.values.push_back(static_cast<std::int64_t>(sit.cantons.rows[k].sites));
        f.values.push_back(sit.cantons.rows[k].has_site);
        f.values.push_back(sv.population > 0 ? FieldValue(sv.meets_rule / sv.population) : FieldValue(std::monostate{}));
        cantons.features.push_back(std::move(f));
    }

    // --- communes -----------------------------------------------------------
    OutputLayer communes;
    communes.name = "communes";
    communes.title_fr = "Communes";
    communes.title_en = "Communes";
    communes.kind = geo::LayerGeometry::polygon;
    communes.fields = {field("code", FieldType::string, "Code INSEE", "INSEE code"),
                       field("name", FieldType::string, "Commune", "Commune"),
                       field("population", FieldType::integer, "Population", "Population"),
                       field("nearest_site", FieldType::string, "France services la plus proche", "Nearest France Services"),
                       field("nearest_format", FieldType::string, "Format", "Format"),
                       field("time_min", FieldType::real, "Temps", "Time", "min")};
    for (auto th : thresholds)
        communes.fields.push_back(field("category_" + std::to_string(th), FieldType::string,
                                        "Couverture à " + std::to_string(th) + " min",
                                        "Coverage at " + std::to_string(th) + " min"));
    communes.fields.push_back(field("hours_week", FieldType::real, "Heures par semaine accessibles", "Hours a week within reach", "h"));
    // Demand points are communes (commune demand): join them by commune index.
    std::vector<std::size_t> point_of_commune(t.communes.size(), SIZE_MAX);
    for (std::size_t i = 0; i < run.demand.points.size(); ++i)
        if (run.demand.points[i].commune != kInvalid && run.demand.points[i].id == t.communes[run.demand.points[i].commune].code)
            point_of_commune[run.demand.points[i].commune] = i;
    for (CommuneId c = 0; c < t.communes.size(); ++c) {
        OutputFeature f;
        f.polygons = t.communes[c].area;
        f.values = {t.communes[c].code, t.communes[c].name,
                    static_cast<std::int64_t>(std::llround(t.communes[c].population))};
        const auto idx = point_of_commune[c];
        if (idx == SIZE_MAX) {
            f.values.insert(f.values.end(), 3 + thresholds.size() + 1, FieldValue(std::monostate{}));
        } else {
            const auto& pc = e.points[idx];
            if (pc.nearest != kInvalid) {
                f.values.push_back(sit.services.points[pc.nearest].name);
                f.values.push_back(std::string(to_string(sit.services.points[pc.nearest].format)));
            } else {
                f.values.push_back(std::monostate{});
                f.values.push_back(std::monostate{});
            }
            f.values.push_back(minutes_or_null(pc.time_s));
            for (auto th : thresholds) f.values.push_back(std::string(access_category(pc, th)));
            f.values.push_back(std::round(pc.minutes_per_week / 6.0) / 10.0);
        }
        communes.features.push_back(std::move(f));
    }

    // --- sites and stops ------------------------------------------------------
    OutputLayer sites;
    sites.name = "sites";
    sites.title_fr = "France services";
    sites.title_en = "France Services";
    sites.kind = geo::LayerGeometry::point;
    sites.fields = {field("id", FieldType::string, "Identifiant", "Id"), field("name", FieldType::string, "Nom", "Name"),
                    field("format", FieldType::string, "Format", "Format"),
                    field("hours_week", FieldType::real, "Heures d'ouverture par semaine", "Opening hours a week", "h"),
                    field("neighbour", FieldType::boolean, "Département voisin", "Neighbouring département"),
                    field("schedule_stop", FieldType::boolean, "Arrêt d'une tournée", "Stop of a route"),
                    field("hypothesis", FieldType::boolean, "Hypothèse (non officiel)", "Hypothesis (not official)")};
    for (const auto& p : sit.services.points) {
        OutputFeature f;
        f.point = p.xy;
        f.values = {p.id, p.name, std::string(to_string(p.format)),
                    p.hours ? FieldValue(std::round(total_minutes(*p.hours) / 6.0) / 10.0) : FieldValue(std::monostate{}),
                    p.neighbour, p.from_schedule, p.hypothesis};
        sites.features.push_back(std::move(f));
    }
    OutputLayer routes;
    routes.name = "bus_routes";
    routes.title_fr = "Tournées (bus, itinérance)";
    routes.title_en = "Routes (buses, itinerant)";
    routes.kind = geo::LayerGeometry::line;
    routes.fields = {field("route", FieldType::string, "Tournée", "Route"), field("name", FieldType::string, "Nom", "Name"),
                     field("stops", FieldType::integer, "Arrêts", "Stops"),
                     field("hypothesis", FieldType::boolean, "Hypothèse (non officiel)", "Hypothesis (not official)")};
    for (const auto& sched : run.schedules) {
        for (const auto& r : sched.routes) {
            geo::LineString line;
            for (const auto& p : sit.services.points)
                if (p.from_schedule && p.id.rfind((r.site_id.empty() ? r.id : r.site_id) + "/", 0) == 0)
                    line.push_back(p.xy);
            if (line.size() < 2) continue;
            OutputFeature f;
            f.lines.push_back(line);
            f.values = {r.id, r.name, static_cast<std::int64_t>(r.stops.size()), r.hypothesis};
            routes.features.push_back(std::move(f));
        }
    }

    // --- ranked candidates for the cantons without a site ----------------------
    OutputLayer cand_layer;
    cand_layer.name = "candidates";
    cand_layer.title_fr = "Sites candidats";
    cand_layer.title_en = "Candidate sites";
    cand_layer.kind = geo::LayerGeometry::point;
    cand_layer.fields = {field("canton_code", FieldType::string, "Canton", "Canton"),
                         field("rank", FieldType::integer, "Rang", "Rank"),
                         field("id", FieldType::string, "Code", "Code"), field("name", FieldType::string, "Commune", "Commune"),
                         field("newly_within", FieldType::integer, "Habitants nouvellement couverts", "Residents newly covered"),
                         field("mean_time_gain_s", FieldType::real, "Gain de temps moyen", "Mean time gain", "s")};
    {
        const auto uncovered = cantons_without_site(t, sit.as_of);
        const auto threshold = e.params.service_threshold_min;
        const auto candidates = candidates_for(run, uncovered, sit.as_of, log);
        if (!candidates.empty()) {
            const auto instance = instance_for(run, sit, candidates, threshold, opt.memory, nullptr, log);
            const auto rankings = optimize::best_per_group(optimize::rank_candidates(instance), uncovered,
                                                           candidate_ids(candidates), opt.top_candidates);
            for (const auto& ranking : rankings) {
                for (std::size_t r = 0; r < ranking.best.size(); ++r) {
                    const auto& score = ranking.best[r];
                    const auto& c = candidates[score.candidate];
                    OutputFeature f;
                    f.point = c.xy;
                    f.values = {t.cantons[ranking.group].code, static_cast<std::int64_t>(r + 1), c.id, c.name,
                                static_cast<std::int64_t>(std::llround(score.newly_covered)),
                                std::round(score.mean_time_reduction_s * 10) / 10};
                    cand_layer.features.push_back(std::move(f));
                }
            }
        }
    }

    // --- isochrones, covered and uncovered areas --------------------------------
    std::vector<const geo::MultiPolygon*> parts;
    for (const auto& c : t.cantons) parts.push_back(&c.area);
    const geo::MultiPolygon territory = geo::union_all(parts);
    // Every isochrone at once (on every core for a road model; the result
    // does not depend on how many).
    coverage::ArcIsochroneOptions ao;
    ao.buffer_m = opt.isochrone_buffer_m;
    std::vector<geo::Point> points;
    for (const auto& p : sit.services.points) points.push_back(p.xy);
    std::vector<std::uint32_t> cutoffs;
    for (auto th : thresholds) cutoffs.push_back(static_cast<std::uint32_t>(th * 60));
    SiteIsochrones areas = model_isochrones(*run.travel.model, points, cutoffs, territory, ao);
    std::vector<OutputLayer> iso_layers, uncovered_layers;
    for (std::size_t ti = 0; ti < thresholds.size(); ++ti) {
        const auto th = thresholds[ti];
        OutputLayer iso;
        iso.name = "isochrones_" + std::to_string(th);
        iso.title_fr = "Isochrones";
        iso.title_en = "Isochrones";
        iso.kind = geo::LayerGeometry::polygon;
        iso.fields = {field("site", FieldType::string, "Site", "Site"), field("name", FieldType::string, "Nom", "Name"),
                      field("minutes", FieldType::integer, "Minutes", "Minutes")};
        for (std::size_t k = 0; k < sit.services.points.size(); ++k) {
            const auto& p = sit.services.points[k];
            geo::MultiPolygon area = std::move(areas.areas[ti][k]);
            if (area.empty()) continue;
            OutputFeature f;
            f.polygons = std::move(area);
            f.values = {p.id, p.name, static_cast<std::int64_t>(th)};
            iso.features.push_back(std::move(f));
        }
        const auto& covered = areas.covered[ti];
        OutputLayer un;
        un.name = "uncovered_" + std::to_string(th);
        un.title_fr = "Zones au-delà du seuil";
        un.title_en = "Areas beyond the threshold";
        un.kind = geo::LayerGeometry::polygon;
        un.fields = {field("minutes", FieldType::integer, "Minutes", "Minutes")};
        OutputFeature f;
        f.polygons = coverage::uncovered_area(territory, covered);
        f.values = {static_cast<std::int64_t>(th)};
        if (!f.polygons.empty()) un.features.push_back(std::move(f));
        iso_layers.push_back(std::move(iso));
        uncovered_layers.push_back(std::move(un));
        log.info("isochrones " + std::to_string(th) + " min: " + std::to_string(iso_layers.back().features.size()) +
                 " sites");
    }

    // --- write ------------------------------------------------------------------
    // --- one row per demand point -----------------------------------------------
    const OutputLayer access = accessibility_layer(run, sit);

    std::vector<const OutputLayer*> layers{&cantons, &communes, &sites, &routes, &cand_layer, &access};
    for (const auto& l : iso_layers) layers.push_back(&l);
    for (const auto& l : uncovered_layers) layers.push_back(&l);
    for (const auto* l : layers) {
        const auto name = l->name + ".geojson";
        const auto stats = io::write_geojson(staged.path(name), *l, crs);
        result.files.push_back(final_path(name));
        if (stats.polygons_collapsed > 0)
            result.notes.push_back(name + ": " + std::to_string(stats.polygons_collapsed) +
                                   " polygon(s) narrower than 1e-6 degrees left out (" +
                                   std::to_string(stats.features_emptied) +
                                   " feature(s) written with a null geometry; the GeoPackage keeps them)");
    }
    geo::GeoPackageOptions go;
    go.working_crs = crs;
    geo::write_geopackage(staged.path("maillage.gpkg"), layers, go, log);
    result.files.push_back(final_path("maillage.gpkg"));

    ReportOptions ro;
    ro.format = Format::md;
    write_file_atomically(staged.path("report.md"), render_coverage_report(view(run, sit), ro));
    result.files.push_back(final_path("report.md"));
    // A CSV holds its header and rows only (a spreadsheet or pandas opens it
    // as is); what its figures came from goes to a notes file beside it.
    const auto write_csv = [&](const std::string& name, const std::string& csv, std::vector<std::string> notes) {
        write_file_atomically(staged.path(name), localize_csv(csv, opt.csv_locale));
        result.files.push_back(final_path(name));
        const std::string notes_name = csv_notes_path(name);
        write_file_atomically(staged.path(notes_name), csv_notes_text(name, notes, opt.csv_locale));
        result.files.push_back(final_path(notes_name));
    };
    ro.format = Format::csv;
    auto report_notes = coverage_report_notes(view(run, sit));
    report_notes.insert(report_notes.begin(), "France Services coverage by canton");
    write_csv("report-cantons.csv", render_coverage_report(view(run, sit), ro), report_notes);
    ro.by = Rows::commune;
    report_notes.front() = "France Services coverage by commune";
    write_csv("report-communes.csv", render_coverage_report(view(run, sit), ro), report_notes);
    write_csv("accessibility.csv", render_layer_table(access, {}, Format::csv),
              {"Accessibility per demand point: time to the nearest France Services", "territory: " + t.name,
               "sites open on: " + sit.as_of.iso(), "travel model: " + e.model,
               "demand: " + run.demand.description});

    if (opt.web_map) {
        io::WebMap map;
        map.title_fr = "Couverture France services : " + t.name + " au " + sit.as_of.iso();
        map.title_en = "France Services coverage: " + t.name + " on " + sit.as_of.iso();
        map.working_crs = crs;
        map.notes_fr.push_back("Modèle de temps de trajet : " + e.model);
        map.notes_en.push_back("Travel model: " + e.model);
        map.notes_fr.push_back("Demande : " + run.demand.description);
        map.notes_en.push_back("Demand: " + run.demand.description);
        map_sources(run.scenario, map);
        for (std::size_t i = 0; i < sit.services.notes.size(); ++i) {
            if (sit.services.notes.kind(i) != kScheduleHypothesis) continue;
            const std::string& n = sit.services.notes[i];
            map.notes_fr.push_back("Arrêts du bus : hypothèse pour illustration, pas une donnée officielle (" +
                                   n.substr(0, n.find(':')) + ")");
            map.notes_en.push_back(n);
        }
        // The map switches thresholds by layer: one canton layer per threshold
        // (same features, distinct names), coloured by its own share.
        std::vector<OutputLayer> canton_copies(thresholds.size(), cantons);
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            canton_copies[i].name = "cantons_" + std::to_string(thresholds[i]);
            canton_copies[i].title_fr = "Cantons";
            canton_copies[i].title_en = "Cantons";
        }
        // The one-per-canton rule: the cantons with no open site, hatched
        // over the choropleth.
        OutputLayer without_site;
        without_site.name = "cantons_without_site";
        without_site.title_fr = "Cantons sans France services";
        without_site.title_en = "Cantons without a France Services";
        without_site.kind = geo::LayerGeometry::polygon;
        without_site.fields = {cantons.fields[0], cantons.fields[1], cantons.fields[2]};
        for (CantonId k = 0; k < t.cantons.size(); ++k) {
            if (sit.cantons.rows[k].has_site) continue;
            OutputFeature f;
            f.polygons = t.cantons[k].area;
            f.values = {cantons.features[k].values[0], cantons.features[k].values[1], cantons.features[k].values[2]};
            without_site.features.push_back(std::move(f));
        }
        // The territory's outline: the union of its cantons.
        OutputLayer outline;
        outline.name = "territory";
        outline.title_fr = "Limite du territoire";
        outline.title_en = "Territory boundary";
        outline.kind = geo::LayerGeometry::polygon;
        outline.fields = {field("name", FieldType::string, "Nom", "Name")};
        {
            std::vector<const geo::MultiPolygon*> canton_areas;
            for (const auto& c : t.cantons) canton_areas.push_back(&c.area);
            OutputFeature f;
            f.polygons = geo::union_all(canton_areas);
            f.values = {t.name};
            if (!f.polygons.empty()) outline.features.push_back(std::move(f));
        }
        std::vector<io::WebMapLayer> ml;
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            io::WebMapLayer l;
            l.layer = &uncovered_layers[i];
            l.style.color = "#7f0000";
            l.style.fill_opacity = 0.25;
            l.threshold_min = static_cast<int>(thresholds[i]);
            l.group = "uncovered";
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &communes;
            l.style.color = "#777777";
            l.style.fill_opacity = 0.0;
            l.style.weight = 0.5;
            l.label_field = "name";
            l.visible = false;
            l.simplify_m = 50;
            ml.push_back(l);
        }
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            io::WebMapLayer l;
            l.layer = &canton_copies[i];
            l.style.kind = io::MapStyleKind::choropleth;
            l.style.field = share_name(thresholds[i]);
            l.style.classes = io::share_classes();
            l.style.legend_fr = "Part des habitants sous le seuil";
            l.style.legend_en = "Share of residents within the threshold";
            l.label_field = "name";
            l.threshold_min = static_cast<int>(thresholds[i]);
            l.group = "cantons";
            l.simplify_m = 50;
            io::PopupTable pt;
            pt.layer = "candidates";
            pt.key_field = "code";
            pt.foreign_field = "canton_code";
            pt.order_field = "rank";
            pt.columns = {"rank", "name", "newly_within", "mean_time_gain_s"};
            pt.title_fr = "Sites candidats";
            pt.title_en = "Candidate sites";
            l.tables.push_back(pt);
            l.label_min_zoom = 8.5;
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &without_site;
            l.style.hatch = true;
            l.style.color = "#3b0a45";
            l.style.weight = 3;
            l.style.legend_fr = "Canton sans France services (règle : au moins une par canton)";
            l.style.legend_en = "Canton without a France Services (rule: at least one per canton)";
            l.label_field = "name";
            l.simplify_m = 50;
            l.interactive = false;
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &outline;
            l.style.color = "#000000";
            l.style.fill_opacity = 0;
            l.style.weight = 2.5;
            l.style.legend_fr = "Limite du territoire";
            l.style.legend_en = "Territory boundary";
            l.simplify_m = 50;
            l.interactive = false;
            l.fit = true;
            ml.push_back(l);
        }
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            io::WebMapLayer l;
            l.layer = &iso_layers[i];
            l.style.color = "#1f78b4";
            l.style.fill_opacity = 0.1;
            l.style.weight = 0.8;
            l.label_field = "name";
            l.threshold_min = static_cast<int>(thresholds[i]);
            l.group = "isochrones";
            l.visible = false;
            l.simplify_m = 50;
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &access;
            l.style.kind = io::MapStyleKind::choropleth;
            l.style.field = "time_min";
            l.style.classes = io::minute_classes();
            l.style.upper_inclusive = true;
            l.style.point_radius_px = 4;
            l.style.fill_opacity = 0.9;
            l.style.legend_fr = "Temps jusqu'à la France services la plus proche (" + model_words(run.scenario, true) + ")";
            l.style.legend_en = "Time to the nearest France Services (" + model_words(run.scenario, false) + ")";
            l.label_field = "name";
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &routes;
            l.style.color = "#6a3d9a";
            l.style.weight = 2.5;
            l.label_field = "name";
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &cand_layer;
            l.style.color = "#ff7f00";
            l.label_field = "name";
            l.visible = false;
            ml.push_back(l);
        }
        {
            io::WebMapLayer l;
            l.layer = &sites;
            l.style.kind = io::MapStyleKind::categories;
            l.style.field = "format";
            l.style.categories = io::site_format_categories();
            l.label_field = "name";
            ml.push_back(l);
        }
        map.layers = ml;
        auto pos = std::find(thresholds.begin(), thresholds.end(), e.params.service_threshold_min);
        if (pos != thresholds.end()) map.default_threshold_min = static_cast<int>(*pos);
        io::write_web_map(staged.path("map.html"), map, opt.leaflet_dir);
        result.files.push_back(final_path("map.html"));
    } else {
        result.notes.push_back("no web map (not asked for)");
    }
    staged.commit();
    return result;
}

} // namespace maillage::app
