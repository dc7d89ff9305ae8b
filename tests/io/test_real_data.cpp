// Real-data tests on ../shared/data/raw (Ille-et-Vilaine). Expected figures
// come from ../shared/data/raw/SOURCES.md, which checked them independently.

#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "report/canton_report.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace maillage;

namespace {

const Territory& ille_et_vilaine(LoadReport* report_out = nullptr) {
    static LoadReport report;
    static const Territory t = [] {
        const auto s = load_scenario((test::source_dir() / "data" / "ille-et-vilaine.toml").string());
        return load_territory(s, report);
    }();
    if (report_out) *report_out = report;
    return t;
}

} // namespace

TEST_CASE("real: Ille-et-Vilaine loads with 27 cantons and 333 communes") {
    MAILLAGE_REQUIRE_REAL_DATA();
    LoadReport report;
    const auto& t = ille_et_vilaine(&report);
    CHECK(t.cantons.size() == 27);
    CHECK(t.communes.size() == 333); // 345 polygons of 2018 dissolved by the 2019 mergers
    CHECK(report.merged_polygons == 12);
    CHECK(report.problems.empty());
    // Population légale 2019, population municipale (SOURCES.md): 1,079,498.
    double total = 0;
    for (const auto& c : t.communes) total += c.population;
    CHECK(total == 1079498.0); // integers: exact
    CHECK(report.population_read == report.population_joined);
    CHECK(report.population_unmatched == 0);
    CHECK(report.communes_without_population == 0);
}

TEST_CASE("real: split communes count for every canton they overlap") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto& t = ille_et_vilaine();
    auto find = [&](const std::string& code) -> const Commune& {
        auto it = std::find_if(t.communes.begin(), t.communes.end(), [&](const Commune& c) { return c.code == code; });
        REQUIRE(it != t.communes.end());
        return *it;
    };
    const auto& rennes = find("35238");
    CHECK(rennes.cantons.size() == 6);
    CHECK(rennes.canton_source == "polygons");
    std::set<std::string> codes;
    for (auto k : rennes.cantons) codes.insert(t.cantons[k].code);
    CHECK(codes == std::set<std::string>{"3518", "3519", "3520", "3521", "3522", "3523"});
    CHECK(find("35115").cantons.size() == 2); // Fougères
    CHECK(find("35288").cantons.size() == 2); // Saint-Malo
    double share = 0;
    for (double s : rennes.canton_share) share += s;
    CHECK(share == doctest::Approx(1.0));
    // Every other commune sits in exactly one canton from the INSEE table.
    std::size_t single = 0;
    for (const auto& c : t.communes) single += c.cantons.size() == 1 && c.canton_source == "table";
    CHECK(single == 330);
}

TEST_CASE("real: sites open by date (Sept 2021 and Aug 2024)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto& t = ille_et_vilaine();
    CHECK(t.sites.size() == 31);
    auto open_at = [&](Date d) {
        return std::count_if(t.sites.begin(), t.sites.end(), [&](const Site& s) { return s.open_at(d); });
    };
    CHECK(open_at({2021, 7, 1}) == 21);
    CHECK(open_at({2024, 8, 1}) == 31);
    CHECK(open_at({2020, 10, 12}) <= 21);
    for (const auto& s : t.sites) {
        CHECK_MESSAGE(s.commune != kInvalid, "site " << s.id);
        CHECK_MESSAGE(s.point_commune != kInvalid, "site " << s.id);
        CHECK_MESSAGE(s.strict_canton != kInvalid, "site " << s.id);
        CHECK_MESSAGE(!t.communes[s.commune].cantons.empty(), "site " << s.id);
    }
    const auto report = canton_report(t, {2021, 7, 1});
    CHECK(report.open_sites == 21);
    CHECK(report.open_by_format[2] == 1); // the Roche aux Fées bus
    CHECK(report.open_by_format[3] == 1); // the itinerant Pimms service
    // Cantons without a site in Sept 2021 (SOURCES.md cross-check, commune view).
    CHECK(report.without_site == std::vector<std::string>{"3504", "3513", "3514", "3516", "3524", "3525", "3527"});
    // Strict view adds the cantons that hold only a piece of a split commune.
    CHECK(report.strict_without_site.size() == 13);
    double pop = 0;
    for (const auto& row : report.rows) pop += row.population;
    CHECK(pop == doctest::Approx(1079498.0));
    const auto later = canton_report(t, {2024, 8, 1});
    CHECK(later.open_sites == 31);
    CHECK(later.without_site.size() < report.without_site.size());
}

TEST_CASE("real: current canton and commune names replace the layers' old ones") {
    MAILLAGE_REQUIRE_REAL_DATA();
    LoadReport report;
    const auto& t = ille_et_vilaine(&report);
    auto canton = [&](const std::string& code) {
        auto it = std::find_if(t.cantons.begin(), t.cantons.end(), [&](const Canton& c) { return c.code == code; });
        REQUIRE(it != t.cantons.end());
        return it->name;
    };
    auto commune = [&](const std::string& code) {
        auto it = std::find_if(t.communes.begin(), t.communes.end(), [&](const Commune& c) { return c.code == code; });
        REQUIRE(it != t.communes.end());
        return it->name;
    };
    // GEOFLA 2016 says "Rheu", "Antrain", "Guerche-de-Bretagne" (SOURCES.md).
    CHECK(canton("3524") == "Le Rheu");
    CHECK(canton("3501") == "Val-Couesnon");
    CHECK(canton("3510") == "La Guerche-de-Bretagne");
    // Rennes-1, -2 and -4 hold only part of Rennes (pseudo-canton 3598): no
    // row of communes-france names them, the layer's names stay.
    CHECK(canton("3518") == "Rennes-1");
    CHECK(report.canton_names_set == 24);
    CHECK(report.canton_names_missing == 3);
    CHECK(report.canton_names_unknown == 0);
    // COG 2018 says "Verger", "Gouesnière".
    CHECK(commune("35351") == "Le Verger");
    CHECK(commune("35122") == "La Gouesnière");
    CHECK(report.commune_names_set == 333);
    CHECK(report.commune_names_missing == 0);
}
