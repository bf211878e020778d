// The steps of clinical-rules.md §5a-§5d (version 2): one step up, one step back, switching to a
// variant (merging into one already in the routine), the cut to 75 % and the return after a gap.
#include "Fixtures.hpp"

using namespace motus;
using namespace motus::core;
using namespace motus::core::test;

namespace {

ExerciseWeek redWeek() {
    auto w = greenWeek();
    w.painDuring = 6;
    return w;
}

Prescription prescription(const std::string& id, Dose given) {
    const auto& lib = sharedLibrary();
    Prescription p;
    p.exercise = id;
    p.dose = given;
    p.bounds = lib.find(id)->bounds;
    return p;
}

RuleContext contextFor(const std::string& id, Dose given, std::vector<Prescription> others = {}) {
    const auto& lib = sharedLibrary();
    RuleContext c;
    c.exercise = lib.find(id);
    c.library = &lib;
    c.current = prescription(id, given);
    c.routine = {c.current};
    c.routine.insert(c.routine.end(), others.begin(), others.end());
    return c;
}

} // namespace

TEST_CASE("5a timed holds: +20 % rounded up, at most +5 s, up to 30 s or the bound",
          "[core][progression][step-up]") {
    struct Case {
        int hold;
        int boundMax;
        int expected;
    };
    const auto c = GENERATE(values<Case>({
        {10, 60, 12}, // +2
        {11, 60, 14}, // 2.2 -> +3
        {12, 60, 15}, // 2.4 -> +3
        {15, 60, 18}, // +3
        {20, 60, 24}, // +4
        {21, 60, 26}, // 4.2 -> +5
        {24, 60, 29}, // 4.8 -> +5
        {25, 60, 30}, // +5
        {26, 60, 30}, // 5.2: at most +5, and up to 30 s
        {29, 60, 30},
        {18, 20, 20}, // 3.6 -> +4, up to the bound
        {19, 20, 20},
    }));
    INFO("hold " << c.hold << " s, bound " << c.boundMax);
    const auto up =
        stepUp(test::dose(2, 3, c.hold), bounds({1, 3}, {3, 5}, {10, c.boundMax}), false);
    CHECK_FALSE(up.atTop);
    CHECK(up.dose.holdSeconds == c.expected);
    CHECK(up.dose.reps == 3); // one field per step
    CHECK(up.dose.sets == 2);
}

TEST_CASE("5a timed holds at 30 s: then reps +1, then +1 set", "[core][progression][step-up]") {
    const auto b = bounds({1, 3}, {3, 5}, {10, 60});
    auto up = stepUp(test::dose(2, 3, 30), b, false);
    CHECK(up.dose == test::dose(2, 4, 30));
    up = stepUp(test::dose(2, 5, 30), b, false);
    CHECK(up.dose.sets == 3);
    CHECK(up.dose.holdSeconds == 30);
    CHECK(up.dose.reps == 5); // timed holds keep their reps (§5a names no reset for them)
    up = stepUp(test::dose(3, 5, 30), b, false);
    CHECK(up.atTop);
    CHECK(up.dose == test::dose(3, 5, 30));
    // The hold bound lower than 30 s is the top of the hold.
    up = stepUp(test::dose(2, 3, 20), bounds({1, 3}, {3, 5}, {10, 20}), false);
    CHECK(up.dose == test::dose(2, 4, 20));
}

TEST_CASE("5a a hold under 10 s is not timed: reps first", "[core][progression][step-up]") {
    const int hold = GENERATE(1, 3, 9);
    INFO("hold " << hold << " s");
    CHECK_FALSE(isTimedHold(test::dose(2, 8, hold), false));
    const auto up = stepUp(test::dose(2, 8, hold), bounds({1, 3}, {5, 12}, {0, 30}), false);
    CHECK(up.dose == test::dose(2, 9, hold));
    CHECK(isTimedHold(test::dose(2, 8, 10), false));
    CHECK_FALSE(isTimedHold(test::dose(2, 8, 10), true)); // hold-capped
}

TEST_CASE("5a reps: +1 a set, +10 % rounded from 15 reps, up to the bound",
          "[core][progression][step-up]") {
    struct Case {
        int reps;
        int expected;
    };
    const auto c = GENERATE(values<Case>({
        {1, 2},
        {8, 9},
        {14, 15},
        {15, 17}, // 1.5 -> 2
        {16, 18}, // 1.6 -> 2
        {20, 22},
        {24, 26}, // 2.4 -> 2
        {25, 28}, // 2.5 -> 3
        {29, 30}, // 2.9 -> 3, up to the bound
    }));
    INFO(c.reps << " reps");
    const auto up = stepUp(test::dose(2, c.reps), bounds({1, 3}, {1, 30}), false);
    CHECK_FALSE(up.atTop);
    CHECK(up.dose == test::dose(2, c.expected));
    // Never more than +25 % of the volume unless +1 rep is itself more.
    if (c.reps >= 4) {
        CHECK(volume(up.dose) * 4 <= volume(test::dose(2, c.reps)) * 5);
    }
}

TEST_CASE("5a +1 set up to 3, reps back to the bottom of their bound",
          "[core][progression][step-up]") {
    auto up = stepUp(test::dose(1, 12), bounds({1, 5}, {5, 12}), false);
    CHECK(up.dose == test::dose(2, 5));
    up = stepUp(test::dose(2, 12), bounds({1, 5}, {5, 12}), false);
    CHECK(up.dose == test::dose(3, 5));
    // Up to 3 even when the bound allows 5.
    up = stepUp(test::dose(3, 12), bounds({1, 5}, {5, 12}), false);
    CHECK(up.atTop);
    CHECK(up.dose == test::dose(3, 12));
    // Or up to the sets bound below 3.
    up = stepUp(test::dose(2, 12), bounds({1, 2}, {5, 12}), false);
    CHECK(up.atTop);
}

TEST_CASE("5a the +25 % volume cap on +1 set", "[core][progression][step-up]") {
    // 1 x 8 -> 2 x 5 is exactly +25 %.
    auto up = stepUp(test::dose(1, 8), bounds({1, 3}, {5, 8}), false);
    CHECK(up.dose == test::dose(2, 5));
    // 1 x 8 -> 2 x 6 is +50 %, but the bottom of the reps bound is the smallest step an added
    // set allows (and +1 s of a 2 s hold would be +50 % too): the set is added, the hold kept.
    up = stepUp(test::dose(1, 8, 2), bounds({1, 3}, {6, 8}, {0, 5}), false);
    CHECK(up.dose == test::dose(2, 6, 2));
    CHECK(volume(up.dose) * 2 == volume(test::dose(1, 8, 2)) * 3);
    // Without a hold the same: not "at the top" while sets can still be added.
    up = stepUp(test::dose(1, 8), bounds({1, 3}, {6, 8}), false);
    CHECK_FALSE(up.atTop);
    CHECK(up.dose == test::dose(2, 6));
}

TEST_CASE("5a then hold +1 s when the hold is not capped; hold-capped never lengthens",
          "[core][progression][step-up]") {
    auto up = stepUp(test::dose(3, 12, 3), bounds({1, 3}, {5, 12}, {0, 5}), false);
    CHECK(up.dose == test::dose(3, 12, 4));
    up = stepUp(test::dose(3, 12, 5), bounds({1, 3}, {5, 12}, {0, 5}), false);
    CHECK(up.atTop); // the hold at its bound
    // Hold-capped (McGill: ~10 s holds): reps and sets go up, the hold never does.
    const auto capped = bounds({1, 3}, {5, 12}, {5, 30});
    up = stepUp(test::dose(2, 6, 10), capped, true);
    CHECK(up.dose == test::dose(2, 7, 10));
    up = stepUp(test::dose(2, 12, 10), capped, true);
    CHECK(up.dose == test::dose(3, 5, 10));
    up = stepUp(test::dose(3, 12, 10), capped, true);
    CHECK(up.atTop);
    CHECK(up.dose.holdSeconds == 10);
    // Through the rule table: the bird dog at the top stays, its hold unchanged.
    auto c = contextFor("bird-dog", test::dose(3, 12, 10));
    const auto got = decideWeek(greenWeek(), c, kReview);
    CHECK(got.decision == Decision::Hold);
    CHECK(got.row == Row::Progress);
    CHECK(got.reason.key == ReasonKey::AtTopStays);
    CHECK(got.to.dose.holdSeconds == 10);
}

TEST_CASE("5a pyramids keep their shape", "[core][progression][step-up]") {
    Dose pyramid = test::dose(3, 4);
    pyramid.pyramid = {4, 3, 2};
    const auto b = bounds({1, 3}, {1, 12});
    auto up = stepUp(pyramid, b, false);
    CHECK_FALSE(up.atTop);
    CHECK(up.dose.pyramid == std::vector<int>{5, 4, 3});
    CHECK(up.dose.sets == 3);
    CHECK(up.dose.reps == 5);
    pyramid.pyramid = {11, 10, 9};
    pyramid.reps = 11;
    CHECK(stepUp(pyramid, b, false).dose.pyramid == std::vector<int>{12, 11, 10});
    // At the top of the reps bound: never flattened to equal sets, never a set added.
    pyramid.pyramid = {12, 11, 10};
    pyramid.reps = 12;
    up = stepUp(pyramid, b, false);
    CHECK(up.atTop);
    CHECK(up.dose.pyramid == std::vector<int>{12, 11, 10});
    Dose two = test::dose(2, 5);
    two.pyramid = {5, 3};
    CHECK(stepUp(two, b, false).dose.pyramid == std::vector<int>{6, 4});
    CHECK(volume(two) == 8);
    two.holdSeconds = 3;
    CHECK(volume(two) == 24);
}

TEST_CASE("5a at the top of every bound: the harder variant at the bottom of its dose, or stay",
          "[core][progression][step-up]") {
    SECTION("the harder variant") {
        const auto got = decideWeek(greenWeek(), contextFor("mid", test::dose(3, 12)), kReview);
        CHECK(got.decision == Decision::Switch);
        CHECK(got.row == Row::Progress);
        CHECK(got.reason.key == ReasonKey::AtTopSwitchHarder);
        CHECK(got.from.exercise == "mid");
        CHECK(got.to.exercise == "hard");
        CHECK(got.to.dose.sets == 1);
        CHECK(got.to.dose.reps == 5);
        CHECK(got.to.regressionsInARow == 0);
    }
    SECTION("no harder variant: stays, and says so") {
        for (const char* id : {"hard", "solo"}) {
            INFO(id);
            const auto got = decideWeek(greenWeek(), contextFor(id, test::dose(3, 12)), kReview);
            CHECK(got.decision == Decision::Hold);
            CHECK(got.row == Row::Progress);
            CHECK(got.reason.key == ReasonKey::AtTopStays);
            CHECK(got.to.dose == test::dose(3, 12));
        }
    }
    SECTION("the harder variant already in the routine: merged, the smaller dose") {
        auto hard = prescription("hard", test::dose(2, 10));
        auto got = decideWeek(greenWeek(), contextFor("mid", test::dose(3, 12), {hard}), kReview);
        CHECK(got.decision == Decision::Switch);
        CHECK(got.reason.key == ReasonKey::AtTopMerged);
        CHECK(got.reason.params == std::vector<std::string>{"hard"});
        CHECK(got.from.exercise == "mid");
        CHECK(got.to.exercise == "hard");
        CHECK(got.to.dose == test::dose(1, 5)); // the bottom of hard is smaller than 2 x 10
    }
}

TEST_CASE("5b back to the last green dose when it is smaller", "[core][progression][step-back]") {
    auto c = contextFor("mid", test::dose(2, 9));
    c.lastGreen = test::dose(2, 8);
    auto got = decideWeek(redWeek(), c, kReview);
    CHECK(got.decision == Decision::Regress);
    CHECK(got.row == Row::Pain);
    CHECK(got.reason.key == ReasonKey::RegressLastGreen);
    CHECK(got.reason.params == std::vector<std::string>{"pd:6"});
    CHECK(got.to.dose == test::dose(2, 8));
    CHECK(got.to.regressionsInARow == 1);
    // A last green dose that is not smaller (larger, or the same volume): one cut instead.
    for (const Dose& green : {test::dose(2, 10), test::dose(3, 6)}) {
        c.lastGreen = green;
        got = decideWeek(redWeek(), c, kReview);
        CHECK(got.reason.key == ReasonKey::RegressCut);
        CHECK(got.to.dose == test::dose(2, 7)); // 9 - 25 % (2.25 -> 2)
    }
}

TEST_CASE("5b one cut: -1 set at 3 sets, else reps -25 %, else hold -25 %, within the bounds",
          "[core][progression][step-back]") {
    SECTION("-1 set") {
        CHECK(stepBack(test::dose(3, 8), bounds({1, 5}, {5, 12}), std::nullopt) ==
              test::dose(2, 8));
        CHECK(stepBack(test::dose(5, 8), bounds({1, 5}, {5, 12}), std::nullopt) ==
              test::dose(4, 8));
        // At the sets bound: reps instead.
        CHECK(stepBack(test::dose(3, 8), bounds({3, 5}, {5, 12}), std::nullopt) ==
              test::dose(3, 6));
        Dose pyramid = test::dose(3, 5);
        pyramid.pyramid = {5, 3, 1};
        const auto back = stepBack(pyramid, bounds({1, 3}, {1, 12}), std::nullopt);
        REQUIRE(back);
        CHECK(back->pyramid == std::vector<int>{5, 3});
        CHECK(back->sets == 2);
    }
    SECTION("reps -25 %, at least 1") {
        struct Case {
            int reps;
            int expected;
        };
        const auto c = GENERATE(values<Case>({
            {12, 9},
            {8, 6},
            {6, 4}, // 1.5 -> 2
            {5, 4}, // 1.25 -> 1
            {4, 3},
            {3, 2}, // 0.75 -> at least 1
            {2, 1},
        }));
        INFO(c.reps << " reps");
        CHECK(stepBack(test::dose(2, c.reps), bounds({1, 3}, {1, 30}), std::nullopt) ==
              test::dose(2, c.expected));
        // Not below the bound.
        CHECK(stepBack(test::dose(2, c.reps), bounds({1, 3}, {c.reps - 1, 30}), std::nullopt) ==
              test::dose(2, c.reps - 1));
    }
    SECTION("hold -25 %, at least 1 s") {
        struct Case {
            int hold;
            int expected;
        };
        const auto c = GENERATE(values<Case>({
            {30, 22}, // 7.5 -> 8
            {8, 6},
            {6, 4}, // 1.5 -> 2
            {3, 2}, // 0.75 -> at least 1
            {2, 1},
        }));
        INFO("hold " << c.hold << " s");
        CHECK(stepBack(test::dose(2, 5, c.hold), bounds({1, 3}, {5, 12}, {0, 60}), std::nullopt) ==
              test::dose(2, 5, c.expected));
    }
    SECTION("the hold's bound") {
        CHECK(stepBack(test::dose(2, 5, 6), bounds({1, 3}, {5, 12}, {5, 60}), std::nullopt) ==
              test::dose(2, 5, 5));
    }
    SECTION("at the bottom of every bound: nothing") {
        CHECK_FALSE(stepBack(test::dose(1, 5), bounds({1, 3}, {5, 12}), std::nullopt));
        CHECK_FALSE(stepBack(test::dose(1, 5, 1), bounds({1, 3}, {5, 12}, {0, 30}), std::nullopt));
        CHECK_FALSE(stepBack(test::dose(2, 5), bounds({2, 3}, {5, 12}), std::nullopt));
    }
}

TEST_CASE("5b at the bottom: the easier variant, or a stop flagged for the therapist",
          "[core][progression][step-back]") {
    SECTION("the easier variant, its volume not above the regressed dose (5c)") {
        const auto got = decideWeek(redWeek(), contextFor("mid", test::dose(1, 5)), kReview);
        CHECK(got.decision == Decision::Switch);
        CHECK(got.row == Row::Pain);
        CHECK(got.reason.key == ReasonKey::SwitchEasier);
        CHECK(got.reason.params == std::vector<std::string>{"pd:6"});
        CHECK(got.from.exercise == "mid");
        CHECK(got.to.exercise == "easy");
        CHECK(got.to.dose == test::dose(1, 5));
        CHECK(got.to.regressionsInARow == 0);
    }
    SECTION("no easier variant: stop") {
        for (Row row : {Row::Pain, Row::CannotComplete}) {
            auto w = greenWeek();
            if (row == Row::Pain) {
                w.painDuring = 7;
            } else {
                w.lastTwo[0].completion = w.lastTwo[1].completion = Fraction(1, 2);
            }
            const auto got = decideWeek(w, contextFor("solo", test::dose(1, 5)), kReview);
            CHECK(got.decision == Decision::Stop);
            CHECK(got.row == row);
            CHECK(got.reason.key == ReasonKey::StopNoEasier);
            CHECK(got.to.stopped);
            CHECK(got.to.exercise == "solo");
        }
    }
    SECTION("a stopped exercise stays stopped at the review") {
        auto c = contextFor("solo", test::dose(1, 5));
        c.current.stopped = true;
        const auto got = decideWeek(greenWeek(), c, kReview);
        CHECK(got.decision == Decision::Hold);
        CHECK(got.reason.key == ReasonKey::StaysStopped);
        CHECK(got.to.stopped);
    }
}

TEST_CASE("5c the second regress within 14 days switches; the easier dose is not above the "
          "regressed one",
          "[core][progression][variant]") {
    struct Case {
        Dose current;
        Dose easier;
    };
    const auto c = GENERATE(values<Case>({
        {test::dose(2, 8), test::dose(2, 6)},  // regressed to 2 x 6 = 12
        {test::dose(2, 12), test::dose(2, 8)}, // regressed to 2 x 9 = 18: easy's own 2 x 8 fits
        {test::dose(3, 12), test::dose(2, 8)}, // regressed to 2 x 12
        {test::dose(2, 6), test::dose(2, 5)},  // regressed to 2 x 5 = 10
        {test::dose(2, 5), test::dose(1, 5)},  // regressed to 1 x 5 = 5
    }));
    auto ctx = contextFor("mid", c.current);
    ctx.current.regressionsInARow = 1;
    ctx.recentRegress = true;
    const auto back = stepBack(c.current, ctx.current.bounds, std::nullopt);
    REQUIRE(back);
    const auto got = decideWeek(redWeek(), ctx, kReview);
    CHECK(got.decision == Decision::Switch);
    CHECK(got.reason.key == ReasonKey::SwitchEasier);
    CHECK(got.to.exercise == "easy");
    CHECK(got.to.dose == c.easier);
    CHECK(volume(got.to.dose) <= volume(*back));
    // Not a second regress (more than 14 days, or a green week between): one step back.
    ctx.recentRegress = false;
    const auto first = decideWeek(redWeek(), ctx, kReview);
    CHECK(first.decision == Decision::Regress);
    CHECK(first.to.dose == *back);
    CHECK(first.to.regressionsInARow == 2);
}

TEST_CASE("5c a switch into a variant already in the routine merges, the smaller dose stays",
          "[core][progression][variant]") {
    SECTION("the switched dose is smaller") {
        const auto easy = prescription("easy", test::dose(2, 7));
        const auto got =
            decideWeek(redWeek(), contextFor("mid", test::dose(1, 5), {easy}), kReview);
        CHECK(got.decision == Decision::Switch);
        CHECK(got.row == Row::Pain);
        CHECK(got.reason.key == ReasonKey::SwitchEasierMerged);
        CHECK(got.reason.params == std::vector<std::string>{"pd:6", "easy"});
        CHECK(got.from.exercise == "mid");
        CHECK(got.to.exercise == "easy");
        CHECK(got.to.dose == test::dose(1, 5));
    }
    SECTION("the dose already there is smaller") {
        const auto easy = prescription("easy", test::dose(1, 6));
        auto ctx = contextFor("mid", test::dose(2, 8), {easy});
        ctx.current.regressionsInARow = 1;
        ctx.recentRegress = true;
        const auto got = decideWeek(redWeek(), ctx, kReview);
        CHECK(got.reason.key == ReasonKey::SwitchEasierMerged);
        CHECK(got.to.exercise == "easy");
        CHECK(got.to.dose == test::dose(1, 6));
    }
}

TEST_CASE("5d the cut to 75 %: reps (the hold of timed holds), nearest, at least 1 and the "
          "minimum",
          "[core][progression][cut]") {
    SECTION("reps") {
        struct Case {
            int reps;
            int min;
            int expected;
        };
        const auto c = GENERATE(values<Case>({
            {12, 1, 9},
            {10, 1, 8}, // 7.5 -> 8
            {9, 1, 7},  // 6.75 -> 7
            {8, 1, 6},
            {6, 1, 5}, // 4.5 -> 5
            {3, 1, 2}, // 2.25 -> 2
            {2, 1, 2}, // 1.5 -> 2
            {1, 1, 1},
            {10, 9, 9}, // the minimum
            {9, 8, 8},
            {5, 5, 5},
        }));
        INFO(c.reps << " reps, minimum " << c.min);
        Dose given = test::dose(3, c.reps);
        given.tempoSeconds = 3;
        const auto cut = cutTo75(given, bounds({1, 3}, {c.min, 30}), false);
        Dose expected = given;
        expected.reps = c.expected;
        CHECK(cut == expected); // sets and tempo stay
    }
    SECTION("timed holds: the hold") {
        struct Case {
            int hold;
            int min;
            int expected;
        };
        const auto c = GENERATE(values<Case>({
            {20, 0, 15},
            {30, 0, 23}, // 22.5 -> 23
            {10, 0, 8},  // 7.5 -> 8
            {12, 10, 10},
        }));
        INFO("hold " << c.hold << " s, minimum " << c.min);
        CHECK(cutTo75(test::dose(2, 3, c.hold), bounds({1, 3}, {3, 5}, {c.min, 60}), false) ==
              test::dose(2, 3, c.expected));
    }
    SECTION("hold-capped and short holds: the reps") {
        CHECK(cutTo75(test::dose(2, 6, 10), bounds({1, 3}, {1, 12}, {5, 30}), true) ==
              test::dose(2, 5, 10));
        CHECK(cutTo75(test::dose(2, 8, 3), bounds({1, 3}, {1, 12}, {0, 30}), false) ==
              test::dose(2, 6, 3));
    }
    SECTION("pyramids keep their shape") {
        Dose pyramid = test::dose(3, 8);
        pyramid.pyramid = {8, 6, 4};
        const auto cut = cutTo75(pyramid, bounds({1, 3}, {1, 12}), false);
        CHECK(cut.pyramid == std::vector<int>{6, 5, 3});
        CHECK(cut.sets == 3);
    }
}

TEST_CASE("5d after a gap of 14 days or more the first green week restores half, the second the "
          "rest",
          "[core][progression][cut][gap]") {
    struct Case {
        Dose before;
        Dose cut;
        Dose half;
    };
    const auto c = GENERATE(values<Case>({
        {test::dose(2, 10), test::dose(2, 8), test::dose(2, 9)},
        {test::dose(2, 12), test::dose(2, 9), test::dose(2, 11)}, // half of 3, rounded up
        {test::dose(2, 3, 20), test::dose(2, 3, 15), test::dose(2, 3, 18)},
    }));
    const std::string id = c.before.holdSeconds > 0 ? "plank" : "mid";
    auto ctx = contextFor(id, c.cut);
    ctx.current.bounds = bounds({1, 3}, {1, 12}, {0, 30});
    ctx.beforeGap = c.before;
    auto got = decideWeek(greenWeek(), ctx, kReview);
    CHECK(got.decision == Decision::Progress);
    CHECK(got.row == Row::Gap);
    CHECK(got.reason.key == ReasonKey::GapRestoreHalf);
    CHECK(got.to.dose == c.half);
    ctx.current.dose = c.half;
    ctx.halfRestored = true;
    got = decideWeek(greenWeek(), ctx, kReview);
    CHECK(got.reason.key == ReasonKey::GapRestoreRest);
    CHECK(got.to.dose == c.before);
    // A week that is not green restores nothing.
    auto amber = greenWeek();
    amber.painDuring = 4;
    ctx.halfRestored = false;
    ctx.current.dose = c.cut;
    got = decideWeek(amber, ctx, kReview);
    CHECK(got.decision == Decision::Hold);
    CHECK(got.row == Row::Amber);
    CHECK(got.to.dose == c.cut);
}
