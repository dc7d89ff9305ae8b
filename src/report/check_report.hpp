#pragma once
/// The text of `maillage check`: layers read, counts, joins, notes and
/// problems of a loaded scenario.

#include "core/findings.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "model/demand.hpp"
#include "model/schedule.hpp"
#include "model/territory.hpp"

#include <string>
#include <vector>

namespace maillage {

/// What the check report reads; pointers to what the caller owns.
struct CheckView {
    const Scenario* scenario = nullptr;
    std::string scenario_path; ///< as the user gave it
    const LoadReport* load = nullptr;
    const Territory* territory = nullptr;
    const Demand* demand = nullptr;
    const std::vector<Schedule>* schedules = nullptr;
    std::string travel_model;                        ///< TravelModel::describe()
    const std::vector<std::string>* travel_notes = nullptr;
    const Findings* service_notes = nullptr;
    const Findings* problems = nullptr;
};

/// Of each kind of note or problem, the first `per_kind` and a count of the
/// rest (0: all of them).
std::string render_check(const CheckView& check, std::size_t per_kind);

} // namespace maillage
