#include "fixtures.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/wait.h>
#include <stdexcept>

namespace maillage::test {

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

CliRun run_cli(const std::vector<std::string>& args) { return run_program_in("", MAILLAGE_BINARY, args); }

CliRun run_cli_in(const std::string& cwd, const std::vector<std::string>& args) {
    return run_program_in(cwd, MAILLAGE_BINARY, args);
}

CliRun run_program(const std::string& binary, const std::vector<std::string>& args) {
    return run_program_in("", binary, args);
}

CliRun run_program_in(const std::string& cwd, const std::string& binary, const std::vector<std::string>& args) {
    TempDir io;
    std::string cmd = cwd.empty() ? std::string() : "cd " + shell_quote(cwd) + " && ";
    cmd += shell_quote(binary);
    for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
    cmd.append(" >").append(shell_quote(io.file("stdout")));
    cmd.append(" 2>").append(shell_quote(io.file("stderr")));
    cmd.append(" </dev/null");
    const int status = std::system(cmd.c_str());
    CliRun r;
    REQUIRE(status != -1);
    REQUIRE(WIFEXITED(status));
    r.exit_code = WEXITSTATUS(status);
    r.out = read_text(io.file("stdout"));
    r.err = read_text(io.file("stderr"));
    return r;
}

std::string source_path(const std::string& relative) {
    return (std::filesystem::path(MAILLAGE_SOURCE_DIR) / relative).string();
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "maillage-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::vector<std::string> TempDir::entries() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(m_path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

void write_wkt_layer(const std::string& path, const std::string& driver_name, const std::string& srs_text,
                     const std::vector<std::string>& fields, const std::vector<WktFeature>& features) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (!driver) throw std::runtime_error("no GDAL driver " + driver_name);
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    if (!srs_text.empty()) {
        if (srs.SetFromUserInput(srs_text.c_str()) != OGRERR_NONE) throw std::runtime_error("bad srs " + srs_text);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const std::string name = std::filesystem::path(path).stem().string();
    OGRLayer* layer = ds->CreateLayer(name.c_str(), srs_text.empty() ? nullptr : &srs, wkbUnknown, nullptr);
    if (!layer) throw std::runtime_error("cannot create layer in " + path);
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.c_str(), OFTString);
        if (layer->CreateField(&defn) != OGRERR_NONE) throw std::runtime_error("cannot create field " + f);
    }
    for (const auto& wf : features) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        for (std::size_t i = 0; i < wf.values.size(); ++i)
            feature->SetField(static_cast<int>(i), wf.values[i].c_str());
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkt(wf.wkt.c_str(), nullptr, &geometry) != OGRERR_NONE)
            throw std::runtime_error("bad WKT " + wf.wkt);
        feature->SetGeometryDirectly(geometry);
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) throw std::runtime_error("cannot write " + path);
    }
}

void write_text(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace maillage::test
