// Four screens of the patient's app by keyboard and mouse, as a patient uses them: How did it go?
// (feedback), the warning signs and their stop screen, the history of dose changes and one
// exercise. Tab order, Enter and Space, the way back, the number pad, and a small window.
#include "app/ExerciseScreen.hpp"
#include "app/FeedbackScreen.hpp"
#include "app/HistoryScreen.hpp"
#include "app/SafetyScreen.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/MemoryJournal.hpp"
#include "service/Practice.hpp"

#include "Events.hpp"
#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace motus;

using motus::test::clickAt;
using motus::test::press;

namespace {

using Field = app::FeedbackScreen::Field;
using Focus = app::FeedbackScreen::Focus;

// A patient one day into the bundled low-back program, on a journal in memory.
struct Patient {
    core::Date date{std::chrono::year(2026), std::chrono::November, std::chrono::day(10)};
    core::MemoryJournal* journal = nullptr;
    std::unique_ptr<service::Practice> practice;
    app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");

    Patient() {
        auto memory = std::make_unique<core::MemoryJournal>();
        journal = memory.get();
        const auto library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
        practice = std::make_unique<service::Practice>(service::PracticeOptions{
            library, {}, std::move(memory), [this] { return core::stampOn(date); }});
        const core::Date start{std::chrono::year(2026), std::chrono::November, std::chrono::day(9)};
        REQUIRE(practice->assign(library / "programs" / "low-back-motor-control.xml", start, false)
                    .program != nullptr);
    }
    [[nodiscard]] const core::Exercise* exercise(const std::string& id) const {
        const auto* found = practice->library().find(id);
        REQUIRE(found != nullptr);
        return found;
    }
    [[nodiscard]] service::ItemView firstItem() {
        const auto view = practice->todayView(date);
        REQUIRE_FALSE(view.items.empty());
        return view.items.front();
    }
};

bool inside(sf::FloatRect outer, sf::FloatRect inner) {
    return inner.left >= outer.left && inner.top >= outer.top &&
           inner.left + inner.width <= outer.left + outer.width &&
           inner.top + inner.height <= outer.top + outer.height;
}

const sf::FloatRect kSmall{0.f, 0.f, 640.f, 480.f};

} // namespace

// --- How did it go? --------------------------------------------------------------------------

TEST_CASE("feedback by Tab: every question, Same for all and Save in reading order, wrapping",
          "[app][screens][feedback]") {
    Patient patient;
    int done = 0;
    // The curl-up asks about the legs; so does the bird dog: three questions each.
    app::FeedbackScreen screen(
        *patient.practice, patient.fonts, "en",
        {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
        [&](const std::string&) { ++done; });
    screen.resize({1280.f, 800.f});
    REQUIRE(screen.asksLegs(0));
    REQUIRE(screen.asksLegs(1));
    const std::vector<Focus> order{
        {0, static_cast<int>(Field::Pain)},    {0, static_cast<int>(Field::Effort)},
        {0, static_cast<int>(Field::Leg)},     {1, static_cast<int>(Field::Pain)},
        {1, static_cast<int>(Field::Effort)},  {1, static_cast<int>(Field::Leg)},
        {0, app::FeedbackScreen::kSameForAll}, {0, app::FeedbackScreen::kSave}};
    CHECK(screen.focus() == order.front()); // the first question, ready for a digit
    for (std::size_t i = 1; i <= order.size(); ++i) {
        press(screen, sf::Keyboard::Tab);
        CHECK(screen.focus() == order[i % order.size()]); // the last wraps to the first
    }
    for (std::size_t i = order.size(); i-- > 0;) {
        press(screen, sf::Keyboard::Tab, true);
        CHECK(screen.focus() == order[i]); // back from the first to Save, then up
    }
    CHECK(done == 0); // moving the focus saves nothing
    CHECK(patient.journal->feedback(patient.date, patient.date).empty());
}

TEST_CASE("feedback: Space and Enter press the focused button; Same for all copies, Save stores",
          "[app][screens][feedback]") {
    Patient patient;
    std::vector<std::string> outcomes;
    app::FeedbackScreen screen(
        *patient.practice, patient.fonts, "en",
        {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
        [&](const std::string& text) { outcomes.push_back(text); });
    screen.resize({1280.f, 800.f});
    screen.choose(0, Field::Pain, 2);
    screen.choose(0, Field::Effort, 4);
    screen.choose(0, Field::Leg, 0); // better
    // Shift+Tab from the first question wraps to Save; once more: Same for all.
    screen.choose(0, Field::Pain, 2); // the focus back on the first question
    press(screen, sf::Keyboard::Tab, true);
    press(screen, sf::Keyboard::Tab, true);
    REQUIRE(screen.focus() == Focus{0, app::FeedbackScreen::kSameForAll});
    press(screen, sf::Keyboard::Space);
    CHECK(screen.answers()[1].pain == 2);
    CHECK(screen.answers()[1].effort == 4);
    CHECK(screen.answers()[1].leg == core::LegChange::Better);
    CHECK(outcomes.empty());          // Space on Same for all did not save
    screen.choose(1, Field::Pain, 3); // the focus on the second's pain
    press(screen, sf::Keyboard::Tab);
    press(screen, sf::Keyboard::Tab);
    press(screen, sf::Keyboard::Tab); // past its effort and legs
    REQUIRE(screen.focus() == Focus{0, app::FeedbackScreen::kSameForAll});
    press(screen, sf::Keyboard::Enter); // Enter on Same for all copies too (and saves nothing)
    CHECK(screen.answers()[1].pain == 2);
    CHECK(outcomes.empty());
    screen.choose(1, Field::Pain, 3);
    for (int i = 0; i < 4; ++i) {
        press(screen, sf::Keyboard::Tab);
    }
    REQUIRE(screen.focus() == Focus{0, app::FeedbackScreen::kSave});
    press(screen, sf::Keyboard::Space);
    REQUIRE(outcomes.size() == 1);
    const auto stored = patient.journal->feedback(patient.date, patient.date);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].exercise == "mcgill-curl-up");
    CHECK(stored[0].pain == 2);
    CHECK(stored[0].effort == 4);
    CHECK(stored[1].exercise == "bird-dog-arm");
    CHECK(stored[1].pain == 3);
    CHECK(stored[1].leg == core::LegChange::Better);
}

TEST_CASE("feedback in a small window: Space on a question keeps it in view and saves nothing",
          "[app][screens][feedback]") {
    Patient patient;
    int done = 0;
    app::FeedbackScreen screen(
        *patient.practice, patient.fonts, "en",
        {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
        [&](const std::string&) { ++done; });
    screen.resize({kSmall.width, kSmall.height});
    REQUIRE(screen.focus() == Focus{0, static_cast<int>(Field::Pain)});
    const float top = screen.scroll(); // the first question at the top of the list
    press(screen, sf::Keyboard::Space);
    CHECK(screen.scroll() == top); // not a page down, away from the focused question
    CHECK(screen.focus() == Focus{0, static_cast<int>(Field::Pain)});
    CHECK_FALSE(screen.answers()[0].pain);
    CHECK(done == 0);
    // ↓ still scrolls to the next question when it is out of view.
    for (int i = 0; i < 3; ++i) {
        press(screen, sf::Keyboard::Down);
    }
    REQUIRE(screen.focus() == Focus{1, static_cast<int>(Field::Pain)});
    CHECK(screen.scroll() > top);
}

TEST_CASE("feedback: Enter on Save stores; Save by mouse leaves the screen",
          "[app][screens][feedback]") {
    SECTION("Enter") {
        Patient patient;
        int done = 0;
        app::FeedbackScreen screen(*patient.practice, patient.fonts, "en",
                                   {patient.exercise("mcgill-curl-up")}, patient.date,
                                   [&](const std::string&) { ++done; });
        screen.resize({1280.f, 800.f});
        screen.choose(0, Field::Effort, 3);
        // One exercise: no Same for all in the order; Save follows its last question.
        press(screen, sf::Keyboard::Tab);
        press(screen, sf::Keyboard::Tab);
        REQUIRE(screen.focus() == Focus{0, app::FeedbackScreen::kSave});
        press(screen, sf::Keyboard::Tab);
        CHECK(screen.focus() == Focus{0, static_cast<int>(Field::Pain)});
        press(screen, sf::Keyboard::Tab, true);
        REQUIRE(screen.focus() == Focus{0, app::FeedbackScreen::kSave});
        press(screen, sf::Keyboard::Enter);
        CHECK(done == 1);
        const auto stored = patient.journal->feedback(patient.date, patient.date);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].effort == 3);
        CHECK_FALSE(stored[0].pain);
    }
    SECTION("mouse") {
        Patient patient;
        int done = 0;
        app::FeedbackScreen screen(*patient.practice, patient.fonts, "en",
                                   {patient.exercise("mcgill-curl-up")}, patient.date,
                                   [&](const std::string&) { ++done; });
        screen.resize({1280.f, 800.f});
        screen.choose(0, Field::Pain, 1);
        clickAt(screen, 640.f, 20.f); // the title: nothing
        CHECK(done == 0);
        clickAt(screen, screen.saveButton());
        CHECK(done == 1);
        const auto stored = patient.journal->feedback(patient.date, patient.date);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].pain == 1);
    }
}

TEST_CASE("feedback: the number pad's digits answer pain and effort like the digit keys",
          "[app][screens][feedback]") {
    Patient patient;
    app::FeedbackScreen screen(
        *patient.practice, patient.fonts, "en",
        {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
        [](const std::string&) {});
    screen.resize({1280.f, 800.f});
    press(screen, sf::Keyboard::Numpad7); // pain of the first; on to its effort
    CHECK(screen.answers()[0].pain == 7);
    CHECK(screen.focus() == Focus{0, static_cast<int>(Field::Effort)});
    press(screen, sf::Keyboard::Numpad5);
    CHECK(screen.answers()[0].effort == 5);
    CHECK(screen.focus() == Focus{0, static_cast<int>(Field::Leg)});
    press(screen, sf::Keyboard::Numpad4); // legs: new numbness or weakness
    CHECK(screen.answers()[0].leg == core::LegChange::NumbWeak);
    CHECK(screen.focus() == Focus{1, static_cast<int>(Field::Pain)});
    // "1" then "0" is 10, on the number pad as on the row of digits.
    press(screen, sf::Keyboard::Numpad1);
    CHECK(screen.answers()[1].pain == 1);
    CHECK(screen.focus() == Focus{1, static_cast<int>(Field::Pain)}); // waits for a 0
    press(screen, sf::Keyboard::Numpad0);
    CHECK(screen.answers()[1].pain == 10);
    CHECK(screen.focus() == Focus{1, static_cast<int>(Field::Effort)});
    press(screen, sf::Keyboard::Numpad0);
    CHECK(screen.answers()[1].effort == 0);
    // The same with the row of digits gives the same answers.
    app::FeedbackScreen digits(
        *patient.practice, patient.fonts, "en",
        {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
        [](const std::string&) {});
    digits.resize({1280.f, 800.f});
    for (const auto key : {sf::Keyboard::Num7, sf::Keyboard::Num5, sf::Keyboard::Num4,
                           sf::Keyboard::Num1, sf::Keyboard::Num0, sf::Keyboard::Num0}) {
        press(digits, key);
    }
    for (std::size_t e = 0; e < 2; ++e) {
        CHECK(digits.answers()[e].pain == screen.answers()[e].pain);
        CHECK(digits.answers()[e].effort == screen.answers()[e].effort);
        CHECK(digits.answers()[e].leg == screen.answers()[e].leg);
    }
    // A digit with a button focused answers nothing.
    CHECK(screen.focus() == Focus{1, static_cast<int>(Field::Leg)});
    press(screen, sf::Keyboard::Tab);
    REQUIRE(screen.focus() == Focus{0, app::FeedbackScreen::kSameForAll});
    press(screen, sf::Keyboard::Numpad3);
    CHECK(screen.answers()[0].pain == 7);
    CHECK(screen.answers()[1].pain == 10);
}

TEST_CASE("feedback: the leg question has no answer until the patient chooses one",
          "[app][screens][feedback]") {
    Patient patient;
    app::FeedbackScreen screen(
        *patient.practice, patient.fonts, "en",
        {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
        [](const std::string&) {});
    screen.resize({1280.f, 800.f});
    REQUIRE(screen.asksLegs(0));
    CHECK_FALSE(screen.answers()[0].leg);
    CHECK_FALSE(screen.answers()[1].leg);
    // Answering pain and effort, passing the question by Tab, and Same for all choose nothing.
    press(screen, sf::Keyboard::Num3);
    press(screen, sf::Keyboard::Num2);
    REQUIRE(screen.focus() == Focus{0, static_cast<int>(Field::Leg)});
    press(screen, sf::Keyboard::Tab);
    press(screen, sf::Keyboard::A);
    CHECK_FALSE(screen.answers()[0].leg);
    CHECK_FALSE(screen.answers()[1].leg);
    // A leg answer outside 1-4 is no answer either.
    press(screen, sf::Keyboard::Tab, true);
    REQUIRE(screen.focus() == Focus{0, static_cast<int>(Field::Leg)});
    press(screen, sf::Keyboard::Num7);
    press(screen, sf::Keyboard::Num0);
    CHECK_FALSE(screen.answers()[0].leg);
    // → chooses the first answer, then the next.
    press(screen, sf::Keyboard::Right);
    CHECK(screen.answers()[0].leg == core::LegChange::Better);
    press(screen, sf::Keyboard::Right);
    CHECK(screen.answers()[0].leg == core::LegChange::Same);
    // Saved without an answer, the second exercise's legs stay unanswered in the journal.
    screen.save();
    const auto stored = patient.journal->feedback(patient.date, patient.date);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].leg == core::LegChange::Same);
    CHECK_FALSE(stored[1].leg);
}

TEST_CASE("feedback at 640x480 in English and German: its buttons in the window",
          "[app][screens][feedback][layout]") {
    for (const char* lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        Patient patient;
        int done = 0;
        app::FeedbackScreen screen(
            *patient.practice, patient.fonts, lang,
            {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
            [&](const std::string&) { ++done; });
        screen.resize({kSmall.width, kSmall.height});
        CAPTURE(lang);
        CHECK(inside(kSmall, screen.saveButton()));
        CHECK(inside(kSmall, screen.sameForAllButton()));
        CHECK_FALSE(screen.saveButton().intersects(screen.sameForAllButton()));
        // And they work there.
        press(screen, sf::Keyboard::Num4);
        clickAt(screen, screen.sameForAllButton());
        CHECK(screen.answers()[1].pain == 4);
        clickAt(screen, screen.saveButton());
        CHECK(done == 1);
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}

// --- Something new or worrying? ------------------------------------------------------------

TEST_CASE("warning signs by Tab: Back, the five signs, Report, None, wrapping",
          "[app][screens][safety]") {
    Patient patient;
    int done = 0;
    app::SafetyScreen screen(*patient.practice, patient.fonts, [&] { ++done; });
    screen.resize({1280.f, 800.f});
    using S = app::SafetyScreen;
    const std::vector<int> order{S::kBack, 0, 1, 2, 3, 4, S::kReport, S::kNone};
    CHECK(screen.focus() == 0); // the first sign, so that Space ticks it
    for (std::size_t i = 2; i < order.size() + 2; ++i) {
        press(screen, sf::Keyboard::Tab);
        CHECK(screen.focus() == order[i % order.size()]);
    }
    // Now on the first sign again; Shift+Tab goes back to Back, then None, Report, …
    REQUIRE(screen.focus() == 0);
    for (std::size_t k = 1; k <= order.size(); ++k) {
        press(screen, sf::Keyboard::Tab, true);
        CHECK(screen.focus() == order[(1 + order.size() - k) % order.size()]);
    }
    CHECK(done == 0);
    for (std::size_t i = 0; i < S::kSigns.size(); ++i) {
        CHECK_FALSE(screen.ticked(i)); // moving ticks nothing
    }
}

TEST_CASE("warning signs: Space ticks the focused sign; Enter and Space on Report store it, "
          "then the stop screen's button goes back",
          "[app][screens][safety]") {
    for (const auto key : {sf::Keyboard::Enter, sf::Keyboard::Space}) {
        CAPTURE(static_cast<int>(key));
        Patient patient;
        int done = 0;
        app::SafetyScreen screen(*patient.practice, patient.fonts, [&] { ++done; });
        screen.resize({1280.f, 800.f});
        press(screen, sf::Keyboard::Tab); // the second sign
        press(screen, sf::Keyboard::Tab);
        press(screen, sf::Keyboard::Space); // the third sign
        CHECK_FALSE(screen.ticked(1));
        CHECK(screen.ticked(2));
        press(screen, sf::Keyboard::Tab, true);
        press(screen, sf::Keyboard::Space);
        CHECK(screen.ticked(1));
        press(screen, sf::Keyboard::Space); // and untick
        CHECK_FALSE(screen.ticked(1));
        // The number pad ticks by number too.
        press(screen, sf::Keyboard::Numpad5);
        CHECK(screen.ticked(4));
        press(screen, sf::Keyboard::Numpad5);
        CHECK_FALSE(screen.ticked(4));
        CHECK(patient.journal->checkIns(patient.date, patient.date).empty());
        // On to Report (from the fifth sign, where the number pad left the focus).
        REQUIRE(screen.focus() == 4);
        press(screen, sf::Keyboard::Tab);
        REQUIRE(screen.focus() == app::SafetyScreen::kReport);
        press(screen, key);
        REQUIRE(screen.reported());
        CHECK(screen.failure().empty());
        const auto checkIns = patient.journal->checkIns(patient.date, patient.date);
        REQUIRE(checkIns.size() == 1);
        CHECK(checkIns[0].redFlags == std::vector<core::RedFlag>{core::RedFlag::LegWeakness});
        CHECK(patient.practice->state() == service::ProgramState::Stopped);
        CHECK(done == 0); // the advice is shown first
        // The stop screen: its one button, by Tab (wrapping onto itself), then the key.
        CHECK_FALSE(screen.focus());
        press(screen, sf::Keyboard::Tab);
        CHECK(screen.focus() == app::SafetyScreen::kDone);
        press(screen, sf::Keyboard::Tab, true);
        CHECK(screen.focus() == app::SafetyScreen::kDone);
        press(screen, key);
        CHECK(done == 1);
        CHECK(patient.journal->checkIns(patient.date, patient.date).size() == 1); // not twice
    }
}

TEST_CASE("warning signs: Report with nothing ticked stores nothing; None and Back by keys",
          "[app][screens][safety]") {
    Patient patient;
    int done = 0;
    app::SafetyScreen screen(*patient.practice, patient.fonts, [&] { ++done; });
    screen.resize({1280.f, 800.f});
    using S = app::SafetyScreen;
    for (std::size_t i = 0; i < 5; ++i) {
        press(screen, sf::Keyboard::Tab);
    }
    REQUIRE(screen.focus() == S::kReport);
    press(screen, sf::Keyboard::Space);
    press(screen, sf::Keyboard::Enter);
    CHECK_FALSE(screen.reported());
    CHECK(done == 0);
    // None of these: back, by Space and by Enter.
    press(screen, sf::Keyboard::Tab);
    REQUIRE(screen.focus() == S::kNone);
    press(screen, sf::Keyboard::Space);
    CHECK(done == 1);
    press(screen, sf::Keyboard::Enter);
    CHECK(done == 2);
    // Back, by Space and by Enter, even with a sign ticked.
    press(screen, sf::Keyboard::Num3);
    REQUIRE(screen.ticked(2));
    press(screen, sf::Keyboard::Tab, true);
    press(screen, sf::Keyboard::Tab, true);
    press(screen, sf::Keyboard::Tab, true);
    REQUIRE(screen.focus() == S::kBack);
    press(screen, sf::Keyboard::Enter);
    CHECK(done == 3);
    press(screen, sf::Keyboard::Space);
    CHECK(done == 4);
    CHECK_FALSE(screen.reported());
    CHECK(patient.journal->checkIns(patient.date, patient.date).empty());
    CHECK(patient.practice->state() == service::ProgramState::Active);
}

TEST_CASE("warning signs: Back and Esc leave with a sign ticked and store nothing; after a "
          "report the stop screen's button and Esc leave",
          "[app][screens][safety]") {
    Patient patient;
    int done = 0;
    app::SafetyScreen screen(*patient.practice, patient.fonts, [&] { ++done; });
    screen.resize({1280.f, 800.f});
    clickAt(screen, screen.row(0)); // ticked by the mouse
    REQUIRE(screen.ticked(0));
    clickAt(screen, app::kBackButton);
    CHECK(done == 1);
    press(screen, sf::Keyboard::Escape);
    CHECK(done == 2);
    clickAt(screen, screen.noneButton());
    CHECK(done == 3);
    CHECK_FALSE(screen.reported());
    CHECK(patient.journal->checkIns(patient.date, patient.date).empty());
    CHECK(patient.practice->state() == service::ProgramState::Active);
    CHECK(patient.practice->flags().empty());

    // Reported by the mouse: the stop screen; Back at the top left is gone, its button leaves.
    clickAt(screen, screen.reportButton());
    REQUIRE(screen.reported());
    CHECK(patient.journal->checkIns(patient.date, patient.date).size() == 1);
    clickAt(screen, app::kBackButton.left + 10.f, app::kBackButton.top + 10.f);
    CHECK(done == 3); // the advice stays until the patient has read it
    clickAt(screen, screen.doneButton());
    CHECK(done == 4);
    press(screen, sf::Keyboard::Escape);
    CHECK(done == 5);
    CHECK(patient.journal->checkIns(patient.date, patient.date).size() == 1);
}

TEST_CASE("the stop screen saves the report for the therapist: by its button, R, or Tab and "
          "Enter; beside or above Back to today",
          "[app][screens][safety]") {
    for (const sf::Vector2f size : {sf::Vector2f{1280.f, 800.f}, sf::Vector2f{640.f, 480.f}}) {
        Patient patient;
        int done = 0;
        int saved = 0;
        app::SafetyScreen screen(*patient.practice, patient.fonts, [&] { ++done; });
        screen.setTherapistReport([&] {
            ++saved;
            return std::string("Report saved as /home/someone/Documents/motus-report.html");
        });
        screen.resize(size);
        CHECK(screen.therapistReportButton().width == 0.f); // not before a report
        press(screen, sf::Keyboard::Space);                 // the first sign
        press(screen, sf::Keyboard::Enter);                 // reported
        REQUIRE(screen.reported());
        const auto button = screen.therapistReportButton();
        const auto back = screen.doneButton();
        REQUIRE(button.width > 0.f);
        CHECK_FALSE(button.intersects(back));
        CHECK(button.left + button.width <= size.x);
        CHECK(button.top >= 0.f);
        clickAt(screen, button);
        CHECK(saved == 1);
        CHECK(screen.savedMessage().find("motus-report.html") != std::string::npos);
        press(screen, sf::Keyboard::R);
        CHECK(saved == 2);
        press(screen, sf::Keyboard::Tab); // Back to today
        press(screen, sf::Keyboard::Tab); // the report
        REQUIRE(screen.focus() == app::SafetyScreen::kTherapist);
        press(screen, sf::Keyboard::Enter);
        CHECK(saved == 3);
        CHECK(done == 0); // saving the report leaves the advice on screen
        press(screen, sf::Keyboard::Tab);
        press(screen, sf::Keyboard::Enter);
        CHECK(done == 1);
    }
    // In the first run there is no program to report on: no such button.
    Patient patient;
    app::SafetyScreen first(
        *patient.practice, patient.fonts, [] {}, [] {});
    first.setTherapistReport([] { return std::string("saved"); });
    first.resize({1280.f, 800.f});
    press(first, sf::Keyboard::Space);
    press(first, sf::Keyboard::Enter);
    REQUIRE(first.reported());
    CHECK(first.therapistReportButton().width == 0.f);
}

TEST_CASE("warning signs in the first run: Back and Esc step back, None goes on, neither stores",
          "[app][screens][safety]") {
    Patient patient;
    int done = 0;
    int back = 0;
    app::SafetyScreen screen(
        *patient.practice, patient.fonts, [&] { ++done; }, [&] { ++back; });
    screen.resize({1280.f, 800.f});
    clickAt(screen, app::kBackButton);
    press(screen, sf::Keyboard::Escape);
    CHECK(back == 2);
    CHECK(done == 0);
    // With a sign ticked, None of these cannot be chosen (mouse, key, Tab and Space).
    press(screen, sf::Keyboard::Numpad1);
    clickAt(screen, screen.noneButton());
    press(screen, sf::Keyboard::N);
    for (int i = 0; i < 6; ++i) {
        press(screen, sf::Keyboard::Tab);
    }
    REQUIRE(screen.focus() == app::SafetyScreen::kNone);
    press(screen, sf::Keyboard::Space);
    CHECK(done == 0);
    press(screen, sf::Keyboard::Numpad1); // unticked (the focus on it): now it goes on
    press(screen, sf::Keyboard::Tab, true);
    press(screen, sf::Keyboard::Tab, true);
    REQUIRE(screen.focus() == app::SafetyScreen::kNone);
    press(screen, sf::Keyboard::Space);
    CHECK(done == 1);
    clickAt(screen, screen.noneButton());
    CHECK(done == 2);
    press(screen, sf::Keyboard::N);
    CHECK(done == 3);
    CHECK(back == 2);
    CHECK(patient.journal->checkIns(patient.date, patient.date).empty());
}

TEST_CASE("warning signs at 640x480 in English and German: the buttons and the stop screen's "
          "button in the window",
          "[app][screens][safety][layout]") {
    for (const char* lang : {"en", "de"}) {
        for (const bool firstRun : {false, true}) {
            core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
            CAPTURE(lang, firstRun);
            Patient patient;
            int done = 0;
            app::SafetyScreen screen(
                *patient.practice, patient.fonts, [&] { ++done; },
                firstRun ? std::function<void()>([] {}) : std::function<void()>());
            screen.resize({kSmall.width, kSmall.height});
            CHECK(inside(kSmall, screen.reportButton()));
            CHECK(inside(kSmall, screen.noneButton()));
            CHECK_FALSE(screen.reportButton().intersects(screen.noneButton()));
            CHECK_FALSE(screen.reportButton().intersects(app::kBackButton));
            // Each sign scrolled into view when reached, and ticked by a click there.
            for (std::size_t i = 0; i < app::SafetyScreen::kSigns.size(); ++i) {
                if (i > 0) {
                    press(screen, sf::Keyboard::Down);
                }
                REQUIRE(screen.focus() == static_cast<int>(i));
                const auto row = screen.row(i);
                CHECK(row.top >= app::kBackButton.top + app::kBackButton.height);
                CHECK(row.top + row.height <= screen.reportButton().top);
                clickAt(screen, row);
                CHECK(screen.ticked(i));
            }
            clickAt(screen, screen.reportButton());
            REQUIRE(screen.reported());
            CHECK(inside(kSmall, screen.doneButton()));
            clickAt(screen, screen.doneButton());
            CHECK(done == 1);
        }
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}

// --- Every change to your doses ------------------------------------------------------------

TEST_CASE("history by Tab: Back focused and not, wrapping; Enter and Space press it; Esc and "
          "the mouse leave",
          "[app][screens][history]") {
    Patient patient;
    int back = 0;
    app::HistoryScreen screen(patient.practice->history(), patient.practice->library(),
                              patient.practice->program(), patient.fonts, "en", [&] { ++back; });
    screen.resize({1280.f, 800.f});
    CHECK_FALSE(screen.backFocused());
    press(screen, sf::Keyboard::Enter); // nothing focused: Enter and Space do nothing
    press(screen, sf::Keyboard::Space);
    CHECK(back == 0);
    // Back is the only control: Tab and Shift+Tab go to it and away again.
    press(screen, sf::Keyboard::Tab);
    CHECK(screen.backFocused());
    press(screen, sf::Keyboard::Tab);
    CHECK_FALSE(screen.backFocused());
    press(screen, sf::Keyboard::Tab, true);
    CHECK(screen.backFocused());
    press(screen, sf::Keyboard::Enter);
    CHECK(back == 1);
    press(screen, sf::Keyboard::Space);
    CHECK(back == 2);
    press(screen, sf::Keyboard::Escape);
    CHECK(back == 3);
    clickAt(screen, 640.f, 400.f); // in the list: nothing
    CHECK(back == 3);
    clickAt(screen, app::kBackButton);
    CHECK(back == 4);
}

TEST_CASE("history at 640x480 in English and German: Back in the window, above the list, "
          "which scrolls",
          "[app][screens][history][layout]") {
    for (const char* lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        CAPTURE(lang);
        Patient patient;
        // Two changes: pain 7 during the curl-up, legs worse after the bird dog.
        app::FeedbackScreen feedback(
            *patient.practice, patient.fonts, lang,
            {patient.exercise("mcgill-curl-up"), patient.exercise("bird-dog-arm")}, patient.date,
            [](const std::string&) {});
        feedback.choose(0, Field::Pain, 7);
        feedback.choose(1, Field::Leg, 2);
        feedback.save();
        auto changes = patient.practice->history();
        REQUIRE(changes.size() >= 2);
        // Three times over: more than the window holds.
        const auto two = changes;
        changes.insert(changes.end(), two.begin(), two.end());
        changes.insert(changes.end(), two.begin(), two.end());
        int back = 0;
        app::HistoryScreen screen(changes, patient.practice->library(), patient.practice->program(),
                                  patient.fonts, lang, [&] { ++back; });
        screen.resize({kSmall.width, kSmall.height});
        CHECK(inside(kSmall, app::kBackButton));
        // The list reaches further than the window: ↓ scrolls it.
        REQUIRE(screen.contentHeight() > kSmall.height);
        CHECK(screen.scroll() == 0.f);
        press(screen, sf::Keyboard::Down);
        CHECK(screen.scroll() > 0.f);
        CHECK(back == 0);
        clickAt(screen, app::kBackButton);
        CHECK(back == 1);
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}

// --- One exercise ----------------------------------------------------------------------------

TEST_CASE("exercise by Tab: Back and Do just this one, wrapping; Enter and Space press the "
          "focused one",
          "[app][screens][exercise]") {
    Patient patient;
    const auto item = patient.firstItem();
    int back = 0;
    std::vector<std::string> played;
    app::ExerciseScreen screen(
        item, patient.fonts, "en",
        [&](const service::ItemView& chosen) { played.push_back(chosen.prescription.exercise); },
        [&] { ++back; });
    screen.resize({1280.f, 800.f});
    using C = app::ExerciseScreen::Control;
    CHECK_FALSE(screen.focus());
    press(screen, sf::Keyboard::Tab);
    CHECK(screen.focus() == C::Back);
    press(screen, sf::Keyboard::Tab);
    CHECK(screen.focus() == C::Do);
    press(screen, sf::Keyboard::Tab);
    CHECK(screen.focus() == C::Back); // wrapped
    press(screen, sf::Keyboard::Tab, true);
    CHECK(screen.focus() == C::Do);
    press(screen, sf::Keyboard::Tab, true);
    CHECK(screen.focus() == C::Back);
    CHECK(back == 0);
    CHECK(played.empty());
    // Back focused: Enter and Space go back, they do not play.
    press(screen, sf::Keyboard::Space);
    CHECK(back == 1);
    press(screen, sf::Keyboard::Enter);
    CHECK(back == 2);
    CHECK(played.empty());
    // Do just this one focused: both play it.
    press(screen, sf::Keyboard::Tab);
    REQUIRE(screen.focus() == C::Do);
    press(screen, sf::Keyboard::Space);
    press(screen, sf::Keyboard::Enter);
    CHECK(played == std::vector<std::string>(2, item.prescription.exercise));
    CHECK(back == 2);
}

TEST_CASE("exercise: Back by mouse and Esc leave; without Do just this one, Tab reaches Back "
          "only and Enter plays nothing",
          "[app][screens][exercise]") {
    Patient patient;
    const auto item = patient.firstItem();
    int back = 0;
    app::ExerciseScreen screen(item, patient.fonts, "en", {}, [&] { ++back; });
    screen.resize({1280.f, 800.f});
    clickAt(screen, app::kBackButton);
    CHECK(back == 1);
    press(screen, sf::Keyboard::Escape);
    CHECK(back == 2);
    press(screen, sf::Keyboard::Tab);
    CHECK(screen.focus() == app::ExerciseScreen::Control::Back);
    press(screen, sf::Keyboard::Tab);
    CHECK(screen.focus() == app::ExerciseScreen::Control::Back);
    press(screen, sf::Keyboard::Tab, true);
    CHECK(screen.focus() == app::ExerciseScreen::Control::Back);
    clickAt(screen, screen.doButton()); // where the button would be: nothing
    CHECK(back == 2);
}

TEST_CASE("exercise at 640x480 in English and German: Back and Do just this one in the window",
          "[app][screens][exercise][layout]") {
    for (const char* lang : {"en", "de"}) {
        core::initI18n(MOTUS_BUILD_LOCALEDIR, lang);
        CAPTURE(lang);
        Patient patient;
        const auto item = patient.firstItem();
        int back = 0;
        int played = 0;
        app::ExerciseScreen screen(
            item, patient.fonts, lang, [&](const service::ItemView&) { ++played; },
            [&] { ++back; });
        screen.resize({kSmall.width, kSmall.height});
        CHECK(inside(kSmall, app::kBackButton));
        CHECK(inside(kSmall, screen.doButton()));
        CHECK_FALSE(screen.doButton().intersects(app::kBackButton));
        clickAt(screen, screen.doButton());
        CHECK(played == 1);
        clickAt(screen, app::kBackButton);
        CHECK(back == 1);
    }
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}
