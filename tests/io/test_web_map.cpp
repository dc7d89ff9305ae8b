#include "core/error.hpp"
#include "io/export_fixture.hpp"
#include "io/web_assets.hpp"
#include "io/web_map.hpp"
#include "support.hpp"
#include "support/fixtures.hpp"

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

// Leaflet is embedded when web/node_modules held it at build time.
bool have_leaflet() {
    if (io::embedded_file("leaflet/leaflet.js")) return true;
    std::printf("[maillage-skip] this build has no Leaflet (run scripts/setup-web, then rebuild)\n");
    return false;
}

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

TEST_CASE("web map: the client of web/src is embedded in the binary, byte for byte") {
    for (const char* name : {"map.html", "map.js", "map.css", "error-hook.js"}) {
        const auto embedded = io::embedded_file(std::string("client/") + name);
        REQUIRE_MESSAGE(embedded, name);
        std::ifstream in(test::source_dir() / "web" / "src" / name, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        CHECK_MESSAGE(*embedded == text.str(), name);
    }
    CHECK_FALSE(io::embedded_file("client/no-such-file.js"));
    CHECK_THROWS_WITH_AS(io::required_embedded_file("client/no-such-file.js"),
                         "web map: client/no-such-file.js is not in this maillage binary (rebuild it)", InputError);
}

TEST_CASE("web map: one self-contained page with Leaflet, data and notes inlined") {
    if (!have_leaflet()) return;
    const auto fx = test::make_export_fixture();
    const auto map = test::make_fixture_map(fx);
    const std::string html = io::render_web_map(map);
    // Every placeholder of the template filled, no machine path (the source
    // tree's or the build's) in the page.
    CHECK(html.find("@MAP_JS@") == std::string::npos);
    CHECK(html.find("@DATA@") == std::string::npos);
    CHECK(html.find(test::source_dir().string()) == std::string::npos);
    CHECK(html.find(fs::path(MAILLAGE_BINARY).parent_path().string()) == std::string::npos);
    CHECK(html.find("<script type=\"module\">") != std::string::npos);
    // The label points of the cantons: inside each canton, in lon/lat.
    CHECK(html.find("\"labelMinZoom\":9") != std::string::npos);
    CHECK(html.find("\"Liffré\"]") != std::string::npos);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("url(images/") == std::string::npos); // CSS images inlined
    CHECK(html.find("data:image/png;base64,") != std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos); // nothing loaded from outside
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("Horaires du bus : hypothèse pour illustration") != std::string::npos);
    // Two renders, same bytes.
    CHECK(html == io::render_web_map(map));
    // The same page from a Leaflet folder (--leaflet) when it is installed.
    if (fs::exists(leaflet_dir() / "leaflet.js")) CHECK(html == io::render_web_map(map, leaflet_dir().string()));

    SUBCASE("inconsistent maps are errors") {
        auto bad = map;
        bad.layers[0].style.field = "no_such_field";
        CHECK_THROWS_WITH_AS(io::render_web_map(bad),
                             "web map: layer cantons: style field \"no_such_field\" is not a field of the layer", OutputError);
        bad = map;
        bad.layers[0].tables[0].layer = "nowhere";
        CHECK_THROWS_AS(io::render_web_map(bad), OutputError);
        bad = map;
        bad.layers.push_back(bad.layers[0]);
        CHECK_THROWS_AS(io::render_web_map(bad), OutputError);
        bad = map;
        bad.default_threshold_min = 60;
        CHECK_THROWS_AS(io::render_web_map(bad), OutputError);
        bad = map;
        bad.layers[0].label_field.clear();
        CHECK_THROWS_WITH_AS(io::render_web_map(bad), "web map: layer cantons: labels need a label field", OutputError);
    }
}

TEST_CASE("web map: missing Leaflet files of a --leaflet folder are an input error naming the file") {
    const auto fx = test::make_export_fixture();
    CHECK_THROWS_WITH_AS(io::render_web_map(test::make_fixture_map(fx), "/nonexistent/leaflet/dist"),
                         "/nonexistent/leaflet/dist/leaflet.js: Leaflet file not found", InputError);
}

TEST_CASE("web map: opens in headless Chromium with every layer and no script error, screenshot not blank") {
    if (!have_leaflet()) return;
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        std::printf("[maillage-skip] chromium not found (apt-get install chromium, or set MAILLAGE_CHROMIUM)\n");
        return;
    }
    const auto fx = test::make_export_fixture();
    const fs::path dir = test_output_dir();
    fs::create_directories(dir);
    const fs::path page = dir / "map.html";
    io::write_web_map(page.string(), test::make_fixture_map(fx));
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
    // Offline by default: the plain background, no tile requested.
    CHECK(status.find("\"base\":\"plain\"") != std::string::npos);
    CHECK(dom.find("class=\"leaflet-tile") == std::string::npos);
    CHECK(dom.find("OpenStreetMap (en ligne)") != std::string::npos); // offered in the layer control
    // The canton without a site, hatched, and the territory's outline, in the legend.
    CHECK(dom.find("Canton sans France services") != std::string::npos);
    CHECK(dom.find("url(#maillage-hatch-cantons_without_site)") != std::string::npos);
    CHECK(dom.find("Limite du territoire") != std::string::npos);
    // The accessibility points by class of minutes, closed above: 5 and 10
    // in "≤ 10 min", 10.1 and 20 in "10 – 20 min", 25 and 30, 44, 46, and
    // the unreachable point grey.
    CHECK(dom.find("≤ 10 min") != std::string::npos);
    CHECK(dom.find("10 – 20 min") != std::string::npos);
    CHECK(dom.find("&gt; 45 min") != std::string::npos);
    CHECK(status.find("\"accessibility\":{\"#1a9641\":2,\"#a6d96a\":2,\"#fee08b\":2,\"#f46d43\":1,\"#a50026\":1,"
                      "\"#bbbbbb\":1}") != std::string::npos);
    // Canton names at this zoom (the fixture fits at about zoom 10), a scale bar.
    CHECK(status.find("\"labels\":4") != std::string::npos);
    CHECK(dom.find("<span>Liffré</span>") != std::string::npos);
    CHECK(dom.find("leaflet-control-scale") != std::string::npos);
    // The printed header: title, model, sources, date.
    const auto print = dom.find("id=\"maillage-print\"");
    REQUIRE(print != std::string::npos);
    const std::string header = dom.substr(print, dom.find("</div>", print) - print);
    CHECK(header.find("Maillage France Services") != std::string::npos);
    CHECK(header.find("Modèle de déplacement") != std::string::npos);
    CHECK(header.find("Sources : cantons : cantons-fixture.geojson") != std::string::npos);
    CHECK(header.find("Imprimé le 20") != std::string::npos);

    // Zoomed out, the names are hidden.
    const fs::path dom_far = dir / "map.dom.far.html";
    REQUIRE(run_chromium(chromium, url + "#zoom=7", "--dump-dom", dom_far, dir / "profile-far") == 0);
    const std::string far = slurp(dom_far);
    CHECK(status_json(far).find("\"errors\":[]") != std::string::npos);
    CHECK(status_json(far).find("\"labels\":0") != std::string::npos);

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
    for (const char* profile : {"profile-dom", "profile-en", "profile-far", "profile-shot"}) fs::remove_all(dir / profile);
}

TEST_CASE("real: the export of Ille-et-Vilaine names files, never a machine path, and its map opens in Chromium") {
    MAILLAGE_REQUIRE_REAL_DATA();
    if (!have_leaflet()) return;
    // From another folder, with the scenario given by its absolute path: every
    // input path is then absolute (the bus schedule's too, 2024-08-01).
    const fs::path dir = test_output_dir() / "export-real";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string scenario = test::source_path("data/ille-et-vilaine.toml");
    const auto r = test::run_cli_in(dir.string(), {"-q", "export", scenario, "--as-of", "2024-08-01", "--out", "out"});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir / "out")) {
        CAPTURE(e.path().filename().string());
        const std::string bytes = slurp(e.path());
        CHECK(bytes.find(test::source_dir().string()) == std::string::npos);
        CHECK(bytes.find(test::real_data_dir().string()) == std::string::npos);
        CHECK(bytes.find(fs::absolute(dir).string()) == std::string::npos);
        ++files;
    }
    CHECK(files >= 15);
    const std::string html = slurp(dir / "out" / "map.html");
    CHECK(html.find("bus-roche-aux-fees-hypothesis.toml") != std::string::npos); // named by its file name

    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        std::printf("[maillage-skip] chromium not found (apt-get install chromium, or set MAILLAGE_CHROMIUM)\n");
        return;
    }
    const fs::path dom_file = dir / "map.dom.html";
    REQUIRE(run_chromium(chromium, "file://" + fs::absolute(dir / "out" / "map.html").string(), "--dump-dom", dom_file,
                         dir / "profile") == 0);
    const std::string dom = slurp(dom_file);
    const std::string status = status_json(dom);
    INFO("status: " << status.substr(0, 2000));
    CHECK(status.find("\"errors\":[]") != std::string::npos);
    CHECK(status.find("\"base\":\"plain\"") != std::string::npos);
    CHECK(status.find("\"accessibility\":333") != std::string::npos); // one point per commune
    CHECK(status.find("\"cantons_without_site\":") != std::string::npos);
    CHECK(dom.find("Canton sans France services") != std::string::npos);
    CHECK(dom.find("Temps jusqu'à la France services la plus proche (vol d'oiseau)") != std::string::npos);
    CHECK(dom.find("≤ 10 min") != std::string::npos);
    CHECK(dom.find("Limite du territoire") != std::string::npos);
    CHECK(dom.find("leaflet-control-scale") != std::string::npos);
    fs::remove_all(dir / "profile");
}
