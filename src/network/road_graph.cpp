#include "network/road_graph.hpp"

#include "core/csr.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/transform.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace maillage::network {

void WaySet::add_way(const std::vector<std::uint32_t>& vertices, float speed_kmh,
                     std::uint8_t direction, std::uint16_t layer, float length_factor) {
    // Per-way layer and factor arrays are filled lazily: ways added before
    // the first non-default value get the default.
    const std::size_t before = way_count();
    if (!way_layer.empty() || layer != 0) way_layer.resize(before, 0), way_layer.push_back(layer);
    if (!way_length_factor.empty() || length_factor != 1)
        way_length_factor.resize(before, 1), way_length_factor.push_back(length_factor);
    way_vertex.insert(way_vertex.end(), vertices.begin(), vertices.end());
    way_first.push_back(static_cast<std::uint32_t>(way_vertex.size()));
    way_speed_kmh.push_back(speed_kmh);
    way_direction.push_back(direction);
}

namespace {

std::string with_commas(std::uint64_t v) { return group_digits(v, ","); }

} // namespace

std::string describe(const BuildReport& r) {
    std::string s;
    for (const LayerSummary& l : r.layers) {
        s += "layer " + l.name + " (" + l.profile;
        if (l.length_factor != 1) s += ", lengths x " + format_fixed(l.length_factor, 3);
        s += "): " + with_commas(l.car_roads) + " car roads of " + with_commas(l.features) + " line features, " +
             with_commas(l.arcs) + " arcs kept\n";
    }
    if (r.joined) {
        s += "joins between layers (vertices within " + format_fixed(r.join_tolerance_m, 1) + " m): " +
             with_commas(r.joins_identical) + " at identical points, " + with_commas(r.joins_within_tolerance) +
             " within the tolerance (largest " + format_fixed(r.max_join_m, 1) + " m); " + with_commas(r.near_misses) +
             " near misses (nearest vertex of an earlier layer " + format_fixed(r.join_tolerance_m, 1) + " to " +
             format_fixed(r.near_miss_m, 1) + " m away, not joined)";
        for (const auto& e : r.near_miss_examples) s += "\n  " + e;
        s += "\n";
    }
    s += with_commas(r.ways_kept) + " car ways of " + with_commas(r.ways_read) + " read";
    if (r.ways_closed) s += ", " + with_commas(r.ways_closed) + " closed (reversible/alternating)";
    s += "\n";
    s += with_commas(r.nodes_before_scc) + " junctions and dead ends, " + with_commas(r.arcs_before_scc) +
         " arcs in " + with_commas(r.components) + " strongly connected components\n";
    s += "kept the largest: " + with_commas(r.nodes) + " nodes (" + format_fixed(100 * r.kept_share(), 1) +
         " %), " + with_commas(r.arcs) + " arcs, " + format_fixed(r.length_km, 1) + " km of road; dropped " +
         with_commas(r.dropped_nodes) + " nodes and " + with_commas(r.dropped_arcs) + " arcs\n";
    if (r.invalid_maxspeed) {
        s += with_commas(r.invalid_maxspeed) + " invalid maxspeed values ignored (class speed used), e.g.";
        for (const auto& e : r.invalid_maxspeed_examples) s += " \"" + e + "\"";
        s += "\n";
    }
    if (r.missing_vertices)
        s += with_commas(r.missing_vertices) + " way nodes without a location (clipped extract?): ways cut there\n";
    if (r.skipped_features) {
        s += with_commas(r.skipped_features) + " line features skipped:";
        for (const auto& e : r.skipped_examples) s += "\n  " + e;
        s += "\n";
    }
    s += "built in " + format_fixed(r.seconds, 2) + " s";
    return s;
}

NodeId RoadGraph::arc_tail(ArcId arc) const {
    auto it = std::upper_bound(first_out.begin(), first_out.end(), arc);
    return static_cast<NodeId>(it - first_out.begin() - 1);
}

void RoadGraph::validate() const {
    auto fail = [&](const std::string& what) {
        throw InputError(source + ": inconsistent graph (" + what + ")");
    };
    const std::size_t n = x.size();
    const std::size_t m = head.size();
    if (y.size() != n || lon.size() != n || lat.size() != n) fail("node coordinate sizes");
    if (!arc_layer.empty() && arc_layer.size() != head.size()) fail("arc layer sizes");
    if (first_out.size() != n + 1 || first_in.size() != n + 1) fail("offset array sizes");
    if (time_ds.size() != m || length_m.size() != m || arc_shape.size() != m ||
        arc_reversed.size() != m || tail.size() != m || in_time_ds.size() != m ||
        in_arc.size() != m)
        fail("arc array sizes");
    for (const auto* offsets : {&first_out, &first_in}) {
        if ((*offsets)[0] != 0 || offsets->back() != m) fail("offset bounds");
        for (std::size_t i = 0; i < n; ++i)
            if ((*offsets)[i] > (*offsets)[i + 1]) fail("offsets not sorted");
    }
    const std::size_t shapes = shape_forward_arc.size();
    if (shape_backward_arc.size() != shapes || shape_first.size() != shapes + 1 ||
        shape_x.size() != shape_y.size() || shape_first[0] != 0 ||
        shape_first.back() != shape_x.size())
        fail("shape array sizes");
    for (std::size_t s = 0; s < shapes; ++s) {
        // In 64 bits: near 2^32 the 32-bit sum wraps and would let a
        // decreasing offset (from a corrupted file) through.
        if (std::uint64_t{shape_first[s]} + 2 > shape_first[s + 1]) fail("shape with fewer than 2 points");
        if (shape_forward_arc[s] != kInvalid && shape_forward_arc[s] >= m) fail("shape arc");
        if (shape_backward_arc[s] != kInvalid && shape_backward_arc[s] >= m) fail("shape arc");
    }
    for (std::size_t a = 0; a < m; ++a) {
        if (head[a] >= n || tail[a] >= n || in_arc[a] >= m) fail("node or arc id out of range");
        if (arc_shape[a] >= shapes || arc_reversed[a] > 1) fail("arc shape");
        if (!arc_layer.empty() && arc_layer[a] >= layer_names.size()) fail("arc layer");
        if (time_ds[a] > kMaxArcTime_ds) fail("arc time");
    }
    for (std::size_t v = 0; v < n; ++v)
        for (ArcId k = first_in[v]; k < first_in[v + 1]; ++k)
            if (head[in_arc[k]] != v || time_ds[in_arc[k]] != in_time_ds[k]) fail("transpose");
}

std::vector<std::uint32_t> strongly_connected_components(const std::vector<ArcId>& first_out,
                                                         const std::vector<NodeId>& head,
                                                         std::uint32_t& count) {
    const std::size_t n = first_out.empty() ? 0 : first_out.size() - 1;
    constexpr std::uint32_t kUnset = kInvalid;
    std::vector<std::uint32_t> index(n, kUnset), low(n, 0), component(n, kUnset);
    std::vector<std::uint8_t> on_stack(n, 0);
    std::vector<NodeId> stack;
    struct Frame {
        NodeId node;
        ArcId next;
    };
    std::vector<Frame> calls;
    std::uint32_t counter = 0;
    count = 0;
    for (NodeId s = 0; s < n; ++s) {
        if (index[s] != kUnset) continue;
        index[s] = low[s] = counter++;
        stack.push_back(s);
        on_stack[s] = 1;
        calls.push_back({s, first_out[s]});
        while (!calls.empty()) {
            Frame& top = calls.back();
            const NodeId v = top.node;
            if (top.next < first_out[v + 1]) {
                const NodeId w = head[top.next++];
                if (index[w] == kUnset) {
                    index[w] = low[w] = counter++;
                    stack.push_back(w);
                    on_stack[w] = 1;
                    calls.push_back({w, first_out[w]}); // invalidates `top`
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            calls.pop_back();
            if (low[v] == index[v]) {
                NodeId w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    component[w] = count;
                } while (w != v);
                ++count;
            }
            if (!calls.empty()) {
                const NodeId u = calls.back().node;
                low[u] = std::min(low[u], low[v]);
            }
        }
    }
    return component;
}

namespace {

/// Road pieces between nodes, before they become arcs.
struct Pieces {
    std::vector<NodeId> from, to;
    std::vector<std::uint8_t> dir;
    std::vector<double> time_s, length_m;
    std::vector<float> speed_kmh;        ///< of the way the piece comes from
    std::vector<std::uint16_t> layer;    ///< of the way the piece comes from
    std::vector<std::uint32_t> first{0}; ///< offsets into vertex
    std::vector<std::uint32_t> vertex;

    std::uint32_t count() const { return static_cast<std::uint32_t>(from.size()); }
    void add(NodeId a, NodeId b, std::uint8_t d, double t, double len, float speed, std::uint16_t lay,
             const std::uint32_t* v, std::size_t nv) {
        from.push_back(a), to.push_back(b), dir.push_back(d), time_s.push_back(t),
            length_m.push_back(len), speed_kmh.push_back(speed), layer.push_back(lay);
        vertex.insert(vertex.end(), v, v + nv);
        first.push_back(static_cast<std::uint32_t>(vertex.size()));
    }
};

std::uint8_t flip(std::uint8_t dir) {
    return static_cast<std::uint8_t>(((dir & WaySet::kForward) ? WaySet::kBackward : 0) |
                                     ((dir & WaySet::kBackward) ? WaySet::kForward : 0));
}

/// Merges chains of pieces through pass-through nodes (degree 2, same
/// directions, same speed and same input layer on both sides: snapping splits
/// an arc's time in proportion to distance, which is only exact at one speed;
/// an arc keeps the layer it comes from). Cycles made only
/// of such nodes keep one node.
Pieces contract_pass_through(Pieces in, std::size_t node_count) {
    const std::uint32_t np = in.count();
    // Up to two (piece, end) incidences per node; more = junction.
    std::vector<std::uint8_t> degree(node_count, 0);
    std::vector<std::uint32_t> inc0(node_count, kInvalid), inc1(node_count, kInvalid);
    auto attach = [&](NodeId v, std::uint32_t piece_end) {
        if (degree[v] == 0) inc0[v] = piece_end;
        else if (degree[v] == 1) inc1[v] = piece_end;
        if (degree[v] < 3) ++degree[v];
    };
    for (std::uint32_t p = 0; p < np; ++p) {
        attach(in.from[p], p << 1);
        attach(in.to[p], (p << 1) | 1);
    }
    // Direction of piece p when walked so that it leaves v (end bit 0 = from).
    auto leaving_dir = [&](std::uint32_t piece_end) {
        const std::uint32_t p = piece_end >> 1;
        return (piece_end & 1) ? flip(in.dir[p]) : in.dir[p];
    };
    std::vector<std::uint8_t> pass(node_count, 0);
    for (NodeId v = 0; v < node_count; ++v) {
        if (degree[v] != 2 || (inc0[v] >> 1) == (inc1[v] >> 1)) continue;
        // Walking in through one piece and out through the other must allow
        // the same directions: in-direction of inc0 == out-direction of inc1.
        pass[v] = flip(leaving_dir(inc0[v])) == leaving_dir(inc1[v]) &&
                  in.speed_kmh[inc0[v] >> 1] == in.speed_kmh[inc1[v] >> 1] &&
                  in.layer[inc0[v] >> 1] == in.layer[inc1[v] >> 1];
    }

    // Merging only removes pieces and shared vertices: reserve the input's
    // sizes (an upper bound) rather than growing by doubling.
    Pieces out;
    out.from.reserve(np), out.to.reserve(np), out.dir.reserve(np), out.time_s.reserve(np),
        out.length_m.reserve(np), out.speed_kmh.reserve(np), out.layer.reserve(np), out.first.reserve(np + 1);
    out.vertex.reserve(in.vertex.size());
    std::vector<std::uint8_t> done(np, 0);
    std::vector<std::uint32_t> chain_vertex;
    // Walks forward from piece_end (piece p leaving node `start`), merging.
    auto emit = [&](std::uint32_t piece_end) {
        const NodeId start = (piece_end & 1) ? in.to[piece_end >> 1] : in.from[piece_end >> 1];
        const std::uint8_t dir = leaving_dir(piece_end);
        double t = 0, len = 0;
        chain_vertex.clear();
        NodeId at = start;
        std::uint32_t cur = piece_end;
        for (;;) {
            const std::uint32_t p = cur >> 1;
            done[p] = 1;
            t += in.time_s[p], len += in.length_m[p];
            const bool reversed = cur & 1;
            const std::size_t skip = chain_vertex.empty() ? 0 : 1;
            if (!reversed) {
                chain_vertex.insert(chain_vertex.end(), in.vertex.begin() + in.first[p] + skip,
                                    in.vertex.begin() + in.first[p + 1]);
            } else {
                for (std::size_t k = in.first[p + 1] - skip; k-- > in.first[p];)
                    chain_vertex.push_back(in.vertex[k]);
            }
            at = reversed ? in.from[p] : in.to[p];
            if (!pass[at] || at == start) break;
            const std::uint32_t next = (inc0[at] >> 1) == p ? inc1[at] : inc0[at];
            if (done[next >> 1]) break;
            cur = next;
        }
        out.add(start, at, dir, t, len, in.speed_kmh[piece_end >> 1], in.layer[piece_end >> 1],
                chain_vertex.data(), chain_vertex.size());
    };
    // Chains start at a piece end touching a node that is not pass-through.
    for (std::uint32_t p = 0; p < np; ++p) {
        if (done[p]) continue;
        if (!pass[in.from[p]]) emit(p << 1);
        else if (!pass[in.to[p]]) emit((p << 1) | 1);
    }
    // What is left are rings of pass-through nodes: keep one node per ring.
    for (std::uint32_t p = 0; p < np; ++p) {
        if (done[p]) continue;
        pass[in.from[p]] = 0;
        emit(p << 1);
    }
    return out;
}

/// Frees a container's memory now (clear() keeps the capacity).
template <class T> void release(T& container) { T().swap(container); }

void release(WaySet& w) {
    release(w.x), release(w.y), release(w.lon), release(w.lat), release(w.way_first),
        release(w.way_vertex), release(w.way_speed_kmh), release(w.way_direction), release(w.way_layer),
        release(w.way_length_factor);
}

std::uint64_t morton(std::uint32_t a, std::uint32_t b) {
    std::uint64_t key = 0;
    for (int bit = 0; bit < 21; ++bit) {
        key |= (std::uint64_t((a >> bit) & 1u) << (2 * bit)) |
               (std::uint64_t((b >> bit) & 1u) << (2 * bit + 1));
    }
    return key;
}

} // namespace

RoadGraph build_road_graph(WaySet ways, BuildReport& report, bool keep_largest_component) {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t nv = ways.x.size();
    const bool geodesic = !ways.lon.empty();
    const bool layered = !ways.way_layer.empty();

    // A vertex is a node if it ends a way or is used more than once.
    std::vector<std::uint8_t> use(nv, 0);
    std::vector<std::uint8_t> is_node(nv, 0);
    for (std::size_t w = 0; w < ways.way_count(); ++w) {
        const std::uint32_t b = ways.way_first[w], e = ways.way_first[w + 1];
        if (e <= b) continue;
        for (std::uint32_t i = b; i < e; ++i) {
            std::uint8_t& u = use[ways.way_vertex[i]];
            if (u < 2) ++u;
        }
        is_node[ways.way_vertex[b]] = 1;
        is_node[ways.way_vertex[e - 1]] = 1;
    }
    std::uint64_t used_vertices = 0;
    for (std::size_t v = 0; v < nv; ++v) {
        if (use[v] >= 2) is_node[v] = 1;
        used_vertices += use[v] > 0;
    }
    report.vertices = used_vertices;

    std::vector<NodeId> vertex_node(nv, kInvalid);
    std::vector<std::uint32_t> node_vertex;
    auto node_of = [&](std::uint32_t v) {
        if (vertex_node[v] == kInvalid) {
            vertex_node[v] = static_cast<NodeId>(node_vertex.size());
            node_vertex.push_back(v);
        }
        return vertex_node[v];
    };

    auto segment_length = [&](std::uint32_t p, std::uint32_t q) {
        if (geodesic)
            return geo::great_circle_m({ways.lon[p], ways.lat[p]}, {ways.lon[q], ways.lat[q]});
        return std::hypot(ways.x[q] - ways.x[p], ways.y[q] - ways.y[p]);
    };

    // 1. Pieces of ways between node vertices. Arrays are reserved from a
    // counting pass (an upper bound): growth by doubling would set the peak.
    Pieces pieces;
    {
        std::size_t count = 0, vertices = 0;
        for (std::size_t w = 0; w < ways.way_count(); ++w) {
            const std::uint32_t b = ways.way_first[w], e = ways.way_first[w + 1];
            if (e - b < 2 || ways.way_direction[w] == 0 || !(ways.way_speed_kmh[w] > 0)) continue;
            std::size_t ends = 0;
            for (std::uint32_t i = b + 1; i < e; ++i) ends += is_node[ways.way_vertex[i]] || i + 1 == e;
            count += ends;
            vertices += (e - b) + ends - 1; // a node vertex inside a way starts the next piece too
        }
        pieces.from.reserve(count), pieces.to.reserve(count), pieces.dir.reserve(count);
        pieces.time_s.reserve(count), pieces.length_m.reserve(count), pieces.speed_kmh.reserve(count);
        pieces.layer.reserve(count);
        pieces.first.reserve(count + 1), pieces.vertex.reserve(vertices);
    }
    std::vector<std::uint32_t> piece;
    for (std::size_t w = 0; w < ways.way_count(); ++w) {
        const std::uint32_t b = ways.way_first[w], e = ways.way_first[w + 1];
        const std::uint8_t dir = ways.way_direction[w];
        const double speed_ms = double(ways.way_speed_kmh[w]) / 3.6;
        if (e - b < 2 || dir == 0 || !(speed_ms > 0)) continue;
        const std::uint16_t layer = ways.way_layer.empty() ? 0 : ways.way_layer[w];
        const double factor = ways.way_length_factor.empty() ? 1.0 : double(ways.way_length_factor[w]);
        piece.clear();
        double length = 0;
        for (std::uint32_t i = b; i < e; ++i) {
            const std::uint32_t v = ways.way_vertex[i];
            if (!piece.empty()) {
                if (piece.back() == v) continue; // repeated vertex
                length += segment_length(piece.back(), v);
            }
            piece.push_back(v);
            if (piece.size() < 2 || !(is_node[v] || i + 1 == e)) continue;
            const NodeId from = node_of(piece.front());
            const NodeId to = node_of(piece.back());
            if (!(from == to && length == 0))
                pieces.add(from, to, dir, factor * length / speed_ms, factor * length, ways.way_speed_kmh[w],
                           layer, piece.data(), piece.size());
            piece.assign(1, v);
            length = 0;
        }
    }

    // Intermediate arrays are released as soon as they are used up, to keep
    // the peak memory of a France-sized build down. Only nodes need lon/lat
    // from here on (shape points keep x/y only).
    release(use), release(is_node), release(vertex_node), release(ways.way_first),
        release(ways.way_vertex), release(ways.way_speed_kmh), release(ways.way_direction),
        release(ways.way_layer), release(ways.way_length_factor);
    std::vector<double> node_lon, node_lat;
    if (geodesic) {
        node_lon.resize(node_vertex.size()), node_lat.resize(node_vertex.size());
        for (std::size_t u = 0; u < node_vertex.size(); ++u)
            node_lon[u] = ways.lon[node_vertex[u]], node_lat[u] = ways.lat[node_vertex[u]];
    }
    release(ways.lon), release(ways.lat);

    // 2. A node where exactly two pieces meet end to end with the same
    // directions (a way split for a bridge or a tag change) is no junction:
    // merge the pieces through it.
    pieces = contract_pass_through(std::move(pieces), node_vertex.size());

    // 3. Nodes still used, renumbered densely; arcs of both directions.
    std::vector<NodeId> used(node_vertex.size(), kInvalid);
    std::vector<std::uint32_t> used_vertex;
    std::vector<double> used_lon, used_lat;
    auto use_node = [&](NodeId u) {
        if (used[u] == kInvalid) {
            used[u] = static_cast<NodeId>(used_vertex.size());
            used_vertex.push_back(node_vertex[u]);
            if (geodesic) used_lon.push_back(node_lon[u]), used_lat.push_back(node_lat[u]);
        }
        return used[u];
    };
    std::vector<NodeId> a_tail, a_head;
    std::vector<TimeDs> a_time;
    std::vector<float> a_length;
    std::vector<std::uint32_t> a_shape;
    std::vector<std::uint8_t> a_rev;
    const std::vector<std::uint32_t>& s_first = pieces.first;
    const std::vector<std::uint32_t>& s_vertex = pieces.vertex;
    {
        std::size_t arcs = 0;
        for (auto d : pieces.dir) arcs += ((d & WaySet::kForward) ? 1 : 0) + ((d & WaySet::kBackward) ? 1 : 0);
        a_tail.reserve(arcs), a_head.reserve(arcs), a_time.reserve(arcs), a_length.reserve(arcs),
            a_shape.reserve(arcs), a_rev.reserve(arcs);
    }
    for (std::uint32_t k = 0; k < pieces.count(); ++k) {
        const NodeId from = use_node(pieces.from[k]), to = use_node(pieces.to[k]);
        const double t = std::round(pieces.time_s[k] * 10.0);
        const TimeDs time = t >= double(kMaxArcTime_ds) ? kMaxArcTime_ds : static_cast<TimeDs>(t);
        const auto length = static_cast<float>(pieces.length_m[k]);
        if (pieces.dir[k] & WaySet::kForward) {
            a_tail.push_back(from), a_head.push_back(to), a_rev.push_back(0);
            a_time.push_back(time), a_length.push_back(length), a_shape.push_back(k);
        }
        if (pieces.dir[k] & WaySet::kBackward) {
            a_tail.push_back(to), a_head.push_back(from), a_rev.push_back(1);
            a_time.push_back(time), a_length.push_back(length), a_shape.push_back(k);
        }
    }
    release(pieces.from), release(pieces.to), release(pieces.dir), release(pieces.time_s),
        release(pieces.length_m), release(pieces.speed_kmh), release(used);
    node_vertex = std::move(used_vertex);
    node_lon = std::move(used_lon), node_lat = std::move(used_lat);
    const std::size_t n0 = node_vertex.size();
    report.nodes_before_scc = n0;
    report.arcs_before_scc = a_head.size();

    // Largest strongly connected component.
    csr::IdRows arcs_by_tail = csr::group_by_row(a_tail, n0);
    std::vector<NodeId> sorted_head(arcs_by_tail.id.size());
    for (std::size_t k = 0; k < sorted_head.size(); ++k)
        sorted_head[k] = a_head[arcs_by_tail.id[k]];
    std::uint32_t ncomp = 0;
    auto comp = strongly_connected_components(arcs_by_tail.first, sorted_head, ncomp);
    report.components = ncomp;
    release(arcs_by_tail.first), release(arcs_by_tail.id), release(sorted_head);
    std::vector<std::uint32_t> comp_size(ncomp, 0);
    for (auto c : comp) ++comp_size[c];
    const std::uint32_t best =
        ncomp ? static_cast<std::uint32_t>(std::max_element(comp_size.begin(), comp_size.end()) -
                                           comp_size.begin())
              : 0;

    // Spatial node order (Morton curve) for cache locality in searches.
    std::vector<NodeId> kept;
    double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300;
    for (NodeId u = 0; u < n0; ++u) {
        if (keep_largest_component && comp[u] != best) continue;
        kept.push_back(u);
        const auto v = node_vertex[u];
        minx = std::min(minx, ways.x[v]), maxx = std::max(maxx, ways.x[v]);
        miny = std::min(miny, ways.y[v]), maxy = std::max(maxy, ways.y[v]);
    }
    {
        const double sx = maxx > minx ? (double(1u << 21) - 1) / (maxx - minx) : 0;
        const double sy = maxy > miny ? (double(1u << 21) - 1) / (maxy - miny) : 0;
        std::vector<std::uint64_t> key(n0, 0);
        for (NodeId u : kept) {
            const auto v = node_vertex[u];
            key[u] = morton(static_cast<std::uint32_t>((ways.x[v] - minx) * sx),
                            static_cast<std::uint32_t>((ways.y[v] - miny) * sy));
        }
        std::stable_sort(kept.begin(), kept.end(),
                         [&](NodeId a, NodeId b) { return key[a] < key[b]; });
    }
    std::vector<NodeId> new_id(n0, kInvalid);
    for (NodeId i = 0; i < kept.size(); ++i) new_id[kept[i]] = i;

    RoadGraph g;
    const std::size_t n = kept.size();
    g.x.resize(n), g.y.resize(n), g.lon.resize(n), g.lat.resize(n);
    for (NodeId i = 0; i < n; ++i) {
        const auto v = node_vertex[kept[i]];
        g.x[i] = ways.x[v], g.y[i] = ways.y[v];
        g.lon[i] = geodesic ? node_lon[kept[i]] : std::nan("");
        g.lat[i] = geodesic ? node_lat[kept[i]] : std::nan("");
    }
    release(node_lon), release(node_lat);

    // Kept arcs, and the shapes they use (renumbered in first-use order).
    std::vector<ArcId> kept_arcs;
    {
        std::size_t count = 0;
        for (ArcId a = 0; a < a_head.size(); ++a)
            count += new_id[a_tail[a]] != kInvalid && new_id[a_head[a]] != kInvalid;
        kept_arcs.reserve(count);
    }
    for (ArcId a = 0; a < a_head.size(); ++a)
        if (new_id[a_tail[a]] != kInvalid && new_id[a_head[a]] != kInvalid) kept_arcs.push_back(a);
    std::vector<std::uint32_t> new_shape(s_first.size() - 1, kInvalid);
    std::vector<std::uint32_t> shape_order;
    for (ArcId a : kept_arcs) {
        if (new_shape[a_shape[a]] == kInvalid) {
            new_shape[a_shape[a]] = static_cast<std::uint32_t>(shape_order.size());
            shape_order.push_back(a_shape[a]);
        }
    }
    g.shape_first.assign(1, 0);
    {
        std::size_t points = 0; // reserve exactly: doubling two big vectors would set the peak
        for (auto s : shape_order) points += s_first[s + 1] - s_first[s];
        g.shape_x.reserve(points), g.shape_y.reserve(points);
        g.shape_first.reserve(shape_order.size() + 1);
    }
    // x then y, each source array released once copied.
    for (auto s : shape_order) {
        for (auto k = s_first[s]; k < s_first[s + 1]; ++k) g.shape_x.push_back(ways.x[s_vertex[k]]);
        g.shape_first.push_back(static_cast<std::uint32_t>(g.shape_x.size()));
    }
    release(ways.x);
    for (auto s : shape_order)
        for (auto k = s_first[s]; k < s_first[s + 1]; ++k) g.shape_y.push_back(ways.y[s_vertex[k]]);
    release(ways), release(pieces.first), release(pieces.vertex), release(node_vertex),
        release(comp);
    g.shape_forward_arc.assign(shape_order.size(), kInvalid);
    g.shape_backward_arc.assign(shape_order.size(), kInvalid);
    release(shape_order);

    // Forward CSR.
    std::vector<NodeId> k_tail(kept_arcs.size());
    for (std::size_t k = 0; k < kept_arcs.size(); ++k) k_tail[k] = new_id[a_tail[kept_arcs[k]]];
    csr::IdRows kept_by_tail = csr::group_by_row(k_tail, n);
    g.first_out = std::move(kept_by_tail.first);
    const std::vector<std::uint32_t>& order = kept_by_tail.id; // slot -> index into kept_arcs
    const std::size_t m = kept_arcs.size();
    g.head.resize(m), g.time_ds.resize(m), g.length_m.resize(m), g.arc_shape.resize(m),
        g.arc_reversed.resize(m);
    if (layered) g.arc_layer.resize(m);
    double total_m = 0;
    for (ArcId k = 0; k < m; ++k) {
        const ArcId a = kept_arcs[order[k]];
        g.head[k] = new_id[a_head[a]];
        g.time_ds[k] = a_time[a];
        g.length_m[k] = a_length[a];
        g.arc_shape[k] = new_shape[a_shape[a]];
        g.arc_reversed[k] = a_rev[a];
        if (layered) g.arc_layer[k] = pieces.layer[a_shape[a]];
        auto& slot = a_rev[a] ? g.shape_backward_arc[g.arc_shape[k]]
                              : g.shape_forward_arc[g.arc_shape[k]];
        // Two arcs may share a shape and direction only if a way was listed
        // twice; the first one wins for snapping.
        if (slot == kInvalid) slot = k;
    }

    release(a_tail), release(a_head), release(a_time), release(a_length), release(a_shape),
        release(a_rev), release(kept_arcs), release(k_tail), release(new_id), release(new_shape),
        release(pieces.layer), release(kept_by_tail.id);
    for (std::uint32_t sh = 0; sh < g.shape_count(); ++sh) {
        const ArcId a = g.shape_forward_arc[sh] != kInvalid ? g.shape_forward_arc[sh]
                                                            : g.shape_backward_arc[sh];
        total_m += g.length_m[a];
    }

    // Transpose.
    const std::vector<NodeId> tails = csr::row_of_entries(g.first_out);
    csr::IdRows arcs_by_head = csr::group_by_row(g.head, n);
    g.first_in = std::move(arcs_by_head.first);
    g.in_arc = std::move(arcs_by_head.id);
    g.tail.resize(m), g.in_time_ds.resize(m);
    for (ArcId k = 0; k < m; ++k) {
        g.tail[k] = tails[g.in_arc[k]];
        g.in_time_ds[k] = g.time_ds[g.in_arc[k]];
    }

    report.nodes = n;
    report.arcs = m;
    report.dropped_nodes = n0 - n;
    report.dropped_arcs = report.arcs_before_scc - m;
    report.length_km = total_m / 1000.0;
    report.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return g;
}

} // namespace maillage::network
