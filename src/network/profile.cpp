#include "network/profile.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "network/road_graph.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

namespace maillage::network {

CarProfile default_car_profile() {
    CarProfile p;
    p.class_speed_kmh = {
        {"motorway", 130},      {"motorway_link", 70},  {"trunk", 110},
        {"trunk_link", 60},     {"primary", 80},        {"primary_link", 50},
        {"secondary", 70},      {"secondary_link", 45}, {"tertiary", 60},
        {"tertiary_link", 40},  {"unclassified", 50},   {"residential", 40},
        {"living_street", 15},  {"service", 20},        {"road", 40},
    };
    p.maxspeed_zone_kmh = {
        {"FR:urban", 50}, {"FR:rural", 80}, {"FR:motorway", 130}, {"FR:zone30", 30},
        {"FR:trunk", 110},
    };
    p.blocked_access = {"no", "private", "agricultural", "forestry", "emergency", "military"};
    p.excluded_service = {"emergency_access"};
    p.implied_oneway = {"motorway"};
    return p;
}

namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

CarProfile load_profile(const std::string& path) {
    check_input_path(path, "profile file", InputKind::file, "expected a profile file (.toml)");
    return parse_profile(read_text_file(path, "profile file", kMaxProfileBytes,
                                        "a profile lists road classes and speeds: is it the right file?"),
                         path);
}

CarProfile parse_profile(std::string_view text, const std::string& path) {
    toml::table root;
    try {
        root = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        throw InputError(path + ": line " + std::to_string(e.source().begin.line) + ": " +
                         std::string(e.description()) + " (expected a TOML profile, see docs/profiles.md)");
    }
    CarProfile p = default_car_profile();
    auto where = [&](const toml::node& node) {
        return path + ": line " + std::to_string(node.source().begin.line) + ": ";
    };
    auto number = [&](const toml::node& node, const std::string& key, double lo, double hi) {
        auto v = node.value<double>();
        if (!v || !(*v >= lo && *v <= hi))
            throw InputError(where(node) + key + " must be a number in [" +
                             std::to_string(int(lo)) + ", " + std::to_string(int(hi)) + "]");
        return *v;
    };
    auto strings = [&](const toml::node& node, const std::string& key) {
        const auto* arr = node.as_array();
        if (!arr) throw InputError(where(node) + key + " must be an array of strings");
        std::vector<std::string> out;
        for (const auto& item : *arr) {
            auto s = item.value<std::string>();
            if (!s) throw InputError(where(item) + key + " must contain only strings");
            out.push_back(*s);
        }
        return out;
    };
    for (const auto& [key, node] : root) {
        const std::string k(key.str());
        if (k == "name") {
            auto s = node.value<std::string>();
            if (!s || s->empty()) throw InputError(where(node) + "name must be a non-empty string");
            p.name = *s;
        } else if (k == "description") {
            // free text, for humans
        } else if (k == "speed_factor") {
            p.speed_factor = number(node, k, 0.1, 1.5);
        } else if (k == "speed_kmh") {
            const auto* t = node.as_table();
            if (!t) throw InputError(where(node) + "[speed_kmh] must be a table class = km/h");
            p.class_speed_kmh.clear();
            for (const auto& [cls, v] : *t)
                p.class_speed_kmh[std::string(cls.str())] =
                    number(v, "speed_kmh." + std::string(cls.str()), 1, 200);
            if (p.class_speed_kmh.empty())
                throw InputError(where(node) + "[speed_kmh] lists no road class");
        } else if (k == "maxspeed") {
            const auto* t = node.as_table();
            if (!t) throw InputError(where(node) + "[maxspeed] must be a table");
            for (const auto& [mk, v] : *t) {
                const std::string m(mk.str());
                if (m == "use") {
                    const auto b = v.value<bool>();
                    if (!b) throw InputError(where(v) + "maxspeed.use must be true or false");
                    p.use_maxspeed = *b;
                } else if (m == "min_kmh") p.maxspeed_min_kmh = number(v, "maxspeed.min_kmh", 1, 200);
                else if (m == "max_kmh") p.maxspeed_max_kmh = number(v, "maxspeed.max_kmh", 1, 400);
                else if (m == "zones") {
                    const auto* z = v.as_table();
                    if (!z) throw InputError(where(v) + "[maxspeed.zones] must be a table");
                    p.maxspeed_zone_kmh.clear();
                    for (const auto& [zk, zv] : *z)
                        p.maxspeed_zone_kmh[std::string(zk.str())] =
                            number(zv, "maxspeed.zones." + std::string(zk.str()), 1, 200);
                } else {
                    throw InputError(where(v) + "unknown key maxspeed." + m +
                                     " (expected use, min_kmh, max_kmh, zones)");
                }
            }
        } else if (k == "access") {
            const auto* t = node.as_table();
            if (!t) throw InputError(where(node) + "[access] must be a table");
            for (const auto& [ak, v] : *t) {
                const std::string a(ak.str());
                if (a == "blocked") p.blocked_access = strings(v, "access.blocked");
                else if (a == "excluded_service") p.excluded_service = strings(v, "access.excluded_service");
                else if (a == "implied_oneway") p.implied_oneway = strings(v, "access.implied_oneway");
                else
                    throw InputError(where(v) + "unknown key access." + a +
                                     " (expected blocked, excluded_service, implied_oneway)");
            }
        } else {
            throw InputError(where(node) + "unknown key \"" + k +
                             "\" (expected name, description, speed_factor, speed_kmh, maxspeed, access)");
        }
    }
    if (p.maxspeed_min_kmh > p.maxspeed_max_kmh)
        throw InputError(path + ": maxspeed.min_kmh is above maxspeed.max_kmh");
    return p;
}

std::optional<double> parse_maxspeed(std::string_view text, const CarProfile& profile) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (auto it = profile.maxspeed_zone_kmh.find(text); it != profile.maxspeed_zone_kmh.end())
        return it->second;
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
        ++i;
    if (i == 0) return std::nullopt;
    auto value = parse_double(text.substr(0, i));
    if (!value) return std::nullopt;
    std::string_view unit = trim(text.substr(i));
    double kmh = *value;
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") {
    } else if (unit == "mph") {
        kmh *= 1.609344;
    } else if (unit == "knots") {
        kmh *= 1.852;
    } else {
        return std::nullopt;
    }
    if (!(kmh >= profile.maxspeed_min_kmh && kmh <= profile.maxspeed_max_kmh)) return std::nullopt;
    return kmh;
}

WayClass classify_way(const WayTags& t, const CarProfile& profile) {
    WayClass c;
    auto cls = profile.class_speed_kmh.find(t.highway);
    if (t.highway.empty() || cls == profile.class_speed_kmh.end()) return c;
    if (t.area == "yes") return c;
    // construction=minor marks works on an open road.
    if (!t.construction.empty() && t.construction != "no" && t.construction != "minor") return c;
    if (t.highway == "service" && !t.service.empty() && contains(profile.excluded_service, t.service))
        return c;
    // The most specific access tag present decides.
    for (std::string_view a : {t.motorcar, t.motor_vehicle, t.vehicle, t.access}) {
        if (a.empty()) continue;
        if (contains(profile.blocked_access, a)) return c;
        break;
    }
    std::uint8_t dir = WaySet::kForward | WaySet::kBackward;
    const bool roundabout = t.junction == "roundabout" || t.junction == "circular";
    const bool implied = roundabout || contains(profile.implied_oneway, t.highway);
    if (t.oneway == "yes" || t.oneway == "1" || t.oneway == "true") {
        dir = WaySet::kForward;
    } else if (t.oneway == "-1" || t.oneway == "reverse") {
        dir = WaySet::kBackward;
    } else if (t.oneway == "reversible" || t.oneway == "alternating") {
        c.closed = true;
        return c;
    } else if (t.oneway == "no" || t.oneway == "false" || t.oneway == "0") {
        dir = WaySet::kForward | WaySet::kBackward;
    } else if (implied) {
        dir = WaySet::kForward;
    }
    double limit = cls->second;
    if (profile.use_maxspeed && !t.maxspeed.empty()) {
        if (auto v = parse_maxspeed(t.maxspeed, profile)) limit = *v;
        else c.invalid_maxspeed = true;
    }
    c.car = true;
    c.direction = dir;
    c.speed_kmh = static_cast<float>(limit * profile.speed_factor);
    return c;
}

} // namespace maillage::network
