// Issue 21, item 4: inputs that gave a silently wrong answer while `check`
// said "no problem", each reproduced on a copy of the real scenario
// data/ille-et-vilaine.toml with one input file edited. `check` must list
// the problem (exit 1), `check --strict` must stop on it, and the other
// commands warn. The unedited copy must stay free of problems, so that none
// of the new checks fires on good data. Skipped without the real data.

#include "../support/fixtures.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using maillage::test::read_text;
using maillage::test::run_cli;
using maillage::test::TempDir;
using maillage::test::write_text;

namespace {

// A copy of data/ille-et-vilaine.toml in a temporary folder, its relative
// paths made absolute, where one input can be replaced by an edited copy.
class RealScenario {
  public:
    RealScenario() {
        m_text = read_text(maillage::test::source_path("data/ille-et-vilaine.toml"));
        replace_all("\"../../shared/data/raw/", "\"" + raw("") );
        replace_all("\"schedules/", "\"" + maillage::test::source_path("data/schedules/"));
        replace_all("\"../out/", "\"" + m_dir.file("out/"));
    }

    /// Absolute path of a file of the real data folder.
    static std::string raw(const std::string& relative) {
        return (maillage::test::real_data_dir() / relative).string();
    }

    /// Replaces the input at `original` (absolute path) with a copy in which
    /// `from` is replaced by `to` (once; `from` must occur); returns the copy's path.
    std::string edit(const std::string& original, const std::string& from, const std::string& to) {
        std::string content = read_text(original);
        const auto at = content.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, original << " has no " << from);
        content.replace(at, from.size(), to);
        const std::string copy = m_dir.file(std::filesystem::path(original).filename().string());
        write_text(copy, content);
        replace_all("\"" + original + "\"", "\"" + copy + "\"");
        return copy;
    }

    /// Removes a table ("[canton_names]") and its keys from the scenario.
    void remove_table(const std::string& header) {
        const auto start = m_text.find("\n" + header + "\n");
        REQUIRE(start != std::string::npos);
        const auto end = m_text.find("\n[", start + 1);
        m_text.erase(start, end == std::string::npos ? std::string::npos : end - start);
    }

    /// Writes the scenario; returns its path.
    std::string write() {
        const std::string path = m_dir.file("scenario.toml");
        write_text(path, m_text);
        return path;
    }

  private:
    void replace_all(const std::string& from, const std::string& to) {
        std::size_t count = 0;
        for (auto at = m_text.find(from); at != std::string::npos; at = m_text.find(from, at + to.size())) {
            m_text.replace(at, from.size(), to);
            ++count;
        }
        REQUIRE_MESSAGE(count > 0, "scenario has no " << from);
    }

    TempDir m_dir;
    std::string m_text;
};

// `check` lists `problem` (exit 1); `check --strict` stops (exit 1,
// "error: ... (strict mode)"), on this problem when it is the `first` found.
void check_reports(const std::string& scenario, const std::string& problem, bool first = true) {
    CAPTURE(problem);
    const auto c = run_cli({"check", scenario});
    CHECK(c.exit_code == 1);
    CHECK_CONTAINS(c.out, "problem(s):\n");
    CHECK_CONTAINS(c.out, problem);
    const auto strict = run_cli({"check", scenario, "--strict"});
    CHECK(strict.exit_code == 1);
    CHECK_CONTAINS(strict.err, "maillage: error: ");
    CHECK_CONTAINS(strict.err, "(strict mode)");
    if (first) CHECK_CONTAINS(strict.err, problem);
}

} // namespace

TEST_CASE("silent wrong results: the unedited copy of the real scenario has no problem") {
    MAILLAGE_REQUIRE_REAL_DATA();
    RealScenario s;
    const auto c = run_cli({"check", s.write()});
    CHECK(c.exit_code == 0);
    CHECK_CONTAINS(c.out, "OK: no problem found.");
}

TEST_CASE("silent wrong results: a town hall outside its commune (Acigné's moved to Marseille)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    RealScenario s;
    const auto halls = s.edit(RealScenario::raw("communes-france/communes-france-2025-dep35.csv"),
                              "35001,Acigné,3513,Liffré,6888,30,48.134,-1.534,",
                              "35001,Acigné,3513,Liffré,6888,30,43.296,5.370,");
    const auto scenario = s.write();
    const std::string problem = halls + ": line 2: town hall of commune \"35001\" Acigné lies ";
    check_reports(scenario, problem);
    const auto c = run_cli({"check", scenario});
    CHECK_CONTAINS(c.out, "km outside the commune's polygon (its 6,834 residents are placed there)");
    const auto r = run_cli({"report", scenario});
    CHECK(r.exit_code == 0);
    CHECK_CONTAINS(r.err, "warning: " + problem);
}

TEST_CASE("silent wrong results: a canton code rewritten into a pseudo-canton code (35098 -> 3598)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    RealScenario s;
    // Rennes-1's polygon gets the code of the pseudo-canton of Rennes: the
    // composition table then puts the whole of Rennes into that one polygon.
    s.edit(RealScenario::raw("cantons/cantons-35-geofla2016-gregoiredavid.geojson"), "\"code\":\"35018\"",
           "\"code\":\"35098\"");
    const std::string rennes = "the composition table puts commune \"35238\" Rennes in canton \"3598\"";
    SUBCASE("with [canton_names], which lists 3598 as not a canton") {
        const auto scenario = s.write();
        check_reports(scenario, "(code \"35098\", rewritten by code_rewrite): canton code \"3598\" is listed in "
                                "[canton_names] ignore_codes");
        check_reports(scenario, rennes, /*first=*/false);
    }
    SUBCASE("without [canton_names]: the polygons disagree with the table") {
        s.remove_table("[canton_names]");
        check_reports(s.write(), rennes);
    }
}

TEST_CASE("silent wrong results: a composition table putting a commune in a canton it does not touch") {
    MAILLAGE_REQUIRE_REAL_DATA();
    RealScenario s;
    // Acigné (canton 3513 Liffré, east of Rennes) filed under 3525 Saint-Malo-1.
    const auto cog = s.edit(RealScenario::raw("cog/insee-cog2022-commune-dep35.csv"),
                            "COM,35001,53,35,35D,353,1,ACIGNE,Acigné,Acigné,3513,",
                            "COM,35001,53,35,35D,353,1,ACIGNE,Acigné,Acigné,3525,");
    check_reports(s.write(), cog + ": line 2: the composition table puts commune \"35001\" Acigné in canton \"3525\" "
                                   "Saint-Malo-1, but 0 % of the commune's area lies in that canton's polygon");
}

TEST_CASE("silent wrong results: a merge table pointing at a commune code that does not exist") {
    MAILLAGE_REQUIRE_REAL_DATA();
    RealScenario s;
    // The chef-lieu row of Saint-Marc-le-Blanc (35292) sent to "99999": its
    // polygon and Baillé's (35011 -> 35292) become a commune 99999, which
    // takes 35292's population, composition row and sites: nothing else
    // looks wrong.
    const auto cog = s.edit(RealScenario::raw("cog/insee-cog2022-commune-dep35.csv"),
                            "COMD,35292,,,,,0,SAINT MARC LE BLANC,Saint-Marc-le-Blanc,Saint-Marc-le-Blanc,,35292",
                            "COMD,35292,,,,,0,SAINT MARC LE BLANC,Saint-Marc-le-Blanc,Saint-Marc-le-Blanc,,99999");
    check_reports(s.write(), cog + ": the merge table merges 35011, 35292 into \"99999\", which has no polygon in ");
}

TEST_CASE("silent wrong results: a schedule stop whose point lies outside the commune it names") {
    MAILLAGE_REQUIRE_REAL_DATA();
    RealScenario s;
    // The Retiers depot stop moved to Rennes town hall, still naming Retiers.
    const auto schedule = s.edit(maillage::test::source_path("data/schedules/bus-roche-aux-fees-hypothesis.toml"),
                                 "lon = -1.37963\nlat = 47.91136", "lon = -1.67944\nlat = 48.11126");
    const auto scenario = s.write();
    const std::string problem = schedule + ": line 70: route \"bus-roche-aux-fees\": stop \"Retiers (dépôt)\": its "
                                           "point (-1.67944, 48.11126) lies in commune 35238 Rennes, not in commune "
                                           "\"35239\" it names";
    const auto c = run_cli({"check", scenario});
    CHECK(c.exit_code == 1);
    CHECK_CONTAINS(c.out, problem);
    const auto strict = run_cli({"check", scenario, "--strict"});
    CHECK(strict.exit_code == 1);
    CHECK_CONTAINS(strict.out, problem);
    const auto r = run_cli({"report", scenario});
    CHECK(r.exit_code == 0);
    CHECK_CONTAINS(r.err, "warning: " + problem);
}
