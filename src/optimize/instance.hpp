#pragma once
/// The coverage instance every site-selection algorithm works on: demand
/// points with a population, candidate sites with the demand they reach and
/// how long it takes, and what the existing open sites already provide.
/// Plain vectors, so a test builds one by hand in a few lines.

#include "core/ids.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace maillage::optimize {

/// Travel time meaning "no site reaches this demand point". Any time at or
/// above `CoverageInstance::time_cap_s` counts as the cap, so a caller may
/// also pass its own (smaller) unreachable sentinel.
inline constexpr std::uint32_t kNoTime = std::numeric_limits<std::uint32_t>::max();

/// A candidate-by-demand coverage matrix plus the state of the existing sites.
///
/// Demand point d is *covered* when some open site reaches it within
/// `threshold_s` (time <= threshold_s). For mean travel times each demand's
/// time counts as min(time, time_cap_s): a point no site reaches (kNoTime)
/// costs exactly `time_cap_s`, the documented penalty for uncovered points.
///
/// Example: two demand points of 100 and 50 residents, no existing site,
/// candidate 0 reaches demand 0 in 600 s, candidate 1 reaches both:
///   weight = {100, 50}; base_time_s = {kNoTime, kNoTime};
///   group = {kInvalid, kInvalid}; group_count = 0;
///   cover_first = {0, 1, 3}; cover_demand = {0, 0, 1};
///   cover_time_s = {600, 1500, 900};
struct CoverageInstance {
    /// Per demand point: population (>= 0, finite).
    std::vector<double> weight;
    /// Per demand point: time to the nearest existing open site, seconds
    /// (kNoTime if none reaches it).
    std::vector<std::uint32_t> base_time_s;

    /// Per candidate: its group (canton index, for quotas), < group_count or
    /// kInvalid for none. Its size is the number of candidates.
    std::vector<std::uint32_t> group;
    /// Number of groups; group ids are 0 .. group_count-1.
    std::uint32_t group_count = 0;
    /// Optional, per group: a name used in error messages (e.g. canton code).
    std::vector<std::string> group_name;
    /// What a group is, in messages ("canton"); empty: "group" and its index.
    std::string group_kind;
    /// Optional, per group: its own residents, CSR like the cover lists:
    /// group g holds group_demand_weight[i] residents at demand point
    /// group_demand[i] for i in group_demand_first[g] .. [g+1) (a canton's
    /// share of a split commune). Empty: no group has residents, and a quota
    /// pick falls back on the whole territory's mean time. When set,
    /// group_demand_first has group_count + 1 entries.
    std::vector<std::uint32_t> group_demand_first;
    std::vector<std::uint32_t> group_demand;
    std::vector<double> group_demand_weight;

    /// CSR coverage lists: candidate c reaches demand
    /// cover_demand[cover_first[c] .. cover_first[c+1]) in cover_time_s[...]
    /// seconds. Lists may hold pairs beyond the threshold (they count for
    /// mean times only); a (candidate, demand) pair appears at most once.
    /// cover_first has one entry per candidate plus one.
    std::vector<std::uint32_t> cover_first;
    std::vector<std::uint32_t> cover_demand;
    std::vector<std::uint32_t> cover_time_s;

    /// Coverage threshold, seconds (e.g. 1800 for 30 minutes by car).
    std::uint32_t threshold_s = 1800;
    /// Penalty/cap for mean travel times, seconds; must be >= threshold_s.
    std::uint32_t time_cap_s = 3600;

    std::uint32_t candidate_count() const { return static_cast<std::uint32_t>(group.size()); }
    std::uint32_t demand_count() const { return static_cast<std::uint32_t>(weight.size()); }
    /// "group 3 (35012)" or "group 3" when unnamed; with a group_kind and a
    /// name, "canton 3504 Bruz"; "no group" for kInvalid.
    std::string group_label(std::uint32_t g) const;
    /// "cantons" (group_kind + "s") or "groups".
    std::string group_plural() const;
};

/// Checks sizes, ranges and values. Cost O(demand + pairs). Throws
/// InputError naming the first bad field and index (no demand points, sizes
/// that disagree, a demand id out of range, a negative or non-finite weight,
/// a group out of range, time_cap_s < threshold_s). Zero candidates is valid
/// here (ranking returns nothing); the selection functions refuse it.
void validate(const CoverageInstance& instance);

/// Fills cover_first / cover_demand / cover_time_s from per-candidate
/// (demand, time) pair lists: a convenience for tests and small callers.
/// Keeps the order; `group` (one entry per list) is set separately.
struct CoverPair {
    std::uint32_t demand;
    std::uint32_t time_s;
};
void set_cover_lists(CoverageInstance& instance,
                     const std::vector<std::vector<CoverPair>>& lists_per_candidate);

/// The instance restricted to the candidates `kept` (indices, ascending,
/// each < candidate_count): candidate i of the result is kept[i]. Demand,
/// groups and times are unchanged. O(demand + pairs kept).
CoverageInstance keep_candidates(const CoverageInstance& instance, const std::vector<std::uint32_t>& kept);

/// Quotas on the new sites, by group.
struct Quotas {
    /// At least one new site in each of these groups (e.g. every canton
    /// without a site). Duplicates are ignored.
    std::vector<std::uint32_t> required_groups;
    /// At most this many new sites in any one group (0 = no limit).
    std::uint32_t max_per_group = 0;
};

} // namespace maillage::optimize
