#include "network/travel_model.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace maillage::network {

namespace bgi = boost::geometry::index;

CrowFlyModel::CrowFlyModel(CrowFlyOptions options) : m_options(options) {
    if (!(m_options.circuity >= 1.0))
        throw UsageError("crow-fly circuity must be >= 1 (road distance / straight distance)");
    if (!(m_options.speed_kmh > 0)) throw UsageError("crow-fly speed must be positive (km/h)");
}

std::string CrowFlyModel::describe() const {
    char buf[96];
    std::snprintf(buf, sizeof buf, "crow-fly: great-circle x %.2f at %g km/h", m_options.circuity,
                  m_options.speed_kmh);
    return buf;
}

std::uint32_t CrowFlyModel::time_s(const geo::LonLat& from, const geo::LonLat& to) const {
    const double s = geo::great_circle_m(from, to) * m_options.circuity / (m_options.speed_kmh / 3.6);
    return static_cast<std::uint32_t>(std::min(std::round(s), double(kUnreachable - 1)));
}

namespace {

// The crow-fly model's exact time is a haversine (geo::great_circle_m): two
// sines, two cosines and an arcsine per pair. With a million demand points
// most pairs are far too slow to matter, so a cheap necessary test comes
// first: the chord between the two points on the unit sphere (3 products),
// which grows with the great-circle distance (h of the haversine is
// chord^2 / 4). A pair is timed exactly only when its chord does not rule it
// out; the results are those of timing every pair.
struct Unit {
    double x, y, z;
};

Unit unit(const geo::LonLat& p) {
    constexpr double kDeg = 3.14159265358979323846 / 180.0;
    const double lat = p.lat * kDeg, lon = p.lon * kDeg;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double chord2(const Unit& a, const Unit& b) {
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    return dx * dx + dy * dy + dz * dz;
}

/// The largest chord^2 of a pair whose rounded time can be <= limit_s, with
/// a margin far above the rounding differences between the two formulas
/// (a pair just above it is timed exactly, never dropped wrongly).
double chord2_limit(double limit_s, double seconds_per_m) {
    constexpr double kEarthRadius_m = 6371008.8; // as geo::great_circle_m
    const double dist_m = (limit_s + 0.5 + 0.01) / seconds_per_m;
    const double half_angle = dist_m / (2 * kEarthRadius_m);
    if (half_angle >= 3.14159265358979323846 / 2) return 5.0; // every pair (chord^2 <= 4)
    const double c = 2 * std::sin(half_angle);
    return c * c * (1 + 1e-9) + 1e-15;
}

} // namespace

NearestSites CrowFlyModel::nearest(const std::vector<Place>& sites, const std::vector<Place>& demand,
                                   SnapReport* report) const {
    if (report) report->places += sites.size() + demand.size();
    NearestSites out;
    out.site.assign(demand.size(), kInvalid);
    out.time_s.assign(demand.size(), kUnreachable);
    const double s_per_m = m_options.circuity / (m_options.speed_kmh / 3.6);
    std::vector<Unit> site_unit;
    site_unit.reserve(sites.size());
    for (const auto& s : sites) site_unit.push_back(unit(s.lonlat));
    for (std::size_t d = 0; d < demand.size(); ++d) {
        const Unit u = unit(demand[d].lonlat);
        double within = 5.0; // chord^2 a site must not exceed to be timed
        for (SiteId s = 0; s < sites.size(); ++s) {
            if (chord2(u, site_unit[s]) > within) continue; // surely slower than the best so far
            const auto t = time_s(demand[d].lonlat, sites[s].lonlat);
            if (t < out.time_s[d]) {
                out.time_s[d] = t, out.site[d] = s;
                within = chord2_limit(double(t), s_per_m);
            }
        }
    }
    return out;
}

CoverageSets CrowFlyModel::coverage(const std::vector<Place>& sources, const std::vector<Place>& demand,
                                    const CoverageQuery& query, SnapReport* report) const {
    const std::uint32_t cutoff_s = query.cutoff_s;
    const std::vector<std::uint32_t>* faster = query.faster_than;
    query.check(demand.size());
    if (report) report->places += sources.size() + demand.size();
    const double s_per_m = m_options.circuity / (m_options.speed_kmh / 3.6);
    // Per demand point: the largest time kept, and the chord^2 beyond which
    // no pair can be kept (-1: none can, e.g. a point already at its site).
    std::vector<Unit> demand_unit;
    std::vector<double> demand_chord2;
    demand_unit.reserve(demand.size());
    demand_chord2.reserve(demand.size());
    const double cutoff_chord2 = chord2_limit(double(cutoff_s), s_per_m);
    for (DemandId d = 0; d < demand.size(); ++d) {
        demand_unit.push_back(unit(demand[d].lonlat));
        if (!faster || (*faster)[d] > cutoff_s)
            demand_chord2.push_back(cutoff_chord2);
        else if ((*faster)[d] == 0)
            demand_chord2.push_back(-1);
        else
            demand_chord2.push_back(chord2_limit(double((*faster)[d] - 1), s_per_m));
    }
    using LL = boost::geometry::model::d2::point_xy<double>;
    using Value = std::pair<LL, DemandId>;
    std::vector<Value> values;
    values.reserve(demand.size());
    geo::Box all;
    boost::geometry::assign_inverse(all);
    for (DemandId d = 0; d < demand.size(); ++d) {
        values.emplace_back(LL(demand[d].lonlat.lon, demand[d].lonlat.lat), d);
        boost::geometry::expand(all, values.back().first);
    }
    const bgi::rtree<Value, bgi::rstar<16>> tree(values.begin(), values.end());
    const double all_area = demand.empty() ? 0 : boost::geometry::area(all);

    // Radius reachable within the cutoff, turned into a lon/lat box that
    // surely contains it; the exact test follows.
    const double radius_m = double(cutoff_s) * (m_options.speed_kmh / 3.6) / m_options.circuity + 1.0;
    const double dlat = radius_m / 111194.9 * 1.01 + 1e-6;
    CoverageSets out;
    std::vector<Value> hits;
    std::vector<std::pair<DemandId, std::uint32_t>> kept; // demand, time
    auto consider = [&](DemandId d, const Unit& su, const Place& src) {
        if (chord2(demand_unit[d], su) > demand_chord2[d]) return;
        const auto t = time_s(demand[d].lonlat, src.lonlat);
        if (t > cutoff_s || (faster && t >= (*faster)[d])) return;
        kept.emplace_back(d, t);
    };
    for (const Place& src : sources) {
        const Unit su = unit(src.lonlat);
        const double lat0 = src.lonlat.lat;
        const double max_lat = std::min(89.9, std::abs(lat0) + dlat);
        const double dlon = std::min(360.0, dlat / std::cos(max_lat * 3.14159265358979323846 / 180.0));
        const geo::Box box(LL(src.lonlat.lon - dlon, lat0 - dlat), LL(src.lonlat.lon + dlon, lat0 + dlat));
        kept.clear();
        geo::Box common;
        const bool overlaps = boost::geometry::intersection(box, all, common);
        if (dlon >= 180 || (overlaps && all_area > 0 && boost::geometry::area(common) >= 0.2 * all_area)) {
            // The box holds a good share of the demand: one pass in id order
            // is cheaper than the tree (and needs no sort).
            for (DemandId d = 0; d < demand.size(); ++d) consider(d, su, src);
        } else {
            hits.clear();
            tree.query(bgi::intersects(box), std::back_inserter(hits));
            // A box across the date line: its other side too (no overlap
            // with the first query, the box being narrower than 360 degrees).
            for (const double shift : {-360.0, 360.0}) {
                const double lo = src.lonlat.lon - dlon + shift, hi = src.lonlat.lon + dlon + shift;
                if (hi < -180 || lo > 180) continue;
                tree.query(bgi::intersects(geo::Box(LL(lo, lat0 - dlat), LL(hi, lat0 + dlat))),
                           std::back_inserter(hits));
            }
            for (const Value& h : hits) consider(h.second, su, src);
            std::sort(kept.begin(), kept.end());
        }
        for (const auto& [d, t] : kept) {
            if (++out.pairs_found > query.max_pairs) {
                out.complete = false;
                continue;
            }
            out.demand.push_back(d);
            out.time_s.push_back(t);
        }
        out.first.push_back(static_cast<std::uint32_t>(out.demand.size()));
    }
    return out;
}

} // namespace maillage::network
