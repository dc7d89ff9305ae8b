#include "io/candidates_loader.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/vector_layer.hpp"

#include <map>

namespace maillage {

std::vector<Candidate> load_candidates(const Territory& t, const CandidateSource& source,
                                       const std::string& working_crs, const Logger& log) {
    geo::ReadOptions ro;
    ro.target_crs = working_crs;
    ro.fields = {source.id_field, source.name_field};
    const auto layer = geo::read_layer(source.layer, ro, log);
    if (layer.features.empty()) throw InputError(layer.source + ": candidate layer is empty (no candidates)");
    std::vector<Candidate> out;
    std::map<std::string, std::string> first_at; // id -> "file: line N"
    for (const auto& f : layer.features) {
        Candidate c;
        c.id = std::string(trim(f.values[0].value_or("")));
        if (c.id.empty()) throw InputError(layer.where(f) + ": empty candidate id");
        if (const auto [it, fresh] = first_at.emplace(c.id, layer.where(f)); !fresh)
            throw InputError(layer.where(f) + ": duplicate candidate id " + quote(c.id) + " (already at " +
                             it->second + "): ids must be unique");
        c.name = f.values[1].value_or("");
        if (f.kind != geo::GeometryKind::point || !f.lonlat)
            throw InputError(layer.where(f) + ": candidate " + quote(c.id) + " needs a point");
        c.xy = f.point;
        c.lonlat = *f.lonlat;
        c.commune = t.commune_at(c.xy);
        c.canton = t.canton_at(c.xy);
        if (c.canton == kInvalid)
            throw InputError(layer.where(f) + ": candidate " + quote(c.id) + " " + c.name +
                             " lies outside the territory (in no canton)");
        c.source = layer.source;
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace maillage
