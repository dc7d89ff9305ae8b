#include "model/schedule.hpp"

namespace maillage {

std::string_view to_string(RouteKind kind) {
    switch (kind) {
    case RouteKind::bus: return "bus";
    case RouteKind::itinerant: return "itinerant";
    case RouteKind::multi_site: return "multi-site";
    }
    return "?";
}

WeeklyHours route_hours(const Route& route) {
    std::vector<MinuteInterval> all;
    for (const auto& stop : route.stops)
        all.insert(all.end(), stop.visits.intervals.begin(), stop.visits.intervals.end());
    return normalized(std::move(all));
}

} // namespace maillage
