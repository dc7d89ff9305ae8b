#include "model/territory_build.hpp"

#include "geo/polygon_ops.hpp"

#include <boost/geometry.hpp>

#include <utility>

namespace maillage {

namespace bg = boost::geometry;

namespace {

geo::Box box_of(const geo::MultiPolygon& mp) {
    geo::Box b;
    bg::envelope(mp, b);
    return b;
}

} // namespace

void set_area(Canton& canton, geo::MultiPolygon area) {
    canton.area = std::move(area);
    canton.bbox = box_of(canton.area);
}

void set_area(Commune& c, std::vector<geo::MultiPolygon> parts) {
    if (parts.size() == 1) {
        c.area = std::move(parts.front());
    } else {
        std::vector<const geo::MultiPolygon*> pointers;
        pointers.reserve(parts.size());
        for (const auto& p : parts) pointers.push_back(&p);
        c.area = geo::union_all(pointers);
    }
    c.bbox = box_of(c.area);
    c.area_m2 = bg::area(c.area);
    bg::centroid(c.area, c.centroid);
}

double area_in_canton(const Commune& commune, const Canton& canton) {
    return bg::intersects(commune.bbox, canton.bbox) ? geo::intersection_area(commune.area, canton.area) : 0;
}

CantonOverlap largest_overlap(const Commune& commune, const std::vector<Canton>& cantons) {
    CantonOverlap most;
    for (CantonId k = 0; k < cantons.size(); ++k) {
        if (!bg::intersects(commune.bbox, cantons[k].bbox)) continue;
        if (const double a = geo::intersection_area(commune.area, cantons[k].area); a > most.area) {
            most.canton = k;
            most.area = a;
        }
    }
    return most;
}

void place_in_canton(Commune& commune, CantonId canton) {
    commune.cantons = {canton};
    commune.canton_share = {1.0};
    commune.canton_source = "table";
}

void place_by_polygons(Commune& c, const std::vector<Canton>& cantons, double min_share) {
    c.cantons.clear();
    c.canton_share.clear();
    std::vector<std::pair<CantonId, double>> overlaps;
    double total = 0;
    for (CantonId k = 0; k < cantons.size(); ++k) {
        if (!bg::intersects(c.bbox, cantons[k].bbox)) continue;
        const double a = geo::intersection_area(c.area, cantons[k].area);
        if (a > 0) overlaps.emplace_back(k, a);
    }
    for (auto& [k, a] : overlaps) total += a;
    c.canton_source = "polygons";
    for (auto& [k, a] : overlaps) {
        if (total > 0 && a / total >= min_share) {
            c.cantons.push_back(k);
            c.canton_share.push_back(a);
        }
    }
    double kept = 0;
    for (double a : c.canton_share) kept += a;
    for (double& a : c.canton_share) a /= kept;
}

} // namespace maillage
