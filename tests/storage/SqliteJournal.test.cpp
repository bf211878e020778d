#include "Support.hpp"

#include <storage/SqliteJournal.hpp>

#include <catch2/catch.hpp>

using namespace motus;
using motus::storage::SqliteJournal;
using motus::storage::StorageError;
using motus::storage::test::date;
using motus::storage::test::prescription;

namespace {

std::vector<core::Prescription> routine() {
    auto birdDog = prescription("bird-dog", 3, 8, 10);
    birdDog.dose.side = core::Side::Alternate;
    birdDog.bounds.reps = {6, 12};
    birdDog.bounds.hold = {5, 10};
    auto curlUp = prescription("curl-up", 3, 5, 10);
    curlUp.dose.pyramid = {5, 3, 1};
    curlUp.dose.perDay = 2;
    curlUp.dose.perWeek = 5;
    curlUp.regressionsInARow = 1;
    auto sidePlank = prescription("side-plank", 2, 3, 15);
    sidePlank.dose.side = core::Side::Each;
    sidePlank.dose.restSeconds = 0;
    sidePlank.locked = true;
    sidePlank.bounds.sets = {1, 3};
    sidePlank.bounds.rest = {0, 60};
    return {birdDog, curlUp, sidePlank};
}

core::DoseChange change(core::Date when, core::Decision decision, core::Row row,
                        const core::Prescription& from, const core::Prescription& to) {
    core::DoseChange c;
    c.date = when;
    c.exercise = from.exercise.empty() ? to.exercise : from.exercise;
    c.decision = decision;
    c.row = row;
    c.reason = {core::ReasonKey::Legacy,
                {"Because the figures say so: \"quoted\", 'single', ünïcode."}};
    c.figures.adherence = 0.86;
    c.figures.painDuring = 2;
    c.figures.effort = 5;
    c.from = from;
    c.to = to;
    return c;
}

core::Stamp stamp(core::Date day, std::string utc, int offset) {
    core::Stamp result;
    result.date = day;
    result.utc = std::move(utc);
    result.utcOffsetMinutes = offset;
    return result;
}

core::CheckIn checkIn(core::Stamp at, std::optional<int> pain, std::vector<core::RedFlag> flags) {
    core::CheckIn result;
    result.at = std::move(at);
    result.morningPain = pain;
    result.redFlags = std::move(flags);
    return result;
}

void requireSame(const core::DoseChange& got, const core::DoseChange& want) {
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

void requireSame(const std::vector<core::Prescription>& got,
                 const std::vector<core::Prescription>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("prescription " << i << ": " << got[i].exercise);
        CHECK(got[i] == want[i]);
    }
}

} // namespace

TEST_CASE("a new journal in memory is empty and at the latest schema", "[storage]") {
    SqliteJournal journal(":memory:");
    CHECK_FALSE(journal.activeProgram());
    CHECK(journal.prescriptions().empty());
    CHECK(journal.programHistory().empty());
    CHECK(journal.reviews().empty());
    CHECK(journal.doseChanges().empty());
    CHECK(journal.sessions(date(2000, 1, 1), date(2100, 1, 1)).empty());
    CHECK(journal.schemaVersion() == 5);
    CHECK(journal.integrityCheck() == "ok");
    CHECK(journal.file().empty());
}

TEST_CASE("a started program and its prescriptions round-trip; a new one keeps the old as history",
          "[storage]") {
    SqliteJournal journal(":memory:");
    const std::string xml = "<program id=\"back-basics\">\n  <phase weeks=\"2\"/>\n</program>\n";
    journal.startProgram("back-basics", xml, date(2026, 1, 5), routine());

    auto active = journal.activeProgram();
    REQUIRE(active);
    CHECK(active->programId == "back-basics");
    CHECK(active->programXml == xml);
    CHECK(active->start == date(2026, 1, 5));
    CHECK_FALSE(active->stopped);
    requireSame(journal.prescriptions(), routine());

    auto next = std::vector<core::Prescription>{prescription("dead-bug", 2, 10, 0)};
    journal.startProgram("back-load", "<program id=\"back-load\"/>", date(2026, 2, 2), next);
    active = journal.activeProgram();
    REQUIRE(active);
    CHECK(active->programId == "back-load");
    CHECK(active->start == date(2026, 2, 2));
    requireSame(journal.prescriptions(), next);

    const auto history = journal.programHistory();
    REQUIRE(history.size() == 2);
    CHECK(history[0].programId == "back-basics");
    CHECK(history[0].programXml == xml);
    CHECK(history[0].start == date(2026, 1, 5));
    CHECK(history[1].programId == "back-load");
}

TEST_CASE("stopping the program records why and marks it stopped", "[storage]") {
    SqliteJournal journal(":memory:");
    journal.startProgram("p", "<program/>", date(2026, 1, 5), routine());
    core::DoseChange why;
    why.date = date(2026, 1, 9);
    why.decision = core::Decision::Stop;
    why.row = core::Row::RedFlag;
    why.reason = {core::ReasonKey::ProgramStopped, {}};
    why.figures.redFlags = {core::RedFlag::SaddleNumbness};
    journal.stopProgram(why);

    const auto active = journal.activeProgram();
    REQUIRE(active);
    CHECK(active->stopped);
    requireSame(journal.prescriptions(), routine()); // an empty `to` changes no prescription
    const auto changes = journal.doseChanges();
    REQUIRE(changes.size() == 1);
    requireSame(changes[0], why);
}

TEST_CASE("applied changes replace prescriptions in place and are listed without the holds",
          "[storage]") {
    SqliteJournal journal(":memory:");
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);

    auto progressed = start[0];
    progressed.dose.reps = 9;
    auto variant = prescription("curl-up-bent-knee", 3, 5, 10);
    variant.regressionsInARow = 0;
    auto progress = change(date(2026, 1, 12), core::Decision::Progress, core::Row::Progress,
                           start[0], progressed);
    auto hold =
        change(date(2026, 1, 12), core::Decision::Hold, core::Row::Amber, start[2], start[2]);
    auto switched =
        change(date(2026, 1, 12), core::Decision::Switch, core::Row::Therapist, start[1], variant);
    journal.applyChanges({progress, hold, switched});

    requireSame(journal.prescriptions(), {progressed, variant, start[2]});
    const auto changes = journal.doseChanges();
    REQUIRE(changes.size() == 2);
    requireSame(changes[0], progress);
    requireSame(changes[1], switched);

    SECTION("a change for an exercise not prescribed adds it at the end") {
        auto extra = prescription("cat-camel", 1, 10, 0);
        journal.applyChanges(
            {change(date(2026, 1, 13), core::Decision::Progress, core::Row::Progress, {}, extra)});
        requireSame(journal.prescriptions(), {progressed, variant, start[2], extra});
    }
}

TEST_CASE("sessions, their sets and statuses round-trip by local date", "[storage]") {
    SqliteJournal journal(":memory:");
    const core::Stamp morning{date(2026, 3, 29), "2026-03-29T05:30:00Z", 120};
    const core::Stamp lateEvening{date(2026, 3, 28), "2026-03-29T00:30:00Z", -300};
    const core::Stamp other{date(2026, 3, 30), "2026-03-30T06:00:00Z", 120};

    const auto first = journal.beginSession(morning, 1);
    const std::vector<core::SetRecord> sets{
        {"bird-dog", 1, 8, 8, 10}, {"bird-dog", 2, 8, 8, 10}, {"curl-up", 1, 4, 5, 10}};
    for (const auto& set : sets) {
        journal.logSet(first, set);
    }
    journal.finishSession(first, core::SessionStatus::Complete);
    const auto second = journal.beginSession(lateEvening, 1);
    journal.logSet(second, {"side-plank", 1, 3, 3, 15});
    journal.finishSession(second, core::SessionStatus::Stopped);
    const auto third = journal.beginSession(other, 1);
    CHECK(first != second);

    const auto day = journal.sessions(date(2026, 3, 29), date(2026, 3, 29));
    REQUIRE(day.size() == 1);
    CHECK(day[0].id == first);
    CHECK(day[0].started.date == morning.date);
    CHECK(day[0].started.utc == morning.utc);
    CHECK(day[0].started.utcOffsetMinutes == 120);
    CHECK(day[0].status == core::SessionStatus::Complete);
    REQUIRE(day[0].sets.size() == sets.size());
    for (std::size_t i = 0; i < sets.size(); ++i) {
        CHECK(day[0].sets[i].exercise == sets[i].exercise);
        CHECK(day[0].sets[i].set == sets[i].set);
        CHECK(day[0].sets[i].repsDone == sets[i].repsDone);
        CHECK(day[0].sets[i].repsPrescribed == sets[i].repsPrescribed);
        CHECK(day[0].sets[i].holdSeconds == sets[i].holdSeconds);
    }

    const auto all = journal.sessions(date(2026, 3, 28), date(2026, 3, 30));
    REQUIRE(all.size() == 3);
    CHECK(all[0].id == second); // the local date as recorded, not the UTC one
    CHECK(all[0].started.utcOffsetMinutes == -300);
    CHECK(all[0].status == core::SessionStatus::Stopped);
    CHECK(all[1].id == first);
    CHECK(all[2].id == third);
    CHECK(all[2].status == core::SessionStatus::Partial);
    CHECK(all[2].sets.empty());
    CHECK(journal.sessions(date(2026, 3, 31), date(2026, 4, 30)).empty());
}

TEST_CASE("a set for a session that does not exist is refused", "[storage]") {
    SqliteJournal journal(":memory:");
    CHECK_THROWS_AS(journal.logSet(42, {"bird-dog", 1, 8, 8, 10}), StorageError);
    CHECK(journal.sessions(date(2000, 1, 1), date(2100, 1, 1)).empty());
}

TEST_CASE("feedback and check-ins with red flags round-trip", "[storage]") {
    SqliteJournal journal(":memory:");
    journal.logFeedback({date(2026, 3, 29), "bird-dog", 3, 5, core::LegChange::Same});
    journal.logFeedback({date(2026, 3, 29), "curl-up", std::nullopt, 2, std::nullopt});
    journal.logFeedback({date(2026, 3, 30), "bird-dog", 7, std::nullopt, core::LegChange::Worse});

    const auto feedback = journal.feedback(date(2026, 3, 29), date(2026, 3, 29));
    REQUIRE(feedback.size() == 2);
    CHECK(feedback[0].exercise == "bird-dog");
    CHECK(feedback[0].pain == 3);
    CHECK(feedback[0].effort == 5);
    CHECK(feedback[0].leg == core::LegChange::Same);
    CHECK(feedback[1].exercise == "curl-up");
    CHECK_FALSE(feedback[1].pain);
    CHECK(feedback[1].effort == 2);
    CHECK_FALSE(feedback[1].leg);
    const auto both = journal.feedback(date(2026, 3, 29), date(2026, 3, 30));
    REQUIRE(both.size() == 3);
    CHECK(both[2].date == date(2026, 3, 30));
    CHECK(both[2].leg == core::LegChange::Worse);
    CHECK_FALSE(both[2].effort);

    journal.logCheckIn(checkIn(stamp(date(2026, 3, 30), "2026-03-30T06:10:00Z", 120), 4, {}));
    journal.logCheckIn(checkIn(
        stamp(date(2026, 3, 31), "2026-03-31T06:05:00Z", 120), std::nullopt,
        {core::RedFlag::LegWeakness, core::RedFlag::SaddleNumbness, core::RedFlag::LegWeakness}));
    const auto checkIns = journal.checkIns(date(2026, 3, 30), date(2026, 3, 31));
    REQUIRE(checkIns.size() == 2);
    CHECK(checkIns[0].at.date == date(2026, 3, 30));
    CHECK(checkIns[0].at.utc == "2026-03-30T06:10:00Z");
    CHECK(checkIns[0].at.utcOffsetMinutes == 120);
    CHECK(checkIns[0].morningPain == 4);
    CHECK(checkIns[0].redFlags.empty());
    CHECK_FALSE(checkIns[1].morningPain);
    CHECK(checkIns[1].redFlags ==
          std::vector<core::RedFlag>{core::RedFlag::SaddleNumbness, core::RedFlag::LegWeakness});
    CHECK(journal.checkIns(date(2026, 3, 31), date(2026, 3, 31)).size() == 1);
}

TEST_CASE("a week is reviewed once: recording it again changes nothing", "[storage]") {
    SqliteJournal journal(":memory:");
    const auto start = routine();
    journal.startProgram("p", "<program/>", date(2026, 1, 5), start);
    CHECK_FALSE(journal.reviewed(date(2026, 1, 5)));

    auto progressed = start[0];
    progressed.dose.holdSeconds = 15;
    auto regressed = start[1];
    regressed.dose.sets = 2;
    regressed.regressionsInARow = 2;
    core::Review week1{
        date(2026, 1, 5),
        date(2026, 1, 11),
        {change(date(2026, 1, 12), core::Decision::Progress, core::Row::Progress, start[0],
                progressed),
         change(date(2026, 1, 12), core::Decision::Regress, core::Row::Pain, start[1], regressed),
         change(date(2026, 1, 12), core::Decision::Hold, core::Row::Amber, start[2], start[2])}};
    journal.recordReview(week1);
    CHECK(journal.reviewed(date(2026, 1, 5)));
    CHECK_FALSE(journal.reviewed(date(2026, 1, 12)));
    const std::vector<core::Prescription> after{progressed, regressed, start[2]};
    requireSame(journal.prescriptions(), after);

    auto reviews = journal.reviews();
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].weekStart == week1.weekStart);
    CHECK(reviews[0].weekEnd == week1.weekEnd);
    REQUIRE(reviews[0].decisions.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        requireSame(reviews[0].decisions[i], week1.decisions[i]);
    }
    CHECK(journal.doseChanges().size() == 2);

    // The same week again, even with other decisions: nothing changes.
    auto again = week1;
    again.decisions[0].to.dose.holdSeconds = 20;
    again.decisions.pop_back();
    journal.recordReview(again);
    journal.recordReview(week1);
    requireSame(journal.prescriptions(), after);
    reviews = journal.reviews();
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].decisions.size() == 3);
    CHECK(journal.doseChanges().size() == 2);

    // The next week, with no decision at all.
    journal.recordReview({date(2026, 1, 12), date(2026, 1, 18), {}});
    reviews = journal.reviews();
    REQUIRE(reviews.size() == 2);
    CHECK(reviews[1].weekStart == date(2026, 1, 12));
    CHECK(reviews[1].decisions.empty());
}

TEST_CASE("a batch commits its writes together or not at all", "[storage]") {
    SqliteJournal journal(":memory:");
    {
        SqliteJournal::Batch batch(journal);
        const auto id = journal.beginSession({date(2026, 1, 1), "2026-01-01T08:00:00Z", 0}, 1);
        journal.logSet(id, {"bird-dog", 1, 8, 8, 10});
        CHECK_THROWS_AS(journal.logSet(id + 100, {"bird-dog", 2, 8, 8, 10}), StorageError);
        journal.logSet(id, {"bird-dog", 2, 8, 8, 10});
        batch.commit();
    }
    auto sessions = journal.sessions(date(2026, 1, 1), date(2026, 1, 1));
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].sets.size() == 2);
    {
        SqliteJournal::Batch batch(journal);
        journal.logSet(sessions[0].id, {"bird-dog", 3, 8, 8, 10});
    }
    sessions = journal.sessions(date(2026, 1, 1), date(2026, 1, 1));
    CHECK(sessions[0].sets.size() == 2);
}

TEST_CASE("a batch and transaction() are one mechanism: either nests in the other", "[storage]") {
    SqliteJournal journal(":memory:");
    const auto day = date(2026, 1, 1);
    auto feedback = [&](const char* exercise) {
        journal.logFeedback({day, exercise, 1, 1, std::nullopt});
    };
    auto count = [&] { return journal.feedback(day, day).size(); };

    SECTION("a transaction inside a batch is committed with the batch") {
        {
            SqliteJournal::Batch batch(journal);
            journal.transaction([&] { feedback("a"); });
            feedback("b");
        } // not committed
        CHECK(count() == 0);
        {
            SqliteJournal::Batch batch(journal);
            journal.transaction([&] { feedback("a"); });
            CHECK_THROWS(journal.transaction([&] {
                feedback("b");
                throw std::runtime_error("inner");
            }));
            batch.commit();
        }
        REQUIRE(count() == 1);
        CHECK(journal.feedback(day, day)[0].exercise == "a");
    }
    SECTION("a batch inside a transaction joins it") {
        CHECK_THROWS(journal.transaction([&] {
            {
                SqliteJournal::Batch batch(journal);
                feedback("a");
                batch.commit();
            }
            throw std::runtime_error("outer");
        }));
        CHECK(count() == 0);
        journal.transaction([&] {
            SqliteJournal::Batch batch(journal);
            feedback("a");
            batch.commit();
        });
        CHECK(count() == 1);
    }
}
