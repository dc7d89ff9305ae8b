// Canton assignment, joins and merges of the territory loader, on layers
// written from WKT into a temporary directory (Lambert-93, metres).

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "report/canton_report.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace maillage;
using maillage::test::message_of;
using maillage::test::WktFeature;

namespace {

// Fixture coordinates are in km from this Lambert-93 origin (near Rennes).
constexpr double kX0 = 350000, kY0 = 6780000;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// An axis-aligned rectangle, corners in km from the origin, as WKT.
std::string rect(double x0, double y0, double x1, double y1) {
    const auto p = [](double x, double y) { return num(kX0 + 1000 * x) + " " + num(kY0 + 1000 * y); };
    return "POLYGON ((" + p(x0, y0) + "," + p(x1, y0) + "," + p(x1, y1) + "," + p(x0, y1) + "," + p(x0, y0) + "))";
}

// A site CSV row: id, name, commune code, point in km.
std::string site_row(const std::string& id, const std::string& code, double x, double y) {
    return id + ",Site " + id + "," + code + "," + num(kX0 + 1000 * x) + "," + num(kY0 + 1000 * y) + "\n";
}

// A scenario assembled in code over files of a temporary directory.
struct Fixture {
    test::TempDir dir;
    Scenario s;

    Fixture() {
        s.path = dir.file("scenario.toml");
        s.name = "unit";
        s.crs = "EPSG:2154";
        s.cantons.code_field = s.communes.code_field = "code";
        s.cantons.name_field = s.communes.name_field = "nom";
        s.sites.id_field = "id";
        s.sites.name_field = "name";
        s.sites.commune_field = "com";
        s.sites.layer.x_field = "x";
        s.sites.layer.y_field = "y";
        s.sites.layer.source_crs = "EPSG:2154";
    }

    void cantons(const std::vector<WktFeature>& features) {
        s.cantons.layer.path = dir.file("cantons.geojson");
        test::write_wkt_layer(s.cantons.layer.path, "GeoJSON", "EPSG:2154", {"code", "nom"}, features);
    }
    void communes(const std::vector<WktFeature>& features) {
        s.communes.layer.path = dir.file("communes.geojson");
        test::write_wkt_layer(s.communes.layer.path, "GeoJSON", "EPSG:2154", {"code", "nom"}, features);
    }
    // Rows "code,pop".
    void population(const std::string& rows) {
        PopulationSource p;
        p.layer.path = dir.file("population.csv");
        p.code_fields = {"code"};
        p.population_field = "pop";
        p.label = "test population";
        test::write_text(p.layer.path, "code,pop\n" + rows);
        s.population = p;
    }
    // Rows "commune,canton".
    void composition(const std::string& rows) {
        CompositionSource c;
        c.layer.path = dir.file("composition.csv");
        c.commune_field = "com";
        c.canton_field = "can";
        test::write_text(c.layer.path, "com,can\n" + rows);
        s.composition = c;
    }
    // Rows "old,new".
    void merges(const std::string& rows) {
        MergeSource m;
        m.layer.path = dir.file("merges.csv");
        m.old_field = "old";
        m.new_field = "new";
        test::write_text(m.layer.path, "old,new\n" + rows);
        s.merges = m;
    }
    // Rows made with site_row.
    void sites(const std::string& rows) {
        s.sites.layer.path = dir.file("sites.csv");
        test::write_text(s.sites.layer.path, "id,name,com,x,y\n" + rows);
    }

    Territory load(LoadReport& report, bool strict = false) const {
        LoadOptions options;
        options.strict = strict;
        return load_territory(s, report, options);
    }
};

const Commune& commune(const Territory& t, const std::string& code) {
    for (const auto& c : t.communes)
        if (c.code == code) return c;
    FAIL("no commune " << code);
    return t.communes.front();
}

std::vector<std::string> canton_codes(const Territory& t, const Commune& c) {
    std::vector<std::string> out;
    for (auto k : c.cantons) out.push_back(t.cantons[k].code);
    return out;
}

// Two cantons side by side: 3501 on x 0..10 km, 3502 on x 10..20 km, y 0..10 km.
void two_cantons(Fixture& f) {
    f.cantons({{{"3501", "Ouest"}, rect(0, 0, 10, 10)}, {{"3502", "Est"}, rect(10, 0, 20, 10)}});
}

bool any_contains(const std::vector<std::string>& messages, const std::string& part) {
    return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return test::contains(m, part); });
}

} // namespace

TEST_CASE("territory: communes placed by the composition table") {
    Fixture f;
    two_cantons(f);
    // 35003 lies in 3502's polygon but the table files it under 3501: the
    // table is the reference when it names a canton of the layer, and the
    // disagreement is a problem (issue 21).
    f.communes({{{"35001", "A"}, rect(0, 0, 10, 10)},
                {{"35002", "B"}, rect(10, 0, 15, 10)},
                {{"35003", "C"}, rect(15, 0, 20, 10)}});
    f.composition("35001,3501\n35002,3502\n35003,3501\n");
    f.sites(site_row("S1", "35001", 5, 5));
    LoadReport report;
    const Territory t = f.load(report);
    REQUIRE(report.problems.size() == 1);
    CHECK_CONTAINS(report.problems[0], ": line 4: the composition table puts commune \"35003\" C in canton \"3501\" Ouest, "
                                       "but 0 % of the commune's area lies in that canton's polygon (100 % in 3502 Est)");
    CHECK(report.communes_from_polygons == 0);
    for (const auto& [code, canton] : {std::pair{"35001", "3501"}, {"35002", "3502"}, {"35003", "3501"}}) {
        CAPTURE(code);
        const auto& c = commune(t, code);
        CHECK(c.canton_source == "table");
        CHECK(canton_codes(t, c) == std::vector<std::string>{canton});
        CHECK(c.canton_share == std::vector<double>{1.0});
    }
}

TEST_CASE("territory: communes placed by the polygons") {
    Fixture f;
    two_cantons(f);
    f.communes({{{"35001", "A"}, rect(0, 0, 10, 10)}, {{"35002", "B"}, rect(10, 0, 20, 10)}});
    f.sites(site_row("S1", "35001", 5, 5));
    SUBCASE("no composition table") {}
    SUBCASE("the table names a canton that is not in the layer") { f.composition("35001,3599\n35002,3599\n"); }
    LoadReport report;
    const Territory t = f.load(report);
    CHECK(report.problems.empty());
    CHECK(report.communes_from_polygons == 2);
    CHECK(canton_codes(t, commune(t, "35001")) == std::vector<std::string>{"3501"});
    CHECK(canton_codes(t, commune(t, "35002")) == std::vector<std::string>{"3502"});
    CHECK(commune(t, "35001").canton_source == "polygons");
    if (f.s.composition) CHECK(any_contains(report.notes.messages(), "\"3599\""));
}

TEST_CASE("territory: a commune split between two cantons gets both, shares summing to 1") {
    Fixture f;
    two_cantons(f);
    // Split: x 7..17 km, 3 km in 3501 and 7 km in 3502. Sliver: x 0..9.9 and
    // 10..10.1 km, 1 % in 3502 (under kMinCantonShare = 2 %): 3501 only.
    f.communes({{{"35001", "Split"}, rect(7, 0, 17, 5)},
                {{"35002", "Sliver"}, rect(0, 5, 10.1, 10)},
                {{"35003", "Rest"}, rect(0, 0, 7, 5)},
                {{"35004", "East"}, rect(17, 0, 20, 5)},
                {{"35005", "NorthEast"}, rect(10.1, 5, 20, 10)}});
    f.composition("35001,3599\n35002,3599\n35003,3501\n35004,3502\n35005,3502\n");
    f.population("35001,1000\n35002,200\n35003,300\n35004,400\n35005,500\n");
    f.sites(site_row("S1", "35001", 8, 2));
    LoadReport report;
    const Territory t = f.load(report);
    CHECK(report.problems.empty());

    const auto& split = commune(t, "35001");
    CHECK(canton_codes(t, split) == std::vector<std::string>{"3501", "3502"});
    REQUIRE(split.canton_share.size() == 2);
    CHECK(split.canton_share[0] == doctest::Approx(0.3));
    CHECK(split.canton_share[1] == doctest::Approx(0.7));
    CHECK(split.canton_share[0] + split.canton_share[1] == doctest::Approx(1.0));

    const auto& sliver = commune(t, "35002");
    CHECK(canton_codes(t, sliver) == std::vector<std::string>{"3501"});
    CHECK(sliver.canton_share == std::vector<double>{1.0});

    // The site stands in the split commune: it counts for both cantons, and
    // in the strict view only for 3501 (its point is at x = 8 km).
    const auto r = canton_report(t, Date{2024, 8, 1});
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].sites == 1);
    CHECK(r.rows[1].sites == 1);
    CHECK(r.rows[0].strict_sites == 1);
    CHECK(r.rows[1].strict_sites == 0);
    // 3501: 0.3 x 1000 + 200 + 300 = 800; 3502: 0.7 x 1000 + 400 + 500 = 1600.
    CHECK(r.rows[0].population == doctest::Approx(800));
    CHECK(r.rows[1].population == doctest::Approx(1600));
    CHECK(r.rows[0].communes == 3);
    CHECK(r.rows[1].communes == 3);
}

TEST_CASE("territory: population totals are preserved by the area shares (seeded random strips)") {
    // Cantons and communes are vertical strips of the rectangle x 0..30 km,
    // y 0..10 km with random breaks, so the share of a commune in a canton is
    // the overlap of two intervals over the commune's width (the oracle).
    for (unsigned seed = 1; seed <= 5; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        auto breaks = [&](int inner) {
            std::uniform_int_distribution<int> d(1, 299); // 100 m steps, strictly inside
            std::vector<double> b{0, 30};
            while (static_cast<int>(b.size()) < inner + 2) {
                const double x = d(rng) / 10.0;
                if (std::find(b.begin(), b.end(), x) == b.end()) b.push_back(x);
            }
            std::sort(b.begin(), b.end());
            return b;
        };
        const auto cb = breaks(2); // 3 cantons
        const auto mb = breaks(6); // 7 communes
        Fixture f;
        std::vector<WktFeature> cantons, communes;
        for (std::size_t k = 0; k + 1 < cb.size(); ++k)
            cantons.push_back({{"350" + std::to_string(k), "K" + std::to_string(k)}, rect(cb[k], 0, cb[k + 1], 10)});
        std::string pop;
        std::vector<double> population;
        std::uniform_int_distribution<int> pd(0, 50000);
        for (std::size_t i = 0; i + 1 < mb.size(); ++i) {
            const std::string code = "350" + std::to_string(10 + i);
            communes.push_back({{code, "C" + std::to_string(i)}, rect(mb[i], 0, mb[i + 1], 10)});
            population.push_back(pd(rng));
            pop += code + "," + std::to_string(static_cast<int>(population.back())) + "\n";
        }
        f.cantons(cantons);
        f.communes(communes);
        f.population(pop);
        f.sites(site_row("S1", "35010", 0.05, 5));
        LoadReport report;
        const Territory t = f.load(report);
        CHECK(report.problems.empty());

        // Oracle: interval overlaps, shares under 2 % dropped, renormalised.
        for (std::size_t i = 0; i + 1 < mb.size(); ++i) {
            CAPTURE(i);
            const auto& c = commune(t, "350" + std::to_string(10 + i));
            std::vector<double> share(cb.size() - 1, 0.0);
            double kept = 0;
            for (std::size_t k = 0; k + 1 < cb.size(); ++k) {
                const double overlap = std::max(0.0, std::min(mb[i + 1], cb[k + 1]) - std::max(mb[i], cb[k]));
                const double s = overlap / (mb[i + 1] - mb[i]);
                if (s >= kMinCantonShare) share[k] = s, kept += s;
            }
            std::vector<double> got(cb.size() - 1, 0.0);
            for (std::size_t j = 0; j < c.cantons.size(); ++j) got[c.cantons[j]] = c.canton_share[j];
            for (std::size_t k = 0; k + 1 < cb.size(); ++k) CHECK(got[k] == doctest::Approx(share[k] / kept));
            CHECK(std::accumulate(c.canton_share.begin(), c.canton_share.end(), 0.0) == doctest::Approx(1.0));
        }
        const auto r = canton_report(t, Date{2024, 8, 1});
        const double total = std::accumulate(population.begin(), population.end(), 0.0);
        double shared = 0;
        for (const auto& row : r.rows) shared += row.population;
        CHECK(r.population == doctest::Approx(total));
        CHECK(shared == doctest::Approx(total));
        CHECK(report.population_read == doctest::Approx(total));
        CHECK(report.population_joined == doctest::Approx(total));
    }
}

TEST_CASE("territory: a commune outside every canton is a problem, its population is not shared") {
    Fixture f;
    two_cantons(f);
    f.communes({{{"35001", "A"}, rect(0, 0, 20, 10)}, {{"35002", "Away"}, rect(40, 0, 45, 10)}});
    f.population("35001,1000\n35002,70\n");
    f.sites(site_row("S1", "35001", 5, 5));
    LoadReport report;
    const Territory t = f.load(report);
    REQUIRE(report.problems.size() == 1);
    CHECK_CONTAINS(report.problems[0], "commune \"35002\" Away overlaps no canton polygon");
    const auto r = canton_report(t, Date{2024, 8, 1});
    CHECK(r.population == doctest::Approx(1070));
    CHECK(r.rows[0].population + r.rows[1].population == doctest::Approx(1000));
}

TEST_CASE("territory: merges dissolve former communes into their current code") {
    Fixture f;
    two_cantons(f);
    // 35010 + 35011 became the new commune 35300; 35021 joined 35020, which
    // kept its code (the chef-lieu row 35020 -> 35020 is in the table too).
    f.communes({{{"35010", "Old A"}, rect(0, 0, 4, 10)},
                {{"35011", "Old B"}, rect(4, 0, 10, 10)},
                {{"35020", "Chef-lieu"}, rect(10, 0, 15, 10)},
                {{"35021", "Delegated"}, rect(15, 0, 20, 10)}});
    f.merges("35010,35300\n35011,35300\n35020,35020\n35021,35020\n");
    f.sites(site_row("S1", "35010", 2, 5) + site_row("S2", "35300", 6, 5));

    SUBCASE("population table of the new codes") { f.population("35300,1500\n35020,900\n"); }
    SUBCASE("population table of the former codes: they add up") {
        f.population("35010,1000\n35011,500\n35020,600\n35021,300\n");
    }
    LoadReport report;
    const Territory t = f.load(report);
    CHECK(report.problems.empty());
    CHECK(report.merges_read == 3);
    CHECK(report.merged_polygons == 3);
    REQUIRE(t.communes.size() == 2);

    const auto& fresh = commune(t, "35300");
    CHECK(fresh.former_codes == std::vector<std::string>{"35010", "35011"});
    CHECK(fresh.area.size() == 1); // dissolved into one polygon
    CHECK(fresh.area_m2 == doctest::Approx(10000.0 * 10000.0));
    CHECK(fresh.population == 1500);
    CHECK(canton_codes(t, fresh) == std::vector<std::string>{"3501"});

    const auto& kept = commune(t, "35020");
    CHECK(kept.name == "Chef-lieu");
    CHECK(kept.former_codes == std::vector<std::string>{"35021"});
    CHECK(kept.population == 900);
    CHECK(canton_codes(t, kept) == std::vector<std::string>{"3502"});

    // Nobody lost or counted twice.
    CHECK(report.population_read == doctest::Approx(2400));
    CHECK(report.population_joined == doctest::Approx(2400));
    // A site giving a former code is attached to the current commune, silently.
    REQUIRE(t.sites.size() == 2);
    CHECK(t.sites[0].commune_code == "35300");
    CHECK(t.sites[0].commune == t.sites[1].commune);
    CHECK(report.sites_code_mismatch == 0);
}

TEST_CASE("territory: unmatched codes are reported in the problems") {
    Fixture f;
    two_cantons(f);
    f.communes({{{"35001", "A"}, rect(0, 0, 10, 10)}, {{"35002", "B"}, rect(10, 0, 20, 10)}});
    f.population("35001,100\n35999,42\n");
    f.composition("35001,3501\n35002,3502\n35888,3502\n");
    f.sites(site_row("S1", "35001", 5, 5));
    LoadReport report;
    const Territory t = f.load(report);
    CHECK(report.population_unmatched == 1);
    CHECK(report.communes_without_population == 1);
    CHECK(report.population_read == doctest::Approx(142));
    CHECK(report.population_joined == doctest::Approx(100));
    REQUIRE(report.problems.size() == 3);
    CHECK_STARTS_WITH(report.problems[0], f.dir.file("population.csv") + ": line 3: commune \"35999\"");
    CHECK_CONTAINS(report.problems[0], "matches no commune polygon");
    CHECK_CONTAINS(report.problems[1], "no population for commune \"35002\"");
    CHECK_STARTS_WITH(report.problems[2], f.dir.file("composition.csv") + ": line 4: commune \"35888\"");
    CHECK(commune(t, "35002").population == 0);

    SUBCASE("--strict stops at the first one") {
        LoadReport strict_report;
        const auto msg = message_of<InputError>([&] { f.load(strict_report, /*strict=*/true); });
        CHECK_STARTS_WITH(msg, f.dir.file("population.csv") + ": line 3: commune \"35999\"");
        CHECK_CONTAINS(msg, "(strict mode)");
    }
}

TEST_CASE("territory: bad merge tables") {
    Fixture f;
    two_cantons(f);
    f.communes({{{"35010", "A"}, rect(0, 0, 10, 10)}, {{"35011", "B"}, rect(10, 0, 20, 10)}});
    f.sites(site_row("S1", "35010", 5, 5));
    LoadReport report;
    SUBCASE("a cycle") {
        f.merges("35010,35011\n35011,35010\n");
        const auto msg = message_of<InputError>([&] { f.load(report); });
        CHECK_STARTS_WITH(msg, f.dir.file("merges.csv") + ": merge table has a cycle");
    }
    SUBCASE("one former commune merged into two") {
        f.merges("35010,35300\n35010,35400\n");
        const auto msg = message_of<InputError>([&] { f.load(report); });
        CHECK(msg == f.dir.file("merges.csv") + ": line 3: commune \"35010\" merged into both \"35300\" and \"35400\"");
    }
    SUBCASE("a chain A -> B -> C ends at C") {
        f.merges("35010,35011\n35011,35500\n");
        const Territory t = f.load(report);
        REQUIRE(t.communes.size() == 1);
        CHECK(t.communes[0].code == "35500");
        CHECK(t.communes[0].former_codes == std::vector<std::string>{"35010", "35011"});
    }
}

TEST_CASE("territory: a site whose commune code disagrees with its point is reported") {
    Fixture f;
    two_cantons(f);
    f.communes({{{"35001", "A"}, rect(0, 0, 10, 10)}, {{"35002", "B"}, rect(10, 0, 20, 10)}});
    f.sites(site_row("OK", "35001", 5, 5) + site_row("BAD", "35001", 15, 5) + site_row("UNK", "35777", 15, 5));
    LoadReport report;
    const Territory t = f.load(report);
    CHECK(report.sites_code_mismatch == 2);
    CHECK(report.sites_outside == 0);
    REQUIRE(report.problems.size() == 2);
    const auto csv = f.dir.file("sites.csv");
    CHECK_STARTS_WITH(report.problems[0], csv + ": line 3: site \"BAD\" Site BAD: commune code \"35001\" disagrees with its point, which lies in 35002 B (attached by the code)");
    CHECK_STARTS_WITH(report.problems[1], csv + ": line 4: site \"UNK\" Site UNK: commune code \"35777\" disagrees with its point, which lies in 35002 B (code unknown: attached by the point)");
    REQUIRE(t.sites.size() == 3);
    const auto a = static_cast<CommuneId>(&commune(t, "35001") - t.communes.data());
    const auto b = static_cast<CommuneId>(&commune(t, "35002") - t.communes.data());
    CHECK(t.sites[0].commune == a);
    CHECK(t.sites[1].commune == a); // by its code
    CHECK(t.sites[1].point_commune == b);
    CHECK(t.cantons[t.sites[1].strict_canton].code == "3502");
    CHECK(t.sites[2].commune == b); // by its point

    SUBCASE("--strict makes it an error") {
        LoadReport strict_report;
        const auto msg = message_of<InputError>([&] { f.load(strict_report, /*strict=*/true); });
        CHECK_STARTS_WITH(msg, csv + ": line 3: site \"BAD\"");
    }
}

TEST_CASE("territory: merge and composition tables in one COG file give what two files give") {
    // The INSEE COG commune list holds both tables (TYPECOM COM rows: the
    // canton; COMD/COMA rows: the parent commune). The loader reads such a
    // file once; the result, summaries and messages must not depend on it.
    const std::string cog_rows = "35010,COMD,35300,\n"
                                 "35011,COMD,35300,\n"
                                 "35300,COM,,3501\n"
                                 "35020,COM,,3502\n"
                                 "35021,COMA,35020,\n"
                                 "35888,COM,,3502\n";
    auto setup = [&](Fixture& f, bool one_file) {
        two_cantons(f);
        f.communes({{{"35010", "Old A"}, rect(0, 0, 4, 10)},
                    {{"35011", "Old B"}, rect(4, 0, 10, 10)},
                    {{"35020", "Chef-lieu"}, rect(10, 0, 15, 10)},
                    {{"35021", "Delegated"}, rect(15, 0, 20, 10)}});
        f.sites(site_row("S1", "35010", 2, 5));
        const std::string merge_path = f.dir.file(one_file ? "cog.csv" : "cog-merges.csv");
        const std::string composition_path = f.dir.file(one_file ? "cog.csv" : "cog-composition.csv");
        test::write_text(merge_path, "COM,TYPECOM,COMPARENT,CAN\n" + cog_rows);
        test::write_text(composition_path, "COM,TYPECOM,COMPARENT,CAN\n" + cog_rows);
        MergeSource m;
        m.layer.path = merge_path;
        m.old_field = "COM";
        m.new_field = "COMPARENT";
        m.filter = RowFilter{"TYPECOM", {"COMD", "COMA"}};
        f.s.merges = m;
        CompositionSource c;
        c.layer.path = composition_path;
        c.commune_field = "COM";
        c.canton_field = "CAN";
        c.filter = RowFilter{"TYPECOM", {"COM"}};
        f.s.composition = c;
    };
    Fixture one, two;
    setup(one, true);
    setup(two, false);
    LoadReport r1, r2;
    const Territory t1 = one.load(r1);
    const Territory t2 = two.load(r2);
    REQUIRE(t1.communes.size() == 2);
    REQUIRE(t2.communes.size() == 2);
    for (std::size_t i = 0; i < t1.communes.size(); ++i) {
        CHECK(t1.communes[i].code == t2.communes[i].code);
        CHECK(t1.communes[i].former_codes == t2.communes[i].former_codes);
        CHECK(t1.communes[i].cantons == t2.communes[i].cantons);
        CHECK(t1.communes[i].canton_source == t2.communes[i].canton_source);
    }
    CHECK(canton_codes(t1, commune(t1, "35300")) == std::vector<std::string>{"3501"});
    CHECK(commune(t1, "35300").canton_source == "table");
    CHECK(r1.merges_read == 3);
    CHECK(r2.merges_read == 3);
    // Same summaries (each role counts the rows its filter left out).
    REQUIRE(r1.layers.size() == r2.layers.size());
    for (std::size_t i = 0; i < r1.layers.size(); ++i) {
        CHECK(r1.layers[i].role == r2.layers[i].role);
        CHECK(r1.layers[i].features == r2.layers[i].features);
        CHECK(r1.layers[i].skipped == r2.layers[i].skipped);
    }
    const auto role = [](const LoadReport& r, const std::string& name) {
        for (const auto& l : r.layers)
            if (l.role == name) return l;
        FAIL("no layer " << name);
        return LayerSummary{};
    };
    CHECK(role(r1, "merges").skipped == 3);      // the COM rows
    CHECK(role(r1, "composition").skipped == 3); // the COMD/COMA rows
    // The unmatched composition row names the shared file and its line.
    REQUIRE(r1.problems.size() == 1);
    CHECK(r1.problems[0] ==
          one.dir.file("cog.csv") + ": line 7: commune \"35888\" of the composition table matches no commune polygon");
    CHECK(r2.problems[0] == two.dir.file("cog-composition.csv") +
                                ": line 7: commune \"35888\" of the composition table matches no commune polygon");
}
