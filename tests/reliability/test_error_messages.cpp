// Issue 21, item 7: errors that used to name the wrong cause (or no file).
// Each scenario of tests/data/bad/reliability/ differs from tiny.toml by the
// one thing named in its first line; the CLI must stop with exit 1 and a
// message naming the file, the line, key or feature, and the real cause.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "io/scenario.hpp"
#include "io/schedule_reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;
using maillage::test::write_text;

namespace {

std::string rel(const std::string& name) {
    return maillage::test::source_path("tests/data/bad/reliability/" + name);
}

// `maillage COMMAND SCENARIO`: exit 1, `message` after "maillage: error: ".
void check_error(const std::string& command, const std::string& scenario, const std::string& message) {
    CAPTURE(scenario);
    const auto r = maillage::test::run_cli({command, scenario});
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, "maillage: error: " + message);
}

} // namespace

TEST_CASE("error messages: a 2-point ring names the file, the feature and the ring") {
    // Was: "invalid ring (fewer than 4 points or not closed): IllegalArgumentException: ..." with no file.
    check_error("cantons", rel("ring-2-points.toml"),
                rel("cantons-2-point-ring.geojson") +
                    ": feature 1: polygon outer ring has 2 point(s), a ring needs at least 3 distinct corners");
}

TEST_CASE("error messages: schedules = [\"\"] says the path is empty") {
    // Was: ": cannot open the schedule file (permission denied?)".
    check_error("report", rel("schedules-empty-path.toml"),
                rel("schedules-empty-path.toml") +
                    ": line 49: key 'coverage.schedules' holds an empty path (expected a schedule file name)");
}

TEST_CASE("error messages: code_fields = [] says the list is empty") {
    // Was: "duplicate commune code \"\" in the population table".
    check_error("cantons", rel("code-fields-empty.toml"),
                rel("code-fields-empty.toml") + ": line 27: key 'population.code_fields' is empty (expected the field "
                                                "or fields that form the INSEE code");
}

TEST_CASE("error messages: a NUL byte in a CSV is named with its line") {
    // Was: longitude "-1.47" is not a number (GDAL cut the line at the NUL).
    check_error("cantons", rel("sites-nul-byte.toml"), rel("sites-nul-byte.csv") + ": line 3: NUL byte");
}

TEST_CASE("error messages: a short CSV row says how many fields it has") {
    // Was: latitude "" is not a number (or format "" when the format column is missing).
    check_error("cantons", rel("sites-short-row.toml"),
                rel("sites-short-row.csv") + ": line 3: row has 6 fields, expected 7 as in the header");
}

TEST_CASE("error messages: a schedule naming a site in no list says the id is unknown") {
    // Was a note: site "FS9" is not open on 2021-07-01: route not used.
    check_error("report", rel("schedule-unknown-site.toml"),
                maillage::test::source_path("tests/data/bad/schedules/unknown-site-id.toml") +
                    ": line 2: route \"bus-gamma\": key \"site_id\": \"FS9\" is not the id of any site");
    // A site of the list that is not open yet keeps its note, and the run goes on.
    const auto r = maillage::test::run_cli({"report", rel("schedule-closed-site.toml")});
    CHECK(r.exit_code == 0);
    CHECK_CONTAINS(r.out + r.err, "site \"FS2\" is not open on 2021-07-01: route not used");
}

TEST_CASE("error messages: an absurd +proj working CRS is blamed, not the canton") {
    // Was: cantons.geojson: feature 0: invalid polygon (Self-intersection[1e+300 ...]) has no area left after repair.
    check_error("cantons", rel("crs-absurd-proj.toml"),
                tiny("cantons.geojson") + ": feature 0: the working CRS \"+proj=tmerc +x_0=1e300 +units=m\" is not a "
                                          "usable definition for this area");
}

TEST_CASE("error messages: a symbolic link loop is named as such, not \"file not found\"") {
    TempDir dir;
    const auto a = dir.file("a.toml"), b = dir.file("b.toml");
    std::filesystem::create_symlink(b, a);
    std::filesystem::create_symlink(a, b);
    const std::string loop = "too many levels of symbolic links (a symbolic link loop?)";
    SUBCASE("the scenario") {
        // Was: "a.toml: scenario file not found".
        check_error("cantons", a, a + ": " + loop);
    }
    SUBCASE("a schedule") {
        // Was: "a.toml: cannot open the schedule file (permission denied?)".
        const auto msg = maillage::test::message_of<maillage::InputError>([&] { maillage::read_schedule(a); });
        CHECK(msg == a + ": " + loop + ", cannot open the schedule file");
    }
    SUBCASE("a layer") {
        // Was: "sites.csv: file not found".
        std::string text = read_text(tiny("tiny.toml"));
        const std::string tiny_dir = std::filesystem::path(tiny("tiny.toml")).parent_path().string() + "/";
        for (const std::string name : {"cantons.geojson", "communes.geojson", "composition.csv", "population.csv"}) {
            const std::string from = "path = \"" + name + "\"";
            REQUIRE(text.find(from) != std::string::npos);
            text.replace(text.find(from), from.size(), "path = \"" + tiny_dir + name + "\"");
        }
        const auto csv_a = dir.file("sites.csv"), csv_b = dir.file("sites-b.csv");
        std::filesystem::create_symlink(csv_b, csv_a);
        std::filesystem::create_symlink(csv_a, csv_b);
        const auto scenario = dir.file("scenario.toml");
        write_text(scenario, text);
        check_error("cantons", scenario, csv_a + ": " + loop);
    }
}
