#pragma once
/// Reading one vector layer through GDAL/OGR into plain structs, reprojected
/// to the working CRS. Any OGR source works: a path (GeoJSON, GeoPackage,
/// Shapefile, CSV with lon/lat columns, ...) or a connection string
/// ("PG:dbname=... ").

#include "core/log.hpp"
#include "geo/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage::geo {

/// Where to read a layer from.
struct LayerSpec {
    std::string path;  ///< file path or OGR connection string
    std::string layer; ///< layer name; empty = the only/first layer
    /// For point layers from CSV/tables: names of lon/lat (or x/y) columns.
    /// Empty = use the layer's geometry.
    std::string x_field;
    std::string y_field;
    /// CRS of x/y columns, or of a layer that declares none ("EPSG:4326").
    /// Empty = the layer must declare its CRS (x/y columns default to EPSG:4326).
    std::string source_crs;
    /// CSV only: the decimal mark of its numbers, '.' or ',' ("-1,660718");
    /// numbers are then read with VectorLayer::number.
    char decimal = '.';
    /// CSV only: the encoding of its text when not UTF-8 (any iconv name,
    /// e.g. "windows-1252"); empty = UTF-8. Values and field names are
    /// converted to UTF-8; a byte that does not decode is an InputError.
    std::string encoding;
};

enum class GeometryKind { none, point, line, polygon };

/// One feature: its attribute values as text and its geometry in the target CRS.
struct Feature {
    std::int64_t fid = -1;                        ///< OGR feature id
    std::vector<std::optional<std::string>> values; ///< one per requested field; nullopt = null/unset
    GeometryKind kind = GeometryKind::none;
    Point point;           ///< kind == point (first point of a multipoint)
    MultiLineString lines; ///< kind == line
    MultiPolygon polygons; ///< kind == polygon (repaired if it was invalid)
    std::optional<LonLat> lonlat; ///< for points: WGS84 position
};

/// Counts of what happened while reading, for `maillage check`.
struct LayerStats {
    std::size_t features = 0;      ///< features read
    std::size_t empty_geometry = 0; ///< features with no geometry (kept, kind none)
    std::size_t repaired = 0;      ///< invalid polygons repaired with GEOS MakeValid
};

/// A layer read into memory.
struct VectorLayer {
    std::string source;      ///< path as given, for messages
    std::string layer_name;  ///< OGR layer name
    std::string driver;      ///< OGR driver short name ("GeoJSON", "CSV", ...)
    std::string source_crs;  ///< description of the layer's CRS ("EPSG:4326")
    std::vector<std::string> fields; ///< requested field names, in order
    std::vector<Feature> features;
    LayerStats stats;
    /// CSV files: physical line (1-based) where each data record starts,
    /// indexed by OGR fid - 1 (multi-line quoted fields, blank lines skipped).
    std::vector<std::size_t> record_lines;
    char decimal = '.'; ///< the layer's decimal mark (LayerSpec::decimal)

    /// A number of this layer: digits, a sign, and the layer's decimal mark
    /// ("-1,66" with decimal ','; then a '.' is refused, as it would be a
    /// thousands separator). nullopt if not a number.
    std::optional<double> number(std::string_view text) const;
    /// What number expects, for messages: "a decimal number with '.'".
    std::string number_expected() const;

    /// "file.csv: line 17" for CSV sources (the physical line the record
    /// starts on; header is line 1), else
    /// "file.geojson: feature 17" (OGR fid).
    std::string where(const Feature& feature) const;
    /// Index of a requested field; throws InputError naming the source if absent.
    std::size_t field_index(const std::string& name) const;
};

/// Most features read_layer accepts in one layer. A layer is read whole into
/// memory, about 1 KB per point feature with its fields (measured: 1 million
/// CSV points = 0.9 GB peak), more for polygons; beyond this limit the read
/// stops with an InputError instead of running the machine out of memory.
/// A département has ~300 communes; a 200 m population grid of one
/// département a few 10,000 cells. See docs/limits.md.
inline constexpr std::size_t kMaxLayerFeatures = 2'000'000;

/// Options for read_layer.
struct ReadOptions {
    std::string target_crs = "EPSG:2154"; ///< working CRS (any PROJ/OGR definition)
    std::vector<std::string> fields;      ///< attribute fields to read (must exist)
    bool repair = true;                   ///< repair invalid polygons (else InputError)
    std::size_t max_features = kMaxLayerFeatures; ///< more is an InputError (bounded memory)
};

/// Reads a whole layer. Throws InputError naming the source (and the feature
/// or line) on a missing/unreadable source, missing field, unknown CRS, or a
/// geometry that cannot be read/repaired. Empty layers are returned empty:
/// callers decide whether that is an error.
/// Checks a CRS definition ("EPSG:2154", WKT, PROJ string) without reading
/// anything. Returns an empty string if OGR knows it, else why not. With
/// `projected`, a geographic CRS (degrees) is refused too.
std::string crs_problem(const std::string& definition, bool projected);

VectorLayer read_layer(const LayerSpec& spec, const ReadOptions& options,
                       const Logger& log = {});

} // namespace maillage::geo
