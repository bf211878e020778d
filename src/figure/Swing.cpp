#include "Swing.hpp"

#include "core/Timeline.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace motus::figure {
namespace {

constexpr double kMaxAngle = 1.4; // radians: beyond this the two planes no longer make an arm
constexpr double kJump = 0.25;    // metres: a shoulder moved this far in one frame jumped

core::Vec3 shoulderOf(const core::Posture& posture, core::Part arm, double height) {
    return core::place(posture, height)[arm].origin;
}

Point inFront(core::Vec3 p) {
    return {p.x, p.y};
}

Point inSide(core::Vec3 p) {
    return {p.z, p.y};
}

double degrees(double radians) {
    return radians * 180.0 / std::numbers::pi;
}

} // namespace

SwingingArms::SwingingArms(const core::Scene& scene, const core::Posture& posture, double height,
                           const PendulumDef& def)
    : m_height(height) {
    const auto body = core::place(posture, height);
    for (const core::Swing& swing : scene.swings) {
        const core::Vec3 shoulder = body[swing.arm].origin;
        m_arms.push_back(
            {swing.arm, Pendulum(inFront(shoulder), def), Pendulum(inSide(shoulder), def)});
    }
}

void SwingingArms::step(const core::Posture& posture, double seconds) {
    if (m_arms.empty()) {
        return;
    }
    const auto body = core::place(posture, m_height);
    for (Arm& arm : m_arms) {
        const core::Vec3 shoulder = body[arm.part].origin;
        arm.forward.step(inFront(shoulder), seconds);
        arm.sideways.step(inSide(shoulder), seconds);
    }
}

void SwingingArms::hang(const core::Posture& posture) {
    if (m_arms.empty()) {
        return;
    }
    const auto body = core::place(posture, m_height);
    for (Arm& arm : m_arms) {
        const core::Vec3 shoulder = body[arm.part].origin;
        arm.forward.hang(inFront(shoulder));
        arm.sideways.hang(inSide(shoulder));
    }
}

double SwingingArms::distanceFrom(const core::Posture& posture) const {
    double far = 0.0;
    for (const Arm& arm : m_arms) {
        const core::Vec3 shoulder = shoulderOf(posture, arm.part, m_height);
        const Point a = arm.forward.pivot();
        const Point b = arm.sideways.pivot();
        far = std::max(far, core::length(shoulder - core::Vec3{a.x, a.y, b.x}));
    }
    return far;
}

core::Posture SwingingArms::apply(const core::Posture& posture) const {
    core::Posture out = posture;
    for (const Arm& arm : m_arms) {
        const double a = std::clamp(arm.forward.angle(), -kMaxAngle, kMaxAngle);
        const double b = std::clamp(arm.sideways.angle(), -kMaxAngle, kMaxAngle);
        out = core::withArmAlong(out, arm.part == core::Part::UpperArmL,
                                 {std::tan(a), -1.0, std::tan(b)});
    }
    return out;
}

std::vector<ArmSwing> SwingingArms::swings() const {
    std::vector<ArmSwing> out;
    for (const Arm& arm : m_arms) {
        out.push_back({arm.part, degrees(arm.forward.angle()), degrees(arm.sideways.angle())});
    }
    return out;
}

std::size_t SwingingArms::stepsTaken() const {
    std::size_t steps = 0;
    for (const Arm& arm : m_arms) {
        steps += arm.forward.stepsTaken() + arm.sideways.stepsTaken();
    }
    return steps;
}

core::Posture swungPosture(const core::Scene& scene, const core::Posture& posture,
                           const SwingingArms* arms) {
    if (scene.swings.empty()) {
        return posture;
    }
    if (arms == nullptr || arms->empty()) {
        return core::hangSwingingArms(scene, posture);
    }
    return arms->apply(posture);
}

PlayedMoment playTo(const core::Exercise& exercise, double seconds, int frameMillis,
                    const std::function<void(const PlayedMoment&)>& each) {
    const core::Timeline timeline({{&exercise, exercise.dose}});
    core::ManualClock clock;
    core::SessionPlayer player(timeline, clock);
    player.start();
    const auto end = core::Millis{static_cast<long>(std::llround(std::max(0.0, seconds) * 1000.0))};
    // Nothing swings: nothing to simulate on the way.
    const core::Millis frame{exercise.scene.swings.empty() && !each
                                 ? std::max(end, core::Millis{1})
                                 : core::Millis{std::max(1, frameMillis)}};

    PlayedMoment moment;
    core::SceneMotion motion;
    SwingingArms arms;
    std::optional<core::RepSide> side;
    core::Millis before{0};
    for (core::Millis now{0};; now = std::min(end, now + frame)) {
        clock.set(now);
        const auto snap = player.snapshot();
        const core::RepSide sideNow =
            snap.side == core::RepSide::Right ? core::RepSide::Right : core::RepSide::Left;
        const bool otherSide = side != sideNow;
        if (otherSide) {
            side = sideNow;
            motion = core::SceneMotion(core::sceneFor(exercise, sideNow));
        }
        const core::Posture posture = core::postureAt(motion, snap);
        if (otherSide || arms.distanceFrom(posture) > kJump) {
            // The start, the other side, or a jump of the shoulder: hanging still from it.
            arms = SwingingArms(motion.scene(), posture);
        } else {
            arms.step(posture, static_cast<double>((now - before).count()) / 1000.0);
        }
        before = now;
        moment.seconds = static_cast<double>(now.count()) / 1000.0;
        moment.snapshot = snap;
        moment.posture = swungPosture(motion.scene(), posture, &arms);
        moment.swings = arms.swings();
        if (each) {
            each(moment);
        }
        if (now >= end) {
            break;
        }
    }
    return moment;
}

} // namespace motus::figure
