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

/// Places every commune's seat (Commune::seat): its town hall when the
/// scenario names a town-hall layer ([demand.town_halls], read even with a
/// demand layer: generated candidates stand at the seats), else its centroid,
/// or a point on its surface when the centroid lies outside. Problems (a
/// town hall outside its commune) go to report.problems, a commune without
/// a town hall to report.notes. Throws InputError naming the file and line.
void place_commune_seats(const Scenario& scenario, Territory& territory, LoadReport& report,
                         const LoadOptions& options = {}, const Logger& log = {});

/// Loads the demand (commune demand stands at the seats: call
/// place_commune_seats first). Population totals are preserved: commune demand carries
/// exactly the communes' populations. Problems (a town hall outside its
/// commune, a demand point outside every commune) go to report.problems
/// (an InputError with options.strict), a town hall missing for a commune to
/// report.notes. Throws InputError naming the file and line on bad values.
Demand load_demand(const Scenario& scenario, const Territory& territory, LoadReport& report,
                   const LoadOptions& options = {}, const Logger& log = {});

} // namespace maillage
