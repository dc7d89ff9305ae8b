#include "report/plan_report.hpp"

#include "core/json.hpp"
#include "core/text.hpp"
#include "report/table.hpp"

#include <cmath>
#include <filesystem>

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
                        const std::vector<optimize::GroupRanking>& rankings, Format format) {
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
                           std::to_string(std::llround(s.newly_covered)), format_fixed(s.mean_time_reduction_s, 1),
                           std::to_string(std::llround(s.nearest_population))});
        }
        if (ranking.best.empty())
            table.add_row({t.cantons[k].code, t.cantons[k].name, "", "", "(no candidate)", "", "", ""});
    }
    std::string out;
    if (format == Format::csv) {
        out = render_csv(table);
    } else if (format == Format::json) {
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("travel_model").string(h.travel_model);
        w.key("threshold_min").integer(h.threshold_min);
        w.key("candidates").begin_array(JsonWriter::Layout::lines);
        // Numbers from the table's cells; an empty cell ("no candidate") is null.
        auto number_or_null = [&](const char* key, const std::string& cell) {
            w.key(key);
            if (cell.empty()) w.null();
            else w.number(cell);
        };
        for (const auto& row : table.rows) {
            w.begin_object().key("canton").string(row[0]).key("canton_name").string(row[1]);
            number_or_null("rank", row[2]);
            w.key("candidate").string(row[3]).key("name").string(row[4]);
            number_or_null("newly_within", row[5]);
            number_or_null("mean_time_gain_s", row[6]);
            number_or_null("nearest_for", row[7]);
            w.end_object();
        }
        w.end_array().end_object();
        out = w.take() + "\n";
    } else {
        const bool md = format == Format::md;
        const std::string title = "Candidate sites per canton, " + std::to_string(h.threshold_min) + " min threshold";
        out = md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
        out += header_text(h, md);
        table.columns = {"canton", "name", "#", "candidate", "commune / site", "newly ≤" + std::to_string(h.threshold_min) + " min",
                         "mean time gain (s)", "nearest for"};
        out += md ? render_markdown(table) : render_text(table);
        out += "\nnewly within: residents brought within the threshold that no open site reaches;\n"
               "mean time gain: drop of the population-weighted mean time over the territory (times capped at " +
               std::to_string(h.time_cap_min) + " min);\nnearest for: residents for whom it would be the nearest site.\n";
    }
    return out;
}

std::string render_plan(const PlanHeader& h, const PlanAsked& o, const Territory& t,
                        const std::vector<Candidate>& candidates, const optimize::Selection& sel,
                        const PlanRules& rules, const SituationView& before, const SituationView& after,
                        Format format) {
    const bool md = format == Format::md;
    const bool by_coverage = o.target_share > 0 || o.objective != "mean-time";
    Table table;
    table.columns = {"order", "candidate", "name", "canton", "newly_within", "mean_time_gain_s", "chosen_by",
                     "canton_mean_time_before_min", "canton_mean_time_after_min"};
    table.right_align = {true, false, false, false, true, true, false, true, true};
    std::size_t canton_picks = 0;
    for (std::size_t i = 0; i < sel.sites.size(); ++i) {
        const auto& s = sel.sites[i];
        const auto& c = candidates[s.candidate];
        const bool by_canton = s.chosen_by == optimize::PickRule::group_time;
        canton_picks += by_canton;
        table.add_row({std::to_string(i + 1), c.id, c.name,
                       c.canton == kInvalid ? "" : t.cantons[c.canton].code + " " + t.cantons[c.canton].name,
                       std::to_string(std::llround(s.covered_added)), format_fixed(s.mean_time_reduction_s, 1),
                       optimize::to_string(s.chosen_by), by_canton ? format_fixed(s.group_mean_time_before_s / 60, 1) : "",
                       by_canton ? format_fixed(s.group_mean_time_after_s / 60, 1) : ""});
    }
    const std::string thr = std::to_string(h.threshold_min) + " min";
    // The objective with its unit.
    auto objective_text = [&](double v) {
        if (o.target_share > 0) return std::to_string(std::llround(v)) + " new sites";
        if (!by_coverage)
            return "mean time " + format_fixed(v / 60, 2) + " min (" + format_fixed(v, 1) + " s; times capped at " +
                   std::to_string(h.time_cap_min) + " min)";
        return "+" + format_grouped(std::llround(v)) + " residents within " + thr;
    };
    std::string out;
    if (format == Format::csv) {
        out = render_csv(table);
    } else if (format == Format::json) {
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("travel_model").string(h.travel_model);
        w.key("status").string(optimize::to_string(sel.status));
        w.key("objective_unit").string(o.target_share > 0 ? "sites" : by_coverage ? "residents" : "s");
        w.key("objective").fixed(sel.objective, 3);
        w.key("bound").fixed(sel.bound, 3);
        w.key("nodes").integer(sel.nodes);
        w.key("greedy_objective").fixed(sel.greedy_objective, 3);
        w.key("greedy_gap").fixed(sel.greedy_gap, 6);
        w.key("covered_before").fixed(sel.summary.covered_before, 0);
        w.key("covered_after").fixed(sel.summary.covered_after, 0);
        w.key("reachable").fixed(sel.reachable_population, 0);
        w.key("sites_without_gain").integer(sel.sites_without_gain);
        w.key("sites").begin_array(JsonWriter::Layout::lines);
        for (const auto& row : table.rows) {
            w.begin_object().key("order").number(row[0]).key("candidate").string(row[1]);
            w.key("name").string(row[2]).key("canton").string(row[3]);
            w.key("newly_within").number(row[4]).key("mean_time_gain_s").number(row[5]);
            w.key("chosen_by").string(row[6]);
            w.key("canton_mean_time_before_min");
            if (row[7].empty()) w.null();
            else w.number(row[7]);
            w.key("canton_mean_time_after_min");
            if (row[8].empty()) w.null();
            else w.number(row[8]);
            w.end_object();
        }
        w.end_array().end_object();
        out = w.take() + "\n";
    } else {
        const std::string title = "Plan: " +
                                  (o.target_share > 0 ? "fewest new sites for " + format_fixed(100 * o.target_share, 1) + " % within "
                                                      : std::to_string(o.add) + " new sites, objective " + o.objective + ", ") +
                                  std::to_string(h.threshold_min) + " min, solver " + o.solver;
        out = md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
        out += header_text(h, md);
        auto item = [&](const std::string& s) { out += (md ? "- " + markdown_text(s) : "  " + s) + "\n"; };
        std::string status = std::string("Status: ") + optimize::to_string(sel.status) + "; objective: " +
                             objective_text(sel.objective);
        if (o.solver == "exact") {
            status += sel.bound == sel.objective ? "; bound: the same" : "; bound: " + objective_text(sel.bound);
            status += "; " + std::to_string(sel.nodes) + (sel.nodes == 1 ? " node" : " nodes");
            item(status);
            item("Greedy on the same problem: " + objective_text(sel.greedy_objective) + " (gap " +
                 format_fixed(100 * sel.greedy_gap, 3) + " %)");
        } else {
            item(status);
        }
        if (rules.uncovered_cantons > 0 && rules.every_uncovered_canton)
            item("Quota: at least one new site in each of the " + std::to_string(rules.uncovered_cantons) +
                 " cantons without a site");
        else if (rules.uncovered_cantons > 0)
            item("Quota: " + std::to_string(rules.uncovered_cantons) + " cantons have no site and " +
                 std::to_string(o.add) + " new sites are asked: the new sites go only to those cantons, at most one " +
                 "each, where they do most (for one in each, ask --add " + std::to_string(rules.uncovered_cantons) + ")");
        if (rules.max_per_canton) item("At most " + std::to_string(rules.max_per_canton) + " new sites per canton");
        if (sel.uncoverable_population > 0)
            item("Residents no candidate can bring within the threshold: " +
                 std::to_string(std::llround(sel.uncoverable_population)));
        if (by_coverage && sel.sites_without_gain > 0) {
            const std::size_t n = sel.sites.size(), idle = sel.sites_without_gain;
            const bool saturated = sel.summary.covered_after >= sel.reachable_population - 0.5;
            const std::string reach = format_grouped(std::llround(sel.reachable_population)) + " residents";
            if (saturated)
                item("Saturated: " + std::to_string(n - idle) + " of the " + std::to_string(n) + " new sites " +
                     (n - idle == 1 ? "brings" : "bring") + " within " + thr + " every resident that any candidate can (" +
                     reach + " within " + thr + " at best).");
            std::string why;
            if (canton_picks > 0)
                why = std::string(canton_picks == idle ? "" : "those giving an uncovered canton its site: ") +
                      "the smallest mean time of the canton's own residents (\"canton's residents\", times capped at " +
                      std::to_string(h.time_cap_min) + " min)" +
                      (canton_picks == idle ? "" : "; the others: the largest drop of the mean time of the territory") +
                      ", then the candidate order";
            else
                why = "the largest drop of the mean time of the territory (times capped at " +
                      std::to_string(h.time_cap_min) + " min), then the candidate order";
            item(std::string(idle == 1 ? "1 new site brings" : std::to_string(idle) + " new sites bring") +
                 " no resident within " + thr + (saturated ? "" : " (to meet a quota or the number asked)") +
                 ": chosen by the tie-break, not by the objective, i.e. " + why +
                 ". Other sites in their place give the same objective" +
                 (o.solver == "exact" ? ", so \"optimal\" does not apply to them." : "."));
        }
        item("Within " + std::to_string(h.threshold_min) + " min: " + format_grouped(std::llround(sel.summary.covered_before)) +
             " -> " + format_grouped(std::llround(sel.summary.covered_after)) + " of " +
             format_grouped(std::llround(sel.summary.total_population)) + "; mean time (capped) " +
             format_fixed(sel.summary.mean_time_before_s / 60, 2) + " -> " + format_fixed(sel.summary.mean_time_after_s / 60, 2) + " min");
        out += md ? "\n## Chosen sites, in order\n\n" : "\nChosen sites, in order (each against the sites before it)\n";
        table.columns = {"#", "candidate", "name", "canton", "newly ≤" + thr + " (residents)", "mean time gain (s)",
                         "chosen by"};
        for (auto& row : table.rows) {
            row[6] = row[6] == "coverage"           ? "residents"
                     : row[6] == "canton_residents" ? "canton's residents: " + row[7] + " -> " + row[8] + " min"
                                                    : "mean time";
            row.resize(7);
        }
        table.right_align.resize(7);
        out += md ? render_markdown(table) : render_text(table);
        out += "newly ≤" + thr + ": residents each site brings within " + thr +
               " that no site before it reaches; mean time gain: drop of the population-weighted mean time of the "
               "territory, times capped at " +
               std::to_string(h.time_cap_min) + " min" +
               (canton_picks > 0 ? "; canton's residents: mean time of the residents of the site's canton, before -> "
                                   "with the site (" + h.travel_model + ", times capped at " +
                                       std::to_string(h.time_cap_min) + " min)"
                                 : std::string()) +
               ".\n";
        ReportOptions ro;
        ro.format = md ? Format::md : Format::table;
        out += "\n" + render_comparison(before, after, ro);
    }
    return out;
}

std::vector<std::string> plan_notes(const PlanHeader& h, const optimize::Selection* selection) {
    std::vector<std::string> out{"travel model: " + h.travel_model,
                                 "threshold: " + std::to_string(h.threshold_min) + " min",
                                 "sites open on: " + h.as_of.iso(),
                                 "candidates: " + std::to_string(h.candidates) +
                                     (!h.candidates_from.empty()
                                          ? " from " + std::filesystem::path(h.candidates_from).filename().string()
                                          : std::string(" town halls of communes without an open site"))};
    if (selection) out.push_back("status: " + std::string(optimize::to_string(selection->status)));
    for (const auto& n : h.notes) out.push_back("note: " + n);
    return out;
}

} // namespace maillage
