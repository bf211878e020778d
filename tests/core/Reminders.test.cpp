// Reminders: the decision to remind on an injected clock, and the iCalendar text read back with
// a strict RFC 5545 reader.
#include "core/Reminders.hpp"
#include "support/Ics.hpp"

#include <catch2/catch.hpp>

using namespace motus;
using core::Date;
using core::ReminderVerdict;

namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

// 2026-12-07 is a Monday.
const Date kMonday = day(2026, 12, 7);
const Date kTuesday = day(2026, 12, 8);

core::ReminderDay running() {
    core::ReminderDay d;
    d.hasProgram = true;
    d.routineDue = true;
    d.perWeek = 3; // Monday, Wednesday, Friday
    return d;
}

core::ReminderSettings on(int minute = 18 * 60) {
    core::ReminderSettings s;
    s.enabled = true;
    s.minute = minute;
    return s;
}

// Unescaped ';' or ',' in a TEXT value.
bool hasBareSeparator(const std::string& value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\') {
            ++i;
        } else if (value[i] == ';' || value[i] == ',') {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("weekdays and the days of a frequency", "[core][reminders]") {
    CHECK(core::weekdayIndex(kMonday) == 0);
    CHECK(core::weekdayIndex(day(2026, 12, 13)) == 6);
    CHECK(core::weekdayNames(core::daysForFrequency(3)) == "mon,wed,fri");
    CHECK(core::weekdayNames(core::daysForFrequency(4)) == "mon,tue,thu,fri");
    CHECK(core::weekdayNames(core::daysForFrequency(5)) == "mon,tue,wed,thu,fri");
    CHECK(core::weekdayNames(core::daysForFrequency(6)) == "mon,tue,wed,thu,fri,sat");
    CHECK(core::daysForFrequency(7) == core::kAllWeekdays);
    core::ReminderSettings chosen;
    chosen.days = 0b1000000;
    CHECK(core::reminderDays(chosen, 3) == 0b1000000);
    CHECK(core::reminderDays(core::ReminderSettings{}, 5) == 0b0011111);
}

TEST_CASE("the reminder decision on an injected clock", "[core][reminders]") {
    auto today = running();
    auto settings = on(18 * 60);
    const core::LocalMoment evening{kMonday, 18 * 60 + 5};
    std::optional<Date> last;

    SECTION("a reminder day, after the time, routine not done: remind") {
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::Notify);
        CHECK(core::shouldNotify({kMonday, 18 * 60}, settings, today, last) ==
              ReminderVerdict::Notify); // at the minute itself
        CHECK(core::shouldNotify({kMonday, 23 * 60 + 59}, settings, today, last) ==
              ReminderVerdict::Notify);
    }
    SECTION("reminders off") {
        settings.enabled = false;
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::Off);
    }
    SECTION("not a reminder day of the program's frequency") {
        CHECK(core::shouldNotify({kTuesday, 19 * 60}, settings, today, last) ==
              ReminderVerdict::NotAReminderDay);
    }
    SECTION("chosen days win over the program's") {
        settings.days = 0b0000010; // Tuesday
        CHECK(core::shouldNotify({kTuesday, 19 * 60}, settings, today, last) ==
              ReminderVerdict::Notify);
        CHECK(core::shouldNotify(evening, settings, today, last) ==
              ReminderVerdict::NotAReminderDay);
    }
    SECTION("before the time") {
        CHECK(core::shouldNotify({kMonday, 18 * 60 - 1}, settings, today, last) ==
              ReminderVerdict::TooEarly);
        CHECK(core::shouldNotify({kMonday, 0}, settings, today, last) == ReminderVerdict::TooEarly);
    }
    SECTION("today's routine is done") {
        today.dayComplete = true;
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::Done);
    }
    SECTION("nothing due") {
        today.routineDue = false;
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::NothingDue);
    }
    SECTION("already reminded today, but not yesterday's reminder") {
        last = kMonday;
        CHECK(core::shouldNotify(evening, settings, today, last) ==
              ReminderVerdict::AlreadyReminded);
        last = day(2026, 12, 4);
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::Notify);
    }
    SECTION("a stopped program never nags") {
        today.stopped = true;
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::Stopped);
    }
    SECTION("no program, or one that starts later") {
        today.notStarted = true;
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::NoProgram);
        today.notStarted = false;
        today.hasProgram = false;
        CHECK(core::shouldNotify(evening, settings, today, last) == ReminderVerdict::NoProgram);
    }
}

TEST_CASE("TEXT escaping and folding", "[core][reminders][ics]") {
    CHECK(core::escapeCalendarText("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf");
    const std::string ascii(200, 'x');
    const auto folded = core::foldCalendarLine(ascii);
    CHECK(folded.substr(0, 75) == std::string(75, 'x'));
    CHECK(folded.substr(75, 3) == "\r\n ");
    // 2-byte characters after one ASCII byte: never split, each physical line <= 75 octets.
    std::string umlauts = "D";
    for (int i = 0; i < 100; ++i) {
        umlauts += "\xC3\xBC"; // ü
    }
    const auto foldedUmlauts = core::foldCalendarLine(umlauts);
    std::size_t start = 0;
    std::string unfolded;
    bool first = true;
    while (start <= foldedUmlauts.size()) {
        const auto end = foldedUmlauts.find("\r\n", start);
        const auto piece =
            foldedUmlauts.substr(start, end == std::string::npos ? end : end - start);
        CHECK(piece.size() <= 75);
        CHECK(test::icsValidUtf8(piece));
        unfolded += first ? piece : piece.substr(1);
        first = false;
        if (end == std::string::npos) {
            break;
        }
        start = end + 2;
    }
    CHECK(unfolded == umlauts);
}

TEST_CASE("a calendar file has what RFC 5545 requires, and reads back", "[core][reminders][ics]") {
    core::CalendarEvent first;
    first.uid = "motus-reminder-low-back-20261207-phase-1@motus.invalid";
    first.first = kMonday;
    first.until = day(2026, 12, 20);
    first.minute = 18 * 60 + 30;
    first.durationMinutes = 23;
    first.days = 0b0010101;
    first.summary = "Übungen: Rücken; Kräftigung, Woche 1";
    first.description = "Low back, phase 1 (Activation): Bird dog, Dead bug, Glute bridge, "
                        "Pelvic tilt, Side plank on knees, Clamshell — "
                        "a long line with \\ backslashes\nand a new line";
    first.alarm = "Time for your exercises: Bird dog, Dead bug";
    core::CalendarEvent second = first;
    second.uid = "motus-reminder-low-back-20261207-phase-2@motus.invalid";
    second.first = day(2026, 12, 21);
    second.until = day(2027, 1, 3);
    second.days = core::kAllWeekdays;

    const auto text = core::writeCalendar({first, second}, "2026-12-01T14:08:23Z");
    const auto file = test::parseIcs(text);
    INFO(text);
    CHECK(file.problems.empty());
    for (const auto& problem : file.problems) {
        UNSCOPED_INFO(problem);
    }
    CHECK(test::icsRequiredProblems(file).empty());
    CHECK(file.foldedLines > 0); // the long description was folded
    REQUIRE(file.components.size() == 1);
    const auto& calendar = file.components[0];
    CHECK(calendar.value("CALSCALE") == "GREGORIAN");
    CHECK(calendar.value("PRODID") == "-//Motus//Motus reminders//EN");
    const auto events = calendar.all("VEVENT");
    REQUIRE(events.size() == 2);
    const auto& e = *events[0];
    CHECK(e.value("UID") == first.uid);
    CHECK(e.value("DTSTAMP") == "20261201T140823Z");
    CHECK(e.value("DTSTART") == "20261207T183000");
    CHECK(e.value("DURATION") == "PT23M");
    CHECK(e.value("RRULE") == "FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;UNTIL=20261220T235959");
    CHECK(events[1]->value("RRULE") ==
          "FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=20270103T235959");
    CHECK(events[1]->value("DTSTART") == "20261221T183000");
    for (const auto* event : events) {
        for (const char* property : {"SUMMARY", "DESCRIPTION"}) {
            CHECK_FALSE(hasBareSeparator(event->value(property)));
        }
    }
    CHECK(test::icsUnescape(e.value("SUMMARY")) == first.summary);
    CHECK(test::icsUnescape(e.value("DESCRIPTION")) == first.description);
    const auto alarms = e.all("VALARM");
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0]->value("ACTION") == "DISPLAY");
    CHECK(alarms[0]->value("TRIGGER") == "PT0M");
    CHECK(test::icsUnescape(alarms[0]->value("DESCRIPTION")) == first.alarm);
}
