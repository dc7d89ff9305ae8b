#include "geo/line_buffers.hpp"

#include "geo/geos_convert.hpp"

#include <boost/geometry/algorithms/envelope.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

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

MultiPolygon LineBufferUnion::union_of(const std::vector<std::uint8_t>& taken, const MultiLineString& extra) {
    auto& m = *m_impl;
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
    if (parts.empty()) return {};
    const auto merged = unite(std::move(parts));
    return detail::from_geos(merged.get());
}

} // namespace maillage::geo
