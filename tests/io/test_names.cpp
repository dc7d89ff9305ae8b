// Current names replacing the boundary layers' old ones: [composition]
// name_field for communes, [canton_names] for cantons. Fixtures in
// tests/data/names/ (the tiny territory, see names.toml).

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "io/scenario.hpp"
#include "io/territory_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace maillage;
using maillage::test::message_of;

namespace {

std::string names(const std::string& file) { return test::source_path("tests/data/names/" + file); }

const Canton& canton(const Territory& t, const std::string& code) {
    const auto it = std::find_if(t.cantons.begin(), t.cantons.end(), [&](const Canton& c) { return c.code == code; });
    REQUIRE(it != t.cantons.end());
    return *it;
}

const Commune& commune(const Territory& t, const std::string& code) {
    const auto it = std::find_if(t.communes.begin(), t.communes.end(), [&](const Commune& c) { return c.code == code; });
    REQUIRE(it != t.communes.end());
    return *it;
}

bool has_note(const LoadReport& r, const std::string& text) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("names: the scenario keys are read") {
    const auto s = load_scenario(names("names.toml"));
    REQUIRE(s.composition);
    CHECK(s.composition->name_field == "LIBELLE");
    REQUIRE(s.canton_names);
    CHECK(s.canton_names->layer.path == names("canton-names.csv"));
    CHECK(s.canton_names->code_field == "canton_code");
    CHECK(s.canton_names->name_field == "canton_nom");
    CHECK(s.canton_names->ignore_codes == std::vector<std::string>{"3599"});
    CHECK_FALSE(s.canton_names->filter);
    // Without the keys nothing changes.
    const auto base = load_scenario(test::tiny("tiny.toml"));
    CHECK(base.composition->name_field.empty());
    CHECK_FALSE(base.canton_names);
}

TEST_CASE("names: table names replace the layers' names; gaps keep the layer's and are counted") {
    LoadReport report;
    LoadOptions strict;
    strict.strict = true; // unnamed and unknown codes are notes, not problems
    const auto t = load_territory(load_scenario(names("names.toml")), report, strict);
    CHECK(report.problems.empty());

    CHECK(commune(t, "35001").name == "L'Alpha-sur-Mer");
    CHECK(commune(t, "35002").name == "Bêta"); // UTF-8 kept as is
    CHECK(commune(t, "35003").name == "Gamma"); // empty LIBELLE: the layer's name
    CHECK(report.commune_names_set == 2);
    CHECK(report.commune_names_missing == 1);
    CHECK(has_note(report, "for 1 commune(s), the commune layer's name kept: 35003 Gamma"));

    CHECK(canton(t, "3501").name == "Le Val-d'Ouest"); // named twice alike: fine
    CHECK(canton(t, "3502").name == "Est");            // not in the table: the layer's name
    CHECK(report.canton_names_set == 1);
    CHECK(report.canton_names_missing == 1);
    CHECK(report.canton_names_unknown == 1); // 3577; 3599 is ignored
    CHECK(has_note(report, "canton-names.csv: 1 canton code(s) not in the canton layer, ignored: 3577"));
    CHECK(has_note(report, "canton-names.csv: no name for 1 canton(s), the canton layer's name kept: 3502 Est"));

    // Everything else is as in the tiny territory without names.
    LoadReport base_report;
    const auto base = load_territory(load_scenario(test::tiny("tiny.toml")), base_report);
    REQUIRE(base.communes.size() == t.communes.size());
    for (std::size_t i = 0; i < t.communes.size(); ++i) {
        CHECK(base.communes[i].code == t.communes[i].code);
        CHECK(base.communes[i].cantons == t.communes[i].cantons);
        CHECK(base.communes[i].population == t.communes[i].population);
    }
    REQUIRE(base.cantons.size() == t.cantons.size());
    for (std::size_t i = 0; i < t.cantons.size(); ++i) CHECK(base.cantons[i].code == t.cantons[i].code);
}

TEST_CASE("names: one canton code with two names is an error naming the file and both lines") {
    const auto path = names("names-conflict.toml");
    const auto msg = message_of<InputError>([&] {
        LoadReport report;
        load_territory(load_scenario(path), report);
    });
    const auto csv = names("canton-names-conflict.csv");
    CHECK(msg == csv + ": line 4: canton \"3501\" is named \"Le Val-d'Ouest\" here but \"Ouest\" at " + csv + ": line 2");
}

TEST_CASE("names: an unknown key of [canton_names] is an error naming key, line and file") {
    const auto path = names("names-unknown-key.toml");
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    CHECK(msg == path + ": line 32: unknown key 'canton_names.name_feild' (did you mean 'name_field'?)");
}

TEST_CASE("names: maillage check counts the names joined and the gaps") {
    const auto r = test::run_cli({"check", names("names.toml")});
    CHECK(r.exit_code == 0);
    CHECK_CONTAINS(r.out, "Canton names: 1 from the name table; 1 not in it (layer name kept), 1 unknown codes in it\n");
    CHECK_CONTAINS(r.out, "Commune names: 2 from the composition table; 1 not in it (layer name kept)\n");
    const auto cantons = test::run_cli({"cantons", names("names.toml"), "--format", "csv"});
    CHECK(cantons.exit_code == 0);
    CHECK_CONTAINS(cantons.out, "\n3501,Le Val-d'Ouest,");
    CHECK_CONTAINS(cantons.out, "\n3502,Est,");
}
