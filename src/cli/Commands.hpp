#pragma once
#include "Cli.hpp"
#include "Table.hpp"

#include <filesystem>
#include <iosfwd>

// The handlers of the command table: thin presenters. The content commands read the exercise
// library; the tracking commands call the application layer (service::Practice) and print what
// it returns.
namespace motus::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct Context {
    const Command& command;
    const Values& values;
    const content::DataPaths& paths;
    const FrontEnd& frontEnd;
    std::ostream& out;
    std::ostream& err;
    const Input& input;

    // --library, else MOTUS_LIBRARY, else the bundled library.
    [[nodiscard]] std::filesystem::path library() const;
    // --db; empty: the default journal.
    [[nodiscard]] std::filesystem::path journal() const;
    // A usage error found by a handler before anything was done: message and exit 2.
    int usage(const std::string& message) const;
};

int cmdWindow(Context& c);
int cmdValidate(Context& c);
int cmdLibrary(Context& c);
int cmdShow(Context& c);
int cmdPlay(Context& c);
int cmdRender(Context& c);
int cmdProgramList(Context& c);
int cmdProgramStart(Context& c);
int cmdProgramImport(Context& c);
int cmdProgramShow(Context& c);
int cmdProgramExport(Context& c);
int cmdToday(Context& c);
int cmdLog(Context& c);
int cmdCheckIn(Context& c);
int cmdReview(Context& c);
int cmdStreak(Context& c);
int cmdHistory(Context& c);
int cmdFlags(Context& c);
int cmdFlagsClear(Context& c);
int cmdExport(Context& c);
int cmdReminders(Context& c);
int cmdRemindersSet(Context& c);
int cmdRemindersOn(Context& c);
int cmdRemindersOff(Context& c);
int cmdRemindersCheck(Context& c);
int cmdHandout(Context& c);
int cmdReport(Context& c);
int cmdHelp(Context& c);

} // namespace motus::cli
