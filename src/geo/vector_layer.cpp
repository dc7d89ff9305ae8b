#include "geo/vector_layer.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "geo/encoding.hpp"
#include "geo/gdal_handle.hpp"
#include "geo/polygon_ops.hpp"

#include <boost/geometry/algorithms/correct.hpp>
#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <unistd.h>

namespace maillage::geo {

namespace detail {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture(const Logger& log) : m_log(log) {
    CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this);
}

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self) return;
    const std::string text = message ? message : "";
    if (level >= CE_Failure) {
        self->m_last_error = text;
    } else if (level == CE_Warning) {
        self->m_log.warning("GDAL: " + text);
    }
}

} // namespace detail

namespace {

using detail::GdalErrorCapture;

struct SrsDeleter {
    void operator()(OGRSpatialReference* s) const {
        if (s) s->Release();
    }
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsDeleter>;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const {
        OGRCoordinateTransformation::DestroyCT(t);
    }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

bool looks_like_connection_string(const std::string& path) {
    // "PG:dbname=...", "WFS:http...", "/vsizip/..." are not plain files.
    const auto colon = path.find(':');
    return path.rfind("/vsi", 0) == 0 || (colon != std::string::npos && colon > 1 && path.find('/') > colon);
}

SrsPtr make_srs(const std::string& definition, const std::string& source, const char* role) {
    SrsPtr srs(new OGRSpatialReference());
    if (srs->SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        throw InputError(source + ": unknown " + role + " CRS " + quote(definition) +
                         " (expected e.g. EPSG:2154)");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// GeoPackage layers written without SRS declare srs_id 0 or -1, which GDAL
// returns as "Undefined geographic SRS" / "Undefined Cartesian SRS": no CRS
// at all, not a lon/lat one.
bool is_undefined(const OGRSpatialReference* srs) {
    if (!srs) return true;
    const char* name = srs->GetName();
    return srs->GetAuthorityName(nullptr) == nullptr && name && std::string_view(name).rfind("Undefined ", 0) == 0;
}

std::string describe_srs(const OGRSpatialReference& srs) {
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    const char* name = srs.GetName();
    return name ? name : "unnamed CRS";
}

// Why the working CRS cannot be used near (lon, lat), or empty: the lengths
// in it of 1 km east and 1 km north must be finite and within a factor 10 of
// 1 km (Lambert-93: 1.000 +- 0.003; Web Mercator at 48 deg N: 1.5). A +proj
// definition far off its area (a central meridian 90 deg away, x_0 = 1e300,
// k = 1e-6) turns polygons into self-intersections or slivers downstream.
std::string crs_scale_problem(OGRCoordinateTransformation& from_wgs84, double lon, double lat) {
    constexpr double kEarthRadiusM = 6371008.8;
    const double dlat = 1000.0 / kEarthRadiusM * 180.0 / M_PI;
    const double dlon = dlat / std::max(0.01, std::cos(lat * M_PI / 180.0));
    double x[3] = {lon, lon + dlon, lon}, y[3] = {lat, lat, lat + dlat};
    int ok[3] = {0, 0, 0};
    const bool transformed = from_wgs84.Transform(3, x, y, nullptr, ok) && ok[0] && ok[1] && ok[2];
    const double east = std::hypot(x[1] - x[0], y[1] - y[0]);
    const double north = std::hypot(x[2] - x[0], y[2] - y[0]);
    const auto text = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        return std::string(buf);
    };
    const auto near = "(" + text(lon) + ", " + text(lat) + ")";
    if (!transformed) return "cannot project points near " + near;
    const auto sane = [](double m) { return std::isfinite(m) && m > 100 && m < 10000; };
    if (sane(east) && sane(north)) return {};
    return "1 km east of " + near + " measures " + text(east) + " m in it, 1 km north " + text(north) + " m";
}

void ring_from_ogr(const OGRLinearRing& ring, Polygon::ring_type& out) {
    out.clear();
    out.reserve(static_cast<std::size_t>(ring.getNumPoints()));
    for (int i = 0; i < ring.getNumPoints(); ++i) out.emplace_back(ring.getX(i), ring.getY(i));
}

void polygon_from_ogr(const OGRPolygon& poly, MultiPolygon& out) {
    if (poly.IsEmpty()) return;
    Polygon p;
    ring_from_ogr(*poly.getExteriorRing(), p.outer());
    for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
        p.inners().emplace_back();
        ring_from_ogr(*poly.getInteriorRing(i), p.inners().back());
    }
    out.push_back(std::move(p));
}

void line_from_ogr(const OGRLineString& line, MultiLineString& out) {
    LineString ls;
    ls.reserve(static_cast<std::size_t>(line.getNumPoints()));
    for (int i = 0; i < line.getNumPoints(); ++i) ls.emplace_back(line.getX(i), line.getY(i));
    if (!ls.empty()) out.push_back(std::move(ls));
}

// First non-empty point of a point, multipoint or collection (depth first),
// the same one convert() keeps; null if there is none. A collection's first
// part need not be a point: never cast it to one.
const OGRPoint* first_point(const OGRGeometry& g) {
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint:
        return g.IsEmpty() ? nullptr : g.toPoint();
    case wkbMultiPoint:
    case wkbGeometryCollection:
        for (const auto* part : *g.toGeometryCollection())
            if (const OGRPoint* p = first_point(*part)) return p;
        return nullptr;
    default:
        return nullptr;
    }
}

// Fills the feature geometry from an OGR geometry already in the target CRS.
// Returns false for geometry types maillage has no use for.
bool convert(const OGRGeometry& g, Feature& f) {
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
        const auto& p = *g.toPoint();
        if (p.IsEmpty() || f.kind == GeometryKind::point) return true; // the first point wins (collections)
        f.kind = GeometryKind::point;
        f.point = Point(p.getX(), p.getY());
        return true;
    }
    case wkbMultiPoint: {
        const OGRPoint* p = first_point(g);
        if (!p || f.kind == GeometryKind::point) return true;
        f.kind = GeometryKind::point;
        f.point = Point(p->getX(), p->getY());
        return true;
    }
    case wkbLineString:
        f.kind = GeometryKind::line;
        line_from_ogr(*g.toLineString(), f.lines);
        return true;
    case wkbMultiLineString:
        f.kind = GeometryKind::line;
        for (const auto* part : *g.toMultiLineString()) line_from_ogr(*part, f.lines);
        return true;
    case wkbPolygon:
        f.kind = GeometryKind::polygon;
        polygon_from_ogr(*g.toPolygon(), f.polygons);
        return true;
    case wkbMultiPolygon:
        f.kind = GeometryKind::polygon;
        for (const auto* part : *g.toMultiPolygon()) polygon_from_ogr(*part, f.polygons);
        return true;
    case wkbGeometryCollection: {
        // Keep the first kind found; mixed collections are rare in admin data.
        for (const auto* part : *g.toGeometryCollection())
            if (!convert(*part, f)) return false;
        return true;
    }
    default:
        return false;
    }
}

// Physical line on which each data record of a CSV file starts. OGR numbers
// records (fid 1, 2, ...) skipping blank lines, and a quoted field may span
// lines, so fid + 1 is not the line a user sees in an editor. Empty if the
// file cannot be read (callers then fall back to fid + 1). A NUL byte is an
// InputError naming its line: GDAL would cut the line there and blame
// whichever field comes next. Stops after `max_records` + 1 records (the
// reader refuses the layer there): memory stays bounded.
std::vector<std::size_t> csv_record_lines(const std::string& path, std::size_t max_records) {
    std::vector<std::size_t> lines;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return lines;
    std::size_t line = 1, start = 1;
    bool in_quotes = false, empty = true;
    for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) {
        if (c == 0) {
            std::fclose(f);
            throw InputError(path + ": line " + std::to_string(line) +
                             ": NUL byte (binary data, or a file saved as UTF-16? re-save it as UTF-8 text)");
        }
        if (c == '"') in_quotes = !in_quotes; // "" inside quotes toggles twice
        if (c == '\n') {
            ++line;
            if (in_quotes) continue;
            if (!empty) lines.push_back(start);
            start = line;
            empty = true;
            if (lines.size() > max_records + 1) break; // + 1: the header
        } else if (c != '\r') {
            empty = false;
        }
    }
    if (!empty) lines.push_back(start);
    std::fclose(f);
    if (!lines.empty()) lines.erase(lines.begin()); // the header
    return lines;
}

// True for a GDAL/PROJ error about a CRS ("PROJ: proj_create_from_database:
// crs not found").
bool mentions_crs(const std::string& message) {
    std::string lower = message;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return lower.find("crs") != std::string::npos || lower.find("srs") != std::string::npos ||
           lower.find("proj") != std::string::npos;
}

} // namespace

std::string crs_problem(const std::string& definition, bool projected) {
    detail::ensure_gdal_registered();
    const Logger quiet; // keeps GDAL's own message about a bad definition off stderr
    GdalErrorCapture errors(quiet);
    OGRSpatialReference srs;
    if (definition.empty() || srs.SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        return "is not a known CRS: " + quote(definition) + " (expected e.g. EPSG:2154)";
    if (projected && !srs.IsProjected())
        return "must be a projected CRS in metres, " + quote(definition) + " is not (expected e.g. EPSG:2154)";
    return {};
}

std::string VectorLayer::where(const Feature& feature) const {
    if (driver == "CSV") {
        const auto record = static_cast<std::size_t>(feature.fid - 1);
        const std::size_t line = feature.fid >= 1 && record < record_lines.size()
                                     ? record_lines[record]
                                     : static_cast<std::size_t>(feature.fid + 1);
        return source + ": line " + std::to_string(line);
    }
    return source + ": feature " + std::to_string(feature.fid);
}

std::optional<double> VectorLayer::number(std::string_view text) const {
    if (decimal == '.') return parse_double(text);
    if (text.find('.') != std::string_view::npos) return std::nullopt;
    std::string with_point(text);
    if (const auto comma = with_point.find(','); comma != std::string::npos) with_point[comma] = '.';
    return parse_double(with_point);
}

std::string VectorLayer::number_expected() const {
    return decimal == '.' ? "a decimal number with '.'"
                          : "a decimal number with ',' as set by decimal = \",\" for this layer, no '.'";
}

std::size_t VectorLayer::field_index(const std::string& name) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i] == name) return i;
    throw InputError(source + ": field " + quote(name) + " was not read");
}

VectorLayer read_layer(const LayerSpec& spec, const ReadOptions& options, const Logger& log) {
    detail::ensure_gdal_registered();
    GdalErrorCapture errors(log);
    const std::string& src = spec.path;
    if (src.empty()) throw InputError("empty path for a vector layer");

    if (!looks_like_connection_string(src)) {
        // A FIFO or a device would block GDAL or never end: refused here.
        // A directory may be a dataset (shapefile folder, FileGDB).
        if (check_input_path(src, "file", InputKind::file_or_directory) == 0 && !std::filesystem::is_directory(src))
            throw InputError(src + ": file is empty (0 bytes)");
    }

    // CSV: keep every value as text so maillage parses numbers strictly and
    // can name the line; no automatic geometry from the CSV driver.
    const char* csv_options[] = {"AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES", "EMPTY_STRING_AS_NULL=YES", nullptr};
    std::string ext = std::filesystem::path(src).extension().string();
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool csv = ext == ".csv" || ext == ".tsv" || ext == ".txt" || src.rfind("CSV:", 0) == 0;
    GDALDatasetUniquePtr ds(GDALDataset::Open(src.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                              csv ? csv_options : nullptr, nullptr));
    if (!ds) {
        if (std::filesystem::is_directory(src))
            throw InputError(src + ": is a directory, not a vector dataset" + errors.suffix());
        throw InputError(src + ": cannot open as a vector dataset (unknown or unreadable format)" +
                         errors.suffix());
    }

    OGRLayer* layer = nullptr;
    if (spec.layer.empty()) {
        if (ds->GetLayerCount() < 1) throw InputError(src + ": contains no layer");
        layer = ds->GetLayer(0);
    } else {
        layer = ds->GetLayerByName(spec.layer.c_str());
        if (!layer) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i)
                names += std::string(i ? ", " : "") + ds->GetLayer(i)->GetName();
            throw InputError(src + ": no layer " + quote(spec.layer) + " (layers: " + names + ")");
        }
    }

    VectorLayer out;
    out.source = src;
    out.layer_name = layer->GetName();
    out.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    out.fields = options.fields;
    if (out.driver == "CSV" && std::filesystem::is_regular_file(src)) out.record_lines = csv_record_lines(src, options.max_features);
    // decimal and encoding are about text read by maillage itself: CSV only
    // (GDAL gives other formats' numbers typed and their text in UTF-8; a
    // shapefile names its encoding in a .cpg file).
    if (out.driver != "CSV" && (spec.decimal != '.' || !spec.encoding.empty()))
        throw InputError(src + ": decimal and encoding apply to CSV layers only, this one is " + out.driver +
                         " (for a shapefile, put the encoding in a .cpg file beside it)");
    out.decimal = spec.decimal;
    std::optional<Utf8Decoder> decoder;
    if (!spec.encoding.empty()) {
        try {
            decoder.emplace(spec.encoding);
        } catch (const InputError& e) {
            throw InputError(src + ": " + e.what());
        }
    }

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    // A GeoJSON FeatureCollection with no feature has no field either: return
    // it empty (callers say "layer is empty") instead of "field not found".
    if (defn->GetFieldCount() == 0 && layer->GetFeatureCount(TRUE) == 0) {
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        out.source_crs = !spec.source_crs.empty() ? spec.source_crs : !is_undefined(srs) ? describe_srs(*srs) : "none";
        return out;
    }
    std::vector<int> field_idx;
    auto available = [&] {
        std::string names;
        bool utf8 = true;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const std::string name = defn->GetFieldDefn(i)->GetNameRef();
            utf8 = utf8 && is_valid_utf8(name);
            names += std::string(i ? ", " : "") + (is_valid_utf8(name) ? name : quote(name));
        }
        if (!utf8 && spec.encoding.empty())
            names += "; the header is not UTF-8 text: for a file saved by Excel, set encoding = \"windows-1252\" "
                     "for this layer";
        return names;
    };
    // The header too is in the layer's encoding: "Libellé" is matched decoded.
    const auto field_named = [&](const std::string& name) {
        if (!decoder) return defn->GetFieldIndex(name.c_str());
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const std::string raw = defn->GetFieldDefn(i)->GetNameRef();
            std::string why;
            const auto decoded = decoder->decode(raw, &why);
            if (!decoded)
                throw InputError(src + ": line 1: field name " + quote(raw) + " is not " + spec.encoding + " text: " +
                                 why);
            if (*decoded == name) return i;
        }
        return -1;
    };
    for (const auto& name : options.fields) {
        const int idx = field_named(name);
        if (idx < 0)
            throw InputError(src + ": field " + quote(name) + " not found (fields: " + available() + ")");
        field_idx.push_back(idx);
    }
    const bool xy_columns = !spec.x_field.empty() || !spec.y_field.empty();
    int x_idx = -1, y_idx = -1;
    if (xy_columns) {
        if (spec.x_field.empty() || spec.y_field.empty())
            throw InputError(src + ": both x and y (lon and lat) fields must be given");
        x_idx = field_named(spec.x_field);
        y_idx = field_named(spec.y_field);
        if (x_idx < 0)
            throw InputError(src + ": field " + quote(spec.x_field) + " not found (fields: " + available() + ")");
        if (y_idx < 0)
            throw InputError(src + ": field " + quote(spec.y_field) + " not found (fields: " + available() + ")");
    }

    // Source CRS: declared by the layer, or given, or WGS84 for lon/lat columns.
    SrsPtr source_srs;
    if (!spec.source_crs.empty()) {
        source_srs = make_srs(spec.source_crs, src, "source");
    } else if (!xy_columns && !is_undefined(layer->GetSpatialRef())) {
        source_srs.reset(layer->GetSpatialRef()->Clone());
        source_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else if (xy_columns) {
        source_srs = make_srs("EPSG:4326", src, "source");
    }
    // GDAL reads a GeoJSON "crs" member it cannot resolve ("EPSG:99999") as
    // WGS84 after an error message: stop there, the coordinates may be metres.
    if (spec.source_crs.empty() && !xy_columns && mentions_crs(errors.last_error()))
        throw InputError(src + ": layer " + quote(out.layer_name) + ": its CRS cannot be read" + errors.suffix() +
                         " (expected a known CRS such as EPSG:2154, or set crs = \"EPSG:...\" for this layer "
                         "in the scenario)");
    const bool has_geometry_column = defn->GetGeomFieldCount() > 0;
    if (!source_srs && has_geometry_column)
        throw InputError(src + ": layer " + quote(out.layer_name) +
                         " has no CRS (add a .prj, or set crs = \"EPSG:...\" for this layer in the scenario)");
    out.source_crs = source_srs ? describe_srs(*source_srs) : "none";

    SrsPtr target = make_srs(options.target_crs, src, "target");
    SrsPtr wgs84 = make_srs("EPSG:4326", src, "WGS84");
    TransformPtr to_target, to_wgs84;
    if (source_srs) {
        to_target.reset(OGRCreateCoordinateTransformation(source_srs.get(), target.get()));
        to_wgs84.reset(OGRCreateCoordinateTransformation(source_srs.get(), wgs84.get()));
        if (!to_target || !to_wgs84)
            throw InputError(src + ": cannot transform from " + out.source_crs + " to " +
                             options.target_crs + errors.suffix());
    }
    const bool geographic_source = source_srs && source_srs->IsGeographic();
    TransformPtr from_wgs84(OGRCreateCoordinateTransformation(wgs84.get(), target.get()));
    if (!from_wgs84)
        throw InputError(src + ": cannot transform from EPSG:4326 to " + options.target_crs + errors.suffix());
    bool crs_checked = false;

    const auto too_many = [&](const std::string& count) {
        return InputError(src + ": layer " + quote(out.layer_name) + " has " + count + " features, more than the " +
                          std::to_string(options.max_features) +
                          " maillage reads into memory (keep only the area studied, e.g. ogr2ogr -spat or -where)");
    };
    if (const auto declared = layer->GetFeatureCount(FALSE);
        declared > 0 && static_cast<std::uint64_t>(declared) > options.max_features)
        throw too_many(std::to_string(declared));

    layer->ResetReading();
    std::size_t index = 0;
    for (auto& feature : *layer) {
        ++index;
        if (index > options.max_features) throw too_many("more than " + std::to_string(options.max_features));
        if (index % 4096 == 0) log.progress("reading " + out.layer_name, index, 0);
        Feature f;
        f.fid = feature->GetFID();
        f.values.reserve(field_idx.size());
        const std::string where = out.where(f);
        if (out.driver == "CSV") {
            // GDAL leaves the fields past the end of a short row unset (an
            // empty field is set, to null): without this, the first field
            // read would be blamed for being empty.
            const int expected = defn->GetFieldCount();
            int present = expected;
            while (present > 0 && !feature->IsFieldSet(present - 1)) --present;
            if (present < expected)
                throw InputError(where + ": row has " + std::to_string(present) + " fields, expected " +
                                 std::to_string(expected) + " as in the header (a line cut short, or a missing separator?)");
        }
        for (std::size_t k = 0; k < field_idx.size(); ++k) {
            const int idx = field_idx[k];
            if (!feature->IsFieldSetAndNotNull(idx)) {
                f.values.emplace_back(std::nullopt);
                continue;
            }
            std::string value = feature->GetFieldAsString(idx);
            if (decoder) {
                std::string why;
                auto decoded = decoder->decode(value, &why);
                if (!decoded)
                    throw InputError(where + ": " + options.fields[k] + " " + quote(value) + " is not " +
                                     spec.encoding + " text: " + why +
                                     " (is encoding = \"" + spec.encoding + "\" right for this file?)");
                value = std::move(*decoded);
            }
            // OGR hands out UTF-8 (shapefiles are recoded from their .cpg);
            // a CSV saved in Latin-1 is not, and its names would reach the
            // JSON and HTML outputs as broken text.
            if (!is_valid_utf8(value))
                throw InputError(where + ": " + options.fields[k] + " " + quote(value) +
                                 " is not UTF-8 text (file saved as Latin-1/Windows-1252? set encoding = "
                                 "\"windows-1252\" for this layer in the scenario, or re-save it as UTF-8)");
            f.values.emplace_back(std::move(value));
        }

        if (xy_columns) {
            auto text = [&](int idx) -> std::string {
                return feature->IsFieldSetAndNotNull(idx) ? feature->GetFieldAsString(idx) : "";
            };
            const std::string xs = text(x_idx), ys = text(y_idx);
            const auto x = out.number(xs);
            const auto y = out.number(ys);
            if (!x)
                throw InputError(where + ": " + spec.x_field + " " + quote(xs) + " is not a number (expected " +
                                 out.number_expected() + ")");
            if (!y)
                throw InputError(where + ": " + spec.y_field + " " + quote(ys) + " is not a number (expected " +
                                 out.number_expected() + ")");
            if (geographic_source && (*x < -180 || *x > 180 || *y < -90 || *y > 90))
                throw InputError(where + ": coordinates (" + xs + ", " + ys +
                                 ") are outside longitude/latitude bounds");
            double tx = *x, ty = *y;
            if (!to_target->Transform(1, &tx, &ty))
                throw InputError(where + ": cannot transform point (" + xs + ", " + ys + ")" + errors.suffix());
            f.kind = GeometryKind::point;
            f.point = Point(tx, ty);
            double lx = *x, ly = *y;
            if (to_wgs84->Transform(1, &lx, &ly)) f.lonlat = LonLat{lx, ly};
        } else if (const OGRGeometry* g = feature->GetGeometryRef(); g && !g->IsEmpty()) {
            if (geographic_source) {
                // PROJ transforms a longitude of 200 without a word.
                OGREnvelope env;
                g->getEnvelope(&env);
                if (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90)
                    throw InputError(where + ": coordinates outside longitude/latitude bounds (longitude " +
                                     format_fixed(env.MinX, 6) + " to " + format_fixed(env.MaxX, 6) + ", latitude " +
                                     format_fixed(env.MinY, 6) + " to " + format_fixed(env.MaxY, 6) + ", expected [-180, 180] and [-90, 90]" +
                                     " in " + out.source_crs + ")");
            }
            std::unique_ptr<OGRGeometry> copy(g->clone());
            if (copy->transform(to_target.get()) != OGRERR_NONE)
                throw InputError(where + ": cannot reproject geometry to " + options.target_crs +
                                 errors.suffix());
            if (!convert(*copy, f))
                throw InputError(where + ": unsupported geometry type " +
                                 quote(OGRGeometryTypeToName(g->getGeometryType())));
            if (f.kind == GeometryKind::point) {
                std::unique_ptr<OGRGeometry> ll(g->clone());
                if (ll->transform(to_wgs84.get()) == OGRERR_NONE) {
                    if (const OGRPoint* p = first_point(*ll)) f.lonlat = LonLat{p->getX(), p->getY()};
                }
            }
            if (f.kind == GeometryKind::polygon && !crs_checked) {
                // Once, on the first polygon (the territory's area): a bad
                // working CRS would otherwise be blamed on the polygon.
                // Points are not used: a site with lat/lon swapped lies
                // where any CRS of the area is far off.
                crs_checked = true;
                OGREnvelope env;
                g->getEnvelope(&env);
                double lon = (env.MinX + env.MaxX) / 2, lat = (env.MinY + env.MaxY) / 2;
                if (to_wgs84->Transform(1, &lon, &lat)) {
                    if (const auto why = crs_scale_problem(*from_wgs84, lon, lat); !why.empty())
                        throw InputError(where + ": the working CRS " + quote(options.target_crs) +
                                         " is not a usable definition for this area: " + why +
                                         " (a bad +proj definition? expected a projected CRS in metres suited "
                                         "to the area, e.g. EPSG:2154 for France)");
                }
            }
            if (f.kind == GeometryKind::polygon) {
                for (const auto& poly : f.polygons) {
                    std::size_t ring_index = 0;
                    const auto check_ring = [&](const Polygon::ring_type& ring, const std::string& which) {
                        std::size_t points = ring.size();
                        if (!ring.empty() &&
                            (ring.front().x() != ring.back().x() || ring.front().y() != ring.back().y()))
                            ++points;
                        if (points < 4)
                            throw InputError(where + ": polygon " + which + " has " + std::to_string(ring.size()) +
                                             " point(s), a ring needs at least 3 distinct corners (4 points "
                                             "with the first repeated last)");
                    };
                    check_ring(poly.outer(), "outer ring");
                    for (const auto& inner : poly.inners()) check_ring(inner, "hole " + std::to_string(++ring_index));
                }
                boost::geometry::correct(f.polygons);
                std::string reason;
                // GEOS errors name no file: add the feature.
                try {
                    if (!is_valid(f.polygons, &reason)) {
                        if (!options.repair)
                            throw InputError(where + ": invalid polygon (" + reason + ")");
                        f.polygons = make_valid(f.polygons);
                        if (f.polygons.empty())
                            throw InputError(where + ": invalid polygon (" + reason +
                                             ") has no area left after repair");
                        ++out.stats.repaired;
                        log.info(where + ": repaired invalid polygon (" + reason + ")");
                    }
                } catch (const GeometryError& e) {
                    throw GeometryError(where + ": " + e.what());
                }
            }
        }
        if (f.kind == GeometryKind::none) ++out.stats.empty_geometry;
        out.features.push_back(std::move(f));
    }
    if (!errors.last_error().empty() && out.features.empty())
        throw InputError(src + ": reading failed" + errors.suffix());
    out.stats.features = out.features.size();
    return out;
}

} // namespace maillage::geo
