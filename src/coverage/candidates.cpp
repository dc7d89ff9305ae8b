#include "coverage/candidates.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/vector_layer.hpp"
#include "io/demand_loader.hpp"


#include <algorithm>
#include <set>

namespace maillage {


CantonId canton_at(const Territory& t, const geo::Point& p) { return t.canton_at(p); }

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
        cand.canton = canton_at(t, d.xy);
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

std::vector<Candidate> candidates_from_layer(const Territory& t, const CandidateSource& source,
                                             const std::string& working_crs, const Logger& log) {
    geo::ReadOptions ro;
    ro.target_crs = working_crs;
    ro.fields = {source.id_field, source.name_field};
    const auto layer = geo::read_layer(source.layer, ro, log);
    if (layer.features.empty()) throw InputError(layer.source + ": candidate layer is empty (no candidates)");
    std::vector<Candidate> out;
    std::set<std::string> ids;
    for (const auto& f : layer.features) {
        Candidate c;
        c.id = std::string(trim(f.values[0].value_or("")));
        if (c.id.empty()) throw InputError(layer.where(f) + ": empty candidate id");
        if (!ids.insert(c.id).second) throw InputError(layer.where(f) + ": duplicate candidate id " + quote(c.id));
        c.name = f.values[1].value_or("");
        if (f.kind != geo::GeometryKind::point || !f.lonlat)
            throw InputError(layer.where(f) + ": candidate " + quote(c.id) + " needs a point");
        c.xy = f.point;
        c.lonlat = *f.lonlat;
        c.commune = commune_at(t, c.xy);
        c.canton = canton_at(t, c.xy);
        if (c.canton == kInvalid)
            throw InputError(layer.where(f) + ": candidate " + quote(c.id) + " " + c.name +
                             " lies outside the territory (in no canton)");
        c.source = layer.source;
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace maillage
