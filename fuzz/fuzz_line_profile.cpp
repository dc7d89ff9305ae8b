// Fuzz target: the line-layer profile file (TOML, docs/profiles.md
// "Line-layer profiles"): strict keys, ranges, the mapping's checks; then the
// mapping read is applied to a few field values, which must give finite
// positive speeds for car roads.
#include "fuzz_support.hpp"
#include "network/line_profile.hpp"

#include <cmath>

namespace {

using namespace maillage::network;

void check_profile(const LineProfile& p) {
    if (!(p.length_factor >= 0.5 && p.length_factor <= 3)) std::abort();
    if (p.access_circuity && !(*p.access_circuity >= 1 && *p.access_circuity <= 5)) std::abort();
    if (p.access_speed_kmh && !(*p.access_speed_kmh > 0)) std::abort();
    const auto fields = line_layer_fields(p.mapping); // accepted by the parser: must not throw
    static const CarProfile car = default_car_profile();
    std::vector<std::string_view> values(fields.size());
    std::vector<std::string> keys;
    for (const auto& [k, v] : p.mapping.class_speed_kmh) keys.push_back(k);
    for (const auto& [k, v] : p.mapping.override_speed_kmh) keys.push_back(k);
    keys.insert(keys.end(), {"", "50", "1e308", "nan"});
    for (const auto& key : keys) {
        for (auto& v : values) v = key;
        const LineFeatureClass c = classify_line_feature(p.mapping, car, fields, values);
        if (c.car && !(std::isfinite(c.speed_kmh) && c.speed_kmh > 0)) std::abort();
        if (c.car && c.direction == 0) std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = maillage::fuzz::as_text(data, size);
    maillage::fuzz::expect_only_maillage_errors([&] {
        if (is_line_profile_text(text, "/fuzz/line-profile.toml"))
            check_profile(parse_line_profile(text, "/fuzz/line-profile.toml"));
    });
    return 0;
}
