#pragma once
// The figure, version 2 (issue "The figure, version 2"): a 3-D skeleton with the degrees of
// freedom and limits of clinical-rules.md §7 and the proportions of §8, its forward kinematics,
// centre of mass, floor contact and balance, mirroring, and motion between poses with a
// minimum-jerk profile. Pure C++; the drawing and the format build on it
// (docs/figure-v2.md).
//
// Axes (ISB, Wu et al. 2002/2005): X anterior, Y superior, Z to the right, in metres. Every
// segment's frame coincides with the global one in the reference posture: standing upright,
// facing +X, arms hanging with the palms towards the thighs (forearm in mid-position).
// Joint angles are anatomical, in degrees: flexion, abduction, external rotation, pronation,
// dorsiflexion, inversion and extension of the toes are positive on both sides; for the spine
// and neck, flexion, lateral flexion to the right and rotation to the right.
#include "Skeleton.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motus::core {

struct Vec3 {
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;
};
[[nodiscard]] Vec3 operator+(Vec3 a, Vec3 b);
[[nodiscard]] Vec3 operator-(Vec3 a, Vec3 b);
[[nodiscard]] Vec3 operator*(Vec3 a, double k);
[[nodiscard]] double dot(Vec3 a, Vec3 b);
[[nodiscard]] double length(Vec3 a);

// A rotation as a 3 x 3 matrix (rows), acting on column vectors.
struct Mat3 {
    std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};
    [[nodiscard]] static Mat3 aboutX(double degrees);
    [[nodiscard]] static Mat3 aboutY(double degrees);
    [[nodiscard]] static Mat3 aboutZ(double degrees);
    [[nodiscard]] Vec3 operator*(Vec3 v) const;
    [[nodiscard]] Mat3 operator*(const Mat3& other) const;
    [[nodiscard]] Vec3 column(std::size_t i) const { return {m[i], m[3 + i], m[6 + i]}; }
};

// The segments of the mannequin, proximal before distal.
enum class Part {
    Pelvis,
    Abdomen,
    Thorax,
    Neck,
    Head,
    GirdleL,
    UpperArmL,
    ForearmL,
    HandL,
    ThighL,
    ShankL,
    FootL,
    ToesL,
    GirdleR,
    UpperArmR,
    ForearmR,
    HandR,
    ThighR,
    ShankR,
    FootR,
    ToesR,
};
inline constexpr std::size_t kPartCount = 21;

// One degree of freedom: a joint and one of its anatomical movements.
enum class Dof {
    LumbarFlexion,
    LumbarLateral,
    LumbarRotation,
    ThoracicFlexion,
    ThoracicLateral,
    ThoracicRotation,
    NeckFlexion,
    NeckLateral,
    NeckRotation,
    HeadFlexion,
    HeadLateral,
    HeadRotation,
    GirdleElevationL,
    GirdleProtractionL,
    ShoulderFlexionL,
    ShoulderAbductionL,
    ShoulderRotationL,
    ElbowFlexionL,
    ForearmPronationL,
    WristFlexionL,
    WristDeviationL, // radial positive
    HipFlexionL,
    HipAbductionL,
    HipRotationL,
    KneeFlexionL,
    AnkleDorsiflexionL,
    AnkleInversionL,
    ToesExtensionL,
    GirdleElevationR,
    GirdleProtractionR,
    ShoulderFlexionR,
    ShoulderAbductionR,
    ShoulderRotationR,
    ElbowFlexionR,
    ForearmPronationR,
    WristFlexionR,
    WristDeviationR,
    HipFlexionR,
    HipAbductionR,
    HipRotationR,
    KneeFlexionR,
    AnkleDorsiflexionR,
    AnkleInversionR,
    ToesExtensionR,
};
inline constexpr std::size_t kDofCount = 44;

[[nodiscard]] std::string_view toString(Part part);
[[nodiscard]] std::optional<Part> parsePart(std::string_view text);
// The part a part hangs from (the pelvis: itself).
[[nodiscard]] Part parentPart(Part part);
// "hip-l flexion": the joint's name as authors write it, then the movement.
[[nodiscard]] std::string dofName(Dof dof);
[[nodiscard]] std::string_view jointOf(Dof dof);    // "hip-l"
[[nodiscard]] std::string_view movementOf(Dof dof); // "flexion"
[[nodiscard]] std::optional<Dof> parseDof(std::string_view joint, std::string_view movement);
// Its anatomical range (§7; the girdle's and the wrist's deviation from AAOS norms).
[[nodiscard]] AngleRange limitOf(Dof dof);
[[nodiscard]] Dof mirror(Dof dof);
[[nodiscard]] Part mirror(Part part);

// Where the pelvis is and how it is turned: the point midway between the hip joints, then a
// turn about the vertical (yaw: to the left positive), a tip about the body's side-to-side axis
// (pitch: lying on the back is +90, on the front -90; a small negative pitch is an anterior
// pelvic tilt) and a roll about its front-to-back axis (lying on the right side is +90).
struct PelvisPlacement {
    Vec3 position;
    double yaw = 0.0;
    double pitch = 0.0;
    double roll = 0.0;
};

struct Posture {
    PelvisPlacement pelvis;
    std::array<double, kDofCount> angles{}; // degrees, indexed by Dof
    [[nodiscard]] double operator[](Dof dof) const { return angles[static_cast<std::size_t>(dof)]; }
    [[nodiscard]] double& operator[](Dof dof) { return angles[static_cast<std::size_t>(dof)]; }
};

// One segment placed: its proximal joint and its frame (columns: the segment's X, Y, Z).
struct PlacedPart {
    Vec3 origin;
    Mat3 axes;
    Vec3 end; // the distal end: the next joint, or the tip (head top, fingertips, toe tips)
};

// Landmarks the drawing and the checks need besides the segments.
struct Landmarks {
    std::array<Vec3, 2> heel;      // left, right
    std::array<Vec3, 2> toeTip;    // left, right
    std::array<Vec3, 2> fingertip; // left, right
    Vec3 headTop;
    Vec3 face; // the unit vector the face points to
    Vec3 nose;
};

struct Mannequin {
    double height = 1.70;
    std::array<PlacedPart, kPartCount> parts{};
    Landmarks landmarks;
    [[nodiscard]] const PlacedPart& operator[](Part part) const {
        return parts[static_cast<std::size_t>(part)];
    }
};

// The reference posture: standing upright facing +X, every angle 0, the feet on the floor.
[[nodiscard]] Posture standingPosture(double height = 1.70);

// Half the thickness of a part as a fraction of height (Proportions; the girdle as thick as
// the upper arm, the feet and toes as thin as their sole), and half the forefoot's width.
[[nodiscard]] double partRadius(Part part);
inline constexpr double kForefootHalfWidth = 0.025;

// The mannequin of `height` metres in `posture`.
[[nodiscard]] Mannequin place(const Posture& posture, double height = 1.70);

// The centre of mass (Dempster's segment masses, Winter's centres along each segment).
[[nodiscard]] Vec3 centreOfMass(const Mannequin& body);

// Every point of the body's surface the checks look at: the ends of each segment, and points
// on its outline (each segment a capsule of the radius in Proportions).
struct SurfacePoint {
    Part part;
    Vec3 at;
};
[[nodiscard]] std::vector<SurfacePoint> surfacePoints(const Mannequin& body);

// The lowest point of the body's surface (y).
[[nodiscard]] double lowestPoint(const Mannequin& body);
// The posture moved straight up or down so that its lowest point rests on the floor (y = 0).
[[nodiscard]] Posture restOnFloor(const Posture& posture, double height = 1.70);

// Whether the centre of mass lies over the base of support: the convex hull, seen from above,
// of the surface points within `contact` metres of the floor, widened by `margin` metres.
struct Balance {
    bool balanced = false;
    double distance = 0.0;      // from the centre of mass to the hull's edge, seen from above;
                                // positive inside
    std::vector<Part> supports; // the parts touching the floor
};
[[nodiscard]] Balance balanceOf(const Mannequin& body, double contact = 0.01, double margin = 0.0);

// Angles beyond their range, one sentence each naming the joint ("hip-l flexion 130° is beyond
// its range -30..120°"); `share` of the range (0.8: the animation's design limit) narrows it.
// The couplings too: the hip flexes past 90° only with the knee bent (hamstrings), and the
// trunk and the neck as wholes stay in their ranges.
[[nodiscard]] std::vector<std::string> limitProblems(const Posture& posture, double share = 1.0);

// The same posture on the other side of the body: left and right swapped, the spine's lateral
// flexion and rotation and the pelvis's yaw and roll reversed, z mirrored.
[[nodiscard]] Posture mirror(const Posture& posture);

// The shoulder's flexion and abduction (degrees) that point an upper arm along `direction`
// (world; from the shoulder towards the elbow) for a thorax turned as `thorax` (its axes): the
// inverse of place()'s shoulder, Rz(flexion) Rx(±abduction) from the thorax, with the abduction
// kept within ±90° (its rotation about the arm's own axis does not change where it points).
struct ShoulderAim {
    double flexion = 0.0;
    double abduction = 0.0;
};
[[nodiscard]] ShoulderAim shoulderAimFor(const Mat3& thorax, bool left, Vec3 direction);
// The thorax's axes for a posture (the pelvis's turns, then the lumbar and thoracic joints).
[[nodiscard]] Mat3 thoraxAxes(const Posture& posture);
// The posture with the left (or right) upper arm pointing along `direction` (world), its
// rotation and everything else as they were.
[[nodiscard]] Posture withArmAlong(const Posture& posture, bool left, Vec3 direction);

// A straight arm (upper arm, forearm and hand) as one rigid body hanging from the shoulder:
// its length from the shoulder to the fingertip, its mass as a share of the body's (Dempster),
// how far its centre of mass lies from the shoulder (Winter's centres) and its moment of inertia
// about the shoulder per kilogram of body mass (each segment's centre and Winter's radius of
// gyration about it).
struct ArmBody {
    double length = 0.0;    // metres
    double massShare = 0.0; // of the body's mass (0.05)
    double centre = 0.0;    // metres from the shoulder
    double inertia = 0.0;   // kg m² per kg of body mass, about the shoulder
};
[[nodiscard]] ArmBody straightArm(double height = 1.70);

// The convex hull of points in a plane, counter-clockwise (Andrew's monotone chain); fewer than
// three points come back as they are, sorted.
[[nodiscard]] std::vector<Vec2> convexHull(std::vector<Vec2> points);

// Minimum-jerk progress (Flash & Hogan 1985): 10s³ − 15s⁴ + 6s⁵ for s in [0, 1], still at both
// ends in speed and acceleration.
[[nodiscard]] double minimumJerk(double s);
// The posture a share `s` of the way from `a` to `b` along a minimum-jerk path in joint space.
[[nodiscard]] Posture between(const Posture& a, const Posture& b, double s);

} // namespace motus::core
