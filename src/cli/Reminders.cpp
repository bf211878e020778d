// `motus reminders`: the reminder schedule, its settings, the systemd user timer and the check it
// runs. Thin presenters over the application layer (service::Reminders, service::SettingsFile):
// the decision to remind lives in core::shouldNotify.
#include "service/Reminders.hpp"
#include "Commands.hpp"
#include "core/I18n.hpp"
#include "service/SettingsFile.hpp"

#include <fmt/format.h>

#include <array>
#include <ostream>

namespace motus::cli {
namespace {

using core::tr;
using core::trn;
using service::Practice;

constexpr std::array<const char*, 7> kDayNames{N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                               N_("Fri"), N_("Sat"), N_("Sun")};

std::unique_ptr<Practice> open(const Context& c) {
    service::PracticeOptions options;
    options.library = c.library();
    options.journal = c.journal();
    return std::make_unique<Practice>(std::move(options));
}

// The settings, with what could not be read named on stderr.
core::Settings loadSettings(const Context& c) {
    const auto loaded = service::loadSettings(service::settingsPath());
    for (const auto& diagnostic : loaded.diagnostics) {
        c.err << diagnostic.str() << '\n';
    }
    return loaded.settings;
}

std::string dayList(core::WeekdaySet days) {
    std::string out;
    for (std::size_t i = 0; i < kDayNames.size(); ++i) {
        if ((days & (1u << i)) != 0) {
            out += out.empty() ? "" : ", ";
            out += tr(kDayNames[i]);
        }
    }
    return out;
}

// The frequency of the phase in force, when a program is assigned.
std::optional<int> programFrequency(Practice& practice) {
    if (practice.state() == service::ProgramState::None) {
        return std::nullopt;
    }
    return service::reminderDay(practice.todayView()).perWeek;
}

// "Mon, Wed, Fri (chosen)" or "Mon, Wed, Fri (the program's: 3 days a week)".
std::string daysText(const core::ReminderSettings& settings, std::optional<int> perWeek) {
    if (settings.days != 0) {
        return fmt::format(fmt::runtime(tr("{} (chosen)")), dayList(settings.days));
    }
    if (!perWeek) {
        return tr("those of the program (none is assigned)");
    }
    return fmt::format(fmt::runtime(trn("{0} (the program's: {1} day a week)",
                                        "{0} (the program's: {1} days a week)",
                                        static_cast<unsigned long>(*perWeek))),
                       dayList(core::daysForFrequency(*perWeek)), *perWeek);
}

// What the timer runs: this motus, with the journal and library of this command line.
std::vector<std::string> checkCommand(const Context& c) {
    const auto library = c.values.text("--library");
    return service::reminderCheckCommand(c.journal(), library ? std::filesystem::path(*library)
                                                              : std::filesystem::path());
}

void warnWithoutNotifySend(const Context& c) {
    if (!service::findProgram("notify-send")) {
        c.err << "motus: "
              << tr("notify-send was not found: install the package libnotify-bin, or no "
                    "reminder can be shown")
              << '\n';
    }
}

// Writes the timer's units and starts the timer (systemctl --user), or says how to.
void installTimer(const Context& c, const core::ReminderSettings& settings) {
    c.out << service::startReminderTimer(settings, checkCommand(c)) << '\n';
}

std::string verdictText(core::ReminderVerdict verdict, const core::ReminderSettings& settings) {
    using V = core::ReminderVerdict;
    switch (verdict) {
    case V::Notify:
        return tr("A reminder is due.");
    case V::Off:
        return tr("No reminder: reminders are off.");
    case V::NoProgram:
        return tr("No reminder: no program is running.");
    case V::Stopped:
        return tr("No reminder: the program is stopped until your therapist lifts the stop.");
    case V::NotAReminderDay:
        return tr("No reminder: today is not a reminder day.");
    case V::TooEarly:
        return fmt::format(fmt::runtime(tr("No reminder yet: the reminder time is {}.")),
                           core::clockText(settings.minute));
    case V::NothingDue:
        return tr("No reminder: nothing is due today.");
    case V::Done:
        return tr("No reminder: today's routine is done.");
    case V::AlreadyReminded:
        return tr("No reminder: one was shown today already.");
    }
    return {};
}

} // namespace

int cmdReminders(Context& c) {
    const auto settings = loadSettings(c);
    const auto practice = open(c);
    if (c.values.flag("--ics")) {
        const std::filesystem::path file = *c.values.text("--out");
        const auto text = service::reminderCalendar(*practice, settings.reminders);
        service::writeExport(file, text, practice->journalFile());
        c.out << fmt::format(fmt::runtime(tr("Wrote {}")), file.string()) << '\n';
        return kExitOk;
    }
    const auto& r = settings.reminders;
    const auto files = service::ReminderTimer::locate();
    c.out << tr("Reminders:") << ' ' << (r.enabled ? tr("on") : tr("off")) << '\n'
          << tr("Days:") << ' ' << daysText(r, programFrequency(*practice)) << '\n'
          << tr("Time:") << ' ' << core::clockText(r.minute) << '\n'
          << tr("Timer:") << ' '
          << (files.installed()
                  ? fmt::format(fmt::runtime(tr("installed ({})")), files.timer.string())
                  : std::string(tr("not installed")))
          << '\n'
          << tr("Settings:") << ' ' << service::settingsPath().string() << '\n';
    return kExitOk;
}

int cmdRemindersSet(Context& c) {
    const auto days = c.values.text("--days");
    const auto time = c.values.text("--time");
    if (!days && !time) {
        return c.usage(tr("reminders set needs --days, --time or both"));
    }
    auto settings = loadSettings(c);
    if (days && !core::parseWeekdays(*days, settings.reminders.days)) {
        return c.usage(fmt::format(
            fmt::runtime(tr("--days takes days such as mon,wed,fri (each once) or program, not "
                            "'{}'")),
            *days));
    }
    if (time && !core::parseClock(*time, settings.reminders.minute)) {
        return c.usage(fmt::format(
            fmt::runtime(tr("--time takes a time HH:MM from 00:00 to 23:59, not '{}'")), *time));
    }
    service::saveSettings(service::settingsPath(), settings);
    const auto practice = open(c);
    c.out << fmt::format(fmt::runtime(tr("Reminders: {0} at {1}.")),
                         daysText(settings.reminders, programFrequency(*practice)),
                         core::clockText(settings.reminders.minute))
          << '\n';
    if (settings.reminders.enabled) {
        installTimer(c, settings.reminders); // the timer follows the new days and time
    } else {
        c.out << tr("Reminders are off; 'motus reminders on' turns them on.") << '\n';
    }
    return kExitOk;
}

int cmdRemindersOn(Context& c) {
    auto settings = loadSettings(c);
    settings.reminders.enabled = true;
    const auto command = checkCommand(c); // before anything is written
    service::saveSettings(service::settingsPath(), settings);
    const auto practice = open(c);
    c.out << fmt::format(fmt::runtime(tr("Reminders are on: {0} at {1}.")),
                         daysText(settings.reminders, programFrequency(*practice)),
                         core::clockText(settings.reminders.minute))
          << '\n';
    installTimer(c, settings.reminders);
    warnWithoutNotifySend(c);
    return kExitOk;
}

int cmdRemindersOff(Context& c) {
    auto settings = loadSettings(c);
    settings.reminders.enabled = false;
    service::saveSettings(service::settingsPath(), settings);
    const bool removed = service::stopReminderTimer();
    c.out << (removed ? tr("Reminders are off; the reminder timer was removed.")
                      : tr("Reminders are off."))
          << '\n';
    return kExitOk;
}

int cmdRemindersCheck(Context& c) {
    const auto settings = loadSettings(c);
    const auto practice = open(c);
    const auto view = practice->todayView();
    const auto mark = service::reminderMarkPath();
    const auto verdict =
        core::shouldNotify(service::localMoment(practice->now()), settings.reminders,
                           service::reminderDay(view), service::lastReminded(mark));
    if (verdict != core::ReminderVerdict::Notify) {
        c.out << verdictText(verdict, settings.reminders) << '\n';
        return kExitOk;
    }
    const auto notifySend = service::findProgram("notify-send");
    if (!notifySend) {
        c.err << "motus: "
              << tr("a reminder is due, but notify-send was not found: install the package "
                    "libnotify-bin")
              << '\n';
        return kExitFailure;
    }
    const std::string title = tr("Time for your exercises");
    const int minutes = (view.sessionSeconds + 59) / 60;
    const std::string body =
        fmt::format(fmt::runtime(trn("Today's routine in Motus: {0} (about {1} minute).",
                                     "Today's routine in Motus: {0} (about {1} minutes).",
                                     static_cast<unsigned long>(minutes))),
                    service::routineNames(view), minutes);
    const int status = service::runProgram(
        *notifySend, {"--app-name=Motus", "--icon=motus", "--", title, body}, false);
    if (status != 0) {
        c.err << "motus: "
              << fmt::format(fmt::runtime(tr("notify-send failed (exit {}); no reminder was "
                                             "shown")),
                             status)
              << '\n';
        return kExitFailure;
    }
    service::markReminded(mark, view.date);
    c.out << tr("Reminder shown.") << '\n';
    return kExitOk;
}

} // namespace motus::cli
