#include "app/run.hpp"

#include "io/demand_loader.hpp"
#include "io/schedule_reader.hpp"
#include "model/territory_build.hpp"

#include <algorithm>

namespace maillage::app {

CoverageParams coverage_params(const Scenario& s) {
    CoverageParams p;
    p.thresholds_min = s.coverage.thresholds_min;
    p.service_threshold_min = s.coverage.service_threshold_min;
    p.required_hours = s.coverage.required_hours;
    return p;
}

std::size_t share_split_by_demand(Territory& territory, const Demand& demand) {
    std::vector<CommuneId> commune_of;
    std::vector<CantonId> canton_of;
    std::vector<double> population;
    for (const auto& p : demand.points) {
        commune_of.push_back(p.commune);
        canton_of.push_back(p.canton);
        population.push_back(p.population);
    }
    return share_split_by_points(territory, commune_of, canton_of, population);
}

Run prepare_run(Scenario scenario, const LoadOptions& options, const Logger& log) {
    Run run;
    run.scenario = std::move(scenario);
    const auto& s = run.scenario;
    run.territory = load_territory(s, run.load, options, log);
    place_commune_seats(s, run.territory, run.load, options, log);
    run.demand = load_demand(s, run.territory, run.load, options, log);
    share_split_by_demand(run.territory, run.demand);
    run.schedules = load_schedules(s.coverage.schedules, run.territory);
    log.info("travel model: " + s.travel.model);
    run.travel = make_travel_model(s.travel, s.crs, log, &run.territory);
    for (const auto& n : run.travel.notes) log.info(n);
    return run;
}

Situation evaluate_at(const Run& run, const Date& as_of, const std::string& label, const Logger& log) {
    Situation out;
    out.services = build_services(run.territory, run.schedules, as_of, run.scenario.crs);
    log.info("evaluating " + std::to_string(run.demand.points.size()) + " demand points against " +
             std::to_string(out.services.points.size()) + " service points (" + as_of.iso() + ")");
    out.evaluation = evaluate(run.territory, run.demand, out.services, *run.travel.model, coverage_params(run.scenario));
    out.cantons = canton_report(run.territory, as_of);
    out.as_of = as_of;
    out.label = label;
    return out;
}

void add_factual(const Run& run, Situation& s, const Logger& log) {
    const auto& points = s.services.points;
    if (std::none_of(points.begin(), points.end(), [](const ServicePoint& p) { return p.hypothesis; })) return;
    std::vector<Schedule> schedules = run.schedules;
    for (auto& sched : schedules)
        std::erase_if(sched.routes, [](const Route& r) { return r.hypothesis; });
    s.factual_services = build_services(run.territory, schedules, s.as_of, run.scenario.crs);
    log.info("evaluating again without the hypothetical schedules (" + std::to_string(s.factual_services->points.size()) +
             " service points)");
    s.factual = evaluate(run.territory, run.demand, *s.factual_services, *run.travel.model, coverage_params(run.scenario));
}

Situation reevaluate(const Run& run, const Situation& base, ServiceSet services, const std::string& label,
                     const std::vector<Site>& added_sites) {
    Situation out;
    out.services = std::move(services);
    out.evaluation = evaluate(run.territory, run.demand, out.services, *run.travel.model, coverage_params(run.scenario));
    out.cantons = canton_report(run.territory, base.as_of, added_sites);
    out.as_of = base.as_of;
    out.label = label;
    return out;
}

SituationView view(const Run& run, const Situation& s) {
    SituationView v;
    v.territory = &run.territory;
    v.demand = &run.demand;
    v.services = &s.services;
    v.evaluation = &s.evaluation;
    v.cantons = &s.cantons;
    v.as_of = s.as_of;
    v.label = s.label;
    if (s.factual) {
        v.factual_services = &*s.factual_services;
        v.factual = &*s.factual;
    }
    return v;
}

} // namespace maillage::app
