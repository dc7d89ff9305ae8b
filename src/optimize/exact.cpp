// Exact maximal coverage by branch and bound.
//
// Model, after dropping demand already covered and merging demand points
// that the same candidates cover into "items" i of weight w_i:
//   max sum_i w_i y_i  s.t.  y_i <= sum_{c covers i} x_c,  sum_c x_c <= k,
//   at most `cap` x's per group, at least one in each required group.
// (At most k is enough: coverage is monotone and the caps form a partition
// matroid, so any feasible set extends to exactly k without losing value.)
//
// Bound: Lagrangian relaxation of the y <= sum x rows with multipliers
// 0 <= lambda_i <= w_i:
//   L(lambda) = value of the fixed-in sites + sum_{i uncovered} (w_i - lambda_i)
//             + max over feasible free x of sum_c x_c mu_c,
//   mu_c = sum_{i uncovered, c covers i} lambda_i.
// The inner maximum is exact by a greedy: the best free candidate of each
// required group still empty, then the largest mu under the caps (groups are
// disjoint). lambda = w gives the classic "sum of the top marginal gains"
// bound, evaluated first at every node; subgradient steps (Polyak, halving)
// then tighten it, warm-started from wherever the previous node left lambda
// (any lambda is a valid bound, so this needs no bookkeeping). Every x the
// relaxation picks is a feasible set: its true value updates the incumbent.
//
// Search: depth first; at a node, branch on the free candidate with the
// smallest positive mu in the best relaxation's x: first "in" (recursion), then "out"
// (loop in the same frame, so the recursion depth is at most k). After the
// subgradient, reduced-cost fixing: a free candidate whose forced inclusion
// cannot beat the incumbent (exact inner maximum with it forced in) is out
// for the subtree. The incumbent starts from the greedy improved by swaps.
// The root runs a short first round of subgradient steps (kRootFirstRound),
// then the same swap local search from the incumbent and from the best
// distinct sets the relaxation proposed (a Lagrangian heuristic), then the
// full rounds, aimed at that better incumbent (step factor carried over).
// Before the search, a candidate whose items another candidate covers too
// (and that one may stand in for it under the quotas) is fixed out: fewer
// free candidates, and a tighter relaxation.
// When every population is a whole number, so is every set's value, and a
// bound below incumbent + 1 prunes (the Lagrangian dual is often degenerate:
// many candidates tie, and only that closes the last fraction of a person).

#include "core/error.hpp"
#include "optimize/select.hpp"
#include "optimize/select_detail.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <numeric>
#include <optional>
#include <string>

namespace maillage::optimize {
namespace {

using detail::QuotaRules;

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

// Subgradient tuning (measured on the benchmark instances, see
// docs/benchmarks.md): deflection factor, first step factor, iterations
// without improvement before the step factor halves (root, other nodes).
constexpr double kDeflect = 1.5;
constexpr double kAlpha0 = 2.0;
constexpr std::uint32_t kPatienceRoot = 20;
constexpr std::uint32_t kPatienceNode = 5;
// Most passes (swaps) of the local search, and largest free candidate count
// for reduced-cost fixing with unmet required groups (quadratic).
constexpr int kSwapPasses = 200;
constexpr std::size_t kFixLimit = 600;
// Distinct relaxation sets of the root kept as local-search starts.
constexpr std::size_t kPoolSize = 4;
// Root: iterations of the first (short) round, most rounds, the smallest
// step factor a later round resumes from, and the share of root_iterations
// the rounds after the first full one get (they resume from converged
// multipliers after the local search improved the incumbent).
constexpr std::uint32_t kRootFirstRound = 100;
constexpr int kRootRounds = 4;
constexpr double kAlphaRootResume = 0.05;
constexpr std::uint32_t kRootLaterDiv = 4;

struct Reduced {
    std::vector<double> w;                 // per item
    std::vector<std::uint32_t> cf, ci;     // candidate -> items (CSR, ascending)
    std::vector<std::uint32_t> itf, itc;   // item -> candidates (CSR, ascending)
    std::vector<std::uint32_t> gf, gc;     // group -> candidates (CSR, ascending)
    double covered_before = 0;
};

Reduced reduce(const CoverageInstance& in) {
    const std::uint32_t nd = in.demand_count(), nc = in.candidate_count();
    const std::uint32_t thr = in.threshold_s;
    Reduced r;
    std::vector<std::uint8_t> live(nd);
    for (std::uint32_t d = 0; d < nd; ++d) {
        live[d] = in.base_time_s[d] > thr && in.weight[d] > 0;
        if (in.base_time_s[d] <= thr) r.covered_before += in.weight[d];
    }
    // The pairs that matter (within the threshold, live demand), by
    // candidate: one pass over all pairs, the later ones over these only.
    std::vector<std::uint32_t> kept(in.cover_demand.size());
    std::vector<std::uint32_t> kept_first(nc + 1, 0);
    std::size_t n = 0;
    for (std::uint32_t c = 0; c < nc; ++c) {
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p) {
            kept[n] = p; // branch-free: most tests fail unpredictably
            n += static_cast<std::size_t>(in.cover_time_s[p] <= thr) & live[in.cover_demand[p]];
        }
        kept_first[c + 1] = static_cast<std::uint32_t>(n);
    }
    kept.resize(n);
    // demand -> candidates within the threshold (ascending, built by c).
    std::vector<std::uint32_t> df(nd + 1, 0);
    for (std::uint32_t p : kept) ++df[in.cover_demand[p] + 1];
    for (std::uint32_t d = 0; d < nd; ++d) df[d + 1] += df[d];
    std::vector<std::uint32_t> dc(df[nd]);
    {
        std::vector<std::uint32_t> pos(df.begin(), df.end() - 1);
        for (std::uint32_t c = 0; c < nc; ++c)
            for (std::uint32_t q = kept_first[c]; q < kept_first[c + 1]; ++q)
                dc[pos[in.cover_demand[kept[q]]]++] = c;
    }
    // Demand points with equal candidate lists become one item: sorted by
    // the first candidate (items of nearby candidates stay close in memory
    // for the subgradient), a hash of the list, the list, then the id, equal
    // lists end up side by side and most comparisons stop at the hash.
    std::vector<std::uint32_t> ds;
    std::vector<std::uint64_t> hash(nd, 0);
    for (std::uint32_t d = 0; d < nd; ++d) {
        if (df[d + 1] == df[d]) continue;
        ds.push_back(d);
        std::uint64_t h = 0x9e3779b97f4a7c15ULL;
        for (std::uint32_t p = df[d]; p < df[d + 1]; ++p) {
            h ^= dc[p] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
            h *= 0xff51afd7ed558ccdULL;
        }
        hash[d] = h;
    }
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        if (dc[df[a]] != dc[df[b]]) return dc[df[a]] < dc[df[b]];
        if (hash[a] != hash[b]) return hash[a] < hash[b];
        const bool lt = std::lexicographical_compare(dc.begin() + df[a], dc.begin() + df[a + 1],
                                                     dc.begin() + df[b], dc.begin() + df[b + 1]);
        if (lt) return true;
        const bool gt = std::lexicographical_compare(dc.begin() + df[b], dc.begin() + df[b + 1],
                                                     dc.begin() + df[a], dc.begin() + df[a + 1]);
        return !gt && a < b;
    };
    std::sort(ds.begin(), ds.end(), less);
    std::vector<std::uint32_t> item_of(nd, kInvalid);
    for (std::size_t j = 0; j < ds.size(); ++j) {
        const std::uint32_t d = ds[j];
        const bool same = j > 0 && std::equal(dc.begin() + df[d], dc.begin() + df[d + 1],
                                              dc.begin() + df[ds[j - 1]],
                                              dc.begin() + df[ds[j - 1] + 1]);
        if (!same) r.w.push_back(0);
        item_of[d] = static_cast<std::uint32_t>(r.w.size() - 1);
        r.w.back() += in.weight[d];
    }
    r.cf.assign(1, 0);
    for (std::uint32_t c = 0; c < nc; ++c) {
        const std::size_t start = r.ci.size();
        for (std::uint32_t q = kept_first[c]; q < kept_first[c + 1]; ++q)
            r.ci.push_back(item_of[in.cover_demand[kept[q]]]);
        std::sort(r.ci.begin() + static_cast<std::ptrdiff_t>(start), r.ci.end());
        r.ci.erase(std::unique(r.ci.begin() + static_cast<std::ptrdiff_t>(start), r.ci.end()),
                   r.ci.end());
        r.cf.push_back(static_cast<std::uint32_t>(r.ci.size()));
    }
    r.itf.assign(r.w.size() + 1, 0);
    for (std::uint32_t it : r.ci) ++r.itf[it + 1];
    for (std::size_t i = 0; i < r.w.size(); ++i) r.itf[i + 1] += r.itf[i];
    r.itc.resize(r.ci.size());
    {
        std::vector<std::uint32_t> at(r.itf.begin(), r.itf.end() - 1);
        for (std::uint32_t c = 0; c < nc; ++c)
            for (std::uint32_t p = r.cf[c]; p < r.cf[c + 1]; ++p) r.itc[at[r.ci[p]]++] = c;
    }
    r.gf.assign(in.group_count + 1, 0);
    for (std::uint32_t g : in.group)
        if (g != kInvalid) ++r.gf[g + 1];
    for (std::uint32_t g = 0; g < in.group_count; ++g) r.gf[g + 1] += r.gf[g];
    r.gc.resize(r.gf[in.group_count]);
    std::vector<std::uint32_t> pos(r.gf.begin(), r.gf.end() - 1);
    for (std::uint32_t c = 0; c < nc; ++c)
        if (in.group[c] != kInvalid) r.gc[pos[in.group[c]]++] = c;
    return r;
}

class Search {
  public:
    Search(const Reduced& r, const CoverageInstance& in, const QuotaRules& rules, std::uint32_t k,
           const ExactOptions& options, std::uint64_t& nodes, double tol)
        : m_r(r), m_group(in.group), m_rules(rules), m_k(k), m_opt(options), m_nodes(nodes),
          m_tol(tol), m_nc(in.candidate_count()), m_ni(static_cast<std::uint32_t>(r.w.size())),
          m_state(m_nc, kFree), m_cnt(m_ni, 0), m_group_in(in.group_count, 0),
          m_group_free(in.group_count, 0), m_lambda(r.w), m_s(m_ni, 0), m_local(m_ni, 0), m_row(m_nc, 0), m_mu(m_nc, 0),
          m_gain(m_nc, 0), m_mark(m_nc, 0), m_extra(in.group_count, 0), m_group_min(in.group_count, 0),
          m_group_best(in.group_count, 0) {
        for (std::uint32_t g : m_group)
            if (g != kInvalid) ++m_group_free[g];
        m_integral = std::all_of(r.w.begin(), r.w.end(), [](double w) {
            return w == std::floor(w) && w < 0x1.0p52;
        });
    }

    /// Decision mode: stop at the first set reaching `target_new` new population.
    void set_target(double target_new) {
        m_target_mode = true;
        m_target_new = target_new;
    }

    /// Offers a feasible set of new sites with its new covered population.
    void offer(const std::vector<std::uint32_t>& set, double value) {
        if (m_target_mode) {
            if (!m_found && value >= m_target_new - m_tol) {
                m_found = true;
                m_best_value = value;
                m_best = set;
            }
        } else if (value > m_best_value) {
            m_best_value = value;
            m_best = set;
        }
    }

    void run() { search(std::numeric_limits<double>::infinity(), true); }

    /// Improves the incumbent by best-improvement swaps (one site out, one
    /// in, quotas kept) until none helps or kSwapPasses swaps: a better
    /// incumbent makes the subgradient steps (aimed at it) and the pruning
    /// sharper. O(pairs) once, then per swap O(candidates log candidates +
    /// the pairs of the items it touches).
    void improve_incumbent() {
        if (m_best == m_local_optimum) return; // swaps from it found nothing already
        improve_from(m_best);
        m_local_optimum = m_best;
    }

    /// Offers `set` (a feasible set of new sites) improved by swaps.
    void improve_from(std::vector<std::uint32_t> set) {
        if (set.empty()) return;
        std::vector<std::uint32_t> cnt(m_ni, 0), in_group(m_group_in.size(), 0), touched, order;
        std::vector<std::uint8_t> chosen(m_nc, 0);
        std::vector<double> gain0(m_nc, 0), corr(m_nc, 0);
        double value = 0;
        for (std::uint32_t c : set) {
            chosen[c] = 1;
            if (m_group[c] != kInvalid) ++in_group[m_group[c]];
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
                if (cnt[m_r.ci[p]]++ == 0) value += m_r.w[m_r.ci[p]];
        }
        // gain of c against the set = gain0[c] (items nobody covers) +
        // corr[c] (items only `out` covers). gain0 is kept up to date through
        // the items whose count passes 0 <-> 1 at a swap.
        for (std::uint32_t c = 0; c < m_nc; ++c)
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
                if (cnt[m_r.ci[p]] == 0) gain0[c] += m_r.w[m_r.ci[p]];
        auto shift = [&](std::uint32_t i, double delta) {
            for (std::uint32_t q = m_r.itf[i]; q < m_r.itf[i + 1]; ++q) gain0[m_r.itc[q]] += delta;
        };
        for (int pass = 0; pass < kSwapPasses; ++pass) {
            if (m_target_mode && value >= m_target_new - m_tol) break;
            order.clear();
            for (std::uint32_t c = 0; c < m_nc; ++c)
                if (!chosen[c]) order.push_back(c);
            // Only the head of the order is sorted: the scan below stops at
            // the first allowed candidate no chosen site shares items with,
            // almost always near the top; past the head it scans the rest.
            auto by_gain = [&](std::uint32_t l, std::uint32_t r) {
                return gain0[l] != gain0[r] ? gain0[l] > gain0[r] : l < r;
            };
            const std::size_t head = std::min(order.size(), 2 * set.size() + 32);
            std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(head), order.end(), by_gain);
            std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(head), by_gain);
            double best_delta = m_tol;
            std::size_t best_out = 0;
            std::uint32_t best_in = kInvalid;
            for (std::size_t o = 0; o < set.size(); ++o) {
                const std::uint32_t out = set[o], go = m_group[out];
                const bool keep_group = go != kInvalid && m_rules.required[go] && in_group[go] == 1;
                auto allowed = [&](std::uint32_t c) {
                    const std::uint32_t g = m_group[c];
                    if (chosen[c] || (keep_group && g != go)) return false;
                    return g == kInvalid || m_rules.cap == 0 || g == go || in_group[g] < m_rules.cap;
                };
                double loss = 0;
                touched.clear();
                for (std::uint32_t p = m_r.cf[out]; p < m_r.cf[out + 1]; ++p) {
                    const std::uint32_t i = m_r.ci[p];
                    if (cnt[i] != 1) continue;
                    loss += m_r.w[i];
                    for (std::uint32_t q = m_r.itf[i]; q < m_r.itf[i + 1]; ++q) {
                        const std::uint32_t c = m_r.itc[q];
                        if (c == out || chosen[c]) continue;
                        if (corr[c] == 0) touched.push_back(c);
                        corr[c] += m_r.w[i];
                    }
                }
                double best = -1;
                std::uint32_t arg = kInvalid;
                for (std::uint32_t c : touched)
                    if (allowed(c) && (gain0[c] + corr[c] > best ||
                                       (gain0[c] + corr[c] == best && c < arg)))
                        best = gain0[c] + corr[c], arg = c;
                for (std::size_t j = 0; j < order.size(); ++j) {
                    const std::uint32_t c = order[j];
                    if (j < head) {
                        if (gain0[c] < best) break;
                        if (corr[c] != 0 || !allowed(c)) continue;
                        if (gain0[c] > best || c < arg) best = gain0[c], arg = c;
                        break;
                    }
                    if (corr[c] != 0 || !allowed(c)) continue; // unsorted tail
                    if (gain0[c] > best || (gain0[c] == best && c < arg)) best = gain0[c], arg = c;
                }
                for (std::uint32_t c : touched) corr[c] = 0;
                if (arg != kInvalid && best - loss > best_delta)
                    best_delta = best - loss, best_out = o, best_in = arg;
            }
            if (best_in == kInvalid) break;
            const std::uint32_t out = set[best_out];
            for (std::uint32_t p = m_r.cf[out]; p < m_r.cf[out + 1]; ++p)
                if (--cnt[m_r.ci[p]] == 0) value -= m_r.w[m_r.ci[p]], shift(m_r.ci[p], m_r.w[m_r.ci[p]]);
            for (std::uint32_t p = m_r.cf[best_in]; p < m_r.cf[best_in + 1]; ++p)
                if (cnt[m_r.ci[p]]++ == 0) value += m_r.w[m_r.ci[p]], shift(m_r.ci[p], -m_r.w[m_r.ci[p]]);
            chosen[out] = 0, chosen[best_in] = 1;
            if (m_group[out] != kInvalid) --in_group[m_group[out]];
            if (m_group[best_in] != kInvalid) ++in_group[m_group[best_in]];
            set[best_out] = best_in;
        }
        std::sort(set.begin(), set.end());
        offer(set, value);
    }

    /// Fixes out, for the whole search, each candidate another one can stand
    /// in for: one covering all its items (more of them, or the same and a
    /// lower index), in the same group, or in any group when there is no
    /// cap and its own group is not required. Swapping it for that one never
    /// loses coverage nor breaks a quota, and with at most k sites some
    /// optimum avoids it. Returns how many. About O(pairs x candidates per
    /// item) by intersecting the sorted item -> candidate lists.
    std::size_t drop_dominated() {
        std::size_t dropped = 0;
        std::vector<std::uint32_t> cands, next;
        for (std::uint32_t c = 0; c < m_nc; ++c) {
            const std::uint32_t b = m_r.cf[c], e = m_r.cf[c + 1];
            if (b == e || m_state[c] != kFree) continue;
            const std::uint32_t g = m_group[c];
            const bool anywhere = m_rules.cap == 0 && (g == kInvalid || !m_rules.required[g]);
            // Start from its item with the fewest candidates.
            std::uint32_t i0 = m_r.ci[b];
            for (std::uint32_t p = b + 1; p < e; ++p) {
                const std::uint32_t i = m_r.ci[p];
                if (m_r.itf[i + 1] - m_r.itf[i] < m_r.itf[i0 + 1] - m_r.itf[i0]) i0 = i;
            }
            cands.clear();
            for (std::uint32_t q = m_r.itf[i0]; q < m_r.itf[i0 + 1]; ++q) {
                const std::uint32_t d = m_r.itc[q];
                if (d != c && (anywhere || m_group[d] == g)) cands.push_back(d);
            }
            for (std::uint32_t p = b; p < e && !cands.empty(); ++p) {
                const std::uint32_t i = m_r.ci[p];
                if (i == i0) continue;
                next.clear();
                std::set_intersection(cands.begin(), cands.end(), m_r.itc.begin() + m_r.itf[i],
                                      m_r.itc.begin() + m_r.itf[i + 1], std::back_inserter(next));
                cands.swap(next);
            }
            const std::uint32_t size = e - b;
            for (std::uint32_t d : cands) {
                if (m_r.cf[d + 1] - m_r.cf[d] > size || d < c) {
                    exclude(c);
                    ++dropped;
                    break;
                }
            }
        }
        return dropped;
    }

    bool aborted() const { return m_aborted; }
    bool found() const { return m_found; }
    double best_value() const { return m_best_value; }
    const std::vector<std::uint32_t>& best() const { return m_best; }
    /// Upper bound on the new covered population over the whole search.
    double bound() const { return m_aborted ? std::max(m_open_bound, m_best_value) : m_best_value; }

  private:
    static constexpr std::uint8_t kFree = 0, kIn = 1, kOut = 2;

    bool eligible(std::uint32_t c) const {
        if (m_state[c] != kFree) return false;
        const std::uint32_t g = m_group[c];
        return g == kInvalid || m_rules.cap == 0 || m_group_in[g] < m_rules.cap;
    }
    bool prune(double bound) const {
        if (m_integral) {
            // Every set's value is a whole number: a bound below the next one
            // proves nothing better exists.
            const double reachable = std::floor(bound + m_tol);
            if (m_target_mode) return m_found || reachable < std::ceil(m_target_new - m_tol);
            return reachable <= m_best_value + m_tol;
        }
        if (m_target_mode) return m_found || bound < m_target_new - m_tol;
        return bound <= m_best_value + m_tol;
    }

    void include(std::uint32_t c) {
        m_state[c] = kIn;
        m_in.push_back(c);
        const std::uint32_t g = m_group[c];
        if (g != kInvalid) ++m_group_in[g], --m_group_free[g];
        for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
            if (m_cnt[m_r.ci[p]]++ == 0) m_value_in += m_r.w[m_r.ci[p]];
    }
    void uninclude(std::uint32_t c) {
        m_state[c] = kFree;
        m_in.pop_back();
        const std::uint32_t g = m_group[c];
        if (g != kInvalid) --m_group_in[g], ++m_group_free[g];
        for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
            if (--m_cnt[m_r.ci[p]] == 0) m_value_in -= m_r.w[m_r.ci[p]];
    }
    void exclude(std::uint32_t c) {
        m_state[c] = kOut;
        if (m_group[c] != kInvalid) --m_group_free[m_group[c]];
    }
    void unexclude(std::uint32_t c) {
        m_state[c] = kFree;
        if (m_group[c] != kInvalid) ++m_group_free[m_group[c]];
    }

    /// Best set of at most `slots` free candidates for per-candidate values
    /// `mu` under the quotas, containing `forced` unless kInvalid; returns its
    /// sum (kMinusInf when a required group has no free candidate left), the
    /// set in `x`.
    double inner(const std::vector<double>& mu, std::uint32_t slots, std::vector<std::uint32_t>& x,
                 std::uint32_t forced = kInvalid) {
        x.clear();
        double sum = 0;
        auto take = [&](std::uint32_t c) {
            x.push_back(c);
            m_mark[c] = 1;
            if (m_group[c] != kInvalid) ++m_extra[m_group[c]];
            sum += mu[c];
            --slots;
        };
        auto cleanup = [&] {
            for (std::uint32_t c : x) {
                m_mark[c] = 0;
                if (m_group[c] != kInvalid) m_extra[m_group[c]] = 0;
            }
        };
        if (forced != kInvalid) take(forced);
        for (std::uint32_t g : m_unmet) {
            if (m_extra[g] > 0) continue; // the forced candidate fills it
            std::uint32_t best = kInvalid;
            for (std::uint32_t j = m_r.gf[g]; j < m_r.gf[g + 1]; ++j) {
                const std::uint32_t c = m_r.gc[j];
                if (m_state[c] == kFree && (best == kInvalid || mu[c] > mu[best])) best = c;
            }
            if (best == kInvalid) {
                cleanup();
                return kMinusInf;
            }
            take(best);
        }
        m_order.clear();
        if (slots > 0) {
            for (std::uint32_t c : m_free)
                if (m_state[c] == kFree && !m_mark[c] && mu[c] > 0) m_order.push_back(c);
            auto by_mu = [&mu](std::uint32_t l, std::uint32_t r) {
                return mu[l] != mu[r] ? mu[l] > mu[r] : l < r;
            };
            if (m_rules.cap == 0 && m_order.size() > slots) {
                std::nth_element(m_order.begin(), m_order.begin() + slots, m_order.end(), by_mu);
                m_order.resize(slots);
            }
            std::sort(m_order.begin(), m_order.end(), by_mu);
            for (std::uint32_t c : m_order) {
                if (slots == 0) break;
                const std::uint32_t g = m_group[c];
                if (g != kInvalid && m_rules.cap != 0 && m_group_in[g] + m_extra[g] >= m_rules.cap)
                    continue;
                take(c);
            }
        }
        cleanup();
        return sum;
    }

    /// Reduced-cost fixing: with the current multipliers, a free candidate
    /// whose forced inclusion bounds the node no better than the incumbent
    /// is fixed out (for this node's subtree). Without unmet required groups
    /// the inner problem is a max-weight basis of a (truncated partition)
    /// matroid, so forcing c in costs exactly the smallest mu on its circuit:
    /// O(pairs) for all candidates. With unmet required groups, each forced
    /// inner maximum is recomputed: O(free^2 log free), only below
    /// kFixLimit free candidates.
    void fix_out(std::uint32_t slots) {
        m_fixed.clear();
        m_fixed_in.clear();
        if (slots == 0) return;
        if (!m_unmet.empty() && m_free.size() > kFixLimit) return;
        double base = m_value_in;
        for (std::uint32_t i = 0; i < m_ni; ++i)
            if (m_cnt[i] == 0) base += m_r.w[i] - m_lambda[i];
        for (std::uint32_t c : m_free) {
            double mu = 0;
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
                if (m_cnt[m_r.ci[p]] == 0) mu += m_lambda[m_r.ci[p]];
            m_mu[c] = mu;
        }
        std::vector<std::uint32_t> x;
        if (!m_unmet.empty()) {
            for (std::uint32_t c : m_free) {
                if (m_state[c] != kFree) continue;
                if (prune(base + inner(m_mu, slots, x, c))) {
                    exclude(c);
                    m_fixed.push_back(c);
                }
            }
            return;
        }
        const double L = base + inner(m_mu, slots, x);
        double min_all = std::numeric_limits<double>::infinity();
        for (std::uint32_t c : x) {
            m_mark[c] = 1;
            min_all = std::min(min_all, m_mu[c]);
            const std::uint32_t g = m_group[c];
            if (g != kInvalid) {
                ++m_extra[g];
                m_group_min[g] = m_extra[g] == 1 ? m_mu[c] : std::min(m_group_min[g], m_mu[c]);
            }
        }
        const bool full = x.size() == slots;
        for (std::uint32_t c : m_free) {
            if (m_mark[c]) continue;
            const std::uint32_t g = m_group[c];
            double drop = 0;
            if (g != kInvalid && m_rules.cap != 0 && m_group_in[g] + m_extra[g] >= m_rules.cap)
                drop = m_group_min[g]; // saturated group: swap within it
            else if (full)
                drop = min_all;
            if (prune(L + m_mu[c] - drop)) {
                exclude(c);
                m_fixed.push_back(c);
            }
        }
        // Fixing in: dropping c from x costs mu_c minus its best replacement
        // (a non-x candidate of an unsaturated group, or of c's own group).
        double best_unsat = 0;
        for (std::uint32_t d : m_free) {
            if (m_mark[d] || m_state[d] != kFree) continue;
            const std::uint32_t g = m_group[d];
            if (g != kInvalid && m_rules.cap != 0 && m_group_in[g] + m_extra[g] >= m_rules.cap)
                m_group_best[g] = std::max(m_group_best[g], m_mu[d]);
            else
                best_unsat = std::max(best_unsat, m_mu[d]);
        }
        for (std::uint32_t c : x) {
            const std::uint32_t g = m_group[c];
            double replace = best_unsat;
            if (g != kInvalid && m_rules.cap != 0 && m_group_in[g] + m_extra[g] >= m_rules.cap)
                replace = std::max(replace, m_group_best[g]);
            if (prune(L - m_mu[c] + replace)) m_fixed_in.push_back(c);
        }
        for (std::uint32_t d : m_free)
            if (m_group[d] != kInvalid) m_group_best[m_group[d]] = 0;
        for (std::uint32_t c : x) {
            m_mark[c] = 0;
            if (m_group[c] != kInvalid) m_extra[m_group[c]] = 0;
        }
    }

    /// Counts in m_s how often x covers each uncovered item and returns the
    /// new population of (in + x). Call clear_s(x) after.
    double cover_of(const std::vector<std::uint32_t>& x) {
        double v = m_value_in;
        for (std::uint32_t c : x)
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p) {
                const std::uint32_t i = m_r.ci[p];
                if (m_cnt[i] == 0 && m_s[i]++ == 0) v += m_r.w[i];
            }
        return v;
    }
    void clear_s(const std::vector<std::uint32_t>& x) {
        for (std::uint32_t c : x)
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p) m_s[m_r.ci[p]] = 0;
    }
    /// Keeps the kPoolSize best distinct sets (in + x) the root relaxation
    /// proposes: starting points for the local search.
    void pool_add(const std::vector<std::uint32_t>& x, double value) {
        if (m_pool.size() >= kPoolSize && value <= m_pool.back().first) return;
        std::vector<std::uint32_t> set = m_in;
        set.insert(set.end(), x.begin(), x.end());
        std::sort(set.begin(), set.end());
        for (const auto& [v, s] : m_pool)
            if (v == value && s == set) return;
        auto at = std::find_if(m_pool.begin(), m_pool.end(), [&](const auto& e) { return e.first < value; });
        m_pool.insert(at, {value, std::move(set)});
        if (m_pool.size() > kPoolSize) m_pool.pop_back();
    }

    void offer_with_in(const std::vector<std::uint32_t>& x, double value) {
        if (m_target_mode ? (m_found || value < m_target_new - m_tol) : value <= m_best_value)
            return;
        std::vector<std::uint32_t> set = m_in;
        set.insert(set.end(), x.begin(), x.end());
        std::sort(set.begin(), set.end());
        offer(set, value);
    }

    /// Bound of the current node (kMinusInf when infeasible); sets `branch`
    /// to the candidate to branch on, kInvalid at a leaf.
    double bound_node(std::uint32_t iterations, double parent_bound, std::uint32_t& branch) {
        branch = kInvalid;
        m_fixed.clear();
        m_fixed_in.clear();
        const std::uint32_t slots = m_k - static_cast<std::uint32_t>(m_in.size());
        m_unmet.clear();
        for (std::uint32_t g : m_rules.required_list)
            if (m_group_in[g] == 0) {
                if (m_group_free[g] == 0) return kMinusInf;
                m_unmet.push_back(g);
            }
        if (m_unmet.size() > slots) return kMinusInf;
        m_free.clear();
        for (std::uint32_t c = 0; c < m_nc; ++c)
            if (eligible(c)) m_free.push_back(c);

        // True marginal gains = mu at lambda = w: the submodular bound.
        double max_gain = 0;
        std::uint32_t max_c = kInvalid;
        for (std::uint32_t c : m_free) {
            double g = 0;
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
                if (m_cnt[m_r.ci[p]] == 0) g += m_r.w[m_r.ci[p]];
            m_gain[c] = g;
            if (g > max_gain) max_gain = g, max_c = c;
        }
        if (slots == 0 || max_c == kInvalid) {
            // Nothing adds population: fill the required groups, done.
            m_x.clear();
            for (std::uint32_t g : m_unmet)
                for (std::uint32_t j = m_r.gf[g]; j < m_r.gf[g + 1]; ++j)
                    if (m_state[m_r.gc[j]] == kFree) {
                        m_x.push_back(m_r.gc[j]);
                        break;
                    }
            offer_with_in(m_x, m_value_in);
            return m_value_in;
        }
        double best = std::min(parent_bound, m_value_in + inner(m_gain, slots, m_x));
        {
            const double v = cover_of(m_x);
            clear_s(m_x);
            offer_with_in(m_x, v);
        }
        branch = max_c;
        if (prune(best)) return best;

        // Compact view of the node for the iterations: the uncovered items
        // (local ids) and each free candidate's row of them.
        m_items.clear();
        for (std::uint32_t i = 0; i < m_ni; ++i)
            if (m_cnt[i] == 0) {
                m_local[i] = static_cast<std::uint32_t>(m_items.size());
                m_items.push_back(i);
            }
        const std::size_t nu = m_items.size();
        m_lw.resize(nu), m_ll.resize(nu), m_lg.resize(nu);
        m_ld.assign(nu, 0.0);
        m_ls.assign(nu, 0);
        for (std::size_t j = 0; j < nu; ++j) m_lw[j] = m_r.w[m_items[j]], m_ll[j] = m_lambda[m_items[j]];
        m_rf.assign(1, 0);
        m_rj.clear();
        for (std::size_t k = 0; k < m_free.size(); ++k) {
            const std::uint32_t c = m_free[k];
            m_row[c] = static_cast<std::uint32_t>(k);
            for (std::uint32_t p = m_r.cf[c]; p < m_r.cf[c + 1]; ++p)
                if (m_cnt[m_r.ci[p]] == 0) m_rj.push_back(m_local[m_r.ci[p]]);
            m_rf.push_back(static_cast<std::uint32_t>(m_rj.size()));
        }
        auto clear_ls = [&] {
            for (std::uint32_t c : m_x)
                for (std::uint32_t q = m_rf[m_row[c]]; q < m_rf[m_row[c] + 1]; ++q) m_ls[m_rj[q]] = 0;
        };

        const bool root = m_collect;
        double alpha = root ? m_root_alpha : kAlpha0;
        std::uint32_t no_improve = 0;
        const std::uint32_t patience = root ? kPatienceRoot : kPatienceNode;
        for (std::uint32_t it = 0; it < iterations; ++it) {
            double free_part = 0;
            for (std::size_t j = 0; j < nu; ++j) free_part += m_lw[j] - m_ll[j];
            // The hot loop (one gather per candidate-item pair): four
            // partial sums break the chain of dependent additions.
            const double* ll = m_ll.data();
            const std::uint32_t* rj = m_rj.data();
            for (std::size_t k = 0; k < m_free.size(); ++k) {
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                std::uint32_t q = m_rf[k];
                const std::uint32_t end = m_rf[k + 1];
                for (; q + 4 <= end; q += 4) {
                    a0 += ll[rj[q]];
                    a1 += ll[rj[q + 1]];
                    a2 += ll[rj[q + 2]];
                    a3 += ll[rj[q + 3]];
                }
                for (; q < end; ++q) a0 += ll[rj[q]];
                m_mu[m_free[k]] = (a0 + a1) + (a2 + a3);
            }
            const double L = m_value_in + free_part + inner(m_mu, slots, m_x);
            double v = m_value_in;
            {
                // Local pointers: the counts written here cannot alias v.
                std::uint32_t* ls = m_ls.data();
                const double* lw = m_lw.data();
                const std::uint32_t* rf = m_rf.data();
                double add = 0;
                for (std::uint32_t c : m_x) {
                    const std::uint32_t row = m_row[c];
                    for (std::uint32_t q = rf[row]; q < rf[row + 1]; ++q) {
                        const std::uint32_t j = rj[q];
                        if (ls[j]++ == 0) add += lw[j];
                    }
                }
                v += add;
            }
            offer_with_in(m_x, v);
            if (m_collect) pool_add(m_x, v);
            if (L < best - 1e-12 * std::abs(best)) {
                best = L;
                no_improve = 0;
                // Branch on the weakest member of the relaxation's set (the
                // smallest positive mu): both branches move the bound, where
                // the strongest member's "in" branch barely does.
                std::uint32_t b = kInvalid;
                for (std::uint32_t c : m_x)
                    if (m_mu[c] > 0 &&
                        (b == kInvalid || m_mu[c] < m_mu[b] || (m_mu[c] == m_mu[b] && c < b)))
                        b = c;
                if (b != kInvalid) branch = b;
            } else {
                ++no_improve;
            }
            if (prune(best)) {
                clear_ls();
                break;
            }
            // Subgradient of L: s_i - y_i, y_i = 1 unless lambda_i = w_i and
            // s_i = 0; projected on the box 0 <= lambda <= w (components that
            // would push a multiplier through its bound are dropped), then
            // deflected with the previous direction (Camerini-Fratta-Maffioli)
            // against zig-zagging.
            double gd = 0, dd = 0;
            for (std::size_t j = 0; j < nu; ++j) {
                const double y = (m_ll[j] < m_lw[j] || m_ls[j] > 0) ? 1.0 : 0.0;
                double gj = static_cast<double>(m_ls[j]) - y;
                if ((gj > 0 && m_ll[j] <= 0) || (gj < 0 && m_ll[j] >= m_lw[j])) gj = 0;
                m_lg[j] = gj;
                gd += gj * m_ld[j];
                dd += m_ld[j] * m_ld[j];
            }
            const double beta = (dd > 0 && gd < 0) ? -kDeflect * gd / dd : 0.0;
            double norm2 = 0;
            for (std::size_t j = 0; j < nu; ++j) {
                m_ld[j] = m_lg[j] + beta * m_ld[j];
                norm2 += m_ld[j] * m_ld[j];
            }
            clear_ls();
            if (norm2 == 0) break;
            const double lb = m_target_mode ? m_target_new : m_best_value;
            const double step = alpha * std::max(L - lb, m_tol) / norm2;
            for (std::size_t j = 0; j < nu; ++j)
                m_ll[j] = std::clamp(m_ll[j] - step * m_ld[j], 0.0, m_lw[j]);
            if (no_improve >= patience) {
                alpha *= 0.5;
                no_improve = 0;
                if (alpha < 1e-4) break;
            }
        }
        for (std::size_t j = 0; j < nu; ++j) m_lambda[m_items[j]] = m_ll[j];
        if (root) m_root_alpha = std::max(alpha, kAlphaRootResume);
        if (!prune(best)) fix_out(slots);
        return best;
    }

    void search(double parent_bound, bool root) {
        std::vector<std::uint32_t> excluded_here, included_here;
        double node_bound = parent_bound;
        int root_rounds = 0;
        for (;;) {
            if (m_nodes >= m_opt.node_limit) {
                m_aborted = true;
                m_open_bound = std::max(m_open_bound, node_bound);
                break;
            }
            ++m_nodes;
            if (m_opt.logger && (m_nodes & 255) == 0)
                m_opt.logger->progress("exact", m_nodes, m_opt.node_limit);
            std::uint32_t c = kInvalid;
            m_collect = root && !m_target_mode;
            // The first root round is short: a local search from the
            // relaxation's sets then gives the rest of the root a good
            // incumbent to aim the steps at and to prune with.
            std::uint32_t its = root ? m_opt.root_iterations : m_opt.node_iterations;
            if (m_collect && root_rounds == 0) its = std::min(its, kRootFirstRound);
            if (m_collect && root_rounds >= 2) its = std::max<std::uint32_t>(1, its / kRootLaterDiv);
            node_bound = bound_node(its, node_bound, c);
            m_collect = false;
            if (root && m_opt.logger)
                m_opt.logger->debug("exact: root bound " + std::to_string(node_bound) +
                                    ", incumbent " + std::to_string(m_best_value) + ", " +
                                    std::to_string(m_fixed.size()) + " of " +
                                    std::to_string(m_free.size()) + " candidates fixed out");
            excluded_here.insert(excluded_here.end(), m_fixed.begin(), m_fixed.end());
            m_fixed.clear();
            if (root && !m_target_mode && ++root_rounds < kRootRounds && node_bound != kMinusInf &&
                !prune(node_bound)) {
                // A local search from the incumbent (which the relaxation's
                // sets may have improved); a better incumbent aims the
                // subgradient steps better, so bound the root once more.
                // The relaxation's best distinct sets are starting points too.
                const double before = m_best_value;
                improve_incumbent();
                for (const auto& [v, set] : m_pool) improve_from(set);
                m_pool.clear();
                if (m_opt.logger) m_opt.logger->debug("exact: root local search " + std::to_string(m_best_value));
                if (m_best_value > before || root_rounds == 1) continue;
            }
            root = false;
            if (node_bound == kMinusInf || prune(node_bound) || c == kInvalid) break;
            if (!m_fixed_in.empty()) { // every better set holds them: take them, bound again
                for (std::uint32_t f : m_fixed_in) {
                    include(f);
                    included_here.push_back(f);
                }
                m_fixed_in.clear();
                continue;
            }
            if (m_state[c] != kFree) continue; // fixed out just now: bound again
            include(c);
            search(node_bound, false);
            uninclude(c);
            if (m_aborted) {
                m_open_bound = std::max(m_open_bound, node_bound);
                break;
            }
            if (m_found) break;
            exclude(c);
            excluded_here.push_back(c);
        }
        for (auto it = included_here.rbegin(); it != included_here.rend(); ++it) uninclude(*it);
        for (auto it = excluded_here.rbegin(); it != excluded_here.rend(); ++it) unexclude(*it);
    }

    const Reduced& m_r;
    const std::vector<std::uint32_t>& m_group;
    const QuotaRules& m_rules;
    std::uint32_t m_k;
    const ExactOptions& m_opt;
    std::uint64_t& m_nodes;
    double m_tol;
    std::uint32_t m_nc, m_ni;

    std::vector<std::uint8_t> m_state;
    std::vector<std::uint32_t> m_cnt;
    std::vector<std::uint32_t> m_group_in, m_group_free;
    std::vector<std::uint32_t> m_in;
    double m_value_in = 0;
    std::vector<double> m_lambda;

    std::vector<std::uint32_t> m_s;
    // Compact node view (bound_node): uncovered items, their local copies,
    // rows of the free candidates.
    std::vector<std::uint32_t> m_items, m_local, m_row, m_rf, m_rj, m_ls;
    std::vector<double> m_lw, m_ll, m_lg, m_ld;
    std::vector<double> m_mu, m_gain;
    std::vector<std::uint8_t> m_mark;
    std::vector<std::uint32_t> m_extra;
    std::vector<double> m_group_min, m_group_best;
    std::vector<std::uint32_t> m_unmet, m_free, m_order, m_x, m_fixed, m_fixed_in;

    std::vector<std::uint32_t> m_local_optimum; // last incumbent the swaps started from
    bool m_collect = false; // root: keep the relaxation's best sets in m_pool
    double m_root_alpha = kAlpha0;
    std::vector<std::pair<double, std::vector<std::uint32_t>>> m_pool; // value descending
    bool m_integral = false; // all item weights whole numbers
    bool m_target_mode = false;
    double m_target_new = 0;
    bool m_found = false;
    double m_best_value = kMinusInf;
    std::vector<std::uint32_t> m_best;
    bool m_aborted = false;
    double m_open_bound = kMinusInf;
};

/// Fills `chosen` up to k sites and settles the sites that add nothing:
/// each chosen site whose removal loses no coverage is replaced by the
/// allowed candidate (same required group when it is that group's only new
/// site, caps kept) with the largest coverage gain, then the largest
/// mean-time gain, then the lowest index; padding picks the same way.
/// Coverage never drops, so an optimum stays optimal, and among its
/// zero-gain choices the output no longer depends on the search order.
void settle(const CoverageInstance& in, const QuotaRules& rules, std::uint32_t k,
            std::vector<std::uint32_t>& chosen, std::optional<detail::GainBounds>& bounds) {
    const std::uint32_t nc = in.candidate_count();
    std::vector<std::uint8_t> taken(nc, 0);
    std::vector<std::uint32_t> in_group(in.group_count, 0);
    auto count = [&](std::uint32_t c, int delta) {
        taken[c] = delta > 0;
        if (in.group[c] != kInvalid) in_group[in.group[c]] += static_cast<std::uint32_t>(delta);
    };
    for (std::uint32_t c : chosen) count(c, 1);
    // Largest coverage gain, then largest mean-time gain, then lowest index.
    auto best_of = [&](const detail::TimeState& st, const auto& allowed) {
        if (!bounds) bounds.emplace(in);
        return detail::best_gains_pick(st, *bounds, allowed);
    };
    auto cap_ok = [&](std::uint32_t c) {
        const std::uint32_t g = in.group[c];
        return g == kInvalid || rules.cap == 0 || in_group[g] < rules.cap;
    };
    while (chosen.size() < k) {
        detail::TimeState st(in);
        for (std::uint32_t c : chosen) st.add(c);
        std::size_t unmet = 0;
        for (std::uint32_t g : rules.required_list) unmet += in_group[g] == 0;
        const bool forced = unmet > 0 && k - chosen.size() == unmet;
        const std::uint32_t c = best_of(st, [&](std::uint32_t x) {
            const std::uint32_t g = in.group[x];
            if (taken[x] || !cap_ok(x)) return false;
            return !forced || (g != kInvalid && rules.required[g] && in_group[g] == 0);
        });
        if (c == kInvalid) break;
        chosen.push_back(c);
        count(c, 1);
    }
    // Passes until nothing changes: each change lowers the weighted time (or,
    // at equal time, the index), so this ends; 20 passes bound the cost.
    for (int pass = 0; pass < 20; ++pass) {
        bool changed = false;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const std::uint32_t s = chosen[i];
            detail::TimeState st(in);
            for (std::uint32_t c : chosen)
                if (c != s) st.add(c);
            if (st.coverage_gain(s) > 0) continue;
            count(s, -1);
            const std::uint32_t gs = in.group[s];
            const bool keep_group = gs != kInvalid && rules.required[gs] && in_group[gs] == 0;
            const std::uint32_t c = best_of(st, [&](std::uint32_t x) {
                return !taken[x] && cap_ok(x) && (!keep_group || in.group[x] == gs);
            });
            chosen[i] = c; // s itself is allowed: never kInvalid
            count(c, 1);
            changed = changed || c != s;
        }
        if (!changed) break;
    }
}

void check_share(double share) {
    if (!(share > 0 && share <= 1))
        throw UsageError("target share " + std::to_string(share) +
                         " is out of range (expected a fraction in (0, 1], e.g. 0.99)");
}

} // namespace

Selection exact_max_coverage(const CoverageInstance& in, std::uint32_t k, const Quotas& quotas,
                             const ExactOptions& options) {
    const QuotaRules rules = detail::check_problem(in, k, quotas);
    const double tol = detail::tolerance(in);
    Selection greedy;
    std::optional<detail::GainBounds> bounds; // shared by the greedy and settle
    detail::describe(in, Objective::coverage,
                     detail::greedy_core(in, Objective::coverage, k, rules, &bounds), false, greedy);
    if (options.logger) options.logger->debug("exact: greedy " + std::to_string(greedy.objective));

    const Reduced r = reduce(in);
    if (options.logger)
        options.logger->debug("exact: " + std::to_string(r.w.size()) + " items (demand merged), " +
                              std::to_string(r.ci.size()) + " candidate-item pairs");
    std::uint64_t nodes = 0;
    Search search(r, in, rules, k, options, nodes, tol);
    std::vector<std::uint32_t> greedy_set;
    for (const ChosenSite& s : greedy.sites) greedy_set.push_back(s.candidate);
    std::sort(greedy_set.begin(), greedy_set.end());
    search.offer(greedy_set, greedy.objective);
    search.improve_incumbent();
    if (options.logger) options.logger->debug("exact: swaps from the greedy " + std::to_string(search.best_value()));
    const std::size_t dropped = search.drop_dominated();
    if (options.logger)
        options.logger->debug("exact: " + std::to_string(dropped) + " candidates dominated by another");
    search.run();
    if (options.logger) options.logger->debug("exact: " + std::to_string(nodes) + " nodes");

    std::vector<std::uint32_t> chosen = search.best();
    if (options.settle_ties) settle(in, rules, k, chosen, bounds);
    Selection sel;
    detail::describe(in, Objective::coverage, chosen, options.settle_ties, sel);
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
    check_share(target_share);
    Selection greedy = greedy_min_sites(in, target_share, quotas);
    if (greedy.status == SolveStatus::infeasible && !greedy.uncoverable_demand.empty()) {
        return greedy; // no set of candidates reaches the target at all
    }
    const double tol = detail::tolerance(in);
    const Reduced r = reduce(in);
    const double total = greedy.summary.total_population;
    const double target_new = target_share * total - r.covered_before;

    // Lower bound: the required groups, and enough of the largest single gains.
    std::vector<double> gains(in.candidate_count(), 0);
    for (std::uint32_t c = 0; c < in.candidate_count(); ++c)
        for (std::uint32_t p = r.cf[c]; p < r.cf[c + 1]; ++p) gains[c] += r.w[r.ci[p]];
    std::sort(gains.begin(), gains.end(), std::greater<>());
    std::uint32_t lo = 0;
    for (double acc = 0; acc < target_new - tol && lo < gains.size(); ++lo) acc += gains[lo];
    lo = std::max(lo, static_cast<std::uint32_t>(rules.required_list.size()));
    const bool greedy_ok = greedy.status != SolveStatus::infeasible;
    const std::uint32_t greedy_count = static_cast<std::uint32_t>(greedy.sites.size());
    const std::uint32_t hi = greedy_ok ? greedy_count : rules.capacity + 1; // exclusive

    // Reaching the target with at most k sites is monotone in k: binary
    // search between the lower bound and the greedy's count, each step an
    // exact decision search seeded with the greedy's first k sites (they
    // hold the required groups first) improved by swaps.
    std::vector<std::uint32_t> greedy_order;
    for (const ChosenSite& site : greedy.sites) greedy_order.push_back(site.candidate);
    std::uint64_t nodes = 0;
    bool aborted = false, have = greedy_ok;
    std::vector<std::uint32_t> best_set = greedy_order;
    auto decide = [&](std::uint32_t kk) -> int { // 1 found, 0 proven short, -1 node limit
        Search search(r, in, rules, kk, options, nodes, tol);
        search.set_target(target_new);
        if (kk >= rules.required_list.size() && kk <= greedy_order.size() && kk > 0)
            search.improve_from({greedy_order.begin(), greedy_order.begin() + kk});
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
    std::uint32_t lo_b = lo, hi_b = hi;
    if (!greedy_ok) { // the caps stopped the greedy: is the target reachable at all?
        hi_b = rules.capacity;
        const int d = lo_b <= hi_b ? decide(hi_b) : 0;
        if (d == 1) hi_b = static_cast<std::uint32_t>(best_set.size());
        else if (d == -1) aborted = true;
        else lo_b = hi_b; // proven unreachable
    }
    while (!aborted && have && lo_b < hi_b) {
        const std::uint32_t mid = lo_b + (hi_b - lo_b) / 2;
        const int d = decide(mid);
        if (d == 1) hi_b = static_cast<std::uint32_t>(best_set.size());
        else if (d == 0) lo_b = mid + 1;
        else aborted = true;
    }
    Selection sel;
    if (have) {
        std::optional<detail::GainBounds> bounds;
        settle(in, rules, static_cast<std::uint32_t>(best_set.size()), best_set, bounds);
        detail::describe(in, Objective::coverage, best_set, true, sel);
        sel.objective = static_cast<double>(best_set.size());
    } else { // nothing reaches the target (proven, or not found before the limit)
        detail::describe(in, Objective::coverage, {}, false, sel);
        sel.objective = 0;
    }
    sel.status = aborted ? SolveStatus::node_limit
                 : have  ? SolveStatus::optimal
                         : SolveStatus::infeasible;
    sel.bound = aborted ? static_cast<double>(lo_b) : sel.objective;
    sel.nodes = nodes;
    sel.greedy_objective = greedy_count;
    sel.greedy_gap = greedy_ok && sel.objective > 0
                         ? (greedy_count - sel.objective) / sel.objective
                         : 0.0;
    return sel;
}

} // namespace maillage::optimize
