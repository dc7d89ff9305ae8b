#pragma once
/// Building a car graph from OpenStreetMap (.osm.pbf, .osm, .osm.bz2/.gz)
/// with libosmium.

#include "core/log.hpp"
#include "network/profile.hpp"
#include "network/road_graph.hpp"

#include <string>

namespace maillage::network {

/// A graph and the report of its build.
struct BuiltGraph {
    RoadGraph graph;
    BuildReport report;
};

/// Options shared by the graph builders.
struct GraphBuildOptions {
    std::string crs = "EPSG:2154"; ///< working CRS of node and shape coordinates
    /// Keep only the largest strongly connected component (the default: every
    /// kept node can reach and be reached from every other). False keeps all
    /// components, e.g. to inspect roads cut off at an extract's border.
    bool keep_largest_component = true;
};

/// Reads the car ways of an OSM file in two passes (ways, then the nodes they
/// use: only their locations are kept, no index of all nodes), folds shape
/// points, keeps the largest strongly connected component. Peak memory:
/// about 70 bytes per node of car ways, graph included (3.9 GiB for a
/// synthetic France of 58 M nodes, 10.9 M graph nodes; docs/benchmarks.md). Throws InputError naming
/// the file if it is missing, unreadable, truncated, or holds no drivable road.
BuiltGraph build_graph_from_osm(const std::string& path, const CarProfile& profile,
                                const Logger& log = {}, const GraphBuildOptions& options = {});

} // namespace maillage::network
