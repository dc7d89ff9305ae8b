#include "network/open_network.hpp"

#include "core/error.hpp"
#include "network/graph_file.hpp"

#include <chrono>
#include <filesystem>

namespace maillage::network {

bool is_osm_path(const std::string& path) {
    auto ends_with = [&](const char* suffix) {
        const std::string s(suffix);
        return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
    };
    for (const char* s : {".osm", ".osm.pbf", ".pbf", ".osm.bz2", ".osm.gz", ".o5m", ".osc"})
        if (ends_with(s)) return true;
    return false;
}

BuiltGraph open_network(const std::string& path, const CarProfile& profile,
                        const LineLayerMapping& mapping, const std::string& layer,
                        const Logger& log, const GraphBuildOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && is_graph_file(path)) {
        const auto started = std::chrono::steady_clock::now();
        BuiltGraph out;
        out.graph = load_graph(path);
        if (out.graph.crs != options.crs)
            throw InputError(path + ": graph coordinates are in " + out.graph.crs +
                             ", the working CRS is " + options.crs + " (rebuild the graph)");
        out.report.nodes = out.report.nodes_before_scc = out.graph.node_count();
        out.report.arcs = out.report.arcs_before_scc = out.graph.arc_count();
        out.report.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        log.info(path + ": graph file loaded");
        return out;
    }
    if (is_osm_path(path)) return build_graph_from_osm(path, profile, log, options);
    geo::LayerSpec spec;
    spec.path = path;
    spec.layer = layer;
    return build_graph_from_lines(spec, mapping, profile, log, options);
}

} // namespace maillage::network
