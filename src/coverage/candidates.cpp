#include "coverage/candidates.hpp"

#include <algorithm>
#include <set>

namespace maillage {

std::vector<Candidate> candidates_from_communes(const Territory& t, const Demand& demand,
                                                const std::vector<CantonId>& cantons, const Date& as_of) {
    std::set<CantonId> wanted(cantons.begin(), cantons.end());
    std::set<CommuneId> hosting;
    for (const auto& s : t.sites)
        if (s.open_at(as_of) && s.commune != kInvalid) hosting.insert(s.commune);
    std::vector<Candidate> out;
    for (const auto& d : demand.points) {
        if (d.commune == kInvalid || hosting.count(d.commune)) continue;
        const auto& c = t.communes[d.commune];
        if (std::none_of(c.cantons.begin(), c.cantons.end(), [&](CantonId k) { return wanted.count(k) > 0; }))
            continue;
        Candidate cand;
        cand.id = c.code;
        cand.name = c.name;
        cand.xy = d.xy;
        cand.lonlat = d.lonlat;
        cand.commune = d.commune;
        cand.canton = t.canton_at(d.xy);
        if (cand.canton == kInvalid) cand.canton = c.cantons.front();
        // A split commune's town hall stands in one canton only; it is a
        // candidate for the wanted canton only if it stands there.
        if (!wanted.count(cand.canton)) continue;
        cand.source = d.placed_at;
        out.push_back(std::move(cand));
    }
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
    return out;
}

optimize::CoverageInstance make_instance(const Territory& t, const Demand& demand, const Evaluation& existing,
                                         const std::vector<Candidate>& candidates, const network::TravelModel& model,
                                         std::uint32_t threshold_min, network::SnapReport* snaps) {
    optimize::CoverageInstance in;
    in.threshold_s = threshold_min * 60;
    in.time_cap_s = std::max(2 * in.threshold_s, 3600u);
    for (std::size_t i = 0; i < demand.points.size(); ++i) {
        in.weight.push_back(demand.points[i].population);
        const auto time = existing.points[i].time_s;
        in.base_time_s.push_back(time == network::kUnreachable ? optimize::kNoTime : time);
    }
    in.group_count = static_cast<std::uint32_t>(t.cantons.size());
    for (const auto& c : t.cantons) in.group_name.push_back(c.code + " " + c.name);
    std::vector<network::Place> sources, places;
    for (const auto& c : candidates) {
        in.group.push_back(c.canton);
        sources.push_back(network::Place{c.xy, c.lonlat, c.id});
    }
    for (const auto& d : demand.points) places.push_back(network::Place{d.xy, d.lonlat, d.id});
    if (!sources.empty()) {
        auto sets = model.coverage(sources, places, in.time_cap_s, snaps);
        in.cover_first = std::move(sets.first);
        in.cover_demand = std::move(sets.demand);
        in.cover_time_s = std::move(sets.time_s);
    } else {
        in.cover_first = {0};
    }
    return in;
}

} // namespace maillage
