#pragma once
/// Isochrone polygons: the area reachable from a site within a time, built
/// from geometry alone (the network search that decides what is reachable
/// lives elsewhere). All geometry in the working CRS (metres).

#include "geo/types.hpp"

#include <vector>

namespace maillage::coverage {

/// How reachable road arcs become an area.
struct ArcIsochroneOptions {
    /// Distance around every reachable road that counts as reached, in metres.
    /// 300 m: a resident reaches the road on foot or by a private drive in a
    /// minute or two; smaller leaves slivers between parallel roads, larger
    /// fills valleys that roads do not serve. Holes stay where no road reaches.
    double buffer_m = 300;
    /// Segments per quarter circle of the buffer (GEOS quadrant segments).
    int quadrant_segments = 4;
    /// Road shapes simplified by this much (m) before buffering: far fewer
    /// vertices for a boundary that moves by at most this. 0 = exact.
    double simplify_m = 25;
    /// Holes smaller than this are filled (m²); 0 keeps every hole.
    double min_hole_m2 = 0;
    /// Access legs, on a road network without its local streets (road
    /// isochrones only): a point of a reached road with t seconds to spare
    /// reaches around it as far as an access leg goes in t,
    /// min(access_max_m, t × access_speed_ms), and never less than buffer_m,
    /// so that every place the model puts within the time lies in the area.
    /// access_speed_ms = 0 (or access_max_m <= buffer_m) keeps the fixed
    /// buffer_m. In m/s and m.
    double access_speed_ms = 0;
    double access_max_m = 0;
};

/// The first `fraction` (0..1, clamped) of `line` by length: the part of an
/// arc reachable before the time runs out. A fraction of 0 gives the first
/// point alone; 1 the whole line.
geo::LineString cut_line(const geo::LineString& line, double fraction);

/// Area reached from a site through the given reachable arc geometries
/// (whole arcs and arcs already cut with cut_line): buffer + union, holes
/// kept, clipped to `territory`. Throws GeometryError.
geo::MultiPolygon isochrone_from_arcs(const geo::MultiLineString& reachable_arcs, const geo::MultiPolygon& territory,
                                      const ArcIsochroneOptions& options = {});

/// The last steps of an arc isochrone, for callers that buffer the arcs
/// themselves: small holes filled per `options`, then clipped to `territory`.
geo::MultiPolygon finish_isochrone(geo::MultiPolygon buffered, const geo::MultiPolygon& territory,
                                   const ArcIsochroneOptions& options);

/// Crow-fly radius in metres for a speed (km/h), a time (s) and a circuity
/// factor (road distance / straight distance, >= 1): speed × time ÷ circuity.
double crow_fly_radius_m(double speed_kmh, double time_s, double circuity);

/// Crow-fly isochrone: a circle of `radius_m` around `site` (`segments`
/// vertices) clipped to `territory`. Throws GeometryError.
geo::MultiPolygon crow_fly_isochrone(const geo::Point& site, double radius_m, const geo::MultiPolygon& territory,
                                     int segments = 128);

/// Covered area: the union of every site's isochrone. Throws GeometryError.
geo::MultiPolygon covered_area(const std::vector<geo::MultiPolygon>& isochrones);

/// Pieces of the uncovered area (polygons, and holes in them) below this
/// area are dropped, and so are polygons narrower than kMinUncoveredWidth_m
/// on average (twice the area over the perimeter): slivers left by
/// floating-point noise where an isochrone's edge runs along the
/// territory's, not places a planner can act on.
inline constexpr double kMinUncoveredPiece_m2 = 1.0;
inline constexpr double kMinUncoveredWidth_m = 0.01;

/// Uncovered area: the territory minus the covered area, without the
/// pieces below kMinUncoveredPiece_m2 or kMinUncoveredWidth_m (empty when
/// nothing else is left). Throws GeometryError.
geo::MultiPolygon uncovered_area(const geo::MultiPolygon& territory, const geo::MultiPolygon& covered);

} // namespace maillage::coverage
