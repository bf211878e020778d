#include "Table.hpp"

#include "Commands.hpp"
#include "Text.hpp"
#include "core/Decision.hpp"
#include "core/I18n.hpp"
#include "core/Vocabulary.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <set>
#include <sstream>

#ifndef MOTUS_LANGUAGES
#define MOTUS_LANGUAGES ""
#endif

namespace motus::cli {
namespace {

using core::tr;

// Limits that are not a dose's (those are core::DoseLimits).
constexpr core::IntRange kRating{0, 10};           // pain NRS and effort Borg CR10 (rules §4)
constexpr core::IntRange kLevels{1, 5};            // exercise levels (docs/exercise-format.md)
constexpr core::IntRange kMoment{0, 86400};        // seconds into a routine: at most a day
constexpr core::IntRange kPixels{64, 8192};        // each side of a rendered picture
constexpr core::IntRange kWindowPixels{320, 7680}; // each side of the window (--size)
constexpr core::IntRange kFlagIds{1, INT_MAX};     // flag ids (motus flags)
constexpr std::size_t kWidth = 100;                // of the help text
constexpr std::size_t kSummaryColumn = 26;         // of the summaries in the command list
constexpr std::size_t kOptionColumn = 22;          // of the option help in a command's help

std::vector<std::string> names(std::span<const std::string_view> items) {
    return {items.begin(), items.end()};
}

template <typename Enum> std::vector<std::string> enumNames(Enum last) {
    std::vector<std::string> out;
    for (int i = 0; i <= static_cast<int>(last); ++i) {
        out.emplace_back(core::toString(static_cast<Enum>(i)));
    }
    return out;
}

Option flag(std::string_view name, const char* help, int group = 0, std::string_view needs = {}) {
    Option o;
    o.name = name;
    o.help = help;
    o.group = group;
    o.needs = needs;
    return o;
}

// An option with a value of `type`; the factories below fill in what is particular to each.
Option valued(std::string_view name, std::string_view value, ValueType type, const char* help) {
    Option o;
    o.name = name;
    o.value = value;
    o.type = type;
    o.help = help;
    return o;
}

Option integer(std::string_view name, std::string_view value, core::IntRange range,
               const char* help) {
    Option o = valued(name, value, ValueType::Integer, help);
    o.range = range;
    return o;
}

Option text(std::string_view name, std::string_view value, const char* help,
            bool required = false) {
    Option o = valued(name, value, ValueType::Text, help);
    o.required = required;
    return o;
}

Option choice(std::string_view name, std::string_view value, std::vector<std::string> choices,
              const char* help) {
    Option o = valued(name, value, ValueType::Choice, help);
    o.choices = std::move(choices);
    return o;
}

Option date(std::string_view name, std::string_view value, const char* help) {
    return valued(name, value, ValueType::Date, help);
}

Option seconds(std::string_view name, std::string_view value, core::IntRange range,
               const char* help) {
    Option o = valued(name, value, ValueType::Seconds, help);
    o.range = range;
    return o;
}

Option json() {
    return flag("--json", N_("print JSON instead of text (docs/cli-json.md)"));
}

// --date on the commands that write, and on those that show.
Option writeDate() {
    return date("--date", "D",
                N_("the local date, YYYY-MM-DD (default: today; never a day after "
                   "today)"));
}
Option readDate() {
    return date("--date", "D",
                N_("as of that local date, YYYY-MM-DD (default: today; a later "
                   "day is a preview that stores nothing)"));
}

Positional exerciseId() {
    Positional p;
    p.name = "ID";
    p.what = N_("an exercise id");
    return p;
}

std::vector<Command> buildCommands() {
    using L = core::DoseLimits;
    std::vector<Command> t;

    Option screenshotAt = seconds("--screenshot-at", "S", kMoment,
                                  N_("with --screenshot: after S seconds of the routine (frames "
                                     "of 1/60 s, not wall time)"));
    screenshotAt.needs = "--screenshot";
    // `motus FILE`: what a file manager runs to open a program file (the desktop entry's %f).
    // A word that is not a command is taken as a file only when it looks like one.
    Positional open;
    open.name = "FILE";
    open.what = N_("a program file to open in the window (a name ending in .xml, or a path "
                   "with a /)");
    open.required = false;
    // The program builder instead of the first screen (one or the other).
    Option newProgram = flag("--new-program", N_("open the program builder on a new program"), 1);
    Option editProgram =
        text("--edit-program", "FILE", N_("open the program builder on the program file FILE"));
    editProgram.group = 1;
    // For screenshots and the layout check (README, Development).
    Option windowSize;
    windowSize.name = "--size";
    windowSize.value = "WxH";
    windowSize.type = ValueType::Size;
    windowSize.range = kWindowPixels;
    windowSize.help = N_("the window's size in pixels at the start (default 1280x800)");
    Option textSize = integer("--text-size", "PCT", core::IntRange{100, 200},
                              N_("with --screenshot: the text size in per cent, instead of the "
                                 "settings'"));
    textSize.needs = "--screenshot";
    Option screen = text("--screen", "NAME[:KEY...],...",
                         N_("with --screenshot: draw these screens, one PNG file each "
                            "(FILE-NAME.png when there are several), after pressing the keys "
                            "given; names: today history programs library exercise player "
                            "feedback safety preview open-file builder settings welcome"));
    screen.needs = "--screenshot";
    Option checkLayout = flag("--check-layout",
                              N_("with --screenshot: check that no text or box drawn leaves its "
                                 "box or the window, or overlaps another; problems on stderr, "
                                 "exit 1"),
                              0, "--screenshot");
    t.push_back({"",
                 {open},
                 {text("--select", "ID", N_("open the window on this exercise")),
                  text("--screenshot", "FILE",
                       N_("draw the window once into the PNG file FILE "
                          "and quit")),
                  screenshotAt, newProgram, editProgram, windowSize, textSize, screen, checkLayout},
                 N_("open the window with the exercise library, or on the program in FILE to "
                    "assign it (needs a display)"),
                 cmdWindow});

    Positional paths;
    paths.name = "PATH";
    paths.what = N_("exercise or program files, or folders holding either");
    paths.required = false;
    paths.many = true;
    t.push_back({"validate",
                 {paths},
                 {flag("--quiet", N_("print only the diagnostics, not the count"))},
                 N_("check exercise and program files or folders without using them (default: "
                    "the library and its programs); programs are checked against the library; "
                    "diagnostics on stderr as path:line: error: message; exit 1 on any error"),
                 cmdValidate});

    t.push_back(
        {"library",
         {},
         {choice("--region", "R", names(core::regionNames()), N_("a body region")),
          choice("--position", "P", names(core::positionNames()), N_("a starting position")),
          choice("--goal", "G", names(core::goalNames()), N_("a goal")),
          choice("--equipment", "E", names(core::equipmentNames()), N_("equipment")),
          integer("--level", "N", kLevels, N_("a level")), json()},
         N_("list the exercises, optionally filtered"),
         cmdLibrary});

    t.push_back({"show",
                 {exerciseId()},
                 {flag("--json", N_("print JSON instead of text (docs/cli-json.md)"), 1),
                  flag("--poses",
                       N_("where each segment of each key pose lies, in metres (for "
                          "content authors)"),
                       1)},
                 N_("everything about one exercise; --poses: where each segment of each key "
                    "pose lies"),
                 cmdShow});

    Option playShot = text("--screenshot", "FILE",
                           N_("draw the player once into the PNG file "
                              "FILE and quit"));
    playShot.group = 2;
    t.push_back(
        {"play",
         {exerciseId()},
         {flag("--simulate", N_("print the exercise's timeline instead of opening the window"), 2),
          flag("--json", N_("with --simulate: the timeline as JSON (docs/cli-json.md)"), 0,
               "--simulate"),
          integer("--sets", "N", L::sets, N_("sets")),
          integer("--reps", "N", L::reps, N_("reps per set (per side for one-sided work)")),
          integer("--hold", "S", L::hold, N_("seconds held in each rep")),
          integer("--tempo", "S", L::tempo,
                  N_("seconds to move into, and out of, the working "
                     "position")),
          integer("--rest", "S", L::rest, N_("seconds of rest between sets")),
          choice("--side", "SIDE", names(core::sideNames()), N_("the side")), playShot,
          screenshotAt},
         N_("play one exercise in the player window (the default dose unless overridden); "
            "--simulate prints its timeline instead (--json: get_ready, total_seconds and "
            "events)"),
         cmdPlay});

    Option at = seconds("--at", "SECONDS", kMoment,
                        N_("the player's figure at that moment of "
                           "the exercise's timeline"));
    at.group = 1;
    Option size;
    size.name = "--size";
    size.value = "WxH";
    size.type = ValueType::Size;
    size.range = kPixels;
    size.help = N_("the size of the picture in pixels");
    t.push_back({"render",
                 {exerciseId()},
                 {flag("--sheet", N_("every key pose of the exercise side by side, labelled"), 1),
                  at, text("--out", "FILE.png", N_("the PNG file to write"), true), size,
                  text("--camera", "AZIMUTH,ELEVATION",
                       N_("draw from this camera instead of the exercise's own, in degrees: "
                          "azimuth 0 from the figure's right, 90 from its front; elevation 90 "
                          "from above"))},
                 N_("draw the key poses side by side (--sheet) or the player's figure at one "
                    "moment (--at) into a PNG file (needs a display)"),
                 cmdRender,
                 true});

    t.push_back({"program", {}, {}, N_("the assigned program"), nullptr});
    t.push_back({"program list",
                 {},
                 {json()},
                 N_("the bundled programs (id, name, weeks, frequency)"),
                 cmdProgramList});
    Positional programId;
    programId.name = "ID";
    programId.what = N_("a program id (see 'motus program list')");
    Option start = date("--start", "DATE",
                        N_("the first day of the program, YYYY-MM-DD "
                           "(default: today; at most a year away)"));
    Option replace = flag("--replace", N_("replace the program assigned now (it is kept in the "
                                          "history); without it, Motus asks on a terminal and "
                                          "refuses otherwise"));
    t.push_back({"program start",
                 {programId},
                 {start, replace},
                 N_("assign one of the bundled programs"),
                 cmdProgramStart});
    Positional file;
    file.name = "FILE";
    file.what = N_("a program file");
    t.push_back({"program import",
                 {file},
                 {start, replace},
                 N_("assign the program in FILE (a file with any error is refused, nothing "
                    "changes)"),
                 cmdProgramImport});
    t.push_back({"program show", {}, {readDate(), json()}, N_("the current plan"), cmdProgramShow});
    Positional target;
    target.name = "FILE";
    target.what = N_("the file to write (never the journal)");
    t.push_back({"program export",
                 {target},
                 {date("--date", "D",
                       N_("accepted for older scripts and ignored: the file has "
                          "the doses in force today"))},
                 N_("the program with its current doses as a program file"),
                 cmdProgramExport});

    t.push_back({"today",
                 {},
                 {readDate(), json()},
                 N_("the routine due that day (and what is done), stops and flags"),
                 cmdToday});
    Option leg = choice("--leg", "", enumNames(core::LegChange::NumbWeak),
                        N_("leg symptoms after the exercise (numb-weak: new numbness or "
                           "weakness)"));
    t.push_back({"log",
                 {exerciseId()},
                 {writeDate(),
                  integer("--sets", "N", L::sets,
                          N_("sets done (default: the sets "
                             "still due that day)")),
                  integer("--reps", "N", L::reps,
                          N_("reps per set, per side (default: the "
                             "prescribed reps)")),
                  integer("--hold", "S", L::hold,
                          N_("seconds held in each rep (default: the "
                             "prescribed hold)")),
                  integer("--pain", "N", kRating, N_("pain during the exercise (0: none)")),
                  integer("--rpe", "N", kRating, N_("effort, Borg CR10 (3: moderate)")), leg},
                 N_("record one exercise done that day (the prescribed dose unless told)"),
                 cmdLog});
    Option redFlag = choice("--red-flag", "NAME", enumNames(core::RedFlag::MajorTrauma),
                            N_("a warning sign: the program stops at once"));
    redFlag.repeatable = true;
    redFlag.listChoices = true;
    t.push_back(
        {"checkin",
         {},
         {writeDate(), integer("--morning-pain", "N", kRating, N_("pain this morning")), redFlag,
          flag("--undo", N_("undo today's morning pain and the dose changes it made (today "
                            "only)"))},
         N_("record the morning's pain, or a warning sign; or undo today's morning pain"),
         cmdCheckIn});
    t.push_back({"review",
                 {},
                 {readDate(), json()},
                 N_("the weekly reviews, oldest first, with every decision"),
                 cmdReview});
    t.push_back({"streak",
                 {},
                 {readDate(), json()},
                 N_("current and longest streak, adherence, a calendar"),
                 cmdStreak});
    t.push_back(
        {"history",
         {},
         {date("--date", "D", N_("only the changes up to that local date, YYYY-MM-DD")), json()},
         N_("every dose change with its rule, reason, figures, from and to"),
         cmdHistory});
    t.push_back({"flags",
                 {},
                 {json()},
                 N_("the open flags for the therapist (id, date, exercise, rule, reason)"),
                 cmdFlags});
    Positional flagId;
    flagId.name = "ID";
    flagId.what = N_("a flag id (see 'motus flags')");
    flagId.type = ValueType::Integer;
    flagId.range = kFlagIds;
    t.push_back({"flags clear",
                 {flagId},
                 {},
                 N_("clear a flag (the therapist's act); a stop it held is lifted"),
                 cmdFlagsClear});
    t.push_back({"export",
                 {},
                 {choice("--format", "csv", {"csv"}, N_("the format (default: csv)")),
                  text("--out", "FILE", N_("the file to write (never the journal)"), true)},
                 N_("sessions, sets, feedback, check-ins and open flags as CSV (RFC 4180)"),
                 cmdExport});

    Option ics =
        flag("--ics", N_("write the schedule as an iCalendar file (RFC 5545)"), 0, "--out");
    Option icsOut = text("--out", "FILE", N_("with --ics: the file to write (never the journal)"));
    icsOut.needs = "--ics";
    t.push_back({"reminders",
                 {},
                 {ics, icsOut},
                 N_("the reminder days and time; --ics --out FILE: the schedule for a calendar "
                    "(Thunderbird, GNOME Calendar)"),
                 cmdReminders});
    t.push_back({"reminders set",
                 {},
                 {text("--days", "DAYS",
                       N_("mon,tue,wed,thu,fri,sat,sun, or program (the days of the "
                          "program's frequency)")),
                  text("--time", "HH:MM", N_("the time of day, 24 hours"))},
                 N_("choose the reminder days and time"),
                 cmdRemindersSet});
    t.push_back({"reminders on",
                 {},
                 {},
                 N_("turn reminders on: a systemd user timer runs 'motus reminders check'"),
                 cmdRemindersOn});
    t.push_back(
        {"reminders off", {}, {}, N_("turn reminders off and remove the timer"), cmdRemindersOff});
    t.push_back({"reminders check",
                 {},
                 {},
                 N_("show a desktop notification if today's routine is due and not done (what "
                    "the timer runs)"),
                 cmdRemindersCheck});
    Positional programFile;
    programFile.name = "FILE";
    programFile.what = N_("a program file");
    programFile.required = false;
    t.push_back(
        {"handout",
         {programFile},
         {flag("--current", N_("the assigned program with the doses in force (instead of FILE)")),
          text("--out", "FILE.html", N_("the HTML file to write (never the journal)"), true)},
         N_("a printable handout of a program (FILE, or --current): schedule, when to "
            "stop, and each exercise with its key poses, dose, steps and cues"),
         cmdHandout});
    t.push_back(
        {"report",
         {},
         {date("--from", "D", N_("the first day, YYYY-MM-DD (default: the program's start)")),
          date("--to", "D", N_("the last day, YYYY-MM-DD (default: today)")),
          text("--out", "FILE.html", N_("the HTML file to write (never the journal)"), true)},
         N_("a progress report for the therapist: red flags, open flags, streaks, "
            "adherence, pain, effort and every dose change, with charts"),
         cmdReport});

    Positional topic;
    topic.name = "COMMAND";
    topic.what = N_("a command");
    topic.required = false;
    topic.many = true;
    t.push_back({"help", {topic}, {}, N_("this help, or the help of one command"), cmdHelp});
    return t;
}

std::vector<Option> buildGlobals() {
    Option library = text("--library", "DIR",
                          N_("use the exercises in DIR instead of the bundled "
                             "library (also: MOTUS_LIBRARY)"));
    Option lang;
    lang.name = "--lang";
    lang.value = "LL";
    lang.type = ValueType::Language;
    lang.help = N_("language of the interface and the exercises (also: LANGUAGE)");
    Option db = text("--db", "FILE",
                     N_("the journal to use (default: "
                        "$XDG_DATA_HOME/motus/motus.db)"));
    return {library, lang, db, flag("--help", N_("this help; after a command, its options")),
            flag("--version", N_("the version"))};
}

// ---- help --------------------------------------------------------------------------------

std::string optionSynopsis(const Option& o) {
    std::string text(o.name);
    if (o.type != ValueType::Flag) {
        text += ' ';
        if (o.value.empty()) {
            for (std::size_t i = 0; i < o.choices.size(); ++i) {
                text += (i > 0 ? "|" : "") + o.choices[i];
            }
        } else {
            text += o.value;
        }
    }
    return text;
}

// "log ID [--date D] ...": the words of a synopsis.
std::vector<std::string> synopsisWords(const Command& c) {
    std::vector<std::string> words;
    if (!c.path.empty()) {
        words.emplace_back(c.path);
    }
    if (c.handler == nullptr) {
        words.emplace_back("COMMAND ...");
    }
    for (const auto& p : c.positionals) {
        std::string word(p.name);
        if (p.many) {
            word += "...";
        }
        words.push_back(p.required ? word : "[" + word + "]");
    }
    std::set<int> groupsDone;
    for (const auto& o : c.options) {
        if (o.group != 0) {
            if (!groupsDone.insert(o.group).second) {
                continue;
            }
            std::string alternatives;
            for (const auto& other : c.options) {
                if (other.group == o.group) {
                    alternatives += (alternatives.empty() ? "" : " | ") + optionSynopsis(other);
                }
            }
            const bool required = c.groupRequired && o.group == 1;
            words.push_back((required ? "(" : "[") + alternatives + (required ? ")" : "]"));
            continue;
        }
        std::string word = optionSynopsis(o);
        if (!o.required) {
            word = "[" + word + "]";
        }
        if (o.repeatable) {
            word += "...";
        }
        words.push_back(word);
    }
    return words;
}

// Words joined into lines of at most kWidth characters; continuation lines indented.
std::string joinWrapped(const std::vector<std::string>& words, std::size_t firstColumn,
                        std::size_t indent) {
    std::string out;
    std::size_t column = firstColumn;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto length = utf8Length(words[i]);
        if (i > 0 && column + 1 + length > kWidth) {
            out += '\n' + std::string(indent, ' ');
            column = indent;
        } else if (i > 0) {
            out += ' ';
            ++column;
        }
        out += words[i];
        column += length;
    }
    return out;
}

std::string rangeText(const Option& o) {
    switch (o.type) {
    case ValueType::Integer:
    case ValueType::Seconds:
        return fmt::format(fmt::runtime(tr("from {} to {}")), o.range.min, o.range.max);
    case ValueType::Size:
        return fmt::format(fmt::runtime(tr("each side from {} to {}")), o.range.min, o.range.max);
    case ValueType::Choice:
        return fmt::format(fmt::runtime(tr("one of: {}")), fmt::join(o.choices, ", "));
    case ValueType::Language:
        return fmt::format(fmt::runtime(tr("one of: {}")), fmt::join(languages(), ", "));
    case ValueType::Flag:
    case ValueType::Text:
    case ValueType::Date:
        break;
    }
    return {};
}

// One entry of a command list: the synopsis, then the summary in its column.
std::string commandEntry(const Command& c) {
    std::vector<std::string> words = synopsisWords(c);
    if (c.path.empty()) {
        words.insert(words.begin(), tr("(no command)"));
    }
    std::string entry = "  " + joinWrapped(words, 2, 6);
    std::string summary = tr(c.summary);
    for (const auto& o : c.options) {
        if (o.listChoices) {
            summary +=
                "; " + std::string(o.value) + ": " + fmt::format("{}", fmt::join(o.choices, ", "));
        }
    }
    const bool fits =
        entry.find('\n') == std::string::npos && utf8Length(entry) + 2 <= kSummaryColumn;
    if (fits) {
        entry = padRight(entry, kSummaryColumn);
    } else {
        entry += '\n' + std::string(kSummaryColumn, ' ');
    }
    return entry + wrap(summary, kWidth, kSummaryColumn, kSummaryColumn) + '\n';
}

std::string optionEntry(std::string label, const std::string& help) {
    std::string line = "  " + label;
    if (utf8Length(line) + 2 <= kOptionColumn) {
        line = padRight(line, kOptionColumn);
    } else {
        line += '\n' + std::string(kOptionColumn, ' ');
    }
    return line + wrap(help, kWidth, kOptionColumn, kOptionColumn) + '\n';
}

std::string globalSynopsis() {
    std::vector<std::string> words{"motus"};
    for (const auto& o : globalOptions()) {
        if (o.type != ValueType::Flag) {
            words.push_back("[" + optionSynopsis(o) + "]");
        }
    }
    words.emplace_back("[COMMAND [OPTIONS]]");
    return joinWrapped(words, 0, 6);
}

std::string globalHelp() {
    std::string text = tr("Usage:") + std::string(" ") + globalSynopsis() + "\n\n";
    for (const auto& c : commands()) {
        if (c.handler != nullptr) {
            text += commandEntry(c);
        }
    }
    text += '\n';
    text += "  " +
            wrap(tr("--date YYYY-MM-DD means \"as of that local date\": after the fact "
                    "for the commands that record (never a day after today), a preview "
                    "for those that show (nothing is stored). Commands that show the plan "
                    "first run the weekly reviews that are due by today."),
                 kWidth, 2, 2) +
            "\n\n";
    for (const auto& o : globalOptions()) {
        std::string help = tr(o.help);
        if (auto range = rangeText(o); !range.empty()) {
            help += "; " + range;
        }
        text += optionEntry(o.name == "--help" ? "-h, --help" : optionSynopsis(o), help);
    }
    text += '\n' +
            wrap(tr("Exit codes: 0 success, 1 failure, 2 usage error or no display. 'motus "
                    "COMMAND --help' shows the options of a command with their ranges."),
                 kWidth, 0) +
            '\n';
    return text;
}

} // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> table = buildCommands();
    return table;
}

const std::vector<Option>& globalOptions() {
    static const std::vector<Option> globals = buildGlobals();
    return globals;
}

const Command* findCommand(std::string_view path) {
    for (const auto& c : commands()) {
        if (c.path == path) {
            return &c;
        }
    }
    return nullptr;
}

const std::vector<std::string>& languages() {
    static const std::vector<std::string> list = [] {
        std::vector<std::string> out{"en"};
        std::istringstream words(MOTUS_LANGUAGES);
        std::string word;
        while (words >> word) {
            if (std::find(out.begin(), out.end(), word) == out.end()) {
                out.push_back(word);
            }
        }
        return out;
    }();
    return list;
}

std::string helpText(const Command* command) {
    if (command == nullptr || command->path.empty()) {
        return globalHelp();
    }
    const Command& c = *command;
    std::string text = tr("Usage:") + std::string(" ") +
                       joinWrapped(
                           [&] {
                               auto words = synopsisWords(c);
                               words.insert(words.begin(), "motus");
                               return words;
                           }(),
                           7, 9) +
                       "\n\n" + wrap(tr(c.summary), kWidth, 0) + "\n\n";
    if (c.handler == nullptr) {
        const std::string prefix = std::string(c.path) + " ";
        for (const auto& sub : commands()) {
            if (sub.path.substr(0, std::min(sub.path.size(), prefix.size())) == prefix) {
                text += commandEntry(sub);
            }
        }
    }
    for (const auto& p : c.positionals) {
        text += optionEntry(std::string(p.name) + (p.many ? "..." : ""), tr(p.what));
    }
    for (const auto& o : c.options) {
        std::string label(o.name);
        if (o.type != ValueType::Flag && !o.value.empty()) {
            label += " " + std::string(o.value);
        } else if (o.type != ValueType::Flag) { // named after the option: --leg LEG
            std::string value(o.name.substr(2));
            std::transform(value.begin(), value.end(), value.begin(),
                           [](char ch) { return ch == '-' ? '_' : static_cast<char>(ch & ~0x20); });
            label += " " + value;
        }
        std::string help = tr(o.help);
        if (auto range = rangeText(o); !range.empty()) {
            help += "; " + range;
        }
        if (!o.needs.empty()) {
            help += "; " + fmt::format(fmt::runtime(tr("only with {}")), o.needs);
        }
        if (o.repeatable) {
            help += "; " + std::string(tr("may be given more than once"));
        }
        text += optionEntry(label, help);
    }
    text += optionEntry("-h, --help", tr("this help"));
    text += '\n' +
            wrap(tr("Options of every command: --library DIR, --lang LL, --db FILE (see "
                    "'motus --help')."),
                 kWidth, 0) +
            '\n';
    return text;
}

std::string usageHint(const Command* command) {
    const bool global = command == nullptr || command->path.empty();
    std::string synopsis;
    if (global) {
        synopsis = globalSynopsis();
    } else {
        auto words = synopsisWords(*command);
        words.insert(words.begin(), "motus");
        synopsis = joinWrapped(words, 7, 9);
    }
    return tr("Usage:") + std::string(" ") + synopsis + '\n' +
           fmt::format(fmt::runtime(tr("(more: '{} --help')")),
                       global ? std::string("motus") : "motus " + std::string(command->path)) +
           '\n';
}

// ---- values ------------------------------------------------------------------------------

bool looksLikeFile(std::string_view word) {
    constexpr std::string_view suffix = ".xml";
    return word.find('/') != std::string_view::npos ||
           (word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix);
}

std::optional<int> parseInteger(std::string_view text) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseSeconds(std::string_view text) {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::pair<unsigned, unsigned>> parseSize(std::string_view text) {
    const auto x = text.find('x');
    if (x == std::string_view::npos) {
        return std::nullopt;
    }
    auto part = [](std::string_view digits) -> std::optional<unsigned> {
        unsigned value = 0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size()) {
            return std::nullopt;
        }
        return value;
    };
    const auto width = part(text.substr(0, x));
    const auto height = part(text.substr(x + 1));
    if (!width || !height) {
        return std::nullopt;
    }
    return std::pair{*width, *height};
}

bool Values::has(std::string_view option) const {
    return m_values.find(option) != m_values.end();
}

std::optional<std::string> Values::text(std::string_view option) const {
    auto it = m_values.find(option);
    if (it == m_values.end() || it->second.empty()) {
        return std::nullopt;
    }
    return it->second.front();
}

std::vector<std::string> Values::texts(std::string_view option) const {
    auto it = m_values.find(option);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::optional<int> Values::integer(std::string_view option) const {
    auto value = text(option);
    return value ? parseInteger(*value) : std::nullopt;
}

std::optional<double> Values::seconds(std::string_view option) const {
    auto value = text(option);
    return value ? parseSeconds(*value) : std::nullopt;
}

std::optional<core::Date> Values::date(std::string_view option) const {
    auto value = text(option);
    return value ? core::parseDate(*value) : std::nullopt;
}

std::optional<std::pair<unsigned, unsigned>> Values::size(std::string_view option) const {
    auto value = text(option);
    return value ? parseSize(*value) : std::nullopt;
}

void Values::add(std::string_view option, std::string value) {
    m_values[std::string(option)].push_back(std::move(value));
}

// ---- reading the command line with CLI11 --------------------------------------------------

enum class Problem { NeedsValue, TakesNoValue, Other };

struct Reading {
    const Command* command = nullptr;
    std::map<std::string, std::vector<std::string>, std::less<>> values; // given, by name
    std::vector<std::string> positionals;
    std::vector<std::string> misplaced; // options of an enclosing command or of the window
    std::vector<std::string> stray;     // words no command took, in the order given
    std::optional<std::pair<Problem, std::string>> problem;
    bool help = false;
    bool version = false;
};

namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
    std::vector<std::string_view> words;
    while (!path.empty()) {
        const auto space = path.find(' ');
        words.push_back(path.substr(0, space));
        path = space == std::string_view::npos ? std::string_view() : path.substr(space + 1);
    }
    return words;
}

bool isFlagName(std::string_view name) {
    if (name == "--help") {
        return true;
    }
    for (const auto& o : globalOptions()) {
        if (o.name == name && o.type == ValueType::Flag) {
            return true;
        }
    }
    for (const auto& c : commands()) {
        for (const auto& o : c.options) {
            if (o.name == name && o.type == ValueType::Flag) {
                return true;
            }
        }
    }
    return false;
}

// The command whose table entry has an option of this name, other than `except`.
const Command* ownerOf(std::string_view name, const Command* except) {
    for (const auto& c : commands()) {
        if (&c == except) {
            continue;
        }
        for (const auto& o : c.options) {
            if (o.name == name) {
                return &c;
            }
        }
    }
    return nullptr;
}

// "'log'", for messages.
std::string commandLabel(const Command& c) {
    return "'" + (c.path.empty() ? std::string("motus") : std::string(c.path)) + "'";
}

} // namespace

CommandLine::CommandLine(const std::vector<std::string>& argv)
    : m_reading(std::make_unique<Reading>()) {
    Reading& r = *m_reading;
    // CLI11 reads "--db=" as "--db" and takes the next word as its value, and a flag's
    // "--json=false" as an override: catch both first.
    for (std::size_t i = 1; i < argv.size() && !r.problem; ++i) {
        const std::string& word = argv[i];
        if (word == "--") {
            break;
        }
        const auto equals = word.find('=');
        if (word.rfind("--", 0) != 0 || equals == std::string::npos) {
            continue;
        }
        const std::string name = word.substr(0, equals);
        if (equals + 1 == word.size() && !isFlagName(name)) {
            r.problem = {Problem::NeedsValue, name};
        } else if (isFlagName(name)) {
            r.problem = {Problem::TakesNoValue, name};
        }
    }

    CLI::App root("motus", "motus");
    std::map<std::string, CLI::App*, std::less<>> apps{{"", &root}};
    std::map<const CLI::App*, const Command*> commandOf;
    std::map<const CLI::App*, std::vector<std::pair<const Option*, CLI::Option*>>> optionsOf;
    std::map<const CLI::App*, std::vector<CLI::Option*>> positionalsOf;
    std::vector<std::pair<const Option*, CLI::Option*>> globals;
    std::vector<CLI::Option*> helpFlags;

    auto configure = [&](CLI::App& app) {
        app.set_help_flag();
        app.allow_extras();
        app.require_subcommand(0, 1);
        app.fallthrough();
        helpFlags.push_back(app.add_flag("-h,--help")->disable_flag_override());
    };
    auto addOption = [](CLI::App& app, const Option& o) {
        CLI::Option* added = nullptr;
        if (o.type == ValueType::Flag) {
            added = app.add_flag(std::string(o.name))->disable_flag_override();
        } else {
            added = app.add_option(std::string(o.name))->expected(1);
        }
        return added->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    };
    configure(root);
    for (const auto& o : globalOptions()) {
        if (o.name != "--help") {
            globals.emplace_back(&o, addOption(root, o));
        }
    }
    for (const auto& c : commands()) {
        CLI::App* app = &root;
        std::string path;
        for (auto word : splitPath(c.path)) {
            path += (path.empty() ? "" : " ") + std::string(word);
            auto found = apps.find(path);
            if (found == apps.end()) {
                CLI::App* sub = app->add_subcommand(std::string(word));
                configure(*sub);
                found = apps.emplace(path, sub).first;
            }
            app = found->second;
        }
        commandOf[app] = &c;
        for (const auto& o : c.options) {
            optionsOf[app].emplace_back(&o, addOption(*app, o));
        }
        for (const auto& p : c.positionals) {
            auto* positional = app->add_option(std::string(p.name))->expected(1);
            if (p.many) {
                positional->expected(0, 1 << 20)->allow_extra_args();
            }
            positionalsOf[app].push_back(positional);
        }
    }

    std::vector<std::string> reversed(argv.rbegin(), argv.rend());
    if (!reversed.empty()) {
        reversed.pop_back(); // the program
    }
    try {
        root.parse(reversed);
    } catch (const CLI::ArgumentMismatch& e) {
        // "--sets: 1 required TEXT missing": an option at the end without its value.
        std::string what = e.what();
        const auto colon = what.find(':');
        if (!r.problem) {
            r.problem = colon != std::string::npos && what.rfind("-", 0) == 0
                            ? std::pair{Problem::NeedsValue, what.substr(0, colon)}
                            : std::pair{Problem::Other, what};
        }
    } catch (const CLI::ParseError& e) {
        if (!r.problem) {
            r.problem = {Problem::Other, e.what()};
        }
    }

    std::vector<const CLI::App*> chain{&root};
    while (!chain.back()->get_subcommands().empty()) {
        chain.push_back(chain.back()->get_subcommands().front());
    }
    const CLI::App* leaf = chain.back();
    r.command = commandOf.count(leaf) > 0 ? commandOf.at(leaf) : findCommand("");
    for (const auto* flag : helpFlags) {
        r.help = r.help || flag->count() > 0;
    }
    auto take = [&](const Option& o, const CLI::Option& given) {
        if (given.count() == 0) {
            return;
        }
        auto& values = r.values[std::string(o.name)];
        if (o.type == ValueType::Flag) {
            values.resize(values.size() + given.count());
        } else {
            values.insert(values.end(), given.results().begin(), given.results().end());
        }
    };
    auto leafHas = [&](std::string_view name) {
        const auto found = optionsOf.find(leaf);
        return found != optionsOf.end() &&
               std::any_of(found->second.begin(), found->second.end(),
                           [&](const auto& option) { return option.first->name == name; });
    };
    for (const auto& [o, given] : globals) {
        if (o->name == "--version") {
            r.version = given->count() > 0;
        } else {
            take(*o, *given);
        }
    }
    for (const auto* app : chain) {
        auto found = optionsOf.find(app);
        if (found == optionsOf.end()) {
            continue;
        }
        for (const auto& [o, given] : found->second) {
            if (app == leaf || (given->count() > 0 && leafHas(o->name))) {
                take(*o, *given); // before the command, an option of the command counts too
            } else if (given->count() > 0) {
                r.misplaced.emplace_back(o->name);
            }
        }
    }
    if (auto found = positionalsOf.find(leaf); found != positionalsOf.end()) {
        for (const auto* positional : found->second) {
            for (const auto& value : positional->results()) {
                r.positionals.push_back(value);
            }
        }
    }
    // What no command took, in the order it was given. A word an enclosing command took as
    // its argument (`motus today x.xml` hands x.xml on to the window's FILE) belongs to no
    // command either.
    std::vector<std::string> left = root.remaining(true);
    for (const auto* app : chain) {
        if (auto found = positionalsOf.find(app); app != leaf && found != positionalsOf.end()) {
            for (const auto* positional : found->second) {
                left.insert(left.end(), positional->results().begin(), positional->results().end());
            }
        }
    }
    std::vector<bool> used(argv.size(), false);
    std::vector<std::pair<std::size_t, std::string>> ordered;
    for (const auto& word : left) {
        std::size_t at = argv.size();
        for (std::size_t i = 1; i < argv.size(); ++i) {
            if (!used[i] && argv[i] == word) {
                used[i] = true;
                at = i;
                break;
            }
        }
        ordered.emplace_back(at, word);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, word] : ordered) {
        r.stray.push_back(std::move(word));
    }
}

CommandLine::~CommandLine() = default;

std::string CommandLine::language() const {
    auto found = m_reading->values.find("--lang");
    if (found == m_reading->values.end() || found->second.size() != 1) {
        return {};
    }
    const auto& known = languages();
    const auto& lang = found->second.front();
    return std::find(known.begin(), known.end(), lang) != known.end() ? lang : std::string();
}

namespace {

// The value of one option checked against its type; the error names the option.
std::optional<std::string> checkValue(const Option& o, const std::string& value) {
    const auto name = std::string(o.name);
    if (value.empty()) {
        return fmt::format(fmt::runtime(tr("option {} needs a value")), name);
    }
    switch (o.type) {
    case ValueType::Flag:
    case ValueType::Text:
        return std::nullopt;
    case ValueType::Integer: {
        auto number = parseInteger(value);
        if (!number || !o.range.contains(*number)) {
            return fmt::format(fmt::runtime(tr("{} takes a whole number from {} to {}, not '{}'")),
                               name, o.range.min, o.range.max, value);
        }
        return std::nullopt;
    }
    case ValueType::Seconds: {
        auto number = parseSeconds(value);
        if (!number || *number < o.range.min || *number > o.range.max) {
            return fmt::format(fmt::runtime(tr("{} takes a number of seconds from {} to {}, not "
                                               "'{}'")),
                               name, o.range.min, o.range.max, value);
        }
        return std::nullopt;
    }
    case ValueType::Date:
        if (!core::parseDate(value)) {
            return fmt::format(fmt::runtime(tr("{} takes a date YYYY-MM-DD, not '{}'")), name,
                               value);
        }
        return std::nullopt;
    case ValueType::Size: {
        auto size = parseSize(value);
        const auto min = static_cast<unsigned>(o.range.min);
        const auto max = static_cast<unsigned>(o.range.max);
        if (!size || size->first < min || size->first > max || size->second < min ||
            size->second > max) {
            return fmt::format(fmt::runtime(tr("{} takes WIDTHxHEIGHT, each from {} to {} (e.g. "
                                               "800x600), not '{}'")),
                               name, min, max, value);
        }
        return std::nullopt;
    }
    case ValueType::Choice:
    case ValueType::Language: {
        const auto& choices = o.type == ValueType::Choice ? o.choices : languages();
        if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
            return fmt::format(fmt::runtime(tr("unknown value '{}' for {}; one of: {}")), value,
                               name, fmt::join(choices, ", "));
        }
        return std::nullopt;
    }
    }
    return std::nullopt;
}

std::optional<std::string> checkOptions(const std::vector<Option>& options, const Reading& r,
                                        Values& values) {
    for (const auto& o : options) {
        auto found = r.values.find(o.name);
        if (found == r.values.end()) {
            continue;
        }
        if (found->second.size() > 1 && !o.repeatable) {
            return fmt::format(fmt::runtime(tr("option {} may be given only once")), o.name);
        }
        for (const auto& value : found->second) {
            if (o.type != ValueType::Flag) {
                if (auto problem = checkValue(o, value)) {
                    return problem;
                }
            }
            values.add(o.name, value);
        }
    }
    return std::nullopt;
}

std::optional<std::string> checkCommand(const Command& c, const Reading& r, Values& values) {
    if (auto problem = checkOptions(c.options, r, values)) {
        return problem;
    }
    const std::string label = commandLabel(c);
    // Options that exclude each other, that need another, that are required.
    std::vector<std::string> group;
    for (const auto& o : c.options) {
        if (o.group == 1) {
            group.push_back(optionSynopsis(o));
        }
        if (o.group != 0 && values.has(o.name)) {
            for (const auto& other : c.options) {
                if (&other != &o && other.group == o.group && values.has(other.name)) {
                    return fmt::format(fmt::runtime(tr("{} and {} exclude each other")), o.name,
                                       other.name);
                }
            }
        }
        if (!o.needs.empty() && values.has(o.name) && !values.has(o.needs)) {
            return fmt::format(fmt::runtime(tr("option {} needs {}")), o.name, o.needs);
        }
        if (o.required && !values.has(o.name)) {
            return fmt::format(fmt::runtime(tr("{} needs {}")), label, optionSynopsis(o));
        }
    }
    if (c.groupRequired) {
        bool any = false;
        for (const auto& o : c.options) {
            any = any || (o.group == 1 && values.has(o.name));
        }
        if (!any) {
            return fmt::format(fmt::runtime(tr("{} needs {}")), label,
                               fmt::join(group, std::string(" ") + tr("or") + " "));
        }
    }
    // Arguments.
    std::size_t next = 0;
    for (const auto& p : c.positionals) {
        const std::size_t left = r.positionals.size() - next;
        if (left == 0) {
            if (p.required) {
                return fmt::format(fmt::runtime(tr("{} needs {}")), label, tr(p.what));
            }
            continue;
        }
        const std::size_t take = p.many ? left : 1;
        for (std::size_t i = 0; i < take; ++i) {
            const auto& value = r.positionals[next + i];
            if (value.empty()) {
                return fmt::format(fmt::runtime(tr("{} needs {}, not an empty word")), label,
                                   tr(p.what));
            }
            if (p.type == ValueType::Integer) {
                auto number = parseInteger(value);
                if (!number || !p.range.contains(*number)) {
                    return fmt::format(fmt::runtime(tr("{} takes {}: a whole number from {}, "
                                                       "not '{}'")),
                                       label, tr(p.what), p.range.min, value);
                }
            }
            values.addPositional(value);
        }
        next += take;
    }
    if (c.handler == nullptr) {
        std::vector<std::string> subs;
        const std::string prefix = std::string(c.path) + " ";
        for (const auto& sub : commands()) {
            if (sub.path.rfind(prefix, 0) == 0) {
                subs.push_back(std::string(sub.path.substr(prefix.size())));
            }
        }
        return fmt::format(fmt::runtime(tr("{} needs one of: {}")), label, fmt::join(subs, ", "));
    }
    return std::nullopt;
}

} // namespace

Invocation CommandLine::check() const {
    const Reading& r = *m_reading;
    Invocation inv;
    inv.command = r.command;
    inv.help = r.help;
    inv.version = r.version;
    if (inv.help || inv.version) {
        return inv;
    }
    const Command& c = *r.command;
    if (r.problem) {
        const auto& [kind, what] = *r.problem;
        switch (kind) {
        case Problem::NeedsValue:
            inv.error = fmt::format(fmt::runtime(tr("option {} needs a value")), what);
            break;
        case Problem::TakesNoValue:
            inv.error = fmt::format(fmt::runtime(tr("option {} takes no value")), what);
            break;
        case Problem::Other:
            inv.error = what;
            break;
        }
        return inv;
    }
    // The window's FILE is where a word that is no command lands: a file only if it looks
    // like one.
    if (c.path.empty() && !r.positionals.empty() && !looksLikeFile(r.positionals.front())) {
        inv.error = fmt::format(fmt::runtime(tr("unknown command '{}'")), r.positionals.front());
        return inv;
    }
    if (!r.stray.empty()) {
        const std::string& word = r.stray.front();
        if (word.size() > 1 && word[0] == '-') {
            const std::string name = word.substr(0, word.find('='));
            const bool ownOption = std::any_of(c.options.begin(), c.options.end(),
                                               [&](const Option& o) { return o.name == name; });
            if (ownOption) {
                inv.error = fmt::format(fmt::runtime(tr("option {} goes after the command: 'motus "
                                                        "{} {}'")),
                                        name, c.path, name);
            } else if (ownerOf(name, &c) != nullptr) {
                inv.error = fmt::format(fmt::runtime(tr("{} does not take the option {}")),
                                        commandLabel(c), name);
            } else {
                inv.error = fmt::format(fmt::runtime(tr("unknown option {}")), name);
            }
        } else if (c.path.empty() && r.positionals.empty()) {
            inv.error = fmt::format(fmt::runtime(tr("unknown command '{}'")), word);
        } else if (c.handler == nullptr) {
            inv.error = fmt::format(fmt::runtime(tr("unknown command '{}'")),
                                    std::string(c.path) + " " + word);
        } else {
            inv.error = fmt::format(fmt::runtime(tr("unexpected argument '{}'")), word);
        }
        return inv;
    }
    if (!r.misplaced.empty()) {
        const auto* owner = ownerOf(r.misplaced.front(), &c);
        if (owner != nullptr && owner->path.empty()) {
            inv.error = fmt::format(fmt::runtime(tr("{} is for the window and does not go with a "
                                                    "command")),
                                    r.misplaced.front());
        } else {
            inv.error = fmt::format(fmt::runtime(tr("{} does not take the option {}")),
                                    commandLabel(c), r.misplaced.front());
        }
        return inv;
    }
    if (auto problem = checkOptions(globalOptions(), r, inv.values)) {
        inv.error = problem;
        return inv;
    }
    if (auto problem = checkCommand(c, r, inv.values)) {
        inv.error = problem;
    }
    return inv;
}

} // namespace motus::cli
