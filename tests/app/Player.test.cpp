// The player screen driven as a patient would, on a fake clock; renders checked pixel by pixel.
// Needs an X display (scripts/test runs the suite under xvfb-run) and ALSOFT_DRIVERS=null.
#include "Events.hpp"
#include "app/Audio.hpp"
#include "app/PlayerScreen.hpp"
#include "app/Render.hpp"
#include "app/Theme.hpp"
#include "content/ExerciseLoader.hpp"
#include "service/SettingsFile.hpp"

#include <SFML/Graphics.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

using namespace motus;
using namespace std::chrono_literals;

namespace {

const content::LibraryLoad& bundled() {
    static const auto load =
        content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    return load;
}

const app::Fonts& fonts() {
    static const auto loaded = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    return loaded;
}

struct Session {
    core::ManualClock clock;
    app::SoundSettings quiet{.voice = false, .tones = false, .volume = 0};
    app::Audio audio{"en", quiet};
    bool closed = false;
    std::unique_ptr<app::PlayerScreen> screen;

    Session(const char* id, int sets, int reps) {
        const auto* ex = bundled().library.find(id);
        REQUIRE(ex != nullptr);
        core::Dose dose = ex->dose;
        dose.sets = sets;
        dose.reps = reps;
        dose.pyramid.clear();
        screen =
            std::make_unique<app::PlayerScreen>(std::vector<core::RoutineItem>{{ex, dose}}, fonts(),
                                                audio, clock, "en", [this] { closed = true; });
        screen->resize({1280.f, 800.f});
    }
    void run(core::Millis duration) {
        for (core::Millis t{0}; t < duration; t += 16ms) {
            clock.advance(16ms);
            screen->update(sf::seconds(0.016f));
        }
    }
    void press(sf::Keyboard::Key key) {
        sf::Event event;
        event.type = sf::Event::KeyPressed;
        event.key = {key, false, false, false, false};
        screen->handleEvent(event);
    }
};

std::size_t countColour(const sf::Image& image, sf::Color colour, sf::IntRect area) {
    std::size_t count = 0;
    for (int y = area.top; y < area.top + area.height; ++y) {
        for (int x = area.left; x < area.left + area.width; ++x) {
            count += image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)) == colour;
        }
    }
    return count;
}

} // namespace

TEST_CASE("a finished routine is closed by the mouse alone: its Close button, nothing else",
          "[app][player]") {
    Session s("glute-bridge", 1, 2);
    s.run(s.screen->player().timeline().total() + 500ms);
    REQUIRE(s.screen->player().status() == core::PlayerStatus::Finished);
    const auto buttons = s.screen->dialogButtons();
    REQUIRE(buttons.size() == 1);
    CHECK(buttons[0].first.rfind("Close", 0) == 0);
    // A click beside the button does nothing; on it, the player closes.
    const sf::FloatRect close = buttons[0].second;
    motus::test::clickAt(*s.screen, close.left - 40.f, close.top - 40.f);
    CHECK_FALSE(s.closed);
    motus::test::clickAt(*s.screen, close);
    CHECK(s.closed);
    REQUIRE(s.screen->setsDone().size() == 1); // what was done is kept
    CHECK(s.screen->setsDone()[0].repsDone == 2);
}

TEST_CASE("a short exercise plays to the end and reports its set", "[app][player]") {
    Session s("glute-bridge", 1, 2);
    const auto total = s.screen->player().timeline().total();
    s.run(total + 500ms);
    CHECK(s.screen->player().status() == core::PlayerStatus::Finished);
    REQUIRE(s.screen->setsDone().size() == 1);
    CHECK(s.screen->setsDone()[0].repsDone == 2);
    CHECK_FALSE(s.screen->setsDone()[0].partial);
    CHECK_FALSE(s.closed);
    s.press(sf::Keyboard::Enter);
    CHECK(s.closed);
}

TEST_CASE("space pauses, Esc asks before stopping, what was done is kept", "[app][player]") {
    Session s("glute-bridge", 2, 5);
    const auto& item = s.screen->player().timeline().items().front();
    const auto rep = core::repDuration(*item.exercise, item.dose);
    REQUIRE(rep >= 3s);
    s.run(5s + rep + 500ms); // get ready, then the first rep is done
    s.press(sf::Keyboard::Space);
    const auto paused = s.screen->player().position();
    s.run(10s);
    CHECK(s.screen->player().position() == paused);
    s.press(sf::Keyboard::Space);
    s.run(1s); // less than the rest of the second rep
    CHECK(s.screen->player().position() > paused);
    s.press(sf::Keyboard::Escape);
    CHECK(s.screen->confirmingStop());
    CHECK(s.screen->player().status() == core::PlayerStatus::Paused);
    s.press(sf::Keyboard::Escape); // keep going
    CHECK_FALSE(s.screen->confirmingStop());
    CHECK(s.screen->player().status() == core::PlayerStatus::Running);
    // Enter is the safe choice: it keeps going too; stopping takes S.
    s.press(sf::Keyboard::Escape);
    s.press(sf::Keyboard::Enter);
    CHECK_FALSE(s.screen->confirmingStop());
    CHECK(s.screen->player().status() == core::PlayerStatus::Running);
    s.press(sf::Keyboard::Escape);
    s.press(sf::Keyboard::S); // stop
    s.run(100ms);
    CHECK(s.screen->player().status() == core::PlayerStatus::Stopped);
    REQUIRE(s.screen->setsDone().size() == 1);
    CHECK(s.screen->setsDone()[0].repsDone == 1);
    CHECK(s.screen->setsDone()[0].partial);
}

TEST_CASE("the arrow keys skip forward and go back", "[app][player]") {
    Session s("glute-bridge", 1, 5);
    s.run(6s);
    CHECK(s.screen->player().snapshot().rep == 1);
    s.press(sf::Keyboard::Right);
    s.run(100ms);
    CHECK(s.screen->player().snapshot().rep == 2);
    s.press(sf::Keyboard::Left);
    s.run(100ms);
    CHECK(s.screen->player().snapshot().rep == 1);
}

TEST_CASE("the player screen draws the figure, the countdown and the buttons",
          "[app][player][display]") {
    Session s("glute-bridge", 1, 3);
    s.run(9s); // in the hold of the first rep
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 800));
    texture.clear(app::colour::background);
    s.screen->draw(texture);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    // The figure in the left frame, the countdown (in the accent colour during a hold) on the
    // right, the progress bar at the bottom.
    CHECK(countColour(image, app::colour::figureNear, {28, 96, 780, 560}) > 500);
    CHECK(countColour(image, app::colour::accent, {860, 150, 380, 200}) > 1000);
    CHECK(countColour(image, app::colour::accent, {28, 670, 300, 20}) > 20);
}

TEST_CASE("render --at draws the figure inside the frame", "[app][render][display]") {
    const auto out = std::filesystem::temp_directory_path() / "motus-render-test.png";
    content::DataPaths paths;
    paths.assetsDir = std::filesystem::path(MOTUS_SOURCE_DIR) / "assets";
    for (const char* id : {"glute-bridge", "bird-dog", "wall-slide", "side-plank"}) {
        INFO(id);
        app::RenderRequest request;
        request.id = id;
        request.atSeconds = 12.0;
        request.out = out;
        std::ostringstream err;
        REQUIRE(app::runRender(request, paths,
                               std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises", err) == 0);
        sf::Image image;
        REQUIRE(image.loadFromFile(out.string()));
        REQUIRE(image.getSize() == sf::Vector2u(800, 600));
        // The mannequin's shaded blue (not the pale mat or wall behind it).
        auto figure = [&](sf::IntRect r) {
            int n = 0;
            for (int y = r.top; y < r.top + r.height; ++y) {
                for (int x = r.left; x < r.left + r.width; ++x) {
                    const auto c =
                        image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
                    n += c.b >= c.r + 30 && c.r + c.g + c.b < 450 ? 1 : 0;
                }
            }
            return n;
        };
        CHECK(figure({0, 0, 800, 600}) > 800);
        // Nothing of the figure on the outermost 4 pixels: it lies inside the frame.
        const auto edge = figure({0, 0, 800, 4}) + figure({0, 596, 800, 4}) +
                          figure({0, 0, 4, 600}) + figure({796, 0, 4, 600});
        CHECK(edge == 0);
    }
    app::RenderRequest sheet;
    sheet.id = "cat-camel";
    sheet.sheet = true;
    sheet.out = out;
    std::ostringstream err;
    REQUIRE(app::runRender(sheet, paths, std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises",
                           err) == 0);
    sf::Image image;
    REQUIRE(image.loadFromFile(out.string()));
    CHECK(image.getSize().x == 420u * 4u); // one cell per key pose, and the fault pose
    std::filesystem::remove(out);
}

TEST_CASE("espeak-ng speaks the cues in English and German", "[app][audio]") {
    unsigned rate = 0;
    const auto english = app::Audio::synthesise("en", "Set two of three. Hold.", rate);
    REQUIRE(rate == 22050);
    const double seconds = static_cast<double>(english.size()) / rate;
    CHECK(seconds > 0.8);
    CHECK(seconds < 4.0);
    const auto german = app::Audio::synthesise("de", "Satz zwei von drei. Halten.", rate);
    CHECK(german.size() > rate / 2);
}

TEST_CASE("the voice speed setting changes how fast cues are spoken", "[app][audio]") {
    unsigned rate = 0;
    const auto slow = app::Audio::synthesise("en", "Set two of three. Hold.", rate, 50);
    const auto normal = app::Audio::synthesise("en", "Set two of three. Hold.", rate);
    const auto fast = app::Audio::synthesise("en", "Set two of three. Hold.", rate, 200);
    REQUIRE_FALSE(normal.empty());
    CHECK(fast.size() < normal.size());
    CHECK(normal.size() < slow.size());
    CHECK(fast.size() * 2 < slow.size());
}

TEST_CASE("sound settings survive a restart, other settings kept", "[app][audio]") {
    const auto home = std::filesystem::temp_directory_path() / "motus-settings-test";
    std::filesystem::remove_all(home);
    const char* old = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = old != nullptr ? old : "";
    ::setenv("XDG_CONFIG_HOME", home.c_str(), 1);
    core::Settings before;
    before.language = "de";
    before.reminders.enabled = true;
    service::saveSettings(service::settingsPath(), before);
    app::SoundSettings settings;
    settings.voice = false;
    settings.tones = true;
    settings.volume = 35;
    REQUIRE(app::saveSoundSettings(settings));
    const auto loaded = service::loadSettings(service::settingsPath());
    CHECK(loaded.diagnostics.empty());
    CHECK_FALSE(loaded.settings.sound.voice);
    CHECK(loaded.settings.sound.tones);
    CHECK(loaded.settings.sound.volume == 35);
    CHECK(loaded.settings.language == "de");
    CHECK(loaded.settings.reminders.enabled);
    std::filesystem::remove_all(home);
    const auto missing = service::loadSettings(service::settingsPath());
    CHECK(missing.settings.sound.voice);
    CHECK(missing.settings.sound.volume == 80);
    if (old != nullptr) {
        ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
    } else {
        ::unsetenv("XDG_CONFIG_HOME");
    }
}

TEST_CASE("each set is announced once; a rest says and shows what comes next", "[app][player]") {
    Session s("glute-bridge", 3, 2);
    const auto& item = s.screen->player().timeline().items().front();
    const auto rep = core::repDuration(*item.exercise, item.dose);
    // Get ready, then the first rep: its cue is shown under the figure.
    s.run(5s + 500ms);
    CHECK(s.screen->instructionText() == item.exercise->text("en").cues.at(0));
    s.run(rep);
    CHECK(s.screen->instructionText() == item.exercise->text("en").cues.at(1));
    // Going back to the first rep of the set does not announce the set again.
    s.press(sf::Keyboard::Left); // 0.5 s into rep 2: rep 1 again
    s.run(2 * rep + 500ms);      // both reps, into the rest after set 1
    REQUIRE(s.screen->player().snapshot().kind == core::StepKind::Rest);
    CHECK(s.screen->instructionText() == "Next: Glute bridge, set 2 of 3");
    s.run(s.screen->player().timeline().total());
    REQUIRE(s.screen->player().status() == core::PlayerStatus::Finished);
    const auto& spoken = s.screen->spoken();
    auto times = [&](const std::string& words) {
        return std::count_if(spoken.begin(), spoken.end(), [&](const std::string& line) {
            return line.find(words) != std::string::npos;
        });
    };
    CHECK(times("Set 1 of 3") == 1);
    CHECK(times("Set 2 of 3") == 1);
    CHECK(times("Set 3 of 3") == 1);
    CHECK(times("Get ready") == 1);
    CHECK(times("Rest 45 seconds. Next: Glute bridge, set 2 of 3") == 1);
    CHECK(times("Rest 45 seconds. Next: Glute bridge, set 3 of 3") == 1);
}

TEST_CASE("the exercise's first step and each of its cues are said once, as they are shown",
          "[app][player]") {
    Session s("glute-bridge", 3, 2); // six reps, fewer cues: the cues come round again
    const auto& item = s.screen->player().timeline().items().front();
    const auto& text = item.exercise->text("en");
    REQUIRE(text.cues.size() >= 2);
    REQUIRE(text.cues.size() < 6);
    const auto rep = core::repDuration(*item.exercise, item.dose);
    s.run(5s + 500ms + rep);     // get ready, the first rep, into the second
    s.press(sf::Keyboard::Left); // back to the first rep: its cue is not said again
    s.run(s.screen->player().timeline().total());
    REQUIRE(s.screen->player().status() == core::PlayerStatus::Finished);
    const auto& spoken = s.screen->spoken();
    auto times = [&](const std::string& words) {
        return std::count_if(spoken.begin(), spoken.end(), [&](const std::string& line) {
            return line.find(words) != std::string::npos;
        });
    };
    CHECK(times(text.steps.front()) == 1); // while getting into position
    for (const auto& cue : text.cues) {
        CHECK(times(cue) == 1);
    }
    // Each said when it is first shown: the first cue with the first rep, after the first step.
    const auto firstStep = std::find_if(spoken.begin(), spoken.end(), [&](const std::string& l) {
        return l.find(text.steps.front()) != std::string::npos;
    });
    const auto firstCue = std::find_if(spoken.begin(), spoken.end(), [&](const std::string& l) {
        return l.find(text.cues.front()) != std::string::npos;
    });
    CHECK(firstStep < firstCue);
}

TEST_CASE("the buttons say what they do; Previous rep and Next rep work by mouse",
          "[app][player]") {
    Session s("glute-bridge", 1, 5);
    s.run(6s);
    sf::FloatRect previous;
    sf::FloatRect next;
    std::vector<std::string> labels;
    for (const auto& [label, rect] : s.screen->buttons()) {
        labels.push_back(label);
        if (label.find("Previous rep") != std::string::npos) {
            previous = rect;
        } else if (label.find("Next rep") != std::string::npos) {
            next = rect;
        }
    }
    for (const auto& label : labels) {
        CHECK(label.find("Back") == std::string::npos);
        CHECK(label.find("Skip") == std::string::npos);
    }
    REQUIRE(previous.width > 0);
    REQUIRE(next.width > 0);
    CHECK(s.screen->player().snapshot().rep == 1);
    test::clickAt(*s.screen, next);
    s.run(100ms);
    CHECK(s.screen->player().snapshot().rep == 2);
    test::clickAt(*s.screen, previous);
    s.run(100ms);
    CHECK(s.screen->player().snapshot().rep == 1);
}

TEST_CASE("player by Tab: every button in turn; Enter and Space press it; the Stop dialog "
          "defaults to keep going",
          "[app][player][focus]") {
    Session s("glute-bridge", 1, 3);
    s.run(500ms);
    CHECK_FALSE(s.screen->focusedRect());
    const auto buttons = s.screen->buttons();
    REQUIRE(buttons.size() == 6);
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        test::press(*s.screen, sf::Keyboard::Tab);
        REQUIRE(s.screen->focusedRect());
        CHECK(s.screen->focusedRect()->left == buttons[i].second.left);
    }
    test::press(*s.screen, sf::Keyboard::Tab); // wraps to the first
    CHECK(s.screen->focusedRect()->left == buttons[0].second.left);
    test::press(*s.screen, sf::Keyboard::Tab); // Pause
    s.press(sf::Keyboard::Enter);
    CHECK(s.screen->player().status() == core::PlayerStatus::Paused);
    s.press(sf::Keyboard::Space);
    CHECK(s.screen->player().status() == core::PlayerStatus::Running);
    test::press(*s.screen, sf::Keyboard::Tab);
    test::press(*s.screen, sf::Keyboard::Tab); // Stop
    s.press(sf::Keyboard::Space);
    REQUIRE(s.screen->confirmingStop());
    s.press(sf::Keyboard::Enter); // the default: keep going
    CHECK_FALSE(s.screen->confirmingStop());
    CHECK(s.screen->player().status() == core::PlayerStatus::Running);
    s.press(sf::Keyboard::Escape);
    REQUIRE(s.screen->confirmingStop());
    test::press(*s.screen, sf::Keyboard::Tab); // to Stop in the dialog
    s.press(sf::Keyboard::Enter);
    CHECK(s.screen->player().status() == core::PlayerStatus::Stopped);
}

TEST_CASE("player at 640x480: the buttons and the Stop dialog inside the window",
          "[app][player][layout]") {
    Session s("glute-bridge", 1, 3);
    s.screen->resize({640.f, 480.f});
    s.run(500ms);
    for (const auto& [label, rect] : s.screen->buttons()) {
        CHECK(rect.left >= 0.f);
        CHECK(rect.left + rect.width <= 640.f);
        CHECK(rect.top + rect.height <= 480.f);
    }
    s.press(sf::Keyboard::Escape);
    for (const auto& [label, rect] : s.screen->dialogButtons()) {
        CHECK(rect.left >= 0.f);
        CHECK(rect.left + rect.width <= 640.f);
        CHECK(rect.top + rect.height <= 480.f);
    }
}
