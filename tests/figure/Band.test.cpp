// The resistance band as a Box2D rope: slack it sags, stretched it runs straight, its ends stay
// on the anchor and the hand, and it moves the same whatever the frame rate.
#include "figure/Band.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace motus;
using figure::BandRope;
using figure::Point;

namespace {

// How far the band's points lie below (positive) the straight line from its first to its last
// point, at most; and the farthest any lies from it either way.
struct Off {
    double below = 0.0;
    double farthest = 0.0;
};
Off offLine(const std::vector<Point>& points) {
    const Point a = points.front();
    const Point b = points.back();
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    Off off;
    for (const Point p : points) {
        // Signed distance: positive on the right of a -> b, which is below for a line run to +x.
        const double d = ((p.x - a.x) * (b.y - a.y) - (p.y - a.y) * (b.x - a.x)) / length;
        off.below = std::max(off.below, d);
        off.farthest = std::max(off.farthest, std::abs(d));
    }
    return off;
}

double distance(Point a, Point b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

TEST_CASE("band: a slack band sags below the straight line", "[figure][band]") {
    BandRope band({0.0, 1.2}, {0.8, 1.2}, 1.0);
    band.settle(2.0);
    const auto points = band.points();
    REQUIRE(points.size() == 13);
    const Off off = offLine(points);
    // 20 cm of slack over 80 cm hangs well below the line (a chain would sag about 22 cm).
    CHECK(off.below > 0.12);
    CHECK(off.below < 0.35);
    // Slack, it keeps about its rest length.
    CHECK(band.stretch() == Approx(1.0).margin(0.05));
    // Nothing above the line.
    for (const Point p : points) {
        CHECK(p.y <= 1.2 + 1e-3);
    }
}

TEST_CASE("band: a band pulled beyond its rest length runs straight", "[figure][band]") {
    BandRope band({0.0, 1.2}, {1.0, 1.2}, 1.0);
    band.settle(0.5);
    // Pulled out to 1.4 m along a line that rises.
    for (int i = 0; i < 120; ++i) {
        band.step({0.0, 1.2}, {1.3, 1.75}, 1.0 / 60.0);
    }
    const Off off = offLine(band.points());
    CHECK(off.farthest < 0.005);
    CHECK(band.stretch() > 1.3);
    CHECK(band.stretch() == Approx(std::hypot(1.3, 0.55)).margin(0.01));
}

TEST_CASE("band: its ends stay on the anchor and the hand", "[figure][band]") {
    BandRope band({0.2, 1.0}, {0.9, 1.1}, 0.8);
    for (int i = 0; i < 200; ++i) {
        const double t = i / 60.0;
        const Point hand{0.9 - 0.3 * std::sin(t), 1.1 + 0.2 * std::cos(2 * t)};
        band.step({0.2, 1.0}, hand, 1.0 / 60.0);
        const auto points = band.points();
        CHECK(distance(points.front(), {0.2, 1.0}) < 1e-9);
        CHECK(distance(points.back(), hand) < 1e-9);
        // The links next to the ends follow them (nothing flies off).
        CHECK(distance(points[1], points.front()) < 0.2);
        CHECK(distance(points[points.size() - 2], points.back()) < 0.2);
    }
}

TEST_CASE("band: the same movement at 60 and at 144 frames a second ends the same",
          "[figure][band]") {
    auto play = [](double hertz) {
        BandRope band({0.0, 1.2}, {0.7, 1.0}, 0.9);
        const int frames = static_cast<int>(std::lround(3.0 * hertz));
        for (int i = 1; i <= frames; ++i) {
            const double t = i / hertz;
            // Out and back in: stretched, then slack again.
            const Point hand{0.7 + 0.5 * std::sin(t * 1.4), 1.0 - 0.1 * std::sin(t * 0.9)};
            band.step({0.0, 1.2}, hand, 1.0 / hertz);
        }
        return std::pair{band.points(), band.stepsTaken()};
    };
    const auto [slow, slowSteps] = play(60.0);
    const auto [fast, fastSteps] = play(144.0);
    // Three seconds in fixed steps either way.
    const auto steps = static_cast<std::size_t>(std::lround(3.0 / figure::BandDef{}.timeStep));
    CHECK(slowSteps == steps);
    CHECK(fastSteps + 1 >= steps);
    CHECK(fastSteps <= steps);
    REQUIRE(slow.size() == fast.size());
    for (std::size_t i = 0; i < slow.size(); ++i) {
        INFO(i);
        CHECK(distance(slow[i], fast[i]) < 0.01);
    }
}

TEST_CASE("band: a long pause settles it without running away", "[figure][band]") {
    BandRope band({0.0, 1.0}, {0.5, 1.0}, 0.7);
    band.step({0.0, 1.0}, {0.5, 1.0}, 60.0); // one minute: simulated as the longest step
    CHECK(band.stepsTaken() ==
          static_cast<std::size_t>(std::lround(1.0 / figure::BandDef{}.timeStep)));
    for (const Point p : band.points()) {
        CHECK(std::isfinite(p.x));
        CHECK(std::isfinite(p.y));
    }
}
