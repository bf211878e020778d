// Tests of the program loader: every diagnostic is asserted with its exact text and line. Each
// test starts from one valid minimal program and breaks one thing in it; the exercises come from
// the bundled library.

#include "content/ProgramLoader.hpp"
#include "content/ExerciseLoader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using motus::content::ParsedProgram;
using motus::content::parseProgram;
namespace content = motus::content;
namespace core = motus::core;
namespace fs = std::filesystem;

namespace {

using Replacements = std::vector<std::pair<std::string, std::string>>;
using Lines = std::vector<std::string>;

const core::Library& library() {
    static const core::Library lib = [] {
        auto load = content::loadLibrary({fs::path(MOTUS_SOURCE_DIR) / "exercises"});
        return load.library;
    }();
    return lib;
}

// The valid minimal program. Line numbers matter: the tests name them.
//  1 declaration, 2 <program>, 3 <title>, 4 <author>, 5 <phase>, 6 <item>, 7 </phase>.
// glute-bridge: dose 3 x 10, hold 3, tempo 2, rest 45, both; bounds sets 1-3, reps 8-15,
// hold 2-10, rest 30-90.
const std::string kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<program id="p" format="1">
  <title>Back</title>
  <author>Motus contributors</author>
  <phase name="Activation" weeks="2" per-week="7">
    <item exercise="glute-bridge"/>
  </phase>
</program>
)";

// The minimal program with each `from` (which must occur) replaced, first occurrence only.
std::string doc(const Replacements& replacements = {}) {
    std::string text = kMinimal;
    for (const auto& [from, to] : replacements) {
        const auto at = text.find(from);
        INFO("replacing: " << from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    return text;
}

// The minimal program with its item (line 6) replaced by `lines`.
std::string withItem(const std::string& lines) {
    return doc({{"    <item exercise=\"glute-bridge\"/>", lines}});
}

Lines messages(const std::vector<core::Diagnostic>& diagnostics) {
    Lines out;
    for (const auto& d : diagnostics) {
        out.push_back(d.str());
    }
    return out;
}

ParsedProgram parseWith(const std::string& text, const core::Library& lib = library()) {
    return parseProgram(text, "p.xml", lib);
}

// Parses as "p.xml" and returns the diagnostics; a program is returned exactly when there is
// no error.
Lines parse(const std::string& text, const core::Library& lib = library()) {
    auto result = parseWith(text, lib);
    CHECK(result.program.has_value() == !core::hasErrors(result.diagnostics));
    return messages(result.diagnostics);
}

core::Program program(const std::string& text) {
    auto result = parseWith(text);
    INFO(Catch::StringMaker<Lines>::convert(messages(result.diagnostics)));
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.program);
    return *result.program;
}

const core::ProgramItem& firstItem(const core::Program& p) {
    return p.phases.at(0).items.at(0);
}

std::string describe(const core::IntRange& r) {
    return std::to_string(r.min) + ".." + std::to_string(r.max);
}

// Everything in a program but the lines of its items, as text (for comparisons that show
// the difference).
std::string describe(const core::Program& p) {
    std::ostringstream out;
    out << "id=" << p.id << " format=" << p.formatVersion << " title=" << p.title
        << " author=" << p.author << " patient=" << p.patient.value_or("(none)")
        << " auto=" << p.autoProgression << " quota=" << p.quotaMode << " path=" << p.path << "\n";
    for (const auto& [lang, title] : p.titles) {
        out << "title " << lang << "=" << title << "\n";
    }
    for (const auto& phase : p.phases) {
        out << "phase " << phase.name << " weeks=" << phase.weeks << " perDay=" << phase.perDay
            << " perWeek=" << phase.perWeek << "\n";
        for (const auto& [lang, name] : phase.names) {
            out << "  name " << lang << "=" << name << "\n";
        }
        for (const auto& item : phase.items) {
            const auto& d = item.dose;
            out << "  item " << item.exercise << " sets=" << d.sets << " reps=" << d.reps
                << " hold=" << d.holdSeconds << " tempo=" << d.tempoSeconds
                << " rest=" << d.restSeconds << " side=" << core::toString(d.side)
                << " perDay=" << d.perDay << " perWeek=" << d.perWeek << " pyramid=";
            for (int reps : d.pyramid) {
                out << reps << ",";
            }
            out << " bounds=" << describe(item.bounds.sets) << "/" << describe(item.bounds.reps)
                << "/" << describe(item.bounds.hold) << "/" << describe(item.bounds.rest)
                << " locked=" << item.locked << "\n";
        }
    }
    return out.str();
}

const core::Exercise& exercise(const char* id) {
    const auto* ex = library().find(id);
    REQUIRE(ex != nullptr);
    return *ex;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("motus-program-test-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        const auto file = path / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
};

} // namespace

TEST_CASE("a minimal program takes its doses and bounds from the exercises", "[content][program]") {
    const auto p = program(doc());
    CHECK(p.id == "p");
    CHECK(p.formatVersion == 1);
    CHECK(p.title == "Back");
    CHECK(p.titles.empty());
    CHECK(p.author == "Motus contributors");
    CHECK_FALSE(p.patient);
    CHECK(p.autoProgression);
    CHECK_FALSE(p.quotaMode);
    CHECK(p.path == "p.xml");
    REQUIRE(p.phases.size() == 1);
    const auto& phase = p.phases[0];
    CHECK(phase.name == "Activation");
    CHECK(phase.names.empty());
    CHECK(phase.weeks == 2);
    CHECK(phase.perWeek == 7);
    CHECK(phase.perDay == 1);
    REQUIRE(phase.items.size() == 1);
    const auto& item = phase.items[0];
    const auto& bridge = exercise("glute-bridge");
    CHECK(item.exercise == "glute-bridge");
    CHECK(item.line == 6);
    CHECK_FALSE(item.locked);
    core::Dose expected = bridge.dose;
    expected.perWeek = 7; // the phase's frequency, not the exercise's 3 a week
    expected.perDay = 1;
    CHECK(item.dose == expected);
    CHECK(item.dose.sets == 3);
    CHECK(item.dose.reps == 10);
    CHECK(item.dose.holdSeconds == 3);
    CHECK(item.dose.restSeconds == 45);
    CHECK(item.bounds == bridge.bounds);
}

TEST_CASE("a full program reads every field", "[content][program]") {
    const auto p = program(R"(<?xml version="1.0" encoding="UTF-8"?>
<program id="low-back" format="1">
  <title>Low back motor control</title>
  <title xml:lang="de">Motorische Kontrolle für den unteren Rücken</title>
  <author>Motus  contributors</author>
  <patient>
    Ms Example &amp; co.
  </patient>
  <options auto-progression="false" quota-mode="true"/>
  <phase name="Activation" weeks="2" per-week="7" per-day="2">
    <name xml:lang="de">Aktivierung</name>
    <item exercise="abdominal-drawing-in" sets="2" reps="8" hold="8" tempo="3" rest="20" side="both" locked="true">
      <bounds sets="1-2" reps="6-10" hold="5-10" rest="15-60"/>
    </item>
    <item exercise="glute-bridge" reps="12"/>
  </phase>
  <phase name="Load" weeks="4" per-week="3">
    <name xml:lang="de">Belastung</name>
    <item exercise="glute-bridge" sets="2" rest="60" side="both">
      <bounds reps="10-12"/>
    </item>
  </phase>
</program>
)");
    CHECK(p.id == "low-back");
    CHECK(p.title == "Low back motor control");
    CHECK(p.titleIn("de") == "Motorische Kontrolle für den unteren Rücken");
    CHECK(p.titleIn("fr") == "Low back motor control");
    CHECK(p.author == "Motus contributors");
    CHECK(p.patient == std::optional<std::string>("Ms Example & co."));
    CHECK_FALSE(p.autoProgression);
    CHECK(p.quotaMode);
    REQUIRE(p.phases.size() == 2);
    CHECK(p.totalWeeks() == 6);
    CHECK(p.phases[0].names.at("de") == "Aktivierung");
    CHECK(p.phases[0].perDay == 2);
    CHECK(p.phases[0].sessionsPerWeek() == 14);
    CHECK(p.phases[1].perDay == 1);
    CHECK_FALSE(p.phases[1].daily());

    const auto& drawing = p.phases[0].items[0];
    CHECK(drawing.line == 12);
    CHECK(drawing.locked);
    CHECK(drawing.dose.sets == 2);
    CHECK(drawing.dose.reps == 8);
    CHECK(drawing.dose.holdSeconds == 8);
    CHECK(drawing.dose.tempoSeconds == 3);
    CHECK(drawing.dose.restSeconds == 20);
    CHECK(drawing.dose.side == core::Side::Both);
    CHECK(drawing.dose.perDay == 2);
    CHECK(drawing.dose.perWeek == 7);
    CHECK(drawing.bounds.sets == core::IntRange{1, 2});
    CHECK(drawing.bounds.reps == core::IntRange{6, 10});
    CHECK(drawing.bounds.hold == core::IntRange{5, 10});
    CHECK(drawing.bounds.rest == core::IntRange{15, 60});

    const auto& bridge = p.phases[0].items[1];
    CHECK(bridge.dose.reps == 12);
    CHECK(bridge.dose.sets == 3);

    const auto& later = p.phases[1].items[0];
    CHECK(later.dose.sets == 2);
    CHECK(later.dose.reps == 10);
    CHECK(later.dose.restSeconds == 60);
    CHECK(later.dose.perWeek == 3);
    // Only the reps are narrowed; the rest keep the exercise's bounds.
    CHECK(later.bounds.reps == core::IntRange{10, 12});
    CHECK(later.bounds.sets == exercise("glute-bridge").bounds.sets);
    CHECK(later.bounds.hold == exercise("glute-bridge").bounds.hold);
    CHECK(later.bounds.rest == exercise("glute-bridge").bounds.rest);
}

TEST_CASE("an English title may also say xml:lang=\"en\"", "[content][program]") {
    const auto p = program(doc({{"<title>", "<title xml:lang=\"en\">"}}));
    CHECK(p.title == "Back");
    CHECK(p.titles.empty());
}

TEST_CASE("defaults and pyramids come from the exercise", "[content][program]") {
    const auto& curlUp = exercise("mcgill-curl-up");
    REQUIRE(curlUp.dose.pyramid == std::vector<int>{6, 4, 2});

    SECTION("the pyramid is kept when sets and reps are the exercise's") {
        const auto item =
            firstItem(program(withItem(R"(    <item exercise="mcgill-curl-up" rest="45"/>)")));
        CHECK(item.dose.pyramid == std::vector<int>{6, 4, 2});
        CHECK(item.dose.sets == 3);
        CHECK(item.dose.reps == 6);
        CHECK(item.dose.holdSeconds == 10);
        CHECK(item.dose.restSeconds == 45);
        CHECK(item.dose.side == core::Side::Both);
    }
    SECTION("giving sets or reps drops it") {
        CHECK(firstItem(program(withItem(R"(    <item exercise="mcgill-curl-up" reps="5"/>)")))
                  .dose.pyramid.empty());
        const auto item =
            firstItem(program(withItem(R"(    <item exercise="mcgill-curl-up" sets="2"/>)")));
        CHECK(item.dose.pyramid.empty());
        CHECK(item.dose.sets == 2);
        CHECK(item.dose.reps == 6);
    }
    SECTION("a pyramid without reps sets the reps to its largest entry") {
        const auto item = firstItem(
            program(withItem(R"(    <item exercise="mcgill-curl-up" pyramid="3 4 2"/>)")));
        CHECK(item.dose.pyramid == std::vector<int>{3, 4, 2});
        CHECK(item.dose.reps == 4);
        CHECK(item.dose.repsInSet(1) == 4);
    }
    SECTION("a pyramid on an exercise without one") {
        const auto item = firstItem(
            program(withItem(R"(    <item exercise="glute-bridge" sets="2" pyramid="12 10"/>)")));
        CHECK(item.dose.pyramid == std::vector<int>{12, 10});
        CHECK(item.dose.reps == 12);
    }
    SECTION("hold, tempo and side come from the exercise") {
        const auto item = firstItem(
            program(withItem(R"(    <item exercise="side-plank-knees" sets="2" reps="4"/>)")));
        CHECK(item.dose.holdSeconds == 10);
        CHECK(item.dose.tempoSeconds == 2);
        CHECK(item.dose.side == core::Side::Each);
        CHECK(item.dose.restSeconds == 30);
    }
    SECTION("hold 0 may be given to an exercise whose bounds allow it") {
        const auto item =
            firstItem(program(withItem(R"(    <item exercise="clamshell" hold="0"/>)")));
        CHECK(item.dose.holdSeconds == 0);
    }
}

TEST_CASE("program: the document", "[content][program]") {
    CHECK(parse("") == Lines{"p.xml:1: error: malformed XML: the file is empty"});
    CHECK(parse(doc({{"weeks=\"2\"", "weeks=2"}})) ==
          Lines{"p.xml:5: error: malformed XML: cannot read an attribute (is a value "
                "unquoted?)"});
    CHECK(parse(doc({{"<program", "<!DOCTYPE program>\n<program"}})) ==
          Lines{"p.xml:2: error: a <!DOCTYPE> declaration is not allowed"});
    CHECK(parse(doc({{"</program>\n", "</program>\n<program/>\n"}})) ==
          Lines{"p.xml:9: error: malformed XML: a second top-level element <program> (a file "
                "holds one <program>)"});
    CHECK(parse(R"(<exercise id="x" format="1"/>)") ==
          Lines{"p.xml:1: error: root element is <exercise>, expected <program>"});
    CHECK(parse(std::string(content::kMaxProgramFileBytes + 1, ' ')) ==
          Lines{"p.xml:1: error: file is 262145 bytes, over the limit of 262144"});

    std::string deep = "<program>\n";
    for (int i = 0; i < 8; ++i) {
        deep += "<a>\n";
    }
    std::string closed = deep;
    for (int i = 0; i < 8; ++i) {
        closed += "</a>";
    }
    CHECK(parse(closed + "</program>\n") ==
          Lines{"p.xml:9: error: elements are nested deeper than 8 levels"});
    std::string veryDeep = "<program>\n";
    for (int i = 0; i < 200; ++i) {
        veryDeep += "<a>";
    }
    CHECK(parse(veryDeep) == Lines{"p.xml:2: error: elements are nested deeper than 8 levels"});
}

TEST_CASE("program: the <program> element", "[content][program]") {
    CHECK(parse(doc({{"format=\"1\"", "format=\"1\" version=\"2\""}})) ==
          Lines{"p.xml:2: error: <program>: unknown attribute 'version'"});
    CHECK(parse(doc({{"  <author>", "  <notes/>\n  <author>"}})) ==
          Lines{"p.xml:4: error: <program>: unknown element <notes>"});
    CHECK(parse(doc({{" id=\"p\"", ""}})) ==
          Lines{"p.xml:2: error: <program>: missing required attribute 'id'"});
    CHECK(parse(doc({{"id=\"p\"", "id=\"\""}})) ==
          Lines{"p.xml:2: error: <program> attribute 'id': is empty"});
    CHECK(parse(doc({{"id=\"p\"", "id=\"Low_Back\""}})) ==
          Lines{"p.xml:2: error: <program> attribute 'id': 'Low_Back' is not lower-case words "
                "joined by hyphens"});
    CHECK(parse(doc({{" format=\"1\"", ""}})) ==
          Lines{"p.xml:2: error: <program>: missing required attribute 'format'"});
    CHECK(parse(doc({{"format=\"1\"", "format=\"2\""}})) ==
          Lines{"p.xml:2: error: <program> attribute 'format': version 2 is not supported (this "
                "Motus reads version 1)"});
    CHECK(parse(doc({{"format=\"1\"", "format=\"one\""}})) ==
          Lines{"p.xml:2: error: <program> attribute 'format': 'one' is not a whole number"});
}

TEST_CASE("program: titles, author, patient and options", "[content][program]") {
    CHECK(parse(doc({{"  <title>Back</title>\n", ""}})) ==
          Lines{"p.xml:2: error: <program>: missing required element <title>"});
    CHECK(parse(doc({{"<title>", "<title xml:lang=\"de\">"}})) ==
          Lines{"p.xml:2: error: <program>: missing required element <title> without xml:lang",
                "p.xml:5: warning: <phase>: missing <name xml:lang=\"de\"> (the title is "
                "translated into 'de')"});
    CHECK(parse(doc({{"  <author>", "  <title>Rücken</title>\n  <author>"}})) ==
          Lines{"p.xml:4: error: <program>: element <title> is given twice (first at line 3)"});
    CHECK(parse(doc({{"  <author>", "  <title xml:lang=\"de\">Rücken</title>\n  <title "
                                    "xml:lang=\"de\">Kreuz</title>\n  <author>"}})) ==
          Lines{"p.xml:5: error: <title xml:lang=\"de\"> is given twice (first at line 4)",
                "p.xml:7: warning: <phase>: missing <name xml:lang=\"de\"> (the title is "
                "translated into 'de')"});
    CHECK(parse(doc({{"  <author>", "  <title xml:lang=\"German\">Rücken</title>\n  <author>"}})) ==
          Lines{"p.xml:4: error: <title> attribute 'xml:lang': 'German' is not a two-letter "
                "language code"});
    CHECK(parse(doc({{"<title>Back</title>", "<title>  </title>"}})) ==
          Lines{"p.xml:3: error: <title>: the text is empty"});
    CHECK(parse(doc({{"<title>Back</title>", "<title lang=\"de\">Back</title>"}})) ==
          Lines{"p.xml:3: error: <title>: unknown attribute 'lang'"});
    CHECK(parse(doc({{"<title>Back</title>", "<title>Back <b>pain</b></title>"}})) ==
          Lines{"p.xml:3: error: <title>: unknown element <b>"});

    CHECK(parse(doc({{"  <author>Motus contributors</author>\n", ""}})) ==
          Lines{"p.xml:2: error: <program>: missing required element <author>"});
    CHECK(parse(doc({{"<author>Motus contributors</author>", "<author/>"}})) ==
          Lines{"p.xml:4: error: <author>: the text is empty"});
    CHECK(parse(doc({{"  <phase", "  <author>Someone else</author>\n  <phase"}})) ==
          Lines{"p.xml:5: error: <program>: element <author> is given twice (first at line 4)"});

    CHECK(parse(doc({{"  <phase", "  <patient></patient>\n  <phase"}})) ==
          Lines{"p.xml:5: error: <patient>: the text is empty"});
    CHECK(parse(doc({{"  <phase", "  <patient>A</patient>\n  <patient>B</patient>\n  <phase"}})) ==
          Lines{"p.xml:6: error: <program>: element <patient> is given twice (first at line 5)"});

    CHECK(parse(doc({{"  <phase", "  <options auto-progression=\"yes\"/>\n  <phase"}})) ==
          Lines{"p.xml:5: error: <options> attribute 'auto-progression': 'yes' is not true or "
                "false"});
    CHECK(parse(doc({{"  <phase", "  <options quota-mode=\"1\"/>\n  <phase"}})) ==
          Lines{"p.xml:5: error: <options> attribute 'quota-mode': '1' is not true or false"});
    CHECK(parse(doc({{"  <phase", "  <options progression=\"true\"/>\n  <phase"}})) ==
          Lines{"p.xml:5: error: <options>: unknown attribute 'progression'"});
    CHECK(parse(doc({{"  <phase", "  <options/>\n  <options/>\n  <phase"}})) ==
          Lines{"p.xml:6: error: <program>: element <options> is given twice (first at line 5)"});
    const auto p = program(doc({{"  <phase", "  <options quota-mode=\"true\"/>\n  <phase"}}));
    CHECK(p.autoProgression);
    CHECK(p.quotaMode);
}

TEST_CASE("program: phases", "[content][program]") {
    CHECK(parse(doc({{"  <phase name=\"Activation\" weeks=\"2\" per-week=\"7\">\n"
                      "    <item exercise=\"glute-bridge\"/>\n  </phase>\n",
                      ""}})) == Lines{"p.xml:2: error: <program>: needs at least one <phase>"});
    CHECK(parse(doc({{" name=\"Activation\"", ""}})) ==
          Lines{"p.xml:5: error: <phase>: missing required attribute 'name'"});
    CHECK(parse(doc({{"name=\"Activation\"", "name=\"\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'name': is empty"});
    CHECK(parse(doc({{" weeks=\"2\"", ""}})) ==
          Lines{"p.xml:5: error: <phase>: missing required attribute 'weeks'"});
    CHECK(parse(doc({{"weeks=\"2\"", "weeks=\"0\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'weeks': 0 is outside the range 1..52"});
    CHECK(parse(doc({{"weeks=\"2\"", "weeks=\"53\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'weeks': 53 is outside the range 1..52"});
    CHECK(parse(doc({{"weeks=\"2\"", "weeks=\"2.5\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'weeks': '2.5' is not a whole number"});
    CHECK(parse(doc({{" per-week=\"7\"", ""}})) ==
          Lines{"p.xml:5: error: <phase>: missing required attribute 'per-week'"});
    CHECK(parse(doc({{"per-week=\"7\"", "per-week=\"2\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'per-week': 2 is outside the range 3..7"});
    CHECK(parse(doc({{"per-week=\"7\"", "per-week=\"8\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'per-week': 8 is outside the range 3..7"});
    CHECK(parse(doc({{"per-week=\"7\"", "per-week=\"7\" per-day=\"4\""}})) ==
          Lines{"p.xml:5: error: <phase> attribute 'per-day': 4 is outside the range 1..3"});
    CHECK(parse(doc({{"per-week=\"7\"", "per-week=\"7\" daily=\"true\""}})) ==
          Lines{"p.xml:5: error: <phase>: unknown attribute 'daily'"});
    CHECK(parse(doc({{"    <item exercise=\"glute-bridge\"/>\n", ""}})) ==
          Lines{"p.xml:5: error: <phase>: needs at least one <item>"});
    CHECK(parse(withItem("    <item exercise=\"glute-bridge\"/>\n    <exercise/>")) ==
          Lines{"p.xml:7: error: <phase>: unknown element <exercise>"});
    // Translations of the name.
    CHECK(parse(withItem("    <name>Aktivierung</name>\n    <item exercise=\"glute-bridge\"/>")) ==
          Lines{"p.xml:6: error: <name>: missing required attribute 'xml:lang'"});
    CHECK(parse(withItem("    <name xml:lang=\"en\">Activation</name>\n"
                         "    <item exercise=\"glute-bridge\"/>")) ==
          Lines{"p.xml:6: error: <name> attribute 'xml:lang': the English name is the <phase> "
                "attribute 'name'"});
    CHECK(parse(withItem("    <name xml:lang=\"deu\">Aktivierung</name>\n"
                         "    <item exercise=\"glute-bridge\"/>")) ==
          Lines{"p.xml:6: error: <name> attribute 'xml:lang': 'deu' is not a two-letter language "
                "code"});
    const std::string german = "  <title xml:lang=\"de\">Rücken</title>\n  <author>";
    CHECK(parse(doc({{"  <author>", german},
                     {"    <item", "    <name xml:lang=\"de\">Aktivierung</name>\n"
                                   "    <name xml:lang=\"de\">Anfang</name>\n    <item"}})) ==
          Lines{"p.xml:8: error: <name xml:lang=\"de\"> is given twice (first at line 7)"});
    CHECK(parse(doc(
              {{"  <author>", german}, {"    <item", "    <name xml:lang=\"de\"/>\n    <item"}})) ==
          Lines{"p.xml:7: error: <name>: the text is empty"});
}

TEST_CASE("program: translations that do not match give warnings", "[content][program]") {
    // A German title, and a phase without a German name.
    auto result =
        parseWith(doc({{"  <author>", "  <title xml:lang=\"de\">Rücken</title>\n  <author>"}}));
    CHECK(result.program);
    CHECK(messages(result.diagnostics) ==
          Lines{"p.xml:6: warning: <phase>: missing <name xml:lang=\"de\"> (the title is "
                "translated into 'de')"});
    // A French phase name, and no French title.
    result = parseWith(withItem("    <name xml:lang=\"fr\">Activation</name>\n"
                                "    <item exercise=\"glute-bridge\"/>"));
    CHECK(result.program);
    CHECK(messages(result.diagnostics) ==
          Lines{"p.xml:6: warning: <name xml:lang=\"fr\">: the program has no <title "
                "xml:lang=\"fr\">"});
}

TEST_CASE("program: items", "[content][program]") {
    CHECK(parse(withItem(R"(    <item/>)")) ==
          Lines{"p.xml:6: error: <item>: missing required attribute 'exercise'"});
    CHECK(parse(withItem(R"(    <item exercise="x"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'exercise': unknown exercise 'x'"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge"/>
    <item exercise="cat-camel"/>
    <item exercise="glute-bridge" reps="12"/>)")) ==
          Lines{"p.xml:8: error: <item> attribute 'exercise': 'glute-bridge' is given twice in "
                "this phase (first at line 6)"});
    // The same exercise in two phases is fine.
    CHECK(parse(doc({{"  </phase>\n", "  </phase>\n  <phase name=\"Load\" weeks=\"1\" "
                                      "per-week=\"3\">\n    <item exercise=\"glute-bridge\" "
                                      "reps=\"12\"/>\n  </phase>\n"}})) == Lines{});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" load="5"/>)")) ==
          Lines{"p.xml:6: error: <item>: unknown attribute 'load'"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge"><note/></item>)")) ==
          Lines{"p.xml:6: error: <item>: unknown element <note>"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" locked="yes"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'locked': 'yes' is not true or false"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" side="up"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'side': 'up' is not one of both, left, right, "
                "alternate, each"});
    CHECK(firstItem(program(withItem(R"(    <item exercise="glute-bridge" locked="true"/>)")))
              .locked);
}

TEST_CASE("program: every dose value lies within clinical-rules §1", "[content][program]") {
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" sets="6"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'sets': 6 is outside the range 1..5"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" sets="0"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'sets': 0 is outside the range 1..5"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" reps="40"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'reps': 40 is outside the range 1..30"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" hold="61"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'hold': 61 is outside the range 0..60"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" tempo="5"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'tempo': 5 is outside the range 1..4"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" tempo="0"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'tempo': 0 is outside the range 1..4"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" rest="121"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'rest': 121 is outside the range 0..120"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" reps="ten"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'reps': 'ten' is not a whole number"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" sets=""/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'sets': '' is not a whole number"});
    // The dose is checked even when the exercise is unknown.
    CHECK(parse(withItem(R"(    <item exercise="x" reps="40"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'exercise': unknown exercise 'x'",
                "p.xml:6: error: <item> attribute 'reps': 40 is outside the range 1..30"});
    // The line is the attribute's.
    CHECK(parse(withItem("    <item exercise=\"glute-bridge\"\n          reps=\"40\"/>")) ==
          Lines{"p.xml:7: error: <item> attribute 'reps': 40 is outside the range 1..30"});
}

TEST_CASE("program: every dose value lies within the exercise's bounds", "[content][program]") {
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" reps="20"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'reps': 20 is outside the bounds 8..15 of "
                "exercise 'glute-bridge'"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" sets="4"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'sets': 4 is outside the bounds 1..3 of "
                "exercise 'glute-bridge'"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" hold="1"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'hold': 1 is outside the bounds 2..10 of "
                "exercise 'glute-bridge'"});
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" rest="20"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'rest': 20 is outside the bounds 30..90 of "
                "exercise 'glute-bridge'"});
    CHECK(parse(withItem(R"(    <item exercise="sit-to-stand" hold="2"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'hold': 2 is outside the bounds 0..0 of "
                "exercise 'sit-to-stand'"});
    // Every error of an item is reported.
    CHECK(parse(withItem(R"(    <item exercise="glute-bridge" sets="4" reps="20"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'sets': 4 is outside the bounds 1..3 of "
                "exercise 'glute-bridge'",
                "p.xml:6: error: <item> attribute 'reps': 20 is outside the bounds 8..15 of "
                "exercise 'glute-bridge'"});
}

TEST_CASE("program: a hold needs an exercise with a hold phase", "[content][program]") {
    // An exercise whose bounds would allow a hold, but which has no hold phase.
    core::Exercise camel = exercise("cat-camel");
    camel.bounds.hold = {0, 5};
    const core::Library lib({camel});
    CHECK(parse(withItem(R"(    <item exercise="cat-camel" hold="3"/>)"), lib) ==
          Lines{"p.xml:6: error: <item> attribute 'hold': exercise 'cat-camel' has no hold "
                "phase, so its hold must be 0"});
    CHECK(parse(withItem(R"(    <item exercise="cat-camel" hold="0"/>)"), lib) == Lines{});
}

TEST_CASE("program: pyramids", "[content][program]") {
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" pyramid="6 4"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 2 values for 3 sets"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" sets="1" pyramid="6 4"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 2 values for 1 sets"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" sets="2" pyramid="6"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 1 value for 2 sets"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" pyramid="6 four 2"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 'four' is not a whole number"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" pyramid="6 40 2"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 40 is outside the range 1..30"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" pyramid=""/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': is empty"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" pyramid="12 4 2"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 12 is outside the bounds 2..10 of "
                "exercise 'mcgill-curl-up'"});
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up" pyramid="6 4 1"/>)")) ==
          Lines{"p.xml:6: error: <item> attribute 'pyramid': 1 is outside the bounds 2..10 of "
                "exercise 'mcgill-curl-up'"});
}

TEST_CASE("program: item bounds", "[content][program]") {
    auto item = [](const std::string& bounds, const std::string& dose = "") {
        return withItem("    <item exercise=\"glute-bridge\"" + dose + ">\n      " + bounds +
                        "\n    </item>");
    };
    CHECK(parse(item(R"(<bounds reps="5-12"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'reps': '5-12' is outside the bounds 8..15 "
                "of exercise 'glute-bridge'"});
    CHECK(parse(item(R"(<bounds sets="1-4"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'sets': '1-4' is outside the bounds 1..3 of "
                "exercise 'glute-bridge'"});
    CHECK(parse(item(R"(<bounds hold="0-5"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'hold': '0-5' is outside the bounds 2..10 of "
                "exercise 'glute-bridge'"});
    CHECK(parse(item(R"(<bounds rest="30-120"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'rest': '30-120' is outside the bounds "
                "30..90 of exercise 'glute-bridge'"});
    CHECK(parse(item(R"(<bounds reps="12-15"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'reps': the dose 10 is outside 12..15"});
    CHECK(parse(item(R"(<bounds sets="1-2"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'sets': the dose 3 is outside 1..2"});
    CHECK(parse(item(R"(<bounds hold="5"/>)", R"( hold="4")")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'hold': the dose 4 is outside 5..5"});
    CHECK(parse(item(R"(<bounds rest="60-90"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'rest': the dose 45 is outside 60..90"});
    CHECK(parse(item(R"(<bounds reps="8-40"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'reps': '8-40' is outside the range 1..30"});
    CHECK(parse(item(R"(<bounds reps="12-8"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'reps': '12-8' has its minimum above its "
                "maximum"});
    CHECK(parse(item(R"(<bounds reps="many"/>)")) ==
          Lines{"p.xml:7: error: <bounds> attribute 'reps': 'many' is not a range MIN-MAX of "
                "whole numbers"});
    CHECK(parse(item(R"(<bounds tempo="1-2"/>)")) ==
          Lines{"p.xml:7: error: <bounds>: unknown attribute 'tempo'"});
    CHECK(parse(item("<bounds/>\n      <bounds/>")) ==
          Lines{"p.xml:8: error: <item>: element <bounds> is given twice (first at line 7)"});
    // A dose that is wrong itself is not reported again by the bounds.
    CHECK(parse(item(R"(<bounds reps="8-10"/>)", R"( reps="40")")) ==
          Lines{"p.xml:6: error: <item> attribute 'reps': 40 is outside the range 1..30"});
    // A pyramid: every entry lies within the bounds.
    CHECK(parse(withItem(R"(    <item exercise="mcgill-curl-up">
      <bounds reps="4-10"/>
    </item>)")) == Lines{"p.xml:7: error: <bounds> attribute 'reps': the dose 2 is outside 4..10"});
    // Unknown exercise: the bounds are checked against the limits only.
    CHECK(parse(withItem(R"(    <item exercise="x">
      <bounds reps="5-10"/>
    </item>)")) == Lines{"p.xml:6: error: <item> attribute 'exercise': unknown exercise 'x'"});

    const auto narrowed = firstItem(program(item(R"(<bounds sets="3" reps="8-12"/>)")));
    CHECK(narrowed.bounds.sets == core::IntRange{3, 3});
    CHECK(narrowed.bounds.reps == core::IntRange{8, 12});
    CHECK(narrowed.bounds.hold == exercise("glute-bridge").bounds.hold);
}

TEST_CASE("the bundled programs load with no diagnostics", "[content][program][bundled]") {
    const auto dir = fs::path(MOTUS_SOURCE_DIR) / "exercises";
    const auto files = content::bundledPrograms(dir);
    std::vector<std::string> names;
    for (const auto& file : files) {
        names.push_back(file.filename().string());
    }
    // Sorted by file name: the order of `motus program list` and the programs screen.
    CHECK(names == std::vector<std::string>{"ankle-sprain.xml", "hip-knee.xml",
                                            "hip-osteoarthritis.xml", "knee-osteoarthritis.xml",
                                            "low-back-motor-control.xml", "neck-upper-back.xml",
                                            "otago-falls-prevention.xml", "patellofemoral-pain.xml",
                                            "shoulder-rotator-cuff.xml"});
    std::map<std::string, core::Program> programs;
    for (const auto& file : files) {
        INFO(file.string());
        auto result = content::loadProgramFile(file, library());
        for (const auto& d : result.diagnostics) {
            UNSCOPED_INFO(d.str());
        }
        CHECK(result.diagnostics.empty());
        REQUIRE(result.program);
        const auto& p = *result.program;
        CHECK(p.id == file.stem().string());
        CHECK(p.path == file.string());
        CHECK_FALSE(p.titleIn("de").empty());
        CHECK(p.titleIn("de") != p.title);
        CHECK(p.phases.size() >= 2);
        for (const auto& phase : p.phases) {
            CHECK(phase.names.count("de") == 1);
            CHECK(phase.items.size() >= 3);
        }
        programs.emplace(p.id, p);
    }
    const auto& back = programs.at("low-back-motor-control");
    CHECK(back.totalWeeks() == 6);
    for (const auto& phase : back.phases) {
        CHECK(phase.daily());
    }
    for (const char* id : {"abdominal-drawing-in", "posterior-pelvic-tilt", "mcgill-curl-up",
                           "cat-camel", "bird-dog-arm"}) {
        const auto& items = back.phases[0].items;
        INFO(id);
        CHECK(std::any_of(items.begin(), items.end(),
                          [&](const core::ProgramItem& i) { return i.exercise == id; }));
    }
    for (const auto& phase : programs.at("neck-upper-back").phases) {
        CHECK(phase.perWeek == 5);
    }
    for (const auto& phase : programs.at("hip-knee").phases) {
        CHECK(phase.perWeek == 3);
    }
}

TEST_CASE("bundled programs are found in the programs folder only", "[content][program]") {
    TempDir dir;
    CHECK(content::bundledPrograms(dir.path).empty());
    dir.write("programs/b.xml", "<program/>");
    dir.write("programs/a.xml", "<program/>");
    dir.write("programs/notes.txt", "");
    dir.write("low-back/x.xml", "<exercise/>");
    const auto files = content::bundledPrograms(dir.path);
    REQUIRE(files.size() == 2);
    CHECK(files[0] == dir.path / "programs" / "a.xml");
    CHECK(files[1] == dir.path / "programs" / "b.xml");
}

TEST_CASE("program files: reading", "[content][program]") {
    TempDir dir;
    const auto good = dir.write("good.xml", doc());
    auto result = content::loadProgramFile(good, library());
    CHECK(result.diagnostics.empty());
    REQUIRE(result.program);
    CHECK(result.program->path == good.string());

    const auto bad = dir.write("bad.xml", withItem(R"(    <item exercise="x"/>)"));
    result = content::loadProgramFile(bad, library());
    CHECK_FALSE(result.program);
    CHECK(messages(result.diagnostics) ==
          Lines{bad.string() + ":6: error: <item> attribute 'exercise': unknown exercise 'x'"});

    const auto big = dir.write("big.xml", std::string(content::kMaxProgramFileBytes + 1, ' '));
    result = content::loadProgramFile(big, library());
    CHECK_FALSE(result.program);
    CHECK(messages(result.diagnostics) ==
          Lines{big.string() + ":1: error: file is 262145 bytes, over the limit of 262144"});

    result = content::loadProgramFile(dir.path / "missing.xml", library());
    CHECK_FALSE(result.program);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].str().rfind(
              (dir.path / "missing.xml").string() + ":0: error: cannot read the file", 0) == 0);
}

TEST_CASE("program files: text that is not valid UTF-8 or holds control characters",
          "[content][program][text]") {
    CHECK(parse(doc({{"<title>Back", "<title>R\xFC"
                                     "cken"}})) ==
          Lines{"p.xml:3: error: invalid UTF-8: byte 0xFC is not part of a UTF-8 character (save "
                "the file as UTF-8)"});
    const std::string tail = " is not allowed (only tab, line feed and carriage return are)";
    CHECK(parse(doc({{"<author>Motus", "<author>\x1b]0;owned\x07Motus"}})) ==
          Lines{"p.xml:4: error: control character U+001B" + tail});
    CHECK(parse(doc({{R"(name="Activation")", "name=\"Acti\xC2\x9Bvation\""}})) ==
          Lines{"p.xml:5: error: control character U+009B" + tail});
    CHECK(parse(doc({{"<title>Back", std::string("<title>Ba\0ck", 12)}})) ==
          Lines{"p.xml:3: error: control character U+0000" + tail});
    // &#0; used to cut the title silently to "Ba".
    CHECK(parse(doc({{"<title>Back", "<title>Ba&#0;ck"}})) ==
          Lines{"p.xml:3: error: the character reference &#0; stands for NUL, which is not "
                "allowed"});
    CHECK(parse(doc({{"<title>Back", "<title>Ba&#x0;ck"}})) ==
          Lines{"p.xml:3: error: the character reference &#x0; stands for NUL, which is not "
                "allowed"});
    CHECK(parse(doc({{"<title>Back", "<title>Ba&#x1b;ck"}})) ==
          Lines{"p.xml:3: error: the character reference &#x1b; stands for the control "
                "character U+001B, which is not allowed"});
    CHECK(parse(doc({{"<title>Back", "<title>Ba&#xDFFF;ck"}})) ==
          Lines{"p.xml:3: error: the character reference &#xDFFF; does not stand for a "
                "character"});
    // Nothing but comments and white space after the root element; not even after a NUL.
    CHECK(parse(doc() + "<!-- exported by Motus -->\n").empty());
    CHECK(parse(doc() + "<![CDATA[x]]>") ==
          Lines{"p.xml:9: error: malformed XML: text after the end of <program> "
                "(only comments may follow it)"});
    CHECK(parse(doc() + std::string("\0<program/>", 11)) ==
          Lines{"p.xml:9: error: control character U+0000" + tail});
    // Tab, CR LF and UTF-8 are fine.
    std::string crlf;
    for (char c : doc({{"<title>Back", "<title>R\xC3\xBC"
                                       "cken\tund Nacken"}})) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    const auto p = program(crlf);
    CHECK(p.title == "R\xC3\xBC"
                     "cken und Nacken");
}

TEST_CASE("program files that are not regular files are refused without being opened",
          "[content][program][files]") {
    TempDir dir;
    const auto fifo = dir.path / "fifo.xml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Opening a FIFO for reading waits for a writer: this used to hang for ever.
    auto result = content::loadProgramFile(fifo, library());
    CHECK_FALSE(result.program);
    CHECK(messages(result.diagnostics) ==
          Lines{fifo.string() +
                ":0: error: cannot read the file: it is a FIFO (named pipe), not a regular file"});

    const auto socketFile = dir.path / "socket.xml";
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const std::string name = socketFile.string();
        REQUIRE(name.size() < sizeof address.sun_path);
        std::copy(name.begin(), name.end(), address.sun_path);
        const int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
        ::close(fd);
        REQUIRE(bound == 0);
    }
    result = content::loadProgramFile(socketFile, library());
    CHECK(messages(result.diagnostics) ==
          Lines{socketFile.string() +
                ":0: error: cannot read the file: it is a socket, not a regular file"});

    result = content::loadProgramFile("/dev/null", library());
    CHECK(messages(result.diagnostics) ==
          Lines{"/dev/null:0: error: cannot read the file: it is a device, not a regular file"});

    fs::create_directory(dir.path / "folder.xml");
    result = content::loadProgramFile(dir.path / "folder.xml", library());
    CHECK(messages(result.diagnostics) ==
          Lines{(dir.path / "folder.xml").string() +
                ":0: error: cannot read the file: it is a folder, not a regular file"});

    fs::create_symlink("loop.xml", dir.path / "loop.xml");
    result = content::loadProgramFile(dir.path / "loop.xml", library());
    CHECK(messages(result.diagnostics) ==
          Lines{(dir.path / "loop.xml").string() +
                ":0: error: cannot read the file: it is a symbolic link that loops"});

    fs::create_symlink("gone.xml", dir.path / "dangling.xml");
    result = content::loadProgramFile(dir.path / "dangling.xml", library());
    CHECK(messages(result.diagnostics) ==
          Lines{(dir.path / "dangling.xml").string() +
                ":0: error: cannot read the file: it is a symbolic link to something that does "
                "not exist"});

    // A file that does not exist keeps its message; a link to a good file is read.
    result = content::loadProgramFile(dir.path / "missing.xml", library());
    CHECK(messages(result.diagnostics) ==
          Lines{(dir.path / "missing.xml").string() +
                ":0: error: cannot read the file: No such file or directory"});
    dir.write("good.xml", doc());
    fs::create_symlink("good.xml", dir.path / "link.xml");
    result = content::loadProgramFile(dir.path / "link.xml", library());
    CHECK(messages(result.diagnostics) == Lines{});
    CHECK(result.program);
}

TEST_CASE("program export: the written program reads back the same", "[content][program]") {
    for (const auto& file : content::bundledPrograms(fs::path(MOTUS_SOURCE_DIR) / "exercises")) {
        INFO(file.string());
        auto original = content::loadProgramFile(file, library());
        REQUIRE(original.program);
        const std::string text = content::writeProgram(*original.program, {});
        auto again = content::parseProgram(text, file.string(), library());
        INFO(text);
        CHECK(messages(again.diagnostics) == Lines{});
        REQUIRE(again.program);
        CHECK(describe(*again.program) == describe(*original.program));
        // Writing it again gives the same text.
        CHECK(content::writeProgram(*again.program, {}) == text);
    }
}

TEST_CASE("program export: text that needs escaping", "[content][program]") {
    auto p = program(doc());
    p.title = "Back & neck <early> \"phase\"";
    p.titles["de"] = "Rücken & Nacken";
    p.author = "Dr. A & B";
    p.patient = "Ms O'Brien <1>";
    p.autoProgression = false;
    p.quotaMode = true;
    p.phases[0].name = "Start \"gently\" & <slowly>\tnow";
    p.phases[0].names["de"] = "Sanfter Anfang";
    p.phases[0].items[0].locked = true;
    const auto text = content::writeProgram(p, {});
    const auto again = parseWith(text);
    INFO(text);
    CHECK(messages(again.diagnostics) == Lines{});
    REQUIRE(again.program);
    CHECK(describe(*again.program) == describe(p));
}

TEST_CASE("program export: the doses in force replace the program's", "[content][program]") {
    auto parsed = parseWith(R"(<?xml version="1.0" encoding="UTF-8"?>
<program id="p" format="1">
  <title>Back</title>
  <author>Motus contributors</author>
  <phase name="Activation" weeks="2" per-week="7" per-day="2">
    <item exercise="glute-bridge"/>
    <item exercise="mcgill-curl-up"/>
    <item exercise="cat-camel" locked="true"/>
  </phase>
  <phase name="Load" weeks="4" per-week="3">
    <item exercise="glute-bridge" reps="12"/>
  </phase>
</program>
)");
    REQUIRE(parsed.program);
    const core::Program p = *parsed.program;

    core::Prescription bridge;
    bridge.exercise = "glute-bridge";
    bridge.dose = exercise("glute-bridge").dose; // the exercise's frequency: 3 a week
    bridge.dose.reps = 11;
    bridge.dose.holdSeconds = 5;
    bridge.bounds = exercise("glute-bridge").bounds;
    bridge.bounds.reps = {8, 12};
    bridge.locked = true;
    core::Prescription curlUp;
    curlUp.exercise = "mcgill-curl-up";
    curlUp.dose = exercise("mcgill-curl-up").dose;
    curlUp.dose.pyramid = {7, 5, 3};
    curlUp.dose.reps = 7;
    curlUp.bounds = exercise("mcgill-curl-up").bounds;
    core::Prescription other; // not in the program: ignored
    other.exercise = "bird-dog";
    other.dose = exercise("bird-dog").dose;

    core::Program expected = p;
    auto apply = [](core::ProgramItem& item, const core::Prescription& rx) {
        const int perDay = item.dose.perDay;
        const int perWeek = item.dose.perWeek;
        item.dose = rx.dose;
        item.dose.perDay = perDay;
        item.dose.perWeek = perWeek;
        item.bounds = rx.bounds;
        item.locked = rx.locked;
    };

    SECTION("in every phase") {
        apply(expected.phases[0].items[0], bridge);
        apply(expected.phases[0].items[1], curlUp);
        apply(expected.phases[1].items[0], bridge);
        const auto text = content::writeProgram(p, {bridge, curlUp, other});
        const auto again = parseWith(text);
        INFO(text);
        CHECK(messages(again.diagnostics) == Lines{});
        REQUIRE(again.program);
        CHECK(describe(*again.program) == describe(expected));
        const auto& item = again.program->phases[0].items[0];
        CHECK(item.dose.reps == 11);
        CHECK(item.dose.holdSeconds == 5);
        CHECK(item.dose.perWeek == 7); // the phase's frequency stays
        CHECK(item.dose.perDay == 2);
        CHECK(item.locked);
        CHECK(again.program->phases[0].items[1].dose.pyramid == std::vector<int>{7, 5, 3});
        CHECK(again.program->phases[0].items[2].locked);
    }
    SECTION("in one phase") {
        apply(expected.phases[0].items[0], bridge);
        apply(expected.phases[0].items[1], curlUp);
        const auto text = content::writeProgram(p, {bridge, curlUp}, std::size_t{0});
        const auto again = parseWith(text);
        REQUIRE(again.program);
        CHECK(describe(*again.program) == describe(expected));
        CHECK(again.program->phases[1].items[0].dose.reps == 12);
        CHECK(again.program->phases[1].items[0].dose.holdSeconds == 3);
    }
}

TEST_CASE("a program names its sources, each phase why its doses, and advice in every language",
          "[content][program]") {
    const std::string text =
        doc({{"  <author>Motus contributors</author>\n",
              "  <author>Motus contributors</author>\n"
              "  <source>Smith J. A trial. J Test 2001;1:2-3, doi:10.1000/test.</source>\n"
              "  <source>Jones K. A book, 2nd ed., ch. 4.</source>\n"
              "  <advice>Walk for 30 minutes twice a week.</advice>\n"
              "  <advice xml:lang=\"de\">Gehen Sie zweimal in der Woche 30 Minuten.</advice>\n"},
             {"  <title>Back</title>\n",
              "  <title>Back</title>\n  <title xml:lang=\"de\">Rücken</title>\n"},
             {"per-week=\"7\">\n", "per-week=\"7\">\n    <name xml:lang=\"de\">Aktivierung</name>\n"
                                   "    <basis dose-basis=\"convention\">Two sets to start: ACSM "
                                   "2009.</basis>\n"}});
    const auto p = program(text);
    CHECK(p.sources ==
          std::vector<std::string>{"Smith J. A trial. J Test 2001;1:2-3, doi:10.1000/test.",
                                   "Jones K. A book, 2nd ed., ch. 4."});
    CHECK(p.adviceIn("en") == "Walk for 30 minutes twice a week.");
    CHECK(p.adviceIn("de") == "Gehen Sie zweimal in der Woche 30 Minuten.");
    CHECK(p.adviceIn("es") == p.advice); // English when not translated
    CHECK(p.phases.at(0).basis == "Two sets to start: ACSM 2009.");
    CHECK(p.phases.at(0).doseFromConvention);
    // Written out as the export writes it, and read back the same.
    const std::string written = content::writeProgram(p, {});
    const auto again = program(written);
    CHECK(again.sources == p.sources);
    CHECK(again.advice == p.advice);
    CHECK(again.advices == p.advices);
    CHECK(again.phases.at(0).basis == p.phases.at(0).basis);
    CHECK(again.phases.at(0).doseFromConvention);
    CHECK(content::writeProgram(again, {}) == written);

    // Advice without English, or missing a language of the title, is named.
    CHECK(parse(doc({{"  <author>Motus contributors</author>\n",
                      "  <author>Motus contributors</author>\n  <advice xml:lang=\"de\">Gehen "
                      "Sie.</advice>\n"}})) ==
          Lines{"p.xml:5: error: <program>: <advice> needs one without xml:lang (English)"});
    CHECK(parse(doc({{"  <title>Back</title>\n",
                      "  <title>Back</title>\n  <title xml:lang=\"de\">Rücken</title>\n"},
                     {"  <author>Motus contributors</author>\n",
                      "  <author>Motus contributors</author>\n  <advice>Walk.</advice>\n"},
                     {"per-week=\"7\">\n",
                      "per-week=\"7\">\n    <name xml:lang=\"de\">Aktivierung</name>\n"}})) ==
          Lines{"p.xml:6: warning: <program>: missing <advice xml:lang=\"de\"> (the title is "
                "translated into 'de')"});
    CHECK(parse(doc({{"per-week=\"7\">\n",
                      "per-week=\"7\">\n    <basis dose-basis=\"maybe\">Why.</basis>\n"}})) ==
          Lines{"p.xml:6: error: <basis> attribute 'dose-basis': 'maybe' is not one of source, "
                "convention"});
}
