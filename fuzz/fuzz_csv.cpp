// Fuzz target: CSV through OGR with lon/lat columns and strict numbers, then
// the site field mapping of the territory loader (formats, dates, opening
// hours, commune join, point in polygon) on the tiny territory of
// tests/data/tiny with the fuzzed file as its sites layer, then the same
// bytes read as a CSV whose WKT column is the geometry; the same file with
// decimal = "," and encoding = "windows-1252"; parse_csv and localize_csv.
#include "fuzz_support.hpp"
#include "core/text.hpp"
#include "geo/vector_layer.hpp"
#include "io/opening_hours.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"
#include "report/table.hpp"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace maillage;
    const auto path = fuzz::write_input("sites.csv", data, size);
    const auto text = fuzz::as_text(data, size);

    fuzz::expect_only_maillage_errors([&] {
        geo::LayerSpec spec;
        spec.path = path;
        spec.x_field = "longitude";
        spec.y_field = "latitude";
        geo::ReadOptions options;
        options.fields = {"id_fs", "insee_com"};
        const auto layer = geo::read_layer(spec, options);
        for (const auto& f : layer.features) {
            if (f.values.size() != options.fields.size()) std::abort();
            (void)layer.where(f);
        }
    });

    // The same file as French Excel writes it: Windows-1252, decimal commas.
    fuzz::expect_only_maillage_errors([&] {
        geo::LayerSpec spec;
        spec.path = path;
        spec.x_field = "longitude";
        spec.y_field = "latitude";
        spec.decimal = ',';
        spec.encoding = "windows-1252";
        geo::ReadOptions options;
        options.fields = {"id_fs", "libellé"};
        const auto layer = geo::read_layer(spec, options);
        for (const auto& f : layer.features)
            for (const auto& v : f.values)
                if (v && !is_valid_utf8(*v)) std::abort();
    });

    // The strict reader of maillage's own CSV outputs, and the French rewrite.
    fuzz::expect_only_maillage_errors([&] {
        (void)parse_csv(text, ';', "fuzz.csv");
        (void)localize_csv(text, CsvLocale::fr);
    });

    fuzz::expect_only_maillage_errors([&] {
        static const Scenario base = load_scenario(MAILLAGE_SOURCE_DIR "/tests/data/tiny/tiny.toml");
        Scenario s = base;
        s.sites.layer.path = path;
        if (text.find("h_lundi") != std::string_view::npos)
            s.sites.hours_fields = {"h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"};
        LoadReport report;
        const auto territory = load_territory(s, report);
        for (const auto& site : territory.sites) {
            std::vector<std::string_view> days(site.hours.begin(), site.hours.end());
            (void)try_parse_weekly_hours(days);
        }
    });

    fuzz::expect_only_maillage_errors([&] {
        geo::LayerSpec spec;
        spec.path = path;
        spec.source_crs = "EPSG:4326";
        (void)geo::read_layer(spec, geo::ReadOptions{});
    });
    return 0;
}
