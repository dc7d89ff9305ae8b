#include "app/travel.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "network/line_profile.hpp"
#include "network/open_network.hpp"
#include "network/profile.hpp"
#include "network/speed_zones.hpp"

#include <filesystem>

namespace maillage::app {

namespace {

/// A profile file is either a car profile (OSM tags) or a line-layer profile.
struct LoadedProfile {
    network::CarProfile car = network::default_car_profile();
    std::optional<network::LineProfile> line;
};

LoadedProfile load_any_profile(const std::string& path) {
    LoadedProfile out;
    if (path.empty()) return out;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path + ": profile file not found");
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path + ": is a directory, expected a profile file (.toml)");
    const std::string text = read_text_file(path, "profile file", network::kMaxProfileBytes,
                                               "a profile lists road classes and speeds: is it the right file?");
    if (network::is_line_profile_text(text, path)) out.line = network::parse_line_profile(text, path);
    else out.car = network::parse_profile(text, path);
    return out;
}

} // namespace

ScenarioNetwork open_scenario_network(const TravelSettings& s, const std::string& working_crs, const Logger& log,
                                      bool keep_largest_component) {
    ScenarioNetwork out;
    network::GraphBuildOptions bo;
    bo.crs = working_crs;
    bo.keep_largest_component = keep_largest_component;
    auto take_access = [&](const network::LineProfile& p) {
        if (!out.access_speed_kmh) out.access_speed_kmh = p.access_speed_kmh;
        if (!out.access_circuity) out.access_circuity = p.access_circuity;
        if (!out.max_snap_m) out.max_snap_m = p.max_snap_m;
    };
    const LoadedProfile shared = load_any_profile(s.profile);
    if (s.network_layers.empty()) {
        if (shared.line) {
            take_access(*shared.line);
            network::NetworkLayer l;
            l.layer.path = s.network;
            l.mapping = shared.line->mapping;
            l.mapping_name = shared.line->name;
            l.length_factor = shared.line->length_factor;
            out.built_up.push_back({shared.line->built_up, shared.line->built_up_below_kmh});
            out.built = network::build_graph_from_layers({l}, {}, log, bo);
        } else {
            out.built = network::open_network(s.network, shared.car, {}, {}, log, bo);
        }
        out.source = s.network;
        return out;
    }
    std::vector<network::NetworkLayer> layers;
    for (const auto& ls : s.network_layers) {
        const LoadedProfile own = ls.profile.empty() ? shared : load_any_profile(ls.profile);
        network::NetworkLayer l;
        l.layer.path = ls.path;
        l.layer.layer = ls.layer;
        if (own.line) {
            take_access(*own.line);
            l.mapping = own.line->mapping;
            l.mapping_name = own.line->name;
            l.length_factor = own.line->length_factor;
            out.built_up.push_back({own.line->built_up, own.line->built_up_below_kmh});
        } else {
            l.profile = own.car;
            out.built_up.emplace_back();
        }
        layers.push_back(std::move(l));
        out.source += (out.source.empty() ? "" : " + ") + ls.path;
    }
    network::JoinOptions jo;
    jo.tolerance_m = s.join_tolerance_m;
    jo.near_miss_m = s.near_miss_m;
    out.built = network::build_graph_from_layers(layers, jo, log, bo);
    return out;
}

TravelSetup make_travel_model(const TravelSettings& s, const std::string& working_crs, const Logger& log,
                              const Territory* territory) {
    TravelSetup out;
    if (s.model == "crow-fly") {
        network::CrowFlyOptions o;
        o.circuity = s.circuity;
        o.speed_kmh = s.speed_kmh;
        out.model = std::make_unique<network::CrowFlyModel>(o);
        return out;
    }
    ScenarioNetwork net = open_scenario_network(s, working_crs, log);
    const auto& r = net.built.report;
    const std::string& source = net.source;
    if (net.built.graph.crs != working_crs)
        throw InputError(source + ": graph is in " + net.built.graph.crs + " but the scenario works in " + working_crs +
                         " (rebuild it with maillage graph build --crs " + working_crs + ")");
    out.notes.push_back("road graph from " + source + ": " + std::to_string(r.nodes) + " nodes, " +
                        std::to_string(r.arcs) + " arcs; " + std::to_string(r.dropped_nodes) +
                        " nodes outside the largest strongly connected component dropped; built in " +
                        format_fixed(r.seconds, 2) + " s");
    if (r.joined) {
        for (const auto& l : r.layers)
            out.notes.push_back("layer " + l.name + " (" + l.profile + "): " + std::to_string(l.car_roads) +
                                " car roads, " + std::to_string(l.arcs) + " arcs kept");
        out.notes.push_back("layers joined at " + std::to_string(r.joins_identical) + " identical points and " +
                            std::to_string(r.joins_within_tolerance) + " vertices within " +
                            format_fixed(r.join_tolerance_m, 1) + " m; " + std::to_string(r.near_misses) +
                            " near misses (" + format_fixed(r.join_tolerance_m, 1) + " to " +
                            format_fixed(r.near_miss_m, 1) + " m, not joined)");
        for (const auto& e : r.near_miss_examples) out.notes.push_back("near miss: " + e);
    }
    network::RoadGraph graph = std::move(net.built.graph);
    if (territory) {
        for (std::size_t layer = 0; layer < net.built_up.size(); ++layer) {
            const auto& bu = net.built_up[layer];
            if (bu.caps.empty()) continue;
            std::vector<network::SpeedZone> zones;
            std::vector<std::size_t> per_cap(bu.caps.size(), 0);
            for (const auto& c : territory->communes) {
                if (!c.has_population || !(c.area_m2 > 0)) continue;
                const double density = c.population / (c.area_m2 / 1e6);
                for (std::size_t k = 0; k < bu.caps.size(); ++k)
                    if (density >= bu.caps[k].min_density) {
                        zones.push_back({c.area, bu.caps[k].max_kmh});
                        ++per_cap[k];
                        break;
                    }
            }
            network::SpeedZoneScope scope;
            scope.layer = static_cast<std::uint16_t>(layer);
            scope.only_below_kmh = bu.only_below_kmh;
            const auto rep = network::cap_speeds_in_zones(graph, zones, scope);
            std::string caps;
            for (std::size_t k = 0; k < bu.caps.size(); ++k)
                caps += (k ? ", " : "") + std::to_string(per_cap[k]) + " communes of " +
                        format_fixed(bu.caps[k].min_density, 0) + " residents/km2 or more at " +
                        format_fixed(bu.caps[k].max_kmh, 0) + " km/h";
            const std::string name = layer < graph.layer_names.size() ? graph.layer_names[layer] : source;
            out.notes.push_back("built-up slowdown on " + name + " (roads below " +
                                format_fixed(bu.only_below_kmh, 0) + " km/h): " + caps + "; " +
                                std::to_string(rep.arcs_slowed) + " arcs slowed, " +
                                format_fixed(rep.seconds_added / 60.0, 1) + " min added in all");
        }
    }
    if (!s.label.empty()) graph.source = s.label + " [" + graph.source + "]";
    network::RoadModelOptions o;
    o.offroad_speed_kmh = s.offroad_speed_kmh.value_or(net.access_speed_kmh.value_or(o.offroad_speed_kmh));
    o.access_circuity = s.access_circuity.value_or(net.access_circuity.value_or(o.access_circuity));
    o.max_snap_m = s.max_snap_m.value_or(net.max_snap_m.value_or(o.max_snap_m));
    out.model = std::make_unique<network::RoadTravelModel>(std::move(graph), o);
    return out;
}

} // namespace maillage::app
