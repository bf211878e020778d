#pragma once
#include "content/DataPaths.hpp"
#include "core/Dose.hpp"

#include <filesystem>
#include <string>

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
};

// True when an X display can be opened; SFML aborts without one.
[[nodiscard]] bool displayAvailable();

// Opens the window; returns the process exit code. Throws std::runtime_error on a missing
// asset.
[[nodiscard]] int runApp(const AppOptions& options);

} // namespace motus::app
