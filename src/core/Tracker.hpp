#pragma once
#include "Journal.hpp"
#include "Library.hpp"
#include "Program.hpp"
#include "Progression.hpp"
#include "Streaks.hpp"

#include <optional>
#include <string>
#include <vector>

// The adherence tracker: the program's plan, the journal and the rules together. Pure logic on
// top of the Journal interface; the caller parses the program and opens the storage.
namespace motus::core {

struct TodayItem {
    const Exercise* exercise = nullptr;
    Prescription prescription;
    int doneSets = 0;       // logged on that day
    int prescribedSets = 0; // per session, times sessions a day
};

struct TodayPlan {
    Date date;
    bool stopped = false; // rule 0: the program is stopped
    std::string advice;   // when stopped: what to do
    bool before = false;  // the date is before the program's start
    int week = 0;         // 0-based program week
    std::size_t phase = 0;
    std::vector<TodayItem> items;
};

class Tracker {
public:
    Tracker(Journal& journal, const Library& library, const Program& program, Date start);

    [[nodiscard]] int weekOf(Date date) const;
    [[nodiscard]] Date weekStart(int week) const;
    [[nodiscard]] const ProgramPhase& phaseOn(Date date) const;

    // Runs the weekly reviews of the weeks that ended before `asOf` and are not done yet (and
    // the phase changes they bring); returns those it ran. Running again changes nothing. A
    // week is reviewed once it is over, so a session logged on its last day still counts.
    std::vector<Review> runDueReviews(Date asOf);

    // The routine due on `date`.
    [[nodiscard]] TodayPlan today(Date date) const;

    // Records one exercise done on a day (its sets), then the feedback; applies rule 7 before
    // the first session after a gap, and rules 1 and 2 at once. Returns the changes made.
    std::vector<DoseChange> logExercise(const Stamp& when, const std::string& exercise,
                                        const std::vector<SetRecord>& sets,
                                        const std::optional<Feedback>& feedback);
    // The patient stopped the session early: the day's unfinished session is marked stopped.
    void markSessionStopped(Date date);
    // Pain, effort and legs after an exercise; rules 1 and 2 act at once.
    std::vector<DoseChange> recordFeedback(const Feedback& feedback);
    // A morning check-in; rule 0 on red flags, rule 2 on morning pain. Returns the changes.
    std::vector<DoseChange> checkIn(const CheckIn& checkIn);

    // A over [from, to] (§2), 0..1; 1 when nothing was prescribed.
    [[nodiscard]] double adherence(Date from, Date to) const;
    [[nodiscard]] StreakResult streak(Date today, StreakUnit& unit) const;
    [[nodiscard]] std::vector<std::pair<Date, DayMark>> calendar(Date today) const;
    // The inputs of §4 for one exercise and one program week. The week's adherence is the
    // same for every exercise: pass it when it is known.
    [[nodiscard]] ExerciseWeek inputs(const Prescription& prescription, int week,
                                      std::optional<double> adherence = std::nullopt) const;
    // The current prescription that fills a program item (the item's exercise or a variant it
    // was switched to).
    [[nodiscard]] std::optional<Prescription> slot(const std::string& itemExercise) const;

private:
    [[nodiscard]] std::optional<Prescription>
    slotIn(const std::string& itemExercise, const std::vector<Prescription>& prescriptions) const;
    [[nodiscard]] RuleContext context(const Prescription& prescription) const;
    [[nodiscard]] std::optional<double> baseline() const;
    [[nodiscard]] std::set<Date> plannedDays(Date from, Date to) const;
    [[nodiscard]] int setsPerSession(const ProgramPhase& phase) const;
    [[nodiscard]] std::optional<Date> lastSessionBefore(Date date) const;

    Journal& m_journal;
    const Library& m_library;
    const Program& m_program;
    Date m_start;
};

// Prescriptions for the items of one phase, at the item's planned dose.
[[nodiscard]] std::vector<Prescription> planFor(const ProgramPhase& phase);

} // namespace motus::core
