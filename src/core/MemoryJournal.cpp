#include "MemoryJournal.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace motus::core {
namespace {

// The CHECK constraints of the SQLite journal: NRS and Borg CR10 values are 0-10.
void requireScale(const std::optional<int>& value, const char* what) {
    if (value && (*value < 0 || *value > 10)) {
        throw std::runtime_error(std::string(what) + " " + std::to_string(*value) +
                                 " is outside 0-10");
    }
}

} // namespace

void MemoryJournal::transaction(const std::function<void()>& work) {
    // Nested calls join the transaction open as a savepoint: a failure inside leaves nothing of
    // itself, and the outermost's failure leaves nothing at all (as the SQLite journal does).
    State saved = m_state;
    try {
        work();
    } catch (...) {
        m_state = std::move(saved);
        throw;
    }
}

void MemoryJournal::startProgram(const std::string& programId, const std::string& programXml,
                                 Date start, const std::vector<Prescription>& plan) {
    m_state.program = ActiveProgram{programXml, programId, start, false};
    m_state.prescriptions.clear();
    for (const auto& p : plan) { // an exercise listed twice keeps its first place, last dose
        auto same = std::find_if(m_state.prescriptions.begin(), m_state.prescriptions.end(),
                                 [&](const Prescription& q) { return q.exercise == p.exercise; });
        if (same != m_state.prescriptions.end()) {
            *same = p;
        } else {
            m_state.prescriptions.push_back(p);
        }
    }
}

std::optional<ActiveProgram> MemoryJournal::activeProgram() const {
    return m_state.program;
}

void MemoryJournal::stopProgram(const DoseChange& why) {
    applyOne(why);
    if (m_state.program) {
        m_state.program->stopped = true;
    }
}

void MemoryJournal::resumeProgram(const DoseChange& why) {
    applyOne(why);
    if (m_state.program) {
        m_state.program->stopped = false;
    }
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
    if (change.checkIn != 0) {
        m_state.ofCheckIns.push_back(change);
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
    if (session < 1 || session > static_cast<std::int64_t>(m_state.sessions.size())) {
        throw std::runtime_error("no session " + std::to_string(session) + " to log a set in");
    }
    auto& s = m_state.sessions[static_cast<std::size_t>(session - 1)];
    for (const auto& other : s.sets) {
        if (other.exercise == set.exercise && other.set == set.set) {
            throw std::runtime_error("that set number is already logged in the session");
        }
    }
    s.sets.push_back(set);
}

void MemoryJournal::finishSession(std::int64_t session, SessionStatus status) {
    const bool known =
        session >= 1 && session <= static_cast<std::int64_t>(m_state.sessions.size());
    assert(known && "finishSession of a session that beginSession did not return");
    if (known) {
        m_state.sessions[static_cast<std::size_t>(session - 1)].status = status;
    }
}

void MemoryJournal::logFeedback(const Feedback& feedback) {
    requireScale(feedback.pain, "pain");
    requireScale(feedback.effort, "effort");
    m_state.feedback.push_back(feedback);
}

std::int64_t MemoryJournal::logCheckIn(const CheckIn& checkIn) {
    requireScale(checkIn.morningPain, "morning pain");
    CheckIn stored = checkIn; // red flags in the order of RedFlag, each once
    std::sort(stored.redFlags.begin(), stored.redFlags.end());
    stored.redFlags.erase(std::unique(stored.redFlags.begin(), stored.redFlags.end()),
                          stored.redFlags.end());
    stored.id = ++m_state.lastCheckIn;
    m_state.checkIns.push_back(std::move(stored));
    return m_state.lastCheckIn;
}

UndoCheckIn MemoryJournal::undoCheckIn(std::int64_t id) {
    const auto found = std::find_if(m_state.checkIns.begin(), m_state.checkIns.end(),
                                    [&](const CheckIn& c) { return c.id == id; });
    if (found == m_state.checkIns.end()) {
        return UndoCheckIn::NotFound;
    }
    State after = m_state;
    auto& list = after.prescriptions;
    for (auto it = m_state.ofCheckIns.rbegin(); it != m_state.ofCheckIns.rend(); ++it) {
        const DoseChange& change = *it;
        if (change.checkIn != id || change.to.exercise.empty()) {
            continue;
        }
        if (change.reason.key == ReasonKey::SwitchEasierMerged ||
            change.reason.key == ReasonKey::AtTopMerged) {
            return UndoCheckIn::Irreversible;
        }
        const auto now = std::find_if(list.begin(), list.end(), [&](const Prescription& p) {
            return p.exercise == change.to.exercise;
        });
        if (now == list.end() || !(*now == change.to)) {
            return UndoCheckIn::ChangedSince;
        }
        *now = change.from; // a switch back takes its place again
    }
    std::erase_if(after.ofCheckIns, [&](const DoseChange& c) { return c.checkIn == id; });
    std::erase_if(after.changes, [&](const DoseChange& c) { return c.checkIn == id; });
    std::erase_if(after.flags, [&](const TherapistFlag& f) { return f.checkIn == id; });
    std::erase_if(after.checkIns, [&](const CheckIn& c) { return c.id == id; });
    m_state = std::move(after);
    return UndoCheckIn::Undone;
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
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.started.date != b.started.date ? a.started.date < b.started.date
                                                : a.slot < b.slot; // unique per date
    });
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
    stored.id = ++m_state.lastFlag;
    stored.cleared.reset();
    m_state.flags.push_back(stored);
    return stored.id;
}

std::vector<TherapistFlag> MemoryJournal::flags() const {
    auto out = m_state.flags; // by date, then as added
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    return out;
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
