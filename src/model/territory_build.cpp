#include "model/territory_build.hpp"

#include "geo/polygon_ops.hpp"

#include <boost/geometry.hpp>

#include <algorithm>
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

std::vector<CommuneId> share_split_by_official(Territory& t) {
    const std::size_t nk = t.cantons.size();
    std::vector<double> whole(nk, 0);
    std::vector<std::uint32_t> split_parts(nk, 0);
    for (const auto& c : t.communes) {
        if (c.cantons.size() == 1) whole[c.cantons[0]] += c.population;
        else
            for (CantonId k : c.cantons) ++split_parts[k];
    }
    std::vector<CommuneId> kept;
    for (CommuneId i = 0; i < t.communes.size(); ++i) {
        auto& c = t.communes[i];
        if (c.cantons.size() < 2) continue;
        std::vector<double> rest;
        bool ok = true;
        double sum = 0;
        for (CantonId k : c.cantons) {
            if (!t.cantons[k].official_population || split_parts[k] != 1) ok = false;
            else rest.push_back(std::max(0.0, *t.cantons[k].official_population - whole[k]));
        }
        for (double r : rest) sum += r;
        if (!ok || !(sum > 0)) {
            kept.push_back(i);
            continue;
        }
        for (std::size_t j = 0; j < rest.size(); ++j) c.canton_share[j] = rest[j] / sum;
        c.share_rule = ShareRule::official;
    }
    return kept;
}

std::size_t share_split_by_points(Territory& t, const std::vector<CommuneId>& commune_of,
                                  const std::vector<CantonId>& canton_of, const std::vector<double>& population) {
    // Per split commune, the located population in each of its cantons.
    std::vector<std::vector<double>> located(t.communes.size());
    for (std::size_t i = 0; i < commune_of.size(); ++i) {
        const CommuneId m = commune_of[i];
        if (m == kInvalid || canton_of[i] == kInvalid || t.communes[m].cantons.size() < 2) continue;
        const auto& ks = t.communes[m].cantons;
        const auto it = std::find(ks.begin(), ks.end(), canton_of[i]);
        if (it == ks.end()) continue;
        auto& v = located[m];
        v.resize(ks.size(), 0);
        v[static_cast<std::size_t>(it - ks.begin())] += population[i];
    }
    std::size_t changed = 0;
    for (CommuneId m = 0; m < t.communes.size(); ++m) {
        double sum = 0;
        for (double p : located[m]) sum += p;
        if (!(sum > 0)) continue;
        for (std::size_t j = 0; j < located[m].size(); ++j) t.communes[m].canton_share[j] = located[m][j] / sum;
        t.communes[m].share_rule = ShareRule::demand;
        ++changed;
    }
    return changed;
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
