// Fuzz target: the car profile file (TOML, docs/profiles.md): strict keys,
// ranges, string lists; then the profile read is applied to a few ways and
// maxspeed values, which must give finite positive speeds. Also parses the
// whole input as a maxspeed tag with the default profile.
#include "fuzz_support.hpp"
#include "network/profile.hpp"
#include "network/road_graph.hpp"

#include <cmath>

namespace {

using namespace maillage::network;

void check_speed(std::optional<double> kmh) {
    if (kmh && !(std::isfinite(*kmh) && *kmh > 0)) std::abort();
}

void check_profile(const CarProfile& p) {
    if (!(p.speed_factor >= 0.1 && p.speed_factor <= 1.5)) std::abort();
    if (!(p.maxspeed_min_kmh <= p.maxspeed_max_kmh)) std::abort();
    for (const auto& [cls, kmh] : p.class_speed_kmh) {
        WayTags t;
        t.highway = cls;
        for (const char* maxspeed : {"", "50", "30 mph", "FR:urban", "none", "1e308"}) {
            t.maxspeed = maxspeed;
            const WayClass c = classify_way(t, p);
            // access/service/implied one-way lists may drop a class, never
            // make its speed unusable.
            if (c.car && !(std::isfinite(c.speed_kmh) && c.speed_kmh > 0)) std::abort();
            if (c.car && (c.direction & (WaySet::kForward | WaySet::kBackward)) == 0) std::abort();
        }
    }
    for (const auto& [zone, kmh] : p.maxspeed_zone_kmh) check_speed(parse_maxspeed(zone, p));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = maillage::fuzz::as_text(data, size);
    static const CarProfile defaults = default_car_profile();
    const auto kmh = parse_maxspeed(text, defaults);
    check_speed(kmh);
    if (kmh && !(*kmh >= defaults.maxspeed_min_kmh - 1e-9)) std::abort();
    maillage::fuzz::expect_only_maillage_errors([&] {
        check_profile(parse_profile(text, "/fuzz/profile.toml"));
    });
    return 0;
}
