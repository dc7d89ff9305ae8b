// Fuzz target: strict number parsing and date finding used by every reader.
#include "fuzz_support.hpp"
#include "core/date.hpp"
#include "core/text.hpp"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace maillage;
    const auto text = fuzz::as_text(data, size);
    if (const auto d = parse_double(text); d && !std::isfinite(*d)) std::abort();
    (void)parse_integer(text);
    (void)quote(text);
    for (const char* format : {"DD/MM/YYYY", "YYYY-MM-DD", "DD-MM-YYYY", "YYYY/MM/DD"}) {
        if (const auto d = find_date(text, format)) {
            // A found date prints and parses back to itself.
            const auto again = parse_iso_date(d->iso());
            if (!again || *again != *d) std::abort();
        }
    }
    (void)parse_iso_date(text);
    fuzz::expect_only_maillage_errors([&] { (void)find_date(text, text.substr(0, 10)); });
    return 0;
}
