#pragma once
#include "Decision.hpp"
#include "Dose.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// What the adherence tracker records, and the interface storage implements (src/storage).
// Dates are the patient's local calendar date at the time, stored as they were: never
// recomputed from a UTC time with today's time zone.
namespace motus::core {

enum class SessionStatus { Complete, Partial, Stopped };

// A moment as recorded: UTC time (ISO 8601, "2026-11-25T07:30:00Z"), the UTC offset then, and
// the local date that offset gives.
struct Stamp {
    Date date;
    std::string utc;
    int utcOffsetMinutes = 0;
};

struct SetRecord {
    std::string exercise;
    int set = 0; // 1-based
    int repsDone = 0;
    int repsPrescribed = 0;
    int holdSeconds = 0; // per rep
};

struct SessionRecord {
    std::int64_t id = 0;
    Stamp started;
    int slot = 1; // 1-based: the first, second ... session of its day (unique per date)
    SessionStatus status = SessionStatus::Partial;
    std::vector<SetRecord> sets;
};

// Per exercise, after a session: pain during (NRS 0-10), effort (Borg CR10 0-10), legs.
struct Feedback {
    Date date;
    std::string exercise;
    std::optional<int> pain;
    std::optional<int> effort;
    std::optional<LegChange> leg;
};

struct CheckIn {
    Stamp at;
    std::optional<int> morningPain;
    std::vector<RedFlag> redFlags;
    std::int64_t id = 0; // given by the journal when it is logged
};

// The dose of one exercise in force, and how far automatic changes may take it.
struct Prescription {
    std::string exercise;
    Dose dose;
    DoseBounds bounds;
    bool locked = false;
    bool stopped = false; // a stop (§5e): left out of the routine until the therapist lifts it
    int regressionsInARow = 0; // consecutive regress decisions (rule 2: the second switches)
    int lowAdherenceWeeks = 0; // consecutive weeks with A < 50 % (rule 3)
    bool operator==(const Prescription&) const = default;
};

// One decision of the rules (or of the plan, or the therapist), with the figures it used.
struct DoseChange {
    Date date;
    std::string exercise; // empty: the whole program (row 0)
    Decision decision = Decision::Hold;
    Row row = Row::Default;
    Reason reason;
    Figures figures;
    Prescription from;
    Prescription to;
    std::int64_t checkIn = 0; // the check-in whose answer caused it at once (0: none)

    [[nodiscard]] bool byTherapist() const { return row == Row::Phase || row == Row::Therapist; }
};

// A flag for the therapist (§5e): a record shown to the patient and in every export until the
// therapist clears it. A flag that `stops` keeps its exercise (or, with no exercise, the whole
// program) stopped until then.
struct TherapistFlag {
    std::int64_t id = 0;
    Date date;
    std::string exercise; // empty: the whole program
    Row row = Row::Default;
    Reason reason;
    Figures figures;
    bool stops = false;
    std::optional<Date> cleared;
    std::int64_t checkIn = 0; // the check-in whose answer raised it (0: none)
};

// What Journal::undoCheckIn did.
enum class UndoCheckIn {
    Undone,
    NotFound,     // no check-in with that id
    ChangedSince, // a prescription it changed has changed again since: nothing was done
    Irreversible, // it merged an exercise into another (the other's dose before is not kept)
};

// One weekly review: every decision it made (holds too).
struct Review {
    Date weekStart;
    Date weekEnd;
    std::vector<DoseChange> decisions;
};

struct ActiveProgram {
    std::string programXml; // the program file as imported (the plan)
    std::string programId;
    Date start;
    bool stopped = false; // rule 0 fired: the whole program is stopped
};

class Journal {
public:
    virtual ~Journal() = default;

    // Runs `work` as one transaction: every write inside it is committed together when it
    // returns, or none is when it throws (the exception goes on). A write lock is taken first,
    // so two processes never interleave their work. Calls inside `work` join it.
    virtual void transaction(const std::function<void()>& work) = 0;

    // Why nothing may be written to this journal (a file its owner made read-only, say), in
    // words; empty when writes are allowed. Reads work either way; a write throws.
    [[nodiscard]] virtual std::string readOnlyReason() const { return {}; }

    // The program. Starting one records it with its start date and makes its first phase's
    // doses the prescriptions, in one transaction.
    virtual void startProgram(const std::string& programId, const std::string& programXml,
                              Date start, const std::vector<Prescription>& prescriptions) = 0;
    [[nodiscard]] virtual std::optional<ActiveProgram> activeProgram() const = 0;
    virtual void stopProgram(const DoseChange& why) = 0;
    // The therapist lifted the stop of the whole program; `why` is recorded.
    virtual void resumeProgram(const DoseChange& why) = 0;
    [[nodiscard]] virtual std::vector<Prescription> prescriptions() const = 0;
    // Sets the prescription of each change's `to.exercise` to `to` and records the change (holds
    // too), in one transaction. A switch (`from.exercise` another exercise) puts `to` in the
    // place of `from` in the routine; when `to.exercise` already has a prescription (a merge,
    // §5c) that one is updated and `from`'s is removed. A change with an empty `to.exercise`
    // (stopping the whole program) changes no prescription.
    virtual void applyChanges(const std::vector<DoseChange>& changes) = 0;

    // The log. Outside a transaction each write is committed before it returns.
    [[nodiscard]] virtual std::int64_t beginSession(const Stamp& started, int slot) = 0;
    virtual void logSet(std::int64_t session, const SetRecord& set) = 0;
    virtual void finishSession(std::int64_t session, SessionStatus status) = 0;
    virtual void logFeedback(const Feedback& feedback) = 0;
    // Returns the id of the check-in (CheckIn::id when read back).
    virtual std::int64_t logCheckIn(const CheckIn& checkIn) = 0;
    // Takes a check-in back, in one transaction: its answers are removed, every dose change
    // recorded with it (DoseChange::checkIn, holds too) is reversed newest first (the
    // prescription of `to.exercise` becomes `from` again, in its place) and its record removed,
    // and the flags it raised are removed. Nothing is done unless every such prescription is
    // still the change's `to`.
    [[nodiscard]] virtual UndoCheckIn undoCheckIn(std::int64_t id) = 0;

    // Reviews: a week is reviewed once; recording it applies its changes in the same
    // transaction, so running the reviews again changes nothing.
    [[nodiscard]] virtual bool reviewed(Date weekStart) const = 0;
    // The start of every week reviewed, oldest first.
    [[nodiscard]] virtual std::vector<Date> reviewedWeeks() const = 0;
    virtual void recordReview(const Review& review) = 0;
    [[nodiscard]] virtual std::vector<Review> reviews() const = 0;

    // Queries over local dates, inclusive.
    [[nodiscard]] virtual std::vector<SessionRecord> sessions(Date from, Date to) const = 0;
    // The date and status of each session, without its sets (for streaks and calendars).
    [[nodiscard]] virtual std::vector<std::pair<Date, SessionStatus>>
    sessionDays(Date from, Date to) const = 0;
    [[nodiscard]] virtual std::vector<Feedback> feedback(Date from, Date to) const = 0;
    [[nodiscard]] virtual std::vector<CheckIn> checkIns(Date from, Date to) const = 0;
    // Every dose change (not the holds), oldest first.
    [[nodiscard]] virtual std::vector<DoseChange> doseChanges() const = 0;

    // Flags for the therapist, oldest first, cleared ones too. addFlag returns the new id;
    // clearFlag returns false when there is no such uncleared flag.
    virtual std::int64_t addFlag(const TherapistFlag& flag) = 0;
    [[nodiscard]] virtual std::vector<TherapistFlag> flags() const = 0;
    virtual bool clearFlag(std::int64_t id, Date on) = 0;
};

[[nodiscard]] std::string_view toString(SessionStatus value);
template <> std::optional<SessionStatus> parseEnum<SessionStatus>(std::string_view text);

// "2026-11-25" <-> Date.
[[nodiscard]] std::string formatDate(Date date);
[[nodiscard]] std::optional<Date> parseDate(std::string_view text);

} // namespace motus::core
