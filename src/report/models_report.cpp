#include "report/models_report.hpp"

#include "core/json.hpp"
#include "core/text.hpp"
#include "network/travel_model.hpp"
#include "report/table.hpp"

#include <cmath>

namespace maillage {

namespace {

std::string percent(std::optional<double> fraction) {
    return fraction ? format_fixed(100 * *fraction, 1) : std::string("-");
}

double share(double part, double whole) { return whole > 0 ? part / whole : 0; }

/// One row per measure, one column per crow-fly model.
Table error_table(const ModelComparison& c) {
    Table t;
    t.columns = {"measure", "crow-fly (scenario)", "crow-fly (fitted)"};
    t.right_align = {false, true, true};
    const CrowFlyErrors* m[2] = {&c.scenario_crow_fly, &c.fitted_crow_fly};
    auto row = [&](const std::string& name, auto cell) { t.add_row({name, cell(*m[0]), cell(*m[1])}); };
    row("seconds per km", [](const CrowFlyErrors& e) { return format_fixed(1000 * e.seconds_per_m, 2); });
    row("effective speed (km/h)", [](const CrowFlyErrors& e) { return format_fixed(3.6 / e.seconds_per_m, 1); });
    row("RMS residual (s)", [](const CrowFlyErrors& e) { return format_fixed(e.rms_residual_s, 1); });
    row("median relative error (%)", [](const CrowFlyErrors& e) { return percent(e.median_relative); });
    row("median |relative error| (%)", [](const CrowFlyErrors& e) { return percent(e.median_abs_relative); });
    row("p90 |relative error| (%)", [](const CrowFlyErrors& e) { return percent(e.p90_abs_relative); });
    for (std::size_t i = 0; i < c.thresholds_min.size(); ++i) {
        const std::string t_min = std::to_string(c.thresholds_min[i]);
        row("status changes at " + t_min + " min (%)", [&](const CrowFlyErrors& e) {
            return percent(share(e.within_crow_fly_only[i] + e.within_network_only[i], c.compared_population));
        });
        row("  within " + t_min + " min by crow-fly only (%)",
            [&](const CrowFlyErrors& e) { return percent(share(e.within_crow_fly_only[i], c.compared_population)); });
        row("  within " + t_min + " min by network only (%)",
            [&](const CrowFlyErrors& e) { return percent(share(e.within_network_only[i], c.compared_population)); });
    }
    return t;
}

std::vector<std::string> header_lines(const ModelComparison& c) {
    std::vector<std::string> lines;
    lines.push_back("Crow-fly against the network: " + c.scenario + ", " + c.as_of.iso());
    lines.push_back("Network: " + c.network_model);
    lines.push_back("Service points: " + std::to_string(c.service_points) + " open (" +
                    std::to_string(c.service_points_off_road) + " too far from any road, left out of both models)");
    lines.push_back("Demand points compared: " + std::to_string(c.compared_points) + " of " +
                    std::to_string(c.demand_points) + " (" + format_grouped(std::llround(c.compared_population)) +
                    " of " + format_grouped(std::llround(c.population)) + " residents); " +
                    std::to_string(c.network_unreachable) + " with no site on the network (" +
                    format_grouped(std::llround(c.network_unreachable_population)) + " residents)");
    lines.push_back("Mean network time to the nearest site: " + format_fixed(c.mean_network_time_s / 60, 1) +
                    " min; mean great-circle distance to the crow-fly nearest site: " +
                    format_fixed(c.mean_distance_m / 1000, 2) + " km");
    lines.push_back("Fitted factor (population-weighted least squares through the origin, network time ~ k x "
                    "great-circle distance): k = " +
                    format_fixed(1000 * c.fitted_seconds_per_m, 2) + " s/km, i.e. " +
                    format_fixed(c.fitted_speed_kmh, 1) + " km/h at circuity " + format_fixed(c.circuity, 2) +
                    ", or circuity " + format_fixed(c.fitted_circuity_at_50_kmh, 2) + " at 50 km/h");
    lines.push_back("Relative error = (crow-fly - network) / network time to the nearest site, "
                    "population-weighted; status: within a threshold or not");
    return lines;
}

void json_errors(JsonWriter& w, const ModelComparison& c, const CrowFlyErrors& e) {
    w.begin_object(JsonWriter::Layout::lines);
    w.key("model").string(e.model);
    w.key("seconds_per_m").real(e.seconds_per_m);
    w.key("effective_speed_kmh").real(3.6 / e.seconds_per_m);
    w.key("rms_residual_s").real(e.rms_residual_s);
    auto opt = [&](const char* key, std::optional<double> v) {
        w.key(key);
        if (v)
            w.real(*v);
        else
            w.null();
    };
    opt("median_relative_error", e.median_relative);
    opt("median_abs_relative_error", e.median_abs_relative);
    opt("p90_abs_relative_error", e.p90_abs_relative);
    w.key("status_changes").begin_array(JsonWriter::Layout::lines);
    for (std::size_t i = 0; i < c.thresholds_min.size(); ++i) {
        w.begin_object();
        w.key("threshold_min").integer(c.thresholds_min[i]);
        w.key("share").real(share(e.within_crow_fly_only[i] + e.within_network_only[i], c.compared_population));
        w.key("within_crow_fly_only").real(share(e.within_crow_fly_only[i], c.compared_population));
        w.key("within_network_only").real(share(e.within_network_only[i], c.compared_population));
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

std::string render_json(const ModelComparison& c) {
    JsonWriter w;
    w.begin_object(JsonWriter::Layout::lines);
    w.key("scenario").string(c.scenario);
    w.key("as_of").string(c.as_of.iso());
    w.key("network_model").string(c.network_model);
    w.key("service_points").integer(c.service_points);
    w.key("service_points_off_road").integer(c.service_points_off_road);
    w.key("demand_points").integer(c.demand_points);
    w.key("population").real(c.population);
    w.key("compared_points").integer(c.compared_points);
    w.key("compared_population").real(c.compared_population);
    w.key("network_unreachable_points").integer(c.network_unreachable);
    w.key("network_unreachable_population").real(c.network_unreachable_population);
    w.key("zero_network_time_points").integer(c.zero_network_time);
    w.key("mean_network_time_s").real(c.mean_network_time_s);
    w.key("mean_distance_m").real(c.mean_distance_m);
    w.key("circuity").real(c.circuity);
    w.key("fitted_seconds_per_m").real(c.fitted_seconds_per_m);
    w.key("fitted_speed_kmh").real(c.fitted_speed_kmh);
    w.key("fitted_circuity_at_50_kmh").real(c.fitted_circuity_at_50_kmh);
    w.key("scenario_crow_fly");
    json_errors(w, c, c.scenario_crow_fly);
    w.key("fitted_crow_fly");
    json_errors(w, c, c.fitted_crow_fly);
    w.end_object();
    return w.take() + "\n";
}

} // namespace

std::string crow_fly_measured_error_note(const std::string& model) {
    // Figures of `maillage models compare data/ille-et-vilaine-roads.toml`
    // (2021-07-01), docs/travel-models.md: measured for the defaults only.
    if (model != network::CrowFlyModel{}.describe()) return {};
    return "Crow-fly error measured against the Ille-et-Vilaine roads (2021, maillage models compare, "
           "docs/travel-models.md): time to the nearest site off by 25.5 % (median) and 63.7 % (p90); "
           "status at 20 min differs for 8.9 % of residents";
}

std::string render_model_comparison(const ModelComparison& c, Format format) {
    if (format == Format::json) return render_json(c);
    const Table table = error_table(c);
    std::string out;
    const auto lines = header_lines(c);
    switch (format) {
    case Format::csv:
        return render_csv(table);
    case Format::md:
        for (const auto& l : lines) out += markdown_text(l) + "  \n";
        return out + "\n" + render_markdown(table);
    default:
        for (const auto& l : lines) out += l + "\n";
        return out + "\n" + render_text(table);
    }
}

std::vector<std::string> model_comparison_notes(const ModelComparison& c) { return header_lines(c); }

} // namespace maillage
