// Schema versions 4 and 5: what the migrations do to a version 3 journal, how rows written before
// it are read, and what is written for older readers. Looks at the file with SQLite itself.
#include "Support.hpp"

#include <storage/SqliteJournal.hpp>

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <map>

using namespace motus;
using motus::storage::SqliteJournal;
using motus::storage::StorageError;
using namespace motus::storage::test;

namespace {

// A plain SQLite connection to a closed journal, for looking at and planting rows.
class Raw {
public:
    explicit Raw(const fs::path& file) {
        REQUIRE(sqlite3_open(file.c_str(), &m_db) == SQLITE_OK);
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~Raw() { sqlite3_close(m_db); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
        INFO(sql);
        INFO((error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }

    // Each row as its columns joined by '|' (NULL as "NULL").
    std::vector<std::string> rows(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        INFO(sql);
        REQUIRE(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
        std::vector<std::string> result;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < sqlite3_column_count(statement); ++c) {
                if (c > 0) {
                    row += '|';
                }
                const auto* text = sqlite3_column_text(statement, c);
                row += text ? reinterpret_cast<const char*>(text) : "NULL";
            }
            result.push_back(row);
        }
        sqlite3_finalize(statement);
        return result;
    }

private:
    sqlite3* m_db = nullptr;
};

fs::path copyFixture(const TempDir& dir, int version) {
    const fs::path file = dir / "motus.db";
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "tests/storage/fixtures" /
                      ("journal-v" + std::to_string(version) + ".db"),
                  file);
    return file;
}

} // namespace

TEST_CASE("a version 3 journal is migrated through version 4: slots, set numbers, rows, "
          "reasons and figures",
          "[storage][migration]") {
    TempDir dir;
    const fs::path file = copyFixture(dir, 3);
    SqliteJournal journal(file);
    REQUIRE(journal.schemaVersion() == 5);
    CHECK(journal.integrityCheck() == "ok");
    CHECK(fs::exists(dir / "motus.db.backup-v3"));

    // Sessions of one date are numbered in id order (ids 4, 5 and 7 on 3 March).
    const auto sessions = journal.sessions(date(2026, 3, 3), date(2026, 3, 4));
    REQUIRE(sessions.size() == 4);
    CHECK(sessions[0].id == 4);
    CHECK(sessions[0].slot == 1);
    CHECK(sessions[0].status == core::SessionStatus::Complete);
    CHECK(sessions[1].id == 5);
    CHECK(sessions[1].slot == 2);
    CHECK(sessions[2].id == 7);
    CHECK(sessions[2].slot == 3);
    CHECK(sessions[2].status == core::SessionStatus::Stopped);
    CHECK(sessions[3].id == 6);
    CHECK(sessions[3].slot == 1);
    CHECK(sessions[3].started.date == date(2026, 3, 4));

    // Set numbers logged twice are numbered 1, 2, 3 ... in id order; all sets are kept.
    auto numbers = [](const core::SessionRecord& s) {
        std::vector<std::string> out;
        for (const auto& set : s.sets) {
            out.push_back(set.exercise + " " + std::to_string(set.set) + " " +
                          std::to_string(set.repsDone));
        }
        return out;
    };
    CHECK(numbers(sessions[0]) ==
          std::vector<std::string>{"bird-dog 1 9", "bird-dog 2 8", "curl-up 1 5", "bird-dog 3 7"});
    CHECK(numbers(sessions[1]) == std::vector<std::string>{"bird-dog 1 6", "bird-dog 2 5"});
    CHECK(sessions[2].sets.empty());
    // A session and exercise without duplicates keeps its numbers, gaps too.
    CHECK(numbers(sessions[3]) == std::vector<std::string>{"curl-up 2 4"});

    // The constraints hold from now on.
    CHECK_THROWS_AS(journal.beginSession({date(2026, 3, 3), "2026-03-03T21:00:00Z", 60}, 3),
                    StorageError);
    CHECK_THROWS_AS(journal.logSet(5, {"bird-dog", 2, 1, 1, 1}), StorageError);
    CHECK(beginNextSession(journal, {date(2026, 3, 3), "2026-03-03T21:00:00Z", 60}) == 8);

    // The v3 columns came through.
    const auto prescriptions = journal.prescriptions();
    REQUIRE(prescriptions.size() == 3);
    CHECK(prescriptions[0].lowAdherenceWeeks == 1);
    CHECK(prescriptions[2].stopped);
    const auto feedback = journal.feedback(date(2026, 3, 3), date(2026, 3, 3));
    REQUIRE(feedback.size() == 1);
    CHECK(feedback[0].leg == core::LegChange::Worse);

    // Decisions: the row from the old rule number, the old text as a legacy reason, the
    // figures from the old JSON (whatever could be read).
    std::map<std::string, core::DoseChange> march;
    for (const auto& c : journal.doseChanges()) {
        if (c.date >= date(2026, 3, 1)) {
            march.emplace(core::formatDate(c.date) + " " + c.exercise, c);
        }
    }
    REQUIRE(march.size() == 7);

    const auto& regress = march.at("2026-03-04 curl-up");
    CHECK(regress.decision == core::Decision::Regress);
    CHECK(regress.row == core::Row::Pain);
    CHECK_FALSE(regress.byTherapist());
    CHECK(regress.reason ==
          core::Reason{core::ReasonKey::Legacy,
                       {"The dose is made a little smaller, because it hurt 6/10 during the "
                        "exercise."}});
    core::Figures all;
    all.adherence = 0.75;
    all.painDuring = 6;
    all.morningDelta = 2.5;
    all.trend = 1.5;
    all.effort = 8;
    all.completion = 0.83;
    all.leg = core::LegChange::Worse;
    all.gapDays = 3;
    all.redFlags = {core::RedFlag::LegWeakness, core::RedFlag::SaddleNumbness};
    CHECK(regress.figures == all); // and "later", unknown, is ignored
    CHECK(regress.from.dose.sets == 3);
    CHECK(regress.to.dose.sets == 2);
    CHECK(regress.to.regressionsInARow == 1);

    const auto& legs = march.at("2026-03-05 bird-dog");
    CHECK(legs.row == core::Row::Legs);
    CHECK(legs.decision == core::Decision::Stop);
    CHECK(legs.to.stopped);
    CHECK(legs.from.lowAdherenceWeeks == 1);
    CHECK(legs.figures.adherence == 1.0);
    CHECK(legs.figures.painDuring == 3);
    CHECK(legs.figures.leg == core::LegChange::Worse);

    const auto& phase = march.at("2026-03-08 bird-dog");
    CHECK(phase.row == core::Row::Phase); // rule -1
    CHECK(phase.byTherapist());
    CHECK(phase.decision == core::Decision::Switch);
    CHECK(phase.reason ==
          core::Reason{core::ReasonKey::Legacy, {"A new phase of your program begins: load."}});
    CHECK(phase.figures == core::Figures{});
    CHECK(phase.to.dose.sets == 4);

    const auto& gap = march.at("2026-03-09 side-plank");
    CHECK(gap.row == core::Row::Gap); // rule 7
    CHECK(gap.figures.adherence == 0.0);
    CHECK(gap.figures.gapDays == 15);

    const auto& quota = march.at("2026-03-09 curl-up");
    CHECK(quota.row == core::Row::Quota); // rule 6
    core::Figures readable;               // the rest has the wrong types
    readable.trend = -0.5;
    readable.gapDays = 2; // 2.0
    readable.redFlags = {core::RedFlag::LegWeakness};
    CHECK(quota.figures == readable);

    const auto& lowAdherence = march.at("2026-03-10 curl-up");
    CHECK(lowAdherence.row == core::Row::LowAdherence); // rule 3
    CHECK(lowAdherence.figures == core::Figures{});     // "not json at all"

    const auto& redFlag = march.at("2026-03-11 ");
    CHECK(redFlag.row == core::Row::RedFlag); // rule 0
    CHECK(redFlag.exercise.empty());
    CHECK(redFlag.to.exercise.empty());
    CHECK(redFlag.figures.redFlags == std::vector<core::RedFlag>{core::RedFlag::SaddleNumbness});

    // The review keeps its holds, with figures that were not JSON read as none.
    const auto reviews = journal.reviews();
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].weekStart == date(2026, 3, 2));
    REQUIRE(reviews[0].decisions.size() == 3);
    CHECK(reviews[0].decisions[0].row == core::Row::Pain);
    CHECK(reviews[0].decisions[0].decision == core::Decision::Hold);
    CHECK(reviews[0].decisions[1].row == core::Row::Amber);    // rule 4
    CHECK(reviews[0].decisions[1].figures == core::Figures{}); // {"A":nan,"RPE":7}
    CHECK(reviews[0].decisions[2].row == core::Row::Phase);
    CHECK(journal.reviewedWeeks() == std::vector<core::Date>{date(2026, 3, 2)});
}

TEST_CASE("a version 3 journal whose migration fails is left at version 3",
          "[storage][migration]") {
    // A table planted by hand in the way of the new one makes migration 4 fail half-way.
    TempDir dir;
    const fs::path file = copyFixture(dir, 3);
    {
        Raw raw(file);
        raw.exec("CREATE TABLE therapist_flag (id INTEGER PRIMARY KEY)");
    }
    try {
        SqliteJournal journal(file);
        FAIL("the journal opened");
    } catch (const StorageError& e) {
        INFO(e.what());
        CHECK_THAT(e.what(), Catch::Contains("cannot upgrade the journal") &&
                                 Catch::Contains("to version 4") &&
                                 Catch::Contains("left at version 3") &&
                                 Catch::Contains("motus.db.backup-v3"));
    }
    Raw raw(file);
    CHECK(raw.rows("PRAGMA user_version") == std::vector<std::string>{"3"});
    // Nothing of the migration stayed: no slot, no new columns, the duplicates as they were.
    CHECK(raw.rows("SELECT count(*) FROM pragma_table_info('session') WHERE name = 'slot'") ==
          std::vector<std::string>{"0"});
    CHECK(raw.rows("SELECT count(*) FROM pragma_table_info('dose_change') WHERE name = 'row'") ==
          std::vector<std::string>{"0"});
    CHECK(raw.rows("SELECT set_number FROM set_log WHERE session = 4 AND exercise = 'bird-dog' "
                   "ORDER BY id") == std::vector<std::string>{"1", "1", "2"});
}

TEST_CASE("decisions are written for older readers too", "[storage][migration]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    {
        SqliteJournal journal(file);
        const auto p = prescription("bird-dog", 3, 8, 10);
        std::vector<core::DoseChange> changes;
        for (core::Row row : {core::Row::Pain, core::Row::CannotComplete, core::Row::Quota,
                              core::Row::Phase, core::Row::Therapist, core::Row::Default}) {
            core::DoseChange c;
            c.date = date(2026, 1, 12);
            c.exercise = "bird-dog";
            c.decision = core::Decision::Regress;
            c.row = row;
            c.reason = {core::ReasonKey::RegressCut, {"pd:6", "ü \"q\""}};
            c.from = c.to = p;
            changes.push_back(c);
        }
        changes[0].figures.adherence = 0.75;
        changes[0].figures.painDuring = 6;
        changes[0].figures.morningDelta = 2.5;
        changes[0].figures.effort = 8;
        changes[0].figures.leg = core::LegChange::NumbWeak;
        changes[0].figures.gapDays = 3;
        changes[0].figures.redFlags = {core::RedFlag::LegWeakness};
        changes[0].figures.quota = 4;
        journal.applyChanges(changes);
        core::TherapistFlag flag;
        flag.date = date(2026, 1, 13);
        flag.row = core::Row::RedFlag;
        flag.reason = {core::ReasonKey::ProgramStopped, {}};
        flag.stops = true;
        journal.addFlag(flag);
    }
    Raw raw(file);
    CHECK(raw.rows("SELECT rule, by_therapist, reason, figures, \"row\", reason_key, reason_params "
                   "FROM dose_change ORDER BY id") ==
          std::vector<std::string>{
              R"(2|0||{"A":0.75,"Pd":6,"dPm":2.5,"RPE":8,"gap_days":3,"quota":4,)"
              R"("leg":"numb-weak","red_flags":["leg-weakness"]}|2|regress-cut|["pd:6","ü \"q\""])",
              R"(4|0||{}|4b|regress-cut|["pd:6","ü \"q\""])",
              R"(5|0||{}|5f|regress-cut|["pd:6","ü \"q\""])",
              R"(-1|1||{}|phase|regress-cut|["pd:6","ü \"q\""])",
              R"(-1|1||{}|therapist|regress-cut|["pd:6","ü \"q\""])",
              R"(-1|0||{}|default|regress-cut|["pd:6","ü \"q\""])"});
    CHECK(raw.rows("SELECT date, exercise, \"row\", reason_key, reason_params, figures, stops, "
                   "cleared_date FROM therapist_flag") ==
          std::vector<std::string>{"2026-01-13||0|program-stopped|[]|{}|1|NULL"});
}

TEST_CASE("decisions from before version 4 are read whatever their old columns hold",
          "[storage][migration]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    {
        SqliteJournal journal(file);
        core::DoseChange c;
        c.date = date(2026, 1, 12);
        c.exercise = "bird-dog";
        c.decision = core::Decision::Progress;
        c.from = c.to = prescription("bird-dog", 3, 8, 10);
        journal.applyChanges({c});
    }
    struct Old {
        int rule;
        int byTherapist;
        std::string figures;
        core::Row row;
        core::Figures want;
    };
    auto figures = [](auto set) {
        core::Figures f;
        set(f);
        return f;
    };
    const std::vector<Old> old{
        {-1, 0, "{}", core::Row::Phase, {}},
        {0, 0, "", core::Row::RedFlag, {}},
        {1, 0, "[1,2]", core::Row::Legs, {}},
        {2, 0, "null", core::Row::Pain, {}},
        {3, 0, R"({"A":0.5)", core::Row::LowAdherence, {}},
        {4, 0, R"({"A":1e400})", core::Row::Amber, {}},
        {5, 0, R"({"Pd":99999999999,"RPE":-2,"C":"0.9"})", core::Row::Progress,
         figures([](core::Figures& f) { f.effort = -2; })},
        {6, 0, R"({"leg":"numb-weak","red_flags":"leg-weakness"})", core::Row::Quota,
         figures([](core::Figures& f) { f.leg = core::LegChange::NumbWeak; })},
        {7, 0, R"({"gap_days":9,"gap_days":10})", core::Row::Gap,
         figures([](core::Figures& f) { f.gapDays = 10; })},
        {8, 0, R"({"A":0.25})", core::Row::Default,
         figures([](core::Figures& f) { f.adherence = 0.25; })},
        {2, 1, R"(  {"A" : 1 }  )", core::Row::Phase,
         figures([](core::Figures& f) { f.adherence = 1.0; })},
    };
    {
        Raw raw(file);
        for (const auto& o : old) {
            raw.exec("CREATE TEMP TABLE t AS SELECT * FROM dose_change WHERE id = 1");
            raw.exec("UPDATE t SET id = NULL, \"row\" = NULL, reason_key = NULL, reason_params = "
                     "NULL, reason = 'old text " +
                     std::to_string(o.rule) + "', rule = " + std::to_string(o.rule) +
                     ", by_therapist = " + std::to_string(o.byTherapist) + ", figures = '" +
                     o.figures + "'");
            raw.exec("INSERT INTO dose_change SELECT * FROM t");
            raw.exec("DROP TABLE t");
        }
    }
    SqliteJournal journal(file);
    const auto changes = journal.doseChanges();
    REQUIRE(changes.size() == old.size() + 1);
    for (std::size_t i = 0; i < old.size(); ++i) {
        INFO("rule " << old[i].rule << " figures " << old[i].figures);
        const auto& got = changes[i + 1];
        CHECK(got.row == old[i].row);
        CHECK(got.reason ==
              core::Reason{core::ReasonKey::Legacy, {"old text " + std::to_string(old[i].rule)}});
        CHECK(got.figures == old[i].want);
    }
}

TEST_CASE("a session slot or a set number taken is refused with a clear message",
          "[storage][migration]") {
    SqliteJournal journal(":memory:");
    const auto id = journal.beginSession({date(2026, 3, 1), "2026-03-01T07:00:00Z", 60}, 1);
    journal.logSet(id, {"bird-dog", 1, 8, 8, 10});
    CHECK_THROWS_WITH(journal.beginSession({date(2026, 3, 1), "2026-03-01T09:00:00Z", 60}, 1),
                      Catch::Contains("cannot begin a session in the journal in memory") &&
                          Catch::Contains("Session 1 of 2026-03-01 is recorded already"));
    CHECK_THROWS_WITH(journal.logSet(id, {"bird-dog", 1, 8, 8, 10}),
                      Catch::Contains("cannot log a set") &&
                          Catch::Contains("Set 1 of 'bird-dog' is recorded already"));
    CHECK_THROWS_WITH(journal.logSet(id + 1, {"bird-dog", 1, 8, 8, 10}),
                      Catch::Contains("refers to a record that is not in the journal"));
}

TEST_CASE("version 5: older changes and flags point at no check-in; new ones can be taken back",
          "[storage][migration]") {
    TempDir dir;
    const fs::path file = copyFixture(dir, 3);
    {
        SqliteJournal journal(file);
        REQUIRE(journal.schemaVersion() == 5);
        CHECK(journal.integrityCheck() == "ok");
        const auto changes = journal.doseChanges();
        REQUIRE_FALSE(changes.empty());
        for (const auto& c : changes) {
            CHECK(c.checkIn == 0);
        }
        const auto before = journal.prescriptions();
        REQUIRE_FALSE(before.empty());
        const core::Date day = date(2026, 3, 5);
        const auto id = journal.logCheckIn({{day, "2026-03-05T06:00:00Z", 60}, 8, {}});
        auto regressed = before[0];
        regressed.dose.reps = std::max(1, regressed.dose.reps - 2);
        core::DoseChange change;
        change.date = day;
        change.exercise = before[0].exercise;
        change.decision = core::Decision::Regress;
        change.row = core::Row::Pain;
        change.reason = {core::ReasonKey::RegressCut, {"dpm:3"}};
        change.from = before[0];
        change.to = regressed;
        change.checkIn = id;
        journal.applyChanges({change});
        const auto after = journal.doseChanges();
        CHECK(std::count_if(after.begin(), after.end(),
                            [&](const core::DoseChange& c) { return c.checkIn == id; }) == 1);
        CHECK(journal.undoCheckIn(id) == core::UndoCheckIn::Undone);
        CHECK(journal.prescriptions() == before);
        CHECK(journal.doseChanges().size() == changes.size());
        CHECK(journal.checkIns(day, day).empty());
    }
    Raw raw(file);
    CHECK(raw.rows("PRAGMA user_version") == std::vector<std::string>{"5"});
    CHECK(raw.rows("SELECT count(*) FROM pragma_table_info('therapist_flag') "
                   "WHERE name = 'check_in'") == std::vector<std::string>{"1"});
}
