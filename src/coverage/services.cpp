#include "coverage/services.hpp"

#include "core/text.hpp"
#include "geo/transform.hpp"

#include <filesystem>
#include <unordered_map>

namespace maillage {

namespace {

bool is_mobile(SiteFormat f) { return f == SiteFormat::bus || f == SiteFormat::itinerant; }

// Notes end up in reports and on the map: they name a file, never a
// machine path.
std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

} // namespace

ServiceSet build_services(const Territory& t, const std::vector<Schedule>& schedules,
                          const Date& as_of, const std::string& working_crs) {
    ServiceSet out;
    std::unordered_map<std::string, const Site*> open_sites;
    for (const auto& s : t.sites)
        if (s.open_at(as_of)) open_sites.emplace(s.id, &s);
    for (const auto& s : t.neighbour_sites)
        if (s.open_at(as_of)) open_sites.emplace(s.id, &s);

    // Sites replaced by the stops of a schedule.
    std::unordered_map<std::string, const Route*> route_of_site;
    for (const auto& sched : schedules) {
        for (const auto& r : sched.routes) {
            if (!r.site_id.empty()) route_of_site.emplace(r.site_id, &r);
            if (r.hypothesis)
                out.notes.add(kScheduleHypothesis, "schedule " + file_name(sched.source) + ", route " + quote(r.id) + " " + r.name +
                                    ": HYPOTHESIS for illustration, not official data");
        }
    }

    auto add_site = [&](const Site& s, bool neighbour) {
        if (!s.open_at(as_of) || route_of_site.count(s.id)) return;
        ServicePoint p;
        p.id = s.id;
        p.site_id = s.id;
        p.name = s.name;
        p.format = s.format;
        p.mobile = is_mobile(s.format);
        p.neighbour = neighbour;
        p.commune_code = s.commune_code;
        p.xy = s.xy;
        p.lonlat = s.lonlat;
        p.hours = s.weekly_hours;
        for (const auto& problem : s.hours_problems) out.problems.add("opening hours not understood", problem);
        if (p.mobile)
            out.notes.add("mobile site without a schedule", "site " + s.id + " " + s.name + " (" + to_string(s.format) +
                                "): no stop schedule given, counted at its base address only");
        out.points.push_back(std::move(p));
    };
    for (const auto& s : t.sites) add_site(s, false);
    for (const auto& s : t.neighbour_sites) add_site(s, true);

    // Stops: explicit lon/lat, else the commune's seat (its town hall, or a
    // point inside it: Commune::seat), whatever the demand is.
    std::unordered_map<std::string, const Commune*> commune_of;
    for (const auto& c : t.communes) commune_of.emplace(c.code, &c);
    const geo::CoordinateTransform to_working("EPSG:4326", working_crs);
    const geo::CoordinateTransform to_wgs84(working_crs, "EPSG:4326");
    for (const auto& sched : schedules) {
        for (const auto& r : sched.routes) {
            const Site* site = nullptr;
            if (!r.site_id.empty()) {
                auto it = open_sites.find(r.site_id);
                if (it == open_sites.end()) {
                    out.notes.add("schedule of a site not open", "schedule " + file_name(sched.source) + ", route " + quote(r.id) + ": site " +
                                        quote(r.site_id) + " is not open on " + as_of.iso() + ": route not used");
                    continue;
                }
                site = it->second;
            }
            const SiteFormat format = r.kind == RouteKind::bus         ? SiteFormat::bus
                                      : r.kind == RouteKind::itinerant ? SiteFormat::itinerant
                                                                       : SiteFormat::multi_site;
            for (const auto& stop : r.stops) {
                ServicePoint p;
                p.id = (r.site_id.empty() ? r.id : r.site_id) + "/" + stop.name;
                p.site_id = r.site_id;
                p.name = (site ? site->name : r.name) + " - " + stop.name;
                p.format = format;
                p.mobile = r.kind != RouteKind::multi_site;
                p.from_schedule = true;
                p.hypothesis = r.hypothesis;
                p.commune_code = stop.commune;
                p.hours = stop.visits;
                if (stop.lonlat) {
                    p.lonlat = geo::LonLat{stop.lonlat->lon, stop.lonlat->lat};
                    p.xy = to_working.forward(p.lonlat.lon, p.lonlat.lat);
                    // Sites are checked against their commune code; stops too.
                    const CommuneId at = t.commune_at(p.xy);
                    if (at == kInvalid || t.communes[at].code != stop.commune)
                        out.problems.add("schedule stop outside its commune",
                                         sched.source + ": line " + std::to_string(stop.line) + ": route " +
                                             quote(r.id) + ": stop " + quote(stop.name) + ": its point (" +
                                             format_fixed(p.lonlat.lon, 5) + ", " + format_fixed(p.lonlat.lat, 5) +
                                             ") lies " +
                                             (at == kInvalid ? std::string("outside every commune")
                                                             : "in commune " + t.communes[at].code + " " +
                                                                   t.communes[at].name) +
                                             ", not in commune " + quote(stop.commune) +
                                             " it names (lon/lat or commune code wrong?)");
                } else if (auto it = commune_of.find(stop.commune); it != commune_of.end()) {
                    const Commune& c = *it->second;
                    if (!c.seat_kind.empty()) {
                        p.xy = c.seat;
                        p.lonlat = c.seat_lonlat;
                    } else { // a territory built without seats (tests)
                        p.xy = c.centroid;
                        const auto ll = to_wgs84.forward(c.centroid.x(), c.centroid.y());
                        p.lonlat = geo::LonLat{ll.x(), ll.y()};
                    }
                }
                out.points.push_back(std::move(p));
            }
        }
    }
    return out;
}

} // namespace maillage
