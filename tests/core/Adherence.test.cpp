// clinical-rules.md §2 (adherence, credited per day and per exercise) and the streaks of §3 as the
// tracker computes them from the journal.
#include "Fixtures.hpp"

using namespace motus;
using namespace motus::core;
using namespace motus::core::test;

namespace {

Program bridgeAndTilt(int perDay = 1, int perWeek = 7) {
    const auto lib = library();
    return program({phase(lib, "All", 8, {"bridge", "tilt"}, perDay, perWeek)});
}

// One session written straight to the journal: `sets` sets of each exercise named.
void journalSession(Patient& p, Date date, int slot,
                    const std::vector<std::pair<std::string, int>>& sets) {
    const auto id = p.journal.beginSession(stampOn(date), slot);
    for (const auto& [exercise, count] : sets) {
        for (int i = 1; i <= count; ++i) {
            p.journal.logSet(id, {exercise, i, 10, 10, 0});
        }
    }
    p.journal.finishSession(id, SessionStatus::Partial);
}

} // namespace

TEST_CASE("§2 worked example: the bridge done twice daily, the pelvic tilt never: A = 50 %",
          "[core][adherence]") {
    Patient p(bridgeAndTilt());
    for (int i = 0; i < 7; ++i) {
        journalSession(p, p.day(i), 1, {{"bridge", 3}});
        journalSession(p, p.day(i), 2, {{"bridge", 3}});
    }
    for (const auto& [date, credit] : p.tracker.credits(p.day(0), p.day(6))) {
        INFO(formatDate(date));
        CHECK(credit == Fraction(1, 2)); // 1 x (1 + 0) / 2
    }
    CHECK(p.tracker.adherence(p.day(0), p.day(6)) == Fraction(1, 2));
    // The review: A = 50 % is row 4 (not row 3), named.
    const auto r = p.review(0);
    const auto bridge = Patient::decisionFor(r, "bridge");
    CHECK(bridge.row == Row::Amber);
    CHECK(bridge.reason.key == ReasonKey::Amber);
    CHECK(bridge.reason.params == std::vector<std::string>{"a:0.5"});
    REQUIRE(bridge.figures.adherence);
    CHECK(*bridge.figures.adherence == 0.5);
}

TEST_CASE("§2 a routine split into a morning and an evening half earns the full day",
          "[core][adherence]") {
    Patient p(bridgeAndTilt());
    journalSession(p, p.day(0), 1, {{"bridge", 3}});
    journalSession(p, p.day(0), 2, {{"tilt", 2}});
    CHECK(p.tracker.credits(p.day(0), p.day(0)).at(p.day(0)) == Fraction(1));
    // Through the tracker: two logs on the same day, hours apart.
    p.log(p.day(1), "bridge", 3, 2, 4);
    CHECK(p.tracker.today(p.day(1)).credit == Fraction(1, 2));
    p.log(p.day(1), "tilt", 2, 2, 4);
    CHECK(p.tracker.today(p.day(1)).credit == Fraction(1));
    CHECK(p.tracker.adherence(p.day(0), p.day(1)) == Fraction(1));
    // Half of each exercise: half a day.
    journalSession(p, p.day(2), 1, {{"bridge", 1}, {"tilt", 1}});
    journalSession(p, p.day(2), 2, {{"bridge", 1}});
    // (2/3 + 1/2) / 2
    CHECK(p.tracker.credits(p.day(2), p.day(2)).at(p.day(2)) == Fraction(7, 12));
}

TEST_CASE("§2 two sessions a day: each exercise's sets due are its sets times two",
          "[core][adherence]") {
    Patient p(bridgeAndTilt(2));
    journalSession(p, p.day(0), 1, {{"bridge", 3}, {"tilt", 2}}); // once: 1 of 2
    for (int slot = 1; slot <= 2; ++slot) {                       // twice: 2 of 2
        journalSession(p, p.day(1), slot, {{"bridge", 3}, {"tilt", 2}});
    }
    for (int slot = 1; slot <= 3; ++slot) { // three times: still 2
        journalSession(p, p.day(2), slot, {{"bridge", 3}, {"tilt", 2}});
    }
    journalSession(p, p.day(3), 1, {{"bridge", 6}}); // one exercise twice: 2 x (1 + 0) / 2
    const auto credits = p.tracker.credits(p.day(0), p.day(3));
    CHECK(credits.at(p.day(0)) == Fraction(1));
    CHECK(credits.at(p.day(1)) == Fraction(2));
    CHECK(credits.at(p.day(2)) == Fraction(2));
    CHECK(credits.at(p.day(3)) == Fraction(1));
    CHECK(p.tracker.adherence(p.day(0), p.day(0)) == Fraction(1, 2));
    CHECK(p.tracker.adherence(p.day(1), p.day(1)) == Fraction(1));
    CHECK(p.tracker.adherence(p.day(2), p.day(2)) == Fraction(1));
    CHECK(p.tracker.adherence(p.day(0), p.day(3)) == Fraction(6, 8));
    CHECK(p.tracker.today(p.day(1)).items.at(0).prescribedSets == 6);
}

TEST_CASE("§2 sessions beyond the prescription earn nothing", "[core][adherence]") {
    Patient p(bridgeAndTilt());
    // Three days with the routine done twice, four days with nothing: 3/7, not 6/7.
    for (int i = 0; i < 3; ++i) {
        for (int slot = 1; slot <= 2; ++slot) {
            journalSession(p, p.day(i), slot, {{"bridge", 3}, {"tilt", 2}});
        }
    }
    CHECK(p.tracker.adherence(p.day(0), p.day(6)) == Fraction(3, 7));
    // More sets than prescribed of one exercise earn nothing for the other.
    journalSession(p, p.day(7), 1, {{"bridge", 9}, {"tilt", 1}});
    CHECK(p.tracker.credits(p.day(7), p.day(7)).at(p.day(7)) == Fraction(3, 4));
}

TEST_CASE("§2 4 of 5 sessions is 80 % and passes", "[core][adherence][boundary]") {
    Patient p(program({phase(library(), "Five a week", 8, {"mid"}, 1, 5)}));
    // Monday, Wednesday, Friday, Sunday: 4 of the 5 sessions of the week, no gap beyond the
    // week's rest days.
    for (int i : {0, 2, 4, 6}) {
        p.dayDone(p.day(i), 2, 4);
    }
    CHECK(p.tracker.adherence(p.day(0), p.day(6)) == Fraction(4, 5));
    const auto mid = Patient::decisionFor(p.review(0), "mid");
    CHECK(mid.decision == Decision::Progress);
    CHECK(mid.row == Row::Progress);
    CHECK(mid.reason.key == ReasonKey::Progress);
    CHECK(mid.to.dose.reps == 9);
    // 3 of 5 in the next week: 60 %, held by row 4.
    for (int i : {7, 9, 11}) {
        p.dayDone(p.day(i), 2, 4);
    }
    CHECK(p.tracker.adherence(p.day(7), p.day(13)) == Fraction(3, 5));
    const auto next = Patient::decisionFor(p.review(1), "mid");
    CHECK(next.row == Row::Amber);
    CHECK(next.reason.params == std::vector<std::string>{"a:0.6"});
}

TEST_CASE("§2 a day skipped after a flare is a planned modification, not a miss",
          "[core][adherence][streak]") {
    Patient p;
    p.dayDone(p.day(0), 2, 4);
    p.dayDone(p.day(1), 7, 5); // pain 7: row 2 acts at once
    const auto changes = p.journal.doseChanges();
    REQUIRE_FALSE(changes.empty());
    CHECK(changes.back().row == Row::Pain);
    // Day 3 skipped (planned), days 4-7 done: nothing was missed.
    for (int i = 3; i < 7; ++i) {
        p.dayDone(p.day(i), 2, 4);
    }
    CHECK(p.tracker.adherence(p.day(0), p.day(6)) == Fraction(1));
    const auto marks = p.tracker.calendar(p.day(6));
    REQUIRE(marks.size() == 7);
    CHECK(marks[2].second == DayMark::Done);
    StreakUnit unit = StreakUnit::Weeks;
    const auto streak = p.tracker.streak(p.day(6), unit);
    CHECK(unit == StreakUnit::Days);
    CHECK(streak.current == 7);
    // The same skip without a flare is a miss: 6 of 7, and a forgiven day.
    Patient q;
    for (int i = 0; i < 7; ++i) {
        if (i != 2) {
            q.dayDone(q.day(i), 2, 4);
        }
    }
    CHECK(q.tracker.adherence(q.day(0), q.day(6)) == Fraction(6, 7));
    CHECK(q.tracker.calendar(q.day(6))[2].second == DayMark::Forgiven);
    CHECK(q.tracker.streak(q.day(6), unit).current == 6);
}

TEST_CASE("§2 a stopped exercise leaves the day's credit to the others", "[core][adherence]") {
    Patient p;
    p.tracker.runDueReviews(p.day(0));
    p.log(p.day(0), "mid", 2, 2, 4, 1.0, LegChange::Worse); // row 1: mid stops
    REQUIRE(p.current("mid").stopped);
    p.log(p.day(1), "plank", 2, 2, 4);
    CHECK(p.tracker.today(p.day(1)).credit == Fraction(1));
    CHECK(p.tracker.adherence(p.day(1), p.day(1)) == Fraction(1));
}

TEST_CASE("§3 week-streaks count at most the sessions a day", "[core][streak]") {
    const auto lib = library();
    Patient p(program({phase(lib, "Three a week", 8, {"solo"}, 1, 3)}));
    // Week 1: three sessions, all on Monday: one counts. Week 2: Monday, Wednesday, Friday.
    for (int i = 0; i < 3; ++i) {
        p.log(p.day(0), "solo", 2, 2, 4);
    }
    CHECK(p.journal.sessions(p.day(0), p.day(0)).size() == 3);
    StreakUnit unit = StreakUnit::Days;
    auto streak = p.tracker.streak(p.day(6), unit);
    CHECK(unit == StreakUnit::Weeks);
    CHECK(streak.current == 0);
    CHECK(streak.longest == 0);
    for (int i : {7, 9, 11}) {
        p.log(p.day(i), "solo", 2, 2, 4);
    }
    streak = p.tracker.streak(p.day(13), unit);
    CHECK(streak.current == 1);
    // The week in progress counts once N is reached and does not break it before.
    p.log(p.day(14), "solo", 2, 2, 4);
    CHECK(p.tracker.streak(p.day(15), unit).current == 1);
    p.log(p.day(16), "solo", 2, 2, 4);
    p.log(p.day(17), "solo", 2, 2, 4);
    CHECK(p.tracker.streak(p.day(17), unit).current == 2);
}

TEST_CASE("§3 after a stop (rule 0) the calendar shows the days after it as stopped",
          "[core][streak]") {
    Patient p;
    for (int i = 0; i < 4; ++i) {
        p.dayDone(p.day(i), 2, 4);
    }
    CheckIn flag;
    flag.at = stampOn(p.day(4));
    flag.redFlags = {RedFlag::BladderBowel};
    (void)p.tracker.checkIn(flag);
    const auto marks = p.tracker.calendar(p.day(9));
    REQUIRE(marks.size() == 10);
    for (int i = 0; i < 4; ++i) {
        CHECK(marks[static_cast<std::size_t>(i)].second == DayMark::Done);
    }
    for (std::size_t i = 5; i < marks.size(); ++i) {
        INFO(formatDate(marks[i].first));
        CHECK(marks[i].second == DayMark::Stopped);
    }
    // The streak agrees with the calendar: stopped days are not misses, nor are they done.
    StreakUnit unit = StreakUnit::Weeks;
    for (int today : {4, 5, 9, 20}) {
        INFO("day " << today);
        const auto streak = p.tracker.streak(p.day(today), unit);
        CHECK(streak.current == 4);
        CHECK(streak.longest == 4);
    }
}

TEST_CASE("§3 in a program of 3 days a week a day without a session is rest, never a miss",
          "[core][streak]") {
    Patient p(bridgeAndTilt(1, 3));
    for (int i : {0, 2, 4}) {
        p.dayDone(p.day(i), 2, 4);
    }
    const auto marks = p.tracker.calendar(p.day(6));
    REQUIRE(marks.size() == 7);
    for (int i = 0; i < 6; ++i) {
        INFO("day " << i);
        CHECK(marks[static_cast<std::size_t>(i)].second ==
              (i % 2 == 0 ? DayMark::Done : DayMark::Rest));
    }
    CHECK(marks[6].second == DayMark::Today);
    // The same days in a daily program: the days between are misses.
    Patient q(bridgeAndTilt(1, 7));
    for (int i : {0, 2, 4}) {
        q.dayDone(q.day(i), 2, 4);
    }
    const auto daily = q.tracker.calendar(q.day(6));
    CHECK(daily[1].second == DayMark::Forgiven);
    CHECK(daily[3].second == DayMark::Missed);
}
