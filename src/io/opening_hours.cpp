#include "io/opening_hours.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "model/territory.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace maillage {

namespace {

constexpr std::array<std::string_view, kDaysPerWeek> kFrench{
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
constexpr std::array<std::string_view, kDaysPerWeek> kEnglish{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, kDaysPerWeek> kFields{
    "h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi", "h_dimanche"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

[[noreturn]] void fail(std::string_view text, std::string_view what) {
    throw InputError("opening hours " + quoted(text) + ": " + std::string(what));
}

// A time of day: H:MM, HH:MM, HhMM, HHhMM, Hh, HHh. Returns minutes since
// midnight (up to 1440 for 24:00), nullopt if the token is not such a time.
std::optional<int> parse_time(std::string_view token) {
    std::size_t i = 0;
    int hours = 0;
    while (i < token.size() && is_digit(token[i]) && i < 2) hours = hours * 10 + (token[i++] - '0');
    if (i == 0 || i == token.size()) return std::nullopt;
    const char sep = token[i++];
    if (sep != ':' && sep != 'h' && sep != 'H') return std::nullopt;
    int minutes = 0;
    if (i == token.size()) {
        if (sep == ':') return std::nullopt;  // "9:" has no minutes
    } else {
        if (token.size() - i != 2 || !is_digit(token[i]) || !is_digit(token[i + 1]))
            return std::nullopt;
        minutes = (token[i] - '0') * 10 + (token[i + 1] - '0');
    }
    if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
    return hours * 60 + minutes;
}

std::string fmt_time(int minutes) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

} // namespace

std::optional<int> parse_weekday(std::string_view name) {
    name = trim(name);
    for (int d = 0; d < kDaysPerWeek; ++d) {
        if (iequals(name, kFrench[static_cast<std::size_t>(d)]) ||
            iequals(name, kEnglish[static_cast<std::size_t>(d)]))
            return d;
    }
    return std::nullopt;
}

std::string_view weekday_name_fr(int day) { return kFrench.at(static_cast<std::size_t>(day)); }

std::string_view anct_hours_field(int day) { return kFields.at(static_cast<std::size_t>(day)); }

std::vector<MinuteInterval> parse_day_hours(std::string_view text) {
    const auto body = trim(text);
    if (body.empty() || body == "-") return {};
    if (iequals(body, "Horaires non communiqués") || iequals(body, "Horaires non communiques"))
        fail(text, "hours not communicated in the source (unknown, not closed)");

    std::vector<MinuteInterval> intervals;
    for (const auto piece_raw : split(body, '/')) {
        const auto piece = trim(piece_raw);
        if (piece.empty())
            fail(text, "empty interval around \"/\" (expected HH:MM - HH:MM / HH:MM - HH:MM)");
        const auto ends = split(piece, '-');
        if (ends.size() != 2)
            fail(text, quoted(piece) + " is not one start - end interval (expected HH:MM - HH:MM)");
        const auto start = parse_time(trim(ends[0]));
        const auto end = parse_time(trim(ends[1]));
        if (!start || !end)
            fail(text, quoted(piece) + " has a time that is not HH:MM between 00:00 and 24:00");
        if (*start >= *end)
            fail(text, "interval " + fmt_time(*start) + " - " + fmt_time(*end) +
                           (*start == *end ? " is empty" : " ends before it starts") +
                           " (expected start - end within one day)");
        intervals.push_back({*start, *end});
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const auto& a, const auto& b) { return a.start_min < b.start_min; });
    std::vector<MinuteInterval> merged;
    for (const auto& iv : intervals) {
        if (!merged.empty() && iv.start_min < merged.back().end_min)
            fail(text, "intervals " + fmt_time(merged.back().start_min) + " - " +
                           fmt_time(merged.back().end_min) + " and " + fmt_time(iv.start_min) +
                           " - " + fmt_time(iv.end_min) + " overlap");
        if (!merged.empty() && iv.start_min == merged.back().end_min)
            merged.back().end_min = iv.end_min;  // touching: one opening
        else
            merged.push_back(iv);
    }
    return merged;
}

WeeklyHours parse_weekly_hours(std::span<const std::string_view> day_texts) {
    if (day_texts.size() > static_cast<std::size_t>(kDaysPerWeek))
        throw InputError("opening hours: more than 7 day fields given");
    std::vector<MinuteInterval> week;
    for (std::size_t d = 0; d < day_texts.size(); ++d) {
        std::vector<MinuteInterval> day;
        try {
            day = parse_day_hours(day_texts[d]);
        } catch (const InputError& e) {
            throw InputError(std::string(kFields[d]) + ": " + e.what());
        }
        const int offset = static_cast<int>(d) * kMinutesPerDay;
        for (const auto& iv : day) week.push_back({iv.start_min + offset, iv.end_min + offset});
    }
    // Days may touch at midnight (open until 24:00, then from 00:00): merged.
    return normalized(std::move(week));
}

HoursParse try_parse_weekly_hours(std::span<const std::string_view> day_texts) {
    HoursParse out;
    for (std::size_t d = 0; d < day_texts.size() && d < kFields.size(); ++d) {
        try {
            (void)parse_day_hours(day_texts[d]);
        } catch (const InputError& e) {
            out.problems.push_back({static_cast<int>(d), std::string(day_texts[d]),
                                    std::string(kFields[d]) + ": " + e.what()});
        }
    }
    if (day_texts.size() > kFields.size())
        out.problems.push_back({kDaysPerWeek, "", "opening hours: more than 7 day fields given"});
    if (out.problems.empty()) out.hours = parse_weekly_hours(day_texts);
    return out;
}

void parse_site_hours(Site& site) {
    site.weekly_hours.reset();
    site.hours_problems.clear();
    if (site.hours.empty()) return;
    const std::vector<std::string_view> days(site.hours.begin(), site.hours.end());
    auto parsed = try_parse_weekly_hours(days);
    for (const auto& p : parsed.problems)
        site.hours_problems.push_back(site.where + ": site " + quote(site.id) + " " + site.name +
                                      ": opening hours not understood: " + p.message +
                                      " (hours left unknown, not guessed)");
    site.weekly_hours = std::move(parsed.hours);
}

} // namespace maillage
