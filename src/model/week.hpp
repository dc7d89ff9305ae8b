#pragma once
/// Weekly opening hours as minute intervals of one cyclic week, Monday 00:00
/// = minute 0, Sunday 24:00 = minute 7 * 1440. Used for the opening hours of
/// fixed sites and the visits of bus or itinerant stops.

#include <cstdint>
#include <span>
#include <vector>

namespace maillage {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kDaysPerWeek = 7;
inline constexpr int kMinutesPerWeek = kDaysPerWeek * kMinutesPerDay;

/// Half-open interval [start_min, end_min) of minutes since Monday 00:00.
struct MinuteInterval {
    int start_min = 0;
    int end_min = 0;
    friend bool operator==(const MinuteInterval&, const MinuteInterval&) = default;
};

/// Opening hours over one week. Invariant (see is_normalized): intervals are
/// sorted, each non-empty, within [0, kMinutesPerWeek), and neither overlap
/// nor touch (touching intervals are merged). Empty = never open.
struct WeeklyHours {
    std::vector<MinuteInterval> intervals;
    friend bool operator==(const WeeklyHours&, const WeeklyHours&) = default;
};

/// True if `hours` satisfies the WeeklyHours invariant.
bool is_normalized(const WeeklyHours& hours);

/// Sorts and merges overlapping or touching intervals. Precondition: every
/// interval has 0 <= start_min < end_min <= kMinutesPerWeek. O(n log n).
WeeklyHours normalized(std::vector<MinuteInterval> intervals);

/// Minutes open per week (sum of interval lengths). O(n).
int total_minutes(const WeeklyHours& hours);

/// Union of several weekly hours: a minute counts once even if several sites
/// are open then. O(n log n) in the total number of intervals.
WeeklyHours union_of(std::span<const WeeklyHours> all);

/// Union of `hours[ids[k]]` for the given ids (e.g. the sites reachable from
/// one resident). Precondition: every id < hours.size().
WeeklyHours union_of(std::span<const WeeklyHours> hours, std::span<const std::uint32_t> ids);

/// Longest closed stretch of the cyclic week, in minutes: the longest a
/// resident can wait for the next opening (a gap running through Sunday
/// midnight into Monday counts as one). 0 if open all week; kMinutesPerWeek
/// if never open (the wait is unbounded; the value is a cap, not a wait).
int longest_wait_min(const WeeklyHours& hours);

} // namespace maillage
