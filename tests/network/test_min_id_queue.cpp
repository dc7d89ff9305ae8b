// The indexed 4-ary heap against a plain reference (a std::multimap-free
// brute force over an array of keys), under heavy decrease-key and equal keys.
#include "network/min_id_queue.hpp"

#include <doctest/doctest.h>

#include <random>
#include <vector>

using namespace maillage;
using namespace maillage::network;

namespace {

/// Brute force: the smallest (key, id) among the ids present.
struct Reference {
    std::vector<std::uint64_t> key;
    std::vector<bool> in;
    explicit Reference(std::size_t n) : key(n, 0), in(n, false) {}
    bool empty() const {
        for (bool b : in)
            if (b) return false;
        return true;
    }
    std::uint64_t min_key() const {
        std::uint64_t best = ~0ull;
        for (std::size_t i = 0; i < in.size(); ++i)
            if (in[i] && key[i] < best) best = key[i];
        return best;
    }
};

} // namespace

TEST_CASE("MinIdQueue pops keys in order under heavy decrease-key and equal keys") {
    std::mt19937_64 rng(20261127);
    for (int trial = 0; trial < 40; ++trial) {
        const std::size_t n = 1 + rng() % 200;
        const std::uint64_t key_range = trial % 2 ? 4 : 1000000; // few distinct keys: many ties
        MinIdQueue q(n);
        Reference ref(n);
        for (int step = 0; step < 3000; ++step) {
            const auto id = static_cast<std::uint32_t>(rng() % n);
            const int op = static_cast<int>(rng() % 10);
            if (op < 4) { // push or decrease
                const std::uint64_t k = rng() % key_range;
                if (!q.contains(id)) {
                    REQUIRE_FALSE(ref.in[id]);
                    q.push(id, k);
                    ref.in[id] = true, ref.key[id] = k;
                } else if (k <= q.key(id)) {
                    q.decrease_key(id, k);
                    ref.key[id] = k;
                }
            } else if (op < 8) { // decrease a queued id to a random lower key
                if (q.contains(id) && ref.key[id] > 0) {
                    const std::uint64_t k = rng() % (ref.key[id] + 1);
                    q.decrease_key(id, k);
                    ref.key[id] = k;
                }
            } else if (!q.empty()) {
                const std::uint64_t expect = ref.min_key();
                CHECK(q.top().key == expect);
                const auto e = q.pop();
                CHECK(e.key == expect);
                REQUIRE(ref.in[e.id]);
                CHECK(ref.key[e.id] == e.key);
                ref.in[e.id] = false;
                CHECK_FALSE(q.contains(e.id));
            }
            CHECK(q.empty() == ref.empty());
            if (step % 1000 == 999) { // clear, then the queue must be reusable
                q.clear();
                ref = Reference(n);
                for (std::uint32_t i = 0; i < n; ++i) CHECK_FALSE(q.contains(i));
            }
        }
        // Drain: keys come out non-decreasing, each id once.
        std::uint64_t last = 0;
        std::size_t left = 0;
        for (bool b : ref.in) left += b;
        while (!q.empty()) {
            const auto e = q.pop();
            CHECK(e.key >= last);
            CHECK(ref.in[e.id]);
            ref.in[e.id] = false;
            last = e.key;
            --left;
        }
        CHECK(left == 0);
    }
}

TEST_CASE("MinIdQueue with all keys equal pops every id once") {
    MinIdQueue q(1000);
    for (std::uint32_t i = 0; i < 1000; ++i) q.push((i * 7919u) % 1000, 42);
    std::vector<bool> seen(1000, false);
    for (int i = 0; i < 1000; ++i) {
        const auto e = q.pop();
        CHECK(e.key == 42);
        CHECK_FALSE(seen[e.id]);
        seen[e.id] = true;
    }
    CHECK(q.empty());
}
