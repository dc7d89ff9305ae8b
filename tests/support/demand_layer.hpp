#pragma once
// A scenario whose demand is a CSV layer of points (id, lon, lat,
// population), as a population grid or an IRIS layer would be given.

#include "io/scenario.hpp"

#include <string>
#include <utility>

namespace maillage::test {

inline Scenario with_demand_csv(Scenario scenario, const std::string& csv) {
    geo::LayerSpec spec;
    spec.path = csv;
    spec.x_field = "lon";
    spec.y_field = "lat";
    scenario.demand.layer = std::move(spec);
    scenario.demand.id_field = "id";
    scenario.demand.population_field = "population";
    return scenario;
}

} // namespace maillage::test
