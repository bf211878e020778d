#pragma once
#include "core/Kinematics.hpp"

#include <array>
#include <memory>

// The animated figure: a Box2D rig in metres and radians, one body per segment, revolute joints
// with the anatomical limits, motors that track the target joint angles. Poses in, segment
// placements out; no renderer here.
namespace motus::figure {

// Box2D-style definition struct.
struct FigureDef {
    double heightMetres = 1.75;
    double massKg = 70.0;
    double timeStep = 1.0 / 120.0;  // fixed physics step, seconds
    double gain = 18.0;             // joint speed per radian of error, 1/s (the PD law's P)
    double maxJointSpeed = 8.0;     // rad/s
    double maxRootSpeed = 2.0;      // m/s
    double jumpDegrees = 40.0;      // a target further than this from the last one is jumped to
    double maxMotorTorque = 3000.0; // N·m
};

class Figure {
public:
    Figure(core::View view, const core::Pose& initial, const FigureDef& def = {});
    ~Figure();
    Figure(const Figure&) = delete;
    Figure& operator=(const Figure&) = delete;

    // The pose the joints should track from now on (angles, orientation, floor contacts).
    void setTarget(const core::Pose& target);
    // Moves the figure straight to a pose, at rest (for a new exercise or a jump).
    void reset(const core::Pose& pose);
    // Advances by `seconds` of real time in fixed physics steps; the remainder is kept and used
    // to interpolate the drawing.
    void update(double seconds);

    // Where every segment is, interpolated between the last two physics steps.
    [[nodiscard]] core::BodyPlacement placement() const;
    // The current joint angle in degrees, in the format's convention.
    [[nodiscard]] double jointAngle(core::Joint joint) const;
    // The largest linear (m/s) and angular (rad/s) speed of any segment.
    [[nodiscard]] double maxLinearSpeed() const;
    [[nodiscard]] double maxAngularSpeed() const;
    [[nodiscard]] std::size_t stepsTaken() const { return m_steps; }
    [[nodiscard]] core::View view() const { return m_view; }

private:
    struct Impl;
    void step();

    core::View m_view;
    FigureDef m_def;
    std::unique_ptr<Impl> m_impl;
    double m_accumulator = 0.0;
    std::size_t m_steps = 0;
};

} // namespace motus::figure
