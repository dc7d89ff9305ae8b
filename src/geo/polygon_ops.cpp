#include "geo/polygon_ops.hpp"

#include "geo/geos_convert.hpp"

#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/correct.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include <vector>

namespace maillage::geo {

namespace detail {

GeosContext::GeosContext() {
    m_handle = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_handle); }

void GeosContext::on_error(const char* message, void* userdata) {
    static_cast<GeosContext*>(userdata)->m_last_error = message ? message : "";
}

void GeosContext::fail(const std::string& what) const {
    throw GeometryError(what + (m_last_error.empty() ? "" : ": " + m_last_error));
}

GeosContext& geos_context() {
    thread_local GeosContext context;
    return context;
}

} // namespace detail

namespace detail {

GeomPtr wrap(GEOSGeometry* g) {
    auto& ctx = geos_context();
    if (!g) ctx.fail("GEOS operation failed");
    return GeomPtr(g, GeomDeleter{ctx.get()});
}

GEOSGeometry* ring_to_geos(const Polygon::ring_type& ring) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    const auto n = static_cast<unsigned>(ring.size());
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, n, 2);
    if (!seq) ctx.fail("cannot create GEOS coordinate sequence");
    for (unsigned i = 0; i < n; ++i) {
        GEOSCoordSeq_setXY_r(h, seq, i, ring[i].x(), ring[i].y());
    }
    GEOSGeometry* r = GEOSGeom_createLinearRing_r(h, seq); // takes ownership of seq
    if (!r) ctx.fail("invalid ring (fewer than 4 points or not closed)");
    return r;
}

GeomPtr polygon_to_geos(const Polygon& p) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    GeomPtr shell = wrap(ring_to_geos(p.outer()));
    std::vector<GEOSGeometry*> holes;
    try {
        for (const auto& inner : p.inners()) holes.push_back(ring_to_geos(inner));
    } catch (...) {
        for (auto* g : holes) GEOSGeom_destroy_r(h, g);
        throw;
    }
    GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, shell.release(), holes.data(),
                                                  static_cast<unsigned>(holes.size()));
    return wrap(poly);
}

GeomPtr to_geos(const MultiPolygon& mp) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    std::vector<GEOSGeometry*> parts;
    try {
        for (const auto& p : mp) parts.push_back(polygon_to_geos(p).release());
    } catch (...) {
        for (auto* g : parts) GEOSGeom_destroy_r(h, g);
        throw;
    }
    return wrap(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(),
                                            static_cast<unsigned>(parts.size())));
}

Polygon::ring_type ring_from_geos(const GEOSGeometry* ring) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    if (!seq) ctx.fail("cannot read GEOS ring");
    unsigned n = 0;
    if (!GEOSCoordSeq_getSize_r(h, seq, &n)) ctx.fail("cannot read GEOS ring size");
    Polygon::ring_type out;
    out.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        out.emplace_back(x, y);
    }
    return out;
}

void append_polygons(const GEOSGeometry* g, MultiPolygon& out) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g) == 1) return;
        Polygon p;
        p.outer() = ring_from_geos(GEOSGetExteriorRing_r(h, g));
        const int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < holes; ++i) p.inners().push_back(ring_from_geos(GEOSGetInteriorRingN_r(h, g, i)));
        out.push_back(std::move(p));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) append_polygons(GEOSGetGeometryN_r(h, g, i), out);
    }
    // Points and lines left over by MakeValid carry no area: dropped on purpose.
}

MultiPolygon from_geos(const GEOSGeometry* g) {
    MultiPolygon out;
    append_polygons(g, out);
    boost::geometry::correct(out);
    return out;
}

GeomPtr line_to_geos(const LineString& line) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    const auto n = static_cast<unsigned>(line.size());
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, n, 2);
    if (!seq) ctx.fail("cannot create GEOS coordinate sequence");
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_setXY_r(h, seq, i, line[i].x(), line[i].y());
    return wrap(GEOSGeom_createLineString_r(h, seq)); // takes ownership of seq
}

GeomPtr buffer_line(const LineString& line, double distance, int quadrant_segments, double simplify_tolerance) {
    const auto h = geos_context().get();
    // A one-point line (an arc reached only at its start) buffers as a disc.
    LineString l = line;
    if (l.size() == 1) l.push_back(l.front());
    auto g = line_to_geos(l);
    if (simplify_tolerance > 0 && l.size() > 2) g = wrap(GEOSSimplify_r(h, g.get(), simplify_tolerance));
    return wrap(GEOSBuffer_r(h, g.get(), distance, quadrant_segments));
}

GeomPtr unary_union(std::vector<GeomPtr> parts) {
    const auto h = geos_context().get();
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    auto collection =
        wrap(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())));
    return wrap(GEOSUnaryUnion_r(h, collection.get()));
}

} // namespace detail

using detail::from_geos;
using detail::GeomPtr;
using detail::geos_context;
using detail::line_to_geos;
using detail::polygon_to_geos;
using detail::to_geos;
using detail::wrap;

bool is_valid(const MultiPolygon& mp, std::string* reason) {
    auto& ctx = geos_context();
    auto g = to_geos(mp);
    const char r = GEOSisValid_r(ctx.get(), g.get());
    if (r == 2) ctx.fail("GEOS validity check failed");
    if (r == 0 && reason) {
        char* why = GEOSisValidReason_r(ctx.get(), g.get());
        if (why) {
            *reason = why;
            GEOSFree_r(ctx.get(), why);
        }
    }
    return r == 1;
}

namespace {

std::string validity_reason(const GEOSGeometry* g) {
    auto& ctx = geos_context();
    const char r = GEOSisValid_r(ctx.get(), g);
    if (r == 2) ctx.fail("GEOS validity check failed");
    if (r == 1) return {};
    std::string reason = "invalid (GEOS gives no reason)";
    if (char* why = GEOSisValidReason_r(ctx.get(), g)) {
        reason = why;
        GEOSFree_r(ctx.get(), why);
    }
    return reason;
}

// Flags 0: snap-rounding that keeps the result valid; collapsed components
// are removed (GEOS_PREC_KEEP_COLLAPSED not set). GEOS 3.11's snap-rounding
// can fail on a valid polygon whose hole runs along its shell ("unable to
// assign free hole to a shell", seen on uncovered_30 of Ille-et-Vilaine):
// then each coordinate is rounded on its own, the result repaired by
// MakeValid (polygonal parts kept) and snap-rounded again.
GeomPtr snap_to_grid(const GEOSGeometry* g, double grid_size) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    if (GEOSGeometry* r = GEOSGeom_setPrecision_r(h, g, grid_size, 0)) return wrap(r);
    const std::string first = ctx.last_error();
    auto rounded = wrap(GEOSGeom_setPrecision_r(h, g, grid_size, GEOS_PREC_NO_TOPO));
    auto repaired = wrap(GEOSMakeValid_r(h, rounded.get()));
    auto polygons = to_geos(from_geos(repaired.get()));
    if (GEOSGeometry* r = GEOSGeom_setPrecision_r(h, polygons.get(), grid_size, 0)) return wrap(r);
    throw GeometryError("GEOS cannot reduce precision to " + std::to_string(grid_size) + ": " + first + "; after repair: " +
                        ctx.last_error());
}

std::size_t polygon_count(const MultiPolygon& mp) {
    return static_cast<std::size_t>(std::count_if(mp.begin(), mp.end(), [](const Polygon& p) { return !p.outer().empty(); }));
}

} // namespace

GridPolygons reduce_precision(const MultiPolygon& mp, double grid_size) {
    if (!(grid_size > 0)) throw GeometryError("precision grid size must be positive");
    auto& ctx = geos_context();
    const auto h = ctx.get();
    GridPolygons out;
    if (mp.empty()) return out;
    auto snapped = snap_to_grid(to_geos(mp).get(), grid_size);
    out.polygons = from_geos(snapped.get());
    out.invalid_reason = validity_reason(snapped.get());
    // Fewer polygons than given: some collapsed, or neighbours merged once
    // rounded. Only a polygon that vanishes on its own counts as collapsed.
    if (polygon_count(out.polygons) < polygon_count(mp)) {
        for (const auto& p : mp) {
            auto one = snap_to_grid(polygon_to_geos(p).get(), grid_size);
            if (GEOSisEmpty_r(h, one.get()) == 1 || from_geos(one.get()).empty()) ++out.collapsed;
        }
    }
    return out;
}

MultiPolygon make_valid(const MultiPolygon& mp) {
    auto& ctx = geos_context();
    auto g = to_geos(mp);
    auto fixed = wrap(GEOSMakeValid_r(ctx.get(), g.get()));
    return from_geos(fixed.get());
}

MultiPolygon union_all(const std::vector<const MultiPolygon*>& parts) {
    auto& ctx = geos_context();
    const auto h = ctx.get();
    std::vector<GEOSGeometry*> polys;
    try {
        for (const auto* mp : parts)
            for (const auto& p : *mp) polys.push_back(polygon_to_geos(p).release());
    } catch (...) {
        for (auto* g : polys) GEOSGeom_destroy_r(h, g);
        throw;
    }
    auto collection = wrap(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, polys.data(),
                                                       static_cast<unsigned>(polys.size())));
    auto merged = wrap(GEOSUnaryUnion_r(h, collection.get()));
    return from_geos(merged.get());
}

double intersection_area(const MultiPolygon& a, const MultiPolygon& b) {
    auto& ctx = geos_context();
    auto ga = to_geos(a);
    auto gb = to_geos(b);
    auto inter = wrap(GEOSIntersection_r(ctx.get(), ga.get(), gb.get()));
    double area = 0;
    if (!GEOSArea_r(ctx.get(), inter.get(), &area)) ctx.fail("GEOS area failed");
    return area;
}

MultiPolygon intersection(const MultiPolygon& a, const MultiPolygon& b) {
    auto& ctx = geos_context();
    auto ga = to_geos(a);
    auto gb = to_geos(b);
    auto r = wrap(GEOSIntersection_r(ctx.get(), ga.get(), gb.get()));
    return from_geos(r.get());
}

MultiPolygon difference(const MultiPolygon& a, const MultiPolygon& b) {
    auto& ctx = geos_context();
    auto ga = to_geos(a);
    auto gb = to_geos(b);
    auto r = wrap(GEOSDifference_r(ctx.get(), ga.get(), gb.get()));
    return from_geos(r.get());
}

MultiPolygon buffer_union(const MultiLineString& lines, double distance, int quadrant_segments,
                          double simplify_tolerance) {
    if (!(distance > 0)) throw GeometryError("buffer distance must be positive, got " + std::to_string(distance));
    // Buffering each line then merging (cascaded union) is much faster than
    // buffering one huge multilinestring on road networks.
    std::vector<GeomPtr> buffers;
    buffers.reserve(lines.size());
    for (const auto& line : lines)
        if (!line.empty()) buffers.push_back(detail::buffer_line(line, distance, quadrant_segments, simplify_tolerance));
    if (buffers.empty()) return {};
    const auto merged = detail::unary_union(std::move(buffers));
    return from_geos(merged.get());
}

MultiPolygon simplify(const MultiPolygon& mp, double tolerance) {
    if (mp.empty() || !(tolerance > 0)) return mp;
    auto& ctx = geos_context();
    auto g = to_geos(mp);
    auto r = wrap(GEOSTopologyPreserveSimplify_r(ctx.get(), g.get(), tolerance));
    return from_geos(r.get());
}

std::optional<Point> label_point(const MultiPolygon& mp) {
    if (mp.empty()) return std::nullopt;
    const auto largest = std::max_element(mp.begin(), mp.end(), [](const Polygon& a, const Polygon& b) {
        return std::abs(boost::geometry::area(a)) < std::abs(boost::geometry::area(b));
    });
    auto& ctx = geos_context();
    const auto h = ctx.get();
    auto g = polygon_to_geos(*largest);
    auto pt = wrap(GEOSPointOnSurface_r(h, g.get()));
    if (GEOSisEmpty_r(h, pt.get()) == 1) return std::nullopt;
    double x = 0, y = 0;
    if (!GEOSGeomGetX_r(h, pt.get(), &x) || !GEOSGeomGetY_r(h, pt.get(), &y)) ctx.fail("GEOS point on surface failed");
    return Point(x, y);
}

Polygon circle(const Point& center, double radius, int segments) {
    if (!(radius > 0)) throw GeometryError("circle radius must be positive, got " + std::to_string(radius));
    if (segments < 8) segments = 8;
    Polygon p;
    auto& ring = p.outer();
    ring.reserve(static_cast<std::size_t>(segments) + 1);
    // Clockwise: decreasing angle.
    for (int i = 0; i < segments; ++i) {
        const double a = -2.0 * std::numbers::pi * i / segments;
        ring.emplace_back(center.x() + radius * std::cos(a), center.y() + radius * std::sin(a));
    }
    ring.push_back(ring.front());
    return p;
}

} // namespace maillage::geo
