// The rows of clinical-rules.md §5 (version 2) through the tracker, with core::MemoryJournal and
// a small hand-built library and program: stops and flags (rows 0, 1, §5b), merges (§5c), phases
// and the complete program (§5e), the figures of §4 as the tracker gathers them, and reviews
// that run once.
#include "Fixtures.hpp"

using namespace motus;
using namespace motus::core;
using namespace motus::core::test;

namespace {

// Phase 0 ("Activation", `firstWeeks` weeks) with mid and plank; phase 1 ("Load") with mid at
// `nextMid` and plank.
Program twoPhases(int firstWeeks, Dose nextMid) {
    const auto lib = library();
    auto load = phase(lib, "Load", 4, {"mid", "plank"});
    load.items[0].dose = nextMid;
    return program({phase(lib, "Activation", firstWeeks, {"mid", "plank"}), load});
}

std::vector<TherapistFlag> flagsFor(const MemoryJournal& journal, const std::string& exercise) {
    std::vector<TherapistFlag> out;
    for (const auto& f : journal.flags()) {
        if (f.exercise == exercise) {
            out.push_back(f);
        }
    }
    return out;
}

} // namespace

TEST_CASE("row 0: a red flag stops the whole program and flags it for the therapist",
          "[core][tracker][row0]") {
    Patient p(twoPhases(1, test::dose(2, 10)));
    for (int i = 0; i < 3; ++i) {
        p.dayDone(p.day(i), 2, 4);
    }
    CheckIn flag;
    flag.at = stampOn(p.day(3));
    flag.morningPain = 2;
    flag.redFlags = {RedFlag::LegWeakness, RedFlag::MajorTrauma};
    const auto stop = p.tracker.checkIn(flag);
    REQUIRE(stop.size() == 1);
    CHECK(stop[0].decision == Decision::Stop);
    CHECK(stop[0].row == Row::RedFlag);
    CHECK(stop[0].reason.key == ReasonKey::ProgramStopped);
    CHECK(stop[0].exercise.empty());
    CHECK(stop[0].figures.redFlags == flag.redFlags);
    REQUIRE(p.journal.activeProgram());
    CHECK(p.journal.activeProgram()->stopped);
    const auto flags = flagsFor(p.journal, "");
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].stops);
    CHECK(flags[0].row == Row::RedFlag);
    CHECK(flags[0].date == p.day(3));
    CHECK_FALSE(flags[0].cleared);
    auto plan = p.tracker.today(p.day(3));
    CHECK(plan.stopped);
    CHECK(plan.items.empty());
    // Later reviews and the next phase do not restart it.
    const auto prescriptions = p.journal.prescriptions();
    const auto ran = p.tracker.runDueReviews(p.day(21));
    CHECK(ran.size() == 3);
    for (const auto& review : ran) {
        CHECK(review.decisions.empty());
    }
    CHECK(p.journal.prescriptions() == prescriptions);
    plan = p.tracker.today(p.day(21));
    CHECK(plan.stopped);
    CHECK(plan.items.empty());
}

TEST_CASE("row 1: legs worse or numb-weak stops that exercise, flags it, and the stop survives a "
          "new phase and later reviews",
          "[core][tracker][row1]") {
    const auto leg = GENERATE(LegChange::Worse, LegChange::NumbWeak);
    INFO(toString(leg));
    Patient p(twoPhases(1, test::dose(2, 10)));
    p.tracker.runDueReviews(p.day(0));
    const auto logged = p.log(p.day(0), "mid", 2, 2, 4, 1.0, leg);
    REQUIRE(logged.changes.size() == 1);
    const auto& stop = logged.changes[0];
    CHECK(stop.decision == Decision::Stop);
    CHECK(stop.row == Row::Legs);
    CHECK(stop.reason.key ==
          (leg == LegChange::Worse ? ReasonKey::LegsWorse : ReasonKey::LegsNumbWeak));
    CHECK(stop.figures.leg == leg);
    CHECK(stop.to.stopped);
    CHECK(p.current("mid").stopped);
    const auto flags = flagsFor(p.journal, "mid");
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].stops);
    CHECK(flags[0].row == Row::Legs);
    CHECK(flags[0].reason.key == stop.reason.key);
    // Today: mid is listed as stopped, not as an exercise to do; the program goes on.
    auto plan = p.tracker.today(p.day(1));
    CHECK_FALSE(plan.stopped);
    REQUIRE(plan.items.size() == 1);
    CHECK(plan.items[0].prescription.exercise == "plank");
    REQUIRE(plan.stoppedItems.size() == 1);
    CHECK(plan.stoppedItems[0].exercise == "mid");
    // The new phase's plan does not restart it.
    for (const auto& c : p.tracker.phaseChanges(1, p.day(6))) {
        CHECK(c.to.exercise != "mid");
    }
    for (int i = 1; i < 21; ++i) {
        p.dayDone(p.day(i), 2, 4);
    }
    p.tracker.runDueReviews(p.day(21));
    const auto reviews = p.journal.reviews();
    REQUIRE(reviews.size() == 3);
    for (const auto& review : reviews) {
        const auto mid = Patient::decisionFor(review, "mid");
        CHECK(mid.decision == Decision::Hold);
        CHECK(mid.reason.key == ReasonKey::StaysStopped);
        CHECK(mid.to.stopped);
    }
    CHECK(p.current("mid").stopped);
    CHECK(p.current("mid").dose == test::dose(2, 8)); // not the new phase's 2 x 10
    CHECK(p.tracker.today(p.day(21)).phase == 1);
    CHECK(p.tracker.today(p.day(21)).stoppedItems.size() == 1);
    CHECK(flagsFor(p.journal, "mid").size() == 1); // one flag, not one a review
}

TEST_CASE("5b a step back with nowhere to go stops the exercise and flags it",
          "[core][tracker][step-back]") {
    const auto lib = library();
    auto routine = phase(lib, "All", 8, {"solo", "plank"});
    routine.items[0].dose = test::dose(1, 5); // the bottom of its bounds
    Patient p(program({routine}));
    p.tracker.runDueReviews(p.day(0));
    const auto logged = p.log(p.day(0), "solo", 1, 6, 4);
    REQUIRE(logged.changes.size() == 1);
    CHECK(logged.changes[0].decision == Decision::Stop);
    CHECK(logged.changes[0].row == Row::Pain);
    CHECK(logged.changes[0].reason.key == ReasonKey::StopNoEasier);
    CHECK(p.current("solo").stopped);
    const auto flags = flagsFor(p.journal, "solo");
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].stops);
    CHECK(flags[0].reason.key == ReasonKey::StopNoEasier);
}

TEST_CASE("5b a stop at the weekly review (row 4b) flags it too", "[core][tracker][step-back]") {
    const auto lib = library();
    auto routine = phase(lib, "All", 8, {"solo"});
    routine.items[0].dose = test::dose(1, 5);
    Patient p(program({routine}));
    for (int i = 0; i < 7; ++i) {
        p.dayDone(p.day(i), 2, 4, 2, 0.6); // 3 of 5 reps: C 60 %
    }
    const auto solo = Patient::decisionFor(p.review(0), "solo");
    CHECK(solo.row == Row::CannotComplete);
    CHECK(solo.decision == Decision::Stop);
    CHECK(solo.reason.key == ReasonKey::StopNoEasier);
    CHECK(p.current("solo").stopped);
    const auto flags = flagsFor(p.journal, "solo");
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].stops);
    CHECK(flags[0].row == Row::CannotComplete);
}

TEST_CASE("5c a switch into a variant already in the routine merges: the smaller dose, no "
          "duplicate",
          "[core][tracker][variant]") {
    const auto lib = library();
    auto routine = phase(lib, "All", 8, {"mid", "easy"});
    routine.items[0].dose = test::dose(1, 5); // mid at the bottom of its bounds
    routine.items[1].dose = test::dose(2, 7);
    Patient p(program({routine}));
    // Day 1: only easy is done. Day 2: mid hurts (pain 6): at the bottom, its easier variant.
    p.log(p.day(0), "easy", 2, 2, 4);
    p.tracker.runDueReviews(p.day(1));
    const auto logged = p.log(p.day(1), "mid", 1, 6, 4);
    REQUIRE(logged.changes.size() == 1);
    const auto& merge = logged.changes[0];
    CHECK(merge.decision == Decision::Switch);
    CHECK(merge.row == Row::Pain);
    CHECK(merge.reason.key == ReasonKey::SwitchEasierMerged);
    CHECK(merge.reason.params == std::vector<std::string>{"pd:6", "easy"});
    CHECK(merge.from.exercise == "mid");
    CHECK(merge.to.exercise == "easy");
    CHECK(merge.to.dose == test::dose(1, 5)); // the smaller of 1 x 5 and 2 x 7
    const auto prescriptions = p.journal.prescriptions();
    REQUIRE(prescriptions.size() == 1);
    CHECK(prescriptions[0].exercise == "easy");
    CHECK(prescriptions[0].dose == test::dose(1, 5));
    const auto plan = p.tracker.today(p.day(2));
    REQUIRE(plan.items.size() == 1);
    CHECK(plan.items[0].prescription.exercise == "easy");
    CHECK(plan.stoppedItems.empty());
    CHECK(p.tracker.slot("mid")->exercise == "easy");
    // Each day is measured against the routine of that day: before the merge, easy alone was
    // half of it; after it, easy is all of it.
    p.log(p.day(2), "easy", 1, 2, 4);
    const auto credits = p.tracker.credits(p.day(0), p.day(2));
    CHECK(credits.at(p.day(0)) == Fraction(1, 2));
    CHECK(credits.at(p.day(2)) == Fraction(1));
}

TEST_CASE("5e a row-2 regress in the 7 days before a phase keeps the smaller dose",
          "[core][tracker][phase]") {
    struct Case {
        int regressDay;
        bool kept;
    };
    // Phase 1 starts on day 14: days 7-13 are the 7 days before it.
    const auto c = GENERATE(values<Case>({{6, false}, {7, true}, {13, true}}));
    INFO("regressed on day " << c.regressDay);
    Patient p(twoPhases(2, test::dose(2, 10)));
    p.tracker.runDueReviews(p.day(c.regressDay));
    p.checkIn(p.day(c.regressDay), 2);
    const auto logged = p.log(p.day(c.regressDay), "mid", 2, 7, 4);
    REQUIRE(logged.changes.size() == 1);
    CHECK(logged.changes[0].row == Row::Pain);
    CHECK(p.current("mid").dose == test::dose(2, 6));
    const auto review = p.review(1);
    const auto phaseChange =
        std::find_if(review.decisions.begin(), review.decisions.end(), [](const DoseChange& d) {
            return d.row == Row::Phase && d.to.exercise == "mid";
        });
    REQUIRE(phaseChange != review.decisions.end());
    CHECK(phaseChange->reason.key ==
          (c.kept ? ReasonKey::PhaseKeepsRegressed : ReasonKey::PhaseBegins));
    CHECK(phaseChange->reason.params == std::vector<std::string>{"1", "Load"});
    CHECK(phaseChange->decision == (c.kept ? Decision::Hold : Decision::Progress));
    CHECK(p.current("mid").dose == (c.kept ? test::dose(2, 6) : test::dose(2, 10)));
    CHECK(p.tracker.today(p.day(14)).phase == 1);
}

TEST_CASE("5e the phase's dose when it is the smaller one", "[core][tracker][phase]") {
    Patient p(twoPhases(2, test::dose(1, 5)));
    p.tracker.runDueReviews(p.day(12));
    const auto logged = p.log(p.day(12), "mid", 2, 7, 4);
    REQUIRE(logged.changes.size() == 1);
    CHECK(p.current("mid").dose == test::dose(2, 6));
    (void)p.review(1);
    CHECK(p.current("mid").dose == test::dose(1, 5));
}

TEST_CASE("5e a new phase that changes nothing is no switch", "[core][tracker][phase]") {
    // Phase 1 prescribes mid as phase 0 does, with other bounds; plank as before.
    const auto lib = library();
    auto load = phase(lib, "Load", 4, {"mid", "plank"});
    load.items[0].bounds.reps = {5, 15};
    Patient p(program({phase(lib, "Activation", 1, {"mid", "plank"}), load}));
    for (const auto& c : p.tracker.phaseChanges(1, p.day(6))) {
        checkUnchangedIsHold(c);
    }
    p.week(0, 0, 0, 0);
    const auto review = p.review(0);
    for (const auto& c : review.decisions) {
        checkUnchangedIsHold(c);
    }
    CHECK(p.current("mid").bounds.reps.max == 15);
}

TEST_CASE("5e after the program's last week: complete, no step up", "[core][tracker][complete]") {
    const auto lib = library();
    Patient p(program({phase(lib, "Only", 2, {"mid"})}));
    p.week(0, 7, 2, 4);
    CHECK(Patient::decisionFor(p.review(0), "mid").decision == Decision::Progress);
    CHECK(p.current("mid").dose.reps == 9);
    CHECK_FALSE(p.tracker.today(p.day(13)).complete);
    for (int week = 1; week <= 3; ++week) {
        INFO("week " << week);
        p.week(week, 7, 2, 4);
        const auto mid = Patient::decisionFor(p.review(week), "mid");
        CHECK(mid.decision == Decision::Hold);
        CHECK(mid.row == Row::Progress);
        CHECK(mid.reason.key == ReasonKey::Complete);
        CHECK(p.current("mid").dose.reps == 9);
    }
    CHECK(p.tracker.completeOn(p.day(14)));
    const auto plan = p.tracker.today(p.day(28));
    CHECK(plan.complete);
    CHECK(plan.phase == 0);
    REQUIRE(plan.items.size() == 1); // the last phase goes on as maintenance
    // The safety rows still act.
    p.dayDone(p.day(28), 6, 4);
    CHECK(p.current("mid").dose.reps < 9);
}

TEST_CASE("running the due reviews twice changes nothing", "[core][tracker][review]") {
    Patient p(twoPhases(1, test::dose(2, 10)));
    p.week(0, 7, 2, 4);
    p.week(1, 3, 5, 7);
    p.week(2, 7, 2, 4);
    const auto first = p.tracker.runDueReviews(p.day(21));
    CHECK(first.size() == 1); // week 3; weeks 1 and 2 ran on the days after them
    const auto reviews = p.journal.reviews();
    const auto prescriptions = p.journal.prescriptions();
    const auto changes = p.journal.doseChanges();
    const auto flags = p.journal.flags();
    REQUIRE(reviews.size() == 3);
    CHECK(p.tracker.runDueReviews(p.day(21)).empty());
    CHECK(p.tracker.runDueReviews(p.day(20)).empty());
    CHECK(p.journal.reviews().size() == reviews.size());
    CHECK(p.journal.prescriptions() == prescriptions);
    CHECK(p.journal.doseChanges().size() == changes.size());
    CHECK(p.journal.flags().size() == flags.size());
    for (const auto& review : reviews) {
        for (const auto& c : review.decisions) {
            checkUnchangedIsHold(c);
        }
    }
}

TEST_CASE("§4 the tracker's baseline is the median, never rounded; dPm 1.5 holds, 2.5 regresses",
          "[core][tracker][morning][boundary]") {
    struct Case {
        std::vector<int> mornings; // days 0-3 of week 1
        Fraction baseline;
        Row row;
        ReasonKey key;
    };
    const auto c = GENERATE(values<Case>({
        {{1, 1, 2, 3}, Fraction(3, 2), Row::Progress, ReasonKey::Progress},
        {{1, 1, 2, 4}, Fraction(3, 2), Row::Pain, ReasonKey::RegressCut},
        {{2, 2, 2, 4}, Fraction(2), Row::Pain, ReasonKey::RegressCut},
        {{2, 2, 2, 3}, Fraction(2), Row::Progress, ReasonKey::Progress},
    }));
    Patient p;
    for (int i = 0; i < 7; ++i) {
        p.tracker.runDueReviews(p.day(i));
        if (i < 4) {
            p.checkIn(p.day(i), c.mornings[static_cast<std::size_t>(i)]);
        }
        p.session(p.day(i), 2, 4);
    }
    CHECK(p.tracker.baseline(0) == c.baseline);
    const auto mid = Patient::decisionFor(p.review(0), "mid");
    CHECK(mid.row == c.row);
    CHECK(mid.reason.key == c.key);
    REQUIRE(mid.figures.baseline);
    CHECK(*mid.figures.baseline == c.baseline.toDouble());
}

TEST_CASE("§4 the baseline of later weeks: the 14 days before, with at least 3 check-ins",
          "[core][tracker][morning]") {
    Patient p;
    for (int i = 0; i < 3; ++i) {
        p.checkIn(p.day(i), 6);
    }
    p.checkIn(p.day(10), 1);
    p.checkIn(p.day(11), 2);
    // Week 3 (days 21-27) looks at days 7-20: two check-ins there, so all earlier ones count.
    CHECK(p.tracker.baseline(3) == Fraction(6));
    p.checkIn(p.day(12), 3);
    CHECK(p.tracker.baseline(3) == Fraction(2));
    // No check-in at all: unknown.
    Patient q;
    CHECK_FALSE(q.tracker.baseline(0));
    CHECK_FALSE(q.tracker.baseline(2));
}

TEST_CASE("row 2 at once on a morning check-in: 2 above the baseline regresses yesterday's "
          "exercises",
          "[core][tracker][morning][boundary]") {
    struct Case {
        int morning;
        bool fires;
    };
    const auto c = GENERATE(values<Case>({{3, false}, {4, true}}));
    Patient p;
    // Week 1 mornings 1, 2, 1, 2, 1, 2 (none on day 7): baseline 1.5.
    for (int i = 0; i < 7; ++i) {
        p.dayDone(p.day(i), 2, 4, i < 6 ? std::optional<int>(1 + i % 2) : std::nullopt);
    }
    p.dayDone(p.day(7), 2, 4, std::nullopt);
    REQUIRE(p.tracker.baseline(1) == Fraction(3, 2));
    const auto before = p.current("mid").dose;
    CheckIn morning;
    morning.at = stampOn(p.day(8));
    morning.morningPain = c.morning;
    const auto changes = p.tracker.checkIn(morning);
    INFO("morning " << c.morning);
    if (c.fires) {
        REQUIRE(changes.size() == 2); // mid and plank, both done yesterday
        for (const auto& change : changes) {
            CHECK(change.row == Row::Pain);
            CHECK(change.decision == Decision::Regress);
            CHECK(change.reason.params == std::vector<std::string>{"dpm:2.5"});
        }
        CHECK(volume(p.current("mid").dose) < volume(before));
    } else {
        CHECK(changes.empty());
        CHECK(p.current("mid").dose == before);
    }
}

TEST_CASE("row 7 through the tracker: the gap reaching into the week, and 75 % from 14 days",
          "[core][tracker][gap][boundary]") {
    struct Case {
        int nextSession; // the day after day 0 with the next session
        int gap;
        ReasonKey key;
    };
    const auto c = GENERATE(values<Case>({
        {1, 0, ReasonKey::Progress},
        {2, 1, ReasonKey::GapShort},
        {7, 6, ReasonKey::GapShort},
    }));
    INFO("next session on day " << c.nextSession);
    Patient p;
    p.dayDone(p.day(0), 2, 4);
    for (int i = c.nextSession; i < 7; ++i) {
        p.dayDone(p.day(i), 2, 4);
    }
    if (c.nextSession == 7) {
        p.dayDone(p.day(7), 2, 4);
    }
    const auto mid = Patient::decisionFor(p.review(0), "mid");
    CHECK(mid.reason.key == c.key);
    if (c.gap > 0) {
        CHECK(mid.row == Row::Gap);
        CHECK(mid.figures.gapDays == c.gap);
        CHECK(mid.reason.params == std::vector<std::string>{std::to_string(c.gap)});
    }
}

TEST_CASE("row 7 at the first session back: 13 days resume at the last dose, 14 at 75 %",
          "[core][tracker][gap][boundary]") {
    const int gap = GENERATE(13, 14);
    INFO("gap " << gap);
    Patient p;
    p.dayDone(p.day(0), 2, 4);
    const auto back = p.day(gap + 1);
    p.tracker.runDueReviews(back);
    const auto logged = p.log(back, "mid", 2, 2, 4);
    if (gap >= 14) {
        // mid is cut; the plank's 75 % (8 s) is below its bound (10 s): unchanged, no change.
        REQUIRE(logged.changes.size() == 1);
        const auto& change = logged.changes[0];
        CHECK(change.to.exercise == "mid");
        CHECK(change.row == Row::Gap);
        CHECK(change.decision == Decision::Regress);
        CHECK(change.reason.key == ReasonKey::GapResume);
        CHECK(change.reason.params == std::vector<std::string>{"14"});
        CHECK(p.current("mid").dose == test::dose(2, 6));
        CHECK(p.current("plank").dose.holdSeconds == 10);
        CHECK(p.journal.sessions(back, back).at(0).sets.at(0).repsPrescribed == 6);
    } else {
        CHECK(logged.changes.empty());
        CHECK(p.current("mid").dose == test::dose(2, 8));
    }
}

TEST_CASE("row 7 with rest days: the first session back and the review count the gap alike",
          "[core][tracker][gap][boundary]") {
    // 3 a week: a run of days without a session allows 4 rest days (docs/progression.md).
    struct Case {
        int back; // the day of the first session after day 0
        int gap;  // 7 - 3 = 4 days of the run are rest days
        ReasonKey key;
    };
    const auto c = GENERATE(values<Case>({
        {15, 10, ReasonKey::GapHold},   // 14 days without a session
        {18, 13, ReasonKey::GapHold},   // 17 days
        {19, 14, ReasonKey::GapResume}, // 18 days
    }));
    INFO("back on day " << c.back);
    Patient p(program({phase(library(), "Three a week", 8, {"mid"}, 1, 3)}));
    p.dayDone(p.day(0), 2, 4);
    p.tracker.runDueReviews(p.day(c.back));
    const auto logged = p.log(p.day(c.back), "mid", 2, 2, 4);
    if (c.key == ReasonKey::GapResume) {
        REQUIRE(logged.changes.size() == 1);
        CHECK(logged.changes[0].reason.key == ReasonKey::GapResume);
        CHECK(logged.changes[0].reason.params == std::vector<std::string>{"14"});
        CHECK(p.current("mid").dose.reps == 6);
    } else {
        CHECK(logged.changes.empty());
        CHECK(p.current("mid").dose.reps == 8);
    }
    const auto mid = Patient::decisionFor(p.review(c.back / 7), "mid");
    CHECK(mid.row == Row::Gap);
    CHECK(mid.reason.key == c.key);
    CHECK(mid.reason.params == std::vector<std::string>{std::to_string(c.gap)});
}

TEST_CASE("row 7: the planned day off after a flare is no gap", "[core][tracker][gap]") {
    Patient p;
    for (int i = 0; i < 7; ++i) {
        if (i == 3) {
            // Pain 7 in "plank" at once steps it back; day 4 is a planned day off.
            p.tracker.runDueReviews(p.day(i));
            p.checkIn(p.day(i), 2);
            p.log(p.day(i), "mid", p.current("mid").dose.sets, 2, 4);
            p.log(p.day(i), "plank", p.current("plank").dose.sets, 7, 4);
            continue;
        }
        if (i == 4) {
            continue;
        }
        p.dayDone(p.day(i), 2, 4);
    }
    const auto mid = Patient::decisionFor(p.review(0), "mid");
    CHECK(mid.row != Row::Gap);
    CHECK_FALSE(mid.figures.gapDays);
}
