#include "coverage/canton_rule.hpp"

#include <algorithm>

namespace maillage {

CantonRule canton_rule(const Territory& t, const Date& as_of, const std::vector<Site>& added) {
    CantonRule r;
    r.cantons.resize(t.cantons.size());
    auto count = [&](const Site& s) {
        if (!s.open_at(as_of)) return;
        ++r.open_sites;
        ++r.open_by_format[static_cast<std::size_t>(s.format)];
        if (s.commune == kInvalid) {
            r.open_sites_outside.push_back(s.id);
        } else {
            for (CantonId k : t.communes[s.commune].cantons) {
                auto& c = r.cantons[k];
                ++c.by_format[static_cast<std::size_t>(s.format)];
                ++c.sites;
                c.site_ids.push_back(s.id);
            }
        }
        if (s.strict_canton != kInvalid) ++r.cantons[s.strict_canton].strict_sites;
    };
    for (const auto& s : t.sites) count(s);
    for (const auto& s : added) count(s);
    for (auto& c : r.cantons) std::sort(c.site_ids.begin(), c.site_ids.end());
    return r;
}

std::vector<CantonId> cantons_without_site(const CantonRule& rule) {
    std::vector<CantonId> out;
    for (CantonId k = 0; k < rule.cantons.size(); ++k)
        if (!rule.cantons[k].has_site()) out.push_back(k);
    return out;
}

std::vector<CantonId> cantons_without_site(const Territory& territory, const Date& as_of) {
    return cantons_without_site(canton_rule(territory, as_of));
}

} // namespace maillage
