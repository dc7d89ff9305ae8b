// [travel] of a scenario: a network as one path or as a list of layers, the
// join and access-leg keys; line-layer profiles, the numbered-roads one included.
#include "core/error.hpp"
#include "core/file.hpp"
#include "io/scenario.hpp"
#include "network/line_profile.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

using namespace maillage;

namespace {

/// The tiny scenario with `travel` appended, written to a temporary folder
/// (load_scenario resolves paths but opens no layer).
struct TravelScenario {
    std::filesystem::path dir;
    std::string path;
    explicit TravelScenario(const std::string& travel) {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("maillage-travel-" + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        path = (dir / "s.toml").string();
        std::ofstream out(path);
        out << read_text_file((test::source_dir() / "tests" / "data" / "tiny" / "tiny.toml").string(), "scenario", 1u << 20)
            << "\n[travel]\n"
            << travel;
    }
    ~TravelScenario() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

std::string error_of(const std::string& travel) {
    TravelScenario s(travel);
    try {
        (void)load_scenario(s.path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("travel settings: one path or a list of layers") {
    {
        TravelScenario s("model = \"network\"\nnetwork = \"roads.gpkg\"\n");
        const auto t = load_scenario(s.path).travel;
        CHECK(std::filesystem::path(t.network).filename() == "roads.gpkg");
        CHECK(t.network_layers.empty());
        CHECK_FALSE(t.offroad_speed_kmh);
        CHECK_FALSE(t.access_circuity);
        CHECK_FALSE(t.max_snap_m);
        CHECK(t.join_tolerance_m == 5);
    }
    {
        TravelScenario s("model = \"network\"\nlabel = \"L\"\naccess_circuity = 1.3\nmax_snap_m = 4000\n"
                         "join_tolerance_m = 20\nnear_miss_m = 40\nnetwork = [\n"
                         "  { path = \"a.gpkg\", layer = \"roads\", profile = \"p.toml\" },\n"
                         "  { path = \"b.geojson\" },\n]\n");
        const auto t = load_scenario(s.path).travel;
        CHECK(t.network.empty());
        REQUIRE(t.network_layers.size() == 2);
        CHECK(std::filesystem::path(t.network_layers[0].path).filename() == "a.gpkg");
        CHECK(t.network_layers[0].layer == "roads");
        CHECK(std::filesystem::path(t.network_layers[0].profile).filename() == "p.toml");
        CHECK(t.network_layers[1].layer.empty());
        CHECK(t.network_layers[1].profile.empty());
        CHECK(t.label == "L");
        CHECK(*t.access_circuity == 1.3);
        CHECK(*t.max_snap_m == 4000);
        CHECK(t.join_tolerance_m == 20);
        CHECK(t.near_miss_m == 40);
    }
}

TEST_CASE("travel settings: bad network lists and keys name the key and the line") {
    const auto missing = error_of("model = \"network\"\nnetwork = [ { layer = \"roads\" } ]\n");
    CHECK(missing.find("travel.network.path") != std::string::npos);
    const auto unknown = error_of("model = \"network\"\nnetwork = [ { path = \"a\", speed = 3 } ]\n");
    CHECK(unknown.find("travel.network.speed") != std::string::npos);
    const auto empty = error_of("model = \"network\"\nnetwork = []\n");
    CHECK(empty.find("travel.network") != std::string::npos);
    const auto number = error_of("model = \"network\"\nnetwork = [ 3 ]\n");
    CHECK(number.find("travel.network") != std::string::npos);
    const auto circuity = error_of("model = \"network\"\nnetwork = \"a\"\naccess_circuity = 0.5\n");
    CHECK(circuity.find("access_circuity") != std::string::npos);
    const auto miss = error_of("model = \"network\"\nnetwork = \"a\"\njoin_tolerance_m = 10\nnear_miss_m = 5\n");
    CHECK(miss.find("near_miss_m") != std::string::npos);
    CHECK(miss.find("line") != std::string::npos);
}

TEST_CASE("line-layer profiles: the numbered-roads profile, and bad files") {
    const auto path = (test::source_dir() / "data" / "profiles" / "numbered-roads-fr.toml").string();
    const std::string text = read_text_file(path, "profile", 1u << 20);
    REQUIRE(network::is_line_profile_text(text, path));
    const auto p = network::parse_line_profile(text, path);
    CHECK(p.name == "numbered-roads-fr");
    CHECK(p.mapping.kind == network::LineLayerMapping::Kind::class_table);
    CHECK(p.mapping.class_field == "tm_class");
    CHECK(p.length_factor == 1.05);
    CHECK(*p.access_speed_kmh == 30);
    CHECK(*p.access_circuity == 1.3);
    CHECK(*p.max_snap_m == 5000);
    // The dual carriageways of 35 named in issue 20 are in the table, keyed
    // by system and number, and faster than an ordinary D road.
    const auto fields = network::line_layer_fields(p.mapping);
    REQUIRE(fields == std::vector<std::string>{"tm_class", "tm_system", "ref"});
    const auto profile = network::CarProfile{};
    const auto d = network::classify_line_feature(p.mapping, profile, fields, {"D", "frabred35", "D34"});
    for (const char* ref : {"D137", "D163", "D173", "D175", "D177"}) {
        const auto fast = network::classify_line_feature(p.mapping, profile, fields, {"D", "frabred35", ref});
        CHECK_MESSAGE(fast.speed_kmh > d.speed_kmh + 20, ref);
        // The same number in another departement is an ordinary D road.
        const auto other = network::classify_line_feature(p.mapping, profile, fields, {"D", "franord50", ref});
        CHECK_MESSAGE(other.speed_kmh == d.speed_kmh, ref);
    }
    CHECK(network::classify_line_feature(p.mapping, profile, fields, {"X", "", ""}).car == false);
    // A car profile is not a line-layer profile.
    const auto car = (test::source_dir() / "data" / "profiles" / "car-fr.toml").string();
    CHECK_FALSE(network::is_line_profile_text(read_text_file(car, "profile", 1u << 20), car));

    auto error = [](const std::string& t) {
        try {
            (void)network::parse_line_profile(t, "bad.toml");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error("kind = \"class_table\"\nname = \"x\"\nclass_field = \"c\"\n[class_speed_kmh]\nA = 400\n")
              .find("bad.toml: line 5") != std::string::npos);
    CHECK(error("kind = \"class_table\"\nname = \"x\"\nspeedz = 3\n").find("unknown key \"speedz\"") !=
          std::string::npos);
    CHECK(error("kind = \"class_table\"\nname = \"x\"\n").find("class field") != std::string::npos);
    CHECK(error("kind = \"speed_field\"\nname = \"x\"\nspeed_field = \"v\"\noverride_fields = [\"r\"]\n"
                "[override_speed_kmh]\nA = 50\n")
              .find("class_table") != std::string::npos);
    CHECK(error("kind = \"class_table\"\nname = \"x\"\nclass_field = \"c\"\nlength_factor = 9\n[class_speed_kmh]\nA = 50\n")
              .find("length_factor") != std::string::npos);
}
