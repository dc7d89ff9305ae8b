// Site selection: ranking, greedy, exact; oracles by brute-force enumeration
// on seeded random instances (up to 12 candidates).

#include "core/error.hpp"
#include "optimize/select.hpp"
#include "optimize/select_detail.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace maillage;
using namespace maillage::optimize;

namespace {

using Lists = std::vector<std::vector<CoverPair>>;

CoverageInstance make(std::vector<double> weight, std::vector<std::uint32_t> base,
                      const Lists& lists, std::vector<std::uint32_t> group = {},
                      std::uint32_t group_count = 0) {
    CoverageInstance in;
    in.weight = std::move(weight);
    in.base_time_s = std::move(base);
    in.group = group.empty() ? std::vector<std::uint32_t>(lists.size(), kInvalid) : group;
    in.group_count = group_count;
    in.threshold_s = 1800;
    in.time_cap_s = 3600;
    set_cover_lists(in, lists);
    return in;
}

/// Random instance: integer populations (so sums are exact and ties real),
/// candidates covering random demand at random times, some demand already
/// covered, candidates in `groups` groups (some without a group).
CoverageInstance random_instance(std::mt19937& rng, std::uint32_t nc, std::uint32_t nd,
                                 std::uint32_t groups) {
    auto uni = [&rng](std::uint32_t lo, std::uint32_t hi) {
        return lo + static_cast<std::uint32_t>(rng() % (hi - lo + 1));
    };
    std::vector<double> w(nd);
    std::vector<std::uint32_t> base(nd);
    for (std::uint32_t d = 0; d < nd; ++d) {
        w[d] = uni(0, 4) == 0 ? 0.0 : static_cast<double>(uni(1, 100));
        const std::uint32_t r = uni(0, 3);
        base[d] = r == 0 ? uni(0, 1800) : r == 1 ? uni(1801, 5000) : kNoTime;
    }
    Lists lists(nc);
    const std::uint32_t density = uni(15, 45);
    for (std::uint32_t c = 0; c < nc; ++c)
        for (std::uint32_t d = 0; d < nd; ++d)
            if (uni(0, 99) < density) lists[c].push_back({d, uni(0, 3000)});
    std::vector<std::uint32_t> group(nc, kInvalid);
    if (groups > 0)
        for (auto& g : group) g = uni(0, 5) == 0 ? kInvalid : uni(0, groups - 1);
    return make(w, base, lists, group, groups);
}

bool quotas_ok(const CoverageInstance& in, const Quotas& q, const std::vector<std::uint32_t>& set) {
    std::vector<std::uint32_t> count(in.group_count, 0);
    for (std::uint32_t c : set)
        if (in.group[c] != kInvalid) ++count[in.group[c]];
    for (std::uint32_t g : q.required_groups)
        if (count[g] == 0) return false;
    if (q.max_per_group != 0)
        for (std::uint32_t n : count)
            if (n > q.max_per_group) return false;
    std::vector<std::uint32_t> sorted = set;
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
}

std::vector<std::uint32_t> ids(const Selection& s) {
    std::vector<std::uint32_t> out;
    for (const auto& site : s.sites) out.push_back(site.candidate);
    return out;
}

double new_coverage(const CoverageInstance& in, const std::vector<std::uint32_t>& set) {
    const Selection s = evaluate_selection(in, Objective::coverage, set);
    return s.summary.covered_after - s.summary.covered_before;
}

/// Calls f(subset) for every subset of {0..n-1} of size m.
template <class F> void for_subsets(std::uint32_t n, std::uint32_t m, F&& f) {
    std::vector<std::uint32_t> pick(m);
    std::iota(pick.begin(), pick.end(), 0u);
    if (m > n) return;
    for (;;) {
        f(pick);
        std::int64_t i = static_cast<std::int64_t>(m) - 1;
        while (i >= 0 && pick[i] == n - m + static_cast<std::uint32_t>(i)) --i;
        if (i < 0) return;
        ++pick[i];
        for (std::uint32_t j = static_cast<std::uint32_t>(i) + 1; j < m; ++j) pick[j] = pick[j - 1] + 1;
    }
}

/// Best new coverage over feasible sets of exactly k; -1 if none.
double brute_max_coverage(const CoverageInstance& in, std::uint32_t k, const Quotas& q) {
    double best = -1;
    for_subsets(in.candidate_count(), k, [&](const std::vector<std::uint32_t>& s) {
        if (quotas_ok(in, q, s)) best = std::max(best, new_coverage(in, s));
    });
    return best;
}

/// Fewest sites reaching `share`; -1 if none does.
int brute_min_sites(const CoverageInstance& in, double share, const Quotas& q) {
    double total = 0;
    for (double w : in.weight) total += w;
    for (std::uint32_t m = 0; m <= in.candidate_count(); ++m) {
        bool ok = false;
        for_subsets(in.candidate_count(), m, [&](const std::vector<std::uint32_t>& s) {
            if (ok || !quotas_ok(in, q, s)) return;
            const Selection e = evaluate_selection(in, Objective::coverage, s);
            if (e.summary.covered_after >= share * total - 1e-6) ok = true;
        });
        if (ok) return static_cast<int>(m);
    }
    return -1;
}

/// Random quotas meetable for k: some required groups, maybe a cap.
Quotas random_quotas(std::mt19937& rng, const CoverageInstance& in, std::uint32_t k) {
    Quotas q;
    std::vector<std::uint32_t> has(in.group_count, 0);
    for (std::uint32_t g : in.group)
        if (g != kInvalid) ++has[g];
    for (std::uint32_t g = 0; g < in.group_count; ++g)
        if (has[g] > 0 && q.required_groups.size() < k && rng() % 2 == 0) q.required_groups.push_back(g);
    q.max_per_group = rng() % 2 == 0 ? 0 : 1 + static_cast<std::uint32_t>(rng() % 2);
    return q;
}

std::uint32_t capacity(const CoverageInstance& in, const Quotas& q) {
    std::vector<std::uint32_t> size(in.group_count, 0);
    std::uint32_t n = 0;
    for (std::uint32_t g : in.group) (g == kInvalid ? n : size[g]) += 1;
    for (std::uint32_t s : size) n += q.max_per_group == 0 ? s : std::min(s, q.max_per_group);
    return n;
}

} // namespace

TEST_CASE("ranking: scores against existing sites, sorted with index tie-break") {
    // Demand 0 (100) already covered at 1000 s; 1 (50) reached at 2400 s;
    // 2 (30) unreachable (counts as the 3600 s cap).
    CoverageInstance in = make({100, 50, 30}, {1000, 2400, kNoTime},
                               {
                                   {{0, 500}, {1, 1000}}, // c0: faster for 0, covers 1
                                   {{2, 1200}},           // c1: covers 2
                                   {{1, 1000}},           // c2: same gain as c1 on coverage? 50 vs 30
                                   {{0, 1500}},           // c3: nothing new
                               });
    const auto r = rank_candidates(in);
    REQUIRE(r.size() == 4);
    CHECK(r[0].candidate == 0);
    CHECK(r[0].newly_covered == 50);
    CHECK(r[0].nearest_population == 150);
    CHECK(r[0].mean_time_reduction_s == doctest::Approx((100.0 * 500 + 50.0 * 1400) / 180));
    CHECK(r[1].candidate == 2); // 50 newly covered
    CHECK(r[2].candidate == 1); // 30
    CHECK(r[3].candidate == 3); // 0
    CHECK(r[3].nearest_population == 0);
    CHECK(r[3].mean_time_reduction_s == 0);
    const auto by_time = rank_candidates(in, RankKey::mean_time_reduction);
    CHECK(by_time[0].candidate == 0);
    CHECK(by_time[1].candidate == 1); // 30 x 2400 s beats 50 x 1400 s
    // Two candidates with equal scores keep index order.
    CoverageInstance tie = make({10, 10}, {kNoTime, kNoTime}, {{{1, 100}}, {{0, 100}}});
    const auto t = rank_candidates(tie);
    CHECK(t[0].candidate == 0);
    CHECK(t[1].candidate == 1);
}

TEST_CASE("greedy: hand instance, coverage and p-median with the time cap") {
    // c0 covers 0,1 (w 10+10); c1 covers 1,2 (10+25); c2 covers 3 (30).
    CoverageInstance in = make({10, 10, 25, 30}, {kNoTime, kNoTime, kNoTime, kNoTime},
                               {{{0, 600}, {1, 600}}, {{1, 900}, {2, 900}}, {{3, 1200}}});
    const Selection s = greedy_select(in, Objective::coverage, 2);
    REQUIRE(ids(s) == std::vector<std::uint32_t>{1, 2});
    CHECK(s.sites[0].gain == 35);
    CHECK(s.sites[1].gain == 30);
    CHECK(s.objective == 65);
    CHECK(s.summary.covered_before == 0);
    CHECK(s.summary.covered_after == 65);
    CHECK(s.summary.mean_time_before_s == 3600);
    // after: 0 uncovered (3600), 1 and 2 at 900, 3 at 1200
    CHECK(s.summary.mean_time_after_s == doctest::Approx((10 * 3600 + 35 * 900 + 30 * 1200) / 75.0));
    const Selection p = greedy_select(in, Objective::mean_time, 3);
    CHECK(p.objective == doctest::Approx((20 * 600 + 25 * 900 + 30 * 1200) / 75.0));
    CHECK(p.sites.size() == 3);
}

TEST_CASE("greedy: ties go to the lowest index, and relabelling demand changes nothing") {
    // Identical candidates 1 and 3; 0 and 2 identical too.
    CoverageInstance in = make({5, 5, 7, 7}, {kNoTime, kNoTime, kNoTime, kNoTime},
                               {{{0, 10}, {1, 10}}, {{2, 10}}, {{0, 10}, {1, 10}}, {{2, 10}}});
    const Selection a = greedy_select(in, Objective::coverage, 2);
    CHECK(ids(a) == std::vector<std::uint32_t>{0, 1});
    CHECK(ids(greedy_select(in, Objective::coverage, 2)) == ids(a));
    CHECK(ids(greedy_select(in, Objective::coverage, 4)) == std::vector<std::uint32_t>{0, 1, 2, 3});

    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        const CoverageInstance r = random_instance(rng, 10, 25, 0);
        // Same instance with demand ids reversed.
        CoverageInstance p = r;
        const std::uint32_t nd = r.demand_count();
        for (std::uint32_t d = 0; d < nd; ++d) {
            p.weight[nd - 1 - d] = r.weight[d];
            p.base_time_s[nd - 1 - d] = r.base_time_s[d];
        }
        for (auto& d : p.cover_demand) d = nd - 1 - d;
        for (Objective o : {Objective::coverage, Objective::mean_time}) {
            const auto x = ids(greedy_select(r, o, 4));
            CHECK(x == ids(greedy_select(r, o, 4)));
            CHECK(x == ids(greedy_select(p, o, 4)));
        }
        const auto rr = rank_candidates(r), rp = rank_candidates(p);
        for (std::size_t i = 0; i < rr.size(); ++i) CHECK(rr[i].candidate == rp[i].candidate);
    }
}

TEST_CASE("exact max coverage equals enumeration on random instances, without quotas") {
    std::mt19937 rng(20261127);
    int greedy_below = 0;
    for (int round = 0; round < 60; ++round) {
        const std::uint32_t nc = 4 + static_cast<std::uint32_t>(rng() % 9); // 4..12
        CoverageInstance in = random_instance(rng, nc, 12 + static_cast<std::uint32_t>(rng() % 20), 0);
        if (round % 2 == 1)
            for (double& w : in.weight) w *= 0.37; // fractional populations: no integral pruning
        const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng() % std::min(nc, 5u));
        CAPTURE(round);
        CAPTURE(k);
        const double opt = brute_max_coverage(in, k, {});
        const Selection e = exact_max_coverage(in, k);
        CHECK(e.status == SolveStatus::optimal);
        CHECK(e.objective == doctest::Approx(opt));
        CHECK(e.bound == doctest::Approx(opt));
        CHECK(e.sites.size() == k);
        CHECK(quotas_ok(in, {}, ids(e)));
        CHECK(e.nodes >= 1);
        // Order inside the exact set: non-increasing marginal gains.
        for (std::size_t i = 1; i < e.sites.size(); ++i) CHECK(e.sites[i - 1].gain >= e.sites[i].gain);
        const Selection g = greedy_select(in, Objective::coverage, k);
        CHECK(g.objective >= (1 - 1 / std::exp(1.0)) * opt - 1e-9);
        CHECK(g.objective <= opt + 1e-9);
        CHECK(e.greedy_objective == g.objective);
        CHECK(e.objective >= g.objective);
        CHECK(e.greedy_gap == doctest::Approx(opt > 0 ? (opt - g.objective) / opt : 0.0));
        if (g.objective < opt) ++greedy_below;
        if (k == 1) CHECK(g.objective == opt); // one pick: greedy is exact
    }
    MESSAGE("greedy below optimum on " << greedy_below << " of 60 instances");
}

TEST_CASE("greedy equals the optimum on disjoint cover sets") {
    std::mt19937 rng(11);
    for (int round = 0; round < 20; ++round) {
        const std::uint32_t nc = 8, nd = 24;
        Lists lists(nc);
        std::vector<double> w(nd);
        for (std::uint32_t d = 0; d < nd; ++d) {
            w[d] = static_cast<double>(1 + rng() % 50);
            if (rng() % 4 != 0) lists[rng() % nc].push_back({d, static_cast<std::uint32_t>(rng() % 1800)});
        }
        const CoverageInstance in = make(w, std::vector<std::uint32_t>(nd, kNoTime), lists);
        for (std::uint32_t k = 1; k <= 5; ++k) {
            const double opt = brute_max_coverage(in, k, {});
            CHECK(greedy_select(in, Objective::coverage, k).objective == opt);
            const Selection e = exact_max_coverage(in, k);
            CHECK(e.objective == opt);
            CHECK(e.greedy_gap == 0);
        }
    }
}

TEST_CASE("exact max coverage equals enumeration with quotas, quotas always respected") {
    std::mt19937 rng(4242);
    int rounds = 0;
    while (rounds < 60) {
        const std::uint32_t nc = 5 + static_cast<std::uint32_t>(rng() % 8); // 5..12
        const CoverageInstance in = random_instance(rng, nc, 15 + static_cast<std::uint32_t>(rng() % 15), 4);
        const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng() % std::min(nc, 6u));
        const Quotas q = random_quotas(rng, in, k);
        if (capacity(in, q) < k) continue;
        ++rounds;
        CAPTURE(rounds);
        const double opt = brute_max_coverage(in, k, q);
        REQUIRE(opt >= 0);
        const Selection e = exact_max_coverage(in, k, q);
        CHECK(e.status == SolveStatus::optimal);
        CHECK(e.objective == doctest::Approx(opt));
        CHECK(e.sites.size() == k);
        CHECK(quotas_ok(in, q, ids(e)));
        for (Objective o : {Objective::coverage, Objective::mean_time}) {
            const Selection g = greedy_select(in, o, k, q);
            CHECK(g.sites.size() == k);
            CHECK(quotas_ok(in, q, ids(g)));
        }
        const Selection g = greedy_select(in, Objective::coverage, k, q);
        CHECK(g.objective <= opt + 1e-9);
    }
}

TEST_CASE("exact stopped by the node limit reports a valid bound") {
    std::mt19937 rng(99);
    int limited = 0;
    for (int round = 0; round < 30; ++round) {
        const CoverageInstance in = random_instance(rng, 12, 40, 3);
        const std::uint32_t k = 4;
        const double opt = brute_max_coverage(in, k, {});
        ExactOptions o;
        o.node_limit = 1;
        o.root_iterations = 3;
        const Selection e = exact_max_coverage(in, k, {}, o);
        CHECK(e.nodes <= 1);
        CHECK(e.objective <= opt + 1e-9);
        CHECK(e.bound >= opt - 1e-9);
        if (e.status == SolveStatus::node_limit) ++limited;
        else CHECK(e.objective == doctest::Approx(opt));
    }
    CHECK(limited > 0); // the limit is reached on some of them
}

TEST_CASE("minimal number of sites equals enumeration, with and without quotas") {
    std::mt19937 rng(314);
    for (int round = 0; round < 60; ++round) {
        const std::uint32_t nc = 4 + static_cast<std::uint32_t>(rng() % 9);
        const CoverageInstance in = random_instance(rng, nc, 10 + static_cast<std::uint32_t>(rng() % 15), 3);
        const double share = (round % 3 == 0) ? 1.0 : (round % 3 == 1 ? 0.9 : 0.75);
        Quotas q = round % 2 == 0 ? Quotas{} : random_quotas(rng, in, nc);
        CAPTURE(round);
        const int opt = brute_min_sites(in, share, q);
        const Selection g = greedy_min_sites(in, share, q);
        const Selection e = exact_min_sites(in, share, q);
        if (opt < 0) {
            CHECK(e.status == SolveStatus::infeasible);
            CHECK(g.status == SolveStatus::infeasible);
            continue;
        }
        CHECK(e.status == SolveStatus::optimal);
        CHECK(e.objective == opt);
        CHECK(e.sites.size() == static_cast<std::size_t>(opt));
        CHECK(quotas_ok(in, q, ids(e)));
        CHECK(e.summary.covered_after >= share * e.summary.total_population - 1e-6);
        if (g.status != SolveStatus::infeasible) {
            CHECK(g.objective >= opt);
            CHECK(quotas_ok(in, q, ids(g)));
            CHECK(g.summary.covered_after >= share * g.summary.total_population - 1e-6);
            CHECK(e.greedy_objective == g.objective);
        }
    }
}

TEST_CASE("minimal sites: demand no candidate covers makes 100% infeasible, 90% feasible") {
    // Demand 2 (5 residents of 100) is out of everybody's reach.
    CoverageInstance in = make({50, 45, 5}, {kNoTime, kNoTime, 4000},
                               {{{0, 100}}, {{1, 100}}, {{2, 2000}}});
    const Selection g = greedy_min_sites(in, 1.0);
    CHECK(g.status == SolveStatus::infeasible);
    CHECK(g.uncoverable_demand == std::vector<std::uint32_t>{2});
    CHECK(g.uncoverable_population == 5);
    const Selection e = exact_min_sites(in, 1.0);
    CHECK(e.status == SolveStatus::infeasible);
    CHECK(e.uncoverable_demand == std::vector<std::uint32_t>{2});
    const Selection ok = exact_min_sites(in, 0.9);
    CHECK(ok.status == SolveStatus::optimal);
    CHECK(ok.objective == 2);
    CHECK(exact_min_sites(in, 0.5).objective == 1);
}

TEST_CASE("bad input: k, quotas, no candidates, empty demand, ranges") {
    CoverageInstance in = make({10, 20}, {kNoTime, kNoTime}, {{{0, 100}}, {{1, 100}}, {{1, 50}}},
                               {0, 0, kInvalid}, 3);
    in.group_name = {"35001", "35002", "35003"};
    CHECK_THROWS_AS(greedy_select(in, Objective::coverage, 4), UsageError);
    CHECK_THROWS_AS(exact_max_coverage(in, 4), UsageError);
    CHECK_THROWS_WITH_AS(greedy_select(in, Objective::coverage, 1, Quotas{{1}, 0}),
                         doctest::Contains("group 1 (35002) must get a new site but has no candidate"),
                         UsageError);
    CHECK_THROWS_WITH_AS(exact_min_sites(in, 1.0, Quotas{{2}, 0}),
                         doctest::Contains("group 2 (35003)"), UsageError);
    CHECK_THROWS_WITH_AS(greedy_select(in, Objective::coverage, 1, Quotas{{7}, 0}),
                         doctest::Contains("required group 7 does not exist"), UsageError);
    in.group = {0, 1, kInvalid};
    CHECK_THROWS_WITH_AS(exact_max_coverage(in, 1, Quotas{{0, 1}, 0}),
                         doctest::Contains("2 groups must each get a new site but only 1"),
                         UsageError);
    in.group = {0, 0, 0};
    CHECK_THROWS_WITH_AS(greedy_select(in, Objective::coverage, 2, Quotas{{}, 1}),
                         doctest::Contains("allow only 1 new sites, 2 asked"), UsageError);
    CHECK_THROWS_AS(greedy_min_sites(in, 0.0), UsageError);
    CHECK_THROWS_AS(exact_min_sites(in, 1.5), UsageError);

    CoverageInstance none = make({10}, {kNoTime}, {});
    CHECK_THROWS_WITH_AS(greedy_select(none, Objective::coverage, 0), doctest::Contains("no candidates"),
                         InputError);
    CHECK_THROWS_AS(exact_min_sites(none, 1.0), InputError);
    CHECK(rank_candidates(none).empty());

    CoverageInstance empty = make({}, {}, {{}});
    CHECK_THROWS_WITH_AS(greedy_select(empty, Objective::coverage, 1), doctest::Contains("no demand points"),
                         InputError);

    CoverageInstance bad = make({10}, {kNoTime}, {{{3, 100}}});
    CHECK_THROWS_WITH_AS(rank_candidates(bad), doctest::Contains("candidate 0 covers demand 3"), InputError);
    bad = make({-1}, {kNoTime}, {{{0, 100}}});
    CHECK_THROWS_WITH_AS(rank_candidates(bad), doctest::Contains("weight of demand 0"), InputError);
    bad = make({1}, {kNoTime}, {{{0, 100}}}, {5}, 2);
    CHECK_THROWS_WITH_AS(rank_candidates(bad), doctest::Contains("candidate 0 has group 5"), InputError);
    bad = make({1, 2}, {kNoTime}, {{{0, 100}}});
    CHECK_THROWS_WITH_AS(rank_candidates(bad), doctest::Contains("base_time_s has 1 entries"), InputError);
    CHECK_THROWS_AS(evaluate_selection(make({1}, {kNoTime}, {{{0, 1}}}), Objective::coverage, {1}),
                    UsageError);
}

TEST_CASE("exact: repeated runs give the same sets, node limit on minimal sites keeps a valid bound") {
    std::mt19937 rng(2718);
    int limited = 0;
    for (int round = 0; round < 20; ++round) {
        const CoverageInstance in = random_instance(rng, 12, 30, 3);
        const Quotas q = random_quotas(rng, in, 5);
        if (capacity(in, q) < 5) continue;
        const Selection a = exact_max_coverage(in, 5, q), b = exact_max_coverage(in, 5, q);
        CHECK(ids(a) == ids(b));
        CHECK(a.nodes == b.nodes);
        const Selection m1 = exact_min_sites(in, 0.8, q), m2 = exact_min_sites(in, 0.8, q);
        CHECK(ids(m1) == ids(m2));

        const int opt = brute_min_sites(in, 0.8, q);
        ExactOptions o;
        o.node_limit = 1;
        o.root_iterations = 2;
        o.node_iterations = 1;
        const Selection e = exact_min_sites(in, 0.8, q, o);
        if (opt < 0) {
            CHECK(e.status != SolveStatus::optimal);
            continue;
        }
        CHECK(e.bound <= opt);
        if (e.status == SolveStatus::node_limit) {
            ++limited;
            if (!e.sites.empty()) CHECK(e.objective >= opt); // else: none found yet
        } else {
            REQUIRE(e.status == SolveStatus::optimal);
            CHECK(e.objective == opt);
        }
    }
    MESSAGE("minimal sites stopped by the node limit on " << limited << " instances");
}

TEST_CASE("zero-gain quota picks go to the largest mean-time gain, then the lowest index") {
    // Demand 0 (1000 residents) is covered only by candidate 0 (group 0).
    // Demand 1 (50) is already within the threshold (1000 s) and demand 2
    // (30) no candidate brings within it: group 1's candidates add no
    // coverage, they differ by the time they save. Candidate 1 saves
    // nothing, 2 saves 50 x 400 s, 3 and 4 save 50 x 600 s (tie: 3).
    // Candidate 5 reaches demand 0 beyond the threshold (mean time only).
    const Lists lists = {{{0, 600}},
                         {{1, 1000}},
                         {{1, 600}},
                         {{1, 400}},
                         {{1, 400}},
                         {{0, 2000}}};
    const CoverageInstance in =
        make({1000, 50, 30}, {kNoTime, 1000, kNoTime}, lists, {0, 1, 1, 1, 1, 0}, 2);
    Quotas q;
    q.required_groups = {1};
    auto has = [](const Selection& s, std::uint32_t c) {
        const auto v = ids(s);
        return std::find(v.begin(), v.end(), c) != v.end();
    };
    const Selection g = greedy_select(in, Objective::coverage, 2, q);
    CHECK(has(g, 0));
    CHECK(has(g, 3));
    const Selection e = exact_max_coverage(in, 2, q);
    CHECK(e.status == SolveStatus::optimal);
    CHECK(e.objective == doctest::Approx(1000));
    CHECK(has(e, 0));
    CHECK(has(e, 3));
    // Minimal sites: 95 % needs candidate 0; the quota adds candidate 3.
    const Selection gm = greedy_min_sites(in, 0.9, q);
    CHECK(ids(gm).size() == 2);
    CHECK(has(gm, 3));
    const Selection em = exact_min_sites(in, 0.9, q);
    CHECK(em.status == SolveStatus::optimal);
    CHECK(ids(em).size() == 2);
    CHECK(has(em, 3));
    // Padding (k beyond what adds coverage) follows the same rule: after 0
    // and 3 no candidate saves any time: the lowest index, 1.
    const Selection e3 = exact_max_coverage(in, 3, q);
    CHECK(e3.objective == doctest::Approx(1000));
    CHECK(has(e3, 0));
    CHECK(has(e3, 3));
    CHECK(has(e3, 1));
    const Selection g3 = greedy_select(in, Objective::coverage, 3, q);
    auto sorted = [](std::vector<std::uint32_t> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    CHECK(sorted(ids(g3)) == sorted(ids(e3)));
}

TEST_CASE("a quota pick that adds no resident serves its own group's residents, not the territory (issue 14)") {
    // Threshold 1000 s. Group 0: candidate 0 brings demand 0 (1000
    // residents) within it. Group 1 must get a site; none of its candidates
    // adds coverage. Group 1's own residents live at demand 1 (100, now at
    // 1500 s): candidate 1 brings them to 1100 s. Candidate 2 (group 1) only
    // saves 400 s to demand 2 (2000 residents of group 0): the largest drop of
    // the territory's mean time, nothing for its own group.
    const Lists lists = {{{0, 600}}, {{1, 1100}}, {{2, 1500}}};
    CoverageInstance in = make({1000, 100, 2000}, {kNoTime, 1500, 1900}, lists, {0, 1, 1}, 2);
    in.threshold_s = 1000;
    in.time_cap_s = 2000;
    // Without the groups' residents: the territory's mean time decides (2).
    Quotas q;
    q.required_groups = {1};
    CHECK(ids(greedy_select(in, Objective::coverage, 2, q)) == std::vector<std::uint32_t>{0, 2});
    in.group_demand_first = {0, 2, 3};
    in.group_demand = {0, 2, 1};
    in.group_demand_weight = {1000, 2000, 100};
    validate(in);
    auto has = [](const Selection& s, std::uint32_t c) {
        const auto v = ids(s);
        return std::find(v.begin(), v.end(), c) != v.end();
    };
    const Selection g = greedy_select(in, Objective::coverage, 2, q);
    REQUIRE(ids(g) == std::vector<std::uint32_t>{0, 1});
    CHECK(g.sites[0].chosen_by == PickRule::coverage);
    CHECK(g.sites[1].chosen_by == PickRule::group_time);
    CHECK(g.sites[1].group_mean_time_before_s == doctest::Approx(1500));
    CHECK(g.sites[1].group_mean_time_after_s == doctest::Approx(1100));
    const Selection e = exact_max_coverage(in, 2, q);
    CHECK(e.status == SolveStatus::optimal);
    CHECK(e.objective == doctest::Approx(1000)); // the coverage optimum is kept
    CHECK(has(e, 0));
    CHECK(has(e, 1));
    CHECK(e.sites.back().chosen_by == PickRule::group_time);
    const Selection gm = greedy_min_sites(in, 0.3, q);
    CHECK(has(gm, 0));
    CHECK(has(gm, 1));
    const Selection em = exact_min_sites(in, 0.3, q);
    CHECK(ids(em).size() == 2);
    CHECK(has(em, 1));
    // Not a required group: a site adding nothing keeps the territory's rule.
    const Selection free3 = greedy_select(in, Objective::coverage, 2, Quotas{});
    CHECK(ids(free3) == std::vector<std::uint32_t>{0, 2});
    CHECK(free3.sites[1].chosen_by == PickRule::mean_time);
    // A group's residents out of range are refused, naming the group.
    in.group_demand = {0, 2, 7};
    CHECK_THROWS_WITH_AS(validate(in), doctest::Contains("group 1 has residents at demand 7"), InputError);
}

TEST_CASE("zero-gain picks are the same however the candidates tie, on random instances") {
    // Whatever set the search finds first (two subgradient settings), a
    // chosen site that adds no coverage is one of the allowed ones with the
    // best mean-time gain.
    std::mt19937 rng(777);
    for (int round = 0; round < 40; ++round) {
        const std::uint32_t nc = 6 + static_cast<std::uint32_t>(rng() % 7);
        const CoverageInstance in = random_instance(rng, nc, 12, 3);
        const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng() % std::min(nc, 6u));
        const Quotas q = random_quotas(rng, in, k);
        if (capacity(in, q) < k) continue;
        CAPTURE(round);
        const double opt = brute_max_coverage(in, k, q);
        ExactOptions a, b;
        b.root_iterations = 7;
        b.node_iterations = 2;
        const Selection ea = exact_max_coverage(in, k, q, a);
        const Selection eb = exact_max_coverage(in, k, q, b);
        CHECK(ea.objective == doctest::Approx(opt));
        CHECK(eb.objective == doctest::Approx(opt));
        CHECK(quotas_ok(in, q, ids(ea)));
        CHECK(quotas_ok(in, q, ids(eb)));
        // No chosen site that adds nothing could be swapped for an allowed
        // one with a larger mean-time gain.
        for (const Selection* s : {&ea, &eb}) {
            const auto set = ids(*s);
            for (std::size_t i = 0; i < set.size(); ++i) {
                std::vector<std::uint32_t> others = set;
                others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
                if (new_coverage(in, others) < new_coverage(in, set) - 1e-9) continue;
                const double mine = evaluate_selection(in, Objective::mean_time, set).summary.mean_time_after_s;
                for (std::uint32_t c = 0; c < nc; ++c) {
                    if (std::find(set.begin(), set.end(), c) != set.end()) continue;
                    std::vector<std::uint32_t> alt = others;
                    alt.push_back(c);
                    if (!quotas_ok(in, q, alt)) continue;
                    if (new_coverage(in, alt) < new_coverage(in, set) - 1e-9) continue;
                    const double theirs =
                        evaluate_selection(in, Objective::mean_time, alt).summary.mean_time_after_s;
                    CHECK(theirs >= mine - 1e-9);
                }
            }
        }
    }
}

TEST_CASE("exact equals enumeration whatever the root and node iteration counts") {
    // The root's short first round, the local search from the relaxation's
    // sets and the later rounds must never cost exactness.
    std::mt19937 rng(2718);
    int rounds = 0;
    while (rounds < 40) {
        const std::uint32_t nc = 8 + static_cast<std::uint32_t>(rng() % 5); // 8..12
        const CoverageInstance in = random_instance(rng, nc, 20 + static_cast<std::uint32_t>(rng() % 20), 3);
        const std::uint32_t k = 2 + static_cast<std::uint32_t>(rng() % 5);
        const Quotas q = rounds % 2 == 0 ? Quotas{} : random_quotas(rng, in, k);
        if (capacity(in, q) < k) continue;
        ++rounds;
        CAPTURE(rounds);
        const double opt = brute_max_coverage(in, k, q);
        for (auto [root_its, node_its] : {std::pair{1u, 1u}, {50u, 3u}, {101u, 25u}, {1000u, 25u}}) {
            ExactOptions o;
            o.root_iterations = root_its;
            o.node_iterations = node_its;
            const Selection e = exact_max_coverage(in, k, q, o);
            CHECK(e.status == SolveStatus::optimal);
            CHECK(e.objective == doctest::Approx(opt));
            CHECK(quotas_ok(in, q, ids(e)));
            CHECK(e.sites.size() == k);
        }
    }
}

TEST_CASE("exact equals enumeration when candidates cover subsets or copies of others") {
    // Dominated candidates are fixed out only when the dominating one can
    // stand in for them (same group, or no cap and a group not required).
    std::mt19937 rng(1618);
    int rounds = 0;
    while (rounds < 60) {
        const std::uint32_t nc = 6 + static_cast<std::uint32_t>(rng() % 7); // 6..12
        CoverageInstance in = random_instance(rng, nc, 12 + static_cast<std::uint32_t>(rng() % 12), 3);
        Lists lists(nc);
        for (std::uint32_t c = 0; c < nc; ++c)
            for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p)
                lists[c].push_back({in.cover_demand[p], in.cover_time_s[p]});
        for (std::uint32_t c = 1; c < nc; ++c) {
            if (rng() % 2 != 0) continue;
            const std::uint32_t other = static_cast<std::uint32_t>(rng() % c);
            std::vector<CoverPair> sub;
            for (const CoverPair& cp : lists[other])
                if (rng() % 3 != 0) sub.push_back(cp); // a subset (sometimes all) of it
            if (rng() % 2 == 0) std::swap(lists[c], lists[other]); // dominated one first, sometimes
            lists[rng() % 2 == 0 ? c : other] = sub.empty() ? lists[other] : sub;
        }
        set_cover_lists(in, lists);
        const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng() % std::min(nc, 5u));
        const Quotas q = rounds % 3 == 0 ? Quotas{} : random_quotas(rng, in, k);
        if (capacity(in, q) < k) continue;
        ++rounds;
        CAPTURE(rounds);
        const double opt = brute_max_coverage(in, k, q);
        const Selection e = exact_max_coverage(in, k, q);
        CHECK(e.status == SolveStatus::optimal);
        CHECK(e.objective == doctest::Approx(opt));
        CHECK(quotas_ok(in, q, ids(e)));
        CHECK(e.sites.size() == k);
        double total = 0;
        for (double w : in.weight) total += w;
        const int m = brute_min_sites(in, 0.7, q);
        const Selection em = exact_min_sites(in, 0.7, q);
        if (m < 0) {
            CHECK(em.status == SolveStatus::infeasible);
        } else {
            CHECK(em.status == SolveStatus::optimal);
            CHECK(em.objective == doctest::Approx(m));
        }
    }
}

TEST_CASE("gain bounds: the ordered picks equal a scan of every candidate") {
    // Random states (existing sites plus a few new ones), random eligible
    // sets, whole and fractional populations (the bound must hold after
    // rounding too), many ties (times in steps of 100 s).
    std::mt19937 rng(9090);
    for (int round = 0; round < 300; ++round) {
        const std::uint32_t nc = 5 + static_cast<std::uint32_t>(rng() % 30);
        CoverageInstance in = random_instance(rng, nc, 10 + static_cast<std::uint32_t>(rng() % 30), 3);
        if (round % 2 == 1)
            for (double& w : in.weight) w *= 0.1 + static_cast<double>(rng() % 1000) / 333.0;
        if (round % 3 == 0)
            for (std::uint32_t& t : in.cover_time_s) t = t / 100 * 100;
        CAPTURE(round);
        const detail::GainBounds bounds(in);
        detail::TimeState st(in);
        const std::uint32_t added = static_cast<std::uint32_t>(rng() % 4);
        for (std::uint32_t i = 0; i < added; ++i) st.add(static_cast<std::uint32_t>(rng() % nc));
        std::vector<std::uint8_t> ok(nc);
        for (auto& o : ok) o = rng() % 4 != 0;
        auto allowed = [&](std::uint32_t c) { return ok[c] != 0; };
        std::uint32_t scan_time = kInvalid, scan_pair = kInvalid;
        double best_time = -1;
        std::pair<double, double> best_pair{-1, -1};
        for (std::uint32_t c = 0; c < nc; ++c) {
            if (!ok[c]) continue;
            if (st.time_gain(c) > best_time) best_time = st.time_gain(c), scan_time = c;
            if (st.gains(c) > best_pair) best_pair = st.gains(c), scan_pair = c;
        }
        CHECK(detail::zero_gain_pick(st, bounds, allowed) == scan_time);
        CHECK(detail::best_gains_pick(st, bounds, allowed) == scan_pair);
    }
}

TEST_CASE("exact without settling ties: the same optimum, sites that add nothing not settled") {
    std::mt19937 rng(5151);
    for (int round = 0; round < 40; ++round) {
        const std::uint32_t nc = 6 + static_cast<std::uint32_t>(rng() % 7);
        const CoverageInstance in = random_instance(rng, nc, 15, 3);
        const std::uint32_t k = 1 + static_cast<std::uint32_t>(rng() % std::min(nc, 6u));
        const Quotas q = random_quotas(rng, in, k);
        if (capacity(in, q) < k) continue;
        CAPTURE(round);
        ExactOptions raw;
        raw.settle_ties = false;
        const Selection e = exact_max_coverage(in, k, q);
        const Selection r = exact_max_coverage(in, k, q, raw);
        CHECK(r.status == SolveStatus::optimal);
        CHECK(r.objective == doctest::Approx(e.objective));
        CHECK(r.sites.size() <= k);
        const std::vector<std::uint32_t> set = ids(r);
        CHECK(std::is_sorted(set.begin(), set.end()));
    }
}

TEST_CASE("greedy: picks of equal coverage go to the largest mean-time gain (issue 18, defect 3)") {
    // Candidates 0 and 1 both bring demand 0 (100 residents) within the
    // threshold; 1 is faster, so it lowers the mean time more. Before, the
    // greedy took 0 (lowest index) while the exact order took 1.
    CoverageInstance in = make({100, 50}, {kNoTime, 1000}, {{{0, 1500}}, {{0, 300}, {1, 600}}});
    const Selection g = greedy_select(in, Objective::coverage, 1);
    REQUIRE(g.sites.size() == 1);
    CHECK(g.sites[0].candidate == 1);
    CHECK(g.sites_without_gain == 0);
    CHECK(g.reachable_population == doctest::Approx(150)); // demand 1 already within, demand 0 reachable
    const Selection e = exact_max_coverage(in, 1);
    CHECK(e.sites[0].candidate == 1);
    // Two sites: the second brings nobody new within the threshold.
    const Selection g2 = greedy_select(in, Objective::coverage, 2);
    CHECK(g2.sites_without_gain == 1);
    CHECK(g2.summary.covered_after == doctest::Approx(g2.reachable_population));
}

TEST_CASE("keep_candidates: the restricted instance keeps demand, groups and lists") {
    CoverageInstance in = make({5, 7}, {kNoTime, kNoTime}, {{{0, 10}}, {{1, 20}}, {{0, 30}, {1, 40}}});
    in.group = {0, 1, 1};
    in.group_count = 2;
    const CoverageInstance k = keep_candidates(in, {0, 2});
    validate(k);
    CHECK(k.candidate_count() == 2);
    CHECK(k.group == std::vector<std::uint32_t>{0, 1});
    CHECK(k.cover_first == std::vector<std::uint32_t>{0, 1, 3});
    CHECK(k.cover_time_s == std::vector<std::uint32_t>{10, 30, 40});
    CHECK_THROWS_AS(keep_candidates(in, {2, 0}), InputError);
    CHECK_THROWS_AS(keep_candidates(in, {3}), InputError);
}
