#include "Kinematics.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace motus::core {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kFootWidth = 0.055; // fraction of height, for the front view

double radians(double degrees) {
    return degrees * kPi / 180.0;
}

Vec2 along(Vec2 from, double angle, double length) {
    return {from.x + length * std::cos(angle), from.y + length * std::sin(angle)};
}

bool isRightLimb(Joint joint) {
    return joint >= Joint::ShoulderR;
}

} // namespace

int rotationSense(Joint joint, View view) {
    switch (joint) {
    case Joint::Lumbar:
    case Joint::Thoracic:
    case Joint::Neck:
    case Joint::Head:
        return -1; // flexion tips an upward segment forward; lateral flexion to the left
    case Joint::KneeL:
    case Joint::KneeR:
        if (view == View::Side) {
            return -1; // the shank swings back
        }
        break;
    default:
        break;
    }
    if (view != View::Side && isRightLimb(joint)) {
        return -1; // the right side mirrors in the front view
    }
    return 1;
}

double BodyPlacement::lowest(Segment s) const {
    const auto& seg = (*this)[s];
    return std::min(seg.start.y, seg.end.y) - seg.radius;
}

std::pair<double, double> BodyPlacement::horizontalExtent() const {
    double minX = segments[0].start.x;
    double maxX = minX;
    for (const auto& seg : segments) {
        minX = std::min({minX, seg.start.x, seg.end.x});
        maxX = std::max({maxX, seg.start.x, seg.end.x});
    }
    return {minX, maxX};
}

double BodyPlacement::lowestOverall() const {
    double low = lowest(Segment::Pelvis);
    for (std::size_t i = 0; i < kSegmentCount; ++i) {
        low = std::min(low, lowest(static_cast<Segment>(i)));
    }
    return low;
}

BodyPlacement placeBody(const Pose& pose, View view, double heightMetres, const Proportions& p) {
    const double h = heightMetres;
    const bool side = view == View::Side;
    auto turn = [&](Joint j) { return rotationSense(j, view) * radians(pose.angle(j)); };
    BodyPlacement body;
    auto set = [&](Segment s, Vec2 a, Vec2 b) {
        body.segments.at(static_cast<std::size_t>(s)) = {a, b, p.radius(s) * h};
    };

    // Spine, from the hip centre up.
    const Vec2 hipCentre{0.0, 0.0};
    const double pelvisAngle = kPi / 2 - radians(pose.orientation);
    const Vec2 lumbosacral = along(hipCentre, pelvisAngle, p.pelvis * h);
    const double abdomenAngle = pelvisAngle + turn(Joint::Lumbar);
    const Vec2 thoracolumbar = along(lumbosacral, abdomenAngle, p.abdomen * h);
    const double thoraxAngle = abdomenAngle + turn(Joint::Thoracic);
    const Vec2 shoulderLevel = along(thoracolumbar, thoraxAngle, p.thorax * h);
    const double neckAngle = thoraxAngle + turn(Joint::Neck);
    const Vec2 chin = along(shoulderLevel, neckAngle, p.neck * h);
    const double headAngle = neckAngle + turn(Joint::Head);
    set(Segment::Pelvis, hipCentre, lumbosacral);
    set(Segment::Abdomen, lumbosacral, thoracolumbar);
    set(Segment::Thorax, thoracolumbar, shoulderLevel);
    set(Segment::Neck, shoulderLevel, chin);
    set(Segment::Head, chin, along(chin, headAngle, p.head * h));

    struct Limb {
        Joint shoulder, elbow, wrist, hip, knee, ankle;
        Segment upperArm, forearm, hand, thigh, shank, foot;
        double lateral; // +1 for the left side, which is at +x in the front view
    };
    const std::array<Limb, 2> limbs{
        Limb{Joint::ShoulderL, Joint::ElbowL, Joint::WristL, Joint::HipL, Joint::KneeL,
             Joint::AnkleL, Segment::UpperArmL, Segment::ForearmL, Segment::HandL, Segment::ThighL,
             Segment::ShankL, Segment::FootL, 1.0},
        Limb{Joint::ShoulderR, Joint::ElbowR, Joint::WristR, Joint::HipR, Joint::KneeR,
             Joint::AnkleR, Segment::UpperArmR, Segment::ForearmR, Segment::HandR, Segment::ThighR,
             Segment::ShankR, Segment::FootR, -1.0}};

    for (const auto& limb : limbs) {
        const double shoulderOffset = side ? 0.0 : limb.lateral * p.shoulderWidth * h / 2;
        const double hipOffset = side ? 0.0 : limb.lateral * p.hipWidth * h / 2;

        const Vec2 shoulder = along(shoulderLevel, thoraxAngle - kPi / 2, shoulderOffset);
        const double upperArmAngle = thoraxAngle + kPi + turn(limb.shoulder);
        const Vec2 elbow = along(shoulder, upperArmAngle, p.upperArm * h);
        const double forearmAngle = upperArmAngle + turn(limb.elbow);
        const Vec2 wrist = along(elbow, forearmAngle, p.forearm * h);
        const double handAngle = forearmAngle + turn(limb.wrist);
        set(limb.upperArm, shoulder, elbow);
        set(limb.forearm, elbow, wrist);
        set(limb.hand, wrist, along(wrist, handAngle, p.hand * h));

        const Vec2 hip = along(hipCentre, pelvisAngle - kPi / 2, hipOffset);
        const double thighAngle = pelvisAngle + kPi + turn(limb.hip);
        const Vec2 knee = along(hip, thighAngle, p.thigh * h);
        const double shankAngle = thighAngle + turn(limb.knee);
        const Vec2 ankle = along(knee, shankAngle, p.shank * h);
        set(limb.thigh, hip, knee);
        set(limb.shank, knee, ankle);
        if (side) {
            const double footAngle = shankAngle + kPi / 2 + turn(limb.ankle);
            const Vec2 sole = along(ankle, footAngle - kPi / 2, p.ankleHeight * h);
            set(limb.foot, along(sole, footAngle, -p.heelBehindAnkle * h),
                along(sole, footAngle, (p.footLength - p.heelBehindAnkle) * h));
        } else {
            const double footAngle = shankAngle + turn(limb.ankle);
            const Vec2 sole = along(ankle, footAngle, p.ankleHeight * h);
            set(limb.foot, along(sole, footAngle + kPi / 2, kFootWidth * h / 2),
                along(sole, footAngle - kPi / 2, kFootWidth * h / 2));
        }
    }

    const double floor = body.lowestOverall();
    for (auto& seg : body.segments) {
        seg.start.y -= floor;
        seg.end.y -= floor;
    }
    return body;
}

double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return 0.5 - 0.5 * std::cos(kPi * t);
}

Pose blendPoses(const Pose& from, const Pose& to, double t) {
    Pose out = t < 0.5 ? from : to;
    out.orientation = from.orientation + (to.orientation - from.orientation) * t;
    for (std::size_t i = 0; i < kJointCount; ++i) {
        out.angles[i] = from.angles[i] + (to.angles[i] - from.angles[i]) * t;
    }
    return out;
}

Pose mirrorPose(const Pose& pose, View view) {
    Pose out = pose;
    for (std::size_t i = 0; i < kJointCount; ++i) {
        const auto joint = static_cast<Joint>(i);
        const bool spinal = mirror(joint) == joint;
        const double sign = spinal && view != View::Side ? -1.0 : 1.0;
        out.angles[static_cast<std::size_t>(mirror(joint))] = sign * pose.angles[i];
    }
    if (view != View::Side) {
        out.orientation = -pose.orientation;
    }
    for (auto& contact : out.contacts) {
        contact = mirror(contact);
    }
    return out;
}

Extent extentOf(const std::vector<BodyPlacement>& bodies) {
    Extent e;
    bool first = true;
    for (const auto& body : bodies) {
        for (const auto& seg : body.segments) {
            for (const auto& p : {seg.start, seg.end}) {
                if (first) {
                    e.minX = e.maxX = p.x;
                    first = false;
                }
                e.minX = std::min(e.minX, p.x - seg.radius);
                e.maxX = std::max(e.maxX, p.x + seg.radius);
                e.maxY = std::max(e.maxY, p.y + seg.radius);
            }
        }
    }
    return e;
}

} // namespace motus::core
