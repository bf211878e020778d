#include "Progression.hpp"

#include "I18n.hpp"
#include "Names.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace motus::core {
namespace {

std::string format(const char* pattern, const std::string& a = {}, const std::string& b = {}) {
    // Patterns use %1 and %2 so translators can reorder them.
    std::string out = pattern;
    auto put = [&](const char* key, const std::string& value) {
        for (auto at = out.find(key); at != std::string::npos;
             at = out.find(key, at + value.size())) {
            out.replace(at, 2, value);
        }
    };
    put("%1", a);
    put("%2", b);
    return out;
}

std::string num(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", std::round(value * 100) / 100);
    return buffer;
}

std::string percent(double fraction) {
    return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%";
}

Figures figuresOf(const ExerciseWeek& w) {
    Figures f;
    f.adherence = w.adherence;
    f.painDuring = w.painDuring;
    if (w.morningDelta)
        f.morningDelta = *w.morningDelta;
    f.trend = w.trend;
    f.effort = w.effort;
    f.completion = w.completion;
    if (w.legWorse)
        f.leg = LegChange::Worse;
    if (w.gapDays > 0)
        f.gapDays = w.gapDays;
    f.redFlags = w.redFlags;
    return f;
}

Row rowOf(int rule) {
    switch (rule) {
    case 0: return Row::RedFlag;
    case 1: return Row::Legs;
    case 2: return Row::Pain;
    case 3: return Row::LowAdherence;
    case 4: return Row::Amber;
    case 5: return Row::Progress;
    case 6: return Row::Quota;
    case 7: return Row::Gap;
    default: return Row::Default;
    }
}

DoseChange change(const RuleContext& c, Date date, Decision decision, int rule, std::string reason,
                  Figures figures) {
    DoseChange d;
    d.date = date;
    d.exercise = c.current.exercise;
    d.decision = decision;
    d.row = rowOf(rule);
    d.reason = Reason{ReasonKey::Legacy, {std::move(reason)}};
    d.figures = std::move(figures);
    d.from = c.current;
    d.to = c.current;
    return d;
}

int clampTo(int value, IntRange range) {
    return std::clamp(value, range.min, range.max);
}

// The variant at the given end of the chain, at a dose for a fresh start.
std::optional<Prescription> switchTo(const RuleContext& c, bool harder) {
    const auto& id = harder ? c.exercise->progression : c.exercise->regression;
    if (!id || c.library == nullptr) {
        return std::nullopt;
    }
    const Exercise* variant = c.library->find(*id);
    if (variant == nullptr) {
        return std::nullopt;
    }
    Prescription p;
    p.exercise = variant->id;
    p.bounds = variant->bounds;
    p.dose = variant->dose;
    p.dose.perDay = c.current.dose.perDay;
    p.dose.perWeek = c.current.dose.perWeek;
    if (harder) {
        // At the bottom of its dose.
        p.dose.pyramid.clear();
        p.dose.sets = variant->bounds.sets.min;
        p.dose.reps = variant->bounds.reps.min;
        p.dose.holdSeconds = variant->bounds.hold.min;
    }
    return p;
}

} // namespace

Dose stepUp(const Dose& dose, const DoseBounds& bounds, bool holdCapped, bool& atTop) {
    Dose next = dose;
    next.pyramid.clear();
    atTop = false;
    const int holdTop = std::min(30, bounds.hold.max);
    if (dose.holdSeconds > 0 && !holdCapped && dose.holdSeconds < holdTop) {
        next.holdSeconds = std::min(holdTop, dose.holdSeconds + 5);
        next.reps = dose.reps;
        return next;
    }
    if (dose.reps < bounds.reps.max) {
        const int step = std::max(1, static_cast<int>(std::lround(dose.reps * 0.10)));
        next.reps = std::min(bounds.reps.max, dose.reps + step);
        return next;
    }
    if (dose.sets < std::min(3, bounds.sets.max)) {
        next.sets = dose.sets + 1;
        return next;
    }
    atTop = true;
    return dose;
}

Dose cutVolume(const Dose& dose, const DoseBounds& bounds) {
    Dose next = dose;
    next.pyramid.clear();
    if (dose.sets > bounds.sets.min) {
        next.sets = dose.sets - 1;
    } else if (dose.holdSeconds - 5 >= std::max(1, bounds.hold.min)) {
        next.holdSeconds = dose.holdSeconds - 5;
    } else {
        const int cut = std::max(1, static_cast<int>(std::lround(dose.reps * 0.25)));
        next.reps = std::max(bounds.reps.min, dose.reps - cut);
    }
    return next;
}

Dose scaleDose(const Dose& dose, const DoseBounds& bounds, double factor) {
    Dose next = dose;
    next.pyramid.clear();
    // The volume of a held exercise done in few reps is its hold; otherwise its reps.
    if (dose.holdSeconds > 0 && dose.reps <= 2) {
        next.holdSeconds =
            clampTo(static_cast<int>(std::lround(dose.holdSeconds * factor)), bounds.hold);
    } else {
        next.reps =
            clampTo(std::max(1, static_cast<int>(std::lround(dose.reps * factor))), bounds.reps);
        if (next.reps == dose.reps && dose.sets > bounds.sets.min) {
            next.sets = dose.sets - 1; // the reps are at their floor: take a set off instead
        }
    }
    return next;
}

double completionOf(const std::vector<SetRecord>& sets, const Dose& prescribed) {
    if (sets.empty()) {
        return 0.0;
    }
    double done = 0;
    double asked = 0;
    for (const auto& set : sets) {
        const int hold = prescribed.holdSeconds;
        done += hold > 0 ? set.repsDone * set.holdSeconds : set.repsDone;
        asked += hold > 0 ? set.repsPrescribed * hold : set.repsPrescribed;
    }
    return asked > 0 ? done / asked : 0.0;
}

DoseChange stopProgram(const std::vector<RedFlag>& flags, Date date) {
    DoseChange d;
    d.date = date;
    d.decision = Decision::Stop;
    d.row = Row::RedFlag;
    d.reason.params.emplace_back(tr("You reported a warning sign. The program is stopped: please seek medical "
                  "care today, and tell your therapist."));
    ExerciseWeek w;
    w.redFlags = flags;
    d.figures = figuresOf(w);
    return d;
}

std::optional<DoseChange> decideAtOnce(const ExerciseWeek& w, const RuleContext& c, Date date) {
    if (w.legWorse) {
        auto d = change(c, date, Decision::Stop, 1,
                        tr("Your leg symptoms spread further with this exercise. It is stopped "
                           "until your therapist has looked at it."),
                        figuresOf(w));
        d.to.stopped = true;
        return d;
    }
    const bool painful = w.painDuring && *w.painDuring >= 6;
    const bool unsettled = w.morningDelta && *w.morningDelta >= 2;
    const bool worsening = w.trend && *w.trend >= 1.0 && w.trendUpLastWeek;
    if (!painful && !unsettled && !worsening) {
        return std::nullopt;
    }
    std::string why =
        painful     ? format(tr("it hurt %1/10 during the exercise"), std::to_string(*w.painDuring))
        : unsettled ? format(tr("your morning pain was %1 points above your usual"),
                             std::to_string(*w.morningDelta))
                    : std::string(tr("your morning pain has risen two weeks running"));
    if (c.current.regressionsInARow >= 1) {
        if (auto easier = switchTo(c, false)) {
            auto d = change(c, date, Decision::Switch, 2,
                            format(tr("This exercise was too much twice in a row (%1), so you "
                                      "switch to its easier version."),
                                   why),
                            figuresOf(w));
            d.to = *easier;
            return d;
        }
    }
    auto d = change(c, date, Decision::Regress, 2, {}, figuresOf(w));
    auto volume = [](const Dose& dose) {
        return dose.sets * dose.reps * std::max(1, dose.holdSeconds);
    };
    if (c.lastGreen && volume(*c.lastGreen) < volume(c.current.dose)) {
        d.to.dose = *c.lastGreen;
        d.reason.params = {}, d.reason.params.push_back(
            format(tr("The dose goes back to the last one that went well, because %1."), why));
    } else {
        d.to.dose = cutVolume(c.current.dose, c.current.bounds);
        d.reason.params.push_back(format(tr("The dose is made a little smaller, because %1."), why));
    }
    d.to.regressionsInARow = c.current.regressionsInARow + 1;
    return d;
}

std::optional<DoseChange> resumeAfterGap(int gapDays, const RuleContext& c, Date date) {
    if (gapDays < 14 || c.current.locked || c.current.stopped) {
        return std::nullopt;
    }
    ExerciseWeek w;
    w.gapDays = gapDays;
    auto d = change(c, date, Decision::Regress, 7,
                    format(tr("After a break of %1 days you restart at three quarters of your "
                              "last dose, and build up again."),
                           std::to_string(gapDays)),
                    figuresOf(w));
    d.to.dose = scaleDose(c.current.dose, c.current.bounds, 0.75);
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
        return change(c, date, Decision::Hold, 1,
                      tr("This exercise stays stopped until your therapist has looked at it."),
                      figures);
    }
    // Rows 1 and 2: the safety rows.
    if (auto safety = decideAtOnce(w, c, date)) {
        return *safety;
    }
    auto hold = [&](int rule, std::string reason) {
        auto d = change(c, date, Decision::Hold, rule, std::move(reason), figures);
        d.to.regressionsInARow = 0;
        d.to.lowAdherenceWeeks = w.adherence < 0.5 ? c.current.lowAdherenceWeeks + 1 : 0;
        return d;
    };
    if (c.current.locked || !c.autoProgression) {
        return hold(4, c.current.locked
                           ? tr("Your therapist has fixed this dose; it stays as it is.")
                           : tr("Automatic changes are switched off for this program."));
    }
    // Row 7 (before 3, which a gap week would otherwise always match): a break of 7 to 13
    // days resumes at the last dose with no step up that week.
    if (w.gapDays >= 7 && w.gapDays < 14) {
        return hold(7, format(tr("After a break of %1 days you continue at your last dose; no "
                                 "step up this week."),
                              std::to_string(w.gapDays)));
    }
    // Row 6: quota mode, time-contingent.
    if (c.quotaMode) {
        if (w.baselineWeek) {
            auto d = change(c, date, Decision::Regress, 6, {}, figures);
            const int tolerated = std::max(1, w.baselineReps);
            d.to.dose.pyramid.clear();
            d.to.dose.reps = std::clamp(static_cast<int>(std::lround(tolerated * 0.7)),
                                        c.current.bounds.reps.min, c.current.bounds.reps.max);
            d.decision = d.to.dose.reps >= c.current.dose.reps ? Decision::Hold : Decision::Regress;
            d.reason.params.clear();
            d.reason.params.push_back(format(tr("Your first week showed what you can do now (%1 reps); you "
                                 "start at 70 % of it and add a little every week, whatever the "
                                 "pain, as agreed with your therapist."),
                              std::to_string(tolerated)));
            return d;
        }
        bool atTop = false;
        auto d = change(c, date, Decision::Progress, 6,
                        tr("As agreed with your therapist, the dose goes up by a set amount "
                           "every week."),
                        figures);
        d.to.dose = stepUp(c.current.dose, c.current.bounds, c.exercise->holdCapped, atTop);
        if (atTop) {
            d.decision = Decision::Hold;
        }
        return d;
    }
    // Row 3: low adherence.
    if (w.adherence < 0.5) {
        // Two weeks running with some sessions: cut. A week with none at all is a break,
        // which rule 7 handles when the sessions resume.
        if (c.current.lowAdherenceWeeks >= 1 && w.adherence > 0.0) {
            auto d = change(c, date, Decision::Regress, 3,
                            format(tr("You managed %1 of your sessions two weeks running. The "
                                      "dose is cut to three quarters so it fits your days "
                                      "better. What got in the way?"),
                                   percent(w.adherence)),
                            figures);
            d.to.dose = scaleDose(c.current.dose, c.current.bounds, 0.75);
            d.to.lowAdherenceWeeks = 0;
            return d;
        }
        return hold(3, format(tr("You managed %1 of your sessions this week, so the dose stays "
                                 "the same. What got in the way?"),
                              percent(w.adherence)));
    }
    // Row 4: hold.
    const bool moderatePain = w.painDuring && *w.painDuring >= 3 && *w.painDuring <= 5;
    const bool hardEffort = w.effort && *w.effort >= 7 && *w.effort <= 8;
    const bool nearlyDone = w.completion && *w.completion >= 0.8 && *w.completion < 1.0;
    const bool someMissed = w.adherence < 0.8;
    if (moderatePain || hardEffort || nearlyDone || someMissed) {
        std::string why =
            moderatePain ? format(tr("pain %1/10 during it, settled by the next "
                                     "morning"),
                                  std::to_string(*w.painDuring))
            : hardEffort ? format(tr("effort %1/10"), std::to_string(*w.effort))
            : nearlyDone ? format(tr("%1 of the last two sessions done"), percent(*w.completion))
                         : format(tr("%1 of your sessions done"), percent(w.adherence));
        return hold(4, format(tr("The dose stays the same this week (%1)."), why));
    }
    // Row 5: progress one step.
    const bool ready = w.adherence >= 0.8 && (!w.painDuring || *w.painDuring <= 5) &&
                       (!w.morningDelta || *w.morningDelta < 2) && (!w.trend || *w.trend <= 0) &&
                       w.completion && *w.completion >= 1.0 && (!w.effort || *w.effort <= 6);
    if (!ready) {
        return hold(4, tr("The dose stays the same this week: not every sign for a step up was "
                          "there yet."));
    }
    bool atTop = false;
    const Dose next = stepUp(c.current.dose, c.current.bounds, c.exercise->holdCapped, atTop);
    if (atTop) {
        if (auto harder = switchTo(c, true)) {
            auto d = change(c, date, Decision::Switch, 5,
                            tr("You have reached the top of this exercise: you move on to its "
                               "harder version, starting gently."),
                            figures);
            d.to = *harder;
            return d;
        }
        return hold(5, tr("You are at the top of this exercise's range; it stays there."));
    }
    auto d = change(c, date, Decision::Progress, 5,
                    tr("Everything went well this week (your sessions done, little pain, "
                       "manageable effort): one step up."),
                    figures);
    d.to.dose = next;
    d.to.regressionsInARow = 0;
    d.to.lowAdherenceWeeks = 0;
    return d;
}

} // namespace motus::core
