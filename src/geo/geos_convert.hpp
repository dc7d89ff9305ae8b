#pragma once
// Private to src/geo: conversions between Boost.Geometry types and GEOS
// geometries, on the calling thread's GEOS context. Never include from a
// public header.

#include "geo/geos_handle.hpp"
#include "geo/types.hpp"

#include <vector>

namespace maillage::geo::detail {

/// Takes ownership of a GEOS result; a null result throws GeometryError with
/// GEOS's last message.
GeomPtr wrap(GEOSGeometry* g);

GeomPtr polygon_to_geos(const Polygon& p);
GeomPtr to_geos(const MultiPolygon& mp);
GeomPtr line_to_geos(const LineString& line);

/// Buffer of a non-empty line at `distance`, round caps and joins, after a
/// Douglas-Peucker simplification by `simplify_tolerance` (0 = none); a
/// one-point line buffers as a disc.
GeomPtr buffer_line(const LineString& line, double distance, int quadrant_segments, double simplify_tolerance);

/// GEOS unary union of `parts` (consumed).
GeomPtr unary_union(std::vector<GeomPtr> parts);

/// The polygonal parts of `g` (polygons, multipolygons, collections), in
/// Boost orientation; points and lines are dropped.
MultiPolygon from_geos(const GEOSGeometry* g);

} // namespace maillage::geo::detail
