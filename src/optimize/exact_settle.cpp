#include "optimize/exact_settle.hpp"

namespace maillage::optimize::detail {

void settle_ties(const CoverageInstance& in, const QuotaRules& rules, std::uint32_t k,
                 std::vector<std::uint32_t>& chosen, std::optional<GainBounds>& bounds) {
    const std::uint32_t candidate_count = in.candidate_count();
    std::vector<std::uint8_t> taken(candidate_count, 0);
    std::vector<std::uint32_t> sites_in_group(in.group_count, 0);
    auto count = [&](std::uint32_t c, int delta) {
        taken[c] = delta > 0;
        if (in.group[c] != kInvalid)
            sites_in_group[in.group[c]] += static_cast<std::uint32_t>(delta);
    };
    for (std::uint32_t c : chosen) count(c, 1);
    // Largest coverage gain, then largest mean-time gain, then lowest index.
    auto best_of = [&](const TimeState& times, const auto& allowed) {
        if (!bounds) bounds.emplace(in);
        return best_gains_pick(times, *bounds, allowed);
    };
    auto cap_ok = [&](std::uint32_t c) {
        const std::uint32_t g = in.group[c];
        return g == kInvalid || rules.cap == 0 || sites_in_group[g] < rules.cap;
    };
    while (chosen.size() < k) {
        TimeState times(in);
        for (std::uint32_t c : chosen) times.add(c);
        std::size_t unmet = 0;
        for (std::uint32_t g : rules.required_list) unmet += sites_in_group[g] == 0;
        const bool forced = unmet > 0 && k - chosen.size() == unmet;
        const std::uint32_t c = best_of(times, [&](std::uint32_t x) {
            const std::uint32_t g = in.group[x];
            if (taken[x] || !cap_ok(x)) return false;
            return !forced || (g != kInvalid && rules.required[g] && sites_in_group[g] == 0);
        });
        if (c == kInvalid) break;
        chosen.push_back(c);
        count(c, 1);
    }
    // Passes until nothing changes: each change lowers the weighted time of
    // the territory or of the group's own residents (or, at equal time, the
    // index); 20 passes bound the cost.
    for (int pass = 0; pass < 20; ++pass) {
        bool changed = false;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const std::uint32_t site = chosen[i];
            TimeState others(in); // every chosen site but this one
            for (std::uint32_t c : chosen)
                if (c != site) others.add(c);
            if (others.coverage_gain(site) > 0) continue;
            count(site, -1);
            const std::uint32_t g = in.group[site];
            const bool keep_group = g != kInvalid && rules.required[g] && sites_in_group[g] == 0;
            const std::function<bool(std::uint32_t)> ok = [&](std::uint32_t x) {
                return !taken[x] && cap_ok(x) && (!keep_group || in.group[x] == g);
            };
            // The only site of a required group: the group's candidate with
            // the largest coverage gain (so the optimum stays), then the
            // smallest time of the group's own residents (group_pick).
            const std::uint32_t c = keep_group ? group_pick(in, others, g, ok) : best_of(others, ok);
            chosen[i] = c; // the site itself is allowed: never kInvalid
            count(c, 1);
            changed = changed || c != site;
        }
        if (!changed) break;
    }
}

} // namespace maillage::optimize::detail
