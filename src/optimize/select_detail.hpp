#pragma once
// Internals shared by the greedy and the exact solver (not a public header).

#include "optimize/select.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace maillage::optimize::detail {

/// Quotas normalised and checked against an instance.
struct QuotaRules {
    std::vector<std::uint8_t> required;   // per group
    std::vector<std::uint32_t> required_list; // sorted, unique
    std::uint32_t cap = 0;                // 0 = no limit
    std::uint32_t capacity = 0;           // most new sites the caps allow
};

/// Checks the instance (validate), that there are candidates, and that the
/// quotas can be met; `k` is kInvalid for the minimal-sites problem (no k).
/// Throws InputError / UsageError naming the group.
QuotaRules check_problem(const CoverageInstance& in, std::uint32_t k, const Quotas& quotas);

/// Each demand's current best time (existing sites + the chosen ones).
class TimeState {
  public:
    explicit TimeState(const CoverageInstance& in);

    /// Population newly within the threshold if `c` were added.
    double coverage_gain(std::uint32_t c) const;
    /// Reduction of the weighted sum of capped times if `c` were added
    /// (population x seconds).
    double time_gain(std::uint32_t c) const;
    /// Both gains in one pass over c's pairs: {coverage_gain, time_gain}.
    std::pair<double, double> gains(std::uint32_t c) const;
    double gain(Objective objective, std::uint32_t c) const {
        return objective == Objective::coverage ? coverage_gain(c) : time_gain(c);
    }
    void add(std::uint32_t c);

    double covered() const;
    double weighted_time() const;

  private:
    const CoverageInstance& m_in;
    std::vector<std::uint32_t> m_time; // capped at time_cap_s
};

/// Summary of existing sites + `chosen`.
CoverageSummary summarize(const CoverageInstance& in, const std::vector<std::uint32_t>& chosen);

/// Fills `sel.sites` (re-ordered greedily inside `chosen` when `reorder`),
/// `sel.summary` and `sel.objective` for the objective.
void describe(const CoverageInstance& in, Objective objective, std::vector<std::uint32_t> chosen,
              bool reorder, Selection& sel);

/// Population already covered plus everything any candidate covers, and the
/// populated demand nobody covers.
struct Reach {
    double coverable = 0;
    std::vector<std::uint32_t> uncoverable;
    double uncoverable_population = 0;
};
Reach reach(const CoverageInstance& in);

/// Among the candidates `allowed` accepts, the one with the largest
/// mean-time gain against `st`, ties by the lowest index (kInvalid if none):
/// how a site that adds no coverage (e.g. forced by a quota) is chosen.
std::uint32_t zero_gain_pick(const CoverageInstance& in, const TimeState& st,
                             const std::function<bool(std::uint32_t)>& allowed);

/// The greedy for `k` sites (see greedy_select), in the order of choice.
std::vector<std::uint32_t> greedy_core(const CoverageInstance& in, Objective objective,
                                       std::uint32_t k, const QuotaRules& rules);

struct GreedyMinResult {
    std::vector<std::uint32_t> chosen;
    bool reached = false; // false: the caps stop the greedy short of the target
};
/// The greedy for the fewest sites covering `target` population (absolute).
GreedyMinResult greedy_min_core(const CoverageInstance& in, double target, double tol,
                                const QuotaRules& rules);

/// Tolerance for comparing populations: 1e-9 of the total.
inline double tolerance(const CoverageInstance& in) {
    double total = 0;
    for (double w : in.weight) total += w;
    return 1e-9 * std::max(1.0, total);
}

} // namespace maillage::optimize::detail
