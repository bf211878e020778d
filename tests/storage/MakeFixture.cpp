// Writes the journal fixtures in tests/storage/fixtures: a journal as an older Motus left it, by
// replaying the released migrations (they are never edited) and inserting the rows that version
// wrote.
//
//   journal-v1.db  migration 1 only, WAL mode, a few rows in every table.
//   journal-v3.db  the v1 rows, migrations 2 and 3 (as a user's journal was upgraded), then the
//                  rows a version 3 Motus wrote: two sessions on one date, set numbers logged
//                  twice (the race of two windows), a rule 2 regress with its figures, a phase
//                  change (rule -1, by the therapist), old rules 0-7 and figures that a newer Motus
//                  must tolerate (nan, wrong types, not JSON at all).
//
// The tests "a journal of every earlier version is migrated and keeps every row" and "a version 3
// journal is migrated to version 4 ..." expect exactly these rows. journal-v3.db was written by
// this program built at commit 27f66f9 (the last with schema version 3).
//
//   cmake --build build --target motus_storage_make_fixture
//   build/bin/motus_storage_make_fixture tests/storage/fixtures/journal-v1.db 1
//   build/bin/motus_storage_make_fixture tests/storage/fixtures/journal-v3.db 3
#include <storage/Schema.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {

bool run(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "motus_storage_make_fixture: %s\n", error ? error : "error");
        sqlite3_free(error);
        return false;
    }
    return true;
}

// The rows (v1 columns). Keep in step with OpenFile.test.cpp.
constexpr const char* kRows = R"sql(
INSERT INTO program (id, program_id, xml, start_date, stopped, recorded_utc) VALUES
  (1, 'back-basics', '<program id="back-basics"><phase weeks="2"/></program>', '2026-01-05', 0,
   '2026-01-05T08:00:00Z'),
  (2, 'back-load', '<program id="back-load"><phase weeks="4"/></program>', '2026-02-02', 0,
   '2026-02-02T08:00:00Z');
INSERT INTO prescription VALUES
  ('bird-dog', 1, 3, 9, 10, 2, 30, 'alternate', 1, 7, '', 1, 5, 6, 12, 5, 10, 0, 120, 0),
  ('curl-up', 2, 3, 5, 10, 2, 30, 'both', 2, 5, '5,3,1', 1, 5, 1, 30, 0, 60, 0, 120, 0),
  ('side-plank', 3, 2, 3, 15, 2, 0, 'each', 1, 7, '', 1, 3, 1, 30, 0, 60, 0, 60, 1);
INSERT INTO session VALUES
  (1, '2026-02-02', '2026-02-02T06:30:00Z', 60, 'complete'),
  (2, '2026-02-03', '2026-02-03T23:30:00Z', -300, 'partial'),
  (3, '2026-02-04', '2026-02-04T06:45:00Z', 60, 'stopped');
INSERT INTO set_log (session, exercise, set_number, reps_done, reps_prescribed, hold_seconds) VALUES
  (1, 'bird-dog', 1, 9, 9, 10),
  (1, 'bird-dog', 2, 9, 9, 10),
  (1, 'curl-up', 1, 5, 5, 10),
  (2, 'side-plank', 1, 2, 3, 15);
INSERT INTO feedback (date, exercise, pain, effort, leg) VALUES
  ('2026-02-02', 'bird-dog', 2, 4, 'same'),
  ('2026-02-03', 'side-plank', NULL, 7, NULL);
INSERT INTO check_in VALUES
  (1, '2026-02-03', '2026-02-03T06:00:00Z', 60, 3),
  (2, '2026-02-04', '2026-02-04T06:00:00Z', 60, NULL);
INSERT INTO red_flag VALUES (2, 'leg-weakness');
INSERT INTO dose_change VALUES
  (1, '2026-01-12', 'bird-dog', 'progress', 5, 'Done in full, easy and pain-free: one step up.',
   '{"A":1.0,"Pd":1,"RPE":4}', 0,
   'bird-dog', 3, 8, 10, 2, 30, 'alternate', 1, 7, '', 1, 5, 6, 12, 5, 10, 0, 120, 0,
   'bird-dog', 3, 9, 10, 2, 30, 'alternate', 1, 7, '', 1, 5, 6, 12, 5, 10, 0, 120, 0),
  (2, '2026-01-12', 'curl-up', 'hold', 4, 'Effort was high: same dose this week.',
   '{"A":0.9,"RPE":7}', 0,
   'curl-up', 3, 5, 10, 2, 30, 'both', 2, 5, '5,3,1', 1, 5, 1, 30, 0, 60, 0, 120, 0,
   'curl-up', 3, 5, 10, 2, 30, 'both', 2, 5, '5,3,1', 1, 5, 1, 30, 0, 60, 0, 120, 0),
  (3, '2026-01-19', 'side-plank', 'progress', 5, 'Set by your therapist.', '{}', 1,
   'side-plank', 2, 3, 10, 2, 0, 'each', 1, 7, '', 1, 3, 1, 30, 0, 60, 0, 60, 1,
   'side-plank', 2, 3, 15, 2, 0, 'each', 1, 7, '', 1, 3, 1, 30, 0, 60, 0, 60, 1);
)sql";

// The prescription columns of a dose_change (v3), for `from_` or `to_`.
std::string prescriptionColumns(const std::string& prefix) {
    std::string list;
    for (const char* column : {"exercise",      "sets",
                               "reps",          "hold_seconds",
                               "tempo_seconds", "rest_seconds",
                               "side",          "per_day",
                               "per_week",      "pyramid",
                               "min_sets",      "max_sets",
                               "min_reps",      "max_reps",
                               "min_hold",      "max_hold",
                               "min_rest",      "max_rest",
                               "locked",        "regressions_in_a_row",
                               "stopped",       "low_adherence_weeks"}) {
        list += ", " + prefix + column;
    }
    return list;
}

// One dose_change row as a version 3 Motus wrote it. `from` and `to` are the 22 prescription
// values in the order of prescriptionColumns.
std::string change(int id, const char* date, const char* exercise, const char* decision, int rule,
                   const char* reason, const char* figures, int byTherapist, const char* review,
                   const char* from, const char* to) {
    return "INSERT INTO dose_change (id, date, exercise, decision, rule, reason, figures, "
           "by_therapist, review" +
           prescriptionColumns("from_") + prescriptionColumns("to_") + ") VALUES (" +
           std::to_string(id) + ", '" + date + "', '" + exercise + "', '" + decision + "', " +
           std::to_string(rule) + ", '" + reason + "', '" + figures + "', " +
           std::to_string(byTherapist) + ", " + review + ", " + from + ", " + to + ");\n";
}

constexpr const char* kCurlUp3 =
    "'curl-up', 3, 5, 10, 2, 30, 'both', 2, 5, '5,3,1', 1, 5, 1, 30, 0, 60, 0, 120, 0, 0, 0, 0";
constexpr const char* kCurlUp2 =
    "'curl-up', 2, 5, 10, 2, 30, 'both', 2, 5, '5,3,1', 1, 5, 1, 30, 0, 60, 0, 120, 0, 1, 0, 0";
constexpr const char* kBirdDog =
    "'bird-dog', 3, 9, 10, 2, 30, 'alternate', 1, 7, '', 1, 5, 6, 12, 5, 10, 0, 120, 0, 0, 0, 1";
constexpr const char* kBirdDogStopped =
    "'bird-dog', 3, 9, 10, 2, 30, 'alternate', 1, 7, '', 1, 5, 6, 12, 5, 10, 0, 120, 0, 0, 1, 1";
constexpr const char* kBirdDogPhase =
    "'bird-dog', 4, 10, 10, 2, 30, 'alternate', 1, 7, '', 1, 5, 6, 12, 5, 10, 0, 120, 0, 0, 0, 0";
constexpr const char* kSidePlank =
    "'side-plank', 2, 3, 15, 2, 0, 'each', 1, 7, '', 1, 3, 1, 30, 0, 60, 0, 60, 1, 0, 0, 0";
constexpr const char* kSidePlankCut =
    "'side-plank', 2, 2, 11, 2, 0, 'each', 1, 7, '', 1, 3, 1, 30, 0, 60, 0, 60, 1, 0, 0, 0";
constexpr const char* kNone = "'', 0, 0, 0, 0, 0, 'both', 0, 0, '', 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                              "0, 0, 0";

// What a version 3 Motus added (after migrations 2 and 3 ran on the v1 rows).
std::string v3Rows() {
    std::string sql = R"sql(
UPDATE prescription SET low_adherence_weeks = 1 WHERE exercise = 'bird-dog';
UPDATE prescription SET stopped = 1 WHERE exercise = 'side-plank';
INSERT INTO review (week_start, week_end, recorded_utc) VALUES
  ('2026-03-02', '2026-03-08', '2026-03-09T07:00:00Z');
INSERT INTO session (id, date, utc, utc_offset_minutes, status) VALUES
  (4, '2026-03-03', '2026-03-03T06:30:00Z', 60, 'complete'),
  (5, '2026-03-03', '2026-03-03T17:45:00Z', 60, 'partial'),
  (6, '2026-03-04', '2026-03-04T06:30:00Z', 60, 'complete'),
  (7, '2026-03-03', '2026-03-03T20:00:00Z', 60, 'stopped');
INSERT INTO set_log (id, session, exercise, set_number, reps_done, reps_prescribed, hold_seconds)
VALUES
  (5, 4, 'bird-dog', 1, 9, 9, 10),
  (6, 4, 'bird-dog', 1, 8, 9, 10),
  (7, 4, 'curl-up', 1, 5, 5, 10),
  (8, 4, 'bird-dog', 2, 7, 9, 10),
  (9, 5, 'bird-dog', 1, 6, 9, 10),
  (10, 5, 'bird-dog', 1, 5, 9, 10),
  (11, 6, 'curl-up', 2, 4, 5, 10);
INSERT INTO feedback (date, exercise, pain, effort, leg) VALUES
  ('2026-03-03', 'bird-dog', 6, 8, 'worse');
)sql";
    // A regress of rule 2 with every figure an older Motus wrote (and one it did not know).
    sql += change(4, "2026-03-04", "curl-up", "regress", 2,
                  "The dose is made a little smaller, because it hurt 6/10 during the exercise.",
                  R"({"A":0.75,"Pd":6,"dPm":2.500000,"trend":1.5,"RPE":8,"C":0.83,"leg":"worse",)"
                  R"("gap_days":3,"red_flags":["leg-weakness","saddle-numbness"],"later":{"x":1}})",
                  0, "NULL", kCurlUp3, kCurlUp2);
    sql += change(5, "2026-03-05", "bird-dog", "stop", 1,
                  "Your leg symptoms spread further with this exercise.",
                  R"({"A":1,"Pd":3,"leg":"worse"})", 0, "NULL", kBirdDog, kBirdDogStopped);
    sql += change(6, "2026-03-08", "curl-up", "hold", 2,
                  "The dose was already changed this week because of pain.", "{}", 0,
                  "'2026-03-02'", kCurlUp2, kCurlUp2);
    // "%g" of a missing adherence: not JSON.
    sql += change(7, "2026-03-08", "side-plank", "hold", 4,
                  "Your therapist has fixed this dose; it stays as it is.", R"({"A":nan,"RPE":7})",
                  0, "'2026-03-02'", kSidePlank, kSidePlank);
    // A new phase: rule -1, by the therapist.
    sql += change(8, "2026-03-08", "bird-dog", "switch", -1,
                  "A new phase of your program begins: load.", "{}", 1, "'2026-03-02'", kBirdDog,
                  kBirdDogPhase);
    sql += change(9, "2026-03-09", "side-plank", "regress", 7,
                  "After a break of 15 days you restart at three quarters of your last dose.",
                  R"({"A":0,"gap_days":15})", 0, "NULL", kSidePlank, kSidePlankCut);
    // Quota mode, with figures of the wrong types.
    sql += change(10, "2026-03-09", "curl-up", "progress", 6,
                  "As agreed with your therapist, the dose goes up by a set amount every week.",
                  R"({"A":"high","Pd":6.5,"RPE":null,"C":[1],"leg":"sideways","gap_days":2.0,)"
                  R"("red_flags":["leg-weakness",3,"no-such-flag"],"trend":-0.5})",
                  0, "NULL", kCurlUp2, kCurlUp3);
    sql += change(11, "2026-03-10", "curl-up", "regress", 3,
                  "You managed 40% of your sessions two weeks running.", "not json at all", 0,
                  "NULL", kCurlUp3, kCurlUp2);
    // Red flags stop the program: no exercise.
    sql += change(12, "2026-03-11", "", "stop", 0,
                  "You reported a warning sign. The program is stopped.",
                  R"({"A":0.5,"red_flags":["saddle-numbness"]})", 0, "NULL", kNone, kNone);
    sql += change(13, "2026-03-11", "bird-dog", "hold", 4, "Effort was high: same dose.", "[1,2]",
                  0, "NULL", kBirdDogPhase, kBirdDogPhase);
    return sql;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3 || (std::string(argv[2]) != "1" && std::string(argv[2]) != "3")) {
        std::fprintf(stderr, "usage: motus_storage_make_fixture OUTPUT.db 1|3\n");
        return 2;
    }
    const std::filesystem::path output = argv[1];
    const int version = std::stoi(argv[2]);
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(output.string() + suffix, ec);
    }
    sqlite3* db = nullptr;
    if (sqlite3_open(output.c_str(), &db) != SQLITE_OK) {
        std::fprintf(stderr, "motus_storage_make_fixture: cannot create %s\n", argv[1]);
        return 1;
    }
    const auto migrations = motus::storage::schema::migrations();
    auto migrate = [&](int to) {
        const auto& m = migrations[static_cast<std::size_t>(to - 1)];
        return run(db, "BEGIN") && run(db, std::string(m.sql)) &&
               run(db, "PRAGMA user_version = " + std::to_string(m.version)) && run(db, "COMMIT");
    };
    bool ok = run(db, "PRAGMA journal_mode = WAL") && run(db, "BEGIN") &&
              run(db, std::string(migrations[0].sql)) && run(db, "PRAGMA user_version = 1") &&
              run(db, kRows) && run(db, "COMMIT");
    if (ok && version == 3) {
        ok = migrate(2) && migrate(3) && run(db, "BEGIN") && run(db, v3Rows()) && run(db, "COMMIT");
    }
    sqlite3_close(db);
    return ok ? 0 : 1;
}
