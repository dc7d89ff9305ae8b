// bench_network: figures for one road network input (OSM file, graph file or
// line layer): build time and peak memory, graph file size and load time,
// multi-source nearest-site time, coverage sets per second.
//
//   bench_network [--sites 300] [--demand 100000] [--sources 200]
//                 [--cutoff 1800] [--seed 1] INPUT
//
// Prints one "key: value" line per figure (scripts/bench-network collects them).

#include "network/graph_file.hpp"
#include "network/open_network.hpp"
#include "network/travel_model.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

using namespace maillage;
using namespace maillage::network;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t sites = 300, demand = 100000, sources = 200;
    std::uint32_t cutoff = 1800;
    std::uint64_t seed = 1;
    std::string input;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() { return std::strtoull(argv[++i], nullptr, 10); };
        if (a == "--sites" && i + 1 < argc) sites = next();
        else if (a == "--demand" && i + 1 < argc) demand = next();
        else if (a == "--sources" && i + 1 < argc) sources = next();
        else if (a == "--cutoff" && i + 1 < argc) cutoff = static_cast<std::uint32_t>(next());
        else if (a == "--seed" && i + 1 < argc) seed = next();
        else input = a;
    }
    if (input.empty()) {
        std::fputs("usage: bench_network [--sites N] [--demand N] [--sources N] [--cutoff S] INPUT\n", stderr);
        return 2;
    }
    try {
        auto t0 = std::chrono::steady_clock::now();
        BuiltGraph built = open_network(input, default_car_profile());
        const double build_s = seconds_since(t0);
        const double build_rss = peak_rss_mib();
        std::printf("input: %s\n", input.c_str());
        std::printf("nodes: %u\narcs: %u\nroad_km: %.0f\nlargest_component_share: %.3f\n",
                    built.graph.node_count(), built.graph.arc_count(), built.report.length_km,
                    built.report.kept_share());
        std::printf("build_s: %.3f\nbuild_peak_rss_mib: %.0f\n", build_s, build_rss);

        const auto file = (std::filesystem::temp_directory_path() /
                           ("bench-network-" + std::to_string(::getpid()) + ".graph")).string();
        t0 = std::chrono::steady_clock::now();
        save_graph(built.graph, file);
        std::printf("save_s: %.3f\ngraph_file_mib: %.1f\n", seconds_since(t0),
                    double(std::filesystem::file_size(file)) / (1 << 20));
        built = {};
        t0 = std::chrono::steady_clock::now();
        RoadGraph graph = load_graph(file);
        std::printf("load_s: %.3f\n", seconds_since(t0));
        std::filesystem::remove(file);

        // Places near random nodes (up to 300 m away, so they snap to roads).
        std::mt19937_64 rng(seed);
        std::uniform_int_distribution<NodeId> pick(0, graph.node_count() - 1);
        std::uniform_real_distribution<double> jitter(-300, 300);
        auto places = [&](std::size_t n, const char* prefix) {
            std::vector<Place> out(n);
            for (std::size_t i = 0; i < n; ++i) {
                const NodeId u = pick(rng);
                out[i].xy = geo::Point(graph.x[u] + jitter(rng), graph.y[u] + jitter(rng));
                out[i].lonlat = {graph.lon[u], graph.lat[u]};
                out[i].id = prefix + std::to_string(i);
            }
            return out;
        };
        const auto site_places = places(sites, "site");
        const auto demand_places = places(demand, "demand");
        const auto source_places = places(sources, "source");

        t0 = std::chrono::steady_clock::now();
        const RoadTravelModel model(std::move(graph));
        std::printf("snap_index_s: %.3f\n", seconds_since(t0));

        t0 = std::chrono::steady_clock::now();
        SnapReport report;
        const NearestSites ns = model.nearest(site_places, demand_places, &report);
        const double nearest_s = seconds_since(t0);
        std::size_t reached = 0;
        for (auto t : ns.time_s) reached += t != kUnreachable;
        std::printf("nearest_sites: %zu\nnearest_demand: %zu\nnearest_s: %.3f\nnearest_reached: %zu\n",
                    sites, demand, nearest_s, reached);

        t0 = std::chrono::steady_clock::now();
        const CoverageSets sets = model.coverage(source_places, demand_places, cutoff);
        const double coverage_s = seconds_since(t0);
        std::printf("coverage_sources: %zu\ncoverage_cutoff_s: %u\ncoverage_s: %.3f\n"
                    "coverage_sets_per_s: %.1f\ncoverage_mean_set_size: %.0f\n",
                    sources, cutoff, coverage_s, double(sources) / coverage_s,
                    double(sets.demand.size()) / double(sources));
        std::printf("final_peak_rss_mib: %.0f\n", peak_rss_mib());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_network: %s\n", e.what());
        return 1;
    }
    return 0;
}
