#include "Mannequin.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace motus::core {

Vec3 operator+(Vec3 a, Vec3 b) {
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
Vec3 operator-(Vec3 a, Vec3 b) {
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
Vec3 operator*(Vec3 a, double k) {
    return {a.x * k, a.y * k, a.z * k};
}
double dot(Vec3 a, Vec3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
double length(Vec3 a) {
    return std::sqrt(dot(a, a));
}

namespace {
double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}
} // namespace

Mat3 Mat3::aboutX(double degrees) {
    const double c = std::cos(radians(degrees));
    const double s = std::sin(radians(degrees));
    return {{1, 0, 0, 0, c, -s, 0, s, c}};
}
Mat3 Mat3::aboutY(double degrees) {
    const double c = std::cos(radians(degrees));
    const double s = std::sin(radians(degrees));
    return {{c, 0, s, 0, 1, 0, -s, 0, c}};
}
Mat3 Mat3::aboutZ(double degrees) {
    const double c = std::cos(radians(degrees));
    const double s = std::sin(radians(degrees));
    return {{c, -s, 0, s, c, 0, 0, 0, 1}};
}
Vec3 Mat3::operator*(Vec3 v) const {
    return {m[0] * v.x + m[1] * v.y + m[2] * v.z, m[3] * v.x + m[4] * v.y + m[5] * v.z,
            m[6] * v.x + m[7] * v.y + m[8] * v.z};
}
Mat3 Mat3::operator*(const Mat3& o) const {
    Mat3 r;
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            double sum = 0.0;
            for (int k = 0; k < 3; ++k) {
                sum += m[static_cast<std::size_t>(3 * i + k)] *
                       o.m[static_cast<std::size_t>(3 * k + j)];
            }
            r.m[static_cast<std::size_t>(3 * i + j)] = sum;
        }
    }
    return r;
}

namespace {

constexpr std::array<std::string_view, kPartCount> kPartNames{
    "pelvis",      "abdomen",   "thorax",  "neck",    "head",    "girdle-l", "upper-arm-l",
    "forearm-l",   "hand-l",    "thigh-l", "shank-l", "foot-l",  "toes-l",   "girdle-r",
    "upper-arm-r", "forearm-r", "hand-r",  "thigh-r", "shank-r", "foot-r",   "toes-r"};

struct DofInfo {
    std::string_view joint;
    std::string_view movement;
    AngleRange range;
};

// §7 (AAOS / Norkin & White), as anatomical angles: flexion, abduction, external rotation,
// pronation, dorsiflexion, inversion, toe extension positive. The trunk's and the neck's
// ranges are those of the whole region (both joints of it may use it; their sum is checked
// too). The girdle (elevation 40, depression 10, protraction and retraction 25) and the
// wrist's deviation (radial 20, ulnar 30) are AAOS norms §7 does not list.
constexpr DofInfo kSpineTrunk[3] = {
    {"", "flexion", {-25, 80}}, {"", "lateral-flexion", {-35, 35}}, {"", "rotation", {-45, 45}}};
constexpr DofInfo kSpineNeck[3] = {
    {"", "flexion", {-45, 45}}, {"", "lateral-flexion", {-45, 45}}, {"", "rotation", {-60, 60}}};
constexpr DofInfo kLimb[16] = {
    {"girdle", "elevation", {-10, 40}},  {"girdle", "protraction", {-25, 25}},
    {"shoulder", "flexion", {-60, 180}}, {"shoulder", "abduction", {-30, 180}},
    {"shoulder", "rotation", {-70, 90}}, {"elbow", "flexion", {0, 150}},
    {"forearm", "pronation", {-80, 80}}, {"wrist", "flexion", {-70, 80}},
    {"wrist", "deviation", {-30, 20}},   {"hip", "flexion", {-30, 120}},
    {"hip", "abduction", {-30, 45}},     {"hip", "rotation", {-45, 45}},
    {"knee", "flexion", {0, 135}},       {"ankle", "dorsiflexion", {-50, 20}},
    {"ankle", "inversion", {-15, 35}},   {"toes", "extension", {-45, 70}}};
constexpr std::string_view kSpineJoints[4] = {"lumbar", "thoracic", "neck", "head"};
constexpr std::size_t kFirstLimb = 12;
constexpr std::size_t kLimbDofs = 16;

DofInfo info(Dof dof) {
    const auto i = static_cast<std::size_t>(dof);
    if (i < kFirstLimb) {
        const DofInfo& base = (i < 6 ? kSpineTrunk : kSpineNeck)[i % 3];
        return {kSpineJoints[i / 3], base.movement, base.range};
    }
    return kLimb[(i - kFirstLimb) % kLimbDofs];
}

bool isLeft(Dof dof) {
    const auto i = static_cast<std::size_t>(dof);
    return i >= kFirstLimb && i < kFirstLimb + kLimbDofs;
}

} // namespace

std::string_view toString(Part part) {
    return kPartNames[static_cast<std::size_t>(part)];
}

Part parentPart(Part part) {
    // The right side hangs as the left does.
    if (static_cast<std::size_t>(part) >= static_cast<std::size_t>(Part::GirdleR)) {
        return mirror(parentPart(mirror(part)));
    }
    switch (part) {
    case Part::Pelvis:
    case Part::Abdomen:
    case Part::ThighL:
        return Part::Pelvis;
    case Part::Thorax:
        return Part::Abdomen;
    case Part::Neck:
    case Part::GirdleL:
        return Part::Thorax;
    case Part::Head:
        return Part::Neck;
    case Part::UpperArmL:
        return Part::GirdleL;
    case Part::ForearmL:
        return Part::UpperArmL;
    case Part::HandL:
        return Part::ForearmL;
    case Part::ShankL:
        return Part::ThighL;
    case Part::FootL:
        return Part::ShankL;
    case Part::ToesL:
        return Part::FootL;
    default:
        return Part::Pelvis;
    }
}

std::optional<Part> parsePart(std::string_view text) {
    for (std::size_t i = 0; i < kPartCount; ++i) {
        if (kPartNames[i] == text) {
            return static_cast<Part>(i);
        }
    }
    return std::nullopt;
}

std::string_view jointOf(Dof dof) {
    static const auto names = [] {
        std::array<std::string, kDofCount> out;
        for (std::size_t i = 0; i < kDofCount; ++i) {
            const auto d = static_cast<Dof>(i);
            out[i] = std::string(info(d).joint);
            if (i >= kFirstLimb) {
                out[i] += isLeft(d) ? "-l" : "-r";
            }
        }
        return out;
    }();
    return names[static_cast<std::size_t>(dof)];
}

std::string_view movementOf(Dof dof) {
    return info(dof).movement;
}

std::string dofName(Dof dof) {
    return std::string(jointOf(dof)) + " " + std::string(movementOf(dof));
}

std::optional<Dof> parseDof(std::string_view joint, std::string_view movement) {
    for (std::size_t i = 0; i < kDofCount; ++i) {
        const auto d = static_cast<Dof>(i);
        if (jointOf(d) == joint && movementOf(d) == movement) {
            return d;
        }
    }
    return std::nullopt;
}

AngleRange limitOf(Dof dof) {
    return info(dof).range;
}

Dof mirror(Dof dof) {
    const auto i = static_cast<std::size_t>(dof);
    if (i < kFirstLimb) {
        return dof;
    }
    return static_cast<Dof>(isLeft(dof) ? i + kLimbDofs : i - kLimbDofs);
}

Part mirror(Part part) {
    const auto i = static_cast<std::size_t>(part);
    constexpr std::size_t first = static_cast<std::size_t>(Part::GirdleL);
    constexpr std::size_t perSide = 8;
    if (i < first) {
        return part;
    }
    return static_cast<Part>(i < first + perSide ? i + perSide : i - perSide);
}

namespace {

// Lengths and radii as fractions of height (Skeleton.hpp's Proportions), and the parts of
// the figure v2 adds: the shoulder girdle and the toes.
constexpr double kSternoclavicularForward = 0.020; // the SC joint before the spine
constexpr double kSternoclavicularDown = 0.010;    // below shoulder level
constexpr double kSternoclavicularSide = 0.020;    // from the midline
constexpr double kToes = 0.038;                    // toe length (of the foot's 0.152)
constexpr double kHeadCentreUp = 0.060;            // above the chin, the head's centre
constexpr double kHeadCentreForward = 0.010;

double sideSign(bool left) {
    return left ? 1.0 : -1.0;
}

Mat3 spine(const Posture& p, Dof flexion) {
    const auto i = static_cast<std::size_t>(flexion);
    const double f = p.angles[i];
    const double lateral = p.angles[i + 1];
    const double rotation = p.angles[i + 2];
    return Mat3::aboutZ(-f) * Mat3::aboutX(lateral) * Mat3::aboutY(-rotation);
}

double angle(const Posture& p, Dof base, bool left) {
    return p[left ? base : mirror(base)];
}

} // namespace

Mannequin place(const Posture& posture, double height) {
    const Proportions prop;
    const double h = height;
    Mannequin body;
    body.height = height;
    auto set = [&](Part part, Vec3 origin, const Mat3& axes, Vec3 endLocal) {
        body.parts[static_cast<std::size_t>(part)] = {origin, axes, origin + axes * (endLocal * h)};
    };
    auto at = [&](Part part) -> const PlacedPart& { return body[part]; };

    const PelvisPlacement& pl = posture.pelvis;
    const Mat3 pelvis = Mat3::aboutY(pl.yaw) * Mat3::aboutZ(pl.pitch) * Mat3::aboutX(pl.roll);
    set(Part::Pelvis, pl.position, pelvis, {0, prop.pelvis, 0});
    const Mat3 abdomen = pelvis * spine(posture, Dof::LumbarFlexion);
    set(Part::Abdomen, at(Part::Pelvis).end, abdomen, {0, prop.abdomen, 0});
    const Mat3 thorax = abdomen * spine(posture, Dof::ThoracicFlexion);
    set(Part::Thorax, at(Part::Abdomen).end, thorax, {0, prop.thorax, 0});
    const Mat3 neck = thorax * spine(posture, Dof::NeckFlexion);
    set(Part::Neck, at(Part::Thorax).end, neck, {0, prop.neck, 0});
    const Mat3 head = neck * spine(posture, Dof::HeadFlexion);
    set(Part::Head, at(Part::Neck).end, head, {0, prop.head, 0});

    for (const bool left : {true, false}) {
        const double s = sideSign(left);    // +1 left, -1 right: the sign of the X and Y turns
        const double z = left ? -1.0 : 1.0; // the side's direction
        auto part = [left](Part l) { return left ? l : mirror(l); };
        // The shoulder girdle turns about the sternoclavicular joint.
        const Vec3 sc =
            at(Part::Thorax).origin +
            thorax * (Vec3{kSternoclavicularForward, prop.thorax - kSternoclavicularDown,
                           z * kSternoclavicularSide} *
                      h);
        const Mat3 girdle = thorax * Mat3::aboutX(s * angle(posture, Dof::GirdleElevationL, left)) *
                            Mat3::aboutY(-s * angle(posture, Dof::GirdleProtractionL, left));
        set(part(Part::GirdleL), sc, girdle,
            {-kSternoclavicularForward, kSternoclavicularDown,
             z * (prop.shoulderWidth / 2 - kSternoclavicularSide)});
        // The arm's angles are taken from the thorax (as clinicians measure them).
        const Mat3 upper = thorax * Mat3::aboutZ(angle(posture, Dof::ShoulderFlexionL, left)) *
                           Mat3::aboutX(s * angle(posture, Dof::ShoulderAbductionL, left)) *
                           Mat3::aboutY(s * angle(posture, Dof::ShoulderRotationL, left));
        set(part(Part::UpperArmL), at(part(Part::GirdleL)).end, upper, {0, -prop.upperArm, 0});
        const Mat3 fore = upper * Mat3::aboutZ(angle(posture, Dof::ElbowFlexionL, left)) *
                          Mat3::aboutY(-s * angle(posture, Dof::ForearmPronationL, left));
        set(part(Part::ForearmL), at(part(Part::UpperArmL)).end, fore, {0, -prop.forearm, 0});
        const Mat3 hand = fore * Mat3::aboutX(-s * angle(posture, Dof::WristFlexionL, left)) *
                          Mat3::aboutZ(angle(posture, Dof::WristDeviationL, left));
        set(part(Part::HandL), at(part(Part::ForearmL)).end, hand, {0, -prop.hand, 0});

        const Vec3 hip = pl.position + pelvis * (Vec3{0, 0, z * prop.hipJointSpacing / 2} * h);
        const Mat3 thigh = pelvis * Mat3::aboutZ(angle(posture, Dof::HipFlexionL, left)) *
                           Mat3::aboutX(s * angle(posture, Dof::HipAbductionL, left)) *
                           Mat3::aboutY(s * angle(posture, Dof::HipRotationL, left));
        set(part(Part::ThighL), hip, thigh, {0, -prop.thigh, 0});
        const Mat3 shank = thigh * Mat3::aboutZ(-angle(posture, Dof::KneeFlexionL, left));
        set(part(Part::ShankL), at(part(Part::ThighL)).end, shank, {0, -prop.shank, 0});
        const Mat3 foot = shank * Mat3::aboutZ(angle(posture, Dof::AnkleDorsiflexionL, left)) *
                          Mat3::aboutX(-s * angle(posture, Dof::AnkleInversionL, left));
        const double toBall = prop.footLength - prop.heelBehindAnkle - kToes;
        set(part(Part::FootL), at(part(Part::ShankL)).end, foot, {toBall, -prop.ankleHeight, 0});
        const Mat3 toes = foot * Mat3::aboutZ(angle(posture, Dof::ToesExtensionL, left));
        set(part(Part::ToesL), at(part(Part::FootL)).end, toes, {kToes, 0, 0});

        const std::size_t k = left ? 0 : 1;
        body.landmarks.heel[k] = at(part(Part::FootL)).origin +
                                 foot * (Vec3{-prop.heelBehindAnkle, -prop.ankleHeight, 0} * h);
        body.landmarks.toeTip[k] = at(part(Part::ToesL)).end;
        body.landmarks.fingertip[k] = at(part(Part::HandL)).end;
    }
    body.landmarks.headTop = at(Part::Head).end;
    body.landmarks.face = head.column(0);
    const Vec3 centre =
        at(Part::Head).origin + head * (Vec3{kHeadCentreForward, kHeadCentreUp, 0} * h);
    body.landmarks.nose = centre + head * (Vec3{prop.headRadius, -0.005, 0} * h);
    return body;
}

namespace {

// Dempster's masses (Skeleton.hpp) and where along each part its centre lies, from the part's
// origin towards its end (Winter's table, turned round where his proximal end is our end).
struct MassInfo {
    double mass;
    double along;
};

MassInfo massOf(Part part) {
    switch (part) {
    case Part::Pelvis:
        return {segmentMassFraction(Segment::Pelvis), 0.895};
    case Part::Abdomen:
        return {segmentMassFraction(Segment::Abdomen), 0.56};
    case Part::Thorax:
        return {segmentMassFraction(Segment::Thorax), 0.18};
    case Part::Neck:
        return {segmentMassFraction(Segment::Neck), 0.5};
    case Part::Head:
        return {segmentMassFraction(Segment::Head), 0.45};
    case Part::GirdleL:
    case Part::GirdleR:
        return {0.0, 0.5}; // within the thorax's mass
    case Part::UpperArmL:
    case Part::UpperArmR:
        return {segmentMassFraction(Segment::UpperArmL), 0.436};
    case Part::ForearmL:
    case Part::ForearmR:
        return {segmentMassFraction(Segment::ForearmL), 0.430};
    case Part::HandL:
    case Part::HandR:
        return {segmentMassFraction(Segment::HandL), 0.4};
    case Part::ThighL:
    case Part::ThighR:
        return {segmentMassFraction(Segment::ThighL), 0.433};
    case Part::ShankL:
    case Part::ShankR:
        return {segmentMassFraction(Segment::ShankL), 0.433};
    case Part::FootL:
    case Part::FootR:
        return {segmentMassFraction(Segment::FootL) - 0.002, 0.5};
    case Part::ToesL:
    case Part::ToesR:
        return {0.002, 0.5};
    }
    return {0.0, 0.5};
}

} // namespace

Posture standingPosture(double height) {
    const Proportions p;
    Posture posture;
    posture.pelvis.position = {0.0, (p.ankleHeight + p.shank + p.thigh) * height, 0.0};
    return posture;
}

double partRadius(Part part) {
    const Proportions p;
    switch (part) {
    case Part::Pelvis:
        return p.pelvisRadius;
    case Part::Abdomen:
        return p.abdomenRadius;
    case Part::Thorax:
        return p.thoraxRadius;
    case Part::Neck:
        return p.neckRadius;
    case Part::Head:
        return p.headRadius;
    case Part::GirdleL:
    case Part::GirdleR:
    case Part::UpperArmL:
    case Part::UpperArmR:
        return p.upperArmRadius;
    case Part::ForearmL:
    case Part::ForearmR:
        return p.forearmRadius;
    case Part::HandL:
    case Part::HandR:
        return p.handRadius;
    case Part::ThighL:
    case Part::ThighR:
        return p.thighRadius;
    case Part::ShankL:
    case Part::ShankR:
        return p.shankRadius;
    default:
        return 0.0; // feet and toes: their sole points
    }
}

Vec3 centreOfMass(const Mannequin& body) {
    Vec3 sum;
    double mass = 0.0;
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto part = static_cast<Part>(i);
        const MassInfo m = massOf(part);
        const PlacedPart& placed = body.parts[i];
        Vec3 centre = placed.origin + (placed.end - placed.origin) * m.along;
        if (part == Part::FootL || part == Part::FootR) {
            const std::size_t k = part == Part::FootL ? 0 : 1;
            centre = (body.landmarks.heel[k] + body.landmarks.toeTip[k]) * 0.5;
        }
        sum = sum + centre * m.mass;
        mass += m.mass;
    }
    return sum * (1.0 / mass);
}

std::vector<SurfacePoint> surfacePoints(const Mannequin& body) {
    std::vector<SurfacePoint> points;
    const double h = body.height;
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto part = static_cast<Part>(i);
        const PlacedPart& placed = body.parts[i];
        if (part == Part::FootL || part == Part::FootR || part == Part::ToesL ||
            part == Part::ToesR) {
            // The sole: heel, ball and toe tip, each with the forefoot's width across.
            const std::size_t k = part == Part::FootL || part == Part::ToesL ? 0 : 1;
            const Mat3& foot = body[k == 0 ? Part::FootL : Part::FootR].axes;
            const Vec3 across = foot.column(2) * (kForefootHalfWidth * h);
            const Vec3 sole[] = {
                part == Part::FootL || part == Part::FootR ? body.landmarks.heel[k] : placed.origin,
                part == Part::FootL || part == Part::FootR ? placed.end : body.landmarks.toeTip[k]};
            for (const Vec3& at : sole) {
                points.push_back({part, at + across});
                points.push_back({part, at - across});
            }
            continue;
        }
        const double r = partRadius(part) * h;
        if (part == Part::Head) {
            // A sphere round the head's centre.
            const Vec3 centre =
                placed.origin + placed.axes * (Vec3{kHeadCentreForward, kHeadCentreUp, 0} * h);
            for (const Vec3 d : {Vec3{1, 0, 0}, Vec3{-1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, -1, 0},
                                 Vec3{0, 0, 1}, Vec3{0, 0, -1}}) {
                points.push_back({part, centre + d * r});
            }
            continue;
        }
        // A capsule: along its axis, the points of its outline towards each world direction.
        for (const double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
            const Vec3 axis = placed.origin + (placed.end - placed.origin) * t;
            for (const Vec3 d : {Vec3{0, -1, 0}, Vec3{0, 1, 0}, Vec3{1, 0, 0}, Vec3{-1, 0, 0},
                                 Vec3{0, 0, 1}, Vec3{0, 0, -1}}) {
                points.push_back({part, axis + d * r});
            }
        }
    }
    return points;
}

double lowestPoint(const Mannequin& body) {
    // The same points as surfacePoints, without building them: a capsule's lowest sample is an
    // end's axis point less its radius; the head's its centre less its radius; the soles' their
    // corners.
    const double h = body.height;
    double low = 1e9;
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto part = static_cast<Part>(i);
        const PlacedPart& placed = body.parts[i];
        if (part == Part::FootL || part == Part::FootR || part == Part::ToesL ||
            part == Part::ToesR) {
            const std::size_t k = part == Part::FootL || part == Part::ToesL ? 0 : 1;
            const Mat3& foot = body[k == 0 ? Part::FootL : Part::FootR].axes;
            const double across = std::abs(foot.column(2).y) * kForefootHalfWidth * h;
            const bool sole = part == Part::FootL || part == Part::FootR;
            const Vec3 a = sole ? body.landmarks.heel[k] : placed.origin;
            const Vec3 b = sole ? placed.end : body.landmarks.toeTip[k];
            low = std::min({low, a.y - across, b.y - across});
            continue;
        }
        const double r = partRadius(part) * h;
        if (part == Part::Head) {
            const Vec3 centre =
                placed.origin + placed.axes * (Vec3{kHeadCentreForward, kHeadCentreUp, 0} * h);
            low = std::min(low, centre.y - r);
            continue;
        }
        low = std::min({low, placed.origin.y - r, placed.end.y - r});
    }
    return low;
}

Posture restOnFloor(const Posture& posture, double height) {
    Posture moved = posture;
    moved.pelvis.position.y -= lowestPoint(place(posture, height));
    return moved;
}

namespace {

using Flat = Vec2; // x and z, seen from above

double cross(Flat o, Flat a, Flat b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

double segmentDistance(Flat p, Flat a, Flat b) {
    const double dx = b.x - a.x;
    const double dz = b.y - a.y;
    const double len2 = dx * dx + dz * dz;
    const double t =
        len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dz) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dz));
}

} // namespace

Balance balanceOf(const Mannequin& body, double contact, double margin) {
    Balance result;
    std::vector<Flat> base;
    for (const auto& point : surfacePoints(body)) {
        if (point.at.y <= contact) {
            base.push_back({point.at.x, point.at.z});
            if (std::find(result.supports.begin(), result.supports.end(), point.part) ==
                result.supports.end()) {
                result.supports.push_back(point.part);
            }
        }
    }
    if (base.empty()) {
        return result;
    }
    const Vec3 com = centreOfMass(body);
    const Flat c{com.x, com.z};
    const auto shape = convexHull(base);
    double edge = 1e9;
    bool inside = shape.size() >= 3;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const Flat a = shape[i];
        const Flat b = shape[(i + 1) % shape.size()];
        edge = std::min(edge, segmentDistance(c, a, b));
        if (shape.size() >= 3 && cross(a, b, c) < 0) {
            inside = false;
        }
    }
    if (shape.size() == 1) {
        edge = std::hypot(c.x - shape[0].x, c.y - shape[0].y);
    }
    result.distance = inside ? edge : -edge;
    result.balanced = result.distance + margin >= 0.0;
    return result;
}

std::vector<std::string> limitProblems(const Posture& posture, double share) {
    std::vector<std::string> problems;
    auto say = [&](const std::string& what, double value, AngleRange range) {
        char text[160];
        std::snprintf(text, sizeof text, "%s %.0f° is beyond its range %.0f..%.0f°", what.c_str(),
                      value, range.min, range.max);
        problems.emplace_back(text);
    };
    auto narrowed = [share](AngleRange r) { return AngleRange{r.min * share, r.max * share}; };
    for (std::size_t i = 0; i < kDofCount; ++i) {
        const auto dof = static_cast<Dof>(i);
        const AngleRange range = narrowed(limitOf(dof));
        if (!range.contains(posture.angles[i])) {
            say(dofName(dof), posture.angles[i], range);
        }
    }
    // The regions as wholes: the trunk (lumbar + thoracic) and the neck (neck + head).
    for (const auto& [first, name] :
         {std::pair{Dof::LumbarFlexion, "trunk"}, std::pair{Dof::NeckFlexion, "cervical spine"}}) {
        for (std::size_t m = 0; m < 3; ++m) {
            const auto a = static_cast<Dof>(static_cast<std::size_t>(first) + m);
            const auto b = static_cast<Dof>(static_cast<std::size_t>(first) + 3 + m);
            const double sum = posture[a] + posture[b];
            const AngleRange range = narrowed(limitOf(a));
            if (!range.contains(sum)) {
                say(std::string(name) + " " + std::string(movementOf(a)), sum, range);
            }
        }
    }
    // §7: hip flexion 120 with the knee bent, about 90 with it straight (the hamstrings).
    for (const bool left : {true, false}) {
        const Dof hip = left ? Dof::HipFlexionL : Dof::HipFlexionR;
        const Dof knee = left ? Dof::KneeFlexionL : Dof::KneeFlexionR;
        if (posture[knee] < 20.0 && posture[hip] > 90.0 * share) {
            say(dofName(hip) + " with the knee straight", posture[hip],
                {-30.0 * share, 90.0 * share});
        }
    }
    return problems;
}

std::vector<Vec2> convexHull(std::vector<Vec2> points) {
    std::sort(points.begin(), points.end(),
              [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    if (points.size() < 3) {
        return points;
    }
    std::vector<Vec2> out(2 * points.size());
    std::size_t k = 0;
    for (const Vec2 p : points) {
        while (k >= 2 && cross(out[k - 2], out[k - 1], p) <= 0) {
            --k;
        }
        out[k++] = p;
    }
    const std::size_t lower = k + 1;
    for (auto it = points.rbegin() + 1; it != points.rend(); ++it) {
        while (k >= lower && cross(out[k - 2], out[k - 1], *it) <= 0) {
            --k;
        }
        out[k++] = *it;
    }
    out.resize(k - 1);
    return out;
}

Posture mirror(const Posture& posture) {
    Posture out;
    out.pelvis = posture.pelvis;
    out.pelvis.position.z = -posture.pelvis.position.z;
    out.pelvis.yaw = -posture.pelvis.yaw;
    out.pelvis.roll = -posture.pelvis.roll;
    for (std::size_t i = 0; i < kDofCount; ++i) {
        const auto dof = static_cast<Dof>(i);
        double value = posture.angles[static_cast<std::size_t>(mirror(dof))];
        if (i < kFirstLimb && i % 3 != 0) {
            value = -value; // lateral flexion and rotation turn the other way
        }
        out.angles[i] = value;
    }
    return out;
}

double minimumJerk(double s) {
    s = std::clamp(s, 0.0, 1.0);
    return s * s * s * (10.0 - 15.0 * s + 6.0 * s * s);
}

Posture between(const Posture& a, const Posture& b, double s) {
    const double k = minimumJerk(s);
    auto mix = [k](double x, double y) { return x + (y - x) * k; };
    Posture out;
    out.pelvis.position = {mix(a.pelvis.position.x, b.pelvis.position.x),
                           mix(a.pelvis.position.y, b.pelvis.position.y),
                           mix(a.pelvis.position.z, b.pelvis.position.z)};
    out.pelvis.yaw = mix(a.pelvis.yaw, b.pelvis.yaw);
    out.pelvis.pitch = mix(a.pelvis.pitch, b.pelvis.pitch);
    out.pelvis.roll = mix(a.pelvis.roll, b.pelvis.roll);
    for (std::size_t i = 0; i < kDofCount; ++i) {
        out.angles[i] = mix(a.angles[i], b.angles[i]);
    }
    return out;
}

Mat3 thoraxAxes(const Posture& posture) {
    const PelvisPlacement& pl = posture.pelvis;
    const Mat3 pelvis = Mat3::aboutY(pl.yaw) * Mat3::aboutZ(pl.pitch) * Mat3::aboutX(pl.roll);
    return pelvis * spine(posture, Dof::LumbarFlexion) * spine(posture, Dof::ThoracicFlexion);
}

ShoulderAim shoulderAimFor(const Mat3& thorax, bool left, Vec3 direction) {
    // In the thorax's frame, place() points the upper arm along
    // Rz(f) Rx(s a) (0, -1, 0) = (sin f cos a, -cos f cos a, -s sin a), s = +1 left, -1 right.
    const double n = length(direction);
    if (n <= 0.0) {
        return {};
    }
    const Vec3 world = direction * (1.0 / n);
    const Vec3 d{dot(thorax.column(0), world), dot(thorax.column(1), world),
                 dot(thorax.column(2), world)};
    const double s = sideSign(left);
    const double degrees = 180.0 / std::numbers::pi;
    ShoulderAim aim;
    aim.abduction = std::asin(std::clamp(-s * d.z, -1.0, 1.0)) * degrees;
    aim.flexion = std::atan2(d.x, -d.y) * degrees;
    // Flexion is read from -180..180; past 180 (the arm up and behind) it continues below -60.
    if (aim.flexion < -90.0) {
        aim.flexion += 360.0;
    }
    return aim;
}

Posture withArmAlong(const Posture& posture, bool left, Vec3 direction) {
    const ShoulderAim aim = shoulderAimFor(thoraxAxes(posture), left, direction);
    Posture out = posture;
    out[left ? Dof::ShoulderFlexionL : Dof::ShoulderFlexionR] = aim.flexion;
    out[left ? Dof::ShoulderAbductionL : Dof::ShoulderAbductionR] = aim.abduction;
    return out;
}

ArmBody straightArm(double height) {
    const Proportions p;
    // Winter's radii of gyration about each segment's centre, as shares of its length.
    struct Piece {
        Part part;
        double length;
        double gyration;
    };
    const Piece pieces[] = {{Part::UpperArmL, p.upperArm, 0.322},
                            {Part::ForearmL, p.forearm, 0.303},
                            {Part::HandL, p.hand, 0.297}};
    ArmBody arm;
    double from = 0.0;
    double moment = 0.0;
    for (const Piece& piece : pieces) {
        const MassInfo m = massOf(piece.part);
        const double length = piece.length * height;
        const double centre = from + m.along * length;
        const double gyration = piece.gyration * length;
        arm.massShare += m.mass;
        moment += m.mass * centre;
        arm.inertia += m.mass * (centre * centre + gyration * gyration);
        from += length;
    }
    arm.length = from;
    arm.centre = moment / arm.massShare;
    return arm;
}

} // namespace motus::core
