#pragma once
#include "Practice.hpp"
#include "core/Reminders.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// Reminders of the day's routine (README, Reminders): the decision for today, the mark of the
// last reminder, the schedule as an iCalendar file and the systemd user timer that runs
// `motus reminders check`. Every file lives under the XDG folders.
namespace motus::service {

// The local clock of a stamp (its UTC time moved by its offset).
[[nodiscard]] core::LocalMoment localMoment(const core::Stamp& stamp);
// What the reminder needs of that day's view.
[[nodiscard]] core::ReminderDay reminderDay(const TodayView& view);

// $XDG_STATE_HOME/motus/last-reminder (XDG_STATE_HOME only when absolute), else
// ~/.local/state/motus/last-reminder: the date of the last reminder shown, YYYY-MM-DD.
[[nodiscard]] std::filesystem::path reminderMarkPath();
// The date in the mark; empty when there is none or it cannot be read.
[[nodiscard]] std::optional<Date> lastReminded(const std::filesystem::path& mark);
// Writes the mark (0600, its folder 0700 when made). Throws Refused when it cannot.
void markReminded(const std::filesystem::path& mark, Date date);

// The reminder schedule of the assigned program as an iCalendar file (RFC 5545): one weekly
// event per phase still ahead, from today (or the program's start) to the end of that phase, at
// the reminder time, on the reminder days (those of the phase's frequency unless chosen), as
// long as one session of the phase's routine. Refused without a program, while it is stopped
// and after its end.
[[nodiscard]] std::string reminderCalendar(Practice& practice,
                                           const core::ReminderSettings& settings);
// The names of the exercises of that day's routine, in the UI language, joined with ", ".
[[nodiscard]] std::string routineNames(const TodayView& view);

// The systemd user units that run `motus reminders check`.
struct ReminderTimer {
    std::filesystem::path service; // $XDG_CONFIG_HOME/systemd/user/motus-reminder.service
    std::filesystem::path timer;   // ... /motus-reminder.timer
    [[nodiscard]] static ReminderTimer locate();
    [[nodiscard]] bool installed() const;
};
inline constexpr const char* kReminderTimerUnit = "motus-reminder.timer";
// The text of the units. The service runs `command` (the program and its arguments); the timer
// fires at the reminder time on the chosen days (every day when the days follow the program:
// the check decides) and two minutes after login, so that a reminder missed while the computer
// was off comes when it is back.
[[nodiscard]] std::string reminderServiceUnit(const std::vector<std::string>& command);
[[nodiscard]] std::string reminderTimerUnit(const core::ReminderSettings& settings);
// Writes both units (0600, folders 0700 when made). Throws Refused when it cannot.
void installReminderTimer(const ReminderTimer& files, const core::ReminderSettings& settings,
                          const std::vector<std::string>& command);
// Removes the units Motus wrote (a file Motus did not write is left alone) and the link
// `systemctl enable` made; true when something was removed.
bool removeReminderTimer(const ReminderTimer& files);

// What the window and `motus reminders on/off/set` do to the timer, the same way.
// The command the timer runs: this program's own file with `reminders check`, then `--db` and
// `--library` when given (made absolute). Throws Refused when the program's file is unknown.
[[nodiscard]] std::vector<std::string> reminderCheckCommand(const std::filesystem::path& journal,
                                                            const std::filesystem::path& library);
// Writes the units and asks systemd (`systemctl --user daemon-reload`, `enable --now`) to start
// the timer; returns what happened in words: the timer enabled, or where it is and the command
// that starts it. Throws Refused when the units cannot be written.
[[nodiscard]] std::string startReminderTimer(const core::ReminderSettings& settings,
                                             const std::vector<std::string>& command);
// Stops the timer (`systemctl --user disable --now`) and removes its units; true when something
// was removed.
bool stopReminderTimer();

// A program found in PATH, as execvp would find it.
[[nodiscard]] std::optional<std::filesystem::path> findProgram(const std::string& name);
// Runs a program with these arguments (no shell), its output discarded when `quiet`; returns its
// exit status, or -1 when it could not be run.
int runProgram(const std::filesystem::path& program, const std::vector<std::string>& arguments,
               bool quiet);

} // namespace motus::service
