#include "io/schedule_reader.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "io/opening_hours.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <sstream>
#include <unordered_set>

namespace maillage {

namespace {

// Carries the file name and the route/stop being read, so every message
// says where it comes from without repeating it at each throw.
struct Context {
    const std::string& source;
    std::string where;  // `route "x": stop "y": ` or empty

    [[noreturn]] void fail(std::uint32_t line, const std::string& what) const {
        throw InputError(source + ": line " + std::to_string(line) + ": " + where + what);
    }
    [[noreturn]] void fail(const toml::node& node, const std::string& what) const {
        fail(node.source().begin.line, what);
    }
};

std::string key_msg(std::string_view key) { return "key \"" + std::string(key) + "\": "; }

void reject_unknown_keys(const Context& ctx, const toml::table& table,
                         std::initializer_list<std::string_view> allowed, std::string_view expected) {
    for (auto&& [key, node] : table) {
        (void)node;
        if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
            ctx.fail(key.source().begin.line, "unknown key \"" + std::string(key.str()) +
                                                  "\" (expected " + std::string(expected) + ")");
    }
}

const toml::node& required(const Context& ctx, const toml::table& table, std::string_view key) {
    const auto* node = table.get(key);
    if (!node) ctx.fail(table.source().begin.line, "missing required key \"" + std::string(key) + "\"");
    return *node;
}

std::string as_text(const Context& ctx, const toml::node& node, std::string_view key,
                    bool allow_empty = false) {
    const auto* value = node.as_string();
    if (!value) {
        std::string hint;
        if (node.is_integer()) hint = "; write codes and ids in quotes";
        ctx.fail(node, key_msg(key) + "expected a string" + hint);
    }
    std::string text = value->get();
    if (!allow_empty && trim(text).empty()) ctx.fail(node, key_msg(key) + "is empty");
    return text;
}

std::optional<std::string> optional_text(const Context& ctx, const toml::table& table,
                                         std::string_view key) {
    const auto* node = table.get(key);
    if (!node) return std::nullopt;
    return as_text(ctx, *node, key);
}

double as_degrees(const Context& ctx, const toml::node& node, std::string_view key, double limit) {
    double value = 0;
    if (const auto* f = node.as_floating_point())
        value = f->get();
    else if (const auto* i = node.as_integer())
        value = static_cast<double>(i->get());
    else
        ctx.fail(node, key_msg(key) + "expected a number of decimal degrees");
    if (!std::isfinite(value) || std::abs(value) > limit)
        ctx.fail(node, key_msg(key) + "value " + std::to_string(value) + " is outside [-" +
                           std::to_string(static_cast<int>(limit)) + ", " +
                           std::to_string(static_cast<int>(limit)) + "] degrees");
    return value;
}

RouteKind as_kind(const Context& ctx, const toml::node& node) {
    const auto text = as_text(ctx, node, "kind");
    if (text == "bus") return RouteKind::bus;
    if (text == "itinerant") return RouteKind::itinerant;
    if (text == "multi-site") return RouteKind::multi_site;
    ctx.fail(node, key_msg("kind") + quote(text) + " is not a route kind (expected bus, " +
                       "itinerant or multi-site)");
}

struct Visit {
    MinuteInterval interval;
    std::uint32_t line;
    std::string text;
};

// "mardi 09:00-12:00": a weekday, spaces, then the same times as opening hours.
std::vector<Visit> parse_visits(const Context& ctx, const toml::node& node) {
    const auto* array = node.as_array();
    if (!array) ctx.fail(node, key_msg("visits") + "expected an array of strings such as " +
                                   "[\"mardi 09:00-12:00\"]");
    if (array->empty()) ctx.fail(node, key_msg("visits") + "is empty (expected at least one visit)");
    std::vector<Visit> visits;
    for (std::size_t k = 0; k < array->size(); ++k) {
        const auto& element = *array->get(k);
        const std::string key = "visits[" + std::to_string(k) + "]";
        const auto* str = element.as_string();
        if (!str) ctx.fail(element, key_msg(key) + "expected a string such as \"mardi 09:00-12:00\"");
        const std::string_view text = trim(str->get());
        const auto space = text.find_first_of(" \t");
        const auto day_name = text.substr(0, space);
        const auto day = parse_weekday(day_name);
        if (!day)
            ctx.fail(element, key_msg(key) + quote(str->get()) + ": " + quote(day_name) +
                                  " is not a weekday (expected lundi ... dimanche or Monday ... " +
                                  "Sunday, then start-end)");
        if (space == std::string_view::npos)
            ctx.fail(element, key_msg(key) + quote(str->get()) + ": no time after the weekday " +
                                  "(expected e.g. \"mardi 09:00-12:00\")");
        std::vector<MinuteInterval> day_hours;
        try {
            day_hours = parse_day_hours(trim(text.substr(space)));
        } catch (const InputError& e) {
            ctx.fail(element, key_msg(key) + quote(str->get()) + ": " + e.what());
        }
        if (day_hours.empty())
            ctx.fail(element, key_msg(key) + quote(str->get()) + ": no time after the weekday " +
                                  "(expected e.g. \"mardi 09:00-12:00\")");
        const int offset = *day * kMinutesPerDay;
        for (const auto& iv : day_hours)
            visits.push_back({{iv.start_min + offset, iv.end_min + offset},
                              element.source().begin.line, str->get()});
    }
    return visits;
}

// Throws if two visits overlap (touching is fine: one continuous stay).
void reject_overlaps(const Context& ctx, std::vector<Visit> visits, std::string_view what) {
    std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
        return a.interval.start_min < b.interval.start_min;
    });
    for (std::size_t k = 1; k < visits.size(); ++k) {
        const auto& a = visits[k - 1];
        const auto& b = visits[k];
        if (b.interval.start_min < a.interval.end_min) {
            const auto& later_line = std::max(a.line, b.line);
            ctx.fail(later_line, key_msg("visits") + quote(a.text) + " (line " +
                                     std::to_string(a.line) + ") and " + quote(b.text) +
                                     " (line " + std::to_string(b.line) + ") overlap " +
                                     std::string(what));
        }
    }
}

Stop read_stop(const Context& route_ctx, const toml::node& node, std::vector<Visit>& route_visits) {
    const auto* table = node.as_table();
    if (!table) route_ctx.fail(node, "[[route.stop]] must be a table");
    Context ctx{route_ctx.source, route_ctx.where};
    Stop stop;
    stop.line = static_cast<int>(table->source().begin.line);
    if (const auto* name = table->get("name"))
        ctx.where += "stop " + quote(as_text(ctx, *name, "name")) + ": ";
    reject_unknown_keys(ctx, *table, {"name", "commune", "lon", "lat", "visits"},
                        "name, commune, lon, lat, visits");
    stop.name = as_text(ctx, required(ctx, *table, "name"), "name");
    stop.commune = std::string(trim(as_text(ctx, required(ctx, *table, "commune"), "commune")));
    const auto* lon = table->get("lon");
    const auto* lat = table->get("lat");
    if (lon && !lat) ctx.fail(*lon, "key \"lon\" without \"lat\" (give both or neither)");
    if (lat && !lon) ctx.fail(*lat, "key \"lat\" without \"lon\" (give both or neither)");
    if (lon && lat)
        stop.lonlat = StopPosition{as_degrees(ctx, *lon, "lon", 180), as_degrees(ctx, *lat, "lat", 90)};
    auto visits = parse_visits(ctx, required(ctx, *table, "visits"));
    reject_overlaps(ctx, visits, "within one stop");
    std::vector<MinuteInterval> intervals;
    for (const auto& v : visits) intervals.push_back(v.interval);
    stop.visits = normalized(std::move(intervals));
    for (auto& v : visits) v.text = stop.name + ": " + v.text;
    route_visits.insert(route_visits.end(), visits.begin(), visits.end());
    return stop;
}

Route read_route(const Context& file_ctx, const toml::node& node) {
    const auto* table = node.as_table();
    if (!table) file_ctx.fail(node, "[[route]] must be a table");
    Context ctx{file_ctx.source, ""};
    Route route;
    route.line = static_cast<int>(table->source().begin.line);
    if (const auto* id = table->get("id")) ctx.where = "route " + quote(as_text(ctx, *id, "id")) + ": ";
    reject_unknown_keys(ctx, *table,
                        {"id", "name", "kind", "site_id", "hypothesis", "note", "stop"},
                        "id, name, kind, site_id, hypothesis, note, stop");
    route.id = as_text(ctx, required(ctx, *table, "id"), "id");
    route.name = as_text(ctx, required(ctx, *table, "name"), "name");
    route.kind = as_kind(ctx, required(ctx, *table, "kind"));
    route.site_id = optional_text(ctx, *table, "site_id").value_or("");
    route.note = optional_text(ctx, *table, "note").value_or("");
    if (const auto* hyp = table->get("hypothesis")) {
        const auto* b = hyp->as_boolean();
        if (!b) ctx.fail(*hyp, key_msg("hypothesis") + "expected true or false");
        route.hypothesis = b->get();
    }
    const auto& stops = required(ctx, *table, "stop");
    const auto* array = stops.as_array();
    if (!array || array->empty())
        ctx.fail(stops, key_msg("stop") + "expected one or more [[route.stop]] tables");
    std::vector<Visit> route_visits;
    for (const auto& stop : *array) route.stops.push_back(read_stop(ctx, stop, route_visits));
    // One vehicle cannot be at two stops at once; a multi-site office or an
    // itinerant service may have several teams, so only buses are checked.
    if (route.kind == RouteKind::bus) reject_overlaps(ctx, route_visits, "(one bus, two stops)");
    return route;
}

} // namespace

Schedule parse_schedule(std::string_view toml_text, const std::string& source) {
    const Context ctx{source, ""};
    if (toml_text.size() > kMaxScheduleBytes)
        throw InputError(source + ": schedule of " + std::to_string(toml_text.size()) + " bytes, more than the " +
                         std::to_string(kMaxScheduleBytes) +
                         " bytes maillage reads (a schedule lists the stops of a few routes: is it the right file?)");
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        ctx.fail(e.source().begin.line, "not valid TOML: " + std::string(e.description()));
    }
    reject_unknown_keys(ctx, root, {"route"}, "[[route]] tables");
    Schedule schedule;
    schedule.source = source;
    if (const auto* node = root.get("route"); node && !node->is_array())
        ctx.fail(*node, "key \"route\": expected [[route]] tables (double brackets)");
    const auto* routes = root.get_as<toml::array>("route");
    if (!routes || routes->empty())
        throw InputError(source + ": no [[route]] table (expected at least one route)");
    std::set<std::string> ids;
    for (const auto& node : *routes) {
        auto route = read_route(ctx, node);
        if (!ids.insert(route.id).second)
            ctx.fail(static_cast<std::uint32_t>(route.line),
                     "route " + quote(route.id) + ": key \"id\": duplicate route id");
        schedule.routes.push_back(std::move(route));
    }
    return schedule;
}

Schedule read_schedule(const std::string& path) {
    return parse_schedule(read_text_file(path, "schedule file", kMaxScheduleBytes,
                                         "a schedule lists the stops of a few routes: is it the right file?"),
                          path);
}

void validate_schedule(const Schedule& schedule,
                       const std::function<bool(std::string_view)>& commune_exists) {
    for (const auto& route : schedule.routes) {
        for (const auto& stop : route.stops) {
            if (!commune_exists(stop.commune))
                throw InputError(schedule.source + ": line " + std::to_string(stop.line) +
                                 ": route " + quote(route.id) + ": stop " + quote(stop.name) +
                                 ": key \"commune\": " + quote(stop.commune) +
                                 " is not a commune of the territory (expected an INSEE code " +
                                 "such as \"35239\")");
        }
    }
}

void validate_schedule(const Schedule& schedule, const Territory& territory) {
    std::unordered_set<std::string_view> communes;
    for (const auto& c : territory.communes) communes.insert(c.code);
    validate_schedule(schedule, [&](std::string_view code) { return communes.count(code) > 0; });
    std::unordered_set<std::string_view> sites;
    for (const auto& s : territory.sites) sites.insert(s.id);
    for (const auto& s : territory.neighbour_sites) sites.insert(s.id);
    for (const auto& r : schedule.routes) {
        if (!r.site_id.empty() && !sites.count(r.site_id))
            throw InputError(schedule.source + ": line " + std::to_string(r.line) + ": route " + quote(r.id) +
                             ": key \"site_id\": " + quote(r.site_id) +
                             " is not the id of any site in the sites list or the neighbours' list "
                             "(unknown site id; expected an id_fs of the list)");
    }
}

std::vector<Schedule> load_schedules(const std::vector<std::string>& paths, const Territory& territory) {
    std::vector<Schedule> schedules;
    for (const auto& path : paths) schedules.push_back(read_schedule(path));
    for (const auto& schedule : schedules) validate_schedule(schedule, territory);
    return schedules;
}

} // namespace maillage
