// CLI tests: run the built `maillage` binary, check exit codes (0 ok, 1 data
// error, 2 usage error), messages on stderr, outputs, and a golden canton table.

#include "../support/fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <vector>

using maillage::test::bad;
using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;

namespace {

using Run = maillage::test::CliRun;
using maillage::test::shell_quote;

Run run(const std::vector<std::string>& args) { return maillage::test::run_cli(args); }

} // namespace

// Golden test. Hand computation for tests/data/tiny (see the map in tiny.toml):
// - Canton 3501 Ouest = x 350000..360000, 3502 Est = x 360000..370000 (GEOFLA
//   codes 35001/35002 rewritten to 3501/3502 by code_rewrite).
// - Alpha 35001 (x 350000..356000) is in 3501 by the composition table; Gamma
//   35003 (x 366000..370000) is in 3502 by the table; Beta 35002 is under the
//   pseudo-canton 3599, so it is placed from the polygons: x 356000..366000,
//   area 10 km x 10 km = 100 km2, of which 4 km x 10 km = 40 km2 in 3501 and
//   6 km x 10 km = 60 km2 in 3502, shares 0.4 and 0.6 (both above 2 %).
// - communes: 3501 = Alpha + Beta = 2; 3502 = Beta + Gamma = 2.
// - population: 3501 = 1200 (Alpha) + 0.4 x 5000 (Beta) = 3200;
//   3502 = 0.6 x 5000 (Beta) + 800 (Gamma) = 3800; total 7000 = 1200+5000+800.
// - as_of 2021-07-01: FS1 (Fixe, labelled 01/10/2020) is open, FS2
//   (Bus_équivalent, 15/03/2022) is not. FS1's commune is Beta, which counts for
//   both cantons: fixed 1, sites 1, has_site yes in 3501 and 3502.
// - strict view: FS1's point (358000, 6790000) is inside the 3501 polygon
//   (x < 360000): strict 1 yes in 3501, 0 no in 3502.
// - with --as-of 2024-08-01 FS2 opens too: it is in Gamma, so 3502 gets bus 1,
//   sites 2; its point (367000, 6790000) is inside 3502, so strict 1 yes.
TEST_CASE("cli: cantons on the tiny scenario equals the hand-checked CSV") {
    SUBCASE("as_of of the scenario (2021-07-01)") {
        const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv"});
        CHECK(r.exit_code == 0);
        CHECK(r.out == read_text(tiny("expected-cantons.csv")));
    }
    SUBCASE("--as-of 2024-08-01") {
        const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv", "--as-of", "2024-08-01"});
        CHECK(r.exit_code == 0);
        CHECK(r.out == read_text(tiny("expected-cantons-2024.csv")));
    }
}

TEST_CASE("cli: check on the tiny scenario exits 0") {
    const auto r = run({"check", tiny("tiny.toml")});
    CHECK(r.exit_code == 0);
    CHECK_CONTAINS(r.out, "Cantons: 2\n");
    CHECK_CONTAINS(r.out, "Communes: 3 (0 former-commune polygons dissolved; 1 split between cantons; 1 placed from polygons)");
    CHECK_CONTAINS(r.out, "Population: 7 000 joined of 7 000 read");
    CHECK_CONTAINS(r.out, "Sites: 2 in the layer, 1 open on 2021-07-01");
    CHECK_CONTAINS(r.out, "OK: no problem found.");
}

TEST_CASE("cli: --help on each subcommand shows an example") {
    for (const std::string cmd : {"cantons", "check"}) {
        CAPTURE(cmd);
        const auto r = run({cmd, "--help"});
        CHECK(r.exit_code == 0);
        CHECK_CONTAINS(r.out, "Example");
        CHECK_CONTAINS(r.out, "maillage " + cmd + " data/ille-et-vilaine.toml");
    }
}

TEST_CASE("cli: usage errors exit 2") {
    struct Case {
        std::string what;
        std::vector<std::string> args;
        std::string message;
    };
    const std::string scenario = tiny("tiny.toml");
    const std::vector<Case> cases = {
        {"unknown option", {"cantons", scenario, "--bogus"}, "--bogus"},
        {"bad --as-of date (not a real day)", {"cantons", scenario, "--as-of", "2021-02-30"}, "2021-02-30"},
        {"bad --as-of date (not a date)", {"cantons", scenario, "--as-of", "yesterday"}, "yesterday"},
        {"unknown --format", {"cantons", scenario, "--format", "xml"}, "xml"},
        {"missing scenario argument (cantons)", {"cantons"}, "scenario is required"},
        {"missing scenario argument (check)", {"check"}, "scenario is required"},
        {"no subcommand", {}, "A subcommand is required"},
        {"unknown subcommand", {"frobnicate", scenario}, "A subcommand is required"},
        {"bad --max-memory", {"plan", scenario, "--add", "1", "--max-memory", "lots"}, "not a size such as 4G"},
        {"zero --max-memory", {"rank", scenario, "--max-memory", "0"}, "not a size such as 4G"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        const auto r = run(c.args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_CONTAINS(r.err, c.message);
    }
}

// Each bad case of the issue: exit 1, "maillage: error: <file>: ..." on stderr,
// and with -o the output file is not created (nor any temporary file).
TEST_CASE("cli: data errors exit 1, name the file and leave no output behind") {
    struct Case {
        std::string scenario;  // in tests/data/bad
        std::string file;      // the file the message must start with
        std::string where;     // what follows the file: line, feature or message
        bool strict = false;
    };
    const std::vector<Case> cases = {
        {"missing-file.toml", tiny("no-such-communes.geojson"), ": file not found"},
        {"garbage.toml", bad("garbage.geojson"), ": cannot open as a vector dataset"},
        {"sites-missing-field.toml", bad("sites-missing-field.csv"), ": field \"insee_com\" not found"},
        {"population-abc.toml", bad("population-abc.csv"), ": line 3: population \"abc\""},
        {"population-negative.toml", bad("population-negative.csv"), ": line 3: population \"-1\""},
        {"population-na.toml", bad("population-na.csv"), ": line 4: population \"NA\""},
        {"population-thousands.toml", bad("population-thousands.csv"), ": line 3: population \"5 000\""},
        {"communes-empty.toml", bad("communes-empty.geojson"), ": commune layer is empty"},
        {"communes-bowtie.toml", bad("communes-bowtie.geojson"), ": feature 2: invalid polygon", true},
        {"communes-bowtie-norepair.toml", bad("communes-bowtie.geojson"), ": feature 2: invalid polygon"},
        {"sites-outside.toml", bad("sites-outside.csv"), ": line 3: site \"FS2\"", true},
        {"sites-empty.toml", bad("sites-empty.csv"), ": sites layer is empty"},
        {"population-dup-code.toml", bad("population-dup-code.csv"), ": line 4: duplicate commune code \"35002\""},
        {"sites-dup-id.toml", bad("sites-dup-id.csv"), ": line 3: duplicate site id \"FS1\""},
        {"communes-dup-code.toml", bad("communes-dup-code.geojson"), ": feature 2: duplicate commune code \"35002\""},
        {"cantons-dup-code.toml", bad("cantons-dup-code.geojson"), ": feature 1: duplicate canton code \"3501\""},
        {"sites-bad-date.toml", bad("sites-bad-date.csv"), ": line 3: site \"FS2\": labelling date"},
        {"sites-no-date.toml", bad("sites-no-date.csv"), ": line 3: site \"FS2\": labelling date"},
        {"sites-multiline-no-date.toml", bad("sites-multiline-no-date.csv"), ": line 5: site \"FS2\": labelling date"},
        {"sites-comma-decimal.toml", bad("sites-comma-decimal.csv"), ": line 3: latitude \"48,125366\""},
        {"unknown-key.toml", bad("unknown-key.toml"), ": line 6: unknown key 'scenario.as_off'"},
        {"missing-key.toml", bad("missing-key.toml"), ": line 32: missing required key 'sites.id_field'"},
        {"wrong-type.toml", bad("wrong-type.toml"), ": line 8: key 'scenario.repair'"},
        {"unknown-crs.toml", bad("unknown-crs.toml"), ": line 7: key 'scenario.crs' is not a known CRS"},
        {"layer-unknown-crs.toml", bad("layer-unknown-crs.toml"), ": line 11: key 'cantons.crs' is not a known CRS"},
        {"syntax-error.toml", bad("syntax-error.toml"), ": line 5: "},
        {"no-such-scenario.toml", bad("no-such-scenario.toml"), ": scenario file not found"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.scenario);
        TempDir out_dir;
        const auto output = out_dir.file("cantons.csv");
        std::vector<std::string> args = {"cantons", bad(c.scenario), "--format", "csv", "-o", output};
        if (c.strict) args.push_back("--strict");
        const auto r = run(args);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK_CONTAINS(r.err, "maillage: error: " + c.file + c.where);
        CHECK(out_dir.entries().empty());
    }
}

TEST_CASE("cli: a good run with -o writes the file, its notes, and nothing else") {
    TempDir out_dir;
    const auto output = out_dir.file("cantons.csv");
    const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv", "-o", output});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(out_dir.entries() == std::vector<std::string>{"cantons.csv", "cantons.txt"});
    CHECK(read_text(output) == read_text(tiny("expected-cantons.csv")));
}

TEST_CASE("cli: -o into a missing directory exits 1 and names the path") {
    TempDir out_dir;
    const auto output = out_dir.file("no-such-dir/cantons.csv");
    const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv", "-o", output});
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, "maillage: error: " + output + ": output directory");
    CHECK(out_dir.entries().empty());
}

TEST_CASE("cli: a site outside the territory is a problem") {
    const auto scenario = bad("sites-outside.toml");
    const std::string where = bad("sites-outside.csv") + ": line 3: site \"FS2\"";
    SUBCASE("check reports it and exits 1") {
        const auto r = run({"check", scenario});
        CHECK(r.exit_code == 1);
        CHECK_CONTAINS(r.out, "1 problem(s):\n  " + where);
        CHECK_CONTAINS(r.out, "1 outside every commune");
    }
    SUBCASE("cantons warns and exits 0") {
        const auto r = run({"cantons", scenario, "--format", "csv"});
        CHECK(r.exit_code == 0);
        CHECK_CONTAINS(r.err, "warning: " + where);
        CHECK(r.out == read_text(tiny("expected-cantons.csv"))); // FS2 is not open on 2021-07-01
    }
    SUBCASE("cantons --strict exits 1") {
        const auto r = run({"cantons", scenario, "--strict"});
        CHECK(r.exit_code == 1);
        CHECK_CONTAINS(r.err, "maillage: error: " + where);
        CHECK(r.out.empty());
    }
}

TEST_CASE("cli: an invalid polygon is repaired by default, an error with --strict") {
    const auto scenario = bad("communes-bowtie.toml");
    const auto ok = run({"cantons", scenario, "--format", "csv"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out == read_text(tiny("expected-cantons.csv")));
    const auto checked = run({"check", scenario});
    CHECK(checked.exit_code == 0);
    CHECK_CONTAINS(checked.out, "communes     " + bad("communes-bowtie.geojson"));
    const auto strict = run({"check", "--strict", scenario});
    CHECK(strict.exit_code == 1);
    CHECK_CONTAINS(strict.err, "maillage: error: " + bad("communes-bowtie.geojson") + ": feature 2: invalid polygon");
}

TEST_CASE("cli: a layer without CRS exits 1 and names the layer") {
    TempDir dir;
    const auto shp = dir.file("cantons.shp");
    maillage::test::write_wkt_layer(
        shp, "ESRI Shapefile", "", {"code", "nom"},
        {{{"35001", "Ouest"}, "POLYGON ((350000 6785000,360000 6785000,360000 6795000,350000 6795000,350000 6785000))"},
         {{"35002", "Est"}, "POLYGON ((360000 6785000,370000 6785000,370000 6795000,360000 6795000,360000 6785000))"}});
    // tiny.toml with absolute paths, and the cantons from the shapefile.
    std::string toml = read_text(tiny("tiny.toml"));
    for (const std::string name : {"communes.geojson", "composition.csv", "population.csv", "sites.csv"}) {
        const std::string from = "path = \"" + name + "\"";
        const auto pos = toml.find(from);
        REQUIRE(pos != std::string::npos);
        toml.replace(pos, from.size(), "path = \"" + tiny(name) + "\"");
    }
    const std::string from = "path = \"cantons.geojson\"";
    const auto pos = toml.find(from);
    REQUIRE(pos != std::string::npos);
    SUBCASE("without crs") {
        toml.replace(pos, from.size(), "path = \"" + shp + "\"");
        maillage::test::write_text(dir.file("scenario.toml"), toml);
        const auto r = run({"cantons", dir.file("scenario.toml")});
        CHECK(r.exit_code == 1);
        CHECK_CONTAINS(r.err, "maillage: error: " + shp + ": layer \"cantons\" has no CRS");
    }
    SUBCASE("with crs = \"EPSG:2154\" for the layer") {
        toml.replace(pos, from.size(), "path = \"" + shp + "\"\ncrs = \"EPSG:2154\"");
        maillage::test::write_text(dir.file("scenario.toml"), toml);
        const auto r = run({"cantons", dir.file("scenario.toml"), "--format", "csv"});
        CHECK(r.exit_code == 0);
        CHECK(r.out == read_text(tiny("expected-cantons.csv")));
    }
}

TEST_CASE("cli: a coverage instance above --max-memory stops with the memory it needs, exit 1") {
    const std::string scenario = tiny("tiny.toml");
    for (const std::string cmd : {"plan", "rank"}) {
        CAPTURE(cmd);
        std::vector<std::string> args = {cmd, scenario, "--cantons", "all", "--max-memory", "1M"};
        if (cmd == "plan") args.insert(args.end(), {"--add", "1"});
        const auto r = run(args);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK_CONTAINS(r.err, "maillage: error: the coverage instance needs about");
        CHECK_CONTAINS(r.err, "but 1.00 MiB are allowed");
        CHECK_CONTAINS(r.err, "coarser demand layer");
        // With room, the same command succeeds.
        args[5] = "4G";
        CHECK(run(args).exit_code == 0);
    }
}

TEST_CASE("cli: a count of 0 is refused with the range a planner can use, not a 300-digit bound") {
    for (const auto& args : {std::vector<std::string>{"plan", maillage::test::tiny("tiny.toml"), "--add", "0"},
                             std::vector<std::string>{"rank", maillage::test::tiny("tiny.toml"), "--top", "0"}}) {
        CAPTURE(args[2]);
        const Run r = run(args);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("not in range 1 to") != std::string::npos);
        CHECK(r.err.find("1797693") == std::string::npos);
    }
}
