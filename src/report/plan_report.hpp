#pragma once
/// Renderings of `maillage rank` (candidates per canton) and `maillage plan`
/// (the chosen sites and the situation they give), in table, csv, md or json.

#include "core/date.hpp"
#include "coverage/candidates.hpp"
#include "model/territory.hpp"
#include "optimize/select.hpp"
#include "report/coverage_report.hpp"
#include "report/format.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace maillage {

/// The lines every rank and plan output opens with.
struct PlanHeader {
    std::string travel_model;
    std::uint32_t threshold_min = 30;
    Date as_of;
    std::size_t candidates = 0;
    std::string candidates_from; ///< the candidates layer's path; empty: town halls
    std::uint32_t time_cap_min = 60; ///< times above count as this in mean times
    std::vector<std::string> notes;
};

std::string render_rank(const PlanHeader& header, const Territory& territory, const std::vector<Candidate>& candidates,
                        const std::vector<optimize::GroupRanking>& rankings, Format format);

/// The rules the new sites obeyed, as the plan states them.
struct PlanRules {
    /// Cantons with no open site when the one-per-uncovered-canton quota was asked.
    std::size_t uncovered_cantons = 0;
    /// true: each of them got a new site; false (fewer new sites than
    /// uncovered cantons): the new sites went only to those cantons, at most
    /// one each, where they do most.
    bool every_uncovered_canton = false;
    std::uint32_t max_per_canton = 0; ///< 0: no limit
};

/// What the planner asked, for the title.
struct PlanAsked {
    std::uint32_t add = 0;
    double target_share = 0;
    std::string objective = "coverage";
    std::string solver = "greedy";
};

std::string render_plan(const PlanHeader& header, const PlanAsked& asked, const Territory& territory,
                        const std::vector<Candidate>& candidates, const optimize::Selection& selection,
                        const PlanRules& rules, const SituationView& before, const SituationView& after,
                        Format format);

/// What a rank or plan output came from (travel model, threshold, date,
/// candidates by file name, the solver's status when `selection` is given),
/// one line each: the notes file beside a CSV output.
std::vector<std::string> plan_notes(const PlanHeader& header, const optimize::Selection* selection = nullptr);

} // namespace maillage
