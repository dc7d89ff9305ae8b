#include "io/geojson_writer.hpp"

#include "core/error.hpp"
#include "io/atomic_file.hpp"

#include <algorithm>
#include <charconv>
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
            if (!(m_x[i] >= -180 && m_x[i] <= 180 && m_y[i] >= -90 && m_y[i] <= 90))
                throw GeometryError("coordinate outside WGS84 bounds after reprojection: " + std::to_string(m_x[i]) +
                                    " " + std::to_string(m_y[i]) + " (is the working CRS right?)");
            const Micro m{to_micro(m_x[i]), to_micro(m_y[i])};
            // Rounding can merge neighbours: repeated positions carry nothing.
            if (out.empty() || !(out.back() == m)) out.push_back(m);
        }
        return out;
    }

    static void append(std::string& s, const Micro& m) {
        s += '[';
        s += format_micro(m.x);
        s += ',';
        s += format_micro(m.y);
        s += ']';
    }

    static void append(std::string& s, const std::vector<Micro>& pts) {
        s += '[';
        for (std::size_t i = 0; i < pts.size(); ++i) {
            if (i) s += ',';
            append(s, pts[i]);
        }
        s += ']';
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

    // A closed ring with the wanted orientation, or empty if it collapsed.
    std::vector<Micro> ring(const geo::Polygon::ring_type& in, bool outer) {
        std::vector<Micro> r = project(std::vector<geo::Point>(in.begin(), in.end()));
        if (!r.empty() && !(r.front() == r.back())) r.push_back(r.front());
        if (r.size() < 4) return {};
        const double a = signed_area2(r);
        if (a == 0) return {};
        if ((a > 0) != outer) std::reverse(r.begin(), r.end());
        return r;
    }

    std::string point(const geo::Point& p) {
        auto m = project({p});
        std::string s = "{\"type\":\"Point\",\"coordinates\":";
        append(s, m.front());
        return s + "}";
    }

    std::string lines(const geo::MultiLineString& mls) {
        std::vector<std::vector<Micro>> parts;
        for (const auto& l : mls) {
            auto p = project(std::vector<geo::Point>(l.begin(), l.end()));
            if (p.size() >= 2) parts.push_back(std::move(p));
        }
        if (parts.empty()) return "null";
        std::string s;
        if (parts.size() == 1) {
            s = "{\"type\":\"LineString\",\"coordinates\":";
            append(s, parts.front());
        } else {
            s = "{\"type\":\"MultiLineString\",\"coordinates\":[";
            for (std::size_t i = 0; i < parts.size(); ++i) {
                if (i) s += ',';
                append(s, parts[i]);
            }
            s += ']';
        }
        return s + "}";
    }

    std::string polygons(const geo::MultiPolygon& mp) {
        std::vector<std::vector<std::vector<Micro>>> polys;
        for (const auto& p : mp) {
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
        if (polys.empty()) return "null";
        auto append_polygon = [](std::string& s, const std::vector<std::vector<Micro>>& rings) {
            s += '[';
            for (std::size_t i = 0; i < rings.size(); ++i) {
                if (i) s += ',';
                append(s, rings[i]);
            }
            s += ']';
        };
        std::string s;
        if (polys.size() == 1) {
            s = "{\"type\":\"Polygon\",\"coordinates\":";
            append_polygon(s, polys.front());
        } else {
            s = "{\"type\":\"MultiPolygon\",\"coordinates\":[";
            for (std::size_t i = 0; i < polys.size(); ++i) {
                if (i) s += ',';
                append_polygon(s, polys[i]);
            }
            s += ']';
        }
        return s + "}";
    }

  private:
    const geo::CoordinateTransform& m_ct;
    std::vector<double> m_x, m_y;
};

std::string value_json(const geo::FieldValue& v) {
    switch (v.index()) {
    case 1: return json_string(std::get<std::string>(v));
    case 2: return std::to_string(std::get<std::int64_t>(v));
    case 3: return format_real(std::get<double>(v));
    case 4: return std::get<bool>(v) ? "true" : "false";
    default: return "null";
    }
}

} // namespace

std::string format_degrees(double degrees) {
    if (!std::isfinite(degrees)) throw GeometryError("non-finite coordinate");
    return format_micro(to_micro(degrees));
}

std::string format_real(double value) {
    if (!std::isfinite(value)) return "null";
    if (value == 0) return "0"; // also turns -0 into 0
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

std::string json_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", u);
                out += esc;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

std::string to_geojson(const geo::OutputLayer& layer, const geo::CoordinateTransform& to_wgs84) {
    geo::validate(layer);
    GeometryWriter geometry(to_wgs84);
    std::string s = "{\"type\":\"FeatureCollection\",\"name\":" + json_string(layer.name) + ",\"features\":[";
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& f = layer.features[i];
        s += i ? ",\n" : "\n";
        s += "{\"type\":\"Feature\",\"properties\":{";
        for (std::size_t k = 0; k < layer.fields.size(); ++k) {
            if (k) s += ',';
            s += json_string(layer.fields[k].name);
            s += ':';
            s += value_json(f.values[k]);
        }
        s += "},\"geometry\":";
        try {
            switch (layer.kind) {
            case geo::LayerGeometry::point: s += f.has_point ? geometry.point(f.point) : "null"; break;
            case geo::LayerGeometry::line: s += geometry.lines(f.lines); break;
            case geo::LayerGeometry::polygon: s += geometry.polygons(f.polygons); break;
            }
        } catch (const GeometryError& e) {
            throw GeometryError("layer " + layer.name + ": feature " + std::to_string(i) + ": " + e.what());
        }
        s += '}';
    }
    s += "\n]}\n";
    return s;
}

void write_geojson(const std::string& path, const geo::OutputLayer& layer, const std::string& working_crs) {
    const auto ct = geo::CoordinateTransform::to_wgs84(working_crs);
    write_file_atomically(path, to_geojson(layer, ct));
}

} // namespace maillage::io
