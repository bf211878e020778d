// The figure v2 drawn (app/MannequinDraw) through `render --camera`: the figure is drawn in its
// frame, and turning the camera changes the picture; it is drawn in a few draw calls.
#include "app/MannequinDraw.hpp"
#include "app/Render.hpp"
#include "app/Theme.hpp"
#include "content/ExerciseLoader.hpp"
#include "support/GlDrawCalls.hpp"

#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <vector>

using namespace motus;

namespace {

std::filesystem::path rendered(const std::string& id, std::optional<core::Camera> camera,
                               bool sheet, const std::string& name) {
    app::RenderRequest request;
    request.id = id;
    request.sheet = sheet;
    request.atSeconds = sheet ? -1.0 : 9.0;
    request.camera = camera;
    request.out = std::filesystem::temp_directory_path() / ("motus-mannequin-" + name + ".png");
    request.width = 600;
    request.height = 400;
    content::DataPaths paths;
    paths.assetsDir = std::filesystem::path(MOTUS_SOURCE_DIR) / "assets";
    std::ostringstream err;
    REQUIRE(app::runRender(request, paths, std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises",
                           err) == 0);
    return request.out;
}

// Pixels of the figure's colours (dark blue-grey, far from the light ground and the frame).
std::size_t figurePixels(const sf::Image& image, unsigned top) {
    std::size_t n = 0;
    for (unsigned y = top; y < image.getSize().y; ++y) {
        for (unsigned x = 0; x < image.getSize().x; ++x) {
            const sf::Color c = image.getPixel(x, y);
            if (c.b > c.r + 25 && c.r < 140) {
                ++n;
            }
        }
    }
    return n;
}

} // namespace

TEST_CASE("figure v2: render --camera draws the mannequin; another camera, another picture",
          "[app][render][display][mannequin]") {
    sf::Image side;
    sf::Image front;
    sf::Image above;
    REQUIRE(side.loadFromFile(rendered("bird-dog", core::Camera{0, 0}, true, "side").string()));
    REQUIRE(front.loadFromFile(rendered("bird-dog", core::Camera{90, 0}, true, "front").string()));
    REQUIRE(above.loadFromFile(rendered("bird-dog", core::Camera{30, 60}, true, "above").string()));
    // A figure in each picture (below the title).
    CHECK(figurePixels(side, 64) > 3000);
    CHECK(figurePixels(front, 64) > 1500);
    auto differing = [](const sf::Image& a, const sf::Image& b) {
        std::size_t n = 0;
        for (unsigned y = 64; y < a.getSize().y; ++y) {
            for (unsigned x = 0; x < a.getSize().x; ++x) {
                n += a.getPixel(x, y) != b.getPixel(x, y) ? 1 : 0;
            }
        }
        return n;
    };
    CHECK(differing(side, front) > 2000);
    CHECK(differing(side, above) > 2000);
    // One moment of the player from a camera: drawn too.
    sf::Image moment;
    REQUIRE(
        moment.loadFromFile(rendered("glute-bridge", core::Camera{20, 15}, false, "at").string()));
    CHECK(figurePixels(moment, 40) > 3000);
}

namespace {

// A stage's drawing into an image of its own.
sf::Image drawStage(const app::FigureStage& stage, const app::Fonts& fonts, bool controls = false) {
    sf::RenderTexture texture;
    REQUIRE(texture.create(640, 480));
    texture.clear(app::colour::panel);
    app::FigureStage::Style style;
    style.controls = controls;
    style.fault = false;
    stage.draw(texture, fonts, style);
    texture.display();
    return texture.getTexture().copyToImage();
}

std::size_t differing(const sf::Image& a, const sf::Image& b) {
    std::size_t n = 0;
    for (unsigned y = 0; y < a.getSize().y; ++y) {
        for (unsigned x = 0; x < a.getSize().x; ++x) {
            const sf::Color p = a.getPixel(x, y);
            const sf::Color q = b.getPixel(x, y);
            n += std::abs(p.r - q.r) + std::abs(p.g - q.g) + std::abs(p.b - q.b) > 30 ? 1 : 0;
        }
    }
    return n;
}

const core::Library& library() {
    static const auto load =
        content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    return load.library;
}

const app::Fonts& fonts() {
    static const auto f = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    return f;
}

sf::Event key(sf::Keyboard::Key code, bool control) {
    sf::Event e;
    e.type = sf::Event::KeyPressed;
    e.key = {code, false, control, false, false};
    return e;
}

} // namespace

TEST_CASE("figure v2: start and working pose differ visibly in every exercise that moves",
          "[app][mannequin][display]") {
    for (const auto& ex : library().all()) {
        INFO(ex.id);
        std::size_t working = 0;
        for (const auto& phase : ex.phases) {
            if (phase.pose != 0) {
                working = phase.pose;
                break;
            }
        }
        REQUIRE(working != 0);
        app::FigureStage stage;
        stage.setExercise(&ex);
        stage.setFrame({0.f, 0.f, 640.f, 480.f});
        stage.setKeyPose(0);
        const auto start = drawStage(stage, fonts());
        stage.setKeyPose(working);
        const auto work = drawStage(stage, fonts());
        // Every one, the drawing-in too: its abdomen, which works without moving, is
        // highlighted in the working pose (focus).
        CHECK(differing(start, work) > 150);
    }
}

TEST_CASE("figure v2: props are drawn where the exercise declares them",
          "[app][mannequin][display]") {
    for (const char* id : {"sit-to-stand", "step-up", "band-row", "calf-raise", "hip-hinge-dowel",
                           "shoulder-pendulum"}) {
        INFO(id);
        const auto* ex = library().find(id);
        REQUIRE(ex != nullptr);
        REQUIRE_FALSE(ex->scene.props.empty());
        app::FigureStage with;
        with.setExercise(ex);
        with.setFrame({0.f, 0.f, 640.f, 480.f});
        core::Exercise bare = *ex;
        bare.scene.props.clear();
        app::FigureStage without;
        without.setExercise(&bare);
        without.setFrame({0.f, 0.f, 640.f, 480.f});
        // The same body, with and without its props: the props' pixels differ.
        CHECK(differing(drawStage(with, fonts()), drawStage(without, fonts())) > 300);
    }
}

TEST_CASE("figure v2: a band is drawn along its rope, not straight", "[app][mannequin][display]") {
    core::Picture picture;
    core::Shape band;
    band.tone = core::Tone::Band;
    band.a = {0.0, 1.0, 0.0};
    band.b = {1.0, 1.0, 0.0};
    band.radius = 0.01;
    picture.shapes.push_back(band);
    app::PictureFit fit;
    fit.scale = 200.f;
    fit.origin = {100.f, 400.f}; // (0, 1) at (100, 200), (1, 1) at (300, 200)
    auto draw = [&](const std::vector<app::BandPath>& bands) {
        sf::RenderTexture texture;
        REQUIRE(texture.create(400, 300));
        texture.clear(app::colour::panel);
        app::drawMannequin(texture, picture, fit, core::Camera{}, {false, false}, bands);
        texture.display();
        return texture.getTexture().copyToImage();
    };
    auto green = [](sf::Color c) { return c.g > c.r + 40; };
    const auto straight = draw({});
    CHECK(green(straight.getPixel(200, 200)));
    // A rope hanging 20 cm in its middle: drawn there, not along the straight line.
    const auto hanging = draw({{{{0.0, 1.0}, {0.5, 0.8}, {1.0, 1.0}}, 1.0}});
    CHECK(green(hanging.getPixel(200, 240)));
    CHECK_FALSE(green(hanging.getPixel(200, 200)));
    // A rope for another band (its ends elsewhere) is not this one's.
    const auto other = draw({{{{0.0, 0.5}, {0.5, 0.3}, {1.0, 0.5}}, 1.0}});
    CHECK(green(other.getPixel(200, 200)));
}

TEST_CASE("figure v2: the player's band follows the hand and settles where a still picture has it",
          "[app][mannequin][display]") {
    const auto* ex = library().find("band-row");
    REQUIRE(ex != nullptr);
    REQUIRE(ex->scene.poses.size() >= 2);
    app::FigureStage live;
    live.setExercise(ex);
    live.setFrame({0.f, 0.f, 640.f, 480.f});
    live.setPosture(live.motion().key(0));
    live.update(1.f / 60.f);
    // The movement to the working position over a second, then a second held, at 60 Hz.
    for (int frame = 1; frame <= 120; ++frame) {
        const double s = std::min(1.0, frame / 60.0);
        live.setPosture(live.motion().between(0, 1, s));
        live.update(1.f / 60.f);
    }
    app::FigureStage still;
    still.setExercise(ex);
    still.setFrame({0.f, 0.f, 640.f, 480.f});
    still.setPosture(still.motion().key(1));
    CHECK(differing(drawStage(live, fonts()), drawStage(still, fonts())) < 40);
    // Back at the start, the still picture's band hangs again: not the stretched one.
    app::FigureStage start;
    start.setExercise(ex);
    start.setFrame({0.f, 0.f, 640.f, 480.f});
    start.setPosture(start.motion().key(1));
    const auto stretched = drawStage(start, fonts());
    start.setPosture(start.motion().key(0));
    app::FigureStage fresh;
    fresh.setExercise(ex);
    fresh.setFrame({0.f, 0.f, 640.f, 480.f});
    fresh.setPosture(fresh.motion().key(0));
    CHECK(differing(drawStage(start, fonts()), drawStage(fresh, fonts())) == 0);
    CHECK(differing(stretched, drawStage(fresh, fonts())) > 300);
}

TEST_CASE("figure v2: the patient turns the view by keys and by dragging, and puts it back",
          "[app][mannequin][display]") {
    const auto* ex = library().find("neck-rotation");
    REQUIRE(ex != nullptr);
    REQUIRE(ex->scene.cameras.size() == 2);
    app::FigureStage stage;
    stage.setExercise(ex);
    stage.setFrame({0.f, 0.f, 640.f, 480.f});
    const auto before = drawStage(stage, fonts());
    const core::Camera first = stage.camera();
    CHECK(first.azimuth == Approx(ex->scene.cameras[0].azimuth));
    // Ctrl + Right turns it by 15°; the picture changes.
    CHECK(stage.handleEvent(key(sf::Keyboard::Right, true)));
    CHECK(stage.camera().azimuth == Approx(std::fmod(first.azimuth + 15.0, 360.0)));
    CHECK(stage.turned());
    CHECK(differing(before, drawStage(stage, fonts())) > 300);
    // Right alone is not the figure's (the player's next rep).
    CHECK_FALSE(stage.handleEvent(key(sf::Keyboard::Right, false)));
    // Ctrl+Home puts it back: the same picture as before.
    CHECK(stage.handleEvent(key(sf::Keyboard::Home, true)));
    CHECK_FALSE(stage.turned());
    CHECK(differing(before, drawStage(stage, fonts())) == 0);
    // A drag to the left over the figure turns it; the mouse's Reset view button puts it back.
    sf::Event press;
    press.type = sf::Event::MouseButtonPressed;
    press.mouseButton = {sf::Mouse::Left, 320, 300};
    CHECK(stage.handleEvent(press));
    sf::Event move;
    move.type = sf::Event::MouseMoved;
    move.mouseMove = {240, 300};
    CHECK(stage.handleEvent(move));
    sf::Event release;
    release.type = sf::Event::MouseButtonReleased;
    release.mouseButton = {sf::Mouse::Left, 240, 300};
    CHECK(stage.handleEvent(release));
    CHECK(stage.camera().azimuth == Approx(std::fmod(first.azimuth + 40.0, 360.0)));
    auto buttons = stage.buttons();
    const auto reset = std::find_if(buttons.begin(), buttons.end(),
                                    [](const auto& b) { return b.first == "Reset view"; });
    REQUIRE(reset != buttons.end());
    press.mouseButton = {sf::Mouse::Left, static_cast<int>(reset->second.left + 5.f),
                         static_cast<int>(reset->second.top + 5.f)};
    CHECK(stage.handleEvent(press));
    CHECK_FALSE(stage.turned());
    // The second camera (from above), by its button and by Ctrl+End.
    buttons = stage.buttons();
    REQUIRE_FALSE(buttons.empty());
    CHECK(buttons.front().first == "Other view");
    CHECK(stage.handleEvent(key(sf::Keyboard::End, true)));
    CHECK(stage.camera().elevation == Approx(ex->scene.cameras[1].elevation));
    CHECK(differing(before, drawStage(stage, fonts())) > 300);
}

TEST_CASE("figure v2: the pendulum player swings the arm; a still picture has it hanging",
          "[app][mannequin][pendulum][display]") {
    const auto* ex = library().find("shoulder-pendulum");
    REQUIRE(ex != nullptr);
    // The player's figure (PlayerScreen::update): the posture at the moment, then update().
    const core::Timeline timeline({{ex, ex->dose}});
    core::ManualClock clock;
    core::SessionPlayer player(timeline, clock);
    player.start();
    app::FigureStage live;
    live.setFrame({0.f, 0.f, 640.f, 480.f});
    auto armOf = [](const core::Posture& posture) {
        const auto body = core::place(posture);
        const auto& arm = body[core::Part::UpperArmL];
        const core::Vec3 d = arm.end - arm.origin;
        return std::atan2(d.x, -d.y) * 180.0 / 3.14159265; // forward of straight down
    };
    std::vector<std::pair<double, sf::Image>> moments;
    for (int frame = 1; frame <= 60 * 10; ++frame) {
        clock.set(core::Millis{frame * 1000 / 60});
        const auto snap = player.snapshot();
        live.setExercise(ex, snap.side);
        live.setPosture(core::postureAt(live.motion(), snap));
        live.update(1.f / 60.f);
        // Two moments of the second and third reps, half a swing apart.
        if (frame == 60 * 9 || frame == 60 * 9 + 40) {
            moments.emplace_back(armOf(live.shownPosture()), drawStage(live, fonts()));
        }
    }
    REQUIRE(moments.size() == 2);
    INFO("the arm " << moments[0].first << "° and " << moments[1].first << "° from hanging");
    CHECK(std::abs(moments[0].first - moments[1].first) > 10.0);
    CHECK(differing(moments[0].second, moments[1].second) > 300);
    // A still picture (never updated) shows the arm hanging straight down from any key pose.
    app::FigureStage still;
    still.setExercise(ex);
    still.setFrame({0.f, 0.f, 640.f, 480.f});
    for (std::size_t pose = 0; pose < still.motion().size(); ++pose) {
        still.setPosture(still.motion().key(pose));
        CHECK(std::abs(armOf(still.shownPosture())) < 0.01);
    }
    // With reduced motion the player shows key poses still and updates without swinging: the
    // arm that swung hangs again.
    live.update(1.f / 60.f, false);
    CHECK(std::abs(armOf(live.shownPosture())) < 0.01);
}

TEST_CASE("figure v2: a frame of the figure is a few draw calls, whatever its parts",
          "[app][mannequin][display]") {
    // Batched: the body, its props and band, the ghost, the fault picture and its cross go to
    // the rasteriser as a few runs of triangles, not a draw call per shape (623 a frame before).
    const auto* ex = library().find("band-row");
    REQUIRE(ex != nullptr);
    REQUIRE(ex->scene.fault);
    app::FigureStage stage;
    stage.setExercise(ex);
    stage.setFrame({0.f, 0.f, 640.f, 480.f});
    stage.setPosture(stage.motion().between(0, 1, 0.5));
    stage.update(1.f / 60.f);
    sf::RenderTexture texture;
    REQUIRE(texture.create(640, 480));
    texture.clear(app::colour::panel);
    app::FigureStage::Style style;
    style.controls = false;
    style.fade = 0.5f;
    const std::size_t before = testing::glDrawCalls();
    stage.draw(texture, fonts(), style);
    const std::size_t calls = testing::glDrawCalls() - before;
    // The opaque figure, the see-through veil (faded), the opaque fault box and figure, the
    // see-through cross, and at most two lines of the caption.
    CHECK(calls <= 6);
    CHECK(calls >= 3); // the counter counts
    const std::size_t alone = testing::glDrawCalls();
    stage.drawFigureOnly(texture);
    CHECK(testing::glDrawCalls() - alone == 1);
}

TEST_CASE("figure v2: an outlined stroke is the picture of the outline's stroke under the fill's",
          "[app][mannequin][display]") {
    // outlinedCapsule draws the outline only where it shows; the picture is that of the two
    // strokes drawn one over the other, as the figure was drawn before.
    const sf::Color fill{80, 110, 150};
    const sf::Color edge{30, 50, 70};
    for (const float radius : {1.5f, 6.f, 23.f}) {
        for (const sf::Vector2f end :
             {sf::Vector2f{180.f, 60.f}, sf::Vector2f{70.f, 140.f}, sf::Vector2f{130.f, 91.f}}) {
            INFO(radius << " to " << end.x << "," << end.y);
            auto draw = [&](bool outlined) {
                app::TriangleBatch batch;
                if (outlined) {
                    batch.outlinedCapsule({60.f, 80.f}, end, radius, 1.5f, fill, edge);
                } else {
                    batch.capsule({60.f, 80.f}, end, radius + 1.5f, edge);
                    batch.capsule({60.f, 80.f}, end, radius, fill);
                }
                sf::RenderTexture texture;
                REQUIRE(texture.create(240, 200));
                texture.clear(app::colour::panel);
                batch.draw(texture);
                texture.display();
                return texture.getTexture().copyToImage();
            };
            // The same but for a few pixels along the fill's rim (its half-circles get the
            // outline's number of sides there, so that the two meet point for point): at most
            // one in twelve of the rim's pixels.
            const float rim =
                2.f * 3.14159f * radius + 2.f * std::hypot(end.x - 60.f, end.y - 80.f);
            CHECK(static_cast<float>(differing(draw(true), draw(false))) <= rim / 12.f);
        }
    }
}
