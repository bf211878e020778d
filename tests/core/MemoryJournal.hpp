#pragma once
// A Journal kept in memory, for testing the rules without a database.
#include "core/Journal.hpp"

#include <algorithm>
#include <map>

namespace motus::test {

class MemoryJournal final : public core::Journal {
public:
    void startProgram(const std::string& programId, const std::string& programXml, core::Date start,
                      const std::vector<core::Prescription>& plan) override {
        m_program = core::ActiveProgram{programXml, programId, start, false};
        m_prescriptions = plan;
    }
    [[nodiscard]] std::optional<core::ActiveProgram> activeProgram() const override {
        return m_program;
    }
    void stopProgram(const core::DoseChange& why) override {
        m_program->stopped = true;
        m_changes.push_back(why);
    }
    [[nodiscard]] std::vector<core::Prescription> prescriptions() const override {
        return m_prescriptions;
    }
    void applyChanges(const std::vector<core::DoseChange>& changes) override {
        for (const auto& change : changes) {
            auto it =
                std::find_if(m_prescriptions.begin(), m_prescriptions.end(),
                             [&](const auto& p) { return p.exercise == change.from.exercise; });
            if (it != m_prescriptions.end()) {
                *it = change.to; // a switch keeps its place in the routine
            } else {
                m_prescriptions.push_back(change.to);
            }
            if (change.decision != core::Decision::Hold) {
                m_changes.push_back(change);
            }
        }
    }
    [[nodiscard]] std::int64_t beginSession(const core::Stamp& started) override {
        core::SessionRecord s;
        s.id = static_cast<std::int64_t>(m_sessions.size()) + 1;
        s.started = started;
        m_sessions.push_back(s);
        return s.id;
    }
    void logSet(std::int64_t session, const core::SetRecord& set) override {
        m_sessions.at(static_cast<std::size_t>(session - 1)).sets.push_back(set);
    }
    void finishSession(std::int64_t session, core::SessionStatus status) override {
        m_sessions.at(static_cast<std::size_t>(session - 1)).status = status;
    }
    void logFeedback(const core::Feedback& feedback) override { m_feedback.push_back(feedback); }
    void logCheckIn(const core::CheckIn& checkIn) override { m_checkIns.push_back(checkIn); }
    [[nodiscard]] bool reviewed(core::Date weekStart) const override {
        return std::any_of(m_reviews.begin(), m_reviews.end(),
                           [&](const auto& r) { return r.weekStart == weekStart; });
    }
    void recordReview(const core::Review& review) override {
        if (reviewed(review.weekStart)) {
            return;
        }
        applyChanges(review.decisions);
        m_reviews.push_back(review);
    }
    [[nodiscard]] std::vector<core::Review> reviews() const override { return m_reviews; }
    [[nodiscard]] std::vector<core::SessionRecord> sessions(core::Date from,
                                                            core::Date to) const override {
        std::vector<core::SessionRecord> out;
        for (const auto& s : m_sessions) {
            if (s.started.date >= from && s.started.date <= to) {
                out.push_back(s);
            }
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return a.started.date < b.started.date;
        });
        return out;
    }
    [[nodiscard]] std::vector<std::pair<core::Date, core::SessionStatus>>
    sessionDays(core::Date from, core::Date to) const override {
        std::vector<std::pair<core::Date, core::SessionStatus>> out;
        for (const auto& s : sessions(from, to)) {
            out.emplace_back(s.started.date, s.status);
        }
        return out;
    }
    [[nodiscard]] std::vector<core::Feedback> feedback(core::Date from,
                                                       core::Date to) const override {
        std::vector<core::Feedback> out;
        for (const auto& f : m_feedback) {
            if (f.date >= from && f.date <= to) {
                out.push_back(f);
            }
        }
        return out;
    }
    [[nodiscard]] std::vector<core::CheckIn> checkIns(core::Date from,
                                                      core::Date to) const override {
        std::vector<core::CheckIn> out;
        for (const auto& c : m_checkIns) {
            if (c.at.date >= from && c.at.date <= to) {
                out.push_back(c);
            }
        }
        return out;
    }
    [[nodiscard]] std::vector<core::DoseChange> doseChanges() const override { return m_changes; }

private:
    std::optional<core::ActiveProgram> m_program;
    std::vector<core::Prescription> m_prescriptions;
    std::vector<core::SessionRecord> m_sessions;
    std::vector<core::Feedback> m_feedback;
    std::vector<core::CheckIn> m_checkIns;
    std::vector<core::Review> m_reviews;
    std::vector<core::DoseChange> m_changes;
};

} // namespace motus::test
