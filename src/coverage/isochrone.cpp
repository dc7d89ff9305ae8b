#include "coverage/isochrone.hpp"

#include "core/error.hpp"
#include "geo/polygon_ops.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/distance.hpp>
#include <boost/geometry/algorithms/perimeter.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace maillage::coverage {

namespace bg = boost::geometry;

geo::LineString cut_line(const geo::LineString& line, double fraction) {
    if (line.empty()) return line;
    if (!(fraction > 0)) return geo::LineString{line.front()};
    if (fraction >= 1) return line;
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i) total += bg::distance(line[i - 1], line[i]);
    const double wanted = total * fraction;
    geo::LineString out{line.front()};
    double done = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double seg = bg::distance(line[i - 1], line[i]);
        if (done + seg >= wanted) {
            const double t = seg > 0 ? (wanted - done) / seg : 0;
            const auto& a = line[i - 1];
            const auto& b = line[i];
            out.emplace_back(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
            return out;
        }
        done += seg;
        out.push_back(line[i]);
    }
    return out;
}

namespace {

geo::MultiPolygon fill_small_holes(geo::MultiPolygon mp, double min_hole_m2) {
    if (min_hole_m2 <= 0) return mp;
    for (auto& p : mp) {
        auto& inners = p.inners();
        // Boost holes are counter-clockwise: their area is negative.
        inners.erase(std::remove_if(inners.begin(), inners.end(),
                                    [&](const auto& ring) { return std::abs(bg::area(ring)) < min_hole_m2; }),
                     inners.end());
    }
    return mp;
}

} // namespace

geo::MultiPolygon isochrone_from_arcs(const geo::MultiLineString& reachable_arcs, const geo::MultiPolygon& territory,
                                      const ArcIsochroneOptions& options) {
    if (!(options.buffer_m > 0))
        throw GeometryError("isochrone buffer must be positive, got " + std::to_string(options.buffer_m) + " m");
    return finish_isochrone(
        geo::buffer_union(reachable_arcs, options.buffer_m, options.quadrant_segments, options.simplify_m), territory,
        options);
}

geo::MultiPolygon finish_isochrone(geo::MultiPolygon buffered, const geo::MultiPolygon& territory,
                                   const ArcIsochroneOptions& options) {
    buffered = fill_small_holes(std::move(buffered), options.min_hole_m2);
    if (buffered.empty()) return buffered;
    return geo::intersection(buffered, territory);
}

double crow_fly_radius_m(double speed_kmh, double time_s, double circuity) {
    if (!(speed_kmh > 0) || !(time_s >= 0) || !(circuity >= 1))
        throw GeometryError("crow-fly radius: expected speed > 0 km/h, time >= 0 s and circuity >= 1, got " +
                            std::to_string(speed_kmh) + ", " + std::to_string(time_s) + ", " +
                            std::to_string(circuity));
    return speed_kmh / 3.6 * time_s / circuity;
}

geo::MultiPolygon crow_fly_isochrone(const geo::Point& site, double radius_m, const geo::MultiPolygon& territory,
                                     int segments) {
    const geo::MultiPolygon disc{geo::circle(site, radius_m, segments)};
    return geo::intersection(disc, territory);
}

geo::MultiPolygon covered_area(const std::vector<geo::MultiPolygon>& isochrones) {
    std::vector<const geo::MultiPolygon*> parts;
    parts.reserve(isochrones.size());
    for (const auto& i : isochrones) parts.push_back(&i);
    if (parts.empty()) return {};
    return geo::union_all(parts);
}

geo::MultiPolygon uncovered_area(const geo::MultiPolygon& territory, const geo::MultiPolygon& covered) {
    if (covered.empty()) return territory;
    geo::MultiPolygon out = geo::difference(territory, covered);
    std::erase_if(out, [](const geo::Polygon& p) {
        const double area = std::abs(bg::area(p));
        const double perimeter = bg::perimeter(p);
        return area < kMinUncoveredPiece_m2 || !(perimeter > 0) || 2 * area / perimeter < kMinUncoveredWidth_m;
    });
    for (auto& p : out)
        std::erase_if(p.inners(), [](const auto& ring) { return std::abs(bg::area(ring)) < kMinUncoveredPiece_m2; });
    return out;
}

} // namespace maillage::coverage
