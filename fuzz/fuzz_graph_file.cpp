// Fuzz target: the binary graph file loader on arbitrary bytes. The checksum
// would stop almost every mutation at the last step, so when the first input
// byte is odd the target rewrites the trailing checksum to match: the
// fuzzer then reaches the size and consistency checks (RoadGraph::validate).
// A graph that loads must have its shapes walkable and be searchable from
// any node without an out-of-range access.
#include "fuzz_support.hpp"
#include "network/dijkstra.hpp"
#include "network/graph_file.hpp"

#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace maillage;
    if (size == 0) return 0;
    const bool fix_checksum = data[0] & 1;
    std::vector<std::uint8_t> bytes(data + 1, data + size);
    if (fix_checksum && bytes.size() >= 8) {
        const auto sum = network::graph_file_checksum(bytes.data(), bytes.size() - 8);
        std::memcpy(bytes.data() + bytes.size() - 8, &sum, 8);
    }
    const auto path = fuzz::write_input("input.graph", bytes.data(), bytes.size());
    fuzz::expect_only_maillage_errors([&] {
        const auto graph = network::load_graph(path);
        // Walk every shape as snapping does: offsets must stay inside shape_x/y.
        double sum = 0;
        for (std::uint32_t sh = 0; sh < graph.shape_count(); ++sh)
            for (auto k = graph.shape_first[sh]; k < graph.shape_first[sh + 1]; ++k)
                sum += graph.shape_x[k] + graph.shape_y[k];
        for (std::size_t a = 0; a < graph.arc_count(); ++a) sum += graph.shape_first[graph.arc_shape[a]];
        static volatile double sink;
        sink = sum; // keeps the reads
        if (graph.node_count() == 0) return;
        for (const auto view : {network::forward_view(graph), network::backward_view(graph)}) {
            network::Dijkstra search(view);
            search.add_source(0, 0);
            search.add_source(static_cast<NodeId>(graph.node_count() - 1), 0);
            search.run();
        }
    });
    return 0;
}
