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
};

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

    /// Cells whose union is cached so far (for tests and logs).
    std::size_t cached_cells() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace maillage::geo
