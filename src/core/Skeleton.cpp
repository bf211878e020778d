#include "Skeleton.hpp"

#include <cassert>

namespace motus::core {
namespace {

constexpr std::array<std::string_view, kJointCount> kJointNames{
    "lumbar", "thoracic", "neck",       "head",    "shoulder-l", "elbow-l", "wrist-l", "hip-l",
    "knee-l", "ankle-l",  "shoulder-r", "elbow-r", "wrist-r",    "hip-r",   "knee-r",  "ankle-r"};

constexpr std::array<std::string_view, kSegmentCount> kSegmentNames{
    "pelvis",    "abdomen", "thorax",  "neck",    "head",   "upper-arm-l",
    "forearm-l", "hand-l",  "thigh-l", "shank-l", "foot-l", "upper-arm-r",
    "forearm-r", "hand-r",  "thigh-r", "shank-r", "foot-r"};

enum class Kind { Trunk, Cervical, Shoulder, Elbow, Wrist, Hip, Knee, Ankle };

Kind kindOf(Joint joint) {
    switch (joint) {
    case Joint::Lumbar:
    case Joint::Thoracic:
        return Kind::Trunk;
    case Joint::Neck:
    case Joint::Head:
        return Kind::Cervical;
    case Joint::ShoulderL:
    case Joint::ShoulderR:
        return Kind::Shoulder;
    case Joint::ElbowL:
    case Joint::ElbowR:
        return Kind::Elbow;
    case Joint::WristL:
    case Joint::WristR:
        return Kind::Wrist;
    case Joint::HipL:
    case Joint::HipR:
        return Kind::Hip;
    case Joint::KneeL:
    case Joint::KneeR:
        return Kind::Knee;
    case Joint::AnkleL:
    case Joint::AnkleR:
        return Kind::Ankle;
    }
    return Kind::Trunk;
}

// Side view (sagittal plane): extension negative, flexion positive.
AngleRange sagittal(Kind kind) {
    switch (kind) {
    case Kind::Trunk:
        return {-25, 80}; // trunk extension 25, flexion 80
    case Kind::Cervical:
        return {-45, 45}; // neck extension 45, flexion 45
    case Kind::Shoulder:
        return {-60, 180}; // extension 60, flexion 180
    case Kind::Elbow:
        return {0, 150};
    case Kind::Wrist:
        return {-70, 80}; // AAOS: extension 70, flexion 80
    case Kind::Hip:
        return {-30, 120}; // extension 30, flexion 120
    case Kind::Knee:
        return {0, 135};
    case Kind::Ankle:
        return {-50, 20}; // AAOS: plantarflexion 50, dorsiflexion 20
    }
    return {};
}

// Front and top views (frontal plane): adduction negative, abduction positive; the bend of
// elbow and knee is their flexion seen in projection.
AngleRange frontal(Kind kind) {
    switch (kind) {
    case Kind::Trunk:
        return {-35, 35}; // lateral flexion 35 each way
    case Kind::Cervical:
        return {-45, 45}; // AAOS lateral flexion 45
    case Kind::Shoulder:
        return {-30, 180}; // AAOS adduction 30, abduction 180
    case Kind::Elbow:
        return {-150, 150};
    case Kind::Wrist:
        return {-30, 20}; // AAOS ulnar 30, radial deviation 20
    case Kind::Hip:
        return {-30, 45}; // AAOS adduction 30, abduction 45
    case Kind::Knee:
        return {-135, 135};
    case Kind::Ankle:
        return {-15, 35}; // AAOS eversion 15, inversion 35
    }
    return {};
}

} // namespace

std::string_view toString(Joint joint) {
    return kJointNames.at(static_cast<std::size_t>(joint));
}
std::string_view toString(Segment segment) {
    return kSegmentNames.at(static_cast<std::size_t>(segment));
}

std::optional<Joint> parseJoint(std::string_view text) {
    for (std::size_t i = 0; i < kJointNames.size(); ++i) {
        if (kJointNames[i] == text) {
            return static_cast<Joint>(i);
        }
    }
    return std::nullopt;
}

std::optional<Segment> parseSegment(std::string_view text) {
    for (std::size_t i = 0; i < kSegmentNames.size(); ++i) {
        if (kSegmentNames[i] == text) {
            return static_cast<Segment>(i);
        }
    }
    return std::nullopt;
}

AngleRange jointLimit(Joint joint, View view) {
    return view == View::Side ? sagittal(kindOf(joint)) : frontal(kindOf(joint));
}

std::array<JointChain, 2> spinalChains() {
    return {JointChain{Joint::Lumbar, Joint::Thoracic, "trunk"},
            JointChain{Joint::Neck, Joint::Head, "cervical spine"}};
}

AngleRange chainLimit(const JointChain& chain, View view) {
    return jointLimit(chain.first, view);
}

Joint mirror(Joint joint) {
    const auto i = static_cast<std::size_t>(joint);
    const auto firstLeft = static_cast<std::size_t>(Joint::ShoulderL);
    const auto firstRight = static_cast<std::size_t>(Joint::ShoulderR);
    if (i < firstLeft) {
        return joint;
    }
    return static_cast<Joint>(i < firstRight ? i + (firstRight - firstLeft)
                                             : i - (firstRight - firstLeft));
}

Segment mirror(Segment segment) {
    const auto i = static_cast<std::size_t>(segment);
    const auto firstLeft = static_cast<std::size_t>(Segment::UpperArmL);
    const auto firstRight = static_cast<std::size_t>(Segment::UpperArmR);
    if (i < firstLeft) {
        return segment;
    }
    return static_cast<Segment>(i < firstRight ? i + (firstRight - firstLeft)
                                               : i - (firstRight - firstLeft));
}

double Proportions::radius(Segment segment) const {
    switch (segment) {
    case Segment::Pelvis:
        return pelvisRadius;
    case Segment::Abdomen:
        return abdomenRadius;
    case Segment::Thorax:
        return thoraxRadius;
    case Segment::Neck:
        return neckRadius;
    case Segment::Head:
        return headRadius;
    case Segment::UpperArmL:
    case Segment::UpperArmR:
        return upperArmRadius;
    case Segment::ForearmL:
    case Segment::ForearmR:
        return forearmRadius;
    case Segment::HandL:
    case Segment::HandR:
        return handRadius;
    case Segment::ThighL:
    case Segment::ThighR:
        return thighRadius;
    case Segment::ShankL:
    case Segment::ShankR:
        return shankRadius;
    case Segment::FootL:
    case Segment::FootR:
        return footRadius;
    }
    return 0.0;
}

double segmentMassFraction(Segment segment) {
    switch (segment) {
    case Segment::Pelvis:
        return 0.142;
    case Segment::Abdomen:
        return 0.139;
    case Segment::Thorax:
        return 0.216;
    case Segment::Neck:
        return 0.081 * 0.25; // head and neck 0.081, split (design)
    case Segment::Head:
        return 0.081 * 0.75;
    case Segment::UpperArmL:
    case Segment::UpperArmR:
        return 0.028;
    case Segment::ForearmL:
    case Segment::ForearmR:
        return 0.016;
    case Segment::HandL:
    case Segment::HandR:
        return 0.006;
    case Segment::ThighL:
    case Segment::ThighR:
        return 0.100;
    case Segment::ShankL:
    case Segment::ShankR:
        return 0.0465;
    case Segment::FootL:
    case Segment::FootR:
        return 0.0145;
    }
    assert(false);
    return 0.0;
}

} // namespace motus::core
