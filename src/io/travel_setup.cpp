#include "io/travel_setup.hpp"

#include "core/error.hpp"
#include "network/graph_file.hpp"
#include "network/osm_graph.hpp"
#include "network/profile.hpp"

#include <filesystem>

namespace maillage {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_osm_file(const std::string& path) {
    return ends_with(path, ".osm.pbf") || ends_with(path, ".pbf") || ends_with(path, ".osm") ||
           ends_with(path, ".osm.bz2") || ends_with(path, ".osm.gz");
}

} // namespace

TravelSetup make_travel_model(const TravelSettings& s, const std::string& working_crs, const Logger& log) {
    TravelSetup out;
    if (s.model == "crow-fly") {
        network::CrowFlyOptions o;
        o.circuity = s.circuity;
        o.speed_kmh = s.speed_kmh;
        out.model = std::make_unique<network::CrowFlyModel>(o);
        return out;
    }
    network::RoadGraph graph;
    if (!std::filesystem::exists(s.network)) throw InputError(s.network + ": road network file not found");
    if (network::is_graph_file(s.network)) {
        graph = network::load_graph(s.network);
        out.notes.push_back("road graph loaded from " + s.network);
    } else if (is_osm_file(s.network)) {
        const auto profile = s.profile.empty() ? network::default_car_profile() : network::load_profile(s.profile);
        network::GraphBuildOptions bo;
        bo.crs = working_crs;
        auto built = network::build_graph_from_osm(s.network, profile, log, bo);
        const auto& r = built.report;
        out.notes.push_back("road graph built from " + s.network + ": " + std::to_string(r.nodes) + " nodes, " +
                            std::to_string(r.arcs) + " arcs kept; " + std::to_string(r.dropped_nodes) +
                            " nodes outside the largest strongly connected component dropped");
        graph = std::move(built.graph);
    } else {
        throw InputError(s.network + ": not a graph file nor an OSM file (.osm.pbf, .osm); build a graph from a "
                                     "line layer with 'maillage graph build' first");
    }
    network::RoadModelOptions o;
    o.offroad_speed_kmh = s.offroad_speed_kmh;
    o.max_snap_m = s.max_snap_m;
    out.model = std::make_unique<network::RoadTravelModel>(std::move(graph), o);
    return out;
}

} // namespace maillage
