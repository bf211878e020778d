// The Box2D figure playing every bundled exercise: joints reach their targets, contacts stay on
// the floor, nothing explodes. (Links content too, to load the bundled library.)
#include "figure/Figure.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/SessionPlayer.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace motus;
using namespace std::chrono_literals;

namespace {

const core::Library& bundled() {
    static const auto load =
        content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    return load.library;
}

struct Worst {
    double jointError = 0.0;  // degrees, at settled moments
    double contactGap = 0.0;  // metres above the floor, of declared contacts when settled
    double sink = 0.0;        // metres below the floor, any time
    double linear = 0.0;      // m/s
    double angular = 0.0;     // rad/s
    double settledSpin = 0.0; // rad/s at settled moments
    bool finite = true;
};

// Plays one exercise at 60 frames a second and measures the figure at every frame; "settled"
// is the last frame of a hold, of the get-ready and of a rest, when the target has been still.
Worst play(const core::Exercise& ex, core::Millis limit = core::Millis::max()) {
    const core::Timeline timeline({{&ex, ex.dose}});
    core::ManualClock clock;
    core::SessionPlayer player(timeline, clock);
    figure::Figure figure(ex.view, ex.poses.front());
    player.start();
    Worst worst;
    const core::Millis frame{16};
    for (core::Millis t{0}; t < std::min(timeline.total(), limit); t += frame) {
        clock.advance(frame);
        const auto snap = player.snapshot();
        const core::Pose target = core::poseAt(ex, snap);
        figure.setTarget(target);
        figure.update(0.016);
        const auto body = figure.placement();
        for (const auto& seg : body.segments) {
            worst.finite = worst.finite && std::isfinite(seg.start.x) && std::isfinite(seg.end.y);
        }
        worst.sink = std::max(worst.sink, -body.lowestOverall());
        worst.linear = std::max(worst.linear, figure.maxLinearSpeed());
        worst.angular = std::max(worst.angular, figure.maxAngularSpeed());
        const bool stillTarget =
            snap.kind != core::StepKind::Phase || snap.phase == core::PhaseType::Hold;
        const auto& step = timeline.steps()[snap.step];
        if (stillTarget && snap.timeLeft <= frame && step.duration >= 1500ms) {
            for (std::size_t j = 0; j < core::kJointCount; ++j) {
                const auto joint = static_cast<core::Joint>(j);
                worst.jointError = std::max(
                    worst.jointError, std::abs(figure.jointAngle(joint) - target.angle(joint)));
            }
            if (ex.view != core::View::Top) {
                for (auto contact : target.contacts) {
                    worst.contactGap = std::max(worst.contactGap, body.lowest(contact));
                }
            }
            worst.settledSpin = std::max(worst.settledSpin, figure.maxAngularSpeed());
        }
    }
    return worst;
}

} // namespace

TEST_CASE("the figure plays every bundled exercise: on target, grounded, calm",
          "[figure][bundled]") {
    REQUIRE(bundled().size() >= 30);
    for (const auto& ex : bundled().all()) {
        INFO(ex.id);
        const Worst worst = play(ex);
        CHECK(worst.finite);
        CHECK(worst.jointError < 3.0);
        CHECK(worst.contactGap < 0.01);
        CHECK(worst.sink < 0.01);
        CHECK(worst.linear < 6.0);
        CHECK(worst.angular < 20.0);
        CHECK(worst.settledSpin < 0.5);
    }
}

TEST_CASE("left and right mirror each other", "[figure]") {
    const auto* ex = bundled().find("bird-dog");
    REQUIRE(ex != nullptr);
    const core::Pose left = ex->poses.back();
    const core::Pose right = core::mirrorPose(left, ex->view);
    figure::Figure a(ex->view, left);
    figure::Figure b(ex->view, right);
    for (int i = 0; i < 120; ++i) {
        a.update(1.0 / 60);
        b.update(1.0 / 60);
    }
    for (std::size_t j = 0; j < core::kJointCount; ++j) {
        const auto joint = static_cast<core::Joint>(j);
        CHECK(a.jointAngle(joint) == Approx(b.jointAngle(core::mirror(joint))).margin(0.5));
    }
}

TEST_CASE("the figure settles from a far pose onto the target", "[figure]") {
    core::Pose standing;
    core::Pose squat;
    squat.angles[static_cast<std::size_t>(core::Joint::HipL)] = 90;
    squat.angles[static_cast<std::size_t>(core::Joint::HipR)] = 90;
    squat.angles[static_cast<std::size_t>(core::Joint::KneeL)] = 100;
    squat.angles[static_cast<std::size_t>(core::Joint::KneeR)] = 100;
    squat.contacts = {core::Segment::FootL, core::Segment::FootR};
    standing.contacts = squat.contacts;
    figure::Figure figure(core::View::Side, standing);
    figure.setTarget(squat);
    for (int i = 0; i < 120; ++i) {
        figure.update(1.0 / 60);
    }
    CHECK(figure.jointAngle(core::Joint::KneeL) == Approx(100).margin(3));
    CHECK(figure.jointAngle(core::Joint::HipR) == Approx(90).margin(3));
    const auto body = figure.placement();
    CHECK(body.lowest(core::Segment::FootL) < 0.01);
    CHECK(body.lowestOverall() > -0.01);
}
