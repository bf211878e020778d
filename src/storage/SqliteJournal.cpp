#include "SqliteJournal.hpp"

#include "Schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>
#include <utility>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motus::storage {

namespace fs = std::filesystem;

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr const char* kMemory = ":memory:";

// ---------------------------------------------------------------------------------------------
// Files and permissions

// umask 077 while the journal's files are created: new folders 0700, files 0600.
class UmaskGuard {
public:
    UmaskGuard() : m_old(::umask(077)) {}
    ~UmaskGuard() { ::umask(m_old); }
    UmaskGuard(const UmaskGuard&) = delete;
    UmaskGuard& operator=(const UmaskGuard&) = delete;

private:
    mode_t m_old;
};

fs::path sidecar(const fs::path& file, const char* suffix) {
    return fs::path(file.native() + suffix);
}

std::string inQuotes(const fs::path& file) {
    return "'" + file.string() + "'";
}

// Creates the missing folders above the journal, each 0700.
void createFolders(const fs::path& file) {
    const fs::path folder = file.parent_path();
    if (folder.empty()) {
        return;
    }
    std::vector<fs::path> missing;
    for (fs::path p = folder; !p.empty(); p = p.parent_path()) {
        std::error_code ec;
        if (fs::exists(p, ec)) {
            break;
        }
        missing.push_back(p);
        if (p == p.parent_path()) {
            break;
        }
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
            const int error = errno;
            throw StorageError(file, "cannot create the folder " + inQuotes(*it) +
                                         " for the journal: " + std::strerror(error) +
                                         ". Check that you may write to " +
                                         inQuotes(it->parent_path()) +
                                         ", or choose another file for the journal.");
        }
        ::chmod(it->c_str(), 0700);
    }
}

// Takes group and other permissions away from the file and its -wal/-shm (when they exist and
// are ours); never adds one, so a journal its owner made read-only stays read-only. A failure
// here is not fatal: the open that follows reports real problems.
void restrictPermissions(const fs::path& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const fs::path path = sidecar(file, suffix);
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
            continue;
        }
        const mode_t mode = st.st_mode & 07777;
        if ((mode & 077) != 0) {
            ::chmod(path.c_str(), mode & ~static_cast<mode_t>(077));
        }
    }
}

// The -wal and -shm files that were not there before: a connection (even a read-only one) to a
// WAL journal creates them. Removes those it finds empty again when asked (a refused journal,
// a read-only one closed), so that Motus leaves no new files behind.
class Sidecars {
public:
    Sidecars() = default;
    explicit Sidecars(const fs::path& file)
        : m_wal(sidecar(file, "-wal")), m_shm(sidecar(file, "-shm")) {
        std::error_code ec;
        m_hadWal = fs::exists(fs::symlink_status(m_wal, ec));
        m_hadShm = fs::exists(fs::symlink_status(m_shm, ec));
    }
    void removeNew() const noexcept {
        if (m_wal.empty()) {
            return;
        }
        std::error_code ec;
        if (!m_hadWal && fs::is_regular_file(m_wal, ec) && fs::file_size(m_wal, ec) == 0) {
            fs::remove(m_wal, ec);
        }
        if (!m_hadShm && !fs::exists(m_wal, ec) && fs::is_regular_file(m_shm, ec)) {
            fs::remove(m_shm, ec);
        }
    }

private:
    fs::path m_wal;
    fs::path m_shm;
    bool m_hadWal = false;
    bool m_hadShm = false;
};

// Why Motus may not write the existing journal `file` ("" when it may). The owner's write bit
// counts even for root: a journal made read-only stays read-only.
std::string whyReadOnly(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        return {};
    }
    if ((st.st_mode & S_IWUSR) == 0 || ::access(file.c_str(), W_OK) != 0) {
        char mode[10] = "---------";
        const mode_t bits[] = {S_IRUSR, S_IWUSR, S_IXUSR, S_IRGRP, S_IWGRP,
                               S_IXGRP, S_IROTH, S_IWOTH, S_IXOTH};
        for (int i = 0; i < 9; ++i) {
            if ((st.st_mode & bits[i]) != 0) {
                mode[i] = "rwxrwxrwx"[i];
            }
        }
        return "the file is read-only for you (permissions " + std::string(mode) + ")";
    }
    // Writing a WAL journal creates -wal and -shm beside it.
    fs::path folder = file.parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    std::error_code ec;
    const bool sidecarsWritable = fs::exists(sidecar(file, "-wal"), ec) &&
                                  fs::exists(sidecar(file, "-shm"), ec) &&
                                  ::access(sidecar(file, "-wal").c_str(), W_OK) == 0 &&
                                  ::access(sidecar(file, "-shm").c_str(), W_OK) == 0;
    if (!sidecarsWritable && ::access(folder.c_str(), W_OK | X_OK) != 0) {
        return "its folder " + inQuotes(folder) + " is read-only for you";
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Checking a file before changing anything

[[noreturn]] void refuse(const fs::path& file, const std::string& why, const std::string& todo) {
    throw StorageError(file, "cannot open the journal " + inQuotes(file) + ": " + why + ". " +
                                 todo + " Motus has not changed the file.");
}

std::string hex(std::int64_t value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%08llX",
                  static_cast<unsigned long long>(static_cast<std::uint32_t>(value)));
    return buffer;
}

struct FileFacts {
    std::string quickCheck;
    std::int64_t applicationId = 0;
    int userVersion = 0;
    int tables = 0;
};

// The operating system's reason for a failed read or write, in words, when it says more than
// SQLite's own ("" when not).
std::string systemWords(int error) {
    switch (error) {
    case EFBIG:
        return "The journal reached the largest file this session may write (the file size "
               "limit, ulimit -f); raise the limit or free some space, and try again.";
    case ENOSPC:
        return "The disk is full; free some space and try again.";
    case EDQUOT:
        return "Your disk quota is used up; free some space and try again.";
    case EROFS:
        return "The disk holding it is mounted read-only.";
    case EIO:
        return "The disk reported an input/output error; check it and try again.";
    default:
        return {};
    }
}

// SQLite's exception with the errno of the system call that failed (sqlite3_system_errno),
// read while the connection was still open.
struct SystemFailure : SQLite::Exception {
    SystemFailure(const SQLite::Exception& e, int error)
        : SQLite::Exception(e), systemErrno(error) {}
    int systemErrno;
};

// Runs `work` on `db`; an SQLite exception comes out as a SystemFailure.
template <typename Work> auto keepingErrno(SQLite::Database& db, Work work) {
    try {
        return work();
    } catch (const SystemFailure&) {
        throw;
    } catch (const SQLite::Exception& e) {
        throw SystemFailure(e, sqlite3_system_errno(db.getHandle()));
    }
}

// The words for a failure that may have a system cause ("" when it has none).
std::string systemWordsOf(const SQLite::Exception& e) {
    const auto* failure = dynamic_cast<const SystemFailure*>(&e);
    const int code = e.getErrorCode();
    if (failure == nullptr || (code != SQLITE_FULL && code != SQLITE_IOERR)) {
        return {};
    }
    return systemWords(failure->systemErrno);
}

// "file:" URI of a path, for SQLite's URI parameters.
std::string fileUri(const fs::path& file) {
    std::string uri = "file:";
    for (const unsigned char c : fs::absolute(file).string()) {
        if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    return uri;
}

// A connection that never writes the file. A WAL journal needs its -shm, which a read-only
// folder may not let SQLite create: then, when no -wal holds anything, the file is opened as
// immutable (nobody may write it either).
SQLite::Database openReadOnly(const fs::path& file) {
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY, kBusyTimeoutMs);
        keepingErrno(db, [&] { return db.execAndGet("SELECT count(*) FROM sqlite_schema"); });
        return db;
    } catch (const SQLite::Exception& e) {
        std::error_code ec;
        const fs::path wal = sidecar(file, "-wal");
        const bool walHolds = fs::exists(wal, ec) && fs::file_size(wal, ec) > 0;
        const int code = e.getErrorCode();
        if ((code != SQLITE_CANTOPEN && code != SQLITE_READONLY) || walHolds) {
            throw;
        }
    }
    SQLite::Database db(fileUri(file) + "?immutable=1", SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                        kBusyTimeoutMs);
    keepingErrno(db, [&] { return db.execAndGet("SELECT count(*) FROM sqlite_schema"); });
    return db;
}

FileFacts readFacts(SQLite::Database& db);

// Reads what the checks need through a read-only connection (which never writes the file).
FileFacts readFacts(const fs::path& file) {
    SQLite::Database db = openReadOnly(file);
    return keepingErrno(db, [&] { return readFacts(db); });
}

FileFacts readFacts(SQLite::Database& db) {
    FileFacts facts;
    {
        SQLite::Statement check(db, "PRAGMA quick_check");
        while (check.executeStep()) {
            if (!facts.quickCheck.empty()) {
                facts.quickCheck += "; ";
            }
            facts.quickCheck += check.getColumn(0).getString();
        }
    }
    facts.applicationId = db.execAndGet("PRAGMA application_id").getInt64();
    facts.userVersion = db.execAndGet("PRAGMA user_version").getInt();
    facts.tables = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    return facts;
}

// Refuses (throws) a file that is not a Motus journal this build can use; leaves it untouched.
void checkExisting(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        refuse(file, "it is not a regular file", "Choose a file path for the journal.");
    }
    const auto size = fs::file_size(file, ec);
    if (ec) {
        refuse(file, "it cannot be read (" + ec.message() + ")",
               "Check that the file is readable by you.");
    }
    if (size == 0) {
        return; // an empty file is an empty database: a new journal
    }
    std::array<char, 16> magic{};
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            refuse(file, "it cannot be read", "Check that the file is readable by you.");
        }
        in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
        if (in.gcount() != static_cast<std::streamsize>(magic.size()) ||
            std::memcmp(magic.data(), "SQLite format 3", 16) != 0) {
            refuse(file, "it is not a Motus journal (not an SQLite database)",
                   "Move it away or choose another file for the journal.");
        }
    }

    // A read-only connection to a WAL file creates -wal and -shm: removed again when the file
    // is refused.
    const Sidecars sidecars(file);
    auto cleanUp = [&] { sidecars.removeNew(); };

    FileFacts facts;
    try {
        facts = readFacts(file);
    } catch (const SQLite::Exception& e) {
        cleanUp();
        const int code = e.getErrorCode();
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
            refuse(file, std::string("it is damaged (") + e.what() + ")",
                   "Restore it from a backup (Motus keeps one as " +
                       inQuotes(file.filename().string() + ".backup-v<N>") +
                       " beside it before each upgrade) or move it away to start a new journal.");
        }
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            refuse(file, std::string("another program holds it locked (") + e.what() + ")",
                   "Close the other program and try again.");
        }
        if (const std::string words = systemWordsOf(e); !words.empty()) {
            refuse(file, std::string("it cannot be read (") + e.what() + ")", words);
        }
        refuse(file, std::string("it cannot be read as a database (") + e.what() + ")",
               "Check that the file is readable by you, or move it away.");
    }
    if (facts.quickCheck != "ok") {
        cleanUp();
        refuse(file, "it is damaged (quick_check: " + facts.quickCheck + ")",
               "Restore it from a backup (Motus keeps one as " +
                   inQuotes(file.filename().string() + ".backup-v<N>") +
                   " beside it before each upgrade) or move it away to start a new journal.");
    }
    if (facts.applicationId != schema::kApplicationId &&
        (facts.applicationId != 0 || facts.tables > 0)) {
        cleanUp();
        refuse(file,
               facts.applicationId == 0
                   ? std::string("it is the database of another application (it has tables "
                                 "but not Motus's application id)")
                   : "it is the database of another application (application id " +
                         hex(facts.applicationId) + ", Motus's is " + hex(schema::kApplicationId) +
                         ")",
               "Choose another file for the Motus journal.");
    }
    if (facts.userVersion == 0 && facts.tables > 0) {
        cleanUp();
        refuse(file,
               "it has Motus's application id and " + std::to_string(facts.tables) +
                   " tables but no journal version (user_version 0), so it was not written by "
                   "Motus as it is, or was changed by another program",
               "Restore it from a backup (a .backup-v* file beside it) or move it away to start "
               "a new journal.");
    }
    if (facts.userVersion > schema::latestVersion()) {
        cleanUp();
        refuse(file,
               "it was written by a newer Motus (journal version " +
                   std::to_string(facts.userVersion) + "; this Motus knows versions up to " +
                   std::to_string(schema::latestVersion()) + ")",
               "Update Motus to open it.");
    }
}

// ---------------------------------------------------------------------------------------------
// Migrations

int userVersion(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

int versionOr(SQLite::Database& db, int fallback) noexcept {
    try {
        return userVersion(db);
    } catch (...) {
        return fallback;
    }
}

// A copy of the file as it is, before migrating it: "<file>.backup-v<N>".
fs::path backUp(SQLite::Database& db, const fs::path& file, int version) {
    const fs::path backup(file.native() + ".backup-v" + std::to_string(version));
    const fs::path temporary(backup.native() + ".tmp-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(temporary, ec);
    SQLite::Statement vacuum(db, "VACUUM INTO ?");
    vacuum.bind(1, temporary.string());
    vacuum.exec();
    ::chmod(temporary.c_str(), 0600);
    fs::rename(temporary, backup, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw StorageError(file, "cannot keep a backup of the journal " + inQuotes(file) + " as " +
                                     inQuotes(backup) + " before upgrading it: " + ec.message() +
                                     ". Free some space or check that you may "
                                     "write to its folder; the journal was not changed.");
    }
    return backup;
}

// What to do after a migration failed, from its real cause.
std::string migrationAdvice(SQLite::Database& db, const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code == SQLITE_FULL || code == SQLITE_IOERR) {
        const std::string words = systemWords(sqlite3_system_errno(db.getHandle()));
        return words.empty() ? "Free some space or check the disk, then start Motus again." : words;
    }
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return "Another program holds it locked; close it and try again.";
    }
    if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN) {
        return "Check that the file and its folder are writable by you.";
    }
    return "The file may have been changed by another program; restore it from a backup or "
           "move it away to start a new journal.";
}

void migrate(SQLite::Database& db, const fs::path& file, bool inMemory) {
    const int found = userVersion(db);
    if (found >= schema::latestVersion()) {
        return;
    }
    fs::path backup;
    if (!inMemory && found > 0) {
        try {
            backup = backUp(db, file, found);
        } catch (const SQLite::Exception& e) {
            throw StorageError(file, "cannot keep a backup of the journal " + inQuotes(file) +
                                         " before upgrading it (" + e.what() +
                                         "). Free some space or check that you may write to "
                                         "its folder; the journal was not changed.");
        }
    }
    for (const schema::Migration& migration : schema::migrations()) {
        if (migration.version <= found) {
            continue;
        }
        try {
            db.exec("BEGIN IMMEDIATE");
            try {
                // Another process may have migrated the file since we looked.
                const int now = userVersion(db);
                if (now < migration.version) {
                    if (now != migration.version - 1) {
                        throw StorageError(file, "the journal " + inQuotes(file) +
                                                     " is at version " + std::to_string(now) +
                                                     ", which cannot be upgraded to version " +
                                                     std::to_string(migration.version) + ".");
                    }
                    db.exec(std::string(migration.sql));
                    db.exec("PRAGMA user_version = " + std::to_string(migration.version));
                }
                db.exec("COMMIT");
            } catch (...) {
                db.tryExec("ROLLBACK");
                throw;
            }
        } catch (const SQLite::Exception& e) {
            throw StorageError(
                file, "cannot upgrade the journal " +
                          (inMemory ? std::string("in memory") : inQuotes(file)) + " to version " +
                          std::to_string(migration.version) + " (" + std::string(migration.name) +
                          "): " + e.what() + ". The journal was left at version " +
                          std::to_string(versionOr(db, found)) +
                          (backup.empty() ? std::string()
                                          : "; a copy from before is in " + inQuotes(backup)) +
                          ". " + migrationAdvice(db, e));
        }
    }
}

// What SQLite's failure to open or create `file` means, in words (the real cause first).
std::string openFailure(const fs::path& file, const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return std::string(e.what()) + ". Another program holds it locked; close it and try again.";
    }
    if (const std::string words = systemWordsOf(e); !words.empty()) {
        return std::string(e.what()) + ". " + words;
    }
    if (code == SQLITE_FULL) {
        return std::string(e.what()) + ". The disk is full; free some space and try again.";
    }
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
        return std::string(e.what()) +
               ". It is damaged; restore it from a backup or move it away to start a new journal.";
    }
    fs::path folder = file.parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    std::error_code ec;
    if (!fs::exists(file, ec) && ::access(folder.c_str(), W_OK | X_OK) != 0) {
        const int error = errno;
        return "you may not create files in its folder " + inQuotes(folder) + " (" +
               std::strerror(error) +
               "). Choose another file for the journal, or a folder you may write to.";
    }
    if (::access(file.c_str(), R_OK) != 0) {
        const int error = errno;
        return "the file is not readable by you (" + std::string(std::strerror(error)) +
               "). Check its permissions.";
    }
    return std::string(e.what()) +
           ". Check that the file and its folder are readable and writable by you.";
}

// A journal Motus may read but not write: opened read-only, never migrated.
SQLite::Database openReadOnlyJournal(const fs::path& file, const std::string& why) {
    SQLite::Database db = openReadOnly(file);
    db.exec("PRAGMA foreign_keys = ON");
    const int found = userVersion(db);
    if (found < schema::latestVersion()) {
        throw StorageError(
            file, "cannot open the journal " + inQuotes(file) + ": it is at version " +
                      std::to_string(found) + " and must be upgraded to version " +
                      std::to_string(schema::latestVersion()) + " by writing it, but " + why +
                      ". Make it writable (chmod u+w), then start Motus again. Motus has not "
                      "changed the file.");
    }
    return db;
}

SQLite::Database openDatabase(const fs::path& file, std::string& readOnlyWhy) {
    if (file == kMemory) {
        SQLite::Database db(kMemory, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA foreign_keys = ON");
        migrate(db, file, true);
        return db;
    }
    UmaskGuard umask;
    std::error_code ec;
    const bool exists = fs::exists(fs::symlink_status(file, ec)) || fs::exists(file, ec);
    if (exists) {
        checkExisting(file);
        readOnlyWhy = whyReadOnly(file);
    } else {
        createFolders(file);
    }
    restrictPermissions(file);
    const Sidecars sidecars(file);
    try {
        if (!readOnlyWhy.empty()) {
            return openReadOnlyJournal(file, readOnlyWhy);
        }
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                            kBusyTimeoutMs);
        keepingErrno(db, [&] {
            const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
            if (mode != "wal") {
                throw StorageError(file, "cannot open the journal " + inQuotes(file) +
                                             ": it cannot use write-ahead logging (journal mode " +
                                             mode + "). Keep the journal on a local disk.");
            }
            db.exec("PRAGMA synchronous = FULL");
            db.exec("PRAGMA foreign_keys = ON");
            restrictPermissions(file);
            migrate(db, file, false);
            restrictPermissions(file);
        });
        return db;
    } catch (const SQLite::Exception& e) {
        sidecars.removeNew();
        throw StorageError(file, "cannot open the journal " + inQuotes(file) + ": " +
                                     openFailure(file, e));
    } catch (...) {
        sidecars.removeNew();
        throw;
    }
}

// ---------------------------------------------------------------------------------------------
// Values

std::string formatPyramid(const std::vector<int>& pyramid) {
    std::string text;
    for (int reps : pyramid) {
        if (!text.empty()) {
            text += ',';
        }
        text += std::to_string(reps);
    }
    return text;
}

std::optional<std::vector<int>> parsePyramid(std::string_view text) {
    std::vector<int> pyramid;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        int value = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (ec != std::errc() || ptr != part.data() + part.size()) {
            return std::nullopt;
        }
        pyramid.push_back(value);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return pyramid;
}

// ---------------------------------------------------------------------------------------------
// Decisions as data: figures and reason parameters as JSON text

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Invalid UTF-8 (never in Motus's own text) is written as U+FFFD rather than failing the write.
template <typename J> std::string dumpJson(const J& json) {
    return json.dump(-1, ' ', false, J::error_handler_t::replace);
}

// The figures as a JSON object with the keys older versions wrote ("A", "Pd", "dPm", "trend",
// "RPE", "C", "leg", "gap_days", "red_flags") and the newer ones; only the known figures.
std::string formatFigures(const core::Figures& f) {
    OrderedJson json = OrderedJson::object();
    for (const auto& figure : core::numericFigures(f)) {
        const std::string key(figure.key);
        if (figure.whole) {
            json[key] = static_cast<std::int64_t>(figure.value);
        } else {
            json[key] = figure.value;
        }
    }
    if (f.leg) {
        json["leg"] = std::string(core::toString(*f.leg));
    }
    if (!f.redFlags.empty()) {
        OrderedJson flags = OrderedJson::array();
        for (core::RedFlag flag : f.redFlags) {
            flags.push_back(std::string(core::toString(flag)));
        }
        json["red_flags"] = std::move(flags);
    }
    return dumpJson(json);
}

// Reads figures written by any version: what cannot be read (not JSON, not an object, a key of
// the wrong type, an unknown key, a value out of range) is left out, never an error.
core::Figures parseFigures(const std::string& text) noexcept {
    core::Figures f;
    try {
        const Json json = Json::parse(text, nullptr, false);
        if (!json.is_object()) {
            return f;
        }
        auto number = [&](const char* key) -> std::optional<double> {
            const auto it = json.find(key);
            if (it == json.end() || !it->is_number()) {
                return std::nullopt;
            }
            const double value = it->get<double>();
            return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
        };
        auto integer = [&](const char* key) -> std::optional<int> {
            const auto it = json.find(key);
            if (it == json.end()) {
                return std::nullopt;
            }
            if (it->is_number_integer()) {
                const auto value = it->get<std::int64_t>();
                if (value < std::numeric_limits<int>::min() ||
                    value > std::numeric_limits<int>::max()) {
                    return std::nullopt;
                }
                return static_cast<int>(value);
            }
            const auto value = number(key); // 2.0 is 2; 6.5 is no whole number
            if (!value || std::trunc(*value) != *value ||
                *value < std::numeric_limits<int>::min() ||
                *value > std::numeric_limits<int>::max()) {
                return std::nullopt;
            }
            return static_cast<int>(*value);
        };
        f.adherence = number("A");
        f.painDuring = integer("Pd");
        f.morningPain = number("morning_pain");
        f.baseline = number("baseline");
        f.morningDelta = number("dPm");
        f.trend = number("trend");
        f.trendBefore = number("trend_before");
        f.effort = integer("RPE");
        f.completion = number("C");
        if (const auto it = json.find("leg"); it != json.end() && it->is_string()) {
            f.leg = core::parseEnum<core::LegChange>(it->get<std::string>());
        }
        f.gapDays = integer("gap_days");
        if (const auto it = json.find("red_flags"); it != json.end() && it->is_array()) {
            for (const auto& item : *it) {
                if (item.is_string()) {
                    if (const auto flag = core::parseEnum<core::RedFlag>(item.get<std::string>())) {
                        f.redFlags.push_back(*flag);
                    }
                }
            }
        }
        f.quotaBaseline = number("quota_baseline");
        f.quota = integer("quota");
    } catch (...) {
        return core::Figures{};
    }
    return f;
}

std::string formatParams(const std::vector<std::string>& params) {
    return dumpJson(Json(params));
}

// A JSON array of strings; none when the text is not one.
std::optional<std::vector<std::string>> parseParams(const std::string& text) {
    const Json json = Json::parse(text, nullptr, false);
    if (!json.is_array()) {
        return std::nullopt;
    }
    std::vector<std::string> params;
    for (const auto& item : json) {
        if (!item.is_string()) {
            return std::nullopt;
        }
        params.push_back(item.get<std::string>());
    }
    return params;
}

// The row of a decision recorded before schema version 4, from its old rule number.
core::Row legacyRow(int rule, bool byTherapist) {
    if (byTherapist) {
        return core::Row::Phase;
    }
    switch (rule) {
    case -1:
        return core::Row::Phase;
    case 0:
        return core::Row::RedFlag;
    case 1:
        return core::Row::Legs;
    case 2:
        return core::Row::Pain;
    case 3:
        return core::Row::LowAdherence;
    case 4:
        return core::Row::Amber;
    case 5:
        return core::Row::Progress;
    case 6:
        return core::Row::Quota;
    case 7:
        return core::Row::Gap;
    default:
        return core::Row::Default;
    }
}

// The columns of a prescription, in the order bindPrescription and readPrescription use.
constexpr std::array<std::string_view, 22> kPrescriptionColumns{
    "exercise",      "sets",
    "reps",          "hold_seconds",
    "tempo_seconds", "rest_seconds",
    "side",          "per_day",
    "per_week",      "pyramid",
    "min_sets",      "max_sets",
    "min_reps",      "max_reps",
    "min_hold",      "max_hold",
    "min_rest",      "max_rest",
    "locked",        "regressions_in_a_row",
    "stopped",       "low_adherence_weeks"};

std::string columns(std::string_view prefix) {
    std::string list;
    for (std::string_view column : kPrescriptionColumns) {
        if (!list.empty()) {
            list += ", ";
        }
        list += prefix;
        list += column;
    }
    return list;
}

std::string parameters(int first, std::size_t count) {
    std::string list;
    for (std::size_t i = 0; i < count; ++i) {
        if (!list.empty()) {
            list += ", ";
        }
        list += '?' + std::to_string(first + static_cast<int>(i));
    }
    return list;
}

int bindPrescription(SQLite::Statement& statement, int index, const core::Prescription& p) {
    statement.bind(index++, p.exercise);
    statement.bind(index++, p.dose.sets);
    statement.bind(index++, p.dose.reps);
    statement.bind(index++, p.dose.holdSeconds);
    statement.bind(index++, p.dose.tempoSeconds);
    statement.bind(index++, p.dose.restSeconds);
    statement.bind(index++, std::string(core::toString(p.dose.side)));
    statement.bind(index++, p.dose.perDay);
    statement.bind(index++, p.dose.perWeek);
    statement.bind(index++, formatPyramid(p.dose.pyramid));
    for (const core::IntRange* range :
         {&p.bounds.sets, &p.bounds.reps, &p.bounds.hold, &p.bounds.rest}) {
        statement.bind(index++, range->min);
        statement.bind(index++, range->max);
    }
    statement.bind(index++, p.locked ? 1 : 0);
    statement.bind(index++, p.regressionsInARow);
    statement.bind(index++, p.stopped ? 1 : 0);
    statement.bind(index++, p.lowAdherenceWeeks);
    return index;
}

// Enforces the one-statement-per-use discipline: reset before, reset after (so that no read
// transaction stays open between calls).
class Use {
public:
    explicit Use(SQLite::Statement& statement) : m_statement(statement) {
        m_statement.tryReset(); // an error of its last use was reported then
        m_statement.clearBindings();
    }
    ~Use() { m_statement.tryReset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    SQLite::Statement* operator->() { return &m_statement; }
    SQLite::Statement& operator*() { return m_statement; }

private:
    SQLite::Statement& m_statement;
};

// The first 12 are read by doseChangeAt before the prescriptions.
const std::string kDoseChangeColumns =
    "date, exercise, decision, rule, reason, figures, by_therapist, review, \"row\", reason_key, "
    "reason_params, check_in, " +
    columns("from_") + ", " + columns("to_");
constexpr int kDoseChangeFields = 12;

const std::string kFlagColumns = "id, date, exercise, \"row\", reason_key, reason_params, figures, "
                                 "stops, cleared_date, check_in";

} // namespace

// -------------------------------------------------------------------------------------------------

struct SqliteJournal::Impl {
    explicit Impl(const fs::path& path)
        : file(path == kMemory ? fs::path() : path),
          label(path == kMemory ? "in memory" : inQuotes(path)),
          sidecars(path == kMemory ? Sidecars() : Sidecars(path)),
          db(openDatabase(path, readOnlyWhy)),
          insertProgram(db,
                        "INSERT INTO program (program_id, xml, start_date) VALUES (?1, ?2, ?3)"),
          selectPrograms(db,
                         "SELECT program_id, xml, start_date, stopped FROM program ORDER BY id"),
          selectActiveProgram(db, "SELECT program_id, xml, start_date, stopped FROM program "
                                  "ORDER BY id DESC LIMIT 1"),
          stopActiveProgram(db, "UPDATE program SET stopped = 1 WHERE id = "
                                "(SELECT max(id) FROM program)"),
          resumeActiveProgram(db, "UPDATE program SET stopped = 0 WHERE id = "
                                  "(SELECT max(id) FROM program)"),
          deletePrescriptions(db, "DELETE FROM prescription"),
          deletePrescription(db, "DELETE FROM prescription WHERE exercise = ?1"),
          selectPosition(db, "SELECT position FROM prescription WHERE exercise = ?1"),
          selectNextPosition(db, "SELECT coalesce(max(position), 0) + 1 FROM prescription"),
          upsertPrescription(db, upsertPrescriptionSql()),
          selectPrescriptions(db, "SELECT " + columns("") +
                                      " FROM prescription ORDER BY position, exercise"),
          insertDoseChange(
              db, "INSERT INTO dose_change (" + kDoseChangeColumns + ") VALUES (" +
                      parameters(1, kDoseChangeFields + 2 * kPrescriptionColumns.size()) + ")"),
          selectDoseChanges(db, "SELECT " + kDoseChangeColumns +
                                    " FROM dose_change WHERE decision <> 'hold' ORDER BY date, id"),
          selectReviewed(db, "SELECT 1 FROM review WHERE week_start = ?1"),
          selectReviewedWeeks(db, "SELECT week_start FROM review ORDER BY week_start"),
          insertReview(db, "INSERT INTO review (week_start, week_end) VALUES (?1, ?2)"),
          selectReviews(db, "SELECT r.week_start, r.week_end, d.id, d." +
                                replaceAll(kDoseChangeColumns, ", ", ", d.") +
                                " FROM review r LEFT JOIN dose_change d ON d.review = r.week_start "
                                "ORDER BY r.week_start, d.id"),
          insertSession(db, "INSERT INTO session (date, utc, utc_offset_minutes, slot) "
                            "VALUES (?1, ?2, ?3, ?4)"),
          insertSet(db, "INSERT INTO set_log (session, exercise, set_number, reps_done, "
                        "reps_prescribed, hold_seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
          updateSessionStatus(db, "UPDATE session SET status = ?2 WHERE id = ?1"),
          selectSessions(db,
                         "SELECT s.id, s.date, s.utc, s.utc_offset_minutes, s.status, s.slot, "
                         "l.exercise, l.set_number, l.reps_done, l.reps_prescribed, "
                         "l.hold_seconds FROM session s LEFT JOIN set_log l ON l.session = s.id "
                         "WHERE s.date BETWEEN ?1 AND ?2 ORDER BY s.date, s.slot, l.id"),
          selectSessionDays(db, "SELECT date, status FROM session WHERE date BETWEEN ?1 AND ?2 "
                                "ORDER BY date, slot"),
          insertFeedback(db, "INSERT INTO feedback (date, exercise, pain, effort, leg) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)"),
          selectFeedback(db, "SELECT date, exercise, pain, effort, leg FROM feedback "
                             "WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id"),
          insertCheckIn(db, "INSERT INTO check_in (date, utc, utc_offset_minutes, morning_pain) "
                            "VALUES (?1, ?2, ?3, ?4)"),
          insertRedFlag(db, "INSERT OR IGNORE INTO red_flag (check_in, flag) VALUES (?1, ?2)"),
          selectCheckIns(db, "SELECT c.id, c.date, c.utc, c.utc_offset_minutes, c.morning_pain, "
                             "f.flag FROM check_in c LEFT JOIN red_flag f ON f.check_in = c.id "
                             "WHERE c.date BETWEEN ?1 AND ?2 ORDER BY c.date, c.id"),
          insertFlag(db, "INSERT INTO therapist_flag (date, exercise, \"row\", reason_key, "
                         "reason_params, figures, stops, check_in) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
          selectFlags(db, "SELECT " + kFlagColumns + " FROM therapist_flag ORDER BY date, id"),
          clearOpenFlag(db, "UPDATE therapist_flag SET cleared_date = ?2 "
                            "WHERE id = ?1 AND cleared_date IS NULL") {}

    static std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
        for (std::size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
        return text;
    }

    static std::string upsertPrescriptionSql() {
        std::string sql = "INSERT INTO prescription (" + columns("") + ", position) VALUES (" +
                          parameters(1, kPrescriptionColumns.size() + 1) +
                          ") ON CONFLICT (exercise) DO UPDATE SET ";
        bool first = true;
        for (std::string_view column : kPrescriptionColumns) {
            if (column == "exercise") {
                continue;
            }
            if (!first) {
                sql += ", ";
            }
            first = false;
            sql += std::string(column) + " = excluded." + std::string(column);
        }
        return sql;
    }

    // Runs `action`, turning SQLite's exceptions into a StorageError that says what failed where.
    // `taken` says what a UNIQUE constraint that failed means.
    template <typename F>
    auto guarded(std::string_view what, F&& action, std::string_view taken = {}) const {
        try {
            return action();
        } catch (const SQLite::Exception& e) {
            const int code = e.getErrorCode();
            std::string todo;
            if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE && !taken.empty()) {
                todo = " " + std::string(taken);
            } else if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
                todo = " It refers to a record that is not in the journal.";
            } else if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
                todo = " Another Motus is writing to it; close it or try again in a moment.";
            } else if (code == SQLITE_FULL || code == SQLITE_IOERR) {
                const std::string cause = systemWords(sqlite3_system_errno(db.getHandle()));
                todo = " " + (!cause.empty()        ? cause
                              : code == SQLITE_FULL ? std::string("The disk is full; free some "
                                                                  "space and try again.")
                                                    : std::string("The disk reported an error; "
                                                                  "check it and try again."));
            } else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN) {
                todo = " Check that the file and its folder are writable by you.";
            } else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
                todo = " The file is damaged; restore it from a backup (a .backup-v* file beside "
                       "it) or move it away to start a new journal.";
            }
            throw StorageError(file, "cannot " + std::string(what) + " in the journal " + label +
                                         ": " + e.what() + "." + todo);
        }
    }

    [[noreturn]] void damaged(const std::string& what) const {
        throw StorageError(file, "the journal " + label + " holds " + what +
                                     ", which this Motus does not understand. It may have been "
                                     "edited by hand; restore it from a backup.");
    }

    core::Date dateAt(SQLite::Statement& statement, int column) const {
        const std::string text = statement.getColumn(column).getString();
        const auto date = core::parseDate(text);
        if (!date) {
            damaged("the invalid date '" + text + "'");
        }
        return *date;
    }

    template <typename Enum>
    Enum enumAt(SQLite::Statement& statement, int column, const char* kind) const {
        const std::string text = statement.getColumn(column).getString();
        const auto value = core::parseEnum<Enum>(text);
        if (!value) {
            damaged(std::string("the unknown ") + kind + " '" + text + "'");
        }
        return *value;
    }

    static std::optional<int> optionalInt(SQLite::Statement& statement, int column) {
        const auto value = statement.getColumn(column);
        if (value.isNull()) {
            return std::nullopt;
        }
        return value.getInt();
    }

    static void bindOptional(SQLite::Statement& statement, int index, std::optional<int> value) {
        if (value) {
            statement.bind(index, *value);
        } else {
            statement.bind(index);
        }
    }

    core::Prescription prescriptionAt(SQLite::Statement& s, int c) const {
        core::Prescription p;
        p.exercise = s.getColumn(c++).getString();
        p.dose.sets = s.getColumn(c++).getInt();
        p.dose.reps = s.getColumn(c++).getInt();
        p.dose.holdSeconds = s.getColumn(c++).getInt();
        p.dose.tempoSeconds = s.getColumn(c++).getInt();
        p.dose.restSeconds = s.getColumn(c++).getInt();
        p.dose.side = enumAt<core::Side>(s, c++, "side");
        p.dose.perDay = s.getColumn(c++).getInt();
        p.dose.perWeek = s.getColumn(c++).getInt();
        const std::string pyramid = s.getColumn(c++).getString();
        const auto parsed = parsePyramid(pyramid);
        if (!parsed) {
            damaged("the invalid pyramid '" + pyramid + "'");
        }
        p.dose.pyramid = *parsed;
        for (core::IntRange* range :
             {&p.bounds.sets, &p.bounds.reps, &p.bounds.hold, &p.bounds.rest}) {
            range->min = s.getColumn(c++).getInt();
            range->max = s.getColumn(c++).getInt();
        }
        p.locked = s.getColumn(c++).getInt() != 0;
        p.regressionsInARow = s.getColumn(c++).getInt();
        p.stopped = s.getColumn(c++).getInt() != 0;
        p.lowAdherenceWeeks = s.getColumn(c++).getInt();
        return p;
    }

    // A reason key and its parameters (columns `c`, `c + 1`) as written since version 4.
    core::Reason reasonAt(SQLite::Statement& s, int c) const {
        core::Reason reason;
        reason.key = enumAt<core::ReasonKey>(s, c, "reason");
        if (!s.getColumn(c + 1).isNull()) {
            const std::string text = s.getColumn(c + 1).getString();
            const auto params = parseParams(text);
            if (!params) {
                damaged("the invalid reason parameters '" + text + "'");
            }
            reason.params = *params;
        }
        return reason;
    }

    // Columns as in kDoseChangeColumns, from `c`.
    core::DoseChange doseChangeAt(SQLite::Statement& s, int c) const {
        core::DoseChange change;
        change.date = dateAt(s, c);
        change.exercise = s.getColumn(c + 1).getString();
        change.decision = enumAt<core::Decision>(s, c + 2, "decision");
        change.figures = parseFigures(s.getColumn(c + 5).getString());
        if (s.getColumn(c + 8).isNull()) { // written before version 4
            change.row = legacyRow(s.getColumn(c + 3).getInt(), s.getColumn(c + 6).getInt() != 0);
            change.reason = {core::ReasonKey::Legacy, {s.getColumn(c + 4).getString()}};
        } else {
            change.row = enumAt<core::Row>(s, c + 8, "rule table row");
            change.reason = reasonAt(s, c + 9);
        }
        if (!s.getColumn(c + 11).isNull()) {
            change.checkIn = s.getColumn(c + 11).getInt64();
        }
        c += kDoseChangeFields;
        change.from = prescriptionAt(s, c);
        change.to = prescriptionAt(s, c + static_cast<int>(kPrescriptionColumns.size()));
        return change;
    }

    // Columns as in kFlagColumns.
    core::TherapistFlag flagAt(SQLite::Statement& s) const {
        core::TherapistFlag flag;
        flag.id = s.getColumn(0).getInt64();
        flag.date = dateAt(s, 1);
        flag.exercise = s.getColumn(2).getString();
        flag.row = enumAt<core::Row>(s, 3, "rule table row");
        flag.reason = reasonAt(s, 4);
        flag.figures = parseFigures(s.getColumn(6).getString());
        flag.stops = s.getColumn(7).getInt() != 0;
        if (!s.getColumn(8).isNull()) {
            flag.cleared = dateAt(s, 8);
        }
        if (!s.getColumn(9).isNull()) {
            flag.checkIn = s.getColumn(9).getInt64();
        }
        return flag;
    }

    void recordChange(const core::DoseChange& change, const std::optional<core::Date>& review) {
        Use insert(insertDoseChange);
        int i = 1;
        insert->bind(i++, core::formatDate(change.date));
        insert->bind(i++, change.exercise);
        insert->bind(i++, std::string(core::toString(change.decision)));
        insert->bind(i++, core::ruleNumber(change.row).value_or(-1)); // for older readers
        insert->bind(i++, "");                                        // the reason as text
        insert->bind(i++, formatFigures(change.figures));
        insert->bind(i++, change.byTherapist() ? 1 : 0);
        if (review) {
            insert->bind(i++, core::formatDate(*review));
        } else {
            insert->bind(i++);
        }
        insert->bind(i++, std::string(core::toString(change.row)));
        insert->bind(i++, std::string(core::toString(change.reason.key)));
        insert->bind(i++, formatParams(change.reason.params));
        if (change.checkIn != 0) {
            insert->bind(i++, change.checkIn);
        } else {
            insert->bind(i++);
        }
        i = bindPrescription(*insert, i, change.from);
        bindPrescription(*insert, i, change.to);
        insert->exec();
    }

    std::optional<int> positionOf(const std::string& exercise) {
        Use select(selectPosition);
        select->bind(1, exercise);
        if (select->executeStep()) {
            return select->getColumn(0).getInt();
        }
        return std::nullopt;
    }

    void putPrescription(const core::Prescription& prescription, int position) {
        Use upsert(upsertPrescription);
        const int next = bindPrescription(*upsert, 1, prescription);
        upsert->bind(next, position);
        upsert->exec();
    }

    int nextPosition() {
        Use select(selectNextPosition);
        select->executeStep();
        return select->getColumn(0).getInt();
    }

    // Sets the prescription of `to.exercise` to `to`; a switch takes the place of `from`.
    void apply(const core::DoseChange& change) {
        if (change.to.exercise.empty()) {
            return;
        }
        std::optional<int> position;
        if (!change.from.exercise.empty() && change.from.exercise != change.to.exercise) {
            position = positionOf(change.from.exercise);
            Use erase(deletePrescription);
            erase->bind(1, change.from.exercise);
            erase->exec();
        }
        if (const auto existing = positionOf(change.to.exercise)) {
            position = existing;
        }
        putPrescription(change.to, position ? *position : nextPosition());
    }

    core::ActiveProgram programAt(SQLite::Statement& s) const {
        core::ActiveProgram program;
        program.programId = s.getColumn(0).getString();
        program.programXml = s.getColumn(1).getString();
        program.start = dateAt(s, 2);
        program.stopped = s.getColumn(3).getInt() != 0;
        return program;
    }

    // Transactions (one mechanism for every write, transaction() and Batch): the outermost is
    // BEGIN IMMEDIATE ... COMMIT, everything inside it a savepoint.
    void begin() {
        if (!readOnlyWhy.empty()) {
            throw StorageError(file, "cannot write to the journal " + label + ": " + readOnlyWhy +
                                         ". Motus can show what it holds but cannot record "
                                         "anything in it; nothing was changed.");
        }
        if (depth == 0) {
            db.exec("BEGIN IMMEDIATE");
        } else {
            requireOpenTransaction();
            db.exec("SAVEPOINT motus_nested");
        }
        ++depth;
    }

    // On failure the scope stays open: its owner's rollback() closes it.
    void commit() {
        assert(depth > 0);
        requireOpenTransaction();
        db.exec(depth == 1 ? "COMMIT" : "RELEASE motus_nested");
        --depth;
    }

    void rollback() noexcept {
        assert(depth > 0);
        if (depth == 1) {
            db.tryExec("ROLLBACK");
        } else {
            db.tryExec("ROLLBACK TO motus_nested");
            db.tryExec("RELEASE motus_nested");
        }
        --depth;
    }

    // One write: a transaction (BEGIN IMMEDIATE) in the constructor, rolled back in the
    // destructor unless committed (as SQLiteCpp's Transaction). Inside transaction() or a Batch
    // it is a savepoint of that transaction.
    class Write {
    public:
        enum Kind { Scope, OneStatement };
        // Inside an open transaction one statement needs no savepoint of its own: SQLite undoes
        // a failed statement by itself, and an error that ends the whole transaction is found
        // by the next write (requireOpenTransaction). This keeps a log's writes as cheap as a
        // bare transaction's.
        explicit Write(Impl& impl, Kind kind = Scope)
            : m_impl(impl), m_own(kind == Scope || impl.depth == 0) {
            if (m_own) {
                m_impl.begin();
            } else {
                m_impl.requireOpenTransaction();
            }
        }
        ~Write() {
            if (m_own && !m_done) {
                m_impl.rollback();
            }
        }
        Write(const Write&) = delete;
        Write& operator=(const Write&) = delete;

        void commit() {
            if (m_own) {
                m_impl.commit();
            }
            m_done = true;
        }

    private:
        Impl& m_impl;
        bool m_own;
        bool m_done = false;
    };

    // After some errors (a full disk, an I/O error) SQLite rolls the whole transaction back by
    // itself; what follows must not run outside it, one write at a time.
    void requireOpenTransaction() const {
        if (sqlite3_get_autocommit(db.getHandle()) != 0) {
            throw StorageError(file, "the transaction in the journal " + label +
                                         " was rolled back after an earlier error; nothing of "
                                         "it was written. Try again.");
        }
    }

    fs::path file;
    std::string label;
    std::string readOnlyWhy; // why Motus may not write the file; empty when it may
    Sidecars sidecars;       // as they were before opening
    // Runs last of the members: removes the -wal/-shm a read-only connection created.
    struct RemoveSidecars {
        const Impl* impl;
        ~RemoveSidecars() {
            if (!impl->readOnlyWhy.empty()) {
                impl->sidecars.removeNew();
            }
        }
    } removeSidecars{this};
    SQLite::Database db;
    int depth = 0; // transactions and savepoints open

    SQLite::Statement insertProgram;
    SQLite::Statement selectPrograms;
    SQLite::Statement selectActiveProgram;
    SQLite::Statement stopActiveProgram;
    SQLite::Statement resumeActiveProgram;
    SQLite::Statement deletePrescriptions;
    SQLite::Statement deletePrescription;
    SQLite::Statement selectPosition;
    SQLite::Statement selectNextPosition;
    SQLite::Statement upsertPrescription;
    SQLite::Statement selectPrescriptions;
    SQLite::Statement insertDoseChange;
    SQLite::Statement selectDoseChanges;
    SQLite::Statement selectReviewed;
    SQLite::Statement selectReviewedWeeks;
    SQLite::Statement insertReview;
    SQLite::Statement selectReviews;
    SQLite::Statement insertSession;
    SQLite::Statement insertSet;
    SQLite::Statement updateSessionStatus;
    SQLite::Statement selectSessions;
    SQLite::Statement selectSessionDays;
    SQLite::Statement insertFeedback;
    SQLite::Statement selectFeedback;
    SQLite::Statement insertCheckIn;
    SQLite::Statement insertRedFlag;
    SQLite::Statement selectCheckIns;
    SQLite::Statement insertFlag;
    SQLite::Statement selectFlags;
    SQLite::Statement clearOpenFlag;
};

// -------------------------------------------------------------------------------------------------

SqliteJournal::SqliteJournal(const fs::path& file) {
    try {
        m_impl = std::make_unique<Impl>(file);
    } catch (const SQLite::Exception& e) {
        throw StorageError(file, "cannot prepare the journal " + inQuotes(file) + ": " + e.what() +
                                     ". It may have been changed by another program; "
                                     "restore it from a backup or move it away.");
    }
}

SqliteJournal::~SqliteJournal() = default;

fs::path SqliteJournal::defaultPath() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME");
        xdg && *xdg && fs::path(xdg).is_absolute()) {
        return fs::path(xdg) / "motus" / "motus.db";
    }
    const char* home = std::getenv("HOME");
    if (!home || !*home) {
        if (const passwd* entry = ::getpwuid(::getuid())) {
            home = entry->pw_dir;
        }
    }
    if (!home || !*home) {
        throw StorageError({}, "cannot find your home folder for the journal. Set HOME "
                               "or XDG_DATA_HOME.");
    }
    return fs::path(home) / ".local" / "share" / "motus" / "motus.db";
}

std::string SqliteJournal::readOnlyReason() const {
    return m_impl->readOnlyWhy;
}

const fs::path& SqliteJournal::file() const noexcept {
    return m_impl->file;
}

void SqliteJournal::startProgram(const std::string& programId, const std::string& programXml,
                                 core::Date start,
                                 const std::vector<core::Prescription>& prescriptions) {
    m_impl->guarded("start the program", [&] {
        Impl::Write write(*m_impl);
        {
            Use insert(m_impl->insertProgram);
            insert->bind(1, programId);
            insert->bind(2, programXml);
            insert->bind(3, core::formatDate(start));
            insert->exec();
        }
        {
            Use erase(m_impl->deletePrescriptions);
            erase->exec();
        }
        int position = 1;
        for (const auto& prescription : prescriptions) {
            m_impl->putPrescription(prescription, position++);
        }
        write.commit();
    });
}

std::optional<core::ActiveProgram> SqliteJournal::activeProgram() const {
    return m_impl->guarded("read the program", [&]() -> std::optional<core::ActiveProgram> {
        Use select(m_impl->selectActiveProgram);
        if (!select->executeStep()) {
            return std::nullopt;
        }
        return m_impl->programAt(*select);
    });
}

std::vector<core::ActiveProgram> SqliteJournal::programHistory() const {
    return m_impl->guarded("read the programs", [&] {
        std::vector<core::ActiveProgram> programs;
        Use select(m_impl->selectPrograms);
        while (select->executeStep()) {
            programs.push_back(m_impl->programAt(*select));
        }
        return programs;
    });
}

void SqliteJournal::stopProgram(const core::DoseChange& why) {
    m_impl->guarded("stop the program", [&] {
        Impl::Write write(*m_impl);
        m_impl->recordChange(why, std::nullopt);
        m_impl->apply(why);
        Use stop(m_impl->stopActiveProgram);
        stop->exec();
        write.commit();
    });
}

void SqliteJournal::resumeProgram(const core::DoseChange& why) {
    m_impl->guarded("resume the program", [&] {
        Impl::Write write(*m_impl);
        m_impl->recordChange(why, std::nullopt);
        m_impl->apply(why);
        Use resume(m_impl->resumeActiveProgram);
        resume->exec();
        write.commit();
    });
}

std::vector<core::Prescription> SqliteJournal::prescriptions() const {
    return m_impl->guarded("read the prescriptions", [&] {
        std::vector<core::Prescription> result;
        Use select(m_impl->selectPrescriptions);
        while (select->executeStep()) {
            result.push_back(m_impl->prescriptionAt(*select, 0));
        }
        return result;
    });
}

void SqliteJournal::applyChanges(const std::vector<core::DoseChange>& changes) {
    m_impl->guarded("record the dose changes", [&] {
        Impl::Write write(*m_impl);
        for (const auto& change : changes) {
            m_impl->recordChange(change, std::nullopt);
            m_impl->apply(change);
        }
        write.commit();
    });
}

std::int64_t SqliteJournal::beginSession(const core::Stamp& started, int slot) {
    const std::string taken = "Session " + std::to_string(slot) + " of " +
                              core::formatDate(started.date) +
                              " is recorded already; nothing was changed.";
    return m_impl->guarded(
        "begin a session",
        [&] {
            Impl::Write write(*m_impl, Impl::Write::OneStatement);
            Use insert(m_impl->insertSession);
            insert->bind(1, core::formatDate(started.date));
            insert->bind(2, started.utc);
            insert->bind(3, started.utcOffsetMinutes);
            insert->bind(4, slot);
            insert->exec();
            const std::int64_t id = m_impl->db.getLastInsertRowid();
            write.commit();
            return id;
        },
        taken);
}

void SqliteJournal::logSet(std::int64_t session, const core::SetRecord& set) {
    const std::string taken = "Set " + std::to_string(set.set) + " of '" + set.exercise +
                              "' is recorded already in that session; nothing was changed.";
    m_impl->guarded(
        "log a set",
        [&] {
            Impl::Write write(*m_impl, Impl::Write::OneStatement);
            Use insert(m_impl->insertSet);
            insert->bind(1, session);
            insert->bind(2, set.exercise);
            insert->bind(3, set.set);
            insert->bind(4, set.repsDone);
            insert->bind(5, set.repsPrescribed);
            insert->bind(6, set.holdSeconds);
            insert->exec();
            write.commit();
        },
        taken);
}

void SqliteJournal::finishSession(std::int64_t session, core::SessionStatus status) {
    m_impl->guarded("finish a session", [&] {
        Impl::Write write(*m_impl, Impl::Write::OneStatement);
        Use update(m_impl->updateSessionStatus);
        update->bind(1, session);
        update->bind(2, std::string(core::toString(status)));
        [[maybe_unused]] const int changed = update->exec();
        assert(changed == 1 && "finishSession of a session that beginSession did not return");
        write.commit();
    });
}

void SqliteJournal::logFeedback(const core::Feedback& feedback) {
    m_impl->guarded("record feedback", [&] {
        Impl::Write write(*m_impl, Impl::Write::OneStatement);
        Use insert(m_impl->insertFeedback);
        insert->bind(1, core::formatDate(feedback.date));
        insert->bind(2, feedback.exercise);
        Impl::bindOptional(*insert, 3, feedback.pain);
        Impl::bindOptional(*insert, 4, feedback.effort);
        if (feedback.leg) {
            insert->bind(5, std::string(core::toString(*feedback.leg)));
        } else {
            insert->bind(5);
        }
        insert->exec();
        write.commit();
    });
}

std::int64_t SqliteJournal::logCheckIn(const core::CheckIn& checkIn) {
    return m_impl->guarded("record the check-in", [&] {
        Impl::Write write(*m_impl);
        std::int64_t id = 0;
        {
            Use insert(m_impl->insertCheckIn);
            insert->bind(1, core::formatDate(checkIn.at.date));
            insert->bind(2, checkIn.at.utc);
            insert->bind(3, checkIn.at.utcOffsetMinutes);
            Impl::bindOptional(*insert, 4, checkIn.morningPain);
            insert->exec();
            id = m_impl->db.getLastInsertRowid();
        }
        for (core::RedFlag flag : checkIn.redFlags) {
            Use insert(m_impl->insertRedFlag);
            insert->bind(1, id);
            insert->bind(2, std::string(core::toString(flag)));
            insert->exec();
        }
        write.commit();
        return id;
    });
}

core::UndoCheckIn SqliteJournal::undoCheckIn(std::int64_t id) {
    return m_impl->guarded("take back a check-in", [&] {
        auto& db = m_impl->db;
        Impl::Write write(*m_impl);
        {
            SQLite::Statement exists(db, "SELECT 1 FROM check_in WHERE id = ?1");
            exists.bind(1, id);
            if (!exists.executeStep()) {
                return core::UndoCheckIn::NotFound;
            }
        }
        std::vector<core::DoseChange> changes; // newest first
        {
            SQLite::Statement select(db, "SELECT " + kDoseChangeColumns +
                                             " FROM dose_change WHERE check_in = ?1 ORDER BY id "
                                             "DESC");
            select.bind(1, id);
            while (select.executeStep()) {
                changes.push_back(m_impl->doseChangeAt(select, 0));
            }
        }
        for (const auto& change : changes) {
            if (change.to.exercise.empty()) {
                continue;
            }
            if (change.reason.key == core::ReasonKey::SwitchEasierMerged ||
                change.reason.key == core::ReasonKey::AtTopMerged) {
                return core::UndoCheckIn::Irreversible; // rolled back: nothing was done
            }
            std::optional<core::Prescription> now;
            {
                Use select(m_impl->selectPrescriptions);
                while (select->executeStep()) {
                    auto p = m_impl->prescriptionAt(*select, 0);
                    if (p.exercise == change.to.exercise) {
                        now = std::move(p);
                    }
                }
            }
            if (!now || !(*now == change.to)) {
                return core::UndoCheckIn::ChangedSince;
            }
            // `from` again, in the place `to` has (a switch back keeps the routine's order).
            const int position = m_impl->positionOf(change.to.exercise).value_or(1);
            if (change.from.exercise != change.to.exercise) {
                Use erase(m_impl->deletePrescription);
                erase->bind(1, change.to.exercise);
                erase->exec();
            }
            m_impl->putPrescription(change.from, position);
        }
        for (const char* sql :
             {"DELETE FROM dose_change WHERE check_in = ?1",
              "DELETE FROM therapist_flag WHERE check_in = ?1",
              "DELETE FROM red_flag WHERE check_in = ?1", "DELETE FROM check_in WHERE id = ?1"}) {
            SQLite::Statement erase(db, sql);
            erase.bind(1, id);
            erase.exec();
        }
        write.commit();
        return core::UndoCheckIn::Undone;
    });
}

bool SqliteJournal::reviewed(core::Date weekStart) const {
    return m_impl->guarded("read the reviews", [&] {
        Use select(m_impl->selectReviewed);
        select->bind(1, core::formatDate(weekStart));
        return select->executeStep();
    });
}

std::vector<core::Date> SqliteJournal::reviewedWeeks() const {
    return m_impl->guarded("read the reviews", [&] {
        std::vector<core::Date> weeks;
        Use select(m_impl->selectReviewedWeeks);
        while (select->executeStep()) {
            weeks.push_back(m_impl->dateAt(*select, 0));
        }
        return weeks;
    });
}

void SqliteJournal::recordReview(const core::Review& review) {
    m_impl->guarded("record the weekly review", [&] {
        Impl::Write write(*m_impl);
        {
            Use select(m_impl->selectReviewed);
            select->bind(1, core::formatDate(review.weekStart));
            if (select->executeStep()) {
                return; // reviewed already: nothing changes (the write rolls back, empty)
            }
        }
        {
            Use insert(m_impl->insertReview);
            insert->bind(1, core::formatDate(review.weekStart));
            insert->bind(2, core::formatDate(review.weekEnd));
            insert->exec();
        }
        for (const auto& change : review.decisions) {
            m_impl->recordChange(change, review.weekStart);
            m_impl->apply(change);
        }
        write.commit();
    });
}

std::vector<core::Review> SqliteJournal::reviews() const {
    return m_impl->guarded("read the reviews", [&] {
        std::vector<core::Review> result;
        Use select(m_impl->selectReviews);
        std::string current;
        while (select->executeStep()) {
            std::string weekStart = select->getColumn(0).getString();
            if (result.empty() || weekStart != current) {
                core::Review review;
                review.weekStart = m_impl->dateAt(*select, 0);
                review.weekEnd = m_impl->dateAt(*select, 1);
                result.push_back(std::move(review));
                current = std::move(weekStart);
            }
            if (!select->getColumn(2).isNull()) {
                result.back().decisions.push_back(m_impl->doseChangeAt(*select, 3));
            }
        }
        return result;
    });
}

std::vector<core::SessionRecord> SqliteJournal::sessions(core::Date from, core::Date to) const {
    return m_impl->guarded("read the sessions", [&] {
        std::vector<core::SessionRecord> result;
        Use select(m_impl->selectSessions);
        select->bind(1, core::formatDate(from));
        select->bind(2, core::formatDate(to));
        while (select->executeStep()) {
            const std::int64_t id = select->getColumn(0).getInt64();
            if (result.empty() || result.back().id != id) {
                core::SessionRecord session;
                session.id = id;
                session.started.date = m_impl->dateAt(*select, 1);
                session.started.utc = select->getColumn(2).getString();
                session.started.utcOffsetMinutes = select->getColumn(3).getInt();
                session.status = m_impl->enumAt<core::SessionStatus>(*select, 4, "session status");
                session.slot = select->getColumn(5).getInt();
                result.push_back(std::move(session));
            }
            if (!select->getColumn(6).isNull()) {
                core::SetRecord set;
                set.exercise = select->getColumn(6).getString();
                set.set = select->getColumn(7).getInt();
                set.repsDone = select->getColumn(8).getInt();
                set.repsPrescribed = select->getColumn(9).getInt();
                set.holdSeconds = select->getColumn(10).getInt();
                result.back().sets.push_back(std::move(set));
            }
        }
        return result;
    });
}

std::vector<std::pair<core::Date, core::SessionStatus>>
SqliteJournal::sessionDays(core::Date from, core::Date to) const {
    return m_impl->guarded("read the sessions", [&] {
        std::vector<std::pair<core::Date, core::SessionStatus>> result;
        Use select(m_impl->selectSessionDays);
        select->bind(1, core::formatDate(from));
        select->bind(2, core::formatDate(to));
        while (select->executeStep()) {
            result.emplace_back(m_impl->dateAt(*select, 0),
                                m_impl->enumAt<core::SessionStatus>(*select, 1, "session status"));
        }
        return result;
    });
}

std::vector<core::Feedback> SqliteJournal::feedback(core::Date from, core::Date to) const {
    return m_impl->guarded("read the feedback", [&] {
        std::vector<core::Feedback> result;
        Use select(m_impl->selectFeedback);
        select->bind(1, core::formatDate(from));
        select->bind(2, core::formatDate(to));
        while (select->executeStep()) {
            core::Feedback item;
            item.date = m_impl->dateAt(*select, 0);
            item.exercise = select->getColumn(1).getString();
            item.pain = Impl::optionalInt(*select, 2);
            item.effort = Impl::optionalInt(*select, 3);
            if (!select->getColumn(4).isNull()) {
                item.leg = m_impl->enumAt<core::LegChange>(*select, 4, "leg change");
            }
            result.push_back(std::move(item));
        }
        return result;
    });
}

std::vector<core::CheckIn> SqliteJournal::checkIns(core::Date from, core::Date to) const {
    return m_impl->guarded("read the check-ins", [&] {
        std::vector<core::CheckIn> result;
        Use select(m_impl->selectCheckIns);
        select->bind(1, core::formatDate(from));
        select->bind(2, core::formatDate(to));
        std::int64_t current = 0;
        while (select->executeStep()) {
            const std::int64_t id = select->getColumn(0).getInt64();
            if (result.empty() || id != current) {
                core::CheckIn checkIn;
                checkIn.id = id;
                checkIn.at.date = m_impl->dateAt(*select, 1);
                checkIn.at.utc = select->getColumn(2).getString();
                checkIn.at.utcOffsetMinutes = select->getColumn(3).getInt();
                checkIn.morningPain = Impl::optionalInt(*select, 4);
                result.push_back(std::move(checkIn));
                current = id;
            }
            if (!select->getColumn(5).isNull()) {
                result.back().redFlags.push_back(
                    m_impl->enumAt<core::RedFlag>(*select, 5, "red flag"));
            }
        }
        for (auto& checkIn : result) {
            std::sort(checkIn.redFlags.begin(), checkIn.redFlags.end());
        }
        return result;
    });
}

std::vector<core::DoseChange> SqliteJournal::doseChanges() const {
    return m_impl->guarded("read the dose changes", [&] {
        std::vector<core::DoseChange> result;
        Use select(m_impl->selectDoseChanges);
        while (select->executeStep()) {
            result.push_back(m_impl->doseChangeAt(*select, 0));
        }
        return result;
    });
}

std::int64_t SqliteJournal::addFlag(const core::TherapistFlag& flag) {
    return m_impl->guarded("record a flag for the therapist", [&] {
        Impl::Write write(*m_impl);
        Use insert(m_impl->insertFlag);
        insert->bind(1, core::formatDate(flag.date));
        insert->bind(2, flag.exercise);
        insert->bind(3, std::string(core::toString(flag.row)));
        insert->bind(4, std::string(core::toString(flag.reason.key)));
        insert->bind(5, formatParams(flag.reason.params));
        insert->bind(6, formatFigures(flag.figures));
        insert->bind(7, flag.stops ? 1 : 0);
        if (flag.checkIn != 0) {
            insert->bind(8, flag.checkIn);
        } else {
            insert->bind(8);
        }
        insert->exec();
        const std::int64_t id = m_impl->db.getLastInsertRowid();
        write.commit();
        return id;
    });
}

std::vector<core::TherapistFlag> SqliteJournal::flags() const {
    return m_impl->guarded("read the flags for the therapist", [&] {
        std::vector<core::TherapistFlag> result;
        Use select(m_impl->selectFlags);
        while (select->executeStep()) {
            result.push_back(m_impl->flagAt(*select));
        }
        return result;
    });
}

bool SqliteJournal::clearFlag(std::int64_t id, core::Date on) {
    return m_impl->guarded("clear a flag for the therapist", [&] {
        Impl::Write write(*m_impl);
        Use update(m_impl->clearOpenFlag);
        update->bind(1, id);
        update->bind(2, core::formatDate(on));
        const bool cleared = update->exec() == 1;
        write.commit();
        return cleared;
    });
}

int SqliteJournal::schemaVersion() const {
    return m_impl->guarded("read the schema version", [&] { return userVersion(m_impl->db); });
}

std::string SqliteJournal::integrityCheck() const {
    return m_impl->guarded("check the integrity", [&] {
        std::string result;
        SQLite::Statement check(m_impl->db, "PRAGMA integrity_check");
        while (check.executeStep()) {
            if (!result.empty()) {
                result += '\n';
            }
            result += check.getColumn(0).getString();
        }
        return result;
    });
}

std::string SqliteJournal::schemaSql() const {
    return m_impl->guarded("read the schema", [&] {
        std::string result;
        SQLite::Statement select(m_impl->db, "SELECT sql FROM sqlite_schema WHERE sql NOT NULL "
                                             "ORDER BY name");
        while (select.executeStep()) {
            result += select.getColumn(0).getString();
            result += ";\n";
        }
        return result;
    });
}

// -------------------------------------------------------------------------------------------------

SqliteJournal::Batch::Batch(SqliteJournal& journal) : m_journal(journal) {
    Impl& impl = *m_journal.m_impl;
    impl.guarded("begin a transaction", [&] { impl.begin(); });
}

SqliteJournal::Batch::~Batch() {
    if (m_open) {
        m_journal.m_impl->rollback();
    }
}

void SqliteJournal::Batch::commit() {
    assert(m_open);
    Impl& impl = *m_journal.m_impl;
    impl.guarded("commit the transaction", [&] { impl.commit(); });
    m_open = false;
}

void SqliteJournal::transaction(const std::function<void()>& work) {
    Batch batch(*this);
    work();
    batch.commit();
}

} // namespace motus::storage
