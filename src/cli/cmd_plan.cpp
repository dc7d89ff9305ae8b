// maillage rank / maillage plan: where the next France Services should go.

#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "optimize/select.hpp"
#include "report/plan_setup.hpp"
#include "report/run.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace maillage::cli {

namespace {

struct PlanCliOptions {
    std::string scenario;
    std::string as_of;
    std::string cantons; ///< uncovered | all | CODE,CODE
    std::uint32_t threshold = 0;
    std::size_t top = 5;
    std::string format;
    std::string output;
    // plan only
    std::uint32_t add = 0;
    double target_share = 0;
    std::string objective = "coverage";
    std::string quota;
    std::uint32_t max_per_canton = 0;
    std::string solver = "greedy";
};

using Prepared = PlanSetup;

Prepared prepare(const PlanCliOptions& o, const std::string& default_cantons, const Logger& log) {
    Scenario scenario = load_scenario(o.scenario);
    if (!o.as_of.empty()) scenario.as_of = *parse_iso_date(o.as_of);
    return prepare_plan(std::move(scenario), o.cantons.empty() ? default_cantons : o.cantons, o.threshold, log);
}

std::string header(const Prepared& p, bool md) {
    std::string o;
    auto line = [&](const std::string& s) { o += (md ? "> " + markdown_text(s) : s) + "\n"; };
    line("Travel model: " + p.now->evaluation.model);
    line("Threshold: " + std::to_string(p.threshold_min) + " min; open sites as of " + p.run->scenario.as_of.iso() +
         "; candidates: " + std::to_string(p.candidates.size()) +
         (p.run->scenario.candidates ? " from " + p.run->scenario.candidates->layer.path
                                     : std::string(" town halls of communes without an open site")));
    for (const auto& n : p.now->services.notes) line(n);
    return o + "\n";
}

int run_rank(const PlanCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    auto p = prepare(o, "uncovered", log);
    const auto scores = optimize::rank_candidates(p.instance);
    const auto& t = p.run->territory;
    Table table;
    table.columns = {"canton", "canton_name", "rank", "candidate", "name", "newly_within", "mean_time_gain_s",
                     "nearest_for"};
    table.right_align = {false, false, true, false, false, true, true, true};
    for (const CantonId k : p.cantons) {
        std::vector<optimize::CandidateScore> in_canton;
        for (const auto& s : scores)
            if (s.group == k) in_canton.push_back(s);
        // Most residents newly within the threshold first, then the largest
        // drop of the mean time, then the candidate id: stable output.
        std::sort(in_canton.begin(), in_canton.end(), [&](const auto& a, const auto& b) {
            if (a.newly_covered != b.newly_covered) return a.newly_covered > b.newly_covered;
            if (a.mean_time_reduction_s != b.mean_time_reduction_s)
                return a.mean_time_reduction_s > b.mean_time_reduction_s;
            return p.candidates[a.candidate].id < p.candidates[b.candidate].id;
        });
        if (in_canton.size() > o.top) in_canton.resize(o.top);
        for (std::size_t r = 0; r < in_canton.size(); ++r) {
            const auto& s = in_canton[r];
            const auto& c = p.candidates[s.candidate];
            table.add_row({t.cantons[k].code, t.cantons[k].name, std::to_string(r + 1), c.id, c.name,
                           std::to_string(std::llround(s.newly_covered)), format_fixed(s.mean_time_reduction_s, 1),
                           std::to_string(std::llround(s.nearest_population))});
        }
        if (in_canton.empty())
            table.add_row({t.cantons[k].code, t.cantons[k].name, "", "", "(no candidate)", "", "", ""});
    }
    const std::string format = o.format.empty() ? p.run->scenario.output.format : o.format;
    std::string out;
    if (format == "csv") {
        out = csv_comment("travel model: " + p.now->evaluation.model) + render_csv(table);
    } else if (format == "json") {
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("travel_model").string(p.now->evaluation.model);
        w.key("threshold_min").integer(p.threshold_min);
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
        const bool md = format == "md";
        const std::string title = "Candidate sites per canton, " + std::to_string(p.threshold_min) + " min threshold";
        out = md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
        out += header(p, md);
        table.columns = {"canton", "name", "#", "candidate", "commune / site", "newly ≤" + std::to_string(p.threshold_min) + " min",
                         "mean time gain (s)", "nearest for"};
        out += md ? render_markdown(table) : render_text(table);
        out += "\nnewly within: residents brought within the threshold that no open site reaches;\n"
               "mean time gain: drop of the population-weighted mean time over the territory (times capped at " +
               std::to_string(2 * p.threshold_min) + " min);\nnearest for: residents for whom it would be the nearest site.\n";
    }
    emit(out, o.output);
    return 0;
}

int run_plan(const PlanCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    if (o.add == 0 && o.target_share <= 0) throw UsageError("give --add K or --target-share SHARE");
    if (o.add > 0 && o.target_share > 0) throw UsageError("--add and --target-share exclude each other");
    auto p = prepare(o, "all", log);
    optimize::Quotas quotas;
    quotas.max_per_group = o.max_per_canton;
    if (o.quota == "one-per-uncovered-canton") quotas.required_groups = cantons_without_site(p);
    optimize::ExactOptions eo;
    eo.logger = &log;
    optimize::Selection sel;
    const auto objective = o.objective == "mean-time" ? optimize::Objective::mean_time : optimize::Objective::coverage;
    if (o.target_share > 0) {
        sel = o.solver == "exact" ? optimize::exact_min_sites(p.instance, o.target_share, quotas, eo)
                                  : optimize::greedy_min_sites(p.instance, o.target_share, quotas);
    } else if (o.solver == "exact") {
        if (objective != optimize::Objective::coverage)
            throw UsageError("--solver exact supports --objective coverage (use greedy for mean-time)");
        sel = optimize::exact_max_coverage(p.instance, o.add, quotas, eo);
    } else {
        sel = optimize::greedy_select(p.instance, objective, o.add, quotas);
    }

    // After: the chosen candidates become fixed sites (hours unknown).
    auto after = std::make_unique<EvaluatedSituation>();
    after->services = p.now->services;
    for (const auto& chosen : sel.sites) {
        const auto& c = p.candidates[chosen.candidate];
        ServicePoint sp;
        sp.id = "new:" + c.id;
        sp.name = "NEW " + c.name;
        sp.xy = c.xy;
        sp.lonlat = c.lonlat;
        after->services.points.push_back(sp);
    }
    if (!sel.sites.empty())
        after->services.notes.add("new sites without opening hours",
                                  "new sites: opening hours unknown (not counted in weekly hours)");
    after->evaluation = evaluate(p.run->territory, p.run->demand, after->services, *p.run->travel.model,
                                 coverage_params(p.run->scenario));
    after->view = p.now->view;
    after->view.services = &after->services;
    after->view.evaluation = &after->evaluation;
    after->view.label = "with the new sites";
    p.now->view.label = "open on " + p.run->scenario.as_of.iso();

    const std::string format = o.format.empty() ? p.run->scenario.output.format : o.format;
    const bool md = format == "md";
    const auto& t = p.run->territory;
    Table table;
    table.columns = {"order", "candidate", "name", "canton", "gain", "newly_within", "mean_time_gain_s"};
    table.right_align = {true, false, false, false, true, true, true};
    for (std::size_t i = 0; i < sel.sites.size(); ++i) {
        const auto& s = sel.sites[i];
        const auto& c = p.candidates[s.candidate];
        table.add_row({std::to_string(i + 1), c.id, c.name,
                       c.canton == kInvalid ? "" : t.cantons[c.canton].code + " " + t.cantons[c.canton].name,
                       format_fixed(s.gain, 1), std::to_string(std::llround(s.covered_added)),
                       format_fixed(s.mean_time_reduction_s, 1)});
    }
    std::string out;
    if (format == "csv") {
        out = csv_comment("travel model: " + p.now->evaluation.model) +
              csv_comment("status: " + std::string(optimize::to_string(sel.status))) + render_csv(table);
    } else if (format == "json") {
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("travel_model").string(p.now->evaluation.model);
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
                                  std::to_string(p.threshold_min) + " min, solver " + o.solver;
        out = md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
        out += header(p, md);
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
        item("Within " + std::to_string(p.threshold_min) + " min: " + format_grouped(std::llround(sel.summary.covered_before)) +
             " -> " + format_grouped(std::llround(sel.summary.covered_after)) + " of " +
             format_grouped(std::llround(sel.summary.total_population)) + "; mean time (capped) " +
             format_fixed(sel.summary.mean_time_before_s / 60, 2) + " -> " + format_fixed(sel.summary.mean_time_after_s / 60, 2) + " min");
        out += md ? "\n## Chosen sites, in order\n\n" : "\nChosen sites, in order (gain: what each adds to those before it)\n";
        out += md ? render_markdown(table) : render_text(table);
        ReportOptions ro;
        ro.format = md ? "md" : "table";
        out += "\n" + render_comparison(p.now->view, after->view, ro);
    }
    emit(out, o.output);
    return 0;
}

void common_options(CLI::App* cmd, PlanCliOptions& o) {
    cmd->add_option("scenario", o.scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--as-of", o.as_of, "Date YYYY-MM-DD: sites labelled on or before it are open")
        ->check([](const std::string& v) { return parse_iso_date(v) ? std::string() : "not a date YYYY-MM-DD: " + v; });
    cmd->add_option("--threshold", o.threshold, "Threshold in minutes (default: the scenario's service_threshold, 30)")
        ->check(CLI::Range(1u, 1440u));
    cmd->add_option("--format", o.format, "table, csv, md or json")->check(CLI::IsMember({"table", "csv", "md", "json"}));
    cmd->add_option("-o,--output", o.output, "Write to this file (atomically) instead of stdout");
}

} // namespace

Action setup_rank(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<PlanCliOptions>();
    auto* cmd = app.add_subcommand("rank", "Rank candidate sites per canton (by default the cantons with no site)");
    cmd->footer("Example:\n  maillage rank data/ille-et-vilaine.toml --as-of 2021-07-01 --top 3\n\n"
                "Candidates: the [candidates] layer of the scenario, or the town halls of the communes of\n"
                "the chosen cantons that host no open site. Scores are marginal to the open sites.");
    common_options(cmd, *opts);
    cmd->add_option("--cantons", opts->cantons, "uncovered (default), all, or canton codes CODE,CODE");
    cmd->add_option("--top", opts->top, "Candidates shown per canton (default 5)")->check(CLI::PositiveNumber);
    return [opts, &global] { return run_rank(*opts, global); };
}

Action setup_plan(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<PlanCliOptions>();
    auto* cmd = app.add_subcommand("plan", "Choose K new sites (max coverage, p-median) or the fewest for a target share");
    cmd->footer("Examples:\n"
                "  maillage plan data/ille-et-vilaine.toml --add 5 --quota one-per-uncovered-canton --solver exact\n"
                "  maillage plan data/ille-et-vilaine.toml --add 3 --objective mean-time --threshold 20\n"
                "  maillage plan data/ille-et-vilaine.toml --target-share 1 --threshold 20 --solver exact\n\n"
                "Existing sites stay. Greedy uses lazy re-evaluation; exact is a branch and bound that\n"
                "proves optimality (or reports its bound) and the greedy's gap.");
    common_options(cmd, *opts);
    cmd->add_option("--add", opts->add, "Number of new sites K")->check(CLI::PositiveNumber);
    cmd->add_option("--target-share", opts->target_share, "Fewest sites so this share (0-1] is within the threshold")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--objective", opts->objective, "coverage (default) or mean-time (p-median)")
        ->check(CLI::IsMember({"coverage", "mean-time"}));
    cmd->add_option("--quota", opts->quota, "one-per-uncovered-canton")->check(CLI::IsMember({"one-per-uncovered-canton"}));
    cmd->add_option("--max-per-canton", opts->max_per_canton, "At most N new sites per canton");
    cmd->add_option("--solver", opts->solver, "greedy (default) or exact")->check(CLI::IsMember({"greedy", "exact"}));
    cmd->add_option("--cantons", opts->cantons, "Cantons whose communes are candidates: all (default), uncovered, CODE,...");
    return [opts, &global] { return run_plan(*opts, global); };
}

} // namespace maillage::cli
