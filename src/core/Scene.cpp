#include "Scene.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace motus::core {

namespace {

constexpr std::array<std::string_view, 11> kPropNames = {
    "mat", "chair", "step", "table", "wall", "dowel", "band", "pillow", "towel", "ball", "weight"};

// A point in the box's own frame (turned back by its yaw, the pelvis's convention: a yaw of 90
// turns the prop's X towards the figure's left, -Z).
Vec3 local(const Box& box, Vec3 point) {
    const Vec3 d = point - box.centre;
    const Mat3 turn = Mat3::aboutY(-box.yaw);
    return turn * d;
}

std::string centimetres(double metres) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f cm", metres * 100.0);
    return text;
}

bool isWall(const Prop& prop) {
    return prop.kind == PropKind::Wall;
}

// A prop a body part can rest on or pass into.
bool isSolid(const Prop& prop) {
    return prop.kind != PropKind::Band && prop.kind != PropKind::Dowel &&
           prop.kind != PropKind::Weight;
}

} // namespace

std::string_view toString(PropKind kind) {
    return kPropNames.at(static_cast<std::size_t>(kind));
}

std::optional<PropKind> parsePropKind(std::string_view text) {
    for (std::size_t i = 0; i < kPropNames.size(); ++i) {
        if (kPropNames[i] == text) {
            return static_cast<PropKind>(i);
        }
    }
    return std::nullopt;
}

std::span<const std::string_view> propKindNames() {
    return kPropNames;
}

bool Box::contains(Vec3 point, double inset) const {
    return depthOf(point) > inset;
}

double Box::depthOf(Vec3 point) const {
    const Vec3 p = local(*this, point);
    return std::min({half.x - std::abs(p.x), half.y - std::abs(p.y), half.z - std::abs(p.z)});
}

std::array<Vec3, 8> Box::corners() const {
    std::array<Vec3, 8> out{};
    const Mat3 turn = Mat3::aboutY(yaw);
    for (std::size_t i = 0; i < 8; ++i) {
        const double x = (i & 1) != 0 ? half.x : -half.x;
        const double y = (i & 2) != 0 ? half.y : -half.y;
        const double z = (i & 4) != 0 ? half.z : -half.z;
        out[i] = centre + turn * Vec3{x, y, z};
    }
    return out;
}

Prop withDefaults(Prop prop) {
    auto fill = [](double& value, double fallback) {
        if (value <= 0.0) {
            value = fallback;
        }
    };
    switch (prop.kind) {
    case PropKind::Mat:
        fill(prop.depth, 1.80);
        fill(prop.width, 0.60);
        fill(prop.height, 0.008);
        break;
    case PropKind::Chair:
        fill(prop.depth, 0.42);
        fill(prop.width, 0.44);
        fill(prop.height, 0.45);
        break;
    case PropKind::Step:
        fill(prop.depth, 0.35);
        fill(prop.width, 0.60);
        fill(prop.height, 0.15);
        break;
    case PropKind::Table:
        fill(prop.depth, 0.70);
        fill(prop.width, 1.20);
        fill(prop.height, 0.75);
        break;
    case PropKind::Wall:
        fill(prop.depth, 0.10);
        fill(prop.width, 2.60);
        fill(prop.height, 2.30);
        break;
    case PropKind::Dowel:
        fill(prop.depth, 1.20); // its length
        fill(prop.radius, 0.014);
        break;
    case PropKind::Band:
        fill(prop.radius, 0.006);
        break;
    case PropKind::Pillow:
        fill(prop.depth, 0.35);
        fill(prop.width, 0.50);
        fill(prop.height, 0.10);
        break;
    case PropKind::Towel:
        fill(prop.depth, 0.12);
        fill(prop.width, 0.45);
        fill(prop.height, 0.08);
        break;
    case PropKind::Ball:
        fill(prop.radius, 0.11);
        break;
    case PropKind::Weight:
        fill(prop.radius, 0.035); // a 1-2 kg dumbbell's end, a cuff's thickness
        break;
    }
    return prop;
}

std::vector<Box> solidsOf(const Prop& given) {
    const Prop prop = withDefaults(given);
    Vec3 at = prop.at;
    if (prop.kind != PropKind::Pillow && prop.kind != PropKind::Towel &&
        prop.kind != PropKind::Ball) {
        at.y = 0.0; // stands on the floor
    }
    const Mat3 turn = Mat3::aboutY(prop.yaw);
    // A point `forward` metres along the prop's own X and `right` along its Z.
    auto offset = [&](double forward, double up, double right) {
        return at + turn * Vec3{forward, up, right};
    };
    std::vector<Box> boxes;
    switch (prop.kind) {
    case PropKind::Mat:
    case PropKind::Step:
    case PropKind::Pillow:
    case PropKind::Towel:
        // On the floor, or `y` above it (a towel roll held between the elbow and the side).
        boxes.push_back({offset(0, prop.height / 2, 0),
                         {prop.depth / 2, prop.height / 2, prop.width / 2},
                         prop.yaw});
        break;
    case PropKind::Wall:
        boxes.push_back({offset(0, prop.height / 2, 0),
                         {prop.depth / 2, prop.height / 2, prop.width / 2},
                         prop.yaw});
        break;
    case PropKind::Chair: {
        const double seat = 0.04;
        boxes.push_back({offset(0, prop.height - seat / 2, 0),
                         {prop.depth / 2, seat / 2, prop.width / 2},
                         prop.yaw});
        // The backrest behind the seat (the sitter faces +X), and four legs.
        boxes.push_back({offset(-prop.depth / 2 + 0.02, prop.height + 0.22, 0),
                         {0.02, 0.22, prop.width / 2},
                         prop.yaw});
        const double legs = prop.height - seat;
        for (const double fx : {-1.0, 1.0}) {
            for (const double fz : {-1.0, 1.0}) {
                boxes.push_back(
                    {offset(fx * (prop.depth / 2 - 0.02), legs / 2, fz * (prop.width / 2 - 0.02)),
                     {0.015, legs / 2, 0.015},
                     prop.yaw});
            }
        }
        break;
    }
    case PropKind::Table: {
        const double top = 0.04;
        boxes.push_back({offset(0, prop.height - top / 2, 0),
                         {prop.depth / 2, top / 2, prop.width / 2},
                         prop.yaw});
        const double legs = prop.height - top;
        for (const double fx : {-1.0, 1.0}) {
            for (const double fz : {-1.0, 1.0}) {
                boxes.push_back(
                    {offset(fx * (prop.depth / 2 - 0.04), legs / 2, fz * (prop.width / 2 - 0.04)),
                     {0.02, legs / 2, 0.02},
                     prop.yaw});
            }
        }
        break;
    }
    case PropKind::Ball:
        boxes.push_back({at, {prop.radius, prop.radius, prop.radius}, 0.0});
        break;
    case PropKind::Dowel:
    case PropKind::Band:
    case PropKind::Weight:
        break;
    }
    return boxes;
}

const Prop* Scene::prop(std::string_view id) const {
    for (const Prop& p : props) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

namespace {

// How far a point lies above what it would rest on in `prop` (negative: inside it); nullopt when
// the prop is not under it.
std::optional<double> heightAbove(const Prop& given, Vec3 point) {
    const Prop prop = withDefaults(given);
    if (prop.kind == PropKind::Ball) {
        const double dx = point.x - prop.at.x;
        const double dz = point.z - prop.at.z;
        const double flat = std::hypot(dx, dz);
        if (flat > prop.radius) {
            return std::nullopt;
        }
        return point.y - (prop.at.y + std::sqrt(prop.radius * prop.radius - flat * flat));
    }
    const auto boxes = solidsOf(prop);
    if (boxes.empty()) {
        return std::nullopt;
    }
    const Box& top = boxes.front(); // the seat, the table's top, the step, the mat
    const Vec3 p = local(top, point);
    if (std::abs(p.x) > top.half.x || std::abs(p.z) > top.half.z) {
        return std::nullopt;
    }
    return p.y - top.half.y;
}

// How far a point lies from a wall's face, towards the scene's origin side (negative: in it).
double distanceFromWall(const Prop& wall, Vec3 point) {
    const auto boxes = solidsOf(wall);
    const Box& box = boxes.front();
    const Vec3 p = local(box, point);
    return std::abs(p.x) - box.half.x;
}

std::vector<Vec3> pointsOf(const std::vector<SurfacePoint>& points, Part part) {
    std::vector<Vec3> out;
    for (const auto& point : points) {
        if (point.part == part) {
            out.push_back(point.at);
        }
    }
    return out;
}

// How far a contact lies from its support: above the floor or a prop's top, or off a wall.
std::optional<double> gapOf(const Scene& scene, const std::vector<SurfacePoint>& points,
                            const Contact& contact, bool fromAbove = false) {
    const auto mine = pointsOf(points, contact.part);
    if (mine.empty()) {
        return std::nullopt;
    }
    const Prop* prop = contact.prop.empty() ? nullptr : scene.prop(contact.prop);
    double gap = 1e9;
    bool found = false;
    for (const Vec3& at : mine) {
        std::optional<double> g;
        if (prop == nullptr) {
            g = at.y;
        } else if (isWall(*prop)) {
            g = distanceFromWall(*prop, at);
        } else if (prop->kind == PropKind::Mat) {
            g = heightAbove(*prop, at).value_or(at.y);
        } else {
            g = heightAbove(*prop, at);
            if (prop->kind == PropKind::Chair && !fromAbove) {
                // Leaning on the backrest: how far the point is from its front.
                const Box back = solidsOf(*prop).at(1);
                const double outside = -back.depthOf(at);
                g = g ? std::min(*g, outside) : outside;
            }
        }
        if (g) {
            gap = std::min(gap, *g);
            found = true;
        }
    }
    if (!found) {
        return std::nullopt;
    }
    return gap;
}

Vec3 wallNormal(const Prop& wall) {
    // Its face turned towards the scene's origin.
    Vec3 n = Mat3::aboutY(wall.yaw) * Vec3{1.0, 0.0, 0.0};
    if (dot(n, wall.at) > 0) {
        n = n * -1.0;
    }
    return n;
}

} // namespace

double supportBelow(const Scene& scene, Vec3 point, double reach) {
    double best = 0.0;
    for (const Prop& prop : scene.props) {
        if (!isSolid(prop) || isWall(prop)) {
            continue;
        }
        if (const auto above = heightAbove(prop, point)) {
            const double top = point.y - *above;
            if (*above >= -reach) {
                best = std::max(best, top);
            }
        }
    }
    return best;
}

Posture settle(const Scene& scene, const Posture& posture, const std::vector<Contact>& contacts,
               double height) {
    Posture moved = posture;
    const auto points = surfacePoints(place(moved, height));
    double low = 1e9;
    for (const auto& p : points) {
        low = std::min(low, p.at.y);
    }
    // Vertically: the nearest of the contacts on something below touches it.
    double lift = -low; // at least onto the floor
    bool vertical = false;
    double nearest = 1e9;
    for (const Contact& c : contacts) {
        const Prop* prop = c.prop.empty() ? nullptr : scene.prop(c.prop);
        if (prop != nullptr && isWall(*prop)) {
            continue;
        }
        if (const auto gap = gapOf(scene, points, c, true)) {
            nearest = std::min(nearest, *gap);
            vertical = true;
        }
    }
    if (vertical) {
        lift = std::max(-nearest, -low);
    }
    moved.pelvis.position.y += lift;
    // Then towards (or away from) a wall it touches.
    for (const Contact& c : contacts) {
        const Prop* prop = c.prop.empty() ? nullptr : scene.prop(c.prop);
        if (prop == nullptr || !isWall(*prop)) {
            continue;
        }
        const auto after = surfacePoints(place(moved, height));
        if (const auto gap = gapOf(scene, after, c)) {
            moved.pelvis.position = moved.pelvis.position + wallNormal(*prop) * -*gap;
        }
        break;
    }
    return moved;
}

Scene mirror(const Scene& scene) {
    Scene out = scene;
    for (KeyPose& pose : out.poses) {
        pose.posture = mirror(pose.posture);
        for (Part& part : pose.focus) {
            part = mirror(part);
        }
        for (Contact& c : pose.contacts) {
            c.part = mirror(c.part);
        }
    }
    if (out.fault) {
        out.fault->posture = mirror(out.fault->posture);
        for (Contact& c : out.fault->contacts) {
            c.part = mirror(c.part);
        }
    }
    for (Prop& prop : out.props) {
        prop.at.z = -prop.at.z;
        prop.yaw = -prop.yaw;
        for (Part& part : prop.held) {
            part = mirror(part);
        }
    }
    for (Swing& swing : out.swings) {
        swing.arm = mirror(swing.arm);
    }
    for (Camera& camera : out.cameras) {
        // Seen from the mirrored side, so that the movement shows the same way.
        camera.azimuth = 180.0 - camera.azimuth;
    }
    return out;
}

Posture hangSwingingArms(const Scene& scene, const Posture& posture) {
    Posture out = posture;
    for (const Swing& swing : scene.swings) {
        out = withArmAlong(out, swing.arm == Part::UpperArmL, {0.0, -1.0, 0.0});
    }
    return out;
}

void hangSwingingArms(Scene& scene) {
    for (KeyPose& pose : scene.poses) {
        pose.posture = hangSwingingArms(scene, pose.posture);
    }
}

Posture settledPose(const Scene& scene, std::size_t pose, double height) {
    const KeyPose& key = scene.poses.at(pose);
    return settle(scene, key.posture, key.contacts, height);
}

namespace {

// Where a resting part touches: its middle when it lies flat, sliding to its lower end as it
// stands up (a kneeling thigh at the knee, a foot on its ball), a point that stays put while the
// part turns about it.
Vec3 restingPointOf(const Mannequin& body, Part part) {
    const PlacedPart& p = body[part];
    const double len = length(p.end - p.origin);
    const double steep =
        len > 0 ? std::clamp((p.origin.y - p.end.y) / (0.3 * len), -1.0, 1.0) : 0.0;
    return p.origin + (p.end - p.origin) * (0.5 + 0.5 * steep);
}

} // namespace

namespace {

// The posture a share `s` of the way between settled key poses `a` and `b` (placed as
// `bodyA`, `bodyB`): minimum-jerk in joint space, the first contact both poses share held where
// they put it, never below the floor. One placing of the body.
Posture moveBetween(const Scene& scene, std::size_t from, std::size_t to, const Posture& a,
                    const Posture& b, const Mannequin& bodyA, const Mannequin& bodyB, double s,
                    double height) {
    Posture out = between(a, b, s);
    if (s <= 0.0 || s >= 1.0) {
        return out;
    }
    const Mannequin body = place(out, height);
    Vec3 shift;
    const KeyPose& kb = scene.poses.at(to);
    const KeyPose& ka = scene.poses.at(from);
    for (const Contact& c : kb.contacts) {
        const bool shared =
            std::any_of(ka.contacts.begin(), ka.contacts.end(),
                        [&](const Contact& o) { return o.part == c.part && o.prop == c.prop; });
        if (!shared) {
            continue;
        }
        const Vec3 pa = restingPointOf(bodyA, c.part);
        const Vec3 pb = restingPointOf(bodyB, c.part);
        const Vec3 want = pa + (pb - pa) * minimumJerk(s);
        shift = want - restingPointOf(body, c.part);
        break;
    }
    out.pelvis.position = out.pelvis.position + shift;
    // Moving the body moves its lowest point with it.
    const double low = lowestPoint(body) + shift.y;
    if (low < 0.0) {
        out.pelvis.position.y -= low;
    }
    return out;
}

} // namespace

Posture sceneBetween(const Scene& scene, std::size_t from, std::size_t to, double s,
                     double height) {
    const Posture a = settledPose(scene, from, height);
    const Posture b = settledPose(scene, to, height);
    return moveBetween(scene, from, to, a, b, place(a, height), place(b, height), s, height);
}

SceneMotion::SceneMotion(Scene scene, double height) : m_scene(std::move(scene)), m_height(height) {
    for (std::size_t i = 0; i < m_scene.poses.size(); ++i) {
        m_keys.push_back(settledPose(m_scene, i, height));
        m_bodies.push_back(place(m_keys.back(), height));
    }
}

Posture SceneMotion::between(std::size_t from, std::size_t to, double s) const {
    return moveBetween(m_scene, from, to, m_keys.at(from), m_keys.at(to), m_bodies.at(from),
                       m_bodies.at(to), s, m_height);
}

std::vector<BandLine> bandOf(const Prop& band, const Mannequin& body, double restLength) {
    std::vector<BandLine> lines;
    if (band.kind != PropKind::Band) {
        return lines;
    }
    for (const Part part : band.held) {
        BandLine line;
        line.anchor = band.at;
        const PlacedPart& hand = body[part];
        line.hand = (hand.origin + hand.end) * 0.5;
        const double length = core::length(line.hand - line.anchor);
        line.stretch = restLength > 0 ? length / restLength : 1.0;
        lines.push_back(line);
    }
    return lines;
}

std::vector<Capsule> weightOf(const Prop& given, const Mannequin& body) {
    const Prop weight = withDefaults(given);
    if (weight.kind != PropKind::Weight || weight.held.empty()) {
        return {};
    }
    const Part part = weight.held.front();
    const PlacedPart& placed = body[part];
    Vec3 along = placed.end - placed.origin;
    const double n = core::length(along);
    if (n <= 0) {
        return {};
    }
    along = along * (1.0 / n);
    if (part == Part::ShankL || part == Part::ShankR) {
        // A cuff around the shank, its lower edge a finger's width above the ankle joint.
        const double r = partRadius(part) * body.height + weight.radius * 0.45;
        return {{placed.end - along * 0.13, placed.end - along * 0.05, r}};
    }
    // A dumbbell gripped across the palm: the handle through the middle of the hand, an end
    // on either side of it.
    const Vec3 grip = placed.origin + along * (n * 0.45);
    const Vec3 across = placed.axes.column(2);
    const double half = 0.075;
    return {{grip - across * half, grip + across * half, weight.radius * 0.3},
            {grip - across * half, grip - across * (half - 0.03), weight.radius},
            {grip + across * (half - 0.03), grip + across * half, weight.radius}};
}

std::optional<std::pair<Vec3, Vec3>> dowelOf(const Prop& given, const Mannequin& body) {
    const Prop dowel = withDefaults(given);
    if (dowel.kind != PropKind::Dowel) {
        return std::nullopt;
    }
    const double half = dowel.depth / 2;
    if (dowel.alongBack) {
        // Behind the back, touching the back of the head, the upper back and the sacrum: along
        // the line from the sacrum to the back of the head, moved back by their radii.
        const double h = body.height;
        const PlacedPart& pelvis = body[Part::Pelvis];
        const PlacedPart& thorax = body[Part::Thorax];
        const Vec3 back = pelvis.axes.column(0) * -1.0;
        const Vec3 sacrum = pelvis.end + back * (partRadius(Part::Pelvis) * h + dowel.radius);
        const Vec3 upper =
            thorax.end + thorax.axes.column(0) * -(partRadius(Part::Thorax) * h + dowel.radius);
        Vec3 dir = upper - sacrum;
        const double n = core::length(dir);
        if (n <= 0) {
            return std::nullopt;
        }
        dir = dir * (1.0 / n);
        const Vec3 mid = sacrum + dir * (n / 2);
        return std::pair{mid - dir * half, mid + dir * half};
    }
    if (dowel.held.size() >= 2) {
        const Vec3 a = body[dowel.held[0]].end;
        const Vec3 b = body[dowel.held[1]].end;
        Vec3 dir = b - a;
        const double n = core::length(dir);
        if (n <= 0) {
            return std::nullopt;
        }
        dir = dir * (1.0 / n);
        const Vec3 mid = (a + b) * 0.5;
        return std::pair{mid - dir * half, mid + dir * half};
    }
    if (dowel.held.size() == 1) {
        // Upright in one hand, its foot on the floor beside it.
        const Vec3 hand = body[dowel.held[0]].end;
        return std::pair{Vec3{hand.x, 0.0, hand.z}, Vec3{hand.x, dowel.depth, hand.z}};
    }
    return std::nullopt;
}

namespace {

// Parts joined to each other, or through one part between them: they may overlap.
bool near(Part a, Part b) {
    if (a == b) {
        return true;
    }
    const Part pa = parentPart(a);
    const Part pb = parentPart(b);
    if (pa == b || pb == a || pa == pb || parentPart(pa) == b || parentPart(pb) == a) {
        return true;
    }
    // The trunk's pieces and what leaves it near one another.
    auto trunk = [](Part p) {
        return p == Part::Pelvis || p == Part::Abdomen || p == Part::Thorax || p == Part::Neck ||
               p == Part::GirdleL || p == Part::GirdleR;
    };
    auto rootOf = [](Part p) {
        return p == Part::UpperArmL || p == Part::UpperArmR || p == Part::ThighL ||
               p == Part::ThighR || p == Part::Head;
    };
    if ((trunk(a) && rootOf(b)) || (trunk(b) && rootOf(a)) || (trunk(a) && trunk(b))) {
        return true;
    }
    // Feet and toes of the same or the two sides resting together.
    auto foot = [](Part p) {
        return p == Part::FootL || p == Part::FootR || p == Part::ToesL || p == Part::ToesR;
    };
    return foot(a) && foot(b);
}

struct Capsule {
    Vec3 a;
    Vec3 b;
    double r;
};

Capsule capsuleOf(const Mannequin& body, Part part) {
    const PlacedPart& p = body[part];
    const double r = partRadius(part) * body.height;
    if (part == Part::Head) {
        const Vec3 centre = body.landmarks.nose - body.landmarks.face * r;
        return {centre, centre, r};
    }
    if (part == Part::FootL || part == Part::FootR) {
        const std::size_t k = part == Part::FootL ? 0 : 1;
        return {body.landmarks.heel[k], p.end, kForefootHalfWidth * body.height};
    }
    return {p.origin, p.end, r};
}

// The shortest distance between two segments (Ericson, Real-Time Collision Detection 5.1.9).
double segmentsDistance(Vec3 p1, Vec3 q1, Vec3 p2, Vec3 q2) {
    const Vec3 d1 = q1 - p1;
    const Vec3 d2 = q2 - p2;
    const Vec3 r = p1 - p2;
    const double a = dot(d1, d1);
    const double e = dot(d2, d2);
    const double f = dot(d2, r);
    double s = 0.0;
    double t = 0.0;
    const double eps = 1e-12;
    if (a <= eps && e <= eps) {
        return length(r);
    }
    if (a <= eps) {
        t = std::clamp(f / e, 0.0, 1.0);
    } else {
        const double c = dot(d1, r);
        if (e <= eps) {
            s = std::clamp(-c / a, 0.0, 1.0);
        } else {
            const double b = dot(d1, d2);
            const double denom = a * e - b * b;
            s = denom > eps ? std::clamp((b * f - c * e) / denom, 0.0, 1.0) : 0.0;
            t = (b * s + f) / e;
            if (t < 0.0) {
                t = 0.0;
                s = std::clamp(-c / a, 0.0, 1.0);
            } else if (t > 1.0) {
                t = 1.0;
                s = std::clamp((b - c) / a, 0.0, 1.0);
            }
        }
    }
    return length((p1 + d1 * s) - (p2 + d2 * t));
}

struct Checker {
    const Scene& scene;
    const SceneCheck& options;
    std::vector<SceneProblem>& problems;
    double height = 1.70;

    void say(int line, std::string message, bool warning = false) {
        for (const auto& p : problems) {
            if (p.message == message) {
                return; // once per file, not once per frame
            }
        }
        problems.push_back({line, std::move(message), warning});
    }

    void limits(const std::string& where, int line, const Posture& posture) {
        for (const auto& problem : limitProblems(posture, 1.0)) {
            say(line, where + ": " + problem);
        }
    }

    void passing(const std::string& where, int line, const Mannequin& body,
                 const std::vector<SurfacePoint>& points) {
        // Through a prop.
        for (const Prop& prop : scene.props) {
            if (!isSolid(prop) || prop.kind == PropKind::Mat) {
                continue;
            }
            std::optional<Part> worst;
            double deepest = options.penetration;
            for (const auto& point : points) {
                double depth = 0.0;
                if (prop.kind == PropKind::Ball) {
                    const Prop ball = withDefaults(prop);
                    depth = ball.radius - length(point.at - ball.at);
                } else {
                    for (const Box& box : solidsOf(prop)) {
                        depth = std::max(depth, box.depthOf(point.at));
                    }
                }
                if (depth > deepest) {
                    deepest = depth;
                    worst = point.part;
                }
            }
            if (worst) {
                say(line, where + ": " + std::string(toString(*worst)) + " passes " +
                              centimetres(deepest) + " into the " +
                              std::string(toString(prop.kind)) +
                              (prop.id != toString(prop.kind) ? " '" + prop.id + "'" : ""));
            }
        }
        // Through itself: two parts not joined to each other whose surfaces overlap deeply.
        for (std::size_t i = 0; i < kPartCount; ++i) {
            for (std::size_t j = i + 1; j < kPartCount; ++j) {
                const auto a = static_cast<Part>(i);
                const auto b = static_cast<Part>(j);
                if (near(a, b)) {
                    continue;
                }
                const Capsule ca = capsuleOf(body, a);
                const Capsule cb = capsuleOf(body, b);
                const double d = segmentsDistance(ca.a, ca.b, cb.a, cb.b);
                const double overlap = ca.r + cb.r - d;
                if (overlap > std::max(options.penetration, 0.5 * (ca.r + cb.r))) {
                    say(line, where + ": " + std::string(toString(a)) + " passes through " +
                                  std::string(toString(b)) + " (" + centimetres(overlap) +
                                  " deep)");
                }
            }
        }
    }

    void contacts(const std::string& where, const KeyPose& key,
                  const std::vector<SurfacePoint>& points) {
        for (const Contact& c : key.contacts) {
            const std::string on = c.prop.empty() ? "the floor" : "'" + c.prop + "'";
            const auto gap = gapOf(scene, points, c);
            if (!gap) {
                say(key.line, where + ": " + std::string(toString(c.part)) + " is not over " + on +
                                  ", which it should rest on");
                continue;
            }
            if (*gap > options.contactTolerance) {
                // Name what holds it off: the lowest part that is not a contact.
                std::string lowest;
                double low = 1e9;
                for (const auto& p : points) {
                    const bool isContact =
                        std::any_of(key.contacts.begin(), key.contacts.end(),
                                    [&](const Contact& k) { return k.part == p.part; });
                    if (!isContact && p.at.y < low) {
                        low = p.at.y;
                        lowest = std::string(toString(p.part));
                    }
                }
                std::string why;
                if (!lowest.empty() && low < options.contactTolerance) {
                    why = "; " + lowest + " is lower and holds the body up";
                }
                say(key.line, where + ": " + std::string(toString(c.part)) + " should rest on " +
                                  on + " but is " + centimetres(*gap) + " away" + why);
            }
        }
    }

    void balance(const std::string& where, const KeyPose& key, const Mannequin& body,
                 const std::vector<SurfacePoint>& points) {
        // Leaning on a wall or a band: held, not standing free.
        for (const Contact& c : key.contacts) {
            const Prop* prop = c.prop.empty() ? nullptr : scene.prop(c.prop);
            if (prop != nullptr && isWall(*prop)) {
                return;
            }
        }
        std::vector<Vec2> base;
        std::vector<std::string> names;
        for (const auto& p : points) {
            const double support = supportBelow(scene, p.at);
            if (p.at.y - support <= options.contactTolerance) {
                base.push_back({p.at.x, p.at.z});
                const std::string name(toString(p.part));
                if (std::find(names.begin(), names.end(), name) == names.end()) {
                    names.push_back(name);
                }
            }
        }
        const auto hull = convexHull(base);
        if (hull.size() < 3) {
            return; // resting on a line: lying, where balance is not in question
        }
        const Vec3 com = centreOfMass(body);
        double edge = 1e9;
        bool inside = true;
        for (std::size_t i = 0; i < hull.size(); ++i) {
            const Vec2 a = hull[i];
            const Vec2 b = hull[(i + 1) % hull.size()];
            const double cross = (b.x - a.x) * (com.z - a.y) - (b.y - a.y) * (com.x - a.x);
            if (cross < 0) {
                inside = false;
            }
            const double dx = b.x - a.x;
            const double dz = b.y - a.y;
            const double len2 = dx * dx + dz * dz;
            const double t =
                len2 > 0 ? std::clamp(((com.x - a.x) * dx + (com.z - a.y) * dz) / len2, 0.0, 1.0)
                         : 0.0;
            edge = std::min(edge, std::hypot(com.x - (a.x + t * dx), com.z - (a.y + t * dz)));
        }
        if (!inside && edge > options.balanceMargin) {
            std::string on;
            for (const auto& n : names) {
                on += (on.empty() ? "" : ", ") + n;
            }
            say(key.line, where + ": would fall: the centre of mass is " + centimetres(edge) +
                              " outside what it stands on (" + on + ")");
        }
    }

    void keyPose(const KeyPose& key, const std::string& where, const Posture& settled) {
        const Mannequin body = place(settled, height);
        const auto points = surfacePoints(body);
        limits(where, key.line, key.posture);
        contacts(where, key, points);
        passing(where, key.line, body, points);
        balance(where, key, body, points);
    }
};

} // namespace

std::vector<SceneProblem> checkScene(const Scene& scene,
                                     const std::vector<std::pair<std::size_t, std::size_t>>& path,
                                     const SceneCheck& options) {
    std::vector<SceneProblem> problems;
    Checker check{scene, options, problems};
    for (std::size_t i = 0; i < scene.poses.size(); ++i) {
        const KeyPose& key = scene.poses[i];
        check.keyPose(key, "pose '" + key.id + "'", settledPose(scene, i));
    }
    if (scene.fault) {
        // The fault pose shows a wrong movement, not an impossible body: limits and resting.
        const KeyPose& key = *scene.fault;
        const Posture settled = settle(scene, key.posture, key.contacts);
        const Mannequin body = place(settled, check.height);
        check.limits("fault pose", key.line, key.posture);
        check.contacts("fault pose", key, surfacePoints(body));
    }
    for (const auto& [from, to] : path) {
        if (from == to || from >= scene.poses.size() || to >= scene.poses.size()) {
            continue;
        }
        const KeyPose& target = scene.poses[to];
        const std::string where =
            "between poses '" + scene.poses[from].id + "' and '" + target.id + "'";
        // The contact that anchors the movement (the first both poses rest on) must be where
        // both poses put it, or it slides across the floor as the body moves.
        for (const Contact& c : target.contacts) {
            const KeyPose& source = scene.poses[from];
            const bool shared =
                std::any_of(source.contacts.begin(), source.contacts.end(),
                            [&](const Contact& o) { return o.part == c.part && o.prop == c.prop; });
            if (!shared) {
                continue;
            }
            const Vec3 a = restingPointOf(place(settledPose(scene, from)), c.part);
            const Vec3 b = restingPointOf(place(settledPose(scene, to)), c.part);
            const double slide = std::hypot(a.x - b.x, a.z - b.z);
            if (slide > options.anchorSlide) {
                check.say(target.line, where + ": " + std::string(toString(c.part)) +
                                           ", which both poses rest on, is " + centimetres(slide) +
                                           " further " +
                                           (std::abs(a.x - b.x) >= std::abs(a.z - b.z)
                                                ? (b.x > a.x ? "forward" : "back")
                                                : (b.z > a.z ? "to the right" : "to the left")) +
                                           " in '" + target.id +
                                           "': it would slide; move pelvis.x or pelvis.z "
                                           "of one pose so that it stays");
            }
            break;
        }
        for (int k = 1; k < options.samples; ++k) {
            const double s = static_cast<double>(k) / options.samples;
            const Posture p = sceneBetween(scene, from, to, s);
            const Mannequin body = place(p, check.height);
            check.limits(where, target.line, p);
            check.passing(where, target.line, body, surfacePoints(body));
        }
    }
    return problems;
}

} // namespace motus::core
