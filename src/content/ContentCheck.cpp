#include "ContentCheck.hpp"

#include "ExerciseLoader.hpp"
#include "ProgramLoader.hpp"
#include "XmlReader.hpp"

#include <algorithm>
#include <set>
#include <system_error>

namespace motus::content {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The end of a markup declaration (<!DOCTYPE ...>) that starts at `at`, internal subset
// included, or npos.
std::size_t endOfDeclaration(std::string_view text, std::size_t at) {
    const auto close = text.find('>', at);
    const auto subset = text.find('[', at);
    if (subset == std::string_view::npos || subset > close) {
        return close;
    }
    const auto end = text.find(']', subset);
    return end == std::string_view::npos ? end : text.find('>', end);
}

std::set<std::filesystem::path> canonicalPaths(const std::vector<std::filesystem::path>& files) {
    std::set<std::filesystem::path> out;
    for (const auto& file : files) {
        std::error_code ec;
        out.insert(std::filesystem::weakly_canonical(file, ec));
    }
    return out;
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> movementPath(const core::Exercise& ex) {
    std::vector<std::pair<std::size_t, std::size_t>> path;
    std::size_t at = 0;
    for (const auto& phase : ex.phases) {
        if (phase.pose != at) {
            path.emplace_back(at, phase.pose);
        }
        at = phase.pose;
    }
    return path;
}

std::string rootElementName(std::string_view text) {
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        i = 3;
    }
    while (i < text.size()) {
        if (isSpace(text[i])) {
            ++i;
            continue;
        }
        if (text[i] != '<') {
            return {};
        }
        std::size_t end = std::string_view::npos;
        if (text.substr(i, 4) == "<!--") {
            end = text.find("-->", i + 4);
            end = end == std::string_view::npos ? end : end + 2;
        } else if (text.substr(i, 2) == "<?") {
            end = text.find("?>", i + 2);
            end = end == std::string_view::npos ? end : end + 1;
        } else if (text.substr(i, 2) == "<!") {
            end = endOfDeclaration(text, i);
        } else {
            std::size_t stop = i + 1;
            while (stop < text.size() && !isSpace(text[stop]) && text[stop] != '>' &&
                   text[stop] != '/') {
                ++stop;
            }
            return std::string(text.substr(i + 1, stop - i - 1));
        }
        if (end == std::string_view::npos) {
            return {};
        }
        i = end + 1;
    }
    return {};
}

namespace {

// The exercises of `checked` in no chain, named by neither `checked` nor `context`.
std::vector<ContentCheck::Unchained> unchained(const core::Library& checked,
                                               const core::Library* context) {
    std::set<std::string, std::less<>> named;
    for (const core::Library* library : {&checked, context}) {
        if (library == nullptr) {
            continue;
        }
        for (const auto& ex : library->all()) {
            for (const auto* variant : {&ex.progression, &ex.regression}) {
                if (*variant) {
                    named.insert(**variant);
                }
            }
        }
    }
    std::vector<ContentCheck::Unchained> out; // in id order, as the library keeps them
    for (const auto& ex : checked.all()) {
        if (!ex.progression && !ex.regression && named.count(ex.id) == 0) {
            out.push_back({ex.id, ex.path, ex.noVariantReason});
        }
    }
    return out;
}

} // namespace

ContentCheck checkContent(const std::vector<std::filesystem::path>& paths,
                          const core::Library* context) {
    ContentCheck check;
    const auto files = collectExerciseFiles(paths, check.diagnostics, true);
    std::vector<std::filesystem::path> exerciseFiles;
    std::vector<std::filesystem::path> programFiles;
    for (const auto& file : files) {
        // A file that cannot be read goes to the exercise loader, which says why.
        std::vector<core::Diagnostic> ignored;
        const auto text =
            readFileCapped(file, std::max(kMaxExerciseFileBytes, kMaxProgramFileBytes), ignored);
        if (text && rootElementName(*text) == "program") {
            programFiles.push_back(file);
        } else {
            exerciseFiles.push_back(file);
        }
    }
    auto exercises = loadLibrary(exerciseFiles, context);
    check.diagnostics.insert(check.diagnostics.end(), exercises.diagnostics.begin(),
                             exercises.diagnostics.end());
    check.filesRead = exercises.filesRead + programFiles.size();
    check.exercisesValid = exercises.library.size();
    for (const auto& ex : exercises.library.all()) {
        if (ex.formatVersion < 2) {
            continue; // version 1 has its planar checks in the loader
        }
        bool failed = false;
        for (const auto& problem : core::checkScene(ex.scene, movementPath(ex))) {
            check.diagnostics.push_back({problem.warning ? core::Diagnostic::Severity::Warning
                                                         : core::Diagnostic::Severity::Error,
                                         ex.path, problem.line, problem.message});
            failed = failed || !problem.warning;
        }
        if (failed && check.exercisesValid > 0) {
            --check.exercisesValid; // loaded, but the figure cannot do what it says
        }
    }
    check.withoutVariants = unchained(exercises.library, context);
    if (programFiles.empty()) {
        return check;
    }
    // The library an import would use: the exercises checked here, and the rest of the
    // library that is not among the files checked.
    std::vector<core::Exercise> known = exercises.library.all();
    if (context != nullptr) {
        const auto checked = canonicalPaths(exerciseFiles);
        for (const auto& ex : context->all()) {
            std::error_code ec;
            if (exercises.library.find(ex.id) == nullptr &&
                checked.count(std::filesystem::weakly_canonical(ex.path, ec)) == 0) {
                known.push_back(ex);
            }
        }
    }
    const core::Library library(std::move(known));
    for (const auto& file : programFiles) {
        auto parsed = loadProgramFile(file, library);
        check.diagnostics.insert(check.diagnostics.end(), parsed.diagnostics.begin(),
                                 parsed.diagnostics.end());
        check.programsValid += parsed.program ? 1 : 0;
    }
    return check;
}

} // namespace motus::content
