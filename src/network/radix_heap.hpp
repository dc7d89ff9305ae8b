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
        const std::size_t b = bucket_of(key);
        m_bucket[b].push_back({key, id});
        mark(b);
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
        m_nonempty = 0;
    }

  private:
    std::size_t bucket_of(std::uint64_t key) const {
        return 64 - static_cast<std::size_t>(std::countl_zero(key ^ m_last)); // 0 if equal
    }

    /// Notes that bucket b > 0 may hold entries (bit b-1 of m_nonempty).
    void mark(std::size_t b) { m_nonempty |= std::uint64_t{b != 0} << ((b - 1) & 63); }

    /// Makes bucket 0 non-empty: the first non-empty bucket is split around
    /// its minimum, which becomes the new last key; its entries all move to
    /// lower buckets.
    void refill() {
        if (!m_bucket[0].empty()) return;
        const std::size_t i = static_cast<std::size_t>(std::countr_zero(m_nonempty)) + 1;
        m_nonempty &= m_nonempty - 1;
        std::vector<Entry>& from = m_bucket[i];
        std::uint64_t min = from[0].key;
        for (const Entry& e : from)
            if (e.key < min) min = e.key;
        m_last = min;
        for (const Entry& e : from) {
            const std::size_t b = bucket_of(e.key);
            m_bucket[b].push_back(e);
            mark(b);
        }
        from.clear();
    }

    std::vector<Entry> m_bucket[65];
    std::size_t m_size = 0;
    std::uint64_t m_last = 0;
    std::uint64_t m_nonempty = 0; ///< bit b-1 set: bucket b (1..64) is not empty
};

} // namespace maillage::network
