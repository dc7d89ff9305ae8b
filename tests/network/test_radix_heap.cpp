// The radix heap against a std::priority_queue reference: monotone pushes
// (as in Dijkstra), many equal keys, keys over the whole 64-bit range.
#include "network/radix_heap.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <queue>
#include <random>
#include <utility>
#include <vector>

using namespace maillage::network;

TEST_CASE("RadixHeap pops the same keys as a binary heap under monotone pushes") {
    std::mt19937_64 rng(20261127);
    RadixHeap heap;
    for (int trial = 0; trial < 60; ++trial) {
        heap.clear();
        using Item = std::pair<std::uint64_t, std::uint32_t>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> ref;
        // Trials alternate: few distinct keys (ties everywhere), deciseconds
        // with a label in the low 32 bits (the Dijkstra key), the full range.
        const int kind = trial % 3;
        auto step = [&]() -> std::uint64_t {
            if (kind == 0) return rng() % 3;
            if (kind == 1) return (rng() % 50) << 32 | (rng() % 4);
            return rng() >> (rng() % 64);
        };
        std::uint64_t last = 0;
        std::uint32_t next_id = 0;
        std::vector<std::uint64_t> pushed; // key of each id
        std::vector<int> popped;           // times each id came out
        for (int op = 0; op < 4000; ++op) {
            if (ref.empty() || rng() % 3 != 0) {
                const std::uint64_t add = step();
                const std::uint64_t key = add > ~0ull - last ? ~0ull : last + add;
                heap.push(next_id, key);
                ref.emplace(key, next_id++);
                pushed.push_back(key);
                popped.push_back(0);
            } else {
                REQUIRE_FALSE(heap.empty());
                CHECK(heap.top_key() == ref.top().first);
                const auto e = heap.pop();
                CHECK(e.key == ref.top().first);
                CHECK(e.key >= last);
                CHECK(pushed[e.id] == e.key);
                ++popped[e.id];
                last = e.key;
                ref.pop();
            }
            CHECK(heap.size() == ref.size());
        }
        // Drain: keys keep rising, every id comes out once with its key.
        while (!heap.empty()) {
            const auto e = heap.pop();
            CHECK(e.key == ref.top().first);
            CHECK(e.key >= last);
            REQUIRE(e.id < next_id);
            CHECK(pushed[e.id] == e.key);
            ++popped[e.id];
            last = e.key;
            ref.pop();
        }
        CHECK(ref.empty());
        for (int c : popped) CHECK(c == 1);
    }
}

TEST_CASE("RadixHeap with all keys equal, then reused after clear") {
    RadixHeap heap;
    for (std::uint32_t i = 0; i < 1000; ++i) heap.push(i, 42);
    std::vector<bool> seen(1000, false);
    for (int i = 0; i < 500; ++i) {
        const auto e = heap.pop();
        CHECK(e.key == 42);
        CHECK_FALSE(seen[e.id]);
        seen[e.id] = true;
    }
    heap.clear(); // forgets the 500 left and the last key
    CHECK(heap.empty());
    heap.push(7, 3);
    heap.push(8, 1);
    CHECK(heap.pop().id == 8);
    CHECK(heap.pop().id == 7);
    CHECK(heap.empty());
}
