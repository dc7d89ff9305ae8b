#pragma once
/// What `maillage rank` and `maillage plan` solve: a scenario loaded and
/// evaluated at its date, the candidate sites of the chosen cantons, and
/// their coverage instance (existing open sites fixed); then the ranking of
/// the candidates per canton, or a set of new sites and the situation it
/// gives. The CLI and the benchmark (bench/bench_optimize --scenario) build
/// it the same way.

#include "app/run.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "coverage/candidates.hpp"
#include "io/scenario.hpp"
#include "optimize/instance.hpp"
#include "optimize/select.hpp"
#include "report/plan_report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace maillage::app {

/// A canton code that is not in the territory (the CLI names its option).
class UnknownCanton : public UsageError {
  public:
    explicit UnknownCanton(const std::string& code) : UsageError("unknown canton code " + quote(code)) {}
};

/// The coverage instance would not fit in the memory allowed.
class InstanceTooLarge : public Error {
  public:
    explicit InstanceTooLarge(const std::string& what) : Error(what) {}
};

/// Bytes a plan needs beyond what the process holds before the instance is
/// built, per demand point and per candidate -> demand pair (instance,
/// solver, evaluation after): measured on Ille-et-Vilaine grids of 100,000
/// to 1,000,000 points, with and without open sites (scripts/bench-fine-demand,
/// docs/benchmarks.md "Fine demand"). The exact solver's reduction indexes
/// the pairs both ways: more per pair.
inline constexpr double kPlanBytesPerDemand = 250;
inline constexpr double kGreedyBytesPerPair = 9;
inline constexpr double kExactBytesPerPair = 12.5;

/// Memory the instance is allowed (max_bytes 0: what the machine has: the
/// memory this process holds plus what the system still has available),
/// and what each pair costs with the solver that will run.
struct MemoryBudget {
    std::size_t max_bytes = 0;
    double bytes_per_pair = kGreedyBytesPerPair;
};

/// How large the coverage instance came out and what the memory check found.
struct InstanceSize {
    std::size_t demand = 0;
    std::size_t candidates = 0;
    std::size_t pairs = 0;        ///< candidate -> demand pairs kept
    std::size_t estimate_bytes = 0; ///< estimated peak of the process
    std::size_t allowed_bytes = 0;  ///< the budget it was checked against
};

/// The candidates of `cantons` at `as_of`: the scenario's [candidates] layer
/// (those standing in the cantons), or one per eligible commune at its seat
/// (coverage::candidates_from_communes, restricted to [demand] communes
/// when the scenario lists some). Never from the demand layer.
std::vector<Candidate> candidates_for(const Run& run, const std::vector<CantonId>& cantons, const Date& as_of,
                                      const Logger& log = {});

/// The coverage instance of `candidates` against the situation's sites,
/// refused before it outgrows `budget`: the pairs are counted as they are
/// found, stored only while the estimated peak stays within the budget;
/// beyond it the count goes on and InstanceTooLarge says how much memory
/// the whole would need and which knob reduces it.
optimize::CoverageInstance instance_for(const Run& run, const Situation& situation,
                                        const std::vector<Candidate>& candidates, std::uint32_t threshold_min,
                                        const MemoryBudget& budget, InstanceSize* size = nullptr,
                                        const Logger& log = {});

struct PlanSetup {
    Run run;
    Situation now;                       ///< open sites at run.scenario.as_of
    std::vector<CantonId> cantons;       ///< cantons whose candidates are kept
    std::vector<Candidate> candidates;
    optimize::CoverageInstance instance; ///< groups = cantons
    InstanceSize size;
    std::uint32_t threshold_min = 30;
};

/// Loads `scenario`, evaluates the sites open at its as_of date, picks the
/// cantons (`cantons`: "uncovered", "all" or "CODE,CODE"), their candidates
/// (the scenario's [candidates] layer, or the town halls of their communes
/// that host no open site) and builds the coverage instance at
/// `threshold_min` (0: the scenario's service_threshold). Warnings (load
/// problems, candidates or demand far from any road) go to `log`.
/// Throws UnknownCanton, InputError (no candidate, bad input).
PlanSetup prepare_plan(Scenario scenario, const std::string& cantons, std::uint32_t threshold_min,
                       const Logger& log = {}, const MemoryBudget& budget = {});

/// Cantons with no open site at the setup's date, ascending: the groups of
/// the one-per-uncovered-canton quota.
std::vector<std::uint32_t> cantons_without_site(const PlanSetup& setup);

/// The opening lines of rank and plan outputs.
PlanHeader plan_header(const PlanSetup& setup);

/// `maillage rank`: the candidates of the setup's cantons, scored against
/// the open sites. Per canton of the setup, in its order, at most `top` (ties: see
/// optimize::best_per_group).
std::vector<optimize::GroupRanking> rank(const PlanSetup& setup, std::size_t top);

/// The ids of candidates, in order (the tie-break of rankings).
std::vector<std::string> candidate_ids(const std::vector<Candidate>& candidates);

struct PlanRequest {
    std::uint32_t add = 0;   ///< K new sites, or
    double target_share = 0; ///< the fewest for this share within the threshold
    optimize::Objective objective = optimize::Objective::coverage;
    bool exact = false;
    bool quota_one_per_uncovered_canton = false;
    std::uint32_t max_per_canton = 0;
};

struct PlanResult {
    optimize::Quotas quotas; ///< as given to the solver (on the restricted candidates, see rules)
    PlanRules rules;
    optimize::Selection selection;
    Situation after; ///< the open sites and the chosen ones (hours unknown)
};

/// `maillage plan`: chooses the new sites and evaluates the situation with
/// them. Relabels setup.now ("open on DATE") for the comparison.
/// Throws UsageError for a request the solvers do not support (the CLI
/// checks its options first and names them).
PlanResult plan(PlanSetup& setup, const PlanRequest& request, const Logger& log = {});

} // namespace maillage::app
