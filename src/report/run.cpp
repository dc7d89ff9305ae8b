#include "report/run.hpp"

#include "io/demand_loader.hpp"
#include "io/schedule_reader.hpp"

namespace maillage {

CoverageParams coverage_params(const Scenario& s) {
    CoverageParams p;
    p.thresholds_min = s.coverage.thresholds_min;
    p.service_threshold_min = s.coverage.service_threshold_min;
    p.required_hours = s.coverage.required_hours;
    return p;
}

std::unique_ptr<Run> prepare_run(Scenario scenario, const LoadOptions& options, const Logger& log) {
    auto run = std::make_unique<Run>();
    run->scenario = std::move(scenario);
    const auto& s = run->scenario;
    run->territory = load_territory(s, run->load, options, log);
    run->demand = load_demand(s, run->territory, run->load, options, log);
    run->schedules = load_schedules(s.coverage.schedules, run->territory);
    log.info("travel model: " + s.travel.model);
    run->travel = make_travel_model(s.travel, s.crs, log, &run->territory);
    for (const auto& n : run->travel.notes) log.info(n);
    return run;
}

std::unique_ptr<EvaluatedSituation> evaluate_at(const Run& run, const Date& as_of, const std::string& label,
                                                const Logger& log) {
    auto out = std::make_unique<EvaluatedSituation>();
    out->services = build_services(run.territory, run.demand, run.schedules, as_of, run.scenario.crs);
    log.info("evaluating " + std::to_string(run.demand.points.size()) + " demand points against " +
             std::to_string(out->services.points.size()) + " service points (" + as_of.iso() + ")");
    out->evaluation = evaluate(run.territory, run.demand, out->services, *run.travel.model, coverage_params(run.scenario));
    out->view.territory = &run.territory;
    out->view.demand = &run.demand;
    out->view.services = &out->services;
    out->view.evaluation = &out->evaluation;
    out->view.cantons = canton_report(run.territory, as_of);
    out->view.as_of = as_of;
    out->view.label = label;
    return out;
}

} // namespace maillage
