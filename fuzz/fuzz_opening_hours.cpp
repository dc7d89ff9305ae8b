// Fuzz target: ANCT opening-hours texts. The input is split on '\n' into day
// texts (Monday first); each is parsed alone, then the week as a whole.
#include "fuzz_support.hpp"
#include "io/opening_hours.hpp"
#include "core/text.hpp"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace maillage;
    const auto text = fuzz::as_text(data, size);
    std::vector<std::string_view> days;
    for (auto piece : split(text, '\n')) days.push_back(piece);
    for (auto day : days) {
        (void)parse_weekday(day);
        fuzz::expect_only_maillage_errors([&] {
            const auto hours = parse_day_hours(day);
            for (const auto& iv : hours)
                if (iv.start_min < 0 || iv.end_min > kMinutesPerDay || iv.start_min >= iv.end_min) std::abort();
        });
    }
    const auto parsed = try_parse_weekly_hours(days);
    if (parsed.hours && !is_normalized(*parsed.hours)) std::abort();
    if (parsed.hours) (void)longest_wait_min(*parsed.hours);
    fuzz::expect_only_maillage_errors([&] { (void)parse_weekly_hours(days); });
    return 0;
}
