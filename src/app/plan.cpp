#include "app/plan.hpp"

#include "core/error.hpp"
#include "core/memory.hpp"
#include "core/text.hpp"
#include "coverage/canton_rule.hpp"
#include "io/candidates_loader.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace maillage::app {

namespace {

std::vector<CantonId> pick_cantons(const Territory& t, const Date& as_of, const std::string& which) {
    std::vector<CantonId> out;
    if (which == "all") {
        for (CantonId k = 0; k < t.cantons.size(); ++k) out.push_back(k);
    } else if (which == "uncovered") {
        out = cantons_without_site(t, as_of);
    } else {
        for (auto code : split(which, ',')) {
            code = trim(code);
            auto it = std::find_if(t.cantons.begin(), t.cantons.end(), [&](const Canton& c) { return c.code == code; });
            if (it == t.cantons.end()) throw UnknownCanton(std::string(code));
            out.push_back(static_cast<CantonId>(it - t.cantons.begin()));
        }
    }
    return out;
}

} // namespace

std::vector<Candidate> candidates_for(const Run& run, const std::vector<CantonId>& cantons, const Date& as_of,
                                      const Logger& log) {
    std::vector<Candidate> out;
    if (run.scenario.candidates) {
        auto all = load_candidates(run.territory, *run.scenario.candidates, run.scenario.crs, log);
        const std::set<CantonId> wanted(cantons.begin(), cantons.end());
        for (auto& c : all)
            if (wanted.count(c.canton)) out.push_back(std::move(c));
    } else {
        out = candidates_from_communes(run.territory, cantons, as_of,
                                       run.scenario.demand.layer ? std::vector<std::string>{}
                                                                 : run.scenario.demand.communes);
    }
    return out;
}

optimize::CoverageInstance instance_for(const Run& run, const Situation& sit, const std::vector<Candidate>& candidates,
                                        std::uint32_t threshold_min, const MemoryBudget& budget, InstanceSize* size,
                                        const Logger& log) {
    const std::size_t nd = run.demand.points.size();
    const std::size_t held = resident_bytes().value_or(0);
    std::size_t allowed = budget.max_bytes;
    if (allowed == 0) {
        const auto avail = available_bytes();
        allowed = avail ? held + *avail : std::numeric_limits<std::size_t>::max();
    }
    const double fixed = static_cast<double>(held) + kPlanBytesPerDemand * static_cast<double>(nd);
    const double room = static_cast<double>(allowed) - fixed;
    const std::size_t max_pairs = room <= 0 ? 0
                                  : room / budget.bytes_per_pair >= 1e18
                                      ? std::numeric_limits<std::size_t>::max()
                                      : static_cast<std::size_t>(room / budget.bytes_per_pair);
    network::SnapReport snaps;
    auto built = build_instance(run.territory, run.demand, sit.evaluation, candidates, *run.travel.model,
                                threshold_min, max_pairs, &snaps);
    for (const auto& s : snaps.too_far)
        log.warning(std::string(s.is_site ? "candidate " : "demand ") + s.id + " is " + format_fixed(s.distance_m, 0) +
                    " m from any road: unreachable");
    const double estimate = fixed + budget.bytes_per_pair * static_cast<double>(built.pairs_found);
    InstanceSize sz;
    sz.demand = nd;
    sz.candidates = candidates.size();
    sz.pairs = built.pairs_found;
    sz.estimate_bytes = static_cast<std::size_t>(estimate);
    sz.allowed_bytes = allowed;
    if (size) *size = sz;
    log.info("coverage instance: " + group_digits(nd, ",") + " demand points x " +
             group_digits(candidates.size(), ",") + " candidates, " + group_digits(built.pairs_found, ",") +
             " useful pairs; estimated peak " + format_bytes(estimate) + " (" + format_bytes(static_cast<double>(held)) +
             " held before) of " + format_bytes(static_cast<double>(allowed)) + " allowed");
    if (!built.complete)
        throw InstanceTooLarge(
            "the coverage instance needs about " + format_bytes(estimate) + " (" + group_digits(nd, ",") +
            " demand points, " + group_digits(candidates.size(), ",") + " candidates, " +
            group_digits(built.pairs_found, ",") + " candidate -> demand pairs faster than the existing sites within " +
            std::to_string(built.instance.time_cap_s / 60) + " min) but " + format_bytes(static_cast<double>(allowed)) +
            (budget.max_bytes ? " are allowed" : " are available") +
            ". To need less: a lower threshold, fewer candidates (fewer cantons or a smaller candidate layer), "
            "or a coarser demand layer (larger cells)");
    return std::move(built.instance);
}

PlanSetup prepare_plan(Scenario scenario, const std::string& cantons, std::uint32_t threshold_min, const Logger& log,
                       const MemoryBudget& budget) {
    PlanSetup p;
    p.threshold_min = threshold_min ? threshold_min : scenario.coverage.service_threshold_min;
    p.run = prepare_run(std::move(scenario), LoadOptions{}, log);
    log_warnings(log, p.run.load.problems);
    p.now = evaluate_at(p.run, p.run.scenario.as_of, p.run.scenario.as_of.iso(), log);
    p.cantons = pick_cantons(p.run.territory, p.now.as_of, cantons);
    p.candidates = candidates_for(p.run, p.cantons, p.now.as_of, log);
    if (p.candidates.empty()) throw InputError("no candidate site in the chosen cantons (" + cantons + ")");
    log.info(std::to_string(p.candidates.size()) + " candidates; coverage sets within " +
             std::to_string(std::max(2 * p.threshold_min, 60u)) + " min");
    p.instance = instance_for(p.run, p.now, p.candidates, p.threshold_min, budget, &p.size, log);
    return p;
}

std::vector<std::uint32_t> cantons_without_site(const PlanSetup& p) {
    return cantons_without_site(p.run.territory, p.now.as_of);
}

PlanHeader plan_header(const PlanSetup& p) {
    PlanHeader h;
    h.travel_model = p.now.evaluation.model;
    h.threshold_min = p.threshold_min;
    h.as_of = p.run.scenario.as_of;
    h.candidates = p.candidates.size();
    h.time_cap_min = p.instance.time_cap_s / 60;
    if (p.run.scenario.candidates) h.candidates_from = p.run.scenario.candidates->layer.path;
    h.notes.assign(p.now.services.notes.begin(), p.now.services.notes.end());
    return h;
}

std::vector<std::string> candidate_ids(const std::vector<Candidate>& candidates) {
    std::vector<std::string> ids;
    ids.reserve(candidates.size());
    for (const auto& c : candidates) ids.push_back(c.id);
    return ids;
}

std::vector<optimize::GroupRanking> rank(const PlanSetup& p, std::size_t top) {
    return optimize::best_per_group(optimize::rank_candidates(p.instance), p.cantons, candidate_ids(p.candidates), top);
}

PlanResult plan(PlanSetup& p, const PlanRequest& r, const Logger& log) {
    if ((r.add == 0) == (r.target_share <= 0))
        throw UsageError("a plan needs either a number of new sites or a target share, not both");
    PlanResult out;
    out.quotas.max_per_group = r.max_per_canton;
    out.rules.max_per_canton = r.max_per_canton;
    // With fewer new sites than cantons without a site, the quota cannot give
    // each its site: the new sites go to those cantons only, at most one
    // each, where they do most (the solver sees only their candidates).
    const optimize::CoverageInstance* instance = &p.instance;
    optimize::CoverageInstance restricted;
    std::vector<std::uint32_t> kept; // restricted candidate -> setup candidate
    if (r.quota_one_per_uncovered_canton) {
        const std::vector<std::uint32_t> uncovered = cantons_without_site(p);
        out.rules.uncovered_cantons = uncovered.size();
        if (r.add == 0 || r.add >= uncovered.size()) {
            out.rules.every_uncovered_canton = true;
            out.quotas.required_groups = uncovered;
        } else {
            std::vector<std::uint8_t> is_uncovered(p.run.territory.cantons.size(), 0);
            for (std::uint32_t k : uncovered) is_uncovered[k] = 1;
            for (std::uint32_t c = 0; c < p.instance.candidate_count(); ++c) {
                const std::uint32_t g = p.instance.group[c];
                if (g != kInvalid && is_uncovered[g]) kept.push_back(c);
            }
            restricted = optimize::keep_candidates(p.instance, kept);
            instance = &restricted;
            out.quotas.max_per_group = 1;
            log.info("quota: " + std::to_string(r.add) + " new sites for " + std::to_string(uncovered.size()) +
                     " cantons without a site: at most one in each, " + std::to_string(kept.size()) + " candidates");
        }
    }
    optimize::ExactOptions eo;
    eo.logger = &log;
    auto& sel = out.selection;
    if (r.target_share > 0) {
        sel = r.exact ? optimize::exact_min_sites(*instance, r.target_share, out.quotas, eo)
                      : optimize::greedy_min_sites(*instance, r.target_share, out.quotas);
    } else if (r.exact) {
        if (r.objective != optimize::Objective::coverage)
            throw UsageError("the exact solver maximises coverage only (the greedy one also minimises the mean time)");
        sel = optimize::exact_max_coverage(*instance, r.add, out.quotas, eo);
    } else {
        sel = optimize::greedy_select(*instance, r.objective, r.add, out.quotas);
    }
    if (!kept.empty())
        for (auto& s : sel.sites) s.candidate = kept[s.candidate];

    // After: the chosen candidates become fixed sites (hours unknown).
    ServiceSet services = p.now.services;
    std::vector<Site> added;
    for (const auto& chosen : sel.sites) {
        const auto& c = p.candidates[chosen.candidate];
        // The new site as the canton rule counts it: in its commune's
        // cantons (strictly, in the canton polygon holding its point).
        Site site;
        site.id = "new:" + c.id;
        site.name = "NEW " + c.name;
        site.commune_code = c.commune != kInvalid ? p.run.territory.communes[c.commune].code : "";
        site.format = SiteFormat::fixed;
        site.labelled = p.now.as_of;
        site.xy = c.xy;
        site.lonlat = c.lonlat;
        site.commune = c.commune;
        site.point_commune = c.commune;
        site.strict_canton = c.canton;
        ServicePoint sp;
        sp.id = "new:" + c.id;
        sp.name = "NEW " + c.name;
        sp.commune_code = site.commune_code; // in the territory: listed as its own in the comparison
        added.push_back(std::move(site));
        sp.xy = c.xy;
        sp.lonlat = c.lonlat;
        services.points.push_back(sp);
    }
    if (!sel.sites.empty())
        services.notes.add("new sites without opening hours",
                           "new sites: opening hours unknown (not counted in weekly hours)");
    out.after = reevaluate(p.run, p.now, std::move(services), "with the new sites", added);
    p.now.label = "open on " + p.run.scenario.as_of.iso();
    return out;
}

} // namespace maillage::app
