// make_demand_grid: a fine demand layer for benchmarks and tests (issue 17),
// the shape a population grid has: square cells of CELL metres in the
// scenario's working CRS, kept when their centre lies in a commune, each
// commune's population shared evenly among its cells (a commune smaller
// than a cell gets one point at its seat). Synthetic (residents are not
// spread evenly inside a commune): for measuring size, time and memory,
// never for figures about a territory.
//
//   make_demand_grid SCENARIO --cell-m 200 -o grid.csv
//
// Writes id,lon,lat,population (WGS84, 7 decimals; populations with 6
// significant digits) and prints "points N" and "population P" on stdout.

#include "app/run.hpp"
#include "geo/transform.hpp"
#include "io/demand_loader.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"

#include <boost/geometry.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace maillage;
namespace bg = boost::geometry;

int main(int argc, char** argv) {
    std::string scenario_path, out_path;
    double cell = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--cell-m" && i + 1 < argc) cell = std::atof(argv[++i]);
        else if (a == "-o" && i + 1 < argc) out_path = argv[++i];
        else if (scenario_path.empty() && a[0] != '-') scenario_path = a;
        else {
            std::cerr << "usage: make_demand_grid SCENARIO --cell-m METRES -o OUT.csv\n";
            return 2;
        }
    }
    if (scenario_path.empty() || out_path.empty() || !(cell > 0)) {
        std::cerr << "usage: make_demand_grid SCENARIO --cell-m METRES -o OUT.csv\n";
        return 2;
    }
    try {
        const Scenario s = load_scenario(scenario_path);
        LoadReport report;
        Territory t = load_territory(s, report);
        place_commune_seats(s, t, report);
        const geo::CoordinateTransform to_wgs84(s.crs, "EPSG:4326");
        std::ofstream out(out_path);
        if (!out) throw std::runtime_error(out_path + ": cannot write");
        out << "id,lon,lat,population\n";
        std::size_t points = 0;
        double total = 0;
        char line[160];
        std::vector<geo::Point> cells;
        for (const auto& c : t.communes) {
            if (!c.has_population) continue;
            cells.clear();
            const double x0 = std::floor(c.bbox.min_corner().x() / cell) * cell;
            const double y0 = std::floor(c.bbox.min_corner().y() / cell) * cell;
            for (double y = y0 + cell / 2; y < c.bbox.max_corner().y(); y += cell)
                for (double x = x0 + cell / 2; x < c.bbox.max_corner().x(); x += cell)
                    if (bg::covered_by(geo::Point(x, y), c.area)) cells.emplace_back(x, y);
            if (cells.empty()) cells.push_back(c.seat);
            const double each = c.population / static_cast<double>(cells.size());
            std::size_t k = 0;
            for (const auto& p : cells) {
                const auto ll = to_wgs84.forward(p.x(), p.y());
                std::snprintf(line, sizeof line, "%s-%zu,%.7f,%.7f,%.6g\n", c.code.c_str(), k++, ll.x(), ll.y(), each);
                out << line;
                total += each;
                ++points;
            }
        }
        out.close();
        if (!out) throw std::runtime_error(out_path + ": write failed");
        std::printf("points %zu\npopulation %.0f\n", points, total);
    } catch (const std::exception& e) {
        std::cerr << "make_demand_grid: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
