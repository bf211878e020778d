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

#include <SFML/Graphics.hpp>

#include <chrono>
#include <cstdio>

using namespace motus;
using Clock = std::chrono::steady_clock;

namespace {

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
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

    // 3. One full player frame: update and draw into an offscreen target (needs a display).
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
    sf::RenderTexture texture;
    if (!texture.create(1280, 800)) {
        std::printf("player frame: cannot create a drawing surface\n");
        return 1;
    }
    double updateTotal = 0;
    double drawTotal = 0;
    const int count = 600;
    for (int i = 0; i < count; ++i) {
        clock.advance(core::Millis(16));
        auto start = Clock::now();
        screen.update(sf::seconds(1.f / 60.f));
        updateTotal += micros(Clock::now() - start);
        start = Clock::now();
        texture.clear(app::colour::background);
        screen.draw(texture);
        texture.display();
        drawTotal += micros(Clock::now() - start);
    }
    std::printf("player frame: update %.0f us + draw %.0f us = %.2f ms (goal <= 2 ms of CPU; "
                "draw measured on Mesa llvmpipe, which rasterises on the CPU)\n",
                updateTotal / count, drawTotal / count, (updateTotal + drawTotal) / count / 1000);

    // 4. The figure alone: one frame's posture, placed, projected with its props and drawn
    // shaded with the start pose's ghost (FigureStage, as the player draws it), 1280 x 800.
    {
        const auto* band = load.library.find("band-row");
        app::FigureStage stage;
        stage.setExercise(band);
        stage.setFrame({0.f, 0.f, 1280.f, 800.f});
        double poseTotal = 0;
        double figureDraw = 0;
        const auto& motion = stage.motion();
        for (int i = 0; i < count; ++i) {
            auto t0 = Clock::now();
            stage.setPosture(motion.between(0, 1, static_cast<double>(i % 120) / 119.0));
            poseTotal += micros(Clock::now() - t0);
            t0 = Clock::now();
            texture.clear(app::colour::background);
            stage.draw(texture, fonts, {});
            texture.display();
            figureDraw += micros(Clock::now() - t0);
        }
        std::printf("figure v2 (band row, with its props and fault picture): posture %.1f us, "
                    "drawing %.2f ms per frame (goal <= 2 ms with the rest of the screen)\n",
                    poseTotal / count, figureDraw / count / 1000);
    }
    return 0;
}
