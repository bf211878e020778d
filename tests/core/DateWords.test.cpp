// Dates in words from the catalogue: English and German, without a locale database.
#include "core/DateWords.hpp"
#include "core/I18n.hpp"

#include <catch2/catch.hpp>

using namespace motus;
using namespace std::chrono;

TEST_CASE("dates in words: the weekday and the date in English and German", "[core][dates]") {
    const core::Date tuesday{year(2026), November, day(10)};
    const core::Date sunday{year(2027), January, day(3)};
    const core::Date leapDay{year(2028), February, day(29)};

    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
    CHECK(core::dateInWords(tuesday) == "Tuesday, 10 November 2026");
    CHECK(core::dateInWords(sunday) == "Sunday, 3 January 2027");
    CHECK(core::dateInWords(leapDay) == "Tuesday, 29 February 2028");
    CHECK(core::dayMonthYear(sunday) == "3 January 2027");
    CHECK(core::shortDate(tuesday) == "10 Nov");
    CHECK(core::weekdayName(core::Date{year(2026), November, day(14)}) == "Saturday");

    core::initI18n(MOTUS_BUILD_LOCALEDIR, "de");
    CHECK(core::dateInWords(tuesday) == "Dienstag, 10. November 2026");
    CHECK(core::dateInWords(sunday) == "Sonntag, 3. Januar 2027");
    CHECK(core::dateInWords(core::Date{year(2026), March, day(5)}) == "Donnerstag, 5. März 2026");
    CHECK(core::dayMonthYear(sunday) == "3. Januar 2027");
    CHECK(core::shortDate(core::Date{year(2026), May, day(1)}) == "1. Mai");
    CHECK(core::monthName(core::Date{year(2026), December, day(24)}) == "Dezember");

    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
    CHECK(core::dateInWords(tuesday) == "Tuesday, 10 November 2026");
}
