#pragma once
/// The road from which a site is reached within a time, and the isochrone
/// polygon drawn around it (buffered roads, see coverage/isochrone.hpp).

#include "coverage/isochrone.hpp"
#include "geo/line_buffers.hpp"
#include "geo/types.hpp"
#include "network/road_graph.hpp"
#include "network/snap.hpp"
#include "network/travel_model.hpp"

#include <cstdint>
#include <vector>

namespace maillage {

/// The road reached from a site, per graph shape: the part [0, from_start]
/// (driving against the shape to its start) and [1 - from_end, 1] (driving
/// along it to its end), plus the site's own pieces, reached from inside.
/// A shape with from_start + from_end >= 1 is reached whole. With the time
/// to spare at the shape's ends, which tells how much time is left at every
/// point of the road (it falls linearly along a shape, by its arc's time).
struct ReachedRoads {
    struct Inside {
        std::uint32_t shape;
        double from, to;    ///< fractions of the shape, from < to
        double at = 0;      ///< the site's own fraction, from <= at <= to
        double left_ds = 0; ///< time to spare at `at` (deciseconds)
    };
    std::vector<double> from_start; ///< one per graph shape, 0..1
    std::vector<double> from_end;   ///< one per graph shape, 0..1
    /// One per graph shape: the cutoff minus the time from the shape's
    /// start node to the site (deciseconds; 0 when not reached that way). A
    /// point at fraction f has start_left_ds - f × (backward arc time) left.
    std::vector<double> start_left_ds;
    /// The same at the end node: end_left_ds - (1 - f) × (forward arc time).
    std::vector<double> end_left_ds;
    std::vector<Inside> inside;

    bool empty() const;
    bool whole(std::uint32_t shape) const { return from_start[shape] + from_end[shape] >= 1; }
    /// Adds what `other` reaches (same graph): the road reached from either,
    /// with the larger time to spare at each point.
    void merge(const ReachedRoads& other);
};

/// What a car reaches `site` from within `cutoff_s`, the site being snapped
/// to its nearest pieces and reached from them by an off-road leg at
/// `offroad_speed_kmh`. One bounded Dijkstra on the transposed graph.
/// Empty when the site is farther than `max_snap_m` from any road or the leg
/// alone exceeds the cutoff.
ReachedRoads reached_roads(const network::RoadGraph& graph, const network::Snapper& snapper, const geo::Point& site,
                           std::uint32_t cutoff_s, double offroad_speed_kmh, double max_snap_m);

/// The same for several cutoffs at once (one per cutoff, in order): one
/// snap and one Dijkstra bounded by the largest cutoff, each result equal to
/// reached_roads for its cutoff alone.
std::vector<ReachedRoads> reached_roads(const network::RoadGraph& graph, const network::Snapper& snapper,
                                        const geo::Point& site, const std::vector<std::uint32_t>& cutoffs_s,
                                        double offroad_speed_kmh, double max_snap_m);

/// The same roads as lines: the site's own pieces, then every reached shape
/// in shape order (whole, or its one or two reached ends).
geo::MultiLineString reached_pieces(const network::RoadGraph& graph, const ReachedRoads& reached);

/// reached_pieces(reached_roads(...)).
geo::MultiLineString reachable_road_pieces(const network::RoadGraph& graph, const network::Snapper& snapper,
                                           const geo::Point& site, std::uint32_t cutoff_s,
                                           double offroad_speed_kmh, double max_snap_m);

/// Isochrone polygons on one road network and one territory, many times:
/// every road shape whose buffer touches the territory is buffered once and
/// the unions of whole areas of the network are cached
/// (geo::LineBufferUnion), so the 45-minute isochrone of a site, which
/// reaches most of the network, costs a few cached unions instead of
/// thousands of buffers. With the fixed width (options.access_speed_ms = 0)
/// gives the area of isochrone_from_arcs on reached_pieces, up to
/// floating-point noise. With access legs, a reached point with t seconds
/// left reaches r(t) = clamp(t × access_speed_ms, buffer_m, access_max_m)
/// around it: the shapes with r = access_max_m all along are cached (buffered
/// at access_max_m), the others are drawn as geo::TaperedLine (exact for the
/// piecewise-linear r, not simplified); every disc, at any radius, is a
/// polygon inscribed in its circle that strays from it by at most
/// max(simplify_m, the stray of the buffer_m disc): 25 m by default (8
/// segments per quadrant at 5 km). Not thread-safe.
class RoadIsochrones {
  public:
    /// Keeps references to `graph` and `territory`. Throws GeometryError on
    /// bad options.
    RoadIsochrones(const network::RoadGraph& graph, const geo::MultiPolygon& territory,
                   const coverage::ArcIsochroneOptions& options = {});
    /// Area reached (buffered roads, small holes filled per the options),
    /// clipped to the territory. Throws GeometryError.
    geo::MultiPolygon area(const ReachedRoads& reached);

  private:
    RoadIsochrones(const network::RoadGraph& graph, const geo::MultiPolygon& territory,
                   const coverage::ArcIsochroneOptions& options, const geo::LineBufferOptions& buffers);

    /// Shape pieces drawn with a radius that follows the time left.
    void tapered_pieces(const ReachedRoads& reached, std::vector<std::uint8_t>& whole,
                        std::vector<geo::TaperedLine>& out) const;

    const network::RoadGraph& m_graph;
    const geo::MultiPolygon& m_territory;
    coverage::ArcIsochroneOptions m_options;
    bool m_growing = false; ///< access legs widen the area (see the class)
    std::vector<std::uint8_t> m_near; ///< per shape: its buffer may touch the territory
    geo::LineBufferUnion m_buffers;
};

/// Isochrones of many sites at several cutoffs, and for each cutoff the area
/// reached from any site.
struct SiteIsochrones {
    std::vector<std::vector<geo::MultiPolygon>> areas; ///< [cutoff][site], empty when nothing is reached
    std::vector<geo::MultiPolygon> covered;            ///< [cutoff]
};

/// Computes SiteIsochrones on `threads` threads (0 = one per core, at most
/// 8), each with its own RoadIsochrones cache; the sites are shared out
/// round-robin. The result does not depend on the number of threads (each
/// area is order-independent; the covered area merges in site order).
/// Cutoffs in seconds; the other arguments as reached_roads and
/// RoadIsochrones. Rethrows the first error of any thread.
SiteIsochrones site_isochrones(const network::RoadGraph& graph, const network::Snapper& snapper,
                               const std::vector<geo::Point>& sites, const std::vector<std::uint32_t>& cutoffs_s,
                               double offroad_speed_kmh, double max_snap_m, const geo::MultiPolygon& territory,
                               const coverage::ArcIsochroneOptions& options = {}, unsigned threads = 0);

/// The isochrones of `sites` for every cutoff (seconds) under `model`:
/// buffered reached roads on a road model (site_isochrones above, with the
/// model's snapper, access speed slowed by its circuity, and snap limit;
/// when the circuity is above 1, the network lacks its local streets and the
/// area widens with the time left, as an access leg goes: options
/// access_speed_ms and access_max_m are set from the model), a
/// disc of the crow-fly distance clipped to the territory on a crow-fly
/// model (`crow_fly_segments` segments per circle). `covered` is the union
/// of the non-empty areas in site order. Throws std::invalid_argument for a
/// model of another kind.
SiteIsochrones model_isochrones(const network::TravelModel& model, const std::vector<geo::Point>& sites,
                                const std::vector<std::uint32_t>& cutoffs_s, const geo::MultiPolygon& territory,
                                const coverage::ArcIsochroneOptions& options = {}, int crow_fly_segments = 64);

} // namespace maillage
