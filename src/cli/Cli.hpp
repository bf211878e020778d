#pragma once
#include "content/DataPaths.hpp"
#include "core/Dose.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

// The headless subcommands. Nothing here touches a window or any SFML module.
namespace motus::cli {

struct CommandLine {
    std::optional<std::filesystem::path> library; // --library DIR
    std::string lang;                             // --lang LL
    std::string db;                               // --db FILE: the journal
    bool help = false;
    bool version = false;
    std::string screenshot;    // --screenshot FILE: draw the first frame to FILE and quit
    std::string select;        // --select ID: open the window on this exercise
    double screenshotAt = 0.0; // --screenshot-at SECONDS: of the routine, for the screenshot
    std::string command;       // empty: open the window
    std::vector<std::string> args;
    std::optional<std::string> error; // the command line could not be read
};

[[nodiscard]] CommandLine parseCommandLine(const std::vector<std::string>& argv);
[[nodiscard]] std::string usage();
[[nodiscard]] std::string versionText();

// `motus play ID [dose options] [--simulate] [--json]`.
struct PlayRequest {
    std::string id;
    core::DoseOverride dose;
    bool simulate = false;
    bool json = false;
};
// Reads the arguments of `play`; returns an error message, or empty when they are fine.
[[nodiscard]] std::string parsePlayArgs(const std::vector<std::string>& args, PlayRequest& request);

// Runs a subcommand; returns the process exit code (0 fine, 1 failure, 2 usage error).
[[nodiscard]] int runCommand(const CommandLine& commandLine, const content::DataPaths& paths,
                             std::ostream& out, std::ostream& err);

// Pads with spaces to `width` characters of UTF-8 text.
[[nodiscard]] std::string padRight(const std::string& text, std::size_t width);

} // namespace motus::cli
