#pragma once
/// GeoJSON output (RFC 7946), written by our own code so that the bytes are
/// ours: WGS84 lon/lat, counter-clockwise outer rings and clockwise holes, at
/// most 6 decimals (about 0.1 m; trailing zeros trimmed, never "-0"), no
/// `crs` member, properties in field order, one feature per line. The same
/// layer always gives the same bytes.

#include "geo/output_layer.hpp"
#include "geo/transform.hpp"

#include <string>

namespace maillage::io {

/// The layer as a GeoJSON FeatureCollection (with a "name" foreign member
/// holding the layer name). `to_wgs84` goes from the working CRS to
/// EPSG:4326. Throws OutputError on an invalid layer (see geo::validate) and
/// GeometryError when a coordinate cannot be reprojected or falls outside
/// lon -180..180 / lat -90..90.
std::string to_geojson(const geo::OutputLayer& layer, const geo::CoordinateTransform& to_wgs84);

/// Writes the layer to `path` atomically (temporary name, then rename).
/// `working_crs` is the CRS of the layer's geometry ("EPSG:2154").
/// Throws OutputError, GeometryError.
void write_geojson(const std::string& path, const geo::OutputLayer& layer, const std::string& working_crs);

/// A coordinate in degrees with at most 6 decimals: 2.5 -> "2.5",
/// -0.0000001 -> "0", 48.1173 -> "48.1173".
std::string format_degrees(double degrees);

} // namespace maillage::io
