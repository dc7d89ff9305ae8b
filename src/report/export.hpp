#pragma once
/// `maillage export`: every layer a planner needs, as GeoJSON files (RFC 7946),
/// one GeoPackage (working CRS, for QGIS), the report (Markdown, CSV) and a
/// self-contained web map.

#include "core/log.hpp"
#include "report/run.hpp"

#include <string>
#include <vector>

namespace maillage {

struct ExportOptions {
    std::string out_dir;
    std::vector<std::uint32_t> thresholds_min; ///< isochrones and shares; empty = scenario's
    std::string leaflet_dir;    ///< Leaflet's dist/ folder; empty = no web map
    std::size_t top_candidates = 5;
    double isochrone_buffer_m = 300;
};

/// What was written, for the CLI summary.
struct ExportResult {
    std::vector<std::string> files; ///< paths, in writing order
    std::vector<std::string> notes;
};

/// Builds every layer and writes them. Each file is written under a temporary
/// name and renamed, so a failed run leaves no half-written file. Throws
/// OutputError (directory missing or not writable), GeometryError.
ExportResult export_all(const Run& run, const EvaluatedSituation& situation, const ExportOptions& options,
                        const Logger& log = {});

} // namespace maillage
