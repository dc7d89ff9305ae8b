#include "geo/reprojector.hpp"

#include "core/error.hpp"
#include "geo/transform.hpp"

#include <cmath>
#include <vector>

namespace maillage::geo {

// One PROJ wrapper in the project: Reprojector is the writers' view of
// CoordinateTransform (geometry errors instead of input errors).
struct Reprojector::Impl {
    CoordinateTransform ct;
};

Reprojector::Reprojector(const std::string& from, const std::string& to) : m_from(from), m_to(to) {
    try {
        m_impl = std::make_unique<Impl>(Impl{CoordinateTransform(from, to)});
    } catch (const InputError& e) {
        throw GeometryError(e.what());
    }
}

Reprojector::~Reprojector() = default;
Reprojector::Reprojector(Reprojector&&) noexcept = default;
Reprojector& Reprojector::operator=(Reprojector&&) noexcept = default;

Point Reprojector::transform(const Point& p) const { return m_impl->ct.forward(p.x(), p.y()); }

void Reprojector::transform_in_place(double* x, double* y, std::size_t count) const {
    if (count == 0) return;
    std::vector<double> xs(x, x + count), ys(y, y + count);
    if (m_impl->ct.forward_many(xs, ys) > 0) {
        for (std::size_t i = 0; i < count; ++i) {
            if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]))
                throw GeometryError("cannot transform point (" + std::to_string(x[i]) + ", " + std::to_string(y[i]) +
                                    ") from " + m_from + " to " + m_to);
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        x[i] = xs[i];
        y[i] = ys[i];
    }
}

} // namespace maillage::geo
