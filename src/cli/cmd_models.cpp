// maillage models compare: crow-fly measured against the scenario's road network.

#include "app/models.hpp"
#include "app/run.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/scenario.hpp"

namespace maillage::cli {

namespace {

struct ModelsCompareOptions {
    ScenarioOptions input;
    OutputOptions output;
};

int run_models_compare(const ModelsCompareOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    Scenario scenario = o.input.load();
    // Before loading anything: a crow-fly scenario has nothing to compare with.
    if (auto problem = app::models_compare_usage_problem(scenario); !problem.empty()) throw UsageError(problem);
    const Format format = o.output.format_or(scenario.output.format);
    const auto run = app::prepare_run(std::move(scenario), LoadOptions{}, log);
    log_findings(log, run.load.problems, global);
    const auto comparison = app::compare_models(run, run.scenario.as_of, log);
    o.output.emit(render_model_comparison(comparison, format), format, model_comparison_notes(comparison), log);
    return 0;
}

} // namespace

Action setup_models(CLI::App& app, const GlobalOptions& global) {
    auto* models = app.add_subcommand("models", "Travel models: measure crow-fly against the road network");
    models->require_subcommand(1);
    models->footer("Example:\n  maillage models compare data/rennes-streets.toml");

    auto opts = std::make_shared<ModelsCompareOptions>();
    auto* compare = models->add_subcommand(
        "compare", "Crow-fly against the scenario's network: fitted speed, errors, status changes");
    compare->footer("Examples:\n"
                    "  maillage models compare data/rennes-streets.toml\n"
                    "  maillage models compare data/ille-et-vilaine-roads.toml --as-of 2024-08-01 --format md\n\n"
                    "The scenario's [travel] model must be \"network\". Every demand point is timed to its\n"
                    "nearest open service point by the network and by crow-fly (the scenario's circuity\n"
                    "and speed); crow-fly's one factor (circuity / speed) is fitted to the network times by\n"
                    "population-weighted least squares through the origin, shown as a speed at the\n"
                    "scenario's circuity and as a circuity at 50 km/h. Then, for both crow-fly models:\n"
                    "median and 90th percentile of the relative error of the time to the nearest site,\n"
                    "and the share of residents whose status at each threshold changes.");
    opts->input.add_to(compare);
    opts->output.add_to(compare, "table, csv, md or json (default: the scenario's output.format)");
    return [opts, compare, &global]() -> int {
        if (compare->parsed()) return run_models_compare(*opts, global);
        return 2;
    };
}

} // namespace maillage::cli
