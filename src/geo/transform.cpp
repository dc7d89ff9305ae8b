#include "geo/transform.hpp"

#include "core/error.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillage::geo {

namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* ctx) const { proj_context_destroy(ctx); }
};
struct PjDeleter {
    void operator()(PJ* pj) const { proj_destroy(pj); }
};

std::string context_error(PJ_CONTEXT* ctx) {
    const int code = proj_context_errno(ctx);
    const char* text = code != 0 ? proj_context_errno_string(ctx, code) : nullptr;
    return text ? std::string(text) : std::string("unknown PROJ error");
}

} // namespace

struct CoordinateTransform::Impl {
    std::unique_ptr<PJ_CONTEXT, ContextDeleter> ctx;
    std::unique_ptr<PJ, PjDeleter> pj;
};

CoordinateTransform::CoordinateTransform(const std::string& from, const std::string& to)
    : m_impl(std::make_unique<Impl>()), m_from(from), m_to(to) {
    m_impl->ctx.reset(proj_context_create());
    if (!m_impl->ctx) throw GeometryError("PROJ: cannot create a context");
    PJ_CONTEXT* ctx = m_impl->ctx.get();
    proj_log_level(ctx, PJ_LOG_NONE); // the library never prints; errors go into exceptions
    // Check each CRS alone first so the message names the bad one.
    for (const std::string* crs : {&from, &to}) {
        std::unique_ptr<PJ, PjDeleter> one(proj_create(ctx, crs->c_str()));
        if (!one)
            throw InputError("unknown CRS \"" + *crs + "\": " + context_error(ctx) +
                             " (expected e.g. EPSG:2154, EPSG:4326 or a PROJ string)");
    }
    std::unique_ptr<PJ, PjDeleter> raw(
        proj_create_crs_to_crs(ctx, from.c_str(), to.c_str(), nullptr));
    if (!raw)
        throw InputError("no transformation from " + from + " to " + to + ": " +
                         context_error(ctx));
    // Traditional GIS order: x = lon/easting, whatever the authority says.
    m_impl->pj.reset(proj_normalize_for_visualization(ctx, raw.get()));
    if (!m_impl->pj)
        throw InputError("cannot normalise the transformation from " + from + " to " + to +
                         ": " + context_error(ctx));
}

CoordinateTransform CoordinateTransform::to_wgs84(const std::string& from) {
    try {
        return CoordinateTransform(from, "EPSG:4326");
    } catch (const InputError& e) {
        throw GeometryError(e.what());
    }
}

CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

static Point transform_one(PJ* pj, PJ_DIRECTION dir, double x, double y, const std::string& from,
                           const std::string& to) {
    PJ_COORD c = proj_coord(x, y, 0, 0);
    PJ_COORD r = proj_trans(pj, dir, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL)
        throw GeometryError("cannot transform point (" + std::to_string(x) + ", " +
                            std::to_string(y) + ") from " + from + " to " + to);
    return Point(r.xy.x, r.xy.y);
}

Point CoordinateTransform::forward(double x, double y) const {
    return transform_one(m_impl->pj.get(), PJ_FWD, x, y, m_from, m_to);
}

Point CoordinateTransform::inverse(double x, double y) const {
    return transform_one(m_impl->pj.get(), PJ_INV, x, y, m_to, m_from);
}

static std::size_t transform_many(PJ* pj, PJ_DIRECTION dir, std::vector<double>& x,
                                  std::vector<double>& y) {
    if (x.size() != y.size()) throw std::invalid_argument("transform_many: size mismatch");
    if (x.empty()) return 0;
    proj_trans_generic(pj, dir, x.data(), sizeof(double), x.size(), y.data(), sizeof(double),
                       y.size(), nullptr, 0, 0, nullptr, 0, 0);
    std::size_t failed = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || x[i] == HUGE_VAL) {
            x[i] = y[i] = std::numeric_limits<double>::infinity();
            ++failed;
        }
    }
    return failed;
}

std::size_t CoordinateTransform::forward_many(std::vector<double>& x, std::vector<double>& y) const {
    return transform_many(m_impl->pj.get(), PJ_FWD, x, y);
}

std::size_t CoordinateTransform::inverse_many(std::vector<double>& x, std::vector<double>& y) const {
    return transform_many(m_impl->pj.get(), PJ_INV, x, y);
}

void CoordinateTransform::forward_in_place(double* x, double* y, std::size_t count) const {
    if (count == 0) return;
    std::vector<double> xs(x, x + count), ys(y, y + count);
    if (forward_many(xs, ys) > 0) {
        for (std::size_t i = 0; i < count; ++i) {
            if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]))
                throw GeometryError("cannot transform point (" + std::to_string(x[i]) + ", " + std::to_string(y[i]) +
                                    ") from " + m_from + " to " + m_to);
        }
    }
    std::copy(xs.begin(), xs.end(), x);
    std::copy(ys.begin(), ys.end(), y);
}

double great_circle_m(LonLat a, LonLat b) {
    constexpr double kEarthRadius_m = 6371008.8;
    constexpr double kDeg = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * kDeg;
    const double dlon = (b.lon - a.lon) * kDeg;
    const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) *
                         std::sin(dlon / 2);
    return 2 * kEarthRadius_m * std::asin(std::min(1.0, std::sqrt(s)));
}

} // namespace maillage::geo
