#include "coverage/candidates.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace maillage {

std::vector<Candidate> candidates_from_communes(const Territory& t, const std::vector<CantonId>& cantons,
                                                const Date& as_of, const std::vector<std::string>& only_communes) {
    const std::set<CantonId> wanted(cantons.begin(), cantons.end());
    const std::set<std::string> only(only_communes.begin(), only_communes.end());
    std::set<CommuneId> hosting;
    for (const auto& s : t.sites)
        if (s.open_at(as_of) && s.commune != kInvalid) hosting.insert(s.commune);
    std::vector<Candidate> out;
    for (CommuneId i = 0; i < t.communes.size(); ++i) {
        const auto& c = t.communes[i];
        if (hosting.count(i) || c.seat_kind.empty()) continue;
        if (!only.empty() && !only.count(c.code)) continue;
        if (std::none_of(c.cantons.begin(), c.cantons.end(), [&](CantonId k) { return wanted.count(k) > 0; }))
            continue;
        Candidate cand;
        cand.id = c.code;
        cand.name = c.name;
        cand.xy = c.seat;
        cand.lonlat = c.seat_lonlat;
        cand.commune = i;
        cand.canton = t.canton_at(c.seat);
        if (cand.canton == kInvalid) cand.canton = c.cantons.empty() ? kInvalid : c.cantons.front();
        // A split commune's town hall stands in one canton only; it is a
        // candidate for the wanted canton only if it stands there.
        if (!wanted.count(cand.canton)) continue;
        cand.source = c.seat_kind;
        out.push_back(std::move(cand));
    }
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
    return out;
}

InstanceBuild build_instance(const Territory& t, const Demand& demand, const Evaluation& existing,
                             const std::vector<Candidate>& candidates, const network::TravelModel& model,
                             std::uint32_t threshold_min, std::size_t max_pairs, network::SnapReport* snaps) {
    InstanceBuild out;
    optimize::CoverageInstance& in = out.instance;
    in.threshold_s = threshold_min * 60;
    in.time_cap_s = std::max(2 * in.threshold_s, 3600u);
    const std::size_t nd = demand.points.size();
    in.weight.reserve(nd);
    in.base_time_s.reserve(nd);
    // A pair no faster than the nearest existing site (or than the cap, for
    // a point no site reaches) changes no objective: left out.
    std::vector<std::uint32_t> faster_than(nd);
    for (std::size_t i = 0; i < nd; ++i) {
        in.weight.push_back(demand.points[i].population);
        const auto time = existing.points[i].time_s;
        in.base_time_s.push_back(time == network::kUnreachable ? optimize::kNoTime : time);
        faster_than[i] = std::min(in.base_time_s.back(), in.time_cap_s);
    }
    in.group_count = static_cast<std::uint32_t>(t.cantons.size());
    for (const auto& c : t.cantons) in.group_name.push_back(c.code + " " + c.name);
    in.group_kind = "canton";
    // Each canton's own residents: a point placed in a canton goes wholly to
    // it, otherwise its commune's canton_share shares it.
    {
        std::vector<std::vector<std::pair<std::uint32_t, double>>> per(t.cantons.size());
        for (std::size_t i = 0; i < nd; ++i) {
            const auto& d = demand.points[i];
            const auto di = static_cast<std::uint32_t>(i);
            if (d.canton != kInvalid && d.canton < per.size()) {
                per[d.canton].emplace_back(di, d.population);
            } else if (d.commune != kInvalid) {
                const auto& c = t.communes[d.commune];
                for (std::size_t j = 0; j < c.cantons.size(); ++j) {
                    const double share = j < c.canton_share.size() ? c.canton_share[j] : 1.0 / c.cantons.size();
                    if (c.cantons[j] < per.size() && share > 0) per[c.cantons[j]].emplace_back(di, d.population * share);
                }
            }
        }
        in.group_demand_first.push_back(0);
        for (const auto& list : per) {
            for (const auto& [di, w] : list) {
                in.group_demand.push_back(di);
                in.group_demand_weight.push_back(w);
            }
            in.group_demand_first.push_back(static_cast<std::uint32_t>(in.group_demand.size()));
        }
    }
    std::vector<network::Place> sources;
    for (const auto& c : candidates) {
        in.group.push_back(c.canton);
        sources.push_back(network::Place{c.xy, c.lonlat, c.id});
    }
    if (sources.empty()) {
        in.cover_first = {0};
        return out;
    }
    std::vector<network::Place> places;
    places.reserve(nd);
    for (const auto& d : demand.points) places.push_back(network::Place{d.xy, d.lonlat, d.id});
    network::CoverageQuery query;
    query.cutoff_s = in.time_cap_s;
    query.faster_than = &faster_than;
    query.max_pairs = max_pairs;
    auto sets = model.coverage(sources, places, query, snaps);
    out.pairs_found = sets.pairs_found;
    out.complete = sets.complete;
    if (!sets.complete) {
        in.cover_first = {0};
        in.group.clear();
        return out;
    }
    in.cover_first = std::move(sets.first);
    in.cover_demand = std::move(sets.demand);
    in.cover_time_s = std::move(sets.time_s);
    return out;
}

optimize::CoverageInstance make_instance(const Territory& t, const Demand& demand, const Evaluation& existing,
                                         const std::vector<Candidate>& candidates, const network::TravelModel& model,
                                         std::uint32_t threshold_min, network::SnapReport* snaps) {
    return build_instance(t, demand, existing, candidates, model, threshold_min,
                          std::numeric_limits<std::size_t>::max(), snaps)
        .instance;
}

} // namespace maillage
