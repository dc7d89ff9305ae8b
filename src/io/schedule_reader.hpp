#pragma once
/// Reader of schedule files (TOML) describing itinerant buses, itinerant
/// teams and multi-site offices stop by stop. Format: docs/schedules.md.

#include "model/schedule.hpp"
#include "model/territory.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage {

/// Largest schedule file read, in bytes. A schedule lists the stops of a
/// few routes (the example is 2 KB); the TOML document is held in memory
/// whole, about 10 times its size. Larger files are refused. docs/limits.md.
inline constexpr std::size_t kMaxScheduleBytes = 4u << 20;

/// Reads and checks the schedule file at `path`. Strict: unknown keys,
/// missing required keys, wrong types, unknown weekdays, reversed, empty or
/// overlapping visits within a stop (or between stops of one bus), lon
/// without lat, duplicate route ids all throw InputError
/// `FILE: line N: route "ID": stop "NAME": key "visits": ...`.
/// Commune codes are not checked here (see validate_schedule).
Schedule read_schedule(const std::string& path);

/// Same as read_schedule on text already in memory (at most kMaxScheduleBytes); `source` names it in
/// messages (usually the file name).
Schedule parse_schedule(std::string_view toml_text, const std::string& source);

/// Checks every stop's commune with `commune_exists` (e.g. a lookup in the
/// territory's INSEE codes). Throws InputError naming the schedule file, the
/// stop's line, route and stop, and the unknown code.
void validate_schedule(const Schedule& schedule,
                       const std::function<bool(std::string_view)>& commune_exists);

/// Checks a schedule against the territory: every stop's commune is one of
/// its communes (as above), and every route's site_id, when given, is the id
/// of a site of the sites list or the neighbours' list (an id in no list is
/// a typo, not a site closed at some date). Throws InputError naming the
/// schedule file, the line and the route (and the stop).
void validate_schedule(const Schedule& schedule, const Territory& territory);

/// Reads the schedule files at `paths` in order (read_schedule), then checks
/// each against the territory (validate_schedule), in the same order.
std::vector<Schedule> load_schedules(const std::vector<std::string>& paths, const Territory& territory);

} // namespace maillage
