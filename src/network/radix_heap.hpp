#pragma once
/// A radix heap of ids with monotone 64-bit keys (Ahuja, Mehlhorn, Orlin,
/// Tarjan 1990): a key pushed must be >= the last key popped, which holds in
/// Dijkstra. 65 buckets; bucket i > 0 holds the keys whose highest bit that
/// differs from the last popped key is bit i-1. Pops are amortised
/// O(log C). No decrease-key: push again and skip the stale entries.

#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

namespace maillage::network {

class RadixHeap {
  public:
    struct Entry {
        std::uint64_t key;
        std::uint32_t id;
    };

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    /// Precondition: key >= the last key popped (0 after clear()).
    void push(std::uint32_t id, std::uint64_t key) {
        assert(key >= m_last);
        m_bucket[bucket_of(key)].push_back({key, id});
        ++m_size;
    }

    /// Smallest key. Precondition: !empty(). Amortised O(log C).
    std::uint64_t top_key() {
        refill();
        return m_bucket[0].back().key;
    }

    /// Removes and returns an entry with the smallest key. Precondition: !empty().
    Entry pop() {
        refill();
        const Entry e = m_bucket[0].back();
        m_bucket[0].pop_back();
        --m_size;
        return e;
    }

    void clear() {
        for (auto& b : m_bucket) b.clear();
        m_size = 0;
        m_last = 0;
    }

  private:
    std::size_t bucket_of(std::uint64_t key) const {
        return 64 - static_cast<std::size_t>(std::countl_zero(key ^ m_last)); // 0 if equal
    }

    /// Makes bucket 0 non-empty: the first non-empty bucket is split around
    /// its minimum, which becomes the new last key.
    void refill() {
        if (!m_bucket[0].empty()) return;
        std::size_t i = 1;
        while (m_bucket[i].empty()) ++i;
        std::uint64_t min = m_bucket[i][0].key;
        for (const Entry& e : m_bucket[i])
            if (e.key < min) min = e.key;
        m_last = min;
        for (const Entry& e : m_bucket[i]) m_bucket[bucket_of(e.key)].push_back(e);
        m_bucket[i].clear();
    }

    std::vector<Entry> m_bucket[65];
    std::size_t m_size = 0;
    std::uint64_t m_last = 0;
};

} // namespace maillage::network
