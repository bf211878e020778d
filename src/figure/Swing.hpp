#pragma once
// The arms that swing (core::Swing, <swing limb="arm-l"/>) as pendulums hanging from their
// shoulders (docs/figure-v2.md): the body is kinematic and carries the shoulder; each arm swings
// under gravity from that motion. Box2D is planar, so an arm is two planar pendulums on the same
// shoulder, one in the room's front-back plane (X-Y) and one in its side-to-side plane (Z-Y),
// each driven by the shoulder's movement in its plane: for the small swings of a pendulum
// exercise the two are independent (a spherical pendulum's small swings separate into two
// planar ones). The arm then points along (tan a, -1, tan b), a and b the two angles.
#include "Pendulum.hpp"
#include "core/Exercise.hpp"
#include "core/Scene.hpp"
#include "core/SessionPlayer.hpp"

#include <functional>
#include <vector>

namespace motus::figure {

// One arm's swing: degrees from hanging straight down, towards the room's +X (forward for a
// figure facing +X) and towards its +Z (the figure's right).
struct ArmSwing {
    core::Part arm = core::Part::UpperArmL;
    double forward = 0.0;
    double sideways = 0.0;
};

class SwingingArms {
public:
    SwingingArms() = default;
    // The scene's swinging arms hanging at rest from the shoulders of `posture`.
    SwingingArms(const core::Scene& scene, const core::Posture& posture, double height = 1.70,
                 const PendulumDef& def = armPendulum());
    [[nodiscard]] bool empty() const { return m_arms.empty(); }
    // The shoulders carried to where `posture` puts them over `seconds`, in fixed steps.
    void step(const core::Posture& posture, double seconds);
    // Hanging at rest from the shoulders of `posture`.
    void hang(const core::Posture& posture);
    // How far the shoulders of `posture` lie from the pendulums' pivots, metres (a jump).
    [[nodiscard]] double distanceFrom(const core::Posture& posture) const;
    // `posture` with each swinging arm's shoulder turned so that the arm points along its
    // pendulums (its elbow, forearm and wrist as the posture has them).
    [[nodiscard]] core::Posture apply(const core::Posture& posture) const;
    [[nodiscard]] std::vector<ArmSwing> swings() const;
    [[nodiscard]] std::size_t stepsTaken() const;

private:
    struct Arm {
        core::Part part;
        Pendulum forward;  // in the X-Y plane
        Pendulum sideways; // in the Z-Y plane
    };
    std::vector<Arm> m_arms;
    double m_height = 1.70;
};

// The posture an exercise shows while played: `posture` with its swinging arms as `arms` swing
// them; without arms moved on, hanging straight down (core::hangSwingingArms).
[[nodiscard]] core::Posture swungPosture(const core::Scene& scene, const core::Posture& posture,
                                         const SwingingArms* arms);

// One moment of an exercise played from the start of its timeline (its own dose).
struct PlayedMoment {
    double seconds = 0.0;
    core::PlayerSnapshot snapshot;
    core::Posture posture; // settled, with its swinging arms swung
    std::vector<ArmSwing> swings;
};
// Plays the exercise from its start to `seconds` in frames of `frameMillis`, the arms swinging
// from the body's motion, and returns that moment: the same for the same arguments (motus render
// --at). `each`, when given, sees every frame.
[[nodiscard]] PlayedMoment playTo(const core::Exercise& exercise, double seconds,
                                  int frameMillis = 8,
                                  const std::function<void(const PlayedMoment&)>& each = {});

} // namespace motus::figure
