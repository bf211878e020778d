#include "Practice.hpp"

#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Timeline.hpp"
#include "storage/SqliteJournal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace motus::service {
namespace {

using core::tr;
using std::chrono::days;
using std::chrono::sys_days;

Date addDays(Date d, long n) {
    return Date(sys_days(d) + days(n));
}

// A preview runs inside a transaction that this unwinds, so nothing it computed is stored.
struct Rollback {};

std::string message(const char* pattern, const std::string& a = {}, const std::string& b = {}) {
    return fmt::format(fmt::runtime(pattern), a, b);
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// RFC 4180 cell: quoted when needed; text a spreadsheet would run as a formula is neutralised
// with a leading apostrophe (a number, such as a negative UTC offset, stays as it is).
std::string csvCell(std::string text) {
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

} // namespace

bool Practice::sameChain(const std::string& a, const std::string& b) const {
    if (a == b) {
        return true;
    }
    for (bool harder : {true, false}) {
        std::vector<std::string> seen{a};
        for (const core::Exercise* at = library().find(a); at != nullptr;) {
            const auto& next = harder ? at->progression : at->regression;
            if (!next || std::find(seen.begin(), seen.end(), *next) != seen.end()) {
                break;
            }
            if (*next == b) {
                return true;
            }
            seen.push_back(*next);
            at = library().find(*next);
        }
    }
    return false;
}

struct Practice::Impl {
    std::function<core::Stamp()> now;
    content::LibraryLoad load;
    std::filesystem::path libraryDir;
    std::filesystem::path journalFile;
    std::unique_ptr<core::Journal> journal;
    std::optional<core::ActiveProgram> active;
    std::optional<core::Program> program;
    std::unique_ptr<core::Tracker> tracker;

    // Reads the assigned program again (after an assignment, a stop or a resume).
    void reload() {
        tracker.reset();
        program.reset();
        active = journal->activeProgram();
        if (!active) {
            return;
        }
        auto parsed =
            content::parseProgram(active->programXml, active->programId + ".xml", load.library);
        if (!parsed.program) {
            std::string problems;
            for (const auto& d : parsed.diagnostics) {
                problems += d.str() + "\n";
            }
            throw std::runtime_error(
                problems + tr("the assigned program no longer matches the exercise library; "
                              "import it again"));
        }
        program = std::move(parsed.program);
        tracker = std::make_unique<core::Tracker>(*journal, load.library, *program, active->start);
    }

    [[nodiscard]] Date today() const { return now().date; }

    void refuseFuture(Date date) const {
        if (date > today()) {
            throw Refused(message(tr("{} is in the future: nothing is recorded for a day that "
                                     "has not come yet (today is {})"),
                                  core::formatDate(date), core::formatDate(today())));
        }
    }

    // Writing is refused up front, with the reason, when the journal may only be read.
    void needWritable() const {
        const std::string why = journal->readOnlyReason();
        if (!why.empty()) {
            throw Refused(message(tr("the journal {} cannot be written: {}. Motus can show what "
                                     "it holds but records nothing until it may write it; "
                                     "nothing was changed"),
                                  journalFile.empty() ? std::string("(memory)")
                                                      : "'" + journalFile.string() + "'",
                                  why));
        }
    }
    [[nodiscard]] bool readOnly() const { return !journal->readOnlyReason().empty(); }

    // The weekly reviews due by `date` (none on a journal that may only be read: they are
    // shown once it may be written).
    void runDueReviews(Date date) const {
        if (tracker && !readOnly()) {
            tracker->runDueReviews(date);
        }
    }

    core::Tracker& needProgram() const {
        if (!tracker) {
            throw Refused(tr("no program yet: start one from the window, or with 'motus program "
                             "start ID' or 'motus program import FILE'"));
        }
        return *tracker;
    }

    // `work` as it would be on `date`: a date after today runs in a transaction that is rolled
    // back, so the reviews it needs are computed and never stored.
    template <typename Work> auto asOf(Date date, Work work) {
        if (!(active && active->stopped)) {
            runDueReviews(today());
        }
        if (date <= today() || readOnly()) {
            return work();
        }
        decltype(work()) result{};
        try {
            journal->transaction([&] {
                if (tracker) {
                    tracker->runDueReviews(date);
                }
                result = work();
                throw Rollback{};
            });
        } catch (const Rollback&) {
        }
        return result;
    }
};

std::function<core::Stamp()> systemClock() {
    // MOTUS_TODAY=YYYY-MM-DD pins "today" (at local noon) for demonstrations and scripted tests.
    if (const char* pinned = std::getenv("MOTUS_TODAY"); pinned != nullptr && *pinned != '\0') {
        const auto date = core::parseDate(pinned);
        if (!date) {
            throw std::runtime_error(message(tr("MOTUS_TODAY takes YYYY-MM-DD, not '{}'"), pinned));
        }
        return [day = *date] { return core::stampOn(day); };
    }
    return [] { return core::stampNow(); };
}

Practice::Practice(PracticeOptions options) : m_impl(std::make_unique<Impl>()) {
    auto& m = *m_impl;
    m.now = options.now ? options.now : systemClock();
    m.libraryDir = options.library;
    std::error_code ec;
    if (!std::filesystem::is_directory(options.library, ec)) {
        throw std::runtime_error(message(tr("the exercise library {} is not a folder that "
                                            "exists; check --library or MOTUS_LIBRARY"),
                                         options.library.string()));
    }
    m.load = content::loadLibrary({options.library});
    if (options.journalOverride) {
        m.journal = std::move(options.journalOverride);
    } else {
        m.journalFile =
            options.journal.empty() ? storage::SqliteJournal::defaultPath() : options.journal;
        m.journal = std::make_unique<storage::SqliteJournal>(m.journalFile);
    }
    m.reload();
}

Practice::~Practice() = default;

const core::Library& Practice::library() const {
    return m_impl->load.library;
}

const std::vector<core::Diagnostic>& Practice::libraryDiagnostics() const {
    return m_impl->load.diagnostics;
}

core::Journal& Practice::journal() {
    return *m_impl->journal;
}

Date Practice::today() const {
    return m_impl->today();
}

core::Stamp Practice::now() const {
    return m_impl->now();
}

ProgramState Practice::state() const {
    const auto& m = *m_impl;
    if (!m.tracker) {
        return ProgramState::None;
    }
    if (m.active->stopped) {
        return ProgramState::Stopped;
    }
    const Date d = today();
    if (d < m.active->start) {
        return ProgramState::NotStarted;
    }
    return m.tracker->completeOn(d) ? ProgramState::Complete : ProgramState::Active;
}

const core::Program* Practice::program() const {
    return m_impl->program ? &*m_impl->program : nullptr;
}

std::optional<core::ActiveProgram> Practice::active() const {
    return m_impl->active;
}

std::filesystem::path Practice::journalFile() const {
    return m_impl->journalFile;
}

// --- programs ----------------------------------------------------------------------------

std::vector<std::filesystem::path> Practice::bundledProgramFiles() const {
    return content::bundledPrograms(m_impl->libraryDir);
}

std::optional<std::filesystem::path> Practice::bundledProgram(const std::string& id) const {
    for (const auto& file : bundledProgramFiles()) {
        if (file.stem() == id) {
            return file;
        }
    }
    return std::nullopt;
}

ProgramPreview Practice::preview(const std::filesystem::path& file) const {
    ProgramPreview out;
    out.file = file;
    auto parsed = content::loadProgramFile(file, library());
    out.program = std::move(parsed.program);
    out.diagnostics = std::move(parsed.diagnostics);
    if (const auto* current = program()) {
        out.replaces = current->titleIn(core::uiLanguage());
    }
    return out;
}

AssignResult Practice::assign(const std::filesystem::path& file, std::optional<Date> start,
                              bool replace) {
    auto& m = *m_impl;
    m.needWritable();
    auto preview = this->preview(file);
    if (!preview.program) {
        std::string problems;
        for (const auto& d : preview.diagnostics) {
            problems += d.str() + "\n";
        }
        throw Refused(problems + tr("the program has errors and was not assigned; nothing "
                                    "changed"));
    }
    const Date begin = start.value_or(today());
    const auto distance = (sys_days(begin) - sys_days(today())).count();
    if (distance > 365 || distance < -365) {
        throw Refused(message(tr("a program cannot start more than a year from today ({}); "
                                 "nothing changed"),
                              core::formatDate(begin)),
                      true);
    }
    const bool replacing = m.active.has_value();
    if (replacing && !replace) {
        throw Refused(message(tr("'{}' is assigned now; assigning another replaces it (kept in "
                                 "the history). Confirm to replace it (on the command line: "
                                 "--replace); nothing changed"),
                              m.program ? m.program->titleIn(core::uiLanguage()) : std::string()));
    }
    const std::string text = readFile(file);
    const auto& program = *preview.program;
    // Stops last until the therapist lifts them (§5e): they carry over to this program.
    // The doses of the phase in force today (a program started in the past begins there).
    const auto elapsed = (sys_days(today()) - sys_days(begin)).count();
    const int week = elapsed < 0 ? 0 : static_cast<int>(elapsed / 7);
    auto plan = core::planFor(program.phaseInWeek(week));
    const auto flags = m.journal->flags();
    bool programStopped = false;
    for (const auto& f : flags) {
        if (f.cleared || !f.stops) {
            continue;
        }
        programStopped = programStopped || f.exercise.empty();
        for (auto& p : plan) {
            // A stop holds for the movement, whichever variant of it the plan names now.
            p.stopped = p.stopped || (!f.exercise.empty() && sameChain(p.exercise, f.exercise));
        }
    }
    m.journal->transaction([&] {
        m.journal->startProgram(program.id, text, begin, plan);
        if (programStopped) {
            auto stop = core::stopProgram({}, today());
            m.journal->stopProgram(stop);
        }
    });
    m.reload();
    return {this->program(), begin, replacing};
}

std::string Practice::currentProgramText() {
    auto& m = *m_impl;
    auto& tracker = m.needProgram();
    m.runDueReviews(today());
    // The program with the doses in force: an exercise switched to a variant is written as the
    // variant.
    core::Program current = *m.program;
    const auto phase = current.phaseIndexInWeek(std::max(0, tracker.weekOf(today())));
    std::vector<core::Prescription> prescriptions;
    auto& items = current.phases[phase].items;
    for (auto it = items.begin(); it != items.end();) {
        const auto p = tracker.slot(it->exercise);
        const bool duplicate = p && std::any_of(items.begin(), it, [&](const core::ProgramItem& i) {
                                   return i.exercise == p->exercise;
                               });
        if (duplicate) {
            it = items.erase(it); // merged into a variant already in the phase (§5c)
            continue;
        }
        if (p) {
            it->exercise = p->exercise;
            prescriptions.push_back(*p);
        }
        ++it;
    }
    return content::writeProgram(current, prescriptions, phase);
}

// --- views -------------------------------------------------------------------------------

TodayView Practice::todayView(std::optional<Date> date) {
    auto& m = *m_impl;
    const Date d = date.value_or(today());
    TodayView view;
    view.date = d;
    view.preview = d > today();
    if (!m.tracker) {
        return view;
    }
    view.program = &*m.program;
    view.start = m.active->start;
    return m.asOf(d, [&] {
        TodayView v = view;
        auto& tracker = *m.tracker;
        const auto plan = tracker.today(d);
        v.state = plan.stopped    ? ProgramState::Stopped
                  : plan.before   ? ProgramState::NotStarted
                  : plan.complete ? ProgramState::Complete
                                  : ProgramState::Active;
        v.week = std::max(0, tracker.weekOf(d));
        v.programWeeks = m.program->totalWeeks();
        v.lastDay = addDays(v.start, 7 * v.programWeeks - 1);
        v.phase = m.program->phaseIndexInWeek(v.week);
        v.sessionsPerDay = m.program->phases[v.phase].perDay;
        const auto flags = m.journal->flags();
        for (const auto& f : flags) {
            if (!f.cleared) {
                v.openFlags.push_back(f);
            }
        }
        std::vector<core::RoutineItem> routine;
        for (const auto& item : plan.items) {
            ItemView i;
            i.exercise = item.exercise;
            i.prescription = item.prescription;
            i.doneSets = item.doneSets;
            i.dueSets = item.prescribedSets;
            v.items.push_back(i);
            routine.push_back({item.exercise, item.prescription.dose});
        }
        for (const auto& p : plan.stoppedItems) {
            StoppedView s;
            s.id = p.exercise;
            s.exercise = library().find(p.exercise);
            for (const auto& f : v.openFlags) {
                if (f.exercise == p.exercise && f.stops) {
                    s.flag = f;
                }
            }
            v.stopped.push_back(s);
        }
        if (!routine.empty()) {
            v.sessionSeconds = static_cast<int>(
                std::chrono::duration_cast<std::chrono::seconds>(core::Timeline(routine).total())
                    .count());
        }
        v.sessionsEarned = plan.credit;
        v.dayComplete = !plan.items.empty() && plan.credit == core::Fraction(plan.perDay);
        // The last 7 days; today counts once its routine is done (today is never a miss).
        const Date last = v.dayComplete ? d : addDays(d, -1);
        v.adherence7 = tracker.adherence(addDays(last, -6), last);
        const Date first = std::max(addDays(last, -6), v.start);
        v.adherenceDays =
            v.adherence7
                ? static_cast<int>(
                      (std::chrono::sys_days(last) - std::chrono::sys_days(first)).count()) +
                      1
                : 0;
        v.streak = tracker.streak(d, v.streakUnit);
        v.calendar = tracker.calendar(d);
        for (const auto& c : m.journal->checkIns(addDays(d, -20), d)) {
            if (c.morningPain) {
                v.mornings.emplace_back(c.at.date, *c.morningPain);
                v.checkedInToday = v.checkedInToday || c.at.date == d;
                if (c.at.date == d) {
                    // The last answer of the day; it can be taken back on that day only.
                    v.morningPainToday = c.morningPain;
                    v.morningPainUndoable = d == today() && !m.readOnly() && c.redFlags.empty();
                }
            }
        }
        // The latest changes, newest first; a new phase's line once (it reads the same for
        // each exercise), an exercise that keeps its smaller dose into it on its own line.
        auto history = m.journal->doseChanges();
        for (auto it = history.rbegin(); it != history.rend() && v.latestChanges.size() < 8; ++it) {
            if (it->date > d) {
                continue;
            }
            const bool samePhaseLine =
                it->row == core::Row::Phase && it->reason.key == core::ReasonKey::PhaseBegins &&
                std::any_of(v.latestChanges.begin(), v.latestChanges.end(), [&](const auto& c) {
                    return c.row == core::Row::Phase && c.date == it->date &&
                           c.reason == it->reason;
                });
            if (!samePhaseLine) {
                v.latestChanges.push_back(*it);
            }
        }
        return v;
    });
}

std::vector<ReviewView> Practice::reviews(std::optional<Date> upTo) {
    auto& m = *m_impl;
    m.needProgram();
    const Date d = upTo.value_or(today());
    // As of the end of that day: the week that ends on it is included (as a preview while the
    // day lasts).
    const Date through = addDays(d, 1);
    return m.asOf(through, [&] {
        std::vector<ReviewView> out;
        const auto history = m.journal->doseChanges();
        for (const auto& review : m.journal->reviews()) {
            if (review.weekEnd > d) {
                continue;
            }
            ReviewView r;
            r.weekStart = review.weekStart;
            r.weekEnd = review.weekEnd;
            // The safety rows that acted during the week, then the review's own decisions.
            for (const auto& change : history) {
                if (core::isSafetyRow(change.row) && change.date >= review.weekStart &&
                    change.date <= review.weekEnd) {
                    r.decisions.push_back(change);
                }
            }
            r.decisions.insert(r.decisions.end(), review.decisions.begin(), review.decisions.end());
            out.push_back(std::move(r));
        }
        return out;
    });
}

std::string Practice::readOnlyReason() const {
    return m_impl->journal->readOnlyReason();
}

std::vector<core::DoseChange> Practice::history() {
    catchUp();
    return m_impl->journal->doseChanges();
}

std::vector<WeekView> Practice::weeks(Date from, Date to) {
    auto& m = *m_impl;
    std::vector<WeekView> out;
    if (!m.tracker) {
        return out;
    }
    if (!m.active->stopped) {
        m.tracker->runDueReviews(today());
    }
    const Date first = std::max(from, m.active->start);
    const Date last = std::min(to, today());
    if (first > last) {
        return out;
    }
    for (int w = m.tracker->weekOf(first); w <= m.tracker->weekOf(last); ++w) {
        WeekView v;
        v.week = w;
        v.start = m.tracker->weekStart(w);
        v.end = addDays(v.start, 6);
        v.adherence = m.tracker->adherence(v.start, std::min(v.end, today()));
        v.baseline = m.tracker->baseline(w);
        out.push_back(v);
    }
    return out;
}

std::vector<core::TherapistFlag> Practice::flags(bool includeCleared) const {
    std::vector<core::TherapistFlag> out;
    for (const auto& f : m_impl->journal->flags()) {
        if (includeCleared || !f.cleared) {
            out.push_back(f);
        }
    }
    return out;
}

void Practice::clearFlag(std::int64_t id) {
    auto& m = *m_impl;
    const auto all = m.journal->flags();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.id == id; });
    if (it == all.end() || it->cleared) {
        throw Refused(
            message(tr("there is no open flag {} (see 'motus flags')"), std::to_string(id)));
    }
    const core::TherapistFlag flag = *it;
    m.needWritable();
    m.journal->transaction([&] {
        if (!m.journal->clearFlag(id, today())) {
            throw Refused(
                message(tr("there is no open flag {} (see 'motus flags')"), std::to_string(id)));
        }
        if (!flag.stops) {
            return;
        }
        core::DoseChange lift;
        lift.date = today();
        lift.exercise = flag.exercise;
        lift.decision = core::Decision::Resume;
        lift.row = core::Row::Therapist;
        lift.reason = core::Reason{core::ReasonKey::FlagCleared, {}};
        if (flag.exercise.empty()) {
            if (m.active && m.active->stopped) {
                m.journal->resumeProgram(lift);
            }
            return;
        }
        for (const auto& p : m.journal->prescriptions()) {
            if (p.stopped && sameChain(p.exercise, flag.exercise)) {
                lift.exercise = p.exercise;
                lift.from = p;
                lift.to = p;
                lift.to.stopped = false;
                lift.to.regressionsInARow = 0;
                m.journal->applyChanges({lift});
            }
        }
    });
    m.reload();
}

std::vector<core::Review> Practice::catchUp() {
    auto& m = *m_impl;
    if (!m.tracker || m.readOnly()) {
        return {};
    }
    return m.tracker->runDueReviews(today());
}

// --- writes ------------------------------------------------------------------------------

LogResult Practice::log(const LogRequest& request) {
    auto& m = *m_impl;
    const Date date = request.date.value_or(today());
    m.refuseFuture(date);
    m.needWritable();
    auto& tracker = m.needProgram();
    tracker.runDueReviews(today());
    const auto plan = tracker.today(date);
    if (plan.stopped) {
        throw Refused(tr("your program is stopped because you reported a warning sign; please "
                         "seek medical care, and talk to your therapist before you exercise "
                         "again"));
    }
    if (plan.before) {
        throw Refused(message(tr("your program starts on {}"), core::formatDate(m.active->start)));
    }
    const core::TodayItem* item = nullptr;
    for (const auto& candidate : plan.items) {
        item = candidate.prescription.exercise == request.exercise ? &candidate : item;
    }
    if (item == nullptr) {
        throw Refused(message(tr("'{}' is not in the routine of {} (see 'motus today')"),
                              request.exercise, core::formatDate(date)));
    }
    const auto& dose = item->prescription.dose;
    auto check = [](std::optional<int> value, core::IntRange range, const char* name) {
        if (value && !range.contains(*value)) {
            throw Refused(fmt::format(fmt::runtime(tr("{} takes a whole number from {} to {}")),
                                      name, range.min, range.max),
                          true);
        }
    };
    check(request.sets, core::DoseLimits::sets, "--sets");
    check(request.reps, core::DoseLimits::reps, "--reps");
    check(request.hold, core::DoseLimits::hold, "--hold");
    check(request.pain, {0, 10}, "--pain");
    check(request.effort, {0, 10}, "--rpe");
    const int sets = request.sets.value_or(dose.sets); // one session's sets
    std::optional<core::Feedback> feedback;
    if (request.pain || request.effort || request.leg) {
        feedback =
            core::Feedback{date, request.exercise, request.pain, request.effort, request.leg};
    }
    const core::Stamp when = date == today() ? m.now() : core::stampOn(date);
    auto logged = tracker.logExercise(when, request.exercise, sets, request.reps,
                                      request.hold.value_or(dose.holdSeconds), feedback);
    m.reload();
    return {date, std::move(logged.sets), std::move(logged.changes)};
}

core::SetRecord Practice::recordSet(const core::Stamp& when, const std::string& exercise,
                                    int repsDone, int holdSeconds) {
    auto& m = *m_impl;
    m.refuseFuture(when.date);
    m.needWritable();
    auto logged = m.needProgram().logSet(when, exercise, repsDone, holdSeconds);
    return logged.sets.empty() ? core::SetRecord{} : logged.sets.front();
}

void Practice::stopSession(Date date) {
    auto& m = *m_impl;
    m.refuseFuture(date);
    m.needWritable();
    auto& tracker = m.needProgram();
    m.journal->transaction([&] { tracker.markSessionStopped(date); });
}

std::vector<core::DoseChange> Practice::feedback(const core::Feedback& feedback) {
    auto& m = *m_impl;
    m.refuseFuture(feedback.date);
    m.needWritable();
    auto changes = m.needProgram().recordFeedback(feedback);
    m.reload();
    return changes;
}

CheckInResult Practice::checkIn(const core::CheckIn& checkIn) {
    auto& m = *m_impl;
    m.refuseFuture(checkIn.at.date);
    m.needWritable();
    CheckInResult result;
    if (!m.tracker) {
        // No program: the answers are kept, and a red flag is flagged for the therapist.
        m.journal->transaction([&] {
            m.journal->logCheckIn(checkIn);
            if (!checkIn.redFlags.empty()) {
                const auto stop = core::stopProgram(checkIn.redFlags, checkIn.at.date);
                m.journal->addFlag(
                    {0, stop.date, {}, stop.row, stop.reason, stop.figures, true, {}});
            }
        });
        return result;
    }
    m.tracker->runDueReviews(today());
    result.changes = m.tracker->checkIn(checkIn);
    m.reload();
    result.programStopped = m.active && m.active->stopped;
    return result;
}

UndoResult Practice::undoMorningPain() {
    auto& m = *m_impl;
    m.needWritable();
    const Date day = today();
    std::optional<core::CheckIn> last;
    for (const auto& c : m.journal->checkIns(day, day)) {
        if (c.morningPain) {
            last = c;
        }
    }
    if (!last) {
        throw Refused(message(tr("there is no morning pain of today ({}) to undo; an answer of "
                                 "an earlier day stays as it is (tell your therapist if it was "
                                 "wrong)"),
                              core::formatDate(day)));
    }
    if (!last->redFlags.empty()) {
        throw Refused(tr("this morning's answer also reported a warning sign, so it cannot be "
                         "undone; only your therapist lifts the stop it caused"));
    }
    UndoResult result;
    result.morningPain = *last->morningPain;
    for (const auto& c : m.journal->doseChanges()) {
        if (c.checkIn == last->id) {
            result.takenBack.push_back(c);
        }
    }
    auto outcome = core::UndoCheckIn::NotFound;
    m.journal->transaction([&] { outcome = m.journal->undoCheckIn(last->id); });
    switch (outcome) {
    case core::UndoCheckIn::Undone:
        break;
    case core::UndoCheckIn::NotFound: // taken back by another Motus meanwhile
        throw Refused(message(tr("there is no morning pain of today ({}) to undo; an answer of "
                                 "an earlier day stays as it is (tell your therapist if it was "
                                 "wrong)"),
                              core::formatDate(day)));
    case core::UndoCheckIn::ChangedSince:
        throw Refused(tr("a dose this morning's answer changed has changed again since, so the "
                         "answer can no longer be undone; nothing was changed (tell your "
                         "therapist if it was wrong)"));
    case core::UndoCheckIn::Irreversible:
        throw Refused(tr("this morning's answer merged an exercise into another, which Motus "
                         "cannot undo by itself; nothing was changed (tell your therapist if "
                         "the answer was wrong)"));
    }
    m.reload();
    return result;
}

// --- exports -----------------------------------------------------------------------------

std::string Practice::csv() {
    auto& m = *m_impl;
    const Date from{std::chrono::year(1900), std::chrono::January, std::chrono::day(1)};
    const Date to{std::chrono::year(9999), std::chrono::December, std::chrono::day(31)};
    std::ostringstream out;
    auto row = [&](std::initializer_list<std::string> cells) {
        bool first = true;
        for (const auto& cell : cells) {
            out << (first ? "" : ",") << csvCell(cell);
            first = false;
        }
        out << "\r\n";
    };
    row({"record", "date", "utc", "utc_offset_minutes", "session", "status", "exercise", "set",
         "reps_done", "reps_prescribed", "hold_seconds", "pain", "effort", "leg", "morning_pain",
         "red_flags"});
    auto opt = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
    for (const auto& s : m.journal->sessions(from, to)) {
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
    for (const auto& f : m.journal->feedback(from, to)) {
        row({"feedback", core::formatDate(f.date), "", "", "", "", f.exercise, "", "", "", "",
             opt(f.pain), opt(f.effort), f.leg ? std::string(core::toString(*f.leg)) : "", "", ""});
    }
    auto flagNames = [](const std::vector<core::RedFlag>& flags) {
        std::string names;
        for (auto flag : flags) {
            names += (names.empty() ? "" : " ") + std::string(core::toString(flag));
        }
        return names;
    };
    for (const auto& ci : m.journal->checkIns(from, to)) {
        row({"checkin", core::formatDate(ci.at.date), ci.at.utc,
             std::to_string(ci.at.utcOffsetMinutes), "", "", "", "", "", "", "", "", "", "",
             opt(ci.morningPain), flagNames(ci.redFlags)});
    }
    // Open flags for the therapist, in every export until cleared (§5e); the status column
    // names the row that raised it.
    for (const auto& f : m.journal->flags()) {
        if (!f.cleared) {
            row({"flag", core::formatDate(f.date), "", "", std::to_string(f.id),
                 "row " + std::string(core::toString(f.row)), f.exercise, "", "", "", "",
                 opt(f.figures.painDuring), opt(f.figures.effort),
                 f.figures.leg ? std::string(core::toString(*f.figures.leg)) : "", "",
                 flagNames(f.figures.redFlags)});
        }
    }
    return out.str();
}

} // namespace motus::service
