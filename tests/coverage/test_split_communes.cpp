// Issue 18, defect 9: the population of a commune split between cantons
// (Rennes, Fougères, Saint-Malo in Ille-et-Vilaine) is shared by a demand
// layer finer than communes when the scenario has one, and the canton table
// says which rule shared it.

#include "app/run.hpp"
#include "geo/transform.hpp"
#include "io/scenario.hpp"
#include "report/canton_report.hpp"
#include "support.hpp"
#include "support/demand_layer.hpp"
#include "support/fixtures.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

using namespace maillage;
namespace bg = boost::geometry;

TEST_CASE("real: a demand layer with points in each canton of a split commune shares it (issue 18, defect 9)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto base = app::prepare_run(load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string()),
                                       LoadOptions{});
    const Territory& t = base.territory;
    // The demand of the town-hall scenario, except that each split commune's
    // residents stand in its cantons: a quarter in the first, the rest shared
    // equally by the others (not the area shares).
    const test::TempDir dir;
    const std::string csv = dir.file("demand.csv");
    std::ofstream out(csv);
    out << "id,lon,lat,population\n";
    const geo::CoordinateTransform to_wgs84(base.scenario.crs, "EPSG:4326");
    char line[200];
    std::map<std::string, std::vector<double>> expected_share; // commune code -> share per canton
    for (const auto& d : base.demand.points) {
        const Commune& c = t.communes[d.commune];
        if (c.cantons.size() < 2) {
            std::snprintf(line, sizeof line, "%s,%.17g,%.17g,%.17g\n", d.id.c_str(), d.lonlat.lon, d.lonlat.lat,
                          d.population);
            out << line;
            continue;
        }
        auto& share = expected_share[c.code];
        for (std::size_t j = 0; j < c.cantons.size(); ++j) {
            geo::MultiPolygon part;
            bg::intersection(c.area, t.cantons[c.cantons[j]].area, part);
            geo::Point inside;
            bg::point_on_surface(part, inside);
            const auto ll = to_wgs84.forward(inside.x(), inside.y());
            const double s = j == 0 ? 0.25 : 0.75 / static_cast<double>(c.cantons.size() - 1);
            share.push_back(s);
            std::snprintf(line, sizeof line, "%s-%zu,%.17g,%.17g,%.17g\n", d.id.c_str(), j, ll.x(), ll.y(),
                          d.population * s);
            out << line;
        }
    }
    out.close();
    REQUIRE(expected_share.size() == 3);
    const auto run = app::prepare_run(test::with_demand_csv(base.scenario, csv), LoadOptions{});
    for (const auto& c : run.territory.communes) {
        if (c.cantons.size() < 2) continue;
        CAPTURE(c.name);
        CHECK(c.share_rule == ShareRule::demand);
        const auto& want = expected_share.at(c.code);
        REQUIRE(c.canton_share.size() == want.size());
        for (std::size_t j = 0; j < want.size(); ++j) CHECK(c.canton_share[j] == doctest::Approx(want[j]));
    }
    // The canton table and the coverage report count the same residents per canton.
    const auto now = app::evaluate_at(run, Date{2021, 7, 1}, "2021");
    const CantonReport table = canton_report(run.territory, Date{2021, 7, 1});
    for (CantonId k = 0; k < run.territory.cantons.size(); ++k) {
        CAPTURE(run.territory.cantons[k].name);
        CHECK(now.evaluation.by_canton.groups[k].population == doctest::Approx(table.rows[k].population).epsilon(1e-9));
    }
    const std::string text = render_canton_report(table, Format::table);
    CHECK(text.find("35238 Rennes (6 cantons): by demand points") != std::string::npos);
    // The commune demand of the same scenario still shares by area, and says so.
    const std::string by_area = render_canton_report(canton_report(t, Date{2021, 7, 1}), Format::table);
    CHECK(by_area.find("35238 Rennes (6 cantons): by area") != std::string::npos);
}
