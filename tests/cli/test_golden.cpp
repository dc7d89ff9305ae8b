// Golden outputs: every command in every format on the real Ille-et-Vilaine
// scenario, and --help of every command, compared byte for byte with the
// files in tests/golden/. A change of output is a reviewed diff of those
// files: run the suite with MAILLAGE_UPDATE_GOLDEN=1 to rewrite them, then
// read `git diff tests/golden` before committing.
//
// Commands run from the source folder with the scenario given as
// data/ille-et-vilaine.toml, as a user following the README would, so the
// outputs hold no machine path. Standard output only: standard error carries
// elapsed times.

#include "../support.hpp"
#include "../support/fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using maillage::test::read_text;
using maillage::test::write_text;

struct Golden {
    std::string name;              ///< tests/golden/<name>
    std::vector<std::string> args; ///< arguments of maillage
    int exit_code = 0;
};

bool updating() {
    const char* v = std::getenv("MAILLAGE_UPDATE_GOLDEN");
    return v && *v && std::string(v) != "0";
}

void check_golden(const std::vector<Golden>& cases) {
    const std::string source = MAILLAGE_SOURCE_DIR;
    for (const Golden& g : cases) {
        CAPTURE(g.name);
        const auto r = maillage::test::run_cli_in(source, g.args);
        CAPTURE(r.err);
        CHECK(r.exit_code == g.exit_code);
        const auto path = maillage::test::source_path("tests/golden/" + g.name);
        if (updating()) {
            write_text(path, r.out);
            continue;
        }
        REQUIRE_MESSAGE(fs::exists(path), "no golden file " << path << " (run with MAILLAGE_UPDATE_GOLDEN=1)");
        const std::string expected = read_text(path);
        // On a difference, show where it starts rather than two long texts.
        if (r.out != expected) {
            std::size_t i = 0;
            while (i < r.out.size() && i < expected.size() && r.out[i] == expected[i]) ++i;
            const std::size_t from = i > 200 ? i - 200 : 0;
            FAIL_CHECK("output differs from " << path << " at byte " << i << "\n--- expected:\n"
                                               << expected.substr(from, 400) << "\n--- got:\n"
                                               << r.out.substr(from, 400));
        }
    }
}

const std::string kScenario = "data/ille-et-vilaine.toml";
const std::vector<std::string> kFormats = {"table", "csv", "md", "json"};

std::vector<Golden> in_every_format(const std::string& stem, const std::vector<std::string>& args) {
    std::vector<Golden> out;
    for (const auto& f : kFormats) {
        auto a = args;
        a.insert(a.end(), {"--format", f});
        out.push_back({stem + "." + f, a});
    }
    return out;
}

} // namespace

TEST_CASE("golden: --help of every command") {
    std::vector<Golden> cases = {{"help.txt", {"--help"}}};
    for (const std::string cmd : {"cantons", "check", "report", "rank", "plan", "export", "graph"})
        cases.push_back({"help-" + cmd + ".txt", {cmd, "--help"}});
    cases.push_back({"help-graph-build.txt", {"graph", "build", "--help"}});
    cases.push_back({"help-graph-info.txt", {"graph", "info", "--help"}});
    check_golden(cases);
}

TEST_CASE("golden: cantons on the real scenario, every format, two dates") {
    MAILLAGE_REQUIRE_REAL_DATA();
    auto cases = in_every_format("cantons-2021", {"cantons", kScenario});
    for (auto& g : in_every_format("cantons-2024", {"cantons", kScenario, "--as-of", "2024-08-01"}))
        cases.push_back(g);
    check_golden(cases);
}

TEST_CASE("golden: report on the real scenario, every format, by canton and by commune, --compare") {
    MAILLAGE_REQUIRE_REAL_DATA();
    auto cases = in_every_format("report-2021", {"report", kScenario});
    for (auto& g : in_every_format("report-by-commune-2024", {"report", kScenario, "--as-of", "2024-08-01", "--by",
                                                              "commune", "--threshold", "20"}))
        cases.push_back(g);
    cases.push_back({"report-compare-2024.table", {"report", kScenario, "--compare", "2024-08-01"}});
    check_golden(cases);
}

TEST_CASE("golden: rank on the real scenario, every format") {
    MAILLAGE_REQUIRE_REAL_DATA();
    auto cases = in_every_format("rank-2021", {"rank", kScenario, "--top", "3"});
    cases.push_back({"rank-all-20min.csv", {"rank", kScenario, "--cantons", "all", "--threshold", "20", "--top",
                                            "2", "--format", "csv"}});
    check_golden(cases);
}

TEST_CASE("golden: plan on the real scenario, every format, greedy and exact, quota") {
    MAILLAGE_REQUIRE_REAL_DATA();
    auto cases = in_every_format("plan-greedy-add3", {"plan", kScenario, "--add", "3", "--threshold", "20"});
    cases.push_back({"plan-exact-quota-add7.table", {"plan", kScenario, "--add", "7", "--quota",
                                                     "one-per-uncovered-canton", "--solver", "exact", "--threshold",
                                                     "20"}});
    cases.push_back({"plan-mean-time-add2.csv", {"plan", kScenario, "--add", "2", "--objective", "mean-time",
                                                 "--format", "csv"}});
    cases.push_back({"plan-target-share.table", {"plan", kScenario, "--target-share", "0.95", "--threshold",
                                                 "20"}});
    check_golden(cases);
}

TEST_CASE("golden: check on the real scenario") {
    MAILLAGE_REQUIRE_REAL_DATA();
    check_golden({{"check.txt", {"check", kScenario}}});
}
