#pragma once
/// Builds the demand points of a scenario: one per commune (town hall or
/// centroid) or the features of a custom point/polygon layer.

#include "core/log.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "model/demand.hpp"
#include "model/territory.hpp"

namespace maillage {

/// Farthest a town hall may lie outside its commune's polygon before it is a
/// problem (metres): town-hall coordinates rounded to 3 decimals (about 100 m)
/// against simplified polygons of another vintage.
inline constexpr double kTownHallToleranceM = 1000;

/// Loads the demand. Population totals are preserved: commune demand carries
/// exactly the communes' populations. Problems (a town hall outside its
/// commune, a demand point outside every commune) go to report.problems
/// (an InputError with options.strict), a town hall missing for a commune to
/// report.notes. Throws InputError naming the file and line on bad values.
Demand load_demand(const Scenario& scenario, const Territory& territory, LoadReport& report,
                   const LoadOptions& options = {}, const Logger& log = {});

} // namespace maillage
