#include "network/line_profile.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

namespace maillage::network {

namespace {

toml::table parse_toml(std::string_view text, const std::string& path) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        throw InputError(path + ": line " + std::to_string(e.source().begin.line) + ": " +
                         std::string(e.description()) + " (expected a TOML profile, see docs/profiles.md)");
    }
}

std::string number_text(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

} // namespace

bool is_line_profile_text(std::string_view text, const std::string& path) {
    return parse_toml(text, path).contains("kind");
}

LineProfile parse_line_profile(std::string_view text, const std::string& path) {
    const toml::table root = parse_toml(text, path);
    LineProfile p;
    LineLayerMapping& m = p.mapping;
    auto where = [&](const toml::node& node) {
        return path + ": line " + std::to_string(node.source().begin.line) + ": ";
    };
    auto number = [&](const toml::node& node, const std::string& key, double lo, double hi) {
        auto v = node.value<double>();
        if (!v || !(*v >= lo && *v <= hi))
            throw InputError(where(node) + key + " must be a number in [" + number_text(lo) + ", " +
                             number_text(hi) + "]");
        return *v;
    };
    auto text_value = [&](const toml::node& node, const std::string& key) {
        auto s = node.value<std::string>();
        if (!s || s->empty()) throw InputError(where(node) + key + " must be a non-empty string");
        return *s;
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
    auto speeds = [&](const toml::node& node, const std::string& key) {
        const auto* t = node.as_table();
        if (!t) throw InputError(where(node) + "[" + key + "] must be a table value = km/h");
        std::map<std::string, double, std::less<>> out;
        for (const auto& [k, v] : *t)
            out[std::string(k.str())] = number(v, key + "." + std::string(k.str()), kMinLineSpeedKmh, kMaxLineSpeedKmh);
        return out;
    };
    bool has_kind = false;
    for (const auto& [key, node] : root) {
        const std::string k(key.str());
        if (k == "name") p.name = text_value(node, k);
        else if (k == "description") text_value(node, k); // free text, for humans
        else if (k == "kind") {
            has_kind = true;
            const std::string kind = text_value(node, k);
            if (kind == "class_table") m.kind = LineLayerMapping::Kind::class_table;
            else if (kind == "speed_field") m.kind = LineLayerMapping::Kind::speed_field;
            else throw InputError(where(node) + "kind must be \"class_table\" or \"speed_field\"");
        } else if (k == "class_field") m.class_field = text_value(node, k);
        else if (k == "speed_field") m.speed_field = text_value(node, k);
        else if (k == "class_speed_kmh") m.class_speed_kmh = speeds(node, k);
        else if (k == "override_fields") m.override_fields = strings(node, k);
        else if (k == "override_speed_kmh") m.override_speed_kmh = speeds(node, k);
        else if (k == "speed_factor") m.speed_factor = number(node, k, kMinSpeedFactor, kMaxSpeedFactor);
        else if (k == "length_factor") p.length_factor = number(node, k, 0.5, 3);
        else if (k == "oneway_field") m.oneway_field = text_value(node, k);
        else if (k == "forward_values") m.forward_values = strings(node, k);
        else if (k == "backward_values") m.backward_values = strings(node, k);
        else if (k == "closed_values") m.closed_values = strings(node, k);
        else if (k == "access_leg") {
            const auto* t = node.as_table();
            if (!t) throw InputError(where(node) + "[access_leg] must be a table");
            for (const auto& [ak, v] : *t) {
                const std::string a(ak.str());
                if (a == "speed_kmh") p.access_speed_kmh = number(v, "access_leg.speed_kmh", 1, 200);
                else if (a == "circuity") p.access_circuity = number(v, "access_leg.circuity", 1, 5);
                else if (a == "max_snap_m") p.max_snap_m = number(v, "access_leg.max_snap_m", 1, 100000);
                else
                    throw InputError(where(v) + "unknown key access_leg." + a +
                                     " (expected speed_kmh, circuity, max_snap_m)");
            }
        } else if (k == "built_up") {
            const auto* t = node.as_table();
            if (!t) throw InputError(where(node) + "[built_up] must be a table");
            for (const auto& [bk, v] : *t) {
                const std::string b(bk.str());
                if (b == "only_below_kmh") {
                    p.built_up_below_kmh = number(v, "built_up.only_below_kmh", kMinLineSpeedKmh, kMaxLineSpeedKmh);
                } else if (b == "caps") {
                    const auto* arr = v.as_array();
                    if (!arr) throw InputError(where(v) + "built_up.caps must be an array of {min_density, max_kmh}");
                    for (const auto& item : *arr) {
                        const auto* c = item.as_table();
                        if (!c || !c->contains("min_density") || !c->contains("max_kmh") || c->size() != 2)
                            throw InputError(where(item) +
                                             "each of built_up.caps must be { min_density = residents per km², "
                                             "max_kmh = km/h }");
                        BuiltUpCap cap;
                        cap.min_density = number(*c->get("min_density"), "built_up.caps.min_density", 1e-6, 1e6);
                        cap.max_kmh = number(*c->get("max_kmh"), "built_up.caps.max_kmh", kMinLineSpeedKmh,
                                             kMaxLineSpeedKmh);
                        p.built_up.push_back(cap);
                    }
                } else {
                    throw InputError(where(v) + "unknown key built_up." + b + " (expected only_below_kmh, caps)");
                }
            }
            std::stable_sort(p.built_up.begin(), p.built_up.end(),
                             [](const BuiltUpCap& a, const BuiltUpCap& b) { return a.min_density > b.min_density; });
        } else {
            throw InputError(where(node) + "unknown key \"" + k +
                             "\" (expected name, description, kind, class_field, speed_field, class_speed_kmh, "
                             "override_fields, override_speed_kmh, speed_factor, length_factor, oneway_field, "
                             "forward_values, backward_values, closed_values, access_leg, built_up)");
        }
    }
    if (!has_kind) throw InputError(path + ": missing key \"kind\" (a line-layer profile)");
    if (p.name.empty()) throw InputError(path + ": missing key \"name\"");
    try {
        (void)line_layer_fields(m);
    } catch (const UsageError& e) {
        throw InputError(path + ": " + e.what());
    }
    return p;
}

} // namespace maillage::network
