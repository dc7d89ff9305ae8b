#pragma once
/// Where residents are: demand points carrying a population.

#include "core/ids.hpp"
#include "geo/types.hpp"

#include <string>
#include <vector>

namespace maillage {

struct DemandPoint {
    std::string id;   ///< commune code, or the id of a custom demand layer
    std::string name;
    geo::Point xy;    ///< working CRS
    geo::LonLat lonlat;
    double population = 0;
    CommuneId commune = kInvalid; ///< commune holding the point (kInvalid: outside every commune)
    /// A point of a demand layer in a commune split between cantons: the
    /// canton polygon holding it, which gets all its residents. kInvalid:
    /// the commune's canton_share shares them (commune demand, or a point in
    /// none of its commune's cantons).
    CantonId canton = kInvalid;
    std::string placed_at;        ///< "town hall", "centroid", "point", "polygon centroid"
};

struct Demand {
    std::vector<DemandPoint> points;
    std::string description; ///< e.g. "333 communes at their town hall (332) or centroid (1)"
};

/// For each point of `after`, the index of the point of `before` with the
/// same id, or kInvalid when `before` has none (two scenarios with
/// different demand layers). O(n), hashing the ids.
std::vector<std::uint32_t> match_points(const Demand& before, const Demand& after);

} // namespace maillage
