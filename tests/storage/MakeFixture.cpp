// Writes tests/storage/fixtures/journal-v1.db: a journal as Motus's schema version 1 left it
// (migration 1 only, WAL mode), with a few rows in every table. The test
// "a version 1 journal is migrated and keeps every row" expects exactly these rows.
//
//   cmake --build build --target motus_storage_make_fixture
//   build/bin/motus_storage_make_fixture tests/storage/fixtures/journal-v1.db
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

// The rows (v1 columns). Keep in step with Migration.test.cpp.
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

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: motus_storage_make_fixture OUTPUT.db\n");
        return 2;
    }
    const std::filesystem::path output = argv[1];
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(output.string() + suffix, ec);
    }
    sqlite3* db = nullptr;
    if (sqlite3_open(output.c_str(), &db) != SQLITE_OK) {
        std::fprintf(stderr, "motus_storage_make_fixture: cannot create %s\n", argv[1]);
        return 1;
    }
    const auto& v1 = motus::storage::schema::migrations().front();
    const bool ok = run(db, "PRAGMA journal_mode = WAL") && run(db, "BEGIN") &&
                    run(db, std::string(v1.sql)) && run(db, "PRAGMA user_version = 1") &&
                    run(db, kRows) && run(db, "COMMIT");
    sqlite3_close(db);
    return ok ? 0 : 1;
}
