#include "network/line_graph.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/transform.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>
#include <unordered_map>

namespace maillage::network {

namespace {

struct PointKey {
    std::uint64_t x, y;
    bool operator==(const PointKey&) const = default;
};
struct PointHash {
    std::size_t operator()(const PointKey& k) const {
        return std::hash<std::uint64_t>()(k.x * 0x9E3779B97F4A7C15ull ^ k.y);
    }
};

PointKey key_of(double x, double y) {
    PointKey k{};
    if (x == 0) x = 0; // -0.0 and 0.0 are the same place
    if (y == 0) y = 0;
    std::memcpy(&k.x, &x, sizeof x);
    std::memcpy(&k.y, &y, sizeof y);
    return k;
}

// Shortest readable form: 1, 0.01, 1e+300, nan.
std::string number_text(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

std::vector<std::string> line_layer_fields(const LineLayerMapping& m) {
    using Kind = LineLayerMapping::Kind;
    std::vector<std::string> fields;
    switch (m.kind) {
    case Kind::osm_tags:
        if (!contains(m.tag_fields, "highway"))
            throw UsageError("line layer mapping: the OSM tag fields must include highway");
        fields = m.tag_fields;
        break;
    case Kind::class_table:
        if (m.class_field.empty() || m.class_speed_kmh.empty())
            throw UsageError("line layer mapping: a class field and a class -> km/h table are needed");
        fields.push_back(m.class_field);
        break;
    case Kind::speed_field:
        if (m.speed_field.empty()) throw UsageError("line layer mapping: no speed field given");
        fields.push_back(m.speed_field);
        break;
    }
    if (m.kind != Kind::osm_tags && !m.oneway_field.empty()) fields.push_back(m.oneway_field);
    if (m.kind == Kind::class_table) {
        if (m.override_fields.empty() != m.override_speed_kmh.empty())
            throw UsageError("line layer mapping: override fields and an override -> km/h table go together");
        fields.insert(fields.end(), m.override_fields.begin(), m.override_fields.end());
        for (const auto& [key, kmh] : m.override_speed_kmh)
            if (!(kmh >= kMinLineSpeedKmh && kmh <= kMaxLineSpeedKmh))
                throw UsageError("line layer mapping: override " + quote(key) + ": speed " + number_text(kmh) +
                                 " km/h is not in [" + number_text(kMinLineSpeedKmh) + ", " +
                                 number_text(kMaxLineSpeedKmh) + "]");
    } else if (!m.override_fields.empty() || !m.override_speed_kmh.empty()) {
        throw UsageError("line layer mapping: override speeds need kind class_table");
    }
    // Bounds keep every driving speed a finite float >= 0.01 km/h: a class
    // speed of 0 made car roads of speed 0 (found by fuzz_line_mapping), a
    // factor of 1e300 overflowed the float speed.
    if (!(m.speed_factor >= kMinSpeedFactor && m.speed_factor <= kMaxSpeedFactor))
        throw UsageError("line layer mapping: speed factor " + number_text(m.speed_factor) + " is not in [" +
                         number_text(kMinSpeedFactor) + ", " + number_text(kMaxSpeedFactor) + "]");
    if (m.kind == Kind::class_table)
        for (const auto& [cls, kmh] : m.class_speed_kmh)
            if (!(kmh >= kMinLineSpeedKmh && kmh <= kMaxLineSpeedKmh))
                throw UsageError("line layer mapping: class " + quote(cls) + ": speed " + number_text(kmh) +
                                 " km/h is not in [" + number_text(kMinLineSpeedKmh) + ", " +
                                 number_text(kMaxLineSpeedKmh) + "]");
    return fields;
}

LineFeatureClass classify_line_feature(const LineLayerMapping& mapping, const CarProfile& profile,
                                       const std::vector<std::string>& fields,
                                       const std::vector<std::string_view>& values) {
    using Kind = LineLayerMapping::Kind;
    LineFeatureClass out;
    auto value = [&](std::size_t i) { return i < values.size() ? values[i] : std::string_view(); };
    if (mapping.kind == Kind::osm_tags) {
        WayTags t;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string& k = fields[i];
            const std::string_view v = value(i);
            if (k == "highway") t.highway = v;
            else if (k == "oneway") t.oneway = v;
            else if (k == "maxspeed") t.maxspeed = v;
            else if (k == "junction") t.junction = v;
            else if (k == "access") t.access = v;
            else if (k == "vehicle") t.vehicle = v;
            else if (k == "motor_vehicle") t.motor_vehicle = v;
            else if (k == "motorcar") t.motorcar = v;
            else if (k == "area") t.area = v;
            else if (k == "service") t.service = v;
            else if (k == "construction") t.construction = v;
        }
        const WayClass c = classify_way(t, profile);
        out.car = c.car;
        out.closed = c.closed;
        out.invalid_maxspeed = c.invalid_maxspeed;
        out.speed_kmh = c.speed_kmh;
        out.direction = c.direction;
        return out;
    }
    if (mapping.kind == Kind::class_table) {
        auto it = mapping.class_speed_kmh.find(value(0));
        if (it == mapping.class_speed_kmh.end()) return out; // not a car road
        double kmh = it->second;
        if (!mapping.override_fields.empty()) {
            std::string key;
            const std::size_t first = mapping.oneway_field.empty() ? 1 : 2;
            for (std::size_t i = 0; i < mapping.override_fields.size(); ++i) {
                if (i) key += ':';
                key += value(first + i);
            }
            if (auto o = mapping.override_speed_kmh.find(key); o != mapping.override_speed_kmh.end()) kmh = o->second;
        }
        out.speed_kmh = static_cast<float>(kmh * mapping.speed_factor);
    } else {
        const auto v = parse_double(value(0));
        if (!v || !(*v >= kMinLineSpeedKmh && *v <= kMaxLineSpeedKmh)) {
            out.skipped = mapping.speed_field + " " + quoted(value(0)) + " is not a speed (expected km/h from " +
                          number_text(kMinLineSpeedKmh) + " to " + number_text(kMaxLineSpeedKmh) + ")";
            return out;
        }
        out.speed_kmh = static_cast<float>(*v * mapping.speed_factor);
    }
    out.direction = WaySet::kForward | WaySet::kBackward;
    if (!mapping.oneway_field.empty()) {
        const std::string_view ow = value(1);
        if (contains(mapping.closed_values, ow)) {
            out.closed = true;
            out.direction = 0;
            out.speed_kmh = 0;
            return out;
        }
        if (contains(mapping.forward_values, ow)) out.direction = WaySet::kForward;
        else if (contains(mapping.backward_values, ow)) out.direction = WaySet::kBackward;
    }
    out.car = true;
    return out;
}

namespace {

/// Reads one line layer and appends its car roads to `ws` as layer
/// `layer_index`, merging vertices with identical coordinates inside the
/// layer only. Returns the index of the first vertex it added.
std::uint32_t append_line_layer(const geo::LayerSpec& spec, const LineLayerMapping& mapping,
                                const CarProfile& profile, const GraphBuildOptions& options,
                                const Logger& log, BuildReport& report, WaySet& ws,
                                std::uint16_t layer_index, float length_factor, LayerSummary* summary) {
    geo::ReadOptions read;
    read.target_crs = options.crs;
    read.fields = line_layer_fields(mapping);
    const geo::VectorLayer layer = geo::read_layer(spec, read, log);

    const auto first_vertex = static_cast<std::uint32_t>(ws.x.size());
    std::unordered_map<PointKey, std::uint32_t, PointHash> vertex_of;
    std::set<std::string> examples;
    auto skip = [&](const geo::Feature& f, const std::string& why) {
        ++report.skipped_features;
        if (report.skipped_examples.size() < 5) report.skipped_examples.push_back(layer.where(f) + ": " + why);
    };
    auto value = [&](const geo::Feature& f, std::size_t i) -> std::string_view {
        return f.values[i] ? std::string_view(*f.values[i]) : std::string_view();
    };

    std::vector<std::string_view> values(layer.fields.size());
    // invalid_maxspeed is only ever set with a maxspeed field (osm_tags); as
    // in classify_line_feature, the last one listed counts.
    std::size_t maxspeed_index = 0;
    for (std::size_t i = 0; i < layer.fields.size(); ++i)
        if (layer.fields[i] == "maxspeed") maxspeed_index = i;
    std::vector<std::uint32_t> vertices;
    std::uint64_t read_here = 0, kept_here = 0;
    for (const geo::Feature& f : layer.features) {
        if (f.kind != geo::GeometryKind::line) continue;
        ++read_here;
        for (std::size_t i = 0; i < layer.fields.size(); ++i) values[i] = value(f, i);
        const LineFeatureClass c = classify_line_feature(mapping, profile, layer.fields, values);
        if (!c.skipped.empty()) {
            skip(f, c.skipped);
            continue;
        }
        if (c.closed) ++report.ways_closed;
        if (!c.car) continue;
        if (c.invalid_maxspeed) {
            const std::string_view maxspeed = values[maxspeed_index];
            if (examples.size() < 5 && examples.insert(std::string(maxspeed)).second)
                report.invalid_maxspeed_examples.emplace_back(maxspeed);
            ++report.invalid_maxspeed;
        }
        ++kept_here;
        for (const geo::LineString& line : f.lines) {
            vertices.clear();
            for (const geo::Point& p : line) {
                const auto [it, added] =
                    vertex_of.try_emplace(key_of(p.x(), p.y()), static_cast<std::uint32_t>(ws.x.size()));
                if (added) ws.x.push_back(p.x()), ws.y.push_back(p.y());
                vertices.push_back(it->second);
            }
            if (vertices.size() >= 2) ws.add_way(vertices, c.speed_kmh, c.direction, layer_index, length_factor);
        }
    }
    report.ways_read += read_here;
    report.ways_kept += kept_here;
    if (summary) summary->features = read_here, summary->car_roads = kept_here;
    log.info(layer.source + ": " + std::to_string(read_here) + " line features, " + std::to_string(kept_here) +
             " car roads");
    return first_vertex;
}

std::string source_name(const geo::LayerSpec& spec) {
    std::string name = std::filesystem::path(spec.path).filename().string();
    if (!spec.layer.empty()) name += ":" + spec.layer;
    return name;
}

/// Fills lon/lat of every vertex from x/y (for geodesic lengths).
void add_lon_lat(WaySet& ws, const GraphBuildOptions& options, const std::string& source) {
    ws.lon = ws.x;
    ws.lat = ws.y;
    const geo::CoordinateTransform to_wgs84(options.crs, "EPSG:4326");
    if (const auto failed = to_wgs84.forward_many(ws.lon, ws.lat))
        throw InputError(source + ": " + std::to_string(failed) + " vertices cannot be converted back to lon/lat");
}

/// Vertices on a square grid of cell `cell_m`, for "nearest within d" queries
/// with d <= cell_m (the 3 x 3 cells around a point).
class VertexGrid {
  public:
    explicit VertexGrid(double cell_m) : m_cell(cell_m) {}
    void add(std::uint32_t v, double x, double y) { m_cells[cell(x, y)].push_back(v); }
    /// Nearest vertex to (x, y) within max_m, or kInvalid; `distance` receives its distance.
    std::uint32_t nearest(const WaySet& ws, double x, double y, double max_m, double& distance) const {
        const auto [cx, cy] = cell_xy(x, y);
        std::uint32_t best = kInvalid;
        double best_d2 = max_m * max_m;
        for (std::int64_t dx = -1; dx <= 1; ++dx)
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                auto it = m_cells.find(key(cx + dx, cy + dy));
                if (it == m_cells.end()) continue;
                for (std::uint32_t v : it->second) {
                    const double ex = ws.x[v] - x, ey = ws.y[v] - y;
                    const double d2 = ex * ex + ey * ey;
                    // Ties go to the lowest vertex id, whatever the cell order.
                    if (d2 < best_d2 || (d2 == best_d2 && (best == kInvalid || v < best))) best_d2 = d2, best = v;
                }
            }
        distance = std::sqrt(best_d2);
        return best;
    }

  private:
    std::pair<std::int64_t, std::int64_t> cell_xy(double x, double y) const {
        return {static_cast<std::int64_t>(std::floor(x / m_cell)), static_cast<std::int64_t>(std::floor(y / m_cell))};
    }
    static std::uint64_t key(std::int64_t cx, std::int64_t cy) {
        return (static_cast<std::uint64_t>(cx) << 32) ^ (static_cast<std::uint64_t>(cy) & 0xFFFFFFFFull);
    }
    std::uint64_t cell(double x, double y) const {
        const auto [cx, cy] = cell_xy(x, y);
        return key(cx, cy);
    }
    double m_cell;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_cells;
};

std::string metres_text(double m) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << m;
    return out.str();
}

} // namespace

BuiltGraph build_graph_from_lines(const geo::LayerSpec& spec, const LineLayerMapping& mapping,
                                  const CarProfile& profile, const Logger& log,
                                  const GraphBuildOptions& options) {
    using Kind = LineLayerMapping::Kind;
    const auto started = std::chrono::steady_clock::now();
    BuiltGraph out;
    BuildReport& report = out.report;
    WaySet ws;
    append_line_layer(spec, mapping, profile, options, log, report, ws, 0, 1.0f, nullptr);
    const std::string source = source_name(spec);
    add_lon_lat(ws, options, spec.path);

    out.graph = build_road_graph(std::move(ws), report, options.keep_largest_component);
    out.graph.source = source;
    out.graph.profile = mapping.kind == Kind::osm_tags ? profile.name : std::string("line-layer mapping");
    out.graph.crs = options.crs;
    if (out.graph.node_count() == 0 || out.graph.arc_count() == 0)
        throw InputError(spec.path + ": no drivable road (" + std::to_string(report.ways_read) +
                         " line features, " + std::to_string(report.ways_kept) + " car roads)");
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

BuiltGraph build_graph_from_layers(const std::vector<NetworkLayer>& layers, const JoinOptions& join,
                                   const Logger& log, const GraphBuildOptions& options) {
    using Kind = LineLayerMapping::Kind;
    if (layers.empty()) throw UsageError("merged network: no layer given");
    if (layers.size() > 1000) throw UsageError("merged network: more than 1000 layers");
    if (!(join.tolerance_m >= 0 && join.tolerance_m <= 1000))
        throw UsageError("merged network: join tolerance " + number_text(join.tolerance_m) +
                         " m is not in [0, 1000]");
    if (!(join.near_miss_m >= join.tolerance_m && join.near_miss_m <= 10000))
        throw UsageError("merged network: near-miss distance " + number_text(join.near_miss_m) +
                         " m is not in [join tolerance, 10000]");
    for (const NetworkLayer& l : layers)
        if (!(l.length_factor >= 0.5 && l.length_factor <= 3))
            throw UsageError(l.layer.path + ": length factor " + number_text(l.length_factor) +
                             " is not in [0.5, 3]");
    const auto started = std::chrono::steady_clock::now();
    BuiltGraph out;
    BuildReport& report = out.report;
    WaySet ws;
    // The grid holds the vertices of the layers read so far; a vertex of a
    // new layer joins its nearest one within the tolerance (identical
    // coordinates included). Inside a layer only identical coordinates join:
    // each source's own topology is trusted (a bridge is no junction).
    VertexGrid grid(std::max(join.near_miss_m, 1.0));
    std::vector<std::string> names;
    for (std::size_t li = 0; li < layers.size(); ++li) {
        const NetworkLayer& l = layers[li];
        LayerSummary summary;
        summary.name = source_name(l.layer);
        summary.profile = l.mapping.kind == Kind::osm_tags ? l.profile.name : l.mapping_name;
        summary.length_factor = l.length_factor;
        const std::size_t first_way = ws.way_count();
        const std::uint32_t first_vertex =
            append_line_layer(l.layer, l.mapping, l.profile, options, log, report, ws,
                              static_cast<std::uint16_t>(li), static_cast<float>(l.length_factor), &summary);
        const auto end_vertex = static_cast<std::uint32_t>(ws.x.size());
        std::vector<std::uint32_t> target(end_vertex - first_vertex, kInvalid);
        if (li > 0) {
            for (std::uint32_t v = first_vertex; v < end_vertex; ++v) {
                double d = 0;
                const std::uint32_t u = grid.nearest(ws, ws.x[v], ws.y[v], join.near_miss_m, d);
                if (u == kInvalid) continue;
                if (d <= join.tolerance_m) {
                    target[v - first_vertex] = u;
                    if (d == 0) ++report.joins_identical;
                    else ++report.joins_within_tolerance;
                    report.max_join_m = std::max(report.max_join_m, d);
                } else {
                    ++report.near_misses;
                    if (report.near_miss_examples.size() < 5)
                        report.near_miss_examples.push_back(summary.name + ": vertex at x " + metres_text(ws.x[v]) +
                                                            ", y " + metres_text(ws.y[v]) + " is " + metres_text(d) +
                                                            " m from a vertex of an earlier layer");
                }
            }
            for (std::size_t k = ws.way_first[first_way]; k < ws.way_vertex.size(); ++k) {
                const std::uint32_t t = target[ws.way_vertex[k] - first_vertex];
                if (t != kInvalid) ws.way_vertex[k] = t;
            }
        }
        for (std::uint32_t v = first_vertex; v < end_vertex; ++v)
            if (target[v - first_vertex] == kInvalid) grid.add(v, ws.x[v], ws.y[v]);
        names.push_back(summary.name);
        report.layers.push_back(std::move(summary));
    }
    const std::size_t way_count = ws.way_count();
    if (ws.way_layer.empty()) ws.way_layer.assign(way_count, 0);
    add_lon_lat(ws, options, "merged network");

    out.graph = build_road_graph(std::move(ws), report, options.keep_largest_component);
    std::string source;
    for (const auto& n : names) source += (source.empty() ? "" : " + ") + n;
    out.graph.source = source;
    std::string profiles;
    for (const auto& l : report.layers)
        if (profiles.find(l.profile) == std::string::npos) profiles += (profiles.empty() ? "" : " + ") + l.profile;
    out.graph.profile = profiles;
    out.graph.crs = options.crs;
    out.graph.layer_names = names;
    for (std::size_t a = 0; a < out.graph.arc_count(); ++a) ++report.layers[out.graph.arc_layer[a]].arcs;
    if (out.graph.node_count() == 0 || out.graph.arc_count() == 0)
        throw InputError(source + ": no drivable road (" + std::to_string(report.ways_read) + " line features, " +
                         std::to_string(report.ways_kept) + " car roads)");
    report.joined = true;
    report.join_tolerance_m = join.tolerance_m;
    report.near_miss_m = join.near_miss_m;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

} // namespace maillage::network
