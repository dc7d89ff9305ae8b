#pragma once
/// Parser of the opening-hours texts of the ANCT France Services list
/// (fields h_lundi ... h_samedi, h_dimanche if present) and of the visit
/// times of schedules. Strict: a text is read only when it has one honest
/// reading; anything else is rejected with a message carrying the text.
///
/// Accepted (one day's text):
///   ""  or only spaces, or "-"          closed that day
///   "09:00 - 12:30"                      one interval
///   "09:00 - 12:30 / 14:00 - 17:15"      several intervals separated by "/"
/// where a time is H:MM or HH:MM (also HhMM, HHhMM, Hh, HHh, with h or H),
/// 00:00 <= start < end <= 24:00, and spaces around "-" and "/" are optional.
/// Intervals may be given in any order; touching ones ("09:00 - 12:00 /
/// 12:00 - 14:00") merge; reversed, empty or overlapping ones are errors.
///
/// Variants seen in the real data (../shared/data/raw/france-services):
///   - liste-fs-20240801-dep35.csv (31 sites, 186 day fields) and
///     liste-fs-20240801-neighbours-within40km.csv (70 sites, 420 fields):
///     every non-empty text is exactly "HH:MM - HH:MM" joined by " / "
///     (1 or 2 intervals), empty = closed; nothing else occurs
///     (155 + 343 parsed, 31 + 77 closed, 0 rejected).
///   - france_services-20201012-dep35.geojson (ANCT 2020, 14 sites): also
///     single-digit hours "9:00 - 12:00", a trailing space "9:15 - 12:00 ",
///     "-" for a closed day, and "Horaires non communiqués" (hours not
///     published) on every day of 3 sites (215, 580 the Roche aux Fées bus,
///     851), which is rejected: unknown is not closed (84 fields: 59 parsed,
///     7 closed, 18 rejected).
///   - The "h" forms ("9h00-12h00", "9h-12h") do not occur in these fields
///     (only in free-text comments) but have one reading and are accepted.

#include "model/week.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace maillage {

struct Site;

/// Day index 0 = Monday ... 6 = Sunday from a French or English weekday
/// name ("mardi", "Tuesday"), ASCII case-insensitive. nullopt otherwise.
std::optional<int> parse_weekday(std::string_view name);

/// French weekday name of day index 0..6 ("lundi" ... "dimanche").
std::string_view weekday_name_fr(int day);

/// ANCT field holding the hours of day index 0..6 ("h_lundi" ... "h_dimanche").
std::string_view anct_hours_field(int day);

/// Parses one day's text into intervals of minutes within that day, sorted,
/// merged, inside [0, 1440]. Empty for a closed day.
/// Throws InputError: `opening hours "17:00 - 09:00": interval ends before
/// it starts (expected start - end within one day)`; the caller adds the
/// file, line or site id.
std::vector<MinuteInterval> parse_day_hours(std::string_view text);

/// Parses the texts of up to 7 days, index 0 = Monday (missing days are
/// closed), into one WeeklyHours. Throws InputError at the first bad day,
/// naming its ANCT field and the text.
WeeklyHours parse_weekly_hours(std::span<const std::string_view> day_texts);

/// One day text that did not parse.
struct HoursProblem {
    int day = 0;          ///< 0 = Monday
    std::string text;     ///< the text as found
    std::string message;  ///< why, naming the field and quoting the text
};

/// Result of try_parse_weekly_hours: hours only if every day parsed.
struct HoursParse {
    std::optional<WeeklyHours> hours;
    std::vector<HoursProblem> problems;
};

/// Like parse_weekly_hours but never throws for bad text: every bad day is
/// listed (so a reader can report them all with the site id) and `hours` is
/// empty as soon as one day is bad, since partial hours would be a guess.
HoursParse try_parse_weekly_hours(std::span<const std::string_view> day_texts);

/// Parses the opening-hours texts of a site read from a sites layer
/// (`site.hours`) into `site.weekly_hours`, and lists every day text not
/// understood in `site.hours_problems` as `WHERE: site "ID" NAME: opening
/// hours not understood: FIELD: ... (hours left unknown, not guessed)`.
/// Replaces what a previous call set. Never throws for bad text.
void parse_site_hours(Site& site);

} // namespace maillage
