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
    std::string placed_at;        ///< "town hall", "centroid", "point", "polygon centroid"
};

struct Demand {
    std::vector<DemandPoint> points;
    std::string description; ///< e.g. "333 communes at their town hall (332) or centroid (1)"
};

} // namespace maillage
