#pragma once
/// Coordinate transformation between two CRS through PROJ, behind a small
/// RAII type. Axis order is the traditional GIS one: x = longitude/easting,
/// y = latitude/northing, whatever the CRS definition says.

#include "geo/types.hpp"

#include <memory>
#include <string>
#include <vector>

namespace maillage::geo {

/// Transforms points from one CRS to another ("EPSG:4326", "EPSG:2154", a
/// PROJ string or WKT): the one PROJ wrapper of the project, for readers and
/// writers alike. Owns its PROJ context and transformation (RAII, movable).
/// Not thread-safe: use one instance per thread.
class CoordinateTransform {
  public:
    /// Throws InputError naming the CRS if either is unknown, or if no
    /// transformation exists between them.
    CoordinateTransform(const std::string& from, const std::string& to);
    /// Working CRS -> WGS84 lon/lat, for the writers. The working CRS is the
    /// program's own, so an unknown one is a GeometryError here.
    static CoordinateTransform to_wgs84(const std::string& from);
    ~CoordinateTransform();
    CoordinateTransform(CoordinateTransform&&) noexcept;
    CoordinateTransform& operator=(CoordinateTransform&&) noexcept;
    CoordinateTransform(const CoordinateTransform&) = delete;
    CoordinateTransform& operator=(const CoordinateTransform&) = delete;

    /// Transforms one point from `from` to `to`. Throws GeometryError if the
    /// point cannot be transformed (outside the CRS domain).
    Point forward(double x, double y) const;
    Point forward(const Point& p) const { return forward(p.x(), p.y()); }
    /// Transforms one point from `to` back to `from`. Throws GeometryError.
    Point inverse(double x, double y) const;
    /// Transforms arrays in place (same size). Points that fail become
    /// infinity (check with std::isfinite); returns how many failed.
    std::size_t forward_many(std::vector<double>& x, std::vector<double>& y) const;
    /// Inverse of forward_many.
    std::size_t inverse_many(std::vector<double>& x, std::vector<double>& y) const;
    /// Transforms `count` coordinates in place (one PROJ call). Throws
    /// GeometryError naming the first point that failed; the arrays are left
    /// unchanged then.
    void forward_in_place(double* x, double* y, std::size_t count) const;

    const std::string& from() const { return m_from; }
    const std::string& to() const { return m_to; }

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_from;
    std::string m_to;
};

/// Great-circle distance in metres between two WGS84 positions (haversine,
/// mean Earth radius 6,371,008.8 m).
double great_circle_m(LonLat a, LonLat b);

} // namespace maillage::geo
