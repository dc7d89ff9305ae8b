#pragma once
/// Calendar dates as plain integers (days since 1970-01-01), with strict
/// parsing of the formats found in French administrative files.

#include <optional>
#include <string>
#include <string_view>

namespace maillage {

/// A calendar date; ordered, comparable, printable as YYYY-MM-DD.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    friend auto operator<=>(const Date&, const Date&) = default;
    /// ISO 8601 text, e.g. "2021-07-01".
    std::string iso() const;
};

/// Parses "YYYY-MM-DD" exactly; nullopt if malformed or not a real date.
std::optional<Date> parse_iso_date(std::string_view text);

/// A date typed by a person: "YYYY-MM-DD" or the French "DD/MM/YYYY" (day
/// first, two-digit day and month, four-digit year). Either the date, or in
/// `why` what is wrong in words ("month 13 does not exist", "year must have
/// four digits") and nullopt. Never guesses: "1/7/21" and "07-01-2021" are
/// refused, not read as some date.
std::optional<Date> parse_user_date(std::string_view text, std::string* why = nullptr);

/// The formats parse_user_date accepts, for messages.
inline constexpr const char* kUserDateFormats = "YYYY-MM-DD or DD/MM/YYYY, e.g. 2021-07-01 or 01/07/2021";

/// Finds the first date written with `format` inside `text` ("DD/MM/YYYY",
/// "YYYY-MM-DD", "DD-MM-YYYY" or "YYYY/MM/DD"), e.g. in
/// "Espace labellisé 01/10/2021". nullopt if none or not a real date.
/// Throws UsageError on an unsupported format string.
std::optional<Date> find_date(std::string_view text, std::string_view format);

/// True if the format string is one find_date understands.
bool is_supported_date_format(std::string_view format);

} // namespace maillage
