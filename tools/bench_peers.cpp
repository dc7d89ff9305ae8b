// bench_peers: our side of the pgRouting / networkx comparison (issue 3).
// Loads a graph file, writes its arcs as CSV for the peers, picks seeded
// random sources and times our bounded one-to-many search from each of them.
// Driven by scripts/bench-peers, which runs the peers on the same CSV.
//
//   bench_peers GRAPH --arcs ARCS.csv --sources-out SOURCES.csv
//               --times TIMES.csv [--sources 100] [--check 10] [--runs 7]
//               [--cutoff 1800] [--seed 1]
//
// Direction: every search runs on the TRANSPOSED graph (backward_view), as the
// coverage code does: the time of a node is the time to drive from that node
// to the source (a site). The peers must search the reversed arcs.
//
// Files (all ids 1-based, as pgRouting wants positive ids: node n is n+1,
// arc a is a+1):
//   ARCS.csv     id,source,target,cost,reverse_cost: one row per directed
//                forward arc, cost = time_ds / 10 in seconds written exactly
//                ("12.3"), reverse_cost = -1 (no implicit reverse arc).
//   SOURCES.csv  source: the picked sources, in order.
//   TIMES.csv    source,node,time_ds: every node reached within the cutoff
//                from the first --check sources, time in deciseconds.
// Output: one "key: value" line per figure on stdout.

#include "network/dijkstra.hpp"
#include "network/graph_file.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <time.h>

using namespace maillage;
using namespace maillage::network;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// CPU time of this thread: unlike wall time, it leaves out the time the
/// scheduler gives to other processes on a shared machine.
double thread_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::ofstream open_out(const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error(path + ": cannot open for writing");
    return out;
}

void close_out(std::ofstream& out, const std::string& path) {
    out.close();
    if (!out) throw std::runtime_error(path + ": write failed");
}

void write_arcs(const RoadGraph& g, const std::string& path) {
    auto out = open_out(path);
    out << "id,source,target,cost,reverse_cost\n";
    std::string line;
    for (NodeId u = 0; u < g.node_count(); ++u) {
        for (ArcId a = g.first_out[u]; a < g.first_out[u + 1]; ++a) {
            const TimeDs t = g.time_ds[a];
            line = std::to_string(a + 1) + ',' + std::to_string(u + 1) + ',' +
                   std::to_string(g.head[a] + 1) + ',' + std::to_string(t / 10) + '.' +
                   std::to_string(t % 10) + ",-1\n";
            out << line;
        }
    }
    close_out(out, path);
}

} // namespace

int main(int argc, char** argv) {
    std::string graph_path, arcs_path, sources_path, times_path;
    std::size_t sources = 100, check = 10, runs = 7;
    std::uint32_t cutoff_s = 1800;
    std::uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--arcs" && has_value) arcs_path = argv[++i];
        else if (a == "--sources-out" && has_value) sources_path = argv[++i];
        else if (a == "--times" && has_value) times_path = argv[++i];
        else if (a == "--sources" && has_value) sources = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--check" && has_value) check = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--runs" && has_value) runs = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--cutoff" && has_value)
            cutoff_s = static_cast<std::uint32_t>(std::strtoul(argv[++i], nullptr, 10));
        else if (a == "--seed" && has_value) seed = std::strtoull(argv[++i], nullptr, 10);
        else if (!a.empty() && a[0] != '-' && graph_path.empty()) graph_path = a;
        else {
            std::fprintf(stderr, "bench_peers: unexpected argument \"%s\"\n", a.c_str());
            return 2;
        }
    }
    if (graph_path.empty() || arcs_path.empty() || sources_path.empty() || times_path.empty() ||
        sources == 0 || runs == 0) {
        std::fputs("usage: bench_peers GRAPH --arcs FILE --sources-out FILE --times FILE\n"
                   "         [--sources N] [--check K] [--runs R] [--cutoff S] [--seed S]\n",
                   stderr);
        return 2;
    }
    try {
        auto t0 = std::chrono::steady_clock::now();
        const RoadGraph g = load_graph(graph_path);
        const double load_s = seconds_since(t0);
        if (g.node_count() == 0) throw std::runtime_error(graph_path + ": empty graph");
        write_arcs(g, arcs_path);

        // Sources: seeded, uniform over the nodes (modulo of a 64-bit draw:
        // the same sources with any standard library).
        std::mt19937_64 rng(seed);
        std::vector<NodeId> src(sources);
        for (auto& s : src) s = static_cast<NodeId>(rng() % g.node_count());
        {
            auto out = open_out(sources_path);
            out << "source\n";
            for (NodeId s : src) out << s + 1 << '\n';
            close_out(out, sources_path);
        }

        const TimeDs limit_ds = cutoff_s * 10;
        Dijkstra dij(backward_view(g));
        // Each search produces its node -> time table, as the peers do.
        std::vector<std::pair<NodeId, TimeDs>> table;
        table.reserve(g.node_count());

        // Reference pass (untimed): the tables of the first `check` sources.
        std::uint64_t reached_total = 0, at_cutoff_total = 0;
        {
            auto out = open_out(times_path);
            out << "source,node,time_ds\n";
            for (std::size_t i = 0; i < src.size(); ++i) {
                dij.reset();
                dij.add_source(src[i], 0);
                dij.run(limit_ds);
                reached_total += dij.settled().size();
                // Nodes exactly at the cutoff: the peers add decimal seconds
                // as doubles and may find them a hair above it.
                for (NodeId v : dij.settled()) at_cutoff_total += dij.time_ds(v) == limit_ds;
                if (i < check)
                    for (NodeId v : dij.settled())
                        out << src[i] + 1 << ',' << v + 1 << ',' << dij.time_ds(v) << '\n';
            }
            close_out(out, times_path);
        }

        std::vector<double> run_s, cpu_s;
        std::uint64_t sink = 0;
        for (std::size_t r = 0; r < runs; ++r) {
            const double c0 = thread_cpu_s();
            t0 = std::chrono::steady_clock::now();
            for (NodeId s : src) {
                dij.reset();
                dij.add_source(s, 0);
                dij.run(limit_ds);
                table.clear();
                for (NodeId v : dij.settled()) table.emplace_back(v, dij.time_ds(v));
                sink += table.size();
            }
            run_s.push_back(seconds_since(t0));
            cpu_s.push_back(thread_cpu_s() - c0);
        }
        const double med = median(run_s);
        std::printf("graph: %s\nnodes: %u\narcs: %u\nload_s: %.4f\n", graph_path.c_str(),
                    g.node_count(), g.arc_count(), load_s);
        std::printf("direction: backward (transposed graph: time from each node to the source)\n");
        std::printf("cutoff_s: %u\nsources: %zu\nruns: %zu\nseed: %llu\n", cutoff_s, src.size(), runs,
                    static_cast<unsigned long long>(seed));
        std::printf("reached_total: %llu\nreached_at_cutoff_total: %llu\nmean_reached: %.1f\n",
                    static_cast<unsigned long long>(reached_total),
                    static_cast<unsigned long long>(at_cutoff_total),
                    double(reached_total) / double(src.size()));
        std::printf("ours_batch_s_median: %.6f\nours_batch_s_min: %.6f\nours_batch_s_max: %.6f\n", med,
                    *std::min_element(run_s.begin(), run_s.end()),
                    *std::max_element(run_s.begin(), run_s.end()));
        std::printf("ours_ms_per_source: %.4f\nours_ms_per_source_min: %.4f\n",
                    1000.0 * med / double(src.size()),
                    1000.0 * *std::min_element(run_s.begin(), run_s.end()) / double(src.size()));
        std::printf("ours_cpu_ms_per_source: %.4f\n", 1000.0 * median(cpu_s) / double(src.size()));
        std::printf("checksum: %llu\n", static_cast<unsigned long long>(sink));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_peers: %s\n", e.what());
        return 1;
    }
    return 0;
}
