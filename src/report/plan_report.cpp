#include "report/plan_report.hpp"

#include "core/text.hpp"
#include "report/table.hpp"

#include <cmath>

namespace maillage {

namespace {

std::string header_text(const PlanHeader& h, bool md) {
    std::string o;
    auto line = [&](const std::string& s) { o += (md ? "> " + markdown_text(s) : s) + "\n"; };
    line("Travel model: " + h.travel_model);
    line("Threshold: " + std::to_string(h.threshold_min) + " min; open sites as of " + h.as_of.iso() +
         "; candidates: " + std::to_string(h.candidates) +
         (!h.candidates_from.empty() ? " from " + h.candidates_from
                                     : std::string(" town halls of communes without an open site")));
    for (const auto& n : h.notes) line(n);
    return o + "\n";
}

} // namespace

std::string render_rank(const PlanHeader& h, const Territory& t, const std::vector<Candidate>& candidates,
                        const std::vector<optimize::GroupRanking>& rankings, const std::string& format) {
    Table table;
    table.columns = {"canton", "canton_name", "rank", "candidate", "name", "newly_within", "mean_time_gain_s",
                     "nearest_for"};
    table.right_align = {false, false, true, false, false, true, true, true};
    for (const auto& ranking : rankings) {
        const CantonId k = ranking.group;
        for (std::size_t r = 0; r < ranking.best.size(); ++r) {
            const auto& s = ranking.best[r];
            const auto& c = candidates[s.candidate];
            table.add_row({t.cantons[k].code, t.cantons[k].name, std::to_string(r + 1), c.id, c.name,
                           std::to_string(std::llround(s.newly_covered)), fixed(s.mean_time_reduction_s, 1),
                           std::to_string(std::llround(s.nearest_population))});
        }
        if (ranking.best.empty())
            table.add_row({t.cantons[k].code, t.cantons[k].name, "", "", "(no candidate)", "", "", ""});
    }
    std::string out;
    if (format == "csv") {
        out = csv_comment("travel model: " + h.travel_model) + render_csv(table);
    } else if (format == "json") {
        out = "{\n  \"travel_model\": " + json_string(h.travel_model) +
              ",\n  \"threshold_min\": " + std::to_string(h.threshold_min) + ",\n  \"candidates\": [\n";
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const auto& row = table.rows[r];
            out += "    {\"canton\": " + json_string(row[0]) + ", \"canton_name\": " + json_string(row[1]) +
                   ", \"rank\": " + (row[2].empty() ? "null" : row[2]) + ", \"candidate\": " + json_string(row[3]) +
                   ", \"name\": " + json_string(row[4]) + ", \"newly_within\": " + (row[5].empty() ? "null" : row[5]) +
                   ", \"mean_time_gain_s\": " + (row[6].empty() ? "null" : row[6]) +
                   ", \"nearest_for\": " + (row[7].empty() ? "null" : row[7]) + "}" +
                   (r + 1 < table.rows.size() ? "," : "") + "\n";
        }
        out += "  ]\n}\n";
    } else {
        const bool md = format == "md";
        const std::string title = "Candidate sites per canton, " + std::to_string(h.threshold_min) + " min threshold";
        out = md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
        out += header_text(h, md);
        table.columns = {"canton", "name", "#", "candidate", "commune / site", "newly ≤" + std::to_string(h.threshold_min) + " min",
                         "mean time gain (s)", "nearest for"};
        out += md ? render_markdown(table) : render_text(table);
        out += "\nnewly within: residents brought within the threshold that no open site reaches;\n"
               "mean time gain: drop of the population-weighted mean time over the territory (times capped at " +
               std::to_string(2 * h.threshold_min) + " min);\nnearest for: residents for whom it would be the nearest site.\n";
    }
    return out;
}

std::string render_plan(const PlanHeader& h, const PlanAsked& o, const Territory& t,
                        const std::vector<Candidate>& candidates, const optimize::Selection& sel,
                        const optimize::Quotas& quotas, const SituationView& before, const SituationView& after,
                        const std::string& format) {
    const bool md = format == "md";
    Table table;
    table.columns = {"order", "candidate", "name", "canton", "gain", "newly_within", "mean_time_gain_s"};
    table.right_align = {true, false, false, false, true, true, true};
    for (std::size_t i = 0; i < sel.sites.size(); ++i) {
        const auto& s = sel.sites[i];
        const auto& c = candidates[s.candidate];
        table.add_row({std::to_string(i + 1), c.id, c.name,
                       c.canton == kInvalid ? "" : t.cantons[c.canton].code + " " + t.cantons[c.canton].name,
                       fixed(s.gain, 1), std::to_string(std::llround(s.covered_added)),
                       fixed(s.mean_time_reduction_s, 1)});
    }
    std::string out;
    if (format == "csv") {
        out = csv_comment("travel model: " + h.travel_model) +
              csv_comment("status: " + std::string(optimize::to_string(sel.status))) + render_csv(table);
    } else if (format == "json") {
        out = "{\n  \"travel_model\": " + json_string(h.travel_model) + ",\n  \"status\": " +
              json_string(optimize::to_string(sel.status)) + ",\n  \"objective\": " + fixed(sel.objective, 3) +
              ",\n  \"bound\": " + fixed(sel.bound, 3) + ",\n  \"nodes\": " + std::to_string(sel.nodes) +
              ",\n  \"greedy_objective\": " + fixed(sel.greedy_objective, 3) + ",\n  \"greedy_gap\": " +
              fixed(sel.greedy_gap, 6) + ",\n  \"covered_before\": " + fixed(sel.summary.covered_before, 0) +
              ",\n  \"covered_after\": " + fixed(sel.summary.covered_after, 0) + ",\n  \"sites\": [\n";
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const auto& row = table.rows[r];
            out += "    {\"order\": " + row[0] + ", \"candidate\": " + json_string(row[1]) + ", \"name\": " +
                   json_string(row[2]) + ", \"canton\": " + json_string(row[3]) + ", \"gain\": " + row[4] +
                   ", \"newly_within\": " + row[5] + ", \"mean_time_gain_s\": " + row[6] + "}" +
                   (r + 1 < table.rows.size() ? "," : "") + "\n";
        }
        out += "  ]\n}\n";
    } else {
        const std::string title = "Plan: " +
                                  (o.target_share > 0 ? "fewest new sites for " + fixed(100 * o.target_share, 1) + " % within "
                                                      : std::to_string(o.add) + " new sites, objective " + o.objective + ", ") +
                                  std::to_string(h.threshold_min) + " min, solver " + o.solver;
        out = md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
        out += header_text(h, md);
        auto item = [&](const std::string& s) { out += (md ? "- " + markdown_text(s) : "  " + s) + "\n"; };
        item(std::string("Status: ") + optimize::to_string(sel.status) + "; objective " + fixed(sel.objective, 1) +
             (o.solver == "exact" ? "; bound " + fixed(sel.bound, 1) + "; nodes " + std::to_string(sel.nodes) +
                                        "; greedy " + fixed(sel.greedy_objective, 1) + " (gap " +
                                        fixed(100 * sel.greedy_gap, 3) + " %)"
                                  : std::string()));
        if (!quotas.required_groups.empty())
            item("Quota: at least one new site in each of the " + std::to_string(quotas.required_groups.size()) +
                 " cantons without a site");
        if (quotas.max_per_group) item("At most " + std::to_string(quotas.max_per_group) + " new sites per canton");
        if (sel.uncoverable_population > 0)
            item("Residents no candidate can bring within the threshold: " +
                 std::to_string(std::llround(sel.uncoverable_population)));
        item("Within " + std::to_string(h.threshold_min) + " min: " + grouped(std::llround(sel.summary.covered_before)) +
             " -> " + grouped(std::llround(sel.summary.covered_after)) + " of " +
             grouped(std::llround(sel.summary.total_population)) + "; mean time (capped) " +
             fixed(sel.summary.mean_time_before_s / 60, 2) + " -> " + fixed(sel.summary.mean_time_after_s / 60, 2) + " min");
        out += md ? "\n## Chosen sites, in order\n\n" : "\nChosen sites, in order (gain: what each adds to those before it)\n";
        out += md ? render_markdown(table) : render_text(table);
        ReportOptions ro;
        ro.format = md ? "md" : "table";
        out += "\n" + render_comparison(before, after, ro);
    }
    return out;
}

} // namespace maillage
