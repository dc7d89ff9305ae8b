#include "geo/output_layer.hpp"

#include "core/error.hpp"

#include <cctype>
#include <set>

namespace maillage::geo {

const char* to_string(FieldType type) {
    switch (type) {
    case FieldType::string: return "string";
    case FieldType::integer: return "integer";
    case FieldType::real: return "real";
    case FieldType::boolean: return "bool";
    }
    return "?";
}

const char* to_string(LayerGeometry kind) {
    switch (kind) {
    case LayerGeometry::point: return "point";
    case LayerGeometry::line: return "line";
    case LayerGeometry::polygon: return "polygon";
    }
    return "?";
}

std::size_t OutputLayer::field_index(const std::string& field) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) return i;
    return fields.size();
}

namespace {

const char* value_type_name(const FieldValue& v) {
    switch (v.index()) {
    case 0: return "null";
    case 1: return "string";
    case 2: return "integer";
    case 3: return "real";
    default: return "bool";
    }
}

bool matches(FieldType type, const FieldValue& v) {
    switch (type) {
    case FieldType::string: return std::holds_alternative<std::string>(v);
    case FieldType::integer: return std::holds_alternative<std::int64_t>(v);
    case FieldType::real: return std::holds_alternative<double>(v);
    case FieldType::boolean: return std::holds_alternative<bool>(v);
    }
    return false;
}

bool is_identifier(const std::string& s, bool allow_dash) {
    if (s.empty()) return false;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '_' || (allow_dash && c == '-'))) return false;
    }
    return allow_dash || !std::isdigit(static_cast<unsigned char>(s.front()));
}

} // namespace

void validate(const OutputLayer& layer) {
    const std::string where = "layer " + (layer.name.empty() ? std::string("(unnamed)") : layer.name);
    if (!is_identifier(layer.name, true))
        throw OutputError(where + ": name must be letters, digits, '_' or '-'");
    std::set<std::string> seen;
    for (const auto& f : layer.fields) {
        if (!is_identifier(f.name, false))
            throw OutputError(where + ": field \"" + f.name + "\": name must be letters, digits or '_', not starting with a digit");
        if (!seen.insert(f.name).second) throw OutputError(where + ": field \"" + f.name + "\" appears twice");
    }
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& feat = layer.features[i];
        if (feat.values.size() != layer.fields.size())
            throw OutputError(where + ": feature " + std::to_string(i) + ": " + std::to_string(feat.values.size()) +
                              " values for " + std::to_string(layer.fields.size()) + " fields");
        for (std::size_t k = 0; k < layer.fields.size(); ++k) {
            const auto& v = feat.values[k];
            if (!std::holds_alternative<std::monostate>(v) && !matches(layer.fields[k].type, v))
                throw OutputError(where + ": feature " + std::to_string(i) + ": field " + layer.fields[k].name +
                                  ": expected " + to_string(layer.fields[k].type) + ", got " + value_type_name(v));
        }
    }
}

} // namespace maillage::geo
