#pragma once
/// `maillage export`: every layer a planner needs, as GeoJSON files (RFC 7946),
/// one GeoPackage (working CRS, for QGIS), the report (Markdown, CSV) and a
/// self-contained web map.

#include "app/plan.hpp"
#include "app/run.hpp"
#include "core/log.hpp"
#include "report/table.hpp"

#include <string>
#include <vector>

namespace maillage::app {

struct ExportOptions {
    std::string out_dir;
    std::vector<std::uint32_t> thresholds_min; ///< isochrones and shares; empty = scenario's
    bool web_map = true;        ///< write map.html (client and Leaflet embedded in the binary)
    std::string leaflet_dir;    ///< a Leaflet dist/ folder instead of the embedded Leaflet (empty: embedded)
    std::size_t top_candidates = 5;
    double isochrone_buffer_m = 300;
    MemoryBudget memory; ///< for the candidates' coverage instance
    CsvLocale csv_locale = CsvLocale::c; ///< how the CSV files are written
};

/// What was written, for the CLI summary.
struct ExportResult {
    std::vector<std::string> files; ///< paths, in writing order
    std::vector<std::string> notes;
};

/// Builds every layer and writes the whole export into a staging folder
/// beside `options.out_dir`, swapped in at the end (io::StagedDirectory): a
/// failed or killed run leaves the previous export untouched, never a mix.
/// Path limits, the target (absent, empty or a previous export) and the lock
/// (one export per folder at a time) are checked before anything is
/// computed. Throws OutputError naming the folder, GeometryError.
ExportResult export_all(const Run& run, const Situation& situation, const ExportOptions& options,
                        const Logger& log = {});

} // namespace maillage::app
