// The pendulum arm (figure::Pendulum, figure::SwingingArms): it hangs straight down at rest,
// swings behind a shoulder moved to and fro, settles when the shoulder stops, moves the same at
// any frame rate, and swings sideways from a sideways drive; the bundled shoulder pendulum's arm
// swings from the body's sway when played through.
#include "figure/Pendulum.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/Mannequin.hpp"
#include "figure/Swing.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <vector>

using namespace motus;
using figure::Pendulum;
using figure::Point;

namespace {

constexpr double kPi = std::numbers::pi;

double degrees(double radians) {
    return radians * 180.0 / kPi;
}

// A shoulder moved to and fro along x: `amplitude` metres each way, `period` seconds.
Point shoulderAt(double t, double amplitude, double period) {
    return {amplitude * std::sin(2.0 * kPi * t / period), 1.3};
}

// Drives a pendulum for `seconds` at `hz` frames a second; the angles after each frame.
std::vector<double> drive(Pendulum& p, double seconds, double hz, double amplitude, double period,
                          double from = 0.0) {
    std::vector<double> angles;
    const auto frames = static_cast<int>(std::lround(seconds * hz));
    for (int i = 1; i <= frames; ++i) {
        const double t = from + i / hz;
        p.step(shoulderAt(t, amplitude, period), 1.0 / hz);
        angles.push_back(p.angle());
    }
    return angles;
}

} // namespace

TEST_CASE("pendulum: an arm's length, mass and period from the body's proportions",
          "[figure][pendulum]") {
    const auto arm = core::straightArm(1.70);
    CHECK(arm.length == Approx(0.44 * 1.70).margin(1e-9)); // shoulder to fingertip
    CHECK(arm.massShare == Approx(0.05));
    // Winter: the whole arm's centre 0.53 of the way from the shoulder to the wrist.
    CHECK(arm.centre == Approx(0.53 * (0.186 + 0.146) * 1.70).epsilon(0.05));
    const auto def = figure::armPendulum(1.70, 70.0);
    CHECK(def.mass == Approx(3.5));
    // About 1.3 s, as a rod pivoted at one end of that length (2π √(2L / 3g) = 1.42 s) would
    // swing a little slower: the arm's mass lies nearer the shoulder.
    CHECK(figure::naturalPeriod(def) == Approx(1.32).margin(0.03));
}

TEST_CASE("pendulum: hangs straight down at rest", "[figure][pendulum]") {
    Pendulum p({0.2, 1.3}, figure::armPendulum());
    p.settle(3.0);
    CHECK(std::abs(degrees(p.angle())) < 0.01);
    CHECK(p.tip().x == Approx(0.2).margin(1e-4));
    CHECK(p.tip().y == Approx(1.3 - p.def().length).margin(1e-4));
    CHECK(p.stepsTaken() == 720); // 3 s at 240 steps a second
}

TEST_CASE("pendulum: a shoulder moved to and fro makes it swing, lagging behind",
          "[figure][pendulum]") {
    const auto def = figure::armPendulum();
    Pendulum p({0.0, 1.3}, def);
    // Below the arm's own period the arm trails the shoulder: it points back while the shoulder
    // goes forward.
    const double period = 2.5;
    const auto angles = drive(p, 10.0, 60.0, 0.05, period);
    const double most = *std::max_element(angles.begin(), angles.end());
    const double least = *std::min_element(angles.begin(), angles.end());
    CHECK(degrees(most) > 3.0);
    CHECK(degrees(least) < -3.0);
    // The shoulder starting forward leaves the hand behind: while it speeds up the arm points
    // back, the hand trailing; the hand's peak comes after the shoulder's.
    Pendulum q({0.0, 1.3}, def);
    double handPeakAt = 0.0;
    double handPeak = -1.0;
    for (int i = 1; i <= 240; ++i) {
        const double t = i / 240.0; // the shoulder 10 cm forward in half a second, then still
        const double s = std::min(1.0, t / 0.5);
        q.step({0.10 * s * s * s * (10.0 - 15.0 * s + 6.0 * s * s), 1.3}, 1.0 / 240.0);
        if (t <= 0.25) {
            CHECK(q.angle() < 0.0);
            CHECK(q.tip().x < q.pivot().x);
        }
        if (q.tip().x > handPeak) {
            handPeak = q.tip().x;
            handPeakAt = t;
        }
    }
    CHECK(handPeakAt > 0.6);
    // Driven near its own period, it swings far more than from the same sway slowly.
    Pendulum r({0.0, 1.3}, def);
    const auto tuned = drive(r, 10.0, 60.0, 0.05, figure::naturalPeriod(def));
    CHECK(*std::max_element(tuned.begin(), tuned.end()) > 2.0 * most);
}

TEST_CASE("pendulum: it settles when the shoulder stops", "[figure][pendulum]") {
    Pendulum p({0.0, 1.3}, figure::armPendulum());
    const auto angles = drive(p, 4.0, 60.0, 0.05, 1.3);
    REQUIRE(std::abs(degrees(angles.back())) + std::abs(p.angularVelocity()) > 1.0);
    p.settle(60.0);
    CHECK(std::abs(degrees(p.angle())) < 0.5);
    CHECK(std::abs(p.angularVelocity()) < 0.01);
    CHECK(p.pivot().x == Approx(0.05 * std::sin(2.0 * kPi * 4.0 / 1.3)));
}

TEST_CASE("pendulum: the same swing at 60 and at 144 frames a second", "[figure][pendulum]") {
    const auto def = figure::armPendulum();
    Pendulum slow({0.0, 1.3}, def);
    Pendulum fast({0.0, 1.3}, def);
    for (int second = 1; second <= 8; ++second) {
        drive(slow, 1.0, 60.0, 0.05, 1.4, second - 1.0);
        drive(fast, 1.0, 144.0, 0.05, 1.4, second - 1.0);
    }
    // The drive is sampled at other moments, so not bit for bit; within a fraction of a degree.
    CHECK(std::abs(degrees(slow.angle() - fast.angle())) < 0.5);
    CHECK(slow.stepsTaken() == fast.stepsTaken());
}

TEST_CASE("pendulum: a sideways drive swings the arm sideways", "[figure][pendulum]") {
    core::Scene scene;
    scene.swings.push_back({core::Part::UpperArmL, 0});
    core::Posture posture = core::standingPosture();
    figure::SwingingArms arms(scene, posture);
    REQUIRE_FALSE(arms.empty());
    double most = 0.0;
    double mostForward = 0.0;
    for (int i = 1; i <= 600; ++i) {
        const double t = i / 60.0;
        core::Posture moved = posture;
        moved.pelvis.position.z = 0.04 * std::sin(2.0 * kPi * t / 1.35); // side to side
        arms.step(moved, 1.0 / 60.0);
        const auto swing = arms.swings().front();
        most = std::max(most, std::abs(swing.sideways));
        mostForward = std::max(mostForward, std::abs(swing.forward));
        if (i == 600) {
            // The arm on the figure points where the pendulums do.
            const auto body = core::place(arms.apply(moved));
            const core::Vec3 d =
                body[core::Part::UpperArmL].end - body[core::Part::UpperArmL].origin;
            CHECK(degrees(std::atan2(d.z, -d.y)) == Approx(swing.sideways).margin(0.5));
            CHECK(std::abs(d.x) < 1e-3);
        }
    }
    CHECK(most > 5.0);
    CHECK(mostForward < 0.01);
}

TEST_CASE("pendulum: the bundled shoulder pendulum's arm swings from the body's sway",
          "[figure][pendulum][content]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    const auto* ex = load.library.find("shoulder-pendulum");
    REQUIRE(ex != nullptr);
    REQUIRE(ex->scene.swings.size() == 1);
    CHECK(ex->scene.swings.front().arm == core::Part::UpperArmL);
    // Played through the first set: in each rep after the first the arm swings at least 8°
    // each way from hanging straight down; the other side's arm swings in its turn.
    struct Range {
        double forward = 0.0;
        double back = 0.0;
    };
    std::vector<Range> reps;
    std::vector<core::Part> arms;
    const auto end = figure::playTo(*ex, 120.0, 8, [&](const figure::PlayedMoment& m) {
        if (m.snapshot.kind != core::StepKind::Phase || m.swings.empty()) {
            return;
        }
        if (std::find(arms.begin(), arms.end(), m.swings.front().arm) == arms.end()) {
            arms.push_back(m.swings.front().arm);
        }
        if (m.snapshot.set != 1 || m.snapshot.side != core::RepSide::Left) {
            return;
        }
        reps.resize(std::max<std::size_t>(reps.size(), static_cast<std::size_t>(m.snapshot.rep)));
        Range& r = reps[static_cast<std::size_t>(m.snapshot.rep) - 1];
        r.forward = std::max(r.forward, m.swings.front().forward);
        r.back = std::min(r.back, m.swings.front().forward);
    });
    REQUIRE(reps.size() == static_cast<std::size_t>(ex->dose.reps));
    for (std::size_t i = 1; i < reps.size(); ++i) {
        INFO("rep " << i + 1 << ": " << reps[i].forward << "° forward, " << reps[i].back
                    << "° back");
        CHECK(reps[i].forward >= 8.0);
        CHECK(reps[i].back <= -8.0);
        CHECK(reps[i].forward <= 30.0);
        CHECK(reps[i].back >= -30.0);
    }
    CHECK(std::find(arms.begin(), arms.end(), core::Part::UpperArmR) != arms.end());
    // The same moment played again is the same.
    const auto again = figure::playTo(*ex, 120.0);
    CHECK(again.posture.angles == end.posture.angles);
}
