#include "Tracker.hpp"

#include "I18n.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace motus::core {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date addDays(Date d, long n) {
    return Date(sys_days(d) + days(n));
}

// How far back the tracker looks for the last session before a date (rule 7 needs 14 days).
constexpr long kLookBackDays = 60;
long daysBetween(Date from, Date to) {
    return (sys_days(to) - sys_days(from)).count();
}

std::optional<double> mean(const std::vector<int>& values) {
    if (values.empty()) {
        return std::nullopt;
    }
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

} // namespace

std::vector<Prescription> planFor(const ProgramPhase& phase) {
    std::vector<Prescription> plan;
    for (const auto& item : phase.items) {
        Prescription p;
        p.exercise = item.exercise;
        p.dose = item.dose;
        p.dose.perDay = phase.perDay;
        p.dose.perWeek = phase.perWeek;
        p.bounds = item.bounds;
        p.locked = item.locked;
        plan.push_back(p);
    }
    return plan;
}

Tracker::Tracker(Journal& journal, const Library& library, const Program& program, Date start)
    : m_journal(journal), m_library(library), m_program(program), m_start(start) {}

int Tracker::weekOf(Date date) const {
    const long d = daysBetween(m_start, date);
    return d < 0 ? -1 : static_cast<int>(d / 7);
}

Date Tracker::weekStart(int week) const {
    return addDays(m_start, 7L * week);
}

const ProgramPhase& Tracker::phaseOn(Date date) const {
    return m_program.phaseInWeek(std::max(0, weekOf(date)));
}

std::optional<Prescription> Tracker::slot(const std::string& itemExercise) const {
    return slotIn(itemExercise, m_journal.prescriptions());
}

std::optional<Prescription> Tracker::slotIn(const std::string& itemExercise,
                                            const std::vector<Prescription>& prescriptions) const {
    // The ids the item's exercise can have become: its whole variant chain.
    std::vector<std::string> family{itemExercise};
    for (bool harder : {true, false}) {
        const Exercise* at = m_library.find(itemExercise);
        while (at != nullptr) {
            const auto& next = harder ? at->progression : at->regression;
            if (!next || std::find(family.begin(), family.end(), *next) != family.end()) {
                break;
            }
            family.push_back(*next);
            at = m_library.find(*next);
        }
    }
    for (const auto& id : family) {
        for (const auto& p : prescriptions) {
            if (p.exercise == id) {
                return p;
            }
        }
    }
    return std::nullopt;
}

int Tracker::setsPerSession(const ProgramPhase& phase) const {
    int sets = 0;
    const auto prescriptions = m_journal.prescriptions(); // read once for every item
    for (const auto& item : phase.items) {
        const auto p = slotIn(item.exercise, prescriptions);
        if (!p || !p->stopped) {
            sets += p ? p->dose.sets : item.dose.sets;
        }
    }
    return std::max(1, sets);
}

std::set<Date> Tracker::plannedDays(Date from, Date to) const {
    // A day with no session after a flare (rules 1 and 2 acting at once) is a planned
    // modification, not a miss.
    std::set<Date> planned;
    for (const auto& change : m_journal.doseChanges()) {
        if ((change.row == Row::Legs || change.row == Row::Pain)) {
            const Date next = addDays(change.date, 1);
            if (next >= from && next <= to) {
                planned.insert(next);
            }
        }
    }
    if (!planned.empty()) {
        for (const auto& [date, status] : m_journal.sessionDays(from, to)) {
            planned.erase(date);
        }
    }
    return planned;
}

double Tracker::adherence(Date from, Date to) const {
    from = std::max(from, m_start);
    if (to < from) {
        return 1.0;
    }
    const auto planned = plannedDays(from, to);
    std::map<Date, double> credit;                  // per day, capped at the sessions a day
    std::map<const ProgramPhase*, int> setsOfPhase; // read once per phase
    for (const auto& session : m_journal.sessions(from, to)) {
        const auto& phase = phaseOn(session.started.date);
        auto [it, fresh] = setsOfPhase.try_emplace(&phase, 0);
        if (fresh) {
            it->second = setsPerSession(phase);
        }
        const double fraction =
            std::min(1.0, static_cast<double>(session.sets.size()) / it->second);
        auto& day = credit[session.started.date];
        day = std::min<double>(phase.perDay, day + fraction);
    }
    double prescribed = 0;
    double done = 0;
    for (Date d = from; d <= to; d = addDays(d, 1)) {
        const auto& phase = phaseOn(d);
        if (planned.count(d) == 0) {
            prescribed += static_cast<double>(phase.sessionsPerWeek()) / 7.0;
        }
        done += credit[d];
    }
    if (prescribed <= 0) {
        return 1.0;
    }
    // Sessions beyond the prescription earn no extra credit.
    return std::min(1.0, done / prescribed);
}

std::optional<double> Tracker::baseline() const {
    std::vector<int> pains;
    for (const auto& c : m_journal.checkIns(m_start, addDays(m_start, 6))) {
        if (c.morningPain) {
            pains.push_back(*c.morningPain);
        }
    }
    if (pains.empty()) {
        return std::nullopt;
    }
    std::sort(pains.begin(), pains.end());
    const auto n = pains.size();
    return n % 2 == 1 ? pains[n / 2] : (pains[n / 2 - 1] + pains[n / 2]) / 2.0;
}

std::optional<Date> Tracker::lastSessionBefore(Date date) const {
    // Looked for in the last 60 days: for rule 7 a longer break is the same as 60 days.
    const Date from = std::max(m_start, addDays(date, -kLookBackDays));
    std::optional<Date> last;
    for (const auto& [day, status] : m_journal.sessionDays(from, addDays(date, -1))) {
        if (!last || day > *last) {
            last = day;
        }
    }
    if (!last && from > m_start) {
        last = addDays(from, -1);
    }
    return last;
}

ExerciseWeek Tracker::inputs(const Prescription& prescription, int week,
                             std::optional<double> adherence) const {
    ExerciseWeek w;
    const Date from = weekStart(week);
    const Date to = addDays(from, 6);
    for (const auto& f : m_journal.feedback(from, to)) {
        if (f.exercise != prescription.exercise) {
            continue;
        }
        if (f.pain) {
            w.painDuring = std::max(w.painDuring.value_or(0), *f.pain);
        }
        if (f.effort) {
            w.effort = std::max(w.effort.value_or(0), *f.effort);
        }
        w.legWorse = w.legWorse || f.leg == LegChange::Worse;
    }
    auto mornings = [&](int wk) {
        std::vector<int> pains;
        if (wk < 0) {
            return pains;
        }
        for (const auto& c : m_journal.checkIns(weekStart(wk), addDays(weekStart(wk), 6))) {
            if (c.morningPain) {
                pains.push_back(*c.morningPain);
            }
        }
        return pains;
    };
    const auto thisWeek = mornings(week);
    const auto lastWeek = mornings(week - 1);
    if (const auto base = baseline(); base && !thisWeek.empty()) {
        const int worst = *std::max_element(thisWeek.begin(), thisWeek.end());
        w.morningDelta = static_cast<int>(std::lround(worst - *base));
    }
    if (auto now = mean(thisWeek), before = mean(lastWeek); now && before) {
        w.trend = *now - *before;
        if (auto earlier = mean(mornings(week - 2)); earlier) {
            w.trendUpLastWeek = *before - *earlier >= 1.0;
        }
    }
    for (const auto& c : m_journal.checkIns(from, to)) {
        w.redFlags.insert(w.redFlags.end(), c.redFlags.begin(), c.redFlags.end());
    }
    // C: the last two sessions with this exercise, up to the end of the week (looked for in
    // the last eight weeks).
    auto sessions = m_journal.sessions(std::max(m_start, addDays(to, -55)), to);
    std::vector<SetRecord> lastTwo;
    int found = 0;
    for (auto it = sessions.rbegin(); it != sessions.rend() && found < 2; ++it) {
        bool has = false;
        for (const auto& set : it->sets) {
            if (set.exercise == prescription.exercise) {
                lastTwo.push_back(set);
                has = true;
            }
        }
        found += has ? 1 : 0;
    }
    if (found > 0) {
        // Sets not done in those sessions count as not done.
        const int missing = found * prescription.dose.sets - static_cast<int>(lastTwo.size());
        for (int i = 0; i < missing; ++i) {
            lastTwo.push_back({prescription.exercise, 0, 0, prescription.dose.reps,
                               prescription.dose.holdSeconds});
        }
        w.completion = completionOf(lastTwo, prescription.dose);
    }
    w.adherence = adherence ? *adherence : this->adherence(from, to);
    // Rule 7: the longest break that ended with a session in this week.
    std::optional<Date> previous;
    const Date since = std::max(m_start, addDays(from, -kLookBackDays));
    if (since > m_start) {
        previous = addDays(since, -1); // nothing older matters (see lastSessionBefore)
    }
    for (const auto& [day, status] : m_journal.sessionDays(since, to)) {
        if (previous && day >= from && day <= to) {
            w.gapDays = std::max(w.gapDays, static_cast<int>(daysBetween(*previous, day)) - 1);
        }
        previous = day;
    }
    w.baselineWeek = week == 0;
    if (w.baselineWeek) {
        for (const auto& s : m_journal.sessions(from, to)) {
            for (const auto& set : s.sets) {
                if (set.exercise == prescription.exercise) {
                    w.baselineReps = std::max(w.baselineReps, set.repsDone);
                }
            }
        }
    }
    return w;
}

RuleContext Tracker::context(const Prescription& prescription) const {
    RuleContext c;
    c.exercise = m_library.find(prescription.exercise);
    c.library = &m_library;
    c.current = prescription;
    c.autoProgression = m_program.autoProgression;
    c.quotaMode = m_program.quotaMode;
    // The last green dose: where the most recent step up started from.
    for (const auto& change : m_journal.doseChanges()) {
        if (change.exercise == prescription.exercise &&
            change.to.exercise == prescription.exercise) {
            if (change.decision == Decision::Progress) {
                c.lastGreen = change.from.dose;
            } else if (change.decision == Decision::Regress ||
                       change.decision == Decision::Switch) {
                c.lastGreen.reset();
            }
        }
    }
    return c;
}

std::vector<Review> Tracker::runDueReviews(Date asOf) {
    std::vector<Review> ran;
    const auto active = m_journal.activeProgram();
    for (int week = 0;; ++week) {
        Review review;
        review.weekStart = weekStart(week);
        review.weekEnd = addDays(review.weekStart, 6);
        if (review.weekEnd >= asOf) {
            break;
        }
        if (m_journal.reviewed(review.weekStart)) {
            continue;
        }
        if (!(active && active->stopped)) {
            const auto& phase = m_program.phaseInWeek(week);
            const auto changes = m_journal.doseChanges();
            const double weekAdherence = adherence(review.weekStart, review.weekEnd);
            for (const auto& item : phase.items) {
                const auto current = slot(item.exercise);
                if (!current || m_library.find(current->exercise) == nullptr) {
                    continue;
                }
                // Rules 1 and 2 already acted during the week: the review lists them (from
                // the history) and does not act on the same pain twice.
                const bool actedThisWeek =
                    std::any_of(changes.begin(), changes.end(), [&](const DoseChange& c) {
                        return (c.row == Row::Legs || c.row == Row::Pain) && c.date >= review.weekStart &&
                               c.date <= review.weekEnd && c.to.exercise == current->exercise;
                    });
                if (actedThisWeek && !current->stopped) {
                    DoseChange d;
                    d.date = review.weekEnd;
                    d.exercise = current->exercise;
                    d.decision = Decision::Hold;
                    d.row = Row::Pain;
                    d.reason = Reason{ReasonKey::AlreadyActed, {}};
                    d.from = d.to = *current;
                    review.decisions.push_back(d);
                    continue;
                }
                review.decisions.push_back(decideWeek(inputs(*current, week, weekAdherence),
                                                      context(*current), review.weekEnd));
            }
            // The next phase of the plan begins: its doses are the therapist's.
            if (m_program.phaseIndexInWeek(week + 1) != m_program.phaseIndexInWeek(week) &&
                week + 1 < m_program.totalWeeks()) {
                const auto& next = m_program.phaseInWeek(week + 1);
                for (const auto& planned : planFor(next)) {
                    DoseChange d;
                    d.date = review.weekEnd;
                    d.exercise = planned.exercise;
                    d.decision = Decision::Switch;
                    d.row = Row::Phase;
                    d.reason = Reason{ReasonKey::PhaseBegins,
                                      {std::to_string(m_program.phaseIndexInWeek(week + 1)),
                                       next.name}};
                    const auto before = slot(planned.exercise);
                    d.from = before.value_or(planned);
                    d.to = planned;
                    review.decisions.push_back(d);
                }
            }
        }
        m_journal.recordReview(review);
        ran.push_back(review);
    }
    return ran;
}

TodayPlan Tracker::today(Date date) const {
    TodayPlan plan;
    plan.date = date;
    const auto active = m_journal.activeProgram();
    if (active && active->stopped) {
        plan.stopped = true;
        plan.advice = tr("Your program is stopped because you reported a warning sign. Please "
                         "seek medical care, and talk to your therapist before you exercise "
                         "again.");
        return plan;
    }
    if (date < m_start) {
        plan.before = true;
        return plan;
    }
    plan.week = weekOf(date);
    plan.phase = m_program.phaseIndexInWeek(plan.week);
    const auto& phase = m_program.phases[plan.phase];
    std::map<std::string, int> done;
    for (const auto& session : m_journal.sessions(date, date)) {
        for (const auto& set : session.sets) {
            ++done[set.exercise];
        }
    }
    const auto prescriptions = m_journal.prescriptions();
    const auto planned = planFor(phase);
    for (std::size_t i = 0; i < phase.items.size(); ++i) {
        TodayItem entry;
        entry.prescription = slotIn(phase.items[i].exercise, prescriptions).value_or(planned[i]);
        if (entry.prescription.stopped) {
            continue;
        }
        entry.exercise = m_library.find(entry.prescription.exercise);
        if (entry.exercise == nullptr) {
            continue;
        }
        entry.doneSets = done[entry.prescription.exercise];
        entry.prescribedSets = entry.prescription.dose.sets * phase.perDay;
        plan.items.push_back(entry);
    }
    return plan;
}

std::vector<DoseChange> Tracker::logExercise(const Stamp& when, const std::string& exercise,
                                             const std::vector<SetRecord>& sets,
                                             const std::optional<Feedback>& feedback) {
    std::vector<DoseChange> changes;
    auto current = slot(exercise);
    // Rule 7: the first session after a break of two weeks or more starts at 75 %.
    if (current && m_journal.sessions(when.date, when.date).empty()) {
        const auto last = lastSessionBefore(when.date);
        const Date since = last.value_or(m_start);
        const int gap = static_cast<int>(daysBetween(since, when.date)) - (last ? 1 : 0);
        if (auto resume = resumeAfterGap(gap, context(*current), when.date)) {
            std::vector<DoseChange> all{*resume};
            // Every exercise of the routine restarts at 75 %, not only this one.
            for (const auto& item : phaseOn(when.date).items) {
                const auto other = slot(item.exercise);
                if (other && other->exercise != current->exercise) {
                    if (auto r = resumeAfterGap(gap, context(*other), when.date)) {
                        all.push_back(*r);
                    }
                }
            }
            m_journal.applyChanges(all);
            changes.insert(changes.end(), all.begin(), all.end());
        }
    }
    // One session a day collects the exercises logged that day until it is complete.
    std::optional<SessionRecord> open;
    for (const auto& s : m_journal.sessions(when.date, when.date)) {
        if (s.status != SessionStatus::Complete) {
            open = s;
        }
    }
    const std::int64_t session = open ? open->id : m_journal.beginSession(when, 1);
    for (const auto& set : sets) {
        m_journal.logSet(session, set);
    }
    // Complete when every exercise of the routine has its sets.
    const auto plan = today(when.date);
    std::map<std::string, int> logged;
    for (const auto& s : m_journal.sessions(when.date, when.date)) {
        if (s.id == session) {
            for (const auto& set : s.sets) {
                ++logged[set.exercise];
            }
        }
    }
    bool complete = !plan.items.empty();
    for (const auto& item : plan.items) {
        complete = complete && logged[item.prescription.exercise] >= item.prescription.dose.sets;
    }
    m_journal.finishSession(session, complete ? SessionStatus::Complete : SessionStatus::Partial);

    if (feedback) {
        const auto acted = recordFeedback(*feedback);
        changes.insert(changes.end(), acted.begin(), acted.end());
    }
    return changes;
}

void Tracker::markSessionStopped(Date date) {
    std::optional<std::int64_t> open;
    for (const auto& s : m_journal.sessions(date, date)) {
        if (s.status != SessionStatus::Complete) {
            open = s.id;
        }
    }
    if (open) {
        m_journal.finishSession(*open, SessionStatus::Stopped);
    }
}

std::vector<DoseChange> Tracker::recordFeedback(const Feedback& feedback) {
    m_journal.logFeedback(feedback);
    const auto current = slot(feedback.exercise);
    if (!current || current->stopped) {
        return {};
    }
    ExerciseWeek now;
    now.painDuring = feedback.pain;
    now.legWorse = feedback.leg == LegChange::Worse;
    if (auto safety = decideAtOnce(now, context(*current), feedback.date)) {
        m_journal.applyChanges({*safety});
        return {*safety};
    }
    return {};
}

std::vector<DoseChange> Tracker::checkIn(const CheckIn& checkIn) {
    std::vector<DoseChange> changes;
    m_journal.logCheckIn(checkIn);
    if (!checkIn.redFlags.empty()) {
        const auto stop = stopProgram(checkIn.redFlags, checkIn.at.date);
        m_journal.stopProgram(stop);
        changes.push_back(stop);
        return changes;
    }
    // Morning pain 2 or more above the baseline: the exercises done the day before regress.
    if (!checkIn.morningPain) {
        return changes;
    }
    const auto base = baseline();
    if (!base || *checkIn.morningPain - *base < 2 || weekOf(checkIn.at.date) < 1) {
        return changes;
    }
    const Date yesterday = addDays(checkIn.at.date, -1);
    std::set<std::string> doneYesterday;
    for (const auto& s : m_journal.sessions(yesterday, yesterday)) {
        for (const auto& set : s.sets) {
            doneYesterday.insert(set.exercise);
        }
    }
    std::vector<DoseChange> all;
    for (const auto& id : doneYesterday) {
        const auto current = slot(id);
        if (!current || current->stopped || current->locked) {
            continue;
        }
        ExerciseWeek now;
        now.morningDelta = static_cast<int>(std::lround(*checkIn.morningPain - *base));
        if (auto safety = decideAtOnce(now, context(*current), checkIn.at.date)) {
            all.push_back(*safety);
        }
    }
    if (!all.empty()) {
        m_journal.applyChanges(all);
    }
    return all;
}

std::vector<std::pair<Date, DayMark>> Tracker::calendar(Date today) const {
    StreakInput input;
    input.programStart = m_start;
    input.today = today;
    for (const auto& [date, status] : m_journal.sessionDays(m_start, today)) {
        if (status == SessionStatus::Complete) {
            input.completeDays.insert(date);
        }
    }
    input.plannedDays = plannedDays(m_start, today);
    return markDays(input);
}

StreakResult Tracker::streak(Date today, StreakUnit& unit) const {
    const auto& phase = phaseOn(today);
    StreakInput input;
    input.unit = phase.daily() ? StreakUnit::Days : StreakUnit::Weeks;
    input.sessionsPerWeek = phase.perWeek;
    input.programStart = m_start;
    input.today = today;
    // Every session ever recorded, so that a clock set back cannot hide one.
    const Date far = addDays(today, 3660);
    for (const auto& [date, status] : m_journal.sessionDays(m_start, far)) {
        if (status == SessionStatus::Complete) {
            input.completeDays.insert(date);
            input.sessionDates.push_back(date);
        }
    }
    input.plannedDays = plannedDays(m_start, today);
    unit = input.unit;
    return computeStreak(input);
}

} // namespace motus::core
