// Regression tests of the reliability work: bounded inputs (docs/limits.md)
// and the scenario values that used to reach undefined behaviour.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "geo/vector_layer.hpp"
#include "io/scenario.hpp"
#include "io/schedule_reader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace maillage;
using maillage::test::message_of;
using maillage::test::read_text;
using maillage::test::tiny;

TEST_CASE("reliability: parse_scenario reads text like load_scenario reads the file") {
    const auto from_file = load_scenario(tiny("tiny.toml"));
    const auto from_text = parse_scenario(read_text(tiny("tiny.toml")), tiny("tiny.toml"));
    CHECK(from_text.name == from_file.name);
    CHECK(from_text.sites.layer.path == from_file.sites.layer.path);
    CHECK(from_text.cantons.code_rewrite->pattern == from_file.cantons.code_rewrite->pattern);
}

TEST_CASE("reliability: regex numbers that overflow std::regex are errors (fuzz_scenario finding)") {
    // libstdc++ multiplied the digits of a back-reference into a long without
    // a bound (UBSan: signed integer overflow in _M_cur_int_value).
    std::string base = read_text(tiny("tiny.toml"));
    const std::string source = tiny("tiny.toml");
    const std::string good = R"(code_rewrite = ['^(\d\d)0(\d\d)$', '$1$2'])";
    const auto at = base.find(good);
    REQUIRE(at != std::string::npos);
    auto with = [&](const std::string& pattern) {
        std::string text = base;
        text.replace(at, good.size(), "code_rewrite = ['" + pattern + "', '$1']");
        return text;
    };
    CHECK_CONTAINS(message_of<InputError>([&] { parse_scenario(with(R"((a)\8888888888888888888)"), source); }),
                   "has an invalid regular expression: back-reference \\8888888888888888888 is out of range");
    CHECK_CONTAINS(message_of<InputError>([&] { parse_scenario(with("a{99999999999999999999}"), source); }),
                   "repeat count {99999999999999999999} is too large");
    CHECK_CONTAINS(message_of<InputError>([&] { parse_scenario(with("a{2,5000}"), source); }),
                   "repeat count {5000} is too large");
    // Ordinary patterns still pass: digits as literals, classes, small counts.
    CHECK_NOTHROW(parse_scenario(with(R"(^(\d{2})0(\d{1,2})[0-9]{3}$)"), source));
    CHECK_NOTHROW(parse_scenario(with(R"(^35(\d)\1$)"), source));
}

TEST_CASE("reliability: scenario numbers out of range are errors, not undefined behaviour") {
    // service_threshold = 1e300 was cast to uint32 (UBSan: float-cast-overflow).
    const std::string base = read_text(tiny("tiny.toml"));
    const std::string source = tiny("tiny.toml");
    SUBCASE("service_threshold beyond a day") {
        const auto msg = message_of<InputError>([&] { parse_scenario(base + "\n[coverage]\nservice_threshold = 1e300\n", source); });
        CHECK_CONTAINS(msg, source + ": line 67: key 'coverage.service_threshold' must be minutes between 1 and 1440");
    }
    SUBCASE("speed_kmh = inf") {
        const auto msg = message_of<InputError>([&] { parse_scenario(base + "\n[travel]\nspeed_kmh = inf\n", source); });
        CHECK_CONTAINS(msg, "key 'travel.speed_kmh' must be a finite number greater than 0");
    }
}

TEST_CASE("reliability: a layer with more features than the limit is refused, naming the file") {
    geo::LayerSpec spec;
    spec.path = tiny("sites.csv");
    spec.x_field = "longitude";
    spec.y_field = "latitude";
    geo::ReadOptions options;
    options.max_features = 2;
    CHECK(geo::read_layer(spec, options).features.size() == 2);
    options.max_features = 1;
    const auto msg = message_of<InputError>([&] { geo::read_layer(spec, options); });
    // The CSV driver may count first ("has 2 features") or stop while reading
    // ("has more than 1 features"): either way before holding the layer.
    CHECK_STARTS_WITH(msg, spec.path + ": layer \"sites\" has ");
    CHECK_CONTAINS(msg, "features, more than the 1 maillage reads into memory");
    // GeoJSON knows its count before reading: refused up front.
    spec = {};
    spec.path = tiny("communes.geojson");
    options.max_features = 2;
    const auto msg2 = message_of<InputError>([&] { geo::read_layer(spec, options); });
    CHECK_STARTS_WITH(msg2, spec.path + ": layer \"communes\" has 3 features, more than the 2");
}

TEST_CASE("reliability: a schedule larger than kMaxScheduleBytes is refused before parsing") {
    std::string text(kMaxScheduleBytes + 1, '#');
    text.back() = '\n';
    const auto msg = message_of<InputError>([&] { parse_schedule(text, "big.toml"); });
    CHECK_STARTS_WITH(msg, "big.toml: schedule of " + std::to_string(kMaxScheduleBytes + 1) + " bytes, more than the");
    maillage::test::TempDir dir;
    maillage::test::write_text(dir.file("big.toml"), text);
    const auto msg2 = message_of<InputError>([&] { read_schedule(dir.file("big.toml")); });
    CHECK_STARTS_WITH(msg2, dir.file("big.toml") + ": schedule file larger than " +
                                std::to_string(kMaxScheduleBytes) + " bytes, the most maillage reads");
}
