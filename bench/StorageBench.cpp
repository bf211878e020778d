// Ten years of daily logs (3,650 days, 10 exercises, 3 sets a day each, feedback, a morning
// check-in, a weekly review) in a temporary journal; times the reads the app makes, the
// tracker's work (one weekly review, catching up 52 weeks, today's routine, streak) and the cost
// of logging one exercise as one transaction next to a bare SQLite transaction of the same rows.
// Goals: each read <= 10 ms; one review <= 2 ms; 52 weeks caught up <= 100 ms; today <= 1 ms;
// a log <= 1.1 x the bare transaction.
#include "core/Tracker.hpp"
#include "storage/SqliteJournal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
namespace core = motus::core;
using motus::storage::SqliteJournal;
using Clock = std::chrono::steady_clock;
using std::chrono::days;
using std::chrono::duration;
using std::chrono::January;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

constexpr int kDays = 3650;
constexpr int kExercises = 10;
constexpr int kSets = 3;
constexpr int kLogs = 200;

const sys_days kFirstDay = sys_days{year{2016} / January / 4}; // a Monday

core::Date dayAt(int index) {
    return core::Date{kFirstDay + days{index}};
}

double ms(Clock::duration d) {
    return duration<double, std::milli>(d).count();
}

struct Figures {
    double mean = 0;
    double median = 0;
    double max = 0;
};

Figures summarize(std::vector<double> samples) {
    Figures f;
    f.mean =
        std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
    std::sort(samples.begin(), samples.end());
    f.median = samples[samples.size() / 2];
    f.max = samples.back();
    return f;
}

template <typename F> double timeMs(F&& f) {
    const auto start = Clock::now();
    f();
    return ms(Clock::now() - start);
}

void sqlite(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "motus_bench_storage: %s: %s\n", sql, error ? error : "?");
        std::exit(1);
    }
}

core::Prescription prescription(int exercise) {
    core::Prescription p;
    p.exercise = "exercise-" + std::to_string(exercise);
    p.dose.sets = kSets;
    p.dose.reps = 8;
    p.dose.holdSeconds = 10;
    return p;
}

// Reviews are recorded for every week but the last `unreviewed` ones.
void generate(SqliteJournal& journal, int unreviewed) {
    std::vector<core::Prescription> routine;
    for (int e = 0; e < kExercises; ++e) {
        routine.push_back(prescription(e));
    }
    SqliteJournal::Batch batch(journal);
    journal.startProgram("ten-years", "<program id=\"ten-years\"/>", dayAt(0), routine);
    for (int d = 0; d < kDays; ++d) {
        const core::Date date = dayAt(d);
        const std::string iso = core::formatDate(date);
        core::Stamp stamp;
        stamp.date = date;
        stamp.utc = iso + "T06:30:00Z";
        stamp.utcOffsetMinutes = 60;
        const auto session = journal.beginSession(stamp, 1);
        for (int e = 0; e < kExercises; ++e) {
            for (int s = 1; s <= kSets; ++s) {
                journal.logSet(session,
                               {routine[static_cast<std::size_t>(e)].exercise, s, 8, 8, 10});
            }
        }
        journal.finishSession(session, core::SessionStatus::Complete);
        for (int e = 0; e < kExercises; ++e) {
            core::Feedback feedback;
            feedback.date = date;
            feedback.exercise = routine[static_cast<std::size_t>(e)].exercise;
            feedback.pain = d % 4;
            feedback.effort = 4;
            feedback.leg = core::LegChange::Same;
            journal.logFeedback(feedback);
        }
        core::CheckIn checkIn;
        checkIn.at = stamp;
        checkIn.morningPain = 2;
        journal.logCheckIn(checkIn);
        if (d % 7 == 6 && d < kDays - 7 * unreviewed) {
            core::Review review;
            review.weekStart = dayAt(d - 6);
            review.weekEnd = date;
            for (const auto& p : routine) {
                core::DoseChange change;
                change.date = dayAt(d + 1);
                change.exercise = p.exercise;
                change.decision = core::Decision::Hold;
                change.row = core::Row::Amber;
                change.reason = {core::ReasonKey::Amber, {"rpe:7"}};
                change.figures.adherence = 1.0;
                change.figures.painDuring = 2;
                change.figures.effort = 7;
                change.from = p;
                change.to = p;
                review.decisions.push_back(change);
            }
            journal.recordReview(review);
        }
    }
    batch.commit();
}

} // namespace

// The exercises and the program the generated journal follows, for the tracker's queries.
core::Library tenExercises() {
    std::vector<core::Exercise> exercises;
    for (int e = 0; e < kExercises; ++e) {
        core::Exercise ex;
        ex.id = "exercise-" + std::to_string(e);
        ex.texts["en"].name = ex.id;
        ex.dose = prescription(e).dose;
        ex.bounds.sets = {1, 3};
        ex.bounds.reps = {5, 12};
        ex.bounds.hold = {5, 30};
        ex.poses.resize(2);
        ex.phases = {
            {core::PhaseType::In, 1}, {core::PhaseType::Hold, 1}, {core::PhaseType::Out, 0}};
        exercises.push_back(ex);
    }
    return core::Library(std::move(exercises));
}

core::Program tenYearProgram() {
    core::Program program;
    program.id = "ten-years";
    program.title = "Ten years";
    core::ProgramPhase phase;
    phase.name = "All";
    phase.weeks = kDays / 7 + 1;
    for (int e = 0; e < kExercises; ++e) {
        core::ProgramItem item;
        item.exercise = "exercise-" + std::to_string(e);
        item.dose = prescription(e).dose;
        item.bounds.sets = {1, 3};
        item.bounds.reps = {5, 12};
        item.bounds.hold = {5, 30};
        phase.items.push_back(item);
    }
    program.phases.push_back(phase);
    return program;
}

int main() {
    const fs::path dir =
        fs::temp_directory_path() / ("motus-bench-storage-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const fs::path file = dir / "motus.db";
    std::mt19937 random(7);

    double generateMs = 0;
    {
        SqliteJournal journal(file);
        generateMs = timeMs([&] { generate(journal, 52); });
    }
    double openMs = 0;
    std::optional<SqliteJournal> opened;
    openMs = timeMs([&] { opened.emplace(file); }); // checks the file (quick_check) first
    SqliteJournal& journal = *opened;

    // (a) one day's sessions.
    std::uniform_int_distribution<int> anyDay(0, kDays - 1);
    std::vector<double> oneDay;
    std::size_t rows = 0;
    for (int i = 0; i < 200; ++i) {
        const auto date = dayAt(anyDay(random));
        oneDay.push_back(timeMs([&] { rows += journal.sessions(date, date).size(); }));
    }
    // (b) the last 12 weeks, as a streak needs.
    std::vector<double> twelveWeeks;
    for (int i = 0; i < 50; ++i) {
        const int today = kDays - 1 - i;
        twelveWeeks.push_back(
            timeMs([&] { rows += journal.sessions(dayAt(today - 83), dayAt(today)).size(); }));
    }
    // (c) the reads of one weekly review: sessions, feedback, check-ins of two weeks.
    std::vector<double> review;
    for (int i = 0; i < 50; ++i) {
        const int end = kDays - 1 - 7 * i;
        review.push_back(timeMs([&] {
            rows += journal.sessions(dayAt(end - 13), dayAt(end)).size();
            rows += journal.feedback(dayAt(end - 13), dayAt(end)).size();
            rows += journal.checkIns(dayAt(end - 13), dayAt(end)).size();
        }));
    }

    // (e) the tracker on the ten years. The generator left the last 52 weeks unreviewed:
    // catching them up, then one weekly review, each timed inside a transaction that is rolled
    // back so that every run does the same work; today's routine; the streak.
    const core::Library library = tenExercises();
    const core::Program program = tenYearProgram();
    core::Tracker tracker(journal, library, program, dayAt(0));
    const core::Date lastDay = dayAt(kDays - 1);
    const core::Date asOf = dayAt(kDays);
    struct Rollback {};
    auto rolledBack = [&](auto work) {
        try {
            journal.transaction([&] {
                work();
                throw Rollback{};
            });
        } catch (const Rollback&) {
        }
    };
    std::vector<double> catchUpTimes;
    std::size_t caughtUp = 0;
    for (int i = 0; i < 3; ++i) {
        catchUpTimes.push_back(
            timeMs([&] { rolledBack([&] { caughtUp = tracker.runDueReviews(asOf).size(); }); }));
    }
    (void)tracker.runDueReviews(tracker.weekStart(tracker.weekOf(asOf) - 1)); // all but one
    std::vector<double> reviewTimes;
    std::size_t reviewed = 0;
    for (int i = 0; i < 20; ++i) {
        reviewTimes.push_back(
            timeMs([&] { rolledBack([&] { reviewed = tracker.runDueReviews(asOf).size(); }); }));
    }
    std::vector<double> todayTimes;
    std::vector<double> streakTimes;
    for (int i = 0; i < 20; ++i) {
        todayTimes.push_back(timeMs([&] { rows += tracker.today(lastDay).items.size(); }));
        streakTimes.push_back(timeMs([&] {
            core::StreakUnit unit;
            rows += static_cast<std::size_t>(tracker.streak(lastDay, unit).current);
        }));
    }

    // (d) logging one exercise (3 sets and its feedback, as `motus log` does) as one
    // transaction on the big file, next to a bare transaction of the same rows: a session, three
    // sets and a feedback row in tables of as many rows, WAL and synchronous=FULL.
    sqlite3* bare = nullptr;
    if (sqlite3_open((dir / "bare.db").c_str(), &bare) != SQLITE_OK) {
        std::fprintf(stderr, "motus_bench_storage: cannot create bare.db\n");
        return 1;
    }
    sqlite(bare, "PRAGMA journal_mode = WAL");
    sqlite(bare, "PRAGMA synchronous = FULL");
    sqlite(bare, "CREATE TABLE bare_session (id INTEGER PRIMARY KEY, date TEXT NOT NULL)");
    sqlite(bare, "CREATE TABLE bare_set (id INTEGER PRIMARY KEY, session INTEGER NOT NULL, "
                 "exercise TEXT NOT NULL, set_number INTEGER NOT NULL, reps_done INTEGER NOT "
                 "NULL, reps_prescribed INTEGER NOT NULL, hold_seconds INTEGER NOT NULL)");
    sqlite(bare, "CREATE TABLE bare_feedback (id INTEGER PRIMARY KEY, date TEXT NOT NULL, "
                 "exercise TEXT NOT NULL, pain INTEGER, effort INTEGER)");
    sqlite(bare, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 109500) "
                 "INSERT INTO bare_set (session, exercise, set_number, reps_done, "
                 "reps_prescribed, hold_seconds) SELECT i / 30, 'exercise-' || (i % 10), i % 3, "
                 "8, 8, 10 FROM n");
    auto bareLog = [&](int n) {
        sqlite(bare, "BEGIN IMMEDIATE");
        sqlite(bare, "INSERT INTO bare_session (date) VALUES ('2026-01-04')");
        const std::string sets = "INSERT INTO bare_set (session, exercise, set_number, reps_done, "
                                 "reps_prescribed, hold_seconds) VALUES (" +
                                 std::to_string(n) + ", 'exercise-0', 1, 8, 8, 10), (" +
                                 std::to_string(n) + ", 'exercise-0', 2, 8, 8, 10), (" +
                                 std::to_string(n) + ", 'exercise-0', 3, 8, 8, 10)";
        sqlite(bare, sets.c_str());
        sqlite(bare, "INSERT INTO bare_feedback (date, exercise, pain, effort) VALUES "
                     "('2026-01-04', 'exercise-0', 2, 4)");
        sqlite(bare, "COMMIT");
    };
    // As a patient logs: the ten exercises of the routine one after the other, day after day
    // (the first log of a day also looks for a gap before it).
    int logsDone = 0;
    auto logNext = [&] {
        const int n = logsDone++;
        core::Stamp now;
        now.date = dayAt(kDays + n / kExercises);
        now.utc = core::formatDate(now.date) + "T06:30:00Z";
        now.utcOffsetMinutes = 60;
        const std::string id = "exercise-" + std::to_string(n % kExercises);
        (void)tracker.logExercise(now, id, kSets, 8, 10,
                                  core::Feedback{now.date, id, 2, 4, core::LegChange::Same});
    };
    for (int n = 0; n < 5; ++n) { // warm up both
        logNext();
        bareLog(n);
    }
    std::vector<double> logged;
    std::vector<double> bareTimes;
    for (int n = 0; n < kLogs; ++n) { // interleaved, so that both see the same disk
        logged.push_back(timeMs(logNext));
        bareTimes.push_back(timeMs([&] { bareLog(n); }));
    }
    sqlite3_close(bare);

    const auto fileSize = fs::file_size(file);
    opened.reset();
    fs::remove_all(dir);

    const auto a = summarize(oneDay);
    const auto b = summarize(twelveWeeks);
    const auto c = summarize(review);
    const auto d = summarize(logged);
    const auto e = summarize(bareTimes);
    auto verdict = [](bool ok) { return ok ? "ok" : "MISSED"; };
    std::printf(
        "journal: %d days x %d exercises x %d sets = %d sets, %.1f MB (generated in %.1f s)\n",
        kDays, kExercises, kSets, kDays * kExercises * kSets, static_cast<double>(fileSize) / 1e6,
        generateMs / 1e3);
    std::printf("open (checks, quick_check):      %8.2f ms\n", openMs);
    std::printf("(a) one day's sessions:          %8.3f ms mean, %.3f median, %.3f max  (goal <= "
                "10 ms: %s)\n",
                a.mean, a.median, a.max, verdict(a.max <= 10));
    std::printf("(b) last 12 weeks of sessions:   %8.3f ms mean, %.3f median, %.3f max  (goal <= "
                "10 ms: %s)\n",
                b.mean, b.median, b.max, verdict(b.max <= 10));
    std::printf("(c) one weekly review's reads:   %8.3f ms mean, %.3f median, %.3f max  (goal <= "
                "10 ms: %s)\n",
                c.mean, c.median, c.max, verdict(c.max <= 10));
    const auto cu = summarize(catchUpTimes);
    std::printf("(e) catching up %zu weeks:        %8.2f ms mean, %.2f max  (goal <= 100 ms: %s)\n",
                caughtUp, cu.mean, cu.max, verdict(cu.max <= 100));
    const auto rv = summarize(reviewTimes);
    std::printf("    one weekly review (%zu, %d exercises): %.3f ms mean, %.3f median, %.3f max  "
                "(goal <= 2 ms: %s)\n",
                reviewed, kExercises, rv.mean, rv.median, rv.max, verdict(rv.median <= 2));
    const auto t = summarize(todayTimes);
    std::printf("    today's routine:             %8.3f ms mean, %.3f max  (goal <= 1 ms: %s)\n",
                t.mean, t.max, verdict(t.max <= 1));
    const auto st = summarize(streakTimes);
    std::printf("    streak (ten years):          %8.3f ms mean, %.3f max  (goal <= 10 ms: %s)\n",
                st.mean, st.max, verdict(st.max <= 10));
    std::printf("(d) log one exercise (1 txn):    %8.3f ms mean, %.3f median (%d calls)\n", d.mean,
                d.median, kLogs);
    std::printf("    bare txn, same rows:         %8.3f ms mean, %.3f median (WAL, "
                "synchronous=FULL)\n",
                e.mean, e.median);
    std::printf("    ratio log / bare:            %8.2f mean, %.2f median (goal <= 1.10: %s)\n",
                d.mean / e.mean, d.median / e.median, verdict(d.median / e.median <= 1.1));
    return rows > 0 ? 0 : 1;
}
