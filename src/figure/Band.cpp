#include "Band.hpp"

#include "Simulation.hpp"

#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>

namespace motus::figure {
namespace {

constexpr double kMaxStretch = 4.0; // beyond this the band is a rigid line (it would have torn)
constexpr double kMinRest = 0.01;   // metres: a band seen end-on still has some length
constexpr int kVelocityIterations = 24;
constexpr int kPositionIterations = 4;

using detail::fixedSteps;
using detail::lerp;
using detail::toBox2D;

} // namespace

struct BandRope::Impl {
    BandDef def;
    b2World world{b2Vec2{0.f, 0.f}};
    std::vector<b2Body*> nodes; // the anchor, the links' ends, the hand
    std::vector<b2DistanceJoint*> links;
    double rest = 1.0;
    double accumulator = 0.0;
    Point anchor; // where the ends were asked to be last
    Point hand;
    std::size_t steps = 0;

    void configure() {
        const auto n = static_cast<double>(links.size());
        const double segment = rest / n;
        // The band's spring, K = stiffness / rest (N/m), is n links' springs in series.
        const double k = def.stiffness / rest * n;
        const double mass = k * std::pow(def.timeStep / def.linkOmegaStep, 2.0);
        const double damping = 2.0 * def.dampingRatio * std::sqrt(k * mass / 2.0);
        for (auto* link : links) {
            link->SetMinLength(0.f);
            link->SetMaxLength(static_cast<float>(segment * kMaxStretch));
            link->SetLength(static_cast<float>(segment));
            link->SetStiffness(static_cast<float>(k));
            link->SetDamping(static_cast<float>(damping));
        }
        for (std::size_t i = 1; i + 1 < nodes.size(); ++i) {
            b2MassData data;
            data.mass = static_cast<float>(mass);
            data.center.SetZero();
            data.I = 0.f;
            nodes[i]->SetMassData(&data);
        }
    }

    // One physics step with the ends driven to `a` and `h` by its end.
    void substep(Point a, Point h) {
        const auto dt = static_cast<float>(def.timeStep);
        auto drive = [dt](b2Body* body, Point target) {
            body->SetLinearVelocity((1.f / dt) * (toBox2D(target) - body->GetPosition()));
        };
        drive(nodes.front(), a);
        drive(nodes.back(), h);
        world.Step(dt, kVelocityIterations, kPositionIterations);
        ++steps;
    }
};

BandRope::BandRope(Point anchor, Point hand, double restLength, const BandDef& def)
    : m_impl(std::make_unique<Impl>()) {
    Impl& m = *m_impl;
    m.def = def;
    m.def.links = std::max(2, def.links);
    m.rest = std::max(kMinRest, restLength);
    m.anchor = anchor;
    m.hand = hand;
    m.world.SetGravity({0.f, static_cast<float>(-def.gravity)});
    m.world.SetAllowSleeping(false);
    const int count = m.def.links;
    for (int i = 0; i <= count; ++i) {
        b2BodyDef body;
        const bool end = i == 0 || i == count;
        body.type = end ? b2_kinematicBody : b2_dynamicBody;
        body.position = toBox2D(lerp(anchor, hand, static_cast<double>(i) / count));
        body.linearDamping = end ? 0.f : static_cast<float>(def.drag);
        body.fixedRotation = true;
        m.nodes.push_back(m.world.CreateBody(&body));
    }
    for (int i = 0; i < count; ++i) {
        b2DistanceJointDef joint;
        joint.Initialize(m.nodes[static_cast<std::size_t>(i)],
                         m.nodes[static_cast<std::size_t>(i) + 1],
                         m.nodes[static_cast<std::size_t>(i)]->GetPosition(),
                         m.nodes[static_cast<std::size_t>(i) + 1]->GetPosition());
        m.links.push_back(static_cast<b2DistanceJoint*>(m.world.CreateJoint(&joint)));
    }
    m.configure();
}

BandRope::~BandRope() = default;
BandRope::BandRope(BandRope&&) noexcept = default;
BandRope& BandRope::operator=(BandRope&&) noexcept = default;

void BandRope::step(Point anchor, Point hand, double seconds) {
    Impl& m = *m_impl;
    seconds = std::clamp(seconds, 0.0, m.def.maxStep);
    const Point anchorFrom = m.anchor;
    const Point handFrom = m.hand;
    // The ends on their way to the targets.
    fixedSteps(m.accumulator, seconds, m.def.timeStep,
               [&](double t) { m.substep(lerp(anchorFrom, anchor, t), lerp(handFrom, hand, t)); });
    m.anchor = anchor;
    m.hand = hand;
}

void BandRope::settle(double seconds) {
    for (double left = seconds; left > 0.0; left -= m_impl->def.maxStep) {
        step(m_impl->anchor, m_impl->hand, std::min(left, m_impl->def.maxStep));
    }
}

void BandRope::setRestLength(double metres) {
    metres = std::max(kMinRest, metres);
    if (std::abs(metres - m_impl->rest) < 1e-6) {
        return;
    }
    m_impl->rest = metres;
    m_impl->configure();
}

double BandRope::restLength() const {
    return m_impl->rest;
}

std::vector<Point> BandRope::points() const {
    std::vector<Point> out;
    out.reserve(m_impl->nodes.size());
    for (const auto* body : m_impl->nodes) {
        const b2Vec2 p = body->GetPosition();
        out.push_back({static_cast<double>(p.x), static_cast<double>(p.y)});
    }
    // The ends exactly where they were last asked to be (the physics may lag by part of a step).
    out.front() = m_impl->anchor;
    out.back() = m_impl->hand;
    return out;
}

double BandRope::stretch() const {
    const auto p = points();
    double length = 0.0;
    for (std::size_t i = 1; i < p.size(); ++i) {
        length += std::hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
    }
    return length / m_impl->rest;
}

std::size_t BandRope::stepsTaken() const {
    return m_impl->steps;
}

} // namespace motus::figure
