#pragma once
/// One run of a scenario: everything loaded once (territory, demand,
/// schedules, travel model), then situations evaluated at given dates.

#include "core/log.hpp"
#include "coverage/evaluate.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "io/travel_setup.hpp"
#include "model/schedule.hpp"
#include "report/coverage_report.hpp"

#include <memory>
#include <string>
#include <vector>

namespace maillage {

struct Run {
    Scenario scenario;
    LoadReport load;
    Territory territory;
    Demand demand;
    std::vector<Schedule> schedules;
    TravelSetup travel;
};

/// Loads everything a scenario names. Throws InputError on bad input.
std::unique_ptr<Run> prepare_run(Scenario scenario, const LoadOptions& options, const Logger& log = {});

/// The evaluation of a run at one date, owning what Situation points to.
struct EvaluatedSituation {
    ServiceSet services;
    Evaluation evaluation;
    Situation view; ///< points into this object and the Run: keep both alive
};

std::unique_ptr<EvaluatedSituation> evaluate_at(const Run& run, const Date& as_of, const std::string& label,
                                                const Logger& log = {});

/// CoverageParams from the scenario's [coverage] table.
CoverageParams coverage_params(const Scenario& scenario);

} // namespace maillage
