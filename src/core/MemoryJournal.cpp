#include "MemoryJournal.hpp"

#include <algorithm>
#include <stdexcept>

namespace motus::core {

void MemoryJournal::transaction(const std::function<void()>& work) {
    if (m_depth > 0) {
        work(); // joins the transaction open
        return;
    }
    State saved = m_state;
    ++m_depth;
    try {
        work();
    } catch (...) {
        --m_depth;
        m_state = std::move(saved);
        throw;
    }
    --m_depth;
}

void MemoryJournal::startProgram(const std::string& programId, const std::string& programXml,
                                 Date start, const std::vector<Prescription>& plan) {
    m_state.program = ActiveProgram{programXml, programId, start, false};
    m_state.prescriptions = plan;
}

std::optional<ActiveProgram> MemoryJournal::activeProgram() const {
    return m_state.program;
}

void MemoryJournal::stopProgram(const DoseChange& why) {
    if (!m_state.program) {
        throw std::logic_error("no program to stop");
    }
    m_state.program->stopped = true;
    m_state.changes.push_back(why);
}

void MemoryJournal::resumeProgram(const DoseChange& why) {
    if (!m_state.program) {
        throw std::logic_error("no program to resume");
    }
    m_state.program->stopped = false;
    m_state.changes.push_back(why);
}

std::vector<Prescription> MemoryJournal::prescriptions() const {
    return m_state.prescriptions;
}

void MemoryJournal::applyOne(const DoseChange& change) {
    auto& list = m_state.prescriptions;
    auto byId = [&](const std::string& id) {
        return std::find_if(list.begin(), list.end(),
                            [&](const Prescription& p) { return p.exercise == id; });
    };
    if (!change.to.exercise.empty()) {
        auto target = byId(change.to.exercise);
        auto source = byId(change.from.exercise);
        if (target != list.end()) {
            *target = change.to;
            if (change.from.exercise != change.to.exercise && source != list.end()) {
                list.erase(source); // merged into a variant already in the routine
            }
        } else if (source != list.end()) {
            *source = change.to; // a switch keeps its place in the routine
        } else {
            list.push_back(change.to);
        }
    }
    if (change.decision != Decision::Hold) {
        m_state.changes.push_back(change);
    }
}

void MemoryJournal::applyChanges(const std::vector<DoseChange>& changes) {
    transaction([&] {
        for (const auto& change : changes) {
            applyOne(change);
        }
    });
}

std::int64_t MemoryJournal::beginSession(const Stamp& started, int slot) {
    for (const auto& s : m_state.sessions) {
        if (s.started.date == started.date && s.slot == slot) {
            throw std::runtime_error("a session already fills that slot of the day");
        }
    }
    SessionRecord s;
    s.id = static_cast<std::int64_t>(m_state.sessions.size()) + 1;
    s.started = started;
    s.slot = slot;
    m_state.sessions.push_back(s);
    return s.id;
}

void MemoryJournal::logSet(std::int64_t session, const SetRecord& set) {
    auto& s = m_state.sessions.at(static_cast<std::size_t>(session - 1));
    for (const auto& other : s.sets) {
        if (other.exercise == set.exercise && other.set == set.set) {
            throw std::runtime_error("that set number is already logged in the session");
        }
    }
    s.sets.push_back(set);
}

void MemoryJournal::finishSession(std::int64_t session, SessionStatus status) {
    m_state.sessions.at(static_cast<std::size_t>(session - 1)).status = status;
}

void MemoryJournal::logFeedback(const Feedback& feedback) {
    m_state.feedback.push_back(feedback);
}

void MemoryJournal::logCheckIn(const CheckIn& checkIn) {
    m_state.checkIns.push_back(checkIn);
}

bool MemoryJournal::reviewed(Date weekStart) const {
    return std::any_of(m_state.reviews.begin(), m_state.reviews.end(),
                       [&](const Review& r) { return r.weekStart == weekStart; });
}

std::vector<Date> MemoryJournal::reviewedWeeks() const {
    std::vector<Date> weeks;
    for (const auto& r : m_state.reviews) {
        weeks.push_back(r.weekStart);
    }
    std::sort(weeks.begin(), weeks.end());
    return weeks;
}

void MemoryJournal::recordReview(const Review& review) {
    if (reviewed(review.weekStart)) {
        return;
    }
    transaction([&] {
        applyChanges(review.decisions);
        m_state.reviews.push_back(review);
    });
}

std::vector<Review> MemoryJournal::reviews() const {
    auto out = m_state.reviews;
    std::stable_sort(out.begin(), out.end(),
                     [](const Review& a, const Review& b) { return a.weekStart < b.weekStart; });
    return out;
}

std::vector<SessionRecord> MemoryJournal::sessions(Date from, Date to) const {
    std::vector<SessionRecord> out;
    for (const auto& s : m_state.sessions) {
        if (s.started.date >= from && s.started.date <= to) {
            out.push_back(s);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.started.date < b.started.date; });
    return out;
}

std::vector<std::pair<Date, SessionStatus>> MemoryJournal::sessionDays(Date from, Date to) const {
    std::vector<std::pair<Date, SessionStatus>> out;
    for (const auto& s : sessions(from, to)) {
        out.emplace_back(s.started.date, s.status);
    }
    return out;
}

std::vector<Feedback> MemoryJournal::feedback(Date from, Date to) const {
    std::vector<Feedback> out;
    for (const auto& f : m_state.feedback) {
        if (f.date >= from && f.date <= to) {
            out.push_back(f);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    return out;
}

std::vector<CheckIn> MemoryJournal::checkIns(Date from, Date to) const {
    std::vector<CheckIn> out;
    for (const auto& c : m_state.checkIns) {
        if (c.at.date >= from && c.at.date <= to) {
            out.push_back(c);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.at.date < b.at.date; });
    return out;
}

std::vector<DoseChange> MemoryJournal::doseChanges() const {
    auto out = m_state.changes;
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    return out;
}

std::int64_t MemoryJournal::addFlag(const TherapistFlag& flag) {
    TherapistFlag stored = flag;
    stored.id = static_cast<std::int64_t>(m_state.flags.size()) + 1;
    stored.cleared.reset();
    m_state.flags.push_back(stored);
    return stored.id;
}

std::vector<TherapistFlag> MemoryJournal::flags() const {
    return m_state.flags;
}

bool MemoryJournal::clearFlag(std::int64_t id, Date on) {
    for (auto& f : m_state.flags) {
        if (f.id == id && !f.cleared) {
            f.cleared = on;
            return true;
        }
    }
    return false;
}

} // namespace motus::core
