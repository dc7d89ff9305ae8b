// Dates typed by people (--as-of, --compare, scenario keys): YYYY-MM-DD and
// the French DD/MM/YYYY, nothing guessed; and the edit distance behind
// "did you mean" in the scenario reader.

#include "core/date.hpp"
#include "core/text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace maillage;

namespace {

std::string why_not(const std::string& text) {
    std::string why;
    const auto d = parse_user_date(text, &why);
    CHECK_MESSAGE(!d, text << " was read as " << (d ? d->iso() : ""));
    return why;
}

} // namespace

TEST_CASE("user date: ISO and French day-first give the same date") {
    REQUIRE(parse_user_date("2021-07-01"));
    REQUIRE(parse_user_date("01/07/2021"));
    CHECK(*parse_user_date("01/07/2021") == Date{2021, 7, 1});
    CHECK(*parse_user_date("2021-07-01") == Date{2021, 7, 1});
    CHECK(*parse_user_date("29/02/2024") == Date{2024, 2, 29});
    CHECK(*parse_user_date(" 31/12/2020 ") == Date{2020, 12, 31});
}

TEST_CASE("user date: impossible and ambiguous dates are refused in words") {
    CHECK(why_not("2021-13-01").find("month 13 does not exist") == 0);
    CHECK(why_not("31/02/2021").find("day 31 does not exist in 2021-02") == 0);
    CHECK(why_not("29/02/2023").find("day 29 does not exist in 2023-02") == 0);
    // Month first (the American order) is not silently swapped.
    const auto us = why_not("07/31/2021");
    CHECK(us.find("month 31 does not exist") == 0);
    CHECK(us.find("day first: DD/MM/YYYY") != std::string::npos);
    // Two-digit years and one-digit days are ambiguous: refused.
    CHECK(why_not("01/07/21").find("the year must have four digits") == 0);
    CHECK(why_not("1/7/2021").find("day and month must have two digits each") == 0);
    CHECK(why_not("01-07-2021").find("not a date") == 0);
    CHECK(why_not("2021/07/01").find("not a date") == 0);
    CHECK(why_not("yesterday").find("not a date") == 0);
    CHECK(why_not("").find("not a date") == 0);
    // Every reason says what is expected.
    CHECK(why_not("2021-13-01").find("expected YYYY-MM-DD or DD/MM/YYYY") != std::string::npos);
}

TEST_CASE("edit distance: typos of key names") {
    CHECK(edit_distance("code_feild", "code_field") == 1); // swapped neighbours
    CHECK(edit_distance("code_fild", "code_field") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(closest_name("code_feild", {"path", "name_field", "code_field"}) == "code_field");
    CHECK(closest_name("nom", {"path", "name_field", "code_field"}).empty());
    CHECK(closest_name("as_off", {"name", "as_of", "crs"}) == "as_of");
}
