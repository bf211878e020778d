#pragma once
#include "Dose.hpp"
#include "Vocabulary.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Decisions as data (clinical-rules.md §5): the row of the rule table that decided, the figures
// it used and a reason key with its parameters. The sentence a person reads is made when it is
// shown (Reasons.hpp), in the language of whoever looks.
namespace motus::core {

using Date = std::chrono::year_month_day;

enum class LegChange { Worse, Same, Better, NumbWeak };
enum class RedFlag { SaddleNumbness, BladderBowel, LegWeakness, FeverWeightLoss, MajorTrauma };
enum class Decision { Progress, Hold, Regress, Switch, Stop, Resume };

// What decided: a row of the rule table (in the order they are tried: 0, 1, 2, 7, 3, 4b, 4, 5,
// default), quota mode (§5f), the plan (a new phase, §5e) or the therapist.
enum class Row {
    RedFlag,        // "0"
    Legs,           // "1"
    Pain,           // "2"
    Gap,            // "7"
    LowAdherence,   // "3"
    CannotComplete, // "4b"
    Amber,          // "4"
    Progress,       // "5"
    Default,        // "default"
    Quota,          // "5f"
    Phase,          // "phase"
    Therapist,      // "therapist"
};

// The rule number of a row for the JSON field "rule" (4b is 4); none for the plan, the
// therapist and the default row.
[[nodiscard]] std::optional<int> ruleNumber(Row row);
// Rows 0-2: they act at once and override locks, "automatic progression off" and quota mode.
[[nodiscard]] constexpr bool isSafetyRow(Row row) {
    return row == Row::RedFlag || row == Row::Legs || row == Row::Pain;
}

// The figures a decision used (§4), as they were then; unknown ones are empty.
struct Figures {
    std::optional<double> adherence;    // A, 0..1
    std::optional<int> painDuring;      // Pd, highest this week (or of this session)
    std::optional<double> morningPain;  // the morning pain that fired, at once
    std::optional<double> baseline;     // Pm baseline (never rounded)
    std::optional<double> morningDelta; // ΔPm
    std::optional<double> trend;        // this week's mean morning pain minus last week's
    std::optional<double> trendBefore;  // the same one week earlier
    std::optional<int> effort;          // RPE, highest this week
    std::optional<double> completion;   // C, 0..
    std::optional<LegChange> leg;
    std::optional<int> gapDays;
    std::vector<RedFlag> redFlags;
    std::optional<double> quotaBaseline; // §5f: mean reps per set per side of the first week
    std::optional<int> quota;            // §5f: the reps asked of the next session
    bool operator==(const Figures&) const = default;
};

// The numeric figures that are known, in a fixed order, each with the key JSON uses: "A", "Pd",
// "dPm", "baseline", "morning_pain", "trend", "trend_before", "RPE", "C", "gap_days",
// "quota_baseline", "quota". `whole` marks the counts and scales (written without decimals). The
// leg answer and the red flags are words (toString), written as "leg" and "red_flags".
struct FigureValue {
    std::string_view key;
    double value = 0;
    bool whole = false;
};
[[nodiscard]] std::vector<FigureValue> numericFigures(const Figures& figures);

// Why, as a key with parameters; Reasons.hpp turns it into a sentence.
enum class ReasonKey {
    Legacy,              // a reason stored as text by an older Motus: params {text}
    ProgramStopped,      // row 0
    LegsWorse,           // row 1
    LegsNumbWeak,        // row 1
    StaysStopped,        // a stopped exercise at a review
    AlreadyActed,        // rows 1-2 acted during the week; the review holds
    RegressLastGreen,    // row 2 / 4b: back to the last dose that went well; params {cause}
    RegressCut,          // row 2 / 4b: a cut of 20-30 %; params {cause}
    SwitchEasier,        // §5c; params {cause}
    SwitchEasierMerged,  // §5c, merged into a variant already in the routine; params {cause, into}
    StopNoEasier,        // §5b at the bottom with no easier variant; params {cause}
    Locked,              // the therapist fixed the dose
    AutoOff,             // automatic changes are off for this program
    GapShort,            // row 7, 1-6 days; params {days}
    GapHold,             // row 7, 7-13 days; params {days}
    GapResume,           // row 7, >= 14 days: 75 %; params {days}
    GapRestoreHalf,      // §5d: the first green week after a long gap
    GapRestoreRest,      // §5d: the second green week
    LowAdherenceHold,    // row 3; params {percent}
    LowAdherenceCut,     // row 3, two weeks running; params {percent}
    Amber,               // row 4; params {cause, cause, ...}
    Progress,            // row 5; params {} or {"no-checkins"}
    AtTopSwitchHarder,   // row 5 at the top: the harder variant
    AtTopMerged,         // the same, merged into a variant in the routine; params {into}
    AtTopStays,          // row 5 at the top, no harder variant
    NotDone,             // default: the exercise was not done this week
    Missing,             // default: what was missing; params {what, ...}
    QuotaBaseline,       // §5f; params {baseline, quota}
    QuotaRaised,         // §5f; params {quota}
    QuotaHeldPain,       // §5f with row 2: the quota is held
    QuotaTwoRed,         // §5f: two red sessions in a row; the therapist is told
    PhaseBegins,         // §5e; params {phase index (0-based), phase name}
    PhaseKeepsRegressed, // §5e: keeps the smaller, regressed dose; params {phase index, name}
    Complete,            // §5e: the program is complete, maintenance
    FlagCleared,         // the therapist lifted a stop
    QuotaWeekly,         // §5f: at the weekly review the quota holds (it rises per session)
};

// Parameters of a reason. Causes are codes ("pd:6", "dpm:2.5", "trend", "rpe:9", "c:0.75",
// "a:0.6"), numbers are written in C-locale text, exercise ids are ids.
struct Reason {
    ReasonKey key = ReasonKey::Legacy;
    std::vector<std::string> params;
    bool operator==(const Reason&) const = default;
};

[[nodiscard]] std::string_view toString(LegChange value);
[[nodiscard]] std::string_view toString(RedFlag value);
[[nodiscard]] std::string_view toString(Decision value);
[[nodiscard]] std::string_view toString(Row value);
[[nodiscard]] std::string_view toString(ReasonKey value);
template <> std::optional<LegChange> parseEnum<LegChange>(std::string_view text);
template <> std::optional<RedFlag> parseEnum<RedFlag>(std::string_view text);
template <> std::optional<Decision> parseEnum<Decision>(std::string_view text);
template <> std::optional<Row> parseEnum<Row>(std::string_view text);
template <> std::optional<ReasonKey> parseEnum<ReasonKey>(std::string_view text);

} // namespace motus::core
