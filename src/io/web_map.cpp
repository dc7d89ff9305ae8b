#include "io/web_map.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/file.hpp"
#include "geo/polygon_ops.hpp"
#include "io/atomic_file.hpp"
#include "io/geojson_writer.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace maillage::io {

namespace {

namespace fs = std::filesystem;

std::string read_asset(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw InputError(path.string() + ": Leaflet file not found (run scripts/setup-web to install the npm package)");
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
void check_inlinable(const std::string& text, const std::string& tag, const fs::path& source) {
    const std::string l = lower(text);
    if (l.find("</" + tag) != std::string::npos || l.find("<!--") != std::string::npos)
        throw InputError(source.string() + ": contains </" + tag + " or <!--, cannot be inlined");
}

// Leaflet's CSS points at images/*.png: inline them so the page needs no folder.
std::string inline_css_images(std::string css, const fs::path& dist) {
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
        out += "url(data:image/png;base64," + base64(read_asset(dist / name)) + ")";
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

// The page's own style and script. Kept plain ES5 + DOM so any browser
// that runs Leaflet runs it.
constexpr const char* kPageCss = R"CSS(
html, body { height: 100%; margin: 0; font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; }
#map { position: absolute; top: 0; bottom: 0; left: 0; right: 0; background: #e9eef1; }
.maillage-box { background: rgba(255,255,255,0.92); padding: 6px 9px; border-radius: 5px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); font-size: 12px; line-height: 1.35; max-width: 340px; }
.maillage-box h1 { font-size: 14px; margin: 0 0 3px 0; }
.maillage-box h2 { font-size: 12px; margin: 6px 0 2px 0; }
.maillage-note p { margin: 1px 0; }
.maillage-legend .row { display: flex; align-items: center; margin: 1px 0; }
.maillage-legend .swatch { width: 14px; height: 14px; margin-right: 6px; border: 1px solid #555; flex: none; background: #e9eef1; }
.maillage-legend svg { margin-right: 6px; flex: none; }
.maillage-lang button, .maillage-threshold button { font: inherit; margin: 0 2px; padding: 1px 6px; cursor: pointer;
  border: 1px solid #888; background: #fff; border-radius: 3px; }
.maillage-lang button.on, .maillage-threshold button.on { background: #2c5d8a; color: #fff; border-color: #2c5d8a; }
.maillage-popup table { border-collapse: collapse; font-size: 12px; }
.maillage-popup td, .maillage-popup th { padding: 1px 5px; text-align: left; vertical-align: top; }
.maillage-popup td.num { text-align: right; }
.maillage-popup table.join th { border-bottom: 1px solid #999; }
.maillage-marker { background: none; border: none; }
)CSS";

constexpr const char* kErrorHook = R"JS(
window.maillageErrors = [];
window.addEventListener('error', function (e) {
  window.maillageErrors.push(String((e && e.message) || e));
  if (window.maillageStatusUpdate) window.maillageStatusUpdate();
});
)JS";

constexpr const char* kPageJs = R"JS(
(function () {
  'use strict';
  var status = { layers: {}, errors: window.maillageErrors };
  var T = {
    fr: { lang: 'Langue', threshold: 'Seuil', min: 'min', background: 'Fond', plain: 'Fond uni',
          osm: 'OpenStreetMap (en ligne)', noData: 'sans donnée', yes: 'oui', no: 'non', none: '—' },
    en: { lang: 'Language', threshold: 'Threshold', min: 'min', background: 'Background', plain: 'Plain background',
          osm: 'OpenStreetMap (online)', noData: 'no data', yes: 'yes', no: 'no', none: '—' }
  };
  // The URL hash picks the start state: "#en", or "#lang=en&threshold=45&popup=cantons/2"
  // (open the popup of the third feature of layer cantons).
  var hash = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    if (!kv) return;
    var i = kv.indexOf('=');
    if (i < 0) hash[kv === 'en' || kv === 'fr' ? 'lang' : kv] = kv; else hash[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
  });
  var lang = hash.lang === 'en' ? 'en' : 'fr';
  var D, map, control, legend, note, entries = [], byName = {}, on = {}, threshold = null;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function tr(o) { return o ? (o[lang] || o.fr || '') : ''; }
  function numberText(v, digits) {
    return Number(v).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits });
  }
  function valueText(field, v) {
    if (v === null || v === undefined) return T[lang].none;
    if (field.type === 'bool') return v ? T[lang].yes : T[lang].no;
    if (field.type === 'real' || field.type === 'integer') {
      if (field.share) return numberText(v * 100, 1) + ' %';
      return numberText(v, field.type === 'real' ? 2 : 0) + (field.unit ? ' ' + field.unit : '');
    }
    return String(v) + (field.unit ? ' ' + field.unit : '');
  }
  function fieldOf(cfg, name) {
    for (var i = 0; i < cfg.fields.length; i++) if (cfg.fields[i].name === name) return cfg.fields[i];
    return null;
  }
  function classColor(st, v) {
    if (v === null || v === undefined || isNaN(v)) return '#bbbbbb';
    var c = st.classes[0].color;
    for (var i = 0; i < st.classes.length; i++) if (v >= st.classes[i].min) c = st.classes[i].color;
    return c;
  }
  function category(st, v) {
    for (var i = 0; i < st.categories.length; i++) if (st.categories[i].value === v) return st.categories[i];
    return null;
  }
  function featureColor(cfg, props) {
    var st = cfg.style;
    if (st.kind === 'choropleth') return classColor(st, props[st.field]);
    if (st.kind === 'categories') { var c = category(st, props[st.field]); return c ? c.color : '#888888'; }
    return st.color;
  }
  function shapeSvg(shape, color, size) {
    var s = size, h = s / 2, p;
    if (shape === 'square') p = '<rect x="2" y="2" width="' + (s - 4) + '" height="' + (s - 4) + '"';
    else if (shape === 'triangle') p = '<polygon points="' + h + ',1 ' + (s - 1) + ',' + (s - 2) + ' 1,' + (s - 2) + '"';
    else if (shape === 'diamond') p = '<polygon points="' + h + ',1 ' + (s - 1) + ',' + h + ' ' + h + ',' + (s - 1) + ' 1,' + h + '"';
    else p = '<circle cx="' + h + '" cy="' + h + '" r="' + (h - 2) + '"';
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + s + '" height="' + s + '" viewBox="0 0 ' + s + ' ' + s + '">' +
      p + ' fill="' + esc(color) + '" stroke="#222" stroke-width="1.5"/></svg>';
  }

  function joinRows(t, key) {
    var other = byName[t.layer];
    if (!other || key === null || key === undefined) return [];
    var rows = [];
    other.cfg.data.features.forEach(function (f) { if (f.properties[t.foreign] === key) rows.push(f.properties); });
    if (t.order) rows.sort(function (a, b) {
      var x = a[t.order], y = b[t.order];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return x < y ? -1 : 1;
    });
    return rows.slice(0, t.maxRows);
  }
  function popupHtml(cfg, feature) {
    var p = feature.properties, html = '<div class="maillage-popup">';
    var heading = cfg.labelField ? p[cfg.labelField] : null;
    html += '<b>' + esc(heading !== null && heading !== undefined ? heading : tr(cfg.title)) + '</b>';
    html += '<div><small>' + esc(tr(cfg.title)) + '</small></div><table>';
    cfg.fields.forEach(function (f) {
      if (f.name === cfg.labelField) return;
      var num = f.type === 'real' || f.type === 'integer';
      html += '<tr><td>' + esc(tr(f.title)) + '</td><td' + (num ? ' class="num"' : '') + '>' + esc(valueText(f, p[f.name])) + '</td></tr>';
    });
    html += '</table>';
    cfg.tables.forEach(function (t) {
      var other = byName[t.layer];
      if (!other) return;
      var rows = joinRows(t, p[t.key]);
      html += '<h2 style="font-size:12px;margin:6px 0 2px 0">' + esc(tr(t.title)) + '</h2>';
      if (!rows.length) { html += '<div>' + esc(T[lang].none) + '</div>'; return; }
      html += '<table class="join"><tr>';
      t.columns.forEach(function (c) { var f = fieldOf(other.cfg, c); html += '<th>' + esc(f ? tr(f.title) : c) + '</th>'; });
      html += '</tr>';
      rows.forEach(function (r) {
        html += '<tr>';
        t.columns.forEach(function (c) {
          var f = fieldOf(other.cfg, c);
          var num = f && (f.type === 'real' || f.type === 'integer');
          html += '<td' + (num ? ' class="num"' : '') + '>' + esc(f ? valueText(f, r[c]) : r[c]) + '</td>';
        });
        html += '</tr>';
      });
      html += '</table>';
    });
    return html + '</div>';
  }

  function makeLayer(cfg) {
    var st = cfg.style;
    var layer = L.geoJSON(cfg.data, {
      style: function (f) {
        var color = featureColor(cfg, f.properties);
        if (cfg.kind === 'line') return { color: color, weight: st.weight + 1, opacity: 0.9 };
        return { color: st.kind === 'plain' ? color : '#444444', weight: st.weight, opacity: 0.9,
                 fillColor: color, fillOpacity: st.fillOpacity };
      },
      pointToLayer: function (f, latlng) {
        var color = featureColor(cfg, f.properties), shape = 'circle';
        if (st.kind === 'categories') { var c = category(st, f.properties[st.field]); if (c) shape = c.shape; }
        return L.marker(latlng, { icon: L.divIcon({ className: 'maillage-marker', html: shapeSvg(shape, color, 16),
                                                    iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -8] }) });
      },
      onEachFeature: function (f, l) { l.bindPopup(function () { return popupHtml(cfg, f); }, { maxWidth: 420 }); }
    });
    return layer;
  }

  function activeFor(e) { return e.cfg.threshold === null || e.cfg.threshold === threshold; }

  function buildControl() {
    if (control) map.removeControl(control);
    var bases = {};
    bases[T[lang].plain] = D.baseLayers.plain;
    if (D.baseLayers.osm) bases[T[lang].osm] = D.baseLayers.osm;
    var overlays = {};
    entries.forEach(function (e) {
      if (!activeFor(e)) return;
      var label = tr(e.cfg.title);
      if (e.cfg.threshold !== null) label += ' (' + e.cfg.threshold + ' ' + T[lang].min + ')';
      overlays[label] = e.layer;
    });
    control = L.control.layers(bases, overlays, { collapsed: false, position: 'topright' }).addTo(map);
  }

  // Swatches blended like the map's fills, so the legend matches what is seen.
  function swatch(color, opacity) {
    return '<span class="swatch"><span style="display:block;width:100%;height:100%;background:' + esc(color) +
      ';opacity:' + opacity + '"></span></span>';
  }

  function buildLegend() {
    var div = legend.getContainer();
    var html = '';
    entries.forEach(function (e) {
      var st = e.cfg.style;
      if (!map.hasLayer(e.layer) || st.kind === 'plain') return;
      var f = fieldOf(e.cfg, st.field);
      html += '<h2>' + esc(tr(st.legend)) + (e.cfg.threshold !== null ? ' (' + e.cfg.threshold + ' ' + T[lang].min + ')' : '') + '</h2>';
      if (st.kind === 'choropleth') {
        for (var i = st.classes.length - 1; i >= 0; i--) {
          var lo = st.classes[i], hi = st.classes[i + 1];
          var text = hi ? valueText(f, lo.min) + ' – ' + valueText(f, hi.min) : '≥ ' + valueText(f, lo.min);
          if (!hi && i === 0) text = valueText(f, lo.min);
          if (i === 0 && hi) text = '< ' + valueText(f, hi.min);
          html += '<div class="row">' + swatch(lo.color, st.fillOpacity) + esc(text) + '</div>';
        }
        html += '<div class="row">' + swatch('#bbbbbb', st.fillOpacity) + esc(T[lang].noData) + '</div>';
      } else {
        st.categories.forEach(function (c) {
          var sym = e.cfg.kind === 'point' ? shapeSvg(c.shape, c.color, 14)
                                           : swatch(c.color, e.cfg.kind === 'line' ? 1 : st.fillOpacity);
          html += '<div class="row">' + sym + esc(tr(c.label)) + '</div>';
        });
      }
    });
    div.innerHTML = html;
    div.style.display = html ? '' : 'none';
  }

  function buildNote() {
    var div = note.getContainer();
    var html = '<h1>' + esc(tr(D.title)) + '</h1>';
    (D.notes[lang] || D.notes.fr).forEach(function (n) { html += '<p>' + esc(n) + '</p>'; });
    div.innerHTML = html;
  }

  function buildSwitches() {
    var div = D.switchControl.getContainer();
    var html = '<div class="maillage-lang">' + esc(T[lang].lang) + ' ';
    ['fr', 'en'].forEach(function (l) { html += '<button data-lang="' + l + '"' + (l === lang ? ' class="on"' : '') + '>' + l.toUpperCase() + '</button>'; });
    html += '</div>';
    if (D.thresholds.length > 1) {
      html += '<div class="maillage-threshold" style="margin-top:4px">' + esc(T[lang].threshold) + ' ';
      D.thresholds.forEach(function (t) { html += '<button data-threshold="' + t + '"' + (t === threshold ? ' class="on"' : '') + '>' + t + ' ' + T[lang].min + '</button>'; });
      html += '</div>';
    }
    div.innerHTML = html;
    Array.prototype.forEach.call(div.querySelectorAll('button[data-lang]'), function (b) {
      b.addEventListener('click', function () { setLanguage(b.getAttribute('data-lang')); });
    });
    Array.prototype.forEach.call(div.querySelectorAll('button[data-threshold]'), function (b) {
      b.addEventListener('click', function () { setThreshold(Number(b.getAttribute('data-threshold'))); });
    });
  }

  function refresh() { buildControl(); buildLegend(); buildNote(); buildSwitches(); }

  function setThreshold(t) {
    threshold = t;
    entries.forEach(function (e) {
      var want = activeFor(e) && on[e.cfg.group];
      if (want && !map.hasLayer(e.layer)) e.layer.addTo(map);
      if (!want && map.hasLayer(e.layer)) map.removeLayer(e.layer);
    });
    refresh();
  }
  function setLanguage(l) { lang = l; map.closePopup(); refresh(); }
  window.maillageSetLanguage = setLanguage;
  window.maillageSetThreshold = setThreshold;

  function box(position, className) {
    var C = L.Control.extend({
      onAdd: function () {
        var d = L.DomUtil.create('div', 'maillage-box ' + className);
        L.DomEvent.disableClickPropagation(d);
        L.DomEvent.disableScrollPropagation(d);
        return d;
      }
    });
    return new C({ position: position });
  }

  function main() {
    D = JSON.parse(document.getElementById('maillage-data').textContent);
    threshold = D.defaultThreshold;
    if (hash.threshold && D.thresholds.indexOf(Number(hash.threshold)) >= 0) threshold = Number(hash.threshold);
    map = L.map('map', { zoomSnap: 0.25 });
    D.baseLayers = { plain: L.layerGroup() };
    if (D.osm) {
      D.baseLayers.osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' });
    }
    (D.baseLayers.osm || D.baseLayers.plain).addTo(map);
    var bounds = null;
    D.layers.forEach(function (cfg) {
      try {
        var layer = makeLayer(cfg);
        var e = { cfg: cfg, layer: layer };
        entries.push(e);
        byName[cfg.name] = e;
        if (on[cfg.group] === undefined) on[cfg.group] = cfg.visible;
        status.layers[cfg.name] = layer.getLayers().length;
        if (layer.getLayers().length) {
          var b = layer.getBounds();
          bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
        }
      } catch (err) {
        status.errors.push('layer ' + cfg.name + ': ' + ((err && err.message) || err));
      }
    });
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
    else map.setView([46.6, 2.4], 6);
    entries.forEach(function (e) { if (activeFor(e) && on[e.cfg.group]) e.layer.addTo(map); });
    map.on('overlayadd overlayremove', function (ev) {
      entries.forEach(function (e) { if (e.layer === ev.layer) on[e.cfg.group] = ev.type === 'overlayadd'; });
      buildLegend();
    });
    note = box('bottomleft', 'maillage-note').addTo(map);
    legend = box('bottomright', 'maillage-legend').addTo(map);
    D.switchControl = box('topleft', 'maillage-switch').addTo(map);
    refresh();
    if (hash.popup) openPopup(hash.popup);
  }

  function openPopup(spec) {
    var parts = spec.split('/'), e = byName[parts[0]], n = Number(parts[1]);
    if (!e) { status.errors.push('popup: no layer ' + parts[0]); return; }
    var sub = e.layer.getLayers()[n];
    if (!sub) { status.errors.push('popup: no feature ' + parts[1] + ' in ' + parts[0]); return; }
    if (!map.hasLayer(e.layer)) e.layer.addTo(map);
    sub.openPopup();
  }
  window.maillageOpenPopup = openPopup;

  function publish() {
    window.maillageStatus = status;
    var pre = document.getElementById('maillage-status');
    if (pre) pre.textContent = JSON.stringify(status);
  }
  window.maillageStatusUpdate = publish;
  try { main(); } catch (err) { status.errors.push('init: ' + ((err && err.message) || err)); }
  publish();
})();
)JS";

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

std::string render_web_map(const WebMap& map, const std::string& leaflet_dist_dir) {
    const fs::path dist(leaflet_dist_dir);
    const std::string js = read_asset(dist / "leaflet.js");
    check_inlinable(js, "script", dist / "leaflet.js");
    const std::string css = inline_css_images(read_asset(dist / "leaflet.css"), dist);
    check_inlinable(css, "style", dist / "leaflet.css");
    const std::string config = script_safe_json(map_config(map));
    const std::string title = map.title_fr.empty() ? std::string("maillage") : map.title_fr;

    std::string html;
    html.reserve(js.size() + css.size() + config.size() + 32768);
    html += "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    std::string escaped_title;
    for (const char c : title) {
        if (c == '<') escaped_title += "&lt;";
        else if (c == '&') escaped_title += "&amp;";
        else escaped_title += c;
    }
    html += "<title>" + escaped_title + "</title>\n";
    html += "<script>" + std::string(kErrorHook) + "</script>\n";
    // Leaflet's BSD-2-Clause licence travels with its code when the package has it.
    if (const fs::path licence = dist / ".." / "LICENSE"; fs::exists(licence)) {
        std::string text = read_asset(licence);
        for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) text.replace(at, 2, "- ");
        html += "<!-- Leaflet licence:\n" + text + "\n-->\n";
    }
    html += "<style>\n" + css + "\n</style>\n";
    html += "<style>" + std::string(kPageCss) + "</style>\n";
    html += "<script>\n" + js + "\n</script>\n";
    html += "</head>\n<body>\n<div id=\"map\"></div>\n<pre id=\"maillage-status\" hidden></pre>\n";
    html += "<script type=\"application/json\" id=\"maillage-data\">\n" + config + "\n</script>\n";
    html += "<script>" + std::string(kPageJs) + "</script>\n</body>\n</html>\n";
    return html;
}

void write_web_map(const std::string& path, const WebMap& map, const std::string& leaflet_dist_dir) {
    write_file_atomically(path, render_web_map(map, leaflet_dist_dir));
}

} // namespace maillage::io
