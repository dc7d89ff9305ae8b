#include "optimize/exact_local_search.hpp"

#include <algorithm>
#include <cstddef>

namespace maillage::optimize::detail {
namespace {

// Most passes (swaps) of the local search.
constexpr int kMaxSwaps = 200;

} // namespace

SiteSet improve_by_swaps(const ReducedProblem& problem, const QuotaRules& rules,
                         std::vector<std::uint32_t> sites, double stop_at, double tol) {
    const std::uint32_t candidate_count = problem.candidate_count();
    const std::vector<std::uint32_t>& group = problem.group;
    const std::vector<double>& weight = problem.item_weight;
    // Per item, how many sites of the set cover it; per group, its sites.
    std::vector<std::uint32_t> cover_count(problem.item_count(), 0);
    std::vector<std::uint32_t> sites_in_group(problem.group_count(), 0), touched, outside;
    std::vector<std::uint8_t> in_set(candidate_count, 0);
    // The gain of candidate c against the set is open_gain[c] (the items no
    // site covers) + freed_gain[c] (the items only the site swapped out
    // covers, filled for one site at a time). open_gain is kept up to date
    // through the items whose count passes 0 <-> 1 at a swap.
    std::vector<double> open_gain(candidate_count, 0), freed_gain(candidate_count, 0);
    double value = 0;
    for (std::uint32_t c : sites) {
        in_set[c] = 1;
        if (group[c] != kInvalid) ++sites_in_group[group[c]];
        for (std::uint32_t i : problem.items_of(c))
            if (cover_count[i]++ == 0) value += weight[i];
    }
    for (std::uint32_t c = 0; c < candidate_count; ++c)
        for (std::uint32_t i : problem.items_of(c))
            if (cover_count[i] == 0) open_gain[c] += weight[i];
    auto shift_open_gain = [&](std::uint32_t i, double delta) {
        for (std::uint32_t c : problem.coverers_of(i)) open_gain[c] += delta;
    };
    for (int pass = 0; pass < kMaxSwaps; ++pass) {
        if (value >= stop_at) break;
        outside.clear();
        for (std::uint32_t c = 0; c < candidate_count; ++c)
            if (!in_set[c]) outside.push_back(c);
        // Only the head of `outside` is sorted: the scan below stops at the
        // first allowed candidate no site of the set shares items with,
        // almost always near the top; past the head it scans the rest.
        auto by_gain = [&](std::uint32_t l, std::uint32_t r) {
            return open_gain[l] != open_gain[r] ? open_gain[l] > open_gain[r] : l < r;
        };
        const std::size_t head = std::min(outside.size(), 2 * sites.size() + 32);
        std::nth_element(outside.begin(), outside.begin() + static_cast<std::ptrdiff_t>(head),
                         outside.end(), by_gain);
        std::sort(outside.begin(), outside.begin() + static_cast<std::ptrdiff_t>(head), by_gain);
        double best_delta = tol;
        std::size_t best_out = 0;
        std::uint32_t best_in = kInvalid;
        for (std::size_t o = 0; o < sites.size(); ++o) {
            const std::uint32_t out = sites[o], out_group = group[out];
            const bool keep_group = out_group != kInvalid && rules.required[out_group] &&
                                    sites_in_group[out_group] == 1;
            auto allowed = [&](std::uint32_t c) {
                const std::uint32_t g = group[c];
                if (in_set[c] || (keep_group && g != out_group)) return false;
                return g == kInvalid || rules.cap == 0 || g == out_group ||
                       sites_in_group[g] < rules.cap;
            };
            double loss = 0;
            touched.clear();
            for (std::uint32_t i : problem.items_of(out)) {
                if (cover_count[i] != 1) continue;
                loss += weight[i];
                for (std::uint32_t c : problem.coverers_of(i)) {
                    if (c == out || in_set[c]) continue;
                    if (freed_gain[c] == 0) touched.push_back(c);
                    freed_gain[c] += weight[i];
                }
            }
            double best_gain = -1;
            std::uint32_t best = kInvalid;
            for (std::uint32_t c : touched)
                if (allowed(c) && (open_gain[c] + freed_gain[c] > best_gain ||
                                   (open_gain[c] + freed_gain[c] == best_gain && c < best)))
                    best_gain = open_gain[c] + freed_gain[c], best = c;
            for (std::size_t j = 0; j < outside.size(); ++j) {
                const std::uint32_t c = outside[j];
                if (j < head) {
                    if (open_gain[c] < best_gain) break;
                    if (freed_gain[c] != 0 || !allowed(c)) continue;
                    if (open_gain[c] > best_gain || c < best) best_gain = open_gain[c], best = c;
                    break;
                }
                if (freed_gain[c] != 0 || !allowed(c)) continue; // unsorted tail
                if (open_gain[c] > best_gain || (open_gain[c] == best_gain && c < best))
                    best_gain = open_gain[c], best = c;
            }
            for (std::uint32_t c : touched) freed_gain[c] = 0;
            if (best != kInvalid && best_gain - loss > best_delta)
                best_delta = best_gain - loss, best_out = o, best_in = best;
        }
        if (best_in == kInvalid) break;
        const std::uint32_t out = sites[best_out];
        for (std::uint32_t i : problem.items_of(out))
            if (--cover_count[i] == 0) value -= weight[i], shift_open_gain(i, weight[i]);
        for (std::uint32_t i : problem.items_of(best_in))
            if (cover_count[i]++ == 0) value += weight[i], shift_open_gain(i, -weight[i]);
        in_set[out] = 0, in_set[best_in] = 1;
        if (group[out] != kInvalid) --sites_in_group[group[out]];
        if (group[best_in] != kInvalid) ++sites_in_group[group[best_in]];
        sites[best_out] = best_in;
    }
    std::sort(sites.begin(), sites.end());
    return {std::move(sites), value};
}

} // namespace maillage::optimize::detail
