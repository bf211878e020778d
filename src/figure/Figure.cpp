#include "Figure.hpp"

#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace motus::figure {
namespace {

using core::Joint;
using core::Segment;

constexpr double kPi = std::numbers::pi;

struct JointLink {
    Joint joint;
    Segment parent;
    Segment child;
};

constexpr std::array<JointLink, core::kJointCount> kLinks{{
    {Joint::Lumbar, Segment::Pelvis, Segment::Abdomen},
    {Joint::Thoracic, Segment::Abdomen, Segment::Thorax},
    {Joint::Neck, Segment::Thorax, Segment::Neck},
    {Joint::Head, Segment::Neck, Segment::Head},
    {Joint::ShoulderL, Segment::Thorax, Segment::UpperArmL},
    {Joint::ElbowL, Segment::UpperArmL, Segment::ForearmL},
    {Joint::WristL, Segment::ForearmL, Segment::HandL},
    {Joint::HipL, Segment::Pelvis, Segment::ThighL},
    {Joint::KneeL, Segment::ThighL, Segment::ShankL},
    {Joint::AnkleL, Segment::ShankL, Segment::FootL},
    {Joint::ShoulderR, Segment::Thorax, Segment::UpperArmR},
    {Joint::ElbowR, Segment::UpperArmR, Segment::ForearmR},
    {Joint::WristR, Segment::ForearmR, Segment::HandR},
    {Joint::HipR, Segment::Pelvis, Segment::ThighR},
    {Joint::KneeR, Segment::ThighR, Segment::ShankR},
    {Joint::AnkleR, Segment::ShankR, Segment::FootR},
}};

std::size_t idx(Segment s) {
    return static_cast<std::size_t>(s);
}
std::size_t idx(Joint j) {
    return static_cast<std::size_t>(j);
}

bool isFoot(Segment s) {
    return s == Segment::FootL || s == Segment::FootR;
}

b2Vec2 vec(core::Vec2 v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y)};
}
core::Vec2 vec(b2Vec2 v) {
    return {static_cast<double>(v.x), static_cast<double>(v.y)};
}

double wrap(double angle) {
    while (angle > kPi) {
        angle -= 2 * kPi;
    }
    while (angle < -kPi) {
        angle += 2 * kPi;
    }
    return angle;
}

// Where a segment's body sits: its proximal end (the ankle for the foot), turned along it.
b2Transform bodyFrame(const core::BodyPlacement& placed, Segment s, core::View view) {
    b2Vec2 origin;
    double angle = 0.0;
    const auto& seg = placed[s];
    if (isFoot(s)) {
        origin = vec(placed[s == Segment::FootL ? Segment::ShankL : Segment::ShankR].end);
        angle = std::atan2(seg.end.y - seg.start.y, seg.end.x - seg.start.x);
        if (view != core::View::Side) {
            angle += kPi / 2;
        }
    } else {
        origin = vec(seg.start);
        angle = std::atan2(seg.end.y - seg.start.y, seg.end.x - seg.start.x);
    }
    return b2Transform(origin, b2Rot(static_cast<float>(angle)));
}

} // namespace

struct Figure::Impl {
    b2World world{b2Vec2(0.0f, -9.81f)};
    b2Body* floor = nullptr;
    std::array<b2Body*, core::kSegmentCount> bodies{};
    std::array<b2RevoluteJoint*, core::kJointCount> joints{};
    std::array<b2Vec2, core::kSegmentCount> localStart{};
    std::array<b2Vec2, core::kSegmentCount> localEnd{};
    std::array<double, core::kSegmentCount> radius{};
    std::array<b2Transform, core::kSegmentCount> previous{};
    std::array<b2Transform, core::kSegmentCount> current{};
    core::Pose target;
    std::array<double, core::kJointCount> targetRad{};
    std::array<double, core::kJointCount> targetRate{}; // rad/s
    double sinceTarget = 0.0;
    std::optional<Segment> anchor;
    double anchorX = 0.0;

    void record() {
        for (std::size_t i = 0; i < core::kSegmentCount; ++i) {
            previous[i] = current[i];
            current[i] = bodies[i]->GetTransform();
        }
    }
};

Figure::Figure(core::View view, const core::Pose& initial, const FigureDef& def)
    : m_view(view), m_def(def), m_impl(std::make_unique<Impl>()) {
    Impl& s = *m_impl;
    const double h = def.heightMetres;
    const core::Proportions proportions;

    b2BodyDef floorDef;
    s.floor = s.world.CreateBody(&floorDef);
    b2EdgeShape ground;
    ground.SetTwoSided(b2Vec2(-50.0f, 0.0f), b2Vec2(50.0f, 0.0f));
    s.floor->CreateFixture(&ground, 0.0f);

    // Build the rig standing at anatomical zero, so every joint's reference angle is its zero.
    core::Pose zero;
    zero.id = "zero";
    const auto placed = core::placeBody(zero, view, h, proportions);
    for (std::size_t i = 0; i < core::kSegmentCount; ++i) {
        const auto segment = static_cast<Segment>(i);
        const b2Transform frame = bodyFrame(placed, segment, view);
        b2BodyDef bodyDef;
        bodyDef.type = segment == Segment::Pelvis ? b2_kinematicBody : b2_dynamicBody;
        bodyDef.position = frame.p;
        bodyDef.angle = frame.q.GetAngle();
        bodyDef.angularDamping = 0.5f;
        bodyDef.linearDamping = 0.1f;
        b2Body* body = s.world.CreateBody(&bodyDef);
        s.bodies[i] = body;
        s.localStart[i] = body->GetLocalPoint(vec(placed[segment].start));
        s.localEnd[i] = body->GetLocalPoint(vec(placed[segment].end));
        s.radius[i] = proportions.radius(segment) * h;

        const double mass = core::segmentMassFraction(segment) * def.massKg;
        b2FixtureDef fixture;
        // The figure never collides with itself, nor with the floor: the root is placed so that
        // its lowest point rests on the floor, and floor contacts on top of that would fight
        // the kinematic root and shake the legs.
        fixture.filter.groupIndex = -1;
        fixture.filter.maskBits = 0;
        fixture.friction = 0.8f;
        b2PolygonShape shape;
        if (isFoot(segment)) {
            const b2Vec2 points[3] = {s.localStart[i], s.localEnd[i], b2Vec2(0.0f, 0.0f)};
            shape.Set(points, 3);
        } else {
            const auto length = static_cast<float>(b2Distance(s.localStart[i], s.localEnd[i]));
            // A little thinner than drawn, so resting limbs do not rub on the floor.
            const auto half = static_cast<float>(std::max(0.01, s.radius[i] * 0.7));
            shape.SetAsBox(length / 2, half, 0.5f * (s.localStart[i] + s.localEnd[i]), 0.0f);
        }
        b2MassData massData;
        shape.ComputeMass(&massData, 1.0f);
        fixture.density =
            static_cast<float>(mass / std::max(1e-6, static_cast<double>(massData.mass)));
        fixture.shape = &shape;
        body->CreateFixture(&fixture);
    }
    for (const auto& link : kLinks) {
        b2RevoluteJointDef jointDef;
        b2Body* parent = s.bodies[idx(link.parent)];
        b2Body* child = s.bodies[idx(link.child)];
        jointDef.Initialize(parent, child, child->GetPosition());
        const int sense = core::rotationSense(link.joint, view);
        const auto limit = core::jointLimit(link.joint, view);
        const double lo = sense * limit.min * kPi / 180.0;
        const double hi = sense * limit.max * kPi / 180.0;
        jointDef.enableLimit = true;
        jointDef.lowerAngle = static_cast<float>(std::min(lo, hi));
        jointDef.upperAngle = static_cast<float>(std::max(lo, hi));
        jointDef.enableMotor = true;
        jointDef.maxMotorTorque = static_cast<float>(def.maxMotorTorque);
        jointDef.collideConnected = false;
        s.joints[idx(link.joint)] = static_cast<b2RevoluteJoint*>(s.world.CreateJoint(&jointDef));
    }
    reset(initial);
}

Figure::~Figure() = default;

void Figure::reset(const core::Pose& pose) {
    Impl& s = *m_impl;
    const auto placed = core::placeBody(pose, m_view, m_def.heightMetres);
    std::array<double, core::kSegmentCount> angles{};
    for (std::size_t i = 0; i < core::kSegmentCount; ++i) {
        angles[i] = bodyFrame(placed, static_cast<Segment>(i), m_view).q.GetAngle();
    }
    // Box2D measures a joint's angle as the plain difference of its bodies' angles: each child
    // is turned by whole turns so that difference is the joint's angle, not that plus 2π.
    for (const auto& link : kLinks) {
        const double parent = angles[idx(link.parent)];
        const double reference = s.joints[idx(link.joint)]->GetReferenceAngle();
        angles[idx(link.child)] =
            parent + reference + wrap(angles[idx(link.child)] - parent - reference);
    }
    for (std::size_t i = 0; i < core::kSegmentCount; ++i) {
        const b2Transform frame = bodyFrame(placed, static_cast<Segment>(i), m_view);
        s.bodies[i]->SetTransform(frame.p, static_cast<float>(angles[i]));
        s.bodies[i]->SetLinearVelocity(b2Vec2(0.0f, 0.0f));
        s.bodies[i]->SetAngularVelocity(0.0f);
        s.previous[i] = s.current[i] = s.bodies[i]->GetTransform();
    }
    s.target = pose;
    for (std::size_t j = 0; j < core::kJointCount; ++j) {
        const auto joint = static_cast<Joint>(j);
        s.targetRad[j] = core::rotationSense(joint, m_view) * pose.angles[j] * kPi / 180.0;
        s.targetRate[j] = 0.0;
    }
    s.anchor.reset();
    if (!pose.contacts.empty()) {
        s.anchor = pose.contacts.front();
        const auto& seg = placed[*s.anchor];
        s.anchorX = (seg.start.x + seg.end.x) / 2;
    }
    s.sinceTarget = 0.0;
    m_accumulator = 0.0;
}

void Figure::setTarget(const core::Pose& target) {
    Impl& s = *m_impl;
    // A target that jumps (the other side of a one-sided exercise, a new starting position) is
    // taken at once, as a patient repositions between sets; swinging there through the floor
    // would look like a fall.
    double jump = std::abs(target.orientation - s.target.orientation);
    for (std::size_t j = 0; j < core::kJointCount; ++j) {
        jump = std::max(jump, std::abs(target.angles[j] - s.target.angles[j]));
    }
    if (jump > m_def.jumpDegrees) {
        reset(target);
        return;
    }
    const double elapsed = std::max(s.sinceTarget, m_def.timeStep);
    for (std::size_t j = 0; j < core::kJointCount; ++j) {
        const auto joint = static_cast<Joint>(j);
        const double rad = core::rotationSense(joint, m_view) * target.angles[j] * kPi / 180.0;
        s.targetRate[j] = s.sinceTarget > 0.0 ? (rad - s.targetRad[j]) / elapsed : 0.0;
        s.targetRad[j] = rad;
    }
    // The anchor, the contact that stays put on the floor while the body moves: one the old and
    // the new pose share, else the new pose's first.
    if (target.contacts != s.target.contacts) {
        std::optional<Segment> anchor;
        for (auto segment : target.contacts) {
            if (std::find(s.target.contacts.begin(), s.target.contacts.end(), segment) !=
                s.target.contacts.end()) {
                anchor = segment;
                break;
            }
        }
        if (!anchor && !target.contacts.empty()) {
            anchor = target.contacts.front();
        }
        if (anchor != s.anchor && anchor) {
            const auto placed = placement();
            s.anchorX = (placed[*anchor].start.x + placed[*anchor].end.x) / 2;
        }
        s.anchor = anchor;
    }
    s.target = target;
    s.sinceTarget = 0.0;
}

void Figure::update(double seconds) {
    m_accumulator += std::clamp(seconds, 0.0, 0.25); // a stalled frame does not explode
    m_impl->sinceTarget += seconds;
    while (m_accumulator >= m_def.timeStep) {
        step();
        m_accumulator -= m_def.timeStep;
    }
}

void Figure::step() {
    Impl& s = *m_impl;
    const double dt = m_def.timeStep;

    // The root follows the target pose: placed with its lowest point on the floor and its
    // anchor contact where it was. It is driven from the target, not from the joints' actual
    // angles, so the root cannot feed back into the limbs' motion; its speed is capped so a
    // sudden new target is reached smoothly.
    const auto placed = core::placeBody(s.target, m_view, m_def.heightMetres);
    double dx = s.current[idx(Segment::Pelvis)].p.x - placed[Segment::Pelvis].start.x;
    if (s.anchor) {
        const auto& seg = placed[*s.anchor];
        dx = s.anchorX - (seg.start.x + seg.end.x) / 2;
    }
    const b2Transform want = bodyFrame(placed, Segment::Pelvis, m_view);
    b2Body* pelvis = s.bodies[idx(Segment::Pelvis)];
    const b2Vec2 goal = want.p + b2Vec2(static_cast<float>(dx), 0.0f);
    b2Vec2 velocity = static_cast<float>(1.0 / dt) * (goal - pelvis->GetPosition());
    const float rootSpeed = velocity.Length();
    const auto maxSpeed = static_cast<float>(m_def.maxRootSpeed);
    if (rootSpeed > maxSpeed) {
        velocity *= maxSpeed / rootSpeed;
    }
    pelvis->SetLinearVelocity(velocity);
    pelvis->SetAngularVelocity(
        static_cast<float>(std::clamp(wrap(want.q.GetAngle() - pelvis->GetAngle()) / dt,
                                      -m_def.maxJointSpeed, m_def.maxJointSpeed)));

    // Each joint's motor runs at the speed that closes the error (the PD law through the motor
    // speed), plus the target's own speed.
    for (std::size_t j = 0; j < core::kJointCount; ++j) {
        b2RevoluteJoint* joint = s.joints[j];
        const double error = s.targetRad[j] - joint->GetJointAngle();
        const double speed = std::clamp(m_def.gain * error + s.targetRate[j], -m_def.maxJointSpeed,
                                        m_def.maxJointSpeed);
        joint->SetMotorSpeed(static_cast<float>(speed));
    }
    s.world.Step(static_cast<float>(dt), 30, 10);
    s.record();
    ++m_steps;
}

core::BodyPlacement Figure::placement() const {
    const Impl& s = *m_impl;
    const double alpha = std::clamp(m_accumulator / m_def.timeStep, 0.0, 1.0);
    core::BodyPlacement out;
    for (std::size_t i = 0; i < core::kSegmentCount; ++i) {
        const b2Transform& a = s.previous[i];
        const b2Transform& b = s.current[i];
        const double angle = a.q.GetAngle() + wrap(b.q.GetAngle() - a.q.GetAngle()) * alpha;
        const b2Vec2 p = a.p + static_cast<float>(alpha) * (b.p - a.p);
        const b2Transform t(p, b2Rot(static_cast<float>(angle)));
        out.segments[i] = {vec(b2Mul(t, s.localStart[i])), vec(b2Mul(t, s.localEnd[i])),
                           s.radius[i]};
    }
    return out;
}

double Figure::jointAngle(Joint joint) const {
    const double rad = m_impl->joints[idx(joint)]->GetJointAngle();
    return rad / core::rotationSense(joint, m_view) * 180.0 / kPi;
}

double Figure::maxLinearSpeed() const {
    double fastest = 0.0;
    for (const b2Body* body : m_impl->bodies) {
        fastest = std::max(fastest, static_cast<double>(body->GetLinearVelocity().Length()));
    }
    return fastest;
}

double Figure::maxAngularSpeed() const {
    double fastest = 0.0;
    for (const b2Body* body : m_impl->bodies) {
        fastest = std::max(fastest, std::abs(static_cast<double>(body->GetAngularVelocity())));
    }
    return fastest;
}

} // namespace motus::figure
