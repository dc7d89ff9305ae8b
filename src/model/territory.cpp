#include "model/territory.hpp"

#include "geo/box_index.hpp"

#include <boost/geometry/algorithms/covered_by.hpp>

namespace maillage {

const char* to_string(SiteFormat format) {
    switch (format) {
    case SiteFormat::fixed: return "fixed";
    case SiteFormat::multi_site: return "multi-site";
    case SiteFormat::bus: return "bus";
    case SiteFormat::itinerant: return "itinerant";
    }
    return "?";
}

const geo::BoxIndex& LazyBoxIndex::get(std::size_t count,
                                       const std::function<std::vector<geo::Box>()>& boxes) const {
    const std::lock_guard lock(m_mutex);
    if (!m_index || m_index->size() != count) m_index = std::make_shared<const geo::BoxIndex>(boxes());
    return *m_index;
}

void LazyBoxIndex::reset() const {
    const std::lock_guard lock(m_mutex);
    m_index.reset();
}

namespace {

// The first area (lowest index) covering p among those whose envelope holds
// it: the same answer as a scan of every area in order (bbox, then polygon).
template <class Area>
std::uint32_t first_covering(const std::vector<Area>& areas, const LazyBoxIndex& lazy, const geo::Point& p) {
    if (areas.empty()) return kInvalid;
    const geo::BoxIndex& index = lazy.get(areas.size(), [&] {
        std::vector<geo::Box> boxes;
        boxes.reserve(areas.size());
        for (const auto& a : areas) boxes.push_back(a.bbox);
        return boxes;
    });
    static thread_local std::vector<std::uint32_t> hits;
    index.covering(p, hits);
    for (const std::uint32_t i : hits) {
        const auto& a = areas[i];
        if (boost::geometry::covered_by(p, a.bbox) && boost::geometry::covered_by(p, a.area)) return i;
    }
    return kInvalid;
}

} // namespace

CommuneId Territory::commune_at(const geo::Point& p) const { return first_covering(communes, commune_index, p); }

CantonId Territory::canton_at(const geo::Point& p) const { return first_covering(cantons, canton_index, p); }

} // namespace maillage
