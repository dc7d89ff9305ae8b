// End to end on Ille-et-Vilaine (crow-fly): candidates for the cantons with
// no site in 2021, their coverage instance, ranking and an exact plan with
// the one-per-uncovered-canton quota.

#include "coverage/candidates.hpp"
#include "optimize/select.hpp"
#include "app/plan.hpp"
#include "app/run.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace maillage;

TEST_CASE("real: ranking and planning for the cantons without a site in 2021") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    const auto run = app::prepare_run(scenario, LoadOptions{});
    const auto now = app::evaluate_at(run, Date{2021, 7, 1}, "2021");
    std::vector<CantonId> uncovered;
    for (CantonId k = 0; k < run.territory.cantons.size(); ++k)
        if (!now.cantons.rows[k].has_site) uncovered.push_back(k);
    REQUIRE(uncovered.size() == 7);
    const auto candidates = candidates_from_communes(run.territory, uncovered, Date{2021, 7, 1});
    REQUIRE(!candidates.empty());
    std::set<CantonId> seen;
    for (const auto& c : candidates) {
        seen.insert(c.canton);
        // No candidate in a commune that already hosts an open site.
        for (const auto& s : run.territory.sites)
            if (s.open_at({2021, 7, 1})) CHECK(s.commune != c.commune);
    }
    CHECK(seen.size() == 7); // every uncovered canton has candidates

    const auto instance = make_instance(run.territory, run.demand, now.evaluation, candidates,
                                        *run.travel.model, 20);
    optimize::validate(instance);
    const auto scores = optimize::rank_candidates(instance);
    CHECK(scores.size() == candidates.size());
    optimize::Quotas q;
    q.required_groups = uncovered;
    const auto greedy = optimize::greedy_select(instance, optimize::Objective::coverage, 7, q);
    const auto exact = optimize::exact_max_coverage(instance, 7, q);
    CHECK(exact.status == optimize::SolveStatus::optimal);
    CHECK(exact.objective >= greedy.objective - 1e-6);
    CHECK(exact.sites.size() == 7);
    std::set<std::uint32_t> cantons_chosen;
    for (const auto& s : exact.sites) cantons_chosen.insert(instance.group[s.candidate]);
    CHECK(cantons_chosen.size() == 7); // the quota puts one in each uncovered canton
    CHECK(exact.summary.covered_after >= exact.summary.covered_before);
    CHECK(exact.summary.total_population == doctest::Approx(1079498.0));
}

TEST_CASE("real: after a plan with one new site per uncovered canton, no canton is left without a site "
          "(issue 18, defect 1)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
    auto p = app::prepare_plan(scenario, "all", 20);
    REQUIRE(p.now.cantons.without_site.size() == 7);
    app::PlanRequest r;
    r.add = 7;
    r.exact = true;
    r.quota_one_per_uncovered_canton = true;
    const auto result = app::plan(p, r);
    REQUIRE(result.selection.sites.size() == 7);
    CHECK(result.after.cantons.without_site.empty());
    for (const auto& row : result.after.cantons.rows) {
        CAPTURE(row.code);
        CHECK(row.has_site);
    }
    // The base situation keeps its own table, and the new sites are named.
    CHECK(p.now.cantons.without_site.size() == 7);
    CHECK(result.after.cantons.open_sites == p.now.cantons.open_sites + 7);
    std::size_t named_new = 0;
    for (const auto& row : result.after.cantons.rows)
        for (const auto& id : row.site_ids) named_new += id.rfind("new:", 0) == 0;
    CHECK(named_new >= 7);
}
