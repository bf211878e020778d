// Wires the layers together: the command line (src/cli) reads the arguments through its command
// table and runs the headless commands; the window and the drawing commands it hands back here,
// to the SFML front end (src/app).
#include "app/App.hpp"
#include "app/Render.hpp"
#include "cli/Cli.hpp"
#include "cli/Text.hpp"
#include "content/DataPaths.hpp"
#include "core/I18n.hpp"

#include <csignal>
#include <unistd.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace motus;
    // A write past the file size limit (ulimit -f) fails with EFBIG instead of killing the
    // process: the journal rolls the transaction back and says why.
    std::signal(SIGXFSZ, SIG_IGN);
    const std::vector<std::string> args(argv, argv + argc);
    // Standard error is valid UTF-8 with control characters escaped for the window and the
    // drawing commands too (the command line does the same to its own streams): a file name
    // with an ESC in it never reaches the terminal raw.
    std::ostream rawErr(std::cerr.rdbuf());
    cli::Utf8Lines errLines(rawErr);
    std::cerr.rdbuf(&errLines);
    struct RestoreErr {
        std::streambuf* raw;
        ~RestoreErr() { std::cerr.rdbuf(raw); }
    } restoreErr{rawErr.rdbuf()};
    const auto paths = content::DataPaths::locate();

    // The window and the drawing commands need an X display: without one, say so and stop
    // (SFML would abort).
    auto noDisplay = [](const char* message) {
        std::cerr << "motus: " << message << '\n';
        return 2;
    };
    cli::FrontEnd frontEnd;
    frontEnd.window = [&](const cli::WindowRequest& request) {
        for (const auto& spec : request.screens) {
            if (std::string problem; !app::checkScreenSpec(spec, problem)) {
                std::cerr << "motus: --screen: " << problem << '\n';
                return 2;
            }
        }
        if (!app::displayAvailable()) {
            return noDisplay(!request.play.empty()
                                 ? core::tr("play needs an X display; for the timeline without "
                                            "one, add --simulate")
                                 : core::tr("no X display to open the window on (DISPLAY is "
                                            "unset or unreachable); try 'motus --help' for the "
                                            "command line"));
        }
        app::AppOptions options;
        options.paths = paths;
        options.library = request.library;
        options.screenshot = request.screenshot;
        options.screenshotAt = request.screenshotAt;
        options.select = request.select;
        options.db = request.db;
        options.play = request.play;
        options.dose = request.dose;
        options.open = request.open;
        options.language = request.language;
        options.newProgram = request.newProgram;
        options.editProgram = request.editProgram;
        options.width = request.width;
        options.height = request.height;
        options.textSize = request.textSize;
        options.screens = request.screens;
        options.checkLayout = request.checkLayout;
        return app::runApp(options);
    };
    frontEnd.render = [&](const cli::RenderRequest& request) {
        if (!app::displayAvailable()) {
            return noDisplay(core::tr("render needs an X display; run it under xvfb-run"));
        }
        app::RenderRequest render;
        render.id = request.id;
        render.sheet = request.sheet;
        render.atSeconds = request.atSeconds.value_or(-1.0);
        render.out = request.out;
        render.width = request.width;
        render.height = request.height;
        if (request.camera) {
            render.camera = core::Camera{request.camera->first, request.camera->second};
        }
        return app::runRender(render, paths, request.library, std::cerr);
    };
    try {
        return cli::run(args, paths, frontEnd, std::cout, std::cerr,
                        {&std::cin, isatty(STDIN_FILENO) == 1});
    } catch (const std::exception& e) {
        std::cerr << "motus: " << e.what() << '\n';
        return 1;
    }
}
