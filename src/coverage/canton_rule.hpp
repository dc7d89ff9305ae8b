#pragma once
/// The "at least one France Services per canton" rule: which cantons have a
/// site open at a date, counted two ways (a site counts for every canton of
/// the commune it stands in; strictly, only for the canton polygon holding
/// its point).

#include "core/date.hpp"
#include "core/ids.hpp"
#include "model/territory.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace maillage {

/// The open sites of one canton.
struct CantonSites {
    /// Open sites standing in one of the canton's communes, per SiteFormat.
    std::array<std::size_t, kSiteFormatCount> by_format{};
    std::size_t sites = 0;        ///< open sites standing in one of the canton's communes
    std::size_t strict_sites = 0; ///< open sites whose point lies inside the canton polygon
    std::vector<std::string> site_ids; ///< the sites counted in `sites`, sorted

    bool has_site() const { return sites > 0; }
    bool strict_has_site() const { return strict_sites > 0; }
};

/// The rule applied to every canton of a territory at one date.
struct CantonRule {
    std::vector<CantonSites> cantons; ///< indexed by CantonId
    std::size_t open_sites = 0;       ///< sites of the territory's list open at the date
    std::array<std::size_t, kSiteFormatCount> open_by_format{};
    std::vector<std::string> open_sites_outside; ///< open site ids attached to no commune, in list order
};

/// Applies the rule to the sites of `territory` open at `as_of` (neighbour
/// sites do not count), and to `added` (e.g. the new sites of a plan, with
/// their commune and the canton polygon holding their point) when open at
/// `as_of` too. O(cantons + sites x cantons per commune).
CantonRule canton_rule(const Territory& territory, const Date& as_of, const std::vector<Site>& added = {});

/// Cantons with no open site (a site counts for every canton of its
/// commune), ascending.
std::vector<CantonId> cantons_without_site(const CantonRule& rule);

/// Same, applied to `territory` at `as_of`.
std::vector<CantonId> cantons_without_site(const Territory& territory, const Date& as_of);

} // namespace maillage
