// The figure v2's skeleton (core/Mannequin): proportions, the sign of every movement as a
// clinician names it, the centre of mass, the floor, balance, mirroring and minimum-jerk motion.
#include "core/Mannequin.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace motus::core;

namespace {
constexpr double kH = 1.70;

Posture standing() {
    return standingPosture(kH);
}
} // namespace

TEST_CASE("mannequin: standing, the joints at the heights of §8", "[mannequin]") {
    const auto body = place(standing(), kH);
    CHECK(body[Part::ShankL].end.y == Approx(0.039 * kH));       // the ankle
    CHECK(body[Part::ThighR].end.y == Approx(0.285 * kH));       // the knee
    CHECK(body[Part::UpperArmL].origin.y == Approx(0.818 * kH)); // the shoulder
    CHECK(body.landmarks.headTop.y == Approx(1.0 * kH));
    CHECK(body[Part::UpperArmR].origin.z - body[Part::UpperArmL].origin.z == Approx(0.259 * kH));
    CHECK(body[Part::ThighR].origin.z > 0); // Z points to the right
    CHECK(body.landmarks.heel[0].y == Approx(0.0).margin(1e-9));
    CHECK(body.landmarks.toeTip[1].x > 0.15); // the feet point forward
    CHECK(body.landmarks.face.x == Approx(1.0));
    CHECK(lowestPoint(body) == Approx(0.0).margin(1e-9));
}

TEST_CASE("mannequin: each movement goes where a clinician expects, on both sides", "[mannequin]") {
    for (const bool left : {true, false}) {
        const double lateral = left ? -1.0 : 1.0; // the side's outward direction in z
        auto dof = [left](Dof d) { return left ? d : mirror(d); };
        Posture p = standing();
        p[dof(Dof::HipFlexionL)] = 90;
        auto body = place(p, kH);
        const Part thigh = left ? Part::ThighL : Part::ThighR;
        CHECK(body[thigh].end.x == Approx(0.245 * kH).margin(1e-9)); // the knee forward
        CHECK(body[thigh].end.y == Approx(0.530 * kH).margin(1e-9));

        p = standing();
        p[dof(Dof::KneeFlexionL)] = 90;
        body = place(p, kH);
        const Part shank = left ? Part::ShankL : Part::ShankR;
        CHECK(body[shank].end.x < -0.2 * kH); // the foot behind the knee

        p = standing();
        p[dof(Dof::ShoulderAbductionL)] = 90;
        body = place(p, kH);
        const Part upper = left ? Part::UpperArmL : Part::UpperArmR;
        CHECK(body[upper].end.z * lateral > body[upper].origin.z * lateral + 0.18 * kH);
        CHECK(body[upper].end.y == Approx(body[upper].origin.y).margin(1e-9));

        // External rotation with the elbow at 90°: the forearm swings outward.
        p = standing();
        p[dof(Dof::ElbowFlexionL)] = 90;
        p[dof(Dof::ShoulderRotationL)] = 60;
        body = place(p, kH);
        const Part fore = left ? Part::ForearmL : Part::ForearmR;
        const Vec3 forearm = body[fore].end - body[fore].origin;
        CHECK(forearm.z * lateral > 0.1 * kH);
        CHECK(forearm.x > 0);

        // Hip abduction and the ankle's inversion (the sole turns inward).
        p = standing();
        p[dof(Dof::HipAbductionL)] = 30;
        p[dof(Dof::AnkleInversionL)] = 20;
        body = place(p, kH);
        CHECK((body[shank].end.z - body[thigh].origin.z) * lateral > 0.2 * kH);
        const Part foot = left ? Part::FootL : Part::FootR;
        const Vec3 sole = body[foot].axes * Vec3{0, -1, 0};
        // Relative to the leg, the sole faces the midline.
        const Vec3 legSide = body[shank].axes * Vec3{0, 0, lateral};
        CHECK(dot(sole, legSide) < -0.3);

        // Dorsiflexion lifts the toes; elevation lifts the shoulder; protraction moves it
        // forward; pronation turns the palm backward.
        p = standing();
        p[dof(Dof::AnkleDorsiflexionL)] = 15;
        p[dof(Dof::GirdleElevationL)] = 20;
        p[dof(Dof::GirdleProtractionL)] = 15;
        p[dof(Dof::ForearmPronationL)] = 80;
        body = place(p, kH);
        const std::size_t k = left ? 0 : 1;
        CHECK(body.landmarks.toeTip[k].y > 0.04); // metres
        CHECK(body[upper].origin.y > 0.818 * kH + 0.01);
        CHECK(body[upper].origin.x > 0.01);
        const Part hand = left ? Part::HandL : Part::HandR;
        const Vec3 palm = body[hand].axes * Vec3{0, 0, lateral * -1.0}; // palm faces medially at 0
        CHECK(palm.x < -0.9);
    }
}

TEST_CASE("mannequin: the spine bends, turns and nods; the placement lays the body down",
          "[mannequin]") {
    Posture p = standing();
    p[Dof::LumbarFlexion] = 30;
    p[Dof::ThoracicFlexion] = 30;
    auto body = place(p, kH);
    CHECK(body.landmarks.headTop.x > 0.3); // bent forward
    p = standing();
    p[Dof::ThoracicLateral] = 20; // to the right
    CHECK(place(p, kH).landmarks.headTop.z > 0.1);
    p = standing();
    p[Dof::NeckRotation] = 60; // to the right: the face turns right
    body = place(p, kH);
    CHECK(body.landmarks.face.z > 0.8);
    p = standing();
    p[Dof::HeadFlexion] = 20; // a nod: the face looks down
    CHECK(place(p, kH).landmarks.face.y < -0.3);

    // Lying on the back (pitch +90): face up, head towards -x, resting on the floor.
    p = Posture{};
    p.pelvis.pitch = 90;
    p = restOnFloor(p, kH);
    body = place(p, kH);
    CHECK(body.landmarks.face.y == Approx(1.0));
    CHECK(body.landmarks.headTop.x < -0.45 * kH);
    CHECK(lowestPoint(body) == Approx(0.0).margin(1e-9));
    // On the front (pitch -90): face down; on the right side (roll +90): the right hip below.
    p.pelvis.pitch = -90;
    CHECK(place(p, kH).landmarks.face.y == Approx(-1.0));
    p = Posture{};
    p.pelvis.roll = 90;
    body = place(p, kH);
    CHECK(body[Part::ThighR].origin.y < body[Part::ThighL].origin.y - 0.15 * kH);
    // Yaw to the left: the face turns to -z.
    p = Posture{};
    p.pelvis.yaw = 90;
    CHECK(place(p, kH).landmarks.face.z == Approx(-1.0));
}

TEST_CASE("mannequin: the centre of mass, and balance over the feet", "[mannequin]") {
    auto body = place(standing(), kH);
    const Vec3 com = centreOfMass(body);
    // About 55–57 % of height in an upright adult (Winter).
    CHECK(com.y / kH > 0.53);
    CHECK(com.y / kH < 0.59);
    CHECK(std::abs(com.z) < 1e-9);
    auto balance = balanceOf(body);
    CHECK(balance.balanced);
    CHECK(balance.supports.size() == 4); // both feet, both toes

    // Leaning the whole body forward from the ankles by 20°: the centre of mass leaves the feet.
    Posture lean = standing();
    lean[Dof::AnkleDorsiflexionL] = 20;
    lean[Dof::AnkleDorsiflexionR] = 20;
    lean = restOnFloor(lean, kH);
    body = place(lean, kH);
    CHECK_FALSE(balanceOf(body).balanced);

    // Standing on the left leg, the right knee and hip bent: balanced only with the standing
    // foot brought under the body (hip adduction, the foot kept flat by eversion).
    auto onOneLeg = [](double adduction) {
        Posture one = standing();
        one[Dof::HipFlexionR] = 30;
        one[Dof::KneeFlexionR] = 90;
        one[Dof::HipAbductionL] = -adduction;
        one[Dof::AnkleInversionL] = -adduction;
        return place(restOnFloor(one, kH), kH);
    };
    balance = balanceOf(onOneLeg(0));
    CHECK(balance.supports.size() == 2); // the left foot and toes only
    CHECK_FALSE(balance.balanced);       // the weight is between the feet, over nothing
    const double under =
        std::asin(Proportions{}.hipJointSpacing / 2 / (0.245 + 0.246)) * 180 / M_PI;
    balance = balanceOf(onOneLeg(under));
    CHECK(balance.supports.size() == 2);
    CHECK(balance.balanced);
}

TEST_CASE("mannequin: limits name the joint, the couplings and the regions", "[mannequin]") {
    Posture p = standing();
    CHECK(limitProblems(p).empty());
    p[Dof::HipFlexionL] = 130;
    p[Dof::KneeFlexionL] = 100;
    auto problems = limitProblems(p);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("hip-l flexion 130") == 0);
    // 100° of hip flexion is in range, but not with the knee straight.
    p = standing();
    p[Dof::HipFlexionR] = 100;
    problems = limitProblems(p);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("hip-r flexion with the knee straight") == 0);
    // Each lumbar and thoracic angle in range, their sum not.
    p = standing();
    p[Dof::LumbarFlexion] = 50;
    p[Dof::ThoracicFlexion] = 40;
    problems = limitProblems(p);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("trunk flexion 90") == 0);
    // The animation's design limit: 80 % of each range.
    p = standing();
    p[Dof::KneeFlexionR] = 120;
    CHECK(limitProblems(p).empty());
    CHECK(limitProblems(p, 0.8).size() == 1);
}

TEST_CASE("mannequin: names parse back; a mirrored posture is the mirror image", "[mannequin]") {
    for (std::size_t i = 0; i < kDofCount; ++i) {
        const auto dof = static_cast<Dof>(i);
        CHECK(parseDof(jointOf(dof), movementOf(dof)) == dof);
        CHECK(mirror(mirror(dof)) == dof);
    }
    CHECK(dofName(Dof::AnkleInversionR) == "ankle-r inversion");
    CHECK_FALSE(parseDof("hip", "flexion"));

    Posture p = standing();
    p[Dof::ShoulderFlexionL] = 70;
    p[Dof::ShoulderRotationL] = 30;
    p[Dof::ElbowFlexionL] = 40;
    p[Dof::HipAbductionR] = 20;
    p[Dof::ThoracicRotation] = 25;
    p[Dof::NeckLateral] = 15;
    p.pelvis.yaw = 20;
    p.pelvis.roll = 10;
    const auto a = place(p, kH);
    const auto b = place(mirror(p), kH);
    for (std::size_t i = 0; i < kPartCount; ++i) {
        const auto part = static_cast<Part>(i);
        const Vec3 x = a[part].end;
        const Vec3 y = b[mirror(part)].end;
        CHECK(x.x == Approx(y.x).margin(1e-9));
        CHECK(x.y == Approx(y.y).margin(1e-9));
        CHECK(x.z == Approx(-y.z).margin(1e-9));
    }
}

TEST_CASE("mannequin: minimum-jerk motion starts and ends still, half-way at half time",
          "[mannequin]") {
    CHECK(minimumJerk(0.0) == 0.0);
    CHECK(minimumJerk(1.0) == 1.0);
    CHECK(minimumJerk(0.5) == Approx(0.5));
    const double e = 1e-4;
    CHECK(minimumJerk(e) / e < 1e-6);               // no speed at the start
    CHECK((1.0 - minimumJerk(1.0 - e)) / e < 1e-6); // nor at the end
    CHECK((minimumJerk(0.5 + e) - minimumJerk(0.5 - e)) / (2 * e) == Approx(1.875)); // peak
    Posture a = standing();
    Posture b = standing();
    b[Dof::KneeFlexionL] = 90;
    b.pelvis.position.y -= 0.1;
    const Posture mid = between(a, b, 0.5);
    CHECK(mid[Dof::KneeFlexionL] == Approx(45));
    CHECK(mid.pelvis.position.y == Approx(0.530 * kH - 0.05));
    CHECK(between(a, b, 0.1)[Dof::KneeFlexionL] < 9.0); // slow start
}

TEST_CASE("mannequin: the convex hull keeps the corners, counter-clockwise", "[mannequin]") {
    const auto hull = convexHull({{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 0}});
    REQUIRE(hull.size() == 4); // the inner point and the one on an edge are left out
    CHECK(hull[0].x == 0.0);
    CHECK(hull[0].y == 0.0);
    CHECK(hull[1].x == 2.0); // counter-clockwise: along the bottom first
    CHECK(hull[1].y == 0.0);
    CHECK(convexHull({{1, 1}, {0, 0}}).size() == 2);
}

TEST_CASE("mannequin: the shoulder's angles that point the arm where asked",
          "[core][mannequin][shoulder]") {
    // Forward kinematics of the angles found points the upper arm along the direction asked,
    // within 1°, for thoraxes turned every way: upright, bent forward 65° (the pendulum), bent
    // sideways and turned, lying on the back, and with the spine's own joints flexed.
    std::vector<Posture> thoraxes;
    thoraxes.push_back(standingPosture());
    Posture stooped = standingPosture();
    stooped.pelvis.pitch = -65.0;
    thoraxes.push_back(stooped);
    Posture twisted = standingPosture();
    twisted.pelvis.yaw = 30.0;
    twisted[Dof::LumbarLateral] = 15.0;
    twisted[Dof::ThoracicRotation] = 25.0;
    twisted[Dof::ThoracicFlexion] = 20.0;
    thoraxes.push_back(twisted);
    Posture lying = standingPosture();
    lying.pelvis.pitch = 90.0;
    lying.pelvis.roll = 10.0;
    thoraxes.push_back(lying);
    Posture bent = stooped;
    bent[Dof::LumbarFlexion] = 20.0;
    bent.pelvis.pitch = -45.0; // 65° forward in all, part of it in the spine
    thoraxes.push_back(bent);
    const std::vector<Vec3> directions = {{0, -1, 0},      {0.3, -1, 0},   {-0.3, -1, 0.2},
                                          {0.2, -1, -0.3}, {1, -0.2, 0.1}, {0.4, -0.8, 0.5}};
    for (std::size_t t = 0; t < thoraxes.size(); ++t) {
        for (const bool left : {true, false}) {
            for (const Vec3 wanted : directions) {
                Posture p = thoraxes[t];
                p[left ? Dof::ShoulderRotationL : Dof::ShoulderRotationR] = 20.0; // kept
                const Posture aimed = withArmAlong(p, left, wanted);
                const auto body = place(aimed);
                const auto& arm = body[left ? Part::UpperArmL : Part::UpperArmR];
                const Vec3 got = arm.end - arm.origin;
                const double cosine = dot(got, wanted) / (length(got) * length(wanted));
                const double off = std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / 3.14159265;
                INFO("thorax " << t << (left ? " left" : " right") << " towards " << wanted.x
                               << ", " << wanted.y << ", " << wanted.z);
                CHECK(off < 1.0);
                CHECK(aimed[left ? Dof::ShoulderRotationL : Dof::ShoulderRotationR] == 20.0);
            }
        }
    }
    // Hanging straight down from a trunk bent forward 65°: flexion 65, no abduction.
    const auto aim = shoulderAimFor(thoraxAxes(stooped), true, {0, -1, 0});
    CHECK(aim.flexion == Approx(65.0));
    CHECK(aim.abduction == Approx(0.0).margin(1e-9));
}
