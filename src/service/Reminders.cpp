#include "Reminders.hpp"

#include "SettingsFile.hpp"
#include "core/I18n.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace motus::service {

namespace fs = std::filesystem;
using core::tr;

namespace {

constexpr std::string_view kWrittenByMotus = "# Written by Motus";

std::string compactDate(Date date) {
    std::string text = core::formatDate(date);
    std::erase(text, '-');
    return text;
}

[[noreturn]] void cannotWrite(const fs::path& file, int error) {
    throw Refused(fmt::format(fmt::runtime(tr("Cannot write {0}: the folder {1} cannot be made "
                                              "({2}). Nothing was changed.")),
                              "'" + file.string() + "'", "'" + file.parent_path().string() + "'",
                              std::strerror(error)));
}

void writePrivate(const fs::path& file, const std::string& text) {
    if (!makePrivateFolders(file.parent_path())) {
        cannotWrite(file, errno);
    }
    writeExport(file, text, {});
}

// An argument of ExecStart=, quoted for systemd (systemd.service(5), "Command lines").
std::string systemdQuoted(const std::string& argument) {
    std::string out = "\"";
    for (const char c : argument) {
        if (c == '\n' || c == '\r') {
            throw Refused(tr("A path given to Motus contains a line break; the reminder timer "
                             "cannot run it."));
        }
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        if (c == '%') {
            out += '%'; // a specifier otherwise
        }
        if (c == '$') {
            out += '$'; // an environment variable otherwise
        }
        out += c;
    }
    out += '"';
    return out;
}

bool writtenByMotus(const fs::path& file) {
    std::ifstream in(file);
    std::string first;
    return std::getline(in, first) && first.starts_with(kWrittenByMotus);
}

} // namespace

core::LocalMoment localMoment(const core::Stamp& stamp) {
    core::LocalMoment moment;
    moment.date = stamp.date;
    int utcMinute = 0;
    if (stamp.utc.size() >= 16) { // YYYY-MM-DDTHH:MM...
        utcMinute = ((stamp.utc[11] - '0') * 10 + (stamp.utc[12] - '0')) * 60 +
                    (stamp.utc[14] - '0') * 10 + (stamp.utc[15] - '0');
    }
    moment.minute = ((utcMinute + stamp.utcOffsetMinutes) % 1440 + 1440) % 1440;
    return moment;
}

core::ReminderDay reminderDay(const TodayView& view) {
    core::ReminderDay day;
    day.hasProgram = view.program != nullptr && view.state != ProgramState::None;
    day.notStarted = view.state == ProgramState::NotStarted;
    day.stopped = view.state == ProgramState::Stopped;
    day.routineDue = !view.items.empty();
    day.dayComplete = view.dayComplete;
    if (view.program != nullptr && view.phase < view.program->phases.size()) {
        day.perWeek = view.program->phases[view.phase].perWeek;
    }
    return day;
}

fs::path reminderMarkPath() {
    const char* state = std::getenv("XDG_STATE_HOME");
    if (state != nullptr && *state == '/') {
        return fs::path(state) / "motus" / "last-reminder";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "state" / "motus" /
           "last-reminder";
}

std::optional<Date> lastReminded(const fs::path& mark) {
    std::ifstream in(mark);
    std::string text;
    if (!std::getline(in, text)) {
        return std::nullopt;
    }
    return core::parseDate(text);
}

void markReminded(const fs::path& mark, Date date) {
    writePrivate(mark, core::formatDate(date) + "\n");
}

std::string routineNames(const TodayView& view) {
    const auto lang = core::uiLanguage();
    std::string names;
    for (const auto& item : view.items) {
        if (item.exercise == nullptr) {
            continue;
        }
        names += names.empty() ? "" : ", ";
        names += item.exercise->text(lang).name;
    }
    return names;
}

std::string reminderCalendar(Practice& practice, const core::ReminderSettings& settings) {
    const auto view = practice.todayView();
    if (view.program == nullptr || view.state == ProgramState::None) {
        throw Refused(tr("No program is assigned, so there is nothing to remind you of."));
    }
    if (view.state == ProgramState::Stopped) {
        throw Refused(tr("The program is stopped until your therapist lifts the stop; there "
                         "is nothing to remind you of."));
    }
    const core::Program& program = *view.program;
    const auto lang = core::uiLanguage();
    const std::chrono::sys_days start{view.start};
    const std::chrono::sys_days today{practice.today()};
    const std::chrono::sys_days from = std::max(start, today);
    const std::chrono::sys_days end = start + std::chrono::days(7 * program.totalWeeks() - 1);
    if (from > end) {
        throw Refused(fmt::format(fmt::runtime(tr("The program ended on {}; there is nothing left "
                                                  "to remind you of.")),
                                  core::formatDate(Date{end})));
    }
    std::vector<core::CalendarEvent> events;
    std::chrono::sys_days phaseStart = start;
    for (std::size_t i = 0; i < program.phases.size(); ++i) {
        const auto& phase = program.phases[i];
        const std::chrono::sys_days phaseEnd = phaseStart + std::chrono::days(7 * phase.weeks - 1);
        const std::chrono::sys_days firstDay = std::max(phaseStart, from);
        const std::chrono::sys_days next = phaseEnd + std::chrono::days(1);
        if (phaseEnd < from) {
            phaseStart = next;
            continue;
        }
        core::CalendarEvent event;
        event.days = core::reminderDays(settings, phase.perWeek);
        std::chrono::sys_days first = firstDay;
        while (first <= phaseEnd && (event.days & (1u << core::weekdayIndex(Date{first}))) == 0) {
            first += std::chrono::days(1);
        }
        if (first > phaseEnd) {
            phaseStart = next;
            continue;
        }
        const auto dayView = practice.todayView(Date{firstDay});
        const auto names = routineNames(dayView);
        event.uid = "motus-reminder-" + program.id + "-" + compactDate(view.start) + "-phase-" +
                    std::to_string(i + 1) + "@motus.invalid";
        event.first = Date{first};
        event.until = Date{phaseEnd};
        event.minute = settings.minute;
        event.durationMinutes =
            dayView.sessionSeconds > 0 ? (dayView.sessionSeconds + 59) / 60 : 15;
        event.summary = fmt::format(fmt::runtime(tr("Exercises: {}")), program.titleIn(lang));
        event.description = fmt::format(fmt::runtime(tr("{0}, phase {1} ({2}): {3}")),
                                        program.titleIn(lang), i + 1, phase.nameIn(lang), names);
        event.alarm = fmt::format(fmt::runtime(tr("Time for your exercises: {}")), names);
        events.push_back(std::move(event));
        phaseStart = next;
    }
    if (events.empty()) {
        throw Refused(tr("No reminder day is left before the program ends."));
    }
    return core::writeCalendar(events, practice.now().utc);
}

ReminderTimer ReminderTimer::locate() {
    const fs::path folder = configHome() / "systemd" / "user";
    return {folder / "motus-reminder.service", folder / kReminderTimerUnit};
}

bool ReminderTimer::installed() const {
    std::error_code ec;
    return fs::exists(timer, ec) && writtenByMotus(timer);
}

std::string reminderServiceUnit(const std::vector<std::string>& command) {
    std::string exec;
    for (const auto& argument : command) {
        exec += exec.empty() ? "" : " ";
        exec += systemdQuoted(argument);
    }
    return std::string(kWrittenByMotus) +
           " ('motus reminders on'); 'motus reminders off' removes it.\n"
           "[Unit]\n"
           "Description=Motus: a reminder of the day's exercises\n"
           "\n"
           "[Service]\n"
           "Type=oneshot\n"
           "ExecStart=" +
           exec + "\n";
}

std::string reminderTimerUnit(const core::ReminderSettings& settings) {
    static constexpr std::array<const char*, 7> names{"Mon", "Tue", "Wed", "Thu",
                                                      "Fri", "Sat", "Sun"};
    std::string days;
    const auto chosen = static_cast<core::WeekdaySet>(settings.days & core::kAllWeekdays);
    if (chosen != 0 && chosen != core::kAllWeekdays) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if ((chosen & (1u << i)) != 0) {
                days += days.empty() ? "" : ",";
                days += names[i];
            }
        }
        days += ' ';
    }
    return std::string(kWrittenByMotus) +
           " ('motus reminders on'); 'motus reminders off' removes it.\n"
           "[Unit]\n"
           "Description=Motus: a reminder of the day's exercises\n"
           "\n"
           "[Timer]\n"
           "OnCalendar=" +
           days + "*-*-* " + core::clockText(settings.minute) +
           ":00\n"
           "OnStartupSec=2min\n"
           "Persistent=false\n"
           "AccuracySec=1min\n"
           "Unit=motus-reminder.service\n"
           "\n"
           "[Install]\n"
           "WantedBy=timers.target\n";
}

void installReminderTimer(const ReminderTimer& files, const core::ReminderSettings& settings,
                          const std::vector<std::string>& command) {
    const auto service = reminderServiceUnit(command);
    const auto timer = reminderTimerUnit(settings);
    writePrivate(files.service, service);
    writePrivate(files.timer, timer);
}

bool removeReminderTimer(const ReminderTimer& files) {
    bool removed = false;
    std::error_code ec;
    const fs::path link = files.timer.parent_path() / "timers.target.wants" / kReminderTimerUnit;
    if (fs::is_symlink(link, ec)) {
        removed = fs::remove(link, ec) || removed;
    }
    for (const auto& file : {files.timer, files.service}) {
        if (fs::is_regular_file(file, ec) && writtenByMotus(file)) {
            removed = fs::remove(file, ec) || removed;
        }
    }
    return removed;
}

std::optional<fs::path> findProgram(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string_view folders = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
        const auto colon = folders.find(':');
        const std::string_view folder = folders.substr(0, colon);
        const fs::path candidate = (folder.empty() ? fs::path(".") : fs::path(folder)) / name;
        struct stat info {};
        if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        folders.remove_prefix(colon + 1);
    }
}

int runProgram(const fs::path& program, const std::vector<std::string>& arguments, bool quiet) {
    std::vector<std::string> words{program.string()};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0) {
        return -1;
    }
    if (child == 0) {
        if (quiet) {
            const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
            if (null >= 0) {
                ::dup2(null, STDOUT_FILENO);
                ::dup2(null, STDERR_FILENO);
            }
        }
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

// systemctl --user with these arguments; false when it is missing or fails.
bool systemctl(const std::vector<std::string>& arguments) {
    const auto program = findProgram("systemctl");
    if (!program) {
        return false;
    }
    std::vector<std::string> words{"--user"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    return runProgram(*program, words, true) == 0;
}

} // namespace

std::vector<std::string> reminderCheckCommand(const fs::path& journal, const fs::path& library) {
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) {
        throw Refused(
            core::tr("Motus cannot tell where its own program file is, so the reminder timer "
                     "cannot run it."));
    }
    std::vector<std::string> command{self.string(), "reminders", "check"};
    if (!journal.empty()) {
        command.push_back("--db");
        command.push_back(fs::absolute(journal).string());
    }
    if (!library.empty()) {
        command.push_back("--library");
        command.push_back(fs::absolute(library).string());
    }
    return command;
}

std::string startReminderTimer(const core::ReminderSettings& settings,
                               const std::vector<std::string>& command) {
    const auto files = ReminderTimer::locate();
    installReminderTimer(files, settings, command);
    if (systemctl({"daemon-reload"}) && systemctl({"enable", "--now", kReminderTimerUnit})) {
        return fmt::format(fmt::runtime(core::tr("The reminder timer {} is enabled.")),
                           files.timer.string());
    }
    return fmt::format(fmt::runtime(core::tr("The reminder timer is in {}. systemd could not "
                                             "start it now; it starts when you next log in, or "
                                             "at once with:")),
                       files.timer.string()) +
           "\n  systemctl --user daemon-reload && systemctl --user enable --now " +
           kReminderTimerUnit;
}

bool stopReminderTimer() {
    const auto files = ReminderTimer::locate();
    if (files.installed()) {
        (void)systemctl({"disable", "--now", kReminderTimerUnit});
    }
    const bool removed = removeReminderTimer(files);
    if (removed) {
        (void)systemctl({"daemon-reload"});
    }
    return removed;
}

} // namespace motus::service
