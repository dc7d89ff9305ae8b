#include "network/travel_model.hpp"

#include "core/csr.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "network/dijkstra.hpp"
#include "network/snap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <limits>

namespace maillage::network {

namespace {

std::string with_commas(std::uint64_t v) { return group_digits(v, ","); }

TimeDs to_ds(double seconds) {
    const double ds = std::round(seconds * 10.0);
    return ds >= double(kMaxArcTime_ds) ? kMaxArcTime_ds : static_cast<TimeDs>(std::max(0.0, ds));
}

std::uint32_t ds_to_s(TimeDs t) { return t >= kInfTime_ds ? kUnreachable : (t + 5) / 10; }

/// One road piece a place is put on: fraction along it and the off-road leg.
struct Piece {
    std::uint32_t shape = kInvalid;
    double fraction = 0;
    TimeDs access_ds = 0;
};

/// Where each place lands: its pieces as compressed rows (none when the
/// place is too far from every road). A place has several pieces when it
/// lies on a junction node or at equal distance from several pieces.
struct Placement {
    std::vector<std::uint32_t> first{0};
    std::vector<Piece> pieces;

    std::size_t place_count() const { return first.size() - 1; }
    bool placed(std::size_t i) const { return first[i + 1] > first[i]; }
};

/// (node, time) pairs linking a placed point to the graph.
struct Link {
    NodeId node = kInvalid;
    TimeDs cost = kInfTime_ds;
};

class Placer {
  public:
    Placer(const RoadGraph& g, const Snapper& snapper, const RoadModelOptions& o)
        : m_g(g), m_snapper(snapper), m_offroad_ms(o.offroad_speed_kmh / 3.6 / o.access_circuity),
          m_max(o.max_snap_m) {}

    Placement place(const std::vector<Place>& places, bool is_site, SnapReport* report) const {
        Placement out;
        out.first.reserve(places.size() + 1);
        out.pieces.reserve(places.size());
        for (std::size_t i = 0; i < places.size(); ++i) {
            const auto snaps = m_snapper.snap_all(places[i].xy);
            if (report) ++report->places;
            const double distance = snaps.empty() ? std::numeric_limits<double>::infinity() : snaps.front().distance_m;
            if (!(distance <= m_max)) {
                if (report) report->too_far.push_back({places[i].id, is_site, distance});
            } else {
                if (report) report->max_snapped_m = std::max(report->max_snapped_m, distance);
                for (const Snap& s : snaps) out.pieces.push_back({s.shape, s.fraction, to_ds(s.distance_m / m_offroad_ms)});
            }
            out.first.push_back(static_cast<std::uint32_t>(out.pieces.size()));
        }
        return out;
    }

    NodeId start_node(std::uint32_t s) const {
        const ArcId f = m_g.shape_forward_arc[s];
        return f != kInvalid ? m_g.arc_tail(f) : m_g.head[m_g.shape_backward_arc[s]];
    }
    NodeId end_node(std::uint32_t s) const {
        const ArcId f = m_g.shape_forward_arc[s];
        return f != kInvalid ? m_g.head[f] : m_g.arc_tail(m_g.shape_backward_arc[s]);
    }

    /// Where a resident on piece `p` can join the graph: drive to either end
    /// of the road piece the arcs allow; standing on an end node, that node
    /// itself (every road meeting there is open to it).
    void departures(const Piece& p, std::vector<Link>& out) const {
        const ArcId f = m_g.shape_forward_arc[p.shape], b = m_g.shape_backward_arc[p.shape];
        if (f != kInvalid) out.push_back({m_g.head[f], p.access_ds + to_ds(m_g.time_ds[f] / 10.0 * (1 - p.fraction))});
        if (b != kInvalid) out.push_back({m_g.head[b], p.access_ds + to_ds(m_g.time_ds[b] / 10.0 * p.fraction)});
        at_node(p, out);
    }
    /// From which nodes a site on piece `p` is reached, and the time from
    /// there; a site on an end node is reached from that node.
    void arrivals(const Piece& p, std::vector<Link>& out) const {
        const ArcId f = m_g.shape_forward_arc[p.shape], b = m_g.shape_backward_arc[p.shape];
        if (f != kInvalid) out.push_back({start_node(p.shape), p.access_ds + to_ds(m_g.time_ds[f] / 10.0 * p.fraction)});
        if (b != kInvalid) out.push_back({end_node(p.shape), p.access_ds + to_ds(m_g.time_ds[b] / 10.0 * (1 - p.fraction))});
        at_node(p, out);
    }
    /// Links of every piece of place i (appended to `out`).
    void departures(const Placement& pl, std::size_t i, std::vector<Link>& out) const {
        for (auto k = pl.first[i]; k < pl.first[i + 1]; ++k) departures(pl.pieces[k], out);
    }
    void arrivals(const Placement& pl, std::size_t i, std::vector<Link>& out) const {
        for (auto k = pl.first[i]; k < pl.first[i + 1]; ++k) arrivals(pl.pieces[k], out);
    }
    /// Driving along one road piece from a resident to a site on it.
    TimeDs direct(const Piece& from, const Piece& to) const {
        if (from.shape != to.shape) return kInfTime_ds;
        const ArcId f = m_g.shape_forward_arc[from.shape], b = m_g.shape_backward_arc[from.shape];
        TimeDs best = kInfTime_ds;
        if (f != kInvalid && from.fraction <= to.fraction)
            best = std::min(best, to_ds(m_g.time_ds[f] / 10.0 * (to.fraction - from.fraction)));
        if (b != kInvalid && from.fraction >= to.fraction)
            best = std::min(best, to_ds(m_g.time_ds[b] / 10.0 * (from.fraction - to.fraction)));
        return best == kInfTime_ds ? best : best + from.access_ds + to.access_ds;
    }

  private:
    void at_node(const Piece& p, std::vector<Link>& out) const {
        if (p.fraction == 0.0) out.push_back({start_node(p.shape), p.access_ds});
        else if (p.fraction == 1.0) out.push_back({end_node(p.shape), p.access_ds});
    }

    const RoadGraph& m_g;
    const Snapper& m_snapper;
    double m_offroad_ms;
    double m_max;
};

/// (shape, place index, piece index) sorted by shape, for same-road lookups.
struct OnShape {
    std::uint32_t shape, place, piece;
};

std::vector<OnShape> by_shape(const Placement& pl) {
    std::vector<OnShape> v;
    v.reserve(pl.pieces.size());
    for (std::uint32_t i = 0; i < pl.place_count(); ++i)
        for (auto k = pl.first[i]; k < pl.first[i + 1]; ++k) v.push_back({pl.pieces[k].shape, i, k});
    std::sort(v.begin(), v.end(), [](const OnShape& a, const OnShape& b) {
        return a.shape != b.shape ? a.shape < b.shape : a.piece < b.piece;
    });
    return v;
}

auto on_shape(const std::vector<OnShape>& v, std::uint32_t shape) {
    return std::equal_range(v.begin(), v.end(), OnShape{shape, 0, 0},
                            [](const OnShape& a, const OnShape& b) { return a.shape < b.shape; });
}

} // namespace

CoverageSets transpose(const CoverageSets& sets, std::size_t demand_count) {
    for (DemandId d : sets.demand)
        if (d >= demand_count) throw std::invalid_argument("transpose: demand id out of range");
    // Entries by demand, in source order; their sources and times follow.
    csr::IdRows by_demand = csr::group_by_row(sets.demand, demand_count);
    const std::vector<std::uint32_t> source_of = csr::row_of_entries(sets.first);
    CoverageSets t;
    t.first = std::move(by_demand.first);
    t.demand.resize(by_demand.id.size());
    t.time_s.resize(by_demand.id.size());
    for (std::size_t slot = 0; slot < by_demand.id.size(); ++slot) {
        const std::uint32_t entry = by_demand.id[slot];
        t.demand[slot] = source_of[entry];
        t.time_s[slot] = sets.time_s[entry];
    }
    return t;
}

RoadTravelModel::RoadTravelModel(RoadGraph graph, RoadModelOptions options)
    : m_graph(std::move(graph)), m_options(options) {
    if (!(m_options.offroad_speed_kmh > 0))
        throw UsageError("off-road speed must be positive (km/h)");
    if (!(m_options.max_snap_m >= 0)) throw UsageError("snap distance limit must be >= 0 (metres)");
    if (!(m_options.access_circuity >= 1 && m_options.access_circuity <= 5))
        throw UsageError("access circuity must be in [1, 5]");
    if (m_graph.node_count() == 0) throw InputError(m_graph.source + ": the road graph is empty");
    m_snapper = std::make_unique<Snapper>(m_graph);
}

RoadTravelModel::~RoadTravelModel() = default;

std::string RoadTravelModel::describe() const {
    char extra[200];
    if (m_options.access_circuity != 1)
        std::snprintf(extra, sizeof extra,
                      "; access legs: distance x %g at %g km/h, places farther than %g m from a road unreachable",
                      m_options.access_circuity, m_options.offroad_speed_kmh, m_options.max_snap_m);
    else
        std::snprintf(extra, sizeof extra,
                      "; off-road access at %g km/h, places farther than %g m from a road unreachable",
                      m_options.offroad_speed_kmh, m_options.max_snap_m);
    return "road network " + (m_graph.profile.empty() ? std::string("(no profile)") : m_graph.profile) +
           " from " + m_graph.source + " (" + with_commas(m_graph.node_count()) + " nodes, " +
           with_commas(m_graph.arc_count()) + " arcs)" + extra;
}

NearestSites RoadTravelModel::nearest(const std::vector<Place>& sites,
                                      const std::vector<Place>& demand, SnapReport* report) const {
    const Placer placer(m_graph, *m_snapper, m_options);
    const auto site_at = placer.place(sites, true, report);
    const auto demand_at = placer.place(demand, false, report);

    Dijkstra search(backward_view(m_graph));
    std::vector<Link> links;
    for (std::uint32_t i = 0; i < site_at.place_count(); ++i) {
        links.clear();
        placer.arrivals(site_at, i, links);
        for (const Link& l : links) search.add_source(l.node, l.cost, i);
    }
    search.run();

    const auto sites_on = by_shape(site_at);
    NearestSites out;
    out.site.assign(demand.size(), kInvalid);
    out.time_s.assign(demand.size(), kUnreachable);
    for (std::size_t d = 0; d < demand.size(); ++d) {
        TimeDs best = kInfTime_ds;
        SiteId site = kInvalid;
        links.clear();
        placer.departures(demand_at, d, links);
        for (const Link& l : links) {
            const TimeDs t = search.time_ds(l.node);
            if (t >= kInfTime_ds) continue;
            const TimeDs total = std::min<TimeDs>(t + l.cost, kInfTime_ds);
            if (total < best || (total == best && search.label(l.node) < site))
                best = total, site = search.label(l.node);
        }
        for (auto k = demand_at.first[d]; k < demand_at.first[d + 1]; ++k) {
            const Piece& p = demand_at.pieces[k];
            auto [b, e] = on_shape(sites_on, p.shape);
            for (auto it = b; it != e; ++it) {
                const TimeDs t = placer.direct(p, site_at.pieces[it->piece]);
                if (t < best || (t == best && it->place < site)) best = t, site = it->place;
            }
        }
        if (site != kInvalid) {
            out.site[d] = site;
            out.time_s[d] = ds_to_s(best);
        }
    }
    return out;
}

CoverageSets RoadTravelModel::coverage(const std::vector<Place>& sources, const std::vector<Place>& demand,
                                       const CoverageQuery& query, SnapReport* report) const {
    const std::uint32_t cutoff_s = query.cutoff_s;
    const std::vector<std::uint32_t>* faster = query.faster_than;
    query.check(demand.size());
    const Placer placer(m_graph, *m_snapper, m_options);
    const auto demand_at = placer.place(demand, false, report);
    const auto source_at = placer.place(sources, true, report);
    // Entries are kept iff their reported time (rounded seconds) is <= cutoff_s.
    const TimeDs limit = cutoff_s >= kMaxArcTime_ds / 10 - 1 ? kMaxArcTime_ds : cutoff_s * 10 + 4;

    // Demand points attached to each node, as compressed rows.
    const std::size_t n = m_graph.node_count();
    std::vector<std::uint32_t> first;
    std::vector<DemandId> att_demand;
    std::vector<TimeDs> att_cost;
    std::vector<Link> links;
    {
        std::vector<NodeId> link_node;
        std::vector<DemandId> link_demand;
        std::vector<TimeDs> link_cost;
        for (DemandId d = 0; d < demand_at.place_count(); ++d) {
            links.clear();
            placer.departures(demand_at, d, links);
            for (const Link& l : links)
                link_node.push_back(l.node), link_demand.push_back(d), link_cost.push_back(l.cost);
        }
        csr::IdRows at_node = csr::group_by_row(link_node, n);
        first = std::move(at_node.first);
        att_demand.resize(at_node.id.size());
        att_cost.resize(at_node.id.size());
        for (std::size_t slot = 0; slot < at_node.id.size(); ++slot) {
            att_demand[slot] = link_demand[at_node.id[slot]];
            att_cost[slot] = link_cost[at_node.id[slot]];
        }
    }
    const auto demand_on = by_shape(demand_at);

    Dijkstra search(backward_view(m_graph));
    // Best time offered to each demand point by the current source; valid
    // when stamp == the source's index. One struct: one cache line per offer.
    struct Offer {
        std::uint32_t stamp = kInvalid;
        TimeDs best = kInfTime_ds;
    };
    std::vector<Offer> offers(demand.size());
    std::vector<DemandId> touched;
    CoverageSets out;
    out.first.reserve(sources.size() + 1);
    for (std::uint32_t i = 0; i < source_at.place_count(); ++i) {
        touched.clear();
        auto offer = [&](DemandId d, TimeDs t) {
            if (t > limit) return;
            Offer& o = offers[d];
            if (o.stamp != i) {
                o = {i, t};
                touched.push_back(d);
            } else if (t < o.best) {
                o.best = t;
            }
        };
        if (source_at.placed(i)) {
            search.reset();
            links.clear();
            placer.arrivals(source_at, i, links);
            for (const Link& l : links)
                if (l.cost <= limit) search.add_source(l.node, l.cost, i);
            search.run(limit);
            for (NodeId u : search.settled()) {
                const TimeDs t = search.time_ds(u);
                for (auto k = first[u]; k < first[u + 1]; ++k)
                    offer(att_demand[k], std::min<TimeDs>(t + att_cost[k], kInfTime_ds));
            }
            for (auto k = source_at.first[i]; k < source_at.first[i + 1]; ++k) {
                const Piece& s = source_at.pieces[k];
                auto [b, e] = on_shape(demand_on, s.shape);
                for (auto it = b; it != e; ++it) offer(it->place, placer.direct(demand_at.pieces[it->piece], s));
            }
        }
        // Rows are sorted by demand id. When a source reaches a good share of
        // the demand, one pass over the stamps in id order is cheaper than a
        // sort; the result is the same.
        if (touched.size() * 16 >= offers.size()) {
            touched.clear();
            for (DemandId d = 0; d < offers.size(); ++d)
                if (offers[d].stamp == i) touched.push_back(d);
        } else {
            std::sort(touched.begin(), touched.end());
        }
        for (DemandId d : touched) {
            const std::uint32_t t = ds_to_s(offers[d].best);
            if (faster && t >= (*faster)[d]) continue;
            if (++out.pairs_found > query.max_pairs) {
                out.complete = false;
                continue;
            }
            out.demand.push_back(d);
            out.time_s.push_back(t);
        }
        out.first.push_back(static_cast<std::uint32_t>(out.demand.size()));
    }
    return out;
}

} // namespace maillage::network
