#pragma once
#include "Diagnostic.hpp"
#include "Dose.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The patient's preferences, kept in $XDG_CONFIG_HOME/motus/settings.ini (one `key=value` a
// line; docs/settings.md). Core parses and writes the text; service::loadSettings and
// service::saveSettings read and write the file. A broken file never stops Motus: every line
// that cannot be used is named in a warning and its setting keeps the default.
namespace motus::core {

// The limits of each numeric setting.
struct SettingsLimits {
    static constexpr IntRange textSize{100, 200};   // percent
    static constexpr IntRange voiceSpeed{50, 200};  // percent of the normal speaking rate
    static constexpr IntRange volume{0, 100};       // percent
    static constexpr IntRange getReady{5, 30};      // seconds before the first exercise
    static constexpr IntRange switchSides{5, 30};   // seconds between the sides of a set
    static constexpr IntRange minuteOfDay{0, 1439}; // a reminder's time, minutes after midnight
    static constexpr std::size_t languageLength = 35;
};

// Days of the week as bits: Monday is bit 0, Sunday bit 6 (ISO 8601 order).
using WeekdaySet = std::uint8_t;
inline constexpr WeekdaySet kAllWeekdays = 0x7f;

// The player's sound.
struct SoundSettings {
    bool voice = true;
    int voiceSpeed = 100; // percent
    bool tones = true;
    int volume = 80; // percent
    bool operator==(const SoundSettings&) const = default;
};

// When Motus reminds the patient of the day's routine.
struct ReminderSettings {
    bool enabled = false;
    WeekdaySet days = 0;  // 0: the days follow the program's frequency
    int minute = 18 * 60; // of the local day, 0..1439
    bool operator==(const ReminderSettings&) const = default;
};

struct Settings {
    std::string language; // a gettext language such as "de" or "de_AT"; empty: the system's
    int textSize = 100;   // percent
    bool highContrast = false;
    bool reducedMotion = false;
    SoundSettings sound;
    int getReadySeconds = 5;
    int switchSidesSeconds = 5;
    ReminderSettings reminders;
    // The first run's welcome was finished (or skipped for good): Motus opens on its usual
    // screen. Off: the welcome shows while no program has ever been assigned.
    bool welcomeSeen = false;
    bool operator==(const Settings&) const = default;
};

struct ParsedSettings {
    Settings settings;
    std::vector<Diagnostic> diagnostics; // warnings only: a settings file never has errors
};

// Reads settings text; `path` names the file in the diagnostics ("path:line: warning: ...").
// Unknown keys, bad values, lines that are not UTF-8 and lines without '=' are warned about and
// ignored; a key given twice warns and the last one counts. Lines starting with '#' or ';' are
// comments; spaces around keys and values are ignored.
[[nodiscard]] ParsedSettings parseSettings(std::string_view text, std::string_view path);
// The text of the settings: every key, in a fixed order, that parseSettings reads back equal.
[[nodiscard]] std::string writeSettings(const Settings& settings);

// Whether `language` is acceptable as the language setting (empty, or letters, digits and
// "_-.@", at most SettingsLimits::languageLength characters).
[[nodiscard]] bool validLanguage(std::string_view language);

// "mon,wed,fri" <-> a WeekdaySet; parsing accepts three-letter English day names in any case,
// separated by commas, each once; "program" (what weekdayNames(0) gives) and "" are 0, the days
// of the program.
[[nodiscard]] std::string weekdayNames(WeekdaySet days);
[[nodiscard]] bool parseWeekdays(std::string_view text, WeekdaySet& days);
// "HH:MM" (24 hours) <-> minutes after midnight.
[[nodiscard]] std::string clockText(int minute);
[[nodiscard]] bool parseClock(std::string_view text, int& minute);

} // namespace motus::core
