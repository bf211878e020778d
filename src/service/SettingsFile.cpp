#include "SettingsFile.hpp"

#include "Practice.hpp"
#include "core/I18n.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motus::service {

namespace fs = std::filesystem;

namespace {

// Settings are a few hundred bytes; a file larger than this is not one.
constexpr std::size_t kMaxSize = 64 * 1024;

core::ParsedSettings unreadable(const fs::path& file, const std::string& why) {
    core::ParsedSettings result;
    result.diagnostics.push_back({core::Diagnostic::Severity::Warning, file.string(), 0,
                                  why + "; the default settings are used"});
    return result;
}

} // namespace

bool makePrivateFolders(const fs::path& folder) {
    if (folder.empty()) {
        return true;
    }
    struct stat info {};
    if (::stat(folder.c_str(), &info) == 0) {
        return S_ISDIR(info.st_mode);
    }
    if (folder.has_parent_path() && folder.parent_path() != folder &&
        !makePrivateFolders(folder.parent_path())) {
        return false;
    }
    return ::mkdir(folder.c_str(), 0700) == 0 || errno == EEXIST;
}

fs::path configHome() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    if (config != nullptr && *config == '/') {
        return fs::path(config);
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".config";
}

fs::path settingsPath() {
    return configHome() / "motus" / "settings.ini";
}

core::ParsedSettings loadSettings(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return {};
        }
        return unreadable(file, std::string("cannot open it (") + std::strerror(errno) + ")");
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return unreadable(file, "it is not a regular file");
    }
    std::string text;
    char buffer[4096];
    while (true) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            const int error = errno;
            ::close(fd);
            return unreadable(file, std::string("cannot read it (") + std::strerror(error) + ")");
        }
        if (got == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
        if (text.size() > kMaxSize) {
            ::close(fd);
            return unreadable(file, "it is larger than " + std::to_string(kMaxSize / 1024) +
                                        " KiB, too large for a settings file");
        }
    }
    ::close(fd);
    return core::parseSettings(text, file.string());
}

void saveSettings(const fs::path& file, const core::Settings& settings) {
    if (!makePrivateFolders(file.parent_path())) {
        const int error = errno;
        throw Refused(fmt::format(
            fmt::runtime(core::tr("Cannot write {0}: the folder {1} cannot be made ({2}). "
                                  "Nothing was changed.")),
            "'" + file.string() + "'", "'" + file.parent_path().string() + "'",
            std::strerror(error)));
    }
    writeExport(file, core::writeSettings(settings), {});
}

} // namespace motus::service
