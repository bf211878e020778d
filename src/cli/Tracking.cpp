// The tracker's commands: programs, today's routine, logging, check-ins, reviews, streaks,
// history and export. Headless; the journal is the SQLite file (--db overrides it).
#include "Tracking.hpp"

#include "Json.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Names.hpp"
#include "core/Tracker.hpp"
#include "storage/SqliteJournal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

namespace motus::cli {
namespace {

using core::tr;

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsage = 2;

struct Args {
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> values;
    std::vector<std::string> flags;
    std::string error;

    [[nodiscard]] bool flag(std::string_view name) const {
        return std::find(flags.begin(), flags.end(), name) != flags.end();
    }
    [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
        auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const {
        std::vector<std::string> out;
        auto [begin, end] = values.equal_range(name);
        for (auto it = begin; it != end; ++it) {
            out.push_back(it->second);
        }
        return out;
    }
};

Args parseArgs(const std::vector<std::string>& args, std::initializer_list<std::string_view> valued,
               std::initializer_list<std::string_view> flags) {
    Args out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0) {
            out.positional.push_back(arg);
        } else if (std::find(flags.begin(), flags.end(), arg) != flags.end()) {
            out.flags.push_back(arg);
        } else if (std::find(valued.begin(), valued.end(), arg) != valued.end()) {
            if (i + 1 >= args.size()) {
                out.error = fmt::format(fmt::runtime(tr("option {} needs a value")), arg);
                return out;
            }
            out.values.emplace(arg, args[++i]);
        } else {
            out.error = fmt::format(fmt::runtime(tr("unknown option {}")), arg);
            return out;
        }
    }
    return out;
}

int usage(std::ostream& err, const std::string& message) {
    err << "motus: " << message << "\n\n" << cli::usage();
    return kUsage;
}

std::optional<int> number(const std::string& text, int min, int max) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

// Everything a tracker command needs, opened once.
struct Context {
    content::LibraryLoad load;
    std::unique_ptr<storage::SqliteJournal> journal;
    std::optional<core::ActiveProgram> active;
    std::optional<core::Program> program;
    std::unique_ptr<core::Tracker> tracker;
};

std::filesystem::path dbPath(const CommandLine& cl) {
    return cl.db.empty() ? storage::SqliteJournal::defaultPath() : std::filesystem::path(cl.db);
}

// Opens the library and the journal; with `needProgram`, also the active program (or says
// how to start one).
// Returned on the heap: the tracker refers to the library and the program inside it.
std::unique_ptr<Context> open(const CommandLine& cl, const content::DataPaths& paths,
                              std::ostream& err, bool needProgram) {
    auto owned = std::make_unique<Context>();
    Context& c = *owned;
    c.load = content::loadLibrary({cl.library.value_or(paths.library)});
    c.journal = std::make_unique<storage::SqliteJournal>(dbPath(cl));
    c.active = c.journal->activeProgram();
    if (!c.active) {
        if (needProgram) {
            err << "motus: "
                << tr("no program yet: start one with 'motus program start ID' (see 'motus "
                      "program list') or 'motus program import FILE'")
                << '\n';
            return nullptr;
        }
        return owned;
    }
    auto parsed =
        content::parseProgram(c.active->programXml, c.active->programId + ".xml", c.load.library);
    if (!parsed.program) {
        for (const auto& d : parsed.diagnostics) {
            err << d.str() << '\n';
        }
        err << "motus: "
            << tr("the stored program no longer matches the exercise library; import it again")
            << '\n';
        return nullptr;
    }
    c.program = std::move(parsed.program);
    c.tracker =
        std::make_unique<core::Tracker>(*c.journal, c.load.library, *c.program, c.active->start);
    return owned;
}

std::optional<core::Date> dateOption(const Args& args, std::ostream& err, bool& bad) {
    bad = false;
    if (auto text = args.get("--date")) {
        auto date = core::parseDate(*text);
        if (!date) {
            err << "motus: "
                << fmt::format(fmt::runtime(tr("--date takes YYYY-MM-DD, not '{}'")), *text)
                << '\n';
            bad = true;
        }
        return date;
    }
    return std::nullopt;
}

// The prologue of the commands that show the plan: --date (default today), the journal and
// program opened, the reviews due by then run. On failure `exitCode` says why.
std::unique_ptr<Context> openAsOf(const CommandLine& cl, const content::DataPaths& paths,
                                  const Args& args, std::ostream& err, core::Date& date,
                                  int& exitCode, int reviewDaysAhead = 0) {
    bool bad = false;
    date = dateOption(args, err, bad).value_or(core::today());
    if (bad) {
        exitCode = kUsage;
        return nullptr;
    }
    auto c = open(cl, paths, err, true);
    if (!c) {
        exitCode = kFailure;
        return nullptr;
    }
    c->tracker->runDueReviews(
        core::Date(std::chrono::sys_days(date) + std::chrono::days(reviewDaysAhead)));
    return c;
}

// Writes a file through a temporary one renamed into place, so a reader never sees half.
bool writeAtomically(const std::filesystem::path& file, const std::string& text,
                     std::ostream& err) {
    const auto temporary = file.string() + ".tmp";
    {
        std::ofstream o(temporary, std::ios::binary);
        o << text;
        if (!o) {
            err << "motus: " << fmt::format(fmt::runtime(tr("cannot write {}")), temporary) << '\n';
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        err << "motus: " << fmt::format(fmt::runtime(tr("cannot write {}")), file.string()) << '\n';
        return false;
    }
    return true;
}

// "daily", "3 a week": in English for JSON, translated for people.
std::string frequencyText(const core::ProgramPhase& phase, bool forPeople = false) {
    if (forPeople) {
        core::Dose dose;
        dose.perDay = phase.perDay;
        dose.perWeek = phase.perWeek;
        return core::describeFrequency(dose);
    }
    if (phase.daily()) {
        return phase.perDay == 1 ? "daily" : fmt::format("{} a day", phase.perDay);
    }
    return phase.perDay == 1 ? fmt::format("{} a week", phase.perWeek)
                             : fmt::format("{} a week, {} a day", phase.perWeek, phase.perDay);
}

void writeDose(JsonWriter& json, const core::Prescription& p) {
    json.beginObject();
    json.key("exercise").value(p.exercise);
    json.key("sets").value(p.dose.sets);
    json.key("reps").value(p.dose.reps);
    json.key("hold").value(p.dose.holdSeconds);
    json.endObject();
}

std::string describe(const core::Prescription& p) {
    std::string text = fmt::format("{} × {}", p.dose.sets, p.dose.reps);
    if (p.dose.holdSeconds > 0) {
        text += fmt::format(" · {} s", p.dose.holdSeconds);
    }
    return text;
}

std::string nameOf(const Context& c, const std::string& id) {
    const auto* ex = c.load.library.find(id);
    return ex != nullptr ? ex->text(core::uiLanguage()).name : id;
}

// --- program -----------------------------------------------------------------------------

int programList(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
                std::ostream& out, std::ostream& err) {
    const auto library = cl.library.value_or(paths.library);
    const auto load = content::loadLibrary({library});
    JsonWriter json;
    json.beginArray();
    const std::string lang = core::uiLanguage();
    for (const auto& file : content::bundledPrograms(library)) {
        auto parsed = content::loadProgramFile(file, load.library);
        if (!parsed.program) {
            for (const auto& d : parsed.diagnostics) {
                err << d.str() << '\n';
            }
            continue;
        }
        const auto& p = *parsed.program;
        const auto& first = p.phases.front();
        if (args.flag("--json")) {
            json.beginObject();
            json.key("id").value(p.id);
            json.key("name").value(p.titleIn(lang));
            json.key("weeks").value(p.totalWeeks());
            json.key("frequency").value(frequencyText(first));
            json.key("phases").value(static_cast<long>(p.phases.size()));
            json.endObject();
        } else {
            out << padRight(p.id, 26) << "  " << padRight(p.titleIn(lang), 44) << "  "
                << fmt::format(fmt::runtime(core::trn("{} week", "{} weeks",
                                                      static_cast<unsigned long>(p.totalWeeks()))),
                               p.totalWeeks())
                << ", " << frequencyText(first, true) << '\n';
        }
    }
    json.endArray();
    if (args.flag("--json")) {
        out << json.str() << '\n';
    }
    return kOk;
}

int programStart(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
                 std::ostream& out, std::ostream& err, bool import) {
    if (args.positional.size() != 2) {
        return usage(err, import ? tr("program import needs a file")
                                 : tr("program start needs a program id"));
    }
    bool bad = false;
    const auto start = dateOption(args, err, bad);
    if (bad) {
        return kUsage;
    }
    if (auto s = args.get("--start")) {
        if (!core::parseDate(*s)) {
            return usage(err,
                         fmt::format(fmt::runtime(tr("--start takes YYYY-MM-DD, not '{}'")), *s));
        }
    }
    const auto library = cl.library.value_or(paths.library);
    const auto load = content::loadLibrary({library});
    std::filesystem::path file = args.positional[1];
    if (!import) {
        file.clear();
        for (const auto& candidate : content::bundledPrograms(library)) {
            if (candidate.stem() == args.positional[1]) {
                file = candidate;
            }
        }
        if (file.empty()) {
            err << "motus: "
                << fmt::format(fmt::runtime(tr("no bundled program '{}' (see 'motus program "
                                               "list')")),
                               args.positional[1])
                << '\n';
            return kFailure;
        }
    }
    auto parsed = content::loadProgramFile(file, load.library);
    for (const auto& d : parsed.diagnostics) {
        err << d.str() << '\n';
    }
    if (!parsed.program) {
        err << "motus: " << tr("the program has errors and was not imported; nothing changed")
            << '\n';
        return kFailure;
    }
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const core::Date begin =
        core::parseDate(args.get("--start").value_or("")).value_or(start.value_or(core::today()));
    storage::SqliteJournal journal(dbPath(cl));
    journal.startProgram(parsed.program->id, text.str(), begin,
                         core::planFor(parsed.program->phases.front()));
    out << fmt::format(fmt::runtime(tr("Started '{}' on {}: {} weeks.")),
                       parsed.program->titleIn(core::uiLanguage()), core::formatDate(begin),
                       parsed.program->totalWeeks())
        << '\n';
    return kOk;
}

int programShow(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
                std::ostream& out, std::ostream& err) {
    core::Date today;
    int exitCode = kOk;
    auto c = openAsOf(cl, paths, args, err, today, exitCode);
    if (!c) {
        return exitCode;
    }
    const int week = std::max(0, c->tracker->weekOf(today));
    const auto phaseIndex = c->program->phaseIndexInWeek(week);
    const auto& phase = c->program->phases[phaseIndex];
    const std::string lang = core::uiLanguage();
    if (args.flag("--json")) {
        JsonWriter json;
        json.beginObject();
        json.key("id").value(c->program->id);
        json.key("name").value(c->program->titleIn(lang));
        json.key("start").value(core::formatDate(c->active->start));
        json.key("weeks").value(c->program->totalWeeks());
        json.key("week").value(week + 1);
        json.key("phase").value(phase.name);
        json.key("frequency").value(frequencyText(phase));
        json.key("stopped").value(c->active->stopped);
        json.key("prescriptions").beginArray();
        for (const auto& item : phase.items) {
            if (auto p = c->tracker->slot(item.exercise)) {
                json.beginObject();
                json.key("exercise").value(p->exercise);
                json.key("sets").value(p->dose.sets);
                json.key("reps").value(p->dose.reps);
                json.key("hold").value(p->dose.holdSeconds);
                json.key("locked").value(p->locked);
                json.key("stopped").value(p->stopped);
                json.endObject();
            }
        }
        json.endArray();
        json.endObject();
        out << json.str() << '\n';
        return kOk;
    }
    out << c->program->titleIn(lang) << "  (" << c->program->id << ")\n";
    out << fmt::format(fmt::runtime(tr("Started {}; week {} of {}; phase {}: {} ({})")),
                       core::formatDate(c->active->start), week + 1, c->program->totalWeeks(),
                       phaseIndex + 1, phase.nameIn(lang), frequencyText(phase, true))
        << '\n';
    if (c->active->stopped) {
        out << tr("The program is stopped (a warning sign was reported).") << '\n';
    }
    for (const auto& item : phase.items) {
        if (auto p = c->tracker->slot(item.exercise)) {
            out << "  " << padRight(nameOf(*c, p->exercise), 34) << "  " << describe(*p)
                << (p->locked ? "  " + std::string(tr("(fixed)")) : std::string())
                << (p->stopped ? "  " + std::string(tr("(stopped)")) : std::string()) << '\n';
        }
    }
    return kOk;
}

int programExport(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
                  std::ostream& out, std::ostream& err) {
    if (args.positional.size() != 2) {
        return usage(err, tr("program export needs a file name"));
    }
    core::Date today;
    int exitCode = kOk;
    auto c = openAsOf(cl, paths, args, err, today, exitCode);
    if (!c) {
        return exitCode;
    }
    // The program with the doses in force: an exercise switched to a variant is written as
    // the variant.
    core::Program current = *c->program;
    const auto phase = current.phaseIndexInWeek(std::max(0, c->tracker->weekOf(today)));
    std::vector<core::Prescription> prescriptions;
    for (auto& item : current.phases[phase].items) {
        if (auto p = c->tracker->slot(item.exercise)) {
            item.exercise = p->exercise;
            prescriptions.push_back(*p);
        }
    }
    const std::string text = content::writeProgram(current, prescriptions, phase);
    const std::filesystem::path file = args.positional[1];
    if (!writeAtomically(file, text, err)) {
        return kFailure;
    }
    out << fmt::format(fmt::runtime(tr("Wrote {}")), file.string()) << '\n';
    return kOk;
}

// --- today, log, check-in ------------------------------------------------------------------

int cmdToday(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
             std::ostream& out, std::ostream& err) {
    core::Date date;
    int exitCode = kOk;
    auto c = openAsOf(cl, paths, args, err, date, exitCode);
    if (!c) {
        return exitCode;
    }
    const auto plan = c->tracker->today(date);
    const std::string lang = core::uiLanguage();
    if (args.flag("--json")) {
        JsonWriter json;
        json.beginObject();
        json.key("date").value(core::formatDate(date));
        json.key("stopped").value(plan.stopped);
        if (plan.stopped) {
            json.key("advice").value(plan.advice);
        }
        json.key("exercises").beginArray();
        for (const auto& item : plan.items) {
            json.beginObject();
            json.key("id").value(item.prescription.exercise);
            json.key("name").value(item.exercise->text(lang).name);
            json.key("sets").value(item.prescription.dose.sets);
            json.key("reps").value(item.prescription.dose.reps);
            json.key("hold").value(item.prescription.dose.holdSeconds);
            json.key("side").value(core::toString(item.prescription.dose.side));
            json.key("done_sets").value(item.doneSets);
            json.endObject();
        }
        json.endArray();
        json.endObject();
        out << json.str() << '\n';
        return kOk;
    }
    if (plan.stopped) {
        out << plan.advice << '\n';
        return kOk;
    }
    if (plan.before) {
        out << fmt::format(fmt::runtime(tr("Your program starts on {}.")),
                           core::formatDate(c->active->start))
            << '\n';
        return kOk;
    }
    out << fmt::format(fmt::runtime(tr("{} · week {} · {}")), core::formatDate(date), plan.week + 1,
                       c->program->phases[plan.phase].nameIn(core::uiLanguage()))
        << '\n';
    for (const auto& item : plan.items) {
        out << "  " << (item.doneSets >= item.prescribedSets ? "✓ " : "  ")
            << padRight(item.exercise->text(lang).name, 34) << "  "
            << core::describeDose(item.prescription.dose) << "  "
            << fmt::format(fmt::runtime(tr("({} of {} sets done)")), item.doneSets,
                           item.prescribedSets)
            << '\n';
    }
    return kOk;
}

void printChanges(const std::vector<core::DoseChange>& changes, std::ostream& out) {
    for (const auto& change : changes) {
        out << "  " << change.reason << '\n';
    }
}

int cmdLog(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
           std::ostream& out, std::ostream& err) {
    if (args.positional.size() != 1) {
        return usage(err, tr("log needs an exercise id"));
    }
    bool bad = false;
    const auto date = dateOption(args, err, bad);
    if (bad) {
        return kUsage;
    }
    struct Limits {
        const char* name;
        int min;
        int max;
    };
    std::map<std::string, int> given;
    for (const Limits& l :
         {Limits{"--sets", 0, 5}, Limits{"--reps", 0, 30}, Limits{"--hold", 0, 60},
          Limits{"--pain", 0, 10}, Limits{"--rpe", 0, 10}}) {
        if (auto text = args.get(l.name)) {
            auto value = number(*text, l.min, l.max);
            if (!value) {
                return usage(err, fmt::format(fmt::runtime(tr("{} takes a whole number from {} to "
                                                              "{}")),
                                              l.name, l.min, l.max));
            }
            given[l.name] = *value;
        }
    }
    std::optional<core::LegChange> leg;
    if (auto text = args.get("--leg")) {
        leg = core::parseEnum<core::LegChange>(*text);
        if (!leg) {
            return usage(err, tr("--leg takes worse, same or better"));
        }
    }
    auto c = open(cl, paths, err, true);
    if (!c) {
        return kFailure;
    }
    const core::Stamp when = date ? core::stampOn(*date) : core::stampNow();
    c->tracker->runDueReviews(when.date);
    const auto plan = c->tracker->today(when.date);
    if (plan.stopped) {
        out << plan.advice << '\n';
        return kFailure;
    }
    const std::string& id = args.positional[0];
    const core::TodayItem* item = nullptr;
    for (const auto& candidate : plan.items) {
        item = candidate.prescription.exercise == id ? &candidate : item;
    }
    if (item == nullptr) {
        err << "motus: "
            << fmt::format(fmt::runtime(tr("'{}' is not in the routine of {} (see 'motus "
                                           "today')")),
                           id, core::formatDate(when.date))
            << '\n';
        return kFailure;
    }
    const auto& dose = item->prescription.dose;
    const int sets = given.count("--sets") ? given["--sets"] : dose.sets;
    const int reps = given.count("--reps") ? given["--reps"] : dose.reps;
    const int hold = given.count("--hold") ? given["--hold"] : dose.holdSeconds;
    // Reps are per side for one-sided work: a set of 8 on each side is 16 reps done.
    const int sides = dose.side == core::Side::Each || dose.side == core::Side::Alternate ? 2 : 1;
    std::vector<core::SetRecord> records;
    for (int s = 1; s <= sets; ++s) {
        const int setIndex = std::min(item->doneSets + s, dose.sets) - 1;
        records.push_back({id, item->doneSets + s, reps * sides,
                           dose.repsInSet(std::max(0, setIndex)) * sides, hold});
    }
    std::optional<core::Feedback> feedback;
    if (given.count("--pain") || given.count("--rpe") || leg) {
        feedback = core::Feedback{when.date, id, std::nullopt, std::nullopt, leg};
        if (given.count("--pain")) {
            feedback->pain = given["--pain"];
        }
        if (given.count("--rpe")) {
            feedback->effort = given["--rpe"];
        }
    }
    const auto changes = c->tracker->logExercise(when, id, records, feedback);
    out << fmt::format(fmt::runtime(tr("Logged {}: {} sets on {}.")), nameOf(*c, id), sets,
                       core::formatDate(when.date))
        << '\n';
    printChanges(changes, out);
    return kOk;
}

int cmdCheckIn(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
               std::ostream& out, std::ostream& err) {
    bool bad = false;
    const auto date = dateOption(args, err, bad);
    if (bad) {
        return kUsage;
    }
    core::CheckIn checkIn;
    checkIn.at = date ? core::stampOn(*date) : core::stampNow();
    if (auto text = args.get("--morning-pain")) {
        checkIn.morningPain = number(*text, 0, 10);
        if (!checkIn.morningPain) {
            return usage(err, tr("--morning-pain takes a whole number from 0 to 10"));
        }
    }
    for (const auto& name : args.all("--red-flag")) {
        auto flag = core::parseEnum<core::RedFlag>(name);
        if (!flag) {
            return usage(err, fmt::format(fmt::runtime(tr("unknown red flag '{}'; one of: "
                                                          "saddle-numbness, bladder-bowel, "
                                                          "leg-weakness, fever-weight-loss, "
                                                          "major-trauma")),
                                          name));
        }
        checkIn.redFlags.push_back(*flag);
    }
    if (!checkIn.morningPain && checkIn.redFlags.empty()) {
        return usage(err, tr("checkin needs --morning-pain N or --red-flag NAME"));
    }
    auto c = open(cl, paths, err, true);
    if (!c) {
        return kFailure;
    }
    c->tracker->runDueReviews(checkIn.at.date);
    const auto changes = c->tracker->checkIn(checkIn);
    out << fmt::format(fmt::runtime(tr("Check-in recorded for {}.")),
                       core::formatDate(checkIn.at.date))
        << '\n';
    printChanges(changes, out);
    return kOk;
}

// --- review, streak, history ---------------------------------------------------------------

void writeChange(JsonWriter& json, const core::DoseChange& d) {
    json.beginObject();
    json.key("exercise").value(d.exercise.empty() ? d.from.exercise : d.exercise);
    json.key("decision").value(core::toString(d.decision));
    json.key("rule");
    d.rule >= 0 ? json.value(d.rule) : json.null();
    json.key("reason").value(d.reason);
    json.key("figures");
    // The figures are stored as a JSON object; written through unchanged.
    json.rawValue(d.figures.empty() ? "{}" : d.figures);
    json.key("from");
    writeDose(json, d.from);
    json.key("to");
    writeDose(json, d.to);
    json.endObject();
}

int cmdReview(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
              std::ostream& out, std::ostream& err) {
    // As of the end of that day: the week that ends on it is reviewed too.
    core::Date date;
    int exitCode = kOk;
    auto c = openAsOf(cl, paths, args, err, date, exitCode, 1);
    if (!c) {
        return exitCode;
    }
    const auto history = c->journal->doseChanges();
    JsonWriter json;
    json.beginObject();
    json.key("reviews").beginArray();
    for (const auto& review : c->journal->reviews()) {
        if (review.weekEnd > date) {
            continue;
        }
        // The safety rules that acted during the week, then the weekly decisions.
        std::vector<core::DoseChange> decisions;
        for (const auto& change : history) {
            if (change.rule >= 0 && change.rule <= 2 && change.date >= review.weekStart &&
                change.date <= review.weekEnd && !change.byTherapist) {
                decisions.push_back(change);
            }
        }
        decisions.insert(decisions.end(), review.decisions.begin(), review.decisions.end());
        if (args.flag("--json")) {
            json.beginObject();
            json.key("week_start").value(core::formatDate(review.weekStart));
            json.key("week_end").value(core::formatDate(review.weekEnd));
            json.key("decisions").beginArray();
            for (const auto& d : decisions) {
                writeChange(json, d);
            }
            json.endArray();
            json.endObject();
            continue;
        }
        out << fmt::format(fmt::runtime(tr("Week {} to {}")), core::formatDate(review.weekStart),
                           core::formatDate(review.weekEnd))
            << '\n';
        for (const auto& d : decisions) {
            const std::string id = d.exercise.empty() ? std::string(tr("the program")) : d.exercise;
            out << "  " << padRight(core::displayName(d.decision), 12) << "  " << padRight(id, 26)
                << "  " << describe(d.from) << " → " << describe(d.to) << "  "
                << (d.rule >= 0 ? fmt::format(fmt::runtime(tr("rule {}")), d.rule)
                                : std::string(tr("plan")))
                << "\n      " << d.reason << '\n';
        }
    }
    json.endArray();
    json.endObject();
    if (args.flag("--json")) {
        out << json.str() << '\n';
    }
    return kOk;
}

int cmdStreak(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
              std::ostream& out, std::ostream& err) {
    core::Date date;
    int exitCode = kOk;
    auto c = openAsOf(cl, paths, args, err, date, exitCode);
    if (!c) {
        return exitCode;
    }
    core::StreakUnit unit = core::StreakUnit::Days;
    const auto streak = c->tracker->streak(date, unit);
    // Adherence over the seven days ending on the date; the day itself counts only once done.
    const auto plan = c->tracker->today(date);
    bool todayDone = !plan.items.empty();
    for (const auto& item : plan.items) {
        todayDone = todayDone && item.doneSets >= item.prescription.dose.sets;
    }
    const core::Date last =
        todayDone ? date : core::Date(std::chrono::sys_days(date) - std::chrono::days(1));
    const double adherence =
        c->tracker->adherence(core::Date(std::chrono::sys_days(last) - std::chrono::days(6)), last);
    if (args.flag("--json")) {
        JsonWriter json;
        json.beginObject();
        json.key("unit").value(unit == core::StreakUnit::Days ? "days" : "weeks");
        json.key("current").value(streak.current);
        json.key("longest").value(streak.longest);
        json.key("adherence_week").value(std::round(adherence * 1000) / 1000);
        json.endObject();
        out << json.str() << '\n';
        return kOk;
    }
    auto count = [&](int n) {
        const auto many = static_cast<unsigned long>(n);
        return fmt::format(fmt::runtime(unit == core::StreakUnit::Days
                                            ? core::trn("{} day", "{} days", many)
                                            : core::trn("{} week", "{} weeks", many)),
                           n);
    };
    out << fmt::format(
               // xgettext:no-c-format
               fmt::runtime(tr("Current streak: {} · longest: {} · last 7 days: {}% of "
                               "sessions")),
               count(streak.current), count(streak.longest),
               static_cast<int>(std::lround(adherence * 100)))
        << "\n\n";
    // A calendar of the last weeks: ■ done, ○ forgiven, ✗ missed, · today or to come.
    const auto marks = c->tracker->calendar(date);
    out << "      " << tr("Mo Tu We Th Fr Sa Su") << '\n';
    const core::Date from =
        core::mondayOf(core::Date(std::chrono::sys_days(date) - std::chrono::days(7 * 5)));
    std::map<core::Date, core::DayMark> byDate(marks.begin(), marks.end());
    for (core::Date week = from; week <= date;
         week = core::Date(std::chrono::sys_days(week) + std::chrono::days(7))) {
        out << fmt::format("{:02}/{:02} ", static_cast<unsigned>(week.month()),
                           static_cast<unsigned>(week.day()));
        for (int i = 0; i < 7; ++i) {
            const core::Date day(std::chrono::sys_days(week) + std::chrono::days(i));
            auto it = byDate.find(day);
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
                default:
                    mark = "·";
                }
            }
            out << ' ' << mark << ' ';
        }
        out << '\n';
    }
    out << tr("■ done  ○ missed, forgiven  ✗ missed  · today") << '\n';
    return kOk;
}

int cmdHistory(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
               std::ostream& out, std::ostream& err) {
    core::Date today;
    int exitCode = kOk;
    auto c = openAsOf(cl, paths, args, err, today, exitCode);
    if (!c) {
        return exitCode;
    }
    const auto changes = c->journal->doseChanges();
    if (args.flag("--json")) {
        JsonWriter json;
        json.beginObject();
        json.key("changes").beginArray();
        for (const auto& d : changes) {
            json.beginObject();
            json.key("date").value(core::formatDate(d.date));
            json.key("exercise").value(d.exercise.empty() ? d.from.exercise : d.exercise);
            json.key("decision").value(core::toString(d.decision));
            json.key("rule");
            d.rule >= 0 ? json.value(d.rule) : json.null();
            json.key("reason").value(d.reason);
            json.key("by").value(d.byTherapist ? "therapist" : "rule");
            json.key("from");
            writeDose(json, d.from);
            json.key("to");
            writeDose(json, d.to);
            json.endObject();
        }
        json.endArray();
        json.endObject();
        out << json.str() << '\n';
        return kOk;
    }
    if (changes.empty()) {
        out << tr("No dose has changed yet.") << '\n';
    }
    for (const auto& d : changes) {
        out << core::formatDate(d.date) << "  " << padRight(core::displayName(d.decision), 12)
            << "  "
            << padRight(d.exercise.empty() ? std::string(tr("the program")) : d.exercise, 26)
            << "  " << describe(d.from) << " → " << describe(d.to) << "  "
            << (d.byTherapist ? std::string(tr("by your therapist's plan"))
                              : fmt::format(fmt::runtime(tr("rule {}")), d.rule))
            << "\n            " << d.reason << '\n';
    }
    return kOk;
}

// RFC 4180 cell: quoted when needed; text that a spreadsheet would run as a formula is
// neutralised with a leading apostrophe.
std::string csvCell(std::string text) {
    // A number (a negative UTC offset, say) is not text and stays as it is.
    const bool number = !text.empty() &&
                        text.find_first_not_of("-0123456789.", 1) == std::string::npos &&
                        (std::isdigit(static_cast<unsigned char>(text[0])) != 0 ||
                         (text[0] == '-' && text.size() > 1));
    if (!number && !text.empty() &&
        (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
        text.insert(text.begin(), '\'');
    }
    if (text.find_first_of(",\"\r\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char ch : text) {
            quoted += ch;
            if (ch == '"') {
                quoted += '"';
            }
        }
        return quoted + "\"";
    }
    return text;
}

int cmdExport(const CommandLine& cl, const content::DataPaths& paths, const Args& args,
              std::ostream& out, std::ostream& err) {
    if (args.get("--format").value_or("csv") != "csv") {
        return usage(err, tr("export knows --format csv"));
    }
    const auto file = args.get("--out");
    if (!file) {
        return usage(err, tr("export needs --out FILE"));
    }
    auto c = open(cl, paths, err, false);
    if (!c) {
        return kFailure;
    }
    const core::Date from{std::chrono::year(1970), std::chrono::January, std::chrono::day(1)};
    const core::Date to{std::chrono::year(9999), std::chrono::December, std::chrono::day(31)};
    std::ostringstream csv;
    auto row = [&](std::initializer_list<std::string> cells) {
        bool first = true;
        for (const auto& cell : cells) {
            csv << (first ? "" : ",") << csvCell(cell);
            first = false;
        }
        csv << "\r\n";
    };
    row({"record", "date", "utc", "utc_offset_minutes", "session", "status", "exercise", "set",
         "reps_done", "reps_prescribed", "hold_seconds", "pain", "effort", "leg", "morning_pain",
         "red_flags"});
    auto opt = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
    for (const auto& s : c->journal->sessions(from, to)) {
        row({"session", core::formatDate(s.started.date), s.started.utc,
             std::to_string(s.started.utcOffsetMinutes), std::to_string(s.id),
             std::string(core::toString(s.status)), "", "", "", "", "", "", "", "", "", ""});
        for (const auto& set : s.sets) {
            row({"set", core::formatDate(s.started.date), s.started.utc,
                 std::to_string(s.started.utcOffsetMinutes), std::to_string(s.id), "", set.exercise,
                 std::to_string(set.set), std::to_string(set.repsDone),
                 std::to_string(set.repsPrescribed), std::to_string(set.holdSeconds), "", "", "",
                 "", ""});
        }
    }
    for (const auto& f : c->journal->feedback(from, to)) {
        row({"feedback", core::formatDate(f.date), "", "", "", "", f.exercise, "", "", "", "",
             opt(f.pain), opt(f.effort), f.leg ? std::string(core::toString(*f.leg)) : "", "", ""});
    }
    for (const auto& ci : c->journal->checkIns(from, to)) {
        std::string flags;
        for (auto flag : ci.redFlags) {
            flags += (flags.empty() ? "" : " ") + std::string(core::toString(flag));
        }
        row({"checkin", core::formatDate(ci.at.date), ci.at.utc,
             std::to_string(ci.at.utcOffsetMinutes), "", "", "", "", "", "", "", "", "", "",
             opt(ci.morningPain), flags});
    }
    if (!writeAtomically(*file, csv.str(), err)) {
        return kFailure;
    }
    out << fmt::format(fmt::runtime(tr("Wrote {}")), *file) << '\n';
    return kOk;
}

} // namespace

bool isTrackingCommand(const std::string& command) {
    return command == "program" || command == "today" || command == "log" || command == "checkin" ||
           command == "review" || command == "streak" || command == "history" ||
           command == "export";
}

int runTrackingCommand(const CommandLine& cl, const content::DataPaths& paths, std::ostream& out,
                       std::ostream& err) {
    const auto& command = cl.command;
    if (command == "program") {
        const auto args = parseArgs(cl.args, {"--start", "--date"}, {"--json"});
        if (!args.error.empty()) {
            return usage(err, args.error);
        }
        const std::string sub = args.positional.empty() ? "" : args.positional[0];
        if (sub == "list") {
            return programList(cl, paths, args, out, err);
        }
        if (sub == "start") {
            return programStart(cl, paths, args, out, err, false);
        }
        if (sub == "import") {
            return programStart(cl, paths, args, out, err, true);
        }
        if (sub == "show") {
            return programShow(cl, paths, args, out, err);
        }
        if (sub == "export") {
            return programExport(cl, paths, args, out, err);
        }
        return usage(err, tr("program takes list, start, import, show or export"));
    }
    const auto args = parseArgs(cl.args,
                                {"--date", "--sets", "--reps", "--hold", "--pain", "--rpe", "--leg",
                                 "--morning-pain", "--red-flag", "--format", "--out"},
                                {"--json"});
    if (!args.error.empty()) {
        return usage(err, args.error);
    }
    if (command == "today") {
        return cmdToday(cl, paths, args, out, err);
    }
    if (command == "log") {
        return cmdLog(cl, paths, args, out, err);
    }
    if (command == "checkin") {
        return cmdCheckIn(cl, paths, args, out, err);
    }
    if (command == "review") {
        return cmdReview(cl, paths, args, out, err);
    }
    if (command == "streak") {
        return cmdStreak(cl, paths, args, out, err);
    }
    if (command == "history") {
        return cmdHistory(cl, paths, args, out, err);
    }
    return cmdExport(cl, paths, args, out, err);
}

} // namespace motus::cli
