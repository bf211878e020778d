#include "Cli.hpp"

#include "Commands.hpp"
#include "Table.hpp"
#include "Text.hpp"
#include "core/I18n.hpp"
#include "service/Practice.hpp"

#include <fmt/format.h>

#include <ostream>
#include <system_error>

#ifndef MOTUS_VERSION
#define MOTUS_VERSION "0.0.0"
#endif

namespace motus::cli {

using core::tr;

std::filesystem::path Context::library() const {
    if (auto library = values.text("--library")) {
        return *library;
    }
    return paths.library;
}

std::filesystem::path Context::journal() const {
    return values.text("--db").value_or("");
}

int Context::usage(const std::string& message) const {
    err << "motus: " << message << '\n' << usageHint(&command);
    return kExitUsage;
}

std::string versionText() {
    return std::string("motus ") + MOTUS_VERSION + "\n";
}

int run(const std::vector<std::string>& argv, const content::DataPaths& paths,
        const FrontEnd& frontEnd, std::ostream& rawOut, std::ostream& rawErr, const Input& input) {
    Utf8Lines outLines(rawOut);
    Utf8Lines errLines(rawErr);
    std::ostream out(&outLines);
    std::ostream err(&errLines);

    const CommandLine commandLine(argv);
    // The language first, so that every message below is in it.
    core::initI18n(paths.localeDir.string(), commandLine.language());
    const Invocation invocation = commandLine.check();
    const Command& command = *invocation.command;
    if (invocation.help) {
        out << helpText(&command);
        return kExitOk;
    }
    if (invocation.version) {
        out << versionText();
        return kExitOk;
    }
    if (invocation.error) {
        err << "motus: " << *invocation.error << '\n' << usageHint(&command);
        return kExitUsage;
    }
    Context context{command, invocation.values, paths, frontEnd, out, err, input};
    if (command.handler != cmdHelp) {
        // Every other command reads the library: a folder that is not there is a failure.
        const auto library = context.library();
        std::error_code ec;
        if (!std::filesystem::is_directory(library, ec)) {
            err << "motus: "
                << fmt::format(fmt::runtime(tr("the exercise library {} is not a folder (see "
                                               "--library and MOTUS_LIBRARY)")),
                               library.string())
                << '\n';
            return kExitFailure;
        }
    }
    try {
        return command.handler(context);
    } catch (const service::Refused& refused) {
        err << "motus: " << refused.what() << '\n';
        return refused.usage() ? kExitUsage : kExitFailure;
    } catch (const std::exception& e) {
        err << "motus: " << e.what() << '\n';
        return kExitFailure;
    }
}

} // namespace motus::cli
