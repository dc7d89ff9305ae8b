#include "geo/reprojector.hpp"

#include "core/error.hpp"
#include "geo/gdal_handle.hpp"

#include <ogr_spatialref.h>

#include <cmath>
#include <vector>

namespace maillage::geo {

namespace {

struct SrsDeleter {
    void operator()(OGRSpatialReference* s) const {
        if (s) s->Release();
    }
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsDeleter>;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};

SrsPtr make_srs(const std::string& definition) {
    SrsPtr srs(new OGRSpatialReference());
    if (definition.empty() || srs->SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        throw GeometryError("unknown CRS \"" + definition + "\" (expected e.g. EPSG:2154)");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

} // namespace

struct Reprojector::Impl {
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> ct;
};

Reprojector::Reprojector(const std::string& from, const std::string& to)
    : m_impl(std::make_unique<Impl>()), m_from(from), m_to(to) {
    detail::ensure_gdal_registered();
    const Logger quiet;
    detail::GdalErrorCapture errors(quiet);
    const SrsPtr src = make_srs(from);
    const SrsPtr dst = make_srs(to);
    m_impl->ct.reset(OGRCreateCoordinateTransformation(src.get(), dst.get()));
    if (!m_impl->ct)
        throw GeometryError("no coordinate transformation from " + from + " to " + to + errors.suffix());
}

Reprojector::~Reprojector() = default;
Reprojector::Reprojector(Reprojector&&) noexcept = default;
Reprojector& Reprojector::operator=(Reprojector&&) noexcept = default;

void Reprojector::transform_in_place(double* x, double* y, std::size_t count) const {
    if (count == 0) return;
    const Logger quiet;
    detail::GdalErrorCapture errors(quiet);
    std::vector<int> ok(count, 0);
    const bool all = m_impl->ct->Transform(static_cast<int>(count), x, y, nullptr, ok.data()) != 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!ok[i] || !std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw GeometryError("cannot transform point " + std::to_string(i) + " from " + m_from + " to " +
                                m_to + errors.suffix());
    }
    if (!all) throw GeometryError("cannot transform points from " + m_from + " to " + m_to + errors.suffix());
}

Point Reprojector::transform(const Point& p) const {
    double x = p.x();
    double y = p.y();
    transform_in_place(&x, &y, 1);
    return Point(x, y);
}

} // namespace maillage::geo
