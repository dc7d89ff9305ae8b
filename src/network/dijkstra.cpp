#include "network/dijkstra.hpp"

#include <algorithm>

namespace maillage::network {

namespace {

/// Queue key: time first, then label (the tie rule of dijkstra.hpp).
inline std::uint64_t key_of(TimeDs time, std::uint32_t label) {
    return std::uint64_t{time} << 32 | label;
}

} // namespace

CsrView forward_view(const RoadGraph& g) { return {g.first_out, g.head, g.time_ds}; }
CsrView backward_view(const RoadGraph& g) { return {g.first_in, g.tail, g.in_time_ds}; }

Dijkstra::Dijkstra(CsrView graph)
    : m_graph(graph), m_node(graph.node_count(), NodeState{kInfTime_ds, kInvalid, 0}) {}

void Dijkstra::reset() {
    m_queue.clear();
    m_settled.clear();
    m_limit = kInfTime_ds;
    if (++m_now == 0) { // wrapped: clear the stamps once every 2^32 resets
        for (NodeState& s : m_node) s.stamp = 0;
        m_now = 1;
    }
}

void Dijkstra::add_source(NodeId node, TimeDs initial_ds, std::uint32_t label) {
    NodeState& s = m_node[node];
    initial_ds = std::min(initial_ds, kInfTime_ds);
    if (s.stamp != m_now) {
        s = {initial_ds, label, m_now};
        m_queue.push(node, key_of(initial_ds, label));
    } else if (key_of(initial_ds, label) < key_of(s.time, s.label)) {
        s.time = initial_ds;
        s.label = label;
        m_queue.push(node, key_of(initial_ds, label));
    }
}

void Dijkstra::run(TimeDs limit_ds) {
    m_limit = std::min(limit_ds, kInfTime_ds);
    const std::uint64_t stop = key_of(m_limit, kInvalid);
    const ArcId* const first_out = m_graph.first_out.data();
    const NodeId* const head = m_graph.head.data();
    const TimeDs* const weight = m_graph.weight.data();
    NodeState* const node = m_node.data();
    const std::uint32_t now = m_now;
    const TimeDs limit = m_limit;
    while (!m_queue.empty() && m_queue.top_key() <= stop) {
        const auto [key, u] = m_queue.pop();
        const TimeDs t = node[u].time;
        const std::uint32_t lab = node[u].label;
        if (key != key_of(t, lab)) continue; // stale entry
        m_settled.push_back(u);
        for (ArcId a = first_out[u], end = first_out[u + 1]; a < end; ++a) {
            // t <= limit <= kInfTime_ds and weight <= kMaxArcTime_ds: the
            // sum cannot overflow.
            const TimeDs nt = t + weight[a];
            if (nt > limit) continue; // would never be settled: leave it alone
            const NodeId v = head[a];
            NodeState& s = node[v];
            if (s.stamp != now) {
                s = {nt, lab, now};
                m_queue.push(v, key_of(nt, lab));
            } else if (nt < s.time || (nt == s.time && lab < s.label)) {
                s.time = nt;
                s.label = lab;
                m_queue.push(v, key_of(nt, lab));
            }
        }
    }
}

} // namespace maillage::network
