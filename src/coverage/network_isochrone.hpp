#pragma once
/// The road pieces from which a site is reached within a time: the input of
/// an isochrone polygon on the road network (see coverage/isochrone.hpp in
/// the export layer for the polygon).

#include "geo/types.hpp"
#include "network/road_graph.hpp"
#include "network/snap.hpp"

#include <cstdint>

namespace maillage {

/// Every road piece (arc shapes, cut where the time runs out) from which a
/// car reaches `site` within `cutoff_s`, the site being snapped to its nearest
/// segment and reached from it by an off-road leg at `offroad_speed_kmh`.
/// One bounded Dijkstra on the transposed graph. Empty when the site is
/// farther than `max_snap_m` from any road or the leg alone exceeds the cutoff.
geo::MultiLineString reachable_road_pieces(const network::RoadGraph& graph, const network::Snapper& snapper,
                                           const geo::Point& site, std::uint32_t cutoff_s,
                                           double offroad_speed_kmh, double max_snap_m);

} // namespace maillage
