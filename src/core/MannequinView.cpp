#include "MannequinView.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace motus::core {

namespace {

double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}

Vec3 normalised(Vec3 v) {
    const double n = length(v);
    return n > 0 ? v * (1.0 / n) : v;
}

Vec3 crossProduct(Vec3 a, Vec3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

struct Basis {
    Vec3 right;
    Vec3 up;
    Vec3 towards; // the viewer
};

Basis basisOf(const Camera& camera) {
    const Vec3 d = viewDirection(camera);
    // Level with the floor whatever the elevation (straight down too): the picture's right is
    // the azimuth's horizontal, its up what is left.
    const double a = radians(camera.azimuth);
    const Vec3 right{std::cos(a), 0.0, -std::sin(a)};
    return {right, crossProduct(d, right), d};
}

} // namespace

Vec3 viewDirection(const Camera& camera) {
    const double a = radians(camera.azimuth);
    const double e = radians(camera.elevation);
    return {std::sin(a) * std::cos(e), std::sin(e), std::cos(a) * std::cos(e)};
}

Projected project(const Camera& camera, Vec3 point) {
    const Basis b = basisOf(camera);
    return {dot(point, b.right), dot(point, b.up), dot(point, b.towards)};
}

namespace {

bool isLeftPart(Part part) {
    const auto i = static_cast<std::size_t>(part);
    return i >= static_cast<std::size_t>(Part::GirdleL) &&
           i <= static_cast<std::size_t>(Part::ToesL);
}
bool isRightPart(Part part) {
    return static_cast<std::size_t>(part) >= static_cast<std::size_t>(Part::GirdleR);
}

} // namespace

Picture picture(const Mannequin& body, const Camera& camera, const std::vector<Part>& moving) {
    Picture out;
    const Basis basis = basisOf(camera);
    auto p = [&](Vec3 v) {
        return Projected{dot(v, basis.right), dot(v, basis.up), dot(v, basis.towards)};
    };
    const Proportions prop;
    const double h = body.height;
    // Which side is nearer the viewer: the near limbs are drawn darker.
    const double leftDepth = dot(body[Part::ThighL].origin, basis.towards) +
                             dot(body[Part::UpperArmL].origin, basis.towards);
    const double rightDepth = dot(body[Part::ThighR].origin, basis.towards) +
                              dot(body[Part::UpperArmR].origin, basis.towards);
    const bool leftNear = leftDepth >= rightDepth;
    // The light comes from above, a little from the viewer's side and left.
    const Vec3 light = normalised(basis.up * 0.8 + basis.towards * 0.5 - basis.right * 0.3);

    auto toneOf = [&](Part part) {
        if (part == Part::Head || part == Part::Neck) {
            return Tone::Head;
        }
        if (isLeftPart(part)) {
            return leftNear ? Tone::Near : Tone::Far;
        }
        if (isRightPart(part)) {
            return leftNear ? Tone::Far : Tone::Near;
        }
        return Tone::Trunk;
    };
    // Drawn a little thinner at the girdle, and the toes as a thin rod.
    auto radiusOf = [](Part part) {
        if (part == Part::GirdleL || part == Part::GirdleR) {
            return partRadius(part) * 0.9;
        }
        return part == Part::ToesL || part == Part::ToesR ? 0.012 : partRadius(part);
    };
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto part = static_cast<Part>(i);
        const PlacedPart& placed = body.parts[i];
        Shape shape;
        shape.part = part;
        shape.tone = toneOf(part);
        shape.highlighted = std::find(moving.begin(), moving.end(), part) != moving.end();
        if (part == Part::Head) {
            const Vec3 centre = placed.origin + placed.axes * (Vec3{0.010, 0.060, 0} * h);
            shape.a = shape.b = p(centre);
            shape.radius = prop.headRadius * h;
            shape.depth = shape.a.depth;
            shape.light = 1.0;
            out.shapes.push_back(shape);
            continue;
        }
        if (part == Part::FootL || part == Part::FootR) {
            // The foot as the outline of its sole and instep: heel, ball (both edges), the
            // top of the ankle.
            const std::size_t k = part == Part::FootL ? 0 : 1;
            const Vec3 across = placed.axes.column(2) * (kForefootHalfWidth * h);
            const Vec3 upward = placed.axes.column(1) * (prop.ankleHeight * h);
            const Vec3 heel = body.landmarks.heel[k];
            const Vec3 ball = placed.end;
            for (const Vec3 v :
                 {heel + across, ball + across, ball + upward * 0.4, placed.origin + upward * 0.3,
                  ball - across, heel - across, heel + upward * 0.8}) {
                shape.outline.push_back(p(v));
            }
            shape.radius = 0.0;
            shape.a = p(heel);
            shape.b = p(ball);
            shape.depth = (shape.a.depth + shape.b.depth) / 2;
            out.shapes.push_back(shape);
            continue;
        }
        shape.a = p(placed.origin);
        shape.b = p(placed.end);
        shape.radius = radiusOf(part) * h;
        shape.depth = (shape.a.depth + shape.b.depth) / 2;
        // A capsule is lit by how much its side faces the light: most when its axis is across
        // the light, least when it points at it.
        const Vec3 axis = normalised(placed.end - placed.origin);
        const double along = std::abs(dot(axis, light));
        shape.light = 1.0 - 0.45 * along;
        out.shapes.push_back(shape);
    }
    // Far to near; a joint's child drawn over its parent when they lie at one depth.
    std::stable_sort(out.shapes.begin(), out.shapes.end(),
                     [](const Shape& a, const Shape& b) { return a.depth < b.depth - 1e-4; });

    // The face.
    const PlacedPart& head = body[Part::Head];
    const Vec3 centre = head.origin + head.axes * (Vec3{0.010, 0.060, 0} * h);
    out.face.centre = p(centre);
    out.face.nose = p(body.landmarks.nose);
    out.face.chin = p(head.origin + head.axes * (Vec3{prop.headRadius * 0.8, 0.0, 0} * h));
    const Vec3 face = body.landmarks.face;
    out.face.visible = dot(face, basis.towards) > -0.2;
    // The eye on the side nearer the viewer.
    const Vec3 side = head.axes.column(2);
    const double sideSign = dot(side, basis.towards) >= 0 ? 1.0 : -1.0;
    out.face.eye = p(centre + head.axes * (Vec3{prop.headRadius * 0.75, 0.012, 0} * h) +
                     side * (sideSign * prop.headRadius * 0.35 * h));

    // The back's line: behind each trunk part, so that its curves show.
    for (const Part part : {Part::Pelvis, Part::Abdomen, Part::Thorax, Part::Neck}) {
        const PlacedPart& placed = body[part];
        const double r = radiusOf(part) * h;
        for (const double t : {0.0, 0.5}) {
            const Vec3 axisPoint = placed.origin + (placed.end - placed.origin) * t;
            out.spine.push_back(p(axisPoint - placed.axes.column(0) * (r * 0.9)));
        }
    }
    out.spine.push_back(
        p(body[Part::Neck].end - body[Part::Neck].axes.column(0) * (prop.neckRadius * h)));
    out.floor = 0.0;
    return out;
}

PictureExtent extentOf(const std::vector<Picture>& pictures) {
    double minX = 1e9;
    double maxX = -1e9;
    double minY = 0.0;
    double maxY = 0.5;
    for (const auto& picture : pictures) {
        for (const auto& shape : picture.shapes) {
            if (shape.tone == Tone::Wall || shape.tone == Tone::Mat) {
                continue;
            }
            for (const auto& p : {shape.a, shape.b}) {
                minX = std::min(minX, p.x - shape.radius);
                maxX = std::max(maxX, p.x + shape.radius);
                minY = std::min(minY, p.y - shape.radius);
                maxY = std::max(maxY, p.y + shape.radius);
            }
            for (const auto& p : shape.outline) {
                minX = std::min(minX, p.x);
                maxX = std::max(maxX, p.x);
                minY = std::min(minY, p.y);
                maxY = std::max(maxY, p.y);
            }
        }
    }
    if (minX > maxX) {
        return {-0.5, 0.5, minY, maxY};
    }
    return {minX, maxX, minY, maxY};
}

void addProps(Picture& out, const Scene& scene, const Mannequin& body, const Camera& camera,
              double bandRest) {
    const Basis basis = basisOf(camera);
    auto p = [&](Vec3 v) {
        return Projected{dot(v, basis.right), dot(v, basis.up), dot(v, basis.towards)};
    };
    const Vec3 light = normalised(basis.up * 0.8 + basis.towards * 0.5 - basis.right * 0.3);
    std::vector<Shape> added;
    for (const Prop& given : scene.props) {
        const Prop prop = withDefaults(given);
        const Tone tone = prop.kind == PropKind::Mat    ? Tone::Mat
                          : prop.kind == PropKind::Wall ? Tone::Wall
                                                        : Tone::Prop;
        if (prop.kind == PropKind::Band) {
            double rest = bandRest;
            if (rest <= 0.0 && !scene.poses.empty()) {
                const Mannequin first = place(settledPose(scene, 0, body.height), body.height);
                const auto lines = bandOf(prop, first, 1.0);
                if (!lines.empty()) {
                    rest = lines.front().stretch; // just taut in the first pose
                }
            }
            for (const auto& line : bandOf(prop, body, rest)) {
                Shape band;
                band.tone = Tone::Band;
                band.a = p(line.anchor);
                band.b = p(line.hand);
                band.radius = prop.radius;
                band.stretch = line.stretch;
                band.depth = std::max(band.a.depth, band.b.depth);
                added.push_back(band);
                // The anchor: a small knob where the band is tied.
                Shape knot;
                knot.tone = Tone::Prop;
                knot.a = knot.b = band.a;
                knot.radius = 0.02;
                knot.depth = band.a.depth;
                added.push_back(knot);
            }
            continue;
        }
        if (prop.kind == PropKind::Dowel) {
            if (const auto ends = dowelOf(prop, body)) {
                Shape dowel;
                dowel.tone = Tone::Dowel;
                dowel.a = p(ends->first);
                dowel.b = p(ends->second);
                dowel.radius = prop.radius;
                // Along the back it lies behind the body; in the hands, in front of them.
                dowel.depth = prop.alongBack ? std::min(dowel.a.depth, dowel.b.depth)
                                             : std::max(dowel.a.depth, dowel.b.depth);
                added.push_back(dowel);
            }
            continue;
        }
        if (prop.kind == PropKind::Weight) {
            for (const Capsule& c : weightOf(prop, body)) {
                Shape weight;
                weight.tone = Tone::Weight;
                weight.a = p(c.a);
                weight.b = p(c.b);
                weight.radius = c.radius;
                // Held in front of the hand, strapped round the shank: drawn just in front of
                // the part it is on.
                weight.depth = std::min(weight.a.depth, weight.b.depth) - c.radius;
                added.push_back(weight);
            }
            continue;
        }
        if (prop.kind == PropKind::Ball) {
            Shape ball;
            ball.tone = Tone::Prop;
            ball.a = ball.b = p(prop.at);
            ball.radius = prop.radius;
            ball.depth = ball.a.depth - prop.radius;
            added.push_back(ball);
            continue;
        }
        for (const Box& box : solidsOf(prop)) {
            const auto corners = box.corners();
            Shape solid;
            solid.tone = tone;
            double far = 1e9;
            for (const Vec3& c : corners) {
                solid.outline.push_back(p(c));
                far = std::min(far, p(c).depth);
            }
            solid.a = solid.b = p(box.centre);
            solid.depth = far;
            solid.light = 0.75;
            added.push_back(solid);
            // Its top, lit from above, when the camera sees it (corners 2, 3, 6, 7 are the top).
            if (dot(Vec3{0, 1, 0}, basis.towards) > 0.05 && tone != Tone::Wall) {
                Shape top;
                top.tone = Tone::Top;
                for (const std::size_t i : {2, 3, 7, 6}) {
                    top.outline.push_back(p(corners[i]));
                }
                top.a = top.b = p(box.centre + Vec3{0, box.half.y, 0});
                top.depth = far + 1e-6;
                top.light = std::clamp(dot(Vec3{0, 1, 0}, light), 0.55, 1.0);
                added.push_back(top);
            }
        }
    }
    out.shapes.insert(out.shapes.end(), added.begin(), added.end());
    std::stable_sort(out.shapes.begin(), out.shapes.end(), [](const Shape& a, const Shape& b) {
        // Walls and mats first, whatever their depth: the body and its props stand on them.
        const bool backA = a.tone == Tone::Wall || a.tone == Tone::Mat;
        const bool backB = b.tone == Tone::Wall || b.tone == Tone::Mat;
        if (backA != backB) {
            return backA;
        }
        return a.depth < b.depth - 1e-4;
    });
}

std::vector<Part> movingParts(const Mannequin& from, const Mannequin& to, double metres) {
    constexpr double kTurnDegrees = 8.0;
    const double kTurnCos = std::cos(kTurnDegrees * M_PI / 180.0);
    std::vector<Part> parts;
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto part = static_cast<Part>(i);
        // The segment's own turn at its joint, not its being carried along by a moving parent:
        // its direction in its parent's frame (the pelvis: in the room's).
        auto local = [&](const Mannequin& body) {
            const Vec3 d = body.parts[i].end - body.parts[i].origin;
            if (part == Part::Pelvis) {
                return d;
            }
            const Mat3& axes = body[parentPart(part)].axes;
            return Vec3{dot(axes.column(0), d), dot(axes.column(1), d), dot(axes.column(2), d)};
        };
        // A short part (the pelvis, the head, a hand) moves little however far it turns: it
        // counts as moving when it turns by kTurnDegrees, so that a pelvic tilt or a chin tuck
        // shows which part does the work.
        const Vec3 a = local(from);
        const Vec3 b = local(to);
        const double la = length(a);
        const double lb = length(b);
        const double cosTurn = la > 1e-9 && lb > 1e-9 ? dot(a, b) / (la * lb) : 1.0;
        if (length(a - b) > metres || cosTurn < kTurnCos) {
            parts.push_back(part);
        }
    }
    return parts;
}

std::vector<Part> workingParts(const Mannequin& from, const Mannequin& to,
                               const std::vector<Part>& focus) {
    std::vector<Part> parts = movingParts(from, to);
    for (const Part part : focus) {
        if (std::find(parts.begin(), parts.end(), part) == parts.end()) {
            parts.push_back(part);
        }
    }
    return parts;
}

Camera cameraFor(View view) {
    switch (view) {
    case View::Side:
        return {0.0, 0.0};
    case View::Front:
        return {90.0, 0.0};
    case View::Top:
        return {90.0, 90.0};
    }
    return {};
}

Posture fromVersion1(const Pose& pose, View view, double height) {
    Posture p;
    auto a = [&](Joint j) { return pose.angle(j); };
    struct Side1 {
        Joint shoulder, elbow, wrist, hip, knee, ankle;
        Dof flex, abd, rot, elbow2, pron, wrist2, dev, hipFlex, hipAbd, hipRot, knee2, ankle2, inv;
    };
    const Side1 sides[2] = {
        {Joint::ShoulderL, Joint::ElbowL, Joint::WristL, Joint::HipL, Joint::KneeL, Joint::AnkleL,
         Dof::ShoulderFlexionL, Dof::ShoulderAbductionL, Dof::ShoulderRotationL, Dof::ElbowFlexionL,
         Dof::ForearmPronationL, Dof::WristFlexionL, Dof::WristDeviationL, Dof::HipFlexionL,
         Dof::HipAbductionL, Dof::HipRotationL, Dof::KneeFlexionL, Dof::AnkleDorsiflexionL,
         Dof::AnkleInversionL},
        {Joint::ShoulderR, Joint::ElbowR, Joint::WristR, Joint::HipR, Joint::KneeR, Joint::AnkleR,
         Dof::ShoulderFlexionR, Dof::ShoulderAbductionR, Dof::ShoulderRotationR, Dof::ElbowFlexionR,
         Dof::ForearmPronationR, Dof::WristFlexionR, Dof::WristDeviationR, Dof::HipFlexionR,
         Dof::HipAbductionR, Dof::HipRotationR, Dof::KneeFlexionR, Dof::AnkleDorsiflexionR,
         Dof::AnkleInversionR}};
    switch (view) {
    case View::Side:
        p.pelvis.pitch = -pose.orientation;
        p[Dof::LumbarFlexion] = a(Joint::Lumbar);
        p[Dof::ThoracicFlexion] = a(Joint::Thoracic);
        p[Dof::NeckFlexion] = a(Joint::Neck);
        p[Dof::HeadFlexion] = a(Joint::Head);
        for (const auto& s : sides) {
            p[s.flex] = a(s.shoulder);
            p[s.elbow2] = a(s.elbow);
            // Palm down, so that the wrist's bend lies in the picture's plane; forward (the
            // back of the hand first) is extension.
            p[s.pron] = 80.0;
            p[s.wrist2] = -a(s.wrist);
            p[s.hipFlex] = a(s.hip);
            p[s.knee2] = a(s.knee);
            p[s.ankle2] = a(s.ankle);
        }
        break;
    case View::Front:
        p.pelvis.yaw = 0.0;
        p.pelvis.roll = -pose.orientation;
        p[Dof::LumbarLateral] = -a(Joint::Lumbar);
        p[Dof::ThoracicLateral] = -a(Joint::Thoracic);
        p[Dof::NeckLateral] = -a(Joint::Neck);
        p[Dof::HeadLateral] = -a(Joint::Head);
        for (const auto& s : sides) {
            p[s.abd] = a(s.shoulder);
            if (std::abs(a(s.elbow)) > 1e-9) {
                // Bent in the picture's plane: the upper arm turned out (or in) by 90°.
                p[s.rot] = a(s.elbow) > 0 ? 90.0 : -70.0;
                p[s.elbow2] = std::abs(a(s.elbow));
            }
            p[s.dev] = 0.0;
            p[s.hipAbd] = a(s.hip);
            p[s.knee2] = std::abs(a(s.knee));
            p[s.inv] = a(s.ankle);
        }
        break;
    case View::Top:
        p.pelvis.pitch = 90.0; // seen from above: lying on the back
        p.pelvis.yaw = pose.orientation;
        p[Dof::LumbarLateral] = -a(Joint::Lumbar);
        p[Dof::ThoracicLateral] = -a(Joint::Thoracic);
        p[Dof::NeckRotation] = -a(Joint::Neck);
        p[Dof::HeadRotation] = -a(Joint::Head);
        for (const auto& s : sides) {
            p[s.abd] = a(s.shoulder);
            p[s.elbow2] = std::abs(a(s.elbow));
            p[s.hipAbd] = a(s.hip);
            p[s.knee2] = std::abs(a(s.knee));
        }
        break;
    }
    return restOnFloor(p, height);
}

} // namespace motus::core
