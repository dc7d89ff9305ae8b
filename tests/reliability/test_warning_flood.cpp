// Issue 21, item 8: one warning per demand point outside every commune gave
// 45,301 lines of stderr for a million points. Every repeated kind of
// problem or note is shown as its first kShownPerKind messages and a count;
// `check --verbose` lists them all.

#include "../support/fixtures.hpp"

#include "core/findings.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using maillage::test::read_text;
using maillage::test::run_cli;
using maillage::test::TempDir;
using maillage::test::tiny;
using maillage::test::write_text;

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

// tiny.toml with absolute paths and a demand layer of `inside` points in
// commune Alpha and `outside` points west of the territory.
std::string tiny_with_demand(const TempDir& dir, int inside, int outside) {
    std::string text = read_text(tiny("tiny.toml"));
    const std::string tiny_dir = maillage::test::source_path("tests/data/tiny/");
    for (auto at = text.find("path = \""); at != std::string::npos; at = text.find("path = \"", at + 1))
        text.insert(at + 8, tiny_dir);
    std::string csv = "id,pop,lon,lat\n";
    for (int i = 0; i < inside; ++i) csv += "in" + std::to_string(i) + ",10,-1.66,48.12\n";
    for (int i = 0; i < outside; ++i)
        csv += "out" + std::to_string(i) + ",10,-3.0," + std::to_string(48.0 + 0.001 * i) + "\n";
    write_text(dir.file("demand.csv"), csv);
    text += "\n[demand.layer]\npath = \"" + dir.file("demand.csv") +
            "\"\nid_field = \"id\"\npopulation_field = \"pop\"\nlon_field = \"lon\"\nlat_field = \"lat\"\n";
    const auto path = dir.file("scenario.toml");
    write_text(path, text);
    return path;
}

} // namespace

TEST_CASE("warning flood: abridged keeps the first messages of each kind and counts the rest") {
    maillage::Findings f;
    for (int i = 0; i < 12; ++i) {
        f.add("point outside", "point " + std::to_string(i));
        if (i < 2) f.add("bad hours", "hours " + std::to_string(i));
    }
    const auto all = maillage::abridged(f, 0);
    CHECK(all.size() == 14);
    CHECK(all == f.messages());
    const auto shown = maillage::abridged(f, 5, " (hint)");
    const std::vector<std::string> expected = {"point 0", "hours 0", "point 1", "hours 1", "point 2", "point 3",
                                               "point 4", "... and 7 more of the kind: point outside (hint)"};
    CHECK(shown == expected);
    maillage::Findings many;
    for (int i = 0; i < 45301; ++i) many.add("k", "m");
    CHECK(maillage::abridged(many, 5).back() == "... and 45,296 more of the kind: k");
}

TEST_CASE("warning flood: check and report show 5 demand points outside every commune and a count") {
    TempDir dir;
    const auto scenario = tiny_with_demand(dir, 3, 47);
    const std::string outside = "lies outside every commune: counted in the territory total only";
    const std::string more = "... and 42 more of the kind: demand point outside every commune (all of them with --verbose)";

    const auto c = run_cli({"check", scenario});
    CHECK(c.exit_code == 1);
    CHECK_CONTAINS(c.out, "47 problem(s):\n");
    CHECK(count_of(c.out, outside) == 5);
    CHECK_CONTAINS(c.out, more);

    const auto all = run_cli({"check", scenario, "--verbose"});
    CHECK(all.exit_code == 1);
    CHECK(count_of(all.out, outside) == 47);
    CHECK(count_of(all.out, "... and ") == 0);

    const auto r = run_cli({"report", scenario});
    CHECK(r.exit_code == 0);
    CHECK(count_of(r.err, outside) == 5);
    CHECK_CONTAINS(r.err, more);
}
