#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <doctest/doctest.h>

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
