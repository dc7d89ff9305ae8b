#include "coverage/evaluate.hpp"

#include <algorithm>

namespace maillage {

namespace {

std::vector<network::Place> places_of(const ServiceSet& services, bool mobile, std::vector<std::uint32_t>& index) {
    std::vector<network::Place> out;
    for (std::uint32_t i = 0; i < services.points.size(); ++i) {
        const auto& p = services.points[i];
        if (p.mobile != mobile) continue;
        out.push_back(network::Place{p.xy, p.lonlat, p.id});
        index.push_back(i);
    }
    return out;
}

void merge_snaps(network::SnapReport& into, const network::SnapReport& from) {
    into.places += from.places;
    into.max_snapped_m = std::max(into.max_snapped_m, from.max_snapped_m);
    for (const auto& issue : from.too_far) {
        const bool seen = std::any_of(into.too_far.begin(), into.too_far.end(), [&](const network::SnapIssue& s) {
            return s.id == issue.id && s.is_site == issue.is_site;
        });
        if (!seen) into.too_far.push_back(issue);
    }
}

} // namespace

const char* access_category(const PointCoverage& pc, std::uint32_t threshold_min) {
    const std::uint32_t limit = threshold_min * 60;
    if (pc.fixed_time_s != network::kUnreachable && pc.fixed_time_s <= limit) return "fixed";
    if (pc.mobile_time_s != network::kUnreachable && pc.mobile_time_s <= limit) return "mobile_only";
    return "none";
}

Evaluation evaluate(const Territory& t, const Demand& demand, const ServiceSet& services,
                    const network::TravelModel& model, const CoverageParams& params) {
    Evaluation e;
    e.model = model.describe();
    e.params = params;
    const std::size_t n = demand.points.size();
    e.points.resize(n);

    std::vector<network::Place> demand_places;
    demand_places.reserve(n);
    for (const auto& d : demand.points) demand_places.push_back(network::Place{d.xy, d.lonlat, d.id});

    // One multi-source search per kind of service.
    for (const bool mobile : {false, true}) {
        std::vector<std::uint32_t> index;
        const auto places = places_of(services, mobile, index);
        if (places.empty()) continue;
        network::SnapReport snaps;
        const auto nearest = model.nearest(places, demand_places, &snaps);
        merge_snaps(e.snaps, snaps);
        for (std::size_t i = 0; i < n; ++i) {
            auto& pc = e.points[i];
            const auto site = nearest.site[i];
            const auto time = nearest.time_s[i];
            if (site == kInvalid) continue;
            if (mobile) {
                pc.nearest_mobile = index[site];
                pc.mobile_time_s = time;
            } else {
                pc.nearest_fixed = index[site];
                pc.fixed_time_s = time;
            }
        }
    }
    for (auto& pc : e.points) {
        if (pc.fixed_time_s <= pc.mobile_time_s) {
            pc.nearest = pc.nearest_fixed;
            pc.time_s = pc.fixed_time_s;
        } else {
            pc.nearest = pc.nearest_mobile;
            pc.time_s = pc.mobile_time_s;
        }
    }

    // Weekly hours reachable within the service threshold: bounded searches
    // from every service point, transposed to demand -> services.
    std::vector<network::Place> all;
    std::vector<WeeklyHours> hours;
    std::vector<std::uint8_t> unknown;
    for (const auto& p : services.points) {
        all.push_back(network::Place{p.xy, p.lonlat, p.id});
        hours.push_back(p.hours.value_or(WeeklyHours{}));
        unknown.push_back(p.hours ? 0 : 1);
    }
    if (!all.empty()) {
        network::SnapReport snaps;
        const auto sets = model.coverage(all, demand_places, params.service_threshold_min * 60, &snaps);
        merge_snaps(e.snaps, snaps);
        const auto by_demand = network::transpose(sets, n);
        const auto required = static_cast<int>(params.required_hours * 60 + 0.5);
        const auto service = compute_weekly_service(by_demand.first, by_demand.demand, hours, required);
        for (std::size_t i = 0; i < n; ++i) {
            auto& pc = e.points[i];
            pc.minutes_per_week = service.minutes_per_week[i];
            pc.longest_wait_min = service.longest_wait_min[i];
            pc.meets_rule = service.meets_rule[i] != 0;
            for (auto k = by_demand.first[i]; k < by_demand.first[i + 1]; ++k)
                if (unknown[by_demand.demand[k]]) pc.hours_unknown = true;
        }
    } else {
        for (auto& pc : e.points) pc.longest_wait_min = kMinutesPerWeek;
    }

    // Aggregates. Canton rows: a point of a split commune located in one of
    // its cantons (a finer demand layer) goes to that canton; any other point
    // of a split commune becomes one row per canton with its population
    // shared by the commune's canton_share, so totals are preserved.
    const auto outside_canton = static_cast<std::uint32_t>(t.cantons.size());
    const auto outside_commune = static_cast<std::uint32_t>(t.communes.size());
    CoverageInput canton_in, commune_in;
    canton_in.group_count = outside_canton + 1;
    commune_in.group_count = outside_commune + 1;
    std::vector<double> canton_pop;
    std::vector<std::uint32_t> canton_group;
    WeeklyService canton_service, commune_service;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& d = demand.points[i];
        const auto& pc = e.points[i];
        auto push = [&](CoverageInput& in, WeeklyService& svc, double pop, std::uint32_t group) {
            in.population.push_back(pop);
            in.group.push_back(group);
            in.fixed_time_s.push_back(pc.fixed_time_s);
            in.mobile_time_s.push_back(pc.mobile_time_s);
            svc.minutes_per_week.push_back(pc.minutes_per_week);
            svc.longest_wait_min.push_back(pc.longest_wait_min);
            svc.meets_rule.push_back(pc.meets_rule ? 1 : 0);
        };
        push(commune_in, commune_service, d.population, d.commune == kInvalid ? outside_commune : d.commune);
        if (d.commune == kInvalid || t.communes[d.commune].cantons.empty()) {
            push(canton_in, canton_service, d.population, outside_canton);
        } else if (d.canton != kInvalid) {
            push(canton_in, canton_service, d.population, d.canton);
        } else {
            const auto& c = t.communes[d.commune];
            for (std::size_t j = 0; j < c.cantons.size(); ++j)
                push(canton_in, canton_service, d.population * c.canton_share[j], c.cantons[j]);
        }
    }
    e.by_canton = compute_coverage(canton_in, params.thresholds_min);
    e.by_commune = compute_coverage(commune_in, params.thresholds_min);
    e.service_by_canton =
        summarize_weekly_service(canton_in.population, canton_in.group, canton_in.group_count, canton_service);
    e.service_by_commune =
        summarize_weekly_service(commune_in.population, commune_in.group, commune_in.group_count, commune_service);
    return e;
}

} // namespace maillage
