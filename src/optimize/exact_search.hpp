#pragma once
// The exact solver's branch and bound (not a public header) on the reduced
// problem: depth first, bounds from LagrangianBound, incumbent improved by
// swaps, in optimisation mode (largest coverage with at most k sites) or
// decision mode (a set of k sites reaching a target).

#include "optimize/exact_lagrangian.hpp"
#include "optimize/exact_local_search.hpp"
#include "optimize/select.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace maillage::optimize::detail {

class Search {
  public:
    /// `k`: most new sites; `nodes` counts the search nodes (shared by the
    /// searches of one solve, against options.node_limit); `tol`: tolerance
    /// on populations. The references must outlive the search.
    Search(const ReducedProblem& problem, const QuotaRules& rules, std::uint32_t k,
           const ExactOptions& options, std::uint64_t& nodes, double tol);

    /// Decision mode: stop at the first set reaching `target` new population.
    void set_target(double target) { m_incumbent.set_target(target); }

    /// Offers a feasible set of new sites (ascending) with its new covered population.
    void offer(const std::vector<std::uint32_t>& set, double value) {
        m_incumbent.offer(set, value);
    }

    /// Improves the incumbent by swaps (improve_by_swaps) unless it is the
    /// set they last started from: a better incumbent makes the
    /// subgradient steps (aimed at it) and the pruning sharper.
    void improve_incumbent();
    /// Offers `set` (a feasible set of new sites) improved by swaps.
    void improve_from(std::vector<std::uint32_t> set);

    /// Fixes out, for the whole search, the candidates another one can stand
    /// in for (dominated_candidates); returns how many. Call before run.
    std::size_t drop_dominated();

    /// Runs the branch and bound, until done, the target is reached or the
    /// node limit stops it.
    void run() { search(std::numeric_limits<double>::infinity(), true); }

    bool aborted() const { return m_aborted; }
    bool found() const { return m_incumbent.found(); }
    double best_value() const { return m_incumbent.best_value(); }
    const std::vector<std::uint32_t>& best() const { return m_incumbent.best(); }
    /// Upper bound on the new covered population over the whole search.
    double bound() const {
        return m_aborted ? std::max(m_open_bound, best_value()) : best_value();
    }

  private:
    void search(double parent_bound, bool root);

    const ReducedProblem& m_problem;
    const QuotaRules& m_rules;
    const ExactOptions& m_options;
    std::uint64_t& m_nodes;

    NodeFixings m_fixings;
    Incumbent m_incumbent;
    LagrangianBound m_bound; // refers to m_fixings and m_incumbent

    std::vector<std::uint32_t> m_local_optimum; // last incumbent the swaps started from
    bool m_aborted = false;                     // stopped by the node limit
    double m_open_bound = kMinusInf;            // largest bound of a node left open
};

} // namespace maillage::optimize::detail
