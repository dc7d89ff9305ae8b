#include "core/error.hpp"
#include "core/text.hpp"
#include "io/opening_hours.hpp"
#include "io/schedule_reader.hpp"
#include "../support/raw_data.hpp"

#include <cstdio>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

using namespace maillage;

namespace {

const std::filesystem::path kSource(MAILLAGE_SOURCE_DIR);

int at(int day, int h, int m = 0) { return day * kMinutesPerDay + h * 60 + m; }

// 1-based line of the fixture marked "# <- error".
int marked_line(const std::filesystem::path& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line.find("# <- error") != std::string::npos) return n;
    FAIL("no '# <- error' marker in " << path);
    return 0;
}

bool in_territory(std::string_view code) { return code == "A" || code == "B" || code == "C"; }

// Reads (and validates against communes A, B, C) a bad fixture; checks that
// an InputError names the file and the marked line, and returns its message.
std::string bad_schedule_error(const char* name) {
    const auto path = kSource / "tests" / "data" / "bad" / "schedules" / name;
    const int line = marked_line(path);
    std::string message;
    try {
        const auto schedule = read_schedule(path.string());
        validate_schedule(schedule, in_territory);
    } catch (const InputError& e) {
        message = e.what();
    }
    CAPTURE(message);
    REQUIRE_MESSAGE(!message.empty(), name << " was accepted");
    CHECK(message.find(path.string() + ": line " + std::to_string(line) + ":") == 0);
    return message;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("schedule: the multi-site fixture reads into plain structs") {
    const auto path = (kSource / "tests" / "data" / "schedules" / "multi-site-example.toml").string();
    const auto s = read_schedule(path);
    CHECK(s.source == path);
    REQUIRE(s.routes.size() == 2);
    const auto& ms = s.routes[0];
    CHECK(ms.id == "ms-ab");
    CHECK(ms.kind == RouteKind::multi_site);
    CHECK(to_string(ms.kind) == "multi-site");
    CHECK(ms.site_id == "9001");
    CHECK(ms.hypothesis);
    CHECK(ms.line == 6);
    REQUIRE(ms.stops.size() == 2);
    const auto& a = ms.stops[0];
    CHECK(a.name == "Town A");
    CHECK(a.commune == "A");
    CHECK_FALSE(a.lonlat);
    CHECK(a.line == 14);
    CHECK(a.visits.intervals == std::vector<MinuteInterval>{{at(0, 9), at(0, 12, 30)},
                                                            {at(0, 14), at(0, 17)},
                                                            {at(2, 9), at(2, 12, 30)}});
    const auto& b = ms.stops[1];
    REQUIRE(b.lonlat);
    CHECK(b.lonlat->lon == doctest::Approx(-1.5));
    CHECK(b.lonlat->lat == doctest::Approx(48.0));
    // Thursday 14:00-17:00 and 17:00-18:00 touch: one stay until 18:00.
    CHECK(b.visits.intervals == std::vector<MinuteInterval>{{at(1, 9), at(1, 12, 30)},
                                                            {at(3, 9), at(3, 12, 30)},
                                                            {at(3, 14), at(3, 18)}});
    // The office is open 3.5+3+3.5 h in A and 3.5+3.5+4 h in B.
    CHECK(total_minutes(route_hours(ms)) == 21 * 60);
    const auto& bus = s.routes[1];
    CHECK(bus.kind == RouteKind::bus);
    CHECK_FALSE(bus.hypothesis);
    CHECK(bus.site_id.empty());
    CHECK_NOTHROW(validate_schedule(s, in_territory));
}

TEST_CASE("schedule: the Roche aux Fées hypothesis is marked, valid and over real communes") {
    const auto path = (kSource / "data" / "schedules" / "bus-roche-aux-fees-hypothesis.toml").string();
    const auto s = read_schedule(path);
    REQUIRE(s.routes.size() == 1);
    const auto& r = s.routes[0];
    CHECK(r.hypothesis);
    CHECK(r.site_id == "580");
    CHECK(r.kind == RouteKind::bus);
    CHECK(contains(r.note, "not official"));
    CHECK(r.stops.size() >= 5);
    std::set<std::string> communes;
    for (const auto& stop : r.stops) communes.insert(stop.commune);
    CHECK(communes.count("35239") == 1);  // the depot, Retiers

    const auto raw = test::raw_data_dir();
    const auto cog = raw / "cog" / "insee-cog2022-commune-dep35.csv";
    if (raw.empty() || !std::filesystem::exists(cog)) {
        std::printf("[maillage-skip] commune check: no ../shared/data/raw/cog (set MAILLAGE_DATA)\n");
        return;
    }
    // Stop names begin with the commune's official name (column LIBELLE).
    std::ifstream in(cog);
    std::string line;
    std::map<std::string, std::string> names;
    while (std::getline(in, line)) {
        const auto fields = split(line, ',');
        if (fields.size() > 9 && fields[0] == "COM") names[std::string(fields[1])] = std::string(fields[9]);
    }
    REQUIRE(names.size() > 300);
    CHECK_NOTHROW(validate_schedule(s, [&](std::string_view c) { return names.count(std::string(c)) > 0; }));
    for (const auto& stop : r.stops) {
        CAPTURE(stop.name);
        REQUIRE(names.count(stop.commune) == 1);
        CHECK(stop.name.rfind(names[stop.commune], 0) == 0);
    }
}

TEST_CASE("schedule: parse_schedule from memory, English weekdays and h times") {
    const auto s = parse_schedule(R"([[route]]
id = "x"
name = "X"
kind = "itinerant"
[[route.stop]]
name = "S"
commune = "35001"
visits = ["Sunday 9h-12h", "monday 23:00-24:00"]
[[route.stop]]
name = "T"
commune = "35002"
visits = ["dimanche 10:00-11:00"]
)",
                                  "memory.toml");
    REQUIRE(s.routes.size() == 1);
    CHECK(s.routes[0].kind == RouteKind::itinerant);
    CHECK(s.routes[0].stops[0].visits.intervals ==
          std::vector<MinuteInterval>{{at(0, 23), at(1, 0)}, {at(6, 9), at(6, 12)}});
    // Itinerant services may run two teams: overlapping stops are allowed.
    CHECK(total_minutes(route_hours(s.routes[0])) == 4 * 60);
}

TEST_CASE("schedule: an empty file or a missing file is an error naming it") {
    const auto empty = [] { parse_schedule("# nothing\n", "empty.toml"); };
    CHECK_THROWS_WITH_AS(empty(), doctest::Contains("empty.toml"), InputError);
    CHECK_THROWS_WITH_AS(read_schedule("/nonexistent/schedule.toml"),
                         doctest::Contains("/nonexistent/schedule.toml"), InputError);
}

TEST_CASE("bad schedule: unknown commune") {
    const auto m = bad_schedule_error("unknown-commune.toml");
    CHECK(contains(m, "\"ZZZZZ\""));
    CHECK(contains(m, "stop \"Nowhere\""));
    CHECK(contains(m, "commune"));
}

TEST_CASE("bad schedule: overlapping times within a stop") {
    const auto m = bad_schedule_error("overlapping-times.toml");
    CHECK(contains(m, "overlap"));
    CHECK(contains(m, "lundi 11:00-13:00"));
    CHECK(contains(m, "key \"visits\""));
}

TEST_CASE("bad schedule: reversed times") {
    const auto m = bad_schedule_error("reversed-times.toml");
    CHECK(contains(m, "ends before it starts"));
    CHECK(contains(m, "visits[1]"));
}

TEST_CASE("bad schedule: unknown weekday") {
    const auto m = bad_schedule_error("unknown-weekday.toml");
    CHECK(contains(m, "\"mardy\" is not a weekday"));
}

TEST_CASE("bad schedule: unknown key") {
    const auto m = bad_schedule_error("unknown-key.toml");
    CHECK(contains(m, "unknown key \"visit\""));
}

TEST_CASE("bad schedule: lon without lat") {
    CHECK(contains(bad_schedule_error("lon-without-lat.toml"), "\"lon\" without \"lat\""));
}

TEST_CASE("bad schedule: missing required key") {
    CHECK(contains(bad_schedule_error("missing-visits.toml"), "missing required key \"visits\""));
}

TEST_CASE("bad schedule: one bus at two stops at once") {
    const auto m = bad_schedule_error("bus-two-places.toml");
    CHECK(contains(m, "one bus, two stops"));
}

TEST_CASE("bad schedule: commune code written as a number") {
    CHECK(contains(bad_schedule_error("commune-as-number.toml"), "expected a string"));
}

TEST_CASE("bad schedule: unknown kind") {
    CHECK(contains(bad_schedule_error("unknown-kind.toml"), "\"tram\" is not a route kind"));
}

TEST_CASE("bad schedule: duplicate route id") {
    CHECK(contains(bad_schedule_error("duplicate-route-id.toml"), "duplicate route id"));
}

TEST_CASE("bad schedule: invalid TOML") {
    CHECK(contains(bad_schedule_error("invalid-toml.toml"), "not valid TOML"));
}

TEST_CASE("schedule: [route] written with single brackets names its line") {
    CHECK_THROWS_WITH_AS(parse_schedule("\n[route]\nid = \"x\"\n", "single.toml"),
                         doctest::Contains("single.toml: line 2: key \"route\": expected [[route]]"),
                         InputError);
}
