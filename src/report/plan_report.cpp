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
               std::to_string(2 * h.threshold_min) + " min);\nnearest for: residents for whom it would be the nearest site.\n";
    }
    return out;
}

std::string render_plan(const PlanHeader& h, const PlanAsked& o, const Territory& t,
                        const std::vector<Candidate>& candidates, const optimize::Selection& sel,
                        const optimize::Quotas& quotas, const SituationView& before, const SituationView& after,
                        Format format) {
    const bool md = format == Format::md;
    Table table;
    table.columns = {"order", "candidate", "name", "canton", "gain", "newly_within", "mean_time_gain_s"};
    table.right_align = {true, false, false, false, true, true, true};
    for (std::size_t i = 0; i < sel.sites.size(); ++i) {
        const auto& s = sel.sites[i];
        const auto& c = candidates[s.candidate];
        table.add_row({std::to_string(i + 1), c.id, c.name,
                       c.canton == kInvalid ? "" : t.cantons[c.canton].code + " " + t.cantons[c.canton].name,
                       format_fixed(s.gain, 1), std::to_string(std::llround(s.covered_added)),
                       format_fixed(s.mean_time_reduction_s, 1)});
    }
    std::string out;
    if (format == Format::csv) {
        out = render_csv(table);
    } else if (format == Format::json) {
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("travel_model").string(h.travel_model);
        w.key("status").string(optimize::to_string(sel.status));
        w.key("objective").fixed(sel.objective, 3);
        w.key("bound").fixed(sel.bound, 3);
        w.key("nodes").integer(sel.nodes);
        w.key("greedy_objective").fixed(sel.greedy_objective, 3);
        w.key("greedy_gap").fixed(sel.greedy_gap, 6);
        w.key("covered_before").fixed(sel.summary.covered_before, 0);
        w.key("covered_after").fixed(sel.summary.covered_after, 0);
        w.key("sites").begin_array(JsonWriter::Layout::lines);
        for (const auto& row : table.rows) {
            w.begin_object().key("order").number(row[0]).key("candidate").string(row[1]);
            w.key("name").string(row[2]).key("canton").string(row[3]).key("gain").number(row[4]);
            w.key("newly_within").number(row[5]).key("mean_time_gain_s").number(row[6]).end_object();
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
        item(std::string("Status: ") + optimize::to_string(sel.status) + "; objective " + format_fixed(sel.objective, 1) +
             (o.solver == "exact" ? "; bound " + format_fixed(sel.bound, 1) + "; nodes " + std::to_string(sel.nodes) +
                                        "; greedy " + format_fixed(sel.greedy_objective, 1) + " (gap " +
                                        format_fixed(100 * sel.greedy_gap, 3) + " %)"
                                  : std::string()));
        if (!quotas.required_groups.empty())
            item("Quota: at least one new site in each of the " + std::to_string(quotas.required_groups.size()) +
                 " cantons without a site");
        if (quotas.max_per_group) item("At most " + std::to_string(quotas.max_per_group) + " new sites per canton");
        if (sel.uncoverable_population > 0)
            item("Residents no candidate can bring within the threshold: " +
                 std::to_string(std::llround(sel.uncoverable_population)));
        item("Within " + std::to_string(h.threshold_min) + " min: " + format_grouped(std::llround(sel.summary.covered_before)) +
             " -> " + format_grouped(std::llround(sel.summary.covered_after)) + " of " +
             format_grouped(std::llround(sel.summary.total_population)) + "; mean time (capped) " +
             format_fixed(sel.summary.mean_time_before_s / 60, 2) + " -> " + format_fixed(sel.summary.mean_time_after_s / 60, 2) + " min");
        out += md ? "\n## Chosen sites, in order\n\n" : "\nChosen sites, in order (gain: what each adds to those before it)\n";
        out += md ? render_markdown(table) : render_text(table);
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
