#pragma once
// The exact solver's local search (not a public header): swaps that
// improve a feasible set, for the incumbent of the branch and bound.

#include "optimize/exact_reduction.hpp"

#include <cstdint>
#include <vector>

namespace maillage::optimize::detail {

/// A feasible set of new sites, ascending, and the population it covers
/// (items of the reduced problem).
struct SiteSet {
    std::vector<std::uint32_t> sites;
    double value = 0;
};

/// Improves `sites` (a feasible set: quotas met) by best-improvement swaps,
/// one site out and one in, quotas kept, until no swap gains more than
/// `tol`, the value reaches `stop_at` (decision mode; +infinity for none),
/// or a fixed number of swaps. O(pairs) once, then per swap O(candidates log
/// candidates + the pairs of the items it touches).
SiteSet improve_by_swaps(const ReducedProblem& problem, const QuotaRules& rules,
                         std::vector<std::uint32_t> sites, double stop_at, double tol);

} // namespace maillage::optimize::detail
