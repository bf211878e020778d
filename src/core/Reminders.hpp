#pragma once
#include "Journal.hpp"
#include "Settings.hpp"

#include <optional>
#include <string>
#include <vector>

// Reminders of the day's routine (README, Reminders): on which days, whether to remind now, and
// the schedule as an iCalendar file (RFC 5545). Pure: the clock, the day's routine and the last
// reminder are handed in.
namespace motus::core {

// The weekday of a date: 0 Monday ... 6 Sunday (the bit of WeekdaySet).
[[nodiscard]] int weekdayIndex(Date date);
// The days that follow a program's frequency: 7 a week every day, 6 Monday to Saturday, 5 Monday
// to Friday, 4 Monday, Tuesday, Thursday and Friday, 3 (and fewer) Monday, Wednesday and Friday.
[[nodiscard]] WeekdaySet daysForFrequency(int perWeek);
// The reminder days: those chosen in the settings, else the program's.
[[nodiscard]] WeekdaySet reminderDays(const ReminderSettings& settings, int perWeek);

// A moment on the local clock.
struct LocalMoment {
    Date date;
    int minute = 0; // after local midnight, 0..1439
};

// What the reminder needs to know of the day.
struct ReminderDay {
    bool hasProgram = false;
    bool stopped = false;     // rule 0 stopped the program: never nag
    bool notStarted = false;  // the program starts later
    bool routineDue = false;  // something is due that day
    bool dayComplete = false; // every session due that day is done
    int perWeek = 7;          // the frequency of the phase in force
};

enum class ReminderVerdict {
    Notify,
    Off,             // reminders are off
    NoProgram,       // nothing assigned, or it starts later
    Stopped,         // the program is stopped until the therapist lifts it
    NotAReminderDay, // not one of the reminder days
    TooEarly,        // before the reminder time
    NothingDue,      // no routine that day
    Done,            // today's routine is done
    AlreadyReminded, // a reminder was shown today
};

// Whether to remind now: reminders on, a program running and not stopped, a reminder day, the
// time reached, a routine due and not done, and no reminder yet that day.
[[nodiscard]] ReminderVerdict shouldNotify(const LocalMoment& now, const ReminderSettings& settings,
                                           const ReminderDay& today,
                                           std::optional<Date> lastReminded);

// One recurring event of the schedule.
struct CalendarEvent {
    std::string uid;
    Date first;     // the first day (one of `days`)
    Date until;     // the last day it may recur
    int minute = 0; // the time of day, floating local time
    int durationMinutes = 15;
    WeekdaySet days = kAllWeekdays;
    std::string summary;
    std::string description;
    std::string alarm; // the text of the reminder shown at the time
};

// An iCalendar file (RFC 5545): one VCALENDAR, a VEVENT with a VALARM per event; CRLF line ends,
// lines folded at 75 octets without splitting a character, TEXT values escaped. `stampUtc` is
// the DTSTAMP, "YYYY-MM-DDTHH:MM:SSZ" (core::Stamp::utc).
[[nodiscard]] std::string writeCalendar(const std::vector<CalendarEvent>& events,
                                        const std::string& stampUtc);
// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline.
[[nodiscard]] std::string escapeCalendarText(std::string_view text);
// Folds one content line (without its CRLF) into lines of at most 75 octets, joined by CRLF and a
// space, never inside a UTF-8 character.
[[nodiscard]] std::string foldCalendarLine(std::string_view line);

} // namespace motus::core
