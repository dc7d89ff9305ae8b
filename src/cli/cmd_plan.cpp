// maillage rank / maillage plan: where the next France Services should go.

#include "app/plan.hpp"
#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "report/plan_report.hpp"

namespace maillage::cli {

namespace {

struct PlanCliOptions {
    ScenarioOptions input;
    OutputOptions output;
    MemoryOptions memory;
    std::string cantons; ///< uncovered | all | CODE,CODE
    std::uint32_t threshold = 0;
    std::size_t top = 5;
    // plan only
    std::uint32_t add = 0;
    double target_share = 0;
    std::string objective = "coverage";
    std::string quota;
    std::uint32_t max_per_canton = 0;
    std::string solver = "greedy";
};

app::PlanSetup prepare(const PlanCliOptions& o, const std::string& default_cantons, const Logger& log) {
    try {
        return app::prepare_plan(o.input.load(), o.cantons.empty() ? default_cantons : o.cantons, o.threshold, log,
                                 o.memory.budget(o.solver == "exact"));
    } catch (const app::UnknownCanton& e) {
        throw UsageError(std::string("--cantons: ") + e.what());
    }
}

int run_rank(const PlanCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    const auto p = prepare(o, "uncovered", log);
    const auto rankings = app::rank(p, o.top);
    const Format format = o.output.format_or(p.run.scenario.output.format);
    o.output.emit(render_rank(app::plan_header(p), p.run.territory, p.candidates, rankings, format), format,
                  plan_notes(app::plan_header(p)), log);
    return 0;
}

int run_plan(const PlanCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    if (o.add == 0 && o.target_share <= 0) throw UsageError("give --add K or --target-share SHARE");
    if (o.add > 0 && o.target_share > 0) throw UsageError("--add and --target-share exclude each other");
    if (o.solver == "exact" && o.target_share <= 0 && o.objective != "coverage")
        throw UsageError("--solver exact supports --objective coverage (use greedy for mean-time)");
    auto p = prepare(o, "all", log);
    app::PlanRequest request;
    request.add = o.add;
    request.target_share = o.target_share;
    request.objective = o.objective == "mean-time" ? optimize::Objective::mean_time : optimize::Objective::coverage;
    request.exact = o.solver == "exact";
    request.quota_one_per_uncovered_canton = o.quota == "one-per-uncovered-canton";
    request.max_per_canton = o.max_per_canton;
    const auto result = app::plan(p, request, log);
    PlanAsked asked;
    asked.add = o.add;
    asked.target_share = o.target_share;
    asked.objective = o.objective;
    asked.solver = o.solver;
    const Format format = o.output.format_or(p.run.scenario.output.format);
    o.output.emit(render_plan(app::plan_header(p), asked, p.run.territory, p.candidates, result.selection,
                              result.rules, app::view(p.run, p.now), app::view(p.run, result.after), format),
                  format, plan_notes(app::plan_header(p), &result.selection), log);
    return 0;
}

void common_options(CLI::App* cmd, PlanCliOptions& o) {
    o.input.add_to(cmd);
    cmd->add_option("--threshold", o.threshold, "Threshold in minutes (default: the scenario's service_threshold, 30)")
        ->check(CLI::Range(1u, 1440u));
    o.output.add_to(cmd, "table, csv, md or json");
    o.memory.add_to(cmd);
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
    cmd->add_option("--top", opts->top, "Candidates shown per canton (default 5)")->check(CLI::Range(std::size_t{1}, std::size_t{10000}));
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
                "proves optimality (or reports its bound) and the greedy's gap. Sites of equal gain go to\n"
                "the largest drop of the mean time; sites that bring no one within the threshold are\n"
                "marked 'chosen by: mean time' (the tie-break) and the plan says when the objective is saturated.\n"
                "With --quota, a site that brings no one within the threshold but gives a canton without a site\n"
                "its France Services goes where that canton's own residents get the smallest mean time:\n"
                "'chosen by: canton's residents', with their mean time before -> after in min.");
    common_options(cmd, *opts);
    cmd->add_option("--add", opts->add, "Number of new sites K")->check(CLI::Range(1u, 100000u));
    cmd->add_option("--target-share", opts->target_share, "Fewest sites so this share (0-1] is within the threshold")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--objective", opts->objective, "coverage (default) or mean-time (p-median)")
        ->check(CLI::IsMember({"coverage", "mean-time"}));
    cmd->add_option("--quota", opts->quota,
                    "one-per-uncovered-canton: a new site in each canton without one; with fewer new sites than such "
                    "cantons, the new sites go only to them, at most one each")
        ->check(CLI::IsMember({"one-per-uncovered-canton"}));
    cmd->add_option("--max-per-canton", opts->max_per_canton, "At most N new sites per canton");
    cmd->add_option("--solver", opts->solver, "greedy (default) or exact")->check(CLI::IsMember({"greedy", "exact"}));
    cmd->add_option("--cantons", opts->cantons, "Cantons whose communes are candidates: all (default), uncovered, CODE,...");
    return [opts, &global] { return run_plan(*opts, global); };
}

} // namespace maillage::cli
