// Exact maximal coverage and fewest sites by branch and bound: the entry
// points. The solver's parts, one file each:
//   exact_reduction  the reduced problem (items) and dominated candidates
//   exact_state      the fixings of a search node and the incumbent
//   exact_lagrangian the bound: Lagrangian relaxation, reduced-cost fixing
//   exact_local_search  swaps that improve a feasible set
//   exact_search     the branch and bound
//   exact_settle     which zero-gain sites the solution holds
//
// Model, after dropping demand already covered and merging demand points
// that the same candidates cover into "items" i of weight w_i:
//   max sum_i w_i y_i  s.t.  y_i <= sum_{c covers i} x_c,  sum_c x_c <= k,
//   at most `cap` x's per group, at least one in each required group.
// (At most k is enough: coverage is monotone and the caps form a partition
// matroid, so any feasible set extends to exactly k without losing value.)
// Bounds from the Lagrangian relaxation of the y <= sum x rows; the
// incumbent starts from the greedy improved by swaps; before the search, a
// candidate whose items another candidate covers too (and that one may
// stand in for it under the quotas) is fixed out: fewer free candidates,
// and a tighter relaxation.
// When every population is a whole number, so is every set's value, and a
// bound below incumbent + 1 prunes (the Lagrangian dual is often degenerate:
// many candidates tie, and only that closes the last fraction of a person).

#include "optimize/exact_reduction.hpp"
#include "optimize/exact_search.hpp"
#include "optimize/exact_settle.hpp"
#include "optimize/select.hpp"
#include "optimize/select_detail.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>

namespace maillage::optimize {

using detail::QuotaRules;
using detail::ReducedProblem;
using detail::Search;

Selection exact_max_coverage(const CoverageInstance& in, std::uint32_t k, const Quotas& quotas,
                             const ExactOptions& options) {
    const QuotaRules rules = detail::check_problem(in, k, quotas);
    const double tol = detail::tolerance(in);
    Selection greedy;
    std::optional<detail::GainBounds> bounds; // shared by the greedy and settle
    detail::describe(in, Objective::coverage,
                     detail::greedy_core(in, Objective::coverage, k, rules, &bounds), false,
                     greedy);
    if (options.logger) options.logger->debug("exact: greedy " + std::to_string(greedy.objective));

    const ReducedProblem problem = detail::reduce(in);
    if (options.logger)
        options.logger->debug("exact: " + std::to_string(problem.item_count()) +
                              " items (demand merged), " + std::to_string(problem.pair_count()) +
                              " candidate-item pairs");
    std::uint64_t nodes = 0;
    Search search(problem, rules, k, options, nodes, tol);
    std::vector<std::uint32_t> greedy_set;
    for (const ChosenSite& s : greedy.sites) greedy_set.push_back(s.candidate);
    std::sort(greedy_set.begin(), greedy_set.end());
    search.offer(greedy_set, greedy.objective);
    search.improve_incumbent();
    if (options.logger)
        options.logger->debug("exact: swaps from the greedy " +
                              std::to_string(search.best_value()));
    const std::size_t dropped = search.drop_dominated();
    if (options.logger)
        options.logger->debug("exact: " + std::to_string(dropped) +
                              " candidates dominated by another");
    search.run();
    if (options.logger) options.logger->debug("exact: " + std::to_string(nodes) + " nodes");

    std::vector<std::uint32_t> chosen = search.best();
    if (options.settle_ties) detail::settle_ties(in, rules, k, chosen, bounds);
    Selection sel;
    detail::describe(in, Objective::coverage, chosen, options.settle_ties, sel, &rules);
    sel.status = search.aborted() ? SolveStatus::node_limit : SolveStatus::optimal;
    sel.bound = search.aborted() ? std::max(search.bound(), sel.objective) : sel.objective;
    sel.nodes = nodes;
    sel.greedy_objective = greedy.objective;
    sel.greedy_gap = sel.objective > 0
                         ? std::max(0.0, (sel.objective - greedy.objective) / sel.objective)
                         : 0.0;
    if (sel.greedy_gap * sel.objective <= tol) sel.greedy_gap = 0;
    return sel;
}

Selection exact_min_sites(const CoverageInstance& in, double target_share, const Quotas& quotas,
                          const ExactOptions& options) {
    const QuotaRules rules = detail::check_problem(in, kInvalid, quotas);
    detail::check_share(target_share);
    Selection greedy = greedy_min_sites(in, target_share, quotas);
    if (greedy.status == SolveStatus::infeasible && !greedy.uncoverable_demand.empty()) {
        return greedy; // no set of candidates reaches the target at all
    }
    const double tol = detail::tolerance(in);
    const ReducedProblem problem = detail::reduce(in);
    const double total = greedy.summary.total_population;
    const double target_new = target_share * total - problem.covered_before;

    // Lower bound: the required groups, and enough of the largest single gains.
    std::vector<double> gains(in.candidate_count(), 0);
    for (std::uint32_t c = 0; c < in.candidate_count(); ++c)
        for (std::uint32_t i : problem.items_of(c)) gains[c] += problem.item_weight[i];
    std::sort(gains.begin(), gains.end(), std::greater<>());
    std::uint32_t lower = 0;
    for (double acc = 0; acc < target_new - tol && lower < gains.size(); ++lower)
        acc += gains[lower];
    lower = std::max(lower, static_cast<std::uint32_t>(rules.required_list.size()));
    const bool greedy_ok = greedy.status != SolveStatus::infeasible;
    const std::uint32_t greedy_count = static_cast<std::uint32_t>(greedy.sites.size());
    const std::uint32_t upper = greedy_ok ? greedy_count : rules.capacity + 1; // exclusive

    // Reaching the target with at most k sites is monotone in k: binary
    // search between the lower bound and the greedy's count, each step an
    // exact decision search seeded with the greedy's first k sites (they
    // hold the required groups first) improved by swaps.
    std::vector<std::uint32_t> greedy_order;
    for (const ChosenSite& site : greedy.sites) greedy_order.push_back(site.candidate);
    std::uint64_t nodes = 0;
    bool aborted = false, have = greedy_ok;
    std::vector<std::uint32_t> best_set = greedy_order;
    auto decide = [&](std::uint32_t k) -> int { // 1 found, 0 proven short, -1 node limit
        Search search(problem, rules, k, options, nodes, tol);
        search.set_target(target_new);
        if (k >= rules.required_list.size() && k <= greedy_order.size() && k > 0)
            search.improve_from({greedy_order.begin(), greedy_order.begin() + k});
        if (!search.found()) {
            search.drop_dominated();
            search.run();
        }
        if (search.found()) {
            best_set = search.best();
            have = true;
            return 1;
        }
        return search.aborted() ? -1 : 0;
    };
    std::uint32_t lo = lower, hi = upper;
    if (!greedy_ok) { // the caps stopped the greedy: is the target reachable at all?
        hi = rules.capacity;
        const int d = lo <= hi ? decide(hi) : 0;
        if (d == 1) hi = static_cast<std::uint32_t>(best_set.size());
        else if (d == -1) aborted = true;
        else lo = hi; // proven unreachable
    }
    while (!aborted && have && lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        const int d = decide(mid);
        if (d == 1) hi = static_cast<std::uint32_t>(best_set.size());
        else if (d == 0) lo = mid + 1;
        else aborted = true;
    }
    Selection sel;
    if (have) {
        std::optional<detail::GainBounds> bounds;
        const auto k = static_cast<std::uint32_t>(best_set.size());
        detail::settle_ties(in, rules, k, best_set, bounds);
        detail::describe(in, Objective::coverage, best_set, true, sel, &rules);
        sel.objective = static_cast<double>(best_set.size());
    } else { // nothing reaches the target (proven, or not found before the limit)
        detail::describe(in, Objective::coverage, {}, false, sel);
        sel.objective = 0;
    }
    sel.status = aborted ? SolveStatus::node_limit
                 : have  ? SolveStatus::optimal
                         : SolveStatus::infeasible;
    sel.bound = aborted ? static_cast<double>(lo) : sel.objective;
    sel.nodes = nodes;
    sel.greedy_objective = greedy_count;
    sel.greedy_gap = greedy_ok && sel.objective > 0
                         ? (greedy_count - sel.objective) / sel.objective
                         : 0.0;
    return sel;
}

} // namespace maillage::optimize
