#pragma once
/// Plain geometry types used across maillage (Boost.Geometry models). All
/// coordinates inside the library are in the working CRS (metres, Lambert-93
/// by default); lon/lat only at the edges.

#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_linestring.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/box.hpp>

namespace maillage::geo {

using Point = boost::geometry::model::d2::point_xy<double>;
/// Clockwise outer rings, counter-clockwise holes, closed (Boost default).
using Polygon = boost::geometry::model::polygon<Point>;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;
using LineString = boost::geometry::model::linestring<Point>;
using MultiLineString = boost::geometry::model::multi_linestring<LineString>;
using Box = boost::geometry::model::box<Point>;

/// WGS84 longitude/latitude in degrees (x = lon, y = lat).
struct LonLat {
    double lon = 0;
    double lat = 0;
};

} // namespace maillage::geo
