// maillage check: load everything, print what was found, exit 0 or 1.

#include "app/check.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "report/check_report.hpp"

#include <memory>

namespace maillage::cli {

namespace {

struct CheckOptions {
    std::string scenario;
    bool strict = false;
};

int run_check(const CheckOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    LoadOptions lo;
    lo.strict = o.strict;
    const auto c = app::check(load_scenario(o.scenario), lo, log);
    CheckView v;
    v.scenario = &c.run.scenario;
    v.scenario_path = o.scenario;
    v.load = &c.run.load;
    v.territory = &c.run.territory;
    v.demand = &c.run.demand;
    v.schedules = &c.run.schedules;
    v.travel_model = c.run.travel.model->describe();
    v.travel_notes = &c.run.travel.notes;
    v.service_notes = &c.services.notes;
    v.problems = &c.problems;
    emit(render_check(v, global.verbose ? 0 : kShownPerKind), "");
    return c.problems.empty() ? 0 : 1;
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
