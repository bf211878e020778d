// The tracking commands: programs, today's routine, logging, check-ins, reviews, streaks,
// history, flags and export. Thin presenters over the application layer (service::Practice):
// they pass on what was asked and print what it returns; no rule, threshold or definition of
// "done" lives here.
#include "Commands.hpp"
#include "Json.hpp"
#include "Text.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "core/Names.hpp"
#include "core/Reasons.hpp"
#include "document/Handout.hpp"
#include "document/Report.hpp"
#include "service/Practice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <ostream>

namespace motus::cli {
namespace {

using core::tr;
using service::Practice;
using service::ProgramState;

// The application layer on the library and journal of this command line. Without a journal
// (listing the bundled programs) nothing is opened or created on disk.
std::unique_ptr<Practice> openPractice(const Context& c, bool withJournal = true) {
    service::PracticeOptions options;
    options.library = c.library();
    options.journal = c.journal();
    if (!withJournal) {
        options.journalOverride = std::make_unique<core::MemoryJournal>();
    }
    return std::make_unique<Practice>(std::move(options));
}

// The commands that show the plan need one.
bool hasProgram(const Practice& practice, const Context& c) {
    if (practice.state() != ProgramState::None) {
        return true;
    }
    c.err << "motus: "
          << tr("no program yet: start one with 'motus program start ID' (see 'motus program "
                "list') or 'motus program import FILE'")
          << '\n';
    return false;
}

std::string stateName(ProgramState state) {
    switch (state) {
    case ProgramState::None:
        return "none";
    case ProgramState::NotStarted:
        return "not-started";
    case ProgramState::Active:
        return "active";
    case ProgramState::Complete:
        return "complete";
    case ProgramState::Stopped:
        return "stopped";
    }
    return "";
}

std::string markName(core::DayMark mark) {
    switch (mark) {
    case core::DayMark::Done:
        return "done";
    case core::DayMark::Forgiven:
        return "forgiven";
    case core::DayMark::Missed:
        return "missed";
    case core::DayMark::Today:
        return "today";
    case core::DayMark::Future:
        return "future";
    case core::DayMark::BeforeStart:
        return "before-start";
    case core::DayMark::Stopped:
        return "stopped";
    case core::DayMark::Rest:
        return "rest";
    }
    return "";
}

// "daily", "3 a week": in English for JSON (as it always was), translated for people.
std::string frequencyJson(const core::ProgramPhase& phase) {
    if (phase.daily()) {
        return phase.perDay == 1 ? "daily" : fmt::format("{} a day", phase.perDay);
    }
    return phase.perDay == 1 ? fmt::format("{} a week", phase.perWeek)
                             : fmt::format("{} a week, {} a day", phase.perWeek, phase.perDay);
}

std::string frequencyText(const core::ProgramPhase& phase) {
    core::Dose dose;
    dose.perDay = phase.perDay;
    dose.perWeek = phase.perWeek;
    return core::describeFrequency(dose);
}

// "3 × 10 · 5 s", a pyramid as "4-3-2".
std::string describe(const core::Prescription& p) {
    std::string text;
    if (p.dose.pyramid.empty()) {
        text = fmt::format("{} × {}", p.dose.sets, p.dose.reps);
    } else {
        text = fmt::format("{}", fmt::join(p.dose.pyramid, "-"));
    }
    if (p.dose.holdSeconds > 0) {
        text += fmt::format(" · {} s", p.dose.holdSeconds);
    }
    return text;
}

std::string nameOf(const Practice& practice, const std::string& id) {
    const auto* ex = practice.library().find(id);
    return ex != nullptr ? ex->text(core::uiLanguage()).name : id;
}

std::string reasonOf(const Practice& practice, const core::DoseChange& change) {
    return core::reasonText(change, &practice.library(), practice.program());
}

std::string reasonOf(const Practice& practice, const core::Reason& reason) {
    return core::reasonText(reason, &practice.library(), practice.program());
}

void printChanges(const Practice& practice, const std::vector<core::DoseChange>& changes,
                  std::ostream& out) {
    for (const auto& change : changes) {
        out << "  " << reasonOf(practice, change) << '\n';
    }
}

// What a stopped program tells the patient: the reason of the flag that stopped it.
std::string stopAdvice(const Practice& practice, const service::TodayView& view) {
    for (const auto& flag : view.openFlags) {
        if (flag.exercise.empty() && flag.stops) {
            return reasonOf(practice, flag.reason);
        }
    }
    return reasonOf(practice, core::Reason{core::ReasonKey::ProgramStopped, {}});
}

std::string exerciseLabel(const std::string& id) {
    return id.empty() ? std::string(tr("the program")) : id;
}

Json adherenceJson(const std::optional<core::Fraction>& adherence) {
    if (!adherence) {
        return nullptr;
    }
    return number(std::round(adherence->toDouble() * 1000) / 1000);
}

// The start of a program, as the command line gives it (default: today, decided by Practice).
std::optional<core::Date> startOf(const Context& c) {
    return c.values.date("--start");
}

// "y", "yes" and the word for yes in the language of the question (its first letter too), in
// any case; anything else, an empty line included, is no.
bool isYes(std::string answer) {
    const auto first = answer.find_first_not_of(" \t\r");
    const auto last = answer.find_last_not_of(" \t\r");
    answer = first == std::string::npos ? std::string() : answer.substr(first, last - first + 1);
    std::transform(answer.begin(), answer.end(), answer.begin(), [](char ch) {
        return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    });
    const std::string yes = tr("yes");
    return answer == "y" || answer == "yes" || answer == yes ||
           (!yes.empty() && answer == yes.substr(0, 1));
}

int assign(Context& c, Practice& practice, const std::filesystem::path& file) {
    const auto preview = practice.preview(file);
    for (const auto& d : preview.diagnostics) {
        c.err << d.str() << '\n';
    }
    if (!preview.program) {
        c.err << "motus: " << tr("the program has errors and was not imported; nothing changed")
              << '\n';
        return kExitFailure;
    }
    bool replace = c.values.flag("--replace");
    // On a terminal, replacing the program assigned now is asked for; elsewhere (a script, a
    // pipe) it needs --replace. Practice decides the rest: a start more than a year away, or
    // replacing a program without confirmation, is refused (exit 1 or 2 in run()).
    if (!replace && preview.replaces && c.input.terminal && c.input.stream != nullptr) {
        c.err << fmt::format(fmt::runtime(tr("'{}' is assigned now. Replace it with '{}'? It "
                                             "stays in the history. [y/N] ")),
                             *preview.replaces, preview.program->titleIn(core::uiLanguage()))
              << std::flush;
        std::string answer;
        const bool answered = static_cast<bool>(std::getline(*c.input.stream, answer));
        if (!answered || !isYes(answer)) {
            // At the end of input (Ctrl+D) the terminal shows no line break.
            c.err << (answered ? "" : "\n") << "motus: " << tr("not replaced; nothing changed")
                  << '\n';
            return kExitFailure;
        }
        replace = true;
    }
    const auto result = practice.assign(file, startOf(c), replace);
    const auto& program = *result.program;
    c.out << fmt::format(fmt::runtime(tr("Started '{}' on {}: {} weeks.")),
                         program.titleIn(core::uiLanguage()), core::formatDate(result.start),
                         program.totalWeeks())
          << '\n';
    if (result.replaced && preview.replaces) {
        c.out << fmt::format(fmt::runtime(tr("It replaces '{}', which stays in the history.")),
                             *preview.replaces)
              << '\n';
    }
    return kExitOk;
}

} // namespace

// --- program -------------------------------------------------------------------------------

int cmdProgramList(Context& c) {
    const auto practice = openPractice(c, false);
    const std::string lang = core::uiLanguage();
    const bool json = c.values.flag("--json");
    Json list = Json::array();
    for (const auto& file : practice->bundledProgramFiles()) {
        const auto preview = practice->preview(file);
        if (!preview.program) {
            for (const auto& d : preview.diagnostics) {
                c.err << d.str() << '\n';
            }
            continue;
        }
        const auto& p = *preview.program;
        const auto& first = p.phases.front();
        if (json) {
            Json entry;
            entry["id"] = p.id;
            entry["name"] = p.titleIn(lang);
            entry["weeks"] = p.totalWeeks();
            entry["frequency"] = frequencyJson(first);
            entry["phases"] = p.phases.size();
            entry["sources"] = p.sources;
            entry["advice"] = p.adviceIn(lang);
            list.push_back(entry);
            continue;
        }
        c.out << padRight(p.id, 26) << "  " << padRight(p.titleIn(lang), 44) << "  "
              << fmt::format(fmt::runtime(core::trn("{} week", "{} weeks",
                                                    static_cast<unsigned long>(p.totalWeeks()))),
                             p.totalWeeks())
              << ", " << frequencyText(first) << '\n';
    }
    if (json) {
        c.out << dump(list) << '\n';
    }
    return kExitOk;
}

int cmdProgramStart(Context& c) {
    const auto practice = openPractice(c);
    const std::string& id = c.values.positionals().front();
    const auto file = practice->bundledProgram(id);
    if (!file) {
        c.err << "motus: "
              << fmt::format(fmt::runtime(tr("no bundled program '{}' (see 'motus program "
                                             "list')")),
                             id)
              << '\n';
        return kExitFailure;
    }
    return assign(c, *practice, *file);
}

int cmdProgramImport(Context& c) {
    const auto practice = openPractice(c);
    return assign(c, *practice, c.values.positionals().front());
}

int cmdProgramShow(Context& c) {
    const auto practice = openPractice(c);
    if (!hasProgram(*practice, c)) {
        return kExitFailure;
    }
    const auto view = practice->todayView(c.values.date("--date"));
    const auto& program = *view.program;
    const auto& phase = program.phases[view.phase];
    const std::string lang = core::uiLanguage();
    // The routine in force: the exercises due, then those stopped (with the dose they had).
    std::vector<core::Prescription> prescriptions;
    for (const auto& item : view.items) {
        prescriptions.push_back(item.prescription);
    }
    if (!view.stopped.empty()) {
        const auto all = practice->journal().prescriptions();
        for (const auto& stopped : view.stopped) {
            auto found = std::find_if(all.begin(), all.end(),
                                      [&](const auto& p) { return p.exercise == stopped.id; });
            core::Prescription p;
            if (found != all.end()) {
                p = *found;
            }
            p.exercise = stopped.id;
            p.stopped = true;
            prescriptions.push_back(p);
        }
    }
    if (c.values.flag("--json")) {
        Json j;
        j["id"] = program.id;
        j["name"] = program.titleIn(lang);
        j["start"] = core::formatDate(view.start);
        j["weeks"] = program.totalWeeks();
        j["week"] = view.week + 1;
        j["phase"] = phase.name;
        j["frequency"] = frequencyJson(phase);
        j["stopped"] = view.state == ProgramState::Stopped;
        Json list = Json::array();
        for (const auto& p : prescriptions) {
            Json entry;
            entry["exercise"] = p.exercise;
            entry["sets"] = p.dose.sets;
            entry["reps"] = p.dose.reps;
            entry["hold"] = p.dose.holdSeconds;
            entry["locked"] = p.locked;
            entry["stopped"] = p.stopped;
            entry["pyramid"] = pyramidJson(p.dose);
            list.push_back(entry);
        }
        j["prescriptions"] = list;
        j["state"] = stateName(view.state);
        j["preview"] = view.preview;
        j["basis"] = phase.basis;
        j["dose_basis"] = phase.doseFromConvention ? "convention" : "source";
        j["sources"] = program.sources;
        j["advice"] = program.adviceIn(lang);
        c.out << dump(j) << '\n';
        return kExitOk;
    }
    c.out << program.titleIn(lang) << "  (" << program.id << ")\n";
    c.out << fmt::format(fmt::runtime(tr("Started {}; week {} of {}; phase {}: {} ({})")),
                         core::formatDate(view.start), view.week + 1, program.totalWeeks(),
                         view.phase + 1, phase.nameIn(lang), frequencyText(phase))
          << '\n';
    if (view.state == ProgramState::Stopped) {
        c.out << stopAdvice(*practice, view) << '\n';
    } else if (view.state == ProgramState::Complete) {
        c.out << reasonOf(*practice, core::Reason{core::ReasonKey::Complete, {}}) << '\n';
    }
    if (!program.advice.empty()) {
        c.out << program.adviceIn(lang) << '\n';
    }
    for (const auto& p : prescriptions) {
        c.out << "  " << padRight(nameOf(*practice, p.exercise), 34) << "  " << describe(p)
              << (p.locked ? "  " + std::string(tr("(fixed)")) : std::string())
              << (p.stopped ? "  " + std::string(tr("(stopped)")) : std::string()) << '\n';
    }
    if (!phase.basis.empty()) {
        c.out << '\n' << tr("Why these doses:") << ' ' << phase.basis << '\n';
        if (phase.doseFromConvention) {
            c.out << core::doseConventionNote() << '\n';
        }
    }
    if (!program.sources.empty()) {
        c.out << '\n' << tr("Sources:") << '\n';
        for (const auto& source : program.sources) {
            c.out << "  - " << source << '\n';
        }
    }
    return kExitOk;
}

int cmdProgramExport(Context& c) {
    const auto practice = openPractice(c);
    const std::filesystem::path file = c.values.positionals().front();
    service::writeExport(file, practice->currentProgramText(), practice->journalFile());
    c.out << fmt::format(fmt::runtime(tr("Wrote {}")), file.string()) << '\n';
    return kExitOk;
}

// --- today, log, check-in ------------------------------------------------------------------

int cmdToday(Context& c) {
    const auto practice = openPractice(c);
    if (!hasProgram(*practice, c)) {
        return kExitFailure;
    }
    const auto view = practice->todayView(c.values.date("--date"));
    const std::string lang = core::uiLanguage();
    const auto* library = &practice->library();
    const bool stopped = view.state == ProgramState::Stopped;
    if (c.values.flag("--json")) {
        Json j;
        j["date"] = core::formatDate(view.date);
        j["stopped"] = stopped;
        if (stopped) {
            j["advice"] = stopAdvice(*practice, view);
        }
        Json exercises = Json::array();
        for (const auto& item : view.items) {
            const auto& dose = item.prescription.dose;
            Json e;
            e["id"] = item.prescription.exercise;
            e["name"] = item.exercise->text(lang).name;
            e["sets"] = dose.sets;
            e["reps"] = dose.reps;
            e["hold"] = dose.holdSeconds;
            e["side"] = std::string(core::toString(dose.side));
            e["done_sets"] = item.doneSets;
            e["pyramid"] = pyramidJson(dose);
            e["due_sets"] = item.dueSets;
            e["done"] = item.done();
            exercises.push_back(e);
        }
        j["exercises"] = exercises;
        j["preview"] = view.preview;
        j["state"] = stateName(view.state);
        j["week"] = view.week + 1;
        j["phase"] = view.program->phases[view.phase].name;
        j["day_complete"] = view.dayComplete;
        Json stoppedList = Json::array();
        for (const auto& s : view.stopped) {
            Json e;
            e["id"] = s.id;
            e["name"] = s.exercise != nullptr ? s.exercise->text(lang).name : s.id;
            e["reason"] = s.flag ? Json(reasonOf(*practice, s.flag->reason)) : Json(nullptr);
            stoppedList.push_back(e);
        }
        j["stopped_exercises"] = stoppedList;
        Json flags = Json::array();
        for (const auto& flag : view.openFlags) {
            flags.push_back(flagJson(flag, library, view.program));
        }
        j["flags"] = flags;
        c.out << dump(j) << '\n';
        return kExitOk;
    }
    if (stopped) {
        c.out << stopAdvice(*practice, view) << '\n';
    } else if (view.state == ProgramState::NotStarted) {
        c.out << fmt::format(fmt::runtime(tr("Your program starts on {}.")),
                             core::formatDate(view.start))
              << '\n';
    } else {
        c.out << fmt::format(fmt::runtime(tr("{} · week {} · {}")), core::formatDate(view.date),
                             view.week + 1, view.program->phases[view.phase].nameIn(lang))
              << '\n';
        for (const auto& item : view.items) {
            c.out << "  " << (item.done() ? "✓ " : "  ")
                  << padRight(item.exercise->text(lang).name, 34) << "  "
                  << core::describeDose(item.prescription.dose) << "  "
                  << fmt::format(fmt::runtime(tr("({} of {} sets done)")), item.doneSets,
                                 item.dueSets)
                  << '\n';
        }
        if (view.state == ProgramState::Complete) {
            c.out << reasonOf(*practice, core::Reason{core::ReasonKey::Complete, {}}) << '\n';
        }
    }
    for (const auto& s : view.stopped) {
        c.out << "  ✗ "
              << fmt::format(fmt::runtime(tr("{}: stopped")),
                             s.exercise != nullptr ? s.exercise->text(lang).name : s.id);
        if (s.flag) {
            c.out << " · " << reasonOf(*practice, s.flag->reason);
        }
        c.out << '\n';
    }
    for (const auto& flag : view.openFlags) {
        c.out << fmt::format(fmt::runtime(tr("Tell your therapist: {}")),
                             reasonOf(*practice, flag.reason))
              << '\n';
    }
    if (view.preview) {
        c.out << tr("(a preview of a later day: nothing was stored)") << '\n';
    }
    return kExitOk;
}

int cmdLog(Context& c) {
    const Values& v = c.values;
    service::LogRequest request;
    request.exercise = v.positionals().front();
    request.date = v.date("--date");
    request.sets = v.integer("--sets");
    request.reps = v.integer("--reps");
    request.hold = v.integer("--hold");
    request.pain = v.integer("--pain");
    request.effort = v.integer("--rpe");
    if (auto leg = v.text("--leg")) {
        request.leg = core::parseEnum<core::LegChange>(*leg);
    }
    const auto practice = openPractice(c);
    const auto result = practice->log(request);
    c.out << fmt::format(fmt::runtime(tr("Logged {}: {} sets on {}.")),
                         nameOf(*practice, request.exercise), result.sets.size(),
                         core::formatDate(result.date))
          << '\n';
    printChanges(*practice, result.changes, c.out);
    return kExitOk;
}

int cmdCheckIn(Context& c) {
    const Values& v = c.values;
    if (v.flag("--undo")) {
        if (v.integer("--morning-pain") || !v.texts("--red-flag").empty() || v.date("--date")) {
            return c.usage(tr("checkin --undo takes no other option: it undoes today's morning "
                              "pain"));
        }
        const auto practice = openPractice(c);
        const auto undone = practice->undoMorningPain();
        c.out << fmt::format(fmt::runtime(tr("Morning pain {} of {} undone.")), undone.morningPain,
                             core::formatDate(practice->today()))
              << '\n';
        if (!undone.takenBack.empty()) {
            c.out << tr("These dose changes were taken back:") << '\n';
            printChanges(*practice, undone.takenBack, c.out);
        }
        return kExitOk;
    }
    core::CheckIn checkIn;
    checkIn.morningPain = v.integer("--morning-pain");
    for (const auto& name : v.texts("--red-flag")) {
        checkIn.redFlags.push_back(*core::parseEnum<core::RedFlag>(name));
    }
    if (!checkIn.morningPain && checkIn.redFlags.empty()) {
        return c.usage(tr("checkin needs --morning-pain N, --red-flag NAME or --undo"));
    }
    const auto practice = openPractice(c);
    // Now, or local noon of an earlier day (Practice refuses a day after today). Practice's
    // today may be pinned (MOTUS_TODAY): then its noon too.
    const core::Date day = v.date("--date").value_or(practice->today());
    const core::Stamp now = core::stampNow();
    checkIn.at = now.date == day ? now : core::stampOn(day);
    const auto result = practice->checkIn(checkIn);
    c.out << fmt::format(fmt::runtime(tr("Check-in recorded for {}.")),
                         core::formatDate(checkIn.at.date))
          << '\n';
    printChanges(*practice, result.changes, c.out);
    return kExitOk;
}

// --- review, streak, history ---------------------------------------------------------------

int cmdReview(Context& c) {
    const auto practice = openPractice(c);
    const auto reviews = practice->reviews(c.values.date("--date"));
    const auto* library = &practice->library();
    const auto* program = practice->program();
    if (c.values.flag("--json")) {
        Json list = Json::array();
        for (const auto& review : reviews) {
            Json entry;
            entry["week_start"] = core::formatDate(review.weekStart);
            entry["week_end"] = core::formatDate(review.weekEnd);
            Json decisions = Json::array();
            for (const auto& d : review.decisions) {
                decisions.push_back(decisionJson(d, library, program));
            }
            entry["decisions"] = decisions;
            list.push_back(entry);
        }
        c.out << dump(Json{{"reviews", list}}) << '\n';
        return kExitOk;
    }
    for (const auto& review : reviews) {
        c.out << fmt::format(fmt::runtime(tr("Week {} to {}")), core::formatDate(review.weekStart),
                             core::formatDate(review.weekEnd))
              << '\n';
        for (const auto& d : review.decisions) {
            c.out << "  " << padRight(core::displayName(d.decision), 12) << "  "
                  << padRight(exerciseLabel(d.exercise.empty() ? d.from.exercise : d.exercise), 26)
                  << "  " << describe(d.from) << " → " << describe(d.to) << "  "
                  << core::rowText(d.row) << "\n      " << reasonOf(*practice, d) << '\n';
            if (const auto figures = core::figuresText(d.figures); !figures.empty()) {
                c.out << "      " << figures << '\n';
            }
        }
    }
    return kExitOk;
}

int cmdStreak(Context& c) {
    const auto practice = openPractice(c);
    if (!hasProgram(*practice, c)) {
        return kExitFailure;
    }
    const auto view = practice->todayView(c.values.date("--date"));
    const bool inDays = view.streakUnit == core::StreakUnit::Days;
    if (c.values.flag("--json")) {
        Json j;
        j["unit"] = inDays ? "days" : "weeks";
        j["current"] = view.streak.current;
        j["longest"] = view.streak.longest;
        j["adherence_week"] = adherenceJson(view.adherence7);
        Json calendar = Json::array();
        for (const auto& [date, mark] : view.calendar) {
            calendar.push_back({{"date", core::formatDate(date)}, {"mark", markName(mark)}});
        }
        j["calendar"] = calendar;
        j["preview"] = view.preview;
        c.out << dump(j) << '\n';
        return kExitOk;
    }
    auto count = [&](int n) {
        const auto many = static_cast<unsigned long>(n);
        return fmt::format(fmt::runtime(inDays ? core::trn("{} day", "{} days", many)
                                               : core::trn("{} week", "{} weeks", many)),
                           n);
    };
    if (view.state == ProgramState::NotStarted) {
        // No streak and no adherence before the first day of the program.
        c.out << fmt::format(fmt::runtime(tr("Your program starts on {}.")),
                             core::formatDate(view.start))
              << '\n';
        return kExitOk;
    }
    if (view.state == ProgramState::Stopped) {
        // After a stop the streak is not celebrated: what to do instead comes first.
        c.out << stopAdvice(*practice, view) << "\n\n";
    } else if (view.adherence7) {
        c.out << fmt::format(
            // xgettext:no-c-format
            fmt::runtime(tr("Current streak: {} · longest: {} · last 7 days: {}% of sessions")),
            count(view.streak.current), count(view.streak.longest),
            static_cast<int>(std::lround(view.adherence7->toDouble() * 100)));
    } else {
        c.out << fmt::format(fmt::runtime(tr("Current streak: {} · longest: {}")),
                             count(view.streak.current), count(view.streak.longest));
    }
    c.out << "\n\n";
    // A calendar of the last weeks: ■ done, ○ forgiven, ✗ missed, · today or to come.
    using std::chrono::days;
    using std::chrono::sys_days;
    const core::Date date = view.date;
    c.out << "      " << tr("Mo Tu We Th Fr Sa Su") << '\n';
    const core::Date from = core::mondayOf(core::Date(sys_days(date) - days(7 * 5)));
    const std::map<core::Date, core::DayMark> byDate(view.calendar.begin(), view.calendar.end());
    for (core::Date week = from; week <= date; week = core::Date(sys_days(week) + days(7))) {
        c.out << fmt::format("{:02}/{:02} ", static_cast<unsigned>(week.month()),
                             static_cast<unsigned>(week.day()));
        for (int i = 0; i < 7; ++i) {
            const core::Date day(sys_days(week) + days(i));
            const auto it = byDate.find(day);
            const char* mark = " ";
            if (it != byDate.end()) {
                switch (it->second) {
                case core::DayMark::Done:
                    mark = "■";
                    break;
                case core::DayMark::Forgiven:
                    mark = "○";
                    break;
                case core::DayMark::Missed:
                    mark = "✗";
                    break;
                case core::DayMark::Today:
                case core::DayMark::Future:
                    mark = "·";
                    break;
                case core::DayMark::Stopped:
                    mark = "–";
                    break;
                case core::DayMark::Rest:
                    mark = "_";
                    break;
                case core::DayMark::BeforeStart:
                    break;
                }
            }
            c.out << ' ' << mark << ' ';
        }
        c.out << '\n';
    }
    c.out << tr("■ done  ○ missed, forgiven  ✗ missed  _ rest day  – stopped  · today or to "
                "come")
          << '\n';
    return kExitOk;
}

int cmdHistory(Context& c) {
    const auto practice = openPractice(c);
    if (!hasProgram(*practice, c)) {
        return kExitFailure;
    }
    auto changes = practice->history();
    if (auto until = c.values.date("--date")) {
        std::erase_if(changes, [&](const core::DoseChange& d) { return d.date > *until; });
    }
    const auto* library = &practice->library();
    const auto* program = practice->program();
    if (c.values.flag("--json")) {
        Json list = Json::array();
        for (const auto& d : changes) {
            Json entry;
            entry["date"] = core::formatDate(d.date);
            const Json decision = decisionJson(d, library, program);
            for (const auto& [key, value] : decision.items()) {
                entry[key] = value;
            }
            entry["by"] = d.byTherapist() ? "therapist" : "rule";
            list.push_back(entry);
        }
        c.out << dump(Json{{"changes", list}}) << '\n';
        return kExitOk;
    }
    if (changes.empty()) {
        c.out << tr("No dose has changed yet.") << '\n';
    }
    for (const auto& d : changes) {
        c.out << core::formatDate(d.date) << "  " << padRight(core::displayName(d.decision), 12)
              << "  "
              << padRight(exerciseLabel(d.exercise.empty() ? d.from.exercise : d.exercise), 26)
              << "  " << describe(d.from) << " → " << describe(d.to) << "  "
              << (d.byTherapist() ? std::string(tr("by your therapist's plan"))
                                  : core::rowText(d.row))
              << "\n            " << reasonOf(*practice, d) << '\n';
        if (const auto figures = core::figuresText(d.figures); !figures.empty()) {
            c.out << "            " << figures << '\n';
        }
    }
    return kExitOk;
}

// --- flags, export -------------------------------------------------------------------------

int cmdFlags(Context& c) {
    const auto practice = openPractice(c);
    const auto flags = practice->flags();
    if (c.values.flag("--json")) {
        Json list = Json::array();
        for (const auto& flag : flags) {
            list.push_back(flagJson(flag, &practice->library(), practice->program()));
        }
        c.out << dump(Json{{"flags", list}}) << '\n';
        return kExitOk;
    }
    if (flags.empty()) {
        c.out << tr("No open flags.") << '\n';
    }
    for (const auto& flag : flags) {
        c.out << padRight("#" + std::to_string(flag.id), 5) << "  " << core::formatDate(flag.date)
              << "  " << padRight(exerciseLabel(flag.exercise), 26) << "  "
              << core::rowText(flag.row)
              << (flag.stops ? " · " + std::string(tr("stopped until cleared")) : std::string())
              << "\n       " << reasonOf(*practice, flag.reason) << '\n';
    }
    return kExitOk;
}

int cmdFlagsClear(Context& c) {
    const auto id = *parseInteger(c.values.positionals().front());
    const auto practice = openPractice(c);
    practice->clearFlag(id);
    c.out << fmt::format(fmt::runtime(tr("Flag {} cleared.")), id) << '\n';
    return kExitOk;
}

int cmdExport(Context& c) {
    const std::filesystem::path file = *c.values.text("--out");
    const auto practice = openPractice(c);
    service::writeExport(file, practice->csv(), practice->journalFile());
    c.out << fmt::format(fmt::runtime(tr("Wrote {}")), file.string()) << '\n';
    return kExitOk;
}

// --- printable documents ---------------------------------------------------------------------

int cmdHandout(Context& c) {
    const bool current = c.values.flag("--current");
    const auto& files = c.values.positionals();
    if (current == !files.empty()) {
        return c.usage(tr("'handout' needs a program FILE or --current, not both"));
    }
    const std::filesystem::path out = *c.values.text("--out");
    // A program file needs no journal: none is opened or created for it.
    const auto practice = openPractice(c, current);
    const std::string html = current ? document::handoutOfCurrent(*practice)
                                     : document::handoutOfFile(*practice, files.front());
    service::writeExport(out, html, practice->journalFile());
    c.out << fmt::format(fmt::runtime(tr("Wrote {}")), out.string()) << '\n';
    return kExitOk;
}

int cmdReport(Context& c) {
    const std::filesystem::path out = *c.values.text("--out");
    const auto practice = openPractice(c);
    if (!hasProgram(*practice, c)) {
        return kExitFailure;
    }
    const std::string html =
        document::reportHtml(*practice, {c.values.date("--from"), c.values.date("--to")});
    service::writeExport(out, html, practice->journalFile());
    c.out << fmt::format(fmt::runtime(tr("Wrote {}")), out.string()) << '\n';
    return kExitOk;
}

} // namespace motus::cli
