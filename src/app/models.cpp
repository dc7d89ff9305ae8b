#include "app/models.hpp"

#include "core/error.hpp"
#include "coverage/model_fit.hpp"
#include "coverage/services.hpp"
#include "geo/transform.hpp"
#include "network/travel_model.hpp"

#include <algorithm>
#include <cmath>

namespace maillage::app {

namespace {

/// What every CrowFlyErrors is computed from: the compared points.
struct Compared {
    std::vector<double> population;
    std::vector<double> distance_m;      ///< to the crow-fly nearest site
    std::vector<double> network_time_s;
    std::vector<std::uint32_t> demand;   ///< index into Run::demand
};

CrowFlyErrors measure(const network::CrowFlyModel& model, const std::vector<network::Place>& sites,
                      const std::vector<network::Place>& demand_places, const Compared& c,
                      const std::vector<std::uint32_t>& thresholds_min) {
    CrowFlyErrors e;
    e.model = model.describe();
    e.seconds_per_m = model.options().circuity / (model.options().speed_kmh / 3.6);
    e.rms_residual_s = weighted_rms_residual(c.distance_m, c.network_time_s, c.population, e.seconds_per_m).value_or(0);
    const auto nearest = model.nearest(sites, demand_places);
    std::vector<double> rel, abs_rel, weight;
    e.within_crow_fly_only.assign(thresholds_min.size(), 0);
    e.within_network_only.assign(thresholds_min.size(), 0);
    for (std::size_t k = 0; k < c.demand.size(); ++k) {
        const double cf = nearest.time_s[c.demand[k]];
        const double net = c.network_time_s[k];
        if (net > 0) {
            rel.push_back((cf - net) / net);
            abs_rel.push_back(std::abs(rel.back()));
            weight.push_back(c.population[k]);
        }
        for (std::size_t t = 0; t < thresholds_min.size(); ++t) {
            const double limit = 60.0 * thresholds_min[t];
            const bool in_cf = cf <= limit, in_net = net <= limit;
            if (in_cf && !in_net) e.within_crow_fly_only[t] += c.population[k];
            if (in_net && !in_cf) e.within_network_only[t] += c.population[k];
        }
    }
    e.median_relative = weighted_quantile(rel, weight, 0.5);
    e.median_abs_relative = weighted_quantile(abs_rel, weight, 0.5);
    e.p90_abs_relative = weighted_quantile(abs_rel, weight, 0.9);
    return e;
}

} // namespace

std::string models_compare_usage_problem(const Scenario& scenario) {
    if (scenario.travel.model == "network") return {};
    return "models compare measures crow-fly against a road network, but " + scenario.path +
           " uses the " + scenario.travel.model +
           " model ([travel] model); give a scenario whose [travel] model is \"network\", e.g. data/rennes-streets.toml";
}

ModelComparison compare_models(const Run& run, const Date& as_of, const Logger& log) {
    if (auto problem = models_compare_usage_problem(run.scenario); !problem.empty()) throw UsageError(problem);
    ModelComparison out;
    out.scenario = run.scenario.name;
    out.as_of = as_of;
    out.network_model = run.travel.model->describe();
    out.thresholds_min = run.scenario.coverage.thresholds_min;
    out.circuity = run.scenario.travel.circuity;

    const auto services = build_services(run.territory, run.schedules, as_of, run.scenario.crs);
    std::vector<network::Place> sites;
    for (const auto& p : services.points) sites.push_back(network::Place{p.xy, p.lonlat, p.id});
    std::vector<network::Place> demand_places;
    for (const auto& d : run.demand.points) demand_places.push_back(network::Place{d.xy, d.lonlat, d.id});
    out.service_points = sites.size();
    out.demand_points = demand_places.size();
    if (sites.empty()) throw InputError("no service point is open on " + as_of.iso() + ": nothing to compare");

    log.info("network: nearest of " + std::to_string(sites.size()) + " service points for " +
             std::to_string(demand_places.size()) + " demand points");
    network::SnapReport snaps;
    const auto net = run.travel.model->nearest(sites, demand_places, &snaps);
    // A site the network cannot reach is left out of crow-fly too, so both
    // models choose among the same sites.
    std::vector<network::Place> cf_sites;
    for (const auto& s : sites) {
        const bool off = std::any_of(snaps.too_far.begin(), snaps.too_far.end(),
                                     [&](const network::SnapIssue& i) { return i.is_site && i.id == s.id; });
        if (off)
            ++out.service_points_off_road;
        else
            cf_sites.push_back(s);
    }
    if (cf_sites.empty()) throw InputError("no open service point lies on the network: nothing to compare");

    const network::CrowFlyModel scenario_model(
        network::CrowFlyOptions{run.scenario.travel.circuity, run.scenario.travel.speed_kmh});
    const auto cf = scenario_model.nearest(cf_sites, demand_places);

    Compared c;
    double time_sum = 0, distance_sum = 0;
    for (std::uint32_t i = 0; i < run.demand.points.size(); ++i) {
        const double pop = run.demand.points[i].population;
        out.population += pop;
        if (net.site[i] == kInvalid || net.time_s[i] == network::kUnreachable) {
            ++out.network_unreachable;
            out.network_unreachable_population += pop;
            continue;
        }
        if (!(pop > 0) || cf.site[i] == kInvalid) continue;
        const double d = geo::great_circle_m(run.demand.points[i].lonlat, cf_sites[cf.site[i]].lonlat);
        c.population.push_back(pop);
        c.distance_m.push_back(d);
        c.network_time_s.push_back(net.time_s[i]);
        c.demand.push_back(i);
        out.compared_population += pop;
        time_sum += pop * net.time_s[i];
        distance_sum += pop * d;
        if (net.time_s[i] == 0) ++out.zero_network_time;
    }
    out.compared_points = c.demand.size();
    const auto k = fit_through_origin(c.distance_m, c.network_time_s, c.population);
    if (!k || !(*k > 0))
        throw InputError("no demand point reaches a site at a positive distance in both models: nothing to fit");
    out.mean_network_time_s = time_sum / out.compared_population;
    out.mean_distance_m = distance_sum / out.compared_population;
    out.fitted_seconds_per_m = *k;
    out.fitted_speed_kmh = out.circuity / *k * 3.6;
    out.fitted_circuity_at_50_kmh = *k * 50 / 3.6;
    log.info("fitted crow-fly factor: " + std::to_string(*k) + " s/m");

    out.scenario_crow_fly = measure(scenario_model, cf_sites, demand_places, c, out.thresholds_min);
    // CrowFlyModel takes circuity >= 1; the fitted factor is carried by the speed.
    const network::CrowFlyModel fitted_model(network::CrowFlyOptions{out.circuity, out.fitted_speed_kmh});
    out.fitted_crow_fly = measure(fitted_model, cf_sites, demand_places, c, out.thresholds_min);
    return out;
}

} // namespace maillage::app
