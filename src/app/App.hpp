#pragma once
#include "content/DataPaths.hpp"

#include <filesystem>
#include <string>

namespace motus::app {

struct AppOptions {
    content::DataPaths paths;
    std::filesystem::path library;
    // Render the first frame to this PNG and quit (for screenshots and tests).
    std::filesystem::path screenshot;
    std::string select; // exercise id to select at start
};

// True when an X display can be opened; SFML aborts without one.
[[nodiscard]] bool displayAvailable();

// Opens the window; returns the process exit code. Throws std::runtime_error on a missing
// asset.
[[nodiscard]] int runApp(const AppOptions& options);

} // namespace motus::app
