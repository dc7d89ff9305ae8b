#pragma once
/// Plain-vector statistics for measuring one travel model against another:
/// a weighted least-squares factor through the origin, and weighted
/// quantiles of real values (e.g. relative errors of crow-fly times against
/// network times).

#include <optional>
#include <span>

namespace maillage {

/// The factor k minimising sum w_i (y_i - k x_i)^2 (weighted least squares
/// through the origin): k = sum w x y / sum w x^2. nullopt when sum w x^2 is
/// 0 (no point with both a weight and an x). Weights must be >= 0. O(n).
std::optional<double> fit_through_origin(std::span<const double> x, std::span<const double> y,
                                         std::span<const double> weight);

/// sqrt(sum w_i (y_i - k x_i)^2 / sum w_i): the weighted root-mean-square
/// residual of y ~ k x, in the unit of y. nullopt when sum w is 0. O(n).
std::optional<double> weighted_rms_residual(std::span<const double> x, std::span<const double> y,
                                            std::span<const double> weight, double k);

/// Lower weighted quantile of real values, the convention of
/// coverage/metrics.hpp: the smallest value v such that the weight of the
/// values <= v is at least q x the total weight, for q in (0, 1]. Always one
/// of the input values; with integer weights, element ceil(q x W) (1-based)
/// of the sorted list where each value is repeated weight times. Zero
/// weights are ignored. nullopt if the total weight is 0. O(n log n).
std::optional<double> weighted_quantile(std::span<const double> value, std::span<const double> weight, double q);

} // namespace maillage
