// The rule table (clinical-rules.md §5) on its own, and a scripted 12-week patient through the
// tracker on an in-memory journal.
#include "core/Progression.hpp"
#include "MemoryJournal.hpp"
#include "core/LocalTime.hpp"
#include "core/Tracker.hpp"

#include <catch2/catch.hpp>

using namespace motus;
using namespace motus::core;
using namespace std::chrono;

namespace {

Date d(int y, unsigned m, unsigned day) {
    return Date{year(y), month(m), std::chrono::day(day)};
}
Date plus(Date date, int n) {
    return Date(sys_days(date) + days(n));
}

Exercise exercise(std::string id, std::optional<std::string> easier,
                  std::optional<std::string> harder) {
    Exercise e;
    e.id = std::move(id);
    e.texts["en"].name = e.id;
    e.regression = std::move(easier);
    e.progression = std::move(harder);
    e.dose.sets = 2;
    e.dose.reps = 8;
    e.dose.tempoSeconds = 2;
    e.dose.restSeconds = 30;
    e.bounds.sets = {1, 3};
    e.bounds.reps = {5, 12};
    e.bounds.hold = {0, 0};
    e.poses.resize(2);
    e.phases = {{PhaseType::In, 1}, {PhaseType::Out, 0}};
    return e;
}

Library library() {
    auto mid = exercise("mid", "easy", "hard");
    auto plank = exercise("plank", std::nullopt, std::nullopt);
    plank.dose.reps = 3;
    plank.dose.holdSeconds = 10;
    plank.bounds.hold = {10, 30};
    plank.bounds.reps = {3, 5};
    return Library(
        {exercise("easy", std::nullopt, "mid"), mid, exercise("hard", "mid", std::nullopt), plank});
}

Program program(bool quota) {
    Program p;
    p.id = "test";
    p.title = "Test";
    p.quotaMode = quota;
    ProgramPhase phase;
    phase.name = "All";
    phase.weeks = 12;
    phase.perWeek = 7;
    for (const char* id : {"mid", "plank"}) {
        ProgramItem item;
        item.exercise = id;
        const auto lib = library();
        item.dose = lib.find(id)->dose;
        item.bounds = lib.find(id)->bounds;
        phase.items.push_back(item);
    }
    p.phases.push_back(phase);
    return p;
}

// The patient of the script: logs each exercise of the day's routine at its dose.
struct Patient {
    test::MemoryJournal journal;
    Library lib = library();
    Program plan;
    Date start = d(2026, 1, 5); // a Monday
    Tracker tracker;

    explicit Patient(bool quota = false)
        : plan(program(quota)), tracker(journal, lib, plan, start) {
        journal.startProgram("test", "<program/>", start, planFor(plan.phases[0]));
    }
    void day(Date date, int pain, int effort, std::optional<int> morning = 2,
             double fractionOfReps = 1.0, std::optional<LegChange> leg = std::nullopt) {
        tracker.runDueReviews(date);
        if (morning) {
            CheckIn c;
            c.at = stampOn(date);
            c.morningPain = morning;
            tracker.checkIn(c);
        }
        for (const auto& item : tracker.today(date).items) {
            std::vector<SetRecord> sets;
            for (int s = 1; s <= item.prescription.dose.sets; ++s) {
                const int reps = item.prescription.dose.reps;
                sets.push_back({item.prescription.exercise, s,
                                static_cast<int>(reps * fractionOfReps), reps,
                                item.prescription.dose.holdSeconds});
            }
            Feedback f{date, item.prescription.exercise, pain, effort, leg};
            tracker.logExercise(stampOn(date), item.prescription.exercise, sets, f);
        }
    }
    void week(int index, int daysDone, int pain, int effort, int morning = 2) {
        for (int i = 0; i < 7; ++i) {
            const Date date = plus(start, 7 * index + i);
            if (i < daysDone) {
                day(date, pain, effort, morning);
            } else {
                tracker.runDueReviews(date);
            }
        }
    }
    const Review& review(int index) {
        tracker.runDueReviews(plus(start, 7 * index + 7));
        const auto& all = reviews = journal.reviews();
        REQUIRE(all.size() > static_cast<std::size_t>(index));
        return all[static_cast<std::size_t>(index)];
    }
    const DoseChange& decisionFor(const Review& r, const std::string& exercise) {
        for (const auto& decision : r.decisions) {
            if (decision.from.exercise == exercise || decision.to.exercise == exercise) {
                return decision;
            }
        }
        FAIL("no decision for " << exercise);
        return r.decisions.front();
    }
    std::vector<Review> reviews;
};

} // namespace

TEST_CASE("step sizes of rule 5a", "[core][progression]") {
    Dose dose;
    dose.sets = 2;
    dose.reps = 10;
    DoseBounds bounds;
    bounds.sets = {1, 3};
    bounds.reps = {5, 12};
    bool top = false;
    CHECK(stepUp(dose, bounds, false, top).reps == 11); // +10 %, at least 1
    dose.reps = 12;
    CHECK(stepUp(dose, bounds, false, top).sets == 3); // reps at the top: +1 set
    dose.sets = 3;
    (void)stepUp(dose, bounds, false, top);
    CHECK(top); // sets at 3, reps at the top: the variant
    dose = Dose{};
    dose.sets = 3;
    dose.reps = 6;
    dose.holdSeconds = 10;
    bounds.hold = {5, 30};
    CHECK(stepUp(dose, bounds, false, top).holdSeconds == 15); // hold +5 s
    CHECK(stepUp(dose, bounds, true, top).holdSeconds == 10);  // hold-capped: reps instead
    CHECK(stepUp(dose, bounds, true, top).reps == 7);
    dose.holdSeconds = 28;
    CHECK(stepUp(dose, bounds, false, top).holdSeconds == 30); // up to 30 s
}

TEST_CASE("cuts of rules 2, 3 and 7 stay within the bounds", "[core][progression]") {
    Dose dose;
    dose.sets = 3;
    dose.reps = 12;
    DoseBounds bounds;
    bounds.sets = {2, 3};
    bounds.reps = {6, 12};
    CHECK(cutVolume(dose, bounds).sets == 2);
    dose.sets = 2;
    CHECK(cutVolume(dose, bounds).reps == 9); // -25 %
    dose.reps = 6;
    CHECK(cutVolume(dose, bounds).reps == 6); // at the floor
    dose.reps = 12;
    CHECK(scaleDose(dose, bounds, 0.75).reps == 9);
}

TEST_CASE("a scripted 12-week patient: progress, hold, regress, switch, gap, red flag",
          "[core][progression][patient]") {
    Patient p;
    // Week 1: every session, little pain, moderate effort: one step up.
    p.week(0, 7, 2, 4);
    auto r = p.review(0);
    const auto& first = p.decisionFor(r, "mid");
    CHECK(first.decision == Decision::Progress);
    CHECK(first.rule == 5);
    CHECK(first.to.dose.reps == 9); // 8 + 10 % (at least 1)
    CHECK(p.decisionFor(r, "plank").to.dose.holdSeconds == 15);

    // Week 2: pain 4 during: hold (row 4).
    p.week(1, 7, 4, 4);
    r = p.review(1);
    CHECK(p.decisionFor(r, "mid").decision == Decision::Hold);
    CHECK(p.decisionFor(r, "mid").rule == 4);

    // Weeks 3 and 4: three sessions of seven: hold, then cut to 75 % (row 3).
    p.week(2, 3, 2, 4);
    r = p.review(2);
    CHECK(p.decisionFor(r, "mid").rule == 3);
    CHECK(p.decisionFor(r, "mid").decision == Decision::Hold);
    p.week(3, 3, 2, 4);
    r = p.review(3);
    CHECK(p.decisionFor(r, "mid").rule == 3);
    CHECK(p.decisionFor(r, "mid").decision == Decision::Regress);
    CHECK(p.decisionFor(r, "mid").to.dose.reps == 7); // 75 % of 9

    // Week 5: pain 7 during on day 1: regress at once (row 2); the review does not act twice.
    p.day(plus(p.start, 28), 7, 5);
    const auto afterPain = p.tracker.slot("mid");
    REQUIRE(afterPain);
    CHECK(afterPain->dose.sets * afterPain->dose.reps < 2 * 7); // less volume than 2 x 7
    CHECK(afterPain->regressionsInARow == 1);
    for (int i = 1; i < 7; ++i) {
        p.day(plus(p.start, 28 + i), 2, 4);
    }
    r = p.review(4);
    CHECK(p.decisionFor(r, "mid").rule == 2);
    CHECK(p.decisionFor(r, "mid").decision == Decision::Hold);

    // Week 6: pain 7 again: the second regress in a row switches to the easier variant.
    p.day(plus(p.start, 35), 7, 5);
    const auto switched = p.tracker.slot("mid");
    REQUIRE(switched);
    CHECK(switched->exercise == "easy");
    const auto history = p.journal.doseChanges();
    CHECK(std::any_of(history.begin(), history.end(), [](const DoseChange& c) {
        return c.decision == Decision::Switch && c.rule == 2 && c.to.exercise == "easy";
    }));
    for (int i = 1; i < 7; ++i) {
        p.day(plus(p.start, 35 + i), 1, 3);
    }
    (void)p.review(5);

    // Weeks 7 and 8: nothing at all (a two-week break): held, not cut, by row 3.
    p.week(6, 0, 0, 0);
    p.week(7, 0, 0, 0);
    CHECK(p.decisionFor(p.review(6), "easy").decision == Decision::Hold);
    CHECK(p.decisionFor(p.review(7), "easy").decision == Decision::Hold);
    const auto beforeGap = p.tracker.slot("easy");
    REQUIRE(beforeGap);

    // Week 9: the first session after the break restarts at 75 % (row 7).
    p.day(plus(p.start, 56), 1, 3);
    const auto resumed = p.tracker.slot("easy");
    REQUIRE(resumed);
    CHECK(resumed->dose.reps ==
          std::max(5, static_cast<int>(std::lround(beforeGap->dose.reps * 0.75))));
    const auto changes = p.journal.doseChanges();
    CHECK(std::any_of(changes.begin(), changes.end(),
                      [](const DoseChange& c) { return c.rule == 7; }));
    for (int i = 1; i < 7; ++i) {
        p.day(plus(p.start, 56 + i), 1, 3);
    }
    (void)p.review(8);

    // Week 10: all well: progress again.
    p.week(9, 7, 1, 3);
    CHECK(p.decisionFor(p.review(9), "easy").decision == Decision::Progress);

    // Week 11: a red flag on the morning check-in stops the whole program at once.
    CheckIn flag;
    flag.at = stampOn(plus(p.start, 70));
    flag.morningPain = 3;
    flag.redFlags = {RedFlag::SaddleNumbness};
    const auto stop = p.tracker.checkIn(flag);
    REQUIRE(stop.size() == 1);
    CHECK(stop[0].rule == 0);
    CHECK(stop[0].decision == Decision::Stop);
    const auto plan = p.tracker.today(plus(p.start, 70));
    CHECK(plan.stopped);
    CHECK(plan.items.empty());
    CHECK_FALSE(plan.advice.empty());

    // Running the reviews again changes nothing.
    const auto before = p.journal.reviews().size();
    const auto prescriptions = p.journal.prescriptions();
    p.tracker.runDueReviews(plus(p.start, 77));
    p.tracker.runDueReviews(plus(p.start, 77));
    CHECK(p.journal.reviews().size() == before + 1); // week 11 only, once
    CHECK(p.journal.prescriptions() == prescriptions);
}

TEST_CASE("quota mode: a baseline week, 70 % of it, then set steps whatever the pain",
          "[core][progression][patient]") {
    Patient p(true);
    // Baseline week: the patient manages 10 reps a set (of 8 prescribed: 125 %).
    for (int i = 0; i < 7; ++i) {
        p.day(plus(p.start, i), 5, 6, 2, 1.25);
    }
    auto r = p.review(0);
    CHECK(p.decisionFor(r, "mid").rule == 6);
    CHECK(p.decisionFor(r, "mid").to.dose.reps == 7); // 70 % of 10
    // Week 2 with pain 5: quota mode steps up anyway.
    p.week(1, 7, 5, 6);
    r = p.review(1);
    CHECK(p.decisionFor(r, "mid").rule == 6);
    CHECK(p.decisionFor(r, "mid").decision == Decision::Progress);
    CHECK(p.decisionFor(r, "mid").to.dose.reps == 8);
    // Rows 0-2 still apply: pain 8 regresses at once.
    p.day(plus(p.start, 14), 8, 6);
    CHECK(p.tracker.slot("mid")->dose.reps < 8);
}

TEST_CASE("at the top of its range an exercise moves to its harder variant",
          "[core][progression]") {
    const auto lib = library();
    RuleContext c;
    c.exercise = lib.find("mid");
    c.library = &lib;
    c.current.exercise = "mid";
    c.current.dose = c.exercise->dose;
    c.current.dose.sets = 3;
    c.current.dose.reps = 12;
    c.current.bounds = c.exercise->bounds;
    ExerciseWeek w;
    w.adherence = 1.0;
    w.painDuring = 1;
    w.completion = 1.0;
    w.effort = 4;
    const auto decision = decideWeek(w, c, d(2026, 2, 1));
    CHECK(decision.decision == Decision::Switch);
    CHECK(decision.rule == 5);
    CHECK(decision.to.exercise == "hard");
    CHECK(decision.to.dose.reps == 5); // the bottom of its range
    CHECK(decision.figures == "{\"A\":1,\"Pd\":1,\"RPE\":4,\"C\":1}");
    // Locked: never changed automatically.
    c.current.locked = true;
    CHECK(decideWeek(w, c, d(2026, 2, 1)).decision == Decision::Hold);
}

TEST_CASE("legs worse stops that exercise at once (row 1)", "[core][progression]") {
    Patient p;
    p.day(p.start, 2, 3, 2, 1.0, LegChange::Worse);
    const auto mid = p.tracker.slot("mid");
    REQUIRE(mid);
    CHECK(mid->stopped);
    const auto plan = p.tracker.today(plus(p.start, 1));
    for (const auto& item : plan.items) {
        CHECK(item.prescription.exercise != "mid");
    }
}

TEST_CASE("a session stopped early is kept as stopped, and counts as partial",
          "[core][progression]") {
    Patient p;
    const auto plan = p.tracker.today(p.start);
    const auto& first = plan.items.front();
    p.tracker.logExercise(stampOn(p.start), first.prescription.exercise,
                          {{first.prescription.exercise, 1, 8, 8, 0}}, std::nullopt);
    p.tracker.markSessionStopped(p.start);
    const auto sessions = p.journal.sessions(p.start, p.start);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].status == SessionStatus::Stopped);
    CHECK(p.tracker.adherence(p.start, p.start) == Approx(0.25));
    // Logging again that day opens no new session: the stopped one goes on.
    p.tracker.logExercise(stampOn(p.start), first.prescription.exercise,
                          {{first.prescription.exercise, 2, 8, 8, 0}}, std::nullopt);
    CHECK(p.journal.sessions(p.start, p.start).size() == 1);
}

TEST_CASE("adherence counts partial sessions and gives no credit for extra ones",
          "[core][progression]") {
    Patient p;
    // Day 1: a full session, twice (the second earns nothing). Day 2: half the sets.
    p.day(p.start, 1, 3);
    p.day(p.start, 1, 3);
    auto plan = p.tracker.today(plus(p.start, 1));
    const auto& first = plan.items.front();
    p.tracker.logExercise(stampOn(plus(p.start, 1)), first.prescription.exercise,
                          {{first.prescription.exercise, 1, 8, 8, 0}}, std::nullopt);
    // 1 + (1 set of the 4 in the routine) over 2 days.
    CHECK(p.tracker.adherence(p.start, plus(p.start, 1)) == Approx((1.0 + 0.25) / 2));
}
