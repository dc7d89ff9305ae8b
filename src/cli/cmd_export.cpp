// maillage export: GeoJSON, GeoPackage, report and web map in one folder.

#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "app/export.hpp"
#include "io/web_assets.hpp"

#include <memory>

namespace maillage::cli {

namespace {

struct ExportCliOptions {
    ScenarioOptions input;
    std::string out;
    std::vector<std::uint32_t> thresholds;
    std::string leaflet;
    bool no_map = false;
    MemoryOptions memory;
    std::string csv_locale = "c";
};

int run_export(const ExportCliOptions& o, const GlobalOptions& global) {
    const Logger log = make_stderr_logger(global);
    app::ExportOptions eo;
    eo.memory = o.memory.budget();
    eo.csv_locale = parse_csv_locale(o.csv_locale).value_or(CsvLocale::c);
    eo.web_map = !o.no_map;
    eo.leaflet_dir = o.leaflet;
    // A binary built without Leaflet says so before any work.
    if (eo.web_map && eo.leaflet_dir.empty()) io::required_embedded_file("leaflet/leaflet.js");
    Scenario scenario = o.input.load();
    // Without --out, the scenario's [output] directory (resolved from the
    // scenario's folder; "out" beside it by default).
    eo.out_dir = o.out.empty() ? scenario.output.directory : o.out;
    if (!o.thresholds.empty()) scenario.coverage.thresholds_min = o.thresholds;
    const auto run = app::prepare_run(std::move(scenario), LoadOptions{}, log);
    log_findings(log, run.load.problems, global);
    auto now = app::evaluate_at(run, run.scenario.as_of, run.scenario.as_of.iso(), log);
    log_findings(log, now.services.problems, global);
    app::add_factual(run, now, log); // report.md: the headline without the hypothetical schedules too
    const auto result = app::export_all(run, now, eo, log);
    std::string out = "Exported " + run.scenario.name + " on " + run.scenario.as_of.iso() + " (travel model: " +
                      now.evaluation.model + ")\n";
    for (const auto& f : result.files) out += "  " + f + "\n";
    for (const auto& n : result.notes) out += "note: " + n + "\n";
    emit(out, "");
    return 0;
}

} // namespace

Action setup_export(CLI::App& app, const GlobalOptions& global) {
    auto opts = std::make_shared<ExportCliOptions>();
    auto* cmd = app.add_subcommand("export", "Write GeoJSON layers, a GeoPackage, the report and a web map into a folder");
    cmd->footer("Example:\n  maillage export data/ille-et-vilaine.toml --out out/35 --as-of 2024-08-01\n\n"
                "Writes cantons, communes, sites, bus_routes, candidates, isochrones_<T> and\n"
                "uncovered_<T> as RFC 7946 GeoJSON (lon/lat) and in maillage.gpkg (working CRS),\n"
                "report.md, report-cantons.csv, report-communes.csv, accessibility (GeoJSON, CSV;\n"
                "each CSV with its notes in a .txt of the same name; --csv-locale fr for French\n"
                "Excel), and map.html (self-contained, opens offline: the map client and Leaflet\n"
                "are built into maillage). The whole folder is written beside the target and\n"
                "swapped in at the end: a failed or interrupted export leaves the previous one\n"
                "untouched. One export at a time per folder (a lock file .NAME.lock beside it).\n"
                "Without --out, the scenario's [output] directory.");
    opts->input.add_to(cmd);
    cmd->add_option("--out", opts->out,
                    "Output folder (created if missing; replaced whole; default: the scenario's [output] directory)");
    cmd->add_option("--threshold", opts->thresholds, "Threshold in minutes (repeatable; default from the scenario)")
        ->check(CLI::Range(1u, 1440u));
    cmd->add_option("--leaflet", opts->leaflet,
                    "Leaflet dist/ folder to inline instead of the Leaflet built into maillage (optional)");
    cmd->add_flag("--no-map", opts->no_map, "Do not write map.html");
    opts->memory.add_to(cmd);
    add_csv_locale(cmd, opts->csv_locale);
    return [opts, &global] { return run_export(*opts, global); };
}

} // namespace maillage::cli
