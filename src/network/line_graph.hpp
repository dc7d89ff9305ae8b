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
#include <vector>

namespace maillage::network {

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

    /// class_table: the class field and the driving speed (km/h) per class;
    /// features of unlisted classes are not car roads.
    std::string class_field;
    std::map<std::string, double, std::less<>> class_speed_kmh;

    /// speed_field: field holding the driving speed in km/h; features whose
    /// value is empty, 0 or not a number are skipped and counted.
    std::string speed_field;

    /// class_table and speed_field: speeds are multiplied by this.
    double speed_factor = 1.0;

    /// class_table and speed_field: one-way field (empty = every road is
    /// two-way) and the values meaning "along the line", "against it", "closed".
    /// Other values mean two-way.
    std::string oneway_field;
    std::vector<std::string> forward_values{"yes", "1", "true", "Sens direct", "Sens unique"};
    std::vector<std::string> backward_values{"-1", "reverse", "Sens inverse"};
    std::vector<std::string> closed_values{"reversible", "alternating"};
};

/// Reads a line layer (reprojected to options.crs by read_layer), splits
/// lines only where they share a vertex (identical coordinates after
/// reprojection: a bridge over a road is no junction), and builds the graph
/// like the OSM builder. Throws InputError naming the source if it cannot be
/// read, a mapped field is missing, or no drivable road remains.
BuiltGraph build_graph_from_lines(const geo::LayerSpec& layer, const LineLayerMapping& mapping,
                                  const CarProfile& profile, const Logger& log = {},
                                  const GraphBuildOptions& options = {});

} // namespace maillage::network
