// Figures for the movement player: the cost of one frame of the figure (physics steps plus
// interpolation), of drawing one player frame, and the player's timing error over an hour.
#include "app/App.hpp"
#include "app/Audio.hpp"
#include "app/MannequinDraw.hpp"
#include "app/PlayerScreen.hpp"
#include "app/Theme.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/MannequinView.hpp"
#include "core/SessionPlayer.hpp"
#include "figure/Figure.hpp"

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

    // 1. The figure: setTarget + update(1/60 s) + placement(), over whole exercises.
    double figureTotal = 0;
    std::size_t frames = 0;
    for (const char* id :
         {"bird-dog", "glute-bridge", "side-plank", "sit-to-stand", "wall-slide"}) {
        const auto* ex = load.library.find(id);
        if (ex == nullptr) {
            std::printf("missing exercise %s\n", id);
            return 1;
        }
        const core::Timeline timeline({{ex, ex->dose}});
        core::ManualClock clock;
        core::SessionPlayer player(timeline, clock);
        figure::Figure figure(ex->view, ex->poses.front());
        player.start();
        for (core::Millis t{0}; t < timeline.total(); t += core::Millis(16)) {
            clock.advance(core::Millis(16));
            const auto target = core::poseAt(*ex, player.snapshot());
            const auto start = Clock::now();
            figure.setTarget(target);
            figure.update(1.0 / 60.0);
            const auto placement = figure.placement();
            figureTotal += micros(Clock::now() - start);
            frames += placement.segments.size() > 0 ? 1 : 0;
        }
    }
    std::printf("figure update (2 physics steps + interpolation) per frame: %.1f us over %zu "
                "frames (goal <= 100 us)\n",
                figureTotal / static_cast<double>(frames), frames);

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

    // 4. The figure v2 (docs/figure-v2.md): one frame's pose between two key poses
    // (minimum-jerk), placed in 3-D and projected, then drawn shaded with the start pose's
    // ghost, into a 1280 x 800 target.
    {
        const auto start = core::fromVersion1(ex->poses.front(), ex->view);
        const auto end = core::fromVersion1(ex->poses.back(), ex->view);
        const core::Camera camera{30, 15};
        const auto startBody = core::place(start);
        const auto ghost = core::picture(startBody, camera);
        const auto fit = app::fitPictures({ghost}, {0.f, 0.f, 1280.f, 800.f});
        double poseTotal = 0;
        double mannequinDraw = 0;
        std::size_t shapes = 0;
        for (int i = 0; i < count; ++i) {
            auto t0 = Clock::now();
            const auto posture = core::between(start, end, static_cast<double>(i % 120) / 119.0);
            const auto body = core::place(posture);
            const auto picture = core::picture(body, camera, core::movingParts(startBody, body));
            poseTotal += micros(Clock::now() - t0);
            shapes += picture.shapes.size();
            t0 = Clock::now();
            texture.clear(app::colour::background);
            app::drawMannequin(texture, ghost, fit, camera, {true, false});
            app::drawMannequin(texture, picture, fit, camera);
            texture.display();
            mannequinDraw += micros(Clock::now() - t0);
        }
        std::printf("figure v2: pose, placement and projection %.1f us per frame (goal <= 50 us); "
                    "drawing %.2f ms per frame (goal <= 2 ms with the rest of the screen), "
                    "%zu shapes\n",
                    poseTotal / count, mannequinDraw / count / 1000,
                    shapes / static_cast<std::size_t>(count));
    }
    return 0;
}
