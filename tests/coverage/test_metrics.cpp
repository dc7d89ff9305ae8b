#include "core/error.hpp"
#include "coverage/metrics.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

using namespace maillage;

namespace {

constexpr std::uint32_t kNo = network::kUnreachable;

int at(int day, int h, int m = 0) { return day * kMinutesPerDay + h * 60 + m; }

// Three communes A, B, C (groups 0, 1, 2), two fixed sites and one bus; six
// demand points (hamlets). Times in seconds to the nearest fixed site and
// to the nearest bus stop.
CoverageInput three_communes() {
    CoverageInput in;
    in.population = {600, 400, 300, 200, 200, 100};
    in.group = {0, 0, 1, 1, 2, 2};
    in.group_count = 3;
    in.fixed_time_s = {300, 1500, 2100, 3000, kNo, 1200};
    in.mobile_time_s = {kNo, 600, 900, kNo, kNo, 2400};
    return in;
}

const std::vector<std::uint32_t> kThresholds{20, 30, 45};

// Reference lower weighted quantile for integer populations: repeat each
// time population times, sort, take element ceil(p * N / 100) (1-based).
std::optional<std::uint32_t> brute_percentile(const std::vector<std::uint32_t>& time_s,
                                              const std::vector<int>& pop, int percent) {
    std::vector<std::uint32_t> expanded;
    for (std::size_t i = 0; i < time_s.size(); ++i)
        expanded.insert(expanded.end(), static_cast<std::size_t>(pop[i]), time_s[i]);
    if (expanded.empty()) return std::nullopt;
    std::sort(expanded.begin(), expanded.end());
    const std::size_t n = expanded.size();
    const std::size_t rank = (static_cast<std::size_t>(percent) * n + 99) / 100;
    return expanded[rank - 1];
}

} // namespace

TEST_CASE("coverage: three communes, two sites, one bus, by hand") {
    const auto m = compute_coverage(three_communes(), kThresholds);
    REQUIRE(m.groups.size() == 3);
    const auto& a = m.groups[0];
    const auto& b = m.groups[1];
    const auto& c = m.groups[2];
    CHECK(a.population == 1000);
    CHECK(b.population == 500);
    CHECK(c.population == 300);
    CHECK(m.total.population == 1800);
    CHECK(c.reachable_population == 100);
    CHECK(m.total.reachable_population == 1600);

    // 20 min: hamlet 5 is exactly at 20 min of a fixed site (<= counts);
    // hamlets 1 and 2 reach only the bus; 3 and 4 reach nothing.
    const auto check = [](const ThresholdCoverage& t, double fixed, double mobile, double none) {
        CHECK(t.fixed == fixed);
        CHECK(t.mobile_only == mobile);
        CHECK(t.none == none);
        CHECK(t.within == fixed + mobile);
    };
    check(a.thresholds[0], 600, 400, 0);
    check(b.thresholds[0], 0, 300, 200);
    check(c.thresholds[0], 100, 0, 200);
    check(m.total.thresholds[0], 700, 700, 400);
    CHECK(b.thresholds[0].share_within == doctest::Approx(0.6));
    CHECK(c.thresholds[0].share_within == doctest::Approx(1.0 / 3));
    // 30 min: hamlet 1 now has its fixed site (25 min); hamlet 2 still only the bus.
    check(a.thresholds[1], 1000, 0, 0);
    check(b.thresholds[1], 0, 300, 200);
    check(m.total.thresholds[1], 1100, 300, 400);
    // 45 min: hamlet 2 reaches a fixed site (35 min); hamlet 3 (50 min) does not.
    check(b.thresholds[2], 300, 0, 200);
    check(m.total.thresholds[2], 1400, 0, 400);
    CHECK(m.total.thresholds[2].threshold_min == 45);

    // Means over reachable people only.
    CHECK(*a.mean_time_s == doctest::Approx((600 * 300 + 400 * 600) / 1000.0));
    CHECK(*b.mean_time_s == doctest::Approx((300 * 900 + 200 * 3000) / 500.0));
    CHECK(*c.mean_time_s == doctest::Approx(1200));
    CHECK(*m.total.mean_time_s == doctest::Approx(1410000.0 / 1600));

    // Lower weighted percentiles, unreachable = +infinity.
    CHECK(a.median_time_s == 300u);  // 600 of 1000 people within 300 s
    CHECK(a.p90_time_s == 600u);
    CHECK(b.median_time_s == 900u);
    CHECK(b.p90_time_s == 3000u);
    CHECK(c.median_time_s == network::kUnreachable);  // 200 of 300 cannot reach anything
    CHECK(c.p90_time_s == network::kUnreachable);
    CHECK(m.total.median_time_s == 600u);  // cumulative 600, 1000 >= 900
    CHECK(m.total.p90_time_s == network::kUnreachable);  // 1600 < 0.9 * 1800
}

TEST_CASE("coverage: empty group, no thresholds, custom unreachable value") {
    CoverageInput in;
    in.population = {10, 0};
    in.group = {1, 1};
    in.group_count = 3;
    in.fixed_time_s = {1000, 50};
    in.mobile_time_s = {999, 999};
    in.unreachable_s = 999;  // times >= 999 are unreachable
    const auto m = compute_coverage(in, {});
    CHECK(m.groups[0].population == 0);
    CHECK_FALSE(m.groups[0].mean_time_s);
    CHECK_FALSE(m.groups[0].median_time_s);
    CHECK_FALSE(m.groups[2].p90_time_s);
    CHECK(m.groups[1].population == 10);
    CHECK(m.groups[1].reachable_population == 0);  // the point with a time has no people
    CHECK_FALSE(m.groups[1].mean_time_s);
    CHECK(m.groups[1].median_time_s == network::kUnreachable);
    CHECK(m.total.thresholds.empty());
}

TEST_CASE("coverage: bad inputs") {
    auto in = three_communes();
    in.group[2] = 3;
    CHECK_THROWS_AS(compute_coverage(in, kThresholds), std::invalid_argument);
    in = three_communes();
    in.mobile_time_s.pop_back();
    CHECK_THROWS_AS(compute_coverage(in, kThresholds), std::invalid_argument);
    in = three_communes();
    in.population[4] = -1;
    CHECK_THROWS_WITH_AS(compute_coverage(in, kThresholds), doctest::Contains("demand point 4"),
                         InputError);
    in.population[4] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(compute_coverage(in, kThresholds), InputError);
}

TEST_CASE("weighted percentile: the lower quantile at exact ties") {
    const std::vector<std::uint32_t> t{20, 10};
    const std::vector<double> w{1, 1};
    CHECK(weighted_percentile(t, w, 50) == 10u);   // exactly half reached at 10
    CHECK(weighted_percentile(t, w, 51) == 20u);
    CHECK(weighted_percentile(t, w, 100) == 20u);
    const std::vector<double> zero{0, 0};
    CHECK_FALSE(weighted_percentile(t, zero, 50));
    CHECK_THROWS_AS(weighted_percentile(t, w, 0), std::invalid_argument);
    // A zero-weight point never becomes the answer.
    CHECK(weighted_percentile(std::vector<std::uint32_t>{5, 7}, std::vector<double>{0, 3}, 1) == 7u);
}

TEST_CASE("coverage property: categories partition the population, percentiles match brute force") {
    std::mt19937 rng(35);
    for (int trial = 0; trial < 200; ++trial) {
        CAPTURE(trial);
        const int n = std::uniform_int_distribution<int>(0, 40)(rng);
        const std::uint32_t groups = std::uniform_int_distribution<std::uint32_t>(1, 5)(rng);
        std::uniform_int_distribution<int> pop_d(0, 6), group_d(0, static_cast<int>(groups) - 1);
        // Few distinct times so that ties and threshold boundaries happen.
        std::uniform_int_distribution<int> time_d(0, 12);
        const auto random_time = [&] {
            const int k = time_d(rng);
            return k == 12 ? kNo : static_cast<std::uint32_t>(k * 300);
        };
        CoverageInput in;
        in.group_count = groups;
        std::vector<int> pop;
        for (int i = 0; i < n; ++i) {
            pop.push_back(pop_d(rng));
            in.population.push_back(pop.back());
            in.group.push_back(static_cast<std::uint32_t>(group_d(rng)));
            in.fixed_time_s.push_back(random_time());
            in.mobile_time_s.push_back(random_time());
        }
        const std::vector<std::uint32_t> thresholds{10, 20, 30, 45, 60};
        const auto m = compute_coverage(in, thresholds);

        double total_pop = 0;
        for (const auto p : pop) total_pop += p;
        CHECK(m.total.population == total_pop);
        for (std::size_t k = 0; k < thresholds.size(); ++k) {
            double sum_groups = 0;
            for (const auto& g : m.groups) {
                const auto& t = g.thresholds[k];
                // Integer populations: the partition is exact.
                CHECK(t.fixed + t.mobile_only + t.none == g.population);
                CHECK(t.within == t.fixed + t.mobile_only);
                if (k > 0) CHECK(t.within >= g.thresholds[k - 1].within);
                sum_groups += t.none;
            }
            CHECK(sum_groups == m.total.thresholds[k].none);
            const auto& t = m.total.thresholds[k];
            CHECK(t.fixed + t.mobile_only + t.none == total_pop);
        }

        for (std::uint32_t g = 0; g <= groups; ++g) {
            // g == groups stands for the total.
            std::vector<std::uint32_t> times;
            std::vector<int> pops;
            double weighted = 0, reachable = 0;
            for (int i = 0; i < n; ++i) {
                if (g < groups && in.group[static_cast<std::size_t>(i)] != g) continue;
                const auto t = std::min(in.fixed_time_s[static_cast<std::size_t>(i)],
                                        in.mobile_time_s[static_cast<std::size_t>(i)]);
                times.push_back(t);
                pops.push_back(pop[static_cast<std::size_t>(i)]);
                if (t != kNo) {
                    weighted += static_cast<double>(t) * pops.back();
                    reachable += pops.back();
                }
            }
            const auto& got = g < groups ? m.groups[g] : m.total;
            CAPTURE(g);
            CHECK(got.median_time_s == brute_percentile(times, pops, 50));
            CHECK(got.p90_time_s == brute_percentile(times, pops, 90));
            CHECK(got.reachable_population == reachable);
            if (reachable > 0)
                CHECK(*got.mean_time_s == doctest::Approx(weighted / reachable));
            else
                CHECK_FALSE(got.mean_time_s);
            const int percent = std::uniform_int_distribution<int>(1, 100)(rng);
            const std::vector<double> w(pops.begin(), pops.end());
            CHECK(weighted_percentile(times, w, percent) == brute_percentile(times, pops, percent));
        }
    }
}

TEST_CASE("coverage property: with fractional weights the categories still partition") {
    // A commune split between cantons contributes weighted shares of a point.
    std::mt19937 rng(2021);
    std::uniform_real_distribution<double> share(0.0, 1.0);
    std::uniform_int_distribution<int> time_d(0, 8);
    for (int trial = 0; trial < 100; ++trial) {
        CoverageInput in;
        in.group_count = 4;
        for (int i = 0; i < 50; ++i) {
            in.population.push_back(share(rng) * 1234.5);
            in.group.push_back(static_cast<std::uint32_t>(i % 4));
            const int f = time_d(rng), b = time_d(rng);
            in.fixed_time_s.push_back(f == 8 ? kNo : static_cast<std::uint32_t>(f * 450));
            in.mobile_time_s.push_back(b == 8 ? kNo : static_cast<std::uint32_t>(b * 450));
        }
        const auto m = compute_coverage(in, kThresholds);
        const double total = std::accumulate(in.population.begin(), in.population.end(), 0.0);
        CHECK(m.total.population == doctest::Approx(total));
        for (std::size_t k = 0; k < kThresholds.size(); ++k) {
            for (const auto& g : m.groups) {
                const auto& t = g.thresholds[k];
                CHECK(t.fixed + t.mobile_only + t.none == doctest::Approx(g.population));
            }
            const auto& t = m.total.thresholds[k];
            CHECK(t.fixed + t.mobile_only + t.none == doctest::Approx(total));
        }
    }
}

TEST_CASE("weekly service: union of reachable hours, wait and the 24 h rule, by hand") {
    // Site 0 (fixed, A): Mon-Fri 9-12. Site 1 (fixed, B): Mon-Fri 11-14.
    // Stop 2 (bus, C): Saturday 9-12.
    std::vector<WeeklyHours> hours(3);
    std::vector<MinuteInterval> s0, s1;
    for (int d = 0; d < 5; ++d) {
        s0.push_back({at(d, 9), at(d, 12)});
        s1.push_back({at(d, 11), at(d, 14)});
    }
    hours[0] = normalized(s0);
    hours[1] = normalized(s1);
    hours[2] = normalized({{at(5, 9), at(5, 12)}});
    // Points reach {0}, {0,1}, {1,2}, {}, {0,1,2}.
    const std::vector<std::uint32_t> first{0, 1, 3, 5, 5, 8};
    const std::vector<std::uint32_t> ids{0, 0, 1, 1, 2, 2, 0, 1};
    const auto s = compute_weekly_service(first, ids, hours);
    // 15 h; 25 h (9-14 each day, not 30 h); 18 h; nothing; 28 h.
    CHECK(s.minutes_per_week == std::vector<int>{15 * 60, 25 * 60, 18 * 60, 0, 28 * 60});
    CHECK(s.meets_rule == std::vector<std::uint8_t>{0, 1, 0, 0, 1});
    // Fri 12:00 -> Mon 9:00; Fri 14:00 -> Mon 9:00; Sat 12:00 -> Mon 11:00;
    // never; Sat 12:00 -> Mon 9:00.
    CHECK(s.longest_wait_min ==
          std::vector<int>{69 * 60, 67 * 60, 47 * 60, kMinutesPerWeek, 45 * 60});
    CHECK(compute_weekly_service(first, ids, hours, 15 * 60).meets_rule ==
          std::vector<std::uint8_t>{1, 1, 1, 0, 1});
    // Points 0-1 in commune A (100 and 300 people), 2-4 in B (50, 25, 25).
    const std::vector<double> pop{100, 300, 50, 25, 25};
    const std::vector<std::uint32_t> group{0, 0, 1, 1, 1};
    const auto sum = summarize_weekly_service(pop, group, 2, s);
    CHECK(sum.groups[0].population == 400);
    CHECK(sum.groups[0].meets_rule == 300);
    CHECK(sum.groups[0].no_service == 0);
    CHECK(*sum.groups[0].mean_minutes_per_week == doctest::Approx((100 * 900 + 300 * 1500) / 400.0));
    CHECK(sum.groups[1].meets_rule == 25);
    CHECK(sum.groups[1].no_service == 25);
    CHECK(*sum.groups[1].mean_minutes_per_week == doctest::Approx((50 * 1080 + 25 * 1680) / 100.0));
    CHECK(sum.total.population == 500);
    CHECK(sum.total.meets_rule == 325);
    CHECK_THROWS_AS(summarize_weekly_service(pop, group, 1, s), std::invalid_argument);

    CHECK_THROWS_AS(compute_weekly_service(std::vector<std::uint32_t>{0, 2}, ids, hours),
                    std::invalid_argument);
    CHECK_THROWS_AS(compute_weekly_service(std::vector<std::uint32_t>{0, 1},
                                           std::vector<std::uint32_t>{3}, hours),
                    std::invalid_argument);
}
