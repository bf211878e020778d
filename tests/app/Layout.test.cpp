// The layout check's rule (app/LayoutAudit): boxes nest or stay apart, texts never meet, and
// everything stays in the window. The check of every screen is scripts/screenshots (ctest
// "app: layout of every screen").
#include "app/App.hpp"
#include "app/LayoutAudit.hpp"
#include "app/Theme.hpp"
#include "app/Widgets.hpp"

#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

using motus::app::DrawnBox;
using motus::app::layoutProblems;

namespace {
DrawnBox box(float x, float y, float w, float h, bool text = false, std::string label = "box") {
    return {{x, y, w, h}, text, std::move(label), 0};
}
} // namespace

TEST_CASE("layout: nested and separate boxes pass", "[app][layout]") {
    const std::vector<DrawnBox> boxes{box(10, 10, 300, 200), box(20, 20, 100, 40),
                                      box(30, 30, 80, 20, true), box(130, 20, 100, 40),
                                      box(140, 30, 80, 20, true)};
    CHECK(layoutProblems(boxes, {400, 300}).empty());
}

TEST_CASE("layout: a text out of its button, two texts on each other, a box out of the window",
          "[app][layout]") {
    // The label is wider than its button.
    auto problems =
        layoutProblems({box(20, 20, 100, 40), box(30, 30, 150, 20, true, "Start")}, {400, 300});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("\"Start\"") != std::string::npos);
    // Two texts on each other, even inside one panel.
    problems = layoutProblems({box(0, 0, 400, 300), box(10, 10, 100, 20, true, "Title"),
                               box(90, 15, 100, 20, true, "Settings")},
                              {400, 300});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("overlaps") != std::string::npos);
    // A button that reaches past the right edge.
    problems = layoutProblems({box(350, 10, 100, 40)}, {400, 300});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("leaves the window") != std::string::npos);
    // One pixel of overlap is an outline, not a fault.
    CHECK(layoutProblems({box(0, 0, 101, 40), box(100, 0, 100, 40)}, {400, 300}).empty());
}

TEST_CASE("layout: a dialog's boxes are checked among themselves only", "[app][layout]") {
    std::vector<DrawnBox> boxes{box(0, 0, 400, 300), box(10, 10, 200, 20, true, "Under")};
    boxes.push_back({{50, 5, 300, 200}, false, "dialog", 1});
    boxes.push_back({{60, 20, 100, 20}, true, "Stop?", 1});
    CHECK(layoutProblems(boxes, {400, 300}).empty());
    boxes.push_back({{300, 20, 100, 20}, true, "past the dialog", 1});
    CHECK(layoutProblems(boxes, {400, 300}).size() == 1);
}

TEST_CASE("layout: what the drawing functions draw is recorded while an audit runs",
          "[app][layout]") {
    sf::RenderTexture target;
    REQUIRE(target.create(400, 300));
    const auto fonts = motus::app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    motus::app::LayoutAudit audit;
    motus::app::drawText(target, "not recorded", fonts.regular, 18, {10, 10}, sf::Color::Black);
    motus::app::activeAudit = &audit;
    motus::app::drawRoundedRect(target, {20, 20, 200, 60}, 8, sf::Color::White);
    motus::app::drawText(target, "A label far too long for its button", fonts.regular, 18, {30, 40},
                         sf::Color::Black);
    motus::app::drawFocusRing(target, {20, 20, 200, 60}); // around, on purpose: not a box
    motus::app::activeAudit = nullptr;
    REQUIRE(audit.boxes().size() == 2);
    CHECK(audit.boxes()[1].text);
    CHECK(audit.boxes()[1].label == "A label far too long for its button");
    const auto problems = layoutProblems(audit.boxes(), {400, 300});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("crosses the edge") != std::string::npos);
}

TEST_CASE("layout: the view's scale follows the window and the text size, within the layout's "
          "least room",
          "[app][layout]") {
    using motus::app::viewScale;
    CHECK(viewScale(1280, 800, 100) == Approx(1.0));
    CHECK(viewScale(800, 600, 100) == Approx(1.0));
    CHECK(viewScale(1920, 1080, 100) == Approx(1.5)); // type follows a larger window
    CHECK(viewScale(3840, 2160, 100) == Approx(3.0));
    CHECK(viewScale(1280, 720, 150) == Approx(1.5));
    // 200 % on a small window: as large as leaves 640 x 480 to lay out.
    CHECK(viewScale(800, 600, 200) == Approx(1.25));
    CHECK(viewScale(1920, 1080, 200) == Approx(2.25));
    // A window smaller than the least room is drawn smaller: nothing is cut off.
    CHECK(viewScale(480, 360, 100) == Approx(0.75));
}
