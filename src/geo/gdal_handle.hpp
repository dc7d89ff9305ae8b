#pragma once
// Private to src/geo: GDAL registration and error capture. Never include from
// a public header.

#include "core/log.hpp"

#include <cpl_error.h>

#include <string>

namespace maillage::geo::detail {

/// Registers GDAL drivers once (thread-safe).
void ensure_gdal_registered();

/// While alive, GDAL errors and warnings are captured (the last error is kept
/// for exception messages; warnings go to the logger) instead of printed.
class GdalErrorCapture {
  public:
    explicit GdalErrorCapture(const Logger& log);
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// The last GDAL error message, empty if none.
    const std::string& last_error() const { return m_last_error; }
    /// " (GDAL: <message>)" or empty.
    std::string suffix() const { return m_last_error.empty() ? "" : " (GDAL: " + m_last_error + ")"; }
    void clear() { m_last_error.clear(); }

  private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum code, const char* message);
    const Logger& m_log;
    std::string m_last_error;
};

} // namespace maillage::geo::detail
