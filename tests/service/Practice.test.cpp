// The application layer as both front ends use it: a clock set by the test, the bundled library
// and programs, and the journal in memory (or one that fails writes on demand).
#include "service/Practice.hpp"
#include "content/ProgramLoader.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/PendingSets.hpp"
#include "support/FailingJournal.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace motus;
using core::Date;

namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
Date plus(Date d, long n) {
    return Date(std::chrono::sys_days(d) + std::chrono::days(n));
}

const std::filesystem::path kLibrary = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
std::filesystem::path bundled(const std::string& id) {
    return kLibrary / "programs" / (id + ".xml");
}

// A practice on a journal the test keeps a handle on, with "today" under the test's control.
struct Patient {
    Date today = day(2026, 11, 2);
    core::Journal* journal = nullptr;
    std::unique_ptr<service::Practice> practice;

    explicit Patient(std::unique_ptr<core::Journal> j = std::make_unique<core::MemoryJournal>()) {
        journal = j.get();
        practice = std::make_unique<service::Practice>(service::PracticeOptions{
            kLibrary, {}, std::move(j), [this] { return core::stampOn(today); }});
    }
    service::Practice& operator*() { return *practice; }
    service::Practice* operator->() { return practice.get(); }

    // Every exercise of today's routine done with the given pain and effort.
    void doRoutine(int pain = 2, int effort = 4) {
        for (const auto& item : practice->todayView().items) {
            service::LogRequest r;
            r.exercise = item.prescription.exercise;
            r.pain = pain;
            r.effort = effort;
            (void)practice->log(r);
        }
    }
    void morning(int pain) {
        core::CheckIn c;
        c.at = core::stampOn(today);
        c.morningPain = pain;
        (void)practice->checkIn(c);
    }
};

std::size_t setsStored(core::Journal& journal) {
    std::size_t n = 0;
    for (const auto& s : journal.sessions(day(2000, 1, 1), day(2100, 1, 1))) {
        n += s.sets.size();
    }
    return n;
}

} // namespace

TEST_CASE("practice: nothing is recorded for a day after today", "[service][dates]") {
    Patient p;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    const auto tomorrow = plus(p.today, 1);
    service::LogRequest log;
    log.exercise = p->todayView().items.front().prescription.exercise;
    log.date = tomorrow;
    CHECK_THROWS_AS(p->log(log), service::Refused);
    core::CheckIn c;
    c.at = core::stampOn(tomorrow);
    c.morningPain = 3;
    CHECK_THROWS_AS(p->checkIn(c), service::Refused);
    CHECK_THROWS_AS(p->feedback({tomorrow, log.exercise, 2, 3, std::nullopt}), service::Refused);
    CHECK_THROWS_AS(p->recordSet(core::stampOn(tomorrow), log.exercise, 5, 0), service::Refused);
    CHECK(setsStored(*p.journal) == 0);
    CHECK(p.journal->checkIns(day(2000, 1, 1), day(2100, 1, 1)).empty());
    CHECK(p.journal->feedback(day(2000, 1, 1), day(2100, 1, 1)).empty());
}

TEST_CASE("practice: a future date is a preview that stores nothing", "[service][dates]") {
    Patient p;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    p.today = plus(p.today, 8); // one week over: one review due
    (void)p->todayView();
    REQUIRE(p.journal->reviews().size() == 1);
    const auto preview = p->todayView(plus(p.today, 70));
    CHECK(preview.preview);
    CHECK(preview.week == 11);
    CHECK(p.journal->reviews().size() == 1); // the ten previewed reviews were not stored
    const auto reviews = p->reviews(plus(p.today, 30));
    CHECK(reviews.size() == 5);
    CHECK(p.journal->reviews().size() == 1);
}

TEST_CASE("practice: assigning over a program needs a confirmation; a year is the limit",
          "[service][programs]") {
    Patient p;
    CHECK_FALSE(p->assign(bundled("low-back-motor-control"), p.today, false).replaced);
    CHECK_THROWS_AS(p->assign(bundled("neck-upper-back"), p.today, false), service::Refused);
    CHECK(p->program()->id == "low-back-motor-control");
    try {
        (void)p->assign(bundled("neck-upper-back"), plus(p.today, 400), true);
        FAIL("a start 400 days away was accepted");
    } catch (const service::Refused& e) {
        CHECK(e.usage());
    }
    CHECK(p->program()->id == "low-back-motor-control");
    CHECK(p->assign(bundled("neck-upper-back"), p.today, true).replaced);
    CHECK(p->program()->id == "neck-upper-back");
}

TEST_CASE("practice: the neck program as shipped lists every exercise once and exports",
          "[service][programs]") {
    Patient p;
    (void)p->assign(bundled("neck-upper-back"), p.today, false);
    for (int d = 0; d < 35; ++d) {
        const auto view = p->todayView();
        std::set<std::string> ids;
        for (const auto& item : view.items) {
            CHECK(ids.insert(item.prescription.exercise).second); // no exercise twice
        }
        CHECK(ids.size() == p->program()->phases[view.phase].items.size());
        if (p->program()->phases[view.phase].perWeek == 5 && (d % 7) >= 5) {
            p.today = plus(p.today, 1);
            continue;
        }
        p.doRoutine();
        p.morning(2);
        CHECK(p->todayView().dayComplete);
        p.today = plus(p.today, 1);
    }
    const auto text = p->currentProgramText();
    const auto file = std::filesystem::temp_directory_path() / "motus-neck-export.xml";
    std::ofstream(file) << text;
    const auto again = p->preview(file);
    REQUIRE(again.program);
    std::filesystem::remove(file);
}

TEST_CASE("practice: one exercise done twice a day does not earn the routine", "[service][rules]") {
    Patient p;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    const auto first = p->todayView().items.at(1).prescription; // not the locked cat-camel
    for (int d = 0; d < 7; ++d) {
        for (int twice = 0; twice < 2; ++twice) {
            service::LogRequest r;
            r.exercise = first.exercise;
            r.sets = first.dose.sets;
            r.pain = 1;
            r.effort = 3;
            (void)p->log(r);
        }
        p.morning(1);
        CHECK_FALSE(p->todayView().dayComplete);
        p.today = plus(p.today, 1);
    }
    const auto view = p->todayView();
    REQUIRE(view.adherence7);
    const auto items = p->program()->phases[0].items.size();
    CHECK(*view.adherence7 == core::Fraction(1, static_cast<std::int64_t>(items)));
    for (const auto& change : p->history()) {
        CHECK(change.decision != core::Decision::Progress); // A < 50 %: no step up
    }
}

TEST_CASE("practice: a stop survives a new phase and a re-import until the flag is cleared",
          "[service][rules]") {
    Patient p;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    service::LogRequest r;
    r.exercise = "bird-dog-arm";
    r.leg = core::LegChange::NumbWeak;
    const auto logged = p->log(r);
    REQUIRE(logged.changes.size() == 1);
    CHECK(logged.changes[0].row == core::Row::Legs);
    CHECK(logged.changes[0].reason.key == core::ReasonKey::LegsNumbWeak);
    auto flags = p->flags();
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].exercise == "bird-dog-arm");
    CHECK(flags[0].stops);
    auto stopped = [&] {
        const auto view = p->todayView();
        for (const auto& item : view.items) {
            if (item.prescription.exercise == "bird-dog-arm") {
                return false;
            }
        }
        return true;
    };
    CHECK(stopped());
    p.today = plus(p.today, 15); // into the second phase
    CHECK(p->todayView().phase == 1);
    CHECK(stopped());
    (void)p->assign(bundled("low-back-motor-control"), p.today, true); // re-imported
    CHECK(stopped());
    p->clearFlag(flags[0].id);
    CHECK_FALSE(stopped());
    CHECK(p->flags().empty());
    CHECK_THROWS_AS(p->clearFlag(flags[0].id), service::Refused);
    const auto history = p->history();
    CHECK(history.back().decision == core::Decision::Resume);
}

TEST_CASE("practice: two sessions a day are two, not one", "[service][rules]") {
    const auto file = std::filesystem::temp_directory_path() / "motus-twice.xml";
    std::ofstream(file) << R"(<?xml version="1.0" encoding="UTF-8"?>
<program id="twice" format="1">
  <title>Twice a day</title>
  <author>Test</author>
  <phase name="Only" weeks="2" per-week="7" per-day="2">
    <item exercise="glute-bridge" sets="2" reps="10"/>
  </phase>
</program>
)";
    Patient p;
    (void)p->assign(file, p.today, false);
    p.doRoutine();
    auto view = p->todayView();
    CHECK_FALSE(view.dayComplete);
    CHECK(view.sessionsEarned == core::Fraction(1));
    p.doRoutine();
    view = p->todayView();
    CHECK(view.dayComplete);
    const auto sessions = p.journal->sessions(p.today, p.today);
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0].slot == 1);
    CHECK(sessions[1].slot == 2);
    std::filesystem::remove(file);
}

TEST_CASE("practice: a log is one transaction", "[service][atomic]") {
    auto memory = std::make_shared<core::MemoryJournal>(); // outlives the practice below
    auto* inner = memory.get();
    auto failing = std::make_unique<test::FailingJournal>(*inner);
    auto* switchable = failing.get();
    Patient p(std::move(failing));
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    switchable->failAfter(3); // the third write of the log fails
    service::LogRequest r;
    r.exercise = "mcgill-curl-up";
    r.sets = 3;
    r.pain = 2;
    CHECK_THROWS(p->log(r));
    CHECK(setsStored(*inner) == 0);
    CHECK(inner->sessions(p.today, p.today).empty());
    CHECK(inner->feedback(p.today, p.today).empty());
    switchable->failWrites(false);
    switchable->failAfter(0);
    const auto logged = p->log(r);
    CHECK(logged.sets.size() == 3);
    CHECK(setsStored(*inner) == 3);
}

TEST_CASE("practice: sets the journal refused are kept and stored once, in order",
          "[service][atomic]") {
    auto memory = std::make_shared<core::MemoryJournal>(); // outlives the practice below
    auto failing = std::make_unique<test::FailingJournal>(*memory);
    auto* switchable = failing.get();
    Patient p(std::move(failing));
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    service::PendingSets pending;
    switchable->failWrites(true);
    for (int i = 0; i < 3; ++i) {
        pending.add({core::stampOn(p.today), "mcgill-curl-up", 6 + i, 10});
        CHECK_FALSE(pending.flush(*p).empty());
    }
    CHECK(pending.size() == 3);
    CHECK(setsStored(*memory) == 0);
    switchable->failWrites(false);
    CHECK(pending.flush(*p).empty());
    CHECK(pending.empty());
    const auto sessions = memory->sessions(p.today, p.today);
    REQUIRE(sessions.size() == 1);
    REQUIRE(sessions[0].sets.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(sessions[0].sets[static_cast<std::size_t>(i)].set == i + 1);
        CHECK(sessions[0].sets[static_cast<std::size_t>(i)].repsDone == 6 + i);
    }
}

TEST_CASE("practice: a year of reviews is caught up once", "[service][reviews]") {
    Patient p;
    (void)p->assign(bundled("hip-knee"), plus(p.today, -364), false);
    const auto ran = p->catchUp();
    CHECK(ran.size() == 52);
    CHECK(p->catchUp().empty());
    CHECK(p->state() == service::ProgramState::Complete);
    CHECK(p->todayView().state == service::ProgramState::Complete);
}

TEST_CASE("practice: Today lists a new phase once, not once for each exercise it changes",
          "[service][today]") {
    Patient p;
    const Date start = p.today;
    (void)p->assign(bundled("low-back-motor-control"), start, false);
    for (int i = 0; i < 28; ++i) { // four good weeks
        p.today = plus(start, i);
        p.morning(2);
        p.doRoutine();
    }
    p.today = plus(start, 28); // week 5: the Load phase begins
    const auto view = p->todayView();
    // The journal has a line for each exercise the new phase changes, all on one date.
    std::map<Date, std::size_t> begins;
    for (const auto& c : p->history()) {
        if (c.row == core::Row::Phase && c.reason.key == core::ReasonKey::PhaseBegins) {
            ++begins[c.date];
        }
    }
    REQUIRE(!begins.empty());
    const auto [phaseDay, lines] = *begins.rbegin(); // the Load phase
    REQUIRE(lines > 1);
    std::size_t shown = 0;
    for (const auto& c : view.latestChanges) {
        shown += c.date == phaseDay && c.reason.key == core::ReasonKey::PhaseBegins;
    }
    CHECK(shown == 1);
    // The weekly review's lines of that day are each there.
    std::size_t reviewed = 0;
    for (const auto& c : p->history()) {
        reviewed += c.date == phaseDay && c.row == core::Row::Progress;
    }
    REQUIRE(reviewed > 1);
    CHECK(static_cast<std::size_t>(std::count_if(
              view.latestChanges.begin(), view.latestChanges.end(), [&](const auto& c) {
                  return c.date == phaseDay && c.row == core::Row::Progress;
              })) == reviewed);
}

TEST_CASE("practice: a morning pain is undone the same day with the doses it changed; not after",
          "[service][undo]") {
    Patient p;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    for (int i = 0; i < 9; ++i) { // into week 2, with a baseline of 2
        p.morning(2);
        p.doRoutine();
        p.today = plus(p.today, 1);
    }
    (void)p->catchUp();
    const auto prescriptions = p.journal->prescriptions();
    const auto changes = p.journal->doseChanges();
    const auto flags = p.journal->flags();
    CHECK_FALSE(p->todayView().morningPainToday);

    core::CheckIn c;
    c.at = core::stampOn(p.today);
    c.morningPain = 7; // 5 above the baseline: what was done yesterday steps back
    const auto result = p->checkIn(c);
    REQUIRE_FALSE(result.changes.empty());
    CHECK(p.journal->prescriptions() != prescriptions);
    auto view = p->todayView();
    CHECK(view.morningPainToday == 7);
    CHECK(view.morningPainUndoable);

    const auto undone = p->undoMorningPain();
    CHECK(undone.morningPain == 7);
    // The changes it had made, as listed before (the history leaves the holds out).
    const auto listed =
        std::count_if(result.changes.begin(), result.changes.end(),
                      [](const auto& d) { return d.decision != core::Decision::Hold; });
    CHECK(undone.takenBack.size() == static_cast<std::size_t>(listed));
    CHECK_FALSE(undone.takenBack.empty());
    CHECK(p.journal->prescriptions() == prescriptions);
    CHECK(p.journal->doseChanges().size() == changes.size());
    CHECK(p.journal->flags().size() == flags.size());
    CHECK(p.journal->checkIns(p.today, p.today).empty());
    view = p->todayView();
    CHECK_FALSE(view.morningPainToday);
    CHECK_FALSE(view.checkedInToday);
    CHECK_THROWS_AS(p->undoMorningPain(), service::Refused); // nothing left to undo

    // Answered again; the next day that answer stays.
    p.morning(3);
    CHECK(p->todayView().morningPainUndoable);
    const Date answered = p.today;
    p.today = plus(p.today, 1);
    CHECK_FALSE(p->todayView(answered).morningPainUndoable);
    CHECK_THROWS_WITH(p->undoMorningPain(), Catch::Contains("no morning pain of today") &&
                                                Catch::Contains("an earlier day stays as it is"));
    CHECK(p.journal->checkIns(answered, answered).size() == 1);
}

TEST_CASE("practice: a morning pain that also reported a warning sign is not undone",
          "[service][undo]") {
    Patient p;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    core::CheckIn c;
    c.at = core::stampOn(p.today);
    c.morningPain = 4;
    c.redFlags = {core::RedFlag::SaddleNumbness};
    (void)p->checkIn(c);
    CHECK_FALSE(p->todayView().morningPainUndoable);
    CHECK_THROWS_WITH(p->undoMorningPain(), Catch::Contains("warning sign"));
    CHECK(p->state() == service::ProgramState::Stopped);
}

TEST_CASE("practice: every bundled program plays through its weeks with a fully adherent patient "
          "and ends complete",
          "[service][programs]") {
    const auto files = content::bundledPrograms(kLibrary);
    CHECK(files.size() >= 8);
    for (const auto& file : files) {
        INFO(file.filename().string());
        Patient p;
        REQUIRE_NOTHROW((void)p->assign(file, p.today, false));
        const int weeks = p->program()->totalWeeks();
        // At least 12 weeks, and every week of a longer program, and a day over.
        const int days = std::max(12, weeks) * 7 + 1;
        service::ProgramState last = service::ProgramState::None;
        int sessions = 0;
        for (int d = 0; d < days; ++d) {
            INFO("day " << d);
            service::TodayView view;
            REQUIRE_NOTHROW(view = p->todayView());
            last = view.state;
            if (view.state == service::ProgramState::Complete) {
                break;
            }
            CHECK(view.state == service::ProgramState::Active); // never stopped
            std::set<std::string> ids;
            for (const auto& item : view.items) {
                CHECK(ids.insert(item.prescription.exercise).second); // no exercise twice
                CHECK(p->library().find(item.prescription.exercise) != nullptr);
            }
            CHECK(view.stopped.empty());
            const bool rest =
                !view.calendar.empty() && view.calendar.back().second == core::DayMark::Rest;
            if (!rest && !view.items.empty()) {
                for (int s = 0; s < view.sessionsPerDay; ++s) {
                    REQUIRE_NOTHROW(p.doRoutine(2, 4));
                }
                CHECK(p->todayView().dayComplete);
                ++sessions;
            }
            p.morning(2);
            p.today = plus(p.today, 1);
        }
        CHECK(last == service::ProgramState::Complete);
        CHECK(sessions >= weeks * 2); // it was played, not skipped
        CHECK(p->todayView().openFlags.empty());
    }
}
