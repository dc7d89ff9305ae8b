// peer_places: our side of the place-level comparison with networkx (issue
// 21): nearest site of every demand point when places lie on junction nodes,
// on shape points and near nodes. Driven by scripts/bench-peer-places.
//
//   peer_places INPUT.osm.pbf --profile P.toml --out DIR [--sites 100]
//               [--demand 10000] [--seed 1]
//
// Writes into DIR (all ids 0-based):
//   arcs.csv    arc,tail,head,time_ds,shape,reversed: every directed arc
//   places.csv  kind,index,shape,fraction,access_ds: every nearest piece of
//               every place (several rows on a junction node or between
//               parallel pieces), fraction written with 17 digits
//   ours.csv    demand,site,time_s: our nearest site and time
// The peer builds its own graph from arcs.csv and inserts each place on its
// pieces by splitting the arcs; nothing of our linking rule is given to it.
// Output: one "key: value" line per figure on stdout.

#include "network/osm_graph.hpp"
#include "network/profile.hpp"
#include "network/snap.hpp"
#include "network/travel_model.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace maillage;
using namespace maillage::network;

namespace {

std::vector<Place> seeded_places(const RoadGraph& g, std::mt19937_64& rng, std::size_t n, const char* prefix) {
    // A third exactly on junction nodes, a third on shape points (inside a
    // piece), a third within 40 m of a node: where the linking rule matters.
    std::vector<Place> out;
    std::uniform_int_distribution<NodeId> node(0, g.node_count() - 1);
    std::uniform_int_distribution<std::size_t> point(0, g.shape_x.size() - 1);
    std::uniform_real_distribution<double> jitter(-40, 40);
    for (std::size_t i = 0; i < n; ++i) {
        Place p;
        p.id = prefix + std::to_string(i);
        if (i % 3 == 0) {
            const NodeId u = node(rng);
            p.xy = geo::Point(g.x[u], g.y[u]);
        } else if (i % 3 == 1) {
            const std::size_t k = point(rng);
            p.xy = geo::Point(g.shape_x[k], g.shape_y[k]);
        } else {
            const NodeId u = node(rng);
            p.xy = geo::Point(g.x[u] + jitter(rng), g.y[u] + jitter(rng));
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::string input, profile_path, out_dir;
        std::size_t site_count = 100, demand_count = 10000;
        std::uint64_t seed = 1;
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            const bool has_value = i + 1 < argc;
            if (a == "--profile" && has_value) profile_path = argv[++i];
            else if (a == "--out" && has_value) out_dir = argv[++i];
            else if (a == "--sites" && has_value) site_count = std::strtoull(argv[++i], nullptr, 10);
            else if (a == "--demand" && has_value) demand_count = std::strtoull(argv[++i], nullptr, 10);
            else if (a == "--seed" && has_value) seed = std::strtoull(argv[++i], nullptr, 10);
            else if (!a.empty() && a[0] != '-' && input.empty()) input = a;
            else throw std::invalid_argument("unknown or incomplete argument " + a);
        }
        if (input.empty() || out_dir.empty())
            throw std::invalid_argument("usage: peer_places INPUT.osm.pbf --out DIR [--profile P.toml]");
        const CarProfile profile = profile_path.empty() ? default_car_profile() : load_profile(profile_path);
        BuiltGraph b = build_graph_from_osm(input, profile);
        const RoadGraph& g = b.graph;
        std::mt19937_64 rng(seed);
        const auto sites = seeded_places(g, rng, site_count, "s");
        const auto demand = seeded_places(g, rng, demand_count, "d");

        std::ofstream arcs(out_dir + "/arcs.csv");
        arcs << "arc,tail,head,time_ds,shape,reversed\n";
        for (NodeId u = 0; u < g.node_count(); ++u)
            for (ArcId a = g.first_out[u]; a < g.first_out[u + 1]; ++a)
                arcs << a << ',' << u << ',' << g.head[a] << ',' << g.time_ds[a] << ',' << g.arc_shape[a] << ','
                     << int(g.arc_reversed[a]) << '\n';

        const Snapper snapper(g);
        const RoadModelOptions options;
        std::ofstream places(out_dir + "/places.csv");
        places << "kind,index,shape,fraction,access_ds\n";
        char buf[64];
        std::size_t several = 0;
        auto write = [&](const char* kind, const std::vector<Place>& list) {
            for (std::size_t i = 0; i < list.size(); ++i) {
                const auto snaps = snapper.snap_all(list[i].xy);
                several += snaps.size() > 1;
                for (const Snap& s : snaps) {
                    std::snprintf(buf, sizeof buf, "%.17g", s.fraction);
                    const double access_ds = std::round(s.distance_m / (options.offroad_speed_kmh / 3.6) * 10.0);
                    places << kind << ',' << i << ',' << s.shape << ',' << buf << ',' << access_ds << '\n';
                }
            }
        };
        write("site", sites);
        write("demand", demand);

        const RoadTravelModel model(std::move(b.graph), options);
        const auto t0 = std::chrono::steady_clock::now();
        const NearestSites ns = model.nearest(sites, demand);
        const double nearest_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::ofstream ours(out_dir + "/ours.csv");
        ours << "demand,site,time_s\n";
        for (std::size_t d = 0; d < demand.size(); ++d)
            ours << d << ',' << (ns.site[d] == kInvalid ? -1 : long(ns.site[d])) << ','
                 << (ns.time_s[d] == kUnreachable ? -1 : long(ns.time_s[d])) << '\n';
        std::printf("graph: %s (%u nodes, %u arcs, profile %s)\n", input.c_str(), model.graph().node_count(),
                    model.graph().arc_count(), profile.name.c_str());
        std::printf("places: %zu sites, %zu demand points, %zu on several pieces\n", sites.size(), demand.size(),
                    several);
        std::printf("ours_nearest_s: %.3f\n", nearest_s);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "peer_places: error: %s\n", e.what());
        return 1;
    }
}
