#pragma once
// Shared by the core tests of the rules (clinical-rules.md version 2): dates, a small hand-built
// library and program, a green week for the pure rule table, and a scripted patient who uses the
// tracker on core::MemoryJournal.
#include "core/Decision.hpp"
#include "core/Fraction.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "core/Progression.hpp"
#include "core/Tracker.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace Catch {
template <> struct StringMaker<motus::core::Decision> {
    static std::string convert(motus::core::Decision v) {
        return std::string(motus::core::toString(v));
    }
};
template <> struct StringMaker<motus::core::Row> {
    static std::string convert(motus::core::Row v) {
        return "row " + std::string(motus::core::toString(v));
    }
};
template <> struct StringMaker<motus::core::ReasonKey> {
    static std::string convert(motus::core::ReasonKey v) {
        return std::string(motus::core::toString(v));
    }
};
template <> struct StringMaker<motus::core::DayMark> {
    static std::string convert(motus::core::DayMark v) {
        static const char* names[] = {"done",   "forgiven",     "missed", "today",
                                      "future", "before-start", "stopped"};
        return names[static_cast<int>(v)];
    }
};
template <> struct StringMaker<motus::core::Fraction> {
    static std::string convert(motus::core::Fraction v) {
        return std::to_string(v.num()) + "/" + std::to_string(v.den());
    }
};
template <> struct StringMaker<motus::core::Date> {
    static std::string convert(motus::core::Date v) { return motus::core::formatDate(v); }
};
template <> struct StringMaker<motus::core::Dose> {
    static std::string convert(const motus::core::Dose& v) {
        std::string out = std::to_string(v.sets) + "x" + std::to_string(v.reps);
        if (!v.pyramid.empty()) {
            out += " (";
            for (std::size_t i = 0; i < v.pyramid.size(); ++i) {
                out += (i == 0 ? "" : "-") + std::to_string(v.pyramid[i]);
            }
            out += ")";
        }
        if (v.holdSeconds > 0) {
            out += " hold " + std::to_string(v.holdSeconds) + " s";
        }
        return out;
    }
};
} // namespace Catch

namespace motus::core::test {

using namespace std::chrono;

inline Date d(int y, unsigned m, unsigned day) {
    return Date{year(y), month(m), std::chrono::day(day)};
}
inline Date plus(Date date, int n) {
    return Date(sys_days(date) + days(n));
}

// The date of the weekly review in the rule-table tests.
inline const Date kReview =
    Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(11)};

// A week in which every figure passes row 5 (for "mid" at 2 x 8).
inline ExerciseWeek greenWeek() {
    ExerciseWeek w;
    w.done = true;
    w.painDuring = 2;
    w.baseline = Fraction(2);
    w.worstMorning = 2;
    w.trend = Fraction(0);
    w.trendBefore = Fraction(0);
    w.effort = 4;
    const Date end{std::chrono::year(2026), std::chrono::January, std::chrono::day(11)};
    w.lastTwo = {{Date(std::chrono::sys_days(end) - std::chrono::days(1)), Fraction(1), 4},
                 {end, Fraction(1), 4}};
    w.adherence = Fraction(1);
    return w;
}

inline Dose dose(int sets, int reps, int hold = 0) {
    Dose out;
    out.sets = sets;
    out.reps = reps;
    out.holdSeconds = hold;
    return out;
}
inline DoseBounds bounds(IntRange sets, IntRange reps, IntRange hold = {0, 0}) {
    DoseBounds out;
    out.sets = sets;
    out.reps = reps;
    out.hold = hold;
    return out;
}

// An exercise of the test library: 2 x 8, sets 1-3, reps 5-12, no hold.
inline Exercise exercise(std::string id, std::optional<std::string> easier,
                         std::optional<std::string> harder) {
    Exercise e;
    e.id = std::move(id);
    e.texts["en"].name = e.id;
    e.regression = std::move(easier);
    e.progression = std::move(harder);
    e.dose.sets = 2;
    e.dose.reps = 8;
    e.dose.tempoSeconds = 2;
    e.dose.restSeconds = 30;
    e.bounds.sets = {1, 3};
    e.bounds.reps = {5, 12};
    e.bounds.hold = {0, 0};
    e.poses.resize(2);
    e.phases = {{PhaseType::In, 1}, {PhaseType::Out, 0}};
    return e;
}

// easy <-> mid <-> hard, a plank (a timed hold, no variants), a bridge and a pelvic tilt (the
// worked example of §2), a bird dog (hold-capped, no variants) and a "solo" with no variants.
inline Library library() {
    auto plank = exercise("plank", std::nullopt, std::nullopt);
    plank.dose.reps = 3;
    plank.dose.holdSeconds = 10;
    plank.bounds.hold = {10, 30};
    plank.bounds.reps = {3, 5};
    auto bridge = exercise("bridge", std::nullopt, std::nullopt);
    bridge.dose.sets = 3;
    bridge.dose.reps = 10;
    auto tilt = exercise("tilt", std::nullopt, std::nullopt);
    tilt.dose.sets = 2;
    tilt.dose.reps = 10;
    auto birdDog = exercise("bird-dog", std::nullopt, std::nullopt);
    birdDog.dose.reps = 6;
    birdDog.dose.holdSeconds = 10;
    birdDog.bounds.hold = {5, 30};
    birdDog.holdCapped = true;
    return Library({exercise("easy", std::nullopt, "mid"), exercise("mid", "easy", "hard"),
                    exercise("hard", "mid", std::nullopt), plank, bridge, tilt, birdDog,
                    exercise("solo", std::nullopt, std::nullopt)});
}

inline const Library& sharedLibrary() {
    static const Library lib = library();
    return lib;
}

// An item of a program at the library's dose (or the one given).
inline ProgramItem item(const Library& lib, const std::string& id,
                        std::optional<Dose> given = std::nullopt) {
    ProgramItem out;
    out.exercise = id;
    out.dose = given.value_or(lib.find(id)->dose);
    out.bounds = lib.find(id)->bounds;
    return out;
}

inline ProgramPhase phase(const Library& lib, std::string name, int weeks,
                          const std::vector<std::string>& ids, int perDay = 1, int perWeek = 7) {
    ProgramPhase p;
    p.name = std::move(name);
    p.weeks = weeks;
    p.perDay = perDay;
    p.perWeek = perWeek;
    for (const auto& id : ids) {
        p.items.push_back(item(lib, id));
    }
    return p;
}

inline Program program(std::vector<ProgramPhase> phases, bool quota = false) {
    Program p;
    p.id = "test";
    p.title = "Test";
    p.quotaMode = quota;
    p.phases = std::move(phases);
    return p;
}

// The patient of the scripts: a journal, a tracker and what a person does each day.
struct Patient {
    MemoryJournal journal;
    Library lib = library();
    Program plan;
    Date start = d(2026, 1, 5); // a Monday
    Tracker tracker;

    explicit Patient(Program p) : plan(std::move(p)), tracker(journal, lib, plan, start) {
        journal.startProgram(plan.id, "<program/>", start, planFor(plan.phases[0]));
    }
    // mid and plank, daily, one 16-week phase.
    static Program standard(bool quota = false) {
        const auto lib = library();
        return program({phase(lib, "All", 16, {"mid", "plank"})}, quota);
    }
    Patient() : Patient(standard()) {}

    Date day(int n) const { return plus(start, n); }

    void checkIn(Date date, int morning) {
        CheckIn c;
        c.at = stampOn(date);
        c.morningPain = morning;
        (void)tracker.checkIn(c);
    }
    // One exercise at `sets` sets of its prescribed reps (per side) times `fraction`.
    Tracker::Logged log(Date date, const std::string& id, int sets, std::optional<int> pain,
                        std::optional<int> effort, double fraction = 1.0,
                        std::optional<LegChange> leg = std::nullopt) {
        const auto p = tracker.slot(id);
        REQUIRE(p);
        const int reps = static_cast<int>(p->dose.reps * fraction);
        std::optional<Feedback> f;
        if (pain || effort || leg) {
            f = Feedback{date, id, pain, effort, leg};
        }
        return tracker.logExercise(stampOn(date), id, sets, reps, p->dose.holdSeconds, f);
    }
    // The whole routine of the day at its dose.
    void session(Date date, int pain, int effort, double fraction = 1.0,
                 std::optional<LegChange> leg = std::nullopt) {
        for (const auto& it : tracker.today(date).items) {
            log(date, it.prescription.exercise, it.prescription.dose.sets, pain, effort, fraction,
                leg);
        }
    }
    void dayDone(Date date, int pain, int effort, std::optional<int> morning = 2,
                 double fraction = 1.0) {
        tracker.runDueReviews(date);
        if (morning) {
            checkIn(date, *morning);
        }
        session(date, pain, effort, fraction);
    }
    // Week `index`: the first `daysDone` days done, the others skipped.
    void week(int index, int daysDone, int pain, int effort, int morning = 2) {
        for (int i = 0; i < 7; ++i) {
            const Date date = day(7 * index + i);
            if (i < daysDone) {
                dayDone(date, pain, effort, morning);
            } else {
                tracker.runDueReviews(date);
            }
        }
    }
    Review review(int index) {
        tracker.runDueReviews(day(7 * index + 7));
        const auto all = journal.reviews();
        REQUIRE(all.size() > static_cast<std::size_t>(index));
        return all[static_cast<std::size_t>(index)];
    }
    static DoseChange decisionFor(const Review& r, const std::string& exercise) {
        for (const auto& decision : r.decisions) {
            if (decision.from.exercise == exercise || decision.to.exercise == exercise) {
                return decision;
            }
        }
        FAIL("no decision for " << exercise);
        return {};
    }
    Prescription current(const std::string& id) const {
        const auto p = tracker.slot(id);
        REQUIRE(p);
        return *p;
    }
};

// §5: a decision that changes nothing is recorded as a hold (a stop of the whole program is the
// program's change, not a dose's).
inline void checkUnchangedIsHold(const DoseChange& c) {
    if (c.row == Row::RedFlag) {
        return;
    }
    const bool same = c.from.exercise == c.to.exercise && c.from.dose == c.to.dose &&
                      c.from.stopped == c.to.stopped;
    if (same) {
        INFO(formatDate(c.date) << " " << c.to.exercise << " row " << toString(c.row) << " "
                                << toString(c.reason.key));
        CHECK(c.decision == Decision::Hold);
    }
}

} // namespace motus::core::test
