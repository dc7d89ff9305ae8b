#pragma once
/// The web map: one self-contained `map.html` that opens offline. The client
/// (web/src/: map.html template, map.js, map.css) and Leaflet, both embedded
/// in the binary at build time (io/web_assets.hpp), and every layer's
/// GeoJSON are inlined. The map opens on a plain background; an
/// OpenStreetMap background (online only) can be picked in the layer control.
///
/// Once loaded the page sets `window.maillageStatus = {layers: {name:
/// featureCount}, errors: [...]}` and writes the same JSON into
/// `<pre id="maillage-status" hidden>` (for headless-browser tests). A
/// feature count is what Leaflet drew (features with a null geometry are not
/// drawn). `#en` at the end of the URL opens the map in English.

#include "geo/output_layer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace maillage::io {

enum class MarkerShape { circle, square, triangle, diamond };

/// One value of a category field and how it is drawn.
struct CategoryStyle {
    std::string value; ///< field value, e.g. "bus"
    std::string label_fr;
    std::string label_en;
    std::string color; ///< CSS colour "#rrggbb"
    MarkerShape shape = MarkerShape::circle; ///< for point layers
};

/// A class of a choropleth: values >= `min` up to the next class's min (or,
/// with MapLayerStyle::upper_inclusive, values > `min` up to and including
/// the next class's min; the first class takes everything below).
struct ColorClass {
    double min = 0;
    std::string color; ///< CSS colour "#rrggbb"
};

enum class MapStyleKind { plain, choropleth, categories };

struct MapLayerStyle {
    MapStyleKind kind = MapStyleKind::plain;
    std::string color = "#3388ff"; ///< plain: stroke and fill; others: stroke
    double fill_opacity = 0.35;
    double weight = 1.5; ///< stroke width in pixels
    std::string field;   ///< choropleth: a real/integer field; categories: a string field
    std::vector<ColorClass> classes;       ///< choropleth, ascending `min`
    std::vector<CategoryStyle> categories; ///< categories
    /// Legend heading; empty = the layer title. A plain layer appears in the
    /// legend (its outline or hatching and this text) only when it is set.
    std::string legend_fr;
    std::string legend_en;
    bool upper_inclusive = false; ///< choropleth classes closed above ("≤ 10 min", "10–20", "> 45")
    bool hatch = false;           ///< polygons: hatched in `color` (no plain fill), outline `weight`
    /// Points: drawn as circles of this radius (pixels) on a canvas, for
    /// layers of many points; 0 = a marker symbol per point.
    double point_radius_px = 0;
};

/// Rows of another layer shown in a popup, joined on a key: e.g. in a
/// canton's popup, the ranked candidates whose canton_code is the canton's.
struct PopupTable {
    std::string layer;         ///< name of the other layer (must be on the map)
    std::string key_field;     ///< field of this layer
    std::string foreign_field; ///< field of `layer` matched against it
    std::string order_field;   ///< rows sorted ascending on it (empty: file order)
    std::vector<std::string> columns; ///< fields of `layer` shown
    std::string title_fr;
    std::string title_en;
    std::size_t max_rows = 10;
};

struct WebMapLayer {
    const geo::OutputLayer* layer = nullptr;
    MapLayerStyle style;
    std::string label_field; ///< popup heading (empty: layer title)
    /// The threshold (minutes) this layer belongs to; layers of the same
    /// `group` and another threshold replace it when the threshold switch
    /// changes. nullopt: shown whatever the threshold.
    std::optional<int> threshold_min;
    std::string group; ///< empty = the layer name
    bool visible = true; ///< switched on at start
    /// Polygons simplified for the page by this tolerance in metres (0: as
    /// given); the GeoJSON and GeoPackage files keep the full geometry.
    double simplify_m = 0;
    std::vector<PopupTable> tables;
    /// Polygons: the `label_field` text written at a point inside each
    /// feature from this Leaflet zoom level on; nullopt = no labels.
    std::optional<double> label_min_zoom;
    bool interactive = true; ///< false: no popup, clicks go to the layers below
    /// The map opens on the extent of the layers marked `fit` (e.g. the
    /// territory, not the neighbours' sites); none marked: of every layer.
    bool fit = false;
};

struct WebMap {
    std::string title_fr;
    std::string title_en;
    /// Lines always visible on the map: the travel model, the hypotheses
    /// ("Horaires du bus : hypothèse pour illustration").
    std::vector<std::string> notes_fr;
    std::vector<std::string> notes_en;
    /// The data sources, by file name (never a machine path), for the
    /// printed page: "Cantons : cantons-35.geojson".
    std::vector<std::string> sources_fr;
    std::vector<std::string> sources_en;
    std::string working_crs = "EPSG:2154"; ///< CRS of the layers' geometry
    std::vector<WebMapLayer> layers;       ///< drawn in this order (first at the bottom)
    bool osm_background = true; ///< offer OpenStreetMap tiles in the layer control (online only, never at start)
    std::optional<int> default_threshold_min; ///< nullopt: the smallest
};

/// Classes for a 0..1 share (< 50 %, 50–70, 70–80, 80–90, 90–95, >= 95 %),
/// red to green.
std::vector<ColorClass> share_classes();

/// Classes for a time in minutes, closed above (use with upper_inclusive):
/// ≤ 10, 10–20, 20–30, 30–45, > 45 min, green to dark red.
std::vector<ColorClass> minute_classes();

/// Categories for `to_string(SiteFormat)` values: fixed (circle), multi-site
/// (square), bus (triangle), itinerant (diamond), with French/English labels.
std::vector<CategoryStyle> site_format_categories();

/// The page as text, from the embedded client and Leaflet (the CSS images
/// inlined as data URIs). Throws InputError when an embedded file is missing
/// (a binary built without Leaflet), OutputError on an inconsistent map
/// (unknown field or layer, duplicate name), GeometryError.
/// `leaflet_dir` (optional): a Leaflet dist/ folder used instead of the
/// embedded Leaflet (leaflet.js, leaflet.css, images/; a missing file is an
/// InputError naming it).
std::string render_web_map(const WebMap& map, const std::string& leaflet_dir = {});

/// render_web_map written atomically to `path`.
void write_web_map(const std::string& path, const WebMap& map, const std::string& leaflet_dir = {});

} // namespace maillage::io
