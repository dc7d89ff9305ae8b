// Plain-vector statistics of `models compare`: the weighted least-squares
// factor through the origin and weighted quantiles of real values.

#include "coverage/model_fit.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace maillage;

TEST_CASE("fit_through_origin: exact line, hand-made weighted case, degenerate input") {
    // y = 0.072 x exactly (50 km/h at circuity 1: 3.6 / 50 s/m): any weights give 0.072.
    const std::vector<double> x{1000, 2500, 7000}, y{72, 180, 504}, w{1, 3, 0.5};
    auto k = fit_through_origin(x, y, w);
    REQUIRE(k);
    CHECK(*k == doctest::Approx(0.072).epsilon(1e-12));
    CHECK(*weighted_rms_residual(x, y, w, *k) == doctest::Approx(0).epsilon(1e-9));

    // x = (1, 2), y = (1, 3), w = (2, 1): k = (2*1*1 + 1*2*3) / (2*1 + 1*4) = 8 / 6.
    const std::vector<double> x2{1, 2}, y2{1, 3}, w2{2, 1};
    k = fit_through_origin(x2, y2, w2);
    REQUIRE(k);
    CHECK(*k == doctest::Approx(4.0 / 3.0));
    // Residuals 1 - 4/3 = -1/3 and 3 - 8/3 = 1/3: RMS = sqrt((2/9 + 1/9) / 3) = 1/3.
    CHECK(*weighted_rms_residual(x2, y2, w2, *k) == doctest::Approx(1.0 / 3.0));
    // The fitted k is the minimum of the criterion.
    for (const double other : {1.0, 1.2, 1.3, 1.4, 1.5})
        CHECK(*weighted_rms_residual(x2, y2, w2, other) >= *weighted_rms_residual(x2, y2, w2, *k) - 1e-12);

    // Weights of zero leave a point out; no usable point: nullopt.
    const std::vector<double> w3{0, 1};
    CHECK(*fit_through_origin(x2, y2, w3) == doctest::Approx(1.5));
    const std::vector<double> zero{0, 0};
    CHECK_FALSE(fit_through_origin(zero, y2, w2));
    CHECK_FALSE(fit_through_origin(x2, y2, zero));
    CHECK_FALSE(weighted_rms_residual(x2, y2, zero, 1.0));
}

TEST_CASE("weighted_quantile: equals the brute force on repeated values (seeded)") {
    std::mt19937 rng(20261205);
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 1 + rng() % 12;
        std::vector<double> value(n), weight(n);
        std::vector<double> expanded;
        for (std::size_t i = 0; i < n; ++i) {
            value[i] = static_cast<double>(static_cast<int>(rng() % 21) - 10) / 4; // ties are likely
            weight[i] = static_cast<double>(rng() % 5);                           // zeros too
            for (int r = 0; r < static_cast<int>(weight[i]); ++r) expanded.push_back(value[i]);
        }
        std::sort(expanded.begin(), expanded.end());
        for (const double q : {0.1, 0.25, 0.5, 0.9, 1.0}) {
            const auto got = weighted_quantile(value, weight, q);
            if (expanded.empty()) {
                CHECK_FALSE(got);
                continue;
            }
            const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(expanded.size()) - 1e-9));
            REQUIRE(got);
            CHECK_MESSAGE(*got == expanded[std::max<std::size_t>(rank, 1) - 1], "trial " << trial << " q " << q);
        }
    }
}

TEST_CASE("weighted_quantile: hand-made cases") {
    const std::vector<double> v{0.3, -0.1, 0.2}, w{1, 1, 2};
    // Sorted: -0.1 (1), 0.2 (2), 0.3 (1); W = 4. Median: cum >= 2 at 0.2; p90: cum >= 3.6 at 0.3.
    CHECK(*weighted_quantile(v, w, 0.5) == 0.2);
    CHECK(*weighted_quantile(v, w, 0.9) == 0.3);
    CHECK(*weighted_quantile(v, w, 0.25) == -0.1);
    const std::vector<double> none;
    CHECK_FALSE(weighted_quantile(none, none, 0.5));
}
