#include "network/speed_zones.hpp"

#include "core/error.hpp"

#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/intersection.hpp>
#include <boost/geometry/algorithms/intersects.hpp>
#include <boost/geometry/algorithms/length.hpp>

#include <algorithm>
#include <cmath>

namespace maillage::network {

namespace bg = boost::geometry;

SpeedZoneReport cap_speeds_in_zones(RoadGraph& g, const std::vector<SpeedZone>& zones, const SpeedZoneScope& scope) {
    SpeedZoneReport report;
    std::vector<geo::Box> zone_box(zones.size());
    for (std::size_t z = 0; z < zones.size(); ++z) {
        if (!(zones[z].max_kmh > 0))
            throw GeometryError("speed zone " + std::to_string(z) + ": speed cap must be positive, got " +
                                std::to_string(zones[z].max_kmh) + " km/h");
        bg::envelope(zones[z].area, zone_box[z]);
    }
    const auto in_scope = [&](ArcId a) {
        return a != kInvalid && (g.arc_layer.empty() ? scope.layer == 0 : g.arc_layer[a] == scope.layer);
    };
    for (std::uint32_t s = 0; s < g.shape_count(); ++s) {
        const ArcId arcs[2] = {g.shape_forward_arc[s], g.shape_backward_arc[s]};
        if (!in_scope(arcs[0]) && !in_scope(arcs[1])) continue;
        geo::LineString line;
        for (auto i = g.shape_first[s]; i < g.shape_first[s + 1]; ++i) line.emplace_back(g.shape_x[i], g.shape_y[i]);
        const double total = bg::length(line);
        if (line.size() < 2 || !(total > 0)) continue;
        geo::Box box;
        bg::envelope(line, box);
        // (fraction inside, cap) per zone the shape enters.
        std::vector<std::pair<double, double>> parts;
        for (std::size_t z = 0; z < zones.size(); ++z) {
            if (!bg::intersects(box, zone_box[z])) continue;
            geo::MultiLineString inside;
            bg::intersection(line, zones[z].area, inside);
            const double f = bg::length(inside) / total;
            if (f > 0) parts.emplace_back(std::min(f, 1.0), zones[z].max_kmh);
        }
        if (parts.empty()) continue;
        for (ArcId a : arcs) {
            if (!in_scope(a) || g.time_ds[a] == 0) continue;
            const double t = g.time_ds[a];
            const double v_kmh = g.length_m[a] / (t / 10.0) * 3.6;
            if (!(v_kmh < scope.only_below_kmh)) continue;
            double factor = 1;
            for (const auto& [f, cap] : parts) {
                if (v_kmh > cap) factor += f * (v_kmh / cap - 1);
            }
            if (factor <= 1) continue;
            const auto slowed = static_cast<TimeDs>(std::max<long long>(1, std::llround(std::min(t * factor, 4.0e9))));
            if (slowed == g.time_ds[a]) continue;
            report.seconds_added += (slowed - g.time_ds[a]) / 10.0;
            g.time_ds[a] = slowed;
            ++report.arcs_slowed;
        }
    }
    // The incoming-arc copy of the times.
    for (std::size_t i = 0; i < g.in_arc.size(); ++i) g.in_time_ds[i] = g.time_ds[g.in_arc[i]];
    return report;
}

} // namespace maillage::network
