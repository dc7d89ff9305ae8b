#include "app/layer_fields.hpp"

#include "network/travel_model.hpp"

#include <cmath>

namespace maillage::app {

geo::FieldDef field(std::string name, geo::FieldType type, std::string fr, std::string en, std::string unit,
                    bool share) {
    return geo::FieldDef{std::move(name), type, std::move(fr), std::move(en), std::move(unit), share};
}

geo::FieldValue minutes_or_null(std::optional<std::uint32_t> s) {
    if (!s || *s == network::kUnreachable) return std::monostate{};
    return std::round(*s / 6.0) / 10.0;
}

geo::FieldValue minutes_or_null(std::optional<double> s) {
    if (!s) return std::monostate{};
    return std::round(*s / 6.0) / 10.0;
}

geo::FieldValue minutes_or_null(std::uint32_t s) { return minutes_or_null(std::optional<std::uint32_t>(s)); }

} // namespace maillage::app
