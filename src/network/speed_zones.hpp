#pragma once
/// Slower speeds where roads cross built-up areas: a network without local
/// detail (straight numbered roads between waypoints) drives through towns at
/// its class speed; a speed cap on the part of each road inside a zone (a
/// dense commune) brings the time closer to the road's. Applied to a built
/// graph, arc by arc, from the length of its shape inside each zone.

#include "geo/types.hpp"
#include "network/road_graph.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace maillage::network {

/// An area where roads run at most at `max_kmh`. Zones must not overlap
/// (communes do not): the parts inside them are added up.
struct SpeedZone {
    geo::MultiPolygon area; ///< working CRS of the graph
    double max_kmh = 50;    ///< > 0
};

/// Which arcs a cap applies to.
struct SpeedZoneScope {
    std::uint16_t layer = 0;          ///< RoadGraph::arc_layer value (0 for a one-layer graph)
    double only_below_kmh = 1e9;      ///< arcs at this average speed or faster are left alone
};

struct SpeedZoneReport {
    std::size_t arcs_slowed = 0;
    double seconds_added = 0; ///< over every slowed arc, in one direction each
};

/// For each arc in `scope`, with average speed v = length / time below
/// scope.only_below_kmh: the fraction f of its shape's length inside a zone
/// runs at min(v, zone.max_kmh), the rest at v. Times stay in whole
/// deciseconds (at least 1); the incoming-arc copy of the times is updated
/// too. Throws GeometryError on a zone with a non-positive cap.
SpeedZoneReport cap_speeds_in_zones(RoadGraph& graph, const std::vector<SpeedZone>& zones,
                                    const SpeedZoneScope& scope);

} // namespace maillage::network
