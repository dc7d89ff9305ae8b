#include "app/check.hpp"

namespace maillage::app {

CheckResult check(Scenario scenario, const LoadOptions& options, const Logger& log) {
    CheckResult out;
    out.run = prepare_run(std::move(scenario), options, log);
    const Run& run = out.run;
    out.services = build_services(run.territory, run.schedules, run.scenario.as_of, run.scenario.crs);
    out.problems = run.load.problems;
    out.problems.append(out.services.problems);
    return out;
}

} // namespace maillage::app
