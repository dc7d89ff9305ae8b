// maillage check: load everything, print what was found, exit 0 or 1.

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "report/run.hpp"
#include "report/table.hpp"

#include <cmath>
#include <cstdio>
#include <memory>

namespace maillage::cli {

namespace {

struct CheckOptions {
    std::string scenario;
    bool strict = false;
};

int run_check(const CheckOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    const Scenario scenario = load_scenario(o.scenario);
    LoadOptions lo;
    lo.strict = o.strict;
    const auto run = prepare_run(scenario, lo, log);
    const LoadReport& load = run->load;
    const Territory& t = run->territory;

    std::string out = "Scenario: " + scenario.name + " (" + o.scenario + ")\n";
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
    for (const auto& c : t.communes) split += c.cantons.size() > 1 ? 1 : 0;
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
    out += "Demand: " + std::to_string(run->demand.points.size()) + " points: " + run->demand.description + "\n";
    std::size_t stops = 0, routes = 0;
    for (const auto& sched : run->schedules) {
        routes += sched.routes.size();
        for (const auto& r : sched.routes) stops += r.stops.size();
    }
    out += "Schedules: " + std::to_string(run->schedules.size()) + " file(s), " + std::to_string(routes) +
           " route(s), " + std::to_string(stops) + " stop(s)\n";
    out += "Travel model: " + run->travel.model->describe() + "\n";
    // A million demand points outside every commune would be a million
    // lines: the first few of each kind and a count, all with --verbose.
    const std::size_t per_kind = global.verbose ? 0 : kShownPerKind;
    const std::string hint = " (all of them with --verbose)";
    for (const auto& n : run->travel.notes) out += "note: " + n + "\n";
    for (const auto& n : abridged(load.notes, per_kind, hint)) out += "note: " + n + "\n";
    // Opening hours: every text that does not parse is a problem to fix at the source.
    const auto services = build_services(t, run->demand, run->schedules, scenario.as_of, scenario.crs);
    Findings problems = load.problems;
    problems.append(services.problems);
    for (const auto& n : abridged(services.notes, per_kind, hint)) out += "note: " + n + "\n";
    if (problems.empty()) {
        out += "\nOK: no problem found.\n";
    } else {
        out += "\n" + format_grouped(static_cast<long long>(problems.size())) + " problem(s):\n";
        for (const auto& p : abridged(problems, per_kind, hint)) out += "  " + p + "\n";
    }
    emit(out, "");
    return problems.empty() ? 0 : 1;
}

} // namespace

Action setup_check(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<CheckOptions>();
    auto* cmd = app.add_subcommand("check", "Load every input of a scenario and report what was found");
    cmd->footer("Example:\n  maillage check data/ille-et-vilaine.toml\n\n"
                "Prints feature counts, CRS, polygon repairs, joins and problems. Exit code 0 when\n"
                "no problem was found, 1 otherwise (or on an input error). Of each kind of problem\n"
                "or note, the first " + std::to_string(kShownPerKind) + " are listed and the rest counted; --verbose lists them all.");
    cmd->add_option("scenario", opts->scenario, "Scenario file (TOML)")->required();
    cmd->add_flag("--strict", opts->strict, "Stop at the first problem");
    return [opts, &global] { return run_check(*opts, global); };
}

} // namespace maillage::cli
