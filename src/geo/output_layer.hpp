#pragma once
/// Output layers: plain feature collections that the writers (GeoJSON,
/// GeoPackage, web map) turn into files. Geometry is in the working CRS;
/// writers reproject where the format wants lon/lat.
///
/// It lives in geo/ because the GeoPackage writer (GDAL) must, and geo/ does
/// not depend on the layers above it.

#include "geo/types.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace maillage::geo {

enum class FieldType { string, integer, real, boolean };

/// "string", "integer", "real", "bool".
const char* to_string(FieldType type);

/// One attribute column.
struct FieldDef {
    std::string name; ///< column name in files: [A-Za-z_][A-Za-z0-9_]*
    FieldType type = FieldType::string;
    std::string title_fr; ///< label in web-map popups; empty = `name`
    std::string title_en; ///< English label; empty = `title_fr` or `name`
    std::string unit;     ///< shown after the value in popups ("min", "km"), may be empty
    /// A real in 0..1 shown as a percentage in popups (files keep 0..1).
    bool share = false;
};

/// A property value; std::monostate is null. The alternative must match the
/// field type (std::string / std::int64_t / double / bool).
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

enum class LayerGeometry { point, line, polygon };

/// "point", "line", "polygon".
const char* to_string(LayerGeometry kind);

/// One feature. Only the member matching the layer's geometry kind is used;
/// an empty one writes a null geometry.
struct OutputFeature {
    Point point;
    bool has_point = true; ///< false: null geometry for a point layer
    MultiLineString lines;
    MultiPolygon polygons;
    std::vector<FieldValue> values; ///< one per field of the layer, in order
};

struct OutputLayer {
    std::string name;     ///< file/table name: [A-Za-z0-9_-]+, unique in an export
    std::string title_fr; ///< shown in the web map's layer switcher
    std::string title_en;
    LayerGeometry kind = LayerGeometry::point;
    std::vector<FieldDef> fields;
    std::vector<OutputFeature> features;

    /// Index of a field by name, or fields.size() if absent.
    std::size_t field_index(const std::string& field) const;
};

/// Checks names (layer and fields), value count and types of every feature.
/// Throws OutputError "layer cantons: feature 3: field share: expected real,
/// got string".
void validate(const OutputLayer& layer);

} // namespace maillage::geo
