// Bad inputs of issue 7 not covered by tests/io/test_bad_input.cpp and
// tests/cli/test_cli.cpp: mixed CRS, lat/lon swapped, a GeoJSON `crs` member,
// Latin-1 text, 0-byte files, directories and unreadable paths where a file
// is expected, an output directory that cannot be written, '.' as thousands
// separator. Each runs the CLI and checks the exit code, that the message
// names the file and the place, and that nothing is written with -o.
// Scenarios are in tests/data/bad/reliability/; each differs from
// tests/data/tiny/tiny.toml by one thing.

#include "../support/fixtures.hpp"

#include "core/text.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;
using maillage::test::write_text;

namespace {

std::string rel(const std::string& name) {
    return maillage::test::source_path("tests/data/bad/reliability/" + name);
}

using Run = maillage::test::CliRun;
using maillage::test::shell_quote;

Run run(const std::vector<std::string>& args) { return maillage::test::run_cli(args); }

// `maillage cantons SCENARIO --format csv -o OUT` into a fresh directory:
// exit 1, the message, and the directory stays empty.
void check_data_error(const std::string& scenario, const std::string& message,
                      const std::vector<std::string>& extra = {}) {
    CAPTURE(scenario);
    TempDir out_dir;
    std::vector<std::string> args = {"cantons", scenario, "--format", "csv", "-o", out_dir.file("cantons.csv")};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK_CONTAINS(r.err, "maillage: error: " + message);
    CHECK(out_dir.entries().empty());
}

// tiny.toml written into `dir` with absolute paths, the sites path replaced.
std::string tiny_scenario_with_sites(const TempDir& dir, const std::string& sites_path) {
    std::string text = read_text(tiny("tiny.toml"));
    const std::string tiny_dir = std::filesystem::path(tiny("tiny.toml")).parent_path().string() + "/";
    for (const std::string name : {"cantons.geojson", "communes.geojson", "composition.csv", "population.csv"}) {
        const std::string from = "path = \"" + name + "\"";
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), "path = \"" + tiny_dir + name + "\"");
    }
    const std::string from = "path = \"sites.csv\"";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), "path = \"" + sites_path + "\"");
    const auto path = dir.file("scenario.toml");
    write_text(path, text);
    return path;
}

bool running_as_root() { return ::geteuid() == 0; }

} // namespace

TEST_CASE("reliability: layers in different CRS are reprojected (communes in WGS84, cantons in Lambert-93)") {
    TempDir out_dir;
    const auto output = out_dir.file("cantons.csv");
    const auto r = run({"cantons", rel("mixed-crs.toml"), "--format", "csv", "-o", output});
    CHECK(r.exit_code == 0);
    CHECK(read_text(output) == read_text(tiny("expected-cantons.csv")));
}

TEST_CASE("reliability: a GeoJSON whose crs member says Lambert-93 is read in Lambert-93") {
    // Same points as the lon/lat of tiny/sites.csv, given in metres: same table.
    TempDir out_dir;
    const auto output = out_dir.file("cantons.csv");
    const auto r = run({"cantons", rel("geojson-crs-l93.toml"), "--format", "csv", "-o", output});
    CHECK(r.exit_code == 0);
    CHECK(read_text(output) == read_text(tiny("expected-cantons.csv")));
    const auto check = run({"check", rel("geojson-crs-l93.toml")});
    CHECK(check.exit_code == 0);
    CHECK_CONTAINS(check.out + check.err, "EPSG:2154");
}

TEST_CASE("reliability: latitude and longitude swapped in a CSV") {
    // (48.12, -1.60) is a valid lon/lat, in the Indian Ocean: the site lies
    // outside every commune, and read the other way round it lies in Beta.
    // check reports it with that hint (exit 1); --strict stops.
    const auto where = rel("sites-swapped.csv") + ": line 2: site \"FS1\"";
    const auto c = run({"check", rel("sites-swapped.toml")});
    CHECK(c.exit_code == 1);
    CHECK_CONTAINS(c.out + c.err, where);
    CHECK_CONTAINS(c.out + c.err, "outside every commune polygon");
    CHECK_CONTAINS(c.out + c.err, "with latitude and longitude swapped it would lie in commune 35002 Beta: "
                                  "are the lon/lat columns swapped?");
    check_data_error(rel("sites-swapped.toml"), where, {"--strict"});
}

TEST_CASE("reliability: metres in the lon/lat columns are outside lon/lat bounds") {
    check_data_error(rel("sites-metres.toml"), rel("sites-metres.csv") +
                                                   ": line 2: coordinates (358000, 6790000) are outside "
                                                   "longitude/latitude bounds");
}

TEST_CASE("reliability: a CSV saved in Latin-1 is refused with the line and the field") {
    // Accents in Latin-1 are not UTF-8: without the check they would reach
    // the JSON/HTML outputs as broken bytes. The message escapes the byte.
    check_data_error(rel("sites-latin1.toml"),
                     rel("sites-latin1.csv") + ": line 2: labellisation_fs \"Espace labellis\\xe9 01/10/2020\" is "
                                               "not UTF-8 text");
}

TEST_CASE("reliability: a population with '.' as thousands separator is refused") {
    check_data_error(rel("population-thousands-dot.toml"),
                     maillage::test::source_path("tests/data/bad/reliability/population-thousands-dot.csv") +
                         ": line 3: population \"5.000\" of commune \"35002\" looks written with '.' as a "
                         "thousands separator (expected digits only, e.g. \"5000\")");
}

TEST_CASE("reliability: 0-byte files") {
    SUBCASE("a layer") { check_data_error(rel("sites-0byte.toml"), rel("sites-0byte.csv") + ": file is empty (0 bytes)"); }
    SUBCASE("a scenario") {
        check_data_error(rel("scenario-0byte.toml"), rel("scenario-0byte.toml") + ": file is empty (0 bytes)");
    }
}

TEST_CASE("reliability: a directory where a file is expected") {
    TempDir dir;
    const auto sites_dir = dir.file("sites.csv");
    std::filesystem::create_directory(sites_dir);
    SUBCASE("a layer") {
        check_data_error(tiny_scenario_with_sites(dir, sites_dir), sites_dir + ": is a directory");
    }
    SUBCASE("the scenario") { check_data_error(sites_dir, sites_dir + ": is a directory"); }
    SUBCASE("the output") {
        const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv", "-o", sites_dir});
        CHECK(r.exit_code == 1);
        CHECK_CONTAINS(r.err, "maillage: error: " + sites_dir + ": is a directory");
        CHECK(std::filesystem::is_empty(sites_dir));
    }
}

TEST_CASE("reliability: a file without read permission") {
    if (running_as_root()) {
        std::printf("[maillage-skip] running as root: every file is readable, permissions cannot be tested\n");
        return;
    }
    TempDir dir;
    const auto sites = dir.file("sites.csv");
    std::filesystem::copy_file(tiny("sites.csv"), sites);
    std::filesystem::permissions(sites, std::filesystem::perms::none);
    SUBCASE("a layer") { check_data_error(tiny_scenario_with_sites(dir, sites), sites + ": permission denied"); }
    SUBCASE("the scenario") {
        const auto scenario = tiny_scenario_with_sites(dir, tiny("sites.csv"));
        std::filesystem::permissions(scenario, std::filesystem::perms::none);
        check_data_error(scenario, scenario + ": cannot open the scenario file");
    }
}

TEST_CASE("reliability: an output directory that cannot be written (/proc, not writable even by root)") {
    const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv", "-o", "/proc/maillage-cantons.csv"});
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, "maillage: error: /proc/maillage-cantons.csv: cannot write in /proc");
    CHECK(!std::filesystem::exists("/proc/maillage-cantons.csv"));
}

TEST_CASE("reliability: an output directory that cannot be written (read-only permissions)") {
    if (running_as_root()) {
        std::printf("[maillage-skip] running as root: a read-only directory is writable by root\n");
        return;
    }
    {
        TempDir out_dir;
        std::filesystem::permissions(out_dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        const auto output = out_dir.file("cantons.csv");
        const auto r = run({"cantons", tiny("tiny.toml"), "--format", "csv", "-o", output});
        std::filesystem::permissions(out_dir.path(), std::filesystem::perms::owner_all);
        CHECK(r.exit_code == 1);
        CHECK_CONTAINS(r.err, "maillage: error: " + output + ": cannot write in " + out_dir.path().string());
        CHECK(out_dir.entries().empty());
    }
}

TEST_CASE("reliability: text helpers behind the checks") {
    using maillage::is_valid_utf8;
    using maillage::looks_like_thousands_separator;
    CHECK(is_valid_utf8("Bécherel, Saint-Aubin-d'Aubigné"));
    CHECK(!is_valid_utf8("B\xe9" "cherel"));
    CHECK(!is_valid_utf8("\xc3"));             // truncated sequence
    CHECK(!is_valid_utf8("\xc0\xaf"));         // overlong '/'
    CHECK(!is_valid_utf8("\xed\xa0\x80"));     // UTF-16 surrogate
    CHECK(is_valid_utf8("\xf0\x9f\x9a\x8c"));  // 4-byte sequence (bus emoji)
    CHECK(maillage::quote("B\xe9" "cherel") == "\"B\\xe9cherel\"");
    CHECK(maillage::quote("Bécherel") == "\"Bécherel\"");
    CHECK(looks_like_thousands_separator("5.000"));
    CHECK(looks_like_thousands_separator(" 1.234.567 "));
    CHECK(!looks_like_thousands_separator("5.5"));
    CHECK(!looks_like_thousands_separator("5000"));
    CHECK(!looks_like_thousands_separator("1234.567"));
    CHECK(!looks_like_thousands_separator("5.0000"));
}
