// Fuzz target: strict number parsing, date finding and the dates typed by
// people (--as-of, as_of) used by every reader.
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
    // A date typed by a person: either a real date that prints and parses
    // back to itself, or a reason.
    std::string why;
    if (const auto d = parse_user_date(text, &why)) {
        const auto again = parse_user_date(d->iso());
        if (!again || *again != *d) std::abort();
    } else if (why.empty()) {
        std::abort();
    }
    (void)edit_distance(text.substr(0, 64), text.substr(text.size() / 2, 64));
    fuzz::expect_only_maillage_errors([&] { (void)find_date(text, text.substr(0, 10)); });
    return 0;
}
