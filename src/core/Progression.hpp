#pragma once
#include "Journal.hpp"
#include "Library.hpp"
#include "Program.hpp"

#include <optional>
#include <string>
#include <vector>

// The rule table of clinical-rules.md §5 as pure functions: the inputs of §4 for one exercise
// and one week in, a decision with its rule, a sentence and the figures it used out.
// Choices where the table is silent are documented in docs/progression.md.
namespace motus::core {

// §4, for one exercise over the week under review.
struct ExerciseWeek {
    std::optional<int> painDuring;    // Pd: highest pain during the exercise this week
    std::optional<int> morningDelta;  // ΔPm: highest morning pain this week minus baseline
    std::optional<double> trend;      // this week's mean morning pain minus last week's
    bool trendUpLastWeek = false;     // Trend >= +1 in the week before as well
    std::optional<int> effort;        // RPE: highest effort this week (CR10)
    std::optional<double> completion; // C: completed / prescribed volume, last two sessions
    double adherence = 0.0;           // A: weekly adherence, 0..1
    bool legWorse = false;            // leg symptoms spread (rule 1)
    std::vector<RedFlag> redFlags;    // rule 0
    int gapDays = 0;                  // days without a session that ended in this week (rule 7)
    bool baselineWeek = false;        // the program's first week (quota mode's baseline)
    int baselineReps = 0;             // quota mode: most reps per set done in the baseline week
};

struct RuleContext {
    const Exercise* exercise = nullptr; // the exercise now prescribed
    const Library* library = nullptr;   // for variants
    Prescription current;
    std::optional<Dose> lastGreen; // the last dose that progressed without trouble
    bool autoProgression = true;
    bool quotaMode = false;
};

// The weekly decision for one exercise (rows 0 to 7, the first that matches).
[[nodiscard]] DoseChange decideWeek(const ExerciseWeek& week, const RuleContext& context,
                                    Date date);

// The safety rows that act at once on a log or a check-in: rule 1 (legs worse), rule 2 (pain
// during >= 6, or morning pain up by >= 2). Empty when nothing fires.
[[nodiscard]] std::optional<DoseChange> decideAtOnce(const ExerciseWeek& now,
                                                     const RuleContext& context, Date date);

// Rule 0 on a check-in with red flags: the decision that stops the program.
[[nodiscard]] DoseChange stopProgram(const std::vector<RedFlag>& flags, Date date);

// Rule 7 at the first session after a gap: resume at 75 % after 14 days or more.
[[nodiscard]] std::optional<DoseChange> resumeAfterGap(int gapDays, const RuleContext& context,
                                                       Date date);

// One step of rule 5a, and the cuts of rules 2, 3 and 7 (all within the bounds).
[[nodiscard]] Dose stepUp(const Dose& dose, const DoseBounds& bounds, bool holdCapped, bool& atTop);
[[nodiscard]] Dose cutVolume(const Dose& dose, const DoseBounds& bounds);
[[nodiscard]] Dose scaleDose(const Dose& dose, const DoseBounds& bounds, double factor);

// Completed / prescribed volume of sets: hold-seconds for held exercises, else reps.
[[nodiscard]] double completionOf(const std::vector<SetRecord>& sets, const Dose& prescribed);

} // namespace motus::core
