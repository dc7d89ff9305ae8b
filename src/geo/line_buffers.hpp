#pragma once
/// Union of the buffers of any subset of a fixed set of lines, asked many
/// times: the isochrones of a road network, where each site reaches a subset
/// of the same road shapes.
///
/// Every line is buffered once. Lines are grouped in square cells (a leaf
/// cell holds the lines whose envelope centre falls in it; 4 × 4 cells make a
/// cell of the next level, up to one root). When a query takes every line of
/// a cell, that cell's union is computed once (from its children's unions)
/// and reused by every later query; only the cells on the edge of the reached
/// area are assembled from single buffers. The result does not depend on the
/// order of queries: a cell's union is always built from the same parts in
/// the same order.
///
/// GEOS stays behind this header. Not thread-safe: the cache belongs to the
/// thread that uses the object (GEOS contexts are per thread).

#include "geo/types.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace maillage::geo {

struct LineBufferOptions {
    /// Buffer distance (CRS units, > 0), round caps and joins.
    double distance = 300;
    /// Segments per quarter circle (GEOS quadrant segments, >= 1).
    int quadrant_segments = 4;
    /// Lines simplified (Douglas-Peucker) by this much before buffering
    /// (CRS units, 0 = not): the result moves by at most this.
    double simplify_tolerance = 0;
    /// Side of a leaf cell (CRS units, > 0).
    double cell_size = 1000;
    /// Tapered lines only: each disc gets enough segments per quarter circle
    /// (at least quadrant_segments) that no chord strays farther than this
    /// from its circle (CRS units); 0 = quadrant_segments at every radius.
    double max_chord_error = 0;
};

/// A line whose buffer radius varies along it: `radius[i]` at point i,
/// linear in the length in between. Its area is the union of the discs
/// centred on its points, each of the radius there.
struct TaperedLine {
    LineString line;
    std::vector<double> radius; ///< one per point, > 0 (CRS units)
};

/// Segments per quarter circle for a polygon inscribed in a circle of
/// `radius` whose chords stray at most `max_chord_error` from the circle;
/// at least `at_least` (>= 1), at most 256. `max_chord_error` <= 0 gives
/// `at_least`.
int quadrant_segments_for(double radius, double max_chord_error, int at_least);

/// One flag per line: 1 if the line comes within `distance` (CRS units) of
/// `area`. A prepared-geometry test (GEOS), envelope first. Empty lines get 0.
/// Throws GeometryError.
std::vector<std::uint8_t> lines_within(const std::vector<LineString>& lines, const MultiPolygon& area,
                                       double distance);

class LineBufferUnion {
  public:
    /// Throws GeometryError on a non-positive distance or cell size.
    LineBufferUnion(std::vector<LineString> lines, const LineBufferOptions& options);
    ~LineBufferUnion();
    LineBufferUnion(LineBufferUnion&&) noexcept;
    LineBufferUnion& operator=(LineBufferUnion&&) noexcept;
    LineBufferUnion(const LineBufferUnion&) = delete;
    LineBufferUnion& operator=(const LineBufferUnion&) = delete;

    std::size_t size() const;

    /// Union of the buffers of the lines `i` with `taken[i] != 0` (`taken`
    /// has size() flags) and of the buffers of `extra` lines (not cached: the
    /// parts of lines a query reaches only in part). A one-point line buffers
    /// as a disc. Empty input gives an empty result. Throws GeometryError
    /// (also when `taken` has the wrong size).
    MultiPolygon union_of(const std::vector<std::uint8_t>& taken, const MultiLineString& extra);

    /// The same, with the areas of `tapered` lines merged in (not cached).
    /// Each segment of a tapered line gives the convex hull of its two end
    /// discs, which is exactly the union of the discs along it when the
    /// radius is linear on it. Discs are polygons inscribed in their circle
    /// (vertices on it), with quadrant_segments_for(radius,
    /// options.max_chord_error, options.quadrant_segments) segments per
    /// quadrant. Not simplified. A segment whose area lies in grid cells
    /// wholly inside the discs of larger segments or at the ends of the taken
    /// lines is left out (same union, far fewer parts where lines crowd).
    /// Throws GeometryError (also on a radius count that is not the point
    /// count, or a radius that is not positive).
    MultiPolygon union_of(const std::vector<std::uint8_t>& taken, const MultiLineString& extra,
                          const std::vector<TaperedLine>& tapered);

    /// Cells whose union is cached so far (for tests and logs).
    std::size_t cached_cells() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace maillage::geo
