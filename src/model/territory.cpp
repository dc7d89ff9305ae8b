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

const char* to_string(ShareRule rule) {
    switch (rule) {
    case ShareRule::area: return "area";
    case ShareRule::official: return "official canton populations";
    case ShareRule::demand: return "demand points";
    }
    return "?";
}

namespace {

// The first area (lowest index) covering p among those whose envelope holds
// it: the same answer as a scan of every area in order (bbox, then polygon).
template <class Area>
bool covers(const Area& a, const geo::Point& p) {
    return boost::geometry::covered_by(p, a.bbox) && boost::geometry::covered_by(p, a.area);
}

// The first area (lowest index) covering p: through the envelope index when
// it matches the areas (its hits come in ascending order), else a scan.
template <class Area>
std::uint32_t first_covering(const std::vector<Area>& areas, const geo::BoxIndex* index, const geo::Point& p) {
    if (index && index->size() == areas.size()) {
        static thread_local std::vector<std::uint32_t> hits;
        index->covering(p, hits);
        for (const std::uint32_t i : hits)
            if (covers(areas[i], p)) return i;
        return kInvalid;
    }
    for (std::uint32_t i = 0; i < areas.size(); ++i)
        if (covers(areas[i], p)) return i;
    return kInvalid;
}

template <class Area>
std::shared_ptr<const geo::BoxIndex> index_of(const std::vector<Area>& areas) {
    std::vector<geo::Box> boxes;
    boxes.reserve(areas.size());
    for (const auto& a : areas) boxes.push_back(a.bbox);
    return std::make_shared<const geo::BoxIndex>(boxes);
}

} // namespace

CommuneId Territory::commune_at(const geo::Point& p) const {
    return first_covering(communes, commune_index.get(), p);
}

CantonId Territory::canton_at(const geo::Point& p) const { return first_covering(cantons, canton_index.get(), p); }

void Territory::build_index() {
    commune_index = index_of(communes);
    canton_index = index_of(cantons);
}

} // namespace maillage
