// Fuzz target: schedule files (TOML) of buses, itinerant and multi-site services.
#include "fuzz_support.hpp"
#include "io/schedule_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    maillage::fuzz::expect_only_maillage_errors([&] {
        const auto schedule = maillage::parse_schedule(maillage::fuzz::as_text(data, size), "fuzz.toml");
        maillage::validate_schedule(schedule, [](std::string_view code) { return code.size() == 5; });
    });
    return 0;
}
