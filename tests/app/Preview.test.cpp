// `motus FILE`'s import preview: what the file holds and what starting it does; Start assigns
// it, Cancel (Esc, the button, Back) and a file with errors assign nothing. In-memory journal.
#include "app/PreviewScreen.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/Practice.hpp"

#include "Events.hpp"
#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>

using namespace motus;

using motus::test::clickAt;
using motus::test::drawn;
using motus::test::press;

namespace {

const std::filesystem::path kLibrary = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";

struct Preview {
    core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    core::MemoryJournal* journal = nullptr;
    std::unique_ptr<service::Practice> practice;
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    std::filesystem::path dir;
    int started = 0;
    int cancelled = 0;

    Preview() {
        auto memory = std::make_unique<core::MemoryJournal>();
        journal = memory.get();
        practice = std::make_unique<service::Practice>(service::PracticeOptions{
            kLibrary, {}, std::move(memory), [this] { return core::stampOn(date); }});
        dir = std::filesystem::temp_directory_path() /
              ("motus-preview-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(dir);
    }
    ~Preview() { std::filesystem::remove_all(dir); }
    Preview(const Preview&) = delete;
    Preview& operator=(const Preview&) = delete;

    [[nodiscard]] std::filesystem::path write(const std::string& name, const std::string& text) {
        const auto path = dir / name;
        std::ofstream(path) << text;
        return path;
    }
    [[nodiscard]] std::unique_ptr<app::PreviewScreen> open(const std::filesystem::path& file) {
        auto screen = std::make_unique<app::PreviewScreen>(
            *practice, file, fonts, "en", [this] { ++started; }, [this] { ++cancelled; });
        screen->resize({1280.f, 800.f});
        return screen;
    }
};

// Pixels of the accent colour (a filled button) inside `rect` of the drawn screen.
std::size_t accentIn(const app::Screen& screen, sf::FloatRect rect) {
    const auto image = drawn(screen);
    std::size_t count = 0;
    for (auto y = static_cast<unsigned>(rect.top);
         y < static_cast<unsigned>(rect.top + rect.height); ++y) {
        for (auto x = static_cast<unsigned>(rect.left);
             x < static_cast<unsigned>(rect.left + rect.width); ++x) {
            count += image.getPixel(x, y) == app::colour::accent;
        }
    }
    return count;
}

const char* const kBroken = "<program id=\"broken\" format=\"1\">\n  <title>B</title>\n"
                            "  <author>A</author>\n"
                            "  <phase name=\"One\" weeks=\"1\" per-week=\"7\">\n"
                            "    <item exercise=\"no-such-exercise\"/>\n  </phase>\n</program>\n";

} // namespace

TEST_CASE("preview: a bundled program shown, then Start this program assigns it from today",
          "[app][preview]") {
    Preview t;
    const auto file = kLibrary / "programs" / "hip-knee.xml";
    auto screen = t.open(file);
    REQUIRE(screen->canStart());
    const auto& program = *screen->preview().program;
    CHECK(program.id == "hip-knee");
    CHECK(program.author == "Motus contributors");
    CHECK(screen->preview().diagnostics.empty());
    CHECK(screen->whatHappens() == "It starts today.");
    // Three phases of exercises with figures: taller than the window, so it scrolls.
    CHECK(screen->contentHeight() > 800.f);
    press(*screen, sf::Keyboard::PageDown);
    CHECK(screen->scroll() > 0.f);
    sf::Event wheel;
    wheel.type = sf::Event::MouseWheelScrolled;
    wheel.mouseWheelScroll = {sf::Mouse::VerticalWheel, 20.f, 600, 400};
    screen->handleEvent(wheel);
    CHECK(screen->scroll() == 0.f);
    CHECK(accentIn(*screen, screen->startButton()) > 5000); // Start is offered
    CHECK_FALSE(t.journal->activeProgram());

    press(*screen, sf::Keyboard::Enter);
    CHECK(t.started == 1);
    CHECK(t.cancelled == 0);
    const auto active = t.journal->activeProgram();
    REQUIRE(active);
    CHECK(active->programId == "hip-knee");
    CHECK(active->start == t.date);
}

TEST_CASE("preview: Start by mouse replaces the program assigned now, which the preview names",
          "[app][preview]") {
    Preview t;
    (void)t.practice->assign(kLibrary / "programs" / "low-back-motor-control.xml", std::nullopt,
                             false);
    auto screen = t.open(kLibrary / "programs" / "neck-upper-back.xml");
    REQUIRE(screen->preview().replaces);
    CHECK(screen->whatHappens() == "Starting it replaces '" + *screen->preview().replaces +
                                       "'; that program and its record stay in your history.");
    CHECK(screen->whatHappens().find("Low back") != std::string::npos);
    clickAt(*screen, screen->startButton());
    CHECK(t.started == 1);
    REQUIRE(t.journal->activeProgram());
    CHECK(t.journal->activeProgram()->programId == "neck-upper-back");
}

TEST_CASE("preview: Esc, the Cancel button and Back assign nothing", "[app][preview]") {
    Preview t;
    auto screen = t.open(kLibrary / "programs" / "hip-knee.xml");
    press(*screen, sf::Keyboard::Escape);
    CHECK(t.cancelled == 1);
    clickAt(*screen, screen->cancelButton());
    CHECK(t.cancelled == 2);
    clickAt(*screen, app::kBackButton);
    CHECK(t.cancelled == 3);
    CHECK(t.started == 0);
    CHECK_FALSE(t.journal->activeProgram());
    CHECK(t.journal->prescriptions().empty());
}

TEST_CASE("preview: a file with errors shows them and offers only Cancel", "[app][preview]") {
    Preview t;
    auto screen = t.open(t.write("broken.xml", kBroken));
    CHECK_FALSE(screen->canStart());
    REQUIRE(screen->preview().diagnostics.size() == 1);
    CHECK(screen->preview().diagnostics[0].line == 5);
    CHECK(screen->preview().diagnostics[0].message.find("unknown exercise") != std::string::npos);
    CHECK(screen->whatHappens().find("motus validate") != std::string::npos);
    CHECK(accentIn(*screen, screen->startButton()) == 0); // no Start button drawn
    press(*screen, sf::Keyboard::Enter);
    clickAt(*screen, screen->startButton());
    CHECK(t.started == 0);
    CHECK_FALSE(t.journal->activeProgram());
    press(*screen, sf::Keyboard::Escape);
    CHECK(t.cancelled == 1);
}

TEST_CASE("preview: a warning is shown and the program can still be started", "[app][preview]") {
    Preview t;
    // An exercise and its harder variant in one phase: valid, with a warning.
    auto screen = t.open(t.write(
        "variants.xml",
        "<program id=\"mine\" format=\"1\">\n  <title>Mine</title>\n  <author>Dr A</author>\n"
        "  <patient>Ms B</patient>\n  <phase name=\"One\" weeks=\"2\" per-week=\"3\">\n"
        "    <item exercise=\"dead-bug-bent-knee-tap\"/>\n    <item exercise=\"dead-bug\"/>\n"
        "  </phase>\n</program>\n"));
    REQUIRE(screen->canStart());
    CHECK(screen->preview().program->patient == "Ms B");
    REQUIRE(screen->preview().diagnostics.size() == 1);
    CHECK_FALSE(screen->preview().diagnostics[0].isError());
    press(*screen, sf::Keyboard::Enter);
    REQUIRE(t.journal->activeProgram());
    CHECK(t.journal->activeProgram()->programId == "mine");
}

TEST_CASE("preview by Tab: Back, Start, Cancel in turn; Space presses the focused one; the "
          "buttons inside 640x480",
          "[app][preview][focus]") {
    Preview t;
    auto screen = t.open(kLibrary / "programs" / "hip-knee.xml");
    screen->resize({640.f, 480.f});
    for (const auto& rect : {screen->startButton(), screen->cancelButton()}) {
        CHECK(rect.left >= 0.f);
        CHECK(rect.left + rect.width <= 640.f);
        CHECK(rect.top + rect.height <= 480.f);
    }
    CHECK_FALSE(screen->focus());
    press(*screen, sf::Keyboard::Tab);
    CHECK(screen->focus() == app::PreviewScreen::Control::Back);
    press(*screen, sf::Keyboard::Tab);
    CHECK(screen->focus() == app::PreviewScreen::Control::Start);
    press(*screen, sf::Keyboard::Tab);
    CHECK(screen->focus() == app::PreviewScreen::Control::Cancel);
    press(*screen, sf::Keyboard::Tab, true); // Shift+Tab: back to Start
    press(*screen, sf::Keyboard::Tab);
    press(*screen, sf::Keyboard::Space); // Cancel
    CHECK(t.cancelled == 1);
    CHECK(t.started == 0);
    press(*screen, sf::Keyboard::Tab, true);
    CHECK(screen->focus() == app::PreviewScreen::Control::Start);
    press(*screen, sf::Keyboard::Enter);
    CHECK(t.started == 1);
}
