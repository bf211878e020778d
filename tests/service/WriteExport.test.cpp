#include "storage/Support.hpp"

#include <service/Practice.hpp>
#include <storage/SqliteJournal.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <set>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace motus;
using motus::service::Refused;
using motus::service::writeExport;
using namespace motus::storage::test;

namespace {

// The names in a folder (no temporary file may stay behind).
std::set<std::string> names(const fs::path& folder) {
    std::set<std::string> result;
    for (const auto& entry : fs::directory_iterator(folder)) {
        result.insert(entry.path().filename().string());
    }
    return result;
}

// writeExport refuses with a message that names the target and contains `words`.
void requireRefused(const fs::path& target, const std::string& text, const fs::path& journal,
                    const std::string& words) {
    try {
        writeExport(target, text, journal);
        FAIL("writeExport wrote " << target);
    } catch (const Refused& e) {
        INFO(e.what());
        CHECK_THAT(e.what(), Catch::Contains("'" + target.string() + "'"));
        CHECK_THAT(e.what(), Catch::Contains(words));
        CHECK_FALSE(e.usage());
    }
}

class Umask {
public:
    explicit Umask(mode_t mask) : m_old(::umask(mask)) {}
    ~Umask() { ::umask(m_old); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;

private:
    mode_t m_old;
};

constexpr const char* kCsv = "date,exercise,set\n2026-03-02,bird-dog,1\n";

} // namespace

TEST_CASE("an export is written as a new 0600 file, whatever the umask", "[service][export]") {
    TempDir dir;
    Umask umask(022);
    const fs::path target = dir / "export.csv";
    writeExport(target, kCsv, {});
    CHECK(readBytes(target) == kCsv);
    CHECK(permissions(target) == 0600);
    CHECK(names(dir.path()) == std::set<std::string>{"export.csv"});

    SECTION("an empty text gives an empty file") {
        writeExport(dir / "empty.csv", "", {});
        CHECK(readBytes(dir / "empty.csv").empty());
        CHECK(permissions(dir / "empty.csv") == 0600);
    }
    SECTION("a relative target is written in the current folder") {
        const fs::path here = fs::current_path();
        fs::current_path(dir.path());
        try {
            writeExport("relative.csv", "r", {});
        } catch (...) {
            fs::current_path(here);
            throw;
        }
        fs::current_path(here);
        CHECK(readBytes(dir / "relative.csv") == "r");
    }
}

TEST_CASE("an existing regular file is replaced, and made 0600", "[service][export]") {
    TempDir dir;
    Umask umask(022);
    const fs::path target = dir / "export.csv";
    writeBytes(target, std::string(10000, 'o')); // longer than the new text
    ::chmod(target.c_str(), 0644);
    writeExport(target, kCsv, dir / "motus.db");
    CHECK(readBytes(target) == kCsv);
    CHECK(permissions(target) == 0600);
    CHECK(names(dir.path()) == std::set<std::string>{"export.csv"});
}

TEST_CASE("the journal is never overwritten, nor the files SQLite keeps beside it",
          "[service][export]") {
    TempDir dir;
    const fs::path journalFile = dir / "motus.db";
    storage::SqliteJournal journal(journalFile);
    journal.logFeedback({date(2026, 3, 2), "bird-dog", 1, 2, std::nullopt});
    REQUIRE(fs::exists(journalFile.string() + "-wal"));
    const std::set<std::string> before = names(dir.path());
    const std::string journalBytes = readBytes(journalFile);
    const std::string walBytes = readBytes(journalFile.string() + "-wal");

    requireRefused(journalFile, kCsv, journalFile, "Motus's own journal");
    requireRefused(journalFile.string() + "-wal", kCsv, journalFile, "Motus's own journal");
    requireRefused(journalFile.string() + "-shm", kCsv, journalFile, "Motus's own journal");
    // Not there now, but SQLite would take it for the journal's own.
    requireRefused(journalFile.string() + "-journal", kCsv, journalFile, "Motus's own journal");
    // Other spellings of the same file.
    requireRefused(dir / "." / "motus.db", kCsv, journalFile, "Motus's own journal");
    fs::create_directory(dir / "sub");
    requireRefused(dir / "sub" / ".." / "motus.db-wal", kCsv, journalFile, "Motus's own journal");
    fs::create_directory_symlink(dir.path(), dir / "sub" / "linked");
    requireRefused(dir / "sub" / "linked" / "motus.db", kCsv, journalFile, "Motus's own journal");
    fs::create_hard_link(journalFile, dir / "sub" / "hard-link.db");
    requireRefused(dir / "sub" / "hard-link.db", kCsv, journalFile, "Motus's own journal");

    CHECK(readBytes(journalFile) == journalBytes);
    CHECK(readBytes(journalFile.string() + "-wal") == walBytes);
    CHECK(names(dir.path()) == [&] {
        auto expected = before;
        expected.insert("sub");
        return expected;
    }());
    CHECK(names(dir / "sub") == std::set<std::string>{"linked", "hard-link.db"});
    CHECK(journal.feedback(date(2026, 3, 2), date(2026, 3, 2)).size() == 1);
}

TEST_CASE("any other SQLite database is refused", "[service][export]") {
    TempDir dir;
    const fs::path other = dir / "other.db";
    { storage::SqliteJournal journal(other); } // a Motus journal, not the one in use
    const std::string bytes = readBytes(other);
    requireRefused(other, kCsv, dir / "motus.db", "SQLite database");
    CHECK(readBytes(other) == bytes);

    const fs::path foreign = dir / "foreign.sqlite";
    writeBytes(foreign, std::string("SQLite format 3\0", 16) + std::string(100, 'x'));
    requireRefused(foreign, kCsv, {}, "SQLite database");
    CHECK(readBytes(foreign).size() == 116);

    // Fifteen bytes of the header are not a database.
    const fs::path almost = dir / "almost.csv";
    writeBytes(almost, "SQLite format 3");
    writeExport(almost, kCsv, {});
    CHECK(readBytes(almost) == kCsv);
    CHECK(names(dir.path()) == std::set<std::string>{"other.db", "foreign.sqlite", "almost.csv"});
}

TEST_CASE("a symbolic link at the target is refused and what it points to is untouched",
          "[service][export]") {
    TempDir dir;
    const fs::path pointee = dir / "notes.txt";
    writeBytes(pointee, "my notes\n");
    const fs::path link = dir / "export.csv";
    fs::create_symlink(pointee, link);
    requireRefused(link, kCsv, {}, "symbolic link");
    CHECK(readBytes(pointee) == "my notes\n");
    CHECK(fs::is_symlink(fs::symlink_status(link)));

    fs::create_symlink(dir / "nowhere.csv", dir / "dangling.csv");
    requireRefused(dir / "dangling.csv", kCsv, {}, "symbolic link");
    CHECK_FALSE(fs::exists(dir / "nowhere.csv"));
    CHECK(names(dir.path()) == std::set<std::string>{"notes.txt", "export.csv", "dangling.csv"});
}

TEST_CASE("a folder, a FIFO or a missing folder at the target is refused", "[service][export]") {
    TempDir dir;
    fs::create_directory(dir / "folder.csv");
    requireRefused(dir / "folder.csv", kCsv, {}, "not a regular file");
    REQUIRE(::mkfifo((dir / "pipe.csv").c_str(), 0600) == 0);
    requireRefused(dir / "pipe.csv", kCsv, {}, "not a regular file");
    requireRefused(dir / "missing" / "export.csv", kCsv, {},
                   "the folder '" + (dir / "missing").string() + "' does not exist");
    writeBytes(dir / "file", "x");
    requireRefused(dir / "file" / "export.csv", kCsv, {}, "the folder '");
    requireRefused(dir.path() / "", kCsv, {}, "names a folder");
    CHECK(names(dir.path()) == std::set<std::string>{"folder.csv", "pipe.csv", "file"});
    CHECK(fs::is_empty(dir / "folder.csv"));
}

TEST_CASE("a write that fails half-way leaves the target as it was and no temporary file",
          "[service][export]") {
    TempDir dir;
    const fs::path target = dir / "export.csv";
    writeBytes(target, "the old export\n");

    // A file size limit makes write() fail with EFBIG, as a full disk fails it with ENOSPC.
    struct rlimit old {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    auto* oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string message;
    try {
        writeExport(target, std::string(100000, 'x'), {});
    } catch (const Refused& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);

    INFO(message);
    CHECK_THAT(message, Catch::Contains("'" + target.string() + "'") &&
                            Catch::Contains(std::strerror(EFBIG)) &&
                            Catch::Contains("Nothing was changed"));
    CHECK(readBytes(target) == "the old export\n");
    CHECK(names(dir.path()) == std::set<std::string>{"export.csv"});
}
