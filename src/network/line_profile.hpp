#pragma once
/// Line-layer profiles: a TOML file holding a line-layer mapping (class
/// table or speed field), a length correction and the access-leg settings
/// that suit a network without local streets (data/profiles/numbered-roads-fr.toml;
/// format in docs/profiles.md).

#include "network/line_graph.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace maillage::network {

/// A line-layer profile read from a file.
/// [built_up]: a speed cap on the part of a road inside a dense commune.
struct BuiltUpCap {
    double min_density = 0; ///< residents per km² of the commune (population / polygon area), > 0
    double max_kmh = 50;    ///< in [1, 300]
};

struct LineProfile {
    std::string name;
    LineLayerMapping mapping;
    /// Lengths and times of the layer's roads are multiplied by this, in [0.5, 3].
    double length_factor = 1;
    /// [access_leg]: defaults for a scenario's access legs (unset = the scenario's own).
    std::optional<double> access_speed_kmh; ///< in (0, 200]
    std::optional<double> access_circuity;  ///< in [1, 5]
    std::optional<double> max_snap_m;       ///< in (0, 100000]
    /// [built_up] caps, densest first (the first a commune reaches applies);
    /// empty = no slowdown.
    std::vector<BuiltUpCap> built_up;
    /// [built_up] only_below_kmh: roads at this average speed or faster (dual
    /// carriageways, which bypass towns) are not slowed.
    double built_up_below_kmh = 1e9;
};

/// True if the TOML text is a line-layer profile (it has a top-level `kind`
/// key), false for a car profile (OSM tags). Throws InputError on bad TOML.
bool is_line_profile_text(std::string_view text, const std::string& path);

/// Reads a line-layer profile; throws InputError naming the file and line on
/// bad TOML, an unknown key, a missing key or a value out of range.
LineProfile parse_line_profile(std::string_view text, const std::string& path);

} // namespace maillage::network
