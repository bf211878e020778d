// Wires the layers together: no command opens the window, a command runs headless.
#include "app/App.hpp"
#include "app/Render.hpp"
#include "cli/Cli.hpp"
#include "content/DataPaths.hpp"
#include "core/I18n.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace motus;
    const std::vector<std::string> args(argv, argv + argc);
    const auto commandLine = cli::parseCommandLine(args);
    const auto paths = content::DataPaths::locate();
    core::initI18n(paths.localeDir.string(), commandLine.lang);

    if (commandLine.error) {
        std::cerr << "motus: " << *commandLine.error << "\n\n" << cli::usage();
        return 2;
    }
    if (commandLine.help) {
        std::cout << cli::usage();
        return 0;
    }
    if (commandLine.version) {
        std::cout << cli::versionText();
        return 0;
    }
    // The window and the drawing commands need an X display: without one, say so and stop
    // (SFML would abort).
    auto noDisplay = [](const char* message) {
        std::cerr << "motus: " << message << '\n';
        return 2;
    };
    auto appOptions = [&] {
        app::AppOptions options;
        options.paths = paths;
        options.library = commandLine.library.value_or(paths.library);
        options.screenshot = commandLine.screenshot;
        options.screenshotAt = commandLine.screenshotAt;
        options.select = commandLine.select;
        options.db = commandLine.db;
        return options;
    };
    try {
        // `play` without --simulate opens the player window.
        cli::PlayRequest play;
        const bool playsInWindow = commandLine.command == "play" &&
                                   cli::parsePlayArgs(commandLine.args, play).empty() &&
                                   !play.simulate;
        const bool draws = commandLine.command == "render";
        if (!commandLine.command.empty() && !draws && !playsInWindow) {
            return cli::runCommand(commandLine, paths, std::cout, std::cerr);
        }
        if (draws) {
            app::RenderRequest request;
            if (auto problem = app::parseRenderArgs(commandLine.args, request); !problem.empty()) {
                std::cerr << "motus: " << problem << "\n\n" << cli::usage();
                return 2;
            }
            if (!app::displayAvailable()) {
                return noDisplay(core::tr("render needs an X display; run it under xvfb-run"));
            }
            return app::runRender(request, paths, commandLine.library.value_or(paths.library),
                                  std::cerr);
        }
        if (!app::displayAvailable()) {
            return noDisplay(playsInWindow
                                 ? core::tr("play needs an X display; for the timeline without "
                                            "one, add --simulate")
                                 : core::tr("no X display to open the window on (DISPLAY is "
                                            "unset or unreachable); try 'motus --help' for the "
                                            "command line"));
        }
        auto options = appOptions();
        if (playsInWindow) {
            options.play = play.id;
            options.dose = play.dose;
        }
        return app::runApp(options);
    } catch (const std::exception& e) {
        std::cerr << "motus: " << e.what() << '\n';
        return 1;
    }
}
