#pragma once
#include "core/Diagnostic.hpp"
#include "core/Fraction.hpp"
#include "core/Journal.hpp"
#include "core/Library.hpp"
#include "core/Program.hpp"
#include "core/Streaks.hpp"
#include "core/Tracker.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

// The application layer: what a person does with Motus, for the window and the command line
// alike (docs/architecture.md). A Practice owns the exercise library, the journal, the assigned
// program and the tracker; the front ends only present what it returns and pass on what the
// person asked for. No rule, threshold or definition lives in a front end.
namespace motus::service {

using core::Date;

// A request Motus will not carry out (a date in the future, a value outside the exercise's
// limits, a program file with errors, replacing a program without confirmation). The message is
// translated and names the cause; nothing was changed. `usage` marks a request that was wrong in
// itself (the command line answers exit 2), else it is a refusal of a well-formed request (exit 1).
class Refused : public std::runtime_error {
public:
    Refused(const std::string& message, bool usage = false)
        : std::runtime_error(message), m_usage(usage) {}
    [[nodiscard]] bool usage() const { return m_usage; }

private:
    bool m_usage;
};

struct PracticeOptions {
    std::filesystem::path library;                  // the exercise folder (must exist)
    std::filesystem::path journal;                  // the SQLite file; empty: the default path
    std::unique_ptr<core::Journal> journalOverride; // for tests (memory, failing); else SQLite
    std::function<core::Stamp()> now;               // the real moment; default: the system clock
};

enum class ProgramState {
    None,       // no program assigned
    NotStarted, // the start date lies ahead
    Active,
    Complete, // after the last week: maintenance, no more steps up (§5e)
    Stopped,  // rule 0: stopped until the therapist lifts it
};

struct ItemView {
    const core::Exercise* exercise = nullptr; // never null in a view
    core::Prescription prescription;
    int doneSets = 0; // logged that day
    int dueSets = 0;  // sets × sessions a day
    [[nodiscard]] bool done() const { return doneSets >= dueSets; }
};

struct StoppedView {
    const core::Exercise* exercise = nullptr; // may be null when the library lost it
    std::string id;
    std::optional<core::TherapistFlag> flag; // why, when a flag records it
};

struct TodayView {
    Date date;
    bool preview = false; // a date after today: computed, nothing stored
    ProgramState state = ProgramState::None;
    const core::Program* program = nullptr; // null with no program
    Date start;
    int week = 0;                             // 0-based program week (0 before the start)
    int programWeeks = 0;                     // the program's length in weeks
    Date lastDay;                             // the program's last day (then it is complete)
    std::size_t phase = 0;                    // index into program->phases
    int sessionsPerDay = 1;                   // of the phase in force
    std::vector<ItemView> items;              // the routine due that day (stopped ones left out)
    std::vector<StoppedView> stopped;         // stopped exercises of the routine
    core::Fraction sessionsEarned;            // §2 credit earned that day, 0..sessionsPerDay
    bool dayComplete = false;                 // every session due that day was done
    int sessionSeconds = 0;                   // how long one session takes (the player's timeline)
    std::optional<core::Fraction> adherence7; // the last 7 days; empty before any day is due
    int adherenceDays = 0;                    // the days it counts: 7, fewer in the first week
    core::StreakResult streak;
    core::StreakUnit streakUnit = core::StreakUnit::Days;
    std::vector<std::pair<Date, core::DayMark>> calendar; // from the start to the date
    std::vector<std::pair<Date, int>> mornings;           // morning pain, last 21 days
    bool checkedInToday = false;                          // a morning pain on that date
    std::optional<int> morningPainToday;                  // the last one of that date
    bool morningPainUndoable = false; // it may be undone (that date is today; Practice::undo…)
    std::vector<core::DoseChange> latestChanges; // newest first, phase lines merged
    std::vector<core::TherapistFlag> openFlags;  // oldest first
};

struct ReviewView {
    Date weekStart;
    Date weekEnd;
    std::vector<core::DoseChange> decisions; // the safety rows that acted during the week, then
                                             // the weekly decisions; each once
};

// One program week, for reports: its dates, the adherence (§2) over its days up to today, and the
// morning-pain baseline (§4) the weekly review of that week uses.
struct WeekView {
    int week = 0; // 0-based program week
    Date start;
    Date end;
    std::optional<core::Fraction> adherence; // empty when no session was due in it
    std::optional<core::Fraction> baseline;  // empty when unknown
};

struct LogRequest {
    std::string exercise;
    std::optional<Date> date;  // default: today; never after today
    std::optional<int> sets;   // default: the sets of one session
    std::optional<int> reps;   // per side; default: each set as prescribed (a pyramid's own)
    std::optional<int> hold;   // default: the prescription's
    std::optional<int> pain;   // during, 0-10
    std::optional<int> effort; // Borg CR10 0-10
    std::optional<core::LegChange> leg;
};

struct LogResult {
    Date date;
    std::vector<core::SetRecord> sets;     // as stored (their set numbers)
    std::vector<core::DoseChange> changes; // what the rules decided at once
};

struct CheckInResult {
    std::vector<core::DoseChange> changes;
    bool programStopped = false;
};

// A morning pain taken back (Practice::undoMorningPain).
struct UndoResult {
    int morningPain = 0;                     // the answer taken back
    std::vector<core::DoseChange> takenBack; // the dose changes it had caused, now reversed
};

struct AssignResult {
    const core::Program* program = nullptr;
    Date start;
    bool replaced = false; // a program was assigned before (kept as history)
};

// A program file read for assigning: what it is and what assigning it would do.
struct ProgramPreview {
    std::filesystem::path file;
    std::optional<core::Program> program; // empty when the file has errors
    std::vector<core::Diagnostic> diagnostics;
    std::optional<std::string> replaces; // the title of the program assigned now, if any
};

class Practice {
public:
    // Loads the library and opens the journal; throws std::runtime_error (a missing library
    // folder, a journal that cannot be opened) with a message that says what to do.
    explicit Practice(PracticeOptions options);
    ~Practice();
    Practice(const Practice&) = delete;
    Practice& operator=(const Practice&) = delete;

    [[nodiscard]] const core::Library& library() const;
    [[nodiscard]] const std::vector<core::Diagnostic>& libraryDiagnostics() const;
    [[nodiscard]] core::Journal& journal();
    [[nodiscard]] Date today() const;      // the real local date
    [[nodiscard]] core::Stamp now() const; // the real moment (PracticeOptions::now)
    [[nodiscard]] ProgramState state() const;
    [[nodiscard]] const core::Program* program() const;
    [[nodiscard]] std::optional<core::ActiveProgram> active() const;

    // --- programs ---
    [[nodiscard]] std::vector<std::filesystem::path> bundledProgramFiles() const;
    [[nodiscard]] std::optional<std::filesystem::path> bundledProgram(const std::string& id) const;
    [[nodiscard]] ProgramPreview preview(const std::filesystem::path& file) const;
    // Assigns the program in `file` from `start` (default today; at most a year from today).
    // Refused when the file has errors, or when a program is assigned and `replace` is false.
    // Stops (§5e) carry over to the new program.
    AssignResult assign(const std::filesystem::path& file, std::optional<Date> start, bool replace);
    // The program with the doses in force, as program file text.
    [[nodiscard]] std::string currentProgramText();

    // --- what is due, and how it went (a date after today is a preview: nothing is stored) ---
    [[nodiscard]] TodayView todayView(std::optional<Date> date = std::nullopt);
    [[nodiscard]] std::vector<ReviewView> reviews(std::optional<Date> upTo = std::nullopt);
    // Every dose change, oldest first (not the holds).
    [[nodiscard]] std::vector<core::DoseChange> history();
    [[nodiscard]] std::vector<core::TherapistFlag> flags(bool includeCleared = false) const;
    // The program weeks that overlap [from, to], up to today (the week in progress counts its
    // days so far); empty with no program.
    [[nodiscard]] std::vector<WeekView> weeks(Date from, Date to);
    // Clears a flag (the therapist's act); a stop it held is lifted. Refused for an unknown or
    // already cleared id.
    void clearFlag(std::int64_t id);
    // Runs the weekly reviews that are due by today; returns those it ran.
    std::vector<core::Review> catchUp();

    // --- writes (never for a date after today) ---
    // One exercise done: its sets and feedback, and what the rules decide, in one transaction.
    LogResult log(const LogRequest& request);
    // One set finished in the player (one transaction): stored in the day's open session.
    core::SetRecord recordSet(const core::Stamp& when, const std::string& exercise, int repsDone,
                              int holdSeconds);
    // The player was left early: the day's unfinished session is marked stopped.
    void stopSession(Date date);
    // Pain, effort and legs after one exercise; rules 1 and 2 act at once.
    std::vector<core::DoseChange> feedback(const core::Feedback& feedback);
    CheckInResult checkIn(const core::CheckIn& checkIn);
    // Takes back today's morning pain and what it caused at once (dose changes, flags), in one
    // transaction. Refused after the day (an earlier day's answer stays), when the answer also
    // reported a warning sign, and when a dose it changed has changed again since.
    UndoResult undoMorningPain();

    // --- exports ---
    // Every session, set, feedback, check-in and open flag as RFC 4180 CSV text.
    [[nodiscard]] std::string csv();
    // Why the journal may only be read (empty when it may be written). Then every write above
    // is refused with Refused, and the views show what is stored without running the weekly
    // reviews that are due.
    [[nodiscard]] std::string readOnlyReason() const;
    // The journal's own file ("" in memory), so that exports never overwrite it.
    [[nodiscard]] std::filesystem::path journalFile() const;

private:
    // Whether `b` is `a` or one of its easier or harder variants (its chain in the library).
    [[nodiscard]] bool sameChain(const std::string& a, const std::string& b) const;

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Writes `text` to `target` safely (docs/architecture.md): refuses a target that is the journal
// or any SQLite database, never follows a symbolic link at the target, writes a 0600 file through
// a unique temporary file in the target's folder, fsyncs it and renames it into place. Throws
// Refused with a message naming the file.
void writeExport(const std::filesystem::path& target, const std::string& text,
                 const std::filesystem::path& journalFile);

} // namespace motus::service
