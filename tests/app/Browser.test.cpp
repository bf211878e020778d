// The library browser, driven as a user would drive it, drawn offscreen. Needs an X display
// (scripts/test runs the suite under xvfb-run).
#include "app/BrowserScreen.hpp"
#include "app/Theme.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/I18n.hpp"

#include <SFML/Graphics.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>

using namespace motus;

namespace {

struct Fixture {
    content::LibraryLoad load =
        content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    app::BrowserScreen screen{load.library, fonts, "en", 0};
    Fixture() { screen.resize({1280.f, 800.f}); }

    void press(sf::Keyboard::Key key, bool shift = false) {
        sf::Event event;
        event.type = sf::Event::KeyPressed;
        event.key = {key, false, false, shift, false};
        screen.handleEvent(event);
    }
};

std::size_t countColour(const sf::Image& image, sf::Color colour, sf::IntRect area) {
    std::size_t count = 0;
    for (int y = area.top; y < area.top + area.height; ++y) {
        for (int x = area.left; x < area.left + area.width; ++x) {
            if (image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)) == colour) {
                ++count;
            }
        }
    }
    return count;
}

} // namespace

TEST_CASE("filters narrow the list and clear again", "[app][browser]") {
    Fixture f;
    const auto all = f.screen.visibleCount();
    REQUIRE(all == f.load.library.size());
    f.press(sf::Keyboard::R); // first region: neck
    REQUIRE(f.screen.visibleCount() > 0);
    REQUIRE(f.screen.visibleCount() < all);
    REQUIRE(f.screen.selected() != nullptr);
    CHECK(f.screen.selected()->hasRegion("neck"));
    f.press(sf::Keyboard::P); // and standing
    for (std::size_t i = 0; i < f.screen.visibleCount(); ++i) {
        CHECK(f.screen.selected()->position == core::Position::Standing);
        f.press(sf::Keyboard::Down);
    }
    f.press(sf::Keyboard::Num0);
    CHECK(f.screen.visibleCount() == all);
    f.press(sf::Keyboard::R, true); // backwards from "all": the last region
    CHECK(f.screen.visibleCount() < all);
}

TEST_CASE("arrow keys move the selection; select() opens a variant", "[app][browser]") {
    Fixture f;
    const auto* first = f.screen.selected();
    REQUIRE(first != nullptr);
    f.press(sf::Keyboard::Down);
    CHECK(f.screen.selected() != first);
    f.press(sf::Keyboard::Up);
    CHECK(f.screen.selected() == first);
    f.press(sf::Keyboard::Up); // stays at the top
    CHECK(f.screen.selected() == first);
    REQUIRE(f.screen.select("bird-dog"));
    CHECK(f.screen.selected()->id == "bird-dog");
    CHECK_FALSE(f.screen.select("no-such-exercise"));
    CHECK(f.screen.selected()->id == "bird-dog");
}

TEST_CASE("the browser draws the list, the details and the figure", "[app][browser][display]") {
    Fixture f;
    REQUIRE(f.screen.select("glute-bridge"));
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 800));
    texture.clear(app::colour::background);
    f.screen.draw(texture);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    // The selected row's accent bar at the left of the list.
    CHECK(countColour(image, app::colour::accent, {28, 300, 40, 500}) > 100);
    // The figure, in its shaded blues (not the pale floor or mat), in the details pane.
    std::size_t figure = 0;
    for (unsigned y = 300; y < 800; ++y) {
        for (unsigned x = 500; x < 1260; ++x) {
            const auto c = image.getPixel(x, y);
            figure += c.b >= c.r + 30 && c.r + c.g + c.b < 450 ? 1 : 0;
        }
    }
    CHECK(figure > 300);
    // Text in the details pane: many dark pixels.
    CHECK(countColour(image, app::colour::text, {500, 300, 760, 500}) > 200);
}

TEST_CASE("a filter is chosen from its drop-down with the mouse", "[app][browser]") {
    Fixture f;
    const auto all = f.screen.visibleCount();
    auto click = [&](float x, float y) {
        sf::Event event;
        event.type = sf::Event::MouseButtonPressed;
        event.mouseButton = {sf::Mouse::Left, static_cast<int>(x), static_cast<int>(y)};
        f.screen.handleEvent(event);
    };
    // The region button is the first at the top left; its menu opens below it with "all"
    // first, then the regions in their order (neck first).
    const auto region = f.screen.filterButton(app::BrowserScreen::FilterKind::Region);
    const float menuTop = region.top + region.height + 6.f;
    click(region.left + 30.f, region.top + 20.f);
    click(region.left + 30.f, menuTop + 42.f + 20.f);
    REQUIRE(f.screen.visibleCount() < all);
    CHECK(f.screen.selected()->hasRegion("neck"));
    // Opening the menu again and clicking outside it closes it and changes nothing.
    const auto narrowed = f.screen.visibleCount();
    click(region.left + 30.f, region.top + 20.f);
    click(1200.f, 780.f);
    CHECK(f.screen.visibleCount() == narrowed);
    // "all" clears the filter.
    click(region.left + 30.f, region.top + 20.f);
    click(region.left + 30.f, menuTop + 20.f);
    CHECK(f.screen.visibleCount() == all);
}

TEST_CASE("the library opened from Today has a Back button for the mouse", "[app][browser]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    bool back = false;
    app::BrowserScreen screen{load.library, fonts, "en", 0, {}, [&] { back = true; }};
    screen.resize({1280.f, 800.f});
    sf::Event event;
    event.type = sf::Event::MouseButtonPressed;
    event.mouseButton = {sf::Mouse::Left, static_cast<int>(app::kBackButton.left + 20.f),
                         static_cast<int>(app::kBackButton.top + 20.f)};
    screen.handleEvent(event);
    CHECK(back);
}

TEST_CASE("the library by Tab: every control once, wrapping; a filter chosen and Try it by the "
          "keys; Esc lets go first",
          "[app][browser][focus]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    int back = 0;
    int settings = 0;
    int newProgram = 0;
    int programs = 0;
    std::vector<std::string> played;
    app::BrowserScreen screen{
        load.library,   fonts, "en", 0, [&](const core::Exercise& ex) { played.push_back(ex.id); },
        [&] { ++back; }};
    screen.setSettingsAction([&] { ++settings; });
    screen.setNewProgramAction([&] { ++newProgram; });
    screen.setProgramsAction([&] { ++programs; });
    screen.resize({1280.f, 800.f});
    auto press = [&](sf::Keyboard::Key key, bool shift = false) {
        sf::Event event;
        event.type = sf::Event::KeyPressed;
        event.key = {key, false, false, shift, false};
        screen.handleEvent(event);
    };
    auto drawnImage = [&] {
        sf::RenderTexture texture;
        REQUIRE(texture.create(1280, 800));
        texture.clear(app::colour::background);
        screen.draw(texture);
        texture.display();
        return texture.getTexture().copyToImage();
    };
    // The ring: the accent 4 to 7 pixels above the focused rectangle.
    auto ringAbove = [](const sf::Image& image, sf::FloatRect rect) {
        return countColour(image, app::colour::accent,
                           {static_cast<int>(rect.left) + 12, static_cast<int>(rect.top) - 7,
                            static_cast<int>(rect.width) - 24, 4});
    };

    // Back, New program, Settings, the three filters, Start a program, the list, Try it.
    const auto order = screen.focusOrder();
    REQUIRE(order.size() == 9);
    CHECK(order[0] == app::kBackButton);
    CHECK(order[1] == screen.newProgramButton());
    CHECK(order[2] == screen.settingsButton());
    CHECK_FALSE(screen.focusedRect());
    for (std::size_t i = 0; i < order.size(); ++i) {
        press(sf::Keyboard::Tab);
        REQUIRE(screen.focusedRect());
        CHECK(*screen.focusedRect() == order[i]);
        for (std::size_t j = 0; j < i; ++j) {
            CHECK_FALSE(order[j] == order[i]); // each once
        }
    }
    press(sf::Keyboard::Tab);
    CHECK(*screen.focusedRect() == order.front());
    press(sf::Keyboard::Tab, true);
    CHECK(*screen.focusedRect() == order.back());
    press(sf::Keyboard::Tab, true);
    press(sf::Keyboard::Tab, true);
    CHECK(*screen.focusedRect() == order[6]); // Start a program
    CHECK(ringAbove(drawnImage(), order[6]) > 100);
    press(sf::Keyboard::Enter);
    CHECK(programs == 1);

    // The region filter: Space opens its menu on "all", ↓ goes to the first region, Enter
    // chooses it, and the focus is on the filter again.
    const auto all = screen.visibleCount();
    press(sf::Keyboard::Tab, true);
    press(sf::Keyboard::Tab, true);
    press(sf::Keyboard::Tab, true);
    CHECK(*screen.focusedRect() == order[3]);
    press(sf::Keyboard::Space);
    REQUIRE(screen.focusedRect());
    const sf::FloatRect onAll = *screen.focusedRect();
    CHECK(onAll.top > order[3].top + order[3].height); // in the menu below the filter
    press(sf::Keyboard::Down);
    CHECK(screen.focusedRect()->top > onAll.top);
    const auto menuShot = drawnImage();
    CHECK(ringAbove(menuShot, *screen.focusedRect()) > 50);
    if (const char* folder = std::getenv("MOTUS_TEST_SHOTS"); folder != nullptr && *folder) {
        CHECK(menuShot.saveToFile(
            (std::filesystem::path(folder) / "library-focus-menu.png").string()));
    }
    press(sf::Keyboard::Enter);
    REQUIRE(screen.visibleCount() < all);
    CHECK(screen.selected()->hasRegion("neck"));
    CHECK(*screen.focusedRect() == order[3]);

    // The list keeps ↑ ↓; Try it plays the chosen exercise.
    for (int i = 0; i < 4; ++i) { // the other two filters, Start a program, the list
        press(sf::Keyboard::Tab);
    }
    CHECK(*screen.focusedRect() == screen.focusOrder()[7]);
    const std::string first = screen.selected()->id;
    press(sf::Keyboard::Down);
    CHECK(screen.selected()->id != first);
    const std::string second = screen.selected()->id;
    if (const char* folder = std::getenv("MOTUS_TEST_SHOTS"); folder != nullptr && *folder) {
        CHECK(drawnImage().saveToFile(
            (std::filesystem::path(folder) / "library-focus-list.png").string()));
    }
    press(sf::Keyboard::Tab);
    press(sf::Keyboard::Space);
    REQUIRE(played.size() == 1);
    CHECK(played.front() == second);
    CHECK(settings == 0);
    CHECK(newProgram == 0);

    // Esc lets go of the focus; the next Esc goes back.
    press(sf::Keyboard::Escape);
    CHECK_FALSE(screen.focusedRect());
    CHECK(back == 0);
    press(sf::Keyboard::Escape);
    CHECK(back == 1);
}

TEST_CASE("the library at 640x480: every control inside the window, none over another",
          "[app][browser][focus]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    for (const std::string lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        app::BrowserScreen screen{load.library, fonts, lang, 0, [](const core::Exercise&) {},
                                  [] {}};
        screen.setSettingsAction([] {});
        screen.setNewProgramAction([] {});
        screen.setProgramsAction([] {});
        screen.resize({640.f, 480.f});
        const auto order = screen.focusOrder();
        REQUIRE(order.size() == 9);
        for (std::size_t i = 0; i < order.size(); ++i) {
            INFO(lang << " control " << i);
            CHECK(order[i].left >= 0.f);
            CHECK(order[i].top >= 0.f);
            CHECK(order[i].left + order[i].width <= 640.f);
            CHECK(order[i].top + order[i].height <= 480.f);
            // The buttons above the list (Back to Start a program) apart from each other.
            for (std::size_t j = 0; j < i && i < 7; ++j) {
                CHECK_FALSE(order[i].intersects(order[j]));
            }
        }
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}
