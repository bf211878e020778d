#pragma once
#include "Journal.hpp"

#include <optional>
#include <set>
#include <vector>

// Streaks (clinical-rules.md §3), on local calendar dates as recorded.
namespace motus::core {

enum class StreakUnit { Days, Weeks };

struct StreakInput {
    StreakUnit unit = StreakUnit::Days;
    int sessionsPerWeek = 7; // N, for a week-streak
    Date programStart;
    Date today;
    std::set<Date> completeDays;    // a full session was completed on these days
    std::set<Date> plannedDays;     // planned modifications (a logged flare): count as done
    std::vector<Date> sessionDates; // every complete session, for week-streaks (repeats allowed)
    std::optional<Date> stoppedOn;  // rule 0 stopped the program that day: later days are stopped
    // Days under an N-times-a-week phase: there a day without a session is a rest day, never a
    // miss (§3); the week, not the day, is what counts.
    std::set<Date> weeklyDays;
};

struct StreakResult {
    int current = 0;
    int longest = 0;
};

enum class DayMark { Done, Forgiven, Missed, Today, Future, BeforeStart, Stopped, Rest };

// What each day from the program start to `input.today` counts as, in a day-streak.
[[nodiscard]] std::vector<std::pair<Date, DayMark>> markDays(const StreakInput& input);

[[nodiscard]] StreakResult computeStreak(const StreakInput& input);

// Monday of the local week that contains `date`.
[[nodiscard]] Date mondayOf(Date date);

} // namespace motus::core
