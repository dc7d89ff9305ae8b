// Fuzz target: building a car graph with libosmium from truncated or corrupted OSM PBF (.osm.pbf).
#include "fuzz_support.hpp"
#include "network/osm_graph.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace maillage;
    const auto path = fuzz::write_input("input.osm.pbf", data, size);
    static const auto profile = network::default_car_profile();
    fuzz::expect_only_maillage_errors([&] {
        const auto built = network::build_graph_from_osm(path, profile);
        built.graph.validate();
    });
    return 0;
}
