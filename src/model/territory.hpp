#pragma once
/// Plain structs describing a territory: cantons, communes and France
/// Services sites, all geometry in the working CRS.

#include "core/date.hpp"
#include "core/ids.hpp"
#include "geo/types.hpp"
#include "model/week.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace maillage {

namespace geo {
class BoxIndex;
}

/// How a France Services operates (ANCT `format_fs`).
enum class SiteFormat { fixed, multi_site, bus, itinerant };

/// "fixed", "multi-site", "bus", "itinerant".
const char* to_string(SiteFormat format);
inline constexpr int kSiteFormatCount = 4;

struct Canton {
    std::string code; ///< INSEE canton code, e.g. "3514"
    std::string name;
    geo::MultiPolygon area;
    geo::Box bbox;
    /// Official population of the canton ([cantons] population_field), or
    /// empty: used to share the communes split between cantons.
    std::optional<double> official_population;
};

/// How the population of a commune split between cantons is shared.
enum class ShareRule {
    area,     ///< by the share of its area in each canton
    official, ///< by the cantons' official populations, less their whole communes
    demand,   ///< by the demand points (a finer layer) lying in each canton
};
const char* to_string(ShareRule rule);

/// A commune, after merges (old codes dissolved into the new one).
struct Commune {
    std::string code; ///< INSEE code after merges, e.g. "35238"
    std::string name;
    geo::MultiPolygon area;
    geo::Box bbox;
    geo::Point centroid;
    double area_m2 = 0;
    double population = 0;
    bool has_population = false;
    std::vector<std::string> former_codes; ///< codes merged into this one
    /// Every canton the commune belongs to; several for a commune split
    /// between cantons (Rennes, Fougères, Saint-Malo).
    std::vector<CantonId> cantons;
    /// Share of the commune's population in each of `cantons` (sums to 1):
    /// by `share_rule` (area unless something finer is known).
    std::vector<double> canton_share;
    ShareRule share_rule = ShareRule::area;
    /// How `cantons` was found: "table" (composition table) or "polygons".
    std::string canton_source;
    /// Where the commune stands on a map: its town hall (the scenario's
    /// town-hall layer) or, without one, its centroid when that lies inside
    /// the polygon, else a point on its surface. Commune demand and the
    /// candidates generated from communes stand there (io/demand_loader
    /// place_commune_seats). Empty seat_kind: not placed yet.
    geo::Point seat;
    geo::LonLat seat_lonlat;
    std::string seat_kind; ///< "town hall", "centroid" or "point on surface"
};

struct Site {
    std::string id;
    std::string name;
    std::string commune_code; ///< as given in the sites layer (after merges)
    SiteFormat format = SiteFormat::fixed;
    std::string format_text; ///< the raw value, e.g. "Bus_équivalent"
    std::optional<Date> labelled;
    geo::Point xy;
    geo::LonLat lonlat;
    std::string where; ///< "file.csv: line 12", for messages
    CommuneId commune = kInvalid;      ///< commune the site is attached to
    CommuneId point_commune = kInvalid; ///< commune polygon holding the point
    CantonId strict_canton = kInvalid;  ///< canton polygon holding the point
    std::vector<std::string> hours; ///< opening-hours texts per weekday, if mapped
    /// `hours` parsed when the site was read (io/opening_hours parse_site_hours);
    /// nullopt when no text is mapped or one is not understood (unknown, not guessed).
    std::optional<WeeklyHours> weekly_hours;
    /// One message per day text of `hours` not understood, naming the site
    /// (place, id, name) and quoting the text.
    std::vector<std::string> hours_problems;

    /// Open at `as_of`: labelled on or before it.
    bool open_at(const Date& as_of) const { return labelled && *labelled <= as_of; }
};

struct Territory {
    std::string name;
    std::string crs; ///< working CRS, e.g. "EPSG:2154"
    std::vector<Canton> cantons;
    std::vector<Commune> communes;
    std::vector<Site> sites;
    /// Sites of neighbouring territories (serve residents across the border;
    /// not counted in the canton table). `commune` is kInvalid for them
    /// unless their point falls in a commune of the territory.
    std::vector<Site> neighbour_sites;
    std::string population_label; ///< what the population figures are

    /// Index of the commune whose polygon covers `p` (boundary included); on a
    /// border shared by several, the lowest index. kInvalid if none.
    /// With an index (build_index) that matches the communes: O(log communes)
    /// plus exact tests of the few communes whose envelope holds `p`; without
    /// one, a scan of every commune in order (the same answer).
    CommuneId commune_at(const geo::Point& p) const;
    /// Same for cantons.
    CantonId canton_at(const geo::Point& p) const;

    /// Builds the envelope indexes of communes and cantons, O(n log n). Call
    /// once the polygons are final (the loader does), and again after editing
    /// polygons in place; an index whose size no longer matches is ignored.
    /// Copies share the (immutable) indexes.
    void build_index();

    /// Envelope indexes of communes and cantons (built on first use; call
    /// reset() on them after editing the polygons of a queried territory).
    std::shared_ptr<const geo::BoxIndex> commune_index, canton_index;
};

} // namespace maillage
