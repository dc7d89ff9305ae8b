#include "report/check_report.hpp"

#include "core/text.hpp"
#include "report/table.hpp"

#include <cmath>

namespace maillage {

std::string render_check(const CheckView& c, std::size_t per_kind) {
    const Scenario& scenario = *c.scenario;
    const LoadReport& load = *c.load;
    const Territory& t = *c.territory;

    std::string out = "Scenario: " + scenario.name + " (" + c.scenario_path + ")\n";
    out += "Working CRS: " + scenario.crs + "; as_of " + scenario.as_of.iso() + "\n\n";
    Table layers;
    layers.columns = {"role", "source", "driver", "crs", "features", "repaired", "filtered out"};
    layers.right_align = {false, false, false, false, true, true, true};
    for (const auto& l : load.layers)
        layers.add_row({l.role, l.source, l.driver, l.crs, std::to_string(l.features), std::to_string(l.repaired),
                        std::to_string(l.skipped)});
    out += render_text(layers) + "\n";

    std::size_t open = 0;
    for (const auto& s : t.sites) open += s.open_at(scenario.as_of) ? 1 : 0;
    std::size_t split = 0;
    for (const auto& cm : t.communes) split += cm.cantons.size() > 1 ? 1 : 0;
    out += "Cantons: " + std::to_string(t.cantons.size()) + "\n";
    out += "Communes: " + std::to_string(t.communes.size()) + " (" + std::to_string(load.merged_polygons) +
           " former-commune polygons dissolved; " + std::to_string(split) + " split between cantons; " +
           std::to_string(load.communes_from_polygons) + " placed from polygons)\n";
    if (scenario.canton_names)
        out += "Canton names: " + std::to_string(load.canton_names_set) + " from the name table; " +
               std::to_string(load.canton_names_missing) + " not in it (layer name kept), " +
               std::to_string(load.canton_names_unknown) + " unknown codes in it\n";
    if (scenario.composition && !scenario.composition->name_field.empty())
        out += "Commune names: " + std::to_string(load.commune_names_set) + " from the composition table; " +
               std::to_string(load.commune_names_missing) + " not in it (layer name kept)\n";
    if (scenario.population) {
        out += "Population: " + format_grouped(std::llround(load.population_joined)) + " joined of " +
               format_grouped(std::llround(load.population_read)) + " read (" + t.population_label + "); " +
               std::to_string(load.population_unmatched) + " unmatched rows, " +
               std::to_string(load.communes_without_population) + " communes without population\n";
    }
    out += "Sites: " + std::to_string(t.sites.size()) + " in the layer, " + std::to_string(open) + " open on " +
           scenario.as_of.iso() + "; " + std::to_string(load.sites_outside) + " outside every commune, " +
           std::to_string(load.sites_code_mismatch) + " whose commune code disagrees with the point\n";
    out += "Neighbour sites: " + std::to_string(t.neighbour_sites.size()) + "\n";
    out += "Demand: " + std::to_string(c.demand->points.size()) + " points: " + c.demand->description + "\n";
    std::size_t stops = 0, routes = 0;
    for (const auto& sched : *c.schedules) {
        routes += sched.routes.size();
        for (const auto& r : sched.routes) stops += r.stops.size();
    }
    out += "Schedules: " + std::to_string(c.schedules->size()) + " file(s), " + std::to_string(routes) +
           " route(s), " + std::to_string(stops) + " stop(s)\n";
    out += "Travel model: " + c.travel_model + "\n";
    // A million demand points outside every commune would be a million
    // lines: the first few of each kind and a count, all with --verbose.
    const std::string hint = " (all of them with --verbose)";
    for (const auto& n : *c.travel_notes) out += "note: " + n + "\n";
    for (const auto& n : abridged(load.notes, per_kind, hint)) out += "note: " + n + "\n";
    for (const auto& n : abridged(*c.service_notes, per_kind, hint)) out += "note: " + n + "\n";
    const Findings& problems = *c.problems;
    if (problems.empty()) {
        out += "\nOK: no problem found.\n";
    } else {
        out += "\n" + format_grouped(static_cast<long long>(problems.size())) + " problem(s):\n";
        for (const auto& p : abridged(problems, per_kind, hint)) out += "  " + p + "\n";
    }
    return out;
}

} // namespace maillage
