// Fuzz target: the scenario file (TOML), strict key checks, regex rewrites,
// dates, numbers, CRS definitions. Opens no layer.
#include "fuzz_support.hpp"
#include "io/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    maillage::fuzz::expect_only_maillage_errors([&] {
        (void)maillage::parse_scenario(maillage::fuzz::as_text(data, size), "/fuzz/scenario.toml");
    });
    return 0;
}
