#pragma once
/// What `maillage rank` and `maillage plan` solve: a scenario loaded and
/// evaluated at its date, the candidate sites of the chosen cantons, and
/// their coverage instance (existing open sites fixed). The CLI and the
/// benchmark (bench/bench_optimize --scenario) build it the same way.

#include "core/log.hpp"
#include "coverage/candidates.hpp"
#include "io/scenario.hpp"
#include "optimize/instance.hpp"
#include "report/run.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace maillage {

struct PlanSetup {
    std::unique_ptr<Run> run;
    std::unique_ptr<EvaluatedSituation> now; ///< open sites at run->scenario.as_of
    std::vector<CantonId> cantons;           ///< cantons whose candidates are kept
    std::vector<Candidate> candidates;
    optimize::CoverageInstance instance;     ///< groups = cantons
    std::uint32_t threshold_min = 30;
};

/// Loads `scenario`, evaluates the sites open at its as_of date, picks the
/// cantons (`cantons`: "uncovered", "all" or "CODE,CODE"), their candidates
/// (the scenario's [candidates] layer, or the town halls of their communes
/// that host no open site) and builds the coverage instance at
/// `threshold_min` (0: the scenario's service_threshold). Warnings (load
/// problems, candidates or demand far from any road) go to `log`.
/// Throws UsageError (unknown canton code), InputError (no candidate, bad
/// input).
PlanSetup prepare_plan(Scenario scenario, const std::string& cantons, std::uint32_t threshold_min,
                       const Logger& log = {});

/// Cantons with no open site at the setup's date, ascending: the groups of
/// the one-per-uncovered-canton quota.
std::vector<std::uint32_t> cantons_without_site(const PlanSetup& setup);

} // namespace maillage
