// libFuzzer entry point for the program loader: any bytes must give diagnostics or a program,
// never a crash, a hang or undefined behaviour; and a program that loads must survive a
// write-then-read round trip (content::writeProgram, then parseProgram) unchanged.
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#ifndef MOTUS_FUZZ_LIBRARY_DIR
#error "MOTUS_FUZZ_LIBRARY_DIR must name the bundled exercise library"
#endif

namespace {

const motus::core::Library& library() {
    static const motus::core::Library lib = [] {
        auto load = motus::content::loadLibrary({std::filesystem::path(MOTUS_FUZZ_LIBRARY_DIR)});
        if (load.library.all().empty()) {
            std::fprintf(stderr, "fuzz: no exercises in %s\n", MOTUS_FUZZ_LIBRARY_DIR);
            __builtin_trap();
        }
        return load.library;
    }();
    return lib;
}

bool sameItem(const motus::core::ProgramItem& a, const motus::core::ProgramItem& b) {
    return a.exercise == b.exercise && a.dose == b.dose && a.bounds == b.bounds &&
           a.locked == b.locked;
}

bool samePhase(const motus::core::ProgramPhase& a, const motus::core::ProgramPhase& b) {
    if (a.name != b.name || a.names != b.names || a.weeks != b.weeks || a.perDay != b.perDay ||
        a.perWeek != b.perWeek || a.items.size() != b.items.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!sameItem(a.items[i], b.items[i])) {
            return false;
        }
    }
    return true;
}

// The fields that matter; line numbers and the path are where the text came from, not content.
bool sameProgram(const motus::core::Program& a, const motus::core::Program& b) {
    if (a.id != b.id || a.formatVersion != b.formatVersion || a.title != b.title ||
        a.titles != b.titles || a.author != b.author || a.patient != b.patient ||
        a.autoProgression != b.autoProgression || a.quotaMode != b.quotaMode ||
        a.phases.size() != b.phases.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.phases.size(); ++i) {
        if (!samePhase(a.phases[i], b.phases[i])) {
            return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = motus::content::parseProgram(text, "fuzz.xml", library());
    // A result is either a program with no error or errors with no program.
    if (parsed.program.has_value() == motus::core::hasErrors(parsed.diagnostics)) {
        __builtin_trap();
    }
    if (!parsed.program) {
        return 0;
    }
    const std::string written = motus::content::writeProgram(*parsed.program, {}, std::nullopt);
    const auto again = motus::content::parseProgram(written, "fuzz-written.xml", library());
    if (!again.program || !sameProgram(*parsed.program, *again.program)) {
        std::fprintf(stderr, "fuzz: the written program does not read back the same:\n%s\n",
                     written.c_str());
        for (const auto& diagnostic : again.diagnostics) {
            std::fprintf(stderr, "%s\n", diagnostic.str().c_str());
        }
        __builtin_trap();
    }
    return 0;
}
