#include "core/Kinematics.hpp"

#include <catch2/catch.hpp>

using namespace motus::core;

namespace {
Pose pose(std::initializer_list<std::pair<Joint, double>> angles, double orientation = 0.0) {
    Pose p;
    p.id = "p";
    p.orientation = orientation;
    for (auto [joint, angle] : angles) {
        p.angles[static_cast<std::size_t>(joint)] = angle;
    }
    return p;
}
} // namespace

TEST_CASE("standing upright: the feet on the floor, the head at body height",
          "[core][kinematics]") {
    const auto body = placeBody(pose({}), View::Side, 1.75);
    CHECK(body.lowestOverall() == Approx(0.0).margin(1e-9));
    CHECK(body.lowest(Segment::FootL) == Approx(0.0).margin(1e-9));
    CHECK(body[Segment::Head].end.y == Approx(1.75).margin(0.001));
    CHECK(body[Segment::Pelvis].start.y == Approx(0.530 * 1.75).margin(0.001));
    CHECK(body[Segment::ShankL].end.x == Approx(0.0).margin(1e-9));
}

TEST_CASE("side view: flexion moves limbs forward, knee flexion moves the shank back",
          "[core][kinematics]") {
    const auto body = placeBody(
        pose({{Joint::HipL, 90}, {Joint::KneeL, 90}, {Joint::ShoulderL, 90}}), View::Side, 1.0);
    // The thigh points forward (+x), horizontal.
    CHECK(body[Segment::ThighL].end.x == Approx(0.245).margin(1e-6));
    CHECK(body[Segment::ThighL].end.y == Approx(body[Segment::ThighL].start.y).margin(1e-6));
    // The shank hangs straight down from the knee.
    CHECK(body[Segment::ShankL].end.x == Approx(0.245).margin(1e-6));
    CHECK(body[Segment::ShankL].end.y < body[Segment::ShankL].start.y);
    // The arm points forward.
    CHECK(body[Segment::UpperArmL].end.x > 0.18);
    // Trunk flexion tips the head forward.
    const auto bowed = placeBody(pose({{Joint::Lumbar, 40}}), View::Side, 1.0);
    CHECK(bowed[Segment::Head].end.x > 0.2);
}

TEST_CASE("lying on the back: trunk and head rest on the floor", "[core][kinematics]") {
    const auto body = placeBody(pose({}, -90), View::Side, 1.75);
    for (auto s : {Segment::Pelvis, Segment::Thorax, Segment::Head}) {
        CHECK(body.lowest(s) < 0.02);
    }
    // Face up: the head lies toward -x.
    CHECK(body[Segment::Head].end.x < -0.5);
}

TEST_CASE("front view: abduction turns each side outward", "[core][kinematics]") {
    const auto body =
        placeBody(pose({{Joint::ShoulderL, 90}, {Joint::ShoulderR, 90}}), View::Front, 1.0);
    CHECK(body[Segment::UpperArmL].end.x > body[Segment::UpperArmL].start.x + 0.18);
    CHECK(body[Segment::UpperArmR].end.x < body[Segment::UpperArmR].start.x - 0.18);
    CHECK(body[Segment::ThighL].start.x == Approx(0.191 / 2).margin(1e-6));
    CHECK(body[Segment::ThighR].start.x == Approx(-0.191 / 2).margin(1e-6));
}

TEST_CASE("mirroring a pose swaps the sides", "[core][kinematics]") {
    auto p = pose({{Joint::HipL, 80}, {Joint::KneeR, 20}, {Joint::Lumbar, 10}});
    p.contacts = {Segment::FootR};
    const auto m = mirrorPose(p, View::Side);
    CHECK(m.angle(Joint::HipR) == 80);
    CHECK(m.angle(Joint::HipL) == 0);
    CHECK(m.angle(Joint::KneeL) == 20);
    CHECK(m.angle(Joint::Lumbar) == 10);
    CHECK(m.contacts == std::vector<Segment>{Segment::FootL});
    const auto front = mirrorPose(p, View::Front);
    CHECK(front.angle(Joint::Lumbar) == -10);
}

TEST_CASE("blending interpolates every joint", "[core][kinematics]") {
    const auto a = pose({{Joint::HipL, 0}}, 0);
    const auto b = pose({{Joint::HipL, 90}}, 90);
    const auto half = blendPoses(a, b, 0.5);
    CHECK(half.angle(Joint::HipL) == Approx(45));
    CHECK(half.orientation == Approx(45));
    CHECK(blendPoses(a, b, 0.0).angle(Joint::HipL) == 0);
    CHECK(blendPoses(a, b, 1.0).angle(Joint::HipL) == 90);
}

TEST_CASE("the extent of bodies holds every segment with its thickness", "[core][kinematics]") {
    CHECK(extentOf({}).maxY == 0.5); // nothing: the floor and half a metre
    BodyPlacement body;
    for (auto& seg : body.segments) {
        seg.start = {0.0, 0.0};
        seg.end = {0.0, 0.0};
        seg.radius = 0.0;
    }
    body.segments[0].start = {-0.4, 0.1};
    body.segments[0].end = {0.3, 1.2};
    body.segments[0].radius = 0.05;
    const auto e = extentOf({body});
    CHECK(e.minX == Approx(-0.45));
    CHECK(e.maxX == Approx(0.35));
    CHECK(e.maxY == Approx(1.25));
}
