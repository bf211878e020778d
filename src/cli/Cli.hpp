#pragma once
#include "content/DataPaths.hpp"
#include "core/Dose.hpp"

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

// The command line: one table of commands (Table.hpp) drives the parsing, the dispatch and the
// help. The headless commands run here; the window and the drawing commands are handed to the
// front end that main() provides, as plain requests. Nothing here touches SFML.
namespace motus::cli {

// No command, or `play ID` without --simulate: the window.
struct WindowRequest {
    std::filesystem::path library;
    std::filesystem::path db;         // empty: the default journal
    std::string select;               // --select ID
    std::filesystem::path screenshot; // --screenshot FILE
    double screenshotAt = 0.0;        // --screenshot-at S
    std::string play;                 // `play ID`: open the player on this exercise
    core::DoseOverride dose;          // with `play`
    std::filesystem::path open;       // `motus FILE`: a program file to assign (a regular file)
    std::string language;             // --lang, when given: wins over the settings' language

    // The program builder: --new-program, or --edit-program FILE.
    bool newProgram = false;
    std::filesystem::path editProgram;

    // Screenshots and the layout check: --size, --text-size, --screen (split at commas),
    // --check-layout.
    unsigned width = 0;
    unsigned height = 0;
    int textSize = 0;
    std::vector<std::string> screens;
    bool checkLayout = false;
};

// `render ID (--sheet | --at SECONDS) --out FILE.png [--size WxH]`.
struct RenderRequest {
    std::filesystem::path library;
    std::string id;
    bool sheet = false;
    std::optional<double> atSeconds;
    std::filesystem::path out;
    unsigned width = 0; // 0: the default for the kind of render
    unsigned height = 0;
    // --camera AZIMUTH,ELEVATION: the 3-D figure from there.
    std::optional<std::pair<double, double>> camera;
};

// What main() provides: the commands that draw. Each returns the exit code.
struct FrontEnd {
    std::function<int(const WindowRequest&)> window;
    std::function<int(const RenderRequest&)> render;
};

// Standard input, for the one question the command line asks (replace the program assigned
// now?). Without a terminal nothing is asked: the command refuses and names the option that
// confirms (--replace), so that scripts never wait.
struct Input {
    std::istream* stream = nullptr;
    bool terminal = false;
};

// Reads the command line (argv[0] is the program), chooses the language, runs the command or
// hands it to the front end; returns the exit code: 0 success, 1 failure, 2 usage error (or no
// display, as the front end says). Output is valid UTF-8.
[[nodiscard]] int run(const std::vector<std::string>& argv, const content::DataPaths& paths,
                      const FrontEnd& frontEnd, std::ostream& out, std::ostream& err,
                      const Input& input = {});

[[nodiscard]] std::string versionText();

} // namespace motus::cli
