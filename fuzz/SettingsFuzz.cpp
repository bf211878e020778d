// libFuzzer entry point for the settings file (core::parseSettings): any bytes must give settings
// and warnings, never a crash, a hang or undefined behaviour; every value must lie in its range;
// only warnings, never errors; and the settings written back (core::writeSettings) must read back
// equal and without a warning.
#include "core/Settings.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what, const std::string& text) {
    std::fprintf(stderr, "fuzz: %s:\n%s\n", what, text.c_str());
    __builtin_trap();
}

bool inRange(const motus::core::Settings& s) {
    using L = motus::core::SettingsLimits;
    return motus::core::validLanguage(s.language) && L::textSize.contains(s.textSize) &&
           L::voiceSpeed.contains(s.sound.voiceSpeed) && L::volume.contains(s.sound.volume) &&
           L::getReady.contains(s.getReadySeconds) &&
           L::switchSides.contains(s.switchSidesSeconds) &&
           L::minuteOfDay.contains(s.reminders.minute) &&
           (s.reminders.days & ~motus::core::kAllWeekdays) == 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = motus::core::parseSettings(text, "fuzz.ini");
    if (motus::core::hasErrors(parsed.diagnostics)) {
        fail("a settings file gave an error, not a warning", std::string(text));
    }
    for (const auto& diagnostic : parsed.diagnostics) {
        if (diagnostic.line < 1 || diagnostic.path != "fuzz.ini") {
            fail("a warning names no line", diagnostic.str());
        }
    }
    if (!inRange(parsed.settings)) {
        fail("a value outside its range was accepted from", std::string(text));
    }
    const std::string written = motus::core::writeSettings(parsed.settings);
    const auto again = motus::core::parseSettings(written, "fuzz-written.ini");
    if (!again.diagnostics.empty()) {
        fail("the written settings give warnings",
             again.diagnostics.front().str() + "\n" + written);
    }
    if (!(again.settings == parsed.settings)) {
        fail("the written settings do not read back the same", written);
    }
    return 0;
}
