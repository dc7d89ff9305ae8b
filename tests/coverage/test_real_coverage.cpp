// Coverage of Ille-et-Vilaine with the crow-fly model, checked against an
// independent brute force (haversine to every open service point, written
// here, not the library's code).

#include "app/run.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace maillage;

namespace {

double haversine_m(geo::LonLat a, geo::LonLat b) {
    constexpr double kR = 6371008.8;
    constexpr double kDeg = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * kDeg, dlon = (b.lon - a.lon) * kDeg;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kR * std::asin(std::sqrt(h));
}

} // namespace

TEST_CASE("real: Ille-et-Vilaine crow-fly coverage matches a brute force, 2021 and 2024") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    REQUIRE(scenario.travel.model == "crow-fly");
    const auto run = app::prepare_run(scenario, LoadOptions{});
    REQUIRE(run.demand.points.size() == 333);
    double total = 0;
    for (const auto& d : run.demand.points) total += d.population;
    CHECK(total == 1079498.0);

    double within30_2021 = 0;
    for (const Date date : {Date{2021, 7, 1}, Date{2024, 8, 1}}) {
        const auto s = app::evaluate_at(run, date, date.iso());
        const auto& e = s.evaluation;
        const auto& m = e.by_canton.total;
        CHECK(m.population == doctest::Approx(total));
        CHECK(e.by_commune.total.population == doctest::Approx(total));
        // Brute force over every service point (offices, stops, neighbours).
        std::vector<double> within(m.thresholds.size(), 0);
        for (const auto& d : run.demand.points) {
            double best_s = INFINITY;
            for (const auto& p : s.services.points)
                best_s = std::min(best_s, std::round(haversine_m(d.lonlat, p.lonlat) * 1.3 / (50 / 3.6)));
            for (std::size_t i = 0; i < m.thresholds.size(); ++i)
                if (best_s <= 60.0 * m.thresholds[i].threshold_min) within[i] += d.population;
        }
        for (std::size_t i = 0; i < m.thresholds.size(); ++i) {
            CHECK_MESSAGE(m.thresholds[i].within == doctest::Approx(within[i]).epsilon(1e-9),
                          date.iso() << " threshold " << m.thresholds[i].threshold_min);
            CHECK(m.thresholds[i].fixed + m.thresholds[i].mobile_only + m.thresholds[i].none ==
                  doctest::Approx(total));
        }
        // Shares grow with the threshold; at 45 min by crow-fly everybody is covered.
        CHECK(m.thresholds[0].within <= m.thresholds[1].within);
        CHECK(m.thresholds[1].within <= m.thresholds[2].within);
        CHECK(m.thresholds[2].within == doctest::Approx(total));
        if (date == Date{2021, 7, 1}) within30_2021 = m.thresholds[1].within;
        else CHECK(m.thresholds[1].within >= within30_2021); // sites were only added
        // The hypothetical bus schedule is named in the notes.
        bool hypothesis = false;
        for (const auto& n : s.services.notes) hypothesis |= n.find("HYPOTHESIS") != std::string::npos;
        CHECK(hypothesis);
        CHECK(s.services.problems.empty()); // every opening-hours text of 2024 parses
    }
}

TEST_CASE("real: Rennes on the 2013 street network gives plausible road times") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "rennes-streets.toml").string());
    REQUIRE(scenario.travel.model == "network");
    const auto run = app::prepare_run(scenario, LoadOptions{});
    REQUIRE(run.demand.points.size() == 2);
    const auto s = app::evaluate_at(run, Date{2021, 7, 1}, "2021");
    const auto& e = s.evaluation;
    CHECK(e.model.find("road network") != std::string::npos);
    for (std::size_t i = 0; i < run.demand.points.size(); ++i) {
        const auto& d = run.demand.points[i];
        const auto& pc = e.points[i];
        REQUIRE_MESSAGE(pc.nearest != kInvalid, d.id);
        const auto& site = s.services.points[pc.nearest];
        const double straight_m = haversine_m(d.lonlat, site.lonlat);
        // Never faster than the straight line at 110 km/h, never slower than
        // a 3x detour at 15 km/h, for town halls inside the street network.
        CHECK_MESSAGE(pc.time_s >= straight_m / (110 / 3.6), d.id);
        CHECK_MESSAGE(pc.time_s <= 3 * straight_m / (15 / 3.6) + 60, d.id);
        // Roads are slower than the crow-fly model at 50 km/h x 1.3 would
        // be in a city only by a bounded factor.
        CHECK_MESSAGE(pc.time_s < 20 * 60, d.id);
    }
    // The Saint-Grégoire site lies beyond the 2013 street file: reported, not moved.
    bool reported = false;
    for (const auto& issue : e.snaps.too_far) reported |= issue.is_site && issue.id == "849";
    CHECK(reported);
}
