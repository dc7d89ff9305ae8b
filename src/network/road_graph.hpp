#pragma once
/// The road graph: compressed sparse rows, struct of arrays, plus the
/// transpose for searches towards sites. Only junctions, dead ends and points
/// where the speed changes along a road are nodes; the shape points between
/// them are folded into each arc's length and time and kept in a side array of
/// shapes for snapping and exports.

#include "core/ids.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace maillage::network {

/// Travel times inside the graph are integers in deciseconds (0.1 s).
using TimeDs = std::uint32_t;

/// "Not reached" time. Any sum of two values <= kInfTime_ds fits in 32 bits,
/// so a search can add an arc time to a tentative time without overflow.
inline constexpr TimeDs kInfTime_ds = std::numeric_limits<TimeDs>::max() / 2;
static_assert(2ull * kInfTime_ds <= std::numeric_limits<TimeDs>::max(),
              "two unreachable times must add up without overflow");
/// Largest time a single arc may carry (about 6.8 years: never hit in practice).
inline constexpr TimeDs kMaxArcTime_ds = kInfTime_ds - 1;

/// Ways to turn into a graph, as produced by the OSM and line-layer readers:
/// polylines over shared vertices. Two ways meet where they share a vertex
/// index (never where their lines merely cross).
struct WaySet {
    /// Vertex positions in the working CRS (metres).
    std::vector<double> x, y;
    /// Vertex positions in WGS84 degrees; may be left empty, then lengths are
    /// planar lengths in the working CRS.
    std::vector<double> lon, lat;
    /// Way i uses way_vertex[way_first[i] .. way_first[i+1]); way_first has
    /// one more entry than there are ways (start it with {0}).
    std::vector<std::uint32_t> way_first{0};
    std::vector<std::uint32_t> way_vertex;
    /// Driving speed in km/h, > 0.
    std::vector<float> way_speed_kmh;
    /// Bit kForward: drivable along the vertex order; bit kBackward: against it.
    std::vector<std::uint8_t> way_direction;
    /// Optional, one entry per way or empty: the input layer of each way (for
    /// merged networks, kept per arc in RoadGraph::arc_layer; empty = all 0).
    std::vector<std::uint16_t> way_layer;
    /// Optional, one entry per way or empty (= 1): measured lengths and times
    /// are multiplied by this, e.g. to correct straight lines between
    /// waypoints that are shorter than the road. Must be > 0.
    std::vector<float> way_length_factor;

    static constexpr std::uint8_t kForward = 1;
    static constexpr std::uint8_t kBackward = 2;

    std::size_t way_count() const { return way_speed_kmh.size(); }
    /// Appends a way; `vertices` index x/y. If way_layer or
    /// way_length_factor is in use (non-empty, or `layer` != 0 or
    /// `length_factor` != 1) the entry is recorded for every way.
    void add_way(const std::vector<std::uint32_t>& vertices, float speed_kmh,
                 std::uint8_t direction, std::uint16_t layer = 0, float length_factor = 1);
};

/// One input layer of a merged network, in the build report.
struct LayerSummary {
    std::string name;           ///< file name[:layer]
    std::string profile;        ///< car profile or line-layer mapping name
    double length_factor = 1;   ///< lengths and times multiplied by this
    std::uint64_t features = 0; ///< line features read
    std::uint64_t car_roads = 0;///< of which car roads
    std::uint64_t arcs = 0;     ///< arcs of the final graph from this layer
};

/// What a build read, kept and dropped; printed by `maillage graph build`.
struct BuildReport {
    std::uint64_t ways_read = 0;          ///< ways (or line features) in the input
    std::uint64_t ways_kept = 0;          ///< ways a car may use
    std::uint64_t ways_closed = 0;        ///< car ways dropped as closed (oneway=reversible...)
    std::uint64_t invalid_maxspeed = 0;   ///< maxspeed values ignored (class speed used)
    std::vector<std::string> invalid_maxspeed_examples; ///< up to 5 distinct values
    std::uint64_t missing_vertices = 0;   ///< way nodes without a location (clipped extracts)
    std::uint64_t skipped_features = 0;   ///< line features skipped for a bad speed/class value
    std::vector<std::string> skipped_examples; ///< up to 5 "file: feature N: why" messages
    std::uint64_t vertices = 0;           ///< distinct vertices on kept ways
    std::uint64_t nodes_before_scc = 0;   ///< junctions and dead ends
    std::uint64_t arcs_before_scc = 0;
    std::uint64_t components = 0;         ///< strongly connected components
    std::uint64_t nodes = 0;              ///< nodes kept (largest component)
    std::uint64_t arcs = 0;               ///< arcs kept
    std::uint64_t dropped_nodes = 0;      ///< nodes outside the largest component
    std::uint64_t dropped_arcs = 0;
    double length_km = 0;                 ///< length of the kept roads (a two-way road counts once)
    double seconds = 0;                   ///< wall time of the build

    // Merged networks (build_graph_from_layers) only.
    bool joined = false;                  ///< several layers merged
    std::vector<LayerSummary> layers;     ///< in input order
    double join_tolerance_m = 0;          ///< vertices of different layers this close are joined
    double near_miss_m = 0;               ///< ... and up to this far counted as near misses
    std::uint64_t joins_identical = 0;    ///< vertices joined to one of an earlier layer at the same point
    std::uint64_t joins_within_tolerance = 0; ///< ... at 0 < distance <= tolerance
    double max_join_m = 0;                ///< largest join distance
    std::uint64_t near_misses = 0;        ///< vertices whose nearest earlier-layer vertex is in (tolerance, near_miss_m]
    std::vector<std::string> near_miss_examples; ///< up to 5

    /// Share of nodes kept in the largest component, 0..1.
    double kept_share() const {
        return nodes_before_scc ? double(nodes) / double(nodes_before_scc) : 0.0;
    }
};

/// Human-readable summary of a build, several lines, for `maillage graph
/// build` and logs (ways kept, nodes, arcs, component filter, warnings).
std::string describe(const BuildReport& report);

/// A directed road graph. Plain struct: every vector is public, tests build
/// one by hand through build_road_graph(WaySet).
struct RoadGraph {
    std::string source;             ///< input it was built from, for describe()
    std::string profile;            ///< profile name ("car-fr")
    std::string crs = "EPSG:2154";  ///< CRS of x/y and shape coordinates

    // Nodes.
    std::vector<double> x, y;       ///< working CRS, metres
    std::vector<double> lon, lat;   ///< WGS84 degrees

    // Forward CSR: arcs first_out[u] .. first_out[u+1] leave u.
    std::vector<ArcId> first_out;   ///< node_count()+1 entries
    std::vector<NodeId> head;
    std::vector<TimeDs> time_ds;
    std::vector<float> length_m;
    std::vector<std::uint32_t> arc_shape;     ///< shape drawn by the arc
    std::vector<std::uint8_t> arc_reversed;   ///< 1 if the arc runs against its shape

    // Transpose: arcs first_in[v] .. first_in[v+1] enter v.
    std::vector<ArcId> first_in;
    std::vector<NodeId> tail;       ///< tail of each incoming arc
    std::vector<TimeDs> in_time_ds;
    std::vector<ArcId> in_arc;      ///< forward arc id of each incoming arc

    // Shapes (geometry shared by the arcs of both directions of a road).
    std::vector<std::uint32_t> shape_first;   ///< shape_count()+1 offsets into shape_x/y
    std::vector<double> shape_x, shape_y;     ///< working CRS, both end nodes included
    std::vector<ArcId> shape_forward_arc;     ///< arc along the shape, or kInvalid
    std::vector<ArcId> shape_backward_arc;    ///< arc against the shape, or kInvalid

    // Layers of a merged network (build_graph_from_layers): empty for a graph
    // from one input; else one entry per arc, an index into layer_names.
    // Not stored in graph files.
    std::vector<std::uint16_t> arc_layer;
    std::vector<std::string> layer_names;

    NodeId node_count() const { return static_cast<NodeId>(x.size()); }
    ArcId arc_count() const { return static_cast<ArcId>(head.size()); }
    std::uint32_t shape_count() const { return static_cast<std::uint32_t>(shape_forward_arc.size()); }
    /// Tail node of a forward arc (binary search, O(log n)).
    NodeId arc_tail(ArcId arc) const;
    /// Checks every invariant (sizes, ranges, transpose); throws InputError
    /// naming `source` if one fails. Used after loading a file.
    void validate() const;
};

/// Turns ways into a graph: splits ways at shared vertices, folds
/// pass-through vertices, keeps the largest strongly connected component
/// (unless `keep_largest_component` is false: every component is kept, for
/// inspection and tests), numbers nodes in spatial order, builds both CSR.
/// Fills the node/arc fields of `report`. Never throws on an empty input: the
/// result is then empty and callers decide.
/// Takes the ways by value: move them in to free their memory during the build.
RoadGraph build_road_graph(WaySet ways, BuildReport& report, bool keep_largest_component = true);

/// Strongly connected components of a CSR graph (iterative Tarjan, no
/// recursion). Returns the component of each node; `count` receives the
/// number of components. O(n + m).
std::vector<std::uint32_t> strongly_connected_components(const std::vector<ArcId>& first_out,
                                                         const std::vector<NodeId>& head,
                                                         std::uint32_t& count);

} // namespace maillage::network
