// Issue 17: plan and rank on a fine demand layer. Candidates never come from
// the demand, the instance keeps only the pairs that can change an
// objective, and an instance too large for the memory allowed is refused
// with the size it needs.

#include "app/plan.hpp"
#include "core/error.hpp"
#include "core/memory.hpp"
#include "coverage/candidates.hpp"
#include "io/scenario.hpp"
#include "optimize/select.hpp"
#include "support.hpp"
#include "support/demand_layer.hpp"
#include "support/fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

using namespace maillage;

namespace {

std::string ids_of(const app::PlanSetup& p, const optimize::Selection& s) {
    std::string out;
    for (const auto& site : s.sites) out += p.candidates[site.candidate].id + " ";
    return out;
}

/// data/ille-et-vilaine.toml with a demand layer: `copies` points per
/// commune demand point of the town-hall scenario, all at the town hall,
/// each with population / copies (the point-by-point shape of a grid, same
/// places). Coordinates written with 17 digits: the same doubles come back.
Scenario fine_scenario(const app::Run& base, int copies, const std::filesystem::path& csv) {
    std::ofstream out(csv);
    out << "id,lon,lat,population\n";
    char line[200];
    for (const auto& d : base.demand.points)
        for (int k = 0; k < copies; ++k) {
            std::snprintf(line, sizeof line, "%s-%d,%.17g,%.17g,%.17g\n", d.id.c_str(), k, d.lonlat.lon, d.lonlat.lat,
                          d.population / copies);
            out << line;
        }
    out.close();
    return test::with_demand_csv(base.scenario, csv.string());
}

} // namespace

TEST_CASE("real: a demand layer of several points per commune gives one candidate per eligible commune, "
          "and the same plan as the town-hall demand") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    const test::TempDir tmp; // a folder of this run's own
    const auto& dir = tmp.path();

    auto coarse = app::prepare_plan(scenario, "all", 20);
    const app::Run& base = coarse.run;
    auto fine = app::prepare_plan(fine_scenario(base, 3, dir / "fine.csv"), "all", 20);
    REQUIRE(fine.run.scenario.demand.layer);
    REQUIRE(fine.run.demand.points.size() == 3 * base.demand.points.size());

    // Candidates: one per commune, the same with both demands.
    REQUIRE(fine.candidates.size() == coarse.candidates.size());
    std::set<std::string> ids;
    for (std::size_t i = 0; i < fine.candidates.size(); ++i) {
        CHECK(fine.candidates[i].id == coarse.candidates[i].id);
        CHECK(ids.insert(fine.candidates[i].id).second);
        CHECK(fine.candidates[i].source == coarse.candidates[i].source); // town hall, or centroid without one
    }
    // Every commune of the territory without an open site is a candidate
    // (cantons "all"), except a split commune's seat outside... none here:
    std::size_t hosting = 0;
    std::set<CommuneId> with_site;
    for (const auto& s : base.territory.sites)
        if (s.open_at(base.scenario.as_of) && s.commune != kInvalid) with_site.insert(s.commune);
    hosting = with_site.size();
    CHECK(fine.candidates.size() == base.territory.communes.size() - hosting);

    for (const bool exact : {false, true}) {
        CAPTURE(exact);
        app::PlanRequest r;
        r.add = 5;
        r.exact = exact;
        const auto a = app::plan(coarse, r);
        const auto b = app::plan(fine, r);
        CHECK(ids_of(coarse, a.selection) == ids_of(fine, b.selection));
        CHECK(b.selection.summary.covered_after == doctest::Approx(a.selection.summary.covered_after).epsilon(1e-9));
        CHECK(b.selection.summary.mean_time_after_s ==
              doctest::Approx(a.selection.summary.mean_time_after_s).epsilon(1e-9));
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("real: keeping only the pairs faster than the existing sites changes no result") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    auto p = app::prepare_plan(scenario, "all", 20);
    // prepare_plan keeps the useful pairs; the same coverage with every pair:
    optimize::CoverageInstance every = p.instance;
    std::vector<network::Place> sources, places;
    for (const auto& c : p.candidates) sources.push_back(network::Place{c.xy, c.lonlat, c.id});
    for (const auto& d : p.run.demand.points) places.push_back(network::Place{d.xy, d.lonlat, d.id});
    auto sets = p.run.travel.model->coverage(sources, places, every.time_cap_s);
    every.cover_first = sets.first;
    every.cover_demand = sets.demand;
    every.cover_time_s = sets.time_s;
    CHECK(every.cover_demand.size() > 3 * p.instance.cover_demand.size());

    const auto scores_kept = optimize::rank_candidates(p.instance);
    const auto scores_all = optimize::rank_candidates(every);
    REQUIRE(scores_kept.size() == scores_all.size());
    for (std::size_t i = 0; i < scores_kept.size(); ++i) {
        CHECK(scores_kept[i].candidate == scores_all[i].candidate);
        CHECK(scores_kept[i].newly_covered == scores_all[i].newly_covered);
        CHECK(scores_kept[i].mean_time_reduction_s == doctest::Approx(scores_all[i].mean_time_reduction_s));
        CHECK(scores_kept[i].nearest_population == scores_all[i].nearest_population);
    }
    for (const auto objective : {optimize::Objective::coverage, optimize::Objective::mean_time}) {
        const auto a = optimize::greedy_select(p.instance, objective, 6);
        const auto b = optimize::greedy_select(every, objective, 6);
        CHECK(ids_of(p, a) == ids_of(p, b));
        CHECK(a.objective == doctest::Approx(b.objective));
    }
    const auto a = optimize::exact_max_coverage(p.instance, 6);
    const auto b = optimize::exact_max_coverage(every, 6);
    CHECK(a.objective == doctest::Approx(b.objective));
    CHECK(ids_of(p, a) == ids_of(p, b));
}

TEST_CASE("real: an instance larger than the memory allowed is refused with the size it needs") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    app::MemoryBudget tight;
    // One byte: below what the process holds whatever ran before (the
    // resident size can shrink between here and the instance), no room for any pair.
    tight.max_bytes = 1;
    try {
        (void)app::prepare_plan(scenario, "all", 20, {}, tight);
        FAIL("expected InstanceTooLarge");
    } catch (const app::InstanceTooLarge& e) {
        const std::string what = e.what();
        CHECK(what.find("the coverage instance needs about") != std::string::npos);
        CHECK(what.find("candidate -> demand pairs") != std::string::npos);
        CHECK(what.find("are allowed") != std::string::npos);
        CHECK(what.find("a lower threshold") != std::string::npos);
        CHECK(what.find("coarser demand layer") != std::string::npos);
    }
    // With room, the same call builds the instance and reports its size.
    const auto ok = app::prepare_plan(scenario, "all", 20);
    CHECK(ok.size.pairs == ok.instance.cover_demand.size());
    CHECK(ok.size.estimate_bytes > 0);
    CHECK(ok.size.estimate_bytes <= ok.size.allowed_bytes);
}
