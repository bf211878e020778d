#include "Tracker.hpp"

#include <algorithm>
#include <numeric>

namespace motus::core {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date addDays(Date d, long n) {
    return Date(sys_days(d) + days(n));
}

long daysBetween(Date from, Date to) {
    return (sys_days(to) - sys_days(from)).count();
}

// How far back the tracker looks for sessions (rule 7 needs 14 days; C the last two sessions).
constexpr long kLookBackDays = 60;
const Date kDistantPast{std::chrono::year(1900), std::chrono::January, std::chrono::day(1)};

std::optional<Fraction> median(std::vector<int> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const auto n = values.size();
    return n % 2 == 1 ? Fraction(values[n / 2]) : Fraction(values[n / 2 - 1] + values[n / 2], 2);
}

std::optional<Fraction> mean(const std::vector<int>& values) {
    if (values.empty()) {
        return std::nullopt;
    }
    return Fraction(std::accumulate(values.begin(), values.end(), std::int64_t{0}),
                    static_cast<std::int64_t>(values.size()));
}

std::vector<int> morningPains(const std::vector<CheckIn>& checkIns, Date from, Date to) {
    std::vector<int> pains;
    for (const auto& c : checkIns) {
        if (c.morningPain && c.at.date >= from && c.at.date <= to) {
            pains.push_back(*c.morningPain);
        }
    }
    return pains;
}

// The date from which a change is in force: the day after it was decided (after that day's
// session, or at the end of the week reviewed), except a restart after a gap, which is decided
// before the first session back.
Date inForceFrom(const DoseChange& change) {
    const bool beforeSession = change.row == Row::Gap && change.reason.key == ReasonKey::GapResume;
    return beforeSession ? change.date : addDays(change.date, 1);
}

// The prescriptions as they were before `change` (the reverse of Journal::applyChanges).
void undo(std::vector<Prescription>& prescriptions, const DoseChange& change) {
    if (change.to.exercise.empty()) {
        return;
    }
    // A merge (§5c) removed `from` and kept `to`, which was in the routine before it (its dose
    // before the merge is not recorded: the merged one stands in for it).
    if (change.reason.key == ReasonKey::SwitchEasierMerged ||
        change.reason.key == ReasonKey::AtTopMerged) {
        prescriptions.push_back(change.from);
        return;
    }
    auto it = std::find_if(prescriptions.begin(), prescriptions.end(),
                           [&](const Prescription& p) { return p.exercise == change.to.exercise; });
    if (it != prescriptions.end()) {
        *it = change.from;
    } else {
        prescriptions.push_back(change.from);
    }
}

// The same as Journal::applyChanges, on a copy.
void applyTo(std::vector<Prescription>& prescriptions, const DoseChange& change) {
    if (change.to.exercise.empty()) {
        return;
    }
    auto byId = [&](const std::string& id) {
        return std::find_if(prescriptions.begin(), prescriptions.end(),
                            [&](const Prescription& p) { return p.exercise == id; });
    };
    auto target = byId(change.to.exercise);
    if (target != prescriptions.end()) {
        *target = change.to;
        if (change.from.exercise != change.to.exercise) {
            if (auto source = byId(change.from.exercise); source != prescriptions.end()) {
                prescriptions.erase(source);
            }
        }
    } else if (auto source = byId(change.from.exercise); source != prescriptions.end()) {
        *source = change.to;
    } else {
        prescriptions.push_back(change.to);
    }
}

// §2: sessions per day × the mean over the exercises of min(1, sets done ÷ sets due).
Fraction dayCredit(const std::vector<Prescription>& routine,
                   const std::map<std::string, int>& doneSets, int perDay) {
    Fraction sum;
    int counted = 0;
    for (const auto& p : routine) {
        if (p.stopped) {
            continue;
        }
        const auto it = doneSets.find(p.exercise);
        const int done = it == doneSets.end() ? 0 : it->second;
        const int due = std::max(1, p.dose.sets * perDay);
        sum += minOf(Fraction(1), Fraction(done, due));
        ++counted;
    }
    if (counted == 0) {
        return Fraction(0);
    }
    return Fraction(perDay) * sum / Fraction(counted);
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

int sidesOf(const Dose& dose) {
    return dose.side == Side::Each || dose.side == Side::Alternate ? 2 : 1;
}

Tracker::Tracker(Journal& journal, const Library& library, const Program& program, Date start)
    : m_journal(journal), m_library(library), m_program(program), m_start(start) {}

std::vector<DoseChange> Tracker::doseChanges() const {
    return m_history != nullptr ? *m_history : m_journal.doseChanges();
}

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

bool Tracker::completeOn(Date date) const {
    return weekOf(date) >= m_program.totalWeeks();
}

namespace {

// The prescription filling a program item: its own exercise first, else one of its variants.
std::optional<Prescription> slotIn(const std::string& itemExercise,
                                   const std::vector<Prescription>& prescriptions,
                                   const Library& library) {
    for (const auto& p : prescriptions) {
        if (p.exercise == itemExercise) {
            return p;
        }
    }
    std::vector<std::string> family;
    for (bool harder : {true, false}) {
        const Exercise* at = library.find(itemExercise);
        while (at != nullptr) {
            const auto& next = harder ? at->progression : at->regression;
            if (!next || *next == itemExercise ||
                std::find(family.begin(), family.end(), *next) != family.end()) {
                break;
            }
            family.push_back(*next);
            at = library.find(*next);
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

} // namespace

std::optional<Prescription> Tracker::slot(const std::string& itemExercise) const {
    return slotIn(itemExercise, m_journal.prescriptions(), m_library);
}

std::vector<Prescription> Tracker::routineOf(std::size_t phase,
                                             const std::vector<Prescription>& in) const {
    const auto& items = m_program.phases.at(phase).items;
    const auto planned = planFor(m_program.phases.at(phase));
    std::vector<Prescription> routine;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto p = slotIn(items[i].exercise, in, m_library).value_or(planned[i]);
        const bool listed = std::any_of(routine.begin(), routine.end(), [&](const Prescription& r) {
            return r.exercise == p.exercise;
        });
        if (!listed && m_library.find(p.exercise) != nullptr) {
            routine.push_back(p);
        }
    }
    return routine;
}

std::set<Date> Tracker::plannedDays(Date from, Date to,
                                    const std::vector<DoseChange>& history) const {
    // A day with no session after a flare (rows 1 and 2 acting at once) is a planned
    // modification, not a miss.
    std::set<Date> planned;
    for (const auto& change : history) {
        if (change.row == Row::Legs || change.row == Row::Pain) {
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

std::map<Date, Fraction> Tracker::credits(Date from, Date to) const {
    std::map<Date, Fraction> out;
    from = std::max(from, m_start);
    if (to < from) {
        return out;
    }
    std::map<Date, std::map<std::string, int>> done;
    for (const auto& session : m_journal.sessions(from, to)) {
        auto& day = done[session.started.date];
        for (const auto& set : session.sets) {
            ++day[set.exercise];
        }
    }
    // Walk back from `to`, undoing the changes not yet in force, so each day is measured
    // against the doses of that day.
    const auto history = doseChanges();
    auto snapshot = m_journal.prescriptions();
    std::size_t next = history.size();
    const std::map<std::string, int> none;
    for (Date d = to; d >= from; d = addDays(d, -1)) {
        while (next > 0 && inForceFrom(history[next - 1]) > d) {
            undo(snapshot, history[next - 1]);
            --next;
        }
        const auto phase = m_program.phaseIndexInWeek(weekOf(d));
        const auto it = done.find(d);
        out[d] = dayCredit(routineOf(phase, snapshot), it == done.end() ? none : it->second,
                           m_program.phases[phase].perDay);
    }
    return out;
}

std::optional<Fraction> Tracker::adherence(Date from, Date to) const {
    from = std::max(from, m_start);
    if (to < from) {
        return std::nullopt;
    }
    const auto planned = plannedDays(from, to, doseChanges());
    Fraction prescribed;
    Fraction earned;
    for (const auto& [date, credit] : credits(from, to)) {
        const auto& phase = phaseOn(date);
        if (planned.count(date) == 0) {
            prescribed += Fraction(phase.perDay * phase.perWeek, 7);
        }
        earned += credit;
    }
    if (prescribed == Fraction(0)) {
        return std::nullopt;
    }
    // Sessions beyond the prescription earn no extra credit.
    return minOf(Fraction(1), earned / prescribed);
}

std::optional<Fraction> Tracker::baseline(int week) const {
    if (week <= 0) {
        const auto all = m_journal.checkIns(m_start, addDays(m_start, 6));
        return median(morningPains(all, m_start, addDays(m_start, 6)));
    }
    const Date begin = weekStart(week);
    const auto recent = m_journal.checkIns(addDays(begin, -14), addDays(begin, -1));
    auto pains = morningPains(recent, addDays(begin, -14), addDays(begin, -1));
    if (pains.size() >= 3) {
        return median(pains);
    }
    const auto earlier = m_journal.checkIns(kDistantPast, addDays(begin, -1));
    return median(morningPains(earlier, kDistantPast, addDays(begin, -1)));
}

Tracker::WeekData Tracker::loadWeek(int week) const {
    WeekData data;
    data.week = week;
    data.from = weekStart(week);
    data.to = addDays(data.from, 6);
    // Rule 7 needs the last session before the week (a run of 15 days or more is the same as
    // any longer one); C needs the last two sessions with each exercise, which are nearly always
    // in the week, else looked for in the eight weeks before (sessionsBefore).
    data.lookBack = std::max(m_start, addDays(data.from, -15));
    data.sessions = m_journal.sessions(data.lookBack, data.to);
    data.feedback = m_journal.feedback(data.lookBack, data.to);
    data.checkIns = m_journal.checkIns(addDays(data.from, -14), data.to);
    data.baseline = baseline(week);
    data.planned = plannedDays(data.lookBack, data.to, doseChanges());
    return data;
}

ExerciseWeek Tracker::inputs(const Prescription& p, int week, Fraction adherence) const {
    return inputs(loadWeek(week), p, adherence);
}

ExerciseWeek Tracker::inputs(const WeekData& data, const Prescription& p,
                             Fraction adherence) const {
    ExerciseWeek w;
    const Date from = data.from;
    const Date to = data.to;
    const Date lookBack = data.lookBack;
    w.adherence = adherence;
    const auto& feedback = data.feedback;
    for (const auto& f : feedback) {
        if (f.exercise != p.exercise || f.date < from) {
            continue;
        }
        if (f.pain) {
            w.painDuring = std::max(w.painDuring.value_or(0), *f.pain);
        }
        if (f.effort) {
            w.effort = std::max(w.effort.value_or(0), *f.effort);
        }
        if (f.leg == LegChange::NumbWeak ||
            (f.leg == LegChange::Worse && w.leg != LegChange::NumbWeak)) {
            w.leg = f.leg;
        }
    }
    // Morning pain: this week, the two before (trend), and the baseline.
    const auto& checkIns = data.checkIns;
    const auto thisWeek = morningPains(checkIns, from, to);
    const auto lastWeek = morningPains(checkIns, addDays(from, -7), addDays(from, -1));
    const auto weekBefore = morningPains(checkIns, addDays(from, -14), addDays(from, -8));
    if (!thisWeek.empty()) {
        w.worstMorning = *std::max_element(thisWeek.begin(), thisWeek.end());
    }
    w.baseline = data.baseline;
    if (auto now = mean(thisWeek), before = mean(lastWeek); now && before) {
        w.trend = *now - *before;
        if (auto earlier = mean(weekBefore)) {
            w.trendBefore = *before - *earlier;
        }
    }
    for (const auto& c : checkIns) {
        if (c.at.date >= from) {
            w.redFlags.insert(w.redFlags.end(), c.redFlags.begin(), c.redFlags.end());
        }
    }
    // C and effort of the last two sessions with the exercise, up to the end of the week.
    const auto& sessions = data.sessions;
    std::vector<SessionRecord> earlier; // read only when the weeks loaded hold fewer than two
    auto withExercise = [&](const std::vector<SessionRecord>& list) {
        return std::count_if(list.begin(), list.end(), [&](const SessionRecord& s) {
            return std::any_of(s.sets.begin(), s.sets.end(),
                               [&](const SetRecord& r) { return r.exercise == p.exercise; });
        });
    };
    if (withExercise(sessions) < 2 && lookBack > m_start) {
        earlier = m_journal.sessions(std::max(m_start, addDays(to, -55)), addDays(lookBack, -1));
    }
    std::vector<SessionRecord> all = earlier;
    all.insert(all.end(), sessions.begin(), sessions.end());
    for (auto it = all.rbegin(); it != all.rend() && w.lastTwo.size() < 2; ++it) {
        std::vector<SetRecord> sets;
        for (const auto& set : it->sets) {
            if (set.exercise == p.exercise) {
                sets.push_back(set);
            }
        }
        if (sets.empty()) {
            continue;
        }
        // Sets not done in the session count as not done.
        const int sides = sidesOf(p.dose);
        for (int i = static_cast<int>(sets.size()); i < p.dose.sets; ++i) {
            sets.push_back({p.exercise, i + 1, 0, p.dose.repsInSet(i) * sides, 0});
        }
        SessionFigures s;
        s.date = it->started.date;
        s.completion = completionOf(sets, p.dose);
        for (const auto& f : feedback) { // (effort before the loaded weeks is not looked up)
            if (f.exercise == p.exercise && f.date == s.date && f.effort) {
                s.effort = std::max(s.effort.value_or(0), *f.effort);
            }
        }
        w.lastTwo.insert(w.lastTwo.begin(), s);
        w.done = w.done || s.date >= from;
    }
    // Row 7: the longest run of days without a session that reaches into the week. A program
    // with rest days (N a week) allows 7 - N of them in a run. Days before the start are no gap.
    const int allowance = phaseOn(from).daily() ? 0 : 7 - phaseOn(from).perWeek;
    Date cursor = addDays(lookBack, -1); // the last day with a session (or before looking)
    auto run = [&](Date first, Date last) {
        if (last >= from && last >= first) {
            w.gapDays =
                std::max(w.gapDays, static_cast<int>(daysBetween(first, last)) + 1 - allowance);
        }
    };
    // A planned modification (the day after a flare) is no gap day: it counts as a session day.
    std::set<Date> active(data.planned.begin(), data.planned.end());
    for (const auto& session : sessions) {
        active.insert(session.started.date);
    }
    for (const Date day : active) {
        if (day > cursor && day <= to) {
            run(addDays(cursor, 1), addDays(day, -1));
            cursor = day;
        }
    }
    run(addDays(cursor, 1), to);
    w.gapDays = std::max(0, w.gapDays);
    w.baselineWeek = data.week == 0;
    if (w.baselineWeek && m_program.quotaMode) {
        std::int64_t reps = 0;
        std::int64_t sets = 0;
        for (const auto& s : sessions) {
            for (const auto& set : s.sets) {
                if (set.exercise == p.exercise && s.started.date >= from) {
                    reps += set.repsDone;
                    ++sets;
                }
            }
        }
        if (sets > 0) {
            w.quotaBaseline = Fraction(reps, sets * sidesOf(p.dose));
        }
    }
    return w;
}

RuleContext Tracker::context(const Prescription& p, Date date,
                             const std::vector<DoseChange>& history,
                             const std::vector<Prescription>& routine) const {
    RuleContext c;
    c.exercise = m_library.find(p.exercise);
    c.library = &m_library;
    c.current = p;
    c.autoProgression = m_program.autoProgression;
    c.quotaMode = m_program.quotaMode;
    c.complete = completeOn(addDays(date, 1));
    c.routine = routine;
    std::optional<Date> lastPainRegress;
    for (const auto& change : history) {
        if (change.to.exercise != p.exercise || change.date > date) {
            continue;
        }
        const bool back = change.decision == Decision::Regress ||
                          change.decision == Decision::Switch || change.decision == Decision::Stop;
        if (change.row == Row::Progress && change.decision == Decision::Progress &&
            change.from.exercise == p.exercise) {
            c.lastGreen = change.from.dose;
        } else if (back) {
            c.lastGreen.reset();
        }
        if (change.row == Row::Pain && back) {
            lastPainRegress = change.date;
        }
        if (change.reason.key == ReasonKey::GapResume && change.decision == Decision::Regress) {
            c.beforeGap = change.from.dose;
            c.halfRestored = false;
        } else if (change.reason.key == ReasonKey::GapRestoreHalf) {
            c.halfRestored = true;
        } else if (change.reason.key == ReasonKey::GapRestoreRest || back) {
            c.beforeGap.reset();
        }
    }
    c.recentRegress =
        p.regressionsInARow >= 1 && lastPainRegress && daysBetween(*lastPainRegress, date) <= 14;
    return c;
}

std::vector<DoseChange> Tracker::phaseChanges(std::size_t phase, Date date) const {
    return phaseChanges(phase, date, m_journal.prescriptions(), m_journal.doseChanges());
}

std::vector<DoseChange> Tracker::phaseChanges(std::size_t phase, Date date,
                                              const std::vector<Prescription>& prescriptions,
                                              const std::vector<DoseChange>& history) const {
    std::vector<DoseChange> out;
    const auto& next = m_program.phases.at(phase);
    for (const auto& planned : planFor(next)) {
        DoseChange d;
        d.date = date;
        d.exercise = planned.exercise;
        d.decision = Decision::Switch;
        d.row = Row::Phase;
        d.reason = Reason{ReasonKey::PhaseBegins, {std::to_string(phase), next.name}};
        const auto before = slotIn(planned.exercise, prescriptions, m_library);
        d.from = before.value_or(planned);
        d.to = planned;
        if (before) {
            if (before->stopped) {
                continue; // a stop lasts until the therapist lifts it
            }
            // Regressed (row 2) in the 7 days before the phase starts: the smaller dose stays.
            const bool regressed = std::any_of(history.begin(), history.end(), [&](const auto& c) {
                return c.row == Row::Pain && c.to.exercise == before->exercise &&
                       c.date > addDays(date, -7) && c.date <= date &&
                       (c.decision == Decision::Regress || c.decision == Decision::Switch);
            });
            if (regressed && volume(before->dose) <= volume(planned.dose)) {
                d.to = *before;
                d.to.bounds =
                    before->exercise == planned.exercise ? planned.bounds : before->bounds;
                d.to.dose.perDay = next.perDay;
                d.to.dose.perWeek = next.perWeek;
                d.reason.key = ReasonKey::PhaseKeepsRegressed;
            }
            d.to.regressionsInARow = before->regressionsInARow;
        }
        if (d.from == d.to && d.reason.key != ReasonKey::PhaseKeepsRegressed) {
            continue; // the same exercise at the same dose: nothing changes
        }
        d.decision = d.from.exercise != d.to.exercise          ? Decision::Switch
                     : volume(d.to.dose) < volume(d.from.dose) ? Decision::Regress
                     : volume(d.to.dose) > volume(d.from.dose) ? Decision::Progress
                     : d.from.dose == d.to.dose                ? Decision::Hold
                                                               : Decision::Switch;
        out.push_back(d);
    }
    return out;
}

std::vector<Review> Tracker::runDueReviews(Date asOf) {
    std::vector<Review> ran;
    const auto done = m_journal.reviewedWeeks();
    const std::set<Date> reviewed(done.begin(), done.end());
    for (int week = 0;; ++week) {
        Review review;
        review.weekStart = weekStart(week);
        review.weekEnd = addDays(review.weekStart, 6);
        if (review.weekEnd >= asOf) {
            break;
        }
        if (reviewed.count(review.weekStart) > 0) {
            continue;
        }
        m_journal.transaction([&] {
            const auto active = m_journal.activeProgram();
            if (!(active && active->stopped)) {
                // Read once for everything this week's decisions look at.
                const auto history = m_journal.doseChanges();
                const HistoryCache cache(*this, history);
                const auto prescriptions = m_journal.prescriptions();
                const auto phase = m_program.phaseIndexInWeek(week);
                const auto routine = routineOf(phase, prescriptions);
                const Fraction a =
                    adherence(review.weekStart, review.weekEnd).value_or(Fraction(1));
                const WeekData data = loadWeek(week);
                for (const auto& current : routine) {
                    // Rows 1 and 2 already acted during the week: the review does not act on
                    // the same pain twice.
                    const bool acted =
                        std::any_of(history.begin(), history.end(), [&](const DoseChange& c) {
                            return (c.row == Row::Legs || c.row == Row::Pain) &&
                                   c.date >= review.weekStart && c.date <= review.weekEnd &&
                                   c.to.exercise == current.exercise;
                        });
                    if (acted && !current.stopped) {
                        DoseChange d;
                        d.date = review.weekEnd;
                        d.exercise = current.exercise;
                        d.row = Row::Pain;
                        d.reason = Reason{ReasonKey::AlreadyActed, {}};
                        d.from = d.to = current;
                        review.decisions.push_back(d);
                        continue;
                    }
                    review.decisions.push_back(decideWeek(
                        inputs(data, current, a),
                        context(current, review.weekEnd, history, routine), review.weekEnd));
                }
            }
            // The next phase of the plan begins: its doses are the therapist's (§5e), decided
            // on the prescriptions as this week's decisions leave them.
            const auto nextPhase = m_program.phaseIndexInWeek(week + 1);
            if (!(active && active->stopped) && nextPhase != m_program.phaseIndexInWeek(week) &&
                week + 1 < m_program.totalWeeks()) {
                auto prescriptions = m_journal.prescriptions();
                auto history = m_journal.doseChanges();
                for (const auto& d : review.decisions) {
                    applyTo(prescriptions, d);
                    if (d.decision != Decision::Hold) {
                        history.push_back(d);
                    }
                }
                const auto changes =
                    phaseChanges(nextPhase, review.weekEnd, prescriptions, history);
                review.decisions.insert(review.decisions.end(), changes.begin(), changes.end());
            }
            m_journal.recordReview(review);
            for (const auto& d : review.decisions) {
                if (d.decision == Decision::Stop && !d.exercise.empty()) {
                    m_journal.addFlag(
                        {0, d.date, d.exercise, d.row, d.reason, d.figures, true, {}});
                }
            }
        });
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
        return plan;
    }
    if (date < m_start) {
        plan.before = true;
        return plan;
    }
    plan.week = weekOf(date);
    plan.phase = m_program.phaseIndexInWeek(plan.week);
    plan.complete = completeOn(date);
    plan.perDay = m_program.phases[plan.phase].perDay;
    std::map<std::string, int> done;
    for (const auto& session : m_journal.sessions(date, date)) {
        for (const auto& set : session.sets) {
            ++done[set.exercise];
        }
    }
    const auto routine = routineOf(plan.phase, m_journal.prescriptions());
    for (const auto& p : routine) {
        if (p.stopped) {
            plan.stoppedItems.push_back(p);
            continue;
        }
        TodayItem entry;
        entry.prescription = p;
        entry.exercise = m_library.find(p.exercise);
        entry.doneSets = done[p.exercise];
        entry.prescribedSets = p.dose.sets * plan.perDay;
        plan.items.push_back(entry);
    }
    plan.credit = dayCredit(routine, done, plan.perDay);
    return plan;
}

void Tracker::apply(const std::vector<DoseChange>& changes) {
    if (changes.empty()) {
        return;
    }
    m_journal.transaction([&] {
        m_journal.applyChanges(changes);
        for (const auto& d : changes) {
            const bool stops = d.decision == Decision::Stop && !d.exercise.empty();
            if (stops || d.reason.key == ReasonKey::QuotaTwoRed) {
                m_journal.addFlag(
                    {0, d.date, d.exercise, d.row, d.reason, d.figures, stops, {}, d.checkIn});
            }
        }
    });
}

int Tracker::gapBefore(Date date) const {
    // Days without a session before `date`, since the last session (or the start), less the
    // rest days a program with N sessions a week allows in a run (as inputs() counts row 7).
    const int allowance = phaseOn(date).daily() ? 0 : 7 - phaseOn(date).perWeek;
    const Date from = std::max(m_start, addDays(date, -kLookBackDays));
    std::optional<Date> last;
    for (const auto& [day, status] : m_journal.sessionDays(from, addDays(date, -1))) {
        last = std::max(last.value_or(day), day);
    }
    if (last) {
        return std::max(0, static_cast<int>(daysBetween(*last, date)) - 1 - allowance);
    }
    return std::max(0, static_cast<int>(daysBetween(from, date)) + (from > m_start ? 1 : 0) -
                           allowance);
}

Tracker::Logged Tracker::logExercise(const Stamp& when, const std::string& exercise, int sets,
                                     std::optional<int> reps, int hold,
                                     const std::optional<Feedback>& feedback) {
    return logSets(when, exercise,
                   std::vector<DoneSet>(static_cast<std::size_t>(sets),
                                        DoneSet{reps.value_or(0), hold, true, !reps.has_value()}),
                   feedback, true);
}

Tracker::Logged Tracker::logSet(const Stamp& when, const std::string& exercise, int repsDone,
                                int holdSeconds) {
    return logSets(when, exercise, {DoneSet{repsDone, holdSeconds, false}}, std::nullopt, false);
}

Tracker::Logged Tracker::logSets(const Stamp& when, const std::string& exercise,
                                 const std::vector<DoneSet>& done,
                                 const std::optional<Feedback>& feedback, bool sessionEnd) {
    Logged out;
    m_journal.transaction([&] {
        const Date date = when.date;
        const auto phase = m_program.phaseIndexInWeek(std::max(0, weekOf(date)));
        auto prescriptions = m_journal.prescriptions();
        const auto day = m_journal.sessions(date, date); // read once: slots, set numbers
        // Row 7: the first session after a break of two weeks or more restarts every exercise
        // of the routine at 75 %.
        if (day.empty()) {
            const int gap = gapBefore(date);
            if (gap >= 14) {
                const auto history = m_journal.doseChanges();
                const auto routine = routineOf(phase, prescriptions);
                std::vector<DoseChange> resumed;
                for (const auto& p : routine) {
                    if (auto r = resumeAfterGap(gap, context(p, date, history, routine), date);
                        r && r->decision != Decision::Hold) {
                        resumed.push_back(*r);
                    }
                }
                apply(resumed);
                out.changes = resumed;
                prescriptions = m_journal.prescriptions();
            }
        }
        const Dose dose = slotIn(exercise, prescriptions, m_library).value_or(Prescription{}).dose;
        // The day's open session, or a new one in the next slot.
        int lastSlot = 0;
        const SessionRecord* open = nullptr;
        for (const auto& s : day) {
            lastSlot = std::max(lastSlot, s.slot);
            if (s.status == SessionStatus::Partial) {
                open = &s;
            }
        }
        const std::int64_t session =
            open != nullptr ? open->id : m_journal.beginSession(when, lastSlot + 1);
        std::map<std::string, int> inSession;
        if (open != nullptr) {
            for (const auto& set : open->sets) {
                ++inSession[set.exercise];
            }
        }
        const int sides = sidesOf(dose);
        for (const auto& d : done) {
            const int number = ++inSession[exercise];
            const int setIndex = std::clamp(number, 1, std::max(1, dose.sets)) - 1;
            const int reps = d.asPrescribed ? dose.repsInSet(setIndex) : d.repsDone;
            const SetRecord record{exercise, number, d.perSide ? reps * sides : reps,
                                   dose.repsInSet(setIndex) * sides, d.holdSeconds};
            m_journal.logSet(session, record);
            out.sets.push_back(record);
        }
        // The session is complete when every exercise of the routine has its sets in it.
        bool complete = false;
        for (const auto& p : routineOf(phase, prescriptions)) {
            if (!p.stopped) {
                const auto it = inSession.find(p.exercise);
                complete = it != inSession.end() && it->second >= p.dose.sets;
                if (!complete) {
                    break;
                }
            }
        }
        if (complete) { // a session begins partial: only a change is written
            m_journal.finishSession(session, SessionStatus::Complete);
        }
        if (sessionEnd || feedback) {
            const auto acted = afterSession(date, exercise, feedback);
            out.changes.insert(out.changes.end(), acted.begin(), acted.end());
        }
    });
    return out;
}

void Tracker::markSessionStopped(Date date) {
    std::optional<std::int64_t> open;
    for (const auto& s : m_journal.sessions(date, date)) {
        if (s.status == SessionStatus::Partial) {
            open = s.id;
        }
    }
    if (open) {
        m_journal.finishSession(*open, SessionStatus::Stopped);
    }
}

std::vector<DoseChange> Tracker::afterSession(Date date, const std::string& exercise,
                                              const std::optional<Feedback>& feedback) {
    std::vector<DoseChange> changes;
    if (feedback) {
        m_journal.logFeedback(*feedback);
    }
    // Only a safety answer or quota mode can change anything now: otherwise nothing more is read.
    const bool safety =
        feedback && ((feedback->pain && *feedback->pain >= 6) ||
                     feedback->leg == LegChange::Worse || feedback->leg == LegChange::NumbWeak);
    if (!safety && !m_program.quotaMode) {
        return changes;
    }
    const auto current = slot(exercise);
    if (!current || current->stopped) {
        return changes;
    }
    const auto history = m_journal.doseChanges();
    const auto routine =
        routineOf(m_program.phaseIndexInWeek(std::max(0, weekOf(date))), m_journal.prescriptions());
    const auto c = context(*current, date, history, routine);
    if (feedback) {
        ExerciseWeek now;
        now.painDuring = feedback->pain;
        now.leg = feedback->leg;
        if (auto decided = decideAtOnce(now, c, date)) {
            apply({*decided});
            changes.push_back(*decided);
            return changes;
        }
    }
    // §5f: a session that met its quota raises the next one (once a day, not when complete).
    if (m_program.quotaMode && weekOf(date) >= 1 && !completeOn(date)) {
        const bool raisedToday = std::any_of(history.begin(), history.end(), [&](const auto& h) {
            return h.reason.key == ReasonKey::QuotaRaised && h.date == date &&
                   h.to.exercise == current->exercise;
        });
        int sets = 0;
        bool met = true;
        for (const auto& s : m_journal.sessions(date, date)) {
            for (const auto& set : s.sets) {
                if (set.exercise == current->exercise) {
                    ++sets;
                    met = met && set.repsDone >= current->dose.reps * sidesOf(current->dose);
                }
            }
        }
        if (!raisedToday && met && sets >= current->dose.sets) {
            if (auto raise = raiseQuota(c, date)) {
                apply({*raise});
                changes.push_back(*raise);
            }
        }
    }
    return changes;
}

std::vector<DoseChange> Tracker::recordFeedback(const Feedback& feedback) {
    std::vector<DoseChange> changes;
    m_journal.transaction(
        [&] { changes = afterSession(feedback.date, feedback.exercise, feedback); });
    return changes;
}

std::vector<DoseChange> Tracker::checkIn(const CheckIn& checkIn) {
    std::vector<DoseChange> changes;
    m_journal.transaction([&] {
        const std::int64_t logged = m_journal.logCheckIn(checkIn);
        if (!checkIn.redFlags.empty()) {
            const auto stop = stopProgram(checkIn.redFlags, checkIn.at.date);
            m_journal.stopProgram(stop);
            m_journal.addFlag({0, stop.date, {}, stop.row, stop.reason, stop.figures, true, {}});
            changes.push_back(stop);
            return;
        }
        // Morning pain 2 or more above the baseline (from the second week on, when the
        // baseline exists): the exercises done the day before regress.
        const int week = weekOf(checkIn.at.date);
        if (!checkIn.morningPain || week < 1) {
            return;
        }
        const auto base = baseline(week);
        if (!base || Fraction(*checkIn.morningPain) - *base < Fraction(2)) {
            return;
        }
        const Date yesterday = addDays(checkIn.at.date, -1);
        std::set<std::string> doneYesterday;
        for (const auto& s : m_journal.sessions(yesterday, yesterday)) {
            for (const auto& set : s.sets) {
                doneYesterday.insert(set.exercise);
            }
        }
        const auto history = m_journal.doseChanges();
        const auto routine = routineOf(m_program.phaseIndexInWeek(week), m_journal.prescriptions());
        for (const auto& id : doneYesterday) {
            const auto current = slot(id);
            if (!current || current->stopped) {
                continue;
            }
            ExerciseWeek now;
            now.baseline = base;
            now.worstMorning = checkIn.morningPain;
            if (auto safety = decideAtOnce(
                    now, context(*current, checkIn.at.date, history, routine), checkIn.at.date)) {
                safety->checkIn = logged; // so that the answer can be taken back the same day
                changes.push_back(*safety);
            }
        }
        apply(changes);
    });
    return changes;
}

std::vector<std::pair<Date, DayMark>> Tracker::calendar(Date today) const {
    StreakInput input;
    input.programStart = m_start;
    input.today = today;
    for (const auto& [date, credit] : credits(m_start, today)) {
        if (credit >= Fraction(1)) {
            input.completeDays.insert(date);
        }
    }
    input.plannedDays = plannedDays(m_start, today, m_journal.doseChanges());
    for (const auto& f : m_journal.flags()) {
        if (f.exercise.empty() && f.stops && !f.cleared) {
            input.stoppedOn = f.date;
        }
    }
    for (Date d = m_start; d <= today; d = addDays(d, 1)) {
        if (!phaseOn(d).daily()) {
            input.weeklyDays.insert(d);
        }
    }
    return markDays(input);
}

StreakResult Tracker::streak(Date today, StreakUnit& unit) const {
    const auto& phase = phaseOn(today);
    StreakInput input;
    input.unit = phase.daily() ? StreakUnit::Days : StreakUnit::Weeks;
    input.sessionsPerWeek = phase.perDay * phase.perWeek;
    input.programStart = m_start;
    input.today = today;
    // Every session ever recorded, so that a clock set back cannot hide one.
    Date last = today;
    for (const auto& [date, status] : m_journal.sessionDays(m_start, addDays(today, 3660))) {
        last = std::max(last, date);
    }
    for (const auto& [date, credit] : credits(m_start, last)) {
        if (credit >= Fraction(1)) {
            input.completeDays.insert(date);
        }
        // Full sessions that day, at most the sessions a day.
        const auto whole = static_cast<int>(credit.num() / credit.den());
        for (int i = 0; i < std::min(whole, phaseOn(date).perDay); ++i) {
            input.sessionDates.push_back(date);
        }
    }
    input.plannedDays = plannedDays(m_start, today, m_journal.doseChanges());
    for (const auto& f : m_journal.flags()) { // as calendar(): after a stop, days are stopped
        if (f.exercise.empty() && f.stops && !f.cleared) {
            input.stoppedOn = f.date;
        }
    }
    unit = input.unit;
    return computeStreak(input);
}

} // namespace motus::core
