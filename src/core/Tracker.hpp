#pragma once
#include "Fraction.hpp"
#include "Journal.hpp"
#include "Library.hpp"
#include "Program.hpp"
#include "Progression.hpp"
#include "Streaks.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

// The adherence tracker: the program's plan, the journal and the rules (clinical-rules.md
// version 2) together. Pure logic on top of the Journal interface; the application layer
// (src/service) opens the storage, parses the program and wraps each person's action in one
// journal transaction.
namespace motus::core {

struct TodayItem {
    const Exercise* exercise = nullptr;
    Prescription prescription;
    int doneSets = 0;       // logged on that day
    int prescribedSets = 0; // sets times sessions a day
};

struct TodayPlan {
    Date date;
    bool stopped = false;  // rule 0: the program is stopped
    bool before = false;   // the date is before the program's start
    bool complete = false; // after the program's last week (§5e)
    int week = 0;          // 0-based program week
    std::size_t phase = 0;
    int perDay = 1;
    std::vector<TodayItem> items;           // each exercise once; stopped ones left out
    std::vector<Prescription> stoppedItems; // stopped exercises of the routine
    Fraction credit;                        // §2: sessions earned that day
};

class Tracker {
public:
    Tracker(Journal& journal, const Library& library, const Program& program, Date start);

    [[nodiscard]] int weekOf(Date date) const;
    [[nodiscard]] Date weekStart(int week) const;
    [[nodiscard]] const ProgramPhase& phaseOn(Date date) const;
    // After the program's last week: maintenance, no steps up (§5e).
    [[nodiscard]] bool completeOn(Date date) const;

    // Runs the weekly reviews of the weeks that ended before `asOf` and are not done yet (and
    // the phase changes they bring), oldest first, in time linear in the weeks; returns those it
    // ran. Running again changes nothing.
    std::vector<Review> runDueReviews(Date asOf);

    // The routine due on `date`: each exercise once, however its items were switched.
    [[nodiscard]] TodayPlan today(Date date) const;

    // §2: the credit each day earned, sessions per day × the mean over the routine's exercises
    // of min(1, sets done ÷ sets due), with the doses in force that day.
    [[nodiscard]] std::map<Date, Fraction> credits(Date from, Date to) const;
    // A over [from, to]; empty when no session was due in it (before the start).
    [[nodiscard]] std::optional<Fraction> adherence(Date from, Date to) const;
    [[nodiscard]] StreakResult streak(Date today, StreakUnit& unit) const;
    [[nodiscard]] std::vector<std::pair<Date, DayMark>> calendar(Date today) const;
    // §4 Pm baseline for the program week `week` (never rounded); empty when unknown.
    [[nodiscard]] std::optional<Fraction> baseline(int week) const;
    // The inputs of §4 for one exercise and one program week.
    [[nodiscard]] ExerciseWeek inputs(const Prescription& prescription, int week,
                                      Fraction adherence) const;
    // The current prescription that fills a program item: the item's own exercise when it has
    // one, else the variant it was switched to.
    [[nodiscard]] std::optional<Prescription> slot(const std::string& itemExercise) const;
    // The prescriptions a phase starts with (§5e): stops kept, a recent regression kept.
    [[nodiscard]] std::vector<DoseChange> phaseChanges(std::size_t phase, Date date) const;

    // Writes; the caller wraps each action in one journal transaction.
    struct Logged {
        std::vector<SetRecord> sets;
        std::vector<DoseChange> changes;
    };
    // One exercise done on a day: `sets` sets of `reps` reps (per side; none: each set as
    // prescribed) held `hold` s, stored with unique set numbers in the day's open session; rule 7
    // before the first session after a gap, the feedback and rules 1 and 2 at once, the quota of
    // §5f.
    Logged logExercise(const Stamp& when, const std::string& exercise, int sets,
                       std::optional<int> reps, int hold, const std::optional<Feedback>& feedback);
    // One set as the player finishes it.
    Logged logSet(const Stamp& when, const std::string& exercise, int repsDone, int holdSeconds);
    // The patient stopped the session early: the day's unfinished session is marked stopped.
    void markSessionStopped(Date date);
    // Pain, effort and legs after an exercise; rules 1 and 2 act at once, and the quota.
    std::vector<DoseChange> recordFeedback(const Feedback& feedback);
    // A morning check-in; rule 0 on red flags, rule 2 on morning pain (from week 2 on).
    std::vector<DoseChange> checkIn(const CheckIn& checkIn);
    // Applies decisions: prescriptions, history, and a flag for the therapist for every stop.
    void apply(const std::vector<DoseChange>& changes);

private:
    // What one week's review reads, read once for all its exercises.
    struct WeekData {
        int week = 0;
        Date from;
        Date to;
        Date lookBack;
        std::vector<SessionRecord> sessions; // lookBack .. to
        std::vector<Feedback> feedback;      // lookBack .. to
        std::vector<CheckIn> checkIns;       // the two weeks before .. to
        std::optional<Fraction> baseline;
        std::set<Date> planned; // planned modifications (the day after a flare)
    };
    [[nodiscard]] WeekData loadWeek(int week) const;
    [[nodiscard]] ExerciseWeek inputs(const WeekData& data, const Prescription& prescription,
                                      Fraction adherence) const;
    [[nodiscard]] std::vector<DoseChange>
    phaseChanges(std::size_t phase, Date date, const std::vector<Prescription>& prescriptions,
                 const std::vector<DoseChange>& history) const;
    struct DoneSet {
        int repsDone = 0;
        int holdSeconds = 0;
        bool perSide = false;      // repsDone counts one side (of a one-sided exercise), else both
        bool asPrescribed = false; // the reps of that set as prescribed (a pyramid's own)
    };
    Logged logSets(const Stamp& when, const std::string& exercise, const std::vector<DoneSet>& done,
                   const std::optional<Feedback>& feedback, bool sessionEnd);
    [[nodiscard]] std::vector<Prescription> routineOf(std::size_t phase,
                                                      const std::vector<Prescription>& in) const;
    [[nodiscard]] RuleContext context(const Prescription& prescription, Date date,
                                      const std::vector<DoseChange>& history,
                                      const std::vector<Prescription>& routine) const;
    [[nodiscard]] std::set<Date> plannedDays(Date from, Date to,
                                             const std::vector<DoseChange>& history) const;
    [[nodiscard]] int gapBefore(Date date) const;
    [[nodiscard]] std::vector<DoseChange> afterSession(Date date, const std::string& exercise,
                                                       const std::optional<Feedback>& feedback);

    // The journal's dose changes, or those read once for a week's review (HistoryCache).
    [[nodiscard]] std::vector<DoseChange> doseChanges() const;
    class HistoryCache {
    public:
        HistoryCache(const Tracker& tracker, const std::vector<DoseChange>& history)
            : m_tracker(tracker) {
            m_tracker.m_history = &history;
        }
        ~HistoryCache() { m_tracker.m_history = nullptr; }
        HistoryCache(const HistoryCache&) = delete;
        HistoryCache& operator=(const HistoryCache&) = delete;

    private:
        const Tracker& m_tracker;
    };

    Journal& m_journal;
    mutable const std::vector<DoseChange>* m_history = nullptr;
    const Library& m_library;
    const Program& m_program;
    Date m_start;
};

// Prescriptions for the items of one phase, at the item's planned dose.
[[nodiscard]] std::vector<Prescription> planFor(const ProgramPhase& phase);
// Sides a rep is done on: 2 for each/alternate (reps are per side), else 1.
[[nodiscard]] int sidesOf(const Dose& dose);

} // namespace motus::core
