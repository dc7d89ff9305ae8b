#pragma once
/// Who reaches a France Services within how long: the coverage of every
/// demand point, aggregated per canton, per commune and for the territory.

#include "coverage/metrics.hpp"
#include "coverage/services.hpp"
#include "model/demand.hpp"
#include "model/territory.hpp"
#include "network/travel_model.hpp"

#include <string>
#include <vector>

namespace maillage {

/// Result for one demand point.
struct PointCoverage {
    std::uint32_t nearest = kInvalid;        ///< nearest service point of any kind
    std::uint32_t time_s = network::kUnreachable;    ///< time to it
    std::uint32_t nearest_fixed = kInvalid;  ///< nearest office (fixed or multi-site)
    std::uint32_t fixed_time_s = network::kUnreachable;
    std::uint32_t nearest_mobile = kInvalid; ///< nearest bus/itinerant stop
    std::uint32_t mobile_time_s = network::kUnreachable;
    int minutes_per_week = 0;  ///< service hours reachable within the service threshold (union)
    int longest_wait_min = 0;  ///< longest wait for the next opening among them
    bool meets_rule = false;   ///< minutes_per_week >= required hours
    bool hours_unknown = false; ///< a service within the threshold has unknown hours
};

struct CoverageParams {
    std::vector<std::uint32_t> thresholds_min{20, 30, 45};
    std::uint32_t service_threshold_min = 30;
    double required_hours = 24;
};

struct Evaluation {
    std::string model; ///< TravelModel::describe()
    CoverageParams params;
    std::vector<PointCoverage> points;
    /// Groups: cantons (index = CantonId; a split commune's residents are
    /// shared by area), plus one last group for points outside every commune.
    CoverageMetrics by_canton;
    ServiceSummary service_by_canton;
    /// Groups: communes (index = CommuneId), plus one last group for outside points.
    CoverageMetrics by_commune;
    ServiceSummary service_by_commune;
    network::SnapReport snaps;
};

/// "fixed" when an office (fixed or multi-site) is within threshold_min,
/// else "mobile_only" when a bus or itinerant stop is, else "none".
const char* access_category(const PointCoverage& point, std::uint32_t threshold_min);

/// Evaluates coverage: two multi-source searches (offices, mobile stops) and
/// one bounded search per service point for the weekly hours. Never prints.
Evaluation evaluate(const Territory& territory, const Demand& demand, const ServiceSet& services,
                    const network::TravelModel& model, const CoverageParams& params);

} // namespace maillage
