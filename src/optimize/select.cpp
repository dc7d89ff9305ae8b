#include "optimize/select.hpp"

#include "core/error.hpp"
#include "optimize/select_detail.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <optional>
#include <queue>
#include <string>

namespace maillage::optimize {

const char* to_string(SolveStatus status) {
    switch (status) {
    case SolveStatus::heuristic: return "heuristic";
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::node_limit: return "node_limit";
    case SolveStatus::infeasible: return "infeasible";
    }
    return "?";
}

const char* to_string(PickRule rule) {
    switch (rule) {
    case PickRule::coverage: return "coverage";
    case PickRule::group_time: return "canton_residents";
    case PickRule::mean_time: return "mean_time";
    }
    return "?";
}

namespace detail {

QuotaRules check_problem(const CoverageInstance& in, std::uint32_t k, const Quotas& quotas) {
    validate(in);
    const std::uint32_t nc = in.candidate_count();
    if (nc == 0) throw InputError("coverage instance: no candidates (expected at least one)");
    if (k != kInvalid && k > nc)
        throw UsageError("cannot choose " + std::to_string(k) + " new sites from " +
                         std::to_string(nc) + " candidates");
    QuotaRules rules;
    rules.cap = quotas.max_per_group;
    rules.required.assign(in.group_count, 0);
    std::vector<std::uint32_t> size(in.group_count, 0);
    std::uint32_t ungrouped = 0;
    for (std::uint32_t g : in.group) (g == kInvalid ? ungrouped : size[g]) += 1;
    for (std::uint32_t g : quotas.required_groups) {
        if (g >= in.group_count)
            throw UsageError("quota: required group " + std::to_string(g) +
                             " does not exist (expected < " + std::to_string(in.group_count) + ")");
        if (size[g] == 0)
            throw UsageError("quota: " + in.group_label(g) +
                             " must get a new site but has no candidate");
        rules.required[g] = 1;
    }
    for (std::uint32_t g = 0; g < in.group_count; ++g)
        if (rules.required[g]) rules.required_list.push_back(g);
    if (k != kInvalid && rules.required_list.size() > k)
        throw UsageError("quota: " + std::to_string(rules.required_list.size()) + " " + in.group_plural() +
                         " must each get a new site but only " + std::to_string(k) +
                         " new sites are allowed (first required: " +
                         in.group_label(rules.required_list.front()) + ")");
    std::uint64_t capacity = ungrouped;
    for (std::uint32_t g = 0; g < in.group_count; ++g)
        capacity += rules.cap == 0 ? size[g] : std::min(size[g], rules.cap);
    rules.capacity = static_cast<std::uint32_t>(capacity);
    if (k != kInvalid && k > capacity)
        throw UsageError("quota: at most " + std::to_string(rules.cap) +
                         " new sites per " + (in.group_kind.empty() ? std::string("group") : in.group_kind) + " allow only " + std::to_string(capacity) +
                         " new sites, " + std::to_string(k) + " asked");
    return rules;
}

void check_share(double share) {
    if (!(share > 0 && share <= 1))
        throw UsageError("target share " + std::to_string(share) +
                         " is out of range (expected a fraction in (0, 1], e.g. 0.99)");
}

TimeState::TimeState(const CoverageInstance& in) : m_in(in), m_time(in.base_time_s) {
    for (auto& t : m_time) t = std::min(t, in.time_cap_s);
}

double TimeState::coverage_gain(std::uint32_t c) const {
    double g = 0;
    const std::uint32_t thr = m_in.threshold_s;
    for (std::uint32_t p = m_in.cover_first[c]; p < m_in.cover_first[c + 1]; ++p) {
        const std::uint32_t d = m_in.cover_demand[p];
        if (m_in.cover_time_s[p] <= thr && m_time[d] > thr) g += m_in.weight[d];
    }
    return g;
}

double TimeState::time_gain(std::uint32_t c) const {
    double g = 0;
    for (std::uint32_t p = m_in.cover_first[c]; p < m_in.cover_first[c + 1]; ++p) {
        const std::uint32_t d = m_in.cover_demand[p];
        const std::uint32_t t = std::min(m_in.cover_time_s[p], m_in.time_cap_s);
        if (t < m_time[d]) g += m_in.weight[d] * static_cast<double>(m_time[d] - t);
    }
    return g;
}

std::pair<double, double> TimeState::gains(std::uint32_t c) const {
    double cov = 0, time = 0;
    const std::uint32_t thr = m_in.threshold_s;
    for (std::uint32_t p = m_in.cover_first[c]; p < m_in.cover_first[c + 1]; ++p) {
        const std::uint32_t d = m_in.cover_demand[p];
        const std::uint32_t t = std::min(m_in.cover_time_s[p], m_in.time_cap_s);
        if (t < m_time[d]) {
            time += m_in.weight[d] * static_cast<double>(m_time[d] - t);
            if (t <= thr && m_time[d] > thr) cov += m_in.weight[d];
        }
    }
    return {cov, time};
}

void TimeState::add(std::uint32_t c) {
    for (std::uint32_t p = m_in.cover_first[c]; p < m_in.cover_first[c + 1]; ++p) {
        const std::uint32_t d = m_in.cover_demand[p];
        m_time[d] = std::min(m_time[d], std::min(m_in.cover_time_s[p], m_in.time_cap_s));
    }
}

double TimeState::covered() const {
    double s = 0;
    for (std::size_t d = 0; d < m_time.size(); ++d)
        if (m_time[d] <= m_in.threshold_s) s += m_in.weight[d];
    return s;
}

double TimeState::weighted_time() const {
    double s = 0;
    for (std::size_t d = 0; d < m_time.size(); ++d)
        s += m_in.weight[d] * static_cast<double>(m_time[d]);
    return s;
}

CoverageSummary summarize(const CoverageInstance& in, const std::vector<std::uint32_t>& chosen) {
    CoverageSummary s;
    for (double w : in.weight) s.total_population += w;
    TimeState st(in);
    s.covered_before = st.covered();
    const double t0 = st.weighted_time();
    for (std::uint32_t c : chosen) st.add(c);
    s.covered_after = st.covered();
    const double t1 = st.weighted_time();
    if (s.total_population > 0) {
        s.mean_time_before_s = t0 / s.total_population;
        s.mean_time_after_s = t1 / s.total_population;
    }
    return s;
}

GroupTime group_time(const CoverageInstance& in, const TimeState& st, std::uint32_t g, std::uint32_t c) {
    GroupTime r;
    if (in.group_demand_first.empty() || g >= in.group_count) return r;
    const std::uint32_t first = in.group_demand_first[g], last = in.group_demand_first[g + 1];
    if (first == last) return r;
    // c's times to the group's points: the lists are short, so a scan of
    // c's pairs per point would cost |g| x |c|; a sorted copy costs less.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> times; // (demand, capped time)
    if (c != kInvalid) {
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p)
            times.emplace_back(in.cover_demand[p], std::min(in.cover_time_s[p], in.time_cap_s));
        std::sort(times.begin(), times.end());
    }
    for (std::uint32_t i = first; i < last; ++i) {
        const std::uint32_t d = in.group_demand[i];
        const double w = in.group_demand_weight[i];
        std::uint32_t t = st.time(d);
        auto it = std::lower_bound(times.begin(), times.end(), std::pair<std::uint32_t, std::uint32_t>{d, 0});
        if (it != times.end() && it->first == d) t = std::min(t, it->second);
        r.weighted += w * static_cast<double>(t);
        r.population += w;
    }
    return r;
}

std::uint32_t group_pick(const CoverageInstance& in, const TimeState& st, std::uint32_t g,
                         const std::function<bool(std::uint32_t)>& allowed) {
    std::uint32_t best = kInvalid;
    double best_cov = 0, best_group = 0, best_time = 0;
    for (std::uint32_t c = 0; c < in.candidate_count(); ++c) {
        if (in.group[c] != g || !allowed(c)) continue;
        const auto [cov, time] = st.gains(c);
        const double grp = group_time(in, st, g, c).weighted;
        const bool better = best == kInvalid || cov > best_cov ||
                            (cov == best_cov && (grp < best_group || (grp == best_group && time > best_time)));
        if (better) best = c, best_cov = cov, best_group = grp, best_time = time; // c ascending: ties keep the lowest
    }
    return best;
}

void describe(const CoverageInstance& in, Objective objective, std::vector<std::uint32_t> chosen,
              bool reorder, Selection& sel, const QuotaRules* rules) {
    sel.summary = summarize(in, chosen);
    const double total = sel.summary.total_population;
    const double per_person = total > 0 ? 1.0 / total : 0.0;
    TimeState st(in);
    sel.sites.clear();
    sel.sites_without_gain = 0;
    sel.reachable_population = reach(in).coverable;
    const double tol = tolerance(in);
    std::vector<std::uint32_t> rest = chosen;
    if (reorder) std::sort(rest.begin(), rest.end());
    while (!rest.empty()) {
        std::size_t pick = 0;
        if (reorder) {
            // Largest gain; for coverage, equal gains (the sites that add no
            // coverage) by the largest mean-time gain; then the lowest index.
            std::pair<double, double> best{-1, -1};
            for (std::size_t i = 0; i < rest.size(); ++i) {
                const std::pair<double, double> g =
                    objective == Objective::coverage ? st.gains(rest[i])
                                                     : std::pair{st.gain(objective, rest[i]), 0.0};
                if (g > best) best = g, pick = i; // rest ascending: first max = lowest index
            }
        }
        const std::uint32_t c = rest[pick];
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(pick));
        ChosenSite site;
        site.candidate = c;
        site.covered_added = st.coverage_gain(c);
        site.mean_time_reduction_s = st.time_gain(c) * per_person;
        site.gain = objective == Objective::coverage ? site.covered_added
                                                     : site.mean_time_reduction_s;
        if (site.covered_added <= tol) ++sel.sites_without_gain;
        const std::uint32_t g = in.group[c];
        if (objective == Objective::mean_time) {
            site.chosen_by = PickRule::mean_time;
        } else if (site.covered_added <= tol) {
            site.chosen_by = PickRule::mean_time;
            const bool first_in_group =
                g != kInvalid && std::none_of(sel.sites.begin(), sel.sites.end(),
                                              [&](const ChosenSite& x) { return in.group[x.candidate] == g; });
            if (rules && first_in_group && rules->required[g]) {
                const GroupTime before = group_time(in, st, g, kInvalid);
                if (before.population > 0) {
                    const GroupTime after = group_time(in, st, g, c);
                    site.chosen_by = PickRule::group_time;
                    site.group_mean_time_before_s = before.weighted / before.population;
                    site.group_mean_time_after_s = after.weighted / after.population;
                }
            }
        }
        st.add(c);
        sel.sites.push_back(site);
    }
    sel.objective = objective == Objective::coverage
                        ? sel.summary.covered_after - sel.summary.covered_before
                        : sel.summary.mean_time_after_s;
    sel.bound = sel.objective;
}

Reach reach(const CoverageInstance& in) {
    const std::uint32_t nd = in.demand_count();
    std::vector<std::uint8_t> ok(nd, 0);
    for (std::uint32_t d = 0; d < nd; ++d) ok[d] = in.base_time_s[d] <= in.threshold_s;
    for (std::size_t p = 0; p < in.cover_demand.size(); ++p)
        if (in.cover_time_s[p] <= in.threshold_s) ok[in.cover_demand[p]] = 1;
    Reach r;
    for (std::uint32_t d = 0; d < nd; ++d) {
        if (ok[d]) {
            r.coverable += in.weight[d];
        } else if (in.weight[d] > 0) {
            r.uncoverable.push_back(d);
            r.uncoverable_population += in.weight[d];
        }
    }
    return r;
}

namespace {

struct HeapEntry {
    double bound;
    std::uint32_t c;
    std::uint32_t stamp;
};
// Highest bound on top; equal bounds: lowest candidate index on top.
struct HeapLess {
    bool operator()(const HeapEntry& a, const HeapEntry& b) const {
        if (a.bound != b.bound) return a.bound < b.bound;
        return a.c > b.c;
    }
};
using Heap = std::priority_queue<HeapEntry, std::vector<HeapEntry>, HeapLess>;

Heap initial_heap(const CoverageInstance& in, const TimeState& st, Objective objective) {
    std::vector<HeapEntry> entries;
    entries.reserve(in.candidate_count());
    for (std::uint32_t c = 0; c < in.candidate_count(); ++c)
        entries.push_back({st.gain(objective, c), c, 0});
    return Heap(HeapLess{}, std::move(entries));
}

/// `top` is the heap's best entry, fresh at `step`, with a coverage gain > 0.
/// Among every allowed candidate whose coverage gain equals it (within
/// `tol`), returns the one with the largest mean-time gain, then the lowest
/// index; the others go back to the heap (the chosen one does not). The
/// same rule as the exact solver's order: residents within the threshold
/// first, then the mean time. Stale entries met on the way are refreshed.
template <class Allowed>
std::uint32_t best_of_equal_coverage(Heap& heap, const HeapEntry& top, const TimeState& st, std::uint32_t step,
                                     double tol, const Allowed& allowed, const std::vector<std::uint8_t>& taken) {
    std::vector<HeapEntry> ties{top};
    std::vector<HeapEntry> back;
    while (!heap.empty() && heap.top().bound >= top.bound - tol) {
        HeapEntry x = heap.top();
        heap.pop();
        if (taken[x.c] || !allowed(x.c)) continue; // caps and forced picks only tighten
        if (x.stamp != step) {
            x.bound = st.coverage_gain(x.c);
            x.stamp = step;
        }
        (x.bound >= top.bound - tol ? ties : back).push_back(x);
    }
    std::size_t best = 0;
    double best_time = -1;
    for (std::size_t i = 0; i < ties.size(); ++i) {
        const double g = ties.size() == 1 ? 0 : st.time_gain(ties[i].c);
        if (g > best_time || (g == best_time && ties[i].c < ties[best].c)) best_time = g, best = i;
    }
    for (std::size_t i = 0; i < ties.size(); ++i)
        if (i != best) heap.push(ties[i]);
    for (const HeapEntry& x : back) heap.push(x);
    return ties[best].c;
}

} // namespace

GainBounds::GainBounds(const CoverageInstance& in) {
    const TimeState st(in);
    const std::uint32_t nc = in.candidate_count();
    gains.resize(nc);
    for (std::uint32_t c = 0; c < nc; ++c) gains[c] = st.gains(c);
    by_gains.resize(nc);
    for (std::uint32_t c = 0; c < nc; ++c) by_gains[c] = c;
    by_time = by_gains;
    std::sort(by_gains.begin(), by_gains.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (gains[a] != gains[b]) return gains[a] > gains[b];
        return a < b;
    });
    std::sort(by_time.begin(), by_time.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (gains[a].second != gains[b].second) return gains[a].second > gains[b].second;
        return a < b;
    });
}

std::uint32_t zero_gain_pick(const TimeState& st, const GainBounds& bounds,
                             const std::function<bool(std::uint32_t)>& allowed) {
    std::uint32_t best = kInvalid;
    double best_gain = -1;
    for (std::uint32_t c : bounds.by_time) {
        if (!allowed(c)) continue;
        const double ub = bounds.gains[c].second;
        if (ub < best_gain) break; // every later bound is at most this one
        if (ub == best_gain && c > best) continue; // at best a tie, lost on index
        const double g = st.time_gain(c);
        if (g > best_gain || (g == best_gain && c < best)) best_gain = g, best = c;
    }
    return best;
}

std::vector<std::uint32_t> greedy_core(const CoverageInstance& in, Objective objective,
                                       std::uint32_t k, const QuotaRules& rules,
                                       std::optional<GainBounds>* shared) {
    TimeState st(in);
    Heap heap = initial_heap(in, st, objective);
    std::vector<std::uint32_t> in_group(in.group_count, 0);
    std::vector<std::uint8_t> taken(in.candidate_count(), 0);
    std::size_t unmet = rules.required_list.size();
    std::vector<std::uint32_t> chosen;
    std::optional<GainBounds> own; // built at the first pick that adds no coverage
    std::optional<GainBounds>& bounds = shared ? *shared : own;
    const double tol = tolerance(in);
    for (std::uint32_t step = 0; step < k; ++step) {
        // Once the picks left equal the required groups still empty, every
        // pick must fill one of them, to the end.
        const bool forced = unmet > 0 && (k - step) == unmet;
        auto allowed = [&](std::uint32_t c) {
            const std::uint32_t g = in.group[c];
            if (taken[c] || (g != kInvalid && rules.cap != 0 && in_group[g] >= rules.cap)) return false;
            return !forced || (g != kInvalid && rules.required[g] && in_group[g] == 0);
        };
        for (;;) {
            assert(!heap.empty());
            HeapEntry e = heap.top();
            heap.pop();
            if (taken[e.c]) continue;
            if (!allowed(e.c)) continue; // caps and forced picks only tighten
            if (e.stamp == step) {
                std::uint32_t c = e.c;
                if (objective == Objective::coverage && e.bound > 0)
                    c = best_of_equal_coverage(heap, e, st, step, tol, allowed, taken);
                if (objective == Objective::coverage && e.bound <= 0) {
                    // No eligible candidate adds coverage (the bounds above
                    // are upper bounds): the largest mean-time gain, then
                    // the lowest index, decides, and e stays available.
                    if (!bounds) bounds.emplace(in);
                    c = zero_gain_pick(st, *bounds, allowed);
                    // A quota pick: the site goes where its own canton's
                    // residents gain most (zero_gain_pick chose the canton).
                    const std::uint32_t gz = in.group[c];
                    if (gz != kInvalid && rules.required[gz] && in_group[gz] == 0) c = group_pick(in, st, gz, allowed);
                    if (c != e.c) heap.push(e);
                }
                const std::uint32_t g = in.group[c];
                chosen.push_back(c);
                taken[c] = 1;
                st.add(c);
                if (g != kInvalid && ++in_group[g] == 1 && rules.required[g]) --unmet;
                break;
            }
            e.bound = st.gain(objective, e.c);
            e.stamp = step;
            heap.push(e);
        }
    }
    return chosen;
}

GreedyMinResult greedy_min_core(const CoverageInstance& in, double target, double tol,
                                const QuotaRules& rules) {
    TimeState st(in);
    Heap heap = initial_heap(in, st, Objective::coverage);
    std::vector<std::uint32_t> in_group(in.group_count, 0);
    std::vector<std::uint8_t> taken(in.candidate_count(), 0);
    std::size_t unmet = rules.required_list.size();
    GreedyMinResult r;
    double covered = st.covered();
    std::uint32_t step = 0;
    std::vector<HeapEntry> stash;
    std::optional<GainBounds> bounds; // built at the first pick that adds no coverage
    while (unmet > 0 || covered < target - tol) {
        const bool quota_phase = unmet > 0;
        bool picked = false;
        while (!heap.empty()) {
            HeapEntry e = heap.top();
            heap.pop();
            if (taken[e.c]) continue;
            const std::uint32_t g = in.group[e.c];
            if (g != kInvalid && rules.cap != 0 && in_group[g] >= rules.cap) continue;
            if (quota_phase && (g == kInvalid || !rules.required[g] || in_group[g] > 0)) {
                stash.push_back(e);
                continue;
            }
            if (e.stamp != step) {
                e.bound = st.coverage_gain(e.c);
                e.stamp = step;
                heap.push(e);
                continue;
            }
            if (!quota_phase && e.bound <= 0) {
                heap.push(e);
                break; // nothing left adds population: the caps block the target
            }
            std::uint32_t c = e.c;
            if (e.bound <= 0) { // a required group gets a site that adds no coverage
                if (!bounds) bounds.emplace(in);
                const std::function<bool(std::uint32_t)> quota_ok = [&](std::uint32_t x) {
                    const std::uint32_t gx = in.group[x];
                    return !taken[x] && gx != kInvalid && rules.required[gx] && in_group[gx] == 0 &&
                           (rules.cap == 0 || in_group[gx] < rules.cap);
                };
                c = zero_gain_pick(st, *bounds, quota_ok);
                c = group_pick(in, st, in.group[c], quota_ok); // the canton's own residents
                if (c != e.c) stash.push_back(e);
            }
            const std::uint32_t gc = in.group[c];
            r.chosen.push_back(c);
            taken[c] = 1;
            covered += e.bound;
            st.add(c);
            if (gc != kInvalid && ++in_group[gc] == 1 && rules.required[gc]) --unmet;
            picked = true;
            break;
        }
        for (const HeapEntry& e : stash) heap.push(e);
        stash.clear();
        if (!picked) {
            r.reached = false;
            return r;
        }
        ++step;
    }
    r.reached = true;
    return r;
}

} // namespace detail

using namespace detail;

std::vector<GroupRanking> best_per_group(const std::vector<CandidateScore>& scores,
                                         const std::vector<std::uint32_t>& groups,
                                         const std::vector<std::string>& candidate_ids, std::size_t top) {
    std::vector<GroupRanking> out;
    for (const std::uint32_t g : groups) {
        GroupRanking r;
        r.group = g;
        for (const auto& s : scores)
            if (s.group == g) r.best.push_back(s);
        std::sort(r.best.begin(), r.best.end(), [&](const CandidateScore& a, const CandidateScore& b) {
            if (a.newly_covered != b.newly_covered) return a.newly_covered > b.newly_covered;
            if (a.mean_time_reduction_s != b.mean_time_reduction_s)
                return a.mean_time_reduction_s > b.mean_time_reduction_s;
            return candidate_ids[a.candidate] < candidate_ids[b.candidate];
        });
        if (r.best.size() > top) r.best.resize(top);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<CandidateScore> rank_candidates(const CoverageInstance& in, RankKey key) {
    validate(in);
    double total = 0;
    for (double w : in.weight) total += w;
    const double per_person = total > 0 ? 1.0 / total : 0.0;
    TimeState st(in);
    std::vector<CandidateScore> out;
    out.reserve(in.candidate_count());
    for (std::uint32_t c = 0; c < in.candidate_count(); ++c) {
        CandidateScore s;
        s.candidate = c;
        s.group = in.group[c];
        s.newly_covered = st.coverage_gain(c);
        s.mean_time_reduction_s = st.time_gain(c) * per_person;
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p) {
            const std::uint32_t d = in.cover_demand[p];
            if (in.cover_time_s[p] < in.base_time_s[d]) s.nearest_population += in.weight[d];
        }
        out.push_back(s);
    }
    auto score = [key](const CandidateScore& s) {
        switch (key) {
        case RankKey::newly_covered: return s.newly_covered;
        case RankKey::mean_time_reduction: return s.mean_time_reduction_s;
        case RankKey::nearest_population: return s.nearest_population;
        }
        return 0.0;
    };
    std::sort(out.begin(), out.end(), [&](const CandidateScore& a, const CandidateScore& b) {
        const double sa = score(a), sb = score(b);
        if (sa != sb) return sa > sb;
        return a.candidate < b.candidate;
    });
    return out;
}

Selection greedy_select(const CoverageInstance& in, Objective objective, std::uint32_t k,
                        const Quotas& quotas) {
    const QuotaRules rules = check_problem(in, k, quotas);
    Selection sel;
    describe(in, objective, greedy_core(in, objective, k, rules), false, sel, &rules);
    sel.status = SolveStatus::heuristic;
    return sel;
}

Selection greedy_min_sites(const CoverageInstance& in, double target_share, const Quotas& quotas) {
    const QuotaRules rules = check_problem(in, kInvalid, quotas);
    check_share(target_share);
    Selection sel;
    const Reach r = reach(in);
    const double tol = tolerance(in);
    double total = 0;
    for (double w : in.weight) total += w;
    const double target = target_share * total;
    if (r.coverable < target - tol) {
        describe(in, Objective::coverage, {}, false, sel);
        sel.status = SolveStatus::infeasible;
        sel.uncoverable_demand = r.uncoverable;
        sel.uncoverable_population = r.uncoverable_population;
        sel.objective = sel.bound = 0;
        return sel;
    }
    GreedyMinResult g = greedy_min_core(in, target, tol, rules);
    describe(in, Objective::coverage, g.chosen, false, sel, &rules);
    sel.status = g.reached ? SolveStatus::heuristic : SolveStatus::infeasible;
    sel.objective = sel.bound = static_cast<double>(g.chosen.size());
    return sel;
}

Selection evaluate_selection(const CoverageInstance& in, Objective objective,
                             const std::vector<std::uint32_t>& chosen) {
    validate(in);
    for (std::uint32_t c : chosen)
        if (c >= in.candidate_count())
            throw UsageError("candidate " + std::to_string(c) + " does not exist (expected < " +
                             std::to_string(in.candidate_count()) + ")");
    Selection sel;
    describe(in, objective, chosen, false, sel);
    return sel;
}

} // namespace maillage::optimize
