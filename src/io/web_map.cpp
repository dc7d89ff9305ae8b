#include "io/web_map.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/file.hpp"
#include "geo/polygon_ops.hpp"
#include "io/atomic_file.hpp"
#include "io/geojson_writer.hpp"
#include "io/web_assets.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

namespace maillage::io {

namespace {

// A Leaflet file ("leaflet.js", "images/layers.png", "LICENSE"): from
// `dir` (its dist/ folder; LICENSE beside it) when given, else embedded.
std::optional<std::string> leaflet_file(const std::string& dir, const std::string& name, bool required) {
    if (dir.empty()) {
        if (required) return std::string(required_embedded_file("leaflet/" + name));
        if (auto f = embedded_file("leaflet/" + name)) return std::string(*f);
        return std::nullopt;
    }
    const std::filesystem::path path = name == "LICENSE" ? std::filesystem::path(dir) / ".." / name
                                                         : std::filesystem::path(dir) / name;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (!required) return std::nullopt;
        throw InputError(path.string() + ": Leaflet file not found");
    }
    // Leaflet's files are a few hundred kilobytes.
    return read_text_file(path.string(), "Leaflet file", 16u << 20);
}

std::string base64(const std::string& bytes) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += abc[v >> 18 & 63];
        out += abc[v >> 12 & 63];
        out += abc[v >> 6 & 63];
        out += abc[v & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += abc[v >> 18 & 63];
        out += abc[v >> 12 & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += abc[v >> 18 & 63];
        out += abc[v >> 12 & 63];
        out += abc[v >> 6 & 63];
        out += '=';
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Text inlined in <script> or <style> must not close the element early.
void check_inlinable(const std::string& text, const std::string& tag, const std::string& source) {
    const std::string l = lower(text);
    if (l.find("</" + tag) != std::string::npos || l.find("<!--") != std::string::npos)
        throw InputError("web map: " + source + ": contains </" + tag + " or <!--, cannot be inlined");
}

// Leaflet's CSS points at images/*.png: inline them so the page needs no folder.
std::string inline_css_images(const std::string& css, const std::string& dir) {
    std::string out;
    std::size_t pos = 0;
    const std::string marker = "url(images/";
    while (true) {
        const auto at = css.find(marker, pos);
        if (at == std::string::npos) break;
        const auto end = css.find(')', at);
        if (end == std::string::npos) break;
        const std::string name = css.substr(at + 4, end - at - 4); // images/x.png
        out += css.substr(pos, at - pos);
        out += "url(data:image/png;base64," + base64(*leaflet_file(dir, name, true)) + ")";
        pos = end + 1;
    }
    out += css.substr(pos);
    return out;
}

// JSON inside <script type="application/json">: '<' only occurs in strings,
// where \u003c means the same, so the element cannot be closed early.
std::string script_safe_json(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (const char c : json) {
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    return out;
}

// {"fr": ..., "en": ...}, the English text falling back to the French one.
void fr_en(JsonWriter& w, const std::string& fr, const std::string& en) {
    w.begin_object().key("fr").string(fr).key("en").string(en.empty() ? fr : en).end_object();
}

void string_list(JsonWriter& w, const std::vector<std::string>& v) {
    w.begin_array();
    for (const auto& s : v) w.string(s);
    w.end_array();
}

const char* shape_name(MarkerShape s) {
    switch (s) {
    case MarkerShape::circle: return "circle";
    case MarkerShape::square: return "square";
    case MarkerShape::triangle: return "triangle";
    case MarkerShape::diamond: return "diamond";
    }
    return "circle";
}

const char* style_kind(MapStyleKind k) {
    switch (k) {
    case MapStyleKind::plain: return "plain";
    case MapStyleKind::choropleth: return "choropleth";
    case MapStyleKind::categories: return "categories";
    }
    return "plain";
}

void require_field(const geo::OutputLayer& layer, const std::string& field, const std::string& what) {
    if (layer.field_index(field) == layer.fields.size())
        throw OutputError("web map: layer " + layer.name + ": " + what + " field \"" + field + "\" is not a field of the layer");
}

void layer_config(JsonWriter& w, const WebMapLayer& ml, const geo::CoordinateTransform& ct,
                  const std::vector<const geo::OutputLayer*>& all) {
    const auto& layer = *ml.layer;
    const auto& st = ml.style;
    if (st.kind != MapStyleKind::plain) require_field(layer, st.field, "style");
    if (st.kind == MapStyleKind::choropleth && st.classes.empty())
        throw OutputError("web map: layer " + layer.name + ": a choropleth needs at least one class");
    if (!ml.label_field.empty()) require_field(layer, ml.label_field, "label");

    w.begin_object().key("name").string(layer.name);
    w.key("title");
    fr_en(w, layer.title_fr.empty() ? layer.name : layer.title_fr, layer.title_en);
    w.key("kind").string(geo::to_string(layer.kind));
    w.key("threshold");
    if (ml.threshold_min) w.integer(*ml.threshold_min);
    else w.null();
    w.key("group").string(ml.group.empty() ? layer.name : ml.group);
    w.key("visible").boolean(ml.visible);
    w.key("interactive").boolean(ml.interactive).key("fit").boolean(ml.fit);
    w.key("labelField").string(ml.label_field);
    w.key("fields").begin_array();
    for (const auto& f : layer.fields) {
        w.begin_object().key("name").string(f.name).key("title");
        fr_en(w, f.title_fr.empty() ? f.name : f.title_fr, f.title_en);
        w.key("type").string(geo::to_string(f.type)).key("unit").string(f.unit).key("share").boolean(f.share);
        w.end_object();
    }
    w.end_array();
    w.key("style").begin_object().key("kind").string(style_kind(st.kind)).key("color").string(st.color);
    w.key("fillOpacity").real(st.fill_opacity).key("weight").real(st.weight).key("field").string(st.field);
    w.key("upperInclusive").boolean(st.upper_inclusive).key("hatch").boolean(st.hatch);
    w.key("radius").real(st.point_radius_px).key("legendEntry").boolean(!st.legend_fr.empty());
    w.key("legend");
    fr_en(w, st.legend_fr.empty() ? (layer.title_fr.empty() ? layer.name : layer.title_fr) : st.legend_fr,
          st.legend_en.empty() ? (st.legend_fr.empty() ? layer.title_en : "") : st.legend_en);
    w.key("classes").begin_array();
    for (const auto& c : st.classes) w.begin_object().key("min").real(c.min).key("color").string(c.color).end_object();
    w.end_array();
    w.key("categories").begin_array();
    for (const auto& c : st.categories) {
        w.begin_object().key("value").string(c.value).key("label");
        fr_en(w, c.label_fr.empty() ? c.value : c.label_fr, c.label_en);
        w.key("color").string(c.color).key("shape").string(shape_name(c.shape)).end_object();
    }
    w.end_array().end_object();
    w.key("tables").begin_array();
    for (const auto& t : ml.tables) {
        require_field(layer, t.key_field, "popup table key");
        const auto other = std::find_if(all.begin(), all.end(), [&](const auto* l) { return l->name == t.layer; });
        if (other == all.end())
            throw OutputError("web map: layer " + layer.name + ": popup table layer \"" + t.layer + "\" is not on the map");
        require_field(**other, t.foreign_field, "popup table");
        if (!t.order_field.empty()) require_field(**other, t.order_field, "popup table order");
        for (const auto& c : t.columns) require_field(**other, c, "popup table column");
        w.begin_object().key("layer").string(t.layer).key("key").string(t.key_field);
        w.key("foreign").string(t.foreign_field).key("order").string(t.order_field);
        w.key("columns");
        string_list(w, t.columns);
        w.key("title");
        fr_en(w, t.title_fr, t.title_en);
        w.key("maxRows").integer(t.max_rows).end_object();
    }
    w.end_array();
    // Label points (lat, lon, text), computed on the full geometry.
    w.key("labelMinZoom");
    if (ml.label_min_zoom) w.real(*ml.label_min_zoom);
    else w.null();
    w.key("labels").begin_array();
    if (ml.label_min_zoom && layer.kind == geo::LayerGeometry::polygon) {
        if (ml.label_field.empty())
            throw OutputError("web map: layer " + layer.name + ": labels need a label field");
        const std::size_t fi = layer.field_index(ml.label_field);
        for (const auto& f : layer.features) {
            const auto at = geo::label_point(f.polygons);
            if (!at || fi >= f.values.size()) continue;
            const auto* text = std::get_if<std::string>(&f.values[fi]);
            if (!text || text->empty()) continue;
            const auto ll = ct.forward(*at);
            w.begin_array().real(std::round(ll.y() * 1e5) / 1e5).real(std::round(ll.x() * 1e5) / 1e5).string(*text).end_array();
        }
    }
    w.end_array();
    // The layer's GeoJSON document as it is written to a file (its final
    // line break included).
    w.key("data");
    if (ml.simplify_m > 0 && layer.kind == geo::LayerGeometry::polygon) {
        geo::OutputLayer light = layer;
        for (auto& f : light.features) f.polygons = geo::simplify(f.polygons, ml.simplify_m);
        w.raw(to_geojson(light, ct));
    } else {
        w.raw(to_geojson(layer, ct));
    }
    w.end_object();
}

std::string map_config(const WebMap& map) {
    const auto ct = geo::CoordinateTransform::to_wgs84(map.working_crs);
    std::vector<const geo::OutputLayer*> all;
    std::set<std::string> names;
    std::set<int> thresholds;
    for (const auto& ml : map.layers) {
        if (!ml.layer) throw OutputError("web map: a layer entry has no layer");
        if (!names.insert(ml.layer->name).second)
            throw OutputError("web map: layer " + ml.layer->name + " appears twice");
        all.push_back(ml.layer);
        if (ml.threshold_min) thresholds.insert(*ml.threshold_min);
    }
    if (map.default_threshold_min && !thresholds.count(*map.default_threshold_min))
        throw OutputError("web map: default threshold " + std::to_string(*map.default_threshold_min) +
                          " min has no layer");
    JsonWriter w(JsonStyle::compact());
    w.begin_object().key("title");
    fr_en(w, map.title_fr, map.title_en);
    w.key("notes").begin_object().key("fr");
    string_list(w, map.notes_fr);
    w.key("en");
    string_list(w, map.notes_en.empty() ? map.notes_fr : map.notes_en);
    w.end_object();
    w.key("sources").begin_object().key("fr");
    string_list(w, map.sources_fr);
    w.key("en");
    string_list(w, map.sources_en.empty() ? map.sources_fr : map.sources_en);
    w.end_object();
    w.key("osm").boolean(map.osm_background);
    w.key("thresholds").begin_array();
    for (const int t : thresholds) w.integer(t);
    w.end_array();
    w.key("defaultThreshold");
    if (map.default_threshold_min) w.integer(*map.default_threshold_min);
    else if (thresholds.empty()) w.null();
    else w.integer(*thresholds.begin());
    w.key("layers").begin_array(JsonWriter::Layout::lines_close_on_last);
    for (const auto& ml : map.layers) layer_config(w, ml, ct, all);
    w.end_array().end_object();
    return w.take();
}


} // namespace

std::vector<ColorClass> share_classes() {
    return {{0.0, "#d7191c"}, {0.5, "#f07c4a"}, {0.7, "#fec980"}, {0.8, "#d7ee8e"}, {0.9, "#7fc97f"}, {0.95, "#1a9641"}};
}

std::vector<CategoryStyle> site_format_categories() {
    return {
        {"fixed", "Fixe", "Fixed", "#1f78b4", MarkerShape::circle},
        {"multi-site", "Multi-site", "Multi-site", "#6a3d9a", MarkerShape::square},
        {"bus", "Bus itinérant", "Bus", "#e31a1c", MarkerShape::triangle},
        {"itinerant", "Itinérant", "Itinerant", "#ff7f00", MarkerShape::diamond},
    };
}

std::vector<ColorClass> minute_classes() {
    return {{0, "#1a9641"}, {10, "#a6d96a"}, {20, "#fee08b"}, {30, "#f46d43"}, {45, "#a50026"}};
}

std::string render_web_map(const WebMap& map, const std::string& leaflet_dir) {
    const std::string js = *leaflet_file(leaflet_dir, "leaflet.js", true);
    check_inlinable(js, "script", "leaflet.js");
    const std::string css = inline_css_images(*leaflet_file(leaflet_dir, "leaflet.css", true), leaflet_dir);
    check_inlinable(css, "style", "leaflet.css");
    const std::string page_js(required_embedded_file("client/map.js"));
    check_inlinable(page_js, "script", "map.js");
    const std::string page_css(required_embedded_file("client/map.css"));
    check_inlinable(page_css, "style", "map.css");
    const std::string hook(required_embedded_file("client/error-hook.js"));
    check_inlinable(hook, "script", "error-hook.js");
    const std::string config = script_safe_json(map_config(map));
    const std::string title = map.title_fr.empty() ? std::string("maillage") : map.title_fr;

    std::string escaped_title;
    for (const char c : title) {
        if (c == '<') escaped_title += "&lt;";
        else if (c == '&') escaped_title += "&amp;";
        else escaped_title += c;
    }
    // Leaflet's BSD-2-Clause licence travels with its code when the package has it.
    std::string licence;
    if (const auto text = leaflet_file(leaflet_dir, "LICENSE", false)) {
        std::string t(*text);
        for (std::size_t at = t.find("--"); at != std::string::npos; at = t.find("--", at)) t.replace(at, 2, "- ");
        licence = "<!-- Leaflet licence:\n" + t + "\n-->";
    }
    // One pass over the template (web/src/map.html): a placeholder's value
    // is never searched again, so inlined text cannot hold one by accident.
    const std::vector<std::pair<std::string, const std::string*>> values = {
        {"@TITLE@", &escaped_title}, {"@ERROR_HOOK@", &hook}, {"@LEAFLET_LICENCE@", &licence},
        {"@LEAFLET_CSS@", &css},     {"@MAP_CSS@", &page_css}, {"@LEAFLET_JS@", &js},
        {"@DATA@", &config},         {"@MAP_JS@", &page_js}};
    const std::string_view tpl = required_embedded_file("client/map.html");
    std::string html;
    html.reserve(tpl.size() + js.size() + css.size() + config.size() + page_js.size() + 8192);
    std::size_t pos = 0;
    std::size_t used = 0;
    while (pos < tpl.size()) {
        const auto at = tpl.find('@', pos);
        if (at == std::string_view::npos) break;
        bool replaced = false;
        for (const auto& [key, value] : values) {
            if (tpl.substr(at, key.size()) == key) {
                html.append(tpl.substr(pos, at - pos));
                html += *value;
                pos = at + key.size();
                replaced = true;
                ++used;
                break;
            }
        }
        if (!replaced) {
            html.append(tpl.substr(pos, at + 1 - pos));
            pos = at + 1;
        }
    }
    html.append(tpl.substr(pos));
    if (used != values.size())
        throw InputError("web map: map.html: the template has " + std::to_string(used) + " placeholders, expected " +
                         std::to_string(values.size()));
    return html;
}

void write_web_map(const std::string& path, const WebMap& map, const std::string& leaflet_dir) {
    write_file_atomically(path, render_web_map(map, leaflet_dir));
}

} // namespace maillage::io
