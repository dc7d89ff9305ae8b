#include "geo/box_index.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

namespace maillage::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct BoxIndex::Tree {
    using Value = std::pair<Box, std::uint32_t>;
    bgi::rtree<Value, bgi::rstar<16>> rtree;
    std::size_t count = 0;
};

BoxIndex::BoxIndex(const std::vector<Box>& boxes) : m_tree(std::make_unique<Tree>()) {
    std::vector<Tree::Value> values;
    values.reserve(boxes.size());
    for (std::size_t i = 0; i < boxes.size(); ++i)
        values.emplace_back(boxes[i], static_cast<std::uint32_t>(i));
    // The range constructor packs the tree (STR bulk loading).
    m_tree->rtree = decltype(m_tree->rtree)(values.begin(), values.end());
    m_tree->count = boxes.size();
}

BoxIndex::~BoxIndex() = default;
BoxIndex::BoxIndex(BoxIndex&&) noexcept = default;
BoxIndex& BoxIndex::operator=(BoxIndex&&) noexcept = default;

void BoxIndex::covering(const Point& p, std::vector<std::uint32_t>& out) const {
    out.clear();
    for (auto it = m_tree->rtree.qbegin(bgi::covers(p)); it != m_tree->rtree.qend(); ++it)
        out.push_back(it->second);
    std::sort(out.begin(), out.end());
}

std::size_t BoxIndex::size() const { return m_tree->count; }

} // namespace maillage::geo
