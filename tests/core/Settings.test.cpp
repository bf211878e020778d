// The settings file's text: strict parsing with warnings that never stop Motus, and a round trip.
#include "core/Settings.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace motus;

namespace {

std::vector<std::string> messages(const core::ParsedSettings& parsed) {
    std::vector<std::string> out;
    for (const auto& d : parsed.diagnostics) {
        out.push_back(d.str());
    }
    return out;
}

} // namespace

TEST_CASE("an empty settings file gives the defaults", "[core][settings]") {
    const auto parsed = core::parseSettings("", "s.ini");
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.settings == core::Settings{});
    CHECK(parsed.settings.sound.volume == 80);
    CHECK(parsed.settings.sound.voice);
    CHECK(parsed.settings.textSize == 100);
    CHECK(parsed.settings.getReadySeconds == 5);
    CHECK_FALSE(parsed.settings.reminders.enabled);
    CHECK(parsed.settings.reminders.minute == 18 * 60);
    CHECK_FALSE(parsed.settings.welcomeSeen);
}

TEST_CASE("every setting is read, with comments, spaces and CRLF", "[core][settings]") {
    const auto parsed = core::parseSettings("# a comment\r\n"
                                            "; another\n"
                                            "  language = de_AT  \n"
                                            "text-size=150\n"
                                            "high-contrast=on\n"
                                            "reduced-motion = yes\r\n"
                                            "voice=off\n"
                                            "voice-speed=120\n"
                                            "tones=false\n"
                                            "volume=35\n"
                                            "\n"
                                            "get-ready=10\n"
                                            "switch-sides=30\n"
                                            "reminders=on\n"
                                            "reminder-days=Mon, wed ,FRI\n"
                                            "reminder-time=7:05\n"
                                            "welcome-seen=on",
                                            "s.ini");
    CHECK(messages(parsed).empty());
    const auto& s = parsed.settings;
    CHECK(s.language == "de_AT");
    CHECK(s.textSize == 150);
    CHECK(s.highContrast);
    CHECK(s.reducedMotion);
    CHECK_FALSE(s.sound.voice);
    CHECK(s.sound.voiceSpeed == 120);
    CHECK_FALSE(s.sound.tones);
    CHECK(s.sound.volume == 35);
    CHECK(s.getReadySeconds == 10);
    CHECK(s.switchSidesSeconds == 30);
    CHECK(s.reminders.enabled);
    CHECK(s.reminders.days == 0b0010101);
    CHECK(s.reminders.minute == 7 * 60 + 5);
    CHECK(s.welcomeSeen);
}

TEST_CASE("bad values are named and keep the default", "[core][settings]") {
    const auto parsed = core::parseSettings("volume=150\n"
                                            "text-size=99\n"
                                            "voice=maybe\n"
                                            "get-ready=10s\n"
                                            "switch-sides=+7\n"
                                            "voice-speed=\n"
                                            "reminder-time=24:00\n"
                                            "reminder-days=mon,mon\n"
                                            "language=de;rm -rf\n"
                                            "volume=99999999999999999999\n",
                                            "/home/p/.config/motus/settings.ini");
    CHECK(parsed.settings == core::Settings{});
    const std::vector<std::string> expected{
        "/home/p/.config/motus/settings.ini:1: warning: 'volume' takes a whole number from 0 to "
        "100, not '150'; the line is ignored",
        "/home/p/.config/motus/settings.ini:2: warning: 'text-size' takes a whole number from 100 "
        "to 200, not '99'; the line is ignored",
        "/home/p/.config/motus/settings.ini:3: warning: 'voice' takes on or off, not 'maybe'; the "
        "line is ignored",
        "/home/p/.config/motus/settings.ini:4: warning: 'get-ready' takes a whole number from 5 to "
        "30, not '10s'; the line is ignored",
        "/home/p/.config/motus/settings.ini:5: warning: 'switch-sides' takes a whole number from 5 "
        "to 30, not '+7'; the line is ignored",
        "/home/p/.config/motus/settings.ini:6: warning: 'voice-speed' takes a whole number from 50 "
        "to 200, not ''; the line is ignored",
        "/home/p/.config/motus/settings.ini:7: warning: 'reminder-time' takes a time HH:MM from "
        "00:00 to 23:59, not '24:00'; the line is ignored",
        "/home/p/.config/motus/settings.ini:8: warning: 'reminder-days' takes days such as "
        "mon,wed,fri, or program, not 'mon,mon'; the line is ignored",
        "/home/p/.config/motus/settings.ini:9: warning: 'language' takes a language such as de or "
        "en_GB, or nothing for the system's, not 'de;rm -rf'; the line is ignored",
        "/home/p/.config/motus/settings.ini:10: warning: 'volume' takes a whole number from 0 to "
        "100, not '99999999999999999999'; the line is ignored",
    };
    CHECK(messages(parsed) == expected);
}

TEST_CASE("unknown keys, lines without '=', sections and invalid UTF-8 are warned about",
          "[core][settings]") {
    const auto parsed = core::parseSettings("colour=blue\n"
                                            "volume 30\n"
                                            "[motus]\n"
                                            "volume=\xC3\x28\n"
                                            "tones=off\n"
                                            "\xEF\xBB\xBFvoice=off\n",
                                            "s.ini");
    CHECK(parsed.settings.sound.volume == 80);
    CHECK_FALSE(parsed.settings.sound.tones);
    const std::vector<std::string> expected{
        "s.ini:1: warning: unknown setting 'colour'; the line is ignored",
        "s.ini:2: warning: expected key=value, got 'volume 30'; the line is ignored",
        "s.ini:3: warning: sections are not used in the settings file; the line is ignored",
        "s.ini:4: warning: the line is not valid UTF-8; it is ignored",
        "s.ini:6: warning: unknown setting '\xEF\xBB\xBFvoice'; the line is ignored",
    };
    CHECK(messages(parsed) == expected);
}

TEST_CASE("a byte order mark on the first line is skipped", "[core][settings]") {
    const auto parsed = core::parseSettings("\xEF\xBB\xBFvolume=20\n", "s.ini");
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.settings.sound.volume == 20);
}

TEST_CASE("a key given twice: the last one counts, with a warning", "[core][settings]") {
    const auto parsed = core::parseSettings("volume=20\nvolume=30\nvolume=200\n", "s.ini");
    CHECK(parsed.settings.sound.volume == 30);
    const std::vector<std::string> expected{
        "s.ini:2: warning: 'volume' is set again (also on line 1); the last one counts",
        "s.ini:3: warning: 'volume' is set again (also on line 2); the last one counts",
        "s.ini:3: warning: 'volume' takes a whole number from 0 to 100, not '200'; the line is "
        "ignored",
    };
    CHECK(messages(parsed) == expected);
}

TEST_CASE("settings written are read back equal, without a warning", "[core][settings]") {
    core::Settings s;
    SECTION("defaults") {}
    SECTION("everything changed") {
        s.language = "pt_BR.UTF-8@latin";
        s.textSize = 200;
        s.highContrast = true;
        s.reducedMotion = true;
        s.sound = {false, 50, false, 0};
        s.getReadySeconds = 30;
        s.switchSidesSeconds = 5;
        s.reminders = {true, 0b1000001, 23 * 60 + 59};
        s.welcomeSeen = true;
    }
    SECTION("every day at midnight") {
        s.reminders = {true, core::kAllWeekdays, 0};
    }
    const auto text = core::writeSettings(s);
    const auto parsed = core::parseSettings(text, "s.ini");
    CHECK(messages(parsed).empty());
    CHECK(parsed.settings == s);
}

TEST_CASE("the written text is what a person can read and edit", "[core][settings]") {
    core::Settings s;
    s.reminders.days = 0b0010101;
    const auto text = core::writeSettings(s);
    CHECK(text.find("\nvolume=80\n") != std::string::npos);
    CHECK(text.find("\nreminder-days=mon,wed,fri\n") != std::string::npos);
    CHECK(text.find("\nreminder-time=18:00\n") != std::string::npos);
    CHECK(text.find("\nlanguage=\n") != std::string::npos);
    CHECK(core::weekdayNames(0) == "program");
}

TEST_CASE("weekdays and clock times", "[core][settings]") {
    core::WeekdaySet days = 99;
    CHECK(core::parseWeekdays("sun", days));
    CHECK(days == 0b1000000);
    CHECK(core::parseWeekdays("program", days));
    CHECK(days == 0);
    CHECK_FALSE(core::parseWeekdays("mon,", days));
    CHECK_FALSE(core::parseWeekdays("monday", days));
    CHECK_FALSE(core::parseWeekdays("mon;tue", days));
    int minute = -1;
    CHECK(core::parseClock("00:00", minute));
    CHECK(minute == 0);
    CHECK(core::parseClock("23:59", minute));
    CHECK(minute == 1439);
    CHECK_FALSE(core::parseClock("12:60", minute));
    CHECK_FALSE(core::parseClock("123:00", minute));
    CHECK_FALSE(core::parseClock("12:5", minute));
    CHECK_FALSE(core::parseClock("-1:00", minute));
    CHECK_FALSE(core::parseClock("1 :00", minute));
    CHECK(core::clockText(7 * 60 + 5) == "07:05");
}
