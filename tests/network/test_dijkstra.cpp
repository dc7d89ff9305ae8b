// Dijkstra and SCC against plain references on seeded random graphs.
#include "network/dijkstra.hpp"
#include "network/road_graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace maillage;
using namespace maillage::network;

namespace {

struct ArcList {
    std::size_t n = 0;
    std::vector<NodeId> tail, head;
    std::vector<TimeDs> w;
};

struct Csr {
    std::vector<ArcId> first_out;
    std::vector<NodeId> head;
    std::vector<TimeDs> weight;
    CsrView view() const { return {first_out, head, weight}; }
};

Csr to_csr(const ArcList& g) {
    Csr c;
    c.first_out.assign(g.n + 1, 0);
    for (auto t : g.tail) ++c.first_out[t + 1];
    for (std::size_t i = 0; i < g.n; ++i) c.first_out[i + 1] += c.first_out[i];
    c.head.resize(g.tail.size());
    c.weight.resize(g.tail.size());
    std::vector<ArcId> pos(c.first_out.begin(), c.first_out.end() - 1);
    for (std::size_t a = 0; a < g.tail.size(); ++a) {
        c.head[pos[g.tail[a]]] = g.head[a];
        c.weight[pos[g.tail[a]]++] = g.w[a];
    }
    return c;
}

ArcList random_graph(std::mt19937& rng, std::size_t n, std::size_t m, TimeDs max_w) {
    ArcList g;
    g.n = n;
    std::uniform_int_distribution<std::size_t> node(0, n - 1);
    std::uniform_int_distribution<TimeDs> weight(0, max_w);
    for (std::size_t i = 0; i < m; ++i) {
        const auto u = static_cast<NodeId>(node(rng)), v = static_cast<NodeId>(node(rng));
        const TimeDs w = weight(rng);
        g.tail.push_back(u), g.head.push_back(v), g.w.push_back(w);
        if (rng() % 3 == 0) g.tail.push_back(v), g.head.push_back(u), g.w.push_back(w); // two-way
    }
    return g;
}

/// Bellman-Ford with initial times: the plain reference.
std::vector<std::uint64_t> bellman_ford(const ArcList& g,
                                        const std::vector<std::pair<NodeId, TimeDs>>& sources) {
    const std::uint64_t inf = ~0ull;
    std::vector<std::uint64_t> d(g.n, inf);
    for (auto [s, t] : sources) d[s] = std::min<std::uint64_t>(d[s], t);
    for (std::size_t round = 0; round < g.n; ++round) {
        bool changed = false;
        for (std::size_t a = 0; a < g.tail.size(); ++a) {
            if (d[g.tail[a]] == inf) continue;
            if (d[g.tail[a]] + g.w[a] < d[g.head[a]]) d[g.head[a]] = d[g.tail[a]] + g.w[a], changed = true;
        }
        if (!changed) break;
    }
    return d;
}

/// k sources at random nodes with random initial times below max_t.
std::vector<std::pair<NodeId, TimeDs>> random_sources(std::mt19937& rng, std::size_t n, std::size_t k,
                                                      TimeDs max_t) {
    std::vector<std::pair<NodeId, TimeDs>> sources;
    for (std::size_t i = 0; i < k; ++i)
        sources.emplace_back(static_cast<NodeId>(rng() % n), static_cast<TimeDs>(rng() % max_t));
    return sources;
}

/// settled() lists the nodes in non-decreasing time.
void check_time_order(const Dijkstra& dj) {
    for (std::size_t i = 1; i < dj.settled().size(); ++i)
        CHECK(dj.time_ds(dj.settled()[i - 1]) <= dj.time_ds(dj.settled()[i]));
}

} // namespace

TEST_CASE("Dijkstra matches Bellman-Ford on random graphs (one-way arcs, unreachable nodes, "
          "multi-source, cutoffs)") {
    std::mt19937 rng(20261127);
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t n = 1 + rng() % 60;
        const std::size_t m = rng() % (3 * n);
        const ArcList g = random_graph(rng, n, m, trial % 2 ? 1000 : 5);
        const Csr csr = to_csr(g);
        Dijkstra dj(csr.view());
        for (int query = 0; query < 5; ++query) {
            const std::size_t k = 1 + rng() % 4;
            const auto sources = random_sources(rng, n, k, 50);
            const TimeDs limit = query % 2 ? kInfTime_ds : static_cast<TimeDs>(rng() % 2000);
            dj.reset();
            for (std::uint32_t i = 0; i < k; ++i) dj.add_source(sources[i].first, sources[i].second, i);
            dj.run(limit);
            const auto ref = bellman_ford(g, sources);
            std::size_t settled = 0;
            for (NodeId v = 0; v < n; ++v) {
                const bool reached = ref[v] != ~0ull && ref[v] <= limit;
                CAPTURE(trial);
                CAPTURE(v);
                if (!reached) {
                    CHECK(dj.time_ds(v) == kInfTime_ds);
                    CHECK(dj.label(v) == kInvalid);
                    continue;
                }
                ++settled;
                CHECK(dj.time_ds(v) == ref[v]);
                // The label is the smallest label among the sources that
                // achieve the time (the documented tie rule).
                std::uint32_t expect = kInvalid;
                for (std::uint32_t i = 0; i < k && expect == kInvalid; ++i)
                    if (bellman_ford(g, {sources[i]})[v] == ref[v]) expect = i;
                CHECK(dj.label(v) == expect);
            }
            CHECK(dj.settled().size() == settled);
            check_time_order(dj);
        }
    }
}

TEST_CASE("Dijkstra with one label: sources far apart, long arcs (ring of buckets and radix "
          "heap paths)") {
    // One label for every source takes the ring of buckets unless an arc is
    // longer than 65,535 ds; source times far beyond the ring size and
    // cutoffs between them must not matter.
    std::mt19937 rng(99);
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t n = 1 + rng() % 50;
        const TimeDs max_w = trial % 3 == 0 ? 200000 : trial % 3 == 1 ? 7 : 64;
        const ArcList g = random_graph(rng, n, rng() % (3 * n), max_w);
        const Csr csr = to_csr(g);
        Dijkstra dj(csr.view());
        for (int query = 0; query < 4; ++query) {
            const auto sources = random_sources(rng, n, 1 + rng() % 5, 300000);
            const TimeDs limit = query % 2 ? kInfTime_ds : static_cast<TimeDs>(rng() % 400000);
            dj.reset();
            for (auto [s, t] : sources) dj.add_source(s, t, 3);
            dj.run(limit);
            const auto ref = bellman_ford(g, sources);
            std::size_t settled = 0;
            for (NodeId v = 0; v < n; ++v) {
                CAPTURE(trial);
                CAPTURE(v);
                const bool reached = ref[v] != ~0ull && ref[v] <= limit;
                CHECK(dj.time_ds(v) == (reached ? ref[v] : kInfTime_ds));
                CHECK(dj.label(v) == (reached ? 3u : kInvalid));
                settled += reached;
            }
            CHECK(dj.settled().size() == settled);
            check_time_order(dj);
        }
    }
}

TEST_CASE("Dijkstra times and labels do not depend on node numbering (ties, zero-time arcs)") {
    std::mt19937 rng(4242);
    for (int trial = 0; trial < 40; ++trial) {
        const std::size_t n = 2 + rng() % 80;
        // Weights 0..3: many equal-time paths and zero-time arcs.
        const ArcList g = random_graph(rng, n, 1 + rng() % (4 * n), 3);
        std::vector<NodeId> perm(n);
        for (NodeId i = 0; i < n; ++i) perm[i] = i;
        std::shuffle(perm.begin(), perm.end(), rng);
        ArcList h = g; // same graph, node i renamed perm[i], arcs in reverse order
        std::reverse(h.tail.begin(), h.tail.end());
        std::reverse(h.head.begin(), h.head.end());
        std::reverse(h.w.begin(), h.w.end());
        for (auto& t : h.tail) t = perm[t];
        for (auto& t : h.head) t = perm[t];
        const Csr cg = to_csr(g), ch = to_csr(h);
        Dijkstra dg(cg.view()), dh(ch.view());
        for (int query = 0; query < 4; ++query) {
            const std::size_t k = 1 + rng() % 6;
            dg.reset(), dh.reset();
            for (std::uint32_t i = 0; i < k; ++i) {
                const auto s = static_cast<NodeId>(rng() % n);
                const auto t = static_cast<TimeDs>(rng() % 3);
                dg.add_source(s, t, i);
                dh.add_source(perm[s], t, i);
            }
            const TimeDs limit = query % 2 ? kInfTime_ds : static_cast<TimeDs>(rng() % 8);
            dg.run(limit), dh.run(limit);
            CHECK(dg.settled().size() == dh.settled().size());
            for (NodeId v = 0; v < n; ++v) {
                CAPTURE(trial);
                CAPTURE(v);
                CHECK(dg.time_ds(v) == dh.time_ds(perm[v]));
                CHECK(dg.label(v) == dh.label(perm[v]));
            }
        }
    }
}

TEST_CASE("Dijkstra reset forgets the previous search") {
    ArcList g;
    g.n = 3;
    g.tail = {0, 1};
    g.head = {1, 2};
    g.w = {10, 20};
    const Csr csr = to_csr(g);
    Dijkstra dj(csr.view());
    dj.add_source(0, 0, 7);
    dj.run();
    CHECK(dj.time_ds(2) == 30);
    CHECK(dj.label(2) == 7);
    dj.reset();
    dj.add_source(2, 5, 1);
    dj.run();
    CHECK(dj.time_ds(2) == 5);
    CHECK(dj.time_ds(0) == kInfTime_ds);
    CHECK(dj.time_ds(1) == kInfTime_ds);
    CHECK(dj.label(0) == kInvalid);
}

TEST_CASE("strongly connected components match mutual reachability") {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 40; ++trial) {
        const std::size_t n = 1 + rng() % 40;
        const ArcList g = random_graph(rng, n, rng() % (2 * n + 1), 1);
        const Csr csr = to_csr(g);
        std::uint32_t count = 0;
        const auto comp = strongly_connected_components(csr.first_out, csr.head, count);
        REQUIRE(comp.size() == n);
        std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
        for (NodeId s = 0; s < n; ++s) {
            const auto d = bellman_ford(g, {{s, 0}});
            for (NodeId v = 0; v < n; ++v) reach[s][v] = d[v] != ~0ull;
        }
        std::uint32_t max_comp = 0;
        for (NodeId u = 0; u < n; ++u) {
            max_comp = std::max(max_comp, comp[u]);
            for (NodeId v = 0; v < n; ++v)
                CHECK((comp[u] == comp[v]) == (reach[u][v] && reach[v][u]));
        }
        CHECK(max_comp + 1 == count);
    }
}

TEST_CASE("SCC on a long path needs no recursion") {
    // 200,000 nodes in one cycle: a recursive Tarjan would overflow the stack.
    const std::size_t n = 200000;
    std::vector<ArcId> first(n + 1);
    std::vector<NodeId> head(n);
    for (std::size_t i = 0; i <= n; ++i) first[i] = static_cast<ArcId>(i);
    for (std::size_t i = 0; i < n; ++i) head[i] = static_cast<NodeId>((i + 1) % n);
    std::uint32_t count = 0;
    const auto comp = strongly_connected_components(first, head, count);
    CHECK(count == 1);
    head[n - 1] = static_cast<NodeId>(n - 1); // break the cycle: n singletons
    strongly_connected_components(first, head, count);
    CHECK(count == n);
}
