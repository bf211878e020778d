#pragma once
#include "content/DataPaths.hpp"
#include "core/Dose.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace motus::app {

struct AppOptions {
    content::DataPaths paths;
    std::filesystem::path library;
    // Render the first frame to this PNG and quit (for screenshots and tests).
    std::filesystem::path screenshot;
    std::string select; // exercise id to select at start
    // Seconds of the routine after which the screenshot is taken; the clock then runs one
    // frame of 1/60 s per frame drawn, so the picture does not depend on the machine's speed.
    double screenshotAt = 0.0;
    // The journal (--db); empty: the default under $XDG_DATA_HOME.
    std::filesystem::path db;
    // Open the player on this exercise instead of the browser (`motus play ID`).
    std::string play;
    core::DoseOverride dose;
    // A program file to offer for assignment (`motus FILE`, what a file manager opens).
    std::filesystem::path open;
    // The language --lang chose; empty: the settings' language, else the system's.
    std::string language;
    // The program builder: on a new program (`--new-program`) or on a file (`--edit-program`).
    bool newProgram = false;
    std::filesystem::path editProgram;
    // The window's size in pixels at the start (0: 1280 x 800).
    unsigned width = 0;
    unsigned height = 0;
    // With --screenshot: the text size instead of the settings' (0: theirs), the screens to
    // draw, one PNG each (see screenNames()), keys pressed on each before it is drawn, and the
    // layout check on each (problems to stderr, exit 1 when there are any).
    int textSize = 0;
    std::vector<std::string> screens;
    std::vector<std::string> keys;
    bool checkLayout = false;
};

// The names --screen takes, each a screen as a patient reaches it.
[[nodiscard]] const std::vector<std::string>& screenNames();
// A --screen spec, NAME[:KEY...]: false with `problem` said when the name or a key is unknown.
[[nodiscard]] bool checkScreenSpec(const std::string& spec, std::string& problem);
// How much larger than the layout's logical pixels the window draws: the window's own growth
// beyond 1280 x 720 times the text size, at most what leaves the layout 640 x 480 (on a smaller
// window, less than 1: everything stays visible).
[[nodiscard]] float viewScale(float windowWidth, float windowHeight, int textSizePercent);

// True when an X display can be opened; SFML aborts without one.
[[nodiscard]] bool displayAvailable();

// Opens the window; returns the process exit code. Throws std::runtime_error on a missing
// asset.
[[nodiscard]] int runApp(const AppOptions& options);

} // namespace motus::app
