#pragma once
/// Candidate ranking and site selection on a CoverageInstance: marginal
/// scores, greedy with lazy re-evaluation (maximal coverage, minimal number
/// of sites, p-median) and an exact branch and bound with Lagrangian bounds
/// (maximal coverage, minimal number of sites) that proves optimality.
///
/// Every function is deterministic: same input, same output, bit for bit.
/// Ties between candidates go to the lower candidate index, except sites
/// that add no coverage (a quota forcing a site in a group where none adds
/// any, or more sites than add coverage): those go to the largest
/// mean-time gain, then the lower index.

#include "core/log.hpp"
#include "optimize/instance.hpp"

#include <cstdint>
#include <vector>

namespace maillage::optimize {

// ---------------------------------------------------------------- ranking

/// A candidate's marginal value against the existing sites alone.
struct CandidateScore {
    std::uint32_t candidate = kInvalid;
    std::uint32_t group = kInvalid;
    /// Population it brings within the threshold that no existing site covers.
    double newly_covered = 0;
    /// Reduction of the population-weighted mean travel time, seconds, each
    /// demand's time being min(base, candidate, time_cap_s).
    double mean_time_reduction_s = 0;
    /// Population that it reaches strictly faster than any existing site.
    double nearest_population = 0;
};

enum class RankKey { newly_covered, mean_time_reduction, nearest_population };

/// Scores every candidate and sorts by `key` descending, ties by candidate
/// index ascending. Cost O(pairs + n log n). Throws InputError (validate).
std::vector<CandidateScore> rank_candidates(const CoverageInstance& instance,
                                            RankKey key = RankKey::newly_covered);

/// The best candidates of one group (canton), best first.
struct GroupRanking {
    std::uint32_t group = kInvalid;
    std::vector<CandidateScore> best;
};

/// Per group of `groups` (in that order): its candidates among `scores`, most
/// population newly covered first, then the largest drop of the mean time,
/// then the candidate's id in `candidate_ids` (stable output whatever the
/// input order); at most `top` each. A group with no candidate has an empty
/// list. O(groups x scores + n log n).
std::vector<GroupRanking> best_per_group(const std::vector<CandidateScore>& scores,
                                         const std::vector<std::uint32_t>& groups,
                                         const std::vector<std::string>& candidate_ids, std::size_t top);

// -------------------------------------------------------------- selection

enum class Objective {
    coverage,  ///< maximise the population within the threshold
    mean_time, ///< p-median: minimise the population-weighted mean time (capped)
};

enum class SolveStatus {
    heuristic,  ///< greedy result, no optimality claim
    optimal,    ///< proven optimal (to within 1e-9 of the total population)
    node_limit, ///< exact search stopped at ExactOptions::node_limit; see bound
    infeasible, ///< target share unreachable: some demand no candidate covers
};
const char* to_string(SolveStatus status);

/// Which rule chose a site.
enum class PickRule {
    coverage,   ///< the residents it brings within the threshold
    group_time, ///< a quota pick adding no resident: its group's own residents' mean time
    mean_time,  ///< the whole territory's mean time (objective mean_time, or a tie)
};
const char* to_string(PickRule rule);

/// One chosen site and what it adds to the sites before it in the list.
struct ChosenSite {
    std::uint32_t candidate = kInvalid;
    /// Objective gain when added: population newly covered (coverage and
    /// minimal-sites), or reduction of the weighted mean time in seconds
    /// (mean_time).
    double gain = 0;
    /// Population newly within the threshold when added.
    double covered_added = 0;
    /// Reduction of the population-weighted mean time when added, seconds.
    double mean_time_reduction_s = 0;
    /// The rule that chose it. group_time: the site adds no resident within
    /// the threshold and is the first new site of a group the quotas require;
    /// among that group's candidates it gives the group's own residents
    /// (CoverageInstance::group_demand) the smallest mean time.
    PickRule chosen_by = PickRule::coverage;
    /// group_time only: the population-weighted mean time (capped) of the
    /// group's own residents against the sites before it, and with it, s.
    double group_mean_time_before_s = 0;
    double group_mean_time_after_s = 0;
};

/// Before (existing sites) / after (existing + chosen) summary.
struct CoverageSummary {
    double total_population = 0;
    double covered_before = 0;
    double covered_after = 0;
    /// Population-weighted mean of min(time, time_cap_s), seconds (0 when the
    /// total population is 0).
    double mean_time_before_s = 0;
    double mean_time_after_s = 0;
};

struct Selection {
    SolveStatus status = SolveStatus::heuristic;
    /// Chosen candidates in order. Greedy: the order of choice, each with its
    /// marginal gain at that time. Exact: the chosen set re-ordered greedily
    /// (largest marginal gain inside the set first, ties by the mean-time
    /// gain, then by index).
    std::vector<ChosenSite> sites;
    CoverageSummary summary;
    /// coverage: population newly covered by the new sites; mean_time: the
    /// weighted mean time after, seconds; minimal sites: number of new sites.
    double objective = 0;
    /// Exact only: best proven bound on the objective (upper bound for
    /// coverage, lower bound on the number of sites); == objective when
    /// optimal. Greedy: equals objective.
    double bound = 0;
    /// Exact only: search nodes (bound evaluations) explored.
    std::uint64_t nodes = 0;
    /// Exact only: the greedy's objective on the same problem and its
    /// relative gap to the exact objective, (exact - greedy) / exact for
    /// coverage (0 when exact is 0), (greedy - exact) / exact for sites.
    double greedy_objective = 0;
    double greedy_gap = 0;
    /// Population within the threshold with the existing sites and every
    /// candidate open: no choice of sites brings more. When covered_after
    /// reaches it, the coverage objective is *saturated*.
    double reachable_population = 0;
    /// Chosen sites that bring no resident within the threshold (coverage
    /// and minimal sites): chosen by the tie-break (largest mean-time gain,
    /// then the lowest index), by a quota, or because k exceeds what adds
    /// coverage; any other such sites give the same objective.
    std::uint32_t sites_without_gain = 0;
    /// Minimal sites, infeasible: the demand points (population > 0) that no
    /// existing site nor any candidate covers, ascending.
    std::vector<std::uint32_t> uncoverable_demand;
    double uncoverable_population = 0;
};

/// Greedy with lazy re-evaluation (a priority queue of upper bounds, valid
/// because both objectives are submodular): picks exactly `k` new sites,
/// existing sites fixed, quotas respected. When the remaining picks equal the
/// required groups still without a new site, only those groups' candidates
/// are eligible. Coverage picks of equal gain (within 1e-9 of the total
/// population), including picks that add nothing, go to the largest
/// mean-time gain, then the lower index; mean-time picks to the lower index.
/// Cost about O(k * pairs) worst case, usually far less.
/// Throws InputError (validate, no candidates) and UsageError (k larger than
/// the candidates or than the per-group maxima allow, more required groups
/// than k, a required group with no candidate, a group out of range).
Selection greedy_select(const CoverageInstance& instance, Objective objective, std::uint32_t k,
                        const Quotas& quotas = {});

/// Greedy for the fewest new sites such that at least `target_share` (0..1]
/// of the total population is within the threshold: first one site in each
/// required group (best gain first), then the best gain until the target is
/// met. Status infeasible (with the uncoverable demand) when even every
/// candidate together cannot meet it, or (no uncoverable demand listed) when
/// the per-group maxima stop the greedy short of it (exact_min_sites tells
/// whether that is truly infeasible). Throws as greedy_select, and UsageError
/// for a share outside (0, 1].
Selection greedy_min_sites(const CoverageInstance& instance, double target_share,
                           const Quotas& quotas = {});

struct ExactOptions {
    /// Stop after this many search nodes (status node_limit, with the bound).
    std::uint64_t node_limit = 1'000'000;
    /// Subgradient iterations at the root and at every other node.
    std::uint32_t root_iterations = 500;
    std::uint32_t node_iterations = 25;
    /// exact_max_coverage only. false: the sites that add no coverage are not
    /// settled (nor the sites re-ordered): the optimum as the search found
    /// it, in ascending index, possibly fewer than k sites when fewer
    /// suffice. For timing the search apart from that tie-break.
    bool settle_ties = true;
    /// Optional: progress ("exact", nodes, node_limit) and debug messages.
    const Logger* logger = nullptr;
};

/// Exact maximal coverage with `k` new sites and quotas: depth-first branch
/// and bound on the candidates, bounds from the Lagrangian relaxation of the
/// coverage constraints (projected, deflected subgradient, warm-started; its
/// value is the LP relaxation's), reduced-cost fixing, incumbent from the
/// greedy improved by swaps, from each Lagrangian solution, and from swaps
/// on the root relaxation's best sets. Demand already covered is dropped,
/// demand points with the same candidate set are merged, and candidates
/// another one dominates (covers a superset, may stand in under the quotas)
/// are left out of the search first. With whole-number populations a bound below
/// incumbent + 1 prunes; otherwise the optimum is within 1e-9 of the total
/// population. Picks exactly `k` sites; a chosen site that adds no coverage
/// (forced by a quota, or padding when fewer suffice) is the allowed
/// candidate with the largest mean-time gain, then the lowest index, so it
/// does not depend on the search order. Deterministic (no time limit, only `node_limit`); among
/// equal optima the one found first is kept, which is not necessarily the
/// lowest-index set. Cost: exponential in the worst case; see
/// docs/benchmarks.md. Throws as greedy_select.
Selection exact_max_coverage(const CoverageInstance& instance, std::uint32_t k,
                             const Quotas& quotas = {}, const ExactOptions& options = {});

/// Exact fewest new sites reaching `target_share` with quotas: binary search
/// on k between a lower bound (required groups; largest single gains) and
/// the greedy's count, each step the maximal-coverage branch and bound in
/// decision mode (stop at the first set reaching the target, prune bounds
/// below it). Status node_limit: `bound` is the proven lower bound on the
/// count, `sites` the best set found (none, objective 0, when the caps stop
/// the greedy and no set reaching the target was found before the limit).
/// Status infeasible with no uncoverable demand: the per-group maxima make
/// the target unreachable. Throws as greedy_min_sites.
Selection exact_min_sites(const CoverageInstance& instance, double target_share,
                          const Quotas& quotas = {}, const ExactOptions& options = {});

/// Summary and per-site gains for a given set of new sites, in the given
/// order (each gain measured against existing + the sites before it).
/// Throws InputError (validate) and UsageError for a bad candidate id.
Selection evaluate_selection(const CoverageInstance& instance, Objective objective,
                             const std::vector<std::uint32_t>& chosen);

} // namespace maillage::optimize
