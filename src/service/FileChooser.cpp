#include "FileChooser.hpp"

#include "Reminders.hpp"
#include "SettingsFile.hpp"
#include "content/ContentCheck.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <set>

extern char** environ;

namespace motus::service {
namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view text) {
    constexpr std::string_view space = " \t\r";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

bool endsWithXml(const fs::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".xml";
}

// The root element is near the start: the first 64 KiB tell it (comments and a DOCTYPE
// included).
bool isProgramFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return false;
    }
    std::string text(64 * 1024, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return content::rootElementName(text) == "program";
}

constexpr int kDepth = 2;                  // folders below each usual folder
constexpr std::size_t kMaxEntries = 20000; // entries looked at in all, so a huge folder stays quick

void scan(const fs::path& folder, const fs::path& top, int depth, std::size_t& looked,
          std::set<fs::path>& seen, std::vector<ProgramFileEntry>& found) {
    std::error_code ec;
    fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        return;
    }
    std::vector<fs::path> subfolders;
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec || ++looked > kMaxEntries) {
            return;
        }
        const fs::path path = it->path();
        std::error_code statError;
        // symlink_status: a link to a folder is not followed (no loops through links).
        const auto own = fs::symlink_status(path, statError);
        if (statError) {
            continue;
        }
        if (fs::is_directory(own)) {
            const auto name = path.filename().string();
            if (depth < kDepth && !name.empty() && name.front() != '.') {
                subfolders.push_back(path);
            }
            continue;
        }
        if (!endsWithXml(path)) {
            continue;
        }
        // A link to a file counts as the file; a broken link or a loop of links fails here.
        const auto target = fs::status(path, statError);
        if (statError || !fs::is_regular_file(target)) {
            continue;
        }
        const auto canonical = fs::canonical(path, statError);
        if (statError || !seen.insert(canonical).second) {
            continue;
        }
        if (!isProgramFile(path)) {
            continue;
        }
        struct stat info {};
        std::time_t modified = 0;
        if (::stat(path.c_str(), &info) == 0) {
            modified = info.st_mtime;
        }
        found.push_back({path, top, modified});
    }
    std::sort(subfolders.begin(), subfolders.end());
    for (const auto& sub : subfolders) {
        scan(sub, top, depth + 1, looked, seen, found);
    }
}

std::string getEnv(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

} // namespace

std::optional<fs::path> userDirectory(std::string_view text, std::string_view key,
                                      const fs::path& home) {
    std::optional<fs::path> result;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto equals = line.find('=');
        if (equals == std::string_view::npos || trim(line.substr(0, equals)) != key) {
            continue;
        }
        std::string_view value = trim(line.substr(equals + 1));
        if (value.size() < 2 || value.front() != '"' || value.back() != '"') {
            result.reset();
            continue;
        }
        value = value.substr(1, value.size() - 2);
        fs::path folder;
        if (value == "$HOME" || value == "$HOME/") {
            result.reset(); // xdg-user-dirs: "disabled"
            continue;
        }
        if (value.starts_with("$HOME/")) {
            if (home.empty()) {
                result.reset();
                continue;
            }
            folder = home / fs::path(value.substr(6));
        } else if (value.starts_with('/')) {
            folder = fs::path(value);
        } else {
            result.reset();
            continue;
        }
        result = folder.lexically_normal(); // the last line of a key counts, as in the shell
    }
    return result;
}

std::vector<fs::path> programFolders(const fs::path& home, const fs::path& configHome,
                                     const fs::path& current) {
    std::vector<fs::path> folders;
    auto add = [&folders](const fs::path& folder) {
        if (folder.empty()) {
            return;
        }
        const auto normal = folder.lexically_normal();
        if (std::find(folders.begin(), folders.end(), normal) == folders.end()) {
            folders.push_back(normal);
        }
    };
    std::string userDirs;
    if (!configHome.empty()) {
        std::ifstream in(configHome / "user-dirs.dirs", std::ios::binary);
        if (in) {
            userDirs.assign(std::istreambuf_iterator<char>(in), {});
        }
    }
    const std::array<std::pair<const char*, const char*>, 3> usual{
        {{"XDG_DOWNLOAD_DIR", "Downloads"},
         {"XDG_DOCUMENTS_DIR", "Documents"},
         {"XDG_DESKTOP_DIR", "Desktop"}}};
    if (!home.empty()) {
        for (const auto& [key, fallback] : usual) {
            const auto configured = userDirectory(userDirs, key, home);
            add(configured ? *configured : home / fallback);
        }
    }
    add(current);
    return folders;
}

std::vector<fs::path> programFolders() {
    std::error_code ec;
    const fs::path current = fs::current_path(ec);
    const std::string home = getEnv("HOME");
    return programFolders(home.empty() || home.front() != '/' ? fs::path() : fs::path(home),
                          configHome(), ec ? fs::path() : current);
}

std::vector<ProgramFileEntry> findProgramFiles(const std::vector<fs::path>& folders) {
    std::vector<ProgramFileEntry> found;
    std::set<fs::path> seen;
    std::size_t looked = 0;
    for (const auto& folder : folders) {
        scan(folder, folder, 0, looked, seen, found);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.modified != b.modified) {
            return a.modified > b.modified;
        }
        return a.file < b.file;
    });
    return found;
}

std::vector<std::string> chooserCommand(ChooserKind kind, const fs::path& program,
                                        const fs::path& startFolder, std::string_view title,
                                        std::string_view filterName) {
    std::string folder = startFolder.string();
    if (!folder.empty() && folder.back() != '/') {
        folder += '/'; // zenity: a trailing slash opens the folder rather than naming a file
    }
    switch (kind) {
    case ChooserKind::Zenity:
        return {program.string(), "--file-selection", "--title=" + std::string(title),
                "--filename=" + folder,
                "--file-filter=" + std::string(filterName) + " | *.xml *.XML"};
    case ChooserKind::Kdialog:
        return {program.string(),    "--title", std::string(title),
                "--getopenfilename", folder,    std::string(filterName) + " (*.xml *.XML)"};
    }
    return {};
}

ProcessResult runCapturingOutput(const std::vector<std::string>& argv) {
    ProcessResult result;
    if (argv.empty()) {
        return result;
    }
    int pipeEnds[2];
    if (::pipe2(pipeEnds, O_CLOEXEC) != 0) {
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> words = argv;
    std::vector<char*> pointers;
    for (auto& word : words) {
        pointers.push_back(word.data());
    }
    pointers.push_back(nullptr);
    pid_t child = 0;
    const int spawned =
        ::posix_spawn(&child, words.front().c_str(), &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeEnds[1]);
    if (spawned != 0) {
        ::close(pipeEnds[0]);
        return result;
    }
    constexpr std::size_t kMaxOutput = 64 * 1024;
    std::array<char, 4096> buffer{};
    while (true) {
        const ssize_t got = ::read(pipeEnds[0], buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        const std::size_t room = kMaxOutput - std::min(kMaxOutput, result.output.size());
        result.output.append(buffer.data(), std::min(room, static_cast<std::size_t>(got)));
    }
    ::close(pipeEnds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            return result;
        }
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

ChooserSetup ChooserSetup::fromEnvironment() {
    ChooserSetup setup;
    setup.preference = getEnv("MOTUS_FILE_CHOOSER");
    setup.desktop = getEnv("XDG_CURRENT_DESKTOP");
    setup.find = [](const std::string& name) { return findProgram(name); };
    setup.run = [](const std::vector<std::string>& argv) { return runCapturingOutput(argv); };
    return setup;
}

std::optional<std::pair<ChooserKind, fs::path>> findChooser(const ChooserSetup& setup) {
    std::vector<std::pair<ChooserKind, const char*>> order;
    if (setup.preference == "none") {
        return std::nullopt;
    }
    if (setup.preference == "zenity") {
        order = {{ChooserKind::Zenity, "zenity"}};
    } else if (setup.preference == "kdialog") {
        order = {{ChooserKind::Kdialog, "kdialog"}};
    } else if (setup.desktop.find("KDE") != std::string::npos) {
        order = {{ChooserKind::Kdialog, "kdialog"}, {ChooserKind::Zenity, "zenity"}};
    } else {
        order = {{ChooserKind::Zenity, "zenity"}, {ChooserKind::Kdialog, "kdialog"}};
    }
    if (!setup.find) {
        return std::nullopt;
    }
    for (const auto& [kind, name] : order) {
        if (auto path = setup.find(name)) {
            return std::pair{kind, *path};
        }
    }
    return std::nullopt;
}

FileChoice readChooserResult(const ProcessResult& result) {
    FileChoice choice;
    if (result.status == 1) {
        choice.outcome = FileChoice::Outcome::Cancelled;
        return choice;
    }
    if (result.status != 0) {
        return choice; // NoChooser: it could not do its work, the list can
    }
    std::string_view line(result.output);
    line = line.substr(0, line.find('\n'));
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (line.empty()) {
        choice.outcome = FileChoice::Outcome::Cancelled;
        return choice;
    }
    if (line.front() != '/') {
        return choice; // not a path: something else spoke
    }
    choice.outcome = FileChoice::Outcome::Chosen;
    choice.file = fs::path(line);
    return choice;
}

FileChoice chooseProgramFile(const ChooserSetup& setup) {
    const auto chooser = findChooser(setup);
    if (!chooser || !setup.run) {
        return {};
    }
    const auto argv = chooserCommand(chooser->first, chooser->second, setup.startFolder,
                                     setup.title, setup.filterName);
    auto choice = readChooserResult(setup.run(argv));
    choice.chooser = chooser->second.string();
    return choice;
}

} // namespace motus::service
