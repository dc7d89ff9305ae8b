// Determinism: the demo's outputs are byte-identical across two runs of the
// binary (no dependence on addresses, hash order, time or locale). There is
// no thread-count option yet (every command runs on one thread), so "across
// thread counts" has nothing to vary; when one is added, run both commands
// with 1 and N threads here too.

#include "../support/fixtures.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <vector>

using maillage::test::read_text;
using maillage::test::TempDir;

namespace {

// Runs maillage with `args` and -o into a fresh directory; returns the file.
std::string output_of(const std::vector<std::string>& args) {
    TempDir dir;
    const auto out = dir.file("out");
    std::string cmd = "'" MAILLAGE_BINARY "' -q";
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " -o '" + out + "' </dev/null";
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    return read_text(out);
}

} // namespace

TEST_CASE("determinism: report --format json and cantons --format csv are byte-identical across runs") {
    MAILLAGE_REQUIRE_REAL_DATA();
    const auto scenario = (maillage::test::source_dir() / "data" / "ille-et-vilaine.toml").string();
    for (const auto& args : {std::vector<std::string>{"report", scenario, "--format", "json"},
                                                std::vector<std::string>{"cantons", scenario, "--format", "csv"}}) {
        CAPTURE(args[0]);
        const auto first = output_of(args);
        const auto second = output_of(args);
        REQUIRE(!first.empty());
        CHECK(first == second);
    }
}
