// The first run and "Open a program file…", walked as a patient would on a ScreenStack of the
// test's own (keys and clicks through each screen's handleEvent): the welcome, the safety
// questions, the three choices; the list of program files (no desktop chooser), the preview,
// Start; a warning sign that starts nothing. In-memory journal.
#include "app/FirstRunScreens.hpp"
#include "app/Flows.hpp"
#include "app/OpenFileScreen.hpp"
#include "app/PreviewScreen.hpp"
#include "app/ProgramsScreen.hpp"
#include "app/SafetyScreen.hpp"
#include "app/TodayScreen.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/Practice.hpp"

#include "Events.hpp"
#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <utime.h>

using namespace motus;

using motus::test::clickAt;
using motus::test::press;

namespace fs = std::filesystem;

namespace {

const fs::path kLibrary = fs::path(MOTUS_SOURCE_DIR) / "exercises";

struct Walk {
    core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    core::MemoryJournal* journal = nullptr;
    std::unique_ptr<service::Practice> practice;
    app::Fonts fonts = app::Fonts::load(fs::path(MOTUS_SOURCE_DIR) / "assets");
    app::ScreenStack screens;
    fs::path dir;
    sf::Vector2f size{1280.f, 800.f};
    service::FileChoice chooserAnswer; // what the desktop's chooser gives (NoChooser: the list)
    int chooserRuns = 0;
    int seen = 0;
    int started = 0;
    int browsed = 0;
    int later = 0;
    int warned = 0;
    int starterPrograms = 0;

    Walk() {
        auto memory = std::make_unique<core::MemoryJournal>();
        journal = memory.get();
        practice = std::make_unique<service::Practice>(service::PracticeOptions{
            kLibrary, {}, std::move(memory), [this] { return core::stampOn(date); }});
        dir = fs::temp_directory_path() /
              ("motus-firstrun-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(dir / "Downloads");
        fs::create_directories(dir / "Documents");
    }
    ~Walk() { fs::remove_all(dir); }
    Walk(const Walk&) = delete;
    Walk& operator=(const Walk&) = delete;

    void copy(const fs::path& from, const fs::path& to, std::time_t modified) {
        fs::copy_file(from, to, fs::copy_options::overwrite_existing);
        const struct utimbuf times { modified, modified };
        REQUIRE(::utime(to.c_str(), &times) == 0);
    }

    app::OpenFileFlow openFlow() {
        app::OpenFileFlow flow;
        flow.choose = [this] {
            ++chooserRuns;
            return chooserAnswer;
        };
        flow.folders = [this] {
            return std::vector<fs::path>{dir / "Downloads", dir / "Documents"};
        };
        flow.started = [this] {
            ++started;
            screens.clear();
        };
        return flow;
    }

    void firstRun(std::function<void()> fileGiven = {}) {
        app::FirstRunActions actions;
        actions.fileGiven = std::move(fileGiven);
        actions.openFile = [this] {
            app::openProgramFile(screens, *practice, fonts, "en", openFlow());
        };
        actions.starterPrograms = [this] {
            ++starterPrograms;
            std::vector<app::ProgramsScreen::Entry> entries;
            for (const auto& file : practice->bundledProgramFiles()) {
                if (auto preview = practice->preview(file); preview.program) {
                    entries.push_back({std::move(*preview.program), file});
                }
            }
            auto programs = std::make_unique<app::ProgramsScreen>(
                std::move(entries), fonts, "en", [](const app::ProgramsScreen::Entry&) {},
                [this] { screens.pop(); });
            programs->setOpenFileAction(
                [this] { app::openProgramFile(screens, *practice, fonts, "en", openFlow()); });
            screens.push(std::move(programs));
        };
        actions.browse = [this] {
            ++browsed;
            screens.clear();
        };
        actions.seen = [this] { ++seen; };
        actions.afterWarning = [this] {
            ++warned;
            screens.clear();
        };
        actions.later = [this] {
            ++later;
            screens.clear();
        };
        app::pushFirstRun(screens, *practice, fonts, std::move(actions));
        settle();
    }

    void settle() { screens.applyPending(size); }
    app::Screen& top() {
        REQUIRE(screens.top() != nullptr);
        return *screens.top();
    }
    template <class T> T* topAs() { return dynamic_cast<T*>(screens.top()); }
    void key(sf::Keyboard::Key k, bool shift = false) {
        press(top(), k, shift);
        settle();
    }
    void click(sf::FloatRect rect) {
        clickAt(top(), rect);
        settle();
    }
};

// The top screen drawn at the walk's size; saved as a PNG when MOTUS_TEST_SHOTS names a folder
// (to look at the screens: they are not compared).
sf::Image shot(Walk& t, const std::string& name) {
    sf::RenderTexture texture;
    REQUIRE(texture.create(static_cast<unsigned>(t.size.x), static_cast<unsigned>(t.size.y)));
    texture.clear(app::colour::background);
    t.top().draw(texture);
    texture.display();
    auto image = texture.getTexture().copyToImage();
    if (const char* folder = std::getenv("MOTUS_TEST_SHOTS"); folder != nullptr && *folder) {
        CHECK(image.saveToFile((fs::path(folder) / (name + ".png")).string()));
    }
    return image;
}

} // namespace

TEST_CASE("first run by keyboard: welcome, no warning signs, a file from the therapist, its "
          "preview, Start",
          "[app][firstrun]") {
    Walk t;
    t.copy(kLibrary / "programs" / "hip-knee.xml", t.dir / "Downloads" / "from-therapist.xml",
           2000000);
    t.copy(kLibrary / "programs" / "neck-upper-back.xml", t.dir / "Documents" / "older.xml",
           1000000);
    t.copy(kLibrary / "low-back" / "glute-bridge.xml", t.dir / "Downloads" / "an-exercise.xml",
           3000000);
    t.firstRun();
    REQUIRE(t.topAs<app::WelcomeScreen>() != nullptr);
    t.key(sf::Keyboard::Enter);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    // Esc steps back to the welcome, Enter comes again.
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::WelcomeScreen>() != nullptr);
    t.key(sf::Keyboard::Enter);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    // Enter with nothing ticked reports nothing and does not go on: "None of these" is N.
    t.key(sf::Keyboard::Enter);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    t.key(sf::Keyboard::N);
    REQUIRE(t.topAs<app::StartChoiceScreen>() != nullptr);
    CHECK(t.seen == 0); // not finished yet
    // Back to the questions and on again.
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    t.key(sf::Keyboard::N);
    REQUIRE(t.topAs<app::StartChoiceScreen>() != nullptr);
    CHECK(t.topAs<app::StartChoiceScreen>()->focus() == 0);
    t.key(sf::Keyboard::Enter); // the first: "I have a program file from my therapist"
    CHECK(t.seen == 1);
    CHECK(t.chooserRuns == 1);
    auto* list = t.topAs<app::OpenFileScreen>();
    REQUIRE(list != nullptr);
    // Program files only, newest first.
    REQUIRE(list->files().size() == 2);
    CHECK(list->files()[0].file.filename() == "from-therapist.xml");
    CHECK(list->files()[1].file.filename() == "older.xml");
    t.key(sf::Keyboard::Down);
    CHECK(list->selected() == 1);
    t.key(sf::Keyboard::Up);
    CHECK(list->selected() == 0);
    t.key(sf::Keyboard::Enter);
    auto* preview = t.topAs<app::PreviewScreen>();
    REQUIRE(preview != nullptr);
    CHECK(preview->preview().program->id == "hip-knee");
    // Cancel goes back to the list, nothing assigned.
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::OpenFileScreen>() != nullptr);
    CHECK_FALSE(t.journal->activeProgram());
    t.key(sf::Keyboard::Enter);
    REQUIRE(t.topAs<app::PreviewScreen>() != nullptr);
    t.key(sf::Keyboard::Enter); // Start this program
    CHECK(t.started == 1);
    CHECK(t.screens.empty());
    const auto active = t.journal->activeProgram();
    REQUIRE(active);
    CHECK(active->programId == "hip-knee");
    CHECK(active->start == t.date);
}

TEST_CASE("first run by mouse: the desktop's chooser picks the file, Start assigns it",
          "[app][firstrun]") {
    Walk t;
    t.chooserAnswer = {service::FileChoice::Outcome::Chosen,
                       kLibrary / "programs" / "neck-upper-back.xml", "/usr/bin/zenity"};
    t.firstRun();
    auto* welcome = t.topAs<app::WelcomeScreen>();
    REQUIRE(welcome != nullptr);
    t.click(welcome->continueButton());
    auto* safety = t.topAs<app::SafetyScreen>();
    REQUIRE(safety != nullptr);
    // Back by its button, and forward again.
    t.click(app::kBackButton);
    REQUIRE(t.topAs<app::WelcomeScreen>() != nullptr);
    t.click(t.topAs<app::WelcomeScreen>()->continueButton());
    safety = t.topAs<app::SafetyScreen>();
    REQUIRE(safety != nullptr);
    t.click(safety->noneButton());
    auto* choices = t.topAs<app::StartChoiceScreen>();
    REQUIRE(choices != nullptr);
    // A cancelled chooser leaves the choices as they were.
    t.chooserAnswer.outcome = service::FileChoice::Outcome::Cancelled;
    t.click(choices->button(app::StartChoiceScreen::Choice::ProgramFile));
    CHECK(t.chooserRuns == 1);
    REQUIRE(t.topAs<app::StartChoiceScreen>() != nullptr);
    t.chooserAnswer.outcome = service::FileChoice::Outcome::Chosen;
    t.click(choices->button(app::StartChoiceScreen::Choice::ProgramFile));
    CHECK(t.chooserRuns == 2);
    auto* preview = t.topAs<app::PreviewScreen>();
    REQUIRE(preview != nullptr);
    CHECK(preview->canStart());
    t.click(preview->startButton());
    CHECK(t.started == 1);
    REQUIRE(t.journal->activeProgram());
    CHECK(t.journal->activeProgram()->programId == "neck-upper-back");
}

TEST_CASE("first run: a warning sign gives the advice and starts nothing", "[app][firstrun]") {
    Walk t;
    t.firstRun();
    t.key(sf::Keyboard::Enter);
    auto* safety = t.topAs<app::SafetyScreen>();
    REQUIRE(safety != nullptr);
    SECTION("by keyboard") {
        t.key(sf::Keyboard::Num2); // bladder or bowels
        CHECK(safety->ticked(1));
        t.key(sf::Keyboard::N); // "None of these" does not apply with one ticked
        REQUIRE(t.topAs<app::SafetyScreen>() == safety);
        t.key(sf::Keyboard::Enter);
        CHECK(safety->reported());
        CHECK(t.warned == 0); // the advice is shown first
        t.key(sf::Keyboard::Enter);
    }
    SECTION("by mouse") {
        t.click(safety->row(1));
        CHECK(safety->ticked(1));
        t.click(safety->noneButton()); // not with one ticked
        REQUIRE(t.topAs<app::SafetyScreen>() == safety);
        t.click(safety->reportButton());
        CHECK(safety->reported());
        t.click(safety->doneButton());
    }
    CHECK(t.warned == 1);
    CHECK(t.seen == 1);
    CHECK(t.screens.empty());
    CHECK_FALSE(t.journal->activeProgram());
    const auto checkIns = t.journal->checkIns(t.date, t.date);
    REQUIRE(checkIns.size() == 1);
    CHECK(checkIns[0].redFlags == std::vector<core::RedFlag>{core::RedFlag::BladderBowel});
}

TEST_CASE("first run with a file given (motus FILE): the questions, then straight to its preview",
          "[app][firstrun]") {
    Walk t;
    t.firstRun([&t] {
        app::pushPreview(t.screens, *t.practice, t.fonts, "en",
                         kLibrary / "programs" / "hip-knee.xml", [&t] { ++t.started; });
    });
    t.key(sf::Keyboard::Enter);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    t.key(sf::Keyboard::N);
    REQUIRE(t.topAs<app::PreviewScreen>() != nullptr);
    CHECK(t.seen == 1);
    t.key(sf::Keyboard::Enter);
    CHECK(t.started == 1);
    REQUIRE(t.journal->activeProgram());
    CHECK(t.journal->activeProgram()->programId == "hip-knee");
}

TEST_CASE("first run: Not now leaves it unseen; the other two choices", "[app][firstrun]") {
    Walk t;
    t.firstRun();
    SECTION("Not now by Esc") {
        t.key(sf::Keyboard::Escape);
        CHECK(t.later == 1);
        CHECK(t.seen == 0);
    }
    SECTION("Not now by mouse") {
        t.click(t.topAs<app::WelcomeScreen>()->laterButton());
        CHECK(t.later == 1);
        CHECK(t.seen == 0);
    }
    SECTION("a starter program by key 2, then back to the choices") {
        t.key(sf::Keyboard::Enter);
        t.key(sf::Keyboard::N);
        t.key(sf::Keyboard::Num2);
        CHECK(t.starterPrograms == 1);
        CHECK(t.seen == 1);
        REQUIRE(t.topAs<app::ProgramsScreen>() != nullptr);
        t.click(app::kBackButton);
        REQUIRE(t.topAs<app::StartChoiceScreen>() != nullptr);
    }
    SECTION("browsing by mouse") {
        t.key(sf::Keyboard::Enter);
        t.key(sf::Keyboard::N);
        t.click(t.topAs<app::StartChoiceScreen>()->button(app::StartChoiceScreen::Choice::Browse));
        CHECK(t.browsed == 1);
        CHECK(t.seen == 1);
    }
    SECTION("by ↓ ↓ Enter") {
        t.key(sf::Keyboard::Enter);
        t.key(sf::Keyboard::N);
        t.key(sf::Keyboard::Down);
        t.key(sf::Keyboard::Down);
        t.key(sf::Keyboard::Enter);
        CHECK(t.browsed == 1);
    }
}

TEST_CASE("the file list by mouse: a click chooses, a second click or Open opens; empty says "
          "where it looked",
          "[app][firstrun]") {
    Walk t;
    for (int i = 0; i < 12; ++i) {
        t.copy(kLibrary / "programs" / "hip-knee.xml",
               t.dir / "Downloads" / ("program-" + std::to_string(i) + ".xml"), 1000000 + i);
    }
    app::openProgramFile(t.screens, *t.practice, t.fonts, "en", t.openFlow());
    t.settle();
    auto* list = t.topAs<app::OpenFileScreen>();
    REQUIRE(list != nullptr);
    REQUIRE(list->files().size() == 12);
    CHECK(list->files()[0].file.filename() == "program-11.xml");
    // Twelve rows do not fit: End scrolls to the last, Home back.
    t.key(sf::Keyboard::End);
    CHECK(list->selected() == 11);
    CHECK(list->scroll() > 0.f);
    t.key(sf::Keyboard::Home);
    CHECK(list->scroll() == 0.f);
    t.click(list->rowRect(2));
    CHECK(list->selected() == 2);
    REQUIRE(t.topAs<app::OpenFileScreen>() == list);
    t.click(list->rowRect(2));
    auto* preview = t.topAs<app::PreviewScreen>();
    REQUIRE(preview != nullptr);
    CHECK(preview->preview().file.filename() == "program-9.xml");
    t.click(preview->cancelButton());
    REQUIRE(t.topAs<app::OpenFileScreen>() == list);
    t.click(list->openButton());
    REQUIRE(t.topAs<app::PreviewScreen>() != nullptr);
    t.key(sf::Keyboard::Escape);
    t.click(app::kBackButton);
    CHECK(t.screens.empty());

    fs::remove_all(t.dir / "Downloads");
    app::openProgramFile(t.screens, *t.practice, t.fonts, "en", t.openFlow());
    t.settle();
    list = t.topAs<app::OpenFileScreen>();
    REQUIRE(list != nullptr);
    CHECK(list->files().empty());
    (void)shot(t, "list-empty");
    t.key(sf::Keyboard::Enter); // nothing to open
    CHECK(t.topAs<app::OpenFileScreen>() == list);
    t.key(sf::Keyboard::Escape);
    CHECK(t.screens.empty());
}

TEST_CASE("first run screens at 1280x800 and 800x600, in English and German", "[app][firstrun]") {
    for (const std::string lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        for (const sf::Vector2f size : {sf::Vector2f{1280.f, 800.f}, sf::Vector2f{800.f, 600.f}}) {
            Walk t;
            t.size = size;
            t.copy(kLibrary / "programs" / "hip-knee.xml",
                   t.dir / "Downloads" / "from-therapist.xml", 2000000);
            const std::string suffix = "-" + lang + "-" + std::to_string(int(size.x));
            t.firstRun();
            auto* welcome = t.topAs<app::WelcomeScreen>();
            REQUIRE(welcome != nullptr);
            // The buttons inside the window.
            CHECK(welcome->laterButton().left >= 0.f);
            CHECK(welcome->continueButton().left + welcome->continueButton().width <= size.x);
            (void)shot(t, "welcome" + suffix);
            t.key(sf::Keyboard::Enter);
            (void)shot(t, "safety" + suffix);
            t.key(sf::Keyboard::N);
            auto* choices = t.topAs<app::StartChoiceScreen>();
            REQUIRE(choices != nullptr);
            const auto last = choices->button(app::StartChoiceScreen::Choice::Browse);
            CHECK(last.top + last.height <= size.y);
            (void)shot(t, "choices" + suffix);
            t.key(sf::Keyboard::Num1);
            REQUIRE(t.topAs<app::OpenFileScreen>() != nullptr);
            (void)shot(t, "list" + suffix);
            // The starter programs, where Open a program file… (O) is offered too.
            t.key(sf::Keyboard::Escape);
            t.key(sf::Keyboard::Num2);
            auto* programs = t.topAs<app::ProgramsScreen>();
            REQUIRE(programs != nullptr);
            CHECK(programs->openFileButton().left >= 0.f);
            (void)shot(t, "programs" + suffix);
            t.key(sf::Keyboard::O);
            REQUIRE(t.topAs<app::OpenFileScreen>() != nullptr);
            t.key(sf::Keyboard::Escape);
            t.click(programs->openFileButton());
            REQUIRE(t.topAs<app::OpenFileScreen>() != nullptr);
            t.key(sf::Keyboard::Escape);
            REQUIRE(t.topAs<app::ProgramsScreen>() == programs);
            t.key(sf::Keyboard::Escape);
            // Back to the questions: a warning sign's advice.
            t.key(sf::Keyboard::Escape);
            REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
            t.key(sf::Keyboard::Num1);
            t.key(sf::Keyboard::Enter);
            REQUIRE(t.topAs<app::SafetyScreen>()->reported());
            CHECK(t.topAs<app::SafetyScreen>()->doneButton().top + 60.f <= size.y);
            (void)shot(t, "advice" + suffix);
        }
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}

TEST_CASE("Today offers Open a program file…, by O and by its button, above the documents",
          "[app][firstrun][today]") {
    Walk t;
    (void)t.practice->assign(kLibrary / "programs" / "low-back-motor-control.xml", std::nullopt,
                             false);
    t.copy(kLibrary / "programs" / "hip-knee.xml", t.dir / "Downloads" / "next.xml", 2000000);
    int opened = 0;
    for (const sf::Vector2f size : {sf::Vector2f{1280.f, 800.f}, sf::Vector2f{800.f, 600.f}}) {
        t.size = size;
        t.screens.push(std::make_unique<app::TodayScreen>(
            *t.practice, t.fonts, "en",
            app::TodayScreen::Actions{[](const std::vector<service::ItemView>&) {}, [] {}, [] {},
                                      [] {}}));
        t.settle();
        auto* today = t.topAs<app::TodayScreen>();
        REQUIRE(today != nullptr);
        CHECK(today->openFileButton().width == 0.f); // no action, no button
        today->setOpenFileAction([&] {
            ++opened;
            app::openProgramFile(t.screens, *t.practice, t.fonts, "en", t.openFlow());
        });
        t.key(sf::Keyboard::End); // in a small window the documents are at the end of a scroll
        const auto button = today->openFileButton();
        CHECK(button.top + button.height <= size.y - 24.f - 48.f); // above Handout and Report
        (void)shot(t, "today-open-" + std::to_string(int(size.x)));
        t.key(sf::Keyboard::O);
        REQUIRE(t.topAs<app::OpenFileScreen>() != nullptr);
        t.key(sf::Keyboard::Escape);
        REQUIRE(t.topAs<app::TodayScreen>() == today);
        t.click(button);
        REQUIRE(t.topAs<app::OpenFileScreen>() != nullptr);
        t.key(sf::Keyboard::Enter);
        REQUIRE(t.topAs<app::PreviewScreen>() != nullptr);
        // It names the program it replaces.
        CHECK(t.topAs<app::PreviewScreen>()->whatHappens().find("Low back motor control") !=
              std::string::npos);
        t.key(sf::Keyboard::Escape);
        t.key(sf::Keyboard::Escape);
        REQUIRE(t.topAs<app::TodayScreen>() == today);
        t.screens.clear();
        t.settle();
    }
    CHECK(opened == 4);
    CHECK(t.journal->activeProgram()->programId == "low-back-motor-control");
}

namespace {

// A rectangle wholly inside a window of `size`.
bool inside(sf::FloatRect rect, sf::Vector2f size) {
    return rect.left >= 0.f && rect.top >= 0.f && rect.left + rect.width <= size.x &&
           rect.top + rect.height <= size.y;
}

} // namespace

TEST_CASE("the welcome by Tab: Not now, Continue; Enter on the focused one; at 640x480 the "
          "buttons inside",
          "[app][firstrun][focus]") {
    Walk t;
    t.size = {640.f, 480.f};
    t.firstRun();
    auto* welcome = t.topAs<app::WelcomeScreen>();
    REQUIRE(welcome != nullptr);
    CHECK(inside(welcome->laterButton(), t.size));
    CHECK(inside(welcome->continueButton(), t.size));
    CHECK_FALSE(welcome->laterButton().intersects(welcome->continueButton()));
    CHECK_FALSE(welcome->focusedRect());
    t.key(sf::Keyboard::Tab);
    CHECK(welcome->focusedRect() == welcome->laterButton());
    t.key(sf::Keyboard::Tab);
    CHECK(welcome->focusedRect() == welcome->continueButton());
    t.key(sf::Keyboard::Tab); // wraps
    CHECK(welcome->focusedRect() == welcome->laterButton());
    t.key(sf::Keyboard::Tab, true);
    CHECK(welcome->focusedRect() == welcome->continueButton());
    t.key(sf::Keyboard::Enter);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::WelcomeScreen>() == welcome);
    t.key(sf::Keyboard::Tab, true); // from Continue back to Not now
    CHECK(welcome->focusedRect() == welcome->laterButton());
    t.key(sf::Keyboard::Space);
    CHECK(t.later == 1);
    CHECK(t.seen == 0);
}

TEST_CASE("the start choice by Tab: Back, then the three; Enter on the focused one; Back by "
          "mouse; at 640x480 inside",
          "[app][firstrun][focus]") {
    Walk t;
    t.size = {640.f, 480.f};
    t.firstRun();
    t.key(sf::Keyboard::Enter);
    t.key(sf::Keyboard::N);
    auto* choices = t.topAs<app::StartChoiceScreen>();
    REQUIRE(choices != nullptr);
    CHECK(choices->focus() == 0);
    CHECK(inside(app::kBackButton, t.size));
    using Choice = app::StartChoiceScreen::Choice;
    // Back, the file, a starter program, browsing: Tab goes round in that order.
    const std::vector<int> order{1, 2, -1, 0};
    for (const int expected : order) {
        t.key(sf::Keyboard::Tab);
        CHECK(choices->focus() == expected);
        if (expected >= 0) {
            // The focused choice scrolled into view, inside the window.
            CHECK(inside(choices->button(static_cast<Choice>(expected)), t.size));
            CHECK(choices->focusedRect() == choices->button(static_cast<Choice>(expected)));
        } else {
            CHECK(choices->focusedRect() == app::kBackButton);
        }
    }
    t.key(sf::Keyboard::Tab, true);
    CHECK(choices->focus() == -1);
    t.key(sf::Keyboard::Enter); // Back
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    t.key(sf::Keyboard::N);
    choices = t.topAs<app::StartChoiceScreen>();
    REQUIRE(choices != nullptr);
    t.key(sf::Keyboard::Tab);
    t.key(sf::Keyboard::Space); // a starter program
    CHECK(t.starterPrograms == 1);
    REQUIRE(t.topAs<app::ProgramsScreen>() != nullptr);
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::StartChoiceScreen>() == choices);
    t.click(app::kBackButton);
    REQUIRE(t.topAs<app::SafetyScreen>() != nullptr);
    t.key(sf::Keyboard::N);
    t.key(sf::Keyboard::Numpad3); // the number pad's digits too
    CHECK(t.browsed == 1);
}

TEST_CASE("the programs by Tab: Back, each program, Open a program file…, Start; Enter on the "
          "focused one; Back by mouse; at 640x480 inside",
          "[app][programs][focus]") {
    Walk t;
    std::vector<app::ProgramsScreen::Entry> entries;
    for (const auto& file : t.practice->bundledProgramFiles()) {
        if (auto preview = t.practice->preview(file); preview.program) {
            entries.push_back({std::move(*preview.program), file});
        }
    }
    REQUIRE(entries.size() >= 2);
    const auto count = entries.size();
    std::vector<std::string> started;
    int backs = 0;
    int opened = 0;
    app::ProgramsScreen screen(
        entries, t.fonts, "en",
        [&](const app::ProgramsScreen::Entry& entry) { started.push_back(entry.program.id); },
        [&] { ++backs; });
    screen.setOpenFileAction([&] { ++opened; });
    for (const sf::Vector2f size : {sf::Vector2f{1280.f, 800.f}, sf::Vector2f{640.f, 480.f}}) {
        INFO(size.x);
        screen.resize(size);
        const auto order = screen.focusOrder();
        REQUIRE(order.size() == count + 3);
        CHECK(order.front() == app::kBackButton);
        CHECK(order[count + 1] == screen.openFileButton());
        CHECK(order[count + 2] == screen.startButton());
        CHECK(inside(app::kBackButton, size));
        CHECK(inside(screen.openFileButton(), size));
        CHECK(inside(screen.startButton(), size));
        CHECK_FALSE(screen.openFileButton().intersects(screen.startButton()));
        for (std::size_t i = 0; i < count + 3 && screen.focusedRect() != app::kBackButton; ++i) {
            press(screen, sf::Keyboard::Tab); // from wherever it is to Back
        }
        REQUIRE(screen.focusedRect() == app::kBackButton);
        for (std::size_t i = 0; i < count; ++i) {
            // Each card inside the window once Tab has brought it into view.
            press(screen, sf::Keyboard::Tab);
            CHECK(screen.selected() == i);
            REQUIRE(screen.focusedRect());
            CHECK(*screen.focusedRect() == screen.cardRect(i));
            CHECK(inside(screen.cardRect(i), size));
            CHECK(screen.cardRect(i).top >= app::kBackButton.top + app::kBackButton.height);
            CHECK(screen.cardRect(i).top + screen.cardRect(i).height <=
                  screen.openFileButton().top);
        }
        press(screen, sf::Keyboard::Tab); // round to Back again
        press(screen, sf::Keyboard::Tab);
        press(screen, sf::Keyboard::Tab);
        CHECK(*screen.focusedRect() == app::kBackButton);
        press(screen, sf::Keyboard::Tab, true);
        CHECK(*screen.focusedRect() == screen.startButton());
        press(screen, sf::Keyboard::Tab, true);
        press(screen, sf::Keyboard::Tab, true);
        press(screen, sf::Keyboard::Tab, true);
        press(screen, sf::Keyboard::Tab); // Shift+Tab and Tab undo each other
        CHECK(*screen.focusedRect() == screen.cardRect(count - 1));
        CHECK(screen.selected() == count - 1);
    }

    // Enter on each control does what it says.
    auto focusOn = [&](std::size_t index) {
        for (std::size_t i = 0; i < count + 4; ++i) {
            // The order anew each time: a card's place changes as the panel scrolls to it.
            if (screen.focusedRect() && *screen.focusedRect() == screen.focusOrder()[index]) {
                return;
            }
            press(screen, sf::Keyboard::Tab);
        }
        FAIL("the focus never came to control " << index);
    };
    focusOn(0);
    press(screen, sf::Keyboard::Enter);
    CHECK(backs == 1);
    focusOn(2); // the second program: Enter starts it
    press(screen, sf::Keyboard::Enter);
    REQUIRE(started.size() == 1);
    CHECK(started[0] == entries[1].program.id);
    focusOn(count + 1);
    press(screen, sf::Keyboard::Space);
    CHECK(opened == 1);
    focusOn(count + 2);
    press(screen, sf::Keyboard::Enter);
    REQUIRE(started.size() == 2);
    // The one chosen: Tab on its way to Open a program file… chose each card in turn.
    CHECK(started[1] == entries[count - 1].program.id);
    // ↑ moves the choice; by mouse, a card chooses and Back goes back.
    press(screen, sf::Keyboard::Up);
    CHECK(screen.selected() == count - 2);
    clickAt(screen, screen.cardRect(1));
    CHECK(screen.selected() == 1);
    clickAt(screen, app::kBackButton);
    CHECK(backs == 2);
    clickAt(screen, screen.startButton());
    CHECK(started.size() == 3);
}

TEST_CASE("the file list by Tab: Back, the list, Open; Enter on the focused one; at 640x480 "
          "inside",
          "[app][firstrun][focus]") {
    Walk t;
    t.size = {640.f, 480.f};
    t.copy(kLibrary / "programs" / "hip-knee.xml", t.dir / "Downloads" / "from-therapist.xml",
           2000000);
    t.copy(kLibrary / "programs" / "neck-upper-back.xml",
           t.dir / "Documents" / "a-very-long-name-for-the-program-file-from-my-physio.xml",
           1000000);
    app::openProgramFile(t.screens, *t.practice, t.fonts, "en", t.openFlow());
    t.settle();
    auto* list = t.topAs<app::OpenFileScreen>();
    REQUIRE(list != nullptr);
    CHECK(inside(list->openButton(), t.size));
    CHECK(inside(app::kBackButton, t.size));
    const auto order = list->focusOrder();
    REQUIRE(order.size() == 3);
    CHECK(order[0] == app::kBackButton);
    CHECK(order[2] == list->openButton());
    CHECK_FALSE(list->focusedRect());
    for (const auto& rect : order) {
        t.key(sf::Keyboard::Tab);
        REQUIRE(list->focusedRect());
        CHECK(*list->focusedRect() == rect);
    }
    // On the list: ↓ chooses, Enter opens the chosen file.
    t.key(sf::Keyboard::Tab, true);
    CHECK(*list->focusedRect() == order[1]);
    t.key(sf::Keyboard::Down);
    CHECK(list->selected() == 1);
    (void)shot(t, "list-640-tooltip"); // the long name whole under the list's focus
    t.key(sf::Keyboard::Enter);
    auto* preview = t.topAs<app::PreviewScreen>();
    REQUIRE(preview != nullptr);
    CHECK(preview->preview().file.filename() ==
          "a-very-long-name-for-the-program-file-from-my-physio.xml");
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::OpenFileScreen>() == list);
    // Open by Space; then Back by Enter on it.
    t.key(sf::Keyboard::Tab);
    CHECK(*list->focusedRect() == order[2]);
    t.key(sf::Keyboard::Numpad0); // nothing
    t.key(sf::Keyboard::Space);
    REQUIRE(t.topAs<app::PreviewScreen>() != nullptr);
    t.key(sf::Keyboard::Escape);
    REQUIRE(t.topAs<app::OpenFileScreen>() == list);
    t.key(sf::Keyboard::Tab);
    CHECK(*list->focusedRect() == app::kBackButton);
    t.key(sf::Keyboard::Enter);
    CHECK(t.screens.empty());
}
