#pragma once
/// One run of a scenario: everything loaded once (territory, demand,
/// schedules, travel model), then situations evaluated at given dates. The
/// use cases of the command line (cantons, report, rank, plan, export, check)
/// start here; src/cli only parses arguments, calls src/app and hands the
/// result to a renderer of src/report.

#include "core/log.hpp"
#include "coverage/evaluate.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "app/travel.hpp"
#include "model/schedule.hpp"
#include "report/canton_report.hpp"
#include "report/coverage_report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace maillage::app {

/// Everything a scenario names, loaded. Owns its parts; movable.
struct Run {
    Scenario scenario;
    LoadReport load;
    Territory territory;
    Demand demand;
    std::vector<Schedule> schedules;
    TravelSetup travel;
};

/// Loads everything a scenario names. Throws InputError on bad input.
/// Shares the communes split between cantons by the demand points located in
/// their cantons (a demand layer finer than communes; commune demand changes
/// nothing): model/territory_build share_split_by_points. Returns the number
/// of communes changed.
std::size_t share_split_by_demand(Territory& territory, const Demand& demand);

Run prepare_run(Scenario scenario, const LoadOptions& options, const Logger& log = {});

/// The sites open at one date and the coverage they give. Owns its values
/// and points to nothing: the Run it was evaluated on is passed again to
/// whatever reads both (view()).
struct Situation {
    ServiceSet services;
    Evaluation evaluation;
    CantonReport cantons; ///< presence of a site per canton
    Date as_of;
    std::string label; ///< e.g. "2021-07-01" or the scenario name
    /// The same date without the routes of schedules marked `hypothesis`
    /// (filled by add_factual; empty when no service point rests on one).
    std::optional<ServiceSet> factual_services;
    std::optional<Evaluation> factual;
};

Situation evaluate_at(const Run& run, const Date& as_of, const std::string& label, const Logger& log = {});

/// Evaluates `situation` again without the routes of the schedules marked
/// `hypothesis`, as if their files were not given: a site whose only route
/// is hypothetical is counted at its base address. Fills factual_services and
/// factual; does nothing when no service point of the situation is
/// hypothetical. Costs one more evaluation.
void add_factual(const Run& run, Situation& situation, const Logger& log = {});

/// The situation's services replaced by `services` (e.g. with new sites),
/// evaluated again on the same run, at the same date; the canton table is
/// made again with `added_sites` (the new sites, open at that date) counted
/// in their communes' cantons.
Situation reevaluate(const Run& run, const Situation& base, ServiceSet services, const std::string& label,
                     const std::vector<Site>& added_sites = {});

/// What the renderers read: the run and the situation, both kept alive by
/// the caller for as long as the view is used.
SituationView view(const Run& run, const Situation& situation);

/// CoverageParams from the scenario's [coverage] table.
CoverageParams coverage_params(const Scenario& scenario);

} // namespace maillage::app
