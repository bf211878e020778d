// Every threshold of clinical-rules.md §2-§5 (version 2), just below, at and just above, on the
// pure rule table: each row checks the decision, its Row and its ReasonKey (and the parameters
// that name the figures). Thresholds are compared exactly (Fraction), so 4/5 is 80 % and passes.
#include "Fixtures.hpp"

using namespace motus;
using namespace motus::core;
using namespace motus::core::test;

namespace {

// A green week for mid at 2 x 8: every figure passes row 5.

RuleContext midContext(Dose given = test::dose(2, 8)) {
    const auto& lib = sharedLibrary();
    RuleContext c;
    c.exercise = lib.find("mid");
    c.library = &lib;
    c.current.exercise = "mid";
    c.current.dose = given;
    c.current.bounds = c.exercise->bounds;
    Prescription plank;
    plank.exercise = "plank";
    plank.dose = lib.find("plank")->dose;
    plank.bounds = lib.find("plank")->bounds;
    c.routine = {c.current, plank};
    return c;
}

struct Expect {
    Decision decision;
    Row row;
    ReasonKey key;
    std::vector<std::string> params;
    int reps = 8; // mid's reps after the decision (sets stay 2)
};

void check(const DoseChange& got, const Expect& e) {
    CHECK(got.decision == e.decision);
    CHECK(got.row == e.row);
    CHECK(got.reason.key == e.key);
    CHECK(got.reason.params == e.params);
    CHECK(got.to.exercise == "mid");
    CHECK(got.to.dose.sets == 2);
    CHECK(got.to.dose.reps == e.reps);
}

const Expect kProgress{Decision::Progress, Row::Progress, ReasonKey::Progress, {}, 9};
// Row 2 and row 4b step back: 2 x 8 -> 2 x 6 (reps -25 %, no last green dose).
Expect regress(Row row, std::string cause) {
    return {Decision::Regress, row, ReasonKey::RegressCut, {std::move(cause)}, 6};
}
Expect amber(std::string cause) {
    return {Decision::Hold, Row::Amber, ReasonKey::Amber, {std::move(cause)}, 8};
}

} // namespace

TEST_CASE("the green week progresses one step", "[core][progression][boundary]") {
    check(decideWeek(greenWeek(), midContext(), kReview), kProgress);
}

TEST_CASE("A: row 3 below 50 %, row 4 from 50 % to 79 %, row 5 from 80 % (§2, §5)",
          "[core][progression][boundary][adherence]") {
    struct Case {
        const char* label;
        Fraction a;
        Expect expect;
    };
    const auto c = GENERATE(values<Case>({
        {"49/100",
         Fraction(49, 100),
         {Decision::Hold, Row::LowAdherence, ReasonKey::LowAdherenceHold, {"0.49"}}},
        {"1/2", Fraction(1, 2), amber("a:0.5")},
        {"51/100", Fraction(51, 100), amber("a:0.51")},
        {"79/100", Fraction(79, 100), amber("a:0.79")},
        {"4 of 5 sessions", Fraction(4) / Fraction(5), kProgress},
        {"81/100", Fraction(81, 100), kProgress},
        {"28/35 (4/5 from a longer count)", Fraction(28, 35), kProgress},
        {"27/35", Fraction(27, 35), amber("a:0.771")},
    }));
    INFO("A = " << c.label);
    auto w = greenWeek();
    w.adherence = c.a;
    check(decideWeek(w, midContext(), kReview), c.expect);
}

TEST_CASE("A < 50 % two weeks running cuts to 75 % (row 3)",
          "[core][progression][boundary][adherence]") {
    const auto a = GENERATE(Fraction(49, 100), Fraction(0), Fraction(1, 7));
    auto w = greenWeek();
    w.adherence = a;
    auto c = midContext();
    c.current.lowAdherenceWeeks = 1;
    const auto got = decideWeek(w, c, kReview);
    CHECK(got.decision == Decision::Regress);
    CHECK(got.row == Row::LowAdherence);
    CHECK(got.reason.key == ReasonKey::LowAdherenceCut);
    CHECK(got.to.dose.reps == 6); // 75 % of 8
    CHECK(got.to.dose.sets == 2);
    CHECK(got.to.lowAdherenceWeeks == 0);
    // The first such week counts one.
    c.current.lowAdherenceWeeks = 0;
    CHECK(decideWeek(w, c, kReview).to.lowAdherenceWeeks == 1);
    // At 1/2 the second week is not a row-3 week: held by row 4, the count starts again.
    w.adherence = Fraction(1, 2);
    c.current.lowAdherenceWeeks = 1;
    const auto half = decideWeek(w, c, kReview);
    CHECK(half.row == Row::Amber);
    CHECK(half.to.lowAdherenceWeeks == 0);
}

TEST_CASE("Pd: green to 3, amber 4-5, red from 6 (rows 5, 4, 2)",
          "[core][progression][boundary][pain]") {
    struct Case {
        int pd;
        Expect expect;
    };
    const auto c = GENERATE(values<Case>({
        {0, kProgress},
        {3, kProgress},
        {4, amber("pd-amber:4")},
        {5, amber("pd-amber:5")},
        {6, regress(Row::Pain, "pd:6")},
        {10, regress(Row::Pain, "pd:10")},
    }));
    INFO("Pd = " << c.pd);
    auto w = greenWeek();
    w.painDuring = c.pd;
    check(decideWeek(w, midContext(), kReview), c.expect);
    // Row 2 acts at once too, after the session; below 6 nothing happens at once.
    ExerciseWeek now;
    now.painDuring = c.pd;
    const auto atOnce = decideAtOnce(now, midContext(), kReview);
    if (c.expect.row == Row::Pain) {
        REQUIRE(atOnce);
        check(*atOnce, c.expect);
    } else {
        CHECK_FALSE(atOnce);
    }
}

TEST_CASE("RPE: progress to 6, hold at 7-8, step back at 9 in both of the last two sessions",
          "[core][progression][boundary][effort]") {
    struct Case {
        int rpe;
        Expect expect;
    };
    const auto c = GENERATE(values<Case>({
        {6, kProgress},
        {7, amber("rpe:7")},
        {8, amber("rpe:8")},
        {9, regress(Row::CannotComplete, "rpe:9")},
        {10, regress(Row::CannotComplete, "rpe:10")},
    }));
    INFO("RPE = " << c.rpe);
    auto w = greenWeek();
    w.effort = c.rpe;
    for (auto& s : w.lastTwo) {
        s.effort = c.rpe;
    }
    check(decideWeek(w, midContext(), kReview), c.expect);
}

TEST_CASE("RPE 9 in only one of the last two sessions is no row 4b, and the hold names it",
          "[core][progression][boundary][effort]") {
    auto w = greenWeek();
    w.effort = 9;
    w.lastTwo[1].effort = 9;
    const auto got = decideWeek(w, midContext(), kReview);
    CHECK(got.decision == Decision::Hold);
    CHECK(got.row == Row::Default);
    CHECK(got.reason.key == ReasonKey::Missing);
    CHECK(got.reason.params == std::vector<std::string>{"rpe:9"});
}

TEST_CASE("C: step back below 80 % in both sessions, hold at 80-99 %, progress at 100 %",
          "[core][progression][boundary][completion]") {
    struct Case {
        const char* label;
        Fraction c;
        Expect expect;
    };
    const auto c = GENERATE(values<Case>({
        {"79 %", Fraction(79, 100), regress(Row::CannotComplete, "c:0.79")},
        {"80 %", Fraction(4, 5), amber("c:0.8")},
        {"12 of 15 reps", Fraction(12, 15), amber("c:0.8")},
        {"99 %", Fraction(99, 100), amber("c:0.99")},
        {"100 %", Fraction(1), kProgress},
        {"more than prescribed", Fraction(5, 4), kProgress},
    }));
    INFO("C = " << c.label);
    auto w = greenWeek();
    for (auto& s : w.lastTwo) {
        s.completion = c.c;
    }
    check(decideWeek(w, midContext(), kReview), c.expect);
}

TEST_CASE("C under 80 % in only one of the last two sessions is no row 4b",
          "[core][progression][boundary][completion]") {
    auto w = greenWeek();
    w.lastTwo[0].completion = Fraction(79, 100);
    w.lastTwo[1].completion = Fraction(1);
    // C over the two is 89.5 %: row 4 holds.
    auto got = decideWeek(w, midContext(), kReview);
    CHECK(got.decision == Decision::Hold);
    CHECK(got.row == Row::Amber);
    CHECK(got.reason.params == std::vector<std::string>{"c:0.895"});
    // 1/2 and 1: C is 75 % but only one session was under 80 %: held, naming it.
    w.lastTwo[0].completion = Fraction(1, 2);
    got = decideWeek(w, midContext(), kReview);
    CHECK(got.decision == Decision::Hold);
    CHECK(got.row == Row::Default);
    CHECK(got.reason.key == ReasonKey::Missing);
    CHECK(got.reason.params == std::vector<std::string>{"fewer-sessions"});
}

TEST_CASE("row 4b: RPE 9 in one session and C under 80 % in the other is both sessions failing",
          "[core][progression][boundary][completion]") {
    auto w = greenWeek();
    w.lastTwo[0].completion = Fraction(7, 10);
    w.lastTwo[1].effort = 9;
    w.effort = 9;
    const auto got = decideWeek(w, midContext(), kReview);
    CHECK(got.row == Row::CannotComplete);
    CHECK(got.decision == Decision::Regress);
    CHECK(got.reason.params == std::vector<std::string>{"c:0.7", "rpe:9"});
}

TEST_CASE("dPm: row 2 from +2 over the baseline, which is never rounded",
          "[core][progression][boundary][morning]") {
    struct Case {
        const char* label;
        Fraction baseline;
        int morning;
        Expect expect;
    };
    const auto c = GENERATE(values<Case>({
        {"baseline 1.5, morning 3: +1.5", Fraction(3, 2), 3, kProgress},
        {"baseline 1.5, morning 4: +2.5", Fraction(3, 2), 4, regress(Row::Pain, "dpm:2.5")},
        {"baseline 2, morning 3: +1", Fraction(2), 3, kProgress},
        {"baseline 2, morning 4: +2", Fraction(2), 4, regress(Row::Pain, "dpm:2")},
        {"baseline 2, morning 5: +3", Fraction(2), 5, regress(Row::Pain, "dpm:3")},
        {"baseline 7/3, morning 4: +5/3", Fraction(7, 3), 4, kProgress},
    }));
    INFO(c.label);
    auto w = greenWeek();
    w.baseline = c.baseline;
    w.worstMorning = c.morning;
    check(decideWeek(w, midContext(), kReview), c.expect);
    CHECK(decideWeek(w, midContext(), kReview).figures.baseline == c.baseline.toDouble());
    // At once, on the morning check-in.
    ExerciseWeek now;
    now.baseline = c.baseline;
    now.worstMorning = c.morning;
    const auto atOnce = decideAtOnce(now, midContext(), kReview);
    CHECK(atOnce.has_value() == (c.expect.row == Row::Pain));
}

TEST_CASE("without a baseline the morning arm neither fires nor blocks, and asks for check-ins",
          "[core][progression][boundary][morning]") {
    auto w = greenWeek();
    w.baseline.reset();
    w.worstMorning = 9;
    w.trend.reset();
    w.trendBefore.reset();
    const auto got = decideWeek(w, midContext(), kReview);
    check(got, {Decision::Progress, Row::Progress, ReasonKey::Progress, {"no-checkins"}, 9});
    CHECK_FALSE(got.figures.morningDelta);
}

TEST_CASE("Trend: row 2 at +1 two weeks running; row 5 only at 0 or below",
          "[core][progression][boundary][morning]") {
    struct Case {
        const char* label;
        std::optional<Fraction> before;
        std::optional<Fraction> now;
        Expect expect;
    };
    const Expect trendUp{Decision::Hold, Row::Default, ReasonKey::Missing, {"trend-up"}, 8};
    const auto c = GENERATE_COPY(values<Case>({
        {"+1, +1", Fraction(1), Fraction(1), regress(Row::Pain, "trend")},
        {"+1, +3/2", Fraction(1), Fraction(3, 2), regress(Row::Pain, "trend")},
        {"+1, +1/2", Fraction(1), Fraction(1, 2), trendUp},
        {"+1/2, +1", Fraction(1, 2), Fraction(1), trendUp},
        {"+99/100, +1", Fraction(99, 100), Fraction(1), trendUp},
        {"+1, 0", Fraction(1), Fraction(0), kProgress},
        {"+1, -1/2", Fraction(1), Fraction(-1, 2), kProgress},
        {"unknown before, +1", std::nullopt, Fraction(1), trendUp},
        {"unknown", std::nullopt, std::nullopt, kProgress},
    }));
    INFO("Trend " << c.label);
    auto w = greenWeek();
    w.trendBefore = c.before;
    w.trend = c.now;
    check(decideWeek(w, midContext(), kReview), c.expect);
}

TEST_CASE("gaps: row 7 from 1 day; 7-13 days resume at the last dose; from 14 days at 75 %",
          "[core][progression][boundary][gap]") {
    struct Case {
        int days;
        Expect expect;
        bool resumeCuts;
    };
    auto gap = [](ReasonKey key, int days) {
        return Expect{Decision::Hold, Row::Gap, key, {std::to_string(days)}, 8};
    };
    const auto c = GENERATE_COPY(values<Case>({
        {0, kProgress, false},
        {1, gap(ReasonKey::GapShort, 1), false},
        {6, gap(ReasonKey::GapShort, 6), false},
        {7, gap(ReasonKey::GapHold, 7), false},
        {13, gap(ReasonKey::GapHold, 13), false},
        {14, gap(ReasonKey::GapResume, 14), true},
        {30, gap(ReasonKey::GapResume, 30), true},
    }));
    INFO("gap " << c.days << " days");
    auto w = greenWeek();
    w.gapDays = c.days;
    const auto got = decideWeek(w, midContext(), kReview);
    check(got, c.expect);
    if (c.days > 0) {
        CHECK(got.figures.gapDays == c.days);
    }
    // At the first session after the gap: 75 % from 14 days on, nothing before.
    const auto resumed = resumeAfterGap(c.days, midContext(), kReview);
    if (c.resumeCuts) {
        REQUIRE(resumed);
        check(*resumed,
              {Decision::Regress, Row::Gap, ReasonKey::GapResume, {std::to_string(c.days)}, 6});
    } else {
        CHECK_FALSE(resumed);
    }
}

TEST_CASE("quota: 70 % of the mean reps per set per side, rounded down, at least 1 (§5f)",
          "[core][progression][boundary][quota]") {
    struct Case {
        const char* label;
        Fraction baseline;
        int quota;
        std::string baselineText;
    };
    const auto c = GENERATE(values<Case>({
        {"1", Fraction(1), 1, "1"},                // 0.7: at least 1
        {"10/7", Fraction(10, 7), 1, "1.429"},     // exactly 1
        {"20/7", Fraction(20, 7), 2, "2.857"},     // exactly 2
        {"29/7", Fraction(29, 7), 2, "4.143"},     // 2.9
        {"299/70", Fraction(299, 70), 2, "4.271"}, // 2.99
        {"30/7", Fraction(30, 7), 3, "4.286"},     // exactly 3 (in doubles, 2.999...)
        {"31/7", Fraction(31, 7), 3, "4.429"},     // 3.1
        {"10", Fraction(10), 7, "10"},
        {"21/2", Fraction(21, 2), 7, "10.5"}, // 7.35
    }));
    INFO("baseline " << c.label);
    auto w = greenWeek();
    w.baselineWeek = true;
    w.quotaBaseline = c.baseline;
    auto ctx = midContext();
    ctx.quotaMode = true;
    ctx.current.bounds.reps = {1, 30};
    const auto got = decideWeek(w, ctx, kReview);
    CHECK(got.row == Row::Quota);
    CHECK(got.reason.key == ReasonKey::QuotaBaseline);
    CHECK(got.reason.params == std::vector<std::string>{c.baselineText, std::to_string(c.quota)});
    CHECK(got.to.dose.reps == c.quota);
    CHECK(got.figures.quota == c.quota);
    CHECK(got.decision == (c.quota < 8 ? Decision::Regress : Decision::Progress));
}

TEST_CASE("rows are tried in the order 0, 1, 2, 7, 3, 4b, 4, 5, default",
          "[core][progression][boundary]") {
    struct Case {
        const char* label;
        void (*change)(ExerciseWeek&);
        Row row;
        ReasonKey key;
    };
    const auto c = GENERATE(values<Case>({
        {"0 before 1",
         [](ExerciseWeek& w) {
             w.redFlags = {RedFlag::FeverWeightLoss};
             w.leg = LegChange::NumbWeak;
         },
         Row::RedFlag, ReasonKey::ProgramStopped},
        {"1 before 2",
         [](ExerciseWeek& w) {
             w.leg = LegChange::Worse;
             w.painDuring = 8;
         },
         Row::Legs, ReasonKey::LegsWorse},
        {"numb-weak",
         [](ExerciseWeek& w) {
             w.leg = LegChange::NumbWeak;
             w.gapDays = 3;
         },
         Row::Legs, ReasonKey::LegsNumbWeak},
        {"2 before 7",
         [](ExerciseWeek& w) {
             w.painDuring = 6;
             w.gapDays = 14;
         },
         Row::Pain, ReasonKey::RegressCut},
        {"7 before 3",
         [](ExerciseWeek& w) {
             w.gapDays = 1;
             w.adherence = Fraction(1, 7);
         },
         Row::Gap, ReasonKey::GapShort},
        {"3 before 4b",
         [](ExerciseWeek& w) {
             w.adherence = Fraction(2, 5);
             w.lastTwo[0].effort = w.lastTwo[1].effort = 9;
         },
         Row::LowAdherence, ReasonKey::LowAdherenceHold},
        {"4b before 4",
         [](ExerciseWeek& w) {
             w.lastTwo[0].completion = w.lastTwo[1].completion = Fraction(1, 2);
             w.painDuring = 5;
         },
         Row::CannotComplete, ReasonKey::RegressCut},
        {"4 before 5", [](ExerciseWeek& w) { w.adherence = Fraction(3, 4); }, Row::Amber,
         ReasonKey::Amber},
        {"not done: default",
         [](ExerciseWeek& w) {
             w = ExerciseWeek{};
             w.adherence = Fraction(1);
         },
         Row::Default, ReasonKey::NotDone},
    }));
    INFO(c.label);
    auto w = greenWeek();
    c.change(w);
    const auto got = decideWeek(w, midContext(), kReview);
    CHECK(got.row == c.row);
    CHECK(got.reason.key == c.key);
}

TEST_CASE("the safety rows override a lock and automatic progression off",
          "[core][progression][boundary]") {
    auto c = midContext();
    const bool locked = GENERATE(true, false);
    c.current.locked = locked;
    c.autoProgression = locked; // one or the other
    INFO((locked ? "locked" : "automatic progression off"));
    auto w = greenWeek();
    w.painDuring = 6;
    auto got = decideWeek(w, c, kReview);
    CHECK(got.row == Row::Pain);
    CHECK(got.decision == Decision::Regress);
    w = greenWeek();
    w.leg = LegChange::Worse;
    got = decideWeek(w, c, kReview);
    CHECK(got.row == Row::Legs);
    CHECK(got.decision == Decision::Stop);
    CHECK(got.to.stopped);
    // The other rows hold.
    got = decideWeek(greenWeek(), c, kReview);
    CHECK(got.decision == Decision::Hold);
    CHECK(got.reason.key == (locked ? ReasonKey::Locked : ReasonKey::AutoOff));
}
