#pragma once
/// The scenario file (TOML): everything a run needs. Paths are relative to the
/// scenario file. The format is documented in README.md ("Scenario format").

#include "core/date.hpp"
#include "geo/vector_layer.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace maillage {

/// A row filter for tables: keep rows whose `field` is one of `values`.
struct RowFilter {
    std::string field;
    std::vector<std::string> values;
};

/// Rewrites codes with a regular expression (ECMAScript), e.g. the GEOFLA
/// canton code "35001" to the INSEE code "3501".
struct CodeRewrite {
    std::string pattern;
    std::string replacement;
};

struct CantonSource {
    geo::LayerSpec layer;
    std::string code_field;
    std::string name_field;
    std::optional<CodeRewrite> code_rewrite;
};

struct CommuneSource {
    geo::LayerSpec layer;
    std::string code_field;
    std::string name_field;
    std::optional<CodeRewrite> code_rewrite;
};

/// Commune -> canton table (INSEE COG). Canton codes absent from the canton
/// layer (pseudo-cantons of split communes) are resolved from the polygons.
struct CompositionSource {
    geo::LayerSpec layer;
    std::string commune_field;
    std::string canton_field;
    std::optional<RowFilter> filter;
};

/// Old commune code -> new commune code (communes nouvelles).
struct MergeSource {
    geo::LayerSpec layer;
    std::string old_field;
    std::string new_field;
    std::optional<RowFilter> filter;
};

struct PopulationSource {
    geo::LayerSpec layer;
    std::vector<std::string> code_fields; ///< concatenated to form the INSEE code
    std::string population_field;
    std::string label;
};

struct SiteSource {
    geo::LayerSpec layer; ///< x_field/y_field set for lon/lat columns
    std::string id_field;
    std::string name_field;
    std::string commune_field;
    std::string format_field; ///< empty: every site is fixed
    std::string date_field;   ///< empty: every site is open
    std::string date_format = "DD/MM/YYYY";
    std::vector<std::string> hours_fields; ///< Monday..Sunday, optional
    /// Raw values of format_field for each SiteFormat (fixed, multi_site, bus, itinerant).
    std::array<std::vector<std::string>, 4> format_values;
};

struct OutputSettings {
    std::string directory = "out";
    std::string format = "table";
};

struct Scenario {
    std::string path; ///< the scenario file itself
    std::string name;
    Date as_of{2024, 8, 1};
    std::string crs = "EPSG:2154";
    bool repair = true; ///< repair invalid polygons (false: an invalid polygon is an error)
    CantonSource cantons;
    CommuneSource communes;
    std::optional<CompositionSource> composition;
    std::optional<MergeSource> merges;
    std::optional<PopulationSource> population;
    SiteSource sites;
    OutputSettings output;
};

/// Reads and validates a scenario. Throws InputError naming the file and the
/// key (with its line) for a missing file, a syntax error, an unknown key, a
/// missing required key or a value of the wrong type.
Scenario load_scenario(const std::string& path);

} // namespace maillage
