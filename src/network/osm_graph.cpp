#include "network/osm_graph.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "geo/transform.hpp"

#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

namespace maillage::network {

namespace {

std::string_view tag(const osmium::TagList& tags, const char* key) {
    const char* v = tags[key];
    return v ? std::string_view(v) : std::string_view();
}

/// Refuses a .osm.pbf whose blob header has no type before libosmium reads
/// it: libosmium compares the missing type with strncmp through a null
/// pointer (undefined behaviour, found by fuzz_osm_pbf) and would accept an
/// empty one. Only the framing is read; each blob's data is skipped. Every
/// other framing error is left to libosmium, which reports it.
void check_pbf_blob_types(const std::string& path) {
    if (osmium::io::File(path).format() != osmium::io::file_format::pbf) return;
    std::ifstream in(path, std::ios::binary);
    std::uint64_t offset = 0;
    std::string header;
    for (;;) {
        unsigned char size_bytes[4];
        if (!in.read(reinterpret_cast<char*>(size_bytes), 4)) return;
        const std::uint32_t size = (std::uint32_t{size_bytes[0]} << 24) | (std::uint32_t{size_bytes[1]} << 16) |
                                   (std::uint32_t{size_bytes[2]} << 8) | std::uint32_t{size_bytes[3]};
        if (size == 0 || size > 64 * 1024) return;
        header.resize(size);
        if (!in.read(header.data(), size)) return;
        std::size_t type_size = 0;
        bool has_type = false;
        std::int64_t data_size = 0;
        try {
            protozero::pbf_reader message(header);
            while (message.next()) {
                switch (message.tag_and_type()) {
                case protozero::tag_and_type(1, protozero::pbf_wire_type::length_delimited):
                    has_type = true;
                    type_size = message.get_view().size();
                    break;
                case protozero::tag_and_type(3, protozero::pbf_wire_type::varint):
                    data_size = message.get_int32();
                    break;
                default:
                    message.skip();
                }
            }
        } catch (const protozero::exception&) {
            return;
        }
        if (data_size <= 0) return;
        if (!has_type || type_size == 0)
            throw InputError(path + ": byte " + std::to_string(offset) +
                             ": PBF blob header without a type (expected OSMHeader or OSMData); "
                             "not a valid .osm.pbf file");
        offset += 4 + std::uint64_t{size} + static_cast<std::uint64_t>(data_size);
        if (!in.seekg(data_size, std::ios::cur)) return;
    }
}

/// Car ways as read in the first pass: OSM node refs, speed, direction.
struct CarWays {
    std::vector<std::uint64_t> first{0};
    std::vector<osmium::object_id_type> refs;
    std::vector<float> speed_kmh;
    std::vector<std::uint8_t> direction;
};

void read_ways(const std::string& path, const CarProfile& profile, CarWays& ways,
               BuildReport& report, const Logger& log) {
    osmium::io::Reader reader{path, osmium::osm_entity_bits::way, osmium::io::read_meta::no};
    std::set<std::string> examples;
    const auto total = reader.file_size();
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const auto& way : buffer.select<osmium::Way>()) {
            ++report.ways_read;
            const auto& tags = way.tags();
            WayTags t;
            t.highway = tag(tags, "highway");
            if (t.highway.empty()) continue;
            t.oneway = tag(tags, "oneway");
            t.junction = tag(tags, "junction");
            t.maxspeed = tag(tags, "maxspeed");
            t.access = tag(tags, "access");
            t.vehicle = tag(tags, "vehicle");
            t.motor_vehicle = tag(tags, "motor_vehicle");
            t.motorcar = tag(tags, "motorcar");
            t.area = tag(tags, "area");
            t.service = tag(tags, "service");
            t.construction = tag(tags, "construction");
            const WayClass c = classify_way(t, profile);
            if (c.closed) ++report.ways_closed;
            if (!c.car) continue;
            if (c.invalid_maxspeed) {
                ++report.invalid_maxspeed;
                if (examples.size() < 5 && examples.insert(std::string(t.maxspeed)).second)
                    report.invalid_maxspeed_examples.emplace_back(t.maxspeed);
            }
            ++report.ways_kept;
            for (const auto& nr : way.nodes()) ways.refs.push_back(nr.ref());
            ways.first.push_back(ways.refs.size());
            ways.speed_kmh.push_back(c.speed_kmh);
            ways.direction.push_back(c.direction);
        }
        log.progress("reading ways", reader.offset(), total);
    }
    reader.close();
}

} // namespace

BuiltGraph build_graph_from_osm(const std::string& path, const CarProfile& profile,
                                const Logger& log, const GraphBuildOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    check_input_path(path, "OSM file");
    geo::CoordinateTransform to_working("EPSG:4326", options.crs);

    BuiltGraph out;
    BuildReport& report = out.report;
    WaySet ws;
    try {
        check_pbf_blob_types(path);
        CarWays ways;
        read_ways(path, profile, ways, report, log);
        log.info("OSM: " + std::to_string(report.ways_read) + " ways read, " +
                 std::to_string(report.ways_kept) + " car ways");

        // Distinct node ids of car ways, sorted; way refs become 32-bit
        // indices into them before the node pass, and the 64-bit refs go.
        std::vector<osmium::object_id_type> ids(ways.refs);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        ids.shrink_to_fit();
        if (ids.size() >= kInvalid)
            throw InputError(path + ": more than 4 billion distinct way nodes (not supported)");
        std::vector<std::uint32_t> vertex(ways.refs.size());
        for (std::size_t k = 0; k < ways.refs.size(); ++k)
            vertex[k] = static_cast<std::uint32_t>(
                std::lower_bound(ids.begin(), ids.end(), ways.refs[k]) - ids.begin());
        std::vector<osmium::object_id_type>().swap(ways.refs);
        ws.lon.assign(ids.size(), 0.0);
        ws.lat.assign(ids.size(), 0.0);
        std::vector<std::uint8_t> found(ids.size(), 0);

        if (!ids.empty()) {
            osmium::io::Reader reader{path, osmium::osm_entity_bits::node,
                                      osmium::io::read_meta::no};
            const auto total = reader.file_size();
            while (osmium::memory::Buffer buffer = reader.read()) {
                for (const auto& node : buffer.select<osmium::Node>()) {
                    auto it = std::lower_bound(ids.begin(), ids.end(), node.id());
                    if (it == ids.end() || *it != node.id()) continue;
                    const auto loc = node.location();
                    if (!loc.valid()) continue;
                    const auto i = static_cast<std::size_t>(it - ids.begin());
                    ws.lon[i] = loc.lon();
                    ws.lat[i] = loc.lat();
                    found[i] = 1;
                }
                log.progress("reading nodes", reader.offset(), total);
            }
            reader.close();
        }
        std::vector<osmium::object_id_type>().swap(ids);

        // Ways become runs of located vertices: a missing node (clipped
        // extract) cuts the way rather than inventing a straight line.
        ws.way_vertex.reserve(vertex.size());
        ws.way_first.reserve(ways.speed_kmh.size() + 1);
        std::vector<std::uint32_t> run;
        auto flush = [&](std::size_t w) {
            if (run.size() >= 2) ws.add_way(run, ways.speed_kmh[w], ways.direction[w]);
            run.clear();
        };
        for (std::size_t w = 0; w + 1 < ways.first.size(); ++w) {
            for (auto k = ways.first[w]; k < ways.first[w + 1]; ++k) {
                const std::uint32_t i = vertex[k];
                if (!found[i]) {
                    ++report.missing_vertices;
                    flush(w);
                    continue;
                }
                run.push_back(i);
            }
            flush(w);
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(path + ": cannot read OSM data: " + e.what() +
                         " (expected a complete .osm.pbf or .osm file)");
    }
    if (report.missing_vertices)
        log.warning(path + ": " + std::to_string(report.missing_vertices) +
                    " way nodes have no location (clipped extract?); ways cut there");

    ws.x = ws.lon;
    ws.y = ws.lat;
    if (const auto failed = to_working.forward_many(ws.x, ws.y))
        throw InputError(path + ": " + std::to_string(failed) + " node positions cannot be projected to " +
                         options.crs);

    out.graph = build_road_graph(std::move(ws), report, options.keep_largest_component);
    out.graph.source = std::filesystem::path(path).filename().string();
    out.graph.profile = profile.name;
    out.graph.crs = options.crs;
    if (out.graph.node_count() == 0 || out.graph.arc_count() == 0)
        throw InputError(path + ": no drivable road for profile " + profile.name + " (" +
                         std::to_string(report.ways_read) + " ways read, " +
                         std::to_string(report.ways_kept) + " car ways)");
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

} // namespace maillage::network
