// maillage graph build / graph info: road graphs from OSM or line layers.

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "network/graph_file.hpp"
#include "network/line_graph.hpp"
#include "network/line_profile.hpp"
#include "network/osm_graph.hpp"
#include "network/profile.hpp"
#include "report/table.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

namespace maillage::cli {

namespace {

struct GraphBuildOptions {
    std::string input;
    std::string output;
    std::string profile;
    std::string crs = "EPSG:2154";
    std::string layer;
    std::string speed_field;
    std::string oneway_field;
    double speed_factor = 1.0;
};

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run_build(const GraphBuildOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    // A line-layer profile (docs/profiles.md) holds its own mapping.
    std::optional<network::LineProfile> line_profile;
    if (!o.profile.empty() && std::filesystem::is_regular_file(o.profile)) {
        const std::string text = read_text_file(o.profile, "profile file", network::kMaxProfileBytes,
                                               "a profile lists road classes and speeds: is it the right file?");
        if (network::is_line_profile_text(text, o.profile)) line_profile = network::parse_line_profile(text, o.profile);
    }
    const auto profile = o.profile.empty() || line_profile ? network::default_car_profile()
                                                           : network::load_profile(o.profile);
    network::GraphBuildOptions bo;
    bo.crs = o.crs;
    network::BuiltGraph built;
    if (line_profile) {
        if (!o.speed_field.empty())
            throw UsageError("--speed-field cannot be combined with a line-layer profile (it holds the mapping)");
        network::NetworkLayer l;
        l.layer.path = o.input;
        l.layer.layer = o.layer;
        l.mapping = line_profile->mapping;
        l.mapping_name = line_profile->name;
        l.length_factor = line_profile->length_factor;
        built = network::build_graph_from_layers({l}, {}, log, bo);
    } else if (ends_with(o.input, ".pbf") || ends_with(o.input, ".osm") || ends_with(o.input, ".osm.bz2") ||
        ends_with(o.input, ".osm.gz")) {
        built = network::build_graph_from_osm(o.input, profile, log, bo);
    } else {
        geo::LayerSpec spec;
        spec.path = o.input;
        spec.layer = o.layer;
        network::LineLayerMapping mapping;
        if (!o.speed_field.empty()) {
            mapping.kind = network::LineLayerMapping::Kind::speed_field;
            mapping.speed_field = o.speed_field;
            mapping.oneway_field = o.oneway_field;
            mapping.speed_factor = o.speed_factor;
        }
        built = network::build_graph_from_lines(spec, mapping, profile, log, bo);
    }
    network::save_graph(built.graph, o.output);
    std::string out = "graph of " + o.input + " (profile " + built.graph.profile + ", CRS " + built.graph.crs + ")\n";
    out += network::describe(built.report);
    if (!out.empty() && out.back() != '\n') out += "\n";
    out += "written: " + o.output + " (" + std::to_string(std::filesystem::file_size(o.output)) + " bytes)\n";
    emit(out, "");
    return 0;
}

int run_info(const std::string& path, const GlobalOptions&) {
    const auto start = std::chrono::steady_clock::now();
    const auto g = network::load_graph(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string out = path + ": graph file version " + std::to_string(network::kGraphFileVersion) + "\n";
    out += "source: " + g.source + "\nprofile: " + g.profile + "\nCRS: " + g.crs + "\n";
    out += "nodes: " + std::to_string(g.node_count()) + ", arcs: " + std::to_string(g.arc_count()) +
           ", shapes: " + std::to_string(g.shape_count()) + "\n";
    out += "load time: " + format_fixed(seconds * 1000, 1) + " ms\n";
    emit(out, "");
    return 0;
}

} // namespace

Action setup_graph(CLI::App& app, const GlobalOptions& global) {
    auto* graph = app.add_subcommand("graph", "Road graphs: build from OpenStreetMap or a line layer, inspect");
    graph->require_subcommand(1);
    graph->footer("Examples:\n  maillage graph build ille-et-vilaine.osm.pbf -o 35.mlg\n  maillage graph info 35.mlg");

    auto opts = std::make_shared<GraphBuildOptions>();
    auto* build = graph->add_subcommand("build", "Build a car graph file from .osm.pbf/.osm or an OGR line layer");
    build->footer("Examples:\n"
                  "  maillage graph build bretagne-latest.osm.pbf -o bretagne.mlg\n"
                  "  maillage graph build rennes_streets.geojson -o rennes.mlg          # OSM tags as fields\n"
                  "  maillage graph build route500.gpkg --layer troncon_route --speed-field vitesse \\\n"
                  "      --oneway-field sens -o route500.mlg\n\n"
                  "OSM input keeps the ways a car may use (profile data/profiles/car-fr.toml by default).\n"
                  "Line layers are split only at shared vertices. The largest strongly connected\n"
                  "component is kept and what was dropped is reported.");
    build->add_option("input", opts->input, "OSM file (.osm.pbf, .osm) or OGR line layer (GeoJSON, GPKG, SHP...)")
        ->required();
    build->add_option("-o,--output", opts->output, "Graph file to write")->required();
    build->add_option("--profile", opts->profile, "Speed profile (TOML, see docs/profiles.md)");
    build->add_option("--crs", opts->crs, "Working CRS of the graph (default EPSG:2154)");
    build->add_option("--layer", opts->layer, "Layer name in a multi-layer line source");
    build->add_option("--speed-field", opts->speed_field, "Line layer: field holding the speed in km/h");
    build->add_option("--oneway-field", opts->oneway_field, "Line layer with --speed-field: one-way field");
    build->add_option("--speed-factor", opts->speed_factor, "Line layer with --speed-field: factor on speeds")
        ->check(CLI::Range(0.01, 2.0));

    auto info_path = std::make_shared<std::string>();
    auto* info = graph->add_subcommand("info", "Print what a graph file holds and how long it takes to load");
    info->footer("Example:\n  maillage graph info 35.mlg");
    info->add_option("file", *info_path, "Graph file")->required();

    return [opts, info_path, build, info, &global]() -> int {
        if (build->parsed()) return run_build(*opts, global);
        if (info->parsed()) return run_info(*info_path, global);
        return 2;
    };
}

} // namespace maillage::cli
