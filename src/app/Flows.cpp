#include "Flows.hpp"

#include "FirstRunScreens.hpp"
#include "OpenFileScreen.hpp"
#include "PreviewScreen.hpp"
#include "SafetyScreen.hpp"

#include <memory>

namespace motus::app {

void pushPreview(ScreenStack& screens, service::Practice& practice, const Fonts& fonts,
                 const std::string& lang, const std::filesystem::path& file,
                 std::function<void()> started) {
    screens.push(std::make_unique<PreviewScreen>(practice, file, fonts, lang, std::move(started),
                                                 [&screens] { screens.pop(); }));
}

void openProgramFile(ScreenStack& screens, service::Practice& practice, const Fonts& fonts,
                     const std::string& lang, const OpenFileFlow& flow) {
    // The list stays below the preview: Cancel there goes back to it.
    chooseProgramFile(
        screens, fonts, flow,
        [&screens, &practice, &fonts, lang,
         started = flow.started](const std::filesystem::path& file) {
            pushPreview(screens, practice, fonts, lang, file, started);
        },
        false);
}

void chooseProgramFile(ScreenStack& screens, const Fonts& fonts, const OpenFileFlow& flow,
                       std::function<void(const std::filesystem::path&)> chosen, bool closeList) {
    const auto choice = flow.choose ? flow.choose() : service::FileChoice{};
    switch (choice.outcome) {
    case service::FileChoice::Outcome::Chosen:
        chosen(choice.file);
        return;
    case service::FileChoice::Outcome::Cancelled:
        return;
    case service::FileChoice::Outcome::NoChooser:
        break;
    }
    auto folders = flow.folders ? flow.folders() : std::vector<std::filesystem::path>{};
    auto files = service::findProgramFiles(folders);
    screens.push(std::make_unique<OpenFileScreen>(
        std::move(files), std::move(folders), fonts,
        [&screens, chosen = std::move(chosen), closeList](const std::filesystem::path& file) {
            if (closeList) {
                screens.pop(); // `chosen` acts on the screen below the list
            }
            chosen(file);
        },
        [&screens] { screens.pop(); }));
}

void pushFirstRun(ScreenStack& screens, service::Practice& practice, const Fonts& fonts,
                  FirstRunActions actions) {
    auto shared = std::make_shared<FirstRunActions>(std::move(actions));
    auto pushSafety = [&screens, &practice, &fonts, shared] {
        auto safety = std::make_shared<SafetyScreen*>(nullptr);
        auto screen = std::make_unique<SafetyScreen>(
            practice, fonts,
            [&screens, &fonts, shared, safety] {
                if (*safety != nullptr && (*safety)->reported()) {
                    // A warning sign: its advice has been read; no program is started.
                    if (shared->seen) {
                        shared->seen();
                    }
                    shared->afterWarning();
                    return;
                }
                if (shared->fileGiven) {
                    if (shared->seen) {
                        shared->seen();
                    }
                    shared->fileGiven();
                    return;
                }
                screens.push(std::make_unique<StartChoiceScreen>(
                    fonts,
                    [shared](StartChoiceScreen::Choice choice) {
                        if (shared->seen) {
                            shared->seen();
                        }
                        switch (choice) {
                        case StartChoiceScreen::Choice::ProgramFile:
                            shared->openFile();
                            break;
                        case StartChoiceScreen::Choice::StarterProgram:
                            shared->starterPrograms();
                            break;
                        case StartChoiceScreen::Choice::Browse:
                            shared->browse();
                            break;
                        }
                    },
                    [&screens] { screens.pop(); }));
            },
            [&screens] { screens.pop(); });
        *safety = screen.get();
        screens.push(std::move(screen));
    };
    screens.push(std::make_unique<WelcomeScreen>(fonts, pushSafety, [shared] { shared->later(); }));
}

} // namespace motus::app
