#pragma once
// Tie settling after the exact search (not a public header): which sites
// that add no coverage the solution holds.

#include "optimize/select_detail.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace maillage::optimize::detail {

/// Fills `chosen` up to k sites and settles the sites that add nothing:
/// each chosen site whose removal loses no coverage is replaced by the
/// allowed candidate (caps kept) with the largest coverage gain, then the
/// largest mean-time gain, then the lowest index; when it is the only new
/// site of a required group, by that group's candidate with the largest
/// coverage gain, then the smallest time of the group's own residents
/// (group_pick); padding picks as the first rule.
/// Coverage never drops, so an optimum stays optimal, and among its
/// zero-gain choices the output no longer depends on the search order.
/// `bounds` is built on first use if empty (and may be reused after).
void settle_ties(const CoverageInstance& in, const QuotaRules& rules, std::uint32_t k,
                 std::vector<std::uint32_t>& chosen, std::optional<GainBounds>& bounds);

} // namespace maillage::optimize::detail
