#include "geo/geopackage_writer.hpp"

#include "core/error.hpp"
#include "geo/gdal_handle.hpp"
#include "geo/polygon_ops.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>

#include <cstdlib>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <unistd.h>

namespace maillage::geo {

namespace {

struct SrsDeleter {
    void operator()(OGRSpatialReference* s) const {
        if (s) s->Release();
    }
};

/// Sets a GDAL config option for this thread and restores it on scope exit.
class ScopedConfig {
  public:
    ScopedConfig(const char* key, const std::string& value) : m_key(key) {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
        CPLSetThreadLocalConfigOption(key, value.c_str());
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

  private:
    const char* m_key;
    std::optional<std::string> m_old;
};

OGRLinearRing* ring_to_ogr(const Polygon::ring_type& ring) {
    auto* r = new OGRLinearRing();
    r->setNumPoints(static_cast<int>(ring.size()));
    for (std::size_t i = 0; i < ring.size(); ++i) r->setPoint(static_cast<int>(i), ring[i].x(), ring[i].y());
    return r;
}

std::unique_ptr<OGRGeometry> geometry_to_ogr(const OutputLayer& layer, const OutputFeature& f) {
    switch (layer.kind) {
    case LayerGeometry::point:
        if (!f.has_point) return nullptr;
        return std::make_unique<OGRPoint>(f.point.x(), f.point.y());
    case LayerGeometry::line: {
        if (f.lines.empty()) return nullptr;
        auto mls = std::make_unique<OGRMultiLineString>();
        for (const auto& l : f.lines) {
            auto* ls = new OGRLineString();
            ls->setNumPoints(static_cast<int>(l.size()));
            for (std::size_t i = 0; i < l.size(); ++i) ls->setPoint(static_cast<int>(i), l[i].x(), l[i].y());
            mls->addGeometryDirectly(ls);
        }
        return mls;
    }
    case LayerGeometry::polygon: {
        if (f.polygons.empty()) return nullptr;
        auto mp = std::make_unique<OGRMultiPolygon>();
        for (const auto& p : f.polygons) {
            auto* poly = new OGRPolygon();
            poly->addRingDirectly(ring_to_ogr(p.outer()));
            for (const auto& inner : p.inners()) poly->addRingDirectly(ring_to_ogr(inner));
            mp->addGeometryDirectly(poly);
        }
        return mp;
    }
    }
    return nullptr;
}

OGRwkbGeometryType ogr_type(LayerGeometry kind) {
    switch (kind) {
    case LayerGeometry::point: return wkbPoint;
    case LayerGeometry::line: return wkbMultiLineString;
    case LayerGeometry::polygon: return wkbMultiPolygon;
    }
    return wkbUnknown;
}

void write_layer(GDALDataset& ds, const OutputLayer& layer, OGRSpatialReference& srs,
                 const GeoPackageOptions& options, detail::GdalErrorCapture& errors, const std::string& path) {
    const std::string where = path + ": layer " + layer.name;
    const char* layer_options[] = {"GEOMETRY_NAME=geom", "FID=fid",
                                   options.spatial_index ? "SPATIAL_INDEX=YES" : "SPATIAL_INDEX=NO", nullptr};
    OGRLayer* out = ds.CreateLayer(layer.name.c_str(), &srs, ogr_type(layer.kind), const_cast<char**>(layer_options));
    if (!out) throw OutputError(where + ": cannot create layer" + errors.suffix());
    for (const auto& fd : layer.fields) {
        OGRFieldType t = OFTString;
        OGRFieldSubType sub = OFSTNone;
        switch (fd.type) {
        case FieldType::string: t = OFTString; break;
        case FieldType::integer: t = OFTInteger64; break;
        case FieldType::real: t = OFTReal; break;
        case FieldType::boolean:
            t = OFTInteger;
            sub = OFSTBoolean;
            break;
        }
        OGRFieldDefn def(fd.name.c_str(), t);
        def.SetSubType(sub);
        if (out->CreateField(&def) != OGRERR_NONE)
            throw OutputError(where + ": cannot create field " + fd.name + errors.suffix());
    }
    if (out->StartTransaction() != OGRERR_NONE) throw OutputError(where + ": cannot start transaction" + errors.suffix());
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& f = layer.features[i];
        OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(out->GetLayerDefn()));
        for (std::size_t k = 0; k < layer.fields.size(); ++k) {
            const int idx = static_cast<int>(k);
            const auto& v = f.values[k];
            if (const auto* s = std::get_if<std::string>(&v)) feat->SetField(idx, s->c_str());
            else if (const auto* n = std::get_if<std::int64_t>(&v)) feat->SetField(idx, static_cast<GIntBig>(*n));
            else if (const auto* d = std::get_if<double>(&v)) feat->SetField(idx, *d);
            else if (const auto* b = std::get_if<bool>(&v)) feat->SetField(idx, *b ? 1 : 0);
            else feat->SetFieldNull(idx);
        }
        // GeoPackage keeps the working CRS's doubles as they are: what GEOS
        // checks here is what is written.
        if (layer.kind == LayerGeometry::polygon && !f.polygons.empty()) {
            std::string reason;
            if (!is_valid(f.polygons, &reason))
                throw GeometryError(where + ": feature " + std::to_string(i) + ": invalid polygon, not written: " + reason);
        }
        if (auto g = geometry_to_ogr(layer, f)) {
            g->assignSpatialReference(&srs);
            feat->SetGeometryDirectly(g.release());
        }
        feat->SetFID(static_cast<GIntBig>(i + 1));
        if (out->CreateFeature(feat.get()) != OGRERR_NONE)
            throw OutputError(where + ": feature " + std::to_string(i) + ": cannot write" + errors.suffix());
    }
    if (out->CommitTransaction() != OGRERR_NONE) throw OutputError(where + ": cannot commit" + errors.suffix());
}

} // namespace

void write_geopackage(const std::string& path, const std::vector<const OutputLayer*>& layers,
                      const GeoPackageOptions& options, const Logger& log) {
    namespace fs = std::filesystem;
    detail::ensure_gdal_registered();
    detail::GdalErrorCapture errors(log);

    std::set<std::string> names;
    for (const auto* l : layers) {
        validate(*l);
        if (!names.insert(l->name).second) throw OutputError(path + ": layer " + l->name + " appears twice");
    }

    std::unique_ptr<OGRSpatialReference, SrsDeleter> srs(new OGRSpatialReference());
    if (srs->SetFromUserInput(options.working_crs.c_str()) != OGRERR_NONE)
        throw GeometryError(path + ": unknown working CRS \"" + options.working_crs + "\"");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw OutputError(path + ": output directory " + dir.string() + " does not exist");
    // The temporary keeps the .gpkg extension: the driver checks it.
    const std::string tmp =
        (dir / ("." + target.stem().string() + ".tmp." + std::to_string(::getpid()) + ".gpkg")).string();
    fs::remove(tmp, ec);

    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw OutputError(path + ": GDAL has no GPKG driver");

    const ScopedConfig date("OGR_CURRENT_DATE", options.timestamp);
    try {
        {
            // METADATA_TABLES=NO only exists from GDAL 3.7 on; older GDAL
            // creates no metadata table unless metadata is set, which we never do.
            const bool has_option = GDALVersionInfo("VERSION_NUM") && std::atoi(GDALVersionInfo("VERSION_NUM")) >= 3070000;
            const char* ds_options[] = {"METADATA_TABLES=NO", nullptr};
            GDALDatasetUniquePtr ds(driver->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown,
                                                   has_option ? const_cast<char**>(ds_options) : nullptr));
            if (!ds) throw OutputError(path + ": cannot create GeoPackage" + errors.suffix());
            for (const auto* l : layers) write_layer(*ds, *l, *srs, options, errors, path);
            errors.clear();
            ds.reset(); // closing writes the last pages
            if (!errors.last_error().empty()) throw OutputError(path + ": cannot finish GeoPackage" + errors.suffix());
        }
        if (std::rename(tmp.c_str(), path.c_str()) != 0)
            throw OutputError(path + ": cannot rename temporary file " + tmp);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
}

} // namespace maillage::geo
