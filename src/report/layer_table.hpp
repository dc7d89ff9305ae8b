#pragma once
/// A layer's attribute table in the report formats: the same rows and
/// columns a GeoJSON/GeoPackage layer holds, for `report --by point` and the
/// CSV files of an export.

#include "geo/output_layer.hpp"
#include "report/format.hpp"

#include <string>
#include <vector>

namespace maillage {

/// What the table is about, printed above it (table, md) or as keys (json).
struct LayerTableHeader {
    std::string title;
    std::vector<std::pair<std::string, std::string>> facts; ///< e.g. {"travel model", "..."}
};

/// csv: the header on line 1 and one line per feature, nothing else (a
/// spreadsheet opens it as is; what the figures came from is in the
/// export's report.md and in the other formats). table / md: title, facts,
/// then the table. json: {"title", facts as keys, "rows": [{field: value}]}.
/// Reals as the shortest exact text, nulls empty (csv, table, md) or null.
std::string render_layer_table(const geo::OutputLayer& layer, const LayerTableHeader& header, Format format);

} // namespace maillage
