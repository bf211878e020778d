// Exercise format version 2 (docs/exercise-format.md): cameras, props, 3-D poses with base poses
// and contacts on props, the fault pose; its errors name the line, element and attribute; the
// bundled library passes the figure's checks on each side.
#include "content/ContentCheck.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/MannequinView.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace motus;

namespace {

std::string exercise(const std::string& movement, const std::string& extraText = "") {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<exercise id="x" format="2">
  <source licence="CC-BY-4.0">Test.</source>
  <text xml:lang="en"><name>X</name><summary>S.</summary><steps><step>Do.</step></steps>)" +
           extraText + R"(</text>
  <classification regions="hip" goals="strength" position="sitting" equipment="chair" level="1"/>
  <dose sets="1" reps="5" tempo="2" rest="30" side="each" per-day="1" per-week="3"/>
  <bounds sets="1-3" reps="5-10" hold="0-5" rest="30-60"/>
)" + movement +
           "</exercise>\n";
}

const std::string kSeated = R"(  <movement>
    <camera azimuth="30" elevation="15"/>
    <camera azimuth="90" elevation="80"/>
    <prop type="chair" x="-0.08" height="0.42"/>
    <pose id="start" hip-l.flexion="90" hip-r.flexion="90" knee-l.flexion="90"
          knee-r.flexion="90" contacts="thigh-l@chair thigh-r@chair foot-l foot-r"/>
    <pose id="up" base="start" knee-l.flexion="10"
          contacts="thigh-l@chair thigh-r@chair foot-r"/>
    <fault of="up" base="up" lumbar.flexion="30"/>
    <phase type="in" pose="up"/>
    <phase type="out" pose="start"/>
  </movement>
)";

std::vector<std::string> lines(const std::vector<core::Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) {
        out.push_back(d.str());
    }
    return out;
}

bool has(const std::vector<std::string>& all, const std::string& part) {
    return std::any_of(all.begin(), all.end(),
                       [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

} // namespace

TEST_CASE("format 2: cameras, props, base poses, contacts on props and the fault load",
          "[content][format2]") {
    const auto parsed =
        content::parseExercise(exercise(kSeated, "<fault>Slumping</fault>"), "x.xml");
    for (const auto& line : lines(parsed.diagnostics)) {
        UNSCOPED_INFO(line);
    }
    REQUIRE(parsed.exercise);
    const auto& ex = *parsed.exercise;
    CHECK(ex.formatVersion == 2);
    REQUIRE(ex.scene.cameras.size() == 2);
    CHECK(ex.scene.cameras[1].elevation == 80.0);
    REQUIRE(ex.scene.props.size() == 1);
    CHECK(ex.scene.props[0].kind == core::PropKind::Chair);
    CHECK(ex.scene.props[0].height == 0.42);
    REQUIRE(ex.scene.poses.size() == 2);
    REQUIRE(ex.poses.size() == 2); // the ids the phases name
    // The working pose is the start pose with one change.
    const auto& up = ex.scene.poses[1].posture;
    CHECK(up[core::Dof::KneeFlexionL] == 10.0);
    CHECK(up[core::Dof::KneeFlexionR] == 90.0);
    CHECK(up[core::Dof::HipFlexionL] == 90.0);
    REQUIRE(ex.scene.poses[0].contacts.size() == 4);
    REQUIRE(ex.scene.poses[1].contacts.size() == 3); // the lifted foot is off the floor
    CHECK(ex.scene.poses[1].contacts[0].prop == "chair");
    CHECK(ex.scene.poses[1].contacts[2].prop.empty());
    REQUIRE(ex.scene.fault);
    CHECK(ex.scene.faultOf == 1);
    CHECK((*ex.scene.fault).posture[core::Dof::LumbarFlexion] == 30.0);
    CHECK(ex.text("en").fault == "Slumping");
    // The seat carries the thighs, the feet are on the floor, the figure balances: no problem.
    const auto problems = core::checkScene(ex.scene, content::movementPath(ex));
    for (const auto& p : problems) {
        FAIL_CHECK(p.message);
    }
}

TEST_CASE("format 2: errors name the line, the element, the attribute and the joint",
          "[content][format2]") {
    auto errors = [](const std::string& movement) {
        return lines(content::parseExercise(exercise(movement), "x.xml").diagnostics);
    };
    std::string m = kSeated;
    m.replace(m.find("hip-l.flexion=\"90\""), 18, "hip-l.flexion=\"130\"");
    CHECK(has(errors(m), "x.xml:12: error: <pose> 'start': hip-l flexion 130° is beyond its range "
                         "-30..120°"));
    m = kSeated;
    m.replace(m.find("thigh-l@chair"), 13, "thigh-l@sofa");
    const auto sofa = errors(m);
    for (const auto& line : sofa) {
        UNSCOPED_INFO(line);
    }
    CHECK(has(sofa, "x.xml:13: error: <pose> attribute 'contacts': 'thigh-l@sofa': no prop "
                    "'sofa' is declared"));
    m = kSeated;
    m.replace(m.find("knee-l.flexion=\"10\""), 19, "knee-l.bend=\"10\"");
    CHECK(has(errors(m), "<pose>: unknown attribute 'knee-l.bend' (not a joint and movement"));
    m = kSeated;
    m.replace(m.find("<camera azimuth=\"30\" elevation=\"15\"/>"), 37, "");
    m.replace(m.find("<camera azimuth=\"90\" elevation=\"80\"/>"), 37, "");
    CHECK(has(errors(m), "<movement>: needs a <camera>"));
    m = kSeated;
    m.replace(m.find("type=\"chair\""), 12, "type=\"sofa\"");
    CHECK(has(errors(m), "<prop> attribute 'type': 'sofa' is not one of mat, chair, step"));
    m = kSeated;
    m.replace(m.find("base=\"start\""), 12, "base=\"later\"");
    CHECK(has(errors(m), "<pose> attribute 'base': unknown pose 'later'"));
    // Radians, where degrees are meant: warned about, not refused.
    m = kSeated;
    for (const char* from : {"hip-l.flexion=\"90\"", "hip-r.flexion=\"90\"",
                             "knee-l.flexion=\"90\"", "knee-r.flexion=\"90\""}) {
        m.replace(m.find(from), std::string(from).size(),
                  std::string(from).substr(0, std::string(from).find('"') + 1) + "1.57\"");
    }
    const auto parsed = content::parseExercise(exercise(m), "x.xml");
    CHECK(has(lines(parsed.diagnostics), "warning: <pose> 'start': every angle is under 3.2 and "
                                         "not whole: they look like radians"));
}

TEST_CASE("format 2: a pose's focus names the parts that work without moving",
          "[content][format2]") {
    std::string m = kSeated;
    const std::string up = "<pose id=\"up\" base=\"start\"";
    m.replace(m.find(up), up.size(), up + " focus=\"abdomen thigh-l\"");
    const auto parsed = content::parseExercise(exercise(m), "x.xml");
    for (const auto& line : lines(parsed.diagnostics)) {
        UNSCOPED_INFO(line);
    }
    REQUIRE(parsed.exercise);
    const auto& scene = parsed.exercise->scene;
    CHECK(scene.poses[0].focus.empty()); // each pose names its own
    CHECK(scene.poses[1].focus == std::vector<core::Part>{core::Part::Abdomen, core::Part::ThighL});
    // The right side's scene works the right thigh.
    CHECK(core::mirror(scene).poses[1].focus ==
          std::vector<core::Part>{core::Part::Abdomen, core::Part::ThighR});

    m.replace(m.find("abdomen thigh-l"), 15, "abdomen belly");
    CHECK(has(lines(content::parseExercise(exercise(m), "x.xml").diagnostics),
              "x.xml:14: error: <pose> attribute 'focus': 'belly' is not a part of the figure"));
}

TEST_CASE("format 1 files keep loading, mapped onto the 3-D figure", "[content][format2]") {
    const std::string v1 = R"(<?xml version="1.0" encoding="UTF-8"?>
<exercise id="x" format="1">
  <source licence="CC-BY-4.0">Test.</source>
  <text xml:lang="en"><name>X</name><summary>S.</summary><steps><step>Do.</step></steps></text>
  <classification regions="hip" goals="strength" position="supine" equipment="mat" level="1"/>
  <dose sets="1" reps="5" tempo="2" rest="30" side="both" per-day="1" per-week="3"/>
  <bounds sets="1-3" reps="5-10" hold="0-5" rest="30-60"/>
  <movement view="side">
    <pose id="start" orientation="-90" hip-l="50" knee-l="100" hip-r="50" knee-r="100"
          contacts="head thorax pelvis"/>
    <pose id="up" orientation="-90" hip-l="50" knee-l="100" hip-r="50" knee-r="100"
          shoulder-l="90" contacts="head thorax pelvis"/>
    <phase type="in" pose="up"/>
    <phase type="out" pose="start"/>
  </movement>
</exercise>
)";
    const auto parsed = content::parseExercise(v1, "x.xml");
    for (const auto& line : lines(parsed.diagnostics)) {
        UNSCOPED_INFO(line);
    }
    REQUIRE(parsed.exercise);
    const auto& ex = *parsed.exercise;
    CHECK(ex.formatVersion == 1);
    REQUIRE(ex.scene.poses.size() == 2);
    REQUIRE(ex.scene.cameras.size() == 1);
    CHECK(ex.scene.cameras[0].azimuth == core::cameraFor(core::View::Side).azimuth);
    // Side-view angles become flexion; the orientation the pelvis's pitch (on the back).
    CHECK(ex.scene.poses[0].posture[core::Dof::HipFlexionL] == 50.0);
    CHECK(ex.scene.poses[0].posture[core::Dof::KneeFlexionR] == 100.0);
    CHECK(ex.scene.poses[0].posture.pelvis.pitch == 90.0);
    CHECK(ex.scene.poses[1].contacts.size() == 3);
    CHECK(ex.scene.poses[1].posture[core::Dof::ShoulderFlexionL] == 90.0);
    CHECK(ex.scene.poses[1].contacts[0].part == core::Part::Head);
    // The mat its equipment names.
    REQUIRE(ex.scene.props.size() == 1);
    CHECK(ex.scene.props[0].kind == core::PropKind::Mat);
}

TEST_CASE("every bundled exercise is format 2 and passes the figure's checks on each side",
          "[content][bundled][format2]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    REQUIRE(load.library.size() >= 40);
    for (const auto& ex : load.library.all()) {
        INFO(ex.id);
        CHECK(ex.formatVersion == 2);
        REQUIRE(ex.scene.poses.size() == ex.poses.size());
        CHECK_FALSE(ex.scene.cameras.empty());
        const auto path = content::movementPath(ex);
        for (const auto& scene : {ex.scene, core::mirror(ex.scene)}) {
            for (const auto& problem : core::checkScene(scene, path)) {
                FAIL_CHECK(problem.message);
            }
        }
        // The start and the working pose differ, or the working pose names the part that
        // works without moving (the drawing-in: focus="abdomen").
        if (!path.empty()) {
            const auto a = core::place(core::settledPose(ex.scene, path.front().first));
            const auto b = core::place(core::settledPose(ex.scene, path.front().second));
            // Something moves by more than a centimetre and a half: a part's end or the nose.
            double moved = core::length(a.landmarks.nose - b.landmarks.nose);
            for (std::size_t i = 0; i < core::kPartCount; ++i) {
                moved = std::max(moved, core::length(a.parts[i].end - b.parts[i].end));
            }
            const bool focused = !ex.scene.poses[path.front().second].focus.empty();
            CHECK((moved > 0.015 || focused));
        }
    }
}

TEST_CASE("format 2: a swinging arm hangs in the key poses; bad limbs are named",
          "[content][format2][swing]") {
    auto withSwing = [](const std::string& swings) {
        std::string m = kSeated;
        const std::string prop = "<prop type=\"chair\" x=\"-0.08\" height=\"0.42\"/>\n";
        m.insert(m.find(prop) + prop.size(), swings);
        // The fault lifts the swinging arm: kept as written.
        m.replace(m.find("lumbar.flexion=\"30\""), 19, "shoulder-l.flexion=\"40\"");
        return m;
    };
    const auto parsed =
        content::parseExercise(exercise(withSwing("    <swing limb=\"arm-l\"/>\n")), "x.xml");
    for (const auto& line : lines(parsed.diagnostics)) {
        UNSCOPED_INFO(line);
    }
    REQUIRE(parsed.exercise);
    const auto& scene = parsed.exercise->scene;
    REQUIRE(scene.swings.size() == 1);
    CHECK(scene.swings[0].arm == core::Part::UpperArmL);
    CHECK(scene.swings[0].line == 12);
    // Sitting upright, the swinging arm hangs straight down whatever the poses say.
    CHECK(scene.poses[0].posture[core::Dof::ShoulderFlexionL] == Approx(0.0).margin(1e-9));
    REQUIRE(scene.fault);
    CHECK(scene.fault->posture[core::Dof::ShoulderFlexionL] == 40.0);
    CHECK(core::mirror(scene).swings[0].arm == core::Part::UpperArmR);

    auto errors = [&](const std::string& swings) {
        return lines(content::parseExercise(exercise(withSwing(swings)), "x.xml").diagnostics);
    };
    CHECK(has(errors("    <swing limb=\"leg-l\"/>\n"),
              "x.xml:12: error: <swing> attribute 'limb': 'leg-l' is not one of arm-l, arm-r"));
    CHECK(has(errors("    <swing limb=\"arm-r\"/>\n    <swing limb=\"arm-r\"/>\n"),
              "x.xml:13: error: <swing> attribute 'limb': 'arm-r' swings already (line 12)"));
    CHECK(has(errors("    <swing/>\n"),
              "x.xml:12: error: <swing>: missing required attribute 'limb'"));
    CHECK(has(errors("    <swing limb=\"arm-l\" speed=\"2\"/>\n"),
              "x.xml:12: error: <swing>: unknown attribute 'speed'"));
}

TEST_CASE("format 2: a weight is held in one hand or strapped to one ankle, and mirrored",
          "[content][format2]") {
    std::string m = kSeated;
    m.replace(
        m.find("    <pose id=\"start\""), 0,
        "    <prop type=\"weight\" ankle=\"left\"/>\n    <prop type=\"weight\" id=\"dumbbell\" "
        "hand=\"right\"/>\n");
    const auto parsed = content::parseExercise(exercise(m), "x.xml");
    for (const auto& line : lines(parsed.diagnostics)) {
        UNSCOPED_INFO(line);
    }
    REQUIRE(parsed.exercise);
    const auto& scene = parsed.exercise->scene;
    const auto* cuff = scene.prop("weight");
    const auto* dumbbell = scene.prop("dumbbell");
    REQUIRE(cuff != nullptr);
    REQUIRE(dumbbell != nullptr);
    CHECK(cuff->held == std::vector<core::Part>{core::Part::ShankL});
    CHECK(dumbbell->held == std::vector<core::Part>{core::Part::HandR});
    // Drawn where it is held: the cuff round the shank just above the ankle, the dumbbell
    // across the palm; neither is a solid the body rests on.
    const auto body = core::place(core::settledPose(scene, 0, 1.70), 1.70);
    const auto cuffShapes = core::weightOf(*cuff, body);
    REQUIRE(cuffShapes.size() == 1);
    const core::Vec3 ankle = body[core::Part::ShankL].end;
    CHECK(core::length(cuffShapes[0].b - ankle) < 0.08);
    CHECK(cuffShapes[0].radius > core::partRadius(core::Part::ShankL) * 1.70);
    const auto dumbbellShapes = core::weightOf(*dumbbell, body);
    REQUIRE(dumbbellShapes.size() == 3);
    const core::Vec3 palm = (body[core::Part::HandR].origin + body[core::Part::HandR].end) * 0.5;
    CHECK(core::length((dumbbellShapes[0].a + dumbbellShapes[0].b) * 0.5 - palm) < 0.03);
    CHECK(core::solidsOf(*cuff).empty());
    // The other side's scene moves both to the other limb.
    const auto mirrored = core::mirror(scene);
    CHECK(mirrored.prop("weight")->held == std::vector<core::Part>{core::Part::ShankR});
    CHECK(mirrored.prop("dumbbell")->held == std::vector<core::Part>{core::Part::HandL});

    auto errors = [&](const std::string& prop) {
        std::string bad = kSeated;
        bad.replace(bad.find("    <pose id=\"start\""), 0, "    " + prop + "\n");
        return lines(content::parseExercise(exercise(bad), "x.xml").diagnostics);
    };
    CHECK(errors(R"(<prop type="weight"/>)") ==
          std::vector<std::string>{"x.xml:12: error: <prop type=\"weight\">: needs 'hand' (a "
                                   "dumbbell) or 'ankle' (a cuff weight)"});
    CHECK(has(errors(R"(<prop type="weight" ankle="middle"/>)"),
              "x.xml:12: error: <prop> attribute 'ankle': 'middle' is not one of left, right"));
    CHECK(has(errors(R"(<prop type="weight" hand="left" ankle="left"/>)"),
              "<prop> attribute 'ankle': a weight is in one hand or at one ankle"));
    CHECK(has(errors(R"(<prop type="chair" id="c2" hand="left"/>)"),
              "<prop> attribute 'hand': places a weight only"));
    // A band tied round a forefoot.
    CHECK(errors(R"(<prop type="band" foot="left" x="0.9" y="0.05"/>)").empty());
    CHECK(has(errors(R"(<prop type="band" foot="left" hands="right"/>)"),
              "<prop> attribute 'foot': a band is held in the hands or tied to one foot"));
    CHECK(has(errors(R"(<prop type="band"/>)"),
              "missing required attribute 'hands' (the hand that holds it) or 'foot'"));
}

TEST_CASE("the source says whether the dose is the source's; variants may say why there are "
          "none",
          "[content][format2]") {
    auto parse = [](const std::string& source, const std::string& variants) {
        std::string text = exercise(kSeated);
        text.replace(text.find("<source licence=\"CC-BY-4.0\">"), 28, source);
        if (!variants.empty()) {
            text.replace(text.find("  <movement>"), 0, "  " + variants + "\n");
        }
        return content::parseExercise(text, "x.xml");
    };
    const auto convention = parse(R"(<source licence="CC-BY-4.0" dose-basis="convention">)",
                                  R"(<variants none="A stretch: held longer, not changed."/>)");
    REQUIRE(convention.exercise);
    CHECK(convention.exercise->doseFromConvention);
    CHECK(convention.exercise->noVariantReason == "A stretch: held longer, not changed.");
    const auto source = parse(R"(<source licence="CC-BY-4.0" dose-basis="source">)", "");
    REQUIRE(source.exercise);
    CHECK_FALSE(source.exercise->doseFromConvention);
    CHECK(lines(parse(R"(<source licence="CC-BY-4.0" dose-basis="guess">)", "").diagnostics) ==
          std::vector<std::string>{"x.xml:3: error: <source> attribute 'dose-basis': 'guess' is "
                                   "not one of source, convention"});
    CHECK(has(
        lines(parse(R"(<source licence="CC-BY-4.0">)", R"(<variants none="Why." progression="y"/>)")
                  .diagnostics),
        "<variants> attribute 'none': says there is no variant, but the element names one"));
    CHECK(
        has(lines(parse(R"(<source licence="CC-BY-4.0">)", R"(<variants none=" "/>)").diagnostics),
            "<variants> attribute 'none': is empty: say why there is no variant"));
}
