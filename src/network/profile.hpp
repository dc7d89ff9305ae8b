#pragma once
/// Car speed profile: which OSM highway classes a car may use, at what speed,
/// and how access, oneway and maxspeed tags are read. Loaded from a TOML file
/// (format in docs/profiles.md; data/profiles/car-fr.toml is the default).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage::network {

/// A car profile. Defaults (default_car_profile()) equal data/profiles/car-fr.toml.
struct CarProfile {
    std::string name = "car-fr";
    /// Driving speed = limit (class speed or valid maxspeed) x speed_factor.
    double speed_factor = 0.85;
    /// Speed limit in km/h per drivable highway class; other classes are dropped.
    std::map<std::string, double, std::less<>> class_speed_kmh;
    /// Named maxspeed values ("FR:urban" -> 50).
    std::map<std::string, double, std::less<>> maxspeed_zone_kmh;
    /// false: tagged maxspeed values are ignored (not read, not counted):
    /// every way drives at its class speed ([maxspeed] use = false).
    bool use_maxspeed = true;
    /// A numeric maxspeed outside [min, max] km/h is invalid (ignored, counted).
    double maxspeed_min_kmh = 5;
    double maxspeed_max_kmh = 150;
    /// access/vehicle/motor_vehicle/motorcar values that forbid cars.
    std::vector<std::string> blocked_access;
    /// service=* values dropped even though highway=service is drivable.
    std::vector<std::string> excluded_service;
    /// Highway classes that are one-way unless tagged oneway=no.
    std::vector<std::string> implied_oneway;
};

/// The built-in French car profile (same values as data/profiles/car-fr.toml).
CarProfile default_car_profile();

/// Reads a profile TOML file. Tables present in the file replace the defaults
/// wholesale (so a file can drop a class). Throws InputError naming the file
/// and line on a syntax error, an unknown key or a speed out of range.
CarProfile load_profile(const std::string& path);
/// The largest profile file load_profile reads (a profile is a few kilobytes).
inline constexpr std::size_t kMaxProfileBytes = 1u << 20;

/// Same as load_profile on text already in memory; `path` names it in
/// messages. Throws InputError only.
CarProfile parse_profile(std::string_view text, const std::string& path);

/// Parses a maxspeed value: "50", "50 km/h", "30 mph", "FR:urban"... Returns
/// km/h, or nullopt if the text is not a usable car speed ("none", "walk",
/// "50;30", out of range).
std::optional<double> parse_maxspeed(std::string_view text, const CarProfile& profile);

/// The tags of a way that matter for cars; empty view = tag absent.
struct WayTags {
    std::string_view highway, oneway, junction, maxspeed, access, vehicle, motor_vehicle,
        motorcar, area, service, construction;
};

/// Verdict on one way.
struct WayClass {
    bool car = false;            ///< a car may use it (in at least one direction)
    bool closed = false;         ///< a car road, but closed (oneway=reversible/alternating)
    bool invalid_maxspeed = false; ///< maxspeed present but not understood (class speed used)
    float speed_kmh = 0;         ///< driving speed (limit x factor)
    std::uint8_t direction = 0;  ///< WaySet::kForward | WaySet::kBackward bits
};

/// Applies the profile to a way's tags (class, access, area, oneway,
/// roundabout, maxspeed). O(number of tags).
WayClass classify_way(const WayTags& tags, const CarProfile& profile);

} // namespace maillage::network
