#include "optimize/exact_lagrangian.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillage::optimize::detail {
namespace {

// Subgradient tuning (measured on the benchmark instances, see
// docs/benchmarks.md): deflection factor, first step factor, iterations
// without improvement before the step factor halves (root, other nodes).
constexpr double kDeflection = 1.5;
constexpr double kFirstStepFactor = 2.0;
constexpr std::uint32_t kPatienceRoot = 20;
constexpr std::uint32_t kPatienceNode = 5;
// The smallest step factor a later root round resumes from.
constexpr double kRootResumeStepFactor = 0.05;
// Largest free candidate count for reduced-cost fixing with unmet required
// groups (quadratic).
constexpr std::size_t kMaxFreeForForcedFixing = 600;
// Distinct relaxation sets of the root kept as local-search starts.
constexpr std::size_t kRootSetsKept = 4;

} // namespace

LagrangianBound::LagrangianBound(const ReducedProblem& problem, const QuotaRules& rules,
                                 std::uint32_t k, NodeFixings& fixings, Incumbent& incumbent)
    : m_problem(problem), m_rules(rules), m_k(k), m_fixings(fixings), m_incumbent(incumbent),
      m_multiplier(problem.item_weight), m_profit(problem.candidate_count(), 0),
      m_marginal_gain(problem.candidate_count(), 0), m_picked(problem.candidate_count(), 0),
      m_group_picked(problem.group_count(), 0), m_group_min_profit(problem.group_count(), 0),
      m_group_best_profit(problem.group_count(), 0),
      m_relaxed_cover_count(problem.item_count(), 0), m_local_index(problem.item_count(), 0),
      m_row_of(problem.candidate_count(), 0), m_root_step_factor(kFirstStepFactor) {}

bool LagrangianBound::group_full(std::uint32_t g) const {
    return g != kInvalid && m_rules.cap != 0 &&
           m_fixings.group_in(g) + m_group_picked[g] >= m_rules.cap;
}

/// Best set of at most `slots` free candidates for per-candidate values
/// `profit` under the quotas, containing `forced` unless kInvalid; returns
/// its sum (kMinusInf when a required group has no free candidate left),
/// the set in `set`.
double LagrangianBound::inner_max(const std::vector<double>& profit, std::uint32_t slots,
                                  std::vector<std::uint32_t>& set, std::uint32_t forced) {
    const std::vector<std::uint32_t>& group = m_problem.group;
    set.clear();
    double sum = 0;
    auto take = [&](std::uint32_t c) {
        set.push_back(c);
        m_picked[c] = 1;
        if (group[c] != kInvalid) ++m_group_picked[group[c]];
        sum += profit[c];
        --slots;
    };
    auto cleanup = [&] {
        for (std::uint32_t c : set) {
            m_picked[c] = 0;
            if (group[c] != kInvalid) m_group_picked[group[c]] = 0;
        }
    };
    if (forced != kInvalid) take(forced);
    for (std::uint32_t g : m_unmet_groups) {
        if (m_group_picked[g] > 0) continue; // the forced candidate fills it
        std::uint32_t best = kInvalid;
        for (std::uint32_t c : m_problem.members_of(g))
            if (m_fixings.is_free(c) && (best == kInvalid || profit[c] > profit[best])) best = c;
        if (best == kInvalid) {
            cleanup();
            return kMinusInf;
        }
        take(best);
    }
    m_by_profit.clear();
    if (slots > 0) {
        for (std::uint32_t c : m_free)
            if (m_fixings.is_free(c) && !m_picked[c] && profit[c] > 0) m_by_profit.push_back(c);
        auto by_profit = [&profit](std::uint32_t l, std::uint32_t r) {
            return profit[l] != profit[r] ? profit[l] > profit[r] : l < r;
        };
        if (m_rules.cap == 0 && m_by_profit.size() > slots) {
            std::nth_element(m_by_profit.begin(), m_by_profit.begin() + slots, m_by_profit.end(),
                             by_profit);
            m_by_profit.resize(slots);
        }
        std::sort(m_by_profit.begin(), m_by_profit.end(), by_profit);
        for (std::uint32_t c : m_by_profit) {
            if (slots == 0) break;
            if (group_full(group[c])) continue;
            take(c);
        }
    }
    cleanup();
    return sum;
}

/// Reduced-cost fixing: with the current multipliers, a free candidate
/// whose forced inclusion bounds the node no better than the incumbent is
/// fixed out (for this node's subtree). Without unmet required groups the
/// inner problem is a max-weight basis of a (truncated partition) matroid,
/// so forcing c in costs exactly the smallest profit on its circuit:
/// O(pairs) for all candidates. With unmet required groups, each forced
/// inner maximum is recomputed: O(free^2 log free), only below
/// kMaxFreeForForcedFixing free candidates.
void LagrangianBound::fix_by_reduced_costs(std::uint32_t slots) {
    const std::vector<std::uint32_t>& group = m_problem.group;
    m_fixed_out.clear();
    m_fixed_in.clear();
    if (slots == 0) return;
    if (!m_unmet_groups.empty() && m_free.size() > kMaxFreeForForcedFixing) return;
    double base = m_fixings.included_value();
    for (std::uint32_t i = 0; i < m_problem.item_count(); ++i)
        if (!m_fixings.covered(i)) base += m_problem.item_weight[i] - m_multiplier[i];
    for (std::uint32_t c : m_free) {
        double profit = 0;
        for (std::uint32_t i : m_problem.items_of(c))
            if (!m_fixings.covered(i)) profit += m_multiplier[i];
        m_profit[c] = profit;
    }
    std::vector<std::uint32_t> set;
    if (!m_unmet_groups.empty()) {
        for (std::uint32_t c : m_free) {
            if (!m_fixings.is_free(c)) continue;
            if (m_incumbent.prunes(base + inner_max(m_profit, slots, set, c))) {
                m_fixings.exclude(c);
                m_fixed_out.push_back(c);
            }
        }
        return;
    }
    const double bound = base + inner_max(m_profit, slots, set);
    double min_all = std::numeric_limits<double>::infinity();
    for (std::uint32_t c : set) {
        m_picked[c] = 1;
        min_all = std::min(min_all, m_profit[c]);
        const std::uint32_t g = group[c];
        if (g != kInvalid) {
            ++m_group_picked[g];
            m_group_min_profit[g] = m_group_picked[g] == 1
                                        ? m_profit[c]
                                        : std::min(m_group_min_profit[g], m_profit[c]);
        }
    }
    const bool full = set.size() == slots;
    for (std::uint32_t c : m_free) {
        if (m_picked[c]) continue;
        const std::uint32_t g = group[c];
        double drop = 0;
        if (group_full(g))
            drop = m_group_min_profit[g]; // saturated group: swap within it
        else if (full)
            drop = min_all;
        if (m_incumbent.prunes(bound + m_profit[c] - drop)) {
            m_fixings.exclude(c);
            m_fixed_out.push_back(c);
        }
    }
    // Fixing in: dropping c from the set costs profit_c minus its best
    // replacement (a candidate outside the set of an unsaturated group, or
    // of c's own group).
    double best_unsaturated = 0;
    for (std::uint32_t d : m_free) {
        if (m_picked[d] || !m_fixings.is_free(d)) continue;
        const std::uint32_t g = group[d];
        if (group_full(g))
            m_group_best_profit[g] = std::max(m_group_best_profit[g], m_profit[d]);
        else
            best_unsaturated = std::max(best_unsaturated, m_profit[d]);
    }
    for (std::uint32_t c : set) {
        const std::uint32_t g = group[c];
        double replace = best_unsaturated;
        if (group_full(g)) replace = std::max(replace, m_group_best_profit[g]);
        if (m_incumbent.prunes(bound - m_profit[c] + replace)) m_fixed_in.push_back(c);
    }
    for (std::uint32_t d : m_free)
        if (group[d] != kInvalid) m_group_best_profit[group[d]] = 0;
    for (std::uint32_t c : set) {
        m_picked[c] = 0;
        if (group[c] != kInvalid) m_group_picked[group[c]] = 0;
    }
}

/// Counts in m_relaxed_cover_count how often `set` covers each uncovered
/// item and returns the new population of (sites in + set). Call
/// clear_relaxed_cover(set) after.
double LagrangianBound::relaxed_value(const std::vector<std::uint32_t>& set) {
    double value = m_fixings.included_value();
    for (std::uint32_t c : set)
        for (std::uint32_t i : m_problem.items_of(c))
            if (!m_fixings.covered(i) && m_relaxed_cover_count[i]++ == 0)
                value += m_problem.item_weight[i];
    return value;
}

void LagrangianBound::clear_relaxed_cover(const std::vector<std::uint32_t>& set) {
    for (std::uint32_t c : set)
        for (std::uint32_t i : m_problem.items_of(c)) m_relaxed_cover_count[i] = 0;
}

/// Keeps the kRootSetsKept best distinct sets (sites in + `set`) the root
/// relaxation proposes: starting points for the local search.
void LagrangianBound::keep_root_set(const std::vector<std::uint32_t>& set, double value) {
    if (m_root_sets.size() >= kRootSetsKept && value <= m_root_sets.back().first) return;
    std::vector<std::uint32_t> sites = m_fixings.included();
    sites.insert(sites.end(), set.begin(), set.end());
    std::sort(sites.begin(), sites.end());
    for (const auto& [v, s] : m_root_sets)
        if (v == value && s == sites) return;
    auto at = std::find_if(m_root_sets.begin(), m_root_sets.end(),
                           [&](const ValuedSet& e) { return e.first < value; });
    m_root_sets.insert(at, {value, std::move(sites)});
    if (m_root_sets.size() > kRootSetsKept) m_root_sets.pop_back();
}

/// Offers (sites in + `set`) of value `value` to the incumbent.
void LagrangianBound::offer_with_included(const std::vector<std::uint32_t>& set, double value) {
    if (!m_incumbent.would_take(value)) return;
    std::vector<std::uint32_t> sites = m_fixings.included();
    sites.insert(sites.end(), set.begin(), set.end());
    std::sort(sites.begin(), sites.end());
    m_incumbent.offer(sites, value);
}

double LagrangianBound::bound_node(std::uint32_t iterations, double parent_bound, bool root,
                                   std::uint32_t& branch) {
    const std::vector<double>& weight = m_problem.item_weight;
    branch = kInvalid;
    m_fixed_out.clear();
    m_fixed_in.clear();
    const std::uint32_t slots = m_k - static_cast<std::uint32_t>(m_fixings.included().size());
    m_unmet_groups.clear();
    for (std::uint32_t g : m_rules.required_list)
        if (m_fixings.group_in(g) == 0) {
            if (m_fixings.group_free(g) == 0) return kMinusInf;
            m_unmet_groups.push_back(g);
        }
    if (m_unmet_groups.size() > slots) return kMinusInf;
    m_free.clear();
    for (std::uint32_t c = 0; c < m_problem.candidate_count(); ++c)
        if (m_fixings.eligible(c)) m_free.push_back(c);

    // True marginal gains = profits at lambda = w: the submodular bound.
    double max_gain = 0;
    std::uint32_t max_gain_candidate = kInvalid;
    for (std::uint32_t c : m_free) {
        double gain = 0;
        for (std::uint32_t i : m_problem.items_of(c))
            if (!m_fixings.covered(i)) gain += weight[i];
        m_marginal_gain[c] = gain;
        if (gain > max_gain) max_gain = gain, max_gain_candidate = c;
    }
    if (slots == 0 || max_gain_candidate == kInvalid) {
        // Nothing adds population: fill the required groups, done.
        m_relaxed_set.clear();
        for (std::uint32_t g : m_unmet_groups)
            for (std::uint32_t c : m_problem.members_of(g))
                if (m_fixings.is_free(c)) {
                    m_relaxed_set.push_back(c);
                    break;
                }
        offer_with_included(m_relaxed_set, m_fixings.included_value());
        return m_fixings.included_value();
    }
    double best = std::min(parent_bound, m_fixings.included_value() +
                                             inner_max(m_marginal_gain, slots, m_relaxed_set));
    {
        const double value = relaxed_value(m_relaxed_set);
        clear_relaxed_cover(m_relaxed_set);
        offer_with_included(m_relaxed_set, value);
    }
    branch = max_gain_candidate;
    if (m_incumbent.prunes(best)) return best;

    // Compact view of the node for the iterations: the uncovered items
    // (local ids) and each free candidate's row of them.
    m_open_items.clear();
    for (std::uint32_t i = 0; i < m_problem.item_count(); ++i)
        if (!m_fixings.covered(i)) {
            m_local_index[i] = static_cast<std::uint32_t>(m_open_items.size());
            m_open_items.push_back(i);
        }
    const std::size_t open = m_open_items.size();
    m_local_weight.resize(open), m_local_multiplier.resize(open), m_subgradient.resize(open);
    m_direction.assign(open, 0.0);
    m_local_cover_count.assign(open, 0);
    for (std::size_t j = 0; j < open; ++j)
        m_local_weight[j] = weight[m_open_items[j]],
        m_local_multiplier[j] = m_multiplier[m_open_items[j]];
    m_row_first.assign(1, 0);
    m_row_item.clear();
    for (std::size_t row = 0; row < m_free.size(); ++row) {
        const std::uint32_t c = m_free[row];
        m_row_of[c] = static_cast<std::uint32_t>(row);
        for (std::uint32_t i : m_problem.items_of(c))
            if (!m_fixings.covered(i)) m_row_item.push_back(m_local_index[i]);
        m_row_first.push_back(static_cast<std::uint32_t>(m_row_item.size()));
    }
    auto clear_local_cover = [&] {
        for (std::uint32_t c : m_relaxed_set)
            for (std::uint32_t q = m_row_first[m_row_of[c]]; q < m_row_first[m_row_of[c] + 1]; ++q)
                m_local_cover_count[m_row_item[q]] = 0;
    };

    double step_factor = root ? m_root_step_factor : kFirstStepFactor;
    std::uint32_t no_improve = 0;
    const std::uint32_t patience = root ? kPatienceRoot : kPatienceNode;
    for (std::uint32_t it = 0; it < iterations; ++it) {
        double free_part = 0;
        for (std::size_t j = 0; j < open; ++j)
            free_part += m_local_weight[j] - m_local_multiplier[j];
        // The hot loop (one gather per candidate-item pair): four
        // partial sums break the chain of dependent additions.
        const double* multiplier = m_local_multiplier.data();
        const std::uint32_t* row_item = m_row_item.data();
        for (std::size_t row = 0; row < m_free.size(); ++row) {
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            std::uint32_t q = m_row_first[row];
            const std::uint32_t end = m_row_first[row + 1];
            for (; q + 4 <= end; q += 4) {
                a0 += multiplier[row_item[q]];
                a1 += multiplier[row_item[q + 1]];
                a2 += multiplier[row_item[q + 2]];
                a3 += multiplier[row_item[q + 3]];
            }
            for (; q < end; ++q) a0 += multiplier[row_item[q]];
            m_profit[m_free[row]] = (a0 + a1) + (a2 + a3);
        }
        const double bound = m_fixings.included_value() + free_part +
                             inner_max(m_profit, slots, m_relaxed_set);
        double value = m_fixings.included_value();
        {
            // Local pointers: the counts written here cannot alias `value`.
            std::uint32_t* cover_count = m_local_cover_count.data();
            const double* local_weight = m_local_weight.data();
            const std::uint32_t* row_first = m_row_first.data();
            double add = 0;
            for (std::uint32_t c : m_relaxed_set) {
                const std::uint32_t row = m_row_of[c];
                for (std::uint32_t q = row_first[row]; q < row_first[row + 1]; ++q) {
                    const std::uint32_t j = row_item[q];
                    if (cover_count[j]++ == 0) add += local_weight[j];
                }
            }
            value += add;
        }
        offer_with_included(m_relaxed_set, value);
        if (root) keep_root_set(m_relaxed_set, value);
        if (bound < best - 1e-12 * std::abs(best)) {
            best = bound;
            no_improve = 0;
            // Branch on the weakest member of the relaxation's set (the
            // smallest positive profit): both branches move the bound, where
            // the strongest member's "in" branch barely does.
            std::uint32_t weakest = kInvalid;
            for (std::uint32_t c : m_relaxed_set)
                if (m_profit[c] > 0 &&
                    (weakest == kInvalid || m_profit[c] < m_profit[weakest] ||
                     (m_profit[c] == m_profit[weakest] && c < weakest)))
                    weakest = c;
            if (weakest != kInvalid) branch = weakest;
        } else {
            ++no_improve;
        }
        if (m_incumbent.prunes(best)) {
            clear_local_cover();
            break;
        }
        // Subgradient of L: s_i - y_i, y_i = 1 unless lambda_i = w_i and
        // s_i = 0; projected on the box 0 <= lambda <= w (components that
        // would push a multiplier through its bound are dropped), then
        // deflected with the previous direction (Camerini-Fratta-Maffioli)
        // against zig-zagging.
        double gd = 0, dd = 0;
        for (std::size_t j = 0; j < open; ++j) {
            const bool below_weight = m_local_multiplier[j] < m_local_weight[j];
            const double y = (below_weight || m_local_cover_count[j] > 0) ? 1.0 : 0.0;
            double gj = static_cast<double>(m_local_cover_count[j]) - y;
            if ((gj > 0 && m_local_multiplier[j] <= 0) ||
                (gj < 0 && m_local_multiplier[j] >= m_local_weight[j]))
                gj = 0;
            m_subgradient[j] = gj;
            gd += gj * m_direction[j];
            dd += m_direction[j] * m_direction[j];
        }
        const double beta = (dd > 0 && gd < 0) ? -kDeflection * gd / dd : 0.0;
        double norm2 = 0;
        for (std::size_t j = 0; j < open; ++j) {
            m_direction[j] = m_subgradient[j] + beta * m_direction[j];
            norm2 += m_direction[j] * m_direction[j];
        }
        clear_local_cover();
        if (norm2 == 0) break;
        const double step =
            step_factor * std::max(bound - m_incumbent.aim(), m_incumbent.tol()) / norm2;
        for (std::size_t j = 0; j < open; ++j)
            m_local_multiplier[j] =
                std::clamp(m_local_multiplier[j] - step * m_direction[j], 0.0, m_local_weight[j]);
        if (no_improve >= patience) {
            step_factor *= 0.5;
            no_improve = 0;
            if (step_factor < 1e-4) break;
        }
    }
    for (std::size_t j = 0; j < open; ++j) m_multiplier[m_open_items[j]] = m_local_multiplier[j];
    if (root) m_root_step_factor = std::max(step_factor, kRootResumeStepFactor);
    if (!m_incumbent.prunes(best)) fix_by_reduced_costs(slots);
    return best;
}

} // namespace maillage::optimize::detail
