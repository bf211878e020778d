// libFuzzer entry point for the exercise loader: any bytes must give diagnostics or an
// exercise, never a crash, a hang or undefined behaviour.
#include "content/ExerciseLoader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = motus::content::parseExercise(text, "fuzz.xml");
    // A result is either an exercise with no error or errors with no exercise.
    if (parsed.exercise.has_value() == motus::core::hasErrors(parsed.diagnostics)) {
        __builtin_trap();
    }
    if (parsed.exercise) {
        std::vector<motus::core::Exercise> one{std::move(*parsed.exercise)};
        std::vector<motus::core::Diagnostic> diagnostics;
        std::vector<std::string> skipped;
        motus::content::checkAcrossFiles(one, {}, {}, diagnostics, skipped);
    }
    return 0;
}
