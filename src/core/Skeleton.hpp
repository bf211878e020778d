#pragma once
#include "Vocabulary.hpp"

#include <array>
#include <optional>
#include <string_view>

// The documented skeleton that exercise poses are written on (docs/exercise-format.md):
// joint names, angle conventions, anatomical limits and segment proportions.
namespace motus::core {

// A point or vector in a plane, in metres.
struct Vec2 {
    double x = 0.0;
    double y = 0.0;
};

enum class Joint {
    Lumbar,   // pelvis -> abdomen
    Thoracic, // abdomen -> thorax
    Neck,     // thorax -> neck (lower cervical)
    Head,     // neck -> head (upper cervical, the "nod")
    ShoulderL,
    ElbowL,
    WristL,
    HipL,
    KneeL,
    AnkleL,
    ShoulderR,
    ElbowR,
    WristR,
    HipR,
    KneeR,
    AnkleR,
};
inline constexpr std::size_t kJointCount = 16;

enum class Segment {
    Pelvis,
    Abdomen,
    Thorax,
    Neck,
    Head,
    UpperArmL,
    ForearmL,
    HandL,
    ThighL,
    ShankL,
    FootL,
    UpperArmR,
    ForearmR,
    HandR,
    ThighR,
    ShankR,
    FootR,
};
inline constexpr std::size_t kSegmentCount = 17;

struct AngleRange {
    double min = 0.0; // degrees
    double max = 0.0;
    [[nodiscard]] bool contains(double degrees) const { return degrees >= min && degrees <= max; }
};

[[nodiscard]] std::string_view toString(Joint joint);
[[nodiscard]] std::string_view toString(Segment segment);
[[nodiscard]] std::optional<Joint> parseJoint(std::string_view text);
[[nodiscard]] std::optional<Segment> parseSegment(std::string_view text);

// The anatomical range of a joint's angle in the plane of a view (clinical-rules.md §7; AAOS
// norms for the joints §7 does not list). Positive is flexion in the side view, abduction or
// lateral flexion to the left in the front and top views.
[[nodiscard]] AngleRange jointLimit(Joint joint, View view);

// Spinal regions whose joints share one anatomical range: lumbar + thoracic is the trunk,
// neck + head the cervical spine. Their sum must lie within the range too.
struct JointChain {
    Joint first;
    Joint second;
    std::string_view name;
};
[[nodiscard]] std::array<JointChain, 2> spinalChains();
[[nodiscard]] AngleRange chainLimit(const JointChain& chain, View view);

// Mirror a joint or segment to the other side (left <-> right); spine maps to itself.
[[nodiscard]] Joint mirror(Joint joint);
[[nodiscard]] Segment mirror(Segment segment);

// Segment lengths as fractions of body height (Drillis & Contini, in Winter).
struct Proportions {
    double pelvis = 0.060;  // hip joint centre to lumbosacral joint
    double abdomen = 0.100; // lumbosacral to thoracolumbar
    double thorax = 0.128;  // thoracolumbar to shoulder level (shoulder height 0.818)
    double neck = 0.052;    // shoulder level to chin (chin 0.870)
    double head = 0.130;    // chin to top of head
    double upperArm = 0.186;
    double forearm = 0.146;
    double hand = 0.108;
    double thigh = 0.245;
    double shank = 0.246;
    double ankleHeight = 0.039;
    double footLength = 0.152;
    double heelBehindAnkle = 0.030; // part of the foot length behind the ankle
    double shoulderWidth = 0.259;
    double hipWidth = 0.191; // across the hips (the greater trochanters), outside
    // Between the hip joints' centres: 0.72 of the distance between the anterior superior iliac
    // spines (Bell, Pedersen & Brand, J Biomech 1990), which is about 0.14 H: 0.10 H. The
    // hips' outer width above is this plus the necks of the femurs and the soft tissue.
    double hipJointSpacing = 0.100;

    // Half the thickness of each segment (design, from typical body depths), so that a body
    // lying on the floor rests on its surface, not on its bones' axis.
    double headRadius = 0.055;
    double neckRadius = 0.030;
    double thoraxRadius = 0.060;
    double abdomenRadius = 0.055;
    double pelvisRadius = 0.060;
    double upperArmRadius = 0.025;
    double forearmRadius = 0.020;
    double handRadius = 0.015;
    double thighRadius = 0.040;
    double shankRadius = 0.030;
    double footRadius = 0.0; // the heel and toe points are the sole

    [[nodiscard]] double radius(Segment segment) const;
};

// Segment masses as fractions of body mass (Dempster, in Winter).
[[nodiscard]] double segmentMassFraction(Segment segment);

} // namespace motus::core
