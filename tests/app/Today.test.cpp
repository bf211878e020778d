// The patient's day in the window: this morning's pain, today's routine started, each set
// stored as it finishes, pain and effort afterwards. On an in-memory journal.
#include "app/Audio.hpp"
#include "app/ExerciseScreen.hpp"
#include "app/FeedbackScreen.hpp"
#include "app/HistoryScreen.hpp"
#include "app/LayoutAudit.hpp"
#include "app/PlayerScreen.hpp"
#include "app/ProgramsScreen.hpp"
#include "app/SafetyScreen.hpp"
#include "app/TodayScreen.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/Practice.hpp"
#include "support/FailingJournal.hpp"

#include "Events.hpp"
#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

using namespace motus;

using motus::test::clickAt;
using motus::test::drawn;
using motus::test::press;

namespace {

struct Day {
    core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    core::MemoryJournal* journal = nullptr;
    std::unique_ptr<service::Practice> practice;
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    std::vector<service::ItemView> started;

    Day() {
        auto memory = std::make_unique<core::MemoryJournal>();
        journal = memory.get();
        const auto library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
        practice = std::make_unique<service::Practice>(service::PracticeOptions{
            library, {}, std::move(memory), [this] { return core::stampOn(date); }});
        const core::Date start{std::chrono::year(2026), std::chrono::November, std::chrono::day(9)};
        (void)practice->assign(library / "programs" / "low-back-motor-control.xml", start, false);
    }
    [[nodiscard]] std::optional<core::Prescription> prescription(const std::string& id) const {
        for (const auto& p : journal->prescriptions()) {
            if (p.exercise == id) {
                return p;
            }
        }
        return std::nullopt;
    }
};

} // namespace

TEST_CASE("today: morning pain chosen, then saved with Enter; the routine started with Enter",
          "[app][today]") {
    Day day;
    bool history = false;
    app::TodayScreen screen(
        *day.practice, day.fonts, "en",
        {[&](const std::vector<service::ItemView>& items) { day.started = items; },
         [] {},
         [&] { history = true; },
         {}});
    screen.resize({1280.f, 800.f});
    press(screen, sf::Keyboard::H);
    CHECK(history);
    REQUIRE(screen.askingMorningPain());
    // A stray digit only chooses: nothing is stored (it would change doses) until Enter.
    press(screen, sf::Keyboard::Num8);
    CHECK(screen.pendingMorningPain() == 8);
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    press(screen, sf::Keyboard::Escape);
    CHECK_FALSE(screen.pendingMorningPain());
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    CHECK(day.started.empty()); // Enter saved nothing and started nothing while choosing
    press(screen, sf::Keyboard::Numpad4);
    press(screen, sf::Keyboard::Left);
    CHECK(screen.pendingMorningPain() == 3);
    CHECK(day.started.empty());
    press(screen, sf::Keyboard::Enter);
    CHECK(day.started.empty()); // Enter saved the pain; it did not start the routine
    CHECK_FALSE(screen.askingMorningPain());
    const auto checkIns = day.journal->checkIns(day.date, day.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].morningPain == 3);
    press(screen, sf::Keyboard::Enter);
    REQUIRE(day.started.size() == screen.view().items.size());
    CHECK(day.started.front().prescription.exercise ==
          screen.view().items.front().prescription.exercise);

    // Sets logged by the player show as done; the routine to start shrinks.
    const auto first = screen.view().items.front(); // a copy: refresh() replaces the view
    service::LogRequest log;
    log.exercise = first.prescription.exercise;
    (void)day.practice->log(log);
    screen.refresh();
    CHECK(screen.view().items.front().doneSets == first.prescription.dose.sets);
    press(screen, sf::Keyboard::Enter);
    CHECK(day.started.size() == screen.view().items.size() - 1);

    const auto image = drawn(screen);
    std::size_t accent = 0;
    for (unsigned y = 600; y < 780; ++y) {
        for (unsigned x = 40; x < 620; ++x) {
            accent += image.getPixel(x, y) == app::colour::accent;
        }
    }
    CHECK(accent > 5000); // the start button
}

TEST_CASE("feedback after a session: per exercise; pain 7 regresses at once, legs worse stop it",
          "[app][today]") {
    Day day;
    const auto before = day.prescription("mcgill-curl-up");
    REQUIRE(before);
    const auto* curlUp = day.practice->library().find("mcgill-curl-up");
    const auto* birdDog = day.practice->library().find("bird-dog-arm");
    REQUIRE(curlUp);
    REQUIRE(birdDog);
    std::string outcome;
    app::FeedbackScreen feedback(*day.practice, day.fonts, "en", {curlUp, birdDog}, day.date,
                                 [&](const std::string& text) { outcome = text; });
    feedback.resize({1280.f, 800.f});
    CHECK(feedback.asksLegs(0)); // low-back exercises ask about the legs, with no answer yet
    CHECK_FALSE(feedback.answers()[0].leg);
    press(feedback, sf::Keyboard::Num7); // pain of the first exercise
    press(feedback, sf::Keyboard::Num5); // its effort
    press(feedback, sf::Keyboard::Num2); // legs: the same
    CHECK(feedback.answers()[0].pain == 7);
    CHECK(feedback.answers()[0].effort == 5);
    CHECK(feedback.answers()[0].leg == core::LegChange::Same);
    press(feedback, sf::Keyboard::A); // the same for all
    CHECK(feedback.answers()[1].pain == 7);
    feedback.choose(1, app::FeedbackScreen::Field::Pain, 2);
    feedback.choose(1, app::FeedbackScreen::Field::Leg, 2); // spread further down
    press(feedback, sf::Keyboard::Enter);
    const auto after = day.prescription("mcgill-curl-up");
    REQUIRE(after);
    CHECK(after->dose.sets * after->dose.reps < before->dose.sets * before->dose.reps);
    CHECK(day.prescription("bird-dog-arm")->stopped);
    CHECK(outcome.find("leg") != std::string::npos);
    const auto stored = day.journal->feedback(day.date, day.date);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].pain == 7);
    CHECK(stored[0].effort == 5);
    CHECK(stored[1].pain == 2);
    CHECK(stored[1].leg == core::LegChange::Worse);

    // Both changes are in the history, newest first, with their reasons and figures.
    bool back = false;
    app::HistoryScreen history(day.practice->history(), day.practice->library(),
                               day.practice->program(), day.fonts, "en", [&] { back = true; });
    history.resize({1280.f, 800.f});
    CHECK(history.contentHeight() > 200.f);
    const auto image = drawn(history);
    std::size_t text = 0;
    for (unsigned y = 120; y < 400; ++y) {
        for (unsigned x = 40; x < 900; ++x) {
            text += image.getPixel(x, y) == app::colour::text;
        }
    }
    CHECK(text > 300);
    press(history, sf::Keyboard::Escape);
    CHECK(back);
    // The mouse has its way back too: the Back button at the top left.
    back = false;
    clickAt(history, 60.f, 300.f); // in the list: nothing
    CHECK_FALSE(back);
    clickAt(history, app::kBackButton.left + 20.f, app::kBackButton.top + 20.f);
    CHECK(back);
}

TEST_CASE("programs: the bundled ones listed, chosen with the keys, started", "[app][today]") {
    Day day;
    std::vector<app::ProgramsScreen::Entry> entries;
    for (const auto& file : day.practice->bundledProgramFiles()) {
        auto parsed = content::loadProgramFile(file, day.practice->library());
        REQUIRE(parsed.program);
        entries.push_back({*parsed.program, file});
    }
    REQUIRE(entries.size() >= 3);
    std::string started;
    bool back = false;
    app::ProgramsScreen screen(
        entries, day.fonts, "en",
        [&](const app::ProgramsScreen::Entry& entry) { started = entry.program.id; },
        [&] { back = true; });
    screen.resize({1280.f, 800.f});
    press(screen, sf::Keyboard::Down);
    press(screen, sf::Keyboard::Enter);
    CHECK(started == entries[1].program.id);
    press(screen, sf::Keyboard::Escape);
    CHECK(back);
    back = false;
    clickAt(screen, app::kBackButton.left + 20.f, app::kBackButton.top + 20.f);
    CHECK(back);
    CHECK(started == entries[1].program.id); // the click started nothing
    const auto image = drawn(screen);
    // The second card is selected: its accent outline, drawn just outside its top edge.
    auto accentOnRow = [&](float top) {
        const auto y = static_cast<unsigned>(top - 2.f);
        std::size_t count = 0;
        for (unsigned x = 28; x < 1250; ++x) {
            count += image.getPixel(x, y) == app::colour::accent;
        }
        return count;
    };
    CHECK(accentOnRow(screen.cardRect(1).top) > 1000);
    CHECK(accentOnRow(screen.cardRect(0).top) < 100); // the first card is not selected
}

TEST_CASE("feedback that cannot be saved says so, keeps the answers, and saves once later",
          "[app][today]") {
    auto memory = std::make_shared<core::MemoryJournal>(); // outlives the practice below
    auto failing = std::make_unique<test::FailingJournal>(*memory);
    auto* disk = failing.get();
    const auto library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    const core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    service::Practice practice(service::PracticeOptions{
        library, {}, std::move(failing), [&] { return core::stampOn(date); }});
    (void)practice.assign(library / "programs" / "low-back-motor-control.xml", date, false);
    const auto fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    const auto* curlUp = practice.library().find("mcgill-curl-up");
    const auto* birdDog = practice.library().find("bird-dog-arm");
    int done = 0;
    app::FeedbackScreen screen(practice, fonts, "en", {curlUp, birdDog}, date,
                               [&](const std::string&) { ++done; });
    screen.resize({1280.f, 800.f});
    screen.choose(0, app::FeedbackScreen::Field::Pain, 2);
    screen.choose(1, app::FeedbackScreen::Field::Pain, 3);
    disk->failAfter(2); // the first answer is stored, the second is not
    screen.save();
    CHECK(done == 0);
    CHECK(screen.error().find("disk full") != std::string::npos);
    CHECK(screen.answers()[1].pain == 3); // kept
    REQUIRE(memory->feedback(date, date).size() == 1);
    screen.save(); // the disk is back
    CHECK(done == 1);
    const auto stored = memory->feedback(date, date);
    REQUIRE(stored.size() == 2); // each answer once
    CHECK(stored[0].exercise == "mcgill-curl-up");
    CHECK(stored[1].pain == 3);
}

TEST_CASE("today: morning pain by mouse is confirmed before it is stored", "[app][today]") {
    Day day;
    app::TodayScreen screen(*day.practice, day.fonts, "en", {[](const auto&) {}, [] {}, [] {}, {}});
    screen.resize({1280.f, 800.f});
    REQUIRE(screen.askingMorningPain());
    clickAt(screen, 28.f + 6 * 66.f + 20.f, 150.f); // the button "6"
    CHECK(screen.pendingMorningPain() == 6);
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    // Save sits right after the last pain button: 28 + 11 * 66 - 8 + 24.
    clickAt(screen, 28.f + 11 * 66.f + 16.f + 40.f, 150.f);
    const auto checkIns = day.journal->checkIns(day.date, day.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].morningPain == 6);
}

TEST_CASE("a warning sign reported from Today stops the program and says what to do",
          "[app][today][safety]") {
    Day day;
    bool worrying = false;
    app::TodayScreen today(*day.practice, day.fonts, "en",
                           {[](const auto&) {}, [] {}, [] {}, [&] { worrying = true; }});
    today.resize({1280.f, 800.f});
    press(today, sf::Keyboard::W);
    CHECK(worrying);
    worrying = false;
    clickAt(today, 1280.f - 28.f - 100.f, 40.f); // the button at the top right
    CHECK(worrying);

    bool done = false;
    app::SafetyScreen safety(*day.practice, day.fonts, [&] { done = true; });
    safety.resize({1280.f, 800.f});
    // Nothing is ticked at first, and Enter reports nothing then.
    for (std::size_t i = 0; i < app::SafetyScreen::kSigns.size(); ++i) {
        CHECK_FALSE(safety.ticked(i));
    }
    press(safety, sf::Keyboard::Enter);
    CHECK_FALSE(safety.reported());
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    // 2 ticks the second sign; the mouse ticks and unticks the fifth.
    press(safety, sf::Keyboard::Num2);
    clickAt(safety, 200.f, 150.f + 4 * 74.f + 30.f);
    CHECK(safety.ticked(4));
    clickAt(safety, 200.f, 150.f + 4 * 74.f + 30.f);
    CHECK_FALSE(safety.ticked(4));
    press(safety, sf::Keyboard::Enter);
    CHECK(safety.reported());
    CHECK(safety.failure().empty());
    const auto checkIns = day.journal->checkIns(day.date, day.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].redFlags == std::vector<core::RedFlag>{core::RedFlag::BladderBowel});
    CHECK(day.practice->state() == service::ProgramState::Stopped);
    CHECK_FALSE(day.practice->flags().empty());
    // The advice is shown until the patient goes back.
    (void)drawn(safety);
    CHECK_FALSE(done);
    press(safety, sf::Keyboard::Enter);
    CHECK(done);
    // Today no longer celebrates or offers the routine.
    today.refresh();
    CHECK(today.view().state == service::ProgramState::Stopped);
    CHECK_FALSE(today.askingMorningPain());
}

TEST_CASE("the warning-sign screen is left by Esc or its Back button without storing anything",
          "[app][safety]") {
    Day day;
    int done = 0;
    app::SafetyScreen safety(*day.practice, day.fonts, [&] { ++done; });
    safety.resize({1280.f, 800.f});
    press(safety, sf::Keyboard::Num1);
    press(safety, sf::Keyboard::Escape);
    clickAt(safety, app::kBackButton.left + 20.f, app::kBackButton.top + 20.f);
    CHECK(done == 2);
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    CHECK(day.practice->state() == service::ProgramState::Active);
}

TEST_CASE("today: the handout and the report are written into the documents folder",
          "[app][today][document]") {
    Day day;
    const auto folder = std::filesystem::temp_directory_path() / "motus-today-documents";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    ::setenv("XDG_DOCUMENTS_DIR", folder.c_str(), 1);
    app::TodayScreen screen(*day.practice, day.fonts, "en", {});
    screen.resize({1280.f, 800.f});
    press(screen, sf::Keyboard::P);
    const auto handout = folder / "motus-handout-2026-11-10.html";
    REQUIRE(std::filesystem::exists(handout));
    CHECK(screen.message().find(handout.string()) != std::string::npos);
    press(screen, sf::Keyboard::R);
    const auto report = folder / "motus-report-2026-11-10.html";
    REQUIRE(std::filesystem::exists(report));
    CHECK(screen.message().find("Report saved") != std::string::npos);
    for (const auto& file : {handout, report}) {
        std::ifstream in(file);
        std::string first;
        std::getline(in, first);
        CHECK(first == "<!DOCTYPE html>");
        CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
              (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    }
    // A folder that cannot take the file: the screen says so and writes nothing.
    std::filesystem::remove_all(folder);
    const char* home = std::getenv("HOME");
    const std::string savedHome = home != nullptr ? home : "";
    ::setenv("XDG_DOCUMENTS_DIR", (folder / "none").c_str(), 1);
    ::setenv("HOME", (folder / "nohome").c_str(), 1);
    CHECK_FALSE(screen.writeReport().has_value());
    CHECK(screen.message().find("could not be written") != std::string::npos);
    ::unsetenv("XDG_DOCUMENTS_DIR");
    ::setenv("HOME", savedHome.c_str(), 1);
    (void)drawn(screen);
}

TEST_CASE("today: the day in words, the session's length and honest adherence in the first days",
          "[app][today]") {
    Day day;
    day.date = {std::chrono::year(2026), std::chrono::November, std::chrono::day(9)}; // the start
    app::TodayScreen screen(*day.practice, day.fonts, "en", {});
    screen.resize({1280.f, 800.f});
    CHECK(screen.titleText() == "Monday, 9 November 2026");
    const int weeks = screen.view().program->totalWeeks();
    REQUIRE(weeks == 6);
    CHECK(screen.routineHeading() == "Your routine · week 1 of 6 · Activation");
    // How long one session takes, in whole minutes.
    const int seconds = screen.view().sessionSeconds;
    REQUIRE(seconds > 120);
    const long minutes = std::lround(seconds / 60.0);
    CHECK(screen.sessionLengthText() == "About " + std::to_string(minutes) + " minutes");
    // On the first day nothing was due yet: no percentage at all.
    CHECK_FALSE(screen.view().adherence7);
    CHECK(screen.adherenceText() == "No days due yet");
    // The first day done: one day counted, and said so.
    for (const auto& item : screen.view().items) {
        service::LogRequest log;
        log.exercise = item.prescription.exercise;
        (void)day.practice->log(log);
    }
    screen.refresh();
    CHECK(screen.adherenceText() == "Since the start (1 day): 100% of sessions");
    // The next day, not yet done: the first day counts, today not yet.
    day.date = {std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    screen.refresh();
    CHECK(screen.titleText() == "Tuesday, 10 November 2026");
    CHECK(screen.adherenceText() == "Since the start (1 day): 100% of sessions");
    // A week and more later, with the days between missed: the last seven days.
    day.date = {std::chrono::year(2026), std::chrono::November, std::chrono::day(18)};
    screen.refresh();
    CHECK(screen.adherenceText() == "Last 7 days: 0% of sessions");
    CHECK(screen.routineHeading() == "Your routine · week 2 of 6 · Activation");
}

TEST_CASE("today: a program not started says when; a complete one says since when, not week 7",
          "[app][today]") {
    Day day;
    const auto library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    (void)day.practice->assign(
        library / "programs" / "low-back-motor-control.xml",
        core::Date{std::chrono::year(2026), std::chrono::November, std::chrono::day(16)}, true);
    app::TodayScreen screen(*day.practice, day.fonts, "en", {});
    REQUIRE(screen.view().state == service::ProgramState::NotStarted);
    CHECK_FALSE(screen.askingMorningPain());
    CHECK(screen.routineHeading().empty());
    REQUIRE(screen.stateLines().size() == 2);
    CHECK(screen.stateLines()[0] == "Your program starts on Monday, 16 November 2026.");
    CHECK(screen.stateLines()[1] ==
          "That is in 6 days. Your routine will appear here on that day.");

    // Six weeks from 16 November end on Sunday 27 December; from the 28th it is complete.
    day.date = {std::chrono::year(2026), std::chrono::December, std::chrono::day(27)};
    screen.refresh();
    CHECK(screen.view().state == service::ProgramState::Active);
    CHECK(screen.routineHeading() == "Your routine · week 6 of 6 · Load");
    day.date = {std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};
    screen.refresh();
    REQUIRE(screen.view().state == service::ProgramState::Complete);
    CHECK(screen.routineHeading() == "Your routine · week 6 of 6 · complete");
    REQUIRE(screen.stateLines().size() == 2);
    CHECK(screen.stateLines()[0] == "Completed on Sunday, 27 December 2026.");
    CHECK_THAT(screen.stateLines()[1], Catch::Matchers::Contains("keep doing this routine"));
    CHECK_FALSE(screen.view().items.empty()); // the routine goes on
}

TEST_CASE("today: the calendar has day numbers and a legend; the pain chart its scale, dates "
          "and values",
          "[app][today]") {
    Day day; // started Monday 9 November; today is Tuesday 10 November
    app::TodayScreen screen(*day.practice, day.fonts, "en", {});
    screen.resize({1280.f, 800.f});
    const auto days = screen.calendarDays();
    REQUIRE(days.size() == 35);
    // Five weeks, Monday first, ending with the week of today.
    CHECK(days.front().date ==
          core::Date{std::chrono::year(2026), std::chrono::October, std::chrono::day(12)});
    CHECK(days.front().label == "12");
    CHECK_FALSE(days.front().mark); // before the start: a number, no mark
    CHECK(days[28].label == "9");
    CHECK(days[28].mark == core::DayMark::Forgiven); // the first miss is forgiven
    CHECK(days[29].label == "10");
    CHECK(days[29].mark == core::DayMark::Today);
    CHECK(days[30].label == "11");
    CHECK_FALSE(days[30].mark); // to come
    // The legend names each mark; a stop is only explained when the calendar has one.
    const auto legend = screen.calendarLegend();
    REQUIRE(legend.size() == 4);
    CHECK(legend[0] == std::make_pair(core::DayMark::Done, std::string("done")));
    CHECK(legend[1] ==
          std::make_pair(core::DayMark::Forgiven, std::string("missed once: forgiven")));
    CHECK(legend[2] == std::make_pair(core::DayMark::Missed, std::string("missed")));
    CHECK(legend[3] == std::make_pair(core::DayMark::Today, std::string("today")));

    // Morning pain: the scale's ends, the first and the last day of the three weeks, each value.
    screen.checkIn(3);
    const auto labels = screen.painChartLabels();
    CHECK(labels.low == "0");
    CHECK(labels.high == "10");
    CHECK(labels.first == "21 Oct");
    CHECK(labels.last == "10 Nov");
    CHECK(labels.values == std::vector<std::string>{"3"});

    // Drawn: the day numbers are in the cells (text on the filled cell of a done day).
    for (const auto& item : screen.view().items) {
        service::LogRequest log;
        log.exercise = item.prescription.exercise;
        (void)day.practice->log(log);
    }
    screen.refresh();
    REQUIRE(screen.calendarDays()[29].mark == core::DayMark::Done);
    const auto image = drawn(screen);
    std::size_t cellAccent = 0;
    std::size_t cellLight = 0;
    // Today's cell: second column of the fifth row of the calendar in the progress panel.
    const unsigned left = static_cast<unsigned>((1280.f - 3 * 28.f) / 2 + 2 * 28.f + 24.f + 40.f);
    // (The panels start lower while today's saved morning pain is shown with its Undo.)
    REQUIRE(screen.showsSavedPain());
    const unsigned top = static_cast<unsigned>(160.f + 20.f + 26.f + 4 * 38.f);
    for (unsigned y = top + 2; y < top + 32; ++y) {
        for (unsigned x = left + 2; x < left + 32; ++x) {
            const auto pixel = image.getPixel(x, y);
            cellAccent += pixel == app::colour::accent;
            cellLight += pixel.r > 200 && pixel.g > 200 && pixel.b > 200;
        }
    }
    CHECK(cellAccent > 500); // filled: done
    CHECK(cellLight > 15);   // and its number in white on it
}

TEST_CASE("today in German: the date in words and the adherence", "[app][today]") {
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "de");
    Day day;
    app::TodayScreen screen(*day.practice, day.fonts, "de", {});
    CHECK(screen.titleText() == "Dienstag, 10. November 2026");
    CHECK(screen.routineHeading() == "Ihre Übungen · Woche 1 von 6 · Aktivierung");
    CHECK(screen.adherenceText() == "Seit dem Beginn (1 Tag): 0 % der Einheiten");
    CHECK_THAT(screen.sessionLengthText(), Catch::Matchers::StartsWith("Etwa "));
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}

TEST_CASE("today: an exercise opened by keys or a click; Do just this one plays it with today's "
          "dose and stores its sets",
          "[app][today]") {
    Day day;
    std::optional<service::ItemView> opened;
    app::TodayScreen screen(
        *day.practice, day.fonts, "en",
        {[&](const std::vector<service::ItemView>& items) { day.started = items; },
         [] {},
         {},
         {},
         {},
         [&](const service::ItemView& item) { opened = item; }});
    screen.resize({1280.f, 800.f});
    const auto& items = screen.view().items;
    const auto rows = screen.itemRects();
    REQUIRE(items.size() >= 2);
    REQUIRE(rows.size() == items.size());
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(rows[i].top >= rows[i - 1].top + rows[i - 1].height); // one under the other
    }
    // The keys: ↓ chooses the first, ↓ the second, ↑ the first again; Enter opens it.
    press(screen, sf::Keyboard::Down);
    CHECK(screen.selectedItem() == 0u);
    press(screen, sf::Keyboard::Down);
    press(screen, sf::Keyboard::Down);
    press(screen, sf::Keyboard::Up);
    CHECK(screen.selectedItem() == 1u);
    press(screen, sf::Keyboard::Enter);
    REQUIRE(opened);
    CHECK(opened->prescription.exercise == items[1].prescription.exercise);
    CHECK(day.started.empty()); // Enter opened the exercise; it did not start the routine
    press(screen, sf::Keyboard::Escape);
    CHECK_FALSE(screen.selectedItem());
    // The mouse: a click on the first row opens it.
    opened.reset();
    clickAt(screen, rows[0]);
    REQUIRE(opened);
    const service::ItemView item = *opened;
    CHECK(item.prescription.exercise == items[0].prescription.exercise);

    // The exercise: Esc and its Back button go back; Enter and the button play it alone.
    int back = 0;
    std::vector<service::ItemView> played;
    app::ExerciseScreen exercise(
        item, day.fonts, "en", [&](const service::ItemView& chosen) { played = {chosen}; },
        [&] { ++back; });
    exercise.resize({1280.f, 800.f});
    CHECK(exercise.progressText().rfind("0 of " + std::to_string(item.dueSets) + " set", 0) ==
          0); // "0 of 1 set done today"
    press(exercise, sf::Keyboard::Escape);
    clickAt(exercise, app::kBackButton);
    CHECK(back == 2);
    press(exercise, sf::Keyboard::Enter);
    REQUIRE(played.size() == 1);
    played.clear();
    clickAt(exercise, exercise.doButton());
    REQUIRE(played.size() == 1);
    CHECK(played[0].prescription.dose == item.prescription.dose);
    const auto image = drawn(exercise);
    std::size_t figure = 0;
    for (unsigned y = 120; y < 600; y += 2) {
        for (unsigned x = 30; x < 560; x += 2) {
            figure += image.getPixel(x, y) == app::colour::figureNear;
        }
    }
    CHECK(figure > 100); // the key poses are drawn

    // Played as the window plays it: each set stored as it finishes.
    core::ManualClock clock;
    app::Audio audio("en", {.voice = false, .tones = false, .volume = 0});
    const std::vector<core::RoutineItem> routine{{played[0].exercise, played[0].prescription.dose}};
    app::PlayerScreen player(
        routine, day.fonts, audio, clock, "en", [] {},
        [&](const core::SetFinished& set) {
            (void)day.practice->recordSet(core::stampOn(day.date),
                                          routine.at(set.exercise).exercise->id, set.repsDone,
                                          set.holdSeconds);
        });
    player.resize({1280.f, 800.f});
    for (core::Millis t{0}; t <= player.player().timeline().total() + core::Millis(100);
         t += core::Millis(50)) {
        clock.advance(core::Millis(50));
        player.update(sf::seconds(0.05f));
    }
    REQUIRE(player.player().status() == core::PlayerStatus::Finished);
    std::map<std::string, int> stored;
    for (const auto& session : day.journal->sessions(day.date, day.date)) {
        for (const auto& set : session.sets) {
            ++stored[set.exercise];
        }
    }
    CHECK(stored ==
          std::map<std::string, int>{{item.prescription.exercise, item.prescription.dose.sets}});
    screen.refresh();
    CHECK(screen.view().items[0].done());
    CHECK_FALSE(screen.view().items[1].done());
}

TEST_CASE("today: a saved morning pain is undone by its button or U, doses back; not the next day",
          "[app][today]") {
    Day day;
    // A week and a day of mornings at 2 and the routine done: a baseline, and a routine done
    // yesterday that a bad morning steps back.
    const core::Date first = day.date;
    for (int i = 0; i < 8; ++i) {
        day.date = core::Date(std::chrono::sys_days(first) + std::chrono::days(i));
        core::CheckIn c;
        c.at = core::stampOn(day.date);
        c.morningPain = 2;
        (void)day.practice->checkIn(c);
        for (const auto& item : day.practice->todayView().items) {
            service::LogRequest log;
            log.exercise = item.prescription.exercise;
            log.pain = 2;
            log.effort = 4;
            (void)day.practice->log(log);
        }
    }
    day.date = core::Date(std::chrono::sys_days(first) + std::chrono::days(8));
    (void)day.practice->catchUp();
    const auto prescriptions = day.journal->prescriptions();
    const auto changes = day.journal->doseChanges().size();
    const auto flags = day.journal->flags().size();

    app::TodayScreen screen(*day.practice, day.fonts, "en", {[](const auto&) {}, [] {}, {}, {}});
    screen.resize({1280.f, 800.f});
    REQUIRE(screen.askingMorningPain());
    CHECK_FALSE(screen.showsSavedPain());
    press(screen, sf::Keyboard::Num8);
    press(screen, sf::Keyboard::Enter);
    REQUIRE(screen.showsSavedPain());
    CHECK(day.journal->prescriptions() != prescriptions); // stepped back at once
    // The mouse: Undo beside the saved value.
    clickAt(screen, screen.undoButton());
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    CHECK(day.journal->prescriptions() == prescriptions);
    CHECK(day.journal->doseChanges().size() == changes);
    CHECK(day.journal->flags().size() == flags);
    CHECK(screen.askingMorningPain()); // asked again
    CHECK(screen.message().find("undone") != std::string::npos);
    // The keys: U.
    press(screen, sf::Keyboard::Num7);
    press(screen, sf::Keyboard::Enter);
    REQUIRE(screen.showsSavedPain());
    press(screen, sf::Keyboard::U);
    CHECK(day.journal->prescriptions() == prescriptions);
    CHECK(screen.askingMorningPain());
    // Saved again, and the next day it stays: no Undo, U does nothing.
    press(screen, sf::Keyboard::Num3);
    press(screen, sf::Keyboard::Enter);
    const core::Date answered = day.date;
    day.date = core::Date(std::chrono::sys_days(answered) + std::chrono::days(1));
    screen.update(sf::seconds(0.1f)); // a new day: Today reads the plan again
    CHECK_FALSE(screen.showsSavedPain());
    press(screen, sf::Keyboard::U);
    REQUIRE(day.journal->checkIns(answered, answered).size() == 1);
    CHECK(day.journal->checkIns(answered, answered)[0].morningPain == 3);
}

namespace {

// The accent's pixels in the band where the focus ring lies: 4 to 7 pixels above `rect`.
std::size_t ringAbove(const sf::Image& image, sf::FloatRect rect) {
    std::size_t count = 0;
    for (int y = static_cast<int>(rect.top) - 7; y < static_cast<int>(rect.top) - 3; ++y) {
        for (int x = static_cast<int>(rect.left) + 12;
             x < static_cast<int>(rect.left + rect.width) - 12; ++x) {
            if (x >= 0 && y >= 0 && x < 1280 && y < 800) {
                count += image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)) ==
                         app::colour::accent;
            }
        }
    }
    return count;
}

// Saved as a PNG when MOTUS_TEST_SHOTS names a folder (to look at: not compared).
void keepShot(const sf::Image& image, const std::string& name) {
    if (const char* folder = std::getenv("MOTUS_TEST_SHOTS"); folder != nullptr && *folder) {
        CHECK(image.saveToFile((std::filesystem::path(folder) / (name + ".png")).string()));
    }
}

} // namespace

TEST_CASE("today by Tab: every control once in reading order, wrapping; Enter and Space act; Esc "
          "lets go",
          "[app][today][focus]") {
    Day day;
    int history = 0;
    int opened = 0;
    int openFile = 0;
    app::TodayScreen screen(
        *day.practice, day.fonts, "en",
        {[&](const std::vector<service::ItemView>& items) { day.started = items; }, [] {},
         [&] { ++history; }, [] {}, [] {}, [&](const service::ItemView&) { ++opened; }});
    screen.setOpenFileAction([&] { ++openFile; });
    screen.resize({1280.f, 800.f});
    REQUIRE(screen.askingMorningPain());
    CHECK_FALSE(screen.focusedRect());
    CHECK(ringAbove(drawn(screen), screen.openFileButton()) == 0);

    // Settings, History, Library, Something new; the pain numbers 0-10; the exercises; Start;
    // Open a program file…; Handout; Report.
    const auto order = screen.focusOrder();
    const auto items = screen.itemRects();
    REQUIRE(!items.empty());
    REQUIRE(order.size() == 4 + 11 + items.size() + 4);
    CHECK(order[0] == screen.settingsButton());
    CHECK(order[15] == items.front());
    CHECK(order[order.size() - 3] == screen.openFileButton());
    for (std::size_t i = 0; i < order.size(); ++i) {
        press(screen, sf::Keyboard::Tab);
        REQUIRE(screen.focusedRect());
        CHECK(*screen.focusedRect() == order[i]);
        if (i > 0) { // reading order: down the screen, or right along a row
            CHECK((order[i].top > order[i - 1].top || order[i].left > order[i - 1].left));
        }
    }
    press(screen, sf::Keyboard::Tab); // wraps to the first
    CHECK(*screen.focusedRect() == order.front());
    press(screen, sf::Keyboard::Tab, true); // and back to the last
    CHECK(*screen.focusedRect() == order.back());
    press(screen, sf::Keyboard::Tab, true); // Handout
    press(screen, sf::Keyboard::Tab, true); // Open a program file…
    CHECK(*screen.focusedRect() == screen.openFileButton());
    CHECK(ringAbove(drawn(screen), screen.openFileButton()) > 100);
    press(screen, sf::Keyboard::Space);
    CHECK(openFile == 1);
    press(screen, sf::Keyboard::H); // the single keys keep working with a focus
    CHECK(history == 1);
    press(screen, sf::Keyboard::Escape);
    CHECK_FALSE(screen.focusedRect());
    CHECK(ringAbove(drawn(screen), screen.openFileButton()) == 0);

    // Pain 10 by the keys alone: Tab to it, Space chooses, Tab to Save, Enter saves.
    for (int i = 0; i < 4 + 11; ++i) {
        press(screen, sf::Keyboard::Tab);
    }
    CHECK(*screen.focusedRect() == order[14]);
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    press(screen, sf::Keyboard::Space);
    CHECK(screen.pendingMorningPain() == 10);
    CHECK(*screen.focusedRect() == order[14]); // the number keeps the focus
    const auto painShot = drawn(screen);
    CHECK(ringAbove(painShot, order[14]) > 20);
    keepShot(painShot, "today-focus-pain");
    // Save and Cancel join the order after the numbers; Cancel takes back to the number.
    CHECK(screen.focusOrder().size() == order.size() + 2);
    press(screen, sf::Keyboard::Tab);
    press(screen, sf::Keyboard::Tab);
    press(screen, sf::Keyboard::Enter); // Cancel
    CHECK_FALSE(screen.pendingMorningPain());
    CHECK(*screen.focusedRect() == order[14]);
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    press(screen, sf::Keyboard::Enter); // 10 again
    press(screen, sf::Keyboard::Tab);   // Save
    press(screen, sf::Keyboard::Enter);
    const auto checkIns = day.journal->checkIns(day.date, day.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].morningPain == 10);
    CHECK(day.started.empty());
    CHECK(opened == 0);
}

TEST_CASE("today by Tab: Undo, an exercise, Start by Space; the focus survives a refresh",
          "[app][today][focus]") {
    Day day;
    int opened = 0;
    app::TodayScreen screen(
        *day.practice, day.fonts, "en",
        {[&](const std::vector<service::ItemView>& items) { day.started = items; },
         [] {},
         [] {},
         [] {},
         {},
         [&](const service::ItemView&) { ++opened; }});
    screen.resize({1280.f, 800.f});
    press(screen, sf::Keyboard::Num2);
    press(screen, sf::Keyboard::Enter); // saved with the single keys
    REQUIRE(screen.showsSavedPain());
    // Library, History, Something new; Undo; the exercises; Start; Handout; Report.
    const auto items = screen.itemRects();
    const auto order = screen.focusOrder();
    REQUIRE(order.size() == 3 + 1 + items.size() + 3);
    CHECK(order[3] == screen.undoButton());
    for (std::size_t i = 0; i < 5; ++i) {
        press(screen, sf::Keyboard::Tab);
    }
    CHECK(*screen.focusedRect() == items.front());
    press(screen, sf::Keyboard::Enter);
    CHECK(opened == 1);
    for (std::size_t i = 0; i < items.size(); ++i) {
        press(screen, sf::Keyboard::Tab);
    }
    const sf::FloatRect start = *screen.focusedRect(); // Start
    CHECK(start.top > items.back().top);
    CHECK(start == order[4 + items.size()]);
    screen.refresh();
    REQUIRE(screen.focusedRect());
    CHECK(*screen.focusedRect() == start);
    const auto startShot = drawn(screen);
    CHECK(ringAbove(startShot, start) > 100);
    keepShot(startShot, "today-focus-start");
    CHECK(day.started.empty());
    press(screen, sf::Keyboard::Space);
    CHECK(day.started.size() == screen.view().items.size());
}

namespace {

bool inside(sf::FloatRect outer, sf::FloatRect inner) {
    return inner.left >= outer.left && inner.top >= outer.top &&
           inner.left + inner.width <= outer.left + outer.width &&
           inner.top + inner.height <= outer.top + outer.height;
}

} // namespace

TEST_CASE("today in a small window: the morning's question and Start in view, the rest scrolls; "
          "Tab scrolls to what it reaches",
          "[app][today][focus][layout]") {
    for (const char* lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        Day day;
        app::TodayScreen screen(
            *day.practice, day.fonts, lang,
            {[&](const std::vector<service::ItemView>& items) { day.started = items; }, [] {},
             [] {}, [] {}, [] {}, [](const service::ItemView&) {}});
        screen.setOpenFileAction([] {});
        const sf::FloatRect window{0.f, 0.f, 640.f, 480.f};
        screen.resize({window.width, window.height});
        REQUIRE(screen.askingMorningPain());
        // The pain numbers and Start lie in the window, outside the scrolling part.
        const auto pain = screen.painButtons();
        REQUIRE(pain.size() == 11);
        for (const auto& button : pain) {
            CHECK(inside(window, button));
            CHECK_FALSE(button.intersects(screen.scrollArea()));
        }
        CHECK(inside(window, screen.startButton()));
        CHECK_FALSE(screen.startButton().intersects(screen.scrollArea()));
        CHECK(inside(window, screen.settingsButton()));
        // The rest scrolls: the documents are below the view at first.
        CHECK(inside(window, screen.scrollArea()));
        CHECK(screen.scrollOffset() == 0.f);
        CHECK_FALSE(inside(screen.scrollArea(), screen.openFileButton()));
        // Choosing a number brings Save and Cancel; Start and the numbers stay in view.
        press(screen, sf::Keyboard::Numpad6);
        CHECK(screen.pendingMorningPain() == 6);
        CHECK(inside(window, screen.startButton()));
        const auto pending = screen.focusOrder(); // the buttons at the top, 0-10, Save, Cancel
        REQUIRE(pending.size() > 17);
        for (std::size_t i = 0; i < 17; ++i) {
            CHECK(inside(window, pending[i]));
            CHECK_FALSE(pending[i].intersects(screen.scrollArea()));
        }
        press(screen, sf::Keyboard::Escape);
        // Tab to Open a program file…: scrolled into view, and drawn there with the ring.
        const auto order = screen.focusOrder();
        for (std::size_t i = 0; i + 2 < order.size(); ++i) {
            press(screen, sf::Keyboard::Tab);
        }
        REQUIRE(screen.focusedRect());
        CHECK(*screen.focusedRect() == screen.openFileButton());
        CHECK(screen.scrollOffset() > 0.f);
        CHECK(inside(screen.scrollArea(), screen.openFileButton()));
        // Back to the first exercise: scrolled back up to it.
        const auto items = screen.itemRects();
        REQUIRE_FALSE(items.empty());
        for (std::size_t i = 0; i < 1 + items.size(); ++i) { // Start, the exercises
            press(screen, sf::Keyboard::Tab, true);
        }
        REQUIRE(screen.focusedRect());
        CHECK(*screen.focusedRect() == screen.itemRects().front());
        CHECK(inside(screen.scrollArea(), screen.itemRects().front()));
        // Every control is reached by Tab, each once.
        CHECK(order.size() == 4 + 11 + items.size() + 4);
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}

TEST_CASE("today: a digit of the number pad chooses this morning's pain; Enter saves it",
          "[app][today]") {
    Day day;
    app::TodayScreen screen(*day.practice, day.fonts, "en", {[](const auto&) {}, [] {}, [] {}, {}});
    screen.resize({800.f, 600.f});
    REQUIRE(screen.askingMorningPain());
    press(screen, sf::Keyboard::Numpad7);
    CHECK(screen.pendingMorningPain() == 7);
    CHECK(day.journal->checkIns(day.date, day.date).empty());
    press(screen, sf::Keyboard::Numpad0);
    CHECK(screen.pendingMorningPain() == 0);
    press(screen, sf::Keyboard::Numpad2);
    press(screen, sf::Keyboard::Enter);
    const auto checkIns = day.journal->checkIns(day.date, day.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].morningPain == 2);
    CHECK(screen.showsSavedPain());
}

namespace {

// What the layout check finds on the screen drawn at `size` (logical pixels, drawn 1:1).
std::vector<std::string> layoutProblemsAt(app::TodayScreen& screen, sf::Vector2f size,
                                          const std::string& name) {
    screen.resize(size);
    sf::RenderTexture texture;
    REQUIRE(texture.create(static_cast<unsigned>(size.x), static_cast<unsigned>(size.y)));
    texture.clear(app::colour::background);
    app::LayoutAudit audit;
    app::activeAudit = &audit;
    screen.draw(texture);
    app::activeAudit = nullptr;
    texture.display();
    keepShot(texture.getTexture().copyToImage(), name);
    return app::layoutProblems(audit.boxes(), size);
}

} // namespace

TEST_CASE("today lays out cleanly in every state, at every size, in English and German",
          "[app][today][layout]") {
    const std::vector<sf::Vector2f> sizes{
        {640.f, 480.f}, {800.f, 600.f}, {853.f, 480.f}, {1280.f, 720.f}, {1280.f, 800.f}};
    for (const char* lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        Day day;
        app::TodayScreen screen(
            *day.practice, day.fonts, lang,
            {[](const auto&) {}, [] {}, [] {}, [] {}, [] {}, [](const service::ItemView&) {}});
        screen.setOpenFileAction([] {});
        auto check = [&](const std::string& state) {
            for (const auto size : sizes) {
                INFO(lang << " " << state << " at " << size.x << "x" << size.y);
                const auto problems =
                    layoutProblemsAt(screen, size,
                                     fmt::format("today-{}-{}-{}x{}", lang,
                                                 state.substr(0, state.find(',')), size.x, size.y));
                CHECK(problems == std::vector<std::string>{});
                // The morning's question and Start are never scrolled away.
                const sf::FloatRect window{0.f, 0.f, size.x, size.y};
                for (const auto& button : screen.painButtons()) {
                    CHECK(inside(window, button));
                }
                if (screen.view().state == service::ProgramState::Active) {
                    CHECK(inside(window, screen.startButton()));
                }
            }
        };
        check("asking");
        press(screen, sf::Keyboard::Num4);
        check("chosen");
        press(screen, sf::Keyboard::Enter);
        screen.showMessage("Report saved as /a/rather/long/folder/name/in/the/home/folder/"
                           "Documents/motus-report-2026-11-10.html: open it in a browser to "
                           "print it or send it.");
        check("saved, with a long message");
        press(screen, sf::Keyboard::Tab);
        check("focused");
        for (int i = 0; i < 5; ++i) { // History, Library, Something new, Undo, the first exercise
            press(screen, sf::Keyboard::Tab);
        }
        REQUIRE(screen.focusedRect());
        CHECK(*screen.focusedRect() == screen.itemRects().front());
        check("exercise-focused");
        // Not started yet; done; stopped by a warning sign.
        const auto library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
        (void)day.practice->assign(
            library / "programs" / "low-back-motor-control.xml",
            core::Date{std::chrono::year(2026), std::chrono::November, std::chrono::day(16)}, true);
        screen.refresh();
        check("not-started");
        day.date = {std::chrono::year(2027), std::chrono::March, std::chrono::day(1)};
        screen.refresh();
        REQUIRE(screen.view().state == service::ProgramState::Complete);
        check("complete");
        for (const auto& item : screen.view().items) {
            service::LogRequest log;
            log.exercise = item.prescription.exercise;
            (void)day.practice->log(log);
        }
        screen.refresh();
        check("all-done-today");
        core::CheckIn sign;
        sign.at = core::stampOn(day.date);
        sign.redFlags = {core::RedFlag::BladderBowel};
        (void)day.practice->checkIn(sign);
        screen.refresh();
        REQUIRE(screen.view().state == service::ProgramState::Stopped);
        check("stopped");
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}
