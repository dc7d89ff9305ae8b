#include "report/plan_setup.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <set>

namespace maillage {

namespace {

std::vector<CantonId> pick_cantons(const Territory& t, const CantonReport& cantons, const std::string& which) {
    std::vector<CantonId> out;
    if (which == "all") {
        for (CantonId k = 0; k < t.cantons.size(); ++k) out.push_back(k);
    } else if (which == "uncovered") {
        for (CantonId k = 0; k < t.cantons.size(); ++k)
            if (!cantons.rows[k].has_site) out.push_back(k);
    } else {
        for (auto code : split(which, ',')) {
            code = trim(code);
            auto it = std::find_if(t.cantons.begin(), t.cantons.end(), [&](const Canton& c) { return c.code == code; });
            if (it == t.cantons.end()) throw UsageError("--cantons: unknown canton code " + quote(code));
            out.push_back(static_cast<CantonId>(it - t.cantons.begin()));
        }
    }
    return out;
}

} // namespace

PlanSetup prepare_plan(Scenario scenario, const std::string& cantons, std::uint32_t threshold_min, const Logger& log) {
    PlanSetup p;
    p.threshold_min = threshold_min ? threshold_min : scenario.coverage.service_threshold_min;
    p.run = prepare_run(std::move(scenario), LoadOptions{}, log);
    log_warnings(log, p.run->load.problems);
    p.now = evaluate_at(*p.run, p.run->scenario.as_of, p.run->scenario.as_of.iso(), log);
    p.cantons = pick_cantons(p.run->territory, p.now->view.cantons, cantons);
    if (p.run->scenario.candidates) {
        auto all = candidates_from_layer(p.run->territory, *p.run->scenario.candidates, p.run->scenario.crs, log);
        std::set<CantonId> wanted(p.cantons.begin(), p.cantons.end());
        for (auto& c : all)
            if (wanted.count(c.canton)) p.candidates.push_back(std::move(c));
    } else {
        p.candidates = candidates_from_communes(p.run->territory, p.run->demand, p.cantons, p.run->scenario.as_of);
    }
    if (p.candidates.empty()) throw InputError("no candidate site in the chosen cantons (" + cantons + ")");
    log.info(std::to_string(p.candidates.size()) + " candidates; coverage sets within " +
             std::to_string(2 * p.threshold_min) + " min");
    network::SnapReport snaps;
    p.instance = make_instance(p.run->territory, p.run->demand, p.now->evaluation, p.candidates, *p.run->travel.model,
                               p.threshold_min, &snaps);
    for (const auto& s : snaps.too_far)
        log.warning(std::string(s.is_site ? "candidate " : "demand ") + s.id + " is " + format_fixed(s.distance_m, 0) +
                    " m from any road: unreachable");
    return p;
}

std::vector<std::uint32_t> cantons_without_site(const PlanSetup& p) {
    std::vector<std::uint32_t> out;
    for (CantonId k = 0; k < p.run->territory.cantons.size(); ++k)
        if (!p.now->view.cantons.rows[k].has_site) out.push_back(k);
    return out;
}

} // namespace maillage
