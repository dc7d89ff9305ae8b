#include "model/week.hpp"

#include <algorithm>
#include <cassert>

namespace maillage {

bool is_normalized(const WeeklyHours& hours) {
    int previous_end = -1;
    for (const auto& iv : hours.intervals) {
        if (iv.start_min < 0 || iv.end_min > kMinutesPerWeek || iv.start_min >= iv.end_min)
            return false;
        // `>=` rather than `>`: touching intervals must have been merged.
        if (previous_end >= iv.start_min) return false;
        previous_end = iv.end_min;
    }
    return true;
}

WeeklyHours normalized(std::vector<MinuteInterval> intervals) {
    std::sort(intervals.begin(), intervals.end(), [](const auto& a, const auto& b) {
        return a.start_min < b.start_min || (a.start_min == b.start_min && a.end_min < b.end_min);
    });
    WeeklyHours out;
    for (const auto& iv : intervals) {
        assert(0 <= iv.start_min && iv.start_min < iv.end_min && iv.end_min <= kMinutesPerWeek);
        if (!out.intervals.empty() && iv.start_min <= out.intervals.back().end_min) {
            out.intervals.back().end_min = std::max(out.intervals.back().end_min, iv.end_min);
        } else {
            out.intervals.push_back(iv);
        }
    }
    return out;
}

int total_minutes(const WeeklyHours& hours) {
    int total = 0;
    for (const auto& iv : hours.intervals) total += iv.end_min - iv.start_min;
    return total;
}

WeeklyHours union_of(std::span<const WeeklyHours> all) {
    std::vector<MinuteInterval> intervals;
    for (const auto& h : all) intervals.insert(intervals.end(), h.intervals.begin(), h.intervals.end());
    return normalized(std::move(intervals));
}

WeeklyHours union_of(std::span<const WeeklyHours> hours, std::span<const std::uint32_t> ids) {
    std::vector<MinuteInterval> intervals;
    for (const auto id : ids) {
        assert(id < hours.size());
        const auto& h = hours[id];
        intervals.insert(intervals.end(), h.intervals.begin(), h.intervals.end());
    }
    return normalized(std::move(intervals));
}

int longest_wait_min(const WeeklyHours& hours) {
    assert(is_normalized(hours));
    const auto& iv = hours.intervals;
    if (iv.empty()) return kMinutesPerWeek;
    // The gap that wraps from the last closing to the first opening next week.
    int longest = iv.front().start_min + (kMinutesPerWeek - iv.back().end_min);
    for (std::size_t i = 1; i < iv.size(); ++i)
        longest = std::max(longest, iv[i].start_min - iv[i - 1].end_min);
    return longest;
}

} // namespace maillage
