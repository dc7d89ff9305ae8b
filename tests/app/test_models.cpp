// `maillage models compare`: crow-fly measured against the Rennes street
// network (real data), and the usage error on a crow-fly scenario.

#include "../support.hpp"
#include "../support/fixtures.hpp"

#include "app/models.hpp"
#include "app/run.hpp"
#include "core/error.hpp"
#include "io/scenario.hpp"
#include "network/travel_model.hpp"
#include "report/models_report.hpp"

#include <doctest/doctest.h>

using namespace maillage;

TEST_CASE("real: models compare on the Rennes streets keeps its invariants") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "rennes-streets.toml").string());
    const auto run = app::prepare_run(scenario, LoadOptions{});
    const auto c = app::compare_models(run, Date{2021, 7, 1});
    CHECK(c.compared_points > 0);
    CHECK(c.compared_points <= c.demand_points);
    CHECK(c.compared_population <= c.population);
    CHECK(c.fitted_seconds_per_m > 0);
    CHECK(c.fitted_speed_kmh > 0);
    CHECK(c.fitted_speed_kmh == doctest::Approx(c.circuity / c.fitted_seconds_per_m * 3.6));
    CHECK(c.fitted_circuity_at_50_kmh == doctest::Approx(c.fitted_seconds_per_m * 50 / 3.6));
    // Least squares: the fitted factor is never worse on its own criterion.
    CHECK(c.fitted_crow_fly.rms_residual_s <= c.scenario_crow_fly.rms_residual_s + 1e-9);
    CHECK(c.fitted_crow_fly.seconds_per_m == doctest::Approx(c.fitted_seconds_per_m));
    CHECK(c.scenario_crow_fly.model.find("crow-fly") != std::string::npos);
    for (const auto* e : {&c.scenario_crow_fly, &c.fitted_crow_fly}) {
        REQUIRE(e->within_crow_fly_only.size() == c.thresholds_min.size());
        REQUIRE(e->within_network_only.size() == c.thresholds_min.size());
        for (std::size_t t = 0; t < c.thresholds_min.size(); ++t) {
            const double changed = (e->within_crow_fly_only[t] + e->within_network_only[t]) / c.compared_population;
            CHECK(changed >= 0);
            CHECK(changed <= 1);
        }
        REQUIRE(e->p90_abs_relative);
        CHECK(*e->p90_abs_relative >= 0);
        CHECK(*e->median_abs_relative <= *e->p90_abs_relative);
        CHECK(*e->median_relative >= -1); // a crow-fly time is never negative
    }
    // The command prints the same figures.
    const auto cli = test::run_cli({"models", "compare", test::source_path("data/rennes-streets.toml"), "--format", "json"});
    CHECK(cli.exit_code == 0);
    CHECK(cli.out.find("\"fitted_speed_kmh\"") != std::string::npos);
}

TEST_CASE("models compare: a crow-fly scenario is a usage error (exit 2)") {
    const auto scenario = load_scenario(test::tiny("tiny.toml"));
    REQUIRE(scenario.travel.model == "crow-fly");
    CHECK_FALSE(app::models_compare_usage_problem(scenario).empty());
    const auto cli = test::run_cli({"models", "compare", test::tiny("tiny.toml")});
    CHECK(cli.exit_code == 2);
    CHECK(cli.err.find("crow-fly") != std::string::npos);
    CHECK(cli.err.find("network") != std::string::npos);
}

TEST_CASE("models: the measured crow-fly error is cited for the default crow-fly only") {
    const auto note = crow_fly_measured_error_note(network::CrowFlyModel{}.describe());
    CHECK(note.find("25.5 %") != std::string::npos);
    CHECK(note.find("docs/travel-models.md") != std::string::npos);
    CHECK(crow_fly_measured_error_note(network::CrowFlyModel{network::CrowFlyOptions{1.2, 50}}.describe()).empty());
    CHECK(crow_fly_measured_error_note("road network car-fr from x.osm.pbf").empty());
}
