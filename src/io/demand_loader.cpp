#include "io/demand_loader.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/transform.hpp"
#include "geo/vector_layer.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>

#include <cmath>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

namespace maillage {

namespace bg = boost::geometry;

namespace {

struct TownHall {
    geo::Point xy;
    geo::LonLat lonlat;
    std::string where; ///< "file.csv: line 12"
};

/// The centroid when it lies in the commune, else a point on its surface (a
/// centroid can fall outside a crescent-shaped or multi-part commune, or in
/// the sea). Returns which.
const char* inner_point(const Commune& c, geo::Point& out) {
    if (c.area.empty() || bg::covered_by(c.centroid, c.area)) {
        out = c.centroid;
        return "centroid";
    }
    bg::point_on_surface(c.area, out);
    return "point on surface";
}

Demand commune_demand(const Scenario& s, const Territory& t) {
    const geo::CoordinateTransform to_wgs84(s.crs, "EPSG:4326");
    Demand d;
    std::size_t at_hall = 0, at_centroid = 0, on_surface = 0;
    std::unordered_map<std::string, bool> wanted;
    for (const auto& code : s.demand.communes) wanted.emplace(code, false);
    for (CommuneId i = 0; i < t.communes.size(); ++i) {
        const auto& c = t.communes[i];
        if (!wanted.empty()) {
            auto w = wanted.find(c.code);
            if (w == wanted.end()) continue;
            w->second = true;
        }
        if (c.seat_kind.empty()) throw Error("commune " + c.code + " has no seat: place_commune_seats was not called");
        DemandPoint p;
        p.id = c.code;
        p.name = c.name;
        p.population = c.population;
        p.commune = i;
        if (s.demand.position == "town_hall" || c.seat_kind != "town hall") {
            p.xy = c.seat;
            p.lonlat = c.seat_lonlat;
            p.placed_at = c.seat_kind;
        } else { // position = "centroid" with a town-hall layer (for candidates)
            p.placed_at = inner_point(c, p.xy);
            const auto ll = to_wgs84.forward(p.xy.x(), p.xy.y());
            p.lonlat = geo::LonLat{ll.x(), ll.y()};
        }
        if (p.placed_at == "town hall")
            ++at_hall;
        else if (p.placed_at == "centroid")
            ++at_centroid;
        else
            ++on_surface;
        d.points.push_back(std::move(p));
    }
    for (const auto& [code, found] : wanted)
        if (!found) throw InputError(s.path + ": demand.communes: commune " + quote(code) + " is not in the territory");
    std::string where = s.demand.position == "town_hall"
                            ? "town hall (" + std::to_string(at_hall) + ") or centroid (" + std::to_string(at_centroid) + ")"
                            : std::string("centroid");
    if (on_surface > 0) where += " or a point on its surface (" + std::to_string(on_surface) + ", centroid outside)";
    d.description = std::to_string(d.points.size()) + " communes" +
                    (wanted.empty() ? "" : " of " + std::to_string(t.communes.size()) + " (demand.communes filter)") +
                    " (" + t.population_label + ") at their " + where;
    return d;
}

Demand layer_demand(const Scenario& s, const Territory& t, LoadReport& report, const LoadOptions& options,
                    const Logger& log) {
    Demand d;
    const geo::CoordinateTransform to_wgs84(s.crs, "EPSG:4326");
    geo::ReadOptions ro;
    ro.target_crs = s.crs;
    ro.fields = {s.demand.id_field, s.demand.population_field};
    auto layer = geo::read_layer(*s.demand.layer, ro, log);
    report.layers.push_back(LayerSummary{"demand", layer.source, layer.layer_name, layer.driver, layer.source_crs,
                                         layer.stats.features, layer.stats.repaired, 0});
    if (layer.features.empty()) throw InputError(layer.source + ": demand layer is empty (no feature)");
    std::size_t outside = 0;
    for (const auto& f : layer.features) {
        DemandPoint p;
        p.id = std::string(trim(f.values[0].value_or("")));
        if (p.id.empty()) p.id = std::to_string(f.fid);
        const std::string text = f.values[1].value_or("");
        const auto pop = layer.number(text);
        if (!pop || *pop < 0)
            throw InputError(layer.where(f) + ": population " + quote(text) + " is not a number >= 0 (expected " +
                             layer.number_expected() + ")");
        p.population = *pop;
        if (const auto why = implausible_population(*pop, text); !why.empty())
            add_problem(report, options, "implausible population",
                        layer.where(f) + ": demand point " + quote(p.id) + ": " + why);
        if (f.kind == geo::GeometryKind::point) {
            p.xy = f.point;
            p.placed_at = "point";
        } else if (f.kind == geo::GeometryKind::polygon) {
            bg::centroid(f.polygons, p.xy);
            p.placed_at = "polygon centroid";
        } else {
            throw InputError(layer.where(f) + ": demand feature needs a point or polygon geometry");
        }
        const auto ll = to_wgs84.forward(p.xy.x(), p.xy.y());
        p.lonlat = geo::LonLat{ll.x(), ll.y()};
        p.commune = t.commune_at(p.xy);
        if (p.commune == kInvalid) {
            ++outside;
            add_problem(report, options, "demand point outside every commune",
                        layer.where(f) + ": demand point " + quote(p.id) + " (population " + text +
                            ") lies outside every commune: counted in the territory total only");
        } else {
            p.name = t.communes[p.commune].name;
            const auto& ks = t.communes[p.commune].cantons;
            if (ks.size() > 1) {
                const CantonId k = t.canton_at(p.xy);
                if (std::find(ks.begin(), ks.end(), k) != ks.end()) p.canton = k;
            }
        }
        d.points.push_back(std::move(p));
    }
    d.description = std::to_string(d.points.size()) + " demand features of " + std::filesystem::path(layer.source).filename().string();
    return d;
}

} // namespace

void place_commune_seats(const Scenario& s, Territory& t, LoadReport& report, const LoadOptions& options,
                         const Logger& log) {
    const geo::CoordinateTransform to_wgs84(s.crs, "EPSG:4326");
    std::unordered_map<std::string, TownHall> halls;
    // Town halls are read whenever the scenario names them: with a demand
    // layer they still place the candidates generated from communes.
    if (s.demand.town_halls) {
        geo::ReadOptions ro;
        ro.target_crs = s.crs;
        ro.fields = {s.demand.town_hall_code_field};
        auto layer = geo::read_layer(*s.demand.town_halls, ro, log);
        report.layers.push_back(LayerSummary{"town halls", layer.source, layer.layer_name, layer.driver,
                                             layer.source_crs, layer.stats.features, 0, 0});
        std::unordered_map<std::string, bool> known;
        for (const auto& c : t.communes) known.emplace(c.code, true);
        for (const auto& f : layer.features) {
            const std::string code(trim(f.values[0].value_or("")));
            if (code.empty()) throw InputError(layer.where(f) + ": empty commune code");
            if (!f.lonlat) throw InputError(layer.where(f) + ": town hall without a position");
            if (!halls.emplace(code, TownHall{f.point, *f.lonlat, layer.where(f)}).second)
                throw InputError(layer.where(f) + ": duplicate commune code " + quote(code) + " in the town halls");
            if (!known.count(code))
                report.notes.add("town hall of no commune of the territory",
                                 layer.where(f) + ": town hall of commune " + quote(code) +
                                       " matches no commune of the territory (not used)");
        }
    }
    std::unordered_set<std::string> in_demand(s.demand.communes.begin(), s.demand.communes.end());
    for (auto& c : t.communes) {
        auto it = halls.find(c.code);
        if (it != halls.end()) {
            c.seat = it->second.xy;
            c.seat_lonlat = it->second.lonlat;
            c.seat_kind = "town hall";
            // A town hall away from its commune puts all its residents there:
            // Acigné's moved to Marseille would be "1,076 min away". Kept
            // where it is (never guessed), but a problem to fix at the source.
            if (const double off_m = bg::distance(c.seat, c.area); off_m > kTownHallToleranceM)
                add_problem(report, options, "town hall outside its commune",
                            it->second.where + ": town hall of commune " + quote(c.code) + " " + c.name + " lies " +
                                format_fixed(off_m / 1000, 1) + " km outside the commune's polygon (its " +
                                group_digits(static_cast<unsigned long long>(std::llround(c.population)), ",") +
                                " residents are placed there): wrong commune code or coordinates?");
            continue;
        }
        c.seat_kind = inner_point(c, c.seat);
        const auto ll = to_wgs84.forward(c.seat.x(), c.seat.y());
        c.seat_lonlat = geo::LonLat{ll.x(), ll.y()};
        if (s.demand.town_halls && (in_demand.empty() || in_demand.count(c.code)))
            report.notes.add("commune without a town hall", "commune " + c.code + " " + c.name +
                                                                " has no town hall in the town-hall layer: placed at its " +
                                                                c.seat_kind);
    }
}

Demand load_demand(const Scenario& s, const Territory& t, LoadReport& report, const LoadOptions& options,
                   const Logger& log) {
    return s.demand.layer ? layer_demand(s, t, report, options, log) : commune_demand(s, t);
}

} // namespace maillage
