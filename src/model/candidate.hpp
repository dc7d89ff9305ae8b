#pragma once
/// A candidate site for a new France Services: a commune's town hall (or
/// centroid), or a point of a planner's layer.

#include "core/ids.hpp"
#include "geo/types.hpp"

#include <string>

namespace maillage {

struct Candidate {
    std::string id;   ///< commune code for generated candidates, layer id otherwise
    std::string name;
    geo::Point xy;
    geo::LonLat lonlat;
    CommuneId commune = kInvalid;
    CantonId canton = kInvalid; ///< canton polygon holding the point
    std::string source;         ///< "town hall", "centroid", or the layer path
};

} // namespace maillage
