#pragma once
#include "core/Skeleton.hpp"

#include <cstddef>
#include <memory>

// A rigid pendulum in a plane, as Box2D simulates it (docs/figure-v2.md): a body hanging from a
// pivot that is moved from outside (a shoulder carried by the swaying body), on a revolute joint
// with a little damping, under gravity down the plane's y. Metres, kilograms and seconds; no
// Box2D in this header.
namespace motus::figure {

using Point = core::Vec2;

struct PendulumDef {
    double length = 0.75;          // from the pivot to the far end, metres
    double mass = 3.5;             // kilograms
    double centre = 0.29;          // the centre of mass's distance from the pivot, metres
    double inertia = 0.44;         // about the pivot, kg m²
    double damping = 0.05;         // of the joint, as a share of critical damping (it settles)
    double gravity = 9.81;         // m/s², towards -y
    double timeStep = 1.0 / 240.0; // fixed physics step, seconds
    double maxStep = 1.0;          // longest time one step() simulates (a long pause settles)
};

// A straight arm of a body of `height` metres and `bodyMass` kilograms as a pendulum hanging
// from its shoulder (core::straightArm).
[[nodiscard]] PendulumDef armPendulum(double height = 1.70, double bodyMass = 70.0);
// Its natural period for small swings, seconds: 2π √(I / (m g c)).
[[nodiscard]] double naturalPeriod(const PendulumDef& def);

class Pendulum {
public:
    // Hanging at rest straight down from `pivot`.
    explicit Pendulum(Point pivot, const PendulumDef& def = {});
    ~Pendulum();
    Pendulum(Pendulum&&) noexcept;
    Pendulum& operator=(Pendulum&&) noexcept;
    Pendulum(const Pendulum&) = delete;
    Pendulum& operator=(const Pendulum&) = delete;

    // Moves the pivot to `pivot` over `seconds` (along a straight line from where it was) in
    // fixed physics steps: the same path whatever the frame rate. The remainder of a step is
    // kept for the next call.
    void step(Point pivot, double seconds);
    // Lets it swing `seconds` with the pivot where it is.
    void settle(double seconds);
    // Hanging at rest straight down from `pivot`, as new.
    void hang(Point pivot);
    // Radians from hanging straight down, positive towards +x.
    [[nodiscard]] double angle() const;
    // Radians a second.
    [[nodiscard]] double angularVelocity() const;
    [[nodiscard]] Point pivot() const;
    [[nodiscard]] Point tip() const;
    [[nodiscard]] const PendulumDef& def() const;
    [[nodiscard]] std::size_t stepsTaken() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace motus::figure
