// Figures for the movement player: the cost of one frame of the figure (its posture at the
// moment), of drawing one player frame, and the player's timing error over an hour.
#include "app/App.hpp"
#include "app/Audio.hpp"
#include "app/MannequinDraw.hpp"
#include "app/PlayerScreen.hpp"
#include "app/Theme.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/MannequinView.hpp"
#include "core/SessionPlayer.hpp"
#include "figure/Swing.hpp"
#include "support/GlDrawCalls.hpp"

#include <SFML/Graphics.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>

using namespace motus;
using Clock = std::chrono::steady_clock;

namespace {

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

double seconds(clockid_t id) {
    timespec t{};
    clock_gettime(id, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Wall time, the process's CPU time (every thread: llvmpipe rasterises in threads of its own)
// and the calling thread's CPU time, in milliseconds.
struct Times {
    double wall = 0;
    double process = 0;
    double thread = 0;
    Times& operator+=(const Times& o) {
        wall += o.wall;
        process += o.process;
        thread += o.thread;
        return *this;
    }
    Times operator+(const Times& o) const {
        Times t = *this;
        return t += o;
    }
    Times operator-(const Times& o) const {
        return {wall - o.wall, process - o.process, thread - o.thread};
    }
    Times operator/(int n) const {
        const auto k = static_cast<double>(n);
        return {wall / k, process / k, thread / k};
    }
    [[nodiscard]] std::string str() const {
        char buffer[96];
        std::snprintf(buffer, sizeof buffer, "%.2f ms wall, %.2f ms CPU (main thread %.2f)", wall,
                      process, thread);
        return buffer;
    }
};

Times now() {
    return {seconds(CLOCK_MONOTONIC) * 1e3, seconds(CLOCK_PROCESS_CPUTIME_ID) * 1e3,
            seconds(CLOCK_THREAD_CPUTIME_ID) * 1e3};
}

} // namespace

int main() {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});

    // 1. The figure's update per frame: the posture at the player's moment (minimum-jerk
    // between settled key poses, the shared contact held), over whole exercises, each side.
    double figureTotal = 0;
    std::size_t frames = 0;
    for (const char* id : {"bird-dog", "glute-bridge", "side-plank", "sit-to-stand", "wall-slide",
                           "band-row", "clamshell"}) {
        const auto* ex = load.library.find(id);
        if (ex == nullptr) {
            std::printf("missing exercise %s\n", id);
            return 1;
        }
        const core::Timeline timeline({{ex, ex->dose}});
        core::ManualClock clock;
        core::SessionPlayer player(timeline, clock);
        const core::SceneMotion left(core::sceneFor(*ex, core::RepSide::Left));
        const core::SceneMotion right(core::sceneFor(*ex, core::RepSide::Right));
        player.start();
        double sink = 0;
        for (core::Millis t{0}; t < timeline.total(); t += core::Millis(16)) {
            clock.advance(core::Millis(16));
            const auto snapshot = player.snapshot();
            const auto start = Clock::now();
            const auto posture =
                core::postureAt(snapshot.side == core::RepSide::Right ? right : left, snapshot);
            figureTotal += micros(Clock::now() - start);
            sink += posture.pelvis.position.y;
            ++frames;
        }
        if (sink < -1e9) {
            std::printf("impossible\n");
        }
    }
    std::printf("figure update (posture at the moment, settled key poses) per frame: %.1f us over "
                "%zu frames (goal <= 50 us)\n",
                figureTotal / static_cast<double>(frames), frames);

    // 1b. The pendulum arm (figure::SwingingArms) per frame: stepping its two Box2D pendulums
    // to the shoulder's new place (1/240 s steps) and turning the shoulder to point along them.
    {
        const auto* ex = load.library.find("shoulder-pendulum");
        if (ex == nullptr) {
            std::printf("missing exercise shoulder-pendulum\n");
            return 1;
        }
        const core::Timeline timeline({{ex, ex->dose}});
        core::ManualClock clock;
        core::SessionPlayer player(timeline, clock);
        const core::SceneMotion motion(core::sceneFor(*ex, core::RepSide::Left));
        figure::SwingingArms arms(motion.scene(), motion.key(0));
        player.start();
        double swingTotal = 0;
        std::size_t swingFrames = 0;
        double sink = 0;
        for (core::Millis t{0}; t < core::Millis(40000); t += core::Millis(16)) {
            clock.advance(core::Millis(16));
            const auto posture = core::postureAt(motion, player.snapshot());
            const auto start = Clock::now();
            arms.step(posture, 0.016);
            const auto shown = arms.apply(posture);
            swingTotal += micros(Clock::now() - start);
            sink += shown[core::Dof::ShoulderFlexionL];
            ++swingFrames;
        }
        if (sink < -1e12) {
            std::printf("impossible\n");
        }
        std::printf("pendulum arm (two Box2D pendulums stepped, the shoulder aimed) per frame: "
                    "%.1f us over %zu frames of 16 ms\n",
                    swingTotal / static_cast<double>(swingFrames), swingFrames);
    }

    // 2. The player's timing over a simulated hour with 60 Hz frames and pauses.
    {
        std::vector<core::RoutineItem> items;
        for (const auto& ex : load.library.all()) {
            items.push_back({&ex, ex.dose});
        }
        const core::Timeline timeline(items);
        core::ManualClock clock;
        core::SessionPlayer player(timeline, clock);
        player.start();
        core::Millis played{0};
        long frame = 0;
        std::int64_t worst = 0;
        while (played < std::chrono::hours(1)) {
            const core::Millis step{frame++ % 3 == 0 ? 17 : 16};
            clock.advance(step);
            played += step;
            if (frame % 20000 == 0) {
                player.pause();
                clock.advance(std::chrono::seconds(45));
                player.resume();
            }
            (void)player.poll();
            worst = std::max<std::int64_t>(worst, std::abs((player.position() - played).count()));
        }
        std::printf("player timing error over 1 simulated hour (%ld frames, pauses): %lld ms\n",
                    frame, static_cast<long long>(worst));
    }

    // 3. One full player frame: update and draw into an offscreen target (needs a display),
    // without and with the window's 4x antialiasing. Mesa's llvmpipe rasterises on the CPU in
    // threads of its own, after the draw calls have been queued: the frame is timed to the end
    // of glFinish, in wall time and in CPU time (the process's, all its threads, and the main
    // thread's alone).
    if (!app::displayAvailable()) {
        std::printf("player frame: not measured (no X display; run under xvfb-run)\n");
        return 0;
    }
    const auto* ex = load.library.find("bird-dog");
    const app::Fonts fonts = app::Fonts::load(std::filesystem::path(MOTUS_SOURCE_DIR) / "assets");
    app::Audio audio("en", app::SoundSettings{false, false, 0});
    core::ManualClock clock;
    app::PlayerScreen screen({{ex, ex->dose}}, fonts, audio, clock, "en", [] {});
    screen.resize({1280.f, 800.f});
    const int count = 600;
    for (const unsigned aa : {0u, 4u}) {
        sf::RenderTexture texture;
        sf::ContextSettings settings;
        settings.antialiasingLevel = std::min(aa, sf::RenderTexture::getMaximumAntialiasingLevel());
        if (!texture.create(1280, 800, settings)) {
            std::printf("player frame: cannot create a drawing surface\n");
            return 1;
        }
        // An empty frame: clearing and showing 1280 x 800, the floor under every figure below.
        Times empty;
        for (int i = 0; i < count; ++i) {
            const Times t0 = now();
            texture.clear(app::colour::background);
            texture.display();
            testing::glFinishNow();
            empty += now() - t0;
        }
        Times update;
        Times submit;
        Times raster;
        std::size_t calls = 0;
        for (int i = 0; i < count; ++i) {
            clock.advance(core::Millis(16));
            const Times t0 = now();
            screen.update(sf::seconds(1.f / 60.f));
            const Times t1 = now();
            const std::size_t before = testing::glDrawCalls();
            texture.clear(app::colour::background);
            screen.draw(texture);
            calls += testing::glDrawCalls() - before;
            const Times t2 = now();
            texture.display();
            testing::glFinishNow();
            raster += now() - t2;
            update += t1 - t0;
            submit += t2 - t1;
        }
        std::printf("player frame (bird dog, 1280 x 800, %ux AA): %.0f draw calls; update %s; "
                    "clear + draw calls %s; display + glFinish %s; whole %s (empty frame %s)\n",
                    settings.antialiasingLevel, static_cast<double>(calls) / count,
                    (update / count).str().c_str(), (submit / count).str().c_str(),
                    (raster / count).str().c_str(),
                    ((update + submit + raster) / count).str().c_str(),
                    (empty / count).str().c_str());
    }

    // 4. The figure alone: one frame's posture, placed, projected with its props and drawn
    // shaded with the start pose's ghost and the fault picture (FigureStage, as the player draws
    // it), 1280 x 800: into a texture without and with 4x antialiasing, and into a window made as
    // the app makes its own (4x asked for).
    const auto* band = load.library.find("band-row");
    app::TriangleBatch floor; // the floor alone, as the figure's drawing has it
    auto figure = [&](sf::RenderTarget& target, const std::function<void()>& show,
                      const std::string& surface, app::FigureStage::Style style = {}) {
        app::FigureStage stage;
        stage.setExercise(band);
        stage.setFrame({0.f, 0.f, 1280.f, 800.f});
        const auto& motion = stage.motion();
        Times empty;
        for (int i = 0; i < count; ++i) {
            const Times t0 = now();
            target.clear(app::colour::background);
            show();
            testing::glFinishNow();
            empty += now() - t0;
        }
        Times floorOnly;
        for (int i = 0; i < count; ++i) {
            const Times t0 = now();
            target.clear(app::colour::background);
            floor.draw(target);
            show();
            testing::glFinishNow();
            floorOnly += now() - t0;
        }
        Times pose;
        Times submit;
        Times raster;
        std::size_t calls = 0;
        for (int i = 0; i < count; ++i) {
            // As the player moves it: the posture, then the band's rope stepped on by a frame.
            const Times p0 = now();
            stage.setPosture(motion.between(0, 1, static_cast<double>(i % 120) / 119.0));
            stage.update(1.f / 60.f);
            pose += now() - p0;
            const Times t0 = now();
            target.clear(app::colour::background);
            const std::size_t before = testing::glDrawCalls();
            stage.draw(target, fonts, style);
            calls += testing::glDrawCalls() - before;
            const Times t1 = now();
            show();
            testing::glFinishNow();
            raster += now() - t1;
            submit += t1 - t0;
        }
        std::printf("figure v2 (band row, props, ghost, fault picture; %s): posture and rope "
                    "%.0f us CPU; %.0f draw calls; clear + FigureStage::draw %s; display + "
                    "glFinish %s; whole %s; empty frame %s; the floor alone %s\n",
                    surface.c_str(), (pose / count).thread * 1000,
                    static_cast<double>(calls) / count, (submit / count).str().c_str(),
                    (raster / count).str().c_str(), ((submit + raster) / count).str().c_str(),
                    (empty / count).str().c_str(), (floorOnly / count).str().c_str());
    };
    {
        // The geometry alone, as FigureStage::draw makes it (no OpenGL): the body with its props
        // and band, the start pose's ghost, the fault pose with its cross, into one batch.
        app::FigureStage stage;
        stage.setExercise(band);
        const auto& motion = stage.motion();
        const core::Camera cam = stage.camera();
        const auto& scene = motion.scene();
        std::vector<core::Picture> keys;
        for (std::size_t k = 0; k < motion.size(); ++k) {
            keys.push_back(core::picture(core::place(motion.key(k)), cam));
        }
        const auto fit = app::fitPictures(keys, {0.f, 0.f, 900.f, 756.f});
        const auto fault =
            core::place(core::settle(scene, scene.fault->posture, scene.fault->contacts));
        const double rest = app::bandRestLength(scene, motion.key(0));
        const auto faultBands = app::settledBands(scene, fault, cam, rest);
        auto faultPicture = core::picture(fault, cam);
        core::addProps(faultPicture, scene, fault, cam, rest);
        const auto faultFit = app::fitPictures({faultPicture}, {926.f, 14.f, 350.f, 350.f});
        const auto start = core::place(motion.key(0));
        const sf::View view({0.f, 0.f, 1280.f, 800.f});
        app::TriangleBatch batch;
        Times build;
        std::size_t vertices = 0;
        for (int i = 0; i < count; ++i) {
            const auto posture = motion.between(0, 1, static_cast<double>(i % 120) / 119.0);
            const Times t0 = now();
            batch.clear();
            const auto body = core::place(posture);
            auto picture = core::picture(body, cam, core::movingParts(start, body));
            core::addProps(picture, scene, body, cam, rest);
            app::addMannequin(batch, view, core::picture(start, cam), fit, cam, {true, false});
            app::addMannequin(batch, view, picture, fit, cam, {false, true}, faultBands);
            app::addMannequin(batch, view, faultPicture, faultFit, cam, {false, false}, faultBands);
            app::addCross(batch, {926.f, 14.f, 350.f, 320.f});
            build += now() - t0;
            vertices += batch.size();
        }
        // What the rasteriser fills: the triangles' area (the last frame's), opaque and not,
        // and the floor's part of it.
        auto area = [](const app::TriangleBatch& b, bool opaque) {
            double sum = 0;
            const auto& v = b.vertices();
            for (std::size_t k = 0; k + 2 < v.size(); k += 3) {
                const sf::Vector2f e1 = v[k + 1].position - v[k].position;
                const sf::Vector2f e2 = v[k + 2].position - v[k].position;
                sum += (v[k].color.a == 255) == opaque ? std::abs(e1.x * e2.y - e1.y * e2.x) / 2.0
                                                       : 0.0;
            }
            return sum;
        };
        app::addMannequin(floor, view, core::Picture{}, fit, cam);
        std::printf("figure v2 geometry alone (band row as above, no OpenGL): %s for %.0f "
                    "triangles; they cover %.0f k pixels opaque (the floor %.0f k) and %.0f k "
                    "see-through (the frame has %.0f k)\n",
                    (build / count).str().c_str(), static_cast<double>(vertices) / 3.0 / count,
                    area(batch, true) / 1000, area(floor, true) / 1000, area(batch, false) / 1000,
                    1280.0 * 800.0 / 1000);
    }
    for (const unsigned aa : {0u, 4u}) {
        sf::RenderTexture texture;
        sf::ContextSettings settings;
        settings.antialiasingLevel = std::min(aa, sf::RenderTexture::getMaximumAntialiasingLevel());
        if (!texture.create(1280, 800, settings)) {
            std::printf("figure: cannot create a drawing surface\n");
            return 1;
        }
        figure(
            texture, [&] { texture.display(); },
            "texture 1280 x 800, " + std::to_string(settings.antialiasingLevel) + "x AA");
        if (aa == 0) {
            // What the parts cost: without the ghost, without the fault picture.
            app::FigureStage::Style style;
            style.ghost = false;
            figure(
                texture, [&] { texture.display(); }, "texture, 0x AA, no ghost", style);
            style.ghost = true;
            style.fault = false;
            figure(
                texture, [&] { texture.display(); }, "texture, 0x AA, no fault picture", style);
        }
    }
    {
        sf::ContextSettings settings;
        settings.antialiasingLevel = 4;
        sf::RenderWindow window(sf::VideoMode(1280, 800), "bench", sf::Style::Default, settings);
        figure(
            window, [&] { window.display(); },
            "window 1280 x 800, " + std::to_string(window.getSettings().antialiasingLevel) +
                "x AA");
    }
    return 0;
}
