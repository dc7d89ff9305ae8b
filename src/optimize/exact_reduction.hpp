#pragma once
// The exact solver's reduced problem (not a public header): demand already
// covered dropped, demand points with the same candidate set merged into
// weighted items, and the candidates another one dominates.

#include "optimize/instance.hpp"
#include "optimize/select_detail.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace maillage::optimize::detail {

/// Maximal coverage on items: item i weighs item_weight[i] (the population
/// of the demand points merged into it, none covered by an existing site)
/// and is covered by a set of candidates. Three compressed-row views of the
/// same pairs, every list ascending.
struct ReducedProblem {
    std::vector<double> item_weight;
    /// Candidate c covers cover_item[cover_first[c] .. cover_first[c + 1]).
    std::vector<std::uint32_t> cover_first, cover_item;
    /// Item i is covered by coverer[coverer_first[i] .. coverer_first[i + 1]).
    std::vector<std::uint32_t> coverer_first, coverer;
    /// Group g holds the candidates member[member_first[g] .. member_first[g + 1]).
    std::vector<std::uint32_t> member_first, member;
    /// Per candidate: its group, or kInvalid (the instance's).
    std::vector<std::uint32_t> group;
    /// Population the existing sites already cover (within the threshold).
    double covered_before = 0;

    std::uint32_t candidate_count() const { return static_cast<std::uint32_t>(group.size()); }
    std::uint32_t item_count() const { return static_cast<std::uint32_t>(item_weight.size()); }
    std::uint32_t group_count() const {
        return static_cast<std::uint32_t>(member_first.size() - 1);
    }
    std::uint32_t pair_count() const { return static_cast<std::uint32_t>(cover_item.size()); }

    std::span<const std::uint32_t> items_of(std::uint32_t c) const {
        return {cover_item.data() + cover_first[c], cover_item.data() + cover_first[c + 1]};
    }
    std::span<const std::uint32_t> coverers_of(std::uint32_t i) const {
        return {coverer.data() + coverer_first[i], coverer.data() + coverer_first[i + 1]};
    }
    std::span<const std::uint32_t> members_of(std::uint32_t g) const {
        return {member.data() + member_first[g], member.data() + member_first[g + 1]};
    }
};

/// Builds the reduced problem: keeps the pairs within the threshold whose
/// demand is uncovered and populated, merges demand points with equal
/// candidate lists (items ordered by their first candidate, then a hash of
/// the list), and indexes the pairs both ways and the candidates by group.
/// O(pairs + demand log demand).
ReducedProblem reduce(const CoverageInstance& in);

/// The candidates another one can stand in for, ascending: one covering
/// all their items (more of them, or the same and a lower index), in the
/// same group, or in any group when there is no cap and their own group is
/// not required. Swapping such a candidate for its stand-in never loses
/// coverage nor breaks a quota, so with at most k sites some optimum avoids
/// it: the search may fix it out. Candidates that cover no item are not
/// listed. About O(pairs x candidates per item), by
/// intersecting the sorted item -> candidate lists.
std::vector<std::uint32_t> dominated_candidates(const ReducedProblem& problem,
                                                const QuotaRules& rules);

} // namespace maillage::optimize::detail
