#include "Support.hpp"

#include <storage/SqliteJournal.hpp>

#include "support/ScopedEnv.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>

#include <csignal>
#include <functional>

#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace motus;
using motus::storage::SqliteJournal;
using motus::storage::StorageError;
using namespace motus::storage::test;

using motus::test::ScopedEnv;

namespace {

constexpr std::size_t kUserVersionOffset = 60;
constexpr std::size_t kApplicationIdOffset = 68;

// A closed journal file with a few rows (its WAL checkpointed into it).
void makeJournal(const fs::path& file) {
    SqliteJournal journal(file);
    journal.startProgram("p", "<program/>", date(2026, 1, 5), {});
    for (int day = 1; day <= 28; ++day) {
        const auto id = journal.beginSession(
            {date(2026, 2, static_cast<unsigned>(day)), "2026-02-01T07:00:00Z", 60}, 1);
        journal.logSet(id, {std::string(1000, 'x'), 1, 8, 8, 10});
        journal.finishSession(id, core::SessionStatus::Complete);
    }
}

// Opening `file` fails with a message containing `words`, and leaves it and its folder as they
// were.
void requireRefused(const fs::path& file, const std::string& words) {
    const std::string before = readBytes(file);
    const auto perms = permissions(file);
    try {
        SqliteJournal journal(file);
        FAIL("the journal opened");
    } catch (const StorageError& e) {
        INFO(e.what());
        CHECK_THAT(e.what(), Catch::Contains(words));
        CHECK_THAT(e.what(), Catch::Contains(file.string()));
        CHECK_THAT(e.what(), Catch::Contains("Motus has not changed the file"));
        CHECK(e.file() == file);
    }
    CHECK(readBytes(file) == before);
    CHECK(permissions(file) == perms);
    CHECK_FALSE(fs::exists(file.string() + "-wal"));
    CHECK_FALSE(fs::exists(file.string() + "-shm"));
    CHECK_FALSE(fs::exists(file.string() + "-journal"));
}

} // namespace

TEST_CASE("the default path follows XDG_DATA_HOME, else ~/.local/share", "[storage]") {
    ScopedEnv xdg("XDG_DATA_HOME");
    ScopedEnv home("HOME");
    ::setenv("XDG_DATA_HOME", "/data/here", 1);
    CHECK(SqliteJournal::defaultPath() == fs::path("/data/here/motus/motus.db"));
    ::setenv("XDG_DATA_HOME", "relative/is/ignored", 1);
    ::setenv("HOME", "/home/pat", 1);
    CHECK(SqliteJournal::defaultPath() == fs::path("/home/pat/.local/share/motus/motus.db"));
    ::unsetenv("XDG_DATA_HOME");
    CHECK(SqliteJournal::defaultPath() == fs::path("/home/pat/.local/share/motus/motus.db"));
}

TEST_CASE("a new journal's folders are 0700 and its files 0600; it keeps what was written",
          "[storage]") {
    TempDir dir;
    ::chmod(dir.path().c_str(), 0755);
    const fs::path file = dir / "data/motus/motus.db";
    {
        SqliteJournal journal(file);
        CHECK(journal.file() == file);
        CHECK(journal.schemaVersion() == 5);
        const auto id = journal.beginSession({date(2026, 4, 1), "2026-04-01T06:00:00Z", 120}, 1);
        journal.logSet(id, {"bird-dog", 1, 8, 8, 10});
        CHECK(permissions(dir / "data") == 0700);
        CHECK(permissions(dir / "data/motus") == 0700);
        CHECK(permissions(dir.path()) == 0755); // a folder that existed is left alone
        CHECK(permissions(file) == 0600);
        REQUIRE(fs::exists(file.string() + "-wal"));
        REQUIRE(fs::exists(file.string() + "-shm"));
        CHECK(permissions(file.string() + "-wal") == 0600);
        CHECK(permissions(file.string() + "-shm") == 0600);
        CHECK(readBytes(file).substr(0, 16) == std::string("SQLite format 3\0", 16));
    }
    SqliteJournal again(file);
    const auto sessions = again.sessions(date(2026, 4, 1), date(2026, 4, 1));
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].sets.size() == 1);
    CHECK(again.integrityCheck() == "ok");
}

TEST_CASE("an existing journal readable by others is made 0600", "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    makeJournal(file);
    ::chmod(file.c_str(), 0644);
    SqliteJournal journal(file);
    journal.logFeedback({date(2026, 4, 2), "bird-dog", 1, 2, std::nullopt});
    CHECK(permissions(file) == 0600);
    CHECK(permissions(file.string() + "-wal") == 0600);
    CHECK(permissions(file.string() + "-shm") == 0600);
}

TEST_CASE("permissions are only ever taken away, never added", "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    makeJournal(file);
    SECTION("group and other lose theirs; the owner keeps what it had") {
        ::chmod(file.c_str(), 0640);
        { SqliteJournal journal(file); }
        CHECK(permissions(file) == 0600);
    }
    SECTION("a journal its owner made read-only stays read-only") {
        ::chmod(file.c_str(), 0444);
        { SqliteJournal journal(file); }
        CHECK(permissions(file) == 0400);
    }
}

TEST_CASE("a journal its owner made read-only is read, never written, and left as it was",
          "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    makeJournal(file);
    ::chmod(file.c_str(), 0400);
    const std::string before = readBytes(file);
    {
        SqliteJournal journal(file);
        CHECK_THAT(journal.readOnlyReason(),
                   Catch::Contains("the file is read-only for you (permissions r--------)"));
        CHECK(journal.activeProgram().has_value());
        CHECK(journal.sessions(date(2026, 2, 1), date(2026, 2, 28)).size() == 28);
        try {
            journal.logFeedback({date(2026, 4, 2), "bird-dog", 1, 2, std::nullopt});
            FAIL("a read-only journal was written");
        } catch (const StorageError& e) {
            CHECK_THAT(e.what(), Catch::Contains("read-only for you"));
            CHECK_THAT(e.what(), Catch::Contains("nothing was changed"));
            CHECK_THAT(e.what(), Catch::Contains(file.string()));
        }
        CHECK_THROWS_AS(journal.transaction([&] {}), StorageError);
    }
    CHECK(readBytes(file) == before);
    CHECK(permissions(file) == 0400);
    CHECK_FALSE(fs::exists(file.string() + "-wal"));
    CHECK_FALSE(fs::exists(file.string() + "-shm"));
}

namespace {

// Runs `child` in a forked process (as the user "nobody" when this runs as root, so that
// permissions apply) and returns its exit code; 100+ means it crashed or threw.
int inChild(const std::function<int()>& child, bool dropRoot) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        int code = 101;
        try {
            if (dropRoot && ::geteuid() == 0 &&
                (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)) {
                ::_exit(102);
            }
            code = child();
        } catch (...) {
            code = 103;
        }
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

} // namespace

TEST_CASE("a journal in a folder Motus may not write is read, never written, and no file is "
          "left behind",
          "[storage]") {
    TempDir dir;
    const fs::path folder = dir / "journal";
    fs::create_directory(folder);
    const fs::path file = folder / "motus.db";
    makeJournal(file);
    const std::string before = readBytes(file);
    // The folder and the file belong to whoever the child runs as.
    const uid_t owner = ::geteuid() == 0 ? 65534 : ::geteuid();
    const gid_t group = ::geteuid() == 0 ? 65534 : ::getegid();
    REQUIRE(::chown(dir.path().c_str(), owner, group) == 0);
    REQUIRE(::chown(folder.c_str(), owner, group) == 0);
    REQUIRE(::chown(file.c_str(), owner, group) == 0);
    REQUIRE(::chmod(folder.c_str(), 0500) == 0);

    const int code = inChild(
        [&] {
            SqliteJournal journal(file);
            if (journal.readOnlyReason().find("its folder") == std::string::npos) {
                return 1;
            }
            if (journal.sessions(date(2026, 2, 1), date(2026, 2, 28)).size() != 28) {
                return 2;
            }
            try {
                journal.logFeedback({date(2026, 4, 2), "bird-dog", 1, 2, std::nullopt});
                return 3;
            } catch (const StorageError& e) {
                return std::string(e.what()).find("read-only for you") == std::string::npos ? 4 : 0;
            }
        },
        true);
    ::chmod(folder.c_str(), 0700);
    CHECK(code == 0);
    CHECK(readBytes(file) == before);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    CHECK(names == std::vector<std::string>{"motus.db"});

    SECTION("a new journal there is refused with the real cause") {
        const fs::path fresh = folder / "new.db";
        ::chmod(folder.c_str(), 0500);
        const int refused = inChild(
            [&] {
                try {
                    SqliteJournal journal(fresh);
                    return 1;
                } catch (const StorageError& e) {
                    return std::string(e.what()).find("you may not create files in its folder") ==
                                   std::string::npos
                               ? 2
                               : 0;
                }
            },
            true);
        ::chmod(folder.c_str(), 0700);
        CHECK(refused == 0);
        CHECK_FALSE(fs::exists(fresh));
    }
}

TEST_CASE("the file size limit (ulimit -f) stops a write with a clear message and leaves "
          "nothing of it",
          "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    makeJournal(file);
    {
        // The -shm (32 KiB) and a first WAL exist before the limit is set.
        SqliteJournal journal(file);
        journal.logFeedback({date(2026, 4, 1), "bird-dog", 1, 2, std::nullopt});
    }
    const int code = inChild(
        [&] {
            std::signal(SIGXFSZ, SIG_IGN); // as motus does
            SqliteJournal journal(file);
            const rlimit limit{96 * 1024, 96 * 1024};
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
                return 1;
            }
            try {
                journal.transaction([&] {
                    const auto session =
                        journal.beginSession({date(2026, 4, 2), "2026-04-02T07:00:00Z", 60}, 1);
                    for (int n = 1; n <= 400; ++n) {
                        journal.logSet(session, {std::string(1000, 'y'), n, 8, 8, 10});
                    }
                });
                return 2;
            } catch (const StorageError& e) {
                return std::string(e.what()).find("the file size limit, ulimit -f") ==
                               std::string::npos
                           ? 3
                           : 0;
            }
        },
        false);
    CHECK(code == 0);
    SqliteJournal journal(file);
    CHECK(journal.integrityCheck() == "ok");
    CHECK(journal.sessions(date(2026, 4, 2), date(2026, 4, 2)).empty());
    CHECK(journal.feedback(date(2026, 4, 1), date(2026, 4, 1)).size() == 1);
}

TEST_CASE("an empty file is taken as a new journal", "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    writeBytes(file, "");
    SqliteJournal journal(file);
    CHECK(journal.schemaVersion() == 5);
}

TEST_CASE("files that are not a usable Motus journal are refused and left untouched", "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";

    SECTION("a text file") {
        writeBytes(file, "These are my notes, not a database.\nSecond line.\n");
        requireRefused(file, "not an SQLite database");
    }
    SECTION("a short binary file") {
        writeBytes(file, std::string("SQLite", 6));
        requireRefused(file, "not an SQLite database");
    }
    SECTION("a journal written by a newer Motus") {
        makeJournal(file);
        REQUIRE_FALSE(fs::exists(file.string() + "-wal"));
        patchHeader(file, kUserVersionOffset, 99);
        requireRefused(file, "written by a newer Motus (journal version 99; this Motus knows "
                             "versions up to 5)");
    }
    SECTION("another application's database") {
        makeJournal(file);
        patchHeader(file, kApplicationIdOffset, 0x12345678);
        requireRefused(file, "another application (application id 0x12345678");
    }
    SECTION("a database with tables but no application id") {
        makeJournal(file);
        patchHeader(file, kApplicationIdOffset, 0);
        requireRefused(file, "another application (it has tables");
    }
    SECTION("Motus's application id and tables, but no journal version") {
        makeJournal(file);
        patchHeader(file, kUserVersionOffset, 0);
        requireRefused(file, "tables but no journal version (user_version 0)");
    }
    SECTION("a damaged journal") {
        makeJournal(file);
        std::string bytes = readBytes(file);
        REQUIRE(bytes.size() > 4 * 4096);
        for (std::size_t i = 4096; i < 4 * 4096; i += 7) {
            bytes[i] = static_cast<char>(0xA5);
        }
        writeBytes(file, bytes);
        requireRefused(file, "damaged");
    }
    SECTION("a journal cut short") {
        makeJournal(file);
        std::string bytes = readBytes(file);
        writeBytes(file, bytes.substr(0, bytes.size() / 2));
        requireRefused(file, "damaged");
    }
}

TEST_CASE("a folder in the way is refused", "[storage]") {
    TempDir dir;
    fs::create_directory(dir / "motus.db");
    CHECK_THROWS_WITH(SqliteJournal(dir / "motus.db"), Catch::Contains("not a regular file"));
}

TEST_CASE("two connections work at once: one writes while the other reads and writes",
          "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    SqliteJournal window(file);
    SqliteJournal commandLine(file);
    const auto day = date(2026, 5, 1);
    constexpr int kSets = 150;

    std::atomic<bool> done = false;
    std::exception_ptr failure;
    std::thread writer([&] {
        try {
            const auto id = window.beginSession({day, "2026-05-01T06:00:00Z", 120}, 1);
            for (int n = 1; n <= kSets; ++n) {
                window.logSet(id, {"bird-dog", n, 8, 8, 10});
            }
            window.finishSession(id, core::SessionStatus::Complete);
        } catch (...) {
            failure = std::current_exception();
        }
        done = true;
    });
    std::size_t seen = 0;
    int reads = 0;
    int checkIns = 0;
    while (!done) {
        const auto sessions = commandLine.sessions(day, day);
        if (!sessions.empty()) {
            REQUIRE(sessions.size() == 1);
            CHECK(sessions[0].sets.size() >= seen); // never goes back
            seen = sessions[0].sets.size();
        }
        ++reads;
        if (reads % 10 == 0) {
            core::CheckIn checkIn;
            checkIn.at.date = day;
            checkIn.at.utc = "2026-05-01T06:30:00Z";
            checkIn.morningPain = 2;
            const auto started = std::chrono::steady_clock::now();
            commandLine.logCheckIn(checkIn);
            ++checkIns;
            // SQLite's busy handler retries at intervals of up to 100 ms and is not fair: a loop
            // that holds the write lock nearly all the time (each commit waits for fsync, slow on
            // a busy disk) can starve the other writer past its 5 s timeout. No person writes
            // like that; leave the lock free at least half the time.
            std::this_thread::sleep_for(std::max<std::chrono::steady_clock::duration>(
                std::chrono::milliseconds(1), std::chrono::steady_clock::now() - started));
        }
    }
    writer.join();
    if (failure) {
        std::rethrow_exception(failure);
    }
    const auto sessions = commandLine.sessions(day, day);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].sets.size() == kSets);
    CHECK(sessions[0].status == core::SessionStatus::Complete);
    CHECK(window.checkIns(day, day).size() == static_cast<std::size_t>(checkIns));
    CHECK(reads > 1);
}

TEST_CASE("a journal of every earlier version is migrated and keeps every row", "[storage]") {
    // journal-v1.db is made by motus_storage_make_fixture with the version 1 schema;
    // journal-v2.db is the same rows after the version 2 migration alone; journal-v3.db is the
    // same rows after migrations 2 and 3, and more in March (Migration.test.cpp checks those).
    const int version = GENERATE(1, 2, 3);
    INFO("from version " << version);
    TempDir dir;
    const fs::path file = dir / "motus.db";
    const fs::path fixture = fs::path(MOTUS_SOURCE_DIR) / "tests/storage/fixtures" /
                             ("journal-v" + std::to_string(version) + ".db");
    REQUIRE(fs::exists(fixture));
    fs::copy_file(fixture, file);
    const std::string original = readBytes(file);
    REQUIRE(headerNumber(original, kUserVersionOffset) == static_cast<std::uint32_t>(version));

    SqliteJournal journal(file);
    CHECK(journal.schemaVersion() == 5);
    CHECK(journal.integrityCheck() == "ok");

    // The copy from before, as an SQLite file of the old version, 0600.
    const fs::path backup = dir / ("motus.db.backup-v" + std::to_string(version));
    REQUIRE(fs::exists(backup));
    CHECK(permissions(backup) == 0600);
    const std::string saved = readBytes(backup);
    CHECK(saved.substr(0, 16) == std::string("SQLite format 3\0", 16));
    CHECK(headerNumber(saved, kUserVersionOffset) == static_cast<std::uint32_t>(version));
    CHECK(headerNumber(saved, kApplicationIdOffset) == 0x4D4F5455);

    // The same schema as a journal created new.
    {
        SqliteJournal fresh(dir / "fresh.db");
        CHECK(journal.schemaSql() == fresh.schemaSql());
    }

    const auto history = journal.programHistory();
    REQUIRE(history.size() == 2);
    CHECK(history[0].programId == "back-basics");
    CHECK(history[0].programXml == R"(<program id="back-basics"><phase weeks="2"/></program>)");
    CHECK(history[0].start == date(2026, 1, 5));
    CHECK(history[1].programId == "back-load");
    CHECK(history[1].start == date(2026, 2, 2));
    CHECK_FALSE(history[1].stopped);

    const auto prescriptions = journal.prescriptions();
    REQUIRE(prescriptions.size() == 3);
    CHECK(prescriptions[0].exercise == "bird-dog");
    CHECK(prescriptions[0].dose.reps == 9);
    CHECK(prescriptions[0].dose.side == core::Side::Alternate);
    CHECK(prescriptions[0].bounds.reps == core::IntRange{6, 12});
    CHECK(prescriptions[0].bounds.hold == core::IntRange{5, 10});
    CHECK(prescriptions[0].regressionsInARow == 0);
    CHECK(prescriptions[1].exercise == "curl-up");
    CHECK(prescriptions[1].dose.pyramid == std::vector<int>{5, 3, 1});
    CHECK(prescriptions[1].dose.perDay == 2);
    CHECK(prescriptions[1].dose.perWeek == 5);
    CHECK(prescriptions[2].exercise == "side-plank");
    CHECK(prescriptions[2].locked);
    CHECK(prescriptions[2].dose.side == core::Side::Each);
    CHECK(prescriptions[2].bounds.rest == core::IntRange{0, 60});

    const auto sessions = journal.sessions(date(2026, 2, 1), date(2026, 2, 28));
    REQUIRE(sessions.size() == 3);
    CHECK(sessions[0].status == core::SessionStatus::Complete);
    CHECK(sessions[0].started.utc == "2026-02-02T06:30:00Z");
    CHECK(sessions[0].started.utcOffsetMinutes == 60);
    REQUIRE(sessions[0].sets.size() == 3);
    CHECK(sessions[0].sets[2].exercise == "curl-up");
    CHECK(sessions[1].status == core::SessionStatus::Partial);
    CHECK(sessions[1].started.utcOffsetMinutes == -300);
    REQUIRE(sessions[1].sets.size() == 1);
    CHECK(sessions[1].sets[0].repsDone == 2);
    CHECK(sessions[1].sets[0].repsPrescribed == 3);
    CHECK(sessions[1].sets[0].holdSeconds == 15);
    CHECK(sessions[2].status == core::SessionStatus::Stopped);
    CHECK(sessions[2].sets.empty());

    const auto feedback = journal.feedback(date(2026, 2, 1), date(2026, 2, 28));
    REQUIRE(feedback.size() == 2);
    CHECK(feedback[0].pain == 2);
    CHECK(feedback[0].leg == core::LegChange::Same);
    CHECK_FALSE(feedback[1].pain);
    CHECK(feedback[1].effort == 7);

    const auto checkIns = journal.checkIns(date(2026, 2, 1), date(2026, 2, 28));
    REQUIRE(checkIns.size() == 2);
    CHECK(checkIns[0].morningPain == 3);
    CHECK(checkIns[0].redFlags.empty());
    CHECK(checkIns[1].redFlags == std::vector<core::RedFlag>{core::RedFlag::LegWeakness});

    std::vector<core::DoseChange> changes;
    for (const auto& c : journal.doseChanges()) {
        if (c.date < date(2026, 3, 1)) {
            changes.push_back(c);
        }
    }
    REQUIRE(changes.size() == 2); // the hold is kept but not listed
    CHECK(changes[0].exercise == "bird-dog");
    CHECK(changes[0].decision == core::Decision::Progress);
    CHECK(changes[0].row == core::Row::Progress); // rule 5
    CHECK(changes[0].reason == core::Reason{core::ReasonKey::Legacy,
                                            {"Done in full, easy and pain-free: one step up."}});
    CHECK(changes[0].from.dose.reps == 8);
    CHECK(changes[0].to.dose.reps == 9);
    core::Figures figures;
    figures.adherence = 1.0;
    figures.painDuring = 1;
    figures.effort = 4;
    CHECK(changes[0].figures == figures); // {"A":1.0,"Pd":1,"RPE":4}
    CHECK(changes[1].exercise == "side-plank");
    CHECK(changes[1].row == core::Row::Phase); // rule 5 by the therapist
    CHECK(changes[1].byTherapist());
    CHECK(changes[1].reason == core::Reason{core::ReasonKey::Legacy, {"Set by your therapist."}});
    CHECK(changes[1].figures == core::Figures{}); // {}
    CHECK(changes[1].to.dose.holdSeconds == 15);
    CHECK(changes[1].to.locked);
    CHECK(journal.reviews().size() == (version == 3 ? 1u : 0u));
    CHECK(journal.flags().empty());
    for (const auto& session : sessions) {
        CHECK(session.slot == 1); // one a day
    }

    // Version 2 works on it: a review of a week.
    journal.recordReview({date(2026, 2, 2), date(2026, 2, 8), {}});
    CHECK(journal.reviewed(date(2026, 2, 2)));
}

TEST_CASE("opening a migrated journal again does not back it up again", "[storage]") {
    TempDir dir;
    const fs::path file = dir / "motus.db";
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "tests/storage/fixtures/journal-v1.db", file);
    { SqliteJournal journal(file); }
    fs::remove(dir / "motus.db.backup-v1");
    { SqliteJournal journal(file); }
    CHECK_FALSE(fs::exists(dir / "motus.db.backup-v1"));
    CHECK_FALSE(fs::exists(dir / "motus.db.backup-v2"));
    CHECK_FALSE(fs::exists(dir / "motus.db.backup-v3"));
}
