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

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <utility>
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

void check_golden(const std::vector<Golden>& cases,
                  const std::function<std::string(std::string)>& normalise = {}) {
    const std::string source = MAILLAGE_SOURCE_DIR;
    for (const Golden& g : cases) {
        CAPTURE(g.name);
        const auto r = maillage::test::run_cli_in(source, g.args);
        CAPTURE(r.err);
        CHECK(r.exit_code == g.exit_code);
        const std::string out = normalise ? normalise(r.out) : r.out;
        const auto path = maillage::test::source_path("tests/golden/" + g.name);
        if (updating()) {
            write_text(path, out);
            continue;
        }
        REQUIRE_MESSAGE(fs::exists(path), "no golden file " << path << " (run with MAILLAGE_UPDATE_GOLDEN=1)");
        const std::string expected = read_text(path);
        // On a difference, show where it starts rather than two long texts.
        if (out != expected) {
            std::size_t i = 0;
            while (i < out.size() && i < expected.size() && out[i] == expected[i]) ++i;
            const std::size_t from = i > 200 ? i - 200 : 0;
            FAIL_CHECK("output differs from " << path << " at byte " << i << "\n--- expected:\n"
                                               << expected.substr(from, 400) << "\n--- got:\n"
                                               << out.substr(from, 400));
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
    for (const std::string cmd : {"cantons", "check", "report", "rank", "plan", "export", "graph", "models"})
        cases.push_back({"help-" + cmd + ".txt", {cmd, "--help"}});
    cases.push_back({"help-graph-build.txt", {"graph", "build", "--help"}});
    cases.push_back({"help-graph-info.txt", {"graph", "info", "--help"}});
    cases.push_back({"help-models-compare.txt", {"models", "compare", "--help"}});
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
    cases.push_back({"report-compare-2024.json", {"report", kScenario, "--compare", "2024-08-01", "--format", "json"}});
    cases.push_back({"report-compare-2024.csv", {"report", kScenario, "--compare", "2024-08-01", "--format", "csv"}});
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
    cases.push_back({"plan-exact-target-share.json", {"plan", kScenario, "--target-share", "0.95", "--threshold",
                                                      "20", "--solver", "exact", "--format", "json"}});
    check_golden(cases);
}

TEST_CASE("golden: check on the real scenario") {
    MAILLAGE_REQUIRE_REAL_DATA();
    check_golden({{"check.txt", {"check", kScenario}}});
}

namespace {

/// FNV-1a, 64 bits: a stable fingerprint of a file (std::hash is not).
std::uint64_t fnv1a(const std::string& bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

/// One line per file of an export folder: name, size, fingerprint. The
/// GeoPackage is left out (SQLite pages and GDAL's timestamps are not
/// byte-stable); its content is tested in tests/io.
std::string folder_manifest(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() != ".gpkg") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) {
        const std::string bytes = read_text(dir / n);
        char line[64];
        std::snprintf(line, sizeof line, " %zu %016llx\n", bytes.size(),
                      static_cast<unsigned long long>(fnv1a(bytes)));
        out += n + line;
    }
    return out;
}

void check_export_golden(const std::string& name, const std::vector<std::string>& args) {
    // A folder of this run's own: two checkouts may run the suite at once.
    const maillage::test::TempDir tmp;
    const auto dir = tmp.path() / "out";
    auto a = args;
    a.insert(a.end(), {"--out", dir.string(), "--no-map"});
    const auto r = maillage::test::run_cli_in(MAILLAGE_SOURCE_DIR, a);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string got = folder_manifest(dir);
    const auto path = maillage::test::source_path("tests/golden/" + name);
    if (updating()) {
        write_text(path, got);
        return;
    }
    REQUIRE_MESSAGE(fs::exists(path), "no golden file " << path << " (run with MAILLAGE_UPDATE_GOLDEN=1)");
    CHECK(got == read_text(path));
}

} // namespace

TEST_CASE("golden: export on the real scenario, crow-fly and roads (every file but the GeoPackage)") {
    MAILLAGE_REQUIRE_REAL_DATA();
    check_export_golden("export-2021.manifest", {"export", kScenario});
    check_export_golden("export-roads-2024.manifest",
                        {"export", "data/ille-et-vilaine-roads.toml", "--as-of", "2024-08-01", "--threshold", "30"});
}

TEST_CASE("golden: graph build and info on a line layer and an OSM extract") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const maillage::test::TempDir tmp;
    const auto& dir = tmp.path();
    const std::string data = maillage::test::real_data_dir().string();
    const std::string monaco = (dir / "monaco.mgraph").string();
    const std::string rennes = (dir / "rennes.mgraph").string();
    // Timings change from run to run and the paths name this machine: the
    // lines "built in" and "load time" are dropped, both folders named.
    const auto normalise = [&](std::string text) {
        std::string out;
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            end = end == std::string::npos ? text.size() : end + 1;
            std::string line = text.substr(start, end - start);
            start = end;
            if (line.rfind("built in ", 0) == 0 || line.rfind("load time: ", 0) == 0) continue;
            for (const auto& [from, to] : {std::pair{data, std::string("DATA")}, std::pair{dir.string(), std::string("TMP")}})
                for (std::size_t at; (at = line.find(from)) != std::string::npos;) line.replace(at, from.size(), to);
            out += line;
        }
        return out;
    };
    check_golden({{"graph-build-monaco.txt", {"graph", "build", data + "/roads/monaco.osm.pbf", "-o", monaco}},
                  {"graph-info-monaco.txt", {"graph", "info", monaco}},
                  {"graph-build-rennes.txt",
                   {"graph", "build", data + "/roads/rennes_2013_osm_streets.geojson", "-o", rennes}},
                  {"graph-info-rennes.txt", {"graph", "info", rennes}}},
                 normalise);
}
