#pragma once
/// The result of `maillage models compare` (crow-fly measured against the
/// scenario's road network; app/models.hpp computes it) and its renderings.

#include "core/date.hpp"
#include "report/format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace maillage {

/// How one crow-fly model (scenario or fitted parameters) departs from the
/// network on the compared points.
struct CrowFlyErrors {
    std::string model;          ///< CrowFlyModel::describe()
    double seconds_per_m = 0;   ///< circuity / speed (m/s)
    /// Weighted RMS of (network time - seconds_per_m x great-circle distance
    /// to the crow-fly nearest site), seconds: the fitted criterion.
    double rms_residual_s = 0;
    /// Relative error (crow-fly time - network time) / network time of the
    /// time to the nearest site, population-weighted lower quantiles, over
    /// the compared points with a network time > 0. nullopt if none.
    std::optional<double> median_relative;     ///< signed: < 0 when crow-fly is faster
    std::optional<double> median_abs_relative; ///< of |relative error|
    std::optional<double> p90_abs_relative;    ///< of |relative error|
    /// Per threshold (ModelComparison::thresholds_min): population within
    /// it by crow-fly only, and by the network only (status changes).
    std::vector<double> within_crow_fly_only;
    std::vector<double> within_network_only;
};

struct ModelComparison {
    std::string scenario;      ///< scenario name
    Date as_of;
    std::string network_model; ///< TravelModel::describe() of the network
    std::vector<std::uint32_t> thresholds_min;
    std::size_t service_points = 0;          ///< open at as_of (offices and bus/itinerant stops)
    std::size_t service_points_off_road = 0; ///< too far from any road: left out of both models
    std::size_t demand_points = 0;
    double population = 0;
    std::size_t compared_points = 0; ///< population > 0, a site in both models
    double compared_population = 0;
    std::size_t network_unreachable = 0; ///< demand points with no site on the network (left out)
    double network_unreachable_population = 0;
    std::size_t zero_network_time = 0; ///< compared points at 0 s (left out of the relative errors)
    double mean_network_time_s = 0;    ///< population-weighted, compared points
    double mean_distance_m = 0;        ///< to the crow-fly nearest site, population-weighted
    double circuity = 1.3;             ///< the scenario's crow-fly circuity ([travel] circuity)
    double fitted_seconds_per_m = 0;
    double fitted_speed_kmh = 0;            ///< at `circuity`
    double fitted_circuity_at_50_kmh = 0;   ///< the same factor as a circuity at 50 km/h
    CrowFlyErrors scenario_crow_fly;
    CrowFlyErrors fitted_crow_fly;
};

/// The measured error of crow-fly with its default parameters (1.3 at
/// 50 km/h) against the Ille-et-Vilaine roads (docs/travel-models.md), as
/// one line for the model note of an output whose model is `model`
/// (TravelModel::describe()); empty for any other model, whose error was
/// not measured.
std::string crow_fly_measured_error_note(const std::string& model);

/// The comparison as a terminal table, CSV, Markdown or JSON. Shares and
/// relative errors in percent with one decimal (JSON: fractions).
std::string render_model_comparison(const ModelComparison& c, Format format);

/// What the comparison came from, one line each: the notes file beside a CSV output.
std::vector<std::string> model_comparison_notes(const ModelComparison& comparison);

} // namespace maillage
