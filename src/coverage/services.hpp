#pragma once
/// The places where France Services is delivered at a given date: fixed and
/// multi-site offices at their address, buses and itinerant teams at the stops
/// of their schedule (or at their base address when no schedule is given),
/// each with its weekly hours.

#include "core/date.hpp"
#include "core/findings.hpp"
#include "model/demand.hpp"
#include "model/schedule.hpp"
#include "model/territory.hpp"
#include "model/week.hpp"

#include <optional>
#include <string>
#include <vector>

namespace maillage {

struct ServicePoint {
    std::string id;      ///< site id, or "site id/stop name" for a schedule stop
    std::string site_id; ///< id in the official list (empty for a route with none)
    std::string name;
    SiteFormat format = SiteFormat::fixed;
    bool mobile = false;     ///< bus or itinerant stop (coverage category mobile_only)
    bool neighbour = false;  ///< a site of a neighbouring territory
    bool from_schedule = false;
    bool hypothesis = false; ///< from a schedule marked as a hypothesis
    std::string commune_code; ///< INSEE code of the site's commune, or of the commune a stop names
    geo::Point xy;
    geo::LonLat lonlat;
    std::optional<WeeklyHours> hours; ///< nullopt: unknown (missing or unparsable)
};

/// The kind of the note that a schedule is a hypothesis (ServiceSet::notes).
inline constexpr const char* kScheduleHypothesis = "schedule hypothesis";

struct ServiceSet {
    std::vector<ServicePoint> points;
    Findings problems; ///< unparsable hours (site id + text), stops outside the commune they name...
    Findings notes;    ///< hypotheses, buses counted at their base address...
};

/// Builds the service points open at `as_of` from what the loaders parsed.
/// Stops without lon/lat are placed at their commune's seat (Commune::seat:
/// its town hall, or a point inside it; the centroid on a territory whose
/// seats were not placed), whatever the demand layer is. The hours problems a site carries (Site::hours_problems, kept
/// with the site id and the text) are reported in `problems` for the sites
/// used; so is a stop whose lon/lat lies outside the commune it names.
/// Precondition: the schedules were checked against the territory when
/// loaded (io/schedule_reader load_schedules: stop communes and route site
/// ids exist); a route of a site that is not open is left out with a note.
ServiceSet build_services(const Territory& territory, const std::vector<Schedule>& schedules, const Date& as_of,
                          const std::string& working_crs);

} // namespace maillage
