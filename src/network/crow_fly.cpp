#include "network/travel_model.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

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

NearestSites CrowFlyModel::nearest(const std::vector<Place>& sites, const std::vector<Place>& demand,
                                   SnapReport* report) const {
    if (report) report->places += sites.size() + demand.size();
    NearestSites out;
    out.site.assign(demand.size(), kInvalid);
    out.time_s.assign(demand.size(), kUnreachable);
    for (std::size_t d = 0; d < demand.size(); ++d) {
        for (SiteId s = 0; s < sites.size(); ++s) {
            const auto t = time_s(demand[d].lonlat, sites[s].lonlat);
            if (t < out.time_s[d]) out.time_s[d] = t, out.site[d] = s;
        }
    }
    return out;
}

CoverageSets CrowFlyModel::coverage(const std::vector<Place>& sources,
                                    const std::vector<Place>& demand, std::uint32_t cutoff_s,
                                    SnapReport* report) const {
    if (report) report->places += sources.size() + demand.size();
    using LL = boost::geometry::model::d2::point_xy<double>;
    using Value = std::pair<LL, DemandId>;
    std::vector<Value> values;
    values.reserve(demand.size());
    for (DemandId d = 0; d < demand.size(); ++d)
        values.emplace_back(LL(demand[d].lonlat.lon, demand[d].lonlat.lat), d);
    const bgi::rtree<Value, bgi::rstar<16>> tree(values.begin(), values.end());

    // Radius reachable within the cutoff, turned into a lon/lat box that
    // surely contains it; the exact test follows.
    const double radius_m = double(cutoff_s) * (m_options.speed_kmh / 3.6) / m_options.circuity + 1.0;
    const double dlat = radius_m / 111194.9 * 1.01 + 1e-6;
    CoverageSets out;
    std::vector<Value> hits;
    for (const Place& src : sources) {
        const double lat0 = src.lonlat.lat;
        const double max_lat = std::min(89.9, std::abs(lat0) + dlat);
        const double dlon = std::min(360.0, dlat / std::cos(max_lat * 3.14159265358979323846 / 180.0));
        hits.clear();
        const geo::Box box(LL(src.lonlat.lon - dlon, lat0 - dlat), LL(src.lonlat.lon + dlon, lat0 + dlat));
        tree.query(bgi::intersects(box), std::back_inserter(hits));
        std::sort(hits.begin(), hits.end(), [](const Value& a, const Value& b) { return a.second < b.second; });
        for (const Value& h : hits) {
            const auto t = time_s(demand[h.second].lonlat, src.lonlat);
            if (t <= cutoff_s) {
                out.demand.push_back(h.second);
                out.time_s.push_back(t);
            }
        }
        out.first.push_back(static_cast<std::uint32_t>(out.demand.size()));
    }
    return out;
}

} // namespace maillage::network
