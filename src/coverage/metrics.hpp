#pragma once
/// Coverage metrics on plain vectors: per group (commune, canton...) and for
/// the whole territory, population within travel-time thresholds, coverage
/// categories, population-weighted time statistics; and the weekly hours of
/// service each demand point can reach.
///
/// Conventions (shared by every function here):
/// - A point is within a threshold of T minutes when its time_s <= 60 * T.
/// - A point is unreachable when its time is >= CoverageInput::unreachable_s.
///   Unreachable points count in `population` and beyond every threshold;
///   they are left out of the mean (reachable_population says of how many);
///   they count as +infinity in the percentiles, so a median that falls on
///   them is network::kUnreachable (the default "cannot be reached" time).
/// - Weighted percentile p (in percent, 0 < p <= 100), the *lower weighted
///   quantile*: sort points by time; W = total population of the set; the
///   result is the smallest time t such that the population with time <= t
///   is at least p% of W (tested as 100 * cum >= p * W, exact for integer
///   populations). It is always one of the input times. With integer
///   populations it equals element ceil(p * W / 100) (1-based) of the list
///   where each point is repeated population times.

#include "model/week.hpp"
#include "network/travel_model.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace maillage {

/// Per demand point inputs. All vectors have one entry per point.
struct CoverageInput {
    std::vector<double> population;       ///< >= 0, finite (integer or weighted)
    std::vector<std::uint32_t> group;     ///< group index < group_count
    std::uint32_t group_count = 0;
    /// Time to the nearest fixed site or multi-site office (seconds).
    std::vector<std::uint32_t> fixed_time_s;
    /// Time to the nearest bus or itinerant stop (seconds).
    std::vector<std::uint32_t> mobile_time_s;
    /// Times >= this value mean "unreachable".
    std::uint32_t unreachable_s = network::kUnreachable;
};

/// Population of one group for one threshold. fixed + mobile_only + none =
/// population exactly (same additions); within = fixed + mobile_only.
struct ThresholdCoverage {
    std::uint32_t threshold_min = 0;
    double within = 0;       ///< nearest service of any kind within threshold
    double fixed = 0;        ///< a fixed or multi-site office within threshold
    double mobile_only = 0;  ///< only a bus/itinerant stop within threshold
    double none = 0;         ///< nothing within threshold (= people beyond it)
    double share_within = 0; ///< within / population; 0 if population is 0
};

/// Metrics of one group (or of the whole territory). The time of a point is
/// min(fixed_time_s, mobile_time_s): its nearest service of any kind.
struct GroupCoverage {
    double population = 0;
    double reachable_population = 0;           ///< population with a finite time
    std::optional<double> mean_time_s;         ///< over reachable points; nullopt if none
    std::optional<std::uint32_t> median_time_s;  ///< p50; nullopt if population is 0
    std::optional<std::uint32_t> p90_time_s;     ///< p90; network::kUnreachable possible
    std::vector<ThresholdCoverage> thresholds;   ///< in the order given
};

struct CoverageMetrics {
    std::vector<GroupCoverage> groups;  ///< index = group id
    GroupCoverage total;                ///< all points together
};

/// Computes the metrics of every group and of the total. O(n log n).
/// Throws std::invalid_argument on vectors of different sizes or a group id
/// >= group_count, InputError on a negative or non-finite population.
CoverageMetrics compute_coverage(const CoverageInput& input,
                                 std::span<const std::uint32_t> thresholds_min);

/// Lower weighted quantile (see the file comment) of `time_s` weighted by
/// `weight`, for percent in (0, 100]. Times >= unreachable_s are returned as
/// network::kUnreachable. nullopt if the total weight is 0. O(n log n).
std::optional<std::uint32_t> weighted_percentile(std::span<const std::uint32_t> time_s,
                                                 std::span<const double> weight, int percent,
                                                 std::uint32_t unreachable_s = network::kUnreachable);

/// Weekly service reachable from each demand point.
struct WeeklyService {
    std::vector<int> minutes_per_week;   ///< union of reachable opening hours
    std::vector<int> longest_wait_min;   ///< see longest_wait_min(); kMinutesPerWeek if none
    std::vector<std::uint8_t> meets_rule;  ///< 1 if minutes_per_week >= required
};

/// For each point i, the sites/stops reachable within the threshold are
/// `ids[first[i] .. first[i+1])` (CSR, first.size() = points + 1) and
/// `hours[id]` their opening hours or visits. Overlapping hours of several
/// sites count once. `required_min` is the weekly minimum (24 h = 1440 min).
/// Throws std::invalid_argument on a malformed CSR or an id >= hours.size().
WeeklyService compute_weekly_service(std::span<const std::uint32_t> first,
                                     std::span<const std::uint32_t> ids,
                                     std::span<const WeeklyHours> hours,
                                     int required_min = 24 * 60);

/// Weekly service of one group (or the whole territory), population-weighted.
/// meets_rule + (population - meets_rule) = population; no_service is the
/// part of the latter that reaches no hours at all.
struct GroupService {
    double population = 0;
    double meets_rule = 0;   ///< population whose reachable hours meet the rule
    double no_service = 0;   ///< population reaching 0 minutes a week
    std::optional<double> mean_minutes_per_week;  ///< nullopt if population is 0
};

struct ServiceSummary {
    std::vector<GroupService> groups;  ///< index = group id
    GroupService total;
};

/// Sums a WeeklyService per group with the population of each point (same
/// conventions as CoverageInput). O(n). Throws std::invalid_argument on
/// sizes that differ or a group id >= group_count, InputError on a negative
/// or non-finite population.
ServiceSummary summarize_weekly_service(std::span<const double> population,
                                        std::span<const std::uint32_t> group,
                                        std::uint32_t group_count, const WeeklyService& service);

} // namespace maillage
