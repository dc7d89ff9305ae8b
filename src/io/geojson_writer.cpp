#include "io/geojson_writer.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "geo/polygon_ops.hpp"
#include "io/atomic_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace maillage::io {

namespace {

constexpr double kScale = 1e6; // micro-degrees: the 6 decimals kept

/// A position in micro-degrees: rounding once to integers makes the winding
/// test, the duplicate test and the text agree exactly.
struct Micro {
    std::int64_t x = 0;
    std::int64_t y = 0;
    bool operator==(const Micro&) const = default;
};

std::string format_micro(std::int64_t v) {
    const bool negative = v < 0;
    const std::uint64_t a = negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
    std::string out = negative ? "-" : "";
    out += std::to_string(a / 1000000);
    std::uint64_t frac = a % 1000000;
    if (frac != 0) {
        char digits[8];
        std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(frac));
        std::string f(digits);
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += '.';
        out += f;
    }
    return out;
}

std::int64_t to_micro(double degrees) { return static_cast<std::int64_t>(std::llround(degrees * kScale)); }

class GeometryWriter {
  public:
    explicit GeometryWriter(const geo::CoordinateTransform& ct) : m_ct(ct) {}

    std::vector<Micro> project(const std::vector<geo::Point>& pts) {
        m_x.resize(pts.size());
        m_y.resize(pts.size());
        for (std::size_t i = 0; i < pts.size(); ++i) {
            m_x[i] = pts[i].x();
            m_y[i] = pts[i].y();
        }
        m_ct.forward_in_place(m_x.data(), m_y.data(), pts.size());
        std::vector<Micro> out;
        out.reserve(pts.size());
        for (std::size_t i = 0; i < pts.size(); ++i) {
            check_bounds(m_x[i], m_y[i]);
            const Micro m{to_micro(m_x[i]), to_micro(m_y[i])};
            // Rounding can merge neighbours: repeated positions carry nothing.
            if (out.empty() || !(out.back() == m)) out.push_back(m);
        }
        return out;
    }

    // A ring in lon/lat degrees, unrounded, bounds checked.
    geo::Polygon::ring_type project_ring(const geo::Polygon::ring_type& in) {
        const std::size_t n = in.size();
        m_x.resize(n);
        m_y.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            m_x[i] = in[i].x();
            m_y[i] = in[i].y();
        }
        m_ct.forward_in_place(m_x.data(), m_y.data(), n);
        geo::Polygon::ring_type out;
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            check_bounds(m_x[i], m_y[i]);
            out.emplace_back(m_x[i], m_y[i]);
        }
        return out;
    }

    static void check_bounds(double lon, double lat) {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
            throw GeometryError("coordinate outside WGS84 bounds after reprojection: " + std::to_string(lon) + " " +
                                std::to_string(lat) + " (is the working CRS right?)");
    }

    std::size_t collapsed() const { return m_collapsed; }
    std::size_t emptied() const { return m_emptied; }

    static void write(JsonWriter& w, const Micro& m) {
        w.begin_array().number(format_micro(m.x)).number(format_micro(m.y)).end_array();
    }

    static void write(JsonWriter& w, const std::vector<Micro>& pts) {
        w.begin_array();
        for (const auto& m : pts) write(w, m);
        w.end_array();
    }

    // Twice the signed area, relative to the first vertex to keep the
    // products small; > 0 means counter-clockwise in lon/lat.
    static double signed_area2(const std::vector<Micro>& r) {
        double sum = 0;
        const auto x0 = r.front().x, y0 = r.front().y;
        for (std::size_t i = 1; i + 1 < r.size(); ++i) {
            const double ax = static_cast<double>(r[i].x - x0), ay = static_cast<double>(r[i].y - y0);
            const double bx = static_cast<double>(r[i + 1].x - x0), by = static_cast<double>(r[i + 1].y - y0);
            sum += ax * by - bx * ay;
        }
        return sum;
    }

    // A closed ring of lon/lat on the micro-degree grid, in micro-degrees.
    static std::vector<Micro> ring(const geo::Polygon::ring_type& in, bool outer) {
        std::vector<Micro> r;
        r.reserve(in.size());
        for (const auto& p : in) {
            const Micro m{to_micro(p.x()), to_micro(p.y())};
            if (r.empty() || !(r.back() == m)) r.push_back(m);
        }
        if (!r.empty() && !(r.front() == r.back())) r.push_back(r.front());
        if (r.size() < 4) return {};
        const double a = signed_area2(r);
        if (a == 0) return {};
        if ((a > 0) != outer) std::reverse(r.begin(), r.end());
        return r;
    }

    void point(JsonWriter& w, const geo::Point& p) {
        auto m = project({p});
        w.begin_object().key("type").string("Point").key("coordinates");
        write(w, m.front());
        w.end_object();
    }

    void lines(JsonWriter& w, const geo::MultiLineString& mls) {
        std::vector<std::vector<Micro>> parts;
        for (const auto& l : mls) {
            auto p = project(std::vector<geo::Point>(l.begin(), l.end()));
            if (p.size() >= 2) parts.push_back(std::move(p));
        }
        if (parts.empty()) {
            w.null();
            return;
        }
        w.begin_object().key("type").string(parts.size() == 1 ? "LineString" : "MultiLineString").key("coordinates");
        if (parts.size() == 1) {
            write(w, parts.front());
        } else {
            w.begin_array();
            for (const auto& part : parts) write(w, part);
            w.end_array();
        }
        w.end_object();
    }

    // Reprojected to lon/lat, then snapped to the micro-degree grid with
    // GEOS (in the output CRS), so that the rounded coordinates written are
    // the snapped ones and the polygon is valid as written; an invalid
    // result is refused, never written.
    void polygons(JsonWriter& w, const geo::MultiPolygon& mp) {
        geo::MultiPolygon lonlat;
        lonlat.reserve(mp.size());
        for (const auto& p : mp) {
            geo::Polygon q;
            q.outer() = project_ring(p.outer());
            for (const auto& inner : p.inners()) q.inners().push_back(project_ring(inner));
            lonlat.push_back(std::move(q));
        }
        auto grid = geo::reduce_precision(lonlat, 1.0 / kScale);
        if (!grid.invalid_reason.empty())
            throw GeometryError("invalid polygon at 1e-6 degrees, not written: " + grid.invalid_reason);
        m_collapsed += grid.collapsed;
        std::vector<std::vector<std::vector<Micro>>> polys;
        for (const auto& p : grid.polygons) {
            std::vector<std::vector<Micro>> rings;
            auto outer = ring(p.outer(), true);
            if (outer.empty()) continue;
            rings.push_back(std::move(outer));
            for (const auto& inner : p.inners()) {
                auto h = ring(inner, false);
                if (!h.empty()) rings.push_back(std::move(h));
            }
            polys.push_back(std::move(rings));
        }
        if (polys.empty() && !mp.empty()) ++m_emptied;
        if (polys.empty()) {
            w.null();
            return;
        }
        auto write_polygon = [&](const std::vector<std::vector<Micro>>& rings) {
            w.begin_array();
            for (const auto& r : rings) write(w, r);
            w.end_array();
        };
        w.begin_object().key("type").string(polys.size() == 1 ? "Polygon" : "MultiPolygon").key("coordinates");
        if (polys.size() == 1) {
            write_polygon(polys.front());
        } else {
            w.begin_array();
            for (const auto& poly : polys) write_polygon(poly);
            w.end_array();
        }
        w.end_object();
    }

  private:
    const geo::CoordinateTransform& m_ct;
    std::vector<double> m_x, m_y;
    std::size_t m_collapsed = 0;
    std::size_t m_emptied = 0;
};

void write_value(JsonWriter& w, const geo::FieldValue& v) {
    switch (v.index()) {
    case 1: w.string(std::get<std::string>(v)); break;
    case 2: w.integer(std::get<std::int64_t>(v)); break;
    case 3: w.real(std::get<double>(v)); break;
    case 4: w.boolean(std::get<bool>(v)); break;
    default: w.null();
    }
}

} // namespace

std::string format_degrees(double degrees) {
    if (!std::isfinite(degrees)) throw GeometryError("non-finite coordinate");
    return format_micro(to_micro(degrees));
}

std::string to_geojson(const geo::OutputLayer& layer, const geo::CoordinateTransform& to_wgs84, GeoJsonStats* stats) {
    geo::validate(layer);
    GeometryWriter geometry(to_wgs84);
    JsonWriter w(JsonStyle::compact());
    w.begin_object().key("type").string("FeatureCollection").key("name").string(layer.name);
    w.key("features").begin_array(JsonWriter::Layout::lines); // one feature per line
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& f = layer.features[i];
        w.begin_object().key("type").string("Feature").key("properties").begin_object();
        for (std::size_t k = 0; k < layer.fields.size(); ++k) {
            w.key(layer.fields[k].name);
            write_value(w, f.values[k]);
        }
        w.end_object().key("geometry");
        try {
            switch (layer.kind) {
            case geo::LayerGeometry::point:
                if (f.has_point) geometry.point(w, f.point);
                else w.null();
                break;
            case geo::LayerGeometry::line: geometry.lines(w, f.lines); break;
            case geo::LayerGeometry::polygon: geometry.polygons(w, f.polygons); break;
            }
        } catch (const GeometryError& e) {
            throw GeometryError("layer " + layer.name + ": feature " + std::to_string(i) + ": " + e.what());
        }
        w.end_object();
    }
    w.end_array().end_object();
    if (stats) {
        stats->polygons_collapsed = geometry.collapsed();
        stats->features_emptied = geometry.emptied();
    }
    return w.take() + "\n";
}

GeoJsonStats write_geojson(const std::string& path, const geo::OutputLayer& layer, const std::string& working_crs) {
    const auto ct = geo::CoordinateTransform::to_wgs84(working_crs);
    GeoJsonStats stats;
    write_file_atomically(path, to_geojson(layer, ct, &stats));
    return stats;
}

} // namespace maillage::io
