#include "model/demand.hpp"

#include <unordered_map>

namespace maillage {

std::vector<std::uint32_t> match_points(const Demand& before, const Demand& after) {
    std::unordered_map<std::string_view, std::uint32_t> index;
    index.reserve(before.points.size());
    for (std::uint32_t i = 0; i < before.points.size(); ++i) index.emplace(before.points[i].id, i);
    std::vector<std::uint32_t> out;
    out.reserve(after.points.size());
    for (const auto& p : after.points) {
        const auto it = index.find(p.id);
        out.push_back(it == index.end() ? kInvalid : it->second);
    }
    return out;
}

} // namespace maillage
