// maillage report: coverage of residents by travel time and weekly hours.

#include "app/accessibility.hpp"
#include "app/run.hpp"
#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "io/scenario.hpp"
#include "report/layer_table.hpp"

namespace maillage::cli {

namespace {

struct ReportCliOptions {
    ScenarioOptions input;
    OutputOptions output;
    std::vector<std::uint32_t> thresholds;
    std::string by = "canton";
    std::string compare;
    bool strict = false;
};

int run_report(const ReportCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    const auto log_problems = [&](const Findings& problems) { log_findings(log, problems, global); };
    // --compare: a date or a scenario file; what looks like a date must be
    // one, checked before any file is read.
    if (std::string why; !o.compare.empty() && !parse_user_date(o.compare, &why) &&
                         o.compare.find_first_not_of("0123456789/- ") == std::string::npos)
        throw UsageError("--compare " + quote(o.compare) + ": " + why);
    Scenario scenario = o.input.load();
    if (!o.thresholds.empty()) scenario.coverage.thresholds_min = o.thresholds;
    LoadOptions lo;
    lo.strict = o.strict;
    const auto run = app::prepare_run(std::move(scenario), lo, log);
    log_problems(run.load.problems);
    auto now = app::evaluate_at(run, run.scenario.as_of, run.scenario.as_of.iso(), log);
    log_problems(now.services.problems);
    ReportOptions ro;
    ro.format = o.output.format_or(run.scenario.output.format);
    ro.by = o.by == "commune" ? Rows::commune : Rows::canton;
    const auto point_header = [&](const std::string& title, const app::Situation& sit) {
        LayerTableHeader h;
        h.title = title;
        h.facts = {{"travel model", sit.evaluation.model}, {"demand", run.demand.description}};
        return h;
    };
    const auto header_notes = [](const LayerTableHeader& h) {
        std::vector<std::string> notes{h.title};
        for (const auto& [k, v] : h.facts) notes.push_back(k + ": " + v);
        return notes;
    };
    if (o.by == "point" && o.compare.empty()) {
        const auto h = point_header("Accessibility per demand point: " + run.territory.name + ", sites open on " + now.as_of.iso(), now);
        o.output.emit(render_layer_table(app::accessibility_layer(run, now), h, ro.format), ro.format, header_notes(h), log);
        return 0;
    }
    if (o.compare.empty()) {
        app::add_factual(run, now, log);
        o.output.emit(render_coverage_report(app::view(run, now), ro), ro.format,
                      coverage_report_notes(app::view(run, now)), log);
        return 0;
    }
    // --compare --by point: the change per demand point (matched by id).
    const auto emit_comparison = [&](const app::Run& before_run, const app::Situation& before) {
        if (o.by == "point") {
            auto h = point_header("Change of accessibility per demand point: " + run.territory.name + ", " + before.label +
                                      " -> " + now.label,
                                  now);
            if (before.evaluation.model != now.evaluation.model)
                h.facts.push_back({"travel model before", before.evaluation.model});
            if (before_run.demand.description != run.demand.description)
                h.facts.push_back({"demand before", before_run.demand.description});
            o.output.emit(render_layer_table(app::accessibility_change_layer(before_run, before, run, now), h, ro.format),
                          ro.format, header_notes(h), log);
        } else {
            o.output.emit(render_comparison(app::view(before_run, before), app::view(run, now), ro), ro.format,
                          comparison_notes(app::view(before_run, before), app::view(run, now)), log);
        }
    };
    // --compare: a date (same scenario) or another scenario file.
    if (const auto date = parse_user_date(o.compare)) {
        const auto before = app::evaluate_at(run, *date, date->iso(), log);
        log_problems(before.services.problems);
        emit_comparison(run, before);
        return 0;
    }
    Scenario other = load_scenario(o.compare);
    other.coverage.thresholds_min = run.scenario.coverage.thresholds_min;
    const auto other_run = app::prepare_run(std::move(other), lo, log);
    log_problems(other_run.load.problems);
    const auto before = app::evaluate_at(other_run, other_run.scenario.as_of, other_run.scenario.name, log);
    log_problems(before.services.problems);
    now.label = run.scenario.name;
    emit_comparison(other_run, before);
    return 0;
}

} // namespace

Action setup_report(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<ReportCliOptions>();
    auto* cmd = app.add_subcommand("report", "Coverage report: residents within 20/30/45 min, times, weekly hours, buses");
    cmd->footer("Examples:\n"
                "  maillage report data/ille-et-vilaine.toml\n"
                "  maillage report data/ille-et-vilaine.toml --as-of 2024-08-01 --compare 2021-07-01 --format md\n"
                "  maillage report data/ille-et-vilaine.toml --by commune --format csv -o communes.csv\n"
                "  maillage report data/ille-et-vilaine.toml --by point --format csv -o points.csv\n"
                "  maillage report data/ille-et-vilaine.toml --as-of 2024-07-01 --compare 2021-07-01 --by point\n\n"
                "Prints the territory summary (with and without the schedules marked hypothesis), the\n"
                "table by canton (or commune) and the worst-served communes. --compare DATE|SCENARIO\n"
                "prints the change from that situation to this one: sites added and removed (the\n"
                "territory's own apart from the neighbouring departements'), every threshold per canton,\n"
                "the 10 demand points served faster the most; with --by point, every demand point.\n"
                "Every output names the travel model that produced it.");
    opts->input.add_to(cmd);
    cmd->add_option("--threshold", opts->thresholds, "Threshold in minutes (repeatable; default from the scenario: 20 30 45)")
        ->check(CLI::Range(1u, 1440u));
    opts->output.add_to(cmd, "table, csv, md or json (default: the scenario's output.format)");
    cmd->add_option("--by", opts->by,
                    "Rows of the table: canton, commune, or point (one row per demand point: time, nearest site, "
                    "category per threshold, weekly hours; with --compare, the change of each)")
        ->check(CLI::IsMember({"canton", "commune", "point"}));
    cmd->add_option("--compare", opts->compare, "A date (YYYY-MM-DD or DD/MM/YYYY) or another scenario: the situation before");
    cmd->add_flag("--strict", opts->strict, "Treat every input problem as an error");
    return [opts, &global] { return run_report(*opts, global); };
}

} // namespace maillage::cli
