#include "coverage/metrics.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace maillage {

namespace {

// Lower weighted quantiles for several percents over points already sorted
// by time. Total weight is summed in the same order as the running sum so
// that the last point always reaches 100 %.
template <typename TimeAt, typename WeightAt>
void lower_quantiles(std::size_t n, TimeAt time_at, WeightAt weight_at,
                     std::span<const int> percents, std::span<std::optional<std::uint32_t>> out) {
    double total = 0;
    for (std::size_t k = 0; k < n; ++k) total += weight_at(k);
    for (auto& o : out) o.reset();
    if (!(total > 0)) return;
    double cum = 0;
    std::size_t next = 0;  // percents must be increasing
    for (std::size_t k = 0; k < n && next < percents.size(); ++k) {
        cum += weight_at(k);
        while (next < percents.size() && 100.0 * cum >= percents[next] * total) {
            out[next] = time_at(k);
            ++next;
        }
    }
}

void check_points(const char* who, std::span<const double> population,
                  std::span<const std::uint32_t> group, std::uint32_t group_count) {
    for (std::size_t i = 0; i < population.size(); ++i) {
        if (group[i] >= group_count)
            throw std::invalid_argument(std::string(who) + ": demand point " + std::to_string(i) +
                                        ": group " + std::to_string(group[i]) +
                                        " >= group_count " + std::to_string(group_count));
        if (!std::isfinite(population[i]) || population[i] < 0)
            throw InputError("coverage: demand point " + std::to_string(i) + ": population " +
                             std::to_string(population[i]) +
                             " is not a finite non-negative number");
    }
}

std::uint32_t clamp_unreachable(std::uint32_t t, std::uint32_t unreachable_s) {
    return t >= unreachable_s ? network::kUnreachable : t;
}

} // namespace

std::optional<std::uint32_t> weighted_percentile(std::span<const std::uint32_t> time_s,
                                                 std::span<const double> weight, int percent,
                                                 std::uint32_t unreachable_s) {
    if (time_s.size() != weight.size())
        throw std::invalid_argument("weighted_percentile: time_s and weight differ in size");
    if (percent <= 0 || percent > 100)
        throw std::invalid_argument("weighted_percentile: percent must be in (0, 100]");
    std::vector<std::uint32_t> order(time_s.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return clamp_unreachable(time_s[a], unreachable_s) <
               clamp_unreachable(time_s[b], unreachable_s);
    });
    std::optional<std::uint32_t> result;
    const int percents[] = {percent};
    lower_quantiles(
        order.size(), [&](std::size_t k) { return clamp_unreachable(time_s[order[k]], unreachable_s); },
        [&](std::size_t k) { return weight[order[k]]; }, percents,
        std::span<std::optional<std::uint32_t>>(&result, 1));
    return result;
}

CoverageMetrics compute_coverage(const CoverageInput& in,
                                 std::span<const std::uint32_t> thresholds_min) {
    const std::size_t n = in.population.size();
    if (in.group.size() != n || in.fixed_time_s.size() != n || in.mobile_time_s.size() != n)
        throw std::invalid_argument("compute_coverage: population, group, fixed_time_s and "
                                    "mobile_time_s must have one entry per demand point");
    check_points("compute_coverage", in.population, in.group, in.group_count);

    const auto time_of = [&](std::size_t i) {
        return clamp_unreachable(std::min(in.fixed_time_s[i], in.mobile_time_s[i]),
                                 in.unreachable_s);
    };

    CoverageMetrics out;
    auto init = [&](GroupCoverage& g) {
        g.thresholds.resize(thresholds_min.size());
        for (std::size_t t = 0; t < thresholds_min.size(); ++t)
            g.thresholds[t].threshold_min = thresholds_min[t];
    };
    out.groups.resize(in.group_count);
    for (auto& g : out.groups) init(g);
    init(out.total);

    std::vector<double> weighted_time(in.group_count, 0.0);
    double total_weighted_time = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double pop = in.population[i];
        auto& g = out.groups[in.group[i]];
        g.population += pop;
        out.total.population += pop;
        const auto t = time_of(i);
        if (t != network::kUnreachable) {
            g.reachable_population += pop;
            out.total.reachable_population += pop;
            weighted_time[in.group[i]] += pop * t;
            total_weighted_time += pop * t;
        }
        const bool fixed_ok = in.fixed_time_s[i] < in.unreachable_s;
        const bool mobile_ok = in.mobile_time_s[i] < in.unreachable_s;
        for (std::size_t k = 0; k < thresholds_min.size(); ++k) {
            const std::uint64_t limit_s = std::uint64_t{thresholds_min[k]} * 60;
            double ThresholdCoverage::*slot = &ThresholdCoverage::none;
            if (fixed_ok && in.fixed_time_s[i] <= limit_s)
                slot = &ThresholdCoverage::fixed;
            else if (mobile_ok && in.mobile_time_s[i] <= limit_s)
                slot = &ThresholdCoverage::mobile_only;
            g.thresholds[k].*slot += pop;
            out.total.thresholds[k].*slot += pop;
        }
    }

    auto finish = [](GroupCoverage& g, double weighted) {
        if (g.reachable_population > 0) g.mean_time_s = weighted / g.reachable_population;
        for (auto& t : g.thresholds) {
            t.within = t.fixed + t.mobile_only;
            t.share_within = g.population > 0 ? t.within / g.population : 0.0;
        }
    };
    for (std::uint32_t gi = 0; gi < in.group_count; ++gi) finish(out.groups[gi], weighted_time[gi]);
    finish(out.total, total_weighted_time);

    // Percentiles: one sort by (group, time) serves every group; the total
    // needs its own order by time alone.
    static constexpr int kPercents[] = {50, 90};
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto ta = time_of(a), tb = time_of(b);
        return in.group[a] != in.group[b] ? in.group[a] < in.group[b] : (ta != tb ? ta < tb : a < b);
    });
    std::optional<std::uint32_t> q[2];
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin;
        while (end < n && in.group[order[end]] == in.group[order[begin]]) ++end;
        lower_quantiles(
            end - begin, [&](std::size_t k) { return time_of(order[begin + k]); },
            [&](std::size_t k) { return in.population[order[begin + k]]; }, kPercents, q);
        auto& g = out.groups[in.group[order[begin]]];
        g.median_time_s = q[0];
        g.p90_time_s = q[1];
        begin = end;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto ta = time_of(a), tb = time_of(b);
        return ta != tb ? ta < tb : a < b;
    });
    lower_quantiles(
        n, [&](std::size_t k) { return time_of(order[k]); },
        [&](std::size_t k) { return in.population[order[k]]; }, kPercents, q);
    out.total.median_time_s = q[0];
    out.total.p90_time_s = q[1];
    return out;
}

WeeklyService compute_weekly_service(std::span<const std::uint32_t> first,
                                     std::span<const std::uint32_t> ids,
                                     std::span<const WeeklyHours> hours, int required_min) {
    if (first.empty() || first.front() != 0 || first.back() != ids.size() ||
        !std::is_sorted(first.begin(), first.end()))
        throw std::invalid_argument("compute_weekly_service: first must start at 0, never "
                                    "decrease and end at ids.size()");
    for (const auto id : ids)
        if (id >= hours.size())
            throw std::invalid_argument("compute_weekly_service: site/stop id " +
                                        std::to_string(id) + " >= hours.size()");
    const std::size_t points = first.size() - 1;
    WeeklyService out;
    out.minutes_per_week.resize(points);
    out.longest_wait_min.resize(points);
    out.meets_rule.resize(points);
    for (std::size_t i = 0; i < points; ++i) {
        const auto reachable = union_of(hours, ids.subspan(first[i], first[i + 1] - first[i]));
        out.minutes_per_week[i] = total_minutes(reachable);
        out.longest_wait_min[i] = longest_wait_min(reachable);
        out.meets_rule[i] = out.minutes_per_week[i] >= required_min ? 1 : 0;
    }
    return out;
}

ServiceSummary summarize_weekly_service(std::span<const double> population,
                                        std::span<const std::uint32_t> group,
                                        std::uint32_t group_count, const WeeklyService& service) {
    const std::size_t n = population.size();
    if (group.size() != n || service.minutes_per_week.size() != n ||
        service.meets_rule.size() != n)
        throw std::invalid_argument("summarize_weekly_service: population, group and service "
                                    "must have one entry per demand point");
    check_points("summarize_weekly_service", population, group, group_count);
    ServiceSummary out;
    out.groups.resize(group_count);
    std::vector<double> weighted(group_count, 0.0);
    double total_weighted = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double pop = population[i];
        const double minutes = service.minutes_per_week[i];
        for (GroupService* g : {&out.groups[group[i]], &out.total}) {
            g->population += pop;
            if (service.meets_rule[i]) g->meets_rule += pop;
            if (service.minutes_per_week[i] == 0) g->no_service += pop;
        }
        weighted[group[i]] += pop * minutes;
        total_weighted += pop * minutes;
    }
    for (std::uint32_t g = 0; g < group_count; ++g)
        if (out.groups[g].population > 0)
            out.groups[g].mean_minutes_per_week = weighted[g] / out.groups[g].population;
    if (out.total.population > 0) out.total.mean_minutes_per_week = total_weighted / out.total.population;
    return out;
}

} // namespace maillage
