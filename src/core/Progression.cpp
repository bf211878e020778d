#include "Progression.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace motus::core {
namespace {

std::string text(Fraction value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", std::round(value.toDouble() * 1000) / 1000);
    return buffer;
}

Figures figuresOf(const ExerciseWeek& w) {
    Figures f;
    f.adherence = w.adherence.toDouble();
    f.painDuring = w.painDuring;
    if (w.baseline) {
        f.baseline = w.baseline->toDouble();
    }
    if (auto delta = w.morningDelta()) {
        f.morningDelta = delta->toDouble();
    }
    if (w.trend) {
        f.trend = w.trend->toDouble();
    }
    if (w.trendBefore) {
        f.trendBefore = w.trendBefore->toDouble();
    }
    f.effort = w.effort;
    if (auto c = w.completion()) {
        f.completion = c->toDouble();
    }
    f.leg = w.leg;
    if (w.gapDays > 0) {
        f.gapDays = w.gapDays;
    }
    f.redFlags = w.redFlags;
    if (w.quotaBaseline) {
        f.quotaBaseline = w.quotaBaseline->toDouble();
    }
    return f;
}

DoseChange decision(const RuleContext& c, Date date, Decision what, Row row, ReasonKey key,
                    std::vector<std::string> params, Figures figures) {
    DoseChange d;
    d.date = date;
    d.exercise = c.current.exercise;
    d.decision = what;
    d.row = row;
    d.reason = Reason{key, std::move(params)};
    d.figures = std::move(figures);
    d.from = c.current;
    d.to = c.current;
    d.to.lowAdherenceWeeks = 0; // row 3 counts weeks running; any other decision ends the run
    return d;
}

int maxReps(const Dose& dose) {
    return dose.pyramid.empty() ? dose.reps
                                : *std::max_element(dose.pyramid.begin(), dose.pyramid.end());
}
int minReps(const Dose& dose) {
    return dose.pyramid.empty() ? dose.reps
                                : *std::min_element(dose.pyramid.begin(), dose.pyramid.end());
}

// Every set's reps changed by `change(reps)`, a pyramid kept in shape.
template <typename Change> Dose withReps(Dose dose, Change change) {
    if (dose.pyramid.empty()) {
        dose.reps = change(dose.reps);
    } else {
        for (auto& reps : dose.pyramid) {
            reps = change(reps);
        }
        dose.reps = dose.pyramid.front();
    }
    return dose;
}

// The variant at the given end of the chain, with its starting dose (§5c); empty when there is
// none. An easier variant gets its default dose scaled down to the volume of `target`.
std::optional<Prescription> variantOf(const RuleContext& c, bool harder, const Dose& target) {
    if (c.exercise == nullptr || c.library == nullptr) {
        return std::nullopt;
    }
    const auto& id = harder ? c.exercise->progression : c.exercise->regression;
    const Exercise* variant = id ? c.library->find(*id) : nullptr;
    if (variant == nullptr) {
        return std::nullopt;
    }
    Prescription p;
    p.exercise = variant->id;
    p.bounds = variant->bounds;
    p.dose = variant->dose;
    p.dose.perDay = c.current.dose.perDay;
    p.dose.perWeek = c.current.dose.perWeek;
    const auto& b = variant->bounds;
    if (harder) {
        p.dose.pyramid.clear();
        p.dose.sets = b.sets.min;
        p.dose.reps = b.reps.min;
        p.dose.holdSeconds = p.dose.holdSeconds == 0 ? 0 : std::max(1, b.hold.min);
        return p;
    }
    // Easier: scaled down until its volume is not more than the target's, within its bounds.
    while (volume(p.dose) > volume(target)) {
        if (maxReps(p.dose) > b.reps.min) {
            p.dose = withReps(p.dose, [&](int r) { return std::max(b.reps.min, r - 1); });
        } else if (p.dose.sets > b.sets.min && p.dose.pyramid.empty()) {
            --p.dose.sets;
        } else if (p.dose.holdSeconds > std::max(1, b.hold.min)) {
            --p.dose.holdSeconds;
        } else {
            break;
        }
    }
    return p;
}

// §5c: a switch never duplicates an exercise. When the variant already has a place in the
// routine, the switched item merges into it and the smaller of the two doses stays.
std::optional<Prescription> inRoutine(const RuleContext& c, const std::string& id) {
    for (const auto& p : c.routine) {
        if (p.exercise == id && p.exercise != c.current.exercise) {
            return p;
        }
    }
    return std::nullopt;
}

// §5b and §5c: one step back; at the bottom the easier variant; with none, a stop.
DoseChange stepBackDecision(const RuleContext& c, Date date, Row row,
                            const std::vector<std::string>& causes, const Figures& figures) {
    const auto back = stepBack(c.current.dose, c.current.bounds, c.lastGreen);
    const bool second = row == Row::Pain && c.recentRegress;
    if (back && !second) {
        const bool toGreen = c.lastGreen && *back == *c.lastGreen;
        auto d = decision(c, date, Decision::Regress, row,
                          toGreen ? ReasonKey::RegressLastGreen : ReasonKey::RegressCut, causes,
                          figures);
        d.to.dose = *back;
        if (row == Row::Pain) {
            d.to.regressionsInARow = c.current.regressionsInARow + 1;
        }
        return d;
    }
    const Dose target = back.value_or(c.current.dose);
    if (auto easier = variantOf(c, false, target)) {
        easier->regressionsInARow = 0;
        if (auto existing = inRoutine(c, easier->exercise)) {
            auto d = decision(c, date, Decision::Switch, row, ReasonKey::SwitchEasierMerged,
                              {causes.empty() ? std::string() : causes.front(), easier->exercise},
                              figures);
            d.to = *existing;
            if (volume(easier->dose) < volume(existing->dose)) {
                d.to.dose = easier->dose;
            }
            return d;
        }
        auto d = decision(c, date, Decision::Switch, row, ReasonKey::SwitchEasier, causes, figures);
        d.to = *easier;
        return d;
    }
    if (back) { // a second regress with no easier variant: one more step back
        auto d = decision(c, date, Decision::Regress, row, ReasonKey::RegressCut, causes, figures);
        d.to.dose = *back;
        d.to.regressionsInARow = c.current.regressionsInARow + 1;
        return d;
    }
    auto d = decision(c, date, Decision::Stop, row, ReasonKey::StopNoEasier, causes, figures);
    d.to.stopped = true;
    return d;
}

// The causes of row 2 in `w` (empty: row 2 does not fire).
std::vector<std::string> painCauses(const ExerciseWeek& w, bool weekly) {
    std::vector<std::string> causes;
    if (w.painDuring && *w.painDuring >= 6) {
        causes.push_back("pd:" + std::to_string(*w.painDuring));
    }
    if (auto delta = w.morningDelta(); delta && *delta >= Fraction(2)) {
        causes.push_back("dpm:" + text(*delta));
    }
    if (weekly && w.trend && w.trendBefore && *w.trend >= Fraction(1) &&
        *w.trendBefore >= Fraction(1)) {
        causes.emplace_back("trend");
    }
    return causes;
}

DoseChange hold(const RuleContext& c, Date date, Row row, ReasonKey key,
                std::vector<std::string> params, const Figures& figures) {
    return decision(c, date, Decision::Hold, row, key, std::move(params), figures);
}

} // namespace

std::optional<Fraction> ExerciseWeek::morningDelta() const {
    if (!baseline || !worstMorning) {
        return std::nullopt;
    }
    return Fraction(*worstMorning) - *baseline;
}

std::optional<Fraction> ExerciseWeek::completion() const {
    if (lastTwo.empty()) {
        return std::nullopt;
    }
    Fraction sum;
    for (const auto& s : lastTwo) {
        sum += s.completion;
    }
    return sum / Fraction(static_cast<std::int64_t>(lastTwo.size()));
}

int volume(const Dose& dose) {
    int reps = 0;
    if (dose.pyramid.empty()) {
        reps = dose.reps * dose.sets;
    } else {
        for (int r : dose.pyramid) {
            reps += r;
        }
    }
    return reps * std::max(1, dose.holdSeconds);
}

bool isTimedHold(const Dose& dose, bool holdCapped) {
    return dose.holdSeconds >= 10 && !holdCapped;
}

StepUp stepUp(const Dose& dose, const DoseBounds& bounds, bool holdCapped) {
    // The volume rule of §5a ("at most +25 %, unless the smallest possible step is itself
    // larger") holds by construction: +1 rep and +1 s are the smallest steps, +10 % of 15 reps or
    // more and +20 % of a timed hold (at most +5 s) stay under 25 %, and an added set starts at
    // the bottom of the reps, the smallest step that field allows (docs/progression.md).
    auto oneMoreRep = [&](int step) -> std::optional<Dose> {
        if (maxReps(dose) >= bounds.reps.max) {
            return std::nullopt;
        }
        return withReps(dose, [&](int r) { return std::min(bounds.reps.max, r + step); });
    };
    if (isTimedHold(dose, holdCapped)) {
        // Timed holds: hold +20 % (rounded up, 1 to 5 s) up to 30 s or the bound; then reps +1;
        // then +1 set.
        const int top = std::min(30, bounds.hold.max);
        if (dose.holdSeconds < top) {
            Dose next = dose;
            const int step = std::clamp((dose.holdSeconds * 20 + 99) / 100, 1, 5);
            next.holdSeconds = std::min(top, dose.holdSeconds + step);
            return {next, false};
        }
        if (auto next = oneMoreRep(1)) {
            return {*next, false};
        }
        if (dose.pyramid.empty() && dose.sets < bounds.sets.max) {
            Dose next = dose;
            ++next.sets;
            return {next, false};
        }
        return {dose, true};
    }
    // Everything else: reps +1 (+10 % at 15 or more; a pyramid's every set +1); then +1 set up
    // to 3 with the reps back at the bottom of their bound; then hold +1 s.
    const int step = dose.pyramid.empty() && dose.reps >= 15
                         ? std::max(1, static_cast<int>(std::lround(dose.reps * 0.10)))
                         : 1;
    if (auto next = oneMoreRep(step)) {
        return {*next, false};
    }
    if (dose.pyramid.empty() && dose.sets < std::min(3, bounds.sets.max)) {
        Dose next = dose;
        ++next.sets;
        next.reps = bounds.reps.min;
        return {next, false};
    }
    if (dose.holdSeconds > 0 && !holdCapped && dose.holdSeconds < bounds.hold.max) {
        Dose next = dose;
        next.holdSeconds = dose.holdSeconds + 1;
        return {next, false};
    }
    return {dose, true};
}

std::optional<Dose> stepBack(const Dose& dose, const DoseBounds& bounds,
                             const std::optional<Dose>& lastGreen) {
    if (lastGreen && volume(*lastGreen) < volume(dose)) {
        return *lastGreen; // the reverse of the last step up
    }
    if (dose.sets >= 3 && dose.sets > bounds.sets.min) {
        Dose next = dose;
        --next.sets;
        if (!next.pyramid.empty()) {
            next.pyramid.pop_back();
        }
        return next;
    }
    if (minReps(dose) > bounds.reps.min) {
        return withReps(dose, [&](int r) {
            const int cut = std::max(1, static_cast<int>(std::lround(r * 0.25)));
            return std::max(bounds.reps.min, r - cut);
        });
    }
    const int holdFloor = std::max(1, bounds.hold.min);
    if (dose.holdSeconds > holdFloor) {
        Dose next = dose;
        const int cut = std::max(1, static_cast<int>(std::lround(dose.holdSeconds * 0.25)));
        next.holdSeconds = std::max(holdFloor, dose.holdSeconds - cut);
        return next;
    }
    if (dose.sets > bounds.sets.min) {
        Dose next = dose;
        --next.sets;
        if (!next.pyramid.empty()) {
            next.pyramid.pop_back();
        }
        return next;
    }
    return std::nullopt;
}

Dose cutTo75(const Dose& dose, const DoseBounds& bounds, bool holdCapped) {
    auto scale = [](int value, int floor) {
        return std::max({1, floor, static_cast<int>(std::lround(value * 0.75))});
    };
    if (isTimedHold(dose, holdCapped)) {
        Dose next = dose;
        next.holdSeconds = std::min(dose.holdSeconds, scale(dose.holdSeconds, bounds.hold.min));
        return next;
    }
    return withReps(dose, [&](int r) { return std::min(r, scale(r, bounds.reps.min)); });
}

Fraction completionOf(const std::vector<SetRecord>& sets, const Dose& prescribed) {
    std::int64_t done = 0;
    std::int64_t asked = 0;
    for (const auto& set : sets) {
        const int hold = prescribed.holdSeconds;
        done +=
            hold > 0 ? std::int64_t{set.repsDone} * std::min(set.holdSeconds, hold) : set.repsDone;
        asked += hold > 0 ? std::int64_t{set.repsPrescribed} * hold : set.repsPrescribed;
    }
    return asked > 0 ? Fraction(done, asked) : Fraction(0);
}

DoseChange stopProgram(const std::vector<RedFlag>& flags, Date date) {
    DoseChange d;
    d.date = date;
    d.decision = Decision::Stop;
    d.row = Row::RedFlag;
    d.reason = Reason{ReasonKey::ProgramStopped, {}};
    d.figures.redFlags = flags;
    return d;
}

std::optional<DoseChange> decideAtOnce(const ExerciseWeek& w, const RuleContext& c, Date date) {
    const Figures figures = figuresOf(w);
    if (w.leg == LegChange::Worse || w.leg == LegChange::NumbWeak) {
        auto d =
            decision(c, date, Decision::Stop, Row::Legs,
                     w.leg == LegChange::Worse ? ReasonKey::LegsWorse : ReasonKey::LegsNumbWeak, {},
                     figures);
        d.to.stopped = true;
        return d;
    }
    const auto causes = painCauses(w, false);
    if (causes.empty()) {
        return std::nullopt;
    }
    if (c.quotaMode) {
        // §5f: row 2 holds the quota; two red sessions in a row tell the therapist.
        const bool twice = c.current.regressionsInARow >= 1;
        auto d =
            decision(c, date, Decision::Hold, Row::Pain,
                     twice ? ReasonKey::QuotaTwoRed : ReasonKey::QuotaHeldPain, causes, figures);
        d.to.regressionsInARow = c.current.regressionsInARow + 1;
        return d;
    }
    return stepBackDecision(c, date, Row::Pain, causes, figures);
}

std::optional<DoseChange> resumeAfterGap(int gapDays, const RuleContext& c, Date date) {
    if (gapDays < 14 || c.current.locked || c.current.stopped) {
        return std::nullopt;
    }
    ExerciseWeek w;
    w.gapDays = gapDays;
    Figures figures;
    figures.gapDays = gapDays;
    const bool capped = c.exercise != nullptr && c.exercise->holdCapped;
    auto d = decision(c, date, Decision::Regress, Row::Gap, ReasonKey::GapResume,
                      {std::to_string(gapDays)}, figures);
    d.to.dose = cutTo75(c.current.dose, c.current.bounds, capped);
    if (d.to.dose == d.from.dose) {
        d.decision = Decision::Hold;
    }
    return d;
}

std::optional<DoseChange> raiseQuota(const RuleContext& c, Date date) {
    if (c.current.locked || c.current.stopped) {
        return std::nullopt;
    }
    auto d = decision(c, date, Decision::Progress, Row::Quota, ReasonKey::QuotaRaised, {}, {});
    d.to.dose =
        withReps(c.current.dose, [&](int r) { return std::min(c.current.bounds.reps.max, r + 1); });
    if (d.to.dose == d.from.dose) {
        return std::nullopt; // at the top of its bound
    }
    d.to.regressionsInARow = 0;
    d.reason.params = {std::to_string(maxReps(d.to.dose))};
    d.figures.quota = maxReps(d.to.dose);
    return d;
}

DoseChange decideWeek(const ExerciseWeek& w, const RuleContext& c, Date date) {
    const Figures figures = figuresOf(w);
    // Row 0: red flags stop everything.
    if (!w.redFlags.empty()) {
        auto d = stopProgram(w.redFlags, date);
        d.exercise = c.current.exercise;
        d.from = d.to = c.current;
        return d;
    }
    if (c.current.stopped) {
        return hold(c, date, Row::Default, ReasonKey::StaysStopped, {}, figures);
    }
    // Rows 1 and 2 (they override locks, "automatic progression off" and quota mode, which
    // holds the quota on row 2).
    if (w.leg == LegChange::Worse || w.leg == LegChange::NumbWeak) {
        return *decideAtOnce(w, c, date);
    }
    if (auto causes = painCauses(w, true); !causes.empty()) {
        if (c.quotaMode) {
            return hold(c, date, Row::Pain, ReasonKey::QuotaHeldPain, causes, figures);
        }
        return stepBackDecision(c, date, Row::Pain, causes, figures);
    }
    if (c.current.locked) {
        return hold(c, date, Row::Default, ReasonKey::Locked, {}, figures);
    }
    if (!c.autoProgression) {
        return hold(c, date, Row::Default, ReasonKey::AutoOff, {}, figures);
    }
    // Row 7: a gap in sessions this week.
    if (w.gapDays >= 14) {
        return hold(c, date, Row::Gap, ReasonKey::GapResume, {std::to_string(w.gapDays)}, figures);
    }
    if (w.gapDays >= 7) {
        return hold(c, date, Row::Gap, ReasonKey::GapHold, {std::to_string(w.gapDays)}, figures);
    }
    if (w.gapDays >= 1) {
        return hold(c, date, Row::Gap, ReasonKey::GapShort, {std::to_string(w.gapDays)}, figures);
    }
    // §5f: quota mode is time-contingent: the first week sets the quota, sessions raise it.
    if (c.quotaMode) {
        if (w.baselineWeek && w.quotaBaseline) {
            const Fraction seventy = *w.quotaBaseline * Fraction(7, 10);
            const int quota = std::max<int>(1, static_cast<int>(seventy.num() / seventy.den()));
            auto d = decision(c, date, Decision::Hold, Row::Quota, ReasonKey::QuotaBaseline,
                              {text(*w.quotaBaseline), std::to_string(quota)}, figures);
            d.to.dose.pyramid.clear();
            d.to.dose.reps =
                std::clamp(quota, c.current.bounds.reps.min, c.current.bounds.reps.max);
            d.to.regressionsInARow = 0;
            d.figures.quota = d.to.dose.reps;
            d.decision = d.to.dose == d.from.dose               ? Decision::Hold
                         : d.to.dose.reps < c.current.dose.reps ? Decision::Regress
                                                                : Decision::Progress;
            return d;
        }
        return hold(c, date, Row::Quota, ReasonKey::QuotaWeekly, {}, figures);
    }
    // Row 3: low adherence; two weeks running cut to 75 %.
    if (w.adherence < Fraction(1, 2)) {
        const std::string a = text(w.adherence);
        if (c.current.lowAdherenceWeeks >= 1) {
            auto d = decision(c, date, Decision::Regress, Row::LowAdherence,
                              ReasonKey::LowAdherenceCut, {a}, figures);
            d.to.dose = cutTo75(c.current.dose, c.current.bounds,
                                c.exercise != nullptr && c.exercise->holdCapped);
            d.to.lowAdherenceWeeks = 0;
            if (d.to.dose == d.from.dose) {
                d.decision = Decision::Hold;
            }
            return d;
        }
        auto d = hold(c, date, Row::LowAdherence, ReasonKey::LowAdherenceHold, {a}, figures);
        d.to.lowAdherenceWeeks = c.current.lowAdherenceWeeks + 1;
        return d;
    }
    // Row 4b: the dose cannot be completed: in both of the last two sessions, RPE >= 9 or
    // C < 80 %.
    if (w.lastTwo.size() == 2) {
        auto cannot = [](const SessionFigures& s) {
            return (s.effort && *s.effort >= 9) || s.completion < Fraction(4, 5);
        };
        if (cannot(w.lastTwo[0]) && cannot(w.lastTwo[1])) {
            std::vector<std::string> causes;
            for (const auto& s : w.lastTwo) {
                const std::string cause = s.effort && *s.effort >= 9
                                              ? "rpe:" + std::to_string(*s.effort)
                                              : "c:" + text(s.completion);
                if (std::find(causes.begin(), causes.end(), cause) == causes.end()) {
                    causes.push_back(cause);
                }
            }
            return stepBackDecision(c, date, Row::CannotComplete, causes, figures);
        }
    }
    // Row 4: hold, naming each figure that held it.
    std::vector<std::string> amber;
    if (w.painDuring && *w.painDuring >= 4 && *w.painDuring <= 5) {
        amber.push_back("pd-amber:" + std::to_string(*w.painDuring));
    }
    if (w.effort && *w.effort >= 7 && *w.effort <= 8) {
        amber.push_back("rpe:" + std::to_string(*w.effort));
    }
    if (auto cmp = w.completion(); cmp && *cmp >= Fraction(4, 5) && *cmp < Fraction(1)) {
        amber.push_back("c:" + text(*cmp));
    }
    if (w.adherence >= Fraction(1, 2) && w.adherence < Fraction(4, 5)) {
        amber.push_back("a:" + text(w.adherence));
    }
    if (!amber.empty()) {
        return hold(c, date, Row::Amber, ReasonKey::Amber, amber, figures);
    }
    // Row 5: one step up when every sign is there.
    const bool lastTwoComplete =
        w.lastTwo.size() == 2 && std::all_of(w.lastTwo.begin(), w.lastTwo.end(), [](const auto& s) {
            return s.completion >= Fraction(1);
        });
    const auto delta = w.morningDelta();
    const bool ready = w.done && w.adherence >= Fraction(4, 5) && w.painDuring &&
                       *w.painDuring <= 3 && (!delta || *delta < Fraction(2)) &&
                       (!w.trend || *w.trend <= Fraction(0)) && lastTwoComplete &&
                       (!w.effort || *w.effort <= 6);
    if (ready) {
        std::vector<std::string> note;
        if (!w.baseline) {
            note.emplace_back("no-checkins");
        }
        if (c.complete) {
            auto d = hold(c, date, Row::Progress, ReasonKey::Complete, {}, figures);
            d.to.regressionsInARow = 0;
            return d;
        }
        if (c.beforeGap && volume(*c.beforeGap) > volume(c.current.dose)) {
            // §5d: the first green week gives half of the cut back, the second the rest.
            auto d =
                decision(c, date, Decision::Progress, Row::Gap,
                         c.halfRestored ? ReasonKey::GapRestoreRest : ReasonKey::GapRestoreHalf, {},
                         figures);
            if (c.halfRestored) {
                d.to.dose = *c.beforeGap;
            } else {
                d.to.dose.holdSeconds =
                    c.current.dose.holdSeconds +
                    (c.beforeGap->holdSeconds - c.current.dose.holdSeconds + 1) / 2;
                d.to.dose.reps =
                    c.current.dose.reps + (c.beforeGap->reps - c.current.dose.reps + 1) / 2;
                if (!c.current.dose.pyramid.empty() &&
                    c.current.dose.pyramid.size() == c.beforeGap->pyramid.size()) {
                    for (std::size_t i = 0; i < d.to.dose.pyramid.size(); ++i) {
                        d.to.dose.pyramid[i] =
                            c.current.dose.pyramid[i] +
                            (c.beforeGap->pyramid[i] - c.current.dose.pyramid[i] + 1) / 2;
                    }
                    d.to.dose.reps = d.to.dose.pyramid.front();
                }
            }
            d.to.regressionsInARow = 0;
            return d;
        }
        const bool capped = c.exercise != nullptr && c.exercise->holdCapped;
        const auto next = stepUp(c.current.dose, c.current.bounds, capped);
        if (next.atTop) {
            if (auto harder = variantOf(c, true, c.current.dose)) {
                if (auto existing = inRoutine(c, harder->exercise)) {
                    auto d = decision(c, date, Decision::Switch, Row::Progress,
                                      ReasonKey::AtTopMerged, {harder->exercise}, figures);
                    d.to = *existing;
                    if (volume(harder->dose) < volume(existing->dose)) {
                        d.to.dose = harder->dose;
                    }
                    return d;
                }
                auto d = decision(c, date, Decision::Switch, Row::Progress,
                                  ReasonKey::AtTopSwitchHarder, note, figures);
                d.to = *harder;
                return d;
            }
            auto d = hold(c, date, Row::Progress, ReasonKey::AtTopStays, note, figures);
            d.to.regressionsInARow = 0;
            return d;
        }
        auto d = decision(c, date, Decision::Progress, Row::Progress, ReasonKey::Progress, note,
                          figures);
        d.to.dose = next.dose;
        d.to.regressionsInARow = 0;
        d.to.lowAdherenceWeeks = 0;
        return d;
    }
    // Default: hold, naming what was missing.
    if (!w.done) {
        return hold(c, date, Row::Default, ReasonKey::NotDone, {}, figures);
    }
    std::vector<std::string> missing;
    if (!w.painDuring) {
        missing.emplace_back("no-pain-rating");
    }
    if (!w.baseline) {
        missing.emplace_back("no-checkins");
    }
    if (w.effort && *w.effort > 6) { // RPE 9-10 in one of the last two sessions only
        missing.push_back("rpe:" + std::to_string(*w.effort));
    }
    if (w.trend && *w.trend > Fraction(0)) {
        missing.emplace_back("trend-up");
    }
    if (!lastTwoComplete) {
        missing.emplace_back("fewer-sessions");
    }
    return hold(c, date, Row::Default, ReasonKey::Missing, missing, figures);
}

} // namespace motus::core
