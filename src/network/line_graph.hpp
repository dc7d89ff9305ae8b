#pragma once
/// Building a car graph from any OGR line layer (GeoJSON, GeoPackage,
/// Shapefile: IGN ROUTE 500 or BD TOPO road sections, a city's street file,
/// OSM tags exported as properties) with a field mapping.

#include "core/log.hpp"
#include "geo/vector_layer.hpp"
#include "network/osm_graph.hpp"
#include "network/profile.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace maillage::network {

/// Speeds a mapping accepts (class table entries, speed field values), km/h.
inline constexpr double kMinLineSpeedKmh = 1;
inline constexpr double kMaxLineSpeedKmh = 300;
/// Speed factors a mapping accepts.
inline constexpr double kMinSpeedFactor = 0.01;
inline constexpr double kMaxSpeedFactor = 10;

/// How a layer's attributes give speed and direction (docs/profiles.md).
struct LineLayerMapping {
    enum class Kind {
        osm_tags,    ///< fields are OSM tags, read through the car profile
        class_table, ///< a class field and a class -> km/h table
        speed_field, ///< a numeric km/h field
    };
    Kind kind = Kind::osm_tags;

    /// osm_tags: fields to read, named as OSM keys ("highway" required;
    /// oneway, maxspeed, junction, access, vehicle, motor_vehicle, motorcar,
    /// area, service, construction understood). Every listed field must exist.
    std::vector<std::string> tag_fields{"highway", "oneway", "maxspeed", "junction", "access"};

    /// class_table: the class field and the speed (km/h, in [1, 300]) per
    /// class; features of unlisted classes are not car roads.
    std::string class_field;
    std::map<std::string, double, std::less<>> class_speed_kmh;

    /// speed_field: field holding the speed in km/h; features whose value is
    /// empty, not a number or outside [1, 300] are skipped and counted.
    std::string speed_field;

    /// class_table: optional fields whose values, joined by ":", are looked
    /// up in override_speed_kmh (km/h, in [1, 300]); a listed key replaces the
    /// class speed, e.g. {"tm_system", "ref"} -> "frabred35:D137" for a dual
    /// carriageway among ordinary D roads. Only for classes in the table.
    std::vector<std::string> override_fields;
    std::map<std::string, double, std::less<>> override_speed_kmh;

    /// class_table and speed_field: speeds are multiplied by this, in [0.01, 10].
    double speed_factor = 1.0;

    /// class_table and speed_field: one-way field (empty = every road is
    /// two-way) and the values meaning "along the line", "against it", "closed".
    /// Other values mean two-way.
    std::string oneway_field;
    std::vector<std::string> forward_values{"yes", "1", "true", "Sens direct", "Sens unique"};
    std::vector<std::string> backward_values{"-1", "reverse", "Sens inverse"};
    std::vector<std::string> closed_values{"reversible", "alternating"};
};

/// The fields build_graph_from_lines reads for `mapping`, in order: the OSM
/// tag fields; or the class (speed) field, then the one-way field if any,
/// then the override fields (class_table).
/// Throws UsageError if the mapping is incomplete or its speeds are unusable.
std::vector<std::string> line_layer_fields(const LineLayerMapping& mapping);

/// What the mapped field values of one line feature make of it.
struct LineFeatureClass {
    bool car = false;              ///< a car road: speed_kmh > 0, direction != 0
    bool closed = false;           ///< a road closed by its one-way value (not a car road)
    bool invalid_maxspeed = false; ///< osm_tags: maxspeed not understood (class speed used)
    std::string skipped;           ///< speed_field: why the value is not a speed; empty otherwise
    float speed_kmh = 0;           ///< driving speed
    std::uint8_t direction = 0;    ///< WaySet::kForward | WaySet::kBackward bits
};

/// Maps one feature's values (`values[i]` belongs to `fields[i]`, as given by
/// line_layer_fields; empty = null) to speed and direction. Pure, O(number of
/// fields + one-way values); never throws on any value.
LineFeatureClass classify_line_feature(const LineLayerMapping& mapping, const CarProfile& profile,
                                       const std::vector<std::string>& fields,
                                       const std::vector<std::string_view>& values);

/// Reads a line layer (reprojected to options.crs by read_layer), splits
/// lines only where they share a vertex (identical coordinates after
/// reprojection: a bridge over a road is no junction), and builds the graph
/// like the OSM builder. Throws InputError naming the source if it cannot be
/// read, a mapped field is missing, or no drivable road remains.
BuiltGraph build_graph_from_lines(const geo::LayerSpec& layer, const LineLayerMapping& mapping,
                                  const CarProfile& profile, const Logger& log = {},
                                  const GraphBuildOptions& options = {});

/// One layer of a merged network and how to read it.
struct NetworkLayer {
    geo::LayerSpec layer;        ///< path and layer name
    LineLayerMapping mapping;    ///< how its fields give speed and direction
    CarProfile profile;          ///< for mapping.kind == osm_tags
    std::string mapping_name = "line-layer mapping"; ///< shown for other kinds
    /// Lengths and times of its roads are multiplied by this, in [0.5, 3]
    /// (straight lines between distant waypoints are shorter than the road).
    double length_factor = 1;
};

/// How the layers of a merged network are joined.
struct JoinOptions {
    double tolerance_m = 5;  ///< a vertex this close to one of an earlier layer is joined to it, [0, 1000]
    double near_miss_m = 25; ///< beyond the tolerance and up to this: counted as a near miss, [tolerance, 10000]
};

/// Reads every layer (reprojected to options.crs), joins them and builds one
/// graph. Inside a layer, lines meet only at identical vertices (as in
/// build_graph_from_lines). A vertex of a later layer whose nearest vertex of
/// the earlier layers lies within join.tolerance_m becomes that vertex
/// (identical points included); within join.near_miss_m it is counted as a
/// near miss. The report gives per-layer counts, joins and near misses; the
/// graph keeps the layer of each arc (arc_layer, layer_names). Cost: one
/// hash-grid lookup per vertex. Throws UsageError for bad options, InputError
/// as build_graph_from_lines.
BuiltGraph build_graph_from_layers(const std::vector<NetworkLayer>& layers, const JoinOptions& join = {},
                                   const Logger& log = {}, const GraphBuildOptions& options = {});

} // namespace maillage::network
