#include "optimize/exact_reduction.hpp"

#include "core/csr.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace maillage::optimize::detail {

ReducedProblem reduce(const CoverageInstance& in) {
    const std::uint32_t demand_count = in.demand_count(), candidate_count = in.candidate_count();
    const std::uint32_t threshold_s = in.threshold_s;
    ReducedProblem r;
    r.group = in.group;
    // Demand left to cover: populated, and no existing site within the threshold.
    std::vector<std::uint8_t> open(demand_count);
    for (std::uint32_t d = 0; d < demand_count; ++d) {
        open[d] = in.base_time_s[d] > threshold_s && in.weight[d] > 0;
        if (in.base_time_s[d] <= threshold_s) r.covered_before += in.weight[d];
    }
    // The pairs that matter (within the threshold, open demand), by
    // candidate: one pass over all pairs, the later ones over these only.
    std::vector<std::uint32_t> kept_demand(in.cover_demand.size());
    std::vector<std::uint32_t> kept_first(candidate_count + 1, 0);
    std::size_t kept = 0;
    for (std::uint32_t c = 0; c < candidate_count; ++c) {
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p) {
            const std::uint32_t d = in.cover_demand[p];
            kept_demand[kept] = d; // branch-free: most tests fail unpredictably
            kept += static_cast<std::size_t>(in.cover_time_s[p] <= threshold_s) & open[d];
        }
        kept_first[c + 1] = static_cast<std::uint32_t>(kept);
    }
    kept_demand.resize(kept);
    // Demand -> the candidates within the threshold, ascending.
    const csr::IdRows coverers = csr::transpose(kept_first, kept_demand, demand_count);
    auto coverers_of = [&coverers](std::uint32_t d) {
        return std::span<const std::uint32_t>(coverers.id.data() + coverers.first[d],
                                              coverers.id.data() + coverers.first[d + 1]);
    };
    // Demand points with equal candidate lists become one item: sorted by
    // the first candidate (items of nearby candidates stay close in memory
    // for the subgradient), a hash of the list, the list, then the id, equal
    // lists end up side by side and most comparisons stop at the hash.
    std::vector<std::uint32_t> listed; // demand points some candidate covers
    std::vector<std::uint64_t> list_hash(demand_count, 0);
    for (std::uint32_t d = 0; d < demand_count; ++d) {
        if (coverers_of(d).empty()) continue;
        listed.push_back(d);
        std::uint64_t h = 0x9e3779b97f4a7c15ULL;
        for (std::uint32_t c : coverers_of(d)) {
            h ^= c + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
            h *= 0xff51afd7ed558ccdULL;
        }
        list_hash[d] = h;
    }
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        const auto la = coverers_of(a), lb = coverers_of(b);
        if (la.front() != lb.front()) return la.front() < lb.front();
        if (list_hash[a] != list_hash[b]) return list_hash[a] < list_hash[b];
        if (std::lexicographical_compare(la.begin(), la.end(), lb.begin(), lb.end())) return true;
        const bool greater =
            std::lexicographical_compare(lb.begin(), lb.end(), la.begin(), la.end());
        return !greater && a < b;
    };
    std::sort(listed.begin(), listed.end(), less);
    std::vector<std::uint32_t> item_of(demand_count, kInvalid);
    for (std::size_t j = 0; j < listed.size(); ++j) {
        const std::uint32_t d = listed[j];
        const bool same = j > 0 && std::ranges::equal(coverers_of(d), coverers_of(listed[j - 1]));
        if (!same) r.item_weight.push_back(0);
        item_of[d] = static_cast<std::uint32_t>(r.item_weight.size() - 1);
        r.item_weight.back() += in.weight[d];
    }
    // Candidate -> items (sorted, each once), item -> candidates, group -> candidates.
    r.cover_first.assign(1, 0);
    for (std::uint32_t c = 0; c < candidate_count; ++c) {
        const auto start = static_cast<std::ptrdiff_t>(r.cover_item.size());
        for (std::uint32_t q = kept_first[c]; q < kept_first[c + 1]; ++q)
            r.cover_item.push_back(item_of[kept_demand[q]]);
        std::sort(r.cover_item.begin() + start, r.cover_item.end());
        r.cover_item.erase(std::unique(r.cover_item.begin() + start, r.cover_item.end()),
                           r.cover_item.end());
        r.cover_first.push_back(static_cast<std::uint32_t>(r.cover_item.size()));
    }
    csr::IdRows by_item = csr::transpose(r.cover_first, r.cover_item, r.item_count());
    r.coverer_first = std::move(by_item.first);
    r.coverer = std::move(by_item.id);
    csr::IdRows by_group = csr::group_by_row(in.group, in.group_count);
    r.member_first = std::move(by_group.first);
    r.member = std::move(by_group.id);
    return r;
}

std::vector<std::uint32_t> dominated_candidates(const ReducedProblem& problem,
                                                const QuotaRules& rules) {
    std::vector<std::uint32_t> dominated, stand_ins, next;
    for (std::uint32_t c = 0; c < problem.candidate_count(); ++c) {
        const std::span<const std::uint32_t> items = problem.items_of(c);
        if (items.empty()) continue;
        const std::uint32_t g = problem.group[c];
        const bool anywhere = rules.cap == 0 && (g == kInvalid || !rules.required[g]);
        // Start from its item with the fewest candidates.
        std::uint32_t rarest = items[0];
        for (std::size_t k = 1; k < items.size(); ++k)
            if (problem.coverers_of(items[k]).size() < problem.coverers_of(rarest).size())
                rarest = items[k];
        stand_ins.clear();
        for (std::uint32_t d : problem.coverers_of(rarest))
            if (d != c && (anywhere || problem.group[d] == g)) stand_ins.push_back(d);
        for (std::size_t k = 0; k < items.size() && !stand_ins.empty(); ++k) {
            if (items[k] == rarest) continue;
            const std::span<const std::uint32_t> coverers = problem.coverers_of(items[k]);
            next.clear();
            std::set_intersection(stand_ins.begin(), stand_ins.end(), coverers.begin(),
                                  coverers.end(), std::back_inserter(next));
            stand_ins.swap(next);
        }
        for (std::uint32_t d : stand_ins) {
            if (problem.items_of(d).size() > items.size() || d < c) {
                dominated.push_back(c);
                break;
            }
        }
    }
    return dominated;
}

} // namespace maillage::optimize::detail
