// The mannequin through a camera (core/MannequinView): projection, draw order, near and far
// limbs, the face, and version-1 poses on the 3-D skeleton.
#include "core/MannequinView.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace motus::core;

namespace {
constexpr double kH = 1.70;

Posture standing() {
    return standingPosture(kH);
}

const Shape& shapeOf(const Picture& picture, Part part) {
    return *std::find_if(picture.shapes.begin(), picture.shapes.end(),
                         [part](const Shape& s) { return s.part == part; });
}
} // namespace

TEST_CASE("mannequin view: the cameras project as their names say", "[mannequin]") {
    // From the right side: forward is to the right of the picture, up is up.
    const Projected ahead = project({0, 0}, {1, 0, 0});
    CHECK(ahead.x == Approx(1.0));
    CHECK(project({0, 0}, {0, 1, 0}).y == Approx(1.0));
    CHECK(project({0, 0}, {0, 0, 1}).depth == Approx(1.0)); // the right side is near
    // From the front: the figure's left (-z) on the right of the picture, its front near.
    CHECK(project({90, 0}, {0, 0, -1}).x == Approx(1.0));
    CHECK(project({90, 0}, {1, 0, 0}).depth == Approx(1.0));
    // From above: height is depth.
    CHECK(project({90, 90}, {0, 1, 0}).depth == Approx(1.0));
    CHECK(project({90, 90}, {0, 1, 0}).x == Approx(0.0).margin(1e-12));
}

TEST_CASE("mannequin view: far to near, the near side darker, the face where it looks",
          "[mannequin]") {
    const auto body = place(standing(), kH);
    auto side = picture(body, {0, 0});
    REQUIRE(side.shapes.size() == kPartCount);
    CHECK(std::is_sorted(side.shapes.begin(), side.shapes.end(),
                         [](const Shape& a, const Shape& b) { return a.depth < b.depth - 1e-4; }));
    CHECK(shapeOf(side, Part::ThighR).tone == Tone::Near); // seen from its right side
    CHECK(shapeOf(side, Part::ThighL).tone == Tone::Far);
    CHECK(shapeOf(side, Part::Thorax).tone == Tone::Trunk);
    CHECK(side.face.visible);
    CHECK(side.face.nose.x > side.face.centre.x); // the nose points right, where it looks
    const auto left = picture(body, {180, 0});
    CHECK(shapeOf(left, Part::ThighL).tone == Tone::Near);
    CHECK(left.face.nose.x < left.face.centre.x);
    CHECK_FALSE(picture(body, {270, 0}).face.visible); // from behind
    // The back's line runs up the back, behind the trunk.
    REQUIRE(side.spine.size() >= 8);
    CHECK(side.spine.back().y > side.spine.front().y + 0.5);
    CHECK(side.spine[3].x < 0); // behind the hip line, seen from the side

    // Turning the camera changes the picture.
    const auto front = picture(body, {90, 0});
    CHECK(shapeOf(front, Part::ThighL).a.x != Approx(shapeOf(side, Part::ThighL).a.x));
}

TEST_CASE("mannequin view: the moving parts are those that turn", "[mannequin]") {
    Posture bent = standing();
    bent[Dof::KneeFlexionR] = 60;
    const auto moving = movingParts(place(standing(), kH), place(bent, kH));
    CHECK(std::find(moving.begin(), moving.end(), Part::ShankR) != moving.end());
    CHECK(std::find(moving.begin(), moving.end(), Part::ThighR) == moving.end());
    CHECK(std::find(moving.begin(), moving.end(), Part::ShankL) == moving.end());
    const auto pic = picture(place(bent, kH), {0, 0}, moving);
    CHECK(shapeOf(pic, Part::ShankR).highlighted);
    CHECK_FALSE(shapeOf(pic, Part::ThighR).highlighted);

    // A short part turning a little: its end moves less than 3 cm, but a turn of 8 degrees or
    // more counts (a pelvic tilt, a chin tuck); one of 5 degrees does not.
    auto has = [](const std::vector<Part>& parts, Part part) {
        return std::find(parts.begin(), parts.end(), part) != parts.end();
    };
    Posture tilted = standing();
    tilted.pelvis.pitch = 12;
    const Mannequin before = place(standing(), kH);
    const Mannequin after = place(tilted, kH);
    CHECK(length((after[Part::Pelvis].end - after[Part::Pelvis].origin) -
                 (before[Part::Pelvis].end - before[Part::Pelvis].origin)) < 0.03);
    CHECK(has(movingParts(before, after), Part::Pelvis));
    CHECK_FALSE(has(movingParts(before, after), Part::Head)); // carried, not turned
    Posture nod = standing();
    nod[Dof::HeadFlexion] = 5;
    CHECK_FALSE(has(movingParts(before, place(nod, kH)), Part::Head));
    nod[Dof::HeadFlexion] = 10;
    CHECK(has(movingParts(before, place(nod, kH)), Part::Head));
}

TEST_CASE("mannequin view: version-1 poses on the 3-D skeleton", "[mannequin]") {
    // Side view: a bridge-like pose lying on the back, hips and knees bent, feet on the floor.
    Pose crook;
    crook.orientation = -90; // v1: lying on the back in the side view
    for (const Joint j : {Joint::HipL, Joint::HipR}) {
        crook.angles[static_cast<std::size_t>(j)] = 60;
    }
    for (const Joint j : {Joint::KneeL, Joint::KneeR}) {
        crook.angles[static_cast<std::size_t>(j)] = 100;
    }
    auto posture = fromVersion1(crook, View::Side, kH);
    auto body = place(posture, kH);
    CHECK(body.landmarks.face.y > 0.9); // face up
    CHECK(lowestPoint(body) == Approx(0.0).margin(1e-9));
    CHECK(body[Part::ThighL].end.y > 0.25); // the knees up
    CHECK(limitProblems(posture).empty());

    // Front view: arms out to the sides, the elbows bent up in the picture's plane (a wall
    // angel): the forearms point up, not forward.
    Pose angel;
    angel.angles[static_cast<std::size_t>(Joint::ShoulderL)] = 90;
    angel.angles[static_cast<std::size_t>(Joint::ShoulderR)] = 90;
    angel.angles[static_cast<std::size_t>(Joint::ElbowL)] = 90;
    angel.angles[static_cast<std::size_t>(Joint::ElbowR)] = 90;
    posture = fromVersion1(angel, View::Front, kH);
    body = place(posture, kH);
    for (const Part fore : {Part::ForearmL, Part::ForearmR}) {
        const Vec3 d = body[fore].end - body[fore].origin;
        CHECK(d.y > 0.2);
        CHECK(std::abs(d.x) < 0.02);
    }
    CHECK(limitProblems(posture).empty());

    // Front view, side-lying (orientation 90): lying on a side, resting on the floor.
    Pose lying;
    lying.orientation = 90;
    posture = fromVersion1(lying, View::Front, kH);
    body = place(posture, kH);
    // The hips one above the other: their joints' spacing (0.10 H) apart in height.
    CHECK(std::abs(body[Part::ThighL].origin.y - body[Part::ThighR].origin.y) ==
          Approx(0.10 * kH).margin(0.01));
    CHECK(std::abs(body.landmarks.face.y) < 1e-9); // the face looks along the floor

    CHECK(cameraFor(View::Side).azimuth == 0.0);
    CHECK(cameraFor(View::Front).azimuth == 90.0);
}
