// The settings screen driven by mouse and by keyboard, each change saved to a settings.ini that
// is read back; and the player honouring the settings (get-ready and switch-sides times,
// reduced motion). Needs an X display (scripts/test runs the suite under xvfb-run).
#include "Events.hpp"
#include "app/App.hpp"
#include "app/Audio.hpp"
#include "app/BrowserScreen.hpp"
#include "app/PlayerScreen.hpp"
#include "app/SettingsScreen.hpp"
#include "app/Theme.hpp"
#include "app/TodayScreen.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/I18n.hpp"
#include "core/Kinematics.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/Practice.hpp"
#include "service/SettingsFile.hpp"

#include <SFML/Graphics.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace motus;
using namespace std::chrono_literals;
using Row = app::SettingsScreen::Row;
using test::clickAt;
using test::press;

namespace {

const app::Fonts& fonts() {
    static const auto loaded = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    return loaded;
}

const content::LibraryLoad& bundled() {
    static const auto load =
        content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    return load;
}

// A settings screen whose changes go to a settings.ini of its own, as the window's do.
struct Panel {
    std::filesystem::path folder;
    std::filesystem::path file;
    int applied = 0;
    int backs = 0;
    int welcomes = 0;
    std::unique_ptr<app::SettingsScreen> screen;

    explicit Panel(bool withWelcome = false, sf::Vector2f size = {1280.f, 800.f}) {
        folder = std::filesystem::temp_directory_path() /
                 ("motus-settings-screen-" + std::to_string(::getpid()));
        std::filesystem::remove_all(folder);
        file = folder / "motus" / "settings.ini";
        app::SettingsScreen::Actions actions;
        actions.apply = [this](const core::Settings&, const core::Settings& after) {
            ++applied;
            service::saveSettings(file, after);
            return std::string();
        };
        actions.back = [this] { ++backs; };
        if (withWelcome) {
            actions.welcome = [this] { ++welcomes; };
        }
        screen = std::make_unique<app::SettingsScreen>(
            core::Settings{}, std::vector<std::string>{"", "en", "de"}, fonts(), actions);
        screen->resize(size);
    }
    ~Panel() { std::filesystem::remove_all(folder); }
    [[nodiscard]] core::Settings reloaded() const {
        const auto loaded = service::loadSettings(file);
        CHECK(loaded.diagnostics.empty());
        return loaded.settings;
    }
    void focusOn(Row row) {
        press(*screen, sf::Keyboard::Home);
        for (int i = 0; i < 20 && screen->focus() != row; ++i) {
            press(*screen, sf::Keyboard::Down);
        }
        REQUIRE(screen->focus() == row);
    }
};

} // namespace

TEST_CASE("settings: a change by mouse is saved at once", "[app][settings]") {
    Panel p;
    clickAt(*p.screen, p.screen->moreButton(Row::TextSize));
    CHECK(p.screen->settings().textSize == 125);
    CHECK(p.reloaded().textSize == 125);
    clickAt(*p.screen, p.screen->moreButton(Row::TextSize));
    clickAt(*p.screen, p.screen->moreButton(Row::TextSize));
    clickAt(*p.screen, p.screen->moreButton(Row::TextSize));
    clickAt(*p.screen, p.screen->moreButton(Row::TextSize)); // 200 % is the most
    CHECK(p.reloaded().textSize == 200);
    clickAt(*p.screen, p.screen->lessButton(Row::TextSize));
    CHECK(p.reloaded().textSize == 175);

    clickAt(*p.screen, p.screen->switchButton(Row::HighContrast));
    CHECK(p.reloaded().highContrast);
    clickAt(*p.screen, p.screen->switchButton(Row::Voice));
    CHECK_FALSE(p.reloaded().sound.voice);
    clickAt(*p.screen, p.screen->moreButton(Row::Language));
    CHECK(p.reloaded().language == "en");
    clickAt(*p.screen, p.screen->moreButton(Row::Language));
    CHECK(p.reloaded().language == "de");
    clickAt(*p.screen, p.screen->moreButton(Row::Language));
    CHECK(p.reloaded().language.empty()); // round to the system's again
}

TEST_CASE("settings: the lower rows are reached by scrolling, then clicked", "[app][settings]") {
    Panel p;
    // The reminder rows lie below the fold at 1280×800: the keyboard brings them into view.
    p.focusOn(Row::GetReady);
    clickAt(*p.screen, p.screen->moreButton(Row::GetReady));
    clickAt(*p.screen, p.screen->moreButton(Row::GetReady));
    CHECK(p.reloaded().getReadySeconds == 15);
    p.focusOn(Row::ReminderTime);
    clickAt(*p.screen, p.screen->lessButton(Row::ReminderTime));
    CHECK(p.reloaded().reminders.minute == 17 * 60 + 45);
    clickAt(*p.screen, p.screen->dayButton(1)); // Monday
    clickAt(*p.screen, p.screen->dayButton(3)); // Wednesday
    CHECK(p.reloaded().reminders.days == 0b101);
    clickAt(*p.screen, p.screen->dayButton(0)); // the program's days again
    CHECK(p.reloaded().reminders.days == 0);
    clickAt(*p.screen, p.screen->switchButton(Row::Reminders));
    CHECK(p.reloaded().reminders.enabled);
}

TEST_CASE("settings: every control by keyboard alone", "[app][settings]") {
    Panel p;
    CHECK(p.screen->focus() == Row::Language);
    press(*p.screen, sf::Keyboard::Down);
    press(*p.screen, sf::Keyboard::Right);
    CHECK(p.reloaded().textSize == 125);

    p.focusOn(Row::HighContrast);
    press(*p.screen, sf::Keyboard::Enter);
    CHECK(p.reloaded().highContrast);
    press(*p.screen, sf::Keyboard::Space);
    CHECK_FALSE(p.reloaded().highContrast);
    press(*p.screen, sf::Keyboard::Right); // → switches on, ← off
    CHECK(p.reloaded().highContrast);

    p.focusOn(Row::ReducedMotion);
    press(*p.screen, sf::Keyboard::Space);
    CHECK(p.reloaded().reducedMotion);

    p.focusOn(Row::VoiceSpeed);
    press(*p.screen, sf::Keyboard::Left);
    CHECK(p.reloaded().sound.voiceSpeed == 90);
    p.focusOn(Row::Volume);
    press(*p.screen, sf::Keyboard::Right);
    CHECK(p.reloaded().sound.volume == 90);
    p.focusOn(Row::SwitchSides);
    for (int i = 0; i < 8; ++i) {
        press(*p.screen, sf::Keyboard::Right);
    }
    CHECK(p.reloaded().switchSidesSeconds == 30); // 30 s is the most
    p.focusOn(Row::Tones);
    press(*p.screen, sf::Keyboard::Enter);
    CHECK_FALSE(p.reloaded().sound.tones);

    p.focusOn(Row::ReminderDays);
    press(*p.screen, sf::Keyboard::Right); // from "the program's days" to Monday
    press(*p.screen, sf::Keyboard::Enter);
    press(*p.screen, sf::Keyboard::Right);
    press(*p.screen, sf::Keyboard::Right);
    press(*p.screen, sf::Keyboard::Right);
    press(*p.screen, sf::Keyboard::Right); // Friday
    press(*p.screen, sf::Keyboard::Space);
    CHECK(core::weekdayNames(p.reloaded().reminders.days) == "mon,fri");
    p.focusOn(Row::ReminderTime);
    press(*p.screen, sf::Keyboard::Right);
    CHECK(core::clockText(p.reloaded().reminders.minute) == "18:15");

    CHECK(p.backs == 0);
    press(*p.screen, sf::Keyboard::Escape);
    CHECK(p.backs == 1);
}

TEST_CASE("settings: the Back button, and the welcome only when there is one", "[app][settings]") {
    Panel without;
    without.focusOn(Row::ReminderTime);
    press(*without.screen, sf::Keyboard::End);
    CHECK(without.screen->focus() == Row::ReminderTime); // no welcome row
    clickAt(*without.screen, app::kBackButton);
    CHECK(without.backs == 1);
    CHECK(without.applied == 0);

    Panel with(true);
    press(*with.screen, sf::Keyboard::End);
    CHECK(with.screen->focus() == Row::Welcome);
    press(*with.screen, sf::Keyboard::Enter);
    CHECK(with.welcomes == 1);
    clickAt(*with.screen, with.screen->switchButton(Row::Welcome));
    CHECK(with.welcomes == 2);
    CHECK(with.applied == 0);
}

TEST_CASE("settings: at 200 % text every row still has its controls inside the window",
          "[app][settings]") {
    // 1280×800 at 200 %: the screens are laid out in 640×400 logical pixels.
    Panel p(true, {640.f, 400.f});
    for (const Row row : {Row::Language, Row::TextSize, Row::HighContrast, Row::GetReady,
                          Row::ReminderDays, Row::ReminderTime, Row::Welcome}) {
        p.focusOn(row);
        const sf::FloatRect control = row == Row::ReminderDays ? p.screen->dayButton(7)
                                      : row == Row::HighContrast || row == Row::Welcome
                                          ? p.screen->switchButton(row)
                                          : p.screen->moreButton(row);
        INFO("row " << static_cast<int>(row));
        CHECK(control.left >= 0.f);
        CHECK(control.left + control.width <= 640.f);
        CHECK(control.top >= 100.f);
        CHECK(control.top + control.height <= 400.f);
    }
    p.focusOn(Row::GetReady);
    clickAt(*p.screen, p.screen->moreButton(Row::GetReady));
    CHECK(p.reloaded().getReadySeconds == 10);
}

TEST_CASE("settings: the screen draws its title, rows and focus in both palettes",
          "[app][settings][display]") {
    for (const bool high : {false, true}) {
        app::useHighContrast(high);
        Panel p;
        const sf::Image image = test::drawn(*p.screen);
        // The focused first row: its outline in the accent colour.
        const sf::FloatRect less = p.screen->lessButton(Row::Language);
        std::size_t accent = 0;
        for (unsigned x = 30; x < 1200; ++x) {
            accent +=
                image.getPixel(x, static_cast<unsigned>(less.top - 4.f)) == app::colour::accent ? 1
                                                                                                : 0;
        }
        CHECK(accent > 0);
        // The value box of the first row holds text.
        std::size_t ink = 0;
        const sf::FloatRect value = p.screen->switchButton(Row::Language);
        for (unsigned x = static_cast<unsigned>(value.left);
             x < static_cast<unsigned>(value.left + value.width); ++x) {
            ink += image.getPixel(x, static_cast<unsigned>(value.top + value.height / 2)) ==
                           app::colour::panel
                       ? 0
                       : 1;
        }
        CHECK(ink > 3);
    }
    app::useHighContrast(false);
}

namespace {

struct Player {
    core::ManualClock clock;
    app::SoundSettings quiet{.voice = false, .tones = false, .volume = 0};
    app::Audio audio{"en", quiet};
    std::unique_ptr<app::PlayerScreen> screen;

    Player(const char* id, app::PlayerOptions options, int sets = 1, int reps = 3) {
        const auto* ex = bundled().library.find(id);
        REQUIRE(ex != nullptr);
        core::Dose dose = ex->dose;
        dose.sets = sets;
        dose.reps = reps;
        dose.pyramid.clear();
        screen = std::make_unique<app::PlayerScreen>(
            std::vector<core::RoutineItem>{{ex, dose}}, fonts(), audio, clock, "en", [] {}, nullptr,
            options);
        screen->resize({1280.f, 800.f});
    }
    void run(core::Millis duration) {
        for (core::Millis t{0}; t < duration; t += 16ms) {
            clock.advance(16ms);
            screen->update(sf::seconds(0.016f));
        }
    }
};

bool samePosture(const core::Posture& a, const core::Posture& b) {
    for (std::size_t i = 0; i < core::kDofCount; ++i) {
        if (std::abs(a.angles[i] - b.angles[i]) > 1e-6) {
            return false;
        }
    }
    const auto d = a.pelvis.position - b.pelvis.position;
    return core::length(d) < 1e-6 && std::abs(a.pelvis.pitch - b.pelvis.pitch) < 1e-6 &&
           std::abs(a.pelvis.yaw - b.pelvis.yaw) < 1e-6 &&
           std::abs(a.pelvis.roll - b.pelvis.roll) < 1e-6;
}

} // namespace

TEST_CASE("the player waits the get-ready time of the settings", "[app][player][settings]") {
    app::PlayerOptions options;
    options.timing.getReady = 12s;
    Player p("glute-bridge", options);
    CHECK(p.screen->timeline().options().getReady == 12s);
    p.run(10s);
    CHECK(p.screen->player().snapshot().kind == core::StepKind::GetReady);
    p.run(3s);
    CHECK(p.screen->player().snapshot().kind != core::StepKind::GetReady);
}

TEST_CASE("the player pauses the switch-sides time of the settings", "[app][player][settings]") {
    // An exercise done on each side: its timeline has a switch of the chosen length.
    const core::Exercise* each = nullptr;
    for (const auto& ex : bundled().library.all()) {
        if (ex.dose.side == core::Side::Each) {
            each = &ex;
            break;
        }
    }
    REQUIRE(each != nullptr);
    app::PlayerOptions options;
    options.timing.switchSides = 20s;
    Player p(each->id.c_str(), options, 1, 2);
    bool found = false;
    for (const auto& step : p.screen->timeline().steps()) {
        if (step.kind == core::StepKind::SwitchSide) {
            CHECK(step.duration == 20s);
            found = true;
        }
    }
    CHECK(found);
}

TEST_CASE("reduced motion shows the key poses, still between the changes",
          "[app][player][settings]") {
    // During the first rep's movement the figure moves on with every frame; with reduced
    // motion it shows the pose the movement goes to, the same at each moment of the phase.
    auto during = [](bool reduced) {
        app::PlayerOptions options;
        options.reducedMotion = reduced;
        Player p("glute-bridge", options);
        p.run(5s + 300ms); // into the first movement
        REQUIRE(p.screen->player().snapshot().kind == core::StepKind::Phase);
        const auto first = p.screen->figurePosture();
        const auto phase = p.screen->player().snapshot().step;
        p.run(400ms);
        REQUIRE(p.screen->player().snapshot().step == phase);
        return std::pair{first, p.screen->figurePosture()};
    };
    const auto [movingA, movingB] = during(false);
    CHECK_FALSE(samePosture(movingA, movingB));
    const auto [stillA, stillB] = during(true);
    CHECK(samePosture(stillA, stillB));
    // And the pose shown is the key pose the phase moves to.
    const auto* ex = bundled().library.find("glute-bridge");
    app::PlayerOptions options;
    options.reducedMotion = true;
    Player p("glute-bridge", options);
    p.run(5s + 300ms);
    auto snapshot = p.screen->player().snapshot();
    snapshot.blend = 1.0;
    CHECK(samePosture(
        p.screen->figurePosture(),
        core::postureAt(core::SceneMotion(core::sceneFor(*ex, snapshot.side)), snapshot)));
}

TEST_CASE("Settings opens from Today and from the library, by mouse, F2 and comma",
          "[app][settings]") {
    const auto library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    const core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    service::Practice practice(service::PracticeOptions{
        library, {}, std::make_unique<core::MemoryJournal>(), [&] { return core::stampOn(date); }});
    (void)practice.assign(library / "programs" / "low-back-motor-control.xml", date, false);
    int opened = 0;
    app::TodayScreen::Actions actions;
    actions.start = [](const std::vector<service::ItemView>&) {};
    actions.library = [] {};
    actions.history = [] {};
    actions.worrying = [] {};
    actions.settings = [&] { ++opened; };
    for (const sf::Vector2f size : {sf::Vector2f{1280.f, 800.f}, sf::Vector2f{640.f, 400.f}}) {
        for (const char* lang : {"", "de"}) {
            INFO("at " << size.x << "x" << size.y << " in " << (*lang ? lang : "en"));
            if (*lang) {
                setenv("LANGUAGE", lang, 1);
            } else {
                unsetenv("LANGUAGE");
            }
            core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
            app::TodayScreen today(practice, fonts(), *lang ? lang : "en", actions);
            today.resize(size);
            // Whole on screen, even where the window is narrow or the text large.
            const sf::FloatRect button = today.settingsButton();
            CHECK(button.left >= 0.f);
            CHECK(button.left + button.width <= size.x);
            const int before = opened;
            clickAt(today, button);
            CHECK(opened == before + 1);
            press(today, sf::Keyboard::F2);
            press(today, sf::Keyboard::Comma);
            CHECK(opened == before + 3);
        }
    }
    unsetenv("LANGUAGE");
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "");

    opened = 0;
    app::BrowserScreen browser(bundled().library, fonts(), "en", 0);
    browser.resize({1280.f, 800.f});
    press(browser, sf::Keyboard::F2);
    CHECK(opened == 0); // no settings action given: nothing happens
    browser.setSettingsAction([&] { ++opened; });
    browser.resize({1280.f, 800.f});
    clickAt(browser, browser.settingsButton());
    press(browser, sf::Keyboard::F2);
    press(browser, sf::Keyboard::Comma);
    CHECK(opened == 3);
}

namespace {

// The first frame of the window (the library: no program) with this settings.ini, and the
// language it chose.
sf::Image firstFrame(const std::string& settingsText, std::string& language) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("motus-settings-window-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder / "config" / "motus");
    // The library as the first screen (the welcome of a first run is another test's).
    {
        std::ofstream(folder / "config" / "motus" / "settings.ini") << "welcome-seen=on\n"
                                                                    << settingsText;
    }
    const char* before = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = before != nullptr ? before : "";
    setenv("XDG_CONFIG_HOME", (folder / "config").c_str(), 1);
    unsetenv("LANGUAGE");
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "");
    app::AppOptions options;
    options.paths.assetsDir = std::filesystem::path(MOTUS_SOURCE_DIR) / "assets";
    options.paths.localeDir = MOTUS_BUILD_LOCALEDIR;
    options.library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    options.db = folder / "motus.db";
    options.screenshot = folder / "shot.png";
    CHECK(app::runApp(options) == 0);
    language = core::uiLanguage();
    sf::Image image;
    CHECK(image.loadFromFile(options.screenshot.string()));
    if (before != nullptr) {
        setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
    } else {
        unsetenv("XDG_CONFIG_HOME");
    }
    unsetenv("LANGUAGE");
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "");
    app::useHighContrast(false);
    std::filesystem::remove_all(folder);
    return image;
}

// The first row from the top with a pixel unlike the top-left one (the window's ground).
// The first row with ink in the left quarter (the title's first line, wherever its buttons are).
unsigned firstInk(const sf::Image& image) {
    const sf::Color ground = image.getPixel(0, 0);
    for (unsigned y = 0; y < image.getSize().y; ++y) {
        for (unsigned x = 0; x < image.getSize().x / 4; ++x) {
            if (image.getPixel(x, y) != ground) {
                return y;
            }
        }
    }
    return image.getSize().y;
}

} // namespace

TEST_CASE("the window starts with the language, text size and palette of settings.ini",
          "[app][settings][display]") {
    std::string language;
    const sf::Image plain = firstFrame("", language);
    CHECK(language == "en");
    CHECK(plain.getPixel(0, 0) == app::kCalmPalette.background);

    const sf::Image german = firstFrame("language=de\nhigh-contrast=on\n", language);
    CHECK(language == "de");
    CHECK(german.getPixel(0, 0) == app::kHighContrastPalette.background);
    CHECK(german.getPixel(0, 0) != app::kCalmPalette.background);
    // Everything twice as large: the title starts twice as far down.
    const sf::Image large = firstFrame("text-size=200\n", language);
    CHECK(language == "en");
    const unsigned plainInk = firstInk(plain);
    const unsigned largeInk = firstInk(large);
    INFO("first ink at 100 %: " << plainInk << ", at 200 %: " << largeInk);
    CHECK(plainInk > 5u);
    // (The glyphs' tops, made at the size they appear, are within a few pixels of twice as far.)
    CHECK(largeInk + 10 >= 2 * plainInk);
    CHECK(largeInk <= 2 * plainInk + 10);
}

TEST_CASE("settings: Tab and Shift+Tab go over Back and every row; Enter on Back goes back",
          "[app][settings]") {
    Panel panel(true);
    CHECK(panel.screen->focus() == Row::Language);
    press(*panel.screen, sf::Keyboard::Tab);
    CHECK(panel.screen->focus() == Row::TextSize);
    // Back comes before the first row: Shift+Tab twice, and Tab from the last row wraps to it.
    press(*panel.screen, sf::Keyboard::Tab, true);
    press(*panel.screen, sf::Keyboard::Tab, true);
    CHECK(panel.screen->backFocused());
    press(*panel.screen, sf::Keyboard::Tab);
    CHECK_FALSE(panel.screen->backFocused());
    CHECK(panel.screen->focus() == Row::Language);
    int rows = 1;
    while (panel.screen->focus() != Row::Welcome && rows < 30) {
        press(*panel.screen, sf::Keyboard::Tab);
        ++rows;
    }
    CHECK(rows == 14); // every row, the welcome's last
    press(*panel.screen, sf::Keyboard::Enter);
    CHECK(panel.welcomes == 1);
    press(*panel.screen, sf::Keyboard::Tab);
    REQUIRE(panel.screen->backFocused());
    press(*panel.screen, sf::Keyboard::Space);
    CHECK(panel.backs == 1);
    CHECK(panel.applied == 0);
}
