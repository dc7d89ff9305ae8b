#pragma once
/// The canton table: communes, population and open sites of every canton, by
/// the "at least one France Services per canton" rule (coverage/canton_rule).

#include "core/date.hpp"
#include "report/format.hpp"
#include "model/territory.hpp"

#include <array>
#include <string>
#include <vector>

namespace maillage {

struct CantonRow {
    CantonId canton = kInvalid;
    std::string code;
    std::string name;
    std::size_t communes = 0;  ///< communes in the canton (split communes count in each of their cantons)
    double population = 0;     ///< split communes shared by their share_rule (CantonReport::split)
    /// Open sites standing in one of the canton's communes, per SiteFormat.
    std::array<std::size_t, kSiteFormatCount> sites_by_format{};
    std::size_t sites = 0;
    bool has_site = false;
    std::size_t strict_sites = 0; ///< open sites whose point lies inside the canton polygon
    bool strict_has_site = false;
    std::vector<std::string> site_ids; ///< open sites counted, sorted
};

struct CantonReport {
    std::string territory;
    Date as_of;
    std::string population_label;
    std::vector<CantonRow> rows; ///< in canton code order
    std::size_t communes = 0;
    double population = 0;
    std::size_t open_sites = 0;
    std::array<std::size_t, kSiteFormatCount> open_by_format{};
    std::size_t sites_total = 0; ///< sites in the layer, open or not
    std::vector<std::string> without_site;        ///< canton codes, site-in-commune view
    std::vector<std::string> strict_without_site; ///< canton codes, point-in-polygon view
    std::vector<std::string> open_sites_outside;  ///< open site ids attached to no commune
    /// The communes split between cantons and how their population is shared.
    struct Split {
        std::string code;
        std::string name;
        std::size_t cantons = 0;
        ShareRule rule = ShareRule::area;
    };
    std::vector<Split> split;
};

/// Builds the canton table for the sites open at `as_of` (the rule:
/// coverage/canton_rule). O(cantons + communes + sites).
CantonReport canton_report(const Territory& territory, const Date& as_of, const std::vector<Site>& added = {});

/// Renderings (documented in the README).
std::string render_canton_report(const CantonReport& report, Format format);

} // namespace maillage
