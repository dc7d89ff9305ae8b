#include "coverage/model_fit.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <vector>

namespace maillage {

std::optional<double> fit_through_origin(std::span<const double> x, std::span<const double> y,
                                         std::span<const double> weight) {
    assert(x.size() == y.size() && x.size() == weight.size());
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += weight[i] * x[i] * y[i];
        sxx += weight[i] * x[i] * x[i];
    }
    if (!(sxx > 0)) return std::nullopt;
    return sxy / sxx;
}

std::optional<double> weighted_rms_residual(std::span<const double> x, std::span<const double> y,
                                            std::span<const double> weight, double k) {
    assert(x.size() == y.size() && x.size() == weight.size());
    double sum = 0, total = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double r = y[i] - k * x[i];
        sum += weight[i] * r * r;
        total += weight[i];
    }
    if (!(total > 0)) return std::nullopt;
    return std::sqrt(sum / total);
}

std::optional<double> weighted_quantile(std::span<const double> value, std::span<const double> weight, double q) {
    assert(value.size() == weight.size());
    assert(q > 0 && q <= 1);
    std::vector<std::size_t> order;
    double total = 0;
    for (std::size_t i = 0; i < value.size(); ++i)
        if (weight[i] > 0) {
            order.push_back(i);
            total += weight[i];
        }
    if (order.empty()) return std::nullopt;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value[a] < value[b]; });
    const double target = q * total;
    double cum = 0;
    for (const auto i : order) {
        cum += weight[i];
        // A relative tolerance: q x W computed in floating point may land a
        // hair above an exact cumulative sum of integer weights.
        if (cum >= target * (1 - 1e-12)) return value[i];
    }
    return value[order.back()];
}

} // namespace maillage
