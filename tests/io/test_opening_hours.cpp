#include "core/error.hpp"
#include "io/opening_hours.hpp"
#include "model/week.hpp"
#include "../support/raw_data.hpp"

#include <cstdio>

#include <doctest/doctest.h>
#include <gdal.h>
#include <ogr_api.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace maillage;
using maillage::test::raw_data_dir;

namespace {

constexpr int kMon = 0, kTue = 1, kFri = 4, kSat = 5;

int at(int day, int h, int m = 0) { return day * kMinutesPerDay + h * 60 + m; }

// Message of the InputError `f` throws; fails the test if it throws nothing.
template <typename F> std::string error_of(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("expected an InputError");
    return {};
}

// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.
std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted_field = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted_field) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted_field = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted_field = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

struct Tally {
    int fields = 0;
    int closed = 0;
    int parsed = 0;  // non-empty texts that parsed
    std::vector<std::string> unparsed;
};

// Parses the h_* texts of one site like a reader would, and checks that
// every text that does not parse is reported by try_parse_weekly_hours with
// its text and its field name.
void check_site(const std::array<std::string, kDaysPerWeek>& texts, int days, Tally& tally) {
    std::vector<std::string_view> views(texts.begin(), texts.begin() + days);
    const auto result = try_parse_weekly_hours(views);
    std::set<int> reported;
    for (const auto& p : result.problems) {
        reported.insert(p.day);
        CHECK(p.text == texts[static_cast<std::size_t>(p.day)]);
        CHECK(p.message.find(std::string(anct_hours_field(p.day))) != std::string::npos);
        CHECK(p.message.find(p.text) != std::string::npos);
    }
    for (int d = 0; d < days; ++d) {
        ++tally.fields;
        const auto& text = texts[static_cast<std::size_t>(d)];
        try {
            const auto iv = parse_day_hours(text);
            (iv.empty() ? tally.closed : tally.parsed) += 1;
            CHECK(reported.count(d) == 0);
        } catch (const InputError&) {
            tally.unparsed.push_back(text);
            CHECK_MESSAGE(reported.count(d) == 1, "unparsed text not reported: " << text);
        }
    }
    CHECK(result.hours.has_value() == result.problems.empty());
}

} // namespace

TEST_CASE("opening hours: the ANCT form, one and two intervals") {
    CHECK(parse_day_hours("09:00 - 12:30 / 14:00 - 17:15") ==
          std::vector<MinuteInterval>{{540, 750}, {840, 1035}});
    CHECK(parse_day_hours("14:00 - 19:15") == std::vector<MinuteInterval>{{840, 1155}});
    CHECK(parse_day_hours("08:30 - 12:30") == std::vector<MinuteInterval>{{510, 750}});
    CHECK(parse_day_hours("").empty());
    CHECK(parse_day_hours("   ").empty());
    CHECK(parse_day_hours("-").empty());
}

TEST_CASE("opening hours: spacing, single-digit and h variants read the same") {
    const std::vector<MinuteInterval> expected{{540, 720}, {840, 1020}};
    for (const char* text :
         {"09:00 - 12:00 / 14:00 - 17:00", "9:00 - 12:00 / 14:00 - 17:00", "09:00-12:00/14:00-17:00",
          " 09:00 - 12:00 / 14:00 - 17:00 ", "9h00-12h00 / 14h00-17h00", "9h-12h / 14h-17h",
          "9H00 - 12H00 / 14H - 17H", "14:00 - 17:00 / 09:00 - 12:00"}) {
        CAPTURE(text);
        CHECK(parse_day_hours(text) == expected);
    }
    CHECK(parse_day_hours("9:15 - 12:00 ") == std::vector<MinuteInterval>{{555, 720}});
    CHECK(parse_day_hours("18:00 - 24:00") == std::vector<MinuteInterval>{{1080, 1440}});
}

TEST_CASE("opening hours: touching intervals merge into one opening") {
    CHECK(parse_day_hours("09:00 - 12:00 / 12:00 - 14:00") == std::vector<MinuteInterval>{{540, 840}});
}

TEST_CASE("opening hours: reversed, empty, overlapping and unknown texts are rejected with the text") {
    const auto reversed = error_of([] { parse_day_hours("17:00 - 09:00"); });
    CHECK(reversed.find("\"17:00 - 09:00\"") != std::string::npos);
    CHECK(reversed.find("ends before it starts") != std::string::npos);
    CHECK(error_of([] { parse_day_hours("09:00 - 09:00"); }).find("is empty") != std::string::npos);
    const auto overlap = error_of([] { parse_day_hours("09:00 - 12:30 / 12:00 - 17:00"); });
    CHECK(overlap.find("overlap") != std::string::npos);
    CHECK(overlap.find("\"09:00 - 12:30 / 12:00 - 17:00\"") != std::string::npos);
    const auto unknown = error_of([] { parse_day_hours("Horaires non communiqués"); });
    CHECK(unknown.find("not communicated") != std::string::npos);
    CHECK(unknown.find("\"Horaires non communiqués\"") != std::string::npos);
    for (const char* text :
         {"09:00", "09:00 - ", "9 - 12", "09:00 - 12:00 /", "09.00 - 12.00", "09:00 – 12:00",
          "25:00 - 26:00", "09:60 - 10:00", "24:00 - 24:30", "09:00 - 12:00 - 14:00", "sur RDV",
          "fermé", "9:0 - 12:00", "123:00 - 124:00", "09:00 à 12:00"}) {
        CAPTURE(text);
        const auto msg = error_of([&] { parse_day_hours(text); });
        CHECK(msg.find(text) != std::string::npos);
    }
}

TEST_CASE("opening hours: a week of ANCT fields") {
    // Site 212 of the 2024 list, as printed there.
    const std::array<std::string_view, 6> texts{
        "09:00 - 12:30 / 14:00 - 17:15", "14:00 - 19:15", "09:00 - 12:30 / 14:00 - 17:15",
        "14:00 - 17:15", "09:00 - 12:30 / 14:00 - 17:15", ""};
    const auto week = parse_weekly_hours(texts);
    CHECK(is_normalized(week));
    // By hand: 3 x 6h45 + 5h15 + 3h15 = 28h45.
    CHECK(total_minutes(week) == 28 * 60 + 45);
    // By hand: Friday 17:15 to Monday 09:00 = 6h45 + 48h + 9h.
    CHECK(longest_wait_min(week) == 63 * 60 + 45);
    CHECK(week.intervals.front() == MinuteInterval{at(kMon, 9), at(kMon, 12, 30)});
    CHECK(week.intervals[2] == MinuteInterval{at(kTue, 14), at(kTue, 19, 15)});
    CHECK(week.intervals.back() == MinuteInterval{at(kFri, 14), at(kFri, 17, 15)});

    const std::array<std::string_view, 6> bad{"09:00 - 12:00", "17:00 - 09:00", "", "", "", "x"};
    const auto msg = error_of([&] { parse_weekly_hours(bad); });
    CHECK(msg.find("h_mardi") != std::string::npos);
    CHECK(msg.find("17:00 - 09:00") != std::string::npos);
    const auto result = try_parse_weekly_hours(bad);
    CHECK_FALSE(result.hours);
    REQUIRE(result.problems.size() == 2);
    CHECK(result.problems[0].day == kTue);
    CHECK(result.problems[1].day == kSat);
    CHECK(result.problems[1].message.find("h_samedi") != std::string::npos);
}

TEST_CASE("weekdays in French and English") {
    CHECK(parse_weekday("lundi") == 0);
    CHECK(parse_weekday("Mardi") == 1);
    CHECK(parse_weekday("SUNDAY") == 6);
    CHECK(parse_weekday("dimanche") == 6);
    CHECK(parse_weekday("friday") == 4);
    CHECK_FALSE(parse_weekday("lun"));
    CHECK_FALSE(parse_weekday("mardii"));
    CHECK_FALSE(parse_weekday(""));
    CHECK(weekday_name_fr(2) == "mercredi");
    CHECK(anct_hours_field(5) == "h_samedi");
}

TEST_CASE("opening hours: every text of the real 2024 lists") {
    const auto dir = raw_data_dir();
    if (dir.empty()) {
        std::printf("[maillage-skip] no ../shared/data/raw/france-services (set MAILLAGE_DATA)\n");
        return;
    }
    for (const char* name :
         {"liste-fs-20240801-dep35.csv", "liste-fs-20240801-neighbours-within40km.csv"}) {
        CAPTURE(name);
        const auto rows = read_csv(dir / "france-services" / name);
        REQUIRE(rows.size() > 1);
        std::vector<int> columns;
        for (int d = 0; d < kDaysPerWeek; ++d) {
            const auto& header = rows.front();
            for (std::size_t c = 0; c < header.size(); ++c)
                if (header[c] == anct_hours_field(d)) columns.push_back(static_cast<int>(c));
        }
        REQUIRE(columns.size() >= 6);  // h_lundi ... h_samedi, h_dimanche optional
        Tally tally;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            REQUIRE(rows[r].size() == rows.front().size());
            std::array<std::string, kDaysPerWeek> texts;
            for (std::size_t d = 0; d < columns.size(); ++d)
                texts[d] = rows[r][static_cast<std::size_t>(columns[d])];
            check_site(texts, static_cast<int>(columns.size()), tally);
        }
        MESSAGE(std::string(name) << ": " << tally.fields << " day fields, " << tally.parsed << " parsed, "
                     << tally.closed << " closed, " << tally.unparsed.size() << " unparsed");
        CHECK(tally.fields == static_cast<int>((rows.size() - 1) * columns.size()));
        CHECK(tally.parsed > 0);
        // Every text of the 2024 list has one honest reading.
        for (const auto& text : tally.unparsed) FAIL_CHECK("unparsed: " << text);
    }
}

TEST_CASE("opening hours: the 2020 ANCT snapshot, with its '-', '9:00' and unknown hours") {
    const auto dir = raw_data_dir();
    const auto path = dir / "france-services" / "france_services-20201012-dep35.geojson";
    if (dir.empty() || !std::filesystem::exists(path)) {
        std::printf("[maillage-skip] no france_services-20201012-dep35.geojson (set MAILLAGE_DATA)\n");
        return;
    }
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr,
                                 nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    REQUIRE(layer != nullptr);
    Tally tally;
    std::set<std::string> unknown_sites;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        std::array<std::string, kDaysPerWeek> texts;
        int days = 0;
        for (int d = 0; d < 6; ++d) {
            const int idx = OGR_F_GetFieldIndex(f, std::string(anct_hours_field(d)).c_str());
            REQUIRE(idx >= 0);
            texts[static_cast<std::size_t>(d)] =
                OGR_F_IsFieldSetAndNotNull(f, idx) ? OGR_F_GetFieldAsString(f, idx) : "";
            days = d + 1;
        }
        const auto before = tally.unparsed.size();
        check_site(texts, days, tally);
        if (tally.unparsed.size() != before) {
            const int id = OGR_F_GetFieldIndex(f, "MATRICULE");
            unknown_sites.insert(id >= 0 ? OGR_F_GetFieldAsString(f, id) : "?");
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    MESSAGE("2020 snapshot: " << tally.fields << " day fields, " << tally.parsed << " parsed, "
                              << tally.closed << " closed, " << tally.unparsed.size()
                              << " unparsed, sites with unparsed hours: " << unknown_sites.size());
    CHECK(tally.parsed > 0);
    CHECK(tally.closed > 0);  // the '-' days
    // The only texts without an honest reading are "hours not communicated".
    for (const auto& text : tally.unparsed) CHECK(text == "Horaires non communiqués");
}
