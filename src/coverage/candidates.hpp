#pragma once
/// Candidate sites for new France Services (generated from the communes) and
/// the coverage instance the optimisers work on. Candidates read from a
/// planner's layer: io/candidates_loader.

#include "core/date.hpp"
#include "coverage/evaluate.hpp"
#include "model/candidate.hpp"
#include "model/demand.hpp"
#include "model/territory.hpp"
#include "network/travel_model.hpp"
#include "optimize/instance.hpp"

#include <string>
#include <vector>

namespace maillage {

/// Town halls (or centroids) of the communes of `cantons`, leaving out the
/// communes that host a site open at `as_of`. Sorted by commune code.
std::vector<Candidate> candidates_from_communes(const Territory& territory, const Demand& demand,
                                                const std::vector<CantonId>& cantons, const Date& as_of);

/// The coverage matrix of the candidates against the demand: base times from
/// the evaluation of the existing sites, candidate -> demand pairs within
/// time_cap (2 x threshold, at least 60 min: pairs beyond the threshold count
/// for mean times), groups = cantons. One bounded search per candidate.
optimize::CoverageInstance make_instance(const Territory& territory, const Demand& demand,
                                         const Evaluation& existing, const std::vector<Candidate>& candidates,
                                         const network::TravelModel& model, std::uint32_t threshold_min,
                                         network::SnapReport* snaps = nullptr);

} // namespace maillage
