#pragma once
/// The scenario file (TOML): everything a run needs. Paths are relative to the
/// scenario file. The format is documented in README.md ("Scenario format").

#include "core/date.hpp"
#include "geo/vector_layer.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
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
    /// Optional: the canton's official population, used to share the
    /// communes split between cantons (else they are shared by area).
    std::string population_field;
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
    /// Optional: the commune's current name (e.g. COG "LIBELLE"), which then
    /// replaces the commune layer's name; empty = keep the layer's names.
    std::string name_field;
    std::optional<RowFilter> filter;
};

/// Current canton names, replacing the canton layer's: a table of canton code
/// (as after the canton layer's code_rewrite) and name, one row per canton or
/// repeated per commune with the same name. Codes in `ignore_codes` (e.g. the
/// INSEE pseudo-cantons of split communes) are skipped.
struct CantonNameSource {
    geo::LayerSpec layer;
    std::string code_field;
    std::string name_field;
    std::vector<std::string> ignore_codes;
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

/// Where residents are: by default one point per commune carrying its
/// population, at the town hall (a point layer joined by INSEE code) or the
/// commune centroid; or any point/polygon layer with a population field.
struct DemandSource {
    std::string position = "centroid"; ///< "town_hall" or "centroid" (commune demand)
    std::optional<geo::LayerSpec> town_halls; ///< with x/y fields for lon/lat columns
    std::string town_hall_code_field;
    /// A custom demand layer instead of communes (points or polygons; polygons
    /// are placed at their centroid).
    std::optional<geo::LayerSpec> layer;
    std::string id_field;
    std::string population_field;
    /// Commune demand only: keep these INSEE codes (empty = every commune),
    /// e.g. the communes a partial road network covers.
    std::vector<std::string> communes;
};

/// Thresholds and service rules of the coverage report.
struct CoverageSettings {
    std::vector<std::uint32_t> thresholds_min{20, 30, 45};
    std::uint32_t service_threshold_min = 30; ///< for weekly hours reachable
    double required_hours = 24;               ///< weekly opening a France Services must offer
    std::vector<std::string> schedules;       ///< bus / multi-site schedule files
};

/// One line layer of a merged network ([travel] network = [{path, layer, profile}, ...]).
struct NetworkLayerSettings {
    std::string path;    ///< resolved against the scenario's folder
    std::string layer;   ///< empty = the only/first layer
    std::string profile; ///< car profile or line-layer profile (TOML); empty = [travel] profile
};

/// Which travel model produces the times.
struct TravelSettings {
    std::string model = "crow-fly"; ///< "crow-fly" or "network"
    double circuity = 1.3;          ///< crow-fly: road distance / great-circle distance
    double speed_kmh = 50;          ///< crow-fly: average speed
    std::string network;            ///< network: .osm.pbf/.osm, graph file, or OGR line layer
    /// network given as a list: OGR line layers merged into one graph (then
    /// `network` is empty).
    std::vector<NetworkLayerSettings> network_layers;
    double join_tolerance_m = 5;    ///< merged network: vertices of two layers this close are joined
    double near_miss_m = 25;        ///< merged network: reported as near misses up to this distance
    std::string profile;            ///< network: speed profile (TOML); empty = built-in car-fr
    /// network: names the model in every output instead of the file names
    /// alone (they follow in brackets), e.g. a source and its licence.
    std::string label;
    /// network: access leg speed, circuity of the access leg (its length =
    /// straight distance x circuity) and snap limit. Unset: the line-layer
    /// profile's [access_leg] values, else 15 km/h, 1, 2000 m.
    std::optional<double> offroad_speed_kmh;
    std::optional<double> access_circuity;
    std::optional<double> max_snap_m; ///< farther from a road = unreachable
};

/// Candidate sites given by the planner (any OGR point layer). Without it,
/// candidates are generated from the town halls of communes.
struct CandidateSource {
    geo::LayerSpec layer; ///< x/y fields for lon/lat columns
    std::string id_field;
    std::string name_field;
};

/// The largest scenario file maillage reads (a scenario is a few kilobytes).
inline constexpr std::size_t kMaxScenarioBytes = 1u << 20;

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
    std::optional<CantonNameSource> canton_names;
    std::optional<MergeSource> merges;
    std::optional<PopulationSource> population;
    SiteSource sites;
    /// Sites of neighbouring territories: they serve residents across the
    /// border (coverage) but are not counted in the canton table.
    std::optional<SiteSource> neighbours;
    DemandSource demand;
    CoverageSettings coverage;
    TravelSettings travel;
    std::optional<CandidateSource> candidates;
    OutputSettings output;
};

/// Reads and validates a scenario. Throws InputError naming the file and the
/// key (with its line) for a missing file, a syntax error, an unknown key, a
/// missing required key or a value of the wrong type.
/// A FIFO, a device or a file larger than kMaxScenarioBytes is refused
/// before it is read whole.
Scenario load_scenario(const std::string& path);

/// Same as load_scenario on text already in memory; `path` names it in
/// messages and relative paths are resolved from its directory. Opens no
/// layer (only the CRS definitions are checked).
Scenario parse_scenario(std::string_view text, const std::string& path);

} // namespace maillage
