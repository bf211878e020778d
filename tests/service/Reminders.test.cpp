// Reminders in the application layer: the schedule of a real program as an iCalendar file (read
// back with a strict RFC 5545 reader), the day a reminder looks at, the mark of the last
// reminder and the systemd user units, in temporary folders.
#include "storage/Support.hpp"
#include "support/Ics.hpp"

#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/Reminders.hpp"

#include "support/ScopedEnv.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace motus;
using namespace motus::storage::test;
using core::Date;

using motus::test::ScopedEnv;

namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

const fs::path kLibrary = fs::path(MOTUS_SOURCE_DIR) / "exercises";

struct Patient {
    Date today = day(2026, 11, 2); // a Monday
    std::unique_ptr<service::Practice> practice;
    Patient() {
        practice = std::make_unique<service::Practice>(
            service::PracticeOptions{kLibrary, {}, std::make_unique<core::MemoryJournal>(), [this] {
                                         return core::stampOn(today);
                                     }});
    }
    service::Practice* operator->() { return practice.get(); }
};

// The bundled low back program (three phases of two weeks, daily) with its second phase three
// days a week.
fs::path threeDaysInPhaseTwo(const TempDir& dir) {
    std::ifstream in(kLibrary / "programs" / "low-back-motor-control.xml");
    std::stringstream text;
    text << in.rdbuf();
    std::string xml = text.str();
    const std::string daily = "name=\"Control\" weeks=\"2\" per-week=\"7\"";
    const auto at = xml.find(daily);
    REQUIRE(at != std::string::npos);
    xml.replace(at, daily.size(), "name=\"Control\" weeks=\"2\" per-week=\"3\"");
    const auto file = dir / "program.xml";
    writeBytes(file, xml);
    return file;
}

} // namespace

TEST_CASE("the schedule follows each phase's frequency until the program ends",
          "[service][reminders][ics]") {
    TempDir dir;
    Patient p;
    (void)p->assign(threeDaysInPhaseTwo(dir), p.today, false);
    const auto view = p->todayView();
    core::ReminderSettings settings; // days: the program's; 18:00
    const auto text = service::reminderCalendar(*p.practice, settings);
    INFO(text);
    const auto file = test::parseIcs(text);
    CHECK(file.problems.empty());
    CHECK(test::icsRequiredProblems(file).empty());
    REQUIRE(file.components.size() == 1);
    const auto events = file.components[0].all("VEVENT");
    REQUIRE(events.size() == 3);
    CHECK(events[0]->value("DTSTART") == "20261102T180000");
    CHECK(events[0]->value("RRULE") ==
          "FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=20261115T235959");
    CHECK(events[1]->value("DTSTART") == "20261116T180000");
    CHECK(events[1]->value("RRULE") == "FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;UNTIL=20261129T235959");
    CHECK(events[2]->value("DTSTART") == "20261130T180000");
    CHECK(events[2]->value("RRULE") ==
          "FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=20261213T235959");
    CHECK(events[0]->value("DURATION") ==
          "PT" + std::to_string((view.sessionSeconds + 59) / 60) + "M");
    CHECK(events[0]->value("UID") != events[1]->value("UID"));
    const auto description = test::icsUnescape(events[0]->value("DESCRIPTION"));
    CHECK(description.find(service::routineNames(view)) != std::string::npos);
    CHECK(description.find("Activation") != std::string::npos);

    SECTION("chosen days hold in every phase; a later day starts later") {
        settings.days = 0b0001010; // Tuesday, Thursday
        settings.minute = 7 * 60 + 15;
        p.today = day(2026, 11, 20); // in phase two
        const auto again = test::parseIcs(service::reminderCalendar(*p.practice, settings));
        CHECK(again.problems.empty());
        const auto later = again.components.at(0).all("VEVENT");
        REQUIRE(later.size() == 2);
        CHECK(later[0]->value("DTSTART") == "20261124T071500");
        CHECK(later[0]->value("RRULE") == "FREQ=WEEKLY;WKST=MO;BYDAY=TU,TH;UNTIL=20261129T235959");
        CHECK(later[1]->value("DTSTART") == "20261201T071500");
    }
    SECTION("after the end there is nothing to export") {
        p.today = day(2026, 12, 14);
        CHECK_THROWS_AS(service::reminderCalendar(*p.practice, settings), service::Refused);
    }
}

TEST_CASE("no schedule without a program, nor while it is stopped", "[service][reminders]") {
    Patient p;
    CHECK_THROWS_WITH(service::reminderCalendar(*p.practice, {}),
                      "No program is assigned, so there is nothing to remind you of.");
    (void)p->assign(kLibrary / "programs" / "low-back-motor-control.xml", p.today, false);
    core::CheckIn warning;
    warning.at = core::stampOn(p.today);
    warning.redFlags = {core::RedFlag::SaddleNumbness};
    (void)p->checkIn(warning);
    CHECK_THROWS_AS(service::reminderCalendar(*p.practice, {}), service::Refused);
    const auto day = service::reminderDay(p->todayView());
    CHECK(day.stopped);
    core::ReminderSettings settings;
    settings.enabled = true;
    CHECK(core::shouldNotify({p.today, 20 * 60}, settings, day, std::nullopt) ==
          core::ReminderVerdict::Stopped);
}

TEST_CASE("the day a reminder looks at: due, then done", "[service][reminders]") {
    Patient p;
    (void)p->assign(kLibrary / "programs" / "neck-upper-back.xml", p.today, false);
    auto today = service::reminderDay(p->todayView());
    CHECK(today.hasProgram);
    CHECK(today.routineDue);
    CHECK_FALSE(today.dayComplete);
    CHECK(today.perWeek == 5);
    core::ReminderSettings settings;
    settings.enabled = true;
    CHECK(core::shouldNotify({p.today, 18 * 60}, settings, today, std::nullopt) ==
          core::ReminderVerdict::Notify);
    for (const auto& item : p->todayView().items) {
        service::LogRequest r;
        r.exercise = item.prescription.exercise;
        r.pain = 1;
        r.effort = 3;
        (void)p->log(r);
    }
    today = service::reminderDay(p->todayView());
    CHECK(today.dayComplete);
    CHECK(core::shouldNotify({p.today, 18 * 60}, settings, today, std::nullopt) ==
          core::ReminderVerdict::Done);
}

TEST_CASE("the local clock of a stamp", "[service][reminders]") {
    core::Stamp stamp{day(2026, 12, 7), "2026-12-07T17:30:00Z", 60};
    auto moment = service::localMoment(stamp);
    CHECK(moment.date == day(2026, 12, 7));
    CHECK(moment.minute == 18 * 60 + 30);
    stamp = {day(2026, 12, 6), "2026-12-07T02:10:00Z", -300}; // New York, the evening before
    CHECK(service::localMoment(stamp).minute == 21 * 60 + 10);
    stamp = {day(2026, 12, 8), "2026-12-07T23:50:00Z", 60};
    CHECK(service::localMoment(stamp).minute == 50);
}

TEST_CASE("the mark of the last reminder is private and read back", "[service][reminders]") {
    TempDir dir;
    const auto mark = dir / "state" / "motus" / "last-reminder";
    CHECK_FALSE(service::lastReminded(mark).has_value());
    service::markReminded(mark, day(2026, 12, 7));
    CHECK(service::lastReminded(mark) == day(2026, 12, 7));
    CHECK(permissions(mark) == 0600u);
    CHECK(permissions(mark.parent_path()) == 0700u);
    writeBytes(mark, "garbage\n");
    CHECK_FALSE(service::lastReminded(mark).has_value());
    const ScopedEnv state("XDG_STATE_HOME", "/tmp/xdg-state");
    CHECK(service::reminderMarkPath() == fs::path("/tmp/xdg-state/motus/last-reminder"));
}

TEST_CASE("the systemd user units: written, quoted, removed", "[service][reminders][timer]") {
    TempDir dir;
    const ScopedEnv config("XDG_CONFIG_HOME", (dir / "config").string());
    const auto files = service::ReminderTimer::locate();
    CHECK(files.timer == dir / "config" / "systemd" / "user" / "motus-reminder.timer");
    CHECK_FALSE(files.installed());

    core::ReminderSettings settings;
    settings.enabled = true;
    settings.minute = 18 * 60 + 5;
    CHECK(service::reminderTimerUnit(settings).find("\nOnCalendar=*-*-* 18:05:00\n") !=
          std::string::npos); // the program's days: every day, the check decides
    settings.days = 0b0010101;
    const auto timer = service::reminderTimerUnit(settings);
    CHECK(timer.find("\nOnCalendar=Mon,Wed,Fri *-*-* 18:05:00\n") != std::string::npos);
    CHECK(timer.find("\nPersistent=false\n") != std::string::npos);
    CHECK(timer.find("\nWantedBy=timers.target\n") != std::string::npos);
    const auto unit = service::reminderServiceUnit(
        {"/opt/my motus/motus", "reminders", "check", "--db", "/home/a \"b\"/100%/$HOME\\x.db"});
    CHECK(unit.find("\nExecStart=\"/opt/my motus/motus\" \"reminders\" \"check\" \"--db\" "
                    "\"/home/a \\\"b\\\"/100%%/$$HOME\\\\x.db\"\n") != std::string::npos);
    CHECK_THROWS_AS(service::reminderServiceUnit({"/bin/motus", "a\nb"}), service::Refused);

    service::installReminderTimer(files, settings, {"/usr/bin/motus", "reminders", "check"});
    CHECK(files.installed());
    CHECK(permissions(files.timer) == 0600u);
    CHECK(readBytes(files.timer) == timer);
    // What `systemctl --user enable` links is removed too.
    const auto wants = files.timer.parent_path() / "timers.target.wants";
    fs::create_directories(wants);
    fs::create_symlink(files.timer, wants / "motus-reminder.timer");
    CHECK(service::removeReminderTimer(files));
    CHECK_FALSE(fs::exists(files.timer));
    CHECK_FALSE(fs::exists(files.service));
    CHECK_FALSE(fs::is_symlink(wants / "motus-reminder.timer"));
    CHECK_FALSE(service::removeReminderTimer(files));

    // A unit of the same name that Motus did not write stays.
    writeBytes(files.timer, "[Timer]\nOnCalendar=daily\n");
    CHECK_FALSE(files.installed());
    CHECK_FALSE(service::removeReminderTimer(files));
    CHECK(fs::exists(files.timer));
}

TEST_CASE("programs are found in PATH and run without a shell", "[service][reminders]") {
    TempDir dir;
    const auto script = dir / "record";
    const auto out = dir / "args.txt";
    writeBytes(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s|' \"$a\"; done > \"" +
                           out.string() + "\"\nexit 3\n");
    fs::permissions(script, fs::perms::owner_all);
    const ScopedEnv path("PATH", "/nonexistent:" + dir.path().string());
    const auto found = service::findProgram("record");
    REQUIRE(found.has_value());
    CHECK(*found == script);
    CHECK_FALSE(service::findProgram("motus-no-such-program").has_value());
    CHECK(service::runProgram(*found, {"a b", "$(touch x); c", "--"}, true) == 3);
    CHECK(readBytes(out) == "a b|$(touch x); c|--|");
    CHECK_FALSE(fs::exists(dir / "x"));
}
