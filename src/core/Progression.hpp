#pragma once
#include "Fraction.hpp"
#include "Journal.hpp"
#include "Library.hpp"
#include "Program.hpp"

#include <optional>
#include <string>
#include <vector>

// The rule table of clinical-rules.md §5 (version 2) as pure functions: the inputs of §4 for one
// exercise and one week in, a decision with its row, its figures and a reason key out. Every
// threshold is compared exactly (Fraction). Choices where the table is silent are documented in
// docs/progression.md.
namespace motus::core {

// One of the last two sessions with an exercise (§4 C; row 4b looks at each).
struct SessionFigures {
    Date date;
    Fraction completion;       // completed / prescribed volume of that session
    std::optional<int> effort; // RPE given for the exercise that day
};

// §4, for one exercise over the week under review.
struct ExerciseWeek {
    bool done = false;                     // logged at least once in the week
    std::optional<int> painDuring;         // Pd: highest pain during the exercise this week
    std::optional<Fraction> baseline;      // Pm baseline (never rounded); empty: unknown
    std::optional<int> worstMorning;       // this week's highest morning pain
    std::optional<Fraction> trend;         // this week's mean morning pain minus last week's
    std::optional<Fraction> trendBefore;   // the same, one week earlier
    std::optional<int> effort;             // RPE: highest effort this week (CR10)
    std::vector<SessionFigures> lastTwo;   // the last two sessions with it, oldest first
    Fraction adherence{1};                 // A: weekly adherence, 0..1
    std::optional<LegChange> leg;          // Worse or NumbWeak when reported this week
    std::vector<RedFlag> redFlags;         // rule 0
    int gapDays = 0;                       // the longest gap in sessions in the week (row 7)
    bool baselineWeek = false;             // the program's first week (quota mode's baseline)
    std::optional<Fraction> quotaBaseline; // §5f: mean reps per set per side in the first week

    [[nodiscard]] std::optional<Fraction> morningDelta() const;
    [[nodiscard]] std::optional<Fraction> completion() const; // C over the last two sessions
};

struct RuleContext {
    const Exercise* exercise = nullptr; // the exercise now prescribed
    const Library* library = nullptr;   // for variants
    Prescription current;
    std::optional<Dose> lastGreen; // the dose the last step up started from (none after a
                                   // step back)
    bool recentRegress = false;    // a row-2 regress within 14 days, no green week since
    std::optional<Dose> beforeGap; // §5d: the dose before a >= 14-day cut, until restored
    bool halfRestored = false;     // §5d: the first green week gave half back already
    bool autoProgression = true;
    bool quotaMode = false;
    bool complete = false;             // §5e: after the program's last week
    std::vector<Prescription> routine; // the routine's current prescriptions (for merges)
};

// The weekly decision for one exercise: rows 0, 1, 2, 7, 3, 4b, 4, 5, default, the first that
// matches (quota mode after row 7).
[[nodiscard]] DoseChange decideWeek(const ExerciseWeek& week, const RuleContext& context,
                                    Date date);

// The safety rows that act at once after a session or a check-in: row 1 (legs), row 2 (pain
// during >= 6, or morning pain >= 2 above the baseline). Empty when nothing fires.
[[nodiscard]] std::optional<DoseChange> decideAtOnce(const ExerciseWeek& now,
                                                     const RuleContext& context, Date date);

// Row 0 on a check-in with red flags: the decision that stops the program.
[[nodiscard]] DoseChange stopProgram(const std::vector<RedFlag>& flags, Date date);

// Row 7 at the first session after a gap of >= 14 days: restart at 75 % (§5d).
[[nodiscard]] std::optional<DoseChange> resumeAfterGap(int gapDays, const RuleContext& context,
                                                       Date date);

// §5f: the session met its quota, so the next one asks a rep more (within the bounds).
[[nodiscard]] std::optional<DoseChange> raiseQuota(const RuleContext& context, Date date);

// Reps × sets × max(1, hold s), a pyramid's sets summed.
[[nodiscard]] int volume(const Dose& dose);
// A timed hold (§5a): hold >= 10 s and not hold-capped.
[[nodiscard]] bool isTimedHold(const Dose& dose, bool holdCapped);

struct StepUp {
    Dose dose;
    bool atTop = false; // nothing could go up within the bounds
};
// One step of §5a.
[[nodiscard]] StepUp stepUp(const Dose& dose, const DoseBounds& bounds, bool holdCapped);
// One step of §5b within the bounds (the last green dose when smaller); empty at the bottom.
[[nodiscard]] std::optional<Dose> stepBack(const Dose& dose, const DoseBounds& bounds,
                                           const std::optional<Dose>& lastGreen);
// §5d: 75 % of the reps (of the hold for timed holds), sets and tempo unchanged.
[[nodiscard]] Dose cutTo75(const Dose& dose, const DoseBounds& bounds, bool holdCapped);

// Completed / prescribed volume of sets: hold-seconds for held exercises, else reps.
[[nodiscard]] Fraction completionOf(const std::vector<SetRecord>& sets, const Dose& prescribed);

} // namespace motus::core
