#pragma once
/// An indexed 4-ary min-heap of ids with 64-bit keys and decrease-key
/// (RoutingKit id_queue.h style). Each id is in the queue at most once; the
/// queue keeps the position of every id, so a better key moves the element
/// up instead of adding a stale copy. Four children share one 64-byte cache
/// line.

#include "core/ids.hpp"

#include <cassert>
#include <cstdint>
#include <vector>

namespace maillage::network {

class MinIdQueue {
  public:
    struct Entry {
        std::uint64_t key;
        std::uint32_t id;
    };

    /// Ids are 0 .. id_count-1. Allocates O(id_count) once.
    explicit MinIdQueue(std::size_t id_count = 0) : m_pos(id_count, kNotIn) {}

    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    bool contains(std::uint32_t id) const { return m_pos[id] != kNotIn; }
    /// Smallest entry. Precondition: !empty().
    const Entry& top() const { return m_heap.front(); }
    /// Key of an id in the queue. Precondition: contains(id).
    std::uint64_t key(std::uint32_t id) const { return m_heap[m_pos[id]].key; }

    /// Adds an id not in the queue. O(log n).
    void push(std::uint32_t id, std::uint64_t key) {
        assert(!contains(id));
        m_heap.push_back({key, id});
        sift_up(static_cast<std::uint32_t>(m_heap.size() - 1));
    }
    /// Lowers the key of an id in the queue. Precondition: key <= its key. O(log n).
    void decrease_key(std::uint32_t id, std::uint64_t key) {
        assert(contains(id) && key <= m_heap[m_pos[id]].key);
        const std::uint32_t p = m_pos[id];
        m_heap[p].key = key;
        sift_up(p);
    }
    /// Removes and returns the smallest entry. Precondition: !empty(). O(log n).
    Entry pop() {
        const Entry out = m_heap.front();
        m_pos[out.id] = kNotIn;
        const Entry last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty()) sift_down(last);
        return out;
    }
    /// Removes every entry. O(size()), not O(id_count).
    void clear() {
        for (const Entry& e : m_heap) m_pos[e.id] = kNotIn;
        m_heap.clear();
    }

  private:
    static constexpr std::uint32_t kNotIn = kInvalid;
    static constexpr std::uint32_t kArity = 4;

    void sift_up(std::uint32_t p) {
        const Entry e = m_heap[p];
        while (p > 0) {
            const std::uint32_t parent = (p - 1) / kArity;
            if (m_heap[parent].key <= e.key) break;
            m_heap[p] = m_heap[parent];
            m_pos[m_heap[p].id] = p;
            p = parent;
        }
        m_heap[p] = e;
        m_pos[e.id] = p;
    }

    /// Places `e` from the root down (the root's slot is free).
    void sift_down(Entry e) {
        const auto n = static_cast<std::uint32_t>(m_heap.size());
        std::uint32_t p = 0;
        for (;;) {
            const std::uint32_t first = p * kArity + 1;
            if (first >= n) break;
            const std::uint32_t last = first + kArity < n ? first + kArity : n;
            std::uint32_t best = first;
            for (std::uint32_t c = first + 1; c < last; ++c)
                if (m_heap[c].key < m_heap[best].key) best = c;
            if (e.key <= m_heap[best].key) break;
            m_heap[p] = m_heap[best];
            m_pos[m_heap[p].id] = p;
            p = best;
        }
        m_heap[p] = e;
        m_pos[e.id] = p;
    }

    std::vector<Entry> m_heap;
    std::vector<std::uint32_t> m_pos; ///< position in m_heap, or kNotIn
};

} // namespace maillage::network
