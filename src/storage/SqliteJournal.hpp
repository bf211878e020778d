#pragma once
#include "StorageError.hpp"

#include <core/Journal.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// The adherence journal in an SQLite file (or ":memory:"), behind core::Journal.
//
// Opening checks the file before changing anything: a file that is not SQLite, is damaged
// (PRAGMA quick_check), belongs to another application (PRAGMA application_id) or was written by
// a newer Motus (PRAGMA user_version) is refused with a StorageError and left as it was. A new
// file's directory is created 0700, the file and its -wal/-shm are 0600. Then WAL,
// synchronous=FULL, foreign keys, a 5 s busy timeout, and the migrations the file lacks, each in
// one transaction, after a copy of the old file to "<file>.backup-v<N>". Permissions are only
// ever taken away (group and other), never added. A refused file leaves no new -wal/-shm behind.
//
// The constructor sets the process umask to 077 while it creates files, and restores it.
//
// Transactions: outside transaction() (or a Batch) every write is one BEGIN IMMEDIATE
// transaction committed before the call returns, so the window and the command line may use the
// same file at once. transaction(work) and Batch are one mechanism: the outermost takes the write
// lock (BEGIN IMMEDIATE) and commits at its end; everything inside joins it as a savepoint, so a
// write or a nested transaction that fails leaves nothing of itself, and a failure that leaves
// the outermost leaves nothing at all. One object is used by one thread.
//
// Applying a DoseChange (applyChanges, recordReview, stopProgram, resumeProgram) sets the
// prescription of `to.exercise` to `to`. A switch (`from.exercise` another exercise) puts `to` in
// the place of `from` in the routine; when `to.exercise` already has a prescription (a merge) that
// one is updated in its place and `from`'s is removed. A change whose `to.exercise` is empty
// (stopping the whole program) changes no prescription. Every change is recorded, holds too;
// doseChanges() lists all but the holds, ordered by date then as recorded. Red flags of a check-in
// come back in the order of core::RedFlag, each once; those of Figures exactly as given.
//
// Decisions are stored as data: the row (core::toString(Row)), the reason key and its parameters
// (a JSON array of strings) and the figures (a JSON object: "A", "Pd", "morning_pain",
// "baseline", "dPm", "trend", "trend_before", "RPE", "C", "leg", "gap_days", "red_flags",
// "quota_baseline", "quota"; only the known ones). Rows written before schema version 4 are read
// from their old columns: the row from the rule number (-1 or by the therapist: Phase), the
// reason as ReasonKey::Legacy with the old text as its one parameter, the figures from the old
// JSON, ignoring whatever cannot be read.
//
// Sessions: (date, slot) is unique, and so is a set number within a session and exercise; a
// write that would repeat one fails with a StorageError (the caller numbers them inside a
// transaction; the constraint is a second line of defence). sessions() orders by date and slot,
// flags() by date and id.
namespace motus::storage {

class SqliteJournal final : public core::Journal {
public:
    // Opens (creating if needed) the journal at `file`, or an empty one in memory for ":memory:".
    // Throws StorageError.
    explicit SqliteJournal(const std::filesystem::path& file);
    ~SqliteJournal() override;
    SqliteJournal(const SqliteJournal&) = delete;
    SqliteJournal& operator=(const SqliteJournal&) = delete;

    // $XDG_DATA_HOME/motus/motus.db, else ~/.local/share/motus/motus.db.
    [[nodiscard]] static std::filesystem::path defaultPath();

    void transaction(const std::function<void()>& work) override;
    // A journal Motus may not write (its owner's write bit is off, or its folder does not let
    // SQLite create -wal/-shm) is opened read-only: reads work, every write throws a
    // StorageError that says why, and the -wal/-shm the connection created go when it closes.
    [[nodiscard]] std::string readOnlyReason() const override;

    void startProgram(const std::string& programId, const std::string& programXml, core::Date start,
                      const std::vector<core::Prescription>& prescriptions) override;
    [[nodiscard]] std::optional<core::ActiveProgram> activeProgram() const override;
    void stopProgram(const core::DoseChange& why) override;
    void resumeProgram(const core::DoseChange& why) override;
    [[nodiscard]] std::vector<core::Prescription> prescriptions() const override;
    void applyChanges(const std::vector<core::DoseChange>& changes) override;

    [[nodiscard]] std::int64_t beginSession(const core::Stamp& started, int slot) override;
    void logSet(std::int64_t session, const core::SetRecord& set) override;
    void finishSession(std::int64_t session, core::SessionStatus status) override;
    void logFeedback(const core::Feedback& feedback) override;
    std::int64_t logCheckIn(const core::CheckIn& checkIn) override;
    [[nodiscard]] core::UndoCheckIn undoCheckIn(std::int64_t id) override;

    [[nodiscard]] bool reviewed(core::Date weekStart) const override;
    [[nodiscard]] std::vector<core::Date> reviewedWeeks() const override;
    void recordReview(const core::Review& review) override;
    [[nodiscard]] std::vector<core::Review> reviews() const override;

    [[nodiscard]] std::vector<core::SessionRecord> sessions(core::Date from,
                                                            core::Date to) const override;
    [[nodiscard]] std::vector<std::pair<core::Date, core::SessionStatus>>
    sessionDays(core::Date from, core::Date to) const override;
    [[nodiscard]] std::vector<core::Feedback> feedback(core::Date from,
                                                       core::Date to) const override;
    [[nodiscard]] std::vector<core::CheckIn> checkIns(core::Date from,
                                                      core::Date to) const override;
    [[nodiscard]] std::vector<core::DoseChange> doseChanges() const override;

    std::int64_t addFlag(const core::TherapistFlag& flag) override;
    [[nodiscard]] std::vector<core::TherapistFlag> flags() const override;
    bool clearFlag(std::int64_t id, core::Date on) override;

    // Beyond core::Journal.

    // Every program ever started, oldest first; the last one is activeProgram().
    [[nodiscard]] std::vector<core::ActiveProgram> programHistory() const;
    // The file as opened ("" for ":memory:").
    [[nodiscard]] const std::filesystem::path& file() const noexcept;
    // PRAGMA user_version: the schema version of the file (latest after opening).
    [[nodiscard]] int schemaVersion() const;
    // PRAGMA integrity_check: "ok", or the problems found, one a line.
    [[nodiscard]] std::string integrityCheck() const;
    // The schema as SQL text (tables and indexes, sorted by name), to compare two files.
    [[nodiscard]] std::string schemaSql() const;

    // transaction() as an object, for code that cannot pass a function (an import, a generator):
    // until commit() each write joins it and is durable only then; the destructor rolls back what
    // was not committed. Inside another Batch or transaction() it is a savepoint of that one.
    class Batch {
    public:
        explicit Batch(SqliteJournal& journal);
        ~Batch();
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;
        void commit();

    private:
        SqliteJournal& m_journal;
        bool m_open = true;
    };

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace motus::storage
