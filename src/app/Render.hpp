#pragma once
#include "content/DataPaths.hpp"
#include "core/Exercise.hpp"
#include "core/MannequinView.hpp"
#include "core/SessionPlayer.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

// The drawing subcommands: they need a display (run them under xvfb-run on a server).
namespace motus::app {

struct RenderRequest {
    std::string id;
    bool sheet = false;
    double atSeconds = -1.0;
    std::filesystem::path out;
    unsigned width = 0; // 0: the default for the kind of render
    unsigned height = 0;
    // The camera to draw from; none: the exercise's own.
    std::optional<core::Camera> camera;
};

// "Bird dog · set 1 of 3 · rep 2 of 6 · left side"
[[nodiscard]] std::string describeMoment(const core::Exercise& ex,
                                         const core::PlayerSnapshot& snap);

// Renders to a PNG file; returns the exit code, with messages on `err`.
[[nodiscard]] int runRender(const RenderRequest& request, const content::DataPaths& paths,
                            const std::filesystem::path& library, std::ostream& err);

} // namespace motus::app
