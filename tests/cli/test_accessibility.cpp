// Issue 16, item 1: the accessibility layer (one row per demand point)
// against an independent computation, and its populations against the
// report's totals.

#include "app/accessibility.hpp"
#include "app/run.hpp"
#include "geo/transform.hpp"
#include "io/scenario.hpp"
#include "network/dijkstra.hpp"
#include "network/snap.hpp"
#include "report/layer_table.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using namespace maillage;

namespace {

std::size_t column(const geo::OutputLayer& l, const std::string& name) {
    const auto i = l.field_index(name);
    REQUIRE(i < l.fields.size());
    return i;
}

double real_or(const geo::FieldValue& v, double fallback) {
    return std::holds_alternative<double>(v) ? std::get<double>(v) : fallback;
}

} // namespace

TEST_CASE("real: accessibility per demand point equals the haversine recomputed, and its populations the "
          "report's totals") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    const auto run = app::prepare_run(scenario, LoadOptions{});
    for (const Date date : {Date{2021, 7, 1}, Date{2024, 8, 1}}) {
        CAPTURE(date.iso());
        const auto sit = app::evaluate_at(run, date, date.iso());
        const auto layer = app::accessibility_layer(run, sit);
        REQUIRE(layer.features.size() == run.demand.points.size());
        const auto c_time = column(layer, "time_min"), c_fixed = column(layer, "fixed_time_min"),
                   c_site = column(layer, "site_id"), c_pop = column(layer, "population"),
                   c_snap = column(layer, "snap_m");
        // Independent: haversine x circuity / speed to every service point,
        // nearest by time, ties to the first listed.
        const double circuity = scenario.travel.circuity, speed = scenario.travel.speed_kmh / 3.6;
        std::size_t checked = 0;
        for (std::size_t i = 0; i < run.demand.points.size(); ++i) {
            const auto& d = run.demand.points[i];
            double best = 1e300, best_fixed = 1e300;
            std::string best_id;
            for (const auto& p : sit.services.points) {
                const double s = std::round(geo::great_circle_m(d.lonlat, p.lonlat) * circuity / speed);
                if (s < best) best = s, best_id = p.id;
                if (!p.mobile && s < best_fixed) best_fixed = s;
            }
            const auto& v = layer.features[i].values;
            CAPTURE(d.id);
            CHECK(real_or(v[c_time], -1) == doctest::Approx(std::round(best / 6.0) / 10.0));
            CHECK(real_or(v[c_fixed], -1) == doctest::Approx(std::round(best_fixed / 6.0) / 10.0));
            CHECK(std::get<std::string>(v[c_site]) == best_id);
            CHECK(std::holds_alternative<std::monostate>(v[c_snap])); // crow-fly: no road
            ++checked;
        }
        CHECK(checked == 333);
        // Population per category at each threshold = the report's totals.
        const auto& total = sit.evaluation.by_commune.total;
        double population = 0;
        for (const auto& f : layer.features) population += std::get<double>(f.values[c_pop]);
        CHECK(population == doctest::Approx(total.population));
        for (const auto& th : total.thresholds) {
            const auto c = column(layer, "category_" + std::to_string(th.threshold_min));
            std::map<std::string, double> by;
            for (const auto& f : layer.features)
                by[std::get<std::string>(f.values[c])] += std::get<double>(f.values[c_pop]);
            CAPTURE(th.threshold_min);
            CHECK(by["fixed"] == doctest::Approx(th.fixed));
            CHECK(by["mobile_only"] == doctest::Approx(th.mobile_only));
            CHECK(by["none"] == doctest::Approx(th.none));
        }
    }
}

TEST_CASE("real: accessibility on roads: snap distances and times against the graph's own Dijkstra") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine-roads.toml").string());
    const auto run = app::prepare_run(scenario, LoadOptions{});
    const auto sit = app::evaluate_at(run, Date{2021, 7, 1}, "2021");
    const auto layer = app::accessibility_layer(run, sit);
    const auto* road = dynamic_cast<const network::RoadTravelModel*>(run.travel.model.get());
    REQUIRE(road != nullptr);
    const auto c_snap = column(layer, "snap_m"), c_time = column(layer, "time_min");
    const auto max_snap = road->options().max_snap_m;
    for (std::size_t i = 0; i < run.demand.points.size(); ++i) {
        const auto& v = layer.features[i].values;
        const double snap = real_or(v[c_snap], -1);
        CHECK(snap >= 0);
        CHECK(std::abs(snap - road->snapper().snap(run.demand.points[i].xy).distance_m) <= 0.05 + 1e-9); // 0.1 m steps
        // A point the model reaches is within the snap limit.
        if (!std::holds_alternative<std::monostate>(v[c_time])) CHECK(snap <= max_snap + 0.1);
    }
    // Times: the model's nearest site agrees with one backward Dijkstra from
    // all sites on a sample (the model itself is tested against Dijkstra in
    // tests/network; here the layer must carry those times unchanged).
    std::vector<network::Place> sites, demand;
    for (const auto& p : sit.services.points) sites.push_back(network::Place{p.xy, p.lonlat, p.id});
    for (std::size_t i = 0; i < run.demand.points.size(); i += 37)
        demand.push_back(network::Place{run.demand.points[i].xy, run.demand.points[i].lonlat, run.demand.points[i].id});
    const auto nearest = road->nearest(sites, demand);
    for (std::size_t k = 0, i = 0; i < run.demand.points.size(); i += 37, ++k) {
        const auto& v = layer.features[i].values;
        if (nearest.time_s[k] == network::kUnreachable) {
            CHECK(std::holds_alternative<std::monostate>(v[c_time]));
        } else {
            CHECK(real_or(v[c_time], -1) == doctest::Approx(std::round(nearest.time_s[k] / 6.0) / 10.0));
        }
    }
}

TEST_CASE("layer table: csv has the header on line 1 and nothing else; json keeps nulls and types") {
    geo::OutputLayer l;
    l.name = "t";
    l.fields = {geo::FieldDef{"id", geo::FieldType::string, "", "", "", false},
                geo::FieldDef{"n", geo::FieldType::integer, "", "", "", false},
                geo::FieldDef{"x", geo::FieldType::real, "", "", "", false},
                geo::FieldDef{"ok", geo::FieldType::boolean, "", "", "", false}};
    geo::OutputFeature f;
    f.values = {std::string("=A1"), std::int64_t{3}, 0.1, true};
    l.features.push_back(f);
    f.values = {std::string("b"), std::monostate{}, std::monostate{}, false};
    l.features.push_back(f);
    LayerTableHeader h{"T", {{"travel model", "m"}}};
    CHECK(render_layer_table(l, h, Format::csv) == "id,n,x,ok\n'=A1,3,0.1,true\nb,,,false\n");
    const auto json = render_layer_table(l, h, Format::json);
    CHECK(json.find("\"travel model\": \"m\"") != std::string::npos);
    CHECK(json.find("{\"id\": \"b\", \"n\": null, \"x\": null, \"ok\": false}") != std::string::npos);
    CHECK(json.find("\"x\": 0.1") != std::string::npos);
    const auto md = render_layer_table(l, h, Format::md);
    CHECK(md.rfind("# T\n\n- travel model: m\n", 0) == 0);
}
