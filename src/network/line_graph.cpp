#include "network/line_graph.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/transform.hpp"

#include <algorithm>
#include <chrono>
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
        out.speed_kmh = static_cast<float>(it->second * mapping.speed_factor);
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

BuiltGraph build_graph_from_lines(const geo::LayerSpec& spec, const LineLayerMapping& mapping,
                                  const CarProfile& profile, const Logger& log,
                                  const GraphBuildOptions& options) {
    using Kind = LineLayerMapping::Kind;
    const auto started = std::chrono::steady_clock::now();
    geo::ReadOptions read;
    read.target_crs = options.crs;
    read.fields = line_layer_fields(mapping);
    const geo::VectorLayer layer = geo::read_layer(spec, read, log);

    BuiltGraph out;
    BuildReport& report = out.report;
    WaySet ws;
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
    for (const geo::Feature& f : layer.features) {
        if (f.kind != geo::GeometryKind::line) continue;
        ++report.ways_read;
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
        const float speed = c.speed_kmh;
        const std::uint8_t dir = c.direction;
        ++report.ways_kept;
        for (const geo::LineString& line : f.lines) {
            vertices.clear();
            for (const geo::Point& p : line) {
                const auto [it, added] =
                    vertex_of.try_emplace(key_of(p.x(), p.y()), static_cast<std::uint32_t>(ws.x.size()));
                if (added) ws.x.push_back(p.x()), ws.y.push_back(p.y());
                vertices.push_back(it->second);
            }
            if (vertices.size() >= 2) ws.add_way(vertices, speed, dir);
        }
    }
    log.info(layer.source + ": " + std::to_string(report.ways_read) + " line features, " +
             std::to_string(report.ways_kept) + " car roads");

    // Geodesic lengths from WGS84 positions.
    ws.lon = ws.x;
    ws.lat = ws.y;
    const geo::CoordinateTransform to_wgs84(options.crs, "EPSG:4326");
    if (const auto failed = to_wgs84.forward_many(ws.lon, ws.lat))
        throw InputError(layer.source + ": " + std::to_string(failed) +
                         " vertices cannot be converted back to lon/lat");

    out.graph = build_road_graph(std::move(ws), report, options.keep_largest_component);
    out.graph.source = std::filesystem::path(spec.path).filename().string();
    if (!spec.layer.empty()) out.graph.source += ":" + spec.layer;
    out.graph.profile = mapping.kind == Kind::osm_tags ? profile.name : std::string("line-layer mapping");
    out.graph.crs = options.crs;
    if (out.graph.node_count() == 0 || out.graph.arc_count() == 0)
        throw InputError(layer.source + ": no drivable road (" + std::to_string(report.ways_read) +
                         " line features, " + std::to_string(report.ways_kept) + " car roads)");
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

} // namespace maillage::network
