#include "network/dijkstra.hpp"

#include <algorithm>
#include <functional>

namespace maillage::network {

CsrView forward_view(const RoadGraph& g) { return {g.first_out, g.head, g.time_ds}; }
CsrView backward_view(const RoadGraph& g) { return {g.first_in, g.tail, g.in_time_ds}; }

Dijkstra::Dijkstra(CsrView graph)
    : m_graph(graph), m_time(graph.node_count(), kInfTime_ds),
      m_label(graph.node_count(), kInvalid), m_stamp(graph.node_count(), 0) {}

void Dijkstra::reset() {
    m_heap.clear();
    m_settled.clear();
    m_limit = kInfTime_ds;
    if (++m_now == 0) { // wrapped: clear the stamps once every 2^32 resets
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        m_now = 1;
    }
}

void Dijkstra::touch(NodeId node) {
    if (m_stamp[node] != m_now) {
        m_stamp[node] = m_now;
        m_time[node] = kInfTime_ds;
        m_label[node] = kInvalid;
    }
}

void Dijkstra::add_source(NodeId node, TimeDs initial_ds, std::uint32_t label) {
    touch(node);
    if (initial_ds >= m_time[node]) return;
    m_time[node] = initial_ds;
    m_label[node] = label;
    m_heap.emplace_back(initial_ds, node);
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
}

void Dijkstra::run(TimeDs limit_ds) {
    m_limit = std::min(limit_ds, kInfTime_ds);
    const auto cmp = std::greater<>();
    while (!m_heap.empty()) {
        const auto [t, u] = m_heap.front();
        if (t > m_limit) break;
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        m_heap.pop_back();
        if (t != m_time[u]) continue; // stale entry
        m_settled.push_back(u);
        const std::uint32_t lab = m_label[u];
        for (ArcId a = m_graph.first_out[u]; a < m_graph.first_out[u + 1]; ++a) {
            const NodeId v = m_graph.head[a];
            // t < kInfTime_ds and weight <= kMaxArcTime_ds: the sum cannot overflow.
            const TimeDs nt = std::min<TimeDs>(t + m_graph.weight[a], kInfTime_ds);
            touch(v);
            if (nt < m_time[v]) {
                m_time[v] = nt;
                m_label[v] = lab;
                m_heap.emplace_back(nt, v);
                std::push_heap(m_heap.begin(), m_heap.end(), cmp);
            }
        }
    }
}

} // namespace maillage::network
