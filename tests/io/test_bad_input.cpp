// The bad-input corpus: one tiny file (or tiny scenario) per case in
// tests/data/bad/, each differing from the valid tests/data/tiny/ territory by
// one thing. Every case asserts the exception type and that the message names
// the file and the line, feature or key.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "geo/vector_layer.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "report/canton_report.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

using namespace maillage;
using maillage::test::bad;
using maillage::test::message_of;
using maillage::test::tiny;

namespace {

// Loads a scenario and its territory; returns the load report.
LoadReport load(const std::string& scenario_path, bool strict = false) {
    const Scenario s = load_scenario(scenario_path);
    LoadReport report;
    LoadOptions options;
    options.strict = strict;
    load_territory(s, report, options);
    return report;
}

std::string input_error(const std::string& scenario_path, bool strict = false) {
    return message_of<InputError>([&] { load(scenario_path, strict); });
}

const LayerSummary& layer_summary(const LoadReport& r, const std::string& role) {
    for (const auto& l : r.layers)
        if (l.role == role) return l;
    FAIL("no layer summary for " << role);
    return r.layers.front();
}

} // namespace

TEST_CASE("bad input: the tiny base territory loads without any problem") {
    // Every bad case below differs from this one by one thing; if this fails,
    // the bad cases prove nothing.
    const auto r = load(tiny("tiny.toml"), /*strict=*/true);
    CHECK(r.problems.empty());
    CHECK(r.sites_outside == 0);
    CHECK(r.sites_code_mismatch == 0);
    CHECK(layer_summary(r, "communes").repaired == 0);
}

TEST_CASE("bad input: missing scenario file") {
    const auto path = bad("no-such-scenario.toml");
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    CHECK(msg == path + ": scenario file not found");
}

TEST_CASE("bad input: missing layer file") {
    const auto msg = input_error(bad("missing-file.toml"));
    CHECK(msg == tiny("no-such-communes.geojson") + ": file not found");
}

TEST_CASE("bad input: unreadable format (garbage bytes named .geojson)") {
    const auto msg = input_error(bad("garbage.toml"));
    CHECK_STARTS_WITH(msg, bad("garbage.geojson") + ": cannot open as a vector dataset");
}

TEST_CASE("bad input: missing field") {
    const auto msg = input_error(bad("sites-missing-field.toml"));
    CHECK_STARTS_WITH(msg, bad("sites-missing-field.csv") + ": field \"insee_com\" not found");
    // The message lists the fields there are, to spot a renamed column.
    CHECK_CONTAINS(msg, "(fields: id_fs, lib_fs, format_fs, labellisation_fs, longitude, latitude)");
}

TEST_CASE("bad input: wrong field type (population \"abc\")") {
    const auto msg = input_error(bad("population-abc.toml"));
    CHECK_STARTS_WITH(msg, bad("population-abc.csv") + ": line 3: population \"abc\" of commune \"35002\"");
    CHECK_CONTAINS(msg, "is not a number");
}

TEST_CASE("bad input: population -1 and \"NA\"") {
    SUBCASE("-1") {
        const auto msg = input_error(bad("population-negative.toml"));
        CHECK(msg == bad("population-negative.csv") + ": line 3: population \"-1\" of commune \"35002\" is negative");
    }
    SUBCASE("NA") {
        const auto msg = input_error(bad("population-na.toml"));
        CHECK_STARTS_WITH(msg, bad("population-na.csv") + ": line 4: population \"NA\" of commune \"35003\"");
        CHECK_CONTAINS(msg, "is not a number");
    }
}

TEST_CASE("bad input: a number with a thousands separator (\"5 000\")") {
    const auto msg = input_error(bad("population-thousands.toml"));
    CHECK_STARTS_WITH(msg, bad("population-thousands.csv") + ": line 3: population \"5 000\" of commune \"35002\"");
    CHECK_CONTAINS(msg, "no thousands separator");
}

TEST_CASE("bad input: empty layer (FeatureCollection with no feature)") {
    SUBCASE("read_layer returns it empty: the caller decides") {
        geo::LayerSpec spec;
        spec.path = bad("communes-empty.geojson");
        geo::ReadOptions ro;
        ro.fields = {"code", "nom"};
        const auto layer = geo::read_layer(spec, ro);
        CHECK(layer.features.empty());
        CHECK(layer.stats.features == 0);
    }
    SUBCASE("the loader says which layer is empty") {
        const auto msg = input_error(bad("communes-empty.toml"));
        CHECK(msg == bad("communes-empty.geojson") + ": commune layer is empty (no feature)");
    }
    SUBCASE("a CSV with a header and no row") {
        const auto msg = input_error(bad("sites-empty.toml"));
        CHECK(msg == bad("sites-empty.csv") + ": sites layer is empty (no feature)");
    }
}

TEST_CASE("bad input: layer without CRS (shapefile without .prj)") {
    test::TempDir dir;
    const auto shp = dir.file("cantons.shp");
    // The two tiny cantons, in Lambert-93, written with no SRS: no .prj.
    test::write_wkt_layer(shp, "ESRI Shapefile", "", {"code", "nom"},
                          {{{"35001", "Ouest"},
                            "POLYGON ((350000 6785000,360000 6785000,360000 6795000,350000 6795000,350000 6785000))"},
                           {{"35002", "Est"},
                            "POLYGON ((360000 6785000,370000 6785000,370000 6795000,360000 6795000,360000 6785000))"}});
    REQUIRE(std::filesystem::exists(shp));
    REQUIRE_FALSE(std::filesystem::exists(dir.file("cantons.prj")));

    Scenario s = load_scenario(tiny("tiny.toml"));
    s.cantons.layer.path = shp;
    LoadReport report;
    SUBCASE("rejected when the scenario does not give the CRS") {
        const auto msg = message_of<InputError>([&] { load_territory(s, report); });
        CHECK_STARTS_WITH(msg, shp + ": layer \"cantons\" has no CRS");
        CHECK_CONTAINS(msg, "crs = \"EPSG:...\"");
    }
    SUBCASE("read when the scenario sets crs for the layer") {
        s.cantons.layer.source_crs = "EPSG:2154";
        const Territory t = load_territory(s, report);
        REQUIRE(t.cantons.size() == 2);
        CHECK(t.cantons[0].code == "3501");
        CHECK(layer_summary(report, "cantons").crs == "EPSG:2154");
        CHECK(report.problems.empty());
    }
}

TEST_CASE("bad input: invalid polygon (bow-tie)") {
    const auto where = bad("communes-bowtie.geojson") + ": feature 2: invalid polygon (Self-intersection";
    SUBCASE("repaired and counted by default") {
        const Scenario s = load_scenario(bad("communes-bowtie.toml"));
        LoadReport report;
        const Territory t = load_territory(s, report);
        CHECK(layer_summary(report, "communes").repaired == 1);
        CHECK(report.problems.empty());
        // Gamma, repaired into two triangles of 2 km x 10 km / 2 each, keeps
        // its canton (from the table) and its population.
        REQUIRE(t.communes.size() == 3);
        const auto& gamma = t.communes[2];
        CHECK(gamma.code == "35003");
        CHECK(gamma.area_m2 == doctest::Approx(2 * 10000.0 * 2000.0 / 2));
        REQUIRE(gamma.cantons.size() == 1);
        CHECK(t.cantons[gamma.cantons[0]].code == "3502");
        CHECK(gamma.population == 800);
    }
    SUBCASE("an error naming the feature with --strict") {
        CHECK_STARTS_WITH(input_error(bad("communes-bowtie.toml"), /*strict=*/true), where);
    }
    SUBCASE("an error naming the feature with repair = false") {
        CHECK_STARTS_WITH(input_error(bad("communes-bowtie-norepair.toml")), where);
    }
}

TEST_CASE("bad input: site outside the territory") {
    const auto where = bad("sites-outside.csv") + ": line 3: site \"FS2\"";
    SUBCASE("a problem by default, the site is kept and reported") {
        const Scenario s = load_scenario(bad("sites-outside.toml"));
        LoadReport report;
        const Territory t = load_territory(s, report);
        CHECK(report.sites_outside == 1);
        REQUIRE(report.problems.size() == 1);
        CHECK_STARTS_WITH(report.problems[0], where);
        CHECK_CONTAINS(report.problems[0], "outside every commune polygon");
        CHECK_CONTAINS(report.problems[0], "\"35999\"");
        REQUIRE(t.sites.size() == 2);
        CHECK(t.sites[1].id == "FS2");
        CHECK(t.sites[1].commune == kInvalid);
        CHECK(t.sites[1].strict_canton == kInvalid);
        // Open on 2024-08-01, it shows in the report as outside every commune.
        const auto r = canton_report(t, Date{2024, 8, 1});
        CHECK(r.open_sites_outside == std::vector<std::string>{"FS2"});
    }
    SUBCASE("an error with --strict") {
        const auto msg = input_error(bad("sites-outside.toml"), /*strict=*/true);
        CHECK_STARTS_WITH(msg, where);
        CHECK_CONTAINS(msg, "(strict mode)");
    }
}

TEST_CASE("bad input: duplicate ids") {
    SUBCASE("site ids") {
        const auto msg = input_error(bad("sites-dup-id.toml"));
        CHECK(msg == bad("sites-dup-id.csv") + ": line 3: duplicate site id \"FS1\" (first at " +
                         bad("sites-dup-id.csv") + ": line 2)");
    }
    SUBCASE("commune codes") {
        const auto msg = input_error(bad("communes-dup-code.toml"));
        CHECK(msg == bad("communes-dup-code.geojson") + ": feature 2: duplicate commune code \"35002\" (first at " +
                         bad("communes-dup-code.geojson") + ": feature 1)");
    }
    SUBCASE("commune codes in the population table") {
        const auto msg = input_error(bad("population-dup-code.toml"));
        CHECK(msg == bad("population-dup-code.csv") + ": line 4: duplicate commune code \"35002\" in the population table (first at " +
                         bad("population-dup-code.csv") + ": line 3)");
    }
    SUBCASE("canton codes (after the code rewrite)") {
        const auto msg = input_error(bad("cantons-dup-code.toml"));
        CHECK(msg == bad("cantons-dup-code.geojson") + ": feature 1: duplicate canton code \"3501\" (first at " +
                         bad("cantons-dup-code.geojson") + ": feature 0)");
    }
}

TEST_CASE("bad input: unparsable labelling date") {
    SUBCASE("31/02/2021 is not a real date") {
        const auto msg = input_error(bad("sites-bad-date.toml"));
        CHECK_STARTS_WITH(msg, bad("sites-bad-date.csv") +
                                   ": line 3: site \"FS2\": labelling date \"Espace labellisé 31/02/2021\"");
        CHECK_CONTAINS(msg, "DD/MM/YYYY");
    }
    SUBCASE("\"bientôt\" has no date") {
        const auto msg = input_error(bad("sites-no-date.toml"));
        CHECK_STARTS_WITH(msg, bad("sites-no-date.csv") + ": line 3: site \"FS2\": labelling date \"bientôt\"");
    }
}

TEST_CASE("bad input: CSV line numbers are physical lines (multi-line quoted field, blank line)") {
    // FS1's name spans lines 2-3 and line 4 is blank: OGR gives FS2 fid 2,
    // but an editor shows it on line 5.
    const auto msg = input_error(bad("sites-multiline-no-date.toml"));
    CHECK_STARTS_WITH(msg, bad("sites-multiline-no-date.csv") + ": line 5: site \"FS2\": labelling date \"bientôt\"");
}

TEST_CASE("bad input: CSV row with a comma decimal") {
    const auto msg = input_error(bad("sites-comma-decimal.toml"));
    CHECK(msg == bad("sites-comma-decimal.csv") +
                     ": line 3: latitude \"48,125366\" is not a number (expected a decimal number with '.')");
}

TEST_CASE("bad scenario: unknown key") {
    const auto path = bad("unknown-key.toml");
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    CHECK(msg == path + ": line 6: unknown key 'scenario.as_off' (did you mean 'as_of'?)");
}

TEST_CASE("bad scenario: a misspelt required key is named with the valid name, then the missing key") {
    const auto path = bad("misspelt-key.toml");
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    CHECK(msg == path + ": line 11: unknown key 'cantons.code_feild' (did you mean 'code_field'?)\n" + path +
                     ": line 9: missing required key 'cantons.code_field'");
}

TEST_CASE("bad scenario: missing required key") {
    const auto path = bad("missing-key.toml");
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    // The line is the one of the [sites] table header.
    CHECK(msg == path + ": line 32: missing required key 'sites.id_field'");
}

TEST_CASE("bad scenario: value of the wrong type") {
    SUBCASE("repair = \"yes\"") {
        const auto path = bad("wrong-type.toml");
        const auto msg = message_of<InputError>([&] { load_scenario(path); });
        CHECK(msg == path + ": line 8: key 'scenario.repair' must be true or false");
    }
    SUBCASE("as_of = \"July 2021\"") {
        const auto path = bad("wrong-type-date.toml");
        const auto msg = message_of<InputError>([&] { load_scenario(path); });
        CHECK(msg == path + ": line 6: key 'scenario.as_of' is not a valid date: \"July 2021\": not a date (expected "
                            "YYYY-MM-DD or DD/MM/YYYY, e.g. 2021-07-01 or 01/07/2021)");
    }
}

TEST_CASE("bad scenario: unknown or unusable CRS names the key, not a layer file") {
    SUBCASE("working CRS that does not exist") {
        const auto path = bad("unknown-crs.toml");
        const auto msg = message_of<InputError>([&] { load_scenario(path); });
        CHECK(msg == path + ": line 7: key 'scenario.crs' is not a known CRS: \"EPSG:999999\" (expected e.g. EPSG:2154)");
    }
    SUBCASE("working CRS in degrees") {
        const auto path = bad("geographic-crs.toml");
        const auto msg = message_of<InputError>([&] { load_scenario(path); });
        CHECK_STARTS_WITH(msg, path + ": line 7: key 'scenario.crs' must be a projected CRS in metres");
    }
    SUBCASE("layer CRS with a typo") {
        const auto path = bad("layer-unknown-crs.toml");
        const auto msg = message_of<InputError>([&] { load_scenario(path); });
        CHECK(msg == path + ": line 11: key 'cantons.crs' is not a known CRS: \"EPGS:2154\" (expected e.g. EPSG:2154)");
    }
}

TEST_CASE("bad scenario: TOML syntax error") {
    const auto path = bad("syntax-error.toml");
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    CHECK_STARTS_WITH(msg, path + ": line 5: ");
}

TEST_CASE("bad input: every bad scenario differs from tiny.toml by one line") {
    // Keeps the corpus honest: a case that drifted from the valid base would
    // test two things at once. Compared from [scenario] on, with the base's
    // paths made relative to tests/data/bad.
    auto lines_of = [](const std::string& text) {
        std::vector<std::string> out;
        std::size_t start = 0;
        for (std::size_t pos; (pos = text.find('\n', start)) != std::string::npos; start = pos + 1)
            out.push_back(text.substr(start, pos - start));
        if (start < text.size()) out.push_back(text.substr(start));
        return out;
    };
    auto from_scenario = [](std::vector<std::string> lines) {
        const auto it = std::find(lines.begin(), lines.end(), "[scenario]");
        REQUIRE(it != lines.end());
        return std::vector<std::string>(it, lines.end());
    };
    auto tiny_base = from_scenario(lines_of(test::read_text(tiny("tiny.toml"))));
    for (auto& line : tiny_base)
        if (test::starts_with(line, "path = \"")) line.insert(8, "../tiny/");

    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_path("tests/data/bad"))) {
        if (entry.path().extension() != ".toml") continue;
        const auto name = entry.path().filename().string();
        CAPTURE(name);
        if (name == "syntax-error.toml") continue; // same, with one quote missing: checked below
        const auto lines = from_scenario(lines_of(test::read_text(entry.path().string())));
        // The bow-tie with repair = false is one line away from the bow-tie case.
        const auto base = name == "communes-bowtie-norepair.toml"
                              ? from_scenario(lines_of(test::read_text(bad("communes-bowtie.toml"))))
                              : tiny_base;
        // Edit distance with insertions and deletions only (through the LCS):
        // one changed line counts 2, one added or removed line counts 1.
        const std::size_t n = base.size(), m = lines.size();
        std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                lcs[i][j] = base[i] == lines[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        const std::size_t distance = n + m - 2 * lcs[0][0];
        CHECK(distance >= 1);
        CHECK(distance <= 2);
        CHECK((n > m ? n - m : m - n) <= 1);
        ++checked;
    }
    CHECK(checked >= 25);
    const auto syntax = test::read_text(bad("syntax-error.toml"));
    CHECK_CONTAINS(syntax, "\nname = \"Tiny\n");
}

// Issue 21, item 4: inputs that gave a silently wrong answer.

TEST_CASE("bad input: a layer declaring an unknown CRS is not read as WGS84") {
    // GDAL reads a GeoJSON "crs" member it cannot resolve as WGS84, after an
    // error message only: the lon/lat communes loaded as if nothing was wrong.
    const auto msg = input_error(bad("communes-crs-unknown.toml"));
    CHECK_STARTS_WITH(msg, bad("communes-crs-unknown.geojson") + ": layer ");
    CHECK_CONTAINS(msg, "its CRS cannot be read");
    CHECK_CONTAINS(msg, "crs not found");
}

TEST_CASE("bad input: a vertex at longitude 200 names the file and the feature") {
    const auto msg = input_error(bad("communes-lon200.toml"));
    CHECK_STARTS_WITH(msg, bad("communes-lon200.geojson") + ": feature 1: coordinates outside longitude/latitude bounds");
    CHECK_CONTAINS(msg, "(longitude -1.629543 to 200.000000, latitude 48.074747 to 48.169773");
}

TEST_CASE("bad input: an implausible population (1e15) is a problem naming the row") {
    const auto where = bad("population-1e15.csv") + ": line 4: commune \"35003\": population \"1e15\" is implausible";
    SUBCASE("a problem by default") {
        const auto r = load(bad("population-1e15.toml"));
        REQUIRE(r.problems.size() == 1);
        CHECK_STARTS_WITH(r.problems[0], where);
    }
    SUBCASE("an error with --strict") { CHECK_STARTS_WITH(input_error(bad("population-1e15.toml"), true), where); }
}

TEST_CASE("bad input: a composition table putting a commune in a canton its polygon does not touch") {
    // Gamma lies wholly in canton Est; the table says Ouest.
    const auto where = bad("composition-wrong-canton.csv") +
                       ": line 4: the composition table puts commune \"35003\" Gamma in canton \"3501\" Ouest, but 0 % "
                       "of the commune's area lies in that canton's polygon (100 % in 3502 Est)";
    SUBCASE("a problem by default") {
        const auto r = load(bad("composition-wrong-canton.toml"));
        REQUIRE(r.problems.size() == 1);
        CHECK_STARTS_WITH(r.problems[0], where);
    }
    SUBCASE("an error with --strict") {
        CHECK_STARTS_WITH(input_error(bad("composition-wrong-canton.toml"), true), where);
    }
}
