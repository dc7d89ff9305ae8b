#pragma once
/// Candidate sites for new France Services and the coverage instance the
/// optimisers work on.

#include "core/date.hpp"
#include "core/log.hpp"
#include "io/scenario.hpp"
#include "coverage/evaluate.hpp"
#include "model/demand.hpp"
#include "model/territory.hpp"
#include "network/travel_model.hpp"
#include "optimize/instance.hpp"

#include <string>
#include <vector>

namespace maillage {

struct Candidate {
    std::string id;   ///< commune code for generated candidates, layer id otherwise
    std::string name;
    geo::Point xy;
    geo::LonLat lonlat;
    CommuneId commune = kInvalid;
    CantonId canton = kInvalid; ///< canton polygon holding the point
    std::string source;         ///< "town hall", "centroid", or the layer path
};

/// Town halls (or centroids) of the communes of `cantons`, leaving out the
/// communes that host a site open at `as_of`. Sorted by commune code.
std::vector<Candidate> candidates_from_communes(const Territory& territory, const Demand& demand,
                                                const std::vector<CantonId>& cantons, const Date& as_of);

/// Canton polygon holding a point, or kInvalid (Territory::canton_at: lowest
/// index on a shared border, O(log cantons) through the envelope index).
CantonId canton_at(const Territory& territory, const geo::Point& p);

/// The coverage matrix of the candidates against the demand: base times from
/// the evaluation of the existing sites, candidate -> demand pairs within
/// time_cap (2 x threshold, at least 60 min: pairs beyond the threshold count
/// for mean times), groups = cantons. One bounded search per candidate.
optimize::CoverageInstance make_instance(const Territory& territory, const Demand& demand,
                                         const Evaluation& existing, const std::vector<Candidate>& candidates,
                                         const network::TravelModel& model, std::uint32_t threshold_min,
                                         network::SnapReport* snaps = nullptr);

} // namespace maillage

namespace maillage {

/// Candidates from a planner's point layer (already read). Each gets its
/// commune and canton from the polygons; a candidate outside every canton is
/// an InputError naming the feature (a site must serve the territory).
std::vector<Candidate> candidates_from_layer(const Territory& territory, const CandidateSource& source,
                                             const std::string& working_crs, const Logger& log = {});

} // namespace maillage
