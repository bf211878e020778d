#include "Settings.hpp"

#include "Utf8.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <map>

namespace motus::core {
namespace {

constexpr std::array<std::string_view, 7> kDayNames{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};

std::string_view trim(std::string_view text) {
    constexpr std::string_view space = " \t\r\v\f";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

bool validUtf8(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto [code, length] = decodeUtf8(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

// A piece of a line for a message: at most 40 bytes, cut at a character, controls as '?'.
std::string shown(std::string_view text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto [code, length] = decodeUtf8(text, at);
        if (length == 0 || out.size() + length > 40) {
            out += "...";
            break;
        }
        if (code < 0x20 || code == 0x7f) {
            out += '?';
        } else {
            out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

bool parseInt(std::string_view text, IntRange range, int& value) {
    int number = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, number);
    if (ec != std::errc() || ptr != end || text.empty() || !range.contains(number)) {
        return false;
    }
    value = number;
    return true;
}

bool parseBool(std::string_view text, bool& value) {
    if (text == "on" || text == "true" || text == "yes" || text == "1") {
        value = true;
        return true;
    }
    if (text == "off" || text == "false" || text == "no" || text == "0") {
        value = false;
        return true;
    }
    return false;
}

std::string onOff(bool value) {
    return value ? "on" : "off";
}

std::string rangeText(IntRange range) {
    return std::to_string(range.min) + " to " + std::to_string(range.max);
}

// One key: reads its value into the settings, or says what it expected.
struct Key {
    std::string_view name;
    std::function<bool(std::string_view, Settings&)> read;
    std::string expected; // "a whole number from 0 to 100", for the warning
};

Key integerKey(std::string_view name, IntRange range, int Settings::*field) {
    return {
        name,
        [range, field](std::string_view v, Settings& s) { return parseInt(v, range, s.*field); },
        "a whole number from " + rangeText(range)};
}

Key booleanKey(std::string_view name, bool Settings::*field) {
    return {name, [field](std::string_view v, Settings& s) { return parseBool(v, s.*field); },
            "on or off"};
}

const std::vector<Key>& keys() {
    using L = SettingsLimits;
    static const std::vector<Key> table{
        {"language",
         [](std::string_view v, Settings& s) {
             if (!validLanguage(v)) {
                 return false;
             }
             s.language = std::string(v);
             return true;
         },
         "a language such as de or en_GB, or nothing for the system's"},
        integerKey("text-size", L::textSize, &Settings::textSize),
        booleanKey("high-contrast", &Settings::highContrast),
        booleanKey("reduced-motion", &Settings::reducedMotion),
        {"voice", [](std::string_view v, Settings& s) { return parseBool(v, s.sound.voice); },
         "on or off"},
        {"voice-speed",
         [](std::string_view v, Settings& s) {
             return parseInt(v, L::voiceSpeed, s.sound.voiceSpeed);
         },
         "a whole number from " + rangeText(L::voiceSpeed)},
        {"tones", [](std::string_view v, Settings& s) { return parseBool(v, s.sound.tones); },
         "on or off"},
        {"volume",
         [](std::string_view v, Settings& s) { return parseInt(v, L::volume, s.sound.volume); },
         "a whole number from " + rangeText(L::volume)},
        integerKey("get-ready", L::getReady, &Settings::getReadySeconds),
        integerKey("switch-sides", L::switchSides, &Settings::switchSidesSeconds),
        {"reminders",
         [](std::string_view v, Settings& s) { return parseBool(v, s.reminders.enabled); },
         "on or off"},
        {"reminder-days",
         [](std::string_view v, Settings& s) { return parseWeekdays(v, s.reminders.days); },
         "days such as mon,wed,fri, or program"},
        {"reminder-time",
         [](std::string_view v, Settings& s) { return parseClock(v, s.reminders.minute); },
         "a time HH:MM from 00:00 to 23:59"},
        booleanKey("welcome-seen", &Settings::welcomeSeen),
    };
    return table;
}

} // namespace

bool validLanguage(std::string_view language) {
    if (language.size() > SettingsLimits::languageLength) {
        return false;
    }
    for (const char c : language) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '@';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string weekdayNames(WeekdaySet days) {
    if ((days & kAllWeekdays) == 0) {
        return "program";
    }
    std::string out;
    for (std::size_t i = 0; i < kDayNames.size(); ++i) {
        if ((days & (1u << i)) != 0) {
            if (!out.empty()) {
                out += ',';
            }
            out += kDayNames[i];
        }
    }
    return out;
}

bool parseWeekdays(std::string_view text, WeekdaySet& days) {
    text = trim(text);
    if (text.empty() || text == "program") {
        days = 0;
        return true;
    }
    WeekdaySet result = 0;
    while (true) {
        const auto comma = text.find(',');
        const auto word = trim(text.substr(0, comma));
        if (word.size() != 3) {
            return false;
        }
        std::string lower;
        for (const char c : word) {
            lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        std::size_t i = 0;
        while (i < kDayNames.size() && kDayNames[i] != lower) {
            ++i;
        }
        if (i == kDayNames.size() || (result & (1u << i)) != 0) {
            return false;
        }
        result = static_cast<WeekdaySet>(result | (1u << i));
        if (comma == std::string_view::npos) {
            break;
        }
        text = text.substr(comma + 1);
    }
    days = result;
    return true;
}

std::string clockText(int minute) {
    const int h = minute / 60;
    const int m = minute % 60;
    std::string out;
    out += static_cast<char>('0' + h / 10);
    out += static_cast<char>('0' + h % 10);
    out += ':';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

bool parseClock(std::string_view text, int& minute) {
    // H:MM or HH:MM, 24 hours.
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != colon && (text[i] < '0' || text[i] > '9')) {
            return false;
        }
    }
    int h = 0;
    int m = 0;
    if (!parseInt(text.substr(0, colon), {0, 23}, h) ||
        !parseInt(text.substr(colon + 1), {0, 59}, m)) {
        return false;
    }
    minute = h * 60 + m;
    return true;
}

ParsedSettings parseSettings(std::string_view text, std::string_view path) {
    ParsedSettings result;
    auto warn = [&](int line, std::string message) {
        result.diagnostics.push_back(
            {Diagnostic::Severity::Warning, std::string(path), line, std::move(message)});
    };
    std::map<std::string_view, int> seen; // key -> the line that last set it
    int lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        std::string_view line = text.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        ++lineNumber;
        if (lineNumber == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") {
            line.remove_prefix(3); // a byte order mark some editors write
        }
        if (!validUtf8(line)) {
            warn(lineNumber, "the line is not valid UTF-8; it is ignored");
            continue;
        }
        line = trim(line);
        if (line.empty() || line.front() == '#' || line.front() == ';') {
            continue;
        }
        if (line.front() == '[') {
            warn(lineNumber, "sections are not used in the settings file; the line is ignored");
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            warn(lineNumber, "expected key=value, got '" + shown(line) + "'; the line is ignored");
            continue;
        }
        const auto name = trim(line.substr(0, eq));
        const auto value = trim(line.substr(eq + 1));
        const Key* key = nullptr;
        for (const auto& candidate : keys()) {
            if (candidate.name == name) {
                key = &candidate;
            }
        }
        if (key == nullptr) {
            warn(lineNumber, "unknown setting '" + shown(name) + "'; the line is ignored");
            continue;
        }
        if (auto before = seen.find(key->name); before != seen.end()) {
            warn(lineNumber, "'" + std::string(key->name) + "' is set again (also on line " +
                                 std::to_string(before->second) + "); the last one counts");
        }
        if (!key->read(value, result.settings)) {
            warn(lineNumber, "'" + std::string(key->name) + "' takes " + key->expected + ", not '" +
                                 shown(value) + "'; the line is ignored");
            continue;
        }
        seen[key->name] = lineNumber;
    }
    return result;
}

std::string writeSettings(const Settings& s) {
    std::string out;
    auto line = [&](std::string_view key, const std::string& value) {
        out.append(key);
        out += '=';
        out += value;
        out += '\n';
    };
    out += "# Motus settings (docs/settings.md). Lines that cannot be read are ignored with a\n"
           "# warning; a missing line keeps the default.\n";
    line("language", s.language);
    line("text-size", std::to_string(s.textSize));
    line("high-contrast", onOff(s.highContrast));
    line("reduced-motion", onOff(s.reducedMotion));
    line("voice", onOff(s.sound.voice));
    line("voice-speed", std::to_string(s.sound.voiceSpeed));
    line("tones", onOff(s.sound.tones));
    line("volume", std::to_string(s.sound.volume));
    line("get-ready", std::to_string(s.getReadySeconds));
    line("switch-sides", std::to_string(s.switchSidesSeconds));
    line("reminders", onOff(s.reminders.enabled));
    line("reminder-days", weekdayNames(s.reminders.days));
    line("reminder-time", clockText(s.reminders.minute));
    line("welcome-seen", onOff(s.welcomeSeen));
    return out;
}

} // namespace motus::core
