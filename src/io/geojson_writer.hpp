#pragma once
/// GeoJSON output (RFC 7946), written by our own code so that the bytes are
/// ours: WGS84 lon/lat, counter-clockwise outer rings and clockwise holes, at
/// most 6 decimals (about 0.1 m; trailing zeros trimmed, never "-0"), no
/// `crs` member, properties in field order, one feature per line. The same
/// layer always gives the same bytes.
///
/// Polygons are reprojected, then snapped to the 1e-6 degree grid with GEOS's
/// precision model (geo::reduce_precision), so that what is written is the
/// snapped geometry exactly and valid as written. A polygon narrower than the
/// grid collapses and is left out (counted in GeoJsonStats); a feature left
/// with no polygon is written with its properties and a null geometry. A
/// polygon that GEOS still finds invalid is refused (GeometryError).

#include "geo/output_layer.hpp"
#include "geo/transform.hpp"

#include <cstddef>
#include <string>

namespace maillage::io {

/// What the precision reduction of a polygon layer changed.
struct GeoJsonStats {
    std::size_t polygons_collapsed = 0; ///< polygons dropped: narrower than 1e-6 degrees
    std::size_t features_emptied = 0;   ///< features written with a null geometry because of it
};

/// The layer as a GeoJSON FeatureCollection (with a "name" foreign member
/// holding the layer name). `to_wgs84` goes from the working CRS to
/// EPSG:4326. Throws OutputError on an invalid layer (see geo::validate) and
/// GeometryError when a coordinate cannot be reprojected or falls outside
/// lon -180..180 / lat -90..90, or when a polygon is invalid once snapped to
/// 1e-6 degrees ("layer uncovered_30: feature 0: invalid polygon at 1e-6
/// degrees, not written: Self-intersection[-1.8032 48.6075]"). `stats`, if
/// given, receives what the precision reduction dropped.
std::string to_geojson(const geo::OutputLayer& layer, const geo::CoordinateTransform& to_wgs84,
                       GeoJsonStats* stats = nullptr);

/// Writes the layer to `path` atomically (temporary name, then rename).
/// `working_crs` is the CRS of the layer's geometry ("EPSG:2154").
/// Returns what the precision reduction dropped. Throws OutputError,
/// GeometryError.
GeoJsonStats write_geojson(const std::string& path, const geo::OutputLayer& layer, const std::string& working_crs);

/// A coordinate in degrees with at most 6 decimals: 2.5 -> "2.5",
/// -0.0000001 -> "0", 48.1173 -> "48.1173".
std::string format_degrees(double degrees);

} // namespace maillage::io
