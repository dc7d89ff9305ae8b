#include "core/date.hpp"

#include "core/error.hpp"

#include <array>
#include <cstdio>

namespace maillage {

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool is_valid(const Date& d) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1000 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    int days = kDays[static_cast<std::size_t>(d.month - 1)];
    if (d.month == 2 && is_leap(d.year)) days = 29;
    return d.day <= days;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Matches a format made of D, M, Y letters and literal separators at `pos`.
std::optional<Date> match_at(std::string_view text, std::size_t pos, std::string_view format) {
    if (pos + format.size() > text.size()) return std::nullopt;
    Date d{0, 0, 0};
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char f = format[i];
        const char c = text[pos + i];
        int* field = f == 'D' ? &d.day : f == 'M' ? &d.month : f == 'Y' ? &d.year : nullptr;
        if (field) {
            if (!is_digit(c)) return std::nullopt;
            *field = *field * 10 + (c - '0');
        } else if (c != f) {
            return std::nullopt;
        }
    }
    // A date glued to more digits ("101/10/2021") is not a date.
    if (pos > 0 && is_digit(text[pos - 1])) return std::nullopt;
    if (pos + format.size() < text.size() && is_digit(text[pos + format.size()])) return std::nullopt;
    if (!is_valid(d)) return std::nullopt;
    return d;
}

} // namespace

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

bool is_supported_date_format(std::string_view format) {
    return format == "DD/MM/YYYY" || format == "YYYY-MM-DD" || format == "DD-MM-YYYY" ||
           format == "YYYY/MM/DD";
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return match_at(text, 0, "YYYY-MM-DD");
}

std::optional<Date> parse_user_date(std::string_view text, std::string* why) {
    auto fail = [&](std::string reason) -> std::optional<Date> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    const std::string expected = std::string(" (expected ") + kUserDateFormats + ")";
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    // The layout first: digits and one kind of separator, in one of the two orders.
    const bool iso = text.size() == 10 && text[4] == '-' && text[7] == '-';
    const bool french = text.size() == 10 && text[2] == '/' && text[5] == '/';
    bool digits = true;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!is_digit(text[i]) && !(iso && (i == 4 || i == 7)) && !(french && (i == 2 || i == 5))) digits = false;
    if (!(iso || french) || !digits) {
        // Day first with slashes, but not two-digit day and month or not a
        // four-digit year ("1/7/2021", "01/07/21"): say which part is short.
        const auto slash = text.find('/');
        if (slash != std::string_view::npos && slash >= 1 && slash <= 2 && is_digit(text[0]) &&
            text.rfind('/') != slash) {
            const auto year = text.substr(text.rfind('/') + 1);
            if (year.size() != 4) return fail("the year must have four digits" + expected);
            return fail("day and month must have two digits each" + expected);
        }
        return fail("not a date" + expected);
    }
    Date d{0, 0, 0};
    auto number = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
        return v;
    };
    if (iso) d = Date{number(0, 4), number(5, 2), number(8, 2)};
    else d = Date{number(6, 4), number(3, 2), number(0, 2)};
    if (d.year < 1000) return fail("year " + std::to_string(d.year) + " is out of range" + expected);
    if (d.month < 1 || d.month > 12) {
        std::string reason = "month " + std::to_string(d.month) + " does not exist";
        // 07/31/2021: the American order, month first.
        if (french && d.day >= 1 && d.day <= 12) reason += " (day first: DD/MM/YYYY)";
        return fail(reason + expected);
    }
    if (!is_valid(d))
        return fail("day " + std::to_string(d.day) + " does not exist in " + std::to_string(d.year) + "-" +
                    (d.month < 10 ? "0" : "") + std::to_string(d.month) + expected);
    return d;
}

std::optional<Date> find_date(std::string_view text, std::string_view format) {
    if (!is_supported_date_format(format))
        throw UsageError("unsupported date format \"" + std::string(format) +
                         "\" (expected DD/MM/YYYY, YYYY-MM-DD, DD-MM-YYYY or YYYY/MM/DD)");
    for (std::size_t pos = 0; pos + format.size() <= text.size(); ++pos) {
        if (auto d = match_at(text, pos, format)) return d;
    }
    return std::nullopt;
}

} // namespace maillage
