// Issue 21, item 9: bench_optimize aborted (uncaught exception, exit 134)
// on an infeasible quota, where `maillage plan` answers with a usage error.
// It now reports every error with a message and the CLI's exit codes.

#include "../support/fixtures.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

#ifdef MAILLAGE_BENCH_OPTIMIZE
maillage::test::CliRun bench(const std::vector<std::string>& args) {
    return maillage::test::run_program(MAILLAGE_BENCH_OPTIMIZE, args);
}
#endif

} // namespace

TEST_CASE("bench_optimize: an infeasible quota is a usage error, not an abort") {
#ifndef MAILLAGE_BENCH_OPTIMIZE
    std::printf("[maillage-skip] bench_optimize not built (MAILLAGE_BUILD_BENCH=OFF)\n");
#else
    // dept-quota asks for one new site in each canton without a site; k = 1
    // cannot satisfy that (the instance has several such cantons).
    const auto r = bench({"--instance", "dept-quota", "--k", "1", "--runs", "1"});
    CHECK(r.exit_code == 2);
    CHECK_CONTAINS(r.err, "bench_optimize: usage error: quota: ");
#endif
}

TEST_CASE("bench_optimize: a bad number in an option is a usage error, not an abort") {
#ifndef MAILLAGE_BENCH_OPTIMIZE
    std::printf("[maillage-skip] bench_optimize not built (MAILLAGE_BUILD_BENCH=OFF)\n");
#else
    const auto r = bench({"--instance", "dept", "--runs", "many"});
    CHECK(r.exit_code == 2);
    CHECK_CONTAINS(r.err, "bench_optimize: --runs: \"many\" is not a valid number");
    CHECK(r.out.empty());
#endif
}

TEST_CASE("bench_optimize: the real scenario with more uncovered cantons than new sites") {
#ifndef MAILLAGE_BENCH_OPTIMIZE
    std::printf("[maillage-skip] bench_optimize not built (MAILLAGE_BUILD_BENCH=OFF)\n");
#else
    MAILLAGE_REQUIRE_REAL_DATA();
    // 7 cantons had no site on 2021-07-01; the bench chooses k = 5.
    const auto r = bench({"--scenario", maillage::test::source_path("data/ille-et-vilaine.toml"), "--threshold-min",
                          "20", "--quota", "one-per-uncovered-canton", "--runs", "1"});
    CHECK(r.exit_code == 2);
    CHECK_CONTAINS(r.err, "bench_optimize: usage error: quota: ");
#endif
}
