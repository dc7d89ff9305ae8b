#include "model/week.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

using namespace maillage;

namespace {

int at(int day, int h, int m = 0) { return day * kMinutesPerDay + h * 60 + m; }

// Reference: one flag per minute of the week.
std::vector<bool> bitmap(const std::vector<WeeklyHours>& all) {
    std::vector<bool> open(kMinutesPerWeek, false);
    for (const auto& h : all)
        for (const auto& iv : h.intervals)
            for (int m = iv.start_min; m < iv.end_min; ++m) open[static_cast<std::size_t>(m)] = true;
    return open;
}

// Reference longest wait: longest run of closed minutes around the cycle.
int brute_longest_wait(const std::vector<bool>& open) {
    if (std::none_of(open.begin(), open.end(), [](bool b) { return b; })) return kMinutesPerWeek;
    int longest = 0, run = 0;
    for (int k = 0; k < 2 * kMinutesPerWeek; ++k) {
        run = open[static_cast<std::size_t>(k % kMinutesPerWeek)] ? 0 : run + 1;
        longest = std::max(longest, run);
    }
    return longest;
}

WeeklyHours random_hours(std::mt19937& rng) {
    std::uniform_int_distribution<int> count(0, 6), start(0, kMinutesPerWeek - 1), len(1, 600);
    std::vector<MinuteInterval> ivs;
    for (int k = count(rng); k > 0; --k) {
        const int s = start(rng);
        ivs.push_back({s, std::min(kMinutesPerWeek, s + len(rng))});
    }
    return normalized(ivs);
}

} // namespace

TEST_CASE("weekly hours: totals, union and the wait around the weekend") {
    // Site A: Monday and Tuesday 9-12. Bus B: Tuesday 11-14 and Saturday 9-12.
    const WeeklyHours a = normalized({{at(0, 9), at(0, 12)}, {at(1, 9), at(1, 12)}});
    const WeeklyHours b = normalized({{at(5, 9), at(5, 12)}, {at(1, 11), at(1, 14)}});
    CHECK(total_minutes(a) == 360);
    CHECK(total_minutes(b) == 360);
    const std::vector<WeeklyHours> both{a, b};
    const auto u = union_of(both);
    CHECK(is_normalized(u));
    // Tuesday 9-14 once, not 9-12 plus 11-14: 3 + 5 + 3 hours.
    CHECK(total_minutes(u) == 11 * 60);
    CHECK(u.intervals == std::vector<MinuteInterval>{{at(0, 9), at(0, 12)},
                                                     {at(1, 9), at(1, 14)},
                                                     {at(5, 9), at(5, 12)}});
    // A alone: Tuesday 12:00 to next Monday 09:00 = 6 days - 3 hours.
    CHECK(longest_wait_min(a) == 6 * kMinutesPerDay - 3 * 60);
    // Union: Tuesday 14:00 to Saturday 09:00 = 3 days 19 hours.
    CHECK(longest_wait_min(u) == 3 * kMinutesPerDay + 19 * 60);
    const std::vector<std::uint32_t> ids{1};
    CHECK(union_of(both, ids) == b);
    CHECK(longest_wait_min(WeeklyHours{}) == kMinutesPerWeek);
    CHECK(longest_wait_min(WeeklyHours{{{0, kMinutesPerWeek}}}) == 0);
    // Open Sunday evening and Monday morning: the night is the only short gap.
    const auto wrap = normalized({{at(6, 20), kMinutesPerWeek}, {0, at(0, 1)}});
    CHECK(longest_wait_min(wrap) == at(6, 20) - at(0, 1));
}

TEST_CASE("weekly hours: normalized merges touching intervals and rejects nothing valid") {
    const auto h = normalized({{600, 700}, {100, 200}, {200, 300}, {650, 800}});
    CHECK(h.intervals == std::vector<MinuteInterval>{{100, 300}, {600, 800}});
    CHECK(is_normalized(h));
    CHECK_FALSE(is_normalized(WeeklyHours{{{100, 200}, {200, 300}}}));
    CHECK_FALSE(is_normalized(WeeklyHours{{{300, 400}, {100, 200}}}));
    CHECK_FALSE(is_normalized(WeeklyHours{{{100, 100}}}));
    CHECK_FALSE(is_normalized(WeeklyHours{{{0, kMinutesPerWeek + 1}}}));
}

TEST_CASE("weekly hours: union, totals and waits match a minute bitmap on random weeks") {
    std::mt19937 rng(20240801);
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<WeeklyHours> all;
        for (int k = std::uniform_int_distribution<int>(0, 4)(rng); k > 0; --k)
            all.push_back(random_hours(rng));
        const auto open = bitmap(all);
        const auto u = union_of(all);
        CAPTURE(trial);
        REQUIRE(is_normalized(u));
        CHECK(total_minutes(u) == std::count(open.begin(), open.end(), true));
        CHECK(bitmap({u}) == open);
        CHECK(longest_wait_min(u) == brute_longest_wait(open));
    }
}
