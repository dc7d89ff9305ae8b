#include "optimize/instance.hpp"

#include "core/error.hpp"

#include <cmath>
#include <string>

namespace maillage::optimize {

std::string CoverageInstance::group_label(std::uint32_t g) const {
    if (g == kInvalid) return "no group";
    if (!group_kind.empty() && g < group_name.size() && !group_name[g].empty()) return group_kind + " " + group_name[g];
    std::string label = "group " + std::to_string(g);
    if (g < group_name.size() && !group_name[g].empty()) label += " (" + group_name[g] + ")";
    return label;
}

std::string CoverageInstance::group_plural() const {
    return group_kind.empty() ? "groups" : group_kind + "s";
}

namespace {
[[noreturn]] void bad(const std::string& what) {
    throw InputError("coverage instance: " + what);
}
} // namespace

void validate(const CoverageInstance& in) {
    const std::size_t nd = in.weight.size();
    const std::size_t nc = in.group.size();
    if (nd == 0) bad("no demand points (expected at least one populated point)");
    if (in.base_time_s.size() != nd)
        bad("base_time_s has " + std::to_string(in.base_time_s.size()) + " entries, expected " +
            std::to_string(nd) + " (one per demand point)");
    for (std::size_t d = 0; d < nd; ++d) {
        if (!std::isfinite(in.weight[d]) || in.weight[d] < 0)
            bad("weight of demand " + std::to_string(d) + " is " + std::to_string(in.weight[d]) +
                " (expected a finite population >= 0)");
    }
    if (in.cover_first.size() != nc + 1)
        bad("cover_first has " + std::to_string(in.cover_first.size()) + " entries, expected " +
            std::to_string(nc + 1) + " (candidates + 1)");
    if (in.cover_first.front() != 0) bad("cover_first[0] is not 0");
    if (in.cover_demand.size() != in.cover_time_s.size())
        bad("cover_demand and cover_time_s differ in size");
    if (in.cover_first.back() != in.cover_demand.size())
        bad("cover_first ends at " + std::to_string(in.cover_first.back()) + ", expected " +
            std::to_string(in.cover_demand.size()) + " (the number of pairs)");
    for (std::size_t c = 0; c < nc; ++c) {
        if (in.cover_first[c + 1] < in.cover_first[c])
            bad("cover_first decreases at candidate " + std::to_string(c));
        if (in.group[c] != kInvalid && in.group[c] >= in.group_count)
            bad("candidate " + std::to_string(c) + " has group " + std::to_string(in.group[c]) +
                ", expected < group_count " + std::to_string(in.group_count) + " or kInvalid");
    }
    for (std::size_t c = 0; c < nc; ++c) {
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p) {
            if (in.cover_demand[p] >= nd)
                bad("candidate " + std::to_string(c) + " covers demand " +
                    std::to_string(in.cover_demand[p]) + ", expected < " + std::to_string(nd));
        }
    }
    if (!in.group_demand_first.empty()) {
        if (in.group_demand_first.size() != std::size_t{in.group_count} + 1)
            bad("group_demand_first has " + std::to_string(in.group_demand_first.size()) + " entries, expected " +
                std::to_string(std::size_t{in.group_count} + 1) + " (groups + 1)");
        if (in.group_demand_first.front() != 0 || in.group_demand_first.back() != in.group_demand.size() ||
            in.group_demand.size() != in.group_demand_weight.size())
            bad("group_demand_first, group_demand and group_demand_weight disagree in size");
        for (std::uint32_t g = 0; g < in.group_count; ++g) {
            if (in.group_demand_first[g + 1] < in.group_demand_first[g])
                bad("group_demand_first decreases at group " + std::to_string(g));
            for (std::uint32_t i = in.group_demand_first[g]; i < in.group_demand_first[g + 1]; ++i) {
                if (in.group_demand[i] >= nd)
                    bad("group " + std::to_string(g) + " has residents at demand " + std::to_string(in.group_demand[i]) +
                        ", expected < " + std::to_string(nd));
                if (!std::isfinite(in.group_demand_weight[i]) || in.group_demand_weight[i] < 0)
                    bad("group " + std::to_string(g) + " has " + std::to_string(in.group_demand_weight[i]) +
                        " residents at demand " + std::to_string(in.group_demand[i]) + " (expected a finite population >= 0)");
            }
        }
    } else if (!in.group_demand.empty() || !in.group_demand_weight.empty()) {
        bad("group_demand is set but group_demand_first is empty");
    }
    if (in.time_cap_s < in.threshold_s)
        bad("time_cap_s " + std::to_string(in.time_cap_s) + " is below threshold_s " +
            std::to_string(in.threshold_s));
}

CoverageInstance keep_candidates(const CoverageInstance& in, const std::vector<std::uint32_t>& kept) {
    CoverageInstance out;
    out.weight = in.weight;
    out.base_time_s = in.base_time_s;
    out.group_count = in.group_count;
    out.group_name = in.group_name;
    out.group_kind = in.group_kind;
    out.group_demand_first = in.group_demand_first;
    out.group_demand = in.group_demand;
    out.group_demand_weight = in.group_demand_weight;
    out.threshold_s = in.threshold_s;
    out.time_cap_s = in.time_cap_s;
    out.cover_first.reserve(kept.size() + 1);
    out.cover_first.push_back(0);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const std::uint32_t c = kept[i];
        if (c >= in.candidate_count() || (i > 0 && c <= kept[i - 1]))
            throw InputError("keep_candidates: candidate " + std::to_string(c) + " out of range or out of order");
        out.group.push_back(in.group[c]);
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p) {
            out.cover_demand.push_back(in.cover_demand[p]);
            out.cover_time_s.push_back(in.cover_time_s[p]);
        }
        out.cover_first.push_back(static_cast<std::uint32_t>(out.cover_demand.size()));
    }
    return out;
}

void set_cover_lists(CoverageInstance& in, const std::vector<std::vector<CoverPair>>& lists) {
    in.cover_first.assign(1, 0);
    in.cover_demand.clear();
    in.cover_time_s.clear();
    for (const auto& list : lists) {
        for (const CoverPair& p : list) {
            in.cover_demand.push_back(p.demand);
            in.cover_time_s.push_back(p.time_s);
        }
        in.cover_first.push_back(static_cast<std::uint32_t>(in.cover_demand.size()));
    }
}

} // namespace maillage::optimize
