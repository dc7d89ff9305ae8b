// bench_network: figures for one road network input (OSM file, graph file or
// line layer): build time and peak memory, graph file size and load time,
// multi-source nearest-site time, coverage sets per second.
//
//   bench_network [--sites 300] [--demand 100000] [--sources 200]
//                 [--cutoff 1800] [--seed 1] INPUT
//
// Prints one "key: value" line per figure (scripts/bench-network collects them).
// Peak RSS is given per phase: build_peak_rss_mib (the build, as the process
// peak so far), then, after resetting the kernel's high-water mark
// (/proc/self/clear_refs), load_peak_rss_mib (graph file load),
// snap_index_peak_rss_mib (graph + snapping index built) and
// queries_peak_rss_mib (from the index build to the end of the queries).

#include "network/graph_file.hpp"
#include "network/open_network.hpp"
#include "network/travel_model.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
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

/// Peak RSS since the last reset_peak_rss() (Linux VmHWM), in MiB; -1 if unknown.
double phase_peak_rss_mib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    double kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %lf kB", &kib) == 1) break;
    std::fclose(f);
    return kib < 0 ? -1 : kib / 1024.0;
}

/// Resets the peak RSS to the current RSS (Linux >= 4.0: "5" > /proc/self/clear_refs),
/// so that phase_peak_rss_mib() measures one phase.
void reset_peak_rss() {
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
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
        reset_peak_rss();
        t0 = std::chrono::steady_clock::now();
        RoadGraph graph = load_graph(file);
        const double load_rss = phase_peak_rss_mib();
        std::printf("load_s: %.3f\nload_peak_rss_mib: %.0f\n", seconds_since(t0), load_rss);
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

        reset_peak_rss();
        t0 = std::chrono::steady_clock::now();
        const RoadTravelModel model(std::move(graph));
        std::printf("snap_index_s: %.3f\nsnap_index_peak_rss_mib: %.0f\n", seconds_since(t0),
                    phase_peak_rss_mib());

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
        const double queries_rss = phase_peak_rss_mib();
        std::printf("queries_peak_rss_mib: %.0f\n", queries_rss);
        // getrusage's maximum follows the reset high-water mark: take the max of the phases.
        std::printf("final_peak_rss_mib: %.0f\n", std::max({build_rss, load_rss, queries_rss}));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_network: %s\n", e.what());
        return 1;
    }
    return 0;
}
