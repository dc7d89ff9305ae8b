#pragma once
// The exact solver's search state (not a public header): the fixings of
// the current node of the branch and bound, and the best set found so far.

#include "optimize/exact_reduction.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace maillage::optimize::detail {

inline constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

/// The fixings of the current search node: each candidate free, in (a new
/// site) or out, and the items the sites in cover. Fixings are undone in
/// the reverse order (uninclude the last included, unexclude).
class NodeFixings {
  public:
    enum class State : std::uint8_t { free, in, out };

    NodeFixings(const ReducedProblem& problem, const QuotaRules& rules)
        : m_problem(problem), m_cap(rules.cap), m_state(problem.candidate_count(), State::free),
          m_cover_count(problem.item_count(), 0), m_group_in(problem.group_count(), 0),
          m_group_free(problem.group_count(), 0) {
        for (std::uint32_t g : problem.group)
            if (g != kInvalid) ++m_group_free[g];
    }

    bool is_free(std::uint32_t c) const { return m_state[c] == State::free; }
    /// Free, and its group (if any) below the cap.
    bool eligible(std::uint32_t c) const {
        if (m_state[c] != State::free) return false;
        const std::uint32_t g = m_problem.group[c];
        return g == kInvalid || m_cap == 0 || m_group_in[g] < m_cap;
    }
    /// Whether a site in covers item i.
    bool covered(std::uint32_t i) const { return m_cover_count[i] != 0; }
    /// Sites in, in the order of inclusion.
    const std::vector<std::uint32_t>& included() const { return m_included; }
    /// Population (item weight) the sites in cover.
    double included_value() const { return m_included_value; }
    /// Sites in, and free candidates, of group g.
    std::uint32_t group_in(std::uint32_t g) const { return m_group_in[g]; }
    std::uint32_t group_free(std::uint32_t g) const { return m_group_free[g]; }

    void include(std::uint32_t c) {
        m_state[c] = State::in;
        m_included.push_back(c);
        const std::uint32_t g = m_problem.group[c];
        if (g != kInvalid) ++m_group_in[g], --m_group_free[g];
        for (std::uint32_t i : m_problem.items_of(c))
            if (m_cover_count[i]++ == 0) m_included_value += m_problem.item_weight[i];
    }
    /// Undoes include(c); c must be the last site included.
    void uninclude(std::uint32_t c) {
        m_state[c] = State::free;
        m_included.pop_back();
        const std::uint32_t g = m_problem.group[c];
        if (g != kInvalid) --m_group_in[g], ++m_group_free[g];
        for (std::uint32_t i : m_problem.items_of(c))
            if (--m_cover_count[i] == 0) m_included_value -= m_problem.item_weight[i];
    }
    void exclude(std::uint32_t c) {
        m_state[c] = State::out;
        if (m_problem.group[c] != kInvalid) --m_group_free[m_problem.group[c]];
    }
    void unexclude(std::uint32_t c) {
        m_state[c] = State::free;
        if (m_problem.group[c] != kInvalid) ++m_group_free[m_problem.group[c]];
    }

  private:
    const ReducedProblem& m_problem;
    std::uint32_t m_cap; // most new sites per group, 0 = no limit
    std::vector<State> m_state;               // per candidate
    std::vector<std::uint32_t> m_cover_count; // per item: sites in covering it
    std::vector<std::uint32_t> m_group_in, m_group_free;
    std::vector<std::uint32_t> m_included;
    double m_included_value = 0;
};

/// The best feasible set of new sites found so far and what prunes a node.
/// Optimisation mode keeps the set of largest value; decision mode
/// (set_target) the first set reaching the target, and prunes everything
/// once it is found.
class Incumbent {
  public:
    /// `tol`: tolerance on populations (detail::tolerance).
    Incumbent(const std::vector<double>& item_weight, double tol) : m_tol(tol) {
        m_whole_weights = std::all_of(item_weight.begin(), item_weight.end(), [](double w) {
            return w == std::floor(w) && w < 0x1.0p52;
        });
    }

    /// Decision mode: stop at the first set reaching `target` new population.
    void set_target(double target) {
        m_decision = true;
        m_target = target;
    }

    /// Offers a feasible set of new sites (ascending) with its new covered population.
    void offer(const std::vector<std::uint32_t>& set, double value) {
        if (m_decision) {
            if (!m_found && value >= m_target - m_tol) {
                m_found = true;
                m_best_value = value;
                m_best = set;
            }
        } else if (value > m_best_value) {
            m_best_value = value;
            m_best = set;
        }
    }
    /// Whether offer would keep a set of this value (to skip building it).
    bool would_take(double value) const {
        return !(m_decision ? (m_found || value < m_target - m_tol) : value <= m_best_value);
    }

    /// Whether a node whose value is at most `bound` can be pruned.
    bool prunes(double bound) const {
        if (m_whole_weights) {
            // Every set's value is a whole number: a bound below the next one
            // proves nothing better exists.
            const double reachable = std::floor(bound + m_tol);
            if (m_decision) return m_found || reachable < std::ceil(m_target - m_tol);
            return reachable <= m_best_value + m_tol;
        }
        if (m_decision) return m_found || bound < m_target - m_tol;
        return bound <= m_best_value + m_tol;
    }

    bool decision() const { return m_decision; }
    /// The value the subgradient steps aim at: the target, or the best value.
    double aim() const { return m_decision ? m_target : m_best_value; }
    /// Local search stops on reaching this value: the target (less the
    /// tolerance) in decision mode, never otherwise.
    double stop_at() const {
        return m_decision ? m_target - m_tol : std::numeric_limits<double>::infinity();
    }
    double tol() const { return m_tol; }

    bool found() const { return m_found; }
    double best_value() const { return m_best_value; }
    const std::vector<std::uint32_t>& best() const { return m_best; }

  private:
    double m_tol;
    bool m_whole_weights = false; // every item weight a whole number
    bool m_decision = false;
    double m_target = 0;
    bool m_found = false;
    double m_best_value = kMinusInf;
    std::vector<std::uint32_t> m_best;
};

} // namespace maillage::optimize::detail
