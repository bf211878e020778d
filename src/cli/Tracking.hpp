#pragma once
#include "Cli.hpp"

#include <iosfwd>
#include <string>

namespace motus::cli {

// program, today, log, checkin, review, streak, history, export.
[[nodiscard]] bool isTrackingCommand(const std::string& command);
[[nodiscard]] int runTrackingCommand(const CommandLine& commandLine,
                                     const content::DataPaths& paths, std::ostream& out,
                                     std::ostream& err);

} // namespace motus::cli
