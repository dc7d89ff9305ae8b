#pragma once
/// Tests too slow for the ASan+UBSan pass of CI (the national data, a
/// browser, large real inputs) start with
///     if (test::skip_under_sanitizers("why")) return;
/// They still run in the Release suite; under the sanitizers they report
/// themselves skipped ([maillage-skip], see CMakeLists.txt), with the reason.

#include <cstdio>

namespace maillage::test {

inline bool skip_under_sanitizers([[maybe_unused]] const char* why) {
#ifdef MAILLAGE_SANITIZED
    std::printf("[maillage-skip] slow under ASan+UBSan, run by the Release suite only: %s\n", why);
    return true;
#else
    return false;
#endif
}

} // namespace maillage::test
