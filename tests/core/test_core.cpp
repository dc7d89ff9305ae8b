#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace maillage;

TEST_CASE("parse_double is strict about the decimal mark") {
    CHECK(parse_double("48.21") == doctest::Approx(48.21));
    CHECK(parse_double(" -1.5 ") == doctest::Approx(-1.5));
    CHECK(parse_double("1e3") == doctest::Approx(1000.0));
    CHECK_FALSE(parse_double("48,21"));
    CHECK_FALSE(parse_double("1 234"));
    CHECK_FALSE(parse_double("NA"));
    CHECK_FALSE(parse_double(""));
    CHECK_FALSE(parse_double("inf"));
    CHECK_FALSE(parse_double("nan"));
}

TEST_CASE("parse_integer") {
    CHECK(parse_integer("1234") == 1234);
    CHECK(parse_integer("-1") == -1);
    CHECK_FALSE(parse_integer("1 234"));
    CHECK_FALSE(parse_integer("12.5"));
    CHECK_FALSE(parse_integer("NA"));
}

TEST_CASE("dates") {
    CHECK(parse_iso_date("2021-07-01") == Date{2021, 7, 1});
    CHECK_FALSE(parse_iso_date("2021-02-30"));
    CHECK_FALSE(parse_iso_date("2021-7-1"));
    CHECK(parse_iso_date("2024-02-29"));
    CHECK_FALSE(parse_iso_date("2023-02-29"));
    CHECK(find_date("Espace labellisé 01/10/2021", "DD/MM/YYYY") == Date{2021, 10, 1});
    CHECK_FALSE(find_date("Espace labellisé", "DD/MM/YYYY"));
    CHECK_FALSE(find_date("labellisé 32/10/2021", "DD/MM/YYYY"));
    CHECK(Date{2021, 7, 1}.iso() == "2021-07-01");
    CHECK(Date{2021, 7, 1} < Date{2021, 10, 1});
    CHECK_THROWS_AS(find_date("x", "MM/DD"), UsageError);
}

TEST_CASE("number formatting: grouped digits and fixed decimals") {
    CHECK(group_digits(0, ",") == "0");
    CHECK(group_digits(999, ",") == "999");
    CHECK(group_digits(1104397, ",") == "1,104,397");
    CHECK(format_grouped(1104397) == "1 104 397");
    CHECK(format_grouped(-1104397) == "-1 104 397");
    CHECK(format_grouped(-12) == "-12");
    CHECK(format_grouped(0) == "0");
    CHECK(format_grouped(1000, ",") == "1,000");
    CHECK(format_grouped(std::numeric_limits<long long>::min()) == "-9 223 372 036 854 775 808");
    CHECK(format_fixed(2.0 / 3, 2) == "0.67");
    CHECK(format_fixed(-0.04, 1) == "0.0"); // never "-0.0"
    CHECK(format_fixed(-0.06, 1) == "-0.1");
    CHECK(format_fixed(1234.0, 0) == "1234");
}
