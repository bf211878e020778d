// The program builder in the window: a scripted therapist adds an exercise, changes its dose,
// fills in the program and saves it, with the mouse and with the keyboard; the saved file loads
// with the program loader.
#include "app/BrowserScreen.hpp"
#include "app/BuilderScreen.hpp"
#include "app/Flows.hpp"
#include "app/OpenFileScreen.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"

#include "Events.hpp"
#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>

using namespace motus;

using motus::test::clickAt;
using motus::test::drawn;
using motus::test::press;

namespace {

namespace fs = std::filesystem;

const core::Library& library() {
    static const auto load = content::loadLibrary({fs::path(MOTUS_SOURCE_DIR) / "exercises"});
    return load.library;
}

// Characters typed (TextEntered), as the window delivers them.
void type(app::Screen& screen, const std::string& text) {
    for (char c : text) {
        sf::Event event;
        event.type = sf::Event::TextEntered;
        event.text.unicode = static_cast<sf::Uint32>(static_cast<unsigned char>(c));
        screen.handleEvent(event);
    }
}

void pressControl(app::Screen& screen, sf::Keyboard::Key key) {
    sf::Event event;
    event.type = sf::Event::KeyPressed;
    event.key = {key, false, true, false, false};
    screen.handleEvent(event);
}

struct Builder {
    app::Fonts fonts = app::Fonts::load(fs::path(MOTUS_SOURCE_DIR) / "assets");
    fs::path dir;
    int backs = 0;
    std::unique_ptr<app::BuilderScreen> screen;

    Builder() {
        dir = fs::temp_directory_path() /
              ("motus-builder-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::remove_all(dir);
        fs::create_directories(dir);
        screen = std::make_unique<app::BuilderScreen>(service::ProgramDraft(library(), "en"), fonts,
                                                      "en", [this] { ++backs; });
        screen->resize({1280.f, 800.f});
    }
    ~Builder() { fs::remove_all(dir); }
    Builder(const Builder&) = delete;
    Builder& operator=(const Builder&) = delete;

    void click(const std::string& key, int part = 0) {
        const sf::FloatRect rect = screen->controlRect(key, part);
        INFO("control " << key);
        REQUIRE(rect.width > 0);
        clickAt(*screen, rect);
    }
    // Empties the focused text field.
    void clearField(std::size_t length) {
        press(*screen, sf::Keyboard::End);
        for (std::size_t i = 0; i < length; ++i) {
            press(*screen, sf::Keyboard::BackSpace);
        }
    }
};

std::string readAll(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("builder: with the mouse, add an exercise, change its dose, save; the file loads",
          "[app][builder]") {
    Builder b;
    app::BuilderScreen& s = *b.screen;
    CHECK(s.tab() == 0);
    CHECK(s.focusedKey() == "title");
    b.clearField(s.draft().program().title.size());
    type(s, "Neck, first weeks");
    CHECK(s.draft().program().title == "Neck, first weeks");
    CHECK(s.draft().program().id == "neck-first-weeks");
    b.click("author");
    type(s, "Physio Example");
    CHECK(s.draft().program().author == "Physio Example");
    b.click("file");
    b.clearField(s.targetFile().string().size());
    const fs::path file = b.dir / "neck.motus.xml";
    type(s, file.string());
    CHECK(s.targetFile() == file);

    // Phase 1: search the library, choose, add.
    b.click("tab.1");
    CHECK(s.tab() == 1);
    b.click("search");
    type(s, "cat-camel");
    REQUIRE(s.libraryChoice() != nullptr);
    CHECK(s.libraryChoice()->id == "cat-camel");
    b.click("add");
    REQUIRE(s.draft().program().phases[0].items.size() == 1);
    CHECK(s.selectedItem() == 0u);
    CHECK_THAT(s.status(), Catch::Contains("added"));
    // The dose: + and −, and the exercise's bounds (reps 5-8) as the limit.
    CHECK(s.draft().value(0, 0, service::DoseField::Reps) == 6);
    b.click("dose.reps", +1);
    CHECK(s.draft().value(0, 0, service::DoseField::Reps) == 7);
    b.click("dose.reps", +1);
    b.click("dose.reps", +1);
    CHECK(s.draft().value(0, 0, service::DoseField::Reps) == 8);
    CHECK(s.status() == "Repetitions: 5 to 8 is allowed for this exercise.");
    b.click("dose.rest", +1);
    CHECK(s.draft().value(0, 0, service::DoseField::Rest) == 1);
    b.click("lock");
    CHECK(s.draft().program().phases[0].items[0].locked);
    // A second phase with its own frequency.
    b.click("add-phase");
    CHECK(s.tab() == 2);
    b.click("per-week", -1);
    CHECK(s.draft().program().phases[1].perWeek == 6);
    b.click("search");
    b.clearField(std::string("cat-camel").size()); // the search stays as it was
    type(s, "chin");
    REQUIRE(s.libraryChoice() != nullptr);
    b.click("add");
    REQUIRE(s.draft().program().phases[1].items.size() == 1);
    const auto image = drawn(s);
    CHECK(image.getSize().x == 1280);

    b.click("save");
    INFO(s.status());
    REQUIRE(fs::exists(file));
    CHECK_THAT(s.status(), Catch::Contains("Saved to " + file.string()));
    CHECK_FALSE(s.draft().modified());
    const auto loaded = content::loadProgramFile(file, library());
    REQUIRE(loaded.program);
    CHECK(loaded.program->title == "Neck, first weeks");
    CHECK(loaded.program->phases[0].items[0].exercise == "cat-camel");
    CHECK(loaded.program->phases[0].items[0].dose.reps == 8);
    CHECK(loaded.program->phases[0].items[0].locked);
    CHECK(loaded.program->phases[1].perWeek == 6);
    CHECK(content::writeProgram(*loaded.program, {}) == readAll(file));

    // Back leaves at once when everything is saved.
    clickAt(s, app::kBackButton);
    CHECK(b.backs == 1);
}

TEST_CASE("builder: with the keyboard alone, and Back asks before unsaved changes are lost",
          "[app][builder]") {
    Builder b;
    app::BuilderScreen& s = *b.screen;
    type(s, " for K.");
    CHECK(s.draft().program().title == "New program for K.");
    press(s, sf::Keyboard::Tab); // author
    CHECK(s.focusedKey() == "author");
    type(s, "Physio");
    pressControl(s, sf::Keyboard::PageDown); // the first phase
    CHECK(s.tab() == 1);
    s.focus("search");
    type(s, "glute bridge");
    press(s, sf::Keyboard::Enter); // to the list
    CHECK(s.focusedKey() == "library");
    REQUIRE(s.libraryChoice() != nullptr);
    CHECK(s.libraryChoice()->id == "glute-bridge");
    press(s, sf::Keyboard::Enter); // add it
    REQUIRE(s.draft().program().phases[0].items.size() == 1);
    // Tab to the sets, then up, and digits typed (clamped as they are typed).
    while (s.focusedKey() != "dose.sets") {
        press(s, sf::Keyboard::Tab);
    }
    press(s, sf::Keyboard::Down);
    CHECK(s.draft().value(0, 0, service::DoseField::Sets) == 2);
    press(s, sf::Keyboard::Tab);
    CHECK(s.focusedKey() == "range.sets.min");
    press(s, sf::Keyboard::Tab);
    press(s, sf::Keyboard::Tab);
    CHECK(s.focusedKey() == "dose.reps");
    type(s, "12");
    CHECK(s.draft().value(0, 0, service::DoseField::Reps) == 12);
    type(s, "9");
    // 129 is out of range: the exercise's highest is taken and said.
    CHECK(s.draft().value(0, 0, service::DoseField::Reps) == 15);
    CHECK_THAT(s.status(), Catch::Contains("is allowed for this exercise"));

    // Esc with unsaved changes: once warns, twice leaves.
    press(s, sf::Keyboard::Escape);
    CHECK(b.backs == 0);
    CHECK_THAT(s.status(), Catch::Contains("not saved"));

    // Ctrl+S saves to the file field's name; a file that exists is only replaced when asked twice.
    const fs::path file = b.dir / "bridge.motus.xml";
    std::ofstream(file) << "keep me\n";
    pressControl(s, sf::Keyboard::PageUp); // back to the program tab
    CHECK(s.tab() == 0);
    s.focus("file");
    b.clearField(s.targetFile().string().size());
    type(s, file.string());
    pressControl(s, sf::Keyboard::S);
    CHECK(readAll(file) == "keep me\n");
    CHECK_THAT(s.status(), Catch::Contains("already exists"));
    pressControl(s, sf::Keyboard::S);
    const auto loaded = content::loadProgramFile(file, library());
    REQUIRE(loaded.program);
    CHECK(loaded.program->author == "Physio");
    CHECK(loaded.program->phases[0].items[0].dose.sets == 2);
    CHECK(loaded.program->phases[0].items[0].dose.reps == 15);
    press(s, sf::Keyboard::Escape);
    CHECK(b.backs == 1);
}

TEST_CASE("builder: opens a program file to edit it, and saves a copy beside it",
          "[app][builder]") {
    Builder b;
    app::BuilderScreen& s = *b.screen;
    const fs::path file = b.dir / "hip-knee.xml";
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" / "hip-knee.xml", file);
    CHECK_FALSE(s.load(b.dir / "missing.xml"));
    CHECK_THAT(s.status(), Catch::Contains("missing.xml"));
    REQUIRE(s.load(file));
    CHECK(s.tab() == 1);
    CHECK(s.selectedItem() == 0u);
    CHECK(s.targetFile() == file);
    b.click("dose.sets", -1);
    CHECK(s.draft().modified());
    CHECK(s.saveTo(file));
    CHECK(content::loadProgramFile(file, library()).program->phases[0].items[0].dose.sets == 1);
    // A copy needs its own place: the test's folder stands in for Documents.
    const char* home = std::getenv("HOME");
    const std::string savedHome = home != nullptr ? home : "";
    ::setenv("HOME", b.dir.c_str(), 1);
    const bool copied = s.saveCopy();
    ::setenv("HOME", savedHome.c_str(), 1);
    CHECK(copied);
    CHECK(s.draft().program().id == "hip-knee-copy");
    CHECK(fs::exists(b.dir / "hip-knee-copy.motus.xml"));
    CHECK(content::loadProgramFile(file, library()).program->id == "hip-knee");
}

TEST_CASE("builder: the library opens it with its New program button or the key N",
          "[app][builder]") {
    const app::Fonts fonts = app::Fonts::load(fs::path(MOTUS_SOURCE_DIR) / "assets");
    app::BrowserScreen browser(library(), fonts, "en", 0);
    browser.resize({1280.f, 800.f});
    int opened = 0;
    press(browser, sf::Keyboard::N); // nothing without the action
    CHECK(opened == 0);
    browser.setNewProgramAction([&] { ++opened; });
    const sf::FloatRect button = browser.newProgramButton();
    REQUIRE(button.width > 0);
    CHECK(button.left + button.width <= 1280.f);
    clickAt(browser, button);
    CHECK(opened == 1);
    press(browser, sf::Keyboard::N);
    CHECK(opened == 2);
}

TEST_CASE("builder: Open… (Ctrl+O or its button) edits a file from the list of program files, "
          "asking once before unsaved changes are lost",
          "[app][builder]") {
    Builder b;
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" / "hip-knee.xml",
                  b.dir / "from-the-clinic.xml");
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "exercises" / "low-back" / "glute-bridge.xml",
                  b.dir / "an-exercise.xml");
    app::ScreenStack screens;
    auto owned = std::make_unique<app::BuilderScreen>(service::ProgramDraft(library(), "en"),
                                                      b.fonts, "en", [&screens] { screens.pop(); });
    app::BuilderScreen* builder = owned.get();
    int chooserRuns = 0;
    app::OpenFileFlow flow;
    flow.choose = [&] {
        ++chooserRuns;
        return service::FileChoice{}; // no chooser on this desktop: the list
    };
    flow.folders = [&] { return std::vector<fs::path>{b.dir}; };
    builder->setOpenAction([&] {
        app::chooseProgramFile(screens, b.fonts, flow,
                               [builder](const fs::path& file) { (void)builder->load(file); });
    });
    screens.push(std::move(owned));
    const sf::Vector2f size{1280.f, 800.f};
    screens.applyPending(size);
    REQUIRE(builder->controlRect("open").width > 0);
    // A change not saved: the first Ctrl+O only warns.
    builder->focus("title");
    type(*builder, "Knee");
    REQUIRE(builder->draft().modified());
    pressControl(*builder, sf::Keyboard::O);
    screens.applyPending(size);
    CHECK(chooserRuns == 0);
    CHECK(screens.top() == builder);
    CHECK_THAT(builder->status(), Catch::Contains("not saved"));
    // The button, a second time: the list of program files (the exercise file is not one).
    clickAt(*builder, builder->controlRect("open"));
    screens.applyPending(size);
    CHECK(chooserRuns == 1);
    auto* list = dynamic_cast<app::OpenFileScreen*>(screens.top());
    REQUIRE(list != nullptr);
    REQUIRE(list->files().size() == 1);
    CHECK(list->files()[0].file.filename() == "from-the-clinic.xml");
    press(*list, sf::Keyboard::Enter);
    screens.applyPending(size);
    // The list is gone; the builder edits the file.
    CHECK(screens.top() == builder);
    CHECK(builder->draft().program().id == "hip-knee");
    CHECK(builder->targetFile() == b.dir / "from-the-clinic.xml");
    CHECK_FALSE(builder->draft().modified());
    // Esc on the list changes nothing.
    pressControl(*builder, sf::Keyboard::O);
    screens.applyPending(size);
    list = dynamic_cast<app::OpenFileScreen*>(screens.top());
    REQUIRE(list != nullptr);
    press(*list, sf::Keyboard::Escape);
    screens.applyPending(size);
    CHECK(screens.top() == builder);
    CHECK(builder->draft().program().id == "hip-knee");
}

TEST_CASE("builder: the handout of the program as built, beside its file", "[app][builder]") {
    Builder b;
    app::BuilderScreen& s = *b.screen;
    REQUIRE(s.tab() == 0);
    // A new program has nothing in it yet: no handout, and it says why.
    b.click("handout");
    CHECK_THAT(s.status(), Catch::Contains("complete program"));
    CHECK(fs::directory_iterator(b.dir) == fs::directory_iterator());
    const fs::path file = b.dir / "hip-knee.motus.xml";
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" / "hip-knee.xml", file);
    REQUIRE(s.load(file));
    pressControl(s, sf::Keyboard::PageUp); // back to the program's tab
    REQUIRE(s.tab() == 0);
    b.click("handout");
    const fs::path handout = b.dir / "hip-knee-handout.html";
    CHECK_THAT(s.status(), Catch::Contains(handout.string()));
    REQUIRE(fs::exists(handout));
    std::ifstream in(handout);
    std::stringstream text;
    text << in.rdbuf();
    CHECK_THAT(text.str(), Catch::StartsWith("<!DOCTYPE html>"));
    CHECK_THAT(text.str(), Catch::Contains("Hip and knee"));
    CHECK_THAT(text.str(), Catch::Contains("<svg"));
    CHECK((fs::status(handout).permissions() & fs::perms::others_read) == fs::perms::none);
}

TEST_CASE("builder: in a small window (640x480) Save and Back stay in the window, and Tab "
          "scrolls the page to the control it reaches",
          "[app][builder]") {
    Builder b;
    app::BuilderScreen& s = *b.screen;
    s.resize({640.f, 480.f});
    const sf::FloatRect window{0.f, 0.f, 640.f, 480.f};
    auto inside = [](sf::FloatRect outer, sf::FloatRect inner) {
        return inner.width > 0 && inner.left >= outer.left && inner.top >= outer.top &&
               inner.left + inner.width <= outer.left + outer.width &&
               inner.top + inner.height <= outer.top + outer.height;
    };
    CHECK(inside(window, s.controlRect("save")));
    CHECK(inside(window, app::kBackButton));

    // The first phase, an exercise added: its dose and options lie below the page's end.
    b.click("tab.1");
    REQUIRE(s.tab() == 1);
    s.focus("search");
    type(s, "glute bridge");
    press(s, sf::Keyboard::Enter);
    press(s, sf::Keyboard::Enter);
    REQUIRE(s.draft().program().phases[0].items.size() == 1);
    CHECK(inside(window, s.controlRect("save")));
    const sf::FloatRect page = s.page().area();
    CHECK(inside(window, page));
    CHECK(s.page().scrolls());
    CHECK(s.controlRect("lock").top >= page.top + page.height);

    // Tab to Locked: the page scrolls to show it, and a click there presses it.
    for (int i = 0; i < 60 && s.focusedKey() != "lock"; ++i) {
        press(s, sf::Keyboard::Tab);
    }
    REQUIRE(s.focusedKey() == "lock");
    CHECK(s.page().offset() > 0.f);
    CHECK(inside(page, s.controlRect("lock")));
    b.click("lock");
    CHECK(s.draft().program().phases[0].items[0].locked);
    // On round to the tabs (in the page in a window this low): back up to the top.
    for (int i = 0; i < 60 && s.focusedKey() != "tab.1"; ++i) {
        press(s, sf::Keyboard::Tab);
    }
    REQUIRE(s.focusedKey() == "tab.1");
    CHECK(inside(page, s.controlRect("tab.1")));
    CHECK(s.page().offset() == 0.f);
    // The wheel scrolls the page too.
    sf::Event wheel;
    wheel.type = sf::Event::MouseWheelScrolled;
    wheel.mouseWheelScroll = {sf::Mouse::VerticalWheel, -3.f,
                              static_cast<int>(page.left + page.width - 20.f),
                              static_cast<int>(page.top + 20.f)}; // beside the tabs
    s.handleEvent(wheel);
    CHECK(s.page().offset() > 0.f);
}
