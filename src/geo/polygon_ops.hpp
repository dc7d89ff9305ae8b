#pragma once
/// Polygon operations done with GEOS (validity, repair, union, overlap area).
/// GEOS stays behind this header: callers see only Boost.Geometry types.

#include "geo/types.hpp"

#include <string>
#include <vector>

namespace maillage::geo {

/// True if GEOS finds the multipolygon valid; otherwise `reason` (if given)
/// receives GEOS's explanation ("Self-intersection[x y]"). Throws GeometryError
/// if GEOS fails.
bool is_valid(const MultiPolygon& mp, std::string* reason = nullptr);

/// Repairs an invalid multipolygon with GEOS MakeValid, keeping only its
/// polygonal parts (collapsed lines/points are dropped). Throws GeometryError.
MultiPolygon make_valid(const MultiPolygon& mp);

/// Union of polygons (dissolve). Throws GeometryError.
MultiPolygon union_all(const std::vector<const MultiPolygon*>& parts);

/// Area of the intersection of two polygons, in squared CRS units.
/// Throws GeometryError.
double intersection_area(const MultiPolygon& a, const MultiPolygon& b);

} // namespace maillage::geo
