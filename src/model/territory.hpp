#pragma once
/// Plain structs describing a territory: cantons, communes and France
/// Services sites, all geometry in the working CRS.

#include "core/date.hpp"
#include "core/ids.hpp"
#include "geo/types.hpp"
#include "model/week.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace maillage {

namespace geo {
class BoxIndex;
}

/// An envelope index built on first use. Copying or moving gives an empty
/// one (the copy's polygons may change; rebuilding costs O(n log n)).
class LazyBoxIndex {
public:
    LazyBoxIndex() = default;
    LazyBoxIndex(const LazyBoxIndex&) noexcept {}
    LazyBoxIndex& operator=(const LazyBoxIndex&) noexcept {
        reset();
        return *this;
    }
    ~LazyBoxIndex() = default;

    /// The index of `count` boxes, built (thread-safely) from boxes() on the
    /// first call, or again if `count` changed since. The reference is valid
    /// until the next rebuild or reset().
    const geo::BoxIndex& get(std::size_t count, const std::function<std::vector<geo::Box>()>& boxes) const;
    /// Forgets the index (call after editing polygons already indexed).
    void reset() const;

private:
    mutable std::mutex m_mutex;
    mutable std::shared_ptr<const geo::BoxIndex> m_index;
};

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
};

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
    /// Share of the commune's area in each of `cantons` (sums to 1).
    std::vector<double> canton_share;
    /// How `cantons` was found: "table" (composition table) or "polygons".
    std::string canton_source;
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
    /// O(log communes) plus exact tests of the few communes whose envelope
    /// holds `p`; the envelope R-tree is built on the first call.
    CommuneId commune_at(const geo::Point& p) const;
    /// Same for cantons.
    CantonId canton_at(const geo::Point& p) const;

    /// Envelope indexes of communes and cantons (built on first use; call
    /// reset() on them after editing the polygons of a queried territory).
    LazyBoxIndex commune_index, canton_index;
};

} // namespace maillage
