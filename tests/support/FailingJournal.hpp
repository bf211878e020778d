#pragma once
#include <core/Journal.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// A journal whose writes fail on demand, for testing what callers do when the disk gives up.
// It wraps another journal (memory or SQLite): reads pass through; a write throws
// std::runtime_error("disk full (injected)") before reaching the wrapped journal while
// failWrites(true) is set, or when it is the Nth write from the call to failAfter(n) (that one
// write only). transaction() is the wrapped journal's, so a failure inside rolls back every write
// of the transaction. Writes are the calls that change the journal: startProgram, stopProgram,
// resumeProgram, applyChanges, beginSession, logSet, finishSession, logFeedback, logCheckIn,
// undoCheckIn, recordReview, addFlag and clearFlag (transaction() itself is not one).
namespace motus::test {

class FailingJournal final : public core::Journal {
public:
    explicit FailingJournal(core::Journal& inner) : m_inner(inner) {}

    // Every write fails while set.
    void failWrites(bool fail) { m_failAll = fail; }
    // The nth write from now (1: the next one) fails; the others pass. n < 1 disarms it.
    void failAfter(int n) { m_countdown = n >= 1 ? std::optional<int>(n) : std::nullopt; }
    // Writes attempted so far (failed ones too), and those that failed.
    [[nodiscard]] int writes() const { return m_writes; }
    [[nodiscard]] int failures() const { return m_failures; }

    void transaction(const std::function<void()>& work) override { m_inner.transaction(work); }

    void startProgram(const std::string& programId, const std::string& programXml, core::Date start,
                      const std::vector<core::Prescription>& prescriptions) override {
        write();
        m_inner.startProgram(programId, programXml, start, prescriptions);
    }
    [[nodiscard]] std::optional<core::ActiveProgram> activeProgram() const override {
        return m_inner.activeProgram();
    }
    void stopProgram(const core::DoseChange& why) override {
        write();
        m_inner.stopProgram(why);
    }
    void resumeProgram(const core::DoseChange& why) override {
        write();
        m_inner.resumeProgram(why);
    }
    [[nodiscard]] std::vector<core::Prescription> prescriptions() const override {
        return m_inner.prescriptions();
    }
    void applyChanges(const std::vector<core::DoseChange>& changes) override {
        write();
        m_inner.applyChanges(changes);
    }

    [[nodiscard]] std::int64_t beginSession(const core::Stamp& started, int slot) override {
        write();
        return m_inner.beginSession(started, slot);
    }
    void logSet(std::int64_t session, const core::SetRecord& set) override {
        write();
        m_inner.logSet(session, set);
    }
    void finishSession(std::int64_t session, core::SessionStatus status) override {
        write();
        m_inner.finishSession(session, status);
    }
    void logFeedback(const core::Feedback& feedback) override {
        write();
        m_inner.logFeedback(feedback);
    }
    std::int64_t logCheckIn(const core::CheckIn& checkIn) override {
        write();
        return m_inner.logCheckIn(checkIn);
    }
    [[nodiscard]] core::UndoCheckIn undoCheckIn(std::int64_t id) override {
        write();
        return m_inner.undoCheckIn(id);
    }

    [[nodiscard]] bool reviewed(core::Date weekStart) const override {
        return m_inner.reviewed(weekStart);
    }
    [[nodiscard]] std::vector<core::Date> reviewedWeeks() const override {
        return m_inner.reviewedWeeks();
    }
    void recordReview(const core::Review& review) override {
        write();
        m_inner.recordReview(review);
    }
    [[nodiscard]] std::vector<core::Review> reviews() const override { return m_inner.reviews(); }

    [[nodiscard]] std::vector<core::SessionRecord> sessions(core::Date from,
                                                            core::Date to) const override {
        return m_inner.sessions(from, to);
    }
    [[nodiscard]] std::vector<std::pair<core::Date, core::SessionStatus>>
    sessionDays(core::Date from, core::Date to) const override {
        return m_inner.sessionDays(from, to);
    }
    [[nodiscard]] std::vector<core::Feedback> feedback(core::Date from,
                                                       core::Date to) const override {
        return m_inner.feedback(from, to);
    }
    [[nodiscard]] std::vector<core::CheckIn> checkIns(core::Date from,
                                                      core::Date to) const override {
        return m_inner.checkIns(from, to);
    }
    [[nodiscard]] std::vector<core::DoseChange> doseChanges() const override {
        return m_inner.doseChanges();
    }

    std::int64_t addFlag(const core::TherapistFlag& flag) override {
        write();
        return m_inner.addFlag(flag);
    }
    [[nodiscard]] std::vector<core::TherapistFlag> flags() const override {
        return m_inner.flags();
    }
    bool clearFlag(std::int64_t id, core::Date on) override {
        write();
        return m_inner.clearFlag(id, on);
    }

private:
    // Counts a write and throws when it is to fail.
    void write() {
        ++m_writes;
        bool fail = m_failAll;
        if (m_countdown && --*m_countdown == 0) {
            m_countdown.reset();
            fail = true;
        }
        if (fail) {
            ++m_failures;
            throw std::runtime_error("disk full (injected)");
        }
    }

    core::Journal& m_inner;
    bool m_failAll = false;
    std::optional<int> m_countdown;
    int m_writes = 0;
    int m_failures = 0;
};

} // namespace motus::test
