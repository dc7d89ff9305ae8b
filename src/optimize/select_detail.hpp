#pragma once
// Internals shared by the greedy and the exact solver (not a public header).

#include "optimize/select.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
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

/// Throws UsageError unless 0 < share <= 1 (a target share of the population).
void check_share(double share);

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
    /// Demand d's current time, capped at time_cap_s.
    std::uint32_t time(std::uint32_t d) const { return m_time[d]; }

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
/// With `rules`, a site adding no coverage that is the first of a required
/// group (in the order) is marked PickRule::group_time.
void describe(const CoverageInstance& in, Objective objective, std::vector<std::uint32_t> chosen,
              bool reorder, Selection& sel, const QuotaRules* rules = nullptr);

/// Population already covered plus everything any candidate covers, and the
/// populated demand nobody covers.
struct Reach {
    double coverable = 0;
    std::vector<std::uint32_t> uncoverable;
    double uncoverable_population = 0;
};
Reach reach(const CoverageInstance& in);

/// Each candidate's gains against the existing sites alone, an upper bound
/// on its gains against any state that also holds new sites (adding sites
/// only lowers times; the gains are sums of nonnegative terms in a fixed
/// order, and rounding is monotone, so the bound holds in floating point
/// too), and the candidates ordered by it: the best candidate is found by
/// evaluating them in that order and stopping at the first bound below the
/// best gain so far, with the same result as evaluating every candidate.
struct GainBounds {
    std::vector<std::pair<double, double>> gains; // per candidate: {coverage, time}
    std::vector<std::uint32_t> by_gains; // gains descending (coverage, then time), then index
    std::vector<std::uint32_t> by_time;  // time gain descending, then index
    explicit GainBounds(const CoverageInstance& in);
};

/// Among the candidates `allowed` accepts, the one with the largest
/// mean-time gain against `st`, ties by the lowest index (kInvalid if none):
/// how a site that adds no coverage (e.g. forced by a quota) is chosen.
/// `bounds` must come from the same instance.
std::uint32_t zero_gain_pick(const TimeState& st, const GainBounds& bounds,
                             const std::function<bool(std::uint32_t)>& allowed);

/// Group g's own residents (CoverageInstance::group_demand): their
/// population-weighted sum of capped times against `st` with candidate `c`
/// added (kInvalid: none), population x seconds, and their population.
/// Cost O(pairs of c + residents of g).
struct GroupTime {
    double weighted = 0;
    double population = 0;
};
GroupTime group_time(const CoverageInstance& in, const TimeState& st, std::uint32_t g, std::uint32_t c);

/// The quota pick for group g (a required group without a new site yet):
/// among the candidates of g that `allowed` accepts, the largest coverage
/// gain against `st` (zero for every one of them where it is used: the
/// greedy when nothing adds coverage, the exact's settling, which so keeps
/// its optimum), then the smallest weighted time of g's own residents, then
/// the largest mean-time gain of the whole territory, then the lowest index.
/// kInvalid if none. Cost O(pairs of g's candidates + candidates).
std::uint32_t group_pick(const CoverageInstance& in, const TimeState& st, std::uint32_t g,
                         const std::function<bool(std::uint32_t)>& allowed);

/// Among the candidates `allowed` accepts, the one with the largest
/// {coverage gain, mean-time gain} against `st` (compared in that order),
/// ties by the lowest index (kInvalid if none).
template <class Allowed>
std::uint32_t best_gains_pick(const TimeState& st, const GainBounds& bounds,
                              const Allowed& allowed) {
    std::uint32_t best = kInvalid;
    std::pair<double, double> best_gain{-1, -1};
    for (std::uint32_t c : bounds.by_gains) {
        if (!allowed(c)) continue;
        const std::pair<double, double>& ub = bounds.gains[c];
        if (ub < best_gain) break; // every later bound is at most this one
        if (ub == best_gain && c > best) continue; // at best a tie, lost on index
        const std::pair<double, double> g = st.gains(c);
        if (g > best_gain || (g == best_gain && c < best)) best_gain = g, best = c;
    }
    return best;
}

/// The greedy for `k` sites (see greedy_select), in the order of choice.
/// `bounds`, when given, is built there at the first pick that adds no
/// coverage (if not already), for the caller to reuse.
std::vector<std::uint32_t> greedy_core(const CoverageInstance& in, Objective objective,
                                       std::uint32_t k, const QuotaRules& rules,
                                       std::optional<GainBounds>* bounds = nullptr);

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
