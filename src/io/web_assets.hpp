#pragma once
/// The files of the web map, embedded into the binary at build time
/// (cmake/embed_files.cmake): the client of web/src/ (map.html, map.js,
/// map.css, error-hook.js) and Leaflet's dist/ files from the npm package
/// (web/node_modules/leaflet, installed by scripts/setup-web). An installed
/// binary needs no source tree.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillage::io {

namespace detail {
struct EmbeddedFile {
    const char* name;
    const unsigned char* data;
    std::size_t size;
};
extern const EmbeddedFile kEmbeddedFiles[];
extern const std::size_t kEmbeddedFileCount;
} // namespace detail

/// An embedded file by name: "client/map.js", "leaflet/leaflet.css",
/// "leaflet/images/layers.png", "leaflet/LICENSE"; nullopt if absent.
std::optional<std::string_view> embedded_file(std::string_view name);

/// Names of every embedded file, in build order.
std::vector<std::string> embedded_file_names();

/// An embedded file that must be there. Throws InputError naming it and
/// saying how to get it (Leaflet missing at build time: run scripts/setup-web
/// and rebuild, or export with --no-map).
std::string_view required_embedded_file(std::string_view name);

} // namespace maillage::io
