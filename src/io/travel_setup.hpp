#pragma once
/// Builds the travel model a scenario names: crow-fly, or a road network
/// from an OSM file, a graph file written by `maillage graph build`, or an
/// OGR line layer.

#include "core/log.hpp"
#include "io/scenario.hpp"
#include "network/travel_model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace maillage {

struct TravelSetup {
    std::unique_ptr<network::TravelModel> model;
    std::vector<std::string> notes; ///< what was built (nodes, arcs, dropped...)
};

/// Throws InputError naming the file for a missing or unreadable network.
TravelSetup make_travel_model(const TravelSettings& settings, const std::string& working_crs,
                              const Logger& log = {});

} // namespace maillage
