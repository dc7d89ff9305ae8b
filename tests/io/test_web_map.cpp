#include "core/error.hpp"
#include "io/export_fixture.hpp"
#include "io/web_map.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <gdal.h>
#include <gdal_priv.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace maillage;

namespace {

fs::path leaflet_dir() { return test::source_dir() / "web" / "node_modules" / "leaflet" / "dist"; }

// Where the browser test leaves map.html and its screenshot: beside the build.
fs::path test_output_dir() { return fs::path(MAILLAGE_BINARY).parent_path() / "test-output"; }

std::string find_chromium() {
    if (const char* env = std::getenv("MAILLAGE_CHROMIUM"); env && *env) return env;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin");
    std::string d;
    while (std::getline(dirs, d, ':'))
        for (const char* name : {"chromium", "chromium-browser"})
            if (fs::exists(fs::path(d) / name)) return (fs::path(d) / name).string();
    return {};
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs headless Chromium on `url` with its own profile; `action` is
// "--dump-dom" or "--screenshot=<png>". Output goes to `out`. No page may
// reach the network: every host name resolves to nothing.
int run_chromium(const std::string& chromium, const std::string& url, const std::string& action, const fs::path& out,
                 const fs::path& profile) {
    fs::remove_all(profile);
    const std::string cmd = "timeout 120 '" + chromium +
                            "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                            " --disable-background-networking --disable-component-update --disable-sync"
                            " --host-resolver-rules='MAP * ~NOTFOUND' --hide-scrollbars --window-size=1000,700"
                            " --virtual-time-budget=5000 --user-data-dir='" +
                            profile.string() + "' " + action + " '" + url + "' > '" + out.string() + "' 2> '" +
                            out.string() + ".stderr'";
    return std::system(cmd.c_str());
}

std::string status_json(const std::string& dom) {
    const std::string open = "<pre id=\"maillage-status\" hidden=\"\">";
    const auto a = dom.find(open);
    if (a == std::string::npos) return {};
    const auto b = dom.find("</pre>", a);
    return dom.substr(a + open.size(), b - a - open.size());
}

} // namespace

TEST_CASE("web map: one self-contained page with Leaflet, data and notes inlined") {
    if (!fs::exists(leaflet_dir() / "leaflet.js")) {
        std::printf("[maillage-skip] Leaflet not installed at %s (run scripts/setup-web)\n", leaflet_dir().string().c_str());
        return;
    }
    const auto fx = test::make_export_fixture();
    const auto map = test::make_fixture_map(fx);
    const std::string html = io::render_web_map(map, leaflet_dir().string());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("url(images/") == std::string::npos); // CSS images inlined
    CHECK(html.find("data:image/png;base64,") != std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos); // nothing loaded from outside
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("Horaires du bus : hypothèse pour illustration") != std::string::npos);
    // Two renders, same bytes.
    CHECK(html == io::render_web_map(map, leaflet_dir().string()));

    SUBCASE("inconsistent maps are errors") {
        auto bad = map;
        bad.layers[0].style.field = "no_such_field";
        CHECK_THROWS_WITH_AS(io::render_web_map(bad, leaflet_dir().string()),
                             "web map: layer cantons: style field \"no_such_field\" is not a field of the layer", OutputError);
        bad = map;
        bad.layers[0].tables[0].layer = "nowhere";
        CHECK_THROWS_AS(io::render_web_map(bad, leaflet_dir().string()), OutputError);
        bad = map;
        bad.layers.push_back(bad.layers[0]);
        CHECK_THROWS_AS(io::render_web_map(bad, leaflet_dir().string()), OutputError);
        bad = map;
        bad.default_threshold_min = 60;
        CHECK_THROWS_AS(io::render_web_map(bad, leaflet_dir().string()), OutputError);
    }
}

TEST_CASE("web map: missing Leaflet files are an input error naming the file") {
    const auto fx = test::make_export_fixture();
    CHECK_THROWS_AS(io::render_web_map(test::make_fixture_map(fx), "/nonexistent/leaflet/dist"), InputError);
}

TEST_CASE("web map: opens in headless Chromium with every layer and no script error, screenshot not blank") {
    if (!fs::exists(leaflet_dir() / "leaflet.js")) {
        std::printf("[maillage-skip] Leaflet not installed at %s (run scripts/setup-web)\n", leaflet_dir().string().c_str());
        return;
    }
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        std::printf("[maillage-skip] chromium not found (apt-get install chromium, or set MAILLAGE_CHROMIUM)\n");
        return;
    }
    const auto fx = test::make_export_fixture();
    const fs::path dir = test_output_dir();
    fs::create_directories(dir);
    const fs::path page = dir / "map.html";
    io::write_web_map(page.string(), test::make_fixture_map(fx), leaflet_dir().string());
    const std::string url = "file://" + fs::absolute(page).string();

    const fs::path dom_file = dir / "map.dom.html";
    REQUIRE(run_chromium(chromium, url, "--dump-dom", dom_file, dir / "profile-dom") == 0);
    const std::string dom = slurp(dom_file);
    const std::string status = status_json(dom);
    INFO("status: " << status);
    INFO("chromium stderr: " << slurp(dom_file.string() + ".stderr").substr(0, 2000));
    REQUIRE_FALSE(status.empty());
    CHECK(status.find("\"errors\":[]") != std::string::npos);
    for (const auto& layer : fx.layers) {
        // Every fixture feature has a geometry, so Leaflet draws them all.
        CHECK(status.find("\"" + layer.name + "\":" + std::to_string(layer.features.size())) != std::string::npos);
    }
    // The visible texts are there: the note, the legend, the threshold switch.
    CHECK(dom.find("Modèle de déplacement") != std::string::npos);
    CHECK(dom.find("Part des habitants à moins de 30 min") != std::string::npos);
    CHECK(dom.find("data-threshold=\"45\"") != std::string::npos);
    CHECK(dom.find("Bus itinérant") != std::string::npos);

    // English, the 45 min threshold and a canton's popup, through the URL.
    const fs::path dom_en = dir / "map.dom.en.html";
    REQUIRE(run_chromium(chromium, url + "#lang=en&threshold=45&popup=cantons/2", "--dump-dom", dom_en,
                         dir / "profile-en") == 0);
    const std::string en = slurp(dom_en);
    CHECK(status_json(en).find("\"errors\":[]") != std::string::npos);
    CHECK(en.find("Bus schedule: hypothesis for illustration") != std::string::npos);
    CHECK(en.find("Share of residents within 30 min") != std::string::npos);
    CHECK(en.find("Isochrones (45 min)") != std::string::npos);
    CHECK(en.find("Isochrones (30 min)") == std::string::npos);
    CHECK(en.find("data-threshold=\"45\" class=\"on\"") != std::string::npos);
    // The popup of Liffré: its figures and its candidates in rank order.
    const auto popup = en.find("maillage-popup");
    REQUIRE(popup != std::string::npos);
    // The popup is drawn inside the map, before the status and the inlined data.
    const std::string text = en.substr(popup, en.find("maillage-status") - popup);
    CHECK(text.find("Liffré") != std::string::npos);
    CHECK(text.find("45 %") != std::string::npos);
    CHECK(text.find("Candidate ranking") != std::string::npos);
    const auto c1 = text.find("Commune 1"), c2 = text.find("Commune 2"), c3 = text.find("Commune 3");
    CHECK(c1 != std::string::npos);
    CHECK(c1 < c2);
    CHECK(c2 < c3);
    CHECK(text.find("Commune 4") == std::string::npos); // another canton's candidate
    CHECK(text.find("5,000") != std::string::npos);

    const fs::path png = dir / "map.png";
    fs::remove(png);
    REQUIRE(run_chromium(chromium, url, "--screenshot=" + png.string(), dir / "map.screenshot.log", dir / "profile-shot") == 0);
    REQUIRE(fs::exists(png));
    GDALAllRegister();
    GDALDatasetUniquePtr img(GDALDataset::Open(png.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(img);
    const int w = img->GetRasterXSize(), h = img->GetRasterYSize();
    CHECK(w == 1000);
    CHECK(h == 700);
    REQUIRE(img->GetRasterCount() >= 3);
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    int bands[] = {1, 2, 3};
    REQUIRE(img->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, 3 * w, 1, nullptr) == CE_None);
    std::map<unsigned, std::size_t> colours;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3)
        ++colours[static_cast<unsigned>(rgb[i]) << 16 | static_cast<unsigned>(rgb[i + 1]) << 8 | rgb[i + 2]];
    std::size_t top = 0;
    for (const auto& [c, n] : colours) top = std::max(top, n);
    const std::size_t pixels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    INFO("distinct colours: " << colours.size() << ", most frequent: " << top << " of " << pixels);
    CHECK(colours.size() >= 50);        // a blank or plain page has a handful
    CHECK(top < pixels * 7 / 10);       // no colour covers most of the page
    // The choropleth is drawn: the green (97 %) and red (45 %) cantons,
    // blended over the plain background, each cover a good part of the page.
    std::size_t green = 0, red = 0;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
        const int r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
        if (g > r + 30 && g > b + 15) ++green;
        if (r > g + 40 && r > b + 40) ++red;
    }
    INFO("green pixels: " << green << ", red pixels: " << red);
    CHECK(green > pixels / 20);
    CHECK(red > pixels / 20);
    for (const char* profile : {"profile-dom", "profile-en", "profile-shot"}) fs::remove_all(dir / profile);
}
