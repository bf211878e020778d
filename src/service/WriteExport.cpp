#include "Practice.hpp"

#include "core/I18n.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// writeExport (declared in Practice.hpp). Every step works relative to the target's folder, opened
// once, so that a folder renamed or replaced half-way cannot redirect the write; the target is
// never opened for writing: a new file is written beside it and renamed over it.
namespace motus::service {

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& path) {
    return "'" + path.string() + "'";
}

std::string errorText(int error) {
    return std::strerror(error);
}

// "Cannot write 'file': <cause>. Nothing was changed."
[[noreturn]] void refuse(const fs::path& target, const std::string& cause) {
    throw Refused(fmt::format(fmt::runtime(core::tr("Cannot write {0}: {1}. Nothing was changed.")),
                              quoted(target), cause));
}

// A file descriptor closed at the end of its scope.
class Descriptor {
public:
    explicit Descriptor(int fd = -1) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Descriptor(Descriptor&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    Descriptor& operator=(Descriptor&&) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    // Closes it now, reporting the error (a delayed write error shows here).
    int close() {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

// The absolute, normalised spelling of a path whose last part need not exist.
fs::path normalised(const fs::path& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    if (ec) {
        return path.lexically_normal();
    }
    fs::path result = fs::weakly_canonical(absolute, ec);
    return ec ? absolute.lexically_normal() : result;
}

// The journal and the files SQLite keeps beside it while it is open.
std::vector<fs::path> journalFiles(const fs::path& journal) {
    if (journal.empty()) {
        return {};
    }
    std::vector<fs::path> files;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        files.emplace_back(journal.native() + suffix);
    }
    return files;
}

bool isJournal(const fs::path& target, const struct stat& existing, bool exists,
               const fs::path& journal) {
    const fs::path name = normalised(target);
    for (const fs::path& file : journalFiles(journal)) {
        if (normalised(file) == name) {
            return true; // by name, even when SQLite has not created it (yet)
        }
        struct stat other {};
        if (exists && ::stat(file.c_str(), &other) == 0 && other.st_dev == existing.st_dev &&
            other.st_ino == existing.st_ino) {
            return true; // the same file under another name (a hard link, a linked folder)
        }
    }
    return false;
}

// Creates a new file of a unique name in the folder, 0600, never following a link.
std::pair<Descriptor, std::string> createTemporary(int folder, const std::string& name,
                                                   int& error) {
    std::random_device seed;
    std::mt19937_64 random(seed());
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string candidate = "." + name + ".tmp-" + std::to_string(::getpid()) + "-" +
                                      std::to_string(random() % 1000000000u);
        const int fd = ::openat(folder, candidate.c_str(),
                                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            return {Descriptor(fd), candidate};
        }
        if (errno != EEXIST) {
            break;
        }
    }
    error = errno;
    return {Descriptor(), std::string()};
}

bool writeAll(int fd, const std::string& text) {
    const char* data = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

void writeExport(const fs::path& target, const std::string& text, const fs::path& journalFile) {
    const fs::path name = target.filename();
    if (name.empty() || name == "." || name == "..") {
        refuse(target, core::tr("it names a folder, not a file"));
    }
    const fs::path folderPath = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    Descriptor folder(::open(folderPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.get() < 0) {
        const int error = errno;
        refuse(target, error == ENOENT
                           ? fmt::format(fmt::runtime(core::tr("the folder {0} does not exist")),
                                         quoted(folderPath))
                           : fmt::format(fmt::runtime(core::tr("the folder {0} cannot be opened "
                                                               "({1})")),
                                         quoted(folderPath), errorText(error)));
    }

    // What is at the target now: nothing, or a regular file that is neither the journal nor any
    // other SQLite database.
    struct stat existing {};
    bool exists = true;
    if (::fstatat(folder.get(), name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT) {
            const int error = errno;
            refuse(target, fmt::format(fmt::runtime(core::tr("it cannot be looked at ({0})")),
                                       errorText(error)));
        }
        exists = false;
    }
    if (exists && S_ISLNK(existing.st_mode)) {
        refuse(target, core::tr("it is a symbolic link; name the file itself, or a new file"));
    }
    if (exists && !S_ISREG(existing.st_mode)) {
        refuse(target, core::tr("it is not a regular file"));
    }
    if (isJournal(target, existing, exists, journalFile)) {
        refuse(target, core::tr("it is Motus's own journal; choose another file name"));
    }
    if (exists) {
        Descriptor file(
            ::openat(folder.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        struct stat opened {};
        if (file.get() < 0 || ::fstat(file.get(), &opened) != 0) {
            const int error = errno;
            refuse(target, fmt::format(fmt::runtime(core::tr("it cannot be read ({0})")),
                                       errorText(error)));
        }
        if (!S_ISREG(opened.st_mode) || opened.st_ino != existing.st_ino ||
            opened.st_dev != existing.st_dev) {
            refuse(target, core::tr("it changed while Motus looked at it"));
        }
        std::array<char, 16> magic{};
        ssize_t got = 0;
        do {
            got = ::read(file.get(), magic.data(), magic.size());
        } while (got < 0 && errno == EINTR);
        if (got == static_cast<ssize_t>(magic.size()) &&
            std::memcmp(magic.data(), "SQLite format 3", 16) == 0) {
            refuse(target, core::tr("it is an SQLite database (the data of a program); choose "
                                    "another file name"));
        }
    }

    // Write a new file beside it, then rename it into place.
    int error = 0;
    auto created = createTemporary(folder.get(), name.string(), error);
    Descriptor& temporary = created.first;
    const std::string& temporaryName = created.second;
    if (temporary.get() < 0) {
        refuse(target,
               fmt::format(fmt::runtime(core::tr("no new file can be created in {0} ({1})")),
                           quoted(folderPath), errorText(error)));
    }
    auto fail = [&](int cause) { // removes the new file; the target is as it was
        ::unlinkat(folder.get(), temporaryName.c_str(), 0);
        refuse(target,
               fmt::format(fmt::runtime(core::tr("writing it failed ({0})")), errorText(cause)));
    };
    if (::fchmod(temporary.get(), 0600) != 0 || !writeAll(temporary.get(), text) ||
        ::fsync(temporary.get()) != 0) {
        const int cause = errno;
        temporary.close();
        fail(cause);
    }
    if (temporary.close() != 0) {
        fail(errno);
    }
    if (::renameat(folder.get(), temporaryName.c_str(), folder.get(), name.c_str()) != 0) {
        fail(errno);
    }
    // The rename itself reaches the disk with the folder.
    if (::fsync(folder.get()) != 0 && errno != EINVAL) {
        const int cause = errno;
        throw Refused(fmt::format(
            fmt::runtime(core::tr("{0} was written, but its folder could not be saved to the "
                                  "disk ({1}); it may be lost if the power fails now.")),
            quoted(target), errorText(cause)));
    }
}

} // namespace motus::service
