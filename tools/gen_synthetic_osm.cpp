// gen_synthetic_osm: writes a synthetic OpenStreetMap file (.osm.pbf or .osm)
// with a realistic French road hierarchy, for benchmarks at any scale.
//
//   gen_synthetic_osm --nodes 1000000 --seed 1 out.osm.pbf
//
// Layout (local metres around 46.5 N, 2.5 E, then lon/lat): a jittered
// lattice of towns 4 km apart. Each town is a street grid 120 m apart with
// two shape nodes between crossings (residential, some one-way, a tertiary
// main street); villages of 2x2 to 4x4 streets are
// most common, some towns reach 12x12, a few cities 40x40. Neighbouring towns
// are linked by winding roads with a shape node every 250 m: unclassified,
// tertiary, secondary, and primary on every 4th lattice line. Every 16th
// line carries a dual-carriageway motorway (one-way ways, 30 m apart) with
// motorway_link interchanges every 4th town. A few links are missing and
// some maxspeed tags are set (numbers, FR:urban, FR:rural). OSM node count
// is close to --nodes.

#include <osmium/builder/attr.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using Id = osmium::object_id_type;

struct Way {
    std::vector<Id> refs;
    std::vector<std::pair<std::string, std::string>> tags;
};

struct Generator {
    std::mt19937_64 rng;
    std::vector<double> lon, lat;
    std::vector<Way> ways;
    double lat0 = 46.5, lon0 = 2.5;

    explicit Generator(std::uint64_t seed) : rng(seed) {}

    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
    bool chance(double p) { return uniform(0, 1) < p; }

    Id node(double x, double y) {
        lat.push_back(lat0 + y / 111195.0);
        lon.push_back(lon0 + x / (111195.0 * std::cos(lat0 * M_PI / 180.0)));
        return static_cast<Id>(lat.size()); // ids from 1
    }
    void way(std::vector<Id> refs, std::vector<std::pair<std::string, std::string>> tags) {
        ways.push_back({std::move(refs), std::move(tags)});
    }
    /// A winding road from (x0,y0) to (x1,y1) between existing end nodes.
    std::vector<Id> road(Id a, double x0, double y0, Id b, double x1, double y1, double step) {
        const double len = std::hypot(x1 - x0, y1 - y0);
        const int n = std::max(1, static_cast<int>(len / step));
        const double nx = -(y1 - y0) / std::max(len, 1.0), ny = (x1 - x0) / std::max(len, 1.0);
        const double amp = uniform(0, 150), phase = uniform(0, 6.28);
        std::vector<Id> refs{a};
        for (int i = 1; i < n; ++i) {
            const double t = double(i) / n;
            const double w = amp * std::sin(phase + t * 6.28) * std::sin(t * 3.14159);
            refs.push_back(node(x0 + t * (x1 - x0) + w * nx, y0 + t * (y1 - y0) + w * ny));
        }
        refs.push_back(b);
        return refs;
    }
};

struct Town {
    double x, y;
    int s;                 // s x s street grid
    std::vector<Id> grid;  // row-major node ids
    Id at(int i, int j) const { return grid[static_cast<std::size_t>(i * s + j)]; }
};

} // namespace

int main(int argc, char** argv) {
    std::uint64_t target = 1000000, seed = 1;
    std::string out;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--nodes" && i + 1 < argc) target = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "-h" || a == "--help") {
            std::puts("usage: gen_synthetic_osm [--nodes N] [--seed S] OUTPUT.osm.pbf");
            return 0;
        } else out = a;
    }
    if (out.empty() || target < 100) {
        std::fputs("usage: gen_synthetic_osm [--nodes N>=100] [--seed S] OUTPUT.osm.pbf\n", stderr);
        return 2;
    }
    Generator g(seed);
    const double spacing = 4000, street = 120;
    // About 200 OSM nodes per town on average (streets + two links).
    const int T = std::max(2, static_cast<int>(std::sqrt(double(target) / 200.0)));
    std::vector<Town> towns(static_cast<std::size_t>(T) * T);
    auto town = [&](int a, int b) -> Town& { return towns[static_cast<std::size_t>(a * T + b)]; };

    for (int a = 0; a < T; ++a)
        for (int b = 0; b < T; ++b) {
            Town& t = town(a, b);
            t.x = a * spacing + g.uniform(-700, 700);
            t.y = b * spacing + g.uniform(-700, 700);
            const double r = g.uniform(0, 1);
            t.s = r < 0.70 ? 2 + int(g.uniform(0, 3)) : r < 0.96 ? 5 + int(g.uniform(0, 8)) : r < 0.995 ? 12 + int(g.uniform(0, 10)) : 40;
            const double half = (t.s - 1) * street / 2;
            for (int i = 0; i < t.s; ++i)
                for (int j = 0; j < t.s; ++j)
                    t.grid.push_back(g.node(t.x - half + j * street, t.y - half + i * street));
            const int mid = t.s / 2;
            for (int i = 0; i < t.s; ++i) { // rows (west-east) and columns (south-north)
                // Streets bend a little: two shape nodes between crossings.
                std::vector<Id> row, col;
                for (int j = 0; j < t.s; ++j) {
                    row.push_back(t.at(i, j)), col.push_back(t.at(j, i));
                    if (j + 1 == t.s) break;
                    for (int k = 1; k <= 2; ++k) {
                        const double along = (j + k / 3.0) * street - half;
                        const double across = i * street - half;
                        row.push_back(g.node(t.x + along, t.y + across + g.uniform(-8, 8)));
                        col.push_back(g.node(t.x + across + g.uniform(-8, 8), t.y + along));
                    }
                }
                const bool main_street = i == mid;
                for (auto* refs : {&row, &col}) {
                    std::vector<std::pair<std::string, std::string>> tags;
                    if (main_street) {
                        tags.push_back({"highway", t.s >= 12 ? "secondary" : "tertiary"});
                        if (g.chance(0.5)) tags.push_back({"maxspeed", "FR:urban"});
                    } else {
                        tags.push_back({"highway", g.chance(0.05) ? "living_street" : "residential"});
                        if (t.s >= 5 && g.chance(0.15)) tags.push_back({"oneway", g.chance(0.8) ? "yes" : "-1"});
                        if (g.chance(0.2)) tags.push_back({"maxspeed", "30"});
                    }
                    g.way(*refs, tags);
                }
            }
        }

    // Links between lattice neighbours, from the ends of the main streets.
    for (int a = 0; a < T; ++a)
        for (int b = 0; b < T; ++b)
            for (int dir = 0; dir < 2; ++dir) {
                const int a2 = a + (dir == 0), b2 = b + (dir == 1);
                if (a2 >= T || b2 >= T || g.chance(0.04)) continue;
                Town& p = town(a, b);
                Town& q = town(a2, b2);
                const int mp = p.s / 2, mq = q.s / 2;
                // East end of p's main row to the west end of q's (or north/south).
                const Id from = dir == 0 ? p.at(mp, p.s - 1) : p.at(p.s - 1, mp);
                const Id to = dir == 0 ? q.at(mq, 0) : q.at(0, mq);
                const double half_p = (p.s - 1) * street / 2, half_q = (q.s - 1) * street / 2;
                const double fx = dir == 0 ? p.x + half_p : p.x - half_p + mp * street;
                const double fy = dir == 0 ? p.y - half_p + mp * street : p.y + half_p;
                const double tx = dir == 0 ? q.x - half_q : q.x - half_q + mq * street;
                const double ty = dir == 0 ? q.y - half_q + mq * street : q.y - half_q;
                const int line = dir == 0 ? b : a;
                const char* cls = line % 4 == 0 ? "primary" : (a + b) % 2 == 0 ? "secondary" : g.chance(0.5) ? "tertiary" : "unclassified";
                std::vector<std::pair<std::string, std::string>> tags{{"highway", cls}};
                if (g.chance(0.3)) tags.push_back({"maxspeed", g.chance(0.5) ? "80" : "FR:rural"});
                g.way(g.road(from, fx, fy, to, tx, ty, 250), tags);
            }

    // Motorways: dual carriageways along every 16th lattice row and column.
    for (int dir = 0; dir < 2; ++dir)
        for (int line = 8; line < T; line += 16) {
            std::vector<Id> fwd, bwd;     // node ids along each carriageway
            std::vector<int> town_at;     // lattice index of a town served, or -1
            const double offset = 1500;
            for (int k = 0; k * 500.0 <= (T - 1) * spacing; ++k) {
                const double along = k * 500.0;
                const double x = dir == 0 ? along : line * spacing + offset;
                const double y = dir == 0 ? line * spacing + offset : along;
                fwd.push_back(g.node(dir == 0 ? x : x + 15, dir == 0 ? y + 15 : y));
                bwd.push_back(g.node(dir == 0 ? x : x - 15, dir == 0 ? y - 15 : y));
                const bool exit = k % 32 == 16; // every 16 km
                town_at.push_back(exit ? static_cast<int>(k / 8) : -1);
            }
            // Split each carriageway into ways between interchanges.
            std::vector<std::size_t> cuts{0};
            for (std::size_t k = 1; k + 1 < fwd.size(); ++k)
                if (town_at[k] >= 0) cuts.push_back(k);
            cuts.push_back(fwd.size() - 1);
            for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
                std::vector<Id> f(fwd.begin() + long(cuts[c]), fwd.begin() + long(cuts[c + 1]) + 1);
                std::vector<Id> r(bwd.begin() + long(cuts[c]), bwd.begin() + long(cuts[c + 1]) + 1);
                std::reverse(r.begin(), r.end());
                g.way(f, {{"highway", "motorway"}, {"ref", "A" + std::to_string(10 + line)}, {"maxspeed", "130"}});
                g.way(r, {{"highway", "motorway"}, {"ref", "A" + std::to_string(10 + line)}});
            }
            for (std::size_t k = 1; k + 1 < fwd.size(); ++k) {
                if (town_at[k] < 0 || town_at[k] >= T) continue;
                const Town& t = dir == 0 ? town(town_at[k], line) : town(line, town_at[k]);
                const Id hub = t.at(t.s - 1, t.s - 1);
                // Exit before k, entry after k, both carriageways.
                g.way({fwd[k - 1], hub}, {{"highway", "motorway_link"}, {"oneway", "yes"}});
                g.way({hub, fwd[k + 1]}, {{"highway", "motorway_link"}, {"oneway", "yes"}});
                g.way({bwd[k + 1], hub}, {{"highway", "motorway_link"}, {"oneway", "yes"}});
                g.way({hub, bwd[k - 1]}, {{"highway", "motorway_link"}, {"oneway", "yes"}});
            }
        }

    std::fprintf(stderr, "gen_synthetic_osm: %d x %d towns, %zu nodes, %zu ways -> %s\n", T, T,
                 g.lat.size(), g.ways.size(), out.c_str());
    try {
        osmium::io::Header header;
        header.set("generator", "maillage gen_synthetic_osm");
        osmium::io::Writer writer{out, header, osmium::io::overwrite::allow};
        using namespace osmium::builder::attr;
        osmium::memory::Buffer buffer{1 << 22, osmium::memory::Buffer::auto_grow::yes};
        auto flush = [&](bool force) {
            if (force || buffer.committed() > (1u << 21)) {
                writer(std::move(buffer));
                buffer = osmium::memory::Buffer{1 << 22, osmium::memory::Buffer::auto_grow::yes};
            }
        };
        for (std::size_t i = 0; i < g.lat.size(); ++i) {
            osmium::builder::add_node(buffer, _id(Id(i + 1)), _version(1),
                                      _location(osmium::Location{g.lon[i], g.lat[i]}));
            flush(false);
        }
        for (std::size_t w = 0; w < g.ways.size(); ++w) {
            const Way& way = g.ways[w];
            osmium::builder::add_way(buffer, _id(Id(w + 1)), _version(1), _nodes(way.refs),
                                     _tags(way.tags));
            flush(false);
        }
        flush(true);
        writer.close();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gen_synthetic_osm: %s: %s\n", out.c_str(), e.what());
        return 1;
    }
    return 0;
}
