// Ille-et-Vilaine on its real roads (data/ille-et-vilaine-roads.toml): the
// Travel Mapping numbered roads joined with the Rennes 2013 streets. Figures
// stored from the run of this commit; a change must say why in its commit.

#include "app/travel.hpp"
#include "app/run.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using namespace maillage;

namespace {

std::string roads_scenario() { return (test::source_dir() / "data" / "ille-et-vilaine-roads.toml").string(); }

bool road_files_present() {
    const auto roads = test::real_data_dir() / "roads";
    return std::filesystem::exists(roads / "travelmapping-dep35-margin40km.gpkg") &&
           std::filesystem::exists(roads / "rennes_2013_osm_streets.geojson");
}

} // namespace

TEST_CASE("real: the joined network of 35 is one strongly connected component except the listed pieces") {
    MAILLAGE_REQUIRE_REAL_DATA();
    if (!road_files_present()) {
        std::printf("[maillage-skip] road files of 35 not found\n");
        return;
    }
    const auto scenario = load_scenario(roads_scenario());
    const app::ScenarioNetwork all = app::open_scenario_network(scenario.travel, "EPSG:2154", {}, false);
    const auto& r = all.built.report;
    const auto& g = all.built.graph;
    REQUIRE(r.joined);
    CHECK(r.joins_within_tolerance == 31);
    CHECK(r.near_misses == 64);
    CHECK(r.nodes_before_scc == 10774);
    // Which nodes lie outside the largest component: every one of them is a
    // piece of the Rennes 2013 streets cut off by one-way streets at the
    // file's edge or not joined to the numbered roads, or a numbered road
    // cut by the box edge 40 km outside the departement.
    std::uint32_t count = 0;
    const auto comp = network::strongly_connected_components(g.first_out, g.head, count);
    std::vector<std::uint32_t> size(count, 0);
    for (auto c : comp) ++size[c];
    const auto largest = std::max_element(size.begin(), size.end()) - size.begin();
    std::map<std::string, std::uint32_t> outside; // by the layer of the node's arcs
    for (NodeId u = 0; u < g.node_count(); ++u) {
        if (comp[u] == std::uint32_t(largest)) continue;
        bool numbered = false;
        for (ArcId a = g.first_out[u]; a < g.first_out[u + 1]; ++a) numbered |= g.arc_layer[a] == 0;
        for (ArcId k = g.first_in[u]; k < g.first_in[u + 1]; ++k) numbered |= g.arc_layer[g.in_arc[k]] == 0;
        ++outside[numbered ? "numbered roads" : "Rennes streets"];
        if (numbered) {
            // Outside the departement's box (lon -2.29 .. -1.02, lat 47.63 .. 48.71).
            CHECK_MESSAGE((g.lon[u] < -2.29 || g.lon[u] > -1.02 || g.lat[u] < 47.63 || g.lat[u] > 48.71),
                          "numbered-road node outside the largest component inside 35 at " << g.lon[u] << " "
                                                                                            << g.lat[u]);
        }
    }
    CHECK(outside["numbered roads"] == 34);
    CHECK(outside["Rennes streets"] == 607);
    CHECK(r.dropped_nodes == 0); // nothing dropped when every component is kept
}

TEST_CASE("real: Ille-et-Vilaine on the joined roads: every town hall reachable, canton table and shares") {
    MAILLAGE_REQUIRE_REAL_DATA();
    if (!road_files_present()) {
        std::printf("[maillage-skip] road files of 35 not found\n");
        return;
    }
    const auto run = app::prepare_run(load_scenario(roads_scenario()), LoadOptions{});
    REQUIRE(run.demand.points.size() == 333);
    const auto s = app::evaluate_at(run, Date{2021, 7, 1}, "2021");
    const auto& e = s.evaluation;
    CHECK(e.model.find("numbered roads (Travel Mapping, preview; licence not stated) + Rennes streets 2013") !=
          std::string::npos);
    CHECK(e.model.find("access legs: distance x 1.3 at 30 km/h") != std::string::npos);
    // Every town hall (and every site) snaps within the limit and reaches a site.
    CHECK(e.snaps.too_far.empty());
    for (std::size_t i = 0; i < e.points.size(); ++i)
        CHECK_MESSAGE(e.points[i].nearest != kInvalid, run.demand.points[i].id);

    const auto& m = e.by_canton.total;
    REQUIRE(m.thresholds.size() == 3);
    CHECK(m.population == doctest::Approx(1079498));
    // 20 min: 97.8 % (99.2 % before the built-up slowdown of numbered-roads-fr:
    // D roads through dense communes at 40/55 km/h; Saint-Malo-1, Montfort-sur-Meu,
    // Vitre, Le Rheu and Dol-de-Bretagne lose residents at 20 min).
    CHECK(m.thresholds[0].within == doctest::Approx(1055833));
    CHECK(m.thresholds[1].within == doctest::Approx(1079498)); // 30 min: 100 %
    CHECK(m.thresholds[2].within == doctest::Approx(1079498)); // 45 min
    REQUIRE(m.mean_time_s);
    CHECK(*m.mean_time_s / 60 == doctest::Approx(9.12).epsilon(0.01)); // 8.7 before the built-up slowdown

    // Share within 20 min per canton (%, one decimal), from the report.
    const std::map<std::string, double> within20 = {
        {"3501", 100.0}, {"3502", 100.0}, {"3503", 92.9},  {"3504", 100.0}, {"3505", 100.0}, {"3506", 100.0},
        {"3507", 96.9}, {"3508", 100.0}, {"3509", 100.0}, {"3510", 100.0}, {"3511", 100.0}, {"3512", 100.0},
        {"3513", 100.0}, {"3514", 100.0}, {"3515", 100.0}, {"3516", 80.6},  {"3517", 100.0}, {"3518", 100.0},
        {"3519", 100.0}, {"3520", 100.0}, {"3521", 100.0}, {"3522", 100.0}, {"3523", 100.0}, {"3524", 94.9},
        {"3525", 87.7}, {"3526", 100.0}, {"3527", 90.3}};
    const auto& cantons = run.territory.cantons;
    REQUIRE(cantons.size() == 27);
    for (std::size_t k = 0; k < cantons.size(); ++k) {
        const auto& group = e.by_canton.groups[k];
        const double share = std::round(1000 * group.thresholds[0].within / group.population) / 10;
        CHECK_MESSAGE(share == doctest::Approx(within20.at(cantons[k].code)), cantons[k].code);
    }
}
