// Fuzz target: the line-layer field mapping (network/line_graph.hpp): the
// mapping's checks (line_layer_fields) and the mapping of one feature's
// field values to speed and direction (classify_line_feature), for the three
// kinds. GDAL is not involved: the input is a small text
//
//   kind=class_table            osm_tags | class_table | speed_field
//   factor=0.9                  speed_factor
//   class=Route locale=36       class_table entry (name=km/h)
//   tags=highway,oneway         osm_tags fields
//   speed=VIT_MOY_VL            speed_field field
//   oneway=SENS                 one-way field
//   forward=Sens direct         forward/backward/closed values (replace defaults)
//   ---
//   Route locale|Sens direct    one feature per line, values split on '|'
//
// Every car road must get a finite speed > 0 and a direction; a skipped
// feature must say why. Only maillage::Error may escape.
#include "fuzz_support.hpp"
#include "core/text.hpp"
#include "network/line_graph.hpp"
#include "network/road_graph.hpp"

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

using namespace maillage;
using namespace maillage::network;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const CarProfile profile = default_car_profile();
    const auto text = fuzz::as_text(data, size);
    LineLayerMapping m;
    bool forward = false, backward = false, closed = false;
    std::vector<std::string_view> features;
    bool in_features = false;
    for (const auto line : split(text, '\n')) {
        if (in_features) {
            features.push_back(line);
            continue;
        }
        if (line == "---") {
            in_features = true;
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        const auto key = line.substr(0, eq);
        const auto value = line.substr(eq + 1);
        if (key == "kind") {
            if (value == "osm_tags") m.kind = LineLayerMapping::Kind::osm_tags;
            else if (value == "class_table") m.kind = LineLayerMapping::Kind::class_table;
            else if (value == "speed_field") m.kind = LineLayerMapping::Kind::speed_field;
        } else if (key == "factor") {
            if (const auto f = parse_double(value)) m.speed_factor = *f;
        } else if (key == "class") {
            const auto at = value.rfind('=');
            if (at == std::string_view::npos) continue;
            const auto kmh = parse_double(value.substr(at + 1));
            if (kmh) m.class_speed_kmh[std::string(value.substr(0, at))] = *kmh;
            if (m.class_field.empty()) m.class_field = "NATURE";
        } else if (key == "tags") {
            m.tag_fields.clear();
            for (const auto f : split(value, ',')) m.tag_fields.emplace_back(f);
        } else if (key == "speed") {
            m.speed_field = value;
        } else if (key == "oneway") {
            m.oneway_field = value;
        } else if (key == "forward" || key == "backward" || key == "closed") {
            bool& seen = key == "forward" ? forward : key == "backward" ? backward : closed;
            auto& list = key == "forward"    ? m.forward_values
                         : key == "backward" ? m.backward_values
                                             : m.closed_values;
            if (!seen) list.clear();
            seen = true;
            list.emplace_back(value);
        }
    }
    std::vector<std::string> fields;
    try {
        fields = line_layer_fields(m);
    } catch (const maillage::Error&) {
        return 0; // a mapping refused up front is a fine answer
    }
    if (fields.empty()) std::abort();
    for (const auto line : features) {
        std::vector<std::string_view> values = split(line, '|');
        values.resize(fields.size()); // missing fields are null, extra ones dropped
        const LineFeatureClass c = classify_line_feature(m, profile, fields, values);
        if (c.car) {
            if (!(std::isfinite(c.speed_kmh) && c.speed_kmh > 0)) std::abort();
            if ((c.direction & (WaySet::kForward | WaySet::kBackward)) == 0) std::abort();
            if (c.closed || !c.skipped.empty()) std::abort();
        }
        if (!c.skipped.empty() && (c.car || m.kind != LineLayerMapping::Kind::speed_field)) std::abort();
    }
    return 0;
}
