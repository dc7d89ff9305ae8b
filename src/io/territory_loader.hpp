#pragma once
/// Builds a Territory from a Scenario: reads every layer through OGR, joins
/// by INSEE code (with merges), assigns communes and sites to cantons (the
/// geometry of communes and their cantons: model/territory_build).

#include "core/findings.hpp"
#include "core/log.hpp"
#include "io/scenario.hpp"
#include "model/territory.hpp"
#include "model/territory_build.hpp" // kMinCantonShare, kMinTableCantonShare

#include <string>
#include <vector>

namespace maillage {

/// What one layer held, for `maillage check`.
struct LayerSummary {
    std::string role; ///< "cantons", "communes", ...
    std::string source;
    std::string layer;
    std::string driver;
    std::string crs;
    std::size_t features = 0;
    std::size_t repaired = 0;
    std::size_t skipped = 0; ///< rows left out by a `where` filter
};

/// Everything worth telling about a load. `problems` are findings a planner
/// must look at (unmatched codes, sites outside the territory...): they do not
/// stop the load unless LoadOptions::strict is set.
struct LoadReport {
    std::vector<LayerSummary> layers;
    Findings problems;
    Findings notes;

    std::size_t merges_read = 0;     ///< old -> new pairs in the merge table
    std::size_t merged_polygons = 0; ///< commune polygons dissolved into another code
    double population_read = 0;      ///< sum over the population table
    double population_joined = 0;    ///< sum given to communes
    std::size_t population_unmatched = 0; ///< population rows with no commune
    std::size_t communes_without_population = 0;
    std::size_t communes_from_polygons = 0; ///< canton found from polygons, not the table
    std::size_t sites_outside = 0;          ///< site points outside every commune
    std::size_t sites_code_mismatch = 0;    ///< point and commune code disagree
    std::size_t commune_names_set = 0;      ///< communes named from the composition table
    std::size_t commune_names_missing = 0;  ///< communes the name table does not name (layer name kept)
    std::size_t canton_names_set = 0;       ///< cantons named from [canton_names]
    std::size_t canton_names_unknown = 0;   ///< codes of [canton_names] not in the canton layer
    std::size_t canton_names_missing = 0;   ///< cantons [canton_names] does not name (layer name kept)
};

struct LoadOptions {
    bool strict = false; ///< every problem (and every polygon repair) becomes an InputError
};

/// More residents than this in one row of a population table or demand layer
/// is a problem (a figure in the wrong unit or column, "1e15"): the largest
/// municipalities of the world have a few tens of millions.
inline constexpr double kMaxPlausiblePopulation = 1e8;

/// "population "1e15" of commune "35002" is implausible (...)": the part of
/// the message after the row's place, or empty when `population` is plausible.
std::string implausible_population(double population, const std::string& text);

/// Records a problem of kind `kind` in `report`; with options.strict, throws
/// InputError with the message instead.
void add_problem(LoadReport& report, const LoadOptions& options, std::string kind, std::string message);

/// Loads the territory. Throws InputError (naming file and line/feature) on
/// bad input; with options.strict, also on the first problem.
Territory load_territory(const Scenario& scenario, LoadReport& report,
                         const LoadOptions& options = {}, const Logger& log = {});

} // namespace maillage
