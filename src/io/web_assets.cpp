#include "io/web_assets.hpp"

#include "core/error.hpp"

namespace maillage::io {

std::optional<std::string_view> embedded_file(std::string_view name) {
    for (std::size_t i = 0; i < detail::kEmbeddedFileCount; ++i) {
        const auto& f = detail::kEmbeddedFiles[i];
        if (name == f.name) return std::string_view(reinterpret_cast<const char*>(f.data), f.size);
    }
    return std::nullopt;
}

std::vector<std::string> embedded_file_names() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < detail::kEmbeddedFileCount; ++i) out.emplace_back(detail::kEmbeddedFiles[i].name);
    return out;
}

std::string_view required_embedded_file(std::string_view name) {
    if (auto f = embedded_file(name)) return *f;
    const std::string n(name);
    if (n.rfind("leaflet/", 0) == 0)
        throw InputError("web map: " + n.substr(8) +
                         " of Leaflet is not in this maillage binary (web/node_modules/leaflet was absent when it "
                         "was built: run scripts/setup-web, then rebuild; or export with --no-map)");
    throw InputError("web map: " + n + " is not in this maillage binary (rebuild it)");
}

} // namespace maillage::io
