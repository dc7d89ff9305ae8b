#pragma once
/// One reusable Dijkstra search over a CSR graph, with O(1) reset through
/// timestamps (RoutingKit dijkstra.h style). Multi-source: every source
/// carries an initial time and a label; each reached node remembers the label
/// of the source it is closest to.

#include "core/ids.hpp"
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
    /// The view must outlive the object. Allocates O(n) once.
    explicit Dijkstra(CsrView graph);

    /// Forgets the previous search. O(1) (except every 2^32 resets).
    void reset();
    /// Adds a source reached at `initial_ds` with `label` (e.g. a site id).
    /// Adding a node twice keeps the smaller time. Call before run().
    void add_source(NodeId node, TimeDs initial_ds, std::uint32_t label = kInvalid);
    /// Settles every node whose time is <= limit_ds. Cost O((n + m) log n)
    /// over the nodes within the limit.
    void run(TimeDs limit_ds = kInfTime_ds);

    /// Time of a node settled by the last run, else kInfTime_ds.
    TimeDs time_ds(NodeId node) const {
        return m_stamp[node] == m_now && m_time[node] <= m_limit ? m_time[node] : kInfTime_ds;
    }
    /// Label of the source a settled node is closest to, else kInvalid.
    std::uint32_t label(NodeId node) const {
        return time_ds(node) != kInfTime_ds ? m_label[node] : kInvalid;
    }
    /// Nodes settled by the last run, in increasing time.
    const std::vector<NodeId>& settled() const { return m_settled; }

  private:
    void touch(NodeId node);

    CsrView m_graph;
    std::vector<TimeDs> m_time;
    std::vector<std::uint32_t> m_label;
    std::vector<std::uint32_t> m_stamp;
    std::uint32_t m_now = 1;
    TimeDs m_limit = kInfTime_ds;
    std::vector<std::pair<TimeDs, NodeId>> m_heap; ///< lazy deletion min-heap
    std::vector<NodeId> m_settled;
};

} // namespace maillage::network
