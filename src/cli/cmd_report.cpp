// maillage report: coverage of residents by travel time and weekly hours.

#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "io/scenario.hpp"
#include "report/run.hpp"

#include <filesystem>
#include <memory>

namespace maillage::cli {

namespace {

struct ReportCliOptions {
    std::string scenario;
    std::string as_of;
    std::vector<std::uint32_t> thresholds;
    std::string format;
    std::string by = "canton";
    std::string compare;
    std::string output;
    bool strict = false;
};


int run_report(const ReportCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    const auto log_problems = [&](const Findings& problems) { log_findings(log, problems, global); };
    Scenario scenario = load_scenario(o.scenario);
    if (!o.as_of.empty()) scenario.as_of = *parse_iso_date(o.as_of);
    if (!o.thresholds.empty()) scenario.coverage.thresholds_min = o.thresholds;
    LoadOptions lo;
    lo.strict = o.strict;
    auto run = prepare_run(scenario, lo, log);
    log_problems(run->load.problems);
    auto now = evaluate_at(*run, run->scenario.as_of, run->scenario.as_of.iso(), log);
    log_problems(now->services.problems);

    ReportOptions ro;
    ro.format = o.format.empty() ? run->scenario.output.format : o.format;
    ro.by = o.by;
    if (o.compare.empty()) {
        emit(render_coverage_report(now->view, ro), o.output);
        return 0;
    }
    // --compare: a date (same scenario) or another scenario file.
    std::unique_ptr<Run> other_run;
    std::unique_ptr<EvaluatedSituation> before;
    if (auto date = parse_iso_date(o.compare)) {
        before = evaluate_at(*run, *date, date->iso(), log);
    } else {
        Scenario other = load_scenario(o.compare);
        if (!o.thresholds.empty()) other.coverage.thresholds_min = o.thresholds;
        other.coverage.thresholds_min = run->scenario.coverage.thresholds_min;
        other_run = prepare_run(other, lo, log);
        log_problems(other_run->load.problems);
        before = evaluate_at(*other_run, other_run->scenario.as_of, other_run->scenario.name, log);
        now->view.label = run->scenario.name;
    }
    log_problems(before->services.problems);
    emit(render_comparison(before->view, now->view, ro), o.output);
    return 0;
}

} // namespace

Action setup_report(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<ReportCliOptions>();
    auto* cmd = app.add_subcommand("report", "Coverage report: residents within 20/30/45 min, times, weekly hours, buses");
    cmd->footer("Examples:\n"
                "  maillage report data/ille-et-vilaine.toml\n"
                "  maillage report data/ille-et-vilaine.toml --as-of 2024-08-01 --compare 2021-07-01 --format md\n"
                "  maillage report data/ille-et-vilaine.toml --by commune --format csv -o communes.csv\n\n"
                "Prints the territory summary, the table by canton (or commune) and the worst-served\n"
                "communes. --compare DATE|SCENARIO prints the change from that situation to this one.\n"
                "Every output names the travel model that produced it.");
    cmd->add_option("scenario", opts->scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--as-of", opts->as_of, "Date YYYY-MM-DD: sites labelled on or before it are open")
        ->check([](const std::string& v) { return parse_iso_date(v) ? std::string() : "not a date YYYY-MM-DD: " + v; });
    cmd->add_option("--threshold", opts->thresholds, "Threshold in minutes (repeatable; default from the scenario: 20 30 45)")
        ->check(CLI::Range(1u, 1440u));
    cmd->add_option("--format", opts->format, "table, csv, md or json (default: the scenario's output.format)")
        ->check(CLI::IsMember({"table", "csv", "md", "json"}));
    cmd->add_option("--by", opts->by, "Rows of the table: canton or commune")->check(CLI::IsMember({"canton", "commune"}));
    cmd->add_option("--compare", opts->compare, "A date YYYY-MM-DD or another scenario: the situation before");
    cmd->add_option("-o,--output", opts->output, "Write to this file (atomically) instead of stdout");
    cmd->add_flag("--strict", opts->strict, "Treat every input problem as an error");
    return [opts, &global] { return run_report(*opts, global); };
}

} // namespace maillage::cli
