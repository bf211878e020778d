// Ten years of daily logs (3,650 days, 10 exercises, 3 sets a day each, feedback, a morning
// check-in, a weekly review) in a temporary journal; times the reads the app makes and the cost
// of logging one set next to a bare SQLite commit with the same settings.
// Goals: each read <= 10 ms; logging a set <= 1.2 x the bare commit.
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

void generate(SqliteJournal& journal) {
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
        const auto session = journal.beginSession(stamp);
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
        if (d % 7 == 6) {
            core::Review review;
            review.weekStart = dayAt(d - 6);
            review.weekEnd = date;
            for (const auto& p : routine) {
                core::DoseChange change;
                change.date = dayAt(d + 1);
                change.exercise = p.exercise;
                change.decision = core::Decision::Hold;
                change.rule = 4;
                change.reason = "Same dose this week.";
                change.figures = R"({"A":1.0,"Pd":2,"RPE":4})";
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
        generateMs = timeMs([&] { generate(journal); });
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

    // (e) the tracker's own queries on the ten years: `today`, `streak`, and one weekly
    // review's decisions (the inputs of §4 and the rule table for every exercise of the
    // routine, for the last week; the generator recorded the reviews, so none is due).
    const core::Library library = tenExercises();
    const core::Program program = tenYearProgram();
    core::Tracker tracker(journal, library, program, dayAt(0));
    const core::Date lastDay = dayAt(kDays - 1);
    std::vector<double> todayTimes;
    std::vector<double> streakTimes;
    std::vector<double> reviewTimes;
    std::size_t decisions = 0;
    for (int i = 0; i < 20; ++i) {
        todayTimes.push_back(timeMs([&] { rows += tracker.today(lastDay).items.size(); }));
        streakTimes.push_back(timeMs([&] {
            core::StreakUnit unit;
            rows += static_cast<std::size_t>(tracker.streak(lastDay, unit).current);
        }));
        reviewTimes.push_back(timeMs([&] {
            const int week = tracker.weekOf(lastDay) - 1;
            const double a = tracker.adherence(
                tracker.weekStart(week),
                core::Date(std::chrono::sys_days(tracker.weekStart(week)) + std::chrono::days(6)));
            for (const auto& p : journal.prescriptions()) {
                core::RuleContext context;
                context.exercise = library.find(p.exercise);
                context.library = &library;
                context.current = p;
                const auto decision =
                    core::decideWeek(tracker.inputs(p, week, a), context, lastDay);
                decisions += decision.rule >= 0 ? 1 : 0;
            }
        }));
    }
    rows += decisions;

    // (d) logging a set on the big file, next to a bare commit: one INSERT in its own
    // transaction into a similar table of as many rows, WAL and synchronous=FULL.
    sqlite3* bare = nullptr;
    if (sqlite3_open((dir / "bare.db").c_str(), &bare) != SQLITE_OK) {
        std::fprintf(stderr, "motus_bench_storage: cannot create bare.db\n");
        return 1;
    }
    sqlite(bare, "PRAGMA journal_mode = WAL");
    sqlite(bare, "PRAGMA synchronous = FULL");
    sqlite(bare, "CREATE TABLE bare_set (id INTEGER PRIMARY KEY, session INTEGER NOT NULL, "
                 "exercise TEXT NOT NULL, set_number INTEGER NOT NULL, reps_done INTEGER NOT "
                 "NULL, reps_prescribed INTEGER NOT NULL, hold_seconds INTEGER NOT NULL)");
    sqlite(bare, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 109500) "
                 "INSERT INTO bare_set (session, exercise, set_number, reps_done, "
                 "reps_prescribed, hold_seconds) SELECT i / 30, 'exercise-' || (i % 10), i % 3, "
                 "8, 8, 10 FROM n");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(bare,
                       "INSERT INTO bare_set (session, exercise, set_number, reps_done, "
                       "reps_prescribed, hold_seconds) VALUES (?1, ?2, ?3, 8, 8, 10)",
                       -1, &insert, nullptr);
    auto bareCommit = [&](int n) {
        sqlite(bare, "BEGIN IMMEDIATE");
        sqlite3_bind_int(insert, 1, 4000);
        sqlite3_bind_text(insert, 2, "exercise-0", -1, SQLITE_STATIC);
        sqlite3_bind_int(insert, 3, n);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            std::fprintf(stderr, "motus_bench_storage: %s\n", sqlite3_errmsg(bare));
            std::exit(1);
        }
        sqlite3_reset(insert);
        sqlite(bare, "COMMIT");
    };

    core::Stamp now;
    now.date = dayAt(kDays);
    now.utc = core::formatDate(now.date) + "T06:30:00Z";
    now.utcOffsetMinutes = 60;
    const auto session = journal.beginSession(now);
    for (int n = 0; n < 10; ++n) { // warm up both
        journal.logSet(session, {"exercise-0", n, 8, 8, 10});
        bareCommit(n);
    }
    std::vector<double> logged;
    std::vector<double> bareTimes;
    for (int n = 0; n < kLogs; ++n) { // interleaved, so that both see the same disk
        logged.push_back(timeMs([&] { journal.logSet(session, {"exercise-0", n, 8, 8, 10}); }));
        bareTimes.push_back(timeMs([&] { bareCommit(n); }));
    }
    sqlite3_finalize(insert);
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
    const auto t = summarize(todayTimes);
    const auto st = summarize(streakTimes);
    std::printf("(e) tracker today:                %8.3f ms mean, %.3f max  (goal <= 10 ms: %s)\n",
                t.mean, t.max, verdict(t.max <= 10));
    std::printf("    tracker streak (ten years):  %8.3f ms mean, %.3f max  (goal <= 10 ms: %s)\n",
                st.mean, st.max, verdict(st.max <= 10));
    const auto rv = summarize(reviewTimes);
    std::printf(
        "    one weekly review (%d decisions): %.3f ms mean, %.3f max  (goal <= 10 ms: %s)\n",
        kExercises, rv.mean, rv.max, verdict(rv.max <= 10));
    std::printf("(d) logSet on the big file:      %8.3f ms mean, %.3f median (%d calls)\n", d.mean,
                d.median, kLogs);
    std::printf(
        "    bare INSERT + COMMIT:        %8.3f ms mean, %.3f median (WAL, synchronous=FULL)\n",
        e.mean, e.median);
    std::printf("    ratio logSet / bare:         %8.2f mean, %.2f median (goal <= 1.20: %s)\n",
                d.mean / e.mean, d.median / e.median, verdict(d.mean / e.mean <= 1.2));
    return rows > 0 ? 0 : 1;
}
