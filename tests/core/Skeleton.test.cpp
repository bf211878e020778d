#include "core/Skeleton.hpp"

#include <catch2/catch.hpp>

using namespace motus::core;

TEST_CASE("joint and segment names round-trip", "[core][skeleton]") {
    for (std::size_t i = 0; i < kJointCount; ++i) {
        const auto joint = static_cast<Joint>(i);
        REQUIRE(parseJoint(toString(joint)) == joint);
    }
    for (std::size_t i = 0; i < kSegmentCount; ++i) {
        const auto segment = static_cast<Segment>(i);
        REQUIRE(parseSegment(toString(segment)) == segment);
    }
    CHECK_FALSE(parseJoint("elbow").has_value());
    CHECK_FALSE(parseSegment("knee-l").has_value());
}

TEST_CASE("limits follow clinical-rules §7 in the side view", "[core][skeleton]") {
    CHECK(jointLimit(Joint::KneeL, View::Side).max == 135);
    CHECK(jointLimit(Joint::KneeL, View::Side).min == 0);
    CHECK(jointLimit(Joint::HipR, View::Side).max == 120);
    CHECK(jointLimit(Joint::HipR, View::Side).min == -30);
    CHECK(jointLimit(Joint::ShoulderL, View::Side).max == 180);
    CHECK(jointLimit(Joint::ShoulderL, View::Side).min == -60);
    CHECK(jointLimit(Joint::ElbowR, View::Side).max == 150);
    CHECK(jointLimit(Joint::Neck, View::Side).min == -45);
    CHECK(jointLimit(Joint::Lumbar, View::Side).max == 80);
    CHECK(jointLimit(Joint::Lumbar, View::Side).min == -25);
    CHECK(jointLimit(Joint::Lumbar, View::Front).max == 35);
    CHECK(jointLimit(Joint::ShoulderL, View::Front).max == 180);
    CHECK(jointLimit(Joint::HipL, View::Front).max == 45);
}

TEST_CASE("mirroring swaps sides and keeps the spine", "[core][skeleton]") {
    CHECK(mirror(Joint::KneeL) == Joint::KneeR);
    CHECK(mirror(Joint::ShoulderR) == Joint::ShoulderL);
    CHECK(mirror(Joint::Lumbar) == Joint::Lumbar);
    CHECK(mirror(Segment::FootL) == Segment::FootR);
    CHECK(mirror(Segment::Head) == Segment::Head);
    for (std::size_t i = 0; i < kJointCount; ++i) {
        const auto joint = static_cast<Joint>(i);
        CHECK(mirror(mirror(joint)) == joint);
    }
}

TEST_CASE("segment proportions add up to the anthropometric heights", "[core][skeleton]") {
    const Proportions p;
    // Hip height 0.530 H = thigh + shank + ankle height.
    CHECK(p.thigh + p.shank + p.ankleHeight == Approx(0.530));
    // Shoulder height 0.818 H = hip height + pelvis + abdomen + thorax.
    CHECK(0.530 + p.pelvis + p.abdomen + p.thorax == Approx(0.818));
    // Top of the head at 1.0 H.
    CHECK(0.818 + p.neck + p.head == Approx(1.0));
    double mass = 0.0;
    for (std::size_t i = 0; i < kSegmentCount; ++i) {
        mass += segmentMassFraction(static_cast<Segment>(i));
    }
    CHECK(mass == Approx(1.0).margin(0.01));
}
