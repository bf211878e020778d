// The figure's scene (core/Scene): settling on contacts and props, motion between key poses,
// mirroring, and the checks that name the joint or part at fault.
#include "core/Scene.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace motus::core;

namespace {

Prop chair() {
    Prop p;
    p.id = "chair";
    p.kind = PropKind::Chair;
    return p;
}

KeyPose key(std::string id, const Posture& posture, std::vector<Contact> contacts) {
    KeyPose k;
    k.id = std::move(id);
    k.posture = posture;
    k.contacts = std::move(contacts);
    k.line = 7;
    return k;
}

Posture sitting() {
    Posture p = standingPosture();
    for (const Dof d : {Dof::HipFlexionL, Dof::HipFlexionR, Dof::KneeFlexionL, Dof::KneeFlexionR}) {
        p[d] = 90.0;
    }
    return p;
}

bool mentions(const std::vector<SceneProblem>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const SceneProblem& p) {
        return p.message.find(text) != std::string::npos;
    });
}

double lowestOf(const Mannequin& body, Part part) {
    double low = 1e9;
    for (const auto& p : surfacePoints(body)) {
        if (p.part == part) {
            low = std::min(low, p.at.y);
        }
    }
    return low;
}

} // namespace

TEST_CASE("scene: the figure settles on the floor and on a chair's seat", "[scene]") {
    Scene scene;
    const Posture standing = settle(scene, standingPosture(), {{Part::FootL, ""}});
    CHECK(lowestPoint(place(standing)) == Approx(0.0).margin(1e-9));
    scene.props.push_back(chair());
    const Posture seated = settle(scene, sitting(), {{Part::ThighL, "chair"}, {Part::FootL, ""}});
    // The thigh rests on the seat's top, 0.45 m up; nothing is below the floor.
    CHECK(lowestOf(place(seated), Part::ThighL) == Approx(0.45).margin(1e-6));
    CHECK(lowestPoint(place(seated)) >= -1e-9);
    CHECK(supportBelow(scene, {0.0, 0.46, 0.0}) == Approx(0.45));
    CHECK(supportBelow(scene, {1.0, 0.46, 0.0}) == Approx(0.0)); // beside the chair: the floor
}

TEST_CASE("scene: a contact on a wall moves the body to touch it", "[scene]") {
    Scene scene;
    Prop wall;
    wall.id = "wall";
    wall.kind = PropKind::Wall;
    wall.at = {-0.50, 0.0, 0.0}; // behind
    scene.props.push_back(wall);
    const Posture against =
        settle(scene, standingPosture(), {{Part::FootL, ""}, {Part::Thorax, "wall"}});
    const auto body = place(against);
    // The back of the thorax at the wall's face (0.45 m behind the origin).
    double back = 1e9;
    for (const auto& p : surfacePoints(body)) {
        if (p.part == Part::Thorax) {
            back = std::min(back, p.at.x);
        }
    }
    CHECK(back == Approx(-0.45).margin(1e-6));
}

TEST_CASE("scene: checks name the joint or part that causes the problem", "[scene]") {
    Scene scene;
    // +130 on a hip: its range, named once, not errors about other parts.
    Posture wrong = standingPosture();
    wrong[Dof::HipFlexionL] = 130.0;
    wrong[Dof::KneeFlexionL] = 90.0;
    scene.poses = {key("start", standingPosture(), {{Part::FootL, ""}, {Part::FootR, ""}}),
                   key("lift", wrong, {{Part::FootR, ""}})};
    auto problems = checkScene(scene, {{0, 1}, {1, 0}});
    REQUIRE(mentions(problems, "pose 'lift': hip-l flexion 130° is beyond its range -30..120°"));
    for (const auto& p : problems) {
        CHECK(p.message.find("head") == std::string::npos);
    }

    // A contact held off the floor by another part: both named.
    Posture kneel = standingPosture();
    kneel[Dof::KneeFlexionL] = 90.0; // the left shank behind, the foot up
    scene.poses = {key("start", standingPosture(), {{Part::FootL, ""}, {Part::FootR, ""}}),
                   key("bent", kneel, {{Part::FootL, ""}, {Part::FootR, ""}})};
    problems = checkScene(scene, {{0, 1}, {1, 0}});
    CHECK(mentions(problems, "pose 'bent': foot-l should rest on the floor but is"));

    // A shank through the chair's seat.
    scene.props = {chair()};
    Posture through = standingPosture();
    through.pelvis.position.x = 0.0;
    scene.poses = {key("start", through, {{Part::FootL, ""}, {Part::FootR, ""}}),
                   key("same", through, {{Part::FootL, ""}, {Part::FootR, ""}})};
    problems = checkScene(scene, {{0, 1}});
    CHECK(mentions(problems, "into the chair"));

    // Standing on one leg with the body not over it: it would fall.
    scene.props.clear();
    Posture oneLeg = standingPosture();
    oneLeg[Dof::HipFlexionR] = 60.0;
    oneLeg[Dof::KneeFlexionR] = 90.0;
    scene.poses = {key("start", oneLeg, {{Part::FootL, ""}}),
                   key("same", oneLeg, {{Part::FootL, ""}})};
    problems = checkScene(scene, {{0, 1}});
    CHECK(mentions(problems, "pose 'start': would fall"));
    // With the standing foot under the body (the hip adducted), it stands.
    oneLeg[Dof::HipAbductionL] = -11.0;
    oneLeg[Dof::HipAbductionR] = 11.0;
    scene.poses = {key("start", oneLeg, {{Part::FootL, ""}}),
                   key("same", oneLeg, {{Part::FootL, ""}})};
    CHECK_FALSE(mentions(checkScene(scene, {{0, 1}}), "would fall"));
}

TEST_CASE("scene: between key poses the shared contact stays put, minimum-jerk", "[scene]") {
    Scene scene;
    Posture squat = standingPosture();
    for (const Dof d : {Dof::HipFlexionL, Dof::HipFlexionR}) {
        squat[d] = 70.0;
    }
    for (const Dof d : {Dof::KneeFlexionL, Dof::KneeFlexionR}) {
        squat[d] = 80.0;
    }
    for (const Dof d : {Dof::AnkleDorsiflexionL, Dof::AnkleDorsiflexionR}) {
        squat[d] = 15.0;
    }
    scene.poses = {key("start", standingPosture(), {{Part::FootL, ""}, {Part::FootR, ""}}),
                   key("down", squat, {{Part::FootL, ""}, {Part::FootR, ""}})};
    const SceneMotion motion(scene);
    const auto foot = [](const Posture& p) {
        const auto body = place(p);
        return (body[Part::FootL].origin + body[Part::FootL].end) * 0.5;
    };
    const Vec3 start = foot(motion.key(0));
    const Vec3 end = foot(motion.key(1));
    for (const double s : {0.25, 0.5, 0.75}) {
        const Vec3 at = foot(motion.between(0, 1, s));
        const Vec3 want = start + (end - start) * minimumJerk(s);
        CHECK(length(at - want) < 1e-4); // the anchor is held to a tenth of a millimetre
        // The same as the uncached path.
        const Posture slow = sceneBetween(scene, 0, 1, s);
        CHECK(length(slow.pelvis.position - motion.between(0, 1, s).pelvis.position) < 1e-9);
    }
    // Half-way in time is half-way in the angles (minimum-jerk is symmetric).
    CHECK(motion.between(0, 1, 0.5)[Dof::KneeFlexionL] == Approx(40.0));
    CHECK(motion.between(0, 1, 0.1)[Dof::KneeFlexionL] < 80.0 * 0.1); // slow at the start
}

TEST_CASE("scene: the mirrored scene works the other side", "[scene]") {
    Scene scene;
    Prop band;
    band.id = "band";
    band.kind = PropKind::Band;
    band.at = {0.8, 1.0, -0.3};
    band.held = {Part::HandL};
    scene.props.push_back(band);
    scene.cameras = {{30.0, 15.0}};
    Posture p = standingPosture();
    p[Dof::ShoulderFlexionL] = 60.0;
    scene.poses = {key("start", p, {{Part::FootL, ""}})};
    const Scene other = mirror(scene);
    CHECK(other.poses[0].posture[Dof::ShoulderFlexionR] == 60.0);
    CHECK(other.poses[0].posture[Dof::ShoulderFlexionL] == 0.0);
    CHECK(other.poses[0].contacts[0].part == Part::FootR);
    CHECK(other.props[0].at.z == Approx(0.3));
    CHECK(other.props[0].held[0] == Part::HandR);
    CHECK(other.cameras[0].azimuth == Approx(150.0));
    // The band runs from its anchor to the hand that holds it, stretched as the hand moves.
    const auto body = place(settledPose(scene, 0));
    const auto lines = bandOf(scene.props[0], body, 0.5);
    REQUIRE(lines.size() == 1);
    CHECK(length(lines[0].anchor - band.at) < 1e-12);
    CHECK(lines[0].stretch == Approx(length(lines[0].hand - band.at) / 0.5));
}

TEST_CASE("scene: boxes know inside from outside, turned like the pelvis", "[scene]") {
    Box box{{1.0, 0.5, 0.0}, {0.5, 0.5, 0.1}, 90.0};
    // Turned by 90° (to the left, like the pelvis's yaw), its long side runs along Z.
    CHECK(box.contains({1.0, 0.5, 0.4}));
    CHECK_FALSE(box.contains({1.4, 0.5, 0.0}));
    CHECK(box.depthOf({1.0, 1.2, 0.0}) == Approx(-0.2));
    // A chair has a seat, a backrest and four legs; a band has no solid.
    CHECK(solidsOf(chair()).size() == 6);
    Prop band;
    band.kind = PropKind::Band;
    CHECK(solidsOf(band).empty());
    CHECK(parsePropKind("step") == PropKind::Step);
    CHECK_FALSE(parsePropKind("sofa"));
}

TEST_CASE("scene: a swinging arm hangs straight down in the key poses and is mirrored",
          "[scene][swing]") {
    Scene scene;
    scene.swings.push_back({Part::UpperArmL, 7});
    KeyPose pose;
    pose.id = "stoop";
    pose.posture = standingPosture();
    pose.posture.pelvis.pitch = -50.0;
    pose.posture[Dof::ShoulderFlexionL] = 90.0; // as written: ignored for a swinging arm
    pose.posture[Dof::ShoulderAbductionL] = 10.0;
    pose.posture[Dof::ShoulderFlexionR] = 90.0; // the other arm keeps its angles
    scene.poses.push_back(pose);
    hangSwingingArms(scene);
    const auto& hung = scene.poses.front().posture;
    CHECK(hung[Dof::ShoulderFlexionL] == Approx(50.0));
    CHECK(hung[Dof::ShoulderAbductionL] == Approx(0.0).margin(1e-9));
    CHECK(hung[Dof::ShoulderFlexionR] == 90.0);
    const auto body = place(hung);
    const Vec3 arm = body[Part::UpperArmL].end - body[Part::UpperArmL].origin;
    CHECK(arm.x == Approx(0.0).margin(1e-9));
    CHECK(arm.z == Approx(0.0).margin(1e-9));
    const Scene other = mirror(scene);
    REQUIRE(other.swings.size() == 1);
    CHECK(other.swings.front().arm == Part::UpperArmR);
    CHECK(other.swings.front().line == 7);
    CHECK(other.poses.front().posture[Dof::ShoulderFlexionR] == Approx(50.0));
}
