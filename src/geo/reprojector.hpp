#pragma once
/// Coordinate transformation between two CRSs (PROJ through OGR), with the
/// traditional GIS axis order on both sides (x = easting or longitude), so a
/// longitude never lands in a latitude.

#include "geo/types.hpp"

#include <memory>
#include <string>

namespace maillage::geo {

/// Transforms points from one CRS to another. Not thread-safe (one per thread).
class Reprojector {
  public:
    /// `from` and `to` are any definition OGR accepts ("EPSG:2154",
    /// "EPSG:4326", a WKT or PROJ string). Throws GeometryError naming the CRS
    /// when one is unknown or no transformation exists between them.
    Reprojector(const std::string& from, const std::string& to);
    ~Reprojector();
    Reprojector(Reprojector&&) noexcept;
    Reprojector& operator=(Reprojector&&) noexcept;
    Reprojector(const Reprojector&) = delete;
    Reprojector& operator=(const Reprojector&) = delete;

    /// The point in the target CRS. Throws GeometryError if PROJ fails on it
    /// (point outside the CRS's domain).
    Point transform(const Point& p) const;
    /// Transforms `count` coordinates in place (one PROJ call). Throws
    /// GeometryError naming the first point that failed.
    void transform_in_place(double* x, double* y, std::size_t count) const;

    /// Working CRS -> WGS84 lon/lat shortcut.
    static Reprojector to_wgs84(const std::string& from) { return Reprojector(from, "EPSG:4326"); }

    const std::string& from() const { return m_from; }
    const std::string& to() const { return m_to; }

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_from;
    std::string m_to;
};

} // namespace maillage::geo
