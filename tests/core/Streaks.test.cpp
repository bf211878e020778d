#include "core/Streaks.hpp"
#include "core/LocalTime.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace motus::core;
using namespace std::chrono;

namespace {

Date d(int y, unsigned m, unsigned day) {
    return Date{year(y), month(m), std::chrono::day(day)};
}
Date plus(Date date, int n) {
    return Date(sys_days(date) + days(n));
}

// Day n (1-based) of a program that starts on 2026-03-02, a Monday.
Date dayN(int n) {
    return plus(d(2026, 3, 2), n - 1);
}

StreakInput daily(std::initializer_list<int> doneDays, int today) {
    StreakInput in;
    in.unit = StreakUnit::Days;
    in.programStart = dayN(1);
    in.today = dayN(today);
    for (int n : doneDays) {
        in.completeDays.insert(dayN(n));
    }
    return in;
}

// Sets TZ for one test and restores it after.
struct ZoneGuard {
    std::string saved;
    bool had = false;
    explicit ZoneGuard(const char* zone) {
        if (const char* old = std::getenv("TZ")) {
            saved = old;
            had = true;
        }
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ZoneGuard() {
        if (had) {
            setenv("TZ", saved.c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }
};

} // namespace

TEST_CASE("the worked example of clinical-rules §3", "[core][streak]") {
    // Days 1-5 done, day 6 missed, days 7-9 done: the streak is 8.
    auto in = daily({1, 2, 3, 4, 5, 7, 8, 9}, 10);
    auto r = computeStreak(in);
    CHECK(r.current == 8);
    CHECK(r.longest == 8);
    // Day 10 missed as well: day 6 lies within the six days before it, so the streak ends.
    in.today = dayN(11);
    r = computeStreak(in);
    CHECK(r.current == 0);
    // Done again on day 11: the streak is 1, the longest stays 8.
    in.completeDays.insert(dayN(11));
    r = computeStreak(in);
    CHECK(r.current == 1);
    CHECK(r.longest == 8);
    const auto marks = markDays(in);
    CHECK(marks[5].second == DayMark::Forgiven);
    CHECK(marks[9].second == DayMark::Missed);
}

TEST_CASE("today is never a miss, days before the start are not misses", "[core][streak]") {
    auto in = daily({1, 2, 3}, 4); // day 4 not done yet
    CHECK(computeStreak(in).current == 3);
    CHECK(markDays(in).back().second == DayMark::Today);
    in.programStart = dayN(3);
    in.completeDays = {dayN(3)};
    CHECK(computeStreak(in).current == 1);
    CHECK(markDays(in).size() == 2);
}

TEST_CASE("a planned modification counts as done", "[core][streak]") {
    auto in = daily({1, 2, 3, 5}, 6);
    in.plannedDays.insert(dayN(4));
    CHECK(computeStreak(in).current == 5);
}

TEST_CASE("a forgiven day neither breaks nor lengthens the streak; two misses close together "
          "end it",
          "[core][streak]") {
    auto in = daily({1, 2, 4, 5, 6, 7, 8, 9, 10, 12}, 13); // misses on day 3 and day 11
    auto r = computeStreak(in);
    CHECK(r.current == 10);         // day 11's miss is forgiven: day 3 is 8 days before it
    in = daily({1, 2, 4, 5, 7}, 8); // misses on day 3 and day 6: 3 days apart
    r = computeStreak(in);
    CHECK(r.current == 1);
    CHECK(r.longest == 4);
}

TEST_CASE("a miss is forgiven when no other day was missed in the six days before it",
          "[core][streak][boundary]") {
    struct Case {
        int secondMiss; // the first miss is on day 3
        DayMark mark;
        int current;
    };
    const auto c = GENERATE(values<Case>({
        {8, DayMark::Missed, 4},     // 5 days after the first
        {9, DayMark::Missed, 3},     // 6 days after: within the six days before it
        {10, DayMark::Forgiven, 10}, // 7 days after: forgiven, the streak goes on
    }));
    INFO("misses on day 3 and day " << c.secondMiss);
    std::initializer_list<int> none{};
    auto in = daily(none, 12);
    for (int n = 1; n <= 12; ++n) {
        if (n != 3 && n != c.secondMiss) {
            in.completeDays.insert(dayN(n));
        }
    }
    const auto marks = markDays(in);
    CHECK(marks[2].second == DayMark::Forgiven);
    CHECK(marks[static_cast<std::size_t>(c.secondMiss - 1)].second == c.mark);
    CHECK(computeStreak(in).current == c.current);
}

TEST_CASE("a week-streak counts weeks with N sessions; rest days never break it",
          "[core][streak]") {
    StreakInput in;
    in.unit = StreakUnit::Weeks;
    in.sessionsPerWeek = 3;
    in.programStart = d(2026, 3, 2); // Monday
    // Week 1: Mon, Wed, Fri. Week 2: Tue, Thu, Sun. Week 3: only two. Week 4: three.
    const std::vector<Date> all{d(2026, 3, 2),  d(2026, 3, 4),  d(2026, 3, 6),  d(2026, 3, 10),
                                d(2026, 3, 12), d(2026, 3, 15), d(2026, 3, 17), d(2026, 3, 19),
                                d(2026, 3, 23), d(2026, 3, 24), d(2026, 3, 25)};
    auto asOf = [&](Date today) {
        in.today = today;
        in.sessionDates.clear();
        in.completeDays.clear();
        for (Date day : all) {
            if (day <= today) {
                in.sessionDates.push_back(day);
                in.completeDays.insert(day);
            }
        }
        return computeStreak(in);
    };
    auto r = asOf(d(2026, 3, 15)); // the Sunday of week 2
    CHECK(r.current == 2);
    r = asOf(d(2026, 3, 23)); // week 4 begun with one session: week 3 (two) broke it
    CHECK(r.current == 0);
    CHECK(r.longest == 2);
    r = asOf(d(2026, 3, 25)); // week 4 in progress, N reached: it counts
    CHECK(r.current == 1);
    r = asOf(d(2026, 3, 18)); // week 3 in progress with one session: does not break it yet
    CHECK(r.current == 2);
    CHECK(mondayOf(d(2026, 3, 29)) == d(2026, 3, 23));
}

TEST_CASE("dates across the DST changes stay calendar days", "[core][streak]") {
    for (const char* zone : {"Europe/Berlin", "America/New_York"}) {
        INFO(zone);
        ZoneGuard guard(zone);
        // A session every evening at 21:30 local for 40 days around the spring changes
        // (New York 2026-03-08, Berlin 2026-03-29) and the autumn ones (Berlin 2026-10-25,
        // New York 2026-11-01).
        for (Date first : {d(2026, 3, 1), d(2026, 10, 10)}) {
            StreakInput in;
            in.programStart = first;
            std::tm evening{};
            evening.tm_year = static_cast<int>(first.year()) - 1900;
            evening.tm_mon = static_cast<int>(static_cast<unsigned>(first.month())) - 1;
            evening.tm_mday = static_cast<int>(static_cast<unsigned>(first.day()));
            evening.tm_hour = 21;
            evening.tm_min = 30;
            evening.tm_isdst = -1;
            std::vector<int> offsets;
            for (int i = 0; i < 40; ++i) {
                std::tm t = evening;
                t.tm_mday += i;
                const Stamp stamp = stampOf(std::mktime(&t));
                CHECK(stamp.date == plus(first, i)); // no day lost or doubled
                in.completeDays.insert(stamp.date);
                offsets.push_back(stamp.utcOffsetMinutes);
            }
            // The offset really changed within those days.
            CHECK(std::adjacent_find(offsets.begin(), offsets.end(), std::not_equal_to<>()) !=
                  offsets.end());
            in.today = plus(first, 39);
            CHECK(computeStreak(in).current == 40);
        }
    }
}

TEST_CASE("a trip across time zones keeps each session's own local date", "[core][streak]") {
    StreakInput in;
    in.programStart = d(2026, 5, 1);
    {
        ZoneGuard guard("America/New_York");
        std::tm t{};
        t.tm_year = 126;
        t.tm_mon = 4;
        t.tm_mday = 1;
        t.tm_hour = 22;
        t.tm_isdst = -1;
        for (int i = 0; i < 3; ++i, ++t.tm_mday) {
            std::tm copy = t;
            in.completeDays.insert(stampOf(std::mktime(&copy)).date);
        }
    }
    {
        // Flying east overnight: the next session is on 5 May in Berlin, though it was still
        // 4 May in New York. The stored local dates are what counts.
        ZoneGuard guard("Europe/Berlin");
        std::tm t{};
        t.tm_year = 126;
        t.tm_mon = 4;
        t.tm_mday = 5;
        t.tm_hour = 8;
        t.tm_isdst = -1;
        const Stamp stamp = stampOf(std::mktime(&t));
        CHECK(stamp.date == d(2026, 5, 5));
        CHECK(stamp.utcOffsetMinutes == 120);
        in.completeDays.insert(stamp.date);
    }
    in.today = d(2026, 5, 5);
    // 1-3 May done, 4 May missed (the night flight), 5 May done: forgiven, streak 4.
    const auto r = computeStreak(in);
    CHECK(r.current == 4);
}

TEST_CASE("the clock going backwards does not break the streak", "[core][streak]") {
    auto in = daily({1, 2, 3, 4, 5}, 5);
    in.today = dayN(2); // the clock was set back three days
    const auto r = computeStreak(in);
    CHECK(r.current == 5);
    CHECK(r.longest == 5);
}

TEST_CASE("after a stop (rule 0) the days after it are stopped: neither missed nor celebrated",
          "[core][streak]") {
    auto in = daily({1, 2, 3, 4, 5}, 12);
    in.stoppedOn = dayN(5);
    auto marks = markDays(in);
    REQUIRE(marks.size() == 12);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(marks[i].second == DayMark::Done);
    }
    for (std::size_t i = 5; i < marks.size(); ++i) {
        CHECK(marks[i].second == DayMark::Stopped);
    }
    auto r = computeStreak(in);
    CHECK(r.current == 5); // the stopped days do not break it
    CHECK(r.longest == 5);
    // A session done after the stop is not celebrated: the day stays stopped.
    in.completeDays.insert(dayN(8));
    CHECK(markDays(in)[7].second == DayMark::Stopped);
    r = computeStreak(in);
    CHECK(r.current == 5);
    CHECK(r.longest == 5);
    // A stop on the day after a miss: the miss stays a miss, the days after are stopped.
    in = daily({1, 2, 4}, 8);
    in.stoppedOn = dayN(4);
    marks = markDays(in);
    CHECK(marks[2].second == DayMark::Forgiven);
    CHECK(marks[3].second == DayMark::Done);
    CHECK(marks[4].second == DayMark::Stopped);
    CHECK(marks[7].second == DayMark::Stopped);
}

TEST_CASE("a week-streak counts planned modifications as sessions", "[core][streak]") {
    StreakInput in;
    in.unit = StreakUnit::Weeks;
    in.sessionsPerWeek = 3;
    in.programStart = d(2026, 3, 2); // Monday
    in.today = d(2026, 3, 8);
    in.sessionDates = {d(2026, 3, 2), d(2026, 3, 4)};
    CHECK(computeStreak(in).current == 0);
    in.plannedDays = {d(2026, 3, 5)}; // the day after a flare
    CHECK(computeStreak(in).current == 1);
}

TEST_CASE("a week-streak is neither broken nor lengthened after a stop", "[core][streak]") {
    StreakInput in;
    in.unit = StreakUnit::Weeks;
    in.sessionsPerWeek = 3;
    in.programStart = d(2026, 3, 2); // Monday
    in.sessionDates = {d(2026, 3, 2), d(2026, 3, 4),  d(2026, 3, 6),
                       d(2026, 3, 9), d(2026, 3, 10), d(2026, 3, 11)};
    in.today = d(2026, 3, 29);
    CHECK(computeStreak(in).current == 0); // two empty weeks broke it
    in.stoppedOn = d(2026, 3, 12);
    const auto r = computeStreak(in);
    CHECK(r.current == 2);
    CHECK(r.longest == 2);
}
