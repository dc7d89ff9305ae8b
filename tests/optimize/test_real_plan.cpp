// End to end on Ille-et-Vilaine (crow-fly): candidates for the cantons with
// no site in 2021, their coverage instance, ranking and an exact plan with
// the one-per-uncovered-canton quota.

#include "coverage/candidates.hpp"
#include "optimize/select.hpp"
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
