// The handout and the report of scripted patients (service::Practice on a journal in memory, the
// clock set by the test, the bundled library), parsed as XML with tinyxml2: well-formed, with
// the sections, figures and charts the issue asks for, and nothing from a file able to open an
// element.
#include "content/ExerciseLoader.hpp"
#include "core/DateWords.hpp"
#include "core/LocalTime.hpp"
#include "core/MannequinView.hpp"
#include "core/MemoryJournal.hpp"
#include "document/Chart.hpp"
#include "document/Handout.hpp"
#include "document/Html.hpp"
#include "document/PoseSvg.hpp"
#include "document/Report.hpp"
#include "service/Practice.hpp"

#include <catch2/catch.hpp>
#include <tinyxml2.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>

using namespace motus;
using core::Date;
using tinyxml2::XMLElement;

namespace {

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
Date plus(Date d, long n) {
    return Date(std::chrono::sys_days(d) + std::chrono::days(n));
}

const std::filesystem::path kLibrary = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
std::filesystem::path bundled(const std::string& id) {
    return kLibrary / "programs" / (id + ".xml");
}

struct Patient {
    Date today = day(2026, 11, 2);
    std::unique_ptr<service::Practice> practice;

    Patient() {
        practice = std::make_unique<service::Practice>(
            service::PracticeOptions{kLibrary, {}, std::make_unique<core::MemoryJournal>(), [this] {
                                         return core::stampOn(today);
                                     }});
    }
    service::Practice* operator->() { return practice.get(); }

    void doRoutine(int pain, int effort, std::optional<core::LegChange> leg = std::nullopt,
                   const std::string& legExercise = {}) {
        for (const auto& item : practice->todayView().items) {
            service::LogRequest r;
            r.exercise = item.prescription.exercise;
            r.pain = pain;
            r.effort = effort;
            if (leg && r.exercise.rfind(legExercise, 0) == 0) { // any variant of it
                r.leg = leg;
            }
            (void)practice->log(r);
        }
    }
    void morning(int pain, std::vector<core::RedFlag> flags = {}) {
        core::CheckIn c;
        c.at = core::stampOn(today);
        c.morningPain = pain;
        c.redFlags = std::move(flags);
        (void)practice->checkIn(c);
    }
    // Three weeks: green days, one missed day, one red day, a leg that gets worse.
    void threeWeeks() {
        (void)practice->assign(bundled("low-back-motor-control"), today, false);
        for (int d = 0; d < 21; ++d) {
            morning(d % 3 == 0 ? 2 : 1);
            if (d == 5) {
                today = plus(today, 1);
                continue;
            }
            if (d == 17) {
                doRoutine(2, 5, core::LegChange::Worse, "bird-dog");
            } else {
                doRoutine(d == 9 ? 7 : 2, 4);
            }
            today = plus(today, 1);
        }
    }
};

struct Parsed {
    tinyxml2::XMLDocument doc;
    explicit Parsed(const std::string& html) {
        REQUIRE(html.rfind("<!DOCTYPE html>\n", 0) == 0);
        const auto error = doc.Parse(html.c_str());
        INFO(doc.ErrorStr());
        REQUIRE(error == tinyxml2::XML_SUCCESS);
    }
    [[nodiscard]] const XMLElement* html() const { return doc.RootElement(); }
    [[nodiscard]] const XMLElement* body() const { return html()->FirstChildElement("body"); }
};

// `root` and everything inside it (not its siblings).
void walk(const XMLElement* root, const std::function<void(const XMLElement*)>& f) {
    f(root);
    for (const auto* e = root->FirstChildElement(); e != nullptr; e = e->NextSiblingElement()) {
        walk(e, f);
    }
}

std::vector<const XMLElement*> all(const XMLElement* root, std::string_view name,
                                   std::string_view cls = {}) {
    std::vector<const XMLElement*> out;
    walk(root, [&](const XMLElement* e) {
        if (name == e->Name() &&
            (cls.empty() || (e->Attribute("class") != nullptr && cls == e->Attribute("class")))) {
            out.push_back(e);
        }
    });
    return out;
}

const XMLElement* byId(const XMLElement* root, std::string_view id) {
    const XMLElement* found = nullptr;
    walk(root, [&](const XMLElement* e) {
        if (found == nullptr && e->Attribute("id") != nullptr && id == e->Attribute("id")) {
            found = e;
        }
    });
    return found;
}

std::string textOf(const XMLElement* e) {
    std::string out;
    for (const auto* n = e->FirstChild(); n != nullptr; n = n->NextSibling()) {
        if (const auto* t = n->ToText()) {
            out += t->Value();
        } else if (const auto* c = n->ToElement()) {
            out += textOf(c);
        }
    }
    return out;
}

// The <section> children of <body>, by id, in order.
std::vector<std::string> sectionIds(const Parsed& p) {
    std::vector<std::string> ids;
    for (const auto* e = p.body()->FirstChildElement("section"); e != nullptr;
         e = e->NextSiblingElement("section")) {
        ids.emplace_back(e->Attribute("id") ? e->Attribute("id") : "");
    }
    return ids;
}

void checkFrame(const Parsed& p, const char* lang) {
    REQUIRE(std::string(p.html()->Name()) == "html");
    CHECK(std::string(p.html()->Attribute("lang")) == lang);
    const auto* head = p.html()->FirstChildElement("head");
    REQUIRE(head != nullptr);
    REQUIRE(head->FirstChildElement("meta") != nullptr);
    CHECK(std::string(head->FirstChildElement("meta")->Attribute("charset")) == "utf-8");
    CHECK(head->FirstChildElement("title") != nullptr);
    // Self-contained: no script, no external file.
    CHECK(all(p.html(), "script").empty());
    CHECK(all(p.html(), "link").empty());
    CHECK(all(p.html(), "img").empty());
}

// Every <text> of an SVG with its box as the chart's layout estimates it (its own words, not
// those of a <title> inside it).
struct Label {
    std::string words;
    document::TextBox box;
};
std::vector<Label> labelsOf(const XMLElement* svg) {
    std::vector<Label> out;
    for (const auto* t : all(svg, "text")) {
        std::string words;
        for (const auto* n = t->FirstChild(); n != nullptr; n = n->NextSibling()) {
            if (const auto* w = n->ToText()) {
                words += w->Value();
            }
        }
        const char* anchor = t->Attribute("text-anchor");
        const bool bold = t->Attribute("font-weight") != nullptr &&
                          std::string_view(t->Attribute("font-weight")) == "bold";
        out.push_back({words, document::textBox(t->DoubleAttribute("x"), t->DoubleAttribute("y"),
                                                anchor != nullptr ? anchor : "start", words,
                                                t->DoubleAttribute("font-size", 9), bold)});
    }
    return out;
}

// No two texts of the chart overlap and every one is inside it.
void checkReadable(const XMLElement* svg) {
    const std::string title = svg->FirstChildElement("title")->GetText();
    INFO(title);
    const double width = svg->DoubleAttribute("width");
    const double height = svg->DoubleAttribute("height");
    const auto labels = labelsOf(svg);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto& a = labels[i];
        INFO(a.words);
        CHECK(a.box.left >= 0);
        CHECK(a.box.right <= width);
        CHECK(a.box.top >= 0);
        CHECK(a.box.bottom <= height);
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            INFO(labels[j].words);
            CHECK_FALSE(document::overlap(a.box, labels[j].box));
        }
    }
}

// `root` and everything inside it, leaving out the groups of class `skip` (the ghost, the cross).
void walkFigure(const XMLElement* root, const std::function<void(const XMLElement*)>& f) {
    f(root);
    for (const auto* e = root->FirstChildElement(); e != nullptr; e = e->NextSiblingElement()) {
        const char* cls = e->Attribute("class");
        if (cls != nullptr &&
            (std::string_view(cls) == "ghost" || std::string_view(cls) == "cross")) {
            continue;
        }
        walkFigure(e, f);
    }
}

// The figure's lines and polygons (not the ghost's, not the cross), as text: two poses drawn
// alike give the same text.
std::string figureOf(const XMLElement* svg) {
    std::string out;
    walkFigure(svg, [&](const XMLElement* e) {
        const std::string_view name = e->Name();
        if (name == "line" || name == "polygon" || name == "circle") {
            for (const auto* a = e->FirstAttribute(); a != nullptr; a = a->Next()) {
                out += std::string(a->Name()) + "=" + a->Value() + " ";
            }
            out += "\n";
        }
    });
    return out;
}

std::size_t countFigure(const XMLElement* svg, std::string_view name, std::string_view cls = {}) {
    std::size_t n = 0;
    walkFigure(svg, [&](const XMLElement* e) {
        if (name == e->Name() &&
            (cls.empty() || (e->Attribute("class") != nullptr && cls == e->Attribute("class")))) {
            ++n;
        }
    });
    return n;
}

std::string serialised(const XMLElement* e) {
    tinyxml2::XMLPrinter printer(nullptr, true);
    e->Accept(&printer);
    return printer.CStr();
}

// The key poses of one exercise: the mannequin in each (its parts as round-capped lines with an
// outline, a fill and a highlight; the feet as polygons; the head with its nose; the line of the
// back) on one floor at one scale; the first pose plain, each later one over the first's faint
// ghost with the parts that moved from it highlighted, and drawn differently from the first
// where the body is placed differently; coordinates with one decimal at most.
void checkPoses(const std::vector<const XMLElement*>& svgs, const core::Exercise& ex) {
    REQUIRE(svgs.size() >= ex.poses.size()); // the key poses, then a fault picture if any
    REQUIRE(svgs.size() <= ex.poses.size() + (ex.scene.fault ? 1 : 0));
    REQUIRE(ex.scene.poses.size() == ex.poses.size());
    std::vector<core::Mannequin> bodies;
    for (std::size_t i = 0; i < ex.poses.size(); ++i) {
        bodies.push_back(core::place(core::settledPose(ex.scene, i)));
    }
    const auto placedAlike = [](const core::Mannequin& a, const core::Mannequin& b) {
        for (std::size_t k = 0; k < core::kPartCount; ++k) {
            if (core::length(a.parts[k].origin - b.parts[k].origin) > 1e-3 ||
                core::length(a.parts[k].end - b.parts[k].end) > 1e-3) {
                return false;
            }
        }
        return true;
    };
    const auto floorY = [](const XMLElement* svg) {
        const auto floors = all(svg, "line", "floor");
        REQUIRE(floors.size() == 1);
        return std::string(floors.front()->Attribute("y1"));
    };
    const std::string floor = floorY(svgs.front());
    const std::string first = figureOf(svgs.front());
    // The key poses; a fault picture after them is crossed out.
    REQUIRE(svgs.size() >= bodies.size());
    for (std::size_t i = bodies.size(); i < svgs.size(); ++i) {
        CHECK(all(svgs[i], "g", "cross").size() == 1);
    }
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        const auto* svg = svgs[i];
        INFO("pose " << i + 1 << ": " << svg->Attribute("aria-label"));
        CHECK(std::string(svg->Attribute("role")) == "img");
        CHECK(floorY(svg) == floor); // one scale for every pose
        CHECK(countFigure(svg, "line") >= 3 * 15);
        CHECK(countFigure(svg, "polygon") >= 2);
        CHECK(countFigure(svg, "circle", "nose") == 1);
        CHECK(countFigure(svg, "polyline", "spine") == 1);
        CHECK(all(svg, "g", "cross").empty());
        const auto rounded = all(svg, "g");
        CHECK(std::any_of(rounded.begin(), rounded.end(), [](const XMLElement* g) {
            return g->Attribute("stroke-linecap") != nullptr &&
                   std::string_view(g->Attribute("stroke-linecap")) == "round";
        }));
        CHECK_FALSE(std::regex_search(serialised(svg), std::regex("[0-9]\\.[0-9]{2}")));
        if (i == 0) {
            CHECK(all(svg, "g", "ghost").empty());
            CHECK(all(svg, "g", "moving").empty());
        } else {
            REQUIRE(all(svg, "g", "ghost").size() == 1);
            CHECK(all(all(svg, "g", "ghost").front(), "line").size() >= 15);
            // The parts that move and those the pose names as working (focus).
            const auto& focus = ex.scene.poses[i].focus;
            CHECK(all(svg, "g", "moving").size() ==
                  core::workingParts(bodies.front(), bodies[i], focus).size());
            CHECK((figureOf(svg) != first) ==
                  (!placedAlike(bodies.front(), bodies[i]) || !focus.empty()));
        }
    }
}

std::vector<const XMLElement*> parsedSvgs(tinyxml2::XMLDocument& doc,
                                          const std::vector<std::string>& svgs) {
    std::string text = "<div>";
    for (const auto& svg : svgs) {
        text += svg;
    }
    text += "</div>";
    INFO(text.substr(0, 2000));
    REQUIRE(doc.Parse(text.c_str()) == tinyxml2::XML_SUCCESS);
    std::vector<const XMLElement*> out;
    for (const auto* e = doc.RootElement()->FirstChildElement("svg"); e != nullptr;
         e = e->NextSiblingElement("svg")) {
        out.push_back(e);
    }
    return out;
}

// A format-2 exercise (docs/exercise-format.md): sitting on a chair, then standing; its fault
// pose sits with the back rounded.
std::string chairStand(bool faultText) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<exercise id="chair-stand" format="2">
  <source licence="CC-BY-4.0" author="Motus contributors">A test.</source>
  <text xml:lang="en">
    <name>Chair stand</name>
    <summary>Stand up from a chair.</summary>
    <steps><step>Sit on the chair.</step><step>Stand up.</step></steps>)") +
           (faultText ? "<fault>Do not let the back round</fault>" : "") + R"(
  </text>
  <classification regions="knee hip" goals="strength" position="sitting" equipment="chair" level="1"/>
  <dose sets="3" reps="10" tempo="2" rest="60" side="both" per-day="1" per-week="3"/>
  <bounds sets="1-3" reps="5-15" hold="0" rest="30-90"/>
  <movement>
    <camera azimuth="20" elevation="15"/>
    <prop type="chair" x="-0.1" height="0.382"/>
    <pose id="sitting" hip-l.flexion="90" knee-l.flexion="90" hip-r.flexion="90" knee-r.flexion="90"
          shoulder-l.flexion="20" elbow-l.flexion="120" shoulder-r.flexion="20" elbow-r.flexion="120"
          contacts="pelvis@chair foot-l foot-r"/>
    <pose id="standing" pelvis.x="0.2" shoulder-l.flexion="20" elbow-l.flexion="120"
          shoulder-r.flexion="20" elbow-r.flexion="120" contacts="foot-l foot-r"/>
    <fault of="sitting" base="sitting" lumbar.flexion="30" thoracic.flexion="30"/>
    <phase type="in" pose="standing"/>
    <phase type="out" pose="sitting"/>
  </movement>
</exercise>
)";
}

core::Exercise parsedExercise(const std::string& text) {
    auto parsed = content::parseExercise(text, "chair-stand.xml");
    std::string problems;
    for (const auto& d : parsed.diagnostics) {
        problems += d.str() + "\n";
    }
    INFO(problems);
    REQUIRE(parsed.exercise);
    return *parsed.exercise;
}

} // namespace

TEST_CASE("html: escaping leaves no markup and no control characters", "[document]") {
    CHECK(document::escape("<b>&\"'</b>") == "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;");
    CHECK(document::escape(std::string("a\x01\x1b[31mb\x7f\tc\n", 12)) == "a[31mb\tc\n");
    CHECK(document::escape("caf\xE9") == "caf\xEF\xBF\xBD"); // Latin-1 é is not UTF-8
    CHECK(document::escape("Übung ✓") == "Übung ✓");
    CHECK(document::num(-0.001) == "0");
    CHECK(document::num(12.345) == "12.35");
    CHECK(document::num(3.0) == "3");
}

TEST_CASE("handout: the handout of a program file has every exercise with its poses",
          "[document][handout]") {
    Patient p;
    const std::string html =
        document::handoutOfFile(*p.practice, bundled("low-back-motor-control"));
    const Parsed doc(html);
    checkFrame(doc, "en");
    CHECK(textOf(doc.body()->FirstChildElement("header")).find("Low back motor control") !=
          std::string::npos);
    CHECK(sectionIds(doc) ==
          std::vector<std::string>{"safety", "schedule", "exercises", "sources"});
    // The program's sources, one item each, with their locators.
    const auto* sources = byId(doc.body(), "sources");
    REQUIRE(sources != nullptr);
    // The program's citations, then one for each exercise.
    const auto program = p.practice->preview(bundled("low-back-motor-control")).program;
    REQUIRE(program);
    std::set<std::string> exercises;
    for (const auto& phase : program->phases) {
        for (const auto& item : phase.items) {
            exercises.insert(item.exercise);
        }
    }
    CHECK(all(sources->FirstChildElement("ul"), "li").size() ==
          program->sources.size() + exercises.size());
    CHECK(textOf(sources).find("doi:") != std::string::npos);
    CHECK(textOf(sources).find("Cat-camel: McGill SM") != std::string::npos);
    // A dose by convention says so beside the dose.
    CHECK(html.find("The dose is a clinical convention, not the source") != std::string::npos);
    // The schedule: one row per phase.
    const auto* schedule = byId(doc.body(), "schedule");
    CHECK(all(schedule->FirstChildElement("table")->FirstChildElement("tbody"), "tr").size() == 3);
    // Each exercise once, in the order it first appears, with one figure per key pose.
    const auto blocks = all(doc.body(), "section", "exercise");
    std::set<std::string> ids;
    const auto parsed = p->preview(bundled("low-back-motor-control"));
    REQUIRE(parsed.program);
    std::vector<std::string> expected;
    for (const auto& phase : parsed.program->phases) {
        for (const auto& item : phase.items) {
            if (ids.insert(item.exercise).second) {
                expected.push_back(item.exercise);
            }
        }
    }
    REQUIRE(blocks.size() == expected.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        CHECK(std::string(blocks[i]->Attribute("id")) == "ex-" + expected[i]);
        const auto* ex = p->library().find(expected[i]);
        REQUIRE(ex != nullptr);
        CHECK(all(blocks[i], "svg", "pose").size() == ex->poses.size());
        CHECK(all(blocks[i], "svg", "pose fault").size() == (ex->scene.fault ? 1U : 0U));
        CHECK(all(blocks[i], "figcaption").size() ==
              ex->poses.size() + (ex->scene.fault ? 1U : 0U));
        checkPoses(all(blocks[i], "svg", "pose"), *ex);
        const std::string text = textOf(blocks[i]);
        CHECK(text.find(ex->text("en").steps.front()) != std::string::npos);
        CHECK(text.find("Stop if") != std::string::npos);
        CHECK(text.find("repetition") != std::string::npos);
    }
    // The dose in words: the abdominal drawing-in of weeks 1-2.
    const std::string drawing = textOf(byId(doc.body(), "ex-abdominal-drawing-in"));
    CHECK(drawing.find("1 set of 8 repetitions") != std::string::npos);
    CHECK(drawing.find("hold 10 seconds in each repetition") != std::string::npos);
    // The curl-up's pyramid and the phase it changes in.
    const std::string curl = textOf(byId(doc.body(), "ex-mcgill-curl-up"));
    CHECK(curl.find("3 sets: 4, 3, then 2 repetitions") != std::string::npos);
    CHECK(curl.find("Activation") != std::string::npos);
    CHECK(curl.find("Control") != std::string::npos);
}

TEST_CASE("handout: the key poses draw the props their scene declares", "[document][handout]") {
    Patient p;
    // Every exercise of the library: a mat under every pose exactly when its scene has one.
    std::size_t withMat = 0;
    for (const auto& ex : p->library().all()) {
        INFO(ex.id);
        const bool mat =
            std::any_of(ex.scene.props.begin(), ex.scene.props.end(),
                        [](const core::Prop& prop) { return prop.kind == core::PropKind::Mat; });
        withMat += mat ? 1 : 0;
        tinyxml2::XMLDocument doc;
        const auto svgs = parsedSvgs(doc, document::keyPoseSvgs(ex, {}));
        CHECK(svgs.size() == ex.poses.size() + (ex.scene.fault ? 1U : 0U));
        for (const auto* svg : svgs) {
            CHECK(all(svg, "g", "mat").size() == (mat ? 1U : 0U));
        }
    }
    CHECK(withMat >= 10);
    const auto* bridge = p->library().find("glute-bridge");
    REQUIRE(bridge != nullptr);
    tinyxml2::XMLDocument doc;
    const auto bridgeSvgs = parsedSvgs(doc, document::keyPoseSvgs(*bridge, {}));
    for (const auto* svg : bridgeSvgs) {
        REQUIRE(all(svg, "g", "mat").size() == 1);
        CHECK(all(all(svg, "g", "mat").front(), "polygon").size() == 1);
    }
    checkPoses(bridgeSvgs, *bridge);
    // The bridge lifts the pelvis: drawn differently, the moving parts highlighted.
    CHECK(figureOf(bridgeSvgs[1]) != figureOf(bridgeSvgs[0]));
    CHECK_FALSE(all(bridgeSvgs[1], "g", "moving").empty());
    // A chair: its solids under every pose, among the body's parts (the mat behind them all).
    const auto chair = parsedExercise(chairStand(true));
    tinyxml2::XMLDocument chairDoc;
    const auto svgs = parsedSvgs(chairDoc, document::keyPoseSvgs(chair, {"sitting", "standing"}));
    REQUIRE(svgs.size() == 3);
    for (const auto* svg : svgs) {
        CHECK(all(svg, "g", "prop").size() >= 2); // the seat and the backrest at least
        CHECK(all(svg, "g", "mat").empty());
        for (const auto* prop : all(svg, "g", "prop")) {
            CHECK(all(prop, "polygon").size() == 1);
        }
    }
    checkPoses({svgs[0], svgs[1]}, chair);
    CHECK_FALSE(all(svgs[1], "g", "moving").empty()); // standing up moves the legs and the trunk
}

TEST_CASE("handout: a fault pose is drawn crossed out after the key poses", "[document][handout]") {
    const auto ex = parsedExercise(chairStand(true));
    REQUIRE(ex.scene.fault);
    tinyxml2::XMLDocument doc;
    const auto svgs =
        parsedSvgs(doc, document::keyPoseSvgs(ex, {"sitting", "standing", "rounded back"}));
    REQUIRE(svgs.size() == 3);
    CHECK(std::string(svgs[0]->Attribute("class")) == "pose");
    CHECK(std::string(svgs[1]->Attribute("class")) == "pose");
    const auto* fault = svgs[2];
    CHECK(std::string(fault->Attribute("class")) == "pose fault");
    CHECK(std::string(fault->Attribute("aria-label")) == "rounded back");
    CHECK(std::string(fault->FirstChildElement("title")->GetText()) == "rounded back");
    // Two vermillion strokes across it; the figure whole under them, nothing highlighted, no
    // ghost, on the same floor at the same scale as the poses.
    const auto crosses = all(fault, "g", "cross");
    REQUIRE(crosses.size() == 1);
    CHECK(all(crosses.front(), "line").size() == 2);
    CHECK(std::string(crosses.front()->Attribute("stroke")) == "#d55e00");
    CHECK(countFigure(fault, "circle", "nose") == 1);
    CHECK(countFigure(fault, "line") >= 3 * 15);
    CHECK(all(fault, "g", "moving").empty());
    CHECK(all(fault, "g", "ghost").empty());
    CHECK(std::string(all(fault, "line", "floor").front()->Attribute("y1")) ==
          std::string(all(svgs[0], "line", "floor").front()->Attribute("y1")));
    // The wrong version of the sitting pose, not the sitting pose again.
    CHECK(figureOf(fault) != figureOf(svgs[0]));
    // Without a label of its own it is named "Not like this".
    tinyxml2::XMLDocument unnamed;
    const auto plain = parsedSvgs(unnamed, document::keyPoseSvgs(ex, {"sitting", "standing"}));
    REQUIRE(plain.size() == 3);
    CHECK(std::string(plain[2]->Attribute("aria-label")) == "Not like this");
    // Without a fault pose, no fault picture.
    auto without = ex;
    without.scene.fault.reset();
    CHECK(document::keyPoseSvgs(without, {"sitting", "standing"}).size() == 2);
}

TEST_CASE("handout: the fault picture is captioned with the exercise's fault text",
          "[document][handout]") {
    for (const bool faultText : {true, false}) {
        INFO(faultText);
        const auto ex = parsedExercise(chairStand(faultText));
        core::Program program;
        program.id = "chairs";
        program.title = "Chairs";
        program.author = "A therapist";
        core::ProgramPhase phase;
        phase.name = "Only";
        phase.items.push_back({ex.id, ex.dose, ex.bounds});
        program.phases.push_back(phase);
        const core::Library library({ex});
        document::HandoutOptions options;
        options.made = day(2026, 11, 2);
        const Parsed doc(document::handoutHtml(program, library, options));
        const auto* block = byId(doc.body(), "ex-chair-stand");
        REQUIRE(block != nullptr);
        CHECK(all(block, "svg", "pose").size() == 2);
        const auto faults = all(block, "figure", "fault");
        REQUIRE(faults.size() == 1);
        CHECK(all(faults.front(), "svg", "pose fault").size() == 1);
        const std::string caption = textOf(faults.front()->FirstChildElement("figcaption"));
        CHECK(caption == (faultText ? "Do not let the back round" : "Not like this"));
        CHECK(std::string(
                  all(faults.front(), "svg", "pose fault").front()->Attribute("aria-label")) ==
              caption);
        // The key poses keep their numbered captions.
        const auto captions = all(block, "figcaption");
        REQUIRE(captions.size() == 3);
        CHECK(textOf(captions[0]).rfind("1. ", 0) == 0);
        CHECK(textOf(captions[1]).rfind("2. ", 0) == 0);
    }
}

TEST_CASE("handout: a hostile note in a program file stays text", "[document][handout]") {
    Patient p;
    std::ifstream in(bundled("neck-upper-back"));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string note = "&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                             "&lt;img src=x onerror=alert(1)&gt;";
    const auto at = text.find("<author>");
    REQUIRE(at != std::string::npos);
    text.insert(at, "<patient>" + note + "</patient>\n  ");
    const auto file = std::filesystem::temp_directory_path() / "motus-hostile-note.xml";
    std::ofstream(file) << text;
    const std::string html = document::handoutOfFile(*p.practice, file);
    std::filesystem::remove(file);
    const Parsed doc(html);
    CHECK(all(doc.html(), "script").empty());
    CHECK(all(doc.html(), "img").empty());
    const std::string header = textOf(doc.body()->FirstChildElement("header"));
    CHECK(header.find("</p><script>alert(\"x\")</script> & <img src=x onerror=alert(1)>") !=
          std::string::npos);
}

TEST_CASE("handout: a handout of a file with errors is refused", "[document][handout]") {
    Patient p;
    const auto file = std::filesystem::temp_directory_path() / "motus-broken-program.xml";
    std::ofstream(file) << "<program id=\"x\" format=\"1\"><title>X</title></program>\n";
    CHECK_THROWS_AS(document::handoutOfFile(*p.practice, file), service::Refused);
    std::filesystem::remove(file);
}

TEST_CASE("handout: the handout of the current program marks the phase and today's doses",
          "[document][handout]") {
    Patient p;
    CHECK_THROWS_AS(document::handoutOfCurrent(*p.practice), service::Refused);
    p.threeWeeks();
    const Parsed doc(document::handoutOfCurrent(*p.practice));
    const auto rows = all(byId(doc.body(), "schedule"), "tr", "now");
    REQUIRE(rows.size() == 1);
    CHECK(textOf(rows.front()).find("Control") != std::string::npos);
    CHECK(textOf(doc.body()->FirstChildElement("header")).find("in force today") !=
          std::string::npos);
    // Dates in words, as on Today: "Printed on 10 November 2026", not an ISO date.
    const std::string header = textOf(doc.body()->FirstChildElement("header"));
    CHECK(header.find("Printed on " + core::dayMonthYear(p->today())) != std::string::npos);
    CHECK(header.find("Started on " + core::dayMonthYear(p->todayView().start)) !=
          std::string::npos);
    // The exercise stopped for the legs says so, in the schedule and in its block.
    std::vector<std::string> stopped;
    for (const auto& pr : p->journal().prescriptions()) {
        if (pr.stopped) {
            stopped.push_back(pr.exercise);
        }
    }
    INFO(textOf(rows.front()));
    REQUIRE(stopped.size() == 1);
    const auto* ex = p->library().find(stopped.front());
    REQUIRE(ex != nullptr);
    CHECK(textOf(rows.front()).find(ex->text("en").name + ": stopped for now") !=
          std::string::npos);
    REQUIRE(byId(doc.body(), "ex-" + stopped.front()) != nullptr);
    CHECK(textOf(byId(doc.body(), "ex-" + stopped.front())).find("Stopped for now") !=
          std::string::npos);
    CHECK(textOf(byId(doc.body(), "ex-cat-camel")).find("Stopped for now") == std::string::npos);
}

TEST_CASE("report: the report shows flags first, then streaks, charts and every change",
          "[document][report]") {
    Patient p;
    CHECK_THROWS_AS(document::reportHtml(*p.practice, {}), service::Refused);
    p.threeWeeks();
    const std::string html = document::reportHtml(*p.practice, {});
    const Parsed doc(html);
    checkFrame(doc, "en");
    // No red flag: the open flags come first (the leg that got worse).
    const auto ids = sectionIds(doc);
    REQUIRE(ids.size() == 7);
    CHECK(ids == std::vector<std::string>{"open-flags", "streaks", "adherence", "pain", "effort",
                                          "doses", "changes"});
    const auto flags = all(byId(doc.body(), "open-flags"), "tr");
    CHECK(flags.size() == 2); // the head and one flag
    CHECK(textOf(flags.back()).find("Bird dog") != std::string::npos);
    // Weekly adherence: one bar per week with a value, labelled in %.
    const auto* adherence = byId(doc.body(), "adherence");
    // Weeks 1-3 and the week in progress (today, nothing done yet: 0 % so far, marked *).
    CHECK(all(adherence, "rect", "bar").size() == 4);
    CHECK(textOf(adherence).find("*") != std::string::npos);
    CHECK(textOf(adherence).find("100 %") != std::string::npos);
    CHECK(textOf(adherence).find("86 %") != std::string::npos); // week 1: one day missed
    // Pain: three series (baseline, during, morning), each with a legend; markers by shape.
    const auto* pain = byId(doc.body(), "pain");
    CHECK(all(pain, "path", "series").size() == 3);
    CHECK(textOf(pain).find("morning pain") != std::string::npos);
    CHECK(textOf(pain).find("baseline") != std::string::npos);
    CHECK(all(pain, "rect").size() >= 20); // open squares: one per morning, and the legend's
    CHECK(!all(byId(doc.body(), "effort"), "polygon").empty()); // triangles
    // Every change numbered in the table, and marked on the charts.
    const auto changes = all(byId(doc.body(), "changes"), "tr");
    const auto history = p->history();
    CHECK(changes.size() == history.size() + 1);
    CHECK(all(byId(doc.body(), "doses"), "line", "event").size() >= history.size());
    bool red = false;
    for (const auto& c : history) {
        red = red || c.row == core::Row::Pain;
    }
    CHECK(red); // the red day stepped something back
    CHECK(textOf(byId(doc.body(), "changes")).find("rule 2") != std::string::npos);
    CHECK(all(byId(doc.body(), "doses"), "svg", "chart").size() >= 5);
    // The lines follow the plan: an exercise of the first phase only ends where the second
    // begins, and one of the second begins there.
    const auto* doses = byId(doc.body(), "doses");
    CHECK(textOf(doses).find("not in this phase") != std::string::npos);
    for (const auto* svg : all(doses, "svg", "chart")) {
        const std::string title = svg->FirstChildElement("title")->GetText();
        const auto paths = all(svg, "path", "series");
        REQUIRE(paths.size() == 1);
        const std::string d = paths.front()->Attribute("d");
        if (title.find("Abdominal drawing-in") != std::string::npos) {
            CHECK(d.rfind("M46,", 0) == 0); // from the first day
            CHECK(textOf(svg).find("not in this phase") != std::string::npos);
        } else if (title.find("Heel slide") != std::string::npos) {
            CHECK(d.rfind("M46,", 0) != 0); // from the start of the second phase
        }
    }
}

TEST_CASE("report: a red flag comes first in the report", "[document][report]") {
    Patient p;
    p.threeWeeks();
    p.morning(3, {core::RedFlag::SaddleNumbness});
    const Parsed doc(document::reportHtml(*p.practice, {}));
    const auto ids = sectionIds(doc);
    REQUIRE(!ids.empty());
    CHECK(ids.front() == "red-flags");
    CHECK(ids.at(1) == "open-flags");
    CHECK(textOf(byId(doc.body(), "red-flags")).find("saddle") != std::string::npos);
}

TEST_CASE("report: the report's period is checked and limits what it shows", "[document][report]") {
    Patient p;
    const Date start = p.today;
    p.threeWeeks();
    CHECK_THROWS_AS(document::reportHtml(*p.practice, {std::nullopt, plus(p.today, 1)}),
                    service::Refused);
    CHECK_THROWS_AS(document::reportHtml(*p.practice, {plus(start, 10), plus(start, 9)}),
                    service::Refused);
    const Parsed doc(document::reportHtml(*p.practice, {plus(start, 7), plus(start, 13)}));
    CHECK(all(byId(doc.body(), "adherence"), "rect", "bar").size() == 1);
    CHECK(textOf(doc.body()->FirstChildElement("header")).find("2026-11-09 to 2026-11-15") !=
          std::string::npos);
}

TEST_CASE("report: the labels of a dose chart do not overlap, even for steps a day apart",
          "[document][report]") {
    Patient p;
    const Date start = p.today;
    (void)p->assign(bundled("low-back-motor-control"), p.today, false);
    for (int d = 0; d < 21; ++d) {
        (void)p->catchUp(); // each week's review on its day, as the app runs it
        p.morning(1);
        p.doRoutine(2, 3);
        p.today = plus(p.today, 1);
    }
    // The review that ends the first phase changes doses on its last day, the day before the
    // second phase begins with its own doses (and ends the lines of exercises it does not have).
    const auto history = p->history();
    CHECK(std::any_of(history.begin(), history.end(),
                      [&](const auto& c) { return c.date == plus(start, 13); }));
    const Parsed doc(document::reportHtml(*p.practice, {}));
    const auto charts = all(byId(doc.body(), "doses"), "svg", "chart");
    REQUIRE(charts.size() >= 5);
    for (const auto* svg : charts) {
        checkReadable(svg);
    }
    for (const auto* svg : all(doc.body(), "svg", "chart")) {
        checkReadable(svg); // adherence, pain and effort too
    }
}

TEST_CASE("chart: crowded labels move apart, and only shortened when nothing is free",
          "[document][chart]") {
    const Date from = day(2026, 11, 2);
    document::LineChart chart;
    chart.title = "crowded";
    chart.axis = "repetitions";
    chart.from = from;
    chart.to = plus(from, 34);
    chart.height = 170;
    chart.yMax = 20;
    chart.yStep = 5;
    document::Series s{"", {}, document::Marker::Circle, true, "#000", "", true, false};
    const std::string dose = "6-4-2 \u00b7 hold 10 s";
    s.points = {{from, 9, "4-3-2 \u00b7 hold 10 s"},
                {plus(from, 12), 12, dose},
                {plus(from, 13), 12, dose},
                {plus(from, 14), 12, "2 \u00d7 10 \u00b7 hold 5 s, tempo 3 s"},
                {plus(from, 15), 12, "switched to McGill curl-up, elbows up", true},
                {plus(from, 16), 12, "not in this phase", true},
                {plus(from, 33), 4, "3 \u00d7 12 \u00b7 hold 10 s, rest 30 s"}};
    chart.series = {s};
    chart.events = {{plus(from, 12), 1, false},
                    {plus(from, 12), 2, true},
                    {plus(from, 13), 3, false},
                    {plus(from, 34), 4, true},
                    {plus(from, 34), 5, false}};
    std::vector<document::Shortened> shortened;
    const std::string svg = document::lineChartSvg(chart, &shortened);
    tinyxml2::XMLDocument doc;
    REQUIRE(doc.Parse(svg.c_str()) == tinyxml2::XML_SUCCESS);
    checkReadable(doc.RootElement());
    // Every label is there, whole or shortened with the whole text as its tooltip.
    std::set<std::string> written;
    for (const auto* t : all(doc.RootElement(), "text")) {
        const auto* title = t->FirstChildElement("title");
        written.insert(title != nullptr ? title->GetText() : textOf(t));
    }
    for (const auto& point : s.points) {
        CHECK(written.contains(point.label));
    }
    for (int n = 1; n <= 5; ++n) {
        CHECK(written.contains(std::to_string(n)));
    }
    for (const auto& c : shortened) {
        CHECK(svg.find("<title>" + document::escape(c.text) + "</title>") != std::string::npos);
    }
}
