#include "Pendulum.hpp"

#include "core/Mannequin.hpp"

#include "Simulation.hpp"

#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace motus::figure {
namespace {

constexpr int kVelocityIterations = 8;
constexpr int kPositionIterations = 3;

using detail::fixedSteps;
using detail::lerp;
using detail::toBox2D;

} // namespace

PendulumDef armPendulum(double height, double bodyMass) {
    const core::ArmBody arm = core::straightArm(height);
    PendulumDef def;
    def.length = arm.length;
    def.mass = arm.massShare * bodyMass;
    def.centre = arm.centre;
    def.inertia = arm.inertia * bodyMass;
    return def;
}

double naturalPeriod(const PendulumDef& def) {
    return 2.0 * std::numbers::pi * std::sqrt(def.inertia / (def.mass * def.gravity * def.centre));
}

struct Pendulum::Impl {
    PendulumDef def;
    b2World world{b2Vec2{0.f, 0.f}};
    b2Body* pivot = nullptr; // kinematic: driven to where it is asked to be
    b2Body* arm = nullptr;   // dynamic: its origin at the joint, hanging along its -y
    double damping = 0.0;    // N m s of the joint
    double accumulator = 0.0;
    Point at; // where the pivot was asked to be last
    std::size_t steps = 0;

    void make(Point where) {
        world.SetGravity({0.f, static_cast<float>(-def.gravity)});
        world.SetAllowSleeping(false);
        b2BodyDef fixed;
        fixed.type = b2_kinematicBody;
        fixed.position = toBox2D(where);
        pivot = world.CreateBody(&fixed);
        b2BodyDef swinging;
        swinging.type = b2_dynamicBody;
        swinging.position = toBox2D(where);
        arm = world.CreateBody(&swinging);
        b2MassData mass;
        mass.mass = static_cast<float>(def.mass);
        mass.center.Set(0.f, static_cast<float>(-def.centre));
        mass.I = static_cast<float>(def.inertia); // about the body's origin, the joint
        arm->SetMassData(&mass);
        b2RevoluteJointDef joint;
        joint.Initialize(pivot, arm, toBox2D(where));
        world.CreateJoint(&joint);
        damping = 2.0 * def.damping * std::sqrt(def.inertia * def.mass * def.gravity * def.centre);
        at = where;
    }

    // One physics step with the pivot driven to `target` by its end.
    void substep(Point target) {
        const auto dt = static_cast<float>(def.timeStep);
        pivot->SetLinearVelocity((1.f / dt) * (toBox2D(target) - pivot->GetPosition()));
        // The joint's damping: a torque against the arm's turning (the pivot does not turn).
        arm->ApplyTorque(static_cast<float>(-damping * arm->GetAngularVelocity()), true);
        world.Step(dt, kVelocityIterations, kPositionIterations);
        ++steps;
    }
};

Pendulum::Pendulum(Point pivot, const PendulumDef& def) : m_impl(std::make_unique<Impl>()) {
    m_impl->def = def;
    m_impl->make(pivot);
}

Pendulum::~Pendulum() = default;
Pendulum::Pendulum(Pendulum&&) noexcept = default;
Pendulum& Pendulum::operator=(Pendulum&&) noexcept = default;

void Pendulum::step(Point pivot, double seconds) {
    Impl& m = *m_impl;
    seconds = std::clamp(seconds, 0.0, m.def.maxStep);
    const Point from = m.at;
    // The pivot on its way from where it was to `pivot`.
    fixedSteps(m.accumulator, seconds, m.def.timeStep,
               [&](double t) { m.substep(lerp(from, pivot, t)); });
    m.at = pivot;
}

void Pendulum::settle(double seconds) {
    for (double left = seconds; left > 0.0; left -= m_impl->def.maxStep) {
        step(m_impl->at, std::min(left, m_impl->def.maxStep));
    }
}

void Pendulum::hang(Point pivot) {
    const PendulumDef def = m_impl->def;
    const std::size_t steps = m_impl->steps;
    m_impl = std::make_unique<Impl>();
    m_impl->def = def;
    m_impl->steps = steps;
    m_impl->make(pivot);
}

double Pendulum::angle() const {
    return static_cast<double>(m_impl->arm->GetAngle());
}

double Pendulum::angularVelocity() const {
    return static_cast<double>(m_impl->arm->GetAngularVelocity());
}

Point Pendulum::pivot() const {
    return m_impl->at;
}

Point Pendulum::tip() const {
    const double a = angle();
    const double l = m_impl->def.length;
    return {m_impl->at.x + l * std::sin(a), m_impl->at.y - l * std::cos(a)};
}

const PendulumDef& Pendulum::def() const {
    return m_impl->def;
}

std::size_t Pendulum::stepsTaken() const {
    return m_impl->steps;
}

} // namespace motus::figure
