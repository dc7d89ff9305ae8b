#pragma once
/// One reusable Dijkstra search over a CSR graph, with O(1) reset through
/// timestamps (RoutingKit dijkstra.h style). Multi-source: every source
/// carries an initial time and a label; each reached node remembers the label
/// of the source it is closest to.
///
/// Label ties: when several sources reach a node in the same least time, the
/// node gets the smallest of their labels. The search orders nodes by the
/// pair (time, label), so the rule holds along zero-time arcs too, and the
/// result does not depend on how nodes or arcs are numbered.

#include "core/ids.hpp"
#include "network/radix_heap.hpp"
#include "network/road_graph.hpp"

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace maillage::network {

/// A CSR view: arcs first_out[u] .. first_out[u+1] leave u towards head[a]
/// with weight[a]. Pass the transpose to search towards the sources.
struct CsrView {
    std::span<const ArcId> first_out;
    std::span<const NodeId> head;
    std::span<const TimeDs> weight;

    std::size_t node_count() const { return first_out.empty() ? 0 : first_out.size() - 1; }
};

/// Forward view of a graph (from a node to where it leads).
CsrView forward_view(const RoadGraph& graph);
/// Backward view: searching it from a site gives the time from every node to
/// the site.
CsrView backward_view(const RoadGraph& graph);

class Dijkstra {
  public:
    /// The view must outlive the object. Allocates O(n) once and reads every
    /// arc time once (O(m)) for the largest.
    explicit Dijkstra(CsrView graph);

    /// Forgets the previous search. O(1) (except every 2^32 resets).
    void reset();
    /// Adds a source reached at `initial_ds` with `label` (e.g. a site id).
    /// Adding a node twice keeps the smaller (time, label). Call before run().
    void add_source(NodeId node, TimeDs initial_ds, std::uint32_t label = kInvalid);
    /// Settles every node whose time is <= limit_ds. Nodes beyond the limit
    /// are never queued, so call it once per reset(). When every source has
    /// the same label and no arc is longer than 65,535 ds: a ring of time
    /// buckets (Dial), O(m + T) over the nodes within the limit, T the time
    /// span covered; otherwise a radix heap on (time, label) keys,
    /// O(m + n log C), C the largest key. Results are the same either way.
    void run(TimeDs limit_ds = kInfTime_ds);

    /// Time of a node settled by the last run, else kInfTime_ds.
    TimeDs time_ds(NodeId node) const {
        const NodeState& s = m_node[node];
        return s.stamp == m_now && s.time <= m_limit ? s.time : kInfTime_ds;
    }
    /// Label of the source a settled node is closest to, else kInvalid.
    std::uint32_t label(NodeId node) const {
        if (time_ds(node) == kInfTime_ds) return kInvalid;
        return m_one_label ? m_run_label : m_label[node];
    }
    /// Nodes settled by the last run, in increasing time.
    const std::vector<NodeId>& settled() const { return m_settled; }

  private:
    struct Source {
        NodeId node;
        TimeDs time;
        std::uint32_t label;
    };

    /// Relaxes the arcs of u; push(v, time, label) queues an improved node.
    /// kOneLabel: every source has the same label, so labels never decide.
    template <bool kOneLabel, class Push>
    void relax(NodeId u, TimeDs t, std::uint32_t label, Push&& push);
    void run_radix();
    void run_buckets();

    /// What a one-label relaxation reads or writes about a node, in 8 bytes.
    /// time is valid only when stamp == m_now.
    struct NodeState {
        TimeDs time;
        std::uint32_t stamp;
    };

    CsrView m_graph;
    std::vector<NodeState> m_node;
    /// Label of each node, valid with its time; not written by one-label
    /// runs, whose nodes all carry m_run_label (keeps NodeState at 8 bytes).
    std::vector<std::uint32_t> m_label;
    bool m_one_label = false;
    std::uint32_t m_run_label = kInvalid;
    std::uint32_t m_now = 1;
    TimeDs m_limit = kInfTime_ds;
    TimeDs m_max_arc_ds = 0;
    std::vector<Source> m_sources;
    RadixHeap m_radix; ///< key: time << 32 | label
    std::vector<std::vector<NodeId>> m_ring; ///< bucket t % size holds the nodes queued at time t
    std::vector<std::uint64_t> m_ring_bits;  ///< bit b: bucket b may be non-empty
    std::vector<NodeId> m_settled;
};

} // namespace maillage::network
