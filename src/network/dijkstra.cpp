#include "network/dijkstra.hpp"

#include <algorithm>
#include <bit>

namespace maillage::network {

namespace {

/// Queue key: time first, then label (the tie rule of dijkstra.hpp).
inline std::uint64_t key_of(TimeDs time, std::uint32_t label) {
    return std::uint64_t{time} << 32 | label;
}

/// Largest arc time for which run() may use the ring of buckets (its size is
/// the next power of two above it).
constexpr TimeDs kMaxBucketArc_ds = (1u << 16) - 1;

} // namespace

CsrView forward_view(const RoadGraph& g) { return {g.first_out, g.head, g.time_ds}; }
CsrView backward_view(const RoadGraph& g) { return {g.first_in, g.tail, g.in_time_ds}; }

Dijkstra::Dijkstra(CsrView graph)
    : m_graph(graph), m_node(graph.node_count(), NodeState{kInfTime_ds, 0}),
      m_label(graph.node_count(), kInvalid) {
    for (TimeDs w : graph.weight) m_max_arc_ds = std::max(m_max_arc_ds, w);
}

void Dijkstra::reset() {
    m_sources.clear();
    m_settled.clear();
    m_limit = kInfTime_ds;
    m_one_label = false;
    if (++m_now == 0) { // wrapped: clear the stamps once every 2^32 resets
        for (NodeState& s : m_node) s.stamp = 0;
        m_now = 1;
    }
}

void Dijkstra::add_source(NodeId node, TimeDs initial_ds, std::uint32_t label) {
    NodeState& s = m_node[node];
    initial_ds = std::min(initial_ds, kInfTime_ds);
    if (s.stamp != m_now) {
        s = {initial_ds, m_now};
        m_label[node] = label;
    } else if (key_of(initial_ds, label) < key_of(s.time, m_label[node])) {
        s.time = initial_ds;
        m_label[node] = label;
    } else {
        return;
    }
    // Only the last entry of a node matches its state; run() skips the others.
    m_sources.push_back({node, initial_ds, label});
}

void Dijkstra::run(TimeDs limit_ds) {
    m_limit = std::min(limit_ds, kInfTime_ds);
    // Sources that no longer match their node (improved later) are dropped.
    std::erase_if(m_sources, [&](const Source& s) {
        return m_node[s.node].time != s.time || m_label[s.node] != s.label ||
               s.time > m_limit;
    });
    if (m_sources.empty()) return;
    const bool one_label = std::all_of(m_sources.begin(), m_sources.end(), [&](const Source& s) {
        return s.label == m_sources.front().label;
    });
    // With one label, (time, label) order is time order, and integer times
    // with bounded arc times fit a ring of buckets (Dial): O(1) per queue
    // operation. Otherwise the radix heap keeps the (time, label) order.
    if (one_label && m_max_arc_ds <= kMaxBucketArc_ds) {
        m_one_label = true;
        m_run_label = m_sources.front().label;
        run_buckets();
    }
    else run_radix();
}

template <bool kOneLabel, class Push>
inline void Dijkstra::relax(NodeId u, TimeDs t, std::uint32_t label, Push&& push) {
    const ArcId* const first_out = m_graph.first_out.data();
    const NodeId* const head = m_graph.head.data();
    const TimeDs* const weight = m_graph.weight.data();
    NodeState* const node = m_node.data();
    std::uint32_t* const node_label = m_label.data();
    const std::uint32_t now = m_now;
    const TimeDs limit = m_limit;
    for (ArcId a = first_out[u], end = first_out[u + 1]; a < end; ++a) {
        // t <= limit <= kInfTime_ds and weight <= kMaxArcTime_ds: the sum
        // cannot overflow.
        const TimeDs nt = t + weight[a];
        if (nt > limit) continue; // would never be settled: leave it alone
        const NodeId v = head[a];
        NodeState& s = node[v];
        if (s.stamp != now) {
            s = {nt, now};
            if (!kOneLabel) node_label[v] = label;
            push(v, nt, label);
        } else if (kOneLabel ? nt < s.time
                             : nt < s.time || (nt == s.time && label < node_label[v])) {
            s.time = nt;
            if (!kOneLabel) node_label[v] = label;
            push(v, nt, label);
        }
    }
}

void Dijkstra::run_radix() {
    m_radix.clear();
    for (const Source& s : m_sources) m_radix.push(s.node, key_of(s.time, s.label));
    const NodeState* const node = m_node.data();
    auto push = [this](NodeId v, TimeDs t, std::uint32_t label) { m_radix.push(v, key_of(t, label)); };
    while (!m_radix.empty()) {
        const auto [key, u] = m_radix.pop();
        const TimeDs t = node[u].time;
        const std::uint32_t label = m_label[u];
        if (key != key_of(t, label)) continue; // stale entry
        m_settled.push_back(u);
        relax<false>(u, t, label, push);
    }
}

void Dijkstra::run_buckets() {
    // Every queued time lies in [now, now + max arc time]: a ring of
    // 2^k > max arc time buckets holds each time in its own bucket. Sources,
    // whose times may be far apart, wait in a sorted list instead.
    const std::size_t size = std::bit_ceil(std::size_t{m_max_arc_ds} + 1);
    if (m_ring.size() != size) {
        m_ring.assign(size, {});
        m_ring_bits.assign((size + 63) / 64, 0);
    }
    const std::size_t mask = size - 1;
    std::sort(m_sources.begin(), m_sources.end(),
              [](const Source& a, const Source& b) { return a.time < b.time; });
    std::vector<NodeId>* const ring = m_ring.data();
    std::uint64_t* const bits = m_ring_bits.data();
    const std::size_t words = m_ring_bits.size();
    auto push = [ring, bits, mask](NodeId v, TimeDs t, std::uint32_t) {
        const std::size_t b = t & mask;
        if (ring[b].empty()) bits[b / 64] |= std::uint64_t{1} << (b % 64);
        ring[b].push_back(v);
    };
    const NodeState* const node = m_node.data();
    std::size_t next_source = 0;
    TimeDs now = m_sources.front().time;
    for (;;) {
        for (; next_source < m_sources.size() && m_sources[next_source].time == now; ++next_source)
            push(m_sources[next_source].node, now, 0);
        std::vector<NodeId>& bucket = ring[now & mask];
        while (!bucket.empty()) {
            const NodeId u = bucket.back();
            bucket.pop_back();
            if (node[u].time != now) continue; // stale: settled earlier
            m_settled.push_back(u);
            relax<true>(u, now, m_run_label, push);
        }
        bits[(now & mask) / 64] &= ~(std::uint64_t{1} << ((now & mask) % 64));
        // Next time: the next non-empty bucket after `now` (within one turn
        // of the ring), or the next source if it comes first.
        TimeDs next = kInfTime_ds;
        const std::size_t from = (now + 1) & mask;
        std::size_t word = from / 64;
        std::uint64_t w = bits[word] & (~std::uint64_t{0} << (from % 64));
        for (std::size_t seen = 0; w == 0 && seen < words; ++seen) {
            word = (word + 1) % words;
            w = bits[word];
        }
        if (w != 0) {
            const std::size_t found = word * 64 + static_cast<std::size_t>(std::countr_zero(w));
            next = now + 1 + static_cast<TimeDs>((found - from) & mask);
        }
        if (next_source < m_sources.size()) next = std::min(next, m_sources[next_source].time);
        if (next == kInfTime_ds || next > m_limit) break;
        now = next;
    }
}

} // namespace maillage::network
