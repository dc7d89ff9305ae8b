#pragma once
// Test helpers: fixture paths, temporary directories, small layers written
// from WKT with GDAL, and a check that an exception of a given type is thrown
// (returning its message for further checks).

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace maillage::test {

/// Result of running the built `maillage` binary.
struct CliRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs MAILLAGE_BINARY with `args` (shell-quoted), stdin from /dev/null,
/// stdout and stderr captured through files of a private temp dir.
CliRun run_cli(const std::vector<std::string>& args);
/// Same, run from the folder `cwd` (relative paths in `args` are read from there).
CliRun run_cli_in(const std::string& cwd, const std::vector<std::string>& args);
/// Same for any program (e.g. a benchmark executable).
CliRun run_program(const std::string& binary, const std::vector<std::string>& args);
/// Any program run from `cwd` (empty: the current folder).
CliRun run_program_in(const std::string& cwd, const std::string& binary, const std::vector<std::string>& args);

/// The argument quoted for /bin/sh.
std::string shell_quote(const std::string& s);

/// Absolute path of a file of the source tree, e.g. "tests/data/tiny/tiny.toml".
std::string source_path(const std::string& relative);
/// tests/data/tiny/<name> and tests/data/bad/<name>.
inline std::string tiny(const std::string& name) { return source_path("tests/data/tiny/" + name); }
inline std::string bad(const std::string& name) { return source_path("tests/data/bad/" + name); }

/// A fresh directory under the system temp directory, removed with its content.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    /// Names of the entries in the directory, sorted.
    std::vector<std::string> entries() const;

  private:
    std::filesystem::path m_path;
};

/// One feature: attribute values (as text, one per field) and a WKT geometry.
struct WktFeature {
    std::vector<std::string> values;
    std::string wkt;
};

/// Writes a vector layer with GDAL. `driver`: "GeoJSON", "ESRI Shapefile",
/// "GPKG"...; `srs` e.g. "EPSG:2154", or empty for a layer with no CRS.
/// Every field is a string field.
void write_wkt_layer(const std::string& path, const std::string& driver, const std::string& srs,
                     const std::vector<std::string>& fields, const std::vector<WktFeature>& features);

void write_text(const std::string& path, const std::string& content);
std::string read_text(const std::string& path);

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
inline bool starts_with(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

/// Runs `fn`, which must throw exactly an `E` (or a subclass); returns the
/// message. Fails the test case if nothing or something else is thrown.
template <class E, class Fn>
std::string message_of(Fn&& fn) {
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("expected a different exception type, got: " << e.what());
    }
    FAIL("expected an exception, none was thrown");
    return {};
}

} // namespace maillage::test

/// CHECK that `text` contains `part`, printing `text` when it does not.
#define CHECK_CONTAINS(text, part)                                                                         \
    CHECK_MESSAGE(::maillage::test::contains((text), (part)), "in: " << (text) << "\nmissing: " << (part))
/// CHECK that `text` starts with `prefix`, printing `text` when it does not.
#define CHECK_STARTS_WITH(text, prefix)                                                                    \
    CHECK_MESSAGE(::maillage::test::starts_with((text), (prefix)), "in: " << (text) << "\nexpected start: " << (prefix))
