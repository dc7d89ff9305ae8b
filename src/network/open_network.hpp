#pragma once
/// One entry point for "the network a scenario names": a graph file, an OSM
/// file or any OGR line layer.

#include "core/log.hpp"
#include "network/line_graph.hpp"
#include "network/osm_graph.hpp"

#include <string>

namespace maillage::network {

/// True for names libosmium reads: .osm, .osm.pbf, .pbf, .osm.bz2, .osm.gz, .o5m.
bool is_osm_path(const std::string& path);

/// Loads a graph file (recognised by its magic, any extension), builds from
/// an OSM file (is_osm_path), or else from the OGR line layer `layer` of
/// `path` with `mapping`. For a graph file the report holds only the node
/// and arc counts and the load time. Throws InputError naming the source.
BuiltGraph open_network(const std::string& path, const CarProfile& profile,
                        const LineLayerMapping& mapping = {}, const std::string& layer = {},
                        const Logger& log = {}, const GraphBuildOptions& options = {});

} // namespace maillage::network
