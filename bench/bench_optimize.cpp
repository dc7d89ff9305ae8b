// Benchmark of site selection (issue 5) on synthetic instances: greedy and
// exact solve times (median of several runs), the greedy's gap, and the
// instance written out for the PuLP + CBC comparison
// (scripts/pulp_max_coverage.py). Driven by scripts/bench-optimize.
//
//   bench_optimize --instance dept|dept-quota|medium|large [--runs N] [--seed S]
//                  [--k K] [--threshold S] [--node-limit N] [--write FILE]
//                  [--no-min-exact]
//
// Instances (crow-fly distance x 1.35 at 60 km/h; populations log-normal):
//   dept        100 x 80 km, 333 communes (candidates), 10 demand points each
//               (3,330), a city of 220,000, 27 cantons, 14 existing sites,
//               threshold 20 min, k = 10.
//   dept-quota  the same with one new site in each canton without a site and
//               at most 2 per canton, k = required cantons + 5.
//   medium      200 x 200 km, 2,000 candidates, 20,000 demand points, k = 40.
//   large       400 x 400 km, 10,000 candidates, 100,000 demand points,
//               threshold 15 min (about 24 candidates per demand point),
//               k = 100.
//
// Or the real instance of a scenario (the library path `maillage plan`
// takes: app/plan.hpp), all its communes as demand points and the
// town halls of the communes of all cantons that host no open site as
// candidates, open sites at the scenario's date fixed:
//   bench_optimize --scenario data/ille-et-vilaine.toml --threshold-min 20 --k 5
//                  [--quota one-per-uncovered-canton] [--runs N] [--write FILE]
// Loading and building the instance is reported (generate_ms), not timed
// with the solvers.
// exact_ms is the whole exact_max_coverage; exact_optimum_ms the same with
// ExactOptions::settle_ties off (the search's optimum, zero-gain sites not
// settled by mean-time gain).
// Output: one "key value" per line (the script parses them).

#include "core/csr.hpp"
#include "core/error.hpp"
#include "io/scenario.hpp"
#include "optimize/select.hpp"
#include "app/plan.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace maillage;
using namespace maillage::optimize;

namespace {

struct Point {
    double x, y;
};

struct Rng {
    std::mt19937_64 g;
    explicit Rng(std::uint64_t seed) : g(seed) {}
    double u01() { return static_cast<double>(g() >> 11) * 0x1.0p-53; }
    double normal() {
        const double a = std::max(u01(), 1e-300), b = u01();
        return std::sqrt(-2 * std::log(a)) * std::cos(6.283185307179586 * b);
    }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(u01() * n) % n; }
};

constexpr double kSecondsPerMetre = 1.35 / (60.0 / 3.6); // detour 1.35 at 60 km/h

std::uint32_t time_s(Point a, Point b) {
    return static_cast<std::uint32_t>(std::hypot(a.x - b.x, a.y - b.y) * kSecondsPerMetre + 0.5);
}

/// Uniform grid of point indices for radius queries.
struct Grid {
    double cell;
    std::uint32_t nx, ny;
    std::vector<std::uint32_t> first, items;
    Grid(const std::vector<Point>& pts, double width, double height, double cell_m) : cell(cell_m) {
        nx = static_cast<std::uint32_t>(width / cell) + 1;
        ny = static_cast<std::uint32_t>(height / cell) + 1;
        std::vector<std::uint32_t> cell_of(pts.size());
        for (std::size_t i = 0; i < pts.size(); ++i) cell_of[i] = index(pts[i]);
        csr::IdRows by_cell = csr::group_by_row(cell_of, std::size_t{nx} * ny);
        first = std::move(by_cell.first);
        items = std::move(by_cell.id);
    }
    std::uint32_t cx(double x) const {
        return std::min(nx - 1, static_cast<std::uint32_t>(std::max(0.0, x) / cell));
    }
    std::uint32_t cy(double y) const {
        return std::min(ny - 1, static_cast<std::uint32_t>(std::max(0.0, y) / cell));
    }
    std::uint32_t index(Point p) const { return cy(p.y) * nx + cx(p.x); }
    /// Calls f(i) for every point within `r` metres' cells (caller filters).
    template <class F> void near(Point p, double r, F&& f) const {
        for (std::uint32_t y = cy(p.y - r); y <= cy(p.y + r); ++y)
            for (std::uint32_t x = cx(p.x - r); x <= cx(p.x + r); ++x)
                for (std::uint32_t j = first[y * nx + x]; j < first[y * nx + x + 1]; ++j) f(items[j]);
    }
};

struct Built {
    CoverageInstance in;
    Quotas quotas;
    std::uint32_t k = 0;
    std::string name;
};

/// Shared part: coverage lists and base times from points.
void fill_coverage(Built& b, const std::vector<Point>& demand, const std::vector<Point>& cand,
                   const std::vector<Point>& existing, double width, double height) {
    CoverageInstance& in = b.in;
    const double reach_m = in.time_cap_s / kSecondsPerMetre;
    Grid dgrid(demand, width, height, reach_m);
    in.cover_first.assign(1, 0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> list;
    for (const Point& c : cand) {
        list.clear();
        dgrid.near(c, reach_m, [&](std::uint32_t d) {
            const std::uint32_t t = time_s(c, demand[d]);
            if (t <= in.time_cap_s) list.emplace_back(d, t);
        });
        std::sort(list.begin(), list.end());
        for (auto [d, t] : list) {
            in.cover_demand.push_back(d);
            in.cover_time_s.push_back(t);
        }
        in.cover_first.push_back(static_cast<std::uint32_t>(in.cover_demand.size()));
    }
    in.base_time_s.assign(demand.size(), kNoTime);
    Grid egrid(existing, width, height, reach_m);
    for (std::uint32_t d = 0; d < demand.size(); ++d)
        egrid.near(demand[d], reach_m, [&](std::uint32_t e) {
            const std::uint32_t t = time_s(demand[d], existing[e]);
            if (t <= in.time_cap_s) in.base_time_s[d] = std::min(in.base_time_s[d], t);
        });
}

Built build_dept(std::uint64_t seed, bool quota, std::uint32_t threshold_s) {
    Rng rng(seed);
    const double width = 100'000, height = 80'000;
    const std::uint32_t communes = 333, per_commune = 10, cantons = 27, existing_count = 14;
    std::vector<Point> town(communes);
    std::vector<double> pop(communes);
    for (std::uint32_t i = 0; i < communes; ++i) {
        town[i] = {rng.u01() * width, rng.u01() * height};
        pop[i] = std::round(std::exp(7.0 + 1.1 * rng.normal()));
    }
    town[0] = {width / 2, height / 2};
    pop[0] = 220'000;
    Built b;
    b.in.threshold_s = threshold_s;
    b.in.time_cap_s = threshold_s * 2;
    std::vector<Point> demand;
    for (std::uint32_t i = 0; i < communes; ++i)
        for (std::uint32_t j = 0; j < per_commune; ++j) {
            const double r = 2500 * std::sqrt(rng.u01()), a = 6.283185307179586 * rng.u01();
            demand.push_back({std::clamp(town[i].x + r * std::cos(a), 0.0, width),
                              std::clamp(town[i].y + r * std::sin(a), 0.0, height)});
            // Whole residents per point, summing to the commune's population.
            const double part = std::floor(pop[i] / per_commune);
            b.in.weight.push_back(part + (j < pop[i] - part * per_commune ? 1.0 : 0.0));
        }
    // Cantons: the communes nearest each of 27 seats.
    std::vector<std::uint32_t> seat(cantons);
    for (std::uint32_t g = 0; g < cantons; ++g) seat[g] = (g * communes) / cantons;
    b.in.group.resize(communes);
    b.in.group_count = cantons;
    for (std::uint32_t i = 0; i < communes; ++i) {
        std::uint32_t best = 0;
        for (std::uint32_t g = 1; g < cantons; ++g)
            if (std::hypot(town[i].x - town[seat[g]].x, town[i].y - town[seat[g]].y) <
                std::hypot(town[i].x - town[seat[best]].x, town[i].y - town[seat[best]].y))
                best = g;
        b.in.group[i] = best;
    }
    std::vector<Point> existing;
    std::vector<std::uint8_t> canton_has(cantons, 0), is_site(communes, 0);
    while (existing.size() < existing_count) {
        const std::uint32_t i = rng.below(communes);
        if (is_site[i]) continue;
        is_site[i] = 1;
        canton_has[b.in.group[i]] = 1;
        existing.push_back(town[i]);
    }
    fill_coverage(b, demand, town, existing, width, height);
    b.k = 10;
    b.name = quota ? "dept-quota" : "dept";
    if (quota) {
        for (std::uint32_t g = 0; g < cantons; ++g)
            if (!canton_has[g]) b.quotas.required_groups.push_back(g);
        b.quotas.max_per_group = 2;
        b.k = static_cast<std::uint32_t>(b.quotas.required_groups.size()) + 5;
    }
    return b;
}

Built build_uniform(std::uint64_t seed, const std::string& name, double side_m, std::uint32_t nc,
                    std::uint32_t nd, std::uint32_t existing_count, std::uint32_t threshold_s,
                    std::uint32_t k) {
    Rng rng(seed);
    Built b;
    b.name = name;
    b.in.threshold_s = threshold_s;
    b.in.time_cap_s = threshold_s * 3 / 2;
    std::vector<Point> demand(nd), cand(nc), existing(existing_count);
    for (auto& p : demand) p = {rng.u01() * side_m, rng.u01() * side_m};
    for (std::uint32_t d = 0; d < nd; ++d) b.in.weight.push_back(std::round(std::exp(3.0 + rng.normal())));
    for (auto& p : cand) p = {rng.u01() * side_m, rng.u01() * side_m};
    for (auto& p : existing) p = {rng.u01() * side_m, rng.u01() * side_m};
    // Groups: 20 km squares.
    const std::uint32_t per_side = static_cast<std::uint32_t>(side_m / 20'000);
    b.in.group_count = per_side * per_side;
    for (const Point& p : cand)
        b.in.group.push_back(std::min(per_side - 1, static_cast<std::uint32_t>(p.y / 20'000)) * per_side +
                             std::min(per_side - 1, static_cast<std::uint32_t>(p.x / 20'000)));
    fill_coverage(b, demand, cand, existing, side_m, side_m);
    b.k = k;
    return b;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <class F> double time_ms(int runs, F&& f) {
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    return median(ms);
}

void write_instance(const Built& b, const std::string& path) {
    // Pairs within the threshold only: all the max-coverage model needs.
    const CoverageInstance& in = b.in;
    std::ofstream out(path);
    out.precision(17);
    out << "maillage-maxcov 1\n";
    out << "candidates " << in.candidate_count() << " demand " << in.demand_count() << " k " << b.k
        << " cap " << b.quotas.max_per_group << " threshold " << in.threshold_s << " groups "
        << in.group_count << "\n";
    out << "required " << b.quotas.required_groups.size();
    for (auto g : b.quotas.required_groups) out << ' ' << g;
    out << "\ngroup";
    for (auto g : in.group) out << ' ' << (g == kInvalid ? -1 : static_cast<long>(g));
    out << "\nweight";
    for (double w : in.weight) out << ' ' << w;
    out << "\nbase";
    for (auto t : in.base_time_s) out << ' ' << (t == kNoTime ? -1 : static_cast<long>(t));
    out << "\n";
    for (std::uint32_t c = 0; c < in.candidate_count(); ++c) {
        std::vector<std::uint32_t> ds;
        for (std::uint32_t p = in.cover_first[c]; p < in.cover_first[c + 1]; ++p)
            if (in.cover_time_s[p] <= in.threshold_s) ds.push_back(in.cover_demand[p]);
        out << "cover " << ds.size();
        for (auto d : ds) out << ' ' << d;
        out << "\n";
    }
    if (!out) {
        std::fprintf(stderr, "bench_optimize: cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

int run(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::string instance = "dept", write_path, scenario_path, quota;
    long threshold_min = 0;
    int runs = 5;
    std::uint64_t seed = 1;
    long k_arg = -1, threshold_arg = -1;
    ExactOptions exact;
    bool min_exact = true, verbose = false;
    // --verbose: the solver's debug messages, stamped with the time since start.
    const auto start = std::chrono::steady_clock::now();
    Logger logger([&start](LogLevel, std::string_view m) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "[%9.2f ms] %.*s\n", ms, static_cast<int>(m.size()), m.data());
    });
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        std::string value; // the last value read, for the message of a bad number
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_optimize: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            value = argv[++i];
            return value;
        };
        try {
            if (a == "--instance") instance = next();
            else if (a == "--runs") runs = std::stoi(next());
            else if (a == "--seed") seed = std::stoull(next());
            else if (a == "--k") k_arg = std::stol(next());
            else if (a == "--threshold") threshold_arg = std::stol(next());
            else if (a == "--node-limit") exact.node_limit = std::stoull(next());
            else if (a == "--write") write_path = next();
            else if (a == "--scenario") scenario_path = next();
            else if (a == "--threshold-min") threshold_min = std::stol(next());
            else if (a == "--quota") quota = next();
            else if (a == "--no-min-exact") min_exact = false;
            else if (a == "--root-iterations") exact.root_iterations = static_cast<std::uint32_t>(std::stoul(next()));
            else if (a == "--node-iterations") exact.node_iterations = static_cast<std::uint32_t>(std::stoul(next()));
            else if (a == "--verbose") verbose = true;
            else {
                std::fprintf(stderr,
                             "usage: bench_optimize --instance dept|dept-quota|medium|large [--runs N] "
                             "[--seed S] [--k K] [--threshold S] [--node-limit N] [--write FILE] [--no-min-exact]\n"
                             "       bench_optimize --scenario FILE --threshold-min M --k K "
                             "[--quota one-per-uncovered-canton] [--runs N] [--write FILE]\n");
                return 2;
            }
        } catch (const std::logic_error&) { // std::stoi and friends: invalid_argument, out_of_range
            std::fprintf(stderr, "bench_optimize: %s: \"%s\" is not a valid number\n", a.c_str(), value.c_str());
            return 2;
        }
    }
    if (verbose) exact.logger = &logger;
    Built b;
    const auto t0 = std::chrono::steady_clock::now();
    if (!scenario_path.empty()) {
        if (!quota.empty() && quota != "one-per-uncovered-canton") {
            std::fprintf(stderr, "bench_optimize: unknown --quota %s\n", quota.c_str());
            return 2;
        }
        const app::PlanSetup setup = app::prepare_plan(load_scenario(scenario_path), "all",
                                             static_cast<std::uint32_t>(std::max(0L, threshold_min)));
        b.in = setup.instance;
        if (!quota.empty()) b.quotas.required_groups = cantons_without_site(setup);
        b.k = 5;
        b.name = "scenario";
        std::printf("scenario %s\nas_of %s\nthreshold_min %u\n", scenario_path.c_str(),
                    setup.run.scenario.as_of.iso().c_str(), setup.threshold_min);
    } else if (instance == "dept" || instance == "dept-quota")
        b = build_dept(seed, instance == "dept-quota",
                       threshold_arg > 0 ? static_cast<std::uint32_t>(threshold_arg) : 1200);
    else if (instance == "medium")
        b = build_uniform(seed, instance, 200'000, 2'000, 20'000, 60,
                          threshold_arg > 0 ? static_cast<std::uint32_t>(threshold_arg) : 900, 40);
    else if (instance == "large")
        b = build_uniform(seed, instance, 400'000, 10'000, 100'000, 300,
                          threshold_arg > 0 ? static_cast<std::uint32_t>(threshold_arg) : 900, 100);
    else {
        std::fprintf(stderr, "bench_optimize: unknown instance %s\n", instance.c_str());
        return 2;
    }
    if (k_arg >= 0) b.k = static_cast<std::uint32_t>(k_arg);
    const double build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const CoverageInstance& in = b.in;

    std::printf("instance %s\nseed %llu\ncandidates %u\ndemand %u\npairs %zu\n", b.name.c_str(),
                static_cast<unsigned long long>(seed), in.candidate_count(), in.demand_count(),
                in.cover_demand.size());
    std::printf("threshold_s %u\nk %u\nrequired_groups %zu\nmax_per_group %u\nruns %d\n",
                in.threshold_s, b.k, b.quotas.required_groups.size(), b.quotas.max_per_group, runs);
    std::printf("generate_ms %.1f\n", build_ms);
    if (!write_path.empty()) write_instance(b, write_path);

    const double rank_ms = time_ms(runs, [&] { (void)rank_candidates(in); });
    std::printf("rank_ms %.3f\n", rank_ms);

    Selection g, e, p, gm, em;
    const double greedy_ms = time_ms(runs, [&] { g = greedy_select(in, Objective::coverage, b.k, b.quotas); });
    std::printf("covered_before %.1f\ntotal_population %.1f\n", g.summary.covered_before,
                g.summary.total_population);
    std::printf("greedy_ms %.3f\ngreedy_objective %.6f\n", greedy_ms, g.objective);
    const double exact_ms = time_ms(runs, [&] { e = exact_max_coverage(in, b.k, b.quotas, exact); });
    std::printf("exact_ms %.3f\nexact_status %s\nexact_objective %.6f\nexact_bound %.6f\n"
                "exact_nodes %llu\ngreedy_gap %.6g\n",
                exact_ms, to_string(e.status), e.objective, e.bound,
                static_cast<unsigned long long>(e.nodes), e.greedy_gap);
    auto print_sites = [](const char* key, const Selection& sel) {
        std::printf("%s", key);
        for (const ChosenSite& site : sel.sites) std::printf(" %u", site.candidate);
        std::printf("\n");
    };
    print_sites("greedy_sites", g);
    print_sites("exact_sites", e);
    // The search alone: the same optimum before the sites that add no
    // coverage are settled by mean-time gain (work the PuLP model does not do).
    ExactOptions search_only = exact;
    search_only.settle_ties = false;
    Selection eo;
    const double optimum_ms = time_ms(runs, [&] { eo = exact_max_coverage(in, b.k, b.quotas, search_only); });
    std::printf("exact_optimum_ms %.3f\nexact_optimum_status %s\nexact_optimum_objective %.6f\n",
                optimum_ms, to_string(eo.status), eo.objective);
    const double pmedian_ms = time_ms(runs, [&] { p = greedy_select(in, Objective::mean_time, b.k, b.quotas); });
    std::printf("pmedian_greedy_ms %.3f\nmean_time_before_s %.1f\nmean_time_after_s %.1f\n", pmedian_ms,
                p.summary.mean_time_before_s, p.summary.mean_time_after_s);
    const double share = 0.99;
    const double gmin_ms = time_ms(runs, [&] { gm = greedy_min_sites(in, share, b.quotas); });
    std::printf("min_sites_share %.2f\nmin_sites_greedy_ms %.3f\nmin_sites_greedy %s %.0f\n", share,
                gmin_ms, to_string(gm.status), gm.objective);
    if (min_exact && gm.uncoverable_demand.empty()) {
        const double emin_ms = time_ms(runs, [&] { em = exact_min_sites(in, share, b.quotas, exact); });
        std::printf("min_sites_exact_ms %.3f\nmin_sites_exact %s %.0f\nmin_sites_bound %.0f\n"
                    "min_sites_nodes %llu\n",
                    emin_ms, to_string(em.status), em.objective, em.bound,
                    static_cast<unsigned long long>(em.nodes));
        print_sites("min_sites_exact_sites", em);
    }
    print_sites("min_sites_greedy_sites", gm);
    print_sites("pmedian_greedy_sites", p);
    return 0;
}

} // namespace

// Errors end the run with a message and the exit codes of the CLI
// (src/cli/main.cpp): 2 for a usage error (an infeasible quota or k, as
// `maillage plan` says), 1 for a data or runtime error; never an uncaught
// exception (abort, exit 134).
int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "bench_optimize: usage error: %s\n", e.what());
        return 2;
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_optimize: error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_optimize: internal error: %s\n", e.what());
        return 1;
    }
}
