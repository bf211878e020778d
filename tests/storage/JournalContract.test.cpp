// The contract of core::Journal, run against every implementation: the journal in memory
// (core::MemoryJournal, which the tests of the other layers use), SQLite in memory and SQLite in
// a file (where a second connection checks what was really committed). What one does, the
// others must do.
#include "Describe.hpp"
#include "Support.hpp"
#include "support/FailingJournal.hpp"

#include <core/MemoryJournal.hpp>
#include <storage/SqliteJournal.hpp>

#include <catch2/catch.hpp>

#include <climits>
#include <memory>
#include <stdexcept>

using namespace motus;
using motus::storage::SqliteJournal;
using namespace motus::storage::test;

namespace {

struct InMemory {
    core::MemoryJournal journal;
    std::unique_ptr<core::Journal> another() { return nullptr; }
};

struct SqliteInMemory {
    SqliteJournal journal{":memory:"};
    std::unique_ptr<core::Journal> another() { return nullptr; }
};

struct SqliteInFile {
    TempDir dir;
    SqliteJournal journal{dir / "motus.db"};
    // A second connection to the same file: it sees only what was committed.
    std::unique_ptr<core::Journal> another() {
        return std::make_unique<SqliteJournal>(dir / "motus.db");
    }
};

std::vector<core::Prescription> routine() {
    auto birdDog = prescription("bird-dog", 3, 8, 10);
    birdDog.dose.side = core::Side::Alternate;
    birdDog.bounds.reps = {6, 12};
    auto curlUp = prescription("curl-up", 3, 5, 10);
    curlUp.dose.pyramid = {5, 3, 1};
    curlUp.dose.perDay = 2;
    curlUp.dose.perWeek = 5;
    curlUp.regressionsInARow = 1;
    auto sidePlank = prescription("side-plank", 2, 3, 15);
    sidePlank.dose.side = core::Side::Each;
    sidePlank.locked = true;
    sidePlank.lowAdherenceWeeks = 1;
    return {birdDog, curlUp, sidePlank};
}

// Every figure known, with values that a decimal round trip would change.
core::Figures everyFigure() {
    core::Figures f;
    f.adherence = 0.1 + 0.2; // 0.30000000000000004
    f.painDuring = 7;
    f.morningPain = 6.5;
    f.baseline = 7.0 / 3.0;
    f.morningDelta = -0.25;
    f.trend = 1e-9;
    f.trendBefore = -1.5;
    f.effort = 0;
    f.completion = 1.0;
    f.leg = core::LegChange::NumbWeak;
    f.gapDays = INT_MAX;
    f.redFlags = {core::RedFlag::MajorTrauma, core::RedFlag::SaddleNumbness,
                  core::RedFlag::MajorTrauma};
    f.quotaBaseline = 13.0 / 3.0;
    f.quota = 3;
    return f;
}

// Parameters that text formats get wrong.
std::vector<std::string> awkwardParams() {
    return {
        "pd:6",       "ünïcödé ✓ 痛み",   R"("quoted" 'single' \back\slash)", "",          "[1,2]",
        R"({"A":1})", "line\nbreak\ttab", std::string("nul\0inside", 10),     "  spaces  "};
}

core::DoseChange change(core::Date when, core::Decision decision, core::Row row,
                        const core::Prescription& from, const core::Prescription& to) {
    core::DoseChange c;
    c.date = when;
    c.exercise = to.exercise.empty() ? from.exercise : to.exercise;
    c.decision = decision;
    c.row = row;
    c.reason = {core::ReasonKey::RegressCut, {"pd:6"}};
    c.figures.adherence = 0.75;
    c.figures.painDuring = 6;
    c.from = from;
    c.to = to;
    return c;
}

core::Stamp stamp(core::Date day, std::string utc, int offset = 60) {
    return {day, std::move(utc), offset};
}

core::TherapistFlag flag(core::Date when, std::string exercise, bool stops) {
    core::TherapistFlag f;
    f.date = when;
    f.exercise = std::move(exercise);
    f.row = core::Row::Legs;
    f.reason = {core::ReasonKey::LegsNumbWeak, {}};
    f.figures.leg = core::LegChange::NumbWeak;
    f.figures.painDuring = 4;
    f.stops = stops;
    return f;
}

// A journal with something in every table.
void fill(core::Journal& journal) {
    const auto start = routine();
    journal.startProgram("back-basics", "<program id=\"back-basics\"/>", date(2026, 1, 5), start);
    const auto first = journal.beginSession(stamp(date(2026, 1, 6), "2026-01-06T06:00:00Z"), 1);
    journal.logSet(first, {"bird-dog", 1, 8, 8, 10});
    journal.logSet(first, {"bird-dog", 2, 7, 8, 10});
    journal.finishSession(first, core::SessionStatus::Partial);
    const auto second = journal.beginSession(stamp(date(2026, 1, 6), "2026-01-06T17:00:00Z"), 2);
    journal.logSet(second, {"curl-up", 1, 5, 5, 10});
    journal.finishSession(second, core::SessionStatus::Complete);
    journal.logFeedback({date(2026, 1, 6), "bird-dog", 3, 5, core::LegChange::Same});
    journal.logCheckIn({stamp(date(2026, 1, 7), "2026-01-07T06:00:00Z"), 2, {}});
    auto progressed = start[0];
    progressed.dose.reps = 9;
    journal.recordReview(
        {date(2026, 1, 5),
         date(2026, 1, 11),
         {change(date(2026, 1, 12), core::Decision::Progress, core::Row::Progress, start[0],
                 progressed),
          change(date(2026, 1, 12), core::Decision::Hold, core::Row::Amber, start[1], start[1])}});
    journal.addFlag(flag(date(2026, 1, 8), "curl-up", false));
    const auto cleared = journal.addFlag(flag(date(2026, 1, 9), "", true));
    REQUIRE(journal.clearFlag(cleared, date(2026, 1, 10)));
}

// Writes of every kind (for a transaction that then fails).
void writeEverything(core::Journal& journal) {
    journal.startProgram("back-load", "<program id=\"back-load\"/>", date(2026, 2, 2),
                         {prescription("dead-bug", 2, 10, 0)});
    auto more = prescription("dead-bug", 3, 10, 0);
    journal.applyChanges({change(date(2026, 2, 9), core::Decision::Progress, core::Row::Progress,
                                 prescription("dead-bug", 2, 10, 0), more)});
    const auto id = journal.beginSession(stamp(date(2026, 2, 3), "2026-02-03T06:00:00Z"), 1);
    journal.logSet(id, {"dead-bug", 1, 10, 10, 0});
    journal.finishSession(id, core::SessionStatus::Complete);
    const auto old = journal.sessions(date(2026, 1, 6), date(2026, 1, 6));
    if (!old.empty()) {
        journal.logSet(old[0].id, {"bird-dog", 3, 8, 8, 10});
        journal.finishSession(old[0].id, core::SessionStatus::Stopped);
    }
    journal.logFeedback({date(2026, 2, 3), "dead-bug", 2, 3, core::LegChange::NumbWeak});
    journal.logCheckIn(
        {stamp(date(2026, 2, 4), "2026-02-04T06:00:00Z"), 5, {core::RedFlag::BladderBowel}});
    journal.recordReview({date(2026, 2, 2), date(2026, 2, 8), {}});
    for (const auto& f : journal.flags()) {
        (void)journal.clearFlag(f.id, date(2026, 2, 5));
    }
    journal.addFlag(flag(date(2026, 2, 5), "dead-bug", true));
    core::DoseChange stop;
    stop.date = date(2026, 2, 6);
    stop.decision = core::Decision::Stop;
    stop.row = core::Row::RedFlag;
    stop.reason = {core::ReasonKey::ProgramStopped, {}};
    journal.stopProgram(stop);
}

void requireSame(const core::DoseChange& got, const core::DoseChange& want) {
    INFO("got  " << describe(got));
    INFO("want " << describe(want));
    CHECK(got.date == want.date);
    CHECK(got.exercise == want.exercise);
    CHECK(got.decision == want.decision);
    CHECK(got.row == want.row);
    CHECK(got.reason == want.reason);
    CHECK(got.figures == want.figures);
    CHECK(got.from == want.from);
    CHECK(got.to == want.to);
    CHECK(got.byTherapist() == want.byTherapist());
}

std::vector<std::string> exercises(const std::vector<core::Prescription>& list) {
    std::vector<std::string> ids;
    for (const auto& p : list) {
        ids.push_back(p.exercise);
    }
    return ids;
}

using Strings = std::vector<std::string>;

} // namespace

#define JOURNALS InMemory, SqliteInMemory, SqliteInFile

TEMPLATE_TEST_CASE("a transaction commits its writes together", "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    auto other = made.another();
    const auto day = date(2026, 3, 2);
    std::int64_t flagId = 0;
    journal.transaction([&] {
        const auto id = journal.beginSession(stamp(day, "2026-03-02T06:00:00Z"), 1);
        journal.logSet(id, {"bird-dog", 1, 8, 8, 10});
        journal.logSet(id, {"bird-dog", 2, 8, 8, 10});
        journal.logFeedback({day, "bird-dog", 2, 4, std::nullopt});
        journal.logCheckIn({stamp(day, "2026-03-02T05:50:00Z"), 1, {}});
        flagId = journal.addFlag(flag(day, "bird-dog", false));
        // Inside, the transaction sees its own writes; another connection sees none of them.
        const auto sessions = journal.sessions(day, day);
        REQUIRE(sessions.size() == 1);
        CHECK(sessions[0].sets.size() == 2);
        if (other) {
            CHECK(other->sessions(day, day).empty());
            CHECK(other->feedback(day, day).empty());
            CHECK(other->flags().empty());
        }
    });
    const auto sessions = journal.sessions(day, day);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].sets.size() == 2);
    CHECK(journal.feedback(day, day).size() == 1);
    CHECK(journal.checkIns(day, day).size() == 1);
    REQUIRE(journal.flags().size() == 1);
    CHECK(journal.flags()[0].id == flagId);
    if (other) {
        CHECK(describe(*other) == describe(journal));
    }
}

TEMPLATE_TEST_CASE("a transaction that throws leaves everything as it was, through every query",
                   "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    fill(journal);
    const std::string before = describe(journal);
    REQUIRE_THAT(before, Catch::Contains("session #") && Catch::Contains("flag #") &&
                             Catch::Contains("decision ") && Catch::Contains("check-in "));

    SECTION("an exception of the caller's") {
        CHECK_THROWS_WITH(journal.transaction([&] {
            writeEverything(journal);
            REQUIRE(describe(journal) != before); // it did write
            throw std::runtime_error("power cut");
        }),
                          "power cut");
    }
    SECTION("a write the journal refuses (a slot taken)") {
        CHECK_THROWS_AS(journal.transaction([&] {
            writeEverything(journal);
            (void)journal.beginSession(stamp(date(2026, 1, 6), "2026-01-06T20:00:00Z"), 2);
        }),
                        std::runtime_error);
    }
    CHECK(describe(journal) == before);
    if (auto other = made.another()) {
        CHECK(describe(*other) == before);
    }

    // Nothing stays open: a write after it is committed by itself.
    journal.logFeedback({date(2026, 1, 7), "curl-up", 1, 1, std::nullopt});
    if (auto other = made.another()) {
        CHECK(other->feedback(date(2026, 1, 7), date(2026, 1, 7)).size() == 1);
    }
}

TEMPLATE_TEST_CASE("transactions inside a transaction join it", "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    auto other = made.another();
    const auto day = date(2026, 3, 2);
    auto feedback = [&](const char* exercise) {
        journal.logFeedback({day, exercise, 1, 1, std::nullopt});
    };
    auto logged = [&](const core::Journal& j) {
        Strings names;
        for (const auto& f : j.feedback(day, day)) {
            names.push_back(f.exercise);
        }
        return names;
    };

    SECTION("all of it is committed when the outermost returns, not before") {
        journal.transaction([&] {
            feedback("a");
            journal.transaction([&] { feedback("b"); });
            if (other) {
                CHECK(logged(*other).empty()); // the inner one committed nothing by itself
            }
            feedback("c");
        });
        CHECK(logged(journal) == Strings{"a", "b", "c"});
        if (other) {
            CHECK(logged(*other) == Strings{"a", "b", "c"});
        }
    }
    SECTION("the outermost failing takes the inner one's writes with it") {
        CHECK_THROWS(journal.transaction([&] {
            feedback("a");
            journal.transaction([&] { feedback("b"); });
            throw std::runtime_error("later");
        }));
        CHECK(logged(journal).empty());
    }
    SECTION("an inner one that fails leaves nothing of itself; the rest goes on") {
        journal.transaction([&] {
            feedback("a");
            try {
                journal.transaction([&] {
                    feedback("b");
                    throw std::runtime_error("inner");
                });
                FAIL("the inner transaction did not throw");
            } catch (const std::runtime_error& e) {
                CHECK(std::string(e.what()) == "inner");
            }
            feedback("c");
        });
        CHECK(logged(journal) == Strings{"a", "c"});
    }
    SECTION("a write the journal refuses inside leaves nothing of itself") {
        journal.transaction([&] {
            const auto id = journal.beginSession(stamp(day, "2026-03-02T06:00:00Z"), 1);
            journal.logSet(id, {"bird-dog", 1, 8, 8, 10});
            CHECK_THROWS_AS(journal.logSet(id, {"bird-dog", 1, 9, 9, 10}), std::runtime_error);
            journal.logSet(id, {"bird-dog", 2, 8, 8, 10});
        });
        const auto sessions = journal.sessions(day, day);
        REQUIRE(sessions.size() == 1);
        REQUIRE(sessions[0].sets.size() == 2);
        CHECK(sessions[0].sets[0].repsDone == 8);
        CHECK(sessions[0].sets[1].set == 2);
    }
}

TEMPLATE_TEST_CASE("a failing disk: the third write of a transaction fails and leaves nothing",
                   "[storage][contract][failing]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    fill(journal);
    const std::string before = describe(journal);
    test::FailingJournal failing(journal);
    const auto day = date(2026, 3, 2);

    failing.failAfter(3);
    bool reachedFourth = false;
    CHECK_THROWS_WITH(failing.transaction([&] {
        const auto id = failing.beginSession(stamp(day, "2026-03-02T06:00:00Z"), 1);
        failing.logSet(id, {"bird-dog", 1, 8, 8, 10});
        failing.logSet(id, {"bird-dog", 2, 8, 8, 10}); // the third write
        reachedFourth = true;
        failing.addFlag(flag(day, "bird-dog", false));
    }),
                      "disk full (injected)");
    CHECK_FALSE(reachedFourth);
    CHECK(failing.writes() == 3);
    CHECK(failing.failures() == 1);
    CHECK(describe(journal) == before);
    CHECK(describe(failing) == before); // reads pass through
    if (auto other = made.another()) {
        CHECK(describe(*other) == before);
    }

    // failAfter fails that one write only.
    failing.logFeedback({day, "bird-dog", 1, 1, std::nullopt});
    CHECK(journal.feedback(day, day).size() == 1);

    // failWrites fails every write until it is lifted, inside a transaction or not.
    const std::string withFeedback = describe(journal);
    failing.failWrites(true);
    CHECK_THROWS_WITH(failing.logCheckIn({stamp(day, "2026-03-02T06:00:00Z"), 1, {}}),
                      "disk full (injected)");
    CHECK_THROWS_WITH(
        failing.applyChanges({change(day, core::Decision::Progress, core::Row::Progress,
                                     routine()[0], prescription("bird-dog", 5, 5, 5))}),
        "disk full (injected)");
    CHECK_THROWS_WITH(failing.clearFlag(1, day), "disk full (injected)");
    CHECK_THROWS_WITH(failing.transaction([&] { failing.addFlag(flag(day, "", true)); }),
                      "disk full (injected)");
    CHECK(failing.prescriptions() == journal.prescriptions()); // reads still work
    CHECK(failing.flags().size() == 2);
    CHECK(describe(journal) == withFeedback);
    failing.failWrites(false);
    CHECK(failing.addFlag(flag(day, "", true)) > 0);
    CHECK(journal.flags().size() == 3);
}

TEMPLATE_TEST_CASE("a session's slot is unique on its date", "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto day = date(2026, 3, 2);
    const auto first = journal.beginSession(stamp(day, "2026-03-02T06:00:00Z"), 1);
    const auto second = journal.beginSession(stamp(day, "2026-03-02T17:00:00Z"), 2);
    const auto nextDay = journal.beginSession(stamp(date(2026, 3, 3), "2026-03-03T06:00:00Z"), 1);
    CHECK(first != second);
    CHECK(second != nextDay);

    const std::string before = describe(journal);
    CHECK_THROWS_AS(journal.beginSession(stamp(day, "2026-03-02T20:00:00Z"), 1),
                    std::runtime_error);
    CHECK_THROWS_AS(journal.beginSession(stamp(day, "2026-03-02T20:00:00Z"), 2),
                    std::runtime_error);
    CHECK(describe(journal) == before);

    // Ordered by date and slot, whatever the order they were begun in.
    const auto later = date(2026, 3, 4);
    const auto fourth = journal.beginSession(stamp(later, "2026-03-04T18:00:00Z"), 4);
    const auto third = journal.beginSession(stamp(later, "2026-03-04T06:00:00Z"), 3);
    const auto sessions = journal.sessions(day, later);
    REQUIRE(sessions.size() == 5);
    CHECK(sessions[0].id == first);
    CHECK(sessions[0].slot == 1);
    CHECK(sessions[1].id == second);
    CHECK(sessions[1].slot == 2);
    CHECK(sessions[2].id == nextDay);
    CHECK(sessions[2].slot == 1);
    CHECK(sessions[3].id == third);
    CHECK(sessions[3].slot == 3);
    CHECK(sessions[4].id == fourth);
    CHECK(sessions[4].slot == 4);
    CHECK(beginNextSession(journal, stamp(later, "2026-03-04T20:00:00Z")) > 0);
    CHECK(journal.sessions(later, later).back().slot == 5);
}

TEMPLATE_TEST_CASE("a set number is logged once per session and exercise", "[storage][contract]",
                   JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto day = date(2026, 3, 2);
    const auto s1 = journal.beginSession(stamp(day, "2026-03-02T06:00:00Z"), 1);
    const auto s2 = journal.beginSession(stamp(day, "2026-03-02T17:00:00Z"), 2);
    journal.logSet(s1, {"bird-dog", 1, 8, 8, 10});
    journal.logSet(s1, {"curl-up", 1, 5, 5, 10});  // another exercise
    journal.logSet(s2, {"bird-dog", 1, 8, 8, 10}); // another session
    journal.logSet(s1, {"bird-dog", 2, 8, 8, 10});

    const std::string before = describe(journal);
    CHECK_THROWS_AS(journal.logSet(s1, {"bird-dog", 1, 6, 8, 10}), std::runtime_error);
    CHECK_THROWS_AS(journal.logSet(s2, {"bird-dog", 1, 6, 8, 10}), std::runtime_error);
    CHECK_THROWS_AS(journal.logSet(s2 + 100, {"bird-dog", 1, 6, 8, 10}), std::runtime_error);
    CHECK(describe(journal) == before);
    const auto sessions = journal.sessions(day, day);
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0].sets.size() == 3);
    CHECK(sessions[1].sets.size() == 1);
}

TEMPLATE_TEST_CASE("applying changes: in place, switches, merges, holds and the whole program",
                   "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);
    const auto when = date(2026, 1, 12);

    SECTION("a progress changes the dose in its place; a hold is recorded but not listed") {
        auto progressed = start[1];
        progressed.dose.reps = 6;
        progressed.regressionsInARow = 0;
        const auto progress =
            change(when, core::Decision::Progress, core::Row::Progress, start[1], progressed);
        const auto hold = change(when, core::Decision::Hold, core::Row::Amber, start[2], start[2]);
        journal.applyChanges({progress, hold});
        CHECK(journal.prescriptions() ==
              std::vector<core::Prescription>{start[0], progressed, start[2]});
        const auto changes = journal.doseChanges();
        REQUIRE(changes.size() == 1);
        requireSame(changes[0], progress);
    }
    SECTION("a switch puts the variant in the place of the exercise it replaces") {
        auto variant = prescription("curl-up-bent-knee", 2, 6, 5);
        const auto switched =
            change(when, core::Decision::Switch, core::Row::Pain, start[1], variant);
        journal.applyChanges({switched});
        CHECK(exercises(journal.prescriptions()) ==
              Strings{"bird-dog", "curl-up-bent-knee", "side-plank"});
        CHECK(journal.prescriptions()[1] == variant);
        REQUIRE(journal.doseChanges().size() == 1);
        requireSame(journal.doseChanges()[0], switched);
    }
    SECTION("a switch into an exercise already in the routine updates it and removes the source") {
        auto merged = start[2];
        merged.dose.sets = 3;
        merged.locked = false;
        const auto merge =
            change(when, core::Decision::Switch, core::Row::Progress, start[0], merged);
        journal.applyChanges({merge});
        CHECK(journal.prescriptions() == std::vector<core::Prescription>{start[1], merged});
        REQUIRE(journal.doseChanges().size() == 1);
        requireSame(journal.doseChanges()[0], merge);

        // And a merge into an exercise placed before the source keeps that exercise's place.
        auto into = start[1];
        into.dose.reps = 7;
        journal.applyChanges({change(when, core::Decision::Switch, core::Row::Pain, merged, into)});
        CHECK(journal.prescriptions() == std::vector<core::Prescription>{into});
    }
    SECTION("a change for an exercise not in the routine adds it at the end") {
        auto extra = prescription("cat-camel", 1, 10, 0);
        journal.applyChanges(
            {change(when, core::Decision::Progress, core::Row::Therapist, {}, extra)});
        CHECK(exercises(journal.prescriptions()) ==
              Strings{"bird-dog", "curl-up", "side-plank", "cat-camel"});
        REQUIRE(journal.doseChanges().size() == 1);
        CHECK(journal.doseChanges()[0].byTherapist());
    }
    SECTION("a change for the whole program (no exercise) changes no prescription") {
        core::DoseChange whole;
        whole.date = when;
        whole.decision = core::Decision::Stop;
        whole.row = core::Row::RedFlag;
        whole.reason = {core::ReasonKey::ProgramStopped, {}};
        whole.figures.redFlags = {core::RedFlag::SaddleNumbness};
        SECTION("applied") {
            journal.applyChanges({whole});
        }
        SECTION("as the program's stop") {
            journal.stopProgram(whole);
            REQUIRE(journal.activeProgram());
            CHECK(journal.activeProgram()->stopped);
        }
        CHECK(journal.prescriptions() == start);
        REQUIRE(journal.doseChanges().size() == 1);
        requireSame(journal.doseChanges()[0], whole);
    }
    SECTION("changes are listed by date, then as recorded") {
        auto a = start[0];
        a.dose.reps = 9;
        auto b = start[1];
        b.dose.reps = 6;
        const auto late =
            change(date(2026, 1, 19), core::Decision::Progress, core::Row::Progress, start[0], a);
        const auto early1 =
            change(date(2026, 1, 12), core::Decision::Regress, core::Row::Pain, start[1], b);
        const auto early2 =
            change(date(2026, 1, 12), core::Decision::Progress, core::Row::Progress, b, start[1]);
        journal.applyChanges({late, early1});
        journal.applyChanges({early2});
        const auto changes = journal.doseChanges();
        REQUIRE(changes.size() == 3);
        requireSame(changes[0], early1);
        requireSame(changes[1], early2);
        requireSame(changes[2], late);
    }
}

TEMPLATE_TEST_CASE("a week is reviewed once; reviewedWeeks lists them oldest first",
                   "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);
    CHECK(journal.reviewedWeeks().empty());

    auto regressed = start[1];
    regressed.dose.sets = 2;
    const core::Review week3{
        date(2026, 1, 19),
        date(2026, 1, 25),
        {change(date(2026, 1, 26), core::Decision::Regress, core::Row::Pain, start[1], regressed),
         change(date(2026, 1, 26), core::Decision::Hold, core::Row::Amber, start[2], start[2])}};
    journal.recordReview(week3);
    journal.recordReview({date(2026, 1, 5), date(2026, 1, 11), {}});
    journal.recordReview({date(2026, 1, 12), date(2026, 1, 18), {}});
    CHECK(journal.reviewedWeeks() ==
          std::vector<core::Date>{date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)});
    CHECK(journal.reviewed(date(2026, 1, 19)));
    CHECK_FALSE(journal.reviewed(date(2026, 1, 26)));
    CHECK_FALSE(journal.reviewed(date(2026, 1, 20))); // not a week start that was reviewed

    const auto reviews = journal.reviews();
    REQUIRE(reviews.size() == 3);
    CHECK(reviews[0].weekStart == date(2026, 1, 5));
    CHECK(reviews[0].decisions.empty());
    CHECK(reviews[2].weekEnd == date(2026, 1, 25));
    REQUIRE(reviews[2].decisions.size() == 2); // the hold too
    requireSame(reviews[2].decisions[0], week3.decisions[0]);
    requireSame(reviews[2].decisions[1], week3.decisions[1]);
    CHECK(journal.doseChanges().size() == 1); // not the hold
    CHECK(journal.prescriptions() ==
          std::vector<core::Prescription>{start[0], regressed, start[2]});

    // Again, with other decisions: nothing changes at all.
    const std::string before = describe(journal);
    auto again = week3;
    again.decisions[0].to.dose.sets = 1;
    again.decisions.push_back(change(date(2026, 1, 26), core::Decision::Progress,
                                     core::Row::Progress, start[0],
                                     prescription("bird-dog", 5, 5, 5)));
    journal.recordReview(again);
    journal.recordReview(week3);
    journal.recordReview({date(2026, 1, 5), date(2026, 1, 11), again.decisions});
    CHECK(describe(journal) == before);
}

TEMPLATE_TEST_CASE("flags for the therapist: added, listed oldest first, cleared once",
                   "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto late = journal.addFlag(flag(date(2026, 3, 10), "bird-dog", true));
    const auto early = journal.addFlag(flag(date(2026, 3, 2), "", false));
    auto alreadyCleared = flag(date(2026, 3, 10), "curl-up", false);
    alreadyCleared.cleared = date(2026, 3, 11); // a new flag is open, whatever it says
    alreadyCleared.id = 77;                     // and gets its own id
    const auto third = journal.addFlag(alreadyCleared);
    CHECK(late != early);
    CHECK(third != late);
    CHECK(third != early);

    auto flags = journal.flags();
    REQUIRE(flags.size() == 3);
    CHECK(flags[0].id == early);
    CHECK(flags[0].exercise.empty());
    CHECK_FALSE(flags[0].stops);
    CHECK(flags[1].id == late);
    CHECK(flags[1].date == date(2026, 3, 10));
    CHECK(flags[1].exercise == "bird-dog");
    CHECK(flags[1].stops);
    CHECK(flags[1].row == core::Row::Legs);
    CHECK(flags[1].reason == core::Reason{core::ReasonKey::LegsNumbWeak, {}});
    CHECK(flags[1].figures == flag(date(2026, 3, 10), "", false).figures);
    CHECK(flags[2].id == third);
    for (const auto& f : flags) {
        CHECK_FALSE(f.cleared);
    }

    CHECK(journal.clearFlag(late, date(2026, 3, 12)));
    CHECK_FALSE(journal.clearFlag(late, date(2026, 3, 13))); // once
    CHECK_FALSE(journal.clearFlag(third + early + late + 1000, date(2026, 3, 13)));
    flags = journal.flags();
    REQUIRE(flags.size() == 3); // cleared ones are listed too
    CHECK(flags[1].id == late);
    CHECK(flags[1].cleared == date(2026, 3, 12));
    CHECK_FALSE(flags[0].cleared);
    CHECK_FALSE(flags[2].cleared);
}

TEMPLATE_TEST_CASE("rows, reasons and figures round-trip exactly", "[storage][contract]",
                   JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);

    // Every row and every reason key, with every figure and awkward parameters.
    std::vector<core::DoseChange> all;
    for (int r = 0; r <= static_cast<int>(core::Row::Therapist); ++r) {
        auto c = change(date(2026, 1, 12), core::Decision::Progress, static_cast<core::Row>(r),
                        start[0], start[0]);
        c.figures = everyFigure();
        c.reason.params = awkwardParams();
        all.push_back(c);
    }
    for (int k = 0; k <= static_cast<int>(core::ReasonKey::FlagCleared); ++k) {
        auto c = change(date(2026, 1, 13), core::Decision::Regress, core::Row::Default, start[1],
                        start[1]);
        c.reason = {static_cast<core::ReasonKey>(k), {std::to_string(k), "x"}};
        c.figures = {}; // none known
        all.push_back(c);
    }
    journal.applyChanges(all);
    auto changes = journal.doseChanges();
    REQUIRE(changes.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        requireSame(changes[i], all[i]);
    }

    // Through a review, holds included.
    auto hold = all[3];
    hold.decision = core::Decision::Hold;
    journal.recordReview({date(2026, 1, 12), date(2026, 1, 18), {hold, all[5]}});
    const auto reviews = journal.reviews();
    REQUIRE(reviews.size() == 1);
    REQUIRE(reviews[0].decisions.size() == 2);
    requireSame(reviews[0].decisions[0], hold);
    requireSame(reviews[0].decisions[1], all[5]);

    // Through a flag.
    auto f = flag(date(2026, 1, 14), "curl-up", true);
    f.row = core::Row::Quota;
    f.reason = {core::ReasonKey::QuotaTwoRed, awkwardParams()};
    f.figures = everyFigure();
    const auto id = journal.addFlag(f);
    const auto flags = journal.flags();
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].id == id);
    CHECK(flags[0].row == core::Row::Quota);
    CHECK(flags[0].reason == f.reason);
    CHECK(flags[0].figures == f.figures);
    CHECK(flags[0].reason.params.at(7).size() == 10); // the NUL inside is kept
}

TEMPLATE_TEST_CASE("feedback keeps every leg change, numb and weak too", "[storage][contract]",
                   JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto day = date(2026, 3, 2);
    const std::vector<std::optional<core::LegChange>> legs{
        core::LegChange::Worse, core::LegChange::Same, core::LegChange::Better,
        core::LegChange::NumbWeak, std::nullopt};
    for (const auto& leg : legs) {
        journal.logFeedback({day, "bird-dog", 0, 10, leg});
    }
    const auto got = journal.feedback(day, day);
    REQUIRE(got.size() == legs.size());
    for (std::size_t i = 0; i < legs.size(); ++i) {
        CHECK(got[i].leg == legs[i]);
        CHECK(got[i].pain == 0);
        CHECK(got[i].effort == 10);
    }
}

TEMPLATE_TEST_CASE("queries by date include both ends", "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    for (unsigned d = 1; d <= 5; ++d) {
        const auto day = date(2026, 3, d);
        const auto id =
            journal.beginSession(stamp(day, "2026-03-0" + std::to_string(d) + "T06:00:00Z"), 1);
        journal.finishSession(id, core::SessionStatus::Complete);
        journal.logFeedback({day, "bird-dog", static_cast<int>(d), std::nullopt, std::nullopt});
        journal.logCheckIn(
            {stamp(day, "2026-03-0" + std::to_string(d) + "T05:00:00Z"), static_cast<int>(d), {}});
    }
    const auto from = date(2026, 3, 2);
    const auto to = date(2026, 3, 4);
    auto days = [](const auto& list, auto dateOf) {
        std::vector<unsigned> out;
        for (const auto& item : list) {
            out.push_back(static_cast<unsigned>(dateOf(item).day()));
        }
        return out;
    };
    const std::vector<unsigned> want{2, 3, 4};
    CHECK(days(journal.sessions(from, to), [](const auto& s) { return s.started.date; }) == want);
    CHECK(days(journal.sessionDays(from, to), [](const auto& s) { return s.first; }) == want);
    CHECK(days(journal.feedback(from, to), [](const auto& f) { return f.date; }) == want);
    CHECK(days(journal.checkIns(from, to), [](const auto& c) { return c.at.date; }) == want);
    CHECK(journal.sessions(from, from).size() == 1);
    CHECK(journal.sessions(to, from).empty());
    CHECK(journal.feedback(to, from).empty());
    CHECK(journal.checkIns(date(2026, 3, 6), date(2026, 12, 31)).empty());
    for (const auto& [day, status] : journal.sessionDays(from, to)) {
        CHECK(status == core::SessionStatus::Complete);
    }
}

TEMPLATE_TEST_CASE("check-ins keep red flags once, in order; scales outside 0-10 are refused",
                   "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto day = date(2026, 3, 2);
    journal.logCheckIn(
        {stamp(day, "2026-03-02T06:00:00Z"),
         std::nullopt,
         {core::RedFlag::LegWeakness, core::RedFlag::SaddleNumbness, core::RedFlag::LegWeakness}});
    const auto checkIns = journal.checkIns(day, day);
    REQUIRE(checkIns.size() == 1);
    CHECK_FALSE(checkIns[0].morningPain);
    CHECK(checkIns[0].redFlags ==
          std::vector<core::RedFlag>{core::RedFlag::SaddleNumbness, core::RedFlag::LegWeakness});

    const std::string before = describe(journal);
    CHECK_THROWS_AS(journal.logCheckIn({stamp(day, "2026-03-02T07:00:00Z"), 11, {}}),
                    std::runtime_error);
    CHECK_THROWS_AS(journal.logFeedback({day, "bird-dog", -1, 3, std::nullopt}),
                    std::runtime_error);
    CHECK_THROWS_AS(journal.logFeedback({day, "bird-dog", 3, 11, std::nullopt}),
                    std::runtime_error);
    CHECK(describe(journal) == before);
}

TEMPLATE_TEST_CASE("starting a program replaces the prescriptions and keeps the routine's order",
                   "[storage][contract]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    CHECK_FALSE(journal.activeProgram());
    journal.startProgram("a", "<a/>", date(2026, 1, 5), routine());
    auto twice = routine();
    auto again = prescription("bird-dog", 1, 1, 0);
    twice.push_back(again); // listed twice: its first place, its last dose
    journal.startProgram("b", "<b/>", date(2026, 2, 2), twice);
    const auto active = journal.activeProgram();
    REQUIRE(active);
    CHECK(active->programId == "b");
    CHECK(active->programXml == "<b/>");
    CHECK(active->start == date(2026, 2, 2));
    CHECK_FALSE(active->stopped);
    const auto now = journal.prescriptions();
    CHECK(exercises(now) == Strings{"bird-dog", "curl-up", "side-plank"});
    CHECK(now[0] == again);
}

TEMPLATE_TEST_CASE("the program is stopped and resumed; both are recorded", "[storage][contract]",
                   JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);
    core::DoseChange stop;
    stop.date = date(2026, 1, 9);
    stop.decision = core::Decision::Stop;
    stop.row = core::Row::RedFlag;
    stop.reason = {core::ReasonKey::ProgramStopped, {}};
    stop.figures.redFlags = {core::RedFlag::BladderBowel};
    journal.stopProgram(stop);
    REQUIRE(journal.activeProgram());
    CHECK(journal.activeProgram()->stopped);

    core::DoseChange lift;
    lift.date = date(2026, 1, 12);
    lift.decision = core::Decision::Resume;
    lift.row = core::Row::Therapist;
    lift.reason = {core::ReasonKey::FlagCleared, {}};
    journal.resumeProgram(lift);
    REQUIRE(journal.activeProgram());
    CHECK_FALSE(journal.activeProgram()->stopped);
    CHECK(journal.activeProgram()->programId == "p");
    CHECK(journal.prescriptions() == start); // neither change names an exercise
    const auto changes = journal.doseChanges();
    REQUIRE(changes.size() == 2);
    requireSame(changes[0], stop);
    requireSame(changes[1], lift);
    CHECK(changes[1].byTherapist());

    // Both inside a transaction that fails: still running, nothing recorded.
    const std::string before = describe(journal);
    CHECK_THROWS(journal.transaction([&] {
        journal.stopProgram(stop);
        CHECK(journal.activeProgram()->stopped);
        throw std::runtime_error("undo");
    }));
    CHECK(describe(journal) == before);
}

TEMPLATE_TEST_CASE("a check-in is taken back with the changes and flags it caused, in one go",
                   "[storage][contract][undo]", JOURNALS) {
    TestType made;
    core::Journal& journal = made.journal;
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);
    const auto day = date(2026, 1, 14);
    // Earlier records that stay: a change and a flag of no check-in, a check-in the day before.
    auto earlier = start[2];
    earlier.dose.reps = 4;
    journal.applyChanges({change(date(2026, 1, 12), core::Decision::Progress, core::Row::Progress,
                                 start[2], earlier)});
    journal.addFlag(flag(date(2026, 1, 12), "curl-up", false));
    const auto yesterday =
        journal.logCheckIn({stamp(date(2026, 1, 13), "2026-01-13T06:00:00Z"), 2, {}});
    const auto current = journal.prescriptions();
    const std::string before = describe(journal);

    const auto id = journal.logCheckIn({stamp(day, "2026-01-14T06:00:00Z"), 7, {}});
    CHECK(id != yesterday);
    REQUIRE(journal.checkIns(day, day).size() == 1);
    CHECK(journal.checkIns(day, day)[0].id == id);
    // What the answer caused at once: a regress in place, a switch, a hold that counts a
    // regression, and a flag.
    auto regressed = current[1];
    regressed.dose.reps = 4;
    regressed.regressionsInARow = 2;
    auto variant = prescription("bird-dog-kneeling", 2, 6, 5);
    auto counted = current[2];
    counted.regressionsInARow = 1;
    auto regress = change(day, core::Decision::Regress, core::Row::Pain, current[1], regressed);
    auto switched = change(day, core::Decision::Switch, core::Row::Pain, current[0], variant);
    auto hold = change(day, core::Decision::Hold, core::Row::Pain, current[2], counted);
    for (auto* c : {&regress, &switched, &hold}) {
        c->checkIn = id;
    }
    journal.applyChanges({regress, switched, hold});
    auto raised = flag(day, "bird-dog-kneeling", false);
    raised.checkIn = id;
    journal.addFlag(raised);
    REQUIRE(journal.doseChanges().size() == 3);
    requireSame(journal.doseChanges()[1], regress); // the check-in is kept with the change
    CHECK(journal.flags().back().checkIn == id);
    CHECK(exercises(journal.prescriptions()) ==
          Strings{"bird-dog-kneeling", "curl-up", "side-plank"});

    SECTION("undone: the journal is as it was, the routine in its order") {
        CHECK(journal.undoCheckIn(id) == core::UndoCheckIn::Undone);
        CHECK(describe(journal) == before);
        CHECK(journal.prescriptions() == current);
        if (auto other = made.another()) {
            CHECK(describe(*other) == before); // committed
        }
        CHECK(journal.undoCheckIn(id) == core::UndoCheckIn::NotFound);
    }
    SECTION("a dose changed again since: nothing is taken back") {
        auto again = regressed;
        again.dose.reps = 5;
        journal.applyChanges(
            {change(day, core::Decision::Progress, core::Row::Therapist, regressed, again)});
        const std::string now = describe(journal);
        CHECK(journal.undoCheckIn(id) == core::UndoCheckIn::ChangedSince);
        CHECK(describe(journal) == now);
    }
    SECTION("a merge cannot be reversed: nothing is taken back") {
        auto merge = change(day, core::Decision::Switch, core::Row::Pain, regressed, counted);
        merge.reason = {core::ReasonKey::SwitchEasierMerged, {"pd:6", "side-plank"}};
        merge.checkIn = id;
        journal.applyChanges({merge});
        const std::string now = describe(journal);
        CHECK(journal.undoCheckIn(id) == core::UndoCheckIn::Irreversible);
        CHECK(describe(journal) == now);
    }
}
