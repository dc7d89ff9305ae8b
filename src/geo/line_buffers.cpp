#include "geo/line_buffers.hpp"

#include "geo/geos_convert.hpp"

#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <tuple>
#include <utility>

namespace maillage::geo {

using detail::GeomPtr;
using detail::geos_context;
using detail::wrap;

namespace {

constexpr std::uint32_t kNone = 0xffffffffu;

struct Cell {
    bool leaf = true;
    std::vector<std::uint32_t> items; ///< leaf: line indices; otherwise child cells
    std::uint32_t line_count = 0;     ///< lines under this cell
    GeomPtr area;                     ///< union of every buffer under it, once asked
};

Box envelope_of(const LineString& l) {
    Box b;
    boost::geometry::envelope(l, b);
    return b;
}

GeomPtr clone(const GeomPtr& g) { return wrap(GEOSGeom_clone_r(geos_context().get(), g.get())); }

// Union of `parts` (consumed). One part is returned as it is.
GeomPtr unite(std::vector<GeomPtr> parts) {
    if (parts.size() == 1) return std::move(parts.front());
    return detail::unary_union(std::move(parts));
}

double cross(const Point& o, const Point& a, const Point& b) {
    return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
}

// Convex hull of the discs (centre, radius) drawn as polygons of 4 * q
// vertices on their circles (monotone chain). A clockwise closed ring, as
// Boost wants.
Polygon hull_of_discs(const Point& a, double ra, int qa, const Point& b, double rb, int qb) {
    std::vector<Point> pts;
    pts.reserve(4 * static_cast<std::size_t>(qa + qb));
    for (const auto& [c, r, q] : {std::tuple{a, ra, qa}, std::tuple{b, rb, qb}})
        for (int k = 0, n = 4 * q; k < n; ++k) {
            const double t = 2 * std::numbers::pi * k / n;
            pts.emplace_back(c.x() + r * std::cos(t), c.y() + r * std::sin(t));
        }
    std::sort(pts.begin(), pts.end(),
              [](const Point& p, const Point& o) { return p.x() != o.x() ? p.x() < o.x() : p.y() < o.y(); });
    std::vector<Point> h(2 * pts.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) { // lower hull
        while (k >= 2 && cross(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
        h[k++] = pts[i];
    }
    for (std::size_t i = pts.size() - 1, lower = k + 1; i-- > 0;) { // upper hull
        while (k >= lower && cross(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
        h[k++] = pts[i];
    }
    h.resize(k); // counter-clockwise, closed (last = first)
    Polygon out;
    out.outer().assign(h.rbegin(), h.rend());
    return out;
}

} // namespace

struct LineBufferUnion::Impl {
    std::vector<LineString> lines;
    LineBufferOptions options;
    std::vector<GeomPtr> buffers; ///< per line, once asked; null for an empty line
    std::vector<std::uint8_t> buffered;
    std::vector<Cell> cells; ///< children before their parent
    std::uint32_t root = kNone;
    std::size_t cached = 0;

    void build_cells();
    const GeomPtr& buffer(std::uint32_t line);
    GeomPtr buffer_of(const LineString& line) const;
    const GeomPtr& cell_area(std::uint32_t cell);
    void collect(std::uint32_t cell, const std::vector<std::uint8_t>& taken, const std::vector<std::uint32_t>& counts,
                 std::vector<GeomPtr>& out);
};

void LineBufferUnion::Impl::build_cells() {
    if (lines.empty()) return;
    // Leaf key of each line: the cell of its envelope centre.
    struct Keyed {
        std::int64_t ix, iy;
        std::uint32_t id;
    };
    std::vector<double> cx(lines.size()), cy(lines.size());
    double min_x = 0, min_y = 0;
    bool first = true;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& l = lines[i];
        if (l.empty()) continue;
        const Box b = envelope_of(l);
        cx[i] = (b.min_corner().x() + b.max_corner().x()) / 2;
        cy[i] = (b.min_corner().y() + b.max_corner().y()) / 2;
        min_x = first ? cx[i] : std::min(min_x, cx[i]);
        min_y = first ? cy[i] : std::min(min_y, cy[i]);
        first = false;
    }
    std::vector<Keyed> level;
    level.reserve(lines.size());
    for (std::uint32_t i = 0; i < lines.size(); ++i) {
        // An empty line has no buffer: it sits in the first cell and adds nothing.
        const auto ix = lines[i].empty() ? 0 : static_cast<std::int64_t>(std::floor((cx[i] - min_x) / options.cell_size));
        const auto iy = lines[i].empty() ? 0 : static_cast<std::int64_t>(std::floor((cy[i] - min_y) / options.cell_size));
        level.push_back({ix, iy, i});
    }
    auto by_key = [](const Keyed& a, const Keyed& b) { return std::tie(a.ix, a.iy, a.id) < std::tie(b.ix, b.iy, b.id); };
    // Groups `level` (sorted) into cells, one per key: leaves hold lines,
    // parents hold the cells of the level below.
    auto group = [&](std::vector<Keyed>& level, bool leaf) {
        std::sort(level.begin(), level.end(), by_key);
        std::vector<Keyed> made;
        for (std::size_t i = 0; i < level.size();) {
            Cell c;
            c.leaf = leaf;
            std::size_t j = i;
            for (; j < level.size() && level[j].ix == level[i].ix && level[j].iy == level[i].iy; ++j) {
                c.items.push_back(level[j].id);
                c.line_count += leaf ? 1 : cells[level[j].id].line_count;
            }
            made.push_back({level[i].ix, level[i].iy, static_cast<std::uint32_t>(cells.size())});
            cells.push_back(std::move(c));
            i = j;
        }
        return made;
    };
    std::vector<Keyed> next = group(level, true);
    // Parents of 4 x 4 cells until one is left.
    while (next.size() > 1) {
        level.clear();
        for (const auto& k : next) level.push_back({k.ix >> 2, k.iy >> 2, k.id});
        next = group(level, false);
    }
    root = next.front().id;
}

GeomPtr LineBufferUnion::Impl::buffer_of(const LineString& line) const {
    if (line.empty()) return GeomPtr(nullptr, detail::GeomDeleter{geos_context().get()});
    return detail::buffer_line(line, options.distance, options.quadrant_segments, options.simplify_tolerance);
}

const GeomPtr& LineBufferUnion::Impl::buffer(std::uint32_t line) {
    if (!buffered[line]) {
        buffers[line] = buffer_of(lines[line]);
        buffered[line] = 1;
    }
    return buffers[line];
}

const GeomPtr& LineBufferUnion::Impl::cell_area(std::uint32_t cell) {
    if (cells[cell].area) return cells[cell].area;
    std::vector<GeomPtr> parts;
    if (cells[cell].leaf) {
        for (auto line : cells[cell].items)
            if (const auto& b = buffer(line)) parts.push_back(clone(b));
    } else {
        for (auto child : cells[cell].items)
            if (const auto& a = cell_area(child)) parts.push_back(clone(a));
    }
    if (parts.empty()) return cells[cell].area; // only empty lines: stays null
    cells[cell].area = unite(std::move(parts));
    ++cached;
    return cells[cell].area;
}

void LineBufferUnion::Impl::collect(std::uint32_t cell, const std::vector<std::uint8_t>& taken,
                                    const std::vector<std::uint32_t>& counts, std::vector<GeomPtr>& out) {
    const Cell& c = cells[cell];
    if (counts[cell] == 0) return;
    if (counts[cell] == c.line_count) {
        if (const auto& a = cell_area(cell)) out.push_back(clone(a));
        return;
    }
    if (c.leaf) {
        for (auto line : c.items)
            if (taken[line])
                if (const auto& b = buffer(line)) out.push_back(clone(b));
        return;
    }
    for (auto child : c.items) collect(child, taken, counts, out);
}

std::vector<std::uint8_t> lines_within(const std::vector<LineString>& lines, const MultiPolygon& area,
                                       double distance) {
    std::vector<std::uint8_t> out(lines.size(), 0);
    if (area.empty()) return out;
    auto& ctx = geos_context();
    const auto h = ctx.get();
    const auto g = detail::to_geos(area);
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, g.get());
    if (!prepared) ctx.fail("cannot prepare the area for a distance test");
    struct Release {
        GEOSContextHandle_t h;
        const GEOSPreparedGeometry* p;
        ~Release() { GEOSPreparedGeom_destroy_r(h, p); }
    } release{h, prepared};
    double ax0 = 0, ay0 = 0, ax1 = 0, ay1 = 0;
    if (!GEOSGeom_getXMin_r(h, g.get(), &ax0) || !GEOSGeom_getYMin_r(h, g.get(), &ay0) ||
        !GEOSGeom_getXMax_r(h, g.get(), &ax1) || !GEOSGeom_getYMax_r(h, g.get(), &ay1))
        ctx.fail("cannot read the area's envelope");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& l = lines[i];
        if (l.empty()) continue;
        const Box b = envelope_of(l);
        // Envelopes farther apart than `distance`: no need to ask GEOS.
        if (b.min_corner().x() > ax1 + distance || b.max_corner().x() < ax0 - distance ||
            b.min_corner().y() > ay1 + distance || b.max_corner().y() < ay0 - distance)
            continue;
        LineString copy = l;
        if (copy.size() == 1) copy.push_back(copy.front());
        const auto lg = detail::line_to_geos(copy);
        const char r = GEOSPreparedDistanceWithin_r(h, prepared, lg.get(), distance);
        if (r == 2) ctx.fail("GEOS distance test failed");
        out[i] = r == 1 ? 1 : 0;
    }
    return out;
}

LineBufferUnion::LineBufferUnion(std::vector<LineString> lines, const LineBufferOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    if (!(options.distance > 0))
        throw GeometryError("buffer distance must be positive, got " + std::to_string(options.distance));
    if (!(options.cell_size > 0))
        throw GeometryError("buffer cell size must be positive, got " + std::to_string(options.cell_size));
    if (options.quadrant_segments < 1)
        throw GeometryError("buffer quadrant segments must be at least 1, got " +
                            std::to_string(options.quadrant_segments));
    m_impl->lines = std::move(lines);
    m_impl->options = options;
    const auto h = geos_context().get();
    m_impl->buffers.reserve(m_impl->lines.size());
    for (std::size_t i = 0; i < m_impl->lines.size(); ++i) m_impl->buffers.emplace_back(nullptr, detail::GeomDeleter{h});
    m_impl->buffered.assign(m_impl->lines.size(), 0);
    m_impl->build_cells();
}

LineBufferUnion::~LineBufferUnion() = default;
LineBufferUnion::LineBufferUnion(LineBufferUnion&&) noexcept = default;
LineBufferUnion& LineBufferUnion::operator=(LineBufferUnion&&) noexcept = default;

std::size_t LineBufferUnion::size() const { return m_impl->lines.size(); }

std::size_t LineBufferUnion::cached_cells() const { return m_impl->cached; }

int quadrant_segments_for(double radius, double max_chord_error, int at_least) {
    at_least = std::max(1, at_least);
    if (!(max_chord_error > 0) || !(radius > max_chord_error)) return at_least;
    // A chord of angle θ strays r (1 - cos(θ/2)) from the circle; θ = π / (2 q).
    const double q = std::ceil(std::numbers::pi / (4 * std::acos(1 - max_chord_error / radius)));
    return static_cast<int>(std::clamp(q, static_cast<double>(at_least), 256.0));
}

MultiPolygon LineBufferUnion::union_of(const std::vector<std::uint8_t>& taken, const MultiLineString& extra) {
    return union_of(taken, extra, {});
}

MultiPolygon LineBufferUnion::union_of(const std::vector<std::uint8_t>& taken, const MultiLineString& extra,
                                       const std::vector<TaperedLine>& tapered) {
    auto& m = *m_impl;
    for (const auto& t : tapered) {
        if (t.radius.size() != t.line.size())
            throw GeometryError("tapered line: " + std::to_string(t.radius.size()) + " radii for " +
                                std::to_string(t.line.size()) + " points");
        for (double r : t.radius)
            if (!(r > 0) || !std::isfinite(r))
                throw GeometryError("tapered line: radius must be positive, got " + std::to_string(r));
    }
    if (taken.size() != m.lines.size())
        throw GeometryError("line buffer union: " + std::to_string(taken.size()) + " flags for " +
                            std::to_string(m.lines.size()) + " lines");
    std::vector<GeomPtr> parts;
    if (m.root != kNone) {
        std::vector<std::uint32_t> counts(m.cells.size(), 0);
        for (std::uint32_t c = 0; c < m.cells.size(); ++c) {
            const Cell& cell = m.cells[c];
            if (cell.leaf) {
                for (auto line : cell.items) counts[c] += taken[line] ? 1u : 0u;
            } else {
                for (auto child : cell.items) counts[c] += counts[child];
            }
        }
        m.collect(m.root, taken, counts, parts);
    }
    for (const auto& line : extra)
        if (auto b = m.buffer_of(line)) parts.push_back(std::move(b));
    const auto segments = [&](double r) {
        return quadrant_segments_for(r, m.options.max_chord_error, m.options.quadrant_segments);
    };
    // One part per segment of a tapered line (a lone point is a segment of
    // length 0): the convex hull of its end discs.
    struct Part {
        Point a, b;
        double ra, rb;
        Box box;
    };
    std::vector<Part> tparts;
    for (const auto& t : tapered)
        for (std::size_t i = 0; i < t.line.size(); ++i) {
            const std::size_t j = std::min(i + 1, t.line.size() - 1);
            if (j == i && i > 0) break;
            const auto& a = t.line[i];
            const auto& b = t.line[j];
            const double ra = t.radius[i], rb = t.radius[j];
            tparts.push_back({a, b, ra, rb,
                              Box(Point(std::min(a.x() - ra, b.x() - rb), std::min(a.y() - ra, b.y() - rb)),
                                  Point(std::max(a.x() + ra, b.x() + rb), std::max(a.y() + ra, b.y() + rb)))});
        }
    // Parts that add nothing are left out: a part every grid cell of which
    // lies wholly inside the discs of parts kept before it (larger radius
    // first) or of discs at the ends of the cached lines. Each disc counts
    // by the circle inscribed in its polygon, so what is left out lies
    // inside the polygons kept: the union is the same. Deterministic (the
    // order is by radius, then by position in `tapered`).
    std::vector<std::uint32_t> order(tparts.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto max_r = [&](std::uint32_t k) { return std::max(tparts[k].ra, tparts[k].rb); };
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return max_r(a) > max_r(b); });
    std::vector<std::uint8_t> keep(tparts.size(), 1);
    if (tparts.size() > 1) {
        Box all = tparts[0].box;
        double rmax = 0;
        for (std::uint32_t k = 0; k < tparts.size(); ++k) {
            boost::geometry::expand(all, tparts[k].box);
            rmax = std::max(rmax, max_r(k));
        }
        const double gx0 = all.min_corner().x(), gy0 = all.min_corner().y();
        const double gx1 = all.max_corner().x(), gy1 = all.max_corner().y();
        // Cells of about a 40th of the largest radius, at most 4096 a side.
        double cell = rmax / 40;
        while ((gx1 - gx0) / cell > 4096 || (gy1 - gy0) / cell > 4096) cell *= 2;
        const auto nx = static_cast<std::int64_t>(std::ceil((gx1 - gx0) / cell)) + 1;
        const auto ny = static_cast<std::int64_t>(std::ceil((gy1 - gy0) / cell)) + 1;
        std::vector<std::uint8_t> full(static_cast<std::size_t>(nx * ny), 0);
        // Marks the cells wholly inside the circle inscribed in the polygon
        // of the disc (c, r) drawn with q segments per quadrant.
        const auto mark = [&](const Point& c, double r, int q) {
            r *= std::cos(std::numbers::pi / (4 * q));
            const auto j0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor((c.y() - r - gy0) / cell)));
            const auto j1 =
                std::min<std::int64_t>(ny - 1, static_cast<std::int64_t>(std::floor((c.y() + r - gy0) / cell)));
            for (auto j = j0; j <= j1; ++j) {
                const double ya = gy0 + static_cast<double>(j) * cell - c.y(), yb = ya + cell;
                const double dy = std::max(std::abs(ya), std::abs(yb));
                if (dy >= r) continue;
                const double h = std::sqrt(r * r - dy * dy);
                const auto i0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil((c.x() - h - gx0) / cell)));
                const auto i1 = std::min<std::int64_t>(nx, static_cast<std::int64_t>(std::floor((c.x() + h - gx0) / cell)));
                for (auto i = i0; i < i1; ++i) full[static_cast<std::size_t>(j * nx + i)] = 1;
            }
        };
        // Every cell that may meet the part (its centre within the larger
        // radius and half a diagonal of the segment) is full.
        const auto covered = [&](const Part& p) {
            const auto& b = p.box;
            const auto i0 = static_cast<std::int64_t>(std::floor((b.min_corner().x() - gx0) / cell));
            const auto i1 = static_cast<std::int64_t>(std::floor((b.max_corner().x() - gx0) / cell));
            const auto j0 = static_cast<std::int64_t>(std::floor((b.min_corner().y() - gy0) / cell));
            const auto j1 = static_cast<std::int64_t>(std::floor((b.max_corner().y() - gy0) / cell));
            if (i0 < 0 || j0 < 0 || i1 >= nx || j1 >= ny) return false;
            const double reach = std::max(p.ra, p.rb) + cell * std::numbers::sqrt2 / 2;
            const double ex = p.b.x() - p.a.x(), ey = p.b.y() - p.a.y(), len2 = ex * ex + ey * ey;
            for (auto j = j0; j <= j1; ++j)
                for (auto i = i0; i <= i1; ++i) {
                    if (full[static_cast<std::size_t>(j * nx + i)]) continue;
                    const double cx = gx0 + (static_cast<double>(i) + 0.5) * cell - p.a.x();
                    const double cy = gy0 + (static_cast<double>(j) + 0.5) * cell - p.a.y();
                    const double t = len2 > 0 ? std::clamp((cx * ex + cy * ey) / len2, 0.0, 1.0) : 0;
                    const double dx = t * ex - cx, dy = t * ey - cy;
                    if (dx * dx + dy * dy <= reach * reach) return false;
                }
            return true;
        };
        // Cached lines: their ends stay when they are simplified.
        for (std::size_t i = 0; i < m.lines.size(); ++i)
            if (taken[i] && !m.lines[i].empty()) {
                mark(m.lines[i].front(), m.options.distance, m.options.quadrant_segments);
                mark(m.lines[i].back(), m.options.distance, m.options.quadrant_segments);
            }
        for (auto k : order) {
            const auto& p = tparts[k];
            if (covered(p)) {
                keep[k] = 0;
                continue;
            }
            mark(p.a, p.ra, segments(p.ra));
            mark(p.b, p.rb, segments(p.rb));
        }
    }
    for (std::uint32_t k = 0; k < tparts.size(); ++k)
        if (keep[k]) {
            const auto& p = tparts[k];
            parts.push_back(
                detail::polygon_to_geos(hull_of_discs(p.a, p.ra, segments(p.ra), p.b, p.rb, segments(p.rb))));
        }
    if (parts.empty()) return {};
    const auto merged = unite(std::move(parts));
    return detail::from_geos(merged.get());
}

} // namespace maillage::geo
