#pragma once
// Private to src/geo: RAII for the reentrant GEOS C API. Never include from
// a public header.

#include "core/error.hpp"

#include <geos_c.h>

#include <memory>
#include <string>

namespace maillage::geo::detail {

/// One GEOS context per thread, with its error message captured so that a
/// failing call becomes a GeometryError carrying GEOS's words.
class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t get() const { return m_handle; }
    /// Throws GeometryError("<what>: <last GEOS message>").
    [[noreturn]] void fail(const std::string& what) const;
    std::string last_error() const { return m_last_error; }

  private:
    static void on_error(const char* message, void* userdata);
    GEOSContextHandle_t m_handle = nullptr;
    std::string m_last_error;
};

/// The calling thread's context.
GeosContext& geos_context();

struct GeomDeleter {
    GEOSContextHandle_t handle;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(handle, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

} // namespace maillage::geo::detail
