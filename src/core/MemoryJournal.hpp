#pragma once
#include "Journal.hpp"

#include <map>

// A Journal kept in memory: for the tests of every layer, the contract suite and benchmarks.
// It behaves as the SQLite journal does (tests/storage/JournalContract.test.cpp runs against
// both), including transactions (a failed transaction, nested or not, leaves it as it was), the
// unique session slots and set numbers, 0-10 scales, red flags of a check-in sorted and once,
// and the orders of every query. Each write checks before it changes anything, so a failed
// write leaves nothing either.
namespace motus::core {

class MemoryJournal final : public Journal {
public:
    void transaction(const std::function<void()>& work) override;

    void startProgram(const std::string& programId, const std::string& programXml, Date start,
                      const std::vector<Prescription>& plan) override;
    [[nodiscard]] std::optional<ActiveProgram> activeProgram() const override;
    void stopProgram(const DoseChange& why) override;
    void resumeProgram(const DoseChange& why) override;
    [[nodiscard]] std::vector<Prescription> prescriptions() const override;
    void applyChanges(const std::vector<DoseChange>& changes) override;

    [[nodiscard]] std::int64_t beginSession(const Stamp& started, int slot) override;
    void logSet(std::int64_t session, const SetRecord& set) override;
    void finishSession(std::int64_t session, SessionStatus status) override;
    void logFeedback(const Feedback& feedback) override;
    std::int64_t logCheckIn(const CheckIn& checkIn) override;
    [[nodiscard]] UndoCheckIn undoCheckIn(std::int64_t id) override;

    [[nodiscard]] bool reviewed(Date weekStart) const override;
    [[nodiscard]] std::vector<Date> reviewedWeeks() const override;
    void recordReview(const Review& review) override;
    [[nodiscard]] std::vector<Review> reviews() const override;

    [[nodiscard]] std::vector<SessionRecord> sessions(Date from, Date to) const override;
    [[nodiscard]] std::vector<std::pair<Date, SessionStatus>> sessionDays(Date from,
                                                                          Date to) const override;
    [[nodiscard]] std::vector<Feedback> feedback(Date from, Date to) const override;
    [[nodiscard]] std::vector<CheckIn> checkIns(Date from, Date to) const override;
    [[nodiscard]] std::vector<DoseChange> doseChanges() const override;

    std::int64_t addFlag(const TherapistFlag& flag) override;
    [[nodiscard]] std::vector<TherapistFlag> flags() const override;
    bool clearFlag(std::int64_t id, Date on) override;

private:
    struct State {
        std::optional<ActiveProgram> program;
        std::vector<Prescription> prescriptions;
        std::vector<SessionRecord> sessions;
        std::vector<Feedback> feedback;
        std::vector<CheckIn> checkIns;
        std::vector<Review> reviews;
        std::vector<DoseChange> changes; // not the holds
        std::vector<TherapistFlag> flags;
        std::vector<DoseChange> ofCheckIns; // the changes a check-in caused, holds too
        std::int64_t lastCheckIn = 0;
        std::int64_t lastFlag = 0;
    };
    void applyOne(const DoseChange& change);

    State m_state;
};

} // namespace motus::core
