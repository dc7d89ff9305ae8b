#pragma once
/// GeoPackage output through GDAL: every layer in one .gpkg, geometry in the
/// working CRS, typed fields, for QGIS.
///
/// Byte stability: the file is built the same way every run and the
/// timestamps GDAL writes (gpkg_contents.last_change, metadata) are pinned to
/// `GeoPackageOptions::timestamp` through GDAL's OGR_CURRENT_DATE, so two runs
/// of the same GDAL version give the same bytes. A different GDAL or SQLite
/// version may lay out pages differently (the content stays the same).

#include "core/log.hpp"
#include "geo/output_layer.hpp"

#include <string>
#include <vector>

namespace maillage::geo {

struct GeoPackageOptions {
    /// CRS of the layers' geometry, stored as the layers' SRS.
    std::string working_crs = "EPSG:2154";
    /// Written wherever GeoPackage wants a "last change" date.
    std::string timestamp = "2000-01-01T00:00:00.000Z";
    /// Build the R-tree spatial index of each layer (QGIS uses it).
    bool spatial_index = true;
};

/// Writes all `layers` into one GeoPackage at `path`: built under a temporary
/// name in the same directory, then renamed over `path`. Layer names must be
/// unique. Throws OutputError (naming the path, the layer and, where there is
/// one, the feature, plus GDAL's message) and GeometryError on an unknown CRS
/// or on a polygon GEOS finds invalid (naming the layer, the feature and
/// GEOS's reason with its location: nothing invalid is written).
void write_geopackage(const std::string& path, const std::vector<const OutputLayer*>& layers,
                      const GeoPackageOptions& options = {}, const Logger& log = {});

} // namespace maillage::geo
