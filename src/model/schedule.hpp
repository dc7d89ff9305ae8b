#pragma once
/// Plain structs for itinerant France Services: buses and itinerant teams
/// that stop in several communes on a weekly timetable, and multi-site
/// offices whose team alternates between towns. Read by io/schedule_reader.

#include "model/week.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage {

/// How a route serves its stops. `bus` and `itinerant` stops are mobile
/// service (coverage category mobile_only); `multi_site` stops are offices.
enum class RouteKind { bus, itinerant, multi_site };

/// "bus", "itinerant" or "multi-site" (the schedule file's spelling).
std::string_view to_string(RouteKind kind);

/// WGS84 position of a stop in degrees.
struct StopPosition {
    double lon = 0;
    double lat = 0;
};

/// One place a route serves, with its visits over the week.
struct Stop {
    std::string name;
    std::string commune;                 ///< INSEE code, e.g. "35239"
    std::optional<StopPosition> lonlat;  ///< nullopt: the commune's town hall
    WeeklyHours visits;                  ///< never empty
    int line = 0;                        ///< line of the [[route.stop]] header
};

/// A bus, itinerant team or multi-site office and its stops.
struct Route {
    std::string id;       ///< unique within the file
    std::string name;
    RouteKind kind = RouteKind::bus;
    std::string site_id;  ///< id_fs in the official list; empty if none given
    bool hypothesis = false;  ///< true: illustration, not official data
    std::string note;
    std::vector<Stop> stops;  ///< at least one
    int line = 0;             ///< line of the [[route]] header
};

/// Every route of one schedule file.
struct Schedule {
    std::string source;  ///< file name, for messages
    std::vector<Route> routes;
};

/// Union of the visits of all stops of a route (when the route is open
/// somewhere). O(n log n) in the number of visits.
WeeklyHours route_hours(const Route& route);

} // namespace maillage
