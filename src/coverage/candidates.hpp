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

/// One candidate per eligible commune, at its seat (Commune::seat: town hall,
/// or a point inside it), never from the demand layer: the communes of
/// `cantons` that host no site open at `as_of` (and, if `only_communes` is
/// not empty, whose code is in it: a study restricted to some communes).
/// A commune split between cantons is a candidate for the canton its seat
/// stands in. Sorted by commune code; ids unique.
std::vector<Candidate> candidates_from_communes(const Territory& territory, const std::vector<CantonId>& cantons,
                                                const Date& as_of, const std::vector<std::string>& only_communes = {});

/// The coverage matrix of the candidates against the demand: base times from
/// the evaluation of the existing sites, candidate -> demand pairs within
/// time_cap (2 x threshold, at least 60 min: pairs beyond the threshold count
/// for mean times), groups = cantons. One bounded search per candidate.
/// Only the pairs that can change an objective are kept: those strictly
/// faster than the demand point's nearest existing site (and than the cap),
/// so the instance grows with the demand the candidates could win, not with
/// candidates x demand. The solvers' results are the same as with every
/// pair (the existing sites stay open).
struct InstanceBuild {
    optimize::CoverageInstance instance;
    std::size_t pairs_found = 0; ///< the pairs kept (or that would be)
    bool complete = true;        ///< false: more than max_pairs; `instance` holds no pairs
};
InstanceBuild build_instance(const Territory& territory, const Demand& demand, const Evaluation& existing,
                             const std::vector<Candidate>& candidates, const network::TravelModel& model,
                             std::uint32_t threshold_min, std::size_t max_pairs,
                             network::SnapReport* snaps = nullptr);

/// build_instance with no limit on the pairs.
optimize::CoverageInstance make_instance(const Territory& territory, const Demand& demand,
                                         const Evaluation& existing, const std::vector<Candidate>& candidates,
                                         const network::TravelModel& model, std::uint32_t threshold_min,
                                         network::SnapReport* snaps = nullptr);

} // namespace maillage
