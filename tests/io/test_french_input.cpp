// French input habits: a CSV from French Excel (Windows-1252, ';', decimal
// commas) read with decimal = "," and encoding = "windows-1252"; dates as
// DD/MM/YYYY in the scenario; a misspelt key named with the valid name.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "geo/vector_layer.hpp"
#include "io/scenario.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace maillage;
using maillage::test::bad;
using maillage::test::message_of;
using maillage::test::read_text;
using maillage::test::tiny;

namespace {

std::string french(const std::string& name) { return test::source_path("tests/data/french/" + name); }

geo::LayerSpec french_sites(const std::string& file) {
    geo::LayerSpec spec;
    spec.path = french(file);
    spec.x_field = "longitude";
    spec.y_field = "latitude";
    spec.decimal = ',';
    spec.encoding = "windows-1252";
    return spec;
}

} // namespace

TEST_CASE("french input: a Windows-1252 CSV with decimal commas reads as its UTF-8 twin") {
    geo::ReadOptions ro;
    ro.fields = {"id_fs", "libellé", "labellisation_fs"};
    const auto layer = geo::read_layer(french_sites("sites-fr.csv"), ro);
    REQUIRE(layer.features.size() == 2);
    CHECK(*layer.features[0].values[1] == "France Services Châteaugiron Beta");
    CHECK(*layer.features[1].values[2] == "Espace labellisé 15/03/2022");
    // Same points as tests/data/tiny/sites.csv (decimal points, UTF-8).
    geo::LayerSpec twin;
    twin.path = tiny("sites.csv");
    twin.x_field = "longitude";
    twin.y_field = "latitude";
    geo::ReadOptions tro;
    tro.fields = {"id_fs"};
    const auto reference = geo::read_layer(twin, tro);
    REQUIRE(reference.features.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(layer.features[i].point.x() == reference.features[i].point.x());
        CHECK(layer.features[i].point.y() == reference.features[i].point.y());
    }
    CHECK(layer.number("-1,5") == -1.5);
    CHECK(!layer.number("-1.5"));
    CHECK(!layer.number("1.234,5"));
}

TEST_CASE("french input: without the options, the same file is refused, not guessed") {
    geo::LayerSpec spec = french_sites("sites-fr.csv");
    spec.encoding.clear();
    geo::ReadOptions ro;
    ro.fields = {"id_fs", "labellisation_fs"};
    const auto not_utf8 = message_of<InputError>([&] { geo::read_layer(spec, ro); });
    MESSAGE(not_utf8);
    CHECK(test::contains(not_utf8,
                         ": line 2: labellisation_fs \"Espace labellis\\xe9 01/10/2020\" is not UTF-8 text"));
    spec = french_sites("sites-fr.csv");
    spec.decimal = '.';
    CHECK(test::contains(message_of<InputError>([&] { geo::read_layer(spec, ro); }),
                         ": line 2: longitude \"-1,598774\" is not a number"));
}

TEST_CASE("french input: an undecodable byte names the file, the line and the field") {
    geo::ReadOptions ro;
    ro.fields = {"id_fs", "libellé"};
    const auto msg = message_of<InputError>([&] { geo::read_layer(french_sites("sites-fr-bad-byte.csv"), ro); });
    CHECK(msg == french("sites-fr-bad-byte.csv") +
                     ": line 3: libellé \"Bus Gam\\x81a\" is not windows-1252 text: byte 0x81 at position 8 has no "
                     "meaning in windows-1252 (is encoding = \"windows-1252\" right for this file?)");
}

TEST_CASE("french input: a '.' in a decimal = \",\" layer names the file, the line and the field") {
    geo::ReadOptions ro;
    ro.fields = {"id_fs"};
    const auto msg = message_of<InputError>([&] { geo::read_layer(french_sites("sites-fr-point.csv"), ro); });
    CHECK(msg == french("sites-fr-point.csv") +
                     ": line 2: latitude \"48.120713\" is not a number (expected a decimal number with ',' as set "
                     "by decimal = \",\" for this layer, no '.')");
}

TEST_CASE("french input: decimal and encoding keys in the scenario") {
    const auto s = load_scenario(french("tiny-fr.toml"));
    CHECK(s.sites.layer.decimal == ',');
    CHECK(s.sites.layer.encoding == "windows-1252");
    CHECK(s.as_of == Date{2021, 7, 1}); // as_of = "01/07/2021"
    CHECK(s.cantons.layer.decimal == '.');
    CHECK(s.cantons.layer.encoding.empty());

    const std::string text = read_text(french("tiny-fr.toml"));
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        t.replace(t.find(from), from.size(), to);
        return message_of<InputError>([&] { parse_scenario(t, french("x.toml")); });
    };
    CHECK(test::contains(with("decimal = \",\"", "decimal = \";\""),
                         "key 'sites.decimal' must be \".\" or \",\""));
    CHECK(test::contains(with("encoding = \"windows-1252\"", "encoding = \"klingon-7\""),
                         "key 'sites.encoding' is not an encoding this system knows: \"klingon-7\""));
    CHECK(test::contains(with("as_of = \"01/07/2021\"", "as_of = \"31/06/2021\""),
                         "key 'scenario.as_of' is not a valid date: \"31/06/2021\": day 31 does not exist in 2021-06"));
}

TEST_CASE("french input: decimal and encoding on a layer that is not CSV are refused, not ignored") {
    geo::LayerSpec spec;
    spec.path = tiny("communes.geojson");
    spec.decimal = ',';
    geo::ReadOptions ro;
    ro.fields = {"code"};
    CHECK(message_of<InputError>([&] { geo::read_layer(spec, ro); }) ==
          tiny("communes.geojson") + ": decimal and encoding apply to CSV layers only, this one is GeoJSON (for a "
                                     "shapefile, put the encoding in a .cpg file beside it)");
}
