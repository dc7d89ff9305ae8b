// Issue 18, defects 7 and 8, and issue 16, item 3: what `report` and
// `report --compare` print on the real scenario: headline figures with and
// without the hypothetical schedules, the worst-served table, every
// threshold per canton, the territory's own sites apart from the
// neighbours', and the change per demand point.

#include "app/accessibility.hpp"
#include "app/run.hpp"
#include "core/text.hpp"
#include "io/scenario.hpp"
#include "report/coverage_report.hpp"
#include "support.hpp"
#include "../support/fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

using namespace maillage;

namespace {

Scenario real_scenario() { return load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string()); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// The lines of the text section titled `head` (up to the next empty line).
std::vector<std::string> section(const std::string& text, const std::string& head) {
    const auto lines = lines_of(text);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind(head, 0) != 0) continue;
        for (std::size_t j = i + 1; j < lines.size() && !lines[j].empty(); ++j) out.push_back(lines[j]);
        return out;
    }
    FAIL("no section " << head);
    return out;
}

std::string first_word(const std::string& line) {
    const auto b = line.find_first_not_of(' ');
    return line.substr(b, line.find(' ', b) - b);
}

double real(const geo::FieldValue& v) { return std::get<double>(v); }

} // namespace

TEST_CASE("real: report headline gives the figures without the hypothetical schedules, equal to a run without "
          "them") {
    MAILLAGE_REQUIRE_REAL_DATA();
    auto scenario = real_scenario();
    const auto run = app::prepare_run(scenario, LoadOptions{});
    const Date date{2021, 7, 1};
    auto sit = app::evaluate_at(run, date, date.iso());
    REQUIRE(std::any_of(sit.services.points.begin(), sit.services.points.end(),
                        [](const ServicePoint& p) { return p.hypothesis; }));
    app::add_factual(run, sit);
    REQUIRE(sit.factual);
    for (const auto& p : sit.factual_services->points) CHECK_FALSE(p.hypothesis);

    // Independent: the same scenario with no hypothetical route at all.
    Scenario bare = scenario;
    bare.coverage.schedules.clear();
    const auto bare_run = app::prepare_run(bare, LoadOptions{});
    const auto bare_sit = app::evaluate_at(bare_run, date, date.iso());
    const auto& f = sit.factual->by_canton.total;
    const auto& b = bare_sit.evaluation.by_canton.total;
    REQUIRE(f.thresholds.size() == b.thresholds.size());
    bool differs = false;
    for (std::size_t i = 0; i < f.thresholds.size(); ++i) {
        CHECK(f.thresholds[i].within == doctest::Approx(b.thresholds[i].within));
        CHECK(f.thresholds[i].mobile_only == doctest::Approx(b.thresholds[i].mobile_only));
        differs = differs || sit.evaluation.by_canton.total.thresholds[i].mobile_only != f.thresholds[i].mobile_only;
    }
    CHECK(differs); // the hypothesis moves the figures on this date

    // The headline says both, the second labelled.
    const auto text = render_coverage_report(app::view(run, sit), ReportOptions{});
    const auto territory = section(text, "Territory");
    const auto within20 = std::find_if(territory.begin(), territory.end(),
                                       [](const std::string& l) { return l.find("Within 20 min:") != std::string::npos; });
    REQUIRE(within20 != territory.end());
    CHECK(within20->find("(with the hypothetical schedules)") != std::string::npos);
    REQUIRE(within20 + 1 != territory.end());
    const std::string expected = format_grouped(std::llround(b.thresholds[0].mobile_only)) + " only by a bus or itinerant stop";
    CHECK((within20 + 1)->find("without the hypothetical schedules") != std::string::npos);
    CHECK((within20 + 1)->find(expected) != std::string::npos);
    // Residents only served by a bus at its base address, said apart:
    // recomputed from the accessibility layer (a mobile_only point's nearest
    // service is that bus or stop).
    const auto layer = app::accessibility_layer(run, sit);
    const auto c_cat = layer.field_index("category_20"), c_site = layer.field_index("site_id"),
               c_pop = layer.field_index("population");
    double at_base = 0;
    for (const auto& feature : layer.features) {
        if (std::get<std::string>(feature.values[c_cat]) != "mobile_only") continue;
        const auto& id = std::get<std::string>(feature.values[c_site]);
        for (const auto& p : sit.services.points)
            if (p.id == id && !p.from_schedule) at_base += real(feature.values[c_pop]);
    }
    REQUIRE(at_base > 0);
    CHECK(within20->find("(" + format_grouped(std::llround(at_base)) + " of them by a bus counted at its base address)") !=
          std::string::npos);

    // Without any hypothesis, nothing is evaluated twice and nothing is said.
    auto bare_copy = app::evaluate_at(bare_run, date, date.iso());
    app::add_factual(bare_run, bare_copy);
    CHECK_FALSE(bare_copy.factual);
    CHECK(render_coverage_report(app::view(bare_run, bare_copy), ReportOptions{}).find("hypothetical") ==
          std::string::npos);
}

TEST_CASE("real: worst-served table marks a bus at its base address and says none within the service threshold") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto run = app::prepare_run(real_scenario(), LoadOptions{});
    const Date date{2021, 7, 1};
    const auto sit = app::evaluate_at(run, date, date.iso());
    ReportOptions ro;
    ro.worst = 40;
    const auto rows = section(render_coverage_report(app::view(run, sit), ro), "Worst-served demand points");
    const std::string none = "none within " + std::to_string(sit.evaluation.params.service_threshold_min) + " min";
    std::size_t base = 0, beyond = 0;
    for (std::size_t i = 0; i < run.demand.points.size(); ++i) {
        const auto& pc = sit.evaluation.points[i];
        const auto row = std::find_if(rows.begin() + 2, rows.end(), [&](const std::string& l) {
            return first_word(l) == run.demand.points[i].id;
        });
        if (row == rows.end()) continue;
        CAPTURE(*row);
        const auto& p = sit.services.points[pc.nearest];
        const bool at_base = p.mobile && !p.from_schedule;
        CHECK((row->find("counted at its base address") != std::string::npos) == at_base);
        base += at_base;
        const bool out = pc.time_s > sit.evaluation.params.service_threshold_min * 60;
        CHECK((row->find(none) != std::string::npos) == out);
        if (out) CHECK(row->find(" 0.0") == std::string::npos);
        beyond += out;
    }
    CHECK(base > 0);
    CHECK(beyond > 0);
}

TEST_CASE("real: --compare shows every threshold per canton and the territory's own sites apart from the "
          "neighbours'") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto run = app::prepare_run(real_scenario(), LoadOptions{});
    const auto before = app::evaluate_at(run, Date{2021, 7, 1}, "2021-07-01");
    const auto after = app::evaluate_at(run, Date{2024, 7, 1}, "2024-07-01");
    const auto text = render_comparison(app::view(run, before), app::view(run, after), ReportOptions{});

    const auto table = section(text, "Change per canton");
    REQUIRE(table.size() == run.territory.cantons.size() + 2);
    for (auto th : after.evaluation.params.thresholds_min) {
        CHECK(table[0].find("≤" + std::to_string(th) + " min %") != std::string::npos);
        CHECK(table[0].find("newly ≤" + std::to_string(th) + " min") != std::string::npos);
    }

    // Added sites, computed from the site lists and the territory's communes.
    std::set<std::string> codes, own, neighbours;
    for (const auto& c : run.territory.communes) codes.insert(c.code);
    auto added = [&](const Site& s) { return s.open_at(after.as_of) && !s.open_at(before.as_of); };
    for (const auto* list : {&run.territory.sites, &run.territory.neighbour_sites})
        for (const auto& s : *list)
            if (added(s)) (codes.count(s.commune_code) ? own : neighbours).insert(s.id);
    REQUIRE_FALSE(own.empty());
    REQUIRE_FALSE(neighbours.empty());
    auto ids = [&](const std::string& head) {
        std::set<std::string> out;
        for (const auto& l : section(text, head)) out.insert(first_word(l));
        return out;
    };
    CHECK(ids("Sites added in " + run.territory.name) == own);
    CHECK(ids("Sites added in the neighbouring départements") == neighbours);

    // --threshold 20: that threshold only.
    auto scenario = real_scenario();
    scenario.coverage.thresholds_min = {20};
    const auto run20 = app::prepare_run(scenario, LoadOptions{});
    const auto b20 = app::evaluate_at(run20, Date{2021, 7, 1}, "2021-07-01");
    const auto a20 = app::evaluate_at(run20, Date{2024, 7, 1}, "2024-07-01");
    const auto head20 = section(render_comparison(app::view(run20, b20), app::view(run20, a20), ReportOptions{}),
                                "Change per canton")[0];
    CHECK(head20.find("≤20 min %") != std::string::npos);
    CHECK(head20.find("≤30 min") == std::string::npos);
}

TEST_CASE("real: --compare per demand point equals the two accessibility layers, and lists the biggest "
          "improvements first") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto run = app::prepare_run(real_scenario(), LoadOptions{});
    const auto before = app::evaluate_at(run, Date{2021, 7, 1}, "2021-07-01");
    const auto after = app::evaluate_at(run, Date{2024, 7, 1}, "2024-07-01");
    const auto change = app::accessibility_change_layer(run, before, run, after);
    const auto la = app::accessibility_layer(run, before), lb = app::accessibility_layer(run, after);
    REQUIRE(change.features.size() == run.demand.points.size());
    const auto col = [](const geo::OutputLayer& l, const std::string& n) {
        const auto i = l.field_index(n);
        REQUIRE(i < l.fields.size());
        return i;
    };
    const auto c_before = col(change, "time_before_min"), c_after = col(change, "time_after_min"),
               c_change = col(change, "change_min"), c_t = col(la, "time_min");
    std::size_t best = 0;
    double best_saved = -1;
    for (std::size_t i = 0; i < change.features.size(); ++i) {
        const auto& v = change.features[i].values;
        CHECK(v[c_before] == la.features[i].values[c_t]);
        CHECK(v[c_after] == lb.features[i].values[c_t]);
        CHECK(real(v[c_change]) == doctest::Approx(real(v[c_after]) - real(v[c_before])));
        for (auto th : after.evaluation.params.thresholds_min) {
            const auto t = std::to_string(th);
            CHECK(v[col(change, "category_" + t + "_before")] == la.features[i].values[col(la, "category_" + t)]);
            CHECK(v[col(change, "category_" + t + "_after")] == lb.features[i].values[col(lb, "category_" + t)]);
        }
        const double saved = double(before.evaluation.points[i].time_s) - after.evaluation.points[i].time_s;
        const double pop = run.demand.points[i].population;
        if (saved > best_saved || (saved == best_saved && pop > run.demand.points[best].population)) {
            best_saved = saved;
            best = i;
        }
    }
    REQUIRE(best_saved > 0);
    const auto text = render_comparison(app::view(run, before), app::view(run, after), ReportOptions{});
    const auto rows = section(text, "Biggest improvements");
    REQUIRE(rows.size() == 2 + 10);
    CHECK(first_word(rows[2]) == run.demand.points[best].id);
}

TEST_CASE("real: report --compare --by point prints the change layer (csv: header on line 1, one row per point)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = (test::source_dir() / "data" / "ille-et-vilaine.toml").string();
    const auto r = test::run_cli({"report", scenario, "--as-of", "2024-07-01", "--compare", "2021-07-01", "--by", "point",
                                  "--format", "csv"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto lines = lines_of(r.out);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].rfind("id,commune,name,population,time_before_min,time_after_min,change_min,", 0) == 0);
    const auto run = app::prepare_run(real_scenario(), LoadOptions{});
    CHECK(lines.size() == 1 + run.demand.points.size());
}
