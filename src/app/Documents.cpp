#include "Documents.hpp"

#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "document/Handout.hpp"
#include "document/Report.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace motus::app {

using core::tr;

std::filesystem::path documentsFolder() {
    std::error_code ec;
    if (const char* dir = std::getenv("XDG_DOCUMENTS_DIR");
        dir != nullptr && *dir != '\0' && std::filesystem::is_directory(dir, ec)) {
        return dir;
    }
    const char* home = std::getenv("HOME");
    const std::filesystem::path base = home != nullptr && *home != '\0' ? home : ".";
    if (std::filesystem::is_directory(base / "Documents", ec)) {
        return base / "Documents";
    }
    return base;
}

SavedDocument saveDocument(service::Practice& practice, bool report) {
    const auto file =
        documentsFolder() / fmt::format("motus-{}-{}.html", report ? "report" : "handout",
                                        core::formatDate(practice.today()));
    try {
        const std::string html =
            report ? document::reportHtml(practice, {}) : document::handoutOfCurrent(practice);
        service::writeExport(file, html, practice.journalFile());
    } catch (const std::exception& e) {
        return {std::nullopt,
                fmt::format(fmt::runtime(tr("The file could not be written: {}")), e.what())};
    }
    return {file, fmt::format(fmt::runtime(report ? tr("Report saved as {}: open it in a browser "
                                                       "to print it or send it.")
                                                  : tr("Handout saved as {}: open it in a "
                                                       "browser to print it.")),
                              file.string())};
}

} // namespace motus::app
