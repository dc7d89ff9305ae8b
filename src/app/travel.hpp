#pragma once
/// Builds the travel model a scenario names: crow-fly, or a road network
/// from an OSM file, a graph file written by `maillage graph build`, or an
/// OGR line layer.

#include "core/log.hpp"
#include "io/scenario.hpp"
#include "model/territory.hpp"
#include "network/line_profile.hpp"
#include "network/osm_graph.hpp"
#include "network/travel_model.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace maillage::app {

struct TravelSetup {
    std::unique_ptr<network::TravelModel> model;
    std::vector<std::string> notes; ///< what was built (nodes, arcs, dropped...)
};

/// The road graph a scenario's [travel] names (one file or several layers
/// merged), with the access-leg defaults of its line-layer profiles.
struct ScenarioNetwork {
    network::BuiltGraph built;
    std::string source; ///< the input paths, " + " between layers
    std::optional<double> access_speed_kmh, access_circuity, max_snap_m;
    /// Per layer (RoadGraph::arc_layer; one entry for a one-layer network):
    /// the [built_up] caps of its line-layer profile (empty: none) and the
    /// speed from which roads are not slowed.
    struct BuiltUp {
        std::vector<network::BuiltUpCap> caps;
        double only_below_kmh = 1e9;
    };
    std::vector<BuiltUp> built_up;
};

/// Builds (or loads) the network of a "network" model. keep_largest_component
/// = false keeps every strongly connected component (for inspection).
/// Throws InputError naming the file for a missing or unreadable network or profile.
ScenarioNetwork open_scenario_network(const TravelSettings& settings, const std::string& working_crs,
                                      const Logger& log = {}, bool keep_largest_component = true);

/// Throws InputError naming the file for a missing or unreadable network.
/// With `territory`, the [built_up] caps of line-layer profiles slow the
/// roads of their layer inside the territory's dense communes (density =
/// population / polygon area); roads outside every commune keep their speed.
TravelSetup make_travel_model(const TravelSettings& settings, const std::string& working_crs,
                              const Logger& log = {}, const Territory* territory = nullptr);

} // namespace maillage::app
