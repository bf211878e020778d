// The patient's day in the window: this morning's pain, today's routine started, each set
// stored as it finishes, pain and effort afterwards. On an in-memory journal.
#include "app/HistoryScreen.hpp"
#include "app/ProgramsScreen.hpp"
#include "app/TodayScreen.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "core/LocalTime.hpp"
#include "storage/SqliteJournal.hpp"

#include <SFML/Graphics.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace motus;

namespace {

struct Day {
    content::LibraryLoad load =
        content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    app::TrackerSession session;
    core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    std::vector<core::TodayItem> started;

    Day() {
        const auto file = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" /
                          "low-back-motor-control.xml";
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        auto parsed = content::parseProgram(text.str(), file.string(), load.library);
        REQUIRE(parsed.program);
        session.journal = std::make_unique<storage::SqliteJournal>(":memory:");
        session.library = &load.library;
        session.program = *parsed.program;
        const core::Date start{std::chrono::year(2026), std::chrono::November, std::chrono::day(9)};
        session.journal->startProgram(session.program.id, text.str(), start,
                                      core::planFor(session.program.phases.front()));
        session.active = *session.journal->activeProgram();
        session.tracker =
            std::make_unique<core::Tracker>(*session.journal, load.library, session.program, start);
    }
};

void press(app::Screen& screen, sf::Keyboard::Key key) {
    sf::Event event;
    event.type = sf::Event::KeyPressed;
    event.key = {key, false, false, false, false};
    screen.handleEvent(event);
}

} // namespace

TEST_CASE("today: morning pain in one key, the routine started with Enter", "[app][today]") {
    Day day;
    bool history = false;
    app::TodayScreen screen(
        day.session, day.fonts, "en",
        {[&](const std::vector<core::TodayItem>& items) { day.started = items; }, [] {},
         [&] { history = true; }},
        [&] { return day.date; });
    screen.resize({1280.f, 800.f});
    press(screen, sf::Keyboard::H);
    CHECK(history);
    REQUIRE(screen.askingMorningPain());
    press(screen, sf::Keyboard::Num3);
    CHECK_FALSE(screen.askingMorningPain());
    const auto checkIns = day.session.journal->checkIns(day.date, day.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].morningPain == 3);
    press(screen, sf::Keyboard::Enter);
    REQUIRE(day.started.size() == screen.plan().items.size());
    CHECK(day.started.front().prescription.exercise ==
          screen.plan().items.front().prescription.exercise);

    // Sets logged by the player show as done; the routine to start shrinks.
    const auto first = screen.plan().items.front(); // a copy: refresh() replaces the plan
    std::vector<core::SetRecord> sets;
    for (int s = 1; s <= first.prescription.dose.sets; ++s) {
        sets.push_back({first.prescription.exercise, s, first.prescription.dose.reps,
                        first.prescription.dose.reps, first.prescription.dose.holdSeconds});
    }
    (void)day.session.tracker->logExercise(core::stampOn(day.date), first.prescription.exercise,
                                           sets, std::nullopt);
    screen.refresh();
    CHECK(screen.plan().items.front().doneSets == first.prescription.dose.sets);
    press(screen, sf::Keyboard::Enter);
    CHECK(day.started.size() == screen.plan().items.size() - 1);

    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 800));
    texture.clear(app::colour::background);
    screen.draw(texture);
    texture.display();
    const auto image = texture.getTexture().copyToImage();
    std::size_t accent = 0;
    for (unsigned y = 600; y < 780; ++y) {
        for (unsigned x = 40; x < 620; ++x) {
            accent += image.getPixel(x, y) == app::colour::accent;
        }
    }
    CHECK(accent > 5000); // the start button
}

TEST_CASE("feedback after a session: pain 7 regresses at once, legs worse stop it",
          "[app][today]") {
    Day day;
    const auto before = day.session.tracker->slot("mcgill-curl-up");
    REQUIRE(before);
    std::string outcome;
    app::FeedbackScreen feedback(day.session, day.fonts, {"mcgill-curl-up"}, day.date,
                                 [&](const std::string& text) { outcome = text; });
    feedback.resize({1280.f, 800.f});
    press(feedback, sf::Keyboard::Num7); // pain
    press(feedback, sf::Keyboard::Num5); // effort
    press(feedback, sf::Keyboard::Enter);
    const auto after = day.session.tracker->slot("mcgill-curl-up");
    REQUIRE(after);
    CHECK(after->dose.sets * after->dose.reps < before->dose.sets * before->dose.reps);
    CHECK(outcome.find("7/10") != std::string::npos);
    const auto stored = day.session.journal->feedback(day.date, day.date);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].pain == 7);
    CHECK(stored[0].effort == 5);

    app::FeedbackScreen legs(day.session, day.fonts, {"bird-dog-arm"}, day.date,
                             [&](const std::string& text) { outcome = text; });
    legs.resize({1280.f, 800.f});
    legs.choose(0, 2);
    legs.choose(1, 3);
    legs.choose(2, 1); // yes, it spread
    legs.save();
    CHECK(day.session.tracker->slot("bird-dog-arm")->stopped);

    // Both changes are in the history, newest first, with their reasons.
    bool back = false;
    app::HistoryScreen history(day.session.journal->doseChanges(), day.load.library, day.fonts,
                               "en", [&] { back = true; });
    history.resize({1280.f, 800.f});
    CHECK(history.contentHeight() > 200.f);
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 800));
    texture.clear(app::colour::background);
    history.draw(texture);
    texture.display();
    const auto image = texture.getTexture().copyToImage();
    std::size_t text = 0;
    for (unsigned y = 120; y < 400; ++y) {
        for (unsigned x = 40; x < 900; ++x) {
            text += image.getPixel(x, y) == app::colour::text;
        }
    }
    CHECK(text > 300);
    press(history, sf::Keyboard::Escape);
    CHECK(back);
}

TEST_CASE("programs: the bundled ones listed, chosen with the keys, started", "[app][today]") {
    Day day;
    std::vector<app::ProgramsScreen::Entry> entries;
    for (const auto& file :
         content::bundledPrograms(std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises")) {
        auto parsed = content::loadProgramFile(file, day.load.library);
        REQUIRE(parsed.program);
        entries.push_back({*parsed.program, file});
    }
    REQUIRE(entries.size() == 3);
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
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 800));
    texture.clear(app::colour::background);
    screen.draw(texture);
    texture.display();
    const auto image = texture.getTexture().copyToImage();
    // The second row (top at y = 218) is selected: its accent outline, drawn just outside it.
    auto accentOnRow = [&](unsigned y) {
        std::size_t count = 0;
        for (unsigned x = 28; x < 1250; ++x) {
            count += image.getPixel(x, y) == app::colour::accent;
        }
        return count;
    };
    CHECK(accentOnRow(216) > 1000);
    CHECK(accentOnRow(108) < 100); // the first row is not selected
}
