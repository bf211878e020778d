#include "Streaks.hpp"

#include <algorithm>
#include <map>

namespace motus::core {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date next(Date d) {
    return Date(sys_days(d) + days(1));
}

// Calendar arithmetic on dates only: a day is a day, whatever its length in hours (DST).
long daysBetween(Date from, Date to) {
    return (sys_days(to) - sys_days(from)).count();
}

} // namespace

Date mondayOf(Date date) {
    const std::chrono::weekday weekday{sys_days(date)};
    const auto sinceMonday = (weekday - std::chrono::Monday).count();
    return Date(sys_days(date) - days(sinceMonday));
}

std::vector<std::pair<Date, DayMark>> markDays(const StreakInput& input) {
    std::vector<std::pair<Date, DayMark>> marks;
    if (input.today < input.programStart) {
        return marks;
    }
    std::vector<Date> missed;
    for (Date d = input.programStart; d <= input.today; d = next(d)) {
        const bool done = input.completeDays.count(d) > 0 || input.plannedDays.count(d) > 0;
        if (input.stoppedOn && d > *input.stoppedOn) {
            marks.emplace_back(d, DayMark::Stopped); // after a stop: not missed, not celebrated
        } else if (done) {
            marks.emplace_back(d, DayMark::Done);
        } else if (d == input.today) {
            marks.emplace_back(d, DayMark::Today); // today is never a miss while it lasts
        } else if (input.weeklyDays.count(d) > 0) {
            marks.emplace_back(d, DayMark::Rest);
        } else {
            // Forgiven when no other day was missed in the six days before it.
            const bool recentMiss = std::any_of(missed.begin(), missed.end(), [&](Date m) {
                const long gap = daysBetween(m, d);
                return gap >= 1 && gap <= 6;
            });
            marks.emplace_back(d, recentMiss ? DayMark::Missed : DayMark::Forgiven);
            missed.push_back(d);
        }
    }
    return marks;
}

StreakResult computeStreak(const StreakInput& given) {
    StreakInput input = given;
    // A clock that went backwards does not break the streak: look from the latest date known.
    for (const auto& d : input.completeDays) {
        input.today = std::max(input.today, d);
    }
    StreakResult result;
    if (input.unit == StreakUnit::Days) {
        int run = 0;
        for (const auto& [date, mark] : markDays(input)) {
            switch (mark) {
            case DayMark::Done:
                result.longest = std::max(result.longest, ++run);
                break;
            case DayMark::Missed:
                run = 0;
                break;
            default:
                break; // forgiven and today neither break nor lengthen it
            }
        }
        result.current = run;
        return result;
    }
    // Week-streak: consecutive Monday-to-Sunday weeks with at least N sessions; the week in
    // progress does not break it and counts once N is reached.
    std::map<Date, int> perWeek;
    for (const auto& d : input.sessionDates) {
        if (d >= input.programStart && d <= input.today) {
            ++perWeek[mondayOf(d)];
        }
    }
    for (const auto& d : input.plannedDays) {
        if (d >= input.programStart && d <= input.today) {
            ++perWeek[mondayOf(d)];
        }
    }
    const Date thisWeek = mondayOf(input.today);
    int run = 0;
    for (Date week = mondayOf(input.programStart); week <= thisWeek;
         week = Date(sys_days(week) + days(7))) {
        const bool met = perWeek[week] >= input.sessionsPerWeek;
        if (input.stoppedOn && week > mondayOf(*input.stoppedOn)) {
            continue; // after a stop: neither a miss nor a week done
        }
        if (met) {
            result.longest = std::max(result.longest, ++run);
        } else if (week != thisWeek) {
            run = 0;
        }
    }
    result.current = run;
    return result;
}

} // namespace motus::core
