// maillage cantons: one row per canton, open sites by format, has a site.

#include "app/run.hpp"
#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "io/demand_loader.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "report/canton_report.hpp"

#include <cstdio>
#include <memory>

namespace maillage::cli {

namespace {

struct CantonsOptions {
    ScenarioOptions input;
    OutputOptions output;
    bool strict = false;
};

int run_cantons(const CantonsOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    const Scenario scenario = o.input.load();
    const Format format = o.output.format_or(scenario.output.format);
    LoadReport load;
    LoadOptions lo;
    lo.strict = o.strict;
    Territory territory = load_territory(scenario, load, lo, log);
    if (scenario.demand.layer) {
        // The canton populations of a finer demand layer, as report and plan count them.
        place_commune_seats(scenario, territory, load, lo, log);
        app::share_split_by_demand(territory, load_demand(scenario, territory, load, lo, log));
    }
    log_findings(log, load.problems, global);
    if (!load.problems.empty())
        log.warning(std::to_string(load.problems.size()) + " problem(s) in the input; run 'maillage check " +
                    o.input.scenario + "' for the full picture");
    const auto report = canton_report(territory, scenario.as_of);
    o.output.emit(render_canton_report(report, format), format,
                  {"territory: " + report.territory, "sites open on: " + report.as_of.iso()}, log);
    return 0;
}

} // namespace

Action setup_cantons(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<CantonsOptions>();
    auto* cmd = app.add_subcommand("cantons", "Canton table: open France Services per canton, cantons with no site");
    cmd->footer("Example:\n  maillage cantons data/ille-et-vilaine.toml --as-of 2021-07-01 --format md\n\n"
                "A canton has a site when an open site stands in one of its communes; a commune\n"
                "split between cantons counts for each. The strict view counts sites whose point\n"
                "lies inside the canton polygon. Formats: table (terminal), csv, md, json.");
    opts->input.add_to(cmd, "Date YYYY-MM-DD or DD/MM/YYYY: sites labelled on or before it are open (default: the scenario's as_of)");
    opts->output.add_to(cmd, "Output format (default: the scenario's output.format)");
    cmd->add_flag("--strict", opts->strict, "Treat every input problem (unmatched code, site outside, repair) as an error");
    return [opts, &global] { return run_cantons(*opts, global); };
}

} // namespace maillage::cli
