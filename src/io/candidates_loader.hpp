#pragma once
/// Reader of a planner's candidate layer (the scenario's [candidates]).

#include "core/log.hpp"
#include "io/scenario.hpp"
#include "model/candidate.hpp"
#include "model/territory.hpp"

#include <string>
#include <vector>

namespace maillage {

/// Candidates from a planner's point layer, read into `working_crs`. Each gets
/// its commune and canton from the polygons; a candidate outside every canton
/// is an InputError naming the feature (a site must serve the territory), so
/// are an empty layer, an empty or duplicate id and a feature with no point.
std::vector<Candidate> load_candidates(const Territory& territory, const CandidateSource& source,
                                       const std::string& working_crs, const Logger& log = {});

} // namespace maillage
