#include "io/travel_setup.hpp"

#include "core/error.hpp"
#include "network/open_network.hpp"
#include "network/profile.hpp"

#include <filesystem>

namespace maillage {

TravelSetup make_travel_model(const TravelSettings& s, const std::string& working_crs, const Logger& log) {
    TravelSetup out;
    if (s.model == "crow-fly") {
        network::CrowFlyOptions o;
        o.circuity = s.circuity;
        o.speed_kmh = s.speed_kmh;
        out.model = std::make_unique<network::CrowFlyModel>(o);
        return out;
    }
    const auto profile = s.profile.empty() ? network::default_car_profile() : network::load_profile(s.profile);
    network::GraphBuildOptions bo;
    bo.crs = working_crs;
    auto built = network::open_network(s.network, profile, {}, {}, log, bo);
    const auto& r = built.report;
    if (built.graph.crs != working_crs)
        throw InputError(s.network + ": graph is in " + built.graph.crs + " but the scenario works in " + working_crs +
                         " (rebuild it with maillage graph build --crs " + working_crs + ")");
    out.notes.push_back("road graph from " + s.network + ": " + std::to_string(r.nodes) + " nodes, " +
                        std::to_string(r.arcs) + " arcs; " + std::to_string(r.dropped_nodes) +
                        " nodes outside the largest strongly connected component dropped");
    network::RoadGraph graph = std::move(built.graph);
    network::RoadModelOptions o;
    o.offroad_speed_kmh = s.offroad_speed_kmh;
    o.max_snap_m = s.max_snap_m;
    out.model = std::make_unique<network::RoadTravelModel>(std::move(graph), o);
    return out;
}

} // namespace maillage
