#pragma once
#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// "Open a program file…" without the window: the desktop's own file chooser (zenity or kdialog,
// run without a shell), and, where there is none, the program files found in the usual folders
// (docs/architecture.md, "Opening program files").
namespace motus::service {

// ---- The usual folders ----------------------------------------------------------------------

// A folder of xdg-user-dirs' user-dirs.dirs text: `key` such as "XDG_DOWNLOAD_DIR", its value
// "$HOME/Downloads" or an absolute path in double quotes. Nothing when the key is missing, the
// value is not of that form, or it is $HOME itself (which xdg-user-dirs uses for "disabled").
[[nodiscard]] std::optional<std::filesystem::path> userDirectory(std::string_view userDirsText,
                                                                 std::string_view key,
                                                                 const std::filesystem::path& home);

// Where a patient keeps a file from the therapist: Downloads, Documents and Desktop (from
// `configHome`/user-dirs.dirs when present, else ~/Downloads, ~/Documents, ~/Desktop), then
// `current`; each once, in that order. An empty `home` leaves the home folders out.
[[nodiscard]] std::vector<std::filesystem::path>
programFolders(const std::filesystem::path& home, const std::filesystem::path& configHome,
               const std::filesystem::path& current);
// The same from $HOME, $XDG_CONFIG_HOME (when absolute, else ~/.config) and the current folder.
[[nodiscard]] std::vector<std::filesystem::path> programFolders();

struct ProgramFileEntry {
    std::filesystem::path file;   // as found (a symbolic link stays a link)
    std::filesystem::path folder; // the folder of `programFolders` it was found in
    std::time_t modified = 0;     // seconds since the epoch (UTC)
};

// The program files in these folders and the folders below them (two levels down, links to
// folders not followed): regular files (links to them followed) whose name ends in ".xml" (any
// case) and whose root element is <program> (content::rootElementName), newest first (then by
// path). Unreadable files and folders, broken links and link loops are passed over; exercise
// files and other XML are left out. A file found twice is listed once.
[[nodiscard]] std::vector<ProgramFileEntry>
findProgramFiles(const std::vector<std::filesystem::path>& folders);

// ---- The desktop's file chooser -------------------------------------------------------------

enum class ChooserKind { Zenity, Kdialog };

// The chooser's command line: the program and its arguments (no shell), opening in
// `startFolder`, showing `title`, offering only *.xml files labelled `filterName` (and all files).
[[nodiscard]] std::vector<std::string> chooserCommand(ChooserKind kind,
                                                      const std::filesystem::path& program,
                                                      const std::filesystem::path& startFolder,
                                                      std::string_view title,
                                                      std::string_view filterName);

// What a program run gave: its exit status (-1 when it could not be run or was killed) and
// what it printed on standard output.
struct ProcessResult {
    int status = -1;
    std::string output;
};
// Runs argv[0] (a path) with these arguments, no shell; standard input and error are
// /dev/null; standard output is returned (at most 64 KiB). Blocks until it ends.
[[nodiscard]] ProcessResult runCapturingOutput(const std::vector<std::string>& argv);

struct ChooserSetup {
    // "none": no chooser, the list; "zenity" or "kdialog": only that one; empty or "auto":
    // kdialog first on KDE (XDG_CURRENT_DESKTOP), else zenity first. From MOTUS_FILE_CHOOSER.
    std::string preference;
    std::string desktop; // XDG_CURRENT_DESKTOP
    std::filesystem::path startFolder;
    std::string title;
    std::string filterName;
    // How a program is found on PATH and how it is run: the real ones by default, stand-ins in
    // tests.
    std::function<std::optional<std::filesystem::path>(const std::string&)> find;
    std::function<ProcessResult(const std::vector<std::string>&)> run;
    // The environment's MOTUS_FILE_CHOOSER and XDG_CURRENT_DESKTOP, the real finder and runner.
    [[nodiscard]] static ChooserSetup fromEnvironment();
};

struct FileChoice {
    enum class Outcome {
        Chosen,    // `file` is what the person chose
        Cancelled, // the person closed the chooser: open nothing
        NoChooser, // none found (or it failed to run): show the list instead
    };
    Outcome outcome = Outcome::NoChooser;
    std::filesystem::path file;
    std::string chooser; // the program that was run, for messages
};

// Which chooser would run, in the order of `setup`: its kind and path; nothing when none.
[[nodiscard]] std::optional<std::pair<ChooserKind, std::filesystem::path>>
findChooser(const ChooserSetup& setup);

// Reads a chooser's result: exit 0 with an absolute path on the first line is a choice; exit 1,
// or 0 with nothing, is a cancel; anything else (it crashed, could not open a display) means the
// list is shown instead.
[[nodiscard]] FileChoice readChooserResult(const ProcessResult& result);

// Finds a chooser and runs it.
[[nodiscard]] FileChoice chooseProgramFile(const ChooserSetup& setup);

} // namespace motus::service
