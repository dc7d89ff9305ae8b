#pragma once
// The exact solver's bound (not a public header): the Lagrangian relaxation
// of the coverage rows, solved by subgradient steps at each search node,
// with reduced-cost fixing.
//
// Relaxing the rows y_i <= sum_{c covers i} x_c with multipliers
// 0 <= lambda_i <= w_i gives
//   L(lambda) = value of the sites in + sum_{i uncovered} (w_i - lambda_i)
//             + max over feasible free x of sum_c x_c profit_c,
//   profit_c = sum_{i uncovered, c covers i} lambda_i.
// The inner maximum is exact by a greedy: the best free candidate of each
// required group still empty, then the largest profits under the caps
// (groups are disjoint). lambda = w gives the classic "sum of the top
// marginal gains" bound, evaluated first at every node; subgradient steps
// (Polyak, halving) then tighten it, warm-started from wherever the
// previous node left lambda (any lambda is a valid bound, so this needs no
// bookkeeping). Every x the relaxation picks is a feasible set: its true
// value goes to the incumbent.

#include "optimize/exact_state.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace maillage::optimize::detail {

/// A set of new sites (ascending) with its value, as the root relaxation
/// proposes them.
using ValuedSet = std::pair<double, std::vector<std::uint32_t>>;

class LagrangianBound {
  public:
    /// Works on the node `fixings` describes and reports to `incumbent`;
    /// both must outlive it. `k`: most new sites.
    LagrangianBound(const ReducedProblem& problem, const QuotaRules& rules, std::uint32_t k,
                    NodeFixings& fixings, Incumbent& incumbent);

    /// Bound on the new covered population of the current node (kMinusInf
    /// when no feasible set is left), after `iterations` subgradient steps
    /// at most, never above `parent_bound`. Sets `branch` to the candidate
    /// to branch on (kInvalid at a leaf). Offers every set the relaxation
    /// picks to the incumbent. At the root (`root`), keeps the relaxation's
    /// best distinct sets (root_sets) and carries the step factor over to
    /// the next root round. Unless the node is pruned, then fixes out (in
    /// the fixings) the free candidates whose inclusion cannot beat the
    /// incumbent (fixed_out), and lists the sites every better set holds
    /// (fixed_in). Cost per step O(pairs of the free candidates and
    /// uncovered items).
    double bound_node(std::uint32_t iterations, double parent_bound, bool root,
                      std::uint32_t& branch);

    /// Of the last bound_node: the candidates it fixed out (to unexclude
    /// when leaving the node), the sites every better set holds, and how
    /// many candidates were free.
    const std::vector<std::uint32_t>& fixed_out() const { return m_fixed_out; }
    const std::vector<std::uint32_t>& fixed_in() const { return m_fixed_in; }
    std::size_t free_count() const { return m_free.size(); }

    /// The best distinct sets the root relaxation proposed (value
    /// descending), handed over and forgotten: starts for the local search.
    std::vector<ValuedSet> take_root_sets() { return std::exchange(m_root_sets, {}); }

  private:
    double inner_max(const std::vector<double>& profit, std::uint32_t slots,
                     std::vector<std::uint32_t>& set, std::uint32_t forced = kInvalid);
    void fix_by_reduced_costs(std::uint32_t slots);
    double relaxed_value(const std::vector<std::uint32_t>& set);
    void clear_relaxed_cover(const std::vector<std::uint32_t>& set);
    void keep_root_set(const std::vector<std::uint32_t>& set, double value);
    void offer_with_included(const std::vector<std::uint32_t>& set, double value);
    bool group_full(std::uint32_t g) const;

    const ReducedProblem& m_problem;
    const QuotaRules& m_rules;
    std::uint32_t m_k;
    NodeFixings& m_fixings;
    Incumbent& m_incumbent;

    std::vector<double> m_multiplier; // per item: lambda, kept from node to node
    // Per candidate: profit at the current multipliers, marginal gain (the
    // profit at lambda = w), whether the inner maximum took it.
    std::vector<double> m_profit, m_marginal_gain;
    std::vector<std::uint8_t> m_picked;
    // Per group: candidates the inner maximum took, the smallest profit
    // among them, the best profit of those it did not (fixing).
    std::vector<std::uint32_t> m_group_picked;
    std::vector<double> m_group_min_profit, m_group_best_profit;
    // Per item: how many sites of the relaxed set cover it (relaxed_value).
    std::vector<std::uint32_t> m_relaxed_cover_count;

    // Compact view of the node for the subgradient steps: the uncovered
    // items (local ids), their weights, multipliers, subgradient, direction
    // and cover counts, and each free candidate's row of local items.
    std::vector<std::uint32_t> m_open_items, m_local_index, m_row_of, m_row_first, m_row_item;
    std::vector<std::uint32_t> m_local_cover_count;
    std::vector<double> m_local_weight, m_local_multiplier, m_subgradient, m_direction;

    std::vector<std::uint32_t> m_unmet_groups; // required groups without a site in
    std::vector<std::uint32_t> m_free;         // eligible candidates of the node
    std::vector<std::uint32_t> m_by_profit;    // inner_max scratch
    std::vector<std::uint32_t> m_relaxed_set;  // the inner maximum's set
    std::vector<std::uint32_t> m_fixed_out, m_fixed_in;

    double m_root_step_factor;
    std::vector<ValuedSet> m_root_sets; // value descending
};

} // namespace maillage::optimize::detail
