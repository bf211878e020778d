// The rule table (clinical-rules.md §5, version 2) on its own, and a scripted patient through the
// tracker on an in-memory journal. Ported from the version-1 tests: see the git log for the
// assertions version 2 changed.
#include "Fixtures.hpp"

using namespace motus;
using namespace motus::core;
using namespace motus::core::test;

TEST_CASE("step sizes of rule 5a", "[core][progression]") {
    Dose dose = test::dose(2, 10);
    DoseBounds b = bounds({1, 3}, {5, 12});
    CHECK(stepUp(dose, b, false).dose.reps == 11); // +1 rep per set
    dose.reps = 12;
    auto up = stepUp(dose, b, false); // reps at the top: +1 set, reps back to the bottom
    CHECK(up.dose.sets == 3);
    CHECK(up.dose.reps == 5);
    CHECK_FALSE(up.atTop);
    dose.sets = 3;
    CHECK(stepUp(dose, b, false).atTop); // sets at 3, reps at the top: the variant
    dose = test::dose(3, 6, 10);
    b.hold = {5, 30};
    CHECK(stepUp(dose, b, false).dose.holdSeconds == 12); // a timed hold: +20 %, rounded up
    CHECK(stepUp(dose, b, true).dose.holdSeconds == 10);  // hold-capped: reps instead
    CHECK(stepUp(dose, b, true).dose.reps == 7);
    dose.holdSeconds = 28;
    CHECK(stepUp(dose, b, false).dose.holdSeconds == 30); // up to 30 s
}

TEST_CASE("cuts of rules 2, 3 and 7 stay within the bounds", "[core][progression]") {
    Dose dose = test::dose(3, 12);
    const DoseBounds b = bounds({2, 3}, {6, 12});
    CHECK(stepBack(dose, b, std::nullopt)->sets == 2); // -1 set at 3 sets
    dose.sets = 2;
    CHECK(stepBack(dose, b, std::nullopt)->reps == 9); // -25 %
    dose.reps = 6;
    CHECK_FALSE(stepBack(dose, b, std::nullopt)); // at the bottom: the easier variant (§5b)
    dose.reps = 12;
    CHECK(cutTo75(dose, b, false).reps == 9);
}

TEST_CASE("a scripted patient: progress, hold, gaps, low adherence, restore, regress, switch, "
          "stop, red flag",
          "[core][progression][patient]") {
    Patient p;
    // Week 1: every session, little pain, moderate effort: one step up.
    p.week(0, 7, 2, 4);
    auto r = p.review(0);
    auto mid = Patient::decisionFor(r, "mid");
    CHECK(mid.decision == Decision::Progress);
    CHECK(mid.row == Row::Progress);
    CHECK(mid.reason.key == ReasonKey::Progress);
    CHECK(mid.to.dose.reps == 9);                                      // +1 rep
    CHECK(Patient::decisionFor(r, "plank").to.dose.holdSeconds == 12); // 10 s +20 %

    // Week 2: pain 4 during: hold (row 4), naming it.
    p.week(1, 7, 4, 4);
    r = p.review(1);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.decision == Decision::Hold);
    CHECK(mid.row == Row::Amber);
    CHECK(mid.reason.params == std::vector<std::string>{"pd-amber:4"});

    // Week 3: three sessions of seven: a gap of 4 days (row 7, tried before row 3).
    p.week(2, 3, 2, 4);
    r = p.review(2);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.decision == Decision::Hold);
    CHECK(mid.row == Row::Gap);
    CHECK(mid.reason.key == ReasonKey::GapShort);
    CHECK(mid.reason.params == std::vector<std::string>{"4"});

    // Weeks 4 and 5: one set of mid every day and no plank (A = 25 %, no gap): hold, then the
    // cut to 75 % (row 3).
    for (int week = 3; week <= 4; ++week) {
        for (int i = 0; i < 7; ++i) {
            const Date date = p.day(7 * week + i);
            p.tracker.runDueReviews(date);
            p.checkIn(date, 2);
            p.log(date, "mid", 1, 2, 4);
        }
    }
    r = p.review(3);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.row == Row::LowAdherence);
    CHECK(mid.decision == Decision::Hold);
    CHECK(mid.reason.key == ReasonKey::LowAdherenceHold);
    CHECK(mid.reason.params == std::vector<std::string>{"0.25"});
    r = p.review(4);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.row == Row::LowAdherence);
    CHECK(mid.decision == Decision::Regress);
    CHECK(mid.reason.key == ReasonKey::LowAdherenceCut);
    CHECK(mid.to.dose.reps == 7);                                      // 75 % of 9
    CHECK(Patient::decisionFor(r, "plank").to.dose.holdSeconds == 10); // 9 s, the bound is 10

    // Week 6: all well again: a step up.
    p.week(5, 7, 2, 4);
    r = p.review(5);
    CHECK(Patient::decisionFor(r, "mid").decision == Decision::Progress);
    CHECK(p.current("mid").dose.reps == 8);
    CHECK(p.current("plank").dose.holdSeconds == 12);

    // Weeks 7 and 8: nothing at all (a two-week break): held by row 7, not cut by row 3.
    p.week(6, 0, 0, 0);
    p.week(7, 0, 0, 0);
    r = p.review(6);
    CHECK(Patient::decisionFor(r, "mid").decision == Decision::Hold);
    CHECK(Patient::decisionFor(r, "mid").reason.key == ReasonKey::GapHold);
    r = p.review(7);
    CHECK(Patient::decisionFor(r, "mid").decision == Decision::Hold);
    CHECK(Patient::decisionFor(r, "mid").reason.key == ReasonKey::GapResume);
    CHECK(p.current("mid").dose.reps == 8);

    // Week 9: the first session after the break restarts at 75 % (row 7, §5d).
    p.dayDone(p.day(56), 1, 3);
    CHECK(p.current("mid").dose.reps == 6);           // 75 % of 8
    CHECK(p.current("plank").dose.holdSeconds == 10); // 75 % of 12 is 9; the bound is 10
    const auto changes = p.journal.doseChanges();
    CHECK(std::count_if(changes.begin(), changes.end(), [](const DoseChange& c) {
              return c.row == Row::Gap && c.reason.key == ReasonKey::GapResume &&
                     c.decision == Decision::Regress &&
                     c.reason.params == std::vector<std::string>{"14"};
          }) == 2);
    for (int i = 1; i < 7; ++i) {
        p.dayDone(p.day(56 + i), 1, 3);
    }
    // The first and the second green week give the cut back, half and then the rest.
    r = p.review(8);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.row == Row::Gap);
    CHECK(mid.reason.key == ReasonKey::GapRestoreHalf);
    CHECK(mid.to.dose.reps == 7);
    CHECK(Patient::decisionFor(r, "plank").to.dose.holdSeconds == 11);
    p.week(9, 7, 1, 3);
    r = p.review(9);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.reason.key == ReasonKey::GapRestoreRest);
    CHECK(mid.to.dose.reps == 8);
    CHECK(Patient::decisionFor(r, "plank").to.dose.holdSeconds == 12);

    // Week 11: all well: a step up.
    p.week(10, 7, 1, 3);
    r = p.review(10);
    CHECK(Patient::decisionFor(r, "mid").reason.key == ReasonKey::Progress);
    CHECK(p.current("mid").dose.reps == 9);
    CHECK(p.current("plank").dose.holdSeconds == 15);

    // Week 12: pain 7 during on day 1: back to the last green dose at once (row 2); the review
    // does not act twice.
    p.dayDone(p.day(77), 7, 5);
    CHECK(p.current("mid").dose.reps == 8);
    CHECK(p.current("mid").regressionsInARow == 1);
    CHECK(p.current("plank").dose.holdSeconds == 12);
    for (int i = 1; i < 7; ++i) {
        p.dayDone(p.day(77 + i), 2, 4);
    }
    r = p.review(11);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.row == Row::Pain);
    CHECK(mid.decision == Decision::Hold);
    CHECK(mid.reason.key == ReasonKey::AlreadyActed);

    // Week 13: pain 7 again: the second regress within 14 days switches to the easier variant;
    // the plank has none and steps back once more.
    p.dayDone(p.day(84), 7, 5);
    const auto switched = p.tracker.slot("mid");
    REQUIRE(switched);
    CHECK(switched->exercise == "easy");
    CHECK(switched->dose.sets == 2);
    CHECK(switched->dose.reps == 6); // the volume of mid's step back (2 x 6), not more
    const auto history = p.journal.doseChanges();
    CHECK(std::any_of(history.begin(), history.end(), [](const DoseChange& c) {
        return c.decision == Decision::Switch && c.row == Row::Pain &&
               c.reason.key == ReasonKey::SwitchEasier && c.to.exercise == "easy";
    }));
    CHECK(p.current("plank").dose.holdSeconds == 10);
    CHECK_FALSE(p.current("plank").stopped);
    for (int i = 1; i < 7; ++i) {
        p.dayDone(p.day(84 + i), 1, 3);
    }
    (void)p.review(12);

    // Week 14: a red flag on the morning check-in stops the whole program at once.
    CheckIn flag;
    flag.at = stampOn(p.day(91));
    flag.morningPain = 3;
    flag.redFlags = {RedFlag::SaddleNumbness};
    p.tracker.runDueReviews(p.day(91));
    const auto stop = p.tracker.checkIn(flag);
    REQUIRE(stop.size() == 1);
    CHECK(stop[0].row == Row::RedFlag);
    CHECK(stop[0].decision == Decision::Stop);
    CHECK(stop[0].reason.key == ReasonKey::ProgramStopped);
    const auto plan = p.tracker.today(p.day(91));
    CHECK(plan.stopped);
    CHECK(plan.items.empty());
    const auto flags = p.journal.flags();
    CHECK(std::any_of(flags.begin(), flags.end(), [](const TherapistFlag& f) {
        return f.exercise.empty() && f.stops && f.row == Row::RedFlag && !f.cleared;
    }));

    // Running the reviews again changes nothing.
    const auto before = p.journal.reviews().size();
    const auto prescriptions = p.journal.prescriptions();
    p.tracker.runDueReviews(p.day(98));
    p.tracker.runDueReviews(p.day(98));
    CHECK(p.journal.reviews().size() == before + 1); // week 14 only, once
    CHECK(p.journal.reviews().back().decisions.empty());
    CHECK(p.journal.prescriptions() == prescriptions);

    // Every decision of the script that changed nothing is a hold.
    for (const auto& review : p.journal.reviews()) {
        for (const auto& c : review.decisions) {
            checkUnchangedIsHold(c);
        }
    }
    for (const auto& c : p.journal.doseChanges()) {
        checkUnchangedIsHold(c);
    }
}

TEST_CASE("quota mode: a baseline week, 70 % of it, then a rep after every session that meets "
          "it",
          "[core][progression][patient][quota]") {
    Patient p(Patient::standard(true));
    // Baseline week: the patient manages 10 reps a set (of 8 prescribed: 125 %).
    for (int i = 0; i < 7; ++i) {
        p.dayDone(p.day(i), 5, 6, 2, 1.25);
    }
    auto r = p.review(0);
    auto mid = Patient::decisionFor(r, "mid");
    CHECK(mid.row == Row::Quota);
    CHECK(mid.reason.key == ReasonKey::QuotaBaseline);
    CHECK(mid.reason.params == std::vector<std::string>{"10", "7"});
    CHECK(mid.decision == Decision::Regress);
    CHECK(mid.to.dose.reps == 7); // 70 % of 10
    // Week 2 with pain 5: each session that meets the quota raises the next by a rep.
    p.dayDone(p.day(7), 5, 6);
    CHECK(p.current("mid").dose.reps == 8);
    for (int i = 1; i < 7; ++i) {
        p.dayDone(p.day(7 + i), 5, 6);
    }
    CHECK(p.current("mid").dose.reps == 12); // +1 a session, up to the bound
    r = p.review(1);
    mid = Patient::decisionFor(r, "mid");
    CHECK(mid.row == Row::Quota);
    CHECK(mid.decision == Decision::Hold);
    CHECK(mid.reason.key == ReasonKey::QuotaWeekly);
    // Row 2 in quota mode holds the quota instead of cutting it; twice in a row tells the
    // therapist.
    p.checkIn(p.day(14), 2);
    auto logged = p.log(p.day(14), "mid", 2, 8, 6);
    REQUIRE(logged.changes.size() == 1);
    CHECK(logged.changes[0].row == Row::Pain);
    CHECK(logged.changes[0].decision == Decision::Hold);
    CHECK(logged.changes[0].reason.key == ReasonKey::QuotaHeldPain);
    CHECK(p.current("mid").dose.reps == 12);
    logged = p.log(p.day(15), "mid", 2, 8, 6);
    REQUIRE(logged.changes.size() == 1);
    CHECK(logged.changes[0].reason.key == ReasonKey::QuotaTwoRed);
    const auto flags = p.journal.flags();
    CHECK(std::count_if(flags.begin(), flags.end(), [](const TherapistFlag& f) {
              return f.exercise == "mid" && f.reason.key == ReasonKey::QuotaTwoRed && !f.stops;
          }) == 1);
}

TEST_CASE("at the top of its range an exercise moves to its harder variant",
          "[core][progression]") {
    const auto& lib = sharedLibrary();
    RuleContext c;
    c.exercise = lib.find("mid");
    c.library = &lib;
    c.current.exercise = "mid";
    c.current.dose = c.exercise->dose;
    c.current.dose.sets = 3;
    c.current.dose.reps = 12;
    c.current.bounds = c.exercise->bounds;
    ExerciseWeek w;
    w.done = true;
    w.adherence = 1;
    w.painDuring = 1;
    w.lastTwo = {{d(2026, 1, 31), 1, 4}, {d(2026, 2, 1), 1, 4}};
    w.effort = 4;
    const auto decision = decideWeek(w, c, d(2026, 2, 1));
    CHECK(decision.decision == Decision::Switch);
    CHECK(decision.row == Row::Progress);
    CHECK(decision.reason.key == ReasonKey::AtTopSwitchHarder);
    CHECK(decision.to.exercise == "hard");
    CHECK(decision.to.dose.sets == 1); // the bottom of its range
    CHECK(decision.to.dose.reps == 5);
    CHECK(decision.figures.adherence == 1.0);
    CHECK(decision.figures.painDuring == 1);
    CHECK(decision.figures.effort == 4);
    CHECK(decision.figures.completion == 1.0);
    // Locked: never changed automatically.
    c.current.locked = true;
    const auto locked = decideWeek(w, c, d(2026, 2, 1));
    CHECK(locked.decision == Decision::Hold);
    CHECK(locked.reason.key == ReasonKey::Locked);
}

TEST_CASE("legs worse stops that exercise at once (row 1)", "[core][progression]") {
    Patient p;
    p.tracker.runDueReviews(p.start);
    p.checkIn(p.start, 2);
    p.session(p.start, 2, 3, 1.0, LegChange::Worse);
    CHECK(p.current("mid").stopped);
    const auto plan = p.tracker.today(p.day(1));
    for (const auto& it : plan.items) {
        CHECK(it.prescription.exercise != "mid");
    }
    REQUIRE(plan.stoppedItems.size() == 2); // both were done with the legs worse
}

TEST_CASE("a session stopped early is kept as stopped, and counts as partial",
          "[core][progression]") {
    Patient p;
    p.log(p.start, "mid", 1, std::nullopt, std::nullopt);
    p.tracker.markSessionStopped(p.start);
    const auto sessions = p.journal.sessions(p.start, p.start);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].status == SessionStatus::Stopped);
    // mid 1 of 2 sets, plank none: (1/2 + 0) / 2.
    CHECK(p.tracker.adherence(p.start, p.start) == Fraction(1, 4));
    // Logging again that day opens the day's second session; the stopped one stays stopped,
    // and the day's credit counts both (per day and per exercise, §2).
    p.log(p.start, "mid", 1, std::nullopt, std::nullopt);
    const auto after = p.journal.sessions(p.start, p.start);
    REQUIRE(after.size() == 2);
    CHECK(after[0].status == SessionStatus::Stopped);
    CHECK(after[1].slot == 2);
    CHECK(p.tracker.adherence(p.start, p.start) == Fraction(1, 2));
}

TEST_CASE("adherence counts partial sessions and gives no credit for extra ones",
          "[core][progression][adherence]") {
    Patient p;
    // Day 1: a full session, twice (the second earns nothing). Day 2: one set of mid.
    p.session(p.start, 1, 3);
    p.session(p.start, 1, 3);
    p.log(p.day(1), "mid", 1, std::nullopt, std::nullopt);
    // (1 + (1/2 + 0) / 2) over 2 days.
    CHECK(p.tracker.adherence(p.start, p.day(1)) == Fraction(5, 8));
}
