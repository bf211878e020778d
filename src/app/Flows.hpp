#pragma once
// Ways through several screens, kept apart from the window so that tests can walk them on a
// ScreenStack of their own: opening a program file, and the first run.
#include "Screen.hpp"
#include "Theme.hpp"
#include "service/FileChooser.hpp"
#include "service/Practice.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace motus::app {

// "Open a program file…": the desktop's chooser where there is one (`choose`), else the list of
// the program files in `folders` (OpenFileScreen); the file chosen opens its preview
// (PreviewScreen) over what is shown. Start this program calls `started` (the program is then
// assigned); Cancel and Back go back a step; a cancelled chooser changes nothing.
struct OpenFileFlow {
    std::function<service::FileChoice()> choose;
    std::function<std::vector<std::filesystem::path>()> folders;
    std::function<void()> started;
};
void openProgramFile(ScreenStack& screens, service::Practice& practice, const Fonts& fonts,
                     const std::string& lang, const OpenFileFlow& flow);
// The choosing part of it alone: the chooser, else the list; `chosen` gets the file (the
// builder's "Open…" edits it, with `closeList`: the list closes first).
void chooseProgramFile(ScreenStack& screens, const Fonts& fonts, const OpenFileFlow& flow,
                       std::function<void(const std::filesystem::path&)> chosen,
                       bool closeList = true);
// The preview of one file over what is shown (`motus FILE`, or a file chosen).
void pushPreview(ScreenStack& screens, service::Practice& practice, const Fonts& fonts,
                 const std::string& lang, const std::filesystem::path& file,
                 std::function<void()> started);

// The first run: the welcome, the safety questions of rule 0 (SafetyScreen), then how to start.
struct FirstRunActions {
    std::function<void()> openFile;        // "I have a program file from my therapist"
    std::function<void()> starterPrograms; // "Choose a starter program"
    std::function<void()> browse;          // "Just browse exercises"
    // Finished: a start was chosen, or a warning sign was reported and its advice read.
    std::function<void()> seen;
    // After a warning sign's advice: where Motus goes on (no program is started).
    std::function<void()> afterWarning;
    // "Not now" on the welcome: the usual first screen; the welcome comes again next time.
    std::function<void()> later;
    // A file given on the command line (`motus FILE`): after the safety questions its preview,
    // instead of the three choices. Empty: the choices.
    std::function<void()> fileGiven;
};
void pushFirstRun(ScreenStack& screens, service::Practice& practice, const Fonts& fonts,
                  FirstRunActions actions);

} // namespace motus::app
